//! What customers said on the visits of the period: average satisfaction, the 满意/一般/不满意 mix,
//! CSAT and NPS. A visit belongs to the period that contains its date; every visit that carries an
//! answer counts, one answer per visit (a customer visited twice answers twice).

use crate::domain::measures::Measure;
use crate::domain::measures::period::ReportPeriod;
use crate::domain::measures::reading::{Drill, Figure, Part, PartKey, Ratio, Reading, Role};
use crate::domain::measures::records::{self, Records};
use crate::domain::visit::{SatisfactionLevel, Visit};

fn reading(measure: Measure, period: &ReportPeriod, ratio: Ratio, parts: Vec<Part>) -> Reading {
    Reading { measure, period: *period, figure: Figure::Ratio(ratio), parts, settles_on: None }
}

fn add(drill: &mut Drill, v: &Visit) {
    drill.visits.push(v.id.clone());
    drill.customers.push(v.customer_id.clone());
}

/// Average satisfaction out of 5: the sum of the 1–5 scores / the visits scored. A visit with only
/// a level (满意 without a number) is left out here rather than given an invented score; it counts
/// in the mix.
pub fn satisfaction(records: &Records, period: &ReportPeriod) -> Reading {
    let mut by_score: [(usize, Drill); 5] = Default::default();
    for v in records.visits_in(period) {
        if let Some(s) = records::score(v) {
            let slot = &mut by_score[usize::from(s - 1)];
            slot.0 += 1;
            add(&mut slot.1, v);
        }
    }
    let sum: i64 = by_score.iter().zip(1..).map(|((n, _), s)| *n as i64 * s).sum();
    let scored: usize = by_score.iter().map(|(n, _)| n).sum();
    let parts = by_score
        .into_iter()
        .zip(1u8..)
        .map(|((n, drill), s)| Part::new(PartKey::Score(s), Role::Slice, n, drill))
        .collect();
    reading(Measure::Satisfaction, period, Ratio::new(sum, scored as u64), parts)
}

/// The 满意/一般/不满意 mix. A visit counts with the level the agent chose, or else with the level
/// its 1–5 score stands for (4–5 满意, 3 一般, 1–2 不满意). The headline is the satisfied share
/// (满意率): satisfied / visits with a level or a score.
pub fn satisfaction_mix(records: &Records, period: &ReportPeriod) -> Reading {
    let levels = [SatisfactionLevel::Satisfied, SatisfactionLevel::Neutral, SatisfactionLevel::Dissatisfied];
    let mut slots: [(usize, Drill); 3] = Default::default();
    for v in records.visits_in(period) {
        if let Some(level) = records::level(v) {
            let i = match level {
                SatisfactionLevel::Satisfied => 0,
                SatisfactionLevel::Neutral => 1,
                SatisfactionLevel::Dissatisfied => 2,
            };
            slots[i].0 += 1;
            add(&mut slots[i].1, v);
        }
    }
    let rated: usize = slots.iter().map(|(n, _)| n).sum();
    let satisfied = slots[0].0;
    let parts = slots
        .into_iter()
        .zip(levels)
        .map(|((n, drill), level)| {
            let role = if level == SatisfactionLevel::Satisfied { Role::Counted } else { Role::Uncounted };
            Part::new(PartKey::Level(level), role, n, drill)
        })
        .collect();
    reading(Measure::SatisfactionMix, period, Ratio::new(satisfied as i64, rated as u64), parts)
}

/// CSAT: the share of scored visits that scored 4 or 5.
pub fn csat(records: &Records, period: &ReportPeriod) -> Reading {
    let (mut high, mut low) = (Drill::default(), Drill::default());
    let (mut n_high, mut n_low) = (0, 0);
    for v in records.visits_in(period) {
        match records::score(v) {
            Some(4..=5) => {
                n_high += 1;
                add(&mut high, v);
            }
            Some(_) => {
                n_low += 1;
                add(&mut low, v);
            }
            None => {}
        }
    }
    let parts = vec![
        Part::new(PartKey::HighScore, Role::Counted, n_high, high),
        Part::new(PartKey::LowScore, Role::Uncounted, n_low, low),
    ];
    reading(Measure::Csat, period, Ratio::new(n_high as i64, (n_high + n_low) as u64), parts)
}

/// NPS: (promoters, 9–10, minus detractors, 0–6) / visits where the customer gave a 0–10
/// likelihood to recommend. The value runs from −1 to 1 and is shown as −100 to +100.
pub fn nps(records: &Records, period: &ReportPeriod) -> Reading {
    let (mut promoters, mut passives, mut detractors) = (Drill::default(), Drill::default(), Drill::default());
    let (mut p, mut n, mut d) = (0usize, 0usize, 0usize);
    for v in records.visits_in(period) {
        let (drill, count) = match records::recommend(v) {
            Some(9..=10) => (&mut promoters, &mut p),
            Some(7..=8) => (&mut passives, &mut n),
            Some(_) => (&mut detractors, &mut d),
            None => continue,
        };
        *count += 1;
        add(drill, v);
    }
    let parts = vec![
        Part::new(PartKey::Promoter, Role::Slice, p, promoters),
        Part::new(PartKey::Passive, Role::Slice, n, passives),
        Part::new(PartKey::Detractor, Role::Slice, d, detractors),
    ];
    reading(Measure::Nps, period, Ratio::new(p as i64 - d as i64, (p + n + d) as u64), parts)
}
