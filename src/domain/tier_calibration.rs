//! Tier thresholds that fit the book (Settings → 客户分层 → "按我的数据校准").
//!
//! The default thresholds are one shop's guess. On a real ledger of small tickets (23,500
//! customers, ¥237 an order on average) they put 96% of the customers in Basic and nobody in
//! Diamond, with the customers who bring 91% of the revenue among the Basic ones. [`calibrate`]
//! reads the book's own distribution instead and suggests:
//!
//! - **Spend** thresholds: "high" is what the top `high_share` (5%) of the window's buyers spent
//!   at least, "mid" what the top `mid_share` (20%) spent at least: in a book shaped like most
//!   (the top fifth bringing most of the revenue), mid is where the valuable customers start.
//! - **Frequency** thresholds: the same shares of the buyers, on purchase days a month.
//! - **Tier scores**: with those thresholds every buyer is scored, and Diamond starts at the score
//!   of the top `tier_shares[0]` (5%) of the buyers, Gold at the top 20%, Silver at the top 50%.
//!   Silver never needs more than mid spend alone scores, Gold never more than high spend alone:
//!   the top 20% of spenders are never Basic, the top 5% at least Gold.
//!   Customers with no purchase in the window score only their need points: dormant for the whole
//!   window, they are Basic.
//! - The activity window and levels, the need points and the per-tier strategy are kept: they
//!   describe the practice, not the book.
//!
//! Thresholds are rounded down (money to two significant figures, frequency to 0.01, scores to
//! 0.1) so that the customer at each cut-off is still in, and they always pass the settings form.
//! A book with fewer than `min_buyers` buyers in the window says too little: the settings are
//! kept as they are (a fresh book keeps the defaults).
//!
//! The result carries the tier mix before and after (customers and spend per tier), for the
//! preview the user confirms.

use crate::domain::customer::{Customer, Id};
use crate::domain::money::Money;
use crate::domain::tier::TierSettings;
use crate::domain::tiering::{self, TierAssessment, TierMix, tier_for_score};
use crate::domain::visit::Visit;
use chrono::NaiveDate;
use std::collections::HashMap;

/// What a calibration aims at. Shares are of the customers who bought in the window.
#[derive(Debug, Clone, PartialEq)]
pub struct CalibrationTargets {
    /// Share of buyers whose spend and frequency count as high.
    pub high_share: f64,
    /// Share of buyers whose spend and frequency count as at least mid.
    pub mid_share: f64,
    /// Share of buyers in Diamond, in Gold or above, in Silver or above.
    pub tier_shares: [f64; 3],
    /// Fewer buyers than this and nothing is suggested.
    pub min_buyers: usize,
}

impl Default for CalibrationTargets {
    fn default() -> Self {
        CalibrationTargets { high_share: 0.05, mid_share: 0.20, tier_shares: [0.05, 0.20, 0.50], min_buyers: 30 }
    }
}

/// A suggestion and what it would do.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// The settings to apply: the current ones with the thresholds fitted, or the current ones
    /// unchanged when the book says too little.
    pub suggested: TierSettings,
    /// Customers and spend per tier with the current settings.
    pub before: TierMix,
    /// The same with the suggested settings.
    pub after: TierMix,
    /// Customers who bought in the window.
    pub buyers: usize,
    /// Whether the book had enough buyers to fit anything.
    pub fitted: bool,
}

