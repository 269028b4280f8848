//! Keeps every customer's recorded tier and tier history in step with the data (DOMAIN.md:
//! "recomputed as data changes, ... a history of every change and its reason").
//!
//! The tier shown is always computed live ([`CustomerBook::assessments`]); what this adds is the
//! history. A customer saved on the customer pages, and a visit that moves its customer's tier
//! (`domain::record::visit_save`), record the change in the same write. Changes that come from
//! elsewhere (time passing so that a customer turns dormant, new thresholds from another tab, data
//! from an older version) are written here, once storage has loaded and whenever the data or the
//! day changes.

use super::book::CustomerBook;
use super::{AppState, Changes, LoadStatus};
use crate::domain::tiering;
use crate::store::StorageError;
use leptos::prelude::*;
use leptos::task::spawn_local;

pub fn start(app: AppState, book: CustomerBook) {
    // While a write is under way its customers are still the old revisions in memory: running
    // again would save them twice and conflict with ourselves.
    let busy = StoredValue::new(false);
    // After a failure (storage full) stop until the page reloads: the user has been told, and
    // retrying on every change would repeat the message.
    let failed = StoredValue::new(false);
    // After the load it runs at once, before the user can edit anything. Later changes are
    // followed a moment after the last one, not inside it: assessing 5,000 customers took
    // ~35 ms, which saving a visit would otherwise wait for before its record page shows.
    let generation = StoredValue::new(0u64);
    let caught_up = StoredValue::new(false);
    Effect::new(move |_| {
        let ready = app.status.get() == LoadStatus::Ready;
        app.customers.track();
        app.visits.track();
        app.settings.track();
        app.today.track();
        if !ready {
            return;
        }
        let this = generation.get_value() + 1;
        generation.set_value(this);
        if !caught_up.get_value() {
            caught_up.set_value(true);
            reconcile(app, book, busy, failed);
            return;
        }
        set_timeout(
            move || {
                if generation.get_value() == this {
                    reconcile(app, book, busy, failed);
                }
            },
            std::time::Duration::from_millis(DELAY_MS),
        );
    });
}

/// How long after a change the tier histories are brought up to date.
const DELAY_MS: u64 = 400;

fn reconcile(app: AppState, book: CustomerBook, busy: StoredValue<bool>, failed: StoredValue<bool>) {
    if app.status.get_untracked() != LoadStatus::Ready || app.database().is_none() {
        return;
    }
    if busy.get_value() || failed.get_value() {
        return;
    }
    let assessments = book.assessments.get_untracked();
    let today = app.today.get_untracked();
    let changed = app.customers.with_untracked(|customers| {
        app.visits.with_untracked(|visits| {
            book.by_customer.with_untracked(|own| {
                app.settings
                    .with_untracked(|s| tiering::reconcile_with(customers, &assessments, visits, own, &s.tiers, today))
            })
        })
    });
    if changed.is_empty() {
        return;
    }
    busy.set_value(true);
    let mut changes = Changes::new();
    changes.save_all(&changed);
    spawn_local(async move {
        let result = app.apply(changes).await;
        busy.set_value(false);
        match result {
            Ok(()) => {}
            // Someone saved the customer first (this tab or another): the app reloads it, and
            // that change brings this back with the fresh copy.
            Err(StorageError::Conflict { .. }) => {}
            Err(_) => failed.set_value(true),
        }
    });
}
