//! Durability in the browser: two tabs at once, a stale save refused, the backup reminder, the Data
//! page's storage facts, offline use through the service worker, and the Content-Security-Policy.

use crate::harness::*;
use fantoccini::wd::WindowHandle;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn two_customers() -> Value {
    json!([
        { "id": "c1", "rev": 1, "name": "张伟", "phones": ["13800138000"], "registered_on": "2026-01-05" },
        { "id": "c2", "rev": 1, "name": "王芳", "phones": ["13900139000"], "registered_on": "2026-02-11" }
    ])
}

/// One browser and profile with two tabs: A at `a_page` (a fragment such as `#/data`) with
/// [`two_customers`] stored, then B at `b_page`, the tab left current. Returns the browser, A and B.
async fn two_tabs(s: &Sessions, a_page: &str, b_page: &str) -> (Client, WindowHandle, WindowHandle) {
    let base = s.base().await;
    let a = s.open(DESKTOP).await;
    goto(&a, &format!("{base}{a_page}")).await;
    seed(&a, json!({ "customers": two_customers() })).await;
    let tab_a = a.window().await.unwrap();
    let tab_b = a.new_window(true).await.unwrap().handle;
    a.switch_to_window(tab_b.clone()).await.unwrap();
    goto(&a, &format!("{base}{b_page}")).await;
    (a, tab_a, tab_b)
}

async fn goto(browser: &Client, url: &str) {
    browser.goto(url).await.unwrap_or_else(|e| panic!("open {url}: {e}"));
    wait_ready(browser).await;
}

/// The record as IndexedDB holds it now (not as any tab shows it).
async fn stored(browser: &Client, collection: &str, key: &str) -> Value {
    let script = format!(
        "{IDB_RECORD_JS}{}",
        r#"
        const [name, key, done] = arguments;
        readRecord(name, key).then(json => done(json ? JSON.parse(json) : null), () => done(null));
    "#
    );
    browser.execute_async(&script, vec![json!(collection), json!(key)]).await.expect("read IndexedDB")
}

/// How many records of a collection IndexedDB holds now.
async fn stored_count(browser: &Client, collection: &str) -> Value {
    let script = format!(
        "{IDB_RECORD_JS}{}",
        r#"
        const [name, done] = arguments;
        countRecords(name).then(done, e => done('failed: ' + e));
    "#
    );
    browser.execute_async(&script, vec![json!(collection)]).await.expect("count IndexedDB")
}

/// Saves the open customer form and waits for the toast that says how it went.
async fn save_form(browser: &Client, toast: &str) {
    press(browser, "form.customer-form button[type=submit]").await;
    wait_text(browser, ".toasts", toast).await;
}

#[tokio::test]
async fn two_tabs_editing_different_customers_both_keep_their_changes_and_see_each_other() {
    run(|s| async move {
        let base = s.base().await;
        // Tab B: the same browser and profile, a second tab on 王芳.
        let (a, tab_a, tab_b) = two_tabs(&s, "#/customers", "#/customers/c2/edit").await;
        fill(&a, "textarea[name=notes]", "周末下午方便").await;

        // Tab A edits 张伟 while B's form is open, and saves first.
        a.switch_to_window(tab_a.clone()).await.unwrap();
        goto(&a, &format!("{base}#/customers/c1/edit")).await;
        fill(&a, "input[name=name]", "张伟强").await;
        save_form(&a, "已保存").await;

        // B saves its own customer; nothing of A's is touched, and B's list already shows A's name.
        a.switch_to_window(tab_b.clone()).await.unwrap();
        save_form(&a, "已保存").await;
        goto(&a, &format!("{base}#/customers/c1")).await;
        wait_text(&a, "#customer-name", "张伟强").await;

        // A, without reloading, sees B's change on 王芳.
        a.switch_to_window(tab_a.clone()).await.unwrap();
        goto(&a, &format!("{base}#/customers/c2")).await;
        wait_text(&a, ".content", "周末下午方便").await;

        assert_eq!(stored(&a, "customers", "c1").await["name"], json!("张伟强"));
        assert_eq!(stored(&a, "customers", "c2").await["notes"], json!("周末下午方便"));
        assert_eq!(stored(&a, "customers", "c2").await["name"], json!("王芳"));
    })
    .await;
}

