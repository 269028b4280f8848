//! A real shop's ledger (issue 15): a sales ledger of 100,000 rows saved by Chinese Excel (GBK)
//! imports in one file with progress, free orders kept and repeated rows named; and leaving the
//! customer list within a frame of typing does not break the app.

use crate::harness::*;
use serde_json::json;
use std::time::{Duration, Instant};

const TODAY: &str = "2026-12-07T09:30:00+08:00";

/// Records every uncaught error and panic of the page in `window.__errors` (call before
/// navigating).
async fn watch_errors(browser: &fantoccini::Client) {
    let source = r#"(() => {
        window.__errors = [];
        addEventListener('error', e => window.__errors.push(String(e.message)));
        addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));
        const error = console.error.bind(console);
        console.error = (...args) => { window.__errors.push(args.map(String).join(' ')); error(...args); };
    })();"#;
    cdp(browser, "Page.addScriptToEvaluateOnNewDocument", json!({ "source": source })).await;
}

async fn errors(browser: &fantoccini::Client) -> Vec<String> {
    let value = eval(browser, "return window.__errors || []").await;
    value.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_string)).collect()
}

/// A ledger of `rows` orders from about 23,500 customers over 18 months, one order a row, as a
/// shop's sales export: a few free orders (gifts) and a few rows exported twice.
fn ledger(rows: usize) -> String {
    let products = [("净水器", 1980), ("滤芯套装", 299), ("空气净化器", 1299), ("除垢剂", 39), ("延保服务", 199)];
    let mut text = String::from("订单日期,客户姓名,手机号码,商品名称,实付金额\r\n");
    let mut state: u64 = 0x5EED_1ED6_E400_0001;
    let mut next = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut last = String::new();
    for i in 0..rows {
        // A few customers buy often; most a few times.
        let who = if next() % 5 == 0 { next() % 1_500 } else { next() % 23_500 };
        let (product, price) = products[next() % products.len()];
        let amount = if i % 997 == 0 { 0 } else { price + (next() % 50) as i64 };
        let day = next() % 540;
        let date = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap() + chrono::Duration::days(day as i64);
        let line = format!("{},客户{who:05},139{who:08},{product},{amount}\r\n", date.format("%Y/%m/%d"));
        text.push_str(&line);
        // Now and then the export repeats a row.
        if i % 1_999 == 0 && !last.is_empty() {
            text.push_str(&last);
        }
        last = line;
    }
    text
}

/// How long the steps of a 100,000-row ledger may take on a busy machine before the test calls
/// them stuck.
const SLOW: Duration = Duration::from_secs(120);

#[tokio::test]
async fn a_gbk_sales_ledger_of_100_000_rows_imports_in_one_file_with_progress() {
    run(|s| async move {
        let browser = s.open(DESKTOP).await;
        set_clock(&browser, TODAY).await;
        // Long tasks (over 50 ms) while the ledger is read and saved: how long the page froze.
        cdp(
            &browser,
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": "window.__long = []; new PerformanceObserver(l => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });" }),
        )
        .await;
        browser.goto(&format!("{}#/customers/import", s.base().await)).await.unwrap();
        wait_ready(&browser).await;

        let text = ledger(100_000);
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(!unmappable);
        let path = std::env::temp_dir().join(format!("huifang-ledger-{}.csv", std::process::id()));
        std::fs::write(&path, &bytes).unwrap();

        let started = Instant::now();
        find(&browser, "#import-file").await.send_keys(&path.display().to_string()).await.unwrap();
        wait_text_within(&browser, "#import-summary", "GBK", SLOW).await;
        let rows = text.lines().count() - 1;
        wait_text(&browser, "#import-summary", &format!("{rows} 行数据")).await;
        let read = started.elapsed();
        eval(&browser, "window.__long = []").await;
        // Every state of the progress bar the page shows, seen as it changes.
        eval(
            &browser,
            "window.__progress = []; new MutationObserver(() => {
                 const bar = document.querySelector('#import-progress progress');
                 const text = document.querySelector('#import-progress-text');
                 const cancel = document.querySelector('#import-cancel');
                 if (bar && text) window.__progress.push([bar.value, text.textContent, !!cancel]);
             }).observe(document.body, { subtree: true, childList: true, characterData: true });",
        )
        .await;
        let planning = Instant::now();
        click(&browser, "#import-preview").await;
        wait_text_within(&browser, "#import-plan", "将新增", SLOW).await;
        let planned = planning.elapsed();
        // The rows were checked with a progress bar that moved, the rows done and a cancel: not a
        // page that hangs.
        let seen: Vec<(f64, String, bool)> =
            serde_json::from_value(eval(&browser, "return window.__progress").await).unwrap_or_default();
        assert!(seen.iter().any(|(_, text, cancel)| text.contains("正在检查第") && *cancel), "{seen:?}");
        let mut values: Vec<u64> = seen.iter().map(|(v, _, _)| *v as u64).collect();
        values.dedup();
        assert!(values.len() >= 3, "the bar moves as the rows are checked: {values:?}");
        let long_planning: Vec<f64> =
            serde_json::from_value(eval(&browser, "return window.__long").await).unwrap_or_default();
        let plan = text_of(&browser, "#import-plan").await;
        // Free orders are kept, and the rows the export repeated say so.
        wait_text(&browser, "#import-preview-table", "免费").await;
        click(&browser, "input[name=only_problems]").await;
        click(&browser, "input[name=only_problems]").await;
        screenshot(&browser, "import-ledger-preview-desktop").await;

        eval(&browser, "window.__long = []").await;
        let writing = Instant::now();
        click(&browser, "#import-confirm").await;
        // Saving 23,000 customers and 100,000 orders takes seconds (11 s on the development
        // machine, alone; issue 18 measures it against a plain page): the test waits for the
        // outcome, and prints the time, rather than fail on a busy machine.
        wait_text_within(&browser, ".toasts", "已导入", SLOW).await;
        let wrote = writing.elapsed();
        let long_writing: Vec<f64> =
            serde_json::from_value(eval(&browser, "return window.__long").await).unwrap_or_default();
        wait_text(&browser, "#customer-count", "位").await;
        let count = text_of(&browser, "#customer-count").await;
        let max = |v: &[f64]| v.iter().copied().fold(0.0_f64, f64::max);
        println!(
            "ledger import: {rows} rows, {} KB GBK; read {:.1} s; check {:.1} s (longest freeze {:.0} ms, {} long tasks); save {:.1} s (longest freeze {:.0} ms); {plan}; {count}",
            bytes.len() / 1024,
            read.as_secs_f64(),
            planned.as_secs_f64(),
            max(&long_planning),
            long_planning.len(),
            wrote.as_secs_f64(),
            max(&long_writing)
        );
        // Every new customer of the plan is in the book.
        let new: String = plan
            .split("将新增 ")
            .nth(1)
            .unwrap_or_default()
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',')
            .filter(char::is_ascii_digit)
            .collect();
        let n: usize = new.parse().expect("the plan says how many customers it adds");
        assert!(n > 20_000, "about 23,000 customers: {plan}");
        let grouped = format!("{},{:03}", n / 1000, n % 1000);
        assert!(count.contains(&grouped), "{count} after adding {n}");
        // The rows the export repeated are named as repeats, not as "already in the book".
        assert!(plan.contains("与文件里前面的行重复") && !plan.contains("已经在客户簿里"), "{plan}");
        // Reloaded, the whole book is there (one write, all of it).
        let reloading = Instant::now();
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        browser.goto(&format!("{}#/customers", s.base().await)).await.unwrap();
        // Reading the book back is slow too: what matters here is that all of it is there.
        wait_text_within(&browser, "#customer-count", &count, SLOW).await;
        println!("ledger reload: {count} in {:.1} s", reloading.elapsed().as_secs_f64());
        let _ = std::fs::remove_file(&path);
    })
    .await;
}

