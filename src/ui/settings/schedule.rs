//! Settings of the schedule: every window and lead time of the rules, and the holidays.

use crate::domain::agenda::Responsible;
use crate::domain::customer::{ContactMethod, Severity};
use crate::domain::schedule::{DayWindow, Holiday, HolidayDate, PurchaseNode, ScheduleSettings, severity_index};
use crate::ui::state::{new_id, use_app};
use crate::ui::components::tr;
use leptos::prelude::*;

/// A number field's text and its error, parsed on save.
#[derive(Clone, Copy)]
struct Num {
    text: RwSignal<String>,
    error: RwSignal<Option<String>>,
    max: u32,
}

impl Num {
    fn new(value: u32, max: u32) -> Num {
        Num { text: RwSignal::new(value.to_string()), error: RwSignal::new(None), max }
    }

    fn set(&self, value: u32) {
        self.text.set(value.to_string());
        self.error.set(None);
    }

    /// The number, or `None` with the error shown next to the field.
    fn parse(&self) -> Option<u32> {
        let t = use_app().t_now();
        let text: String = self.text.get_untracked().trim().chars().filter(|c| !c.is_whitespace()).collect();
        match text.parse::<u32>() {
            Ok(n) if n <= self.max => {
                self.error.set(None);
                Some(n)
            }
            Ok(_) => {
                self.error.set(Some((t.schedule_settings.too_large)(self.max)));
                None
            }
            Err(_) => {
                self.error.set(Some(t.schedule_settings.not_a_number.to_string()));
                None
            }
        }
    }
}

