//! Recording a purchase or a service event on a customer (markup forms, see `html.rs`). Either
//! save recomputes the tier in the same write, so the tier card and its history change with the
//! purchase that caused it.

use crate::domain::customer::{Customer, Id, ServiceEventKind, Severity};
use crate::domain::customer_form::{EventChoice, EventDraft, Field, FormErrors, PurchaseDraft};
use crate::i18n::{Texts, format};
use crate::ui::components::fields::{Input, input, select};
use crate::ui::components::markup;
use crate::ui::components::markup::{action, actions};
use crate::ui::state::book::use_book;
use crate::ui::state::{new_id, use_app};
use leptos::prelude::*;
use maud::{Markup, html};

actions! {
    /// What the buttons of the purchase and event forms do (saving is the form's submit).
    pub enum RecordAction { Cancel = "cancel" }
}

const SEVERITIES: [Severity; 3] = [Severity::General, Severity::Important, Severity::Major];

fn form_actions(t: &Texts) -> Markup {
    html! {
        div class="form-actions" {
            button type="button" class="button" data-action=(RecordAction::Cancel) { (t.common.cancel) }
            button type="submit" class="button primary" { (t.common.save) }
        }
    }
}

fn purchase_html(t: &Texts, d: &PurchaseDraft, errors: &FormErrors) -> Markup {
    let c = &t.customers;
    let e = |f: Field| errors.get(f).map(|e| (c.field_error)(e));
    html! {
        div class="form-grid" {
            (input(c.date, "purchase_date", &d.date, e(Field::Date).as_deref(), "", Input::TEXT))
            (input(c.amount, "amount", &d.amount, e(Field::Amount).as_deref(), "", Input::DECIMAL))
        }
        (input(c.product, "product", &d.product, e(Field::Product).as_deref(), "", Input::TEXT))
        (input(c.note, "purchase_note", &d.note, None, "", Input::TEXT))
        (form_actions(t))
    }
}

#[component]
pub fn PurchaseForm(customer: Memo<Option<Customer>>, done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let book = use_book();
    let draft = RwSignal::new(PurchaseDraft::new(app.today.get_untracked()));
    let errors = RwSignal::new(FormErrors::default());
    let html = move || errors.with(|e| draft.with_untracked(|d| purchase_html(app.t(), d, e).into_string()));
    let read = move |root: &web_sys::Element| PurchaseDraft {
        date: markup::field_value(root, "purchase_date"),
        amount: markup::field_value(root, "amount"),
        product: markup::field_value(root, "product"),
        note: markup::field_value(root, "purchase_note"),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(root), Some(mut c)) = (markup::current(&ev), customer.get_untracked()) else { return };
        let d = read(&root);
        let parsed = d.parse(new_id(), app.today.get_untracked());
        draft.set(d);
        match parsed {
            Err(e) => {
                errors.set(e);
                markup::focus_first_error();
            }
            Ok(purchase) => {
                c.purchases.push(purchase);
                book.save_customer(app, c, move |_| {
                    app.toast(|t| t.customers.purchase_saved);
                    done.run(());
                });
            }
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some((RecordAction::Cancel, _)) = action::<RecordAction>(&ev) {
            done.run(());
        }
    };
    view! { <form class="form record-form" id="purchase-form" novalidate inner_html=html on:submit=on_submit on:click=on_click></form> }
}

