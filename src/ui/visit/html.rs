//! The visit screen's form, the saved record and the returned-records list as markup text (see
//! `ui/components/markup.rs` for why). Choices travel as indexes into the enums' `ALL` lists, so
//! the markup never depends on the language; everything the user typed goes through [`esc`].

use crate::domain::customer::ContactMethod;
use crate::domain::date;
use crate::domain::record::{FeedbackDraft, FeedbackField, Field, RecordErrors, VisitDraft};
use crate::domain::scenario::Scenario;
use crate::domain::visit::{
    FeedbackItem, FeedbackKind, FeedbackStatus, Outcome, Priority, SatisfactionLevel, SignatureState, Verdict, Visit,
};
use crate::i18n::format::{date_auto, date_long, date_time};
use crate::i18n::{Lang, Texts};
use crate::ui::components::markup::{all, esc, field_value, value_of};
use crate::ui::route::Route;
use std::fmt::Write;
use wasm_bindgen::JsCast;

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

fn error_slot(out: &mut String, t: &Texts, errors: &RecordErrors, field: Field, id: &str) {
    let message = errors.get(field).map(|e| (t.record.error)(e)).unwrap_or_default();
    let _ = write!(out, r#"<p class="field-error" id="err-{id}" aria-live="polite">{}</p>"#, esc(&message));
}

fn class(errors: &RecordErrors, field: Field, extra: &str) -> String {
    let invalid = if errors.get(field).is_some() { " invalid" } else { "" };
    format!("field{extra}{invalid}")
}

/// `<select>` with a "choose" first option (value empty) unless `blank` is `None`.
fn select(out: &mut String, name: &str, id: &str, blank: Option<&str>, options: &[&str], chosen: &str) {
    let _ = write!(out, r#"<select name="{name}" id="{id}">"#);
    if let Some(blank) = blank {
        let _ = write!(out, r#"<option value="">{}</option>"#, esc(blank));
    }
    for (i, label) in options.iter().enumerate() {
        let selected = if chosen == i.to_string() { " selected" } else { "" };
        let _ = write!(out, r#"<option value="{i}"{selected}>{}</option>"#, esc(label));
    }
    out.push_str("</select>");
}

/// Radio buttons drawn as chips: one tap each, large enough for a thumb.
fn chips(out: &mut String, name: &str, blank: Option<&str>, options: &[String], chosen: &str) {
    out.push_str(r#"<div class="visit-chips">"#);
    let mut one = |value: &str, label: &str| {
        let checked = if chosen == value { " checked" } else { "" };
        let _ = write!(
            out,
            r#"<label class="visit-chip"><input type="radio" name="{name}" value="{value}" id="{name}-{}"{checked}><span>{}</span></label>"#,
            if value.is_empty() { "none" } else { value },
            esc(label)
        );
    };
    if let Some(blank) = blank {
        one("", blank);
    }
    for (i, label) in options.iter().enumerate() {
        one(&i.to_string(), label);
    }
    out.push_str("</div>");
}

fn labelled(out: &mut String, t: &Texts, errors: &RecordErrors, field: Field, id: &str, label: &str, input: &str) {
    let _ = write!(out, r#"<label class="{}"><span>{}</span>{input}"#, class(errors, field, ""), esc(label));
    error_slot(out, t, errors, field, id);
    out.push_str("</label>");
}

/// The record form, from the method to the feedback items (the signature pad and the buttons
/// follow it on the page).
pub fn form(t: &Texts, v: &FormView) -> String {
    let r = &t.record;
    let d = v.draft;
    let e = v.errors;
    let mut out = String::new();
    if v.restored {
        let _ = write!(
            out,
            r#"<div class="banner banner-info draft-restored" id="draft-restored" role="status"><p>{}</p><button type="button" class="button small" data-action="discard">{}</button></div>"#,
            esc(r.draft_restored),
            esc(r.discard_draft)
        );
    }
    if v.card_items.len() > 1 {
        // One call for several reasons: each is ticked; one left unticked stays open with why.
        let _ = write!(
            out,
            r#"<fieldset class="field card-items" id="visit-items"><legend>{}</legend><p class="hint">{}</p>"#,
            esc(r.card_items),
            esc(r.card_items_hint)
        );
        for (key, label) in v.card_items {
            let left = d.left_open.iter().position(|l| l.key == *key);
            let _ = write!(
                out,
                r#"<div class="card-item"><label class="check"><input type="checkbox" name="answers" value="{}"{}> {}</label>"#,
                esc(key),
                if left.is_none() { " checked" } else { "" },
                esc(label)
            );
            if let Some(i) = left {
                let reason = &d.left_open[i].reason;
                let id = format!("left-open-{i}");
                let input = format!(
                    r#"<input type="text" name="left_open_reason" data-key="{}" id="{id}" maxlength="200" value="{}">"#,
                    esc(key),
                    esc(reason)
                );
                labelled(&mut out, t, e, Field::LeftOpen(i), &id, r.left_open_reason, &input);
            }
            out.push_str("</div>");
        }
        out.push_str("</fieldset>");
    }
    out.push_str(r#"<div class="visit-grid">"#);
    let mut input = String::new();
    let methods: Vec<&str> = ContactMethod::ALL.iter().map(|m| (t.labels.method)(*m)).collect();
    select(&mut input, "method", "visit-method", Some(r.choose), &methods, &index_of(&ContactMethod::ALL, d.method));
    labelled(&mut out, t, e, Field::Method, "method", r.method, &input);
    input.clear();
    let scenarios: Vec<&str> = Scenario::ALL.iter().map(|s| (t.labels.scenario)(*s)).collect();
    select(&mut input, "scenario", "visit-scenario", Some(r.choose), &scenarios, &index_of(&Scenario::ALL, d.scenario));
    labelled(&mut out, t, e, Field::Scenario, "scenario", r.scenario, &input);
    let date_input = format!(r#"<input type="date" name="date" id="visit-date" value="{}">"#, esc(&d.date));
    labelled(&mut out, t, e, Field::Date, "date", r.date, &date_input);
    let time_input = format!(r#"<input type="time" name="time" id="visit-time" value="{}">"#, esc(&d.time));
    labelled(&mut out, t, e, Field::Time, "time", r.time, &time_input);
    out.push_str("</div>");

    let _ = write!(
        out,
        r#"<fieldset class="{}" id="field-outcome"><legend>{}</legend>"#,
        class(e, Field::Outcome, " chips-field"),
        esc(r.outcome)
    );
    // On site the words are 见到客户 / 未见到, not a call's 已接通 / 未接通.
    let method = d.method.unwrap_or(ContactMethod::Phone);
    let outcomes: Vec<String> = Outcome::ALL.iter().map(|o| (t.labels.outcome)(method, *o).to_string()).collect();
    chips(&mut out, "outcome", None, &outcomes, &index_of(&Outcome::ALL, d.outcome));
    error_slot(&mut out, t, e, Field::Outcome, "outcome");
    out.push_str("</fieldset>");

    let content = format!(r#"<textarea name="content" id="visit-content" rows="4">{}</textarea>"#, esc(&d.content));
    labelled(&mut out, t, e, Field::Content, "content", r.content, &content);

    // Satisfaction, the three words and the 0–10 likelihood are asked only of a customer who
    // was reached; they stay visible (not hidden) so a mistaken outcome is easy to see.
    let _ = write!(
        out,
        r#"<fieldset class="{}" id="field-satisfaction"><legend>{} <small>{}</small></legend>"#,
        class(e, Field::Satisfaction, " chips-field"),
        esc(r.satisfaction),
        esc(r.optional)
    );
    let scores: Vec<String> = (1..=5).map(|n| (r.score)(n)).collect();
    let score = d.satisfaction.map(|s| (s.saturating_sub(1)).to_string()).unwrap_or_default();
    chips(&mut out, "satisfaction", Some(r.not_given), &scores, &score);
    let levels: Vec<String> = LEVELS.iter().map(|l| (t.labels.satisfaction)(*l).to_string()).collect();
    chips(&mut out, "satisfaction_level", Some(r.not_given), &levels, &index_of(&LEVELS, d.satisfaction_level));
    error_slot(&mut out, t, e, Field::Satisfaction, "satisfaction");
    out.push_str("</fieldset>");

    let mut recommend = String::new();
    let tens: Vec<String> = (0..=10).map(|n| n.to_string()).collect();
    let tens: Vec<&str> = tens.iter().map(String::as_str).collect();
    select(
        &mut recommend,
        "recommend",
        "visit-recommend",
        Some(r.not_given),
        &tens,
        &d.recommend.map(|n| n.to_string()).unwrap_or_default(),
    );
    out.push_str(r#"<div class="visit-grid">"#);
    labelled(&mut out, t, e, Field::Recommend, "recommend", r.recommend, &recommend);
    let next = format!(
        r#"<input type="date" name="next_visit" id="visit-next" value="{}" aria-describedby="next-hint"><small class="hint" id="next-hint">{}</small>"#,
        esc(&d.next_visit),
        esc(r.next_visit_hint)
    );
    labelled(&mut out, t, e, Field::NextVisit, "next-visit", r.next_visit, &next);
    out.push_str("</div>");

    if d.scenario.is_some_and(Scenario::is_about_a_complaint) {
        let _ = write!(
            out,
            r#"<label class="{} check-field"><span><input type="checkbox" name="complaint_settled" id="visit-settled"{}> {}</span>"#,
            class(e, Field::ComplaintSettled, ""),
            if d.complaint_settled { " checked" } else { "" },
            esc(r.complaint_settled)
        );
        error_slot(&mut out, t, e, Field::ComplaintSettled, "settled");
        out.push_str("</label>");
    }

    let _ = write!(out, r#"<section class="visit-feedback" id="visit-feedback"><h3>{}</h3>"#, esc(r.feedback));
    if d.feedback.is_empty() {
        let _ = write!(out, r#"<p class="hint">{}</p>"#, esc(r.no_feedback));
    }
    for (i, row) in d.feedback.iter().enumerate() {
        feedback_row(&mut out, t, e, i, row, v.originals);
    }
    let _ = write!(
        out,
        r#"<button type="button" class="button small" data-action="add-feedback" id="add-feedback">+ {}</button></section>"#,
        esc(r.add_feedback)
    );
    out
}

fn feedback_row(
    out: &mut String,
    t: &Texts,
    e: &RecordErrors,
    i: usize,
    row: &FeedbackDraft,
    originals: &[(String, String)],
) {
    let r = &t.record;
    let f = |field| Field::Feedback { index: i, field };
    let _ = write!(
        out,
        r#"<fieldset class="feedback-row" data-fb="{i}" data-id="{}"><legend>{}</legend><button type="button" class="button subtle small remove-feedback" data-action="remove-feedback" data-index="{i}">{}</button><div class="visit-grid">"#,
        esc(row.id.as_deref().unwrap_or("")),
        esc(&(r.feedback_n)(i + 1)),
        esc(r.remove_feedback)
    );
    let mut input = String::new();
    let kinds: Vec<&str> = KINDS.iter().map(|k| (t.labels.feedback_kind)(*k)).collect();
    select(&mut input, "fb_kind", &format!("fb-kind-{i}"), Some(r.choose), &kinds, &index_of(&KINDS, row.kind));
    labelled(out, t, e, f(FeedbackField::Kind), &format!("fb-kind-{i}"), r.feedback_kind, &input);
    input.clear();
    let priorities: Vec<&str> = PRIORITIES.iter().map(|p| (t.labels.priority)(*p)).collect();
    let priority = index_of(&PRIORITIES, Some(row.priority.unwrap_or(Priority::Normal)));
    select(&mut input, "fb_priority", &format!("fb-priority-{i}"), None, &priorities, &priority);
    let _ = write!(out, r#"<label class="field"><span>{}</span>{input}</label>"#, esc(r.priority));
    input.clear();
    let statuses: Vec<&str> = STATUSES.iter().map(|s| (t.labels.feedback_status)(*s)).collect();
    let status = index_of(&STATUSES, Some(row.status.unwrap_or(FeedbackStatus::Open)));
    select(&mut input, "fb_status", &format!("fb-status-{i}"), None, &statuses, &status);
    let _ = write!(out, r#"<label class="field"><span>{}</span>{input}</label></div>"#, esc(r.status));
    let text = format!(r#"<textarea name="fb_text" id="fb-text-{i}" rows="2">{}</textarea>"#, esc(&row.text));
    labelled(out, t, e, f(FeedbackField::Text), &format!("fb-text-{i}"), r.feedback_text, &text);
    out.push_str(r#"<div class="visit-grid">"#);
    let category = format!(r#"<input name="fb_category" id="fb-category-{i}" value="{}">"#, esc(&row.category));
    let _ = write!(out, r#"<label class="field"><span>{}</span>{category}</label>"#, esc(r.category));
    let department = format!(r#"<input name="fb_department" id="fb-department-{i}" value="{}">"#, esc(&row.department));
    labelled(out, t, e, f(FeedbackField::Department), &format!("fb-department-{i}"), r.department, &department);
    let deadline = format!(
        r#"<input type="date" name="fb_deadline" id="fb-deadline-{i}" value="{}"><small class="hint">{}</small>"#,
        esc(&row.deadline),
        esc(r.deadline_hint)
    );
    labelled(out, t, e, f(FeedbackField::Deadline), &format!("fb-deadline-{i}"), r.deadline, &deadline);
    out.push_str("</div>");
    let own = row.id.as_deref().unwrap_or("");
    let mut dup = format!(
        r#"<select name="fb_duplicate" id="fb-duplicate-{i}"><option value="">{}</option>"#,
        esc(r.not_duplicate)
    );
    for (id, label) in originals.iter().filter(|(id, _)| id != own) {
        let selected = if row.duplicate_of.as_deref() == Some(id) { " selected" } else { "" };
        let _ = write!(dup, r#"<option value="{}"{selected}>{}</option>"#, esc(id), esc(label));
    }
    dup.push_str("</select>");
    labelled(out, t, e, f(FeedbackField::DuplicateOf), &format!("fb-duplicate-{i}"), r.duplicate_of, &dup);
    out.push_str("</fieldset>");
}

/// Above and below the signature pad: the title and hint; the reason there is none, the error.
pub fn signature_parts(t: &Texts, draft: &VisitDraft, errors: &RecordErrors, kept: bool) -> (String, String) {
    let r = &t.record;
    let mut head = format!(r#"<h3>{}</h3><p class="hint">{}</p>"#, esc(r.signature), esc(r.signature_hint));
    if kept {
        let _ = write!(head, r#"<p class="hint signature-kept">✓ {}</p>"#, esc(r.signed));
    }
    let mut tail = format!(
        r#"<label class="{}"><span>{} <small>{}</small></span><textarea name="no_signature_reason" id="visit-no-signature" rows="2">{}</textarea>"#,
        class(errors, Field::Signature, ""),
        esc(r.no_signature_reason),
        esc(r.optional),
        esc(&draft.no_signature_reason)
    );
    error_slot(&mut tail, t, errors, Field::Signature, "signature");
    tail.push_str("</label>");
    (head, tail)
}

/// Save and discard, and the count of problems after a refused save.
pub fn actions(t: &Texts, errors: &RecordErrors) -> String {
    let r = &t.record;
    let summary = if errors.is_empty() { String::new() } else { (r.fix_errors)(errors.0.len()) };
    format!(
        r#"<p class="field-error visit-summary" id="visit-errors" role="alert">{}</p><div class="form-actions visit-actions"><button type="button" class="button subtle" data-action="discard" id="discard-draft">{}</button><button type="submit" class="button primary" id="save-visit">{}</button></div>"#,
        esc(&summary),
        esc(r.discard_draft),
        esc(r.save)
    )
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
                id: row.get_attribute("data-id").filter(|id| !id.is_empty()),
                kind: pick(&KINDS, &f("fb_kind")),
                text: f("fb_text"),
                category: f("fb_category"),
                priority: pick(&PRIORITIES, &f("fb_priority")),
                department: f("fb_department"),
                deadline: f("fb_deadline"),
                status: pick(&STATUSES, &f("fb_status")),
                duplicate_of: Some(f("fb_duplicate")).filter(|d| !d.is_empty()),
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
                crate::domain::visit::LeftOpen { key, reason }
            })
            .collect(),
        ..base.clone()
    }
}

fn row(out: &mut String, label: &str, value: &str) {
    let _ = write!(out, r#"<div class="prow"><dt>{}</dt><dd>{}</dd></div>"#, esc(label), esc(value));
}

/// The satisfaction as one phrase: "4 分 · 满意".
fn satisfaction_text(t: &Texts, v: &Visit) -> String {
    let mut parts = Vec::new();
    if let Some(s) = v.satisfaction {
        parts.push((t.record.score)(s));
    }
    if let Some(l) = v.satisfaction_level {
        parts.push((t.labels.satisfaction)(l).to_string());
    }
    parts.join(" · ")
}

/// One feedback item as the record and the timeline list it.
fn feedback_line(out: &mut String, t: &Texts, lang: Lang, f: &FeedbackItem, all: &[FeedbackItem], close: bool) {
    let status = crate::domain::record::effective_status(all, f);
    let _ = write!(
        out,
        r#"<li class="feedback-item status-{}" data-feedback="{}"><p><span class="badge kind">{}</span> "#,
        match status {
            FeedbackStatus::Open => "open",
            FeedbackStatus::InProgress => "progress",
            FeedbackStatus::Closed => "closed",
        },
        esc(&f.id),
        esc((t.labels.feedback_kind)(f.kind))
    );
    if f.priority == Priority::Urgent {
        let _ = write!(out, r#"<span class="badge urgent">{}</span> "#, esc((t.labels.priority)(f.priority)));
    }
    let _ =
        write!(out, r#"<span class="badge">{}</span> {}</p>"#, esc((t.labels.feedback_status)(status)), esc(&f.text));
    let mut meta = Vec::new();
    if !f.department.is_empty() {
        meta.push(f.department.clone());
    }
    if let Some(d) = f.deadline {
        meta.push((t.record.due_by)(&date_long(lang, d)));
    }
    if let Some(orig) = f.duplicate_of.as_ref().and_then(|id| all.iter().find(|x| &x.id == id)) {
        meta.push((t.record.duplicate_note)(&orig.text));
    }
    if !meta.is_empty() {
        let _ = write!(out, r#"<p class="hint">{}</p>"#, esc(&meta.join(" · ")));
    }
    if close && crate::domain::record::is_open(f) {
        let _ = write!(
            out,
            r#"<button type="button" class="button small" data-action="close-item" data-id="{}">{}</button>"#,
            esc(&f.id),
            esc(t.record.close_item)
        );
    }
    out.push_str("</li>");
}

/// A saved record: what happened, what was said, the feedback items (open ones can be closed
/// here) and the changes made since.
pub fn record(t: &Texts, lang: Lang, v: &Visit, customer: &str, feedback: &[FeedbackItem]) -> String {
    let r = &t.record;
    let mut out = format!(
        r#"<nav class="crumbs"><a href="{}">← {}</a></nav><header class="page-header"><h1>{} · <span id="record-customer">{}</span></h1><div class="page-actions"><a class="button" id="edit-record" href="{}">{}</a></div></header><section class="card record-card" id="record"><dl class="record-fields">"#,
        esc(&Route::Customer(v.customer_id.clone()).href()),
        esc(r.back_to_customer),
        esc(r.title),
        esc(customer),
        esc(&Route::RecordEdit(v.id.clone()).href()),
        esc(r.edit_record)
    );
    row(&mut out, r.scenario, (t.labels.scenario)(v.scenario));
    row(&mut out, r.method, (t.labels.method)(v.method));
    row(&mut out, r.time, &date_time(lang, v.at));
    row(&mut out, r.outcome, (t.labels.outcome)(v.method, v.outcome));
    let satisfaction = satisfaction_text(t, v);
    if !satisfaction.is_empty() {
        row(&mut out, r.satisfaction, &satisfaction);
    }
    if let Some(n) = v.recommend {
        row(&mut out, r.recommend, &n.to_string());
    }
    if let Some(next) = v.next_visit {
        row(&mut out, r.next_visit, &date_long(lang, next));
    }
    if v.complaint_settled {
        row(&mut out, r.complaint_settled, "✓");
    }
    if let SignatureState::Missing { reason } = &v.signature {
        row(&mut out, r.signature, &(r.no_signature)(reason));
    }
    if !v.agent.is_empty() {
        row(&mut out, r.agent, &v.agent);
    }
    out.push_str("</dl>");
    if !v.content.is_empty() {
        let _ = write!(out, r#"<h3>{}</h3><p class="record-content">{}</p>"#, esc(r.content), esc(&v.content));
    }
    out.push_str("</section>");
    let own: Vec<&FeedbackItem> = feedback.iter().filter(|f| f.visit_id == v.id).collect();
    if !own.is_empty() {
        let _ = write!(
            out,
            r#"<section class="card" id="record-feedback"><h2>{}</h2><ul class="feedback-list">"#,
            esc(r.feedback)
        );
        for f in own {
            feedback_line(&mut out, t, lang, f, feedback, true);
        }
        out.push_str("</ul></section>");
    }
    if !v.edits.is_empty() {
        let _ = write!(
            out,
            r#"<section class="card" id="record-edits"><h2>{}</h2><ol class="record-edits">"#,
            esc(r.edits_title)
        );
        for edit in v.edits.iter().rev() {
            let summary = if edit.changes.is_empty() { edit.summary.clone() } else { (r.edit_summary)(&edit.changes) };
            let _ = write!(out, "<li><time>{}</time> {}</li>", esc(&date_time(lang, edit.at)), esc(&summary));
        }
        out.push_str("</ol></section>");
    }
    out
}

/// The review as it stands and the form to give (or change) one.
/// The supervisor's review: the verdict so far, and the form to give one when `can_review`
/// (a supervisor); nothing for an agent's record nobody reviewed yet.
pub fn review(t: &Texts, lang: Lang, v: &Visit, today: chrono::NaiveDate, can_review: bool) -> String {
    let r = &t.record;
    if !can_review && v.review.is_none() {
        return String::new();
    }
    let mut out = if can_review {
        format!(
            r#"<form class="card review-form" id="review-form" data-action="review" novalidate><h2>{}</h2>"#,
            esc(r.review_title)
        )
    } else {
        format!(r#"<section class="card review-form" id="review-view"><h2>{}</h2>"#, esc(r.review_title))
    };
    if let Some(rv) = &v.review {
        let state = (r.reviewed)(&rv.reviewer, &date_long(lang, rv.on), (t.labels.verdict)(rv.verdict));
        let _ = write!(
            out,
            r#"<p class="review-state verdict-{}" id="review-state">{}</p>"#,
            if rv.verdict == Verdict::Returned { "returned" } else { "approved" },
            esc(&state)
        );
        if !rv.comment.is_empty() {
            let _ = write!(out, r#"<blockquote class="review-comment">{}</blockquote>"#, esc(&rv.comment));
        }
    }
    if !can_review {
        out.push_str("</section>");
        return out;
    }
    let reviewer = v.review.as_ref().map(|rv| rv.reviewer.as_str()).unwrap_or("");
    let _ = write!(
        out,
        r#"<div class="visit-grid"><label class="field"><span>{}</span><input name="reviewer" id="reviewer" value="{}"><p class="field-error" data-error="reviewer"></p></label><label class="field"><span>{}</span><input type="date" name="review_date" id="review-date" value="{}"><p class="field-error" data-error="date"></p></label></div>"#,
        esc(r.reviewer),
        esc(reviewer),
        esc(r.review_date),
        date::iso(today)
    );
    let verdicts: Vec<String> = VERDICTS.iter().map(|x| (t.labels.verdict)(*x).to_string()).collect();
    let _ = write!(out, r#"<fieldset class="field chips-field"><legend>{}</legend>"#, esc(r.outcome));
    chips(&mut out, "verdict", None, &verdicts, "");
    let _ = write!(
        out,
        r#"<p class="field-error" data-error="verdict"></p></fieldset><label class="field"><span>{}</span><textarea name="review_comment" id="review-comment" rows="2"></textarea><p class="field-error" data-error="comment"></p></label><div class="form-actions"><button type="submit" class="button primary" id="save-review">{}</button></div></form>"#,
        esc(r.review_comment),
        esc(r.save_review)
    );
    out
}

/// What a visit adds to the customer's timeline: its feedback items, signature and review, and
/// a link to the whole record.
pub fn timeline_extra(t: &Texts, lang: Lang, v: &Visit, feedback: &[FeedbackItem]) -> String {
    let r = &t.record;
    let mut out = String::new();
    let satisfaction = satisfaction_text(t, v);
    let mut badges = String::new();
    if !satisfaction.is_empty() {
        let _ = write!(badges, r#"<span class="badge">{}</span> "#, esc(&satisfaction));
    }
    if v.signature == SignatureState::Captured {
        let _ = write!(badges, r#"<span class="badge signed">✓ {}</span> "#, esc(r.signed));
    }
    if let Some(rv) = &v.review {
        let _ = write!(
            badges,
            r#"<span class="badge verdict-{}">{}</span> "#,
            if rv.verdict == Verdict::Returned { "returned" } else { "approved" },
            esc((t.labels.verdict)(rv.verdict))
        );
    }
    if !badges.is_empty() {
        let _ = write!(out, r#"<p class="tl-badges">{badges}</p>"#);
    }
    let own: Vec<&FeedbackItem> = feedback.iter().filter(|f| f.visit_id == v.id).collect();
    if !own.is_empty() {
        out.push_str(r#"<ul class="feedback-list tl-feedback">"#);
        for f in own {
            feedback_line(&mut out, t, lang, f, feedback, false);
        }
        out.push_str("</ul>");
    }
    let _ = write!(
        out,
        r#"<a class="tl-link" href="{}" data-record="{}">{}</a>"#,
        esc(&Route::Record(v.id.clone()).href()),
        esc(&v.id),
        esc(r.open_record)
    );
    out
}

/// How many returned records Today lists (a large book can have hundreds).
pub const RETURNED_SHOWN: usize = 20;

/// Records a supervisor returned, for the agent on Today.
/// `visits` are the first ones to list, of `total`.
pub fn returned(t: &Texts, lang: Lang, this_year: i32, visits: &[(&Visit, String)], total: usize) -> String {
    let r = &t.record;
    let mut out = format!(
        r#"<section class="card returned-records" id="returned-records"><h2>{}</h2><p class="hint">{}</p><ul>"#,
        esc(r.returned_title),
        esc(r.returned_intro)
    );
    for (v, name) in visits.iter().take(RETURNED_SHOWN) {
        let _ = write!(
            out,
            r#"<li><a href="{}" data-record="{}">{} · {} · {}</a>"#,
            esc(&Route::Record(v.id.clone()).href()),
            esc(&v.id),
            esc(name),
            esc((t.labels.scenario)(v.scenario)),
            esc(&date_auto(lang, v.at.date(), this_year))
        );
        if let Some(rv) = &v.review {
            let _ = write!(out, r#"<p class="review-comment">{} — {}</p>"#, esc(&rv.comment), esc(&rv.reviewer));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    if total > visits.len() {
        let _ = write!(out, r#"<p class="hint">{}</p>"#, esc(&(r.returned_more)(total - visits.len())));
    }
    out.push_str("</section>");
    out
}
