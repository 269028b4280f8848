//! CSV export of the period's visits and feedback items, offered as a file download.

use crate::domain::measures::{CsvExport, ReportPeriod, csv_file_name, feedback_csv, visits_csv};
use crate::ui::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Offers `content` as a file download (a Blob behind an object URL, clicked through a link).
fn download(name: &str, content: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    // The text starts with a byte order mark (see `domain::measures::export`): the Blob encodes it
    // as UTF-8 like the rest, and Excel then reads the Chinese text correctly.
    options.set_type("text/csv;charset=utf-8");
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
    // Some browsers read the URL asynchronously after the click: free it a little later.
    set_timeout(
        move || drop(web_sys::Url::revoke_object_url(&url)),
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

pub fn export(app: AppState, what: CsvExport, period: &ReportPeriod) {
    let t = app.t_now();
    let p = crate::i18n::reports::page(t.lang);
    let (rows, csv) = app.customers.with_untracked(|customers| match what {
        CsvExport::Visits => app.visits.with_untracked(|visits| {
            let rows = visits.iter().filter(|v| period.contains(v.at.date())).count();
            (rows, visits_csv(t.lang, visits, customers, period))
        }),
        CsvExport::Feedback => app.feedback.with_untracked(|feedback| {
            let rows = feedback.iter().filter(|f| period.contains(f.raised_on)).count();
            (rows, feedback_csv(t.lang, feedback, customers, period))
        }),
    });
    if rows == 0 {
        app.toast(p.export_empty);
        return;
    }
    let name = csv_file_name(t.lang, what, period);
    match download(&name, &csv) {
        Ok(()) => app.toast((p.export_done)(&name)),
        Err(_) => app.toast_error(p.export_failed),
    };
}
