//! A customer's whole history in one list, newest first (DOMAIN.md "Before a visit": past
//! questions, complaints and how they were settled, what the last visit said).

use crate::domain::agenda::{DueItem, ItemStatus};
use crate::domain::customer::{Customer, Purchase, ServiceEvent, TierChange};
use crate::domain::visit::Visit;
use chrono::{NaiveDate, NaiveTime};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TimelineItem<'a> {
    Registered,
    Purchase(&'a Purchase),
    Event(&'a ServiceEvent),
    Visit(&'a Visit),
    Tier(&'a TierChange),
    /// A follow-up that ended without a visit (superseded or lapsed): nothing disappears
    /// without a trace.
    Missed(&'a DueItem),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimelineEntry<'a> {
    pub date: NaiveDate,
    pub item: TimelineItem<'a>,
}

impl TimelineItem<'_> {
    /// Within a day, what follows from what comes first (newest first): a tier change after the
    /// purchase that caused it, a visit after the event it follows up.
    fn rank(&self) -> u8 {
        match self {
            TimelineItem::Tier(_) => 0,
            TimelineItem::Missed(_) => 1,
            TimelineItem::Visit(_) => 2,
            TimelineItem::Event(_) => 3,
            TimelineItem::Purchase(_) => 4,
            TimelineItem::Registered => 5,
        }
    }

    fn time(&self) -> NaiveTime {
        match self {
            TimelineItem::Visit(v) => v.at.time(),
            _ => NaiveTime::MIN,
        }
    }
}

/// Everything that happened with `customer`, newest first. `visits` may be the whole book's, and
/// `items` the schedule's: only this customer's visits and missed items (superseded or lapsed,
/// dated the day they ended) are kept.
pub fn timeline<'a>(
    customer: &'a Customer,
    visits: impl IntoIterator<Item = &'a Visit>,
    items: &'a [DueItem],
) -> Vec<TimelineEntry<'a>> {
    let mut entries: Vec<TimelineEntry<'a>> = Vec::new();
    entries.push(TimelineEntry { date: customer.registered_on, item: TimelineItem::Registered });
    entries.extend(customer.purchases.iter().map(|p| TimelineEntry { date: p.date, item: TimelineItem::Purchase(p) }));
    entries.extend(customer.events.iter().map(|e| TimelineEntry { date: e.date, item: TimelineItem::Event(e) }));
    entries.extend(customer.tier_history.iter().map(|t| TimelineEntry { date: t.on, item: TimelineItem::Tier(t) }));
    entries.extend(
        visits
            .into_iter()
            .filter(|v| v.customer_id == customer.id)
            .map(|v| TimelineEntry { date: v.at.date(), item: TimelineItem::Visit(v) }),
    );
    entries.extend(items.iter().filter(|i| i.customer_id == customer.id).filter_map(|i| match &i.status {
        ItemStatus::Superseded { on, .. } | ItemStatus::Lapsed { on, .. } => {
            Some(TimelineEntry { date: *on, item: TimelineItem::Missed(i) })
        }
        _ => None,
    }));
    // Stable sort: entries of the same kind on the same day keep the order they were recorded in,
    // reversed so that the latest recorded is on top.
    entries.reverse();
    entries.sort_by(|a, b| {
        b.date.cmp(&a.date).then(a.item.rank().cmp(&b.item.rank())).then(b.item.time().cmp(&a.item.time()))
    });
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::{ServiceEventKind, Severity, TierChangeReason};
    use crate::domain::money::Money;
    use crate::domain::tier::Tier;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_timeline_is_newest_first_with_the_tier_change_above_the_purchase_that_caused_it() {
        let mut c = Customer { id: "c".into(), registered_on: d(2025, 1, 1), ..Customer::default() };
        c.purchases.push(Purchase {
            id: "p1".into(),
            date: d(2026, 5, 1),
            amount: Money::from_yuan(99),
            product: "滤芯".into(),
            note: String::new(),
        });
        c.events.push(ServiceEvent {
            id: "k".into(),
            date: d(2026, 5, 10),
            kind: ServiceEventKind::ComplaintRaised { severity: Severity::Major },
            note: String::new(),
        });
        c.tier_history.push(TierChange {
            on: d(2026, 5, 1),
            from: None,
            to: Tier::Silver,
            reason: TierChangeReason::COMPUTED,
        });
        let visits = [
            Visit {
                id: "v".into(),
                customer_id: "c".into(),
                at: d(2026, 5, 12).and_hms_opt(10, 0, 0).unwrap(),
                ..Visit::default()
            },
            Visit {
                id: "other".into(),
                customer_id: "x".into(),
                at: d(2026, 5, 20).and_hms_opt(10, 0, 0).unwrap(),
                ..Visit::default()
            },
        ];
        let kinds: Vec<&str> = timeline(&c, &visits, &[])
            .iter()
            .map(|e| match e.item {
                TimelineItem::Registered => "registered",
                TimelineItem::Purchase(_) => "purchase",
                TimelineItem::Event(_) => "complaint",
                TimelineItem::Visit(_) => "visit",
                TimelineItem::Tier(_) => "tier",
                TimelineItem::Missed(_) => "missed",
            })
            .collect();
        assert_eq!(kinds, vec!["visit", "complaint", "tier", "purchase", "registered"]);
    }
}
