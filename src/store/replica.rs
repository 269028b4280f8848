//! What sync keeps in IndexedDB beside the records, and the engine's reads and writes of it
//! (`docs/sync.md`). The rules are `sync::local`'s; this module only stores.
//!
//! The object store [`SYNC_STORE`] holds, once sync is set up:
//! - `setup`: the [`Setup`] (server, database, user, this device's id, the outbox's next `seq`);
//! - `kept/<collection>/<nnnn>`: pages like the records' own ([`pages`]), one line per record,
//!   `<key>\t<Kept JSON>` (its revision path; a tombstone for a deleted record);
//! - `outbox/<seq, 20 digits>`: a chunk of outbox entries (JSON array), the first `seq` in its key;
//! - `conflict/<collection>:<key>`: a conflict kept for the user (JSON).
//!
//! A save writes its records' `kept` lines and its outbox entries in the save's own transaction
//! (`Database::write`). Nothing is kept while `setup` is absent; stopping sync clears the store.

use crate::domain::exchange::merge::Choice;
use crate::store::database::{Database, Pages, finish, store_of, verify_pages};
use crate::store::error::StorageError;
use crate::store::pages::{self, PAGES_STORE};
use crate::store::record::Collection;
use crate::sync::local::{self, Kept, Setup};
use crate::sync::{Batch, Conflict, DocId, LocalDoc, OutboxEntry, Revision, Version, resolve};
use idb::TransactionMode;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use wasm_bindgen::JsValue;

/// The object store of everything sync keeps.
pub const SYNC_STORE: &str = "sync";
/// The prefix of the pages of kept revision paths.
pub const KEPT: &str = "kept/";
const SETUP: &str = "setup";
const OUTBOX: &str = "outbox/";
const CONFLICT: &str = "conflict/";
/// Entries per outbox value: a push removes a hundred at a time, and a chunk is rewritten when
/// some of it goes, so chunks stay small.
const OUTBOX_CHUNK: usize = 500;

fn failed(e: impl ToString) -> StorageError {
    StorageError::Failed { detail: e.to_string() }
}

/// The keys from `prefix` up to, not including, the prefix with its last character raised.
fn range(prefix: &str) -> Result<idb::Query, StorageError> {
    let mut upper = prefix.to_string();
    let last = upper.pop().map_or('0', |c| char::from_u32(c as u32 + 1).unwrap_or(c));
    upper.push(last);
    let lower = JsValue::from_str(prefix);
    let upper = JsValue::from_str(&upper);
    Ok(idb::Query::KeyRange(idb::KeyRange::bound(&lower, &upper, Some(false), Some(true))?))
}

/// The set-up, read in the caller's transaction. An unreadable one counts as none: saves go on
/// (a save must never be refused for sync's sake), and the sync page asks to set up again.
pub(super) async fn read_setup(store: &idb::ObjectStore) -> Result<Option<Setup>, StorageError> {
    Ok(setup_of(queue_setup(store)?.await?))
}

/// The read of the set-up, queued to be awaited with others ([`pages::queue_get`]).
pub(super) fn queue_setup(
    store: &idb::ObjectStore,
) -> Result<idb::request::futures::GetStoreRequestFuture, StorageError> {
    pages::queue_get(store, SETUP)
}

/// The set-up from its stored value; `None` when absent or unreadable (see [`read_setup`]).
pub(super) fn setup_of(value: Option<JsValue>) -> Option<Setup> {
    value.and_then(|v| v.as_string()).and_then(|json| serde_json::from_str(&json).ok())
}

/// A record's kept line in a page's text.
pub(super) fn kept_in(text: Option<&str>, key: &str) -> Option<Kept> {
    pages::find(text?, key).and_then(|json| serde_json::from_str(json).ok())
}

/// Queues the outbox entries of `revisions` and the set-up with its next `seq`; returns what
/// was written, to read back before the commit.
pub(super) fn queue_outbox(
    store: &idb::ObjectStore,
    setup: &mut Setup,
    revisions: Vec<Revision>,
) -> Result<Vec<(String, String)>, StorageError> {
    let mut written = Vec::new();
    let mut entries = Vec::with_capacity(revisions.len());
    for revision in revisions {
        entries.push(OutboxEntry { seq: setup.next_seq, revision });
        setup.next_seq += 1;
    }
    for chunk in entries.chunks(OUTBOX_CHUNK) {
        let key = format!("{OUTBOX}{:020}", chunk[0].seq);
        written.push((key, serde_json::to_string(chunk).map_err(failed)?));
    }
    written.push((SETUP.to_string(), serde_json::to_string(setup).map_err(failed)?));
    for (key, text) in &written {
        store.put(&JsValue::from_str(text), Some(&JsValue::from_str(key)))?;
    }
    Ok(written)
}

