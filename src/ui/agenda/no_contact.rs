//! "No contact in N days": customers whom no rule brought up and nobody reached for a while.

use super::{html, text};
use crate::domain::schedule::not_contacted;
use crate::i18n::format;
use crate::ui::state::use_app;
use chrono::Datelike;
use crate::ui::components::tr;
use leptos::prelude::*;

/// How many names the list shows before "N more".
const SHOWN: usize = 20;

#[component]
pub fn NoContactList() -> impl IntoView {
    let app = use_app();
    let days = move || app.settings.with(|s| s.schedule.no_contact_days);
    let list = Memo::new(move |_| {
        let today = app.today.get();
        let t = app.t();
        let days = days();
        app.customers.with(|customers| {
            app.visits.with(|visits| {
                let silent = not_contacted(customers, visits, today, days);
                let total = silent.len();
                let shown: Vec<(String, String, String, Option<String>)> = silent
                    .into_iter()
                    .take(SHOWN)
                    .filter_map(|n| {
                        let customer = customers.iter().find(|c| c.id == n.customer_id)?;
                        let since = match n.last {
                            Some(last) => (t.agenda.last_reached)(&format::date_auto(t.lang, last, today.year()), n.days),
                            None => (t.agenda.never_reached)(n.days),
                        };
                        let phone = customer.phones.iter().map(|p| p.trim()).find(|p| !p.is_empty()).map(str::to_string);
                        Some((customer.id.clone(), text::addressed(customer, t), since, phone))
                    })
                    .collect();
                (shown, total)
            })
        })
    });
    view! {
        <details class="card no-contact" id="no-contact">
            <summary>
                {move || (app.t().agenda.no_contact_title)(days())}
                <span class="count">{move || list.with(|(_, total)| *total)}</span>
            </summary>
            <p class="hint">{tr(|t| t.agenda.no_contact_hint)}</p>
            <div inner_html=move || list.with(|(shown, total)| html::no_contact(app.t(), shown, *total))></div>
        </details>
    }
}
