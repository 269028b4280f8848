//! Today: what to do now (overdue, due today, the coming days), the week and month views, the
//! day-before announcements, customers nobody has reached, and export to a calendar.

mod export;
mod html;
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
use crate::i18n::format;
use crate::ui::components::{EmptyState, Icon, IconName, tr};
use crate::ui::route::Route;
use crate::i18n::Texts;
use crate::ui::state::{AppState, use_app};
use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
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

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

#[component]
fn Agenda() -> impl IntoView {
    let app = use_app();
    let today = app.today.get_untracked();
    let view_mode = RwSignal::new(View::List);
    let filter = RwSignal::new(Filter::default());
    let week = RwSignal::new(week_start(today));
    let month = RwSignal::new(first_of_month(today));
    let selected = RwSignal::new(None::<NaiveDate>);
    marks::provide_undo(app);

    let rows = Memo::new(move |_| {
        let today = app.today.get();
        let range = match view_mode.get() {
            View::List => {
                let (overdue, coming) =
                    app.settings.with(|s| (i64::from(s.schedule.overdue_shown_days), i64::from(s.schedule.coming_days)));
                DateRange::new(today - Duration::days(overdue), today + Duration::days(coming))
            }
            View::Week => DateRange::new(week.get(), week.get() + Duration::days(6)),
            View::Month => {
                let start = week_start(month.get());
                DateRange::new(start, start + Duration::days(41))
            }
        };
        let mut rows = agenda(app, range);
        // The latest first among the late, then by the last day for the due, then by the day each
        // is best done.
        rows.sort_by_key(|r| match r.item.urgency(today) {
            Urgency::Late(n) => (0, -n, r.item.ideal),
            Urgency::Due => (1, 0, r.item.latest),
            Urgency::Upcoming => (2, 0, r.item.ideal),
        });
        rows
    });

    let body = Memo::new(move |_| {
        let t = app.t();
        let today = app.today.get();
        let f = filter.get();
        let company = app.settings.with(|s| s.profile.company.trim().to_string());
        let announce_settings = app.settings.with(|s| s.schedule.clone());
        rows.with(|rows| {
            let open: Vec<&Row> = rows.iter().filter(|r| r.item.is_open() && f.keeps(&r.item)).collect();
            match view_mode.get() {
                View::List => {
                    let of = |u: fn(Urgency) -> bool| -> Vec<&Row> { open.iter().copied().filter(|r| u(r.item.urgency(today))).collect() };
                    let late = of(|u| matches!(u, Urgency::Late(_)));
                    let due = of(|u| u == Urgency::Due);
                    let coming = of(|u| u == Urgency::Upcoming);
                    let announce: Vec<&Row> = rows
                        .iter()
                        .filter(|r| announce_on(&r.item, &announce_settings) == Some(today) && r.who.phone.is_some())
                        .collect();
                    let done = rows.iter().filter(|r| matches!(&r.item.status, ItemStatus::Done { on, .. } if *on == today)).count();
                    let mut out = String::new();
                    if done > 0 {
                        out.push_str(&format!(r#"<p class="hint done-today">{}</p>"#, html::esc(&(t.agenda.all_done_today)(done))));
                    }
                    out.push_str(&html::announcements(t, &announce, &company));
                    if late.is_empty() && due.is_empty() && coming.is_empty() {
                        if f.is_empty() {
                            out.push_str(&format!(
                                r#"<section class="empty-state agenda-empty"><h2>{}</h2><p>{}</p></section>"#,
                                html::esc(t.agenda.nothing_due_title),
                                html::esc(t.agenda.nothing_due_body)
                            ));
                        } else {
                            out.push_str(&format!(r#"<p class="hint agenda-none">{}</p>"#, html::esc(t.agenda.nothing_matches)));
                        }
                    }
                    out.push_str(&html::section("overdue", t.agenda.overdue, t, &late, today));
                    out.push_str(&html::section("due", t.agenda.due_today, t, &due, today));
                    let coming_title = (t.agenda.coming)(announce_settings.coming_days);
                    out.push_str(&html::section("coming", &coming_title, t, &coming, today));
                    out
                }
                View::Week => {
                    let mut out = html::week(t, &open, week.get(), today);
                    if let Some(day) = selected.get() {
                        out.push_str(&html::day_detail(t, &open, day, today));
                    }
                    out
                }
                View::Month => {
                    let m = month.get();
                    let mut out = html::month(t, &open, week_start(m), m.month(), today, selected.get());
                    if let Some(day) = selected.get() {
                        out.push_str(&html::day_detail(t, &open, day, today));
                    }
                    out
                }
            }
        })
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let (Some(action), Some(key)) = (form.get_attribute("data-action"), form.get_attribute("data-key")) else { return };
        ev.prevent_default();
        let Some(item) = rows.with_untracked(|rows| rows.iter().find(|r| r.item.key == key).map(|r| r.item.clone())) else {
            return;
        };
        marks::submit(app, &form, &action, &item);
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        if let Ok(Some(day)) = target.closest("button[data-date]") {
            if let Some(date) = day.get_attribute("data-date").and_then(|d| d.parse::<NaiveDate>().ok()) {
                selected.set(Some(date));
            }
            return;
        }
        if let Ok(Some(_)) = target.closest("[data-action=copy]") {
            let key = target.closest("li[data-key]").ok().flatten().and_then(|li| li.get_attribute("data-key"));
            let t = app.t_now();
            let company = app.settings.with_untracked(|s| s.profile.company.trim().to_string());
            let message = key.and_then(|key| {
                rows.with_untracked(|rows| rows.iter().find(|r| r.item.key == key).map(|r| html::announcement_text(t, r, &company)))
            });
            if let Some(message) = message {
                leptos::task::spawn_local(async move {
                    if marks::copy_to_clipboard(&message).await {
                        app.toast(t.common.copied);
                    } else {
                        app.toast_error(t.agenda.copy_failed);
                    }
                });
            }
        }
    };

    let heading = move || {
        let t = app.t();
        format!("{} · {}", t.nav.today, text::message_date(t, app.today.get()))
    };
    let switch = move |mode: View| {
        view_mode.set(mode);
        selected.set(None);
    };
    let shift = move |step: i64| match view_mode.get_untracked() {
        View::Week => week.update(|w| *w += Duration::days(7 * step)),
        View::Month => month.update(|m| {
            let total = m.year() * 12 + m.month0() as i32 + step as i32;
            *m = NaiveDate::from_ymd_opt(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1).unwrap_or(*m);
        }),
        View::List => {}
    };
    let period = move || {
        let t = app.t();
        let year = app.today.get().year();
        match view_mode.get() {
            View::Week => {
                let from = week.get();
                format!("{} – {}", format::date_auto(t.lang, from, year), format::date_auto(t.lang, from + Duration::days(6), year))
            }
            _ => (t.agenda.month_title)(month.get().year(), month.get().month()),
        }
    };
    let modes = [(View::List, "list"), (View::Week, "week"), (View::Month, "month")];
    view! {
        <header class="page-header agenda-header">
            <h1 id="agenda-title">{heading}</h1>
            <div class="segmented" role="radiogroup" aria-label=tr(|t| t.agenda.views)>
                {modes
                    .into_iter()
                    .map(|(mode, name)| {
                        view! {
                            <button role="radio" data-view=name
                                aria-checked=move || (view_mode.get() == mode).to_string()
                                class:selected=move || view_mode.get() == mode
                                on:click=move |_| switch(mode)>
                                {move || match mode {
                                    View::List => app.t().agenda.view_list,
                                    View::Week => app.t().agenda.view_week,
                                    View::Month => app.t().agenda.view_month,
                                }}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </header>
        <Filters filter />
        <Show when=move || view_mode.get() != View::List>
            <div class="calendar-nav">
                <button type="button" class="button small" id="period-prev" on:click=move |_| shift(-1)
                    aria-label=move || if view_mode.get() == View::Week { app.t().agenda.previous_week } else { app.t().agenda.previous_month }>"‹"</button>
                <h2 id="period-title">{period}</h2>
                <button type="button" class="button small" id="period-next" on:click=move |_| shift(1)
                    aria-label=move || if view_mode.get() == View::Week { app.t().agenda.next_week } else { app.t().agenda.next_month }>"›"</button>
                <button type="button" class="button subtle small"
                    on:click=move |_| {
                        let today = app.today.get_untracked();
                        week.set(week_start(today));
                        month.set(first_of_month(today));
                        selected.set(Some(today));
                    }>
                    {move || if view_mode.get() == View::Week { app.t().agenda.this_week } else { app.t().agenda.this_month }}
                </button>
            </div>
        </Show>
        <div class="agenda-body" class:calendar=move || view_mode.get() != View::List
            inner_html=move || body.get() on:submit=on_submit on:click=on_click></div>
        <no_contact::NoContactList />
        <export::ExportPanel />
    }
}

/// A select of one of `names` by position, or none ("全部"): one function for the three filters,
/// so the view is compiled once.
fn choice(
    id: &'static str,
    label: fn(&'static Texts) -> &'static str,
    names: fn(&'static Texts) -> Vec<&'static str>,
    get: Signal<Option<usize>>,
    set: Callback<Option<usize>>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <label class="field compact">
            <span>{tr(label)}</span>
            <select id=id
                on:change:target=move |ev| set.run(ev.target().value().parse::<usize>().ok())
                inner_html=move || {
                    let t = app.t();
                    let mut options = format!(r#"<option value="">{}</option>"#, html::esc(t.agenda.any));
                    for (i, name) in names(t).into_iter().enumerate() {
                        options.push_str(&format!(r#"<option value="{i}">{}</option>"#, html::esc(name)));
                    }
                    options
                }
                // After the options (they are replaced when the language changes).
                prop:value=move || {
                    app.lang.track();
                    get.get().map(|i| i.to_string()).unwrap_or_default()
                }>
            </select>
        </label>
    }
}

#[component]
fn Filters(filter: RwSignal<Filter>) -> impl IntoView {
    let position = |all: &[Scenario], v: Option<Scenario>| v.and_then(|v| all.iter().position(|x| *x == v));
    view! {
        <details class="card agenda-filters" open=move || !filter.with(Filter::is_empty)>
            <summary>{tr(|t| t.agenda.filters)}</summary>
            <div class="filter-row">
                {choice(
                    "filter-scenario",
                    |t| t.agenda.filter_scenario,
                    |t| Scenario::ALL.iter().map(|s| (t.labels.scenario)(*s)).collect(),
                    Signal::derive(move || position(&Scenario::ALL, filter.get().scenario)),
                    Callback::new(move |i: Option<usize>| filter.update(|f| f.scenario = i.and_then(|i| Scenario::ALL.get(i).copied()))),
                )}
                {choice(
                    "filter-tier",
                    |t| t.agenda.filter_tier,
                    |t| Tier::ALL.iter().map(|v| (t.labels.tier)(*v)).collect(),
                    Signal::derive(move || filter.get().tier.map(Tier::index)),
                    Callback::new(move |i: Option<usize>| filter.update(|f| f.tier = i.and_then(|i| Tier::ALL.get(i).copied()))),
                )}
                {choice(
                    "filter-method",
                    |t| t.agenda.filter_method,
                    |t| ContactMethod::ALL.iter().map(|v| (t.labels.method)(*v)).collect(),
                    Signal::derive(move || filter.get().method.and_then(|m| ContactMethod::ALL.iter().position(|x| *x == m))),
                    Callback::new(move |i: Option<usize>| {
                        filter.update(|f| f.method = i.and_then(|i| ContactMethod::ALL.get(i).copied()))
                    }),
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
