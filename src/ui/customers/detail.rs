//! One customer: profile with direct contact links, tier card, forms to record a purchase or a
//! service event, the whole timeline, and delete with undo.

use super::records::{EventForm, PurchaseForm};
use super::tier_card::TierCard;
use crate::domain::customer::{Customer, Id, ServiceEventKind};
use crate::domain::customer_form::EventChoice;
use crate::domain::timeline::{TimelineItem, timeline};
use crate::i18n::format;
use crate::i18n::{Lang, Texts};
use crate::ui::components::demo::DemoBanner;
use crate::ui::components::fields::tier_badge;
use crate::ui::components::markup::{action, actions};
use crate::ui::components::{Confirm, Icon, IconName, clipboard, confirm, offer_undo, tx};
use crate::ui::route::Route;
use crate::ui::state::book::{CustomerBook, use_book};
use crate::ui::state::{AppState, Changes, use_app};
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use maud::{Markup, html};

actions! {
    /// What the buttons of the profile card do.
    pub enum ProfileAction { CopyWechat = "copy-wechat" }
}

#[component]
pub fn CustomerDetail(id: Id) -> impl IntoView {
    let app = use_app();
    let lookup = id.clone();
    let customer = Memo::new(move |_| app.customers.with(|c| c.iter().find(|c| c.id == lookup).cloned()));
    view! {
        <nav class="crumbs">
            <a href=Route::Customers.href()>"← "{tx(|t| t.customers.back_to_list)}</a>
        </nav>
        <DemoBanner />
        {move || match customer.get() {
            None => view! { <p class="empty-state" id="customer-missing">{tx(|t| t.customers.not_found)}</p> }.into_any(),
            Some(_) => view! { <Loaded customer=customer /> }.into_any(),
        }}
    }
}

#[component]
fn Loaded(customer: Memo<Option<Customer>>) -> impl IntoView {
    let app = use_app();
    let book = use_book();
    let get = move || customer.get().unwrap_or_default();
    let id = customer.with_untracked(|c| c.as_ref().map(|c| c.id.clone()).unwrap_or_default());
    let assessment = {
        let id = id.clone();
        Memo::new(move |_| book.assessments.with(|a| a.get(&id).cloned()))
    };
    let title = move || {
        let t = app.t();
        customer.with(|c| {
            let Some(c) = c else { return String::new() };
            let open_complaint = app.visits.with(|v| !crate::domain::schedule::unsettled_complaints(c, v).is_empty());
            html! {
                span id="customer-name" { (c.name) }
                @if c.honorific != crate::domain::customer::Honorific::None {
                    span class="honorific" { ((t.labels.honorific)(c.honorific)) }
                }
                @if let Some(a) = assessment.get() {
                    (tier_badge(t, a.effective))
                }
                @if c.demo {
                    span class="badge demo" { (t.common.demo_badge) }
                }
                @if open_complaint {
                    span class="badge complaint-open" id="open-complaint" { (t.customers.open_complaint_badge) }
                }
            }
            .into_string()
        })
    };
    let ask_delete = move |_| {
        let t = app.t_now();
        // The customer as asked about (the page may be gone by the time the user answers).
        let asked = get();
        let title = (t.customers.delete_title)(&asked.name);
        let question = Confirm {
            title: &title,
            body: t.customers.delete_body,
            confirm: t.common.delete,
            danger: true,
            name: "delete-customer",
            fields: None,
        };
        confirm(app, question, move |_| delete_with_undo(app, book, asked));
    };
    let adding = RwSignal::new(None::<bool>);
    let edit_href = Route::CustomerEdit(id.clone()).href();
    let new_visit_href = Route::Visit { item: None, customer: Some(id.clone()), session: false }.href();

    view! {
        <header class="page-header customer-header">
            <h1 inner_html=title></h1>
            <div class="page-actions">
                <a class="button primary" href=new_visit_href id="new-visit">{tx(|t| t.record.new_visit)}</a>
                <a class="button" href=edit_href id="edit-customer">{tx(|t| t.common.edit)}</a>
                <button class="button" id="delete-customer" on:click=ask_delete>{tx(|t| t.common.delete)}</button>
            </div>
        </header>
        <div class="customer-layout">
            <div class="customer-side">
                <NextCare customer=customer />
                <TierCard customer=customer assessment=assessment />
                <Profile customer=customer />
            </div>
            <div class="customer-main">
                <section class="card">
                    <div class="record-actions">
                        <button class="button" id="record-purchase" aria-expanded=move || (adding.get() == Some(true)).to_string()
                            on:click=move |_| adding.update(|a| *a = if *a == Some(true) { None } else { Some(true) })>
                            <Icon name=IconName::Plus />{tx(|t| t.customers.record_purchase)}
                        </button>
                        <button class="button" id="record-event" aria-expanded=move || (adding.get() == Some(false)).to_string()
                            on:click=move |_| adding.update(|a| *a = if *a == Some(false) { None } else { Some(false) })>
                            <Icon name=IconName::Plus />{tx(|t| t.customers.record_event)}
                        </button>
                    </div>
                    {move || match adding.get() {
                        Some(true) => view! { <PurchaseForm customer=customer done=Callback::new(move |_| adding.set(None)) /> }.into_any(),
                        Some(false) => view! { <EventForm customer=customer done=Callback::new(move |_| adding.set(None)) /> }.into_any(),
                        None => ().into_any(),
                    }}
                </section>
                <Timeline customer=customer />
            </div>
        </div>
    }
}

