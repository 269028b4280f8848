//! Saving the user's decisions on an item (snooze, skip, method), with an undo in the toast.

use crate::domain::agenda::DueItem;
use crate::domain::schedule::AgendaMark;
use crate::store::Batch;
use crate::ui::state::{AppState, local_now};
use leptos::prelude::*;

/// The last change that the toast's "Undo" would take back: its token, the mark before (if there
/// was one) and the mark as saved.
#[derive(Clone)]
struct Undo {
    token: u64,
    before: Option<AgendaMark>,
    after: AgendaMark,
}

#[derive(Clone, Copy)]
struct UndoSlot(StoredValue<Option<Undo>>);

/// Watches the toasts' action button for the undo of the last mark (one effect for one outside
/// event). Call once in the agenda.
pub fn provide_undo(app: AppState) {
    let slot = UndoSlot(StoredValue::new(None));
    provide_context(slot);
    Effect::new(move |_| {
        let Some(token) = app.toast_action.get() else { return };
        let Some(undo) = slot.0.get_value().filter(|u| u.token == token) else { return };
        slot.0.set_value(None);
        let mut batch = Batch::new();
        let restored = match &undo.before {
            Some(before) => {
                let mut back = before.clone();
                back.rev = undo.after.rev;
                Some(batch.save(&back))
            }
            None => {
                batch.delete(&undo.after);
                None
            }
        };
        let key = undo.after.id.clone();
        app.commit(batch, move || {
            app.agenda_marks.update(|marks| {
                marks.retain(|m| m.id != key);
                marks.extend(restored);
            });
            app.toast(app.t_now().agenda.mark_removed);
        });
    });
}

/// Changes the mark of `item` and saves it; `message` is the toast once it is stored.
pub fn save_mark(app: AppState, item: &DueItem, change: impl FnOnce(&mut AgendaMark), message: String) {
    let before = app.agenda_marks.with_untracked(|marks| marks.iter().find(|m| m.id == item.key).cloned());
    let mut mark = before.clone().unwrap_or_else(|| AgendaMark {
        id: item.key.clone(),
        customer_id: item.customer_id.clone(),
        ..AgendaMark::default()
    });
    change(&mut mark);
    mark.updated_at = local_now();
    let mut batch = Batch::new();
    let saved = batch.save(&mark);
    let slot = use_context::<UndoSlot>();
    app.commit(batch, move || {
        let key = saved.id.clone();
        let stored = saved.clone();
        app.agenda_marks.update(|marks| {
            marks.retain(|m| m.id != key);
            marks.push(stored);
        });
        let token = app.toast_with_action(message, app.t_now().agenda.undo_mark);
        if let Some(slot) = slot {
            slot.0.set_value(Some(Undo { token, before, after: saved }));
        }
    });
}
