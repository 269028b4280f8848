//! Which tier a customer is in, and why (DOMAIN.md "Tiers": four dimensions, four tiers,
//! recomputed as data changes, a manual override, a history of every change).
//!
//! Anything that needs a customer's tier calls:
//!
//! ```
//! # use huifang::domain::{customer::Customer, tiering, tier::TierSettings};
//! # let customer = Customer::default();
//! # let visits = Vec::new();
//! # let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 3).unwrap();
//! let tier = tiering::assess(&customer, &visits, &TierSettings::default(), today).effective;
//! ```
//!
//! `visits` may be every visit of the book or only this customer's: only this customer's count.
//! For the whole book at once, [`assess_all`] reads each customer's visits through their grouping by
//! customer ([`ByCustomer`]), the one the app keeps for every page ([`assess_all_with`]).
//!
//! The rules, each number a setting in [`TierSettings`] (`docs/tiers.md` has them with their
//! defaults and the findings on a real ledger that led to them):
//! - **Frequency**: days with a purchase, per month, over the last `frequency_window_months`
//!   months, or since the customer was first seen when that is shorter (at least one month is
//!   assumed, so a customer who bought once yesterday is not "30 purchases a month"). Three
//!   orders on one day are one purchase, as in Reports.
//! - **Spend**: the sum of the orders over the same window. Spend, not the average order: a
//!   customer who bought 36 times for ¥237 brings more than one who bought once for ¥1,000, and
//!   with the average order alone the first was Silver and the best customers of a shop of small
//!   tickets were Basic.
//! - **Activity**: days, among today and the `activity_window_days − 1` days before, on which the
//!   customer engaged: bought something, or talked with us on a visit ([`is_engagement`]).
//!   Complaints, repairs, services, incidents and the calls that follow them up are our work, not
//!   the customer's engagement: counting them made recording a complaint raise a Gold customer
//!   to Diamond. Days, not records: three orders on one day are one active day.
//! - Each of the three scores **up to its full marks, with partial credit** ([`credit`]): all of
//!   them from the high threshold on, half at mid rising linearly in between, and in proportion
//!   below mid (`value / mid` of the half). Full marks are settings: frequency 2, spend 4,
//!   activity 2 by default, so mid spend alone (2) reaches Silver and high spend alone (4) Gold.
//!   A customer just under every threshold scores nearly half of everything, not 0. Activity with
//!   no day in the window keeps credit for the last engaged day, fading to nothing over one more
//!   window (a customer last seen 31 days ago is nearly "one day active", not "nothing").
//! - **Need type** adds `need_points`.
//! - The sum (rounded to 0.01) is compared with `diamond_min_score`, `gold_min_score`,
//!   `silver_min_score`. A customer with no purchase and no engagement for a whole window scores
//!   only their need points: dormant for a year is Basic.
//! - The levels shown (high/mid/low, active/semi-active/dormant) are the thresholds read plainly;
//!   the points are what the tier is computed from.
//! - A manual override wins over the computed tier until it is cleared.
//!
//! [`crate::domain::tier_calibration`] suggests thresholds that fit a book's own distribution.

use crate::domain::customer::{
    ContactMethod, Customer, Id, NeedType, TierChange, TierChangeReason, TierMove, TierOverride,
};
use crate::domain::date::{add_days, days_between};
use crate::domain::money::Money;
use crate::domain::scenario::Scenario;
pub use crate::domain::tier::Level;
use crate::domain::tier::{Tier, TierSettings};
use crate::domain::visit::{ByCustomer, Outcome, Visit};
use chrono::{Months, NaiveDate};
use std::collections::{HashMap, HashSet};

/// Average days in a month, to turn a short observation span into months.
const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

impl Level {
    /// The level of `value` against two thresholds. Nothing at all is low whatever the thresholds.
    fn of(value: f64, mid: f64, high: f64) -> Level {
        if value > 0.0 && value >= high {
            Level::High
        } else if value > 0.0 && value >= mid {
            Level::Mid
        } else {
            Level::Low
        }
    }
}

/// The share of a dimension's full marks that `value` earns, 0 to 1: all from `high` on, half at
/// `mid` rising linearly in between, and in proportion below `mid` (partial credit: just under
/// mid earns nearly half, not nothing).
pub fn credit(value: f64, mid: f64, high: f64) -> f64 {
    if value.is_nan() || value <= 0.0 {
        return 0.0;
    }
    if value >= high {
        1.0
    } else if value >= mid {
        0.5 + 0.5 * (value - mid) / (high - mid)
    } else if mid > 0.0 {
        0.5 * value / mid
    } else {
        0.5
    }
}

/// Whether a visit counts as the customer's own engagement: it reached them, it was a
/// conversation (not a one-way SMS or letter), and it was not about a problem. The calls that
/// follow a complaint, a repair or an incident are ours to make whatever the customer thinks of
/// us; counting them would let a complaint raise a tier. The match is exhaustive so that a new
/// scenario has to be placed on one side.
pub fn is_engagement(v: &Visit) -> bool {
    let conversation = !matches!(v.method, ContactMethod::Sms | ContactMethod::Letter);
    let about_a_problem = match v.scenario {
        Scenario::AfterService
        | Scenario::ComplaintHandling
        | Scenario::ComplaintFollowUp
        | Scenario::Incident
        | Scenario::FeedbackClosure
        | Scenario::FeedbackDue
        | Scenario::SmsCare => true,
        Scenario::Activation
        | Scenario::PostPurchase
        | Scenario::Care
        | Scenario::Birthday
        | Scenario::Holiday
        | Scenario::Campaign
        | Scenario::QualitySampling
        | Scenario::Escalation
        | Scenario::IntentionCheck
        | Scenario::Manual => false,
    };
    v.outcome == Outcome::Reached && conversation && !about_a_problem
}

/// The numbers behind a tier, for the "why" line and the history ("12 个月消费 ¥8,540，每月购买
/// 2.5 次，30 天内有 3 天互动").
#[derive(Debug, Clone, PartialEq)]
pub struct TierFacts {
    /// The window of frequency and spend, in months (the setting when the assessment was made).
    pub window_months: u32,
    /// Distinct days with a purchase in the window.
    pub purchase_days: u32,
    /// Orders in the window (several may fall on one day).
    pub orders: u32,
    /// The span the frequency was measured over, in months (1 to `window_months`).
    pub months_observed: f64,
    /// Purchase days per month.
    pub purchases_per_month: f64,
    /// What the orders of the window add up to.
    pub spend: Money,
    /// `None` when there was no order in the window.
    pub average_order: Option<Money>,
    /// The activity window, in days.
    pub activity_window_days: u32,
    /// Distinct days of engagement in the activity window.
    pub active_days: u32,
    /// The latest day the customer bought or talked with us, up to today.
    pub last_engagement: Option<NaiveDate>,
    /// The latest purchase, service event or reached visit up to today, in the window or not:
    /// the customer list's "last contact".
    pub last_interaction: Option<NaiveDate>,
}

/// The points each dimension scored (0 to its full marks) and the need type's points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Points {
    pub frequency: f64,
    pub spend: f64,
    pub activity: f64,
    pub need: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TierAssessment {
    /// What the data and the thresholds say.
    pub computed: Tier,
    /// What the customer is treated as: the override when there is one, else `computed`.
    pub effective: Tier,
    pub overridden: bool,
    /// The sum of the points, rounded to 0.01.
    pub score: f64,
    pub frequency: Level,
    pub spend: Level,
    pub activity: Level,
    pub need: NeedType,
    pub points: Points,
    pub facts: TierFacts,
}

