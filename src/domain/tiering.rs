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
//! For the whole book at once, [`assess_all`] groups the visits first.
//!
//! The rules, each a setting in [`TierSettings`]:
//! - **Frequency**: purchases per month over the last `frequency_window_months` months, or since
//!   the customer was first seen when that is shorter (at least one month is assumed, so a
//!   customer who bought once yesterday is not "30 purchases a month").
//! - **Order size**: the average order over the same window; no purchase in the window is small.
//! - **Activity**: interactions (purchases, service events, visits that reached the customer) on
//!   today and the `activity_window_days − 1` days before.
//! - **Need type**: adds `need_points` for the customer's need type.
//! - Each of the first three scores 0 (low), 1 (mid) or 2 (high); the sum plus the need points is
//!   compared with `diamond_min_score`, `gold_min_score`, `silver_min_score`.
//! - A manual override wins over the computed tier until it is cleared.

use crate::domain::customer::{Customer, Id, NeedType, TierChange, TierChangeReason, TierOverride};
use crate::domain::date::{add_days, days_between};
use crate::domain::money::Money;
use crate::domain::tier::{Tier, TierSettings};
use crate::domain::visit::{Outcome, Visit};
use chrono::{Months, NaiveDate};
use std::collections::HashMap;

/// Average days in a month, to turn a short observation span into months.
const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// The three levels of a dimension, as the practice names them: frequency high/mid/low, order
/// size large/mid/small, activity active/semi-active/dormant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    High,
    Mid,
    Low,
}

impl Level {
    fn points(self) -> u32 {
        match self {
            Level::High => 2,
            Level::Mid => 1,
            Level::Low => 0,
        }
    }

    fn of(value_at_least: impl Fn(Level) -> bool) -> Level {
        if value_at_least(Level::High) {
            Level::High
        } else if value_at_least(Level::Mid) {
            Level::Mid
        } else {
            Level::Low
        }
    }
}

