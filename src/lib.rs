//! Huifang (回访): customer follow-up that runs entirely in the browser.
//!
//! - [`domain`]: the follow-up practice as plain Rust, tested on the host.
//! - [`i18n`]: the typed catalogue of every user-visible string (Simplified Chinese and English).
//! - `store`: the only code that touches browser storage (wasm32 only).
//! - `ui`: Leptos components by page (wasm32 only).

pub mod domain;
pub mod i18n;

#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