pub fn tier_for_score(score: f64, settings: &TierSettings) -> Tier {
    if score >= settings.diamond_min_score {
        Tier::Diamond
    } else if score >= settings.gold_min_score {
        Tier::Gold
    } else if score >= settings.silver_min_score {
        Tier::Silver
    } else {
        Tier::Basic
    }
}

/// A customer's visits as tiering reads them, dated.
#[derive(Debug, Clone, Default)]
struct Contacts {
    /// Every visit that reached the customer (the list's "last contact").
    reached: Vec<NaiveDate>,
    /// Those that were the customer's engagement ([`is_engagement`]).
    engaged: Vec<NaiveDate>,
}

impl Contacts {
    fn add(&mut self, v: &Visit) {
        if v.outcome == Outcome::Reached {
            self.reached.push(v.at.date());
            if is_engagement(v) {
                self.engaged.push(v.at.date());
            }
        }
    }
}

/// A customer's contacts, found through the book's one grouping of visits by customer.
fn contacts_of(visits: &[Visit], by_customer: &ByCustomer, id: &str) -> Contacts {
    let mut own = Contacts::default();
    by_customer.of(visits, id).for_each(|v| own.add(v));
    own
}

/// The customer whose tier a record is an input of: [`assess`] reads the customer record and
/// their visits, nothing else. What a change must re-assess ([`reassess`]) follows from it.
pub trait TierInput {
    fn tier_owner(&self) -> Option<&str> {
        None
    }
}

impl TierInput for Customer {
    fn tier_owner(&self) -> Option<&str> {
        Some(self.id.as_str())
    }
}

impl TierInput for Visit {
    fn tier_owner(&self) -> Option<&str> {
        Some(self.customer_id.as_str())
    }
}

impl TierInput for crate::domain::visit::FeedbackItem {}
impl TierInput for crate::domain::schedule::Campaign {}
impl TierInput for crate::domain::schedule::AgendaMark {}
impl TierInput for crate::domain::scripts::Script {}

/// Assesses one customer on `today`. See the module documentation for the rules.
pub fn assess<'a>(
    customer: &Customer,
    visits: impl IntoIterator<Item = &'a Visit>,
    settings: &TierSettings,
    today: NaiveDate,
) -> TierAssessment {
    let mut contacts = Contacts::default();
    for v in visits.into_iter().filter(|v| v.customer_id == customer.id) {
        contacts.add(v);
    }
    assess_with_contacts(customer, &contacts, settings, today)
}

/// The effective tier: the one-call form of [`assess`].
pub fn tier_of<'a>(
    customer: &Customer,
    visits: impl IntoIterator<Item = &'a Visit>,
    settings: &TierSettings,
    today: NaiveDate,
) -> Tier {
    assess(customer, visits, settings, today).effective
}

/// Assesses every customer, visits grouped once (what the customer list and the schedule need).
pub fn assess_all(
    customers: &[Customer],
    visits: &[Visit],
    settings: &TierSettings,
    today: NaiveDate,
) -> HashMap<Id, TierAssessment> {
    assess_all_with(customers, visits, &ByCustomer::new(visits), settings, today)
}

/// [`assess_all`] with the visits already grouped by customer (the app keeps the grouping).
pub fn assess_all_with(
    customers: &[Customer],
    visits: &[Visit],
    by_customer: &ByCustomer,
    settings: &TierSettings,
    today: NaiveDate,
) -> HashMap<Id, TierAssessment> {
    customers
        .iter()
        .map(|c| (c.id.clone(), assess_with_contacts(c, &contacts_of(visits, by_customer, &c.id), settings, today)))
        .collect()
}

/// `previous` (made by [`assess_all`] with the same settings on the same day) with the customers
/// in `changed` assessed again, and dropped when they are no longer in the book. Equal to
/// [`assess_all`] when only those customers' records and visits changed since: a save re-assesses
/// one customer instead of grouping every visit of the book again.
pub fn reassess(
    previous: &HashMap<Id, TierAssessment>,
    changed: &HashSet<Id>,
    customers: &[Customer],
    visits: &[Visit],
    by_customer: &ByCustomer,
    settings: &TierSettings,
    today: NaiveDate,
) -> HashMap<Id, TierAssessment> {
    let mut assessed = previous.clone();
    for id in changed {
        assessed.remove(id);
    }
    for customer in customers.iter().filter(|c| changed.contains(&c.id)) {
        let own = contacts_of(visits, by_customer, &customer.id);
        assessed.insert(customer.id.clone(), assess_with_contacts(customer, &own, settings, today));
    }
    assessed
}

fn assess_with_contacts(
    customer: &Customer,
    contacts: &Contacts,
    settings: &TierSettings,
    today: NaiveDate,
) -> TierAssessment {
    let window_months = settings.frequency_window_months.max(1);
    let window_start = today.checked_sub_months(Months::new(window_months)).unwrap_or(NaiveDate::MIN);
    let mut orders = 0u32;
    let mut spend = 0i64;
    let mut days: Vec<NaiveDate> = Vec::new();
    for p in customer.purchases.iter().filter(|p| p.date > window_start && p.date <= today) {
        orders += 1;
        spend += p.amount.fen();
        days.push(p.date);
    }
    days.sort_unstable();
    days.dedup();
    let purchase_days = days.len() as u32;
    let first_seen = customer.purchases.iter().map(|p| p.date).chain([customer.registered_on]).min();
    // A customer known for the whole window is measured over exactly the window, so that "24
    // purchases in 12 months" is exactly 2 a month whatever the length of the months.
    let months_observed = match first_seen {
        Some(first) if first > window_start => {
            (days_between(first, today) as f64 / DAYS_PER_MONTH).clamp(1.0, f64::from(window_months))
        }
        _ => f64::from(window_months),
    };
    let purchases_per_month = f64::from(purchase_days) / months_observed;
    let average_order = (orders > 0).then(|| Money((spend + i64::from(orders) / 2) / i64::from(orders)));

    let window_days = settings.activity_window_days.max(1);
    let activity_start = add_days(today, -i64::from(window_days) + 1);
    let mut engaged: Vec<NaiveDate> = customer
        .purchases
        .iter()
        .map(|p| p.date)
        .chain(contacts.engaged.iter().copied())
        .filter(|d| *d <= today)
        .collect();
    engaged.sort_unstable();
    engaged.dedup();
    let active_days = engaged.iter().filter(|d| **d >= activity_start).count() as u32;
    let last_engagement = engaged.last().copied();
    let last_interaction = customer
        .events
        .iter()
        .map(|e| e.date)
        .chain(contacts.reached.iter().copied())
        .chain(last_engagement)
        .filter(|d| *d <= today)
        .max();

    let semi = f64::from(settings.semi_active_min.max(1));
    let active = f64::from(settings.active_min);
    // No day in the window: the last engaged day still counts for part of a day, less each day
    // after the window, nothing one more window later.
    let credited_days = match (active_days, last_engagement) {
        (0, Some(last)) => {
            let past_window = days_between(last, today) - (i64::from(window_days) - 1);
            (1.0 - past_window as f64 / f64::from(window_days)).max(0.0)
        }
        (n, _) => f64::from(n),
    };
    let spend_fen = spend as f64;
    let (spend_mid, spend_high) = (settings.spend_mid.fen() as f64, settings.spend_high.fen() as f64);
    let points = Points {
        frequency: settings.frequency_points
            * credit(purchases_per_month, settings.frequency_mid, settings.frequency_high),
        spend: settings.spend_points * credit(spend_fen, spend_mid, spend_high),
        activity: settings.activity_points * credit(credited_days, semi, active),
        need: settings.need_points(customer.need),
    };
    let score = points.frequency + points.spend + points.activity + f64::from(points.need);
    let score = (score * 100.0).round() / 100.0;
    let computed = tier_for_score(score, settings);
    let effective = customer.tier_override.as_ref().map_or(computed, |o| o.tier);
    TierAssessment {
        computed,
        effective,
        overridden: customer.tier_override.is_some(),
        score,
        frequency: Level::of(purchases_per_month, settings.frequency_mid, settings.frequency_high),
        spend: Level::of(spend_fen, spend_mid, spend_high),
        activity: Level::of(f64::from(active_days), semi, active),
        need: customer.need,
        points,
        facts: TierFacts {
            window_months,
            purchase_days,
            orders,
            months_observed,
            purchases_per_month,
            spend: Money(spend),
            average_order,
            activity_window_days: window_days,
            active_days,
            last_engagement,
            last_interaction,
        },
    }
}

