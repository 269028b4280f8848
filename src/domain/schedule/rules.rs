//! The rules, one function each: what falls due for one customer, before merging.

use super::records::AgendaMark;
use super::{
    Campaign, DateRange, HolidayDate, ItemKey, ItemKeyRef, MID_AUTUMN, SPRING_FESTIVAL, ScheduleInput,
    ScheduleSettings, closes,
};
use crate::domain::agenda::{DueItem, DueReason, ItemStatus, LapseCause, Responsible};
use crate::domain::customer::{ContactMethod, Customer, Id, ServiceEventKind, Severity};
use crate::domain::date::{add_months, anniversary_in};
use crate::domain::fast_hash::{FastMap, FastSet};
use crate::domain::lunar;
use crate::domain::scenario::Scenario;
use crate::domain::tier::{NoAnswerAction, Tier, TierSettings};
use crate::domain::visit::{Outcome, Visit};
use chrono::{Datelike, NaiveDate};

/// A safety net for the chained rules (care, complaint rounds): no real history has this many
/// steps, and corrupt data must not loop forever.
const MAX_CHAIN: usize = 2_000;

/// One customer, with what the rules look up about them.
pub(super) struct Cust<'c> {
    pub customer: &'c Customer,
    pub tier: Tier,
    /// Their visits, oldest first.
    pub visits: &'c [&'c Visit],
    /// Whether any of their items carries a mark.
    pub marked: bool,
}

/// One holiday occurrence, computed once for all customers.
struct HolidayOn {
    key: ItemKey,
    name: String,
    date: NaiveDate,
}

pub(super) struct Context<'a> {
    settings: &'a ScheduleSettings,
    tiers: &'a TierSettings,
    tier_of: &'a dyn Fn(&Customer) -> Tier,
    campaigns: &'a [Campaign],
    /// Every visit, grouped by customer (in the order of `customers`) and by time within each.
    visits: Vec<&'a Visit>,
    /// Where each customer's visits start and end in `visits`.
    spans: Vec<(usize, usize)>,
    marks: FastMap<&'a str, &'a AgendaMark>,
    holidays: Vec<HolidayOn>,
    /// Customers with a marked item: a snooze can bring an item from anywhere into the range,
    /// and a skip changes where the care clock restarts.
    marked: FastSet<&'a str>,
    range: DateRange,
    /// The day the statuses are read on: what has lapsed or been superseded by then.
    today: NaiveDate,
    /// The months each customer was picked for quality sampling.
    sampled: FastMap<&'a str, Vec<(i32, u32)>>,
}

/// One rule's key: see [`ItemKey`].
fn key(prefix: &str, parts: &[&str]) -> ItemKey {
    ItemKey::new(prefix, parts)
}

/// The complaint a complaint item's key (its handling or a follow-up round) is about, when the
/// item belongs to `customer_id`.
pub fn complaint_of_key(key: ItemKeyRef, customer_id: &str) -> Option<Id> {
    let parts = key.parts("cmpin").or_else(|| key.parts("cmp"))?;
    match parts.as_slice() {
        [customer, complaint, ..] if customer == customer_id => Some(complaint.as_str().into()),
        _ => None,
    }
}

/// A number as text without the formatting machinery (keys are made by the thousand).
fn digits(mut n: u32, buf: &mut [u8; 10]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).unwrap_or("0")
}

fn days(n: u32) -> i64 {
    i64::from(n)
}

/// `date` plus `n` days (negative: minus). chrono's `Days` arithmetic stays inside the year when
/// it can, several times faster than adding a `Duration`, which the schedule does a few hundred
/// thousand times for a large book.
fn add_days(date: NaiveDate, n: i64) -> NaiveDate {
    let result = if n >= 0 {
        date.checked_add_days(chrono::Days::new(n.unsigned_abs()))
    } else {
        date.checked_sub_days(chrono::Days::new(n.unsigned_abs()))
    };
    result.unwrap_or(date)
}

