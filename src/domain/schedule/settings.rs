//! The numbers of the schedule (DOMAIN.md "Scenarios"): every one a setting with a default.

use crate::domain::agenda::Responsible;
use crate::domain::customer::{ContactMethod, Id, Severity};
use serde::{Deserialize, Serialize};

/// Days after an anchor event: the window opens `from` days after it and closes `to` days after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayWindow {
    pub from: u32,
    pub to: u32,
}

impl DayWindow {
    /// A window whose end is before its start is read as a single day.
    pub fn normalized(self) -> DayWindow {
        DayWindow { from: self.from, to: self.to.max(self.from) }
    }
}

/// One post-purchase node: `day` days after the purchase, open for `window_days` more days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchaseNode {
    pub day: u32,
    pub window_days: u32,
    pub method: ContactMethod,
}

/// Who follows up a complaint of a severity, and whether the visits are on site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeverityRule {
    pub responsible: Responsible,
    /// The first contact (handling) and the first follow-up are on site.
    pub on_site: bool,
    /// Every later follow-up round is on site too (DOMAIN.md: for a major complaint, on site for
    /// every round). Without it, second and later rounds may be by phone.
    #[serde(default = "every_round_default")]
    pub on_site_every_round: bool,
}

fn every_round_default() -> bool {
    true
}

/// Monthly quality sampling (日常抽样回访): a few of the customers served in a month, and a share
/// of its repair orders and complaint cases, are called at the start of the next month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sampling {
    pub enabled: bool,
    /// Customers served in the month (a visit reached them, or a service or repair was done):
    /// a tenth of them, at least `customers_min` and at most `customers_max`.
    pub customers_min: u32,
    pub customers_max: u32,
    /// Share of the month's repair orders, in percent (rounded up).
    pub repair_percent: u32,
    /// Share of the month's complaint cases, in percent (rounded up).
    pub complaint_percent: u32,
    /// The calls fall in the first days of the next month.
    pub window_days: u32,
}

impl Default for Sampling {
    fn default() -> Self {
        Sampling {
            enabled: true,
            customers_min: 3,
            customers_max: 5,
            repair_percent: 30,
            complaint_percent: 50,
            window_days: 10,
        }
    }
}

/// When a user-defined holiday falls each year.
/// Stored externally tagged (`{"lunar": {"month": 5, "day": 5}}`): an internally tagged enum
/// costs several KB more of deserialising code in the download.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayDate {
    /// The same Gregorian month and day every year (29 February is kept on 28 February in
    /// common years).
    Gregorian { month: u32, day: u32 },
    /// A lunar month and day (the ordinary month, never the leap one).
    Lunar { month: u8, day: u8 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    pub id: Id,
    pub name: String,
    pub date: HolidayDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScheduleSettings {
    /// New-customer activation, after the first purchase or registration (7–15 days).
    pub activation: DayWindow,
    pub activation_method: ContactMethod,
    /// Post-purchase nodes (3, 7, 30, 90 days).
    pub purchase_nodes: Vec<PurchaseNode>,
    /// After a service or repair (1–3 days).
    pub after_service: DayWindow,
    /// Complaint handling: acknowledge a complaint and confirm the facts within this window after
    /// it is raised (24–48 hours: days 0–2).
    pub complaint_handling: DayWindow,
    /// First complaint follow-up after it is resolved (24–48 hours: days 1–2).
    pub complaint_first: DayWindow,
    /// Until the customer confirms the complaint is settled, follow up again this many days after
    /// the last follow-up, with a window of `complaint_repeat_window_days`.
    pub complaint_repeat_days: u32,
    pub complaint_repeat_window_days: u32,
    /// Indexed by [`severity_index`]: general, important, major.
    pub severity: [SeverityRule; 3],
    /// An incident at the customer's site, "as soon as possible" (days 0–1), on site.
    pub incident: DayWindow,
    /// Periodic care applies to customers of more than this many months.
    pub care_after_months: u32,
    /// How many days a care visit may take once it is due.
    pub care_window_days: u32,
    pub care_method: ContactMethod,
    /// Birthday care starts this many days before the birthday.
    pub birthday_lead_days: u32,
    pub birthday_method: ContactMethod,
    /// Holiday care starts this many days before the holiday.
    pub holiday_lead_days: u32,
    pub holiday_method: ContactMethod,
    pub spring_festival: bool,
    pub mid_autumn: bool,
    pub holidays: Vec<Holiday>,
    /// Announce a non-urgent visit to the customer the day before (SMS).
    pub announce_day_before: bool,
    /// "No contact in N days": customers not reached for this long are listed.
    pub no_contact_days: u32,
    /// Today lists the coming this many days.
    pub coming_days: u32,
    /// The life of an item (`docs/item-life-cycle.md`): how many days after its window closes an
    /// item that nobody did lapses. The last post-purchase node (earlier nodes are superseded by
    /// the next one instead):
    pub purchase_grace_days: u32,
    /// New-customer activation (it also lapses as soon as the customer is reached for any reason).
    pub activation_grace_days: u32,
    /// The call after a service or repair.
    pub service_grace_days: u32,
    /// Quality sampling, SMS care after an unanswered call, the intention check of a potential
    /// need.
    pub other_grace_days: u32,
    pub sampling: Sampling,
}

pub fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::General => 0,
        Severity::Important => 1,
        Severity::Major => 2,
    }
}

