//! A report period written into a link (`#/reports?p=month:2026-11`), so that a reload or a
//! shared link opens the same report. A link is user input: anything that does not read as a
//! period gives `None`, and the page falls back to the current month.

use crate::domain::date::{MAX_YEAR, MIN_YEAR, iso, parse_date};
use crate::domain::measures::period::{PeriodKind, ReportPeriod};
use chrono::{Datelike, NaiveDate};

/// `week:2026-11-30` (its Monday), `month:2026-11`, `quarter:2026-Q4`,
/// `custom:2026-11-03..2026-11-20`.
pub fn period_param(period: &ReportPeriod) -> String {
    let start = period.start();
    match period.kind() {
        PeriodKind::Week => format!("week:{}", iso(start)),
        PeriodKind::Month => format!("month:{:04}-{:02}", start.year(), start.month()),
        PeriodKind::Quarter => format!("quarter:{:04}-Q{}", start.year(), start.month0() / 3 + 1),
        PeriodKind::Custom => format!("custom:{}..{}", iso(start), iso(period.end())),
    }
}

fn day(text: &str) -> Option<NaiveDate> {
    parse_date(text).ok()
}

fn year_month(text: &str) -> Option<(i32, u32)> {
    let (y, m) = text.trim().split_once('-')?;
    let year: i32 = y.parse().ok().filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y))?;
    Some((year, m.parse().ok()?))
}

/// Reads what [`period_param`] wrote; a week may name any of its days.
pub fn parse_period_param(text: &str) -> Option<ReportPeriod> {
    let (kind, rest) = text.trim().split_once(':')?;
    match kind {
        "week" => Some(ReportPeriod::week_of(day(rest)?)),
        "month" => {
            let (y, m) = year_month(rest)?;
            Some(ReportPeriod::month_of(NaiveDate::from_ymd_opt(y, m, 1)?))
        }
        "quarter" => {
            let (y, q) = rest.trim().split_once("-Q").or_else(|| rest.trim().split_once("-q"))?;
            let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
            let (year, _) = year_month(&format!("{y}-1"))?;
            Some(ReportPeriod::quarter_of(NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1)?))
        }
        "custom" => {
            let (a, b) = rest.split_once("..")?;
            ReportPeriod::custom(day(a)?, day(b)?).ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_kind_of_period_survives_the_trip_through_a_link() {
        let periods = [
            ReportPeriod::week_of(d(2026, 12, 2)),
            ReportPeriod::month_of(d(2026, 11, 17)),
            ReportPeriod::quarter_of(d(2026, 11, 17)),
            ReportPeriod::custom(d(2026, 11, 3), d(2026, 11, 20)).unwrap(),
        ];
        for p in periods {
            assert_eq!(parse_period_param(&period_param(&p)), Some(p), "{}", period_param(&p));
        }
        assert_eq!(period_param(&periods[0]), "week:2026-11-30");
        assert_eq!(period_param(&periods[1]), "month:2026-11");
        assert_eq!(period_param(&periods[2]), "quarter:2026-Q4");
        assert_eq!(period_param(&periods[3]), "custom:2026-11-03..2026-11-20");
    }

    #[test]
    fn a_week_link_naming_a_wednesday_opens_the_whole_week_from_monday() {
        let week = parse_period_param("week:2026-12-02").unwrap();
        assert_eq!((week.start(), week.end()), (d(2026, 11, 30), d(2026, 12, 6)));
    }

    #[test]
    fn a_broken_or_backwards_link_reads_as_no_period() {
        for text in [
            "",
            "month",
            "month:2026-13",
            "quarter:2026-Q5",
            "week:2026-02-30",
            "custom:2026-11-20..2026-11-03",
            "year:2026",
            "custom:2026-11-03",
            "month:99999-01",
        ] {
            assert_eq!(parse_period_param(text), None, "{text}");
        }
    }
}
