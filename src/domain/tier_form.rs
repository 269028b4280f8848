//! The tier settings form: thresholds of the four dimensions, the scores of the tiers and the
//! per-tier strategy, as typed, checked for consistency before anything is saved.

use crate::domain::money::Money;
use crate::domain::tier::{NoAnswerAction, NoAnswerRule, Period, Tier, TierSettings, TierStrategy};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TierField {
    FrequencyWindow,
    FrequencyHigh,
    FrequencyMid,
    SpendHigh,
    SpendMid,
    ActivityWindow,
    ActiveMin,
    SemiActiveMin,
    /// Full marks of frequency, spend and activity.
    FrequencyPoints,
    SpendPoints,
    ActivityPoints,
    /// Indexed like `NeedType::ALL`.
    NeedPoints(usize),
    MinScore(Tier),
    Cadence(Tier),
    NoAnswer(Tier),
}

#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum TierFieldError {
    #[error("not a number")]
    NotANumber,
    #[error("must be between {min} and {max}")]
    OutOfRange { min: u32, max: u32 },
    #[error("must be more than the next level")]
    NotAboveLower,
    #[error("no customer can score {max_score} or more")]
    Unreachable { max_score: f64 },
}

/// A per-tier strategy as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct StrategyDraft {
    pub cadence_count: String,
    pub cadence_in_months: bool,
    pub carries: String,
    pub emphasis: String,
    pub no_answer_in_a_row: String,
    pub no_answer_action: NoAnswerAction,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TierSettingsDraft {
    pub frequency_window_months: String,
    pub frequency_high: String,
    pub frequency_mid: String,
    pub spend_high: String,
    pub spend_mid: String,
    pub activity_window_days: String,
    pub active_min: String,
    pub semi_active_min: String,
    /// Full marks of frequency, spend and activity.
    pub dimension_points: [String; 3],
    pub need_points: [String; 3],
    /// Diamond, Gold, Silver.
    pub min_scores: [String; 3],
    pub strategies: [StrategyDraft; 4],
}

fn number(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '．' | '。' => '.',
            _ => c,
        })
        .collect()
}

fn whole(s: &str, min: u32, max: u32) -> Result<u32, TierFieldError> {
    let n: u32 = number(s).parse().map_err(|_| TierFieldError::NotANumber)?;
    if (min..=max).contains(&n) { Ok(n) } else { Err(TierFieldError::OutOfRange { min, max }) }
}

fn per_month(s: &str) -> Result<f64, TierFieldError> {
    let n: f64 = number(s).parse().map_err(|_| TierFieldError::NotANumber)?;
    if n.is_finite() && n > 0.0 && n <= 100.0 {
        Ok((n * 100.0).round() / 100.0)
    } else {
        Err(TierFieldError::OutOfRange { min: 0, max: 100 })
    }
}

/// A score threshold: a decimal from 0 to 10, kept to one decimal (scores carry partial credit,
/// so 3.5 is a real threshold).
fn score(s: &str) -> Result<f64, TierFieldError> {
    let n: f64 = number(s).parse().map_err(|_| TierFieldError::NotANumber)?;
    let n = (n * 10.0).round() / 10.0;
    if n.is_finite() && (0.0..=10.0).contains(&n) { Ok(n) } else { Err(TierFieldError::OutOfRange { min: 0, max: 10 }) }
}

fn amount(s: &str) -> Result<Money, TierFieldError> {
    match Money::parse(s) {
        Ok(m) if m.fen() > 0 => Ok(m),
        Ok(_) => Err(TierFieldError::OutOfRange { min: 1, max: 1_000_000_000 }),
        Err(_) => Err(TierFieldError::NotANumber),
    }
}

