//! Campaigns (产品/服务升级通知): a message to a segment of customers within a date range. Each
//! customer of the segment gets an item on the agenda.

use crate::domain::customer::{ContactMethod, NeedType};
use crate::domain::date::{iso, parse_date};
use crate::domain::schedule::{Campaign, Segment};
use crate::domain::tier::Tier;
use crate::i18n::format;
use crate::store::Batch;
use crate::ui::agenda::effective_tier;
use crate::ui::state::{local_now, new_id, use_app};
use chrono::{Datelike, Duration};
use crate::ui::components::tr;
use leptos::prelude::*;

#[component]
pub fn Campaigns() -> impl IntoView {
    let app = use_app();
    let editing = RwSignal::new(None::<Campaign>);
    let list = Memo::new(move |_| {
        let mut list = app.campaigns.get();
        list.sort_by(|a, b| b.start.cmp(&a.start).then_with(|| a.name.cmp(&b.name)));
        list
    });
    view! {
        <section class="card campaigns" id="campaigns">
            <h2>{tr(|t| t.schedule_settings.campaigns)}</h2>
            <p class="hint">{tr(|t| t.schedule_settings.campaigns_hint)}</p>
            <Show when=move || !list.with(Vec::is_empty) fallback=move || view! { <p class="hint">{tr(|t| t.schedule_settings.no_campaigns)}</p> }>
                <ul class="campaign-list">
                    <For each=move || list.get() key=|c| (c.id.clone(), c.rev) let:campaign>
                        <CampaignRow campaign editing />
                    </For>
                </ul>
            </Show>
            {move || match editing.get() {
                Some(campaign) => view! { <CampaignForm campaign editing /> }.into_any(),
                None => view! {
                    <button type="button" class="button" id="new-campaign"
                        on:click=move |_| {
                            let today = app.today.get_untracked();
                            editing.set(Some(Campaign {
                                id: new_id(),
                                start: today,
                                end: today + Duration::days(14),
                                ..Campaign::default()
                            }))
                        }>
                        {tr(|t| t.schedule_settings.new_campaign)}
                    </button>
                }.into_any(),
            }}
        </section>
    }
}

fn reach(app: crate::ui::state::AppState, segment: &Segment) -> usize {
    app.customers.with(|cs| cs.iter().filter(|c| !c.do_not_contact && segment.contains(c, effective_tier(c))).count())
}

#[component]
fn CampaignRow(campaign: Campaign, editing: RwSignal<Option<Campaign>>) -> impl IntoView {
    let app = use_app();
    let c = StoredValue::new(campaign);
    let dates = move || {
        let t = app.t();
        let year = app.today.get().year();
        c.with_value(|c| (t.schedule_settings.campaign_dates)(&format::date_auto(t.lang, c.start, year), &format::date_auto(t.lang, c.end, year)))
    };
    let count = Memo::new(move |_| c.with_value(|c| reach(app, &c.segment)));
    let delete = move |_| {
        let t = app.t_now();
        let name = c.with_value(|c| c.name.clone());
        let ok = web_sys::window().and_then(|w| w.confirm_with_message(&(t.schedule_settings.delete_campaign_confirm)(&name)).ok());
        if ok != Some(true) {
            return;
        }
        let record = c.get_value();
        let mut batch = Batch::new();
        batch.delete(&record);
        app.commit(batch, move || {
            app.campaigns.update(|list| list.retain(|x| x.id != record.id));
            app.toast(app.t_now().common.saved);
        });
    };
    view! {
        <li class="campaign-row">
            <div>
                <strong class="campaign-name">{c.with_value(|c| c.name.clone())}</strong>
                <span class="hint">{dates}</span>
            </div>
            <p class="hint">{move || (app.t().schedule_settings.campaign_reach)(count.get())}</p>
            <span class="actions">
                <button type="button" class="button small" on:click=move |_| editing.set(Some(c.get_value()))>{tr(|t| t.common.edit)}</button>
                <button type="button" class="button small subtle" on:click=delete>{tr(|t| t.common.delete)}</button>
            </span>
        </li>
    }
}

