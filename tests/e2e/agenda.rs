//! The agenda: Today's overdue, due and coming items, marks that survive a reload, local dates,
//! the week and month views, calendar export, and holidays from Settings.

use crate::harness::*;
use fantoccini::Client;
use serde_json::{Value, json};

/// A small book on 3 June 2026 (the clock of these tests):
/// - 张伟 bought on 27 May: the 7th-day node (3–5 June) is due today, the 3rd-day node (30 May –
///   1 June) is 2 days late;
/// - 李娜's birthday is on 9 June: greetings open on 6 June;
/// - 陈静 does not want to be contacted: nothing for her, whatever she bought;
/// - 刘洋 registered long ago and was never reached.
/// Tiers are set by override: the tests are about the schedule, not about how purchases tier a
/// customer (the customer book recomputes tiers from data otherwise).
fn book() -> Value {
    json!({ "customers": [
        { "id": "c1", "rev": 1, "name": "张伟", "honorific": "mr", "phones": ["13800138000"], "email": "zw@example.com",
          "registered_on": "2026-01-05", "tier": "gold",
          "tier_override": { "tier": "gold", "reason": "大客户名单", "since": "2026-01-05" },
          "purchases": [{ "id": "p1", "date": "2026-05-27", "amount": 128000, "product": "净水器" }] },
        { "id": "c2", "rev": 1, "name": "李娜", "honorific": "ms", "phones": ["13900139000"], "registered_on": "2025-06-01",
          "tier": "diamond", "tier_override": { "tier": "diamond", "reason": "大客户名单", "since": "2025-06-01" },
          "birthday": { "date": "1990-06-09", "lunar": false } },
        { "id": "c5", "rev": 1, "name": "陈静", "phones": ["13500135000"], "registered_on": "2025-01-10", "do_not_contact": true,
          "purchases": [{ "id": "p1", "date": "2026-05-30", "amount": 39900, "product": "滤芯" }] },
        { "id": "c6", "rev": 1, "name": "刘洋", "honorific": "mr", "phones": ["13400134000"], "registered_on": "2025-02-01",
          "tier": "basic", "tier_override": { "tier": "basic", "reason": "大客户名单", "since": "2025-02-01" } }
    ]})
}

async fn today_with_book(s: &Sessions, size: (u32, u32), clock: &str) -> Client {
    let browser = s.open(size).await;
    set_clock(&browser, clock).await;
    browser.goto(&s.base().await).await.expect("open the app");
    wait_ready(&browser).await;
    seed(&browser, book()).await;
    browser
}

const DAY7: &str = "article[data-key='pp:c1:p1:7']";
const DAY3: &str = "article[data-key='pp:c1:p1:3']";

#[tokio::test]
async fn today_lists_overdue_due_and_coming_items_with_their_windows() {
    run(|s| async move {
        let browser = today_with_book(&s, PHONE, "2026-06-03T09:30:00+08:00").await;
        wait_text(&browser, "#agenda-due", "张伟先生").await;
        let due = text(&browser, &format!("#agenda-due {DAY7}")).await;
        assert!(due.contains("购买后第7天"), "{due}");
        assert!(due.contains("窗口 6月3日–6月5日"), "{due}");
        assert!(due.contains("到期中"), "{due}");
        let late = text(&browser, &format!("#agenda-overdue {DAY3}")).await;
        assert!(late.contains("逾期 2 天"), "{late}");
        let coming = text(&browser, "#agenda-coming").await;
        assert!(coming.contains("李娜女士") && coming.contains("生日"), "{coming}");
        let page = text(&browser, "main").await;
        assert!(!page.contains("陈静"), "a do-not-contact customer gets nothing");
        // One tap calls, or starts the visit from the item.
        let call = find(&browser, &format!("{DAY7} a.call")).await.attr("href").await.unwrap();
        assert_eq!(call.as_deref(), Some("tel:13800138000"));
        let start = find(&browser, &format!("{DAY7} a.start-visit")).await.attr("href").await.unwrap().unwrap();
        assert!(start.starts_with("#/visit?item=pp%3Ac1%3Ap1%3A7"), "{start}");
        // The customer nobody reached is listed.
        // Above the phone's bottom navigation bar, as a user would scroll it.
        eval(&browser, "document.querySelector('#no-contact summary').scrollIntoView({ block: 'center' })").await;
        click(&browser, "#no-contact summary").await;
        wait_text(&browser, "#no-contact", "刘洋先生").await;
        screenshot(&browser, "agenda-today-phone").await;

        click(&browser, &format!("{DAY7} a.start-visit")).await;
        wait_text(&browser, "#visit-title", "张伟").await;
        wait_text(&browser, "#visit-item", "购买后回访").await;
    })
    .await;
}