/// Reads back single values written in this transaction (an empty text: deleted).
pub(super) async fn verify_values(store: &idb::ObjectStore, written: &[(String, String)]) -> Result<(), StorageError> {
    let mut reads = Vec::with_capacity(written.len());
    for (key, _) in written {
        reads.push(pages::queue_get(store, key)?);
    }
    for ((key, text), read) in written.iter().zip(reads) {
        let stored = read.await?.and_then(|v| v.as_string()).unwrap_or_default();
        if stored != *text {
            return Err(StorageError::NotVerified { key: format!("{SYNC_STORE}/{key}") });
        }
    }
    Ok(())
}

/// What applying a pulled page did.
#[derive(Debug, Clone, PartialEq)]
pub enum Pulled {
    /// Written; these records changed (to re-read and to tell other tabs).
    Written(Vec<(Collection, String)>),
    /// A record of the page was saved here since the engine read it: nothing was written.
    Stale,
}

/// The stored JSON of some records, read in one transaction: paged collections through their
/// pages, the others by key.
struct Records<'a> {
    ids: &'a [DocId],
    plan: Pages<'a>,
    page_of: Vec<Option<usize>>,
    texts: Vec<Option<String>>,
    by_key: HashMap<usize, Option<String>>,
    /// Records written by key (not in pages), to read back: (index, JSON or `None` if deleted).
    written: Vec<(usize, Option<String>)>,
}

impl<'a> Records<'a> {
    async fn read(tx: &idb::Transaction, ids: &'a [DocId]) -> Result<Records<'a>, StorageError> {
        let mut plan = Pages::default();
        let page_of: Vec<Option<usize>> =
            ids.iter().map(|id| pages::is_loaded(id.collection).then(|| plan.page(id.collection, &id.key))).collect();
        let mut reads = Vec::new();
        for (i, id) in ids.iter().enumerate().filter(|(i, _)| page_of[*i].is_none()) {
            reads.push((i, pages::queue_get(&tx.object_store(store_of(id.collection))?, &id.key)?));
        }
        let texts = if plan.is_empty() { Vec::new() } else { plan.read(&tx.object_store(PAGES_STORE)?).await? };
        let mut by_key = HashMap::new();
        for (i, read) in reads {
            by_key.insert(i, read.await?.and_then(|v| v.as_string()));
        }
        Ok(Records { ids, plan, page_of, texts, by_key, written: Vec::new() })
    }

    /// Writes record `i` as `json` (`None`: deletes it): an edit of its page, written by
    /// [`finish`](Self::finish), or at once by its key.
    fn write(&mut self, tx: &idb::Transaction, i: usize, json: Option<String>) -> Result<(), StorageError> {
        let id = &self.ids[i];
        match self.page_of[i] {
            Some(page) => {
                let line = json.as_deref().map(|json| Cow::Owned(pages::line_safe(json).into_owned()));
                self.plan.edits.push((page, id.key.as_str(), line));
            }
            None => {
                let target = tx.object_store(store_of(id.collection))?;
                match &json {
                    Some(json) => {
                        target.put(&JsValue::from_str(json), Some(&JsValue::from_str(&id.key)))?;
                    }
                    None => {
                        target.delete(JsValue::from_str(&id.key))?;
                    }
                }
                self.written.push((i, json));
            }
        }
        Ok(())
    }

    /// Writes the edited pages, then reads back every page and record written, before the
    /// commit: a write storage did not take as given aborts the transaction.
    async fn finish(&mut self, tx: &idb::Transaction) -> Result<(), StorageError> {
        if !self.plan.is_empty() {
            let pages_store = tx.object_store(PAGES_STORE)?;
            let texts = self.plan.apply(&self.texts, |_, _| true);
            let written = self.plan.put(&pages_store, texts)?;
            verify_pages(&pages_store, &written).await?;
        }
        for (i, json) in &self.written {
            let id = &self.ids[*i];
            let stored = pages::queue_get(&tx.object_store(store_of(id.collection))?, &id.key)?.await?;
            if stored.and_then(|v| v.as_string()) != *json {
                return Err(StorageError::NotVerified { key: format!("{}/{}", id.collection.name(), id.key) });
            }
        }
        Ok(())
    }

    fn get(&self, i: usize, key: &str) -> Option<&str> {
        match self.page_of[i] {
            Some(page) => pages::find(self.texts[page].as_deref()?, key),
            None => self.by_key.get(&i)?.as_deref(),
        }
    }
}

/// The kept lines of some records, read in one transaction.
async fn read_kept<'a>(
    store: &idb::ObjectStore,
    ids: &'a [DocId],
) -> Result<(Pages<'a>, Vec<usize>, Vec<Option<String>>), StorageError> {
    let mut plan = Pages::under(KEPT);
    let page_of: Vec<usize> = ids.iter().map(|id| plan.page(id.collection, &id.key)).collect();
    let texts = plan.read(store).await?;
    Ok((plan, page_of, texts))
}

