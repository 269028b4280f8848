//! Sync with CouchDB 3.x over its replication protocol (issue 19): the protocol engine, as
//! plain Rust with no I/O of its own. This first part is the document layout and the revision
//! scheme the engine builds on.

pub mod doc;
pub mod rev;

pub use doc::{Collection, DocId, Revision, Version};
pub use rev::{Rev, RevPath};
