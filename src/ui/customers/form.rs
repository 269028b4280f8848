//! Adding and editing a customer. The draft is parsed by the domain on submit; each error is shown
//! under its field in the user's language and the first bad field gets the focus.

use super::demo::DemoBlocker;
use super::{remember, use_book};
use crate::domain::customer::{ContactMethod, Customer, Honorific, NeedType};
use crate::domain::customer_form::{CustomerDraft, Field, FieldError, FormErrors};
use crate::domain::tiering;
use crate::store::Batch;
use crate::ui::route::Route;
use crate::ui::state::{local_now, new_id, use_app};
use crate::ui::components::tx;
use leptos::prelude::*;

/// A labelled text input with its error and hint. `error` is already in the user's language.
#[component]
pub(super) fn TextField(
    #[prop(into)] label: Signal<&'static str>,
    name: &'static str,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] inputmode: &'static str,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let error = error.unwrap_or_else(|| Signal::derive(|| None::<String>));
    let error_id = format!("{name}-error");
    let described = error_id.clone();
    view! {
        <label class="field" class:invalid=move || error.with(Option::is_some)>
            <span>{move || label.get()}{required.then_some(" *")}</span>
            <input
                type=kind
                name=name
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                placeholder=move || hint.map(|h| h.get())
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=move || error.with(Option::is_some).then(|| described.clone())
                prop:value=move || value.get()
                on:input:target=move |ev| on_input.run(ev.target().value())
            />
            {move || error.get().map(|e| view! { <span class="field-error" id=error_id.clone()>{e}</span> })}
        </label>
    }
}

