//! IndexedDB: opening, loading everything at start, and atomic, verified writes.

use crate::domain::dataset::Dataset;
use crate::domain::exchange::{self, Quarantined, SCHEMA_VERSION};
use crate::domain::fast_hash::FastMap;
use crate::domain::order;
use crate::domain::settings::Settings;
use crate::store::batch::{Batch, Op};
use crate::store::error::StorageError;
use crate::store::pages::{self, LOADED, PAGES_STORE};
use crate::store::record::{Collection, StoredRecord};
use crate::store::replica::{self, SYNC_STORE};
use crate::sync::local;
use idb::{DatabaseEvent, Factory, ObjectStoreParams, TransactionMode, TransactionResult};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbTransaction, IdbTransactionMode};

/// The database of the app. Tests open their own names so they never touch the user's data.
pub const DB_NAME: &str = "huifang";

/// IndexedDB's own structural version: bump it when a new object store is needed, so that the
/// upgrade creates it. Distinct from the data's [`SCHEMA_VERSION`].
/// History: 1 the foundation; 2 adds `campaigns` and `agenda_marks`; 3 adds `scripts`; 4 adds
/// `snapshot` and `journal`; 5 adds `pages` ([`pages`]), where the collections read at start now
/// live; 6 adds `sync` ([`replica`]: what sync keeps beside the records). A database made at 6
/// has only `pages`, `signatures`, `meta` and `sync`; one upgraded from an older version keeps its
/// older stores (never dropped in an upgrade), emptied by [`move_to_pages`].
const IDB_VERSION: u32 = 6;

const META_SCHEMA: &str = "schema";
const META_SETTINGS: &str = "settings";
/// The storage layout: absent in databases written before pages, [`LAYOUT_PAGES`] since.
const META_LAYOUT: &str = "layout";
const LAYOUT_PAGES: u32 = 2;
/// Stores of IndexedDB version 4 that only ever held a cache of the per-record stores.
const OLD_CACHES: [&str; 2] = ["snapshot", "journal"];

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
    /// Storage was already full when this empty database was first opened: it holds nothing,
    /// and every write will be refused until space is freed.
    pub full: bool,
}

#[derive(Clone)]
pub struct Database {
    pub(super) raw: IdbDatabase,
}

#[derive(Deserialize)]
struct RevOnly {
    #[serde(default)]
    rev: u64,
}

/// The revision of a stored record's JSON: 0 when there is none, and one that matches no saved
/// copy when it does not decode.
fn rev_of(json: Option<&str>) -> u64 {
    match json {
        None => 0,
        Some(json) => serde_json::from_str::<RevOnly>(json).map(|r| r.rev).unwrap_or(u64::MAX),
    }
}

