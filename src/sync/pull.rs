//! Pull: the server's changes to this device, one page at a time.
//!
//! 1. `GET _local/huifang-pull-<device>`: where the last run stopped (404: from the start, and
//!    [`Summary::first_contact`]: the server does not know this device; the checkpoint is
//!    written even when the first page is empty, so its absence later means the database was
//!    emptied, recreated or restored);
//! 2. `GET _changes?style=all_docs&since=…&limit=…`: the next page of changed records, each with
//!    every leaf revision the server has;
//! 3. [`Action::ReadLocal`]: this device's version of each;
//! 4. `POST _bulk_get?revs=true`: the leaves this device lacks, with their ancestry;
//! 5. [`Action::Apply`]: one [`Batch`] for one local transaction: records to write, conflicts to
//!    keep, revisions to queue (see [`conflict`](super::conflict) for what decides which);
//! 6. once the driver says it is written, `PUT _local/…` with the page's `last_seq`, then the next
//!    page. Stopped anywhere, the next run starts again from the last page written: a page
//!    applied twice finds every revision already there and writes nothing.

use super::conflict::{Decision, Policy, decide, resolve};
use super::doc::{DocId, NotOurs, Revision, Version, from_couch};
use super::engine::{
    Action, Batch, Checkpoint, Config, Heard, Input, Limits, Link, LocalDoc, Progress, Saved, Summary, Write,
};
use super::http::{self, Endpoint, Failure, Method, Request, SyncError};
use super::rev::Rev;
use crate::domain::exchange::SCHEMA_VERSION;
use crate::domain::exchange::merge::Choice;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;

/// A page applied locally is retried this often when the user keeps editing its records.
const MAX_STALE: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Start,
    Checkpoint,
    Changes,
    Local,
    BulkGet,
    Apply,
    SaveCheckpoint,
    RefreshCheckpoint,
    Done,
}

#[derive(Debug, Clone)]
struct Change {
    id: DocId,
    leaves: Vec<Rev>,
}

/// The pull state machine; drive it with [`Pull::next`], starting with [`Input::Start`].
#[derive(Debug)]
pub struct Pull {
    checkpoint: Checkpoint,
    limits: Limits,
    policy: Policy,
    step: Step,
    link: Link,
    since: Value,
    last_seq: Value,
    more: bool,
    changes: Vec<Change>,
    local: HashMap<DocId, LocalDoc>,
    progress: Progress,
    stale: u32,
    summary: Summary,
    /// What the page being applied adds to the summary once it is written.
    page: Summary,
}

#[derive(Deserialize)]
struct ChangesPage {
    results: Vec<ChangeRow>,
    last_seq: Value,
    pending: Option<u64>,
}

#[derive(Deserialize)]
struct ChangeRow {
    id: String,
    changes: Vec<RevRow>,
}

#[derive(Deserialize)]
struct RevRow {
    rev: String,
}

#[derive(Deserialize)]
struct BulkGetPage {
    results: Vec<BulkGetResult>,
}

#[derive(Deserialize)]
struct BulkGetResult {
    docs: Vec<BulkGetDoc>,
}

/// `{"ok": doc}` or `{"error": …}`; a leaf the server can no longer give (compacted away) is
/// left out of the decision rather than failing the page.
#[derive(Deserialize)]
struct BulkGetDoc {
    ok: Option<Value>,
}

/// The revisions of a `_bulk_get?revs=true` answer: documents not of ours passed over, one that
/// cannot be read or is from a newer app an error.
fn revisions_of(page: &BulkGetPage) -> Result<Vec<Revision>, SyncError> {
    let mut revisions = Vec::new();
    for doc in page.results.iter().flat_map(|r| &r.docs).filter_map(|d| d.ok.as_ref()) {
        match from_couch(doc) {
            Ok(revision) if revision.version.schema > SCHEMA_VERSION => return Err(SyncError::NewerApp),
            Ok(revision) => revisions.push(revision),
            Err(NotOurs::ForeignId) => {}
            Err(NotOurs::Malformed(_)) => return Err(SyncError::Malformed { endpoint: "_bulk_get" }),
        }
    }
    Ok(revisions)
}

/// The same, from a reply (a supervisor's handover reads records this way, `sync::team`).
pub(crate) fn bulk_got(reply: http::Reply) -> Result<Vec<Revision>, SyncError> {
    let response = http::check(Endpoint::BulkGet, reply).map_err(Failure::into_error)?;
    let page: BulkGetPage = http::parse(Endpoint::BulkGet, &response)?;
    revisions_of(&page)
}

