//! The visit screen's form and the saved record as markup (see
//! `ui/components/markup.rs` for why). Choices travel as indexes into the enums' `ALL` lists, so
//! the markup never depends on the language; everything the user typed is escaped by `html!`.

use crate::domain::customer::{ContactMethod, Id};
use crate::domain::date;
use crate::domain::record::{FeedbackDraft, FeedbackField, Field, RecordErrors, VisitDraft};
use crate::domain::scenario::Scenario;
use crate::domain::visit::{
    FeedbackItem, FeedbackKind, FeedbackStatus, Outcome, Priority, SatisfactionLevel, SignatureState, Verdict, Visit,
};
use crate::i18n::format::{date_long, date_time};
use crate::i18n::{Lang, Texts};
use crate::ui::components::markup::{actions, all, field_value, value_of};
use crate::ui::components::visit_summary::{feedback_line, satisfaction_text, verdict_class};
use crate::ui::route::Route;
use maud::{Markup, html};
use wasm_bindgen::JsCast;

actions! {
    /// What the buttons of the visit form do.
    pub enum FormAction { Discard = "discard", AddFeedback = "add-feedback", RemoveFeedback = "remove-feedback" }
}

actions! {
    /// What the record page's review form does (closing a feedback item is
    /// `components::visit_summary::FeedbackAction`).
    pub enum RecordAction { Review = "review" }
}

pub const LEVELS: [SatisfactionLevel; 3] =
    [SatisfactionLevel::Satisfied, SatisfactionLevel::Neutral, SatisfactionLevel::Dissatisfied];
pub const KINDS: [FeedbackKind; 3] = [FeedbackKind::FollowUp, FeedbackKind::PotentialNeed, FeedbackKind::Suggestion];
pub const PRIORITIES: [Priority; 2] = [Priority::Normal, Priority::Urgent];
pub const STATUSES: [FeedbackStatus; 3] = [FeedbackStatus::Open, FeedbackStatus::InProgress, FeedbackStatus::Closed];
pub const VERDICTS: [Verdict; 2] = [Verdict::Approved, Verdict::Returned];

fn index_of<T: PartialEq + Copy>(all: &[T], value: Option<T>) -> String {
    value.and_then(|v| all.iter().position(|x| *x == v)).map(|i| i.to_string()).unwrap_or_default()
}

fn pick<T: Copy>(all: &[T], value: &str) -> Option<T> {
    value.parse::<usize>().ok().and_then(|i| all.get(i).copied())
}

/// What the form shows besides the draft.
pub struct FormView<'a> {
    pub draft: &'a VisitDraft,
    pub errors: &'a RecordErrors,
    /// Saved feedback items a row may duplicate: id and a short label.
    pub originals: &'a [(String, String)],
    pub restored: bool,
    /// The items of the Today card the visit is for (key and what it is), when there are several.
    pub card_items: &'a [(String, String)],
}

fn error_slot(t: &Texts, errors: &RecordErrors, field: Field, id: &str) -> Markup {
    let message = errors.get(field).map(|e| (t.record.error)(e)).unwrap_or_default();
    html! { p.field-error id={ "err-" (id) } aria-live="polite" { (message) } }
}

/// `<select>` with a "choose" first option (value empty) unless `blank` is `None`.
fn select(name: &str, id: &str, blank: Option<&str>, options: &[&str], chosen: &str) -> Markup {
    html! {
        select name=(name) id=(id) {
            @if let Some(blank) = blank {
                option value="" { (blank) }
            }
            @for (i, label) in options.iter().enumerate() {
                option value=(i) selected[chosen == i.to_string()] { (label) }
            }
        }
    }
}

/// Radio buttons drawn as chips: one tap each, large enough for a thumb.
fn chips(name: &str, blank: Option<&str>, options: &[String], chosen: &str) -> Markup {
    let one = |value: &str, label: &str| {
        let id_end = if value.is_empty() { "none" } else { value };
        html! {
            label.visit-chip {
                input type="radio" name=(name) value=(value) id={ (name) "-" (id_end) } checked[chosen == value];
                span { (label) }
            }
        }
    };
    html! {
        div.visit-chips {
            @if let Some(blank) = blank {
                (one("", blank))
            }
            @for (i, label) in options.iter().enumerate() {
                (one(&i.to_string(), label))
            }
        }
    }
}

/// A field: its label, the control (`input`) and its error slot.
fn labelled(t: &Texts, errors: &RecordErrors, field: Field, id: &str, label: &str, input: Markup) -> Markup {
    html! {
        label.field.invalid[errors.get(field).is_some()] {
            span { (label) }
            (input)
            (error_slot(t, errors, field, id))
        }
    }
}

