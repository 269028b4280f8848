//! Reports: a month's measures, drill-down from a problem kind to its visits, the period in the
//! link, targets, CSV export, the empty state, English, and the printed A4 report.

use crate::harness::*;
use fantoccini::Client;
use serde_json::{Value, json};

/// November 2026, seen on 1 December (the clock of these tests). Four basic-tier customers
/// registered on 1 October each bought on 2 November, so each has the 3rd-day (5–7 Nov) and the
/// 7th-day (9–11 Nov) follow-ups due in November: 8 items.
/// - 张伟: both done (6 and 10 Nov), scores 5 and 4;
/// - 李娜: the 3rd-day call was not answered on 5 Nov, reached on 6 Nov (score 3), raised a
///   noise problem (噪音) that is still open and past its deadline;
/// - 王芳: 3rd-day done on 7 Nov (score 2), raised a noise problem settled during the visit, and
///   a need for filters;
/// - 刘洋: never reached.
///
/// Done: 4 of 8, so the completion rate is 50%.
fn book() -> Value {
    let customer = |id: &str, name: &str, phone: &str| {
        json!({ "id": id, "rev": 1, "name": name, "phones": [phone], "registered_on": "2026-10-01", "tier": "basic",
            "tier_override": { "tier": "basic", "reason": "测试", "since": "2026-10-01" },
            "purchases": [{ "id": "p1", "date": "2026-11-02", "amount": 128000, "product": "净水器" }] })
    };
    let visit = |id: &str, c: &str, item: &str, at: &str, outcome: &str, score: Option<u8>| {
        json!({ "id": id, "rev": 1, "customer_id": c, "item_key": item, "scenario": "post_purchase", "method": "phone",
            "at": at, "outcome": outcome, "content": "回访", "satisfaction": score, "agent": "小周" })
    };
    json!({
        "customers": [
            customer("c1", "张伟", "13800138000"),
            customer("c2", "李娜", "13900139000"),
            customer("c3", "王芳", "13700137000"),
            customer("c4", "刘洋", "13400134000"),
        ],
        "visits": [
            visit("v1", "c1", "pp:c1:p1:3", "2026-11-06T10:00:00", "reached", Some(5)),
            visit("v2", "c1", "pp:c1:p1:7", "2026-11-10T10:00:00", "reached", Some(4)),
            visit("v3", "c2", "pp:c2:p1:3", "2026-11-05T10:00:00", "no_answer", None),
            visit("v4", "c2", "pp:c2:p1:3", "2026-11-06T15:00:00", "reached", Some(3)),
            visit("v5", "c3", "pp:c3:p1:3", "2026-11-07T11:00:00", "reached", Some(2)),
        ],
        "feedback": [
            { "id": "f1", "rev": 1, "visit_id": "v4", "customer_id": "c2", "kind": "follow_up", "text": "净水器夜里有噪音",
              "category": "噪音", "priority": "normal", "department": "售后", "deadline": "2026-11-20", "status": "open",
              "raised_on": "2026-11-06" },
            { "id": "f2", "rev": 1, "visit_id": "v5", "customer_id": "c3", "kind": "follow_up", "text": "出水口有响声",
              "category": "噪音", "priority": "normal", "department": "售后", "status": "closed", "raised_on": "2026-11-07",
              "closed_on": "2026-11-07", "resolved_during_visit": true },
            { "id": "f3", "rev": 1, "visit_id": "v5", "customer_id": "c3", "kind": "potential_need", "text": "想买备用滤芯",
              "category": "滤芯", "priority": "normal", "status": "open", "raised_on": "2026-11-07" }
        ],
        "settings": { "profile": { "agent_name": "小周" } }
    })
}

const CLOCK: &str = "2026-12-01T10:00:00+08:00";

/// The app with the book, at `fragment`.
async fn reports_with_book(s: &Sessions, size: (u32, u32), fragment: &str) -> Client {
    let browser = s.open(size).await;
    set_clock(&browser, CLOCK).await;
    browser.goto(&s.base().await).await.expect("open the app");
    wait_ready(&browser).await;
    seed(&browser, book()).await;
    browser.goto(&format!("{}{fragment}", s.base().await)).await.expect("open the reports");
    wait_ready(&browser).await;
    browser
}

