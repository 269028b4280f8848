//! Settings → customer tiers: the thresholds of the four dimensions, the score of each tier, and
//! the per-tier strategy. A live preview counts the customers per tier with what is typed; saving
//! writes the settings and every resulting tier change (with its history entry) in one batch, so
//! that every customer's tier follows at once.

use crate::domain::tier::{NoAnswerAction, Tier, TierSettings};
use crate::domain::customer::NeedType;
use crate::domain::tier_form::{TierField, TierFieldError, TierSettingsDraft};
use crate::domain::tiering;
use crate::store::Batch;
use crate::ui::customers::remember;
use crate::ui::state::use_app;
use crate::ui::components::tx;
use leptos::prelude::*;

const ACTIONS: [NoAnswerAction; 4] =
    [NoAnswerAction::HandToSpecialist, NoAnswerAction::SmsCare, NoAnswerAction::DemoteToBasic, NoAnswerAction::StopPeriodic];

#[component]
fn NumberField(
    #[prop(into)] label: Signal<String>,
    name: String,
    value: Signal<String>,
    on_input: Callback<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <label class="field" class:invalid=move || error.with(Option::is_some)>
            <span>{move || label.get()}</span>
            <input type="text" inputmode="decimal" name=name prop:value=move || value.get()
                aria-invalid=move || error.with(Option::is_some).to_string()
                on:input:target=move |ev| on_input.run(ev.target().value()) />
            {move || error.get().map(|e| view! { <span class="field-error">{e}</span> })}
        </label>
    }
}