/// The record form, from the method to the feedback items (the signature pad and the buttons
/// follow it on the page).
pub fn form(t: &Texts, v: &FormView) -> Markup {
    let r = &t.record;
    let d = v.draft;
    let e = v.errors;
    let invalid = |field| e.get(field).is_some();
    let methods: Vec<&str> = ContactMethod::ALL.iter().map(|m| (t.labels.method)(*m)).collect();
    let method_select =
        select("method", "visit-method", Some(r.choose), &methods, &index_of(&ContactMethod::ALL, d.method));
    let scenarios: Vec<&str> = Scenario::ALL.iter().map(|s| (t.labels.scenario)(*s)).collect();
    let scenario_select =
        select("scenario", "visit-scenario", Some(r.choose), &scenarios, &index_of(&Scenario::ALL, d.scenario));
    // On site the words are 见到客户 / 未见到, not a call's 已接通 / 未接通.
    let method = d.method.unwrap_or(ContactMethod::Phone);
    let outcomes: Vec<String> = Outcome::ALL.iter().map(|o| (t.labels.outcome)(method, *o).to_string()).collect();
    // Satisfaction, the three words and the 0–10 likelihood are asked only of a customer who
    // was reached; they stay visible (not hidden) so a mistaken outcome is easy to see.
    let scores: Vec<String> = (1..=5).map(|n| (r.score)(n)).collect();
    let score = d.satisfaction.map(|s| (s.saturating_sub(1)).to_string()).unwrap_or_default();
    let levels: Vec<String> = LEVELS.iter().map(|l| (t.labels.satisfaction)(*l).to_string()).collect();
    let tens: Vec<String> = (0..=10).map(|n| n.to_string()).collect();
    let tens: Vec<&str> = tens.iter().map(String::as_str).collect();
    let recommend = select(
        "recommend",
        "visit-recommend",
        Some(r.not_given),
        &tens,
        &d.recommend.map(|n| n.to_string()).unwrap_or_default(),
    );
    html! {
        @if v.restored {
            div.banner.banner-info.draft-restored id="draft-restored" role="status" {
                p { (r.draft_restored) }
                button type="button" class="button small" data-action=(FormAction::Discard) { (r.discard_draft) }
            }
        }
        @if v.card_items.len() > 1 {
            // One call for several reasons: each is ticked; one left unticked stays open with why.
            fieldset.field.card-items id="visit-items" {
                legend { (r.card_items) }
                p.hint { (r.card_items_hint) }
                @for (key, label) in v.card_items {
                    @let left = d.left_open.iter().position(|l| l.key == *key);
                    div.card-item {
                        label.check {
                            input type="checkbox" name="answers" value=(key) checked[left.is_none()];
                            " " (label)
                        }
                        @if let Some(i) = left {
                            @let id = format!("left-open-{i}");
                            @let input = html! {
                                input type="text" name="left_open_reason" data-key=(key) id=(id) maxlength="200"
                                    value=(d.left_open[i].reason);
                            };
                            (labelled(t, e, Field::LeftOpen(i), &id, r.left_open_reason, input))
                        }
                    }
                }
            }
        }
        div.visit-grid {
            (labelled(t, e, Field::Method, "method", r.method, method_select))
            (labelled(t, e, Field::Scenario, "scenario", r.scenario, scenario_select))
            (labelled(t, e, Field::Date, "date", r.date, html! {
                input type="date" name="date" id="visit-date" value=(d.date);
            }))
            (labelled(t, e, Field::Time, "time", r.time, html! {
                input type="time" name="time" id="visit-time" value=(d.time);
            }))
        }
        fieldset.field.chips-field.invalid[invalid(Field::Outcome)] id="field-outcome" {
            legend { (r.outcome) }
            (chips("outcome", None, &outcomes, &index_of(&Outcome::ALL, d.outcome)))
            (error_slot(t, e, Field::Outcome, "outcome"))
        }
        (labelled(t, e, Field::Content, "content", r.content, html! {
            textarea name="content" id="visit-content" rows="4" { (d.content) }
        }))
        fieldset.field.chips-field.invalid[invalid(Field::Satisfaction)] id="field-satisfaction" {
            legend { (r.satisfaction) " " small { (r.optional) } }
            (chips("satisfaction", Some(r.not_given), &scores, &score))
            (chips("satisfaction_level", Some(r.not_given), &levels, &index_of(&LEVELS, d.satisfaction_level)))
            (error_slot(t, e, Field::Satisfaction, "satisfaction"))
        }
        div.visit-grid {
            (labelled(t, e, Field::Recommend, "recommend", r.recommend, recommend))
            (labelled(t, e, Field::NextVisit, "next-visit", r.next_visit, html! {
                input type="date" name="next_visit" id="visit-next" value=(d.next_visit) aria-describedby="next-hint";
                small.hint id="next-hint" { (r.next_visit_hint) }
            }))
        }
        @if d.scenario.is_some_and(Scenario::is_about_a_complaint) {
            label class={ "field" @if invalid(Field::ComplaintSettled) { " invalid" } " check-field" } {
                span {
                    input type="checkbox" name="complaint_settled" id="visit-settled" checked[d.complaint_settled];
                    " " (r.complaint_settled)
                }
                (error_slot(t, e, Field::ComplaintSettled, "settled"))
            }
        }
        section.visit-feedback id="visit-feedback" {
            h3 { (r.feedback) }
            @if d.feedback.is_empty() {
                p.hint { (r.no_feedback) }
            }
            @for (i, row) in d.feedback.iter().enumerate() {
                (feedback_row(t, e, i, row, v.originals))
            }
            button type="button" class="button small" data-action=(FormAction::AddFeedback) id="add-feedback" {
                "+ " (r.add_feedback)
            }
        }
    }
}

