//! Unsaved visit records kept in localStorage, so a reload or a closed tab loses nothing
//! (issue 5: "an unsaved record survives a reload"). A draft is small (text and a few hundred
//! signature points) and belongs to this device, like the language preference; IndexedDB is for
//! the data the user exports and shares.
//!
//! Each tab keeps its own draft of a record (`huifang.draft.<record>#<tab>`), so two tabs
//! editing a visit for the same customer never overwrite each other's. A tab with no draft of
//! its own takes the latest another tab left (a closed tab's work is not lost).

use crate::domain::record::VisitDraft;
use crate::store::error::StorageError;
use crate::store::prefs;

const PREFIX: &str = "huifang.draft.";

/// The draft saved under `key` (a visit screen's identity: the item, the customer or the record
/// being edited). A draft that no longer reads (written by another version) is dropped, not shown.
pub fn load(key: &str) -> Option<VisitDraft> {
    let own = own_key(key);
    let stored = prefs::get_string(&own)
        .map(|text| (own.clone(), text))
        .or_else(|| {
            // Another tab's draft of the same record (the newest written last wins the tie).
            prefs::keys_with_prefix(&format!("{PREFIX}{key}#"))
                .into_iter()
                .rev()
                .find_map(|k| prefs::get_string(&k).map(|t| (k, t)))
        })
        .or_else(|| {
            // Saved by a version that kept one draft per record.
            let legacy = format!("{PREFIX}{key}");
            prefs::get_string(&legacy).map(|t| (legacy, t))
        })?;
    match serde_json::from_str(&stored.1) {
        Ok(draft) => Some(draft),
        Err(_) => {
            prefs::remove(&stored.0);
            None
        }
    }
}

fn own_key(key: &str) -> String {
    format!("{PREFIX}{key}#{}", prefs::tab_id())
}

/// Saves the draft and reads it back; a full or disabled localStorage is a typed error.
pub fn save(key: &str, draft: &VisitDraft) -> Result<(), StorageError> {
    let text = serde_json::to_string(draft).map_err(|e| StorageError::Failed { detail: e.to_string() })?;
    prefs::set_string(&own_key(key), &text)
}

/// Drops every draft of the record (it was saved or discarded), this tab's and those other tabs
/// left; an older draft without a tab is dropped too.
pub fn discard(key: &str) {
    prefs::remove(&format!("{PREFIX}{key}"));
    for k in prefs::keys_with_prefix(&format!("{PREFIX}{key}#")) {
        prefs::remove(&k);
    }
}
