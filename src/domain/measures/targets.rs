//! The Reports settings: the conversion window and a target per measure, with progress against a
//! target. The procedures quote targets such as "90% coverage within three months" and
//! "satisfaction from 3.8 to 4.6" (DOMAIN.md "Measures"); every one is the user's to change.

use crate::domain::measures::reading::Better;
use crate::domain::measures::{Measure, Unit};
use serde::{Deserialize, Serialize};

/// Longest conversion window a user may set: a year.
pub const MAX_CONVERSION_WINDOW_DAYS: u32 = 365;

/// Where a measure should get to.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// The value to reach, in the measure's unit (a share as 0–1, satisfaction 1–5, NPS −1–1).
    pub goal: f64,
    /// Where the practice started ("from 3.8 to 4.6"): progress is measured from there. Without
    /// it, progress runs from the bottom of the scale.
    #[serde(default)]
    pub baseline: Option<f64>,
}

impl Target {
    pub const fn goal(goal: f64) -> Target {
        Target { goal, baseline: None }
    }
}

/// A target per measure; `None` when the user wants none. Mixes and rankings have no target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Targets {
    pub completion: Option<Target>,
    pub on_time: Option<Target>,
    pub coverage: Option<Target>,
    pub first_answer: Option<Target>,
    pub satisfaction: Option<Target>,
    pub satisfied_share: Option<Target>,
    pub csat: Option<Target>,
    pub nps: Option<Target>,
    pub complaint_rate: Option<Target>,
    pub handling_rate: Option<Target>,
    pub overdue_items: Option<Target>,
    pub conversion: Option<Target>,
    pub repurchase_rate: Option<Target>,
    pub repurchase_cycle: Option<Target>,
    pub dormant_customers: Option<Target>,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            // Every item due gets its visit; a few slip when a customer cannot be found.
            completion: Some(Target::goal(0.95)),
            on_time: Some(Target::goal(0.90)),
            // DOMAIN.md: 90% coverage.
            coverage: Some(Target::goal(0.90)),
            first_answer: Some(Target::goal(0.80)),
            // DOMAIN.md: satisfaction 4.6 out of 5.
            satisfaction: Some(Target::goal(4.6)),
            satisfied_share: Some(Target::goal(0.90)),
            csat: Some(Target::goal(0.90)),
            // NPS +30: clearly more promoters than detractors.
            nps: Some(Target::goal(0.30)),
            complaint_rate: Some(Target::goal(0.02)),
            // DOMAIN.md: every item ends closed, handling rate 100%.
            handling_rate: Some(Target::goal(1.0)),
            overdue_items: Some(Target::goal(0.0)),
            conversion: Some(Target::goal(0.10)),
            repurchase_rate: Some(Target::goal(0.30)),
            // How often customers come back depends on what is sold: no default.
            repurchase_cycle: None,
            // How many sleep depends on the book: the user sets it once they see the number.
            dormant_customers: None,
        }
    }
}

impl Targets {
    pub fn get(&self, measure: Measure) -> Option<Target> {
        self.slot(measure).and_then(|t| t.filter(|t| t.goal.is_finite()))
    }

    /// Sets or clears a target; a measure that takes no target is left alone.
    pub fn set(&mut self, measure: Measure, target: Option<Target>) {
        if let Some(slot) = self.slot_mut(measure) {
            *slot = target;
        }
    }

    fn slot(&self, measure: Measure) -> Option<Option<Target>> {
        Some(match measure {
            Measure::Completion => self.completion,
            Measure::OnTime => self.on_time,
            Measure::Coverage => self.coverage,
            Measure::FirstAnswer => self.first_answer,
            Measure::Satisfaction => self.satisfaction,
            Measure::SatisfactionMix => self.satisfied_share,
            Measure::Csat => self.csat,
            Measure::Nps => self.nps,
            Measure::ComplaintRate => self.complaint_rate,
            Measure::HandlingRate => self.handling_rate,
            Measure::OverdueItems => self.overdue_items,
            Measure::Conversion => self.conversion,
            Measure::RepurchaseRate => self.repurchase_rate,
            Measure::RepurchaseCycle => self.repurchase_cycle,
            Measure::DormantCustomers => self.dormant_customers,
            Measure::TierMix | Measure::ProblemKinds | Measure::TopNeeds | Measure::ValuePerTier => return None,
        })
    }

    fn slot_mut(&mut self, measure: Measure) -> Option<&mut Option<Target>> {
        Some(match measure {
            Measure::Completion => &mut self.completion,
            Measure::OnTime => &mut self.on_time,
            Measure::Coverage => &mut self.coverage,
            Measure::FirstAnswer => &mut self.first_answer,
            Measure::Satisfaction => &mut self.satisfaction,
            Measure::SatisfactionMix => &mut self.satisfied_share,
            Measure::Csat => &mut self.csat,
            Measure::Nps => &mut self.nps,
            Measure::ComplaintRate => &mut self.complaint_rate,
            Measure::HandlingRate => &mut self.handling_rate,
            Measure::OverdueItems => &mut self.overdue_items,
            Measure::Conversion => &mut self.conversion,
            Measure::RepurchaseRate => &mut self.repurchase_rate,
            Measure::RepurchaseCycle => &mut self.repurchase_cycle,
            Measure::DormantCustomers => &mut self.dormant_customers,
            Measure::TierMix | Measure::ProblemKinds | Measure::TopNeeds | Measure::ValuePerTier => return None,
        })
    }
}

