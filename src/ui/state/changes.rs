//! The one path a change takes from a page to storage and back into memory: the page collects
//! what it changes in [`Changes`] (records saved, put back or deleted, the settings), and
//! [`AppState::apply`](super::AppState::apply) writes them in one transaction and, once storage
//! has them, puts the same records into the app's lists. No page updates a list by hand, so what
//! the screen shows is always what was stored.

use super::AppState;
use crate::domain::customer::Customer;
use crate::domain::fast_hash::FastMap;
use crate::domain::schedule::{AgendaMark, Campaign};
use crate::domain::scripts::Script;
use crate::domain::settings::Settings;
use crate::domain::tiering::TierInput;
use crate::domain::visit::{FeedbackItem, Signature, Visit};
use crate::store::{Batch, Collection, StoredRecord};
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};

/// A record the app keeps in memory, in one of [`AppState`]'s lists.
pub trait Kept: StoredRecord + TierInput + Send + Sync {
    /// The app's list of these records.
    fn list(app: &AppState) -> RwSignal<Vec<Self>>;
    /// Where [`Changes`] gathers the ones written.
    fn pending(changes: &mut Pending) -> &mut Vec<Self>;
}

macro_rules! kept {
    ($($ty:ty => $field:ident),* $(,)?) => {
        /// The records a batch writes, by kind, waiting for storage to confirm them.
        #[derive(Default)]
        pub struct Pending {
            $($field: Vec<$ty>,)*
        }

        $(impl Kept for $ty {
            fn list(app: &AppState) -> RwSignal<Vec<Self>> {
                app.$field
            }
            fn pending(changes: &mut Pending) -> &mut Vec<Self> {
                &mut changes.$field
            }
        })*

        impl Pending {
            fn remember(self, app: &AppState, removed: &Keys, created: &Keys) {
                $(remember(app, self.$field, removed.get(&<$ty>::COLLECTION), created.get(&<$ty>::COLLECTION));)*
            }
        }
    };
}

kept! {
    Customer => customers,
    Visit => visits,
    FeedbackItem => feedback,
    Campaign => campaigns,
    AgendaMark => agenda_marks,
    Script => scripts,
}

/// What one user action changes, written at once by [`AppState::apply`](super::AppState::apply).
#[derive(Default)]
pub struct Changes {
    batch: Batch,
    memory: Stored,
}

impl Changes {
    pub fn new() -> Changes {
        Changes::default()
    }

    /// Saves `record` over the revision it was read at (another tab's newer save is a conflict);
    /// returns it as it will be stored.
    pub fn save<R: Kept>(&mut self, record: &R) -> R {
        let saved = self.batch.save(record);
        R::pending(&mut self.memory.pending).push(saved.clone());
        saved
    }

    /// Saves a record made a moment ago under a fresh id ([`new_id`](super::new_id)), such as a
    /// new visit: storage treats it as [`save`](Self::save) does (no record may have its key yet),
    /// and memory appends it without looking for an older copy, which cannot exist. Finding
    /// none meant comparing the key with every record of the list: for a visit, 55,000 of them.
    pub fn create<R: Kept>(&mut self, record: &R) -> R {
        self.memory.created.entry(R::COLLECTION).or_default().insert(record.key().to_string());
        self.save(record)
    }

    /// [`save`](Self::save) for each of `records`, without the copy of each that `save` returns.
    pub fn save_all<R: Kept>(&mut self, records: &[R]) {
        let pending = R::pending(&mut self.memory.pending);
        pending.reserve(records.len());
        for record in records {
            pending.push(self.batch.save(record));
        }
    }

    /// Writes `record` as it is, revision included (a record put back by Undo, an import).
    pub fn put<R: Kept>(&mut self, record: &R) {
        self.batch.put(record);
        R::pending(&mut self.memory.pending).push(record.clone());
    }

    /// Deletes `record` (as of the revision it was read at).
    pub fn delete<R: Kept>(&mut self, record: &R) {
        self.batch.delete(record);
        self.memory.removed.entry(R::COLLECTION).or_default().insert(record.key().to_string());
    }

    /// A signature is stored but not kept in memory: pages read it when they show it.
    pub fn put_signature(&mut self, signature: &Signature) {
        self.batch.put(signature);
    }

    pub fn delete_signature(&mut self, visit_id: &str) {
        self.batch.delete_key(Collection::Signatures, visit_id);
    }

    /// Saves the settings over the revision they were loaded at; returns them as stored.
    pub fn save_settings(&mut self, settings: &Settings) -> Settings {
        let saved = self.batch.save_settings(settings);
        self.memory.settings = Some(saved.clone());
        saved
    }

    pub fn is_empty(&self) -> bool {
        self.batch.is_empty()
    }

