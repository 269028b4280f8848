//! The sync engine (`huifang::sync::Run`) against the real stand-in for CouchDB: pouchdb-server
//! 4.2.0, in memory, behind the same-origin proxy (tests/common), instead of the engine's own
//! fake server. A small blocking driver turns each `Action::Send` into an HTTP request through
//! the proxy with the `_session` cookie, and plays the local side as an in-memory device (records
//! with their versions, unsent versions, an outbox with sequence numbers, kept conflicts), the
//! way the IndexedDB integration must (docs/sync.md, "What the IndexedDB / fetch integration
//! must respect"). Each scenario checks what a user would notice.
//!
//! Host only; skipped, with a message, when the stand-in is not installed
//! (`source scripts/tools.sh && ensure_couch_server`; scripts/test.sh always installs it).

// Starts processes and opens sockets: nothing of it runs in a browser (scripts/test.sh also
// builds every test for wasm32).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{Servers, Session, expect, request_raw, skip_unless_installed};
use huifang::domain::exchange::merge::Choice;
use huifang::sync::http::{Base, Method};
use huifang::sync::memory::MemoryBook;
use huifang::sync::session::{self, Password};
use huifang::sync::{
    self, Action, Collection, Config, DeviceId, DocId, Input, Limits, Policy, Request, Run, Summary, SyncError, Version,
};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::time::Duration;

const AGENT: (&str, &str) = ("agent", "pw-agent");

/// The app's side of HTTP: what `fetch` with `credentials: "include"` does in the browser, over
/// the proxy (`/couch/` is the server's root, `/couch/<db>/` the database's).
struct Remote {
    port: u16,
    db: String,
    /// The `AuthSession=…` pair the browser would send; empty once cleared.
    cookie: String,
}

impl Remote {
    /// Signs in with the engine's own `_session` request.
    fn sign_in(port: u16, db: &str) -> Remote {
        let mut remote = Remote { port, db: db.to_string(), cookie: String::new() };
        let reply = remote.send(&session::sign_in(AGENT.0, Password::new(AGENT.1.to_string())));
        let signed_in = session::signed_in(reply).expect("signed in");
        assert_eq!(signed_in.name, AGENT.0);
        assert!(!remote.cookie.is_empty(), "the sign-in set a cookie");
        remote
    }

    fn send(&mut self, request: &Request) -> sync::Reply {
        let path = match request.base {
            Base::Database => format!("/couch/{}/{}", self.db, request.path),
            Base::Server => format!("/couch/{}", request.path),
        };
        let body = request.body.as_ref().map(|b| ("application/json", b.clone().into_bytes()));
        let mut headers = vec![("Accept", "application/json")];
        if !self.cookie.is_empty() {
            headers.push(("Cookie", self.cookie.as_str()));
        }
        let response = request_raw(self.port, request.method.as_str(), &path, &headers, body);
        // The browser keeps the last AuthSession cookie set (the stand-in refreshes it on every
        // request, and clears it on sign-out with an empty value).
        let set = response
            .headers
            .iter()
            .rev()
            .find(|(n, v)| n.eq_ignore_ascii_case("set-cookie") && v.starts_with("AuthSession="));
        if let Some((_, set)) = set {
            let pair = set.split(';').next().unwrap_or_default();
            self.cookie = if pair == "AuthSession=" { String::new() } else { pair.to_string() };
        }
        Ok(sync::Response {
            status: response.status,
            body: String::from_utf8_lossy(&response.body).into_owned(),
            retry_after: response.header("Retry-After").and_then(|v| v.parse().ok()),
        })
    }
}

/// One device: its book in memory (`MemoryBook`, the engine's local actions applied as IndexedDB
/// applies them) and its sync configuration.
struct Device {
    config: Config,
    book: MemoryBook,
}

impl std::ops::Deref for Device {
    type Target = MemoryBook;
    fn deref(&self) -> &MemoryBook {
        &self.book
    }
}

impl std::ops::DerefMut for Device {
    fn deref_mut(&mut self) -> &mut MemoryBook {
        &mut self.book
    }
}

impl Device {
    fn new(name: &str) -> Device {
        let config = Config {
            device: DeviceId::new(name).expect("a device id"),
            policy: Policy::Ask,
            limits: Limits::default(),
        };
        Device { config, book: MemoryBook::default() }
    }

