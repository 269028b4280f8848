//! The script as the agent reads it during a call: compact, filled with the customer's details,
//! the core questions as a checklist, the answers to objections one tap away.

use crate::domain::agenda::DueItem;
use crate::domain::customer::Customer;
use crate::domain::scripts::fill::plain;
use crate::domain::scripts::{FillContext, FilledScript, Script, Segment, fill};
use crate::domain::settings::Settings;
use crate::domain::visit::FeedbackItem;
use crate::i18n::Texts;
use crate::ui::scripts::html::{action_of, esc, tag};
use crate::ui::scripts::text;
use crate::ui::state::use_app;
use chrono::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where the prompter fills placeholders from: an owned [`FillContext`], so that it can travel
/// in a signal.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FillData {
    pub customer: Option<Customer>,
    pub item: Option<DueItem>,
    /// The customer's feedback items (the problem of a closure, the need of an intention check).
    pub feedback: Vec<FeedbackItem>,
    pub settings: Settings,
    /// The day of the call, which every time word of the script is true on: the visit form's
    /// date, or today in a preview.
    pub on: NaiveDate,
}

impl FillData {
    pub fn context(&self) -> FillContext<'_> {
        FillContext {
            customer: self.customer.as_ref(),
            item: self.item.as_ref(),
            feedback: &self.feedback,
            settings: &self.settings,
            on: self.on,
            words: crate::i18n::scripts::fill_words,
        }
    }
}

