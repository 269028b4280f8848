//! The data a report reads, indexed once so that a year of monthly readings stays a few linear
//! passes.

use crate::domain::agenda::{DueItem, ItemStatus};
use crate::domain::customer::Customer;
use crate::domain::measures::period::ReportPeriod;
use crate::domain::schedule::MergedKey;
use crate::domain::tier::TierSettings;
use crate::domain::visit::{FeedbackItem, SatisfactionLevel, Visit};
use std::collections::{HashMap, HashSet};

/// Everything the measures read.
///
/// `items` are the agenda items the schedule produced, with their status. Pass the items of every
/// period you ask about and of the period before it (a comparison reads both): an item belongs to
/// the period that contains its latest date. Items are told apart by key; a key given twice counts
/// once.
pub struct Records<'a> {
    pub(crate) items: Vec<&'a DueItem>,
    pub(crate) visits: &'a [Visit],
    pub(crate) feedback: &'a [FeedbackItem],
    pub(crate) customers: &'a [Customer],
    /// The tier thresholds the tier mix assesses with; the defaults when not given.
    pub(crate) tiers: Option<&'a TierSettings>,
    visit_by_id: HashMap<&'a str, &'a Visit>,
    customer_by_id: HashMap<&'a str, &'a Customer>,
    /// The visits made for each item, oldest first.
    attempts: HashMap<&'a str, Vec<&'a Visit>>,
    /// The day the report is read on: a period that has not ended yet is measured up to it (an
    /// item whose deadline is tomorrow is not overdue today).
    pub(crate) today: Option<chrono::NaiveDate>,
}

impl<'a> Records<'a> {
    pub fn new(
        items: &'a [DueItem],
        visits: &'a [Visit],
        feedback: &'a [FeedbackItem],
        customers: &'a [Customer],
    ) -> Records<'a> {
        let mut seen = HashSet::new();
        // A feedback deadline is the handling of a feedback item, measured by the handling rate
        // and the overdue count, not a follow-up of the agenda measures.
        let items = items
            .iter()
            .filter(|i| i.scenario != crate::domain::scenario::Scenario::FeedbackDue && seen.insert(i.key.as_str()))
            .collect();
        // By each item a visit names: a call made from a Today card ends every item of the card,
        // and its key names them all (`a+b`), while the report's items are each rule's own.
        let mut attempts: HashMap<&str, Vec<&Visit>> = HashMap::new();
        for v in visits {
            for key in v.item_key.iter().flat_map(MergedKey::keys) {
                attempts.entry(key.as_str()).or_default().push(v);
            }
        }
        for list in attempts.values_mut() {
            list.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        }
        Records {
            items,
            visits,
            feedback,
            customers,
            tiers: None,
            visit_by_id: visits.iter().map(|v| (v.id.as_str(), v)).collect(),
            customer_by_id: customers.iter().map(|c| (c.id.as_str(), c)).collect(),
            attempts,
            today: None,
        }
    }

    /// The records as read on `today`.
    pub fn as_of(mut self, today: chrono::NaiveDate) -> Records<'a> {
        self.today = Some(today);
        self
    }

    /// The last day of `period` that has been lived: its end, or today while it runs.
    pub(crate) fn lived_end(&self, period: &ReportPeriod) -> chrono::NaiveDate {
        self.today.map_or(period.end(), |today| period.end().min(today))
    }

    /// The user's tier thresholds, for the tier mix (which assesses each customer as they stood at
    /// the end of each period).
    pub fn with_tiers(mut self, tiers: &'a TierSettings) -> Records<'a> {
        self.tiers = Some(tiers);
        self
    }

    /// Items whose latest date falls in `period`, skipped ones included.
    pub(crate) fn items_due(&self, period: &ReportPeriod) -> impl Iterator<Item = &'a DueItem> + '_ {
        let period = *period;
        self.items.iter().copied().filter(move |i| period.contains(i.latest))
    }

    /// Items due in `period` that the user did not skip: the base of the agenda measures.
    pub(crate) fn items_owed(&self, period: &ReportPeriod) -> impl Iterator<Item = &'a DueItem> + '_ {
        self.items_due(period).filter(|i| !matches!(i.status, ItemStatus::Skipped { .. }))
    }

    pub(crate) fn visits_in(&self, period: &ReportPeriod) -> impl Iterator<Item = &'a Visit> + '_ {
        let period = *period;
        self.visits.iter().filter(move |v| period.contains(v.at.date()))
    }

    pub(crate) fn visit(&self, id: &str) -> Option<&'a Visit> {
        self.visit_by_id.get(id).copied()
    }

    pub(crate) fn customer(&self, id: &str) -> Option<&'a Customer> {
        self.customer_by_id.get(id).copied()
    }

    /// The visits made for an item, oldest first: those naming any of the keys `item` merges.
    pub(crate) fn attempts(&self, item: &MergedKey) -> Vec<&'a Visit> {
        let mut found: Vec<&'a Visit> =
            item.keys().flat_map(|k| self.attempts.get(k.as_str()).into_iter().flatten().copied()).collect();
        found.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        found.dedup_by(|a, b| a.id == b.id);
        found
    }
}

/// A 1–5 score, or `None` for a missing or impossible one (a broken import): an impossible score
/// is left out rather than clamped, because clamping would invent an answer.
pub(crate) fn score(v: &Visit) -> Option<u8> {
    v.satisfaction.filter(|s| (1..=5).contains(s))
}

/// The 满意/一般/不满意 level of a visit: the level the agent chose, else the one its score stands for.
pub(crate) fn level(v: &Visit) -> Option<SatisfactionLevel> {
    v.satisfaction_level.or_else(|| score(v).map(SatisfactionLevel::from_score))
}

/// A 0–10 likelihood to recommend, or `None`.
pub(crate) fn recommend(v: &Visit) -> Option<u8> {
    v.recommend.filter(|r| *r <= 10)
}