    /// Small batches and pages, so a handful of records already takes several of each.
    fn small_batches(mut self) -> Device {
        self.config.limits = Limits { push_docs: 2, pull_changes: 2, ..Limits::default() };
        self
    }

    /// A local action; the driver handles the others.
    fn perform(&mut self, action: &Action) -> Input {
        self.book.perform(action).unwrap_or_else(|| panic!("not a local action: {action:?}"))
    }
}

/// One run as seen from outside.
#[derive(Debug, Default)]
struct Trace {
    outcome: Option<Result<Summary, SyncError>>,
    /// `"POST _bulk_docs"`, query left out.
    requests: Vec<String>,
    /// Records written locally by pulled batches.
    writes: usize,
}

impl Trace {
    fn sent(&self, route: &str) -> usize {
        self.requests.iter().filter(|r| r.as_str() == route).count()
    }

    #[track_caller]
    fn summary(&self) -> Summary {
        match &self.outcome {
            Some(Ok(summary)) => *summary,
            other => panic!("the sync failed: {other:?}; requests: {:?}", self.requests),
        }
    }
}

/// Runs one sync of `device`; `stop` ends it before an action is carried out (the tab closed).
fn sync_until(device: &mut Device, remote: &mut Remote, mut stop: impl FnMut(&Action) -> bool) -> Trace {
    sync_with(device, remote, |action, _| stop(action))
}

/// Runs one sync of `device`; before each action `hook` may act as the user (and `true` ends the
/// run there).
fn sync_with(device: &mut Device, remote: &mut Remote, mut hook: impl FnMut(&Action, &mut Device) -> bool) -> Trace {
    let mut run = Run::new(&device.config);
    let mut trace = Trace::default();
    let mut action = run.next(Input::Start);
    for _ in 0..10_000 {
        if hook(&action, device) {
            return trace;
        }
        let input = match &action {
            Action::Send(request) => {
                let route = request.path.split('?').next().unwrap_or_default();
                trace.requests.push(format!("{} {route}", request.method.as_str()));
                Input::Reply(remote.send(request))
            }
            Action::Wait { ms } => {
                std::thread::sleep(Duration::from_millis((*ms).min(200)));
                Input::Waited
            }
            Action::Done(result) => {
                trace.outcome = Some(result.clone());
                return trace;
            }
            Action::Apply(batch) => {
                let input = device.perform(&action);
                if input == Input::Written {
                    trace.writes += batch.writes.len();
                }
                input
            }
            local => device.perform(local),
        };
        action = run.next(input);
    }
    panic!("the run never ended; requests: {:?}", trace.requests);
}

fn sync(device: &mut Device, remote: &mut Remote) -> Trace {
    sync_until(device, remote, |_| false)
}

/// A sync that must find nothing to do in either direction: nothing sent, nothing written. (It
/// may still fetch a revision it lacks: after a conflict is settled, the deletion closing the
/// losing branch is no longer in the settling device's outbox, so its next pull fetches it once
/// from `_bulk_get` and finds nothing to change.)
#[track_caller]
fn sync_quiet(device: &mut Device, remote: &mut Remote) -> Trace {
    let trace = sync(device, remote);
    let summary = trace.summary();
    assert_eq!((summary.pushed, summary.pulled, summary.conflicts), (0, 0, 0), "{trace:?}");
    assert!(!summary.first_contact, "the server knows this device");
    assert_eq!((trace.sent("POST _bulk_docs"), trace.writes), (0, 0), "{trace:?}");
    assert!(device.outbox.is_empty());
    trace
}

fn customer(key: &str) -> DocId {
    DocId::new(Collection::Customers, key)
}

fn visit(key: &str) -> DocId {
    DocId::new(Collection::Visits, key)
}

fn person(name: &str, updated_at: &str) -> Value {
    json!({"name": name, "phones": ["13800000000"], "updated_at": updated_at})
}

/// The admin's set-up: the agent's user (once per server start) and a database whose only
/// member is the agent (the stand-in has no couch_peruser; docs/sync-server.md).
fn create_user(admin: &Session) {
    let user = json!({"name": AGENT.0, "password": AGENT.1, "roles": [], "type": "user"});
    expect(&admin.send("PUT", &format!("/_users/org.couchdb.user:{}", AGENT.0), Some(&user)), 201);
}

