//! Issue 18, "as fast as a plain page doing the same work": Huifang measured side by side with
//! `bench/baseline/`, a hand-written plain HTML + JavaScript page that shows the same customer
//! list with the same search and windowed rows, saves a reached call durably and imports a
//! Huifang file, reading its book from one IndexedDB value with one `JSON.parse`.
//!
//! Both pages are served by the harness's static server from one directory,
//! `target/bench-site/` (a copy of dist/ with the plain page under `baseline/`, its pinyin table
//! written from `huifang::domain::pinyin` and the book written by `domain::generate` +
//! `write_document`, which is what `huifang-data --size medium --seed 1` writes). Each page runs
//! in a browser of its own (headless Chromium, 390 × 844, the clock on [`TODAY`]), and every
//! figure is taken for Huifang and for the plain page in turn, run after run (the page that goes
//! first alternates), so that whatever else the shared machine does falls on both alike.
//!
//! Each run:
//! 1. **import**: the page's storage emptied, the book file given to the Data page's file field
//!    (`#exchange-file`) as choosing it would, timed from there to the preview, plus from the
//!    click on confirm to "已导入" (the time the user looks at the preview is not counted);
//! 2. the browser started again on the same profile (a user opening the app another day, so that
//!    the renderer holds this session only, not the import), `#/customers` opened and left five
//!    seconds (as a user would look at it before reloading), then
//!    **reload `#/customers` to interactive** (the probe of `bench.rs`: the first macrotask after
//!    the page shows and has no `.loading` left) and **main-thread CPU per reload**: the CPU time
//!    of the renderer's main thread (`/proc/<pid>/task/<pid>/stat`) from before the reload to two
//!    seconds after interactive, so that work a page defers past interactive counts too (CDP's
//!    `ThreadTime`, which counts from the new document's start, is printed beside it);
//! 3. **a search keystroke, key to next frame**: 19 keystrokes (the queries of `bench.rs`), each
//!    timed from the input event to the first macrotask after the next animation frame, i.e. once
//!    the frame showing the result has been produced; the run's median. The count and the first
//!    rows each query shows are compared between the two pages: they must be the same;
//! 4. **renderer memory after reload and a search**: the private memory footprint of the page's
//!    renderer process (`RssAnon` + `VmSwap` in `/proc/<pid>/status`, what Chromium's task manager
//!    shows) one second after the search and a forced garbage collection (CDP
//!    `HeapProfiler.collectGarbage`): what the page holds. Without the collection the figure
//!    depends on when V8 last collected (it doubled in some runs, for both pages, with the garbage
//!    of the load: the book's JSON text for the plain page, the previous wasm instance for
//!    Huifang); it is printed beside it;
//! 5. **reload to interactive with the CPU 4x slower** (CDP `Emulation.setCPUThrottlingRate`);
//! 6. **save a reached call**: five saves from the customer with 300 visits, as `bench.rs` does
//!    ([`save_visits`]), the run's median;
//! 7. **first visit**: a new browser with an empty profile, the network at 1.6 Mbps down, 750 kbps
//!    up and 150 ms round trips (CDP `Network.emulateNetworkConditions`), `#/customers` opened to
//!    interactive. The harness's server sends the precompressed copies (brotli) of both pages'
//!    files, as a static host configured for them does: the bytes transferred are printed beside
//!    the time.
//!
//! Nothing here asserts a time. `scripts/bench.sh` runs it (`--only-baseline` alone);
//! `HUIFANG_BASELINE_RUNS` sets the number of runs (default 7). Every figure is a `BENCH` line,
//! and the summary a markdown table (median, min–max over the runs, ratio of the medians).

use crate::bench::{
    CHOOSE_FILE, EMPTY_APP, PROBE, SAVES, TODAY, confirm_import, interactive, reload_to_interactive, report,
    save_visits, throttle, today,
};
use crate::harness::*;
use fantoccini::Client;
use fantoccini::wd::TimeoutConfiguration;
use huifang::domain::generate::{Size, generate, write_document};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Page {
    Huifang,
    Plain,
}