fn show_f64(n: f64) -> String {
    let s = format!("{n:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl TierSettingsDraft {
    pub fn from_settings(s: &TierSettings) -> TierSettingsDraft {
        let strategy = |tier: Tier| {
            let st = s.strategy(tier);
            let (count, months) = match st.cadence {
                Period::Days(n) => (n, false),
                Period::Months(n) => (n, true),
            };
            StrategyDraft {
                cadence_count: count.to_string(),
                cadence_in_months: months,
                carries: st.carries.clone().unwrap_or_default(),
                emphasis: st.emphasis.clone().unwrap_or_default(),
                no_answer_in_a_row: st.no_answer.in_a_row.to_string(),
                no_answer_action: st.no_answer.action,
            }
        };
        TierSettingsDraft {
            frequency_window_months: s.frequency_window_months.to_string(),
            frequency_high: show_f64(s.frequency_high),
            frequency_mid: show_f64(s.frequency_mid),
            spend_high: s.spend_high.to_string(),
            spend_mid: s.spend_mid.to_string(),
            activity_window_days: s.activity_window_days.to_string(),
            active_min: s.active_min.to_string(),
            semi_active_min: s.semi_active_min.to_string(),
            dimension_points: [s.frequency_points, s.spend_points, s.activity_points].map(show_f64),
            need_points: s.need_points.map(|n| n.to_string()),
            min_scores: [s.diamond_min_score, s.gold_min_score, s.silver_min_score].map(show_f64),
            strategies: Tier::ALL.map(strategy),
        }
    }

    /// The settings, or every problem found. The form edits every field of them.
    pub fn parse(&self) -> Result<TierSettings, Vec<(TierField, TierFieldError)>> {
        let mut errors = Vec::new();
        fn keep<T>(
            errors: &mut Vec<(TierField, TierFieldError)>,
            field: TierField,
            r: Result<T, TierFieldError>,
        ) -> Option<T> {
            r.map_err(|e| errors.push((field, e))).ok()
        }
        macro_rules! check {
            ($field:expr, $r:expr) => {
                keep(&mut errors, $field, $r)
            };
        }
        let frequency_window_months = check!(TierField::FrequencyWindow, whole(&self.frequency_window_months, 1, 60));
        let frequency_high = check!(TierField::FrequencyHigh, per_month(&self.frequency_high));
        let frequency_mid = check!(TierField::FrequencyMid, per_month(&self.frequency_mid));
        let spend_high = check!(TierField::SpendHigh, amount(&self.spend_high));
        let spend_mid = check!(TierField::SpendMid, amount(&self.spend_mid));
        let activity_window_days = check!(TierField::ActivityWindow, whole(&self.activity_window_days, 1, 365));
        let active_min = check!(TierField::ActiveMin, whole(&self.active_min, 1, 1000));
        let semi_active_min = check!(TierField::SemiActiveMin, whole(&self.semi_active_min, 1, 1000));
        let [frequency_points, spend_points, activity_points] =
            [TierField::FrequencyPoints, TierField::SpendPoints, TierField::ActivityPoints]
                .into_iter()
                .zip(&self.dimension_points)
                .map(|(field, text)| check!(field, score(text)))
                .collect::<Vec<_>>()
                .try_into()
                .unwrap_or([None; 3]);
        let need_points: Vec<Option<u32>> =
            (0..3).map(|i| check!(TierField::NeedPoints(i), whole(&self.need_points[i], 0, 3))).collect();
        let scores: Vec<Option<f64>> = [Tier::Diamond, Tier::Gold, Tier::Silver]
            .iter()
            .enumerate()
            .map(|(i, t)| check!(TierField::MinScore(*t), score(&self.min_scores[i])))
            .collect();
        let strategies: Vec<Option<TierStrategy>> = Tier::ALL
            .iter()
            .map(|&tier| {
                let d = &self.strategies[tier.index()];
                let max = if d.cadence_in_months { 24 } else { 730 };
                let count = check!(TierField::Cadence(tier), whole(&d.cadence_count, 1, max));
                let in_a_row = check!(TierField::NoAnswer(tier), whole(&d.no_answer_in_a_row, 1, 10));
                let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
                Some(TierStrategy {
                    cadence: if d.cadence_in_months { Period::Months(count?) } else { Period::Days(count?) },
                    carries: text(&d.carries),
                    emphasis: text(&d.emphasis),
                    no_answer: NoAnswerRule { in_a_row: in_a_row?, action: d.no_answer_action },
                })
            })
            .collect();

        // Each level must sit above the one below it, or a level could never be reached.
        if let (Some(h), Some(m)) = (frequency_high, frequency_mid)
            && h <= m
        {
            errors.push((TierField::FrequencyHigh, TierFieldError::NotAboveLower));
        }
        if let (Some(h), Some(m)) = (spend_high, spend_mid)
            && h <= m
        {
            errors.push((TierField::SpendHigh, TierFieldError::NotAboveLower));
        }
        if let (Some(a), Some(s)) = (active_min, semi_active_min)
            && a <= s
        {
            errors.push((TierField::ActiveMin, TierFieldError::NotAboveLower));
        }
        if let (Some(d), Some(g), Some(s)) = (scores[0], scores[1], scores[2]) {
            if d <= g {
                errors.push((TierField::MinScore(Tier::Diamond), TierFieldError::NotAboveLower));
            }
            if g <= s {
                errors.push((TierField::MinScore(Tier::Gold), TierFieldError::NotAboveLower));
            }
            if let (true, Some(f), Some(sp), Some(a)) =
                (need_points.iter().all(Option::is_some), frequency_points, spend_points, activity_points)
            {
                let need = need_points.iter().flatten().max().copied().unwrap_or(0);
                let max_score = ((f + sp + a + f64::from(need)) * 10.0).round() / 10.0;
                if d > max_score {
                    errors.push((TierField::MinScore(Tier::Diamond), TierFieldError::Unreachable { max_score }));
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let (Some(fp), Some(sp), Some(ap)) = (frequency_points, spend_points, activity_points) else {
            return Err(errors);
        };
        let (Some(fw), Some(fh), Some(fm), Some(al), Some(am), Some(aw), Some(ac), Some(sa)) = (
            frequency_window_months,
            frequency_high,
            frequency_mid,
            spend_high,
            spend_mid,
            activity_window_days,
            active_min,
            semi_active_min,
        ) else {
            return Err(errors);
        };
        let need: Vec<u32> = need_points.into_iter().flatten().collect();
        let scores: Vec<f64> = scores.into_iter().flatten().collect();
        let strategies: Vec<TierStrategy> = strategies.into_iter().flatten().collect();
        let (Ok(need_points), Ok(strategies), [diamond, gold, silver]) =
            (<[u32; 3]>::try_from(need), <[TierStrategy; 4]>::try_from(strategies), scores.as_slice())
        else {
            return Err(errors);
        };
        Ok(TierSettings {
            frequency_window_months: fw,
            frequency_high: fh,
            frequency_mid: fm,
            spend_high: al,
            spend_mid: am,
            activity_window_days: aw,
            active_min: ac,
            semi_active_min: sa,
            frequency_points: fp,
            spend_points: sp,
            activity_points: ap,
            need_points,
            diamond_min_score: *diamond,
            gold_min_score: *gold,
            silver_min_score: *silver,
            strategies,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_settings_round_trip_through_the_form() {
        let defaults = TierSettings::default();
        assert_eq!(TierSettingsDraft::from_settings(&defaults).parse(), Ok(defaults));
    }

    #[test]
    fn a_high_frequency_not_above_mid_is_refused() {
        let mut d = TierSettingsDraft::from_settings(&TierSettings::default());
        d.frequency_high = "0.5".into();
        let errors = d.parse().unwrap_err();
        assert_eq!(errors, vec![(TierField::FrequencyHigh, TierFieldError::NotAboveLower)]);
    }

    #[test]
    fn a_score_threshold_may_have_one_decimal() {
        let mut d = TierSettingsDraft::from_settings(&TierSettings::default());
        d.min_scores = ["5.5".into(), "３．５".into(), "1.25".into()];
        let s = d.parse().unwrap();
        assert_eq!((s.diamond_min_score, s.gold_min_score, s.silver_min_score), (5.5, 3.5, 1.3));
        d.min_scores[2] = "-1".into();
        assert_eq!(
            d.parse().unwrap_err(),
            vec![(TierField::MinScore(Tier::Silver), TierFieldError::OutOfRange { min: 0, max: 10 })]
        );
    }

    #[test]
    fn tier_scores_must_descend_and_diamond_must_be_reachable() {
        let mut d = TierSettingsDraft::from_settings(&TierSettings::default());
        d.min_scores = ["4".into(), "4".into(), "2".into()];
        assert_eq!(d.parse().unwrap_err(), vec![(TierField::MinScore(Tier::Diamond), TierFieldError::NotAboveLower)]);
        // 2 + 4 + 2 for the dimensions, 1 for 改善型: 9 at most.
        d.min_scores = ["9.5".into(), "4".into(), "2".into()];
        assert_eq!(
            d.parse().unwrap_err(),
            vec![(TierField::MinScore(Tier::Diamond), TierFieldError::Unreachable { max_score: 9.0 })]
        );
        // Spend worth 1 instead of 4: Diamond's default 6.5 is out of reach.
        let mut d = TierSettingsDraft::from_settings(&TierSettings::default());
        d.dimension_points[1] = "1".into();
        assert_eq!(
            d.parse().unwrap_err(),
            vec![(TierField::MinScore(Tier::Diamond), TierFieldError::Unreachable { max_score: 6.0 })]
        );
    }

    #[test]
    fn a_cadence_in_days_or_months_and_custom_texts_are_kept() {
        let mut d = TierSettingsDraft::from_settings(&TierSettings::default());
        d.strategies[Tier::Gold.index()].cadence_count = "２".into();
        d.strategies[Tier::Gold.index()].carries = " 会员日邀请函 ".into();
        d.strategies[Tier::Basic.index()].cadence_in_months = false;
        d.strategies[Tier::Basic.index()].cadence_count = "200".into();
        let s = d.parse().unwrap();
        assert_eq!(s.strategy(Tier::Gold).cadence, Period::Months(2));
        assert_eq!(s.strategy(Tier::Gold).carries.as_deref(), Some("会员日邀请函"));
        assert_eq!(s.strategy(Tier::Basic).cadence, Period::Days(200));
        assert_eq!(s.strategy(Tier::Silver).carries, None, "an empty text keeps the built-in wording");
    }

    #[test]
    fn text_in_a_number_field_and_a_zero_cadence_are_refused() {
        let mut d = TierSettingsDraft::from_settings(&TierSettings::default());
        d.spend_mid = "三百".into();
        d.strategies[0].cadence_count = "0".into();
        let errors = d.parse().unwrap_err();
        assert!(errors.contains(&(TierField::SpendMid, TierFieldError::NotANumber)));
        assert!(errors.contains(&(TierField::Cadence(Tier::Diamond), TierFieldError::OutOfRange { min: 1, max: 730 })));
    }
}
