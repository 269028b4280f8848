//! 日常抽样回访 (DOMAIN.md "Scenarios", last row): every month, a few of the customers served that
//! month, a share of its repair orders and a share of its complaint cases are called back in the
//! first days of the month after, to check the quality of the work.
//!
//! The pick is random but reproducible: candidates are ordered by a hash of the month and their
//! id, so the same book gives the same sample on every device and every reload, and adding a
//! customer to a month moves the others' chances only by that one place.

use super::{DateRange, ScheduleInput};
use crate::domain::customer::ServiceEventKind;
use crate::domain::date::add_days;
use crate::domain::fast_hash::FastMap;
use crate::domain::visit::Outcome;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;

/// The first day of the month after `year`-`month`: the sample's calls start then.
pub(super) fn month_after(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month >= 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(y, m, 1)
}

fn month_of(date: NaiveDate) -> (i32, u32) {
    (date.year(), date.month())
}

fn previous(year: i32, month: u32) -> (i32, u32) {
    if month <= 1 { (year - 1, 12) } else { (year, month - 1) }
}

/// FNV-1a of the month and an id: the order of the draw.
fn draw(year: i32, month: u32, id: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let month_bytes = [(year.rem_euclid(10_000) / 100) as u8, (year.rem_euclid(100)) as u8, month as u8, b'|'];
    for b in month_bytes.iter().chain(id.as_bytes()) {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// `share` percent of `n`, rounded up (30% of 1 repair order is one call).
fn share_of(n: usize, percent: u32) -> usize {
    (n * percent.min(100) as usize).div_ceil(100)
}

/// What one month offers the sample.
#[derive(Default)]
struct Month<'a> {
    served: BTreeSet<&'a str>,
    /// (event id, customer id) of the repair orders finished in the month.
    repairs: Vec<(&'a str, &'a str)>,
    /// (event id, customer id) of the complaints raised in the month.
    complaints: Vec<(&'a str, &'a str)>,
}

/// The customers picked in one month: the repair and complaint shares first, then
/// `customers_min`–`customers_max` (a tenth of those served) among the rest of those served.
fn pick<'a>(year: i32, month: u32, m: &Month<'a>, s: &super::Sampling) -> BTreeSet<&'a str> {
    let mut picked: BTreeSet<&'a str> = BTreeSet::new();
    for (cases, percent) in [(&m.repairs, s.repair_percent), (&m.complaints, s.complaint_percent)] {
        let mut order: Vec<&(&str, &str)> = cases.iter().collect();
        order.sort_by_key(|(event, _)| (draw(year, month, event), *event));
        picked.extend(order.into_iter().take(share_of(cases.len(), percent)).map(|(_, customer)| *customer));
    }
    let mut rest: Vec<&str> = m.served.iter().copied().filter(|c| !picked.contains(c)).collect();
    rest.sort_by_key(|id| (draw(year, month, id), *id));
    let wanted =
        m.served.len().div_ceil(10).clamp(s.customers_min.min(s.customers_max) as usize, s.customers_max as usize);
    picked.extend(rest.into_iter().take(wanted));
    picked
}

/// For every month whose sampling calls can show in `range`, the customers picked, as the
/// months each customer was picked for.
pub(super) fn sample<'a>(input: &ScheduleInput<'a>, range: DateRange) -> FastMap<&'a str, Vec<(i32, u32)>> {
    let mut by_customer: FastMap<&'a str, Vec<(i32, u32)>> = FastMap::default();
    let s = &input.settings.sampling;
    if !s.enabled {
        return by_customer;
    }
    // A month's calls run from the 1st of the next month for `window_days`, and can stay open
    // for the grace period after.
    let reach = i64::from(s.window_days) + i64::from(input.settings.other_grace_days);
    let (first_year, first_month) =
        previous(month_of(add_days(range.from, -reach)).0, month_of(add_days(range.from, -reach)).1);
    let last = previous(range.to.year(), range.to.month());
    let mut months: Vec<(i32, u32)> = Vec::new();
    let mut m = (first_year, first_month);
    while m <= last && months.len() < 240 {
        if let Some(start) = month_after(m.0, m.1)
            && start <= range.to
            && add_days(start, reach) >= range.from
        {
            months.push(m);
        }
        m = match month_after(m.0, m.1) {
            Some(next) => month_of(next),
            None => break,
        };
    }
    let Some((&first, &last)) = months.first().zip(months.last()) else { return by_customer };
    let within = |date: NaiveDate| {
        let m = month_of(date);
        (m >= first && m <= last).then_some(m)
    };
    let mut offered: FastMap<(i32, u32), Month<'a>> = FastMap::default();
    let contactable: FastMap<&str, bool> = input.customers.iter().map(|c| (c.id.as_str(), !c.do_not_contact)).collect();
    for c in input.customers.iter().filter(|c| !c.do_not_contact) {
        for p in &c.purchases {
            if let Some(m) = within(p.date) {
                offered.entry(m).or_default().served.insert(&c.id);
            }
        }
        for e in &c.events {
            let Some(m) = within(e.date) else { continue };
            let month = offered.entry(m).or_default();
            match e.kind {
                ServiceEventKind::ServiceDone => {
                    month.served.insert(&c.id);
                }
                ServiceEventKind::RepairDone => {
                    month.served.insert(&c.id);
                    month.repairs.push((&e.id, &c.id));
                }
                ServiceEventKind::ComplaintRaised { .. } => month.complaints.push((&e.id, &c.id)),
                _ => {}
            }
        }
    }
    for v in input.visits.iter().filter(|v| v.outcome == Outcome::Reached) {
        if let Some(m) = within(v.at.date())
            && contactable.get(v.customer_id.as_str()).copied().unwrap_or(false)
        {
            offered.entry(m).or_default().served.insert(&v.customer_id);
        }
    }
    for (year, month) in months {
        let Some(offer) = offered.get(&(year, month)) else { continue };
        for customer in pick(year, month, offer, s) {
            by_customer.entry(customer).or_default().push((year, month));
        }
    }
    by_customer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_is_rounded_up_so_one_repair_order_is_still_sampled() {
        assert_eq!(share_of(1, 30), 1);
        assert_eq!(share_of(10, 30), 3);
        assert_eq!(share_of(3, 50), 2);
        assert_eq!(share_of(0, 50), 0);
    }

    #[test]
    fn the_month_after_december_is_january_of_the_next_year() {
        assert_eq!(month_after(2026, 12), NaiveDate::from_ymd_opt(2027, 1, 1));
        assert_eq!(month_after(2026, 2), NaiveDate::from_ymd_opt(2026, 3, 1));
    }
}