async fn hash(browser: &Client) -> String {
    eval(browser, "return decodeURIComponent(location.hash)").await.as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn a_month_report_shows_the_completion_rate_and_a_problem_kind_lists_the_visits_behind_it() {
    run(|s| async move {
        let browser = reports_with_book(&s, PHONE, "#/reports?p=month:2026-11").await;
        wait_text(&browser, "#report-title", "2026年11月").await;
        let completion = text(&browser, "#m-completion .headline").await;
        assert!(completion.contains("50%") && completion.contains("4 / 8"), "{completion}");
        // The key-measures table has the same figure, and October (nothing done) before it.
        let row = text(&browser, "#key-measures tr[data-measure=completion]").await;
        assert!(row.contains("完成率") && row.contains("50%"), "{row}");
        let satisfaction = text(&browser, "#m-satisfaction .headline").await;
        assert!(satisfaction.contains("3.5 分"), "(5 + 4 + 3 + 2) / 4: {satisfaction}");
        // On a phone every figure of a measure is on screen with its label: nothing behind a
        // sideways scroll, nothing cut off.
        let fits = eval(
            &browser,
            "const t = document.querySelector('#key-measures'); const box = t.parentElement;
             const cells = [...t.querySelectorAll('tbody td')];
             return box.scrollWidth <= box.clientWidth + 1
                 && cells.every(c => c.getBoundingClientRect().right <= innerWidth + 1)",
        )
        .await;
        assert_eq!(fits, json!(true), "the key measures fit 390 px");
        let labelled = eval(
            &browser,
            "const c = document.querySelector('#key-measures tr[data-measure=completion] td');
             return getComputedStyle(c, '::before').content",
        )
        .await;
        assert_eq!(labelled, json!("\"本期\""), "each figure says what it is");
        screenshot(&browser, "reports-month-phone").await;
        eval(&browser, "document.querySelector('#m-completion').scrollIntoView()").await;
        screenshot(&browser, "reports-card-phone").await;
        eval(&browser, "document.querySelector('#m-satisfaction-mix').scrollIntoView()").await;
        screenshot(&browser, "reports-satisfaction-phone").await;

        // 噪音 is the most frequent problem: tapping its bar lists the two visits that raised it.
        eval(&browser, "document.querySelector('#m-problem-kinds').scrollIntoView()").await;
        let kind = text(&browser, "#m-problem-kinds .parts-table tbody tr:first-child").await;
        assert!(kind.contains("噪音") && kind.contains('2'), "{kind}");
        click(&browser, "#m-problem-kinds g.part[data-p='0'] .hit").await;
        wait_text(&browser, "#m-problem-kinds #drill", "李娜").await;
        let drill = text(&browser, "#drill").await;
        assert!(drill.contains("王芳") && drill.contains("净水器夜里有噪音") && drill.contains("已逾期"), "{drill}");
        assert!(!drill.contains("张伟"), "张伟 raised no problem: {drill}");
        eval(&browser, "document.querySelector('#drill').scrollIntoView()").await;
        screenshot(&browser, "reports-drill-phone").await;
        // Each visit links to its customer.
        click(&browser, "#drill a[href='#/customers/c2']").await;
        wait_text(&browser, "h1", "李娜").await;
    })
    .await;
}

#[tokio::test]
async fn the_period_is_in_the_link_survives_reload_and_a_backwards_range_is_refused() {
    run(|s| async move {
        let browser = reports_with_book(&s, DESKTOP, "#/reports").await;
        // Without a period in the link: this month, written into the link.
        wait_text(&browser, "#report-title", "2026年12月").await;
        assert_eq!(hash(&browser).await, "#/reports?p=month:2026-12");
        click(&browser, "#period-prev").await;
        wait_text(&browser, "#report-title", "2026年11月").await;
        assert_eq!(hash(&browser).await, "#/reports?p=month:2026-11");
        screenshot(&browser, "reports-month-desktop").await;

        // A week, then a reload: the same week.
        eval(&browser, "const s = document.querySelector('#period-kind'); s.value = 'Week'; s.dispatchEvent(new Event('change', { bubbles: true }));").await;
        wait_text(&browser, "#report-title", "第44周").await;
        assert_eq!(hash(&browser).await, "#/reports?p=week:2026-10-26");
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "#report-title", "2026年第44周").await;

        // A custom range that ends before it starts gets a message next to the end date.
        eval(&browser, "const s = document.querySelector('#period-kind'); s.value = 'Custom'; s.dispatchEvent(new Event('change', { bubbles: true }));").await;
        find(&browser, "#range-from").await;
        eval(&browser, "document.querySelector('#range-from').value = '2026-11-20'; document.querySelector('#range-to').value = '2026-11-03';").await;
        click(&browser, "#range-apply").await;
        wait_text(&browser, ".custom-range .field.invalid .field-error", "结束日期不能早于开始日期").await;
        eval(&browser, "document.querySelector('#range-to').value = '2026-11-30'; document.querySelector('#range-from').value = '2026-11-01';").await;
        click(&browser, "#range-apply").await;
        wait_text(&browser, "#m-completion .headline", "4 / 8").await;
        assert_eq!(hash(&browser).await, "#/reports?p=custom:2026-11-01..2026-11-30");
    })
    .await;
}