/// The filled script for reading during a call.
///
/// ```ignore
/// let data = Signal::derive(move || FillData { customer, item, feedback, settings: app.settings.get(), on: call_date.get() });
/// view! { <ScriptPrompter script=Signal::derive(move || chosen.get()) data /> }
/// ```
///
/// - `script`: the script to read, usually `domain::scripts::pick(..)` for the visit.
/// - `data`: where its placeholders are filled from, and the day of the call; missing data is
///   shown as 【产品】. A new day re-fills the script and keeps the ticked questions.
/// - `asked`: optional; the indexes of the core questions the agent ticked, for a caller that
///   wants them (e.g. to draft the record). Cleared when another script is shown.
/// - `copyable`: optional; offers "copy this text" under the opening, for a message the agent
///   sends (SMS, WeChat). By default only scripts without questions, which are messages.
///
/// Sections are `<details>`, so each folds with a tap or the keyboard; the answers to refusals
/// and objections start folded.
#[component]
pub fn ScriptPrompter(
    #[prop(into)] script: Signal<Script>,
    #[prop(into)] data: Signal<FillData>,
    #[prop(optional)] asked: Option<RwSignal<Vec<usize>>>,
    #[prop(optional, into)] copyable: Option<Signal<bool>>,
) -> impl IntoView {
    let app = use_app();
    let asked = asked.unwrap_or_else(|| RwSignal::new(Vec::new()));
    let filled = move || data.with(|d| script.with(|s| fill(s, &d.context())));
    // Ticking a question changes the checkbox itself and the count, not the markup: it is
    // rebuilt only when another script or customer is shown, or the language changes. Another
    // script starts with nothing asked.
    let shown_id = StoredValue::new(String::new());
    let markup = move || {
        let t = app.t();
        let f = filled();
        if shown_id.with_value(|id| *id != f.script_id) {
            if !shown_id.with_value(String::is_empty) {
                asked.set(Vec::new());
            }
            shown_id.set_value(f.script_id.clone());
        }
        let copyable = copyable.map_or_else(|| f.questions.is_empty(), |c| c.get());
        asked.with_untracked(|a| markup(t, &f, a, copyable))
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some((checkbox, index)) = action_of(&ev, "data-question") else { return };
        let Ok(i) = index.parse::<usize>() else { return };
        let checked = checkbox.dyn_ref::<web_sys::HtmlInputElement>().is_some_and(|c| c.checked());
        asked.update(|a| {
            a.retain(|x| *x != i);
            if checked {
                a.push(i);
            }
        });
        let count = checkbox
            .closest(".prompter")
            .ok()
            .flatten()
            .and_then(|p| p.query_selector(".prompter-count").ok().flatten());
        if let Some(count) = count {
            let total = script.with_untracked(|s| s.sections.questions.len());
            count.set_text_content(Some(&(app.t_now().library.asked)(asked.with_untracked(Vec::len), total)));
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if action_of(&ev, "data-action").is_some_and(|(_, a)| a == "copy") {
            let f = untrack(filled);
            copy(app, plain(&f.opening, f.lang));
        }
    };
    view! {
        <article class="prompter" lang=move || script.with(|s| s.lang.tag())
            on:change=on_change on:click=on_click inner_html=markup></article>
    }
}

/// The filled script as markup: each section a `<details>` (folded with a tap or the keyboard),
/// the answers to objections folded at first.
fn markup(t: &'static Texts, f: &FilledScript, asked: &[usize], copyable: bool) -> String {
    let lang = f.lang;
    let s = &t.scripts;
    let mut out = String::new();
    if !f.hints.is_empty() {
        out.push_str(r#"<ul class="prompter-hints" aria-label=""#);
        esc(&mut out, s.hints);
        out.push_str(r#"">"#);
        for hint in &f.hints {
            tag(&mut out, "li", "", hint);
        }
        out.push_str("</ul>");
    }
    if !f.missing.is_empty() {
        tag(&mut out, "p", r#"class="prompter-missing""#, s.missing_note);
    }
    let open = |out: &mut String, name: &str, title: &str, folded: bool| {
        let class = if folded { "prompter-section prompter-fallbacks" } else { "prompter-section" };
        let open = if folded { "" } else { " open" };
        out.push_str(&format!(r#"<details class="{class}" data-section="{name}"{open}><summary>"#));
        esc(out, title);
    };
    let say = |out: &mut String, name: &str, title: &str, class: &str, text: &[Segment]| {
        if !text.is_empty() {
            open(out, name, title, false);
            out.push_str(&format!(r#"</summary><p class="{class}">"#));
            text::filled(out, text, lang);
            out.push_str("</p>");
            if name == "opening" && copyable {
                tag(
                    out,
                    "button",
                    r#"type="button" class="button subtle small prompter-copy" data-action="copy""#,
                    t.library.copy_text,
                );
            }
            out.push_str("</details>");
        }
    };
    say(&mut out, "opening", s.opening, "prompter-say", &f.opening);
    say(&mut out, "purpose", s.purpose, "prompter-note", &f.purpose);
    if !f.questions.is_empty() {
        open(&mut out, "questions", s.questions, false);
        tag(&mut out, "span", r#"class="prompter-count""#, &(t.library.asked)(asked.len(), f.questions.len()));
        out.push_str(r#"</summary><ul class="checklist">"#);
        for (i, q) in f.questions.iter().enumerate() {
            let checked = if asked.contains(&i) { " checked" } else { "" };
            out.push_str(&format!(r#"<li><label><input type="checkbox" data-question="{i}"{checked}><span>"#));
            text::filled(&mut out, q, lang);
            out.push_str("</span></label></li>");
        }
        out.push_str("</ul></details>");
    }
    if !f.tips.is_empty() {
        open(&mut out, "tips", s.tips, false);
        out.push_str(r#"</summary><ul class="prompter-list">"#);
        for tip in &f.tips {
            out.push_str("<li>");
            text::filled(&mut out, tip, lang);
            out.push_str("</li>");
        }
        out.push_str("</ul></details>");
    }
    if !f.fallbacks.is_empty() {
        open(&mut out, "fallbacks", t.library.prompter_fallbacks, true);
        out.push_str("</summary><dl>");
        for fb in &f.fallbacks {
            out.push_str("<dt>");
            text::filled(&mut out, &fb.when, lang);
            out.push_str("</dt><dd>");
            text::filled(&mut out, &fb.say, lang);
            out.push_str("</dd>");
        }
        out.push_str("</dl></details>");
    }
    say(&mut out, "closing", s.closing, "prompter-say", &f.closing);
    out
}

/// Copies a message (an SMS care text) for pasting into the messaging app. The Clipboard API
/// exists only on secure pages (https, localhost); elsewhere the user is told to copy by hand.
fn copy(app: crate::ui::state::AppState, message: String) {
    let clipboard = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &"clipboard".into()).ok())
        .filter(|c| !c.is_undefined() && !c.is_null());
    let Some(clipboard) = clipboard else {
        app.toast_error(app.t_now().library.copy_failed);
        return;
    };
    let clipboard: web_sys::Clipboard = wasm_bindgen::JsCast::unchecked_into(clipboard);
    let promise = clipboard.write_text(&message);
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => {
                app.toast(app.t_now().common.copied);
            }
            Err(_) => {
                app.toast_error(app.t_now().library.copy_failed);
            }
        }
    });
}
