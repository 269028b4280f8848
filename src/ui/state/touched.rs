//! Which customers' tier inputs (the customer record, their visits) changed since the tier
//! assessments were last made. A save then re-assesses the customers it touched instead of the
//! whole book: grouping a large book's 55,000 visits by customer for every save cost ~30 ms.
//!
//! Marked where the app's lists change and nowhere else: the load and a restore mark everyone,
//! [`super::changes`] marks the owners of what it writes or removes (in memory, after storage has
//! it) and of what another tab wrote.

use crate::domain::customer::Id;
use std::collections::HashSet;

/// More customers than this in one change and the whole book is assessed again (cheaper than
/// scanning the visits once per customer).
const FEW: usize = 64;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Touched {
    /// Assess everyone (the first assessment, a load, a large change).
    #[default]
    Everyone,
    /// Only these customers changed (empty: nobody).
    Customers(HashSet<Id>),
}

impl Touched {
    pub fn everyone(&mut self) {
        *self = Touched::Everyone;
    }

    pub fn customer(&mut self, id: &str) {
        if let Touched::Customers(ids) = self {
            ids.insert(Id::from(id));
            if ids.len() > FEW {
                *self = Touched::Everyone;
            }
        }
    }

    /// What changed since the last call; afterwards nothing has.
    pub fn take(&mut self) -> Touched {
        std::mem::replace(self, Touched::Customers(HashSet::new()))
    }
}
