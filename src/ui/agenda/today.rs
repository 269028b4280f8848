//! Today as a day's work (DOMAIN.md "A day's work"): on the first screen how many to contact,
//! how many were contacted and how many are late, the button that starts a calling session, and
//! then one card per customer in the plan's order, within the day's capacity; "再加" pulls in
//! more, what will be missed is flagged, and greetings for many go out in one message.

use super::html::AgendaAction;
use super::{Filter, html};
use crate::domain::agenda::DueItem;
use crate::domain::customer::{Customer, Id};
use crate::domain::plan::{Card, Why};
use crate::i18n::{Texts, format};
use crate::ui::components::fields::tier_class;
use crate::ui::components::markup::{action_of, target_element};
use crate::ui::components::{clipboard, item_text};
use crate::ui::route::Route;
use crate::ui::state::day_plan::{DayPlan, customers_by_id, use_day_plan};
use crate::ui::state::{AppState, use_app};
use chrono::Datelike;
use leptos::prelude::*;
use std::collections::HashMap;

/// A few words on why a card is where it is ("投诉 · 今天截止 · 钻石").
pub fn why_text(t: &Texts, why: &[Why]) -> String {
    let a = &t.agenda;
    let words: Vec<String> = why
        .iter()
        .map(|w| match w {
            Why::Complaint => a.why_complaint.to_string(),
            Why::Urgent => a.why_urgent.to_string(),
            Why::Late(n) => (a.why_late)(*n),
            Why::ClosesToday => a.why_closes_today.to_string(),
            Why::Tier(tier) => (t.labels.tier)(*tier).to_string(),
            Why::TopValue => a.why_top_value.to_string(),
        })
        .collect();
    words.join(" · ")
}

#[component]
pub fn WorkToday(filter: RwSignal<Filter>) -> impl IntoView {
    let app = use_app();
    let day = use_day_plan();
    let cards = Memo::new(move |_| {
        let f = filter.get();
        day.today_cards().into_iter().filter(|c| c.items.iter().any(|i| f.keeps(i))).collect::<Vec<Card>>()
    });
    let who = Memo::new(move |_| {
        cards.with(|cs| {
            let ids: Vec<&str> = cs.iter().map(|c| c.customer_id.as_str()).collect();
            customers_by_id(app, &ids)
        })
    });
    let done = move || day.contacted.with(|c| c.len());
    let late = move || cards.with(|cs| cs.iter().filter(|c| c.is_late()).count());
    let waiting = move || day.plan.with(|p| p.waiting);
    // The plan takes what was added into today and plans the days after around it.
    let at_risk = move || day.plan.with(|p| p.at_risk);
    let start_href = move || cards.with(|cs| cs.first().map(|c| Route::of_card(c, true).href()));
    let pull = move |n: usize| {
        let today = app.today.get_untracked();
        let already = day.pulled_today(today);
        day.pulled.set((today, already + n));
    };
    let pull_more = move |_| pull(app.settings.with_untracked(|s| s.plan.pull_step) as usize);
    // As many more contacts today as would be missed: the days after then have room for them.
    let pull_at_risk = move |_| {
        let n = untrack(at_risk);
        pull(n);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = target_element(&ev) else { return };
        let (Some(action), Some(key)) = (action_of::<AgendaAction>(&form), form.get_attribute("data-key")) else {
            return;
        };
        ev.prevent_default();
        // Handled here: the page's own listener (`Agenda`) would save the same mark a second
        // time, and that write is refused as a conflict with this one.
        ev.stop_propagation();
        let Some(item) = cards.with_untracked(|cs| cs.iter().find(|c| c.key() == key).map(Card::as_item)) else {
            return;
        };
        super::marks::submit(app, &form, action, &item);
    };

    view! {
        <section class="today-summary card" id="today-summary" aria-labelledby="today-counts">
            <h2 class="visually-hidden" id="today-counts">{move || app.t().agenda.work_list}</h2>
            <dl class="counts">
                <div class="count-box todo">
                    <dt>{move || app.t().agenda.count_todo}</dt>
                    <dd id="count-todo">{move || cards.with(Vec::len)}</dd>
                </div>
                <div class="count-box done">
                    <dt>{move || app.t().agenda.count_done}</dt>
                    <dd id="count-done">{done}</dd>
                </div>
                <div class="count-box late" class:zero=move || late() == 0>
                    <dt>{move || app.t().agenda.count_late}</dt>
                    <dd id="count-late">{late}</dd>
                </div>
            </dl>
            {move || {
                start_href()
                    .map(|href| {
                        view! {
                            <a class="button primary start-session" id="start-session" href=href>
                                {move || (app.t().agenda.start_session)(cards.with(Vec::len))}
                            </a>
                        }
                    })
            }}
        </section>
        <Show when=move || { at_risk() > 0 }>
            <div class="notice warning at-risk" id="at-risk" role="status">
                <p>{move || (app.t().agenda.at_risk)(at_risk())}</p>
                <button type="button" class="button small" id="pull-at-risk" on:click=pull_at_risk>
                    {move || app.t().agenda.pull_at_risk}
                </button>
            </div>
        </Show>
        <Show
            when=move || cards.with(|c| !c.is_empty())
            fallback=move || view! { <Done day /> }
        >
            <ol class="work-list" id="work-list" aria-label=move || app.t().agenda.work_list on:submit=on_submit>
                <For
                    each=move || cards.get()
                    key=|c| (c.key(), c.day)
                    children=move |card| {
                        let customer = who.with_untracked(|w| w.get(&card.customer_id).cloned());
                        view! { <WorkCard card customer /> }
                    }
                />
            </ol>
        </Show>
        <Show when=move || { waiting() > 0 }>
            <button type="button" class="button subtle pull-more" id="pull-more" on:click=pull_more>
                {move || {
                    let step = app.settings.with(|s| s.plan.pull_step) as usize;
                    (app.t().agenda.pull_more)(step, waiting())
                }}
            </button>
        </Show>
        <Bulk />
    }
}

