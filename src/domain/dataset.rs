//! Everything the user keeps, as plain data: what storage loads at start and what an export holds.

use crate::domain::customer::Customer;
use crate::domain::schedule::{AgendaMark, Campaign};
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
}

impl Dataset {
    pub fn is_empty(&self) -> bool {
        self.customers.is_empty() && self.visits.is_empty() && self.feedback.is_empty()
    }

    pub fn has_demo_data(&self) -> bool {
        self.customers.iter().any(|c| c.demo)
    }
}
