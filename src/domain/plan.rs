//! A day's work (DOMAIN.md "A day's work"): the schedule says what is due; a person can make only
//! so many contacts a day. [`plan`] turns the open items into a plan: one card per customer (all
//! their reasons in one call), the most important first, at most the day's capacity a day, the
//! rest planned into later days inside their windows, and what cannot fit before its window
//! closes flagged before it is missed.
//!
//! The order is [`score`]: a sum of the weights in [`PlanSettings`] (a setting like every number
//! of the practice), ties broken by the day the window opened and then by customer id, so the same
//! book always gives the same plan:
//!
//! | the card has… | adds (default) |
//! |---|---|
//! | a complaint to handle or follow up | `complaint` (1000) |
//! | an urgent item: an urgent feedback deadline, an incident, an escalation | `urgent` (800) |
//! | an item late (past its window; care is never late) | `late` (300) |
//! | an item whose window closes on the day | `closes_today` (300) |
//! | its customer's tier: Diamond 3, Gold 2, Silver 1, Basic 0 steps | `tier` (40) per step |
//! | its customer's value: the share of the book that spent less (0–1) | `value` (60) × share |
//!
//! Holiday greetings and campaign notices by message reach many customers on the same days and
//! are sent in one go: they are not planned against the capacity but listed apart ([`Plan::bulk`]),
//! and join a customer's card when that customer is called that day anyway.

use crate::domain::agenda::{DueItem, DueReason, Urgency};
use crate::domain::customer::{ContactMethod, Customer, Id};
use crate::domain::date::add_days;
use crate::domain::fast_hash::FastMap;
use crate::domain::scenario::Scenario;
use crate::domain::schedule::MergedKey;
use crate::domain::schedule::merge::{demand, joined_key};
use crate::domain::tier::Tier;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The weights of the order (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    pub complaint: u32,
    pub urgent: u32,
    pub late: u32,
    pub closes_today: u32,
    pub tier: u32,
    pub value: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { complaint: 1000, urgent: 800, late: 300, closes_today: 300, tier: 40, value: 60 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanSettings {
    /// Contacts a day (calls, visits, personal messages).
    pub capacity: u32,
    /// How many more "再加" pulls into today.
    pub pull_step: u32,
    pub weights: Weights,
}

impl PlanSettings {
    /// Every number with the range the settings form allows: (field, value, lowest, highest).
    pub fn numbers(&self) -> Vec<(String, u32, u32, u32)> {
        let w = &self.weights;
        let mut out =
            vec![("capacity".to_string(), self.capacity, 1, 500), ("pull_step".to_string(), self.pull_step, 1, 200)];
        for (name, value) in [
            ("complaint", w.complaint),
            ("urgent", w.urgent),
            ("late", w.late),
            ("closes_today", w.closes_today),
            ("tier", w.tier),
            ("value", w.value),
        ] {
            out.push((format!("weights.{name}"), value, 0, 10_000));
        }
        out
    }
}

impl Default for PlanSettings {
    fn default() -> Self {
        PlanSettings { capacity: 40, pull_step: 10, weights: Weights::default() }
    }
}

/// Why a card is where it is, in a few words on the card (most telling first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    Complaint,
    Urgent,
    /// Days past the window.
    Late(i64),
    ClosesToday,
    Tier(Tier),
    /// Among the customers who spent most (top fifth).
    TopValue,
}

/// One customer's work on one day: every reason due for them, in one contact.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub customer_id: Id,
    /// The items, the most pressing reason first.
    pub items: Vec<DueItem>,
    pub day: NaiveDate,
    pub score: u32,
    pub why: Vec<Why>,
    /// The last day the card can be done without missing an item's window (care has none).
    pub closes: Option<NaiveDate>,
    /// The method the contact asks for: the most demanding of the items'.
    pub method: ContactMethod,
}

impl Card {
    /// The key a visit made for this card carries: every item's, joined (see
    /// [`MergedKey`]), so one visit ends them all.
    pub fn key(&self) -> MergedKey {
        joined_key(&self.items)
    }

    pub fn is_late(&self) -> bool {
        self.why.iter().any(|w| matches!(w, Why::Late(_)))
    }

