//! The library: every script in the current language, grouped by scenario, with a search.

use super::{focus_chips, link, origin_badge};
use crate::domain::scripts::{Script, library};
use crate::i18n::Texts;
use crate::i18n::scripts::library_words;
use crate::ui::components::markup::{action, actions};
use crate::ui::components::script_text;
use crate::ui::components::{IconName, icon_markup};
use crate::ui::route::Route;
use crate::ui::state::use_app;
use leptos::prelude::*;
use maud::{Markup, html};

actions! {
    /// What the buttons of the library do.
    pub enum LibraryAction { ClearSearch = "clear-search" }
}

#[component]
pub fn Library() -> impl IntoView {
    let app = use_app();
    let t = app.t_now();
    let lang = t.lang;
    let query = RwSignal::new(String::new());
    let listing = move || query.with(|q| app.scripts.with(|user| cards(t, &library(user, lang), q).into_string()));
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some((LibraryAction::ClearSearch, _)) = action::<LibraryAction>(&ev) {
            query.set(String::new());
        }
    };

    let head = html! {
        header class="page-header" {
            h1 { (t.nav.scripts) }
            div class="page-actions" {
                a class="button primary" id="new-script" href=(Route::ScriptNew.href()) {
                    (icon_markup(IconName::Plus))
                    (t.library.new_script)
                }
            }
        }
        p class="hint library-intro" { (t.library.intro) }
    };

    view! {
        <div inner_html=head.into_string()></div>
        <div class="library-search" role="search">
            <span inner_html=icon_markup(IconName::Search).into_string()></span>
            <input type="search" id="script-search" aria-label=t.library.search_label
                placeholder=t.library.search_placeholder bind:value=query />
        </div>
        <div class="library" on:click=on_click inner_html=listing></div>
    }
}

/// The scripts `query` finds, grouped by scenario (the library is sorted by scenario), or what
/// to do when it finds none.
fn cards(t: &'static Texts, all: &[Script], query: &str) -> Markup {
    let found: Vec<&Script> = all.iter().filter(|s| s.mentions(query, library_words)).collect();
    html! {
        @for group in found.chunk_by(|a, b| a.scenario == b.scenario) {
            @let scenario = group[0].scenario;
            @let count = found.iter().filter(|x| x.scenario == scenario).count();
            section class="script-group" data-scenario=(format!("{scenario:?}")) {
                h2 {
                    ((t.labels.scenario)(scenario))
                    span class="group-count" { ((t.library.count)(count)) }
                }
                ul class="script-list" {
                    @for s in group {
                        // The purpose tells scripts apart; their openings all start with the same greeting.
                        @let preview =
                            if s.sections.purpose.trim().is_empty() { &s.sections.opening } else { &s.sections.purpose };
                        li {
                            a class="script-row" href=(link(s).href()) {
                                span class="script-row-head" {
                                    span class="script-name" { (s.name) }
                                    (origin_badge(t, &s.origin))
                                    (focus_chips(t, s))
                                }
                                span class="script-preview" lang=(s.lang.tag()) { (script_text::template(preview, s.lang)) }
                            }
                        }
                    }
                }
            }
        }
        @if found.is_empty() {
            div class="empty-state search-empty" {
                p { ((t.library.no_results)(query.trim())) }
                button type="button" class="button" data-action=(LibraryAction::ClearSearch) { (t.library.clear_search) }
            }
        }
    }
}
