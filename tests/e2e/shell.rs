//! The app shell: language, routes, layout, first run, storage errors.

use crate::harness::*;
use fantoccini::Locator;
use serde_json::json;

#[tokio::test]
async fn switching_to_english_is_remembered_after_reload() {
    run(|s| async move {
        let browser = s.open_at(PHONE, "").await;
        wait_text(&browser, ".nav-link[data-section=today]", "今日").await;
        assert_eq!(eval(&browser, "return document.documentElement.lang").await, json!("zh-CN"));
        // The tab's title names the section, in the language shown.
        assert_eq!(eval(&browser, "return document.title").await, json!("今日 · 回访"));
        eval(&browser, "location.hash = '#/customers'").await;
        wait_text(&browser, "h1", "客户").await;
        assert_eq!(eval(&browser, "return document.title").await, json!("客户 · 回访"));

        click(&browser, "#lang-toggle").await;
        wait_text(&browser, ".nav-link[data-section=today]", "Today").await;
        assert_eq!(eval(&browser, "return document.title").await, json!("Customers · Huifang"));
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, ".nav-link[data-section=customers]", "Customers").await;
        assert_eq!(eval(&browser, "return document.documentElement.lang").await, json!("en"));

        click(&browser, "#lang-toggle").await;
        wait_text(&browser, ".nav-link[data-section=today]", "今日").await;
    })
    .await;
}

#[tokio::test]
async fn a_deep_link_opens_its_page_and_survives_reload_on_a_plain_static_server() {
    run(|s| async move {
        let browser = s.open_at(DESKTOP, "#/settings").await;
        wait_text(&browser, "h1", "设置").await;
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "h1", "设置").await;
        assert_eq!(
            find(&browser, ".nav-link[data-section=settings]").await.attr("aria-current").await.unwrap().as_deref(),
            Some("page")
        );

        // Navigating by the menu changes the address, and that address reloads too.
        click(&browser, ".nav-link[data-section=data]").await;
        wait_text(&browser, "h1", "数据").await;
        assert!(browser.current_url().await.unwrap().as_str().ends_with("#/data"));
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "h1", "数据").await;

        // Back returns to the previous page.
        browser.back().await.unwrap();
        wait_text(&browser, "h1", "设置").await;
    })
    .await;
}

#[tokio::test]
async fn an_unknown_link_says_so_and_leads_home() {
    run(|s| async move {
        let browser = s.open_at(PHONE, "#/no/such/page").await;
        wait_text(&browser, "h1", "找不到这个页面").await;
        click(&browser, ".empty-state a.button").await;
        wait_text(&browser, "h1", "今日").await;
    })
    .await;
}

#[tokio::test]
async fn a_new_user_is_told_what_to_do_first() {
    run(|s| async move {
        let browser = s.open_at(PHONE, "").await;
        wait_text(&browser, ".empty-state h2", "欢迎使用回访").await;
        let actions = browser.find_all(Locator::Css(".empty-actions a")).await.unwrap();
        assert_eq!(actions.len(), 3, "add a customer, import, fill in my details");
        assert_eq!(actions[0].attr("href").await.unwrap().as_deref(), Some("#/customers/new"));
    })
    .await;
}

#[tokio::test]
async fn navigation_is_a_bottom_bar_on_a_phone_and_a_side_bar_on_wider_screens() {
    run(|s| async move {
        for (size, name) in [(PHONE, "phone"), (TABLET, "tablet"), (DESKTOP, "desktop")] {
            let browser = s.open_at(size, "").await;
            let nav = eval(
                &browser,
                "const r = document.querySelector('nav.nav').getBoundingClientRect();
                 return { left: r.left, top: r.top, width: r.width, height: r.height, vh: innerHeight, vw: innerWidth };",
            )
            .await;
            let (top, height, width, vh, vw) = (
                nav["top"].as_f64().unwrap(),
                nav["height"].as_f64().unwrap(),
                nav["width"].as_f64().unwrap(),
                nav["vh"].as_f64().unwrap(),
                nav["vw"].as_f64().unwrap(),
            );
            if name == "phone" {
                assert!((top + height - vh).abs() < 2.0, "phone nav sits at the bottom: {nav}");
                assert!((width - vw).abs() < 2.0, "phone nav spans the width: {nav}");
            } else {
                assert!(height > vh * 0.5 && width < vw * 0.3, "{name} nav is a side bar: {nav}");
            }
            // Nothing overflows sideways.
            assert_eq!(eval(&browser, "return document.documentElement.scrollWidth <= innerWidth").await, json!(true));
            screenshot(&browser, &format!("shell-{name}")).await;
        }
    })
    .await;
}

#[tokio::test]
async fn a_full_storage_is_reported_in_chinese_and_the_saved_profile_survives() {
    run(|s| async move {
        let profile = s.new_profile().await;
        let browser = s.open_profile(DESKTOP, &profile).await;
        let base = s.base().await;
        browser.goto(&format!("{base}#/settings")).await.unwrap();
        wait_ready(&browser).await;
        fill(&browser, "input[name=agent_name]", "陈静").await;
        click(&browser, "form.form button[type=submit]").await;
        wait_text(&browser, ".toast", "已保存").await;
        s.close(browser).await;

        // Reopen the browser with this origin's quota shrunk to nothing (Chromium applies the
        // override to storage opened after it), then try to save a change.
        let browser = s.open_profile(DESKTOP, &profile).await;
        browser.goto("about:blank").await.unwrap();
        let origin = base.trim_end_matches('/').to_string();
        cdp(&browser, "Storage.overrideQuotaForOrigin", json!({ "origin": origin, "quotaSize": 1 })).await;
        browser.goto(&format!("{base}#/settings")).await.unwrap();
        wait_ready(&browser).await;
        let before = find(&browser, "input[name=agent_name]").await.prop("value").await.unwrap();
        assert_eq!(before.as_deref(), Some("陈静"), "reading still works when storage is full");
        fill(&browser, "input[name=agent_name]", "陈静怡").await;
        click(&browser, "form.form button[type=submit]").await;
        wait_text(&browser, ".toast-error", "存储空间已满").await;
        wait_text(&browser, ".banner", "存储空间已满").await;
        screenshot(&browser, "storage-full").await;
        s.close(browser).await;

        let browser = s.open_profile(DESKTOP, &profile).await;
        browser.goto(&format!("{base}#/settings")).await.unwrap();
        wait_ready(&browser).await;
        let saved = find(&browser, "input[name=agent_name]").await.prop("value").await.unwrap();
        assert_eq!(saved.as_deref(), Some("陈静"), "the profile saved before the failure is intact");
    })
    .await;
}

#[tokio::test]
async fn the_data_page_counts_what_storage_holds() {
    run(|s| async move {
        let browser = s.open(PHONE).await;
        set_clock(&browser, "2026-06-03T09:30:00+08:00").await;
        browser.goto(&format!("{}#/data", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        assert_eq!(
            eval(&browser, "return new Date().getFullYear() * 100 + new Date().getMonth() + 1").await,
            json!(202606)
        );
        seed(
            &browser,
            json!({ "customers": [
                { "id": "c1", "rev": 1, "name": "张伟", "registered_on": "2026-01-05" },
                { "id": "c2", "rev": 1, "name": "李娜", "registered_on": "2026-02-11" }
            ]}),
        )
        .await;
        wait_text(&browser, "#data-counts", "2 位客户").await;
        wait_text(&browser, "#storage-usage", "已用").await;
    })
    .await;
}
