//! One contact for several reasons: folding items of one customer into the one item a visit
//! serves (Today's cards, `domain::plan`). The schedule itself keeps every rule's item apart, each
//! with its own window: merging them there once took the days the windows shared, which left a
//! call due today waiting for a later reason to open, and the customer was called on two days
//! running.

use super::MergedKey;
use crate::domain::agenda::{DueItem, Responsible};
use crate::domain::customer::ContactMethod;

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

/// Every key of `items`, sorted, once.
pub(crate) fn joined_key(items: &[DueItem]) -> MergedKey {
    MergedKey::union(items.iter().flat_map(|i| i.key.keys()))
}

/// Several items of one customer as one item over the window `earliest`–`latest`: the first of
/// `items` leads (its scenario picks the script), every reason is listed, the key joins every
/// item's key (see [`MergedKey`]) so that one visit ends them all, and the method, the
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
