//! Charts as SVG, written with `maud::html!`: bars and lines over the last periods, a bar per part
//! (the drill-down targets), and the tier mix stacked by period. Colours come from CSS classes
//! that use the theme's variables, so dark mode and print follow; every mark has a `<title>` with
//! its exact figure (shown on hover, and read by screen readers), and the same numbers are in the
//! tables.

use super::ReportAction;
use super::data::Point;
use crate::domain::measures::{Measure, Part, PartKey, Role, Unit};
use crate::domain::tier::Tier;
use crate::domain::visit::SatisfactionLevel;
use crate::i18n::Texts;
use maud::{Markup, Render, html};

const W: f64 = 320.0;

/// A length in viewBox units, written with one decimal: finer is invisible and only lengthens the
/// markup.
#[derive(Clone, Copy)]
struct Px(f64);

impl Render for Px {
    fn render_to(&self, out: &mut String) {
        format_args!("{:.1}", self.0).render_to(out);
    }
}

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
pub fn trend(t: &Texts, measure: Measure, points: &[Point], goal: Option<f64>) -> Markup {
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
    let path: Vec<String> = if line {
        values.iter().enumerate().filter_map(|(i, v)| v.map(|v| format!("{:.1},{:.1}", x(i), y(v)))).collect()
    } else {
        Vec::new()
    };
    html! {
        svg class=(if line { "chart trend line" } else { "chart trend" }) viewBox={ "0 0 " (W) " " (h) } role="img"
            aria-label=(name) {
            line class="axis" x1="0" x2=(W) y1=(Px(base)) y2=(Px(base)) {}
            @if let Some(goal) = goal {
                // No label on the line (it would collide with the values): the card states the target.
                g class="goal" {
                    title { (t.reports.target) " " ((t.reports.value)(unit, Some(goal))) }
                    line x1="0" x2=(W) y1=(Px(y(goal))) y2=(Px(y(goal))) {}
                }
            }
            @if path.len() > 1 {
                polyline class="trend-line" points=(path.join(" ")) {}
            }
            @for (i, (p, v)) in points.iter().zip(&values).enumerate() {
                @let current = i + 1 == points.len();
                @let shown = (t.reports.value)(unit, *v);
                @let cx = x(i);
                g class=(if current { "point current" } else { "point" }) {
                    title { ((t.reports.period_title)(&p.period)) ": " (shown) (ratio_text(&p.figure)) }
                    @match (*v, line) {
                        (Some(v), false) => {
                            @let (top, bottom) = if y(v) < base { (y(v), base) } else { (base, y(v)) };
                            @let bw = (slot * 0.62).min(38.0);
                            rect x=(Px(cx - bw / 2.0)) y=(Px(top)) width=(Px(bw)) height=(Px((bottom - top).max(1.0)))
                                rx="2" {}
                            text class="val" x=(Px(cx)) y=(Px(top - 4.0)) text-anchor="middle" { (shown) }
                        }
                        (Some(v), true) => {
                            circle cx=(Px(cx)) cy=(Px(y(v))) r=(if current { 4.5 } else { 3.5 }) {}
                            text class="val" x=(Px(cx)) y=(Px((y(v) - 7.0).max(10.0))) text-anchor="middle" { (shown) }
                        }
                        (None, _) => {
                            text class="val none" x=(Px(cx)) y=(Px(base - 4.0)) text-anchor="middle" { "—" }
                        }
                    }
                    // A wide transparent target, so that a finger finds the point's title.
                    rect class="hit" x=(Px(cx - slot / 2.0)) y="0" width=(Px(slot)) height=(h) {}
                    text class="tick" x=(Px(cx)) y=(Px(h - 6.0)) text-anchor="middle" {
                        (fit(&(t.reports.period_tick)(&p.period), slot))
                    }
                }
            }
        }
    }
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
pub fn parts(t: &Texts, m: usize, parts: &[Part], open: Option<usize>) -> Markup {
    if parts.is_empty() {
        return html! {};
    }
    let row = 26.0;
    let h = row * parts.len() as f64 + 4.0;
    let (label_w, count_w) = (118.0, 44.0);
    let bar_w = W - label_w - count_w - 8.0;
    let max = parts.iter().map(|p| p.count).max().unwrap_or(0).max(1) as f64;
    let total: u64 = parts.iter().map(|p| p.count).sum();
    html! {
        svg class="chart parts" viewBox={ "0 0 " (W) " " (h) } role="group" {
            @for (j, p) in parts.iter().enumerate() {
                @let label = (t.reports.part)(&p.key);
                @let top = 2.0 + row * j as f64;
                @let w = if p.count == 0 { 0.0 } else { (p.count as f64 / max * bar_w).max(2.0) };
                g class={ "part " (part_class(p)) @if open == Some(j) { " open" } } data-action=(ReportAction::Drill)
                    data-m=(m) data-p=(j) role="button" tabindex="0" {
                    // The name is the <title> (SVG's own naming), with the whole label and the share.
                    title {
                        (label) ": " (p.count)
                        @if total > 0 {
                            " (" (crate::i18n::format::percent(Some(p.count as f64 / total as f64))) ")"
                        }
                    }
                    text class="label" x="0" y=(Px(top + 17.0)) { (fit(&label, label_w - 6.0)) }
                    rect class="track" x=(label_w) y=(Px(top + 6.0)) width=(Px(bar_w)) height="14" rx="3" {}
                    rect class="bar" x=(label_w) y=(Px(top + 6.0)) width=(Px(w)) height="14" rx="3" {}
                    text class="count" x=(W) y=(Px(top + 17.0)) text-anchor="end" { (p.count) }
                    rect class="hit" x="0" y=(Px(top)) width=(W) height=(row) {}
                }
            }
        }
    }
}

/// The tier mix of each period as a 100% stacked column.
pub fn tier_columns(t: &Texts, points: &[Point]) -> Markup {
    let (h, top_pad, bottom_pad) = (150.0, 6.0, 22.0);
    let plot = h - top_pad - bottom_pad;
    let n = points.len().max(1) as f64;
    let slot = (W - 8.0) / n;
    let bw = (slot * 0.62).min(38.0);
    html! {
        svg class="chart tiers" viewBox={ "0 0 " (W) " " (h) } role="img"
            aria-label=((t.reports.definition)(Measure::TierMix).name) {
            @for (i, p) in points.iter().enumerate() {
                @let cx = 4.0 + slot * (i as f64 + 0.5);
                @let total: u64 = p.parts.iter().map(|(_, n)| n).sum();
                g class=(if i + 1 == points.len() { "point current" } else { "point" }) {
                    @for (tier, key, count, y, seg) in stack(&p.parts, total, top_pad + plot, plot) {
                        rect class={ "seg " (tier_class(tier)) } x=(Px(cx - bw / 2.0)) y=(Px(y)) width=(Px(bw))
                            height=(Px(seg)) {
                            title {
                                ((t.reports.period_title)(&p.period)) " · " ((t.reports.part)(key)) ": " (count) " ("
                                (crate::i18n::format::percent(Some(count as f64 / total as f64))) ")"
                            }
                        }
                    }
                    @if total == 0 {
                        text class="val none" x=(Px(cx)) y=(Px(top_pad + plot - 4.0)) text-anchor="middle" { "—" }
                    }
                    text class="tick" x=(Px(cx)) y=(Px(h - 6.0)) text-anchor="middle" {
                        (fit(&(t.reports.period_tick)(&p.period), slot))
                    }
                }
            }
        }
    }
}

/// One period's column of the tier mix, bottom up: each tier with its part, count, top and height.
fn stack(parts: &[(PartKey, u64)], total: u64, bottom: f64, plot: f64) -> Vec<(Option<Tier>, &PartKey, u64, f64, f64)> {
    let mut y = bottom;
    let mut out = Vec::with_capacity(parts.len());
    for (key, count) in parts {
        if *count == 0 || total == 0 {
            continue;
        }
        let seg = plot * *count as f64 / total as f64;
        y -= seg;
        if let PartKey::Tier(tier) = key {
            out.push((*tier, key, *count, y, seg));
        }
    }
    out
}
