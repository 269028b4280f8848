//! The life of a follow-up item as a user sees it (issue 13): with the demo data no greeting is
//! offered after its day, every contactable customer shows their next care date, and a complaint
//! is handled from the moment it is recorded.

use crate::harness::*;
use fantoccini::{Client, Locator};
use serde_json::json;

/// Today with the demo data loaded from the first-run screen, the clock on `clock`.
async fn demo_today(s: &Sessions, size: (u32, u32), clock: &str) -> Client {
    let browser = s.open(size).await;
    set_clock(&browser, clock).await;
    browser.goto(&format!("{}#/today", s.base().await)).await.expect("open the app");
    wait_ready(&browser).await;
    click(&browser, "#load-demo").await;
    wait_text(&browser, ".toasts", "已载入 30 位演示客户").await;
    // Closed, as a user would, rather than waited out: it covers the bottom of the screen.
    click(&browser, ".toast-close").await;
    find(&browser, "#work-list > li.work-card").await;
    browser
}

/// Every reason on Today's cards of a time-bound scenario (a greeting, a campaign) whose last
/// day is before `today`, as "customer scenario latest".
async fn stale_greetings(browser: &Client, today: &str) -> Vec<String> {
    let script = r#"
        const [today] = arguments;
        return [...document.querySelectorAll('#work-list li.work-card .wc-reasons li[data-scenario]')]
            .filter(li => ['Birthday', 'Holiday', 'Campaign'].includes(li.dataset.scenario) && li.dataset.latest < today)
            .map(li => `${li.closest('li.work-card').dataset.customer} ${li.dataset.scenario} ${li.dataset.latest}`);
    "#;
    serde_json::from_value(browser.execute(script, vec![json!(today)]).await.unwrap()).unwrap()
}

/// Two days after the Mid-Autumn Festival (25 September 2026), and one or two days after the
/// birthday of the demo customer born on 29 February (28 February or 1 March in 2027): both
/// greetings were due days ago; neither is offered late.
#[tokio::test]
async fn with_the_demo_data_no_card_on_today_greets_for_a_day_that_has_passed() {
    run(|s| async move {
        for (clock, today, name) in [
            ("2026-09-27T09:30:00+08:00", "2026-09-27", "mid-autumn"),
            ("2027-03-02T09:30:00+08:00", "2027-03-02", "leap-birthday"),
        ] {
            let browser = demo_today(&s, PHONE, clock).await;
            let cards = eval(&browser, "return document.querySelectorAll('#work-list > li.work-card').length").await;
            assert!(cards.as_u64().unwrap() > 0, "{today}: a day's work to look at");
            let stale = stale_greetings(&browser, today).await;
            assert!(stale.is_empty(), "{today}: greetings offered after their day: {stale:?}");
            let page = text(&browser, "main").await;
            if name == "mid-autumn" {
                assert!(!page.contains("中秋"), "{today}: the Mid-Autumn greeting is not offered two days late");
            } else if let Ok(card) = browser.find(Locator::Css("li.work-card[data-customer='demo-c10']")).await {
                // The tenth demo customer, born on 29 February, may be called for another reason.
                let card = card.text().await.unwrap();
                assert!(!card.contains("生日"), "{today}: the birthday greeting is not offered late: {card}");
            }
            screenshot(&browser, &format!("life-cycle-{name}-phone")).await;
            s.close(browser).await;
        }
    })
    .await;
}

/// The ids of the customer list's rows, whether each is marked "do not contact", read by
/// scrolling the (virtual) list from top to bottom as a user would.
async fn list_rows(browser: &Client) -> Vec<(String, bool)> {
    let script = r#"
        const done = arguments[arguments.length - 1];
        (async () => {
            const seen = new Map();
            for (let y = 0; y <= document.documentElement.scrollHeight; y += 200) {
                window.scrollTo(0, y);
                window.dispatchEvent(new Event('scroll'));
                await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
                for (const row of document.querySelectorAll('#customer-list a.crow')) {
                    seen.set(row.getAttribute('href'), row.querySelector('.badge.dnc') !== null);
                }
            }
            window.scrollTo(0, 0);
            done([...seen.entries()]);
        })();
    "#;
    serde_json::from_value(browser.execute_async(script, vec![]).await.unwrap()).unwrap()
}