/// Sets a date input as a user's date picker would (typing into one depends on the locale).
async fn pick_date(browser: &Client, css: &str, iso: &str) {
    let script = format!(
        "const el = document.querySelector({css:?}); el.value = {iso:?}; el.dispatchEvent(new Event('input', {{ bubbles: true }}));"
    );
    eval(browser, &script).await;
}

#[tokio::test]
async fn a_snoozed_and_a_skipped_item_stay_so_after_reload() {
    run(|s| async move {
        let browser = today_with_book(&s, DESKTOP, "2026-06-03T09:30:00+08:00").await;
        find(&browser, &format!("#agenda-due {DAY7}")).await;

        click(&browser, &format!("{DAY7} .item-more summary")).await;
        pick_date(&browser, &format!("{DAY7} input[name=snooze_to]"), "2026-06-08").await;
        click(&browser, &format!("{DAY7} .snooze-form button")).await;
        wait_text(&browser, ".toast", "已改到 6月8日").await;
        wait_text(&browser, &format!("#agenda-coming {DAY7}"), "5 天后开始").await;
        // Changed one's mind: the toast's undo puts it back, then snooze it for good.
        click(&browser, ".toast-action").await;
        wait_text(&browser, ".toast", "已撤销").await;
        wait_text(&browser, &format!("#agenda-due {DAY7}"), "窗口 6月3日–6月5日").await;
        click(&browser, &format!("{DAY7} .item-more summary")).await;
        pick_date(&browser, &format!("{DAY7} input[name=snooze_to]"), "2026-06-08").await;
        click(&browser, &format!("{DAY7} .snooze-form button")).await;
        wait_text(&browser, &format!("#agenda-coming {DAY7}"), "5 天后开始").await;

        click(&browser, &format!("{DAY3} .item-more summary")).await;
        click(&browser, &format!("{DAY3} .skip-form button")).await;
        wait_text(&browser, &format!("{DAY3} .skip-form .field-error"), "原因").await;
        fill(&browser, &format!("{DAY3} input[name=skip_reason]"), "客户出差").await;
        click(&browser, &format!("{DAY3} .skip-form button")).await;
        wait_text(&browser, ".toast", "已跳过").await;

        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, &format!("#agenda-coming {DAY7}"), "窗口 6月8日–6月10日").await;
        assert!(browser.find(fantoccini::Locator::Css(DAY3)).await.is_err(), "the skipped item is gone after reload");
        screenshot(&browser, "agenda-after-marks-desktop").await;
    })
    .await;
}

#[tokio::test]
async fn today_is_the_local_date_even_when_it_is_still_yesterday_in_utc() {
    run(|s| async move {
        // 00:30 in Shanghai on 3 June is 16:30 on 2 June in UTC.
        let browser = today_with_book(&s, PHONE, "2026-06-03T00:30:00+08:00").await;
        wait_text(&browser, "#agenda-title", "6月3日").await;
        wait_text(&browser, &format!("#agenda-due {DAY7}"), "窗口 6月3日–6月5日").await;
    })
    .await;
}

