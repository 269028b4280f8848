//! The Reports page as HTML text (see `ui/components/markup.rs` for why): the period controls,
//! the key-measures table, a card per measure with its charts, table, target and drill-down, and
//! the open items. Written with `maud::html!`, which escapes every interpolated value.

use super::chart;
use super::data::{Card, Report};
use super::{ReportAction, ReportForm};
use crate::domain::customer::Customer;
use crate::domain::date::iso;
use crate::domain::measures::{
    self, Better, Drill, Figure, Measure, PartKey, PeriodKind, ReportPeriod, ReportSettings, Unit,
};
use crate::domain::visit::{FeedbackItem, Visit};
use crate::i18n::reports::PageTexts;
use crate::i18n::{Texts, format};
use crate::ui::route::Route;
use chrono::{Datelike, NaiveDate};
use maud::{Markup, html};
use std::collections::HashMap;

/// Rows shown in a drill-down list before "…"; the CSV export has them all.
const DRILL_ROWS: usize = 100;

/// What the markup looks records up in.
pub struct Lookup<'a> {
    pub customers: HashMap<&'a str, &'a Customer>,
    pub visits: HashMap<&'a str, &'a Visit>,
    pub feedback: HashMap<&'a str, &'a FeedbackItem>,
}

/// A measure's position in `Measure::ALL`, used in `data-m` attributes.
pub fn measure_index(m: Measure) -> usize {
    Measure::ALL.iter().position(|x| *x == m).unwrap_or(0)
}

fn slug(m: Measure) -> String {
    let name = format!("{m:?}");
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// A number in the unit the user types a target in (percent for shares, points for NPS).
pub fn typed_value(unit: Unit, value: f64) -> String {
    let v = match unit {
        Unit::Share | Unit::Nps => value * 100.0,
        _ => value,
    };
    let r = (v * 100.0).round() / 100.0;
    if r.fract() == 0.0 { format!("{r:.0}") } else { format!("{r}") }
}

pub struct Page<'a> {
    pub t: &'static Texts,
    pub p: &'static PageTexts,
    pub report: &'a Report,
    pub settings: &'a ReportSettings,
    pub agent: &'a str,
    pub today: NaiveDate,
    pub drill: Option<(usize, usize)>,
    pub lookup: &'a Lookup<'a>,
}

pub fn page(pg: &Page) -> Markup {
    html! {
        (controls(pg))
        (head(pg))
        (summary(pg))
        div class="report-cards" {
            @for card in &pg.report.cards {
                (card_html(pg, card))
            }
        }
        (open_items(pg))
    }
}

fn controls(pg: &Page) -> Markup {
    let (t, p, period) = (pg.t, pg.p, pg.report.period);
    html! {
        div class="report-controls no-print" {
            label class="field compact period-kind" {
                span { (p.period) }
                select name="period_kind" id="period-kind" {
                    @for k in PeriodKind::ALL {
                        option value=(format_args!("{k:?}")) selected[k == period.kind()] {
                            ((t.reports.period_kind)(k))
                        }
                    }
                }
            }
            div class="period-step" {
                button type="button" class="button small" data-action=(ReportAction::Prev) id="period-prev"
                    aria-label=(p.previous) { "‹ " (p.previous) }
                button type="button" class="button small" data-action=(ReportAction::Next) id="period-next"
                    aria-label=(p.next) { (p.next) " ›" }
            }
            div class="report-actions" {
                button type="button" class="button small primary" data-action=(ReportAction::Print) id="report-print" {
                    (p.print)
                }
                button type="button" class="button small" data-action=(ReportAction::ExportVisits) id="export-visits" {
                    (p.export_visits)
                }
                button type="button" class="button small" data-action=(ReportAction::ExportFeedback)
                    id="export-feedback" { (p.export_feedback) }
            }
            @if period.kind() == PeriodKind::Custom {
                form class="custom-range" data-form=(ReportForm::Custom) novalidate {
                    label class="field compact" {
                        span { (p.from) }
                        input type="date" name="range_from" id="range-from" value=(iso(period.start()));
                        span class="field-error" role="alert" {}
                    }
                    label class="field compact" {
                        span { (p.to) }
                        input type="date" name="range_to" id="range-to" value=(iso(period.end()));
                        span class="field-error" role="alert" {}
                    }
                    button type="submit" class="button primary" id="range-apply" { (p.apply) }
                }
            }
        }
    }
}

