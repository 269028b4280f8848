//! Week and month views: each item on the day it is best done (its ideal date).

use super::{Filter, Row, agenda, item::ItemCard, text, week_start};
use crate::domain::schedule::DateRange;
use crate::i18n::format;
use crate::ui::state::use_app;
use chrono::{Datelike, Duration, NaiveDate};
use crate::ui::components::tr;
use leptos::prelude::*;

/// The open items of `range` that pass the filter, by ideal day.
fn by_day(rows: Vec<Row>, filter: Filter) -> Vec<(NaiveDate, Vec<Row>)> {
    let mut days: Vec<(NaiveDate, Vec<Row>)> = Vec::new();
    let mut rows: Vec<Row> = rows.into_iter().filter(|r| r.item.is_open() && filter.keeps(&r.item)).collect();
    rows.sort_by_key(|r| r.item.ideal);
    for row in rows {
        match days.last_mut() {
            Some((day, list)) if *day == row.item.ideal => list.push(row),
            _ => days.push((row.item.ideal, vec![row])),
        }
    }
    days
}

fn rows_on(days: &[(NaiveDate, Vec<Row>)], date: NaiveDate) -> Vec<Row> {
    days.iter().find(|(d, _)| *d == date).map(|(_, rows)| rows.clone()).unwrap_or_default()
}