#[component]
fn CampaignForm(campaign: Campaign, editing: RwSignal<Option<Campaign>>) -> impl IntoView {
    let app = use_app();
    let original = StoredValue::new(campaign.clone());
    let name = RwSignal::new(campaign.name.clone());
    let message = RwSignal::new(campaign.message.clone());
    let start = RwSignal::new(iso(campaign.start));
    let end = RwSignal::new(iso(campaign.end));
    let method = RwSignal::new(campaign.method);
    let tiers = RwSignal::new(campaign.segment.tiers.clone());
    let needs = RwSignal::new(campaign.segment.needs.clone());
    let tags = RwSignal::new(campaign.segment.tags.join("，"));
    let name_error = RwSignal::new(None::<&'static str>);
    let date_error = RwSignal::new(None::<&'static str>);

    let segment = move || Segment {
        tiers: tiers.get(),
        needs: needs.get(),
        tags: tags
            .get()
            .split([',', '，', '、', ';', '；'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
    };
    let count = Memo::new(move |_| reach(app, &segment()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = app.t_now();
        let text = name.get_untracked().trim().to_string();
        name_error.set(text.is_empty().then_some(t.schedule_settings.campaign_name_required));
        let dates = match (parse_date(&start.get_untracked()), parse_date(&end.get_untracked())) {
            (Ok(a), Ok(b)) if b >= a => Some((a, b)),
            (Ok(_), Ok(_)) => {
                date_error.set(Some(t.schedule_settings.campaign_end_before_start));
                None
            }
            _ => {
                date_error.set(Some(t.agenda.date_invalid));
                None
            }
        };
        if dates.is_some() {
            date_error.set(None);
        }
        let (Some((a, b)), false) = (dates, text.is_empty()) else { return };
        let record = Campaign {
            name: text,
            message: message.get_untracked().trim().to_string(),
            segment: untrack(segment),
            start: a,
            end: b,
            method: method.get_untracked(),
            updated_at: local_now(),
            ..original.get_value()
        };
        let mut batch = Batch::new();
        let saved = batch.save(&record);
        app.commit(batch, move || {
            app.campaigns.update(|list| {
                list.retain(|c| c.id != saved.id);
                list.push(saved);
            });
            editing.set(None);
            app.toast(app.t_now().common.saved);
        });
    };
    let toggle = |list: RwSignal<Vec<Tier>>, tier: Tier| {
        move |_| {
            list.update(|l| {
                if let Some(i) = l.iter().position(|x| *x == tier) {
                    l.remove(i);
                } else {
                    l.push(tier);
                }
            })
        }
    };
    view! {
        <form class="campaign-form form" id="campaign-form" on:submit=submit novalidate>
            <h3>{tr(|t| t.schedule_settings.new_campaign)}</h3>
            <label class="field" class:invalid=move || name_error.get().is_some()>
                <span>{tr(|t| t.schedule_settings.campaign_name)}</span>
                <input type="text" name="campaign_name" maxlength="60" bind:value=name />
                {move || name_error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
            </label>
            <label class="field">
                <span>{tr(|t| t.schedule_settings.campaign_message)}</span>
                <textarea name="campaign_message" maxlength="500" placeholder=tr(|t| t.schedule_settings.campaign_message_hint)
                    bind:value=message></textarea>
            </label>
            <div class="rule-fields">
                <label class="field compact" class:invalid=move || date_error.get().is_some()>
                    <span>{tr(|t| t.schedule_settings.campaign_start)}</span>
                    <input type="date" name="campaign_start" bind:value=start />
                </label>
                <label class="field compact" class:invalid=move || date_error.get().is_some()>
                    <span>{tr(|t| t.schedule_settings.campaign_end)}</span>
                    <input type="date" name="campaign_end" bind:value=end />
                </label>
                <label class="field compact">
                    <span>{tr(|t| t.schedule_settings.method)}</span>
                    <select name="campaign_method"
                        prop:value=move || ContactMethod::ALL.iter().position(|m| *m == method.get()).unwrap_or(0).to_string()
                        on:change:target=move |ev| {
                            if let Some(m) = ev.target().value().parse::<usize>().ok().and_then(|i| ContactMethod::ALL.get(i)) {
                                method.set(*m);
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
            </div>
            {move || date_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <fieldset class="rule">
                <legend>{tr(|t| t.schedule_settings.campaign_tiers)}</legend>
                <div class="checks">
                    {Tier::ALL
                        .into_iter()
                        .map(|tier| view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=move || tiers.with(|l| l.contains(&tier)) on:change=toggle(tiers, tier) />
                                {move || (app.t().labels.tier)(tier)}
                            </label>
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <fieldset class="rule">
                <legend>{tr(|t| t.schedule_settings.campaign_needs)}</legend>
                <div class="checks">
                    {NeedType::ALL
                        .into_iter()
                        .map(|need| view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=move || needs.with(|l| l.contains(&need))
                                    on:change=move |_| needs.update(|l| {
                                        if let Some(i) = l.iter().position(|x| *x == need) { l.remove(i); } else { l.push(need); }
                                    }) />
                                {move || (app.t().labels.need)(need)}
                            </label>
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <label class="field">
                <span>{tr(|t| t.schedule_settings.campaign_tags)}</span>
                <input type="text" name="campaign_tags" placeholder=tr(|t| t.schedule_settings.campaign_tags_hint) bind:value=tags />
            </label>
            <p class="hint campaign-reach">{move || (app.t().schedule_settings.campaign_reach)(count.get())}</p>
            <div class="form-actions">
                <button type="button" class="button subtle" on:click=move |_| editing.set(None)>{tr(|t| t.common.cancel)}</button>
                <button type="submit" class="button primary" id="save-campaign">{tr(|t| t.common.save)}</button>
            </div>
        </form>
    }
}
