//! Push: this device's outbox to the server.
//!
//! 1. read the outbox ([`Action::ReadOutbox`]) and the push checkpoint (`GET _local/…`); entries
//!    at or below it reached the server in an earlier run that ended before removing them:
//!    removed without being sent again;
//! 2. per batch (at most [`Limits::push_docs`] documents and [`Limits::push_bytes`]):
//!    `POST _revs_diff` (what the server lacks), `POST _bulk_docs` with `new_edits: false` and
//!    each revision's `_revisions` (only what it lacks), `PUT _local/…` with the highest outbox
//!    `seq` below which everything is on the server, then [`Action::Remove`] of the batch's
//!    entries. A 413 halves the batch.
//!
//! Interrupted anywhere, the next run repeats at most one batch, and `_revs_diff` turns the
//! repeat into nothing sent: a revision is never stored twice (revisions are deterministic, see
//! [`rev`](super::rev)).

use super::doc::Revision;
use super::doc::to_couch;
use super::engine::{Action, Checkpoint, Config, Heard, Input, Limits, Link, OutboxEntry, Saved, Summary};
use super::http::{self, Endpoint, Failure, Method, Request, SyncError};
use super::rev::Rev;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use std::collections::{BTreeSet, HashMap, VecDeque};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Start,
    Outbox,
    Checkpoint,
    Skipping,
    RevsDiff,
    BulkDocs,
    SaveCheckpoint,
    RefreshCheckpoint,
    Removing,
    Done,
}

/// One revision to send, and the outbox entries it stands for (older revisions of the same
/// record it was written on top of travel in its `_revisions`).
#[derive(Debug)]
struct Item {
    revision: Revision,
    covers: Vec<u64>,
    doc: String,
}

/// The push state machine; drive it with [`Push::next`], starting with [`Input::Start`].
#[derive(Debug)]
pub struct Push {
    checkpoint: Checkpoint,
    limits: Limits,
    step: Step,
    link: Link,
    /// Every outbox `seq` of this run, in order, and those the server has.
    seqs: Vec<u64>,
    handled: BTreeSet<u64>,
    /// The checkpoint's value on the server, and the one being written.
    saved: u64,
    saving: u64,
    queue: VecDeque<Item>,
    batch: Vec<Item>,
    sent: Vec<usize>,
    removing: Vec<u64>,
    rejected: usize,
    pushed: usize,
}

#[derive(Deserialize)]
struct Missing {
    #[serde(default)]
    missing: Vec<String>,
}

#[derive(Deserialize)]
struct BulkAnswer {
    id: Option<String>,
    rev: Option<String>,
    error: Option<String>,
}

impl Push {
    pub fn new(config: &Config) -> Push {
        Push {
            checkpoint: Checkpoint::new("push", &config.device),
            limits: config.limits,
            step: Step::Start,
            link: Link::default(),
            seqs: Vec::new(),
            handled: BTreeSet::new(),
            saved: 0,
            saving: 0,
            queue: VecDeque::new(),
            batch: Vec::new(),
            sent: Vec::new(),
            removing: Vec::new(),
            rejected: 0,
            pushed: 0,
        }
    }

    pub fn next(&mut self, input: Input) -> Action {
        match (self.step, input) {
            (Step::Start, Input::Start) => {
                self.step = Step::Outbox;
                Action::ReadOutbox
            }
            (Step::Outbox, Input::Outbox(entries)) => self.on_outbox(entries),
            (step, Input::Waited) if step != Step::Done => self.link.resend(),
            (Step::Checkpoint, Input::Reply(reply)) => self.on_checkpoint(reply),
            (Step::RevsDiff, Input::Reply(reply)) => self.on_revs_diff(reply),
            (Step::BulkDocs, Input::Reply(reply)) => self.on_bulk_docs(reply),
            (Step::SaveCheckpoint, Input::Reply(reply)) => self.on_saved(reply),
            (Step::RefreshCheckpoint, Input::Reply(reply)) => self.on_refreshed(reply),
            (Step::Skipping | Step::Removing, Input::Written) => self.next_batch(),
            _ => self.finish(Err(SyncError::OutOfStep)),
        }
    }

    fn finish(&mut self, result: Result<(), SyncError>) -> Action {
        self.step = Step::Done;
        let result = result.and_then(|()| match self.rejected {
            0 => Ok(Summary { pushed: self.pushed, ..Summary::default() }),
            count => Err(SyncError::Rejected { count }),
        });
        Action::Done(result)
    }

    /// A reply as the current step hears it; a wait or the end of the run passes straight out.
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

