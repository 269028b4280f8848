//! Measures of the follow-up work itself, read from the agenda: completion, on-time, coverage and
//! first-answer rates.
//!
//! An item is "due in a period" when its latest date falls in it. Each item then belongs to
//! exactly one period, so weekly figures add up to the monthly one and an item whose window spans
//! two weeks is not counted twice; and once a period is over, every item in it has had its whole
//! window, so an open one really was missed. Skipped items (the user recorded a reason, e.g. the
//! customer asked not to be called) are left out of the base and shown beside it. Superseded and
//! lapsed items ended without the visit they called for: they count as missed, against both the
//! completion and the on-time rate (DOMAIN.md "The life of a follow-up item").

use crate::domain::agenda::ItemStatus;
use crate::domain::customer::ContactMethod;
use crate::domain::measures::Measure;
use crate::domain::measures::period::ReportPeriod;
use crate::domain::measures::reading::{Drill, Figure, Part, PartKey, Ratio, Reading, Role};
use crate::domain::measures::records::Records;
use crate::domain::visit::Outcome;
use std::collections::BTreeMap;

fn reading(measure: Measure, period: &ReportPeriod, numerator: usize, denominator: usize, parts: Vec<Part>) -> Reading {
    Reading {
        measure,
        period: *period,
        figure: Figure::Ratio(Ratio::new(numerator as i64, denominator as u64)),
        parts,
        settles_on: None,
    }
}

/// Completion rate: items due in the period that are done / items due (not skipped), missed ones
/// included.
pub fn completion(records: &Records, period: &ReportPeriod) -> Reading {
    let (mut done, mut open, mut skipped, mut missed) =
        (Drill::default(), Drill::default(), Drill::default(), Drill::default());
    let (mut n_done, mut n_open, mut n_skipped, mut n_missed) = (0, 0, 0, 0);
    for item in records.items_due(period) {
        let drill = match &item.status {
            ItemStatus::Done { visit_id, .. } => {
                n_done += 1;
                done.visits.push(visit_id.clone());
                &mut done
            }
            ItemStatus::Open => {
                n_open += 1;
                &mut open
            }
            ItemStatus::Skipped { .. } => {
                n_skipped += 1;
                &mut skipped
            }
            ItemStatus::Superseded { .. } | ItemStatus::Lapsed { .. } => {
                n_missed += 1;
                &mut missed
            }
        };
        drill.items.push(item.key.clone());
        drill.customers.push(item.customer_id.clone());
        // The calls that did not get through are the visits behind an open or skipped item.
        drill.visits.extend(records.attempts(&item.key).iter().map(|v| v.id.clone()));
    }
    let parts = vec![
        Part::new(PartKey::Done, Role::Counted, n_done, done),
        Part::new(PartKey::NotDone, Role::Uncounted, n_open, open),
        Part::new(PartKey::Missed, Role::Uncounted, n_missed, missed),
        Part::new(PartKey::Skipped, Role::Excluded, n_skipped, skipped),
    ];
    reading(Measure::Completion, period, n_done, n_done + n_open + n_missed, parts)
}

/// On-time rate: of the items due in the period that are done or missed, those done inside their
/// window `[earliest, latest]` / all of them. Early, late and missed ones are shown apart: a visit
/// made before the window opened is as much off the practice as a late one (a post-purchase call
/// on day 1 instead of day 3), and one never made is not on time either.
pub fn on_time(records: &Records, period: &ReportPeriod) -> Reading {
    let (mut on, mut early, mut late, mut missed) =
        (Drill::default(), Drill::default(), Drill::default(), Drill::default());
    let (mut n_on, mut n_early, mut n_late, mut n_missed) = (0, 0, 0, 0);
    for item in records.items_due(period) {
        if item.is_missed() {
            n_missed += 1;
            missed.items.push(item.key.clone());
            missed.customers.push(item.customer_id.clone());
            continue;
        }
        let ItemStatus::Done { visit_id, on: done_on } = &item.status else { continue };
        let (drill, n) = if *done_on < item.earliest {
            (&mut early, &mut n_early)
        } else if *done_on > item.latest {
            (&mut late, &mut n_late)
        } else {
            (&mut on, &mut n_on)
        };
        *n += 1;
        drill.items.push(item.key.clone());
        drill.visits.push(visit_id.clone());
        drill.customers.push(item.customer_id.clone());
    }
    let parts = vec![
        Part::new(PartKey::OnTime, Role::Counted, n_on, on),
        Part::new(PartKey::Early, Role::Uncounted, n_early, early),
        Part::new(PartKey::Late, Role::Uncounted, n_late, late),
        Part::new(PartKey::Missed, Role::Uncounted, n_missed, missed),
    ];
    reading(Measure::OnTime, period, n_on, n_on + n_early + n_late + n_missed, parts)
}

