//! The script library (话术): browse by scenario, read a script with its placeholders marked or
//! filled from a sample customer, edit, add, duplicate for a tier or product, restore a
//! built-in, delete. [`ScriptPrompter`] is the filled script the visit screen shows during a call.

mod actions;
mod editor;
mod library;
pub mod prompter;
mod reader;
mod text;

pub use prompter::{FillData, ScriptPrompter};

use crate::domain::scripts::{Origin, Script, builtin};
use crate::i18n::Texts;
use crate::ui::components::{EmptyState, IconName};
use crate::ui::route::Route;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The pages render their strings once, in the language of the moment, and are rebuilt when
/// the language changes: a reactive closure per string would cost far more wasm (every closure
/// type is its own copy of the rendering code) for a switch made once in a while. Form contents
/// live in signals outside, so a rebuild keeps them.
#[component]
pub fn ScriptsPage() -> impl IntoView {
    let app = use_app();
    move || match (app.lang.track(), app.route.get()).1 {
        Route::ScriptNew => view! { <editor::ScriptEditor id=None /> }.into_any(),
        Route::ScriptEdit(id) => view! { <editor::ScriptEditor id=Some(id) /> }.into_any(),
        Route::Script(id) => view! { <reader::ScriptReader id /> }.into_any(),
        _ => view! { <library::Library /> }.into_any(),
    }
}

/// The address of a script. A built-in, and the user's edit of it, are linked as
/// `builtin:<id>`, so the link stays the same across an edit and a reset.
fn link(script: &Script) -> Route {
    Route::Script(link_id(script))
}

fn link_id(script: &Script) -> String {
    match (&script.origin, &script.builtin) {
        (Origin::BuiltIn | Origin::Edited, Some(b)) => format!("{}{b}", builtin::ID_PREFIX),
        _ => script.id.clone(),
    }
}

/// 内置 / 已修改 / 自建 / 副本
fn origin_badge(t: &'static Texts, origin: &Origin) -> impl IntoView + use<> {
    let class = match origin {
        Origin::BuiltIn => "badge origin-builtin",
        Origin::Edited => "badge origin-edited",
        Origin::Created => "badge origin-created",
        Origin::Duplicated { .. } => "badge origin-copy",
    };
    view! { <span class=class data-origin="">{(t.scripts.origin)(origin)}</span> }
}

/// What the script is specialised for: tier, need type, product, complaint severity and round.
fn focus_chips(t: &'static Texts, script: &Script) -> impl IntoView + use<> {
    let f = &script.focus;
    let mut chips: Vec<(String, &'static str)> = Vec::new();
    if let Some(tier) = f.tier {
        chips.push(((t.labels.tier)(tier).to_string(), "chip tier"));
    }
    if let Some(need) = f.need {
        chips.push(((t.labels.need)(need).to_string(), "chip"));
    }
    if let Some(product) = f.product.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        chips.push((product.to_string(), "chip"));
    }
    if let Some(severity) = f.severity {
        chips.push(((t.library.severity_chip)((t.labels.severity)(severity)), "chip"));
    }
    if let Some(round) = f.round {
        chips.push(((t.scripts.round)(round).to_string(), "chip"));
    }
    chips.into_iter().map(|(text, class)| view! { <span class=class>{text}</span> }).collect_view()
}

#[component]
fn ScriptNotFound() -> impl IntoView {
    let t = &use_app().t_now().library;
    view! {
        <EmptyState icon=IconName::Scripts title=t.not_found_title body=t.not_found_body>
            <a class="button primary" href=Route::Scripts.href()>{t.back_to_library}</a>
        </EmptyState>
    }
}