/// The dimensions that moved from `before` to `after`, the largest move first: every dimension
/// whose level changed and a change of need type; when no level changed (partial credit carried
/// the score across a threshold), the dimension whose points moved most. Without `before` (the
/// customer's first tier), the dimensions that are above low.
pub fn moves(before: Option<&TierAssessment>, after: &TierAssessment) -> Vec<TierMove> {
    let f = &after.facts;
    let round2 = |x: f64| (x * 100.0).round() / 100.0;
    // (points moved, level changed, the move)
    let mut all: Vec<(f64, bool, TierMove)> = Vec::new();
    let (b_freq, b_spend, b_days, b_levels, b_points) = match before {
        Some(b) => (
            b.facts.purchases_per_month,
            b.facts.spend,
            b.facts.active_days,
            [b.frequency, b.spend, b.activity],
            [b.points.frequency, b.points.spend, b.points.activity],
        ),
        None => (0.0, Money::ZERO, 0, [Level::Low; 3], [0.0; 3]),
    };
    all.push((
        after.points.frequency - b_points[0],
        after.frequency != b_levels[0],
        TierMove::Frequency {
            months: f.window_months,
            from: round2(b_freq),
            to: round2(f.purchases_per_month),
            from_level: b_levels[0],
            to_level: after.frequency,
        },
    ));
    all.push((
        after.points.spend - b_points[1],
        after.spend != b_levels[1],
        TierMove::Spend {
            months: f.window_months,
            from: b_spend,
            to: f.spend,
            from_level: b_levels[1],
            to_level: after.spend,
        },
    ));
    all.push((
        after.points.activity - b_points[2],
        after.activity != b_levels[2],
        TierMove::Activity {
            window_days: f.activity_window_days,
            from: b_days,
            to: f.active_days,
            from_level: b_levels[2],
            to_level: after.activity,
        },
    ));
    all.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
    let mut out: Vec<TierMove> = all.iter().filter(|(_, changed, _)| *changed).map(|(_, _, m)| m.clone()).collect();
    if let Some(b) = before {
        if b.need != after.need {
            out.push(TierMove::Need { from: b.need, to: after.need });
        }
        if out.is_empty()
            && let Some((_, _, m)) = all.first().filter(|(moved, _, _)| moved.abs() >= 0.01)
        {
            out.push(m.clone());
        }
    }
    out
}

/// What the customer's recorded tier was based on: the data as it stood on the day of the last
/// history entry (the day before, when that is today, so that a second change on one day still
/// says what moved). `None` for a customer never tiered.
pub fn assess_before<'a>(
    customer: &Customer,
    visits: impl IntoIterator<Item = &'a Visit>,
    settings: &TierSettings,
    today: NaiveDate,
) -> Option<TierAssessment> {
    let mut contacts = Contacts::default();
    for v in visits.into_iter().filter(|v| v.customer_id == customer.id) {
        contacts.add(v);
    }
    before_with_contacts(customer, &contacts, settings, today)
}

fn before_with_contacts(
    customer: &Customer,
    contacts: &Contacts,
    settings: &TierSettings,
    today: NaiveDate,
) -> Option<TierAssessment> {
    let last = customer.tier_history.last()?.on;
    let on = if last >= today { add_days(today, -1) } else { last };
    Some(assess_with_contacts(customer, contacts, settings, on))
}

/// Writes the effective tier into the customer's record, with a history entry saying which
/// dimensions moved since `before`, when it differs from the tier last recorded. Returns whether
/// anything changed. Call it with a fresh assessment whenever a customer is saved, so that the
/// history follows the data; `before` is the assessment the recorded tier came from (the one
/// before the edit, or [`assess_before`]), `None` for a customer tiered for the first time.
pub fn record(
    customer: &mut Customer,
    before: Option<&TierAssessment>,
    after: &TierAssessment,
    today: NaiveDate,
) -> bool {
    record_because(customer, after, today, |moves| TierChangeReason::Computed { moves }, before)
}

fn record_because(
    customer: &mut Customer,
    after: &TierAssessment,
    today: NaiveDate,
    reason: impl FnOnce(Vec<TierMove>) -> TierChangeReason,
    before: Option<&TierAssessment>,
) -> bool {
    if customer.tier == Some(after.effective) {
        return false;
    }
    let moves = if after.overridden { Vec::new() } else { moves(before, after) };
    customer.tier_history.push(TierChange {
        on: today,
        from: customer.tier,
        to: after.effective,
        reason: reason(moves),
    });
    customer.tier = Some(after.effective);
    true
}

/// Records the tier change an edit makes (a purchase, an event, the need type): `stored` is the
/// customer as stored before the edit, `None` for a new customer. The change is explained against
/// the stored version, or against [`assess_before`] when the stored tier was already out of date.
pub fn record_edit(
    stored: Option<&Customer>,
    customer: &mut Customer,
    visits: &[Visit],
    settings: &TierSettings,
    today: NaiveDate,
) -> bool {
    let mut contacts = Contacts::default();
    for v in visits.iter().filter(|v| v.customer_id == customer.id) {
        contacts.add(v);
    }
    record_edit_with(stored, customer, &contacts, settings, today)
}

fn record_edit_with(
    stored: Option<&Customer>,
    customer: &mut Customer,
    contacts: &Contacts,
    settings: &TierSettings,
    today: NaiveDate,
) -> bool {
    let after = assess_with_contacts(customer, contacts, settings, today);
    if customer.tier == Some(after.effective) {
        return false;
    }
    let before = match stored.map(|old| assess_with_contacts(old, contacts, settings, today)) {
        Some(b) if old_tier_matches(stored, &b) => Some(b),
        _ => before_with_contacts(customer, contacts, settings, today),
    };
    record(customer, before.as_ref(), &after, today)
}

fn old_tier_matches(stored: Option<&Customer>, before: &TierAssessment) -> bool {
    stored.is_some_and(|old| old.tier == Some(before.effective))
}