impl Page {
    const BOTH: [Page; 2] = [Page::Huifang, Page::Plain];

    fn name(self) -> &'static str {
        match self {
            Page::Huifang => "Huifang",
            Page::Plain => "plain page",
        }
    }

    fn url(self, base: &str, fragment: &str) -> String {
        match self {
            Page::Huifang => format!("{base}{fragment}"),
            Page::Plain => format!("{base}baseline/{fragment}"),
        }
    }

    /// Empties the page's storage of customer data, as a new phone would be before a backup is
    /// restored on it (Huifang keeps its settings, as `bench.rs` does).
    fn empty_script(self) -> String {
        match self {
            Page::Huifang => format!("{EMPTY_APP}\nemptyApp(arguments[arguments.length - 1]);"),
            Page::Plain => {
                r#"const done = arguments[arguments.length - 1];
                const req = indexedDB.open('huifang-baseline', 1);
                req.onupgradeneeded = () => { req.result.createObjectStore('book'); req.result.createObjectStore('visits'); };
                req.onerror = () => done('open failed: ' + req.error);
                req.onsuccess = () => {
                    const db = req.result;
                    const tx = db.transaction(['book', 'visits'], 'readwrite');
                    tx.objectStore('book').clear();
                    tx.objectStore('visits').clear();
                    tx.oncomplete = () => { db.close(); done('ok'); };
                    tx.onabort = () => { db.close(); done('emptying aborted: ' + tx.error); };
                };"#
                .to_string()
            }
        }
    }
}

/// The rows of issue 18's table, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Row {
    Reload,
    Cpu,
    ReloadSlow,
    Keystroke,
    Save,
    Import,
    FirstVisit,
    Memory,
}

impl Row {
    const ALL: [Row; 8] =
        [Row::Reload, Row::Cpu, Row::ReloadSlow, Row::Keystroke, Row::Save, Row::Import, Row::FirstVisit, Row::Memory];

    fn label(self, records: usize) -> String {
        match self {
            Row::Reload => "reload #/customers to interactive".into(),
            Row::Cpu => "main-thread CPU per reload".into(),
            Row::ReloadSlow => "reload to interactive, CPU 4x slower".into(),
            Row::Keystroke => "a search keystroke, key to next frame".into(),
            Row::Save => "save a reached call (customer with 300 visits) to the record page".into(),
            Row::Import => format!("import {} records through the Data page into an empty profile", thousands(records)),
            Row::FirstVisit => "first visit, empty profile, 1.6 Mbps / 150 ms RTT: interactive".into(),
            Row::Memory => "renderer memory after reload and a search".into(),
        }
    }

    /// The row's unit.
    fn unit(self) -> &'static str {
        match self {
            Row::ReloadSlow | Row::Import | Row::FirstVisit => "s",
            Row::Memory => "MB",
            _ => "ms",
        }
    }

    /// A figure kept in ms (MB for memory) as a number in the row's unit.
    fn number(self, value: f64) -> String {
        match self {
            Row::ReloadSlow | Row::Import | Row::FirstVisit if value >= 10_000.0 => format!("{:.1}", value / 1000.0),
            Row::ReloadSlow | Row::Import | Row::FirstVisit => format!("{:.2}", value / 1000.0),
            Row::Keystroke | Row::Save => format!("{value:.1}"),
            _ if value.is_finite() => thousands(value.round() as usize),
            _ => "?".into(),
        }
    }

    fn format(self, value: f64) -> String {
        format!("{} {}", self.number(value), self.unit())
    }
}

fn thousands(n: usize) -> String {
    huifang::i18n::format::count(huifang::i18n::Lang::En, n)
}

/// Every figure taken, per row and page, in the order of the runs.
#[derive(Default)]
struct Figures(BTreeMap<(Row, Page), Vec<f64>>);

