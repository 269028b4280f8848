//! What a device keeps beside its records to sync them, and the rules that change it.
//!
//! Pure, like the engine: `store::replica` applies these rules inside IndexedDB transactions, and
//! the host tests' devices apply the same ones in memory, so there is one rule for each of:
//! a record's current version, the revision a save makes, whether a pulled page is stale, and
//! what a pulled version is stored as.
//!
//! Nothing is kept while sync is not set up ([`Setup`] absent): a book that never syncs pays
//! nothing. A record saved before sync was set up has no [`Kept`]; its version is then the
//! first revision of its content (`Version::first`), which every device computes the same way.

use super::conflict::Policy;
use super::doc::{Collection, Version, shared_body};
use super::engine::{DeviceId, Write};
use super::rev::RevPath;
use crate::domain::exchange::{FORMAT_NAME, SCHEMA_VERSION, upgrade};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Kept beside a record once sync is set up: its revision path, and whether its last change
/// deleted it (a tombstone: the record is gone, its history is not).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    pub path: RevPath,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
}

impl Kept {
    pub fn of(version: &Version) -> Kept {
        Kept { path: version.path.clone(), deleted: version.is_deleted() }
    }
}

/// Sync as set up on this device: which server and database, as whom, and the bookkeeping of
/// the outbox. Removed (with everything kept for sync) when the user stops syncing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Setup {
    /// Names this device's checkpoints on the server; new for every set-up.
    pub device: String,
    /// The next outbox entry's `seq`.
    pub next_seq: u64,
    /// The server's address: `/couch/` (served under the app's own origin) or a full URL.
    pub server: String,
    pub database: String,
    pub user: String,
    pub policy: Policy,
    /// A run with this database completed once: a later `first_contact` means the server lost
    /// this device's records, which are then queued again.
    #[serde(default)]
    pub completed: bool,
    #[serde(default)]
    pub synced_at: Option<NaiveDateTime>,
    /// A supervisor's team: the agents' databases on the same server (`sync::team`).
    #[serde(default)]
    pub team: Vec<String>,
}

impl Setup {
    pub fn new(device: String, server: String, database: String, user: String) -> Setup {
        Setup {
            device,
            next_seq: 1,
            server,
            database,
            user,
            policy: Policy::Ask,
            completed: false,
            synced_at: None,
            team: Vec::new(),
        }
    }

    /// `None` when the stored id is not one the server accepts in a URL (a damaged set-up).
    pub fn device_id(&self) -> Option<DeviceId> {
        DeviceId::new(&self.device)
    }

    /// The database's address, ending in `/`: what the engine's paths are relative to.
    pub fn database_url(&self) -> String {
        self.database_url_of(&self.database)
    }

    /// Another database of the same server (a team member's), ending in `/`.
    pub fn database_url_of(&self, database: &str) -> String {
        format!("{}{database}/", server_root(&self.server))
    }

    /// The server's root, ending in `/` (for `_session`).
    pub fn server_url(&self) -> String {
        server_root(&self.server)
    }
}

fn server_root(server: &str) -> String {
    let trimmed = server.trim();
    if trimmed.ends_with('/') { trimmed.to_string() } else { format!("{trimmed}/") }
}

/// Whether a record travels: every collection, but of `meta` only the settings (the schema mark
/// and the backup bookkeeping describe this device).
pub fn travels(collection: Collection, key: &str) -> bool {
    collection != Collection::Meta || key == "settings"
}

/// The shared content of a record as stored (its per-tab `rev` removed); `None` when it does not
/// decode as JSON.
pub fn body_of(stored: &str) -> Option<Value> {
    serde_json::from_str(stored).ok().map(shared_body)
}

