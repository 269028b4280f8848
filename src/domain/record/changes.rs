//! What an edit changed in a saved record, kept in the customer's timeline (DOMAIN.md "The record
//! form": a record can be edited later; the change is kept).

use crate::domain::customer::ContactMethod;
use crate::domain::scenario::Scenario;
use crate::domain::visit::{Outcome, RecordEdit, SatisfactionLevel, Visit};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum VisitChange {
    Method {
        from: ContactMethod,
        to: ContactMethod,
    },
    Scenario {
        from: Scenario,
        to: Scenario,
    },
    Time {
        from: NaiveDateTime,
        to: NaiveDateTime,
    },
    Outcome {
        from: Outcome,
        to: Outcome,
    },
    /// The text is long; the timeline says it changed, the record shows the current text.
    Content,
    Satisfaction {
        from: Option<u8>,
        to: Option<u8>,
    },
    SatisfactionLevel {
        from: Option<SatisfactionLevel>,
        to: Option<SatisfactionLevel>,
    },
    Recommend {
        from: Option<u8>,
        to: Option<u8>,
    },
    NextVisit {
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
    Signature,
    ComplaintSettled {
        to: bool,
    },
    FeedbackAdded {
        count: usize,
    },
    FeedbackChanged {
        count: usize,
    },
}

/// The fields of the record that differ between `before` and `after`, in form order.
pub fn visit_changes(before: &Visit, after: &Visit) -> Vec<VisitChange> {
    let mut changes = Vec::new();
    if before.method != after.method {
        changes.push(VisitChange::Method { from: before.method, to: after.method });
    }
    if before.scenario != after.scenario {
        changes.push(VisitChange::Scenario { from: before.scenario, to: after.scenario });
    }
    if before.at != after.at {
        changes.push(VisitChange::Time { from: before.at, to: after.at });
    }
    if before.outcome != after.outcome {
        changes.push(VisitChange::Outcome { from: before.outcome, to: after.outcome });
    }
    if before.content.trim() != after.content.trim() {
        changes.push(VisitChange::Content);
    }
    if before.satisfaction != after.satisfaction {
        changes.push(VisitChange::Satisfaction { from: before.satisfaction, to: after.satisfaction });
    }
    if before.satisfaction_level != after.satisfaction_level {
        changes.push(VisitChange::SatisfactionLevel { from: before.satisfaction_level, to: after.satisfaction_level });
    }
    if before.recommend != after.recommend {
        changes.push(VisitChange::Recommend { from: before.recommend, to: after.recommend });
    }
    if before.next_visit != after.next_visit {
        changes.push(VisitChange::NextVisit { from: before.next_visit, to: after.next_visit });
    }
    if before.signature != after.signature {
        changes.push(VisitChange::Signature);
    }
    if before.complaint_settled != after.complaint_settled {
        changes.push(VisitChange::ComplaintSettled { to: after.complaint_settled });
    }
    changes
}

/// Says a list of changes in the user's language ("结果：未接通 → 已接通；修改了回访内容"); the
/// catalogue's `record.edit_summary`.
pub type EditSummary = fn(&[VisitChange]) -> String;

/// The timeline entry for an edit, or `None` when nothing changed. `feedback_added` and
/// `feedback_changed` count the items the same save created and modified; `summary` words them.
pub fn record_edit(
    before: &Visit,
    after: &Visit,
    feedback_added: usize,
    feedback_changed: usize,
    at: NaiveDateTime,
    summary: EditSummary,
) -> Option<RecordEdit> {
    let mut changes = visit_changes(before, after);
    if feedback_added > 0 {
        changes.push(VisitChange::FeedbackAdded { count: feedback_added });
    }
    if feedback_changed > 0 {
        changes.push(VisitChange::FeedbackChanged { count: feedback_changed });
    }
    if changes.is_empty() {
        return None;
    }
    Some(RecordEdit { at, summary: summary(&changes), changes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Lang;

    fn summary(lang: Lang) -> EditSummary {
        crate::i18n::texts(lang).record.edit_summary
    }

    fn at(h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 6, 3).unwrap().and_hms_opt(h, 0, 0).unwrap()
    }

    #[test]
    fn an_edit_summary_says_what_changed_from_what_to_what() {
        let before = Visit { outcome: Outcome::NoAnswer, at: at(10), ..Visit::default() };
        let after = Visit {
            outcome: Outcome::Reached,
            at: at(10),
            satisfaction: Some(4),
            content: "客户说很好用".into(),
            ..before.clone()
        };
        let edit = record_edit(&before, &after, 1, 0, at(15), summary(Lang::Zh)).unwrap();
        assert_eq!(edit.summary, "结果：未接通 → 已接通；修改了回访内容；满意度：未填 → 4 分；新增 1 条反馈事项");
        let en = record_edit(&before, &after, 1, 0, at(15), summary(Lang::En)).unwrap();
        assert_eq!(
            en.summary,
            "Outcome: No answer → Reached; content edited; Satisfaction: not given → 4; 1 feedback item added"
        );
        assert_eq!(edit.changes, en.changes);
    }

    #[test]
    fn saving_a_record_unchanged_leaves_no_trace_in_the_timeline() {
        let v = Visit { content: "好".into(), ..Visit::default() };
        let same = Visit { content: " 好 ".into(), ..v.clone() };
        assert_eq!(record_edit(&v, &same, 0, 0, at(15), summary(Lang::Zh)), None);
    }

    #[test]
    fn moving_the_next_visit_is_recorded_with_both_dates() {
        let before = Visit { next_visit: NaiveDate::from_ymd_opt(2026, 7, 1), ..Visit::default() };
        let after = Visit { next_visit: NaiveDate::from_ymd_opt(2026, 7, 8), ..before.clone() };
        let edit = record_edit(&before, &after, 0, 0, at(15), summary(Lang::Zh)).unwrap();
        assert_eq!(edit.summary, "下次回访：2026年7月1日 → 2026年7月8日");
    }
}
