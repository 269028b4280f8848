//! Settings → 同步 → 团队审核, for a supervisor: the team's databases, an agent's records of a
//! period read from the server, and a verdict on each written back there (`sync::team`).

use crate::domain::visit::{Review, Verdict, Visit};
use crate::i18n::{Lang, Texts, format};
use crate::ui::components::fields::options_markup;
use crate::ui::components::markup::{action, actions, field_value};
use crate::ui::state::use_app;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use maud::{Markup, html};

actions! {
    /// What a team record's buttons do.
    enum TeamAction { Approve = "team-approve", Return = "team-return" }
}

/// An agent's records of the period, newest first, each with its verdict or the two choices.
fn records_html(t: &Texts, lang: Lang, found: &[(Visit, String)]) -> Markup {
    let waiting = found.iter().filter(|(v, _)| v.review.is_none()).count();
    html! {
        p.hint role="status" data-team-count {
            @if found.is_empty() { (t.sync.team_empty) } @else { ((t.sync.team_count)(found.len(), waiting)) }
        }
        ul.review-list data-team-records {
            @for (visit, name) in found {
                li.review-item data-team-visit=(visit.id) {
                    p.review-who {
                        strong { (name) }
                        " · " (format::date_time(lang, visit.at))
                        " · " ((t.labels.scenario)(visit.scenario))
                        " · " ((t.labels.outcome)(visit.method, visit.outcome))
                        @if !visit.agent.is_empty() { " · " (visit.agent) }
                    }
                    p.review-content { (visit.content) }
                    @if let Some(r) = &visit.review {
                        p class={ "verdict " (if r.verdict == Verdict::Returned { "returned" } else { "approved" }) } {
                            span.verdict-badge { ((t.labels.verdict)(r.verdict)) }
                            " " (r.reviewer) " · " (format::date_long(lang, r.on)) " " (r.comment)
                        }
                    } @else {
                        label.field {
                            span { (t.exchange.comment) }
                            textarea name="team_comment" rows="2" {}
                        }
                        div.form-actions {
                            button.button type="button" data-action=(TeamAction::Return) data-id=(visit.id) data-team-return {
                                (t.exchange.send_back)
                            }
                            button.button.primary type="button" data-action=(TeamAction::Approve) data-id=(visit.id)
                                data-team-approve { (t.exchange.approve) }
                        }
                    }
                }
            }
        }
    }
}

