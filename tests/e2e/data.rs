//! The Data page's exchange files end to end: a backup exported from one browser and imported
//! into a fresh profile gives the same data; a file with one bad record changes nothing and names
//! the record; a conflict is settled by the user's choice; review by file in both directions.

use crate::harness::*;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

const TODAY: &str = "2026-06-03T09:30:00+08:00";

/// A browser on the Data page with the clock on 3 June 2026 and `data` in storage.
async fn data_page(s: &Sessions, size: (u32, u32), data: Value) -> Client {
    let browser = s.open(size).await;
    set_clock(&browser, TODAY).await;
    browser.goto(&format!("{}#/data", s.base().await)).await.unwrap();
    wait_ready(&browser).await;
    if data.as_object().is_some_and(|o| !o.is_empty()) {
        seed(&browser, data).await;
    }
    browser
}

/// Scrolls `css` to the top of the screen, for a screenshot of it.
async fn show(browser: &Client, css: &str) {
    let script = format!("document.querySelector({css:?}).scrollIntoView({{ block: 'start' }})");
    eval(browser, &script).await;
}

/// Catches the app's downloads (Blob + link click) instead of saving them, so the test can read
/// the file the user would get.
pub(crate) async fn catch_downloads(browser: &Client) {
    eval(
        browser,
        r#"
        window.__downloads = [];
        const create = URL.createObjectURL;
        URL.createObjectURL = function (blob) {
            const url = create.call(URL, blob);
            window.__downloads.push({ url, blob });
            return url;
        };
        const click = HTMLAnchorElement.prototype.click;
        HTMLAnchorElement.prototype.click = function () {
            const caught = window.__downloads.find(d => d.url === this.href);
            if (caught) { caught.name = this.download; return; }
            return click.call(this);
        };
        "#,
    )
    .await;
}

/// The last caught download: its file name and its JSON.
pub(crate) async fn last_download(browser: &Client) -> (String, Value) {
    let script = r#"
        const [done] = arguments;
        const d = window.__downloads[window.__downloads.length - 1];
        if (!d) { done(null); return; }
        d.blob.text().then(text => done({ name: d.name, text }));
    "#;
    let got = browser.execute_async(script, vec![]).await.unwrap();
    let name = got["name"].as_str().expect("a file was downloaded").to_string();
    (name, serde_json::from_str(got["text"].as_str().unwrap()).expect("the export is JSON"))
}

/// Every record of the named collections, sorted by key.
async fn stored(browser: &Client, collections: &[&str]) -> Value {
    let script = format!(
        "{IDB_RECORD_JS}{}",
        r#"
        const [names, done] = arguments;
        Promise.all(names.map(name => allRecords(name)))
            .then(all => done(Object.fromEntries(names.map((name, i) => [name, all[i].map(([, json]) => JSON.parse(json))]))))
            .catch(e => done('failed: ' + e));
    "#
    );
    browser.execute_async(&script, vec![json!(collections)]).await.unwrap()
}

/// Writes `content` to a temporary file and chooses it in the import's file field.
pub(crate) async fn choose_file(browser: &Client, name: &str, content: &str) {
    let path = std::env::temp_dir().join(format!("huifang-e2e-{}-{name}", std::process::id()));
    std::fs::write(&path, content).unwrap();
    find(browser, "#exchange-file").await.send_keys(&path.display().to_string()).await.unwrap();
}

fn book() -> Value {
    json!({
        "customers": [
            { "id": "c1", "rev": 1, "name": "张伟", "honorific": "mr", "phones": ["13800138000"], "registered_on": "2024-01-05", "tags": ["关注促销"] },
            { "id": "c2", "rev": 1, "name": "王芳", "honorific": "ms", "phones": ["13900139000"], "registered_on": "2024-02-11" },
            { "id": "c3", "rev": 1, "name": "李娜", "phones": ["13700137000"], "registered_on": "2024-03-01", "wechat": "lina_88" }
        ],
        "visits": [
            { "id": "v1", "rev": 1, "customer_id": "c1", "scenario": "care", "method": "on_site", "at": "2026-06-01T10:00:00",
              "outcome": "reached", "content": "客户说净水器用得很好", "satisfaction": 5, "agent": "老李",
              "signature": { "type": "captured" }, "created_at": "2026-06-01T10:30:00", "updated_at": "2026-06-01T10:30:00" }
        ],
        "feedback": [
            { "id": "f1", "rev": 1, "visit_id": "v1", "customer_id": "c1", "kind": "suggestion", "text": "希望滤芯提醒", "raised_on": "2026-06-01" }
        ],
        "signatures": [ { "visit_id": "v1", "strokes": [[[10, 20], [300, 200], [900, 380]]] } ]
    })
}

