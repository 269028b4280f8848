//! The root state, handed down through context. Views read narrow signals and write through
//! [`AppState::apply`] (or [`AppState::commit`]), the one path to storage: a page gathers what it
//! changes in [`Changes`], and the same records go into memory once storage has them. App-wide
//! derived state lives beside it, built once and read by every page: the customer book
//! ([`book`]), the schedule's input ([`schedule`]) and today's plan ([`day_plan`]).

pub mod book;
mod changes;
pub mod day_plan;
pub mod schedule;
mod sync;
mod tier_sync;
mod touched;

pub use changes::{Changes, Kept};
pub use sync::SyncState;
pub(crate) use touched::Touched;

use crate::domain::customer::{Customer, Id};
use crate::domain::exchange::Quarantined;
use crate::domain::schedule::{AgendaMark, Campaign};
use crate::domain::scripts::Script;
use crate::domain::settings::Settings;
use crate::domain::visit::{FeedbackItem, Visit};
use crate::i18n::{Lang, Texts, texts};
use crate::store::sync::{ChangeNotice, Channel};
use crate::store::{Batch, Collection, Database, StorageError};
use crate::ui::route::Route;
use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
pub enum LoadStatus {
    Loading,
    Ready,
    /// Storage cannot be used at all: the app runs in memory and says so.
    MemoryOnly,
    /// Storage holds data this version must not touch (newer schema, or unreadable).
    Blocked(StorageError),
}

/// A short message shown at the bottom of the screen.
#[derive(Debug, Clone)]
pub struct Toast {
    pub id: u64,
    pub words: Words,
    pub kind: ToastKind,
    /// A label and route for an action button, e.g. "Undo".
    pub action: Option<ToastAction>,
}

