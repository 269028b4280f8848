//! Measures read from the customer book: complaint rate, conversion after a visit, repurchase rate
//! and cycle, and the tier mix over time.

use crate::domain::customer::{Customer, Id, ServiceEventKind};
use crate::domain::date::add_days;
use crate::domain::measures::period::ReportPeriod;
use crate::domain::measures::reading::{Drill, EventRef, Figure, Part, PartKey, Ratio, Reading, Role};
use crate::domain::measures::records::Records;
use crate::domain::measures::{MAX_CONVERSION_WINDOW_DAYS, Measure};
use crate::domain::tier::{Tier, TierSettings};
use crate::domain::tiering;
use crate::domain::visit::Outcome;
use chrono::NaiveDate;
use std::collections::BTreeMap;

fn ratio_reading(measure: Measure, period: &ReportPeriod, ratio: Ratio, parts: Vec<Part>) -> Reading {
    Reading { measure, period: *period, figure: Figure::Ratio(ratio), parts, settles_on: None }
}

fn event(c: &Customer, id: &str) -> EventRef {
    EventRef { customer_id: c.id.clone(), id: id.into() }
}

/// Complaint rate: customers who raised a complaint in the period / customers served in the
/// period. Served means some contact that happened: a visit that got through, a purchase, a
/// finished service, repair or incident, or the complaint itself (so the rate never passes 100%).
/// Counting customers rather than complaints keeps one angry customer's three calls from reading
/// as three problems; the complaints themselves are in the drill-down. The target "−20%
/// complaints" is read as the change against the previous period.
pub fn complaint_rate(records: &Records, period: &ReportPeriod) -> Reading {
    // customer id -> (complained?, drill)
    let mut served: BTreeMap<&str, (bool, Drill)> = BTreeMap::new();
    for v in records.visits_in(period).filter(|v| v.outcome == Outcome::Reached) {
        served.entry(v.customer_id.as_str()).or_default().1.visits.push(v.id.clone());
    }
    for c in records.customers {
        let mut touched = c.purchases.iter().any(|p| period.contains(p.date));
        let mut complained = false;
        let mut complaints = Vec::new();
        for e in c.events.iter().filter(|e| period.contains(e.date)) {
            match e.kind {
                ServiceEventKind::ComplaintRaised { .. } => {
                    complained = true;
                    complaints.push(event(c, &e.id));
                }
                ServiceEventKind::ServiceDone | ServiceEventKind::RepairDone | ServiceEventKind::IncidentHandled => {
                    touched = true
                }
                _ => {}
            }
        }
        if touched || complained {
            let entry = served.entry(c.id.as_str()).or_default();
            entry.0 |= complained;
            entry.1.complaints.append(&mut complaints);
        }
    }
    let (mut yes, mut no) = (Drill::default(), Drill::default());
    let (mut n_yes, mut n_no) = (0, 0);
    for (customer, (complained, mut drill)) in served {
        let (target, n) = if complained { (&mut yes, &mut n_yes) } else { (&mut no, &mut n_no) };
        *n += 1;
        target.customers.push(customer.into());
        target.visits.append(&mut drill.visits);
        target.complaints.append(&mut drill.complaints);
    }
    let parts = vec![
        Part::new(PartKey::Complained, Role::Counted, n_yes, yes),
        Part::new(PartKey::NoComplaint, Role::Uncounted, n_no, no),
    ];
    ratio_reading(Measure::ComplaintRate, period, Ratio::new(n_yes as i64, (n_yes + n_no) as u64), parts)
}

/// Conversion: customers reached in the period who bought within `window_days` days after one of
/// those visits (the visit's day included: purchases carry no time, and a call in the morning
/// followed by an order in the afternoon is the case this measure is for) / customers reached.
/// Counted per customer, so visiting someone twice does not double their weight. The figure
/// settles `window_days` after the period ends.
pub fn conversion(records: &Records, period: &ReportPeriod, window_days: u32) -> Reading {
    let mut reached: BTreeMap<&str, Vec<(NaiveDate, &str)>> = BTreeMap::new();
    for v in records.visits_in(period).filter(|v| v.outcome == Outcome::Reached) {
        reached.entry(v.customer_id.as_str()).or_default().push((v.at.date(), v.id.as_str()));
    }
    // A window from a hand-edited file cannot run past the calendar.
    let window = i64::from(window_days.min(MAX_CONVERSION_WINDOW_DAYS));
    let (mut yes, mut no) = (Drill::default(), Drill::default());
    let (mut n_yes, mut n_no) = (0, 0);
    for (customer, visits) in reached {
        let mut bought = Vec::new();
        if let Some(c) = records.customer(customer) {
            for p in &c.purchases {
                if visits.iter().any(|(day, _)| *day <= p.date && p.date <= add_days(*day, window)) {
                    bought.push(event(c, &p.id));
                }
            }
        }
        let (target, n) = if bought.is_empty() { (&mut no, &mut n_no) } else { (&mut yes, &mut n_yes) };
        *n += 1;
        target.customers.push(customer.into());
        target.visits.extend(visits.iter().map(|(_, id)| Id::from(*id)));
        target.purchases.append(&mut bought);
    }
    Reading {
        measure: Measure::Conversion,
        period: *period,
        figure: Figure::Ratio(Ratio::new(n_yes as i64, (n_yes + n_no) as u64)),
        parts: vec![
            Part::new(PartKey::Converted, Role::Counted, n_yes, yes),
            Part::new(PartKey::NotConverted, Role::Uncounted, n_no, no),
        ],
        settles_on: Some(add_days(period.end(), window)),
    }
}