fn feedback_row(t: &Texts, e: &RecordErrors, i: usize, row: &FeedbackDraft, originals: &[(String, String)]) -> Markup {
    let r = &t.record;
    let f = |field| Field::Feedback { index: i, field };
    let kinds: Vec<&str> = KINDS.iter().map(|k| (t.labels.feedback_kind)(*k)).collect();
    let kind_id = format!("fb-kind-{i}");
    let kind = select("fb_kind", &kind_id, Some(r.choose), &kinds, &index_of(&KINDS, row.kind));
    let priorities: Vec<&str> = PRIORITIES.iter().map(|p| (t.labels.priority)(*p)).collect();
    let priority = index_of(&PRIORITIES, Some(row.priority.unwrap_or(Priority::Normal)));
    let statuses: Vec<&str> = STATUSES.iter().map(|s| (t.labels.feedback_status)(*s)).collect();
    let status = index_of(&STATUSES, Some(row.status.unwrap_or(FeedbackStatus::Open)));
    let text_id = format!("fb-text-{i}");
    let department_id = format!("fb-department-{i}");
    let deadline_id = format!("fb-deadline-{i}");
    let duplicate_id = format!("fb-duplicate-{i}");
    let own = row.id.as_deref().unwrap_or("");
    let duplicate = html! {
        select name="fb_duplicate" id=(duplicate_id) {
            option value="" { (r.not_duplicate) }
            @for (id, label) in originals.iter().filter(|(id, _)| id != own) {
                option value=(id) selected[row.duplicate_of.as_deref() == Some(id)] { (label) }
            }
        }
    };
    html! {
        fieldset.feedback-row data-fb=(i) data-id=(own) {
            legend { ((r.feedback_n)(i + 1)) }
            button type="button" class="button subtle small remove-feedback" data-action=(FormAction::RemoveFeedback)
                data-index=(i) { (r.remove_feedback) }
            div.visit-grid {
                (labelled(t, e, f(FeedbackField::Kind), &kind_id, r.feedback_kind, kind))
                label.field {
                    span { (r.priority) }
                    (select("fb_priority", &format!("fb-priority-{i}"), None, &priorities, &priority))
                }
                label.field {
                    span { (r.status) }
                    (select("fb_status", &format!("fb-status-{i}"), None, &statuses, &status))
                }
            }
            (labelled(t, e, f(FeedbackField::Text), &text_id, r.feedback_text, html! {
                textarea name="fb_text" id=(text_id) rows="2" { (row.text) }
            }))
            div.visit-grid {
                label.field {
                    span { (r.category) }
                    input name="fb_category" id={ "fb-category-" (i) } value=(row.category);
                }
                (labelled(t, e, f(FeedbackField::Department), &department_id, r.department, html! {
                    input name="fb_department" id=(department_id) value=(row.department);
                }))
                (labelled(t, e, f(FeedbackField::Deadline), &deadline_id, r.deadline, html! {
                    input type="date" name="fb_deadline" id=(deadline_id) value=(row.deadline);
                    small.hint { (r.deadline_hint) }
                }))
            }
            (labelled(t, e, f(FeedbackField::DuplicateOf), &duplicate_id, r.duplicate_of, duplicate))
        }
    }
}

