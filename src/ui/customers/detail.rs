//! One customer: profile with direct contact links, tier card, forms to record a purchase or a
//! service event, the whole timeline, and delete with undo.

use super::records::{EventForm, PurchaseForm};
use super::tier_card::TierCard;
use super::{DemoBanner, TierBadge, remember, use_book};
use crate::domain::customer::{Customer, ServiceEventKind, TierChangeReason};
use crate::domain::timeline::{TimelineItem, timeline};
use crate::i18n::format;
use crate::store::Batch;
use crate::ui::components::{ConfirmDialog, Icon, IconName, tx};
use crate::ui::route::Route;
use crate::ui::state::{AppState, use_app};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn CustomerDetail(id: String) -> impl IntoView {
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
    let confirm_delete = RwSignal::new(false);
    let adding = RwSignal::new(None::<bool>);
    let edit_href = Route::CustomerEdit(id.clone()).href();

    view! {
        <header class="page-header customer-header">
            <h1>
                <span id="customer-name">{move || get().name}</span>
                {move || {
                    let c = get();
                    (c.honorific != crate::domain::customer::Honorific::None)
                        .then(|| view! { <span class="honorific">{move || (app.t().labels.honorific)(c.honorific)}</span> })
                }}
                {move || assessment.get().map(|a| view! { <TierBadge tier=a.effective /> })}
                {move || get().demo.then(|| view! { <span class="badge demo">{tx(|t| t.common.demo_badge)}</span> })}
            </h1>
            <div class="page-actions">
                <a class="button" href=edit_href id="edit-customer">{tx(|t| t.common.edit)}</a>
                <button class="button" id="delete-customer" on:click=move |_| confirm_delete.set(true)>{tx(|t| t.common.delete)}</button>
            </div>
        </header>
        <ConfirmDialog
            open=confirm_delete
            title=Signal::derive(move || (app.t().customers.delete_title)(&get().name))
            body=Signal::derive(move || app.t().customers.delete_body.to_string())
            confirm_label=Signal::derive(move || app.t().common.delete.to_string())
            on_confirm=Callback::new(move |_| delete_with_undo(app, book, get()))
        />
        <div class="customer-layout">
            <div class="customer-side">
                <Profile customer=customer />
                <TierCard customer=customer assessment=assessment />
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
fn delete_with_undo(app: AppState, book: super::CustomerBook, customer: Customer) {
    let visits: Vec<_> = app.visits.with_untracked(|v| v.iter().filter(|v| v.customer_id == customer.id).cloned().collect());
    let feedback: Vec<_> = app.feedback.with_untracked(|f| f.iter().filter(|f| f.customer_id == customer.id).cloned().collect());
    let mut batch = Batch::new();
    batch.delete(&customer);
    for v in &visits {
        batch.delete(v);
    }
    for f in &feedback {
        batch.delete(f);
    }
    app.commit(batch, move || {
        let id = customer.id.clone();
        app.customers.update(|c| c.retain(|c| c.id != id));
        app.visits.update(|v| v.retain(|v| v.customer_id != id));
        app.feedback.update(|f| f.retain(|f| f.customer_id != id));
        Route::Customers.go();
        let t = app.t_now();
        let token = app.toast_with_action((t.customers.deleted)(&customer.name), t.common.undo);
        book.on_toast_action(token, move || {
            let mut batch = Batch::new();
            batch.put(&customer);
            for v in &visits {
                batch.put(v);
            }
            for f in &feedback {
                batch.put(f);
            }
            app.commit(batch, move || {
                let name = customer.name.clone();
                let id = customer.id.clone();
                remember(app, vec![customer]);
                app.visits.update(|v| v.extend(visits));
                app.feedback.update(|f| f.extend(feedback));
                app.toast((app.t_now().customers.restored)(&name));
                Route::Customer(id).go();
            });
        });
    });
}

/// Copies `text` with the Clipboard API, falling back to a selected hidden field and
/// `execCommand('copy')` where the API is missing (plain http, older WebViews).
fn copy_text(app: AppState, text: String) {
    let window = match web_sys::window() {
        Some(w) => w,
        None => return,
    };
    let has_api = js_sys::Reflect::get(&window.navigator(), &"clipboard".into()).is_ok_and(|c| !c.is_undefined());
    if has_api {
        let promise = window.navigator().clipboard().write_text(&text);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => {
                    app.toast(app.t_now().common.copied);
                }
                Err(_) => {
                    app.toast_error(app.t_now().customers.copy_failed);
                }
            }
        });
        return;
    }
    let copied = (|| {
        let doc = window.document()?;
        let input: web_sys::HtmlInputElement = doc.create_element("input").ok()?.dyn_into().ok()?;
        input.set_value(&text);
        let _ = input.set_attribute("style", "position:fixed;opacity:0");
        doc.body()?.append_child(&input).ok()?;
        input.select();
        let exec = js_sys::Reflect::get(&doc, &"execCommand".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
        let ok = exec.call1(&doc, &"copy".into()).ok()?.as_bool();
        input.remove();
        ok
    })();
    if copied == Some(true) {
        app.toast(app.t_now().common.copied);
    } else {
        app.toast_error(app.t_now().customers.copy_failed);
    }
}

