//! Writing a script: name, scenario, what it is for, every section, placeholders inserted at the
//! cursor. Saving checks it with `Script::validate`; a problem is shown next to its text and
//! nothing is saved.
//!
//! The form is plain markup (see `html.rs` for why) and its fields keep their own values; the
//! script is read from them when it is checked or saved. Listeners on the form handle clicks
//! ([`EditorAction`]), typing and the choice of scenario.

use super::{ScriptNotFound, actions, link};
use crate::domain::customer::{Id, NeedType, Severity};
use crate::domain::scenario::Scenario;
use crate::domain::scripts::{Fallback, Focus, Origin, Placeholder, Round, Script, ScriptError, SectionRef, find};
use crate::domain::tier::Tier;
use crate::i18n::Texts;
use crate::store::StorageError;
use crate::ui::components::markup::{action, actions, field_value};
use crate::ui::components::{Confirm, confirm};
use crate::ui::route::Route;
use crate::ui::state::{local_now, new_id, use_app};
use leptos::prelude::*;
use maud::{Markup, html};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement, SelectionMode};

actions! {
    /// What the editor's buttons do.
    pub enum EditorAction {
        AddFallback = "add-fallback",
        RemoveFallback = "remove-fallback",
        Cancel = "cancel",
        /// Puts a placeholder (its `data-placeholder`) at the cursor.
        Insert = "insert",
    }
}

#[component]
pub fn ScriptEditor(id: Option<Id>) -> impl IntoView {
    let app = use_app();
    let lang = app.lang.get_untracked();
    let base = match &id {
        Some(id) => app.scripts.with_untracked(|user| find(user, lang, id)),
        None => Some(Script { id: new_id(), lang, origin: Origin::Created, ..Script::default() }),
    };
    match base {
        Some(base) => view! { <Editor base is_new=id.is_none() /> }.into_any(),
        None => view! { <ScriptNotFound /> }.into_any(),
    }
}

const SEVERITIES: [Severity; 3] = [Severity::General, Severity::Important, Severity::Major];
const ROUNDS: [Round; 2] = [Round::First, Round::Later];
const FORM: &str = "script-form";