/// The store a collection's records are in.
pub(super) fn store_of(collection: Collection) -> &'static str {
    if pages::is_loaded(collection) { PAGES_STORE } else { collection.name() }
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
            let names = Collection::ALL
                .iter()
                .filter(|c| !pages::is_loaded(**c))
                .map(|c| c.name())
                .chain([PAGES_STORE, SYNC_STORE]);
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

    pub(super) fn transaction_of(&self, names: &[&str], mode: TransactionMode) -> Result<IdbTransaction, StorageError> {
        let names: js_sys::Array = names.iter().map(|n| JsValue::from_str(n)).collect();
        let mode: IdbTransactionMode = mode.into();
        self.raw.transaction_with_str_sequence_and_mode(&names, mode).map_err(|e| StorageError::from_js(&e))
    }

    fn has_store(&self, name: &str) -> bool {
        self.raw.object_store_names().contains(name)
    }

    /// Every (key, JSON) pair of a collection, in key order.
    pub async fn get_all_raw(&self, collection: Collection) -> Result<Vec<(String, String)>, StorageError> {
        let tx = idb::Transaction::from(self.transaction_of(&[store_of(collection)], TransactionMode::ReadOnly)?);
        let store = tx.object_store(store_of(collection))?;
        if pages::is_loaded(collection) {
            let text = pages::joined(pages::queue_collection(&store, collection)?.await?);
            let mut all: Vec<(String, String)> =
                pages::lines(&text).map(|(k, v)| (k.to_string(), v.to_string())).collect();
            all.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            return Ok(all);
        }
        let keys = store.get_all_keys(None, None)?.await?;
        let values = store.get_all(None, None)?.await?;
        Ok(keys
            .into_iter()
            .zip(values)
            .map(|(k, v)| (k.as_string().unwrap_or_default(), v.as_string().unwrap_or_default()))
            .collect())
    }

    pub async fn get_raw(&self, collection: Collection, key: &str) -> Result<Option<String>, StorageError> {
        let tx = idb::Transaction::from(self.transaction_of(&[store_of(collection)], TransactionMode::ReadOnly)?);
        let store = tx.object_store(store_of(collection))?;
        if pages::is_loaded(collection) {
            let page = pages::queue_get(&store, &pages::page_key(collection, pages::page_of(key)))?.await?;
            let text = page.and_then(|v| pages::text_of(&v)).unwrap_or_default();
            return Ok(pages::find(&text, key).map(str::to_string));
        }
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
        // Records of an older layout move into pages before anything reads them.
        self.move_to_pages().await?;
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

        // Every page of every collection in one transaction, each collection one string.
        let tx = idb::Transaction::from(self.transaction_of(&[PAGES_STORE], TransactionMode::ReadOnly)?);
        let store = tx.object_store(PAGES_STORE)?;
        let mut reads = Vec::with_capacity(LOADED.len());
        for collection in LOADED {
            reads.push(pages::queue_collection(&store, collection)?);
        }
        let mut values = Vec::with_capacity(LOADED.len());
        for read in reads {
            values.push(read.await?);
        }
        drop(tx);
        // Each collection's pages stay JS values until decoded, one page at a time (`decode`).
        let mut values = values.into_iter();
        let mut next = move || values.next().unwrap_or_default();
        let (u, buffer) = (&mut loaded.unreadable, &mut Vec::new());
        loaded.data.customers = decode(next(), buffer, u);
        loaded.data.visits = decode(next(), buffer, u);
        loaded.data.feedback = decode(next(), buffer, u);
        loaded.data.campaigns = decode(next(), buffer, u);
        loaded.data.agenda_marks = decode(next(), buffer, u);
        loaded.data.scripts = decode(next(), buffer, u);
        Ok(loaded)
    }

    /// Every record of a collection that decodes, and the others as they are stored.
    pub async fn get_all_checked<R: StoredRecord>(&self) -> Result<(Vec<R>, Vec<Quarantined>), StorageError> {
        let mut unreadable = Vec::new();
        let records = self.load_by_key::<R>(&mut unreadable).await?;
        Ok((records, unreadable))
    }

    /// Every record of a collection by key, setting each unreadable one aside by its key.
    async fn load_by_key<R: StoredRecord>(&self, unreadable: &mut Vec<Quarantined>) -> Result<Vec<R>, StorageError> {
        let raw = self.get_all_raw(R::COLLECTION).await?;
        let mut records = Vec::with_capacity(raw.len());
        for (key, json) in raw {
            match serde_json::from_str::<R>(&json) {
                Ok(record) => records.push(record),
                Err(e) => unreadable.push(quarantined(R::COLLECTION, &key, &e, json)),
            }
        }
        Ok(records)
    }

    /// Moves the records of a database written before pages (IndexedDB version 4 and older: one
    /// record per key in each collection's store, maybe a snapshot and a journal beside them)
    /// into pages, and empties the old stores, in one transaction: either all of it moves or
    /// nothing does, and the next load tries again. Records move as stored, readable or not.
    /// Marked done in meta (`layout`), so later loads skip it.
    async fn move_to_pages(&self) -> Result<(), StorageError> {
        let old: Vec<Collection> = LOADED.into_iter().filter(|c| self.has_store(c.name())).collect();
        let caches: Vec<&str> = OLD_CACHES.into_iter().filter(|name| self.has_store(name)).collect();
        if old.is_empty() && caches.is_empty() {
            return Ok(());
        }
        if self.get_meta::<u32>(META_LAYOUT).await.ok().flatten() == Some(LAYOUT_PAGES) {
            return Ok(());
        }
        let mut names: Vec<&str> = old.iter().map(|c| c.name()).chain(caches.iter().copied()).collect();
        names.extend([PAGES_STORE, Collection::Meta.name()]);
        let raw_tx = self.transaction_of(&names, TransactionMode::ReadWrite)?;
        let tx = idb::Transaction::from(raw_tx.clone());
        let mut moved = 0;
        let outcome: Result<(), StorageError> = async {
            let pages_store = tx.object_store(PAGES_STORE)?;
            let mut reads = Vec::new();
            for collection in &old {
                let store = tx.object_store(collection.name())?;
                let keys = std::future::IntoFuture::into_future(store.get_all_keys(None, None)?);
                let values = std::future::IntoFuture::into_future(store.get_all(None, None)?);
                reads.push((*collection, keys, values));
            }
            let mut records: Vec<(Collection, String, String)> = Vec::new();
            for (collection, keys, values) in reads {
                for (key, value) in keys.await?.into_iter().zip(values.await?) {
                    let key = key.as_string().unwrap_or_default();
                    let json = value.as_string().unwrap_or_default();
                    records.push((collection, key, json));
                }
            }
            moved = records.len();
            if !records.is_empty() {
                let mut pending = Pages::default();
                for (collection, key, json) in &records {
                    // A key the line cannot hold stays behind rather than breaking its page.
                    if pages::check_key(*collection, key).is_ok() {
                        let page = pending.page(*collection, key);
                        pending.edits.push((page, key.as_str(), Some(pages::line_safe(json))));
                    }
                }
                let texts = pending.read(&pages_store).await?;
                // What pages already hold was written later than the old stores: it wins.
                let new_texts = pending.apply(&texts, |text, key| text.is_none_or(|t| pages::find(t, key).is_none()));
                let written = pending.put(&pages_store, new_texts)?;
                verify_pages(&pages_store, &written).await?;
            }
            for name in &names[..names.len() - 2] {
                tx.object_store(name)?.clear()?;
            }
            tx.object_store(Collection::Meta.name())?
                .put(&JsValue::from_str(&LAYOUT_PAGES.to_string()), Some(&JsValue::from_str(META_LAYOUT)))?;
            Ok(())
        }
        .await;
        match (finish(raw_tx, tx, outcome).await, moved) {
            // Nothing to move and no room to mark it: the next load looks again, and finds
            // nothing again.
            (Err(StorageError::QuotaExceeded), 0) => Ok(()),
            (result, _) => result,
        }
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

    /// Applies a batch in one transaction: every write sticks or none does. The pages the batch
    /// touches are read first, in the same transaction; revisions and what the records belong to
    /// are checked against them; then the pages are rewritten and read back before the commit.
    pub async fn write(&self, batch: Batch) -> Result<(), StorageError> {
        if let Some(error) = batch.error {
            return Err(error);
        }
        if batch.writes.is_empty() {
            return Ok(());
        }
        for write in batch.writes.iter().filter(|w| pages::is_loaded(w.collection)) {
            pages::check_key(write.collection, &write.key)?;
        }
        let mut names: Vec<&str> = batch
            .writes
            .iter()
            .map(|w| w.collection)
            .chain(batch.requires.iter().map(|(c, _)| *c))
            .map(store_of)
            .collect();
        // A change that travels is kept for sync in the same transaction, when sync is set up.
        let travels = batch.writes.iter().any(|w| local::travels(w.collection, &w.key));
        if travels {
            names.push(SYNC_STORE);
        }
        names.sort_unstable();
        names.dedup();
        let raw_tx = self.transaction_of(&names, TransactionMode::ReadWrite)?;
        let tx = idb::Transaction::from(raw_tx.clone());
        let outcome = write_in(&tx, &batch, names.contains(&PAGES_STORE), travels).await;
        finish(raw_tx, tx, outcome).await
    }

    /// Writes a record as given, as an older version of the app or a damaged storage left it,
    /// into the page it belongs to. Only for tests (of the migration at load, of unreadable
    /// records).
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

/// Aborts the transaction on `outcome`'s error, or commits it and reports how that went.
pub(super) async fn finish(
    raw_tx: IdbTransaction,
    tx: idb::Transaction,
    outcome: Result<(), StorageError>,
) -> Result<(), StorageError> {
    if let Err(error) = outcome {
        let _ = raw_tx.abort();
        return Err(error);
    }
    let result = tx.commit()?.await;
    match result {
        Ok(TransactionResult::Committed) => Ok(()),
        Ok(TransactionResult::Aborted) | Err(_) => Err(raw_tx
            .error()
            .map(|e| StorageError::from_dom_name(&e.name(), &e.message()))
            .unwrap_or_else(|| match result {
                Err(e) => StorageError::from_idb(e),
                _ => StorageError::Failed { detail: "transaction aborted".into() },
            })),
    }
}

/// A page: its collection and number.
type PageId = (Collection, u32);

/// The pages one transaction rewrites, and the edits to make to them in order.
#[derive(Default)]
pub(super) struct Pages<'a> {
    /// Put before each page's key: empty for the records' pages, [`replica::KEPT`] for what sync
    /// keeps beside them (paged the same way, in the `sync` store).
    prefix: &'static str,
    ids: Vec<PageId>,
    index: FastMap<PageId, usize>,
    /// (page index, key, new JSON or `None` to delete).
    pub(super) edits: Vec<(usize, &'a str, Option<Cow<'a, str>>)>,
}

