//! Adding and editing a customer. The form is markup rendered from the draft and its errors (see
//! `html.rs` for why); on submit it is read back, parsed by the domain, and either saved or shown
//! again with each error under its field in the user's language, the first bad field focused.

use super::conflict::{Conflict, ConflictPanel};
use crate::domain::customer::{ContactMethod, Customer, Honorific, Id, NeedType};
use crate::domain::customer_form::{CustomerDraft, Field, FormErrors};
use crate::domain::tiering;
use crate::i18n::Texts;
use crate::ui::components::demo::DemoBlocker;
use crate::ui::components::fields::{Input, checkbox, input, select};
use crate::ui::components::markup;
use crate::ui::components::markup::{action, actions};
use crate::ui::components::tx;
use crate::ui::route::Route;
use crate::ui::state::book::use_book;
use crate::ui::state::{Changes, local_now, new_id, use_app};
use leptos::prelude::*;
use maud::{Markup, html};

actions! {
    /// What the customer form's buttons do.
    pub enum CustomerFormAction { AddPhone = "add-phone", RemovePhone = "remove-phone" }
}

fn error_text(t: &Texts, errors: &FormErrors, field: Field) -> Option<String> {
    errors.get(field).map(|e| (t.customers.field_error)(e))
}

fn form_html(t: &Texts, d: &CustomerDraft, errors: &FormErrors, cancel_href: &str) -> Markup {
    let c = &t.customers;
    let e = |f: Field| error_text(t, errors, f);
    let honorifics: Vec<_> = [(Honorific::None, "none"), (Honorific::Mr, "mr"), (Honorific::Ms, "ms")]
        .iter()
        .map(|(h, v)| (v.to_string(), (t.labels.honorific)(*h).to_string(), d.honorific == *h))
        .collect();
    let needs: Vec<_> = NeedType::ALL
        .iter()
        .enumerate()
        .map(|(i, n)| (i.to_string(), (t.labels.need)(*n).to_string(), d.need == *n))
        .collect();
    let mut methods = vec![(String::new(), c.any_method.to_string(), d.preferred_method.is_none())];
    methods.extend(
        ContactMethod::ALL
            .iter()
            .enumerate()
            .map(|(i, m)| (i.to_string(), (t.labels.method)(*m).to_string(), d.preferred_method == Some(*m))),
    );
    let phones = d.phones.len();
    html! {
        div class="form-grid" {
            (input(&format!("{} *", c.name), "name", &d.name, e(Field::Name).as_deref(), "", Input::TEXT.autocomplete("name")))
            (select(c.honorific, "honorific", &honorifics, None))
        }
        fieldset class="phones" {
            @for (i, p) in d.phones.iter().enumerate() {
                @let name = if i == 0 { "phone".to_string() } else { format!("phone-{i}") };
                @let label = if phones > 1 { format!("{} {}", c.phone, i + 1) } else { c.phone.to_string() };
                div class="phone-row" {
                    (input(&label, &name, p, e(Field::Phone(i)).as_deref(), "", Input::TEL))
                    @if phones > 1 {
                        button type="button" class="button subtle small" data-action=(CustomerFormAction::RemovePhone)
                            data-index=(i) { (c.remove_phone) }
                    }
                }
            }
            button type="button" class="button subtle small" id="add-phone" data-action=(CustomerFormAction::AddPhone) {
                (c.add_phone)
            }
        }
        div class="form-grid" {
            (input(c.wechat_id, "wechat", &d.wechat, None, "", Input::TEXT))
            (input(c.email, "email", &d.email, e(Field::Email).as_deref(), "", Input::EMAIL))
        }
        (input(c.address, "address", &d.address, None, "", Input::TEXT.autocomplete("street-address")))
        div class="form-grid" {
            div class="field-group" {
                (input(c.birthday, "birthday", &d.birthday, e(Field::Birthday).as_deref(), c.birthday_hint, Input::TEXT))
                (checkbox(c.lunar, "lunar", d.birthday_lunar))
            }
            (input(
                &format!("{} *", c.registered_on),
                "registered_on",
                &d.registered_on,
                e(Field::RegisteredOn).as_deref(),
                "",
                Input::TEXT,
            ))
        }
        div class="form-grid" {
            (input(c.source, "source", &d.source, None, "", Input::TEXT))
            (select(c.need, "need", &needs, None))
        }
        (input(c.tags, "tags", &d.tags, None, c.tags_hint, Input::TEXT))
        div class="form-grid" {
            (select(c.preferred_method, "preferred_method", &methods, None))
            (input(c.preferred_time, "preferred_time", &d.preferred_time, None, c.preferred_time_hint, Input::TEXT))
        }
        (checkbox(c.do_not_contact, "do_not_contact", d.do_not_contact))
        label class="field" {
            span { (c.notes) }
            textarea name="notes" { (d.notes) }
        }
        div class="form-actions" {
            a class="button" href=(cancel_href) { (t.common.cancel) }
            button type="submit" class="button primary" { (t.common.save) }
        }
    }
}

fn read_form(root: &web_sys::Element, phones: usize) -> CustomerDraft {
    let v = |name: &str| markup::field_value(root, name);
    CustomerDraft {
        name: v("name"),
        honorific: match v("honorific").as_str() {
            "mr" => Honorific::Mr,
            "ms" => Honorific::Ms,
            _ => Honorific::None,
        },
        phones: (0..phones).map(|i| if i == 0 { v("phone") } else { v(&format!("phone-{i}")) }).collect(),
        email: v("email"),
        wechat: v("wechat"),
        address: v("address"),
        birthday: v("birthday"),
        birthday_lunar: markup::is_checked(root, "[name=lunar]"),
        registered_on: v("registered_on"),
        source: v("source"),
        tags: v("tags"),
        need: v("need").parse::<usize>().ok().and_then(|i| NeedType::ALL.get(i).copied()).unwrap_or_default(),
        preferred_method: v("preferred_method").parse::<usize>().ok().and_then(|i| ContactMethod::ALL.get(i).copied()),
        preferred_time: v("preferred_time"),
        do_not_contact: markup::is_checked(root, "[name=do_not_contact]"),
        notes: v("notes"),
    }
}

