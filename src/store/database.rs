//! IndexedDB: opening, loading everything at start, and atomic, verified writes.

use crate::domain::dataset::Dataset;
use crate::domain::exchange::{self, Quarantined, SCHEMA_VERSION};
use crate::domain::settings::Settings;
use crate::store::batch::{Batch, Op};
use crate::store::error::StorageError;
use crate::store::record::{Collection, StoredRecord};
use crate::store::snapshot::{self, Compaction, Raw};
use idb::{DatabaseEvent, Factory, ObjectStoreParams, TransactionMode, TransactionResult};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbTransaction, IdbTransactionMode};

/// The database of the app. Tests open their own names so they never touch the user's data.
pub const DB_NAME: &str = "huifang";

/// IndexedDB's own structural version: bump it when [`Collection::ALL`] grows, so that the
/// upgrade creates the new object stores. Distinct from the data's [`SCHEMA_VERSION`].
/// History: 1 the foundation; 2 adds `campaigns` and `agenda_marks`; 3 adds `scripts`; 4 adds
/// `snapshot` and `journal` ([`snapshot`](crate::store::snapshot)).
const IDB_VERSION: u32 = 4;

const META_SCHEMA: &str = "schema";
const META_SETTINGS: &str = "settings";

/// The collections an older schema's data is rewritten from, through the same migration chain as
/// an imported file (whose document has one array per collection name).
const MIGRATED: [Collection; 5] =
    [Collection::Customers, Collection::Visits, Collection::Feedback, Collection::Signatures, Collection::Scripts];

/// What [`Database::load`] found.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Everything but signatures, which are read on demand.
    pub data: Dataset,
    /// The schema version the data had, when it was older and has just been upgraded.
    pub migrated_from: Option<u32>,
    /// Records that could not be decoded; they stay in storage untouched, are reported, and go
    /// into a backup's `quarantine` section as they are.
    pub unreadable: Vec<Quarantined>,
    /// A new snapshot to write once the app is shown ([`Database::compact`]).
    pub compaction: Option<Compaction>,
    /// Storage was already full when this empty database was first opened: it holds nothing,
    /// and every write will be refused until space is freed.
    pub full: bool,
}

#[derive(Clone)]
pub struct Database {
    raw: IdbDatabase,
}

#[derive(Deserialize)]
struct RevOnly {
    #[serde(default)]
    rev: u64,
}

impl Database {
    pub async fn open() -> Result<Database, StorageError> {
        Database::open_named(DB_NAME).await
    }

