//! Settings → customer tiers: the thresholds of the four dimensions, the score of each tier, and
//! the per-tier strategy. A live preview counts the customers per tier, with their share of the
//! spend, for what is typed; saving writes the settings and every resulting tier change (with its
//! history entry) in one batch, so that every customer's tier follows at once.
//!
//! "按我的数据校准" asks [`tier_calibration::calibrate`] for thresholds fitted to the book and shows
//! the tier mix before and after in the app's confirmation dialog; they are saved only if the
//! user confirms.
//!
//! The form is `maud` markup rendered from the draft (see `components::markup` for why) and read
//! back from the DOM as the user types.

use crate::domain::customer::NeedType;
use crate::domain::tier::{NoAnswerAction, Tier, TierSettings};
use crate::domain::tier_calibration::{self, Calibration, CalibrationTargets};
use crate::domain::tier_form::{StrategyDraft, TierField, TierFieldError, TierSettingsDraft};
use crate::domain::tiering::{self, TierMix};
use crate::i18n::Texts;
use crate::i18n::format;
use crate::ui::components::fields::{Input, input, options_markup, tier_badge};
use crate::ui::components::markup;
use crate::ui::components::markup::{action, actions};
use crate::ui::components::tx;
use crate::ui::components::{Confirm, confirm};
use crate::ui::state::use_app;
use crate::ui::state::{AppState, Changes};
use leptos::prelude::*;
use maud::{Markup, html};

actions! {
    /// What the buttons of the tier settings form do (besides saving).
    enum TierAction { Calibrate = "calibrate", Defaults = "defaults" }
}

const ACTIONS: [NoAnswerAction; 4] = [
    NoAnswerAction::HandToSpecialist,
    NoAnswerAction::SmsCare,
    NoAnswerAction::DemoteToBasic,
    NoAnswerAction::StopPeriodic,
];

type Errors = Vec<(TierField, TierFieldError)>;

/// The message for field `f`, if it is wrong.
fn error_of(t: &Texts, errors: &Errors, f: TierField) -> Option<String> {
    errors.iter().find(|(x, _)| *x == f).map(|(_, e)| (t.tiers.field_error)(e))
}

fn form_html(t: &Texts, d: &TierSettingsDraft, errors: &Errors) -> Markup {
    let tt = &t.tiers;
    let num = |label: &str, name: &str, value: &str, f: TierField| {
        input(label, name, value, error_of(t, errors, f).as_deref(), "", Input::DECIMAL)
    };
    let dimensions = [
        (tt.frequency, "frequency-points", TierField::FrequencyPoints),
        (tt.spend, "spend-points", TierField::SpendPoints),
        (tt.activity, "activity-points", TierField::ActivityPoints),
    ];
    html! {
        div.calibrate-row {
            button type="button" class="button" id="calibrate-tiers" data-action=(TierAction::Calibrate) {
                (tt.calibrate)
            }
            p.hint { (tt.calibrate_hint) }
        }
        fieldset {
            legend { (tt.frequency) }
            div.form-grid.three {
                (num(tt.frequency_window, "frequency_window", &d.frequency_window_months, TierField::FrequencyWindow))
                (num(tt.frequency_high, "frequency_high", &d.frequency_high, TierField::FrequencyHigh))
                (num(tt.frequency_mid, "frequency_mid", &d.frequency_mid, TierField::FrequencyMid))
            }
        }
        fieldset {
            legend { (tt.spend) }
            div.form-grid {
                (num(tt.spend_high, "spend_high", &d.spend_high, TierField::SpendHigh))
                (num(tt.spend_mid, "spend_mid", &d.spend_mid, TierField::SpendMid))
            }
        }
        fieldset {
            legend { (tt.activity) }
            div.form-grid.three {
                (num(tt.activity_window, "activity_window", &d.activity_window_days, TierField::ActivityWindow))
                (num(tt.active_min, "active_min", &d.active_min, TierField::ActiveMin))
                (num(tt.semi_active_min, "semi_active_min", &d.semi_active_min, TierField::SemiActiveMin))
            }
        }
        fieldset {
            legend { (tt.dimension_points) }
            div.form-grid.three {
                @for (k, (dimension, name, field)) in dimensions.into_iter().enumerate() {
                    (num(&(tt.full_marks)(dimension), name, &d.dimension_points[k], field))
                }
            }
        }
        fieldset {
            legend { (tt.need_points) }
            div.form-grid.three {
                @for (k, need) in NeedType::ALL.into_iter().enumerate() {
                    @let name = format!("need-points-{k}");
                    (num((t.labels.need)(need), &name, &d.need_points[k], TierField::NeedPoints(k)))
                }
            }
        }
        fieldset {
            legend { (tt.min_scores) }
            p.hint { (tt.min_scores_hint) }
            div.form-grid.three {
                @for (k, tier) in [Tier::Diamond, Tier::Gold, Tier::Silver].into_iter().enumerate() {
                    @let (label, name) = ((tt.min_score)((t.labels.tier)(tier)), format!("min-score-{k}"));
                    (num(&label, &name, &d.min_scores[k], TierField::MinScore(tier)))
                }
            }
        }
        h3 { (tt.strategy_title) }
        p.hint { (tt.strategy_hint) }
        div.strategies {
            @for tier in Tier::ALL {
                (strategy_html(t, tier, &d.strategies[tier.index()], errors))
            }
        }
        div.form-actions {
            button type="button" class="button subtle" id="tier-defaults" data-action=(TierAction::Defaults) {
                (tt.restore_defaults)
            }
            button type="submit" class="button primary" id="save-tiers" { (t.common.save) }
        }
    }
}

