//! The customer book as app-wide state: every customer's tier assessment and the search index,
//! derived once from the app's data and kept while the user moves between pages (returning to a
//! list of 5,000 customers costs nothing), the list's query, and the one way a customer is saved. [`install`] (called once by `App`) provides it and keeps the recorded tiers and
//! their history in step with the data ([`super::tier_sync`]). Pages read it with [`use_book`].

use super::{AppState, Changes, Touched, local_now};
use crate::domain::customer::{Customer, Id};
use crate::domain::search::{CustomerIndex, Query};
use crate::domain::tier::TierSettings;
use crate::domain::tiering::{self, TierAssessment};
use crate::domain::visit::{ByCustomer, FeedbackItem, Visit};
use chrono::NaiveDate;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// The schedule's next follow-up date per customer. When a feature provides it in context (at
/// `App` level: `provide_context(NextDueDates(signal))`), the customer list offers "next
/// follow-up first"; without it the option is not shown.
#[derive(Clone, Copy)]
pub struct NextDueDates(pub Signal<Arc<HashMap<Id, NaiveDate>>>);

#[derive(Clone, Copy)]
pub struct CustomerBook {
    /// Where each customer's visits are in the app's list: [`CustomerBook::visits_of`].
    pub by_customer: Memo<Arc<ByCustomer>>,
    /// Every customer's tier assessment with the current settings, on today.
    pub assessments: Memo<Arc<HashMap<Id, TierAssessment>>>,
    pub index: Memo<Arc<CustomerIndex>>,
    /// The list's search, filters and sort: kept when the user opens a customer and comes back.
    pub query: RwSignal<Query>,
    pub list_scroll: StoredValue<f64>,
    pub has_demo: Memo<bool>,
}

pub fn use_book() -> CustomerBook {
    expect_context::<CustomerBook>()
}

/// Whether a memo of an `Arc` changed: always, once it was made again. Arcs compare by pointer,
/// and comparing what they hold to find out would cost as much as making it.
fn made_again<T>(old: Option<&Arc<T>>, new: Option<&Arc<T>>) -> bool {
    match (old, new) {
        (Some(a), Some(b)) => !Arc::ptr_eq(a, b),
        _ => true,
    }
}

/// Provides the [`CustomerBook`] and starts keeping tier histories up to date. Call once in `App`.
pub fn install(app: AppState) {
    // Made again whenever the visits change (~5 ms at 5,000 customers), then read by every page
    // that shows, schedules or saves one customer, and by the tier assessments.
    let by_customer =
        Memo::new_with_compare(move |_| app.visits.with(|visits| Arc::new(ByCustomer::new(visits))), made_again);
    // The same day and thresholds and only a few customers changed (a save): those are assessed
    // again on top of the last result ([`super::touched`]), their visits found through
    // `by_customer`; nobody changed (settings other than the tiers): the last result stands.
    let assessed_with: StoredValue<Option<(NaiveDate, TierSettings)>> = StoredValue::new(None);
    let assessments = Memo::new_with_compare(
        move |previous: Option<&Arc<HashMap<Id, TierAssessment>>>| {
            let today = app.today.get();
            let touched = app.touched.try_update_value(Touched::take).unwrap_or_default();
            app.customers.with(|customers| {
                app.visits.with(|visits| {
                    app.settings.with(|s| {
                        let inputs = Some((today, s.tiers.clone()));
                        let same_inputs = assessed_with.with_value(|last| *last == inputs);
                        assessed_with.set_value(inputs);
                        match (previous, touched) {
                            (Some(previous), Touched::Customers(ids)) if same_inputs && ids.is_empty() => {
                                previous.clone()
                            }
                            (Some(previous), Touched::Customers(ids)) if same_inputs => by_customer.with(|own| {
                                Arc::new(tiering::reassess(previous, &ids, customers, visits, own, &s.tiers, today))
                            }),
                            _ => by_customer.with(|own| {
                                Arc::new(tiering::assess_all_with(customers, visits, own, &s.tiers, today))
                            }),
                        }
                    })
                })
            })
        },
        made_again,
    );
    let index = Memo::new_with_compare(
        move |_| {
            let assessed = assessments.get();
            app.customers.with(|customers| Arc::new(CustomerIndex::build(customers, &assessed)))
        },
        made_again,
    );
    let has_demo = Memo::new(move |_| app.customers.with(|c| c.iter().any(|c| c.demo)));
    let book = CustomerBook {
        by_customer,
        assessments,
        index,
        query: RwSignal::new(Query::default()),
        list_scroll: StoredValue::new(0.0),
        has_demo,
    };
    provide_context(book);

    super::tier_sync::start(app, book);
}

impl CustomerBook {
    /// The visits of `customer`, in the app's order; the caller is told when the visits change.
    pub fn visits_of(&self, app: AppState, customer: &str) -> Vec<Visit> {
        self.by_customer.with(|own| app.visits.with(|visits| own.of(visits, customer).cloned().collect()))
    }

    /// [`visits_of`](Self::visits_of), without being told of changes (in an event handler).
    pub fn visits_of_untracked(&self, app: AppState, customer: &str) -> Vec<Visit> {
        untrack(|| self.visits_of(app, customer))
    }

    /// The feedback items `customer` raised, in the app's order; the caller is told when the
    /// feedback changes.
    pub fn feedback_of(&self, app: AppState, customer: &str) -> Vec<FeedbackItem> {
        app.feedback.with(|items| items.iter().filter(|f| f.customer_id == customer).cloned().collect())
    }

    /// [`feedback_of`](Self::feedback_of), without being told of changes (in an event handler).
    pub fn feedback_of_untracked(&self, app: AppState, customer: &str) -> Vec<FeedbackItem> {
        untrack(|| self.feedback_of(app, customer))
    }

    pub fn assessment(&self, id: &str) -> Option<TierAssessment> {
        self.assessments.with(|a| a.get(id).cloned())
    }

    /// Saves an edited customer (revision-checked), with its tier recomputed and any change
    /// recorded in its history; `on_saved` runs once storage has it.
    pub fn save_customer(&self, app: AppState, mut customer: Customer, on_saved: impl FnOnce(&Customer) + 'static) {
        let today = app.today.get_untracked();
        let own = self.visits_of_untracked(app, &customer.id);
        app.customers.with_untracked(|customers| {
            let stored = customers.iter().find(|c| c.id == customer.id);
            app.settings.with_untracked(|s| tiering::record_edit(stored, &mut customer, &own, &s.tiers, today))
        });
        customer.updated_at = local_now();
        let mut changes = Changes::new();
        let saved = changes.save(&customer);
        app.commit(changes, move || on_saved(&saved));
    }
}
