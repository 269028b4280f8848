//! Saving a visit: everything one record changes, worked out at once so that the screen writes
//! it in one transaction and nothing is half-saved.
//!
//! - the visit itself, its feedback items and signature;
//! - the customer, when the record changes them: the no-answer ladder (a Silver customer demoted,
//!   a Basic customer's periodic care paused), a complaint the customer confirmed settled, which
//!   clears their open-complaint flag, and the tier the visit moves them to (a call that brings a
//!   dormant customer back), with its history entry.

use super::Record;
use crate::domain::customer::{Customer, Id, ServiceEvent, ServiceEventKind};
use crate::domain::schedule::{apply_no_answer_effect, complaint_of_key, no_answer_effect, unsettled_complaints};
use crate::domain::tier::TierSettings;
use crate::domain::tiering;
use crate::domain::visit::{FeedbackItem, Signature, Visit};
use chrono::NaiveDate;

/// What saving one record writes.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitSave {
    pub visit: Visit,
    pub feedback: Vec<FeedbackItem>,
    pub signature: Option<Signature>,
    /// The customer, when the record changed them.
    pub customer: Option<Customer>,
}

/// The changes of saving `record` for `customer` on `today`. `earlier` are the customer's visits
/// as stored (the one being saved, if it was saved before, is replaced by the record's).
/// `demotion_note` is the reason written on a no-answer demotion, in the user's language.
pub fn visit_save(
    record: Record,
    customer: &Customer,
    earlier: &[Visit],
    tiers: &TierSettings,
    today: NaiveDate,
    demotion_note: &str,
    new_id: &mut dyn FnMut() -> Id,
) -> VisitSave {
    let Record { visit, feedback, signature } = record;
    let before = tiering::assess(customer, earlier, tiers, today);
    let mut own: Vec<Visit> =
        earlier.iter().filter(|v| v.customer_id == customer.id && v.id != visit.id).cloned().collect();
    own.push(visit.clone());
    let mut changed = customer.clone();
    let mut touched = false;
    if let Some(effect) = no_answer_effect(customer, before.effective, &own, tiers) {
        touched |= apply_no_answer_effect(&mut changed, &effect, demotion_note);
    }
    if visit.complaint_settled {
        // The complaints this visit was about: named by the item it was started from, else every
        // complaint of the customer still open (a call logged from the customer's page).
        let named: Vec<Id> = visit
            .item_key
            .as_ref()
            .map(|key| key.keys().filter_map(|k| complaint_of_key(k, &customer.id)).collect())
            .unwrap_or_default();
        let open: Vec<Id> = unsettled_complaints(customer, earlier).into_iter().map(|e| e.id.clone()).collect();
        let settled: Vec<Id> =
            if named.is_empty() { open } else { named.into_iter().filter(|id| open.contains(id)).collect() };
        for complaint in settled {
            changed.events.push(ServiceEvent {
                id: new_id(),
                date: visit.at.date(),
                kind: ServiceEventKind::ComplaintSettled { complaint },
                note: String::new(),
            });
            touched = true;
        }
    }
    // The tier this visit moves the customer to. A customer whose recorded tier was already out
    // of step for another reason (time passing) is brought up to date by the app's tier sync, not
    // in the name of this visit.
    let after = tiering::assess(&changed, &own, tiers, today);
    if after.effective != before.effective {
        touched |= tiering::record(&mut changed, Some(&before), &after, today);
    }
    VisitSave { visit, feedback, signature, customer: touched.then_some(changed) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::Severity;
    use crate::domain::scenario::Scenario;
    use crate::domain::tier::Tier;
    use crate::domain::visit::Outcome;
    use chrono::NaiveDate;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn complainer() -> Customer {
        Customer {
            id: "c1".into(),
            events: vec![
                ServiceEvent {
                    id: "k1".into(),
                    date: d(6, 1),
                    kind: ServiceEventKind::ComplaintRaised { severity: Severity::General },
                    note: String::new(),
                },
                ServiceEvent {
                    id: "k2".into(),
                    date: d(6, 2),
                    kind: ServiceEventKind::ComplaintRaised { severity: Severity::Major },
                    note: String::new(),
                },
            ],
            ..Customer::default()
        }
    }

    fn record(visit: Visit) -> Record {
        Record { visit, feedback: vec![], signature: None }
    }

    fn ids() -> impl FnMut() -> Id {
        let mut n = 0;
        move || {
            n += 1;
            format!("e{n}").into()
        }
    }

    #[test]
    fn a_visit_where_the_customer_confirms_the_complaint_settled_clears_that_complaint_only() {
        let c = complainer();
        let visit = Visit {
            id: "v1".into(),
            customer_id: "c1".into(),
            item_key: Some("cmpin:c1:k2".into()),
            scenario: Scenario::ComplaintHandling,
            outcome: Outcome::Reached,
            complaint_settled: true,
            at: d(6, 3).and_hms_opt(10, 0, 0).unwrap(),
            ..Visit::default()
        };
        let save = visit_save(record(visit), &c, &[], &TierSettings::default(), d(6, 3), "", &mut ids());
        let customer = save.customer.expect("the customer changes");
        let open: Vec<&str> = unsettled_complaints(&customer, &[]).iter().map(|e| e.id.as_str()).collect();
        assert_eq!(open, vec!["k1"]);
    }

    #[test]
    fn a_reached_call_without_a_complaint_leaves_the_customer_as_they_were() {
        let c = complainer();
        let visit = Visit { id: "v1".into(), customer_id: "c1".into(), outcome: Outcome::Reached, ..Visit::default() };
        let save = visit_save(record(visit), &c, &[], &TierSettings::default(), d(6, 3), "", &mut ids());
        assert_eq!(save.customer, None);
    }

    #[test]
    fn a_basic_customers_unanswered_call_pauses_periodic_care_in_the_same_save() {
        let c = Customer { id: "c1".into(), ..Customer::default() };
        let visit = Visit { id: "v1".into(), customer_id: "c1".into(), outcome: Outcome::NoAnswer, ..Visit::default() };
        let save = visit_save(record(visit), &c, &[], &TierSettings::default(), d(6, 3), "", &mut ids());
        assert!(save.customer.expect("paused").periodic_paused);
    }

    /// Four purchases of ¥2,000 in January and a call on June 1st: Gold. A second reached call
    /// makes them active again, which is Diamond.
    fn lapsing_regular() -> (Customer, Vec<Visit>) {
        use crate::domain::customer::Purchase;
        use crate::domain::money::Money;
        let mut c = Customer { id: "c1".into(), registered_on: d(1, 1), ..Customer::default() };
        for (i, day) in [1, 11, 21, 31].into_iter().enumerate() {
            c.purchases.push(Purchase {
                id: format!("p{i}").into(),
                date: d(1, 1) + chrono::Days::new(day - 1),
                amount: Money(200_000),
                product: "净水器".into(),
                note: String::new(),
            });
        }
        let settings = TierSettings::default();
        let earlier = vec![Visit {
            id: "v0".into(),
            customer_id: "c1".into(),
            outcome: Outcome::Reached,
            at: d(6, 1).and_hms_opt(10, 0, 0).unwrap(),
            ..Visit::default()
        }];
        c.tier = Some(tiering::tier_of(&c, &earlier, &settings, d(6, 3)));
        (c, earlier)
    }

    #[test]
    fn a_visit_that_moves_the_tier_records_it_with_its_reason_in_the_same_save() {
        let (c, earlier) = lapsing_regular();
        assert_eq!(c.tier, Some(Tier::Gold));
        let visit = Visit {
            id: "v1".into(),
            customer_id: "c1".into(),
            outcome: Outcome::Reached,
            at: d(6, 3).and_hms_opt(10, 0, 0).unwrap(),
            ..Visit::default()
        };
        let save = visit_save(record(visit), &c, &earlier, &TierSettings::default(), d(6, 3), "", &mut ids());
        let customer = save.customer.expect("the tier moved");
        assert_eq!(customer.tier, Some(Tier::Diamond));
        let change = customer.tier_history.last().expect("a history entry");
        assert_eq!((change.from, change.to, change.on), (Some(Tier::Gold), Tier::Diamond, d(6, 3)));
        assert!(
            matches!(&change.reason, crate::domain::customer::TierChangeReason::Computed { moves } if !moves.is_empty()),
            "the history says which dimension moved: {:?}",
            change.reason
        );
    }

    #[test]
    fn an_unanswered_call_does_not_move_the_tier() {
        let (c, earlier) = lapsing_regular();
        let visit = Visit {
            id: "v1".into(),
            customer_id: "c1".into(),
            outcome: Outcome::NoAnswer,
            at: d(6, 3).and_hms_opt(10, 0, 0).unwrap(),
            ..Visit::default()
        };
        let save = visit_save(record(visit), &c, &earlier, &TierSettings::default(), d(6, 3), "", &mut ids());
        assert_eq!(save.customer, None, "the customer stays Gold, with no new history entry");
    }
}
