//! The script library: browsing in both languages, editing a built-in (refused with a typo,
//! saved once fixed, kept after a reload, restored), duplicating for a tier, deleting with Undo,
//! writing a new script, and the preview with a sample customer.

use crate::harness::*;
use fantoccini::Client;
use serde_json::{Value, json};

/// The built-ins shipped with the app (`domain::scripts::builtin`): one or more per scenario,
/// complaint handling and feedback deadlines included, and a general one.
const BUILT_INS: u64 = 22;

/// The scripts the app stored in IndexedDB, as saved.
async fn stored_scripts(browser: &Client) -> Vec<Value> {
    let script = format!(
        "{IDB_RECORD_JS}{}",
        r#"
        const done = arguments[0];
        allRecords('scripts').then(all => done(all.map(([, json]) => JSON.parse(json))), () => done('read failed'));
    "#
    );
    match browser.execute_async(&script, vec![]).await.expect("read IndexedDB") {
        Value::Array(scripts) => scripts,
        other => panic!("reading the scripts store: {other}"),
    }
}

/// Clicks like a user who first scrolled the element to the middle of the screen: on a phone
/// the bottom navigation and the editor's save bar cover the bottom edge, where WebDriver's own
/// scrolling leaves it.
async fn tap(browser: &Client, css: &str) {
    eval(browser, &format!("document.querySelector({css:?}).scrollIntoView({{block: 'center'}})")).await;
    click(browser, css).await;
}

async fn count(browser: &Client, css: &str) -> u64 {
    eval(browser, &format!("return document.querySelectorAll({css:?}).length")).await.as_u64().unwrap_or(0)
}

async fn value(browser: &Client, css: &str) -> String {
    find(browser, css).await.prop("value").await.unwrap().unwrap_or_default()
}

async fn wait_url_ends_with(browser: &Client, suffix: &str) {
    let start = std::time::Instant::now();
    loop {
        let url = browser.current_url().await.unwrap().to_string();
        if url.ends_with(suffix) {
            return;
        }
        assert!(start.elapsed() < PATIENCE, "the address is {url}, expected it to end with {suffix}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn the_library_lists_a_script_for_every_scenario_in_chinese_and_in_english() {
    run(|s| async move {
        let browser = s.open_at(PHONE, "#/scripts").await;
        wait_text(&browser, "h1", "话术").await;
        assert_eq!(count(&browser, ".script-row").await, BUILT_INS);
        wait_text(&browser, "[data-scenario=ComplaintFollowUp] h2", "投诉回访").await;
        wait_text(&browser, "[data-scenario=ComplaintFollowUp] h2", "3 条").await;
        wait_text(&browser, "[data-scenario=ComplaintHandling] h2", "投诉跟进").await;
        wait_text(&browser, "[data-scenario=FeedbackDue] h2", "问题处理期限").await;
        wait_text(&browser, "[data-scenario=Care]", "钻石客户维护").await;
        wait_text(&browser, ".script-row .badge", "内置").await;
        screenshot(&browser, "scripts-library-zh-phone").await;

        fill(&browser, "#script-search", "生日").await;
        wait_text(&browser, ".library", "生日关怀").await;
        assert_eq!(count(&browser, ".script-row").await, 1);
        fill(&browser, "#script-search", "不存在的话术").await;
        wait_text(&browser, ".search-empty", "没有找到包含“不存在的话术”的话术").await;
        tap(&browser, "[data-action=clear-search]").await;
        wait_text(&browser, ".library", "新客户激活回访").await;
        assert_eq!(count(&browser, ".script-row").await, BUILT_INS);

        click(&browser, "#lang-toggle").await;
        wait_text(&browser, "h1", "Scripts").await;
        wait_text(&browser, "[data-scenario=ComplaintFollowUp] h2", "Complaint follow-up").await;
        wait_text(&browser, "[data-scenario=ComplaintFollowUp] h2", "3 scripts").await;
        wait_text(&browser, ".script-row .badge", "Built-in").await;
        assert_eq!(count(&browser, ".script-row").await, BUILT_INS);
        fill(&browser, "#script-search", "birthday").await;
        wait_text(&browser, ".library", "Birthday").await;
        screenshot(&browser, "scripts-library-en-phone").await;
    })
    .await;
}

#[tokio::test]
async fn a_built_in_edited_with_an_unknown_placeholder_is_refused_then_saved_kept_and_restored() {
    run(|s| async move {
        let browser = s.open_at(DESKTOP, "#/scripts/builtin:birthday").await;
        wait_text(&browser, "h1", "生日关怀").await;
        click(&browser, "#edit-script").await;
        wait_text(&browser, "h1", "编辑话术").await;

        // A placeholder goes where the cursor is, not at the end.
        fill(&browser, "textarea[name=opening]", "生日快乐！今天").await;
        eval(
            &browser,
            "const a = document.querySelector('textarea[name=opening]'); a.focus(); a.setSelectionRange(5, 5);",
        )
        .await;
        tap(&browser, "[data-placeholder=称呼]").await;
        assert_eq!(value(&browser, "textarea[name=opening]").await, "生日快乐！{称呼}今天");

        fill(&browser, "textarea[name=opening]", "生日快乐，{称呼}！{礼品}已经寄出。").await;
        tap(&browser, "#save-script").await;
        wait_text(&browser, "[data-field=opening] .field-error", "第 11 个字处的 {礼品} 不是可用的占位符").await;
        wait_text(&browser, "#script-errors", "有 1 处需要修改").await;
        assert_eq!(
            find(&browser, "textarea[name=opening]").await.attr("aria-invalid").await.unwrap().as_deref(),
            Some("true")
        );
        screenshot(&browser, "scripts-editor-error-zh-desktop").await;
        assert!(stored_scripts(&browser).await.is_empty(), "nothing is saved while the script has an error");

        fill(&browser, "textarea[name=opening]", "生日快乐，{称呼}！小礼物已经寄出。").await;
        wait_text(&browser, "[data-field=opening]", "开场白").await;
        assert_eq!(count(&browser, ".field-error").await, 0, "the message goes once the text is fixed");
        tap(&browser, "#save-script").await;
        wait_url_ends_with(&browser, "#/scripts/builtin%3Abirthday").await;
        wait_text(&browser, ".script-sheet [data-section=opening]", "小礼物已经寄出").await;
        wait_text(&browser, ".script-meta", "已修改").await;
        let stored = stored_scripts(&browser).await;
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0]["origin"], json!({ "type": "edited" }));
        assert_eq!(stored[0]["builtin"], json!("birthday"));

        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, ".script-sheet [data-section=opening]", "小礼物已经寄出").await;
        click(&browser, ".crumbs a").await;
        wait_text(&browser, "[data-scenario=Birthday]", "已修改").await;
        assert_eq!(count(&browser, ".script-row").await, BUILT_INS, "the edit replaces the built-in");

        tap(&browser, "[data-scenario=Birthday] .script-row").await;
        click(&browser, "#reset-script").await;
        wait_text(&browser, "[data-dialog=reset]", "恢复成内置版本？").await;
        screenshot(&browser, "scripts-reset-confirm-zh-desktop").await;
        click(&browser, "[data-dialog=reset] [data-confirm]").await;
        wait_text(&browser, ".toasts", "已恢复内置版本").await;
        wait_text(&browser, ".script-meta", "内置").await;
        let opening = text(&browser, ".script-sheet [data-section=opening]").await;
        assert!(!opening.contains("小礼物"), "{opening}");
        assert!(stored_scripts(&browser).await.is_empty());
    })
    .await;
}

