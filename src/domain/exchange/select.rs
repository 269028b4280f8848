//! The parts of the data that an export other than a full backup carries.

use super::ReviewVerdict;
use crate::domain::customer::Id;
use crate::domain::dataset::Dataset;
use chrono::NaiveDate;
use std::collections::HashSet;

/// The chosen customers with their whole history: visits, feedback items, signatures and agenda
/// marks, so that a colleague who imports them can carry on where the user stopped.
pub fn customers_with_history(data: &Dataset, ids: &[Id]) -> Dataset {
    let chosen: HashSet<&str> = ids.iter().map(Id::as_str).collect();
    let visits: Vec<_> = data.visits.iter().filter(|v| chosen.contains(v.customer_id.as_str())).cloned().collect();
    let visit_ids: HashSet<&str> = visits.iter().map(|v| v.id.as_str()).collect();
    Dataset {
        customers: data.customers.iter().filter(|c| chosen.contains(c.id.as_str())).cloned().collect(),
        feedback: data.feedback.iter().filter(|f| chosen.contains(f.customer_id.as_str())).cloned().collect(),
        signatures: data.signatures.iter().filter(|s| visit_ids.contains(s.visit_id.as_str())).cloned().collect(),
        agenda_marks: data.agenda_marks.iter().filter(|m| chosen.contains(m.customer_id.as_str())).cloned().collect(),
        visits,
        ..Dataset::default()
    }
}

/// A review bundle: the visits made in `from..=to`, with their customers (so the supervisor sees
/// who was visited), feedback items and signatures.
pub fn review_bundle(data: &Dataset, from: NaiveDate, to: NaiveDate) -> Dataset {
    let visits: Vec<_> =
        data.visits.iter().filter(|v| (from..=to).contains(&v.at.date()) && !v.demo).cloned().collect();
    let visit_ids: HashSet<&str> = visits.iter().map(|v| v.id.as_str()).collect();
    let customer_ids: HashSet<&str> = visits.iter().map(|v| v.customer_id.as_str()).collect();
    Dataset {
        customers: data.customers.iter().filter(|c| customer_ids.contains(c.id.as_str())).cloned().collect(),
        feedback: data.feedback.iter().filter(|f| visit_ids.contains(f.visit_id.as_str())).cloned().collect(),
        signatures: data.signatures.iter().filter(|s| visit_ids.contains(s.visit_id.as_str())).cloned().collect(),
        visits,
        ..Dataset::default()
    }
}

/// The verdicts given in `from..=to`, for the agent whose records they judge.
pub fn verdicts(data: &Dataset, from: NaiveDate, to: NaiveDate) -> Vec<ReviewVerdict> {
    data.visits
        .iter()
        .filter_map(|v| {
            let review = v.review.as_ref().filter(|r| (from..=to).contains(&r.on))?;
            Some(ReviewVerdict { visit_id: v.id.clone(), review: review.clone() })
        })
        .collect()
}