/// [`record_edit`] for many customers at once (an import): `stored` is the book before the edit.
pub fn record_edits(
    stored: &[Customer],
    edited: &mut [Customer],
    visits: &[Visit],
    settings: &TierSettings,
    today: NaiveDate,
) {
    let by_customer = ByCustomer::new(visits);
    let by_id: HashMap<&str, &Customer> = stored.iter().map(|c| (c.id.as_str(), c)).collect();
    for c in edited.iter_mut() {
        let old = by_id.get(c.id.as_str()).copied();
        let contacts = contacts_of(visits, &by_customer, &c.id);
        record_edit_with(old, c, &contacts, settings, today);
    }
}

/// Sets a tier by hand, with the user's reason. The history keeps the override even when the tier
/// stays the same: the user's decision and its reason are what a supervisor wants to see.
pub fn set_override(customer: &mut Customer, tier: Tier, reason: &str, today: NaiveDate) {
    let reason = reason.trim().to_string();
    customer.tier_history.push(TierChange {
        on: today,
        from: customer.tier,
        to: tier,
        reason: TierChangeReason::Override { note: reason.clone() },
    });
    customer.tier_override = Some(TierOverride { tier, reason, since: today });
    customer.tier = Some(tier);
}

/// Goes back to the computed tier (`computed` from a fresh [`assess`]).
pub fn clear_override(customer: &mut Customer, computed: Tier, today: NaiveDate) {
    if customer.tier_override.take().is_none() {
        return;
    }
    customer.tier_history.push(TierChange {
        on: today,
        from: customer.tier,
        to: computed,
        reason: TierChangeReason::OverrideCleared,
    });
    customer.tier = Some(computed);
}

/// The tier set by hand (or by the no-answer demotion) that was in force on `day`, if any. Read
/// from the history; a customer whose history never mentions their current override (data from
/// another app) is taken to have had it since its `since` date.
pub fn override_on(customer: &Customer, day: NaiveDate) -> Option<Tier> {
    let mut mentioned = false;
    let mut in_force = None;
    for change in &customer.tier_history {
        let set = match change.reason {
            TierChangeReason::Override { .. } | TierChangeReason::NoAnswerDemotion => Some(change.to),
            TierChangeReason::OverrideCleared => None,
            TierChangeReason::Computed { .. } | TierChangeReason::Thresholds { .. } => continue,
        };
        mentioned = true;
        // In history order: of two entries on one day, the later one counts.
        if change.on <= day {
            in_force = set;
        }
    }
    if mentioned { in_force } else { customer.tier_override.as_ref().filter(|o| o.since <= day).map(|o| o.tier) }
}

/// The customers whose recorded tier no longer matches their effective tier (after new data, new
/// thresholds, or simply time passing), with the change recorded. Saving them keeps every tier
/// history complete.
pub fn reconcile(customers: &[Customer], visits: &[Visit], settings: &TierSettings, today: NaiveDate) -> Vec<Customer> {
    let by_customer = ByCustomer::new(visits);
    let assessments = assess_all_with(customers, visits, &by_customer, settings, today);
    reconcile_with(customers, &assessments, visits, &by_customer, settings, today)
}

/// [`reconcile`] with assessments already made (the app keeps them in memory). Each change is
/// explained against the data as it stood at the customer's previous change ([`assess_before`]).
pub fn reconcile_with(
    customers: &[Customer],
    assessments: &HashMap<Id, TierAssessment>,
    visits: &[Visit],
    by_customer: &ByCustomer,
    settings: &TierSettings,
    today: NaiveDate,
) -> Vec<Customer> {
    let stale: Vec<(&Customer, &TierAssessment)> = customers
        .iter()
        .filter_map(|c| assessments.get(&c.id).filter(|a| c.tier != Some(a.effective)).map(|a| (c, a)))
        .collect();
    if stale.is_empty() {
        return Vec::new();
    }
    stale
        .into_iter()
        .map(|(c, after)| {
            let before = before_with_contacts(c, &contacts_of(visits, by_customer, &c.id), settings, today);
            let mut changed = c.clone();
            record(&mut changed, before.as_ref(), after, today);
            changed
        })
        .collect()
}

/// The customers whose tier changes when the thresholds go from `old` to `new` (saved by hand or
/// by calibration), with the change recorded as the thresholds' doing and the dimensions that now
/// read differently.
pub fn reconcile_thresholds(
    customers: &[Customer],
    visits: &[Visit],
    old: &TierSettings,
    new: &TierSettings,
    today: NaiveDate,
) -> Vec<Customer> {
    let by_customer = ByCustomer::new(visits);
    customers
        .iter()
        .filter_map(|c| {
            let contacts = &contacts_of(visits, &by_customer, &c.id);
            let after = assess_with_contacts(c, contacts, new, today);
            if c.tier == Some(after.effective) {
                return None;
            }
            let before = assess_with_contacts(c, contacts, old, today);
            let mut changed = c.clone();
            record_because(&mut changed, &after, today, |moves| TierChangeReason::Thresholds { moves }, Some(&before));
            Some(changed)
        })
        .collect()
}

/// How many customers each tier holds, indexed by [`Tier::index`].
pub fn tier_counts<'a>(assessments: impl IntoIterator<Item = &'a TierAssessment>) -> [usize; 4] {
    TierMix::of(assessments).customers
}

/// Customers and their spend over the window, per tier: what the tier settings preview and the
/// calibration compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TierMix {
    /// Indexed by [`Tier::index`].
    pub customers: [usize; 4],
    /// Indexed by [`Tier::index`].
    pub spend: [Money; 4],
}

