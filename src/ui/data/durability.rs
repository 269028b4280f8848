//! Durability in the browser: the Data page's section (persistent storage, space used and left,
//! the last backup, offline use), the backup reminder on Today and the "new version" notice (both
//! shown by the shell). The reminder's setting is on the Settings page (`settings/backup.rs`).
//!
//! Written as `maud` markup with delegated listeners (see `components::markup` for why).

use crate::domain::backup::{self, BackupFacts};
use crate::i18n::{DurabilityTexts, Texts, format};
use crate::store::{prefs, quota};
use crate::ui::components::markup::{action, actions};
use crate::ui::route::Route;
use crate::ui::state::{AppState, use_app};
use leptos::prelude::*;
use leptos::task::spawn_local;
use maud::{Markup, html};

actions! {
    /// What the button of the Data page's storage section does.
    enum StorageAction { Persist = "persist" }
}

actions! {
    /// What the button of Today's backup reminder does.
    enum ReminderAction { Later = "later" }
}

actions! {
    /// What the button of the "new version" notice does.
    enum UpdateAction { Reload = "reload" }
}

/// Used share of the quota from which the Data page warns that space is running out.
const HIGH_USAGE: f64 = 0.8;

/// What the browser says about this origin's storage.
#[derive(Debug, Clone, Copy, PartialEq)]
struct StorageInfo {
    usage: Option<quota::Usage>,
    persisted: bool,
    offline: Option<bool>,
}

async fn storage_info() -> StorageInfo {
    StorageInfo {
        usage: quota::estimate().await,
        persisted: quota::is_persisted().await,
        offline: quota::offline_ready(),
    }
}

/// Everything the reminder rule needs, from memory and this device's preferences.
fn backup_facts(app: AppState) -> BackupFacts {
    let today = app.today.get();
    let (has_data, first_record) =
        app.customers.with(|c| app.visits.with(|v| (backup::has_data(c, v), backup::first_record_date(c, v))));
    BackupFacts {
        today,
        last_backup: prefs::last_backup(),
        first_use: prefs::first_use(today),
        first_record,
        has_data,
        remind_after_days: app.settings.with(|s| s.backup.remind_after_days),
        snoozed_until: prefs::backup_snoozed_until(),
    }
}

/// `full`: a save has just been refused for lack of space (the browser's estimate may still
/// report room: quotas are applied per write, estimates are approximate).
fn section_html(t: &Texts, info: Option<StorageInfo>, facts: &BackupFacts, full: bool) -> Markup {
    let d = &t.durability;
    let lang = t.lang;
    let (persist, space, offline) = match info {
        None => {
            let loading = html! { p.hint { (t.app.loading) } };
            (loading.clone(), loading.clone(), loading)
        }
        Some(info) => (persist_html(d, info.persisted), space_html(d, info.usage, full), offline_html(d, info.offline)),
    };
    let last = match facts.last_backup {
        Some(day) => {
            (d.last_backup)(&format::date_long(lang, day), crate::domain::date::days_between(day, facts.today))
        }
        None => d.never_backed_up.to_string(),
    };
    let reminder = match facts.remind_after_days {
        0 => d.reminder_off.to_string(),
        n => (d.reminder_on)(n),
    };
    html! {
        h2 { (d.section_title) }
        div.durability-grid {
            div.durability-item { h3 { (d.space_title) } (space) }
            div.durability-item {
                h3 { (d.backup_title) }
                p #last-backup { (last) }
                p.hint { (reminder) " " a href=(Route::Settings.href()) { (d.change_reminder) } }
            }
            div.durability-item { h3 { (d.persist_title) } (persist) }
            div.durability-item { h3 { (d.offline_title) } (offline) }
        }
    }
}

fn persist_html(d: &DurabilityTexts, persisted: bool) -> Markup {
    html! {
        @if persisted {
            p.durability-ok #storage-persisted data-persisted="true" { (d.persisted_yes) }
        } @else {
            p.durability-warn #storage-persisted data-persisted="false" { (d.persisted_no) }
            button type="button" class="button small" data-action=(StorageAction::Persist) { (d.persist_button) }
        }
    }
}