/// The Reports section of [`crate::domain::Settings`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportSettings {
    /// A purchase up to this many days after a visit that reached the customer counts as a
    /// conversion.
    pub conversion_window_days: u32,
    /// A customer with no purchase and no reached visit for this many days is dormant.
    pub dormant_days: u32,
    pub targets: Targets,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings { conversion_window_days: 30, dormant_days: 180, targets: Targets::default() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum TargetError {
    #[error("empty")]
    Empty,
    #[error("not a number")]
    NotANumber,
    /// The bounds are in the unit the user types (percent for shares, points for NPS).
    #[error("must be between {min} and {max}")]
    OutOfRange { min: f64, max: f64 },
    #[error("this measure takes no target")]
    NoTarget,
}

/// Parses a target as typed in Settings, in the unit the user sees: a share as a percentage
/// (`90`, `90%`, `９０％`), NPS as points (`30`, `-10`), satisfaction out of 5 (`4.6`), a count or
/// a number of days. Returns the goal in the measure's unit (`0.9`, `0.3`, `4.6`).
pub fn parse_target(measure: Measure, input: &str) -> Result<f64, TargetError> {
    if !measure.takes_target() {
        return Err(TargetError::NoTarget);
    }
    let text = normalize(input);
    if text.is_empty() {
        return Err(TargetError::Empty);
    }
    let typed: f64 = text.parse().map_err(|_| TargetError::NotANumber)?;
    if !typed.is_finite() {
        return Err(TargetError::NotANumber);
    }
    let (min, max, scale) = match measure.unit() {
        Unit::Share => (0.0, 100.0, 100.0),
        Unit::Nps => (-100.0, 100.0, 100.0),
        Unit::Score => (1.0, 5.0, 1.0),
        Unit::Count => (0.0, 100_000.0, 1.0),
        Unit::Days => (0.0, 3650.0, 1.0),
        Unit::Money => (0.0, 1.0e12, 1.0),
    };
    if !(min..=max).contains(&typed) {
        return Err(TargetError::OutOfRange { min, max });
    }
    Ok(typed / scale)
}

/// Full-width digits and signs to ASCII; units and percent signs dropped.
fn normalize(input: &str) -> String {
    input
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            _ => c,
        })
        .filter(|c| !matches!(c, '%' | '％' | ' ' | '分' | '天'))
        .collect()
}

/// Where a value stands against its target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// The target is reached (at least the goal, or at most it when lower is better).
    pub met: bool,
    /// How far along, 0 to 1, for a progress bar: from the baseline (or the bottom of the scale)
    /// to the goal; for a lower-is-better measure without a baseline, goal / value.
    pub fraction: f64,
    /// Goal minus value, in the measure's unit: what is left to gain (positive) or to lose
    /// (negative, for lower-is-better measures).
    pub gap: f64,
}

/// Progress of `value` against `target`; `None` when there is no value (an empty period), the
/// target is not a number, or the measure has no good direction.
pub fn progress(measure: Measure, value: Option<f64>, target: Target) -> Option<Progress> {
    let value = value.filter(|v| v.is_finite())?;
    let goal = Some(target.goal).filter(|g| g.is_finite())?;
    let baseline = target.baseline.filter(|b| b.is_finite());
    let gap = goal - value;
    let (met, fraction) = match measure.better() {
        Better::Neither => return None,
        Better::Higher if value >= goal => (true, 1.0),
        Better::Lower if value <= goal => (true, 1.0),
        Better::Higher => {
            let floor = baseline.unwrap_or(match measure.unit() {
                Unit::Score => 1.0,
                Unit::Nps => -1.0,
                Unit::Share | Unit::Count | Unit::Days | Unit::Money => 0.0,
            });
            let span = goal - floor;
            (false, if span > 0.0 { (value - floor) / span } else { 0.0 })
        }
        Better::Lower => match baseline {
            Some(b) if b > goal => (false, (b - value) / (b - goal)),
            _ => (false, if value > 0.0 { goal / value } else { 0.0 }),
        },
    };
    Some(Progress { met, fraction: fraction.clamp(0.0, 1.0), gap })
}

/// Checks a conversion window typed in Settings.
pub fn parse_conversion_window(input: &str) -> Result<u32, TargetError> {
    let text = normalize(input);
    if text.is_empty() {
        return Err(TargetError::Empty);
    }
    let days: u32 = text.parse().map_err(|_| TargetError::NotANumber)?;
    if !(1..=MAX_CONVERSION_WINDOW_DAYS).contains(&days) {
        return Err(TargetError::OutOfRange { min: 1.0, max: f64::from(MAX_CONVERSION_WINDOW_DAYS) });
    }
    Ok(days)
}
