//! A snapshot and a journal, so that opening the app reads a few large values instead of one
//! IndexedDB record per customer and visit.
//!
//! Why: with 5,000 customers (55,000 visits) IndexedDB's `getAll` of the visits store alone took
//! about 1.9 s on the benchmark machine, whatever the app did with the result; reading the same 25 MB
//! as one value takes a small fraction of that. The per-record stores stay the truth (every save is
//! still one revision-checked, verified transaction on them); the snapshot is a cache of them.
//!
//! - `snapshot` holds, per loaded collection, every record's JSON joined by [`SEP`] as UTF-8 bytes
//!   (a `Uint8Array`: copied into wasm memory as is, where a string would be re-encoded), and under
//!   [`GEN`] the generation it was taken at.
//! - `journal` holds under [`GEN`] a counter that every write batch bumps, and one key
//!   `<collection>/<key>` per record written since the snapshot. Both are written in the same
//!   transaction as the records, so snapshot + journal always describe the stores exactly.
//! - Loading reads the snapshot, then the current value of each journal key (overlaying them);
//!   without a snapshot it reads the stores whole. Afterwards, when the journal has grown (or there
//!   was no snapshot), [`compact`] writes a new snapshot and empties the journal, only if no write
//!   happened in between (the counter is unchanged), from the very strings that were read.

use crate::store::error::StorageError;
use crate::store::record::Collection;
use idb::{Transaction, TransactionResult};
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};

pub const SNAPSHOT: &str = "snapshot";
pub const JOURNAL: &str = "journal";
/// The generation key in both stores.
pub const GEN: &str = "#gen";
/// Separates records in a snapshot value: a control character, which JSON text never contains
/// unescaped (serde_json and `JSON.stringify` both escape it).
pub const SEP: u8 = 0x1e;
pub const SEP_STR: &str = "\u{1e}";
/// A journal longer than this is folded into a new snapshot after the load.
pub const COMPACT_AFTER: usize = 256;

/// The collections read at start (signatures are read on demand, meta by key).
pub const LOADED: [Collection; 6] = [
    Collection::Customers,
    Collection::Visits,
    Collection::Feedback,
    Collection::Campaigns,
    Collection::AgendaMarks,
    Collection::Scripts,
];

pub fn is_loaded(collection: Collection) -> bool {
    LOADED.contains(&collection)
}

pub fn journal_key(collection: Collection, key: &str) -> String {
    format!("{}/{key}", collection.name())
}

/// What the journal says at load.
#[derive(Debug, Default)]
pub struct Journal {
    pub generation: f64,
    /// The snapshot's generation; `None` when there is no snapshot.
    pub snapshot: Option<f64>,
    /// Keys written since the snapshot, by collection.
    pub changed: HashMap<Collection, Vec<String>>,
    pub len: usize,
}

/// One collection as read: either the stores whole, or the snapshot plus the changed records.
#[derive(Debug)]
pub enum Raw {
    Store { joined: Vec<u8> },
    Snapshot { joined: Vec<u8>, changed: Vec<(String, Option<String>)> },
}

/// A new snapshot to write after the load.
#[derive(Debug, Default, Clone)]
pub struct Compaction {
    pub generation: f64,
    pub collections: Vec<(Collection, Vec<u8>)>,
}

fn generation(value: Option<JsValue>) -> f64 {
    value.and_then(|v| v.as_f64()).unwrap_or(0.0)
}

pub async fn read_journal(tx: &Transaction) -> Result<Journal, StorageError> {
    let journal = tx.object_store(JOURNAL)?;
    let snapshot = tx.object_store(SNAPSHOT)?;
    let generation = generation(journal.get(JsValue::from_str(GEN))?.await?);
    let snapshot = snapshot.get(JsValue::from_str(GEN))?.await?.and_then(|v| v.as_f64());
    let mut out = Journal { generation, snapshot, ..Journal::default() };
    if out.snapshot.is_none() {
        return Ok(out);
    }
    for key in journal.get_all_keys(None, None)?.await? {
        let Some(key) = key.as_string() else { continue };
        let Some((name, record)) = key.split_once('/') else { continue };
        if let Some(collection) = Collection::from_name(name) {
            out.changed.entry(collection).or_default().push(record.to_string());
            out.len += 1;
        }
    }
    Ok(out)
}

