//! Closing the loop (闭环, DOMAIN.md "After a visit"): every item ends closed and every customer
//! hears back (件件有着落，事事有回音).
//!
//! - a closed follow-up item schedules "tell the customer it is solved" ([`Scenario::FeedbackClosure`]);
//! - a potential need schedules an intention check a month later ([`Scenario::IntentionCheck`]);
//! - a next visit date on a record schedules that visit ([`DueReason::NextVisit`]);
//! - an open follow-up item with a deadline is on the agenda on its deadline (an urgent one from
//!   the day it was raised), until it is closed ([`Scenario::FeedbackDue`]);
//! - the same problem reported twice is one item: the duplicate points at the original.
//!
//! [`loop_items`] produces these as [`DueItem`]s for the schedule to merge with its own.

use crate::domain::agenda::{DueItem, DueReason, ItemStatus, Responsible};
use crate::domain::customer::{ContactMethod, Customer, Id};
use crate::domain::date;
use crate::domain::fast_hash::FastMap;
use crate::domain::scenario::Scenario;
use crate::domain::schedule::ItemKey;
use crate::domain::settings::Settings;
use crate::domain::tier::Tier;
use crate::domain::visit::{FeedbackItem, FeedbackKind, FeedbackStatus, Outcome, Priority, Verdict, Visit};
use chrono::{NaiveDate, NaiveDateTime};

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DuplicateError {
    #[error("an item cannot duplicate itself")]
    Itself,
    #[error("the original item does not exist")]
    NotFound,
    /// The original is (a duplicate of) this item.
    #[error("the original is itself a duplicate of this item")]
    Cycle,
}

fn find<'a>(feedback: &'a [FeedbackItem], id: &str) -> Option<&'a FeedbackItem> {
    feedback.iter().find(|f| f.id == id)
}

/// The original an item stands for: itself, or the end of its `duplicate_of` chain. A chain that
/// loops (hand-edited data) stops where it would repeat.
pub fn root_of<'a>(feedback: &'a [FeedbackItem], item: &'a FeedbackItem) -> &'a FeedbackItem {
    let mut current = item;
    let mut seen = vec![item.id.as_str()];
    while let Some(next) = current.duplicate_of.as_deref().and_then(|id| find(feedback, id)) {
        if seen.contains(&next.id.as_str()) {
            break;
        }
        seen.push(&next.id);
        current = next;
    }
    current
}

/// The item `item_id` may be marked a duplicate of: the original `original_id` stands for
/// (duplicates always point at the first report, so chains stay one step long).
pub fn duplicate_target(feedback: &[FeedbackItem], item_id: &str, original_id: &str) -> Result<Id, DuplicateError> {
    if original_id == item_id {
        return Err(DuplicateError::Itself);
    }
    let original = find(feedback, original_id).ok_or(DuplicateError::NotFound)?;
    let mut current = original;
    let mut seen = vec![original.id.as_str()];
    loop {
        if !item_id.is_empty() && current.id == item_id {
            return Err(DuplicateError::Cycle);
        }
        match current.duplicate_of.as_deref().and_then(|id| find(feedback, id)) {
            Some(next) if !seen.contains(&next.id.as_str()) => {
                seen.push(&next.id);
                current = next;
            }
            _ => return Ok(current.id.clone()),
        }
    }
}

/// Marks `item_id` as the same problem as `original_id`. Returns the items to save: the item,
/// and any items that pointed at it, now pointing at the original too.
pub fn mark_duplicate(
    feedback: &[FeedbackItem],
    item_id: &str,
    original_id: &str,
    now: NaiveDateTime,
) -> Result<Vec<FeedbackItem>, DuplicateError> {
    let root = duplicate_target(feedback, item_id, original_id)?;
    let item = find(feedback, item_id).ok_or(DuplicateError::NotFound)?;
    let mut changed = vec![FeedbackItem { duplicate_of: Some(root.clone()), updated_at: now, ..item.clone() }];
    changed.extend(feedback.iter().filter(|f| f.duplicate_of.as_deref() == Some(item_id)).map(|f| FeedbackItem {
        duplicate_of: Some(root.clone()),
        updated_at: now,
        ..f.clone()
    }));
    Ok(changed)
}

