//! The Data page's exchange section: export everything or chosen customers, import a file after a
//! preview, and review by file. The rules are in `domain::exchange`; this file reads files, offers
//! downloads and writes the import plan in one batch.
//!
//! Written as `maud` markup with delegated listeners (see `components::markup` for why): every
//! value from a file or from storage is escaped by `html!`.

use crate::domain::customer::Id;
use crate::domain::dataset::Dataset;
use crate::domain::exchange::import::{self, Incoming, Problem, What};
use crate::domain::exchange::merge::{self, Choice, Choices, Part, Plan, Preview};
use crate::domain::exchange::{self, DocKind, Header, Quarantined, ReviewVerdict, select};
use crate::domain::visit::{Review, Signature, Verdict, Visit};
use crate::i18n::{Texts, format};
use crate::store::prefs;
use crate::ui::components::download;
use crate::ui::components::markup::{action, actions, date_field, field_value, named, target_element};
use crate::ui::state::{AppState, Changes, local_now, use_app};
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use maud::{Markup, html};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use wasm_bindgen::JsCast;

actions! {
    /// The review period's two dates, by field name.
    enum ReviewPeriod { From = "review_from", To = "review_to" }
}

actions! {
    /// What the buttons of the import block do.
    enum ImportAction { Cancel = "cancel", Confirm = "confirm" }
}

actions! {
    /// What the buttons of the review-by-file block do.
    enum ReviewAction {
        Approve = "approve",
        Return = "return",
        ExportReview = "export-review",
        ExportVerdicts = "export-verdicts",
    }
}

/// Customers listed for choosing; the filter finds the others.
const LISTED: usize = 200;
/// Records listed in the review inbox and among the verdicts.
const REVIEW_ROWS: usize = 50;

#[derive(Clone)]
enum Step {
    Idle,
    Reading,
    Refused(Vec<Problem>),
    Preview(Box<Previewed>),
}

/// A file read and compared with this device, waiting for the user's confirmation.
#[derive(Clone)]
struct Previewed {
    incoming: Arc<Incoming>,
    local: Arc<Dataset>,
    choices: Choices,
    preview: Preview,
    /// Shared, not copied, each time the step is read (the book's records, once more).
    plan: Arc<Plan>,
}

/// What the app holds in memory: everything but the signatures.
fn in_memory(app: AppState) -> Dataset {
    Dataset {
        settings: app.settings.get_untracked(),
        customers: app.customers.get_untracked(),
        visits: app.visits.get_untracked(),
        feedback: app.feedback.get_untracked(),
        campaigns: app.campaigns.get_untracked(),
        agenda_marks: app.agenda_marks.get_untracked(),
        scripts: app.scripts.get_untracked(),
        signatures: Vec::new(),
    }
}

/// The signatures, which the app reads only on demand, and any that no longer decode. A failure
/// to read them has been shown: nothing may then be exported as if it were everything.
async fn stored_signatures(app: AppState) -> Option<(Vec<Signature>, Vec<Quarantined>)> {
    let Some(db) = app.database() else { return Some((Vec::new(), Vec::new())) };
    match db.get_all_checked::<Signature>().await {
        Ok(read) => Some(read),
        Err(e) => {
            app.toast_error(move |t| e.message(t.lang));
            None
        }
    }
}

/// Everything in memory plus the signatures, and every record set aside as unreadable.
async fn everything(app: AppState) -> Option<(Dataset, Vec<Quarantined>)> {
    let (signatures, mut aside) = stored_signatures(app).await?;
    aside.splice(0..0, app.quarantine.get_untracked());
    Some((Dataset { signatures, ..in_memory(app) }, aside))
}

fn export_file(
    app: AppState,
    header: Header,
    data: &Dataset,
    reviews: &[ReviewVerdict],
    quarantine: &[Quarantined],
) -> bool {
    let name = exchange::file_name(header.kind, app.today.get_untracked());
    let text = exchange::document(&header, data, reviews, quarantine);
    match download(&name, "application/json;charset=utf-8", &text) {
        Ok(()) => {
            app.toast(move |t| (t.exchange.export_done)(&name));
            true
        }
        Err(_) => {
            app.toast_error(|t| t.exchange.export_failed);
            false
        }
    }
}

