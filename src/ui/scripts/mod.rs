//! The script library (话术).

use crate::ui::components::{EmptyState, IconName};
use crate::ui::state::use_app;
use leptos::prelude::*;

#[component]
pub fn ScriptsPage() -> impl IntoView {
    let app = use_app();
    view! {
        <header class="page-header">
            <h1>{move || app.t().nav.scripts}</h1>
        </header>
        <EmptyState icon=IconName::Scripts
            title=Signal::derive(move || app.t().app.coming_title)
            body=Signal::derive(move || app.t().app.coming_body) />
    }
}