#[tokio::test]
async fn a_change_in_one_tab_shows_in_the_other_without_a_reload() {
    run(|s| async move {
        let base = s.base().await;
        let (a, tab_a, tab_b) = two_tabs(&s, "#/customers", "#/customers/c1").await;
        wait_text(&a, "#customer-name", "张伟").await;

        a.switch_to_window(tab_a).await.unwrap();
        goto(&a, &format!("{base}#/customers/c1/edit")).await;
        fill(&a, "input[name=name]", "张伟明").await;
        save_form(&a, "已保存").await;

        // B is still on the page it had open: the name follows, with no navigation in B.
        a.switch_to_window(tab_b).await.unwrap();
        wait_text(&a, "#customer-name", "张伟明").await;
    })
    .await;
}

/// An import writes too many records to name to other tabs one by one: the other tab reads the
/// book again, and shows every imported customer without a reload.
#[tokio::test]
async fn an_import_in_one_tab_shows_in_the_other_without_a_reload() {
    run(|s| async move {
        let (a, tab_a, tab_b) = two_tabs(&s, "#/data", "#/customers").await;
        wait_text(&a, "#customer-count", "共 2 位").await;

        a.switch_to_window(tab_a).await.unwrap();
        let customers: Vec<Value> = (0..300)
            .map(|i| json!({ "id": format!("i{i:03}"), "rev": 1, "name": format!("导入客户{i}"), "registered_on": "2026-01-05" }))
            .collect();
        let file = json!({ "format": "huifang", "version": 2, "kind": "customers", "customers": customers });
        crate::data::choose_file(&a, "colleague.json", &file.to_string()).await;
        wait_text(&a, "#exchange-preview tr[data-part=customers] .new", "300").await;
        press(&a, "#exchange-confirm").await;
        wait_text(&a, ".toasts", "已导入").await;

        a.switch_to_window(tab_b).await.unwrap();
        wait_text(&a, "#customer-count", "共 302 位").await;
    })
    .await;
}

#[tokio::test]
async fn a_stale_save_of_the_same_customer_is_refused_then_merged_with_the_other_tabs_edit() {
    run(|s| async move {
        let base = s.base().await;
        let a = s.open(DESKTOP).await;
        goto(&a, &format!("{base}#/customers")).await;
        seed(&a, json!({ "customers": two_customers() })).await;
        let tab_a = a.window().await.unwrap();
        goto(&a, &format!("{base}#/customers/c1/edit")).await;

        // Both tabs open 张伟's form; B saves first.
        let tab_b = a.new_window(true).await.unwrap().handle;
        a.switch_to_window(tab_b.clone()).await.unwrap();
        goto(&a, &format!("{base}#/customers/c1/edit")).await;
        fill(&a, "textarea[name=notes]", "已换新手机号").await;
        fill(&a, "input[name=phone]", "13800138999").await;
        save_form(&a, "已保存").await;

        // A's save, based on the version it loaded, is refused: B's change stays in storage.
        a.switch_to_window(tab_a.clone()).await.unwrap();
        fill(&a, "textarea[name=notes]", "下周回访").await;
        fill(&a, "input[name=email]", "zhang@example.com").await;
        press(&a, "form.customer-form button[type=submit]").await;
        wait_text(&a, ".toast-error", "另一个标签页").await;
        wait_text(&a, ".toast-error", "没有保存").await;
        let kept = stored(&a, "customers", "c1").await;
        assert_eq!(kept["notes"], json!("已换新手机号"), "the other tab's save is not overwritten");
        assert_eq!(kept["phones"], json!(["13800138999"]));

        // The form merges: B's phone (only B changed it) is in the form, A's e-mail stays, and the
        // note both changed is shown side by side.
        wait_text(&a, "#customer-conflict", "另一个标签页刚保存了这位客户").await;
        wait_text(&a, "#customer-conflict .conflict-taken", "电话").await;
        let phone = find(&a, "input[name=phone]").await.prop("value").await.unwrap();
        assert_eq!(phone.as_deref(), Some("13800138999"), "the other tab's new phone is not wiped by saving again");
        let email = find(&a, "input[name=email]").await.prop("value").await.unwrap();
        assert_eq!(email.as_deref(), Some("zhang@example.com"), "what A typed is still in the form");
        wait_text(&a, "li.conflict-row[data-part=Notes] .theirs", "已换新手机号").await;
        wait_text(&a, "li.conflict-row[data-part=Notes] .mine", "下周回访").await;
        screenshot(&a, "durability-conflict").await;

        // A takes B's note, then saves: both tabs' changes are kept.
        press(&a, "li.conflict-row[data-part=Notes] button[data-choice=theirs]").await;
        wait_text(&a, "#customer-conflict", "两边的修改都已放进表格").await;
        let notes = find(&a, "textarea[name=notes]").await.prop("value").await.unwrap();
        assert_eq!(notes.as_deref(), Some("已换新手机号"));
        save_form(&a, "已保存").await;
        wait_text(&a, "#customer-name", "张伟").await;
        let saved = stored(&a, "customers", "c1").await;
        assert_eq!(saved["notes"], json!("已换新手机号"));
        assert_eq!(saved["phones"], json!(["13800138999"]));
        assert_eq!(saved["email"], json!("zhang@example.com"));
    })
    .await;
}