impl TierMix {
    pub fn of<'a>(assessments: impl IntoIterator<Item = &'a TierAssessment>) -> TierMix {
        let mut mix = TierMix::default();
        for a in assessments {
            let i = a.effective.index();
            mix.customers[i] += 1;
            mix.spend[i] = Money(mix.spend[i].fen() + a.facts.spend.fen());
        }
        mix
    }

    pub fn total_spend(&self) -> Money {
        Money(self.spend.iter().map(|m| m.fen()).sum())
    }

    /// The tier's share of the spend, 0–1; `None` when nobody spent anything.
    pub fn spend_share(&self, tier: Tier) -> Option<f64> {
        let total = self.total_spend().fen();
        (total > 0).then(|| self.spend[tier.index()].fen() as f64 / total as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::{Purchase, ServiceEvent, ServiceEventKind, Severity};
    use crate::domain::tier::TierSettings;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2026, 6, 3);

    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }

    fn ago(days: i64) -> NaiveDate {
        add_days(today(), -days)
    }

    fn customer(registered: NaiveDate) -> Customer {
        Customer { id: "c1".into(), name: "张伟".into(), registered_on: registered, ..Customer::default() }
    }

    fn buy(c: &mut Customer, date: NaiveDate, yuan: i64) {
        buy_fen(c, date, yuan * 100);
    }

    fn buy_fen(c: &mut Customer, date: NaiveDate, fen: i64) {
        let id = format!("p{}", c.purchases.len()).into();
        c.purchases.push(Purchase { id, date, amount: Money(fen), product: "净水器".into(), note: String::new() });
    }

    fn event(c: &mut Customer, date: NaiveDate, kind: ServiceEventKind) {
        let id = format!("e{}", c.events.len()).into();
        c.events.push(ServiceEvent { id, date, kind, note: String::new() });
    }

    fn visit(customer: &str, date: NaiveDate, outcome: Outcome) -> Visit {
        Visit {
            id: format!("v-{date}").into(),
            customer_id: customer.into(),
            at: date.and_hms_opt(10, 0, 0).unwrap(),
            outcome,
            ..Visit::default()
        }
    }

    fn settings() -> TierSettings {
        TierSettings::default()
    }

    /// A long-standing customer with `n` purchases of `yuan` on distinct days spread over the
    /// last year, the latest 40 days ago (outside the activity window).
    fn regular(n: u32, yuan: i64) -> Customer {
        let mut c = customer(d(2020, 1, 1));
        for i in 0..n {
            buy(&mut c, ago(40 + i64::from(i) * 300 / i64::from(n.max(1))), yuan);
        }
        c
    }

    /// A long-standing customer who bought once, 200 days ago (no activity credit left), for
    /// `yuan`.
    fn bought_once(yuan: i64) -> Customer {
        let mut c = customer(d(2020, 1, 1));
        buy(&mut c, ago(200), yuan);
        c
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    // ---------------------------------------------------------------------------------------
    // Frequency and spend

    #[test]
    fn a_new_customer_without_purchases_is_basic() {
        let a = assess(&customer(today()), &[], &settings(), today());
        assert_eq!(a.computed, Tier::Basic);
        assert_eq!((a.facts.orders, a.facts.purchase_days, a.facts.spend), (0, 0, Money::ZERO));
        assert_eq!(a.facts.average_order, None);
        assert_eq!((a.frequency, a.spend, a.activity), (Level::Low, Level::Low, Level::Low));
        assert_eq!(a.score, 0.0);
    }

    #[test]
    fn frequent_large_orders_of_an_active_customer_make_diamond() {
        // 3.3 purchases a month, ¥51,200 in the year, active on 4 of the last 30 days.
        let mut c = regular(36, 1280);
        for day in [1, 5, 12, 20] {
            buy(&mut c, ago(day), 1280);
        }
        let a = assess(&c, &[], &settings(), today());
        assert!(close(a.facts.purchases_per_month, 40.0 / 12.0));
        assert_eq!(a.facts.average_order, Some(Money::from_yuan(1280)));
        assert_eq!(a.facts.spend, Money::from_yuan(40 * 1280));
        assert_eq!((a.frequency, a.spend, a.activity), (Level::High, Level::High, Level::High));
        assert_eq!(a.score, 8.0);
        assert_eq!(a.computed, Tier::Diamond);
    }

    #[test]
    fn exactly_two_purchases_a_month_over_the_window_is_high_frequency() {
        let a = assess(&regular(24, 100), &[], &settings(), today());
        assert_eq!(a.facts.purchases_per_month, 2.0);
        assert_eq!(a.frequency, Level::High);
        let b = assess(&regular(23, 100), &[], &settings(), today());
        assert_eq!(b.frequency, Level::Mid);
    }

    #[test]
    fn one_purchase_every_two_months_is_mid_frequency_and_less_is_low() {
        assert_eq!(assess(&regular(6, 100), &[], &settings(), today()).frequency, Level::Mid);
        assert_eq!(assess(&regular(5, 100), &[], &settings(), today()).frequency, Level::Low);
    }

    #[test]
    fn purchases_older_than_the_frequency_window_do_not_count() {
        let mut c = customer(d(2020, 1, 1));
        // The window is 12 months back from 3 June 2026: 3 June 2025 is just outside, 4 June inside.
        buy(&mut c, d(2025, 6, 3), 5000);
        buy(&mut c, d(2025, 6, 4), 100);
        let a = assess(&c, &[], &settings(), today());
        assert_eq!(a.facts.orders, 1);
        assert_eq!(a.facts.spend, Money::from_yuan(100));
        assert_eq!(a.facts.average_order, Some(Money::from_yuan(100)));
    }

    #[test]
    fn a_customer_seen_for_less_than_the_window_is_measured_since_first_seen() {
        // Registered 3 months ago, 6 purchases: 2 a month, not 0.5.
        let mut c = customer(d(2026, 3, 5));
        for day in [40, 50, 60, 70, 80, 85] {
            buy(&mut c, ago(day), 100);
        }
        let a = assess(&c, &[], &settings(), today());
        assert!(close(a.facts.months_observed, 90.0 / DAYS_PER_MONTH));
        assert_eq!(a.frequency, Level::High);
    }

    #[test]
    fn a_single_purchase_by_a_brand_new_customer_counts_as_one_a_month_not_thirty() {
        let mut c = customer(today());
        buy(&mut c, today(), 100);
        let a = assess(&c, &[], &settings(), today());
        assert_eq!(a.facts.months_observed, 1.0);
        assert_eq!(a.facts.purchases_per_month, 1.0);
        assert_eq!(a.frequency, Level::Mid);
    }

    #[test]
    fn three_orders_on_one_day_are_one_purchase_and_one_active_day() {
        let mut c = customer(d(2020, 1, 1));
        for yuan in [120, 80, 40] {
            buy(&mut c, ago(2), yuan);
        }
        let a = assess(&c, &[], &settings(), today());
        assert_eq!((a.facts.orders, a.facts.purchase_days, a.facts.active_days), (3, 1, 1));
        assert_eq!(a.facts.spend, Money::from_yuan(240), "every order counts towards spend");
        assert_eq!(a.activity, Level::Mid, "one shopping trip is semi-active, not active");
        assert!(close(a.facts.purchases_per_month, 1.0 / 12.0));
    }

    #[test]
    fn spend_of_exactly_the_high_threshold_is_high_and_a_fen_less_is_mid() {
        assert_eq!(assess(&regular(5, 1000), &[], &settings(), today()).spend, Level::High);
        let mut c = regular(4, 1000);
        buy_fen(&mut c, ago(100), 99_999);
        let a = assess(&c, &[], &settings(), today());
        assert_eq!(a.spend, Level::Mid);
        assert!(a.points.spend > 3.99 && a.points.spend < 4.0);
    }

    #[test]
    fn spend_counts_the_whole_window_not_the_average_order() {
        // 36 orders of ¥237 bring ¥8,532: more than one order of ¥1,000.
        let mut many = customer(d(2020, 1, 1));
        for i in 0..36 {
            buy(&mut many, ago(40 + i * 8), 237);
        }
        let one = bought_once(1000);
        let (a, b) = (assess(&many, &[], &settings(), today()), assess(&one, &[], &settings(), today()));
        assert_eq!(a.spend, Level::High);
        assert_eq!(b.spend, Level::Mid);
        assert!(a.score > b.score);
    }

    #[test]
    fn the_customer_with_36_orders_and_8540_yuan_in_a_year_is_not_silver_or_basic() {
        // The ledger of issue 15: 36 orders and ¥8,540 in 12 months, average ¥237, last bought 6
        // days ago; with the average order alone he was Silver. Some orders share a day.
        let mut c = customer(d(2024, 3, 1));
        let mut fen = 0;
        for i in 0..36_i64 {
            let amount = if i == 35 { 854_000 - fen } else { 23_700 };
            fen += amount;
            buy_fen(&mut c, ago(6 + (i / 6) * 60 + (i % 6) * 9), amount);
        }
        let a = assess(&c, &[], &settings(), today());
        assert_eq!(a.facts.spend, Money::from_yuan(8540));
        assert_eq!(a.facts.average_order.map(|m| m.fen() / 100), Some(237));
        assert_eq!(a.facts.orders, 36);
        assert!(
            matches!(a.computed, Tier::Gold | Tier::Diamond),
            "{:?} with score {} ({:?})",
            a.computed,
            a.score,
            a.points
        );
    }

    // ---------------------------------------------------------------------------------------
    // Partial credit

    #[test]
    fn credit_is_partial_below_mid_and_rises_linearly_to_high() {
        assert_eq!(credit(0.0, 1.0, 3.0), 0.0);
        assert_eq!(credit(0.5, 1.0, 3.0), 0.25);
        assert_eq!(credit(1.0, 1.0, 3.0), 0.5);
        assert_eq!(credit(2.0, 1.0, 3.0), 0.75);
        assert_eq!(credit(3.0, 1.0, 3.0), 1.0);
        assert_eq!(credit(30.0, 1.0, 3.0), 1.0);
        assert_eq!(credit(f64::NAN, 1.0, 3.0), 0.0);
    }

    #[test]
    fn a_customer_just_under_every_threshold_is_not_scored_as_nothing() {
        // ¥10 under mid spend, 0.42 purchases a month against 0.5, last bought 31 days ago (one
        // day outside the window): each dimension just missed. Counted as nothing, this was
        // Basic, greeted twice a year.
        let mut c = customer(d(2020, 1, 1));
        for i in 0..5 {
            buy(&mut c, ago(31 + i * 60), 198);
        }
        let a = assess(&c, &[], &settings(), today());
        assert_eq!(a.facts.spend, Money::from_yuan(990));
        assert_eq!((a.frequency, a.spend, a.activity), (Level::Low, Level::Low, Level::Low));
        assert!(a.points.spend > 1.97, "nearly half of spend's 4: {:?}", a.points);
        assert!(a.points.activity > 0.9, "one day past the window keeps most of a day: {:?}", a.points);
        assert!(a.score > 2.5, "{}", a.score);
        assert_eq!(a.computed, Tier::Silver);
        // Just over every threshold scores only a little more: the score has no cliff.
        let mut over = customer(d(2020, 1, 1));
        for i in 0..6 {
            buy(&mut over, ago(29 + i * 50), 170);
        }
        let b = assess(&over, &[], &settings(), today());
        assert_eq!((b.frequency, b.spend, b.activity), (Level::Mid, Level::Mid, Level::Mid));
        assert!(b.score - a.score < 0.5, "{} vs {}", b.score, a.score);
    }

    #[test]
    fn activity_credit_fades_over_one_more_window_after_the_last_engaged_day() {
        let at = |days_ago: i64| {
            let mut c = customer(d(2020, 1, 1));
            buy(&mut c, ago(days_ago), 100);
            assess(&c, &[], &settings(), today()).points.activity
        };
        assert_eq!(at(29), 1.0, "inside the window: one day");
        assert!(close(at(30), 1.0 - 1.0 / 30.0));
        assert!(close(at(44), 0.5));
        assert_eq!(at(59), 0.0);
        assert_eq!(at(200), 0.0);
    }

    #[test]
    fn high_spend_alone_reaches_gold_and_mid_spend_alone_silver() {
        // One purchase 200 days ago, nothing since: spend scores its full 4, or half at mid.
        let a = assess(&bought_once(50_000), &[], &settings(), today());
        assert_eq!(a.points.spend, 4.0);
        assert_eq!(a.computed, Tier::Gold);
        let b = assess(&bought_once(1000), &[], &settings(), today());
        assert_eq!(b.points.spend, 2.0);
        assert_eq!(b.computed, Tier::Silver);
    }

    #[test]
    fn a_customer_dormant_for_the_whole_window_is_basic_whatever_they_spent_before() {
        let mut c = customer(d(2020, 1, 1));
        for i in 0..40 {
            buy(&mut c, ago(400 + i * 7), 5000);
        }
        let a = assess(&c, &[], &settings(), today());
        assert_eq!(a.score, 0.0);
        assert_eq!(a.computed, Tier::Basic);
    }

    // ---------------------------------------------------------------------------------------
    // Activity: the customer's own engagement, in days

    #[test]
    fn engagement_on_the_last_day_of_the_activity_window_counts_and_the_day_before_does_not() {
        let mut c = customer(d(2020, 1, 1));
        buy(&mut c, ago(29), 100);
        assert_eq!(assess(&c, &[], &settings(), today()).facts.active_days, 1);
        let mut c = customer(d(2020, 1, 1));
        buy(&mut c, ago(30), 100);
        let a = assess(&c, &[], &settings(), today());
        assert_eq!(a.facts.active_days, 0);
        assert_eq!(a.activity, Level::Low);
        assert_eq!(a.facts.last_engagement, Some(ago(30)));
    }

    #[test]
    fn three_days_of_engagement_are_active_one_is_semi_active_none_is_dormant() {
        let mut c = customer(d(2020, 1, 1));
        assert_eq!(assess(&c, &[], &settings(), today()).activity, Level::Low);
        buy(&mut c, ago(3), 100);
        assert_eq!(assess(&c, &[], &settings(), today()).activity, Level::Mid);
        let visits = [visit("c1", ago(2), Outcome::Reached), visit("c1", ago(1), Outcome::Reached)];
        let a = assess(&c, &visits, &settings(), today());
        assert_eq!((a.facts.active_days, a.activity), (3, Level::High));
        // A visit on the day of the purchase adds no day.
        let same_day = [visit("c1", ago(3), Outcome::Reached)];
        assert_eq!(assess(&c, &same_day, &settings(), today()).facts.active_days, 1);
    }

    #[test]
    fn unanswered_visits_and_other_customers_visits_are_not_engagement() {
        let c = customer(d(2020, 1, 1));
        let visits = [
            visit("c1", ago(1), Outcome::NoAnswer),
            visit("c1", ago(2), Outcome::Refused),
            visit("someone-else", ago(3), Outcome::Reached),
        ];
        assert_eq!(assess(&c, &visits, &settings(), today()).facts.active_days, 0);
    }

    #[test]
    fn complaints_repairs_and_the_calls_about_them_are_not_engagement() {
        let c = customer(d(2020, 1, 1));
        let mut visits = Vec::new();
        for (days, scenario) in [
            (1, Scenario::ComplaintFollowUp),
            (2, Scenario::AfterService),
            (3, Scenario::Incident),
            (4, Scenario::FeedbackClosure),
            (6, Scenario::ComplaintHandling),
            (7, Scenario::FeedbackDue),
        ] {
            visits.push(Visit { id: format!("v{days}").into(), scenario, ..visit("c1", ago(days), Outcome::Reached) });
        }
        visits.push(Visit { id: "sms".into(), method: ContactMethod::Sms, ..visit("c1", ago(5), Outcome::Reached) });
        let a = assess(&c, &visits, &settings(), today());
        assert_eq!(a.facts.active_days, 0);
        // They are still contacts for the customer list.
        assert_eq!(a.facts.last_interaction, Some(ago(1)));
    }

    #[test]
    fn recording_a_complaint_does_not_raise_a_tier() {
        // A Gold customer (the case of issue 13: a complaint raised them to Diamond).
        let mut c = regular(6, 300);
        let visits_before = Vec::new();
        let before = assess(&c, &visits_before, &settings(), today());
        assert_eq!(before.computed, Tier::Gold, "score {}", before.score);
        // The complaint, its handling call, the repair, the after-service call, the resolution.
        event(&mut c, ago(2), ServiceEventKind::ComplaintRaised { severity: Severity::Important });
        event(&mut c, ago(1), ServiceEventKind::RepairDone);
        event(&mut c, today(), ServiceEventKind::ComplaintResolved { complaint: "e0".into() });
        let mut visits = visits_before.clone();
        for (days, scenario) in
            [(2, Scenario::ComplaintHandling), (1, Scenario::AfterService), (0, Scenario::ComplaintFollowUp)]
        {
            visits.push(Visit { id: format!("f{days}").into(), scenario, ..visit("c1", ago(days), Outcome::Reached) });
        }
        let after = assess(&c, &visits, &settings(), today());
        assert_eq!(after.score, before.score);
        assert_eq!(after.computed, Tier::Gold);
    }

    #[test]
    fn future_dated_records_are_ignored_until_their_day() {
        let mut c = customer(d(2020, 1, 1));
        buy(&mut c, add_days(today(), 5), 9000);
        let a = assess(&c, &[], &settings(), today());
        assert_eq!(a.facts.orders, 0);
        assert_eq!(a.facts.last_interaction, None);
        assert_eq!(a.facts.last_engagement, None);
    }

    // ---------------------------------------------------------------------------------------
    // Scores and thresholds

    #[test]
    fn score_thresholds_place_customers_in_tiers_at_their_boundaries() {
        // Defaults 6.5 / 4 / 2 of 9 (were 6 / 4 / 2 of 7 on whole points, where 6 needed the top
        // of every dimension, which nobody in a real ledger reached).
        let s = settings();
        assert_eq!(tier_for_score(9.0, &s), Tier::Diamond);
        assert_eq!(tier_for_score(6.5, &s), Tier::Diamond);
        assert_eq!(tier_for_score(6.49, &s), Tier::Gold);
        assert_eq!(tier_for_score(4.0, &s), Tier::Gold);
        assert_eq!(tier_for_score(3.99, &s), Tier::Silver);
        assert_eq!(tier_for_score(2.0, &s), Tier::Silver);
        assert_eq!(tier_for_score(1.99, &s), Tier::Basic);
    }

    #[test]
    fn an_improvement_need_adds_a_point_by_default() {
        // One purchase of ¥3,000 200 days ago: frequency 0.17, spend 3: 3.17, Silver.
        let mut c = bought_once(3000);
        let a = assess(&c, &[], &settings(), today());
        assert_eq!((a.score, a.computed), (3.17, Tier::Silver));
        c.need = NeedType::Improvement;
        let b = assess(&c, &[], &settings(), today());
        assert_eq!((b.score, b.computed), (4.17, Tier::Gold));
        c.need = NeedType::Trial;
        assert_eq!(assess(&c, &[], &settings(), today()).score, 3.17);
    }

    #[test]
    fn changing_a_threshold_moves_the_customer_at_once() {
        let c = bought_once(3000);
        let mut s = settings();
        assert_eq!(assess(&c, &[], &s, today()).computed, Tier::Silver);
        s.gold_min_score = 3.1;
        assert_eq!(assess(&c, &[], &s, today()).computed, Tier::Gold);
        // ¥3,000 is now three quarters of mid: 1.5 + 0.17, under Silver's 2.
        s.spend_mid = Money::from_yuan(4000);
        assert_eq!(assess(&c, &[], &s, today()).computed, Tier::Basic);
    }

    // ---------------------------------------------------------------------------------------
    // Overrides and the history

    #[test]
    fn an_override_wins_over_the_computed_tier_until_cleared() {
        let mut c = regular(6, 1500);
        let computed = assess(&c, &[], &settings(), today()).computed;
        set_override(&mut c, Tier::Diamond, "董事长的家人", today());
        let a = assess(&c, &[], &settings(), today());
        assert_eq!((a.computed, a.effective, a.overridden), (computed, Tier::Diamond, true));
        clear_override(&mut c, a.computed, today());
        let b = assess(&c, &[], &settings(), today());
        assert_eq!((b.effective, b.overridden), (computed, false));
    }

    #[test]
    fn the_history_records_computed_changes_overrides_and_their_clearing() {
        let mut c = customer(d(2020, 1, 1));
        let a = assess(&c, &[], &settings(), today());
        assert!(record(&mut c, None, &a, today()));
        assert!(!record(&mut c, None, &a, today()), "no entry when nothing changed");
        set_override(&mut c, Tier::Gold, "老客户转介绍", d(2026, 6, 4));
        clear_override(&mut c, Tier::Basic, d(2026, 6, 5));
        let reasons: Vec<_> = c.tier_history.iter().map(|h| (h.from, h.to, h.reason.clone())).collect();
        assert_eq!(
            reasons,
            vec![
                (None, Tier::Basic, TierChangeReason::COMPUTED),
                (Some(Tier::Basic), Tier::Gold, TierChangeReason::Override { note: "老客户转介绍".into() }),
                (Some(Tier::Gold), Tier::Basic, TierChangeReason::OverrideCleared),
            ]
        );
        assert_eq!(c.tier, Some(Tier::Basic));
    }

    #[test]
    fn a_computed_change_records_which_dimensions_moved() {
        let mut c = customer(d(2020, 1, 1));
        let first = assess(&c, &[], &settings(), ago(10));
        record(&mut c, None, &first, ago(10));
        // A purchase of ¥1,280 today: spend reaches mid, and the customer is active again.
        let stored = c.clone();
        buy(&mut c, today(), 1280);
        assert!(record_edit(Some(&stored), &mut c, &[], &settings(), today()));
        let last = c.tier_history.last().unwrap();
        assert_eq!((last.from, last.to), (Some(Tier::Basic), Tier::Silver));
        let TierChangeReason::Computed { moves } = &last.reason else { panic!("{:?}", last.reason) };
        assert_eq!(
            moves,
            &vec![
                TierMove::Spend {
                    months: 12,
                    from: Money::ZERO,
                    to: Money::from_yuan(1280),
                    from_level: Level::Low,
                    to_level: Level::Mid
                },
                TierMove::Activity { window_days: 30, from: 0, to: 1, from_level: Level::Low, to_level: Level::Mid },
            ]
        );
    }

    #[test]
    fn a_move_within_a_level_is_recorded_when_no_level_changed() {
        // Spend from ¥2,800 to ¥4,300 stays "mid": the move is within the level.
        let mut c = regular(6, 400);
        buy(&mut c, ago(5), 400);
        let before = assess(&c, &[], &settings(), today());
        let mut richer = c.clone();
        buy(&mut richer, ago(5), 1500);
        let after = assess(&richer, &[], &settings(), today());
        assert_eq!(before.spend, after.spend);
        assert_eq!(
            moves(Some(&before), &after),
            vec![TierMove::Spend {
                months: 12,
                from: Money::from_yuan(2800),
                to: Money::from_yuan(4300),
                from_level: Level::Mid,
                to_level: Level::Mid
            }]
        );
    }

    #[test]
    fn new_thresholds_record_their_own_reason_with_what_reads_differently() {
        let mut c = bought_once(3000);
        let a = assess(&c, &[], &settings(), today());
        record(&mut c, None, &a, today());
        let mut stricter = settings();
        stricter.spend_mid = Money::from_yuan(5000);
        stricter.spend_high = Money::from_yuan(20_000);
        let changed = reconcile_thresholds(std::slice::from_ref(&c), &[], &settings(), &stricter, today());
        assert_eq!(changed.len(), 1);
        let last = changed[0].tier_history.last().unwrap();
        assert_eq!((last.from, last.to), (Some(Tier::Silver), Tier::Basic));
        let TierChangeReason::Thresholds { moves } = &last.reason else { panic!("{:?}", last.reason) };
        assert!(matches!(moves[0], TierMove::Spend { from_level: Level::Mid, to_level: Level::Low, .. }), "{moves:?}");
    }

    #[test]
    fn an_older_computed_change_without_moves_still_loads() {
        let json = r#"{"on":"2025-03-01","from":null,"to":"silver","reason":{"type":"computed"}}"#;
        let change: TierChange = serde_json::from_str(json).unwrap();
        assert_eq!(change.reason, TierChangeReason::COMPUTED);
    }

    #[test]
    fn a_silver_customer_demoted_for_unanswered_calls_stays_basic_when_recomputed() {
        let mut c = bought_once(3000);
        let a = assess(&c, &[], &settings(), today());
        record(&mut c, None, &a, today());
        assert_eq!(c.tier, Some(Tier::Silver));
        // The ladder's own demotion (schedule::ladder), as the visit form applies it.
        let demotion = crate::domain::schedule::NoAnswerEffect::Demote(TierChange {
            on: today(),
            from: c.tier,
            to: Tier::Basic,
            reason: TierChangeReason::NoAnswerDemotion,
        });
        assert!(crate::domain::schedule::apply_no_answer_effect(&mut c, &demotion, "连续两次未接通"));
        assert!(reconcile(std::slice::from_ref(&c), &[], &settings(), today()).is_empty());
        assert_eq!(assess(&c, &[], &settings(), today()).effective, Tier::Basic);
        assert_eq!(c.tier_history.last().map(|h| h.reason.clone()), Some(TierChangeReason::NoAnswerDemotion));
    }

    #[test]
    fn time_passing_makes_a_customer_dormant_and_reconcile_says_so() {
        let mut c = regular(36, 1280);
        for day in [1, 5, 12] {
            buy(&mut c, ago(day), 1280);
        }
        let a = assess(&c, &[], &settings(), today());
        record(&mut c, None, &a, today());
        assert_eq!(c.tier, Some(Tier::Diamond));
        let later = add_days(today(), 45);
        let changed = reconcile(std::slice::from_ref(&c), &[], &settings(), later);
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0].tier, Some(Tier::Gold));
        let last = changed[0].tier_history.last().unwrap();
        assert_eq!(last.on, later);
        assert_eq!(
            last.reason,
            TierChangeReason::Computed {
                moves: vec![TierMove::Activity {
                    window_days: 30,
                    from: 3,
                    to: 0,
                    from_level: Level::High,
                    to_level: Level::Low
                }]
            }
        );
    }

    #[test]
    fn an_override_in_force_is_read_from_the_history_by_day() {
        let mut c = customer(d(2020, 1, 1));
        assert_eq!(override_on(&c, today()), None);
        set_override(&mut c, Tier::Silver, "试用", d(2026, 3, 1));
        set_override(&mut c, Tier::Gold, "主管要求", d(2026, 3, 1));
        clear_override(&mut c, Tier::Basic, d(2026, 5, 1));
        assert_eq!(override_on(&c, d(2026, 2, 28)), None);
        assert_eq!(override_on(&c, d(2026, 3, 1)), Some(Tier::Gold), "of two on one day, the later counts");
        assert_eq!(override_on(&c, d(2026, 4, 30)), Some(Tier::Gold));
        assert_eq!(override_on(&c, d(2026, 5, 1)), None);
        // An override from another app, with no history: since its date.
        let mut other = customer(d(2020, 1, 1));
        other.tier_override = Some(TierOverride { tier: Tier::Diamond, reason: "名单".into(), since: d(2026, 1, 5) });
        assert_eq!(override_on(&other, d(2026, 1, 4)), None);
        assert_eq!(override_on(&other, d(2026, 1, 5)), Some(Tier::Diamond));
    }

    #[test]
    fn assessing_the_whole_book_gives_each_customer_only_their_own_visits() {
        let mut a = customer(d(2020, 1, 1));
        a.id = "a".into();
        let mut b = customer(d(2020, 1, 1));
        b.id = "b".into();
        let visits: Vec<Visit> = (1..=3).map(|i| visit("a", ago(i), Outcome::Reached)).collect();
        let all = assess_all(&[a.clone(), b.clone()], &visits, &settings(), today());
        assert_eq!(all["a"], assess(&a, &visits, &settings(), today()));
        assert_eq!(all["a"].activity, Level::High);
        assert_eq!(all["b"].activity, Level::Low);
        assert_eq!(tier_counts(all.values()), [0, 0, 1, 1]);
    }

    /// A save re-assesses only the customers it touched; the result must be what assessing the
    /// whole book again gives, or the list would show a tier that the customer page contradicts.
    #[test]
    fn reassessing_the_changed_customers_equals_assessing_everyone() {
        let day = today();
        let mut book = crate::domain::generate::generate(300, 7, day);
        let settings = TierSettings::default();
        let before = assess_all(&book.customers, &book.visits, &settings, day);

        // A lapsing customer is reached today, another gets a large purchase, a third is deleted
        // and a fourth loses every visit.
        let lapsing = book
            .customers
            .iter()
            .find(|c| before[&c.id].activity == Level::Low && book.visits.iter().any(|v| v.customer_id == c.id))
            .expect("a lapsing customer with visits")
            .id
            .clone();
        let mut call = book.visits.iter().find(|v| v.customer_id == lapsing).expect("a visit").clone();
        call.id = Id::from("fresh-call");
        call.outcome = Outcome::Reached;
        call.at = day.and_hms_opt(10, 0, 0).expect("a time");
        book.visits.push(call);
        let buyer = book.customers[1].id.clone();
        book.customers[1].purchases.push(crate::domain::customer::Purchase {
            id: Id::from("fresh-purchase"),
            date: day,
            amount: Money::from_yuan(80_000),
            product: "整机".into(),
            note: String::new(),
        });
        let gone = book.customers.remove(2).id;
        let quiet = book.customers[3].id.clone();
        book.visits.retain(|v| v.customer_id != quiet);

        let changed: HashSet<Id> = [lapsing.clone(), buyer.clone(), gone.clone(), quiet].into_iter().collect();
        let by_customer = ByCustomer::new(&book.visits);
        let after = reassess(&before, &changed, &book.customers, &book.visits, &by_customer, &settings, day);
        assert_eq!(after, assess_all(&book.customers, &book.visits, &settings, day));
        assert!(!after.contains_key(&gone), "a deleted customer has no tier");
        assert_ne!(after[&lapsing], before[&lapsing], "the call today changed the lapsing customer's assessment");
        assert_ne!(after[&buyer], before[&buyer], "the purchase changed the buyer's assessment");
    }
}
