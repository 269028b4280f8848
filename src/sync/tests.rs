//! The engine against the fake server, with devices as in-memory books that apply what the
//! engine hands them the way the IndexedDB integration will (one batch, all or nothing).

use super::fake::{FakeCouch, Fault};
use super::memory::MemoryBook;
use super::*;
use crate::domain::exchange::merge::Choice;
use serde_json::{Value, json};

/// One device: its book in memory ([`MemoryBook`]) and how it syncs.
struct Book {
    device: DeviceId,
    book: MemoryBook,
    policy: Policy,
    limits: Limits,
}

impl std::ops::Deref for Book {
    type Target = MemoryBook;
    fn deref(&self) -> &MemoryBook {
        &self.book
    }
}

impl std::ops::DerefMut for Book {
    fn deref_mut(&mut self) -> &mut MemoryBook {
        &mut self.book
    }
}

fn customer(key: &str) -> DocId {
    DocId::new(Collection::Customers, key)
}

fn record(name: &str, updated_at: &str) -> Value {
    json!({"name": name, "updated_at": updated_at})
}

impl Book {
    fn new(device: &str) -> Book {
        Book {
            device: DeviceId::new(device).unwrap(),
            book: MemoryBook::default(),
            policy: Policy::Ask,
            limits: Limits::default(),
        }
    }

    fn config(&self) -> Config {
        Config { device: self.device.clone(), policy: self.policy, limits: self.limits }
    }
}

/// What one run looked like from outside.
#[derive(Debug, Default)]
struct Trace {
    outcome: Option<Result<Summary, SyncError>>,
    waits: Vec<u64>,
    batches: Vec<Batch>,
    requests: Vec<Request>,
}

/// Runs a sync of `book` against `server`; `stop` ends it before an action is carried out (the
/// tab closed there).
fn sync_until(book: &mut Book, server: &mut FakeCouch, mut stop: impl FnMut(&Action) -> bool) -> Trace {
    let mut run = Run::new(&book.config());
    let mut trace = Trace::default();
    let mut action = run.next(Input::Start);
    for _ in 0..10_000 {
        if stop(&action) {
            return trace;
        }
        match &action {
            Action::Wait { ms } => trace.waits.push(*ms),
            Action::Apply(batch) => trace.batches.push(batch.clone()),
            Action::Send(request) => trace.requests.push(request.clone()),
            _ => {}
        }
        let input = match &action {
            Action::Send(request) => Input::Reply(server.handle(request)),
            Action::Wait { .. } => Input::Waited,
            Action::Done(result) => {
                trace.outcome = Some(result.clone());
                return trace;
            }
            other => book.perform(other).expect("a local action"),
        };
        action = run.next(input);
    }
    panic!("the run never ended");
}

fn sync(book: &mut Book, server: &mut FakeCouch) -> Trace {
    sync_until(book, server, |_| false)
}

fn synced(book: &mut Book, server: &mut FakeCouch) -> Summary {
    match sync(book, server).outcome {
        Some(Ok(summary)) => summary,
        other => panic!("sync failed: {other:?}"),
    }
}

#[test]
fn two_devices_become_one_book() {
    let mut server = FakeCouch::default();
    let (mut phone, mut laptop) = (Book::new("phone"), Book::new("laptop"));
    phone.save(&customer("a"), Some(record("张伟", "2026-02-17T09:00:00")));
    phone.save(&customer("b"), Some(record("李娜", "2026-02-17T09:01:00")));
    laptop.save(&DocId::new(Collection::Visits, "v1"), Some(json!({"customer_id": "a"})));

    assert_eq!(synced(&mut phone, &mut server).pushed, 2);
    let laptop_run = synced(&mut laptop, &mut server);
    assert_eq!((laptop_run.pulled, laptop_run.pushed), (2, 1));
    assert_eq!(synced(&mut phone, &mut server).pulled, 1);

    assert_eq!(phone.records, laptop.records, "the same records at the same revisions");
    assert_eq!(laptop.name(&customer("a")), Some("张伟"));
    assert!(phone.outbox.is_empty() && laptop.outbox.is_empty());

    // An edit and a deletion on one device reach the other.
    laptop.save(&customer("a"), Some(record("张伟（老客户）", "2026-02-18T09:00:00")));
    laptop.save(&customer("b"), None);
    synced(&mut laptop, &mut server);
    synced(&mut phone, &mut server);
    assert_eq!(phone.name(&customer("a")), Some("张伟（老客户）"));
    assert!(phone.records[&customer("b")].is_deleted(), "deleted, and the tombstone kept");
    assert_eq!(phone.records, laptop.records);
    assert!(phone.conflicts.is_empty() && laptop.conflicts.is_empty());
}