async fn read_outbox_in(store: &idb::ObjectStore) -> Result<Vec<(String, Vec<OutboxEntry>)>, StorageError> {
    let keys = std::future::IntoFuture::into_future(store.get_all_keys(Some(range(OUTBOX)?), None)?);
    let values = std::future::IntoFuture::into_future(store.get_all(Some(range(OUTBOX)?), None)?);
    let mut chunks = Vec::new();
    for (key, value) in keys.await?.into_iter().zip(values.await?) {
        let key = key.as_string().unwrap_or_default();
        let text = value.as_string().unwrap_or_default();
        let entries: Vec<OutboxEntry> = serde_json::from_str(&text)
            .map_err(|e| StorageError::Unreadable { what: format!("{SYNC_STORE}/{key}: {e}") })?;
        chunks.push((key, entries));
    }
    Ok(chunks)
}

impl Database {
    fn sync_tx(
        &self,
        names: &[&str],
        mode: TransactionMode,
    ) -> Result<(web_sys::IdbTransaction, idb::Transaction), StorageError> {
        let raw = self.transaction_of(names, mode)?;
        Ok((raw.clone(), idb::Transaction::from(raw)))
    }

    /// Sync as set up on this device, if it is.
    pub async fn sync_setup(&self) -> Result<Option<Setup>, StorageError> {
        let (_, tx) = self.sync_tx(&[SYNC_STORE], TransactionMode::ReadOnly)?;
        read_setup(&tx.object_store(SYNC_STORE)?).await
    }

    /// Sets sync up afresh: whatever was kept for an earlier set-up goes, in the same transaction.
    pub async fn start_sync(&self, setup: &Setup) -> Result<(), StorageError> {
        let (raw, tx) = self.sync_tx(&[SYNC_STORE], TransactionMode::ReadWrite)?;
        let outcome = async {
            let store = tx.object_store(SYNC_STORE)?;
            store.clear()?;
            let text = serde_json::to_string(setup).map_err(failed)?;
            store.put(&JsValue::from_str(&text), Some(&JsValue::from_str(SETUP)))?;
            verify_values(&store, &[(SETUP.to_string(), text)]).await
        }
        .await;
        finish(raw, tx, outcome).await
    }

    /// Stops syncing: the set-up, the outbox, the kept paths and conflicts go. The records stay.
    pub async fn stop_sync(&self) -> Result<(), StorageError> {
        let (raw, tx) = self.sync_tx(&[SYNC_STORE], TransactionMode::ReadWrite)?;
        let outcome =
            tx.object_store(SYNC_STORE).map_err(StorageError::from).and_then(|s| Ok(s.clear().map(|_| ())?));
        finish(raw, tx, outcome).await
    }

    /// Changes the set-up as stored now (a save may have moved its `seq` since it was read).
    pub async fn update_sync_setup(&self, change: impl FnOnce(&mut Setup)) -> Result<Option<Setup>, StorageError> {
        let (raw, tx) = self.sync_tx(&[SYNC_STORE], TransactionMode::ReadWrite)?;
        let mut result = None;
        let outcome = async {
            let store = tx.object_store(SYNC_STORE)?;
            let Some(mut setup) = read_setup(&store).await? else { return Ok(()) };
            change(&mut setup);
            let text = serde_json::to_string(&setup).map_err(failed)?;
            store.put(&JsValue::from_str(&text), Some(&JsValue::from_str(SETUP)))?;
            verify_values(&store, &[(SETUP.to_string(), text)]).await?;
            result = Some(setup);
            Ok(())
        }
        .await;
        finish(raw, tx, outcome).await?;
        Ok(result)
    }

