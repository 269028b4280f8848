//! Recording a purchase or a service event on a customer. Either save recomputes the tier in the
//! same write, so the tier card and its history change with the purchase that caused it.

use super::form::{TextField, focus_first_error};
use super::save_customer;
use crate::domain::customer::{Customer, Severity};
use crate::domain::customer_form::{EventChoice, EventDraft, Field, FieldError, FormErrors, PurchaseDraft};
use crate::i18n::format;
use crate::ui::state::{new_id, use_app};
use crate::ui::components::tx;
use leptos::prelude::*;

#[component]
pub fn PurchaseForm(customer: Memo<Option<Customer>>, done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let draft = RwSignal::new(PurchaseDraft::new(app.today.get_untracked()));
    let errors = RwSignal::new(FormErrors::default());
    let message = move |field: Field| {
        Signal::derive(move || errors.with(|e| e.get(field).map(|e: &FieldError| (app.t().customers.field_error)(e))))
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(mut c) = customer.get_untracked() else { return };
        match draft.with_untracked(|d| d.parse(new_id(), app.today.get_untracked())) {
            Err(e) => {
                errors.set(e);
                focus_first_error();
            }
            Ok(purchase) => {
                errors.set(FormErrors::default());
                c.purchases.push(purchase);
                save_customer(app, c, move |_| {
                    app.toast(app.t_now().customers.purchase_saved);
                    done.run(());
                });
            }
        }
    };
    view! {
        <form class="form record-form" id="purchase-form" novalidate on:submit=on_submit>
            <div class="form-grid">
                <TextField label=Signal::derive(tx(|t| t.customers.date)) name="purchase_date"
                    value=Signal::derive(move || draft.with(|d| d.date.clone()))
                    on_input=Callback::new(move |v| draft.update(|d| d.date = v)) error=message(Field::Date) />
                <TextField label=Signal::derive(tx(|t| t.customers.amount)) name="amount" inputmode="decimal"
                    value=Signal::derive(move || draft.with(|d| d.amount.clone()))
                    on_input=Callback::new(move |v| draft.update(|d| d.amount = v)) error=message(Field::Amount) />
            </div>
            <TextField label=Signal::derive(tx(|t| t.customers.product)) name="product"
                value=Signal::derive(move || draft.with(|d| d.product.clone()))
                on_input=Callback::new(move |v| draft.update(|d| d.product = v)) error=message(Field::Product) />
            <TextField label=Signal::derive(tx(|t| t.customers.note)) name="purchase_note"
                value=Signal::derive(move || draft.with(|d| d.note.clone()))
                on_input=Callback::new(move |v| draft.update(|d| d.note = v)) />
            <div class="form-actions">
                <button type="button" class="button" on:click=move |_| done.run(())>{tx(|t| t.common.cancel)}</button>
                <button type="submit" class="button primary">{tx(|t| t.common.save)}</button>
            </div>
        </form>
    }
}

