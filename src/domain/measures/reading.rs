//! What a measure gives back: the headline figure with its numerator and denominator, the parts it
//! is made of (the bars and slices of a chart), and the records behind each part (drill-down).

use crate::domain::customer::Id;
use crate::domain::measures::period::ReportPeriod;
use crate::domain::measures::{Measure, Unit};
use crate::domain::schedule::MergedKey;
use crate::domain::tier::Tier;
use crate::domain::visit::SatisfactionLevel;
use chrono::NaiveDate;

/// A quotient kept as its two terms, so that a report can say "18 / 20" next to "90%".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    /// A count, a sum (of scores, of days) or, for NPS, promoters minus detractors.
    pub numerator: i64,
    pub denominator: u64,
}

impl Ratio {
    pub fn new(numerator: i64, denominator: u64) -> Ratio {
        Ratio { numerator, denominator }
    }

    /// `None` when there is nothing to divide by: an empty period shows "—", never NaN.
    pub fn value(&self) -> Option<f64> {
        (self.denominator > 0).then(|| self.numerator as f64 / self.denominator as f64)
    }
}

/// The headline number of a reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Ratio(Ratio),
    /// A plain count (overdue items, customers in the tier mix); never undefined.
    Count(u64),
}

impl Figure {
    pub fn value(&self) -> Option<f64> {
        match self {
            Figure::Ratio(r) => r.value(),
            Figure::Count(n) => Some(*n as f64),
        }
    }
}

/// A purchase or a complaint: events live inside their customer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventRef {
    pub customer_id: Id,
    pub id: Id,
}

/// The records behind a number, each list sorted and without repeats. Which lists are filled
/// depends on the measure: an agenda measure gives item keys, the visits that completed or
/// attempted them and their customers; a feedback measure gives feedback items, the visits that
/// raised them and their customers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Drill {
    /// Keys of agenda items ([`crate::domain::agenda::DueItem::key`]).
    pub items: Vec<MergedKey>,
    pub visits: Vec<Id>,
    pub customers: Vec<Id>,
    pub feedback: Vec<Id>,
    pub purchases: Vec<EventRef>,
    pub complaints: Vec<EventRef>,
}

impl Drill {
    pub(crate) fn tidy(mut self) -> Drill {
        fn tidy<T: Ord>(v: &mut Vec<T>) {
            v.sort();
            v.dedup();
        }
        tidy(&mut self.items);
        tidy(&mut self.visits);
        tidy(&mut self.customers);
        tidy(&mut self.feedback);
        tidy(&mut self.purchases);
        tidy(&mut self.complaints);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
            && self.visits.is_empty()
            && self.customers.is_empty()
            && self.feedback.is_empty()
            && self.purchases.is_empty()
            && self.complaints.is_empty()
    }
}

/// What a part of a reading stands for; its label is in `i18n::reports`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PartKey {
    /// Completion: items done / still open / skipped.
    Done,
    NotDone,
    Skipped,
    /// Completion and on-time rate: items that ended without a visit, superseded by a later
    /// item or lapsed (DOMAIN.md "The life of a follow-up item").
    Missed,
    /// On-time rate: done inside the window / before it opened / after it closed.
    OnTime,
    Early,
    Late,
    /// Coverage: customers reached / not reached.
    Reached,
    NotReached,
    /// First-answer rate: the first call was answered / not answered.
    Answered,
    NotAnswered,
    /// Average satisfaction: visits scored 1..=5.
    Score(u8),
    /// Satisfaction mix: 满意 / 一般 / 不满意.
    Level(SatisfactionLevel),
    /// CSAT: scored 4–5 / scored 1–3.
    HighScore,
    LowScore,
    /// NPS: 9–10 / 7–8 / 0–6.
    Promoter,
    Passive,
    Detractor,
    /// Complaint rate: customers served who complained / did not.
    Complained,
    NoComplaint,
    /// Handling rate: items closed / not closed / duplicates left out.
    Closed,
    NotClosed,
    Duplicate,
    /// Items still open at the period end: past their deadline / not yet.
    Overdue,
    OpenInTime,
    /// Conversion: customers who bought within the window after a visit / did not.
    Converted,
    NotConverted,
    /// Repurchase rate: buyers who had bought before / first-time buyers.
    Returning,
    FirstTime,
    /// Repurchase cycle: the repeat purchases measured.
    Repeat,
    /// Tier mix: customers in a tier; `None` for customers not tiered yet at the period end.
    Tier(Option<Tier>),
    /// Dormant customers: no purchase or contact for a long time / the others.
    Dormant,
    Awake,
    /// A problem kind or need as the agent wrote it (trimmed); empty for "uncategorised".
    Category(String),
    /// The needs beyond the top three.
    Others,
}

