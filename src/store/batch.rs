//! A set of writes that storage applies all together or not at all.

use crate::store::error::StorageError;
use crate::store::record::{Collection, StoredRecord};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Put { json: String },
    Delete,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Write {
    pub collection: Collection,
    pub key: String,
    pub op: Op,
    /// When set, storage must still hold this revision of the record (0: no record yet), or the
    /// whole batch is refused as a conflict.
    pub expected_rev: Option<u64>,
}

#[derive(Debug, Default, Clone)]
pub struct Batch {
    pub(crate) writes: Vec<Write>,
    /// Records that must exist once the batch is applied (in storage already, or written by the
    /// batch itself): what the written records belong to.
    pub(crate) requires: Vec<(Collection, String)>,
    pub(crate) error: Option<StorageError>,
}

impl Batch {
    pub fn new() -> Batch {
        Batch::default()
    }

    /// Saves an edited record, checking that nobody saved it since it was loaded. Returns the
    /// record as stored (revision bumped): keep that one in memory once the batch is written.
    pub fn save<R: StoredRecord>(&mut self, record: &R) -> R {
        let mut saved = record.clone();
        saved.set_rev(record.rev() + 1);
        self.push(R::COLLECTION, saved.key().to_string(), &saved, Some(record.rev()));
        self.require(&saved);
        saved
    }

    /// Writes a record whatever storage holds (imports the user chose to apply, signatures).
    pub fn put<R: StoredRecord>(&mut self, record: &R) -> &mut Batch {
        self.push(R::COLLECTION, record.key().to_string(), record, None);
        self.require(record);
        self
    }

    fn require<R: StoredRecord>(&mut self, record: &R) {
        for (collection, key) in record.depends_on() {
            if !key.is_empty() {
                self.requires.push((collection, key.to_string()));
            }
        }
    }

    /// Deletes a record, refusing if another tab changed it since it was loaded.
    pub fn delete<R: StoredRecord>(&mut self, record: &R) -> &mut Batch {
        self.writes.push(Write {
            collection: R::COLLECTION,
            key: record.key().to_string(),
            op: Op::Delete,
            expected_rev: Some(record.rev()),
        });
        self
    }

    pub fn delete_key(&mut self, collection: Collection, key: &str) -> &mut Batch {
        self.writes.push(Write { collection, key: key.to_string(), op: Op::Delete, expected_rev: None });
        self
    }

    /// Saves the settings, checking that no other tab saved them since they were loaded. Returns
    /// them as stored (revision bumped).
    pub fn save_settings(&mut self, settings: &crate::domain::settings::Settings) -> crate::domain::settings::Settings {
        let saved = crate::domain::settings::Settings { rev: settings.rev + 1, ..settings.clone() };
        self.push(Collection::Meta, "settings".to_string(), &saved, Some(settings.rev));
        saved
    }

    /// Writes a single value of the meta collection (settings, bookkeeping).
    pub fn put_meta<T: Serialize>(&mut self, key: &str, value: &T) -> &mut Batch {
        self.push(Collection::Meta, key.to_string(), value, None);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.writes.is_empty()
    }

    pub fn len(&self) -> usize {
        self.writes.len()
    }

    /// The (collection, key) pairs this batch changes, for telling other tabs.
    pub fn touched(&self) -> Vec<(Collection, String)> {
        self.writes.iter().map(|w| (w.collection, w.key.clone())).collect()
    }

    fn push<T: Serialize>(&mut self, collection: Collection, key: String, value: &T, expected_rev: Option<u64>) {
        match serde_json::to_string(value) {
            Ok(json) => self.writes.push(Write { collection, key, op: Op::Put { json }, expected_rev }),
            Err(e) => {
                self.error.get_or_insert(StorageError::Failed { detail: e.to_string() });
            }
        }
    }
}
