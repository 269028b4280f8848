//! Reports: the measures of the practice for a week, month, quarter or range, compared with the
//! period before, with charts, targets, drill-down, a printable report and CSV export.
//!
//! The numbers come from `domain::measures`; this page only chooses the period, draws and
//! stores targets. The whole report is one `Memo` (recomputed when the period or the data
//! changes, not when a field is typed in) rendered as HTML text with delegated listeners.

mod chart;
mod data;
mod export;
mod html;

use crate::domain::date::parse_date;
use crate::domain::measures::{
    CsvExport, Measure, PeriodKind, ReportPeriod, Target, parse_conversion_window, parse_period_param, parse_target,
    period_param,
};
use crate::ui::components::markup::{Action, action, action_of, actions, field_value, show_error_in, target_element};
use crate::ui::components::{EmptyState, IconName};
use crate::ui::route::{self, Route};
use crate::ui::state::{AppState, use_app};
use leptos::prelude::*;
use std::collections::HashMap;

actions! {
    /// What the report's buttons, bars and links do.
    pub enum ReportAction {
        Prev = "prev",
        Next = "next",
        Print = "print",
        ExportVisits = "export-visits",
        ExportFeedback = "export-feedback",
        /// A measure's name in the key-measures table: a link to its card, which the browser follows.
        Jump = "jump",
        /// A part's bar or its row in the parts table (`data-m`, `data-p`): opens or closes its records.
        Drill = "drill",
        CloseDrill = "close-drill",
        /// `data-m`: the measure whose target is removed.
        ClearTarget = "clear-target",
    }
}

actions! {
    /// The report's forms, named in their `data-form` and told apart on submit.
    pub enum ReportForm {
        Custom = "custom",
        /// `data-m`: the measure the target is for.
        Target = "target",
        Window = "window",
    }
}

/// A custom range can cover at most a year (a leap year included): longer ones are slow on a
/// phone and no review in the practice spans more.
const MAX_CUSTOM_DAYS: i64 = 366;

