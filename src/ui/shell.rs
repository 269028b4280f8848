//! The frame around every page: navigation (bottom bar on a phone, side bar on wider screens),
//! the header with the language switch, storage banners and toasts.

use crate::domain::exchange::merge::Part;
use crate::i18n::Lang;
use crate::ui::components::{Icon, IconName, Toasts};
use crate::ui::later::{self, LaterPage};
use crate::ui::route::{Route, Section};
use crate::ui::state::{LoadStatus, use_app};
use crate::ui::{agenda, customers, data, settings};
use leptos::prelude::*;

fn section_icon(section: Section) -> IconName {
    match section {
        Section::Today => IconName::Today,
        Section::Customers => IconName::Customers,
        Section::Scripts => IconName::Scripts,
        Section::Reports => IconName::Reports,
        Section::Settings => IconName::Settings,
        Section::Data => IconName::Data,
    }
}

#[component]
pub fn Shell() -> impl IntoView {
    let app = use_app();
    view! {
        // The fragment is the route here: the link moves focus itself instead of going to "#main".
        <a class="skip-link" href="#main" on:click=|ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            crate::ui::focus_page_heading();
        }>{move || app.t().app.skip_to_content}</a>
        <div class="app">
            <header class="topbar">
                <a class="brand" href=Route::Today.href()>
                    <span class="brand-mark" aria-hidden="true">"回"</span>
                    <span class="brand-name">{move || app.t().app.name}</span>
                </a>
                <SyncIndicator />
                <LanguageToggle />
            </header>
            <Nav />
            <main id="main" class="content" tabindex="-1">
                <StorageBanner />
                <data::durability::UpdateNotice />
                <data::durability::BackupReminder />
                <Page />
            </main>
            <Toasts />
        </div>
    }
}

#[component]
fn Nav() -> impl IntoView {
    let app = use_app();
    let label = |section: Section| {
        move || {
            let t = &use_app().t().nav;
            match section {
                Section::Today => t.today,
                Section::Customers => t.customers,
                Section::Scripts => t.scripts,
                Section::Reports => t.reports,
                Section::Settings => t.settings,
                Section::Data => t.data,
            }
        }
    };
    view! {
        <nav class="nav" aria-label=move || app.t().nav.main_menu>
            <ul>
                {Section::ALL
                    .into_iter()
                    .map(|section| {
                        let active = move || app.route.with(|r| r.section() == Some(section));
                        view! {
                            <li>
                                <a
                                    href=section.route().href()
                                    class="nav-link"
                                    class:active=active
                                    aria-current=move || active().then_some("page")
                                    data-section=format!("{section:?}").to_lowercase()
                                >
                                    <Icon name=section_icon(section) />
                                    <span class="nav-label">{label(section)}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// What the language button shows for a language.
fn short_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "中文",
        Lang::En => "EN",
    }
}

/// One tap switches between 中文 and English; the choice is remembered on this device.
#[component]
fn LanguageToggle() -> impl IntoView {
    let app = use_app();
    let other = move || match app.lang.get() {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    };
    view! {
        <button
            class="lang-toggle"
            id="lang-toggle"
            // The visible text first, so that voice control ("click EN") finds the button by what
            // it shows, then what it does.
            aria-label=move || format!("{} {}: {}", short_name(other()), app.t().nav.language, other().native_name())
            lang=move || other().tag()
            on:click=move |_| crate::ui::set_language(app, other())
        >
            {move || short_name(other())}
        </button>
    }
}

/// The sync status at a glance, once sync is set up; opens Settings, where its section is.
#[component]
fn SyncIndicator() -> impl IntoView {
    let app = use_app();
    view! {
        {move || {
            settings::sync::status_text(app)
                .map(|text| {
                    let title = text.clone();
                    view! {
                        <a class="sync-indicator" href=Route::Settings.href() data-sync-indicator title=title>
                            {text}
                        </a>
                    }
                })
        }}
    }
}

#[component]
fn StorageBanner() -> impl IntoView {
    let app = use_app();
    let message = move || {
        let lang = app.lang.get();
        match app.status.get() {
            LoadStatus::MemoryOnly => Some(app.t().storage.unavailable.to_string()),
            LoadStatus::Blocked(e) => Some(e.message(lang)),
            _ if app.storage_problem.with(Option::is_none) => app.quarantine.with(|aside| {
                (!aside.is_empty()).then(|| {
                    // "回访记录 v2": the kind in the user's words (settings live in `meta`), then the key.
                    let kind = |collection: &str| {
                        Part::of_collection(collection)
                            .map_or_else(|| collection.to_string(), |p| (app.t().exchange.part)(p).to_string())
                    };
                    let which: Vec<String> =
                        aside.iter().take(3).map(|q| format!("{} {}", kind(&q.collection), q.key)).collect();
                    let more = if aside.len() > 3 { "…" } else { "" };
                    (app.t().storage.quarantined)(
                        aside.len(),
                        &format!("{}{more}", which.join(app.t().common.enumeration)),
                    )
                })
            }),
            _ => app.storage_problem.get().map(|e| match e {
                crate::store::StorageError::QuotaExceeded if app.customers.with(Vec::is_empty) => {
                    app.t().storage.full_from_start_banner.to_string()
                }
                crate::store::StorageError::QuotaExceeded => app.t().storage.read_only_banner.to_string(),
                other => other.message(lang),
            }),
        }
    };
    view! {
        {move || {
            message()
                .map(|text| {
                    view! {
                        <div class="banner banner-warning" role="alert">
                            <Icon name=IconName::Warning />
                            <p>{text}</p>
                        </div>
                    }
                })
        }}
    }
}

#[component]
fn Page() -> impl IntoView {
    let app = use_app();
    move || {
        if app.status.get() == LoadStatus::Loading {
            return view! { <p class="loading" aria-busy="true">{move || app.t().app.loading}</p> }.into_any();
        }
        match app.route.get() {
            Route::Today => view! { <agenda::TodayPage /> }.into_any(),
            Route::Customers => view! { <customers::CustomerList /> }.into_any(),
            Route::CustomerNew | Route::CustomerImport | Route::Customer(_) | Route::CustomerEdit(_) => {
                view! { <LaterPage load=later::customer_pages /> }.into_any()
            }
            Route::Visit { item, customer, session } => {
                let load = move || later::visit_page(item.clone(), customer.clone(), None, session);
                view! { <LaterPage load /> }.into_any()
            }
            Route::RecordEdit(id) => {
                let load = move || later::visit_page(None, None, Some(id.clone()), false);
                view! { <LaterPage load /> }.into_any()
            }
            Route::Record(id) => view! { <LaterPage load=move || later::record_page(id.clone()) /> }.into_any(),
            Route::Scripts | Route::ScriptNew | Route::Script(_) | Route::ScriptEdit(_) => {
                view! { <LaterPage load=later::scripts_page /> }.into_any()
            }
            Route::Reports => view! { <LaterPage load=later::reports_page /> }.into_any(),
            Route::Settings => view! { <LaterPage load=later::settings_page /> }.into_any(),
            Route::Data => view! { <LaterPage load=later::data_page /> }.into_any(),
            Route::NotFound(_) => view! { <NotFound /> }.into_any(),
        }
    }
}

#[component]
fn NotFound() -> impl IntoView {
    let app = use_app();
    view! {
        <section class="empty-state">
            <h1>{move || app.t().app.not_found_title}</h1>
            <p>{move || app.t().app.not_found_body}</p>
            <a class="button primary" href=Route::Today.href()>{move || app.t().app.go_home}</a>
        </section>
    }
}
