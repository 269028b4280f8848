//! Device preferences in localStorage (gloo-storage): small, needed before IndexedDB has loaded
//! (the language of the very first paint), and specific to this device rather than to the data.

use crate::i18n::Lang;
use crate::store::error::StorageError;
use chrono::NaiveDate;
// `leptos::prelude` has its own `LocalStorage`; name gloo's explicitly.
use gloo_storage::{LocalStorage as GlooLocalStorage, Storage as _};

// Values are plain strings (not JSON) so that they read naturally in the browser's devtools.

const LANG_KEY: &str = "huifang.lang";

/// The saved language; Simplified Chinese until the user picks another (the users are
/// Chinese-speaking first, whatever language their browser was shipped in).
pub fn language() -> Lang {
    get_string(LANG_KEY).and_then(|tag| Lang::from_tag(&tag)).unwrap_or_default()
}

pub fn set_language(lang: Lang) -> Result<(), StorageError> {
    set_string(LANG_KEY, lang.tag())
}

const LAST_BACKUP_KEY: &str = "huifang.last_backup";

/// The day of the last full export (ISO date), for the backup reminder.
pub fn last_backup() -> Option<NaiveDate> {
    get_string(LAST_BACKUP_KEY).and_then(|iso| iso.parse().ok())
}

/// Records that a full export succeeded on `date`.
pub fn set_last_backup(date: NaiveDate) -> Result<(), StorageError> {
    set_string(LAST_BACKUP_KEY, &date.to_string())
}

/// Writes a string and reads it back; an exception (quota, disabled storage) becomes a typed error.
pub fn set_string(key: &str, value: &str) -> Result<(), StorageError> {
    let storage = GlooLocalStorage::raw();
    storage.set_item(key, value).map_err(|e| StorageError::from_js(&e))?;
    match storage.get_item(key) {
        Ok(Some(stored)) if stored == value => Ok(()),
        _ => Err(StorageError::NotVerified { key: key.to_string() }),
    }
}

pub fn get_string(key: &str) -> Option<String> {
    GlooLocalStorage::raw().get_item(key).ok().flatten()
}

pub fn remove(key: &str) {
    let _ = GlooLocalStorage::raw().remove_item(key);
}

/// Whether localStorage can be used at all (it throws in some private modes).
pub fn available() -> bool {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some()
}
