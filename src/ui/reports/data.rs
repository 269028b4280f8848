//! What the page shows, computed once per period and data change (a `Memo` in the page): every
//! measure for the period and the one before, and the last six periods for the trend charts.

use crate::domain::agenda::DueItem;
use crate::domain::measures::{self, Comparison, Figure, Measure, PartKey, Records, ReportPeriod};
use crate::domain::schedule::DateRange;
use crate::ui::state::AppState;
use leptos::prelude::*;

/// How many periods a trend chart shows, the chosen one last.
pub const TREND: usize = 6;

/// One point of a trend chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub period: ReportPeriod,
    pub figure: Figure,
    /// The part counts, kept only for the tier mix (its chart stacks them).
    pub parts: Vec<(PartKey, u64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub comparison: Comparison,
    /// Oldest first; the last point is the chosen period.
    pub trend: Vec<Point>,
}

impl Card {
    pub fn measure(&self) -> Measure {
        self.comparison.current.measure
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub period: ReportPeriod,
    /// In `Measure::ALL` order.
    pub cards: Vec<Card>,
}

fn point(reading: &measures::Reading) -> Point {
    let parts = if reading.measure == Measure::TierMix {
        reading.parts.iter().map(|p| (p.key.clone(), p.count)).collect()
    } else {
        Vec::new()
    };
    Point { period: reading.period, figure: reading.figure, parts }
}

/// Reads every measure over `period` (reactive: call it inside a `Memo`).
pub fn compute(app: AppState, period: ReportPeriod) -> Report {
    let periods = period.last(TREND);
    let first = periods.first().copied().unwrap_or(period);
    // Items are due in the period their window closes in; every window closing in the range
    // overlaps it, so one schedule over the whole range serves every period read.
    let range = DateRange::new(first.start(), period.end());
    let items: Vec<DueItem> = crate::ui::state::schedule::schedule(app, range);
    let (settings, tiers) = app.settings.with(|s| (s.reports.clone(), s.tiers.clone()));
    let older = &periods[..periods.len().saturating_sub(2)];
    app.visits.with(|visits| {
        app.feedback.with(|feedback| {
            app.customers.with(|customers| {
                let records =
                    Records::new(&items, visits, feedback, customers).as_of(app.today.get()).with_tiers(&tiers);
                let cards = Measure::ALL
                    .into_iter()
                    .map(|m| {
                        let comparison = measures::compare(m, &records, &period, &settings);
                        let mut trend: Vec<Point> =
                            measures::series(m, &records, older, &settings).iter().map(point).collect();
                        trend.push(point(&comparison.previous));
                        trend.push(point(&comparison.current));
                        Card { comparison, trend }
                    })
                    .collect();
                Report { period, cards }
            })
        })
    })
}