    /// The card as one item: what the visit screen, the script and the calendar views work with.
    pub fn as_item(&self) -> DueItem {
        let mut item = one_item(self.items.clone()).unwrap_or_else(|| DueItem {
            key: MergedKey::default(),
            customer_id: self.customer_id.clone(),
            scenario: Scenario::Manual,
            reasons: vec![],
            earliest: self.day,
            ideal: self.day,
            latest: self.day,
            method: self.method,
            tier: Tier::Basic,
            responsible: crate::domain::agenda::Responsible::Agent,
            on_site: false,
            status: crate::domain::agenda::ItemStatus::Open,
        });
        item.ideal = self.day;
        item
    }
}

/// Several items of one customer as the one item a single contact serves: the most pressing
/// reason leads (its scenario picks the script), every reason is listed, the key joins every
/// item's key so that one visit ends them all, and the method, the person and on-site are the
/// most demanding of them. The window runs from the first opening to the first closing (care,
/// which never closes, only when nothing else does). `None` for no items.
pub fn one_item(mut items: Vec<DueItem>) -> Option<DueItem> {
    items.sort_by_key(|i| (precedence(i), i.earliest));
    let refs: Vec<&DueItem> = items.iter().collect();
    let closing = closes(&refs);
    let earliest = items.iter().map(|i| i.earliest).min()?;
    let latest = closing.unwrap_or_else(|| items.iter().map(|i| i.latest).max().unwrap_or(earliest)).max(earliest);
    let tier = items.iter().map(|i| i.tier).min_by_key(|t| t.index())?;
    let mut item = crate::domain::schedule::merge::fold(items, earliest, latest)?;
    item.tier = tier;
    Some(item)
}

/// The plan from today on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// Each day from today, the cards planned on it, most important first.
    pub days: Vec<(NaiveDate, Vec<Card>)>,
    /// How many customers with work today did not fit in today's capacity: what "再加 10 个" pulls
    /// in. Counted, not kept as cards: Today shows the number, and pulling some in plans the day
    /// again. Making every such card was ~0.2 s of opening Today at 50,000 customers, where tens
    /// of thousands wait.
    pub waiting: usize,
    /// How many cards have an item whose window closes before the plan reaches them: they will be
    /// missed unless more is done (a day's capacity too small for what falls due).
    pub at_risk: usize,
    /// Greetings and notices sent in one go, per day (not counted against the capacity).
    pub bulk: Vec<(NaiveDate, Vec<DueItem>)>,
}

impl Plan {
    /// Today's cards.
    pub fn today(&self) -> &[Card] {
        self.days.first().map_or(&[], |(_, cards)| cards.as_slice())
    }

    pub fn on(&self, day: NaiveDate) -> &[Card] {
        self.days.iter().find(|(d, _)| *d == day).map_or(&[], |(_, cards)| cards.as_slice())
    }
}

/// What [`plan`] reads.
pub struct PlanInput<'a> {
    /// The schedule's items from today on (open ones are planned; the rest are ignored).
    pub items: &'a [DueItem],
    pub today: NaiveDate,
    /// How many days to plan, today included (at least 1).
    pub days: u32,
    /// Customers already contacted today: their remaining work waits for another day (a call
    /// nobody answered is not tried again an hour later).
    pub contacted_today: &'a dyn Fn(&str) -> bool,
    /// A customer's value as the share of the book that spent less (0–1); see [`value_shares`].
    pub value: &'a dyn Fn(&str) -> f64,
    pub settings: &'a PlanSettings,
    /// Contacts the user added to today beyond the capacity ("再加", or taking in what would be
    /// missed): the later days are planned around them.
    pub extra_today: usize,
}

/// Sent in one go rather than contact by contact.
fn is_bulk(item: &DueItem) -> bool {
    matches!(item.scenario, Scenario::Holiday | Scenario::Campaign)
        && matches!(
            item.method,
            ContactMethod::Sms | ContactMethod::WeChat | ContactMethod::Email | ContactMethod::Letter
        )
}

fn is_complaint(item: &DueItem) -> bool {
    item.reasons.iter().any(|r| matches!(r, DueReason::ComplaintHandling { .. } | DueReason::ComplaintFollowUp { .. }))
}