impl Pull {
    pub fn new(config: &Config) -> Pull {
        Pull {
            checkpoint: Checkpoint::new("pull", &config.device),
            limits: config.limits,
            policy: config.policy,
            step: Step::Start,
            link: Link::default(),
            since: json!(0),
            last_seq: json!(0),
            more: false,
            changes: Vec::new(),
            local: HashMap::new(),
            progress: Progress::default(),
            stale: 0,
            summary: Summary::default(),
            page: Summary::default(),
        }
    }

    /// Changes looked at so far, and of how many when the server said.
    pub fn progress(&self) -> Progress {
        self.progress
    }

    pub fn next(&mut self, input: Input) -> Action {
        match (self.step, input) {
            (Step::Start, Input::Start) => {
                self.step = Step::Checkpoint;
                self.link.send(Endpoint::Checkpoint, self.checkpoint.get())
            }
            (step, Input::Waited) if step != Step::Done => self.link.resend(),
            (Step::Checkpoint, Input::Reply(reply)) => self.on_checkpoint(reply),
            (Step::Changes, Input::Reply(reply)) => self.on_changes(reply),
            (Step::Local, Input::Local(docs)) => self.on_local(docs),
            (Step::BulkGet, Input::Reply(reply)) => self.on_bulk_get(reply),
            (Step::Apply, Input::Written) => {
                self.summary.pulled += self.page.pulled;
                self.summary.conflicts += self.page.conflicts;
                self.stale = 0;
                self.save_checkpoint()
            }
            (Step::Apply, Input::Stale) if self.stale < MAX_STALE => {
                self.stale += 1;
                self.read_local()
            }
            (Step::Apply, Input::Stale) => self.finish(Err(SyncError::LocalChanged)),
            (Step::SaveCheckpoint, Input::Reply(reply)) => self.on_saved(reply),
            (Step::RefreshCheckpoint, Input::Reply(reply)) => self.on_refreshed(reply),
            _ => self.finish(Err(SyncError::OutOfStep)),
        }
    }

    fn finish(&mut self, result: Result<(), SyncError>) -> Action {
        self.step = Step::Done;
        Action::Done(result.map(|()| self.summary))
    }

    fn hear(&mut self, reply: http::Reply) -> Result<Result<http::Response, Failure>, Action> {
        match self.link.receive(reply) {
            Heard::Answer(response) => Ok(Ok(response)),
            Heard::Refused(failure) => Ok(Err(failure)),
            Heard::Again(action) => {
                if matches!(action, Action::Done(_)) {
                    self.step = Step::Done;
                }
                Err(action)
            }
        }
    }

    /// A success body, or the end of the run.
    fn answer<T: serde::de::DeserializeOwned>(&mut self, endpoint: Endpoint, reply: http::Reply) -> Result<T, Action> {
        match self.hear(reply)? {
            Ok(response) => http::parse(endpoint, &response).map_err(|e| self.finish(Err(e))),
            Err(failure) => Err(self.finish(Err(failure.into_error()))),
        }
    }

    fn on_checkpoint(&mut self, reply: http::Reply) -> Action {
        let answer = match self.hear(reply) {
            Ok(answer) => answer,
            Err(action) => return action,
        };
        match self.checkpoint.read(answer) {
            Ok(seq) => {
                self.summary.first_contact = seq.is_none();
                self.since = seq.filter(|s| !s.is_null()).unwrap_or(json!(0));
            }
            Err(failure) => return self.finish(Err(failure.into_error())),
        }
        self.request_changes()
    }