#[test]
fn several_edits_before_a_sync_travel_as_one_revision_with_its_history() {
    let mut server = FakeCouch::default();
    let mut phone = Book::new("phone");
    for n in 0..3 {
        phone.save(&customer("a"), Some(record(&format!("v{n}"), "2026-02-17T09:00:00")));
    }
    assert_eq!(synced(&mut phone, &mut server).pushed, 1);
    assert!(phone.outbox.is_empty(), "all three entries went with it");
    assert_eq!(server.leaves("customers:a").len(), 1);
    let mut laptop = Book::new("laptop");
    synced(&mut laptop, &mut server);
    assert_eq!(laptop.name(&customer("a")), Some("v2"));
    assert_eq!(laptop.records[&customer("a")].path.ids().len(), 3, "the whole history came along");
}

#[test]
fn a_push_cut_off_after_the_server_stored_it_is_repeated_without_a_duplicate() {
    let mut server = FakeCouch::default();
    let mut phone = Book::new("phone");
    phone.save(&customer("a"), Some(record("张伟", "2026-02-17T09:00:00")));
    phone.save(&customer("b"), Some(record("李娜", "2026-02-17T09:00:00")));
    server.fail("_bulk_docs", Fault::LoseAnswer, 1);

    assert_eq!(sync(&mut phone, &mut server).outcome, Some(Err(SyncError::Offline)));
    assert_eq!(phone.outbox.len(), 2, "nothing is removed before the server confirms");
    assert_eq!(server.stored("customers:a"), 1);

    let again = synced(&mut phone, &mut server);
    assert_eq!(again.pushed, 0, "_revs_diff says the server has them");
    assert_eq!(server.count("POST _bulk_docs"), 1);
    assert_eq!((server.stored("customers:a"), server.stored("customers:b")), (1, 1));
    assert!(phone.outbox.is_empty());
}

#[test]
fn entries_the_checkpoint_covers_are_removed_without_being_sent_again() {
    let mut server = FakeCouch::default();
    let mut phone = Book::new("phone");
    phone.save(&customer("a"), Some(record("张伟", "2026-02-17T09:00:00")));
    // The tab closes after the checkpoint is written, before the outbox entry is removed.
    let cut = sync_until(&mut phone, &mut server, |a| matches!(a, Action::Remove(_)));
    assert!(cut.outcome.is_none());
    assert_eq!(phone.outbox.len(), 1);

    let requests_before = server.log.len();
    synced(&mut phone, &mut server);
    assert!(phone.outbox.is_empty());
    let again: Vec<&String> = server.log[requests_before..].iter().collect();
    assert!(!again.iter().any(|r| r.contains("_revs_diff") || r.contains("_bulk_docs")), "{again:?}");
}

#[test]
fn a_long_first_sync_shows_progress_and_resumes_where_it_stopped() {
    let mut server = FakeCouch::default();
    let mut phone = Book::new("phone");
    for n in 0..250 {
        phone.save(&customer(&format!("c{n:03}")), Some(record(&format!("客户{n}"), "2026-02-17T09:00:00")));
    }
    synced(&mut phone, &mut server);

    let mut laptop = Book::new("laptop");
    laptop.limits = Limits { pull_changes: 100, ..Limits::default() };
    let mut applied = 0;
    // Interrupted as the third page is handed over: two pages are in, and checkpointed.
    let first = sync_until(&mut laptop, &mut server, |a| {
        applied += usize::from(matches!(a, Action::Apply(_)));
        applied == 3
    });
    let progress: Vec<Progress> = first.batches.iter().map(|b| b.progress).collect();
    assert_eq!(
        progress,
        [Progress { done: 100, total: Some(250) }, Progress { done: 200, total: Some(250) }],
        "progress as the server counts it"
    );
    assert_eq!(laptop.records.len(), 200);

    let second = sync(&mut laptop, &mut server);
    let first_since = second.requests.iter().find(|r| r.path.starts_with("_changes")).map(|r| r.path.clone());
    assert!(first_since.is_some_and(|p| p.contains("since=200-g1AAAAfake")), "resumed from the checkpoint");
    assert_eq!(laptop.records.len(), 250);
    assert_eq!(laptop.pulled.len(), 250, "no record written twice");
}

