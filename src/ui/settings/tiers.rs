//! Settings → customer tiers: the thresholds of the four dimensions, the score of each tier, and
//! the per-tier strategy. A live preview counts the customers per tier, with their share of the
//! spend, for what is typed; saving writes the settings and every resulting tier change (with its
//! history entry) in one batch, so that every customer's tier follows at once.
//!
//! "按我的数据校准" asks [`tier_calibration::calibrate`] for thresholds fitted to the book and shows
//! the tier mix before and after in the app's confirmation dialog; they are saved only if the
//! user confirms.
//!
//! The form is markup rendered from the draft (see `ui/customers/html.rs` for why) and read back
//! from the DOM as the user types.

use crate::domain::customer::NeedType;
use crate::domain::tier::{NoAnswerAction, Tier, TierSettings};
use crate::domain::tier_calibration::{self, Calibration, CalibrationTargets};
use crate::domain::tier_form::{StrategyDraft, TierField, TierFieldError, TierSettingsDraft};
use crate::domain::tiering::{self, TierMix};
use crate::i18n::Texts;
use crate::i18n::format;
use crate::store::Batch;
use crate::ui::components::fields::{Input, input, options_markup, tier_badge};
use crate::ui::components::tx;
use crate::ui::components::{Confirm, confirm};
use crate::ui::customers::html::{self, esc};
use crate::ui::customers::remember;
use crate::ui::state::AppState;
use crate::ui::state::use_app;
use leptos::prelude::*;

const ACTIONS: [NoAnswerAction; 4] = [
    NoAnswerAction::HandToSpecialist,
    NoAnswerAction::SmsCare,
    NoAnswerAction::DemoteToBasic,
    NoAnswerAction::StopPeriodic,
];

type Errors = Vec<(TierField, TierFieldError)>;