fn head(pg: &Page) -> Markup {
    let (t, p, period) = (pg.t, pg.p, pg.report.period);
    let agent = if pg.agent.trim().is_empty() { p.agent_unset } else { pg.agent.trim() };
    html! {
        div class="report-head" {
            h2 id="report-title" {
                span class="print-only" { ((p.report_title)(period.kind())) " · " }
                ((t.reports.period_title)(&period))
            }
            p class="hint" { ((p.compared_with)(&(t.reports.period_title)(&period.previous()))) }
            p class="print-only report-meta" {
                (p.agent) "：" (agent) " · " (p.printed_on) "：" (format::date_long(t.lang, pg.today))
            }
        }
    }
}

fn change_class(improved: Option<bool>) -> &'static str {
    match improved {
        Some(true) => "better",
        Some(false) => "worse",
        None => "same",
    }
}

/// The change as text with its direction for people who cannot tell the colours apart.
fn change_text(t: &Texts, unit: Unit, delta: Option<f64>, improved: Option<bool>) -> String {
    let arrow = match improved {
        Some(true) => " ▲",
        Some(false) => " ▼",
        None => "",
    };
    format!("{}{arrow}", (t.reports.delta)(unit, delta))
}

/// Progress against the target: a bar and "met" or what is left.
fn progress(pg: &Page, m: Measure, value: Option<f64>) -> Markup {
    let (t, p) = (pg.t, pg.p);
    let Some(target) = pg.settings.targets.get(m) else {
        return html! { span class="muted" { (p.no_target) } };
    };
    let Some(progress) = measures::progress(m, value, target) else {
        return html! { "—" };
    };
    let gap = (t.reports.delta)(m.unit(), Some(progress.gap.abs()));
    let gap = gap.trim_start_matches('+');
    let label = if progress.met { t.reports.target_met.to_string() } else { (p.to_go)(gap) };
    html! {
        span.progress.met[progress.met] {
            span class="progress-bar" {
                span style=(format_args!("width:{:.0}%", progress.fraction * 100.0)) {}
            }
            span class="progress-label" { (label) }
        }
    }
}

fn summary(pg: &Page) -> Markup {
    let p = pg.p;
    html! {
        section class="card key-measures" {
            h3 { (p.key_measures) }
            div class="table-scroll" {
                // Explicit roles: on a phone the rows are laid out as cards (reports.css), and a
                // table restyled that way must still read as a table.
                table class="report-table" id="key-measures" role="table" {
                    thead role="rowgroup" {
                        tr role="row" {
                            th role="columnheader" { (p.col_measure) }
                            th role="columnheader" { (p.col_value) }
                            th class="prev" role="columnheader" { (p.col_previous) }
                            th role="columnheader" { (p.col_change) }
                            th role="columnheader" { (p.col_target) }
                            th role="columnheader" { (p.col_progress) }
                        }
                    }
                    tbody role="rowgroup" {
                        @for card in pg.report.cards.iter().filter(|c| c.measure().takes_target()) {
                            (summary_row(pg, card))
                        }
                    }
                }
            }
        }
    }
}

fn summary_row(pg: &Page, card: &Card) -> Markup {
    let (t, p) = (pg.t, pg.p);
    let m = card.measure();
    let unit = m.unit();
    let (cur, prev) = (card.comparison.current.value(), card.comparison.previous.value());
    let change = card.comparison.change();
    let target = pg.settings.targets.get(m).map_or_else(|| "—".to_string(), |g| (t.reports.value)(unit, Some(g.goal)));
    let key = slug(m);
    html! {
        tr data-measure=(key) role="row" {
            th scope="row" role="rowheader" {
                a href={ "#m-" (key) } data-action=(ReportAction::Jump) { ((t.reports.definition)(m).name) }
            }
            td class="num value" role="cell" data-label=(p.col_value) { ((t.reports.value)(unit, cur)) }
            td class="num prev" role="cell" data-label=(p.col_previous) { ((t.reports.value)(unit, prev)) }
            td class={ "num change " (change_class(change.improved)) } role="cell" data-label=(p.col_change) {
                (change_text(t, unit, change.delta, change.improved))
            }
            td class="num target" role="cell" data-label=(p.col_target) { (target) }
            td class="progress-cell" role="cell" data-label=(p.col_progress) { (progress(pg, m, cur)) }
        }
    }
}

