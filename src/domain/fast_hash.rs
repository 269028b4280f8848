//! The maps the practice builds over the whole book, keyed by record ids (customers, visits, items):
//! rustc's Fx hash, from the `rustc-hash` crate, instead of the standard SipHash. With SipHash the
//! lookups took a third of the agenda's time for 5,000 customers, and at 50,000 customers hashing
//! ids was ~0.4 s of opening Today.
//!
//! SipHash resists hash flooding: keys chosen so that they all collide, which turns a map's
//! inserts quadratic. The ids here come from the user's own book, or from a file the user chose
//! to import. A file made to collide could at worst make this device slow while it is open; it
//! cannot reach another user or change data, and the import preview shows the file's records
//! before anything is written. The standard library's SipHash keys are also fixed in this
//! WebAssembly build (it has no source of randomness at start), so it gave no more protection
//! here than Fx does.

pub use rustc_hash::{FxHashMap as FastMap, FxHashSet as FastSet};
