//! A customer's tier: why it is that tier, the strategy it brings, the manual override with its
//! reason, and the history of changes.

use super::{TierBadge, save_customer};
use crate::domain::customer::{Customer, TierChangeReason};
use crate::domain::customer_form::{Field, parse_reason};
use crate::domain::tier::Tier;
use crate::domain::tiering::{self, TierAssessment};
use crate::i18n::format;
use crate::ui::state::use_app;
use crate::ui::components::tx;
use leptos::prelude::*;

#[component]
pub fn TierCard(customer: Memo<Option<Customer>>, assessment: Memo<Option<TierAssessment>>) -> impl IntoView {
    let app = use_app();
    let editing = RwSignal::new(false);
    let tier_choice = RwSignal::new(Tier::Gold);
    let reason = RwSignal::new(String::new());
    let reason_error = RwSignal::new(None::<String>);

    let save_override = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(mut c) = customer.get_untracked() else { return };
        match parse_reason(&reason.get_untracked()) {
            Err(e) => {
                reason_error.set(e.get(Field::Reason).map(|e| (app.t_now().customers.field_error)(e)));
                super::form::focus_first_error();
            }
            Ok(text) => {
                reason_error.set(None);
                tiering::set_override(&mut c, tier_choice.get_untracked(), &text, app.today.get_untracked());
                save_customer(app, c, move |_| {
                    editing.set(false);
                    reason.set(String::new());
                    app.toast(app.t_now().tiers.override_saved);
                });
            }
        }
    };
    let clear = move |_| {
        let (Some(mut c), Some(a)) = (customer.get_untracked(), assessment.get_untracked()) else { return };
        tiering::clear_override(&mut c, a.computed, app.today.get_untracked());
        save_customer(app, c, move |_| {
            app.toast(app.t_now().tiers.override_cleared);
        });
    };

    move || {
        let (Some(c), Some(a)) = (customer.get(), assessment.get()) else { return ().into_any() };
        let t = app.t();
        let lang = app.lang.get();
        let strategy = app.settings.with(|s| s.tiers.strategy(a.effective).clone());
        let carries = strategy.carries.clone().unwrap_or_else(|| (t.labels.tier_carries)(a.effective).to_string());
        let emphasis = strategy.emphasis.clone().unwrap_or_else(|| (t.labels.tier_emphasis)(a.effective).to_string());
        let no_answer = (t.tiers.no_answer_rule)(strategy.no_answer.in_a_row, (t.labels.no_answer_action)(strategy.no_answer.action));
        let override_note = c.tier_override.as_ref().map(|o| {
            view! {
                <p class="override-note" id="override-note">
                    {(t.tiers.overridden)((t.labels.tier)(o.tier), &o.reason)}
                    <br />
                    <span class="muted">{(t.tiers.computed_would_be)((t.labels.tier)(a.computed))}</span>
                </p>
                <button class="button small" id="clear-override" on:click=clear>{t.tiers.clear_override}</button>
            }
        });
        let history: Vec<_> = c.tier_history.iter().rev().cloned().collect();
        let this_year = chrono::Datelike::year(&app.today.get());
        view! {
            <section class="card tier-card" id="tier-card">
                <h2>{t.tiers.card_title}</h2>
                <div class="tier-head">
                    <TierBadge tier=a.effective />
                    <span class="muted">{(t.tiers.score)(a.score)}</span>
                </div>
                <p class="why" id="tier-why">{(t.tiers.why)(&a)}</p>
                <dl class="levels">
                    <div><dt>{t.tiers.frequency}</dt><dd>{(t.tiers.level_frequency)(a.frequency)}</dd></div>
                    <div><dt>{t.tiers.order_size}</dt><dd>{(t.tiers.level_order_size)(a.order_size)}</dd></div>
                    <div><dt>{t.tiers.activity}</dt><dd>{(t.tiers.level_activity)(a.activity)}</dd></div>
                    <div><dt>{t.customers.need}</dt><dd>{(t.labels.need)(a.need)}</dd></div>
                </dl>
                <dl class="strategy">
                    <div><dt>{t.tiers.cadence}</dt><dd>{(t.tiers.period)(strategy.cadence)}</dd></div>
                    <div><dt>{t.tiers.carries}</dt><dd>{carries}</dd></div>
                    <div><dt>{t.tiers.emphasis}</dt><dd>{emphasis}</dd></div>
                    <div><dt>{t.tiers.no_answer}</dt><dd>{no_answer}</dd></div>
                </dl>
                {override_note}
                <Show
                    when=move || editing.get()
                    fallback=move || view! {
                        <button class="button small" id="override-tier" on:click=move |_| {
                            tier_choice.set(assessment.get_untracked().map_or(Tier::Gold, |a| a.effective));
                            editing.set(true);
                        }>{tx(|t| t.tiers.override_action)}</button>
                    }
                >
                    <form class="form override-form" novalidate on:submit=save_override>
                        <label class="field">
                            <span>{tx(|t| t.tiers.override_tier)}</span>
                            <select name="override_tier" on:change:target=move |ev| {
                                if let Some(t) = ev.target().value().parse::<usize>().ok().and_then(|i| Tier::ALL.get(i).copied()) {
                                    tier_choice.set(t);
                                }
                            }>
                                {Tier::ALL.into_iter().map(|tier| view! {
                                    <option value=tier.index().to_string() prop:selected=move || tier_choice.get() == tier>
                                        {move || (app.t().labels.tier)(tier)}
                                    </option>
                                }).collect_view()}
                            </select>
                        </label>
                        <super::form::TextField label=Signal::derive(tx(|t| t.tiers.override_reason)) name="override_reason"
                            hint=Signal::derive(tx(|t| t.tiers.override_reason_hint))
                            value=reason on_input=Callback::new(move |v| reason.set(v)) error=reason_error />
                        <div class="form-actions">
                            <button type="button" class="button" on:click=move |_| editing.set(false)>{tx(|t| t.common.cancel)}</button>
                            <button type="submit" class="button primary">{tx(|t| t.common.save)}</button>
                        </div>
                    </form>
                </Show>
                <h3>{t.tiers.history}</h3>
                {if history.is_empty() {
                    view! { <p class="muted">{t.tiers.history_empty}</p> }.into_any()
                } else {
                    view! {
                        <ol class="tier-history" id="tier-history">
                            {history.into_iter().map(|h| {
                                let reason = match &h.reason {
                                    TierChangeReason::Computed => t.tiers.reason_computed.to_string(),
                                    TierChangeReason::Override { note } => (t.tiers.reason_override)(note),
                                    TierChangeReason::OverrideCleared => t.tiers.reason_cleared.to_string(),
                                    TierChangeReason::NoAnswerDemotion => t.tiers.reason_no_answer.to_string(),
                                };
                                view! {
                                    <li>
                                        <time>{format::date_auto(lang, h.on, this_year)}</time>
                                        " "{(t.customers.tier_event)(h.from.map(t.labels.tier), (t.labels.tier)(h.to))}
                                        <span class="muted">" · "{reason}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </section>
        }
        .into_any()
    }
}
