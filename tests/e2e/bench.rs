//! The browser benchmark of issue 8: the release `dist/` in headless Chromium with the generated
//! books of `domain::generate` stored in IndexedDB. It prints figures and asserts only that the
//! app did what was measured (it opened, the search found customers, the timeline showed), never
//! a time: the machine is shared and timed assertions would flake.
//!
//! The tests are `#[ignore]`d so the normal end-to-end run skips them; `scripts/bench.sh` runs
//! them with `cargo test --features e2e --test e2e bench:: -- --ignored --test-threads=1 --nocapture`.
//! Every figure is one line starting with `BENCH`; docs/performance.md has the last figures.
//!
//! Times come from the page's own clock (`performance.now()`, which starts at navigation):
//! - "interactive" is the first macrotask after the app has mounted and finished loading (no
//!   `.loading` left): everything the load scheduled has run and the page answers input;
//! - a keystroke is from setting the field's value to the first macrotask after the list updated;
//! - "4x" figures are with the CPU slowed four times (CDP `Emulation.setCPUThrottlingRate`), like a
//!   mid-range phone;
//! - saving a visit is from the click on Save to the first macrotask after the saved record shows;
//! - exporting is from the click on the export button to the first macrotask after the file was
//!   handed to the browser; importing is from choosing the file to the first macrotask after the
//!   preview shows, and from the click on confirm to the first macrotask after "imported" shows.
//!
//! Clicks that start a timed step are the element's own `click()` in the page, so that the clock
//! starts at the click; everything before (opening a form, tapping "reached") goes through
//! WebDriver as in the other end-to-end tests. The exported file never crosses WebDriver (at
//! 50,000 customers it is about 300 MB): the page keeps the Blob and gives it back to the import's
//! file field as a `File`, as choosing it in the file picker would.

use crate::harness::*;
use fantoccini::Client;
use fantoccini::wd::TimeoutConfiguration;
use huifang::domain::exchange::import::max_bytes;
use huifang::domain::generate::{LONG_TIMELINE_ID, Size, generate};
use serde::Serialize;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

pub(crate) const TODAY: &str = "2026-06-03T09:30:00+08:00";

pub(crate) fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 3).unwrap()
}

/// Records, on every page load, when the app became interactive and where its wasm memory is.
pub(crate) const PROBE: &str = r#"(() => {
    const b = window.__bench = { ready: null, interactive: null, wasm: null };
    addEventListener('TrunkApplicationStarted', e => { b.wasm = e.detail && e.detail.wasm; });
    const check = () => {
        if (b.ready !== null) return;
        if (document.querySelector('.app') && !document.querySelector('.loading')) {
            b.ready = performance.now();
            observer.disconnect();
            setTimeout(() => { b.interactive = performance.now(); }, 0);
        }
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true });
})();"#;

pub(crate) fn report(what: &str, figure: impl std::fmt::Display) {
    println!("BENCH {what}: {figure}");
}

/// A browser with the clock on [`TODAY`] and the probe installed.
pub(crate) async fn browser(s: &Sessions) -> Client {
    let browser = s.open(PHONE).await;
    set_clock(&browser, TODAY).await;
    cdp(&browser, "Page.addScriptToEvaluateOnNewDocument", json!({ "source": PROBE })).await;
    cdp(&browser, "Performance.enable", json!({})).await;
    browser
}

