//! The visit screen: a due complaint follow-up recorded on site with a feedback item and the
//! customer's signature (refused unsigned, restored after a reload, saved, found again after
//! another), a reached phone call from a card in two taps, a visit saved from the customer's page
//! landing on its record (focus, Back, Undo), discarding a draft, closing a feedback item, and a
//! supervisor's return showing on Today.

use crate::harness::*;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

const CLOCK: &str = "2026-06-03T09:30:00+08:00";

/// On 3 June 2026: 王芳's major complaint (raised 28 May) was resolved on 2 June, so its first
/// follow-up, on site, is due 3–4 June; 张伟 bought a water purifier on 27 May, so his 7th-day
/// post-purchase call is due (with his monthly care, on the same card). 李娜 has a visit of
/// 1 June with an open follow-up item.
fn book() -> Value {
    json!({
        "customers": [
            { "id": "c1", "rev": 1, "name": "张伟", "honorific": "mr", "phones": ["13800138000"],
              "registered_on": "2026-01-20", "tier": "gold",
              "tier_override": { "tier": "gold", "reason": "大客户名单", "since": "2026-01-20" },
              "purchases": [{ "id": "p1", "date": "2026-05-27", "amount": 128000, "product": "净水器" }] },
            { "id": "c3", "rev": 1, "name": "王芳", "honorific": "ms", "phones": ["13700137000"],
              "registered_on": "2026-02-10", "tier": "gold",
              "tier_override": { "tier": "gold", "reason": "大客户名单", "since": "2026-02-10" },
              "events": [
                { "id": "k1", "date": "2026-05-28", "type": "complaint_raised", "severity": "major", "note": "漏水" },
                { "id": "k2", "date": "2026-06-02", "type": "complaint_resolved", "complaint": "k1" }
              ] },
            { "id": "c2", "rev": 1, "name": "李娜", "honorific": "ms", "phones": ["13900139000"],
              "registered_on": "2025-06-01", "tier": "silver",
              "tier_override": { "tier": "silver", "reason": "大客户名单", "since": "2025-06-01" } }
        ],
        "visits": [
            { "id": "v1", "rev": 1, "customer_id": "c2", "scenario": "care", "method": "phone",
              "at": "2026-06-01T10:00:00", "outcome": "reached", "content": "客户说滤芯更换提醒不准。",
              "satisfaction": 3, "satisfaction_level": "neutral", "agent": "小王",
              "created_at": "2026-06-01T10:05:00", "updated_at": "2026-06-01T10:05:00" }
        ],
        "feedback": [
            { "id": "f1", "rev": 1, "visit_id": "v1", "customer_id": "c2", "kind": "follow_up",
              "text": "滤芯更换提醒时间不准", "priority": "normal", "department": "技术部",
              "deadline": "2026-06-30", "status": "open", "raised_on": "2026-06-01",
              "updated_at": "2026-06-01T10:05:00" }
        ]
    })
}

/// Today's cards of 王芳 (the complaint follow-up) and 张伟 (the 7th-day call).
const COMPLAINT: &str = "li.work-card[data-customer='c3'][data-key*='cmp:c3:k1:1']";
const PURCHASE: &str = "li.work-card[data-customer='c1'][data-key*='pp:c1:p1:7']";

async fn today_with_book(s: &Sessions, size: (u32, u32)) -> Client {
    let browser = s.open(size).await;
    set_clock(&browser, CLOCK).await;
    browser.goto(&s.base().await).await.expect("open the app");
    wait_ready(&browser).await;
    seed(&browser, book()).await;
    browser
}

/// Chooses an option of a `<select>` by its value, as a user's pick would.
async fn choose(browser: &Client, css: &str, value: &str) {
    let script = format!(
        "const el = document.querySelector({css:?}); el.value = {value:?}; el.dispatchEvent(new Event('input', {{ bubbles: true }})); el.dispatchEvent(new Event('change', {{ bubbles: true }}));"
    );
    eval(browser, &script).await;
}