#[component]
pub fn TeamReview() -> impl IntoView {
    let app = use_app();
    let team_text =
        RwSignal::new(app.sync.setup.with_untracked(|s| s.as_ref().map(|s| s.team.join("\n"))).unwrap_or_default());
    let today = app.today.get_untracked();
    let from = RwSignal::new(today.with_day(1).unwrap_or(today).to_string());
    let to = RwSignal::new(today.to_string());
    let chosen = RwSignal::new(String::new());
    let records = RwSignal::new(None::<Vec<(Visit, String)>>);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let team = move || app.sync.setup.with(|s| s.as_ref().map(|s| s.team.clone()).unwrap_or_default());

    let save_team = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let names: Vec<String> = team_text
            .get_untracked()
            .split(['\n', ',', '，'])
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        app.set_sync_team(names);
    };
    let load = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let database =
            if chosen.get_untracked().is_empty() { team().first().cloned() } else { Some(chosen.get_untracked()) };
        let Some(database) = database else { return };
        let period = (
            NaiveDate::parse_from_str(&from.get_untracked(), "%Y-%m-%d"),
            NaiveDate::parse_from_str(&to.get_untracked(), "%Y-%m-%d"),
        );
        let (Ok(start), Ok(end)) = period else {
            error.set(Some(app.t_now().agenda.date_invalid.to_string()));
            return;
        };
        loading.set(true);
        error.set(None);
        spawn_local(async move {
            let outcome = app.team_visits(&database, start, end).await;
            loading.set(false);
            match outcome {
                Ok(found) => records.set(Some(found)),
                Err(message) => error.set(Some(message)),
            }
        });
    };
    let give = move |visit: Visit, verdict: Verdict, comment: String| {
        let t = app.t_now();
        if verdict == Verdict::Returned && comment.trim().is_empty() {
            error.set(Some(t.exchange.comment_needed.to_string()));
            return;
        }
        let reviewer = app.settings.with_untracked(|s| s.profile.reviewer_name());
        let review = Review { reviewer, comment: comment.trim().to_string(), on: app.today.get_untracked(), verdict };
        let database =
            if chosen.get_untracked().is_empty() { team().first().cloned() } else { Some(chosen.get_untracked()) };
        let Some(database) = database else { return };
        error.set(None);
        spawn_local(async move {
            match app.give_team_verdict(&database, &visit.id, &review).await {
                Ok(()) => {
                    records.update(|r| {
                        if let Some(found) = r.as_mut().and_then(|r| r.iter_mut().find(|(v, _)| v.id == visit.id)) {
                            found.0.review = Some(review);
                        }
                    });
                    app.toast(|t| t.sync.team_sent);
                }
                Err(message) => error.set(Some(message)),
            }
        });
    };

    // A verdict button of the list: the comment is read from the record's own field.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((what, el)) = action::<TeamAction>(&ev) else { return };
        let Some(id) = el.get_attribute("data-id") else { return };
        let Some(visit) = records
            .with_untracked(|r| r.as_ref().and_then(|r| r.iter().find(|(v, _)| v.id == id).map(|(v, _)| v.clone())))
        else {
            return;
        };
        let comment = el
            .closest("[data-team-visit]")
            .ok()
            .flatten()
            .map(|item| field_value(&item, "team_comment"))
            .unwrap_or_default();
        let verdict = match what {
            TeamAction::Approve => Verdict::Approved,
            TeamAction::Return => Verdict::Returned,
        };
        give(visit, verdict, comment);
    };
    let list = move || {
        let t = app.t();
        let lang = app.lang.get();
        records.with(|found| found.as_ref().map(|found| records_html(t, lang, found).into_string())).unwrap_or_default()
    };

    view! {
        <section class="card form team-review" id="team-review">
            <h2>{move || app.t().sync.team_title}</h2>
            <p class="hint">{move || app.t().sync.team_hint}</p>
            <form on:submit=save_team>
                <label class="field">
                    <span>{move || app.t().sync.team_databases}</span>
                    <textarea name="team_databases" rows="3" autocapitalize="none" bind:value=team_text></textarea>
                    <small class="hint">{move || app.t().sync.team_databases_hint}</small>
                </label>
                <div class="form-actions">
                    <button type="submit" class="button" data-team-save>{move || app.t().sync.team_save}</button>
                </div>
            </form>
            <Show when=move || !team().is_empty()>
                <form on:submit=load>
                    <label class="field">
                        <span>{move || app.t().sync.team_database}</span>
                        <select
                            name="team_database"
                            on:change=move |ev| chosen.set(event_target_value(&ev))
                            inner_html=move || names_markup(&team(), None)
                        ></select>
                    </label>
                    <div class="exchange-period">
                        <label class="field compact">
                            <span>{move || app.t().exchange.period_from}</span>
                            <input type="date" name="team_from" bind:value=from />
                        </label>
                        <label class="field compact">
                            <span>{move || app.t().exchange.period_to}</span>
                            <input type="date" name="team_to" bind:value=to />
                        </label>
                    </div>
                    <div class="form-actions">
                        <button type="submit" class="button primary" data-team-load aria-busy=move || loading.get().to_string()>
                            {move || if loading.get() { app.t().sync.team_loading } else { app.t().sync.team_load }}
                        </button>
                    </div>
                </form>
            </Show>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert" data-team-error>{e}</p> })}
            <div inner_html=list on:click=on_click></div>
        </section>
    }
}

/// The options of a select of database names, leaving out `skip`.
fn names_markup(names: &[String], skip: Option<&str>) -> String {
    let options: Vec<(String, String, bool)> =
        names.iter().filter(|n| Some(n.as_str()) != skip).map(|n| (n.clone(), n.clone(), false)).collect();
    options_markup(&options).into_string()
}

/// The options of the customers to hand over: (id, name).
fn customer_options(found: &[(String, String)]) -> String {
    let options: Vec<(String, String, bool)> =
        found.iter().map(|(id, name)| (id.clone(), name.clone(), false)).collect();
    options_markup(&options).into_string()
}

