//! A record of the book as a CouchDB document, and back.
//!
//! ```json
//! {"_id": "customers:3f9a…", "_rev": "2-…", "_revisions": {"start": 2, "ids": ["…", "…"]},
//!  "schema": 3, "record": { …the record as the app stores it, without its `rev`… }}
//! {"_id": "customers:3f9a…", "_rev": "3-…", "_revisions": {…}, "_deleted": true}
//! ```
//!
//! The record sits under `record` rather than flattened so no field of ours can collide with
//! CouchDB's underscore fields. `schema` is the exchange format's version: a device with an older
//! app must not store a record it cannot read. The record's own `rev` counter guards two tabs of
//! one browser against each other; it differs between devices, so it is not part of the shared
//! document (and not of its hash).

use super::rev::RevPath;
use crate::domain::exchange::SCHEMA_VERSION;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value, json};
use std::fmt;

/// The collections that travel: the same names as the IndexedDB collections (one enum for both).
pub use crate::domain::dataset::Collection;

/// A document id: `<collection>:<key>`. Keys are whatever the record's id is (random hex made in
/// the browser, or an imported file's id, which may itself hold a `:`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId {
    pub collection: Collection,
    pub key: String,
}

impl DocId {
    pub fn new(collection: Collection, key: impl Into<String>) -> DocId {
        DocId { collection, key: key.into() }
    }

    /// `None` for ids that are not ours (`_design/…`, a document someone else put in the database).
    pub fn parse(text: &str) -> Option<DocId> {
        let (collection, key) = text.split_once(':')?;
        let collection = Collection::from_name(collection)?;
        (!key.is_empty()).then(|| DocId::new(collection, key))
    }
}

/// Stored (the outbox, conflicts) as its text, `customers:3f9a…`.
impl Serialize for DocId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DocId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<DocId, D::Error> {
        let text = String::deserialize(deserializer)?;
        DocId::parse(&text).ok_or_else(|| serde::de::Error::custom("not a record id of ours"))
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.collection.name(), self.key)
    }
}

/// One revision of a record: where it sits in the history, and its content (`None`: deleted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Version {
    pub path: RevPath,
    pub body: Option<Value>,
    /// The exchange format version `body` is in. Revisions made here are in this app's
    /// [`SCHEMA_VERSION`]; one pulled from a device with an older app may be older, and must go
    /// through `domain::exchange::upgrade` before it is stored or shown.
    pub schema: u32,
}

impl Version {
    /// The first revision of a record created on this device.
    pub fn first(body: Value) -> Version {
        Version { path: RevPath::first(Some(&body)), body: Some(body), schema: SCHEMA_VERSION }
    }

    /// `body` (`None`: deleting it) written on top of this revision by this device.
    pub fn edit(&self, body: Option<Value>) -> Version {
        Version { path: self.path.child(body.as_ref()), body, schema: SCHEMA_VERSION }
    }

    pub fn is_deleted(&self) -> bool {
        self.body.is_none()
    }

    /// When the record was last changed, as its `updated_at` says (ISO 8601 text, which orders as
    /// it reads); `None` for a deletion or a record without one.
    pub fn updated_at(&self) -> Option<&str> {
        self.body.as_ref()?.get("updated_at")?.as_str()
    }
}

/// One revision of one record: what the outbox holds and what a pull writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    pub id: DocId,
    pub version: Version,
}

/// The shared form of a record as the app stores it: the per-device `rev` counter removed.
pub fn shared_body(mut record: Value) -> Value {
    if let Value::Object(map) = &mut record {
        map.remove("rev");
    }
    record
}

/// The CouchDB document of a revision, with its ancestry (`_revisions`) as `new_edits: false`
/// needs it.
pub fn to_couch(revision: &Revision) -> Value {
    let path = &revision.version.path;
    let mut doc = json!({
        "_id": revision.id.to_string(),
        "_rev": path.rev().to_string(),
        "_revisions": {"start": path.start(), "ids": path.ids()},
    });
    if let Value::Object(map) = &mut doc {
        match &revision.version.body {
            Some(body) => {
                map.insert("schema".to_string(), json!(revision.version.schema));
                map.insert("record".to_string(), body.clone());
            }
            None => {
                map.insert("_deleted".to_string(), Value::Bool(true));
            }
        }
    }
    doc
}

