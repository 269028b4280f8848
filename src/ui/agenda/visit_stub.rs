//! Where "开始回访" leads until the visit record form (the scripts-and-records issue) replaces
//! it: the item and the customer, ways to reach them, and an honest note that the form comes next.

use super::{Row, agenda, text};
use crate::domain::schedule::{DateRange, item_keys};
use crate::ui::route::Route;
use crate::ui::state::use_app;
use chrono::{Datelike, Duration};
use crate::ui::components::tr;
use leptos::prelude::*;

#[component]
pub fn VisitStub(item: Option<String>, customer: Option<String>) -> impl IntoView {
    let app = use_app();
    let key = item.clone();
    // The item is found again by key around today; an item far away is not worth a long search.
    let row = Memo::new(move |_| {
        let key = key.clone()?;
        let today = app.today.get();
        let range = DateRange::new(today - Duration::days(400), today + Duration::days(400));
        let first = item_keys(&key).next()?.to_string();
        agenda(app, range).into_iter().find(|r| r.item.key == key || item_keys(&r.item.key).any(|k| k == first))
    });
    let who = Memo::new(move |_| {
        let id = customer.clone().or_else(|| row.with(|r| r.as_ref().map(|r| r.item.customer_id.clone())))?;
        app.customers.with(|cs| cs.iter().find(|c| c.id == id).map(|c| text::Who::of(c, app.t())))
    });
    view! {
        <header class="page-header">
            <h1>
                {tr(|t| t.agenda.visit_title)}
                {move || who.get().map(|w| format!(" · {}", w.name))}
            </h1>
        </header>
        <section class="card visit-stub">
            {move || {
                let this_year = app.today.get().year();
                match row.get() {
                    Some(Row { item, .. }) => {
                        let t = app.t();
                        view! {
                            <p><strong>{(t.labels.scenario)(item.scenario)}</strong>" · "{text::window(t, &item, this_year)}</p>
                            <ul class="item-reasons">
                                {item.reasons.iter().map(|r| view! { <li>{text::reason(t, r, this_year)}</li> }).collect_view()}
                            </ul>
                            <p>{t.agenda.suggested}": "{(t.labels.method)(item.method)}</p>
                        }
                            .into_any()
                    }
                    None if item.is_some() => view! { <p class="warning-text">{tr(|t| t.agenda.visit_item_gone)}</p> }.into_any(),
                    None => ().into_any(),
                }
            }}
            {move || {
                who.get().map(|w| {
                    view! {
                        <div class="item-actions">
                            {w.phone.clone().map(|p| view! { <a class="button" href=format!("tel:{p}")>{tr(|t| t.agenda.call)}</a> })}
                            <a class="button subtle" href=Route::Customer(w.id.clone()).href()>{tr(|t| t.agenda.view_customer)}</a>
                        </div>
                    }
                })
            }}
            <p class="hint visit-coming">{tr(|t| t.agenda.visit_coming)}</p>
            <a class="button primary" href=Route::Today.href()>{tr(|t| t.agenda.back_to_today)}</a>
        </section>
    }
}