    fn on_outbox(&mut self, entries: Vec<OutboxEntry>) -> Action {
        if entries.is_empty() {
            return self.finish(Ok(()));
        }
        self.seqs = entries.iter().map(|e| e.seq).collect();
        self.seqs.sort_unstable();
        self.queue = entries
            .into_iter()
            .map(|e| Item { revision: e.revision, covers: vec![e.seq], doc: String::new() })
            .collect();
        self.step = Step::Checkpoint;
        self.link.send(Endpoint::Checkpoint, self.checkpoint.get())
    }

    fn on_checkpoint(&mut self, reply: http::Reply) -> Action {
        let answer = match self.hear(reply) {
            Ok(answer) => answer,
            Err(action) => return action,
        };
        match self.checkpoint.read(answer) {
            Ok(seq) => self.saved = seq.and_then(|s| s.as_u64()).unwrap_or(0),
            Err(failure) => return self.finish(Err(failure.into_error())),
        }
        let saved = self.saved;
        let (done, waiting): (Vec<Item>, Vec<Item>) = self.queue.drain(..).partition(|i| i.covers[0] <= saved);
        self.queue = collapse(waiting).into();
        let skipped: Vec<u64> = done.iter().map(|i| i.covers[0]).collect();
        self.handled.extend(&skipped);
        if skipped.is_empty() {
            return self.next_batch();
        }
        self.step = Step::Skipping;
        Action::Remove(skipped)
    }

    fn next_batch(&mut self) -> Action {
        let mut bytes = 0;
        while let Some(item) = self.queue.front() {
            let full = self.batch.len() >= self.limits.push_docs
                || (!self.batch.is_empty() && bytes + item.doc.len() > self.limits.push_bytes);
            if full {
                break;
            }
            bytes += item.doc.len();
            self.batch.extend(self.queue.pop_front());
        }
        if self.batch.is_empty() {
            return self.finish(Ok(()));
        }
        let mut asked: Map<String, Value> = Map::new();
        for item in &self.batch {
            let revs = asked.entry(item.revision.id.to_string()).or_insert_with(|| json!([]));
            if let Value::Array(revs) = revs {
                revs.push(Value::String(item.revision.version.path.rev().to_string()));
            }
        }
        self.step = Step::RevsDiff;
        let request = Request::new(Method::Post, "_revs_diff", Some(Value::Object(asked).to_string()));
        self.link.send(Endpoint::RevsDiff, request)
    }