/// Suggests thresholds from the book's distribution (see the module documentation).
pub fn calibrate(
    customers: &[Customer],
    visits: &[Visit],
    current: &TierSettings,
    today: NaiveDate,
    targets: &CalibrationTargets,
) -> Calibration {
    let before_all = tiering::assess_all(customers, visits, current, today);
    let before = TierMix::of(before_all.values());
    let buyers: Vec<&TierAssessment> = before_all.values().filter(|a| a.facts.orders > 0).collect();
    let unchanged =
        |buyers: usize| Calibration { suggested: current.clone(), before, after: before, buyers, fitted: false };
    if buyers.len() < targets.min_buyers.max(1) {
        return unchanged(buyers.len());
    }

    let spends: Vec<f64> = buyers.iter().map(|a| a.facts.spend.fen() as f64).collect();
    let rates: Vec<f64> = buyers.iter().map(|a| a.facts.purchases_per_month).collect();
    let mut suggested = current.clone();
    let (spend_mid, spend_high) = cut_offs(&spends, targets, 100.0);
    suggested.spend_mid = money_down(spend_mid);
    suggested.spend_high = money_down(spend_high);
    if suggested.spend_high <= suggested.spend_mid {
        suggested.spend_high = money_down(suggested.spend_mid.fen() as f64 * 2.0);
    }
    let (rate_mid, rate_high) = cut_offs(&rates, targets, 0.01);
    suggested.frequency_mid = hundredths_down(rate_mid).max(0.01);
    suggested.frequency_high = hundredths_down(rate_high).max(suggested.frequency_mid + 0.01);

    // Scores do not depend on the tier thresholds: score once, then place the thresholds.
    let scored = tiering::assess_all(customers, visits, &suggested, today);
    let scores: Vec<f64> = scored.values().filter(|a| a.facts.orders > 0).map(|a| a.score).collect();
    let [diamond, gold, silver] = targets.tier_shares.map(|share| tenths_down(top_value(&scores, share)));
    // Mid spend alone keeps a customer out of Basic, high spend alone makes Gold, whatever the
    // quantiles say: the customers who bring the revenue are never left at the bottom.
    let silver = silver.clamp(0.1, tenths_down(suggested.spend_points / 2.0).max(0.1));
    let gold = gold.max(silver + 0.1).min(tenths_down(suggested.spend_points).max(silver + 0.1));
    let max = suggested.max_score();
    let diamond = diamond.max(gold + 0.1).min(max);
    let gold = gold.min(diamond - 0.1);
    let silver = silver.min(gold - 0.1);
    suggested.diamond_min_score = tenths(diamond);
    suggested.gold_min_score = tenths(gold);
    suggested.silver_min_score = tenths(silver);
    let after = mix_with(&scored, &suggested);
    Calibration { suggested, before, after, buyers: buyers.len(), fitted: true }
}

/// The tier mix of assessments made with thresholds other than `settings`' tier scores.
fn mix_with(scored: &HashMap<Id, TierAssessment>, settings: &TierSettings) -> TierMix {
    let mut mix = TierMix::default();
    for a in scored.values() {
        let tier = if a.overridden { a.effective } else { tier_for_score(a.score, settings) };
        mix.customers[tier.index()] += 1;
        mix.spend[tier.index()] = Money(mix.spend[tier.index()].fen() + a.facts.spend.fen());
    }
    mix
}

/// The mid and high thresholds of a distribution: what the top `mid_share` and `high_share`
/// reach. High is kept above mid: when the top shares tie (most buyers bought once), high is the
/// next value above mid in the book, or twice mid.
fn cut_offs(values: &[f64], targets: &CalibrationTargets, step: f64) -> (f64, f64) {
    let mid = top_value(values, targets.mid_share);
    let mut high = top_value(values, targets.high_share);
    if high < mid + step {
        high = values.iter().copied().filter(|v| *v >= mid + step).fold(f64::INFINITY, f64::min);
        if !high.is_finite() {
            high = mid * 2.0;
        }
    }
    (mid, high)
}

