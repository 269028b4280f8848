//! Data: where the data lives, how much space it takes, export, import and review by file.

pub mod exchange;

use crate::domain::exchange::SCHEMA_VERSION;
use crate::i18n::format;
use crate::store::quota;
use crate::ui::state::use_app;
use leptos::prelude::*;

#[component]
pub fn DataPage() -> impl IntoView {
    let app = use_app();
    let usage = LocalResource::new(quota::estimate);
    let counts = move || {
        (app.t().data.counts)(
            app.customers.with(Vec::len),
            app.visits.with(Vec::len),
            app.feedback.with(Vec::len),
        )
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
            <crate::ui::customers::ImportLink />
        </section>
        <exchange::ExchangeSection />
        <section class="card">
            <h2>{move || app.t().data.usage_title}</h2>
            <p id="storage-usage">
                {move || match usage.get() {
                    None => app.t().app.loading.to_string(),
                    Some(Some(u)) => (app.t().data.usage)(&format::bytes(u.used), &format::bytes(u.quota)),
                    Some(None) => app.t().data.usage_unknown.to_string(),
                }}
            </p>
        </section>
    }
}
