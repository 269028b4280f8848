//! Data: where the data lives, how much space it takes, export, import and review by file.

pub mod exchange;

use crate::domain::exchange::SCHEMA_VERSION;
use crate::ui::components::tx;
use crate::ui::route::Route;
use crate::ui::state::use_app;
use leptos::prelude::*;

pub mod durability;

#[component]
pub fn DataPage() -> impl IntoView {
    let app = use_app();
    let counts = move || {
        (app.t().data.counts)(app.customers.with(Vec::len), app.visits.with(Vec::len), app.feedback.with(Vec::len))
    };
    view! {
        <header class="page-header">
            <h1>{move || app.t().data.title}</h1>
        </header>
        <section class="card">
            <h2>{move || app.t().data.where_title}</h2>
            <p>{move || app.t().data.where_body}</p>
            <p class="warning-text">{move || app.t().data.clearing_warning}</p>
            <p class="hint" id="data-counts">{counts}</p>
            <p class="hint">{move || (app.t().data.schema_version)(SCHEMA_VERSION)}</p>
            <ImportLink />
        </section>
        <exchange::ExchangeSection />
        <durability::DurabilitySection />
    }
}

/// A link to the CSV import (a page of the customer book).
#[component]
fn ImportLink() -> impl IntoView {
    view! {
        <a class="button" href=Route::CustomerImport.href() id="import-csv-link">
            <crate::ui::components::Icon name=crate::ui::components::IconName::Upload />
            {tx(|t| t.customers.import)}
        </a>
    }
}
