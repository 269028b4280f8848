//! The customer list: search, filters, sort, and a virtualised list that renders only the rows on
//! screen, so that 5,000 customers scroll and filter as fast as 50.
//!
//! Virtualisation: every row has the same height ([`ROW_HEIGHT`], also in `customers.css`); the
//! list is a spacer as tall as all rows, and only the rows between the top and the bottom of the
//! window (plus a few either side) exist in the DOM, placed with `transform`. The page itself
//! scrolls (not an inner box), which is what a phone user expects: the address bar collapses and
//! the scroll position survives a visit to a customer and back.
//!
//! Keyboard: `/` focuses the search box; ↑/↓ move through the results (announced through
//! `aria-activedescendant`), Enter opens the highlighted customer.

use crate::domain::customer::{Id, NeedType};
use crate::domain::search::{CustomerIndex, Entry, Query, SortBy};
use crate::domain::tier::Tier;
use crate::i18n::{Lang, Texts, format};
use crate::ui::components::demo::{DemoBanner, LoadDemoButton};
use crate::ui::components::fields::{options_markup, tier_badge, tier_class};
use crate::ui::components::markup::{actions, named, target_element};
use crate::ui::components::{EmptyState, Icon, IconName, tx};
use crate::ui::route::Route;
use crate::ui::state::book::{NextDueDates, use_book};
use crate::ui::state::use_app;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use maud::{Markup, html};
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;

actions! {
    /// The list's filters and sort, by field name.
    enum Filter { Tier = "tier", Need = "need", Tag = "tag", Contact = "contact", Sort = "sort" }
}

struct FoundInner {
    query: Query,
    index: Arc<CustomerIndex>,
    today: NaiveDate,
    /// The next follow-up dates the hits were ordered by (sorted by them only).
    due: Option<Arc<HashMap<Id, NaiveDate>>>,
    hits: Vec<u32>,
}

type Found = Arc<FoundInner>;

/// Height of a row in CSS pixels (`.crow` in style/customers.css).
const ROW_HEIGHT: f64 = 68.0;
/// Rows rendered beyond each edge of the window, so that a fast flick shows no blank.
const OVERSCAN: usize = 8;
const NO_CONTACT_DAYS: [u32; 5] = [7, 30, 60, 90, 180];

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

