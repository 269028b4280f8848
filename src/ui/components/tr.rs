use crate::i18n::Texts;
use crate::ui::state::use_app;

/// A translated label that follows the language switch: `{tr(|t| t.agenda.call)}`.
///
/// Every `move || app.t().x` closure is its own type, and Leptos compiles its renderer once per
/// closure type: with a few hundred labels that was most of a page's wasm. `tr` returns the same
/// closure type for every label (the choice is a plain function pointer), so the renderer is
/// compiled once.
pub fn tr(pick: fn(&'static Texts) -> &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let app = use_app();
    move || pick(app.t())
}
