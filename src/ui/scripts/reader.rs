//! One script: its sections with the placeholders marked, or previewed with a sample customer as
//! the agent will see it during a call; and what can be done with it.

use super::{ScriptNotFound, actions, focus_chips, link_id, origin_badge};
use crate::domain::customer::Id;
use crate::domain::scripts::sample::sample;
use crate::domain::scripts::{Origin, Script, find};
use crate::domain::tier::Tier;
use crate::i18n::library::sample_words;
use crate::i18n::{Lang, Texts};
use crate::ui::components::markup::{action, actions};
use crate::ui::components::prompter::{FillData, ScriptPrompter};
use crate::ui::components::script_text;
use crate::ui::components::{Confirm, confirm};
use crate::ui::route::Route;
use crate::ui::state::use_app;
use leptos::prelude::*;
use maud::{Markup, html};
use wasm_bindgen::JsCast;

actions! {
    /// What the buttons above a script do.
    pub enum ReaderAction { Duplicate = "duplicate", Reset = "reset", Delete = "delete" }
}

#[component]
pub fn ScriptReader(id: Id) -> impl IntoView {
    let app = use_app();
    let lang = app.lang.get_untracked();
    // Rebuilt when the scripts change (this one saved in another tab, restored, deleted).
    move || match app.scripts.with(|user| find(user, lang, &id)) {
        Some(s) => view! { <Reader script=s /> }.into_any(),
        None => view! { <ScriptNotFound /> }.into_any(),
    }
}

