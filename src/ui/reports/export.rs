//! CSV export of the period's visits and feedback items, offered as a file download.

use crate::domain::measures::{CsvExport, ReportPeriod, csv_file_name, feedback_csv, visits_csv};
use crate::ui::components::download;
use crate::ui::state::AppState;
use leptos::prelude::*;

pub fn export(app: AppState, what: CsvExport, period: &ReportPeriod) {
    let t = app.t_now();
    let words = crate::i18n::reports::csv_words(t.lang);
    let (rows, csv) = app.customers.with_untracked(|customers| match what {
        CsvExport::Visits => app.visits.with_untracked(|visits| {
            let rows = visits.iter().filter(|v| period.contains(v.at.date())).count();
            (rows, visits_csv(&words, visits, customers, period))
        }),
        CsvExport::Feedback => app.feedback.with_untracked(|feedback| {
            let rows = feedback.iter().filter(|f| period.contains(f.raised_on)).count();
            (rows, feedback_csv(&words, feedback, customers, period))
        }),
    });
    if rows == 0 {
        app.toast(|t| crate::i18n::reports::page(t.lang).export_empty);
        return;
    }
    let name = csv_file_name(&words, what, period);
    match download(&name, "text/csv;charset=utf-8", &csv) {
        Ok(()) => app.toast(move |t| (crate::i18n::reports::page(t.lang).export_done)(&name)),
        Err(_) => app.toast_error(|t| crate::i18n::reports::page(t.lang).export_failed),
    };
}