/// Whether an item still waits for handling. A duplicate never counts: its original does.
pub fn is_open(item: &FeedbackItem) -> bool {
    item.status != FeedbackStatus::Closed && item.duplicate_of.is_none()
}

/// An item's status as the user should see it: a duplicate shows its original's.
pub fn effective_status(feedback: &[FeedbackItem], item: &FeedbackItem) -> FeedbackStatus {
    root_of(feedback, item).status
}

/// The item closed on `on`.
pub fn close_item(item: &FeedbackItem, on: NaiveDate, now: NaiveDateTime) -> FeedbackItem {
    FeedbackItem { status: FeedbackStatus::Closed, closed_on: Some(on), updated_at: now, ..item.clone() }
}

/// What a saved visit does to a due item: `Some(Done)` when it completes it, `None` when the
/// item stays open (no answer: the no-answer ladder takes over).
///
/// A visit completes the item it was started from; a visit logged from the customer completes
/// an item of the same scenario whose window contains it. Reaching the customer or being
/// refused completes it; a rescheduled visit completes it when it sets the new date (the next
/// visit item carries on).
pub fn completion(visit: &Visit, item: &DueItem) -> Option<ItemStatus> {
    if visit.customer_id != item.customer_id {
        return None;
    }
    let linked = match &visit.item_key {
        Some(key) => *key == item.key,
        None => visit.scenario == item.scenario && (item.earliest..=item.latest).contains(&visit.at.date()),
    };
    let completes = match visit.outcome {
        Outcome::Reached | Outcome::Refused => true,
        Outcome::Rescheduled => visit.next_visit.is_some(),
        Outcome::NoAnswer => false,
    };
    (linked && completes).then(|| ItemStatus::Done { visit_id: visit.id.clone(), on: visit.at.date() })
}

fn tier_of(customer: &Customer) -> Tier {
    customer.tier_override.as_ref().map(|o| o.tier).or(customer.tier).unwrap_or(Tier::Basic)
}

/// A loop item before the customer's details are known.
struct Planned {
    key: ItemKey,
    customer_id: Id,
    scenario: Scenario,
    reason: DueReason,
    ideal: NaiveDate,
    window_days: u32,
    /// `None`: the customer's preferred method, else phone.
    method: Option<ContactMethod>,
    on_site: bool,
}

impl Planned {
    fn into_item(self, customers: &FastMap<&str, &Customer>) -> Option<DueItem> {
        // Nothing is scheduled for a customer who is gone or asked not to be contacted.
        let customer = customers.get(self.customer_id.as_str()).filter(|c| !c.do_not_contact)?;
        Some(DueItem {
            key: self.key.into(),
            customer_id: self.customer_id,
            scenario: self.scenario,
            reasons: vec![self.reason],
            earliest: self.ideal,
            ideal: self.ideal,
            latest: date::add_days(self.ideal, i64::from(self.window_days)),
            method: self.method.or(customer.preferred_method).unwrap_or(ContactMethod::Phone),
            tier: tier_of(customer),
            responsible: Responsible::Agent,
            on_site: self.on_site,
            status: ItemStatus::Open,
        })
    }
}

