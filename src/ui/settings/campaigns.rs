//! Campaigns (产品/服务升级通知): a message to a segment of customers within a date range; each
//! customer of the segment gets an item on the agenda. Written as `maud` markup with delegated
//! listeners (see `components::markup` for why).

use crate::domain::customer::{ContactMethod, NeedType};
use crate::domain::date::parse_date;
use crate::domain::schedule::iso_day as iso;
use crate::domain::schedule::{Campaign, Segment};
use crate::domain::tier::Tier;
use crate::i18n::{Texts, format};
use crate::ui::components::markup::{action, actions, all, field_value, show_error_in, target_element};
use crate::ui::components::{Confirm, confirm, offer_undo};
use crate::ui::state::{AppState, Changes, local_now, new_id, use_app};
use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use maud::{Markup, html};
use wasm_bindgen::JsCast;

actions! {
    /// What the buttons of the campaigns block do.
    enum CampaignAction { New = "new", Edit = "edit", Cancel = "cancel", Delete = "delete" }
}

fn reach(app: AppState, segment: &Segment) -> usize {
    app.customers.with(|cs| cs.iter().filter(|c| !c.do_not_contact && segment.contains(c, c.recorded_tier())).count())
}

fn checkboxes<T: Copy + PartialEq>(name: &str, all: &[T], chosen: &[T], label: impl Fn(T) -> &'static str) -> Markup {
    html! {
        div.checks {
            @for (i, v) in all.iter().enumerate() {
                label.check {
                    input type="checkbox" name=(name) value=(i) checked[chosen.contains(v)];
                    " " (label(*v))
                }
            }
        }
    }
}

fn form_html(t: &Texts, c: &Campaign) -> Markup {
    let st = &t.schedule_settings;
    html! {
        form.campaign-form.form #campaign-form novalidate {
            h3 { (st.new_campaign) }
            label.field {
                span { (st.campaign_name) }
                input type="text" name="campaign_name" maxlength="60" value=(c.name);
                span class="field-error" data-for="campaign_name" role="alert" {}
            }
            label.field {
                span { (st.campaign_message) }
                textarea name="campaign_message" maxlength="500" placeholder=(st.campaign_message_hint) { (c.message) }
            }
            div.rule-fields {
                label.field.compact {
                    span { (st.campaign_start) }
                    input type="date" name="campaign_start" value=(iso(c.start));
                }
                label.field.compact {
                    span { (st.campaign_end) }
                    input type="date" name="campaign_end" value=(iso(c.end));
                    span class="field-error" data-for="campaign_end" role="alert" {}
                }
                label.field.compact {
                    span { (st.method) }
                    select name="campaign_method" {
                        @for (i, m) in ContactMethod::ALL.iter().enumerate() {
                            option value=(i) selected[*m == c.method] { ((t.labels.method)(*m)) }
                        }
                    }
                }
            }
            fieldset.rule {
                legend { (st.campaign_tiers) }
                (checkboxes("tier", &Tier::ALL, &c.segment.tiers, |v| (t.labels.tier)(v)))
            }
            fieldset.rule {
                legend { (st.campaign_needs) }
                (checkboxes("need", &NeedType::ALL, &c.segment.needs, |v| (t.labels.need)(v)))
            }
            label.field {
                span { (st.campaign_tags) }
                input type="text" name="campaign_tags" placeholder=(st.campaign_tags_hint)
                    value=(c.segment.tags.join("，"));
            }
            div.form-actions {
                button type="button" class="button subtle" data-action=(CampaignAction::Cancel) { (t.common.cancel) }
                button type="submit" class="button primary" id="save-campaign" { (t.common.save) }
            }
        }
    }
}

fn list_html(app: AppState, t: &Texts, list: &[Campaign], year: i32) -> Markup {
    let st = &t.schedule_settings;
    if list.is_empty() {
        return html! { p.hint { (st.no_campaigns) } };
    }
    html! {
        ul.campaign-list {
            @for c in list {
                @let dates = (st.campaign_dates)(
                    &format::date_auto(t.lang, c.start, year),
                    &format::date_auto(t.lang, c.end, year),
                );
                li.campaign-row {
                    div {
                        strong.campaign-name { (c.name) }
                        " "
                        span.hint { (dates) }
                    }
                    p.hint { ((st.campaign_reach)(reach(app, &c.segment))) }
                    span.actions {
                        button type="button" class="button small" data-action=(CampaignAction::Edit) data-id=(c.id) {
                            (t.common.edit)
                        }
                        button type="button" class="button small subtle" data-action=(CampaignAction::Delete)
                            data-id=(c.id) { (t.common.delete) }
                    }
                }
            }
        }
    }
}

