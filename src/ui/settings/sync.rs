//! Settings → 同步: signing in to a CouchDB server, the status, "sync now", signing out,
//! stopping, "newer wins", and the conflicts waiting for the user (keep mine / take theirs).

use crate::domain::customer::Customer;
use crate::domain::customer_form::{CustomerDraft, DraftPart};
use crate::domain::exchange::merge::{Choice, Part};
use crate::i18n::Texts;
use crate::i18n::format::{date_short, date_time};
use crate::sync::session::Password;
use crate::sync::{Collection, Conflict, DocId, Policy, Status, Version};
use crate::ui::components::confirm::{Confirm, confirm};
use crate::ui::components::markup::{action, actions};
use crate::ui::customers::conflict::{part_label, part_value};
use crate::ui::state::{AppState, use_app};
use leptos::prelude::*;
use leptos::task::spawn_local;
use maud::{Markup, html};

/// The status in the user's words (also the shell's indicator).
pub fn status_text(app: AppState) -> Option<String> {
    let t = app.t();
    if app.sync.setup.with(Option::is_none) {
        return None;
    }
    let overview = app.sync.overview.get();
    let status = Status::of(&overview);
    // Short enough for the phone's top bar: the time today, the date otherwise.
    let at = overview
        .synced_at
        .map(|at| {
            let time = at.format("%H:%M").to_string();
            if at.date() == app.today.get() {
                time
            } else {
                format!("{} {time}", date_short(app.lang.get(), at.date()))
            }
        })
        .unwrap_or_default();
    Some(t.sync.status(&status, &at))
}

/// Whether a server address is on the app's own origin: a path (`/couch/`), or a URL whose origin
/// is the page's.
fn same_origin(address: &str) -> bool {
    if address.starts_with('/') && !address.starts_with("//") {
        return true;
    }
    let Some(location) = web_sys::window().map(|w| w.location()) else { return false };
    let Ok(here) = location.origin() else { return false };
    web_sys::Url::new(address).is_ok_and(|url| url.origin() == here)
}

#[component]
pub fn SyncSettings() -> impl IntoView {
    let app = use_app();
    let set_up = move || app.sync.setup.with(Option::is_some);
    let needs_login = move || set_up() && matches!(Status::of(&app.sync.overview.get()), Status::NeedsLogin);
    view! {
        <section class="card form sync-settings" id="sync">
            <h2>{move || app.t().sync.title}</h2>
            <p class="hint">{move || app.t().sync.intro}</p>
            <p class="hint">{move || app.t().sync.privacy}</p>
            <Show when=set_up>
                <Connected />
            </Show>
            <Show when=move || !set_up() || needs_login()>
                <SignIn />
            </Show>
            <Conflicts />
        </section>
    }
}

#[component]
fn SignIn() -> impl IntoView {
    let app = use_app();
    let known = app.sync.setup.get_untracked();
    let server = RwSignal::new(known.as_ref().map_or_else(|| "/couch/".to_string(), |s| s.server.clone()));
    let user = RwSignal::new(known.as_ref().map(|s| s.user.clone()).unwrap_or_default());
    let database = RwSignal::new(known.as_ref().map(|s| s.database.clone()).unwrap_or_default());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let again = known.is_some();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (s, u, p) = (server.get_untracked(), user.get_untracked(), password.get_untracked());
        if s.trim().is_empty() || u.trim().is_empty() || p.is_empty() {
            error.set(Some(app.t_now().sync.missing_fields.to_string()));
            return;
        }
        // The page's Content-Security-Policy lets it reach its own origin only.
        if !same_origin(s.trim()) {
            error.set(Some(app.t_now().sync.other_origin.to_string()));
            return;
        }
        busy.set(true);
        error.set(None);
        password.set(String::new());
        let db = database.get_untracked();
        spawn_local(async move {
            let outcome = app.set_up_sync(s, u, Password::new(p), db).await;
            busy.set(false);
            if let Err(message) = outcome {
                error.set(Some(message));
            }
        });
    };
    view! {
        <form class="sync-sign-in" on:submit=on_submit novalidate>
            <label class="field">
                <span>{move || app.t().sync.server}</span>
                <input type="text" name="sync_server" inputmode="url" autocomplete="url" autocapitalize="none" bind:value=server />
                <small class="hint">{move || app.t().sync.server_hint}</small>
            </label>
            <label class="field">
                <span>{move || app.t().sync.user}</span>
                <input type="text" name="sync_user" autocomplete="username" autocapitalize="none" bind:value=user />
            </label>
            <label class="field">
                <span>{move || app.t().sync.password}</span>
                <input type="password" name="sync_password" autocomplete="current-password" bind:value=password />
            </label>
            <label class="field">
                <span>{move || app.t().sync.database}</span>
                <input type="text" name="sync_database" autocapitalize="none" bind:value=database />
                <small class="hint">{move || app.t().sync.database_hint}</small>
            </label>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert" data-sync-error>{e}</p> })}
            <div class="form-actions">
                <button type="submit" class="button primary" data-sync-start aria-busy=move || busy.get().to_string()>
                    {move || {
                        let t = &app.t().sync;
                        if busy.get() { t.signing_in } else if again { t.sign_in_again } else { t.start }
                    }}
                </button>
            </div>
        </form>
    }
}

