//! The Reports page as HTML text (see `ui/components/markup.rs` for why): the period controls,
//! the key-measures table, a card per measure with its charts, table, target and drill-down, and
//! the open items. Every value that came from a user goes through `esc`.

use super::chart;
use super::data::{Card, Report};
use crate::domain::customer::Customer;
use crate::domain::date::iso;
use crate::domain::measures::{
    self, Better, Drill, Figure, Measure, PartKey, PeriodKind, ReportPeriod, ReportSettings, Unit,
};
use crate::domain::visit::{FeedbackItem, Visit};
use crate::i18n::reports::PageTexts;
use crate::i18n::{Texts, format};
use crate::ui::components::markup::esc;
use crate::ui::route::Route;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::fmt::Write;

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

pub fn page(pg: &Page) -> String {
    let mut out = String::with_capacity(64 * 1024);
    controls(&mut out, pg);
    head(&mut out, pg);
    summary(&mut out, pg);
    out.push_str(r#"<div class="report-cards">"#);
    for card in &pg.report.cards {
        card_html(&mut out, pg, card);
    }
    out.push_str("</div>");
    open_items(&mut out, pg);
    out
}

fn controls(out: &mut String, pg: &Page) {
    let (t, p, period) = (pg.t, pg.p, pg.report.period);
    out.push_str(r#"<div class="report-controls no-print">"#);
    let _ = write!(
        out,
        r#"<label class="field compact period-kind"><span>{}</span><select name="period_kind" id="period-kind">"#,
        esc(p.period)
    );
    for k in PeriodKind::ALL {
        let _ = write!(
            out,
            r#"<option value="{k:?}"{}>{}</option>"#,
            if k == period.kind() { " selected" } else { "" },
            esc((t.reports.period_kind)(k))
        );
    }
    out.push_str("</select></label>");
    let _ = write!(
        out,
        r#"<div class="period-step"><button type="button" class="button small" data-action="prev" id="period-prev" aria-label="{0}">‹ {0}</button><button type="button" class="button small" data-action="next" id="period-next" aria-label="{1}">{1} ›</button></div>"#,
        esc(p.previous),
        esc(p.next)
    );
    let _ = write!(
        out,
        r#"<div class="report-actions"><button type="button" class="button small primary" data-action="print" id="report-print">{}</button><button type="button" class="button small" data-action="export-visits" id="export-visits">{}</button><button type="button" class="button small" data-action="export-feedback" id="export-feedback">{}</button></div>"#,
        esc(p.print),
        esc(p.export_visits),
        esc(p.export_feedback)
    );
    if period.kind() == PeriodKind::Custom {
        let _ = write!(
            out,
            r#"<form class="custom-range" data-form="custom" novalidate><label class="field compact"><span>{}</span><input type="date" name="range_from" id="range-from" value="{}"><span class="field-error" role="alert"></span></label><label class="field compact"><span>{}</span><input type="date" name="range_to" id="range-to" value="{}"><span class="field-error" role="alert"></span></label><button type="submit" class="button primary" id="range-apply">{}</button></form>"#,
            esc(p.from),
            iso(period.start()),
            esc(p.to),
            iso(period.end()),
            esc(p.apply)
        );
    }
    out.push_str("</div>");
}

fn head(out: &mut String, pg: &Page) {
    let (t, p, period) = (pg.t, pg.p, pg.report.period);
    let agent = if pg.agent.trim().is_empty() { p.agent_unset.to_string() } else { pg.agent.trim().to_string() };
    let _ = write!(
        out,
        r#"<div class="report-head"><h2 id="report-title"><span class="print-only">{} · </span>{}</h2><p class="hint">{}</p><p class="print-only report-meta">{}：{} · {}：{}</p></div>"#,
        esc((p.report_title)(period.kind())),
        esc(&(t.reports.period_title)(&period)),
        esc(&(p.compared_with)(&(t.reports.period_title)(&period.previous()))),
        esc(p.agent),
        esc(&agent),
        esc(p.printed_on),
        esc(&format::date_long(t.lang, pg.today)),
    );
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
fn progress_html(pg: &Page, m: Measure, value: Option<f64>) -> String {
    let (t, p) = (pg.t, pg.p);
    let Some(target) = pg.settings.targets.get(m) else {
        return format!(r#"<span class="muted">{}</span>"#, esc(p.no_target));
    };
    let Some(progress) = measures::progress(m, value, target) else {
        return "—".into();
    };
    let gap = (t.reports.delta)(m.unit(), Some(progress.gap.abs()));
    let gap = gap.trim_start_matches('+');
    let label = if progress.met { t.reports.target_met.to_string() } else { (p.to_go)(gap) };
    format!(
        r#"<span class="progress{}"><span class="progress-bar"><span style="width:{:.0}%"></span></span><span class="progress-label">{}</span></span>"#,
        if progress.met { " met" } else { "" },
        progress.fraction * 100.0,
        esc(&label)
    )
}

fn summary(out: &mut String, pg: &Page) {
    let (t, p) = (pg.t, pg.p);
    let _ = write!(
        out,
        // Explicit roles: on a phone the rows are laid out as cards (reports.css), and a table
        // restyled that way must still read as a table.
        r#"<section class="card key-measures"><h3>{}</h3><div class="table-scroll"><table class="report-table" id="key-measures" role="table"><thead role="rowgroup"><tr role="row"><th role="columnheader">{}</th><th role="columnheader">{}</th><th class="prev" role="columnheader">{}</th><th role="columnheader">{}</th><th role="columnheader">{}</th><th role="columnheader">{}</th></tr></thead><tbody role="rowgroup">"#,
        esc(p.key_measures),
        esc(p.col_measure),
        esc(p.col_value),
        esc(p.col_previous),
        esc(p.col_change),
        esc(p.col_target),
        esc(p.col_progress)
    );
    for card in pg.report.cards.iter().filter(|c| c.measure().takes_target()) {
        let m = card.measure();
        let unit = m.unit();
        let (cur, prev) = (card.comparison.current.value(), card.comparison.previous.value());
        let change = card.comparison.change();
        let target =
            pg.settings.targets.get(m).map_or_else(|| "—".to_string(), |g| (t.reports.value)(unit, Some(g.goal)));
        let _ = write!(
            out,
            r##"<tr data-measure="{}" role="row"><th scope="row" role="rowheader"><a href="#m-{}" data-action="jump">{}</a></th><td class="num value" role="cell" data-label="{}">{}</td><td class="num prev" role="cell" data-label="{}">{}</td><td class="num change {}" role="cell" data-label="{}">{}</td><td class="num target" role="cell" data-label="{}">{}</td><td class="progress-cell" role="cell" data-label="{}">{}</td></tr>"##,
            slug(m),
            slug(m),
            esc((t.reports.definition)(m).name),
            esc(p.col_value),
            esc(&(t.reports.value)(unit, cur)),
            esc(p.col_previous),
            esc(&(t.reports.value)(unit, prev)),
            change_class(change.improved),
            esc(p.col_change),
            esc(&change_text(t, unit, change.delta, change.improved)),
            esc(p.col_target),
            esc(&target),
            esc(p.col_progress),
            progress_html(pg, m, cur),
        );
    }
    out.push_str("</tbody></table></div></section>");
}

fn info_tip(out: &mut String, t: &Texts, p: &PageTexts, m: Measure) {
    let d = (t.reports.definition)(m);
    let _ = write!(
        out,
        r#"<details class="info-tip no-print"><summary aria-label="{}" title="{}">i</summary><div class="tip-body"><p>{}</p><dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl></div></details>"#,
        esc(p.definition),
        esc(p.definition),
        esc(d.definition),
        esc(t.reports.numerator),
        esc(d.numerator),
        esc(t.reports.denominator),
        esc(d.denominator)
    );
}

fn card_html(out: &mut String, pg: &Page, card: &Card) {
    let (t, p) = (pg.t, pg.p);
    let m = card.measure();
    let mi = measure_index(m);
    let unit = m.unit();
    let current = &card.comparison.current;
    let previous = &card.comparison.previous;
    let d = (t.reports.definition)(m);
    let _ = write!(
        out,
        r#"<section class="card report-card" id="m-{}" data-m="{mi}"><header class="report-card-head"><h3>{}</h3>"#,
        slug(m),
        esc(d.name)
    );
    info_tip(out, t, p, m);
    out.push_str("</header>");
    // Headline: the value, then what it divides (a share reads "18 / 20").
    let terms = match current.figure {
        Figure::Ratio(r) if r.denominator > 0 && unit == Unit::Share => format!("{} / {}", r.numerator, r.denominator),
        Figure::Ratio(r) if r.denominator > 0 => format!("{}：{}", d.denominator, r.denominator),
        Figure::Ratio(_) => d.denominator.to_string() + "：0",
        Figure::Count(_) => String::new(),
    };
    let change = card.comparison.change();
    let _ = write!(
        out,
        r#"<p class="headline"><span class="value">{}</span> <span class="terms">{}</span></p><p class="versus">{}：{} <span class="change {}">{}</span></p>"#,
        esc(&(t.reports.value)(unit, current.value())),
        esc(&terms),
        esc(p.col_previous),
        esc(&(t.reports.value)(unit, previous.value())),
        change_class(change.improved),
        if m.better() == Better::Neither && unit == Unit::Count {
            esc(&(t.reports.delta)(unit, change.delta))
        } else {
            esc(&change_text(t, unit, change.delta, change.improved))
        },
    );
    if m.takes_target() {
        let _ = write!(
            out,
            r#"<p class="target-line">{}：{} {}</p>"#,
            esc(t.reports.target),
            esc(&pg
                .settings
                .targets
                .get(m)
                .map_or_else(|| p.no_target.to_string(), |g| (t.reports.value)(unit, Some(g.goal)))),
            progress_html(pg, m, current.value())
        );
    }
    if let Some(day) = current.settles_on.filter(|d| *d >= pg.today) {
        let _ = write!(out, r#"<p class="hint">{}</p>"#, esc(&(p.settles_on)(&format::date_long(t.lang, day))));
    }
    match m {
        Measure::TierMix => {
            let _ = write!(out, r#"<h4>{}</h4>{}"#, esc(p.tier_over_time), chart::tier_columns(t, &card.trend));
        }
        Measure::ProblemKinds | Measure::TopNeeds => {}
        _ => {
            let goal = pg.settings.targets.get(m).filter(|_| m.takes_target()).map(|g| g.goal);
            let _ = write!(out, r#"<h4>{}</h4>{}"#, esc(p.trend), chart::trend(t, m, &card.trend, goal));
        }
    }
    let open = pg.drill.filter(|(dm, _)| *dm == mi).map(|(_, dp)| dp);
    if current.parts.is_empty() {
        let _ = write!(out, r#"<p class="hint">{}</p>"#, esc(p.drill_empty));
    } else {
        let _ = write!(out, r#"<h4>{}</h4><p class="hint no-print">{}</p>"#, esc(p.parts), esc(p.tap_hint));
        out.push_str(&chart::parts(t, mi, &current.parts, open));
        let _ = write!(
            out,
            r#"<table class="report-table parts-table"><thead><tr><th>{}</th><th class="num">{}</th><th class="num">{}</th></tr></thead><tbody>"#,
            esc(p.col_part),
            esc(p.col_value),
            esc(p.col_previous)
        );
        for (j, part) in current.parts.iter().enumerate() {
            let (now, before) = card.comparison.part_counts(&part.key);
            let _ = write!(
                out,
                r#"<tr><th scope="row"><button type="button" class="linkish" data-action="drill" data-m="{mi}" data-p="{j}">{}</button></th><td class="num">{now}</td><td class="num">{before}</td></tr>"#,
                esc(&(t.reports.part)(&part.key))
            );
        }
        out.push_str("</tbody></table>");
    }
    if let Some(j) = open
        && let Some(part) = current.parts.get(j)
    {
        drill_panel(out, pg, &(t.reports.part)(&part.key), part.count, &part.drill);
    }
    if m.takes_target() {
        target_form(out, pg, m);
    }
    if m == Measure::Conversion {
        let _ = write!(
            out,
            r#"<form class="target-form no-print" data-form="window" novalidate><label class="field compact"><span>{}</span><input name="window" inputmode="numeric" value="{}" id="conversion-window"><span class="field-hint">{}</span><span class="field-error" role="alert"></span></label><button type="submit" class="button small">{}</button></form>"#,
            esc(p.conversion_window),
            pg.settings.conversion_window_days,
            esc(p.conversion_window_hint),
            esc(p.save)
        );
    }
    out.push_str("</section>");
}

fn target_form(out: &mut String, pg: &Page, m: Measure) {
    let (t, p) = (pg.t, pg.p);
    let unit = m.unit();
    let current = pg.settings.targets.get(m).map(|g| typed_value(unit, g.goal)).unwrap_or_default();
    let suffix = match unit {
        Unit::Share => "%",
        _ => "",
    };
    let mi = measure_index(m);
    let _ = write!(
        out,
        r#"<details class="set-target no-print"><summary>{}</summary><form class="target-form" data-form="target" data-m="{mi}" novalidate><label class="field compact"><span>{}</span><span class="with-suffix"><input name="target" inputmode="decimal" value="{}" id="target-{}"><span>{suffix}</span></span><span class="field-error" role="alert"></span></label><button type="submit" class="button small primary">{}</button><button type="button" class="button small subtle" data-action="clear-target" data-m="{mi}">{}</button></form></details>"#,
        esc(p.set_target),
        esc(t.reports.target),
        esc(&current),
        slug(m),
        esc(p.save),
        esc(p.clear_target),
    );
}

fn customer_link(pg: &Page, id: &str) -> String {
    let name = pg.lookup.customers.get(id).map(|c| c.name.trim()).filter(|n| !n.is_empty());
    match name {
        Some(name) => format!(r#"<a href="{}">{}</a>"#, esc(&Route::Customer(id.to_string()).href()), esc(name)),
        None => esc(pg.p.unknown_customer),
    }
}

fn drill_panel(out: &mut String, pg: &Page, label: &str, count: u64, drill: &Drill) {
    let (t, p) = (pg.t, pg.p);
    let year = pg.today.year();
    let _ = write!(
        out,
        r#"<div class="drill" id="drill"><div class="drill-head"><h4>{}</h4><button type="button" class="button small subtle no-print" data-action="close-drill">{}</button></div>"#,
        esc(&(p.drill_title)(label, count)),
        esc(p.drill_close)
    );
    let mut visits: Vec<&Visit> =
        drill.visits.iter().filter_map(|id| pg.lookup.visits.get(id.as_str()).copied()).collect();
    visits.sort_by_key(|v| std::cmp::Reverse(v.at));
    let mut feedback: Vec<&FeedbackItem> =
        drill.feedback.iter().filter_map(|id| pg.lookup.feedback.get(id.as_str()).copied()).collect();
    feedback.sort_by_key(|f| std::cmp::Reverse(f.raised_on));
    if !visits.is_empty() {
        let _ = write!(
            out,
            r#"<h5>{} ({})</h5><div class="table-scroll"><table class="report-table drill-visits"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>"#,
            esc(p.drill_visits),
            visits.len(),
            esc(p.col_date),
            esc(p.col_customer),
            esc(p.col_scenario),
            esc(p.col_outcome),
            esc(p.col_satisfaction)
        );
        for v in visits.iter().take(DRILL_ROWS) {
            let sat = match (v.satisfaction, v.satisfaction_level) {
                (Some(s), _) => s.to_string(),
                (None, Some(l)) => (t.labels.satisfaction)(l).to_string(),
                _ => String::new(),
            };
            let _ = write!(
                out,
                r#"<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
                esc(&format::date_auto(t.lang, v.at.date(), year)),
                customer_link(pg, &v.customer_id),
                esc((t.labels.scenario)(v.scenario)),
                esc((t.labels.outcome)(v.method, v.outcome)),
                esc(&sat)
            );
        }
        out.push_str("</tbody></table></div>");
        if visits.len() > DRILL_ROWS {
            out.push_str("<p class=\"hint\">…</p>");
        }
    }
    if !feedback.is_empty() {
        feedback_table(out, pg, p.drill_feedback, &feedback);
    }
    if visits.is_empty() && feedback.is_empty() {
        if drill.customers.is_empty() {
            let _ = write!(out, r#"<p class="hint">{}</p>"#, esc(p.drill_empty));
        } else {
            let _ = write!(
                out,
                r#"<h5>{} ({})</h5><ul class="drill-customers">"#,
                esc(p.drill_customers),
                drill.customers.len()
            );
            for id in drill.customers.iter().take(DRILL_ROWS) {
                let _ = write!(out, "<li>{}</li>", customer_link(pg, id));
            }
            out.push_str("</ul>");
        }
    }
    if !drill.purchases.is_empty() {
        let _ = write!(out, r#"<p class="hint">{}</p>"#, esc(&(p.drill_purchases)(drill.purchases.len())));
    }
    out.push_str("</div>");
}

fn feedback_table(out: &mut String, pg: &Page, title: &str, items: &[&FeedbackItem]) {
    let (t, p) = (pg.t, pg.p);
    let c = &t.reports.csv_feedback_columns;
    let year = pg.today.year();
    // Overdue as of the period's end, or today while the period runs.
    let end = pg.report.period.end().min(pg.today);
    let _ = write!(
        out,
        r#"<h5>{} ({})</h5><div class="table-scroll"><table class="report-table feedback-table"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>"#,
        esc(title),
        items.len(),
        esc(c[0]),
        esc(c[1]),
        esc(c[3]),
        esc(c[4]),
        esc(c[7]),
        esc(c[8])
    );
    for f in items.iter().take(DRILL_ROWS) {
        let overdue = crate::domain::measures::overdue_on(f, end);
        let _ = write!(
            out,
            r#"<tr{}><td>{}</td><td>{}</td><td>{}</td><td class="text">{}</td><td>{}{}</td><td>{}</td></tr>"#,
            if overdue { r#" class="overdue""# } else { "" },
            esc(&format::date_auto(t.lang, f.raised_on, year)),
            customer_link(pg, &f.customer_id),
            esc(&(t.reports.part)(&PartKey::Category(f.category.trim().to_string()))),
            esc(&f.text),
            f.deadline.map(|d| esc(&format::date_auto(t.lang, d, year))).unwrap_or_default(),
            if overdue { format!(r#" <span class="badge late">{}</span>"#, esc(p.overdue)) } else { String::new() },
            esc((t.labels.feedback_status)(f.status)),
        );
    }
    out.push_str("</tbody></table></div>");
}

/// The feedback items still open at the period end: the supervisor's list of what to chase.
fn open_items(out: &mut String, pg: &Page) {
    let p = pg.p;
    let Some(card) = pg.report.cards.iter().find(|c| c.measure() == Measure::OverdueItems) else {
        return;
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
    out.push_str(r#"<section class="card open-items" id="open-items">"#);
    if items.is_empty() {
        let _ = write!(out, r#"<h3>{}</h3><p class="hint">{}</p>"#, esc(p.open_items), esc(p.open_items_none));
    } else {
        feedback_table(out, pg, p.open_items, &items);
    }
    out.push_str("</section>");
}

/// The period a kind switch leads to: the week, month or quarter around the current start, or
/// the current range as a custom one.
pub fn switch_kind(period: &ReportPeriod, kind: PeriodKind) -> ReportPeriod {
    match kind {
        PeriodKind::Custom => ReportPeriod::custom(period.start(), period.end()).unwrap_or(*period),
        k => ReportPeriod::containing(k, period.start()),
    }
}
