//! Everything the user keeps, as plain data: what storage loads at start and what an export holds.

use crate::domain::customer::Customer;
use crate::domain::schedule::{AgendaMark, Campaign};
use crate::domain::scripts::Script;
use crate::domain::settings::Settings;
use crate::domain::visit::{FeedbackItem, Signature, Visit};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Dataset {
    pub settings: Settings,
    pub customers: Vec<Customer>,
    pub visits: Vec<Visit>,
    pub feedback: Vec<FeedbackItem>,
    /// Loaded on demand by the app (they are large); complete in an export.
    pub signatures: Vec<Signature>,
    pub campaigns: Vec<Campaign>,
    /// Snoozed, skipped and reassigned agenda items.
    pub agenda_marks: Vec<AgendaMark>,
    /// The user's own scripts and edits of built-ins (built-ins themselves are never stored).
    pub scripts: Vec<Script>,
}

impl Dataset {
    pub fn is_empty(&self) -> bool {
        self.customers.is_empty() && self.visits.is_empty() && self.feedback.is_empty() && self.scripts.is_empty()
    }

    pub fn has_demo_data(&self) -> bool {
        self.customers.iter().any(|c| c.demo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::{decode, encode};
    use crate::domain::lang::Lang;
    use crate::domain::scripts::builtin;

    #[test]
    fn an_export_carries_the_users_scripts_and_a_file_without_any_still_loads() {
        let mut edited = builtin::script("birthday", Lang::Zh).unwrap().edited("e1".into(), Default::default());
        edited.sections.opening = "生日快乐，{称呼}！".into();
        let data = Dataset { scripts: vec![edited.clone()], ..Dataset::default() };
        assert!(!data.is_empty(), "a user with only their own scripts has data to lose");
        assert_eq!(decode(encode(&data)).unwrap().scripts, vec![edited]);

        let older = serde_json::json!({ "format": "huifang", "version": 2, "customers": [] });
        assert_eq!(decode(older).unwrap().scripts, vec![]);
    }
}

/// The kinds of records the user keeps, by the name storage and sync both use for them: an
/// IndexedDB collection (`store::Collection`) and the `<collection>:` of a synced document's id
/// (`sync::DocId`). Only the `settings` record of `meta` is meant to travel: the schema mark and
/// the backup bookkeeping describe one device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Collection {
    Customers,
    Visits,
    Feedback,
    Signatures,
    /// Campaigns to a segment of customers (the schedule's upgrade/policy notices).
    Campaigns,
    /// The user's marks on agenda items (snoozed, skipped, method changed), keyed by item key.
    AgendaMarks,
    /// The user's own scripts and their edits of built-ins.
    Scripts,
    /// Single records: the schema version, the settings, bookkeeping such as the last backup.
    Meta,
}

impl Collection {
    pub const ALL: [Collection; 8] = [
        Collection::Customers,
        Collection::Visits,
        Collection::Feedback,
        Collection::Signatures,
        Collection::Campaigns,
        Collection::AgendaMarks,
        Collection::Scripts,
        Collection::Meta,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Collection::Customers => "customers",
            Collection::Visits => "visits",
            Collection::Feedback => "feedback",
            Collection::Signatures => "signatures",
            Collection::Campaigns => "campaigns",
            Collection::AgendaMarks => "agenda_marks",
            Collection::Scripts => "scripts",
            Collection::Meta => "meta",
        }
    }

    pub fn from_name(name: &str) -> Option<Collection> {
        Collection::ALL.into_iter().find(|c| c.name() == name)
    }
}