    fn request_changes(&mut self) -> Action {
        let since = match &self.since {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        let path =
            format!("_changes?style=all_docs&since={}&limit={}", http::query_value(&since), self.limits.pull_changes);
        self.step = Step::Changes;
        self.link.send(Endpoint::Changes, Request::new(Method::Get, path, None))
    }

    fn on_changes(&mut self, reply: http::Reply) -> Action {
        let page: ChangesPage = match self.answer(Endpoint::Changes, reply) {
            Ok(page) => page,
            Err(action) => return action,
        };
        if page.results.is_empty() {
            // The checkpoint is written once even when there was nothing to pull: its presence
            // is how a later run tells a server that forgot this device (`first_contact`).
            if self.checkpoint.rev.is_none() {
                self.last_seq = page.last_seq;
                self.more = false;
                return self.save_checkpoint();
            }
            return self.finish(Ok(()));
        }
        let mut changes = Vec::new();
        for row in &page.results {
            let Some(id) = DocId::parse(&row.id) else { continue };
            let leaves: Option<Vec<Rev>> = row.changes.iter().map(|c| Rev::parse(&c.rev)).collect();
            match leaves {
                Some(leaves) if !leaves.is_empty() => changes.push(Change { id, leaves }),
                _ => return self.finish(Err(SyncError::Malformed { endpoint: "_changes" })),
            }
        }
        self.progress.done += page.results.len() as u64;
        self.progress.total = page.pending.map(|pending| self.progress.done + pending);
        self.more = page.pending.map_or(page.results.len() >= self.limits.pull_changes, |p| p > 0);
        self.last_seq = page.last_seq;
        self.changes = changes;
        if self.changes.is_empty() {
            // Only documents that are not ours (design documents): nothing to apply.
            return self.save_checkpoint();
        }
        self.read_local()
    }

    fn read_local(&mut self) -> Action {
        self.step = Step::Local;
        Action::ReadLocal(self.changes.iter().map(|c| c.id.clone()).collect())
    }

    fn on_local(&mut self, docs: Vec<LocalDoc>) -> Action {
        self.local = docs.into_iter().map(|d| (d.id.clone(), d)).collect();
        let mut wanted = Vec::new();
        for change in &self.changes {
            let local = self.local.get(&change.id);
            let known =
                |leaf: &Rev| local.is_some_and(|d| d.current.iter().chain(&d.unsent).any(|v| v.path.contains(leaf)));
            for leaf in &change.leaves {
                if !known(leaf) {
                    wanted.push(json!({"id": change.id.to_string(), "rev": leaf.to_string()}));
                }
            }
        }
        if wanted.is_empty() {
            return self.apply(HashMap::new());
        }
        self.step = Step::BulkGet;
        let body = json!({ "docs": wanted }).to_string();
        self.link.send(Endpoint::BulkGet, Request::new(Method::Post, "_bulk_get?revs=true", Some(body)))
    }

    fn on_bulk_get(&mut self, reply: http::Reply) -> Action {
        let page: BulkGetPage = match self.answer(Endpoint::BulkGet, reply) {
            Ok(page) => page,
            Err(action) => return action,
        };
        let mut fetched: HashMap<DocId, Vec<Version>> = HashMap::new();
        match revisions_of(&page) {
            Ok(revisions) => {
                for revision in revisions {
                    fetched.entry(revision.id).or_default().push(revision.version);
                }
            }
            Err(error) => return self.finish(Err(error)),
        }
        self.apply(fetched)
    }

    /// Decides every record of the page and hands the result over as one batch.
    fn apply(&mut self, mut fetched: HashMap<DocId, Vec<Version>>) -> Action {
        let mut batch = Batch { progress: self.progress, ..Batch::default() };
        for change in &self.changes {
            let doc = self.local.get(&change.id);
            let local = doc.and_then(|d| d.current.as_ref());
            let unsent = doc.map_or(&[][..], |d| &d.unsent[..]);
            let expected = local.map(|v| v.path.rev());
            let theirs = fetched.remove(&change.id).unwrap_or_default();
            let write = |version: Version| Write {
                revision: Revision { id: change.id.clone(), version },
                expected: expected.clone(),
            };
            match decide(&change.id, local, unsent, theirs) {
                Decision::Keep => batch.settled.push(change.id.clone()),
                Decision::Write(version) => {
                    batch.writes.push(write(version));
                    batch.settled.push(change.id.clone());
                }
                Decision::Conflict { conflict, .. } if self.policy == Policy::NewerWins => {
                    let resolution = resolve(&conflict, Choice::KeepNewer);
                    if Some(&resolution.local.version) != local {
                        batch.writes.push(write(resolution.local.version));
                    }
                    batch.outbox.extend(resolution.outbox);
                    batch.settled.push(change.id.clone());
                }
                Decision::Conflict { write: first, conflict } => {
                    batch.writes.extend(first.map(write));
                    batch.conflicts.push(conflict);
                }
            }
        }
        self.page = Summary { pulled: batch.writes.len(), conflicts: batch.conflicts.len(), ..Summary::default() };
        self.step = Step::Apply;
        Action::Apply(batch)
    }

    fn save_checkpoint(&mut self) -> Action {
        self.step = Step::SaveCheckpoint;
        self.link.send(Endpoint::Checkpoint, self.checkpoint.put(&self.last_seq))
    }

    fn on_saved(&mut self, reply: http::Reply) -> Action {
        let answer = match self.hear(reply) {
            Ok(answer) => answer,
            Err(action) => return action,
        };
        match self.checkpoint.saved(answer) {
            Saved::Written => {
                self.since = self.last_seq.clone();
                if self.more { self.request_changes() } else { self.finish(Ok(())) }
            }
            Saved::Reread(request) => {
                self.step = Step::RefreshCheckpoint;
                self.link.send(Endpoint::Checkpoint, request)
            }
            Saved::Failed(error) => self.finish(Err(error)),
        }
    }

    fn on_refreshed(&mut self, reply: http::Reply) -> Action {
        let answer = match self.hear(reply) {
            Ok(answer) => answer,
            Err(action) => return action,
        };
        match self.checkpoint.read(answer) {
            Ok(_) => self.save_checkpoint(),
            Err(failure) => self.finish(Err(failure.into_error())),
        }
    }
}