fn is_urgent(item: &DueItem) -> bool {
    item.reasons.iter().any(|r| {
        matches!(
            r,
            DueReason::FeedbackDue { urgent: true, .. } | DueReason::Incident { .. } | DueReason::Escalation { .. }
        )
    })
}

fn tier_steps(tier: Tier) -> u32 {
    match tier {
        Tier::Diamond => 3,
        Tier::Gold => 2,
        Tier::Silver => 1,
        Tier::Basic => 0,
    }
}

/// The score of a card of `items` on `day` and why (see the module documentation).
pub fn score(items: &[&DueItem], day: NaiveDate, value: f64, w: &Weights) -> (u32, Vec<Why>) {
    let mut total = 0u32;
    let mut why = Vec::new();
    if items.iter().any(|i| is_complaint(i)) {
        total += w.complaint;
        why.push(Why::Complaint);
    }
    if items.iter().any(|i| is_urgent(i)) {
        total += w.urgent;
        why.push(Why::Urgent);
    }
    let late = items
        .iter()
        .filter_map(|i| match i.urgency(day) {
            Urgency::Late(n) => Some(n),
            _ => None,
        })
        .max();
    if let Some(n) = late {
        total += w.late;
        why.push(Why::Late(n));
    } else if items.iter().any(|i| i.latest == day && i.urgency(day) == Urgency::Due && !rolls(i)) {
        total += w.closes_today;
        why.push(Why::ClosesToday);
    }
    let tier = items.iter().map(|i| i.tier).min_by_key(|t| t.index()).unwrap_or(Tier::Basic);
    total += w.tier * tier_steps(tier);
    if matches!(tier, Tier::Diamond | Tier::Gold) {
        why.push(Why::Tier(tier));
    }
    let value = value.clamp(0.0, 1.0);
    total += (f64::from(w.value) * value).round() as u32;
    if value >= 0.8 {
        why.push(Why::TopValue);
    }
    (total, why)
}

/// Periodic care has no closing day: it rolls forward.
fn rolls(item: &DueItem) -> bool {
    !item.reasons.is_empty() && item.reasons.iter().all(|r| matches!(r, DueReason::Care { .. }))
}

/// The last day a set of items can be done on time.
fn closes(items: &[&DueItem]) -> Option<NaiveDate> {
    items.iter().filter(|i| !rolls(i)).map(|i| i.latest).min()
}

struct Candidate<'a> {
    customer: &'a str,
    items: Vec<&'a DueItem>,
    score: u32,
    why: Vec<Why>,
    opened: NaiveDate,
}

fn card(c: Candidate, day: NaiveDate) -> Card {
    let mut items: Vec<DueItem> = c.items.iter().map(|i| (*i).clone()).collect();
    items.sort_by_key(|i| (precedence(i), i.earliest));
    let method = items.iter().map(|i| i.method).max_by_key(|m| demand(*m)).unwrap_or(ContactMethod::Phone);
    Card { customer_id: c.customer.into(), closes: closes(&c.items), items, day, score: c.score, why: c.why, method }
}

