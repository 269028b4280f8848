//! Pages: the records of the collections read at start, stored a few hundred per IndexedDB value.
//!
//! Why: IndexedDB costs about the same per value whatever its size. Measured in this Chromium, in
//! plain JS: 70,369 individual `put`s in one transaction take 5–9 s and reading them back another
//! 2–4 s, where the same data as four large values takes 0.6–0.7 s. One IndexedDB record per
//! customer and visit made an import of 5,000 customers take 19 s and a cold load ~2 s of
//! `getAll` alone; neither could get near the plain page that stores the book as one value.
//!
//! - The object store [`PAGES_STORE`] holds, under `"<collection>/<nnnn>"` (`visits/0121`), the
//!   text of that page's records, one per line as `<key>\t<record JSON>`, lines sorted by key, as
//!   UTF-8 bytes (a `Uint8Array`: copied into wasm memory as is, where a JS string of Chinese text
//!   would be stored as UTF-16 and re-encoded on every read; reading the book's pages as strings
//!   cost ~0.25 s more per load). [`text_of`] also reads a page stored as a string.
//!   JSON text written by serde_json never holds a raw newline (it escapes them in strings and
//!   writes no whitespace); [`line_safe`] turns any other newline into a space, which in JSON is
//!   whitespace. Keys are ids: a key with a tab or a newline is refused ([`check_key`]).
//! - A record's page is a pure function of its key, [`page_of`]: FNV-1a (32 bits) of the key's
//!   UTF-8 bytes, modulo [`PAGES`]. The e2e tests compute the same in JS
//!   (`tests/e2e/harness.rs`, `IDB_RECORD_JS`).
//! - [`PAGES`] = 256 per collection: at 5,000 customers a visits page holds ~215 visits (~100 KB),
//!   at 50,000 about 2,150 (~1 MB). The count trades saves against loads and imports: a save
//!   rewrites (and reads back) one page per record it touches, so pages must stay small; a load
//!   or an import reads or writes every page, and IndexedDB's cost grows with the number of
//!   values far more than with their size. Measured in this Chromium with the 5,000-customer book
//!   (26 MB of visits, customers and feedback) on the shared 2-core machine: reading every page
//!   with `getAll` took 0.75–0.95 s at 1,024 pages per collection, 0.25–0.3 s at 256 and
//!   0.15 s at 64; writing them all and reading them back in one transaction 1.9–2.1 s at 1,024
//!   and 0.6 s at 256. The 50,000-customer book is where 256 costs: a visit save there rewrites
//!   a ~1 MB page (see docs/performance.md).
//! - Signatures (read on demand, each up to ~100 KB) and meta (by key) stay one record per key.
//!
//! Every save is still one transaction (`Database::write`): it reads the pages it touches, checks
//! revisions and what the records belong to against them, rewrites them and reads them back before
//! the commit. Two tabs saving neighbours of one page are serialised by IndexedDB (both
//! transactions write the `pages` store) and each re-reads the page inside its own transaction, so
//! neither loses the other's record.

use crate::store::error::StorageError;
use crate::store::record::Collection;
use std::borrow::Cow;
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};

/// The object store of the pages.
pub const PAGES_STORE: &str = "pages";
/// Pages per collection; see the module's documentation for the choice.
pub const PAGES: u32 = 256;

/// The collections read at start, and kept in pages (signatures are read on demand, meta by key).
pub const LOADED: [Collection; 6] = [
    Collection::Customers,
    Collection::Visits,
    Collection::Feedback,
    Collection::Campaigns,
    Collection::AgendaMarks,
    Collection::Scripts,
];

pub fn is_loaded(collection: Collection) -> bool {
    LOADED.contains(&collection)
}