#[component]
fn Editor(base: Script, is_new: bool) -> impl IntoView {
    let app = use_app();
    let t = app.t_now();
    let markup = form_markup(t, &base, is_new).into_string();
    let base = StoredValue::new(base);
    let tried = StoredValue::new(false);
    let saving = StoredValue::new(false);
    // The text field the cursor was last in: placeholders go there.
    let target = StoredValue::new_local(None::<HtmlElement>);

    let leave = move || match is_new {
        true => Route::Scripts.replace(),
        false => base.with_value(|b| link(b).replace()),
    };
    // Once a save was refused, the messages follow the text as the user fixes it.
    let check = move || {
        let form = form_element()?;
        let (script, rows) = base.with_value(|b| read(&form, b));
        let errors = script.validate().err().unwrap_or_default();
        show_errors(t, &form, &errors, &rows);
        Some((script, errors.is_empty()))
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_value() {
            return;
        }
        tried.set_value(true);
        let Some((script, valid)) = check() else { return };
        if !valid {
            focus_first_invalid();
            return;
        }
        // Nothing changed: an untouched built-in must not turn into an "edited" copy.
        if base.with_value(|b| script == *b) {
            leave();
            return;
        }
        saving.set_value(true);
        // A built-in becomes the user's edit of it under a new id; the user's own keep theirs.
        let script = script.edited(new_id(), local_now());
        leptos::task::spawn_local(async move {
            match actions::save(app, script.clone()).await {
                Ok(saved) => {
                    app.toast(|t| t.library.saved);
                    link(&saved).replace();
                }
                // The failure has been shown; the form keeps everything for another try. After a
                // conflict the user has been told another tab changed the script: saving again
                // means "keep mine", so the next save starts from the revision stored now.
                Err(error) => {
                    if matches!(error, StorageError::Conflict { .. })
                        && let Some(rev) = actions::stored_rev(app, &script.id).await
                    {
                        base.try_update_value(|b| {
                            if b.id == script.id {
                                b.rev = rev;
                            }
                        });
                    }
                    saving.try_update_value(|s| *s = false);
                }
            }
        });
    };
    let on_input = move |_: leptos::ev::Event| {
        if tried.get_value() {
            check();
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let target = event_target::<Element>(&ev);
        if target.get_attribute("name").as_deref() == Some("scenario")
            && let Some(form) = form_element()
        {
            let complaint =
                chosen(&Scenario::ALL, &field_value(&form, "scenario")) == Some(Scenario::ComplaintFollowUp);
            for_each(&form, ".complaint-only", |e| {
                let _ = if complaint { e.remove_attribute("hidden") } else { e.set_attribute("hidden", "") };
            });
        }
        on_input(ev);
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((action, element)) = action::<EditorAction>(&ev) else { return };
        match action {
            EditorAction::AddFallback => {
                let row = fallback_row(t, base.with_value(|b| b.lang), "", "");
                let _ = element.insert_adjacent_html("beforebegin", &row.into_string());
            }
            EditorAction::RemoveFallback => {
                if let Ok(Some(row)) = element.closest(".fallback-row") {
                    row.remove();
                }
                on_input(ev.into());
            }
            EditorAction::Cancel => {
                let changed = form_element().is_some_and(|f| base.with_value(|b| read(&f, b).0 != *b));
                if changed {
                    let l = &t.library;
                    let ask = Confirm {
                        title: l.discard_title,
                        body: l.discard_body,
                        confirm: l.discard,
                        danger: true,
                        name: "discard",
                        fields: None,
                    };
                    confirm(app, ask, move |_| leave());
                } else {
                    leave();
                }
            }
            EditorAction::Insert => {
                let Some(p) = element.get_attribute("data-placeholder").and_then(|n| Placeholder::from_name(&n)) else {
                    return;
                };
                // A field removed since (a fallback row) no longer counts.
                let field = target
                    .get_value()
                    .filter(|el| el.is_connected())
                    .or_else(|| form_element()?.query_selector("[name=opening]").ok()??.dyn_into().ok());
                if let Some(field) = field {
                    insert_at_cursor(&field, &p.token(base.with_value(|b| b.lang)));
                }
            }
        }
    };
    // Keeps the cursor in the text when a placeholder is clicked with a mouse.
    let on_mousedown = move |ev: leptos::ev::MouseEvent| {
        if let Some((EditorAction::Insert, _)) = action::<EditorAction>(&ev) {
            ev.prevent_default();
        }
    };
    let on_focusin = move |ev: leptos::ev::FocusEvent| {
        let el = ev.target().and_then(|t| t.dyn_into::<HtmlElement>().ok());
        if let Some(el) = el.filter(|el| el.has_attribute("data-ph")) {
            target.set_value(Some(el));
        }
    };

    view! {
        <form class="editor-layout" id=FORM novalidate inner_html=markup
            on:submit=on_submit on:input=on_input on:change=on_change on:click=on_click
            on:mousedown=on_mousedown on:focusin=on_focusin></form>
    }
}

fn form_element() -> Option<Element> {
    web_sys::window()?.document()?.get_element_by_id(FORM)
}

fn for_each(root: &Element, css: &str, mut f: impl FnMut(Element)) {
    if let Ok(list) = root.query_selector_all(css) {
        for i in 0..list.length() {
            if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                f(e);
            }
        }
    }
}

fn index_of<T: PartialEq>(all: &[T], value: Option<T>) -> Option<usize> {
    value.and_then(|v| all.iter().position(|x| *x == v))
}

