//! The Chinese lunisolar calendar (农历) for the dates the practice needs: Spring Festival,
//! Mid-Autumn, lunar birthdays and user-defined lunar holidays. The tables come from the
//! `chinese-lunisolar-calendar` crate and cover 1901–2100, the range of dates Huifang accepts.

use chinese_lunisolar_calendar::LunisolarDate;
use chrono::{Datelike, NaiveDate};

/// A day of the lunar calendar. `year` is the Gregorian year in which that lunar year's New Year
/// falls (the 12th month of lunar year 2026 ends in early 2027).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarDay {
    pub year: i32,
    /// 1–12.
    pub month: u8,
    /// A leap month (闰月) repeats the number of the month before it.
    pub leap: bool,
    /// 1–30.
    pub day: u8,
}

/// The lunar day of a Gregorian date; `None` outside 1901–2100.
pub fn to_lunar(date: NaiveDate) -> Option<LunarDay> {
    let lunar = LunisolarDate::from_date(date).ok()?;
    let month = lunar.to_lunar_month();
    Some(LunarDay {
        year: i32::from(lunar.to_lunisolar_year().to_u16()),
        month: month.to_u8(),
        leap: month.is_leap_month(),
        day: lunar.to_lunar_day().to_u8(),
    })
}

/// The Gregorian date of an exact lunar day; `None` when that day does not exist (a 30th in a
/// 29-day month, a leap month the year does not have) or lies outside the tables.
pub fn from_lunar(day: LunarDay) -> Option<NaiveDate> {
    let year = u16::try_from(day.year).ok()?;
    LunisolarDate::from_ymd(year, day.month, day.leap, day.day).ok().map(LunisolarDate::to_naive_date)
}

/// When a lunar anniversary (birthday, holiday) of `month`/`day` is kept in lunar year `year`.
/// It is kept in the ordinary month even for someone born in a leap month, since most years have
/// no such leap month; a 30th falls on the 29th in a 29-day month (the month's last day), which
/// is how families keep such birthdays.
pub fn anniversary(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    from_lunar(LunarDay { year, month, leap: false, day })
        .or_else(|| (day == 30).then(|| from_lunar(LunarDay { year, month, leap: false, day: 29 })).flatten())
}

/// 春节: the first day of the first lunar month.
pub fn spring_festival(year: i32) -> Option<NaiveDate> {
    anniversary(year, 1, 1)
}

/// 中秋节: the 15th day of the 8th lunar month.
pub fn mid_autumn(year: i32) -> Option<NaiveDate> {
    anniversary(year, 8, 15)
}

/// Every date in `from..=to` on which the lunar anniversary `month`/`day` falls. A lunar year
/// straddles two Gregorian years, so the year before `from` is looked at too (its 12th month
/// may end in January).
pub fn anniversaries_between(month: u8, day: u8, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    (from.year() - 1..=to.year())
        .filter_map(|year| anniversary(year, month, day))
        .filter(|date| (from..=to).contains(date))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn spring_festival_falls_on_the_published_dates() {
        assert_eq!(spring_festival(2024), Some(d(2024, 2, 10)));
        assert_eq!(spring_festival(2025), Some(d(2025, 1, 29)));
        assert_eq!(spring_festival(2026), Some(d(2026, 2, 17)));
        assert_eq!(spring_festival(2027), Some(d(2027, 2, 6)));
    }

    #[test]
    fn mid_autumn_falls_on_the_published_dates() {
        assert_eq!(mid_autumn(2025), Some(d(2025, 10, 6)));
        assert_eq!(mid_autumn(2026), Some(d(2026, 9, 25)));
        assert_eq!(mid_autumn(2027), Some(d(2027, 9, 15)));
    }

    #[test]
    fn a_gregorian_date_reads_as_its_lunar_day() {
        // 2026-02-16 is New Year's Eve (除夕), the 29th of the 12th month of lunar year 2025.
        assert_eq!(to_lunar(d(2026, 2, 16)), Some(LunarDay { year: 2025, month: 12, leap: false, day: 29 }));
        assert_eq!(to_lunar(d(2026, 9, 25)), Some(LunarDay { year: 2026, month: 8, leap: false, day: 15 }));
    }

    #[test]
    fn a_lunar_birthday_moves_with_the_lunar_calendar() {
        // Born 1990-05-25, the 2nd day of the 5th lunar month (五月初二; 端午 1990 was 28 May).
        let born = to_lunar(d(1990, 5, 25)).unwrap();
        assert_eq!((born.month, born.leap, born.day), (5, false, 2));
        // 端午 (5th of the 5th month) is 19 June 2026 and 9 June 2027.
        assert_eq!(anniversary(2026, born.month, born.day), Some(d(2026, 6, 16)));
        assert_eq!(anniversary(2027, born.month, born.day), Some(d(2027, 6, 6)));
    }

    #[test]
    fn someone_born_in_a_leap_month_celebrates_in_the_ordinary_month_of_that_number() {
        // 2023 had a leap 2nd month (闰二月, 22 Mar – 19 Apr 2023).
        let born = to_lunar(d(2023, 4, 1)).unwrap();
        assert_eq!((born.month, born.leap, born.day), (2, true, 11));
        // 2026 has no leap 2nd month: the 11th of the 2nd month is 2026-03-29.
        assert_eq!(anniversary(2026, 2, 11), Some(d(2026, 3, 29)));
        assert_eq!(from_lunar(LunarDay { year: 2026, month: 2, leap: true, day: 11 }), None);
    }

    #[test]
    fn a_30th_falls_on_the_29th_in_a_short_lunar_month() {
        // The 12th month of lunar year 2025 has 29 days (New Year's Eve is the 29th).
        assert_eq!(from_lunar(LunarDay { year: 2025, month: 12, leap: false, day: 30 }), None);
        assert_eq!(anniversary(2025, 12, 30), Some(d(2026, 2, 16)));
    }

    #[test]
    fn a_12th_month_anniversary_in_january_is_found_from_the_year_before() {
        // 腊月初八 (Laba) of lunar year 2025 is 2026-01-26.
        assert_eq!(anniversaries_between(12, 8, d(2026, 1, 1), d(2026, 12, 31)), vec![d(2026, 1, 26)]);
    }

    #[test]
    fn dates_outside_the_tables_have_no_lunar_day() {
        assert_eq!(to_lunar(d(1800, 1, 1)), None);
        assert_eq!(spring_festival(2200), None);
    }
}
