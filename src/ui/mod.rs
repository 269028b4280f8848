//! Leptos components, one folder per page, plus shared `components/`. Views call the domain and
//! the store through [`state::AppState`]; they hold no rule of the practice themselves.

pub mod agenda;
pub mod components;
pub mod customers;
pub mod data;
pub mod later;
pub mod reports;
pub mod route;
pub mod scripts;
pub mod settings;
pub mod shell;
pub mod state;
pub mod visit;

use crate::i18n::Lang;
use crate::store::prefs;
use leptos::prelude::*;
use route::Route;
use state::AppState;

/// How long after the book opens the other pages' code is fetched if nothing asked for it sooner.
const PRELOAD_AFTER: std::time::Duration = std::time::Duration::from_secs(5);

/// Mounts the app on `<body>`, then takes away the splash `index.html` shows until then. Removed
/// rather than hidden by a `body:has(.app)` rule: such a rule made the browser check the whole
/// page's style again on every change under `<body>` (~1.5 ms of each page change).
pub fn mount() {
    leptos::mount::mount_to_body(App);
    if let Some(splash) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        splash.remove();
    }
}

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::new(prefs::language());
    provide_context(app);

    // The route follows the fragment (see `route.rs` for why routes are hash-based).
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| {
        let_go_of_focus();
        app.route.set(Route::current());
        // A new page starts at the top, as a navigation would.
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
        focus_the_new_page();
    });
    on_cleanup(move || on_hash.remove());

    // "Today" moves on at midnight even if the page stays open.
    let clock = set_interval_with_handle(
        move || {
            let today = state::local_today();
            if app.today.get_untracked() != today {
                app.today.set(today);
            }
        },
        std::time::Duration::from_secs(60),
    );
    on_cleanup(move || {
        if let Ok(handle) = clock {
            handle.clear();
        }
    });

    // One effect per outside system: the document's language and title.
    Effect::new(move |_| {
        let lang = app.lang.get();
        let t = app.t();
        let page = match app.route.get().section() {
            Some(route::Section::Today) => t.nav.today,
            Some(route::Section::Customers) => t.nav.customers,
            Some(route::Section::Scripts) => t.nav.scripts,
            Some(route::Section::Reports) => t.nav.reports,
            Some(route::Section::Settings) => t.nav.settings,
            Some(route::Section::Data) => t.nav.data,
            None => t.app.not_found_title,
        };
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            // Each only when it changes. The title's text is replaced even when it is the same
            // (~0.4 ms measured, on every move between a section's pages); writing the attribute,
            // even unchanged, makes the browser work out the whole page's style again (the
            // language picks fonts).
            let title = format!("{page} · {}", t.app.name);
            if document.title() != title {
                document.set_title(&title);
            }
            if let Some(root) = document.document_element()
                && root.get_attribute("lang").as_deref() != Some(lang.tag())
            {
                let _ = root.set_attribute("lang", lang.tag());
            }
        }
    });

    // The customer book's derived data (tiers, search index) lives as long as the app.
    state::book::install(app);
    // Today's plan, shared by Today, the calendar views and the calling session.
    state::day_plan::install(app);
    // "Next follow-up" for the customer list's sort: the earliest open item of each customer over
    // the coming year. A memo is lazy, so the schedule for this range is only computed while the
    // list is sorted by it.
    let next_due = Memo::new(move |_| {
        let today = app.today.get();
        let range = crate::domain::schedule::DateRange::new(
            crate::domain::date::add_days(today, -90),
            crate::domain::date::add_days(today, 366),
        );
        let mut next: std::collections::HashMap<crate::domain::Id, chrono::NaiveDate> = Default::default();
        // Item by item: a year of the whole book's items (~20 MB at 5,000 customers) is never held.
        state::schedule::for_each_item(app, range, |item| {
            if item.is_open() {
                let day = next.entry(item.customer_id).or_insert(item.ideal);
                *day = (*day).min(item.ideal);
            }
        });
        std::sync::Arc::new(next)
    });
    provide_context(state::book::NextDueDates(next_due.into()));
    app.start();

    // The pages outside the first download are fetched in the background (`later::preload_all`)
    // when the user first touches or types, or once the book has been open for a few seconds,
    // whichever comes first: not while the first page is still settling (each piece is a
    // compilation on the main thread), and before a tap has to wait for the network.
    Effect::new(move |armed: Option<bool>| {
        if armed == Some(true) || app.status.get() == state::LoadStatus::Loading {
            return armed.unwrap_or(false);
        }
        // For the app's life, as the app itself: after the first, each is a flag read.
        let _ = window_event_listener(leptos::ev::pointerdown, |_| later::preload_all());
        let _ = window_event_listener(leptos::ev::keydown, |_| later::preload_all());
        set_timeout(later::preload_all, PRELOAD_AFTER);
        true
    });

    view! { <shell::Shell /> }
}

/// Switches the language and remembers it on this device.
pub fn set_language(app: AppState, lang: Lang) {
    app.lang.set(lang);
    if let Err(e) = prefs::set_language(lang) {
        app.toast_error(move |t| e.message(t.lang));
    }
}

/// After a route change, focus goes where a keyboard or screen-reader user continues: to the
/// control the new page chose (it focused one inside `<main>`), or else to the page's heading, so
/// that the next Tab starts in the page rather than back at the top of the document, and the
/// heading is read out as a navigation would. Runs once the new page has rendered.
pub(crate) fn focus_the_new_page() {
    leptos::prelude::request_animation_frame(|| {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let Ok(Some(main)) = doc.query_selector("#main") else { return };
        let chosen = doc.active_element().is_some_and(|a| a != main && main.contains(Some(&a)));
        if !chosen {
            focus_page_heading();
        }
    });
}

/// Takes focus off the page that is about to be replaced by another. After a route change focus
/// sits on the page's heading (or a control of it), and removing the focused element makes
/// Chromium recalculate style and lay out the whole document on the spot, old page and new
/// together, halfway through the swap: ~4 ms of a save, and on a page change from a customer with
/// a long history as much as the frame's own layout. Blurred first, while the page is as last
/// drawn, it costs next to nothing. Focus then goes where any route change puts it
/// ([`focus_the_new_page`]).
pub fn let_go_of_focus() {
    use wasm_bindgen::JsCast;
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    if let Some(element) = active.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.blur();
    }
}

/// Focuses the page's heading (made focusable for it), or the page itself if it has none.
pub fn focus_page_heading() {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let target = doc.query_selector("#main h1").ok().flatten().or_else(|| doc.query_selector("#main").ok().flatten());
    let Some(target) = target else { return };
    if !target.has_attribute("tabindex") {
        let _ = target.set_attribute("tabindex", "-1");
    }
    if let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() {
        let _ = target.focus();
    }
}
