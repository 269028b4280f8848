//! Hash-based routes (`#/customers/abc`).
//!
//! Why not leptos_router: Huifang is served by any static file server (and later from a service
//! worker's cache) and opened from home-screen shortcuts and shared links. A path route such as
//! `/customers/abc` needs the server to answer every path with `index.html`; `python3 -m
//! http.server` and most static hosts answer 404 instead. leptos_router 0.8 has no hash mode
//! (leptos issue 2184), so the route lives in the fragment, which never reaches the server: every
//! deep link loads `/index.html` and the app reads `location.hash`, as leptos's todomvc example
//! does with `hashchange`.

use crate::domain::customer::Id;
use crate::domain::plan::Card;
use crate::domain::schedule::MergedKey;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Today,
    Customers,
    CustomerNew,
    /// Import customers and purchases from a CSV file.
    CustomerImport,
    Customer(Id),
    CustomerEdit(Id),
    /// Recording a visit, started from an agenda item (`item` is its key) or from a customer:
    /// `#/visit?item=<key>&customer=<id>`.
    /// `session`: part of a calling session from Today; saving goes on to the next customer.
    Visit {
        item: Option<MergedKey>,
        customer: Option<Id>,
        session: bool,
    },
    /// A saved visit record: its fields, feedback items, signature and review.
    Record(Id),
    /// Editing a saved visit record on the visit screen.
    RecordEdit(Id),
    Scripts,
    ScriptNew,
    /// A script of the library: the user's by id, or `builtin:<id>` (see `domain::scripts::find`).
    Script(Id),
    ScriptEdit(Id),
    Reports,
    Settings,
    Data,
    NotFound(String),
}

/// The top-level section a route belongs to, for the navigation's highlight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Today,
    Customers,
    Scripts,
    Reports,
    Settings,
    Data,
}

impl Section {
    pub const ALL: [Section; 6] =
        [Section::Today, Section::Customers, Section::Scripts, Section::Reports, Section::Settings, Section::Data];

    pub fn route(self) -> Route {
        match self {
            Section::Today => Route::Today,
            Section::Customers => Route::Customers,
            Section::Scripts => Route::Scripts,
            Section::Reports => Route::Reports,
            Section::Settings => Route::Settings,
            Section::Data => Route::Data,
        }
    }
}

fn decode(segment: &str) -> String {
    js_sys::decode_uri_component(segment).ok().and_then(|s| s.as_string()).unwrap_or_else(|| segment.to_string())
}

/// The decoded value of `name` in a `a=1&b=2` query, if present and not empty.
fn query_value(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| decode(value))
        .filter(|value| !value.is_empty())
}

fn encode(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment))
}

impl Route {
    /// The visit screen for a card of the day's plan, in a calling session or not.
    pub fn of_card(card: &Card, session: bool) -> Route {
        Route::Visit { item: Some(card.key()), customer: Some(card.customer_id.clone()), session }
    }

