//! Demo data in the UI: offered only while the book is empty (on Today and the customer list),
//! marked wherever customers are shown, removed in one confirmed step.
//!
//! Demo and real customers never mix. Adding or importing a real customer while demo data is
//! present is refused with the reason and a one-step way out ("remove demo data and continue")
//! rather than silently deleting the demo set: a user who loaded it may be in the middle of trying
//! something, and asking first is cheap. Refusing (instead of letting both live together) keeps
//! removal exact: every demo record carries `demo: true`, and nothing the user typed does.

use crate::domain::customer::Id;
use crate::domain::demo::demo_book;
use crate::domain::tiering;
use crate::ui::components::{Confirm, Icon, IconName, confirm, tx};
use crate::ui::state::book::use_book;
use crate::ui::state::{AppState, Changes, use_app};
use leptos::prelude::*;

/// Loads the demo set into an empty book, in one write.
pub fn load_demo(app: AppState) {
    if app.customers.with_untracked(|c| !c.is_empty()) {
        return;
    }
    let today = app.today.get_untracked();
    let mut data = demo_book(today);
    let assessments =
        app.settings.with_untracked(|s| tiering::assess_all(&data.customers, &data.visits, &s.tiers, today));
    for c in &mut data.customers {
        if let Some(a) = assessments.get(&c.id) {
            tiering::record(c, None, a, today);
        }
    }
    let mut changes = Changes::new();
    changes.save_all(&data.customers);
    changes.save_all(&data.visits);
    let n = data.customers.len();
    app.commit(changes, move || {
        app.toast(move |t| (t.customers.demo_loaded)(n));
    });
}

/// Deletes every demo record (customers, their visits and feedback items) in one write.
pub fn remove_demo(app: AppState) {
    let demo_ids: Vec<Id> =
        app.customers.with_untracked(|c| c.iter().filter(|c| c.demo).map(|c| c.id.clone()).collect());
    let is_demo_customer = move |id: &str| demo_ids.iter().any(|d| d == id);
    let mut changes = Changes::new();
    app.customers.with_untracked(|cs| cs.iter().filter(|c| c.demo).for_each(|c| changes.delete(c)));
    app.visits.with_untracked(|vs| {
        vs.iter().filter(|v| v.demo || is_demo_customer(&v.customer_id)).for_each(|v| changes.delete(v))
    });
    app.feedback.with_untracked(|fs| {
        fs.iter().filter(|f| f.demo || is_demo_customer(&f.customer_id)).for_each(|f| changes.delete(f))
    });
    app.commit(changes, move || {
        app.toast(|t| t.customers.demo_removed);
    });
}

/// "Load demo data", shown only while the book is empty.
#[component]
pub fn LoadDemoButton() -> impl IntoView {
    let app = use_app();
    view! {
        <Show when=move || app.customers.with(Vec::is_empty)>
            <button class="button subtle" id="load-demo" on:click=move |_| load_demo(app)>
                {tx(|t| t.customers.load_demo)}
            </button>
        </Show>
    }
}

/// The button that removes the demo data, with its confirmation.
#[component]
fn RemoveDemoButton(#[prop(optional, into)] label: Option<Signal<&'static str>>) -> impl IntoView {
    let app = use_app();
    let label = label.unwrap_or_else(|| Signal::derive(tx(|t| t.customers.remove_demo)));
    let ask = move |_| {
        let t = app.t_now();
        let count = app.customers.with_untracked(|c| c.iter().filter(|c| c.demo).count());
        let body = (t.customers.remove_demo_body)(count);
        let question = Confirm {
            title: t.customers.remove_demo_title,
            body: &body,
            confirm: t.customers.remove_demo,
            danger: true,
            name: "remove-demo",
            fields: None,
        };
        confirm(app, question, move |_| remove_demo(app));
    };
    view! { <button class="button" id="remove-demo" on:click=ask>{move || label.get()}</button> }
}

/// "You are looking at demo data", wherever customers are shown while demo data is present.
#[component]
pub fn DemoBanner() -> impl IntoView {
    let book = use_book();
    view! {
        <Show when=move || book.has_demo.get()>
            <div class="banner banner-warning demo-banner" role="status" id="demo-banner">
                <Icon name=IconName::Warning />
                <p>{tx(|t| t.customers.demo_banner)}</p>
                <RemoveDemoButton />
            </div>
        </Show>
    }
}

/// Stands in for the add and import forms while demo data is present (see the module docs).
#[component]
pub fn DemoBlocker() -> impl IntoView {
    view! {
        <section class="card demo-blocker" id="demo-blocker">
            <h2>{tx(|t| t.customers.demo_blocks_title)}</h2>
            <p>{tx(|t| t.customers.demo_blocks_body)}</p>
            <div class="form-actions">
                <RemoveDemoButton label=Signal::derive(tx(|t| t.customers.remove_demo_and_continue)) />
            </div>
        </section>
    }
}
