//! Reports: the measures of the practice.

use crate::ui::components::{EmptyState, IconName};
use crate::ui::state::use_app;
use leptos::prelude::*;

#[component]
pub fn ReportsPage() -> impl IntoView {
    let app = use_app();
    view! {
        <header class="page-header">
            <h1>{move || app.t().nav.reports}</h1>
        </header>
        <EmptyState icon=IconName::Reports
            title=Signal::derive(move || app.t().app.coming_title)
            body=Signal::derive(move || app.t().app.coming_body) />
    }
}
