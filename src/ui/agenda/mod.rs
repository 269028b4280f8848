//! Today: what to do now (overdue, due today, the coming days), the week and month views, the
//! day-before announcements, customers nobody has reached, and export to a calendar.

mod calendar;
mod export;
mod item;
mod marks;
mod no_contact;
mod text;
mod visit_stub;

pub use visit_stub::VisitStub;

use crate::domain::agenda::{DueItem, ItemStatus, Urgency};
use crate::domain::customer::{ContactMethod, Customer};
use crate::domain::scenario::Scenario;
use crate::domain::schedule::{DateRange, ScheduleInput, announce_on, schedule};
use crate::domain::tier::Tier;
use crate::ui::components::{EmptyState, Icon, IconName, tr};
use crate::ui::route::Route;
use crate::i18n::Texts;
use crate::ui::state::{AppState, use_app};
use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use std::collections::HashMap;
use text::Who;

/// Each customer's effective tier, as the schedule should see it. The one place to wire the
/// tiering in (`domain::tiering::assess(...).effective`); until then the recorded tier.
pub fn effective_tier(customer: &Customer) -> Tier {
    customer.tier.unwrap_or(Tier::Basic)
}

/// An agenda item with the customer details its card shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub item: DueItem,
    pub who: Who,
}

/// The agenda for `range` from everything in memory (reactive: call it inside a `Memo`).
pub fn agenda(app: AppState, range: DateRange) -> Vec<Row> {
    let t = app.t();
    app.settings.with(|settings| {
        app.customers.with(|customers| {
            app.visits.with(|visits| {
                app.agenda_marks.with(|marks| {
                    app.campaigns.with(|campaigns| {
                        let input = ScheduleInput {
                            customers,
                            visits,
                            marks,
                            campaigns,
                            settings: &settings.schedule,
                            tiers: &settings.tiers,
                            tier_of: &effective_tier,
                            extra: &[],
                        };
                        let items = schedule(&input, range);
                        let by_id: HashMap<&str, &Customer> = customers.iter().map(|c| (c.id.as_str(), c)).collect();
                        items
                            .into_iter()
                            .map(|item| {
                                let who = by_id
                                    .get(item.customer_id.as_str())
                                    .map(|c| Who::of(c, t))
                                    .unwrap_or_else(|| Who::missing(&item.customer_id, t));
                                Row { item, who }
                            })
                            .collect()
                    })
                })
            })
        })
    })
}

/// What the user narrowed the agenda to.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Filter {
    pub scenario: Option<Scenario>,
    pub tier: Option<Tier>,
    pub method: Option<ContactMethod>,
}

impl Filter {
    pub fn keeps(&self, item: &DueItem) -> bool {
        self.scenario.is_none_or(|s| item.scenario == s || item.reasons.len() > 1 && reason_scenarios(item).contains(&s))
            && self.tier.is_none_or(|t| item.tier == t)
            && self.method.is_none_or(|m| item.method == m)
    }

    fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// The scenarios of a merged item's reasons, so that filtering by "birthday" finds a birthday
/// merged into a holiday greeting.
fn reason_scenarios(item: &DueItem) -> Vec<Scenario> {
    use crate::domain::agenda::DueReason as R;
    item.reasons
        .iter()
        .map(|r| match r {
            R::Activation { .. } => Scenario::Activation,
            R::PostPurchase { .. } => Scenario::PostPurchase,
            R::AfterService { .. } => Scenario::AfterService,
            R::ComplaintFollowUp { .. } => Scenario::ComplaintFollowUp,
            R::Care { .. } => Scenario::Care,
            R::Birthday { .. } => Scenario::Birthday,
            R::Holiday { .. } => Scenario::Holiday,
            R::Campaign { .. } => Scenario::Campaign,
            R::Incident { .. } => Scenario::Incident,
            R::QualitySampling { .. } => Scenario::QualitySampling,
            R::Escalation { .. } => Scenario::Escalation,
            R::SmsCare { .. } => Scenario::SmsCare,
            R::FeedbackClosure { .. } => Scenario::FeedbackClosure,
            R::IntentionCheck { .. } => Scenario::IntentionCheck,
            R::NextVisit { .. } => Scenario::Manual,
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Week,
    Month,
}

#[component]
pub fn TodayPage() -> impl IntoView {
    let app = use_app();
    let empty = move || app.customers.with(Vec::is_empty);
    view! {
        <Show when=move || !empty() fallback=FirstRun>
            <Agenda />
        </Show>
    }
}

#[component]
fn Agenda() -> impl IntoView {
    let app = use_app();
    let view_mode = RwSignal::new(View::List);
    let filter = RwSignal::new(Filter::default());
    marks::provide_undo(app);
    let heading = move || {
        let t = app.t();
        let today = app.today.get();
        format!("{} · {}", t.nav.today, text::message_date(t, today))
    };
    view! {
        <header class="page-header agenda-header">
            <h1 id="agenda-title">{heading}</h1>
            <div class="segmented" role="radiogroup" aria-label=tr(|t| t.agenda.views)>
                {[(View::List, "list"), (View::Week, "week"), (View::Month, "month")]
                    .into_iter()
                    .map(|(mode, name)| {
                        let label = move || match mode {
                            View::List => app.t().agenda.view_list,
                            View::Week => app.t().agenda.view_week,
                            View::Month => app.t().agenda.view_month,
                        };
                        view! {
                            <button role="radio" data-view=name
                                aria-checked=move || (view_mode.get() == mode).to_string()
                                class:selected=move || view_mode.get() == mode
                                on:click=move |_| view_mode.set(mode)>
                                {label}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </header>
        <Filters filter />
        {move || match view_mode.get() {
            View::List => view! { <TodayList filter /> }.into_any(),
            View::Week => view! { <calendar::WeekView filter /> }.into_any(),
            View::Month => view! { <calendar::MonthView filter /> }.into_any(),
        }}
        <no_contact::NoContactList />
        <export::ExportPanel />
    }
}

/// A select of one of `all`, or none ("全部").
fn choice<T: Copy + PartialEq + Send + Sync + 'static>(
    id: &'static str,
    label: fn(&Texts) -> &'static str,
    all: &'static [T],
    name: fn(&Texts, T) -> &'static str,
    get: impl Fn() -> Option<T> + Send + Sync + 'static,
    set: impl Fn(Option<T>) + 'static,
) -> impl IntoView {
    let app = use_app();
    view! {
        <label class="field compact">
            <span>{move || label(app.t())}</span>
            <select id=id
                prop:value=move || get().and_then(|v| all.iter().position(|x| *x == v)).map(|i| i.to_string()).unwrap_or_default()
                on:change:target=move |ev| set(ev.target().value().parse::<usize>().ok().and_then(|i| all.get(i).copied()))>
                <option value="">{tr(|t| t.agenda.any)}</option>
                {all
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let v = *v;
                        view! { <option value=i.to_string()>{move || name(app.t(), v)}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

#[component]
fn Filters(filter: RwSignal<Filter>) -> impl IntoView {
    view! {
        <details class="card agenda-filters" open=move || !filter.with(Filter::is_empty)>
            <summary>{tr(|t| t.agenda.filters)}</summary>
            <div class="filter-row">
                {choice(
                    "filter-scenario",
                    |t| t.agenda.filter_scenario,
                    &Scenario::ALL,
                    |t, s| (t.labels.scenario)(s),
                    move || filter.get().scenario,
                    move |v| filter.update(|f| f.scenario = v),
                )}
                {choice(
                    "filter-tier",
                    |t| t.agenda.filter_tier,
                    &Tier::ALL,
                    |t, v| (t.labels.tier)(v),
                    move || filter.get().tier,
                    move |v| filter.update(|f| f.tier = v),
                )}
                {choice(
                    "filter-method",
                    |t| t.agenda.filter_method,
                    &ContactMethod::ALL,
                    |t, v| (t.labels.method)(v),
                    move || filter.get().method,
                    move |v| filter.update(|f| f.method = v),
                )}
                <button class="button subtle small" type="button"
                    disabled=move || filter.with(Filter::is_empty)
                    on:click=move |_| filter.set(Filter::default())>
                    {tr(|t| t.agenda.clear_filters)}
                </button>
            </div>
        </details>
    }
}

/// The list: overdue, due today, the coming days, and today's announcements.
#[component]
fn TodayList(filter: RwSignal<Filter>) -> impl IntoView {
    let app = use_app();
    let rows = Memo::new(move |_| {
        let today = app.today.get();
        let (overdue, coming) =
            app.settings.with(|s| (i64::from(s.schedule.overdue_shown_days), i64::from(s.schedule.coming_days)));
        let range = DateRange::new(today - Duration::days(overdue), today + Duration::days(coming));
        let mut rows = agenda(app, range);
        // Latest first among the late, then by the day each is best done.
        rows.sort_by_key(|r| match r.item.urgency(today) {
            Urgency::Late(n) => (0, -n, r.item.ideal),
            Urgency::Due => (1, 0, r.item.latest),
            Urgency::Upcoming => (2, 0, r.item.ideal),
        });
        rows
    });
    let section = move |urgency: fn(Urgency) -> bool| {
        Memo::new(move |_| {
            let today = app.today.get();
            let f = filter.get();
            rows.with(|rows| {
                rows.iter()
                    .filter(|r| r.item.is_open() && urgency(r.item.urgency(today)) && f.keeps(&r.item))
                    .cloned()
                    .collect::<Vec<Row>>()
            })
        })
    };
    let overdue = section(|u| matches!(u, Urgency::Late(_)));
    let due = section(|u| u == Urgency::Due);
    let coming = section(|u| u == Urgency::Upcoming);
    let announce = Memo::new(move |_| {
        let today = app.today.get();
        app.settings.with(|s| {
            rows.with(|rows| {
                rows.iter()
                    .filter(|r| announce_on(&r.item, &s.schedule) == Some(today) && r.who.phone.is_some())
                    .cloned()
                    .collect::<Vec<Row>>()
            })
        })
    });
    let done_today = Memo::new(move |_| {
        let today = app.today.get();
        rows.with(|rows| rows.iter().filter(|r| matches!(&r.item.status, ItemStatus::Done { on, .. } if *on == today)).count())
    });
    let nothing = move || overdue.with(Vec::is_empty) && due.with(Vec::is_empty) && coming.with(Vec::is_empty);
    let coming_days = move || app.settings.with(|s| s.schedule.coming_days);
    view! {
        <Show when=move || { done_today.get() > 0 }>
            <p class="hint done-today">{move || (app.t().agenda.all_done_today)(done_today.get())}</p>
        </Show>
        <Show when=move || !announce.with(Vec::is_empty)>
            <item::Announcements rows=announce />
        </Show>
        <Show when=nothing>
            {move || {
                if filter.with(Filter::is_empty) {
                    view! {
                        <EmptyState icon=IconName::Today
                            title=Signal::derive(move || app.t().agenda.nothing_due_title)
                            body=Signal::derive(move || app.t().agenda.nothing_due_body) />
                    }
                        .into_any()
                } else {
                    view! { <p class="hint agenda-none">{tr(|t| t.agenda.nothing_matches)}</p> }.into_any()
                }
            }}
        </Show>
        <ItemSection id="overdue" title=Signal::derive(move || app.t().agenda.overdue.to_string()) rows=overdue />
        <ItemSection id="due" title=Signal::derive(move || app.t().agenda.due_today.to_string()) rows=due />
        <ItemSection id="coming" title=Signal::derive(move || (app.t().agenda.coming)(coming_days())) rows=coming />
    }
}

#[component]
fn ItemSection(id: &'static str, title: Signal<String>, rows: Memo<Vec<Row>>) -> impl IntoView {
    let app = use_app();
    view! {
        <Show when=move || !rows.with(Vec::is_empty)>
            <section class="agenda-section" id=format!("agenda-{id}") aria-labelledby=format!("agenda-{id}-title")>
                <h2 id=format!("agenda-{id}-title")>
                    {move || title.get()}
                    <span class="count">{move || (app.t().agenda.items_count)(rows.with(Vec::len))}</span>
                </h2>
                <ul class="agenda-list">
                    <For each=move || rows.get() key=|row| (row.item.key.clone(), row.item.earliest, row.item.method) let:row>
                        <li><item::ItemCard row /></li>
                    </For>
                </ul>
            </section>
        </Show>
    }
}

/// What a new user sees: what Huifang is and the three ways to start.
#[component]
pub fn FirstRun() -> impl IntoView {
    let app = use_app();
    view! {
        <header class="page-header">
            <h1>{tr(|t| t.nav.today)}</h1>
        </header>
        <EmptyState icon=IconName::Customers
            title=Signal::derive(move || app.t().app.first_run_title)
            body=Signal::derive(move || app.t().app.first_run_body)>
            <a class="button primary" href=Route::CustomerNew.href()>
                <Icon name=IconName::Plus />
                {tr(|t| t.app.first_run_add)}
            </a>
            <a class="button" href=Route::Data.href()>
                <Icon name=IconName::Upload />
                {tr(|t| t.app.first_run_import)}
            </a>
            <a class="button subtle" href=Route::Settings.href()>{tr(|t| t.app.first_run_settings)}</a>
        </EmptyState>
    }
}

/// Monday of the week that holds `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}