/// How one tier is looked after: its cadence, what it carries and stresses, and its no-answer rule.
fn strategy_html(t: &Texts, tier: Tier, s: &StrategyDraft, errors: &Errors) -> Markup {
    let tt = &t.tiers;
    let i = tier.index();
    let (carries, emphasis) = (format!("carries-{i}"), format!("emphasis-{i}"));
    let cadence_error = error_of(t, errors, TierField::Cadence(tier));
    let no_answer_error = error_of(t, errors, TierField::NoAnswer(tier));
    let units = [("d", tt.days, !s.cadence_in_months), ("m", tt.months, s.cadence_in_months)]
        .map(|(v, l, sel)| (v.to_string(), l.to_string(), sel));
    let actions: Vec<_> = ACTIONS
        .iter()
        .enumerate()
        .map(|(k, a)| (k.to_string(), (t.labels.no_answer_action)(*a).to_string(), s.no_answer_action == *a))
        .collect();
    html! {
        fieldset.strategy-tier {
            legend { (tier_badge(t, tier)) }
            div.field.invalid[cadence_error.is_some()] {
                span { (tt.cadence) }
                div.inline-inputs {
                    span { (tt.every) }
                    input class="short" inputmode="numeric" name={ "cadence-" (i) } value=(s.cadence_count)
                        aria-label=(tt.cadence);
                    select name={ "cadence-unit-" (i) } aria-label=(tt.cadence) { (options_markup(&units)) }
                }
                @if let Some(message) = &cadence_error {
                    span.field-error { (message) }
                }
            }
            (input(tt.carries, &carries, &s.carries, None, (t.labels.tier_carries)(tier), Input::TEXT))
            (input(tt.emphasis, &emphasis, &s.emphasis, None, (t.labels.tier_emphasis)(tier), Input::TEXT))
            div.field.invalid[no_answer_error.is_some()] {
                span { (tt.after_unanswered) }
                div.inline-inputs {
                    input class="short" inputmode="numeric" name={ "no-answer-" (i) } value=(s.no_answer_in_a_row)
                        aria-label=(tt.calls_in_a_row);
                    select name={ "no-answer-action-" (i) } aria-label=(tt.after_unanswered) {
                        (options_markup(&actions))
                    }
                }
                @if let Some(message) = &no_answer_error {
                    span.field-error { (message) }
                }
            }
        }
    }
}

