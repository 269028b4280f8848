//! Export of the agenda to an iCalendar file that a phone's calendar imports.

use super::{Row, agenda, text};
use crate::domain::schedule::{DateRange, ics};
use crate::i18n::Texts;
use crate::ui::components::markup::esc;
use crate::ui::state::AppState;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Now in UTC, for the file's DTSTAMP.
fn now_utc() -> chrono::NaiveDateTime {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_utc_full_year() as i32, now.get_utc_month() + 1, now.get_utc_date())
        .and_then(|d| d.and_hms_opt(now.get_utc_hours(), now.get_utc_minutes(), now.get_utc_seconds()))
        .unwrap_or_default()
}

/// Offers `content` as a file download (a Blob behind an object URL, clicked through a link).
fn download(name: &str, content: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/calendar;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.set_class_name("visually-hidden");
    document.body().ok_or("no body")?.append_child(&link)?;
    link.click();
    link.remove();
    // The download has started from the URL; free it a little later (some browsers read it
    // asynchronously after the click).
    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), std::time::Duration::from_secs(30));
    Ok(())
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
    match download(&format!("huifang-{tag}.ics"), &calendar) {
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