/// Handing a customer over from one team member's database to another's.
#[component]
pub fn HandOver() -> impl IntoView {
    let app = use_app();
    let team = move || app.sync.setup.with(|s| s.as_ref().map(|s| s.team.clone()).unwrap_or_default());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let customers = RwSignal::new(None::<Vec<(String, String)>>);
    let customer = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let first_or = move |chosen: String, skip: Option<String>| {
        if chosen.is_empty() {
            team().into_iter().find(|d| Some(d) != skip.as_ref()).unwrap_or_default()
        } else {
            chosen
        }
    };
    let list = move |_| {
        let database = first_or(from.get_untracked(), None);
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let outcome = app.team_customers(&database).await;
            busy.set(false);
            match outcome {
                Ok(found) => {
                    customer.set(found.first().map(|(id, _)| id.clone()).unwrap_or_default());
                    customers.set(Some(found));
                }
                Err(message) => error.set(Some(message)),
            }
        });
    };
    let hand_over = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let giver = first_or(from.get_untracked(), None);
        let taker = first_or(to.get_untracked(), Some(giver.clone()));
        let t = app.t_now();
        if taker.is_empty() || taker == giver {
            error.set(Some(t.sync.handover_same.to_string()));
            return;
        }
        let id = customer.get_untracked();
        let Some(name) = customers
            .with_untracked(|c| c.as_ref().and_then(|c| c.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone())))
        else {
            return;
        };
        let question = (t.sync.handover_confirm)(&name, &giver, &taker);
        let c = crate::ui::components::confirm::Confirm {
            title: t.sync.handover_title,
            body: &question,
            confirm: t.sync.handover_button,
            danger: true,
            name: "hand-over",
            fields: None,
        };
        crate::ui::components::confirm::confirm(app, c, move |_| {
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                let outcome = app.hand_over(&giver, &taker, &id).await;
                busy.set(false);
                match outcome {
                    Ok(moved) => {
                        customers.update(|c| {
                            if let Some(c) = c {
                                c.retain(|(i, _)| *i != id);
                            }
                        });
                        app.toast(move |t| (t.sync.handover_done)(&name, moved, &taker));
                    }
                    Err(message) => error.set(Some(message)),
                }
            });
        });
    };
    // The receiving databases leave out the giving one; the first listed is the default.
    let receiving = move || names_markup(&team(), Some(&first_or(from.get(), None)));
    view! {
        <section class="card form hand-over" id="hand-over">
            <h2>{move || app.t().sync.handover_title}</h2>
            <p class="hint">{move || app.t().sync.handover_hint}</p>
            <form on:submit=hand_over>
                <label class="field">
                    <span>{move || app.t().sync.handover_from}</span>
                    <select
                        name="handover_from"
                        on:change=move |ev| {
                            from.set(event_target_value(&ev));
                            to.set(String::new());
                            customers.set(None);
                        }
                        inner_html=move || names_markup(&team(), None)
                    ></select>
                </label>
                <div class="form-actions">
                    <button type="button" class="button" data-handover-list on:click=list disabled=move || busy.get()>
                        {move || app.t().sync.handover_list}
                    </button>
                </div>
                {move || {
                    customers
                        .get()
                        .map(|found| {
                            view! {
                                <label class="field">
                                    <span>{move || app.t().sync.handover_customer}</span>
                                    <select
                                        name="handover_customer"
                                        on:change=move |ev| customer.set(event_target_value(&ev))
                                        inner_html=customer_options(&found)
                                    ></select>
                                </label>
                                <label class="field">
                                    <span>{move || app.t().sync.handover_to}</span>
                                    <select
                                        name="handover_to"
                                        on:change=move |ev| to.set(event_target_value(&ev))
                                        inner_html=receiving
                                    ></select>
                                </label>
                                <div class="form-actions">
                                    <button type="submit" class="button danger" data-handover disabled=move || busy.get()>
                                        {move || app.t().sync.handover_button}
                                    </button>
                                </div>
                            }
                        })
                }}
                {move || error.get().map(|e| view! { <p class="field-error" role="alert" data-handover-error>{e}</p> })}
            </form>
        </section>
    }
}
