//! The record form as pure parsing: what the form holds ([`VisitDraft`], strings and choices,
//! stored as a draft so a reload loses nothing) becomes a valid [`Visit`], its feedback items and
//! its signature, or a list of errors, each tied to the field it belongs next to.
//!
//! A phone visit that reached the customer needs nothing but the outcome: the method, scenario
//! and time come prefilled, and every other field is optional.

use super::VisitSettings;
use super::changes::{EditSummary, record_edit};
use super::loops::{self, DuplicateError};
use crate::domain::agenda::DueItem;
use crate::domain::customer::{ContactMethod, Customer, Id};
use crate::domain::date::{self, DateError};
use crate::domain::scenario::Scenario;
use crate::domain::schedule::{ItemKeyRef, MergedKey};
use crate::domain::visit::{
    FeedbackItem, FeedbackKind, FeedbackStatus, LeftOpen, Outcome, Priority, SatisfactionLevel, Signature,
    SignatureState, Visit,
};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

/// What the agent wrote is kept up to this length; longer text is a paste gone wrong.
pub const CONTENT_MAX_CHARS: usize = 5000;
pub const FEEDBACK_MAX_CHARS: usize = 1000;
/// A visit may be logged a little ahead of the clock (a call being wrapped up, a slow device
/// clock), not more.
const FUTURE_SLACK_MINUTES: i64 = 10;

/// A signature as drawn: strokes of points in the 0–1000 × 0–400 box.
pub type Strokes = Vec<Vec<(u16, u16)>>;

/// One feedback item as the form holds it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FeedbackDraft {
    /// The saved item this row edits; `None` for a new one.
    pub id: Option<Id>,
    pub kind: Option<FeedbackKind>,
    pub text: String,
    pub category: String,
    /// `None` is normal.
    pub priority: Option<Priority>,
    pub department: String,
    /// Empty: the default for the priority (urgent within 24 h, normal at the monthly plan).
    pub deadline: String,
    /// `None` is open.
    pub status: Option<FeedbackStatus>,
    pub duplicate_of: Option<Id>,
}

impl FeedbackDraft {
    fn is_blank(&self) -> bool {
        self.id.is_none()
            && self.kind.is_none()
            && self.text.trim().is_empty()
            && self.department.trim().is_empty()
            && self.deadline.trim().is_empty()
    }

    pub fn from_item(item: &FeedbackItem) -> FeedbackDraft {
        FeedbackDraft {
            id: Some(item.id.clone()),
            kind: Some(item.kind),
            text: item.text.clone(),
            category: item.category.clone(),
            priority: Some(item.priority),
            department: item.department.clone(),
            deadline: item.deadline.map(date::iso).unwrap_or_default(),
            status: Some(item.status),
            duplicate_of: item.duplicate_of.clone(),
        }
    }
}

/// The record form's state, serialisable so an unsaved record survives a reload.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct VisitDraft {
    pub customer_id: Id,
    pub item_key: Option<MergedKey>,
    pub scenario: Option<Scenario>,
    pub method: Option<ContactMethod>,
    /// `2026-06-03` (or any form [`date::parse_date`] reads).
    pub date: String,
    /// `14:05`.
    pub time: String,
    pub outcome: Option<Outcome>,
    pub content: String,
    pub satisfaction: Option<u8>,
    pub satisfaction_level: Option<SatisfactionLevel>,
    pub recommend: Option<u8>,
    pub next_visit: String,
    pub complaint_settled: bool,
    /// Drawn on this form; empty when none was drawn (an edited record keeps its saved one).
    pub signature: Strokes,
    pub no_signature_reason: String,
    pub feedback: Vec<FeedbackDraft>,
    /// Items of the card (keys within `item_key`) the agent leaves open, with why; an empty
    /// reason is still being typed.
    pub left_open: Vec<LeftOpen>,
}

/// How long the reason for leaving an item open may be.
pub const LEFT_OPEN_MAX: usize = 200;

fn hhmm(at: NaiveDateTime) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

impl VisitDraft {
    /// Whether the visit as filled in so far must carry the customer's signature, or say why it
    /// does not: an on-site visit that met the customer. Saving checks it; the form marks the
    /// reason optional only when it is not.
    pub fn needs_signature(&self) -> bool {
        self.method == Some(ContactMethod::OnSite) && self.outcome == Some(Outcome::Reached)
    }

    /// "New visit" on a customer: now, their preferred method (phone if none), a custom visit.
    pub fn for_customer(customer: &Customer, now: NaiveDateTime) -> VisitDraft {
        VisitDraft {
            customer_id: customer.id.clone(),
            scenario: Some(Scenario::Manual),
            method: Some(customer.preferred_method.unwrap_or(ContactMethod::Phone)),
            date: date::iso(now.date()),
            time: hhmm(now),
            ..VisitDraft::default()
        }
    }

    /// Starting a due item (or a card of them): its scenario and method, now. The outcome starts
    /// as reached: most calls started from Today get through, so a reached call is one tap to
    /// save; anything else is one tap to change.
    pub fn for_item(item: &DueItem, now: NaiveDateTime) -> VisitDraft {
        VisitDraft {
            customer_id: item.customer_id.clone(),
            item_key: Some(item.key.clone()),
            scenario: Some(item.scenario),
            method: Some(if item.on_site { ContactMethod::OnSite } else { item.method }),
            date: date::iso(now.date()),
            time: hhmm(now),
            outcome: Some(Outcome::Reached),
            ..VisitDraft::default()
        }
    }

