//! The follow-up schedule (DOMAIN.md "Scenarios", "Tiers"): from the customers, their events and
//! visits, the user's marks and campaigns and the settings, every [`DueItem`] the practice calls
//! for in a date range. Pure and deterministic: the same data gives the same items with the same
//! keys, so a visit, a snooze or a skip can refer to an item by its key.
//!
//! ```
//! use huifang::domain::schedule::{schedule, DateRange, ScheduleInput, ScheduleSettings};
//! use huifang::domain::tier::{Tier, TierSettings};
//! use chrono::NaiveDate;
//! let (settings, tiers) = (ScheduleSettings::default(), TierSettings::default());
//! let tier_of = |c: &huifang::domain::Customer| c.tier.unwrap_or(Tier::Basic);
//! let june = DateRange::new(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
//! let input = ScheduleInput::new(&[], &[], &settings, &tiers, &tier_of, june.from);
//! assert!(schedule(&input, june).is_empty());
//! ```

mod contact;
pub mod ics;
mod key;
mod ladder;
pub(crate) mod merge;
mod records;
mod rules;
mod sampling;
mod settings;

#[cfg(test)]
mod tests;

pub use contact::{NoContact, announce_on, last_contact, not_contacted};
pub use key::{ItemKey, ItemKeyRef, MergedKey};
pub use ladder::{NoAnswerEffect, apply_no_answer_effect, ladder_steps, no_answer_effect, unanswered_in_a_row};
pub use records::{AgendaMark, Campaign, Segment, Skip};
pub use rules::{complaint_of_key, unsettled_complaints};
pub use settings::{
    DayWindow, Holiday, HolidayDate, PurchaseNode, Sampling, ScheduleSettings, SeverityRule, severity_index,
};

use crate::domain::agenda::DueItem;
use crate::domain::customer::Customer;
use crate::domain::fast_hash::FastMap;
use crate::domain::tier::{Tier, TierSettings};
use crate::domain::visit::{Outcome, Visit};
use chrono::NaiveDate;

/// Built-in holidays carry these names in [`crate::domain::agenda::DueReason::Holiday`]; the UI
/// shows them in the user's language. User-defined holidays carry the user's own name.
pub const SPRING_FESTIVAL: &str = "@spring_festival";
pub const MID_AUTUMN: &str = "@mid_autumn";

/// `2026-06-03`. Written out rather than with chrono's `format`, whose strftime engine would
/// otherwise be compiled into the browser download just for this.
pub fn iso_day(date: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// A span of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DateRange {
    /// The range between two dates, in whichever order they are given.
    pub fn new(a: NaiveDate, b: NaiveDate) -> DateRange {
        DateRange { from: a.min(b), to: a.max(b) }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        (self.from..=self.to).contains(&date)
    }

    fn overlaps(&self, item: &DueItem) -> bool {
        item.earliest <= self.to && item.latest >= self.from
    }

    /// Whether the range shows `item`: its window overlaps the range, or it opened before the
    /// range ends and is still open (late work that still matters, whatever the range's start).
    fn shows(&self, item: &DueItem) -> bool {
        self.overlaps(item) || (item.is_open() && item.earliest <= self.to)
    }
}

/// Everything the schedule is computed from. `tier_of` gives each customer's effective tier (the
/// tiering, with the user's override); the schedule never decides tiers itself.
pub struct ScheduleInput<'a> {
    pub customers: &'a [Customer],
    pub visits: &'a [Visit],
    pub marks: &'a [AgendaMark],
    pub campaigns: &'a [Campaign],
    pub settings: &'a ScheduleSettings,
    pub tiers: &'a TierSettings,
    pub tier_of: &'a dyn Fn(&Customer) -> Tier,
    /// The day statuses are read on: what has been done, superseded or has lapsed by then.
    pub today: NaiveDate,
    /// Items produced by other rules (feedback closure, intention check, next visit): marks and
    /// visits apply to them by key, and they merge with the schedule's own items.
    pub extra: &'a [DueItem],
}

impl<'a> ScheduleInput<'a> {
    pub fn new(
        customers: &'a [Customer],
        visits: &'a [Visit],
        settings: &'a ScheduleSettings,
        tiers: &'a TierSettings,
        tier_of: &'a dyn Fn(&Customer) -> Tier,
        today: NaiveDate,
    ) -> ScheduleInput<'a> {
        ScheduleInput { customers, visits, marks: &[], campaigns: &[], settings, tiers, tier_of, today, extra: &[] }
    }
}

/// A visit that ends an item: the customer was reached (a refusal is an answer too, and calling
/// again soon would not respect it). No answer and "call me later" leave the item open.
pub fn closes(outcome: Outcome) -> bool {
    matches!(outcome, Outcome::Reached | Outcome::Refused)
}

/// Every item of the practice whose window overlaps `range`, and every item still open on
/// `input.today` that opened before the range ends (late work that still matters), one per rule
/// (Today folds a customer's items into one card: `domain::plan`), sorted by the day the window
/// opens. Each item carries its
/// status on `input.today`: open, done, skipped, superseded or lapsed
/// (`docs/item-life-cycle.md`).
pub fn schedule(input: &ScheduleInput, range: DateRange) -> Vec<DueItem> {
    let mut out = Vec::with_capacity(input.customers.len() * 3);
    for_each_item(input, range, |item| out.push(item));
    // Within a day, customers keep the book's order and each customer's items the order the merge
    // gave them, so the result is the same every time without comparing strings. The items are
    // large: sorting their positions and moving each item once, in place, is several times faster
    // than sorting the items, and holds them once.
    let mut by_day: Vec<(NaiveDate, usize)> = out.iter().enumerate().map(|(i, item)| (item.earliest, i)).collect();
    by_day.sort_unstable();
    crate::domain::order::permute(&mut out, by_day.into_iter().map(|(_, i)| i).collect());
    out
}

/// The items of [`schedule`], unsorted: customer by customer in the book's order, each customer's
/// in the order the merge gave them. For a figure per customer (the customer list's next
/// follow-up over a year) without holding a year of the whole book's items at once.
pub fn for_each_item(input: &ScheduleInput, range: DateRange, mut each: impl FnMut(DueItem)) {
    let ctx = rules::Context::new(input, range);
    let extra_by_customer = group_extra(input.extra);
    let mut raw = Vec::with_capacity(32);
    for (index, customer) in input.customers.iter().enumerate() {
        if customer.do_not_contact {
            continue;
        }
        raw.clear();
        let c = ctx.customer(index, customer);
        ctx.customer_items(&c, &mut raw);
        if let Some(extra) = extra_by_customer.get(customer.id.as_str()) {
            for item in extra {
                let mut item = (*item).clone();
                if item.is_open() {
                    ctx.resolve(&c, &mut item);
                    ctx.settle(&c, &mut item);
                }
                raw.push(item);
            }
        }
        for item in raw.drain(..) {
            if range.shows(&item) {
                each(item);
            }
        }
    }
}

fn group_extra(extra: &[DueItem]) -> FastMap<&str, Vec<&DueItem>> {
    let mut map: FastMap<&str, Vec<&DueItem>> = FastMap::default();
    for item in extra {
        map.entry(item.customer_id.as_str()).or_default().push(item);
    }
    map
}