/// A record's current version from what storage holds: the record (`None`: absent) and what is
/// kept beside it.
pub fn current(stored: Option<&str>, kept: Option<&Kept>) -> Option<Version> {
    let body = stored.and_then(body_of);
    match (kept, body) {
        (Some(kept), _) if kept.deleted => {
            Some(Version { path: kept.path.clone(), body: None, schema: SCHEMA_VERSION })
        }
        (Some(kept), Some(body)) => Some(Version { path: kept.path.clone(), body: Some(body), schema: SCHEMA_VERSION }),
        (None, Some(body)) => Some(Version::first(body)),
        // Kept as live but gone from storage cannot happen through this module; treat it as never
        // held rather than invent a deletion.
        (Some(_), None) | (None, None) => None,
    }
}

/// The revision a save makes of a record whose current version is `before`, now stored as
/// `after` (`None`: deleted). `None` when nothing changed that travels (a save that only moved
/// the per-tab counter, deleting what is not there).
pub fn saved(before: Option<&Version>, after: Option<&str>) -> Option<Version> {
    let body = match after {
        Some(json) => Some(body_of(json)?),
        None => None,
    };
    // The demo book stays on the device: loading or removing it sends nothing.
    if body.as_ref().or(before.and_then(|b| b.body.as_ref())).is_some_and(is_demo) {
        return None;
    }
    match (before, body) {
        (None, None) => None,
        (None, Some(body)) => Some(Version::first(body)),
        (Some(before), body) if before.body == body => None,
        (Some(before), body) => Some(before.edit(body)),
    }
}

/// A record of the demo book (`"demo": true`): it never travels.
pub fn is_demo(body: &Value) -> bool {
    body.get("demo").and_then(Value::as_bool) == Some(true)
}

/// Whether a pulled write no longer fits: the user saved the record since the engine read it.
pub fn is_stale(write: &Write, current: Option<&Version>) -> bool {
    current.map(|v| v.path.rev()) != write.expected
}

/// Why a pulled version cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotStorable {
    /// Written by a newer app (the engine stops before this; kept as a second guard).
    TooNew,
    /// An older format that does not upgrade, or content that is not a record.
    Malformed(String),
}

/// What storage holds for a pulled version: the record as the app stores it (`None`: delete it),
/// with the per-tab counter one above the replaced record's (`old_rev`), so that another tab's
/// save of the older copy is refused as a conflict. A version in an older format is upgraded
/// first, through the same chain as a file.
pub fn stored_form(collection: Collection, version: &Version, old_rev: u64) -> Result<Option<String>, NotStorable> {
    let Some(body) = &version.body else { return Ok(None) };
    let mut body = body.clone();
    if version.schema > SCHEMA_VERSION {
        return Err(NotStorable::TooNew);
    }
    if version.schema < SCHEMA_VERSION && collection != Collection::Meta {
        let mut doc = Map::new();
        doc.insert("format".into(), Value::from(FORMAT_NAME));
        doc.insert("version".into(), Value::from(version.schema));
        doc.insert(collection.name().into(), Value::Array(vec![body]));
        let mut doc = Value::Object(doc);
        upgrade(&mut doc).map_err(|e| NotStorable::Malformed(e.to_string()))?;
        body = doc
            .get_mut(collection.name())
            .and_then(Value::as_array_mut)
            .and_then(|list| list.pop())
            .ok_or_else(|| NotStorable::Malformed("the upgrade dropped the record".into()))?;
    }
    let Value::Object(map) = &mut body else { return Err(NotStorable::Malformed("not an object".into())) };
    map.insert("rev".into(), Value::from(old_rev + 1));
    Ok(Some(body.to_string()))
}

