//! The measures of the practice (DOMAIN.md "Measures"), as pure functions of the records.
//!
//! Each measure reads [`Records`] over a [`ReportPeriod`] and gives a [`Reading`]: the headline
//! figure with its numerator and denominator (`None` for "—" when there is nothing to divide, never
//! NaN), the parts a chart draws (done / not done, 满意 / 一般 / 不满意, a bar per tier or
//! category), and for each part the ids of the records behind it. [`compare`] reads the period
//! before as well; [`series`] reads a row of periods for a chart over time; [`summary`] gives the
//! key measures with their change and their progress against the user's targets.
//!
//! ```
//! use chrono::NaiveDate;
//! use huifang::domain::measures::{self, Measure, Records, ReportPeriod, ReportSettings};
//!
//! let june = ReportPeriod::month_of(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap());
//! let records = Records::new(&[], &[], &[], &[]);
//! let coverage = measures::compare(Measure::Coverage, &records, &june, &ReportSettings::default());
//! assert_eq!(coverage.current.value(), None); // nothing due: shown as "—"
//! ```
//!
//! The definitions the app shows (and `docs/measures.md`) are in `i18n::reports`; the reasons for
//! each choice are on the functions.

mod customers;
mod export;
mod feedback;
mod param;
mod period;
mod reading;
mod records;
mod satisfaction;
mod targets;
mod work;

#[cfg(test)]
mod tests;

pub use customers::{
    complaint_rate, conversion, dormant_customers, repurchase_cycle, repurchase_rate, tier_mix, value_per_tier,
};
pub use export::{CsvExport, CsvWords, FEEDBACK_COLUMNS, VISIT_COLUMNS, csv_file_name, feedback_csv, visits_csv};
pub use feedback::{TOP_NEEDS, handling_rate, overdue_items, overdue_on, problem_kinds, top_needs};
pub use param::{parse_period_param, period_param};
pub use period::{PeriodError, PeriodKind, ReportPeriod};
pub use reading::{Better, Change, Comparison, Drill, EventRef, Figure, Part, PartKey, Ratio, Reading, Role};
pub use records::Records;
pub use satisfaction::{csat, nps, satisfaction, satisfaction_mix};
pub use targets::{
    MAX_CONVERSION_WINDOW_DAYS, Progress, ReportSettings, Target, TargetError, Targets, parse_conversion_window,
    parse_target, progress,
};
pub use work::{completion, coverage, first_answer, on_time};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Completion,
    OnTime,
    Coverage,
    FirstAnswer,
    Satisfaction,
    SatisfactionMix,
    Csat,
    Nps,
    ComplaintRate,
    HandlingRate,
    OverdueItems,
    Conversion,
    RepurchaseRate,
    RepurchaseCycle,
    TierMix,
    ProblemKinds,
    TopNeeds,
    /// What each tier's customers spent in the period.
    ValuePerTier,
    /// Customers with no purchase and no contact for a long time at the period's end.
    DormantCustomers,
}

/// How a measure's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// 0–1, shown as a percentage.
    Share,
    /// 1–5, satisfaction out of 5.
    Score,
    /// −1–1, shown as −100 to +100.
    Nps,
    /// A number of items or customers.
    Count,
    /// A number of days.
    Days,
    /// An amount of money, in yuan.
    Money,
}

impl Unit {
    /// The smallest change the reports show in this unit (a tenth of a percentage point, a tenth
    /// of a point of satisfaction, one NPS point, one item, a tenth of a day, one yuan). A smaller
    /// change reads as "0", so it is no change: never "0 ▼".
    pub fn resolution(self) -> f64 {
        match self {
            Unit::Share => 0.001,
            Unit::Score | Unit::Days => 0.1,
            Unit::Nps => 0.01,
            Unit::Count | Unit::Money => 1.0,
        }
    }
}

impl Measure {
    /// In the order of the report: the work, what customers said, closing the loop, business.
    pub const ALL: [Measure; 19] = [
        Measure::Completion,
        Measure::OnTime,
        Measure::Coverage,
        Measure::FirstAnswer,
        Measure::Satisfaction,
        Measure::SatisfactionMix,
        Measure::Csat,
        Measure::Nps,
        Measure::ComplaintRate,
        Measure::HandlingRate,
        Measure::OverdueItems,
        Measure::Conversion,
        Measure::RepurchaseRate,
        Measure::RepurchaseCycle,
        Measure::TierMix,
        Measure::ValuePerTier,
        Measure::DormantCustomers,
        Measure::ProblemKinds,
        Measure::TopNeeds,
    ];