fn chosen<T: Copy>(all: &[T], index: &str) -> Option<T> {
    index.parse::<usize>().ok().and_then(|i| all.get(i).copied())
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// The script the form describes, and for each fallback it kept (empty rows are dropped) the
/// position of its row, to put a message about fallback `i` next to the right row.
fn read(form: &Element, base: &Script) -> (Script, Vec<u32>) {
    let scenario = chosen(&Scenario::ALL, &field_value(form, "scenario")).unwrap_or(base.scenario);
    let complaint = scenario == Scenario::ComplaintFollowUp;
    let product = field_value(form, "product").trim().to_string();
    let mut rows = Vec::new();
    let mut fallbacks = Vec::new();
    let mut position = 0;
    for_each(form, ".fallback-row", |row| {
        let get = |name: &str| field_value(&row, name).trim().to_string();
        let (when, say) = (get("fallback-when"), get("fallback-say"));
        if !when.is_empty() || !say.is_empty() {
            rows.push(position);
            fallbacks.push(Fallback { when, say });
        }
        position += 1;
    });
    let mut script = base.clone();
    script.name = field_value(form, "name").trim().to_string();
    script.scenario = scenario;
    script.focus = Focus {
        tier: chosen(&Tier::ALL, &field_value(form, "tier")),
        need: chosen(&NeedType::ALL, &field_value(form, "need")),
        product: (!product.is_empty()).then_some(product),
        // Severity and round only mean something for a complaint follow-up.
        severity: chosen(&SEVERITIES, &field_value(form, "severity")).filter(|_| complaint),
        round: chosen(&ROUNDS, &field_value(form, "round")).filter(|_| complaint),
    };
    let s = &mut script.sections;
    s.opening = field_value(form, "opening").trim().to_string();
    s.purpose = field_value(form, "purpose").trim().to_string();
    s.questions = lines(&field_value(form, "questions"));
    s.tips = lines(&field_value(form, "tips"));
    s.fallbacks = fallbacks;
    s.closing = field_value(form, "closing").trim().to_string();
    (script, rows)
}

/// The field a problem belongs to (its `name`), or the fallback row.
fn field_of(at: SectionRef) -> &'static str {
    match at {
        SectionRef::Name => "name",
        SectionRef::Opening => "opening",
        SectionRef::Purpose => "purpose",
        SectionRef::Question(_) => "questions",
        SectionRef::Tip(_) => "tips",
        SectionRef::FallbackWhen(_) | SectionRef::FallbackSay(_) => "fallback",
        SectionRef::Closing => "closing",
    }
}

/// The message next to a field; a list's item is named ("第 2 个核心问题：…").
fn message(t: &'static Texts, at: SectionRef, error: &ScriptError) -> String {
    let text = (t.scripts.error)(error);
    match at {
        SectionRef::Name | SectionRef::Opening | SectionRef::Purpose | SectionRef::Closing => text,
        _ => format!("{}{}{text}", (t.scripts.section_ref)(at), t.library.ref_separator),
    }
}

/// Puts every message next to its field (and marks the field invalid), and the count on top.
fn show_errors(t: &'static Texts, form: &Element, errors: &[(SectionRef, ScriptError)], rows: &[u32]) {
    for_each(form, "[data-errors]", |e| e.set_inner_html(""));
    for_each(form, ".invalid", |e| {
        let _ = e.class_list().remove_1("invalid");
    });
    for_each(form, "[aria-invalid]", |e| {
        let _ = e.remove_attribute("aria-invalid");
    });
    let fallback_rows = form.query_selector_all(".fallback-row").ok();
    for (at, error) in errors {
        let holder = match at {
            SectionRef::FallbackWhen(i) | SectionRef::FallbackSay(i) => {
                rows.get(*i).and_then(|r| fallback_rows.as_ref()?.item(*r)).and_then(|n| n.dyn_into::<Element>().ok())
            }
            _ => form.query_selector(&format!("[data-field={}]", field_of(*at))).ok().flatten(),
        };
        let Some(holder) = holder else { continue };
        let _ = holder.class_list().add_1("invalid");
        for_each(&holder, "input, textarea", |f| {
            let _ = f.set_attribute("aria-invalid", "true");
        });
        if let Ok(Some(list)) = holder.query_selector("[data-errors]") {
            let p = html! { p class="field-error" { (message(t, *at, error)) } };
            let _ = list.insert_adjacent_html("beforeend", &p.into_string());
        }
    }
    if let Ok(Some(summary)) = form.query_selector("[data-errors-summary]") {
        if errors.is_empty() {
            summary.set_inner_html("");
        } else {
            let p = html! {
                p class="warning-text" role="alert" id="script-errors" { ((t.library.errors_summary)(errors.len())) }
            };
            summary.set_inner_html(&p.into_string());
        }
    }
}