fn header(kind: DocKind, period: Option<(NaiveDate, NaiveDate)>) -> Header {
    Header { kind, exported_at: local_now(), period }
}

fn attr(el: &web_sys::Element, name: &str) -> String {
    el.get_attribute(name).unwrap_or_default()
}

fn problems_html(t: &Texts, problems: &[Problem]) -> Markup {
    html! {
        div class="exchange-refused" role="alert" id="exchange-problems" {
            p { (t.exchange.refused) }
            ul {
                @for p in problems {
                    li { ((t.exchange.problem)(p)) }
                }
            }
        }
    }
}

fn preview_html(t: &Texts, incoming: &Incoming, choices: &Choices, preview: &Preview, plan: &Plan) -> Markup {
    let x = &t.exchange;
    let writes = plan.len();
    html! {
        div #exchange-preview {
            h3 { (x.preview_title) }
            p #exchange-summary { ((x.file_summary)((x.kind)(incoming.header.kind), incoming.record_count())) }
            @if incoming.from_version < exchange::SCHEMA_VERSION {
                p.hint #exchange-migrated { ((x.migrated)(incoming.from_version)) }
            }
            @if incoming.quarantined > 0 {
                p.hint #exchange-quarantined { ((x.quarantined_left)(incoming.quarantined)) }
            }
            div.table-wrap {
                table.exchange-preview {
                    thead {
                        tr {
                            th { (x.col_part) }
                            th.num { (x.col_new) }
                            th.num { (x.col_same) }
                            th.num { (x.col_conflicting) }
                            th { (x.col_choice) }
                        }
                    }
                    tbody {
                        @for (part, tally) in &preview.parts {
                            tr data-part=(part.name()) {
                                th scope="row" { ((x.part)(*part)) }
                                td.num.new { (tally.new) }
                                td.num.same { (tally.same) }
                                td.num.conflicting.has-conflicts[tally.conflicting > 0] { (tally.conflicting) }
                                td.choice {
                                    @if tally.conflicting == 0 {
                                        "—"
                                    } @else {
                                        select name="choice" data-part=(part.name())
                                            aria-label={ ((x.part)(*part)) " · " (x.col_choice) } {
                                            @for c in Choice::ALL {
                                                option value=(c.name()) selected[choices.of(*part) == c] {
                                                    ((x.choice)(c))
                                                }
                                            }
                                        }
                                        @if tally.theirs_newer > 0 && *part != Part::Settings {
                                            span.hint { ((x.theirs_newer)(tally.theirs_newer)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p.hint { (x.all_or_nothing) }
            @if writes == 0 {
                p.hint #exchange-nothing { (x.nothing_to_import) }
            }
            div.form-actions {
                button type="button" class="button" data-action=(ImportAction::Cancel) { (x.cancel) }
                button type="button" class="button primary" id="exchange-confirm" data-action=(ImportAction::Confirm)
                    disabled[writes == 0] { ((x.confirm)(writes)) }
            }
        }
    }
}

/// Writes the plan in one batch (revision-checked); the stored records go into memory with it.
async fn apply(app: AppState, plan: Arc<Plan>) -> Result<usize, String> {
    let count = plan.len();
    let mut changes = Changes::new();
    // The file's settings replace these (the user chose so), as the next revision of them.
    let current = app.settings.with_untracked(|s| s.rev);
    if let Some(s) = &plan.settings {
        changes.save_settings(&crate::domain::settings::Settings { rev: current, ..s.clone() });
    }
    changes.save_all(&plan.customers);
    changes.save_all(&plan.visits);
    changes.save_all(&plan.feedback);
    changes.save_all(&plan.campaigns);
    changes.save_all(&plan.agenda_marks);
    changes.save_all(&plan.scripts);
    for signature in &plan.signatures {
        changes.put_signature(signature);
    }
    app.apply(changes).await.map_err(|e| e.message(app.lang.get_untracked()))?;
    Ok(count)
}

async fn read_bytes(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

#[component]
pub fn ExchangeSection() -> impl IntoView {
    let app = use_app();
    let step = RwSignal::new(Step::Idle);
    let write_error = RwSignal::new(None::<String>);
    let filter = RwSignal::new(String::new());
    let chosen = RwSignal::new(HashSet::<Id>::new());
    let chosen_error = RwSignal::new(false);
    let today = app.today.get_untracked();
    let period = RwSignal::new((today.with_day(1).unwrap_or(today), today));
    let review_errors = RwSignal::new(HashMap::<Id, String>::new());

    // Export ---------------------------------------------------------------------------------
    let export_all = move |_| {
        spawn_local(async move {
            let Some((data, aside)) = everything(app).await else { return };
            if export_file(app, header(DocKind::Backup, None), &data, &[], &aside) {
                // Only a full backup counts for the backup reminder.
                prefs::set_last_backup(app.today.get_untracked());
            }
        });
    };
    let export_chosen = move |_| {
        let ids: Vec<Id> = chosen.get_untracked().into_iter().collect();
        if ids.is_empty() {
            chosen_error.set(true);
            return;
        }
        chosen_error.set(false);
        spawn_local(async move {
            let Some((data, _)) = everything(app).await else { return };
            let part = select::customers_with_history(&data, &ids);
            export_file(app, header(DocKind::Customers, None), &part, &[], &[]);
        });
    };
    let customer_list = move || {
        let t = app.t();
        let needle = filter.get().trim().to_lowercase();
        let digits: String = needle.chars().filter(char::is_ascii_digit).collect();
        chosen.with(|chosen| {
            app.customers.with(|customers| {
                if customers.is_empty() {
                    return html! { p.hint { (t.exchange.no_customers) } }.into_string();
                }
                let matching: Vec<_> = customers
                    .iter()
                    .filter(|c| {
                        needle.is_empty()
                            || c.name.to_lowercase().contains(&needle)
                            || (!digits.is_empty() && c.phones.iter().any(|p| p.contains(&digits)))
                    })
                    .collect();
                html! {
                    ul.exchange-choices {
                        @for c in matching.iter().take(LISTED) {
                            li {
                                label.check {
                                    input type="checkbox" name="chosen" value=(c.id) checked[chosen.contains(&c.id)];
                                    span { (c.name) }
                                    span.muted { (c.phones.first().map(String::as_str).unwrap_or_default()) }
                                }
                            }
                        }
                    }
                    @if matching.len() > LISTED {
                        p.hint { ((t.exchange.more_customers)(matching.len() - LISTED)) }
                    }
                }
                .into_string()
            })
        })
    };
    let on_choose = move |ev: leptos::ev::Event| {
        let Some(el) = target_element(&ev) else {
            return;
        };
        let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() else {
            return;
        };
        let (id, on) = (Id::from(input.value()), input.checked());
        chosen.update(|c| {
            if on {
                c.insert(id);
            } else {
                c.remove(&id);
            }
        });
        chosen_error.set(false);
    };

    // Import ---------------------------------------------------------------------------------
    let on_file = move |input: web_sys::HtmlInputElement| {
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        // Let the same file be chosen again after a refusal or a cancel.
        input.set_value("");
        write_error.set(None);
        let size = file.size() as usize;
        let max = import::max_bytes(device_memory_gb());
        if size > max {
            let problem = Problem { place: None, field: String::new(), what: What::TooLarge { bytes: size, max } };
            step.set(Step::Refused(vec![problem]));
            return;
        }
        step.set(Step::Reading);
        spawn_local(async move {
            let Some(bytes) = read_bytes(&file).await else {
                step.set(Step::Refused(vec![Problem { place: None, field: String::new(), what: What::NotText }]));
                return;
            };
            let incoming = match import::read_within(&bytes, max) {
                Ok(incoming) => incoming,
                Err(problems) => return step.set(Step::Refused(problems)),
            };
            let mut local = in_memory(app);
            if !incoming.data.signatures.is_empty() {
                let Some((signatures, _)) = stored_signatures(app).await else {
                    return step.set(Step::Idle);
                };
                local.signatures = signatures;
            }
            let dangling = merge::dangling(&local, &incoming);
            if !dangling.is_empty() {
                return step.set(Step::Refused(dangling));
            }
            let choices = Choices::default();
            let (preview, plan) = merge::plan(&local, &incoming, &choices);
            let plan = Arc::new(plan);
            let previewed = Previewed { incoming: Arc::new(incoming), local: Arc::new(local), choices, preview, plan };
            step.set(Step::Preview(Box::new(previewed)));
        });
    };
    let import_body = move || {
        let t = app.t();
        let x = &t.exchange;
        let chooser = |label: &str| {
            html! {
                label.button.primary.file-button {
                    (label)
                    input type="file" id="exchange-file" accept=".json,application/json" class="visually-hidden";
                }
            }
        };
        html! {
            h2 { (x.import_title) }
            p.hint { (x.import_hint) }
            @match &*step.read() {
                Step::Idle => (chooser(x.choose_file)),
                Step::Reading => { p.hint #exchange-reading { (x.reading) } }
                Step::Refused(problems) => {
                    (problems_html(t, problems))
                    (chooser(x.choose_file))
                }
                Step::Preview(previewed) => {
                    (preview_html(t, &previewed.incoming, &previewed.choices, &previewed.preview, &previewed.plan))
                    @if let Some(e) = write_error.get() {
                        p class="field-error" role="alert" id="exchange-failed" { (e) }
                    }
                }
            }
        }
        .into_string()
    };
    let confirm = move || {
        let Step::Preview(p) = step.get_untracked() else { return };
        let plan = p.plan;
        write_error.set(None);
        spawn_local(async move {
            match apply(app, plan).await {
                Ok(count) => {
                    app.toast(move |t| (t.exchange.imported)(count));
                    step.set(Step::Idle);
                }
                Err(message) => write_error.set(Some(message)),
            }
        });
    };
    let on_import_click = move |ev: leptos::ev::MouseEvent| match action::<ImportAction>(&ev) {
        Some((ImportAction::Cancel, _)) => step.set(Step::Idle),
        Some((ImportAction::Confirm, _)) => confirm(),
        None => {}
    };
    let on_import_change = move |ev: leptos::ev::Event| {
        let Some(el) = target_element(&ev) else {
            return;
        };
        if el.id() == "exchange-file" {
            if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
                on_file(input);
            }
            return;
        }
        let (Some(part), Some(choice)) = (
            Part::from_name(&attr(&el, "data-part")),
            el.dyn_ref::<web_sys::HtmlSelectElement>().and_then(|s| Choice::from_name(&s.value())),
        ) else {
            return;
        };
        if let Step::Preview(mut p) = step.get_untracked() {
            p.choices.set(part, choice);
            let (preview, plan) = merge::plan(&p.local, &p.incoming, &p.choices);
            (p.preview, p.plan) = (preview, Arc::new(plan));
            step.set(Step::Preview(p));
        }
    };

    // Review by file ---------------------------------------------------------------------------
    let review_body = move || {
        let t = app.t();
        let lang = app.lang.get();
        let x = &t.exchange;
        let (from, to) = period.get();
        let me = app.settings.with(|s| s.profile.agent_name.trim().to_string());
        let errors = review_errors.get();
        let names: HashMap<Id, String> =
            app.customers.with(|cs| cs.iter().map(|c| (c.id.clone(), c.name.clone())).collect());
        let name_of = |id: &str| names.get(id).cloned().unwrap_or_else(|| x.unknown_customer.to_string());
        // The rows are borrowed from the book, not copied: the book's visits were all copied and
        // sorted on every change of them (~40 ms after an import of 55,000).
        app.visits.with(|vs| {
            let (mut waiting, mut reviewed): (Vec<&Visit>, Vec<&Visit>) = vs
                .iter()
                .filter(|v| !v.demo && (me.is_empty() || v.agent.trim() != me || v.review.is_some()))
                .partition(|v| v.review.is_none());
            waiting.sort_by_key(|v| std::cmp::Reverse(v.at));
            reviewed.sort_by(|a, b| {
                b.review.as_ref().map(|r| r.on).cmp(&a.review.as_ref().map(|r| r.on)).then(b.at.cmp(&a.at))
            });
            let verdicts: Vec<_> =
                reviewed.iter().take(REVIEW_ROWS).filter_map(|v| v.review.as_ref().map(|r| (v, r))).collect();
            html! {
                h2 { (x.review_title) }
                p.hint { (x.review_hint) }
                div.exchange-period {
                    (date_field(x.period_from, ReviewPeriod::From, from, false))
                    (date_field(x.period_to, ReviewPeriod::To, to, false))
                }
                div.form-actions {
                    button type="button" class="button" id="export-review" data-action=(ReviewAction::ExportReview) {
                        (x.export_bundle)
                    }
                    button type="button" class="button" id="export-verdicts" data-action=(ReviewAction::ExportVerdicts) {
                        (x.export_verdicts)
                    }
                }
                h3 { (x.inbox_title) }
                @if waiting.is_empty() {
                    p.hint #review-inbox-empty { (x.inbox_empty) }
                } @else {
                    ul.review-list #review-inbox {
                        @for v in waiting.iter().take(REVIEW_ROWS) {
                            @let error = errors.get(&v.id);
                            li.review-item data-visit=(v.id) {
                                p.review-who {
                                    strong { (name_of(&v.customer_id)) }
                                    " · " (format::date_time(lang, v.at))
                                    " · " ((t.labels.scenario)(v.scenario))
                                    " · " ((t.labels.outcome)(v.method, v.outcome))
                                    @if !v.agent.is_empty() { " · " (v.agent) }
                                }
                                p.review-content { (v.content) }
                                label.field.invalid[error.is_some()] {
                                    span { (x.comment) }
                                    textarea name={ "comment-" (v.id) } rows="2" {}
                                    @if let Some(e) = error {
                                        span class="field-error" role="alert" id={ "comment-" (v.id) "-error" } { (e) }
                                    }
                                }
                                div.form-actions {
                                    button type="button" class="button" data-action=(ReviewAction::Return) data-id=(v.id) {
                                        (x.send_back)
                                    }
                                    button type="button" class="button primary" data-action=(ReviewAction::Approve)
                                        data-id=(v.id) { (x.approve) }
                                }
                            }
                        }
                    }
                }
                h3 { (x.verdicts_title) }
                @if verdicts.is_empty() {
                    p.hint { (x.verdicts_none) }
                } @else {
                    ul.review-list #review-verdicts {
                        @for (v, r) in &verdicts {
                            li class={ "verdict " (if r.verdict == Verdict::Returned { "returned" } else { "approved" }) }
                                data-visit=(v.id) {
                                p.review-who { strong { (name_of(&v.customer_id)) } " · " (format::date_time(lang, v.at)) }
                                p {
                                    span.verdict-badge { ((t.labels.verdict)(r.verdict)) }
                                    " " (r.reviewer) " · " (format::date_long(lang, r.on))
                                }
                                p.review-comment { (r.comment) }
                            }
                        }
                    }
                }
            }
            .into_string()
        })
    };
    let give_verdict = move |root: web_sys::Element, id: Id, verdict: Verdict| {
        let comment = field_value(&root, &format!("comment-{id}")).trim().to_string();
        let t = app.t_now();
        if verdict == Verdict::Returned && comment.is_empty() {
            review_errors.update(|e| {
                e.insert(id, t.exchange.comment_needed.to_string());
            });
            return;
        }
        review_errors.update(|e| {
            e.remove(&id);
        });
        let Some(mut visit) = app.visits.with_untracked(|vs| vs.iter().find(|v| v.id == id).cloned()) else {
            return;
        };
        let reviewer = app.settings.with_untracked(|s| s.profile.reviewer_name());
        visit.review = Some(Review { reviewer, comment, on: app.today.get_untracked(), verdict });
        let mut changes = Changes::new();
        changes.save(&visit);
        app.commit(changes, move || {
            app.toast(|t| t.exchange.reviewed);
        });
    };
    let on_review_click = move |ev: leptos::ev::MouseEvent| {
        let Some((what, el)) = action::<ReviewAction>(&ev) else {
            return;
        };
        let Some(root) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
            return;
        };
        let (from, to) = period.get_untracked();
        match what {
            ReviewAction::Approve => give_verdict(root, attr(&el, "data-id").into(), Verdict::Approved),
            ReviewAction::Return => give_verdict(root, attr(&el, "data-id").into(), Verdict::Returned),
            ReviewAction::ExportReview => spawn_local(async move {
                let Some((data, _)) = everything(app).await else { return };
                let bundle = select::review_bundle(&data, from, to);
                if bundle.visits.is_empty() {
                    app.toast(|t| t.exchange.bundle_empty);
                } else {
                    export_file(app, header(DocKind::Review, Some((from, to))), &bundle, &[], &[]);
                }
            }),
            ReviewAction::ExportVerdicts => {
                let data = Dataset { visits: app.visits.get_untracked(), ..Dataset::default() };
                let verdicts = select::verdicts(&data, from, to);
                if verdicts.is_empty() {
                    app.toast(|t| t.exchange.verdicts_empty);
                } else {
                    export_file(app, header(DocKind::Verdicts, Some((from, to))), &Dataset::default(), &verdicts, &[]);
                }
            }
        }
    };
    let on_review_change = move |ev: leptos::ev::Event| {
        let Some(el) = target_element(&ev) else {
            return;
        };
        let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() else {
            return;
        };
        let Ok(date) = input.value().parse::<NaiveDate>() else {
            return;
        };
        match named::<ReviewPeriod>(&el) {
            Some(ReviewPeriod::From) => period.update(|p| p.0 = date),
            Some(ReviewPeriod::To) => period.update(|p| p.1 = date),
            None => {}
        }
    };

    view! {
        <section class="card exchange" id="exchange-export">
            <h2>{move || app.t().exchange.export_title}</h2>
            <p class="hint">{move || app.t().exchange.export_hint}</p>
            <div class="form-actions">
                <button type="button" class="button primary" id="export-all" on:click=export_all>
                    {move || app.t().exchange.export_all}
                </button>
            </div>
            <details class="exchange-select" id="export-select">
                <summary>{move || app.t().exchange.select_title}</summary>
                <p class="hint">{move || app.t().exchange.select_hint}</p>
                <input
                    type="search"
                    id="export-filter"
                    class="exchange-filter"
                    prop:placeholder=move || app.t().exchange.select_filter
                    on:input=move |ev| filter.set(event_target_value(&ev))
                />
                <div id="export-choices" inner_html=customer_list on:change=on_choose></div>
                <p class="field-error" role="alert" id="export-chosen-error">
                    {move || if chosen_error.get() { app.t().exchange.none_selected } else { "" }}
                </p>
                <div class="form-actions">
                    <button type="button" class="button" id="export-chosen" on:click=export_chosen>
                        {move || (app.t().exchange.export_selected)(chosen.with(HashSet::len))}
                    </button>
                </div>
            </details>
        </section>
        <section class="card exchange" id="exchange-import">
            <div inner_html=import_body on:click=on_import_click on:change=on_import_change></div>
        </section>
        <section class="card exchange" id="exchange-review">
            <div inner_html=review_body on:click=on_review_click on:change=on_review_change></div>
        </section>
    }
}

/// The memory this device reports, in GB (`navigator.deviceMemory`; Chromium only).
fn device_memory_gb() -> Option<f64> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::get(&navigator, &wasm_bindgen::JsValue::from_str("deviceMemory")).ok()?.as_f64()
}
