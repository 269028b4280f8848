//! A device's book kept in memory: records at their current version (tombstones kept), the
//! outbox, and the conflicts kept for the user, with the engine's local actions applied by the
//! rules IndexedDB applies them by (`store::replica`, `sync::local`): a pulled page all or
//! nothing, stale when the user saved one of its records since it was read. The devices of the
//! engine's host tests (`sync/tests.rs`) and of the stand-in test (`tests/sync_stand_in.rs`).

use super::conflict::{Conflict, resolve};
use super::doc::{DocId, Revision, Version};
use super::engine::{Action, Batch, Input, LocalDoc, OutboxEntry};
use super::local;
use crate::domain::exchange::merge::Choice;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct MemoryBook {
    pub records: BTreeMap<DocId, Version>,
    pub outbox: Vec<OutboxEntry>,
    pub next_seq: u64,
    pub conflicts: BTreeMap<DocId, Conflict>,
    /// Every record written by a pull, in order.
    pub pulled: Vec<DocId>,
}

impl Default for MemoryBook {
    fn default() -> MemoryBook {
        MemoryBook {
            records: BTreeMap::new(),
            outbox: Vec::new(),
            next_seq: 1,
            conflicts: BTreeMap::new(),
            pulled: Vec::new(),
        }
    }
}

impl MemoryBook {
    /// A save by the user (`None`: a deletion): the record and its outbox entry together.
    pub fn save(&mut self, id: &DocId, body: Option<Value>) {
        let version = match (self.records.get(id), body) {
            (Some(current), body) => current.edit(body),
            (None, Some(body)) => Version::first(body),
            (None, None) => return,
        };
        self.records.insert(id.clone(), version.clone());
        self.queue(Revision { id: id.clone(), version });
    }

    pub fn queue(&mut self, revision: Revision) {
        self.outbox.push(OutboxEntry { seq: self.next_seq, revision });
        self.next_seq += 1;
    }

    /// What a device does when a run reports `first_contact` after it had synced with this
    /// database before: every record's current version into the outbox.
    pub fn requeue_all(&mut self) {
        let records: Vec<Revision> =
            self.records.iter().map(|(id, version)| Revision { id: id.clone(), version: version.clone() }).collect();
        for revision in records {
            self.queue(revision);
        }
    }

    /// Settles a kept conflict as the user chose.
    pub fn settle(&mut self, id: &DocId, choice: Choice) {
        let conflict = self.conflicts.remove(id).expect("a conflict to settle");
        let resolution = resolve(&conflict, choice);
        self.records.insert(id.clone(), resolution.local.version);
        for revision in resolution.outbox {
            self.queue(revision);
        }
    }

    /// The `name` of a record's current version.
    pub fn name(&self, id: &DocId) -> Option<&str> {
        self.records.get(id)?.body.as_ref()?.get("name")?.as_str()
    }

    /// Does a local action as IndexedDB would; `None` for the others (requests, waits, the end).
    pub fn perform(&mut self, action: &Action) -> Option<Input> {
        match action {
            Action::ReadLocal(ids) => Some(Input::Local(
                ids.iter()
                    .map(|id| LocalDoc {
                        id: id.clone(),
                        current: self.records.get(id).cloned(),
                        unsent: self
                            .outbox
                            .iter()
                            .filter(|e| e.revision.id == *id)
                            .map(|e| e.revision.version.clone())
                            .collect(),
                    })
                    .collect(),
            )),
            Action::Apply(batch) => Some(self.apply(batch)),
            Action::ReadOutbox => Some(Input::Outbox(self.outbox.clone())),
            Action::Remove(seqs) => {
                self.outbox.retain(|e| !seqs.contains(&e.seq));
                Some(Input::Written)
            }
            Action::Send(_) | Action::Wait { .. } | Action::Done(_) => None,
        }
    }

    /// Applies a pulled page, all or nothing.
    pub fn apply(&mut self, batch: &Batch) -> Input {
        if batch.writes.iter().any(|w| local::is_stale(w, self.records.get(&w.revision.id))) {
            return Input::Stale;
        }
        for write in &batch.writes {
            self.records.insert(write.revision.id.clone(), write.revision.version.clone());
            self.pulled.push(write.revision.id.clone());
        }
        for id in &batch.settled {
            self.conflicts.remove(id);
        }
        for conflict in &batch.conflicts {
            self.conflicts.insert(conflict.id.clone(), conflict.clone());
        }
        for revision in batch.outbox.clone() {
            self.queue(revision);
        }
        Input::Written
    }
}