fn read_form(root: &web_sys::Element) -> TierSettingsDraft {
    let v = |name: &str| markup::field_value(root, name);
    TierSettingsDraft {
        frequency_window_months: v("frequency_window"),
        frequency_high: v("frequency_high"),
        frequency_mid: v("frequency_mid"),
        spend_high: v("spend_high"),
        spend_mid: v("spend_mid"),
        activity_window_days: v("activity_window"),
        active_min: v("active_min"),
        semi_active_min: v("semi_active_min"),
        dimension_points: ["frequency-points", "spend-points", "activity-points"].map(v),
        need_points: [0, 1, 2].map(|k| v(&format!("need-points-{k}"))),
        min_scores: [0, 1, 2].map(|k| v(&format!("min-score-{k}"))),
        strategies: [0, 1, 2, 3].map(|i| StrategyDraft {
            cadence_count: v(&format!("cadence-{i}")),
            cadence_in_months: v(&format!("cadence-unit-{i}")) == "m",
            carries: v(&format!("carries-{i}")),
            emphasis: v(&format!("emphasis-{i}")),
            no_answer_in_a_row: v(&format!("no-answer-{i}")),
            no_answer_action: v(&format!("no-answer-action-{i}"))
                .parse::<usize>()
                .ok()
                .and_then(|k| ACTIONS.get(k).copied())
                .unwrap_or(NoAnswerAction::StopPeriodic),
        }),
    }
}

/// The preview line: customers per tier and their share of the window's spend.
fn preview_text(t: &Texts, mix: &TierMix) -> String {
    let rows: Vec<crate::i18n::customers::PreviewRow> = Tier::ALL
        .iter()
        .map(|tier| ((t.labels.tier)(*tier), mix.customers[tier.index()], mix.spend_share(*tier)))
        .collect();
    (t.tiers.preview)(&rows)
}

/// What the calibration dialog shows under its text: the tier mix now and after, and the
/// thresholds that change.
fn calibration_html(t: &Texts, current: &TierSettings, c: &Calibration) -> Markup {
    let tt = &t.tiers;
    let s = &c.suggested;
    let money = |m| format::money(t.lang, m);
    let number = |x: f64| {
        let text = format!("{x:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let thresholds = [
        (tt.short_spend_high.to_string(), money(current.spend_high), money(s.spend_high)),
        (tt.short_spend_mid.to_string(), money(current.spend_mid), money(s.spend_mid)),
        (tt.short_frequency_high.to_string(), number(current.frequency_high), number(s.frequency_high)),
        (tt.short_frequency_mid.to_string(), number(current.frequency_mid), number(s.frequency_mid)),
        (
            (tt.min_score)((t.labels.tier)(Tier::Diamond)),
            number(current.diamond_min_score),
            number(s.diamond_min_score),
        ),
        ((tt.min_score)((t.labels.tier)(Tier::Gold)), number(current.gold_min_score), number(s.gold_min_score)),
        ((tt.min_score)((t.labels.tier)(Tier::Silver)), number(current.silver_min_score), number(s.silver_min_score)),
    ];
    html! {
        div.table-wrap {
            table.calibration #calibration-mix {
                thead {
                    tr {
                        th { (tt.calibrate_tier) }
                        th { (tt.calibrate_now) }
                        th { (tt.calibrate_after) }
                    }
                }
                tbody {
                    @for tier in Tier::ALL {
                        @let i = tier.index();
                        tr {
                            td { (tier_badge(t, tier)) }
                            td { ((tt.calibrate_cell)(c.before.customers[i], c.before.spend_share(tier))) }
                            td { ((tt.calibrate_cell)(c.after.customers[i], c.after.spend_share(tier))) }
                        }
                    }
                }
            }
        }
        div.table-wrap {
            table.calibration #calibration-thresholds {
                tbody {
                    @for (name, now, after) in &thresholds {
                        tr {
                            th { (name) }
                            td { (now) }
                            td { (after) }
                        }
                    }
                }
            }
        }
    }
}