#[tokio::test]
async fn a_copy_for_a_tier_is_listed_and_a_deleted_script_comes_back_with_undo() {
    run(|s| async move {
        let browser = s.open_at(TABLET, "#/scripts/builtin:post_purchase").await;
        wait_text(&browser, "h1", "购买后回访").await;
        click(&browser, "#duplicate-script").await;
        find(&browser, "[data-dialog=duplicate] select[name=duplicate-tier]").await.select_by_value("0").await.unwrap();
        fill(&browser, "[data-dialog=duplicate] input[name=duplicate-product]", "净水器").await;
        click(&browser, "[data-dialog=duplicate] [data-confirm]").await;
        wait_text(&browser, "h1", "购买后回访（钻石 · 净水器）").await;
        wait_text(&browser, ".script-meta", "副本").await;
        wait_text(&browser, ".script-meta", "钻石").await;
        assert_eq!(stored_scripts(&browser).await.len(), 1);

        click(&browser, ".crumbs a").await;
        wait_text(&browser, "[data-scenario=PostPurchase] h2", "2 条").await;
        tap(&browser, "[data-scenario=PostPurchase] .script-row:not([href$=post_purchase])").await;
        wait_text(&browser, "h1", "（钻石 · 净水器）").await;
        click(&browser, "#delete-script").await;
        wait_text(&browser, "[data-dialog=delete]", "删除后的几秒内可以撤销").await;
        click(&browser, "[data-dialog=delete] [data-confirm]").await;
        wait_text(&browser, ".toasts", "话术已删除").await;
        wait_url_ends_with(&browser, "#/scripts").await;
        wait_text(&browser, "[data-scenario=PostPurchase] h2", "1 条").await;
        assert!(stored_scripts(&browser).await.is_empty());

        click(&browser, ".toast-action").await;
        wait_text(&browser, ".toasts", "话术已恢复").await;
        wait_text(&browser, "[data-scenario=PostPurchase] h2", "2 条").await;
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "[data-scenario=PostPurchase]", "购买后回访（钻石 · 净水器）").await;
        assert_eq!(stored_scripts(&browser).await.len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_new_script_needs_a_name_and_something_to_say_and_is_filed_under_its_scenario() {
    run(|s| async move {
        let browser = s.open_at(PHONE, "#/scripts").await;
        click(&browser, "#new-script").await;
        wait_text(&browser, "h1", "新建话术").await;
        tap(&browser, "#save-script").await;
        wait_text(&browser, "[data-field=name] .field-error", "请给话术起个名字").await;
        wait_text(&browser, "[data-field=opening] .field-error", "至少写一段开场白").await;

        fill(&browser, "input[name=name]", "黄金客户积分提醒").await;
        find(&browser, "select[name=scenario]").await.select_by_value("4").await.unwrap();
        find(&browser, "select[name=tier]").await.select_by_value("1").await.unwrap();
        fill(&browser, "textarea[name=opening]", "{称呼}您好，您的积分快到期了。").await;
        fill(&browser, "textarea[name=questions]", "最近{产品}用得好吗？\n\n要不要用积分换点配件？").await;
        tap(&browser, "#add-fallback").await;
        fill(&browser, ".fallback-row:last-of-type input[name=fallback-when]", "“积分没用。”").await;
        fill(&browser, ".fallback-row:last-of-type textarea[name=fallback-say]", "积分可以直接抵现金。").await;
        tap(&browser, "#save-script").await;
        wait_text(&browser, "h1", "黄金客户积分提醒").await;
        wait_text(&browser, ".script-meta", "自建").await;
        wait_text(&browser, ".script-meta", "黄金").await;
        assert_eq!(count(&browser, ".script-sheet [data-section=questions] li").await, 2, "blank lines are dropped");
        wait_text(&browser, ".script-sheet [data-section=fallbacks]", "积分可以直接抵现金").await;

        click(&browser, ".crumbs a").await;
        wait_text(&browser, "[data-scenario=Care] h2", "5 条").await;
        wait_text(&browser, "[data-scenario=Care]", "黄金客户积分提醒").await;
        let stored = stored_scripts(&browser).await;
        assert_eq!((stored.len(), stored[0]["focus"]["tier"].clone()), (1, json!("gold")));
    })
    .await;
}

#[tokio::test]
async fn the_preview_fills_a_script_from_a_sample_customer_and_marks_what_has_no_data() {
    run(|s| async move {
        let browser = s.open_at(PHONE, "#/scripts/builtin:complaint").await;
        wait_text(&browser, ".script-sheet [data-section=opening]", "{称呼}").await;
        click(&browser, "#preview-toggle").await;
        wait_text(&browser, ".prompter [data-section=opening]", "张先生").await;
        wait_text(&browser, ".prompter [data-section=opening] .ph-missing", "【").await;
        wait_text(&browser, ".prompter [data-section=opening]", "【坐席】").await;
        wait_text(&browser, ".prompter", "【】里的内容暂无资料").await;

        tap(&browser, ".checklist input[data-question='1']").await;
        wait_text(&browser, ".prompter-count", "已问 1/4").await;
        assert_eq!(
            find(&browser, "[data-section=fallbacks]").await.attr("open").await.unwrap(),
            None,
            "the answers to objections start folded"
        );
        tap(&browser, "[data-section=fallbacks] summary").await;
        wait_text(&browser, "[data-section=fallbacks]", "不需要回访").await;
        screenshot(&browser, "scripts-preview-zh-phone").await;

        click(&browser, "#lang-toggle").await;
        wait_text(&browser, "h1", "Complaint follow-up").await;
        tap(&browser, "#preview-toggle").await;
        wait_text(&browser, ".prompter [data-section=opening]", "Mr Zhang").await;
        wait_text(&browser, ".prompter [data-section=opening]", "[agent]").await;
        wait_text(&browser, ".prompter-count", "0/4 asked").await;
        screenshot(&browser, "scripts-preview-en-phone").await;
    })
    .await;
}

#[tokio::test]
async fn scripts_pages_at_phone_tablet_and_desktop_in_both_languages() {
    run(|s| async move {
        for (size, name) in [(PHONE, "phone"), (TABLET, "tablet"), (DESKTOP, "desktop")] {
            let browser = s.open_at(size, "#/scripts").await;
            for lang in ["zh", "en"] {
                if lang == "en" {
                    click(&browser, "#lang-toggle").await;
                    wait_text(&browser, ".nav-link[data-section=scripts]", "Scripts").await;
                }
                let base = s.base().await;
                browser.goto(&format!("{base}#/scripts")).await.unwrap();
                wait_ready(&browser).await;
                find(&browser, ".script-row").await;
                assert_eq!(
                    eval(&browser, "return document.documentElement.scrollWidth <= innerWidth").await,
                    json!(true)
                );
                screenshot(&browser, &format!("scripts-library-{lang}-{name}")).await;

                browser.goto(&format!("{base}#/scripts/builtin:care_gold")).await.unwrap();
                click(&browser, "#preview-toggle").await;
                find(&browser, ".prompter").await;
                assert_eq!(
                    eval(&browser, "return document.documentElement.scrollWidth <= innerWidth").await,
                    json!(true)
                );
                screenshot(&browser, &format!("scripts-reader-{lang}-{name}")).await;

                browser.goto(&format!("{base}#/scripts/builtin:care_gold/edit")).await.unwrap();
                find(&browser, "textarea[name=opening]").await;
                assert_eq!(
                    eval(&browser, "return document.documentElement.scrollWidth <= innerWidth").await,
                    json!(true)
                );
                screenshot(&browser, &format!("scripts-editor-{lang}-{name}")).await;
            }
        }
    })
    .await;
}