impl<'a> Context<'a> {
    pub(super) fn new(input: &ScheduleInput<'a>, range: DateRange) -> Context<'a> {
        // A counting sort by customer: one lookup per visit and no list per customer, which
        // matters with tens of thousands of visits.
        let index: FastMap<&str, usize> = input.customers.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
        let owners: Vec<Option<usize>> =
            input.visits.iter().map(|v| index.get(v.customer_id.as_str()).copied()).collect();
        let mut spans = vec![(0usize, 0usize); input.customers.len()];
        for owner in owners.iter().flatten() {
            spans[*owner].1 += 1;
        }
        let mut start = 0;
        for span in &mut spans {
            let count = span.1;
            *span = (start, start);
            start += count;
        }
        let mut visits: Vec<&Visit> = Vec::with_capacity(start);
        let mut slots: Vec<Option<&Visit>> = vec![None; start];
        for (visit, owner) in input.visits.iter().zip(&owners) {
            if let Some(owner) = owner {
                let span = &mut spans[*owner];
                slots[span.1] = Some(visit);
                span.1 += 1;
            }
        }
        visits.extend(slots.into_iter().flatten());
        for &(from, to) in &spans {
            visits[from..to].sort_by_key(|v| v.at);
        }
        let mut marks: FastMap<&str, &AgendaMark> = FastMap::default();
        let mut marked = FastSet::default();
        for mark in input.marks {
            marked.insert(mark.customer_id.as_str());
            for key in mark.id.keys() {
                let newer = marks.get(key.as_str()).is_none_or(|m| m.updated_at <= mark.updated_at);
                if newer {
                    marks.insert(key.as_str(), mark);
                }
            }
        }
        // Items are made for a wider span than asked: an item that overlaps the range may merge
        // with one that does not, and the merged key should be the same whatever the range. Wide
        // campaign windows are left out of the margin (it would double the work for every
        // customer); at worst such an item merges differently at a range's edge, and since marks
        // and visits apply to each rule's own key (`MergedKey::keys`), nothing is lost either way.
        let margin = days(widest_window(input.settings)) + 1;
        let range = DateRange::new(add_days(range.from, -margin), add_days(range.to, margin));
        let sampled = super::sampling::sample(input, range);
        Context {
            settings: input.settings,
            tiers: input.tiers,
            tier_of: input.tier_of,
            campaigns: input.campaigns,
            visits,
            spans,
            marks,
            holidays: holidays_around(input.settings, range),
            marked,
            range,
            today: input.today,
            sampled,
        }
    }

    /// Whether an item that opens on `earliest` and can stay open until `live_until` (`None`: it
    /// never lapses) can show in (or merge into) the range. Items that cannot are not built at
    /// all: most of a long history lies outside a few months' agenda, and this keeps 5,000
    /// customers well inside a frame.
    fn shown(&self, c: &Cust, earliest: NaiveDate, live_until: Option<NaiveDate>) -> bool {
        (earliest <= self.range.to && live_until.is_none_or(|end| end >= self.range.from)) || c.marked
    }

    /// The last day an item with this window and grace period can still be open.
    fn live_until(latest: NaiveDate, grace: Option<u32>) -> Option<NaiveDate> {
        grace.map(|g| add_days(latest, days(g)))
    }

    /// What the rules need to know about one customer, looked up once.
    /// `index` is the customer's place in the input's `customers`.
    pub(super) fn customer<'c>(&'c self, index: usize, customer: &'c Customer) -> Cust<'c> {
        let (from, to) = self.spans.get(index).copied().unwrap_or((0, 0));
        Cust {
            customer,
            tier: (self.tier_of)(customer),
            visits: self.visits.get(from..to).unwrap_or(&[]),
            marked: self.marked.contains(customer.id.as_str()),
        }
    }

    /// Every item of one customer, each with its marks and status applied.
    pub(super) fn customer_items(&self, c: &Cust, out: &mut Vec<DueItem>) {
        let customer = c.customer;
        let start = out.len();
        self.activation(c, out);
        self.service_events(c, out);
        self.birthdays(c, out);
        self.holidays(c, out);
        self.campaigns(c, out);
        self.no_answer(c, out);
        self.sampling(c, out);
        // The chained rules resolve and settle their items as they go; the others are done here.
        let chained = out.len();
        for item in &mut out[start..chained] {
            if item.is_open() {
                self.resolve(c, item);
                self.settle(c, item);
            }
        }
        self.post_purchase(c, out);
        self.complaints(c, out);
        self.care(c, out);
        // Nothing before the customer existed.
        let born = customer.registered_on;
        out.retain_mut(|item| {
            if item.latest < born {
                return false;
            }
            item.earliest = item.earliest.max(born);
            item.ideal = item.ideal.clamp(item.earliest, item.latest);
            true
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn item(
        &self,
        customer: &Customer,
        tier: Tier,
        key: ItemKey,
        scenario: Scenario,
        reason: DueReason,
        earliest: NaiveDate,
        latest: NaiveDate,
        method: ContactMethod,
    ) -> DueItem {
        DueItem {
            key: key.into(),
            customer_id: customer.id.clone(),
            scenario,
            reasons: vec![reason],
            earliest,
            ideal: earliest,
            latest: latest.max(earliest),
            method: customer_method(customer, method),
            tier,
            responsible: Responsible::Agent,
            on_site: false,
            status: ItemStatus::Open,
        }
    }

    /// Applies the user's mark (snooze, method, skip) and finds the visit that completed the item.
    pub(super) fn resolve(&self, c: &Cust, item: &mut DueItem) {
        if c.marked {
            self.apply_mark(item);
        }
        if let Some(visit) = completing_visit(c.visits, item) {
            item.status = ItemStatus::Done { visit_id: visit.id.clone(), on: visit.at.date() };
        }
    }

    fn apply_mark(&self, item: &mut DueItem) {
        let Some(mark) = self.marks.get(item.key.as_str()) else { return };
        if let Some(to) = mark.snoozed_to {
            let width = item.latest - item.earliest;
            item.earliest = to;
            item.ideal = to;
            item.latest = to + width;
        }
        if let Some(method) = mark.method {
            item.method = method;
        }
        if let Some(skip) = &mark.skipped {
            item.status = ItemStatus::Skipped { reason: skip.reason.clone(), on: skip.on };
        }
    }

    /// How many days of grace an item of this kind has once its window closed, before it lapses;
    /// `None` when it never lapses (DOMAIN.md "The life of a follow-up item"). Post-purchase
    /// nodes before the last and periodic care end differently: the next one supersedes them.
    fn grace(&self, item: &DueItem) -> Option<u32> {
        let s = self.settings;
        let greeting = matches!(item.scenario, Scenario::Birthday | Scenario::Holiday | Scenario::Campaign);
        match item.reasons.first() {
            // A greeting is never sent late, whoever planned it.
            _ if greeting => Some(0),
            Some(DueReason::Activation { .. }) => Some(s.activation_grace_days),
            Some(DueReason::PostPurchase { .. }) => Some(s.purchase_grace_days),
            Some(DueReason::AfterService { .. }) => Some(s.service_grace_days),
            Some(DueReason::QualitySampling { .. } | DueReason::SmsCare { .. } | DueReason::IntentionCheck { .. }) => {
                Some(s.other_grace_days)
            }
            // Complaints, incidents, escalations, feedback deadlines and telling the customer a
            // problem is solved stay until done; so does a visit the agent planned, and care
            // (which rolls forward instead).
            _ => None,
        }
    }

    /// Ends an open item whose time has passed on `today`: new-customer activation once the
    /// customer was reached for any reason; an earlier post-purchase node once the next one has
    /// opened; anything else with a grace period once it is over.
    pub(super) fn settle(&self, c: &Cust, item: &mut DueItem) {
        if !item.is_open() {
            return;
        }
        match item.reasons.first() {
            Some(DueReason::Activation { anchor }) if item.scenario == Scenario::Activation => {
                let reached =
                    c.visits.iter().find(|v| closes(v.outcome) && v.at.date() >= *anchor && v.at.date() <= self.today);
                if let Some(v) = reached {
                    item.status =
                        ItemStatus::Lapsed { on: v.at.date(), cause: LapseCause::Reached { visit_id: v.id.clone() } };
                    return;
                }
            }
            Some(DueReason::PostPurchase { purchase_id, purchase_date, day, .. })
                if item.scenario == Scenario::PostPurchase =>
            {
                // Superseded when the next node opens within this one's grace period; otherwise
                // it lapses like the last node (a week-one call is stale by week four).
                let lapses = add_days(item.latest, days(self.settings.purchase_grace_days) + 1);
                if let Some(next) = self.next_node(*day) {
                    let opens = add_days(*purchase_date, days(next));
                    if opens <= self.today && opens <= lapses {
                        let by = key("pp", &[&c.customer.id, purchase_id, digits(next, &mut [0; 10])]);
                        item.status = ItemStatus::Superseded { by, on: opens };
                        return;
                    }
                }
            }
            _ => {}
        }
        if let Some(grace) = self.grace(item) {
            let lapses = add_days(item.latest, days(grace) + 1);
            if lapses <= self.today {
                item.status = ItemStatus::Lapsed { on: lapses, cause: LapseCause::Expired };
            }
        }
    }

    /// The day of the post-purchase node after the node of day `day`, if there is one.
    fn next_node(&self, day: u32) -> Option<u32> {
        self.settings.purchase_nodes.iter().map(|n| n.day).filter(|d| *d > day).min()
    }

    /// 新客户激活: 7–15 days after the first purchase or registration, whichever came first.
    fn activation(&self, c: &Cust, out: &mut Vec<DueItem>) {
        let (customer, tier) = (c.customer, c.tier);
        let first_purchase = customer.purchases.iter().map(|p| p.date).min();
        let anchor = first_purchase.map_or(customer.registered_on, |p| p.min(customer.registered_on));
        let w = self.settings.activation.normalized();
        let (earliest, latest) = (add_days(anchor, days(w.from)), add_days(anchor, days(w.to)));
        if !self.shown(c, earliest, Self::live_until(latest, Some(self.settings.activation_grace_days))) {
            return;
        }
        out.push(self.item(
            customer,
            tier,
            key("act", &[&customer.id]),
            Scenario::Activation,
            DueReason::Activation { anchor },
            earliest,
            latest,
            self.settings.activation_method,
        ));
    }

    /// 购买后关键节点: each node after each purchase. A node nobody called is superseded by the
    /// next node of the same purchase when that one opens within its grace period, and that call
    /// carries its questions; otherwise (and the last node always) it lapses after its window and
    /// grace period.
    fn post_purchase(&self, c: &Cust, out: &mut Vec<DueItem>) {
        let (customer, tier) = (c.customer, c.tier);
        let nodes = &self.settings.purchase_nodes;
        let (Some(first_day), Some(last)) = (nodes.iter().map(|n| n.day).min(), nodes.iter().max_by_key(|n| n.day))
        else {
            return;
        };
        // Day numbers first: most purchases of a long history have no node near the range.
        let (from, to) = (self.range.from.num_days_from_ce(), self.range.to.num_days_from_ce());
        let reach = last.day.saturating_add(last.window_days).saturating_add(self.settings.purchase_grace_days);
        let offset = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
        let mut own: Vec<DueItem> = Vec::new();
        for purchase in &customer.purchases {
            let bought = purchase.date.num_days_from_ce();
            if !(c.marked
                || (bought.saturating_add(offset(first_day)) <= to && bought.saturating_add(offset(reach)) >= from))
            {
                continue;
            }
            own.clear();
            let mut order: Vec<&super::PurchaseNode> = nodes.iter().collect();
            order.sort_by_key(|n| n.day);
            order.dedup_by_key(|n| n.day);
            for node in order {
                let earliest = add_days(purchase.date, days(node.day));
                let mut item = self.item(
                    customer,
                    tier,
                    key("pp", &[&customer.id, &purchase.id, digits(node.day, &mut [0; 10])]),
                    Scenario::PostPurchase,
                    DueReason::PostPurchase {
                        purchase_id: purchase.id.clone(),
                        purchase_date: purchase.date,
                        product: purchase.product.clone(),
                        day: node.day,
                        carried: Vec::new(),
                    },
                    earliest,
                    add_days(earliest, days(node.window_days)),
                    node.method,
                );
                self.resolve(c, &mut item);
                self.settle(c, &mut item);
                // The questions of the nodes nobody called before this one.
                let carried: Vec<u32> = own
                    .iter()
                    .rev()
                    .take_while(|before| matches!(before.status, ItemStatus::Superseded { .. }))
                    .filter_map(|before| match before.reasons.first() {
                        Some(DueReason::PostPurchase { day, .. }) => Some(*day),
                        _ => None,
                    })
                    .collect();
                if let Some(DueReason::PostPurchase { carried: mine, .. }) = item.reasons.first_mut() {
                    *mine = carried.into_iter().rev().collect();
                }
                own.push(item);
            }
            out.append(&mut own);
        }
    }

    /// 服务后回访 (1–3 days) and 重大事故回访 (as soon as possible, on site).
    fn service_events(&self, c: &Cust, out: &mut Vec<DueItem>) {
        let (customer, tier) = (c.customer, c.tier);
        for event in &customer.events {
            match event.kind {
                ServiceEventKind::ServiceDone | ServiceEventKind::RepairDone => {
                    let w = self.settings.after_service.normalized();
                    let (earliest, latest) = (add_days(event.date, days(w.from)), add_days(event.date, days(w.to)));
                    if !self.shown(c, earliest, Self::live_until(latest, Some(self.settings.service_grace_days))) {
                        continue;
                    }
                    out.push(self.item(
                        customer,
                        tier,
                        key("svc", &[&customer.id, &event.id]),
                        Scenario::AfterService,
                        DueReason::AfterService { event_id: event.id.clone(), date: event.date },
                        earliest,
                        latest,
                        ContactMethod::Phone,
                    ));
                }
                ServiceEventKind::IncidentHandled => {
                    let w = self.settings.incident.normalized();
                    let (earliest, latest) = (add_days(event.date, days(w.from)), add_days(event.date, days(w.to)));
                    // An incident visit never lapses.
                    if !self.shown(c, earliest, None) {
                        continue;
                    }
                    let mut item = self.item(
                        customer,
                        tier,
                        key("inc", &[&customer.id, &event.id]),
                        Scenario::Incident,
                        DueReason::Incident { event_id: event.id.clone(), date: event.date },
                        earliest,
                        latest,
                        ContactMethod::OnSite,
                    );
                    // An incident is serious by nature: whoever handles major complaints goes.
                    item.responsible = self.settings.severity_rule(Severity::Major).responsible;
                    item.method = ContactMethod::OnSite;
                    item.on_site = true;
                    out.push(item);
                }
                _ => {}
            }
        }
    }

    /// 投诉跟进 and 投诉回访. From the moment a complaint is raised: contact the customer within
    /// 24–48 hours to acknowledge it and confirm the facts (the handling item, which the
    /// follow-up supersedes once the complaint is resolved). Once resolved: a follow-up 24–48
    /// hours later, then again every few days after the last one until the customer confirms it
    /// is settled (on a visit, or a "settled" event). Severity decides who goes and whether on
    /// site; a major complaint stays on site for every round unless the user turned that off.
    /// None of these items lapses.
    fn complaints(&self, c: &Cust, out: &mut Vec<DueItem>) {
        let (customer, tier) = (c.customer, c.tier);
        for raised in &customer.events {
            let ServiceEventKind::ComplaintRaised { severity } = raised.kind else { continue };
            let complaint = &raised.id;
            let rule = self.settings.severity_rule(severity);
            let resolved = customer
                .events
                .iter()
                .find(|e| matches!(&e.kind, ServiceEventKind::ComplaintResolved { complaint: k } if k == complaint));
            let settled_on = settled_on(customer, c.visits, complaint);

            // Handling: open from the report until someone reaches the customer about it.
            let w = self.settings.complaint_handling.normalized();
            let (earliest, latest) = (add_days(raised.date, days(w.from)), add_days(raised.date, days(w.to)));
            let ends = [resolved.map(|e| e.date), settled_on].into_iter().flatten().min();
            if self.shown(c, earliest, ends) {
                let mut item = self.item(
                    customer,
                    tier,
                    key("cmpin", &[&customer.id, complaint]),
                    Scenario::ComplaintHandling,
                    DueReason::ComplaintHandling { complaint_id: complaint.clone(), raised_on: raised.date, severity },
                    earliest,
                    latest,
                    ContactMethod::Phone,
                );
                item.responsible = rule.responsible;
                item.on_site = rule.on_site;
                if rule.on_site {
                    item.method = ContactMethod::OnSite;
                }
                self.resolve(c, &mut item);
                if item.is_open() {
                    match (resolved, settled_on) {
                        (_, Some(on)) if on <= self.today && resolved.is_none_or(|r| on < r.date) => {
                            item.status = ItemStatus::Lapsed { on, cause: LapseCause::Settled };
                        }
                        (Some(r), _) if r.date <= self.today => {
                            let by = key("cmp", &[&customer.id, complaint, "1"]);
                            item.status = ItemStatus::Superseded { by, on: r.date };
                        }
                        _ => {}
                    }
                }
                out.push(item);
            }

            let Some(resolved) = resolved else { continue };
            let first = self.settings.complaint_first.normalized();
            let mut earliest = add_days(resolved.date, days(first.from));
            let mut latest = add_days(resolved.date, days(first.to));
            for round in 1..=MAX_CHAIN as u32 {
                if earliest > self.range.to || settled_on.is_some_and(|s| s < earliest) {
                    break;
                }
                let on_site = rule.on_site && (round == 1 || rule.on_site_every_round);
                let mut item = self.item(
                    customer,
                    tier,
                    key("cmp", &[&customer.id, complaint, digits(round, &mut [0; 10])]),
                    Scenario::ComplaintFollowUp,
                    DueReason::ComplaintFollowUp {
                        complaint_id: complaint.clone(),
                        resolved_on: resolved.date,
                        severity,
                        round,
                    },
                    earliest,
                    latest,
                    if on_site { ContactMethod::OnSite } else { ContactMethod::Phone },
                );
                item.responsible = rule.responsible;
                item.on_site = on_site;
                if on_site {
                    item.method = ContactMethod::OnSite;
                }
                self.resolve(c, &mut item);
                let next_from = match &item.status {
                    ItemStatus::Done { visit_id, on } => {
                        let settled = c.visits.iter().any(|v| v.id == *visit_id && v.complaint_settled);
                        if settled { None } else { Some(*on) }
                    }
                    // The user decided this complaint needs no more calls.
                    ItemStatus::Skipped { .. } => None,
                    // Settled elsewhere (an event) while this round was open: nothing more to do.
                    ItemStatus::Open if settled_on.is_some() => break,
                    ItemStatus::Open | ItemStatus::Superseded { .. } | ItemStatus::Lapsed { .. } => None,
                };
                out.push(item);
                let Some(from) = next_from else { break };
                earliest = add_days(from, days(self.settings.complaint_repeat_days));
                latest = add_days(earliest, days(self.settings.complaint_repeat_window_days));
            }
        }
    }

    /// 老客户维护: for customers of more than three months, one visit per tier cadence, counted
    /// from the last real contact (or from registration or the first purchase when nobody has
    /// reached them yet). A contact before the date resets the clock (the item never falls due);
    /// one on or after it completes the item. Care never lapses, it rolls forward: an item nobody
    /// did stays open (late) until the next one falls due a cadence later and supersedes it, so
    /// every contactable customer always has a care item at their tier's pace.
    fn care(&self, c: &Cust, out: &mut Vec<DueItem>) {
        let (customer, tier) = (c.customer, c.tier);
        if customer.periodic_paused {
            return;
        }
        let cadence = self.tiers.strategy(tier).cadence;
        let since = customer
            .purchases
            .iter()
            .map(|p| p.date)
            .min()
            .map_or(customer.registered_on, |p| p.min(customer.registered_on));
        let eligible = add_months(since, self.settings.care_after_months);
        let contacts = || c.visits.iter().filter(|v| closes(v.outcome));
        let mut anchor = since;
        let mut last_contact = None;
        for _ in 0..MAX_CHAIN {
            let due = cadence.after(anchor).max(eligible);
            if due > self.range.to {
                break;
            }
            // Where this item is superseded if nobody does it.
            let next_due = cadence.after(due).max(eligible).max(add_days(due, 1));
            let latest = add_days(due, days(self.settings.care_window_days)).min(add_days(next_due, -1)).max(due);
            let contact = contacts().find(|v| v.at.date() > anchor);
            // The next one has fallen due: by the calendar, or because a later contact shows
            // that time has passed it.
            let overtaken = next_due <= self.today || contact.is_some_and(|v| v.at.date() >= next_due);
            if !self.shown(c, due, Some(add_days(next_due, -1))) {
                // Long before the range: only the clock matters.
                match contact {
                    Some(v) if v.at.date() < next_due => {
                        anchor = v.at.date();
                        last_contact = Some(anchor);
                    }
                    _ if overtaken => anchor = due,
                    _ => break,
                }
                continue;
            }
            let mut item = self.item(
                customer,
                tier,
                key("care", &[&customer.id, &super::iso_day(anchor)]),
                Scenario::Care,
                DueReason::Care { last_contact },
                due,
                latest,
                self.settings.care_method,
            );
            if c.marked {
                self.apply_mark(&mut item);
            }
            let skipped_on = match &item.status {
                ItemStatus::Skipped { on, .. } => Some(*on),
                _ => None,
            };
            // A skip counts like a contact on its day: the clock restarts from there.
            let contact = contact.filter(|v| skipped_on.is_none_or(|s| v.at.date() <= s) && v.at.date() < next_due);
            let next_anchor = if let Some(v) = contact {
                let on = v.at.date();
                if on >= item.earliest.min(due) {
                    item.status = ItemStatus::Done { visit_id: v.id.clone(), on };
                    out.push(item);
                }
                last_contact = Some(on);
                on
            } else if let Some(on) = skipped_on {
                out.push(item);
                on
            } else {
                // Nobody did it: once the next one falls due it takes over; until then it stays
                // open, and the ones after it are the plan.
                if overtaken {
                    let by = key("care", &[&customer.id, &super::iso_day(due)]);
                    item.status = ItemStatus::Superseded { by, on: next_due };
                }
                out.push(item);
                due
            };
            if next_anchor <= anchor {
                break;
            }
            anchor = next_anchor;
        }
    }

    /// 生日关怀: a few days before the birthday, by the lunar calendar if the customer keeps it.
    fn birthdays(&self, c: &Cust, out: &mut Vec<DueItem>) {
        let (customer, tier) = (c.customer, c.tier);
        let Some(birthday) = customer.birthday else { return };
        let lunar_birth = if birthday.lunar { lunar::to_lunar(birthday.date) } else { None };
        for year in self.range.from.year() - 1..=self.range.to.year() + 1 {
            let date = match lunar_birth {
                Some(born) => lunar::anniversary(year, born.month, born.day),
                None => anniversary_in(birthday.date, year),
            };
            let Some(date) = date.filter(|d| *d > birthday.date) else { continue };
            let earliest = add_days(date, -days(self.settings.birthday_lead_days));
            if !self.shown(c, earliest, Some(date)) {
                continue;
            }
            out.push(self.item(
                customer,
                tier,
                key("bday", &[&customer.id, digits(year.unsigned_abs(), &mut [0; 10])]),
                Scenario::Birthday,
                DueReason::Birthday { date, lunar: lunar_birth.is_some() },
                earliest,
                date,
                self.settings.birthday_method,
            ));
        }
    }

    /// 节日关怀: a few days before Spring Festival, Mid-Autumn and the user's own holidays.
    fn holidays(&self, c: &Cust, out: &mut Vec<DueItem>) {
        let (customer, tier) = (c.customer, c.tier);
        for holiday in &self.holidays {
            let earliest = add_days(holiday.date, -days(self.settings.holiday_lead_days));
            if !self.shown(c, earliest, Some(holiday.date)) {
                continue;
            }
            out.push(self.item(
                customer,
                tier,
                key("hol", &[&customer.id]).nested(&holiday.key),
                Scenario::Holiday,
                DueReason::Holiday { name: holiday.name.clone(), date: holiday.date },
                earliest,
                holiday.date,
                self.settings.holiday_method,
            ));
        }
    }

    /// 产品/服务升级通知: every customer of a campaign's segment, within its dates.
    fn campaigns(&self, c: &Cust, out: &mut Vec<DueItem>) {
        let (customer, tier) = (c.customer, c.tier);
        for campaign in self.campaigns {
            if !self.shown(c, campaign.start, Some(campaign.end)) || !campaign.segment.contains(customer, tier) {
                continue;
            }
            out.push(self.item(
                customer,
                tier,
                key("camp", &[&customer.id, &campaign.id]),
                Scenario::Campaign,
                DueReason::Campaign { campaign_id: campaign.id.clone(), name: campaign.name.clone() },
                campaign.start,
                campaign.end,
                campaign.method,
            ));
        }
    }

    /// 日常抽样回访: the months this customer was picked for (see `sampling`), in the first days
    /// of the month after.
    fn sampling(&self, c: &Cust, out: &mut Vec<DueItem>) {
        let Some(months) = self.sampled.get(c.customer.id.as_str()) else { return };
        let s = self.settings;
        for &(year, month) in months {
            let Some(earliest) = super::sampling::month_after(year, month) else { continue };
            let latest = add_days(earliest, days(s.sampling.window_days));
            if !self.shown(c, earliest, Self::live_until(latest, Some(s.other_grace_days))) {
                continue;
            }
            let mut month_key = [0u8; 10];
            let month_text = digits(month, &mut month_key).to_string();
            out.push(self.item(
                c.customer,
                c.tier,
                key("qs", &[&c.customer.id, digits(year.unsigned_abs(), &mut [0; 10]), &month_text]),
                Scenario::QualitySampling,
                DueReason::QualitySampling { year, month },
                earliest,
                latest,
                ContactMethod::Phone,
            ));
        }
    }

    /// Unanswered calls (DOMAIN.md "Tiers", last column): Diamond, an escalation item to a
    /// specialist; Gold, an SMS care item. Silver's demotion and Basic's pause change the
    /// customer instead ([`super::no_answer_effect`]).
    fn no_answer(&self, c: &Cust, out: &mut Vec<DueItem>) {
        let (customer, tier) = (c.customer, c.tier);
        let rule = self.tiers.strategy(tier).no_answer;
        for (count, visit) in super::ladder_steps(c.visits.iter().copied(), rule.in_a_row) {
            let on = visit.at.date();
            let (key, scenario, reason, method, responsible, grace) = match rule.action {
                NoAnswerAction::HandToSpecialist => (
                    key("esc", &[&customer.id, &visit.id]),
                    Scenario::Escalation,
                    DueReason::Escalation { unanswered: count },
                    ContactMethod::Phone,
                    Responsible::Specialist,
                    None,
                ),
                NoAnswerAction::SmsCare => (
                    key("smscare", &[&customer.id, &visit.id]),
                    Scenario::SmsCare,
                    DueReason::SmsCare { visit_id: visit.id.clone() },
                    ContactMethod::Sms,
                    Responsible::Agent,
                    Some(self.settings.other_grace_days),
                ),
                NoAnswerAction::DemoteToBasic | NoAnswerAction::StopPeriodic => continue,
            };
            if !self.shown(c, on, Self::live_until(add_days(on, 1), grace)) {
                continue;
            }
            let mut item = self.item(customer, tier, key, scenario, reason, on, add_days(on, 1), method);
            item.method = method;
            item.responsible = responsible;
            out.push(item);
        }
    }
}

/// The day the customer confirmed the complaint `complaint` is settled: a "settled" event, or a
/// visit about this complaint (its handling or a follow-up round) that records it.
fn settled_on(customer: &Customer, visits: &[&Visit], complaint: &str) -> Option<NaiveDate> {
    let by_event = customer
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            ServiceEventKind::ComplaintSettled { complaint: k } if k == complaint => Some(e.date),
            _ => None,
        })
        .min();
    let handling = key("cmpin", &[&customer.id, complaint]);
    let rounds = key("cmp", &[&customer.id, complaint]);
    let by_visit = visits
        .iter()
        .filter(|v| v.complaint_settled && v.outcome == Outcome::Reached)
        .filter(|v| v.item_key.as_ref().is_some_and(|k| k.keys().any(|k| k == handling || k.extends(&rounds))))
        .map(|v| v.at.date())
        .min();
    by_event.into_iter().chain(by_visit).min()
}

/// The complaints of `customer` that are not settled yet, oldest first: the customer carries an
/// open-complaint flag until the customer confirms each one is settled. `visits` may be the
/// whole book's.
pub fn unsettled_complaints<'c>(
    customer: &'c Customer,
    visits: &[Visit],
) -> Vec<&'c crate::domain::customer::ServiceEvent> {
    let own: Vec<&Visit> = visits.iter().filter(|v| v.customer_id == customer.id).collect();
    let mut open: Vec<&crate::domain::customer::ServiceEvent> = customer
        .events
        .iter()
        .filter(|e| matches!(e.kind, ServiceEventKind::ComplaintRaised { .. }))
        .filter(|e| settled_on(customer, &own, &e.id).is_none())
        .collect();
    open.sort_by_key(|e| e.date);
    open
}