/// The numbers behind a tier, for the "why" line ("3.2 purchases a month, average order ¥1,280,
/// active").
#[derive(Debug, Clone, PartialEq)]
pub struct TierFacts {
    pub purchases_in_window: u32,
    /// The span the frequency was measured over, in months (1 to `frequency_window_months`).
    pub months_observed: f64,
    pub purchases_per_month: f64,
    /// `None` when there was no purchase in the window.
    pub average_order: Option<Money>,
    /// Interactions in the activity window.
    pub interactions: u32,
    /// The latest purchase, service event or reached visit up to today, in the window or not.
    pub last_interaction: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TierAssessment {
    /// What the data and the thresholds say.
    pub computed: Tier,
    /// What the customer is treated as: the override when there is one, else `computed`.
    pub effective: Tier,
    pub overridden: bool,
    pub score: u32,
    pub frequency: Level,
    pub order_size: Level,
    pub activity: Level,
    pub need: NeedType,
    pub facts: TierFacts,
}

fn tier_for_score(score: u32, settings: &TierSettings) -> Tier {
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

/// Assesses one customer on `today`. See the module documentation for the rules.
pub fn assess<'a>(
    customer: &Customer,
    visits: impl IntoIterator<Item = &'a Visit>,
    settings: &TierSettings,
    today: NaiveDate,
) -> TierAssessment {
    let reached: Vec<NaiveDate> = visits
        .into_iter()
        .filter(|v| v.customer_id == customer.id && v.outcome == Outcome::Reached)
        .map(|v| v.at.date())
        .filter(|d| *d <= today)
        .collect();
    assess_with_contacts(customer, &reached, settings, today)
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
    let mut reached: HashMap<&str, Vec<NaiveDate>> = HashMap::new();
    for v in visits.iter().filter(|v| v.outcome == Outcome::Reached && v.at.date() <= today) {
        reached.entry(v.customer_id.as_str()).or_default().push(v.at.date());
    }
    customers
        .iter()
        .map(|c| {
            let contacts = reached.get(c.id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            (c.id.clone(), assess_with_contacts(c, contacts, settings, today))
        })
        .collect()
}

fn assess_with_contacts(
    customer: &Customer,
    reached_visits: &[NaiveDate],
    settings: &TierSettings,
    today: NaiveDate,
) -> TierAssessment {
    let window_months = settings.frequency_window_months.max(1);
    let window_start = today.checked_sub_months(Months::new(window_months)).unwrap_or(NaiveDate::MIN);
    let in_window: Vec<Money> = customer
        .purchases
        .iter()
        .filter(|p| p.date > window_start && p.date <= today)
        .map(|p| p.amount)
        .collect();
    let first_seen = customer.purchases.iter().map(|p| p.date).chain([customer.registered_on]).min();
    // A customer known for the whole window is measured over exactly the window, so that "24
    // purchases in 12 months" is exactly 2 a month whatever the length of the months.
    let months_observed = match first_seen {
        Some(first) if first > window_start => {
            (days_between(first, today) as f64 / DAYS_PER_MONTH).clamp(1.0, f64::from(window_months))
        }
        _ => f64::from(window_months),
    };
    let count = in_window.len() as u32;
    let purchases_per_month = f64::from(count) / months_observed;
    let average_order = (count > 0).then(|| {
        let total: i64 = in_window.iter().map(|m| m.fen()).sum();
        Money((total + i64::from(count) / 2) / i64::from(count))
    });

    let activity_start = add_days(today, -i64::from(settings.activity_window_days.max(1)) + 1);
    let interaction_dates = customer
        .purchases
        .iter()
        .map(|p| p.date)
        .chain(customer.events.iter().map(|e| e.date))
        .chain(reached_visits.iter().copied())
        .filter(|d| *d <= today);
    let mut interactions = 0;
    let mut last_interaction = None;
    for date in interaction_dates {
        if date >= activity_start {
            interactions += 1;
        }
        if last_interaction.is_none_or(|last| date > last) {
            last_interaction = Some(date);
        }
    }

    let frequency = Level::of(|l| match l {
        Level::High => purchases_per_month >= settings.frequency_high,
        _ => purchases_per_month >= settings.frequency_mid && count > 0,
    });
    let order_size = Level::of(|l| match (l, average_order) {
        (_, None) => false,
        (Level::High, Some(avg)) => avg >= settings.amount_large,
        (_, Some(avg)) => avg >= settings.amount_mid,
    });
    let activity = Level::of(|l| match l {
        Level::High => interactions >= settings.active_min,
        _ => interactions >= settings.semi_active_min.max(1),
    });
    let score = frequency.points() + order_size.points() + activity.points() + settings.need_points(customer.need);
    let computed = tier_for_score(score, settings);
    let effective = customer.tier_override.as_ref().map_or(computed, |o| o.tier);
    TierAssessment {
        computed,
        effective,
        overridden: customer.tier_override.is_some(),
        score,
        frequency,
        order_size,
        activity,
        need: customer.need,
        facts: TierFacts {
            purchases_in_window: count,
            months_observed,
            purchases_per_month,
            average_order,
            interactions,
            last_interaction,
        },
    }
}

/// Writes the effective tier into the customer's record, with a history entry, when it differs
/// from the tier last recorded. Returns whether anything changed. Call it with a fresh assessment
/// whenever a customer is saved, so that the history follows the data.
pub fn record(customer: &mut Customer, assessment: &TierAssessment, today: NaiveDate) -> bool {
    if customer.tier == Some(assessment.effective) {
        return false;
    }
    customer.tier_history.push(TierChange {
        on: today,
        from: customer.tier,
        to: assessment.effective,
        reason: TierChangeReason::Computed,
    });
    customer.tier = Some(assessment.effective);
    true
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

/// The Silver no-answer rule (DOMAIN.md: two unanswered calls in a row demote to Basic). Stored
/// as an override so that the next recomputation does not undo it; `note` says why in words.
pub fn demote_after_unanswered_calls(customer: &mut Customer, note: &str, today: NaiveDate) {
    customer.tier_history.push(TierChange {
        on: today,
        from: customer.tier,
        to: Tier::Basic,
        reason: TierChangeReason::NoAnswerDemotion,
    });
    customer.tier_override = Some(TierOverride { tier: Tier::Basic, reason: note.trim().to_string(), since: today });
    customer.tier = Some(Tier::Basic);
}

/// The customers whose recorded tier no longer matches their effective tier (after new data, new
/// thresholds, or simply time passing), with the change recorded. Saving them keeps every tier
/// history complete.
pub fn reconcile(customers: &[Customer], visits: &[Visit], settings: &TierSettings, today: NaiveDate) -> Vec<Customer> {
    reconcile_with(customers, &assess_all(customers, visits, settings, today), today)
}

/// [`reconcile`] with assessments already made (the app keeps them in memory).
pub fn reconcile_with(customers: &[Customer], assessments: &HashMap<Id, TierAssessment>, today: NaiveDate) -> Vec<Customer> {
    customers
        .iter()
        .filter_map(|c| {
            let assessment = assessments.get(&c.id)?;
            if c.tier == Some(assessment.effective) {
                return None;
            }
            let mut changed = c.clone();
            record(&mut changed, assessment, today);
            Some(changed)
        })
        .collect()
}

/// How many customers each tier holds, indexed by [`Tier::index`].
pub fn tier_counts<'a>(assessments: impl IntoIterator<Item = &'a TierAssessment>) -> [usize; 4] {
    let mut counts = [0; 4];
    for a in assessments {
        counts[a.effective.index()] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::{Purchase, ServiceEvent, ServiceEventKind};
    use crate::domain::tier::TierSettings;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2026, 6, 3);

    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }

    fn customer(registered: NaiveDate) -> Customer {
        Customer { id: "c1".into(), name: "张伟".into(), registered_on: registered, ..Customer::default() }
    }

    fn buy(c: &mut Customer, date: NaiveDate, yuan: i64) {
        let id = format!("p{}", c.purchases.len());
        c.purchases.push(Purchase { id, date, amount: Money::from_yuan(yuan), product: "净水器".into(), note: String::new() });
    }

    fn event(c: &mut Customer, date: NaiveDate) {
        let id = format!("e{}", c.events.len());
        c.events.push(ServiceEvent { id, date, kind: ServiceEventKind::ServiceDone, note: String::new() });
    }

    fn visit(customer: &str, date: NaiveDate, outcome: Outcome) -> Visit {
        Visit {
            id: format!("v-{date}"),
            customer_id: customer.into(),
            at: date.and_hms_opt(10, 0, 0).unwrap(),
            outcome,
            ..Visit::default()
        }
    }

    fn settings() -> TierSettings {
        TierSettings::default()
    }

    /// A long-standing customer with `n` purchases of `yuan` spread over the last year, none in the
    /// activity window.
    fn regular(n: u32, yuan: i64) -> Customer {
        let mut c = customer(d(2020, 1, 1));
        for i in 0..n {
            buy(&mut c, add_days(today(), -40 - i64::from(i) * 300 / i64::from(n.max(1))), yuan);
        }
        c
    }

    #[test]
    fn a_new_customer_without_purchases_is_basic() {
        let a = assess(&customer(today()), &[], &settings(), today());
        assert_eq!(a.computed, Tier::Basic);
        assert_eq!(a.facts.purchases_in_window, 0);
        assert_eq!(a.facts.average_order, None);
        assert_eq!((a.frequency, a.order_size, a.activity), (Level::Low, Level::Low, Level::Low));
    }

    #[test]
    fn frequent_large_orders_of_an_active_customer_make_diamond() {
        // 3.2 purchases a month, average order ¥1,280, active: the example of the practice.
        let mut c = regular(36, 1280);
        for day in [1, 5, 12, 20] {
            buy(&mut c, add_days(today(), -day), 1280);
        }
        let a = assess(&c, &[], &settings(), today());
        assert!((a.facts.purchases_per_month - 40.0 / 12.0).abs() < 1e-9);
        assert_eq!(a.facts.average_order, Some(Money::from_yuan(1280)));
        assert_eq!(a.activity, Level::High);
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
        assert_eq!(a.facts.purchases_in_window, 1);
        assert_eq!(a.facts.average_order, Some(Money::from_yuan(100)));
    }

    #[test]
    fn a_customer_seen_for_less_than_the_window_is_measured_since_first_seen() {
        // Registered 3 months ago, 6 purchases: 2 a month, not 0.5.
        let mut c = customer(d(2026, 3, 5));
        for day in [40, 50, 60, 70, 80, 85] {
            buy(&mut c, add_days(today(), -day), 100);
        }
        let a = assess(&c, &[], &settings(), today());
        assert!((a.facts.months_observed - 90.0 / DAYS_PER_MONTH).abs() < 1e-9);
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
    fn an_average_order_of_exactly_the_large_threshold_is_large() {
        assert_eq!(assess(&regular(2, 1000), &[], &settings(), today()).order_size, Level::High);
        let mut c = regular(1, 1000);
        buy(&mut c, add_days(today(), -100), 998);
        // (1000 + 998) / 2 = 999: just under.
        assert_eq!(assess(&c, &[], &settings(), today()).order_size, Level::Mid);
    }

    #[test]
    fn an_average_order_under_the_mid_threshold_is_small() {
        assert_eq!(assess(&regular(2, 300), &[], &settings(), today()).order_size, Level::Mid);
        assert_eq!(assess(&regular(2, 299), &[], &settings(), today()).order_size, Level::Low);
    }

    #[test]
    fn interactions_on_the_last_day_of_the_activity_window_count_and_the_day_before_does_not() {
        let mut c = customer(d(2020, 1, 1));
        event(&mut c, add_days(today(), -29));
        assert_eq!(assess(&c, &[], &settings(), today()).facts.interactions, 1);
        let mut c = customer(d(2020, 1, 1));
        event(&mut c, add_days(today(), -30));
        let a = assess(&c, &[], &settings(), today());
        assert_eq!(a.facts.interactions, 0);
        assert_eq!(a.activity, Level::Low);
        assert_eq!(a.facts.last_interaction, Some(add_days(today(), -30)));
    }

    #[test]
    fn three_interactions_are_active_one_is_semi_active_none_is_dormant() {
        let mut c = customer(d(2020, 1, 1));
        buy(&mut c, add_days(today(), -3), 100);
        assert_eq!(assess(&c, &[], &settings(), today()).activity, Level::Mid);
        event(&mut c, add_days(today(), -2));
        assert_eq!(assess(&c, &[], &settings(), today()).activity, Level::Mid);
        let visits = [visit("c1", add_days(today(), -1), Outcome::Reached)];
        assert_eq!(assess(&c, &visits, &settings(), today()).activity, Level::High);
    }

    #[test]
    fn unanswered_visits_and_other_customers_visits_are_not_interactions() {
        let c = customer(d(2020, 1, 1));
        let visits = [
            visit("c1", add_days(today(), -1), Outcome::NoAnswer),
            visit("c1", add_days(today(), -2), Outcome::Refused),
            visit("someone-else", add_days(today(), -3), Outcome::Reached),
        ];
        assert_eq!(assess(&c, &visits, &settings(), today()).facts.interactions, 0);
    }

    #[test]
    fn future_dated_records_are_ignored_until_their_day() {
        let mut c = customer(d(2020, 1, 1));
        buy(&mut c, add_days(today(), 5), 9000);
        let a = assess(&c, &[], &settings(), today());
        assert_eq!(a.facts.purchases_in_window, 0);
        assert_eq!(a.facts.last_interaction, None);
    }

    #[test]
    fn score_thresholds_place_customers_in_tiers_at_their_boundaries() {
        let s = settings();
        assert_eq!(tier_for_score(7, &s), Tier::Diamond);
        assert_eq!(tier_for_score(6, &s), Tier::Diamond);
        assert_eq!(tier_for_score(5, &s), Tier::Gold);
        assert_eq!(tier_for_score(4, &s), Tier::Gold);
        assert_eq!(tier_for_score(3, &s), Tier::Silver);
        assert_eq!(tier_for_score(2, &s), Tier::Silver);
        assert_eq!(tier_for_score(1, &s), Tier::Basic);
    }

    #[test]
    fn an_improvement_need_adds_a_point_by_default() {
        // Mid frequency (1) + large orders (2) + dormant (0) = 3: Silver; 改善型 makes it Gold.
        let mut c = regular(6, 1500);
        assert_eq!(assess(&c, &[], &settings(), today()).computed, Tier::Silver);
        c.need = NeedType::Improvement;
        let a = assess(&c, &[], &settings(), today());
        assert_eq!(a.score, 4);
        assert_eq!(a.computed, Tier::Gold);
    }

    #[test]
    fn changing_a_threshold_moves_the_customer_at_once() {
        let c = regular(6, 1500);
        let mut s = settings();
        assert_eq!(assess(&c, &[], &s, today()).computed, Tier::Silver);
        s.gold_min_score = 3;
        assert_eq!(assess(&c, &[], &s, today()).computed, Tier::Gold);
        s.amount_large = Money::from_yuan(2000);
        assert_eq!(assess(&c, &[], &s, today()).computed, Tier::Silver);
    }

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
        assert!(record(&mut c, &a, today()));
        assert!(!record(&mut c, &a, today()), "no entry when nothing changed");
        set_override(&mut c, Tier::Gold, "老客户转介绍", d(2026, 6, 4));
        clear_override(&mut c, Tier::Basic, d(2026, 6, 5));
        let reasons: Vec<_> = c.tier_history.iter().map(|h| (h.from, h.to, h.reason.clone())).collect();
        assert_eq!(
            reasons,
            vec![
                (None, Tier::Basic, TierChangeReason::Computed),
                (Some(Tier::Basic), Tier::Gold, TierChangeReason::Override { note: "老客户转介绍".into() }),
                (Some(Tier::Gold), Tier::Basic, TierChangeReason::OverrideCleared),
            ]
        );
        assert_eq!(c.tier, Some(Tier::Basic));
    }

    #[test]
    fn a_silver_customer_demoted_for_unanswered_calls_stays_basic_when_recomputed() {
        let mut c = regular(6, 1500);
        let a = assess(&c, &[], &settings(), today());
        record(&mut c, &a, today());
        assert_eq!(c.tier, Some(Tier::Silver));
        demote_after_unanswered_calls(&mut c, "连续两次未接听", today());
        assert!(reconcile(std::slice::from_ref(&c), &[], &settings(), today()).is_empty());
        assert_eq!(assess(&c, &[], &settings(), today()).effective, Tier::Basic);
        assert_eq!(c.tier_history.last().map(|h| h.reason.clone()), Some(TierChangeReason::NoAnswerDemotion));
    }

    #[test]
    fn time_passing_makes_a_customer_dormant_and_reconcile_records_it() {
        let mut c = regular(36, 1280);
        for day in [1, 5, 12] {
            buy(&mut c, add_days(today(), -day), 1280);
        }
        let a = assess(&c, &[], &settings(), today());
        record(&mut c, &a, today());
        assert_eq!(c.tier, Some(Tier::Diamond));
        let later = add_days(today(), 45);
        let changed = reconcile(std::slice::from_ref(&c), &[], &settings(), later);
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0].tier, Some(Tier::Gold));
        assert_eq!(changed[0].tier_history.last().map(|h| (h.on, h.reason.clone())), Some((later, TierChangeReason::Computed)));
    }

    #[test]
    fn assessing_the_whole_book_gives_each_customer_only_their_own_visits() {
        let mut a = customer(d(2020, 1, 1));
        a.id = "a".into();
        let mut b = customer(d(2020, 1, 1));
        b.id = "b".into();
        let visits: Vec<Visit> = (1..=3).map(|i| visit("a", add_days(today(), -i), Outcome::Reached)).collect();
        let all = assess_all(&[a.clone(), b.clone()], &visits, &settings(), today());
        assert_eq!(all["a"], assess(&a, &visits, &settings(), today()));
        assert_eq!(all["a"].activity, Level::High);
        assert_eq!(all["b"].activity, Level::Low);
        assert_eq!(tier_counts(all.values()), [0, 0, 1, 1]);
    }
}