impl Default for ScheduleSettings {
    fn default() -> Self {
        ScheduleSettings {
            activation: DayWindow { from: 7, to: 15 },
            activation_method: ContactMethod::Phone,
            purchase_nodes: vec![
                PurchaseNode { day: 3, window_days: 2, method: ContactMethod::Phone },
                PurchaseNode { day: 7, window_days: 2, method: ContactMethod::Phone },
                PurchaseNode { day: 30, window_days: 5, method: ContactMethod::Sms },
                PurchaseNode { day: 90, window_days: 7, method: ContactMethod::Sms },
            ],
            after_service: DayWindow { from: 1, to: 3 },
            complaint_handling: DayWindow { from: 0, to: 2 },
            complaint_first: DayWindow { from: 1, to: 2 },
            complaint_repeat_days: 7,
            complaint_repeat_window_days: 3,
            severity: [
                SeverityRule { responsible: Responsible::Agent, on_site: false, on_site_every_round: false },
                SeverityRule { responsible: Responsible::Supervisor, on_site: false, on_site_every_round: false },
                SeverityRule { responsible: Responsible::Manager, on_site: true, on_site_every_round: true },
            ],
            incident: DayWindow { from: 0, to: 1 },
            care_after_months: 3,
            care_window_days: 7,
            care_method: ContactMethod::Phone,
            birthday_lead_days: 3,
            birthday_method: ContactMethod::Sms,
            holiday_lead_days: 3,
            holiday_method: ContactMethod::Sms,
            spring_festival: true,
            mid_autumn: true,
            holidays: Vec::new(),
            announce_day_before: true,
            no_contact_days: 90,
            coming_days: 7,
            purchase_grace_days: 7,
            activation_grace_days: 30,
            service_grace_days: 7,
            other_grace_days: 14,
            sampling: Sampling::default(),
        }
    }
}

impl ScheduleSettings {
    pub fn severity_rule(&self, severity: Severity) -> SeverityRule {
        self.severity[severity_index(severity)]
    }

    /// Every number with the range the settings form allows: (field, value, lowest, highest).
    /// A file may carry anything; these are what the app accepts from it, the same as from the
    /// form.
    pub fn numbers(&self) -> Vec<(String, u32, u32, u32)> {
        let mut out: Vec<(String, u32, u32, u32)> = Vec::new();
        let mut add = |field: &str, value: u32, lo: u32, hi: u32| out.push((field.to_string(), value, lo, hi));
        for (name, w) in [
            ("activation", self.activation),
            ("after_service", self.after_service),
            ("complaint_handling", self.complaint_handling),
            ("complaint_first", self.complaint_first),
            ("incident", self.incident),
        ] {
            add(&format!("{name}.from"), w.from, 0, 3650);
            add(&format!("{name}.to"), w.to, 0, 3650);
        }
        add("complaint_repeat_days", self.complaint_repeat_days, 1, 365);
        add("complaint_repeat_window_days", self.complaint_repeat_window_days, 0, 365);
        add("care_after_months", self.care_after_months, 0, 120);
        add("care_window_days", self.care_window_days, 0, 365);
        add("birthday_lead_days", self.birthday_lead_days, 0, 60);
        add("holiday_lead_days", self.holiday_lead_days, 0, 60);
        add("no_contact_days", self.no_contact_days, 0, 3650);
        add("coming_days", self.coming_days, 0, 90);
        add("purchase_grace_days", self.purchase_grace_days, 0, 365);
        add("activation_grace_days", self.activation_grace_days, 0, 365);
        add("service_grace_days", self.service_grace_days, 0, 365);
        add("other_grace_days", self.other_grace_days, 0, 365);
        add("sampling.customers_min", self.sampling.customers_min, 0, 100);
        add("sampling.customers_max", self.sampling.customers_max, 0, 100);
        add("sampling.repair_percent", self.sampling.repair_percent, 0, 100);
        add("sampling.complaint_percent", self.sampling.complaint_percent, 0, 100);
        add("sampling.window_days", self.sampling.window_days, 0, 28);
        for (i, n) in self.purchase_nodes.iter().enumerate() {
            add(&format!("purchase_nodes[{i}].day"), n.day, 0, 3650);
            add(&format!("purchase_nodes[{i}].window_days"), n.window_days, 0, 365);
        }
        out
    }
}
