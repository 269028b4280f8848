//! Writing a script: name, scenario, what it is for, every section, placeholders inserted at the
//! cursor. Saving checks it with `Script::validate`; a problem is shown next to its text and
//! nothing is saved.

use super::{ScriptNotFound, actions, link};
use crate::domain::customer::{NeedType, Severity};
use crate::domain::scenario::Scenario;
use crate::domain::scripts::{Fallback, Focus, Origin, Placeholder, Round, Script, ScriptError, SectionRef, find};
use crate::domain::tier::Tier;
use crate::i18n::Texts;
use crate::ui::components::ConfirmDialog;
use crate::ui::route::Route;
use crate::ui::state::{local_now, new_id, use_app};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement, SelectionMode};

#[component]
pub fn ScriptEditor(id: Option<String>) -> impl IntoView {
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

#[derive(Clone, Copy)]
struct FallbackRow {
    key: u64,
    when: RwSignal<String>,
    say: RwSignal<String>,
}

/// The form's fields; [`Form::build`] turns them into a script.
#[derive(Clone, Copy)]
struct Form {
    name: RwSignal<String>,
    // Selects hold the index of the option in its `ALL` list, "" for "any".
    scenario: RwSignal<String>,
    tier: RwSignal<String>,
    need: RwSignal<String>,
    product: RwSignal<String>,
    severity: RwSignal<String>,
    round: RwSignal<String>,
    opening: RwSignal<String>,
    purpose: RwSignal<String>,
    questions: RwSignal<String>,
    tips: RwSignal<String>,
    fallbacks: RwSignal<Vec<FallbackRow>>,
    closing: RwSignal<String>,
    next_key: StoredValue<u64>,
}

const SEVERITIES: [Severity; 3] = [Severity::General, Severity::Important, Severity::Major];
const ROUNDS: [Round; 2] = [Round::First, Round::Later];

fn index_of<T: PartialEq>(all: &[T], value: Option<T>) -> String {
    value.and_then(|v| all.iter().position(|x| *x == v)).map(|i| i.to_string()).unwrap_or_default()
}

fn chosen<T: Copy>(all: &[T], index: &str) -> Option<T> {
    index.parse::<usize>().ok().and_then(|i| all.get(i).copied())
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

impl Form {
    fn new(s: &Script) -> Form {
        let form = Form {
            name: RwSignal::new(s.name.clone()),
            scenario: RwSignal::new(index_of(&Scenario::ALL, Some(s.scenario))),
            tier: RwSignal::new(index_of(&Tier::ALL, s.focus.tier)),
            need: RwSignal::new(index_of(&NeedType::ALL, s.focus.need)),
            product: RwSignal::new(s.focus.product.clone().unwrap_or_default()),
            severity: RwSignal::new(index_of(&SEVERITIES, s.focus.severity)),
            round: RwSignal::new(index_of(&ROUNDS, s.focus.round)),
            opening: RwSignal::new(s.sections.opening.clone()),
            purpose: RwSignal::new(s.sections.purpose.clone()),
            questions: RwSignal::new(s.sections.questions.join("\n")),
            tips: RwSignal::new(s.sections.tips.join("\n")),
            fallbacks: RwSignal::new(Vec::new()),
            closing: RwSignal::new(s.sections.closing.clone()),
            next_key: StoredValue::new(0),
        };
        for f in &s.sections.fallbacks {
            form.add_fallback(&f.when, &f.say);
        }
        form
    }

    fn add_fallback(&self, when: &str, say: &str) {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        let row = FallbackRow { key, when: RwSignal::new(when.to_string()), say: RwSignal::new(say.to_string()) };
        self.fallbacks.update(|rows| rows.push(row));
    }

    /// The script the form describes, and the row of each fallback it kept (empty rows are
    /// dropped), to place an error about fallback `i` next to its row.
    fn build(&self, base: &Script) -> (Script, Vec<u64>) {
        let scenario = chosen(&Scenario::ALL, &self.scenario.get()).unwrap_or(base.scenario);
        let complaint = scenario == Scenario::ComplaintFollowUp;
        let product = self.product.get().trim().to_string();
        let mut kept = Vec::new();
        let mut fallbacks = Vec::new();
        for row in self.fallbacks.get() {
            let (when, say) = (row.when.get().trim().to_string(), row.say.get().trim().to_string());
            if !when.is_empty() || !say.is_empty() {
                kept.push(row.key);
                fallbacks.push(Fallback { when, say });
            }
        }
        let mut script = base.clone();
        script.name = self.name.get().trim().to_string();
        script.scenario = scenario;
        script.focus = Focus {
            tier: chosen(&Tier::ALL, &self.tier.get()),
            need: chosen(&NeedType::ALL, &self.need.get()),
            product: (!product.is_empty()).then_some(product),
            // Severity and round only mean something for a complaint follow-up.
            severity: chosen(&SEVERITIES, &self.severity.get()).filter(|_| complaint),
            round: chosen(&ROUNDS, &self.round.get()).filter(|_| complaint),
        };
        let s = &mut script.sections;
        s.opening = self.opening.get().trim().to_string();
        s.purpose = self.purpose.get().trim().to_string();
        s.questions = lines(&self.questions.get());
        s.tips = lines(&self.tips.get());
        s.fallbacks = fallbacks;
        s.closing = self.closing.get().trim().to_string();
        (script, kept)
    }
}

/// Where an error is shown: a field, or a fallback row (by key).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Spot {
    Name,
    Opening,
    Purpose,
    Questions,
    Tips,
    Fallback(u64),
    Closing,
}

fn spot(at: SectionRef, kept: &[u64]) -> Spot {
    match at {
        SectionRef::Name => Spot::Name,
        SectionRef::Opening => Spot::Opening,
        SectionRef::Purpose => Spot::Purpose,
        SectionRef::Question(_) => Spot::Questions,
        SectionRef::Tip(_) => Spot::Tips,
        SectionRef::FallbackWhen(i) | SectionRef::FallbackSay(i) => {
            kept.get(i).copied().map_or(Spot::Opening, Spot::Fallback)
        }
        SectionRef::Closing => Spot::Closing,
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

#[component]
fn Editor(base: Script, is_new: bool) -> impl IntoView {
    let app = use_app();
    let t = app.t_now();
    let form = Form::new(&base);
    let script_lang = base.lang;
    let builtin = matches!(base.origin, Origin::BuiltIn | Origin::Edited);
    let base = StoredValue::new(base);
    let tried = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let confirm_discard = RwSignal::new(false);
    // The text field the cursor was last in: placeholders go there.
    let target = StoredValue::new_local(None::<web_sys::HtmlElement>);

    // Once a save was refused, the messages follow the text as the user fixes it.
    let errors = Memo::new(move |_| {
        if !tried.get() {
            return Vec::new();
        }
        let (script, kept) = base.with_value(|b| form.build(b));
        match script.validate() {
            Ok(()) => Vec::new(),
            Err(errors) => errors.into_iter().map(|(at, e)| (spot(at, &kept), message(t, at, &e))).collect(),
        }
    });
    let invalid = move |here: Spot| errors.with(|all| all.iter().any(|(s, _)| *s == here));
    // One function for every field, so that its closures are one type: each closure type is
    // its own copy of the rendering code in the wasm.
    let field_errors = move |here: Spot| {
        move || {
            errors.with(|all| {
                all.iter()
                    .filter(|(s, _)| *s == here)
                    .map(|(_, m)| view! { <p class="field-error">{m.clone()}</p> })
                    .collect_view()
            })
        }
    };
    let area = move |here: Spot, id: &'static str, label: &'static str, hint: Option<&'static str>, value: RwSignal<String>| {
        let err = format!("{id}-error");
        view! {
            <label class="field" class:invalid=move || invalid(here)>
                <span>{label}</span>
                {hint.map(|h| view! { <small class="hint">{h}</small> })}
                <textarea id=id name=id data-ph="" lang=script_lang.tag() bind:value=value
                    aria-invalid=move || invalid(here).to_string() aria-describedby=err.clone()></textarea>
                <div id=err class="field-errors" aria-live="polite">{field_errors(here)}</div>
            </label>
        }
    };

    let leave = move || match is_new {
        true => Route::Scripts.replace(),
        false => base.with_value(|b| link(b).replace()),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        tried.set(true);
        let (script, _) = base.with_value(|b| form.build(b));
        if script.validate().is_err() {
            focus_first_invalid();
            return;
        }
        saving.set(true);
        // A built-in becomes the user's edit of it under a new id; the user's own keep theirs.
        let script = script.edited(new_id(), local_now());
        leptos::task::spawn_local(async move {
            match actions::save(app, script).await {
                Some(saved) => {
                    app.toast(app.t_now().library.saved);
                    link(&saved).replace();
                }
                // The failure has been shown; the form keeps everything for another try.
                None => {
                    saving.try_set(false);
                }
            }
        });
    };
    let on_cancel = move |_| {
        let changed = base.with_value(|b| form.build(b).0 != *b);
        if changed { confirm_discard.set(true) } else { leave() }
    };
    let on_focusin = move |ev: leptos::ev::FocusEvent| {
        let el = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = el.filter(|el| el.has_attribute("data-ph")) {
            target.set_value(Some(el));
        }
    };
    let insert = move |p: Placeholder| {
        let token = p.token(script_lang);
        // A field removed since (a fallback row, a page rebuilt for another language) no longer counts.
        let el = target.get_value().filter(|el| el.is_connected()).or_else(|| {
            let doc = web_sys::window()?.document()?;
            doc.get_element_by_id("script-opening")?.dyn_into().ok()
        });
        if let Some(el) = el {
            insert_at_cursor(&el, &token);
        }
    };

    let l = &t.library;
    let fallback_rows = move || {
        form.fallbacks
            .get()
            .into_iter()
            .map(|row| {
                let here = Spot::Fallback(row.key);
                view! {
                    <div class="fallback-row" class:invalid=move || invalid(here)>
                        <label class="field">
                            <span>{t.scripts.fallback_when}</span>
                            <input type="text" data-ph="" lang=script_lang.tag() bind:value=row.when
                                aria-invalid=move || invalid(here).to_string() />
                        </label>
                        <label class="field">
                            <span>{t.scripts.fallback_say}</span>
                            <textarea data-ph="" lang=script_lang.tag() bind:value=row.say
                                aria-invalid=move || invalid(here).to_string()></textarea>
                        </label>
                        <div class="field-errors" aria-live="polite">{field_errors(here)}</div>
                        <button type="button" class="button subtle small fallback-remove"
                            on:click=move |_| form.fallbacks.update(|rows| rows.retain(|r| r.key != row.key))>
                            {l.fallback_remove}
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    let complaint_fields = move || {
        (chosen(&Scenario::ALL, &form.scenario.get()) == Some(Scenario::ComplaintFollowUp)).then(|| {
            view! {
                {choice("severity", l.severity, form.severity, SEVERITIES.map(t.labels.severity).to_vec(), Some(l.any))}
                {choice("round", l.round, form.round, ROUNDS.map(t.scripts.round).to_vec(), Some(l.any))}
            }
        })
    };

    view! {
        <nav class="crumbs">
            <a href=Route::Scripts.href()>"← " {l.back_to_library}</a>
        </nav>
        <header class="page-header">
            <h1>{if is_new { l.new_title } else { l.edit_title }}</h1>
        </header>
        {builtin.then(|| view! { <p class="banner banner-info">{l.edit_builtin_note}</p> })}
        <div class="editor-layout">
            <form class="card form script-form" id="script-form" novalidate on:submit=on_submit on:focusin=on_focusin>
                {move || {
                    let n = errors.with(Vec::len);
                    (n > 0).then(|| view! {
                        <p class="warning-text" role="alert" id="script-errors">{(l.errors_summary)(n)}</p>
                    })
                }}
                <label class="field" class:invalid=move || invalid(Spot::Name)>
                    <span>{l.name}</span>
                    <input type="text" id="script-name" name="name" lang=script_lang.tag() bind:value=form.name
                        aria-invalid=move || invalid(Spot::Name).to_string() aria-describedby="script-name-error" />
                    <div id="script-name-error" class="field-errors" aria-live="polite">{field_errors(Spot::Name)}</div>
                </label>
                {choice("scenario", l.scenario, form.scenario, Scenario::ALL.map(t.labels.scenario).to_vec(), None)}
                <fieldset class="focus-fields">
                    <legend>{l.focus}</legend>
                    <p class="hint">{l.focus_hint}</p>
                    <div class="focus-grid">
                        {choice("tier", l.tier, form.tier, Tier::ALL.map(t.labels.tier).to_vec(), Some(l.any))}
                        {choice("need", l.need, form.need, NeedType::ALL.map(t.labels.need).to_vec(), Some(l.any))}
                        <label class="field">
                            <span>{l.product}</span>
                            <input type="text" name="product" bind:value=form.product placeholder=l.any />
                            <small class="hint">{l.product_hint}</small>
                        </label>
                        {complaint_fields}
                    </div>
                </fieldset>
                {area(Spot::Opening, "script-opening", t.scripts.opening, None, form.opening)}
                {area(Spot::Purpose, "script-purpose", t.scripts.purpose, None, form.purpose)}
                {area(Spot::Questions, "script-questions", t.scripts.questions, Some(l.lines_hint), form.questions)}
                {area(Spot::Tips, "script-tips", t.scripts.tips, Some(l.lines_hint), form.tips)}
                <fieldset class="fallback-fields">
                    <legend>{t.scripts.fallbacks}</legend>
                    {fallback_rows}
                    <button type="button" class="button small" id="add-fallback" on:click=move |_| form.add_fallback("", "")>
                        {l.fallback_add}
                    </button>
                </fieldset>
                {area(Spot::Closing, "script-closing", t.scripts.closing, None, form.closing)}
                <div class="form-actions sticky-actions">
                    <button type="button" class="button" on:click=on_cancel>{t.common.cancel}</button>
                    <button type="submit" class="button primary" id="save-script" disabled=move || saving.get()>
                        {t.common.save}
                    </button>
                </div>
            </form>
            <aside class="ph-palette" aria-labelledby="ph-title">
                <h2 id="ph-title">{l.placeholders}</h2>
                <p class="hint">{l.placeholders_hint}</p>
                <ul>
                    {Placeholder::ALL
                        .into_iter()
                        .map(|p| view! {
                            <li>
                                <button type="button" class="ph-chip" data-placeholder=p.name(script_lang)
                                    title=(l.placeholder)(p)
                                    // Keeps the cursor in the text with a mouse; a tap gets it back below.
                                    on:mousedown=|ev| ev.prevent_default()
                                    on:click=move |_| insert(p)>
                                    <span class="ph ph-token">{p.token(script_lang)}</span>
                                    <span class="ph-desc">{(l.placeholder)(p)}</span>
                                </button>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </aside>
        </div>
        <ConfirmDialog open=confirm_discard name="discard" danger=true
            title=l.discard_title body=l.discard_body confirm_label=l.discard
            on_confirm=Callback::new(move |_| leave()) />
    }
}

/// A `<select>` of `options` (their labels), with "any" first when given.
/// `selected` marks the saved choice as the page renders, whatever order the browser applies
/// the select's value and its options in.
fn choice(
    name: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    options: Vec<&'static str>,
    any: Option<&'static str>,
) -> impl IntoView {
    let current = value.get_untracked();
    view! {
        <label class="field">
            <span>{label}</span>
            <select name=name bind:value=value>
                {any.map(|any| view! { <option value="" selected=current.is_empty()>{any}</option> })}
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(i, option)| {
                        let i = i.to_string();
                        view! { <option selected=current == i value=i>{option}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// Puts `token` where the cursor is (replacing a selection) and leaves the cursor after it. The
/// browser's `setRangeText` counts in UTF-16 as the selection does, so Chinese text and emoji
/// are cut at the right place; the `input` event tells the field's binding.
fn insert_at_cursor(el: &web_sys::HtmlElement, token: &str) {
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
        if let Ok(event) = web_sys::Event::new("input") {
            let _ = el.dispatch_event(&event);
        }
        let _ = el.focus();
    }
}

fn focus_first_invalid() {
    // After the messages have rendered.
    set_timeout(
        || {
            let first = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector("#script-form [aria-invalid=true]").ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(el) = first {
                let _ = el.focus();
            }
        },
        std::time::Duration::from_millis(0),
    );
}
