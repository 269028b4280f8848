//! What an import would change, before it changes anything: per collection, how many records are
//! new, the same, or conflicting (the same id with different content on both sides), and the plan
//! of writes once the user has chosen, for each collection, keep mine / take theirs / keep the newer.

use super::ReviewVerdict;
use super::import::{Incoming, Place, Problem, What};
use crate::domain::customer::Customer;
use crate::domain::dataset::Dataset;
use crate::domain::schedule::{AgendaMark, Campaign};
use crate::domain::scripts::Script;
use crate::domain::settings::Settings;
use crate::domain::visit::{FeedbackItem, Signature, Visit};
use chrono::NaiveDateTime;
use std::collections::{HashMap, HashSet};

/// A kind of record, as the preview lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Settings,
    Customers,
    Visits,
    Feedback,
    Signatures,
    Campaigns,
    AgendaMarks,
    Scripts,
    /// Supervisors' verdicts, applied to the visits they judge.
    Reviews,
}

impl Part {
    pub const ALL: [Part; 9] = [
        Part::Settings,
        Part::Customers,
        Part::Visits,
        Part::Feedback,
        Part::Signatures,
        Part::Campaigns,
        Part::AgendaMarks,
        Part::Scripts,
        Part::Reviews,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Part::Settings => "settings",
            Part::Customers => "customers",
            Part::Visits => "visits",
            Part::Feedback => "feedback",
            Part::Signatures => "signatures",
            Part::Campaigns => "campaigns",
            Part::AgendaMarks => "agenda_marks",
            Part::Scripts => "scripts",
            Part::Reviews => "reviews",
        }
    }

    pub fn from_name(name: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The part the records of a storage collection (by its name) are: the settings live in
    /// `meta`; the others have the part's own name.
    pub fn of_collection(collection: &str) -> Option<Part> {
        if collection == "meta" { Some(Part::Settings) } else { Part::from_name(collection) }
    }
}

/// What to do when a record differs between the file and this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Choice {
    KeepMine,
    TakeTheirs,
    /// The one changed last (`updated_at`; a verdict's date). Equal or unknown times keep
    /// this device's record: nothing is lost that the user cannot see.
    #[default]
    KeepNewer,
}

impl Choice {
    pub const ALL: [Choice; 3] = [Choice::KeepMine, Choice::TakeTheirs, Choice::KeepNewer];

    pub fn name(self) -> &'static str {
        match self {
            Choice::KeepMine => "mine",
            Choice::TakeTheirs => "theirs",
            Choice::KeepNewer => "newer",
        }
    }

    pub fn from_name(name: &str) -> Option<Choice> {
        Choice::ALL.into_iter().find(|c| c.name() == name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub new: usize,
    pub same: usize,
    pub conflicting: usize,
    /// Of the conflicting ones, how many are newer in the file (what "keep the newer" would take).
    pub theirs_newer: usize,
}

/// The preview: one tally per kind of record the file has.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Preview {
    pub parts: Vec<(Part, Tally)>,
}

impl Preview {
    pub fn tally(&self, part: Part) -> Tally {
        self.parts.iter().find(|(p, _)| *p == part).map(|(_, t)| *t).unwrap_or_default()
    }

    pub fn new_total(&self) -> usize {
        self.parts.iter().map(|(_, t)| t.new).sum()
    }

    pub fn conflicts(&self) -> usize {
        self.parts.iter().map(|(_, t)| t.conflicting).sum()
    }
}

/// The choice per kind of record; kinds not listed keep the newer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Choices(pub HashMap<Part, Choice>);

impl Choices {
    pub fn of(&self, part: Part) -> Choice {
        self.0.get(&part).copied().unwrap_or_default()
    }

    pub fn set(&mut self, part: Part, choice: Choice) {
        self.0.insert(part, choice);
    }
}

/// The records to write. Each carries the revision this device holds (0 for a new record), so
/// that the store's revision check refuses the whole import if another tab changed one since.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub settings: Option<Settings>,
    pub customers: Vec<Customer>,
    pub visits: Vec<Visit>,
    pub feedback: Vec<FeedbackItem>,
    pub signatures: Vec<Signature>,
    pub campaigns: Vec<Campaign>,
    pub agenda_marks: Vec<AgendaMark>,
    pub scripts: Vec<Script>,
}