#[tokio::test]
async fn a_backup_exported_then_imported_into_a_fresh_profile_gives_the_same_data() {
    run(|s| async move {
        let agent = data_page(&s, PHONE, book()).await;
        wait_text(&agent, "#data-counts", "3 位客户，1 条回访记录，1 条反馈事项").await;
        screenshot(&agent, "data-page-phone").await;
        catch_downloads(&agent).await;
        press(&agent, "#export-all").await;
        wait_text(&agent, ".toasts", "已导出 huifang-2026-06-03.json").await;
        let (name, doc) = last_download(&agent).await;
        assert_eq!(name, "huifang-2026-06-03.json");
        assert_eq!((doc["format"].clone(), doc["kind"].clone()), (json!("huifang"), json!("backup")));
        assert_eq!(eval(&agent, "return localStorage.getItem('huifang.last_backup')").await, json!("2026-06-03"));

        // A new phone: an empty profile.
        let fresh = data_page(&s, PHONE, json!({})).await;
        wait_text(&fresh, "#data-counts", "0 位客户").await;
        choose_file(&fresh, "backup.json", &doc.to_string()).await;
        wait_text(&fresh, "#exchange-preview tr[data-part=customers] .new", "3").await;
        wait_text(&fresh, "#exchange-preview tr[data-part=visits] .new", "1").await;
        wait_text(&fresh, "#exchange-preview tr[data-part=signatures] .new", "1").await;
        wait_text(&fresh, "#exchange-summary", "完整备份").await;
        assert_eq!(
            stored(&fresh, &["customers"]).await["customers"],
            json!([]),
            "nothing is written before confirming"
        );
        show(&fresh, "#exchange-import").await;
        screenshot(&fresh, "data-import-preview-phone").await;
        press(&fresh, "#exchange-confirm").await;
        wait_text(&fresh, ".toasts", "已导入").await;
        wait_text(&fresh, "#data-counts", "3 位客户，1 条回访记录，1 条反馈事项").await;

        fresh.refresh().await.unwrap();
        wait_ready(&fresh).await;
        wait_text(&fresh, "#data-counts", "3 位客户，1 条回访记录，1 条反馈事项").await;
        let after = stored(&fresh, &["customers", "visits", "feedback", "signatures"]).await;
        // `rev` counts saves on one device (the first browser re-tiered and saved the customers
        // once more); everything else must be identical.
        let without_rev = |records: &Value| -> Value {
            let mut records = records.clone();
            for r in records.as_array_mut().unwrap() {
                r.as_object_mut().unwrap().remove("rev");
            }
            records
        };
        for collection in ["customers", "visits", "feedback", "signatures"] {
            assert!(!doc[collection].as_array().unwrap().is_empty(), "the backup has {collection}");
            assert_eq!(
                without_rev(&after[collection]),
                without_rev(&doc[collection]),
                "{collection} are the same after the round trip"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn a_file_with_one_bad_record_changes_nothing_and_names_the_record() {
    run(|s| async move {
        let browser = data_page(
            &s,
            DESKTOP,
            json!({ "customers": [
            { "id": "c9", "rev": 1, "name": "赵敏", "registered_on": "2024-05-01" }
        ] }),
        )
        .await;
        wait_text(&browser, "#data-counts", "1 位客户").await;
        let before = stored(&browser, &["customers"]).await;
        let mut file = book();
        file["format"] = json!("huifang");
        file["version"] = json!(2);
        file["customers"][1]["name"] = json!("<b>王芳</b>");
        file["customers"][1]["registered_on"] = json!("2026-02-30");
        choose_file(&browser, "bad.json", &file.to_string()).await;
        wait_text(&browser, "#exchange-problems", "本机数据没有任何改动").await;
        wait_text(
            &browser,
            "#exchange-problems li",
            "客户第 2 条（<b>王芳</b>，编号 c2）的字段 registered_on 的值不是有效的日期",
        )
        .await;
        assert!(browser.find(Locator::Css("#exchange-problems b")).await.is_err(), "file text is shown as text");
        assert!(browser.find(Locator::Css("#exchange-confirm")).await.is_err(), "nothing can be imported");
        show(&browser, "#exchange-import").await;
        screenshot(&browser, "data-import-refused-desktop").await;
        assert_eq!(stored(&browser, &["customers"]).await, before);
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "#data-counts", "1 位客户").await;

        // A file from a newer Huifang says so.
        let newer = json!({ "format": "huifang", "version": 99, "customers": [] });
        choose_file(&browser, "newer.json", &newer.to_string()).await;
        wait_text(&browser, "#exchange-problems li", "更新版本的回访（格式版本 99").await;
    })
    .await;
}

#[tokio::test]
async fn a_conflict_is_settled_by_the_choice_and_the_new_customer_is_added() {
    run(|s| async move {
        let browser = data_page(
            &s,
            TABLET,
            json!({ "customers": [
            { "id": "c1", "rev": 4, "name": "张伟", "notes": "my notes", "registered_on": "2024-01-05",
              "updated_at": "2026-06-02T09:00:00" }
        ] }),
        )
        .await;
        eval(&browser, "localStorage.setItem('huifang.lang', 'en')").await;
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "#data-counts", "1 customers").await;
        let file = json!({ "format": "huifang", "version": 2, "kind": "customers", "customers": [
            { "id": "c1", "rev": 1, "name": "张伟", "notes": "colleague's notes", "registered_on": "2024-01-05",
              "updated_at": "2026-06-03T08:00:00" },
            { "id": "c5", "rev": 2, "name": "陈静", "registered_on": "2025-01-01" }
        ] });
        choose_file(&browser, "colleague.json", &file.to_string()).await;
        wait_text(&browser, "#exchange-preview tr[data-part=customers] .conflicting", "1").await;
        wait_text(&browser, "#exchange-preview tr[data-part=customers] .new", "1").await;
        wait_text(&browser, "#exchange-preview tr[data-part=customers] .choice", "1 newer in the file").await;
        wait_text(&browser, "#exchange-confirm", "Import (2 to write)").await;
        show(&browser, "#exchange-import").await;
        screenshot(&browser, "data-import-preview-tablet-en").await;
        let select = find(&browser, "#exchange-preview select[data-part=customers]").await;
        select.select_by_value("mine").await.unwrap();
        wait_text(&browser, "#exchange-confirm", "Import (1 to write)").await;
        press(&browser, "#exchange-confirm").await;
        wait_text(&browser, ".toasts", "Imported: 1 records written.").await;
        let after = stored(&browser, &["customers"]).await;
        let notes: Vec<(&str, &str)> = after["customers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["id"].as_str().unwrap(), c["notes"].as_str().unwrap_or_default()))
            .collect();
        assert_eq!(notes, vec![("c1", "my notes"), ("c5", "")]);
    })
    .await;
}

#[tokio::test]
async fn a_supervisor_returns_a_record_by_file_and_the_agent_sees_the_verdict() {
    run(|s| async move {
        // The supervisor's Huifang, with the agent's review bundle imported.
        let supervisor = data_page(&s, TABLET, json!({ "settings": { "profile": { "agent_name": "陈主管" } } })).await;
        let mut bundle = book();
        bundle["format"] = json!("huifang");
        bundle["version"] = json!(2);
        bundle["kind"] = json!("review");
        bundle["period"] = json!({ "from": "2026-06-01", "to": "2026-06-30" });
        choose_file(&supervisor, "review.json", &bundle.to_string()).await;
        wait_text(&supervisor, "#exchange-summary", "待审核的回访记录").await;
        press(&supervisor, "#exchange-confirm").await;
        wait_text(&supervisor, "#review-inbox", "客户说净水器用得很好").await;
        press(&supervisor, "#review-inbox button[data-action=return]").await;
        wait_text(&supervisor, "#review-inbox .field-error", "退回时请写明原因").await;
        fill(&supervisor, "#review-inbox textarea", "请补充满意的原因").await;
        press(&supervisor, "#review-inbox button[data-action=return]").await;
        wait_text(&supervisor, "#review-verdicts", "请补充满意的原因").await;
        show(&supervisor, "#exchange-review").await;
        screenshot(&supervisor, "data-review-tablet").await;
        catch_downloads(&supervisor).await;
        press(&supervisor, "#export-verdicts").await;
        let (name, verdicts) = last_download(&supervisor).await;
        assert_eq!(name, "huifang-verdicts-2026-06-03.json");
        assert_eq!(verdicts["reviews"][0]["visit_id"], json!("v1"));
        assert_eq!(verdicts["reviews"][0]["review"]["verdict"], json!("returned"));

        // The agent imports the verdicts and sees the verdict on the record.
        let agent = data_page(&s, PHONE, book()).await;
        choose_file(&agent, "verdicts.json", &verdicts.to_string()).await;
        wait_text(&agent, "#exchange-preview tr[data-part=reviews] .new", "1").await;
        press(&agent, "#exchange-confirm").await;
        wait_text(&agent, "#review-verdicts", "退回").await;
        wait_text(&agent, "#review-verdicts", "陈主管").await;
        wait_text(&agent, "#review-verdicts", "请补充满意的原因").await;
        let visits = stored(&agent, &["visits"]).await;
        assert_eq!(visits["visits"][0]["review"]["comment"], json!("请补充满意的原因"));
        assert_eq!(visits["visits"][0]["content"], json!("客户说净水器用得很好"), "the record itself is unchanged");
    })
    .await;
}

/// Records this device cannot read (damaged storage, a bug of an old version) are named in a
/// banner, carried by the backup exactly as stored, and the backup still restores everything else.
#[tokio::test]
async fn unreadable_records_are_kept_aside_and_carried_by_the_backup_as_they_were() {
    run(|s| async move {
        let agent = data_page(&s, DESKTOP, book()).await;
        wait_text(&agent, "#data-counts", "3 位客户").await;
        // Damage one visit and one signature behind the app's back.
        let damage = format!(
            "{IDB_RECORD_JS}{}",
            r#"
            const [done] = arguments;
            putRawRecords([
                ['visits', 'v2', '{"id":"v2","customer_id":"c2","scen'],
                ['signatures', 'v3', 'not a signature'],
            ]).then(done, e => done('failed: ' + e));
        "#
        );
        assert_eq!(agent.execute_async(&damage, vec![]).await.unwrap(), json!("ok"));
        agent.refresh().await.unwrap();
        wait_ready(&agent).await;
        wait_text(&agent, ".banner", "本机有 1 条记录无法读取（回访记录 v2）").await;
        wait_text(&agent, "#data-counts", "3 位客户，1 条回访记录").await;
        screenshot(&agent, "data-quarantine-banner").await;

        catch_downloads(&agent).await;
        press(&agent, "#export-all").await;
        wait_text(&agent, ".toasts", "已导出").await;
        let (_, doc) = last_download(&agent).await;
        let aside = doc["quarantine"].as_array().expect("the backup has a quarantine section");
        let stored_as: Vec<(&str, &str, &str)> = aside
            .iter()
            .map(|q| (q["collection"].as_str().unwrap(), q["key"].as_str().unwrap(), q["stored"].as_str().unwrap()))
            .collect();
        assert!(stored_as.contains(&("visits", "v2", r#"{"id":"v2","customer_id":"c2","scen"#)), "{stored_as:?}");
        assert!(stored_as.contains(&("signatures", "v3", "not a signature")), "{stored_as:?}");
        assert_eq!(doc["customers"].as_array().unwrap().len(), 3, "the readable records are all there");

        // The backup restores on a new device: everything readable comes in, the rest is named.
        let fresh = data_page(&s, DESKTOP, json!({})).await;
        choose_file(&fresh, "backup.json", &doc.to_string()).await;
        wait_text(&fresh, "#exchange-quarantined", "另有 2 条").await;
        press(&fresh, "#exchange-confirm").await;
        wait_text(&fresh, ".toasts", "已导入").await;
        wait_text(&fresh, "#data-counts", "3 位客户，1 条回访记录，1 条反馈事项").await;
    })
    .await;
}