/// How a part relates to the headline figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Counted in the numerator (and so in the denominator).
    Counted,
    /// In the denominator but not the numerator: the gap to 100%.
    Uncounted,
    /// Outside both, shown so that nothing disappears silently (skipped items, duplicates).
    Excluded,
    /// A slice of a distribution.
    Slice,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub key: PartKey,
    pub role: Role,
    /// The bar's height, in the unit the measure counts (items, visits, customers, purchases).
    pub count: u64,
    pub drill: Drill,
}

impl Part {
    pub(crate) fn new(key: PartKey, role: Role, count: usize, drill: Drill) -> Part {
        Part { key, role, count: count as u64, drill: drill.tidy() }
    }
}

/// One measure over one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub measure: Measure,
    pub period: ReportPeriod,
    pub figure: Figure,
    pub parts: Vec<Part>,
    /// The figure can still change until this day (conversion waits for the window after the
    /// period's last visits); `None` when it is settled by the data already there.
    pub settles_on: Option<NaiveDate>,
}

impl Reading {
    pub fn value(&self) -> Option<f64> {
        self.figure.value()
    }

    pub fn part(&self, key: &PartKey) -> Option<&Part> {
        self.parts.iter().find(|p| &p.key == key)
    }

    /// The count of a part, 0 when the reading has no such part.
    pub fn count(&self, key: &PartKey) -> u64 {
        self.part(key).map_or(0, |p| p.count)
    }

    /// The records behind a bar or a category.
    pub fn drill(&self, key: &PartKey) -> Option<&Drill> {
        self.part(key).map(|p| &p.drill)
    }
}

/// Which way is good for a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
    /// A mix or a ranking: neither direction is good in itself.
    Neither,
}

/// The change from the previous period to this one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    /// This period minus the previous one, in the measure's unit (a share moves by percentage
    /// points: 0.75 − 0.50 = +0.25). `None` when either side has no value.
    pub delta: Option<f64>,
    /// The delta relative to the previous value ("complaints −20%"); `None` when the previous
    /// value is 0 or missing.
    pub relative: Option<f64>,
    /// `Some(true)` for an improvement, `Some(false)` for a deterioration, `None` when there is no
    /// change, no value to compare, or no good direction.
    pub improved: Option<bool>,
}

impl Change {
    pub fn between(better: Better, unit: Unit, current: Option<f64>, previous: Option<f64>) -> Change {
        let delta = match (current, previous) {
            (Some(c), Some(p)) => Some(c - p),
            _ => None,
        };
        let relative = match (delta, previous) {
            (Some(d), Some(p)) if p != 0.0 => Some(d / p.abs()),
            _ => None,
        };
        // A change too small to show (it rounds to 0) is no change.
        let moved = delta.filter(|d| d.abs() >= unit.resolution() / 2.0);
        let improved = match (better, moved) {
            (Better::Higher, Some(d)) => Some(d > 0.0),
            (Better::Lower, Some(d)) => Some(d < 0.0),
            _ => None,
        };
        Change { delta, relative, improved }
    }
}

/// A reading next to the same measure over the previous period.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub current: Reading,
    pub previous: Reading,
}

impl Comparison {
    pub fn change(&self) -> Change {
        let measure = self.current.measure;
        Change::between(measure.better(), measure.unit(), self.current.value(), self.previous.value())
    }

    /// The count of a part in both periods `(current, previous)`: "噪音 5 (上期 3)".
    pub fn part_counts(&self, key: &PartKey) -> (u64, u64) {
        (self.current.count(key), self.previous.count(key))
    }
}
