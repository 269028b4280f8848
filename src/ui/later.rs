//! Pages (and sync's engine) that are not in the first download.
//!
//! A first visit on a phone network waits for the whole wasm before anything works, and most of
//! it is pages the visit does not open: Scripts, Reports, Settings, Data, the visit screen, a
//! customer's page and forms. With the `split` feature (the release build: Trunk.toml's hooks and
//! `scripts/split.sh`), each function below is a split point (`wasm_split_helpers`): its page,
//! and all code only that page reaches, goes into a wasm of its own, fetched the first time the
//! page opens and from then on held in memory (and by the service worker, offline). Code two such
//! pages share goes into a shared chunk; code the first download also needs stays in it.
//!
//! Without the feature (debug builds, the browser tests) the same functions call the pages
//! directly. Either way a page is reached through [`LaterPage`], which shows "正在打开…" until
//! its code is there, and a message with a retry button if it could not be fetched (no network
//! before the service worker stored the app). The pieces are fetched ahead of use by
//! [`preload_all`].

use crate::domain::customer::Id;
use crate::domain::schedule::MergedKey;
use crate::store::Database;
use crate::sync::{Summary, SyncError};
use crate::ui::components::{Icon, IconName};
use crate::ui::state::{AppState, use_app};
use crate::ui::{customers, data, reports, scripts, settings, visit};
use leptos::prelude::*;
use std::pin::Pin;
use std::rc::Rc;
pub use wasm_split_helpers::SplitLoaderError;

/// A page, made when drawn. Made again whenever what its making reads changes, as the shell has
/// always made pages (`shell::Page`).
pub type PageView = Rc<dyn Fn() -> AnyView>;

/// A function behind a split point. With `split` its body goes into a wasm of its own and the
/// function becomes `async`, resolving once that wasm is loaded (or failing if it cannot be
/// fetched); without it the function is `async` and resolves at once, so callers are the same in
/// both builds.
macro_rules! later {
    ($(#[$doc:meta])* fn $name:ident / $preload:ident ( $($arg:ident : $ty:ty),* ) -> $out:ty => $body:expr) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($name, fallible, preload(#[allow(dead_code)] $preload))]
        pub fn $name($($arg: $ty),*) -> Result<$out, SplitLoaderError> {
            Ok($body)
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Result<$out, SplitLoaderError> {
            Ok($body)
        }

        /// Fetches the code ahead of its first use (nothing to do without `split`).
        #[cfg(not(feature = "split"))]
        #[allow(dead_code)]
        pub async fn $preload() -> Result<(), SplitLoaderError> {
            Ok(())
        }
    };
}

/// A page behind a split point. What the function resolves to is the page's maker, not the page:
/// the page is made where it is drawn, under the shell's owner, so a page that reads a signal as
/// it is made is made again as before, in the same reactive scope.
macro_rules! later_page {
    ($(#[$doc:meta])* $name:ident, $preload:ident ( $($arg:ident : $ty:ty),* ) => $body:expr) => {
        later! {
            $(#[$doc])*
            fn $name / $preload ( $($arg: $ty),* ) -> PageView => Rc::new(move || $body)
        }
    };
}

later_page! {
    /// A customer's page, the customer forms and the CSV import (the list is in the first download).
    customer_pages, preload_customer_pages() => view! { <customers::CustomerPages /> }.into_any()
}

later_page! {
    /// The visit screen, new or editing a saved record.
    visit_page, preload_visit_page(
        item: Option<MergedKey>, customer: Option<Id>, editing: Option<Id>, session: bool
    ) => {
        let (item, customer, editing) = (item.clone(), customer.clone(), editing.clone());
        view! { <visit::VisitPage item customer editing session /> }.into_any()
    }
}

later_page! {
    /// A saved visit record.
    record_page, preload_record_page(id: Id) => view! { <visit::RecordPage id=id.clone() /> }.into_any()
}

later_page! {
    /// The script library, a script and the script editor.
    scripts_page, preload_scripts_page() => view! { <scripts::ScriptsPage /> }.into_any()
}

later_page! {
    /// Reports.
    reports_page, preload_reports_page() => view! { <reports::ReportsPage /> }.into_any()
}

later_page! {
    /// Settings, with sync's set-up and the team.
    settings_page, preload_settings_page() => view! { <settings::SettingsPage /> }.into_any()
}

later_page! {
    /// Backup, export and import.
    data_page, preload_data_page() => view! { <data::DataPage /> }.into_any()
}

later! {
    /// A sync run with the server (`AppState::run_sync`): the engine, its requests and its writes
    /// are only needed once sync is set up, which most users never do.
    fn sync_run / preload_sync_run(app: AppState, db: Database) -> SyncRun =>
        Box::pin(async move { app.run_sync(&db).await })
}

/// A sync run under way, as [`sync_run`] gives it.
pub type SyncRun = Pin<Box<dyn Future<Output = Result<Summary, SyncError>>>>;

/// Fetches every page's code in the background (once; later calls do nothing): a tap then opens
/// its page without waiting for the network, and in a browser without a service worker the app
/// still opens every page after the connection is lost. A failure is not reported here; the page
/// reports it when it is opened.
pub fn preload_all() {
    thread_local! {
        static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if STARTED.with(|started| started.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async {
        // One at a time: each is a download and a compilation, and the page in use comes first.
        let _ = preload_visit_page().await;
        let _ = preload_record_page().await;
        let _ = preload_customer_pages().await;
        let _ = preload_scripts_page().await;
        let _ = preload_settings_page().await;
        let _ = preload_data_page().await;
        let _ = preload_reports_page().await;
    });
}

/// Where a page's code is.
#[derive(Clone)]
enum Loaded {
    Waiting,
    Ready(PageView),
    Failed,
}

/// Draws the page `load` gives once its code is there: "正在打开…" until then, and if it could
/// not be fetched, what happened and a button that tries again. A page whose code is already
/// loaded is drawn before the next frame.
#[component]
pub fn LaterPage<F, Fut>(load: F) -> impl IntoView
where
    F: Fn() -> Fut + Clone + 'static,
    Fut: Future<Output = Result<PageView, SplitLoaderError>> + 'static,
{
    let app = use_app();
    let loaded = RwSignal::new_local(Loaded::Waiting);
    let load = StoredValue::new_local(load);
    let start = move || {
        let Some(load) = load.try_get_value() else { return };
        loaded.set(Loaded::Waiting);
        leptos::task::spawn_local(async move {
            let outcome = match load().await {
                Ok(page) => Loaded::Ready(page),
                Err(_) => Loaded::Failed,
            };
            // Left before its code came: nothing to draw.
            if loaded.try_set(outcome).is_none() {
                // Focus goes to the page now drawn, as after any route change.
                crate::ui::focus_the_new_page();
            }
        });
    };
    start();
    move || match loaded.get() {
        Loaded::Waiting => {
            view! { <p class="loading" aria-busy="true">{move || app.t().app.page_loading}</p> }.into_any()
        }
        Loaded::Ready(page) => page(),
        Loaded::Failed => view! {
            <section class="empty-state" role="alert" data-page-unavailable>
                <Icon name=IconName::Warning />
                <h1>{move || app.t().app.page_unavailable_title}</h1>
                <p>{move || app.t().app.page_unavailable_body}</p>
                <button class="button primary" type="button" on:click=move |_| start()>
                    {move || app.t().app.try_again}
                </button>
            </section>
        }
        .into_any(),
    }
}
