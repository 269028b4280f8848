//! Visit records (回访记录) and feedback items (DOMAIN.md "After a visit", "The record form").

use crate::domain::customer::{ContactMethod, Id};
use crate::domain::fast_hash::FastMap;
use crate::domain::scenario::Scenario;
use crate::domain::schedule::MergedKey;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Reached,
    NoAnswer,
    Refused,
    Rescheduled,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [Outcome::Reached, Outcome::NoAnswer, Outcome::Refused, Outcome::Rescheduled];
}

/// 满意 / 一般 / 不满意
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SatisfactionLevel {
    Satisfied,
    Neutral,
    Dissatisfied,
}

impl SatisfactionLevel {
    /// The level a 1–5 score stands for when the agent gave only the score.
    pub fn from_score(score: u8) -> SatisfactionLevel {
        match score {
            4..=5 => SatisfactionLevel::Satisfied,
            3 => SatisfactionLevel::Neutral,
            _ => SatisfactionLevel::Dissatisfied,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Approved,
    Returned,
}

/// A supervisor's review of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub reviewer: String,
    pub comment: String,
    pub on: NaiveDate,
    pub verdict: Verdict,
}

/// Whether an on-site visit carries the customer's signature (the strokes live in their own store,
/// keyed by the visit id, because they are large).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SignatureState {
    /// Not an on-site visit.
    #[default]
    NotNeeded,
    Captured,
    /// On site without a signature: the agent recorded why.
    Missing {
        reason: String,
    },
}

/// How a [`SignatureState`] is read, variant by variant (`domain::tagged`: every visit has one, and
/// serde's own reading of a tagged enum copies it first). The compiler checks it against the enum.
#[derive(Deserialize)]
#[serde(remote = "SignatureState", rename_all = "snake_case")]
enum SignatureStateRead {
    NotNeeded,
    Captured,
    Missing { reason: String },
}

crate::domain::tagged::read_tag_first!(SignatureState, SignatureStateRead, "type");

/// A customer's signature as vector strokes, in a 0–1000 × 0–400 box whatever the screen size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Signature {
    pub visit_id: Id,
    pub strokes: Vec<Vec<(u16, u16)>>,
}

/// An item of the card a visit was made for that the visit did not answer: it stays open, and
/// the record says why (件件有着落: nothing is dropped without a word).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOpen {
    /// The item's key.
    pub key: MergedKey,
    pub reason: String,
}

/// One entry of a record's change log: a record edited after it was saved keeps what changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordEdit {
    pub at: NaiveDateTime,
    /// What changed, in the language of the moment of the edit.
    pub summary: String,
    /// The same, as data, so the timeline can say it in the current language.
    #[serde(default)]
    pub changes: Vec<crate::domain::record::VisitChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Visit {
    pub id: Id,
    pub rev: u64,
    pub customer_id: Id,
    /// The agenda item this visit completes, if it was started from one (a card's items joined
    /// with `+`, see `schedule::MergedKey`).
    pub item_key: Option<MergedKey>,
    /// Items of that card the visit left open, each with why.
    pub left_open: Vec<LeftOpen>,
    pub scenario: Scenario,
    pub method: ContactMethod,
    #[serde(
        deserialize_with = "crate::domain::wire::datetime",
        serialize_with = "crate::domain::wire::write_datetime"
    )]
    pub at: NaiveDateTime,
    pub outcome: Outcome,
    /// What was said.
    pub content: String,
    /// 1–5.
    pub satisfaction: Option<u8>,
    pub satisfaction_level: Option<SatisfactionLevel>,
    /// Likelihood to recommend, 0–10 (for NPS).
    pub recommend: Option<u8>,
    #[serde(
        deserialize_with = "crate::domain::wire::opt_date",
        serialize_with = "crate::domain::wire::write_opt_date"
    )]
    pub next_visit: Option<NaiveDate>,
    pub agent: String,
    pub signature: SignatureState,
    /// For a complaint follow-up: the customer confirmed the problem is settled.
    pub complaint_settled: bool,
    pub review: Option<Review>,
    pub edits: Vec<RecordEdit>,
    pub demo: bool,
    #[serde(
        deserialize_with = "crate::domain::wire::datetime",
        serialize_with = "crate::domain::wire::write_datetime"
    )]
    pub created_at: NaiveDateTime,
    #[serde(
        deserialize_with = "crate::domain::wire::datetime",
        serialize_with = "crate::domain::wire::write_datetime"
    )]
    pub updated_at: NaiveDateTime,
}