    pub async fn open_named(name: &str) -> Result<Database, StorageError> {
        let factory = Factory::new().map_err(|_| StorageError::Unavailable)?;
        let mut request = factory.open(name, Some(IDB_VERSION)).map_err(StorageError::from_idb)?;
        request.on_upgrade_needed(|event| {
            // Only ever add stores here: dropping or recreating one would destroy the user's data.
            let Ok(db) = event.database() else { return };
            let existing = db.store_names();
            let names = Collection::ALL.iter().map(|c| c.name()).chain([snapshot::SNAPSHOT, snapshot::JOURNAL]);
            for name in names {
                if !existing.iter().any(|n| n == name) {
                    let _ = db.create_object_store(name, ObjectStoreParams::new());
                }
            }
        });
        let db = request.await.map_err(StorageError::from_idb)?;
        let raw: IdbDatabase = db.into();
        // A newer version of the app opened in another tab wants to upgrade: let it, this tab's
        // connection would block it forever otherwise. This tab then reports that it must reload.
        let raw_for_close = raw.clone();
        let on_version_change = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            raw_for_close.close();
        });
        raw.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        on_version_change.forget();
        Ok(Database { raw })
    }

    /// Deletes a whole database (tests, and "erase everything" in Data).
    pub async fn delete_named(name: &str) -> Result<(), StorageError> {
        let factory = Factory::new().map_err(|_| StorageError::Unavailable)?;
        factory.delete(name).map_err(StorageError::from_idb)?.await.map_err(StorageError::from_idb)?;
        Ok(())
    }

    pub fn close(&self) {
        self.raw.close();
    }

    fn transaction(&self, collections: &[Collection], mode: TransactionMode) -> Result<IdbTransaction, StorageError> {
        let names: Vec<&str> = collections.iter().map(|c| c.name()).collect();
        self.transaction_of(&names, mode)
    }

    fn transaction_of(&self, names: &[&str], mode: TransactionMode) -> Result<IdbTransaction, StorageError> {
        let names: js_sys::Array = names.iter().map(|n| JsValue::from_str(n)).collect();
        let mode: IdbTransactionMode = mode.into();
        self.raw.transaction_with_str_sequence_and_mode(&names, mode).map_err(|e| StorageError::from_js(&e))
    }

    /// Every (key, JSON) pair of a collection, in key order.
    pub async fn get_all_raw(&self, collection: Collection) -> Result<Vec<(String, String)>, StorageError> {
        let raw_tx = self.transaction(&[collection], TransactionMode::ReadOnly)?;
        let tx = idb::Transaction::from(raw_tx);
        let store = tx.object_store(collection.name())?;
        let keys = store.get_all_keys(None, None)?.await?;
        let values = store.get_all(None, None)?.await?;
        Ok(keys
            .into_iter()
            .zip(values)
            .map(|(k, v)| (k.as_string().unwrap_or_default(), v.as_string().unwrap_or_default()))
            .collect())
    }

    pub async fn get_raw(&self, collection: Collection, key: &str) -> Result<Option<String>, StorageError> {
        let raw_tx = self.transaction(&[collection], TransactionMode::ReadOnly)?;
        let tx = idb::Transaction::from(raw_tx);
        let store = tx.object_store(collection.name())?;
        let value = store.get(JsValue::from_str(key))?.await?;
        Ok(value.and_then(|v| v.as_string()))
    }

    /// Reads one record; `Ok(None)` when absent, `Unreadable` when it no longer decodes.
    pub async fn get<R: StoredRecord>(&self, key: &str) -> Result<Option<R>, StorageError> {
        match self.get_raw(R::COLLECTION, key).await? {
            None => Ok(None),
            Some(json) => serde_json::from_str(&json)
                .map(Some)
                .map_err(|e| StorageError::Unreadable { what: format!("{}/{key}: {e}", R::COLLECTION.name()) }),
        }
    }

    pub async fn get_meta<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StorageError> {
        match self.get_raw(Collection::Meta, key).await? {
            None => Ok(None),
            Some(json) => serde_json::from_str(&json)
                .map(Some)
                .map_err(|e| StorageError::Unreadable { what: format!("meta/{key}: {e}") }),
        }
    }

    /// Loads everything but signatures, upgrading data of an older schema first. Data of a newer
    /// schema is refused (and left untouched).
    pub async fn load(&self) -> Result<Loaded, StorageError> {
        let stored_version: Option<u32> = self.get_meta(META_SCHEMA).await?;
        let is_empty = stored_version.is_none();
        let version = stored_version.unwrap_or(SCHEMA_VERSION);
        if version > SCHEMA_VERSION {
            return Err(StorageError::TooNew { version });
        }
        let mut migrated_from = None;
        let mut full = false;
        if version < SCHEMA_VERSION {
            self.upgrade_from(version).await?;
            migrated_from = Some(version);
        } else if is_empty {
            let mut batch = Batch::new();
            batch.put_meta(META_SCHEMA, &SCHEMA_VERSION);
            match self.write(batch).await {
                // Nothing is stored yet, so nothing can be lost: open the empty book and let each
                // save be refused as full. A missing schema mark means "current", so the first
                // save that fits writes it then.
                Err(StorageError::QuotaExceeded) => full = true,
                other => other?,
            }
        }

        let mut loaded = Loaded { migrated_from, full, ..Loaded::default() };
        loaded.data.settings = match self.get_raw(Collection::Meta, META_SETTINGS).await? {
            None => Settings::default(),
            Some(json) => match serde_json::from_str(&json) {
                Ok(settings) => settings,
                Err(e) => {
                    loaded.unreadable.push(quarantined(Collection::Meta, META_SETTINGS, &e, json));
                    Settings::default()
                }
            },
        };

        // Everything in one transaction: the snapshot, the journal and the stores agree.
        let mut names: Vec<&str> = snapshot::LOADED.iter().map(|c| c.name()).collect();
        names.extend([snapshot::SNAPSHOT, snapshot::JOURNAL]);
        let tx = idb::Transaction::from(self.transaction_of(&names, TransactionMode::ReadOnly)?);
        let mut journal = snapshot::read_journal(&tx).await?;
        if migrated_from.is_some() {
            // Just rewritten from an older schema: read the stores, and snapshot them afresh.
            journal.snapshot = None;
        }
        let read = |collection| snapshot::read(&tx, collection, &journal);
        let raw = [
            read(Collection::Customers).await?,
            read(Collection::Visits).await?,
            read(Collection::Feedback).await?,
            read(Collection::Campaigns).await?,
            read(Collection::AgendaMarks).await?,
            read(Collection::Scripts).await?,
        ];
        drop(tx);
        let compact = journal.snapshot.is_none()
            || journal.len > snapshot::COMPACT_AFTER
            || raw.iter().any(|r| matches!(r, Raw::Store { .. }));
        let mut compaction = Compaction { generation: journal.generation, collections: Vec::new() };
        let mut out =
            Decoded { db: self, unreadable: &mut loaded.unreadable, compaction: compact.then_some(&mut compaction) };
        let [customers, visits, feedback, campaigns, agenda_marks, scripts] = raw;
        loaded.data.customers = out.decode(customers).await?;
        loaded.data.visits = out.decode(visits).await?;
        loaded.data.feedback = out.decode(feedback).await?;
        loaded.data.campaigns = out.decode(campaigns).await?;
        loaded.data.agenda_marks = out.decode(agenda_marks).await?;
        loaded.data.scripts = out.decode(scripts).await?;
        loaded.compaction = compact.then_some(compaction);
        Ok(loaded)
    }

    /// Writes the snapshot a load prepared; skipped when anything was written since. The app
    /// calls it once it is shown: it is a cache, so a failure only costs the next load time.
    pub async fn compact(&self, compaction: Compaction) -> Result<bool, StorageError> {
        let tx = self.transaction_of(&[snapshot::SNAPSHOT, snapshot::JOURNAL], TransactionMode::ReadWrite)?;
        snapshot::compact(idb::Transaction::from(tx), compaction).await
    }

    /// Every record of a collection that decodes, and the others as they are stored.
    pub async fn get_all_checked<R: StoredRecord>(&self) -> Result<(Vec<R>, Vec<Quarantined>), StorageError> {
        let mut unreadable = Vec::new();
        let (records, _) = self.load_by_key::<R>(&mut unreadable).await?;
        Ok((records, unreadable))
    }

    /// The slow path of a load, which sets each unreadable record aside by its key.
    async fn load_by_key<R: StoredRecord>(
        &self,
        unreadable: &mut Vec<Quarantined>,
    ) -> Result<(Vec<R>, Vec<u8>), StorageError> {
        let raw = self.get_all_raw(R::COLLECTION).await?;
        let mut records = Vec::with_capacity(raw.len());
        let mut joined = Vec::new();
        for (key, json) in raw {
            joined.extend_from_slice(json.as_bytes());
            joined.push(snapshot::SEP);
            match serde_json::from_str::<R>(&json) {
                Ok(record) => records.push(record),
                Err(e) => unreadable.push(quarantined(R::COLLECTION, &key, &e, json)),
            }
        }
        Ok((records, joined))
    }

    /// Rewrites all data of an older schema through the shared migration chain, in one transaction.
    async fn upgrade_from(&self, version: u32) -> Result<(), StorageError> {
        let mut doc = serde_json::Map::new();
        doc.insert("format".into(), Value::from(exchange::FORMAT_NAME));
        doc.insert("version".into(), Value::from(version));
        if let Some(settings) = self.get_raw(Collection::Meta, META_SETTINGS).await? {
            doc.insert("settings".into(), parse_stored(&settings, "meta/settings")?);
        }
        for collection in MIGRATED {
            let mut records = Vec::new();
            for (key, json) in self.get_all_raw(collection).await? {
                records.push(parse_stored(&json, &format!("{}/{key}", collection.name()))?);
            }
            doc.insert(collection.name().into(), Value::Array(records));
        }
        let mut doc = Value::Object(doc);
        exchange::upgrade(&mut doc).map_err(|e| StorageError::Unreadable { what: e.to_string() })?;

        let mut batch = Batch::new();
        if let Some(settings) = doc.get("settings") {
            batch.put_meta(META_SETTINGS, settings);
        }
        for collection in MIGRATED {
            let key_field = if collection == Collection::Signatures { "visit_id" } else { "id" };
            for record in doc.get(collection.name()).and_then(Value::as_array).into_iter().flatten() {
                let key = record.get(key_field).and_then(Value::as_str).unwrap_or_default().to_string();
                batch.writes.push(crate::store::batch::Write {
                    collection,
                    key,
                    op: Op::Put { json: record.to_string() },
                    expected_rev: None,
                });
            }
        }
        batch.put_meta(META_SCHEMA, &SCHEMA_VERSION);
        self.write(batch).await
    }

    /// Saves the settings.
    pub async fn save_settings(&self, settings: &Settings) -> Result<(), StorageError> {
        let mut batch = Batch::new();
        batch.put_meta(META_SETTINGS, settings);
        self.write(batch).await
    }

    /// Applies a batch in one transaction: every write sticks or none does. Revisions named by the
    /// batch are checked first; then every write is read back and compared before the commit.
    pub async fn write(&self, batch: Batch) -> Result<(), StorageError> {
        if let Some(error) = batch.error {
            return Err(error);
        }
        if batch.writes.is_empty() {
            return Ok(());
        }
        let mut collections: Vec<Collection> =
            batch.writes.iter().map(|w| w.collection).chain(batch.requires.iter().map(|(c, _)| *c)).collect();
        collections.sort_by_key(|c| c.name());
        collections.dedup();

        let mut names: Vec<&str> = collections.iter().map(|c| c.name()).collect();
        names.push(snapshot::JOURNAL);
        let raw_tx = self.transaction_of(&names, TransactionMode::ReadWrite)?;
        let tx = idb::Transaction::from(raw_tx.clone());
        let outcome: Result<(), StorageError> = async {
            // Every revision read is queued before the first is awaited: one round trip for the
            // batch, not one per record (an import of 70,000 records waited 6 s here).
            let mut revisions = Vec::new();
            for write in batch.writes.iter().filter(|w| w.expected_rev.is_some()) {
                let store = tx.object_store(write.collection.name())?;
                revisions.push((write, snapshot::queue_get(&store, &write.key)?));
            }
            for (write, read) in revisions {
                let current_rev = match read.await?.and_then(|v| v.as_string()) {
                    None => 0,
                    Some(json) => serde_json::from_str::<RevOnly>(&json).map(|r| r.rev).unwrap_or(u64::MAX),
                };
                if Some(current_rev) != write.expected_rev {
                    return Err(StorageError::Conflict {
                        collection: write.collection.name().to_string(),
                        key: write.key.clone(),
                    });
                }
            }
            // What the written records belong to must still be there (or come with this batch):
            // checked in the same transaction, so no other tab can delete it in between.
            let mut last: std::collections::HashMap<(Collection, &str), bool> = std::collections::HashMap::new();
            for write in &batch.writes {
                last.insert((write.collection, write.key.as_str()), matches!(write.op, Op::Put { .. }));
            }
            let mut checks = Vec::new();
            for (collection, key) in &batch.requires {
                match last.get(&(*collection, key.as_str())) {
                    Some(true) => {}
                    Some(false) => {
                        return Err(StorageError::Missing {
                            collection: collection.name().to_string(),
                            key: key.clone(),
                        });
                    }
                    None => {
                        let store = tx.object_store(collection.name())?;
                        checks.push((*collection, key, snapshot::queue_get(&store, key)?));
                    }
                }
            }
            for (collection, key, read) in checks {
                if read.await?.is_none() {
                    return Err(StorageError::Missing { collection: collection.name().to_string(), key: key.clone() });
                }
            }
            snapshot::journal_writes(&tx, batch.writes.iter().map(|w| (w.collection, w.key.as_str()))).await?;
            // The puts are queued without awaiting each one: IndexedDB runs them in order, and a
            // failure of any aborts the transaction, which the commit below reports.
            for write in &batch.writes {
                let store = tx.object_store(write.collection.name())?;
                let key = JsValue::from_str(&write.key);
                match &write.op {
                    Op::Put { json } => {
                        store.put(&JsValue::from_str(json), Some(&key))?;
                    }
                    Op::Delete => {
                        store.delete(key)?;
                    }
                }
            }
            // Read back in the same transaction, before it commits: a write that storage did not
            // take as given aborts the whole batch, so nothing of it is kept.
            verify(&tx, &batch).await
        }
        .await;
        if let Err(error) = outcome {
            let _ = raw_tx.abort();
            return Err(error);
        }
        let result = tx.commit()?.await;
        match result {
            Ok(TransactionResult::Committed) => {}
            Ok(TransactionResult::Aborted) | Err(_) => {
                return Err(raw_tx
                    .error()
                    .map(|e| StorageError::from_dom_name(&e.name(), &e.message()))
                    .unwrap_or_else(|| match result {
                        Err(e) => StorageError::from_idb(e),
                        _ => StorageError::Failed { detail: "transaction aborted".into() },
                    }));
            }
        }
        Ok(())
    }

    /// Writes raw records of an older schema, as an older version of the app left them. Only for
    /// tests of the migration at load.
    pub async fn write_raw_for_test(&self, collection: Collection, key: &str, json: &str) -> Result<(), StorageError> {
        let mut batch = Batch::new();
        batch.writes.push(crate::store::batch::Write {
            collection,
            key: key.to_string(),
            op: Op::Put { json: json.to_string() },
            expected_rev: None,
        });
        self.write(batch).await
    }
}

