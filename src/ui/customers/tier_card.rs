//! A customer's tier: why it is that tier, the strategy it brings, the manual override with its
//! reason, and the history of changes (one markup block, see `html.rs`).

use super::html::{self, esc};
use super::save_customer;
use crate::domain::customer::{Customer, TierChangeReason};
use crate::domain::customer_form::{Field, parse_reason};
use crate::domain::schedule::unanswered_in_a_row;
use crate::domain::tier::{Tier, TierSettings};
use crate::domain::tiering::{self, TierAssessment};
use crate::i18n::{Texts, format};
use crate::ui::components::fields::{Input, input, select, tier_badge};
use crate::ui::state::use_app;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

/// How a history entry's reason reads: for a computed change, which dimensions moved (older
/// changes, recorded without them, read "the data changed").
pub fn reason_text(t: &Texts, reason: &TierChangeReason) -> String {
    let moves = |moves: &[crate::domain::customer::TierMove]| -> Vec<String> {
        moves.iter().map(|m| (t.tiers.tier_move)(m)).collect()
    };
    match reason {
        TierChangeReason::Computed { moves: m } if m.is_empty() => t.tiers.reason_computed.to_string(),
        TierChangeReason::Computed { moves: m } => (t.tiers.reason_moves)("", &moves(m)),
        TierChangeReason::Thresholds { moves: m } => (t.tiers.reason_moves)(t.tiers.reason_thresholds, &moves(m)),
        TierChangeReason::Override { note } => (t.tiers.reason_override)(note),
        TierChangeReason::OverrideCleared => t.tiers.reason_cleared.to_string(),
        TierChangeReason::NoAnswerDemotion => t.tiers.reason_no_answer.to_string(),
    }
}

struct OverrideForm<'a> {
    tier: Tier,
    reason: &'a str,
    error: Option<String>,
}