/// A customer's distinct purchase days, oldest first: two orders on one day are one shopping
/// trip, not a repurchase after 0 days.
fn purchase_days(c: &Customer) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = c.purchases.iter().map(|p| p.date).collect();
    days.sort();
    days.dedup();
    days
}

fn purchases_on(c: &Customer, day: NaiveDate) -> impl Iterator<Item = EventRef> + '_ {
    c.purchases.iter().filter(move |p| p.date == day).map(move |p| event(c, &p.id))
}

/// Repurchase rate (复购率): customers who bought in the period and had bought before, on an
/// earlier day before or inside the period / customers who bought in the period. It is a share
/// of the period's buyers, so a week and a month read on the same scale.
pub fn repurchase_rate(records: &Records, period: &ReportPeriod) -> Reading {
    let (mut returning, mut first) = (Drill::default(), Drill::default());
    let (mut n_returning, mut n_first) = (0, 0);
    for c in records.customers {
        let days = purchase_days(c);
        let Some(first_day) = days.first().copied() else { continue };
        let in_period: Vec<NaiveDate> = days.iter().copied().filter(|d| period.contains(*d)).collect();
        if in_period.is_empty() {
            continue;
        }
        let (drill, n) = if in_period.iter().any(|d| *d > first_day) {
            (&mut returning, &mut n_returning)
        } else {
            (&mut first, &mut n_first)
        };
        *n += 1;
        drill.customers.push(c.id.clone());
        for d in in_period {
            drill.purchases.extend(purchases_on(c, d));
        }
    }
    let parts = vec![
        Part::new(PartKey::Returning, Role::Counted, n_returning, returning),
        Part::new(PartKey::FirstTime, Role::Uncounted, n_first, first),
    ];
    ratio_reading(
        Measure::RepurchaseRate,
        period,
        Ratio::new(n_returning as i64, (n_returning + n_first) as u64),
        parts,
    )
}

/// Average repurchase cycle (复购周期): for every repeat purchase in the period, the days since the
/// customer's previous purchase day; their sum / their number.
pub fn repurchase_cycle(records: &Records, period: &ReportPeriod) -> Reading {
    let mut drill = Drill::default();
    let (mut days_sum, mut repeats) = (0i64, 0usize);
    for c in records.customers {
        let days = purchase_days(c);
        for pair in days.windows(2) {
            if period.contains(pair[1]) {
                days_sum += (pair[1] - pair[0]).num_days();
                repeats += 1;
                drill.customers.push(c.id.clone());
                drill.purchases.extend(purchases_on(c, pair[1]));
            }
        }
    }
    let parts = vec![Part::new(PartKey::Repeat, Role::Slice, repeats, drill)];
    ratio_reading(Measure::RepurchaseCycle, period, Ratio::new(days_sum, repeats as u64), parts)
}

/// Tier mix: the customers registered by the period's last day (today, while it runs), by their
/// tier on that day. Read over a series of periods, it is the tier mix over time.
///
/// The tier is assessed from the data as it stood that day (purchases and visits up to it, the
/// period's end as "today"), with the current thresholds, and a tier set by hand counts from the
/// day it was set ([`tiering::override_on`]). Not read from the tier history: a history starts
/// the day the data was imported, which left every month before it "not tiered"; every customer
/// registered by then has a tier now.
pub fn tier_mix(records: &Records, period: &ReportPeriod) -> Reading {
    // The period's last day, or today while it runs: assessed on a day still to come, everyone
    // would look dormant.
    let end = records.lived_end(period);
    let tiers = tiers_on(records, end);
    let mut slots: [(usize, Drill); 4] = Default::default();
    let mut total = 0;
    for c in records.customers.iter().filter(|c| c.registered_on <= end) {
        let slot = tiers.get(c.id.as_str()).copied().unwrap_or(Tier::Basic).index();
        slots[slot].0 += 1;
        slots[slot].1.customers.push(c.id.clone());
        total += 1;
    }
    Reading {
        measure: Measure::TierMix,
        period: *period,
        figure: Figure::Count(total as u64),
        parts: slots
            .into_iter()
            .zip(Tier::ALL)
            .map(|((n, drill), tier)| Part::new(PartKey::Tier(Some(tier)), Role::Slice, n, drill))
            .collect(),
        settles_on: None,
    }
}