/// Reads back the last write of each key of a batch, in the transaction that wrote it, and
/// compares it with what was written. Every read is queued before the first is awaited: one
/// round trip per batch instead of one per record (an import of 7,000 records spent seconds here).
async fn verify(tx: &idb::Transaction, batch: &Batch) -> Result<(), StorageError> {
    // Only the last write of a key counts.
    let mut last: std::collections::HashMap<(Collection, &str), &Op> = std::collections::HashMap::new();
    for write in &batch.writes {
        last.insert((write.collection, write.key.as_str()), &write.op);
    }
    // Every read is queued before the first is awaited: one round trip per batch instead of
    // one per record (an import of 7,000 records spent seconds here).
    let mut reads = Vec::with_capacity(last.len());
    for ((collection, key), op) in last {
        let store = tx.object_store(collection.name())?;
        reads.push((collection, key, op, snapshot::queue_get(&store, key)?));
    }
    for (collection, key, op, read) in reads {
        let stored = read.await?.and_then(|v| v.as_string());
        let ok = match op {
            Op::Put { json } => stored.as_deref() == Some(json.as_str()),
            Op::Delete => stored.is_none(),
        };
        if !ok {
            return Err(StorageError::NotVerified { key: format!("{}/{key}", collection.name()) });
        }
    }
    Ok(())
}

