//! Export of the agenda to an iCalendar file that a phone's calendar imports.

use super::html::AgendaAction;
use super::{AgendaField, Row, agenda};
use crate::domain::schedule::{DateRange, ics};
use crate::i18n::Texts;
use crate::ui::components::download;
use crate::ui::components::item_text;
use crate::ui::components::markup::date_field;
use crate::ui::state::AppState;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use maud::{Markup, html};

/// Now in UTC, for the file's DTSTAMP.
fn now_utc() -> chrono::NaiveDateTime {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_utc_full_year() as i32, now.get_utc_month() + 1, now.get_utc_date())
        .and_then(|d| d.and_hms_opt(now.get_utc_hours(), now.get_utc_minutes(), now.get_utc_seconds()))
        .unwrap_or_default()
}

/// Makes the calendar file of the open items of `range` and offers it as a download.
pub fn export(app: AppState, range: DateRange, tag: &str) {
    let t = app.t_now();
    let this_year = app.today.get_untracked().year();
    let rows: Vec<Row> = agenda(app, range).into_iter().filter(|r| r.item.is_open()).collect();
    if rows.is_empty() {
        app.toast(|t| t.agenda.export_empty);
        return;
    }
    let events: Vec<ics::Event> = rows
        .iter()
        .map(|Row { item, who }| {
            let mut description: Vec<String> =
                item.reasons.iter().map(|r| item_text::reason(t, r, this_year)).collect();
            description.push(format!("{}: {}", t.agenda.suggested, (t.labels.method)(item.method)));
            if let Some(phone) = &who.phone {
                description.push(phone.clone());
            }
            ics::Event {
                uid: item.key.to_string(),
                first_day: item.earliest,
                last_day: item.latest,
                summary: format!("{} · {}", who.name, (t.labels.scenario)(item.scenario)),
                description: description.join("\n"),
            }
        })
        .collect();
    let calendar = ics::calendar(t.agenda.calendar_name, &events, now_utc());
    match download(&format!("huifang-{tag}.ics"), "text/calendar;charset=utf-8", &calendar) {
        Ok(()) => app.toast(move |t| (t.agenda.export_done)(events.len())),
        Err(_) => app.toast_error(|t| t.agenda.export_failed),
    };
}

/// The export form, with the dates the user last chose.
pub fn panel(t: &Texts, from: &str, to: &str, open: bool) -> Markup {
    let a = &t.agenda;
    html! {
        details.card.export-panel id="export-panel" open[open] {
            summary data-toggle=(super::Fold::Export) { (a.export_title) }
            p.hint { (a.export_hint) }
            form.export-form data-action=(AgendaAction::Export) novalidate {
                (date_field(a.export_from, AgendaField::ExportFrom, from, false))
                (date_field(a.export_to, AgendaField::ExportTo, to, true))
                div.form-actions {
                    button.button type="submit" id="export-range" { (a.export_range) }
                    button.button.primary type="button" id="export-all" data-action=(AgendaAction::ExportAll) { (a.export_all) }
                }
            }
        }
    }
}
