//! The conversation between the engine and whoever drives it: the engine says what to do next
//! ([`Action`]), the driver does it and says how it went ([`Input`]). One action at a time, so
//! the driver is a loop and nothing happens behind its back.

use super::conflict::{Conflict, Policy};
use super::doc::Version;
use super::doc::{DocId, Revision};
use super::http::{self, Endpoint, Failure, Method, Reply, Request, Response, SyncError};
use super::rev::Rev;
use serde::Deserialize;
use serde_json::{Value, json};

/// Names this device's checkpoints on the server (`_local/huifang-pull-<id>`). Made once, at
/// random, together with the outbox: a book erased and started again must get a new one, or
/// the server's checkpoint would claim outbox entries the new book never pushed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceId(String);

impl DeviceId {
    /// ASCII letters, digits and `-` only (it goes into a URL path), 1 to 64 of them.
    pub fn new(text: &str) -> Option<DeviceId> {
        let valid = (1..=64).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        valid.then(|| DeviceId(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How much goes in one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Documents per `_bulk_docs`; halved on 413.
    pub push_docs: usize,
    /// Bytes of documents per `_bulk_docs` (a signature is an image; ten of them are enough).
    pub push_bytes: usize,
    /// Changes per `_changes` page, and so per transaction applied locally.
    pub pull_changes: usize,
}

/// Measured with the 5,000-customer book (70,369 records) against the stand-in: pages of 100 took
/// 55 s to push and 165 s to pull on a new device, most of it per request and per transaction
/// (each applied page rewrites the storage pages its records fall in). A few MB per request is
/// far below CouchDB's limits (`max_http_request_size` 4 GB, a 413 halves the batch anyway).
impl Default for Limits {
    fn default() -> Limits {
        Limits { push_docs: 500, push_bytes: 2_000_000, pull_changes: 1_000 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub device: DeviceId,
    pub policy: Policy,
    pub limits: Limits,
}

/// What this device holds of one record, as a pull asks for it.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalDoc {
    pub id: DocId,
    /// `None`: this device has never had the record. A deleted record keeps its tombstone
    /// version here, so a later edit elsewhere is seen as on top of the deletion or beside it.
    pub current: Option<Version>,
    /// The record's versions still in the outbox. A settled conflict leaves deletions of the
    /// losing versions there until they are pushed; without them a pull would find the
    /// conflict again.
    pub unsent: Vec<Version>,
}

/// A record's change waiting to be pushed. Written in the same transaction as the change
/// itself; `seq` grows by one per entry and never repeats within one [`DeviceId`].
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OutboxEntry {
    pub seq: u64,
    pub revision: Revision,
}

/// One pulled page, to apply in one local transaction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Batch {
    pub writes: Vec<Write>,
    /// Conflicts to keep and show; each replaces one kept earlier for the same record.
    pub conflicts: Vec<Conflict>,
    /// Records of this page that are not in conflict (any conflict kept for them is over:
    /// settled on another device).
    pub settled: Vec<DocId>,
    /// Revisions to add to the outbox (conflicts settled by "newer wins").
    pub outbox: Vec<Revision>,
    pub progress: Progress,
}

/// One record to store, if it still is as the engine read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Write {
    pub revision: Revision,
    /// The local version's revision when the engine read it (`None`: absent). If the user saved
    /// the record since, apply nothing of the batch and answer [`Input::Stale`].
    pub expected: Option<Rev>,
}

/// How far a pull is: changes looked at, and of how many (when the server says).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: u64,
    pub total: Option<u64>,
}

/// What the driver does next.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Make this request; answer [`Input::Reply`].
    Send(Request),
    /// The server is busy: wait, then answer [`Input::Waited`] (the request is made again).
    Wait { ms: u64 },
    /// Read these records' local versions; answer [`Input::Local`].
    ReadLocal(Vec<DocId>),
    /// Apply this page in one transaction; answer [`Input::Written`] or [`Input::Stale`].
    Apply(Batch),
    /// Read the whole outbox; answer [`Input::Outbox`].
    ReadOutbox,
    /// The server has these outbox entries (by `seq`): remove them; answer [`Input::Written`].
    Remove(Vec<u64>),
    /// The run is over.
    Done(Result<Summary, SyncError>),
}

/// How the driver's last action went.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Start,
    Reply(Reply),
    Waited,
    Local(Vec<LocalDoc>),
    Outbox(Vec<OutboxEntry>),
    Written,
    /// A record of the batch changed locally since it was read: nothing was applied.
    Stale,
}

/// What a run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Revisions sent with `_bulk_docs`.
    pub pushed: usize,
    /// Records written locally.
    pub pulled: usize,
    /// Conflicts found and left to the user.
    pub conflicts: usize,
    /// The server held no pull checkpoint of this device: this is the device's first sync with
    /// this database, or the database was emptied, recreated or restored since. Only the outbox
    /// is ever pushed, so a device that synced with it before must then queue every record's
    /// current version (tombstones too) and sync again; `_revs_diff` sends only what is missing.
    pub first_contact: bool,
}