impl<'a> Pages<'a> {
    /// Pages whose keys start with `prefix`.
    pub(super) fn under(prefix: &'static str) -> Pages<'a> {
        Pages { prefix, ..Pages::default() }
    }

    fn key_of(&self, (collection, page): PageId) -> String {
        format!("{}{}", self.prefix, pages::page_key(collection, page))
    }

    pub(super) fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The index of the page `key` belongs to, added when new.
    pub(super) fn page(&mut self, collection: Collection, key: &str) -> usize {
        let id = (collection, pages::page_of(key));
        *self.index.entry(id).or_insert_with(|| {
            self.ids.push(id);
            self.ids.len() - 1
        })
    }

    /// Reads every page (all reads queued before the first is awaited); `None` where absent.
    pub(super) async fn read(&self, store: &idb::ObjectStore) -> Result<Vec<Option<String>>, StorageError> {
        let mut reads = Vec::with_capacity(self.ids.len());
        for id in &self.ids {
            reads.push(pages::queue_get(store, &self.key_of(*id))?);
        }
        let mut texts = Vec::with_capacity(reads.len());
        for read in reads {
            texts.push(read.await?.and_then(|v| pages::text_of(&v)));
        }
        Ok(texts)
    }

    /// The new text of every page an edit touches, from the pages as read (`texts`); the last
    /// edit of a key wins. `keep(text, key)` decides whether a put is applied. Linear in the
    /// lines and edits: every edit goes straight to its page's map.
    pub(super) fn apply(
        &self,
        texts: &[Option<String>],
        keep: impl Fn(Option<&str>, &str) -> bool,
    ) -> Vec<(usize, String)> {
        let mut maps: Vec<Option<BTreeMap<&str, &str>>> = vec![None; self.ids.len()];
        for (page, key, json) in &self.edits {
            let map = maps[*page]
                .get_or_insert_with(|| texts[*page].as_deref().map(|t| pages::lines(t).collect()).unwrap_or_default());
            match json {
                Some(json) if keep(texts[*page].as_deref(), key) => {
                    map.insert(key, json.as_ref());
                }
                Some(_) => {}
                None => {
                    map.remove(key);
                }
            }
        }
        maps.into_iter().enumerate().filter_map(|(i, map)| Some((i, pages::encode(&map?)))).collect()
    }

    /// Queues the writes of the new page texts (an empty page is deleted); the transaction runs
    /// them in order, and a failure of any aborts it.
    pub(super) fn put(
        &self,
        store: &idb::ObjectStore,
        written: Vec<(usize, String)>,
    ) -> Result<Vec<Written>, StorageError> {
        let mut out = Vec::with_capacity(written.len());
        for (page, text) in written {
            let key = self.key_of(self.ids[page]);
            if text.is_empty() {
                store.delete(JsValue::from_str(&key))?;
            } else {
                store.put(&pages::value_of(&text), Some(&JsValue::from_str(&key)))?;
            }
            out.push(Written { key, text });
        }
        Ok(out)
    }
}

/// A page written in a transaction, to read back: empty for a delete.
pub(super) struct Written {
    key: String,
    text: String,
}

/// The body of [`Database::write`], in its transaction.
async fn write_in(tx: &idb::Transaction, batch: &Batch, paged: bool, travels: bool) -> Result<(), StorageError> {
    let pages_store = if paged { Some(tx.object_store(PAGES_STORE)?) } else { None };
    // Whether sync is set up is read in this transaction, so that a tab that set it up a moment
    // ago is never missed by another tab's save.
    // Queued now and awaited with the pages, so a save costs no extra round trip for it.
    let sync_store = if travels { Some(tx.object_store(SYNC_STORE)?) } else { None };
    let setup_read = match &sync_store {
        Some(store) => Some(replica::queue_setup(store)?),
        None => None,
    };
    // The page of every write and requirement of a paged collection.
    let mut plan = Pages::default();
    let mut page_of_write = Vec::with_capacity(batch.writes.len());
    for write in &batch.writes {
        page_of_write.push(pages::is_loaded(write.collection).then(|| plan.page(write.collection, &write.key)));
    }
    let mut page_of_require = Vec::with_capacity(batch.requires.len());
    for (collection, key) in &batch.requires {
        page_of_require.push(pages::is_loaded(*collection).then(|| plan.page(*collection, key)));
    }

    // The last write of each key decides whether a required record exists after the batch.
    let mut last: FastMap<(Collection, &str), bool> =
        FastMap::with_capacity_and_hasher(batch.writes.len(), Default::default());
    for write in &batch.writes {
        last.insert((write.collection, write.key.as_str()), matches!(write.op, Op::Put { .. }));
    }

    // Every read is queued before the first is awaited: one round trip for the batch, not one per
    // record (an import of 70,000 records waited seconds here): the pages, and the records of
    // per-key stores whose revision or existence is checked, or whose change may travel (sync
    // makes its revision from the record as stored).
    let mut record_keys: HashMap<Collection, Vec<&str>> = HashMap::new();
    let checked = batch
        .writes
        .iter()
        .filter(|w| w.expected_rev.is_some() || (travels && local::travels(w.collection, &w.key)))
        .map(|w| (w.collection, w.key.as_str()))
        .chain(
            batch.requires.iter().filter(|r| !last.contains_key(&(r.0, r.1.as_str()))).map(|(c, k)| (*c, k.as_str())),
        );
    for (collection, key) in checked.filter(|(c, _)| !pages::is_loaded(*c)) {
        record_keys.entry(collection).or_default().push(key);
    }
    let mut record_reads = Vec::with_capacity(record_keys.len());
    for (collection, keys) in record_keys {
        record_reads.push((collection, KeyReads::queue(&tx.object_store(collection.name())?, keys)?));
    }
    let texts = match &pages_store {
        Some(store) => plan.read(store).await?,
        None => Vec::new(),
    };
    let mut setup = match setup_read {
        Some(read) => replica::setup_of(read.await?),
        None => None,
    };
    let tracked = |w: &crate::store::batch::Write| setup.is_some() && local::travels(w.collection, &w.key);
    // What sync keeps beside the records this batch changes, paged like them.
    let mut kept_plan = Pages::under(replica::KEPT);
    let kept_page_of_write: Vec<Option<usize>> =
        batch.writes.iter().map(|w| tracked(w).then(|| kept_plan.page(w.collection, &w.key))).collect();
    let kept_texts = match &sync_store {
        Some(store) if !kept_plan.is_empty() => kept_plan.read(store).await?,
        _ => Vec::new(),
    };
    let mut records: FastMap<(Collection, &str), Option<String>> = FastMap::default();
    for (collection, reads) in record_reads {
        records.extend(reads.read().await?.into_iter().map(|(key, text)| ((collection, key), text)));
    }
    // The pages as read, by key: revisions and requirements are checked against storage as it was
    // before this batch.
    let mut stored: Vec<Option<FastMap<&str, &str>>> = vec![None; texts.len()];
    let mut lookup = |page: Option<usize>, collection: Collection, key: &str| -> Option<String> {
        match page {
            Some(page) => {
                let map = stored[page].get_or_insert_with(|| {
                    texts[page].as_deref().map(|t| pages::lines(t).collect()).unwrap_or_default()
                });
                map.get(key).map(|json| json.to_string())
            }
            None => records.get(&(collection, key)).cloned().flatten(),
        }
    };

    for (write, page) in batch.writes.iter().zip(&page_of_write) {
        let Some(expected) = write.expected_rev else { continue };
        if rev_of(lookup(*page, write.collection, &write.key).as_deref()) != expected {
            return Err(StorageError::Conflict {
                collection: write.collection.name().to_string(),
                key: write.key.clone(),
            });
        }
    }
    // What the written records belong to must still be there (or come with this batch): checked
    // in the same transaction, so no other tab can delete it in between.
    for ((collection, key), page) in batch.requires.iter().zip(&page_of_require) {
        let exists = match last.get(&(*collection, key.as_str())) {
            Some(put) => *put,
            None => lookup(*page, *collection, key).is_some(),
        };
        if !exists {
            return Err(StorageError::Missing { collection: collection.name().to_string(), key: key.clone() });
        }
    }

    // The revision each change makes, in the batch's order, from the records as stored before it.
    let mut revisions = Vec::new();
    if setup.is_some() {
        let mut versions: FastMap<(Collection, &str), Option<crate::sync::Version>> = FastMap::default();
        for ((write, page), kept_page) in batch.writes.iter().zip(&page_of_write).zip(&kept_page_of_write) {
            let Some(kept_page) = kept_page else { continue };
            let id = (write.collection, write.key.as_str());
            let before = match versions.get(&id) {
                Some(version) => version.clone(),
                None => {
                    let stored = lookup(*page, write.collection, &write.key);
                    let kept = replica::kept_in(kept_texts[*kept_page].as_deref(), &write.key);
                    local::current(stored.as_deref(), kept.as_ref())
                }
            };
            let after = match &write.op {
                Op::Put { json } => Some(json.as_str()),
                Op::Delete => None,
            };
            let new = local::saved(before.as_ref(), after);
            if let Some(version) = &new {
                let kept = serde_json::to_string(&local::Kept::of(version))
                    .map_err(|e| StorageError::Failed { detail: e.to_string() })?;
                kept_plan.edits.push((*kept_page, write.key.as_str(), Some(Cow::Owned(kept))));
                let id = crate::sync::DocId::new(write.collection, write.key.clone());
                revisions.push(crate::sync::Revision { id, version: version.clone() });
            }
            versions.insert(id, new.or(before));
        }
    }

    let mut written = Vec::new();
    if let Some(store) = &pages_store {
        for (write, page) in batch.writes.iter().zip(&page_of_write) {
            let Some(page) = page else { continue };
            let json = match &write.op {
                Op::Put { json } => Some(pages::line_safe(json)),
                Op::Delete => None,
            };
            plan.edits.push((*page, write.key.as_str(), json));
        }
        let texts = plan.apply(&texts, |_, _| true);
        written = plan.put(store, texts)?;
    }
    // The records of per-key stores, queued without awaiting each one: IndexedDB runs them in
    // order, and a failure of any aborts the transaction, which the commit reports. Each store is
    // opened once (an import writes thousands of signatures), with the last operation on each of
    // its keys, to read back.
    let mut per_key: HashMap<Collection, (idb::ObjectStore, HashMap<&str, &Op>)> = HashMap::new();
    for write in batch.writes.iter().filter(|w| !pages::is_loaded(w.collection)) {
        let (store, last_op) = match per_key.entry(write.collection) {
            std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::hash_map::Entry::Vacant(entry) => {
                entry.insert((tx.object_store(write.collection.name())?, HashMap::new()))
            }
        };
        let key = JsValue::from_str(&write.key);
        match &write.op {
            Op::Put { json } => {
                store.put(&JsValue::from_str(json), Some(&key))?;
            }
            Op::Delete => {
                store.delete(key)?;
            }
        }
        last_op.insert(write.key.as_str(), &write.op);
    }

    // The changes' revisions: beside the records, and in the outbox.
    let mut sync_written = Vec::new();
    let mut sync_values = Vec::new();
    if let (Some(setup), Some(store)) = (setup.as_mut(), &sync_store)
        && !revisions.is_empty()
    {
        let texts = kept_plan.apply(&kept_texts, |_, _| true);
        sync_written = kept_plan.put(store, texts)?;
        sync_values = replica::queue_outbox(store, setup, revisions)?;
    }

    // Read back in the same transaction, before it commits: a write that storage did not take as
    // given aborts the whole batch, so nothing of it is kept.
    let mut read_back = Vec::new();
    for (collection, (store, ops)) in per_key {
        let keys = ops.keys().copied().collect();
        read_back.push((collection, ops, KeyReads::queue(&store, keys)?));
    }
    if let Some(store) = &pages_store {
        verify_pages(store, &written).await?;
    }
    if let Some(store) = &sync_store {
        verify_pages(store, &sync_written).await?;
        replica::verify_values(store, &sync_values).await?;
    }
    for (collection, ops, reads) in read_back {
        let stored = reads.read().await?;
        for (key, op) in ops {
            let stored = stored.get(key).and_then(|text| text.as_deref());
            let holds = match op {
                Op::Put { json } => stored == Some(json.as_str()),
                Op::Delete => stored.is_none(),
            };
            if !holds {
                return Err(StorageError::NotVerified { key: format!("{}/{key}", collection.name()) });
            }
        }
    }
    Ok(())
}

/// More keys than this of one per-key store are read through their key range (see [`KeyReads`]).
const READ_ONE_BY_ONE: usize = 16;

/// A range holding at most this many records per wanted key is read whole; a sparser one, key by
/// key. A request costs the page ~20–35 µs in Chromium, a record read for nothing (a signature) a
/// few µs.
const DENSE_ENOUGH: usize = 4;

/// Reads of some records of one per-key store, queued now and awaited later with the transaction's
/// other reads. A few keys are read one request each. For many (an import's thousands of
/// signatures), the keys and values from the lowest wanted key to the highest are read in two
/// requests, up to [`DENSE_ENOUGH`] records per wanted key. Where the range holds more (a
/// customer's signatures spread over a large book), the wanted keys are then read one by one.
/// Reading the 4,452 signatures of the 5,000-customer book one by one, before the import's writes
/// (sync may need them) and after (to verify them), took ~0.3 s of its import.
enum KeyReads<'a> {
    OneByOne(Vec<(&'a str, idb::request::futures::GetStoreRequestFuture)>),
    Range {
        store: idb::ObjectStore,
        wanted: Vec<&'a str>,
        /// The most records of the range read: more means the range is too sparse to read whole.
        limit: usize,
        keys: idb::request::futures::GetAllKeysStoreRequestFuture,
        values: idb::request::futures::GetAllStoreRequestFuture,
    },
}

impl<'a> KeyReads<'a> {
    fn queue(store: &idb::ObjectStore, mut wanted: Vec<&'a str>) -> Result<KeyReads<'a>, StorageError> {
        wanted.sort_unstable();
        wanted.dedup();
        if wanted.len() <= READ_ONE_BY_ONE {
            return Ok(KeyReads::OneByOne(queue_each(store, wanted)?));
        }
        // IndexedDB orders string keys by their UTF-16 code units, which is not always the order
        // of their UTF-8 bytes.
        let utf16 = |a: &&str, b: &&str| a.encode_utf16().cmp(b.encode_utf16());
        let (Some(lowest), Some(highest)) =
            (wanted.iter().copied().min_by(utf16), wanted.iter().copied().max_by(utf16))
        else {
            return Ok(KeyReads::OneByOne(Vec::new()));
        };
        let range = idb::Query::KeyRange(idb::KeyRange::bound(
            &JsValue::from_str(lowest),
            &JsValue::from_str(highest),
            Some(false),
            Some(false),
        )?);
        let limit = wanted.len() * DENSE_ENOUGH;
        // One more than the limit, to tell a range at the limit from a sparser one.
        let count = Some(u32::try_from(limit + 1).unwrap_or(u32::MAX));
        let keys = std::future::IntoFuture::into_future(store.get_all_keys(Some(range.clone()), count)?);
        let values = std::future::IntoFuture::into_future(store.get_all(Some(range), count)?);
        Ok(KeyReads::Range { store: store.clone(), wanted, limit, keys, values })
    }

    /// Each wanted key's stored text, `None` where there is none (or it is not text).
    async fn read(self) -> Result<HashMap<&'a str, Option<String>>, StorageError> {
        let (store, wanted, limit, keys, values) = match self {
            KeyReads::OneByOne(reads) => return read_each(reads).await,
            KeyReads::Range { store, wanted, limit, keys, values } => (store, wanted, limit, keys, values),
        };
        let (keys, values) = (keys.await?, values.await?);
        if keys.len() > limit {
            return read_each(queue_each(&store, wanted)?).await;
        }
        if values.len() != keys.len() {
            return Err(StorageError::Failed { detail: "a key range read two different ways".into() });
        }
        let mut stored: HashMap<&'a str, Option<String>> = wanted.iter().map(|key| (*key, None)).collect();
        for (key, value) in keys.iter().zip(&values) {
            if let Some(text) = key.as_string().and_then(|key| stored.get_mut(key.as_str())) {
                *text = value.as_string();
            }
        }
        Ok(stored)
    }
}

fn queue_each<'a>(
    store: &idb::ObjectStore,
    keys: Vec<&'a str>,
) -> Result<Vec<(&'a str, idb::request::futures::GetStoreRequestFuture)>, StorageError> {
    let mut reads = Vec::with_capacity(keys.len());
    for key in keys {
        reads.push((key, pages::queue_get(store, key)?));
    }
    Ok(reads)
}

async fn read_each(
    reads: Vec<(&str, idb::request::futures::GetStoreRequestFuture)>,
) -> Result<HashMap<&str, Option<String>>, StorageError> {
    let mut stored = HashMap::with_capacity(reads.len());
    for (key, read) in reads {
        stored.insert(key, read.await?.and_then(|v| v.as_string()));
    }
    Ok(stored)
}

/// Reads back every page written, in the transaction that wrote it, and compares it with the
/// text written. All reads are queued before the first is awaited.
pub(super) async fn verify_pages(store: &idb::ObjectStore, written: &[Written]) -> Result<(), StorageError> {
    let mut reads = Vec::with_capacity(written.len());
    for page in written {
        reads.push(pages::queue_get(store, &page.key)?);
    }
    let mut buffer = Vec::new();
    for (page, read) in written.iter().zip(reads) {
        let stored = read.await?;
        let ok = match stored {
            None => page.text.is_empty(),
            Some(value) => !page.text.is_empty() && pages::holds(&value, &page.text, &mut buffer),
        };
        if !ok {
            return Err(StorageError::NotVerified { key: format!("{PAGES_STORE}/{}", page.key) });
        }
    }
    Ok(())
}

/// The records of one collection's pages, in key order; the ones that do not decode are set aside
/// by key, as stored.
///
/// Page by page: each page is copied into `buffer` (reused) and its records decoded from there, so
/// the collection's text is never in wasm memory whole. Wasm memory only grows, so whatever a load
/// holds at its peak the page keeps for as long as it is open, and the joined text of the
/// 5,000-customer book is 35 MB.
fn decode<R: StoredRecord>(pages: Vec<JsValue>, buffer: &mut Vec<u8>, unreadable: &mut Vec<Quarantined>) -> Vec<R> {
    let mut records = Vec::new();
    for (read, page) in pages.iter().enumerate() {
        if read == SAMPLED_PAGES {
            records.reserve_exact(expected_records(records.len(), read, pages.len()).saturating_sub(records.len()));
        }
        let Some(text) = pages::text_in(page, buffer) else { continue };
        // Text, so that every record goes through the same `from_str` decoder as everywhere else
        // (`from_slice` would be a second copy of each record type's decoder in the wasm: ~20 KB).
        for (key, json) in pages::lines(&text) {
            match serde_json::from_str::<R>(json) {
                Ok(record) => records.push(record),
                Err(e) => unreadable.push(quarantined(R::COLLECTION, key, &e, json.to_string())),
            }
        }
    }
    let keys: Vec<&str> = records.iter().map(StoredRecord::key).collect();
    let by_key = order::key_order(&keys);
    drop(keys);
    order::permute(&mut records, by_key);
    records
}

/// Pages decoded before the records' list is sized for the whole collection.
const SAMPLED_PAGES: usize = 8;

/// How many records a collection holds, with room to spare, from the `decoded` records of its
/// first `read` pages out of `pages`. Sized once rather than grown by doubling, which kept the
/// old list beside the new one (the visits' list peaked at 30 MB for 17 MB of visits); counting
/// every page's lines first cost ~20 ms per load. Pages are filled by a hash of the key, so each
/// holds about as many records as the next: at 5,000 customers a visits page holds ~215, and 8
/// pages estimate the rest within a few percent, less than the eighth added. A wrong guess only
/// costs what growing always did.
fn expected_records(decoded: usize, read: usize, pages: usize) -> usize {
    (decoded * pages).div_ceil(read.max(1)) * 9 / 8
}

fn quarantined(collection: Collection, key: &str, error: &serde_json::Error, stored: String) -> Quarantined {
    Quarantined { collection: collection.name().to_string(), key: key.to_string(), problem: error.to_string(), stored }
}

fn parse_stored(json: &str, what: &str) -> Result<Value, StorageError> {
    serde_json::from_str(json).map_err(|e| StorageError::Unreadable { what: format!("{what}: {e}") })
}