/// Why a document from the server is not one of ours or not whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotOurs {
    /// `_design/…` or any id outside our collections: skipped, never an error.
    ForeignId,
    /// Ours by id but without a readable `_rev`, `_revisions` or `record`.
    Malformed(&'static str),
}

/// Reads a document fetched with its revision history. A tombstone has no format; it is given
/// this app's.
pub fn from_couch(doc: &Value) -> Result<Revision, NotOurs> {
    let map: &Map<String, Value> = doc.as_object().ok_or(NotOurs::Malformed("not an object"))?;
    let id = map.get("_id").and_then(Value::as_str).ok_or(NotOurs::Malformed("no _id"))?;
    let id = DocId::parse(id).ok_or(NotOurs::ForeignId)?;
    let revisions = map.get("_revisions").cloned().ok_or(NotOurs::Malformed("no _revisions"))?;
    let path: RevPath = serde_json::from_value(revisions).map_err(|_| NotOurs::Malformed("bad _revisions"))?;
    let rev = map.get("_rev").and_then(Value::as_str).ok_or(NotOurs::Malformed("no _rev"))?;
    if path.rev().to_string() != rev {
        return Err(NotOurs::Malformed("_rev is not the head of _revisions"));
    }
    if map.get("_deleted").and_then(Value::as_bool) == Some(true) {
        return Ok(Revision { id, version: Version { path, body: None, schema: SCHEMA_VERSION } });
    }
    let body = map.get("record").cloned().ok_or(NotOurs::Malformed("no record"))?;
    let schema = map.get("schema").and_then(Value::as_u64).ok_or(NotOurs::Malformed("no schema"))?;
    let schema = u32::try_from(schema).map_err(|_| NotOurs::Malformed("schema out of range"))?;
    Ok(Revision { id, version: Version { path, body: Some(body), schema } })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_goes_to_the_server_and_back_unchanged_but_for_its_tab_counter() {
        let record = json!({"id": "3f9a", "rev": 7, "name": "李娜", "updated_at": "2026-02-17T10:00:00"});
        let body = shared_body(record);
        assert_eq!(body.get("rev"), None);
        let revision = Revision { id: DocId::new(Collection::Customers, "3f9a"), version: Version::first(body) };
        let doc = to_couch(&revision);
        assert_eq!(doc["_id"], "customers:3f9a");
        assert_eq!(doc["record"]["name"], "李娜");
        assert_eq!(doc["schema"], SCHEMA_VERSION);
        assert_eq!(from_couch(&doc).unwrap(), revision);
    }

    #[test]
    fn a_deleted_record_travels_as_a_tombstone() {
        let id = DocId::new(Collection::Visits, "v1");
        let gone = Version::first(json!({"id": "v1"})).edit(None);
        let doc = to_couch(&Revision { id: id.clone(), version: gone.clone() });
        assert_eq!(doc["_deleted"], true);
        assert!(doc.get("record").is_none());
        assert_eq!(from_couch(&doc).unwrap().version, gone);
    }

    #[test]
    fn ids_outside_our_collections_are_foreign_and_keys_may_hold_colons() {
        assert_eq!(DocId::parse("customers:c:1+2"), Some(DocId::new(Collection::Customers, "c:1+2")));
        assert_eq!(DocId::parse("agenda_marks:k").map(|d| d.collection), Some(Collection::AgendaMarks));
        for foreign in ["_design/app", "orders:1", "customers:", "customers"] {
            assert_eq!(DocId::parse(foreign), None, "{foreign}");
        }
        assert_eq!(from_couch(&json!({"_id": "_design/x", "_rev": "1-a"})), Err(NotOurs::ForeignId));
    }

    #[test]
    fn a_document_without_its_history_or_content_is_malformed_not_a_panic() {
        let revisions = json!({"start": 1, "ids": ["a"]});
        for doc in [
            json!("text"),
            json!({"_id": "customers:1", "_rev": "1-a"}),
            json!({"_id": "customers:1", "_rev": "1-b", "_revisions": revisions, "record": {}, "schema": 3}),
            json!({"_id": "customers:1", "_rev": "1-a", "_revisions": revisions, "schema": 3}),
            json!({"_id": "customers:1", "_rev": "1-a", "_revisions": revisions, "record": {}}),
        ] {
            assert!(matches!(from_couch(&doc), Err(NotOurs::Malformed(_))), "{doc}");
        }
    }
}
