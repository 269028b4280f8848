//! One script: its sections with the placeholders marked, or previewed with a sample customer as
//! the agent will see it during a call; and what can be done with it.

use super::html::{action_of, esc, tag};
use super::prompter::{FillData, ScriptPrompter};
use super::{ScriptNotFound, actions, focus_chips, link_id, origin_badge, text};
use crate::domain::scripts::sample::sample;
use crate::domain::scripts::{Origin, Script, find};
use crate::domain::tier::Tier;
use crate::i18n::Texts;
use crate::ui::components::{Confirm, confirm};
use crate::ui::route::Route;
use crate::ui::state::use_app;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn ScriptReader(id: String) -> impl IntoView {
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
    let head = head(t, &script, deletable, resettable);
    let shown = StoredValue::new(script);

    let on_click = move |ev: leptos::ev::MouseEvent| {
        let l = &t.library;
        let script = shown.get_value();
        match action_of(&ev, "data-action").map(|(_, a)| a).as_deref() {
            Some("duplicate") => {
                let fields = duplicate_fields(t);
                let ask = Confirm {
                    title: l.duplicate_title,
                    body: l.duplicate_body,
                    confirm: l.duplicate_confirm,
                    danger: false,
                    name: "duplicate",
                    fields: &fields,
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
            Some("reset") => {
                let ask = Confirm {
                    title: l.reset_title,
                    body: l.reset_body,
                    confirm: l.reset,
                    danger: true,
                    name: "reset",
                    fields: "",
                };
                confirm(app, ask, move |_| {
                    if let Some(b) = script.builtin {
                        actions::reset(app, b, script.lang);
                    }
                });
            }
            Some("delete") => {
                let body = (l.delete_body)(&script.name);
                let ask = Confirm {
                    title: l.delete_title,
                    body: &body,
                    confirm: t.common.delete,
                    danger: true,
                    name: "delete",
                    fields: "",
                };
                confirm(app, ask, move |_| actions::delete(app, script));
            }
            _ => {}
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
                let s = shown.with_value(|s| sample(s, today));
                FillData {
                    customer: Some(s.customer),
                    item: Some(s.item),
                    feedback: s.feedback,
                    settings: app.settings.get(),
                    on: today,
                }
            });
            let mut hint = String::new();
            tag(&mut hint, "span", "", t.library.preview_hint);
            let profile_missing = app.settings.with(|s| {
                let p = &s.profile;
                [&p.agent_name, &p.company, &p.hotline].iter().any(|f| f.trim().is_empty())
            });
            if profile_missing {
                hint.push_str(&format!(r#" <a href="{}">"#, Route::Settings.href()));
                esc(&mut hint, t.library.fill_profile);
                hint.push_str("</a>");
            }
            view! {
                <p class="hint preview-hint" inner_html=hint></p>
                <ScriptPrompter script=Signal::stored(shown.get_value()) data />
            }
            .into_any()
        } else {
            view! { <div class="script-sheet" inner_html=shown.with_value(|s| sheet(t, s))></div> }.into_any()
        }
    };

    view! {
        <div on:click=on_click on:change=on_change inner_html=head></div>
        {body}
    }
}

/// The way back, the name, what the script is, its actions and the preview switch.
fn head(t: &'static Texts, script: &Script, deletable: bool, resettable: bool) -> String {
    let mut out = format!(r#"<nav class="crumbs"><a href="{}">← "#, Route::Scripts.href());
    esc(&mut out, t.library.back_to_library);
    out.push_str(r#"</a></nav><header class="page-header script-header"><div class="script-title">"#);
    tag(&mut out, "h1", &format!(r#"lang="{}""#, script.lang.tag()), &script.name);
    out.push_str(r#"<div class="script-meta">"#);
    tag(&mut out, "span", r#"class="badge scenario""#, (t.labels.scenario)(script.scenario));
    origin_badge(&mut out, t, &script.origin);
    focus_chips(&mut out, t, script);
    out.push_str(r#"</div></div><div class="page-actions"><a class="button primary" id="edit-script" href=""#);
    esc(&mut out, &Route::ScriptEdit(link_id(script)).href());
    out.push_str(r#"">"#);
    esc(&mut out, t.common.edit);
    out.push_str("</a>");
    let button = |out: &mut String, id: &str, class: &str, label: &str| {
        let action = id.trim_end_matches("-script");
        tag(out, "button", &format!(r#"type="button" class="{class}" id="{id}" data-action="{action}""#), label);
    };
    button(&mut out, "duplicate-script", "button", t.library.duplicate);
    if resettable {
        button(&mut out, "reset-script", "button", t.library.reset);
    }
    if deletable {
        button(&mut out, "delete-script", "button danger-outline", t.common.delete);
    }
    out.push_str(r#"</div></header><label class="switch"><input type="checkbox" id="preview-toggle">"#);
    tag(&mut out, "span", "", t.library.preview);
    out.push_str("</label>");
    out
}

/// The script as written: every section, its placeholders marked as `{产品}`.
fn sheet(t: &'static Texts, script: &Script) -> String {
    let lang = script.lang;
    let s = &script.sections;
    let mut out = String::new();
    let open = |out: &mut String, name: &str, label: &str| {
        out.push_str(&format!(r#"<section class="sheet-section" data-section="{name}" lang="{}">"#, lang.tag()));
        tag(out, "h2", "", label);
    };
    let para = |out: &mut String, name: &str, label: &str, body: &str| {
        if !body.trim().is_empty() {
            open(out, name, label);
            out.push_str("<p>");
            text::template(out, body, lang);
            out.push_str("</p></section>");
        }
    };
    para(&mut out, "opening", t.scripts.opening, &s.opening);
    para(&mut out, "purpose", t.scripts.purpose, &s.purpose);
    for (name, label, items, list) in
        [("questions", t.scripts.questions, &s.questions, "ol"), ("tips", t.scripts.tips, &s.tips, "ul")]
    {
        if !items.is_empty() {
            open(&mut out, name, label);
            out.push_str(&format!("<{list}>"));
            for item in items {
                out.push_str("<li>");
                text::template(&mut out, item, lang);
                out.push_str("</li>");
            }
            out.push_str(&format!("</{list}></section>"));
        }
    }
    if !s.fallbacks.is_empty() {
        open(&mut out, "fallbacks", t.scripts.fallbacks);
        out.push_str(r#"<dl class="fallbacks">"#);
        for f in &s.fallbacks {
            out.push_str("<dt>");
            tag(&mut out, "span", r#"class="fallback-label""#, t.scripts.fallback_when);
            text::template(&mut out, &f.when, lang);
            out.push_str("</dt><dd>");
            tag(&mut out, "span", r#"class="fallback-label""#, t.scripts.fallback_say);
            text::template(&mut out, &f.say, lang);
            out.push_str("</dd>");
        }
        out.push_str("</dl></section>");
    }
    para(&mut out, "closing", t.scripts.closing, &s.closing);
    out
}

/// The choices of a duplicate: a tier and a product.
fn duplicate_fields(t: &'static Texts) -> String {
    let mut out = String::from(r#"<label class="field">"#);
    tag(&mut out, "span", "", t.library.duplicate_tier);
    out.push_str(r#"<select name="duplicate-tier">"#);
    tag(&mut out, "option", r#"value="""#, t.library.any);
    for (i, tier) in Tier::ALL.into_iter().enumerate() {
        tag(&mut out, "option", &format!(r#"value="{i}""#), (t.labels.tier)(tier));
    }
    out.push_str(r#"</select></label><label class="field">"#);
    tag(&mut out, "span", "", t.library.duplicate_product);
    out.push_str(r#"<input type="text" name="duplicate-product"></label>"#);
    out
}
