//! The schedule as app-wide state: the one place its input is put together from memory (the
//! settings, the marks, the campaigns, the tiers the customer book assessed, the contacts the
//! record rules call for). Today's plan, the agenda's views, the customer list's "next follow-up",
//! the reports, the visit screen and a customer's page all schedule through here.

use crate::domain::agenda::DueItem;
use crate::domain::customer::Customer;
use crate::domain::schedule::{DateRange, ScheduleInput};
use crate::domain::visit::{FeedbackItem, Visit};
use crate::ui::state::AppState;
use leptos::prelude::*;

/// The schedule over `range` as of today for `customers` with their `visits` and `feedback`: the
/// whole book, or one customer with their own records (the visit screen). The one place the
/// schedule's input is put together (reactive: call it inside a `Memo`, or untracked).
pub fn schedule_of(
    app: AppState,
    customers: &[Customer],
    visits: &[Visit],
    feedback: &[FeedbackItem],
    range: DateRange,
) -> Vec<DueItem> {
    with_input(app, customers, visits, feedback, |input| crate::domain::schedule::schedule(input, range))
}

/// Puts the schedule's input together and hands it to `run`.
fn with_input<T>(
    app: AppState,
    customers: &[Customer],
    visits: &[Visit],
    feedback: &[FeedbackItem],
    run: impl FnOnce(&ScheduleInput) -> T,
) -> T {
    // The tiers the customer book computes (thresholds, activity, override); the recorded tier
    // only stands in for a customer the assessment has not reached yet.
    let assessments = super::book::use_book().assessments.get();
    let tier_of = |c: &Customer| assessments.get(&c.id).map_or_else(|| c.recorded_tier(), |a| a.effective);
    let today = app.today.get();
    app.settings.with(|settings| {
        app.agenda_marks.with(|marks| {
            app.campaigns.with(|campaigns| {
                // Contacts the record rules call for (tell the customer a problem is solved, check
                // a potential need, the agent's own next-visit date, feedback deadlines).
                let extra = crate::domain::record::loop_items(customers, visits, feedback, settings);
                let input = ScheduleInput {
                    customers,
                    visits,
                    marks,
                    campaigns,
                    settings: &settings.schedule,
                    tiers: &settings.tiers,
                    tier_of: &tier_of,
                    today,
                    extra: &extra,
                };
                run(&input)
            })
        })
    })
}

/// The whole book's schedule over `range` from everything in memory (reactive: call it inside a
/// `Memo`).
pub fn schedule(app: AppState, range: DateRange) -> Vec<DueItem> {
    with_book_input(app, |input| crate::domain::schedule::schedule(input, range))
}

/// Each item of the whole book's schedule over `range`, unsorted, without holding them all
/// (reactive, as [`schedule`]).
pub fn for_each_item(app: AppState, range: DateRange, each: impl FnMut(DueItem)) {
    with_book_input(app, |input| crate::domain::schedule::for_each_item(input, range, each))
}

/// The schedule's input for the whole book in memory, handed to `run`.
fn with_book_input<T>(app: AppState, run: impl FnOnce(&ScheduleInput) -> T) -> T {
    app.customers.with(|customers| {
        app.visits.with(|visits| app.feedback.with(|feedback| with_input(app, customers, visits, feedback, run)))
    })
}