/// Reads the form into a campaign based on `base`, showing what is wrong next to the fields.
fn read_form(t: &Texts, form: &web_sys::Element, base: &Campaign) -> Option<Campaign> {
    let st = &t.schedule_settings;
    let name = field_value(form, "campaign_name").trim().to_string();
    show_error_in(
        form.query_selector(r#"[data-for="campaign_name"]"#).ok().flatten(),
        name.is_empty().then_some(st.campaign_name_required),
    );
    let dates = match (parse_date(&field_value(form, "campaign_start")), parse_date(&field_value(form, "campaign_end")))
    {
        (Ok(a), Ok(b)) if b >= a => Ok((a, b)),
        (Ok(_), Ok(_)) => Err(st.campaign_end_before_start),
        _ => Err(t.agenda.date_invalid),
    };
    show_error_in(form.query_selector(r#"[data-for="campaign_end"]"#).ok().flatten(), dates.err());
    let (Ok((start, end)), false) = (dates, name.is_empty()) else { return None };
    let chosen = |field: &str| -> Vec<usize> {
        all(form, &format!("input[name={field}]"))
            .into_iter()
            .filter_map(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .filter(|i| i.checked())
            .filter_map(|i| i.value().parse().ok())
            .collect()
    };
    let tags = field_value(form, "campaign_tags")
        .split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    Some(Campaign {
        name,
        message: field_value(form, "campaign_message").trim().to_string(),
        segment: Segment {
            tiers: chosen("tier").into_iter().filter_map(|i| Tier::ALL.get(i).copied()).collect(),
            needs: chosen("need").into_iter().filter_map(|i| NeedType::ALL.get(i).copied()).collect(),
            tags,
        },
        start,
        end,
        method: field_value(form, "campaign_method")
            .parse::<usize>()
            .ok()
            .and_then(|i| ContactMethod::ALL.get(i).copied())
            .unwrap_or(base.method),
        updated_at: local_now(),
        ..base.clone()
    })
}

#[component]
pub fn Campaigns() -> impl IntoView {
    let app = use_app();
    let editing = RwSignal::new(None::<Campaign>);
    let list = move || {
        let mut list = app.campaigns.get();
        list.sort_by(|a, b| b.start.cmp(&a.start).then_with(|| a.name.cmp(&b.name)));
        let t = app.t();
        list_html(app, t, &list, app.today.get().year()).into_string()
    };
    let form = move || {
        let t = app.t();
        editing
            .with(|e| match e {
                Some(c) => form_html(t, c),
                None => html! {
                    button type="button" class="button" id="new-campaign" data-action=(CampaignAction::New) {
                        (t.schedule_settings.new_campaign)
                    }
                },
            })
            .into_string()
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((what, button)) = action::<CampaignAction>(&ev) else { return };
        let id = button.get_attribute("data-id").unwrap_or_default();
        let t = app.t_now();
        match what {
            CampaignAction::New => {
                let today: NaiveDate = app.today.get_untracked();
                editing.set(Some(Campaign {
                    id: new_id(),
                    start: today,
                    end: today + Duration::days(14),
                    ..Campaign::default()
                }));
            }
            CampaignAction::Edit => {
                editing.set(app.campaigns.with_untracked(|l| l.iter().find(|c| c.id == id).cloned()))
            }
            CampaignAction::Cancel => editing.set(None),
            CampaignAction::Delete => {
                let Some(record) = app.campaigns.with_untracked(|l| l.iter().find(|c| c.id == id).cloned()) else {
                    return;
                };
                // The app's own dialog in the user's language (not the browser's), then Undo.
                let title = (t.schedule_settings.delete_campaign_confirm)(&record.name);
                let ask = Confirm {
                    title: &title,
                    body: "",
                    confirm: t.common.delete,
                    danger: true,
                    name: "delete-campaign",
                    fields: None,
                };
                confirm(app, ask, move |_| {
                    let mut changes = Changes::new();
                    changes.delete(&record);
                    app.commit(changes, move || {
                        let name = record.name.clone();
                        offer_undo(
                            app,
                            move |t| (t.schedule_settings.campaign_deleted)(&name),
                            move || {
                                let mut changes = Changes::new();
                                changes.put(&record);
                                app.commit(changes, move || {
                                    app.toast(|t| t.schedule_settings.campaign_restored);
                                });
                            },
                        );
                    });
                });
            }
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = target_element(&ev) else { return };
        ev.prevent_default();
        let Some(base) = editing.get_untracked() else { return };
        let Some(record) = read_form(app.t_now(), &form, &base) else { return };
        let mut changes = Changes::new();
        changes.save(&record);
        app.commit(changes, move || {
            editing.set(None);
            app.toast(|t| t.common.saved);
        });
    };
    view! {
        <section class="card campaigns" id="campaigns" on:click=on_click on:submit=on_submit>
            <h2>{move || app.t().schedule_settings.campaigns}</h2>
            <p class="hint">{move || app.t().schedule_settings.campaigns_hint}</p>
            <div inner_html=list></div>
            <div inner_html=form></div>
        </section>
    }
}
