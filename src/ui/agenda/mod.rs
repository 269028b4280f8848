//! Today: what to do now (the agenda arrives with the schedule).

use crate::ui::components::{EmptyState, Icon, IconName};
use crate::ui::route::Route;
use crate::ui::state::use_app;
use leptos::prelude::*;

#[component]
pub fn TodayPage() -> impl IntoView {
    let app = use_app();
    let empty = move || app.customers.with(Vec::is_empty);
    view! {
        <header class="page-header">
            <h1>{move || app.t().nav.today}</h1>
        </header>
        <crate::ui::customers::DemoBanner />
        <Show when=empty fallback=move || view! {
            <EmptyState icon=IconName::Today
                title=Signal::derive(move || app.t().app.coming_title)
                body=Signal::derive(move || app.t().app.coming_body) />
        }>
            <FirstRun />
        </Show>
    }
}

/// What a new user sees: what Huifang is and the three ways to start.
#[component]
pub fn FirstRun() -> impl IntoView {
    let app = use_app();
    view! {
        <EmptyState icon=IconName::Customers
            title=Signal::derive(move || app.t().app.first_run_title)
            body=Signal::derive(move || app.t().app.first_run_body)>
            <a class="button primary" href=Route::CustomerNew.href()>
                <Icon name=IconName::Plus />
                {move || app.t().app.first_run_add}
            </a>
            <a class="button" href=Route::Data.href()>
                <Icon name=IconName::Upload />
                {move || app.t().app.first_run_import}
            </a>
            <a class="button subtle" href=Route::Settings.href()>{move || app.t().app.first_run_settings}</a>
            <crate::ui::customers::LoadDemoButton />
        </EmptyState>
    }
}