/// The whole form: the fields of the script beside (or, on a phone, above) the placeholders.
fn form_markup(t: &'static Texts, s: &Script, is_new: bool) -> Markup {
    let l = &t.library;
    let lang = s.lang.tag();
    let f = &s.focus;
    let sections = &s.sections;
    // Severity and round are shown for a complaint follow-up only.
    let hidden = s.scenario != Scenario::ComplaintFollowUp;
    html! {
        nav class="crumbs" { a href=(Route::Scripts.href()) { "← " (l.back_to_library) } }
        header class="page-header" { h1 { (if is_new { l.new_title } else { l.edit_title }) } }
        @if matches!(s.origin, Origin::BuiltIn | Origin::Edited) {
            p class="banner banner-info" { (l.edit_builtin_note) }
        }
        div class="card form script-form" {
            div data-errors-summary {}
            label class="field" data-field="name" {
                span { (l.name) }
                input type="text" name="name" id="script-name" lang=(lang) value=(s.name);
                div data-errors aria-live="polite" {}
            }
            (select(
                "scenario",
                l.scenario,
                &Scenario::ALL.map(t.labels.scenario),
                None,
                index_of(&Scenario::ALL, Some(s.scenario)),
                false,
            ))
            fieldset class="focus-fields" {
                legend { (l.focus) }
                p class="hint" { (l.focus_hint) }
                div class="focus-grid" {
                    (select("tier", l.tier, &Tier::ALL.map(t.labels.tier), Some(l.any), index_of(&Tier::ALL, f.tier), false))
                    (select(
                        "need",
                        l.need,
                        &NeedType::ALL.map(t.labels.need),
                        Some(l.any),
                        index_of(&NeedType::ALL, f.need),
                        false,
                    ))
                    label class="field" {
                        span { (l.product) }
                        input type="text" name="product" placeholder=(l.any) value=(f.product.as_deref().unwrap_or(""));
                        small class="hint" { (l.product_hint) }
                    }
                    (select(
                        "severity",
                        l.severity,
                        &SEVERITIES.map(t.labels.severity),
                        Some(l.any),
                        index_of(&SEVERITIES, f.severity),
                        hidden,
                    ))
                    (select("round", l.round, &ROUNDS.map(t.scripts.round), Some(l.any), index_of(&ROUNDS, f.round), hidden))
                }
            }
            (area("opening", t.scripts.opening, None, &sections.opening, lang))
            (area("purpose", t.scripts.purpose, None, &sections.purpose, lang))
            (area("questions", t.scripts.questions, Some(l.lines_hint), &sections.questions.join("\n"), lang))
            (area("tips", t.scripts.tips, Some(l.lines_hint), &sections.tips.join("\n"), lang))
            fieldset class="fallback-fields" {
                legend { (t.scripts.fallbacks) }
                @for fb in &sections.fallbacks {
                    (fallback_row(t, s.lang, &fb.when, &fb.say))
                }
                button type="button" class="button small" id="add-fallback" data-action=(EditorAction::AddFallback) {
                    (l.fallback_add)
                }
            }
            (area("closing", t.scripts.closing, None, &sections.closing, lang))
            div class="form-actions sticky-actions" {
                button type="button" class="button" data-action=(EditorAction::Cancel) { (t.common.cancel) }
                button type="submit" class="button primary" id="save-script" { (t.common.save) }
            }
        }
        aside class="ph-palette" aria-labelledby="ph-title" {
            h2 id="ph-title" { (l.placeholders) }
            p class="hint" { (l.placeholders_hint) }
            ul {
                @for p in Placeholder::ALL {
                    li {
                        button type="button" class="ph-chip" data-action=(EditorAction::Insert)
                            data-placeholder=(p.name(s.lang)) title=((l.placeholder)(p)) {
                            span class="ph ph-token" { (p.token(s.lang)) }
                            span class="ph-desc" { ((l.placeholder)(p)) }
                        }
                    }
                }
            }
        }
    }
}