fn quarantined(collection: Collection, key: &str, error: &serde_json::Error, stored: String) -> Quarantined {
    Quarantined { collection: collection.name().to_string(), key: key.to_string(), problem: error.to_string(), stored }
}

fn parse_stored(json: &str, what: &str) -> Result<Value, StorageError> {
    serde_json::from_str(json).map_err(|e| StorageError::Unreadable { what: format!("{what}: {e}") })
}

/// Decodes the collections of one load, and gathers the next snapshot when one is due.
struct Decoded<'a> {
    db: &'a Database,
    unreadable: &'a mut Vec<Quarantined>,
    compaction: Option<&'a mut Compaction>,
}

impl Decoded<'_> {
    async fn decode<R: StoredRecord>(&mut self, raw: Raw) -> Result<Vec<R>, StorageError> {
        let collection = R::COLLECTION;
        let (joined, changed) = match raw {
            Raw::Store { joined } => (joined, Vec::new()),
            Raw::Snapshot { joined, changed } => (joined, changed),
        };
        let replaced: std::collections::HashSet<&str> = changed.iter().map(|(k, _)| k.as_str()).collect();
        let mut records: Vec<R> = Vec::new();
        let mut kept: Vec<&str> = Vec::new();
        // Text, so that every record goes through the same `from_str` decoder as everywhere else
        // (`from_slice` would be a second copy of each record type's decoder in the wasm: ~20 KB).
        let text = std::str::from_utf8(&joined);
        let mut failed = text.is_err();
        for json in snapshot::split(text.unwrap_or_default()) {
            match serde_json::from_str::<R>(json) {
                Ok(record) if replaced.contains(record.key()) => {}
                Ok(record) => {
                    records.push(record);
                    kept.push(json);
                }
                Err(_) => failed = true,
            }
        }
        for json in changed.iter().filter_map(|(_, v)| v.as_deref()) {
            match serde_json::from_str::<R>(json) {
                Ok(record) => {
                    records.push(record);
                    kept.push(json);
                }
                Err(_) => failed = true,
            }
        }
        if failed {
            // Some record does not decode: read the store by key, which names it (and keeps it,
            // untouched, in storage and in the next snapshot).
            let (records, joined) = self.db.load_by_key::<R>(self.unreadable).await?;
            if let Some(c) = self.compaction.as_deref_mut() {
                c.collections.push((collection, joined));
            }
            return Ok(records);
        }
        if !records.is_sorted_by(|a, b| a.key() <= b.key()) {
            records.sort_by(|a, b| a.key().cmp(b.key()));
        }
        if let Some(c) = self.compaction.as_deref_mut() {
            let joined = if changed.is_empty() { joined } else { kept.join(snapshot::SEP_STR).into_bytes() };
            c.collections.push((collection, joined));
        }
        Ok(records)
    }
}