/// Deletes the customer with their visits and feedback items in one write, and offers Undo, which
/// puts the same records back. Signatures stay in storage (they are keyed by visit and not loaded
/// here), so an undone delete finds them again.
fn delete_with_undo(app: AppState, book: CustomerBook, customer: Customer) {
    let visits = book.visits_of_untracked(app, &customer.id);
    let feedback = book.feedback_of_untracked(app, &customer.id);
    let mut changes = Changes::new();
    changes.delete(&customer);
    for v in &visits {
        changes.delete(v);
    }
    for f in &feedback {
        changes.delete(f);
    }
    app.commit(changes, move || {
        Route::Customers.go();
        let name = customer.name.clone();
        offer_undo(
            app,
            move |t| (t.customers.deleted)(&name),
            move || {
                let mut changes = Changes::new();
                changes.put(&customer);
                for v in &visits {
                    changes.put(v);
                }
                for f in &feedback {
                    changes.put(f);
                }
                let (name, id) = (customer.name.clone(), customer.id.clone());
                app.commit(changes, move || {
                    app.toast(move |t| (t.customers.restored)(&name));
                    Route::Customer(id).go();
                });
            },
        );
    });
}

fn profile_html(t: &Texts, lang: Lang, c: &Customer) -> Markup {
    let cs = &t.customers;
    let not_given = html! { span class="muted" { (cs.not_given) } };
    let or_not = |s: &str| {
        if s.is_empty() {
            not_given.clone()
        } else {
            html! { (s) }
        }
    };
    let row = |label: &str, value: Markup| html! { div class="prow" { dt { (label) } dd { (value) } } };
    let phones = if c.phones.is_empty() {
        not_given.clone()
    } else {
        html! {
            @for p in &c.phones {
                @let tel: String = p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
                a class="contact-link" href={ "tel:" (tel) } aria-label=((cs.call)(p)) { (p) }
            }
        }
    };
    let wechat = if c.wechat.is_empty() {
        not_given.clone()
    } else {
        html! {
            span class="wechat" {
                span class="selectable" id="wechat-id" { (c.wechat) }
                button type="button" class="button small" id="copy-wechat" data-action=(ProfileAction::CopyWechat)
                    aria-label=(cs.copy_wechat) { (t.common.copy) }
            }
        }
    };
    let email = if c.email.is_empty() {
        not_given.clone()
    } else {
        html! { a href={ "mailto:" (c.email) } { (c.email) } }
    };
    let birthday = match c.birthday {
        None => not_given.clone(),
        Some(b) if b.lunar => html! { (format::date_long(lang, b.date)) " " span class="badge" { (cs.lunar_badge) } },
        Some(b) => html! { (format::date_long(lang, b.date)) },
    };
    let mut preferred: Vec<&str> = Vec::new();
    if let Some(m) = c.preferred_method {
        preferred.push((t.labels.method)(m));
    }
    if !c.preferred_time.is_empty() {
        preferred.push(&c.preferred_time);
    }
    let tags = if c.tags.is_empty() {
        not_given.clone()
    } else {
        html! { @for tag in &c.tags { span class="badge tag" { (tag) } } }
    };
    html! {
        h2 { (cs.profile) }
        @if c.do_not_contact {
            p class="warning-text" id="dnc-note" { (cs.do_not_contact_note) }
        }
        dl {
            (row(cs.phones, phones))
            (row(cs.wechat, wechat))
            (row(cs.email, email))
            (row(cs.address, or_not(&c.address)))
            (row(cs.birthday, birthday))
            (row(cs.registered_on, html! { (format::date_long(lang, c.registered_on)) }))
            (row(cs.source, or_not(&c.source)))
            (row(cs.need, html! { ((t.labels.need)(c.need)) }))
            (row(cs.tags, tags))
            (row(cs.preferred_contact, or_not(&preferred.join(" · "))))
            (row(cs.notes, or_not(&c.notes)))
        }
    }
}