/// Coverage: customers reached / customers with an item due in the period. A customer is reached
/// when a visit to them in the period got through (outcome "reached"), or when one of their items
/// due in the period was completed by a visit that got through (a visit made early, in the
/// period before, still covers them).
pub fn coverage(records: &Records, period: &ReportPeriod) -> Reading {
    // customer id -> (reached?, drill)
    let mut due: BTreeMap<&str, (bool, Drill)> = BTreeMap::new();
    for item in records.items_owed(period) {
        let entry = due.entry(item.customer_id.as_str()).or_default();
        entry.1.items.push(item.key.clone());
        if let ItemStatus::Done { visit_id, .. } = &item.status
            && records.visit(visit_id).is_some_and(|v| v.outcome == Outcome::Reached)
        {
            entry.0 = true;
            entry.1.visits.push(visit_id.clone());
        }
    }
    for v in records.visits_in(period) {
        if let Some(entry) = due.get_mut(v.customer_id.as_str()) {
            if v.outcome == Outcome::Reached {
                entry.0 = true;
            }
            entry.1.visits.push(v.id.clone());
        }
    }
    let (mut reached, mut missed) = (Drill::default(), Drill::default());
    let (mut n_reached, mut n_missed) = (0, 0);
    for (customer, (was_reached, mut drill)) in due {
        drill.customers.push(customer.into());
        let (target, n) = if was_reached { (&mut reached, &mut n_reached) } else { (&mut missed, &mut n_missed) };
        *n += 1;
        target.items.append(&mut drill.items);
        target.visits.append(&mut drill.visits);
        target.customers.append(&mut drill.customers);
    }
    let parts = vec![
        Part::new(PartKey::Reached, Role::Counted, n_reached, reached),
        Part::new(PartKey::NotReached, Role::Uncounted, n_missed, missed),
    ];
    reading(Measure::Coverage, period, n_reached, n_reached + n_missed, parts)
}

/// First-answer rate (首次接通率): of the items due in the period whose first attempt was a phone
/// call, those where that first call was answered. Answered means the customer picked up: the
/// outcome is "reached", "refused" or "rescheduled"; only "no answer" is not. Counted per item, not
/// per call, so redialling does not dilute it; skipped items count too (they were called). Items
/// first tried by message or on site are left out: a message cannot be "answered".
pub fn first_answer(records: &Records, period: &ReportPeriod) -> Reading {
    let (mut answered, mut unanswered) = (Drill::default(), Drill::default());
    let (mut n_answered, mut n_unanswered) = (0, 0);
    for item in records.items_due(period) {
        let Some(&first) = records.attempts(&item.key).first() else { continue };
        if first.method != ContactMethod::Phone {
            continue;
        }
        let (drill, n) = if first.outcome == Outcome::NoAnswer {
            (&mut unanswered, &mut n_unanswered)
        } else {
            (&mut answered, &mut n_answered)
        };
        *n += 1;
        drill.items.push(item.key.clone());
        drill.visits.push(first.id.clone());
        drill.customers.push(item.customer_id.clone());
    }
    let parts = vec![
        Part::new(PartKey::Answered, Role::Counted, n_answered, answered),
        Part::new(PartKey::NotAnswered, Role::Uncounted, n_unanswered, unanswered),
    ];
    reading(Measure::FirstAnswer, period, n_answered, n_answered + n_unanswered, parts)
}