/// Above and below the signature pad: the title and hint; the reason there is none, the error.
pub fn signature_parts(t: &Texts, draft: &VisitDraft, errors: &RecordErrors, kept: bool) -> (Markup, Markup) {
    let r = &t.record;
    let head = html! {
        h3 { (r.signature) }
        p.hint { (r.signature_hint) }
        @if kept {
            p.hint.signature-kept { "✓ " (r.signed) }
        }
    };
    let tail = html! {
        label.field.invalid[errors.get(Field::Signature).is_some()] {
            span {
                (r.no_signature_reason)
                @if !draft.needs_signature() {
                    " " small { (r.optional) }
                }
            }
            textarea name="no_signature_reason" id="visit-no-signature" rows="2" { (draft.no_signature_reason) }
            (error_slot(t, errors, Field::Signature, "signature"))
        }
    };
    (head, tail)
}

/// Save and discard, and the count of problems after a refused save.
pub fn actions(t: &Texts, errors: &RecordErrors) -> Markup {
    let r = &t.record;
    let summary = if errors.is_empty() { String::new() } else { (r.fix_errors)(errors.0.len()) };
    html! {
        p class="field-error visit-summary" id="visit-errors" role="alert" { (summary) }
        div class="form-actions visit-actions" {
            button type="button" class="button subtle" data-action=(FormAction::Discard) id="discard-draft" {
                (r.discard_draft)
            }
            span.shortcut-hint aria-hidden="true" { (r.save_shortcut) }
            button type="submit" class="button primary" id="save-visit" aria-keyshortcuts="Control+Enter Meta+Enter" { (r.save) }
        }
    }
}

/// Reads the form back into the draft. The customer, the item and the signature are not form
/// fields and stay as they were; a feedback row keeps the saved item it edits.
pub fn read_form(root: &web_sys::Element, base: &VisitDraft) -> VisitDraft {
    let v = |name: &str| field_value(root, name);
    let checked = |within: &web_sys::Element, name: &str| {
        within
            .query_selector(&format!("input[name={name}]:checked"))
            .ok()
            .flatten()
            .map(|e| value_of(&e))
            .unwrap_or_default()
    };
    let feedback = all(root, "[data-fb]")
        .iter()
        .map(|row| {
            let f = |name: &str| field_value(row, name);
            FeedbackDraft {
                id: row.get_attribute("data-id").filter(|id| !id.is_empty()).map(Id::from),
                kind: pick(&KINDS, &f("fb_kind")),
                text: f("fb_text"),
                category: f("fb_category"),
                priority: pick(&PRIORITIES, &f("fb_priority")),
                department: f("fb_department"),
                deadline: f("fb_deadline"),
                status: pick(&STATUSES, &f("fb_status")),
                duplicate_of: Some(f("fb_duplicate")).filter(|d| !d.is_empty()).map(Id::from),
            }
        })
        .collect();
    VisitDraft {
        method: pick(&ContactMethod::ALL, &v("method")),
        scenario: pick(&Scenario::ALL, &v("scenario")),
        date: v("date"),
        time: v("time"),
        outcome: pick(&Outcome::ALL, &checked(root, "outcome")),
        content: v("content"),
        satisfaction: checked(root, "satisfaction").parse::<u8>().ok().map(|i| i + 1),
        satisfaction_level: pick(&LEVELS, &checked(root, "satisfaction_level")),
        recommend: v("recommend").parse().ok(),
        next_visit: v("next_visit"),
        complaint_settled: crate::ui::components::markup::is_checked(root, "input[name=complaint_settled]"),
        no_signature_reason: v("no_signature_reason"),
        feedback,
        left_open: all(root, "input[name=answers]")
            .iter()
            .filter(|b| !b.unchecked_ref::<web_sys::HtmlInputElement>().checked())
            .map(|b| {
                let key = value_of(b);
                let reason = root
                    .query_selector(&format!(
                        r#"input[name=left_open_reason][data-key="{}"]"#,
                        key.replace('"', "\\\"")
                    ))
                    .ok()
                    .flatten()
                    .map(|r| value_of(&r))
                    .or_else(|| base.left_open.iter().find(|l| l.key == key).map(|l| l.reason.clone()))
                    .unwrap_or_default();
                crate::domain::visit::LeftOpen { key: key.into(), reason }
            })
            .collect(),
        ..base.clone()
    }
}

fn row(label: &str, value: &str) -> Markup {
    html! { div.prow { dt { (label) } dd { (value) } } }
}