#[tokio::test]
async fn every_contactable_demo_customer_shows_when_their_next_care_falls_due() {
    run(|s| async move {
        let browser = demo_today(&s, DESKTOP, "2026-06-03T09:30:00+08:00").await;
        click(&browser, ".nav-link[data-section=customers]").await;
        wait_text(&browser, "#customer-count", "共 30 位").await;
        let rows = list_rows(&browser).await;
        assert_eq!(rows.len(), 30, "every customer of the list: {rows:?}");
        let mut without = Vec::new();
        let mut paused = Vec::new();
        for (href, do_not_contact) in &rows {
            // Open the customer from the list: scroll the list until the row is drawn, tap it.
            eval(&browser, "location.hash = '#/customers'").await;
            wait_text(&browser, "#customer-count", "共 30 位").await;
            let row = format!("#customer-list a.crow[href='{href}']");
            let start = std::time::Instant::now();
            let mut y = 0;
            while browser.find(Locator::Css(&row)).await.is_err() {
                assert!(start.elapsed() < PATIENCE, "the list never draws {href}");
                y += 200;
                eval(&browser, &format!("window.scrollTo(0, {y}); window.dispatchEvent(new Event('scroll'))")).await;
            }
            eval(&browser, &format!("document.querySelector(\"{row}\").scrollIntoView({{ block: 'center' }})")).await;
            // The scroll redraws the visible rows: tap the row as drawn after it.
            let start = std::time::Instant::now();
            while let Err(e) = find(&browser, &row).await.click().await {
                assert!(start.elapsed() < PATIENCE, "tap {row}: {e}");
            }
            find(&browser, "#customer-name").await;
            find(&browser, "#tier-card").await;
            let name = text(&browser, "#customer-name").await;
            if *do_not_contact {
                find(&browser, "#dnc-note").await;
                assert!(
                    browser.find(Locator::Css("#next-care")).await.is_err(),
                    "{name} asked not to be contacted: no care date"
                );
                continue;
            }
            match browser.find(Locator::Css("#next-care")).await {
                Ok(line) => {
                    let line = line.text().await.unwrap();
                    if !line.starts_with("下次定期维护：") {
                        paused.push(format!("{name}: {line}"));
                    }
                }
                Err(_) => without.push(name),
            }
        }
        screenshot(&browser, "life-cycle-next-care-desktop").await;
        assert_eq!(rows.iter().filter(|(_, dnc)| *dnc).count(), 1, "the demo has one do-not-contact customer");
        assert!(without.is_empty(), "contactable customers with no next care date: {without:?}");
        assert!(paused.is_empty(), "contactable customers whose care shows no date: {paused:?}");
    })
    .await;
}

#[tokio::test]
async fn recording_a_complaint_puts_its_handling_on_today_and_flags_the_customer() {
    run(|s| async move {
        let browser = s.open(DESKTOP).await;
        set_clock(&browser, "2026-06-03T09:30:00+08:00").await;
        browser.goto(&s.base().await).await.expect("open the app");
        wait_ready(&browser).await;
        seed(&browser, crate::agenda::book()).await;
        // 李娜 has no complaint: her card is her care.
        let li = "li.work-card[data-customer='c2']";
        find(&browser, li).await;
        assert!(browser.find(Locator::Css(&format!("{li} li[data-scenario=ComplaintHandling]"))).await.is_err());

        browser.goto(&format!("{}#/customers/c2", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "#customer-name", "李娜").await;
        assert!(browser.find(Locator::Css("#open-complaint")).await.is_err(), "no open complaint yet");
        click(&browser, "#record-event").await;
        find(&browser, "#event-form select[name=event_kind]").await.select_by_value("2").await.unwrap();
        find(&browser, "#event-form select[name=severity]").await.select_by_value("1").await.unwrap();
        fill(&browser, "#event-form input[name=event_note]", "安装师傅迟到两小时").await;
        click(&browser, "#event-form button[type=submit]").await;
        wait_text(&browser, ".toasts", "服务事件已记录").await;
        wait_text(&browser, "#open-complaint", "投诉处理中").await;
        screenshot(&browser, "life-cycle-complaint-customer-desktop").await;
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "#open-complaint", "投诉处理中").await;

        // Today: the handling contact, due at once, on her card, before the cards with no complaint.
        click(&browser, ".nav-link[data-section=today]").await;
        let handling = format!("{li}[data-key*='cmpin:c2:'] li[data-scenario=ComplaintHandling]");
        wait_text(&browser, &handling, "投诉跟进").await;
        wait_text(&browser, &handling, "客户投诉（重要）").await;
        wait_text(&browser, li, "投诉处理中").await;
        let order: Vec<String> = serde_json::from_value(
            eval(
                &browser,
                "return [...document.querySelectorAll('#work-list > li.work-card')].map(li => li.dataset.customer)",
            )
            .await,
        )
        .unwrap();
        let at = |id: &str| order.iter().position(|c| c == id).unwrap_or_else(|| panic!("{id} on today: {order:?}"));
        assert!(at("c2") < at("c1") && at("c2") < at("c6"), "complaints first: {order:?}");
        screenshot(&browser, "life-cycle-complaint-today-desktop").await;
        click(&browser, "#lang-toggle").await;
        wait_text(&browser, &handling, "Complaint handling").await;
        screenshot(&browser, "life-cycle-complaint-today-desktop-en").await;
    })
    .await;
}
