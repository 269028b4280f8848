//! What the user keeps about the agenda: campaigns (产品/服务升级通知 to a segment) and the marks
//! put on items (snoozed, skipped, method changed). Both are stored records.

use super::MergedKey;
use crate::domain::customer::{ContactMethod, Customer, Id, NeedType};
use crate::domain::tier::Tier;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Which customers a campaign reaches. An empty list does not narrow: no tiers chosen means every
/// tier. Tags match when the customer has any of them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Segment {
    pub tiers: Vec<Tier>,
    pub tags: Vec<String>,
    pub needs: Vec<NeedType>,
}

impl Segment {
    pub fn contains(&self, customer: &Customer, tier: Tier) -> bool {
        (self.tiers.is_empty() || self.tiers.contains(&tier))
            && (self.needs.is_empty() || self.needs.contains(&customer.need))
            && (self.tags.is_empty() || customer.tags.iter().any(|t| self.tags.contains(t)))
    }
}

/// An upgrade or policy notice the user sends to a segment between two dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Campaign {
    pub id: Id,
    pub rev: u64,
    pub name: String,
    /// The text sent or said to the customer.
    pub message: String,
    pub segment: Segment,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub method: ContactMethod,
    pub updated_at: NaiveDateTime,
}

impl Default for Campaign {
    fn default() -> Self {
        let epoch = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
        Campaign {
            id: Id::default(),
            rev: 0,
            name: String::new(),
            message: String::new(),
            segment: Segment::default(),
            start: epoch,
            end: epoch,
            method: ContactMethod::Sms,
            updated_at: epoch.and_hms_opt(0, 0, 0).unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skip {
    pub reason: String,
    pub on: NaiveDate,
}

/// What the user decided about one agenda item. `id` is the item's key (a merged item's key names
/// every rule it merges, see [`MergedKey`]); the mark applies to each of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgendaMark {
    pub id: MergedKey,
    pub rev: u64,
    pub customer_id: Id,
    /// The item is due from this date instead.
    pub snoozed_to: Option<NaiveDate>,
    pub skipped: Option<Skip>,
    /// The method the user chose instead of the suggested one.
    pub method: Option<ContactMethod>,
    pub updated_at: NaiveDateTime,
}

impl Default for AgendaMark {
    fn default() -> Self {
        let epoch = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
        AgendaMark {
            id: MergedKey::default(),
            rev: 0,
            customer_id: Id::default(),
            snoozed_to: None,
            skipped: None,
            method: None,
            updated_at: epoch.and_hms_opt(0, 0, 0).unwrap_or_default(),
        }
    }
}
