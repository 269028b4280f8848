//! The only code that touches browser storage.
//!
//! - Bulk data (customers, visits, feedback items, signatures, settings) lives in IndexedDB, one
//!   object store per collection, one JSON string per record. A [`Batch`] is written in one
//!   IndexedDB transaction: all of it is saved or none of it, so a failed write leaves what was
//!   saved before intact. Every write is read back and compared inside the same transaction,
//!   before it commits: a write that did not stick aborts the whole batch.
//! - The schema version is stored with the data; [`Database::load`] upgrades older data through
//!   the same migration chain as file imports ([`crate::domain::exchange::upgrade`]).
//! - Opening the app reads a snapshot of those stores and a journal of what changed since
//!   ([`snapshot`]), a few large values instead of one per record.
//! - Small device preferences (the language) stay in localStorage ([`prefs`]).
//! - Errors are a [`StorageError`] whose message is in the user's language.

pub mod batch;
pub mod database;
pub mod drafts;
pub mod error;
pub mod prefs;
pub mod quota;
pub mod record;
pub mod snapshot;
pub mod sync;

pub use batch::Batch;
pub use database::{Database, Loaded};
pub use error::StorageError;
pub use record::{Collection, StoredRecord};