    /// What this device holds of these records, unsent versions included (`Action::ReadLocal`).
    pub async fn read_local(&self, ids: &[DocId]) -> Result<Vec<LocalDoc>, StorageError> {
        let mut names: Vec<&str> = ids.iter().map(|id| store_of(id.collection)).collect();
        names.push(SYNC_STORE);
        names.sort_unstable();
        names.dedup();
        let (_, tx) = self.sync_tx(&names, TransactionMode::ReadOnly)?;
        let records = Records::read(&tx, ids).await?;
        let store = tx.object_store(SYNC_STORE)?;
        let (_, kept_page, kept_texts) = read_kept(&store, ids).await?;
        let outbox = read_outbox_in(&store).await?;
        let mut unsent: HashMap<&DocId, Vec<Version>> = HashMap::new();
        for entry in outbox.iter().flat_map(|(_, entries)| entries) {
            unsent.entry(&entry.revision.id).or_default().push(entry.revision.version.clone());
        }
        Ok(ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let kept = kept_in(kept_texts[kept_page[i]].as_deref(), &id.key);
                LocalDoc {
                    id: id.clone(),
                    current: local::current(records.get(i, &id.key), kept.as_ref()),
                    unsent: unsent.get(id).cloned().unwrap_or_default(),
                }
            })
            .collect())
    }

    /// The whole outbox, in `seq` order (`Action::ReadOutbox`).
    pub async fn read_outbox(&self) -> Result<Vec<OutboxEntry>, StorageError> {
        let (_, tx) = self.sync_tx(&[SYNC_STORE], TransactionMode::ReadOnly)?;
        let chunks = read_outbox_in(&tx.object_store(SYNC_STORE)?).await?;
        Ok(chunks.into_iter().flat_map(|(_, entries)| entries).collect())
    }

    /// How many entries wait in the outbox.
    pub async fn outbox_len(&self) -> Result<usize, StorageError> {
        Ok(self.read_outbox().await?.len())
    }

    /// Removes outbox entries the server has (`Action::Remove`).
    pub async fn remove_from_outbox(&self, seqs: &[u64]) -> Result<(), StorageError> {
        let gone: BTreeSet<u64> = seqs.iter().copied().collect();
        let (raw, tx) = self.sync_tx(&[SYNC_STORE], TransactionMode::ReadWrite)?;
        let outcome = async {
            let store = tx.object_store(SYNC_STORE)?;
            // Only the chunks that hold these seqs are read: a chunk's key is its first seq, so
            // a seq is in the chunk with the greatest key not above it.
            let keys = std::future::IntoFuture::into_future(store.get_all_keys(Some(range(OUTBOX)?), None)?).await?;
            let firsts: Vec<(u64, String)> = keys
                .into_iter()
                .filter_map(|k| k.as_string())
                .filter_map(|k| Some((k.strip_prefix(OUTBOX)?.parse().ok()?, k)))
                .collect();
            let mut holding: Vec<&String> = gone
                .iter()
                .filter_map(|seq| firsts.iter().rev().find(|(first, _)| first <= seq).map(|(_, key)| key))
                .collect();
            holding.dedup();
            let mut reads = Vec::with_capacity(holding.len());
            for key in &holding {
                reads.push(pages::queue_get(&store, key)?);
            }
            let mut chunks = Vec::with_capacity(reads.len());
            for (key, read) in holding.into_iter().zip(reads) {
                let text = read.await?.and_then(|v| v.as_string()).unwrap_or_default();
                let entries: Vec<OutboxEntry> = serde_json::from_str(&text)
                    .map_err(|e| StorageError::Unreadable { what: format!("{SYNC_STORE}/{key}: {e}") })?;
                chunks.push((key.clone(), entries));
            }
            let mut written = Vec::new();
            for (key, entries) in chunks {
                if !entries.iter().any(|e| gone.contains(&e.seq)) {
                    continue;
                }
                let left: Vec<&OutboxEntry> = entries.iter().filter(|e| !gone.contains(&e.seq)).collect();
                if left.is_empty() {
                    store.delete(JsValue::from_str(&key))?;
                    written.push((key, String::new()));
                } else {
                    let text = serde_json::to_string(&left).map_err(failed)?;
                    store.put(&JsValue::from_str(&text), Some(&JsValue::from_str(&key)))?;
                    written.push((key, text));
                }
            }
            verify_values(&store, &written).await
        }
        .await;
        finish(raw, tx, outcome).await
    }

    /// Queues every record's current version, tombstones too: the server lost what this device
    /// pushed before (`Summary::first_contact` after a completed sync). `_revs_diff` then sends
    /// only what it lacks.
    pub async fn queue_everything(&self) -> Result<usize, StorageError> {
        let mut all = Vec::new();
        for collection in Collection::ALL {
            for (key, json) in self.get_all_raw(collection).await? {
                if local::travels(collection, &key) {
                    all.push((DocId::new(collection, key), json));
                }
            }
        }
        let (raw, tx) = self.sync_tx(&[SYNC_STORE], TransactionMode::ReadWrite)?;
        let mut queued = 0;
        let outcome = async {
            let store = tx.object_store(SYNC_STORE)?;
            let Some(mut setup) = read_setup(&store).await? else { return Ok(()) };
            // Every kept line, by record: the history of records that have one, and the
            // tombstones of deleted records.
            let keys = std::future::IntoFuture::into_future(store.get_all_keys(Some(range(KEPT)?), None)?);
            let values = std::future::IntoFuture::into_future(store.get_all(Some(range(KEPT)?), None)?);
            let mut kept: HashMap<DocId, Kept> = HashMap::new();
            for (key, value) in keys.await?.into_iter().zip(values.await?) {
                let page_key = key.as_string().unwrap_or_default();
                let collection = page_key
                    .strip_prefix(KEPT)
                    .and_then(|rest| rest.split_once('/'))
                    .and_then(|(name, _)| Collection::from_name(name));
                let (Some(collection), Some(text)) = (collection, pages::text_of(&value)) else { continue };
                for (key, json) in pages::lines(&text) {
                    if let Ok(line) = serde_json::from_str::<Kept>(json) {
                        kept.insert(DocId::new(collection, key), line);
                    }
                }
            }
            let mut revisions = Vec::new();
            for (id, json) in &all {
                let Some(version) = local::current(Some(json), kept.remove(id).as_ref()) else { continue };
                if !version.body.as_ref().is_some_and(local::is_demo) {
                    revisions.push(Revision { id: id.clone(), version });
                }
            }
            for (id, line) in kept.into_iter().filter(|(_, line)| line.deleted) {
                if let Some(version) = local::current(None, Some(&line)) {
                    revisions.push(Revision { id, version });
                }
            }
            queued = revisions.len();
            let written = queue_outbox(&store, &mut setup, revisions)?;
            verify_values(&store, &written).await
        }
        .await;
        finish(raw, tx, outcome).await?;
        Ok(queued)
    }

    /// Applies one pulled page in one transaction, or nothing of it (`Action::Apply`). Pulled
    /// records skip the check of what they belong to: `_changes` is not in dependency order.
    pub async fn apply_pulled(&self, batch: &Batch) -> Result<Pulled, StorageError> {
        let writes: Vec<&crate::sync::Write> = batch
            .writes
            .iter()
            .filter(|w| local::travels(w.revision.id.collection, &w.revision.id.key))
            .filter(|w| pages::check_key(w.revision.id.collection, &w.revision.id.key).is_ok())
            .collect();
        let ids: Vec<DocId> = writes.iter().map(|w| w.revision.id.clone()).collect();
        let mut names: Vec<&str> = ids.iter().map(|id| store_of(id.collection)).collect();
        names.push(SYNC_STORE);
        names.sort_unstable();
        names.dedup();
        let (raw, tx) = self.sync_tx(&names, TransactionMode::ReadWrite)?;
        let mut result = Pulled::Stale;
        let outcome = async {
            let store = tx.object_store(SYNC_STORE)?;
            let Some(mut setup) = read_setup(&store).await? else {
                return Err(StorageError::Failed { detail: "sync is no longer set up".into() });
            };
            let mut records = Records::read(&tx, &ids).await?;
            let (mut kept_plan, kept_page, kept_texts) = read_kept(&store, &ids).await?;
            let mut jsons = Vec::with_capacity(writes.len());
            for (i, write) in writes.iter().enumerate() {
                let stored = records.get(i, &write.revision.id.key);
                let kept = kept_in(kept_texts[kept_page[i]].as_deref(), &write.revision.id.key);
                if local::is_stale(write, local::current(stored, kept.as_ref()).as_ref()) {
                    return Ok(());
                }
                let json =
                    local::stored_form(write.revision.id.collection, &write.revision.version, local::rev_of(stored))
                        .map_err(|e| StorageError::Unreadable { what: format!("{}: {e:?}", write.revision.id) })?;
                jsons.push(json);
            }
            // The records and their kept lines.
            for (i, (write, json)) in writes.iter().zip(jsons).enumerate() {
                records.write(&tx, i, json)?;
                let line = serde_json::to_string(&Kept::of(&write.revision.version)).map_err(failed)?;
                kept_plan.edits.push((kept_page[i], write.revision.id.key.as_str(), Some(Cow::Owned(line))));
            }
            let texts = kept_plan.apply(&kept_texts, |_, _| true);
            let written_kept = kept_plan.put(&store, texts)?;
            // Conflicts kept, and those settled elsewhere dropped.
            let mut values = Vec::new();
            for id in &batch.settled {
                let key = format!("{CONFLICT}{id}");
                store.delete(JsValue::from_str(&key))?;
                values.push((key, String::new()));
            }
            for conflict in &batch.conflicts {
                let key = format!("{CONFLICT}{}", conflict.id);
                let text = serde_json::to_string(conflict).map_err(failed)?;
                store.put(&JsValue::from_str(&text), Some(&JsValue::from_str(&key)))?;
                values.push((key, text));
            }
            if !batch.outbox.is_empty() {
                values.extend(queue_outbox(&store, &mut setup, batch.outbox.clone())?);
            }
            // Read back before the commit.
            records.finish(&tx).await?;
            verify_pages(&store, &written_kept).await?;
            verify_values(&store, &values).await?;
            result = Pulled::Written(ids.iter().map(|id| (id.collection, id.key.clone())).collect());
            Ok(())
        }
        .await;
        finish(raw, tx, outcome).await?;
        Ok(result)
    }

    /// The conflicts waiting for the user.
    pub async fn conflicts(&self) -> Result<Vec<Conflict>, StorageError> {
        let (_, tx) = self.sync_tx(&[SYNC_STORE], TransactionMode::ReadOnly)?;
        let store = tx.object_store(SYNC_STORE)?;
        let values = std::future::IntoFuture::into_future(store.get_all(Some(range(CONFLICT)?), None)?).await?;
        Ok(values.into_iter().filter_map(|v| serde_json::from_str(&v.as_string()?).ok()).collect())
    }

    /// Settles a conflict as the user chose, in one transaction: the record as chosen, its kept
    /// path, the deletions of the other versions in the outbox, the conflict gone. Returns the
    /// record to re-read; `None` when the conflict was settled meanwhile (another tab, a pull).
    pub async fn settle(&self, id: &DocId, choice: Choice) -> Result<Option<(Collection, String)>, StorageError> {
        let ids = [id.clone()];
        let names = {
            let mut names = vec![store_of(id.collection), SYNC_STORE];
            names.sort_unstable();
            names.dedup();
            names
        };
        let (raw, tx) = self.sync_tx(&names, TransactionMode::ReadWrite)?;
        let mut settled = None;
        let outcome = async {
            let store = tx.object_store(SYNC_STORE)?;
            let key = format!("{CONFLICT}{id}");
            let Some(text) = pages::queue_get(&store, &key)?.await?.and_then(|v| v.as_string()) else { return Ok(()) };
            let conflict: Conflict =
                serde_json::from_str(&text).map_err(|e| StorageError::Unreadable { what: format!("{key}: {e}") })?;
            let Some(mut setup) = read_setup(&store).await? else { return Ok(()) };
            let resolution = resolve(&conflict, choice);
            let mut records = Records::read(&tx, &ids).await?;
            let (mut kept_plan, kept_page, kept_texts) = read_kept(&store, &ids).await?;
            let stored = records.get(0, &id.key);
            let json = local::stored_form(id.collection, &resolution.local.version, local::rev_of(stored))
                .map_err(|e| StorageError::Unreadable { what: format!("{id}: {e:?}") })?;
            records.write(&tx, 0, json)?;
            let line = serde_json::to_string(&Kept::of(&resolution.local.version)).map_err(failed)?;
            kept_plan.edits.push((kept_page[0], id.key.as_str(), Some(Cow::Owned(line))));
            let texts = kept_plan.apply(&kept_texts, |_, _| true);
            let written_kept = kept_plan.put(&store, texts)?;
            store.delete(JsValue::from_str(&key))?;
            let mut values = vec![(key, String::new())];
            values.extend(queue_outbox(&store, &mut setup, resolution.outbox)?);
            records.finish(&tx).await?;
            verify_pages(&store, &written_kept).await?;
            verify_values(&store, &values).await?;
            settled = Some((id.collection, id.key.clone()));
            Ok(())
        }
        .await;
        finish(raw, tx, outcome).await?;
        Ok(settled)
    }
}