#[component]
pub fn EventForm(customer: Memo<Option<Customer>>, done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let draft = RwSignal::new(EventDraft::new(app.today.get_untracked()));
    let errors = RwSignal::new(FormErrors::default());
    let message = move |field: Field| {
        Signal::derive(move || errors.with(|e| e.get(field).map(|e: &FieldError| (app.t().customers.field_error)(e))))
    };
    let open_complaints = Memo::new(move |_| {
        customer.with(|c| {
            c.as_ref()
                .map(|c| {
                    c.open_complaints()
                        .into_iter()
                        .map(|e| {
                            let severity = match e.kind {
                                crate::domain::customer::ServiceEventKind::ComplaintRaised { severity } => severity,
                                _ => Severity::General,
                            };
                            (e.id.clone(), e.date, severity, e.note.clone())
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(mut c) = customer.get_untracked() else { return };
        let mut d = draft.get_untracked();
        // The select shows the first open complaint until the user picks another.
        if d.kind == EventChoice::ComplaintResolved && d.complaint.is_empty() {
            d.complaint = open_complaints.with_untracked(|o| o.first().map(|x| x.0.clone()).unwrap_or_default());
        }
        match d.parse(new_id(), &c, app.today.get_untracked()) {
            Err(e) => {
                errors.set(e);
                focus_first_error();
            }
            Ok(event) => {
                errors.set(FormErrors::default());
                c.events.push(event);
                save_customer(app, c, move |_| {
                    app.toast(app.t_now().customers.event_saved);
                    done.run(());
                });
            }
        }
    };
    let kind = move || draft.with(|d| d.kind);
    view! {
        <form class="form record-form" id="event-form" novalidate on:submit=on_submit>
            <div class="form-grid">
                <label class="field">
                    <span>{tx(|t| t.customers.event_kind)}</span>
                    <select name="event_kind" on:change:target=move |ev| {
                        let k = ev.target().value().parse::<usize>().ok().and_then(|i| EventChoice::ALL.get(i).copied()).unwrap_or_default();
                        draft.update(|d| d.kind = k);
                        errors.set(FormErrors::default());
                    }>
                        {EventChoice::ALL.into_iter().enumerate().map(|(i, k)| view! {
                            <option value=i.to_string() prop:selected=move || kind() == k>{move || (app.t().labels.event_choice)(k)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <TextField label=Signal::derive(tx(|t| t.customers.date)) name="event_date"
                    value=Signal::derive(move || draft.with(|d| d.date.clone()))
                    on_input=Callback::new(move |v| draft.update(|d| d.date = v)) error=message(Field::Date) />
            </div>
            <Show when=move || kind() == EventChoice::ComplaintRaised>
                <fieldset class="field">
                    <legend>{tx(|t| t.customers.severity)}</legend>
                    <div class="segmented" role="radiogroup">
                        {[Severity::General, Severity::Important, Severity::Major].into_iter().map(|s| view! {
                            <button type="button" role="radio" data-severity=format!("{s:?}").to_lowercase()
                                aria-checked=move || (draft.with(|d| d.severity) == Some(s)).to_string()
                                class:selected=move || draft.with(|d| d.severity) == Some(s)
                                on:click=move |_| draft.update(|d| d.severity = Some(s))>
                                {move || (app.t().labels.severity)(s)}
                            </button>
                        }).collect_view()}
                    </div>
                </fieldset>
            </Show>
            <Show when=move || kind() == EventChoice::ComplaintResolved>
                {move || if open_complaints.with(Vec::is_empty) {
                    view! { <p class="field-error" id="no-open-complaint">{tx(|t| t.customers.no_open_complaint)}</p> }.into_any()
                } else {
                    let lang = app.lang.get();
                    view! {
                        <label class="field" class:invalid=move || errors.with(|e| e.get(Field::Complaint).is_some())>
                            <span>{tx(|t| t.customers.complaint)}</span>
                            <select name="complaint" on:change:target=move |ev| draft.update(|d| d.complaint = ev.target().value())>
                                {open_complaints.get().into_iter().map(|(id, date, severity, note)| {
                                    let value = id.clone();
                                    view! {
                                        <option value=value prop:selected=move || draft.with(|d| d.complaint == id)>
                                            {(app.t().customers.complaint_option)(&format::date_long(lang, date), (app.t().labels.severity)(severity), &note)}
                                        </option>
                                    }
                                }).collect_view()}
                            </select>
                            {move || message(Field::Complaint).get().map(|e| view! { <span class="field-error">{e}</span> })}
                        </label>
                    }.into_any()
                }}
            </Show>
            <TextField label=Signal::derive(tx(|t| t.customers.note)) name="event_note"
                value=Signal::derive(move || draft.with(|d| d.note.clone()))
                on_input=Callback::new(move |v| draft.update(|d| d.note = v)) />
            <div class="form-actions">
                <button type="button" class="button" on:click=move |_| done.run(())>{tx(|t| t.common.cancel)}</button>
                <button type="submit" class="button primary">{tx(|t| t.common.save)}</button>
            </div>
        </form>
    }
}
