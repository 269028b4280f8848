//! Customer tiers (客户分层, DOMAIN.md "Tiers"): the four tiers, the thresholds that place a
//! customer in one, and the per-tier strategy. The tiering function itself is
//! [`crate::domain::tiering::assess`]; this module holds the vocabulary and the defaults.

use crate::domain::customer::NeedType;
use crate::domain::money::Money;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Diamond,
    Gold,
    Silver,
    Basic,
}

impl Tier {
    pub const ALL: [Tier; 4] = [Tier::Diamond, Tier::Gold, Tier::Silver, Tier::Basic];

    pub fn index(self) -> usize {
        match self {
            Tier::Diamond => 0,
            Tier::Gold => 1,
            Tier::Silver => 2,
            Tier::Basic => 3,
        }
    }
}

/// A span of time expressed the way the practice states it ("twice a month", "quarterly").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "unit", content = "count", rename_all = "snake_case")]
pub enum Period {
    Days(u32),
    Months(u32),
}

impl Period {
    pub fn after(self, date: chrono::NaiveDate) -> chrono::NaiveDate {
        match self {
            Period::Days(n) => crate::domain::date::add_days(date, i64::from(n)),
            Period::Months(n) => crate::domain::date::add_months(date, n),
        }
    }
}

/// What happens when calls to a customer of this tier go unanswered (DOMAIN.md, last column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoAnswerAction {
    /// Diamond: hand the customer to a dedicated specialist (an escalation item).
    HandToSpecialist,
    /// Gold: send an SMS care message (an SMS care item).
    SmsCare,
    /// Silver: demote to Basic, with a tier-history entry.
    DemoteToBasic,
    /// Basic: stop periodic visits until the user resumes them.
    StopPeriodic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoAnswerRule {
    /// Unanswered calls in a row that trigger the action.
    pub in_a_row: u32,
    pub action: NoAnswerAction,
}

/// How a tier is looked after. Texts are `None` while the user keeps the built-in wording, which
/// is then shown in the current language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TierStrategy {
    pub cadence: Period,
    pub carries: Option<String>,
    pub emphasis: Option<String>,
    pub no_answer: NoAnswerRule,
}

impl Default for TierStrategy {
    fn default() -> Self {
        TierStrategy::default_for(Tier::Basic)
    }
}

impl TierStrategy {
    pub fn default_for(tier: Tier) -> TierStrategy {
        let (cadence, no_answer) = match tier {
            Tier::Diamond => (Period::Days(15), NoAnswerRule { in_a_row: 2, action: NoAnswerAction::HandToSpecialist }),
            Tier::Gold => (Period::Months(1), NoAnswerRule { in_a_row: 1, action: NoAnswerAction::SmsCare }),
            Tier::Silver => (Period::Months(3), NoAnswerRule { in_a_row: 2, action: NoAnswerAction::DemoteToBasic }),
            Tier::Basic => (Period::Months(6), NoAnswerRule { in_a_row: 1, action: NoAnswerAction::StopPeriodic }),
        };
        TierStrategy { cadence, carries: None, emphasis: None, no_answer }
    }
}

/// The thresholds of the four dimensions (frequency, amount, activity, need type) and the score a
/// tier needs. Every number is a user setting; these are the defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TierSettings {
    /// Purchases per month are counted over this many recent months (or since registration, if shorter).
    pub frequency_window_months: u32,
    /// At least this many purchases a month is "high" frequency.
    pub frequency_high: f64,
    /// At least this many purchases a month is "mid" frequency.
    pub frequency_mid: f64,
    /// An average order of at least this is "large".
    pub amount_large: Money,
    /// An average order of at least this is "mid".
    pub amount_mid: Money,
    /// Interactions (purchases, services, completed visits) are counted over this many days.
    pub activity_window_days: u32,
    /// At least this many interactions in the window is "active".
    pub active_min: u32,
    /// At least this many is "semi-active"; fewer is "dormant".
    pub semi_active_min: u32,
    /// Points each need type adds to the score, indexed like [`NeedType::ALL`] (刚需, 改善型,
    /// 尝鲜型). The practice uses need type mainly to steer the script; by default only 改善型
    /// counts (+1): those customers are upgrading what they own, the ones the premium care of
    /// the higher tiers is meant for.
    pub need_points: [u32; 3],
    /// Score needed for Diamond, Gold and Silver. Frequency, order size and activity score 0–2
    /// each (low/mid/high), plus the need type's points: 7 at most with the defaults.
    pub diamond_min_score: u32,
    pub gold_min_score: u32,
    pub silver_min_score: u32,
    /// Per-tier strategy, indexed by [`Tier::index`].
    pub strategies: [TierStrategy; 4],
}

impl Default for TierSettings {
    fn default() -> Self {
        TierSettings {
            frequency_window_months: 12,
            frequency_high: 2.0,
            frequency_mid: 0.5,
            amount_large: Money::from_yuan(1000),
            amount_mid: Money::from_yuan(300),
            activity_window_days: 30,
            active_min: 3,
            semi_active_min: 1,
            need_points: [0, 1, 0],
            diamond_min_score: 6,
            gold_min_score: 4,
            silver_min_score: 2,
            strategies: Tier::ALL.map(TierStrategy::default_for),
        }
    }
}

impl TierSettings {
    pub fn strategy(&self, tier: Tier) -> &TierStrategy {
        &self.strategies[tier.index()]
    }

    pub fn need_points(&self, need: NeedType) -> u32 {
        let i = NeedType::ALL.iter().position(|n| *n == need).unwrap_or(0);
        self.need_points.get(i).copied().unwrap_or(0)
    }
}