/// Reads one collection in the load's transaction.
pub async fn read(tx: &Transaction, collection: Collection, journal: &Journal) -> Result<Raw, StorageError> {
    let store = tx.object_store(collection.name())?;
    let snapshot = match journal.snapshot {
        None => None,
        Some(_) => tx.object_store(SNAPSHOT)?.get(JsValue::from_str(collection.name()))?.await?,
    };
    // A snapshot value that is missing or not bytes (written by something else) is not trusted:
    // the store itself is read instead.
    let Some(bytes) = snapshot.and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok()) else {
        let values = store.get_all(None, None)?.await?;
        // One string across the wasm boundary instead of one per record.
        let array: js_sys::Array = values.into_iter().collect();
        return Ok(Raw::Store { joined: String::from(array.join(SEP_STR)).into_bytes() });
    };
    let joined = bytes.to_vec();
    // All reads queued before the first is awaited.
    let mut reads = Vec::new();
    for key in journal.changed.get(&collection).into_iter().flatten() {
        reads.push((key, queue_get(&store, key)?));
    }
    let mut changed = Vec::with_capacity(reads.len());
    for (key, read) in reads {
        changed.push((key.clone(), read.await?.and_then(|v| v.as_string())));
    }
    Ok(Raw::Snapshot { joined, changed })
}

/// Queues a read of `key` to be awaited later, so that many reads share one round trip. It is
/// made a future at once because that is when idb attaches the request's success callback, which
/// must happen before the request completes.
pub fn queue_get(
    store: &idb::ObjectStore,
    key: &str,
) -> Result<idb::request::futures::GetStoreRequestFuture, StorageError> {
    Ok(std::future::IntoFuture::into_future(store.get(JsValue::from_str(key))?))
}

/// The records of a joined value.
pub fn split(joined: &str) -> impl Iterator<Item = &str> {
    joined.split(SEP_STR).filter(|s| !s.is_empty())
}

/// Writes the new snapshot and empties the journal, unless something was written since the load
/// (then the next load tries again). A failure (storage full) leaves the old snapshot and journal,
/// which still describe the stores.
pub async fn compact(tx: Transaction, compaction: Compaction) -> Result<bool, StorageError> {
    let journal = tx.object_store(JOURNAL)?;
    let snapshot = tx.object_store(SNAPSHOT)?;
    let generation = generation(journal.get(JsValue::from_str(GEN))?.await?);
    if generation != compaction.generation {
        let _ = tx.abort();
        return Ok(false);
    }
    for (collection, joined) in &compaction.collections {
        let bytes = js_sys::Uint8Array::from(joined.as_slice());
        snapshot.put(&bytes, Some(&JsValue::from_str(collection.name())))?;
    }
    snapshot.put(&JsValue::from_f64(generation), Some(&JsValue::from_str(GEN)))?;
    journal.clear()?;
    journal.put(&JsValue::from_f64(generation), Some(&JsValue::from_str(GEN)))?;
    match tx.commit()?.await {
        Ok(TransactionResult::Committed) => Ok(true),
        Ok(TransactionResult::Aborted) => Ok(false),
        Err(e) => Err(StorageError::from_idb(e)),
    }
}

/// Inside a write batch's transaction: bumps the generation and names the written records.
pub async fn journal_writes<'a>(
    tx: &Transaction,
    written: impl Iterator<Item = (Collection, &'a str)>,
) -> Result<(), StorageError> {
    let journal = tx.object_store(JOURNAL)?;
    let generation = generation(journal.get(JsValue::from_str(GEN))?.await?);
    journal.put(&JsValue::from_f64(generation + 1.0), Some(&JsValue::from_str(GEN)))?;
    let empty = JsValue::from_str("");
    for (collection, key) in written.filter(|(c, _)| is_loaded(*c)) {
        journal.put(&empty, Some(&JsValue::from_str(&journal_key(collection, key))))?;
    }
    Ok(())
}
