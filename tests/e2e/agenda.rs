//! The agenda: Today as one day's work (counts, one card per customer, the most pressing first,
//! within the day's capacity), marks that survive a reload, local dates, the week and month views
//! of the plan, calendar export, and holidays and campaigns from Settings.

use crate::harness::*;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

/// A small book on 3 June 2026 (the clock of these tests):
/// - 王芳 complained on 30 May and nobody has called her: the 24–48 hour contact is 2 days late;
/// - 张伟 bought on 27 May: the 7th-day node (3–5 June) is due today and carries the 3rd-day
///   node nobody called (30 May – 1 June, superseded); his monthly care (from registration on
///   20 January, never reached) is due too, on the same card;
/// - 李娜's birthday is on 9 June: greetings open on 6 June; her care is due now;
/// - 陈静 does not want to be contacted: nothing for her, whatever she bought;
/// - 刘洋 registered long ago and was never reached.
///
/// Tiers are set by override: the tests are about the schedule, not about how purchases tier a
/// customer (the customer book recomputes tiers from data otherwise).
pub fn book() -> Value {
    json!({ "customers": [
        { "id": "c1", "rev": 1, "name": "张伟", "honorific": "mr", "phones": ["13800138000"], "email": "zw@example.com",
          "registered_on": "2026-01-20", "tier": "gold",
          "tier_override": { "tier": "gold", "reason": "大客户名单", "since": "2026-01-20" },
          "purchases": [{ "id": "p1", "date": "2026-05-27", "amount": 128000, "product": "净水器" }] },
        { "id": "c2", "rev": 1, "name": "李娜", "honorific": "ms", "phones": ["13900139000"], "registered_on": "2025-06-01",
          "tier": "diamond", "tier_override": { "tier": "diamond", "reason": "大客户名单", "since": "2025-06-01" },
          "birthday": { "date": "1990-06-09", "lunar": false } },
        { "id": "c3", "rev": 1, "name": "王芳", "honorific": "ms", "phones": ["13700137000"], "registered_on": "2025-03-01",
          "tier": "silver", "tier_override": { "tier": "silver", "reason": "大客户名单", "since": "2025-03-01" },
          "events": [{ "id": "k1", "date": "2026-05-30", "type": "complaint_raised", "severity": "general", "note": "滤芯漏水" }] },
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

/// 张伟's card: the customer is the card, whatever items it joins.
const ZHANG: &str = "li.work-card[data-customer='c1']";
const WANG: &str = "li.work-card[data-customer='c3']";
const LIU: &str = "li.work-card[data-customer='c6']";

async fn count(browser: &Client, css: &str) -> u64 {
    eval(browser, &format!("return document.querySelectorAll({css:?}).length")).await.as_u64().unwrap()
}

async fn absent(browser: &Client, css: &str) -> bool {
    browser.find(Locator::Css(css)).await.is_err()
}

/// The customers of Today's cards, in order.
async fn customers_on_today(browser: &Client) -> Vec<String> {
    let ids = eval(
        browser,
        "return [...document.querySelectorAll('#work-list > li.work-card')].map(li => li.dataset.customer)",
    )
    .await;
    serde_json::from_value(ids).unwrap()
}

/// Waits until the element is gone (a card done, snoozed or skipped).
async fn wait_gone(browser: &Client, css: &str) {
    let start = std::time::Instant::now();
    while browser.find(Locator::Css(css)).await.is_ok() {
        assert!(start.elapsed() < PATIENCE, "{css} is still there");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn today_shows_the_counts_and_one_card_per_customer_with_every_reason_due_the_most_pressing_first() {
    run(|s| async move {
        let browser = today_with_book(&s, PHONE, "2026-06-03T09:30:00+08:00").await;
        wait_text(&browser, ZHANG, "张伟先生").await;
        // 王芳, 张伟, 李娜 and 刘洋: one card each; the complaint nobody answered comes first.
        let ids = customers_on_today(&browser).await;
        assert_eq!(ids.first().map(String::as_str), Some("c3"), "the late complaint leads: {ids:?}");
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(sorted, ["c1", "c2", "c3", "c6"], "one card per customer due today, nobody else");
        assert_eq!(text(&browser, "#count-todo").await, "4");
        assert_eq!(text(&browser, "#count-done").await, "0");
        assert_eq!(text(&browser, "#count-late").await, "1");
        wait_text(&browser, "#start-session", "开始打电话（4 位）").await;
        let wang = text(&browser, WANG).await;
        assert!(wang.contains("逾期 2 天") && wang.contains("投诉"), "{wang}");

        // 张伟: the 7th-day call, which carries the 3rd-day one nobody made, and his care.
        let purchase =
            text(&browser, &format!("{ZHANG} .wc-reasons li[data-scenario=PostPurchase][data-latest='2026-06-05']"))
                .await;
        assert!(purchase.contains("购买后第7天：净水器"), "{purchase}");
        assert!(purchase.contains("另含第3天没做的回访内容"), "{purchase}");
        wait_text(&browser, &format!("{ZHANG} .wc-reasons li[data-scenario=Care]"), "定期维护").await;
        wait_text(&browser, &format!("{ZHANG} .wc-standing"), "6月5日 前完成").await;
        assert!(
            absent(&browser, "[data-key*='pp:c1:p1:3+'], [data-key$='pp:c1:p1:3']").await,
            "the 3rd-day call is not a card of its own"
        );
        // 李娜's birthday greeting opens on 6 June: not today.
        assert!(absent(&browser, "#work-list li[data-scenario=Birthday]").await);
        let page = text(&browser, "main").await;
        assert!(!page.contains("陈静"), "a do-not-contact customer gets nothing");
        // One tap calls, or starts the visit from the card.
        let call = find(&browser, &format!("{ZHANG} a.call")).await.attr("href").await.unwrap();
        assert_eq!(call.as_deref(), Some("tel:13800138000"));
        let start = find(&browser, &format!("{ZHANG} a.start-visit")).await.attr("href").await.unwrap().unwrap();
        assert!(start.starts_with("#/visit?item=") && start.contains("pp%3Ac1%3Ap1%3A7"), "{start}");
        // The customer nobody reached is listed.
        // Above the phone's bottom navigation bar, as a user would scroll it.
        eval(&browser, "document.querySelector('#no-contact summary').scrollIntoView({ block: 'center' })").await;
        click(&browser, "#no-contact summary").await;
        wait_text(&browser, "#no-contact", "刘洋先生").await;
        screenshot(&browser, "agenda-today-phone").await;

        eval(
            &browser,
            &format!("document.querySelector(\"{ZHANG} a.start-visit\").scrollIntoView({{ block: 'center' }})"),
        )
        .await;
        click(&browser, &format!("{ZHANG} a.start-visit")).await;
        wait_text(&browser, "#visit-title", "张伟").await;
        wait_text(&browser, "#visit-item", "购买后回访").await;
        // One call for all the card's reasons: each is ticked, to be answered in this visit.
        wait_text(&browser, "#visit-items", "购买后第7天").await;
        wait_text(&browser, "#visit-items", "定期维护").await;
        let ticked = count(&browser, "#visit-items input[name=answers]:checked").await;
        assert_eq!(ticked, count(&browser, "#visit-items input[name=answers]").await);
        assert!(ticked >= 2, "one checkbox per item of the card: {ticked}");
    })
    .await;
}

/// Clicks an element after scrolling it to the middle of the screen, as a user would: at the
/// bottom edge a toast may cover it.
async fn tap(browser: &Client, css: &str) {
    eval(browser, &format!("document.querySelector({css:?}).scrollIntoView({{ block: 'center' }})")).await;
    click(browser, css).await;
}

/// Sets a date input as a user's date picker would (typing into one depends on the locale).
async fn pick_date(browser: &Client, css: &str, iso: &str) {
    let script = format!(
        "const el = document.querySelector({css:?}); el.value = {iso:?}; el.dispatchEvent(new Event('input', {{ bubbles: true }}));"
    );
    eval(browser, &script).await;
}

#[tokio::test]
async fn a_snoozed_and_a_skipped_card_stay_so_after_reload() {
    run(|s| async move {
        let browser = today_with_book(&s, DESKTOP, "2026-06-03T09:30:00+08:00").await;
        find(&browser, ZHANG).await;

        tap(&browser, &format!("{ZHANG} .item-more summary")).await;
        pick_date(&browser, &format!("{ZHANG} input[name=snooze_to]"), "2026-06-08").await;
        tap(&browser, &format!("{ZHANG} .snooze-form button")).await;
        wait_text(&browser, ".toast", "已改到 6月8日").await;
        wait_gone(&browser, ZHANG).await;
        wait_text(&browser, "#count-todo", "3").await;
        // Changed one's mind: the toast's undo puts it back, then snooze it for good.
        click(&browser, ".toast-action").await;
        wait_text(&browser, ".toast", "已撤销").await;
        wait_text(&browser, ZHANG, "购买后第7天").await;
        wait_text(&browser, "#count-todo", "4").await;
        tap(&browser, &format!("{ZHANG} .item-more summary")).await;
        pick_date(&browser, &format!("{ZHANG} input[name=snooze_to]"), "2026-06-08").await;
        tap(&browser, &format!("{ZHANG} .snooze-form button")).await;
        wait_gone(&browser, ZHANG).await;

        tap(&browser, &format!("{LIU} .item-more summary")).await;
        tap(&browser, &format!("{LIU} .skip-form button")).await;
        wait_text(&browser, &format!("{LIU} .skip-form .field-error"), "原因").await;
        fill(&browser, &format!("{LIU} input[name=skip_reason]"), "客户出差").await;
        tap(&browser, &format!("{LIU} .skip-form button")).await;
        wait_text(&browser, ".toast", "已跳过").await;
        wait_gone(&browser, LIU).await;

        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "#count-todo", "2").await;
        assert!(absent(&browser, ZHANG).await, "the snoozed card is not on today after reload");
        assert!(absent(&browser, LIU).await, "the skipped card is gone after reload");
        screenshot(&browser, "agenda-after-marks-desktop").await;
        // 张伟 is planned on the day he was snoozed to.
        click(&browser, "button[data-view=week]").await;
        click(&browser, "#period-next").await;
        wait_text(&browser, ".week-day[data-date='2026-06-08']", "张伟先生").await;
    })
    .await;
}

#[tokio::test]
async fn today_is_the_local_date_even_when_it_is_still_yesterday_in_utc() {
    run(|s| async move {
        // 00:30 in Shanghai on 3 June is 16:30 on 2 June in UTC: the 7th-day call (from 3 June)
        // is due today only if today is the local date.
        let browser = today_with_book(&s, PHONE, "2026-06-03T00:30:00+08:00").await;
        wait_text(&browser, "#agenda-title", "6月3日").await;
        wait_text(&browser, &format!("{ZHANG} li[data-scenario=PostPurchase]"), "购买后第7天").await;
        wait_text(&browser, &format!("{ZHANG} .wc-standing"), "6月5日 前完成").await;
    })
    .await;
}

#[tokio::test]
async fn exporting_the_agenda_makes_a_calendar_file_with_the_items_dates() {
    run(|s| async move {
        let browser = today_with_book(&s, TABLET, "2026-06-03T09:30:00+08:00").await;
        find(&browser, ZHANG).await;
        eval(
            &browser,
            "window.__blobs = []; const make = URL.createObjectURL.bind(URL);
             URL.createObjectURL = (blob) => { window.__blobs.push(blob); return make(blob); };",
        )
        .await;
        eval(&browser, "document.querySelector('#export-panel summary').scrollIntoView({ block: 'center' })").await;
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
        // The 7th-day call, with the sampling call it shares its days with, is one event.
        let event = text
            .split("BEGIN:VEVENT")
            .map(|e| e.replace("\r\n ", ""))
            .find(|e| e.contains("pp:c1:p1:7"))
            .unwrap_or_else(|| panic!("the 7th-day call is in the file: {text}"));
        assert!(event.contains("DTSTART;VALUE=DATE:20260603\r\n"), "{event}");
        assert!(event.contains("DTEND;VALUE=DATE:20260606\r\n"), "{event}");
        assert!(event.contains("SUMMARY:张伟先生 · 购买后回访"), "{event}");
        assert!(text.contains("SUMMARY:李娜女士 · 生日关怀"), "{text}");
        assert!(!text.contains("陈静"));
    })
    .await;
}

#[tokio::test]
async fn the_week_and_month_views_show_the_plan_each_card_on_its_day() {
    run(|s| async move {
        let browser = today_with_book(&s, PHONE, "2026-06-03T09:30:00+08:00").await;
        find(&browser, ZHANG).await;
        click(&browser, "button[data-view=week]").await;
        wait_text(&browser, ".week-day[data-date='2026-06-03']", "张伟先生").await;
        wait_text(&browser, ".week-day[data-date='2026-06-03']", "王芳女士").await;
        wait_text(&browser, ".week-day[data-date='2026-06-06']", "李娜女士").await;
        wait_text(&browser, ".week-day[data-date='2026-06-06']", "生日关怀").await;
        // Planned once: 张伟 is today's card, not again on the following days.
        for day in ["2026-06-04", "2026-06-05", "2026-06-06", "2026-06-07"] {
            let other = text(&browser, &format!(".week-day[data-date='{day}']")).await;
            assert!(!other.contains("张伟"), "{day}: {other}");
        }
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

        // 端午 2026 is 19 June: greetings open three days before, sent to everyone in one go.
        browser.goto(&format!("{}#/today", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        click(&browser, "button[data-view=month]").await;
        click(&browser, ".month-day[data-date='2026-06-16']").await;
        wait_text(&browser, "#day-detail", "端午节").await;
        wait_text(&browser, "#day-detail", "刘洋先生").await;
        assert!(!text(&browser, "#day-detail").await.contains("陈静"), "not to a do-not-contact customer");

        // Deleting the holiday asks in the app's dialog; confirmed, it is gone from settings.
        browser.goto(&format!("{}#/settings", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        click(&browser, ".holiday-list [data-action=delete-holiday]").await;
        wait_text(&browser, "[data-dialog=delete-holiday]", "删除节日“端午节”？").await;
        click(&browser, "[data-dialog=delete-holiday] [data-confirm]").await;
        wait_gone(&browser, ".holiday-list [data-action=delete-holiday]").await;
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

        // 李娜 (Diamond) is called today anyway: the notice goes with that call, on her card.
        browser.goto(&format!("{}#/today", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        let card = text(&browser, "li.work-card[data-customer='c2']").await;
        assert!(card.contains("活动通知：滤芯升级通知"), "{card}");
        find(&browser, "li.work-card[data-customer='c2'][data-key*='camp:c2:']").await;
        assert!(absent(&browser, "[data-key*='camp:c1:']").await, "张伟 is Gold");
        assert!(absent(&browser, "[data-key*='camp:c3:']").await, "王芳 is Silver");
        screenshot(&browser, "agenda-campaign-tablet").await;

        // Deleting it asks first, in the app's own dialog and language; Undo brings it back.
        browser.goto(&format!("{}#/settings", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        click(&browser, ".campaign-list [data-action=delete]").await;
        wait_text(&browser, "[data-dialog=delete-campaign]", "删除活动“滤芯升级通知”？").await;
        click(&browser, "[data-dialog=delete-campaign] button[value=cancel]").await;
        wait_text(&browser, ".campaign-list", "滤芯升级通知").await;
        click(&browser, ".campaign-list [data-action=delete]").await;
        click(&browser, "[data-dialog=delete-campaign] [data-confirm]").await;
        wait_text(&browser, ".toasts", "已删除活动“滤芯升级通知”").await;
        assert!(absent(&browser, ".campaign-list li").await, "the campaign is gone");
        click(&browser, ".toast-action").await;
        wait_text(&browser, ".campaign-list", "滤芯升级通知").await;
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, ".campaign-list", "滤芯升级通知").await;
    })
    .await;
}

/// 50 customers, each with a call days late: Today holds the day's capacity (40 by default), says
/// what will be missed, and "再加" pulls in the rest (a book of thousands stays a day's work).
#[tokio::test]
async fn today_holds_the_days_capacity_and_pulls_in_more_on_request() {
    run(|s| async move {
        let browser = s.open(PHONE).await;
        set_clock(&browser, "2026-06-03T09:30:00+08:00").await;
        browser.goto(&s.base().await).await.expect("open the app");
        wait_ready(&browser).await;
        // Bought on 20 May: each one's 7th-day call (27–29 May) is 5 days late.
        let customers: Vec<Value> = (0..50)
            .map(|i| {
                json!({ "id": format!("c{i:02}"), "rev": 1, "name": format!("客户{i:02}"), "phones": [format!("1380013{i:04}")],
                        "registered_on": "2025-01-05", "tier": "gold",
                        "tier_override": { "tier": "gold", "reason": "名单", "since": "2025-01-05" },
                        "purchases": [{ "id": "p1", "date": "2026-05-20", "amount": 10000, "product": "滤芯" }] })
            })
            .collect();
        seed(&browser, json!({ "customers": customers })).await;
        wait_text(&browser, "#count-todo", "40").await;
        assert_eq!(count(&browser, "#work-list > li.work-card").await, 40, "the day's capacity");
        assert_eq!(text(&browser, "#count-late").await, "40");
        wait_text(&browser, "#pull-more", "再加 10 位（还有 10 位）").await;
        // What cannot fit before its window closes is said before it is missed.
        wait_text(&browser, "#at-risk", "有 10 位客户的回访排不进窗口").await;
        screenshot(&browser, "agenda-capacity-phone").await;

        eval(&browser, "document.querySelector('#pull-more').scrollIntoView({ block: 'center' })").await;
        click(&browser, "#pull-more").await;
        wait_text(&browser, "#count-todo", "50").await;
        assert_eq!(count(&browser, "#work-list > li.work-card").await, 50);
        let mut ids = customers_on_today(&browser).await;
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 50, "every customer once");
        assert!(absent(&browser, "#pull-more").await, "nothing left to pull in");
        wait_gone(&browser, "#at-risk").await;
    })
    .await;
}
