//! Settings of the schedule: every window and lead time of the rules, and the holidays. Written
//! as `maud` markup with one delegated listener per form (see `components::markup` for why).

use crate::domain::agenda::Responsible;
use crate::domain::customer::{ContactMethod, Id, Severity};
use crate::domain::schedule::{Holiday, HolidayDate, PurchaseNode, ScheduleSettings, severity_index};
use crate::i18n::Texts;
use crate::ui::components::markup::{
    action, action_of, actions, all, field_value, is_checked, named, show_error_in, target_element, value_of,
};
use crate::ui::components::{Confirm, confirm};
use crate::ui::state::{AppState, new_id, use_app};
use leptos::prelude::*;
use maud::{Markup, html};
use wasm_bindgen::JsCast;

actions! {
    /// What the buttons of the rules form do.
    enum RulesAction { AddNode = "add-node", RemoveNode = "remove-node", Reset = "reset" }
}

actions! {
    /// The built-in holidays' switches, by field name.
    enum BuiltinHoliday { SpringFestival = "spring_festival", MidAutumn = "mid_autumn" }
}

actions! {
    /// What the holiday block's switches and buttons do.
    enum HolidayAction {
        /// A built-in holiday (Spring Festival, Mid-Autumn) switched on or off, saved on change.
        Builtin = "builtin",
        Add = "add-holiday",
        Edit = "edit-holiday",
        Cancel = "cancel-holiday",
        Delete = "delete-holiday",
    }
}

/// A whole number of the settings: its field name, label, upper bound, and where it lives.
struct NumField {
    name: &'static str,
    label: fn(&Texts) -> &'static str,
    max: u32,
    get: fn(&ScheduleSettings) -> u32,
    set: fn(&mut ScheduleSettings, u32),
}

