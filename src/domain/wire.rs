//! Reading stored dates fast. chrono's own deserializers go through its general format parser,
//! which was a fifth of the time of loading 55,000 visits (three date-times each). The stored
//! form is always `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS` (chrono writes it so when there are no
//! fractions of a second): those are read directly, anything else goes to chrono's parser, so
//! exactly the same texts are accepted. Use with `#[serde(deserialize_with = "wire::...")]`.
//!
//! Writing them the same way: chrono writes through Rust's formatting machinery, which was a
//! sixth of the time of importing the 5,000-customer book (every record is written to check it
//! and again to store it). `write_*` write the same text directly, for years 0–9999 and times
//! without fractions of a second, and leave every other value to chrono, so the text is exactly
//! chrono's. Use with `#[serde(serialize_with = "wire::write_...")]`.

use chrono::{Datelike, Timelike};
use chrono::{NaiveDate, NaiveDateTime};
use serde::de::{Error, Visitor};
use serde::{Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

fn fast_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(&b[0..4])? as i32, digits(&b[5..7])?, digits(&b[8..10])?)
}

/// `YYYY-MM-DDTHH:MM:SS` without chrono's parser; `None` for any other form (or an impossible day).
pub fn fast_datetime(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    if b.len() != 19 || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    fast_date(&b[..10])?.and_hms_opt(digits(&b[11..13])?, digits(&b[14..16])?, digits(&b[17..19])?)
}

/// `YYYY-MM-DD` without chrono's parser; `None` for any other form.
pub fn fast_date_str(s: &str) -> Option<NaiveDate> {
    fast_date(s.as_bytes())
}

struct Text<T>(fn(&str) -> Option<T>, &'static str);

impl<T: FromStr> Visitor<'_> for Text<T>
where
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.1)
    }

    fn visit_str<E: Error>(self, s: &str) -> Result<T, E> {
        match (self.0)(s) {
            Some(value) => Ok(value),
            None => s.parse().map_err(E::custom),
        }
    }
}

pub fn datetime<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
    d.deserialize_str(Text(fast_datetime, "a date and time"))
}

pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(Text(fast_date_str, "a date"))
}

pub fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    struct Maybe;
    impl<'de> Visitor<'de> for Maybe {
        type Value = Option<NaiveDate>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a date or null")
        }
        fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            date(d).map(Some)
        }
    }
    d.deserialize_option(Maybe)
}

/// Writes `n` as `width` digits at the start of `out`.
fn put_digits(out: &mut [u8], n: u32, width: usize) {
    let mut n = n;
    for slot in out[..width].iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// `YYYY-MM-DD` into the first ten bytes of `out`, for years 0–9999 (chrono writes others with a
/// sign).
fn put_date(date: NaiveDate, out: &mut [u8]) -> bool {
    let Ok(year) = u32::try_from(date.year()) else { return false };
    if year > 9999 {
        return false;
    }
    put_digits(out, year, 4);
    out[4] = b'-';
    put_digits(&mut out[5..], date.month(), 2);
    out[7] = b'-';
    put_digits(&mut out[8..], date.day(), 2);
    true
}

fn ascii(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

pub fn write_date<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    let mut out = [0u8; 10];
    if put_date(*date, &mut out) { s.serialize_str(ascii(&out)) } else { date.serialize(s) }
}

pub fn write_datetime<S: Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    let mut out = [0u8; 19];
    if at.nanosecond() != 0 || !put_date(at.date(), &mut out) {
        return at.serialize(s);
    }
    out[10] = b'T';
    put_digits(&mut out[11..], at.hour(), 2);
    out[13] = b':';
    put_digits(&mut out[14..], at.minute(), 2);
    out[16] = b':';
    put_digits(&mut out[17..], at.second(), 2);
    s.serialize_str(ascii(&out))
}