/// The first visit that ends this item: one started from it (its key names this item), or
/// one of the same kind made inside the window without starting from the agenda.
fn completing_visit<'v>(visits: &[&'v Visit], item: &DueItem) -> Option<&'v Visit> {
    visits.iter().copied().find(|v| {
        if !closes(v.outcome) {
            return false;
        }
        match &v.item_key {
            Some(key) => key.names(item.key.as_item_key()),
            None => {
                let on = v.at.date();
                match item.scenario {
                    Scenario::Escalation => on >= item.earliest,
                    Scenario::SmsCare => on >= item.earliest && v.method == ContactMethod::Sms,
                    _ => v.scenario == item.scenario && on >= item.earliest && on <= item.latest,
                }
            }
        }
    })
}

/// The customer's preferred method replaces a phone call or a message of the same weight; an
/// on-site visit stays on site.
fn customer_method(customer: &Customer, suggested: ContactMethod) -> ContactMethod {
    match (customer.preferred_method, suggested) {
        (_, ContactMethod::OnSite) => ContactMethod::OnSite,
        (Some(ContactMethod::WeChat), ContactMethod::Sms) => ContactMethod::WeChat,
        (Some(ContactMethod::Email), ContactMethod::Sms) => ContactMethod::Email,
        _ => suggested,
    }
}