fn space_html(d: &DurabilityTexts, usage: Option<quota::Usage>, full: bool) -> Markup {
    match usage {
        Some(u) => {
            let share = if u.quota > 0.0 { (u.used / u.quota * 100.0).clamp(0.0, 100.0) } else { 0.0 };
            let usage = (d.usage)(&format::bytes(u.used), &format::bytes(u.left()), &format::bytes(u.quota));
            html! {
                p #storage-usage { (usage) }
                progress.usage-bar max="100" value=(format!("{share:.1}")) aria-label=(d.space_title) {}
                @if full || u.is_above(HIGH_USAGE) {
                    p.durability-warn #storage-low { (d.usage_high) }
                }
            }
        }
        None if full => html! { p.durability-warn #storage-low { (d.usage_high) } },
        None => html! { p #storage-usage { (d.usage_unknown) } },
    }
}

fn offline_html(d: &DurabilityTexts, offline: Option<bool>) -> Markup {
    let (text, class, state) = match offline {
        Some(true) => (d.offline_ready, "durability-ok", "ready"),
        Some(false) => (d.offline_pending, "hint", "pending"),
        None => (d.offline_unsupported, "hint", "unsupported"),
    };
    html! { p class=(class) id="offline-status" data-offline=(state) { (text) } }
}

/// The Data page's section on keeping data safe.
#[component]
pub fn DurabilitySection() -> impl IntoView {
    let app = use_app();
    let info = RwSignal::new(None::<StorageInfo>);
    let refresh = move || {
        spawn_local(async move {
            let fresh = storage_info().await;
            info.try_set(Some(fresh));
        })
    };
    refresh();
    // Space changes as the user works, and the service worker may take control a moment after
    // the first visit: refresh when data changes.
    Effect::new(move |first: Option<()>| {
        app.customers.track();
        app.visits.track();
        if first.is_some() {
            refresh();
        }
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some((StorageAction::Persist, _)) = action(&ev) {
            spawn_local(async move {
                let granted = quota::request_persistence().await;
                if granted {
                    app.toast(|t| t.durability.persist_granted);
                } else {
                    app.toast(|t| t.durability.persist_refused);
                }
                refresh();
            });
        }
    };
    let markup = move || {
        let full = matches!(app.storage_problem.get(), Some(crate::store::StorageError::QuotaExceeded));
        section_html(app.t(), info.get(), &backup_facts(app), full).into_string()
    };
    view! { <section class="card durability" id="durability" inner_html=markup on:click=on_click></section> }
}

/// On Today: the reminder to export a backup, when one is due.
#[component]
pub fn BackupReminder() -> impl IntoView {
    let app = use_app();
    // Remember the first day of use from the very first start (the reminder counts from it).
    prefs::first_use(app.today.get_untracked());
    let snoozed = RwSignal::new(0u32);
    let markup = move || {
        snoozed.track();
        if app.route.get() != Route::Today || app.status.get() != crate::ui::state::LoadStatus::Ready {
            return String::new();
        }
        // Read on every visit to Today: an export on the Data page records a new backup date.
        let Some(due) = backup::reminder(&backup_facts(app)) else { return String::new() };
        let d = &app.t().durability;
        let text = if due.never { (d.reminder_never)(due.days_without) } else { (d.reminder)(due.days_without) };
        html! {
            div.banner.banner-warning.backup-reminder #backup-reminder role="status" {
                p { (text) }
                div.banner-actions {
                    a.button.small.primary href=(Route::Data.href()) { (d.reminder_action) }
                    button type="button" class="button small subtle" data-action=(ReminderAction::Later) {
                        (d.reminder_later)
                    }
                }
            }
        }
        .into_string()
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some((ReminderAction::Later, _)) = action(&ev) {
            let tomorrow = crate::domain::date::add_days(app.today.get_untracked(), 1);
            if let Err(e) = prefs::snooze_backup_reminder(tomorrow) {
                app.toast_error(move |t| e.message(t.lang));
            }
            snoozed.update(|n| *n += 1);
        }
    };
    view! { <div class="backup-reminder-slot" inner_html=markup on:click=on_click></div> }
}

/// Set by `boot.js` when a new version's service worker is installed and waiting.
const UPDATE_FLAG: &str = "huifangUpdateReady";
const UPDATE_READY_EVENT: &str = "huifang-update-ready";
const APPLY_UPDATE_EVENT: &str = "huifang-apply-update";

fn update_waiting() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &wasm_bindgen::JsValue::from_str(UPDATE_FLAG)).ok())
        .is_some_and(|v| v.is_truthy())
}

/// "A new version is ready": shown when a new deployment has been downloaded. Nothing reloads
/// until the user presses the button, so a half-typed form is never lost.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let app = use_app();
    let ready = RwSignal::new(update_waiting());
    let listener = window_event_listener_untyped(UPDATE_READY_EVENT, move |_| ready.set(true));
    on_cleanup(move || listener.remove());
    let markup = move || {
        if !ready.get() {
            return String::new();
        }
        let d = &app.t().durability;
        html! {
            div.banner.banner-info.update-notice #update-notice role="status" {
                p { (d.update_ready) }
                div.banner-actions {
                    button type="button" class="button small primary" data-action=(UpdateAction::Reload) {
                        (d.update_reload)
                    }
                }
            }
        }
        .into_string()
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some((UpdateAction::Reload, _)) = action(&ev) {
            // boot.js activates the waiting worker and reloads once it has taken over.
            if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(APPLY_UPDATE_EVENT)) {
                let _ = window.dispatch_event(&event);
            }
        }
    };
    view! { <div class="update-notice-slot" inner_html=markup on:click=on_click></div> }
}
