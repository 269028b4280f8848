//! Charts as SVG text: bars and lines over the last periods, a bar per part (the drill-down
//! targets), and the tier mix stacked by period. Colours come from CSS classes that use the
//! theme's variables, so dark mode and print follow; every mark has a `<title>` with its exact
//! figure (shown on hover, and read by screen readers), and the same numbers are in the tables.

use super::data::Point;
use crate::domain::measures::{Measure, Part, PartKey, Role, Unit};
use crate::domain::tier::Tier;
use crate::domain::visit::SatisfactionLevel;
use crate::i18n::Texts;
use crate::ui::components::markup::esc;
use std::fmt::Write;

const W: f64 = 320.0;

fn ratio_text(figure: &crate::domain::measures::Figure) -> String {
    match figure {
        crate::domain::measures::Figure::Ratio(r) if r.denominator > 0 => {
            format!(" ({} / {})", r.numerator, r.denominator)
        }
        _ => String::new(),
    }
}

/// Text width in viewBox units at font-size 11: CJK characters are square, Latin ones narrower.
fn text_width(text: &str) -> f64 {
    text.chars().map(|c| if c.is_ascii() { 6.2 } else { 11.0 }).sum()
}

/// Cuts a label to fit `width`, with an ellipsis; the full label stays in the `<title>`.
fn fit(text: &str, width: f64) -> String {
    if text_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 6.2;
    for c in text.chars() {
        used += if c.is_ascii() { 6.2 } else { 11.0 };
        if used > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The scale a measure is drawn on: (bottom, top).
fn scale(unit: Unit, values: &[f64], goal: Option<f64>) -> (f64, f64) {
    match unit {
        Unit::Share => (0.0, 1.0),
        Unit::Score => (0.0, 5.0),
        Unit::Nps => (-1.0, 1.0),
        Unit::Count | Unit::Days | Unit::Money => {
            let top = values.iter().copied().chain(goal).fold(0.0_f64, f64::max);
            (0.0, if top <= 0.0 { 1.0 } else { top * 1.15 })
        }
    }
}

/// The measure over the last periods: bars for shares and counts, a line for scores and NPS.
pub fn trend(t: &Texts, measure: Measure, points: &[Point], goal: Option<f64>) -> String {
    let unit = measure.unit();
    let line = matches!(unit, Unit::Score | Unit::Nps | Unit::Days);
    let (h, top_pad, bottom_pad) = (150.0, 18.0, 22.0);
    let plot = h - top_pad - bottom_pad;
    let values: Vec<Option<f64>> = points.iter().map(|p| p.figure.value()).collect();
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    let (lo, hi) = scale(unit, &known, goal);
    let y = |v: f64| top_pad + plot * (1.0 - ((v - lo) / (hi - lo)).clamp(0.0, 1.0));
    let n = points.len().max(1) as f64;
    let slot = (W - 8.0) / n;
    let x = |i: usize| 4.0 + slot * (i as f64 + 0.5);
    let base = y(lo.max(0.0));
    let name = (t.reports.definition)(measure).name;
    let mut out = format!(
        r#"<svg class="chart trend{}" viewBox="0 0 {W} {h}" role="img" aria-label="{}">"#,
        if line { " line" } else { "" },
        esc(name)
    );
    let _ = write!(out, r#"<line class="axis" x1="0" x2="{W}" y1="{base:.1}" y2="{base:.1}"/>"#);
    if let Some(g) = goal {
        let gy = y(g);
        // No label on the line (it would collide with the values): the card states the target.
        let label = format!("{} {}", t.reports.target, (t.reports.value)(unit, Some(g)));
        let _ = write!(
            out,
            r#"<g class="goal"><title>{}</title><line x1="0" x2="{W}" y1="{gy:.1}" y2="{gy:.1}"/></g>"#,
            esc(&label)
        );
    }
    if line {
        let path: Vec<String> =
            values.iter().enumerate().filter_map(|(i, v)| v.map(|v| format!("{:.1},{:.1}", x(i), y(v)))).collect();
        if path.len() > 1 {
            let _ = write!(out, r#"<polyline class="trend-line" points="{}"/>"#, path.join(" "));
        }
    }
    for (i, (p, v)) in points.iter().zip(&values).enumerate() {
        let current = i + 1 == points.len();
        let shown = (t.reports.value)(unit, *v);
        let tick = (t.reports.period_tick)(&p.period);
        let title = format!("{}: {shown}{}", (t.reports.period_title)(&p.period), ratio_text(&p.figure));
        let _ =
            write!(out, r#"<g class="point{}"><title>{}</title>"#, if current { " current" } else { "" }, esc(&title));
        let cx = x(i);
        match (*v, line) {
            (Some(v), false) => {
                let (top, bottom) = if y(v) < base { (y(v), base) } else { (base, y(v)) };
                let bw = (slot * 0.62).min(38.0);
                let _ = write!(
                    out,
                    r#"<rect x="{:.1}" y="{top:.1}" width="{bw:.1}" height="{:.1}" rx="2"/>"#,
                    cx - bw / 2.0,
                    (bottom - top).max(1.0)
                );
                let _ = write!(
                    out,
                    r#"<text class="val" x="{cx:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                    top - 4.0,
                    esc(&shown)
                );
            }
            (Some(v), true) => {
                let _ =
                    write!(out, r#"<circle cx="{cx:.1}" cy="{:.1}" r="{}"/>"#, y(v), if current { 4.5 } else { 3.5 });
                let _ = write!(
                    out,
                    r#"<text class="val" x="{cx:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                    (y(v) - 7.0).max(10.0),
                    esc(&shown)
                );
            }
            (None, _) => {
                let _ = write!(
                    out,
                    r#"<text class="val none" x="{cx:.1}" y="{:.1}" text-anchor="middle">—</text>"#,
                    base - 4.0
                );
            }
        }
        // A wide transparent target, so that a finger finds the point's title.
        let _ = write!(out, r#"<rect class="hit" x="{:.1}" y="0" width="{slot:.1}" height="{h}"/>"#, cx - slot / 2.0);
        let _ = write!(
            out,
            r#"<text class="tick" x="{cx:.1}" y="{:.1}" text-anchor="middle">{}</text></g>"#,
            h - 6.0,
            esc(&fit(&tick, slot))
        );
    }
    out.push_str("</svg>");
    out
}

/// The colour class of a part: satisfaction levels and scores go from good to bad, tiers use
/// their own colours, the rest follow their role (counted, the gap, left out).
pub fn part_class(part: &Part) -> String {
    match &part.key {
        PartKey::Level(SatisfactionLevel::Satisfied) | PartKey::Promoter => "good".into(),
        PartKey::Level(SatisfactionLevel::Neutral) | PartKey::Passive => "mid".into(),
        PartKey::Level(SatisfactionLevel::Dissatisfied) | PartKey::Detractor => "bad".into(),
        PartKey::Score(s) => format!("score-{s}"),
        PartKey::Tier(t) => tier_class(*t).into(),
        _ => match part.role {
            Role::Counted => "counted".into(),
            Role::Uncounted => "uncounted".into(),
            Role::Excluded => "excluded".into(),
            Role::Slice => "slice".into(),
        },
    }
}

fn tier_class(tier: Option<Tier>) -> &'static str {
    match tier {
        Some(Tier::Diamond) => "tier-diamond",
        Some(Tier::Gold) => "tier-gold",
        Some(Tier::Silver) => "tier-silver",
        Some(Tier::Basic) => "tier-basic",
        None => "tier-none",
    }
}

/// A bar per part, each a button that opens the records behind it (`data-m`, `data-p`).
pub fn parts(t: &Texts, m: usize, parts: &[Part], open: Option<usize>) -> String {
    if parts.is_empty() {
        return String::new();
    }
    let row = 26.0;
    let h = row * parts.len() as f64 + 4.0;
    let (label_w, count_w) = (118.0, 44.0);
    let bar_w = W - label_w - count_w - 8.0;
    let max = parts.iter().map(|p| p.count).max().unwrap_or(0).max(1) as f64;
    let total: u64 = parts.iter().map(|p| p.count).sum();
    let mut out = format!(r#"<svg class="chart parts" viewBox="0 0 {W} {h}" role="group">"#);
    for (j, p) in parts.iter().enumerate() {
        let label = (t.reports.part)(&p.key);
        let top = 2.0 + row * j as f64;
        let share = if total > 0 {
            format!(" ({})", crate::i18n::format::percent(Some(p.count as f64 / total as f64)))
        } else {
            String::new()
        };
        let w = if p.count == 0 { 0.0 } else { (p.count as f64 / max * bar_w).max(2.0) };
        let _ = write!(
            out,
            r#"<g class="part {}{}" data-action="drill" data-m="{m}" data-p="{j}" role="button" tabindex="0"><title>{}</title><text class="label" x="0" y="{:.1}">{}</text><rect class="track" x="{label_w}" y="{:.1}" width="{bar_w:.1}" height="14" rx="3"/><rect class="bar" x="{label_w}" y="{:.1}" width="{w:.1}" height="14" rx="3"/><text class="count" x="{W}" y="{:.1}" text-anchor="end">{}</text><rect class="hit" x="0" y="{top:.1}" width="{W}" height="{row}"/></g>"#,
            part_class(p),
            if open == Some(j) { " open" } else { "" },
            // The name is the <title> (SVG's own naming), with the whole label and the share.
            esc(&format!("{label}: {}{share}", p.count)),
            top + 17.0,
            esc(&fit(&label, label_w - 6.0)),
            top + 6.0,
            top + 6.0,
            top + 17.0,
            p.count,
        );
    }
    out.push_str("</svg>");
    out
}

/// The tier mix of each period as a 100% stacked column.
pub fn tier_columns(t: &Texts, points: &[Point]) -> String {
    let (h, top_pad, bottom_pad) = (150.0, 6.0, 22.0);
    let plot = h - top_pad - bottom_pad;
    let n = points.len().max(1) as f64;
    let slot = (W - 8.0) / n;
    let bw = (slot * 0.62).min(38.0);
    let mut out = format!(
        r#"<svg class="chart tiers" viewBox="0 0 {W} {h}" role="img" aria-label="{}">"#,
        esc((t.reports.definition)(Measure::TierMix).name)
    );
    for (i, p) in points.iter().enumerate() {
        let cx = 4.0 + slot * (i as f64 + 0.5);
        let total: u64 = p.parts.iter().map(|(_, n)| n).sum();
        let mut y = top_pad + plot;
        let _ = write!(out, r#"<g class="point{}">"#, if i + 1 == points.len() { " current" } else { "" });
        for (key, count) in &p.parts {
            if *count == 0 || total == 0 {
                continue;
            }
            let seg = plot * *count as f64 / total as f64;
            y -= seg;
            let PartKey::Tier(tier) = key else { continue };
            let title = format!(
                "{} · {}: {} ({})",
                (t.reports.period_title)(&p.period),
                (t.reports.part)(key),
                count,
                crate::i18n::format::percent(Some(*count as f64 / total as f64))
            );
            let _ = write!(
                out,
                r#"<rect class="seg {}" x="{:.1}" y="{y:.1}" width="{bw:.1}" height="{seg:.1}"><title>{}</title></rect>"#,
                tier_class(*tier),
                cx - bw / 2.0,
                esc(&title)
            );
        }
        if total == 0 {
            let _ = write!(
                out,
                r#"<text class="val none" x="{cx:.1}" y="{:.1}" text-anchor="middle">—</text>"#,
                top_pad + plot - 4.0
            );
        }
        let _ = write!(
            out,
            r#"<text class="tick" x="{cx:.1}" y="{:.1}" text-anchor="middle">{}</text></g>"#,
            h - 6.0,
            esc(&fit(&(t.reports.period_tick)(&p.period), slot))
        );
    }
    out.push_str("</svg>");
    out
}