impl Figures {
    fn add(&mut self, run: usize, row: Row, page: Page, value: f64, detail: &str, records: usize) {
        let shown = if detail.is_empty() { row.format(value) } else { format!("{} ({detail})", row.format(value)) };
        report(&format!("run {}, {}, {}", run + 1, page.name(), row.label(records)), shown);
        self.0.entry((row, page)).or_default().push(value);
    }

    fn stats(&self, row: Row, page: Page) -> Option<(f64, f64, f64, usize)> {
        let mut v = self.0.get(&(row, page))?.clone();
        if v.is_empty() {
            return None;
        }
        v.sort_by(f64::total_cmp);
        let n = v.len();
        let median = if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 };
        Some((median, v[0], v[n - 1], n))
    }

    /// The summary: one `BENCH` line per row and a markdown table.
    fn print(&self, records: usize) {
        let mut table = String::from("| work | Huifang | plain page | ratio |\n|---|---|---|---|\n");
        for row in Row::ALL {
            let (Some(a), Some(b)) = (self.stats(row, Page::Huifang), self.stats(row, Page::Plain)) else { continue };
            let cell = |(median, min, max, _): (f64, f64, f64, usize)| {
                format!("{} ({}–{})", row.format(median), row.number(min), row.number(max))
            };
            let ratio = a.0 / b.0;
            report(
                &format!("summary, {}", row.label(records)),
                format!(
                    "Huifang {}, plain page {}, ratio {ratio:.1}x (medians of {} and {} runs)",
                    cell(a),
                    cell(b),
                    a.3,
                    b.3
                ),
            );
            table.push_str(&format!("| {} | {} | {} | {ratio:.1}x |\n", row.label(records), cell(a), cell(b)));
        }
        println!("\nMedian (min–max) over the runs; ratio = Huifang's median / the plain page's median.\n\n{table}");
    }
}

/// What the benchmark serves and the size of the book both pages hold.
struct Site {
    dir: PathBuf,
    customers: usize,
    visits: usize,
    /// Customers, visits, feedback items and signatures in the book file.
    records: usize,
}

/// `target/bench-site/`: dist/ copied, and the plain page with its pinyin table and book under
/// `baseline/`.
fn prepare_site() -> Site {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let site = root.join("target/bench-site");
    let _ = std::fs::remove_dir_all(&site);
    let plain = site.join("baseline");
    std::fs::create_dir_all(plain.join("data")).expect("target/bench-site");
    for (from, to) in [(dist_dir(), site.clone()), (root.join("bench/baseline"), plain.clone())] {
        for entry in std::fs::read_dir(&from).expect("a directory to copy") {
            let path = entry.expect("a directory entry").path();
            if path.is_file() {
                std::fs::copy(&path, to.join(path.file_name().expect("a file name")))
                    .expect("copy into target/bench-site");
            }
        }
    }
    std::fs::write(plain.join("pinyin.js"), pinyin_js()).expect("write pinyin.js");
    // Its files precompressed as the build does Huifang's (dist/ is copied with its .br and .gz),
    // so that both pages go over the network as a well-configured host sends them.
    let status = std::process::Command::new("node")
        .arg(root.join("scripts/precompress.mjs"))
        .arg(&plain)
        .status()
        .expect("node scripts/precompress.mjs");
    assert!(status.success(), "precompressing the plain page failed");
    // What `huifang-data --size medium --seed 1 --today 2026-06-03` writes.
    let data = generate(Size::Medium.customers(), 1, today());
    let file = std::fs::File::create(plain.join("data/book.json")).expect("create the book file");
    let mut out = BufWriter::with_capacity(1 << 20, file);
    write_document(&data, &mut out).expect("write the book file");
    out.write_all(b"\n").and_then(|()| out.flush()).expect("write the book file");
    let records = data.customers.len() + data.visits.len() + data.feedback.len() + data.signatures.len();
    Site { dir: site, customers: data.customers.len(), visits: data.visits.len(), records }
}