#[component]
pub fn WeekView(filter: RwSignal<Filter>) -> impl IntoView {
    let app = use_app();
    let start = RwSignal::new(week_start(app.today.get_untracked()));
    let days = Memo::new(move |_| {
        let from = start.get();
        by_day(agenda(app, DateRange::new(from, from + Duration::days(6))), filter.get())
    });
    let selected = RwSignal::new(None::<NaiveDate>);
    view! {
        <section class="calendar week-view" aria-labelledby="week-title">
            <div class="calendar-nav">
                <button type="button" class="button small" id="week-prev" on:click=move |_| start.update(|d| *d -= Duration::days(7))
                    aria-label=tr(|t| t.agenda.previous_week)>"‹"</button>
                <h2 id="week-title">
                    {move || {
                        let t = app.t();
                        let from = start.get();
                        let year = app.today.get().year();
                        format!("{} – {}", format::date_auto(t.lang, from, year), format::date_auto(t.lang, from + Duration::days(6), year))
                    }}
                </h2>
                <button type="button" class="button small" id="week-next" on:click=move |_| start.update(|d| *d += Duration::days(7))
                    aria-label=tr(|t| t.agenda.next_week)>"›"</button>
                <button type="button" class="button subtle small" on:click=move |_| start.set(week_start(app.today.get_untracked()))>
                    {tr(|t| t.agenda.this_week)}
                </button>
            </div>
            <ol class="week-grid">
                {move || {
                    let from = start.get();
                    (0..7)
                        .map(|offset| {
                            let date = from + Duration::days(offset);
                            let rows = Memo::new(move |_| days.with(|d| rows_on(d, date)));
                            view! {
                                <li class="week-day" class:today=move || app.today.get() == date data-date=date.to_string()>
                                    <button type="button" class="day-head" on:click=move |_| selected.set(Some(date))>
                                        <span class="weekday">{move || format::weekday(app.t().lang, date.weekday())}</span>
                                        <span class="date">{move || format::date_short(app.t().lang, date)}</span>
                                    </button>
                                    <ul class="day-items">
                                        <For each=move || rows.get() key=|r| r.item.key.clone() let:row>
                                            {
                                                let key = row.item.key.clone();
                                                let scenario = row.item.scenario;
                                                let name = row.who.name.clone();
                                                let item = StoredValue::new(row.item);
                                                view! {
                                                    <li class=move || format!("day-item {}", item.with_value(|i| text::standing(app.t(), i, app.today.get()).1))
                                                        data-key=key>
                                                        <span class="who">{name}</span>
                                                        <span class="what">{move || (app.t().labels.scenario)(scenario)}</span>
                                                    </li>
                                                }
                                            }
                                        </For>
                                    </ul>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
            <DayDetail days selected />
        </section>
    }
}

#[component]
pub fn MonthView(filter: RwSignal<Filter>) -> impl IntoView {
    let app = use_app();
    let first = |d: NaiveDate| d.with_day(1).unwrap_or(d);
    let month = RwSignal::new(first(app.today.get_untracked()));
    let grid_start = move || week_start(month.get());
    let days = Memo::new(move |_| {
        let from = grid_start();
        by_day(agenda(app, DateRange::new(from, from + Duration::days(41))), filter.get())
    });
    let selected = RwSignal::new(Some(app.today.get_untracked()));
    let shift = move |months: i32| {
        month.update(|m| {
            let total = m.year() * 12 + m.month0() as i32 + months;
            *m = NaiveDate::from_ymd_opt(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1).unwrap_or(*m);
        });
        selected.set(None);
    };
    view! {
        <section class="calendar month-view" aria-labelledby="month-title">
            <div class="calendar-nav">
                <button type="button" class="button small" id="month-prev" on:click=move |_| shift(-1)
                    aria-label=tr(|t| t.agenda.previous_month)>"‹"</button>
                <h2 id="month-title">{move || (app.t().agenda.month_title)(month.get().year(), month.get().month())}</h2>
                <button type="button" class="button small" id="month-next" on:click=move |_| shift(1)
                    aria-label=tr(|t| t.agenda.next_month)>"›"</button>
                <button type="button" class="button subtle small"
                    on:click=move |_| {
                        month.set(first(app.today.get_untracked()));
                        selected.set(Some(app.today.get_untracked()));
                    }>
                    {tr(|t| t.agenda.this_month)}
                </button>
            </div>
            <div class="month-grid" role="grid">
                {move || {
                    let from = grid_start();
                    (0..7)
                        .map(|i| {
                            let day = from + Duration::days(i);
                            view! { <div class="month-weekday" role="columnheader">{move || format::weekday(app.t().lang, day.weekday())}</div> }
                        })
                        .collect_view()
                }}
                {move || {
                    let from = grid_start();
                    let this_month = month.get().month();
                    (0..42)
                        .map(|i| {
                            let date = from + Duration::days(i);
                            let rows = Memo::new(move |_| days.with(|d| rows_on(d, date)));
                            let late = move || rows.with(|r| r.iter().any(|r| text::standing(app.t(), &r.item, app.today.get()).1 == "late"));
                            view! {
                                <button type="button" role="gridcell" class="month-day"
                                    class:other-month=date.month() != this_month
                                    class:today=move || app.today.get() == date
                                    class:selected=move || selected.get() == Some(date)
                                    class:has-items=move || !rows.with(Vec::is_empty)
                                    class:has-late=late
                                    data-date=date.to_string()
                                    aria-pressed=move || (selected.get() == Some(date)).to_string()
                                    on:click=move |_| selected.set(Some(date))>
                                    <span class="day-number">{date.day()}</span>
                                    <Show when=move || !rows.with(Vec::is_empty)>
                                        <span class="day-count">{move || rows.with(Vec::len)}</span>
                                        <span class="day-names">
                                            {move || rows.with(|r| r.iter().take(2).map(|r| r.who.name.clone()).collect::<Vec<_>>().join("、"))}
                                        </span>
                                    </Show>
                                </button>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <DayDetail days selected />
        </section>
    }
}

/// The items of the selected day, as full cards.
#[component]
fn DayDetail(days: Memo<Vec<(NaiveDate, Vec<Row>)>>, selected: RwSignal<Option<NaiveDate>>) -> impl IntoView {
    let app = use_app();
    let rows = Memo::new(move |_| selected.get().map(|d| days.with(|days| rows_on(days, d))).unwrap_or_default());
    view! {
        <Show when=move || selected.get().is_some()>
            <section class="day-detail" id="day-detail">
                <h3>
                    {move || {
                        let t = app.t();
                        selected.get().map(|d| format!("{} {}", format::date_auto(t.lang, d, app.today.get().year()), format::weekday(t.lang, d.weekday())))
                    }}
                </h3>
                <Show when=move || !rows.with(Vec::is_empty) fallback=move || view! { <p class="hint">{tr(|t| t.agenda.day_empty)}</p> }>
                    <ul class="agenda-list">
                        <For each=move || rows.get() key=|row| (row.item.key.clone(), row.item.method) let:row>
                            <li><ItemCard row /></li>
                        </For>
                    </ul>
                </Show>
            </section>
        </Show>
    }
}