/// The reason a card leads with (its scenario picks the script): the more pressing first.
fn precedence(item: &DueItem) -> u8 {
    match item.scenario {
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

/// Plans the open items into days (see the module documentation).
pub fn plan(input: &PlanInput) -> Plan {
    let days = input.days.max(1);
    let capacity = input.settings.capacity.max(1) as usize;
    let last_day = add_days(input.today, i64::from(days) - 1);
    // Open items by customer, each once, in the order they open.
    let mut by_customer: FastMap<&str, Vec<&DueItem>> = FastMap::default();
    let mut bulk: Vec<&DueItem> = Vec::new();
    for item in input.items.iter().filter(|i| i.is_open() && i.earliest <= last_day) {
        if is_bulk(item) {
            bulk.push(item);
        } else {
            by_customer.entry(item.customer_id.as_str()).or_default().push(item);
        }
    }
    let mut customers: Vec<(&str, Vec<&DueItem>)> = by_customer.into_iter().collect();
    customers.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (_, items) in &mut customers {
        items.sort_by_key(|i| (i.earliest, i.latest));
    }
    // How many of each customer's items are planned already (they are in opening order).
    let mut planned: Vec<usize> = vec![0; customers.len()];
    let mut out = Plan::default();
    let mut bulk_by_day: Vec<(NaiveDate, Vec<DueItem>)> = Vec::new();
    for offset in 0..days {
        let day = add_days(input.today, i64::from(offset));
        let capacity = if offset == 0 { capacity + input.extra_today } else { capacity };
        let mut candidates: Vec<Candidate> = Vec::new();
        for (index, (customer, items)) in customers.iter().enumerate() {
            if offset == 0 && (input.contacted_today)(customer) {
                continue;
            }
            let from = planned[index];
            let open = items[from..].iter().take_while(|i| i.earliest <= day).count();
            if open == 0 {
                continue;
            }
            let chosen: Vec<&DueItem> = items[from..from + open].to_vec();
            let (score, why) = score(&chosen, day, (input.value)(customer), &input.settings.weights);
            let opened = chosen.iter().map(|i| i.earliest).min().unwrap_or(day);
            candidates.push(Candidate { customer, items: chosen, score, why, opened });
        }
        // The most important first; ties: the longest open, then the customer id. Only the
        // `capacity` planned are put in order: of the rest (tens of thousands in a large book,
        // every day of the plan) only how many wait, and which close, counts.
        let order = |a: &Candidate, b: &Candidate| {
            b.score.cmp(&a.score).then(a.opened.cmp(&b.opened)).then(a.customer.cmp(b.customer))
        };
        if candidates.len() > capacity {
            candidates.select_nth_unstable_by(capacity, order);
        }
        let first = capacity.min(candidates.len());
        candidates[..first].sort_unstable_by(order);
        let mut today_cards = Vec::with_capacity(capacity.min(candidates.len()));
        for (rank, c) in candidates.into_iter().enumerate() {
            if rank < capacity {
                if let Ok(i) = customers.binary_search_by(|(id, _)| (*id).cmp(c.customer)) {
                    planned[i] += c.items.len();
                }
                today_cards.push(card(c, day));
            } else {
                // Its window closes this day and there is no room: flagged before it is missed
                // (today's too, unless pulled in).
                let closing = closes(&c.items).is_some_and(|end| end <= day);
                if offset == 0 {
                    out.waiting += 1;
                } else if closing && let Ok(i) = customers.binary_search_by(|(id, _)| (*id).cmp(c.customer)) {
                    planned[i] += c.items.len();
                }
                if closing {
                    out.at_risk += 1;
                }
            }
        }
        // A greeting goes with the call when the customer is called that day anyway.
        let mut sent: Vec<DueItem> = Vec::new();
        for item in bulk.iter().filter(|i| i.earliest <= day && i.latest >= day) {
            match today_cards.iter_mut().find(|c| c.customer_id == item.customer_id) {
                Some(c) if !c.items.iter().any(|i| i.key == item.key) => c.items.push((*item).clone()),
                Some(_) => {}
                None if day == item.earliest.max(input.today) => sent.push((*item).clone()),
                None => {}
            }
        }
        if !sent.is_empty() {
            bulk_by_day.push((day, sent));
        }
        out.days.push((day, today_cards));
    }
    out.bulk = bulk_by_day;
    out
}

/// Each customer's value as the share of the book that spent less over the last year (0 for
/// the lowest, near 1 for the highest): the value part of the order.
pub fn value_shares(customers: &[Customer], today: NaiveDate) -> FastMap<Id, f64> {
    let year_ago = add_days(today, -365);
    let mut spend: Vec<(i64, &str)> = customers
        .iter()
        .map(|c| {
            (
                c.purchases.iter().filter(|p| p.date > year_ago && p.date <= today).map(|p| p.amount.fen()).sum(),
                c.id.as_str(),
            )
        })
        .collect();
    spend.sort_unstable();
    let n = spend.len().max(1) as f64;
    let mut out = FastMap::with_capacity_and_hasher(spend.len(), Default::default());
    let mut below = 0usize;
    let mut i = 0;
    while i < spend.len() {
        let mut j = i;
        while j < spend.len() && spend[j].0 == spend[i].0 {
            j += 1;
        }
        // Customers who spent the same share the same place; nobody who spent nothing ranks.
        let share = if spend[i].0 <= 0 { 0.0 } else { below as f64 / n };
        for (_, id) in &spend[i..j] {
            out.insert(Id::from(*id), share);
        }
        below = j;
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agenda::{ItemStatus, Responsible};
    use crate::domain::customer::Severity;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn item(
        key: &str,
        customer: &str,
        scenario: Scenario,
        reason: DueReason,
        window: (NaiveDate, NaiveDate),
        tier: Tier,
    ) -> DueItem {
        DueItem {
            key: key.into(),
            customer_id: customer.into(),
            scenario,
            reasons: vec![reason],
            earliest: window.0,
            ideal: window.0,
            latest: window.1,
            method: ContactMethod::Phone,
            tier,
            responsible: Responsible::Agent,
            on_site: false,
            status: ItemStatus::Open,
        }
    }

    fn care(customer: &str, from: NaiveDate, tier: Tier) -> DueItem {
        item(
            &format!("care:{customer}"),
            customer,
            Scenario::Care,
            DueReason::Care { last_contact: None },
            (from, add_days(from, 7)),
            tier,
        )
    }

    fn node(customer: &str, window: (NaiveDate, NaiveDate), tier: Tier) -> DueItem {
        let reason = DueReason::PostPurchase {
            purchase_id: "p".into(),
            purchase_date: d(12, 1),
            product: String::new(),
            day: 3,
            carried: vec![],
        };
        item(&format!("pp:{customer}"), customer, Scenario::PostPurchase, reason, window, tier)
    }

    fn complaint(customer: &str, window: (NaiveDate, NaiveDate)) -> DueItem {
        let reason =
            DueReason::ComplaintHandling { complaint_id: "k".into(), raised_on: window.0, severity: Severity::General };
        item(&format!("cmpin:{customer}"), customer, Scenario::ComplaintHandling, reason, window, Tier::Basic)
    }

    fn run(items: &[DueItem], today: NaiveDate, days: u32, capacity: u32) -> Plan {
        let settings = PlanSettings { capacity, ..PlanSettings::default() };
        plan(&PlanInput {
            items,
            today,
            days,
            contacted_today: &|_| false,
            value: &|_| 0.0,
            settings: &settings,
            extra_today: 0,
        })
    }

    #[test]
    fn a_customer_with_several_reasons_gets_one_card_for_one_call() {
        let items = [
            care("c1", d(11, 1), Tier::Gold),
            node("c1", (d(12, 5), d(12, 7)), Tier::Gold),
            complaint("c1", (d(12, 6), d(12, 8))),
        ];
        let p = run(&items, d(12, 7), 1, 40);
        assert_eq!(p.today().len(), 1);
        let c = &p.today()[0];
        assert_eq!(c.items.len(), 3);
        assert_eq!(c.items[0].scenario, Scenario::ComplaintHandling, "the complaint leads");
        assert_eq!(c.key().keys().count(), 3, "one visit ends every item");
    }

    #[test]
    fn a_card_asks_for_the_most_demanding_method_and_the_most_senior_person() {
        let mut greeting = item(
            "hol:c1",
            "c1",
            Scenario::Holiday,
            DueReason::Holiday { name: "中秋".into(), date: d(12, 9) },
            (d(12, 6), d(12, 9)),
            Tier::Gold,
        );
        greeting.method = ContactMethod::Sms;
        let mut major = complaint("c1", (d(12, 7), d(12, 8)));
        major.method = ContactMethod::OnSite;
        major.on_site = true;
        major.responsible = crate::domain::agenda::Responsible::Manager;
        let node = node("c1", (d(12, 5), d(12, 7)), Tier::Gold);
        let p = run(&[greeting, major, node], d(12, 7), 1, 40);
        let one = p.today()[0].as_item();
        assert_eq!(one.scenario, Scenario::ComplaintHandling, "the complaint leads the call");
        assert_eq!(
            (one.method, one.on_site, one.responsible),
            (ContactMethod::OnSite, true, crate::domain::agenda::Responsible::Manager)
        );
        assert_eq!((one.earliest, one.latest), (d(12, 5), d(12, 7)), "from the first opening to the first closing");
        assert_eq!(one.reasons.len(), 3);
    }

    #[test]
    fn complaints_come_first_then_windows_closing_today_then_tier() {
        let items = [
            care("basic", d(11, 1), Tier::Basic),
            care("diamond", d(11, 1), Tier::Diamond),
            node("closing", (d(12, 5), d(12, 7)), Tier::Basic),
            complaint("complaint", (d(12, 7), d(12, 9))),
        ];
        let p = run(&items, d(12, 7), 1, 40);
        let order: Vec<&str> = p.today().iter().map(|c| c.customer_id.as_str()).collect();
        assert_eq!(order, vec!["complaint", "closing", "diamond", "basic"]);
        assert_eq!(p.today()[1].why, vec![Why::ClosesToday]);
    }

    #[test]
    fn today_holds_at_most_the_capacity_and_the_rest_is_planned_into_later_days_within_their_windows() {
        let items: Vec<DueItem> =
            (0..100).map(|i| node(&format!("c{i:03}"), (d(12, 7), d(12, 11)), Tier::Silver)).collect();
        let p = run(&items, d(12, 7), 5, 40);
        assert_eq!(p.today().len(), 40);
        assert_eq!(p.waiting, 60, "what 再加 can pull in");
        let planned: usize = p.days.iter().map(|(_, cards)| cards.len()).sum();
        assert_eq!(planned, 100);
        assert_eq!(p.on(d(12, 9)).len(), 20);
        assert_eq!(p.at_risk, 0);
    }

    #[test]
    fn a_smaller_day_is_the_top_of_a_larger_one_in_the_same_order() {
        let tiers = [Tier::Basic, Tier::Silver, Tier::Gold, Tier::Diamond];
        let items: Vec<DueItem> = (0..60u32)
            .map(|i| {
                let customer = format!("c{:03}", (i * 37) % 60);
                let window = (d(12, 1 + i % 7), d(12, 7 + i % 3));
                if i % 11 == 0 { complaint(&customer, window) } else { node(&customer, window, tiers[i as usize % 4]) }
            })
            .collect();
        let whole = run(&items, d(12, 7), 1, 100);
        assert_eq!(whole.today().len(), 60);
        let order = |p: &Plan| p.today().iter().map(|c| c.customer_id.to_string()).collect::<Vec<_>>();
        for capacity in [1, 7, 20, 59] {
            let part = run(&items, d(12, 7), 1, capacity);
            assert_eq!(order(&part), order(&whole)[..capacity as usize], "capacity {capacity}");
            assert_eq!(part.waiting, 60 - capacity as usize);
        }
    }

    #[test]
    fn what_closes_today_and_does_not_fit_today_waits_and_is_at_risk() {
        let mut items: Vec<DueItem> =
            (0..30).map(|i| node(&format!("c{i:03}"), (d(12, 7), d(12, 7)), Tier::Silver)).collect();
        items.extend((30..35).map(|i| node(&format!("c{i:03}"), (d(12, 7), d(12, 9)), Tier::Basic)));
        let p = run(&items, d(12, 7), 1, 20);
        assert_eq!(p.today().len(), 20);
        assert_eq!(p.waiting, 15, "every customer with work today beyond the twenty");
        assert_eq!(p.at_risk, 10, "the ten whose window closes today; the five others have days left");
    }

    #[test]
    fn what_cannot_fit_before_its_window_closes_is_flagged_before_it_is_missed() {
        let items: Vec<DueItem> =
            (0..50).map(|i| node(&format!("c{i:03}"), (d(12, 7), d(12, 8)), Tier::Silver)).collect();
        let p = run(&items, d(12, 7), 3, 20);
        assert_eq!((p.today().len(), p.on(d(12, 8)).len()), (20, 20));
        assert_eq!(p.at_risk, 10, "ten calls close on 8 December with no room");
        // Taking ten more today leaves room tomorrow for the ones that would have been missed.
        let settings = PlanSettings { capacity: 20, ..PlanSettings::default() };
        let more = plan(&PlanInput {
            items: &items,
            today: d(12, 7),
            days: 3,
            contacted_today: &|_| false,
            value: &|_| 0.0,
            settings: &settings,
            extra_today: 10,
        });
        assert_eq!(more.today().len(), 30);
        assert_eq!(more.at_risk, 0);
    }

    #[test]
    fn a_greeting_goes_out_in_one_go_and_joins_the_call_of_a_customer_called_that_day() {
        let mut greeting = item(
            "hol:c1",
            "c1",
            Scenario::Holiday,
            DueReason::Holiday { name: "@spring_festival".into(), date: d(12, 9) },
            (d(12, 6), d(12, 9)),
            Tier::Basic,
        );
        greeting.method = ContactMethod::Sms;
        let mut other = greeting.clone();
        other.key = "hol:c2".into();
        other.customer_id = "c2".into();
        let items = [greeting, other, node("c1", (d(12, 7), d(12, 8)), Tier::Basic)];
        let p = run(&items, d(12, 7), 1, 40);
        assert_eq!(p.today().len(), 1, "the greetings take no capacity");
        assert_eq!(p.today()[0].items.len(), 2, "c1's greeting rides on the call");
        assert_eq!(p.bulk[0].1.iter().map(|i| i.customer_id.as_str()).collect::<Vec<_>>(), vec!["c2"]);
    }

    #[test]
    fn a_customer_already_contacted_today_waits_for_another_day() {
        let items = [node("c1", (d(12, 7), d(12, 9)), Tier::Gold)];
        let settings = PlanSettings::default();
        let p = plan(&PlanInput {
            items: &items,
            today: d(12, 7),
            days: 2,
            contacted_today: &|c| c == "c1",
            value: &|_| 0.0,
            settings: &settings,
            extra_today: 0,
        });
        assert!(p.today().is_empty());
        assert_eq!(p.on(d(12, 8)).len(), 1);
    }

    #[test]
    fn the_same_book_gives_the_same_plan_whatever_the_order_of_its_items() {
        let mut items: Vec<DueItem> =
            (0..30).map(|i| care(&format!("c{i:02}"), d(11, 1 + i % 20), Tier::ALL[(i % 4) as usize])).collect();
        let a = run(&items, d(12, 7), 3, 10);
        items.reverse();
        let b = run(&items, d(12, 7), 3, 10);
        assert_eq!(a, b);
    }

    #[test]
    fn the_top_spenders_share_is_near_one_and_nobody_who_spent_nothing_ranks() {
        use crate::domain::customer::Purchase;
        use crate::domain::money::Money;
        let customer = |id: &str, yuan: i64| Customer {
            id: id.into(),
            purchases: if yuan > 0 {
                vec![Purchase {
                    id: format!("p{id}").into(),
                    date: d(11, 1),
                    amount: Money::from_yuan(yuan),
                    product: String::new(),
                    note: String::new(),
                }]
            } else {
                vec![]
            },
            ..Customer::default()
        };
        let book = [customer("a", 0), customer("b", 100), customer("c", 100), customer("d", 5000)];
        let v = value_shares(&book, d(12, 7));
        assert_eq!(v["a"], 0.0);
        assert_eq!(v["b"], v["c"]);
        assert_eq!(v["d"], 0.75);
    }

    #[test]
    fn a_book_of_fifty_thousand_customers_still_gives_a_day_of_at_most_the_capacity() {
        let mut items = Vec::with_capacity(60_000);
        for i in 0..50_000u32 {
            let id = format!("c{i:05}");
            items.push(care(&id, d(11, 1 + i % 28), Tier::ALL[(i % 4) as usize]));
            if i % 5 == 0 {
                let mut n = node(&id, (d(12, 7 + i % 5), d(12, 9 + i % 5)), Tier::ALL[(i % 4) as usize]);
                n.key = format!("pp:{id}").into();
                items.push(n);
            }
        }
        let p = run(&items, d(12, 7), 7, 40);
        assert!(p.days.iter().all(|(_, cards)| cards.len() <= 40));
        assert_eq!(p.today().len(), 40);
        let mut seen = std::collections::HashSet::new();
        assert!(p.today().iter().all(|c| seen.insert(c.customer_id.clone())), "one card per customer");
    }
}