fn info_tip(t: &Texts, p: &PageTexts, m: Measure) -> Markup {
    let d = (t.reports.definition)(m);
    html! {
        details class="info-tip no-print" {
            summary aria-label=(p.definition) title=(p.definition) { "i" }
            div class="tip-body" {
                p { (d.definition) }
                dl {
                    dt { (t.reports.numerator) }
                    dd { (d.numerator) }
                    dt { (t.reports.denominator) }
                    dd { (d.denominator) }
                }
            }
        }
    }
}

fn card_html(pg: &Page, card: &Card) -> Markup {
    let (t, p) = (pg.t, pg.p);
    let m = card.measure();
    let mi = measure_index(m);
    let unit = m.unit();
    let current = &card.comparison.current;
    let previous = &card.comparison.previous;
    let d = (t.reports.definition)(m);
    // Headline: the value, then what it divides (a share reads "18 / 20").
    let terms = match current.figure {
        Figure::Ratio(r) if r.denominator > 0 && unit == Unit::Share => format!("{} / {}", r.numerator, r.denominator),
        Figure::Ratio(r) if r.denominator > 0 => format!("{}：{}", d.denominator, r.denominator),
        Figure::Ratio(_) => d.denominator.to_string() + "：0",
        Figure::Count(_) => String::new(),
    };
    let change = card.comparison.change();
    let change_shown = if m.better() == Better::Neither && unit == Unit::Count {
        (t.reports.delta)(unit, change.delta)
    } else {
        change_text(t, unit, change.delta, change.improved)
    };
    let goal = pg.settings.targets.get(m).filter(|_| m.takes_target()).map(|g| g.goal);
    let open = pg.drill.filter(|(dm, _)| *dm == mi).map(|(_, dp)| dp);
    let drilled = open.and_then(|j| current.parts.get(j));
    html! {
        section class="card report-card" id={ "m-" (slug(m)) } data-m=(mi) {
            header class="report-card-head" {
                h3 { (d.name) }
                (info_tip(t, p, m))
            }
            p class="headline" {
                span class="value" { ((t.reports.value)(unit, current.value())) }
                " "
                span class="terms" { (terms) }
            }
            p class="versus" {
                (p.col_previous) "：" ((t.reports.value)(unit, previous.value())) " "
                span class={ "change " (change_class(change.improved)) } { (change_shown) }
            }
            @if m.takes_target() {
                p class="target-line" {
                    (t.reports.target) "："
                    @match pg.settings.targets.get(m) {
                        Some(g) => { ((t.reports.value)(unit, Some(g.goal))) }
                        None => { (p.no_target) }
                    }
                    " "
                    (progress(pg, m, current.value()))
                }
            }
            @if let Some(day) = current.settles_on.filter(|d| *d >= pg.today) {
                p class="hint" { ((p.settles_on)(&format::date_long(t.lang, day))) }
            }
            @match m {
                Measure::TierMix => {
                    h4 { (p.tier_over_time) }
                    (chart::tier_columns(t, &card.trend))
                }
                Measure::ProblemKinds | Measure::TopNeeds => {}
                _ => {
                    h4 { (p.trend) }
                    (chart::trend(t, m, &card.trend, goal))
                }
            }
            @if current.parts.is_empty() {
                p class="hint" { (p.drill_empty) }
            } @else {
                h4 { (p.parts) }
                p class="hint no-print" { (p.tap_hint) }
                (chart::parts(t, mi, &current.parts, open))
                table class="report-table parts-table" {
                    thead {
                        tr {
                            th { (p.col_part) }
                            th class="num" { (p.col_value) }
                            th class="num" { (p.col_previous) }
                        }
                    }
                    tbody {
                        @for (j, part) in current.parts.iter().enumerate() {
                            @let (now, before) = card.comparison.part_counts(&part.key);
                            tr {
                                th scope="row" {
                                    button type="button" class="linkish" data-action=(ReportAction::Drill) data-m=(mi)
                                        data-p=(j) { ((t.reports.part)(&part.key)) }
                                }
                                td class="num" { (now) }
                                td class="num" { (before) }
                            }
                        }
                    }
                }
            }
            @if let Some(part) = drilled {
                (drill_panel(pg, &(t.reports.part)(&part.key), part.count, &part.drill))
            }
            @if m.takes_target() {
                (target_form(pg, m))
            }
            @if m == Measure::Conversion {
                form class="target-form no-print" data-form=(ReportForm::Window) novalidate {
                    label class="field compact" {
                        span { (p.conversion_window) }
                        input name="window" inputmode="numeric" value=(pg.settings.conversion_window_days)
                            id="conversion-window";
                        span class="field-hint" { (p.conversion_window_hint) }
                        span class="field-error" role="alert" {}
                    }
                    button type="submit" class="button small" { (p.save) }
                }
            }
        }
    }
}