#[tokio::test]
async fn exporting_the_agenda_makes_a_calendar_file_with_the_items_dates() {
    run(|s| async move {
        let browser = today_with_book(&s, TABLET, "2026-06-03T09:30:00+08:00").await;
        find(&browser, DAY7).await;
        eval(
            &browser,
            "window.__blobs = []; const make = URL.createObjectURL.bind(URL);
             URL.createObjectURL = (blob) => { window.__blobs.push(blob); return make(blob); };",
        )
        .await;
        click(&browser, "#export-panel summary").await;
        click(&browser, "#export-all").await;
        wait_text(&browser, ".toast", "已导出").await;
        let ics = browser
            .execute_async(
                "const done = arguments[0]; const b = window.__blobs[0];
                 b.text().then(t => done({ type: b.type, text: t }));",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(ics["type"], json!("text/calendar;charset=utf-8"));
        let text = ics["text"].as_str().unwrap();
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
        assert!(text.contains("UID:pp:c1:p1:7@huifang\r\n"), "{text}");
        let event = text.split("BEGIN:VEVENT").find(|e| e.contains("pp:c1:p1:7")).unwrap().replace("\r\n ", "");
        assert!(event.contains("DTSTART;VALUE=DATE:20260603\r\n"), "{event}");
        assert!(event.contains("DTEND;VALUE=DATE:20260606\r\n"), "{event}");
        assert!(event.contains("SUMMARY:张伟先生 · 购买后回访"), "{event}");
        assert!(!text.contains("陈静"));
    })
    .await;
}

#[tokio::test]
async fn the_week_and_month_views_show_items_on_their_days() {
    run(|s| async move {
        let browser = today_with_book(&s, PHONE, "2026-06-03T09:30:00+08:00").await;
        find(&browser, DAY7).await;
        click(&browser, "button[data-view=week]").await;
        wait_text(&browser, ".week-day[data-date='2026-06-03']", "张伟先生").await;
        wait_text(&browser, ".week-day[data-date='2026-06-06']", "李娜女士").await;
        assert!(!text(&browser, ".week-day[data-date='2026-06-04']").await.contains("张伟"));
        screenshot(&browser, "agenda-week-phone").await;

        click(&browser, "button[data-view=month]").await;
        wait_text(&browser, "#period-title", "2026年6月").await;
        let busy = find(&browser, ".month-day[data-date='2026-06-06']").await.attr("class").await.unwrap().unwrap();
        assert!(busy.contains("has-items"), "{busy}");
        let quiet = find(&browser, ".month-day[data-date='2026-06-12']").await.attr("class").await.unwrap().unwrap();
        assert!(!quiet.contains("has-items"), "{quiet}");
        click(&browser, ".month-day[data-date='2026-06-06']").await;
        wait_text(&browser, "#day-detail", "李娜女士").await;
        screenshot(&browser, "agenda-month-phone").await;
        // The month view works on a phone: nothing overflows sideways.
        assert_eq!(eval(&browser, "return document.documentElement.scrollWidth <= innerWidth").await, json!(true));
    })
    .await;
}

#[tokio::test]
async fn a_lunar_holiday_added_in_settings_is_greeted_on_its_day() {
    run(|s| async move {
        let browser = today_with_book(&s, DESKTOP, "2026-06-03T09:30:00+08:00").await;
        browser.goto(&format!("{}#/settings", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        click(&browser, "#add-holiday").await;
        fill(&browser, "input[name=holiday_name]", "端午节").await;
        find(&browser, "select[name=holiday_calendar]").await.select_by_value("lunar").await.unwrap();
        fill(&browser, "input[name=holiday_month]", "5").await;
        fill(&browser, "input[name=holiday_day]", "5").await;
        click(&browser, "#save-holiday").await;
        wait_text(&browser, ".holiday-list", "农历五月初五").await;
        screenshot(&browser, "settings-holidays-desktop").await;

        // 端午 2026 is 19 June: greetings open three days before.
        browser.goto(&format!("{}#/today", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        click(&browser, "button[data-view=month]").await;
        click(&browser, ".month-day[data-date='2026-06-16']").await;
        wait_text(&browser, "#day-detail", "端午节").await;
        wait_text(&browser, "#day-detail", "刘洋先生").await;
    })
    .await;
}

#[tokio::test]
async fn a_campaign_to_diamond_customers_puts_its_notice_on_their_agenda() {
    run(|s| async move {
        let browser = today_with_book(&s, TABLET, "2026-06-03T09:30:00+08:00").await;
        browser.goto(&format!("{}#/settings", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        click(&browser, "#new-campaign").await;
        click(&browser, "#save-campaign").await;
        wait_text(&browser, "#campaign-form .field-error", "请填写活动名称").await;
        fill(&browser, "input[name=campaign_name]", "滤芯升级通知").await;
        fill(&browser, "textarea[name=campaign_message]", "新款滤芯寿命延长一倍，老用户可免费升级。").await;
        click(&browser, "input[name=tier][value='0']").await;
        click(&browser, "#save-campaign").await;
        wait_text(&browser, ".campaign-list", "滤芯升级通知").await;
        wait_text(&browser, ".campaign-list", "将通知 1 位客户").await;
        screenshot(&browser, "settings-campaigns-tablet").await;

        // 李娜 (Diamond) gets the notice; her birthday greeting in the same days is the same visit.
        browser.goto(&format!("{}#/today", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        let card = text(&browser, "article[data-key*='camp:c2:']").await;
        assert!(card.contains("活动通知：滤芯升级通知") && card.contains("6月9日 生日"), "{card}");
        assert!(browser.find(fantoccini::Locator::Css("article[data-key*='camp:c1:']")).await.is_err(), "张伟 is Gold");
    })
    .await;
}

/// A long overdue list shows a page of cards and a button for the next page, instead of drawing
/// every card at once (thousands froze the page).
#[tokio::test]
async fn a_long_overdue_list_shows_a_page_of_cards_and_more_on_request() {
    run(|s| async move {
        let browser = s.open(PHONE).await;
        set_clock(&browser, "2026-06-03T09:30:00+08:00").await;
        browser.goto(&s.base().await).await.expect("open the app");
        wait_ready(&browser).await;
        // 50 customers who bought on 20 May: each one's 3rd- and 7th-day nodes are late (unless
        // the schedule merges them), more than four pages of cards.
        let customers: Vec<Value> = (0..50)
            .map(|i| {
                json!({ "id": format!("c{i}"), "rev": 1, "name": format!("客户{i:02}"), "phones": [format!("1380013{i:04}")],
                        "registered_on": "2025-01-05", "tier": "gold",
                        "tier_override": { "tier": "gold", "reason": "名单", "since": "2025-01-05" },
                        "purchases": [{ "id": "p1", "date": "2026-05-20", "amount": 10000, "product": "滤芯" }] })
            })
            .collect();
        seed(&browser, json!({ "customers": customers })).await;
        wait_text(&browser, "#agenda-overdue .show-more", "再显示 20 项").await;
        let count = |css: &'static str| {
            let browser = browser.clone();
            async move { eval(&browser, &format!("return document.querySelectorAll('{css}').length")).await.as_u64().unwrap() }
        };
        let header = text(&browser, "#agenda-overdue .count").await;
        let total: u64 = header.trim_end_matches(" 项").parse().expect("the list says how many items it has");
        assert!(total > 80, "50 customers, each with late post-purchase nodes: {header}");
        assert_eq!(count("#agenda-overdue .agenda-list > li").await, 20, "one page of cards");
        let more = text(&browser, "#agenda-overdue .show-more").await;
        assert_eq!(more, format!("再显示 20 项（还有 {} 项）", total - 20));
        let mut shown = 20;
        while shown < total {
            // Above the phone's bottom navigation bar, as a user would scroll it.
            eval(&browser, "document.querySelector('#agenda-overdue .show-more').scrollIntoView({ block: 'center' })").await;
            click(&browser, "#agenda-overdue .show-more").await;
            shown = (shown + 20).min(total);
            let deadline = std::time::Instant::now() + PATIENCE;
            while count("#agenda-overdue .agenda-list > li").await != shown {
                assert!(std::time::Instant::now() < deadline, "{shown} cards after show more");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
        }
        assert_eq!(count("#agenda-overdue .show-more").await, 0, "every item is reachable, then the button goes");
        screenshot(&browser, "agenda-show-more-phone").await;
    })
    .await;
}