/// A pen signs: two strokes on the pad, as PointerEvents.
async fn sign(browser: &Client) {
    eval(
        browser,
        "const c = document.querySelector('#signature-pad');
         c.scrollIntoView({ block: 'center' });
         const r = c.getBoundingClientRect();
         const ev = (type, x, y) => c.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true,
             pointerId: 1, pointerType: 'pen', isPrimary: true, button: type === 'pointermove' ? -1 : 0,
             clientX: r.left + x, clientY: r.top + y }));
         ev('pointerdown', 20, 40); ev('pointermove', 80, 20); ev('pointermove', 140, 60); ev('pointerup', 140, 60);
         ev('pointerdown', 30, 70); ev('pointermove', 160, 75); ev('pointerup', 160, 75);",
    )
    .await;
}

/// Taps an element after scrolling it to the middle of the screen, as a user would: at the
/// edge it may sit under the sticky save bar or the phone's navigation.
async fn tap(browser: &Client, css: &str) {
    eval(browser, &format!("document.querySelector({css:?}).scrollIntoView({{ block: 'center' }})")).await;
    click(browser, css).await;
}

async fn absent(browser: &Client, css: &str) -> bool {
    browser.find(Locator::Css(css)).await.is_err()
}

#[tokio::test]
async fn a_due_complaint_follow_up_is_recorded_with_a_signature_and_schedules_the_next_visit() {
    run(|s| async move {
        let browser = today_with_book(&s, PHONE).await;
        wait_text(&browser, COMPLAINT, "投诉回访").await;
        eval(&browser, &format!("document.querySelector(\"{COMPLAINT} a.start-visit\").scrollIntoView({{ block: 'center' }})")).await;
        click(&browser, &format!("{COMPLAINT} a.start-visit")).await;

        // The script for this complaint, filled for this customer, above the form.
        wait_text(&browser, "#visit-title", "王芳").await;
        wait_text(&browser, ".visit-script .prompter", "王").await;
        wait_text(&browser, "#visit-item", "投诉回访").await;
        // The item is on site: the method is prefilled and the pad is shown.
        let method = eval(&browser, "return document.querySelector('#visit-method').value").await;
        assert_eq!(method, json!("5"), "on site is prefilled from the item");
        find(&browser, "#visit-signature:not(.hidden) #signature-pad").await;
        // Started from the card, the customer was met (on-site words), and the visit answers
        // every reason of the card.
        wait_text(&browser, "label.visit-chip:has(#outcome-0)", "见到客户").await;
        assert_eq!(eval(&browser, "return document.querySelector('#outcome-0').checked").await, json!(true));
        wait_text(&browser, "#visit-items", "投诉已于 6月2日 处理").await;

        // Met on site but not signed, and no reason why: refused, with the message at the pad.
        eval(&browser, "document.querySelector('#save-visit').scrollIntoView({ block: 'center' })").await;
        tap(&browser, "#save-visit").await;
        wait_text(&browser, "#err-signature", "需要客户签字").await;
        wait_text(&browser, "#visit-errors", "需要修改").await;
        screenshot(&browser, "visit-refused-phone").await;
        // The reason is asked for here, so its label does not call it optional; had nobody been
        // met, it would be.
        let label = "return document.querySelector('#visit-no-signature').closest('label').querySelector('span').textContent";
        let asked = eval(&browser, label).await;
        assert!(!asked.as_str().unwrap_or_default().contains("选填"), "the reason is required on site: {asked}");
        tap(&browser, "label.visit-chip:has(#outcome-1) span").await;
        wait_text(&browser, "label:has(#visit-no-signature) > span", "选填").await;
        tap(&browser, "label.visit-chip:has(#outcome-0) span").await;
        let again = eval(&browser, label).await;
        assert!(!again.as_str().unwrap_or_default().contains("选填"), "met again, required again: {again}");

        fill(&browser, "#visit-content", "客户确认漏水已修好，滤芯也换了。").await;
        tap(&browser, "label.visit-chip:has(#satisfaction-3) span").await;
        tap(&browser, "#add-feedback").await;
        choose(&browser, "#fb-kind-0", "0").await;
        fill(&browser, "#fb-text-0", "希望上门前先电话确认时间").await;
        fill(&browser, "#fb-department-0", "售后部").await;
        let script = "const el = document.querySelector('#visit-next'); el.value = '2026-06-06'; el.dispatchEvent(new Event('input', { bubbles: true }));";
        eval(&browser, script).await;
        sign(&browser).await;
        wait_text(&browser, ".signature-status", "已签 2 笔").await;

        // A reload keeps everything, and says so.
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "#draft-restored", "已恢复").await;
        let content = eval(&browser, "return document.querySelector('#visit-content').value").await;
        assert_eq!(content, json!("客户确认漏水已修好，滤芯也换了。"));
        let text = eval(&browser, "return document.querySelector('#fb-text-0').value").await;
        assert_eq!(text, json!("希望上门前先电话确认时间"));
        wait_text(&browser, ".signature-status", "已签 2 笔").await;
        assert!(
            eval(&browser, "return document.querySelector('#outcome-0').checked").await == json!(true),
            "the outcome is restored"
        );
        screenshot(&browser, "visit-restored-phone").await;

        eval(&browser, "document.querySelector('#save-visit').scrollIntoView({ block: 'center' })").await;
        tap(&browser, "#save-visit").await;
        // Started from Today, the app goes back to it: the card is done.
        wait_text(&browser, ".toast", "已保存").await;
        wait_text(&browser, "#count-done", "1").await;
        assert!(absent(&browser, "li.work-card[data-customer='c3']").await, "the complaint round is no longer due");
        assert!(browser.current_url().await.unwrap().as_str().ends_with("#/today"));

        // On the customer's timeline, with the feedback item and a link to the record.
        eval(&browser, "location.hash = '#/customers/c3'").await;
        wait_text(&browser, "#timeline", "希望上门前先电话确认时间").await;
        wait_text(&browser, "#timeline", "客户已签字").await;
        tap(&browser, "#timeline a.tl-link").await;
        wait_text(&browser, "#record", "客户确认漏水已修好").await;
        wait_text(&browser, "#record", "上门").await;
        wait_text(&browser, "#record-feedback", "希望上门前先电话确认时间").await;
        find(&browser, "#record-signature:not(.hidden) svg.signature-view path").await;

        // After another reload the record, its signature (SVG from storage) and the item are there.
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "#record", "见到客户").await;
        let paths = eval(&browser, "return document.querySelectorAll('#record-signature svg path').length").await;
        assert_eq!(paths, json!(2), "both strokes come back as SVG paths");
        screenshot(&browser, "visit-record-phone").await;

        // The next visit the agent set, on 6 June, is planned on that day.
        browser.goto(&format!("{}#/today", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        click(&browser, "button[data-view=week]").await;
        wait_text(&browser, ".week-day[data-date='2026-06-06'] [data-key*='next:']", "王芳女士").await;
    })
    .await;
}

