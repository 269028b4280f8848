//! The vocabulary of the agenda: a follow-up that falls due (`DueItem`), why, and what became of
//! it. The schedule rules that produce items live in `domain::schedule` (DOMAIN.md "Scenarios");
//! the visit form completes items, and the reports count them.

use crate::domain::customer::{ContactMethod, Id, Severity};
use crate::domain::scenario::Scenario;
use crate::domain::schedule::{ItemKey, MergedKey};
use crate::domain::tier::Tier;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why an item is due. An item that merges two rules landing on the same customer in the same
/// window carries both reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DueReason {
    /// First purchase or registration on `anchor`.
    Activation {
        anchor: NaiveDate,
    },
    /// `day` days after the purchase `purchase_id` of `purchase_date` ("购买后第7天").
    /// `carried` names the earlier nodes of the same purchase that were superseded by this one
    /// before anyone called: their questions belong to this call.
    PostPurchase {
        purchase_id: Id,
        purchase_date: NaiveDate,
        product: String,
        day: u32,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        carried: Vec<u32>,
    },
    /// A service or repair (`event_id`) finished on `date`.
    AfterService {
        event_id: Id,
        date: NaiveDate,
    },
    /// The complaint `complaint_id` was resolved on `resolved_on`; `round` counts the follow-ups
    /// (1 for the first) until the customer confirms it is settled.
    ComplaintFollowUp {
        complaint_id: Id,
        resolved_on: NaiveDate,
        severity: Severity,
        round: u32,
    },
    /// Periodic care by tier cadence; `last_contact` is the last completed visit, if any.
    Care {
        last_contact: Option<NaiveDate>,
    },
    /// The complaint `complaint_id` was raised on `raised_on`: acknowledge it and confirm the
    /// facts within 24–48 hours. The case stays open until the customer confirms it is settled.
    ComplaintHandling {
        complaint_id: Id,
        raised_on: NaiveDate,
        severity: Severity,
    },
    /// The follow-up feedback item `feedback_id` must be handled by `deadline` (`urgent`: the
    /// customer cannot use the product).
    FeedbackDue {
        feedback_id: Id,
        deadline: NaiveDate,
        urgent: bool,
    },
    /// Birthday on `date` (this occurrence); `lunar` when it follows the lunar calendar.
    Birthday {
        date: NaiveDate,
        lunar: bool,
    },
    /// A holiday (`name` as the user or the built-in list calls it) on `date`.
    Holiday {
        name: String,
        date: NaiveDate,
    },
    Campaign {
        campaign_id: Id,
        name: String,
    },
    /// An incident at the customer's site was handled on `date`.
    Incident {
        event_id: Id,
        date: NaiveDate,
    },
    /// Picked for the monthly quality sample.
    QualitySampling {
        year: i32,
        month: u32,
    },
    /// `unanswered` calls in a row went unanswered (Diamond: hand to a specialist).
    Escalation {
        unanswered: u32,
    },
    /// A call went unanswered (Gold: send an SMS care message).
    SmsCare {
        visit_id: Id,
    },
    /// The follow-up feedback item was closed: tell the customer.
    FeedbackClosure {
        feedback_id: Id,
    },
    /// A potential need was recorded: check the intention a month later.
    IntentionCheck {
        feedback_id: Id,
    },
    /// The agent set this date as the next visit on the record `visit_id`.
    NextVisit {
        visit_id: Id,
    },
}

/// Who should make the visit (complaint severity decides; DOMAIN.md "Scenarios").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Responsible {
    #[default]
    Agent,
    Supervisor,
    Manager,
    /// A dedicated specialist (Diamond escalation).
    Specialist,
}

/// Where an item's life ended (DOMAIN.md "The life of a follow-up item"): every item opens, falls
/// due and ends as done, skipped, superseded or lapsed; nothing disappears without a trace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ItemStatus {
    Open,
    /// Completed by the visit `visit_id` on `on`.
    Done {
        visit_id: Id,
        on: NaiveDate,
    },
    /// Skipped by the user with a reason.
    Skipped {
        reason: String,
        on: NaiveDate,
    },
    /// A later item took its place on `on` before it was done (the next post-purchase node, the
    /// next round of periodic care, the complaint follow-up after the complaint was resolved):
    /// what it would have asked goes into the call of the item `by`.
    Superseded {
        by: ItemKey,
        on: NaiveDate,
    },
    /// Its time passed on `on`: asked later it would be wrong (a greeting after the day) or
    /// pointless.
    Lapsed {
        on: NaiveDate,
        cause: LapseCause,
    },
}