/// The follow-ups the loop rules call for, with their status from the saved visits. Keys are
/// stable: `closure:<item id>`, `intention:<item id>`, `next:<visit id>`.
pub fn loop_items(
    customers: &[Customer],
    visits: &[Visit],
    feedback: &[FeedbackItem],
    settings: &Settings,
) -> Vec<DueItem> {
    let s = &settings.visits;
    let mut planned = Vec::new();

    // A closed follow-up item: tell the customer. A duplicate reported by another customer gets
    // its own call when the original is closed; one by the same customer is the same call.
    let mut told: Vec<(&str, &str)> = Vec::new();
    for f in feedback.iter().filter(|f| f.kind == FeedbackKind::FollowUp) {
        let root = root_of(feedback, f);
        if root.status != FeedbackStatus::Closed || root.resolved_during_visit || f.resolved_during_visit {
            continue;
        }
        if f.id != root.id
            && (f.customer_id == root.customer_id || told.contains(&(root.id.as_str(), f.customer_id.as_str())))
        {
            continue;
        }
        told.push((root.id.as_str(), f.customer_id.as_str()));
        planned.push(Planned {
            key: ItemKey::unescaped("closure", &f.id),
            customer_id: f.customer_id.clone(),
            scenario: Scenario::FeedbackClosure,
            reason: DueReason::FeedbackClosure { feedback_id: root.id.clone() },
            ideal: root.closed_on.unwrap_or(root.updated_at.date()),
            window_days: s.closure_within_days,
            method: None,
            on_site: false,
        });
    }

    // An open follow-up item with a deadline: see that it is handled by then. Urgent ones (the
    // customer cannot use the product) are work from the day they are raised.
    for f in feedback.iter().filter(|f| f.kind == FeedbackKind::FollowUp && is_open(f)) {
        let Some(deadline) = f.deadline else { continue };
        let urgent = f.priority == Priority::Urgent;
        let opens = if urgent { f.raised_on.min(deadline) } else { deadline };
        planned.push(Planned {
            key: ItemKey::unescaped("fbdue", &f.id),
            customer_id: f.customer_id.clone(),
            scenario: Scenario::FeedbackDue,
            reason: DueReason::FeedbackDue { feedback_id: f.id.clone(), deadline, urgent },
            ideal: opens,
            window_days: u32::try_from(date::days_between(opens, deadline)).unwrap_or(0),
            method: Some(ContactMethod::Phone),
            on_site: false,
        });
    }

    // A potential need: check the intention a month later, unless it was settled before.
    for f in feedback.iter().filter(|f| f.kind == FeedbackKind::PotentialNeed && f.duplicate_of.is_none()) {
        planned.push(Planned {
            key: ItemKey::unescaped("intention", &f.id),
            customer_id: f.customer_id.clone(),
            scenario: Scenario::IntentionCheck,
            reason: DueReason::IntentionCheck { feedback_id: f.id.clone() },
            ideal: date::add_months(f.raised_on, s.intention_check_months),
            window_days: s.intention_window_days,
            method: None,
            on_site: false,
        });
    }

    // The next visit the agent set. A rescheduled visit keeps its scenario and method (the same
    // visit, later); a planned next visit is the agent's own.
    for v in visits {
        let Some(next) = v.next_visit else { continue };
        let rescheduled = v.outcome == Outcome::Rescheduled;
        planned.push(Planned {
            key: ItemKey::unescaped("next", &v.id),
            customer_id: v.customer_id.clone(),
            scenario: if rescheduled { v.scenario } else { Scenario::Manual },
            reason: DueReason::NextVisit { visit_id: v.id.clone() },
            ideal: next,
            window_days: s.next_visit_window_days,
            method: Some(v.method),
            on_site: rescheduled && v.method == ContactMethod::OnSite,
        });
    }

    let by_id: FastMap<&str, &Customer> = customers.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut items: Vec<DueItem> = planned.into_iter().filter_map(|p| p.into_item(&by_id)).collect();

    // Each item is done by the earliest visit that completes it: among the visits started from
    // it, then the customer's visits logged without an item (on the same moment, the one started
    // from it, then the first recorded). Found from each visit through maps of the items, which
    // are few: grouping the book's visits by key and by customer cost ~0.2 s of opening Today at
    // 50,000 customers. A deadline item ends when its feedback item is closed, not with a call.
    let mut by_key: FastMap<&str, Vec<usize>> = FastMap::default();
    let mut by_customer: FastMap<&str, Vec<usize>> = FastMap::default();
    for (i, item) in items.iter().enumerate().filter(|(_, i)| i.scenario != Scenario::FeedbackDue) {
        by_key.entry(item.key.as_str()).or_default().push(i);
        by_customer.entry(item.customer_id.as_str()).or_default().push(i);
    }
    // (when, logged without an item, position in the visits) of the visit that did it, and how.
    type Done = Option<((NaiveDateTime, bool, usize), ItemStatus)>;
    let mut done: Vec<Done> = vec![None; items.len()];
    for (at, v) in visits.iter().enumerate() {
        let (candidates, unlinked) = match &v.item_key {
            Some(k) => (by_key.get(k.as_str()), false),
            None => (by_customer.get(v.customer_id.as_str()), true),
        };
        let rank = (v.at, unlinked, at);
        for &i in candidates.into_iter().flatten() {
            if done[i].as_ref().is_some_and(|(earlier, _)| *earlier <= rank) {
                continue;
            }
            if let Some(status) = completion(v, &items[i]) {
                done[i] = Some((rank, status));
            }
        }
    }
    for (item, done) in items.iter_mut().zip(done) {
        if let Some((_, status)) = done {
            item.status = status;
        }
    }
    // A need settled another way (bought, or declined) needs no check, unless one was made. By id
    // through a map: a search of the book's feedback per need cost ~20 ms of every load at 5,000
    // customers.
    let feedback_by_id: FastMap<&str, &FeedbackItem> = feedback.iter().map(|f| (f.id.as_str(), f)).collect();
    items.retain(|item| match item.reasons.first() {
        Some(DueReason::IntentionCheck { feedback_id }) => {
            !item.is_open()
                || feedback_by_id.get(feedback_id.as_str()).is_some_and(|f| f.status != FeedbackStatus::Closed)
        }
        _ => true,
    });
    items
}

