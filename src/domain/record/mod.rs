//! The visit record (回访记录, DOMAIN.md "The record form", "After a visit"): the form that turns
//! what the agent typed into a [`Visit`](crate::domain::visit::Visit) and its feedback items, and
//! the rules that close every loop (件件有着落，事事有回音).

pub mod changes;
pub mod form;
pub mod loops;
pub mod review;
pub mod save;

pub use changes::{EditSummary, VisitChange, record_edit, visit_changes};
pub use form::{
    FeedbackDraft, FeedbackField, Field, Record, RecordContext, RecordError, RecordErrors, VisitDraft, parse_record,
};
pub use loops::{
    DuplicateError, close_item, completion, effective_status, is_open, loop_items, mark_duplicate, returned_records,
};
pub use review::{ReviewDraft, ReviewField, parse_review};
pub use save::{VisitSave, visit_save};

use serde::{Deserialize, Serialize};

/// The numbers of visiting and closing the loop. Every one is a default the user can change
/// (DOMAIN.md preamble).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VisitSettings {
    /// When something can't be solved on the call, the agent promises an answer within this
    /// many hours ({时限} in scripts).
    pub reply_within_hours: u32,
    /// An urgent item (the customer cannot use the product) is due this many hours after the visit.
    pub urgent_within_hours: u32,
    /// Normal items go to the monthly plan, reviewed on this day of the month (31: the last day).
    pub plan_day: u32,
    /// A normal item raised less than this many days before a plan date goes to the next one.
    pub plan_lead_days: u32,
    /// Once a follow-up item is closed, tell the customer within this many days.
    pub closure_within_days: u32,
    /// A potential need is checked this many months after it was raised.
    pub intention_check_months: u32,
    /// Days the intention check may wait after its ideal date.
    pub intention_window_days: u32,
    /// Days a next visit may wait after the date the agent set.
    pub next_visit_window_days: u32,
}

impl Default for VisitSettings {
    fn default() -> Self {
        VisitSettings {
            reply_within_hours: 2,
            urgent_within_hours: 24,
            plan_day: 31,
            plan_lead_days: 7,
            closure_within_days: 2,
            intention_check_months: 1,
            intention_window_days: 7,
            next_visit_window_days: 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::settings::Settings;

    #[test]
    fn settings_saved_before_visit_numbers_existed_get_the_defaults() {
        let old: Settings = serde_json::from_str(r#"{"profile":{"agent_name":"小王","company":"星辰"}}"#).unwrap();
        assert_eq!(old.profile.agent_name, "小王");
        assert_eq!(old.profile.hotline, "");
        assert_eq!((old.visits.reply_within_hours, old.visits.urgent_within_hours), (2, 24));
        assert_eq!(old.visits.intention_check_months, 1);
        let partial: Settings = serde_json::from_str(r#"{"visits":{"reply_within_hours":4}}"#).unwrap();
        assert_eq!((partial.visits.reply_within_hours, partial.visits.urgent_within_hours), (4, 24));
    }
}