fn form_html(t: &Texts, d: &TierSettingsDraft, errors: &Errors) -> String {
    let tt = &t.tiers;
    let e = |f: TierField| errors.iter().find(|(x, _)| *x == f).map(|(_, e)| (tt.field_error)(e));
    let num = |label: &str, name: &str, value: &str, f: TierField| {
        input(label, name, value, e(f).as_deref(), "", Input::DECIMAL).into_string()
    };
    let group = |legend: &str, class: &str, body: String| {
        format!(r#"<fieldset><legend>{legend}</legend><div class="form-grid {class}">{body}</div></fieldset>"#)
    };
    let dimensions: String = [
        (tt.frequency, "frequency-points", TierField::FrequencyPoints),
        (tt.spend, "spend-points", TierField::SpendPoints),
        (tt.activity, "activity-points", TierField::ActivityPoints),
    ]
    .iter()
    .enumerate()
    .map(|(k, (dimension, name, field))| num(&(tt.full_marks)(dimension), name, &d.dimension_points[k], *field))
    .collect();
    let need: String = NeedType::ALL
        .iter()
        .enumerate()
        .map(|(k, n)| {
            num((t.labels.need)(*n), &format!("need-points-{k}"), &d.need_points[k], TierField::NeedPoints(k))
        })
        .collect();
    let scores: String = [Tier::Diamond, Tier::Gold, Tier::Silver]
        .iter()
        .enumerate()
        .map(|(k, tier)| {
            num(
                &(tt.min_score)((t.labels.tier)(*tier)),
                &format!("min-score-{k}"),
                &d.min_scores[k],
                TierField::MinScore(*tier),
            )
        })
        .collect();
    let strategies: String = Tier::ALL
        .iter()
        .map(|tier| {
            let i = tier.index();
            let s = &d.strategies[i];
            let invalid = |f| if e(f).is_some() { " invalid" } else { "" };
            let err = |f| e(f).map(|m| format!(r#"<span class="field-error">{}</span>"#, esc(&m))).unwrap_or_default();
            let units = [("d", tt.days, !s.cadence_in_months), ("m", tt.months, s.cadence_in_months)]
                .map(|(v, l, sel)| (v.to_string(), l.to_string(), sel));
            let actions: Vec<_> =
                ACTIONS.iter().enumerate().map(|(k, a)| (k.to_string(), (t.labels.no_answer_action)(*a).to_string(), s.no_answer_action == *a)).collect();
            format!(
                r#"<fieldset class="strategy-tier"><legend>{badge}</legend>
<div class="field{ci}"><span>{cadence}</span><div class="inline-inputs"><span>{every}</span><input class="short" inputmode="numeric" name="cadence-{i}" value="{count}" aria-label="{cadence}"><select name="cadence-unit-{i}" aria-label="{cadence}">{units}</select></div>{cerr}</div>
{carries}{emphasis}
<div class="field{ni}"><span>{after}</span><div class="inline-inputs"><input class="short" inputmode="numeric" name="no-answer-{i}" value="{in_a_row}" aria-label="{calls}"><select name="no-answer-action-{i}" aria-label="{after}">{actions}</select></div>{nerr}</div>
</fieldset>"#,
                badge = tier_badge(t, *tier).into_string(),
                ci = invalid(TierField::Cadence(*tier)),
                cadence = tt.cadence,
                every = tt.every,
                count = esc(&s.cadence_count),
                units = options_markup(&units).into_string(),
                cerr = err(TierField::Cadence(*tier)),
                carries = input(tt.carries, &format!("carries-{i}"), &s.carries, None, (t.labels.tier_carries)(*tier), Input::TEXT).into_string(),
                emphasis = input(tt.emphasis, &format!("emphasis-{i}"), &s.emphasis, None, (t.labels.tier_emphasis)(*tier), Input::TEXT).into_string(),
                ni = invalid(TierField::NoAnswer(*tier)),
                after = tt.after_unanswered,
                in_a_row = esc(&s.no_answer_in_a_row),
                calls = tt.calls_in_a_row,
                actions = options_markup(&actions).into_string(),
                nerr = err(TierField::NoAnswer(*tier)),
            )
        })
        .collect();
    [
        format!(
            r#"<div class="calibrate-row"><button type="button" class="button" id="calibrate-tiers" data-action="calibrate">{}</button><p class="hint">{}</p></div>"#,
            tt.calibrate, tt.calibrate_hint
        ),
        group(
            tt.frequency,
            "three",
            [
                num(tt.frequency_window, "frequency_window", &d.frequency_window_months, TierField::FrequencyWindow),
                num(tt.frequency_high, "frequency_high", &d.frequency_high, TierField::FrequencyHigh),
                num(tt.frequency_mid, "frequency_mid", &d.frequency_mid, TierField::FrequencyMid),
            ]
            .concat(),
        ),
        group(
            tt.spend,
            "",
            [
                num(tt.spend_high, "spend_high", &d.spend_high, TierField::SpendHigh),
                num(tt.spend_mid, "spend_mid", &d.spend_mid, TierField::SpendMid),
            ]
            .concat(),
        ),
        group(
            tt.activity,
            "three",
            [
                num(tt.activity_window, "activity_window", &d.activity_window_days, TierField::ActivityWindow),
                num(tt.active_min, "active_min", &d.active_min, TierField::ActiveMin),
                num(tt.semi_active_min, "semi_active_min", &d.semi_active_min, TierField::SemiActiveMin),
            ]
            .concat(),
        ),
        group(tt.dimension_points, "three", dimensions),
        group(tt.need_points, "three", need),
        format!(
            r#"<fieldset><legend>{}</legend><p class="hint">{}</p><div class="form-grid three">{scores}</div></fieldset>"#,
            tt.min_scores, tt.min_scores_hint
        ),
        format!(r#"<h3>{}</h3><p class="hint">{}</p><div class="strategies">{strategies}</div>"#, tt.strategy_title, tt.strategy_hint),
        format!(
            r#"<div class="form-actions"><button type="button" class="button subtle" id="tier-defaults" data-action="defaults">{}</button><button type="submit" class="button primary" id="save-tiers">{}</button></div>"#,
            tt.restore_defaults, t.common.save
        ),
    ]
    .concat()
}

fn read_form(root: &web_sys::Element) -> TierSettingsDraft {
    let v = |name: &str| html::value(root, name);
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
fn calibration_html(t: &Texts, current: &TierSettings, c: &Calibration) -> String {
    let tt = &t.tiers;
    let mix_rows: String = Tier::ALL
        .iter()
        .map(|tier| {
            let i = tier.index();
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                tier_badge(t, *tier).into_string(),
                esc(&(tt.calibrate_cell)(c.before.customers[i], c.before.spend_share(*tier))),
                esc(&(tt.calibrate_cell)(c.after.customers[i], c.after.spend_share(*tier)))
            )
        })
        .collect();
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
    let threshold_rows: String = thresholds
        .iter()
        .map(|(name, now, after)| {
            format!("<tr><th>{}</th><td>{}</td><td>{}</td></tr>", esc(name), esc(now), esc(after))
        })
        .collect();
    let head =
        format!("<tr><th>{}</th><th>{}</th><th>{}</th></tr>", tt.calibrate_tier, tt.calibrate_now, tt.calibrate_after);
    format!(
        r#"<div class="table-wrap"><table class="calibration" id="calibration-mix"><thead>{head}</thead><tbody>{mix_rows}</tbody></table></div><div class="table-wrap"><table class="calibration" id="calibration-thresholds"><tbody>{threshold_rows}</tbody></table></div>"#
    )
}

/// Saves new tier settings with every tier change they cause, in one batch.
fn save_tiers(app: AppState, tiers: TierSettings, on_saved: impl FnOnce() + 'static) {
    let mut settings = app.settings.get_untracked();
    let today = app.today.get_untracked();
    let changed = app.customers.with_untracked(|c| {
        app.visits.with_untracked(|v| tiering::reconcile_thresholds(c, v, &settings.tiers, &tiers, today))
    });
    settings.tiers = tiers;
    let mut batch = Batch::new();
    let settings = batch.save_settings(&settings);
    let saved: Vec<_> = changed.iter().map(|c| batch.save(c)).collect();
    let n = saved.len();
    app.commit(batch, move || {
        app.settings.set(settings);
        remember(app, saved);
        app.toast((app.t_now().tiers.saved)(n));
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
    let html = move || errors.with(|e| draft.with(|d| form_html(app.t(), d, e)));

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
            app.toast((t.tiers.calibrate_not_enough)(calibration.buyers, targets.min_buyers));
            return;
        }
        let fields = calibration_html(t, &current, &calibration);
        let body = (t.tiers.calibrate_body)(calibration.buyers, current.frequency_window_months);
        let ask = Confirm {
            title: t.tiers.calibrate_title,
            body: &body,
            confirm: t.tiers.calibrate_confirm,
            danger: false,
            name: "calibrate",
            fields: &fields,
        };
        let suggested = calibration.suggested;
        confirm(app, ask, move |_| {
            let shown = suggested.clone();
            save_tiers(app, suggested, move || show(&shown));
        });
    };
    let on_input = move |ev: leptos::ev::Event| {
        if let Some(root) = html::current(&ev) {
            let d = read_form(&root);
            draft.update_untracked(|old| *old = d.clone());
            typed.set(d);
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| match html::action(&ev).map(|(a, _)| a).as_deref() {
        Some("defaults") => show(&TierSettings::default()),
        Some("calibrate") => calibrate(),
        _ => {}
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(root) = html::current(&ev) else { return };
        let d = read_form(&root);
        draft.update_untracked(|old| *old = d.clone());
        let tiers = match d.parse() {
            Ok(t) => t,
            Err(e) => {
                errors.set(e);
                html::focus_first_error();
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
            <form class="form" novalidate inner_html=html on:input=on_input on:change=on_input on:click=on_click on:submit=save></form>
        </section>
    }
}