#[tokio::test]
async fn a_reached_phone_call_from_a_card_is_two_taps_and_goes_back_to_today() {
    run(|s| async move {
        let browser = today_with_book(&s, TABLET).await;
        // Tap 1: start the visit from the card.
        click(&browser, &format!("{PURCHASE} a.start-visit")).await;
        wait_text(&browser, "#visit-title", "张伟").await;
        let method = eval(&browser, "return document.querySelector('#visit-method').value").await;
        assert_eq!(method, json!("0"), "phone, from the item");
        wait_text(&browser, "label.visit-chip:has(#outcome-0)", "已接通").await;
        assert_eq!(
            eval(&browser, "return document.querySelector('#outcome-0').checked").await,
            json!(true),
            "reached is the default"
        );
        screenshot(&browser, "visit-screen-tablet").await;
        // Tap 2: save.
        tap(&browser, "#save-visit").await;
        wait_text(&browser, ".toast", "已保存").await;
        wait_text(&browser, "#count-done", "1").await;
        assert!(absent(&browser, "li.work-card[data-customer='c1']").await, "the call is done");
        wait_text(&browser, COMPLAINT, "投诉回访").await;
        // Everyone else's visits are still there, in memory (no reload in between).
        eval(&browser, "location.hash = '#/customers/c2'").await;
        wait_text(&browser, "#timeline", "滤芯更换提醒不准").await;
        // The record says what was done.
        eval(&browser, "location.hash = '#/customers/c1'").await;
        tap(&browser, "#timeline a.tl-link").await;
        wait_text(&browser, "#record", "已接通").await;
        wait_text(&browser, "#record", "购买后回访").await;
    })
    .await;
}

