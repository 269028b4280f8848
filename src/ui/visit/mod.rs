//! The visit screen (回访记录): the filled script beside the record form, so the agent reads and
//! writes during the call; the saved record with its feedback items, signature and review.
//!
//! The form is markup (`html.rs`) read back from the DOM on every input: the draft is kept in
//! localStorage as the agent types, and the markup is rebuilt only when its shape changes (the
//! method, the outcome, a feedback row added) or after a refused save shows its errors.

mod html;

use crate::domain::agenda::DueItem;
use crate::domain::customer::{ContactMethod, Customer, Id};
use crate::domain::plan::one_item;
use crate::domain::record::{
    RecordContext, RecordErrors, ReviewDraft, ReviewField, VisitDraft, close_item, parse_record, parse_review,
    visit_save,
};
use crate::domain::schedule::{DateRange, MergedKey};
use crate::domain::scripts::{Want, pick};
use crate::domain::visit::{FeedbackItem, FeedbackKind, Signature, SignatureState, Visit};
use crate::store::drafts;
use crate::ui::components::markup::{action, action_of, field_value, show_error_in, target_element};
use crate::ui::components::prompter::{FillData, ScriptPrompter};
use crate::ui::components::visit_summary::FeedbackAction;
use crate::ui::components::{Confirm, SignaturePad, SignatureView, confirm, offer_undo};
use crate::ui::route::Route;
use crate::ui::state::{AppState, Changes, local_now, new_id, use_app};
use chrono::{Datelike, Duration};
use html::{FormAction, RecordAction};
use leptos::prelude::*;
use maud::{Markup, html};
use wasm_bindgen::JsCast;

/// The due item `key` of `customer`, found again in that customer's schedule around today (a
/// merged item by any of the keys it joins). Only this customer is scheduled: the screen opens
/// at once whatever the size of the book.
fn find_item(app: AppState, key: &MergedKey, customer: &Customer) -> (Option<DueItem>, Vec<DueItem>) {
    let today = app.today.get_untracked();
    let customers = std::slice::from_ref(customer);
    let book = crate::ui::state::book::use_book();
    let visits = book.visits_of_untracked(app, &customer.id);
    let feedback = book.feedback_of_untracked(app, &customer.id);
    let range = DateRange::new(today - Duration::days(400), today + Duration::days(400));
    // A card of Today joins the keys of its items: each is found, and the visit serves them all.
    let parts: Vec<DueItem> =
        untrack(|| crate::ui::state::schedule::schedule_of(app, customers, &visits, &feedback, range))
            .into_iter()
            .filter(|i| i.key.overlaps(key))
            .collect();
    let open: Vec<DueItem> = parts.iter().filter(|i| i.is_open()).cloned().collect();
    let one = if open.is_empty() { one_item(parts.clone()) } else { one_item(open.clone()) };
    (one, if open.is_empty() { parts } else { open })
}

/// Saved feedback items a new one may duplicate: the customer's own first, then other
/// customers' open ones (the same fault reported by two customers is one item).
fn originals(app: AppState, customer_id: &str) -> Vec<(String, String)> {
    let names: std::collections::HashMap<Id, String> =
        app.customers.with_untracked(|cs| cs.iter().map(|c| (c.id.clone(), c.name.clone())).collect());
    app.feedback.with_untracked(|all| {
        let short = |f: &FeedbackItem| {
            let text: String = f.text.chars().take(24).collect();
            let who = names.get(&f.customer_id).cloned().unwrap_or_default();
            format!("{text} · {who}")
        };
        let mut out: Vec<(String, String)> =
            all.iter().filter(|f| f.customer_id == customer_id).map(|f| (f.id.to_string(), short(f))).collect();
        out.extend(
            all.iter()
                .filter(|f| f.customer_id != customer_id && crate::domain::record::is_open(f))
                .take(50)
                .map(|f| (f.id.to_string(), short(f))),
        );
        out
    })
}