/// FNV-1a, 32 bits.
fn fnv1a_32(bytes: &[u8]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for b in bytes {
        hash ^= u32::from(*b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// The page a record of this key lives in.
pub fn page_of(key: &str) -> u32 {
    fnv1a_32(key.as_bytes()) % PAGES
}

/// The IndexedDB key of a page.
pub fn page_key(collection: Collection, page: u32) -> String {
    format!("{}/{page:04}", collection.name())
}

/// Every page of one collection: the keys from `"<name>/"` up to, not including, `"<name>0"`
/// (`'0'` follows `'/'`).
pub fn collection_range(collection: Collection) -> Result<idb::Query, StorageError> {
    let lower = JsValue::from_str(&format!("{}/", collection.name()));
    let upper = JsValue::from_str(&format!("{}0", collection.name()));
    Ok(idb::Query::KeyRange(idb::KeyRange::bound(&lower, &upper, Some(false), Some(true))?))
}

/// A key that could not be told apart from the line around it is refused.
pub fn check_key(collection: Collection, key: &str) -> Result<(), StorageError> {
    if key.contains(['\t', '\n']) {
        return Err(StorageError::Failed {
            detail: format!("{}/{}: a key may not hold a tab or a newline", collection.name(), key.escape_debug()),
        });
    }
    Ok(())
}

/// The JSON as one line: a newline (only ever whitespace in valid JSON) becomes a space.
pub fn line_safe(json: &str) -> Cow<'_, str> {
    if json.contains('\n') { Cow::Owned(json.replace('\n', " ")) } else { Cow::Borrowed(json) }
}

/// The (key, JSON) lines of a page, or of several pages joined by newlines. A line without a tab
/// (damaged outside the app) is a key with empty JSON, so that it is reported, not dropped.
pub fn lines(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.split('\n').filter(|line| !line.is_empty()).map(|line| line.split_once('\t').unwrap_or((line, "")))
}

/// The JSON of one key in a page.
pub fn find<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    lines(text).find(|(k, _)| *k == key).map(|(_, json)| json)
}

/// A page's text from its lines (already in key order).
pub fn encode(lines: &BTreeMap<&str, &str>) -> String {
    let mut text = String::with_capacity(lines.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    for (key, json) in lines {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(key);
        text.push('\t');
        text.push_str(json);
    }
    text
}

/// A page's value as text: its UTF-8 bytes (a string is taken too); anything else is no page.
/// Bytes that are not UTF-8 (damaged outside the app) are read with replacement characters, so
/// the records on them are reported as unreadable rather than lost.
pub fn text_of(value: &JsValue) -> Option<String> {
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Some(utf8(bytes.to_vec()));
    }
    value.as_string()
}

/// A page's text, copied into `buffer` (reused from page to page) and read from there; see
/// [`text_of`].
pub fn text_in<'a>(value: &JsValue, buffer: &'a mut Vec<u8>) -> Option<Cow<'a, str>> {
    if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
        let bytes = bytes_in(array, buffer);
        return Some(match std::str::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(bytes),
        });
    }
    value.as_string().map(Cow::Owned)
}

/// Whether a page as read back holds exactly `text` (the write's check): the bytes are copied into
/// `buffer` (reused from page to page) and compared there, after the lengths.
pub fn holds(value: &JsValue, text: &str, buffer: &mut Vec<u8>) -> bool {
    value
        .dyn_ref::<js_sys::Uint8Array>()
        .is_some_and(|array| array.length() as usize == text.len() && bytes_in(array, buffer) == text.as_bytes())
}

/// The array's bytes, copied into `buffer`; the buffer is only zeroed where it grows.
fn bytes_in<'a>(array: &js_sys::Uint8Array, buffer: &'a mut Vec<u8>) -> &'a [u8] {
    let len = array.length() as usize;
    if buffer.len() < len {
        buffer.resize(len, 0);
    }
    let bytes = &mut buffer[..len];
    array.copy_to(bytes);
    bytes
}

fn utf8(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A page's text as the value to store.
pub fn value_of(text: &str) -> JsValue {
    js_sys::Uint8Array::from(text.as_bytes()).into()
}

/// Several pages' values as one text, joined by newlines in JS: one copy across the wasm
/// boundary instead of one per page.
pub fn joined(values: Vec<JsValue>) -> String {
    let parts: Vec<js_sys::Uint8Array> = values
        .into_iter()
        .filter_map(|v| match v.dyn_into::<js_sys::Uint8Array>() {
            Ok(bytes) => Some(bytes),
            Err(v) => v.as_string().map(|s| js_sys::Uint8Array::from(s.as_bytes())),
        })
        .collect();
    let total: u32 = parts.iter().map(|p| p.length() + 1).sum();
    let all = js_sys::Uint8Array::new_with_length(total);
    let mut at = 0;
    for part in &parts {
        all.set(part, at);
        at += part.length();
        all.set_index(at, b'\n');
        at += 1;
    }
    utf8(all.to_vec())
}

/// Queues a read of `key` to be awaited later, so that many reads share one round trip. It is
/// made a future at once because that is when idb attaches the request's success callback, which
/// must happen before the request completes.
pub fn queue_get(
    store: &idb::ObjectStore,
    key: &str,
) -> Result<idb::request::futures::GetStoreRequestFuture, StorageError> {
    Ok(std::future::IntoFuture::into_future(store.get(JsValue::from_str(key))?))
}

/// Queues a read of every page of a collection (see [`queue_get`]).
pub fn queue_collection(
    store: &idb::ObjectStore,
    collection: Collection,
) -> Result<idb::request::futures::GetAllStoreRequestFuture, StorageError> {
    Ok(std::future::IntoFuture::into_future(store.get_all(Some(collection_range(collection)?), None)?))
}