/// A visit started from the customer's page and saved with Ctrl+Enter while the note still has
/// focus: the record page shows it, scrolled to the top with focus on its heading; Undo takes it
/// back; Back returns to the customer, not to the form, and the next visit starts empty.
#[tokio::test]
async fn a_visit_saved_from_the_customer_shows_its_record_with_focus_on_the_heading_and_undo_takes_it_back() {
    // Control down, Enter, and every modifier released.
    const CTRL_ENTER: &str = "\u{E009}\u{E007}\u{E000}";
    run(|s| async move {
        let browser = today_with_book(&s, PHONE).await;
        eval(&browser, "location.hash = '#/customers/c2'").await;
        wait_text(&browser, "#customer-name", "李娜").await;
        tap(&browser, "#new-visit").await;
        wait_text(&browser, "#visit-title", "李娜").await;
        tap(&browser, "label.visit-chip:has(#outcome-0) span").await;
        fill(&browser, "#visit-content", "客户说新滤芯很好用。").await;
        browser.active_element().await.expect("the note has focus").send_keys(CTRL_ENTER).await.expect("save");

        wait_text(&browser, "#record", "客户说新滤芯很好用。").await;
        wait_text(&browser, "#record", "已接通").await;
        wait_text(&browser, ".toast", "已保存").await;
        let url = browser.current_url().await.unwrap().to_string();
        assert!(url.contains("#/records/"), "the record page: {url}");
        find(&browser, "#main h1:focus").await;
        assert_eq!(eval(&browser, "return window.scrollY").await, json!(0), "the record page starts at the top");

        click(&browser, ".toast-action").await;
        wait_text(&browser, ".toasts", "已撤销这次回访记录").await;
        find(&browser, "#record-missing").await;

        browser.back().await.unwrap();
        wait_text(&browser, "#customer-name", "李娜").await;
        assert!(browser.current_url().await.unwrap().as_str().ends_with("#/customers/c2"), "Back skips the form");
        let links = eval(&browser, "return document.querySelectorAll('#timeline a.tl-link').length").await;
        assert_eq!(links, json!(1), "only the visit of 1 June is on the timeline");
        tap(&browser, "#new-visit").await;
        wait_text(&browser, "#visit-title", "李娜").await;
        assert_eq!(eval(&browser, "return document.querySelector('#visit-content').value").await, json!(""));
        assert!(absent(&browser, "#draft-restored").await, "the saved visit's draft is gone");
    })
    .await;
}

/// One call for a card of several reasons; the customer had no time for one of them: unticked,
/// with the reason, it stays open and is planned again.
#[tokio::test]
async fn an_item_left_open_with_a_reason_is_planned_again_after_the_call() {
    run(|s| async move {
        let browser = today_with_book(&s, DESKTOP).await;
        click(&browser, &format!("{PURCHASE} a.start-visit")).await;
        wait_text(&browser, "#visit-items", "购买后第7天").await;
        let purchase = "#visit-items input[name=answers][value*='pp:c1:p1:7']";
        click(&browser, purchase).await;
        find(&browser, "input[name=left_open_reason]").await;
        tap(&browser, "#save-visit").await;
        wait_text(&browser, "#err-left-open-0", "请填写这一项").await;
        fill(&browser, "input[name=left_open_reason]", "客户在开车，改天再问净水器的使用情况").await;
        screenshot(&browser, "visit-left-open-desktop").await;
        tap(&browser, "#save-visit").await;
        wait_text(&browser, ".toast", "已保存").await;
        wait_text(&browser, "#count-done", "1").await;
        // Called today: not again today, but the 7th-day call is still to do, within its window.
        assert!(absent(&browser, "li.work-card[data-customer='c1']").await);
        click(&browser, "button[data-view=week]").await;
        wait_text(&browser, ".week-day[data-date='2026-06-04'] [data-key*='pp:c1:p1:7']", "张伟先生").await;
        // The care the call did answer is done: it is not planned again this week.
        assert!(absent(&browser, ".week-grid [data-key*='care:c1:2026-04-20']").await);
    })
    .await;
}

