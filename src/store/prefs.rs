//! Device preferences in localStorage (gloo-storage): small, needed before IndexedDB has loaded
//! (the language of the very first paint), and specific to this device rather than to the data.

use crate::i18n::Lang;
use crate::store::error::StorageError;
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

/// Every key of localStorage that starts with `prefix`.
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    let storage = GlooLocalStorage::raw();
    let n = storage.length().unwrap_or(0);
    (0..n).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
}

/// This tab's identity, kept in sessionStorage: the same after a reload, another in another tab.
pub fn tab_id() -> String {
    const KEY: &str = "huifang.tab";
    let session = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    if let Some(id) = session.as_ref().and_then(|s| s.get_item(KEY).ok().flatten()) {
        return id;
    }
    let id = format!("{:08x}", (js_sys::Math::random() * f64::from(u32::MAX)) as u32);
    if let Some(s) = session {
        let _ = s.set_item(KEY, &id);
    }
    id
}

/// Whether localStorage can be used at all (it throws in some private modes).
pub fn available() -> bool {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some()
}

// Backups and the reminder to make one. Device facts, not data: an export is a file on this
// device, and the first use is when this browser started keeping Huifang's data.

const LAST_BACKUP_KEY: &str = "huifang.last_backup";
const FIRST_USE_KEY: &str = "huifang.first_use";
const BACKUP_SNOOZED_KEY: &str = "huifang.backup_snoozed";

fn get_date(key: &str) -> Option<chrono::NaiveDate> {
    get_string(key).and_then(|s| crate::domain::date::parse_date(&s).ok())
}

fn set_date(key: &str, date: chrono::NaiveDate) -> Result<(), StorageError> {
    set_string(key, &crate::domain::date::iso(date))
}

/// Records that a backup (an export of everything) was saved today. Called after an export.
/// A failure is not shown here: the export itself succeeded, and at worst the reminder comes early.
pub fn set_last_backup(date: chrono::NaiveDate) {
    let _ = set_date(LAST_BACKUP_KEY, date);
}

/// The date of the last export, if there was one on this device.
pub fn last_backup() -> Option<chrono::NaiveDate> {
    get_date(LAST_BACKUP_KEY)
}

/// The day this browser first ran Huifang; stored on the first call, so later calls return that day.
pub fn first_use(today: chrono::NaiveDate) -> chrono::NaiveDate {
    match get_date(FIRST_USE_KEY) {
        Some(day) if day <= today => day,
        _ => {
            let _ = set_date(FIRST_USE_KEY, today);
            today
        }
    }
}

/// The day until which the user asked not to be reminded of a backup ("later").
pub fn backup_snoozed_until() -> Option<chrono::NaiveDate> {
    get_date(BACKUP_SNOOZED_KEY)
}

pub fn snooze_backup_reminder(until: chrono::NaiveDate) -> Result<(), StorageError> {
    set_date(BACKUP_SNOOZED_KEY, until)
}