/// Nothing left today: how many were contacted, and when the next ones are planned.
#[component]
fn Done(day: DayPlan) -> impl IntoView {
    let app = use_app();
    let next = move || {
        let today = app.today.get();
        day.plan
            .with(|p| p.days.iter().skip(1).find(|(_, cards)| !cards.is_empty()).map(|(d, cards)| (*d, cards.len())))
            .map(|(d, n)| (app.t().agenda.next_planned)(&format::date_auto(app.t().lang, d, today.year()), n))
    };
    let done = move || day.contacted.with(|c| c.len());
    view! {
        <section class="empty-state agenda-empty" id="today-done">
            <h2>{move || if done() > 0 { app.t().agenda.done_title } else { app.t().agenda.nothing_today_title }}</h2>
            <p>{move || if done() > 0 { (app.t().agenda.done_body)(done()) } else { app.t().agenda.nothing_due_body.to_string() }}</p>
            {move || next().map(|line| view! { <p class="hint" id="next-planned">{line}</p> })}
        </section>
    }
}

/// One customer's card: who, why here, every reason with its window, and what to do.
#[component]
fn WorkCard(card: Card, customer: Option<Customer>) -> impl IntoView {
    let app = use_app();
    let key = card.key().to_string();
    let visit_href = Route::of_card(&card, false).href();
    let customer_href = Route::Customer(card.customer_id.clone()).href();
    let tier = card.items.iter().map(|i| i.tier).min_by_key(|t| t.index()).unwrap_or(crate::domain::tier::Tier::Basic);
    let phone =
        customer.as_ref().and_then(|c| c.phones.iter().map(|p| p.trim()).find(|p| !p.is_empty()).map(html::dial));
    let email = customer.as_ref().map(|c| c.email.trim().to_string()).filter(|e| e.contains('@'));
    let open_complaint =
        customer.as_ref().is_some_and(|c| !crate::domain::schedule::unsettled_complaints(c, &[]).is_empty());
    let name = {
        let customer = customer.clone();
        move || {
            let t = app.t();
            customer.as_ref().map_or_else(|| t.agenda.unknown_customer.to_string(), |c| item_text::addressed(c, t))
        }
    };
    let late = card.is_late();
    let closes = card.closes;
    let standing = move || {
        let t = app.t();
        let today = app.today.get();
        match closes {
            Some(d) if d < today => (t.agenda.late_by)((today - d).num_days()),
            Some(d) if d == today => t.agenda.due_last_day.to_string(),
            Some(d) => (t.agenda.closes_on)(&format::date_auto(t.lang, d, today.year())),
            None => t.agenda.no_deadline.to_string(),
        }
    };
    let why = card.why.clone();
    let items: Vec<DueItem> = card.items.clone();
    let method = card.method;
    let marks = {
        let key = key.clone();
        move || html::mark_forms(app.t(), &key, method, app.today.get()).into_string()
    };
    let phone_links = phone.map(|number| {
        view! {
            <a class="button small call" href=format!("tel:{number}")>{move || app.t().agenda.call}</a>
            <a class="button small" href=format!("sms:{number}")>{move || app.t().agenda.sms}</a>
        }
    });
    let email_link =
        email.map(|e| view! { <a class="button small" href=format!("mailto:{e}")>{move || app.t().agenda.email}</a> });
    view! {
        <li class="work-card" class:late=late data-customer=card.customer_id.to_string() data-key=key.clone()>
            <div class="wc-head">
                <a class="wc-name" href=customer_href>{name}</a>
                <span class=format!("badge tier tier-{}", tier_class(tier))>{move || (app.t().labels.tier)(tier)}</span>
                {open_complaint
                    .then(|| view! { <span class="badge complaint-open">{move || app.t().customers.open_complaint_badge}</span> })}
                <span class="wc-standing" class:late=late>{standing}</span>
            </div>
            <p class="wc-why">{move || why_text(app.t(), &why)}</p>
            <ul class="wc-reasons">
                {items
                    .into_iter()
                    .map(|item| {
                        // The scenario and last day as data, for tests and styles.
                        let scenario = format!("{:?}", item.scenario);
                        let latest = crate::domain::date::iso(item.latest);
                        view! {
                            <li data-scenario=scenario data-latest=latest>
                                <strong>{move || (app.t().labels.scenario)(item.scenario)}</strong>
                                " "
                                {move || {
                                    let t = app.t();
                                    let year = app.today.get().year();
                                    item.reasons.iter().map(|r| item_text::reason(t, r, year)).collect::<Vec<_>>().join(t.common.list_separator)
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <div class="item-actions">
                <a class="button primary small start-visit" href=visit_href>{move || app.t().agenda.start_visit}</a>
                {phone_links}
                {email_link}
            </div>
            <div inner_html=marks></div>
        </li>
    }
}

/// Greetings and notices that go to many customers today in one message.
#[component]
fn Bulk() -> impl IntoView {
    let app = use_app();
    let day = use_day_plan();
    // (the holiday or campaign name, how many customers), per greeting sent today.
    let groups = Memo::new(move |_| {
        let t = app.t();
        let today = app.today.get();
        day.plan.with(|p| {
            let mut by_name: Vec<(String, usize)> = Vec::new();
            for item in p.bulk.iter().filter(|(d, _)| *d == today).flat_map(|(_, items)| items) {
                let name = item
                    .reasons
                    .iter()
                    .find_map(|r| match r {
                        crate::domain::agenda::DueReason::Holiday { name, .. } => {
                            Some(item_text::holiday_name(t, name).to_string())
                        }
                        crate::domain::agenda::DueReason::Campaign { name, .. } => Some(name.clone()),
                        _ => None,
                    })
                    .unwrap_or_default();
                match by_name.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, count)) => *count += 1,
                    None => by_name.push((name, 1)),
                }
            }
            by_name
        })
    });
    let total = move || groups.with(|g| g.iter().map(|(_, n)| n).sum::<usize>());
    let copy = move |name: String| {
        let t = app.t_now();
        let company = app.settings.with_untracked(|s| s.profile.company.trim().to_string());
        let message = (t.agenda.bulk_greeting)(&name, &company);
        clipboard::copy(app, message, |t| t.agenda.copy_failed);
    };
    view! {
        <Show when=move || { total() > 0 }>
            <section class="card bulk" id="agenda-bulk">
                <h2>{move || (app.t().agenda.bulk_title)(total())}</h2>
                <p class="hint">{move || app.t().agenda.bulk_hint}</p>
                <ul class="bulk-list">
                    {move || {
                        groups
                            .get()
                            .into_iter()
                            .map(|(name, n)| {
                                let label = name.clone();
                                view! {
                                    <li>
                                        <span>{label}" · "{move || (app.t().agenda.planned_count)(n)}</span>
                                        <button type="button" class="button small" on:click=move |_| copy(name.clone())>
                                            {move || app.t().agenda.bulk_copy}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}

/// The plan's cards of every planned day, as calendar rows (one per card, on the day planned).
/// The greetings sent in one go appear on their day too.
pub fn planned_rows(app: AppState, day: DayPlan) -> Vec<super::Row> {
    let t = app.t();
    day.plan.with(|p| {
        let ids: Vec<&str> = p
            .days
            .iter()
            .flat_map(|(_, cards)| cards.iter().map(|c| c.customer_id.as_str()))
            .chain(p.bulk.iter().flat_map(|(_, items)| items.iter().map(|i| i.customer_id.as_str())))
            .collect();
        let who: HashMap<Id, Customer> = customers_by_id(app, &ids);
        let who_is =
            |id: &str| who.get(id).map_or_else(|| item_text::Who::missing(id, t), |x| item_text::Who::of(x, t));
        let cards = p
            .days
            .iter()
            .flat_map(|(_, cards)| cards.iter())
            .map(|c| super::Row { item: c.as_item(), who: who_is(&c.customer_id) });
        let bulk = p.bulk.iter().flat_map(|(d, items)| items.iter().map(move |i| DueItem { ideal: *d, ..i.clone() }));
        cards.chain(bulk.map(|item| super::Row { who: who_is(&item.customer_id), item })).collect()
    })
}
