//! A supervisor's review of a saved record (DOMAIN.md "The record form": reviewer, comment, date,
//! approved or returned), parsed from what the review form holds.

use super::form::RecordError;
use crate::domain::date;
use crate::domain::visit::{Review, Verdict};
use chrono::NaiveDate;

/// Where a review error is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewField {
    Reviewer,
    Comment,
    Date,
    Verdict,
}

/// What the review form holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReviewDraft {
    pub reviewer: String,
    pub comment: String,
    pub date: String,
    pub verdict: Option<Verdict>,
}

/// The review, or each problem with its field. A returned record must say what to change: the
/// agent reads the comment on Today and has nothing else to go on. A review cannot be dated
/// before the visit it reviews.
pub fn parse_review(draft: &ReviewDraft, visit_day: NaiveDate) -> Result<Review, Vec<(ReviewField, RecordError)>> {
    let mut errors = Vec::new();
    let reviewer = draft.reviewer.trim();
    if reviewer.is_empty() {
        errors.push((ReviewField::Reviewer, RecordError::Required));
    }
    let on = match date::parse_date(&draft.date) {
        Ok(d) if d < visit_day => {
            errors.push((ReviewField::Date, RecordError::ReviewBeforeVisit));
            None
        }
        Ok(d) => Some(d),
        Err(e) => {
            errors.push((ReviewField::Date, RecordError::Date(e)));
            None
        }
    };
    let comment = draft.comment.trim();
    if draft.verdict.is_none() {
        errors.push((ReviewField::Verdict, RecordError::Required));
    }
    if draft.verdict == Some(Verdict::Returned) && comment.is_empty() {
        errors.push((ReviewField::Comment, RecordError::Required));
    }
    match (on, draft.verdict) {
        (Some(on), Some(verdict)) if errors.is_empty() => {
            Ok(Review { reviewer: reviewer.to_string(), comment: comment.to_string(), on, verdict })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn draft(verdict: Verdict, comment: &str) -> ReviewDraft {
        ReviewDraft {
            reviewer: " 王主管 ".into(),
            comment: comment.into(),
            date: "2026-06-04".into(),
            verdict: Some(verdict),
        }
    }

    #[test]
    fn an_approval_needs_only_the_reviewer_the_date_and_the_verdict() {
        let review = parse_review(&draft(Verdict::Approved, ""), d(6, 3)).unwrap();
        assert_eq!(review.reviewer, "王主管");
        assert_eq!(review.on, d(6, 4));
        assert_eq!(review.verdict, Verdict::Approved);
    }

    #[test]
    fn a_returned_record_must_say_what_to_change() {
        let errors = parse_review(&draft(Verdict::Returned, "  "), d(6, 3)).unwrap_err();
        assert_eq!(errors, vec![(ReviewField::Comment, RecordError::Required)]);
        let review = parse_review(&draft(Verdict::Returned, "请补充客户的具体问题"), d(6, 3)).unwrap();
        assert_eq!(review.comment, "请补充客户的具体问题");
    }

    #[test]
    fn a_review_without_reviewer_or_verdict_or_with_a_bad_date_is_refused_field_by_field() {
        let blank = ReviewDraft { date: "2026-02-30".into(), ..ReviewDraft::default() };
        let errors = parse_review(&blank, d(2, 1)).unwrap_err();
        let fields: Vec<ReviewField> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec![ReviewField::Reviewer, ReviewField::Date, ReviewField::Verdict]);
    }

    #[test]
    fn a_review_dated_before_the_visit_is_refused() {
        let errors = parse_review(&draft(Verdict::Approved, ""), d(6, 5)).unwrap_err();
        assert_eq!(errors, vec![(ReviewField::Date, RecordError::ReviewBeforeVisit)]);
    }
}
