//! Contact bookkeeping around the agenda: the last time a customer was reached, the customers
//! nobody has reached for a while, and the day-before announcement of a visit.

use super::{ScheduleSettings, closes};
use crate::domain::agenda::DueItem;
use crate::domain::customer::{ContactMethod, Customer};
use crate::domain::date::add_days;
use crate::domain::scenario::Scenario;
use crate::domain::visit::{ByCustomer, Visit};
use chrono::NaiveDate;

/// The day a customer was last reached, from their visits (a visit that ended an item, see
/// [`super::closes`]).
pub fn last_contact<'a>(own_visits: impl IntoIterator<Item = &'a Visit>) -> Option<NaiveDate> {
    own_visits.into_iter().filter(|v| closes(v.outcome)).map(|v| v.at.date()).max()
}

/// A customer nobody has reached for a while.
#[derive(Debug, Clone, PartialEq)]
pub struct NoContact<'a> {
    pub customer: &'a Customer,
    /// The last contact; `None` if the customer was never reached since registering.
    pub last: Option<NaiveDate>,
    /// Days since the last contact, or since registration.
    pub days: i64,
}

/// "No contact in N days": contactable customers not reached for at least `days` days on
/// `today`, counted from registration for those never reached; longest silence first. It
/// catches customers whom no rule brought up.
pub fn not_contacted<'a>(
    customers: &'a [Customer],
    visits: &[Visit],
    by_customer: &ByCustomer,
    today: NaiveDate,
    days: u32,
) -> Vec<NoContact<'a>> {
    let mut list: Vec<NoContact> = customers
        .iter()
        .filter(|c| !c.do_not_contact && c.registered_on <= today)
        .filter_map(|c| {
            let reached = last_contact(by_customer.of(visits, &c.id));
            let since = reached.unwrap_or(c.registered_on);
            let silent = (today - since).num_days();
            (silent >= i64::from(days)).then_some(NoContact { customer: c, last: reached, days: silent })
        })
        .collect();
    list.sort_by(|a, b| b.days.cmp(&a.days).then_with(|| a.customer.id.cmp(&b.customer.id)));
    list
}

/// The day on which to tell the customer that a visit is coming (by SMS), if this item is one
/// to announce: a non-urgent call or on-site visit that is still open (DOMAIN.md: a non-urgent
/// visit is announced one day ahead).
pub fn announce_on(item: &DueItem, settings: &ScheduleSettings) -> Option<NaiveDate> {
    let urgent = matches!(item.scenario, Scenario::ComplaintFollowUp | Scenario::Incident | Scenario::Escalation);
    let spoken = matches!(item.method, ContactMethod::Phone | ContactMethod::OnSite);
    (settings.announce_day_before && item.is_open() && !urgent && spoken).then(|| add_days(item.ideal, -1))
}