#[test]
fn a_page_applied_but_not_checkpointed_writes_nothing_the_second_time() {
    let mut server = FakeCouch::default();
    let mut phone = Book::new("phone");
    phone.save(&customer("a"), Some(record("张伟", "2026-02-17T09:00:00")));
    synced(&mut phone, &mut server);

    let mut laptop = Book::new("laptop");
    let is_pull_checkpoint_write =
        |a: &Action| matches!(a, Action::Send(r) if r.method == http::Method::Put && r.path.contains("pull"));
    let cut = sync_until(&mut laptop, &mut server, is_pull_checkpoint_write);
    assert!(cut.outcome.is_none());
    assert_eq!(laptop.pulled.len(), 1, "the page is in, its checkpoint is not");

    let again = sync(&mut laptop, &mut server);
    assert!(again.requests.iter().any(|r| r.path.contains("since=0&")), "started over from the last checkpoint");
    assert_eq!(again.outcome.map(|r| r.map(|s| s.pulled)), Some(Ok(0)), "every revision was already there");
    assert_eq!(laptop.pulled.len(), 1);
}

/// The same customer edited on both devices since their last sync.
fn edited_on_both(server: &mut FakeCouch) -> (Book, Book) {
    let (mut phone, mut laptop) = (Book::new("phone"), Book::new("laptop"));
    phone.save(&customer("a"), Some(record("张伟", "2026-02-17T09:00:00")));
    synced(&mut phone, server);
    synced(&mut laptop, server);
    phone.save(&customer("a"), Some(record("张伟 138", "2026-02-18T10:00:00")));
    laptop.save(&customer("a"), Some(record("张伟 139", "2026-02-18T11:00:00")));
    (phone, laptop)
}

#[test]
fn the_same_record_edited_on_both_devices_shows_both_versions_and_overwrites_nothing() {
    let mut server = FakeCouch::default();
    let (mut phone, mut laptop) = edited_on_both(&mut server);
    assert_eq!(synced(&mut phone, &mut server).conflicts, 0);
    let laptop_run = synced(&mut laptop, &mut server);
    assert_eq!(laptop_run.conflicts, 1);
    let conflict = &laptop.conflicts[&customer("a")];
    assert_eq!(conflict.mine.body.as_ref().unwrap()["name"], "张伟 139");
    assert_eq!(conflict.theirs.len(), 1);
    assert_eq!(conflict.theirs[0].body.as_ref().unwrap()["name"], "张伟 138");
    assert_eq!(laptop.name(&customer("a")), Some("张伟 139"), "mine stays until the user chooses");

    // The laptop's edit went up beside the phone's; the phone sees the conflict too.
    synced(&mut phone, &mut server);
    assert_eq!(phone.name(&customer("a")), Some("张伟 138"));
    let on_phone = &phone.conflicts[&customer("a")];
    assert_eq!(on_phone.theirs[0].body.as_ref().unwrap()["name"], "张伟 139");
}

#[test]
fn keep_mine_settles_the_conflict_on_every_device() {
    let mut server = FakeCouch::default();
    let (mut phone, mut laptop) = edited_on_both(&mut server);
    synced(&mut phone, &mut server);
    synced(&mut laptop, &mut server);
    laptop.settle(&customer("a"), Choice::KeepMine);
    synced(&mut laptop, &mut server);
    synced(&mut phone, &mut server);

    assert_eq!(phone.name(&customer("a")), Some("张伟 139"));
    assert_eq!(phone.records, laptop.records);
    assert!(phone.conflicts.is_empty() && laptop.conflicts.is_empty());
    let live: Vec<_> = server.leaves("customers:a").into_iter().filter(|(_, deleted)| !deleted).collect();
    assert_eq!(live.len(), 1, "one version left with content");
    // And it stays settled: another round finds nothing.
    assert_eq!(synced(&mut phone, &mut server).conflicts + synced(&mut laptop, &mut server).conflicts, 0);
    // The closed branch stays on the server; an ordinary edit later is not taken for a conflict.
    phone.save(&customer("a"), Some(record("张伟 139 已回访", "2026-02-19T09:00:00")));
    synced(&mut phone, &mut server);
    assert_eq!(synced(&mut laptop, &mut server).conflicts, 0);
    assert_eq!(laptop.name(&customer("a")), Some("张伟 139 已回访"));
}