/// The visit screen, started from a due item (`item`, with its `customer`), from a customer
/// ("new visit"), or to edit a saved record (`editing`).
#[component]
pub fn VisitPage(
    #[prop(optional_no_strip)] item: Option<MergedKey>,
    #[prop(optional_no_strip)] customer: Option<Id>,
    #[prop(optional_no_strip)] editing: Option<Id>,
    #[prop(optional)] session: bool,
) -> impl IntoView {
    let app = use_app();
    let saved: Option<Visit> =
        editing.as_ref().and_then(|id| app.visits.with_untracked(|v| v.iter().find(|v| &v.id == id).cloned()));
    let customer_id = saved.as_ref().map(|v| v.customer_id.clone()).or(customer);
    let found: Option<Customer> =
        customer_id.and_then(|id| app.customers.with_untracked(|cs| cs.iter().find(|c| c.id == id).cloned()));
    let Some(found) = found else {
        let t = app.t_now();
        let missing = if editing.is_some() { t.record.record_missing } else { t.record.customer_missing };
        return view! {
            <section class="empty-state" id="visit-missing">
                <p>{missing}</p>
                <a class="button primary" href=Route::Today.href()>{t.agenda.back_to_today}</a>
            </section>
        }
        .into_any();
    };
    let (due, parts) = match (&saved, &item) {
        (None, Some(key)) => find_item(app, key, &found),
        _ => (None, Vec::new()),
    };
    view! { <VisitScreen customer=found due parts item saved session /> }.into_any()
}