fn target_form(pg: &Page, m: Measure) -> Markup {
    let (t, p) = (pg.t, pg.p);
    let unit = m.unit();
    let current = pg.settings.targets.get(m).map(|g| typed_value(unit, g.goal)).unwrap_or_default();
    let suffix = match unit {
        Unit::Share => "%",
        _ => "",
    };
    let mi = measure_index(m);
    html! {
        details class="set-target no-print" {
            summary { (p.set_target) }
            form class="target-form" data-form=(ReportForm::Target) data-m=(mi) novalidate {
                label class="field compact" {
                    span { (t.reports.target) }
                    span class="with-suffix" {
                        input name="target" inputmode="decimal" value=(current) id={ "target-" (slug(m)) };
                        span { (suffix) }
                    }
                    span class="field-error" role="alert" {}
                }
                button type="submit" class="button small primary" { (p.save) }
                button type="button" class="button small subtle" data-action=(ReportAction::ClearTarget) data-m=(mi) {
                    (p.clear_target)
                }
            }
        }
    }
}

fn customer_link(pg: &Page, id: &str) -> Markup {
    let name = pg.lookup.customers.get(id).map(|c| c.name.trim()).filter(|n| !n.is_empty());
    html! {
        @match name {
            Some(name) => { a href=(Route::Customer(id.into()).href()) { (name) } }
            None => { (pg.p.unknown_customer) }
        }
    }
}