    /// Splits into the write and what memory gets once it succeeded.
    pub(super) fn into_parts(self) -> (Batch, Stored) {
        (self.batch, self.memory)
    }
}

/// The memory side of a [`Changes`]: what the app's lists and settings become once it is written.
#[derive(Default)]
pub(super) struct Stored {
    pending: Pending,
    removed: Keys,
    /// The keys of records [`Changes::create`] made.
    created: Keys,
    settings: Option<Settings>,
}

/// Keys of records, by collection.
type Keys = HashMap<Collection, HashSet<String>>;

impl Stored {
    pub(super) fn remember(self, app: &AppState) {
        if let Some(settings) = self.settings {
            app.settings.set(settings);
        }
        self.pending.remember(app, &self.removed, &self.created);
    }
}

/// Up to this many records saved at once, [`remember`] finds them in the list by comparing keys.
const FEW_SAVED: usize = 8;

/// Drops the `removed` keys from the app's list, then puts `saved` into it (replacing the record of
/// the same key; of a key saved twice, the last). One pass over the list whatever the number saved:
/// an import of 22,000 customers once looked each up in the whole list (hundreds of millions of
/// comparisons, seconds of a frozen page), and a single visit must not index all 55,000 of a large
/// book's visits either.
/// Records [`Changes::create`] made (their keys in `created`) are appended.
fn remember<R: Kept>(
    app: &AppState,
    saved: Vec<R>,
    removed: Option<&HashSet<String>>,
    created: Option<&HashSet<String>>,
) {
    if saved.is_empty() && removed.is_none_or(HashSet::is_empty) {
        return;
    }
    R::list(app).update(|list| {
        if let Some(removed) = removed.filter(|r| !r.is_empty()) {
            list.retain(|r| {
                let gone = removed.contains(r.key());
                if gone && let Some(owner) = r.tier_owner() {
                    app.touched.update_value(|t| t.customer(owner));
                }
                !gone
            });
        }
        if saved.is_empty() {
            return;
        }
        app.touched.update_value(|t| saved.iter().filter_map(R::tier_owner).for_each(|owner| t.customer(owner)));
        let (new, saved): (Vec<R>, Vec<R>) =
            saved.into_iter().partition(|r| created.is_some_and(|keys| keys.contains(r.key())));
        // Of a key created twice, the last; in the order they were made.
        let mut seen = HashSet::new();
        let mut new: Vec<R> = new.into_iter().rev().filter(|r| seen.insert(r.key().to_string())).collect();
        new.reverse();
        list.extend(new);
        if saved.is_empty() {
            return;
        }
        // Where each saved record goes: its key's last occurrence among `saved`, then the place of
        // that key in the list, if it has one. A save of a few records compares keys instead of
        // hashing every key of the list: hashing 55,000 visit ids cost ~4 ms of saving a visit.
        let last: FastMap<&str, usize> = saved.iter().enumerate().map(|(i, r)| (r.key(), i)).collect();
        let last_of = |key: &str| {
            if saved.len() <= FEW_SAVED { saved.iter().rposition(|r| r.key() == key) } else { last.get(key).copied() }
        };
        let mut place: Vec<Option<usize>> = vec![None; saved.len()];
        for (at, r) in list.iter().enumerate() {
            if let Some(i) = last_of(r.key()) {
                place[i] = Some(at);
            }
        }
        let kept: Vec<bool> = saved.iter().enumerate().map(|(i, r)| last.get(r.key()) == Some(&i)).collect();
        drop(last);
        for ((record, at), kept) in saved.into_iter().zip(place).zip(kept) {
            match (kept, at) {
                (false, _) => {}
                (true, Some(at)) => {
                    // The record it replaces may have belonged to someone else (a visit moved).
                    if let Some(owner) = list[at].tier_owner() {
                        app.touched.update_value(|t| t.customer(owner));
                    }
                    list[at] = record;
                }
                (true, None) => list.push(record),
            }
        }
    });
}

/// Replaces one record in memory with what storage holds now (`None`: it was deleted), after
/// another tab wrote it.
pub(super) fn refresh<R: Kept>(app: &AppState, key: &str, fresh: Option<R>) {
    R::list(app).update(|records| {
        let position = records.iter().position(|r| r.key() == key);
        // Both owners: a visit another tab moved to a different customer changes two tiers.
        let owners =
            position.and_then(|i| records[i].tier_owner()).into_iter().chain(fresh.as_ref().and_then(R::tier_owner));
        app.touched.update_value(|t| owners.for_each(|owner| t.customer(owner)));
        match (position, fresh) {
            (Some(i), Some(record)) => records[i] = record,
            (Some(i), None) => {
                records.remove(i);
            }
            (None, Some(record)) => records.push(record),
            (None, None) => {}
        }
    });
}
