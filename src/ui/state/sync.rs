//! Sync's app-wide state and its driver: runs the engine (`crate::sync`) over `fetch`
//! (`crate::net`) and IndexedDB (`store::replica`), one run at a time per browser, and keeps the
//! status the shell and Settings → 同步 show.
//!
//! When a run starts: when the app opens, when the network comes back, a few seconds after a save
//! (so a burst of saves is one run), every few minutes while the page is open, and on "立即同步".

use super::AppState;
use crate::domain::exchange::merge::Choice;
use crate::net::{self, Endpoints};
use crate::store::replica::Pulled;
use crate::store::{Collection, Database, StorageError};
use crate::sync::local::Setup;
use crate::sync::session::{self, Password};
use crate::sync::team;
use crate::sync::{
    Action, Config, Conflict, DocId, Input, Limits, Overview, Policy, Progress, Run, Summary, SyncError,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// The Web Lock that keeps two tabs from syncing at once.
const LOCK: &str = "huifang-sync";
/// A save is followed by a run this much later; more saves meanwhile join it.
const AFTER_SAVE: Duration = Duration::from_secs(3);
/// While the page is open, a run this often (others' changes arrive without a save here).
const EVERY: Duration = Duration::from_secs(300);
/// Pulled records re-read one by one up to this many per run; beyond, the whole book is reloaded once.
const RELOAD_ONE_BY_ONE: usize = 200;

/// What the shell and the sync page read.
#[derive(Clone, Copy)]
pub struct SyncState {
    /// Sync as set up on this device (`None`: not set up).
    pub setup: RwSignal<Option<Setup>>,
    pub overview: RwSignal<Overview>,
    pub conflicts: RwSignal<Vec<Conflict>>,
    /// A run is waiting to start after a save.
    scheduled: StoredValue<bool>,
}

impl SyncState {
    pub fn new() -> SyncState {
        SyncState {
            setup: RwSignal::new(None),
            overview: RwSignal::new(Overview::default()),
            conflicts: RwSignal::new(Vec::new()),
            scheduled: StoredValue::new(false),
        }
    }
}

impl Default for SyncState {
    fn default() -> SyncState {
        SyncState::new()
    }
}

fn endpoints(setup: &Setup) -> Endpoints {
    Endpoints { server: setup.server_url(), database: setup.database_url() }
}

impl AppState {
    /// Reads sync's set-up at start and, when there is one, syncs and keeps syncing.
    pub(super) fn start_sync(self) {
        let Some(db) = self.database() else { return };
        spawn_local(async move {
            let Ok(setup) = db.sync_setup().await else { return };
            self.sync.setup.set(setup.clone());
            if setup.is_some() {
                self.refresh_sync_facts(&db).await;
                self.sync_now();
            }
        });
        // Back online: sync what waited.
        if let Some(window) = web_sys::window() {
            let on_online = Closure::<dyn FnMut()>::new(move || self.sync_now());
            let _ = window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
            on_online.forget();
        }
        self.sync_every();
    }

    fn sync_every(self) {
        set_timeout(
            move || {
                if self.sync.setup.get_untracked().is_some() && net::online() {
                    self.sync_now();
                }
                self.sync_every();
            },
            EVERY,
        );
    }

    /// After a save: one run a few seconds later, when sync is set up.
    pub(super) fn sync_soon(self) {
        if self.sync.setup.get_untracked().is_none() || self.sync.scheduled.get_value() {
            return;
        }
        self.sync.scheduled.set_value(true);
        self.sync.overview.update(|o| o.outbox += 1);
        set_timeout(
            move || {
                self.sync.scheduled.set_value(false);
                self.sync_now();
            },
            AFTER_SAVE,
        );
    }

    /// Outbox size and conflicts as stored.
    async fn refresh_sync_facts(self, db: &Database) {
        let outbox = db.outbox_len().await.unwrap_or(0);
        let conflicts = db.conflicts().await.unwrap_or_default();
        self.sync.overview.update(|o| {
            o.outbox = outbox;
            o.conflicts = conflicts.len();
            o.synced_at = self.sync.setup.with_untracked(|s| s.as_ref().and_then(|s| s.synced_at));
        });
        self.sync.conflicts.set(conflicts);
    }

    /// Signs in and sets sync up afresh on this device (a new device id: nothing kept from an
    /// earlier set-up is trusted), then runs. Returns why not, in the user's words.
    pub async fn set_up_sync(
        self,
        server: String,
        user: String,
        password: Password,
        database: String,
    ) -> Result<(), String> {
        let t = self.t_now();
        let Some(db) = self.database() else {
            return Err(StorageError::Unavailable.message(self.lang.get_untracked()));
        };
        let database =
            if database.trim().is_empty() { session::user_database(user.trim()) } else { database.trim().to_string() };
        let setup =
            Setup::new(super::new_id().to_string(), server.trim().to_string(), database, user.trim().to_string());
        let reply = net::send(&endpoints(&setup), &session::sign_in(&setup.user, password)).await;
        session::signed_in(reply).map_err(|e| t.sync.error(&e))?;
        // The same server and database as before: keep what is kept (the outbox has changes the
        // server may not have). Anything else starts afresh.
        let same = self
            .sync
            .setup
            .with_untracked(|s| s.as_ref().is_some_and(|s| s.server == setup.server && s.database == setup.database));
        if same {
            let user = setup.user.clone();
            let updated =
                db.update_sync_setup(|s| s.user = user).await.map_err(|e| e.message(self.lang.get_untracked()))?;
            self.sync.setup.set(updated);
        } else {
            db.start_sync(&setup).await.map_err(|e| e.message(self.lang.get_untracked()))?;
            self.sync.setup.set(Some(setup));
            self.sync.overview.set(Overview::default());
            // Every record goes up once: the server may be new, or hold another device's copy.
            db.queue_everything().await.map_err(|e| e.message(self.lang.get_untracked()))?;
        }
        self.sync.overview.update(|o| o.last = None);
        self.refresh_sync_facts(&db).await;
        self.sync_now();
        Ok(())
    }

    /// Forgets the session cookie; sync stays set up and asks to sign in again.
    pub fn sign_out_of_sync(self) {
        let Some(setup) = self.sync.setup.get_untracked() else { return };
        spawn_local(async move {
            let _ = net::send(&endpoints(&setup), &session::sign_out()).await;
            self.sync.overview.update(|o| o.last = Some((super::local_now(), Err(SyncError::NeedsLogin))));
            self.toast(|t| t.sync.signed_out);
        });
    }

    /// Stops syncing on this device; the records stay.
    pub fn stop_sync(self) {
        let Some(db) = self.database() else { return };
        spawn_local(async move {
            match db.stop_sync().await {
                Ok(()) => {
                    self.sync.setup.set(None);
                    self.sync.overview.set(Overview::default());
                    self.sync.conflicts.set(Vec::new());
                    self.toast(|t| t.sync.stopped);
                }
                Err(e) => {
                    self.toast_error(move |t| e.message(t.lang));
                }
            }
        });
    }

    /// Turns "newer wins" on or off.
    pub fn set_sync_policy(self, policy: Policy) {
        let Some(db) = self.database() else { return };
        spawn_local(async move {
            match db.update_sync_setup(|s| s.policy = policy).await {
                Ok(setup) => self.sync.setup.set(setup),
                Err(e) => {
                    self.toast_error(move |t| e.message(t.lang));
                }
            }
        });
    }

    /// Settles a conflict as the user chose, then syncs the choice.
    pub fn settle_conflict(self, id: DocId, choice: Choice) {
        let Some(db) = self.database() else { return };
        spawn_local(async move {
            match db.settle(&id, choice).await {
                Ok(settled) => {
                    if let Some(record) = settled {
                        self.records_changed(vec![record]);
                    }
                    self.refresh_sync_facts(&db).await;
                    self.toast(|t| t.sync.settled);
                    self.sync_now();
                }
                Err(e) => {
                    self.toast_error(move |t| e.message(t.lang));
                }
            }
        });
    }

    /// Starts a run now, unless one is under way (here or in another tab).
    pub fn sync_now(self) {
        self.sync_run(false);
    }

    /// "立即同步": a run, and a word on how it went (what came and went, or that another tab is
    /// syncing); a failure shows in the status either way.
    pub fn sync_on_request(self) {
        self.sync_run(true);
    }

    fn sync_run(self, asked: bool) {
        if self.sync.overview.with_untracked(|o| o.running.is_some()) {
            return;
        }
        let Some(db) = self.database() else { return };
        self.sync.overview.update(|o| o.running = Some(Progress::default()));
        spawn_local(async move {
            // The engine's code is fetched on the first run (`ui::later`); a device that cannot
            // fetch it is offline as far as sync is concerned.
            let run = async {
                match crate::ui::later::sync_run(self, db.clone()).await {
                    Ok(run) => run.await,
                    Err(_) => Err(SyncError::Offline),
                }
            };
            let outcome = net::exclusively(LOCK, run).await;
            self.sync.overview.update(|o| o.running = None);
            match outcome {
                None if asked => {
                    self.toast(|t| t.sync.another_tab);
                }
                None => {}
                Some(Ok(summary)) => {
                    let now = super::local_now();
                    if let Ok(setup) = db
                        .update_sync_setup(|s| {
                            s.completed = true;
                            s.synced_at = Some(now);
                        })
                        .await
                    {
                        self.sync.setup.set(setup);
                    }
                    self.sync.overview.update(|o| o.last = Some((now, Ok(()))));
                    if asked {
                        self.toast(move |t| (t.sync.finished)(summary.pulled, summary.pushed));
                    }
                }
                Some(Err(error)) => {
                    self.sync.overview.update(|o| o.last = Some((super::local_now(), Err(error))));
                }
            }
            self.refresh_sync_facts(&db).await;
        });
    }

    /// One run, and a second one when the first found a server that forgot this device.
    pub(crate) async fn run_sync(self, db: &Database) -> Result<Summary, SyncError> {
        let first = self.run_once(db).await?;
        if !first.first_contact || !self.sync.setup.with_untracked(|s| s.as_ref().is_some_and(|s| s.completed)) {
            return Ok(first);
        }
        let queued = db.queue_everything().await.map_err(|_| SyncError::LocalChanged)?;
        self.toast(move |t| (t.sync.refilled)(queued));
        self.run_once(db).await
    }

    async fn run_once(self, db: &Database) -> Result<Summary, SyncError> {
        let Some(setup) = db.sync_setup().await.ok().flatten() else { return Err(SyncError::OutOfStep) };
        let Some(device) = setup.device_id() else { return Err(SyncError::OutOfStep) };
        let endpoints = endpoints(&setup);
        let mut run = Run::new(&Config { device, policy: setup.policy, limits: Limits::default() });
        let mut changed: Vec<(Collection, String)> = Vec::new();
        let mut action = run.next(Input::Start);
        let result = loop {
            let input = match action {
                Action::Send(request) => Input::Reply(net::send(&endpoints, &request).await),
                Action::Wait { ms } => {
                    net::sleep(ms).await;
                    Input::Waited
                }
                Action::ReadLocal(ids) => match db.read_local(&ids).await {
                    Ok(local) => Input::Local(local),
                    Err(_) => break Err(SyncError::LocalChanged),
                },
                Action::Apply(batch) => match db.apply_pulled(&batch).await {
                    Ok(Pulled::Written(records)) => {
                        changed.extend(records);
                        Input::Written
                    }
                    Ok(Pulled::Stale) => Input::Stale,
                    Err(_) => break Err(SyncError::LocalChanged),
                },
                Action::ReadOutbox => match db.read_outbox().await {
                    Ok(entries) => Input::Outbox(entries),
                    Err(_) => break Err(SyncError::LocalChanged),
                },
                Action::Remove(seqs) => match db.remove_from_outbox(&seqs).await {
                    Ok(()) => Input::Written,
                    Err(_) => break Err(SyncError::LocalChanged),
                },
                Action::Done(result) => break result,
            };
            self.sync.overview.update(|o| o.running = Some(run.progress()));
            action = run.next(input);
        };
        if !changed.is_empty() {
            if changed.len() > RELOAD_ONE_BY_ONE {
                self.reload_everything(db).await;
            } else {
                self.records_changed(changed);
            }
        }
        result
    }
}

/// A supervisor's review over sync (`crate::sync::team`).
impl AppState {
    /// Keeps the team's databases with the set-up.
    pub fn set_sync_team(self, team: Vec<String>) {
        let Some(db) = self.database() else { return };
        spawn_local(async move {
            match db.update_sync_setup(|s| s.team = team).await {
                Ok(setup) => {
                    self.sync.setup.set(setup);
                    self.toast(|t| t.sync.team_saved);
                }
                Err(e) => {
                    self.toast_error(move |t| e.message(t.lang));
                }
            }
        });
    }

    fn team_endpoints(self, database: &str) -> Option<Endpoints> {
        self.sync.setup.with_untracked(|s| {
            s.as_ref().map(|s| Endpoints { server: s.server_url(), database: s.database_url_of(database) })
        })
    }

    /// An agent's visit records of a period with their customers' names, newest first; or why
    /// not, in the user's words.
    pub async fn team_visits(
        self,
        database: &str,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<(crate::domain::visit::Visit, String)>, String> {
        let t = self.t_now();
        let Some(endpoints) = self.team_endpoints(database) else { return Err(t.sync.err_login.to_string()) };
        let reply = net::send(&endpoints, &team::visits_between(from, to)).await;
        let visits = team::visits(reply).map_err(|e| t.sync.error(&e))?;
        let mut ids: Vec<crate::domain::customer::Id> = visits.iter().map(|v| v.customer_id.clone()).collect();
        ids.sort();
        ids.dedup();
        let names = if ids.is_empty() {
            Default::default()
        } else {
            let reply = net::send(&endpoints, &team::customers(&ids)).await;
            team::names(reply).map_err(|e| t.sync.error(&e))?
        };
        Ok(visits
            .into_iter()
            .map(|v| {
                let name =
                    names.get(v.customer_id.as_str()).cloned().unwrap_or_else(|| t.exchange.unknown_customer.into());
                (v, name)
            })
            .collect())
    }

    /// Writes a verdict into the agent's database, on top of the record as stored there now.
    pub async fn give_team_verdict(
        self,
        database: &str,
        visit: &str,
        review: &crate::domain::visit::Review,
    ) -> Result<(), String> {
        let t = self.t_now();
        let Some(endpoints) = self.team_endpoints(database) else { return Err(t.sync.err_login.to_string()) };
        let reply = net::send(&endpoints, &team::current(visit)).await;
        let write = team::with_verdict(reply, review, super::local_now()).map_err(|e| t.sync.error(&e))?;
        let reply = net::send(&endpoints, &write).await;
        team::verdict_stored(reply).map_err(|e| t.sync.error(&e))
    }
}

/// Handing a customer from one agent to another over the server (`crate::sync::team`).
impl AppState {
    /// The customers of a team member's database, (id, name) by name.
    pub async fn team_customers(self, database: &str) -> Result<Vec<(String, String)>, String> {
        let t = self.t_now();
        let Some(endpoints) = self.team_endpoints(database) else { return Err(t.sync.err_login.to_string()) };
        team::listed(net::send(&endpoints, &team::customer_list()).await).map_err(|e| t.sync.error(&e))
    }

    /// Copies a customer's records, history included, into `to`, and once they are stored there,
    /// deletes them from `from`. Returns how many records moved.
    pub async fn hand_over(self, from: &str, to: &str, customer: &str) -> Result<usize, String> {
        let t = self.t_now();
        let (Some(giver), Some(taker)) = (self.team_endpoints(from), self.team_endpoints(to)) else {
            return Err(t.sync.err_login.to_string());
        };
        let error = |e: SyncError| t.sync.error(&e);
        let ids = team::ids_of(net::send(&giver, &team::records_of(customer)).await).map_err(error)?;
        if ids.is_empty() {
            return Ok(0);
        }
        let records = team::fetched(net::send(&giver, &team::fetch(&ids)).await).map_err(error)?;
        team::stored(net::send(&taker, &team::copy(&records)).await).map_err(error)?;
        team::stored(net::send(&giver, &team::remove(&records)).await).map_err(error)?;
        Ok(records.len())
    }
}
