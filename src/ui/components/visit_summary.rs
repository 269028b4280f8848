//! A saved visit in brief, as the record page and a customer's timeline both show it: the
//! satisfaction in one phrase, the review's verdict, the feedback items with where each stands,
//! and what a visit adds to the timeline (markup: see `components::markup` for why).

use crate::domain::visit::{FeedbackItem, FeedbackStatus, Priority, SignatureState, Verdict, Visit};
use crate::i18n::format::date_long;
use crate::i18n::{Lang, Texts};
use crate::ui::components::markup::actions;
use crate::ui::route::Route;
use maud::{Markup, html};

actions! {
    /// What a feedback item's button does where the record lists it.
    pub enum FeedbackAction { CloseItem = "close-item" }
}

/// The satisfaction as one phrase: "4 分 · 满意".
pub fn satisfaction_text(t: &Texts, v: &Visit) -> String {
    let mut parts = Vec::new();
    if let Some(s) = v.satisfaction {
        parts.push((t.record.score)(s));
    }
    if let Some(l) = v.satisfaction_level {
        parts.push((t.labels.satisfaction)(l).to_string());
    }
    parts.join(" · ")
}

/// The class naming a review's verdict.
pub fn verdict_class(verdict: Verdict) -> &'static str {
    if verdict == Verdict::Returned { "returned" } else { "approved" }
}

/// One feedback item as the record and the timeline list it.
pub fn feedback_line(t: &Texts, lang: Lang, f: &FeedbackItem, all: &[FeedbackItem], close: bool) -> Markup {
    let status = crate::domain::record::effective_status(all, f);
    let status_class = match status {
        FeedbackStatus::Open => "open",
        FeedbackStatus::InProgress => "progress",
        FeedbackStatus::Closed => "closed",
    };
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
    html! {
        li class={ "feedback-item status-" (status_class) } data-feedback=(f.id) {
            p {
                span.badge.kind { ((t.labels.feedback_kind)(f.kind)) }
                " "
                @if f.priority == Priority::Urgent {
                    span.badge.urgent { ((t.labels.priority)(f.priority)) }
                    " "
                }
                span.badge { ((t.labels.feedback_status)(status)) }
                " " (f.text)
            }
            @if !meta.is_empty() {
                p.hint { (meta.join(" · ")) }
            }
            @if close && crate::domain::record::is_open(f) {
                button type="button" class="button small" data-action=(FeedbackAction::CloseItem) data-id=(f.id) {
                    (t.record.close_item)
                }
            }
        }
    }
}

/// What a visit adds to the customer's timeline: its feedback items, signature and review, and
/// a link to the whole record.
pub fn timeline_markup(t: &Texts, lang: Lang, v: &Visit, feedback: &[FeedbackItem]) -> Markup {
    let r = &t.record;
    let satisfaction = satisfaction_text(t, v);
    let signed = v.signature == SignatureState::Captured;
    let own: Vec<&FeedbackItem> = feedback.iter().filter(|f| f.visit_id == v.id).collect();
    html! {
        @if !satisfaction.is_empty() || signed || v.review.is_some() {
            p.tl-badges {
                @if !satisfaction.is_empty() {
                    span.badge { (satisfaction) }
                    " "
                }
                @if signed {
                    span.badge.signed { "✓ " (r.signed) }
                    " "
                }
                @if let Some(rv) = &v.review {
                    span class={ "badge verdict-" (verdict_class(rv.verdict)) } { ((t.labels.verdict)(rv.verdict)) }
                    " "
                }
            }
        }
        @if !own.is_empty() {
            ul.feedback-list.tl-feedback {
                @for f in own {
                    (feedback_line(t, lang, f, feedback, false))
                }
            }
        }
        a.tl-link href=(Route::Record(v.id.clone()).href()) data-record=(v.id) { (r.open_record) }
    }
}