    /// Parses the fragment, with or without the leading `#`.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#');
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let segments: Vec<String> = path.split('/').filter(|s| !s.is_empty()).map(decode).collect();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        match segments.as_slice() {
            [] | ["today"] => Route::Today,
            ["customers"] => Route::Customers,
            ["customers", "new"] => Route::CustomerNew,
            ["customers", "import"] => Route::CustomerImport,
            ["customers", id] => Route::Customer(Id::from(*id)),
            ["customers", id, "edit"] => Route::CustomerEdit(Id::from(*id)),
            ["visit"] => Route::Visit {
                item: query_value(query, "item").map(MergedKey::from),
                customer: query_value(query, "customer").map(Id::from),
                session: query_value(query, "session").is_some_and(|v| v == "1"),
            },
            ["records", id] => Route::Record(Id::from(*id)),
            ["records", id, "edit"] => Route::RecordEdit(Id::from(*id)),
            ["scripts"] => Route::Scripts,
            ["scripts", "new"] => Route::ScriptNew,
            ["scripts", id] => Route::Script(Id::from(*id)),
            ["scripts", id, "edit"] => Route::ScriptEdit(Id::from(*id)),
            ["reports"] => Route::Reports,
            ["settings"] => Route::Settings,
            ["data"] => Route::Data,
            _ => Route::NotFound(path.to_string()),
        }
    }

    /// The `href` of a link to this route.
    pub fn href(&self) -> String {
        match self {
            Route::Today => "#/today".into(),
            Route::Customers => "#/customers".into(),
            Route::CustomerNew => "#/customers/new".into(),
            Route::CustomerImport => "#/customers/import".into(),
            Route::Customer(id) => format!("#/customers/{}", encode(id)),
            Route::CustomerEdit(id) => format!("#/customers/{}/edit", encode(id)),
            Route::Visit { item, customer, session } => {
                let mut query = Vec::new();
                if let Some(item) = item {
                    query.push(format!("item={}", encode(item.as_str())));
                }
                if let Some(customer) = customer {
                    query.push(format!("customer={}", encode(customer)));
                }
                if *session {
                    query.push("session=1".into());
                }
                if query.is_empty() { "#/visit".into() } else { format!("#/visit?{}", query.join("&")) }
            }
            Route::Record(id) => format!("#/records/{}", encode(id)),
            Route::RecordEdit(id) => format!("#/records/{}/edit", encode(id)),
            Route::Scripts => "#/scripts".into(),
            Route::ScriptNew => "#/scripts/new".into(),
            Route::Script(id) => format!("#/scripts/{}", encode(id)),
            Route::ScriptEdit(id) => format!("#/scripts/{}/edit", encode(id)),
            Route::Reports => "#/reports".into(),
            Route::Settings => "#/settings".into(),
            Route::Data => "#/data".into(),
            Route::NotFound(path) => format!("#{path}"),
        }
    }

    pub fn section(&self) -> Option<Section> {
        match self {
            Route::Today => Some(Section::Today),
            Route::Customers
            | Route::CustomerNew
            | Route::CustomerImport
            | Route::Customer(_)
            | Route::CustomerEdit(_) => Some(Section::Customers),
            Route::Visit { .. } => Some(Section::Today),
            Route::Record(_) | Route::RecordEdit(_) => Some(Section::Customers),
            Route::Scripts | Route::ScriptNew | Route::Script(_) | Route::ScriptEdit(_) => Some(Section::Scripts),
            Route::Reports => Some(Section::Reports),
            Route::Settings => Some(Section::Settings),
            Route::Data => Some(Section::Data),
            Route::NotFound(_) => None,
        }
    }

    /// The route the browser is showing now.
    pub fn current() -> Route {
        let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        Route::parse(&hash)
    }

    /// Goes to this route, adding a history entry (Back returns).
    pub fn go(&self) {
        if let Some(window) = web_sys::window() {
            let _ = window.location().set_hash(&self.href());
        }
    }

    /// Goes to this route in place of the current entry: after saving a form, Back should not
    /// return to the form.
    ///
    /// The address is replaced with `history.replaceState` and the `hashchange` the app follows
    /// routes by is dispatched at once, so the new page is drawn in the same task as the change
    /// that led to it. After `location.replace` the browser queues that event as a task of its
    /// own, and a frame of the page being left (with the change's toast) was laid out and painted
    /// first: ~4 ms of saving a visit, measured. Back and reload see the same entry either way.
    pub fn replace(&self) {
        let Some(window) = web_sys::window() else { return };
        let href = self.href();
        // As the browser would: no event when the fragment stays the same.
        let moves = window.location().hash().ok().as_deref() != Some(href.as_str());
        if !replace_state(&window, &href) {
            let _ = window.location().replace(&href);
            return;
        }
        if moves && let Ok(event) = web_sys::HashChangeEvent::new("hashchange") {
            let _ = window.dispatch_event(&event);
        }
    }
}

/// `history.replaceState(null, "", url)`, called through `Reflect` to avoid another web-sys
/// feature; false if the browser refused it.
fn replace_state(window: &web_sys::Window, url: &str) -> bool {
    use wasm_bindgen::{JsCast, JsValue};
    let Ok(history) = js_sys::Reflect::get(window, &JsValue::from_str("history")) else { return false };
    let Ok(replace) = js_sys::Reflect::get(&history, &JsValue::from_str("replaceState")) else { return false };
    replace.dyn_ref::<js_sys::Function>().is_some_and(|replace| {
        replace.call3(&history, &JsValue::NULL, &JsValue::from_str(""), &JsValue::from_str(url)).is_ok()
    })
}

/// The value of `name` in the current fragment's query (`#/reports?p=month:2026-11`).
pub fn current_query(name: &str) -> Option<String> {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let (_, query) = hash.split_once('?')?;
    query_value(query, name)
}

/// Puts `query` (already URL-safe) after `route` in the address bar without a history entry or a
/// `hashchange`, so the page keeps its state and scroll position and a reload opens the same view.
pub fn replace_query(route: &Route, query: &str) {
    if let Some(window) = web_sys::window() {
        replace_state(&window, &format!("{}?{query}", route.href()));
    }
}