/// The pinyin table the app's search uses, for the plain page: the table's reading of each
/// character grouped by syllable (`zhang:张章…;`), the full reading list of polyphonic name
/// characters (`单:dan shan chan;`) and the surname readings that differ (`单:shan;`).
fn pinyin_js() -> String {
    use huifang::domain::pinyin::{reading, readings, surname_reading};
    let mut groups: BTreeMap<&str, String> = BTreeMap::new();
    let (mut more, mut surname) = (String::new(), String::new());
    for c in (0x4E00..=0x9FA5).filter_map(char::from_u32) {
        let own = reading(c);
        if let Some(r) = own {
            groups.entry(r).or_default().push(c);
        }
        let all = readings(c);
        if all.len() > 1 || (all.len() == 1 && own != Some(all[0])) {
            more.push_str(&format!("{c}:{};", all.join(" ")));
        }
        if let Some(s) = surname_reading(c).filter(|s| own != Some(*s)) {
            surname.push_str(&format!("{c}:{s};"));
        }
    }
    let table: String = groups.iter().map(|(syllable, chars)| format!("{syllable}:{chars};")).collect();
    format!(
        "// Written by tests/e2e/baseline.rs from huifang::domain::pinyin (the app's own table). Not edited by hand.\nself.PINYIN = {};\n",
        json!({ "table": table, "more": more, "surname": surname })
    )
}

/// A browser of its own for a page: the clock on [`TODAY`], the interactive probe, and a long
/// script timeout (an import waits in the page for tens of seconds).
async fn page_browser(s: &Sessions, profile: &Path) -> Client {
    let browser = s.open_profile(PHONE, profile).await;
    set_clock(&browser, TODAY).await;
    cdp(&browser, "Page.addScriptToEvaluateOnNewDocument", json!({ "source": PROBE })).await;
    cdp(&browser, "Performance.enable", json!({})).await;
    browser
        .update_timeouts(TimeoutConfiguration::new(Some(Duration::from_secs(300)), None, None))
        .await
        .expect("script timeout");
    browser
}

/// One value of CDP `Performance.getMetrics`.
async fn metric(browser: &Client, name: &str) -> f64 {
    let metrics = cdp(browser, "Performance.getMetrics", json!({})).await;
    metrics["metrics"]
        .as_array()
        .and_then(|m| m.iter().find(|x| x["name"] == name))
        .and_then(|x| x["value"].as_f64())
        .unwrap_or(f64::NAN)
}

/// A renderer process of a browser, read from `/proc`.
struct Renderer {
    /// CPU time of its main thread (the thread whose id is the process id), in ms.
    main_thread_ms: f64,
    /// CPU time of the whole process, in ms.
    process_ms: f64,
    /// Private memory footprint in MB: `RssAnon` + `VmSwap` of `/proc/<pid>/status`, what
    /// Chromium's task manager shows as a process's memory footprint on Linux.
    footprint_mb: f64,
}

/// The renderer processes of the browser started on `profile` (every Chromium process carries
/// `--user-data-dir`; the page's renderer is the one that did the most work, the others are
/// spare renderers).
fn renderers(profile: &Path) -> Vec<Renderer> {
    let wanted = format!("--user-data-dir={}", profile.display());
    // utime + stime (fields 14 and 15 of a stat file, counted after the command name), in clock
    // ticks of 10 ms (USER_HZ is 100 on Linux).
    let cpu_ms = |stat: &str| {
        let fields: Vec<&str> =
            stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or_default().split_whitespace().collect();
        let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
        (ticks(11) + ticks(12)) * 10.0
    };
    let mut found = Vec::new();
    let Ok(proc) = std::fs::read_dir("/proc") else { return found };
    for entry in proc.flatten() {
        let dir = entry.path();
        let Ok(cmdline) = std::fs::read(dir.join("cmdline")) else { continue };
        // Zygote-forked processes rewrite their title: the arguments are then one string with
        // spaces, not NUL-separated.
        let args: Vec<&[u8]> = cmdline.split(|b| *b == 0 || *b == b' ').collect();
        if !args.contains(&b"--type=renderer".as_slice()) || !args.contains(&wanted.as_bytes()) {
            continue;
        }
        let pid = entry.file_name();
        let read = |path: PathBuf| std::fs::read_to_string(path).unwrap_or_default();
        let status = read(dir.join("status"));
        let kb = |key: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        found.push(Renderer {
            main_thread_ms: cpu_ms(&read(dir.join("task").join(&pid).join("stat"))),
            process_ms: cpu_ms(&read(dir.join("stat"))),
            footprint_mb: (kb("RssAnon:") + kb("VmSwap:")) / 1024.0,
        });
    }
    found
}

