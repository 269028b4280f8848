//! Report periods: a week (Monday to Sunday), a calendar month, a calendar quarter or a custom
//! range, each with the period before it for comparison (DOMAIN.md "Measures": weekly and monthly
//! reviews, quarterly planning).

use crate::domain::date::{MAX_YEAR, MIN_YEAR, add_days, add_months};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// Monday to Sunday, the working week in China.
    Week,
    Month,
    Quarter,
    /// Any range of whole days the user picks.
    Custom,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 4] = [PeriodKind::Week, PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Custom];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("the range ends before it starts")]
    EndBeforeStart,
    #[error("year out of range")]
    OutOfRange,
}

/// A range of whole days, both ends included. Made only by the constructors below, so that a
/// period never ends before it starts (no `Deserialize`: a period kept in a link is rebuilt from
/// its kind and a date, or from two dates through [`ReportPeriod::custom`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReportPeriod {
    kind: PeriodKind,
    start: NaiveDate,
    end: NaiveDate,
}

impl ReportPeriod {
    /// The Monday-to-Sunday week that contains `date`.
    pub fn week_of(date: NaiveDate) -> ReportPeriod {
        let start = add_days(date, -i64::from(date.weekday().num_days_from_monday()));
        ReportPeriod { kind: PeriodKind::Week, start, end: add_days(start, 6) }
    }

    /// The calendar month that contains `date`.
    pub fn month_of(date: NaiveDate) -> ReportPeriod {
        let start = date.with_day(1).unwrap_or(date);
        ReportPeriod { kind: PeriodKind::Month, start, end: add_days(add_months(start, 1), -1) }
    }

    /// The calendar quarter (January–March, April–June, ...) that contains `date`.
    pub fn quarter_of(date: NaiveDate) -> ReportPeriod {
        let first_month = (date.month0() / 3) * 3 + 1;
        let start = NaiveDate::from_ymd_opt(date.year(), first_month, 1).unwrap_or(date);
        ReportPeriod { kind: PeriodKind::Quarter, start, end: add_days(add_months(start, 3), -1) }
    }

    /// The period of `kind` that contains `date`; for `Custom`, the single day `date`.
    pub fn containing(kind: PeriodKind, date: NaiveDate) -> ReportPeriod {
        match kind {
            PeriodKind::Week => ReportPeriod::week_of(date),
            PeriodKind::Month => ReportPeriod::month_of(date),
            PeriodKind::Quarter => ReportPeriod::quarter_of(date),
            PeriodKind::Custom => ReportPeriod { kind, start: date, end: date },
        }
    }

    /// A range the user picked, `start` and `end` included.
    pub fn custom(start: NaiveDate, end: NaiveDate) -> Result<ReportPeriod, PeriodError> {
        let in_range = |d: NaiveDate| (MIN_YEAR..=MAX_YEAR).contains(&d.year());
        if !in_range(start) || !in_range(end) {
            return Err(PeriodError::OutOfRange);
        }
        if end < start {
            return Err(PeriodError::EndBeforeStart);
        }
        Ok(ReportPeriod { kind: PeriodKind::Custom, start, end })
    }

    pub fn kind(&self) -> PeriodKind {
        self.kind
    }

    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The last day, included.
    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// Number of days, both ends included.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// The period compared against: the week, month or quarter before; for a custom range, the
    /// range of the same number of days that ends the day before this one starts.
    pub fn previous(&self) -> ReportPeriod {
        match self.kind {
            PeriodKind::Week => ReportPeriod::week_of(add_days(self.start, -7)),
            PeriodKind::Month => ReportPeriod::month_of(add_days(self.start, -1)),
            PeriodKind::Quarter => ReportPeriod::quarter_of(add_days(self.start, -1)),
            PeriodKind::Custom => {
                let end = add_days(self.start, -1);
                ReportPeriod { kind: PeriodKind::Custom, start: add_days(end, 1 - self.days()), end }
            }
        }
    }

    /// The period after this one, of the same kind and length.
    pub fn next(&self) -> ReportPeriod {
        match self.kind {
            PeriodKind::Week => ReportPeriod::week_of(add_days(self.end, 1)),
            PeriodKind::Month => ReportPeriod::month_of(add_days(self.end, 1)),
            PeriodKind::Quarter => ReportPeriod::quarter_of(add_days(self.end, 1)),
            PeriodKind::Custom => {
                let start = add_days(self.end, 1);
                ReportPeriod { kind: PeriodKind::Custom, start, end: add_days(start, self.days() - 1) }
            }
        }
    }

    /// `count` periods of this kind ending with this one, oldest first: the bars of an "over
    /// time" chart (the last 12 months, the last 8 weeks).
    pub fn last(&self, count: usize) -> Vec<ReportPeriod> {
        let mut periods = Vec::with_capacity(count);
        let mut p = *self;
        for _ in 0..count {
            periods.push(p);
            p = p.previous();
        }
        periods.reverse();
        periods
    }