impl Default for Visit {
    fn default() -> Self {
        let epoch = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default().and_hms_opt(0, 0, 0).unwrap_or_default();
        Visit {
            id: Id::default(),
            rev: 0,
            customer_id: Id::default(),
            item_key: None,
            left_open: Vec::new(),
            scenario: Scenario::Manual,
            method: ContactMethod::Phone,
            at: epoch,
            outcome: Outcome::Reached,
            content: String::new(),
            satisfaction: None,
            satisfaction_level: None,
            recommend: None,
            next_visit: None,
            agent: String::new(),
            signature: SignatureState::NotNeeded,
            complaint_settled: false,
            review: None,
            edits: Vec::new(),
            demo: false,
            created_at: epoch,
            updated_at: epoch,
        }
    }
}

/// 需跟进问题 / 潜在需求 / 建议类
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackKind {
    FollowUp,
    PotentialNeed,
    Suggestion,
}

/// Urgent items (the customer cannot use the product) are handled within 24 hours; normal ones go
/// to the monthly plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Urgent,
    Normal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackStatus {
    Open,
    InProgress,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeedbackItem {
    pub id: Id,
    pub rev: u64,
    pub visit_id: Id,
    pub customer_id: Id,
    pub kind: FeedbackKind,
    pub text: String,
    /// A short problem or need category ("噪音", "配件") used by the reports' "most frequent" lists.
    pub category: String,
    pub priority: Priority,
    pub department: String,
    #[serde(
        deserialize_with = "crate::domain::wire::opt_date",
        serialize_with = "crate::domain::wire::write_opt_date"
    )]
    pub deadline: Option<NaiveDate>,
    pub status: FeedbackStatus,
    #[serde(deserialize_with = "crate::domain::wire::date", serialize_with = "crate::domain::wire::write_date")]
    pub raised_on: NaiveDate,
    #[serde(
        deserialize_with = "crate::domain::wire::opt_date",
        serialize_with = "crate::domain::wire::write_opt_date"
    )]
    pub closed_on: Option<NaiveDate>,
    /// The same problem reported twice is one item: this one points at the original.
    pub duplicate_of: Option<Id>,
    /// Settled during the very visit that raised it: the customer already knows, so closing it
    /// schedules no "it is solved" contact.
    pub resolved_during_visit: bool,
    pub demo: bool,
    #[serde(
        deserialize_with = "crate::domain::wire::datetime",
        serialize_with = "crate::domain::wire::write_datetime"
    )]
    pub updated_at: NaiveDateTime,
}

impl Default for FeedbackItem {
    fn default() -> Self {
        let epoch = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
        FeedbackItem {
            id: Id::default(),
            rev: 0,
            visit_id: Id::default(),
            customer_id: Id::default(),
            kind: FeedbackKind::FollowUp,
            text: String::new(),
            category: String::new(),
            priority: Priority::Normal,
            department: String::new(),
            deadline: None,
            status: FeedbackStatus::Open,
            raised_on: epoch,
            closed_on: None,
            duplicate_of: None,
            resolved_during_visit: false,
            demo: false,
            updated_at: epoch.and_hms_opt(0, 0, 0).unwrap_or_default(),
        }
    }
}

/// The customers contacted on `day`, whatever the outcome, each once: Today counts them as done
/// and does not plan them again that day.
pub fn contacted_on(visits: &[Visit], day: NaiveDate) -> HashSet<Id> {
    visits.iter().filter(|v| v.at.date() == day).map(|v| v.customer_id.clone()).collect()
}