/// A group of fields under a legend; `window` groups are a from/to pair checked for order.
struct Group {
    legend: fn(&Texts) -> &'static str,
    hint: Option<fn(&Texts) -> &'static str>,
    fields: &'static [NumField],
    window: bool,
    method: Option<MethodField>,
    /// What the group carries besides its numbers.
    extra: Extra,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Extra {
    None,
    /// The post-purchase nodes follow this group.
    NodesAfter,
    /// Who follows up a complaint of each severity, and whether on site.
    Severity,
    /// The switch that turns monthly sampling on.
    SamplingSwitch,
}

/// A method select: its field name, and where the value lives.
type MethodField = (&'static str, fn(&ScheduleSettings) -> ContactMethod, fn(&mut ScheduleSettings, ContactMethod));

const fn from_to(
    name: [&'static str; 2],
    get: [fn(&ScheduleSettings) -> u32; 2],
    set: [fn(&mut ScheduleSettings, u32); 2],
) -> [NumField; 2] {
    [
        NumField { name: name[0], label: |t| t.schedule_settings.from_day, max: 3650, get: get[0], set: set[0] },
        NumField { name: name[1], label: |t| t.schedule_settings.to_day, max: 3650, get: get[1], set: set[1] },
    ]
}

static ACTIVATION: [NumField; 2] = from_to(
    ["activation_from", "activation_to"],
    [|s| s.activation.from, |s| s.activation.to],
    [|s, v| s.activation.from = v, |s, v| s.activation.to = v],
);
static AFTER_SERVICE: [NumField; 2] = from_to(
    ["service_from", "service_to"],
    [|s| s.after_service.from, |s| s.after_service.to],
    [|s, v| s.after_service.from = v, |s, v| s.after_service.to = v],
);
static COMPLAINT_HANDLING: [NumField; 2] = from_to(
    ["handling_from", "handling_to"],
    [|s| s.complaint_handling.from, |s| s.complaint_handling.to],
    [|s, v| s.complaint_handling.from = v, |s, v| s.complaint_handling.to = v],
);
static COMPLAINT_FIRST: [NumField; 2] = from_to(
    ["complaint_from", "complaint_to"],
    [|s| s.complaint_first.from, |s| s.complaint_first.to],
    [|s, v| s.complaint_first.from = v, |s, v| s.complaint_first.to = v],
);
static COMPLAINT_REPEAT: [NumField; 2] = [
    NumField {
        name: "complaint_repeat",
        label: |t| t.schedule_settings.complaint_repeat,
        max: 365,
        get: |s| s.complaint_repeat_days,
        set: |s, v| s.complaint_repeat_days = v.max(1),
    },
    NumField {
        name: "complaint_repeat_window",
        label: |t| t.schedule_settings.complaint_repeat_window,
        max: 365,
        get: |s| s.complaint_repeat_window_days,
        set: |s, v| s.complaint_repeat_window_days = v,
    },
];
static INCIDENT: [NumField; 2] = from_to(
    ["incident_from", "incident_to"],
    [|s| s.incident.from, |s| s.incident.to],
    [|s, v| s.incident.from = v, |s, v| s.incident.to = v],
);
static CARE: [NumField; 2] = [
    NumField {
        name: "care_after_months",
        label: |t| t.schedule_settings.care_after_months,
        max: 120,
        get: |s| s.care_after_months,
        set: |s, v| s.care_after_months = v,
    },
    NumField {
        name: "care_window",
        label: |t| t.schedule_settings.care_window,
        max: 365,
        get: |s| s.care_window_days,
        set: |s, v| s.care_window_days = v,
    },
];
static BIRTHDAY: [NumField; 1] = [NumField {
    name: "birthday_lead",
    label: |t| t.schedule_settings.days_before,
    max: 60,
    get: |s| s.birthday_lead_days,
    set: |s, v| s.birthday_lead_days = v,
}];
static HOLIDAY: [NumField; 1] = [NumField {
    name: "holiday_lead",
    label: |t| t.schedule_settings.days_before,
    max: 60,
    get: |s| s.holiday_lead_days,
    set: |s, v| s.holiday_lead_days = v,
}];
static LIFE: [NumField; 4] = [
    NumField {
        name: "purchase_grace",
        label: |t| t.schedule_settings.purchase_grace,
        max: 365,
        get: |s| s.purchase_grace_days,
        set: |s, v| s.purchase_grace_days = v,
    },
    NumField {
        name: "activation_grace",
        label: |t| t.schedule_settings.activation_grace,
        max: 365,
        get: |s| s.activation_grace_days,
        set: |s, v| s.activation_grace_days = v,
    },
    NumField {
        name: "service_grace",
        label: |t| t.schedule_settings.service_grace,
        max: 365,
        get: |s| s.service_grace_days,
        set: |s, v| s.service_grace_days = v,
    },
    NumField {
        name: "other_grace",
        label: |t| t.schedule_settings.other_grace,
        max: 365,
        get: |s| s.other_grace_days,
        set: |s, v| s.other_grace_days = v,
    },
];
static SAMPLING: [NumField; 5] = [
    NumField {
        name: "sampling_min",
        label: |t| t.schedule_settings.sampling_min,
        max: 100,
        get: |s| s.sampling.customers_min,
        set: |s, v| s.sampling.customers_min = v,
    },
    NumField {
        name: "sampling_max",
        label: |t| t.schedule_settings.sampling_max,
        max: 100,
        get: |s| s.sampling.customers_max,
        set: |s, v| s.sampling.customers_max = v,
    },
    NumField {
        name: "sampling_repairs",
        label: |t| t.schedule_settings.sampling_repairs,
        max: 100,
        get: |s| s.sampling.repair_percent,
        set: |s, v| s.sampling.repair_percent = v,
    },
    NumField {
        name: "sampling_complaints",
        label: |t| t.schedule_settings.sampling_complaints,
        max: 100,
        get: |s| s.sampling.complaint_percent,
        set: |s, v| s.sampling.complaint_percent = v,
    },
    NumField {
        name: "sampling_window",
        label: |t| t.schedule_settings.sampling_window,
        max: 28,
        get: |s| s.sampling.window_days,
        set: |s, v| s.sampling.window_days = v,
    },
];
static AGENDA: [NumField; 2] = [
    NumField {
        name: "no_contact_days",
        label: |t| t.schedule_settings.no_contact_days,
        max: 3650,
        get: |s| s.no_contact_days,
        set: |s, v| s.no_contact_days = v,
    },
    NumField {
        name: "coming_days",
        label: |t| t.schedule_settings.coming_days,
        max: 90,
        get: |s| s.coming_days,
        set: |s, v| s.coming_days = v,
    },
];

static GROUPS: [Group; 11] = [
    Group {
        legend: |t| t.schedule_settings.activation,
        hint: None,
        fields: &ACTIVATION,
        window: true,
        method: Some(("activation_method", |s| s.activation_method, |s, m| s.activation_method = m)),
        extra: Extra::NodesAfter,
    },
    Group {
        legend: |t| t.schedule_settings.after_service,
        hint: None,
        fields: &AFTER_SERVICE,
        window: true,
        method: None,
        extra: Extra::None,
    },
    Group {
        legend: |t| t.schedule_settings.complaint_handling,
        hint: None,
        fields: &COMPLAINT_HANDLING,
        window: true,
        method: None,
        extra: Extra::None,
    },
    Group {
        legend: |t| t.schedule_settings.complaint_first,
        hint: None,
        fields: &COMPLAINT_FIRST,
        window: true,
        method: None,
        extra: Extra::None,
    },
    Group {
        legend: |t| t.schedule_settings.complaint,
        hint: None,
        fields: &COMPLAINT_REPEAT,
        window: false,
        method: None,
        extra: Extra::Severity,
    },
    Group {
        legend: |t| t.schedule_settings.incident,
        hint: None,
        fields: &INCIDENT,
        window: true,
        method: None,
        extra: Extra::None,
    },
    Group {
        legend: |t| t.schedule_settings.care,
        hint: Some(|t| t.schedule_settings.care_hint),
        fields: &CARE,
        window: false,
        method: Some(("care_method", |s| s.care_method, |s, m| s.care_method = m)),
        extra: Extra::None,
    },
    Group {
        legend: |t| t.schedule_settings.birthday_lead,
        hint: None,
        fields: &BIRTHDAY,
        window: false,
        method: Some(("birthday_method", |s| s.birthday_method, |s, m| s.birthday_method = m)),
        extra: Extra::None,
    },
    Group {
        legend: |t| t.schedule_settings.holiday_lead,
        hint: None,
        fields: &HOLIDAY,
        window: false,
        method: Some(("holiday_method", |s| s.holiday_method, |s, m| s.holiday_method = m)),
        extra: Extra::None,
    },
    Group {
        legend: |t| t.schedule_settings.sampling,
        hint: Some(|t| t.schedule_settings.sampling_hint),
        fields: &SAMPLING,
        window: false,
        method: None,
        extra: Extra::SamplingSwitch,
    },
    Group {
        legend: |t| t.schedule_settings.life,
        hint: Some(|t| t.schedule_settings.life_hint),
        fields: &LIFE,
        window: false,
        method: None,
        extra: Extra::None,
    },
];

const RESPONSIBLE: [Responsible; 4] =
    [Responsible::Agent, Responsible::Supervisor, Responsible::Manager, Responsible::Specialist];
const SEVERITIES: [Severity; 3] = [Severity::General, Severity::Important, Severity::Major];

fn options<T: Copy + PartialEq>(all: &[T], current: T, name: impl Fn(T) -> &'static str) -> Markup {
    html! {
        @for (i, v) in all.iter().enumerate() {
            option value=(i) selected[*v == current] { (name(*v)) }
        }
    }
}

fn number(name: &str, label: &str, value: u32) -> Markup {
    html! {
        label.field.compact {
            span { (label) }
            input type="text" inputmode="numeric" name=(name) value=(value);
            span class="field-error" data-for=(name) role="alert" {}
        }
    }
}

fn method(t: &Texts, name: &str, current: ContactMethod) -> Markup {
    html! {
        label.field.compact {
            span { (t.schedule_settings.method) }
            select name=(name) { (options(&ContactMethod::ALL, current, |m| (t.labels.method)(m))) }
        }
    }
}

fn node_row(t: &Texts, node: &PurchaseNode) -> Markup {
    let st = &t.schedule_settings;
    html! {
        div.rule-fields.node-row {
            (number("node_day", st.node_day, node.day))
            (number("node_window", st.node_window, node.window_days))
            (method(t, "node_method", node.method))
            button type="button" class="button subtle small remove-node" data-action=(RulesAction::RemoveNode)
                aria-label=(st.remove_node) { "✕" }
        }
    }
}

/// Who follows up a complaint of each severity, and whether the visits are on site.
fn severity_rows(t: &Texts, s: &ScheduleSettings) -> Markup {
    let st = &t.schedule_settings;
    html! {
        p.rule-subtitle { (st.severity_rules) }
        @for severity in SEVERITIES {
            @let rule = s.severity_rule(severity);
            @let n = severity_index(severity);
            @let severity_name = (t.labels.severity)(severity);
            div.rule-fields.severity-row {
                span.severity-name { (severity_name) }
                select name={ "sev" (n) "_responsible" } aria-label=(severity_name) {
                    (options(&RESPONSIBLE, rule.responsible, |r| (t.agenda.responsible)(r)))
                }
                label.check {
                    input type="checkbox" name={ "sev" (n) "_on_site" } checked[rule.on_site];
                    " " (st.severity_first_on_site)
                }
                label.check {
                    input type="checkbox" name={ "sev" (n) "_every_round" } checked[rule.on_site_every_round];
                    " " (st.severity_every_round_on_site)
                }
            }
        }
    }
}

/// The post-purchase calls, with a template row for "add".
fn purchase_nodes(t: &Texts, s: &ScheduleSettings) -> Markup {
    let st = &t.schedule_settings;
    let template = node_row(t, &PurchaseNode { day: 180, window_days: 7, method: ContactMethod::Phone });
    html! {
        fieldset.rule #purchase-nodes {
            legend { (st.purchase_nodes) }
            p.hint { (st.purchase_nodes_hint) }
            div.node-rows {
                @for node in &s.purchase_nodes {
                    (node_row(t, node))
                }
            }
            template #node-template { (template) }
            span class="field-error" data-for="nodes" role="alert" {}
            button type="button" class="button small" id="add-node" data-action=(RulesAction::AddNode) { (st.add_node) }
        }
    }
}

/// The rules form, filled from `s`.
fn rules_form(t: &Texts, s: &ScheduleSettings) -> Markup {
    let st = &t.schedule_settings;
    html! {
        form.card.form.schedule-rules #schedule-rules novalidate {
            h2 { (st.title) }
            p.hint { (st.hint) }
            @for group in GROUPS.iter() {
                fieldset.rule {
                    legend { ((group.legend)(t)) }
                    @if let Some(hint) = group.hint {
                        p.hint { (hint(t)) }
                    }
                    @if group.extra == Extra::SamplingSwitch {
                        label.check {
                            input type="checkbox" name="sampling_on" checked[s.sampling.enabled];
                            " " (st.sampling_on)
                        }
                    }
                    div.rule-fields {
                        @for field in group.fields {
                            (number(field.name, (field.label)(t), (field.get)(s)))
                        }
                        @if let Some((name, get, _)) = group.method {
                            (method(t, name, get(s)))
                        }
                    }
                    @if group.extra == Extra::Severity {
                        (severity_rows(t, s))
                    }
                }
                @if group.extra == Extra::NodesAfter {
                    (purchase_nodes(t, s))
                }
            }
            fieldset.rule {
                legend { (st.agenda_view) }
                label.check {
                    input type="checkbox" name="announce" checked[s.announce_day_before];
                    " " (st.announce)
                }
                div.rule-fields {
                    @for field in &AGENDA {
                        (number(field.name, (field.label)(t), (field.get)(s)))
                    }
                }
            }
            p class="field-error form-error" role="alert" {}
            div.form-actions {
                button type="button" class="button subtle" data-action=(RulesAction::Reset) { (st.reset_defaults) }
                button type="submit" class="button primary" { (t.common.save) }
            }
        }
    }
}

fn error_slot(form: &web_sys::Element, name: &str) -> Option<web_sys::Element> {
    form.query_selector(&format!(r#".field-error[data-for="{name}"]"#)).ok().flatten()
}

/// Reads a whole number, showing what is wrong next to the field.
fn read_number(t: &Texts, field: &web_sys::Element, max: u32) -> Option<u32> {
    let text: String = value_of(field).chars().filter(|c| !c.is_whitespace()).collect();
    let slot = field.closest(".field").ok().flatten().and_then(|f| f.query_selector(".field-error").ok().flatten());
    let (value, message) = match text.parse::<u32>() {
        Ok(n) if n <= max => (Some(n), None),
        Ok(_) => (None, Some((t.schedule_settings.too_large)(max))),
        Err(_) => (None, Some(t.schedule_settings.not_a_number.to_string())),
    };
    show_error_in(slot, message.as_deref());
    value
}

fn read_method(within: &web_sys::Element, name: &str) -> Option<ContactMethod> {
    field_value(within, name).parse::<usize>().ok().and_then(|i| ContactMethod::ALL.get(i).copied())
}

/// Parses the whole form into settings, showing every problem at once.
fn read_rules(t: &Texts, form: &web_sys::Element, current: &ScheduleSettings) -> Option<ScheduleSettings> {
    let mut s = current.clone();
    let mut ok = true;
    for group in GROUPS.iter() {
        let mut values = Vec::new();
        for field in group.fields {
            let Ok(Some(input)) = form.query_selector(&format!("[name={}]", field.name)) else { continue };
            match read_number(t, &input, field.max) {
                Some(v) => {
                    (field.set)(&mut s, v);
                    values.push(v);
                }
                None => ok = false,
            }
        }
        if group.window && values.len() == 2 && values[1] < values[0] {
            show_error_in(error_slot(form, group.fields[1].name), Some(t.schedule_settings.window_backwards));
            ok = false;
        }
        if let Some((name, _, set)) = group.method
            && let Some(m) = read_method(form, name)
        {
            set(&mut s, m);
        }
    }
    for field in &AGENDA {
        let Ok(Some(input)) = form.query_selector(&format!("[name={}]", field.name)) else { continue };
        match read_number(t, &input, field.max) {
            Some(v) => (field.set)(&mut s, v),
            None => ok = false,
        }
    }
    let mut nodes = Vec::new();
    for row in all(form, ".node-row") {
        let day = row.query_selector("[name=node_day]").ok().flatten().and_then(|f| read_number(t, &f, 3650));
        let window = row.query_selector("[name=node_window]").ok().flatten().and_then(|f| read_number(t, &f, 365));
        match (day, window) {
            (Some(day), Some(window_days)) => nodes.push(PurchaseNode {
                day,
                window_days,
                method: read_method(&row, "node_method").unwrap_or(ContactMethod::Phone),
            }),
            _ => ok = false,
        }
    }
    nodes.sort_by_key(|n| n.day);
    let duplicate = nodes.windows(2).any(|w| w[0].day == w[1].day);
    show_error_in(error_slot(form, "nodes"), duplicate.then_some(t.schedule_settings.no_nodes_duplicate));
    ok &= !duplicate;
    s.purchase_nodes = nodes;
    for severity in SEVERITIES {
        let n = severity_index(severity);
        if let Some(r) =
            field_value(form, &format!("sev{n}_responsible")).parse::<usize>().ok().and_then(|i| RESPONSIBLE.get(i))
        {
            s.severity[n].responsible = *r;
        }
        s.severity[n].on_site = is_checked(form, &format!("[name=sev{n}_on_site]"));
        s.severity[n].on_site_every_round = is_checked(form, &format!("[name=sev{n}_every_round]"));
    }
    s.sampling.enabled = is_checked(form, "[name=sampling_on]");
    if s.sampling.customers_max < s.sampling.customers_min {
        show_error_in(error_slot(form, "sampling_max"), Some(t.schedule_settings.window_backwards));
        ok = false;
    }
    s.announce_day_before = is_checked(form, "[name=announce]");
    let form_error = form.query_selector(".form-error").ok().flatten();
    show_error_in(form_error, (!ok).then_some(t.schedule_settings.fix_errors));
    ok.then_some(s)
}

/// Asks in the app's own dialog (the shared one, in the user's language) and runs `then` only
/// if the user confirms.
fn ask(app: AppState, title: &str, confirm_label: &str, name: &str, then: impl FnOnce() + 'static) {
    let question = Confirm { title, body: "", confirm: confirm_label, danger: true, name, fields: None };
    confirm(app, question, move |_| then());
}

fn save_schedule(app: AppState, change: impl FnOnce(&mut ScheduleSettings)) {
    let mut settings = app.settings.get_untracked();
    change(&mut settings.schedule);
    app.save_settings(settings);
}

#[component]
pub fn ScheduleRules() -> impl IntoView {
    let app = use_app();
    // Re-rendered when the language or these rules change (not when a holiday does: the memo's
    // text is then the same, so unsaved edits stay).
    let form = Memo::new(move |_| {
        let t = app.t();
        app.settings.with(|s| rules_form(t, &s.schedule).into_string())
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = target_element(&ev) else { return };
        if form.id() != "schedule-rules" {
            return;
        }
        ev.prevent_default();
        let t = app.t_now();
        let current = app.settings.with_untracked(|s| s.schedule.clone());
        if let Some(rules) = read_rules(t, &form, &current) {
            save_schedule(app, |s| *s = rules);
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((what, button)) = action::<RulesAction>(&ev) else { return };
        let t = app.t_now();
        match what {
            RulesAction::AddNode => {
                let document = web_sys::window().and_then(|w| w.document());
                let template = document.as_ref().and_then(|d| d.get_element_by_id("node-template"));
                let rows =
                    document.as_ref().and_then(|d| d.query_selector("#purchase-nodes .node-rows").ok().flatten());
                if let (Some(template), Some(rows)) = (template, rows) {
                    let _ = rows.insert_adjacent_html("beforeend", &template.inner_html());
                }
            }
            RulesAction::RemoveNode => {
                if let Ok(Some(row)) = button.closest(".node-row") {
                    row.remove();
                }
            }
            RulesAction::Reset => {
                let st = &t.schedule_settings;
                ask(app, st.reset_confirm, st.reset_defaults, "reset-rules", move || {
                    save_schedule(app, |s| {
                        *s = ScheduleSettings {
                            holidays: std::mem::take(&mut s.holidays),
                            spring_festival: s.spring_festival,
                            mid_autumn: s.mid_autumn,
                            ..ScheduleSettings::default()
                        }
                    })
                });
            }
        }
    };
    view! {
        <div inner_html=move || form.get() on:submit=on_submit on:click=on_click></div>
        <Holidays />
    }
}

fn describe(t: &Texts, date: HolidayDate) -> String {
    match date {
        HolidayDate::Gregorian { month, day } => (t.schedule_settings.gregorian_date)(month, day),
        HolidayDate::Lunar { month, day } => (t.schedule_settings.lunar_date)(month, day),
    }
}

fn holidays_html(t: &Texts, s: &ScheduleSettings, editing: Option<&Holiday>) -> Markup {
    let st = &t.schedule_settings;
    html! {
        section.card.holidays #holidays {
            h2 { (st.holidays) }
            p.hint { (st.holidays_hint) }
            label.check {
                input type="checkbox" name=(BuiltinHoliday::SpringFestival) data-action=(HolidayAction::Builtin)
                    checked[s.spring_festival];
                " " (st.builtin_spring)
            }
            label.check {
                input type="checkbox" name=(BuiltinHoliday::MidAutumn) data-action=(HolidayAction::Builtin) checked[s.mid_autumn];
                " " (st.builtin_mid_autumn)
            }
            h3 { (st.my_holidays) }
            @if s.holidays.is_empty() {
                p.hint { (st.no_holidays) }
            } @else {
                ul.holiday-list {
                    @for h in &s.holidays {
                        li {
                            span.holiday-name { (h.name) }
                            " "
                            span.hint { (describe(t, h.date)) }
                            span.actions {
                                button type="button" class="button small" data-action=(HolidayAction::Edit)
                                    data-id=(h.id) { (t.common.edit) }
                                button type="button" class="button small subtle" data-action=(HolidayAction::Delete)
                                    data-id=(h.id) { (t.common.delete) }
                            }
                        }
                    }
                }
            }
            @match editing {
                None => {
                    button type="button" class="button" id="add-holiday" data-action=(HolidayAction::Add) {
                        (st.add_holiday)
                    }
                }
                Some(h) => (holiday_form(t, h)),
            }
        }
    }
}

fn holiday_form(t: &Texts, h: &Holiday) -> Markup {
    let st = &t.schedule_settings;
    let (lunar, month, day) = match h.date {
        HolidayDate::Gregorian { month, day } => (false, month, day),
        HolidayDate::Lunar { month, day } => (true, u32::from(month), u32::from(day)),
    };
    html! {
        form.holiday-form.form #holiday-form data-id=(h.id) novalidate {
            h3 { (st.edit_holiday) }
            label.field {
                span { (st.holiday_name) }
                input type="text" name="holiday_name" maxlength="40" value=(h.name);
                span class="field-error" data-for="holiday_name" role="alert" {}
            }
            div.rule-fields {
                label.field.compact {
                    span { (st.holiday_calendar) }
                    select name="holiday_calendar" {
                        @for (l, name) in [(false, st.gregorian), (true, st.lunar)] {
                            option value=(if l { "lunar" } else { "gregorian" }) selected[l == lunar] { (name) }
                        }
                    }
                }
                label.field.compact {
                    span { (st.month) }
                    input type="text" inputmode="numeric" name="holiday_month" value=(month);
                }
                label.field.compact {
                    span { (st.day) }
                    input type="text" inputmode="numeric" name="holiday_day" value=(day);
                    span class="field-error" data-for="holiday_day" role="alert" {}
                }
            }
            div.form-actions {
                button type="button" class="button subtle" data-action=(HolidayAction::Cancel) { (t.common.cancel) }
                button type="submit" class="button primary" id="save-holiday" { (t.common.save) }
            }
        }
    }
}

/// Spring Festival and Mid-Autumn on or off, and the user's own holidays.
#[component]
fn Holidays() -> impl IntoView {
    let app = use_app();
    let editing = RwSignal::new(None::<Holiday>);
    let html = move || {
        let t = app.t();
        editing.with(|e| app.settings.with(|s| holidays_html(t, &s.schedule, e.as_ref()).into_string()))
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((what, button)) = action::<HolidayAction>(&ev) else { return };
        let id = button.get_attribute("data-id").unwrap_or_default();
        let t = app.t_now();
        match what {
            HolidayAction::Add => editing.set(Some(Holiday {
                id: new_id(),
                name: String::new(),
                date: HolidayDate::Gregorian { month: 1, day: 1 },
            })),
            HolidayAction::Edit => {
                editing.set(app.settings.with_untracked(|s| s.schedule.holidays.iter().find(|h| h.id == id).cloned()))
            }
            HolidayAction::Cancel => editing.set(None),
            HolidayAction::Delete => {
                let name = app
                    .settings
                    .with_untracked(|s| s.schedule.holidays.iter().find(|h| h.id == id).map(|h| h.name.clone()));
                if let Some(name) = name {
                    let title = (t.schedule_settings.delete_holiday_confirm)(&name);
                    ask(app, &title, t.common.delete, "delete-holiday", move || {
                        save_schedule(app, |s| s.holidays.retain(|h| h.id != id))
                    });
                }
            }
            // The switches save on change.
            HolidayAction::Builtin => {}
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(target) = target_element(&ev) else { return };
        if action_of::<HolidayAction>(&target) != Some(HolidayAction::Builtin) {
            return;
        }
        let on = target.dyn_ref::<web_sys::HtmlInputElement>().is_some_and(|i| i.checked());
        match named::<BuiltinHoliday>(&target) {
            Some(BuiltinHoliday::SpringFestival) => save_schedule(app, |s| s.spring_festival = on),
            Some(BuiltinHoliday::MidAutumn) => save_schedule(app, |s| s.mid_autumn = on),
            None => {}
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = target_element(&ev) else { return };
        ev.prevent_default();
        let t = app.t_now();
        let id: Id = form.get_attribute("data-id").unwrap_or_default().into();
        let name = field_value(&form, "holiday_name").trim().to_string();
        show_error_in(
            error_slot(&form, "holiday_name"),
            name.is_empty().then_some(t.schedule_settings.holiday_name_required),
        );
        let lunar = field_value(&form, "holiday_calendar") == "lunar";
        let month = field_value(&form, "holiday_month").trim().parse::<u32>().ok();
        let day = field_value(&form, "holiday_day").trim().parse::<u32>().ok();
        let date = match (month, day, lunar) {
            (Some(m @ 1..=12), Some(d @ 1..=30), true) => Some(HolidayDate::Lunar { month: m as u8, day: d as u8 }),
            // 29 February is allowed: it is kept on 28 February in common years.
            (Some(m), Some(d), false) if chrono::NaiveDate::from_ymd_opt(2000, m, d).is_some() => {
                Some(HolidayDate::Gregorian { month: m, day: d })
            }
            _ => None,
        };
        show_error_in(
            error_slot(&form, "holiday_day"),
            date.is_none().then_some(t.schedule_settings.holiday_no_such_day),
        );
        let (Some(date), false) = (date, name.is_empty()) else { return };
        let holiday = Holiday { id, name, date };
        save_schedule(app, move |s| match s.holidays.iter_mut().find(|h| h.id == holiday.id) {
            Some(existing) => *existing = holiday,
            None => s.holidays.push(holiday),
        });
        editing.set(None);
    };
    view! { <div inner_html=html on:click=on_click on:change=on_change on:submit=on_submit></div> }
}