async fn text_of(browser: &fantoccini::Client, css: &str) -> String {
    text(browser, css).await
}

#[tokio::test]
async fn a_repeated_row_is_named_a_repeat_and_can_be_kept_and_a_free_order_is_kept() {
    run(|s| async move {
        let browser = s.open(PHONE).await;
        set_clock(&browser, TODAY).await;
        browser.goto(&format!("{}#/customers/import", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        let sheet = "客户姓名,手机号码,订单日期,实付金额,商品名称\r\n\
                     张伟,13800138000,2026/11/1,1280,净水器\r\n\
                     张伟,13800138000,2026/11/1,1280,净水器\r\n\
                     张伟,13800138000,2026/11/2,0,滤芯（赠品）\r\n";
        let path = std::env::temp_dir().join(format!("huifang-repeat-{}.csv", std::process::id()));
        std::fs::write(&path, sheet).unwrap();
        find(&browser, "#import-file").await.send_keys(&path.display().to_string()).await.unwrap();
        // Above the phone's bottom navigation bar, as a user would scroll it.
        find(&browser, "#import-preview").await;
        eval(&browser, "document.querySelector('#import-preview').scrollIntoView({ block: 'center' })").await;
        click(&browser, "#import-preview").await;
        wait_text(&browser, "#import-preview-table", "与第 2 行重复，跳过").await;
        wait_text(&browser, "#import-preview-table", "免费").await;
        assert!(!text(&browser, "#import-preview-table").await.contains("已在客户簿里"));
        wait_text(&browser, "#import-plan", "2 笔购买").await;
        eval(&browser, "document.querySelector('input[name=keep_repeats]').scrollIntoView({ block: 'center' })").await;
        click(&browser, "input[name=keep_repeats]").await;
        wait_text(&browser, "#import-plan", "3 笔购买").await;
        screenshot(&browser, "import-repeats-phone").await;
        let _ = std::fs::remove_file(&path);
    })
    .await;
}

#[tokio::test]
async fn leaving_the_customer_list_within_a_frame_of_typing_or_filtering_breaks_nothing() {
    run(|s| async move {
        let browser = s.open(PHONE).await;
        set_clock(&browser, TODAY).await;
        watch_errors(&browser).await;
        browser.goto(&format!("{}#/today", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        click(&browser, "#load-demo").await;
        wait_text(&browser, ".toasts", "演示客户").await;
        for round in 0..5 {
            browser.goto(&format!("{}#/customers", s.base().await)).await.unwrap();
            wait_text(&browser, "#customer-count", "共").await;
            // Type and leave in the same task: the list's next frame comes after the page is gone.
            let script = if round % 2 == 0 {
                "const i = document.querySelector('#customer-search'); i.value = 'zw'; i.dispatchEvent(new Event('input', { bubbles: true })); location.hash = '#/today';"
            } else {
                "const s = document.querySelector('select[name=tier]'); s.value = s.options[1].value; s.dispatchEvent(new Event('change', { bubbles: true })); location.hash = '#/today';"
            };
            eval(&browser, script).await;
            wait_text(&browser, "#agenda-title", "今日").await;
            tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        }
        // Still working: the list opens and searches.
        browser.goto(&format!("{}#/customers", s.base().await)).await.unwrap();
        fill(&browser, "#customer-search", "zw").await;
        wait_text(&browser, "#customer-list", "张伟").await;
        let seen = errors(&browser).await;
        assert!(seen.iter().all(|e| !e.contains("panicked") && !e.contains("unreachable") && !e.contains("disposed")), "{seen:?}");
    })
    .await;
}