#[component]
fn Profile(customer: Memo<Option<Customer>>) -> impl IntoView {
    let app = use_app();
    let html = move || {
        customer
            .with(|c| c.as_ref().map(|c| profile_html(app.t(), app.lang.get(), c).into_string()).unwrap_or_default())
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some((ProfileAction::CopyWechat, _)) = action::<ProfileAction>(&ev)
            && let Some(id) = customer.with_untracked(|c| c.as_ref().map(|c| c.wechat.clone()))
        {
            clipboard::copy(app, id, |t| t.customers.copy_failed);
        }
    };
    view! { <section class="card profile" inner_html=html on:click=on_click></section> }
}

fn timeline_html(
    t: &Texts,
    lang: Lang,
    today: NaiveDate,
    c: &Customer,
    visits: &[crate::domain::visit::Visit],
    feedback: &[crate::domain::visit::FeedbackItem],
    items: &[crate::domain::agenda::DueItem],
) -> Markup {
    let this_year = today.year();
    let mut entries = Vec::new();
    for entry in timeline(c, visits, items) {
        // A visit shows its feedback items, signature and review, and links to the record.
        let extra = match &entry.item {
            TimelineItem::Visit(v) => Some(crate::ui::components::visit_summary::timeline_markup(t, lang, v, feedback)),
            _ => None,
        };
        let (kind, text, note): (&str, String, String) = match entry.item {
            TimelineItem::Registered => ("registered", t.customers.registered_event.to_string(), String::new()),
            TimelineItem::Purchase(p) => {
                ("purchase", (t.customers.purchase_event)(&p.product, &format::price(lang, p.amount)), p.note.clone())
            }
            TimelineItem::Event(e) => {
                let (kind, text) = match &e.kind {
                    ServiceEventKind::ServiceDone => {
                        ("service", (t.labels.event_choice)(EventChoice::ServiceDone).to_string())
                    }
                    ServiceEventKind::RepairDone => {
                        ("service", (t.labels.event_choice)(EventChoice::RepairDone).to_string())
                    }
                    ServiceEventKind::IncidentHandled => {
                        ("incident", (t.labels.event_choice)(EventChoice::IncidentHandled).to_string())
                    }
                    ServiceEventKind::ComplaintRaised { severity } => {
                        ("complaint", (t.customers.complaint_event)((t.labels.severity)(*severity)))
                    }
                    ServiceEventKind::ComplaintResolved { complaint } => {
                        let raised = c
                            .events
                            .iter()
                            .find(|x| &x.id == complaint)
                            .map(|x| format::date_auto(lang, x.date, this_year))
                            .unwrap_or_default();
                        ("resolved", (t.customers.resolved_event)(&raised))
                    }
                    ServiceEventKind::ComplaintSettled { .. } => ("resolved", t.customers.settled_event.to_string()),
                };
                (kind, text, e.note.clone())
            }
            TimelineItem::Visit(v) => (
                "visit",
                (t.customers.visit_event)(
                    (t.labels.scenario)(v.scenario),
                    (t.labels.method)(v.method),
                    (t.labels.outcome)(v.method, v.outcome),
                ),
                v.content.clone(),
            ),
            TimelineItem::Tier(change) => (
                "tier",
                (t.customers.tier_event)(change.from.map(t.labels.tier), (t.labels.tier)(change.to)),
                super::tier_card::reason_text(t, &change.reason),
            ),
            TimelineItem::Missed(item) => {
                use crate::domain::agenda::{ItemStatus, LapseCause};
                let how = match &item.status {
                    ItemStatus::Superseded { .. } => t.customers.missed_superseded,
                    ItemStatus::Lapsed { cause: LapseCause::Reached { .. }, .. } => t.customers.missed_reached,
                    ItemStatus::Lapsed { cause: LapseCause::Settled, .. } => t.customers.missed_settled,
                    _ => t.customers.missed_lapsed,
                };
                let why = item
                    .reasons
                    .first()
                    .map(|r| crate::ui::components::item_text::reason(t, r, this_year))
                    .unwrap_or_default();
                ("missed", (t.customers.missed_event)((t.labels.scenario)(item.scenario), how), why)
            }
        };
        entries.push((entry.date, kind, text, note, extra));
    }
    html! {
        h2 { (t.customers.timeline) }
        ol class="timeline" id="timeline" {
            @for (date, kind, text, note, extra) in entries {
                li class={ "tl-item tl-" (kind) } {
                    time datetime=(crate::domain::date::iso(date)) { (format::date_auto(lang, date, this_year)) }
                    div {
                        p class="tl-text" { (text) }
                        @if !note.is_empty() {
                            p class="tl-note" { (note) }
                        }
                        @if let Some(extra) = extra {
                            (extra)
                        }
                    }
                }
            }
        }
    }
}

