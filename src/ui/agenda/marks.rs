//! Saving the user's decisions on an item (snooze, skip, method), with an undo in the toast.

use super::html::AgendaAction;
use crate::domain::agenda::DueItem;
use crate::domain::customer::ContactMethod;
use crate::domain::date::parse_date;
use crate::domain::schedule::{AgendaMark, Skip};
use crate::i18n::{Texts, format};
use crate::ui::components::markup::{field_value, show_error_in};
use crate::ui::components::offer_undo;
use crate::ui::state::{AppState, Changes, local_now};
use chrono::Datelike;
use leptos::prelude::*;

/// Takes a saved mark back: the mark as it was `before` (revision-checked against the one
/// `after` saved), or none if there was none.
fn undo_mark(app: AppState, before: Option<AgendaMark>, after: AgendaMark) {
    let mut changes = Changes::new();
    match &before {
        Some(before) => {
            changes.save(&AgendaMark { rev: after.rev, ..before.clone() });
        }
        None => changes.delete(&after),
    }
    app.commit(changes, move || {
        app.toast(|t| t.agenda.mark_removed);
    });
}

/// Changes the mark of `item` and saves it; `message` is the toast once it is stored.
pub fn save_mark<S: Into<String>>(
    app: AppState,
    item: &DueItem,
    change: impl FnOnce(&mut AgendaMark),
    message: impl Fn(&'static Texts) -> S + Send + Sync + 'static,
) {
    let before = app.agenda_marks.with_untracked(|marks| marks.iter().find(|m| m.id == item.key).cloned());
    let mut mark = before.clone().unwrap_or_else(|| AgendaMark {
        id: item.key.clone(),
        customer_id: item.customer_id.clone(),
        ..AgendaMark::default()
    });
    change(&mut mark);
    mark.updated_at = local_now();
    let mut changes = Changes::new();
    let saved = changes.save(&mark);
    app.commit(changes, move || {
        offer_undo(app, message, move || undo_mark(app, before, saved));
    });
}

/// Shows (or clears) the message next to a form's field.
fn show_error(form: &web_sys::Element, message: Option<&str>) {
    show_error_in(form.query_selector(".field-error").ok().flatten(), message);
}

/// A snooze, skip or method form of an agenda card was submitted: check it, then save the mark.
pub fn submit(app: AppState, form: &web_sys::Element, action: AgendaAction, item: &DueItem) {
    let t = app.t_now();
    let today = app.today.get_untracked();
    match action {
        AgendaAction::Snooze => {
            let date = match parse_date(&field_value(form, "snooze_to")) {
                Ok(date) if date < today => return show_error(form, Some(t.agenda.date_in_past)),
                Ok(date) => date,
                Err(_) => return show_error(form, Some(t.agenda.date_invalid)),
            };
            show_error(form, None);
            let message = move |t: &'static Texts| (t.agenda.snoozed)(&format::date_auto(t.lang, date, today.year()));
            save_mark(app, item, |m| m.snoozed_to = Some(date), message);
        }
        AgendaAction::Skip => {
            let reason = field_value(form, "skip_reason").trim().to_string();
            if reason.is_empty() {
                return show_error(form, Some(t.agenda.reason_required));
            }
            show_error(form, None);
            save_mark(app, item, |m| m.skipped = Some(Skip { reason, on: today }), |t| t.agenda.skipped);
        }
        AgendaAction::Method => {
            let Some(method) =
                field_value(form, "method").parse::<usize>().ok().and_then(|i| ContactMethod::ALL.get(i).copied())
            else {
                return;
            };
            save_mark(app, item, |m| m.method = Some(method), |t| t.agenda.reassigned);
        }
        _ => {}
    }
}