fn num_field(name: &'static str, label: fn(&crate::i18n::Texts) -> &'static str, num: Num) -> impl IntoView {
    let app = use_app();
    view! {
        <label class="field compact" class:invalid=move || num.error.get().is_some()>
            <span>{move || label(app.t())}</span>
            <input type="text" inputmode="numeric" name=name bind:value=num.text />
            {move || num.error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </label>
    }
}

fn method_select(name: &'static str, value: RwSignal<ContactMethod>) -> impl IntoView {
    let app = use_app();
    view! {
        <label class="field compact">
            <span>{tr(|t| t.schedule_settings.method)}</span>
            <select name=name
                prop:value=move || ContactMethod::ALL.iter().position(|m| *m == value.get()).unwrap_or(0).to_string()
                on:change:target=move |ev| {
                    if let Some(m) = ev.target().value().parse::<usize>().ok().and_then(|i| ContactMethod::ALL.get(i)) {
                        value.set(*m);
                    }
                }>
                {ContactMethod::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let m = *m;
                        view! { <option value=i.to_string()>{move || (app.t().labels.method)(m)}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// A pair of from/to day numbers.
#[derive(Clone, Copy)]
struct Window {
    from: Num,
    to: Num,
    error: RwSignal<Option<&'static str>>,
}

impl Window {
    fn new(w: DayWindow) -> Window {
        Window { from: Num::new(w.from, 3650), to: Num::new(w.to, 3650), error: RwSignal::new(None) }
    }

    fn set(&self, w: DayWindow) {
        self.from.set(w.from);
        self.to.set(w.to);
        self.error.set(None);
    }

    fn parse(&self) -> Option<DayWindow> {
        let (from, to) = (self.from.parse(), self.to.parse());
        let (from, to) = (from?, to?);
        if to < from {
            self.error.set(Some(use_app().t_now().schedule_settings.window_backwards));
            return None;
        }
        self.error.set(None);
        Some(DayWindow { from, to })
    }

    fn view(self, name: &'static str, legend: fn(&crate::i18n::Texts) -> &'static str) -> impl IntoView {
        let app = use_app();
        view! {
            <fieldset class="rule">
                <legend>{move || legend(app.t())}</legend>
                <div class="rule-fields">
                    {num_field(name, |t| t.schedule_settings.from_day, self.from)}
                    {num_field(name, |t| t.schedule_settings.to_day, self.to)}
                </div>
                {move || self.error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </fieldset>
        }
    }
}

#[derive(Clone, Copy)]
struct NodeRow {
    id: usize,
    day: Num,
    window: Num,
    method: RwSignal<ContactMethod>,
}

#[component]
pub fn ScheduleRules() -> impl IntoView {
    let app = use_app();
    let s = app.settings.get_untracked().schedule;
    let activation = Window::new(s.activation);
    let activation_method = RwSignal::new(s.activation_method);
    let next_node = StoredValue::new(0usize);
    let make_node = move |n: &PurchaseNode| {
        let id = next_node.get_value();
        next_node.set_value(id + 1);
        NodeRow { id, day: Num::new(n.day, 3650), window: Num::new(n.window_days, 365), method: RwSignal::new(n.method) }
    };
    let nodes = RwSignal::new(s.purchase_nodes.iter().map(make_node).collect::<Vec<_>>());
    let nodes_error = RwSignal::new(None::<&'static str>);
    let after_service = Window::new(s.after_service);
    let complaint_first = Window::new(s.complaint_first);
    let repeat = Num::new(s.complaint_repeat_days, 365);
    let repeat_window = Num::new(s.complaint_repeat_window_days, 365);
    let severity: [(RwSignal<Responsible>, RwSignal<bool>); 3] =
        s.severity.map(|r| (RwSignal::new(r.responsible), RwSignal::new(r.on_site)));
    let incident = Window::new(s.incident);
    let care_after = Num::new(s.care_after_months, 120);
    let care_window = Num::new(s.care_window_days, 365);
    let care_method = RwSignal::new(s.care_method);
    let birthday_lead = Num::new(s.birthday_lead_days, 60);
    let birthday_method = RwSignal::new(s.birthday_method);
    let holiday_lead = Num::new(s.holiday_lead_days, 60);
    let holiday_method = RwSignal::new(s.holiday_method);
    let announce = RwSignal::new(s.announce_day_before);
    let no_contact = Num::new(s.no_contact_days, 3650);
    let overdue_shown = Num::new(s.overdue_shown_days, 3650);
    let coming = Num::new(s.coming_days, 90);
    let form_error = RwSignal::new(None::<&'static str>);

    let fill = move |s: &ScheduleSettings| {
        activation.set(s.activation);
        activation_method.set(s.activation_method);
        nodes.set(s.purchase_nodes.iter().map(make_node).collect());
        after_service.set(s.after_service);
        complaint_first.set(s.complaint_first);
        repeat.set(s.complaint_repeat_days);
        repeat_window.set(s.complaint_repeat_window_days);
        for (i, (r, o)) in severity.iter().enumerate() {
            r.set(s.severity[i].responsible);
            o.set(s.severity[i].on_site);
        }
        incident.set(s.incident);
        care_after.set(s.care_after_months);
        care_window.set(s.care_window_days);
        care_method.set(s.care_method);
        birthday_lead.set(s.birthday_lead_days);
        birthday_method.set(s.birthday_method);
        holiday_lead.set(s.holiday_lead_days);
        holiday_method.set(s.holiday_method);
        announce.set(s.announce_day_before);
        no_contact.set(s.no_contact_days);
        overdue_shown.set(s.overdue_shown_days);
        coming.set(s.coming_days);
    };

    let parse = move || -> Option<ScheduleSettings> {
        let t = app.t_now();
        let current = app.settings.get_untracked().schedule;
        // Parse every field (not stopping at the first) so that every error shows at once.
        let activation_w = activation.parse();
        let mut purchase_nodes = Vec::new();
        let mut nodes_ok = true;
        for node in nodes.get_untracked() {
            match (node.day.parse(), node.window.parse()) {
                (Some(day), Some(window_days)) => {
                    purchase_nodes.push(PurchaseNode { day, window_days, method: node.method.get_untracked() })
                }
                _ => nodes_ok = false,
            }
        }
        purchase_nodes.sort_by_key(|n| n.day);
        let duplicate = purchase_nodes.windows(2).any(|w| w[0].day == w[1].day);
        nodes_error.set(duplicate.then_some(t.schedule_settings.no_nodes_duplicate));
        let fields = (
            after_service.parse(),
            complaint_first.parse(),
            repeat.parse(),
            repeat_window.parse(),
            incident.parse(),
            care_after.parse(),
            care_window.parse(),
            birthday_lead.parse(),
            holiday_lead.parse(),
            no_contact.parse(),
            overdue_shown.parse(),
            coming.parse(),
        );
        let (
            Some(after_service_w),
            Some(complaint_first_w),
            Some(complaint_repeat_days),
            Some(complaint_repeat_window_days),
            Some(incident_w),
            Some(care_after_months),
            Some(care_window_days),
            Some(birthday_lead_days),
            Some(holiday_lead_days),
            Some(no_contact_days),
            Some(overdue_shown_days),
            Some(coming_days),
        ) = fields
        else {
            return None;
        };
        let activation_w = activation_w?;
        if !nodes_ok || duplicate {
            return None;
        }
        let mut rules = current.severity;
        for (i, (r, o)) in severity.iter().enumerate() {
            rules[i].responsible = r.get_untracked();
            rules[i].on_site = o.get_untracked();
        }
        Some(ScheduleSettings {
            activation: activation_w,
            activation_method: activation_method.get_untracked(),
            purchase_nodes,
            after_service: after_service_w,
            complaint_first: complaint_first_w,
            complaint_repeat_days: complaint_repeat_days.max(1),
            complaint_repeat_window_days,
            severity: rules,
            incident: incident_w,
            care_after_months,
            care_window_days,
            care_method: care_method.get_untracked(),
            birthday_lead_days,
            birthday_method: birthday_method.get_untracked(),
            holiday_lead_days,
            holiday_method: holiday_method.get_untracked(),
            announce_day_before: announce.get_untracked(),
            no_contact_days,
            overdue_shown_days,
            coming_days,
            ..current
        })
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse() {
            Some(schedule) => {
                form_error.set(None);
                let mut settings = app.settings.get_untracked();
                settings.schedule = schedule;
                app.save_settings(settings);
            }
            None => form_error.set(Some(app.t_now().schedule_settings.fix_errors)),
        }
    };
    let reset = move |_| {
        let t = app.t_now();
        let confirmed = web_sys::window().and_then(|w| w.confirm_with_message(t.schedule_settings.reset_confirm).ok());
        if confirmed != Some(true) {
            return;
        }
        let mut settings = app.settings.get_untracked();
        let keep = settings.schedule.clone();
        settings.schedule = ScheduleSettings {
            holidays: keep.holidays,
            spring_festival: keep.spring_festival,
            mid_autumn: keep.mid_autumn,
            ..ScheduleSettings::default()
        };
        fill(&settings.schedule);
        app.save_settings(settings);
    };
    let responsible_options = [Responsible::Agent, Responsible::Supervisor, Responsible::Manager, Responsible::Specialist];

    view! {
        <form class="card form schedule-rules" id="schedule-rules" on:submit=on_submit novalidate>
            <h2>{tr(|t| t.schedule_settings.title)}</h2>
            <p class="hint">{tr(|t| t.schedule_settings.hint)}</p>

            {activation.view("activation", |t| t.schedule_settings.activation)}
            <div class="rule-fields">{method_select("activation_method", activation_method)}</div>

            <fieldset class="rule">
                <legend>{tr(|t| t.schedule_settings.purchase_nodes)}</legend>
                <p class="hint">{tr(|t| t.schedule_settings.purchase_nodes_hint)}</p>
                <For each=move || nodes.get() key=|n| n.id let:node>
                    <div class="rule-fields node-row">
                        {num_field("node_day", |t| t.schedule_settings.node_day, node.day)}
                        {num_field("node_window", |t| t.schedule_settings.node_window, node.window)}
                        {method_select("node_method", node.method)}
                        <button type="button" class="button subtle small remove-node"
                            aria-label=tr(|t| t.schedule_settings.remove_node)
                            on:click=move |_| nodes.update(|n| n.retain(|x| x.id != node.id))>
                            "✕"
                        </button>
                    </div>
                </For>
                {move || nodes_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <button type="button" class="button small" id="add-node"
                    on:click=move |_| {
                        let last = nodes.with_untracked(|n| n.last().and_then(|n| n.day.text.get_untracked().parse::<u32>().ok()));
                        let day = last.map_or(3, |d| d.saturating_mul(2).max(1));
                        nodes.update(|n| n.push(make_node(&PurchaseNode { day, window_days: 3, method: ContactMethod::Phone })));
                    }>
                    {tr(|t| t.schedule_settings.add_node)}
                </button>
            </fieldset>

            {after_service.view("after_service", |t| t.schedule_settings.after_service)}

            <fieldset class="rule">
                <legend>{tr(|t| t.schedule_settings.complaint)}</legend>
                {complaint_first.view("complaint_first", |t| t.schedule_settings.complaint_first)}
                <div class="rule-fields">
                    {num_field("complaint_repeat", |t| t.schedule_settings.complaint_repeat, repeat)}
                    {num_field("complaint_repeat_window", |t| t.schedule_settings.complaint_repeat_window, repeat_window)}
                </div>
                <p class="rule-subtitle">{tr(|t| t.schedule_settings.severity_rules)}</p>
                {[Severity::General, Severity::Important, Severity::Major]
                    .into_iter()
                    .map(|sev| {
                        let (responsible, on_site) = severity[severity_index(sev)];
                        view! {
                            <div class="rule-fields severity-row">
                                <span class="severity-name">{move || (app.t().labels.severity)(sev)}</span>
                                <select aria-label=move || (app.t().labels.severity)(sev)
                                    prop:value=move || responsible_options.iter().position(|r| *r == responsible.get()).unwrap_or(0).to_string()
                                    on:change:target=move |ev| {
                                        if let Some(r) = ev.target().value().parse::<usize>().ok().and_then(|i| responsible_options.get(i)) {
                                            responsible.set(*r);
                                        }
                                    }>
                                    {responsible_options
                                        .iter()
                                        .enumerate()
                                        .map(|(i, r)| {
                                            let r = *r;
                                            view! { <option value=i.to_string()>{move || (app.t().agenda.responsible)(r)}</option> }
                                        })
                                        .collect_view()}
                                </select>
                                <label class="check">
                                    <input type="checkbox" bind:checked=on_site />
                                    {tr(|t| t.schedule_settings.severity_first_on_site)}
                                </label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>

            {incident.view("incident", |t| t.schedule_settings.incident)}

            <fieldset class="rule">
                <legend>{tr(|t| t.schedule_settings.care)}</legend>
                <p class="hint">{tr(|t| t.schedule_settings.care_hint)}</p>
                <div class="rule-fields">
                    {num_field("care_after_months", |t| t.schedule_settings.care_after_months, care_after)}
                    {num_field("care_window", |t| t.schedule_settings.care_window, care_window)}
                    {method_select("care_method", care_method)}
                </div>
            </fieldset>

            <fieldset class="rule">
                <legend>{tr(|t| t.schedule_settings.birthday_lead)}</legend>
                <div class="rule-fields">
                    {num_field("birthday_lead", |t| t.schedule_settings.days_after, birthday_lead)}
                    {method_select("birthday_method", birthday_method)}
                </div>
            </fieldset>

            <fieldset class="rule">
                <legend>{tr(|t| t.schedule_settings.holiday_lead)}</legend>
                <div class="rule-fields">
                    {num_field("holiday_lead", |t| t.schedule_settings.days_after, holiday_lead)}
                    {method_select("holiday_method", holiday_method)}
                </div>
            </fieldset>

            <fieldset class="rule">
                <legend>{tr(|t| t.schedule_settings.agenda_view)}</legend>
                <label class="check">
                    <input type="checkbox" name="announce" bind:checked=announce />
                    {tr(|t| t.schedule_settings.announce)}
                </label>
                <div class="rule-fields">
                    {num_field("no_contact_days", |t| t.schedule_settings.no_contact_days, no_contact)}
                    {num_field("overdue_shown_days", |t| t.schedule_settings.overdue_shown_days, overdue_shown)}
                    {num_field("coming_days", |t| t.schedule_settings.coming_days, coming)}
                </div>
            </fieldset>

            {move || form_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <div class="form-actions">
                <button type="button" class="button subtle" on:click=reset>{tr(|t| t.schedule_settings.reset_defaults)}</button>
                <button type="submit" class="button primary">{tr(|t| t.common.save)}</button>
            </div>
        </form>
        <Holidays />
    }
}

/// Spring Festival and Mid-Autumn on or off, and the user's own holidays.
#[component]
fn Holidays() -> impl IntoView {
    let app = use_app();
    let spring = Memo::new(move |_| app.settings.with(|s| s.schedule.spring_festival));
    let mid_autumn = Memo::new(move |_| app.settings.with(|s| s.schedule.mid_autumn));
    let holidays = Memo::new(move |_| app.settings.with(|s| s.schedule.holidays.clone()));
    let editing = RwSignal::new(None::<Holiday>);
    let save = move |change: Box<dyn FnOnce(&mut ScheduleSettings)>| {
        let mut settings = app.settings.get_untracked();
        change(&mut settings.schedule);
        app.save_settings(settings);
    };
    let describe = move |h: &Holiday| {
        let t = app.t();
        match h.date {
            HolidayDate::Gregorian { month, day } => (t.schedule_settings.gregorian_date)(month, day),
            HolidayDate::Lunar { month, day } => (t.schedule_settings.lunar_date)(month, day),
        }
    };
    view! {
        <section class="card holidays" id="holidays">
            <h2>{tr(|t| t.schedule_settings.holidays)}</h2>
            <p class="hint">{tr(|t| t.schedule_settings.holidays_hint)}</p>
            <label class="check">
                <input type="checkbox" name="spring_festival" prop:checked=move || spring.get()
                    on:change:target=move |ev| { let on = ev.target().checked(); save(Box::new(move |s| s.spring_festival = on)) } />
                {tr(|t| t.schedule_settings.builtin_spring)}
            </label>
            <label class="check">
                <input type="checkbox" name="mid_autumn" prop:checked=move || mid_autumn.get()
                    on:change:target=move |ev| { let on = ev.target().checked(); save(Box::new(move |s| s.mid_autumn = on)) } />
                {tr(|t| t.schedule_settings.builtin_mid_autumn)}
            </label>
            <h3>{tr(|t| t.schedule_settings.my_holidays)}</h3>
            <Show when=move || !holidays.with(Vec::is_empty) fallback=move || view! { <p class="hint">{tr(|t| t.schedule_settings.no_holidays)}</p> }>
                <ul class="holiday-list">
                    <For each=move || holidays.get() key=|h| (h.id.clone(), h.name.clone(), h.date) let:holiday>
                        {
                            let h = StoredValue::new(holiday);
                            view! {
                                <li>
                                    <span class="holiday-name">{h.with_value(|h| h.name.clone())}</span>
                                    <span class="hint">{move || h.with_value(describe)}</span>
                                    <span class="actions">
                                        <button type="button" class="button small" on:click=move |_| editing.set(Some(h.get_value()))>
                                            {tr(|t| t.common.edit)}
                                        </button>
                                        <button type="button" class="button small subtle delete-holiday"
                                            on:click=move |_| {
                                                let t = app.t_now();
                                                let (id, name) = h.with_value(|h| (h.id.clone(), h.name.clone()));
                                                let ok = web_sys::window()
                                                    .and_then(|w| w.confirm_with_message(&(t.schedule_settings.delete_holiday_confirm)(&name)).ok());
                                                if ok == Some(true) {
                                                    save(Box::new(move |s| s.holidays.retain(|x| x.id != id)));
                                                }
                                            }>
                                            {tr(|t| t.common.delete)}
                                        </button>
                                    </span>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
            {move || match editing.get() {
                Some(h) => view! { <HolidayForm holiday=h editing on_save=Callback::new(move |h: Holiday| {
                    save(Box::new(move |s| match s.holidays.iter_mut().find(|x| x.id == h.id) {
                        Some(existing) => *existing = h,
                        None => s.holidays.push(h),
                    }));
                    editing.set(None);
                }) /> }.into_any(),
                None => view! {
                    <button type="button" class="button" id="add-holiday"
                        on:click=move |_| editing.set(Some(Holiday {
                            id: new_id(),
                            name: String::new(),
                            date: HolidayDate::Gregorian { month: 1, day: 1 },
                        }))>
                        {tr(|t| t.schedule_settings.add_holiday)}
                    </button>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn HolidayForm(holiday: Holiday, editing: RwSignal<Option<Holiday>>, on_save: Callback<Holiday>) -> impl IntoView {
    let app = use_app();
    let id = holiday.id.clone();
    let name = RwSignal::new(holiday.name.clone());
    let (lunar0, month0, day0) = match holiday.date {
        HolidayDate::Gregorian { month, day } => (false, month, day),
        HolidayDate::Lunar { month, day } => (true, u32::from(month), u32::from(day)),
    };
    let lunar = RwSignal::new(lunar0);
    let month = RwSignal::new(month0.to_string());
    let day = RwSignal::new(day0.to_string());
    let name_error = RwSignal::new(None::<&'static str>);
    let date_error = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = app.t_now();
        let text = name.get_untracked().trim().to_string();
        name_error.set(text.is_empty().then_some(t.schedule_settings.holiday_name_required));
        let m = month.get_untracked().trim().parse::<u32>().ok();
        let d = day.get_untracked().trim().parse::<u32>().ok();
        let date = match (m, d, lunar.get_untracked()) {
            (Some(m @ 1..=12), Some(d @ 1..=30), true) => Some(HolidayDate::Lunar { month: m as u8, day: d as u8 }),
            // 29 February is allowed: it is kept on 28 February in common years.
            (Some(m), Some(d), false) if chrono::NaiveDate::from_ymd_opt(2000, m, d).is_some() => {
                Some(HolidayDate::Gregorian { month: m, day: d })
            }
            _ => None,
        };
        date_error.set(date.is_none().then_some(t.schedule_settings.holiday_no_such_day));
        if let (Some(date), false) = (date, text.is_empty()) {
            on_save.run(Holiday { id: id.clone(), name: text, date });
        }
    };
    view! {
        <form class="holiday-form form" on:submit=submit novalidate>
            <h3>{tr(|t| t.schedule_settings.edit_holiday)}</h3>
            <label class="field" class:invalid=move || name_error.get().is_some()>
                <span>{tr(|t| t.schedule_settings.holiday_name)}</span>
                <input type="text" name="holiday_name" maxlength="40" bind:value=name />
                {move || name_error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
            </label>
            <div class="segmented" role="radiogroup" aria-label=tr(|t| t.schedule_settings.holiday_calendar)>
                <button type="button" role="radio" data-calendar="gregorian" class:selected=move || !lunar.get()
                    aria-checked=move || (!lunar.get()).to_string() on:click=move |_| lunar.set(false)>
                    {tr(|t| t.schedule_settings.gregorian)}
                </button>
                <button type="button" role="radio" data-calendar="lunar" class:selected=move || lunar.get()
                    aria-checked=move || lunar.get().to_string() on:click=move |_| lunar.set(true)>
                    {tr(|t| t.schedule_settings.lunar)}
                </button>
            </div>
            <div class="rule-fields">
                <label class="field compact" class:invalid=move || date_error.get().is_some()>
                    <span>{tr(|t| t.schedule_settings.month)}</span>
                    <input type="text" inputmode="numeric" name="holiday_month" bind:value=month />
                </label>
                <label class="field compact" class:invalid=move || date_error.get().is_some()>
                    <span>{tr(|t| t.schedule_settings.day)}</span>
                    <input type="text" inputmode="numeric" name="holiday_day" bind:value=day />
                </label>
            </div>
            {move || date_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <div class="form-actions">
                <button type="button" class="button subtle" on:click=move |_| editing.set(None)>{tr(|t| t.common.cancel)}</button>
                <button type="submit" class="button primary" id="save-holiday">{tr(|t| t.common.save)}</button>
            </div>
        </form>
    }
}