#[component]
pub fn ReportsPage() -> impl IntoView {
    let app = use_app();
    let today = app.today.get_untracked();
    let initial = route::current_query("p")
        .and_then(|p| parse_period_param(&p))
        .filter(|p| p.days() <= MAX_CUSTOM_DAYS)
        .unwrap_or_else(|| ReportPeriod::month_of(today));
    let period = RwSignal::new(initial);
    // (measure index, part index) of the open drill-down.
    let drill = RwSignal::new(None::<(usize, usize)>);
    let report = Memo::new(move |_| data::compute(app, period.get()));

    // The period lives in the link, so that a reload or a shared link opens the same report.
    Effect::new(move |_| {
        let p = period.get();
        if app.route.get_untracked() == Route::Reports {
            route::replace_query(&Route::Reports, &format!("p={}", period_param(&p)));
        }
    });

    let set_period = move |p: ReportPeriod| {
        drill.set(None);
        period.set(p);
    };

    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((action, el)) = action::<ReportAction>(&ev) else { return };
        let index = |name: &str| el.get_attribute(name).and_then(|v| v.parse::<usize>().ok());
        match action {
            ReportAction::Prev => set_period(period.get_untracked().previous()),
            ReportAction::Next => set_period(period.get_untracked().next()),
            ReportAction::Print => {
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            }
            ReportAction::ExportVisits => export::export(app, CsvExport::Visits, &period.get_untracked()),
            ReportAction::ExportFeedback => export::export(app, CsvExport::Feedback, &period.get_untracked()),
            ReportAction::Drill => {
                if let (Some(m), Some(p)) = (index("data-m"), index("data-p")) {
                    let next = if drill.get_untracked() == Some((m, p)) { None } else { Some((m, p)) };
                    drill.set(next);
                }
            }
            ReportAction::CloseDrill => drill.set(None),
            ReportAction::ClearTarget => {
                if let Some(m) = index("data-m").and_then(|i| Measure::ALL.get(i).copied()) {
                    save_target(app, m, None);
                }
            }
            ReportAction::Jump => {}
        }
    };
    // The bars are SVG groups with tabindex: Enter or Space opens them as a click would.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() != "Enter" && ev.key() != " " {
            return;
        }
        let Some(el) = target_element(&ev) else { return };
        if action_of::<ReportAction>(&el) == Some(ReportAction::Drill) && el.tag_name().eq_ignore_ascii_case("g") {
            ev.prevent_default();
            let index = |name: &str| el.get_attribute(name).and_then(|v| v.parse::<usize>().ok());
            if let (Some(m), Some(p)) = (index("data-m"), index("data-p")) {
                drill.set(if drill.get_untracked() == Some((m, p)) { None } else { Some((m, p)) });
            }
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(el) = target_element(&ev) else { return };
        if el.get_attribute("name").as_deref() != Some("period_kind") {
            return;
        }
        let value = crate::ui::components::markup::value_of(&el);
        if let Some(kind) = PeriodKind::ALL.into_iter().find(|k| format!("{k:?}") == value) {
            set_period(html::switch_kind(&period.get_untracked(), kind));
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(form) = target_element(&ev) else { return };
        match form.get_attribute("data-form").as_deref().and_then(ReportForm::parse) {
            Some(ReportForm::Custom) => {
                if let Some(p) = read_custom_range(app, &form) {
                    set_period(p);
                }
            }
            Some(ReportForm::Target) => {
                let Some(m) = form.get_attribute("data-m").and_then(|v| v.parse::<usize>().ok()) else {
                    return;
                };
                let Some(m) = Measure::ALL.get(m).copied() else { return };
                let slot = form.query_selector(".field-error").ok().flatten();
                match parse_target(m, &field_value(&form, "target")) {
                    Err(e) => show_error_in(slot, Some((app.t_now().reports.target_error)(e).as_str())),
                    Ok(goal) => {
                        show_error_in(slot, None);
                        let baseline =
                            app.settings.with_untracked(|s| s.reports.targets.get(m)).and_then(|t| t.baseline);
                        save_target(app, m, Some(Target { goal, baseline }));
                    }
                }
            }
            Some(ReportForm::Window) => {
                let slot = form.query_selector(".field-error").ok().flatten();
                match parse_conversion_window(&field_value(&form, "window")) {
                    Err(e) => show_error_in(slot, Some((app.t_now().reports.target_error)(e).as_str())),
                    Ok(days) => {
                        show_error_in(slot, None);
                        let mut settings = app.settings.get_untracked();
                        settings.reports.conversion_window_days = days;
                        app.save_settings(settings);
                    }
                }
            }
            None => {}
        }
    };

    let body = move || {
        let t = app.t();
        let p = crate::i18n::reports::page(t.lang);
        let open = drill.get();
        let today = app.today.get();
        app.settings.with(|settings| {
            app.customers.with(|customers| {
                app.visits.with(|visits| {
                    app.feedback.with(|feedback| {
                        let lookup = html::Lookup {
                            customers: customers.iter().map(|c| (c.id.as_str(), c)).collect(),
                            visits: if open.is_some() {
                                visits.iter().map(|v| (v.id.as_str(), v)).collect()
                            } else {
                                HashMap::new()
                            },
                            feedback: feedback.iter().map(|f| (f.id.as_str(), f)).collect(),
                        };
                        report.with(|report| {
                            html::page(&html::Page {
                                t,
                                p,
                                report,
                                settings: &settings.reports,
                                agent: &settings.profile.agent_name,
                                today,
                                drill: open,
                                lookup: &lookup,
                            })
                            .into_string()
                        })
                    })
                })
            })
        })
    };

    // A book with customers has figures from its purchases alone (repurchase, tier mix, spend,
    // dormant customers); only an empty book has nothing to show.
    let empty = move || app.visits.with(Vec::is_empty) && app.customers.with(Vec::is_empty);
    view! {
        <header class="page-header">
            <h1>{move || app.t().nav.reports}</h1>
        </header>
        <Show when=move || !empty() fallback=move || view! {
            <EmptyState icon=IconName::Reports
                title=Signal::derive(move || crate::i18n::reports::page(app.t().lang).empty_title)
                body=Signal::derive(move || crate::i18n::reports::page(app.t().lang).empty_body)>
                <a class="button primary" href="#/today">{move || crate::i18n::reports::page(app.t().lang).go_today}</a>
            </EmptyState>
        }>
            <p class="hint no-print reports-intro">{move || crate::i18n::reports::page(app.t().lang).intro}</p>
            <div class="reports" on:click=on_click on:keydown=on_keydown on:change=on_change on:submit=on_submit
                inner_html=body></div>
        </Show>
    }
}

/// Reads the custom range form; shows what is wrong next to the field.
fn read_custom_range(app: AppState, form: &web_sys::Element) -> Option<ReportPeriod> {
    let t = app.t_now();
    let p = crate::i18n::reports::page(t.lang);
    let slot = |name: &str| {
        form.query_selector(&format!("[name={name}]"))
            .ok()
            .flatten()
            .and_then(|f| f.closest(".field").ok().flatten())
            .and_then(|f| f.query_selector(".field-error").ok().flatten())
    };
    let from = parse_date(&field_value(form, "range_from"));
    let to = parse_date(&field_value(form, "range_to"));
    show_error_in(slot("range_from"), from.is_err().then_some(p.bad_date));
    show_error_in(slot("range_to"), to.is_err().then_some(p.bad_date));
    let (from, to) = (from.ok()?, to.ok()?);
    match ReportPeriod::custom(from, to) {
        Err(e) => {
            show_error_in(slot("range_to"), Some((t.reports.period_error)(e)));
            None
        }
        Ok(period) if period.days() > MAX_CUSTOM_DAYS => {
            show_error_in(slot("range_to"), Some(p.too_long));
            None
        }
        Ok(period) => Some(period),
    }
}

fn save_target(app: AppState, measure: Measure, target: Option<Target>) {
    let mut settings = app.settings.get_untracked();
    settings.reports.targets.set(measure, target);
    app.save_settings(settings);
}