#[test]
fn take_theirs_settles_the_conflict_even_with_mine_still_unsent() {
    let mut server = FakeCouch::default();
    let (mut phone, mut laptop) = edited_on_both(&mut server);
    synced(&mut phone, &mut server);
    // The laptop pulls only: its edit is still in the outbox when it takes the phone's.
    let pulled = sync_until(&mut laptop, &mut server, |a| matches!(a, Action::ReadOutbox));
    assert_eq!(pulled.batches[0].conflicts.len(), 1);
    laptop.settle(&customer("a"), Choice::TakeTheirs);
    assert_eq!(laptop.name(&customer("a")), Some("张伟 138"));
    synced(&mut laptop, &mut server);
    synced(&mut phone, &mut server);

    assert_eq!(phone.name(&customer("a")), Some("张伟 138"));
    assert_eq!(phone.records, laptop.records);
    assert!(phone.conflicts.is_empty() && laptop.conflicts.is_empty());
    let live: Vec<_> = server.leaves("customers:a").into_iter().filter(|(_, deleted)| !deleted).collect();
    assert_eq!(live.len(), 1);
}

#[test]
fn newer_wins_only_when_the_user_chose_it() {
    let mut server = FakeCouch::default();
    let (mut phone, mut laptop) = edited_on_both(&mut server);
    laptop.policy = Policy::NewerWins;
    synced(&mut laptop, &mut server);
    let phone_run = synced(&mut phone, &mut server);
    assert_eq!(phone_run.conflicts, 1, "the phone asks: the user left it on Ask there");
    assert_eq!(phone.name(&customer("a")), Some("张伟 138"));

    let mut server = FakeCouch::default();
    let (mut phone, mut laptop) = edited_on_both(&mut server);
    laptop.policy = Policy::NewerWins;
    phone.policy = Policy::NewerWins;
    synced(&mut phone, &mut server);
    let laptop_run = synced(&mut laptop, &mut server);
    assert_eq!(laptop_run.conflicts, 0);
    assert_eq!(laptop.name(&customer("a")), Some("张伟 139"), "11:00 is newer than 10:00");
    synced(&mut phone, &mut server);
    assert_eq!(phone.name(&customer("a")), Some("张伟 139"));
    assert_eq!(phone.records, laptop.records);
    assert!(phone.conflicts.is_empty());
}

#[test]
fn a_deletion_on_one_device_and_an_edit_on_the_other_is_a_conflict() {
    let mut server = FakeCouch::default();
    let (mut phone, mut laptop) = (Book::new("phone"), Book::new("laptop"));
    phone.save(&customer("a"), Some(record("张伟", "2026-02-17T09:00:00")));
    synced(&mut phone, &mut server);
    synced(&mut laptop, &mut server);
    phone.save(&customer("a"), None);
    laptop.save(&customer("a"), Some(record("张伟 VIP", "2026-02-18T09:00:00")));
    synced(&mut phone, &mut server);
    assert_eq!(synced(&mut laptop, &mut server).conflicts, 1);
    let conflict = &laptop.conflicts[&customer("a")];
    assert!(conflict.theirs[0].is_deleted(), "theirs is the deletion");
    assert_eq!(laptop.name(&customer("a")), Some("张伟 VIP"), "not deleted behind the user's back");

    laptop.settle(&customer("a"), Choice::KeepMine);
    synced(&mut laptop, &mut server);
    synced(&mut phone, &mut server);
    assert_eq!(phone.name(&customer("a")), Some("张伟 VIP"));
    assert!(phone.conflicts.is_empty() && laptop.conflicts.is_empty());
    assert_eq!(synced(&mut phone, &mut server).conflicts, 0, "settled for good");
}