/// Waits (up to `patience`) for the probe's "interactive" time of the current page load, in ms.
pub(crate) async fn interactive(browser: &Client, patience: Duration) -> f64 {
    let start = Instant::now();
    loop {
        let t = eval(browser, "return window.__bench ? window.__bench.interactive : null").await;
        if let Some(ms) = t.as_f64() {
            return ms;
        }
        assert!(start.elapsed() < patience, "the app was not interactive after {patience:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub(crate) async fn reload_to_interactive(browser: &Client, patience: Duration) -> f64 {
    browser.refresh().await.expect("reload");
    interactive(browser, patience).await
}

/// Writes a generated book into the app's IndexedDB in chunks, in the app's layout (pages of
/// records, `IDB_RECORD_JS`), as an earlier session would have saved it: much faster than
/// importing it.
pub(crate) async fn store_book(browser: &Client, customers: usize) -> (usize, usize) {
    let data = generate(customers, 1, today());
    let script = format!(
        "{IDB_RECORD_JS}{}",
        r#"
        const [store, records, done] = arguments;
        putRawRecords(records.map(([key, json]) => [store, key, json])).then(done, e => done('failed: ' + e));
    "#
    );
    let script = script.as_str();
    async fn put<T: Serialize>(browser: &Client, script: &str, store: &str, records: &[T], key: impl Fn(&T) -> &str) {
        for chunk in records.chunks(20_000) {
            let pairs: Vec<Value> =
                chunk.iter().map(|r| json!([key(r), serde_json::to_string(r).expect("a record encodes")])).collect();
            let result = browser.execute_async(script, vec![json!(store), Value::Array(pairs)]).await.expect("seed");
            assert_eq!(result, json!("ok"), "storing {store}");
        }
    }
    // HUIFANG_BENCH_STORES=customers,visits stores only those collections: to find which one a
    // slow load comes with.
    let only = std::env::var("HUIFANG_BENCH_STORES").unwrap_or_else(|_| "customers,visits,feedback,signatures".into());
    let wanted = |name: &str| only.split(',').any(|n| n.trim() == name);
    if wanted("customers") {
        put(browser, script, "customers", &data.customers, |c| &c.id).await;
    }
    if wanted("visits") {
        put(browser, script, "visits", &data.visits, |v| &v.id).await;
    }
    if wanted("feedback") {
        put(browser, script, "feedback", &data.feedback, |f| &f.id).await;
    }
    if wanted("signatures") {
        put(browser, script, "signatures", &data.signatures, |s| &s.visit_id).await;
    }
    (data.customers.len(), data.visits.len())
}

/// Page memory: the JS heap (CDP `Performance.getMetrics`) and the wasm linear memory (which the
/// JS heap does not count). Right after a load most of the JS heap is garbage not yet collected
/// (at 5,000 customers 275 MB before a collection, 2 MB after), so the heap is read twice: as it
/// is, and after a forced collection (CDP `HeapProfiler.collectGarbage`), which is what the page
/// holds. The DOM nodes are counted after the collection (detached nodes are then gone). The
/// collection also means that later figures start from a clean heap.
async fn memory(browser: &Client) -> String {
    let metric = |metrics: &Value, name: &str| {
        metrics["metrics"]
            .as_array()
            .and_then(|m| m.iter().find(|x| x["name"] == name))
            .and_then(|x| x["value"].as_f64())
            .unwrap_or(f64::NAN)
    };
    let before = cdp(browser, "Performance.getMetrics", json!({})).await;
    cdp(browser, "HeapProfiler.enable", json!({})).await;
    cdp(browser, "HeapProfiler.collectGarbage", json!({})).await;
    cdp(browser, "HeapProfiler.disable", json!({})).await;
    let after = cdp(browser, "Performance.getMetrics", json!({})).await;
    let wasm = eval(
        browser,
        "const w = window.__bench && window.__bench.wasm; return w && w.memory ? w.memory.buffer.byteLength : null",
    )
    .await
    .as_f64()
    .unwrap_or(f64::NAN);
    let mb = |b: f64| b / 1_048_576.0;
    format!(
        "JS heap {:.0} MB ({:.0} MB after GC) + wasm memory {:.0} MB; {} DOM nodes",
        mb(metric(&before, "JSHeapUsedSize")),
        mb(metric(&after, "JSHeapUsedSize")),
        mb(wasm),
        metric(&after, "Nodes")
    )
}

/// Types into the customer search and returns the median and worst keystroke, in ms.
async fn search_keystrokes(browser: &Client) -> Value {
    let measure = r#"
        const done = arguments[arguments.length - 1];
        (async () => {
            const input = document.querySelector('#customer-search');
            const times = [];
            for (const q of ['w', 'wa', 'wan', 'wang', 'wangf', '', 'z', 'zh', 'zha', 'zhang', '',
                             '1', '13', '138', '1380', '', '李', '李娜', '']) {
                const t0 = performance.now();
                input.value = q;
                input.dispatchEvent(new Event('input', { bubbles: true }));
                await new Promise(r => setTimeout(r, 0));
                times.push(performance.now() - t0);
                await new Promise(r => requestAnimationFrame(() => r()));
            }
            times.sort((a, b) => a - b);
            done({ median: +times[Math.floor(times.length / 2)].toFixed(1), worst: +times[times.length - 1].toFixed(1),
                   rows: document.querySelectorAll('#customer-list .crow').length });
        })();
    "#;
    browser.execute_async(measure, vec![]).await.expect("search measurement")
}

/// Opens the customer with the long timeline from the list, and returns the time to the timeline
/// shown (ms) and how many entries it shows.
async fn open_long_timeline(browser: &Client) -> Value {
    let measure = format!(
        r#"
        const done = arguments[arguments.length - 1];
        const t0 = performance.now();
        location.hash = '#/customers/{LONG_TIMELINE_ID}';
        const finish = () => setTimeout(() => done({{ ms: +(performance.now() - t0).toFixed(1),
            entries: document.querySelectorAll('#timeline > li').length }}), 0);
        const shown = () => document.querySelector('#timeline > li') !== null;
        if (shown()) {{ finish(); }} else {{
            const observer = new MutationObserver(() => {{ if (shown()) {{ observer.disconnect(); finish(); }} }});
            observer.observe(document.body, {{ childList: true, subtree: true }});
        }}
    "#
    );
    browser.execute_async(&measure, vec![]).await.expect("opening a customer")
}

pub(crate) async fn throttle(browser: &Client, rate: u32) {
    cdp(browser, "Emulation.setCPUThrottlingRate", json!({ "rate": rate })).await;
}

/// How many visits [`save_visits`] saves.
pub(crate) const SAVES: usize = 5;

/// Scrolls an element to the middle of the screen and taps it through WebDriver, as a user would
/// (at the edge it may sit under the sticky save bar or the phone's navigation).
async fn tap(browser: &Client, css: &str) {
    find(browser, css).await;
    eval(browser, &format!("document.querySelector({css:?}).scrollIntoView({{ block: 'center' }})")).await;
    click(browser, css).await;
}

/// Saving a visit, [`SAVES`] times, each in a new form: the customer with the long timeline
/// opened, "新建回访" on their page, "reached" tapped (a phone call logged in two taps, as in
/// `visit::a_reached_phone_call_is_logged_in_two_taps`), then Save. Timed from the click on Save
/// to the first macrotask after the record page shows: by then the app has checked the form,
/// written the record, put it in the book (which recomputes what depends on the visits), said
/// "saved" and replaced the form with the record. Returns the median and worst time (ms) and the
/// records saved.
pub(crate) async fn save_visits(browser: &Client) -> Value {
    let measure = r#"
        const done = arguments[arguments.length - 1];
        const saved = () => location.hash.startsWith('#/records/') && document.querySelector('#record') !== null;
        const refused = () => { const e = document.querySelector('#visit-errors'); return e !== null && e.textContent.trim() !== ''; };
        let observer = null;
        const t0 = performance.now();
        const finish = () => {
            if (observer) observer.disconnect();
            setTimeout(() => {
                const ms = performance.now() - t0;
                const toast = [...document.querySelectorAll('.toast')].map(t => t.textContent).join(' ');
                done({ ms: +ms.toFixed(1), hash: location.hash, refused: refused() ? document.querySelector('#visit-errors').textContent : null,
                       record: saved() ? document.querySelector('#record').textContent : null, toast });
            }, 0);
        };
        observer = new MutationObserver(() => { if (saved() || refused()) finish(); });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        document.querySelector('#save-visit').click();
    "#;
    let mut times = Vec::new();
    let mut records = Vec::new();
    for _ in 0..SAVES {
        eval(browser, &format!("location.hash = '#/customers/{LONG_TIMELINE_ID}'")).await;
        tap(browser, "#new-visit").await;
        find(browser, "#visit-form #save-visit").await;
        tap(browser, "label.visit-chip:has(#outcome-0) span").await;
        let reached = eval(browser, "return document.querySelector('#outcome-0').checked").await;
        assert_eq!(reached, json!(true), "reached is chosen");
        let saved = browser.execute_async(measure, vec![]).await.expect("saving a visit");
        assert!(saved["refused"].is_null(), "the visit is saved, not refused: {saved}");
        let record = saved["hash"].as_str().unwrap_or_default().to_string();
        assert!(record.starts_with("#/records/"), "the record page shows after saving: {saved}");
        assert!(saved["record"].as_str().unwrap_or_default().contains("已接通"), "the record says reached: {saved}");
        assert!(saved["toast"].as_str().unwrap_or_default().contains("已保存"), "the app says saved: {saved}");
        assert!(!records.contains(&record), "each save is a new record: {record}");
        records.push(record);
        times.push(saved["ms"].as_f64().expect("a time"));
    }
    times.sort_by(f64::total_cmp);
    json!({ "median": times[times.len() / 2], "worst": times[times.len() - 1], "saves": records.len() })
}

/// Exports everything from the Data page (`#export-all`), timed from the click to the first
/// macrotask after the app handed the file to the browser (the download link's click, which the
/// page catches instead of saving, as `data::catch_downloads` does). The page keeps the file as
/// `window.__bench.exported` for [`import_exported`]. Returns the time (ms), the file's name and
/// size in bytes.
async fn export_everything(browser: &Client) -> Value {
    let measure = r#"
        const done = arguments[arguments.length - 1];
        const create = URL.createObjectURL;
        const click = HTMLAnchorElement.prototype.click;
        let blob = null;
        URL.createObjectURL = function (b) { blob = b; return create.call(URL, b); };
        HTMLAnchorElement.prototype.click = function () {
            if (!this.download || blob === null) return click.call(this);
            URL.createObjectURL = create;
            HTMLAnchorElement.prototype.click = click;
            const name = this.download;
            window.__bench.exported = { blob, name };
            setTimeout(() => done({ ms: +(performance.now() - t0).toFixed(1), name, bytes: blob.size }), 0);
        };
        const t0 = performance.now();
        document.querySelector('#export-all').click();
    "#;
    browser.execute_async(measure, vec![]).await.expect("exporting everything")
}

/// A page function `chooseFile({ blob, name }, done)` that gives the file to the Data page's import
/// field as choosing it would, and calls `done` at the first macrotask after the preview (or the
/// refusal) shows, with the time from the choice (ms), the preview's totals of new, same and
/// conflicting records (read past their thousands separators), whether it can be confirmed, and
/// the refusal's text if any.
pub(crate) const CHOOSE_FILE: &str = r#"
    function chooseFile({ blob, name }, done) {
        const file = new File([blob], name, { type: 'application/json' });
        const input = document.querySelector('#exchange-file');
        const dt = new DataTransfer();
        dt.items.add(file);
        input.files = dt.files;
        const shown = () => document.querySelector('#exchange-preview, #exchange-problems');
        let observer = null;
        const finish = () => {
            if (observer) observer.disconnect();
            setTimeout(() => {
                const ms = performance.now() - t0;
                const sum = cls => [...document.querySelectorAll('#exchange-preview td.' + cls)]
                    .reduce((n, td) => n + (parseInt(td.textContent.replace(/,/g, ''), 10) || 0), 0);
                const confirm = document.querySelector('#exchange-confirm');
                const problems = document.querySelector('#exchange-problems');
                done({ ms: +ms.toFixed(1), new: sum('new'), same: sum('same'), conflicting: sum('conflicting'),
                       confirmable: confirm !== null && !confirm.disabled,
                       refused: problems ? problems.textContent : null });
            }, 0);
        };
        observer = new MutationObserver(() => { if (shown()) finish(); });
        observer.observe(document.body, { childList: true, subtree: true });
        const t0 = performance.now();
        input.dispatchEvent(new Event('change', { bubbles: true }));
    }
"#;

/// Gives the file [`export_everything`] kept (or, with `stashed`, the one [`stash_and_empty`]
/// kept in IndexedDB) to the import's file field, as choosing it would, and times from there to
/// the first macrotask after the preview (or the refusal) shows. Returns the time (ms), the
/// preview's totals of new, same and conflicting records, whether it can be confirmed, and the
/// refusal's text if any.
async fn import_exported(browser: &Client, stashed: bool) -> Value {
    let measure = CHOOSE_FILE.to_string()
        + r#"
        const [stashed, done] = arguments;
        if (!stashed) { chooseFile(window.__bench.exported, done); return; }
        const req = indexedDB.open('huifang-bench');
        req.onerror = () => done({ refused: 'stash open failed: ' + req.error });
        req.onsuccess = () => {
            const db = req.result;
            const get = db.transaction(['files'], 'readonly').objectStore('files').get('export');
            get.onsuccess = () => { db.close(); chooseFile(get.result, done); };
            get.onerror = () => { db.close(); done({ refused: 'stash read failed: ' + get.error }); };
        };
    "#;
    browser.execute_async(&measure, vec![json!(stashed)]).await.expect("choosing the file to import")
}

/// Confirms the import the preview shows, timed from the click to the first macrotask after the
/// app says "imported" (the plan is written in one batch and put in memory by then). Returns the
/// time (ms) and the app's message.
pub(crate) async fn confirm_import(browser: &Client) -> Value {
    let measure = r#"
        const done = arguments[arguments.length - 1];
        const said = () => [...document.querySelectorAll('.toasts')].map(t => t.textContent).join(' ');
        const over = () => said().includes('已导入') || document.querySelector('#exchange-failed') !== null;
        let observer = null;
        const t0 = performance.now();
        const finish = () => {
            if (observer) observer.disconnect();
            setTimeout(() => {
                const failed = document.querySelector('#exchange-failed');
                done({ ms: +(performance.now() - t0).toFixed(1), said: said(), failed: failed ? failed.textContent : null });
            }, 0);
        };
        observer = new MutationObserver(() => { if (over()) finish(); });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        document.querySelector('#exchange-confirm').click();
    "#;
    browser.execute_async(measure, vec![]).await.expect("confirming the import")
}

/// A page function `emptyApp(done)` that clears the app's collections (the pages of customers,
/// visits and the rest, the signatures, and the stores of the layout before pages where they are
/// still there; the settings stay) in one transaction and calls `done` with `'ok'` or what went
/// wrong: a new phone before a backup is restored on it.
pub(crate) const EMPTY_APP: &str = r#"
    function emptyApp(done) {
        const all = ['pages', 'signatures', 'customers', 'visits', 'feedback', 'campaigns', 'agenda_marks', 'scripts', 'snapshot', 'journal'];
        const req = indexedDB.open('huifang');
        req.onerror = () => done('open failed: ' + req.error);
        req.onsuccess = () => {
            const db = req.result;
            const stores = all.filter(name => db.objectStoreNames.contains(name));
            const tx = db.transaction(stores, 'readwrite');
            for (const name of stores) tx.objectStore(name).clear();
            tx.oncomplete = () => { db.close(); done('ok'); };
            tx.onabort = () => { db.close(); done('emptying aborted: ' + tx.error); };
        };
    }
"#;

/// Keeps the exported file in a database of the benchmark's own (`huifang-bench`), then empties
/// the app's collections (customers, visits and the rest; the settings stay), as a new phone
/// would be before a backup is restored on it. Reload afterwards.
async fn stash_and_empty(browser: &Client) {
    let script = EMPTY_APP.to_string()
        + r#"
        const done = arguments[arguments.length - 1];
        const empty = () => emptyApp(done);
        const req = indexedDB.open('huifang-bench', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('files');
        req.onerror = () => done('stash open failed: ' + req.error);
        req.onsuccess = () => {
            const db = req.result;
            const { blob, name } = window.__bench.exported;
            const tx = db.transaction(['files'], 'readwrite');
            tx.objectStore('files').put({ blob, name }, 'export');
            tx.oncomplete = () => { db.close(); empty(); };
            tx.onabort = () => { db.close(); done('stash aborted: ' + tx.error); };
        };
    "#;
    let result = browser.execute_async(&script, vec![]).await.expect("stashing the export");
    assert_eq!(result, json!("ok"), "stashing the export and emptying the app's storage");
}

/// The Data page's figures: export everything, then import that file back. Into the same
/// profile every record is the same, so the preview is the whole cost (comparing the file with
/// the book) and there is nothing to confirm; the import that writes is then timed into the
/// profile emptied (a backup restored on a new phone): preview, and confirm to "imported". Over
/// this browser's import limit (`import::max_bytes` of the memory it reports: 512 MB where it
/// reports 8 GB; the 50,000-customer file is about 384 MB) the import is refused by design: that
/// is reported, and the app's message checked.
async fn export_and_import(browser: &Client, s: &Sessions, name: &str, patience: Duration, counts: &str) {
    eval(browser, "location.hash = '#/data'").await;
    find(browser, "#export-all").await;
    wait_text(browser, "#data-counts", counts).await;
    let export = export_everything(browser).await;
    let bytes = export["bytes"].as_u64().unwrap_or(0);
    let mb = bytes as f64 / 1_048_576.0;
    report(
        &format!("{name}, export everything"),
        format!("{:.0} ms, {mb:.1} MB", export["ms"].as_f64().unwrap_or(f64::NAN)),
    );
    assert_eq!(export["name"], json!("huifang-2026-06-03.json"), "the backup is offered: {export}");
    assert!(bytes > 0, "the backup has content: {export}");
    wait_text(browser, ".toasts", "已导出 huifang-2026-06-03.json").await;

    let limit = max_bytes(eval(browser, "return navigator.deviceMemory ?? null").await.as_f64());
    let same = import_exported(browser, false).await;
    if bytes as usize > limit {
        let refused = same["refused"].as_str().unwrap_or_default().to_string();
        assert!(refused.contains("文件太大"), "a file over the limit is refused as too large: {same}");
        report(
            &format!("{name}, import"),
            format!(
                "refused by design: the file is {mb:.0} MB, the app imports at most {} MB; it says “{}”",
                limit / 1_048_576,
                refused.trim()
            ),
        );
        return;
    }
    assert!(same["refused"].is_null(), "the app's own backup is accepted: {same}");
    report(
        &format!("{name}, import preview of that file into the same book"),
        format!(
            "{:.0} ms ({} records the same, {} new, {} conflicting)",
            same["ms"].as_f64().unwrap_or(f64::NAN),
            same["same"],
            same["new"],
            same["conflicting"]
        ),
    );

    stash_and_empty(browser).await;
    browser.goto(&format!("{}#/data", s.base().await)).await.expect("navigate");
    reload_to_interactive(browser, patience).await;
    wait_text(browser, "#data-counts", "0 位客户，0 条回访记录，0 条反馈事项").await;
    let fresh = import_exported(browser, true).await;
    assert!(fresh["refused"].is_null(), "the backup is accepted by an empty profile: {fresh}");
    assert_eq!(fresh["confirmable"], json!(true), "an empty profile has everything to write: {fresh}");
    let written = confirm_import(browser).await;
    assert!(written["failed"].is_null(), "the import is written: {written}");
    assert!(written["said"].as_str().unwrap_or_default().contains("已导入"), "the app says imported: {written}");
    wait_text(browser, "#data-counts", counts).await;
    report(
        &format!("{name}, import of that file into an emptied profile"),
        format!(
            "preview {:.0} ms, confirm to imported {:.0} ms ({} records new)",
            fresh["ms"].as_f64().unwrap_or(f64::NAN),
            written["ms"].as_f64().unwrap_or(f64::NAN),
            fresh["new"]
        ),
    );
}

#[tokio::test]
#[ignore = "benchmark: scripts/bench.sh"]
async fn bench_first_load_with_empty_storage() {
    run(|s| async move {
        let browser = browser(&s).await;
        browser.goto(&s.base().await).await.expect("navigate");
        let cold = interactive(&browser, PATIENCE).await;
        let warm = reload_to_interactive(&browser, PATIENCE).await;
        throttle(&browser, 4).await;
        let slow = reload_to_interactive(&browser, PATIENCE * 4).await;
        throttle(&browser, 1).await;
        report("empty storage, first load to interactive", format!("{cold:.0} ms"));
        report("empty storage, reload to interactive", format!("{warm:.0} ms; CPU 4x slower: {slow:.0} ms"));
        report("empty storage, memory", memory(&browser).await);
        assert!(find(&browser, ".app").await.is_displayed().await.unwrap_or(false));
    })
    .await;
}

/// The figures of one book size; `patience` is how long a reload may take before it counts as
/// "does not open".
async fn bench_book(size: Size, patience: Duration) {
    run(|s| async move {
        let browser = browser(&s).await;
        // A script waits while the page is busy (a reload with the CPU slowed, an export of a
        // large book), and some wait for the app in the page: chromedriver's 30 s is not enough.
        browser
            .update_timeouts(TimeoutConfiguration::new(Some(patience * 4), None, None))
            .await
            .expect("script timeout");
        browser.goto(&s.base().await).await.expect("navigate");
        interactive(&browser, PATIENCE).await;
        let stored = Instant::now();
        let (customers, visits) = store_book(&browser, size.customers()).await;
        let name = format!("{customers} customers, {visits} visits");
        println!("BENCH ({name}: stored in IndexedDB in {:.1} s)", stored.elapsed().as_secs_f64());

        // HUIFANG_BENCH_PROFILE=1 records a CPU profile of the first reload into
        // target/profile-<size>.cpuprofile (open it in Chromium's DevTools, Performance tab; build
        // dist/ with wasm names kept to see Rust functions).
        let profiling = std::env::var_os("HUIFANG_BENCH_PROFILE").is_some();
        if profiling {
            cdp(&browser, "Profiler.enable", json!({})).await;
            cdp(&browser, "Profiler.setSamplingInterval", json!({ "interval": 200 })).await;
            cdp(&browser, "Profiler.start", json!({})).await;
        }
        let today = reload_to_interactive(&browser, patience).await;
        if profiling {
            let profile = cdp(&browser, "Profiler.stop", json!({})).await;
            let path = format!("{}/target/profile-{}.cpuprofile", env!("CARGO_MANIFEST_DIR"), size.name());
            std::fs::write(&path, profile["profile"].to_string()).expect("write the profile");
            println!("BENCH (CPU profile of the first reload: {path})");
        }
        // The first load after the book was written; give the page a moment, as a user would,
        // before the reload that counts.
        tokio::time::sleep(Duration::from_secs(5)).await;
        let again = reload_to_interactive(&browser, patience).await;
        let third = reload_to_interactive(&browser, patience).await;
        report(
            &format!("{name}, reload to interactive on Today"),
            format!("{again:.0} ms, again {third:.0} ms (first load after the book was written: {today:.0} ms)"),
        );
        report(&format!("{name}, memory on Today"), memory(&browser).await);

        browser.goto(&format!("{}#/customers", s.base().await)).await.expect("navigate");
        let list = reload_to_interactive(&browser, patience).await;
        report(&format!("{name}, reload to interactive on Customers"), format!("{list:.0} ms"));
        let count = huifang::i18n::format::count(huifang::i18n::Lang::Zh, customers);
        wait_text(&browser, "#customer-count", &count).await;
        let search = search_keystrokes(&browser).await;
        report(&format!("{name}, search per keystroke"), &search);
        assert!(search["rows"].as_u64().unwrap_or(0) > 0, "the search shows customers: {search}");
        let open = open_long_timeline(&browser).await;
        report(&format!("{name}, opening the customer with the long timeline"), &open);
        assert!(open["entries"].as_u64().unwrap_or(0) > 100, "the long timeline is shown: {open}");
        screenshot(&browser, &format!("bench-{}-timeline-phone", size.name())).await;
        report(&format!("{name}, memory after search and a customer"), memory(&browser).await);

        // A hash change does not reload the page: go there, then reload.
        throttle(&browser, 4).await;
        browser.goto(&format!("{}#/today", s.base().await)).await.expect("navigate");
        let slow = reload_to_interactive(&browser, patience * 4).await;
        browser.goto(&format!("{}#/customers", s.base().await)).await.expect("navigate");
        reload_to_interactive(&browser, patience * 4).await;
        wait_text(&browser, "#customer-count", &count).await;
        let slow_search = search_keystrokes(&browser).await;
        throttle(&browser, 1).await;
        report(&format!("{name}, CPU 4x slower: load to interactive on Today"), format!("{slow:.0} ms"));
        report(&format!("{name}, CPU 4x slower: search per keystroke"), &slow_search);
        screenshot(&browser, &format!("bench-{}-customers-phone", size.name())).await;

        let saves = save_visits(&browser).await;
        report(&format!("{name}, saving a visit"), &saves);
        let counts = format!("{customers} 位客户，{} 条回访记录", visits + SAVES);
        export_and_import(&browser, &s, &name, patience, &counts).await;
    })
    .await;
}

#[tokio::test]
#[ignore = "benchmark: scripts/bench.sh"]
async fn bench_500_customers() {
    bench_book(Size::Small, Duration::from_secs(60)).await;
}

#[tokio::test]
#[ignore = "benchmark: scripts/bench.sh"]
async fn bench_5000_customers() {
    bench_book(Size::Medium, Duration::from_secs(60)).await;
}

#[tokio::test]
#[ignore = "benchmark: scripts/bench.sh"]
async fn bench_50000_customers() {
    bench_book(Size::Large, Duration::from_secs(300)).await;
}
