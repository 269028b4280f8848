//! One agenda item: who, why, when, how, and what to do about it.

use super::Row;
use super::marks::save_mark;
use super::text;
use crate::domain::agenda::{DueItem, Responsible};
use crate::domain::customer::ContactMethod;
use crate::domain::date::{iso, parse_date};
use crate::domain::schedule::Skip;
use crate::i18n::format;
use crate::ui::components::{Icon, IconName, tr};
use crate::ui::route::Route;
use crate::ui::state::use_app;
use chrono::Datelike;
use leptos::prelude::*;

fn tel(phone: &str) -> String {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    format!("tel:{digits}")
}

fn sms(phone: &str, body: Option<&str>) -> String {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    match body {
        // `?&body=` is read by both iOS and Android messaging apps.
        Some(body) => format!("sms:{digits}?&body={}", String::from(js_sys::encode_uri_component(body))),
        None => format!("sms:{digits}"),
    }
}

#[component]
pub fn ItemCard(row: Row) -> impl IntoView {
    let app = use_app();
    let Row { item, who } = row;
    let item = StoredValue::new(item);
    let who = StoredValue::new(who);
    let this_year = move || app.today.get().year();
    let standing = move || item.with_value(|i| text::standing(app.t(), i, app.today.get()));
    let reasons = move || {
        let t = app.t();
        item.with_value(|i| i.reasons.iter().map(|r| text::reason(t, r, this_year())).collect::<Vec<_>>())
    };
    let window = move || item.with_value(|i| text::window(app.t(), i, this_year()));
    let visit_href = item.with_value(|i| {
        Route::Visit { item: Some(i.key.clone()), customer: Some(i.customer_id.clone()) }.href()
    });
    let customer_href = who.with_value(|w| Route::Customer(w.id.clone()).href());
    let (scenario, tier, method, responsible, on_site) =
        item.with_value(|i| (i.scenario, i.tier, i.method, i.responsible, i.on_site));
    let key = item.with_value(|i| i.key.clone());
    view! {
        <article class=move || format!("agenda-item {}", standing().1) data-key=key.clone()>
            <div class="item-head">
                <a class="item-customer" href=customer_href>{who.with_value(|w| w.name.clone())}</a>
                <span class=format!("badge tier tier-{}", format!("{tier:?}").to_lowercase())>
                    {move || (app.t().labels.tier)(tier)}
                </span>
                <span class=move || format!("standing {}", standing().1)>{move || standing().0}</span>
            </div>
            <p class="item-scenario">
                <strong>{move || (app.t().labels.scenario)(scenario)}</strong>
                " · "
                <span class="item-window">{window}</span>
            </p>
            <ul class="item-reasons">
                {move || reasons().into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
            </ul>
            <p class="item-how">
                <span>{tr(|t| t.agenda.suggested)}": "{move || (app.t().labels.method)(method)}</span>
                {(responsible != Responsible::Agent)
                    .then(|| view! { <span class="badge">{move || (app.t().agenda.responsible)(responsible)}</span> })}
                {on_site.then(|| view! { <span class="badge on-site">{tr(|t| t.agenda.on_site)}</span> })}
            </p>
            <div class="item-actions">
                <a class="button primary small start-visit" href=visit_href>{tr(|t| t.agenda.start_visit)}</a>
                {who.with_value(|w| w.phone.clone()).map(|phone| {
                    let call = tel(&phone);
                    let text = sms(&phone, None);
                    view! {
                        <a class="button small call" href=call>
                            <Icon name=IconName::Phone />
                            {tr(|t| t.agenda.call)}
                        </a>
                        <a class="button small" href=text>{tr(|t| t.agenda.sms)}</a>
                    }
                })}
                {who.with_value(|w| w.email.clone()).map(|email| {
                    view! { <a class="button small" href=format!("mailto:{email}")>{tr(|t| t.agenda.email)}</a> }
                })}
            </div>
            <details class="item-more">
                <summary>{tr(|t| t.agenda.more)}</summary>
                <MarkForms item />
            </details>
        </article>
    }
}

/// Snooze to a date, skip with a reason, or change the method.
#[component]
fn MarkForms(item: StoredValue<DueItem>) -> impl IntoView {
    let app = use_app();
    let tomorrow = app.today.get_untracked().succ_opt().unwrap_or_else(|| app.today.get_untracked());
    let snooze_to = RwSignal::new(iso(tomorrow));
    let snooze_error = RwSignal::new(None::<&'static str>);
    let reason = RwSignal::new(String::new());
    let reason_error = RwSignal::new(None::<&'static str>);
    let current_method = item.with_value(|i| i.method);
    let method = RwSignal::new(ContactMethod::ALL.iter().position(|m| *m == current_method).unwrap_or(0));

    let snooze = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = app.t_now();
        let date = match parse_date(&snooze_to.get_untracked()) {
            Ok(date) => date,
            Err(_) => return snooze_error.set(Some(t.agenda.date_invalid)),
        };
        if date < app.today.get_untracked() {
            return snooze_error.set(Some(t.agenda.date_in_past));
        }
        snooze_error.set(None);
        let message = (t.agenda.snoozed)(&format::date_auto(t.lang, date, app.today.get_untracked().year()));
        item.with_value(|i| save_mark(app, i, |m| m.snoozed_to = Some(date), message));
    };
    let skip = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = app.t_now();
        let text = reason.get_untracked().trim().to_string();
        if text.is_empty() {
            return reason_error.set(Some(t.agenda.reason_required));
        }
        reason_error.set(None);
        let on = app.today.get_untracked();
        item.with_value(|i| {
            save_mark(app, i, |m| m.skipped = Some(Skip { reason: text, on }), t.agenda.skipped.to_string())
        });
    };
    let reassign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(chosen) = ContactMethod::ALL.get(method.get_untracked()).copied() else { return };
        let t = app.t_now();
        item.with_value(|i| save_mark(app, i, |m| m.method = Some(chosen), t.agenda.reassigned.to_string()));
    };
    view! {
        <div class="mark-forms">
            <form class="mark-form snooze-form" on:submit=snooze novalidate>
                <label class="field" class:invalid=move || snooze_error.get().is_some()>
                    <span>{tr(|t| t.agenda.snooze_to)}</span>
                    <input type="date" name="snooze_to" min=iso(app.today.get_untracked()) bind:value=snooze_to />
                    {move || snooze_error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                </label>
                <button type="submit" class="button small">{tr(|t| t.agenda.snooze_button)}</button>
            </form>
            <form class="mark-form skip-form" on:submit=skip novalidate>
                <label class="field" class:invalid=move || reason_error.get().is_some()>
                    <span>{tr(|t| t.agenda.skip_reason)}</span>
                    <input type="text" name="skip_reason" maxlength="200"
                        placeholder=tr(|t| t.agenda.skip_reason_hint) bind:value=reason />
                    {move || reason_error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                </label>
                <button type="submit" class="button small">{tr(|t| t.agenda.skip_button)}</button>
            </form>
            <form class="mark-form method-form" on:submit=reassign>
                <label class="field">
                    <span>{tr(|t| t.agenda.reassign)}</span>
                    <select name="method"
                        prop:value=move || method.get().to_string()
                        on:change:target=move |ev| method.set(ev.target().value().parse().unwrap_or(0))>
                        {ContactMethod::ALL
                            .iter()
                            .enumerate()
                            .map(|(i, m)| {
                                let m = *m;
                                view! { <option value=i.to_string()>{move || (app.t().labels.method)(m)}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <button type="submit" class="button small">{tr(|t| t.agenda.reassign_button)}</button>
            </form>
        </div>
    }
}

/// Today's SMS announcements of tomorrow's non-urgent visits, ready to copy or send.
#[component]
pub fn Announcements(rows: Memo<Vec<Row>>) -> impl IntoView {
    view! {
        <section class="card announce" id="agenda-announce">
            <h2>{tr(|t| t.agenda.announce_title)}</h2>
            <p class="hint">{tr(|t| t.agenda.announce_hint)}</p>
            <ul class="announce-list">
                <For each=move || rows.get() key=|row| row.item.key.clone() let:row>
                    <li><Announcement row /></li>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn Announcement(row: Row) -> impl IntoView {
    let app = use_app();
    let Row { item, who } = row;
    let phone = who.phone.clone().unwrap_or_default();
    let name = who.name.clone();
    let message = Signal::derive(move || {
        let t = app.t();
        let company = app.settings.with(|s| s.profile.company.trim().to_string());
        let date = text::message_date(t, item.ideal);
        if item.method == ContactMethod::OnSite {
            (t.agenda.announce_on_site)(&name, &date, &company)
        } else {
            (t.agenda.announce_call)(&name, &date, &company)
        }
    });
    let copy = move |_| {
        let text = message.get_untracked();
        leptos::task::spawn_local(async move {
            let t = app.t_now();
            if copy_to_clipboard(&text).await {
                app.toast(t.common.copied);
            } else {
                app.toast_error(t.agenda.copy_failed);
            }
        });
    };
    view! {
        <p class="announce-who"><strong>{who.name.clone()}</strong></p>
        <p class="announce-text">{move || message.get()}</p>
        <div class="item-actions">
            <button type="button" class="button small copy-announce" on:click=copy>{tr(|t| t.agenda.copy_text)}</button>
            <a class="button small primary" href=move || sms(&phone, Some(&message.get()))>{tr(|t| t.agenda.open_sms)}</a>
        </div>
    }
}

/// `navigator.clipboard.writeText`, through reflection so that web-sys needs no extra feature.
async fn copy_to_clipboard(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return false };
    let Ok(clipboard) = js_sys::Reflect::get(&window.navigator(), &"clipboard".into()) else { return false };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else { return false };
    let Some(write) = write.dyn_ref::<js_sys::Function>() else { return false };
    let Ok(promise) = write.call1(&clipboard, &text.into()) else { return false };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else { return false };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
