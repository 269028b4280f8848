//! The script library (话术): browse by scenario, read a script with its placeholders marked or
//! filled from a sample customer, edit, add, duplicate for a tier or product, restore a
//! built-in, delete. The filled script the visit screen shows during a call, and the preview
//! here, is `components::prompter`; how a script's placeholders are marked is
//! `components::script_text`.
//!
//! The parts that are mostly words (the cards of the library, a script's sections, the prompter,
//! the editor's fields) are markup written with `maud::html!` and set with `inner_html`, not
//! `view!`: every distinct element of a Leptos view is its own copy of the rendering code in the
//! wasm (about half a kilobyte gzipped each), and these pages have hundreds of elements of text.
//! Interaction goes through a few delegated listeners on the element that holds the markup: the
//! typed actions of each page (`data-action`) and the prompter's questions (`data-question`).

mod actions;
mod editor;
mod library;
mod reader;

use crate::domain::customer::Id;
use crate::domain::scripts::{Origin, Script, builtin};
use crate::i18n::Texts;
use crate::ui::components::{EmptyState, IconName};
use crate::ui::route::Route;
use crate::ui::state::use_app;
use leptos::prelude::*;
use maud::{Markup, html};

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

fn link_id(script: &Script) -> Id {
    match (&script.origin, &script.builtin) {
        (Origin::BuiltIn | Origin::Edited, Some(b)) => format!("{}{b}", builtin::ID_PREFIX).into(),
        _ => script.id.clone(),
    }
}

/// 内置 / 已修改 / 自建 / 副本
fn origin_badge(t: &'static Texts, origin: &Origin) -> Markup {
    let class = match origin {
        Origin::BuiltIn => "badge origin-builtin",
        Origin::Edited => "badge origin-edited",
        Origin::Created => "badge origin-created",
        Origin::Duplicated { .. } => "badge origin-copy",
    };
    html! { span class=(class) { ((t.scripts.origin)(origin)) } }
}

/// What the script is specialised for: tier, need type, product, complaint severity and round.
fn focus_chips(t: &'static Texts, script: &Script) -> Markup {
    let f = &script.focus;
    html! {
        @if let Some(tier) = f.tier {
            span class="chip" { ((t.labels.tier)(tier)) }
        }
        @if let Some(need) = f.need {
            span class="chip" { ((t.labels.need)(need)) }
        }
        @if let Some(product) = f.product.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            span class="chip" { (product) }
        }
        @if let Some(severity) = f.severity {
            span class="chip" { ((t.library.severity_chip)((t.labels.severity)(severity))) }
        }
        @if let Some(round) = f.round {
            span class="chip" { ((t.scripts.round)(round)) }
        }
    }
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
