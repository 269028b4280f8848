//! User settings. Every number of the practice is a setting with a default (DOMAIN.md preamble);
//! each section is `#[serde(default)]` so that a file from an older version fills in new fields.

use crate::domain::measures::ReportSettings;
use crate::domain::plan::PlanSettings;
use crate::domain::record::VisitSettings;
use crate::domain::schedule::ScheduleSettings;
use crate::domain::tier::TierSettings;
use serde::{Deserialize, Serialize};

/// Who the user is: filled into scripts ({坐席}, {公司}) and printed on reports.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub agent_name: String,
    pub company: String,
    pub supervisor: String,
    /// The support channel given at the end of a call ({热线}): a hotline, a WeChat account.
    pub hotline: String,
    /// What the user does: an agent makes the calls; a supervisor also reviews records.
    pub role: Role,
}

impl Profile {
    /// The name a verdict is signed with: the user's own name, or the supervisor's when the user
    /// left theirs empty (a supervisor who filled in only that field).
    pub fn reviewer_name(&self) -> String {
        if self.agent_name.trim().is_empty() { self.supervisor.clone() } else { self.agent_name.clone() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 坐席: makes the calls and files the records.
    #[default]
    Agent,
    /// 主管: reviews the records (approves or returns them) as well.
    Supervisor,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Agent, Role::Supervisor];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupSettings {
    /// Remind the user to export a backup after this many days without one.
    pub remind_after_days: u32,
}

impl Default for BackupSettings {
    fn default() -> Self {
        BackupSettings { remind_after_days: 7 }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Bumped on every save: settings saved in another tab since these were loaded make the save
    /// a conflict instead of silently replacing them (0: never saved).
    pub rev: u64,
    pub profile: Profile,
    pub tiers: TierSettings,
    pub backup: BackupSettings,
    /// Targets per measure and the conversion window (`domain::measures`).
    pub reports: ReportSettings,
    pub visits: VisitSettings,
    /// The follow-up schedule's windows, holidays and reminders.
    pub schedule: ScheduleSettings,
    /// A day's work: the daily capacity and the order of Today.
    pub plan: PlanSettings,
}