/// Saves new tier settings with every tier change they cause, in one batch.
fn save_tiers(app: AppState, tiers: TierSettings, on_saved: impl FnOnce() + 'static) {
    let mut settings = app.settings.get_untracked();
    let today = app.today.get_untracked();
    let changed = app.customers.with_untracked(|c| {
        app.visits.with_untracked(|v| tiering::reconcile_thresholds(c, v, &settings.tiers, &tiers, today))
    });
    settings.tiers = tiers;
    let mut changes = Changes::new();
    changes.save_settings(&settings);
    changes.save_all(&changed);
    let n = changed.len();
    app.commit(changes, move || {
        app.toast(move |t| (t.tiers.saved)(n));
        on_saved();
    });
}

#[component]
pub fn TierSettingsSection() -> impl IntoView {
    let app = use_app();
    let draft = RwSignal::new(TierSettingsDraft::from_settings(&app.settings.get_untracked().tiers));
    let errors = RwSignal::new(Errors::new());
    // What is typed, for the preview only: typing must not re-render the form.
    let typed = RwSignal::new(draft.get_untracked());
    let markup = move || errors.with(|e| draft.with(|d| form_html(app.t(), d, e).into_string()));

    // What the typed thresholds would make of the book, as soon as they are consistent.
    let preview = Memo::new(move |_| {
        let settings = typed.with(|d| d.parse()).ok()?;
        let today = app.today.get();
        let mix = app
            .customers
            .with(|c| app.visits.with(|v| TierMix::of(tiering::assess_all(c, v, &settings, today).values())));
        Some(preview_text(app.t(), &mix))
    });
    let show = move |tiers: &TierSettings| {
        let d = TierSettingsDraft::from_settings(tiers);
        errors.set(Errors::new());
        typed.set(d.clone());
        draft.set(d);
    };
    let calibrate = move || {
        let current = app.settings.with_untracked(|s| s.tiers.clone());
        let today = app.today.get_untracked();
        let targets = CalibrationTargets::default();
        let calibration = app.customers.with_untracked(|c| {
            app.visits.with_untracked(|v| tier_calibration::calibrate(c, v, &current, today, &targets))
        });
        let t = app.t_now();
        if !calibration.fitted {
            app.toast(move |t| (t.tiers.calibrate_not_enough)(calibration.buyers, targets.min_buyers));
            return;
        }
        // The dialog takes its fields as HTML text: made by `html!` here, so escaped.
        let fields = calibration_html(t, &current, &calibration);
        let body = (t.tiers.calibrate_body)(calibration.buyers, current.frequency_window_months);
        let ask = Confirm {
            title: t.tiers.calibrate_title,
            body: &body,
            confirm: t.tiers.calibrate_confirm,
            danger: false,
            name: "calibrate",
            fields: Some(fields),
        };
        let suggested = calibration.suggested;
        confirm(app, ask, move |_| {
            let shown = suggested.clone();
            save_tiers(app, suggested, move || show(&shown));
        });
    };
    let on_input = move |ev: leptos::ev::Event| {
        if let Some(root) = markup::current(&ev) {
            let d = read_form(&root);
            draft.update_untracked(|old| *old = d.clone());
            typed.set(d);
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| match action::<TierAction>(&ev) {
        Some((TierAction::Defaults, _)) => show(&TierSettings::default()),
        Some((TierAction::Calibrate, _)) => calibrate(),
        None => {}
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(root) = markup::current(&ev) else { return };
        let d = read_form(&root);
        draft.update_untracked(|old| *old = d.clone());
        let tiers = match d.parse() {
            Ok(t) => t,
            Err(e) => {
                errors.set(e);
                markup::focus_first_error();
                return;
            }
        };
        if !errors.with_untracked(Vec::is_empty) {
            errors.set(Errors::new());
        }
        save_tiers(app, tiers, || {});
    };
    view! {
        <section class="card tier-settings" id="tier-settings">
            <h2>{tx(|t| t.tiers.settings_title)}</h2>
            <p class="hint">{tx(|t| t.tiers.settings_hint)}</p>
            <p class="tier-preview" id="tier-preview" aria-live="polite">{move || preview.get()}</p>
            <form class="form" novalidate inner_html=markup on:input=on_input on:change=on_input on:click=on_click on:submit=save></form>
        </section>
    }
}
