//! What a pulled change does to the local record, and how a conflict is settled.
//!
//! A record's versions form a tree; its leaves are the versions nobody has written on top of.
//! The leaves that matter for one record are the server's (from `_changes?style=all_docs`) plus
//! this device's own version when the server does not have it yet. Two of those leaves still
//! holding content, or one deleting what the other edited, is a conflict: the user sees both
//! and chooses (keep mine / take theirs), unless they chose "newer wins" in the settings. A
//! conflict is settled the CouchDB way: every losing leaf gets a deleted child, so exactly one
//! leaf keeps content on every side.

use super::doc::{DocId, Revision, Version};
use crate::domain::exchange::merge::Choice;

/// Whether conflicts wait for the user or settle themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Policy {
    /// Every conflict is shown with both versions (the default: nothing is decided silently).
    #[default]
    Ask,
    /// The version changed last (`updated_at`) wins; the user turned this on in the settings.
    NewerWins,
}

/// Two or more versions of one record that were made without seeing each other.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Conflict {
    pub id: DocId,
    /// The version this device holds (and keeps holding until the user chooses).
    pub mine: Version,
    /// The other versions: content, or a deletion of what `mine` edited.
    pub theirs: Vec<Version>,
}

/// What settling a conflict writes: the record's new local version (unchanged when mine won)
/// and the revisions to push, in the same transaction (the outbox).
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub local: Revision,
    pub outbox: Vec<Revision>,
}

/// Settles a conflict as the user chose. `KeepNewer` compares `updated_at`; equal or unknown
/// times (a deletion has none) keep this device's version, as an import does.
pub fn resolve(conflict: &Conflict, choice: Choice) -> Resolution {
    let winner = match choice {
        Choice::KeepMine => &conflict.mine,
        Choice::TakeTheirs => couch_winner(&conflict.theirs).unwrap_or(&conflict.mine),
        Choice::KeepNewer => {
            conflict.theirs.iter().fold(&conflict.mine, |best, other| match (best.updated_at(), other.updated_at()) {
                (Some(b), Some(o)) if o > b => other,
                _ => best,
            })
        }
    };
    let outbox = std::iter::once(&conflict.mine)
        .chain(&conflict.theirs)
        .filter(|leaf| leaf.path != winner.path)
        .map(|leaf| Revision { id: conflict.id.clone(), version: leaf.edit(None) })
        .collect();
    Resolution { local: Revision { id: conflict.id.clone(), version: winner.clone() }, outbox }
}

/// What a pull does with one record.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Decision {
    /// Nothing new for this device.
    Keep,
    /// Store this version (the server's is on top of ours, or settles an old conflict).
    Write(Version),
    /// Show the conflict; when this device had no version yet (or the server is on top of it),
    /// first store `write`, which becomes `mine`.
    Conflict { write: Option<Version>, conflict: Conflict },
}

/// Decides for one record from its local version, its versions still in the outbox, and the
/// server leaves this device lacks.
pub(crate) fn decide(id: &DocId, local: Option<&Version>, unsent: &[Version], fetched: Vec<Version>) -> Decision {
    let leaves = leaves(local, unsent, fetched);
    let live: Vec<&Version> = leaves.iter().filter(|v| !v.is_deleted()).collect();
    let deletes_an_edit =
        |d: &Version| !live.is_empty() && d.path.parent().is_some_and(|p| live.iter().any(|w| w.path.contains(&p)));
    let in_conflict = live.len() >= 2 || leaves.iter().any(|d| d.is_deleted() && deletes_an_edit(d));
    let local_rev = local.map(|v| v.path.rev());

    if !in_conflict {
        let Some(winner) = couch_winner(&leaves) else { return Decision::Keep };
        let unchanged = local_rev.as_ref() == Some(&winner.path.rev());
        let both_deleted = winner.is_deleted() && local.is_none_or(Version::is_deleted);
        return if unchanged || both_deleted { Decision::Keep } else { Decision::Write(winner.clone()) };
    }

    // `mine` is the leaf that carries this device's version: itself, or the server's version
    // written on top of it.
    let on_top: Vec<Version> = match &local_rev {
        Some(rev) => leaves.iter().filter(|v| v.path.contains(rev)).cloned().collect(),
        None => Vec::new(),
    };
    let mine = couch_winner(&on_top).or_else(|| couch_winner(&leaves)).cloned();
    let Some(mine) = mine else { return Decision::Keep };
    let theirs = leaves
        .iter()
        .filter(|v| v.path != mine.path && !unsent.contains(v) && (!v.is_deleted() || deletes_an_edit(v)))
        .cloned()
        .collect();
    let write = (local_rev.as_ref() != Some(&mine.path.rev())).then(|| mine.clone());
    Decision::Conflict { write, conflict: Conflict { id: id.clone(), mine, theirs } }
}

/// The leaves among the local versions and the fetched ones: a version another one was written
/// on top of is history, not a leaf.
fn leaves(local: Option<&Version>, unsent: &[Version], fetched: Vec<Version>) -> Vec<Version> {
    let mut all: Vec<Version> = Vec::new();
    for version in local.into_iter().chain(unsent).cloned().chain(fetched) {
        if !all.iter().any(|known| known.path.rev() == version.path.rev()) {
            all.push(version);
        }
    }
    let is_leaf: Vec<bool> = all
        .iter()
        .map(|v| {
            let rev = v.path.rev();
            !all.iter().any(|other| other.path.rev() != rev && other.path.contains(&rev))
        })
        .collect();
    all.into_iter().zip(is_leaf).filter_map(|(v, leaf)| leaf.then_some(v)).collect()
}

/// CouchDB's choice among leaves: content before deletions, then the longest history, then
/// the greater hash. Every replica picks the same one.
pub(crate) fn couch_winner(leaves: &[Version]) -> Option<&Version> {
    leaves.iter().max_by(|a, b| {
        let key = |v: &Version| (!v.is_deleted(), v.path.rev());
        key(a).cmp(&key(b))
    })
}