#[component]
fn VisitScreen(
    customer: Customer,
    due: Option<DueItem>,
    /// The items of the card the visit is for, each on its own.
    parts: Vec<DueItem>,
    item: Option<MergedKey>,
    saved: Option<Visit>,
    session: bool,
) -> impl IntoView {
    let app = use_app();
    let book = crate::ui::state::book::use_book();
    let now = local_now();
    let draft_key = match (&saved, &item) {
        (Some(v), _) => format!("edit:{}", v.id),
        (None, Some(key)) => format!("item:{key}"),
        (None, None) => format!("customer:{}", customer.id),
    };
    let fresh = match (&saved, &due) {
        (Some(v), _) => app.feedback.with_untracked(|f| VisitDraft::from_visit(v, f)),
        (None, Some(d)) => VisitDraft::for_item(d, now),
        (None, None) => {
            let mut d = VisitDraft::for_customer(&customer, now);
            // An item that is no longer on the agenda (done in another tab) still names the visit.
            d.item_key = item.clone();
            d
        }
    };
    let restored_draft = drafts::load(&draft_key).filter(|d| d.customer_id == fresh.customer_id && *d != fresh);
    let restored = RwSignal::new(restored_draft.is_some());
    let fresh = StoredValue::new(fresh);
    let draft = StoredValue::new(restored_draft.unwrap_or_else(|| fresh.get_value()));
    let strokes = RwSignal::new(draft.with_value(|d| d.signature.clone()));
    let errors = RwSignal::new(RecordErrors::default());
    // Bumped when the form's shape changes and its markup must be written again.
    let version = RwSignal::new(0u32);
    let saving = StoredValue::new(false);
    let draft_key = StoredValue::new(draft_key);
    let kept_signature = saved.as_ref().is_some_and(|v| v.signature == SignatureState::Captured);
    let saved = StoredValue::new(saved);
    let dup_choices = StoredValue::new(originals(app, &customer.id));
    let root = NodeRef::<leptos::html::Form>::new();

    let persist = move || {
        let result = draft.with_value(|d| drafts::save(&draft_key.get_value(), d));
        if let Err(e) = result {
            // Once: a full storage would otherwise speak at every keystroke.
            if !saving.get_value() {
                app.toast_error(move |t| e.message(t.lang));
            }
        }
    };
    // The day of the call is the form's date, so the script's time words ("到今天是第5天了",
    // "今天是您的生日") follow it as the agent changes it; today while the field is empty or
    // half typed.
    let call_day = move || {
        let today = app.today.get_untracked();
        draft.with_value(|d| crate::domain::date::parse_date(&d.date).unwrap_or(today))
    };
    let call_date = RwSignal::new(call_day());
    let sync_call_date = move || {
        let on = call_day();
        if call_date.get_untracked() != on {
            call_date.set(on);
        }
    };
    // Whether the signature (or the reason there is none) is asked for: the reason's label says
    // "optional" only when it is not. Redrawn when the method or the outcome changes it, never
    // while the reason is being typed.
    let needs_signature = RwSignal::new(draft.with_value(VisitDraft::needs_signature));
    let read = move || {
        if let Some(root) = root.get_untracked() {
            let root: &web_sys::Element = root.unchecked_ref();
            draft.update_value(|d| *d = html::read_form(root, d));
            sync_call_date();
            let needed = draft.with_value(VisitDraft::needs_signature);
            if needs_signature.get_untracked() != needed {
                needs_signature.set(needed);
            }
        }
    };
    // Every finished stroke, undo and clear is kept in the draft at once. Setting the same
    // strokes the draft holds (the first run, a discarded draft) writes nothing.
    Effect::new(move |_| {
        let s = strokes.get();
        if draft.with_value(|d| d.signature != s) {
            draft.update_value(|d| d.signature = s);
            persist();
        }
    });

    let on_site = Memo::new(move |_| {
        version.get();
        draft.with_value(|d| d.method == Some(ContactMethod::OnSite))
    });
    let customer_for_script = customer.clone();
    let due_for_script = due.clone();
    let script = Memo::new(move |_| {
        version.get();
        let scenario = draft.with_value(|d| d.scenario);
        let lang = app.lang.get();
        let want = match &due_for_script {
            Some(item) if Some(item.scenario) == scenario => Want::for_item(item, Some(&customer_for_script)),
            _ => {
                // Untracked, like the need and product beside it (the customer as the screen
                // opened): the script is picked for the call, not again when the save this screen
                // makes moves the tier. Tracked, every save re-assessed the customer and picked a
                // script for a screen about to close (~7 ms of a save at 5,000 customers).
                let tier = book.assessments.with_untracked(|a| a.get(&customer_for_script.id).map(|a| a.effective));
                Want {
                    scenario,
                    tier,
                    need: Some(customer_for_script.need),
                    product: customer_for_script.last_purchase().map(|p| p.product.clone()),
                    ..Want::default()
                }
            }
        };
        app.scripts.with(|user| pick(user, lang, &want))
    });
    let fill_customer = customer.clone();
    let fill_item = due.clone();
    let data = Signal::derive(move || FillData {
        customer: Some(fill_customer.clone()),
        item: fill_item.clone(),
        feedback: book.feedback_of(app, &fill_customer.id),
        settings: app.settings.get(),
        on: call_date.get(),
    });

    let fields = move || {
        version.get();
        let t = app.t();
        let e = errors.get();
        let shown = restored.get();
        let year = app.today.get().year();
        // The card's items as the agent reads them; those already done elsewhere are not asked.
        let card_items: Vec<(String, String)> = parts
            .iter()
            .map(|i| {
                let why: Vec<String> =
                    i.reasons.iter().map(|r| crate::ui::components::item_text::reason(t, r, year)).collect();
                (
                    i.key.to_string(),
                    format!("{} · {}", (t.labels.scenario)(i.scenario), why.join(t.common.list_separator)),
                )
            })
            .collect();
        let markup = draft.with_value(|d| {
            dup_choices.with_value(|o| {
                html::form(
                    t,
                    &html::FormView { draft: d, errors: &e, originals: o, restored: shown, card_items: &card_items },
                )
            })
        });
        markup.into_string()
    };
    let signature_parts = move || {
        version.get();
        needs_signature.track();
        let t = app.t();
        errors.with(|e| draft.with_value(|d| html::signature_parts(t, d, e, kept_signature)))
    };
    let actions = move || html::actions(app.t(), &errors.get()).into_string();

    let rebuild = move || {
        version.update(|v| *v += 1);
    };
    let on_input = move |_: leptos::ev::Event| {
        read();
        persist();
    };
    let on_change = move |ev: leptos::ev::Event| {
        read();
        persist();
        let shape = target_element(&ev)
            .and_then(|f| f.get_attribute("name"))
            .is_some_and(|n| matches!(n.as_str(), "method" | "scenario" | "answers"));
        if shape {
            rebuild();
        }
    };
    let discard = move || {
        let t = app.t_now();
        let c = Confirm {
            title: t.record.discard_title,
            body: t.record.discard_body,
            confirm: t.record.discard_draft,
            danger: true,
            name: "discard-draft",
            fields: None,
        };
        confirm(app, c, move |_| {
            drafts::discard(&draft_key.get_value());
            draft.set_value(fresh.get_value());
            sync_call_date();
            strokes.set(fresh.with_value(|d| d.signature.clone()));
            errors.set(RecordErrors::default());
            restored.set(false);
            rebuild();
            app.toast(|t| t.record.draft_discarded);
        });
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        match action::<FormAction>(&ev) {
            Some((FormAction::AddFeedback, _)) => {
                read();
                draft.update_value(|d| d.feedback.push(Default::default()));
                persist();
                rebuild();
                focus_later("#visit-feedback [data-fb]:last-of-type select");
            }
            Some((FormAction::RemoveFeedback, button)) => {
                read();
                let index = button.get_attribute("data-index").and_then(|i| i.parse::<usize>().ok());
                draft.update_value(|d| {
                    if let Some(i) = index.filter(|i| *i < d.feedback.len()) {
                        d.feedback.remove(i);
                    }
                });
                // Errors point at rows by index; they no longer match.
                errors.set(RecordErrors::default());
                persist();
                rebuild();
            }
            Some((FormAction::Discard, _)) => discard(),
            None => {}
        }
    };
    let customer_for_save = customer.clone();
    let from_card = item.is_some();
    // Read here: the save finishes in a task, outside the component's context.
    let day_plan = crate::ui::state::day_plan::use_day_plan();
    // Ctrl+Enter (⌘+Enter on a Mac) saves from anywhere on the page: a reached call from Today is
    // then the few keys of reaching the card and one chord, not forty Tabs down to the save bar.
    let save_on_ctrl_enter = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Enter"
            && (ev.ctrl_key() || ev.meta_key())
            && !ev.repeat()
            && let Some(form) = root.get_untracked()
        {
            ev.prevent_default();
            let form: &web_sys::HtmlFormElement = &form;
            let _ = form.request_submit();
        }
    });
    on_cleanup(move || save_on_ctrl_enter.remove());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_value() {
            return;
        }
        read();
        draft.update_value(|d| d.signature = strokes.get_untracked());
        let settings = app.settings.get_untracked();
        let edit_summary = app.t_now().record.edit_summary;
        let editing = saved.get_value();
        // Borrowed, not copied: cloning a large book's 6,000 feedback items cost ~15 ms a save.
        let parsed = app.feedback.with_untracked(|all_feedback| {
            draft.with_value(|d| {
                let ctx = RecordContext {
                    now: local_now(),
                    edit_summary,
                    agent: &settings.profile.agent_name,
                    settings: &settings.visits,
                    editing: editing.as_ref(),
                    feedback: all_feedback,
                };
                parse_record(d, &ctx, &mut new_id)
            })
        });
        let record = match parsed {
            Ok(record) => record,
            Err(e) => {
                errors.set(e);
                rebuild();
                focus_later(
                    ".visit-screen .invalid input, .visit-screen .invalid select, .visit-screen .invalid textarea",
                );
                return;
            }
        };
        // Clearing errors that are not shown would write the whole form's markup again (and force
        // a layout of it) just before the screen is left: ~5 ms of a save.
        if errors.with_untracked(|e| !e.is_empty()) {
            errors.set(RecordErrors::default());
        }
        // Everything the record changes, worked out by the domain: the visit, its feedback items
        // and signature, and the customer (the no-answer ladder, a complaint confirmed settled,
        // the tier the visit moves them to). Only this customer's visits count (copying all
        // 55,000 of a large book took ~20 ms), found through the book's index of them.
        let own_visits = book.visits_of_untracked(app, &customer_for_save.id);
        let current = app
            .customers
            .with_untracked(|cs| cs.iter().find(|c| c.id == customer_for_save.id).cloned())
            .unwrap_or_else(|| customer_for_save.clone());
        let save = visit_save(
            record,
            &current,
            &own_visits,
            &settings.tiers,
            app.today.get_untracked(),
            app.t_now().record.demotion_note,
            &mut new_id,
        );
        let mut changes = Changes::new();
        // A new visit has a fresh id: memory appends it without searching the visits for it.
        let visit = if editing.is_none() { changes.create(&save.visit) } else { changes.save(&save.visit) };
        let items: Vec<FeedbackItem> = save.feedback.iter().map(|f| changes.save(f)).collect();
        if let Some(signature) = &save.signature {
            changes.put_signature(signature);
        }
        let changed_customer = save.customer.map(|c| changes.save(&c));
        saving.set_value(true);
        let id = visit.id.clone();
        let before = current.clone();
        let signed = save.signature.is_some();
        let is_new = editing.is_none();
        leptos::task::spawn_local(async move {
            let ok = app.apply(changes).await.is_ok();
            saving.set_value(false);
            if !ok {
                return;
            }
            // Before anything is drawn or the draft discarded (a blurred field may still fire its
            // `change`, which keeps the draft).
            if !session {
                crate::ui::let_go_of_focus();
            }
            let customer_id = visit.customer_id.clone();
            let undo_customer = changed_customer.map(|after| (before, after));
            drafts::discard(&draft_key.get_value());
            if is_new {
                offer_undo(app, |t| t.record.saved_undo, move || undo_save(app, visit, items, signed, undo_customer));
            } else {
                app.toast(|t| t.record.saved);
            }
            // A calling session goes on to the next customer of today; a visit started from Today
            // goes back to it; one started from the customer shows its record.
            if session {
                match day_plan.next_card(&customer_id) {
                    Some(next) => Route::of_card(&next, true).replace(),
                    None => {
                        app.toast(|t| t.record.session_done);
                        Route::Today.replace();
                    }
                }
            } else if from_card && is_new {
                Route::Today.replace();
            } else {
                Route::Record(id).replace();
            }
        });
    };

    let title = {
        let name = customer.name.clone();
        let editing = saved.with_value(Option::is_some);
        move || {
            let r = &app.t().record;
            format!("{} · {}", if editing { r.title_edit } else { r.title }, name)
        }
    };
    let item_note = {
        let due = due.clone();
        let asked_for = item.is_some();
        move || {
            let t = app.t();
            let year = app.today.get().year();
            match &due {
                // What is still ahead: a window that opened weeks ago (care due now) reads from today.
                Some(d) => format!(
                    "{} · {} {}–{}",
                    (t.labels.scenario)(d.scenario),
                    t.record.window,
                    crate::i18n::format::date_auto(t.lang, d.earliest.max(app.today.get().min(d.latest)), year),
                    crate::i18n::format::date_auto(t.lang, d.latest, year)
                ),
                None if asked_for && saved.with_value(Option::is_none) => t.record.item_gone.to_string(),
                None => String::new(),
            }
        }
    };
    let customer_href = Route::Customer(customer.id.clone()).href();
    let phone = customer.phones.first().map(|p| {
        let digits: String = p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        (format!("tel:{digits}"), p.clone())
    });
    view! {
        <header class="page-header visit-header">
            <h1 id="visit-title">{title}</h1>
            <div class="page-actions">
                {phone.map(|(href, p)| view! { <a class="button" href=href id="visit-call">{p}</a> })}
                <a class="button subtle" href=customer_href>{move || app.t().agenda.view_customer}</a>
            </div>
        </header>
        <p class="hint visit-item" id="visit-item">{item_note}</p>
        <div class="visit-screen">
            <aside class="visit-script" aria-labelledby="visit-script-title">
                <h2 id="visit-script-title">{move || app.t().record.script_heading}</h2>
                <ScriptPrompter script=script data />
            </aside>
            <form class="card visit-form" id="visit-form" node_ref=root novalidate
                on:input=on_input on:change=on_change on:click=on_click on:submit=on_submit>
                <h2>{move || app.t().record.form_heading}</h2>
                <div inner_html=fields></div>
                <section class="visit-signature" id="visit-signature" class:hidden=move || !on_site.get()>
                    <div inner_html=move || signature_parts().0.into_string()></div>
                    <SignaturePad strokes id="signature-pad" />
                    <div inner_html=move || signature_parts().1.into_string()></div>
                </section>
                <div class="visit-actions-bar" inner_html=actions></div>
            </form>
        </div>
    }
}