impl Plan {
    pub fn len(&self) -> usize {
        usize::from(self.settings.is_some())
            + self.customers.len()
            + self.visits.len()
            + self.feedback.len()
            + self.signatures.len()
            + self.campaigns.len()
            + self.agenda_marks.len()
            + self.scripts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A record that can be matched by id and compared across devices.
pub trait Mergeable: Clone + PartialEq {
    fn key(&self) -> &str;
    fn rev(&self) -> u64;
    fn set_rev(&mut self, rev: u64);
    fn changed_at(&self) -> Option<NaiveDateTime>;
}

macro_rules! mergeable {
    ($ty:ty) => {
        impl Mergeable for $ty {
            fn key(&self) -> &str {
                self.id.as_ref()
            }
            fn rev(&self) -> u64 {
                self.rev
            }
            fn set_rev(&mut self, rev: u64) {
                self.rev = rev;
            }
            fn changed_at(&self) -> Option<NaiveDateTime> {
                Some(self.updated_at)
            }
        }
    };
}

mergeable!(Customer);
mergeable!(Visit);
mergeable!(FeedbackItem);
mergeable!(Campaign);
mergeable!(AgendaMark);
mergeable!(Script);

impl Mergeable for Signature {
    fn key(&self) -> &str {
        &self.visit_id
    }
    fn rev(&self) -> u64 {
        0
    }
    fn set_rev(&mut self, _rev: u64) {}
    /// Signatures are written once with their visit and carry no time: a differing one keeps
    /// this device's unless the user takes theirs.
    fn changed_at(&self) -> Option<NaiveDateTime> {
        None
    }
}

/// Revisions count saves on one device, so two devices' revisions say nothing about each other:
/// records are the same when they are equal but for the revision.
fn same_content<R: Mergeable>(mine: &R, theirs: &R) -> bool {
    let mut theirs = theirs.clone();
    theirs.set_rev(mine.rev());
    *mine == theirs
}

fn takes_theirs(choice: Choice, mine: Option<NaiveDateTime>, theirs: Option<NaiveDateTime>) -> bool {
    match choice {
        Choice::KeepMine => false,
        Choice::TakeTheirs => true,
        Choice::KeepNewer => matches!((mine, theirs), (Some(m), Some(t)) if t > m),
    }
}

/// Tallies one collection and lists what to write under `choice`.
fn merge<R: Mergeable>(mine: &[R], theirs: &[R], choice: Choice) -> (Tally, Vec<R>) {
    let local: HashMap<&str, &R> = mine.iter().map(|r| (r.key(), r)).collect();
    let mut tally = Tally::default();
    let mut writes = Vec::new();
    for record in theirs {
        match local.get(record.key()) {
            None => {
                tally.new += 1;
                let mut fresh = record.clone();
                fresh.set_rev(0);
                writes.push(fresh);
            }
            Some(m) if same_content(*m, record) => tally.same += 1,
            Some(m) => {
                tally.conflicting += 1;
                if takes_theirs(Choice::KeepNewer, m.changed_at(), record.changed_at()) {
                    tally.theirs_newer += 1;
                }
                if takes_theirs(choice, m.changed_at(), record.changed_at()) {
                    let mut taken = record.clone();
                    taken.set_rev(m.rev());
                    writes.push(taken);
                }
            }
        }
    }
    (tally, writes)
}

/// Applies verdicts to the visits they judge (the planned version when the file also brings the
/// visit, this device's otherwise).
fn merge_reviews(local: &[Visit], planned: &mut Vec<Visit>, reviews: &[ReviewVerdict], choice: Choice) -> Tally {
    let mut tally = Tally::default();
    for verdict in reviews {
        let current = planned
            .iter()
            .position(|v| v.id == verdict.visit_id)
            .map(|i| planned[i].clone())
            .or_else(|| local.iter().find(|v| v.id == verdict.visit_id).cloned());
        let Some(mut visit) = current else { continue };
        let take = match &visit.review {
            None => {
                tally.new += 1;
                true
            }
            Some(r) if *r == verdict.review => {
                tally.same += 1;
                false
            }
            Some(r) => {
                tally.conflicting += 1;
                let (mine, theirs) = (r.on.and_hms_opt(0, 0, 0), verdict.review.on.and_hms_opt(0, 0, 0));
                if takes_theirs(Choice::KeepNewer, mine, theirs) {
                    tally.theirs_newer += 1;
                }
                takes_theirs(choice, mine, theirs)
            }
        };
        if take {
            visit.review = Some(verdict.review.clone());
            match planned.iter_mut().find(|v| v.id == visit.id) {
                Some(slot) => *slot = visit,
                None => planned.push(visit),
            }
        }
    }
    tally
}

/// The tallies and the writes for `choices`. Settings have no time: "keep the newer" keeps
/// this device's.
pub fn plan(local: &Dataset, incoming: &Incoming, choices: &Choices) -> (Preview, Plan) {
    let theirs = &incoming.data;
    let mut preview = Preview::default();
    let mut plan = Plan::default();
    if let Some(settings) = &incoming.settings {
        // The revision is this device's bookkeeping, not a setting: only the values compare.
        let same = Settings { rev: local.settings.rev, ..settings.clone() } == local.settings;
        let tally = Tally { same: usize::from(same), conflicting: usize::from(!same), ..Tally::default() };
        preview.parts.push((Part::Settings, tally));
        if !same && choices.of(Part::Settings) == Choice::TakeTheirs {
            plan.settings = Some(settings.clone());
        }
    }
    macro_rules! part {
        ($part:expr, $field:ident) => {
            if !theirs.$field.is_empty() {
                let (tally, writes) = merge(&local.$field, &theirs.$field, choices.of($part));
                preview.parts.push(($part, tally));
                plan.$field = writes;
            }
        };
    }
    part!(Part::Customers, customers);
    part!(Part::Visits, visits);
    part!(Part::Feedback, feedback);
    part!(Part::Signatures, signatures);
    part!(Part::Campaigns, campaigns);
    part!(Part::AgendaMarks, agenda_marks);
    part!(Part::Scripts, scripts);
    if !incoming.reviews.is_empty() {
        let tally = merge_reviews(&local.visits, &mut plan.visits, &incoming.reviews, choices.of(Part::Reviews));
        preview.parts.push((Part::Reviews, tally));
    }
    (preview, plan)
}

/// Records of the file that point at a customer or visit found neither in the file nor on this
/// device: importing them would leave visits nobody can open.
pub fn dangling(local: &Dataset, incoming: &Incoming) -> Vec<Problem> {
    let theirs = &incoming.data;
    let customers: HashSet<&str> = local.customers.iter().chain(&theirs.customers).map(|c| c.id.as_str()).collect();
    let visits: HashSet<&str> = local.visits.iter().chain(&theirs.visits).map(|v| v.id.as_str()).collect();
    let mut problems = Vec::new();
    let place = |collection: &str, i: usize, id: &str| Place {
        collection: collection.into(),
        number: i + 1,
        id: id.into(),
        name: String::new(),
    };
    for (i, v) in theirs.visits.iter().enumerate() {
        if !customers.contains(v.customer_id.as_str()) {
            let what = What::UnknownCustomer { id: v.customer_id.clone() };
            problems.push(Problem::at(&place("visits", i, &v.id), "customer_id", what));
        }
    }
    for (i, f) in theirs.feedback.iter().enumerate() {
        if !customers.contains(f.customer_id.as_str()) {
            let what = What::UnknownCustomer { id: f.customer_id.clone() };
            problems.push(Problem::at(&place("feedback", i, &f.id), "customer_id", what));
        } else if !f.visit_id.is_empty() && !visits.contains(f.visit_id.as_str()) {
            let what = What::UnknownVisit { id: f.visit_id.clone() };
            problems.push(Problem::at(&place("feedback", i, &f.id), "visit_id", what));
        }
    }
    for (i, s) in theirs.signatures.iter().enumerate() {
        if !visits.contains(s.visit_id.as_str()) {
            let what = What::UnknownVisit { id: s.visit_id.clone() };
            problems.push(Problem::at(&place("signatures", i, &s.visit_id), "visit_id", what));
        }
    }
    for (i, r) in incoming.reviews.iter().enumerate() {
        if !visits.contains(r.visit_id.as_str()) {
            let what = What::UnknownVisit { id: r.visit_id.clone() };
            problems.push(Problem::at(&place("reviews", i, &r.visit_id), "visit_id", what));
        }
    }
    for (i, m) in theirs.agenda_marks.iter().enumerate() {
        if !m.customer_id.is_empty() && !customers.contains(m.customer_id.as_str()) {
            let what = What::UnknownCustomer { id: m.customer_id.clone() };
            problems.push(Problem::at(&place("agenda_marks", i, m.id.as_str()), "customer_id", what));
        }
    }
    problems.truncate(super::import::MAX_PROBLEMS);
    problems
}

/// Puts the written records into `data` (memory after storage has them), replacing by id.
pub fn apply(data: &mut Dataset, plan: &Plan) {
    if let Some(settings) = &plan.settings {
        data.settings = settings.clone();
    }
    replace_by_key(&mut data.customers, &plan.customers);
    replace_by_key(&mut data.visits, &plan.visits);
    replace_by_key(&mut data.feedback, &plan.feedback);
    replace_by_key(&mut data.signatures, &plan.signatures);
    replace_by_key(&mut data.campaigns, &plan.campaigns);
    replace_by_key(&mut data.agenda_marks, &plan.agenda_marks);
    replace_by_key(&mut data.scripts, &plan.scripts);
}

/// Replaces the records of `into` that have the id of one of `records`, and adds the others.
pub fn replace_by_key<R: Mergeable>(into: &mut Vec<R>, records: &[R]) {
    let mut index: HashMap<String, usize> = into.iter().enumerate().map(|(i, r)| (r.key().to_string(), i)).collect();
    for record in records {
        match index.get(record.key()) {
            Some(&i) => into[i] = record.clone(),
            None => {
                index.insert(record.key().to_string(), into.len());
                into.push(record.clone());
            }
        }
    }
}
