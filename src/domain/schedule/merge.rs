//! One visit for several reasons: open items of the same customer whose windows overlap become
//! one item that carries every reason (DOMAIN.md: items are not duplicated).

use crate::domain::agenda::{DueItem, Responsible};
use crate::domain::customer::ContactMethod;
use crate::domain::scenario::Scenario;

/// Which reason leads a merged item (its scenario, and the first reason shown): the more pressing
/// scenario first.
fn precedence(scenario: Scenario) -> u8 {
    match scenario {
        Scenario::ComplaintHandling => 0,
        Scenario::ComplaintFollowUp => 1,
        Scenario::Incident => 2,
        Scenario::FeedbackDue => 3,
        Scenario::Escalation => 4,
        Scenario::AfterService => 5,
        Scenario::FeedbackClosure => 6,
        Scenario::Activation => 7,
        Scenario::PostPurchase => 8,
        Scenario::IntentionCheck => 9,
        Scenario::Manual => 10,
        Scenario::QualitySampling => 11,
        Scenario::Care => 12,
        Scenario::Campaign => 13,
        Scenario::SmsCare => 14,
        Scenario::Birthday => 15,
        Scenario::Holiday => 16,
    }
}

/// Escalations and SMS care are what happens when a call went unanswered: folding them back into
/// the call that failed would hide them, so they stay items of their own.
fn merges(item: &DueItem) -> bool {
    item.is_open() && !matches!(item.scenario, Scenario::Escalation | Scenario::SmsCare)
}

/// How much a method asks of the agent: a merged item keeps the most demanding one, since a visit
/// on site or a call also carries what a message would have said.
pub(crate) fn demand(method: ContactMethod) -> u8 {
    match method {
        ContactMethod::OnSite => 6,
        ContactMethod::Phone => 5,
        ContactMethod::Questionnaire => 4,
        ContactMethod::WeChat => 3,
        ContactMethod::Email => 2,
        ContactMethod::Letter => 1,
        ContactMethod::Sms => 0,
    }
}

pub(crate) fn seniority(responsible: Responsible) -> u8 {
    match responsible {
        Responsible::Agent => 0,
        Responsible::Specialist => 1,
        Responsible::Supervisor => 2,
        Responsible::Manager => 3,
    }
}

/// Merges open items of the same customer whose windows overlap. The merged window is the part
/// all of them share (a visit on any of its days serves every reason); the method, the person
/// and on-site are the most demanding of the merged items; the key joins their keys with `+`
/// (see [`super::item_keys`]). Done and skipped items, escalations and SMS care are left as they are.
pub fn merge(mut items: Vec<DueItem>) -> Vec<DueItem> {
    items.sort_by(|a, b| a.customer_id.cmp(&b.customer_id));
    let mut out = Vec::with_capacity(items.len());
    let mut one: Vec<DueItem> = Vec::new();
    for item in items {
        if one.first().is_some_and(|first| first.customer_id != item.customer_id) {
            merge_customer(&mut one, &mut out, |_| true);
        }
        one.push(item);
    }
    merge_customer(&mut one, &mut out, |_| true);
    out
}

/// [`merge`] for the items of a single customer (the schedule's case: no string comparisons),
/// appending to `out` the results that `keep` accepts. A group buffer is only made for items
/// that really merge; the rest move once.
pub(super) fn merge_customer(items: &mut Vec<DueItem>, out: &mut Vec<DueItem>, keep: impl Fn(&DueItem) -> bool) {
    // Keys are unique, so the order is total and the result the same every time.
    items.sort_unstable_by(|a, b| {
        (!merges(a), a.earliest, a.latest).cmp(&(!merges(b), b.earliest, b.latest)).then_with(|| a.key.cmp(&b.key))
    });
    let mut items = items.drain(..).peekable();
    while let Some(first) = items.next() {
        if !merges(&first) {
            if keep(&first) {
                out.push(first);
            }
            continue;
        }
        let (mut from, mut to) = (first.earliest, first.latest);
        let mut rest: Vec<DueItem> = Vec::new();
        while let Some(next) = items.next_if(|n| merges(n) && n.earliest <= to && n.latest >= from) {
            from = from.max(next.earliest);
            to = to.min(next.latest);
            rest.push(next);
        }
        let item = if rest.is_empty() {
            first
        } else {
            rest.insert(0, first);
            combine(rest)
        };
        if keep(&item) {
            out.push(item);
        }
    }
}

fn shared_window(group: &[DueItem]) -> (chrono::NaiveDate, chrono::NaiveDate) {
    let from = group.iter().map(|i| i.earliest).max().unwrap_or_default();
    let to = group.iter().map(|i| i.latest).min().unwrap_or_default();
    (from, to)
}

/// One item for a group of two or more.
fn combine(mut group: Vec<DueItem>) -> DueItem {
    let (earliest, latest) = shared_window(&group);
    group.sort_by_key(|i| (precedence(i.scenario), i.ideal));
    fold(group, earliest, latest).expect("a group has at least two items")
}

/// Every key of `items`, sorted, once, joined with `+`.
pub(crate) fn joined_key(items: &[DueItem]) -> String {
    let mut keys: Vec<&str> = items.iter().flat_map(|i| super::item_keys(&i.key)).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.join("+")
}

/// Several items of one customer as one item over the window `earliest`–`latest`: the first of
/// `items` leads (its scenario picks the script), every reason is listed, the key joins every
/// item's key (see [`super::item_keys`]) so that one visit ends them all, and the method, the
/// person and on-site are the most demanding of them. `None` for no items.
pub(crate) fn fold(items: Vec<DueItem>, earliest: chrono::NaiveDate, latest: chrono::NaiveDate) -> Option<DueItem> {
    let key = joined_key(&items);
    let method = items.iter().map(|i| i.method).max_by_key(|m| demand(*m)).unwrap_or(ContactMethod::Phone);
    let responsible = items.iter().map(|i| i.responsible).max_by_key(|r| seniority(*r)).unwrap_or(Responsible::Agent);
    let on_site = items.iter().any(|i| i.on_site);
    let mut members = items.into_iter();
    let mut lead = members.next()?;
    for other in members {
        lead.reasons.extend(other.reasons);
    }
    lead.key = key;
    lead.ideal = lead.ideal.clamp(earliest, latest);
    lead.earliest = earliest;
    lead.latest = latest;
    lead.method = method;
    lead.responsible = responsible;
    lead.on_site = on_site;
    Some(lead)
}