fn event_html(
    t: &Texts,
    lang: crate::i18n::Lang,
    d: &EventDraft,
    errors: &FormErrors,
    open: &[(Id, chrono::NaiveDate, Severity, String)],
) -> Markup {
    let c = &t.customers;
    let e = |f: Field| errors.get(f).map(|e| (c.field_error)(e));
    let kinds: Vec<_> = EventChoice::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| (i.to_string(), (t.labels.event_choice)(*k).to_string(), d.kind == *k))
        .collect();
    let extra = match d.kind {
        EventChoice::ComplaintRaised => {
            let options: Vec<_> = SEVERITIES
                .iter()
                .enumerate()
                .map(|(i, s)| (i.to_string(), (t.labels.severity)(*s).to_string(), d.severity == Some(*s)))
                .collect();
            select(c.severity, "severity", &options, None)
        }
        EventChoice::ComplaintResolved if open.is_empty() => {
            html! { p class="field-error" id="no-open-complaint" { (c.no_open_complaint) } }
        }
        EventChoice::ComplaintResolved => {
            let options: Vec<_> = open
                .iter()
                .map(|(id, date, severity, note)| {
                    let text =
                        (c.complaint_option)(&format::date_long(lang, *date), (t.labels.severity)(*severity), note);
                    (id.to_string(), text, d.complaint == *id)
                })
                .collect();
            select(c.complaint, "complaint", &options, e(Field::Complaint).as_deref())
        }
        _ => html! {},
    };
    html! {
        div class="form-grid" {
            (select(c.event_kind, "event_kind", &kinds, None))
            (input(c.date, "event_date", &d.date, e(Field::Date).as_deref(), "", Input::TEXT))
        }
        (extra)
        (input(c.note, "event_note", &d.note, None, "", Input::TEXT))
        (form_actions(t))
    }
}

#[component]
pub fn EventForm(customer: Memo<Option<Customer>>, done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let book = use_book();
    let draft = RwSignal::new(EventDraft::new(app.today.get_untracked()));
    let errors = RwSignal::new(FormErrors::default());
    let open_complaints = Memo::new(move |_| {
        customer.with(|c| {
            c.as_ref()
                .map(|c| {
                    c.open_complaints()
                        .into_iter()
                        .map(|e| {
                            let severity = match e.kind {
                                ServiceEventKind::ComplaintRaised { severity } => severity,
                                _ => Severity::General,
                            };
                            (e.id.clone(), e.date, severity, e.note.clone())
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let html = move || {
        errors.with(|e| {
            draft.with(|d| open_complaints.with(|o| event_html(app.t(), app.lang.get(), d, e, o).into_string()))
        })
    };
    let read = move |root: &web_sys::Element| EventDraft {
        date: markup::field_value(root, "event_date"),
        kind: markup::field_value(root, "event_kind")
            .parse::<usize>()
            .ok()
            .and_then(|i| EventChoice::ALL.get(i).copied())
            .unwrap_or_default(),
        severity: markup::field_value(root, "severity")
            .parse::<usize>()
            .ok()
            .and_then(|i| SEVERITIES.get(i).copied())
            .or(Some(Severity::General)),
        complaint: markup::field_value(root, "complaint"),
        note: markup::field_value(root, "event_note"),
    };
    // Changing the kind shows its own fields (severity, the complaint to close).
    let on_change = move |ev: leptos::ev::Event| {
        let Some(root) = markup::current(&ev) else { return };
        if markup::target_element(&ev).and_then(|t| t.get_attribute("name")).as_deref() == Some("event_kind") {
            let d = read(&root);
            errors.set(FormErrors::default());
            draft.set(d);
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(root), Some(mut c)) = (markup::current(&ev), customer.get_untracked()) else { return };
        let d = read(&root);
        let parsed = d.parse(new_id(), &c, app.today.get_untracked());
        draft.update_untracked(|old| *old = d);
        match parsed {
            Err(e) => {
                errors.set(e);
                markup::focus_first_error();
            }
            Ok(event) => {
                c.events.push(event);
                book.save_customer(app, c, move |_| {
                    app.toast(|t| t.customers.event_saved);
                    done.run(());
                });
            }
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some((RecordAction::Cancel, _)) = action::<RecordAction>(&ev) {
            done.run(());
        }
    };
    view! {
        <form class="form record-form" id="event-form" novalidate inner_html=html
            on:change=on_change on:submit=on_submit on:click=on_click></form>
    }
}
