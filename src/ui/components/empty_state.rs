use crate::ui::components::icons::{Icon, IconName};
use leptos::prelude::*;

/// What an empty page shows: what the page is for and what to do next.
#[component]
pub fn EmptyState(
    icon: IconName,
    #[prop(into)] title: Signal<&'static str>,
    #[prop(into)] body: Signal<&'static str>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <section class="empty-state">
            <div class="empty-icon"><Icon name=icon /></div>
            <h2>{move || title.get()}</h2>
            <p>{move || body.get()}</p>
            <div class="empty-actions">{children.map(|c| c())}</div>
        </section>
    }
}