    /// The weeks, months or quarters that make up this period, cut to its first and last day
    /// (a piece cut short is a custom range), oldest first: a quarter by month, a month by week.
    /// Splitting by `Custom` gives the period itself.
    pub fn split(&self, kind: PeriodKind) -> Vec<ReportPeriod> {
        if kind == PeriodKind::Custom {
            return vec![*self];
        }
        let mut pieces = Vec::new();
        let mut day = self.start;
        while day <= self.end {
            let whole = ReportPeriod::containing(kind, day);
            let piece = if whole.start >= self.start && whole.end <= self.end {
                whole
            } else {
                ReportPeriod {
                    kind: PeriodKind::Custom,
                    start: whole.start.max(self.start),
                    end: whole.end.min(self.end),
                }
            };
            pieces.push(piece);
            let next = add_days(whole.end, 1);
            if next <= day {
                break; // the calendar's end; chrono cannot go further
            }
            day = next;
        }
        pieces
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn range(p: ReportPeriod) -> (NaiveDate, NaiveDate) {
        (p.start(), p.end())
    }

    #[test]
    fn a_week_runs_from_monday_to_sunday_whatever_day_it_is_asked_for() {
        // 1 June 2026 is a Monday, 7 June a Sunday.
        assert_eq!(range(ReportPeriod::week_of(d(2026, 6, 1))), (d(2026, 6, 1), d(2026, 6, 7)));
        assert_eq!(range(ReportPeriod::week_of(d(2026, 6, 4))), (d(2026, 6, 1), d(2026, 6, 7)));
        assert_eq!(range(ReportPeriod::week_of(d(2026, 6, 7))), (d(2026, 6, 1), d(2026, 6, 7)));
        // A week across the new year keeps its Monday in December.
        assert_eq!(range(ReportPeriod::week_of(d(2027, 1, 1))), (d(2026, 12, 28), d(2027, 1, 3)));
    }

    #[test]
    fn months_and_quarters_follow_the_calendar_including_leap_februaries() {
        assert_eq!(range(ReportPeriod::month_of(d(2028, 2, 10))), (d(2028, 2, 1), d(2028, 2, 29)));
        assert_eq!(range(ReportPeriod::month_of(d(2026, 2, 10))), (d(2026, 2, 1), d(2026, 2, 28)));
        assert_eq!(range(ReportPeriod::quarter_of(d(2026, 6, 30))), (d(2026, 4, 1), d(2026, 6, 30)));
        assert_eq!(range(ReportPeriod::quarter_of(d(2026, 11, 5))), (d(2026, 10, 1), d(2026, 12, 31)));
        // Q1 2026: 31 + 28 + 31 days.
        assert_eq!(ReportPeriod::quarter_of(d(2026, 1, 1)).days(), 90);
    }

    #[test]
    fn the_previous_period_is_the_one_of_the_same_kind_just_before() {
        let week = ReportPeriod::week_of(d(2026, 6, 3));
        assert_eq!(range(week.previous()), (d(2026, 5, 25), d(2026, 5, 31)));
        // March is compared with February, not with the 31 days before it.
        let march = ReportPeriod::month_of(d(2026, 3, 15));
        assert_eq!(range(march.previous()), (d(2026, 2, 1), d(2026, 2, 28)));
        let q1 = ReportPeriod::quarter_of(d(2026, 2, 1));
        assert_eq!(range(q1.previous()), (d(2025, 10, 1), d(2025, 12, 31)));
        assert_eq!(q1.previous().kind(), PeriodKind::Quarter);
    }

    #[test]
    fn a_custom_range_is_compared_with_as_many_days_just_before_it() {
        // 3–9 June is 7 days; the 7 days before are 27 May – 2 June.
        let custom = ReportPeriod::custom(d(2026, 6, 3), d(2026, 6, 9)).unwrap();
        assert_eq!(custom.days(), 7);
        assert_eq!(range(custom.previous()), (d(2026, 5, 27), d(2026, 6, 2)));
        assert_eq!(range(custom.next()), (d(2026, 6, 10), d(2026, 6, 16)));
    }

    #[test]
    fn a_custom_range_that_ends_before_it_starts_or_leaves_the_calendar_is_refused() {
        assert_eq!(ReportPeriod::custom(d(2026, 6, 9), d(2026, 6, 3)), Err(PeriodError::EndBeforeStart));
        assert_eq!(ReportPeriod::custom(d(1800, 1, 1), d(2026, 6, 3)), Err(PeriodError::OutOfRange));
        assert!(ReportPeriod::custom(d(2026, 6, 3), d(2026, 6, 3)).is_ok());
    }

    #[test]
    fn the_last_twelve_months_end_with_the_chosen_month_oldest_first() {
        let months = ReportPeriod::month_of(d(2026, 6, 15)).last(12);
        assert_eq!(months.len(), 12);
        assert_eq!(range(months[0]), (d(2025, 7, 1), d(2025, 7, 31)));
        assert_eq!(range(months[11]), (d(2026, 6, 1), d(2026, 6, 30)));
    }

    #[test]
    fn a_month_split_by_week_cuts_the_first_and_last_weeks_at_the_month_edges() {
        // June 2026: Mon 1 – Tue 30, so four whole weeks and a 2-day piece (29–30 June).
        let weeks = ReportPeriod::month_of(d(2026, 6, 1)).split(PeriodKind::Week);
        let ranges: Vec<_> = weeks.iter().map(|w| range(*w)).collect();
        assert_eq!(
            ranges,
            vec![
                (d(2026, 6, 1), d(2026, 6, 7)),
                (d(2026, 6, 8), d(2026, 6, 14)),
                (d(2026, 6, 15), d(2026, 6, 21)),
                (d(2026, 6, 22), d(2026, 6, 28)),
                (d(2026, 6, 29), d(2026, 6, 30)),
            ]
        );
        assert_eq!(weeks[0].kind(), PeriodKind::Week);
        assert_eq!(weeks[4].kind(), PeriodKind::Custom);
        let months = ReportPeriod::quarter_of(d(2026, 5, 1)).split(PeriodKind::Month);
        assert_eq!(months.len(), 3);
        assert_eq!(range(months[2]), (d(2026, 6, 1), d(2026, 6, 30)));
    }
}
