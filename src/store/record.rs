//! Which collection a record belongs to, and how its revision is read.

use crate::domain::customer::Customer;
use crate::domain::schedule::{AgendaMark, Campaign};
use crate::domain::scripts::Script;
use crate::domain::visit::{FeedbackItem, Signature, Visit};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The kinds of stored records ([`Collection`], shared with the sync client). The collections read
/// at start ([`pages::LOADED`]) are kept in pages of the `pages` object store, under keys that start
/// with the collection's name; the others have an object store each, of the same name, one record
/// per key. Adding a collection: add it in `domain::dataset`; then either list it in
/// [`pages::LOADED`] (no new store needed) or bump `IDB_VERSION` so that the upgrade creates its
/// store.
///
/// [`pages::LOADED`]: crate::store::pages::LOADED
pub use crate::domain::dataset::Collection;

/// A domain record kept one-per-key in a collection. `rev` guards against two tabs overwriting
/// each other: a save names the revision it started from.
pub trait StoredRecord: Serialize + DeserializeOwned + Clone + 'static {
    const COLLECTION: Collection;
    fn key(&self) -> &str;
    /// Records without revisions (signatures are written once) return 0 and are never checked.
    fn rev(&self) -> u64 {
        0
    }
    fn set_rev(&mut self, _rev: u64) {}
    /// The records this one belongs to: storage refuses to write it once they are gone (a visit
    /// saved in one tab for a customer deleted in another would make a backup that cannot be
    /// imported).
    fn depends_on(&self) -> Vec<(Collection, &str)> {
        Vec::new()
    }
}

macro_rules! revisioned_in {
    ($ty:ty, $collection:expr, |$r:ident| $deps:expr) => {
        impl StoredRecord for $ty {
            const COLLECTION: Collection = $collection;
            fn key(&self) -> &str {
                self.id.as_ref()
            }
            fn rev(&self) -> u64 {
                self.rev
            }
            fn set_rev(&mut self, rev: u64) {
                self.rev = rev;
            }
            fn depends_on(&self) -> Vec<(Collection, &str)> {
                let $r = self;
                $deps
            }
        }
    };
}

/// A record that belongs to nothing else.
macro_rules! revisioned {
    ($ty:ty, $collection:expr) => {
        revisioned_in!($ty, $collection, |_r| Vec::new());
    };
}

revisioned!(Customer, Collection::Customers);
revisioned_in!(Visit, Collection::Visits, |v| vec![(Collection::Customers, v.customer_id.as_str())]);
revisioned_in!(FeedbackItem, Collection::Feedback, |f| {
    let mut deps = vec![(Collection::Customers, f.customer_id.as_str())];
    if !f.visit_id.is_empty() {
        deps.push((Collection::Visits, f.visit_id.as_str()));
    }
    deps
});
revisioned!(Campaign, Collection::Campaigns);
revisioned_in!(AgendaMark, Collection::AgendaMarks, |m| vec![(Collection::Customers, m.customer_id.as_str())]);
revisioned!(Script, Collection::Scripts);

impl StoredRecord for Signature {
    const COLLECTION: Collection = Collection::Signatures;
    fn key(&self) -> &str {
        &self.visit_id
    }
    fn depends_on(&self) -> Vec<(Collection, &str)> {
        vec![(Collection::Visits, self.visit_id.as_str())]
    }
}
