//! The no-answer ladder (DOMAIN.md "Tiers", last column): what unanswered calls lead to, by tier.
//! The visit form calls [`no_answer_effect`] when it saves a visit and applies the effect to the
//! customer with [`apply_no_answer_effect`]; the escalation and SMS care items themselves are made
//! by the schedule from the visits.

use crate::domain::customer::{Customer, Id, TierChange, TierChangeReason, TierOverride};
use crate::domain::tier::{NoAnswerAction, Tier, TierSettings};
use crate::domain::visit::{Outcome, Visit};

#[derive(Debug, Clone, PartialEq)]
pub enum NoAnswerEffect {
    /// Diamond: the customer goes to a dedicated specialist (an escalation item is on the agenda).
    Escalate { unanswered: u32 },
    /// Gold: an SMS care message is on the agenda.
    SmsCare { visit_id: Id },
    /// Silver: the customer is demoted to Basic; apply this change to the tier history.
    Demote(TierChange),
    /// Basic: periodic visits stop until the user resumes them.
    StopPeriodic,
}

/// How many of the customer's latest visits in a row went unanswered.
pub fn unanswered_in_a_row<'a>(customer_id: &str, visits: &'a [Visit]) -> (u32, Option<&'a Visit>) {
    let own = own_in_order(customer_id, visits);
    let count = own.iter().rev().take_while(|v| v.outcome == Outcome::NoAnswer).count();
    let last = if count > 0 { own.last().copied() } else { None };
    (u32::try_from(count).unwrap_or(u32::MAX), last)
}

fn own_in_order<'a>(customer_id: &str, visits: &'a [Visit]) -> Vec<&'a Visit> {
    let mut own: Vec<&Visit> = visits.iter().filter(|v| v.customer_id == customer_id).collect();
    own.sort_by_key(|v| v.at);
    own
}

/// The one place the ladder is counted: the calls, among one customer's visits oldest first, at
/// which a rule of `in_a_row` unanswered calls fires, with the length of the run so far. It fires
/// each time the run reaches a multiple of the count (Diamond's 2: the 2nd, the 4th…), so one call
/// never triggers it twice. The schedule makes its items from every step; the visit form applies
/// the effect of the step that is the call just saved.
pub fn ladder_steps<'a>(
    visits_oldest_first: impl IntoIterator<Item = &'a Visit>,
    in_a_row: u32,
) -> impl Iterator<Item = (u32, &'a Visit)> {
    let in_a_row = in_a_row.max(1);
    visits_oldest_first
        .into_iter()
        .scan(0u32, |run, visit| {
            *run = if visit.outcome == Outcome::NoAnswer { run.saturating_add(1) } else { 0 };
            Some((*run, visit))
        })
        .filter(move |(run, _)| *run > 0 && run.is_multiple_of(in_a_row))
}

/// What the latest unanswered call of `customer` (of effective tier `tier`) leads to, if anything.
/// `visits` may hold everyone's visits and must include the one just saved.
pub fn no_answer_effect(
    customer: &Customer,
    tier: Tier,
    visits: &[Visit],
    tiers: &TierSettings,
) -> Option<NoAnswerEffect> {
    let rule = tiers.strategy(tier).no_answer;
    let own = own_in_order(&customer.id, visits);
    let latest = *own.last()?;
    let (count, last) = ladder_steps(own.iter().copied(), rule.in_a_row).last()?;
    if !std::ptr::eq(last, latest) {
        return None;
    }
    match rule.action {
        NoAnswerAction::HandToSpecialist => Some(NoAnswerEffect::Escalate { unanswered: count }),
        NoAnswerAction::SmsCare => Some(NoAnswerEffect::SmsCare { visit_id: last.id.clone() }),
        NoAnswerAction::DemoteToBasic if tier != Tier::Basic => Some(NoAnswerEffect::Demote(TierChange {
            on: last.at.date(),
            from: Some(tier),
            to: Tier::Basic,
            reason: TierChangeReason::NoAnswerDemotion,
        })),
        NoAnswerAction::DemoteToBasic => None,
        NoAnswerAction::StopPeriodic if !customer.periodic_paused => Some(NoAnswerEffect::StopPeriodic),
        NoAnswerAction::StopPeriodic => None,
    }
}

/// Applies an effect to the customer; returns whether the customer changed (and must be saved).
/// A demotion is recorded in the tier history and held as an override (with `note`, in the
/// user's language) so that recomputing the tier does not undo it; the user can clear it.
pub fn apply_no_answer_effect(customer: &mut Customer, effect: &NoAnswerEffect, note: &str) -> bool {
    match effect {
        NoAnswerEffect::Demote(change) => {
            customer.tier = Some(change.to);
            customer.tier_override = Some(TierOverride { tier: change.to, reason: note.to_string(), since: change.on });
            customer.tier_history.push(change.clone());
            true
        }
        NoAnswerEffect::StopPeriodic => {
            let changed = !customer.periodic_paused;
            customer.periodic_paused = true;
            changed
        }
        NoAnswerEffect::Escalate { .. } | NoAnswerEffect::SmsCare { .. } => false,
    }
}