#[component]
pub fn TierSettingsSection() -> impl IntoView {
    let app = use_app();
    let draft = RwSignal::new(TierSettingsDraft::from_settings(&app.settings.get_untracked().tiers));
    let errors = RwSignal::new(Vec::<(TierField, TierFieldError)>::new());
    let message = move |field: TierField| {
        Signal::derive(move || errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, e)| (app.t().tiers.field_error)(e))))
    };
    let field = move |label: fn(&crate::i18n::Texts) -> &'static str,
                      name: &'static str,
                      field: TierField,
                      get: fn(&TierSettingsDraft) -> &String,
                      put: fn(&mut TierSettingsDraft, String)| {
        view! {
            <NumberField label=Signal::derive(move || label(app.t()).to_string()) name=name.to_string()
                value=Signal::derive(move || draft.with(|d| get(d).clone()))
                on_input=Callback::new(move |v| draft.update(|d| put(d, v)))
                error=message(field) />
        }
    };

    // What the typed thresholds would make of the book, as soon as they are consistent.
    let preview = Memo::new(move |_| {
        let parsed = draft.with(|d| app.settings.with(|s| d.parse(&s.tiers)));
        let settings = parsed.ok()?;
        let today = app.today.get();
        let counts = app.customers.with(|c| app.visits.with(|v| tiering::tier_counts(tiering::assess_all(c, v, &settings, today).values())));
        Some(counts)
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut settings = app.settings.get_untracked();
        let tiers: TierSettings = match draft.with_untracked(|d| d.parse(&settings.tiers)) {
            Ok(t) => t,
            Err(e) => {
                errors.set(e);
                app.toast_error(app.t_now().customers.fix_errors);
                return;
            }
        };
        errors.set(Vec::new());
        settings.tiers = tiers;
        let today = app.today.get_untracked();
        let changed = app.customers.with_untracked(|c| app.visits.with_untracked(|v| tiering::reconcile(c, v, &settings.tiers, today)));
        let mut batch = Batch::new();
        batch.put_meta("settings", &settings);
        let saved: Vec<_> = changed.iter().map(|c| batch.save(c)).collect();
        let n = saved.len();
        app.commit(batch, move || {
            app.settings.set(settings);
            remember(app, saved);
            app.toast((app.t_now().tiers.saved)(n));
        });
    };

    let strategy = move |tier: Tier| {
        let i = tier.index();
        let cadence_error = message(TierField::Cadence(tier));
        let no_answer_error = message(TierField::NoAnswer(tier));
        view! {
            <fieldset class="strategy-tier" data-tier=format!("{tier:?}").to_lowercase()>
                <legend><super::super::customers::TierBadge tier=tier /></legend>
                <div class="field" class:invalid=move || cadence_error.with(Option::is_some)>
                    <span>{tx(|t| t.tiers.cadence)}</span>
                    <div class="inline-inputs">
                        <span>{tx(|t| t.tiers.every)}</span>
                        <input type="text" inputmode="numeric" class="short" name=format!("cadence-{i}")
                            aria-label=tx(|t| t.tiers.cadence)
                            prop:value=move || draft.with(|d| d.strategies[i].cadence_count.clone())
                            on:input:target=move |ev| draft.update(|d| d.strategies[i].cadence_count = ev.target().value()) />
                        <select name=format!("cadence-unit-{i}") aria-label=tx(|t| t.tiers.cadence)
                            on:change:target=move |ev| draft.update(|d| d.strategies[i].cadence_in_months = ev.target().value() == "m")>
                            <option value="d" prop:selected=move || draft.with(|d| !d.strategies[i].cadence_in_months)>{tx(|t| t.tiers.days)}</option>
                            <option value="m" prop:selected=move || draft.with(|d| d.strategies[i].cadence_in_months)>{tx(|t| t.tiers.months)}</option>
                        </select>
                    </div>
                    {move || cadence_error.get().map(|e| view! { <span class="field-error">{e}</span> })}
                </div>
                <label class="field">
                    <span>{tx(|t| t.tiers.carries)}</span>
                    <input type="text" name=format!("carries-{i}") placeholder=move || (app.t().labels.tier_carries)(tier)
                        prop:value=move || draft.with(|d| d.strategies[i].carries.clone())
                        on:input:target=move |ev| draft.update(|d| d.strategies[i].carries = ev.target().value()) />
                </label>
                <label class="field">
                    <span>{tx(|t| t.tiers.emphasis)}</span>
                    <input type="text" name=format!("emphasis-{i}") placeholder=move || (app.t().labels.tier_emphasis)(tier)
                        prop:value=move || draft.with(|d| d.strategies[i].emphasis.clone())
                        on:input:target=move |ev| draft.update(|d| d.strategies[i].emphasis = ev.target().value()) />
                </label>
                <div class="field" class:invalid=move || no_answer_error.with(Option::is_some)>
                    <span>{tx(|t| t.tiers.after_unanswered)}</span>
                    <div class="inline-inputs">
                        <input type="text" inputmode="numeric" class="short" name=format!("no-answer-{i}")
                            aria-label=tx(|t| t.tiers.calls_in_a_row)
                            prop:value=move || draft.with(|d| d.strategies[i].no_answer_in_a_row.clone())
                            on:input:target=move |ev| draft.update(|d| d.strategies[i].no_answer_in_a_row = ev.target().value()) />
                        <select name=format!("no-answer-action-{i}") aria-label=tx(|t| t.tiers.after_unanswered)
                            on:change:target=move |ev| {
                                if let Some(a) = ev.target().value().parse::<usize>().ok().and_then(|k| ACTIONS.get(k).copied()) {
                                    draft.update(|d| d.strategies[i].no_answer_action = a);
                                }
                            }>
                            {ACTIONS.into_iter().enumerate().map(|(k, a)| view! {
                                <option value=k.to_string() prop:selected=move || draft.with(|d| d.strategies[i].no_answer_action == a)>
                                    {move || (app.t().labels.no_answer_action)(a)}
                                </option>
                            }).collect_view()}
                        </select>
                    </div>
                    <span class="hint">{move || draft.with(|d| (app.t().tiers.no_answer_rule)(d.strategies[i].no_answer_in_a_row.trim().parse().unwrap_or(1), (app.t().labels.no_answer_action)(d.strategies[i].no_answer_action)))}</span>
                    {move || no_answer_error.get().map(|e| view! { <span class="field-error">{e}</span> })}
                </div>
            </fieldset>
        }
    };

    view! {
        <form class="card form tier-settings" id="tier-settings" novalidate on:submit=save>
            <h2>{tx(|t| t.tiers.settings_title)}</h2>
            <p class="hint">{tx(|t| t.tiers.settings_hint)}</p>
            <fieldset>
                <legend>{tx(|t| t.tiers.frequency)}</legend>
                <div class="form-grid three">
                    {field(|t| t.tiers.frequency_window, "frequency_window", TierField::FrequencyWindow, |d| &d.frequency_window_months, |d, v| d.frequency_window_months = v)}
                    {field(|t| t.tiers.frequency_high, "frequency_high", TierField::FrequencyHigh, |d| &d.frequency_high, |d, v| d.frequency_high = v)}
                    {field(|t| t.tiers.frequency_mid, "frequency_mid", TierField::FrequencyMid, |d| &d.frequency_mid, |d, v| d.frequency_mid = v)}
                </div>
            </fieldset>
            <fieldset>
                <legend>{tx(|t| t.tiers.order_size)}</legend>
                <div class="form-grid">
                    {field(|t| t.tiers.amount_large, "amount_large", TierField::AmountLarge, |d| &d.amount_large, |d, v| d.amount_large = v)}
                    {field(|t| t.tiers.amount_mid, "amount_mid", TierField::AmountMid, |d| &d.amount_mid, |d, v| d.amount_mid = v)}
                </div>
            </fieldset>
            <fieldset>
                <legend>{tx(|t| t.tiers.activity)}</legend>
                <div class="form-grid three">
                    {field(|t| t.tiers.activity_window, "activity_window", TierField::ActivityWindow, |d| &d.activity_window_days, |d, v| d.activity_window_days = v)}
                    {field(|t| t.tiers.active_min, "active_min", TierField::ActiveMin, |d| &d.active_min, |d, v| d.active_min = v)}
                    {field(|t| t.tiers.semi_active_min, "semi_active_min", TierField::SemiActiveMin, |d| &d.semi_active_min, |d, v| d.semi_active_min = v)}
                </div>
            </fieldset>
            <fieldset>
                <legend>{tx(|t| t.tiers.need_points)}</legend>
                <div class="form-grid three">
                    {NeedType::ALL.into_iter().enumerate().map(|(k, need)| view! {
                        <NumberField label=Signal::derive(move || (app.t().labels.need)(need).to_string()) name=format!("need-points-{k}")
                            value=Signal::derive(move || draft.with(|d| d.need_points[k].clone()))
                            on_input=Callback::new(move |v| draft.update(|d| d.need_points[k] = v))
                            error=message(TierField::NeedPoints(k)) />
                    }).collect_view()}
                </div>
            </fieldset>
            <fieldset>
                <legend>{tx(|t| t.tiers.min_scores)}</legend>
                <p class="hint">{tx(|t| t.tiers.min_scores_hint)}</p>
                <div class="form-grid three">
                    {[Tier::Diamond, Tier::Gold, Tier::Silver].into_iter().enumerate().map(|(k, tier)| view! {
                        <NumberField label=Signal::derive(move || (app.t().tiers.min_score)((app.t().labels.tier)(tier)))
                            name=format!("min-score-{k}")
                            value=Signal::derive(move || draft.with(|d| d.min_scores[k].clone()))
                            on_input=Callback::new(move |v| draft.update(|d| d.min_scores[k] = v))
                            error=message(TierField::MinScore(tier)) />
                    }).collect_view()}
                </div>
            </fieldset>
            <p class="tier-preview" id="tier-preview" aria-live="polite">
                {move || preview.get().map(|counts| {
                    let t = app.t();
                    let named: Vec<(&str, usize)> = Tier::ALL.iter().map(|tier| ((t.labels.tier)(*tier), counts[tier.index()])).collect();
                    (t.tiers.preview)(&named)
                })}
            </p>
            <h3>{tx(|t| t.tiers.strategy_title)}</h3>
            <p class="hint">{tx(|t| t.tiers.strategy_hint)}</p>
            <div class="strategies">{Tier::ALL.into_iter().map(strategy).collect_view()}</div>
            <div class="form-actions">
                <button type="button" class="button subtle" id="tier-defaults"
                    on:click=move |_| { draft.set(TierSettingsDraft::from_settings(&TierSettings::default())); errors.set(Vec::new()); }>
                    {tx(|t| t.tiers.restore_defaults)}
                </button>
                <button type="submit" class="button primary" id="save-tiers">{tx(|t| t.common.save)}</button>
            </div>
        </form>
    }
}