#[test]
fn an_expired_session_stops_the_sync_and_keeps_the_outbox() {
    let mut server = FakeCouch::default();
    let mut phone = Book::new("phone");
    phone.save(&customer("a"), Some(record("张伟", "2026-02-17T09:00:00")));
    server.fail("", Fault::Status(401, r#"{"error":"unauthorized","reason":"You are not authorized"}"#.into()), 1);
    let outcome = sync(&mut phone, &mut server).outcome.unwrap();
    assert_eq!(outcome, Err(SyncError::NeedsLogin));
    let overview = Overview { last: Some((Default::default(), outcome.map(|_| ()))), outbox: 1, ..Overview::default() };
    assert_eq!(Status::of(&overview), Status::NeedsLogin);
    assert_eq!(phone.outbox.len(), 1);
    assert_eq!(server.log.last().map(String::as_str), Some("GET _session"), "asked who is signed in");
}

#[test]
fn a_401_to_someone_signed_in_is_not_a_request_to_sign_in_again() {
    let mut server = FakeCouch::default();
    let mut phone = Book::new("phone");
    phone.save(&customer("a"), Some(record("张伟", "2026-02-17T09:00:00")));
    // pouchdb-server answers a signed-in non-member 401 (CouchDB 3.x: 403).
    let denied = r#"{"error":"unauthorized","reason":"You are not authorized to access this db."}"#;
    server.fail("_local", Fault::Status(401, denied.into()), 1);
    let signed_in = r#"{"ok":true,"userCtx":{"name":"li.na","roles":[]},"info":{"authenticated":"cookie"}}"#;
    server.fail("_session", Fault::Status(200, signed_in.into()), 1);
    let trace = sync(&mut phone, &mut server);
    assert_eq!(trace.outcome, Some(Err(SyncError::Forbidden)));
    assert_eq!(trace.requests.last().map(|r| (r.base, r.method)), Some((http::Base::Server, http::Method::Get)));
    assert_eq!(phone.outbox.len(), 1);

    // Nobody signed in (the cookie expired): sign in again.
    server.fail("_local", Fault::Status(401, denied.into()), 1);
    let anonymous = r#"{"ok":true,"userCtx":{"name":null,"roles":[]}}"#;
    server.fail("_session", Fault::Status(200, anonymous.into()), 1);
    assert_eq!(sync(&mut phone, &mut server).outcome, Some(Err(SyncError::NeedsLogin)));
}

#[test]
fn no_network_is_offline_at_once_with_nothing_lost() {
    let mut server = FakeCouch::default();
    let mut phone = Book::new("phone");
    phone.save(&customer("a"), Some(record("张伟", "2026-02-17T09:00:00")));
    server.fail("", Fault::Transport(Transport::Offline), 1);
    let trace = sync(&mut phone, &mut server);
    assert_eq!(trace.outcome, Some(Err(SyncError::Offline)));
    assert!(trace.waits.is_empty(), "no retrying into a dead network");
    assert_eq!(phone.outbox.len(), 1);
    assert_eq!(synced(&mut phone, &mut server).pushed, 1, "and it goes up once the network is back");
}

#[test]
fn a_busy_server_is_retried_with_growing_waits_then_given_up() {
    let mut server = FakeCouch::default();
    let mut phone = Book::new("phone");
    phone.save(&customer("a"), Some(record("张伟", "2026-02-17T09:00:00")));
    server.fail("_changes", Fault::Status(503, String::new()), 2);
    let trace = sync(&mut phone, &mut server);
    assert_eq!(trace.waits, [1000, 2000]);
    assert_eq!(trace.outcome.map(|r| r.map(|s| s.pushed)), Some(Ok(1)));

    server.fail("_revs_diff", Fault::Status(500, String::new()), 100);
    phone.save(&customer("a"), Some(record("张伟 2", "2026-02-17T10:00:00")));
    let trace = sync(&mut phone, &mut server);
    assert_eq!(trace.waits, [1000, 2000, 4000, 8000]);
    assert_eq!(trace.outcome, Some(Err(SyncError::Unavailable)));
    assert_eq!(phone.outbox.len(), 1);

    let mut slow = Response::new(429, "");
    slow.retry_after = Some(30);
    let mut run = Run::new(&phone.config());
    run.next(Input::Start);
    assert_eq!(run.next(Input::Reply(Ok(slow))), Action::Wait { ms: 30_000 }, "the server's Retry-After");
    let resent = run.next(Input::Waited);
    assert!(matches!(&resent, Action::Send(r) if r.path.starts_with("_local/huifang-pull")));
    let mut tries = 1;
    let mut action = run.next(Input::Reply(Err(Transport::Timeout)));
    while let Action::Wait { .. } = action {
        assert!(matches!(run.next(Input::Waited), Action::Send(_)));
        tries += 1;
        action = run.next(Input::Reply(Err(Transport::Timeout)));
    }
    assert_eq!(action, Action::Done(Err(SyncError::Offline)), "no answer at all, again and again");
    assert_eq!(tries + 1, http::MAX_TRIES, "the 429 was the first try");
}

#[test]
fn too_large_batches_are_halved_until_they_fit() {
    let mut server = FakeCouch::default();
    let mut phone = Book::new("phone");
    for n in 0..10 {
        phone.save(&customer(&format!("c{n}")), Some(record(&"长".repeat(100), "2026-02-17T09:00:00")));
    }
    server.max_body = Some(1500);
    let summary = synced(&mut phone, &mut server);
    assert_eq!(summary.pushed, 10);
    assert!(phone.outbox.is_empty());
    assert!(server.count("POST _bulk_docs") >= 4, "{:?}", server.log);

    // One record alone larger than the server takes is named, and kept.
    phone.save(&DocId::new(Collection::Signatures, "v1"), Some(json!({"png": "x".repeat(5000)})));
    let outcome = sync(&mut phone, &mut server).outcome;
    assert_eq!(outcome, Some(Err(SyncError::TooLarge { id: "signatures:v1".into() })));
    assert_eq!(phone.outbox.len(), 1);
}

#[test]
fn a_reply_that_is_not_couchdb_fails_the_run_without_a_panic() {
    for (route, body) in [
        ("_changes", "<html>proxy error</html>"),
        ("_changes", r#"{"results":[{"id":"customers:a","changes":[{"rev":"nonsense"}]}],"last_seq":"1"}"#),
        ("_local", r#"["not", "a", "checkpoint"]"#),
        ("_bulk_get", r#"{"results":[{"docs":[{"ok":{"_id":"customers:a","_rev":"1-a"}}]}]}"#),
    ] {
        let mut server = FakeCouch::default();
        let mut phone = Book::new("phone");
        phone.save(&customer("a"), Some(record("张伟", "2026-02-17T09:00:00")));
        synced(&mut phone, &mut server);
        let mut laptop = Book::new("laptop");
        server.fail(route, Fault::Status(200, body.into()), 1);
        let outcome = sync(&mut laptop, &mut server).outcome;
        assert!(matches!(outcome, Some(Err(SyncError::Malformed { .. }))), "{route} {body}: {outcome:?}");
        assert!(laptop.records.is_empty());
    }
}

#[test]
fn each_refusal_by_the_server_ends_the_run_with_its_reason() {
    let cases: [(u16, &str, SyncError); 5] = [
        (403, r#"{"error":"forbidden","reason":"You are not allowed to access this db."}"#, SyncError::Forbidden),
        (
            400,
            r#"{"error":"bad_request","reason":"Invalid since"}"#,
            SyncError::BadRequest { reason: "Invalid since".into() },
        ),
        (415, r#"{"error":"bad_content_type"}"#, SyncError::UnsupportedMediaType),
        (412, "{}", SyncError::Unexpected { status: 412 }),
        (404, r#"{"error":"not_found","reason":"Database does not exist."}"#, SyncError::MissingDatabase),
    ];
    for (status, body, expected) in cases {
        let mut server = FakeCouch::default();
        let mut phone = Book::new("phone");
        phone.save(&customer("a"), Some(record("张伟", "2026-02-17T09:00:00")));
        server.fail("_changes", Fault::Status(status, body.into()), 1);
        assert_eq!(sync(&mut phone, &mut server).outcome, Some(Err(expected)), "{status}");
        assert_eq!(phone.outbox.len(), 1, "{status}: the outbox waits");
    }
    let mut server = FakeCouch::default();
    server.missing_db = true;
    let mut phone = Book::new("phone");
    assert_eq!(sync(&mut phone, &mut server).outcome, Some(Err(SyncError::MissingDatabase)));
}

#[test]
fn records_the_server_refuses_stay_in_the_outbox_and_are_counted() {
    let mut server = FakeCouch::default();
    server.refuse.insert("customers:b".into());
    let mut phone = Book::new("phone");
    phone.save(&customer("a"), Some(record("张伟", "2026-02-17T09:00:00")));
    phone.save(&customer("b"), Some(record("李娜", "2026-02-17T09:00:00")));
    phone.save(&customer("c"), Some(record("王芳", "2026-02-17T09:00:00")));
    assert_eq!(sync(&mut phone, &mut server).outcome, Some(Err(SyncError::Rejected { count: 1 })));
    let left: Vec<String> = phone.outbox.iter().map(|e| e.revision.id.to_string()).collect();
    assert_eq!(left, ["customers:b"]);
    assert_eq!(server.stored("customers:c"), 1);
    // The checkpoint stops before the refused entry: a and only a is covered by it.
    let mut replay = Book::new("phone");
    replay.outbox = phone.outbox.clone();
    server.refuse.clear();
    assert_eq!(synced(&mut replay, &mut server).pushed, 1);
}

#[test]
fn a_checkpoint_written_meanwhile_by_another_tab_is_read_again_not_overwritten_blindly() {
    let mut server = FakeCouch::default();
    let mut phone = Book::new("phone");
    phone.save(&customer("a"), Some(record("张伟", "2026-02-17T09:00:00")));
    server.fail("_local/huifang-push", Fault::Status(409, r#"{"error":"conflict"}"#.into()), 1);
    // The first request to the push checkpoint is its read: let that one through.
    let mut server_reads = 0;
    let mut run = Run::new(&phone.config());
    let mut action = run.next(Input::Start);
    let outcome = loop {
        action = match &action {
            Action::Send(r) if r.path.starts_with("_local/huifang-push") && r.method == http::Method::Get => {
                server_reads += 1;
                let reply = Ok(Response::new(404, r#"{"error":"not_found","reason":"missing"}"#));
                run.next(Input::Reply(reply))
            }
            Action::Send(r) => run.next(Input::Reply(server.handle(r))),
            Action::Done(result) => break result.clone(),
            other => run.next(phone.perform(other).unwrap()),
        };
    };
    assert_eq!(outcome.map(|s| s.pushed), Ok(1));
    assert_eq!(server_reads, 2, "read once, then again after the 409");
    assert!(phone.outbox.is_empty());
}

#[test]
fn a_record_saved_while_its_page_was_on_the_way_is_not_overwritten() {
    let mut server = FakeCouch::default();
    let (mut phone, mut laptop) = (Book::new("phone"), Book::new("laptop"));
    phone.save(&customer("a"), Some(record("张伟", "2026-02-17T09:00:00")));
    synced(&mut phone, &mut server);
    synced(&mut laptop, &mut server);
    phone.save(&customer("a"), Some(record("张伟 138", "2026-02-18T10:00:00")));
    synced(&mut phone, &mut server);

    let mut run = Run::new(&laptop.config());
    let mut action = run.next(Input::Start);
    let mut typed = false;
    let outcome = loop {
        action = match &action {
            Action::Apply(_) if !typed => {
                typed = true;
                laptop.save(&customer("a"), Some(record("张伟 139", "2026-02-18T11:00:00")));
                run.next(laptop.perform(&action).unwrap())
            }
            Action::Send(r) => run.next(Input::Reply(server.handle(r))),
            Action::Done(result) => break result.clone(),
            other => run.next(laptop.perform(other).unwrap()),
        };
    };
    assert_eq!(outcome.map(|s| s.conflicts), Ok(1), "the page was decided again, with the new save");
    assert_eq!(laptop.name(&customer("a")), Some("张伟 139"));
}

#[test]
fn a_record_from_a_newer_app_stops_the_pull_before_anything_is_written() {
    let mut server = FakeCouch::default();
    let mut phone = Book::new("phone");
    let mut future = Version::first(record("张伟", "2026-02-17T09:00:00"));
    future.schema = crate::domain::exchange::SCHEMA_VERSION + 1;
    phone.queue(Revision { id: customer("a"), version: future });
    synced(&mut phone, &mut server);
    let mut laptop = Book::new("laptop");
    assert_eq!(sync(&mut laptop, &mut server).outcome, Some(Err(SyncError::NewerApp)));
    assert!(laptop.records.is_empty());
    assert_eq!(server.count("PUT _local/huifang-pull-laptop"), 0, "the checkpoint did not move past it");
}

#[test]
fn documents_that_are_not_ours_are_passed_over() {
    let mut server = FakeCouch::default();
    let design = json!({"new_edits": false, "docs": [{"_id": "_design/app", "_rev": "1-a", "_revisions": {"start": 1, "ids": ["a"]}, "views": {}}]});
    let put = Request {
        method: http::Method::Post,
        base: http::Base::Database,
        path: "_bulk_docs".into(),
        body: Some(design.to_string()),
    };
    assert!(server.handle(&put).is_ok());
    let mut phone = Book::new("phone");
    let summary = synced(&mut phone, &mut server);
    assert_eq!(summary.pulled, 0);
    assert!(phone.records.is_empty());
    assert_eq!(server.count("POST _bulk_get"), 0);
}

#[test]
fn a_driver_answering_out_of_step_is_told_so_not_obeyed() {
    let mut push = Push::new(&Book::new("phone").config());
    assert_eq!(push.next(Input::Written), Action::Done(Err(SyncError::OutOfStep)));
}

#[test]
fn a_new_device_gets_a_record_already_in_conflict_as_one_record_and_the_conflict() {
    let mut server = FakeCouch::default();
    let (mut phone, mut laptop) = edited_on_both(&mut server);
    synced(&mut phone, &mut server);
    synced(&mut laptop, &mut server);
    let mut tablet = Book::new("tablet");
    let summary = synced(&mut tablet, &mut server);
    assert_eq!((summary.pulled, summary.conflicts), (1, 1));
    let conflict = &tablet.conflicts[&customer("a")];
    assert_eq!(Some(&conflict.mine), tablet.records.get(&customer("a")), "what it shows is what it holds");
    let mut names = [
        conflict.mine.body.as_ref().unwrap()["name"].clone(),
        conflict.theirs[0].body.as_ref().unwrap()["name"].clone(),
    ];
    names.sort_by_key(|n| n.to_string());
    assert_eq!(names, [json!("张伟 138"), json!("张伟 139")]);
}

#[test]
fn a_server_that_forgot_the_device_is_noticed_and_filled_again() {
    let mut server = FakeCouch::default();
    let mut phone = Book::new("phone");
    let first = synced(&mut phone, &mut server);
    assert!(first.first_contact, "a first sync, with nothing on either side");
    assert!(!synced(&mut phone, &mut server).first_contact, "the empty first pull still left its checkpoint");
    phone.save(&customer("a"), Some(record("张伟", "2026-02-17T09:00:00")));
    phone.save(&customer("b"), Some(record("李娜", "2026-02-17T09:00:00")));
    phone.save(&customer("b"), None);
    synced(&mut phone, &mut server);

    // The database is emptied (recreated, restored from an old backup, an in-memory server
    // restarted): the outbox is empty, so nothing would go up again on its own.
    let mut server = FakeCouch::default();
    let forgot = synced(&mut phone, &mut server);
    assert!(forgot.first_contact);
    assert_eq!(forgot.pushed, 0);
    let records: Vec<Revision> =
        phone.records.iter().map(|(id, version)| Revision { id: id.clone(), version: version.clone() }).collect();
    for revision in records {
        phone.queue(revision);
    }
    assert_eq!(synced(&mut phone, &mut server).pushed, 2, "the record and the tombstone");
    let mut laptop = Book::new("laptop");
    synced(&mut laptop, &mut server);
    assert_eq!(laptop.records.get(&customer("a")), phone.records.get(&customer("a")));
    assert_eq!(
        laptop.records.get(&customer("b")),
        None,
        "a new device does not keep tombstones of records it never had"
    );
    assert_eq!(server.leaves("customers:b").len(), 1, "but the server has the deletion again");
}
