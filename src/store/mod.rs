//! The only code that touches browser storage.
//!
//! - Bulk data lives in IndexedDB. Customers, visits, feedback items, campaigns, agenda marks and
//!   scripts are kept in pages ([`pages`]): a few hundred records per IndexedDB value, so that
//!   opening the app or importing a book is a few thousand values, not seventy thousand.
//!   Signatures and single values (settings, the schema version) are one JSON string per key.
//! - A [`Batch`] is written in one IndexedDB transaction: all of it is saved or none of it, so a
//!   failed write leaves what was saved before intact. Revisions (another tab's save) and what the
//!   records belong to are checked in the same transaction, and every page and record written is
//!   read back and compared before it commits: a write that did not stick aborts the whole batch.
//! - The schema version is stored with the data; [`Database::load`] upgrades older data through
//!   the same migration chain as file imports ([`crate::domain::exchange::upgrade`]), after moving
//!   records stored one per key by an older version into pages.
//! - Small device preferences (the language) stay in localStorage ([`prefs`]).
//! - Errors are a [`StorageError`] whose message is in the user's language.

pub mod batch;
pub mod database;
pub mod drafts;
pub mod error;
pub mod pages;
pub mod prefs;
pub mod quota;
pub mod record;
pub mod replica;
pub mod sync;

pub use batch::Batch;
pub use database::{Database, Loaded};
pub use error::StorageError;
pub use record::{Collection, StoredRecord};
