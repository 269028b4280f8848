//! Closing the loop (闭环, DOMAIN.md "After a visit"): the feedback handling rate, the items overdue
//! at the period end, the most frequent problem kinds and the top needs. "The same problem reported
//! to several departments is one item", so an item marked as a duplicate of another never counts.

use crate::domain::measures::Measure;
use crate::domain::measures::period::ReportPeriod;
use crate::domain::measures::reading::{Drill, Figure, Part, PartKey, Ratio, Reading, Role};
use crate::domain::measures::records::Records;
use crate::domain::visit::{FeedbackItem, FeedbackKind, FeedbackStatus};
use chrono::NaiveDate;
use std::collections::HashMap;

/// How many needs the "top needs" list names (DOMAIN.md "Measures": the top three needs).
pub const TOP_NEEDS: usize = 3;

fn add(drill: &mut Drill, f: &FeedbackItem) {
    drill.feedback.push(f.id.clone());
    if !f.visit_id.is_empty() {
        drill.visits.push(f.visit_id.clone());
    }
    drill.customers.push(f.customer_id.clone());
}

fn is_duplicate(f: &FeedbackItem) -> bool {
    f.duplicate_of.as_deref().is_some_and(|id| !id.is_empty())
}

/// Whether the item was closed on or before `day`. A closed item without a closing date (older
/// data) counts as closed whenever asked: its status is the better witness.
fn closed_by(f: &FeedbackItem, day: NaiveDate) -> bool {
    f.status == FeedbackStatus::Closed && f.closed_on.is_none_or(|c| c <= day)
}

/// Feedback handling rate (处理率): of the items raised in the period, duplicates left out, those
/// closed now / all. It reads the items' current status, because the question is whether each
/// matter got settled (件件有着落); lateness shows in the overdue count.
pub fn handling_rate(records: &Records, period: &ReportPeriod) -> Reading {
    let (mut closed, mut open, mut dup) = (Drill::default(), Drill::default(), Drill::default());
    let (mut n_closed, mut n_open, mut n_dup) = (0, 0, 0);
    for f in records.feedback.iter().filter(|f| period.contains(f.raised_on)) {
        let (drill, n) = if is_duplicate(f) {
            (&mut dup, &mut n_dup)
        } else if f.status == FeedbackStatus::Closed {
            (&mut closed, &mut n_closed)
        } else {
            (&mut open, &mut n_open)
        };
        *n += 1;
        add(drill, f);
    }
    Reading {
        measure: Measure::HandlingRate,
        period: *period,
        figure: Figure::Ratio(Ratio::new(n_closed as i64, (n_closed + n_open) as u64)),
        parts: vec![
            Part::new(PartKey::Closed, Role::Counted, n_closed, closed),
            Part::new(PartKey::NotClosed, Role::Uncounted, n_open, open),
            Part::new(PartKey::Duplicate, Role::Excluded, n_dup, dup),
        ],
        settles_on: None,
    }
}

/// Whether the feedback item is overdue on `day`: past its deadline (the deadline day itself is
/// still in time) and not closed by then. Duplicates never are: their original counts.
pub fn overdue_on(f: &FeedbackItem, day: NaiveDate) -> bool {
    !is_duplicate(f) && !closed_by(f, day) && f.deadline.is_some_and(|d| d < day)
}

/// Items overdue at the period end: items raised by the last day of the period, whenever, not
/// closed by that day, whose deadline is before it. The rest of the items open that day are the
/// other part. Items without a deadline are never overdue.
pub fn overdue_items(records: &Records, period: &ReportPeriod) -> Reading {
    // "Overdue" means past the deadline: in a period still running, on the day it is read.
    let end = records.lived_end(period);
    let (mut overdue, mut in_time) = (Drill::default(), Drill::default());
    let (mut n_overdue, mut n_in_time) = (0, 0);
    for f in records.feedback.iter().filter(|f| f.raised_on <= end && !is_duplicate(f) && !closed_by(f, end)) {
        let (drill, n) =
            if overdue_on(f, end) { (&mut overdue, &mut n_overdue) } else { (&mut in_time, &mut n_in_time) };
        *n += 1;
        add(drill, f);
    }
    Reading {
        measure: Measure::OverdueItems,
        period: *period,
        figure: Figure::Count(n_overdue as u64),
        parts: vec![
            Part::new(PartKey::Overdue, Role::Counted, n_overdue, overdue),
            Part::new(PartKey::OpenInTime, Role::Uncounted, n_in_time, in_time),
        ],
        settles_on: None,
    }
}

/// Items of `kind` raised in the period, by category, most frequent first. Categories are compared
/// as written, without the spaces around them; ties go by name so that the order is stable, and
/// "uncategorised" comes after named categories of the same count.
fn ranking(records: &Records, period: &ReportPeriod, kind: FeedbackKind) -> (usize, Vec<(String, usize, Drill)>) {
    let mut by_category: HashMap<&str, (usize, Drill)> = HashMap::new();
    let mut total = 0;
    for f in records.feedback.iter().filter(|f| f.kind == kind && period.contains(f.raised_on) && !is_duplicate(f)) {
        let slot = by_category.entry(f.category.trim()).or_default();
        slot.0 += 1;
        add(&mut slot.1, f);
        total += 1;
    }
    let mut ranked: Vec<(String, usize, Drill)> =
        by_category.into_iter().map(|(c, (n, drill))| (c.to_string(), n, drill)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.is_empty().cmp(&b.0.is_empty())).then_with(|| a.0.cmp(&b.0)));
    (total, ranked)
}

/// The most frequent problem kinds: "needs follow-up" items (需跟进问题) raised in the period by
/// category, duplicates left out. The headline is the number of such items.
pub fn problem_kinds(records: &Records, period: &ReportPeriod) -> Reading {
    let (total, ranked) = ranking(records, period, FeedbackKind::FollowUp);
    Reading {
        measure: Measure::ProblemKinds,
        period: *period,
        figure: Figure::Count(total as u64),
        parts: ranked.into_iter().map(|(c, n, drill)| Part::new(PartKey::Category(c), Role::Slice, n, drill)).collect(),
        settles_on: None,
    }
}

/// The top three needs: potential-need items (潜在需求) raised in the period by category, the
/// three most frequent and then the rest together ("others").
pub fn top_needs(records: &Records, period: &ReportPeriod) -> Reading {
    let (total, ranked) = ranking(records, period, FeedbackKind::PotentialNeed);
    let mut parts = Vec::new();
    let mut others = Drill::default();
    let mut n_others = 0;
    for (i, (c, n, mut drill)) in ranked.into_iter().enumerate() {
        if i < TOP_NEEDS {
            parts.push(Part::new(PartKey::Category(c), Role::Slice, n, drill));
        } else {
            n_others += n;
            others.feedback.append(&mut drill.feedback);
            others.visits.append(&mut drill.visits);
            others.customers.append(&mut drill.customers);
        }
    }
    if n_others > 0 {
        parts.push(Part::new(PartKey::Others, Role::Slice, n_others, others));
    }
    Reading {
        measure: Measure::TopNeeds,
        period: *period,
        figure: Figure::Count(total as u64),
        parts,
        settles_on: None,
    }
}
