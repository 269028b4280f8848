//! Export of the agenda to an iCalendar file that a phone's calendar imports.

use super::{Row, agenda, text};
use crate::domain::schedule::{DateRange, ics};
use crate::i18n::Texts;
use crate::ui::components::download;
use crate::ui::components::markup::esc;
use crate::ui::state::AppState;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

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
        app.toast(t.agenda.export_empty);
        return;
    }
    let events: Vec<ics::Event> = rows
        .iter()
        .map(|Row { item, who }| {
            let mut description: Vec<String> = item.reasons.iter().map(|r| text::reason(t, r, this_year)).collect();
            description.push(format!("{}: {}", t.agenda.suggested, (t.labels.method)(item.method)));
            if let Some(phone) = &who.phone {
                description.push(phone.clone());
            }
            ics::Event {
                uid: item.key.clone(),
                first_day: item.earliest,
                last_day: item.latest,
                summary: format!("{} · {}", who.name, (t.labels.scenario)(item.scenario)),
                description: description.join("\n"),
            }
        })
        .collect();
    let calendar = ics::calendar(t.agenda.calendar_name, &events, now_utc());
    match download(&format!("huifang-{tag}.ics"), "text/calendar;charset=utf-8", &calendar) {
        Ok(()) => app.toast((t.agenda.export_done)(events.len())),
        Err(_) => app.toast_error(t.agenda.export_failed),
    };
}

/// The export form as HTML text, with the dates the user last chose.
pub fn panel(t: &Texts, from: &str, to: &str, open: bool) -> String {
    let a = &t.agenda;
    format!(
        r#"<details class="card export-panel" id="export-panel"{}><summary data-toggle="export">{}</summary><p class="hint">{}</p><form class="export-form" data-action="export" novalidate><label class="field compact"><span>{}</span><input type="date" name="export_from" value="{}"></label><label class="field compact"><span>{}</span><input type="date" name="export_to" value="{}"><span class="field-error" role="alert"></span></label><div class="form-actions"><button type="submit" class="button" id="export-range">{}</button><button type="button" class="button primary" id="export-all" data-action="export-all">{}</button></div></form></details>"#,
        if open { " open" } else { "" },
        esc(a.export_title),
        esc(a.export_hint),
        esc(a.export_from),
        esc(from),
        esc(a.export_to),
        esc(to),
        esc(a.export_range),
        esc(a.export_all),
    )
}