fn card_html(
    t: &Texts,
    today: NaiveDate,
    c: &Customer,
    a: &TierAssessment,
    settings: &TierSettings,
    unanswered: u32,
    form: Option<OverrideForm>,
) -> String {
    let tt = &t.tiers;
    let strategy = settings.strategy(a.effective);
    let carries = strategy.carries.clone().unwrap_or_else(|| (t.labels.tier_carries)(a.effective).to_string());
    let emphasis = strategy.emphasis.clone().unwrap_or_else(|| (t.labels.tier_emphasis)(a.effective).to_string());
    // Said as a rule: a customer nobody has called has no unanswered call to speak of. The count
    // so far is added only when there is one.
    let mut no_answer =
        (tt.no_answer_rule)(strategy.no_answer.in_a_row, (t.labels.no_answer_action)(strategy.no_answer.action));
    if unanswered > 0 {
        no_answer = (tt.no_answer_so_far)(&no_answer, unanswered);
    }
    let cell = |dt: &str, dd: &str| format!("<div><dt>{}</dt><dd>{}</dd></div>", esc(dt), esc(dd));
    let override_note = match &c.tier_override {
        Some(o) => format!(
            r#"<p class="override-note" id="override-note">{}<br><span class="muted">{}</span></p><button type="button" class="button small" id="clear-override" data-action="clear">{}</button>"#,
            esc(&(tt.overridden)((t.labels.tier)(o.tier), &o.reason)),
            (tt.computed_would_be)((t.labels.tier)(a.computed)),
            tt.clear_override
        ),
        None => String::new(),
    };
    let editor = match form {
        None => format!(
            r#" <button type="button" class="button small" id="override-tier" data-action="override">{}</button>"#,
            tt.override_action
        ),
        Some(f) => {
            let options: Vec<_> = Tier::ALL
                .iter()
                .map(|x| (x.index().to_string(), (t.labels.tier)(*x).to_string(), *x == f.tier))
                .collect();
            format!(
                r#"<form class="form override-form" novalidate>{}{}<div class="form-actions"><button type="button" class="button" data-action="cancel">{}</button><button type="submit" class="button primary">{}</button></div></form>"#,
                select(tt.override_tier, "override_tier", &options, None).into_string(),
                input(
                    tt.override_reason,
                    "override_reason",
                    f.reason,
                    f.error.as_deref(),
                    tt.override_reason_hint,
                    Input::TEXT
                )
                .into_string(),
                t.common.cancel,
                t.common.save
            )
        }
    };
    let history = if c.tier_history.is_empty() {
        format!(r#"<p class="muted">{}</p>"#, tt.history_empty)
    } else {
        let items: String = c
            .tier_history
            .iter()
            .rev()
            .map(|h| {
                format!(
                    r#"<li><time>{}</time> {} <span class="muted">· {}</span></li>"#,
                    format::date_auto(t.lang, h.on, today.year()),
                    (t.customers.tier_event)(h.from.map(t.labels.tier), (t.labels.tier)(h.to)),
                    esc(&reason_text(t, &h.reason))
                )
            })
            .collect();
        format!(r#"<ol class="tier-history" id="tier-history">{items}</ol>"#)
    };
    format!(
        r#"<h2>{title}</h2><div class="tier-head">{badge}<span class="muted">{score}</span></div><p class="why" id="tier-why">{why}</p><dl class="levels">{l1}{l2}{l3}{l4}</dl><dl class="strategy">{s1}{s2}{s3}{s4}</dl>{override_note}{editor}<h3>{history_title}</h3>{history}"#,
        title = tt.card_title,
        badge = tier_badge(t, a.effective).into_string(),
        score = (tt.score)(a.score),
        why = esc(&(tt.why)(a)),
        l1 = cell(tt.frequency, (tt.level_frequency)(a.frequency)),
        l2 = cell(tt.spend, (tt.level_spend)(a.spend)),
        l3 = cell(tt.activity, (tt.level_activity)(a.activity)),
        l4 = cell(t.customers.need, (t.labels.need)(a.need)),
        s1 = cell(tt.cadence, &(tt.period)(strategy.cadence)),
        s2 = cell(tt.carries, &carries),
        s3 = cell(tt.emphasis, &emphasis),
        s4 = cell(tt.no_answer, &no_answer),
        history_title = tt.history,
    )
}

#[component]
pub fn TierCard(customer: Memo<Option<Customer>>, assessment: Memo<Option<TierAssessment>>) -> impl IntoView {
    let app = use_app();
    // The override editor: open or not, with what was typed and its error.
    let editing = RwSignal::new(None::<(Tier, String, Option<String>)>);
    let html = move || {
        let (Some(c), Some(a)) = (customer.get(), assessment.get()) else { return String::new() };
        let form = editing.get();
        let unanswered = app.visits.with(|v| unanswered_in_a_row(&c.id, v).0);
        app.settings.with(|s| {
            card_html(
                app.t(),
                app.today.get(),
                &c,
                &a,
                &s.tiers,
                unanswered,
                form.as_ref().map(|(tier, reason, error)| OverrideForm { tier: *tier, reason, error: error.clone() }),
            )
        })
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((action, _)) = html::action(&ev) else { return };
        match action.as_str() {
            "override" => {
                editing.set(Some((assessment.get_untracked().map_or(Tier::Gold, |a| a.effective), String::new(), None)))
            }
            "cancel" => editing.set(None),
            "clear" => {
                let (Some(mut c), Some(a)) = (customer.get_untracked(), assessment.get_untracked()) else { return };
                tiering::clear_override(&mut c, a.computed, app.today.get_untracked());
                save_customer(app, c, move |_| {
                    app.toast(app.t_now().tiers.override_cleared);
                });
            }
            _ => {}
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(root), Some(mut c)) = (html::current(&ev), customer.get_untracked()) else { return };
        let tier = html::value(&root, "override_tier")
            .parse::<usize>()
            .ok()
            .and_then(|i| Tier::ALL.get(i).copied())
            .unwrap_or(Tier::Gold);
        let reason = html::value(&root, "override_reason");
        match parse_reason(&reason) {
            Err(e) => {
                let message = e.get(Field::Reason).map(|e| (app.t_now().customers.field_error)(e));
                editing.set(Some((tier, reason, message)));
                html::focus_first_error();
            }
            Ok(text) => {
                tiering::set_override(&mut c, tier, &text, app.today.get_untracked());
                save_customer(app, c, move |_| {
                    editing.set(None);
                    app.toast(app.t_now().tiers.override_saved);
                });
            }
        }
    };
    view! { <section class="card tier-card" id="tier-card" inner_html=html on:click=on_click on:submit=on_submit></section> }
}
