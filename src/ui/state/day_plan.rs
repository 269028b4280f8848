//! A day's work as app-wide state: the plan (`domain::plan`) computed once from the whole book
//! and shared by Today, the week and month views and the calling session on the visit screen,
//! which goes on to the next card after each save. [`install`] (called once by `App`) provides it;
//! pages read it with [`use_day_plan`].

use super::AppState;
use crate::domain::Id;
use crate::domain::date::add_days;
use crate::domain::plan::{Card, Plan, PlanInput, plan, value_shares};
use crate::domain::schedule::DateRange;
use crate::domain::visit::contacted_on;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// How many days Today plans ahead: enough to see what falls due this week and flag what will
/// not fit before its window closes.
pub const WEEK: u32 = 7;

#[derive(Clone, Copy)]
pub struct DayPlan {
    /// The plan from today (lazy: computed when a page reads it).
    pub plan: Memo<Arc<Plan>>,
    /// The customers contacted today: done for today, and not planned again today.
    pub contacted: Memo<Arc<HashSet<Id>>>,
    /// Contacts added to today beyond the capacity ("再加 10 个", or what would be missed), and the
    /// day they were added: the plan takes them into today and plans the next days around them.
    pub pulled: RwSignal<(NaiveDate, usize)>,
    /// How many days the plan covers; the month view asks for more than Today's week.
    pub days: RwSignal<u32>,
}

/// Builds the plan's state and puts it in context (once, by the app's root).
pub fn install(app: AppState) {
    let values = Memo::new(move |_| {
        let today = app.today.get();
        Arc::new(app.customers.with(|c| value_shares(c, today)))
    });
    let contacted = Memo::new(move |_| {
        let today = app.today.get();
        Arc::new(app.visits.with(|v| contacted_on(v, today)))
    });
    let days = RwSignal::new(WEEK);
    let pulled = RwSignal::new((NaiveDate::MIN, 0usize));
    let plan_memo = Memo::new(move |_| {
        let today = app.today.get();
        let span = days.get().max(1);
        let range = DateRange::new(today, add_days(today, i64::from(span) - 1));
        let items = super::schedule::schedule(app, range);
        // Whoever was contacted today, reached or not, is not called again today.
        let contacted = contacted.get();
        let settings = app.settings.with(|s| s.plan);
        let values = values.get();
        let value = |id: &str| values.get(id).copied().unwrap_or(0.0);
        let is_contacted = |id: &str| contacted.contains(id);
        let (pulled_on, pulled_n) = pulled.get();
        Arc::new(plan(&PlanInput {
            items: &items,
            today,
            days: span,
            contacted_today: &is_contacted,
            value: &value,
            settings: &settings,
            extra_today: if pulled_on == today { pulled_n } else { 0 },
        }))
    });
    provide_context(DayPlan { plan: plan_memo, contacted, pulled, days });
}

pub fn use_day_plan() -> DayPlan {
    expect_context::<DayPlan>()
}

impl DayPlan {
    /// How many cards were pulled into today (0 on a new day).
    pub fn pulled_today(&self, today: NaiveDate) -> usize {
        let (day, n) = self.pulled.get();
        if day == today { n } else { 0 }
    }

    /// Today's cards, most important first (reactive).
    pub fn today_cards(&self) -> Vec<Card> {
        self.plan.with(|p| p.today().to_vec())
    }

    /// The card to call after this one in a calling session: the first of today's cards that is
    /// not `after`'s customer (whose card is gone once the visit is saved anyway).
    pub fn next_card(&self, after: &str) -> Option<Card> {
        self.today_cards().into_iter().find(|c| c.customer_id != after)
    }
}

/// The customers of `ids` by id, found in one pass over the book.
pub fn customers_by_id(app: AppState, ids: &[&str]) -> HashMap<Id, crate::domain::customer::Customer> {
    let wanted: HashSet<&str> = ids.iter().copied().collect();
    app.customers
        .with(|all| all.iter().filter(|c| wanted.contains(c.id.as_str())).map(|c| (c.id.clone(), c.clone())).collect())
}
