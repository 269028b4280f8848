//! When to remind the user to export a backup. Everything lives in one browser, so a file the
//! user keeps elsewhere is the only copy that survives a cleared browser or a lost phone.
//!
//! The number of days is a setting (`Settings::backup.remind_after_days`, 0 turns the reminder
//! off). Days are counted from the last export; with no export ever, from the day the data
//! started: the first record created on this device or the first use of the app, whichever is
//! earlier. Records seeded or imported without a creation date carry the placeholder
//! 2000-01-01 00:00 and are not counted, or every such user would be "26 years" overdue.

use crate::domain::customer::Customer;
use crate::domain::date::days_between;
use crate::domain::visit::Visit;
use chrono::{NaiveDate, NaiveDateTime};

/// The longest reminder interval the setting accepts (a year); 0 means never remind.
pub const MAX_REMIND_DAYS: u32 = 365;

/// A reminder that is due: how long the data has gone without a backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reminder {
    pub days_without: i64,
    /// No export was ever made on this device.
    pub never: bool,
}

/// What the reminder needs to know; gathered by the UI from storage and preferences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupFacts {
    pub today: NaiveDate,
    pub last_backup: Option<NaiveDate>,
    pub first_use: NaiveDate,
    /// The earliest creation date of a real record (see [`first_record_date`]).
    pub first_record: Option<NaiveDate>,
    /// Whether there is anything worth backing up (records other than demo data).
    pub has_data: bool,
    pub remind_after_days: u32,
    /// The user pressed "later": no reminder before this day.
    pub snoozed_until: Option<NaiveDate>,
}

/// The day from which the data has gone without a backup.
pub fn unbacked_since(facts: &BackupFacts) -> NaiveDate {
    match facts.last_backup {
        Some(day) => day,
        None => facts.first_record.map_or(facts.first_use, |d| d.min(facts.first_use)),
    }
}

/// The reminder to show today, if one is due.
pub fn reminder(facts: &BackupFacts) -> Option<Reminder> {
    if !facts.has_data || facts.remind_after_days == 0 {
        return None;
    }
    if facts.snoozed_until.is_some_and(|until| facts.today < until) {
        return None;
    }
    let days_without = days_between(unbacked_since(facts), facts.today);
    (days_without >= i64::from(facts.remind_after_days))
        .then_some(Reminder { days_without, never: facts.last_backup.is_none() })
}

/// The placeholder creation time of records that came without one (`Customer::default`).
fn is_placeholder(at: NaiveDateTime) -> bool {
    NaiveDate::from_ymd_opt(2000, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)) == Some(at)
}

/// The earliest day a real (non-demo) customer or visit was created, ignoring placeholders.
pub fn first_record_date(customers: &[Customer], visits: &[Visit]) -> Option<NaiveDate> {
    let customers = customers.iter().filter(|c| !c.demo).map(|c| c.created_at);
    let visits = visits.iter().filter(|v| !v.demo).map(|v| v.created_at);
    customers.chain(visits).filter(|at| !is_placeholder(*at)).map(|at| at.date()).min()
}