fn drill_panel(pg: &Page, label: &str, count: u64, drill: &Drill) -> Markup {
    let (t, p) = (pg.t, pg.p);
    let year = pg.today.year();
    let mut visits: Vec<&Visit> =
        drill.visits.iter().filter_map(|id| pg.lookup.visits.get(id.as_str()).copied()).collect();
    visits.sort_by_key(|v| std::cmp::Reverse(v.at));
    let mut feedback: Vec<&FeedbackItem> =
        drill.feedback.iter().filter_map(|id| pg.lookup.feedback.get(id.as_str()).copied()).collect();
    feedback.sort_by_key(|f| std::cmp::Reverse(f.raised_on));
    html! {
        div class="drill" id="drill" {
            div class="drill-head" {
                h4 { ((p.drill_title)(label, count)) }
                button type="button" class="button small subtle no-print" data-action=(ReportAction::CloseDrill) {
                    (p.drill_close)
                }
            }
            @if !visits.is_empty() {
                h5 { (p.drill_visits) " (" (visits.len()) ")" }
                div class="table-scroll" {
                    table class="report-table drill-visits" {
                        thead {
                            tr {
                                th { (p.col_date) }
                                th { (p.col_customer) }
                                th { (p.col_scenario) }
                                th { (p.col_outcome) }
                                th { (p.col_satisfaction) }
                            }
                        }
                        tbody {
                            @for v in visits.iter().take(DRILL_ROWS) {
                                tr {
                                    td { (format::date_auto(t.lang, v.at.date(), year)) }
                                    td { (customer_link(pg, &v.customer_id)) }
                                    td { ((t.labels.scenario)(v.scenario)) }
                                    td { ((t.labels.outcome)(v.method, v.outcome)) }
                                    td {
                                        @match (v.satisfaction, v.satisfaction_level) {
                                            (Some(s), _) => { (s) }
                                            (None, Some(l)) => { ((t.labels.satisfaction)(l)) }
                                            _ => {}
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                @if visits.len() > DRILL_ROWS {
                    p class="hint" { "…" }
                }
            }
            @if !feedback.is_empty() {
                (feedback_table(pg, p.drill_feedback, &feedback))
            }
            @if visits.is_empty() && feedback.is_empty() {
                @if drill.customers.is_empty() {
                    p class="hint" { (p.drill_empty) }
                } @else {
                    h5 { (p.drill_customers) " (" (drill.customers.len()) ")" }
                    ul class="drill-customers" {
                        @for id in drill.customers.iter().take(DRILL_ROWS) {
                            li { (customer_link(pg, id)) }
                        }
                    }
                }
            }
            @if !drill.purchases.is_empty() {
                p class="hint" { ((p.drill_purchases)(drill.purchases.len())) }
            }
        }
    }
}

fn feedback_table(pg: &Page, title: &str, items: &[&FeedbackItem]) -> Markup {
    let (t, p) = (pg.t, pg.p);
    let c = &t.reports.csv_feedback_columns;
    let year = pg.today.year();
    // Overdue as of the period's end, or today while the period runs.
    let end = pg.report.period.end().min(pg.today);
    html! {
        h5 { (title) " (" (items.len()) ")" }
        div class="table-scroll" {
            table class="report-table feedback-table" {
                thead {
                    tr {
                        th { (c[0]) }
                        th { (c[1]) }
                        th { (c[3]) }
                        th { (c[4]) }
                        th { (c[7]) }
                        th { (c[8]) }
                    }
                }
                tbody {
                    @for f in items.iter().take(DRILL_ROWS) {
                        @let overdue = measures::overdue_on(f, end);
                        tr class=[overdue.then_some("overdue")] {
                            td { (format::date_auto(t.lang, f.raised_on, year)) }
                            td { (customer_link(pg, &f.customer_id)) }
                            td { ((t.reports.part)(&PartKey::Category(f.category.trim().to_string()))) }
                            td class="text" { (f.text) }
                            td {
                                @if let Some(d) = f.deadline {
                                    (format::date_auto(t.lang, d, year))
                                }
                                @if overdue {
                                    " "
                                    span class="badge late" { (p.overdue) }
                                }
                            }
                            td { ((t.labels.feedback_status)(f.status)) }
                        }
                    }
                }
            }
        }
    }
}

/// The feedback items still open at the period end: the supervisor's list of what to chase.
fn open_items(pg: &Page) -> Markup {
    let p = pg.p;
    let Some(card) = pg.report.cards.iter().find(|c| c.measure() == Measure::OverdueItems) else {
        return html! {};
    };
    let mut items: Vec<&FeedbackItem> = card
        .comparison
        .current
        .parts
        .iter()
        .flat_map(|part| part.drill.feedback.iter())
        .filter_map(|id| pg.lookup.feedback.get(id.as_str()).copied())
        .collect();
    // The most pressing first: by deadline, items without one last.
    items.sort_by(|a, b| {
        (a.deadline.is_none(), a.deadline, a.raised_on).cmp(&(b.deadline.is_none(), b.deadline, b.raised_on))
    });
    html! {
        section class="card open-items" id="open-items" {
            @if items.is_empty() {
                h3 { (p.open_items) }
                p class="hint" { (p.open_items_none) }
            } @else {
                (feedback_table(pg, p.open_items, &items))
            }
        }
    }
}

/// The period a kind switch leads to: the week, month or quarter around the current start, or
/// the current range as a custom one.
pub fn switch_kind(period: &ReportPeriod, kind: PeriodKind) -> ReportPeriod {
    match kind {
        PeriodKind::Custom => ReportPeriod::custom(period.start(), period.end()).unwrap_or(*period),
        k => ReportPeriod::containing(k, period.start()),
    }
}
