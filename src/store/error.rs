//! Storage failures as a typed error, each with a message in the user's language.

use crate::i18n::{Lang, texts};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::DomException;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StorageError {
    /// No IndexedDB / localStorage: private mode, disabled storage, or an old browser.
    #[error("storage unavailable")]
    Unavailable,
    /// The origin's quota is used up; the transaction was rolled back.
    #[error("quota exceeded")]
    QuotaExceeded,
    /// A stored record could not be decoded.
    #[error("unreadable: {what}")]
    Unreadable { what: String },
    /// The stored data was written by a newer version of the app.
    #[error("data version {version} is newer than this app")]
    TooNew { version: u32 },
    /// The record changed in storage since it was loaded (another tab saved it).
    #[error("conflict on {collection}/{key}")]
    Conflict { collection: String, key: String },
    /// A record belongs to one that is gone (a customer deleted in another tab): nothing was
    /// written.
    #[error("{collection}/{key} no longer exists")]
    Missing { collection: String, key: String },
    /// A write did not read back as written; nothing of its batch was kept.
    #[error("write of {key} not verified")]
    NotVerified { key: String },
    #[error("storage failure: {detail}")]
    Failed { detail: String },
}

impl StorageError {
    /// What to tell the user: what happened, that saved data is safe, and what to do.
    pub fn message(&self, lang: Lang) -> String {
        let t = &texts(lang).storage;
        match self {
            StorageError::Unavailable => t.unavailable.to_string(),
            StorageError::QuotaExceeded => t.quota_exceeded.to_string(),
            StorageError::Unreadable { what } => (t.unreadable)(what),
            StorageError::TooNew { version } => (t.too_new)(*version),
            StorageError::Conflict { .. } => t.conflict.to_string(),
            StorageError::Missing { .. } => t.missing.to_string(),
            StorageError::NotVerified { .. } => t.not_verified.to_string(),
            StorageError::Failed { detail } => (t.failed)(detail),
        }
    }

    /// Classifies a DOMException (or anything thrown) by its name, which is what browsers agree on.
    pub fn from_js(value: &JsValue) -> StorageError {
        if let Some(e) = value.dyn_ref::<DomException>() {
            return StorageError::from_dom_name(&e.name(), &e.message());
        }
        if let Some(e) = value.dyn_ref::<js_sys::Error>() {
            return StorageError::from_dom_name(&String::from(e.name()), &String::from(e.message()));
        }
        StorageError::Failed { detail: value.as_string().unwrap_or_else(|| format!("{value:?}")) }
    }

    pub fn from_dom_name(name: &str, message: &str) -> StorageError {
        match name {
            "QuotaExceededError" => StorageError::QuotaExceeded,
            // Firefox private windows and disabled storage refuse to open IndexedDB.
            "SecurityError" | "InvalidStateError" | "NotAllowedError" => StorageError::Unavailable,
            "VersionError" => StorageError::TooNew { version: 0 },
            _ => StorageError::Failed { detail: format!("{name}: {message}") },
        }
    }

    /// Maps an error of the `idb` crate, digging out the DOMException where there is one.
    pub fn from_idb(error: idb::Error) -> StorageError {
        use idb::Error as E;
        match error {
            E::DomException(e) => StorageError::from_dom_name(&e.name(), &e.message()),
            E::IndexedDbNotFound(_) => StorageError::Unavailable,
            E::IndexedDbOpenFailed(v)
            | E::AddFailed(v)
            | E::UpdateFailed(v)
            | E::DeleteFailed(v)
            | E::GetFailed(v)
            | E::GetAllFailed(v)
            | E::GetAllKeysFailed(v)
            | E::TransactionOpenFailed(v)
            | E::TransactionCommitError(v)
            | E::TransactionAbortError(v)
            | E::ObjectStoreNotFound(v) => StorageError::from_js(&v),
            other => StorageError::Failed { detail: other.to_string() },
        }
    }
}

impl From<idb::Error> for StorageError {
    fn from(error: idb::Error) -> Self {
        StorageError::from_idb(error)
    }
}