/// Whether there is data a backup would protect: demo customers alone are not worth a reminder.
pub fn has_data(customers: &[Customer], visits: &[Visit]) -> bool {
    customers.iter().any(|c| !c.demo) || visits.iter().any(|v| !v.demo)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemindDaysError {
    NotANumber,
    TooLarge,
}

/// Reads the "remind after N days" field: a whole number from 0 (off) to [`MAX_REMIND_DAYS`].
pub fn parse_remind_days(input: &str) -> Result<u32, RemindDaysError> {
    let text = input.trim();
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
        return Err(RemindDaysError::NotANumber);
    }
    match text.parse::<u32>() {
        Ok(days) if days <= MAX_REMIND_DAYS => Ok(days),
        _ => Err(RemindDaysError::TooLarge),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn facts() -> BackupFacts {
        BackupFacts {
            today: day(2026, 6, 20),
            last_backup: None,
            first_use: day(2026, 6, 1),
            first_record: None,
            has_data: true,
            remind_after_days: 14,
            snoozed_until: None,
        }
    }

    fn customer(created: NaiveDateTime, demo: bool) -> Customer {
        Customer { id: "c".into(), created_at: created, demo, ..Customer::default() }
    }

    #[test]
    fn a_reminder_is_due_once_the_set_number_of_days_has_passed_since_the_last_export() {
        let f = BackupFacts { last_backup: Some(day(2026, 6, 6)), ..facts() };
        assert_eq!(reminder(&f), Some(Reminder { days_without: 14, never: false }));
        let f = BackupFacts { last_backup: Some(day(2026, 6, 7)), ..facts() };
        assert_eq!(reminder(&f), None, "13 days after an export is not yet due");
    }

    #[test]
    fn with_no_export_ever_the_days_count_from_the_first_use_not_from_2000() {
        let r = reminder(&facts()).expect("19 days since first use");
        assert_eq!(r, Reminder { days_without: 19, never: true });
        let f = BackupFacts { first_use: day(2026, 6, 10), ..facts() };
        assert_eq!(reminder(&f), None, "10 days of use is not yet 14");
    }

    #[test]
    fn an_older_first_record_counts_from_its_creation_day() {
        let f = BackupFacts { first_use: day(2026, 6, 19), first_record: Some(day(2026, 5, 20)), ..facts() };
        assert_eq!(reminder(&f).map(|r| r.days_without), Some(31));
    }

    #[test]
    fn records_without_a_creation_date_do_not_make_the_reminder_count_from_2000() {
        let placeholder = Customer::default().created_at;
        let real = day(2026, 6, 2).and_hms_opt(10, 30, 0).unwrap();
        let customers = [customer(placeholder, false), customer(real, false)];
        assert_eq!(first_record_date(&customers, &[]), Some(day(2026, 6, 2)));
        assert_eq!(first_record_date(&customers[..1], &[]), None);
    }

    #[test]
    fn demo_customers_alone_need_no_backup() {
        let at = day(2026, 1, 1).and_hms_opt(9, 0, 0).unwrap();
        let demo = [customer(at, true)];
        assert!(!has_data(&demo, &[]));
        assert_eq!(first_record_date(&demo, &[]), None);
        assert!(has_data(&[customer(at, false)], &[]));
        assert_eq!(reminder(&BackupFacts { has_data: false, ..facts() }), None);
    }

    #[test]
    fn zero_days_turns_the_reminder_off() {
        assert_eq!(reminder(&BackupFacts { remind_after_days: 0, first_use: day(2020, 1, 1), ..facts() }), None);
    }

    #[test]
    fn later_hides_the_reminder_until_the_chosen_day() {
        let f = BackupFacts { snoozed_until: Some(day(2026, 6, 21)), ..facts() };
        assert_eq!(reminder(&f), None);
        let f = BackupFacts { snoozed_until: Some(day(2026, 6, 20)), ..facts() };
        assert!(reminder(&f).is_some(), "the reminder is back on the day the snooze ends");
    }

    #[test]
    fn the_reminder_setting_takes_whole_days_from_0_to_365() {
        assert_eq!(parse_remind_days(" 14 "), Ok(14));
        assert_eq!(parse_remind_days("0"), Ok(0));
        assert_eq!(parse_remind_days("365"), Ok(365));
        assert_eq!(parse_remind_days("366"), Err(RemindDaysError::TooLarge));
        assert_eq!(parse_remind_days("99999999999"), Err(RemindDaysError::TooLarge));
        assert_eq!(parse_remind_days("-3"), Err(RemindDaysError::NotANumber));
        assert_eq!(parse_remind_days("7.5"), Err(RemindDaysError::NotANumber));
        assert_eq!(parse_remind_days(""), Err(RemindDaysError::NotANumber));
        assert_eq!(parse_remind_days("两周"), Err(RemindDaysError::NotANumber));
    }
}
