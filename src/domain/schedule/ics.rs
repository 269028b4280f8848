//! iCalendar (RFC 5545) export of agenda items, so that a phone's calendar can import them: one
//! all-day event per item over its window, with a reminder in the morning it opens. Written by
//! hand (a few dozen lines) rather than with a crate: text escaping, line folding at 75 octets
//! without splitting a character, and CRLF line ends are all the format needs.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use std::fmt::Write;

/// One calendar entry, with its texts already in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Unique and stable (the item key), so that importing again updates rather than duplicates.
    pub uid: String,
    pub first_day: NaiveDate,
    /// The last day, included.
    pub last_day: NaiveDate,
    pub summary: String,
    pub description: String,
}

fn date_value(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so that no line is longer than 75 octets (§3.1); a fold
/// never splits a UTF-8 character, which matters for Chinese text (3 octets a character).
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// The whole calendar. `stamp_utc` is when it was made, in UTC (DTSTAMP must be UTC).
pub fn calendar(name: &str, events: &[Event], stamp_utc: NaiveDateTime) -> String {
    let mut out = String::with_capacity(256 + events.len() * 320);
    use chrono::Timelike;
    let stamp = format!(
        "{}T{:02}{:02}{:02}Z",
        date_value(stamp_utc.date()),
        stamp_utc.hour(),
        stamp_utc.minute(),
        stamp_utc.second()
    );
    for line in
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Huifang//Agenda//ZH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    {
        push_line(&mut out, line);
    }
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape_text(name)));
    let mut line = String::new();
    for event in events {
        push_line(&mut out, "BEGIN:VEVENT");
        for (field, value) in [
            ("UID", format!("{}@huifang", escape_text(&event.uid))),
            ("DTSTAMP", stamp.clone()),
            ("DTSTART;VALUE=DATE", date_value(event.first_day)),
            // DTEND of an all-day event is the day after the last one.
            ("DTEND;VALUE=DATE", date_value(event.last_day.max(event.first_day).succ_opt().unwrap_or(event.last_day))),
            ("SUMMARY", escape_text(&event.summary)),
            ("DESCRIPTION", escape_text(&event.description)),
            ("TRANSP", "TRANSPARENT".to_string()),
        ] {
            line.clear();
            let _ = write!(line, "{field}:{value}");
            push_line(&mut out, &line);
        }
        // A reminder at 09:00 on the first day.
        for line in ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:PT9H"] {
            push_line(&mut out, line);
        }
        push_line(&mut out, &format!("DESCRIPTION:{}", escape_text(&event.summary)));
        push_line(&mut out, "END:VALARM");
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A small reader of the format, as a calendar app reads it: unfold, split into properties,
    /// check the structure, unescape text.
    fn parse(ics: &str) -> Vec<Vec<(String, String)>> {
        assert!(ics.ends_with("\r\n"), "the last line ends with CRLF");
        for raw in ics.split("\r\n") {
            assert!(raw.len() <= 75, "line longer than 75 octets: {raw:?}");
            assert!(!raw.contains('\n') && !raw.contains('\r'), "bare line break in {raw:?}");
        }
        let unfolded = ics.replace("\r\n ", "");
        let mut stack = Vec::new();
        let mut events = Vec::new();
        for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
            let (name, value) = line.split_once(':').expect("every line is NAME:VALUE");
            match name {
                "BEGIN" => {
                    stack.push(value.to_string());
                    if value == "VEVENT" {
                        events.push(Vec::new());
                    }
                }
                "END" => assert_eq!(stack.pop().as_deref(), Some(value), "END matches BEGIN"),
                _ if stack.last().map(String::as_str) == Some("VEVENT") => {
                    events.last_mut().unwrap().push((name.to_string(), unescape(value)));
                }
                _ => {}
            }
        }
        assert!(stack.is_empty(), "every BEGIN has its END");
        events
    }

    fn unescape(value: &str) -> String {
        let mut out = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') | Some('N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => panic!("a dangling backslash"),
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    fn field<'a>(event: &'a [(String, String)], name: &str) -> &'a str {
        &event.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}")).1
    }

    #[test]
    fn an_exported_item_is_an_all_day_event_over_its_window() {
        let events = [Event {
            uid: "pp:c1:p1:7".into(),
            first_day: d(2026, 6, 3),
            last_day: d(2026, 6, 5),
            summary: "张伟 · 购买后第7天".into(),
            description: "净水器".into(),
        }];
        let ics = calendar("回访", &events, d(2026, 6, 1).and_hms_opt(1, 30, 0).unwrap());
        let parsed = parse(&ics);
        assert_eq!(parsed.len(), 1);
        assert_eq!(field(&parsed[0], "DTSTART;VALUE=DATE"), "20260603");
        assert_eq!(field(&parsed[0], "DTEND;VALUE=DATE"), "20260606", "the end is exclusive");
        assert_eq!(field(&parsed[0], "DTSTAMP"), "20260601T013000Z");
        assert_eq!(field(&parsed[0], "SUMMARY"), "张伟 · 购买后第7天");
        assert_eq!(field(&parsed[0], "UID"), "pp:c1:p1:7@huifang");
    }

    #[test]
    fn long_chinese_text_folds_without_splitting_characters_and_special_characters_survive() {
        let summary = "回访；客户说：\"安装很好, 但是噪音有点大\"\\ 第二行\n".repeat(6);
        let events = [Event {
            uid: "k".into(),
            first_day: d(2028, 2, 29),
            last_day: d(2028, 2, 29),
            summary: summary.clone(),
            description: String::new(),
        }];
        let ics = calendar("Huifang", &events, d(2028, 2, 1).and_hms_opt(0, 0, 0).unwrap());
        // Every folded line is still valid UTF-8 on its own (the output is a String already;
        // splitting on CRLF would panic above if a fold fell inside a character).
        let parsed = parse(&ics);
        assert_eq!(field(&parsed[0], "SUMMARY"), summary);
        assert_eq!(field(&parsed[0], "DTEND;VALUE=DATE"), "20280301", "a leap day ends on 1 March");
    }

    #[test]
    fn an_empty_agenda_is_still_a_valid_calendar() {
        let ics = calendar("回访", &[], d(2026, 1, 1).and_hms_opt(0, 0, 0).unwrap());
        assert!(parse(&ics).is_empty());
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    }
}