/// The memory footprint of the page's renderer (the one that did the most work), in MB.
fn renderer_memory(profile: &Path) -> f64 {
    renderers(profile).iter().max_by(|a, b| a.process_ms.total_cmp(&b.process_ms)).map_or(f64::NAN, |r| r.footprint_mb)
}

/// CPU time of the renderers' main threads, summed (a reload may, rarely, change process), in ms.
fn main_thread_ms(profile: &Path) -> f64 {
    renderers(profile).iter().map(|r| r.main_thread_ms).sum()
}

/// Empties the page's storage and opens its Data page, empty.
async fn empty(browser: &Client, page: Page, base: &str) {
    let result = browser.execute_async(&page.empty_script(), vec![]).await.expect("emptying the storage");
    assert_eq!(result, json!("ok"), "emptying {}", page.name());
    browser.goto(&page.url(base, "#/data")).await.expect("navigate");
    reload_to_interactive(browser, PATIENCE).await;
    wait_text(browser, "#data-counts", "0 位客户，0 条回访记录，0 条反馈事项").await;
}

/// Gives the book file (fetched from the server before the clock starts) to the Data page's file
/// field as choosing it would, and times from there to the first macrotask after the preview (or
/// a refusal) shows.
async fn choose_file(browser: &Client, url: &str) -> Value {
    let measure = CHOOSE_FILE.to_string()
        + r#"
        const [url, done] = arguments;
        fetch(url)
            .then(r => r.blob())
            .then(blob => chooseFile({ blob, name: 'huifang-2026-06-03.json' }, done), e => done({ refused: 'fetch failed: ' + e }));
    "#;
    browser.execute_async(&measure, vec![json!(url)]).await.expect("choosing the file to import")
}

/// The import row: storage emptied, the file chosen (to the preview), confirmed (to "imported").
/// Returns the sum of the two times, in ms.
async fn import(browser: &Client, page: Page, base: &str, records: usize, counts: &str) -> (f64, String) {
    empty(browser, page, base).await;
    let preview = choose_file(browser, &format!("{base}baseline/data/book.json")).await;
    assert!(preview["refused"].is_null(), "{} accepts the book file: {preview}", page.name());
    assert_eq!(preview["confirmable"], json!(true), "{} has everything to write: {preview}", page.name());
    assert_eq!(preview["new"].as_u64(), Some(records as u64), "{} sees every record as new: {preview}", page.name());
    let written = confirm_import(browser).await;
    assert!(written["failed"].is_null(), "{} writes the import: {written}", page.name());
    assert!(
        written["said"].as_str().unwrap_or_default().contains("已导入"),
        "{} says imported: {written}",
        page.name()
    );
    wait_text(browser, "#data-counts", counts).await;
    let (p, c) = (preview["ms"].as_f64().unwrap_or(f64::NAN), written["ms"].as_f64().unwrap_or(f64::NAN));
    (p + c, format!("preview {p:.0} ms + confirm to imported {c:.0} ms"))
}