/// The smallest value among the top `share` of `values` (at least one value).
fn top_value(values: &[f64], share: f64) -> f64 {
    let mut sorted: Vec<f64> = values.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let k = ((share * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len().max(1));
    sorted.get(k - 1).copied().unwrap_or(0.0)
}

/// An amount in fen, rounded down to two significant figures of yuan (¥8,537 → ¥8,500), at
/// least ¥1.
fn money_down(fen: f64) -> Money {
    let yuan = (fen / 100.0).floor().max(1.0) as i64;
    let mut magnitude = 1;
    while yuan / magnitude >= 100 {
        magnitude *= 10;
    }
    Money::from_yuan(yuan / magnitude * magnitude)
}

fn hundredths_down(x: f64) -> f64 {
    (x * 100.0 + 1e-9).floor() / 100.0
}

fn tenths_down(x: f64) -> f64 {
    (x * 10.0 + 1e-9).floor() / 10.0
}

fn tenths(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::Purchase;
    use crate::domain::generate::pareto_ledger;
    use crate::domain::tier::Tier;
    use crate::domain::tier_form::TierSettingsDraft;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 3).unwrap()
    }

    /// The ids of the top `share` of the window's buyers by spend.
    fn top_spenders(assessments: &HashMap<Id, TierAssessment>, share: f64) -> Vec<Id> {
        let mut buyers: Vec<(&Id, Money)> =
            assessments.iter().filter(|(_, a)| a.facts.orders > 0).map(|(id, a)| (id, a.facts.spend)).collect();
        buyers.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let k = (share * buyers.len() as f64).ceil() as usize;
        buyers.into_iter().take(k).map(|(id, _)| id.clone()).collect()
    }

    fn tiers_of(ids: &[Id], assessments: &HashMap<Id, TierAssessment>) -> [usize; 4] {
        let mut counts = [0; 4];
        for a in ids.iter().filter_map(|id| assessments.get(id)) {
            counts[a.effective.index()] += 1;
        }
        counts
    }

    /// Share of the window's spend that the top `share` of buyers bring.
    fn concentration(assessments: &HashMap<Id, TierAssessment>, share: f64) -> f64 {
        let top = top_spenders(assessments, share);
        let top_spend: i64 = top.iter().map(|id| assessments[id].facts.spend.fen()).sum();
        let total: i64 = assessments.values().map(|a| a.facts.spend.fen()).sum();
        top_spend as f64 / total as f64
    }

    #[test]
    fn in_a_pareto_book_the_top_spenders_are_in_the_top_tiers_after_calibration() {
        for seed in [1, 2, 3] {
            let book = pareto_ledger(3_000, seed, today(), 1.16);
            let current = TierSettings::default();
            let c = calibrate(&book, &[], &current, today(), &CalibrationTargets::default());
            assert!(c.fitted);
            let after = tiering::assess_all(&book, &[], &c.suggested, today());
            // The book is what it says: the top fifth of the year's buyers bring about 80%.
            let share = concentration(&after, 0.20);
            assert!((0.70..0.90).contains(&share), "seed {seed}: top 20% bring {share:.2}");

            let top5 = tiers_of(&top_spenders(&after, 0.05), &after);
            let top10 = tiers_of(&top_spenders(&after, 0.10), &after);
            let top20 = tiers_of(&top_spenders(&after, 0.20), &after);
            let gold_or_better = |t: [usize; 4]| (t[0] + t[1]) as f64 / t.iter().sum::<usize>() as f64;
            // The top 5% are all Diamond or Gold, nearly all of the top 10%, most of the top 20%
            // (the others bought less lately), and none of the top 20% is Basic.
            assert_eq!(gold_or_better(top5), 1.0, "seed {seed}: top 5% {top5:?}");
            assert!(gold_or_better(top10) >= 0.85, "seed {seed}: top 10% {top10:?}");
            assert!(gold_or_better(top20) >= 0.6, "seed {seed}: top 20% {top20:?}");
            assert_eq!(top20[3], 0, "seed {seed}: top 20% {top20:?}");
            // And the Diamond tier holds the top spenders: nearly all its members (the others buy
            // very often) are in the top fifth.
            let diamonds: Vec<&Id> =
                after.iter().filter(|(_, a)| a.effective == Tier::Diamond).map(|(id, _)| id).collect();
            let top20_ids = top_spenders(&after, 0.20);
            let in_top20 = diamonds.iter().filter(|id| top20_ids.contains(id)).count();
            assert!(in_top20 as f64 >= 0.95 * diamonds.len() as f64, "seed {seed}: {in_top20} of {}", diamonds.len());
            assert_eq!(c.after, TierMix::of(after.values()), "the preview is what applying gives");
        }
    }

    #[test]
    fn calibration_puts_about_the_target_shares_of_buyers_in_each_tier() {
        let book = pareto_ledger(3_000, 7, today(), 1.16);
        let c = calibrate(&book, &[], &TierSettings::default(), today(), &CalibrationTargets::default());
        let buyers = c.buyers as f64;
        let [d, g, s, _] = c.after.customers.map(|n| n as f64);
        assert!((0.03..=0.08).contains(&(d / buyers)), "{:?} of {buyers}", c.after.customers);
        assert!((0.15..=0.27).contains(&((d + g) / buyers)), "{:?} of {buyers}", c.after.customers);
        assert!((0.42..=0.60).contains(&((d + g + s) / buyers)), "{:?} of {buyers}", c.after.customers);
        // Diamond and Gold together bring most of the spend.
        let top = c.after.spend_share(Tier::Diamond).unwrap() + c.after.spend_share(Tier::Gold).unwrap();
        assert!(top > 0.6, "{top}");
    }

    #[test]
    fn customers_dormant_for_the_whole_window_stay_basic_after_calibration() {
        let mut book = pareto_ledger(500, 4, today(), 1.16);
        // A big spender of two years ago.
        let mut old = Customer {
            id: "old".into(),
            registered_on: NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(),
            ..Customer::default()
        };
        for i in 0..30 {
            old.purchases.push(Purchase {
                id: format!("o{i}").into(),
                date: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(i * 10),
                amount: Money::from_yuan(5000),
                product: "净水器".into(),
                note: String::new(),
            });
        }
        book.push(old);
        let c = calibrate(&book, &[], &TierSettings::default(), today(), &CalibrationTargets::default());
        let after = tiering::assess_all(&book, &[], &c.suggested, today());
        assert_eq!(after["old"].effective, Tier::Basic);
        let dormant = after.values().filter(|a| a.facts.last_engagement.is_none_or(|d| (today() - d).num_days() > 366));
        assert!(dormant.clone().count() > 0);
        assert!(dormant.into_iter().all(|a| a.effective == Tier::Basic));
    }

    #[test]
    fn an_empty_or_small_book_keeps_the_settings_it_has() {
        let defaults = TierSettings::default();
        let c = calibrate(&[], &[], &defaults, today(), &CalibrationTargets::default());
        assert!(!c.fitted);
        assert_eq!(c.suggested, defaults);
        assert_eq!((c.before, c.after, c.buyers), (TierMix::default(), TierMix::default(), 0));
        let small = pareto_ledger(20, 1, today(), 1.16);
        let c = calibrate(&small, &[], &defaults, today(), &CalibrationTargets::default());
        assert!(!c.fitted);
        assert_eq!(c.suggested, defaults);
        assert_eq!(c.before, c.after);
    }

    #[test]
    fn suggested_thresholds_are_round_ordered_and_pass_the_settings_form() {
        for (seed, alpha) in [(1, 1.05), (2, 1.16), (3, 1.5), (4, 3.0)] {
            let book = pareto_ledger(1_000, seed, today(), alpha);
            let current = TierSettings { need_points: [0, 2, 0], activity_window_days: 45, ..TierSettings::default() };
            let c = calibrate(&book, &[], &current, today(), &CalibrationTargets::default());
            let s = &c.suggested;
            assert!(s.spend_high > s.spend_mid && s.frequency_high > s.frequency_mid, "{s:?}");
            assert!(s.diamond_min_score > s.gold_min_score && s.gold_min_score > s.silver_min_score, "{s:?}");
            assert!(s.silver_min_score <= s.spend_points / 2.0, "mid spend alone reaches Silver: {s:?}");
            assert!(s.gold_min_score <= s.spend_points, "high spend alone reaches Gold: {s:?}");
            let yuan = s.spend_high.fen() / 100;
            let digits = yuan.to_string().trim_end_matches('0').len();
            assert!(digits <= 2 && s.spend_high.fen() % 100 == 0, "{}", s.spend_high);
            // What calibration does not fit is kept.
            assert_eq!(
                (s.need_points, s.activity_window_days, &s.strategies),
                (current.need_points, 45, &current.strategies)
            );
            let draft = TierSettingsDraft::from_settings(s);
            assert_eq!(draft.parse().as_ref(), Ok(s), "alpha {alpha}");
        }
    }

    #[test]
    fn a_book_where_most_bought_once_still_gets_a_high_frequency_above_mid() {
        // Everyone bought on one day, a few on two: the top 20% and 5% tie on frequency.
        let book: Vec<Customer> = (0..100)
            .map(|i| {
                let mut c = Customer {
                    id: format!("c{i}").into(),
                    registered_on: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
                    ..Customer::default()
                };
                let days = if i < 3 { 2 } else { 1 };
                for k in 0..days {
                    c.purchases.push(Purchase {
                        id: format!("p{i}-{k}").into(),
                        date: today() - chrono::Days::new(10 + k * 30),
                        amount: Money::from_yuan(100 + i as i64),
                        product: "滤芯".into(),
                        note: String::new(),
                    });
                }
                c
            })
            .collect();
        let c = calibrate(&book, &[], &TierSettings::default(), today(), &CalibrationTargets::default());
        assert!(c.suggested.frequency_high > c.suggested.frequency_mid, "{:?}", c.suggested);
        assert_eq!(c.suggested.frequency_mid, 0.08);
        assert_eq!(c.suggested.frequency_high, 0.16);
    }

    #[test]
    fn money_is_rounded_down_to_two_significant_figures() {
        assert_eq!(money_down(853_700.0), Money::from_yuan(8500));
        assert_eq!(money_down(23_700.0), Money::from_yuan(230));
        assert_eq!(money_down(9_900.0), Money::from_yuan(99));
        assert_eq!(money_down(50.0), Money::from_yuan(1));
    }

    /// Before/after figures on a book shaped like the ledger of issue 15, for `docs/tiers.md`:
    /// `cargo test --release --lib issue_15_ledger -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn issue_15_ledger_before_and_after() {
        let book = pareto_ledger(23_500, 15, today(), 1.06);
        let orders: usize = book.iter().map(|c| c.purchases.len()).sum();
        let spend: i64 = book.iter().flat_map(|c| &c.purchases).map(|p| p.amount.fen()).sum();
        println!("{} customers, {orders} orders, average ¥{:.0}", book.len(), spend as f64 / orders as f64 / 100.0);
        let defaults = TierSettings::default();
        let c = calibrate(&book, &[], &defaults, today(), &CalibrationTargets::default());
        let show = |name: &str, mix: &TierMix| {
            let parts: Vec<String> = Tier::ALL
                .iter()
                .map(|t| {
                    format!("{:?} {} ({:.0}%)", t, mix.customers[t.index()], mix.spend_share(*t).unwrap_or(0.0) * 100.0)
                })
                .collect();
            println!("{name}: {}", parts.join(", "));
        };
        show("defaults", &c.before);
        show("calibrated", &c.after);
        let s = &c.suggested;
        println!(
            "suggested: spend mid {} high {}, frequency mid {} high {}, scores {} / {} / {}, from {} buyers",
            s.spend_mid,
            s.spend_high,
            s.frequency_mid,
            s.frequency_high,
            s.diamond_min_score,
            s.gold_min_score,
            s.silver_min_score,
            c.buyers
        );
        for (name, settings) in [("defaults", &defaults), ("calibrated", s)] {
            let all = tiering::assess_all(&book, &[], settings, today());
            let top20 = tiers_of(&top_spenders(&all, 0.20), &all);
            println!(
                "{name}: top 20% of spenders ({:.0}% of spend) by tier {top20:?}",
                concentration(&all, 0.20) * 100.0
            );
        }
    }
}