fn create_db(admin: &Session, db: &str) {
    expect(&admin.send("PUT", &format!("/{db}"), None), 201);
    let security = json!({"admins": {"names": [], "roles": []}, "members": {"names": [AGENT.0], "roles": []}});
    expect(&admin.send("PUT", &format!("/{db}/_security"), Some(&security)), 200);
}

/// The server's view of a database: each record of ours with its leaf revisions (deleted ones
/// included), from `_changes?style=all_docs`.
fn server_leaves(admin: &Session, db: &str) -> BTreeMap<String, Vec<String>> {
    let changes = expect(&admin.get(&format!("/{db}/_changes?style=all_docs")), 200);
    let rows = changes["results"].as_array().cloned().unwrap_or_default();
    let mut leaves = BTreeMap::new();
    for row in rows.iter().filter(|row| row["id"].as_str().and_then(DocId::parse).is_some()) {
        let revs: Vec<String> = row["changes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c["rev"].as_str().map(String::from))
            .collect();
        let id = row["id"].as_str().unwrap_or_default().to_string();
        assert!(leaves.insert(id.clone(), revs).is_none(), "{id} listed twice in _changes: {changes}");
    }
    leaves
}

/// Live documents of ours (`_all_docs`, design documents and foreign ids left out).
fn live_docs(admin: &Session, db: &str) -> u64 {
    let all = expect(&admin.get(&format!("/{db}/_all_docs")), 200);
    let rows = all["rows"].as_array().cloned().unwrap_or_default();
    rows.iter().filter(|row| row["id"].as_str().and_then(DocId::parse).is_some()).count() as u64
}

#[test]
fn the_engine_syncs_through_the_stand_in() {
    if skip_unless_installed() {
        return;
    }
    let mut servers = Servers::start("sync-stand-in");
    let port = servers.port;
    let admin = Session::login(port, common::ADMIN.0, common::ADMIN.1);
    create_user(&admin);

    let (mut phone, mut laptop) = (Device::new("phone-1").small_batches(), Device::new("laptop-1").small_batches());
    create_db(&admin, "huifang-agent");
    two_devices_converge(&admin, &mut phone, &mut laptop);
    a_deletion_travels(&admin, &mut phone, &mut laptop);
    a_conflict_is_shown_and_settled(&admin, &mut phone, &mut laptop);
    newer_wins_settles_by_itself(&admin);
    an_edit_during_a_pull_is_not_overwritten(&admin);
    an_interrupted_push_is_not_duplicated(&admin);
    a_database_of_someone_else_is_refused(&admin);
    a_signed_out_session_keeps_the_outbox(&admin);
    servers.assert_alive();
    a_restarted_server_is_filled_again(&mut servers, &mut phone, &mut laptop);
    servers.assert_alive();
}

/// 1. The phone makes customers and visits and edits one; after it syncs and the laptop syncs,
///    the laptop holds exactly the phone's records, and syncing again does nothing.
fn two_devices_converge(admin: &Session, phone: &mut Device, laptop: &mut Device) {
    let port = admin.port;
    phone.save(&customer("c1"), Some(person("张伟", "2026-02-17T09:00:00")));
    phone.save(&customer("c2"), Some(person("李娜", "2026-02-17T09:01:00")));
    phone.save(&visit("v1"), Some(json!({"customer_id": "c1", "note": "首访"})));
    phone.save(&visit("v2"), Some(json!({"customer_id": "c2", "note": "回访"})));
    phone.save(&customer("c1"), Some(person("张伟（老客户）", "2026-02-17T09:05:00")));
    assert_eq!(phone.outbox.len(), 5);

    let mut phone_remote = Remote::sign_in(port, "huifang-agent");
    let first_run = sync(phone, &mut phone_remote);
    assert_eq!(first_run.sent("POST _bulk_docs"), 2, "two batches of at most two");
    assert_eq!(first_run.sent("PUT _local/huifang-push-phone-1"), 2, "the checkpoint moved after each");
    let first = first_run.summary();
    assert_eq!((first.pushed, first.pulled), (4, 0), "c1's two saves are one revision with its history");
    assert!(first.first_contact);
    assert!(phone.outbox.is_empty(), "everything pushed leaves the outbox");
    assert_eq!(live_docs(admin, "huifang-agent"), 4);
    let checkpoint = expect(&admin.get("/huifang-agent/_local/huifang-push-phone-1"), 200);
    assert_eq!(checkpoint["last_seq"], 5, "every outbox entry, by its seq: {checkpoint}");

    // Documents that are not records of ours (a design document, a foreign id) are passed over.
    expect(&admin.send("PUT", "/huifang-agent/_design/app", Some(&json!({"views": {}}))), 201);
    expect(&admin.send("PUT", "/huifang-agent/orders:1", Some(&json!({"total": 3}))), 201);

    let mut laptop_remote = Remote::sign_in(port, "huifang-agent");
    let pull_run = sync(laptop, &mut laptop_remote);
    // Six changes in pages of two, then an empty page: the stand-in's integer sequences go
    // back as `since` and, without `pending`, a full page means "ask again".
    assert_eq!(pull_run.sent("GET _changes"), 4, "{pull_run:?}");
    assert_eq!(pull_run.sent("PUT _local/huifang-pull-laptop-1"), 3);
    let pulled = pull_run.summary();
    assert_eq!((pulled.pushed, pulled.pulled, pulled.conflicts, pulled.first_contact), (0, 4, 0, true));
    assert_eq!(laptop.records, phone.records, "the same records, bodies and revision histories");
    assert_eq!(laptop.name(&customer("c1")), Some("张伟（老客户）"));

    for trace in [
        sync_quiet(phone, &mut phone_remote),
        sync_quiet(laptop, &mut laptop_remote),
        sync_quiet(phone, &mut phone_remote),
    ] {
        assert_eq!(trace.sent("POST _bulk_get"), 0, "every revision on the server is known: {trace:?}");
    }
}

/// 2. A visit deleted on the laptop is gone from the phone too (its tombstone kept).
fn a_deletion_travels(admin: &Session, phone: &mut Device, laptop: &mut Device) {
    let port = admin.port;
    let (mut phone_remote, mut laptop_remote) =
        (Remote::sign_in(port, "huifang-agent"), Remote::sign_in(port, "huifang-agent"));
    laptop.save(&visit("v2"), None);
    assert_eq!(sync(laptop, &mut laptop_remote).summary().pushed, 1);
    assert_eq!(live_docs(admin, "huifang-agent"), 3);
    let pulled = sync(phone, &mut phone_remote).summary();
    assert_eq!(pulled.pulled, 1);
    assert!(phone.records[&visit("v2")].is_deleted(), "deleted on the phone, tombstone kept");
    assert_eq!(phone.records, laptop.records);
    sync_quiet(laptop, &mut laptop_remote);
    sync_quiet(phone, &mut phone_remote);
}

/// 3. One customer edited on both devices before either syncs: the device that syncs second sees
///    a conflict with both versions; keeping its own makes both devices hold that version.
fn a_conflict_is_shown_and_settled(admin: &Session, phone: &mut Device, laptop: &mut Device) {
    let port = admin.port;
    let (mut phone_remote, mut laptop_remote) =
        (Remote::sign_in(port, "huifang-agent"), Remote::sign_in(port, "huifang-agent"));
    let c2 = customer("c2");
    phone.save(&c2, Some(person("李娜（手机改）", "2026-02-19T09:00:00")));
    laptop.save(&c2, Some(person("李娜（电脑改）", "2026-02-19T10:00:00")));

    assert_eq!(sync(phone, &mut phone_remote).summary().pushed, 1);
    let second = sync(laptop, &mut laptop_remote).summary();
    assert_eq!(second.conflicts, 1, "the laptop is told");
    let conflict = laptop.conflicts.get(&c2).expect("a conflict kept for the user").clone();
    let name = |v: &Version| v.body.as_ref().and_then(|b| b["name"].as_str()).map(String::from);
    assert_eq!(name(&conflict.mine).as_deref(), Some("李娜（电脑改）"));
    assert_eq!(conflict.theirs.iter().map(name).collect::<Vec<_>>(), [Some("李娜（手机改）".to_string())]);
    assert_eq!(laptop.name(&c2), Some("李娜（电脑改）"), "nothing decided silently");
    assert_eq!(server_leaves(admin, "huifang-agent")[&c2.to_string()].len(), 2, "both versions on the server");

    laptop.settle(&c2, Choice::KeepMine);
    assert_eq!(sync(laptop, &mut laptop_remote).summary().pushed, 1, "the losing version closed");
    let taken = sync(phone, &mut phone_remote).summary();
    assert_eq!((taken.pulled, taken.conflicts), (1, 0), "the phone takes the settled version without asking");
    assert_eq!(phone.records[&c2], laptop.records[&c2]);
    assert_eq!(phone.name(&c2), Some("李娜（电脑改）"));
    assert!(phone.conflicts.is_empty() && laptop.conflicts.is_empty());
    let doc = expect(&admin.get(&format!("/huifang-agent/{c2}?conflicts=true")), 200);
    assert_eq!(doc["record"]["name"], "李娜（电脑改）");
    assert!(doc.get("_conflicts").is_none(), "one live version left on the server: {doc}");
    assert_eq!(phone.records, laptop.records);
    sync_quiet(laptop, &mut laptop_remote);
    sync_quiet(phone, &mut phone_remote);
}

/// With "newer wins" chosen, the device that syncs second settles a conflict itself by
/// `updated_at`, whichever side is newer, and both devices end with the newer version.
fn newer_wins_settles_by_itself(admin: &Session) {
    let db = "huifang-newer";
    create_db(admin, db);
    let (mut phone, mut laptop) = (Device::new("phone-2"), Device::new("laptop-2"));
    phone.config.policy = Policy::NewerWins;
    laptop.config.policy = Policy::NewerWins;
    let (mut phone_remote, mut laptop_remote) = (Remote::sign_in(admin.port, db), Remote::sign_in(admin.port, db));
    let n1 = customer("n1");
    phone.save(&n1, Some(person("周杰", "2026-02-17T09:00:00")));
    sync(&mut phone, &mut phone_remote).summary();
    sync(&mut laptop, &mut laptop_remote).summary();

    // The laptop's edit is newer and the laptop syncs second: it keeps its own.
    phone.save(&n1, Some(person("周杰 手机", "2026-02-18T10:00:00")));
    laptop.save(&n1, Some(person("周杰 电脑", "2026-02-18T11:00:00")));
    sync(&mut phone, &mut phone_remote).summary();
    let settled = sync(&mut laptop, &mut laptop_remote).summary();
    assert_eq!((settled.conflicts, settled.pushed), (0, 2), "its edit, and the deletion of the phone's");
    assert!(laptop.conflicts.is_empty());
    sync(&mut phone, &mut phone_remote).summary();
    assert_eq!(phone.name(&n1), Some("周杰 电脑"));
    assert_eq!(phone.records, laptop.records);

    // The phone's edit is newer and the laptop syncs second: it takes the phone's, and closes its
    // own unsent edit (which reaches the server only as the ancestor of that deletion).
    phone.save(&n1, Some(person("周杰 手机2", "2026-02-19T12:00:00")));
    laptop.save(&n1, Some(person("周杰 电脑2", "2026-02-19T11:30:00")));
    sync(&mut phone, &mut phone_remote).summary();
    let settled = sync(&mut laptop, &mut laptop_remote).summary();
    assert_eq!((settled.conflicts, settled.pulled), (0, 1));
    assert_eq!(laptop.name(&n1), Some("周杰 手机2"));
    let again = sync(&mut phone, &mut phone_remote).summary();
    assert_eq!((again.pulled, again.conflicts), (0, 0), "the phone's version stayed the winner");
    assert_eq!(phone.records, laptop.records);
    let doc = expect(&admin.get(&format!("/{db}/{n1}?conflicts=true")), 200);
    assert_eq!(doc["record"]["name"], "周杰 手机2");
    assert!(doc.get("_conflicts").is_none(), "{doc}");
    sync_quiet(&mut laptop, &mut laptop_remote);
    sync_quiet(&mut phone, &mut phone_remote);
}

/// The user saves a record while a pull is about to write the other device's version of it:
/// the page is not applied over the save (`Stale`), it is read again, and the two versions are
/// shown as a conflict.
fn an_edit_during_a_pull_is_not_overwritten(admin: &Session) {
    let db = "huifang-stale";
    create_db(admin, db);
    let (mut phone, mut laptop) = (Device::new("phone-3"), Device::new("laptop-3"));
    let (mut phone_remote, mut laptop_remote) = (Remote::sign_in(admin.port, db), Remote::sign_in(admin.port, db));
    let s1 = customer("s1");
    phone.save(&s1, Some(person("吴磊", "2026-02-17T09:00:00")));
    sync(&mut phone, &mut phone_remote).summary();
    sync(&mut laptop, &mut laptop_remote).summary();
    phone.save(&s1, Some(person("吴磊 手机", "2026-02-18T09:00:00")));
    sync(&mut phone, &mut phone_remote).summary();

    let mut typed = false;
    let trace = sync_with(&mut laptop, &mut laptop_remote, |action, device| {
        if matches!(action, Action::Apply(_)) && !typed {
            typed = true;
            device.save(&s1, Some(person("吴磊 电脑", "2026-02-18T09:30:00")));
        }
        false
    });
    let summary = trace.summary();
    assert_eq!(summary.conflicts, 1, "{trace:?}");
    assert_eq!(laptop.name(&s1), Some("吴磊 电脑"), "the save survives");
    let theirs: Vec<_> =
        laptop.conflicts[&s1].theirs.iter().map(|v| v.body.as_ref().map(|b| b["name"].clone())).collect();
    assert_eq!(theirs, [Some(json!("吴磊 手机"))]);
}

/// 4. A push cut off after `_bulk_docs` answered but before its checkpoint: the next run sends
///    nothing twice, the server holds each record once, the outbox ends empty.
fn an_interrupted_push_is_not_duplicated(admin: &Session) {
    let db = "huifang-interrupt";
    create_db(admin, db);
    let mut tablet = Device::new("tablet-1").small_batches();
    for key in ["a", "b", "c"] {
        tablet.save(&customer(key), Some(person(key, "2026-02-17T09:00:00")));
    }
    tablet.save(&customer("a"), Some(person("a2", "2026-02-17T09:10:00")));
    let mut remote = Remote::sign_in(admin.port, db);
    let cut = sync_until(
        &mut tablet,
        &mut remote,
        |action| matches!(action, Action::Send(r) if r.method == Method::Put && r.path.starts_with("_local/huifang-push-")),
    );
    assert_eq!(cut.sent("POST _bulk_docs"), 1, "{cut:?}");
    assert!(cut.outcome.is_none());
    assert_eq!(tablet.outbox.len(), 4, "nothing removed before the checkpoint");
    assert_eq!(live_docs(admin, db), 2, "the first batch (a with its two saves, b) is on the server");

    let again = sync(&mut tablet, &mut remote);
    assert_eq!(again.summary().pushed, 1, "only c, which never went: _revs_diff says a and b are there");
    assert_eq!(again.sent("POST _revs_diff"), 2, "{again:?}");
    assert_eq!(again.sent("POST _bulk_docs"), 1, "{again:?}");
    assert!(tablet.outbox.is_empty());
    let leaves = server_leaves(admin, db);
    assert_eq!(leaves.len(), 3, "{leaves:?}");
    for (id, version) in &tablet.records {
        assert_eq!(leaves[&id.to_string()], [version.path.rev().to_string()], "{id}: one revision, ours");
    }
    assert_eq!(live_docs(admin, db), 3);
}

/// 5. Signed out (or a cookie the server does not know): the run ends asking to sign in again,
///    and the unsent records wait in the outbox; after signing in they go up.
fn a_signed_out_session_keeps_the_outbox(admin: &Session) {
    let db = "huifang-signout";
    create_db(admin, db);
    let mut desk = Device::new("desk-1");
    desk.save(&customer("d1"), Some(person("王芳", "2026-02-17T09:00:00")));
    desk.save(&visit("dv1"), Some(json!({"customer_id": "d1"})));
    let mut remote = Remote::sign_in(admin.port, db);
    let out = session::sign_out();
    assert_eq!(remote.send(&out).map(|r| r.status), Ok(200));
    assert!(remote.cookie.is_empty(), "the browser dropped the cookie");
    let outcome = sync(&mut desk, &mut remote).outcome;
    assert_eq!(outcome, Some(Err(SyncError::NeedsLogin)));
    assert_eq!(desk.outbox.len(), 2, "nothing lost");

    remote.cookie = "AuthSession=bm90LWEtc2Vzc2lvbg".to_string();
    assert_eq!(sync(&mut desk, &mut remote).outcome, Some(Err(SyncError::NeedsLogin)));
    assert_eq!(desk.outbox.len(), 2);
    assert_eq!(live_docs(admin, db), 0);

    let mut remote = Remote::sign_in(admin.port, db);
    assert_eq!(sync(&mut desk, &mut remote).summary().pushed, 2);
    assert!(desk.outbox.is_empty());
    assert_eq!(live_docs(admin, db), 2);
}

/// A signed-in user syncing a database they are not a member of is told so, not asked to sign
/// in again (the stand-in answers 401 where CouchDB answers 403; the engine asks `_session`).
fn a_database_of_someone_else_is_refused(admin: &Session) {
    let db = "huifang-someone-else";
    expect(&admin.send("PUT", &format!("/{db}"), None), 201);
    let security = json!({"admins": {"names": [], "roles": []}, "members": {"names": ["someone-else"], "roles": []}});
    expect(&admin.send("PUT", &format!("/{db}/_security"), Some(&security)), 200);
    let mut device = Device::new("intruder-1");
    device.save(&customer("x"), Some(person("x", "2026-02-17T09:00:00")));
    let mut remote = Remote::sign_in(admin.port, db);
    let trace = sync(&mut device, &mut remote);
    assert_eq!(trace.outcome, Some(Err(SyncError::Forbidden)), "{trace:?}");
    assert_eq!(device.outbox.len(), 1);
    assert_eq!(live_docs(admin, db), 0);
}

/// 6. The stand-in restarted (everything it had is gone); the set-up makes the user and the
///    database again. The old cookie no longer counts (the stand-in signs cookies with a secret
///    made at start): the run asks to sign in again. Signed in, the run says the server does
///    not know this device (`first_contact`); a device that synced before then queues all its
///    records, and the next run puts them back. Nothing is lost and both devices agree.
fn a_restarted_server_is_filled_again(servers: &mut Servers, phone: &mut Device, laptop: &mut Device) {
    let port = servers.port;
    let db = "huifang-agent";
    let mut old = Remote::sign_in(port, db);
    servers.restart_couch();
    let admin = Session::login(port, common::ADMIN.0, common::ADMIN.1);
    create_user(&admin);
    create_db(&admin, db);
    let before = phone.records.clone();

    assert_eq!(sync(phone, &mut old).outcome, Some(Err(SyncError::NeedsLogin)));

    let mut phone_remote = Remote::sign_in(port, db);
    let forgot = sync(phone, &mut phone_remote).summary();
    assert_eq!((forgot.first_contact, forgot.pushed, forgot.pulled), (true, 0, 0));
    assert_eq!(phone.records, before, "the device loses nothing");
    phone.requeue_all();
    let refill = sync(phone, &mut phone_remote).summary();
    assert_eq!((refill.first_contact, refill.pushed), (false, before.len()), "every record, tombstones too");
    assert_eq!(live_docs(&admin, db), before.values().filter(|v| !v.is_deleted()).count() as u64);

    let mut laptop_remote = Remote::sign_in(port, db);
    let other = sync(laptop, &mut laptop_remote).summary();
    assert_eq!((other.first_contact, other.pulled, other.conflicts), (true, 0, 0), "nothing new for the laptop");
    laptop.requeue_all();
    assert_eq!(sync(laptop, &mut laptop_remote).summary().pushed, 0, "the phone already put it all back");
    assert_eq!(laptop.records, phone.records);
    let leaves = server_leaves(&admin, db);
    assert_eq!(leaves.len(), before.len());
    for (id, version) in &phone.records {
        assert_eq!(leaves[&id.to_string()], [version.path.rev().to_string()], "{id}");
    }
    sync_quiet(phone, &mut phone_remote);
    sync_quiet(laptop, &mut laptop_remote);
}