/// Types the queries of `bench.rs` into the customer search, each timed from the input event to
/// the first macrotask after the next animation frame. Returns the median and worst (ms) and,
/// per query, the count and the first rows shown.
async fn keystrokes(browser: &Client) -> Value {
    let measure = r#"
        const done = arguments[arguments.length - 1];
        (async () => {
            const input = document.querySelector('#customer-search');
            const times = [];
            const shown = [];
            const queries = ['w', 'wa', 'wan', 'wang', 'wangf', '', 'z', 'zh', 'zha', 'zhang', '',
                             '1', '13', '138', '1380', '', '李', '李娜', ''];
            for (const [i, q] of queries.entries()) {
                // Keys land at different moments of the frame, as a person's do.
                await new Promise(r => setTimeout(r, 40 + (i * 7) % 17));
                const t0 = performance.now();
                input.value = q;
                input.dispatchEvent(new Event('input', { bubbles: true }));
                await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
                times.push(performance.now() - t0);
                const rows = [...document.querySelectorAll('#customer-list .crow')].slice(0, 4)
                    .map(a => a.querySelector('.crow-name').textContent + ' | ' + a.querySelector('.crow-meta').textContent);
                shown.push([q, document.querySelector('#customer-count').textContent.trim(), rows]);
            }
            const sorted = times.slice().sort((a, b) => a - b);
            done({ median: +sorted[Math.floor(sorted.length / 2)].toFixed(1), worst: +sorted[sorted.length - 1].toFixed(1), shown });
        })();
    "#;
    browser.execute_async(measure, vec![]).await.expect("search measurement")
}

/// A page's browser and the profile it runs on.
struct Tab {
    page: Page,
    browser: Client,
    profile: PathBuf,
}

/// The block of figures taken on a page holding the book: reload, CPU, search, memory, 4x, save.
/// The browser is started again first (a user opening the app another day), so that the
/// renderer's memory holds this session only, not the import's. Returns what each search showed.
async fn measure_page(
    s: &Sessions,
    tab: &mut Tab,
    base: &str,
    run: usize,
    figures: &mut Figures,
    site: &Site,
) -> Value {
    let (page, records) = (tab.page, site.records);
    let patience = Duration::from_secs(60);
    s.close(tab.browser.clone()).await;
    tab.browser = page_browser(s, &tab.profile).await;
    let (browser, profile) = (&tab.browser, tab.profile.as_path());
    // The first load after an import, then a moment.
    browser.goto(&page.url(base, "#/customers")).await.expect("navigate");
    interactive(browser, patience).await;
    tokio::time::sleep(Duration::from_secs(5)).await;

    let before = main_thread_ms(profile);
    let reload = reload_to_interactive(browser, patience).await;
    let phases = eval(
        browser,
        "return performance.getEntriesByType('mark').filter(m => m.name.startsWith('baseline-'))
            .map(m => m.name.slice(9) + ' ' + m.startTime.toFixed(0) + ' ms').join(', ')",
    )
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let cpu = main_thread_ms(profile) - before;
    // CDP's own figure, for comparison: it counts from the new document's start.
    let cdp_thread = metric(browser, "ThreadTime").await * 1000.0;
    figures.add(run, Row::Reload, page, reload, phases.as_str().unwrap_or_default(), records);
    figures.add(run, Row::Cpu, page, cpu, &format!("CDP ThreadTime of the new document {cdp_thread:.0} ms"), records);

    wait_text(browser, "#customer-count", &format!("共 {} 位", thousands(site.customers))).await;
    let search = keystrokes(browser).await;
    let median = search["median"].as_f64().unwrap_or(f64::NAN);
    figures.add(run, Row::Keystroke, page, median, &format!("worst {} ms", search["worst"]), records);

    tokio::time::sleep(Duration::from_secs(1)).await;
    let memory = renderer_memory(profile);
    let heap = metric(browser, "JSHeapUsedSize").await / 1_048_576.0;
    cdp(browser, "HeapProfiler.enable", json!({})).await;
    cdp(browser, "HeapProfiler.collectGarbage", json!({})).await;
    cdp(browser, "HeapProfiler.disable", json!({})).await;
    let collected = renderer_memory(profile);
    let heap_collected = metric(browser, "JSHeapUsedSize").await / 1_048_576.0;
    let detail =
        format!("JS heap {heap_collected:.0} MB of it; before the collection {memory:.0} MB, JS heap {heap:.0} MB");
    figures.add(run, Row::Memory, page, collected, &detail, records);

    throttle(browser, 4).await;
    let slow = reload_to_interactive(browser, patience * 4).await;
    throttle(browser, 1).await;
    figures.add(run, Row::ReloadSlow, page, slow, "", records);

    let saves = save_visits(browser).await;
    assert_eq!(saves["saves"], json!(SAVES), "{} saved every visit: {saves}", page.name());
    let median = saves["median"].as_f64().unwrap_or(f64::NAN);
    figures.add(run, Row::Save, page, median, &format!("worst {} ms", saves["worst"]), records);
    search["shown"].clone()
}