/// Focuses (and scrolls to) the first element matching `selector` once the markup written in
/// this turn is on the page.
fn focus_later(selector: &'static str) {
    set_timeout(
        move || {
            let element = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(selector).ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(e) = element {
                // Without scrolling, then to the middle of the screen: at the bottom edge the
                // field would sit behind the phone's sticky save bar.
                let options = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&options, &"preventScroll".into(), &true.into());
                if let Ok(focus) =
                    js_sys::Reflect::get(&e, &"focus".into()).and_then(|f| f.dyn_into::<js_sys::Function>())
                {
                    let _ = focus.call1(&e, &options);
                }
                let center = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&center, &"block".into(), &"center".into());
                if let Ok(scroll) =
                    js_sys::Reflect::get(&e, &"scrollIntoView".into()).and_then(|f| f.dyn_into::<js_sys::Function>())
                {
                    let _ = scroll.call1(&e, &center);
                }
            }
        },
        std::time::Duration::from_millis(0),
    );
}

/// A saved record: fields, feedback items (closing one schedules telling the customer), the
/// signature drawn again as SVG, the changes, and the supervisor's review.
#[component]
pub fn RecordPage(id: Id) -> impl IntoView {
    let app = use_app();
    let lookup = id.clone();
    // From the end: a record just saved was appended there, and this page is where saving one
    // leads (scanning 55,000 visits from the front cost ~3 ms of a save).
    let visit = Memo::new(move |_| app.visits.with(|v| v.iter().rev().find(|v| v.id == lookup).cloned()));
    let strokes = RwSignal::new(Vec::new());
    let signed =
        Memo::new(move |_| visit.with(|v| v.as_ref().is_some_and(|v| v.signature == SignatureState::Captured)));
    // Signatures are large and not kept in memory: read this one from storage.
    if signed.get_untracked()
        && let Some(db) = app.database()
    {
        let key = id.clone();
        leptos::task::spawn_local(async move {
            match db.get::<Signature>(&key).await {
                Ok(Some(s)) => strokes.set(s.strokes),
                Ok(None) => {}
                Err(e) => app.storage_problem.set(Some(e)),
            }
        });
    }
    let body = move || {
        let t = app.t();
        let markup: Markup = visit.with(|v| match v {
            None => html! { p.empty-state #record-missing { (t.record.record_missing) } },
            Some(v) => {
                let name = app
                    .customers
                    .with(|cs| cs.iter().find(|c| c.id == v.customer_id).map(|c| c.name.clone()))
                    .unwrap_or_default();
                app.feedback.with(|f| html::record(t, t.lang, v, &name, f))
            }
        });
        markup.into_string()
    };
    // Only a supervisor reviews; an agent sees the verdict, not the form (Settings → 我的角色).
    let review = move || {
        let t = app.t();
        let today = app.today.get();
        let supervisor = app.settings.with(|s| s.profile.role == crate::domain::settings::Role::Supervisor);
        visit.with(|v| {
            v.as_ref().map(|v| html::review(t, t.lang, v, today, supervisor).into_string()).unwrap_or_default()
        })
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((FeedbackAction::CloseItem, button)) = action::<FeedbackAction>(&ev) else {
            return;
        };
        let Some(item_id) = button.get_attribute("data-id") else {
            return;
        };
        let Some(item) = app.feedback.with_untracked(|f| f.iter().find(|f| f.id == item_id).cloned()) else {
            return;
        };
        let closed = close_item(&item, app.today.get_untracked(), local_now());
        let tells = closed.kind == FeedbackKind::FollowUp && !closed.resolved_during_visit;
        let mut changes = Changes::new();
        changes.save(&closed);
        app.commit(changes, move || {
            app.toast(move |t| if tells { t.record.item_closed } else { t.record.item_closed_plain });
        });
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(form) = target_element(&ev) else {
            return;
        };
        if action_of::<RecordAction>(&form) != Some(RecordAction::Review) {
            return;
        }
        let Some(v) = visit.get_untracked() else {
            return;
        };
        let checked = form
            .query_selector("input[name=verdict]:checked")
            .ok()
            .flatten()
            .map(|e| crate::ui::components::markup::value_of(&e))
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| html::VERDICTS.get(i).copied());
        let draft = ReviewDraft {
            reviewer: field_value(&form, "reviewer"),
            comment: field_value(&form, "review_comment"),
            date: field_value(&form, "review_date"),
            verdict: checked,
        };
        let t = app.t_now();
        let slot = |name: &str| form.query_selector(&format!("[data-error={name}]")).ok().flatten();
        for name in ["reviewer", "date", "verdict", "comment"] {
            show_error_in(slot(name), None);
        }
        match parse_review(&draft, v.at.date()) {
            Err(errors) => {
                for (field, e) in errors {
                    let (name, message) = match field {
                        ReviewField::Reviewer => ("reviewer", (t.record.error)(&e)),
                        ReviewField::Date => ("date", (t.record.error)(&e)),
                        ReviewField::Verdict => ("verdict", (t.record.error)(&e)),
                        ReviewField::Comment => ("comment", t.record.reason_required.to_string()),
                    };
                    show_error_in(slot(name), Some(&message));
                }
            }
            Ok(review) => {
                let mut changes = Changes::new();
                changes.save(&Visit { review: Some(review), ..v });
                app.commit(changes, move || {
                    app.toast(|t| t.record.review_saved);
                });
            }
        }
    };
    view! {
        <div class="record-page" on:click=on_click on:submit=on_submit>
            <div inner_html=body></div>
            <section class="card record-signature" id="record-signature" class:hidden=move || !signed.get()>
                <h2>{move || app.t().record.signature}</h2>
                <SignatureView strokes />
            </section>
            <div inner_html=review></div>
        </div>
    }
}

/// Takes a visit saved a moment ago back: the record, its new feedback items and signature are
/// deleted and the customer is as before, in one write; its items are open again.
fn undo_save(
    app: AppState,
    visit: Visit,
    items: Vec<FeedbackItem>,
    signed: bool,
    customer: Option<(Customer, Customer)>,
) {
    let mut changes = Changes::new();
    changes.delete(&visit);
    for item in &items {
        changes.delete(item);
    }
    if signed {
        changes.delete_signature(&visit.id);
    }
    // The customer as they were, over the revision the save wrote.
    if let Some((before, after)) = customer {
        changes.save(&Customer { rev: after.rev, ..before });
    }
    app.commit(changes, move || {
        app.toast(|t| t.record.visit_undone);
    });
}