#[component]
fn Reader(script: Script) -> impl IntoView {
    let app = use_app();
    let t = app.t_now();
    let preview = RwSignal::new(false);
    let deletable = matches!(script.origin, Origin::Created | Origin::Duplicated { .. });
    let resettable = script.origin == Origin::Edited;
    let head = head(t, &script, deletable, resettable).into_string();
    let shown = StoredValue::new(script);

    let on_click = move |ev: leptos::ev::MouseEvent| {
        let l = &t.library;
        let script = shown.get_value();
        match action::<ReaderAction>(&ev) {
            Some((ReaderAction::Duplicate, _)) => {
                let fields = duplicate_fields(t);
                let ask = Confirm {
                    title: l.duplicate_title,
                    body: l.duplicate_body,
                    confirm: l.duplicate_confirm,
                    danger: false,
                    name: "duplicate",
                    fields: Some(fields),
                };
                confirm(app, ask, move |dialog| {
                    let value = |name: &str| {
                        dialog
                            .query_selector(&format!("[name={name}]"))
                            .ok()
                            .flatten()
                            .map(|e| {
                                e.dyn_ref::<web_sys::HtmlSelectElement>()
                                    .map(|s| s.value())
                                    .or_else(|| e.dyn_ref::<web_sys::HtmlInputElement>().map(|i| i.value()))
                                    .unwrap_or_default()
                            })
                            .unwrap_or_default()
                    };
                    let tier = value("duplicate-tier").parse::<usize>().ok().and_then(|i| Tier::ALL.get(i).copied());
                    actions::duplicate(app, &script, tier, &value("duplicate-product"));
                });
            }
            Some((ReaderAction::Reset, _)) => {
                let ask = Confirm {
                    title: l.reset_title,
                    body: l.reset_body,
                    confirm: l.reset,
                    danger: true,
                    name: "reset",
                    fields: None,
                };
                confirm(app, ask, move |_| {
                    if let Some(b) = script.builtin {
                        actions::reset(app, b, script.lang);
                    }
                });
            }
            Some((ReaderAction::Delete, _)) => {
                let body = (l.delete_body)(&script.name);
                let ask = Confirm {
                    title: l.delete_title,
                    body: &body,
                    confirm: t.common.delete,
                    danger: true,
                    name: "delete",
                    fields: None,
                };
                confirm(app, ask, move |_| actions::delete(app, script));
            }
            None => {}
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(toggle) = event_target::<web_sys::Element>(&ev).dyn_ref::<web_sys::HtmlInputElement>()
            && toggle.id() == "preview-toggle"
        {
            preview.set(toggle.checked());
        }
    };
    let body = move || {
        if preview.get() {
            let data = Signal::derive(move || {
                let today = app.today.get();
                let s = shown.with_value(|s| sample(s, today, sample_words));
                FillData {
                    customer: Some(s.customer),
                    item: Some(s.item),
                    feedback: s.feedback,
                    settings: app.settings.get(),
                    on: today,
                }
            });
            let profile_missing = app.settings.with(|s| {
                let p = &s.profile;
                [&p.agent_name, &p.company, &p.hotline].iter().any(|f| f.trim().is_empty())
            });
            let hint = html! {
                span { (t.library.preview_hint) }
                @if profile_missing {
                    " "
                    a href=(Route::Settings.href()) { (t.library.fill_profile) }
                }
            };
            view! {
                <p class="hint preview-hint" inner_html=hint.into_string()></p>
                <ScriptPrompter script=Signal::stored(shown.get_value()) data />
            }
            .into_any()
        } else {
            view! { <div class="script-sheet" inner_html=shown.with_value(|s| sheet(t, s).into_string())></div> }
                .into_any()
        }
    };

    view! {
        <div on:click=on_click on:change=on_change inner_html=head></div>
        {body}
    }
}

/// The way back, the name, what the script is, its actions and the preview switch.
fn head(t: &'static Texts, script: &Script, deletable: bool, resettable: bool) -> Markup {
    html! {
        nav class="crumbs" { a href=(Route::Scripts.href()) { "← " (t.library.back_to_library) } }
        header class="page-header script-header" {
            div class="script-title" {
                h1 lang=(script.lang.tag()) { (script.name) }
                div class="script-meta" {
                    span class="badge scenario" { ((t.labels.scenario)(script.scenario)) }
                    (origin_badge(t, &script.origin))
                    (focus_chips(t, script))
                }
            }
            div class="page-actions" {
                a class="button primary" id="edit-script" href=(Route::ScriptEdit(link_id(script)).href()) { (t.common.edit) }
                button type="button" class="button" id="duplicate-script" data-action=(ReaderAction::Duplicate) {
                    (t.library.duplicate)
                }
                @if resettable {
                    button type="button" class="button" id="reset-script" data-action=(ReaderAction::Reset) {
                        (t.library.reset)
                    }
                }
                @if deletable {
                    button type="button" class="button danger-outline" id="delete-script" data-action=(ReaderAction::Delete) {
                        (t.common.delete)
                    }
                }
            }
        }
        label class="switch" {
            input type="checkbox" id="preview-toggle";
            span { (t.library.preview) }
        }
    }
}

/// One section of the sheet: its title, then `body`.
fn section(name: &str, label: &str, lang: Lang, body: Markup) -> Markup {
    html! {
        section class="sheet-section" data-section=(name) lang=(lang.tag()) {
            h2 { (label) }
            (body)
        }
    }
}

/// The script as written: every section, its placeholders marked as `{产品}`.
fn sheet(t: &'static Texts, script: &Script) -> Markup {
    let lang = script.lang;
    let s = &script.sections;
    let para = |name: &str, label: &str, body: &str| {
        html! {
            @if !body.trim().is_empty() {
                (section(name, label, lang, html! { p { (script_text::template(body, lang)) } }))
            }
        }
    };
    html! {
        (para("opening", t.scripts.opening, &s.opening))
        (para("purpose", t.scripts.purpose, &s.purpose))
        @if !s.questions.is_empty() {
            (section("questions", t.scripts.questions, lang, html! {
                ol { @for item in &s.questions { li { (script_text::template(item, lang)) } } }
            }))
        }
        @if !s.tips.is_empty() {
            (section("tips", t.scripts.tips, lang, html! {
                ul { @for item in &s.tips { li { (script_text::template(item, lang)) } } }
            }))
        }
        @if !s.fallbacks.is_empty() {
            (section("fallbacks", t.scripts.fallbacks, lang, html! {
                dl class="fallbacks" {
                    @for f in &s.fallbacks {
                        dt {
                            span class="fallback-label" { (t.scripts.fallback_when) }
                            (script_text::template(&f.when, lang))
                        }
                        dd {
                            span class="fallback-label" { (t.scripts.fallback_say) }
                            (script_text::template(&f.say, lang))
                        }
                    }
                }
            }))
        }
        (para("closing", t.scripts.closing, &s.closing))
    }
}

/// The choices of a duplicate: a tier and a product.
fn duplicate_fields(t: &'static Texts) -> Markup {
    html! {
        label class="field" {
            span { (t.library.duplicate_tier) }
            select name="duplicate-tier" {
                option value="" { (t.library.any) }
                @for (i, tier) in Tier::ALL.into_iter().enumerate() {
                    option value=(i) { ((t.labels.tier)(tier)) }
                }
            }
        }
        label class="field" {
            span { (t.library.duplicate_product) }
            input type="text" name="duplicate-product";
        }
    }
}