/// A saved record: what happened, what was said, the feedback items (open ones can be closed
/// here) and the changes made since.
pub fn record(t: &Texts, lang: Lang, v: &Visit, customer: &str, feedback: &[FeedbackItem]) -> Markup {
    let r = &t.record;
    let mut rows: Vec<(&str, String)> = vec![
        (r.scenario, (t.labels.scenario)(v.scenario).to_string()),
        (r.method, (t.labels.method)(v.method).to_string()),
        (r.time, date_time(lang, v.at)),
        (r.outcome, (t.labels.outcome)(v.method, v.outcome).to_string()),
    ];
    let satisfaction = satisfaction_text(t, v);
    if !satisfaction.is_empty() {
        rows.push((r.satisfaction, satisfaction));
    }
    if let Some(n) = v.recommend {
        rows.push((r.recommend, n.to_string()));
    }
    if let Some(next) = v.next_visit {
        rows.push((r.next_visit, date_long(lang, next)));
    }
    if v.complaint_settled {
        rows.push((r.complaint_settled, "✓".to_string()));
    }
    if let SignatureState::Missing { reason } = &v.signature {
        rows.push((r.signature, (r.no_signature)(reason)));
    }
    if !v.agent.is_empty() {
        rows.push((r.agent, v.agent.clone()));
    }
    let own: Vec<&FeedbackItem> = feedback.iter().filter(|f| f.visit_id == v.id).collect();
    html! {
        nav.crumbs { a href=(Route::Customer(v.customer_id.clone()).href()) { "← " (r.back_to_customer) } }
        header.page-header {
            h1 { (r.title) " · " span #record-customer { (customer) } }
            div.page-actions {
                a.button #edit-record href=(Route::RecordEdit(v.id.clone()).href()) { (r.edit_record) }
            }
        }
        section.card.record-card #record {
            dl.record-fields {
                @for (label, value) in &rows {
                    (row(label, value))
                }
            }
            @if !v.content.is_empty() {
                h3 { (r.content) }
                p.record-content { (v.content) }
            }
        }
        @if !own.is_empty() {
            section.card #record-feedback {
                h2 { (r.feedback) }
                ul.feedback-list {
                    @for f in own {
                        (feedback_line(t, lang, f, feedback, true))
                    }
                }
            }
        }
        @if !v.edits.is_empty() {
            section.card #record-edits {
                h2 { (r.edits_title) }
                ol.record-edits {
                    @for edit in v.edits.iter().rev() {
                        @let summary =
                            if edit.changes.is_empty() { edit.summary.clone() } else { (r.edit_summary)(&edit.changes) };
                        li { time { (date_time(lang, edit.at)) } " " (summary) }
                    }
                }
            }
        }
    }
}

/// The supervisor's review: the verdict so far, and the form to give (or change) one when
/// `can_review` (a supervisor); nothing for an agent's record nobody reviewed yet.
pub fn review(t: &Texts, lang: Lang, v: &Visit, today: chrono::NaiveDate, can_review: bool) -> Markup {
    let r = &t.record;
    if !can_review && v.review.is_none() {
        return html! {};
    }
    let so_far = html! {
        h2 { (r.review_title) }
        @if let Some(rv) = &v.review {
            @let state = (r.reviewed)(&rv.reviewer, &date_long(lang, rv.on), (t.labels.verdict)(rv.verdict));
            p class={ "review-state verdict-" (verdict_class(rv.verdict)) } id="review-state" { (state) }
            @if !rv.comment.is_empty() {
                blockquote.review-comment { (rv.comment) }
            }
        }
    };
    if !can_review {
        return html! { section.card.review-form #review-view { (so_far) } };
    }
    let reviewer = v.review.as_ref().map(|rv| rv.reviewer.as_str()).unwrap_or("");
    let verdicts: Vec<String> = VERDICTS.iter().map(|x| (t.labels.verdict)(*x).to_string()).collect();
    html! {
        form.card.review-form #review-form data-action=(RecordAction::Review) novalidate {
            (so_far)
            div.visit-grid {
                label.field {
                    span { (r.reviewer) }
                    input name="reviewer" id="reviewer" value=(reviewer);
                    p.field-error data-error="reviewer" {}
                }
                label.field {
                    span { (r.review_date) }
                    input type="date" name="review_date" id="review-date" value=(date::iso(today));
                    p.field-error data-error="date" {}
                }
            }
            fieldset.field.chips-field {
                legend { (r.outcome) }
                (chips("verdict", None, &verdicts, ""))
                p.field-error data-error="verdict" {}
            }
            label.field {
                span { (r.review_comment) }
                textarea name="review_comment" id="review-comment" rows="2" {}
                p.field-error data-error="comment" {}
            }
            div.form-actions {
                button type="submit" class="button primary" id="save-review" { (r.save_review) }
            }
        }
    }
}
