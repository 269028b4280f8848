//! The library: every script in the current language, grouped by scenario, with a search.

use super::html::{action_of, esc, tag};
use super::{focus_chips, link, origin_badge, text};
use crate::domain::scripts::{Script, library};
use crate::i18n::Texts;
use crate::ui::components::{IconName, icon_html};
use crate::ui::route::Route;
use crate::ui::state::use_app;
use leptos::prelude::*;

#[component]
pub fn Library() -> impl IntoView {
    let app = use_app();
    let t = app.t_now();
    let lang = t.lang;
    let query = RwSignal::new(String::new());
    let listing = move || query.with(|q| app.scripts.with(|user| cards(t, &library(user, lang), q)));
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if action_of(&ev, "data-action").is_some_and(|(_, a)| a == "clear-search") {
            query.set(String::new());
        }
    };

    let mut head = String::new();
    head.push_str(r#"<header class="page-header">"#);
    tag(&mut head, "h1", "", t.nav.scripts);
    head.push_str(r#"<div class="page-actions"><a class="button primary" id="new-script" href=""#);
    head.push_str(&Route::ScriptNew.href());
    head.push_str(r#"">"#);
    head.push_str(&icon_html(IconName::Plus));
    esc(&mut head, t.library.new_script);
    head.push_str("</a></div></header>");
    tag(&mut head, "p", r#"class="hint library-intro""#, t.library.intro);

    view! {
        <div inner_html=head></div>
        <div class="search-box" role="search">
            <span inner_html=icon_html(IconName::Search)></span>
            <input type="search" id="script-search" aria-label=t.library.search_label
                placeholder=t.library.search_placeholder bind:value=query />
        </div>
        <div class="library" on:click=on_click inner_html=listing></div>
    }
}

/// The scripts `query` finds, grouped by scenario (the library is sorted by scenario), or what
/// to do when it finds none.
fn cards(t: &'static Texts, all: &[Script], query: &str) -> String {
    let mut out = String::new();
    let mut current = None;
    for s in all.iter().filter(|s| s.mentions(query)) {
        if current != Some(s.scenario) {
            if current.is_some() {
                out.push_str("</ul></section>");
            }
            current = Some(s.scenario);
            let count = all.iter().filter(|x| x.scenario == s.scenario && x.mentions(query)).count();
            out.push_str(&format!(r#"<section class="script-group" data-scenario="{:?}"><h2>"#, s.scenario));
            esc(&mut out, (t.labels.scenario)(s.scenario));
            tag(&mut out, "span", r#"class="group-count""#, &(t.library.count)(count));
            out.push_str(r#"</h2><ul class="script-list">"#);
        }
        out.push_str(r#"<li><a class="script-row" href=""#);
        esc(&mut out, &link(s).href());
        out.push_str(r#""><span class="script-row-head">"#);
        tag(&mut out, "span", r#"class="script-name""#, &s.name);
        origin_badge(&mut out, t, &s.origin);
        focus_chips(&mut out, t, s);
        // The purpose tells scripts apart; their openings all start with the same greeting.
        let preview = if s.sections.purpose.trim().is_empty() { &s.sections.opening } else { &s.sections.purpose };
        out.push_str(&format!(r#"</span><span class="script-preview" lang="{}">"#, s.lang.tag()));
        text::template(&mut out, preview, s.lang);
        out.push_str("</span></a></li>");
    }
    if current.is_some() {
        out.push_str("</ul></section>");
    } else {
        out.push_str(r#"<div class="empty-state search-empty">"#);
        tag(&mut out, "p", "", &(t.library.no_results)(query.trim()));
        tag(&mut out, "button", r#"type="button" class="button" data-action="clear-search""#, t.library.clear_search);
        out.push_str("</div>");
    }
    out
}
