//! Huifang (回访): customer follow-up that runs entirely in the browser.
//!
//! - [`domain`]: the follow-up practice as plain Rust, tested on the host.
//! - [`i18n`]: the typed catalogue of every user-visible string (Simplified Chinese and English).
//! - [`sync`]: the CouchDB replication engine, sans-IO, tested on the host against a fake server.
//! - `store`: the only code that touches browser storage (wasm32 only).
//! - `net`: `fetch`, timers and Web Locks for sync (wasm32 only).
//! - `ui`: Leptos components by page (wasm32 only).

pub mod domain;
pub mod i18n;
pub mod sync;

#[cfg(target_arch = "wasm32")]
pub mod net;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
