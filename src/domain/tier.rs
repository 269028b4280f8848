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

/// The three levels of a dimension, as the practice names them: frequency high/mid/low, spend
/// high/mid/low, activity active/semi-active/dormant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    High,
    Mid,
    Low,
}

/// The thresholds of the four dimensions (frequency, spend, activity, need type) and the score a
/// tier needs. Every number is a user setting; these are the defaults. How they combine is in
/// [`crate::domain::tiering`] and `docs/tiers.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TierSettings {
    /// Frequency and spend are counted over this many recent months (frequency since the customer
    /// was first seen, if shorter).
    pub frequency_window_months: u32,
    /// At least this many purchase days a month is "high" frequency (orders on one day are one
    /// purchase, as in Reports).
    pub frequency_high: f64,
    /// At least this many purchase days a month is "mid" frequency.
    pub frequency_mid: f64,
    /// Spending at least this over the window is "high" value.
    pub spend_high: Money,
    /// Spending at least this over the window is "mid" value.
    pub spend_mid: Money,
    /// Days with an interaction (a purchase, a visit that reached the customer) are counted over
    /// this many days.
    pub activity_window_days: u32,
    /// At least this many days with an interaction in the window is "active".
    pub active_min: u32,
    /// At least this many is "semi-active"; fewer is "dormant".
    pub semi_active_min: u32,
    /// Full marks of each dimension: reaching "high" scores all of them, "mid" half, and below
    /// "mid" in proportion (partial credit). Spend weighs double by default: the customers who
    /// bring the revenue must be the top tiers (mid spend alone reaches Silver, high spend alone
    /// Gold).
    pub frequency_points: f64,
    pub spend_points: f64,
    pub activity_points: f64,
    /// Points each need type adds to the score, indexed like [`NeedType::ALL`] (刚需, 改善型,
    /// 尝鲜型). The practice uses need type mainly to steer the script; by default only 改善型
    /// counts (+1): those customers are upgrading what they own, the ones the premium care of
    /// the higher tiers is meant for.
    pub need_points: [u32; 3],
    /// Score needed for Diamond, Gold and Silver: the points of frequency, spend and activity
    /// plus the need type's points, 9 at most with the defaults. Diamond's 6.5 is more than high
    /// frequency and high spend give without any recent activity: a Diamond customer bought or
    /// talked with us lately.
    pub diamond_min_score: f64,
    pub gold_min_score: f64,
    pub silver_min_score: f64,
    /// Per-tier strategy, indexed by [`Tier::index`].
    pub strategies: [TierStrategy; 4],
}

impl Default for TierSettings {
    fn default() -> Self {
        TierSettings {
            frequency_window_months: 12,
            frequency_high: 2.0,
            frequency_mid: 0.5,
            spend_high: Money::from_yuan(5000),
            spend_mid: Money::from_yuan(1000),
            activity_window_days: 30,
            active_min: 3,
            semi_active_min: 1,
            frequency_points: 2.0,
            spend_points: 4.0,
            activity_points: 2.0,
            need_points: [0, 1, 0],
            diamond_min_score: 6.5,
            gold_min_score: 4.0,
            silver_min_score: 2.0,
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

    /// The highest score a customer can reach: the full marks of the three dimensions plus the
    /// largest need points.
    pub fn max_score(&self) -> f64 {
        self.frequency_points
            + self.spend_points
            + self.activity_points
            + f64::from(self.need_points.iter().copied().max().unwrap_or(0))
    }
}