/// A reply as the engine hears it.
pub(crate) enum Heard {
    Answer(Response),
    /// Not a success, and not worth repeating as is (never [`Failure::Retry`]).
    Refused(Failure),
    /// Try again: a [`Action::Wait`], or the run's end once the tries are used up.
    Again(Action),
}

/// One request in flight and how often it was tried: the retry rules in one place.
#[derive(Debug, Default)]
pub(crate) struct Link {
    in_flight: Option<(Endpoint, Request)>,
    tries: u32,
    timed_out: bool,
}

impl Link {
    pub(crate) fn send(&mut self, endpoint: Endpoint, request: Request) -> Action {
        self.tries = 0;
        self.in_flight = Some((endpoint, request.clone()));
        Action::Send(request)
    }

    pub(crate) fn receive(&mut self, reply: Reply) -> Heard {
        let endpoint = self.in_flight.as_ref().map_or(Endpoint::Changes, |(e, _)| *e);
        self.timed_out = reply == Err(http::Transport::Timeout);
        match http::check(endpoint, reply) {
            Ok(response) => Heard::Answer(response),
            Err(Failure::Retry { after_ms }) => Heard::Again(self.wait(after_ms)),
            Err(failure) => Heard::Refused(failure),
        }
    }

    fn wait(&mut self, after_ms: Option<u64>) -> Action {
        self.tries += 1;
        if self.tries >= http::MAX_TRIES {
            let error = if self.timed_out { SyncError::Offline } else { SyncError::Unavailable };
            return Action::Done(Err(error));
        }
        Action::Wait { ms: http::backoff_ms(self.tries - 1, after_ms) }
    }

    /// The request again, after a wait.
    pub(crate) fn resend(&self) -> Action {
        match &self.in_flight {
            Some((_, request)) => Action::Send(request.clone()),
            None => Action::Done(Err(SyncError::Unexpected { status: 0 })),
        }
    }
}

/// This device's progress marker in one direction, kept on the server as a `_local` document
/// (never replicated, so each device has its own).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Checkpoint {
    pub path: String,
    /// The document's revision once read or written; `_local` writes must name it.
    pub rev: Option<String>,
    /// A write was refused as a conflict and the document read again since the last write that
    /// stuck: a second refusal ends the run instead of looping.
    reread: bool,
}

/// What the answer to a checkpoint write ([`Checkpoint::put`]) means.
pub(crate) enum Saved {
    Written,
    /// Someone else wrote our checkpoint since we read it (another tab): read it with this
    /// request, then write ours on top, once.
    Reread(Request),
    Failed(SyncError),
}

#[derive(Deserialize)]
pub(crate) struct CheckpointDoc {
    #[serde(rename = "_rev")]
    pub rev: Option<String>,
    #[serde(default)]
    pub last_seq: Value,
}

#[derive(Deserialize)]
struct PutAnswer {
    rev: String,
}

impl Checkpoint {
    pub(crate) fn new(direction: &str, device: &DeviceId) -> Checkpoint {
        Checkpoint { path: format!("_local/huifang-{direction}-{}", device.as_str()), rev: None, reread: false }
    }

    pub(crate) fn get(&self) -> Request {
        Request::new(Method::Get, self.path.clone(), None)
    }

    /// The stored document; `None` when there is none yet (404).
    pub(crate) fn read(&mut self, answer: Result<Response, Failure>) -> Result<Option<Value>, Failure> {
        match answer {
            Ok(response) => {
                let doc: CheckpointDoc = http::parse(Endpoint::Checkpoint, &response).map_err(Failure::Fatal)?;
                self.rev = doc.rev;
                Ok(Some(doc.last_seq))
            }
            Err(Failure::NotFound) => {
                self.rev = None;
                Ok(None)
            }
            Err(other) => Err(other),
        }
    }

    pub(crate) fn put(&self, last_seq: &Value) -> Request {
        let mut doc = json!({ "last_seq": last_seq });
        if let (Some(rev), Value::Object(map)) = (&self.rev, &mut doc) {
            map.insert("_rev".to_string(), Value::String(rev.clone()));
        }
        Request::new(Method::Put, self.path.clone(), Some(doc.to_string()))
    }

    /// The answer to [`put`](Self::put): pull and push both end a step with it.
    pub(crate) fn saved(&mut self, answer: Result<Response, Failure>) -> Saved {
        match answer {
            Ok(response) => match http::parse::<PutAnswer>(Endpoint::Checkpoint, &response) {
                Ok(answer) => {
                    self.rev = Some(answer.rev);
                    self.reread = false;
                    Saved::Written
                }
                Err(error) => Saved::Failed(error),
            },
            Err(Failure::Conflict) if !self.reread => {
                self.reread = true;
                Saved::Reread(self.get())
            }
            Err(Failure::Conflict) => Saved::Failed(SyncError::Busy),
            Err(failure) => Saved::Failed(failure.into_error()),
        }
    }
}
