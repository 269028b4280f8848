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
//!   mid-range phone.

use crate::harness::*;
use fantoccini::Client;
use huifang::domain::generate::{LONG_TIMELINE_ID, Size, generate};
use serde::Serialize;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-06-03T09:30:00+08:00";

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 3).unwrap()
}

/// Records, on every page load, when the app became interactive and where its wasm memory is.
const PROBE: &str = r#"(() => {
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

fn report(what: &str, figure: impl std::fmt::Display) {
    println!("BENCH {what}: {figure}");
}

/// A browser with the clock on [`TODAY`] and the probe installed.
async fn browser(s: &Sessions) -> Client {
    let browser = s.open(PHONE).await;
    set_clock(&browser, TODAY).await;
    cdp(
        &browser,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": PROBE }),
    )
    .await;
    cdp(&browser, "Performance.enable", json!({})).await;
    browser
}

/// Waits (up to `patience`) for the probe's "interactive" time of the current page load, in ms.
async fn interactive(browser: &Client, patience: Duration) -> f64 {
    let start = Instant::now();
    loop {
        let t = eval(browser, "return window.__bench ? window.__bench.interactive : null").await;
        if let Some(ms) = t.as_f64() {
            return ms;
        }
        assert!(
            start.elapsed() < patience,
            "the app was not interactive after {patience:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn reload_to_interactive(browser: &Client, patience: Duration) -> f64 {
    browser.refresh().await.expect("reload");
    interactive(browser, patience).await
}

/// Writes a generated book into the app's IndexedDB in chunks (as an earlier session would have
/// saved it: one JSON string per record, keyed by id), much faster than importing it.
async fn store_book(browser: &Client, customers: usize) -> (usize, usize) {
    let data = generate(customers, 1, today());
    let script = r#"
        const [store, records, done] = arguments;
        const req = indexedDB.open('huifang');
        req.onerror = () => done('open failed: ' + req.error);
        req.onsuccess = () => {
            const db = req.result;
            const tx = db.transaction([store], 'readwrite');
            const os = tx.objectStore(store);
            for (const [key, json] of records) os.put(json, key);
            tx.oncomplete = () => { db.close(); done('ok'); };
            tx.onabort = () => { db.close(); done('aborted: ' + tx.error); };
        };
    "#;
    async fn put<T: Serialize>(browser: &Client, script: &str, store: &str, records: &[T], key: impl Fn(&T) -> &str) {
        for chunk in records.chunks(20_000) {
            let pairs: Vec<Value> = chunk
                .iter()
                .map(|r| json!([key(r), serde_json::to_string(r).expect("a record encodes")]))
                .collect();
            let result = browser
                .execute_async(script, vec![json!(store), Value::Array(pairs)])
                .await
                .expect("seed");
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

/// Page memory: the JS heap (CDP) and the wasm linear memory (which the JS heap does not count).
async fn memory(browser: &Client) -> String {
    let metrics = cdp(browser, "Performance.getMetrics", json!({})).await;
    let metric = |name: &str| {
        metrics["metrics"]
            .as_array()
            .and_then(|m| m.iter().find(|x| x["name"] == name))
            .and_then(|x| x["value"].as_f64())
            .unwrap_or(f64::NAN)
    };
    let wasm = eval(
        browser,
        "const w = window.__bench && window.__bench.wasm; return w && w.memory ? w.memory.buffer.byteLength : null",
    )
    .await
    .as_f64()
    .unwrap_or(f64::NAN);
    let heap = metric("JSHeapUsedSize");
    let mb = |b: f64| b / 1_048_576.0;
    format!(
        "{:.0} MB (JS heap {:.0} MB + wasm memory {:.0} MB; {} DOM nodes)",
        mb(heap + wasm),
        mb(heap),
        mb(wasm),
        metric("Nodes")
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
    browser
        .execute_async(measure, vec![])
        .await
        .expect("search measurement")
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
    browser
        .execute_async(&measure, vec![])
        .await
        .expect("opening a customer")
}

async fn throttle(browser: &Client, rate: u32) {
    cdp(browser, "Emulation.setCPUThrottlingRate", json!({ "rate": rate })).await;
}

/// Saving a visit: the visit record form is being built on another branch; this tree has only
/// the placeholder page at `#/visit`, so there is nothing to save yet.
fn save_visit_figure() -> &'static str {
    "not measured: the benchmark does not drive the visit form yet (it was built in parallel with it)"
}

/// Importing and exporting a data set through the Data page: that page has no JSON import or
/// export in this build. The native cost of the same steps is `import_decode` / `export_encode` in
/// `cargo bench --bench scale`.
fn import_export_figure() -> &'static str {
    "not measured: the benchmark does not drive the Data page import/export yet (see the native import_decode/export_encode)"
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
        report(
            "empty storage, reload to interactive",
            format!("{warm:.0} ms; CPU 4x slower: {slow:.0} ms"),
        );
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
        browser.goto(&s.base().await).await.expect("navigate");
        interactive(&browser, PATIENCE).await;
        let stored = Instant::now();
        let (customers, visits) = store_book(&browser, size.customers()).await;
        let name = format!("{customers} customers, {visits} visits");
        println!(
            "BENCH ({name}: stored in IndexedDB in {:.1} s)",
            stored.elapsed().as_secs_f64()
        );

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
        let again = reload_to_interactive(&browser, patience).await;
        report(
            &format!("{name}, reload to interactive on Today"),
            format!("{today:.0} ms, again {again:.0} ms"),
        );
        report(&format!("{name}, memory on Today"), memory(&browser).await);

        browser
            .goto(&format!("{}#/customers", s.base().await))
            .await
            .expect("navigate");
        let list = reload_to_interactive(&browser, patience).await;
        report(
            &format!("{name}, reload to interactive on Customers"),
            format!("{list:.0} ms"),
        );
        let count = huifang::i18n::format::count(huifang::i18n::Lang::Zh, customers);
        wait_text(&browser, "#customer-count", &count).await;
        let search = search_keystrokes(&browser).await;
        report(&format!("{name}, search per keystroke"), &search);
        assert!(
            search["rows"].as_u64().unwrap_or(0) > 0,
            "the search shows customers: {search}"
        );
        let open = open_long_timeline(&browser).await;
        report(&format!("{name}, opening the customer with the long timeline"), &open);
        assert!(
            open["entries"].as_u64().unwrap_or(0) > 100,
            "the long timeline is shown: {open}"
        );
        screenshot(&browser, &format!("bench-{}-timeline-phone", size.name())).await;
        report(
            &format!("{name}, memory after search and a customer"),
            memory(&browser).await,
        );

        // A hash change does not reload the page: go there, then reload.
        throttle(&browser, 4).await;
        browser
            .goto(&format!("{}#/today", s.base().await))
            .await
            .expect("navigate");
        let slow = reload_to_interactive(&browser, patience * 4).await;
        browser
            .goto(&format!("{}#/customers", s.base().await))
            .await
            .expect("navigate");
        reload_to_interactive(&browser, patience * 4).await;
        wait_text(&browser, "#customer-count", &count).await;
        let slow_search = search_keystrokes(&browser).await;
        throttle(&browser, 1).await;
        report(
            &format!("{name}, CPU 4x slower: load to interactive on Today"),
            format!("{slow:.0} ms"),
        );
        report(&format!("{name}, CPU 4x slower: search per keystroke"), &slow_search);
        screenshot(&browser, &format!("bench-{}-customers-phone", size.name())).await;

        report(&format!("{name}, saving a visit"), save_visit_figure());
        report(&format!("{name}, import and export"), import_export_figure());
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