#[tokio::test]
async fn a_target_is_checked_saved_and_shown_with_progress() {
    run(|s| async move {
        let browser = reports_with_book(&s, TABLET, "#/reports?p=month:2026-11").await;
        wait_text(&browser, "#m-coverage .target-line", "90%").await;
        eval(&browser, "document.querySelector('#m-coverage .set-target').open = true").await;
        fill(&browser, "#target-coverage", "百分之九十五").await;
        click(&browser, "#m-coverage .target-form button[type=submit]").await;
        wait_text(&browser, "#m-coverage .field-error", "请填写数字").await;
        fill(&browser, "#target-coverage", "95").await;
        click(&browser, "#m-coverage .target-form button[type=submit]").await;
        wait_text(&browser, ".toast", "已保存").await;
        wait_text(&browser, "#key-measures tr[data-measure=coverage]", "95%").await;
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "#m-coverage .target-line", "95%").await;
    })
    .await;
}

#[tokio::test]
async fn the_visits_csv_starts_with_a_byte_order_mark_and_holds_the_month_in_chinese() {
    run(|s| async move {
        let browser = reports_with_book(&s, DESKTOP, "#/reports?p=month:2026-11").await;
        find(&browser, "#m-completion").await;
        // Keep the Blob the page hands to the download link, as a file would be saved.
        eval(&browser, "const real = URL.createObjectURL; window.__csv = null; URL.createObjectURL = (b) => { window.__csv = b; return real(b); };").await;
        click(&browser, "#export-visits").await;
        wait_text(&browser, ".toast", "回访记录_2026-11-01_2026-11-30.csv").await;
        let script = r#"
            const done = arguments[0];
            const blob = window.__csv;
            blob.arrayBuffer().then(buf => {
                const bytes = Array.from(new Uint8Array(buf).slice(0, 3));
                done({ type: blob.type, bom: bytes, text: new TextDecoder().decode(buf) });
            });
        "#;
        let csv = browser.execute_async(script, vec![]).await.expect("read the CSV");
        assert_eq!(csv["bom"], json!([0xEF, 0xBB, 0xBF]), "UTF-8 byte order mark for Excel");
        assert_eq!(csv["type"], json!("text/csv;charset=utf-8"));
        let text = csv["text"].as_str().unwrap();
        let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 6, "a header and the 5 November visits: {text}");
        assert!(lines[0].starts_with("回访日期,时间,客户"), "{}", lines[0]);
        assert!(lines[1].starts_with("2026-11-05,10:00,李娜"), "{}", lines[1]);
    })
    .await;
}

#[tokio::test]
async fn with_no_visits_the_page_says_what_to_do() {
    run(|s| async move {
        let browser = s.open_at(PHONE, "#/reports").await;
        wait_text(&browser, ".empty-state h2", "还没有回访记录").await;
        screenshot(&browser, "reports-empty-phone").await;
    })
    .await;
}

#[tokio::test]
async fn in_english_the_report_and_its_definitions_read_in_english() {
    run(|s| async move {
        let browser = reports_with_book(&s, TABLET, "#/reports?p=month:2026-11").await;
        click(&browser, "#lang-toggle").await;
        wait_text(&browser, "#report-title", "November 2026").await;
        let completion = text(&browser, "#m-completion").await;
        assert!(completion.contains("Completion rate") && completion.contains("50%"), "{completion}");
        click(&browser, "#m-completion .info-tip summary").await;
        wait_text(&browser, "#m-completion .tip-body", "skipped ones are left out").await;
        eval(&browser, "document.querySelector('#m-completion').scrollIntoView()").await;
        screenshot(&browser, "reports-month-tablet-en").await;
        cdp(
            &browser,
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": "dark" }] }),
        )
        .await;
        eval(&browser, "document.querySelector('#m-tier-mix').scrollIntoView()").await;
        screenshot(&browser, "reports-month-tablet-en-dark").await;
    })
    .await;
}

/// The printed report, for a person to look at: Chromium's own print to PDF of the page, saved
/// as target/screenshots/reports-print.pdf (turn it into images with `pdftoppm -png -r 60`).
#[tokio::test]
async fn the_monthly_report_prints_on_a4_pages() {
    run(|s| async move {
        let browser = reports_with_book(&s, DESKTOP, "#/reports?p=month:2026-11").await;
        wait_text(&browser, "#m-completion .headline", "50%").await;
        let pdf = cdp(
            &browser,
            "Page.printToPDF",
            json!({ "paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": true, "printBackground": true }),
        )
        .await;
        let data = pdf["data"].as_str().expect("a PDF");
        let bytes = from_base64(data);
        assert!(bytes.starts_with(b"%PDF"), "a PDF document");
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        let _ = std::fs::create_dir_all(&dir);
        std::fs::write(dir.join("reports-print.pdf"), &bytes).expect("write the PDF");
    })
    .await;
}

/// Standard base64 (what CDP returns), without a dependency for one test.
fn from_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = text.bytes().filter(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/').collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let n = chunk.iter().fold(0u32, |acc, c| (acc << 6) | u32::from(value(*c))) << (6 * (4 - chunk.len()));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    out
}