    fn on_revs_diff(&mut self, reply: http::Reply) -> Action {
        let response = match self.hear(reply) {
            Ok(Ok(response)) => response,
            Ok(Err(Failure::TooLarge)) => return self.shrink(),
            Ok(Err(failure)) => return self.finish(Err(failure.into_error())),
            Err(action) => return action,
        };
        let missing: HashMap<String, Missing> = match http::parse(Endpoint::RevsDiff, &response) {
            Ok(missing) => missing,
            Err(error) => return self.finish(Err(error)),
        };
        let lacks = |item: &Item| {
            let rev = item.revision.version.path.rev().to_string();
            missing.get(&item.revision.id.to_string()).is_some_and(|m| m.missing.contains(&rev))
        };
        self.sent = (0..self.batch.len()).filter(|&i| lacks(&self.batch[i])).collect();
        if self.sent.is_empty() {
            return self.batch_done(&[]);
        }
        let docs: Vec<&str> = self.sent.iter().map(|&i| self.batch[i].doc.as_str()).collect();
        let body = format!(r#"{{"new_edits":false,"docs":[{}]}}"#, docs.join(","));
        self.step = Step::BulkDocs;
        self.link.send(Endpoint::BulkDocs, Request::new(Method::Post, "_bulk_docs", Some(body)))
    }

    fn on_bulk_docs(&mut self, reply: http::Reply) -> Action {
        let response = match self.hear(reply) {
            Ok(Ok(response)) => response,
            Ok(Err(Failure::TooLarge)) => return self.shrink(),
            Ok(Err(failure)) => return self.finish(Err(failure.into_error())),
            Err(action) => return action,
        };
        let answers: Vec<BulkAnswer> = match http::parse(Endpoint::BulkDocs, &response) {
            Ok(answers) => answers,
            Err(error) => return self.finish(Err(error)),
        };
        // With `new_edits: false` CouchDB answers only the documents it refused (an empty list
        // when all went in); a refusal names the id, and the revision when it can.
        let refused: Vec<usize> = self
            .sent
            .iter()
            .copied()
            .filter(|&i| {
                let revision = &self.batch[i].revision;
                answers.iter().any(|a| {
                    a.error.is_some()
                        && a.id.as_deref() == Some(revision.id.to_string().as_str())
                        && a.rev.as_deref().and_then(Rev::parse).is_none_or(|r| r == revision.version.path.rev())
                })
            })
            .collect();
        self.pushed += self.sent.len() - refused.len();
        self.rejected += refused.len();
        self.batch_done(&refused)
    }

    /// The batch is on the server but for `refused`: move the checkpoint, then remove.
    fn batch_done(&mut self, refused: &[usize]) -> Action {
        for (i, item) in self.batch.drain(..).enumerate() {
            if !refused.contains(&i) {
                self.handled.extend(&item.covers);
                self.removing.extend(item.covers);
            }
        }
        let through = self.seqs.iter().take_while(|s| self.handled.contains(s)).last().copied().unwrap_or(0);
        if through > self.saved {
            self.saving = through;
            return self.save_checkpoint();
        }
        self.remove_or_continue()
    }

    fn save_checkpoint(&mut self) -> Action {
        self.step = Step::SaveCheckpoint;
        self.link.send(Endpoint::Checkpoint, self.checkpoint.put(&json!(self.saving)))
    }

    fn remove_or_continue(&mut self) -> Action {
        if self.removing.is_empty() {
            return self.next_batch();
        }
        self.step = Step::Removing;
        Action::Remove(std::mem::take(&mut self.removing))
    }

    fn on_saved(&mut self, reply: http::Reply) -> Action {
        let answer = match self.hear(reply) {
            Ok(answer) => answer,
            Err(action) => return action,
        };
        match self.checkpoint.saved(answer) {
            Saved::Written => {
                self.saved = self.saving;
                self.remove_or_continue()
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
            Ok(seq) => {
                self.saving = self.saving.max(seq.and_then(|s| s.as_u64()).unwrap_or(0));
                self.save_checkpoint()
            }
            Err(failure) => self.finish(Err(failure.into_error())),
        }
    }

    /// 413: the batch goes back to the queue and the next ones are half as long; a single
    /// document the server refuses as too large ends the run, naming it.
    fn shrink(&mut self) -> Action {
        if self.batch.len() <= 1 {
            let id = self.batch.first().map(|i| i.revision.id.to_string()).unwrap_or_default();
            return self.finish(Err(SyncError::TooLarge { id }));
        }
        self.limits.push_docs = self.batch.len() / 2;
        for item in self.batch.drain(..).rev() {
            self.queue.push_front(item);
        }
        self.next_batch()
    }
}

/// The revisions to send for a set of outbox entries: one per leaf of each record. A revision
/// another entry was written on top of travels inside that one's `_revisions`, and its entry
/// is removed with it. Ordered by the oldest entry each one stands for. Records are handled one
/// at a time (a first push queues every record of the book: 70,000 entries compared pairwise
/// took minutes).
fn collapse(items: Vec<Item>) -> Vec<Item> {
    let mut by_record: HashMap<super::doc::DocId, Vec<Item>> = HashMap::new();
    for item in items {
        by_record.entry(item.revision.id.clone()).or_default().push(item);
    }
    let mut kept: Vec<Item> = by_record.into_values().flat_map(collapse_record).collect();
    for item in &mut kept {
        item.covers.sort_unstable();
        item.doc = to_couch(&item.revision).to_string();
    }
    kept.sort_by_key(|item| item.covers[0]);
    kept
}

/// [`collapse`] for the entries of one record.
fn collapse_record(items: Vec<Item>) -> Vec<Item> {
    let mut unique: Vec<Item> = Vec::new();
    for item in items {
        let rev = item.revision.version.path.rev();
        match unique.iter_mut().find(|u| u.revision.version.path.rev() == rev) {
            Some(same) => same.covers.extend(item.covers),
            None => unique.push(item),
        }
    }
    // Oldest generation first, so a chain a → b → c hands a's entries to b, then b's to c.
    let mut order: Vec<usize> = (0..unique.len()).collect();
    order.sort_by_key(|&i| unique[i].revision.version.path.start());
    let mut gone = vec![false; unique.len()];
    for &i in &order {
        let rev = unique[i].revision.version.path.rev();
        let heir = (0..unique.len()).find(|&j| j != i && !gone[j] && unique[j].revision.version.path.contains(&rev));
        if let Some(j) = heir {
            let covers = std::mem::take(&mut unique[i].covers);
            unique[j].covers.extend(covers);
            gone[i] = true;
        }
    }
    unique.into_iter().zip(gone).filter_map(|(item, gone)| (!gone).then_some(item)).collect()
}
