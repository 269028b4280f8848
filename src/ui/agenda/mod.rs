//! Today: what to do now (overdue, due today, the coming days), the records a supervisor returned,
//! the week and month views, the day-before announcements, customers nobody has reached, and
//! export to a calendar. The plan and the schedule it shows are app-wide state
//! (`state::day_plan`, `state::schedule`).

mod export;
mod html;
mod marks;
mod no_contact;
mod returned;
pub mod today;

use crate::domain::agenda::DueItem;
use crate::domain::customer::{ContactMethod, Customer};
use crate::domain::date::parse_date;
use crate::domain::scenario::Scenario;
use crate::domain::schedule::{DateRange, announce_on, iso_day as iso_date};
use crate::domain::tier::Tier;
use crate::i18n::Texts;
use crate::i18n::format;
use crate::ui::components::demo::{DemoBanner, LoadDemoButton};
use crate::ui::components::item_text::{self, Who};
use crate::ui::components::markup::{
    Action, action, action_of, actions, field_value, named, show_error_in, target_element, value_of,
};
use crate::ui::components::{EmptyState, Icon, IconName, clipboard, tx};
use crate::ui::route::Route;
use crate::ui::state::book::use_book;
use crate::ui::state::day_plan::{WEEK, use_day_plan};
use crate::ui::state::schedule::schedule;
use crate::ui::state::{AppState, use_app};
use chrono::{Datelike, Duration, NaiveDate};
use html::AgendaAction;
use leptos::prelude::*;
use maud::{Markup, html};
use std::collections::HashMap;

/// An agenda item with the customer details its card shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub item: DueItem,
    pub who: Who,
}

/// The agenda for `range`: the book's schedule ([`schedule`]) with who each item is for
/// (reactive: call it inside a `Memo`).
pub fn agenda(app: AppState, range: DateRange) -> Vec<Row> {
    let t = app.t();
    let items = schedule(app, range);
    app.customers.with(|customers| {
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
        self.scenario
            .is_none_or(|s| item.scenario == s || item.reasons.len() > 1 && reason_scenarios(item).contains(&s))
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
            R::ComplaintHandling { .. } => Scenario::ComplaintHandling,
            R::FeedbackDue { .. } => Scenario::FeedbackDue,
        })
        .collect()
}

actions! {
    /// The agenda's filters and the export's dates, by field name.
    pub(super) enum AgendaField {
        Scenario = "filter_scenario",
        Tier = "filter_tier",
        Method = "filter_method",
        ExportFrom = "export_from",
        ExportTo = "export_to",
    }
}

actions! {
    /// The agenda's three views, named in the switch's `data-view`.
    enum View { List = "list", Week = "week", Month = "month" }
}

actions! {
    /// The agenda's folding sections, named in their summary's `data-toggle`: the page remembers
    /// which are open across re-renders.
    enum Fold { Filters = "filters", NoContact = "no-contact", Export = "export" }
}

#[component]
pub fn TodayPage() -> impl IntoView {
    let app = use_app();
    let empty = move || app.customers.with(Vec::is_empty);
    view! {
        <DemoBanner />
        <Show when=move || !empty() fallback=FirstRun>
            <returned::ReturnedRecords />
            <Agenda />
        </Show>
    }
}

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

fn select(t: &Texts, name: AgendaField, label: &str, names: &[&str], chosen: Option<usize>) -> Markup {
    html! {
        label.field.compact {
            span { (label) }
            select id=(name.as_str().replace('_', "-")) name=(name) {
                option value="" { (t.agenda.any) }
                @for (i, n) in names.iter().enumerate() {
                    option value=(i) selected[chosen == Some(i)] { (n) }
                }
            }
        }
    }
}

