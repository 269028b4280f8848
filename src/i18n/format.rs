//! Dates, amounts and sizes written the way each language writes them.

use crate::domain::money::Money;
use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike, Weekday};

const EN_MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `2026年11月23日` / `23 Nov 2026`.
pub fn date_long(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        Lang::En => format!("{} {} {}", date.day(), EN_MONTHS[date.month0() as usize], date.year()),
    }
}

/// `11月23日` / `23 Nov`: for dates in the current year, agenda windows and lists.
pub fn date_short(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("{}月{}日", date.month(), date.day()),
        Lang::En => format!("{} {}", date.day(), EN_MONTHS[date.month0() as usize]),
    }
}

/// The short form when `date` is in `this_year`, the long form otherwise.
pub fn date_auto(lang: Lang, date: NaiveDate, this_year: i32) -> String {
    if date.year() == this_year { date_short(lang, date) } else { date_long(lang, date) }
}

pub fn weekday(lang: Lang, day: Weekday) -> &'static str {
    let i = day.num_days_from_monday() as usize;
    match lang {
        Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][i],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    }
}

/// `2026年11月23日 14:05` / `23 Nov 2026, 14:05`.
pub fn date_time(lang: Lang, at: NaiveDateTime) -> String {
    let date = date_long(lang, at.date());
    match lang {
        Lang::Zh => format!("{date} {:02}:{:02}", at.hour(), at.minute()),
        Lang::En => format!("{date}, {:02}:{:02}", at.hour(), at.minute()),
    }
}

/// Groups digits by thousands: `1,280`.
fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `¥1,280` or `¥1,280.50`. Both languages use the yuan sign; English readers know it from prices.
pub fn money(_lang: Lang, amount: Money) -> String {
    let sign = if amount.0 < 0 { "-" } else { "" };
    let abs = amount.0.unsigned_abs();
    let whole = group_thousands(abs / 100);
    if abs.is_multiple_of(100) { format!("{sign}¥{whole}") } else { format!("{sign}¥{whole}.{:02}", abs % 100) }
}

/// What a purchase cost: its amount, or "免费" / "free" for a gift or free item (¥0).
pub fn price(lang: Lang, amount: Money) -> String {
    match (amount.0, lang) {
        (0, Lang::Zh) => "免费".to_string(),
        (0, Lang::En) => "free".to_string(),
        _ => money(lang, amount),
    }
}

/// A whole number with separators: `5,000`.
pub fn count(_lang: Lang, n: usize) -> String {
    group_thousands(n as u64)
}

/// A share as a percentage with at most one decimal: `87.5%`, or `—` when there is nothing to divide.
pub fn percent(ratio: Option<f64>) -> String {
    match ratio {
        Some(r) if r.is_finite() => {
            let p = (r * 1000.0).round() / 10.0;
            if p.fract() == 0.0 { format!("{p:.0}%") } else { format!("{p:.1}%") }
        }
        _ => "—".to_string(),
    }
}

/// A byte count for storage usage: `512 KB`, `3.4 MB`.
pub fn bytes(n: f64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = n.max(0.0);
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 || value >= 100.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_read_naturally_in_chinese_and_english() {
        assert_eq!(date_long(Lang::Zh, d(2026, 6, 3)), "2026年6月3日");
        assert_eq!(date_long(Lang::En, d(2026, 6, 3)), "3 Jun 2026");
        assert_eq!(date_short(Lang::Zh, d(2026, 6, 3)), "6月3日");
        assert_eq!(date_auto(Lang::En, d(2025, 12, 31), 2026), "31 Dec 2025");
        assert_eq!(weekday(Lang::Zh, Weekday::Sun), "周日");
    }

    #[test]
    fn amounts_are_grouped_by_thousands_with_the_yuan_sign() {
        assert_eq!(money(Lang::Zh, Money(128_000)), "¥1,280");
        assert_eq!(money(Lang::En, Money(123_456_789)), "¥1,234,567.89");
        assert_eq!(money(Lang::Zh, Money(5)), "¥0.05");
    }

    #[test]
    fn an_undefined_share_is_shown_as_a_dash_not_as_nan() {
        assert_eq!(percent(Some(0.875)), "87.5%");
        assert_eq!(percent(Some(1.0)), "100%");
        assert_eq!(percent(None), "—");
        assert_eq!(percent(Some(f64::NAN)), "—");
    }

    #[test]
    fn storage_sizes_use_binary_units() {
        assert_eq!(bytes(512.0), "512 B");
        assert_eq!(bytes(3.4 * 1024.0 * 1024.0), "3.4 MB");
    }
}