#[component]
pub fn CustomerForm(id: Option<Id>) -> impl IntoView {
    let app = use_app();
    let book = use_book();
    let existing: Option<Customer> =
        id.as_ref().and_then(|id| app.customers.with_untracked(|c| c.iter().find(|c| &c.id == id).cloned()));
    let editing = id.is_some();
    if editing && existing.is_none() {
        return view! { <p class="empty-state">{tx(|t| t.customers.not_found)}</p> }.into_any();
    }
    let today = app.today.get_untracked();
    let draft =
        RwSignal::new(existing.as_ref().map(CustomerDraft::from_customer).unwrap_or_else(|| CustomerDraft::new(today)));
    let errors = RwSignal::new(FormErrors::default());
    // The version the draft started from: what a conflict's merge compares both sides with.
    let base = StoredValue::new(draft.get_untracked());
    let conflict = RwSignal::new(None::<Conflict>);
    let saving = StoredValue::new(false);
    let existing = StoredValue::new(existing);
    let cancel_href = StoredValue::new(match &id {
        Some(id) => Route::Customer(id.clone()).href(),
        None => Route::Customers.href(),
    });
    let html = move || {
        errors.with(|e| draft.with(|d| cancel_href.with_value(|href| form_html(app.t(), d, e, href).into_string())))
    };

    // Typing is not re-rendered; the draft follows it quietly so that a language switch, which
    // re-renders the form, keeps what was typed.
    let sync = move |root: &web_sys::Element| {
        let phones = draft.with_untracked(|d| d.phones.len());
        let d = read_form(root, phones);
        draft.update_untracked(|old| *old = d);
    };
    let on_input = move |ev: leptos::ev::Event| {
        if let Some(root) = markup::current(&ev) {
            sync(&root);
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((action, el)) = action::<CustomerFormAction>(&ev) else { return };
        let Some(root) = markup::current(&ev) else { return };
        sync(&root);
        match action {
            CustomerFormAction::AddPhone => draft.update(|d| d.phones.push(String::new())),
            CustomerFormAction::RemovePhone => {
                let i = el.get_attribute("data-index").and_then(|i| i.parse::<usize>().ok());
                draft.update(|d| {
                    if let Some(i) = i.filter(|i| *i < d.phones.len() && d.phones.len() > 1) {
                        d.phones.remove(i);
                    }
                });
            }
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(root) = markup::current(&ev) else { return };
        sync(&root);
        if saving.get_value() {
            return;
        }
        let today = app.today.get_untracked();
        let fields = match draft.with_untracked(|d| d.parse(today)) {
            Ok(fields) => fields,
            Err(e) => {
                // Re-render with the errors (and what was typed), then focus the first.
                errors.set(e);
                markup::focus_first_error();
                return;
            }
        };
        if !errors.with_untracked(FormErrors::is_empty) {
            errors.set(FormErrors::default());
        }
        let now = local_now();
        let stored = existing.get_value();
        let mut customer =
            stored.clone().unwrap_or_else(|| Customer { id: new_id(), created_at: now, ..Customer::default() });
        fields.apply_to(&mut customer);
        customer.updated_at = now;
        let own = book.visits_of_untracked(app, &customer.id);
        app.settings.with_untracked(|s| tiering::record_edit(stored.as_ref(), &mut customer, &own, &s.tiers, today));
        let mut changes = Changes::new();
        let saved = changes.save(&customer);
        saving.set_value(true);
        leptos::task::spawn_local(async move {
            let result = app.apply(changes).await;
            let ok = result.is_ok();
            // A failure has been shown by `apply`; the form stays filled for another try. After a
            // conflict (another tab saved this customer), what only the other tab changed is
            // merged into the form, what both changed is shown side by side for the user to
            // choose, and the next save is based on the version now stored.
            if let (Err(crate::store::StorageError::Conflict { .. }), Some(db)) = (&result, app.database())
                && let Ok(Some(fresh)) = db.get::<Customer>(&saved.id).await
            {
                let theirs = CustomerDraft::from_customer(&fresh);
                let merge = draft.with_untracked(|mine| base.with_value(|b| mine.merge(b, &theirs)));
                draft.try_set(merge.draft.clone());
                conflict.try_set(Some(Conflict::new(theirs.clone(), &merge)));
                base.try_set_value(theirs);
                existing.try_set_value(Some(fresh));
                markup::scroll_to("#customer-conflict");
            }
            saving.try_set_value(false);
            if ok {
                conflict.try_set(None);
                let name = saved.name.clone();
                let id = saved.id.clone();
                app.toast(move |t| if editing { t.common.saved.to_string() } else { (t.customers.created)(&name) });
                Route::Customer(id).go();
            }
        });
    };

    view! {
        <header class="page-header">
            <h1>{move || if editing { app.t().customers.edit_title } else { app.t().customers.new_title }}</h1>
        </header>
        <Show when=move || editing || !book.has_demo.get() fallback=DemoBlocker>
            <ConflictPanel conflict draft />
            <form class="card form customer-form" novalidate inner_html=html on:input=on_input on:click=on_click on:submit=on_submit></form>
        </Show>
    }
    .into_any()
}