#[tokio::test]
async fn today_reminds_to_export_a_backup_counting_from_the_first_record_and_later_hides_it() {
    run(|s| async move {
        let base = s.base().await;
        let browser = s.open(PHONE).await;
        set_clock(&browser, "2026-06-20T09:30:00+08:00").await;
        goto(&browser, &format!("{base}#/today")).await;
        assert!(browser.find(Locator::Css("#backup-reminder")).await.is_err(), "no data, no reminder");
        seed(
            &browser,
            json!({ "customers": [
                { "id": "c1", "rev": 1, "name": "张伟", "registered_on": "2026-06-01", "created_at": "2026-06-01T10:00:00" },
                // Seeded without a creation date: it must not make the count start in 2000.
                { "id": "c2", "rev": 1, "name": "王芳", "registered_on": "2026-06-01" }
            ]}),
        )
        .await;
        wait_text(&browser, "#backup-reminder", "已经使用 19 天，还没有导出过备份").await;
        screenshot(&browser, "durability-reminder-phone").await;
        click(&browser, "#backup-reminder a").await;
        wait_text(&browser, "#last-backup", "还没有导出过备份").await;
        wait_text(&browser, "#durability", "超过 7 天没有备份时").await;

        goto(&browser, &format!("{base}#/today")).await;
        click(&browser, "#backup-reminder [data-action=later]").await;
        let start = Instant::now();
        while browser.find(Locator::Css("#backup-reminder")).await.is_ok() {
            assert!(start.elapsed() < PATIENCE, "\"remind me tomorrow\" hides the reminder");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        assert!(browser.find(Locator::Css("#backup-reminder")).await.is_err(), "still hidden after a reload");

        // An export two days ago (what the export records): no reminder, and Data says when.
        eval(&browser, "localStorage.removeItem('huifang.backup_snoozed'); localStorage.setItem('huifang.last_backup', '2026-06-18')").await;
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        assert!(browser.find(Locator::Css("#backup-reminder")).await.is_err(), "2 days after an export");
        goto(&browser, &format!("{base}#/data")).await;
        wait_text(&browser, "#last-backup", "2026年6月18日（2 天前）").await;
    })
    .await;
}

#[tokio::test]
async fn the_reminder_interval_is_a_setting_checked_next_to_its_field() {
    run(|s| async move {
        let base = s.base().await;
        let browser = s.open(PHONE).await;
        set_clock(&browser, "2026-06-20T09:30:00+08:00").await;
        goto(&browser, &format!("{base}#/settings")).await;
        seed(&browser, json!({ "customers": [
            { "id": "c1", "rev": 1, "name": "张伟", "registered_on": "2026-06-01", "created_at": "2026-06-10T10:00:00" }
        ]}))
        .await;
        fill(&browser, "input[name=remind_after_days]", "两周").await;
        press(&browser, "#backup-settings button[type=submit]").await;
        wait_text(&browser, "#remind_after_days-error", "0 到 365").await;
        screenshot(&browser, "durability-settings-error").await;
        fill(&browser, "input[name=remind_after_days]", "14").await;
        press(&browser, "#backup-settings button[type=submit]").await;
        wait_text(&browser, ".toasts", "已保存").await;
        assert!(browser.find(Locator::Css("#remind_after_days-error")).await.is_err());

        // 10 days since the first record: due at 7 (the default), not at 14.
        goto(&browser, &format!("{base}#/today")).await;
        assert!(browser.find(Locator::Css("#backup-reminder")).await.is_err(), "10 days < 14");
        goto(&browser, &format!("{base}#/data")).await;
        wait_text(&browser, "#durability", "超过 14 天没有备份时").await;
    })
    .await;
}

#[tokio::test]
async fn the_data_page_shows_space_used_and_left_and_whether_storage_is_persistent() {
    run(|s| async move {
        let base = s.base().await;
        for (name, size) in [("phone", PHONE), ("tablet", TABLET), ("desktop", DESKTOP)] {
            let browser = s.open(size).await;
            goto(&browser, &format!("{base}#/data")).await;
            seed(&browser, json!({ "customers": two_customers() })).await;
            wait_text(&browser, "#storage-usage", "还可用约").await;
            let persisted = find(&browser, "#storage-persisted").await.attr("data-persisted").await.unwrap();
            let browser_says = eval(&browser, "return navigator.storage.persisted()").await;
            assert_eq!(
                persisted.as_deref() == Some("true"),
                browser_says == json!(true),
                "the page says what the browser says"
            );
            eval(&browser, "window.scrollTo(0, document.querySelector('#durability').offsetTop - 60)").await;
            screenshot(&browser, &format!("durability-data-{name}")).await;
            if name == "desktop" {
                click(&browser, "#lang-toggle").await;
                wait_text(&browser, "#storage-usage", "left").await;
                screenshot(&browser, "durability-data-desktop-en").await;
            }
            s.close(browser).await;
        }
    })
    .await;
}

/// A static server of our own on a copy of `dist/`, so that a test can stop it (the network is
/// gone) or change the files (a new version is deployed).
struct OwnServer {
    child: Child,
    dir: PathBuf,
    base: String,
}

impl OwnServer {
    fn start() -> OwnServer {
        let dist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist");
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap();
        let dir = std::env::temp_dir().join(format!("huifang-dist-{}-{port}", std::process::id()));
        copy_dir(&dist, &dir);
        let mut server = OwnServer { child: spawn_server(&dir, port), dir, base: format!("http://127.0.0.1:{port}/") };
        server.wait_up();
        server
    }

    fn port(&self) -> u16 {
        self.base.trim_end_matches('/').rsplit(':').next().and_then(|p| p.parse().ok()).unwrap()
    }

    fn wait_up(&mut self) {
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", self.port())).is_err() {
            assert!(start.elapsed() < Duration::from_secs(20), "the static server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn spawn_server(dir: &Path, port: u16) -> Child {
    Command::new("python3")
        .args(["-m", "http.server", &port.to_string(), "--bind", "127.0.0.1", "--directory"])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 -m http.server")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Waits until a service worker controls the page and has stored the app.
async fn wait_offline_ready(browser: &Client) {
    let script = r#"
        const done = arguments[0];
        navigator.serviceWorker.ready.then(() => {
            const check = () => navigator.serviceWorker.controller ? done(true) : setTimeout(check, 50);
            check();
        });
    "#;
    let ready = browser.execute_async(script, vec![]).await.expect("service worker ready");
    assert_eq!(ready, json!(true));
}

#[tokio::test]
async fn after_a_first_visit_the_app_and_its_deep_links_open_with_the_network_off() {
    run(|s| async move {
        let mut server = OwnServer::start();
        let base = server.base.clone();
        let browser = s.open(PHONE).await;
        goto(&browser, &format!("{base}#/customers")).await;
        seed(&browser, json!({ "customers": two_customers() })).await;
        wait_offline_ready(&browser).await;
        goto(&browser, &format!("{base}#/data")).await;
        wait_text(&browser, "#offline-status", "已可离线使用").await;

        server.stop();
        browser.goto("about:blank").await.unwrap();
        // A deep link, loaded afresh with no server behind it.
        goto(&browser, &format!("{base}#/customers/c2")).await;
        wait_text(&browser, "#customer-name", "王芳").await;
        browser.refresh().await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "#customer-name", "王芳").await;
        screenshot(&browser, "durability-offline-phone").await;

        // A page never opened before the network went: its code was stored with the rest of the
        // app (it is not in the first download).
        goto(&browser, &format!("{base}#/reports")).await;
        wait_text(&browser, "#main h1", "报表").await;

        // It still works: a change is saved offline.
        goto(&browser, &format!("{base}#/customers/c2/edit")).await;
        fill(&browser, "textarea[name=notes]", "断网时记下的").await;
        save_form(&browser, "已保存").await;
        assert_eq!(stored(&browser, "customers", "c2").await["notes"], json!("断网时记下的"));
    })
    .await;
}

/// A page whose code has not reached this device (here missing from the server: as with no
/// network before the app was stored) says so in the user's words, the rest of the app works, and
/// the page opens once its code can be fetched.
#[tokio::test]
async fn a_page_whose_code_cannot_be_fetched_says_so_and_opens_on_retry() {
    run(|s| async move {
        let server = OwnServer::start();
        let piece = std::fs::read_dir(&server.dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().ends_with("-split_reports_page.wasm"))
            .expect("the release build has the reports page in a piece of its own (scripts/split.sh)");
        let aside = server.dir.join("aside.bin");
        std::fs::rename(&piece, &aside).unwrap();

        let browser = s.open(PHONE).await;
        goto(&browser, &format!("{}#/reports", server.base)).await;
        wait_text(&browser, "[data-page-unavailable] h1", "这一页没能打开").await;
        wait_text(&browser, "[data-page-unavailable]", "已保存的数据都还在").await;
        screenshot(&browser, "durability-page-unavailable-phone").await;
        click(&browser, "#lang-toggle").await;
        wait_text(&browser, "[data-page-unavailable] h1", "This page could not open").await;
        click(&browser, "#lang-toggle").await;
        // The other pages open as usual; coming back tries again.
        click(&browser, "[data-section=today]").await;
        wait_text(&browser, "#main h1", "今日").await;
        click(&browser, "[data-section=reports]").await;
        wait_text(&browser, "[data-page-unavailable] h1", "这一页没能打开").await;

        std::fs::rename(&aside, &piece).unwrap();
        click(&browser, "[data-page-unavailable] button").await;
        wait_text(&browser, "#main h1", "报表").await;
        assert!(browser.find(Locator::Css("[data-page-unavailable]")).await.is_err(), "the message is gone");
    })
    .await;
}

#[tokio::test]
async fn a_new_version_is_announced_and_waits_for_the_user_before_reloading() {
    run(|s| async move {
        let server = OwnServer::start();
        let base = server.base.clone();
        let browser = s.open(PHONE).await;
        goto(&browser, &format!("{base}#/settings")).await;
        wait_offline_ready(&browser).await;
        fill(&browser, "input[name=agent_name]", "还没保存的名字").await;

        // Deploy a "new version": a changed service worker, as each build stamps its own.
        let sw = server.dir.join("sw.js");
        let text = std::fs::read_to_string(&sw).unwrap();
        std::fs::write(&sw, format!("{text}\n// next deployment\n")).unwrap();
        eval(&browser, "navigator.serviceWorker.getRegistration().then(r => r.update())").await;
        wait_text(&browser, "#update-notice", "新版本").await;
        screenshot(&browser, "durability-update-phone").await;
        let typed = find(&browser, "input[name=agent_name]").await.prop("value").await.unwrap();
        assert_eq!(typed.as_deref(), Some("还没保存的名字"), "nothing reloaded by itself");

        eval(&browser, "window.beforeUpdate = true").await;
        click(&browser, "#update-notice [data-action=reload]").await;
        let start = Instant::now();
        while eval(&browser, "return window.beforeUpdate === true").await == json!(true) {
            assert!(start.elapsed() < PATIENCE, "the reload button reloads into the new version");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        wait_ready(&browser).await;
        assert!(browser.find(Locator::Css("#update-notice")).await.is_err(), "the new version runs");
    })
    .await;
}

#[tokio::test]
async fn the_page_may_not_talk_to_another_origin() {
    run(|s| async move {
        let server = OwnServer::start();
        let other_origin = s.base().await;
        let browser = s.open(PHONE).await;
        goto(&browser, &server.base).await;
        let script = r#"
            const [url, done] = arguments;
            fetch(url).then(r => done('reached ' + r.status), e => done('refused: ' + e.name));
        "#;
        let own = browser.execute_async(script, vec![json!(format!("{}index.html", server.base))]).await.unwrap();
        assert_eq!(own, json!("reached 200"), "the app's own files load");
        let other = browser.execute_async(script, vec![json!(format!("{other_origin}index.html"))]).await.unwrap();
        assert_eq!(other, json!("refused: TypeError"), "a request to any other origin is blocked by the CSP");
        // The app runs under that policy (its wasm compiled and it mounted).
        find(&browser, ".app nav").await;
    })
    .await;
}

#[tokio::test]
async fn when_storage_is_full_the_data_page_says_what_to_do_and_saved_data_stays_readable() {
    run(|s| async move {
        let profile = s.new_profile().await;
        let base = s.base().await;
        let browser = s.open_profile(DESKTOP, &profile).await;
        goto(&browser, &format!("{base}#/customers")).await;
        seed(&browser, json!({ "customers": two_customers() })).await;
        s.close(browser).await;

        // Reopen with the origin's quota shrunk to nothing (applies to storage opened after it).
        let browser = s.open_profile(DESKTOP, &profile).await;
        browser.goto("about:blank").await.unwrap();
        let origin = base.trim_end_matches('/').to_string();
        cdp(&browser, "Storage.overrideQuotaForOrigin", json!({ "origin": origin, "quotaSize": 1 })).await;
        goto(&browser, &format!("{base}#/customers/c1/edit")).await;
        fill(&browser, "textarea[name=notes]", "存不下的备注").await;
        press(&browser, "form.customer-form button[type=submit]").await;
        wait_text(&browser, ".toast-error", "删除不需要的签名或演示数据").await;
        wait_text(&browser, ".banner", "导出备份").await;

        goto(&browser, &format!("{base}#/data")).await;
        wait_text(&browser, "#durability", "空间快用完了").await;
        eval(&browser, "window.scrollTo(0, document.querySelector('#durability').offsetTop - 60)").await;
        screenshot(&browser, "durability-full-desktop").await;
        // Reading still works, and nothing saved before was lost.
        goto(&browser, &format!("{base}#/customers/c2")).await;
        wait_text(&browser, "#customer-name", "王芳").await;
        assert_eq!(stored(&browser, "customers", "c1").await["name"], json!("张伟"));
        assert_ne!(
            stored(&browser, "customers", "c1").await["notes"],
            json!("存不下的备注"),
            "the failed save left nothing half-written"
        );
    })
    .await;
}

/// The service worker keeps only the app: another page of the same site, opened while online,
/// must not become what the app shows offline.
#[tokio::test]
async fn another_page_of_the_site_does_not_replace_the_app_offline() {
    run(|s| async move {
        let mut server = OwnServer::start();
        std::fs::write(server.dir.join("other.html"), "<!doctype html><meta charset=utf-8><p id=other>另一个页面</p>")
            .unwrap();
        let base = server.base.clone();
        let browser = s.open(PHONE).await;
        goto(&browser, &format!("{base}#/today")).await;
        wait_offline_ready(&browser).await;
        // Online, the other page opens as itself.
        browser.goto(&format!("{base}other.html")).await.unwrap();
        wait_text(&browser, "#other", "另一个页面").await;

        server.stop();
        browser.goto("about:blank").await.unwrap();
        goto(&browser, &format!("{base}#/today")).await;
        find(&browser, ".app").await;
        assert!(browser.find(fantoccini::Locator::Css("#other")).await.is_err(), "the app, not the other page");
    })
    .await;
}

/// A device whose storage is already full the first time the app opens: nothing may claim to be
/// saved. Each save is refused with the form kept, the banner says nothing could be stored yet,
/// and once space is freed the same form saves.
#[tokio::test]
async fn storage_full_at_the_first_start_refuses_every_save_instead_of_pretending() {
    run(|s| async move {
        let base = s.base().await;
        let browser = s.open(PHONE).await;
        browser.goto("about:blank").await.unwrap();
        let origin = base.trim_end_matches('/').to_string();
        cdp(&browser, "Storage.overrideQuotaForOrigin", json!({ "origin": origin, "quotaSize": 1 })).await;
        goto(&browser, &format!("{base}#/customers/new")).await;
        wait_text(&browser, ".banner", "还没能保存任何数据").await;

        fill(&browser, "input[name=name]", "张伟").await;
        save_form(&browser, "存储空间已满").await;
        let toasts = text(&browser, ".toasts").await;
        assert!(!toasts.contains("已添加"), "no success message for a save that was not kept: {toasts}");
        let kept = find(&browser, "input[name=name]").await.prop("value").await.unwrap();
        assert_eq!(kept.as_deref(), Some("张伟"), "the form keeps what was typed");
        let count = stored_count(&browser, "customers").await;
        assert_eq!(count, json!(0), "storage holds no customer");
        screenshot(&browser, "storage-full-first-start-phone").await;

        // Space freed (the override lifted): the same form now saves for real.
        cdp(&browser, "Storage.overrideQuotaForOrigin", json!({ "origin": origin })).await;
        eval(&browser, "document.querySelectorAll('.toast').forEach(t => t.remove())").await;
        save_form(&browser, "已添加客户").await;
        let count = stored_count(&browser, "customers").await;
        assert_eq!(count, json!(1), "the customer is stored once there is space");
    })
    .await;
}

/// Data written by a newer version of the app: the page says it is read-only, and a save is
/// refused rather than kept in memory as if it were stored.
#[tokio::test]
async fn data_from_a_newer_app_makes_the_page_read_only_and_no_save_pretends_to_work() {
    run(|s| async move {
        let base = s.base().await;
        let browser = s.open(DESKTOP).await;
        goto(&browser, &format!("{base}#/customers")).await;
        seed(&browser, json!({ "customers": two_customers() })).await;
        browser
            .execute_async(
                r#"const done = arguments[0]; const req = indexedDB.open('huifang');
                   req.onsuccess = () => { const tx = req.result.transaction('meta', 'readwrite');
                   tx.objectStore('meta').put('99', 'schema'); tx.oncomplete = () => { req.result.close(); done(true); }; };"#,
                vec![],
            )
            .await
            .unwrap();
        // A fresh start of the app, as after an update in another tab.
        browser.goto("about:blank").await.unwrap();
        goto(&browser, &format!("{base}#/customers/new")).await;
        wait_text(&browser, ".banner", "更新版本的回访保存").await;
        fill(&browser, "input[name=name]", "赵敏").await;
        save_form(&browser, "只能查看").await;
        let toasts = text(&browser, ".toasts").await;
        assert!(!toasts.contains("已添加"), "no success message: {toasts}");
        assert_eq!(stored(&browser, "meta", "schema").await, json!(99), "the newer data is left alone");
    })
    .await;
}

/// The first hole of the attack: a visit saved in one tab for a customer another tab has just
/// deleted. The save is refused with the form kept, and the backup exported afterwards restores
/// into an empty profile (it used to point at a customer it did not contain, and was refused whole).
#[tokio::test]
async fn a_visit_for_a_customer_deleted_in_another_tab_is_refused_and_the_backup_still_restores() {
    run(|s| async move {
        let base = s.base().await;
        let a = s.open(DESKTOP).await;
        goto(&a, &format!("{base}#/customers")).await;
        seed(&a, json!({ "customers": two_customers() })).await;
        let tab_a = a.window().await.unwrap();
        goto(&a, &format!("{base}#/visit?customer=c1")).await;
        wait_text(&a, "#visit-title", "张伟").await;
        fill(&a, "#visit-content", "客户说净水器出水变慢了").await;
        press(&a, "label.visit-chip:has(#outcome-0)").await;

        // Tab B deletes 张伟 while A's form is open.
        let tab_b = a.new_window(true).await.unwrap().handle;
        a.switch_to_window(tab_b.clone()).await.unwrap();
        goto(&a, &format!("{base}#/customers/c1")).await;
        press(&a, "#delete-customer").await;
        click(&a, "[data-dialog=delete-customer] [data-confirm]").await;
        wait_text(&a, ".toasts", "张伟").await;
        a.close_window().await.unwrap();
        a.switch_to_window(tab_a).await.unwrap();

        press(&a, "#save-visit").await;
        wait_text(&a, ".toast-error", "已经被删除").await;
        let toasts = text(&a, ".toasts").await;
        assert!(!toasts.contains("已保存"), "no success for a visit that was not kept: {toasts}");
        let content = find(&a, "#visit-content").await.prop("value").await.unwrap();
        assert_eq!(content.as_deref(), Some("客户说净水器出水变慢了"), "what was typed is still there");
        let visits = stored_count(&a, "visits").await;
        assert_eq!(visits, json!(0), "no orphan visit in storage");

        // The backup of this device restores on a new one.
        goto(&a, &format!("{base}#/data")).await;
        crate::data::catch_downloads(&a).await;
        press(&a, "#export-all").await;
        wait_text(&a, ".toasts", "已导出").await;
        let (_, doc) = crate::data::last_download(&a).await;
        let fresh = s.open(DESKTOP).await;
        goto(&fresh, &format!("{base}#/data")).await;
        crate::data::choose_file(&fresh, "after-delete.json", &doc.to_string()).await;
        press(&fresh, "#exchange-confirm").await;
        wait_text(&fresh, ".toasts", "已导入").await;
        wait_text(&fresh, "#data-counts", "1 位客户").await;
    })
    .await;
}
