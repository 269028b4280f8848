//! CSV export of a period's visits and feedback items, for a supervisor who works in Excel.
//!
//! Excel opens a CSV file in the system's code page unless it starts with a UTF-8 byte order mark,
//! so Chinese text would come out garbled without one; rows end in CRLF and fields are quoted as
//! RFC 4180 says. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be
//! run as a formula by Excel (CSV injection: a customer's name or a note typed as
//! `=HYPERLINK(...)`), so it gets a leading apostrophe and is shown as text.

use crate::domain::customer::{ContactMethod, Customer, Id};
use crate::domain::date::iso;
use crate::domain::measures::period::ReportPeriod;
use crate::domain::measures::records;
use crate::domain::scenario::Scenario;
use crate::domain::visit::{
    FeedbackItem, FeedbackKind, FeedbackStatus, Outcome, Priority, SatisfactionLevel, Verdict, Visit,
};
use chrono::Timelike;
use std::borrow::Cow;
use std::collections::HashMap;

/// Columns of the visits file (the headers are in `i18n::reports`).
pub const VISIT_COLUMNS: usize = 17;
/// Columns of the feedback file.
pub const FEEDBACK_COLUMNS: usize = 13;

/// The words of the CSV files in one language, filled by the catalogue (`i18n::reports::csv_words`):
/// the headers, the files' names, and the names of the values the rows hold.
#[derive(Clone, Copy)]
pub struct CsvWords {
    pub visit_columns: [&'static str; VISIT_COLUMNS],
    pub feedback_columns: [&'static str; FEEDBACK_COLUMNS],
    /// The start of the file's name (`回访记录` / `visits`).
    pub visits_file: &'static str,
    pub feedback_file: &'static str,
    /// Whether a complaint was confirmed settled.
    pub yes: &'static str,
    pub no: &'static str,
    pub scenario: fn(Scenario) -> &'static str,
    pub method: fn(ContactMethod) -> &'static str,
    pub outcome: fn(ContactMethod, Outcome) -> &'static str,
    pub satisfaction: fn(SatisfactionLevel) -> &'static str,
    pub verdict: fn(Verdict) -> &'static str,
    pub feedback_kind: fn(FeedbackKind) -> &'static str,
    pub priority: fn(Priority) -> &'static str,
    pub feedback_status: fn(FeedbackStatus) -> &'static str,
}

/// What a CSV file holds; names the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvExport {
    Visits,
    Feedback,
}

/// A cell as Excel should read it: defused if it would start a formula, quoted if it holds a
/// comma, a quote or a line break.
pub(crate) fn cell(text: &str) -> Cow<'_, str> {
    let defused: Cow<str> = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    };
    if defused.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", defused.replace('"', "\"\"")))
    } else {
        defused
    }
}

struct Csv {
    out: String,
}

impl Csv {
    fn new() -> Csv {
        Csv { out: String::from('\u{FEFF}') }
    }

    fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.out.push_str(&cell(c.as_ref()));
        }
        self.out.push_str("\r\n");
    }
}

fn names(customers: &[Customer]) -> HashMap<&str, &str> {
    customers.iter().map(|c| (c.id.as_str(), c.name.as_str())).collect()
}

/// The customer's name, or their id if the customer is no longer in the book: the row still says
/// whom it was about.
fn name_of<'a>(names: &HashMap<&str, &'a str>, id: &'a Id) -> &'a str {
    names.get(id.as_str()).copied().filter(|n| !n.trim().is_empty()).unwrap_or(id)
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The visits dated in `period`, oldest first, one row each, with headers and labels in `w`'s
/// language.
/// The satisfaction level is the one the reports count (the agent's, or the one the score
/// stands for), so that a pivot table in Excel agrees with the app.
pub fn visits_csv(w: &CsvWords, visits: &[Visit], customers: &[Customer], period: &ReportPeriod) -> String {
    let names = names(customers);
    let mut rows: Vec<&Visit> = visits.iter().filter(|v| period.contains(v.at.date())).collect();
    rows.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    let mut csv = Csv::new();
    csv.row(&w.visit_columns);
    for v in rows {
        let settled =
            if v.scenario == Scenario::ComplaintFollowUp { if v.complaint_settled { w.yes } else { w.no } } else { "" };
        let review = v.review.as_ref();
        let cells: [String; VISIT_COLUMNS] = [
            iso(v.at.date()),
            format!("{:02}:{:02}", v.at.hour(), v.at.minute()),
            name_of(&names, &v.customer_id).to_string(),
            (w.scenario)(v.scenario).to_string(),
            (w.method)(v.method).to_string(),
            (w.outcome)(v.method, v.outcome).to_string(),
            opt(v.satisfaction),
            records::level(v).map(|s| (w.satisfaction)(s)).unwrap_or_default().to_string(),
            opt(v.recommend),
            v.content.clone(),
            opt(v.next_visit.map(iso)),
            v.agent.clone(),
            settled.to_string(),
            review.map(|x| (w.verdict)(x.verdict)).unwrap_or_default().to_string(),
            review.map(|x| x.reviewer.clone()).unwrap_or_default(),
            review.map(|x| x.comment.clone()).unwrap_or_default(),
            v.id.to_string(),
        ];
        csv.row(&cells);
    }
    csv.out
}

/// The feedback items raised in `period`, oldest first, duplicates included (with the item they
/// repeat), with headers and labels in `w`'s language.
pub fn feedback_csv(w: &CsvWords, feedback: &[FeedbackItem], customers: &[Customer], period: &ReportPeriod) -> String {
    let names = names(customers);
    let mut rows: Vec<&FeedbackItem> = feedback.iter().filter(|f| period.contains(f.raised_on)).collect();
    rows.sort_by(|a, b| a.raised_on.cmp(&b.raised_on).then_with(|| a.id.cmp(&b.id)));
    let mut csv = Csv::new();
    csv.row(&w.feedback_columns);
    for f in rows {
        let cells: [String; FEEDBACK_COLUMNS] = [
            iso(f.raised_on),
            name_of(&names, &f.customer_id).to_string(),
            (w.feedback_kind)(f.kind).to_string(),
            f.category.trim().to_string(),
            f.text.clone(),
            (w.priority)(f.priority).to_string(),
            f.department.clone(),
            opt(f.deadline.map(iso)),
            (w.feedback_status)(f.status).to_string(),
            opt(f.closed_on.map(iso)),
            f.duplicate_of.as_deref().unwrap_or_default().to_string(),
            f.visit_id.to_string(),
            f.id.to_string(),
        ];
        csv.row(&cells);
    }
    csv.out
}

/// `回访记录_2026-06-01_2026-06-30.csv` / `visits_2026-06-01_2026-06-30.csv`.
pub fn csv_file_name(w: &CsvWords, what: CsvExport, period: &ReportPeriod) -> String {
    let stem = match what {
        CsvExport::Visits => w.visits_file,
        CsvExport::Feedback => w.feedback_file,
    };
    format!("{stem}_{}_{}.csv", iso(period.start()), iso(period.end()))
}