#[component]
fn Profile(customer: Memo<Option<Customer>>) -> impl IntoView {
    let app = use_app();
    let row = move |label: fn(&crate::i18n::Texts) -> &'static str, value: AnyView| {
        view! {
            <div class="prow">
                <dt>{move || label(app.t())}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    move || {
        let Some(c) = customer.get() else { return ().into_any() };
        let lang = app.lang.get();
        let t = app.t();
        let not_given = move || view! { <span class="muted">{tx(|t| t.customers.not_given)}</span> };
        let phones = if c.phones.is_empty() {
            not_given().into_any()
        } else {
            c.phones
                .iter()
                .map(|p| {
                    let tel = format!("tel:{}", p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>());
                    let label = (t.customers.call)(p);
                    view! { <a class="contact-link" href=tel aria-label=label><Icon name=IconName::Phone />{p.clone()}</a> }
                })
                .collect_view()
                .into_any()
        };
        let wechat = if c.wechat.is_empty() {
            not_given().into_any()
        } else {
            let id = c.wechat.clone();
            view! {
                <span class="wechat">
                    <span class="selectable" id="wechat-id">{id.clone()}</span>
                    <button class="button small" id="copy-wechat" aria-label=t.customers.copy_wechat
                        on:click=move |_| copy_text(app, id.clone())>{t.common.copy}</button>
                </span>
            }
            .into_any()
        };
        let email = if c.email.is_empty() {
            not_given().into_any()
        } else {
            view! { <a href=format!("mailto:{}", c.email)>{c.email.clone()}</a> }.into_any()
        };
        let text_or = |s: &str| if s.is_empty() { not_given().into_any() } else { s.to_string().into_any() };
        let birthday = match c.birthday {
            None => not_given().into_any(),
            Some(b) => view! {
                {format::date_long(lang, b.date)}
                {b.lunar.then(|| view! { " " <span class="badge">{t.customers.lunar_badge}</span> })}
            }
            .into_any(),
        };
        let preferred = {
            let mut parts: Vec<&str> = Vec::new();
            if let Some(m) = c.preferred_method {
                parts.push((t.labels.method)(m));
            }
            if !c.preferred_time.is_empty() {
                parts.push(&c.preferred_time);
            }
            text_or(&parts.join(" · "))
        };
        let tags = if c.tags.is_empty() {
            not_given().into_any()
        } else {
            c.tags.iter().map(|tag| view! { <span class="badge tag">{tag.clone()}</span> }).collect_view().into_any()
        };
        view! {
            <section class="card profile">
                <h2>{t.customers.profile}</h2>
                {c.do_not_contact.then(|| view! { <p class="warning-text" id="dnc-note">{t.customers.do_not_contact_note}</p> })}
                <dl>
                    {row(|t| t.customers.phones, phones)}
                    {row(|t| t.customers.wechat, wechat)}
                    {row(|t| t.customers.email, email)}
                    {row(|t| t.customers.address, text_or(&c.address))}
                    {row(|t| t.customers.birthday, birthday)}
                    {row(|t| t.customers.registered_on, format::date_long(lang, c.registered_on).into_any())}
                    {row(|t| t.customers.source, text_or(&c.source))}
                    {row(|t| t.customers.need, (t.labels.need)(c.need).into_any())}
                    {row(|t| t.customers.tags, tags)}
                    {row(|t| t.customers.preferred_contact, preferred)}
                    {row(|t| t.customers.notes, text_or(&c.notes))}
                </dl>
            </section>
        }
        .into_any()
    }
}

#[component]
fn Timeline(customer: Memo<Option<Customer>>) -> impl IntoView {
    let app = use_app();
    move || {
        let Some(c) = customer.get() else { return ().into_any() };
        let lang = app.lang.get();
        let t = app.t();
        let this_year = chrono::Datelike::year(&app.today.get());
        let items = app.visits.with(|visits| {
            timeline(&c, visits)
                .into_iter()
                .map(|entry| {
                    let (kind, text, note): (&str, String, String) = match entry.item {
                        TimelineItem::Registered => ("registered", t.customers.registered_event.to_string(), String::new()),
                        TimelineItem::Purchase(p) => (
                            "purchase",
                            (t.customers.purchase_event)(&p.product, &format::money(lang, p.amount)),
                            p.note.clone(),
                        ),
                        TimelineItem::Event(e) => {
                            let text = match &e.kind {
                                ServiceEventKind::ServiceDone => (t.labels.event_choice)(crate::domain::customer_form::EventChoice::ServiceDone).to_string(),
                                ServiceEventKind::RepairDone => (t.labels.event_choice)(crate::domain::customer_form::EventChoice::RepairDone).to_string(),
                                ServiceEventKind::IncidentHandled => (t.labels.event_choice)(crate::domain::customer_form::EventChoice::IncidentHandled).to_string(),
                                ServiceEventKind::ComplaintRaised { severity } => (t.customers.complaint_event)((t.labels.severity)(*severity)),
                                ServiceEventKind::ComplaintResolved { complaint } => {
                                    let raised = c.events.iter().find(|x| &x.id == complaint).map(|x| format::date_auto(lang, x.date, this_year)).unwrap_or_default();
                                    (t.customers.resolved_event)(&raised)
                                }
                                ServiceEventKind::ComplaintSettled { .. } => t.customers.settled_event.to_string(),
                            };
                            let kind = match e.kind {
                                ServiceEventKind::ComplaintRaised { .. } => "complaint",
                                ServiceEventKind::ComplaintResolved { .. } | ServiceEventKind::ComplaintSettled { .. } => "resolved",
                                ServiceEventKind::IncidentHandled => "incident",
                                _ => "service",
                            };
                            (kind, text, e.note.clone())
                        }
                        TimelineItem::Visit(v) => (
                            "visit",
                            (t.customers.visit_event)((t.labels.scenario)(v.scenario), (t.labels.method)(v.method), (t.labels.outcome)(v.outcome)),
                            v.content.clone(),
                        ),
                        TimelineItem::Tier(change) => {
                            let reason = match &change.reason {
                                TierChangeReason::Computed => t.tiers.reason_computed.to_string(),
                                TierChangeReason::Override { note } => (t.tiers.reason_override)(note),
                                TierChangeReason::OverrideCleared => t.tiers.reason_cleared.to_string(),
                                TierChangeReason::NoAnswerDemotion => t.tiers.reason_no_answer.to_string(),
                            };
                            ("tier", (t.customers.tier_event)(change.from.map(t.labels.tier), (t.labels.tier)(change.to)), reason)
                        }
                    };
                    view! {
                        <li class=format!("tl-item tl-{kind}")>
                            <time datetime=crate::domain::date::iso(entry.date)>{format::date_auto(lang, entry.date, this_year)}</time>
                            <div>
                                <p class="tl-text">{text}</p>
                                {(!note.is_empty()).then(|| view! { <p class="tl-note">{note}</p> })}
                            </div>
                        </li>
                    }
                })
                .collect_view()
        });
        view! {
            <section class="card">
                <h2>{t.customers.timeline}</h2>
                <ol class="timeline" id="timeline">{items}</ol>
            </section>
        }
        .into_any()
    }
}