/// What a toast says, put into words from the catalogue each time it is read: switching the
/// language while a toast is up changes the toast too, where a text fixed when it was raised
/// stayed in the language it was raised in.
#[derive(Clone)]
pub struct Words(Arc<dyn Fn(&'static Texts) -> String + Send + Sync>);

impl Words {
    pub fn new<S: Into<String>>(say: impl Fn(&'static Texts) -> S + Send + Sync + 'static) -> Words {
        Words(Arc::new(move |t| say(t).into()))
    }

    /// The words in `lang`.
    pub fn read(&self, lang: Lang) -> String {
        (self.0)(texts(lang))
    }
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Words").field(&self.read(Lang::Zh)).finish()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Error,
}

#[derive(Debug, Clone)]
pub struct ToastAction {
    pub label: Words,
    pub token: u64,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub route: RwSignal<Route>,
    pub today: RwSignal<NaiveDate>,
    pub status: RwSignal<LoadStatus>,
    pub settings: RwSignal<Settings>,
    pub customers: RwSignal<Vec<Customer>>,
    pub visits: RwSignal<Vec<Visit>>,
    pub feedback: RwSignal<Vec<FeedbackItem>>,
    pub campaigns: RwSignal<Vec<Campaign>>,
    pub agenda_marks: RwSignal<Vec<AgendaMark>>,
    /// The user's own scripts and edits of built-ins (`domain::scripts::library` adds the rest).
    pub scripts: RwSignal<Vec<Script>>,
    /// A storage problem that lasts (storage full, a record another tab wrote that this one cannot
    /// read), shown as a banner.
    pub storage_problem: RwSignal<Option<StorageError>>,
    /// Records found unreadable at load: left untouched in storage, named in a banner, and
    /// carried by a full backup (`quarantine`).
    pub quarantine: RwSignal<Vec<Quarantined>>,
    pub toasts: RwSignal<Vec<Toast>>,
    /// Bumped when a toast action is pressed; the component that offered it watches for its token.
    pub toast_action: RwSignal<Option<u64>>,
    db: StoredValue<Option<Database>, LocalStorage>,
    channel: StoredValue<Option<Rc<Channel>>, LocalStorage>,
    next_id: StoredValue<u64>,
    /// Whose tier inputs changed since the assessments were made ([`touched`]).
    pub(crate) touched: StoredValue<Touched>,
    /// Sync with a CouchDB server ([`sync`]).
    pub sync: SyncState,
}

/// The root state from context. Panics only if called outside `App`, a programming error.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// Today's date in the browser's time zone.
pub fn local_today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or_default()
}

/// Now, in the browser's time zone, to the second.
pub fn local_now() -> NaiveDateTime {
    let now = js_sys::Date::new_0();
    local_today().and_hms_opt(now.get_hours(), now.get_minutes(), now.get_seconds()).unwrap_or_default()
}

/// A new record id: 128 random bits from the browser's cryptographic generator
/// (`crypto.getRandomValues`), so that ids made on different devices never collide: they travel in
/// exported files and are the documents' ids on a sync server. `Math.random` is not made for this
/// (its state is small and shared by the whole page).
pub fn new_id() -> Id {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // Only a browser without Web Crypto (none the app supports) gets here: an id that is still
        // unique on this device is better than no record.
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect::<String>().into()
}

impl AppState {
    pub fn new(lang: Lang) -> AppState {
        AppState {
            lang: RwSignal::new(lang),
            route: RwSignal::new(Route::current()),
            today: RwSignal::new(local_today()),
            status: RwSignal::new(LoadStatus::Loading),
            settings: RwSignal::new(Settings::default()),
            customers: RwSignal::new(Vec::new()),
            visits: RwSignal::new(Vec::new()),
            feedback: RwSignal::new(Vec::new()),
            campaigns: RwSignal::new(Vec::new()),
            agenda_marks: RwSignal::new(Vec::new()),
            scripts: RwSignal::new(Vec::new()),
            storage_problem: RwSignal::new(None),
            quarantine: RwSignal::new(Vec::new()),
            toasts: RwSignal::new(Vec::new()),
            toast_action: RwSignal::new(None),
            db: StoredValue::new_local(None),
            channel: StoredValue::new_local(None),
            next_id: StoredValue::new(1),
            touched: StoredValue::new(Touched::Everyone),
            sync: SyncState::new(),
        }
    }

    /// The strings of the current language (reactive: read it inside a closure).
    pub fn t(&self) -> &'static Texts {
        texts(self.lang.get())
    }

    /// The same without subscribing, for event handlers.
    pub fn t_now(&self) -> &'static Texts {
        texts(self.lang.get_untracked())
    }

    pub fn database(&self) -> Option<Database> {
        self.db.with_value(Clone::clone)
    }

    /// Opens storage and loads everything; called once at start.
    pub fn start(self) {
        spawn_local(async move {
            let db = match Database::open().await {
                Ok(db) => db,
                Err(StorageError::Unavailable) => {
                    self.status.set(LoadStatus::MemoryOnly);
                    return;
                }
                Err(e) => {
                    self.status.set(LoadStatus::Blocked(e));
                    return;
                }
            };
            match db.load().await {
                Ok(loaded) => {
                    if loaded.full {
                        self.storage_problem.set(Some(StorageError::QuotaExceeded));
                    }
                    self.take_loaded(loaded);
                    self.db.set_value(Some(db));
                    self.status.set(LoadStatus::Ready);
                    self.listen_to_other_tabs();
                    self.start_sync();
                    spawn_local(async {
                        crate::store::quota::request_persistence().await;
                    });
                }
                Err(e) => self.status.set(LoadStatus::Blocked(e)),
            }
        });
    }

    /// Puts what storage loaded into memory, replacing everything there.
    fn take_loaded(self, loaded: crate::store::Loaded) {
        self.quarantine.set(loaded.unreadable);
        self.settings.set(loaded.data.settings);
        self.touched.update_value(Touched::everyone);
        self.customers.set(loaded.data.customers);
        self.visits.set(loaded.data.visits);
        self.feedback.set(loaded.data.feedback);
        self.campaigns.set(loaded.data.campaigns);
        self.agenda_marks.set(loaded.data.agenda_marks);
        self.scripts.set(loaded.data.scripts);
    }

    /// Reads the whole book again (after a sync brought many records), and tells other tabs to.
    async fn reload_everything(self, db: &Database) {
        match db.load().await {
            Ok(loaded) => self.take_loaded(loaded),
            Err(e) => self.storage_problem.set(Some(e)),
        }
        if let Some(channel) = self.channel.with_value(Clone::clone) {
            channel.announce_everything();
        }
    }

    /// Records written here without a save of this tab (a sync): re-read them, and tell other
    /// tabs to.
    fn records_changed(self, changed: Vec<(Collection, String)>) {
        if let Some(channel) = self.channel.with_value(Clone::clone) {
            channel.announce(&changed);
        }
        self.reload_changed(ChangeNotice::new("", &changed));
    }

    fn listen_to_other_tabs(self) {
        let channel = Rc::new(Channel::open(new_id().into()));
        let this = self;
        channel.listen(move |notice| this.reload_changed(notice));
        self.channel.set_value(Some(channel));
    }

    /// Re-reads what another tab wrote, so both tabs show the same data.
    fn reload_changed(self, notice: ChangeNotice) {
        let Some(db) = self.database() else { return };
        if notice.everything {
            spawn_local(async move {
                match db.load().await {
                    Ok(loaded) => self.take_loaded(loaded),
                    Err(e) => self.storage_problem.set(Some(e)),
                }
            });
            return;
        }
        let changed: Vec<(Collection, String)> = notice.records().map(|(c, k)| (c, k.to_string())).collect();
        spawn_local(async move {
            for (collection, key) in changed {
                let result = match collection {
                    Collection::Customers => reload_one::<Customer>(self, &db, &key).await,
                    Collection::Visits => reload_one::<Visit>(self, &db, &key).await,
                    Collection::Feedback => reload_one::<FeedbackItem>(self, &db, &key).await,
                    Collection::Campaigns => reload_one::<Campaign>(self, &db, &key).await,
                    Collection::AgendaMarks => reload_one::<AgendaMark>(self, &db, &key).await,
                    Collection::Scripts => reload_one::<Script>(self, &db, &key).await,
                    Collection::Meta if key == "settings" => match db.get_meta::<Settings>("settings").await {
                        Ok(settings) => {
                            self.settings.set(settings.unwrap_or_default());
                            Ok(())
                        }
                        Err(e) => Err(e),
                    },
                    _ => Ok(()),
                };
                if let Err(e) = result {
                    self.storage_problem.set(Some(e));
                }
            }
        });
    }

    /// Writes `changes` in one transaction and, once storage has them, puts the same records into
    /// memory and tells other tabs. On failure memory is left as it was (it still matches storage)
    /// and the user has been told why.
    pub async fn apply(self, changes: Changes) -> Result<(), StorageError> {
        let (batch, stored) = changes.into_parts();
        self.write(batch).await?;
        stored.remember(&self);
        Ok(())
    }

    /// [`apply`](Self::apply) without waiting; `on_saved` runs once the changes are stored and in
    /// memory.
    pub fn commit(self, changes: Changes, on_saved: impl FnOnce() + 'static) {
        spawn_local(async move {
            if self.apply(changes).await.is_ok() {
                on_saved();
            }
        });
    }

    /// Writes a batch; the error, if any, has been shown.
    async fn write(self, batch: Batch) -> Result<(), StorageError> {
        let touched = batch.touched();
        let result = match (self.database(), self.status.get_untracked()) {
            (Some(db), _) => db.write(batch).await,
            // Memory-only mode: the banner already says changes are not kept, and every
            // confirmation says so too.
            (None, LoadStatus::MemoryOnly) => Ok(()),
            // Storage refused to load (newer data, storage full at the first write): nothing may
            // read as saved.
            (None, LoadStatus::Blocked(e)) => Err(e),
            (None, _) => Err(StorageError::Unavailable),
        };
        match &result {
            Ok(()) => {
                if let Some(channel) = self.channel.with_value(Clone::clone) {
                    channel.announce(&touched);
                }
                if touched.iter().any(|(collection, key)| crate::sync::local::travels(*collection, key)) {
                    self.sync_soon();
                }
                if matches!(self.storage_problem.get_untracked(), Some(StorageError::QuotaExceeded)) {
                    self.storage_problem.set(None);
                }
            }
            Err(e) => {
                if matches!(e, StorageError::QuotaExceeded) {
                    self.storage_problem.set(Some(e.clone()));
                }
                if let StorageError::Conflict { collection, key } = e {
                    self.reload_changed(ChangeNotice::new(
                        "",
                        &[(Collection::from_name(collection).unwrap_or(Collection::Meta), key.clone())],
                    ));
                }
                let e = e.clone();
                self.toast_error(move |t| e.message(t.lang));
            }
        }
        result
    }

    /// Saves the settings and says so once they are stored.
    pub fn save_settings(self, settings: Settings) {
        let mut changes = Changes::new();
        changes.save_settings(&settings);
        self.commit(changes, move || {
            self.toast(|t| t.common.saved);
        });
    }

    /// Says `say(texts)` for a few seconds, in the language shown while it is up.
    pub fn toast<S: Into<String>>(&self, say: impl Fn(&'static Texts) -> S + Send + Sync + 'static) -> u64 {
        self.push_toast(Words::new(say), ToastKind::Info, None)
    }

    pub fn toast_error<S: Into<String>>(&self, say: impl Fn(&'static Texts) -> S + Send + Sync + 'static) -> u64 {
        self.push_toast(Words::new(say), ToastKind::Error, None)
    }

    /// A toast with an action button; returns the token that [`toast_action`](Self::toast_action)
    /// will carry when the button is pressed.
    pub fn toast_with_action(&self, words: Words, label: Words) -> u64 {
        let token = self.fresh_id();
        self.push_toast(words, ToastKind::Info, Some(ToastAction { label, token }));
        token
    }

    pub fn dismiss_toast(&self, id: u64) {
        self.toasts.update(|t| t.retain(|toast| toast.id != id));
    }

    fn fresh_id(&self) -> u64 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
    }

    fn push_toast(&self, words: Words, kind: ToastKind, action: Option<ToastAction>) -> u64 {
        // With nowhere to store, no confirmation may read as if it were kept ("已保存").
        let words = if kind != ToastKind::Error && self.status.get_untracked() == LoadStatus::MemoryOnly {
            Words::new(move |t| format!("{}{}", (words.0)(t), t.storage.memory_only_suffix))
        } else {
            words
        };
        let id = self.fresh_id();
        let lang = self.lang.get_untracked();
        let said = words.read(lang);
        self.toasts.update(|t| {
            // A message that says the same as one still shown replaces it: three "已保存 撤销"
            // stacked over Today after a quick run of calls could not say which save each undid.
            t.retain(|shown| !(shown.kind == kind && shown.words.read(lang) == said));
            t.push(Toast { id, words, kind, action });
            // Keep the stack short on a phone.
            if t.len() > 3 {
                t.remove(0);
            }
        });
        let this = *self;
        let delay = if kind == ToastKind::Error { 9000 } else { 5000 };
        set_timeout(move || this.dismiss_toast(id), std::time::Duration::from_millis(delay));
        id
    }
}

async fn reload_one<R: Kept>(app: AppState, db: &Database, key: &str) -> Result<(), StorageError> {
    let fresh = db.get::<R>(key).await?;
    changes::refresh(&app, key, fresh);
    Ok(())
}