#[tokio::test]
async fn a_discarded_draft_is_gone_after_a_reload() {
    run(|s| async move {
        let browser = today_with_book(&s, DESKTOP).await;
        click(&browser, &format!("{PURCHASE} a.start-visit")).await;
        fill(&browser, "#visit-content", "客户在开车，稍后再聊").await;
        screenshot(&browser, "visit-screen-desktop").await;
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "#draft-restored", "已恢复").await;
        click(&browser, "#draft-restored button").await;
        // The confirmation asks first; confirming clears the form.
        click(&browser, "dialog[data-dialog=discard-draft] [data-confirm]").await;
        wait_text(&browser, ".toast", "草稿已放弃").await;
        let content = eval(&browser, "return document.querySelector('#visit-content').value").await;
        assert_eq!(content, json!(""));
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        find(&browser, "#visit-content").await;
        assert!(absent(&browser, "#draft-restored").await, "nothing is restored after discarding");
    })
    .await;
}

#[tokio::test]
async fn closing_a_follow_up_item_schedules_telling_the_customer() {
    run(|s| async move {
        let browser = today_with_book(&s, DESKTOP).await;
        browser.goto(&format!("{}#/records/v1", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "#record-feedback", "滤芯更换提醒时间不准").await;
        click(&browser, "#record-feedback [data-action=close-item]").await;
        wait_text(&browser, ".toast", "已安排告知客户").await;
        wait_text(&browser, "#record-feedback", "已关闭").await;
        browser.goto(&format!("{}#/today", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "li.work-card[data-customer='c2'][data-key*='closure:f1']", "问题解决告知").await;
    })
    .await;
}

#[tokio::test]
async fn a_record_returned_by_the_supervisor_shows_on_today_until_the_agent_edits_it() {
    run(|s| async move {
        let browser = today_with_book(&s, DESKTOP).await;
        // Only a supervisor reviews (Settings → 我的角色).
        seed(&browser, json!({ "settings": { "profile": { "role": "supervisor" } } })).await;
        browser.goto(&format!("{}#/records/v1", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        // Returned without saying why: refused next to the comment.
        fill(&browser, "#reviewer", "王主管").await;
        tap(&browser, "label.visit-chip:has(#verdict-1) span").await;
        tap(&browser, "#save-review").await;
        wait_text(&browser, "[data-error=comment]", "写明").await;
        fill(&browser, "#review-comment", "请写清客户的滤芯型号").await;
        tap(&browser, "#save-review").await;
        wait_text(&browser, "#review-state", "王主管").await;
        wait_text(&browser, "#review-state", "退回").await;
        screenshot(&browser, "visit-record-review-desktop").await;

        browser.goto(&format!("{}#/today", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "#returned-records", "李娜").await;
        wait_text(&browser, "#returned-records", "请写清客户的滤芯型号").await;
        click(&browser, "#returned-records a[data-record=v1]").await;
        tap(&browser, "#edit-record").await;
        wait_text(&browser, "#visit-title", "修改回访记录").await;
        fill(&browser, "#visit-content", "客户说滤芯更换提醒不准，型号 RO-400。").await;
        tap(&browser, "#save-visit").await;
        wait_text(&browser, "#record-edits", "修改了回访内容").await;
        browser.goto(&format!("{}#/today", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        find(&browser, "#today-summary").await;
        assert!(absent(&browser, "#returned-records").await, "an edited record is no longer waiting");
    })
    .await;
}

#[tokio::test]
async fn the_visit_screen_at_three_widths_and_in_english() {
    run(|s| async move {
        for (size, name) in [(PHONE, "phone"), (TABLET, "tablet"), (DESKTOP, "desktop")] {
            let browser = today_with_book(&s, size).await;
            browser.goto(&format!("{}#/visit?item=cmp%3Ac3%3Ak1%3A1&customer=c3", s.base().await)).await.unwrap();
            wait_ready(&browser).await;
            wait_text(&browser, "#visit-title", "王芳").await;
            screenshot(&browser, &format!("visit-zh-{name}")).await;
            if size == DESKTOP {
                click(&browser, "#lang-toggle").await;
                wait_text(&browser, "#visit-title", "Visit record").await;
                // Met on site, unsigned: refused, in English.
                tap(&browser, "#save-visit").await;
                wait_text(&browser, "#err-signature", "needs the customer's signature").await;
                wait_text(&browser, "label.visit-chip:has(#outcome-0)", "Met").await;
                screenshot(&browser, "visit-en-desktop").await;
            }
            s.close(browser).await;
        }
    })
    .await;
}
