//! Importing a CSV file: choose the file, check the column mapping, look at the preview with every
//! bad row and its reason, confirm. Only the confirmation writes, in one atomic batch.

use crate::domain::csv_import::{self, Column, CsvError, Decoded, Encoding, ImportPlan};
use crate::domain::tiering;
use crate::i18n::format;
use crate::ui::components::demo::DemoBlocker;
use crate::ui::components::fields::{checkbox, options_markup};
use crate::ui::components::markup;
use crate::ui::components::markup::{Action, action, actions};
use crate::ui::components::tx;
use crate::ui::route::Route;
use crate::ui::state::book::use_book;
use crate::ui::state::{Changes, local_now, new_id, use_app};
use leptos::prelude::*;
use leptos::task::spawn_local;
use maud::html;
use wasm_bindgen::JsCast;

actions! {
    /// The preview's switches, by field name.
    enum ImportSwitch { OnlyProblems = "only_problems", KeepRepeats = "keep_repeats" }
}

actions! {
    /// What the buttons of the import steps do.
    pub enum ImportAction {
        StartOver = "start-over",
        Back = "back",
        Preview = "preview",
        Cancel = "cancel",
        UseUtf8 = "use-utf8",
        UseGbk = "use-gbk",
        Confirm = "confirm",
    }
}

/// Rows shown in the preview table; the counts cover every row.
const PREVIEW_ROWS: usize = 200;

#[derive(Clone, PartialEq)]
struct Sheet {
    file: String,
    encoding: Encoding,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Rows (indexes into `rows`) whose quote never closed.
    unclosed: Vec<usize>,
}

#[derive(Clone, PartialEq)]
enum Step {
    Choose,
    Reading,
    /// The file reads as UTF-8 with a few stray bytes, or as GBK: the user picks, seeing the
    /// first names each way (file name, UTF-8 text, GBK text).
    ChooseEncoding(String, String, Option<String>),
    Mapping,
    /// Checking the rows, a chunk at a time: (rows done, rows in all, seconds left).
    Planning(usize, usize, Option<u64>),
    Preview(ImportPlan),
    /// Saving this many customers.
    Writing(usize),
}

/// Rows planned between two frames: about 20 ms of work on a phone.
const CHUNK: usize = 2_000;

/// Lets the browser draw and handle input before the next chunk of work.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

async fn read_file(file: web_sys::File) -> Result<(Vec<u8>, String), ()> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.map_err(|_| ())?;
    Ok((js_sys::Uint8Array::new(&buffer).to_vec(), file.name()))
}

