//! Settings: language and the user's profile (the practice's numbers join as features land).

mod backup;
mod campaigns;
mod schedule;
pub mod sync;
mod team;
mod tiers;

use crate::domain::plan::{PlanSettings, Weights};
use crate::domain::settings::{Profile, Role};
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
        <DayPlanForm />
        <schedule::ScheduleRules />
        <campaigns::Campaigns />
        <tiers::TierSettingsSection />
        <backup::BackupSettings />
        <sync::SyncSettings />
        // A supervisor reviews the team's records on the server (issue 19).
        <Show when=move || {
            app.settings.with(|s| s.profile.role == Role::Supervisor) && app.sync.setup.with(Option::is_some)
        }>
            <team::TeamReview />
            <Show when=move || app.sync.setup.with(|s| s.as_ref().is_some_and(|s| s.team.len() >= 2))>
                <team::HandOver />
            </Show>
        </Show>
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
    let role = RwSignal::new(profile.role);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut settings = app.settings.get_untracked();
        settings.profile = Profile {
            agent_name: agent.get_untracked().trim().to_string(),
            company: company.get_untracked().trim().to_string(),
            supervisor: supervisor.get_untracked().trim().to_string(),
            hotline: hotline.get_untracked().trim().to_string(),
            role: role.get_untracked(),
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
            <label class="field">
                <span>{move || app.t().settings.role}</span>
                <select
                    name="role"
                    id="role"
                    aria-describedby="role-hint"
                    on:change=move |ev| {
                        let i = event_target_value(&ev).parse::<usize>().unwrap_or(0);
                        role.set(Role::ALL.get(i).copied().unwrap_or_default());
                    }
                >
                    {Role::ALL
                        .into_iter()
                        .enumerate()
                        .map(|(i, r)| {
                            view! {
                                <option value=i.to_string() selected=move || role.get() == r>
                                    {move || (app.t().settings.role_name)(r)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <small class="hint" id="role-hint">{move || app.t().settings.role_hint}</small>
            </label>
            <div class="form-actions">
                <button type="submit" class="button primary">{move || app.t().common.save}</button>
            </div>
        </form>
    }
}

/// One whole-number field of the day's plan, with its bounds and where it lives.
struct PlanField {
    name: &'static str,
    label: fn(&crate::i18n::Texts) -> &'static str,
    min: u32,
    max: u32,
    get: fn(&PlanSettings) -> u32,
    set: fn(&mut PlanSettings, u32),
}

const PLAN_FIELDS: [PlanField; 8] = [
    PlanField {
        name: "capacity",
        label: |t| t.settings.capacity,
        min: 1,
        max: 500,
        get: |p| p.capacity,
        set: |p, v| p.capacity = v,
    },
    PlanField {
        name: "pull_step",
        label: |t| t.settings.pull_step,
        min: 1,
        max: 200,
        get: |p| p.pull_step,
        set: |p, v| p.pull_step = v,
    },
    PlanField {
        name: "w_complaint",
        label: |t| t.settings.weight_complaint,
        min: 0,
        max: 10_000,
        get: |p| p.weights.complaint,
        set: |p, v| p.weights.complaint = v,
    },
    PlanField {
        name: "w_urgent",
        label: |t| t.settings.weight_urgent,
        min: 0,
        max: 10_000,
        get: |p| p.weights.urgent,
        set: |p, v| p.weights.urgent = v,
    },
    PlanField {
        name: "w_late",
        label: |t| t.settings.weight_late,
        min: 0,
        max: 10_000,
        get: |p| p.weights.late,
        set: |p, v| p.weights.late = v,
    },
    PlanField {
        name: "w_closes_today",
        label: |t| t.settings.weight_closes_today,
        min: 0,
        max: 10_000,
        get: |p| p.weights.closes_today,
        set: |p, v| p.weights.closes_today = v,
    },
    PlanField {
        name: "w_tier",
        label: |t| t.settings.weight_tier,
        min: 0,
        max: 10_000,
        get: |p| p.weights.tier,
        set: |p, v| p.weights.tier = v,
    },
    PlanField {
        name: "w_value",
        label: |t| t.settings.weight_value,
        min: 0,
        max: 10_000,
        get: |p| p.weights.value,
        set: |p, v| p.weights.value = v,
    },
];

/// The day's capacity and the weights of Today's order (`domain::plan`).
#[component]
fn DayPlanForm() -> impl IntoView {
    let app = use_app();
    let current = app.settings.get_untracked().plan;
    let values: [RwSignal<String>; PLAN_FIELDS.len()] =
        std::array::from_fn(|i| RwSignal::new((PLAN_FIELDS[i].get)(&current).to_string()));
    let errors: [RwSignal<Option<String>>; PLAN_FIELDS.len()] = std::array::from_fn(|_| RwSignal::new(None));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = app.t_now();
        let mut plan = app.settings.with_untracked(|s| s.plan);
        let mut ok = true;
        for ((field, value), error) in PLAN_FIELDS.iter().zip(&values).zip(&errors) {
            let text: String = value.get_untracked().chars().filter(|c| !c.is_whitespace()).collect();
            match text.parse::<u32>() {
                Ok(v) if (field.min..=field.max).contains(&v) => {
                    (field.set)(&mut plan, v);
                    error.set(None);
                }
                _ => {
                    error.set(Some((t.settings.number_range)(field.min, field.max)));
                    ok = false;
                }
            }
        }
        if ok {
            let mut settings = app.settings.get_untracked();
            settings.plan = plan;
            app.save_settings(settings);
        }
    };
    let field = move |i: usize| {
        let f = &PLAN_FIELDS[i];
        let (value, error) = (values[i], errors[i]);
        let id = format!("plan-{}", f.name);
        let error_id = format!("{id}-error");
        view! {
            <label class="field compact" class:invalid=move || error.with(Option::is_some)>
                <span>{move || (f.label)(app.t())}</span>
                <input
                    type="text"
                    inputmode="numeric"
                    id=id
                    name=f.name
                    aria-describedby=error_id.clone()
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    bind:value=value
                />
                <span class="field-error" id=error_id role="alert">{move || error.get()}</span>
            </label>
        }
    };
    let reset = move |_| {
        let defaults = PlanSettings { weights: Weights::default(), ..app.settings.with_untracked(|s| s.plan) };
        for ((f, v), e) in PLAN_FIELDS.iter().zip(&values).zip(&errors) {
            if f.name.starts_with("w_") {
                v.set((f.get)(&defaults).to_string());
                e.set(None);
            }
        }
    };
    view! {
        <form class="card form" id="day-plan" novalidate on:submit=on_submit>
            <h2>{move || app.t().settings.day_plan}</h2>
            <p class="hint">{move || app.t().settings.day_plan_hint}</p>
            <div class="rule-fields">{field(0)}{field(1)}</div>
            <fieldset class="rule">
                <legend>{move || app.t().settings.weights}</legend>
                <p class="hint">{move || app.t().settings.weights_hint}</p>
                <div class="rule-fields">{(2..PLAN_FIELDS.len()).map(field).collect_view()}</div>
            </fieldset>
            <div class="form-actions">
                <button type="button" class="button subtle" on:click=reset>{move || app.t().schedule_settings.reset_defaults}</button>
                <button type="submit" class="button primary">{move || app.t().common.save}</button>
            </div>
        </form>
    }
}
