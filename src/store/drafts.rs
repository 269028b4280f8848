//! Unsaved visit records kept in localStorage, so a reload or a closed tab loses nothing
//! (issue 5: "an unsaved record survives a reload"). A draft is small (text and a few hundred
//! signature points) and belongs to this device, like the language preference; IndexedDB is for
//! the data the user exports and shares.

use crate::domain::record::VisitDraft;
use crate::store::error::StorageError;
use crate::store::prefs;

const PREFIX: &str = "huifang.draft.";

/// The draft saved under `key` (a visit screen's identity: the item, the customer or the record
/// being edited). A draft that no longer reads (written by another version) is dropped, not shown.
pub fn load(key: &str) -> Option<VisitDraft> {
    let text = prefs::get_string(&format!("{PREFIX}{key}"))?;
    match serde_json::from_str(&text) {
        Ok(draft) => Some(draft),
        Err(_) => {
            discard(key);
            None
        }
    }
}

/// Saves the draft and reads it back; a full or disabled localStorage is a typed error.
pub fn save(key: &str, draft: &VisitDraft) -> Result<(), StorageError> {
    let text = serde_json::to_string(draft).map_err(|e| StorageError::Failed { detail: e.to_string() })?;
    prefs::set_string(&format!("{PREFIX}{key}"), &text)
}

pub fn discard(key: &str) {
    prefs::remove(&format!("{PREFIX}{key}"));
}
