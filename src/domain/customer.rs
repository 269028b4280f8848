//! The customer book: a customer's profile, their purchases and service events, and their tier
//! history (DOMAIN.md "Before a visit", "Tiers").

use crate::domain::money::Money;
use crate::domain::tier::{Level, Tier};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

pub use crate::domain::id::Id;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Honorific {
    /// No honorific: the customer is addressed by name alone.
    #[default]
    None,
    /// 先生
    Mr,
    /// 女士
    Ms,
}

/// Need type (需求类型): steers the script's emphasis and counts as a tiering dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NeedType {
    /// 刚需
    #[default]
    Essential,
    /// 改善型
    Improvement,
    /// 尝鲜型
    Trial,
}

impl NeedType {
    pub const ALL: [NeedType; 3] = [NeedType::Essential, NeedType::Improvement, NeedType::Trial];
}

/// How a customer is contacted; also the method of a visit (DOMAIN.md "The record form").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactMethod {
    Phone,
    Sms,
    Email,
    /// WeChat or another social app.
    WeChat,
    /// An online questionnaire.
    Questionnaire,
    OnSite,
    Letter,
}

impl ContactMethod {
    pub const ALL: [ContactMethod; 7] = [
        ContactMethod::Phone,
        ContactMethod::Sms,
        ContactMethod::Email,
        ContactMethod::WeChat,
        ContactMethod::Questionnaire,
        ContactMethod::OnSite,
        ContactMethod::Letter,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Birthday {
    /// The Gregorian date of birth.
    #[serde(deserialize_with = "crate::domain::wire::date", serialize_with = "crate::domain::wire::write_date")]
    pub date: NaiveDate,
    /// The customer celebrates on the lunar anniversary of `date` (农历生日).
    #[serde(default)]
    pub lunar: bool,
}

impl Birthday {
    /// The day the birthday is kept in `year`: the lunar anniversary for a lunar birthday (the
    /// Gregorian one outside the lunar tables), else the same month and day, 29 February on
    /// 28 February in common years. The schedule's birthday items follow the same rule.
    pub fn in_year(&self, year: i32) -> Option<NaiveDate> {
        match self.lunar.then(|| crate::domain::lunar::to_lunar(self.date)).flatten() {
            Some(born) => crate::domain::lunar::anniversary(year, born.month, born.day),
            None => crate::domain::date::anniversary_in(self.date, year),
        }
    }

    /// The birthday nearest `on`, before or after it (the coming one on a tie): the one a
    /// greeting made on `on` is about.
    pub fn nearest(&self, on: NaiveDate) -> Option<NaiveDate> {
        use chrono::Datelike;
        (on.year() - 1..=on.year() + 1)
            .filter_map(|year| self.in_year(year))
            .filter(|d| *d > self.date)
            .min_by_key(|d| ((*d - on).num_days().abs(), *d < on))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Purchase {
    pub id: Id,
    #[serde(deserialize_with = "crate::domain::wire::date", serialize_with = "crate::domain::wire::write_date")]
    pub date: NaiveDate,
    pub amount: Money,
    /// Product or category.
    pub product: String,
    #[serde(default)]
    pub note: String,
}

/// Complaint severity (一般/重要/重大): decides who visits and whether on site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    General,
    Important,
    Major,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServiceEventKind {
    /// A service was finished.
    ServiceDone,
    /// A repair was finished.
    RepairDone,
    /// A complaint was raised. Its follow-up starts when it is resolved.
    ComplaintRaised { severity: Severity },
    /// The complaint with this event id was resolved by the company.
    ComplaintResolved { complaint: Id },
    /// The customer confirmed on a visit that the complaint is settled; follow-ups stop.
    ComplaintSettled { complaint: Id },
    /// An incident at the customer's site was handled.
    IncidentHandled,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceEvent {
    pub id: Id,
    #[serde(deserialize_with = "crate::domain::wire::date", serialize_with = "crate::domain::wire::write_date")]
    pub date: NaiveDate,
    #[serde(flatten)]
    pub kind: ServiceEventKind,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierOverride {
    pub tier: Tier,
    pub reason: String,
    #[serde(deserialize_with = "crate::domain::wire::date", serialize_with = "crate::domain::wire::write_date")]
    pub since: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TierChangeReason {
    /// The computed tier changed with the data (a purchase, a visit, time passing). `moves` says
    /// which dimensions moved; changes recorded before it was kept have none.
    Computed { moves: Vec<TierMove> },
    /// The user changed the thresholds (by hand or by calibrating them to the book); `moves` says
    /// which dimensions now read differently.
    Thresholds { moves: Vec<TierMove> },
    /// The user set a tier by hand.
    Override { note: String },
    /// The user went back to the computed tier.
    OverrideCleared,
    /// Silver customer demoted after unanswered calls (DOMAIN.md no-answer rule).
    NoAnswerDemotion,
}

/// How a [`TierChangeReason`] is read, variant by variant (`domain::tagged`: serde's own reading of
/// a tagged enum copies it first, and the tier history holds one per change). The compiler checks
/// it against the enum. A change recorded before `moves` was kept has none.
#[derive(Deserialize)]
#[serde(remote = "TierChangeReason", rename_all = "snake_case")]
enum TierChangeReasonRead {
    Computed {
        #[serde(default)]
        moves: Vec<TierMove>,
    },
    Thresholds {
        #[serde(default)]
        moves: Vec<TierMove>,
    },
    Override {
        note: String,
    },
    OverrideCleared,
    NoAnswerDemotion,
}

crate::domain::tagged::read_tag_first!(TierChangeReason, TierChangeReasonRead, "type");

impl TierChangeReason {
    /// A computed change whose dimensions were not recorded (what older data holds).
    pub const COMPUTED: TierChangeReason = TierChangeReason::Computed { moves: Vec::new() };
}

/// One dimension of a computed tier change: what it measured before and after, and the level
/// that gave, so that the history can say "30 天内有 3 天互动 → 活跃" in the language it is read in.
/// The window is stored with the figure because the user may change it later.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "dimension", rename_all = "snake_case")]
pub enum TierMove {
    /// Purchase days a month over the last `months` months.
    Frequency { months: u32, from: f64, to: f64, from_level: Level, to_level: Level },
    /// Spend over the last `months` months.
    Spend { months: u32, from: Money, to: Money, from_level: Level, to_level: Level },
    /// Days with an interaction among the last `window_days` days.
    Activity { window_days: u32, from: u32, to: u32, from_level: Level, to_level: Level },
    /// The need type the user recorded.
    Need { from: NeedType, to: NeedType },
}

/// How a [`TierMove`] is read, variant by variant (`domain::tagged`). The compiler checks it
/// against the enum.
#[derive(Deserialize)]
#[serde(remote = "TierMove", rename_all = "snake_case")]
enum TierMoveRead {
    Frequency { months: u32, from: f64, to: f64, from_level: Level, to_level: Level },
    Spend { months: u32, from: Money, to: Money, from_level: Level, to_level: Level },
    Activity { window_days: u32, from: u32, to: u32, from_level: Level, to_level: Level },
    Need { from: NeedType, to: NeedType },
}

crate::domain::tagged::read_tag_first!(TierMove, TierMoveRead, "dimension");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierChange {
    #[serde(deserialize_with = "crate::domain::wire::date", serialize_with = "crate::domain::wire::write_date")]
    pub on: NaiveDate,
    pub from: Option<Tier>,
    pub to: Tier,
    pub reason: TierChangeReason,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Customer {
    pub id: Id,
    /// Bumped on every save; a save whose expected revision no longer matches storage is a
    /// concurrent edit (another tab) and is refused rather than silently overwriting it.
    pub rev: u64,
    pub name: String,
    pub honorific: Honorific,
    pub phones: Vec<String>,
    pub email: String,
    pub wechat: String,
    pub address: String,
    pub birthday: Option<Birthday>,
    /// Registration date: nothing is scheduled before it.
    #[serde(deserialize_with = "crate::domain::wire::date", serialize_with = "crate::domain::wire::write_date")]
    pub registered_on: NaiveDate,
    pub source: String,
    /// Preference tags ("常购品类", "关注促销").
    pub tags: Vec<String>,
    pub need: NeedType,
    pub preferred_method: Option<ContactMethod>,
    /// Free text such as "工作日晚上" or "weekday evenings".
    pub preferred_time: String,
    pub do_not_contact: bool,
    pub notes: String,
    pub purchases: Vec<Purchase>,
    pub events: Vec<ServiceEvent>,
    /// The tier last recorded in the history (computed or overridden).
    pub tier: Option<Tier>,
    pub tier_override: Option<TierOverride>,
    pub tier_history: Vec<TierChange>,
    /// Periodic care visits stopped (Basic no-answer rule) until the user resumes them.
    pub periodic_paused: bool,
    /// Handed to a dedicated specialist (Diamond no-answer rule).
    pub specialist: Option<String>,
    /// Part of the demo data set; removed in one step before real work starts.
    pub demo: bool,
    #[serde(
        deserialize_with = "crate::domain::wire::datetime",
        serialize_with = "crate::domain::wire::write_datetime"
    )]
    pub created_at: NaiveDateTime,
    #[serde(
        deserialize_with = "crate::domain::wire::datetime",
        serialize_with = "crate::domain::wire::write_datetime"
    )]
    pub updated_at: NaiveDateTime,
}

impl Default for Customer {
    fn default() -> Self {
        let epoch = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
        Customer {
            id: Id::default(),
            rev: 0,
            name: String::new(),
            honorific: Honorific::None,
            phones: Vec::new(),
            email: String::new(),
            wechat: String::new(),
            address: String::new(),
            birthday: None,
            registered_on: epoch,
            source: String::new(),
            tags: Vec::new(),
            need: NeedType::Essential,
            preferred_method: None,
            preferred_time: String::new(),
            do_not_contact: false,
            notes: String::new(),
            purchases: Vec::new(),
            events: Vec::new(),
            tier: None,
            tier_override: None,
            tier_history: Vec::new(),
            periodic_paused: false,
            specialist: None,
            demo: false,
            created_at: epoch.and_hms_opt(0, 0, 0).unwrap_or_default(),
            updated_at: epoch.and_hms_opt(0, 0, 0).unwrap_or_default(),
        }
    }
}

impl Customer {
    pub fn total_spend(&self) -> Money {
        self.purchases.iter().map(|p| p.amount).sum()
    }

    pub fn last_purchase(&self) -> Option<&Purchase> {
        self.purchases.iter().max_by_key(|p| p.date)
    }

    /// The tier recorded on the customer (Basic until one is recorded). The app keeps it equal to
    /// the live assessment and records each change in the history; for the places that do not
    /// need the assessment's freshness (a campaign's reach) or have none at hand.
    pub fn recorded_tier(&self) -> Tier {
        self.tier.unwrap_or(Tier::Basic)
    }
}

impl Customer {
    /// Complaints raised and not yet resolved by the company, oldest first: what a "complaint
    /// resolved" event can refer to.
    pub fn open_complaints(&self) -> Vec<&ServiceEvent> {
        let mut open: Vec<&ServiceEvent> = self
            .events
            .iter()
            .filter(|e| matches!(e.kind, ServiceEventKind::ComplaintRaised { .. }))
            .filter(|raised| {
                !self.events.iter().any(
                    |e| matches!(&e.kind, ServiceEventKind::ComplaintResolved { complaint } if *complaint == raised.id),
                )
            })
            .collect();
        open.sort_by_key(|e| e.date);
        open
    }
}