#[component]
fn Connected() -> impl IntoView {
    let app = use_app();
    let who = move || {
        app.sync.setup.with(|s| s.as_ref().map(|s| (app.t().sync.connected_as)(&s.user, &s.database, &s.server)))
    };
    let newer_wins = move || app.sync.setup.with(|s| s.as_ref().is_some_and(|s| s.policy == Policy::NewerWins));
    let running = move || app.sync.overview.with(|o| o.running.is_some());
    let on_stop = move |_| {
        let t = app.t_now();
        confirm(
            app,
            Confirm {
                title: t.sync.stop,
                body: t.sync.stop_confirm,
                confirm: t.sync.stop,
                danger: true,
                name: "stop-sync",
                fields: None,
            },
            move |_| app.stop_sync(),
        );
    };
    view! {
        <p class="sync-who">{who}</p>
        <p class="sync-status" role="status" aria-live="polite" data-sync-status>
            <span class="visually-hidden">{move || app.t().sync.status_label}" "</span>
            {move || status_text(app)}
        </p>
        <label class="check">
            <input
                type="checkbox"
                name="sync_newer_wins"
                prop:checked=newer_wins
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    app.set_sync_policy(if on { Policy::NewerWins } else { Policy::Ask });
                }
            />
            <span>{move || app.t().sync.newer_wins}</span>
        </label>
        <p class="hint">{move || app.t().sync.newer_wins_hint}</p>
        <div class="form-actions">
            <button type="button" class="button primary" data-sync-now disabled=running on:click=move |_| app.sync_on_request()>
                {move || app.t().sync.now}
            </button>
            <button type="button" class="button" data-sync-sign-out on:click=move |_| app.sign_out_of_sync()>
                {move || app.t().sync.sign_out}
            </button>
            <button type="button" class="button danger" data-sync-stop on:click=on_stop>
                {move || app.t().sync.stop}
            </button>
        </div>
    }
}

/// The parts of a customer that differ between two versions, as (label, mine, theirs).
fn customer_differences(t: &Texts, mine: &Version, theirs: &Version) -> Option<Vec<(String, String, String)>> {
    let draft = |v: &Version| -> Option<CustomerDraft> {
        // Through text: the same decoder as storage's (`from_value` would be a second copy of
        // the customer's decoder in the wasm, ~20 KB).
        let customer: Customer = serde_json::from_str(&v.body.as_ref()?.to_string()).ok()?;
        Some(CustomerDraft::from_customer(&customer))
    };
    let mine = draft(mine)?;
    let theirs = draft(theirs)?;
    Some(
        DraftPart::ALL
            .into_iter()
            .filter_map(|part| {
                let (a, b) = (part_value(t, &mine, part), part_value(t, &theirs, part));
                (a != b).then(|| (part_label(t, part).to_string(), a, b))
            })
            .collect(),
    )
}

/// What the user reads about one version: when it changed, or that it was deleted.
fn version_line(app: AppState, version: &Version, deleted_text: &'static str) -> String {
    match (version.is_deleted(), version.updated_at()) {
        (true, _) => deleted_text.to_string(),
        (false, Some(at)) => {
            let at = chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S")
                .map(|at| date_time(app.lang.get(), at))
                .unwrap_or_else(|_| at.to_string());
            (app.t().sync.changed_at)(&at)
        }
        (false, None) => String::new(),
    }
}

