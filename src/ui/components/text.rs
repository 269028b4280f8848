//! Reactive text from the catalogue, shared by every view.
//!
//! Why not `move || app.t().x.y` inline: every closure is its own type, and Leptos (tachys)
//! generates render and update code per type; a few hundred such closures cost well over 100 KB
//! of wasm. `tx` returns one opaque closure type whatever string it picks (the choice is a plain
//! function pointer), so all of them share one copy of that code.

use crate::i18n::Texts;
use crate::ui::state::use_app;

/// The string `pick` selects, in the current language, following language changes.
/// `view! { <h1>{tx(|t| t.customers.new_title)}</h1> }`
pub fn tx(pick: fn(&'static Texts) -> &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let app = use_app();
    move || pick(app.t())
}
