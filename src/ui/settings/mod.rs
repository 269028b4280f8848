//! Settings: language and the user's profile (the practice's numbers join as features land).

mod campaigns;
mod schedule;
mod tiers;

use crate::domain::settings::Profile;
use crate::i18n::Lang;
use crate::ui::state::use_app;
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let app = use_app();
    view! {
        <header class="page-header">
            <h1>{move || app.t().settings.title}</h1>
        </header>
        <section class="card">
            <h2>{move || app.t().settings.language}</h2>
            <p class="hint">{move || app.t().settings.language_hint}</p>
            <div class="segmented" role="radiogroup" aria-label=move || app.t().settings.language>
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <button
                                role="radio"
                                lang=lang.tag()
                                data-lang=lang.tag()
                                aria-checked=move || (app.lang.get() == lang).to_string()
                                class:selected=move || app.lang.get() == lang
                                on:click=move |_| crate::ui::set_language(app, lang)
                            >
                                {lang.native_name()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </section>
        <ProfileForm />
        <schedule::ScheduleRules />
        <campaigns::Campaigns />
        <tiers::TierSettingsSection />
        <crate::ui::data::durability::BackupSettings />
    }
}

#[component]
fn ProfileForm() -> impl IntoView {
    let app = use_app();
    let profile = app.settings.get_untracked().profile;
    let agent = RwSignal::new(profile.agent_name);
    let company = RwSignal::new(profile.company);
    let supervisor = RwSignal::new(profile.supervisor);
    let hotline = RwSignal::new(profile.hotline);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut settings = app.settings.get_untracked();
        settings.profile = Profile {
            agent_name: agent.get_untracked().trim().to_string(),
            company: company.get_untracked().trim().to_string(),
            supervisor: supervisor.get_untracked().trim().to_string(),
            hotline: hotline.get_untracked().trim().to_string(),
        };
        app.save_settings(settings);
    };
    view! {
        <form class="card form" on:submit=on_submit>
            <h2>{move || app.t().settings.profile}</h2>
            <p class="hint">{move || app.t().settings.profile_hint}</p>
            <label class="field">
                <span>{move || app.t().settings.agent_name}</span>
                <input type="text" name="agent_name" autocomplete="name" bind:value=agent />
            </label>
            <label class="field">
                <span>{move || app.t().settings.company}</span>
                <input type="text" name="company" autocomplete="organization" bind:value=company />
            </label>
            <label class="field">
                <span>{move || app.t().settings.supervisor}</span>
                <input type="text" name="supervisor" bind:value=supervisor />
            </label>
            <label class="field">
                <span>{move || app.t().settings.hotline}</span>
                <input type="text" name="hotline" aria-describedby="hotline-hint" bind:value=hotline />
                <small class="hint" id="hotline-hint">{move || app.t().settings.hotline_hint}</small>
            </label>
            <div class="form-actions">
                <button type="submit" class="button primary">{move || app.t().common.save}</button>
            </div>
        </form>
    }
}
