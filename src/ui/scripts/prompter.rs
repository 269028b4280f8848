//! The script as the agent reads it during a call: compact, filled with the customer's details,
//! the core questions as a checklist, the answers to objections one tap away.

use crate::domain::agenda::DueItem;
use crate::domain::customer::Customer;
use crate::domain::scripts::fill::plain;
use crate::domain::scripts::{FillContext, FilledScript, Script, fill};
use crate::domain::settings::Settings;
use crate::domain::visit::FeedbackItem;
use crate::ui::scripts::text;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// Where the prompter fills placeholders from: an owned [`FillContext`], so that it can travel
/// in a signal.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FillData {
    pub customer: Option<Customer>,
    pub item: Option<DueItem>,
    /// The customer's feedback items (the problem of a closure, the need of an intention check).
    pub feedback: Vec<FeedbackItem>,
    pub settings: Settings,
}

impl FillData {
    pub fn context(&self) -> FillContext<'_> {
        FillContext {
            customer: self.customer.as_ref(),
            item: self.item.as_ref(),
            feedback: &self.feedback,
            settings: &self.settings,
        }
    }
}

/// The filled script for reading during a call.
///
/// ```ignore
/// let data = Signal::derive(move || FillData { customer, item, feedback, settings: app.settings.get() });
/// view! { <ScriptPrompter script=Signal::derive(move || chosen.get()) data /> }
/// ```
///
/// - `script`: the script to read, usually `domain::scripts::pick(..)` for the visit.
/// - `data`: where its placeholders are filled from; missing data is shown as 【产品】.
/// - `asked`: optional; the indexes of the core questions the agent ticked, for a caller that
///   wants them (e.g. to draft the record). Cleared when another script is shown.
///
/// Sections are `<details>`, so each folds with a tap or the keyboard; the answers to refusals
/// and objections start folded.
#[component]
pub fn ScriptPrompter(
    #[prop(into)] script: Signal<Script>,
    #[prop(into)] data: Signal<FillData>,
    #[prop(optional)] asked: Option<RwSignal<Vec<usize>>>,
) -> impl IntoView {
    let app = use_app();
    let asked = asked.unwrap_or_else(|| RwSignal::new(Vec::new()));
    let filled: Memo<FilledScript> = Memo::new(move |_| data.with(|d| script.with(|s| fill(s, &d.context()))));
    let script_id = Memo::new(move |_| script.with(|s| s.id.clone()));
    Effect::new(move |previous: Option<String>| {
        let id = script_id.get();
        if previous.is_some_and(|p| p != id) {
            asked.set(Vec::new());
        }
        id
    });

    // One closure renders the whole script: it changes only when another script or customer is
    // shown, and one closure is far less wasm than one per section.
    let body = move || {
        let f = filled.get();
        let lang = f.lang;
        let t = app.t();
        let s = &t.scripts;
        let hints = (!f.hints.is_empty()).then(|| {
            view! {
                <ul class="prompter-hints" aria-label=s.hints>
                    {f.hints.iter().map(|h| view! { <li>{h.clone()}</li> }).collect_view()}
                </ul>
            }
        });
        let missing = (!f.missing.is_empty()).then(|| view! { <p class="prompter-missing">{s.missing_note}</p> });
        let opening = (!f.opening.is_empty()).then(|| {
            let message = plain(&f.opening, lang);
            let copy_button = view! {
                <button type="button" class="button subtle small prompter-copy"
                    on:click=move |_| copy(app, message.clone())>
                    {t.library.copy_text}
                </button>
            };
            section("opening", s.opening, true, view! { <p class="prompter-say">{text::filled(&f.opening, lang)}</p> {copy_button} }.into_any())
        });
        let purpose = (!f.purpose.is_empty()).then(|| {
            section("purpose", s.purpose, true, view! { <p class="prompter-note">{text::filled(&f.purpose, lang)}</p> }.into_any())
        });
        let total = f.questions.len();
        let questions = (total > 0).then(|| {
            let items = f
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    let checked = move || asked.with(|a| a.contains(&i));
                    view! {
                        <li class:done=checked>
                            <label>
                                <input type="checkbox" data-question=i prop:checked=checked />
                                <span>{text::filled(q, lang)}</span>
                            </label>
                        </li>
                    }
                })
                .collect_view();
            // One listener for the whole list: the checkbox says which question it is.
            let on_change = move |ev: leptos::ev::Event| {
                let index = event_target::<web_sys::Element>(&ev)
                    .get_attribute("data-question")
                    .and_then(|i| i.parse::<usize>().ok());
                if let Some(i) = index {
                    asked.update(|a| match a.iter().position(|x| *x == i) {
                        Some(at) => {
                            a.remove(at);
                        }
                        None => a.push(i),
                    });
                }
            };
            view! {
                <details class="prompter-section" data-section="questions" open>
                    <summary>
                        {s.questions}
                        <span class="prompter-count">{move || (t.library.asked)(asked.with(Vec::len), total)}</span>
                    </summary>
                    <ul class="checklist" on:change=on_change>{items}</ul>
                </details>
            }
        });
        let tips = (!f.tips.is_empty()).then(|| {
            let items = f.tips.iter().map(|item| view! { <li>{text::filled(item, lang)}</li> }).collect_view();
            section("tips", s.tips, true, view! { <ul class="prompter-list">{items}</ul> }.into_any())
        });
        let fallbacks = (!f.fallbacks.is_empty()).then(|| {
            let rows = f
                .fallbacks
                .iter()
                .map(|fb| view! { <dt>{text::filled(&fb.when, lang)}</dt> <dd>{text::filled(&fb.say, lang)}</dd> })
                .collect_view();
            section("fallbacks", t.library.prompter_fallbacks, false, view! { <dl>{rows}</dl> }.into_any())
        });
        let closing = (!f.closing.is_empty()).then(|| {
            section("closing", s.closing, true, view! { <p class="prompter-say">{text::filled(&f.closing, lang)}</p> }.into_any())
        });
        view! { {hints} {missing} {opening} {purpose} {questions} {tips} {fallbacks} {closing} }
    };

    view! { <article class="prompter" lang=move || filled.with(|f| f.lang.tag())>{body}</article> }
}

/// A foldable section; the answers to objections start folded.
fn section(name: &'static str, title: &'static str, open: bool, content: AnyView) -> AnyView {
    let class = if name == "fallbacks" { "prompter-section prompter-fallbacks" } else { "prompter-section" };
    view! {
        <details class=class data-section=name open=open>
            <summary>{title}</summary>
            {content}
        </details>
    }
    .into_any()
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