    pub fn unit(self) -> Unit {
        match self {
            Measure::Satisfaction => Unit::Score,
            Measure::Nps => Unit::Nps,
            Measure::RepurchaseCycle => Unit::Days,
            Measure::OverdueItems
            | Measure::TierMix
            | Measure::ProblemKinds
            | Measure::TopNeeds
            | Measure::DormantCustomers => Unit::Count,
            Measure::ValuePerTier => Unit::Money,
            Measure::Completion
            | Measure::OnTime
            | Measure::Coverage
            | Measure::FirstAnswer
            | Measure::SatisfactionMix
            | Measure::Csat
            | Measure::ComplaintRate
            | Measure::HandlingRate
            | Measure::Conversion
            | Measure::RepurchaseRate => Unit::Share,
        }
    }

    pub fn better(self) -> Better {
        match self {
            // A shorter cycle: customers come back sooner.
            Measure::ComplaintRate | Measure::OverdueItems | Measure::RepurchaseCycle | Measure::DormantCustomers => {
                Better::Lower
            }
            Measure::TierMix | Measure::ProblemKinds | Measure::TopNeeds | Measure::ValuePerTier => Better::Neither,
            _ => Better::Higher,
        }
    }

    /// A single number a user can set a target for (not a mix or a ranking).
    pub fn takes_target(self) -> bool {
        self.better() != Better::Neither
    }
}

/// Reads one measure over one period.
pub fn read(measure: Measure, records: &Records, period: &ReportPeriod, settings: &ReportSettings) -> Reading {
    match measure {
        Measure::Completion => completion(records, period),
        Measure::OnTime => on_time(records, period),
        Measure::Coverage => coverage(records, period),
        Measure::FirstAnswer => first_answer(records, period),
        Measure::Satisfaction => satisfaction(records, period),
        Measure::SatisfactionMix => satisfaction_mix(records, period),
        Measure::Csat => csat(records, period),
        Measure::Nps => nps(records, period),
        Measure::ComplaintRate => complaint_rate(records, period),
        Measure::HandlingRate => handling_rate(records, period),
        Measure::OverdueItems => overdue_items(records, period),
        Measure::Conversion => conversion(records, period, settings.conversion_window_days),
        Measure::RepurchaseRate => repurchase_rate(records, period),
        Measure::RepurchaseCycle => repurchase_cycle(records, period),
        Measure::TierMix => tier_mix(records, period),
        Measure::ValuePerTier => value_per_tier(records, period),
        Measure::DormantCustomers => dormant_customers(records, period, settings.dormant_days),
        Measure::ProblemKinds => problem_kinds(records, period),
        Measure::TopNeeds => top_needs(records, period),
    }
}

/// Reads a measure over `period` and over the period before it ([`ReportPeriod::previous`]).
pub fn compare(measure: Measure, records: &Records, period: &ReportPeriod, settings: &ReportSettings) -> Comparison {
    Comparison {
        current: read(measure, records, period, settings),
        previous: read(measure, records, &period.previous(), settings),
    }
}

/// Reads a measure over each period, in the order given: the points of a chart over time
/// (`ReportPeriod::last(12)`, `ReportPeriod::split(PeriodKind::Week)`). Over the month ends, the
/// tier mix is the tier mix over time.
pub fn series(
    measure: Measure,
    records: &Records,
    periods: &[ReportPeriod],
    settings: &ReportSettings,
) -> Vec<Reading> {
    periods.iter().map(|p| read(measure, records, p, settings)).collect()
}

/// A line of the key-measures table (and of the printed monthly report).
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryLine {
    pub comparison: Comparison,
    pub change: Change,
    pub target: Option<Target>,
    /// `None` without a target or without a value this period.
    pub progress: Option<Progress>,
}

impl SummaryLine {
    pub fn measure(&self) -> Measure {
        self.comparison.current.measure
    }
}

/// Every measure that has a single figure, in report order, with the period before, the change and
/// the progress against the user's target.
pub fn summary(records: &Records, period: &ReportPeriod, settings: &ReportSettings) -> Vec<SummaryLine> {
    Measure::ALL
        .into_iter()
        .filter(|m| m.takes_target())
        .map(|m| {
            let comparison = compare(m, records, period, settings);
            let target = settings.targets.get(m);
            let progress = target.and_then(|t| progress(m, comparison.current.value(), t));
            SummaryLine { change: comparison.change(), comparison, target, progress }
        })
        .collect()
}