/// Records a supervisor returned and the agent has not edited since: the agent's to-do list.
/// Most recently returned first.
pub fn returned_records(visits: &[Visit]) -> Vec<&Visit> {
    let mut returned: Vec<&Visit> = visits
        .iter()
        .filter(|v| match &v.review {
            Some(r) if r.verdict == Verdict::Returned => !v.edits.iter().any(|e| e.at.date() >= r.on),
            _ => false,
        })
        .collect();
    returned.sort_by_key(|v| std::cmp::Reverse(v.review.as_ref().map(|r| r.on)));
    returned
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::visit::{RecordEdit, Review};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn t(y: i32, m: u32, day: u32, h: u32) -> NaiveDateTime {
        d(y, m, day).and_hms_opt(h, 0, 0).unwrap()
    }

    fn customer(id: &str) -> Customer {
        Customer { id: id.into(), name: "张伟".into(), tier: Some(Tier::Gold), ..Customer::default() }
    }

    fn item(id: &str, customer: &str, kind: FeedbackKind) -> FeedbackItem {
        FeedbackItem {
            id: id.into(),
            customer_id: customer.into(),
            kind,
            text: "漏水".into(),
            raised_on: d(2026, 6, 3),
            ..FeedbackItem::default()
        }
    }

    fn closed(mut f: FeedbackItem, on: NaiveDate) -> FeedbackItem {
        f.status = FeedbackStatus::Closed;
        f.closed_on = Some(on);
        f
    }

    fn visit(id: &str, customer: &str, at: NaiveDateTime) -> Visit {
        Visit { id: id.into(), customer_id: customer.into(), at, outcome: Outcome::Reached, ..Visit::default() }
    }

    fn items(customers: &[Customer], visits: &[Visit], feedback: &[FeedbackItem]) -> Vec<DueItem> {
        loop_items(customers, visits, feedback, &Settings::default())
    }

    #[test]
    fn closing_a_follow_up_item_schedules_telling_the_customer_it_is_solved() {
        let f = closed(item("f1", "c1", FeedbackKind::FollowUp), d(2026, 6, 5));
        let due = items(&[customer("c1")], &[], &[f]);
        assert_eq!(due.len(), 1);
        let it = &due[0];
        assert_eq!(it.key, "closure:f1");
        assert_eq!(it.scenario, Scenario::FeedbackClosure);
        assert_eq!(it.reasons, vec![DueReason::FeedbackClosure { feedback_id: "f1".into() }]);
        assert_eq!((it.earliest, it.ideal, it.latest), (d(2026, 6, 5), d(2026, 6, 5), d(2026, 6, 7)));
        assert_eq!((it.tier, it.method), (Tier::Gold, ContactMethod::Phone));
        assert!(it.is_open());
    }

    #[test]
    fn an_open_follow_up_item_schedules_nothing_yet() {
        let f = item("f1", "c1", FeedbackKind::FollowUp);
        assert!(items(&[customer("c1")], &[], &[f]).is_empty());
    }

    #[test]
    fn an_item_settled_on_the_call_that_raised_it_needs_no_second_call() {
        let mut f = closed(item("f1", "c1", FeedbackKind::FollowUp), d(2026, 6, 3));
        f.resolved_during_visit = true;
        assert!(items(&[customer("c1")], &[], &[f]).is_empty());
    }

    #[test]
    fn telling_the_customer_is_done_once_a_visit_started_from_it_reaches_them() {
        let f = closed(item("f1", "c1", FeedbackKind::FollowUp), d(2026, 6, 5));
        let mut no_answer = visit("v1", "c1", t(2026, 6, 5, 10));
        no_answer.item_key = Some("closure:f1".into());
        no_answer.outcome = Outcome::NoAnswer;
        let due = items(&[customer("c1")], std::slice::from_ref(&no_answer), std::slice::from_ref(&f));
        assert!(due[0].is_open(), "no answer leaves it open");
        let mut told = visit("v2", "c1", t(2026, 6, 6, 9));
        told.item_key = Some("closure:f1".into());
        let due = items(&[customer("c1")], &[no_answer, told], &[f]);
        assert_eq!(due[0].status, ItemStatus::Done { visit_id: "v2".into(), on: d(2026, 6, 6) });
    }

    #[test]
    fn a_potential_need_schedules_an_intention_check_a_month_later() {
        let mut f = item("n1", "c1", FeedbackKind::PotentialNeed);
        f.raised_on = d(2026, 1, 31);
        let due = items(&[customer("c1")], &[], std::slice::from_ref(&f));
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].key, "intention:n1");
        assert_eq!(due[0].scenario, Scenario::IntentionCheck);
        assert_eq!((due[0].ideal, due[0].latest), (d(2026, 2, 28), d(2026, 3, 7)));

        let mut settings = Settings::default();
        settings.visits.intention_check_months = 2;
        let due = loop_items(&[customer("c1")], &[], &[f], &settings);
        assert_eq!(due[0].ideal, d(2026, 3, 31));
    }

    #[test]
    fn a_need_closed_before_its_check_needs_no_check_but_a_check_made_stays_done() {
        let need = closed(item("n1", "c1", FeedbackKind::PotentialNeed), d(2026, 6, 20));
        assert!(items(&[customer("c1")], &[], std::slice::from_ref(&need)).is_empty());
        let mut check = visit("v1", "c1", t(2026, 7, 3, 10));
        check.item_key = Some("intention:n1".into());
        let due = items(&[customer("c1")], &[check], &[need]);
        assert_eq!(due[0].status, ItemStatus::Done { visit_id: "v1".into(), on: d(2026, 7, 3) });
    }

    #[test]
    fn a_next_visit_date_on_a_record_schedules_that_visit() {
        let mut v = visit("v1", "c1", t(2026, 6, 3, 10));
        v.next_visit = Some(d(2026, 6, 20));
        v.method = ContactMethod::WeChat;
        let due = items(&[customer("c1")], &[v], &[]);
        assert_eq!(due.len(), 1);
        let it = &due[0];
        assert_eq!(it.key, "next:v1");
        assert_eq!(it.scenario, Scenario::Manual);
        assert_eq!(it.reasons, vec![DueReason::NextVisit { visit_id: "v1".into() }]);
        assert_eq!((it.ideal, it.latest, it.method), (d(2026, 6, 20), d(2026, 6, 22), ContactMethod::WeChat));
    }

    #[test]
    fn a_rescheduled_visit_comes_back_with_its_own_scenario() {
        let mut v = visit("v1", "c1", t(2026, 6, 3, 10));
        v.scenario = Scenario::Incident;
        v.method = ContactMethod::OnSite;
        v.outcome = Outcome::Rescheduled;
        v.next_visit = Some(d(2026, 6, 6));
        let due = items(&[customer("c1")], &[v], &[]);
        assert_eq!((due[0].scenario, due[0].on_site), (Scenario::Incident, true));
    }

    #[test]
    fn a_visit_logged_from_the_customer_inside_the_window_completes_the_next_visit() {
        let mut v1 = visit("v1", "c1", t(2026, 6, 3, 10));
        v1.next_visit = Some(d(2026, 6, 20));
        let early = visit("v2", "c1", t(2026, 6, 10, 10));
        let on_time = visit("v3", "c1", t(2026, 6, 21, 10));
        let due = items(&[customer("c1")], &[v1.clone(), early], &[]);
        assert!(due[0].is_open(), "a visit before the window is another visit");
        let due = items(&[customer("c1")], &[v1, on_time], &[]);
        assert_eq!(due[0].status, ItemStatus::Done { visit_id: "v3".into(), on: d(2026, 6, 21) });
    }

    #[test]
    fn the_earliest_completing_visit_is_the_one_that_did_it_the_one_started_from_the_item_first() {
        let mut v1 = visit("v1", "c1", t(2026, 6, 3, 10));
        v1.next_visit = Some(d(2026, 6, 20));
        let mut later = visit("v2", "c1", t(2026, 6, 21, 15));
        later.item_key = Some("next:v1".into());
        let logged = visit("v3", "c1", t(2026, 6, 21, 9));
        let no_answer = Visit { outcome: Outcome::NoAnswer, ..visit("v4", "c1", t(2026, 6, 20, 8)) };
        let mut same_moment = visit("v5", "c1", t(2026, 6, 21, 9));
        same_moment.item_key = Some("next:v1".into());
        let someone_else = Visit { item_key: Some("next:v1".into()), ..visit("v6", "c2", t(2026, 6, 20, 9)) };
        let book = [customer("c1"), customer("c2")];
        let done = |visits: &[Visit]| items(&book, visits, &[])[0].status.clone();
        let by = |id: &str, day: u32| ItemStatus::Done { visit_id: id.into(), on: d(2026, 6, day) };
        assert_eq!(done(&[v1.clone(), later.clone(), logged.clone()]), by("v3", 21), "the earliest, logged or not");
        assert_eq!(done(&[v1.clone(), no_answer.clone(), later.clone()]), by("v2", 21), "no answer completes nothing");
        assert_eq!(
            done(&[v1.clone(), logged.clone(), same_moment.clone()]),
            by("v5", 21),
            "at the same moment, the started one"
        );
        assert_eq!(done(&[v1.clone(), someone_else, later]), by("v2", 21), "another customer's visit never counts");
        assert!(items(&book, &[v1, no_answer], &[])[0].is_open());
    }

    #[test]
    fn customers_who_asked_not_to_be_contacted_or_are_gone_get_no_loop_items() {
        let mut quiet = customer("c1");
        quiet.do_not_contact = true;
        let f = closed(item("f1", "c1", FeedbackKind::FollowUp), d(2026, 6, 5));
        let g = closed(item("f2", "gone", FeedbackKind::FollowUp), d(2026, 6, 5));
        assert!(items(&[quiet], &[], &[f, g]).is_empty());
    }

    #[test]
    fn what_a_visit_completes() {
        let mut v = visit("v1", "c1", t(2026, 6, 4, 10));
        let due = DueItem {
            key: "k1".into(),
            customer_id: "c1".into(),
            scenario: Scenario::PostPurchase,
            reasons: vec![],
            earliest: d(2026, 6, 3),
            ideal: d(2026, 6, 3),
            latest: d(2026, 6, 5),
            method: ContactMethod::Phone,
            tier: Tier::Gold,
            responsible: Responsible::Agent,
            on_site: false,
            status: ItemStatus::Open,
        };
        v.item_key = Some("k1".into());
        let done = Some(ItemStatus::Done { visit_id: "v1".into(), on: d(2026, 6, 4) });
        assert_eq!(completion(&v, &due), done);
        v.outcome = Outcome::Refused;
        assert_eq!(completion(&v, &due), done, "a refusal is an answer");
        v.outcome = Outcome::NoAnswer;
        assert_eq!(completion(&v, &due), None);
        v.outcome = Outcome::Rescheduled;
        assert_eq!(completion(&v, &due), None, "rescheduled without a date leaves it open");
        v.next_visit = Some(d(2026, 6, 8));
        assert_eq!(completion(&v, &due), done);
        v.item_key = Some("other".into());
        assert_eq!(completion(&v, &due), None);
        v.customer_id = "c2".into();
        v.item_key = Some("k1".into());
        assert_eq!(completion(&v, &due), None);
    }

    #[test]
    fn a_duplicate_is_not_open_and_points_at_the_original() {
        let original = item("f1", "c1", FeedbackKind::FollowUp);
        let again = item("f2", "c1", FeedbackKind::FollowUp);
        let all = [original.clone(), again.clone()];
        let saved = mark_duplicate(&all, "f2", "f1", t(2026, 6, 4, 9)).unwrap();
        assert_eq!(saved.len(), 1);
        assert_eq!(saved[0].duplicate_of.as_deref(), Some("f1"));
        assert!(!is_open(&saved[0]));
        assert!(is_open(&original));
        let all = [original, saved[0].clone()];
        let closed_original = close_item(&all[0], d(2026, 6, 5), t(2026, 6, 5, 9));
        assert_eq!(effective_status(&[closed_original, all[1].clone()], &all[1]), FeedbackStatus::Closed);
    }

    #[test]
    fn marking_a_duplicate_of_a_duplicate_points_at_the_first_report() {
        let a = item("a", "c1", FeedbackKind::FollowUp);
        let mut b = item("b", "c1", FeedbackKind::FollowUp);
        b.duplicate_of = Some("a".into());
        let c = item("c", "c1", FeedbackKind::FollowUp);
        let saved = mark_duplicate(&[a, b, c], "c", "b", t(2026, 6, 4, 9)).unwrap();
        assert_eq!(saved[0].duplicate_of.as_deref(), Some("a"));
    }

    #[test]
    fn duplicates_cannot_form_a_cycle() {
        let a = item("a", "c1", FeedbackKind::FollowUp);
        let mut b = item("b", "c1", FeedbackKind::FollowUp);
        b.duplicate_of = Some("a".into());
        let all = [a, b];
        assert_eq!(mark_duplicate(&all, "a", "b", t(2026, 6, 4, 9)), Err(DuplicateError::Cycle));
        assert_eq!(mark_duplicate(&all, "a", "a", t(2026, 6, 4, 9)), Err(DuplicateError::Itself));
        assert_eq!(mark_duplicate(&all, "a", "zz", t(2026, 6, 4, 9)), Err(DuplicateError::NotFound));
    }

    #[test]
    fn items_that_pointed_at_a_new_duplicate_follow_it_to_the_original() {
        let a = item("a", "c1", FeedbackKind::FollowUp);
        let b = item("b", "c1", FeedbackKind::FollowUp);
        let mut c = item("c", "c1", FeedbackKind::FollowUp);
        c.duplicate_of = Some("b".into());
        let saved = mark_duplicate(&[a, b, c], "b", "a", t(2026, 6, 4, 9)).unwrap();
        assert_eq!(
            saved.iter().map(|f| (f.id.as_str(), f.duplicate_of.as_deref())).collect::<Vec<_>>(),
            vec![("b", Some("a")), ("c", Some("a"))]
        );
    }

    #[test]
    fn when_the_original_is_closed_every_other_customer_who_reported_it_hears_back_once() {
        let original = closed(item("a", "c1", FeedbackKind::FollowUp), d(2026, 6, 5));
        let mut same_customer = item("b", "c1", FeedbackKind::FollowUp);
        same_customer.duplicate_of = Some("a".into());
        let mut other = item("c", "c2", FeedbackKind::FollowUp);
        other.duplicate_of = Some("a".into());
        let mut other_again = item("d", "c2", FeedbackKind::FollowUp);
        other_again.duplicate_of = Some("a".into());
        let due = items(&[customer("c1"), customer("c2")], &[], &[original, same_customer, other, other_again]);
        let keys: Vec<_> = due.iter().map(|i| (i.key.as_str(), i.customer_id.as_str())).collect();
        assert_eq!(keys, vec![("closure:a", "c1"), ("closure:c", "c2")]);
    }

    #[test]
    fn returned_records_are_listed_for_the_agent_until_they_edit_them() {
        let review = |verdict, on| {
            Some(Review { reviewer: "陈主管".into(), comment: "补充处理结果".into(), on, verdict })
        };
        let approved = Visit { id: "ok".into(), review: review(Verdict::Approved, d(2026, 6, 4)), ..Visit::default() };
        let older = Visit { id: "r1".into(), review: review(Verdict::Returned, d(2026, 6, 2)), ..Visit::default() };
        let newer = Visit { id: "r2".into(), review: review(Verdict::Returned, d(2026, 6, 4)), ..Visit::default() };
        let mut fixed = Visit { id: "r3".into(), review: review(Verdict::Returned, d(2026, 6, 3)), ..Visit::default() };
        fixed
            .edits
            .push(RecordEdit { at: t(2026, 6, 3, 16), summary: "修改了回访内容".into(), changes: vec![] });
        let all = [approved, older, newer, fixed];
        let ids: Vec<_> = returned_records(&all).iter().map(|v| v.id.as_str()).collect();
        assert_eq!(ids, vec!["r2", "r1"]);
    }
    #[test]
    fn an_urgent_feedback_item_is_work_from_the_day_it_is_raised_until_its_deadline() {
        let mut f = item("f1", "c1", FeedbackKind::FollowUp);
        f.priority = Priority::Urgent;
        f.deadline = Some(d(2026, 6, 4));
        let due = items(&[customer("c1")], &[], &[f]);
        let it = due.iter().find(|i| i.scenario == Scenario::FeedbackDue).expect("a deadline item");
        assert_eq!((it.earliest, it.latest), (d(2026, 6, 3), d(2026, 6, 4)));
        assert_eq!(
            it.reasons,
            vec![DueReason::FeedbackDue { feedback_id: "f1".into(), deadline: d(2026, 6, 4), urgent: true }]
        );
    }

    #[test]
    fn a_normal_feedback_item_is_work_on_its_deadline_and_not_after_it_is_closed() {
        let mut f = item("f1", "c1", FeedbackKind::FollowUp);
        f.deadline = Some(d(2026, 6, 20));
        let due = items(&[customer("c1")], &[], std::slice::from_ref(&f));
        let it = due.iter().find(|i| i.scenario == Scenario::FeedbackDue).expect("a deadline item");
        assert_eq!((it.earliest, it.latest), (d(2026, 6, 20), d(2026, 6, 20)));
        // A call about it does not end it: closing the feedback item does.
        let mut call = visit("v1", "c1", t(2026, 6, 20, 10));
        call.item_key = Some("fbdue:f1".into());
        let still = items(&[customer("c1")], &[call], std::slice::from_ref(&f));
        assert!(still.iter().any(|i| i.scenario == Scenario::FeedbackDue && i.is_open()));
        let done = items(&[customer("c1")], &[], &[closed(f, d(2026, 6, 19))]);
        assert!(done.iter().all(|i| i.scenario != Scenario::FeedbackDue));
    }
}
