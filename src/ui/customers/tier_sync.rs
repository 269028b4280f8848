//! Keeps every customer's recorded tier and tier history in step with the data (DOMAIN.md:
//! "recomputed as data changes, ... a history of every change and its reason").
//!
//! The tier shown is always computed live ([`CustomerBook::assessments`]); what this adds is the
//! history. Saves made on the customer pages record the change in the same write. Changes that
//! come from elsewhere (a visit recorded by the visit form, time passing so that a customer turns
//! dormant, another tab) are written here, once storage has loaded and whenever the data or the
//! day changes.

use super::CustomerBook;
use crate::domain::tiering;
use crate::store::Batch;
use crate::ui::state::{AppState, LoadStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;

pub fn start(app: AppState, book: CustomerBook) {
    // While a write is under way its customers are still the old revisions in memory: running
    // again would save them twice and conflict with ourselves.
    let busy = StoredValue::new(false);
    // After a failure (storage full) stop until the page reloads: the user has been told, and
    // retrying on every change would repeat the message.
    let failed = StoredValue::new(false);
    Effect::new(move |_| {
        if app.status.get() != LoadStatus::Ready || app.database().is_none() {
            return;
        }
        let assessments = book.assessments.get();
        let today = app.today.get();
        if busy.get_value() || failed.get_value() {
            return;
        }
        let changed = app.customers.with(|customers| tiering::reconcile_with(customers, &assessments, today));
        if changed.is_empty() {
            return;
        }
        busy.set_value(true);
        let mut batch = Batch::new();
        let saved: Vec<_> = changed.iter().map(|c| batch.save(c)).collect();
        spawn_local(async move {
            let ok = app.write(batch).await.is_ok();
            busy.set_value(false);
            if ok {
                super::remember(app, saved);
            } else {
                failed.set_value(true);
            }
        });
    });
}