/// A first visit: a new browser on an empty profile, the network slowed, `#/customers` opened.
/// Returns the time to interactive (ms) and the bytes the page transferred.
async fn first_visit(s: &Sessions, page: Page, base: &str) -> (f64, f64) {
    let profile = s.new_profile().await;
    let browser = page_browser(s, &profile).await;
    cdp(&browser, "Network.enable", json!({})).await;
    cdp(
        &browser,
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8 }),
    )
    .await;
    browser.goto(&page.url(base, "#/customers")).await.expect("navigate");
    let ms = interactive(&browser, Duration::from_secs(120)).await;
    let bytes = eval(
        &browser,
        "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
            .reduce((n, e) => n + (e.transferSize || 0), 0)",
    )
    .await
    .as_f64()
    .unwrap_or(f64::NAN);
    s.close(browser).await;
    (ms, bytes)
}

#[tokio::test]
#[ignore = "benchmark: scripts/bench.sh"]
async fn against_a_plain_page_5000_customers() {
    let prepared = Instant::now();
    let site = prepare_site();
    println!(
        "BENCH (the plain page and its book written to {} in {:.1} s)",
        site.dir.display(),
        prepared.elapsed().as_secs_f64()
    );
    let runs: usize = std::env::var("HUIFANG_BASELINE_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(7);
    let dir = site.dir.clone();
    run_serving(&dir, |s| async move {
        let base = s.base().await;
        let records = site.records;
        let mut tabs = Vec::new();
        for page in Page::BOTH {
            let profile = s.new_profile().await;
            let browser = page_browser(&s, &profile).await;
            browser.goto(&page.url(&base, "#/customers")).await.expect("navigate");
            interactive(&browser, PATIENCE).await;
            tabs.push(Tab { page, browser, profile });
        }
        let agent = eval(&tabs[0].browser, "return navigator.userAgent").await;
        println!(
            "BENCH ({runs} runs; {} customers, {records} records; {}; {} × {})",
            site.customers,
            agent.as_str().unwrap_or_default(),
            PHONE.0,
            PHONE.1
        );
        let counts = format!("{} 位客户，{} 条回访记录", site.customers, site.visits);
        let mut figures = Figures::default();
        for run in 0..runs {
            // The page that goes first alternates from run to run.
            if run > 0 {
                tabs.reverse();
            }
            for tab in &tabs {
                let (ms, detail) = import(&tab.browser, tab.page, &base, records, &counts).await;
                figures.add(run, Row::Import, tab.page, ms, &detail, records);
            }
            let mut shown = BTreeMap::new();
            for tab in &mut tabs {
                shown.insert(tab.page, measure_page(&s, tab, &base, run, &mut figures, &site).await);
            }
            assert_eq!(
                shown.get(&Page::Huifang),
                shown.get(&Page::Plain),
                "both pages show the same counts and rows for every query"
            );
            for tab in &tabs {
                let (ms, bytes) = first_visit(&s, tab.page, &base).await;
                let detail = format!("{:.0} KB transferred", bytes / 1024.0);
                figures.add(run, Row::FirstVisit, tab.page, ms, &detail, records);
            }
        }
        figures.print(records);
    })
    .await;
}