    /// Editing a saved record and the items it raised.
    pub fn from_visit(visit: &Visit, feedback: &[FeedbackItem]) -> VisitDraft {
        VisitDraft {
            customer_id: visit.customer_id.clone(),
            item_key: visit.item_key.clone(),
            left_open: visit.left_open.clone(),
            scenario: Some(visit.scenario),
            method: Some(visit.method),
            date: date::iso(visit.at.date()),
            time: hhmm(visit.at),
            outcome: Some(visit.outcome),
            content: visit.content.clone(),
            satisfaction: visit.satisfaction,
            satisfaction_level: visit.satisfaction_level,
            recommend: visit.recommend,
            next_visit: visit.next_visit.map(date::iso).unwrap_or_default(),
            complaint_settled: visit.complaint_settled,
            signature: Vec::new(),
            no_signature_reason: match &visit.signature {
                SignatureState::Missing { reason } => reason.clone(),
                _ => String::new(),
            },
            feedback: feedback.iter().filter(|f| f.visit_id == visit.id).map(FeedbackDraft::from_item).collect(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedbackField {
    Kind,
    Text,
    Department,
    Deadline,
    DuplicateOf,
}

/// Where an error is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Method,
    Scenario,
    Date,
    Time,
    Outcome,
    Content,
    Satisfaction,
    Recommend,
    NextVisit,
    ComplaintSettled,
    Signature,
    /// Why the `index`-th item left open was not dealt with.
    LeftOpen(usize),
    /// The `index`-th row of the draft's feedback list.
    Feedback {
        index: usize,
        field: FeedbackField,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    #[error("required")]
    Required,
    #[error("date: {0}")]
    Date(DateError),
    #[error("not a time of day")]
    Time,
    #[error("in the future")]
    InFuture,
    #[error("too long (max {max} characters)")]
    TooLong { max: usize },
    #[error("satisfaction is 1 to 5")]
    SatisfactionRange,
    #[error("score {score} does not match {level:?}")]
    SatisfactionMismatch { score: u8, level: SatisfactionLevel },
    #[error("the customer was not reached")]
    NotReached,
    #[error("likelihood to recommend is 0 to 10")]
    RecommendRange,
    #[error("the next visit must come after this one")]
    NextVisitNotAfterVisit,
    #[error("a rescheduled visit needs the new date")]
    RescheduleNeedsDate,
    #[error("an on-site visit needs the signature or the reason there is none")]
    SignatureOrReason,
    #[error("a follow-up item needs a department")]
    DepartmentRequired,
    #[error("the deadline is before the visit")]
    DeadlineBeforeVisit,
    #[error("the review is dated before the visit")]
    ReviewBeforeVisit,
    #[error("an urgent item is due by {latest}")]
    UrgentDeadlineTooLate { latest: NaiveDate },
    #[error(transparent)]
    Duplicate(#[from] DuplicateError),
}

/// Every problem of a draft, each with its field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecordErrors(pub Vec<(Field, RecordError)>);

impl RecordErrors {
    /// The message to show next to `field`, if any.
    pub fn get(&self, field: Field) -> Option<&RecordError> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, e)| e)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn push(&mut self, field: Field, error: RecordError) {
        self.0.push((field, error));
    }
}

/// What parsing needs besides the draft.
#[derive(Debug, Clone, Copy)]
pub struct RecordContext<'a> {
    /// The device's local time when the agent saves.
    pub now: NaiveDateTime,
    /// Words the timeline's summary of a changed record, in the user's language.
    pub edit_summary: EditSummary,
    /// The user's name (Profile), recorded as the visit's agent.
    pub agent: &'a str,
    pub settings: &'a VisitSettings,
    /// The saved record being edited, if any.
    pub editing: Option<&'a Visit>,
    /// Every saved feedback item: the rows being edited and the originals of duplicates.
    pub feedback: &'a [FeedbackItem],
}

/// A valid record, ready to be written in one batch.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub visit: Visit,
    /// New items and changed ones; a saved item the draft did not change is not repeated.
    pub feedback: Vec<FeedbackItem>,
    /// A newly drawn signature.
    pub signature: Option<Signature>,
}

/// `14:05`, `9:30`, `14：05` (full-width colon), `14:05:00` (a browser's time input).
pub fn parse_time(input: &str) -> Option<NaiveTime> {
    let text: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '：' | '.' => ':',
            _ => c,
        })
        .collect();
    let mut parts = text.split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m = parts.next()?;
    if m.len() != 2 {
        return None;
    }
    let m: u32 = m.parse().ok()?;
    let s: u32 = match parts.next() {
        Some(s) if s.len() == 2 => s.parse().ok()?,
        Some(_) => return None,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    NaiveTime::from_hms_opt(h, m, s)
}

/// The next monthly plan date at least `plan_lead_days` after `raised` (DOMAIN.md: normal items
/// go to the monthly plan).
pub fn plan_date(raised: NaiveDate, settings: &VisitSettings) -> NaiveDate {
    let earliest = date::add_days(raised, i64::from(settings.plan_lead_days));
    let on_day = |year: i32, month: u32| {
        let day = settings.plan_day.clamp(1, 31);
        (1..=day).rev().find_map(|d| NaiveDate::from_ymd_opt(year, month, d))
    };
    let mut month_start = NaiveDate::from_ymd_opt(earliest.year(), earliest.month(), 1).unwrap_or(earliest);
    for _ in 0..2 {
        if let Some(plan) = on_day(month_start.year(), month_start.month()).filter(|p| *p >= earliest) {
            return plan;
        }
        month_start = date::add_months(month_start, 1);
    }
    earliest
}