/// A `<select>` of `options`, "any" first when given, `selected` the saved choice. A `hidden`
/// one is marked `complaint-only`, shown again when a complaint follow-up is chosen.
fn select(
    name: &str,
    label: &str,
    options: &[&str],
    any: Option<&str>,
    selected: Option<usize>,
    hidden: bool,
) -> Markup {
    html! {
        label class=(if hidden { "field complaint-only" } else { "field" }) hidden[hidden] {
            span { (label) }
            select name=(name) {
                @if let Some(any) = any {
                    option value="" { (any) }
                }
                @for (i, option) in options.iter().enumerate() {
                    option value=(i) selected[selected == Some(i)] { (option) }
                }
            }
        }
    }
}

/// A text area for one section; `data-ph` lets placeholders be inserted into it.
fn area(name: &str, label: &str, hint: Option<&str>, value: &str, lang: &str) -> Markup {
    html! {
        label class="field" data-field=(name) {
            span { (label) }
            @if let Some(hint) = hint {
                small class="hint" { (hint) }
            }
            textarea name=(name) id={ "script-" (name) } data-ph lang=(lang) { (value) }
            div data-errors aria-live="polite" {}
        }
    }
}

/// One answer to an objection: what the customer says, what to answer.
fn fallback_row(t: &'static Texts, lang: crate::i18n::Lang, when: &str, say: &str) -> Markup {
    let lang = lang.tag();
    html! {
        div class="fallback-row" {
            label class="field" {
                span { (t.scripts.fallback_when) }
                input type="text" name="fallback-when" data-ph lang=(lang) value=(when);
            }
            label class="field" {
                span { (t.scripts.fallback_say) }
                textarea name="fallback-say" data-ph lang=(lang) { (say) }
            }
            div data-errors aria-live="polite" {}
            button type="button" class="button subtle small fallback-remove" data-action=(EditorAction::RemoveFallback) {
                (t.library.fallback_remove)
            }
        }
    }
}

/// Puts `token` where the cursor is (replacing a selection) and leaves the cursor after it. The
/// browser's `setRangeText` counts in UTF-16 as the selection does, so Chinese text and emoji
/// are cut at the right place; the `input` event tells the form's listener.
fn insert_at_cursor(el: &HtmlElement, token: &str) {
    let done = if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        let start = area.selection_start().ok().flatten().unwrap_or(u32::MAX);
        let end = area.selection_end().ok().flatten().unwrap_or(start);
        area.set_range_text_with_start_and_end_and_mode(token, start, end, "end").is_ok()
    } else if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        let start = input.selection_start().ok().flatten().unwrap_or(u32::MAX);
        let end = input.selection_end().ok().flatten().unwrap_or(start);
        input.set_range_text_with_start_and_end_and_selection_mode(token, start, end, SelectionMode::End).is_ok()
    } else {
        false
    };
    if done {
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
            let _ = el.dispatch_event(&event);
        }
        let _ = el.focus();
    }
}

fn focus_first_invalid() {
    let first = form_element()
        .and_then(|f| f.query_selector("[aria-invalid=true]").ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(el) = first {
        let _ = el.focus();
    }
}