/// Why an item lapsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LapseCause {
    /// Its window and grace period passed with nobody calling.
    Expired,
    /// The customer was reached by the visit `visit_id` for another reason (new-customer
    /// activation needs no call of its own once the customer was reached).
    Reached { visit_id: Id },
    /// The customer confirmed the complaint settled before anyone made this contact.
    Settled,
}

/// One follow-up the practice calls for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DueItem {
    /// Stable across recomputation (derived from the customer, scenario and anchor), so that a
    /// visit, a snooze or a skip can refer to it. A merged item's names every rule's item.
    pub key: MergedKey,
    pub customer_id: Id,
    pub scenario: Scenario,
    pub reasons: Vec<DueReason>,
    /// The window: not before `earliest`, ideally on `ideal`, at the latest on `latest`.
    pub earliest: NaiveDate,
    pub ideal: NaiveDate,
    pub latest: NaiveDate,
    pub method: ContactMethod,
    pub tier: Tier,
    pub responsible: Responsible,
    /// The visit must be on site (a major complaint's first follow-up, an incident).
    pub on_site: bool,
    pub status: ItemStatus,
}

/// Where an open item stands on a given day (its colour in the agenda).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    /// The window has not opened yet.
    Upcoming,
    /// Inside the window.
    Due,
    /// Past the latest date by this many days.
    Late(i64),
}

impl DueItem {
    /// Periodic care never falls behind: nobody did it in its window, so it is simply due now,
    /// until the next care date supersedes it (DOMAIN.md "The life of a follow-up item"). Other
    /// items past their window are late.
    pub fn urgency(&self, today: NaiveDate) -> Urgency {
        let rolls_forward =
            !self.reasons.is_empty() && self.reasons.iter().all(|r| matches!(r, DueReason::Care { .. }));
        if today > self.latest && rolls_forward {
            Urgency::Due
        } else if today > self.latest {
            Urgency::Late((today - self.latest).num_days())
        } else if today >= self.earliest {
            Urgency::Due
        } else {
            Urgency::Upcoming
        }
    }

    pub fn is_open(&self) -> bool {
        matches!(self.status, ItemStatus::Open)
    }

    /// Superseded or lapsed: it ended without the visit it called for, and counts as missed in
    /// the completion and on-time measures.
    pub fn is_missed(&self) -> bool {
        matches!(self.status, ItemStatus::Superseded { .. } | ItemStatus::Lapsed { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn item(earliest: NaiveDate, latest: NaiveDate) -> DueItem {
        DueItem {
            key: "k".into(),
            customer_id: "c".into(),
            scenario: Scenario::PostPurchase,
            reasons: vec![],
            earliest,
            ideal: earliest,
            latest,
            method: ContactMethod::Phone,
            tier: Tier::Gold,
            responsible: Responsible::Agent,
            on_site: false,
            status: ItemStatus::Open,
        }
    }

    #[test]
    fn an_item_is_upcoming_before_its_window_due_inside_it_and_late_after_it() {
        let it = item(d(2026, 6, 3), d(2026, 6, 5));
        assert_eq!(it.urgency(d(2026, 6, 2)), Urgency::Upcoming);
        assert_eq!(it.urgency(d(2026, 6, 3)), Urgency::Due);
        assert_eq!(it.urgency(d(2026, 6, 5)), Urgency::Due);
        assert_eq!(it.urgency(d(2026, 6, 8)), Urgency::Late(3));
    }

    #[test]
    fn periodic_care_nobody_did_is_due_now_not_late() {
        let mut it = item(d(2026, 6, 26), d(2026, 7, 3));
        it.scenario = Scenario::Care;
        it.reasons = vec![DueReason::Care { last_contact: None }];
        assert_eq!(it.urgency(d(2026, 12, 7)), Urgency::Due);
    }
}