/// The deadline an item gets when the agent gives none: urgent, `urgent_within_hours` after the
/// visit; normal, the next monthly plan date.
pub fn default_deadline(priority: Priority, visit_at: NaiveDateTime, settings: &VisitSettings) -> NaiveDate {
    match priority {
        Priority::Urgent => (visit_at + Duration::hours(i64::from(settings.urgent_within_hours))).date(),
        Priority::Normal => plan_date(visit_at.date(), settings),
    }
}

/// A drawing counts as a signature when at least one stroke is a line, not a stray tap.
fn is_signature(strokes: &Strokes) -> bool {
    strokes.iter().any(|s| s.len() >= 2)
}

fn clamp_strokes(strokes: &Strokes) -> Strokes {
    strokes
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| s.iter().map(|&(x, y)| (x.min(1000), y.min(400))).collect())
        .collect()
}

/// Turns the draft into a record, or says what to fix next to which field.
///
/// `new_id` makes ids for a new visit and new feedback items (the browser's UUIDs).
pub fn parse_record(
    draft: &VisitDraft,
    ctx: &RecordContext,
    new_id: &mut dyn FnMut() -> Id,
) -> Result<Record, RecordErrors> {
    let mut errors = RecordErrors::default();

    let method = draft.method;
    if method.is_none() {
        errors.push(Field::Method, RecordError::Required);
    }
    if draft.scenario.is_none() {
        errors.push(Field::Scenario, RecordError::Required);
    }
    let day = date::parse_date(&draft.date).map_err(|e| errors.push(Field::Date, RecordError::Date(e))).ok();
    let time = parse_time(&draft.time);
    if time.is_none() {
        errors.push(Field::Time, if draft.time.trim().is_empty() { RecordError::Required } else { RecordError::Time });
    }
    let at = day.zip(time).map(|(d, t)| d.and_time(t));
    if let Some(at) = at
        && at > ctx.now + Duration::minutes(FUTURE_SLACK_MINUTES)
    {
        let field = if at.date() > ctx.now.date() { Field::Date } else { Field::Time };
        errors.push(field, RecordError::InFuture);
    }
    let outcome = draft.outcome;
    if outcome.is_none() {
        errors.push(Field::Outcome, RecordError::Required);
    }
    let not_reached = outcome == Some(Outcome::NoAnswer);
    if draft.content.chars().count() > CONTENT_MAX_CHARS {
        errors.push(Field::Content, RecordError::TooLong { max: CONTENT_MAX_CHARS });
    }

    // Satisfaction: the 1–5 score and the three words must agree; either alone is enough.
    let mut level = draft.satisfaction_level;
    match draft.satisfaction {
        Some(score) if !(1..=5).contains(&score) => errors.push(Field::Satisfaction, RecordError::SatisfactionRange),
        Some(score) => match level {
            Some(l) if l != SatisfactionLevel::from_score(score) => {
                errors.push(Field::Satisfaction, RecordError::SatisfactionMismatch { score, level: l })
            }
            _ => level = Some(SatisfactionLevel::from_score(score)),
        },
        None => {}
    }
    if not_reached && level.is_some() {
        errors.push(Field::Satisfaction, RecordError::NotReached);
    }
    match draft.recommend {
        Some(r) if r > 10 => errors.push(Field::Recommend, RecordError::RecommendRange),
        Some(_) if not_reached => errors.push(Field::Recommend, RecordError::NotReached),
        _ => {}
    }
    let complaint_settled = draft.complaint_settled && draft.scenario.is_some_and(Scenario::is_about_a_complaint);
    if complaint_settled && outcome != Some(Outcome::Reached) {
        errors.push(Field::ComplaintSettled, RecordError::NotReached);
    }

    let next_visit = if draft.next_visit.trim().is_empty() {
        if outcome == Some(Outcome::Rescheduled) {
            errors.push(Field::NextVisit, RecordError::RescheduleNeedsDate);
        }
        None
    } else {
        match date::parse_date(&draft.next_visit) {
            Ok(next) => {
                if day.is_some_and(|d| next <= d) {
                    errors.push(Field::NextVisit, RecordError::NextVisitNotAfterVisit);
                }
                Some(next)
            }
            Err(e) => {
                errors.push(Field::NextVisit, RecordError::Date(e));
                None
            }
        }
    };

    // An on-site visit that met the customer carries their signature, or says why it does not.
    let drawn = is_signature(&draft.signature);
    let kept = !drawn && ctx.editing.is_some_and(|v| v.signature == SignatureState::Captured);
    let on_site_reached = draft.needs_signature();
    let reason = draft.no_signature_reason.trim();
    let signature = if drawn || kept {
        SignatureState::Captured
    } else if on_site_reached && !reason.is_empty() {
        SignatureState::Missing { reason: reason.to_string() }
    } else {
        if on_site_reached {
            errors.push(Field::Signature, RecordError::SignatureOrReason);
        }
        SignatureState::NotNeeded
    };

    let visit_id = ctx.editing.map(|v| v.id.clone()).unwrap_or_default();
    let feedback = parse_feedback(draft, ctx, at, &mut errors);

    // An item left open says why, in a few words.
    let mut left_open = Vec::new();
    for (index, l) in draft.left_open.iter().enumerate() {
        let reason = l.reason.trim();
        if reason.is_empty() {
            errors.push(Field::LeftOpen(index), RecordError::Required);
        } else if reason.chars().count() > LEFT_OPEN_MAX {
            errors.push(Field::LeftOpen(index), RecordError::TooLong { max: LEFT_OPEN_MAX });
        } else {
            left_open.push(LeftOpen { key: l.key.clone(), reason: reason.to_string() });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Every `None` above pushed an error, so these hold; the fallbacks are never used.
    let (Some(method), Some(scenario), Some(outcome), Some(at)) = (method, draft.scenario, outcome, at) else {
        return Err(errors);
    };

    let visit_id = if visit_id.is_empty() { new_id() } else { visit_id };
    let base = ctx.editing.cloned().unwrap_or_else(|| Visit {
        agent: ctx.agent.trim().to_string(),
        created_at: ctx.now,
        ..Visit::default()
    });
    // The items left open are not ended by this visit.
    let left: Vec<ItemKeyRef> = left_open.iter().flat_map(|l| l.key.keys()).collect();
    let item_key = draft.item_key.as_ref().and_then(|key| {
        let kept: Vec<ItemKeyRef> = key.keys().filter(|k| !left.contains(k)).collect();
        (!kept.is_empty()).then(|| MergedKey::joined(kept))
    });
    let mut visit = Visit {
        id: visit_id.clone(),
        customer_id: draft.customer_id.clone(),
        item_key,
        left_open,
        scenario,
        method,
        at,
        outcome,
        content: draft.content.trim().to_string(),
        satisfaction: draft.satisfaction,
        satisfaction_level: level,
        recommend: draft.recommend,
        next_visit,
        signature,
        complaint_settled,
        updated_at: ctx.now,
        ..base
    };

    let mut items = Vec::new();
    let (mut added, mut changed) = (0, 0);
    for (mut item, existing) in feedback {
        match existing {
            Some(e) => {
                let unchanged = FeedbackItem { rev: e.rev, updated_at: e.updated_at, ..item.clone() } == *e;
                if unchanged {
                    continue;
                }
                changed += 1;
            }
            None => {
                item.id = new_id();
                item.visit_id = visit_id.clone();
                item.customer_id = draft.customer_id.clone();
                added += 1;
            }
        }
        items.push(item);
    }

    if let Some(before) = ctx.editing
        && let Some(edit) = record_edit(before, &visit, added, changed, ctx.now, ctx.edit_summary)
    {
        visit.edits.push(edit);
    }
    let signature = drawn.then(|| Signature { visit_id: visit.id.clone(), strokes: clamp_strokes(&draft.signature) });
    Ok(Record { visit, feedback: items, signature })
}

/// Parses the feedback rows; each valid one comes with the saved item it edits.
fn parse_feedback<'a>(
    draft: &VisitDraft,
    ctx: &RecordContext<'a>,
    at: Option<NaiveDateTime>,
    errors: &mut RecordErrors,
) -> Vec<(FeedbackItem, Option<&'a FeedbackItem>)> {
    let mut out = Vec::new();
    for (index, row) in draft.feedback.iter().enumerate() {
        // An empty row the agent added and never filled in is not a mistake worth stopping for.
        if row.is_blank() {
            continue;
        }
        let mut err = |field, e| errors.push(Field::Feedback { index, field }, e);
        let existing = row.id.as_ref().and_then(|id| ctx.feedback.iter().find(|f| &f.id == id));
        if row.kind.is_none() {
            err(FeedbackField::Kind, RecordError::Required);
        }
        let text = row.text.trim();
        if text.is_empty() {
            err(FeedbackField::Text, RecordError::Required);
        } else if text.chars().count() > FEEDBACK_MAX_CHARS {
            err(FeedbackField::Text, RecordError::TooLong { max: FEEDBACK_MAX_CHARS });
        }
        let priority = row.priority.unwrap_or(Priority::Normal);
        let status = row.status.unwrap_or(FeedbackStatus::Open);
        // DOMAIN.md: a follow-up item is handed to a department (technical, after-sales).
        if row.kind == Some(FeedbackKind::FollowUp)
            && status != FeedbackStatus::Closed
            && row.department.trim().is_empty()
        {
            err(FeedbackField::Department, RecordError::DepartmentRequired);
        }
        let deadline = match (row.deadline.trim().is_empty(), at) {
            // A saved item keeps its deadline: editing a record must not move dates nobody touched.
            (true, _) if existing.is_some() => existing.and_then(|e| e.deadline),
            (true, Some(at)) => Some(default_deadline(priority, at, ctx.settings)),
            (true, None) => None,
            (false, _) => match date::parse_date(&row.deadline) {
                Ok(d) => {
                    if let Some(at) = at {
                        let urgent_by = default_deadline(Priority::Urgent, at, ctx.settings);
                        if d < at.date() {
                            err(FeedbackField::Deadline, RecordError::DeadlineBeforeVisit);
                        } else if priority == Priority::Urgent && d > urgent_by {
                            err(FeedbackField::Deadline, RecordError::UrgentDeadlineTooLate { latest: urgent_by });
                        }
                    }
                    Some(d)
                }
                Err(e) => {
                    err(FeedbackField::Deadline, RecordError::Date(e));
                    None
                }
            },
        };
        let duplicate_of = match row.duplicate_of.as_deref().filter(|d| !d.trim().is_empty()) {
            None => None,
            Some(original) => {
                let own = row.id.as_deref().unwrap_or("");
                match loops::duplicate_target(ctx.feedback, own, original) {
                    Ok(root) => Some(root),
                    Err(e) => {
                        err(FeedbackField::DuplicateOf, e.into());
                        None
                    }
                }
            }
        };
        let Some(kind) = row.kind else { continue };
        let visit_day = at.map(|a| a.date()).unwrap_or(ctx.now.date());
        let base = existing.cloned().unwrap_or_else(|| FeedbackItem {
            raised_on: visit_day,
            // Closed in the very record that raised it: settled on the call.
            resolved_during_visit: status == FeedbackStatus::Closed,
            ..FeedbackItem::default()
        });
        let closed_on = match status {
            FeedbackStatus::Closed => {
                base.closed_on.or(Some(if existing.is_some() { ctx.now.date() } else { visit_day }))
            }
            _ => None,
        };
        out.push((
            FeedbackItem {
                kind,
                text: text.to_string(),
                category: row.category.trim().to_string(),
                priority,
                department: row.department.trim().to_string(),
                deadline,
                status,
                closed_on,
                duplicate_of,
                updated_at: ctx.now,
                ..base
            },
            existing,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::visit::{RecordEdit, Review, Verdict};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn now() -> NaiveDateTime {
        d(2026, 6, 3).and_hms_opt(14, 30, 0).unwrap()
    }

    fn ids() -> impl FnMut() -> Id {
        let mut n = 0;
        move || {
            n += 1;
            format!("id{n}").into()
        }
    }

    fn ctx<'a>(settings: &'a VisitSettings) -> RecordContext<'a> {
        RecordContext {
            now: now(),
            edit_summary: crate::i18n::texts(crate::domain::lang::Lang::Zh).record.edit_summary,
            agent: "小王",
            settings,
            editing: None,
            feedback: &[],
        }
    }

    fn phone_draft() -> VisitDraft {
        let customer = Customer { id: "c1".into(), ..Customer::default() };
        VisitDraft::for_customer(&customer, d(2026, 6, 3).and_hms_opt(14, 5, 0).unwrap())
    }

    fn parse(draft: &VisitDraft) -> Result<Record, RecordErrors> {
        let s = VisitSettings::default();
        parse_record(draft, &ctx(&s), &mut ids())
    }

    fn error(draft: &VisitDraft, field: Field) -> Option<RecordError> {
        parse(draft).err().and_then(|e| e.get(field).cloned())
    }

    fn follow_up(text: &str) -> FeedbackDraft {
        FeedbackDraft {
            kind: Some(FeedbackKind::FollowUp),
            text: text.into(),
            department: "售后".into(),
            ..FeedbackDraft::default()
        }
    }

    #[test]
    fn a_reached_phone_call_is_saved_with_one_tap_on_the_outcome() {
        let mut draft = phone_draft();
        assert_eq!(error(&draft, Field::Outcome), Some(RecordError::Required));
        draft.outcome = Some(Outcome::Reached);
        let record = parse(&draft).unwrap();
        assert_eq!(record.visit.id, "id1");
        assert_eq!(record.visit.method, ContactMethod::Phone);
        assert_eq!(record.visit.at, d(2026, 6, 3).and_hms_opt(14, 5, 0).unwrap());
        assert_eq!(record.visit.agent, "小王");
        assert_eq!(record.visit.signature, SignatureState::NotNeeded);
        assert!(record.feedback.is_empty() && record.signature.is_none());
    }

    #[test]
    fn starting_a_due_item_prefills_its_scenario_method_and_key() {
        use crate::domain::agenda::{ItemStatus, Responsible};
        use crate::domain::tier::Tier;
        let item = DueItem {
            key: "complaint:e1:1".into(),
            customer_id: "c1".into(),
            scenario: Scenario::ComplaintFollowUp,
            reasons: vec![],
            earliest: d(2026, 6, 2),
            ideal: d(2026, 6, 3),
            latest: d(2026, 6, 4),
            method: ContactMethod::Phone,
            tier: Tier::Gold,
            responsible: Responsible::Manager,
            on_site: true,
            status: ItemStatus::Open,
        };
        let draft = VisitDraft::for_item(&item, now());
        assert_eq!(draft.item_key.as_ref().map(MergedKey::as_str), Some("complaint:e1:1"));
        assert_eq!(draft.scenario, Some(Scenario::ComplaintFollowUp));
        assert_eq!(draft.method, Some(ContactMethod::OnSite));
        assert_eq!((draft.date.as_str(), draft.time.as_str()), ("2026-06-03", "14:30"));
    }

    #[test]
    fn method_scenario_and_time_are_required() {
        let draft = VisitDraft { outcome: Some(Outcome::Reached), ..VisitDraft::default() };
        let errors = parse(&draft).unwrap_err();
        assert_eq!(errors.get(Field::Method), Some(&RecordError::Required));
        assert_eq!(errors.get(Field::Scenario), Some(&RecordError::Required));
        assert_eq!(errors.get(Field::Date), Some(&RecordError::Date(DateError::Empty)));
        assert_eq!(errors.get(Field::Time), Some(&RecordError::Required));
    }

    #[test]
    fn a_mistyped_date_or_time_is_reported_on_its_own_field() {
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Reached);
        draft.date = "2026-02-30".into();
        draft.time = "25:00".into();
        let errors = parse(&draft).unwrap_err();
        assert_eq!(errors.get(Field::Date), Some(&RecordError::Date(DateError::Impossible)));
        assert_eq!(errors.get(Field::Time), Some(&RecordError::Time));
    }

    #[test]
    fn times_are_read_as_people_type_them() {
        assert_eq!(parse_time("9:05"), NaiveTime::from_hms_opt(9, 5, 0));
        assert_eq!(parse_time("１４：３０"), NaiveTime::from_hms_opt(14, 30, 0));
        assert_eq!(parse_time("14:30:15"), NaiveTime::from_hms_opt(14, 30, 15));
        assert_eq!(parse_time("14:5"), None);
        assert_eq!(parse_time("下午两点"), None);
    }

    #[test]
    fn a_visit_cannot_be_logged_in_the_future() {
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Reached);
        draft.date = "2026-06-04".into();
        assert_eq!(error(&draft, Field::Date), Some(RecordError::InFuture));
        draft.date = "2026-06-03".into();
        draft.time = "16:00".into();
        assert_eq!(error(&draft, Field::Time), Some(RecordError::InFuture));
        draft.time = "14:38".into();
        assert!(parse(&draft).is_ok(), "a few minutes ahead of the clock is tolerated");
    }

    #[test]
    fn a_pasted_wall_of_text_is_refused_rather_than_truncated() {
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Reached);
        draft.content = "好".repeat(CONTENT_MAX_CHARS);
        assert!(parse(&draft).is_ok());
        draft.content.push('!');
        assert_eq!(error(&draft, Field::Content), Some(RecordError::TooLong { max: CONTENT_MAX_CHARS }));
        draft.content = String::new();
        draft.feedback = vec![follow_up(&"漏".repeat(FEEDBACK_MAX_CHARS + 1))];
        assert_eq!(
            error(&draft, Field::Feedback { index: 0, field: FeedbackField::Text }),
            Some(RecordError::TooLong { max: FEEDBACK_MAX_CHARS })
        );
    }

    #[test]
    fn a_satisfaction_score_alone_gives_its_level() {
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Reached);
        draft.satisfaction = Some(3);
        assert_eq!(parse(&draft).unwrap().visit.satisfaction_level, Some(SatisfactionLevel::Neutral));
    }

    #[test]
    fn a_level_alone_is_enough() {
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Reached);
        draft.satisfaction_level = Some(SatisfactionLevel::Dissatisfied);
        let v = parse(&draft).unwrap().visit;
        assert_eq!((v.satisfaction, v.satisfaction_level), (None, Some(SatisfactionLevel::Dissatisfied)));
    }

    #[test]
    fn a_score_and_a_level_that_disagree_are_refused() {
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Reached);
        draft.satisfaction = Some(5);
        draft.satisfaction_level = Some(SatisfactionLevel::Dissatisfied);
        assert_eq!(
            error(&draft, Field::Satisfaction),
            Some(RecordError::SatisfactionMismatch { score: 5, level: SatisfactionLevel::Dissatisfied })
        );
        draft.satisfaction = Some(0);
        draft.satisfaction_level = None;
        assert_eq!(error(&draft, Field::Satisfaction), Some(RecordError::SatisfactionRange));
    }

    #[test]
    fn likelihood_to_recommend_is_optional_and_from_0_to_10() {
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Reached);
        draft.recommend = Some(0);
        assert_eq!(parse(&draft).unwrap().visit.recommend, Some(0));
        draft.recommend = Some(11);
        assert_eq!(error(&draft, Field::Recommend), Some(RecordError::RecommendRange));
    }

    #[test]
    fn a_customer_who_did_not_answer_cannot_have_rated_the_visit() {
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::NoAnswer);
        draft.satisfaction = Some(4);
        draft.recommend = Some(9);
        let errors = parse(&draft).unwrap_err();
        assert_eq!(errors.get(Field::Satisfaction), Some(&RecordError::NotReached));
        assert_eq!(errors.get(Field::Recommend), Some(&RecordError::NotReached));
    }

    #[test]
    fn the_next_visit_must_come_after_the_visit() {
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Reached);
        draft.next_visit = "2026-06-03".into();
        assert_eq!(error(&draft, Field::NextVisit), Some(RecordError::NextVisitNotAfterVisit));
        draft.next_visit = "2026/7/1".into();
        assert_eq!(parse(&draft).unwrap().visit.next_visit, Some(d(2026, 7, 1)));
        draft.next_visit = "下周".into();
        assert_eq!(error(&draft, Field::NextVisit), Some(RecordError::Date(DateError::Format)));
    }

    #[test]
    fn a_rescheduled_visit_needs_the_new_date() {
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Rescheduled);
        assert_eq!(error(&draft, Field::NextVisit), Some(RecordError::RescheduleNeedsDate));
        draft.next_visit = "2026-06-05".into();
        assert!(parse(&draft).is_ok());
    }

    #[test]
    fn an_on_site_visit_needs_a_signature_or_a_recorded_reason() {
        let mut draft = phone_draft();
        draft.method = Some(ContactMethod::OnSite);
        draft.outcome = Some(Outcome::Reached);
        assert_eq!(error(&draft, Field::Signature), Some(RecordError::SignatureOrReason));

        draft.signature = vec![vec![(10, 10)]];
        assert_eq!(error(&draft, Field::Signature), Some(RecordError::SignatureOrReason), "a tap is not a signature");

        draft.signature = vec![vec![(10, 10), (2000, 50), (300, 500)]];
        let record = parse(&draft).unwrap();
        assert_eq!(record.visit.signature, SignatureState::Captured);
        let sig = record.signature.unwrap();
        assert_eq!(sig.visit_id, record.visit.id);
        assert_eq!(sig.strokes, vec![vec![(10, 10), (1000, 50), (300, 400)]]);

        draft.signature.clear();
        draft.no_signature_reason = "客户手受伤，口头确认".into();
        assert_eq!(
            parse(&draft).unwrap().visit.signature,
            SignatureState::Missing { reason: "客户手受伤，口头确认".into() }
        );
    }

    #[test]
    fn only_an_on_site_visit_that_met_the_customer_asks_for_the_signature() {
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Reached);
        assert!(!draft.needs_signature(), "a phone call");
        draft.method = Some(ContactMethod::OnSite);
        assert!(draft.needs_signature(), "on site, met");
        for outcome in [Outcome::NoAnswer, Outcome::Refused, Outcome::Rescheduled] {
            draft.outcome = Some(outcome);
            assert!(!draft.needs_signature(), "on site, {outcome:?}");
            assert_eq!(error(&draft, Field::Signature), None, "{outcome:?}: saved without one");
        }
    }

    #[test]
    fn an_on_site_visit_where_nobody_was_home_needs_no_signature() {
        let mut draft = phone_draft();
        draft.method = Some(ContactMethod::OnSite);
        draft.outcome = Some(Outcome::NoAnswer);
        assert_eq!(parse(&draft).unwrap().visit.signature, SignatureState::NotNeeded);
    }

    #[test]
    fn a_complaint_is_settled_only_by_a_customer_who_was_reached() {
        let mut draft = phone_draft();
        draft.scenario = Some(Scenario::ComplaintFollowUp);
        draft.outcome = Some(Outcome::NoAnswer);
        draft.complaint_settled = true;
        assert_eq!(error(&draft, Field::ComplaintSettled), Some(RecordError::NotReached));
        draft.outcome = Some(Outcome::Reached);
        assert!(parse(&draft).unwrap().visit.complaint_settled);
    }

    #[test]
    fn an_urgent_item_is_due_within_24_hours_by_default() {
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Reached);
        draft.feedback = vec![FeedbackDraft { priority: Some(Priority::Urgent), ..follow_up("净水器不出水") }];
        let item = &parse(&draft).unwrap().feedback[0];
        assert_eq!(item.deadline, Some(d(2026, 6, 4)));
        assert_eq!((item.visit_id.as_str(), item.customer_id.as_str(), item.raised_on), ("id1", "c1", d(2026, 6, 3)));
        assert_eq!(item.id, "id2");
    }

    #[test]
    fn an_urgent_item_cannot_be_given_a_later_deadline_than_its_24_hours() {
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Reached);
        draft.feedback = vec![FeedbackDraft {
            priority: Some(Priority::Urgent),
            deadline: "2026-06-10".into(),
            ..follow_up("不出水")
        }];
        assert_eq!(
            error(&draft, Field::Feedback { index: 0, field: FeedbackField::Deadline }),
            Some(RecordError::UrgentDeadlineTooLate { latest: d(2026, 6, 4) })
        );
    }

    #[test]
    fn a_normal_item_goes_to_the_next_monthly_plan_with_a_week_to_spare() {
        let s = VisitSettings::default();
        assert_eq!(plan_date(d(2026, 6, 3), &s), d(2026, 6, 30));
        assert_eq!(plan_date(d(2026, 6, 25), &s), d(2026, 7, 31));
        assert_eq!(plan_date(d(2026, 1, 25), &s), d(2026, 2, 28));
        let mid_month = VisitSettings { plan_day: 15, ..VisitSettings::default() };
        assert_eq!(plan_date(d(2026, 6, 3), &mid_month), d(2026, 6, 15));
        assert_eq!(plan_date(d(2026, 6, 10), &mid_month), d(2026, 7, 15));

        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Reached);
        draft.feedback = vec![FeedbackDraft {
            kind: Some(FeedbackKind::Suggestion),
            text: "希望周末也能上门".into(),
            ..FeedbackDraft::default()
        }];
        assert_eq!(parse(&draft).unwrap().feedback[0].deadline, Some(d(2026, 6, 30)));
    }

    #[test]
    fn a_feedback_item_needs_a_kind_and_a_text_and_a_follow_up_needs_a_department() {
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Reached);
        draft.feedback = vec![
            FeedbackDraft { text: "噪音大".into(), ..FeedbackDraft::default() },
            FeedbackDraft { kind: Some(FeedbackKind::FollowUp), ..FeedbackDraft::default() },
        ];
        let errors = parse(&draft).unwrap_err();
        assert_eq!(errors.get(Field::Feedback { index: 0, field: FeedbackField::Kind }), Some(&RecordError::Required));
        assert_eq!(errors.get(Field::Feedback { index: 1, field: FeedbackField::Text }), Some(&RecordError::Required));
        assert_eq!(
            errors.get(Field::Feedback { index: 1, field: FeedbackField::Department }),
            Some(&RecordError::DepartmentRequired)
        );
    }

    #[test]
    fn an_empty_feedback_row_left_in_the_form_is_ignored() {
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Reached);
        draft.feedback = vec![FeedbackDraft::default()];
        assert!(parse(&draft).unwrap().feedback.is_empty());
    }

    #[test]
    fn a_deadline_before_the_visit_is_refused() {
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Reached);
        draft.feedback = vec![FeedbackDraft { deadline: "2026-06-01".into(), ..follow_up("异响") }];
        assert_eq!(
            error(&draft, Field::Feedback { index: 0, field: FeedbackField::Deadline }),
            Some(RecordError::DeadlineBeforeVisit)
        );
    }

    #[test]
    fn an_item_settled_during_the_call_is_closed_on_the_visit_day_and_marked_so() {
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Reached);
        draft.feedback = vec![FeedbackDraft {
            status: Some(FeedbackStatus::Closed),
            department: String::new(),
            ..follow_up("不会设置定时")
        }];
        let item = &parse(&draft).unwrap().feedback[0];
        assert_eq!(
            (item.status, item.closed_on, item.resolved_during_visit),
            (FeedbackStatus::Closed, Some(d(2026, 6, 3)), true)
        );
    }

    #[test]
    fn a_new_item_can_be_recorded_as_a_duplicate_of_an_open_one() {
        let original =
            FeedbackItem {
                id: "f0".into(), customer_id: "c9".into(), text: "漏水".into(), ..FeedbackItem::default()
            };
        let s = VisitSettings::default();
        let context = RecordContext { feedback: std::slice::from_ref(&original), ..ctx(&s) };
        let mut draft = phone_draft();
        draft.outcome = Some(Outcome::Reached);
        draft.feedback = vec![FeedbackDraft { duplicate_of: Some("f0".into()), ..follow_up("还是漏水") }];
        let record = parse_record(&draft, &context, &mut ids()).unwrap();
        assert_eq!(record.feedback[0].duplicate_of.as_deref(), Some("f0"));

        draft.feedback[0].duplicate_of = Some("nope".into());
        let errors = parse_record(&draft, &context, &mut ids()).unwrap_err();
        assert_eq!(
            errors.get(Field::Feedback { index: 0, field: FeedbackField::DuplicateOf }),
            Some(&RecordError::Duplicate(DuplicateError::NotFound))
        );
    }

    #[test]
    fn editing_a_record_keeps_its_identity_review_and_signature_and_logs_the_change() {
        let saved = Visit {
            id: "v1".into(),
            rev: 3,
            customer_id: "c1".into(),
            method: ContactMethod::OnSite,
            at: d(2026, 6, 2).and_hms_opt(10, 0, 0).unwrap(),
            outcome: Outcome::Reached,
            satisfaction: Some(3),
            satisfaction_level: Some(SatisfactionLevel::Neutral),
            signature: SignatureState::Captured,
            agent: "老李".into(),
            review: Some(Review {
                reviewer: "陈主管".into(),
                comment: "请补满意度原因".into(),
                on: d(2026, 6, 3),
                verdict: Verdict::Returned,
            }),
            edits: vec![RecordEdit {
                at: d(2026, 6, 2).and_hms_opt(11, 0, 0).unwrap(),
                summary: "x".into(),
                changes: vec![],
            }],
            created_at: d(2026, 6, 2).and_hms_opt(10, 30, 0).unwrap(),
            ..Visit::default()
        };
        let open = FeedbackItem {
            id: "f1".into(),
            visit_id: "v1".into(),
            kind: FeedbackKind::FollowUp,
            text: "滤芯".into(),
            department: "售后".into(),
            ..FeedbackItem::default()
        };
        let mut draft = VisitDraft::from_visit(&saved, std::slice::from_ref(&open));
        draft.satisfaction = Some(4);
        draft.satisfaction_level = None;
        let s = VisitSettings::default();
        let context = RecordContext { editing: Some(&saved), feedback: std::slice::from_ref(&open), ..ctx(&s) };
        let record = parse_record(&draft, &context, &mut ids()).unwrap();
        let v = &record.visit;
        assert_eq!((v.id.as_str(), v.rev, v.agent.as_str()), ("v1", 3, "老李"));
        assert_eq!(v.signature, SignatureState::Captured, "the saved signature stays without redrawing");
        assert!(v.review.is_some());
        assert_eq!(v.created_at, saved.created_at);
        assert_eq!(v.edits.len(), 2);
        assert_eq!(v.edits[1].summary, "满意度：3 分 → 4 分；满意程度：一般 → 满意");
        assert!(record.feedback.is_empty(), "an unchanged item is not rewritten");
    }

    #[test]
    fn closing_an_item_while_editing_a_record_dates_it_today() {
        let saved = Visit {
            id: "v1".into(),
            customer_id: "c1".into(),
            at: d(2026, 5, 20).and_hms_opt(10, 0, 0).unwrap(),
            ..Visit::default()
        };
        let open = FeedbackItem {
            id: "f1".into(),
            visit_id: "v1".into(),
            kind: FeedbackKind::FollowUp,
            text: "滤芯".into(),
            department: "售后".into(),
            raised_on: d(2026, 5, 20),
            ..FeedbackItem::default()
        };
        let mut draft = VisitDraft::from_visit(&saved, std::slice::from_ref(&open));
        draft.feedback[0].status = Some(FeedbackStatus::Closed);
        let s = VisitSettings::default();
        let context = RecordContext { editing: Some(&saved), feedback: std::slice::from_ref(&open), ..ctx(&s) };
        let record = parse_record(&draft, &context, &mut ids()).unwrap();
        let item = &record.feedback[0];
        assert_eq!((item.id.as_str(), item.closed_on, item.resolved_during_visit), ("f1", Some(d(2026, 6, 3)), false));
        assert_eq!(record.visit.edits.last().unwrap().summary, "修改了 1 条反馈事项");
    }

    #[test]
    fn a_draft_survives_being_stored_and_read_back() {
        let mut draft = phone_draft();
        draft.content = "客户说很好".into();
        draft.signature = vec![vec![(1, 2), (3, 4)]];
        draft.feedback = vec![follow_up("异响")];
        let json = serde_json::to_string(&draft).unwrap();
        assert_eq!(serde_json::from_str::<VisitDraft>(&json).unwrap(), draft);
    }
}
