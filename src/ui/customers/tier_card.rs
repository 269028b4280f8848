//! A customer's tier: why it is that tier, the strategy it brings, the manual override with its
//! reason, and the history of changes (one markup block, see `html.rs`).

use crate::domain::customer::{Customer, TierChangeReason};
use crate::domain::customer_form::{Field, parse_reason};
use crate::domain::schedule::unanswered_in_a_row;
use crate::domain::tier::{Tier, TierSettings};
use crate::domain::tiering::{self, TierAssessment};
use crate::i18n::{Texts, format};
use crate::ui::components::fields::{Input, input, select, tier_badge};
use crate::ui::components::markup;
use crate::ui::components::markup::{action, actions};
use crate::ui::state::book::use_book;
use crate::ui::state::use_app;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use maud::{Markup, html};

actions! {
    /// What the tier card's buttons do (saving an override is the form's submit).
    pub enum TierAction { Override = "override", Cancel = "cancel", Clear = "clear" }
}

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
) -> Markup {
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
    let cell = |term: &str, value: &str| html! { div { dt { (term) } dd { (value) } } };
    html! {
        h2 { (tt.card_title) }
        div class="tier-head" {
            (tier_badge(t, a.effective))
            span class="muted" { ((tt.score)(a.score)) }
        }
        p class="why" id="tier-why" { ((tt.why)(a)) }
        dl class="levels" {
            (cell(tt.frequency, (tt.level_frequency)(a.frequency)))
            (cell(tt.spend, (tt.level_spend)(a.spend)))
            (cell(tt.activity, (tt.level_activity)(a.activity)))
            (cell(t.customers.need, (t.labels.need)(a.need)))
        }
        dl class="strategy" {
            (cell(tt.cadence, &(tt.period)(strategy.cadence)))
            (cell(tt.carries, &carries))
            (cell(tt.emphasis, &emphasis))
            (cell(tt.no_answer, &no_answer))
        }
        @if let Some(o) = &c.tier_override {
            p class="override-note" id="override-note" {
                ((tt.overridden)((t.labels.tier)(o.tier), &o.reason))
                br;
                span class="muted" { ((tt.computed_would_be)((t.labels.tier)(a.computed))) }
            }
            button type="button" class="button small" id="clear-override" data-action=(TierAction::Clear) {
                (tt.clear_override)
            }
        }
        @match form {
            None => {
                " "
                button type="button" class="button small" id="override-tier" data-action=(TierAction::Override) {
                    (tt.override_action)
                }
            }
            Some(f) => {
                form class="form override-form" novalidate {
                    (select(tt.override_tier, "override_tier", &tier_options(t, f.tier), None))
                    (input(
                        tt.override_reason,
                        "override_reason",
                        f.reason,
                        f.error.as_deref(),
                        tt.override_reason_hint,
                        Input::TEXT,
                    ))
                    div class="form-actions" {
                        button type="button" class="button" data-action=(TierAction::Cancel) { (t.common.cancel) }
                        button type="submit" class="button primary" { (t.common.save) }
                    }
                }
            }
        }
        h3 { (tt.history) }
        @if c.tier_history.is_empty() {
            p class="muted" { (tt.history_empty) }
        } @else {
            ol class="tier-history" id="tier-history" {
                @for h in c.tier_history.iter().rev() {
                    li {
                        time { (format::date_auto(t.lang, h.on, today.year())) }
                        " "
                        ((t.customers.tier_event)(h.from.map(t.labels.tier), (t.labels.tier)(h.to)))
                        " "
                        span class="muted" { "· " (reason_text(t, &h.reason)) }
                    }
                }
            }
        }
    }
}

/// The choices of the override's tier select, `chosen` selected.
fn tier_options(t: &Texts, chosen: Tier) -> Vec<(String, String, bool)> {
    Tier::ALL.iter().map(|x| (x.index().to_string(), (t.labels.tier)(*x).to_string(), *x == chosen)).collect()
}

#[component]
pub fn TierCard(customer: Memo<Option<Customer>>, assessment: Memo<Option<TierAssessment>>) -> impl IntoView {
    let app = use_app();
    let book = use_book();
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
            .into_string()
        })
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((action, _)) = action::<TierAction>(&ev) else { return };
        match action {
            TierAction::Override => {
                editing.set(Some((assessment.get_untracked().map_or(Tier::Gold, |a| a.effective), String::new(), None)))
            }
            TierAction::Cancel => editing.set(None),
            TierAction::Clear => {
                let (Some(mut c), Some(a)) = (customer.get_untracked(), assessment.get_untracked()) else { return };
                tiering::clear_override(&mut c, a.computed, app.today.get_untracked());
                book.save_customer(app, c, move |_| {
                    app.toast(|t| t.tiers.override_cleared);
                });
            }
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(root), Some(mut c)) = (markup::current(&ev), customer.get_untracked()) else { return };
        let tier = markup::field_value(&root, "override_tier")
            .parse::<usize>()
            .ok()
            .and_then(|i| Tier::ALL.get(i).copied())
            .unwrap_or(Tier::Gold);
        let reason = markup::field_value(&root, "override_reason");
        match parse_reason(&reason) {
            Err(e) => {
                let message = e.get(Field::Reason).map(|e| (app.t_now().customers.field_error)(e));
                editing.set(Some((tier, reason, message)));
                markup::focus_first_error();
            }
            Ok(text) => {
                tiering::set_override(&mut c, tier, &text, app.today.get_untracked());
                book.save_customer(app, c, move |_| {
                    editing.set(None);
                    app.toast(|t| t.tiers.override_saved);
                });
            }
        }
    };
    view! { <section class="card tier-card" id="tier-card" inner_html=html on:click=on_click on:submit=on_submit></section> }
}