pub fn write_opt_date<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    struct Fast(NaiveDate);
    impl Serialize for Fast {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            write_date(&self.0, s)
        }
    }
    match date {
        Some(date) => s.serialize_some(&Fast(*date)),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Stamp {
        #[serde(deserialize_with = "datetime")]
        at: NaiveDateTime,
        #[serde(deserialize_with = "date")]
        on: NaiveDate,
        #[serde(default, deserialize_with = "opt_date")]
        next: Option<NaiveDate>,
    }

    fn read(json: &str) -> Result<Stamp, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_the_same_as_chrono_for_every_form_chrono_accepts() {
        for text in ["2026-01-05T09:30:00", "2024-02-29T23:59:59", "1901-01-01T00:00:00", "2026-01-05T09:30:00.250"] {
            let json = format!(r#"{{"at":"{text}","on":"2026-01-05"}}"#);
            let chrono: NaiveDateTime = text.parse().unwrap();
            assert_eq!(read(&json).unwrap().at, chrono, "{text}");
        }
        let s = read(r#"{"at":"2026-01-05T09:30:00","on":"2024-02-29","next":"2026-12-31"}"#).unwrap();
        assert_eq!(s.on, NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!(s.next, NaiveDate::from_ymd_opt(2026, 12, 31));
        assert_eq!(read(r#"{"at":"2026-01-05T09:30:00","on":"2026-01-05","next":null}"#).unwrap().next, None);
        assert_eq!(read(r#"{"at":"2026-01-05T09:30:00","on":"2026-01-05"}"#).unwrap().next, None);
        // Forms the fast path does not take are chrono's to judge, as before.
        let lenient = read(r#"{"at":"2026-01-05T09:30:00","on":"2026-1-5"}"#).unwrap();
        assert_eq!(lenient.on, "2026-1-5".parse::<NaiveDate>().unwrap());
    }

    #[test]
    fn refuses_impossible_days_and_garbage_like_chrono() {
        for (at, on) in [
            ("2026-02-30T00:00:00", "2026-01-05"),
            ("2026-01-05T24:00:00", "2026-01-05"),
            ("2026-01-05T09:30:00", "2025-02-29"),
            ("yesterday", "2026-01-05"),
            ("２０２６-01-05T09:30:00", "2026-01-05"),
        ] {
            let json = format!(r#"{{"at":"{at}","on":"{on}"}}"#);
            assert!(read(&json).is_err(), "{json} must be refused");
        }
        assert!(read(r#"{"at":5,"on":"2026-01-05"}"#).is_err());
    }

    #[derive(serde::Serialize)]
    struct Written {
        #[serde(serialize_with = "write_datetime")]
        at: NaiveDateTime,
        #[serde(serialize_with = "write_date")]
        on: NaiveDate,
        #[serde(serialize_with = "write_opt_date")]
        next: Option<NaiveDate>,
    }

    #[derive(serde::Serialize)]
    struct ByChrono {
        at: NaiveDateTime,
        on: NaiveDate,
        next: Option<NaiveDate>,
    }

    #[test]
    fn writes_exactly_what_chrono_writes() {
        let days = [
            NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(),
            NaiveDate::from_ymd_opt(1901, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(0, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(10000, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(-1, 6, 15).unwrap(),
        ];
        let times = [
            (0, 0, 0, 0),
            (9, 5, 7, 0),
            (23, 59, 59, 0),
            (12, 0, 0, 250_000_000),
            (8, 30, 0, 1),
            (23, 59, 59, 1_500_000_000),
        ];
        for day in days {
            for (h, m, sec, nano) in times {
                let at = day.and_hms_nano_opt(h, m, sec, nano).unwrap();
                for next in [None, Some(day)] {
                    let ours = serde_json::to_string(&Written { at, on: day, next }).unwrap();
                    let chrono = serde_json::to_string(&ByChrono { at, on: day, next }).unwrap();
                    assert_eq!(ours, chrono);
                }
            }
        }
    }
}