/// The longest window a rule of the settings can make, in days (capped: a number typed wrong
/// must not make every computation look at years).
fn widest_window(settings: &ScheduleSettings) -> u32 {
    let span = |w: super::DayWindow| w.to.saturating_sub(w.from);
    let nodes = settings.purchase_nodes.iter().map(|n| n.window_days).max().unwrap_or(0);
    [
        span(settings.activation),
        span(settings.after_service),
        span(settings.complaint_first),
        settings.complaint_repeat_window_days,
        span(settings.incident),
        settings.care_window_days,
        settings.birthday_lead_days,
        settings.holiday_lead_days,
        nodes,
    ]
    .into_iter()
    .max()
    .unwrap_or(0)
    .min(400)
}

/// Every holiday occurrence near the range (a year on each side, so that a window opening before
/// New Year is still found).
fn holidays_around(settings: &ScheduleSettings, range: DateRange) -> Vec<HolidayOn> {
    let mut list = Vec::new();
    for year in range.from.year() - 1..=range.to.year() + 1 {
        if let Some(date) = lunar::spring_festival(year).filter(|_| settings.spring_festival) {
            list.push(HolidayOn {
                key: key("spring_festival", &[&year.to_string()]),
                name: SPRING_FESTIVAL.into(),
                date,
            });
        }
        if let Some(date) = lunar::mid_autumn(year).filter(|_| settings.mid_autumn) {
            list.push(HolidayOn { key: key("mid_autumn", &[&year.to_string()]), name: MID_AUTUMN.into(), date });
        }
        for holiday in &settings.holidays {
            let date = match holiday.date {
                HolidayDate::Gregorian { month, day } => {
                    NaiveDate::from_ymd_opt(2000, month, day).and_then(|d| anniversary_in(d, year))
                }
                HolidayDate::Lunar { month, day } => lunar::anniversary(year, month, day),
            };
            if let Some(date) = date {
                list.push(HolidayOn {
                    key: key("h", &[&holiday.id, digits(year.unsigned_abs(), &mut [0; 10])]),
                    name: holiday.name.clone(),
                    date,
                });
            }
        }
    }
    list
}