fn filters(t: &Texts, f: &Filter, open: bool) -> Markup {
    let a = &t.agenda;
    let scenarios: Vec<&str> = Scenario::ALL.iter().map(|s| (t.labels.scenario)(*s)).collect();
    let tiers: Vec<&str> = Tier::ALL.iter().map(|v| (t.labels.tier)(*v)).collect();
    let methods: Vec<&str> = ContactMethod::ALL.iter().map(|v| (t.labels.method)(*v)).collect();
    html! {
        details.card.agenda-filters open[open || !f.is_empty()] {
            summary data-toggle=(Fold::Filters) { (a.filters) }
            div.filter-row {
                (select(t, AgendaField::Scenario, a.filter_scenario, &scenarios,
                    f.scenario.and_then(|v| Scenario::ALL.iter().position(|x| *x == v))))
                (select(t, AgendaField::Tier, a.filter_tier, &tiers, f.tier.map(Tier::index)))
                (select(t, AgendaField::Method, a.filter_method, &methods,
                    f.method.and_then(|v| ContactMethod::ALL.iter().position(|x| *x == v))))
                button.button.subtle.small type="button" data-action=(AgendaAction::ClearFilters) disabled[f.is_empty()] {
                    (a.clear_filters)
                }
            }
        }
    }
}

