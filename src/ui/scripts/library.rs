//! The library: every script in the current language, grouped by scenario, with a search.

use super::{focus_chips, link, origin_badge, text};
use crate::domain::scenario::Scenario;
use crate::domain::scripts::{Script, library};
use crate::ui::components::{Icon, IconName};
use crate::ui::route::Route;
use crate::ui::state::use_app;
use leptos::prelude::*;

#[component]
pub fn Library() -> impl IntoView {
    let app = use_app();
    let t = app.t_now();
    let lang = t.lang;
    let query = RwSignal::new(String::new());
    let all = Memo::new(move |_| app.scripts.with(|user| library(user, lang)));
    let groups = Memo::new(move |_| {
        let q = query.get();
        let mut groups: Vec<(Scenario, Vec<Script>)> = Vec::new();
        all.with(|all| {
            for script in all.iter().filter(|s| s.mentions(&q)) {
                match groups.last_mut() {
                    Some((scenario, list)) if *scenario == script.scenario => list.push(script.clone()),
                    _ => groups.push((script.scenario, vec![script.clone()])),
                }
            }
        });
        groups
    });

    let listing = move || {
        let groups = groups.get();
        if groups.is_empty() {
            return view! {
                <div class="empty-state search-empty">
                    <p>{(t.library.no_results)(query.get_untracked().trim())}</p>
                    <button type="button" class="button" on:click=move |_| query.set(String::new())>
                        {t.library.clear_search}
                    </button>
                </div>
            }
            .into_any();
        }
        groups
            .into_iter()
            .map(|(scenario, scripts)| {
                let cards = scripts
                    .iter()
                    .map(|s| {
                        view! {
                            <li>
                                <a class="script-card" href=link(s).href()>
                                    <span class="script-card-head">
                                        <span class="script-name">{s.name.clone()}</span>
                                        {origin_badge(t, &s.origin)}
                                    </span>
                                    <span class="chips">{focus_chips(t, s)}</span>
                                    <span class="script-preview" lang=s.lang.tag()>
                                        {text::template(&s.sections.opening, s.lang)}
                                    </span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="script-group" data-scenario=format!("{scenario:?}")>
                        <h2>
                            {(t.labels.scenario)(scenario)}
                            <span class="group-count">{(t.library.count)(scripts.len())}</span>
                        </h2>
                        <ul class="script-cards">{cards}</ul>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };

    view! {
        <header class="page-header">
            <h1>{t.nav.scripts}</h1>
            <div class="page-actions">
                <a class="button primary" href=Route::ScriptNew.href() id="new-script">
                    <Icon name=IconName::Plus />
                    {t.library.new_script}
                </a>
            </div>
        </header>
        <p class="hint library-intro">{t.library.intro}</p>
        <div class="search-box" role="search">
            <Icon name=IconName::Search />
            <input type="search" id="script-search" aria-label=t.library.search_label
                placeholder=t.library.search_placeholder bind:value=query />
        </div>
        {listing}
    }
}