/// The per-tab counter of a stored record (0 when absent or unreadable).
pub fn rev_of(stored: Option<&str>) -> u64 {
    stored.and_then(|json| serde_json::from_str::<Value>(json).ok()).and_then(|v| v.get("rev")?.as_u64()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::doc::DocId;
    use serde_json::json;

    #[test]
    fn a_record_saved_before_sync_has_its_contents_first_revision_on_every_device() {
        let stored = r#"{"id":"c1","rev":7,"name":"李娜"}"#;
        let here = current(Some(stored), None).unwrap();
        let there = current(Some(r#"{"id":"c1","rev":2,"name":"李娜"}"#), None).unwrap();
        assert_eq!(here, there, "the per-tab counter is not part of the shared version");
        assert_eq!(here.path.start(), 1);
        assert_eq!(current(None, None), None);
    }

    #[test]
    fn a_save_edits_on_top_of_the_current_version_and_a_deletion_leaves_a_tombstone() {
        let before = current(Some(r#"{"id":"c1","rev":1,"name":"李娜"}"#), None).unwrap();
        let edited = saved(Some(&before), Some(r#"{"id":"c1","rev":2,"name":"李娜娜"}"#)).unwrap();
        assert_eq!(edited.path.parent(), Some(before.path.rev()));
        assert_eq!(
            saved(Some(&edited), Some(r#"{"id":"c1","rev":3,"name":"李娜娜"}"#)),
            None,
            "only the counter moved"
        );
        let gone = saved(Some(&edited), None).unwrap();
        assert!(gone.is_deleted());
        let kept = Kept::of(&gone);
        assert_eq!(current(None, Some(&kept)), Some(gone.clone()));
        assert_eq!(saved(Some(&gone), None), None, "deleting what is gone changes nothing");
        let again = saved(Some(&gone), Some(r#"{"id":"c1","rev":1,"name":"回来了"}"#)).unwrap();
        assert_eq!(again.path.parent(), Some(gone.path.rev()), "recreated on top of the deletion");
    }

    #[test]
    fn the_demo_book_never_travels() {
        let demo = r#"{"id":"d1","rev":1,"name":"演示客户","demo":true}"#;
        assert_eq!(saved(None, Some(demo)), None, "loading the demo book queues nothing");
        let before = current(Some(demo), None);
        assert_eq!(saved(before.as_ref(), None), None, "removing it queues nothing either");
        assert!(saved(None, Some(r#"{"id":"c1","rev":1,"name":"李娜","demo":false}"#)).is_some());
    }

    #[test]
    fn a_pulled_version_is_stored_with_the_counter_above_the_replaced_record() {
        let version = Version::first(json!({"id": "c1", "name": "李娜"}));
        let json = stored_form(Collection::Customers, &version, 4).unwrap().unwrap();
        assert_eq!(rev_of(Some(&json)), 5);
        assert_eq!(body_of(&json), version.body);
        assert_eq!(stored_form(Collection::Customers, &version.edit(None), 4), Ok(None));
        let newer = Version { schema: SCHEMA_VERSION + 1, ..version.clone() };
        assert_eq!(stored_form(Collection::Customers, &newer, 0), Err(NotStorable::TooNew));
        let not_a_record = Version::first(json!("text"));
        assert!(matches!(stored_form(Collection::Customers, &not_a_record, 0), Err(NotStorable::Malformed(_))));
    }

    #[test]
    fn a_page_is_stale_once_the_user_saved_one_of_its_records() {
        let read = Version::first(json!({"id": "c1", "name": "a"}));
        let write = Write {
            revision: crate::sync::doc::Revision {
                id: DocId::new(Collection::Customers, "c1"),
                version: read.edit(Some(json!({"id": "c1", "name": "b"}))),
            },
            expected: Some(read.path.rev()),
        };
        assert!(!is_stale(&write, Some(&read)));
        let since = read.edit(Some(json!({"id": "c1", "name": "c"})));
        assert!(is_stale(&write, Some(&since)));
        assert!(is_stale(&write, None));
    }

    #[test]
    fn only_the_settings_of_meta_travel_and_the_urls_end_in_a_slash() {
        assert!(travels(Collection::Meta, "settings"));
        assert!(!travels(Collection::Meta, "schema"));
        assert!(travels(Collection::Visits, "v1"));
        let setup = Setup::new("d1".into(), "/couch".into(), "userdb-6c69".into(), "li".into());
        assert_eq!(setup.database_url(), "/couch/userdb-6c69/");
        assert_eq!(setup.server_url(), "/couch/");
    }
}