/// The tier each customer registered by `end` is in on `end`, as [`tier_mix`] reads it.
fn tiers_on<'a>(records: &Records<'a>, end: chrono::NaiveDate) -> std::collections::HashMap<&'a str, Tier> {
    let defaults;
    let settings = match records.tiers {
        Some(s) => s,
        None => {
            defaults = TierSettings::default();
            &defaults
        }
    };
    let assessed = tiering::assess_all(records.customers, records.visits, settings, end);
    records
        .customers
        .iter()
        .filter(|c| c.registered_on <= end)
        .map(|c| {
            let computed = assessed.get(&c.id).map_or(Tier::Basic, |a| a.computed);
            (c.id.as_str(), tiering::override_on(c, end).unwrap_or(computed))
        })
        .collect()
}

/// Value per tier (各层级消费额): what the customers of each tier (their tier on the period's last
/// day, as in the tier mix) spent in the period, in yuan. It shows where the revenue of a book sits,
/// from the sales ledger alone.
pub fn value_per_tier(records: &Records, period: &ReportPeriod) -> Reading {
    let end = records.lived_end(period);
    let tiers = tiers_on(records, end);
    let mut slots: [(i64, Drill); 4] = Default::default();
    let mut total: i64 = 0;
    for c in records.customers {
        let spent: i64 = c.purchases.iter().filter(|p| period.contains(p.date)).map(|p| p.amount.fen().max(0)).sum();
        if spent == 0 {
            continue;
        }
        let slot = tiers.get(c.id.as_str()).copied().unwrap_or(Tier::Basic).index();
        slots[slot].0 += spent;
        slots[slot].1.customers.push(c.id.clone());
        slots[slot].1.purchases.extend(c.purchases.iter().filter(|p| period.contains(p.date)).map(|p| event(c, &p.id)));
        total += spent;
    }
    let yuan = |fen: i64| u64::try_from((fen + 50) / 100).unwrap_or(0);
    Reading {
        measure: Measure::ValuePerTier,
        period: *period,
        figure: Figure::Count(yuan(total)),
        parts: slots
            .into_iter()
            .zip(Tier::ALL)
            .map(|((fen, drill), tier)| Part::new(PartKey::Tier(Some(tier)), Role::Slice, yuan(fen) as usize, drill))
            .collect(),
        settles_on: None,
    }
}

/// Dormant customers (沉睡客户): of the contactable customers registered by the period's last day
/// (today while it runs), those with no purchase and no visit that reached them in the
/// `dormant_days` before it. Fewer is better; each is someone to win back.
pub fn dormant_customers(records: &Records, period: &ReportPeriod, dormant_days: u32) -> Reading {
    let end = records.lived_end(period);
    let since = crate::domain::date::add_days(end, -i64::from(dormant_days.max(1)));
    let mut reached: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for v in records.visits.iter().filter(|v| v.outcome == crate::domain::visit::Outcome::Reached) {
        let on = v.at.date();
        if on > since && on <= end {
            reached.insert(v.customer_id.as_str());
        }
    }
    let (mut dormant, mut active) = (Drill::default(), Drill::default());
    let (mut n_dormant, mut n_active) = (0usize, 0usize);
    for c in records.customers.iter().filter(|c| c.registered_on <= end && !c.do_not_contact) {
        let bought = c.purchases.iter().any(|p| p.date > since && p.date <= end);
        // A customer newer than the span has not had the time to fall asleep.
        let young = c.registered_on > since;
        if bought || young || reached.contains(c.id.as_str()) {
            n_active += 1;
            active.customers.push(c.id.clone());
        } else {
            n_dormant += 1;
            dormant.customers.push(c.id.clone());
        }
    }
    Reading {
        measure: Measure::DormantCustomers,
        period: *period,
        figure: Figure::Count(n_dormant as u64),
        parts: vec![
            Part::new(PartKey::Dormant, Role::Counted, n_dormant, dormant),
            Part::new(PartKey::Awake, Role::Uncounted, n_active, active),
        ],
        settles_on: None,
    }
}