/// GBK through the browser's own decoder (every current browser has it, per the Encoding
/// Standard), so that no encoding table ships in the app.
fn decode_gbk(bytes: &[u8]) -> Option<String> {
    web_sys::TextDecoder::new_with_label("gbk").ok()?.decode_with_u8_array(bytes).ok()
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let app = use_app();
    let book = use_book();
    let step = RwSignal::new(Step::Choose);
    let sheet = RwSignal::new(None::<Sheet>);
    let mapping = RwSignal::new(Vec::<Column>::new());
    let error = RwSignal::new(None::<String>);
    let only_problems = RwSignal::new(false);
    let keep_repeats = RwSignal::new(false);
    // Bumped by "cancel": a planning run that sees another number stops.
    let run = StoredValue::new(0u64);

    // The text of the file, split into rows; the mapping is next.
    let open_sheet = move |name: String, text: String, encoding: Encoding| {
        let t = app.t_now();
        match csv_import::read_sheet(&text) {
            Err(CsvError::Empty) => {
                error.set(Some(t.import.empty.into()));
                step.set(Step::Choose);
            }
            Ok(csv_import::Sheet { mut rows, unclosed }) => {
                let headers = rows.remove(0);
                if rows.is_empty() {
                    error.set(Some(t.import.empty.into()));
                    step.set(Step::Choose);
                    return;
                }
                mapping.set(csv_import::guess_mapping(&headers));
                let unclosed = unclosed.into_iter().filter_map(|i| i.checked_sub(1)).collect();
                sheet.set(Some(Sheet { file: name, encoding, headers, rows, unclosed }));
                step.set(Step::Mapping);
            }
        }
    };
    let on_file = move |el: web_sys::Element| {
        let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        error.set(None);
        let size = file.size() as usize;
        if size > csv_import::MAX_BYTES {
            let mb = |b: usize| b.div_ceil(1024 * 1024);
            error.set(Some((app.t_now().import.too_large)(mb(size), mb(csv_import::MAX_BYTES))));
            return;
        }
        step.set(Step::Reading);
        spawn_local(async move {
            let t = app.t_now();
            let fail = |message: String| {
                error.set(Some(message));
                step.set(Step::Choose);
            };
            let Ok((bytes, name)) = read_file(file).await else { return fail(t.import.unreadable.into()) };
            let (text, encoding) = match csv_import::decode(&bytes) {
                Decoded::Text { text, encoding } => (text, encoding),
                Decoded::NeedsGbk => match decode_gbk(&bytes) {
                    Some(text) => (text, Encoding::Gbk),
                    None => return fail(t.import.no_gbk.into()),
                },
                Decoded::Unsure { utf8 } => {
                    step.set(Step::ChooseEncoding(name, utf8, decode_gbk(&bytes)));
                    return;
                }
            };
            open_sheet(name, text, encoding);
        });
    };

    // Checks every row in chunks, drawing the progress between them; "cancel" stops it and
    // nothing has been written.
    let make_preview = move || {
        let Some(s) = sheet.get_untracked() else { return };
        let this_run = run.get_value() + 1;
        run.set_value(this_run);
        let total = s.rows.len();
        step.set(Step::Planning(0, total, None));
        spawn_local(async move {
            let today = app.today.get_untracked();
            let existing = app.customers.get_untracked();
            let columns = mapping.get_untracked();
            let mut planner = csv_import::Planner::new(&columns, &existing, today, local_now());
            planner.keep_repeats = keep_repeats.get_untracked();
            planner.unclosed = s.unclosed.clone();
            let started = js_sys::Date::now();
            for chunk in s.rows.chunks(CHUNK) {
                next_frame().await;
                if run.try_get_value() != Some(this_run) {
                    return;
                }
                planner.feed(chunk, &mut new_id);
                let done = planner.rows_read();
                let elapsed = (js_sys::Date::now() - started) / 1000.0;
                let left = (done > 0).then(|| (elapsed / done as f64 * (total - done) as f64).ceil() as u64);
                step.try_set(Step::Planning(done, total, left));
            }
            only_problems.try_set(false);
            step.try_set(Step::Preview(planner.finish()));
        });
    };
    let cancel = move || {
        run.set_value(run.get_value() + 1);
        step.set(Step::Mapping);
        app.toast(|t| t.import.cancelled);
    };

    // One write of every customer: all or nothing, whatever happens to the page meanwhile.
    let confirm = move || {
        let Step::Preview(plan) = step.get_untracked() else { return };
        let count = plan.new_customers.len() + plan.updated_customers.len();
        step.set(Step::Writing(count));
        spawn_local(async move {
            // Show "saving" before the work that follows holds the page.
            next_frame().await;
            let today = app.today.get_untracked();
            let mut customers: Vec<_> = plan.new_customers.into_iter().chain(plan.updated_customers).collect();
            let new_count = customers.iter().filter(|c| c.rev == 0).count();
            let purchases = plan.purchases;
            let mut changes = Changes::new();
            // Tiers and records prepared a chunk at a time, the page drawing between chunks; the
            // write itself is one transaction. Revision-checked: a customer edited in another tab
            // since the preview is a conflict, and nothing of the import is written.
            for chunk in customers.chunks_mut(CHUNK) {
                app.customers.with_untracked(|stored| {
                    app.visits.with_untracked(|visits| {
                        app.settings.with_untracked(|s| tiering::record_edits(stored, chunk, visits, &s.tiers, today))
                    })
                });
                changes.save_all(chunk);
                next_frame().await;
            }
            if app.apply(changes).await.is_err() {
                // The write said what went wrong; the mapping is there to try again.
                step.try_set(Step::Mapping);
                return;
            }
            app.toast(move |t| (t.import.imported)(new_count, purchases));
            Route::Customers.go();
        });
    };

    let mapping_rows = move |t: &crate::i18n::Texts, s: &Sheet, m: &[Column]| {
        html! {
            @for (i, h) in s.headers.iter().enumerate() {
                @let sample =
                    s.rows.iter().find_map(|r| r.get(i).filter(|v| !v.trim().is_empty()).cloned()).unwrap_or_default();
                @let options: Vec<_> = Column::ALL
                    .iter()
                    .enumerate()
                    .map(|(k, c)| (k.to_string(), (t.import.column)(*c).to_string(), m.get(i) == Some(c)))
                    .collect();
                tr {
                    th scope="row" { (h) }
                    td class="muted" { (sample) }
                    td {
                        select name={ "column-" (i) } data-index=(i) aria-label=(t.import.column_target) {
                            (options_markup(&options))
                        }
                    }
                }
            }
        }
    };

    let body = move || {
        let t = app.t();
        let lang = app.lang.get();
        let markup = match step.get() {
            Step::Choose | Step::Reading => {
                let label = if step.get() == Step::Reading { t.import.reading } else { t.import.choose_file };
                html! {
                    section class="card" {
                        p { (t.import.intro) }
                        label class="button primary file-button" {
                            (label)
                            input type="file" id="import-file" accept=".csv,.txt,text/csv" class="visually-hidden";
                        }
                        @if let Some(e) = error.get() {
                            p class="field-error" role="alert" id="import-error" { (e) }
                        }
                    }
                }
            }
            Step::Mapping => {
                let Some(s) = sheet.get() else { return String::new() };
                let encoding = match s.encoding {
                    Encoding::Utf8 | Encoding::Utf8Bom => "UTF-8",
                    Encoding::Utf16 => "UTF-16",
                    Encoding::Gbk => "GBK",
                };
                let (rows, has_name) = mapping.with(|m| (mapping_rows(t, &s, m), m.contains(&Column::Name)));
                html! {
                    section class="card" {
                        p class="hint" id="import-summary" { ((t.import.file_summary)(&s.file, encoding, s.rows.len())) }
                        h2 { (t.import.mapping_title) }
                        p class="hint" { (t.import.mapping_hint) }
                        div class="table-wrap" {
                            table class="mapping" {
                                thead {
                                    tr {
                                        th { (t.import.column_header) }
                                        th { (t.import.column_sample) }
                                        th { (t.import.column_target) }
                                    }
                                }
                                tbody { (rows) }
                            }
                        }
                        @if !has_name {
                            p class="field-error" id="need-name" { (t.import.need_name) }
                        }
                        div class="form-actions" {
                            button type="button" class="button" data-action=(ImportAction::StartOver) { (t.import.start_over) }
                            button type="button" class="button primary" id="import-preview" data-action=(ImportAction::Preview)
                                disabled[!has_name] { (t.import.preview) }
                        }
                    }
                }
            }
            Step::ChooseEncoding(file, utf8, gbk) => {
                // The first few names each way: the user sees which one reads right.
                let sample = |text: &str| -> String {
                    let names: Vec<String> =
                        text.lines().skip(1).take(4).map(|l| l.chars().take(24).collect()).collect();
                    names.join(" · ")
                };
                html! {
                    section class="card" id="choose-encoding" {
                        h2 { ((t.import.encoding_unsure_title)(&file)) }
                        p class="hint" { (t.import.encoding_unsure) }
                        ul class="encoding-choices" {
                            li {
                                p class="sample" id="sample-utf8" { (sample(&utf8)) }
                                button type="button" class="button" data-action=(ImportAction::UseUtf8) id="use-utf8" {
                                    ((t.import.read_as)("UTF-8"))
                                }
                            }
                            @if let Some(g) = gbk.as_deref() {
                                li {
                                    p class="sample" id="sample-gbk" { (sample(g)) }
                                    button type="button" class="button" data-action=(ImportAction::UseGbk) id="use-gbk" {
                                        ((t.import.read_as)("GBK"))
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Step::Planning(done, total, left) => {
                let percent = (done * 100).checked_div(total).unwrap_or(100);
                html! {
                    section class="card" id="import-progress" {
                        p role="status" id="import-progress-text" { ((t.import.planning)(done, total, left)) }
                        progress max=(total) value=(done) aria-label=(t.import.preview_title) { (percent) "%" }
                        div class="form-actions" {
                            button type="button" class="button" data-action=(ImportAction::Cancel) id="import-cancel" {
                                (t.import.cancel)
                            }
                        }
                    }
                }
            }
            Step::Writing(n) => html! {
                section class="card" id="import-progress" {
                    p role="status" id="import-progress-text" { ((t.import.writing)(n)) }
                    progress aria-label=(t.import.preview_title) {}
                }
            },
            Step::Preview(plan) => {
                let problems_only = only_problems.get();
                let shown: Vec<_> = plan.rows.iter().filter(|r| !problems_only || r.outcome.is_problem()).collect();
                let hidden = shown.len().saturating_sub(PREVIEW_ROWS);
                let writes = plan.writes_anything();
                let keep = keep_repeats.get();
                html! {
                    section class="card" {
                        h2 { (t.import.preview_title) }
                        p id="import-plan" {
                            ((t.import.summary)(
                                plan.new_customers.len(),
                                plan.purchases,
                                plan.problems,
                                plan.skipped - plan.repeated,
                                plan.repeated
                            ))
                        }
                        (checkbox(t.import.only_problems, ImportSwitch::OnlyProblems.as_str(), problems_only))
                        @if plan.repeated > 0 || keep {
                            (checkbox(t.import.keep_repeats, ImportSwitch::KeepRepeats.as_str(), keep))
                        }
                        div class="table-wrap" {
                            table class="preview" id="import-preview-table" {
                                thead {
                                    tr {
                                        th { (t.import.row) }
                                        th { (t.customers.name) }
                                        th { (t.customers.phone) }
                                        th { (t.customers.record_purchase) }
                                        th { (t.import.result) }
                                    }
                                }
                                tbody {
                                    @for r in shown.into_iter().take(PREVIEW_ROWS) {
                                        @let purchase = r
                                            .purchase
                                            .as_ref()
                                            .map(|(d, a, p)| {
                                                format!("{} {} {}", format::date_long(lang, *d), format::price(lang, *a), p)
                                            })
                                            .unwrap_or_default();
                                        tr class=(if r.outcome.is_problem() { "problem" } else { "ok" }) {
                                            td { (r.row) }
                                            td { (r.name) }
                                            td { (r.phone) }
                                            td { (purchase) }
                                            td class="outcome" { ((t.import.outcome)(&r.outcome)) }
                                        }
                                    }
                                }
                                @if hidden > 0 {
                                    caption class="hint" { ((t.import.more_rows)(hidden)) }
                                }
                            }
                        }
                        @if !writes {
                            p class="field-error" { (t.import.nothing_to_import) }
                        }
                        div class="form-actions" {
                            button type="button" class="button" data-action=(ImportAction::Back) { (t.import.back_to_mapping) }
                            button type="button" class="button primary" id="import-confirm" data-action=(ImportAction::Confirm)
                                disabled[!writes] { ((t.import.confirm)(plan.new_customers.len(), plan.purchases)) }
                        }
                    }
                }
            }
        };
        markup.into_string()
    };

    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some((action, _)) = action::<ImportAction>(&ev) else { return };
        match action {
            ImportAction::StartOver => step.set(Step::Choose),
            ImportAction::Back => step.set(Step::Mapping),
            ImportAction::Preview => make_preview(),
            ImportAction::Cancel => cancel(),
            ImportAction::UseUtf8 | ImportAction::UseGbk => {
                if let Step::ChooseEncoding(file, utf8, gbk) = step.get_untracked() {
                    match (action, gbk) {
                        (ImportAction::UseGbk, Some(text)) => open_sheet(file, text, Encoding::Gbk),
                        _ => open_sheet(file, utf8, Encoding::Utf8),
                    }
                }
            }
            ImportAction::Confirm => confirm(),
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(el) = markup::target_element(&ev) else { return };
        match markup::named::<ImportSwitch>(&el) {
            Some(ImportSwitch::OnlyProblems) => only_problems
                .set(js_sys::Reflect::get(&el, &"checked".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false)),
            Some(ImportSwitch::KeepRepeats) => {
                keep_repeats
                    .set(js_sys::Reflect::get(&el, &"checked".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false));
                make_preview();
            }
            // A column's target: the select of the column `data-index` names.
            None if el.has_attribute("data-index") => {
                let i = el.get_attribute("data-index").and_then(|i| i.parse::<usize>().ok());
                let column = js_sys::Reflect::get(&el, &"value".into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .and_then(|v| v.parse::<usize>().ok())
                    .and_then(|k| Column::ALL.get(k).copied());
                if let (Some(i), Some(c)) = (i, column) {
                    mapping.update(|m| {
                        if let Some(slot) = m.get_mut(i) {
                            *slot = c
                        }
                    });
                }
            }
            _ => {
                if el.id() == "import-file" {
                    on_file(el);
                }
            }
        }
    };

    view! {
        <nav class="crumbs">
            <a href=Route::Customers.href()>"← "{tx(|t| t.customers.back_to_list)}</a>
        </nav>
        <header class="page-header">
            <h1>{tx(|t| t.import.title)}</h1>
        </header>
        <Show when=move || !book.has_demo.get() fallback=DemoBlocker>
            <div inner_html=body on:click=on_click on:change=on_change></div>
        </Show>
    }
}