/// Focuses the first field marked invalid, so that a keyboard user lands on what to fix.
pub(super) fn focus_first_error() {
    request_animation_frame(|| {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        if let Ok(Some(el)) = doc.query_selector(".field.invalid input, .field.invalid select, .field.invalid textarea") {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    });
}

#[component]
pub fn CustomerForm(id: Option<String>) -> impl IntoView {
    let app = use_app();
    let book = use_book();
    let existing: Option<Customer> = id.as_ref().and_then(|id| app.customers.with_untracked(|c| c.iter().find(|c| &c.id == id).cloned()));
    let editing = id.is_some();
    let missing = editing && existing.is_none();
    let today = app.today.get_untracked();
    let draft = RwSignal::new(existing.as_ref().map(CustomerDraft::from_customer).unwrap_or_else(|| CustomerDraft::new(today)));
    let errors = RwSignal::new(FormErrors::default());
    let saving = RwSignal::new(false);
    let existing = StoredValue::new(existing);

    let message = move |field: Field| {
        Signal::derive(move || errors.with(|e| e.get(field).map(|e: &FieldError| (app.t().customers.field_error)(e))))
    };
    let text = move |get: fn(&CustomerDraft) -> &String| Signal::derive(move || draft.with(|d| get(d).clone()));
    let set = move |put: fn(&mut CustomerDraft, String)| Callback::new(move |v: String| draft.update(|d| put(d, v)));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let today = app.today.get_untracked();
        let fields = match draft.with_untracked(|d| d.parse(today)) {
            Ok(fields) => fields,
            Err(e) => {
                errors.set(e);
                app.toast_error(app.t_now().customers.fix_errors);
                focus_first_error();
                return;
            }
        };
        errors.set(FormErrors::default());
        let now = local_now();
        let mut customer = existing.get_value().unwrap_or_else(|| Customer { id: new_id(), created_at: now, ..Customer::default() });
        fields.apply_to(&mut customer);
        customer.updated_at = now;
        let assessment = app.visits.with_untracked(|v| app.settings.with_untracked(|s| tiering::assess(&customer, v, &s.tiers, today)));
        tiering::record(&mut customer, &assessment, today);
        let mut batch = Batch::new();
        let saved = batch.save(&customer);
        saving.set(true);
        leptos::task::spawn_local(async move {
            let ok = app.write(batch).await.is_ok();
            // A failure has been shown by `write`; the form stays filled for another try.
            saving.try_set(false);
            if ok {
                let name = saved.name.clone();
                let id = saved.id.clone();
                remember(app, vec![saved]);
                let t = app.t_now();
                app.toast(if editing { t.common.saved.to_string() } else { (t.customers.created)(&name) });
                Route::Customer(id).go();
            }
        });
    };

    let cancel_href = match &id {
        Some(id) => Route::Customer(id.clone()).href(),
        None => Route::Customers.href(),
    };

    if missing {
        return view! { <p class="empty-state">{tx(|t| t.customers.not_found)}</p> }.into_any();
    }
    view! {
        <header class="page-header">
            <h1>{move || if editing { app.t().customers.edit_title } else { app.t().customers.new_title }}</h1>
        </header>
        <Show when=move || editing || !book.has_demo.get() fallback=DemoBlocker>
            <form class="card form customer-form" novalidate on:submit=on_submit>
                <div class="form-grid">
                    <TextField label=Signal::derive(tx(|t| t.customers.name)) name="name" required=true
                        autocomplete="name" value=text(|d| &d.name) on_input=set(|d, v| d.name = v) error=message(Field::Name) />
                    <label class="field">
                        <span>{tx(|t| t.customers.honorific)}</span>
                        <select name="honorific" on:change:target=move |ev| {
                            let h = match ev.target().value().as_str() { "mr" => Honorific::Mr, "ms" => Honorific::Ms, _ => Honorific::None };
                            draft.update(|d| d.honorific = h);
                        }>
                            {[(Honorific::None, "none"), (Honorific::Mr, "mr"), (Honorific::Ms, "ms")].into_iter().map(|(h, v)| view! {
                                <option value=v prop:selected=move || draft.with(|d| d.honorific == h)>{move || (app.t().labels.honorific)(h)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                </div>
                <fieldset class="phones">
                    <legend>{tx(|t| t.customers.phone)}</legend>
                    <For each=move || 0..draft.with(|d| d.phones.len()) key=|i| *i let:i>
                        <div class="phone-row">
                            <TextField label=Signal::derive(tx(|t| t.customers.phone)) name=if i == 0 { "phone" } else { "phone-more" }
                                kind="tel" autocomplete="tel" inputmode="tel"
                                value=Signal::derive(move || draft.with(|d| d.phones.get(i).cloned().unwrap_or_default()))
                                on_input=Callback::new(move |v: String| draft.update(|d| if let Some(p) = d.phones.get_mut(i) { *p = v }))
                                error=message(Field::Phone(i)) />
                            <Show when=move || draft.with(|d| d.phones.len() > 1)>
                                <button type="button" class="button subtle small" aria-label=tx(|t| t.customers.remove_phone)
                                    on:click=move |_| draft.update(|d| { if i < d.phones.len() { d.phones.remove(i); } })>
                                    {tx(|t| t.customers.remove_phone)}
                                </button>
                            </Show>
                        </div>
                    </For>
                    <button type="button" class="button subtle small" id="add-phone" on:click=move |_| draft.update(|d| d.phones.push(String::new()))>
                        {tx(|t| t.customers.add_phone)}
                    </button>
                </fieldset>
                <div class="form-grid">
                    <TextField label=Signal::derive(tx(|t| t.customers.wechat_id)) name="wechat"
                        value=text(|d| &d.wechat) on_input=set(|d, v| d.wechat = v) />
                    <TextField label=Signal::derive(tx(|t| t.customers.email)) name="email" kind="email" autocomplete="email"
                        value=text(|d| &d.email) on_input=set(|d, v| d.email = v) error=message(Field::Email) />
                </div>
                <TextField label=Signal::derive(tx(|t| t.customers.address)) name="address" autocomplete="street-address"
                    value=text(|d| &d.address) on_input=set(|d, v| d.address = v) />
                <div class="form-grid">
                    <div class="field-group">
                        <TextField label=Signal::derive(tx(|t| t.customers.birthday)) name="birthday"
                            hint=Signal::derive(tx(|t| t.customers.birthday_hint))
                            value=text(|d| &d.birthday) on_input=set(|d, v| d.birthday = v) error=message(Field::Birthday) />
                        <label class="check">
                            <input type="checkbox" name="lunar" prop:checked=move || draft.with(|d| d.birthday_lunar)
                                on:change:target=move |ev| draft.update(|d| d.birthday_lunar = ev.target().checked()) />
                            <span>{tx(|t| t.customers.lunar)}</span>
                        </label>
                    </div>
                    <TextField label=Signal::derive(tx(|t| t.customers.registered_on)) name="registered_on" required=true
                        value=text(|d| &d.registered_on) on_input=set(|d, v| d.registered_on = v) error=message(Field::RegisteredOn) />
                </div>
                <div class="form-grid">
                    <TextField label=Signal::derive(tx(|t| t.customers.source)) name="source"
                        value=text(|d| &d.source) on_input=set(|d, v| d.source = v) />
                    <label class="field">
                        <span>{tx(|t| t.customers.need)}</span>
                        <select name="need" on:change:target=move |ev| {
                            let need = ev.target().value().parse::<usize>().ok().and_then(|i| NeedType::ALL.get(i).copied()).unwrap_or_default();
                            draft.update(|d| d.need = need);
                        }>
                            {NeedType::ALL.into_iter().enumerate().map(|(i, n)| view! {
                                <option value=i.to_string() prop:selected=move || draft.with(|d| d.need == n)>{move || (app.t().labels.need)(n)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                </div>
                <TextField label=Signal::derive(tx(|t| t.customers.tags)) name="tags"
                    hint=Signal::derive(tx(|t| t.customers.tags_hint))
                    value=text(|d| &d.tags) on_input=set(|d, v| d.tags = v) />
                <div class="form-grid">
                    <label class="field">
                        <span>{tx(|t| t.customers.preferred_method)}</span>
                        <select name="preferred_method" on:change:target=move |ev| {
                            let m = ev.target().value().parse::<usize>().ok().and_then(|i| ContactMethod::ALL.get(i).copied());
                            draft.update(|d| d.preferred_method = m);
                        }>
                            <option value="" prop:selected=move || draft.with(|d| d.preferred_method.is_none())>{tx(|t| t.customers.any_method)}</option>
                            {ContactMethod::ALL.into_iter().enumerate().map(|(i, m)| view! {
                                <option value=i.to_string() prop:selected=move || draft.with(|d| d.preferred_method == Some(m))>{move || (app.t().labels.method)(m)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <TextField label=Signal::derive(tx(|t| t.customers.preferred_time)) name="preferred_time"
                        hint=Signal::derive(tx(|t| t.customers.preferred_time_hint))
                        value=text(|d| &d.preferred_time) on_input=set(|d, v| d.preferred_time = v) />
                </div>
                <label class="check">
                    <input type="checkbox" name="do_not_contact" prop:checked=move || draft.with(|d| d.do_not_contact)
                        on:change:target=move |ev| draft.update(|d| d.do_not_contact = ev.target().checked()) />
                    <span>{tx(|t| t.customers.do_not_contact)}</span>
                </label>
                <label class="field">
                    <span>{tx(|t| t.customers.notes)}</span>
                    <textarea name="notes" prop:value=move || draft.with(|d| d.notes.clone())
                        on:input:target=move |ev| draft.update(|d| d.notes = ev.target().value())></textarea>
                </label>
                <div class="form-actions">
                    <a class="button" href=cancel_href.clone()>{tx(|t| t.common.cancel)}</a>
                    <button type="submit" class="button primary" disabled=move || saving.get()>
                        {move || if saving.get() { app.t().common.saving } else { app.t().common.save }}
                    </button>
                </div>
            </form>
        </Show>
    }
    .into_any()
}