/// What a record other than a customer says, as its user wrote it.
fn main_text(version: &Version) -> String {
    let body = version.body.as_ref();
    ["content", "text", "title", "note"]
        .into_iter()
        .find_map(|name| body?.get(name)?.as_str().filter(|s| !s.trim().is_empty()).map(str::to_string))
        .unwrap_or_default()
}

fn kind(t: &Texts, collection: Collection) -> &'static str {
    Part::of_collection(collection.name()).map_or(collection.name(), |p| (t.exchange.part)(p))
}

actions! {
    /// What a conflict's buttons do.
    enum ConflictAction { KeepMine = "keep-mine", TakeTheirs = "take-theirs" }
}

/// The conflicts waiting for the user, each with both versions and the two choices.
fn conflicts_html(app: AppState, conflicts: &[Conflict]) -> Markup {
    let t = app.t();
    html! {
        @if !conflicts.is_empty() {
            h3 { (t.sync.conflicts_title) }
            p.hint { (t.sync.conflicts_hint) }
            ul.sync-conflicts {
                @for conflict in conflicts {
                    (conflict_html(app, conflict))
                }
            }
        }
    }
}

fn conflict_html(app: AppState, conflict: &Conflict) -> Markup {
    let t = app.t();
    let theirs = conflict.theirs.first().unwrap_or(&conflict.mine);
    // Whose record it is: the customer's name (a visit or item names its customer).
    let body = conflict.mine.body.as_ref().or(theirs.body.as_ref());
    let field = |name: &str| body.and_then(|b| b.get(name)).and_then(|v| v.as_str()).map(str::to_string);
    let owner = field("customer_id")
        .and_then(|id| app.customers.with(|cs| cs.iter().find(|c| c.id == id).map(|c| c.name.clone())));
    let name = owner.or_else(|| field("name")).unwrap_or_else(|| conflict.id.key.clone());
    let differences = if conflict.id.collection == Collection::Customers {
        customer_differences(t, &conflict.mine, theirs).unwrap_or_default()
    } else {
        // Other records: what they say (a visit's content, an item's text), when it differs.
        let (a, b) = (main_text(&conflict.mine), main_text(theirs));
        if a != b { vec![(t.sync.content.to_string(), a, b)] } else { Vec::new() }
    };
    let id = conflict.id.to_string();
    html! {
        li.sync-conflict data-conflict=(id) {
            h3 { (kind(t, conflict.id.collection)) " · " (name) }
            div.sync-versions {
                div.sync-version data-version="mine" {
                    h4 { (t.sync.this_device) }
                    p.hint { (version_line(app, &conflict.mine, t.sync.deleted_there)) }
                    ul { @for (label, mine, _) in &differences { li { b { (label) } " " (mine) } } }
                }
                div.sync-version data-version="theirs" {
                    h4 { (t.sync.other_device) }
                    p.hint { (version_line(app, theirs, t.sync.deleted_there)) }
                    ul { @for (label, _, other) in &differences { li { b { (label) } " " (other) } } }
                }
            }
            div.form-actions {
                button.button type="button" data-action=(ConflictAction::KeepMine) data-id=(id) data-keep-mine {
                    (t.sync.keep_mine)
                }
                button.button type="button" data-action=(ConflictAction::TakeTheirs) data-id=(id) data-take-theirs {
                    (t.sync.take_theirs)
                }
            }
        }
    }
}

#[component]
fn Conflicts() -> impl IntoView {
    let app = use_app();
    let markup = move || app.sync.conflicts.with(|c| conflicts_html(app, c).into_string());
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((what, el)) = action::<ConflictAction>(&ev) else { return };
        let Some(id) = el.get_attribute("data-id").and_then(|id| DocId::parse(&id)) else { return };
        let choice = match what {
            ConflictAction::KeepMine => Choice::KeepMine,
            ConflictAction::TakeTheirs => Choice::TakeTheirs,
        };
        app.settle_conflict(id, choice);
    };
    view! { <div class="sync-conflicts-block" inner_html=markup on:click=on_click></div> }
}
