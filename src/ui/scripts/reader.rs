//! One script: its sections with the placeholders marked, or previewed with a sample customer as
//! the agent will see it during a call; and what can be done with it.

use super::prompter::{FillData, ScriptPrompter};
use super::{ScriptNotFound, actions, focus_chips, link_id, origin_badge, text};
use crate::domain::scripts::sample::sample;
use crate::domain::scripts::{Origin, Script, find};
use crate::domain::tier::Tier;
use crate::i18n::Texts;
use crate::ui::components::ConfirmDialog;
use crate::ui::route::Route;
use crate::ui::state::use_app;
use leptos::prelude::*;

#[component]
pub fn ScriptReader(id: String) -> impl IntoView {
    let app = use_app();
    let lang = app.lang.get_untracked();
    let script = Memo::new(move |_| app.scripts.with(|user| find(user, lang, &id)));
    // Rebuilt when the script itself changes (saved in another tab, restored, deleted).
    move || match script.get() {
        Some(s) => view! { <Reader script=s /> }.into_any(),
        None => view! { <ScriptNotFound /> }.into_any(),
    }
}

#[component]
fn Reader(script: Script) -> impl IntoView {
    let app = use_app();
    let t = app.t_now();
    let preview = RwSignal::new(false);
    let confirm_delete = RwSignal::new(false);
    let confirm_reset = RwSignal::new(false);
    let ask_duplicate = RwSignal::new(false);
    let dup_tier = RwSignal::new(String::new());
    let dup_product = RwSignal::new(String::new());

    let shown = StoredValue::new(script.clone());
    let deletable = matches!(script.origin, Origin::Created | Origin::Duplicated { .. });
    let resettable = script.origin == Origin::Edited;
    let lang = script.lang;

    let body = move || {
        if preview.get() {
            let data = Signal::derive(move || {
                let s = shown.with_value(|s| sample(s, app.today.get()));
                FillData { customer: Some(s.customer), item: Some(s.item), feedback: s.feedback, settings: app.settings.get() }
            });
            let profile_missing = app
                .settings
                .with(|s| s.profile.agent_name.trim().is_empty() || s.profile.company.trim().is_empty());
            view! {
                <p class="hint preview-hint">
                    {t.library.preview_hint} " "
                    {profile_missing.then(|| view! { <a href=Route::Settings.href()>{t.library.fill_profile}</a> })}
                </p>
                <ScriptPrompter script=Signal::stored(shown.get_value()) data />
            }
            .into_any()
        } else {
            shown.with_value(|s| sheet(t, s)).into_any()
        }
    };

    view! {
        <nav class="crumbs">
            <a href=Route::Scripts.href()>"← " {t.library.back_to_library}</a>
        </nav>
        <header class="page-header script-header">
            <div class="script-title">
                <h1 lang=lang.tag()>{script.name.clone()}</h1>
                <div class="script-meta">
                    <span class="badge scenario">{(t.labels.scenario)(script.scenario)}</span>
                    {origin_badge(t, &script.origin)}
                    {focus_chips(t, &script)}
                </div>
            </div>
            <div class="page-actions">
                <a class="button primary" href=Route::ScriptEdit(link_id(&script)).href() id="edit-script">
                    {t.common.edit}
                </a>
                <button type="button" class="button" id="duplicate-script" on:click=move |_| ask_duplicate.set(true)>
                    {t.library.duplicate}
                </button>
                {resettable.then(|| view! {
                    <button type="button" class="button" id="reset-script" on:click=move |_| confirm_reset.set(true)>
                        {t.library.reset}
                    </button>
                })}
                {deletable.then(|| view! {
                    <button type="button" class="button danger-outline" id="delete-script"
                        on:click=move |_| confirm_delete.set(true)>
                        {t.common.delete}
                    </button>
                })}
            </div>
        </header>

        <label class="switch">
            <input type="checkbox" id="preview-toggle" bind:checked=preview />
            <span>{t.library.preview}</span>
        </label>
        {body}

        {deletable.then(|| view! {
            <ConfirmDialog open=confirm_delete name="delete" danger=true
                title=t.library.delete_title body=(t.library.delete_body)(&script.name)
                confirm_label=t.common.delete
                on_confirm=Callback::new(move |_| actions::delete(app, shown.get_value())) />
        })}
        {resettable.then(|| view! {
            <ConfirmDialog open=confirm_reset name="reset" danger=true
                title=t.library.reset_title body=t.library.reset_body confirm_label=t.library.reset
                on_confirm=Callback::new(move |_| {
                    let s = shown.get_value();
                    if let Some(b) = s.builtin {
                        actions::reset(app, b, s.lang);
                    }
                }) />
        })}
        <ConfirmDialog open=ask_duplicate name="duplicate"
            title=t.library.duplicate_title body=t.library.duplicate_body confirm_label=t.library.duplicate_confirm
            on_confirm=Callback::new(move |_| {
                let tier = dup_tier.get_untracked().parse::<usize>().ok().and_then(|i| Tier::ALL.get(i).copied());
                actions::duplicate(app, &shown.get_value(), tier, &dup_product.get_untracked())
            })>
            <label class="field">
                <span>{t.library.duplicate_tier}</span>
                <select name="duplicate-tier" bind:value=dup_tier>
                    <option value="">{t.library.any}</option>
                    {Tier::ALL
                        .into_iter()
                        .enumerate()
                        .map(|(i, tier)| view! { <option value=i.to_string()>{(t.labels.tier)(tier)}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{t.library.duplicate_product}</span>
                <input type="text" name="duplicate-product" bind:value=dup_product />
            </label>
        </ConfirmDialog>
    }
}

/// The script as written: every section, its placeholders marked as `{产品}`.
fn sheet(t: &'static Texts, script: &Script) -> impl IntoView + use<> {
    let lang = script.lang;
    let s = &script.sections;
    let section = |label: &'static str, name: &'static str, content: AnyView| {
        view! {
            <section class="sheet-section" data-section=name>
                <h2>{label}</h2>
                {content}
            </section>
        }
    };
    let para = |label, name, body: &str| {
        (!body.trim().is_empty()).then(|| section(label, name, view! { <p>{text::template(body, lang)}</p> }.into_any()))
    };
    let list = |label, name, items: &[String], ordered: bool| {
        (!items.is_empty()).then(|| {
            let items = items.iter().map(|i| view! { <li>{text::template(i, lang)}</li> }).collect_view();
            let list = if ordered { view! { <ol>{items}</ol> }.into_any() } else { view! { <ul>{items}</ul> }.into_any() };
            section(label, name, list)
        })
    };
    let fallbacks = (!s.fallbacks.is_empty()).then(|| {
        let rows = s
            .fallbacks
            .iter()
            .map(|f| {
                view! {
                    <dt><span class="fallback-label">{t.scripts.fallback_when}</span>{text::template(&f.when, lang)}</dt>
                    <dd><span class="fallback-label">{t.scripts.fallback_say}</span>{text::template(&f.say, lang)}</dd>
                }
            })
            .collect_view();
        section(t.scripts.fallbacks, "fallbacks", view! { <dl class="fallbacks">{rows}</dl> }.into_any())
    });
    view! {
        <div class="script-sheet" lang=lang.tag()>
            {para(t.scripts.opening, "opening", &s.opening)}
            {para(t.scripts.purpose, "purpose", &s.purpose)}
            {list(t.scripts.questions, "questions", &s.questions, true)}
            {list(t.scripts.tips, "tips", &s.tips, false)}
            {fallbacks}
            {para(t.scripts.closing, "closing", &s.closing)}
        </div>
    }
}
