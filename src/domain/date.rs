//! Calendar helpers. Every date in Huifang is the user's local calendar date (`NaiveDate`): the
//! browser supplies "today" in its own time zone, the domain never asks for a clock.

use chrono::{Datelike, Months, NaiveDate};

/// Dates outside this range are refused: they are typing mistakes or hostile input, and the lunar
/// calendar tables do not reach further.
pub const MIN_YEAR: i32 = 1901;
pub const MAX_YEAR: i32 = 2099;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("empty date")]
    Empty,
    #[error("not a date")]
    Format,
    #[error("no such day")]
    Impossible,
    #[error("year out of range")]
    OutOfRange,
}

/// Parses a date as people type it or as Excel saves it: `2026-11-23`, `2026/11/23`, `2026.11.23`,
/// `2026年11月23日`, `20261123`, with or without leading zeros, full-width digits accepted.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateError> {
    let text: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    if text.is_empty() {
        return Err(DateError::Empty);
    }
    // Excel may append a time ("2026/11/23 0:00"); the date part is what counts.
    let text = text.split_whitespace().next().unwrap_or("");
    let parts: Vec<&str> = if text.len() == 8 && text.chars().all(|c| c.is_ascii_digit()) {
        vec![&text[0..4], &text[4..6], &text[6..8]]
    } else {
        text.split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect()
    };
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
        return Err(DateError::Format);
    }
    if parts[0].len() != 4 || parts[1].len() > 2 || parts[2].len() > 2 {
        return Err(DateError::Format);
    }
    let year: i32 = parts[0].parse().map_err(|_| DateError::Format)?;
    let month: u32 = parts[1].parse().map_err(|_| DateError::Format)?;
    let day: u32 = parts[2].parse().map_err(|_| DateError::Format)?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(DateError::OutOfRange);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::Impossible)
}

/// Checks a date that came from a file or storage rather than from typing.
pub fn check_range(date: NaiveDate) -> Result<NaiveDate, DateError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&date.year()) { Ok(date) } else { Err(DateError::OutOfRange) }
}

/// `date` plus `n` calendar months, landing on the last day of a shorter month (31 Jan + 1 month
/// is 28 or 29 Feb), which is how people count "a month later".
pub fn add_months(date: NaiveDate, n: u32) -> NaiveDate {
    date.checked_add_months(Months::new(n)).unwrap_or(date)
}

pub fn add_days(date: NaiveDate, n: i64) -> NaiveDate {
    date.checked_add_signed(chrono::Duration::days(n)).unwrap_or(date)
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// The same month and day in `year`; 29 February becomes 28 February in common years.
pub fn anniversary_in(date: NaiveDate, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, date.month(), date.day()).or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28))
}

/// The ISO form used in files, links and storage keys.
pub fn iso(date: NaiveDate) -> String {
    // Not `date.format(..)`: chrono's formatter costs ~8 KB of wasm for this one pattern.
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_typed_in_common_chinese_and_excel_forms_are_understood() {
        assert_eq!(parse_date("2026-11-23"), Ok(d(2026, 11, 23)));
        assert_eq!(parse_date("2026/1/5"), Ok(d(2026, 1, 5)));
        assert_eq!(parse_date("2026.01.05"), Ok(d(2026, 1, 5)));
        assert_eq!(parse_date("2026年1月5日"), Ok(d(2026, 1, 5)));
        assert_eq!(parse_date("20260105"), Ok(d(2026, 1, 5)));
        assert_eq!(parse_date("２０２６-０１-０５"), Ok(d(2026, 1, 5)));
        assert_eq!(parse_date("2026/1/5 0:00"), Ok(d(2026, 1, 5)));
    }

    #[test]
    fn impossible_days_are_told_apart_from_garbage() {
        assert_eq!(parse_date("2026-02-30"), Err(DateError::Impossible));
        assert_eq!(parse_date("2025-02-29"), Err(DateError::Impossible));
        assert_eq!(parse_date("2024-02-29"), Ok(d(2024, 2, 29)));
        assert_eq!(parse_date("tomorrow"), Err(DateError::Format));
        assert_eq!(parse_date("26-1-5"), Err(DateError::Format));
        assert_eq!(parse_date(""), Err(DateError::Empty));
        assert_eq!(parse_date("1800-01-01"), Err(DateError::OutOfRange));
    }

    #[test]
    fn a_month_after_the_31st_is_the_end_of_the_shorter_month() {
        assert_eq!(add_months(d(2026, 1, 31), 1), d(2026, 2, 28));
        assert_eq!(add_months(d(2028, 1, 31), 1), d(2028, 2, 29));
        assert_eq!(add_months(d(2026, 11, 30), 3), d(2027, 2, 28));
    }

    #[test]
    fn the_iso_form_pads_month_and_day() {
        assert_eq!(iso(d(2026, 1, 5)), "2026-01-05");
        assert_eq!(iso(d(1901, 12, 31)), "1901-12-31");
    }

    #[test]
    fn a_29_february_anniversary_falls_on_28_february_in_common_years() {
        assert_eq!(anniversary_in(d(2000, 2, 29), 2026), Some(d(2026, 2, 28)));
        assert_eq!(anniversary_in(d(2000, 2, 29), 2028), Some(d(2028, 2, 29)));
    }
}