/// Where each customer's visits are in a list of visits, so that a page finds one customer's
/// visits without reading every visit of the book. Comparing the owner of each of a large book's
/// 65,000 visits touches memory all over the list: ~4 ms each time a customer's page, the visit
/// form or a save needed them, where the positions of one customer's visits are a lookup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ByCustomer {
    positions: FastMap<Id, Vec<u32>>,
}

impl ByCustomer {
    pub fn new(visits: &[Visit]) -> ByCustomer {
        let mut positions: FastMap<Id, Vec<u32>> = FastMap::default();
        for (at, visit) in visits.iter().enumerate() {
            let at = u32::try_from(at).unwrap_or(u32::MAX);
            match positions.get_mut(visit.customer_id.as_str()) {
                Some(own) => own.push(at),
                None => {
                    positions.insert(visit.customer_id.clone(), vec![at]);
                }
            }
        }
        ByCustomer { positions }
    }

    /// The visits of `customer` in `visits` (the list this was made from), in list order.
    pub fn of<'a>(&'a self, visits: &'a [Visit], customer: &'a str) -> impl Iterator<Item = &'a Visit> + 'a {
        self.positions
            .get(customer)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|at| visits.get(*at as usize))
            // Checked, so that a list that changed since cannot show someone else's visit.
            .filter(move |v| v.customer_id.as_str() == customer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(id: &str, customer: &str) -> Visit {
        Visit { id: Id::from(id), customer_id: Id::from(customer), ..Visit::default() }
    }

    fn ids<'a>(visits: impl Iterator<Item = &'a Visit>) -> Vec<&'a str> {
        visits.map(|v| v.id.as_str()).collect()
    }

    #[test]
    fn the_customers_contacted_on_a_day_are_counted_once_whatever_the_outcome() {
        let at = |id: &str, customer: &str, day: u32, outcome: Outcome| Visit {
            at: NaiveDate::from_ymd_opt(2026, 12, day).unwrap().and_hms_opt(10, 0, 0).unwrap(),
            outcome,
            ..visit(id, customer)
        };
        let visits = vec![
            at("v1", "a", 7, Outcome::Reached),
            at("v2", "a", 7, Outcome::NoAnswer),
            at("v3", "b", 7, Outcome::Refused),
            at("v4", "c", 6, Outcome::Reached),
        ];
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let mut contacted: Vec<String> = contacted_on(&visits, day).into_iter().map(|id| id.to_string()).collect();
        contacted.sort();
        assert_eq!(contacted, ["a", "b"]);
    }

    #[test]
    fn a_customers_visits_are_found_in_list_order_and_nobody_elses() {
        let visits = vec![visit("v1", "a"), visit("v2", "b"), visit("v3", "a"), visit("v4", "c"), visit("v5", "a")];
        let index = ByCustomer::new(&visits);
        assert_eq!(ids(index.of(&visits, "a")), ["v1", "v3", "v5"]);
        assert_eq!(ids(index.of(&visits, "b")), ["v2"]);
        assert_eq!(ids(index.of(&visits, "nobody")), Vec::<&str>::new());
        assert_eq!(ids(ByCustomer::new(&[]).of(&visits, "a")), Vec::<&str>::new());
    }

    #[test]
    fn a_list_changed_since_the_index_never_yields_another_customers_visit() {
        let mut visits = vec![visit("v1", "a"), visit("v2", "b"), visit("v3", "a")];
        let index = ByCustomer::new(&visits);
        visits.remove(0);
        // Position 0 is now b's visit and position 2 is past the end: the stale index finds none of
        // a's visits (the app makes it again when the list changes), and never b's.
        assert_eq!(ids(index.of(&visits, "a")), Vec::<&str>::new());
        assert!(index.of(&visits, "b").all(|v| v.customer_id == "b"));
    }
}