#[component]
fn Agenda() -> impl IntoView {
    let app = use_app();
    let book = use_book();
    let today = app.today.get_untracked();
    let view_mode = RwSignal::new(View::List);
    let filter = RwSignal::new(Filter::default());
    // How many of tomorrow's announcements are shown; "show more" adds a page.
    let shown = RwSignal::new(html::PAGE);
    let week = RwSignal::new(week_start(today));
    let month = RwSignal::new(first_of_month(today));
    let selected = RwSignal::new(None::<NaiveDate>);
    let filters_open = RwSignal::new(false);
    let no_contact_open = RwSignal::new(false);
    let export_open = RwSignal::new(false);
    let export_from = RwSignal::new(iso_date(today));
    let export_to = RwSignal::new(iso_date(today + Duration::days(30)));

    let day = use_day_plan();
    // The plan reaches as far as the view shows: Today's week, or the end of the week or the
    // month grid on screen (from today on: what is past is not planned).
    Effect::new(move |_| {
        let today = app.today.get();
        let last = match view_mode.get() {
            View::List => today,
            View::Week => week.get() + Duration::days(6),
            View::Month => week_start(month.get()) + Duration::days(41),
        };
        let days = u32::try_from((last - today).num_days() + 1).unwrap_or(0).max(WEEK);
        if day.days.get_untracked() != days {
            day.days.set(days);
        }
    });
    // The plan's cards as rows, one per card on the day it is planned: the calendar views and
    // tomorrow's announcements read them.
    let rows = Memo::new(move |_| today::planned_rows(app, day));

    let header = move || {
        let t = app.t();
        let mode = view_mode.get();
        let year = app.today.get().year();
        let period = match mode {
            View::List => None,
            View::Week => {
                let from = week.get();
                Some((
                    format!(
                        "{} – {}",
                        format::date_auto(t.lang, from, year),
                        format::date_auto(t.lang, from + Duration::days(6), year)
                    ),
                    t.agenda.previous_week,
                    t.agenda.next_week,
                    t.agenda.this_week,
                ))
            }
            View::Month => Some((
                (t.agenda.month_title)(month.get().year(), month.get().month()),
                t.agenda.previous_month,
                t.agenda.next_month,
                t.agenda.this_month,
            )),
        };
        html! {
            header.page-header.agenda-header {
                h1 id="agenda-title" { (t.nav.today) " · " (item_text::message_date(t, app.today.get())) }
                div.segmented role="radiogroup" aria-label=(t.agenda.views) {
                    @for (m, label) in [
                        (View::List, t.agenda.view_list),
                        (View::Week, t.agenda.view_week),
                        (View::Month, t.agenda.view_month),
                    ] {
                        button type="button" role="radio" data-view=(m) aria-checked=(m == mode) class=[(m == mode).then_some("selected")] {
                            (label)
                        }
                    }
                }
            }
            @if let Some((period, prev, next, this)) = period {
                div.calendar-nav {
                    button.button.small type="button" id="period-prev" data-action=(AgendaAction::Prev) aria-label=(prev) { "‹" }
                    h2 id="period-title" { (period) }
                    button.button.small type="button" id="period-next" data-action=(AgendaAction::Next) aria-label=(next) { "›" }
                    button.button.subtle.small type="button" data-action=(AgendaAction::This) { (this) }
                }
            }
        }
        .into_string()
    };

    // Tomorrow's planned calls and visits, announced by SMS today.
    let announcements = move || {
        let t = app.t();
        let today = app.today.get();
        let company = app.settings.with(|s| s.profile.company.trim().to_string());
        let announce_settings = app.settings.with(|s| s.schedule.clone());
        rows.with(|rows| {
            let announce: Vec<&Row> = rows
                .iter()
                .filter(|r| announce_on(&r.item, &announce_settings) == Some(today) && r.who.phone.is_some())
                .collect();
            html::announcements(t, &announce, &company, shown.get()).into_string()
        })
    };
    let calendar = move || {
        let t = app.t();
        let today = app.today.get();
        let f = filter.get();
        rows.with(|rows| {
            let open: Vec<&Row> = rows.iter().filter(|r| f.keeps(&r.item)).collect();
            let grid = match view_mode.get() {
                View::List => return String::new(),
                View::Week => html::week(t, &open, week.get(), today),
                View::Month => {
                    let m = month.get();
                    html::month(t, &open, week_start(m), m.month(), today, selected.get())
                }
            };
            let detail = selected.get().map(|day| html::day_detail(t, &open, day, today));
            maud::html! { (grid) @if let Some(detail) = detail { (detail) } }.into_string()
        })
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = target_element(&ev) else { return };
        let Some(action) = action_of::<AgendaAction>(&form) else { return };
        ev.prevent_default();
        if action == AgendaAction::Export {
            let t = app.t_now();
            let (from, to) = (
                field_value(&form, AgendaField::ExportFrom.as_str()),
                field_value(&form, AgendaField::ExportTo.as_str()),
            );
            let slot = form.query_selector(".field-error").ok().flatten();
            match (parse_date(&from), parse_date(&to)) {
                (Ok(a), Ok(b)) => {
                    show_error_in(slot, None);
                    let range = DateRange::new(a, b);
                    export::export(app, range, &format!("{}_{}", iso_date(range.from), iso_date(range.to)));
                }
                _ => show_error_in(slot, Some(t.agenda.date_invalid)),
            }
            return;
        }
        let Some(key) = form.get_attribute("data-key") else { return };
        let Some(item) = rows.with_untracked(|rows| rows.iter().find(|r| r.item.key == key).map(|r| r.item.clone()))
        else {
            return;
        };
        marks::submit(app, &form, action, &item);
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(field) = target_element(&ev) else { return };
        let value = value_of(&field);
        let index = value.parse::<usize>().ok();
        match named::<AgendaField>(&field) {
            Some(AgendaField::Scenario) => {
                filter.update(|f| f.scenario = index.and_then(|i| Scenario::ALL.get(i).copied()))
            }
            Some(AgendaField::Tier) => filter.update(|f| f.tier = index.and_then(|i| Tier::ALL.get(i).copied())),
            Some(AgendaField::Method) => {
                filter.update(|f| f.method = index.and_then(|i| ContactMethod::ALL.get(i).copied()))
            }
            Some(AgendaField::ExportFrom) => export_from.set(value),
            Some(AgendaField::ExportTo) => export_to.set(value),
            None => {}
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(target) = target_element(&ev) else { return };
        if let Ok(Some(toggle)) = target.closest("summary[data-toggle]") {
            // The browser opens or closes the <details>; remember it so a re-render keeps it.
            let open = toggle.closest("details").ok().flatten().is_some_and(|d| !d.has_attribute("open"));
            match toggle.get_attribute("data-toggle").as_deref().and_then(Fold::parse) {
                Some(Fold::Filters) => filters_open.set(open),
                Some(Fold::NoContact) => no_contact_open.set(open),
                Some(Fold::Export) => export_open.set(open),
                None => {}
            }
            return;
        }
        if let Ok(Some(button)) = target.closest("[data-view]") {
            view_mode.set(button.get_attribute("data-view").as_deref().and_then(View::parse).unwrap_or(View::List));
            selected.set(None);
            return;
        }
        if let Ok(Some(day)) = target.closest("button[data-date]") {
            if let Some(date) = day.get_attribute("data-date").and_then(|d| parse_date(&d).ok()) {
                selected.set(Some(date));
            }
            return;
        }
        let Some((action, _)) = action::<AgendaAction>(&ev) else { return };
        let step = |n: i64| match view_mode.get_untracked() {
            View::Week => week.update(|w| *w += Duration::days(7 * n)),
            View::Month => month.update(|m| {
                let total = m.year() * 12 + m.month0() as i32 + n as i32;
                *m = NaiveDate::from_ymd_opt(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1).unwrap_or(*m);
            }),
            View::List => {}
        };
        match action {
            AgendaAction::Prev => step(-1),
            AgendaAction::Next => step(1),
            AgendaAction::This => {
                let today = app.today.get_untracked();
                week.set(week_start(today));
                month.set(first_of_month(today));
                selected.set(Some(today));
            }
            AgendaAction::ClearFilters => filter.set(Filter::default()),
            AgendaAction::ShowMore => {
                shown.update(|n| *n += html::PAGE);
            }
            AgendaAction::ExportAll => {
                let today = app.today.get_untracked();
                export::export(app, DateRange::new(today, today + Duration::days(365)), &iso_date(today));
            }
            AgendaAction::Copy => {
                let key = target.closest("li[data-key]").ok().flatten().and_then(|li| li.get_attribute("data-key"));
                let t = app.t_now();
                let company = app.settings.with_untracked(|s| s.profile.company.trim().to_string());
                let message = key.and_then(|key| {
                    rows.with_untracked(|rows| {
                        rows.iter().find(|r| r.item.key == key).map(|r| html::announcement_text(t, r, &company))
                    })
                });
                if let Some(message) = message {
                    clipboard::copy(app, message, |t| t.agenda.copy_failed);
                }
            }
            _ => {}
        }
    };

    view! {
        <div class="agenda" on:click=on_click on:change=on_change on:submit=on_submit>
            <div inner_html=header></div>
            <Show when=move || view_mode.get() == View::List>
                <today::WorkToday filter />
            </Show>
            <div inner_html=move || filter.with(|f| filters(app.t(), f, filters_open.get()).into_string())></div>
            <div class="agenda-body" inner_html=calendar></div>
            <Show when=move || view_mode.get() == View::List>
                <div inner_html=announcements></div>
            </Show>
            <div inner_html=move || no_contact::section(app, book, app.t(), no_contact_open.get()).into_string()></div>
            <div inner_html=move || {
                export::panel(app.t(), &export_from.get(), &export_to.get(), export_open.get()).into_string()
            }></div>
        </div>
    }
}

/// What a new user sees: what Huifang is and the three ways to start.
#[component]
pub fn FirstRun() -> impl IntoView {
    let app = use_app();
    view! {
        <header class="page-header">
            <h1>{tx(|t| t.nav.today)}</h1>
        </header>
        <EmptyState icon=IconName::Customers
            title=Signal::derive(move || app.t().app.first_run_title)
            body=Signal::derive(move || app.t().app.first_run_body)>
            <a class="button primary" href=Route::CustomerNew.href()>
                <Icon name=IconName::Plus />
                {tx(|t| t.app.first_run_add)}
            </a>
            <a class="button" href=Route::Data.href()>
                <Icon name=IconName::Upload />
                {tx(|t| t.app.first_run_import)}
            </a>
            <a class="button subtle" href=Route::Settings.href()>{tx(|t| t.app.first_run_settings)}</a>
            <LoadDemoButton />
        </EmptyState>
    }
}

/// Monday of the week that holds `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}