/// When this customer's next periodic care falls due (every contactable customer has one, at
/// their tier's pace; DOMAIN.md "The life of a follow-up item").
#[component]
fn NextCare(customer: Memo<Option<Customer>>) -> impl IntoView {
    let app = use_app();
    let book = use_book();
    let line = move || {
        let t = app.t();
        let today = app.today.get();
        customer.with(|c| {
            let c = c.as_ref()?;
            if c.do_not_contact {
                return None;
            }
            if c.periodic_paused {
                return Some(t.customers.care_paused.to_string());
            }
            let own = book.visits_of(app, &c.id);
            let own_feedback = book.feedback_of(app, &c.id);
            let range = crate::domain::schedule::DateRange::new(today, today + chrono::Duration::days(400));
            let next =
                crate::ui::state::schedule::schedule_of(app, std::slice::from_ref(c), &own, &own_feedback, range)
                    .into_iter()
                    .filter(|i| {
                        i.is_open()
                            && i.reasons.iter().any(|r| matches!(r, crate::domain::agenda::DueReason::Care { .. }))
                    })
                    .map(|i| i.earliest.max(today))
                    .min()?;
            Some((t.customers.next_care)(&format::date_auto(t.lang, next, today.year())))
        })
    };
    view! {
        {move || line().map(|l| view! { <p class="card next-care" id="next-care">{l}</p> })}
    }
}

/// How far back the timeline lists follow-ups that were missed.
const MISSED_DAYS: i64 = 365;

#[component]
fn Timeline(customer: Memo<Option<Customer>>) -> impl IntoView {
    let app = use_app();
    let book = use_book();
    let html = move || {
        customer.with(|c| {
            c.as_ref()
                .map(|c| {
                    let today = app.today.get();
                    // This customer's schedule over the last year, for what was missed.
                    let own = book.visits_of(app, &c.id);
                    let own_feedback = book.feedback_of(app, &c.id);
                    let from = (today - chrono::Duration::days(MISSED_DAYS)).max(c.registered_on);
                    let range = crate::domain::schedule::DateRange::new(from, today);
                    let items = crate::ui::state::schedule::schedule_of(
                        app,
                        std::slice::from_ref(c),
                        &own,
                        &own_feedback,
                        range,
                    );
                    // Every feedback item: a duplicate names its original, which may be another
                    // customer's.
                    app.feedback
                        .with(|f| timeline_html(app.t(), app.lang.get(), today, c, &own, f, &items).into_string())
                })
                .unwrap_or_default()
        })
    };
    view! { <section class="card" inner_html=html></section> }
}