#[component]
pub fn CustomerList() -> impl IntoView {
    let app = use_app();
    let book = use_book();
    let next_due = use_context::<NextDueDates>();
    let total = Memo::new(move |_| book.index.with(|i| i.len()));

    // Each keystroke that only adds a character searches within the previous results.
    let found = Memo::new_with_compare(
        move |previous: Option<&Found>| {
            let index = book.index.get();
            let today = app.today.get();
            book.query.with(|q| {
                // The whole book's schedule for the coming year, only while the list is sorted by
                // it: read on every search, it cost each opening of the list ~60 ms at 5,000
                // customers and ~0.6 s at 50,000.
                let due = next_due.filter(|_| q.sort == SortBy::NextDue).map(|d| d.0.get());
                let same_due = |p: &FoundInner| match (&p.due, &due) {
                    (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                    (None, None) => true,
                    _ => false,
                };
                let within = previous
                    .filter(|p| Arc::ptr_eq(&p.index, &index) && p.today == today && same_due(p) && q.narrows(&p.query))
                    .map(|p| p.hits.as_slice());
                let hits = index.search_within(q, today, due.as_deref(), within);
                Arc::new(FoundInner { query: q.clone(), index: index.clone(), today, due, hits })
            })
        },
        |old, new| match (old, new) {
            (Some(a), Some(b)) => a.hits != b.hits || !Arc::ptr_eq(&a.index, &b.index),
            _ => true,
        },
    );
    let results = Memo::new(move |_| found.with(|f| Arc::new(f.hits.clone())));
    let count = Memo::new(move |_| results.with(|r| r.len()));

    // The visible range, recomputed on scroll and resize, changed only when it moves by a row.
    let list_ref = NodeRef::<leptos::html::Div>::new();
    let range = RwSignal::new((0usize, 40usize));
    // Runs on the next animation frame too, which may come after the user left the page (typing
    // and navigating within one frame): then the list and its signals are gone, and it does nothing.
    let measure = move || {
        let (Some(Some(list)), Some(w)) = (list_ref.try_get_untracked(), window()) else { return };
        let Some(current) = range.try_get_untracked() else { return };
        let top = list.get_bounding_client_rect().top();
        let height = w.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0);
        let first = ((-top) / ROW_HEIGHT).floor().max(0.0) as usize;
        let visible = (height / ROW_HEIGHT).ceil() as usize + 1;
        let next = (first.saturating_sub(OVERSCAN), first + visible + OVERSCAN);
        if current != next {
            range.try_set(next);
        }
    };
    let on_scroll = window_event_listener(leptos::ev::scroll, move |_| measure());
    let on_resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
    });

    // Back from a customer: where the user was. The app scrolls to the top on every navigation,
    // so restore on the next frame, after it.
    let restore = book.list_scroll.get_value();
    request_animation_frame(move || {
        if let Some(w) = window() {
            w.scroll_to_with_x_and_y(0.0, restore);
        }
        measure();
    });
    on_cleanup(move || {
        if let Some(y) = window().and_then(|w| w.scroll_y().ok()) {
            book.list_scroll.set_value(y);
        }
    });

    let active = RwSignal::new(None::<usize>);
    // A new search starts at the top of its results.
    Effect::new(move |prev: Option<Query>| {
        let q = book.query.get();
        if prev.is_some_and(|p| p != q) {
            if active.get_untracked().is_some() {
                active.set(None);
            }
            if let (Some(w), Some(list)) = (window(), list_ref.get_untracked()) {
                let list_top = list.get_bounding_client_rect().top();
                if list_top < 0.0 {
                    let y = w.scroll_y().unwrap_or(0.0) + list_top - 8.0;
                    w.scroll_to_with_x_and_y(0.0, y.max(0.0));
                }
            }
        }
        request_animation_frame(measure);
        q
    });

    let search_ref = NodeRef::<leptos::html::Input>::new();
    let on_slash = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if ev.key() == "/"
            && !typing
            && let Some(input) = search_ref.get_untracked()
        {
            ev.prevent_default();
            let _ = input.focus();
        }
    });
    on_cleanup(move || on_slash.remove());

    let scroll_into_view = move |k: usize| {
        let (Some(list), Some(w)) = (list_ref.get_untracked(), window()) else { return };
        let top = list.get_bounding_client_rect().top() + k as f64 * ROW_HEIGHT;
        let height = w.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0);
        // Leave room for the sticky search bar above and the bottom navigation below.
        let (margin_top, margin_bottom) = (140.0, 90.0);
        let scroll = w.scroll_y().unwrap_or(0.0);
        if top < margin_top {
            w.scroll_to_with_x_and_y(0.0, scroll + top - margin_top);
        } else if top + ROW_HEIGHT > height - margin_bottom {
            w.scroll_to_with_x_and_y(0.0, scroll + top + ROW_HEIGHT - height + margin_bottom);
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = count.get_untracked();
        if n == 0 {
            return;
        }
        let next = match (ev.key().as_str(), active.get_untracked()) {
            ("ArrowDown", None) => Some(0),
            ("ArrowDown", Some(k)) => Some((k + 1).min(n - 1)),
            ("ArrowUp", Some(k)) => Some(k.saturating_sub(1)),
            ("Enter", k) => {
                let k = k.unwrap_or(0);
                let id = results
                    .with_untracked(|r| r.get(k).copied())
                    .and_then(|i| book.index.with_untracked(|idx| idx.entry(i).map(|e| e.id.clone())));
                if let Some(id) = id {
                    ev.prevent_default();
                    Route::Customer(id).go();
                }
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        active.set(next);
        if let Some(k) = next {
            scroll_into_view(k);
        }
    };

    let rows_html = move || {
        let index = book.index.get();
        let (start, end) = range.get();
        let active = active.get();
        let t = app.t();
        let lang = app.lang.get();
        let today = app.today.get();
        results.with(|r| {
            html! {
                @for k in start..end.min(r.len()) {
                    @if let Some(e) = index.entry(r[k]) {
                        (row_html(t, lang, today, k, e, active == Some(k)))
                    }
                }
            }
            .into_string()
        })
    };

    view! {
        <header class="page-header">
            <h1>
                {tx(|t| t.nav.customers)}
                <span class="count" id="customer-count">
                    {move || {
                        let t = &app.t().customers;
                        if book.query.with(Query::is_filtered) { (t.found)(count.get(), total.get()) } else { (t.count)(total.get()) }
                    }}
                </span>
            </h1>
            <div class="page-actions">
                <a class="button" href=Route::CustomerImport.href()>
                    <Icon name=IconName::Upload />
                    {tx(|t| t.customers.import)}
                </a>
                <a class="button primary" href=Route::CustomerNew.href() id="add-customer">
                    <Icon name=IconName::Plus />
                    {tx(|t| t.customers.add)}
                </a>
            </div>
        </header>
        <DemoBanner />
        <Show
            when=move || total.get() != 0
            fallback=move || {
                view! {
                    <EmptyState icon=IconName::Customers
                        title=Signal::derive(tx(|t| t.customers.empty_title))
                        body=Signal::derive(tx(|t| t.customers.empty_body))>
                        <a class="button primary" href=Route::CustomerNew.href()>
                            <Icon name=IconName::Plus />
                            {tx(|t| t.customers.add)}
                        </a>
                        <a class="button" href=Route::CustomerImport.href()>
                            <Icon name=IconName::Upload />
                            {tx(|t| t.customers.import)}
                        </a>
                        <LoadDemoButton />
                    </EmptyState>
                }
            }
        >
            <div class="finder" role="search">
                <label class="search-box">
                    <Icon name=IconName::Search />
                    <span class="visually-hidden">{tx(|t| t.customers.search_label)}</span>
                    <input
                        type="search"
                        id="customer-search"
                        node_ref=search_ref
                        autocomplete="off"
                        enterkeyhint="search"
                        role="combobox"
                        aria-controls="customer-list"
                        aria-expanded="true"
                        aria-activedescendant=move || active.get().map(|k| format!("crow-{k}"))
                        placeholder=tx(|t| t.customers.search_placeholder)
                        prop:value=move || book.query.with(|q| q.text.clone())
                        on:input:target=move |ev| book.query.update(|q| q.text = ev.target().value())
                        on:keydown=on_keydown
                    />
                </label>
                <Filters next_due=next_due.is_some() />
            </div>
            <Show
                when=move || count.get() != 0
                fallback=move || {
                    view! {
                        <EmptyState icon=IconName::Search
                            title=Signal::derive(tx(|t| t.customers.no_results_title))
                            body=Signal::derive(tx(|t| t.customers.no_results_body))>
                            <button class="button" id="clear-filters"
                                on:click=move |_| book.query.update(|q| *q = Query { sort: q.sort, ..Query::default() })>
                                {tx(|t| t.customers.clear_filters)}
                            </button>
                        </EmptyState>
                    }
                }
            >
                <div
                    class="vlist"
                    id="customer-list"
                    role="listbox"
                    aria-label=tx(|t| t.nav.customers)
                    node_ref=list_ref
                    style:height=move || format!("{}px", count.get() as f64 * ROW_HEIGHT)
                    inner_html=rows_html
                ></div>
            </Show>
        </Show>
    }
}

fn row_html(t: &Texts, lang: Lang, today: NaiveDate, k: usize, e: &Entry, active: bool) -> Markup {
    let this_year = today.year();
    let mut meta: Vec<String> = Vec::with_capacity(3);
    if let Some(p) = &e.phone {
        meta.push(p.clone());
    }
    meta.push(match e.last_contact {
        Some(d) => (t.customers.last_contact)(&format::date_auto(lang, d, this_year)),
        None => t.customers.never_contacted.to_string(),
    });
    if e.total_spend.fen() > 0 {
        meta.push((t.customers.spent)(&format::money(lang, e.total_spend)));
    }
    let initial = e.name.chars().next().map(String::from).unwrap_or_default();
    html! {
        a class=(if active { "crow active" } else { "crow" }) id={ "crow-" (k) } role="option" aria-selected=(active)
            href=(Route::Customer(e.id.clone()).href()) style={ "transform:translateY(" (k as f64 * ROW_HEIGHT) "px)" } {
            span class={ "avatar avatar-" (tier_class(e.tier)) } aria-hidden="true" { (initial) }
            span class="crow-main" {
                span class="crow-title" {
                    span class="crow-name" { (e.name) }
                    (tier_badge(t, e.tier))
                    @if e.demo {
                        span class="badge demo" { (t.common.demo_badge) }
                    }
                    @if e.open_complaint {
                        span class="badge complaint-open" { (t.customers.open_complaint_badge) }
                    }
                    @if e.do_not_contact {
                        span class="badge dnc" { (t.customers.do_not_contact_badge) }
                    }
                }
                span class="crow-meta" {
                    @for (i, m) in meta.iter().enumerate() {
                        @if i > 0 { " · " }
                        (m)
                    }
                }
            }
        }
    }
}

/// Filter and sort selects, as one block of markup with one change handler. Their values are
/// indexes into the option lists, "" for "all".
#[component]
fn Filters(next_due: bool) -> impl IntoView {
    let app = use_app();
    let book = use_book();
    let sorts: Vec<SortBy> = [SortBy::Name, SortBy::LastContact, SortBy::NextDue, SortBy::TotalSpend]
        .into_iter()
        .filter(|s| next_due || *s != SortBy::NextDue)
        .collect();
    let sorts_for_change = sorts.clone();
    // Not the text: typing must not rebuild the selects.
    let chosen = Memo::new(move |_| book.query.with(|q| (q.tier, q.need, q.tag.clone(), q.no_contact_days, q.sort)));
    let tags =
        Memo::new(move |_| book.index.with(|i| i.tags().into_iter().take(60).map(|(t, _)| t).collect::<Vec<_>>()));
    let html = move || {
        let t = app.t();
        let (tier, need, tag, days, sort) = chosen.get();
        let opt = |v: String, text: &str, selected: bool| (v, text.to_string(), selected);
        let mut tiers = vec![opt(String::new(), t.customers.all_tiers, tier.is_none())];
        tiers.extend(Tier::ALL.iter().map(|x| opt(x.index().to_string(), (t.labels.tier)(*x), tier == Some(*x))));
        let mut needs = vec![opt(String::new(), t.customers.all_needs, need.is_none())];
        needs.extend(
            NeedType::ALL.iter().enumerate().map(|(i, x)| opt(i.to_string(), (t.labels.need)(*x), need == Some(*x))),
        );
        let mut contact = vec![opt(String::new(), t.customers.any_contact, days.is_none())];
        contact.extend(
            NO_CONTACT_DAYS.iter().map(|d| opt(d.to_string(), &(t.customers.no_contact_in)(*d), days == Some(*d))),
        );
        let sort_options: Vec<_> = sorts
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let label = match s {
                    SortBy::Name => t.customers.sort_name,
                    SortBy::LastContact => t.customers.sort_last_contact,
                    SortBy::NextDue => t.customers.sort_next_due,
                    SortBy::TotalSpend => t.customers.sort_spend,
                };
                opt(i.to_string(), label, *s == sort)
            })
            .collect();
        let tag_options = tags.with(|tags| {
            let mut options = vec![opt(String::new(), t.customers.all_tags, tag.is_none())];
            options.extend(tags.iter().map(|x| opt(x.clone(), x, tag.as_ref() == Some(x))));
            (!tags.is_empty()).then_some(options)
        });
        html! {
            select id="filter-tier" name=(Filter::Tier) aria-label=(t.customers.all_tiers) { (options_markup(&tiers)) }
            select id="filter-need" name=(Filter::Need) aria-label=(t.customers.all_needs) { (options_markup(&needs)) }
            @if let Some(options) = tag_options {
                select id="filter-tag" name=(Filter::Tag) aria-label=(t.customers.all_tags) { (options_markup(&options)) }
            }
            select id="filter-contact" name=(Filter::Contact) aria-label=(t.customers.any_contact) { (options_markup(&contact)) }
            select id="sort" name=(Filter::Sort) aria-label=(t.customers.sort_label) { (options_markup(&sort_options)) }
        }
        .into_string()
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(el) = target_element(&ev) else { return };
        let v = js_sys::Reflect::get(&el, &"value".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        let n = v.parse::<usize>().ok();
        let Some(filter) = named::<Filter>(&el) else { return };
        book.query.update(|q| match filter {
            Filter::Tier => q.tier = n.and_then(|i| Tier::ALL.get(i).copied()),
            Filter::Need => q.need = n.and_then(|i| NeedType::ALL.get(i).copied()),
            Filter::Tag => q.tag = Some(v.clone()).filter(|t| !t.is_empty()),
            Filter::Contact => q.no_contact_days = v.parse().ok(),
            Filter::Sort => q.sort = n.and_then(|i| sorts_for_change.get(i).copied()).unwrap_or_default(),
        });
    };
    view! {
        <div class="filters" role="group" aria-label=tx(|t| t.customers.filters_label) inner_html=html on:change=on_change></div>
    }
}
