//! The script as the agent reads it during a call: compact, filled with the customer's details,
//! the core questions as a checklist, the answers to objections one tap away. Shown by the visit
//! screen during a call and by the script library's preview.

use crate::domain::agenda::DueItem;
use crate::domain::customer::{Customer, Id};
use crate::domain::scripts::fill::plain;
use crate::domain::scripts::{FillContext, FilledScript, Script, Segment, fill};
use crate::domain::settings::Settings;
use crate::domain::visit::FeedbackItem;
use crate::i18n::Texts;
use crate::ui::components::markup::{action, actions, target_element};
use crate::ui::components::script_text;
use crate::ui::state::use_app;
use chrono::NaiveDate;
use leptos::prelude::*;
use maud::{Markup, html};
use wasm_bindgen::JsCast;

actions! {
    /// What the prompter's buttons do.
    pub enum PrompterAction { Copy = "copy" }
}

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
    let shown_id = StoredValue::new(Id::default());
    let markup = move || {
        let t = app.t();
        let f = filled();
        if shown_id.with_value(|id| *id != f.script_id) {
            if !shown_id.with_value(|id| id.is_empty()) {
                asked.set(Vec::new());
            }
            shown_id.set_value(f.script_id.clone());
        }
        let copyable = copyable.map_or_else(|| f.questions.is_empty(), |c| c.get());
        asked.with_untracked(|a| markup(t, &f, a, copyable)).into_string()
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(checkbox) = target_element(&ev).and_then(|e| e.closest("[data-question]").ok().flatten()) else {
            return;
        };
        let Some(Ok(i)) = checkbox.get_attribute("data-question").map(|i| i.parse::<usize>()) else { return };
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
        if let Some((PrompterAction::Copy, _)) = action::<PrompterAction>(&ev) {
            let f = untrack(filled);
            super::clipboard::copy(app, plain(&f.opening, f.lang), |t| t.library.copy_failed);
        }
    };
    view! {
        <article class="prompter" lang=move || script.with(|s| s.lang.tag())
            on:change=on_change on:click=on_click inner_html=markup></article>
    }
}

/// One section of the prompter, a `<details>` open unless `folded`: `summary` is its title line.
fn section(name: &str, summary: Markup, folded: bool, body: Markup) -> Markup {
    let class = if folded { "prompter-section prompter-fallbacks" } else { "prompter-section" };
    html! {
        details class=(class) data-section=(name) open[!folded] {
            summary { (summary) }
            (body)
        }
    }
}

/// The filled script as markup: each section a `<details>` (folded with a tap or the keyboard),
/// the answers to objections folded at first.
fn markup(t: &'static Texts, f: &FilledScript, asked: &[usize], copyable: bool) -> Markup {
    let lang = f.lang;
    let s = &t.scripts;
    let say = |name: &str, title: &str, class: &str, text: &[Segment]| {
        html! {
            @if !text.is_empty() {
                (section(name, html! { (title) }, false, html! {
                    p class=(class) { (script_text::filled(text, lang)) }
                    @if name == "opening" && copyable {
                        button type="button" class="button subtle small prompter-copy" data-action=(PrompterAction::Copy) {
                            (t.library.copy_text)
                        }
                    }
                }))
            }
        }
    };
    html! {
        @if !f.hints.is_empty() {
            ul class="prompter-hints" aria-label=(s.hints) {
                @for hint in &f.hints { li { (hint) } }
            }
        }
        @if !f.missing.is_empty() {
            p class="prompter-missing" { (s.missing_note) }
        }
        (say("opening", s.opening, "prompter-say", &f.opening))
        (say("purpose", s.purpose, "prompter-note", &f.purpose))
        @if !f.questions.is_empty() {
            (section(
                "questions",
                html! {
                    (s.questions)
                    span class="prompter-count" { ((t.library.asked)(asked.len(), f.questions.len())) }
                },
                false,
                html! {
                    ul class="checklist" {
                        @for (i, q) in f.questions.iter().enumerate() {
                            li {
                                label {
                                    input type="checkbox" data-question=(i) checked[asked.contains(&i)];
                                    span { (script_text::filled(q, lang)) }
                                }
                            }
                        }
                    }
                },
            ))
        }
        @if !f.tips.is_empty() {
            (section("tips", html! { (s.tips) }, false, html! {
                ul class="prompter-list" { @for tip in &f.tips { li { (script_text::filled(tip, lang)) } } }
            }))
        }
        @if !f.fallbacks.is_empty() {
            (section("fallbacks", html! { (t.library.prompter_fallbacks) }, true, html! {
                dl {
                    @for fb in &f.fallbacks {
                        dt { (script_text::filled(&fb.when, lang)) }
                        dd { (script_text::filled(&fb.say, lang)) }
                    }
                }
            }))
        }
        (say("closing", s.closing, "prompter-say", &f.closing))
    }
}
