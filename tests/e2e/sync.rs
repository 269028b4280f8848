//! Sync through a CouchDB stand-in (pouchdb-server, in memory, behind the same-origin `/couch/`
//! proxy of scripts/static_server.py), with each device a browser profile of its own: what a user
//! sees on Settings → 同步 and in the book. The protocol itself is tested on the host
//! (`src/sync/tests.rs` against a fake, tests/sync_stand_in.rs against the stand-in).

#[path = "../common/mod.rs"]
mod common;

use crate::harness::*;
use common::{ADMIN, Servers, Session, expect};
use fantoccini::Client;
use serde_json::{Value, json};
use std::time::Duration;

const AGENT: (&str, &str) = ("li.na", "agent-password");
const DB: &str = "huifang-li-na";

/// The stand-in with the agent's user and database (only the agent is a member), or `None` (and
/// a line saying why) when it is not installed.
/// `tag` keeps the state of two tests of this process apart.
fn stand_in(tag: &str) -> Option<Servers> {
    if common::skip_unless_installed() {
        return None;
    }
    let servers = Servers::start(tag);
    set_up_agent(&servers);
    Some(servers)
}

fn set_up_agent(servers: &Servers) {
    let admin = Session::login(servers.port, ADMIN.0, ADMIN.1);
    let user = json!({"name": AGENT.0, "password": AGENT.1, "roles": [], "type": "user"});
    expect(&admin.send("PUT", &format!("/_users/org.couchdb.user:{}", AGENT.0), Some(&user)), 201);
    expect(&admin.send("PUT", &format!("/{DB}"), None), 201);
    let security = json!({"admins": {"names": [], "roles": []}, "members": {"names": [AGENT.0], "roles": []}});
    expect(&admin.send("PUT", &format!("/{DB}/_security"), Some(&security)), 200);
}

/// The customers the server holds, by name (live documents only).
fn names_on_server(servers: &Servers) -> Vec<String> {
    let admin = Session::login(servers.port, ADMIN.0, ADMIN.1);
    let all = expect(&admin.get(&format!("/{DB}/_all_docs?include_docs=true")), 200);
    let mut names: Vec<String> = all["rows"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|row| row["id"].as_str().is_some_and(|id| id.starts_with("customers:")))
        .filter_map(|row| row["doc"]["record"]["name"].as_str().map(str::to_string))
        .collect();
    names.sort();
    names
}

async fn sign_in(browser: &Client, password: &str) {
    sign_in_as(browser, AGENT.0, password, DB).await;
}

async fn sign_in_as(browser: &Client, user: &str, password: &str, database: &str) {
    let base = eval(browser, "return location.origin + '/'").await;
    browser.goto(&format!("{}#/settings", base.as_str().unwrap_or_default())).await.unwrap();
    wait_ready(browser).await;
    fill(browser, "input[name=sync_user]", user).await;
    fill(browser, "input[name=sync_password]", password).await;
    fill(browser, "input[name=sync_database]", database).await;
    press(browser, "[data-sync-start]").await;
}

/// Presses "立即同步" until the status says the run is over and in step.
async fn sync_now(browser: &Client) {
    let base = eval(browser, "return location.origin + '/'").await;
    browser.goto(&format!("{}#/settings", base.as_str().unwrap_or_default())).await.unwrap();
    wait_ready(browser).await;
    // A run started by a save may still be under way: the button is disabled until it ends.
    wait_for(browser, "return !document.querySelector('[data-sync-now]').disabled").await;
    // The button's own click: the toast of the previous run may lie over it on a phone.
    eval(browser, "document.querySelector('[data-sync-now]').click()").await;
    wait_for(browser, "return !document.querySelector('[data-sync-now]').disabled").await;
}

async fn wait_for(browser: &Client, script: &str) {
    let start = std::time::Instant::now();
    while eval(browser, script).await != Value::Bool(true) {
        assert!(start.elapsed() < PATIENCE, "waited in vain for: {script}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn add_customer(browser: &Client, name: &str, phone: &str) -> String {
    let base = eval(browser, "return location.origin + '/'").await;
    browser.goto(&format!("{}#/customers/new", base.as_str().unwrap_or_default())).await.unwrap();
    wait_ready(browser).await;
    fill(browser, "input[name=name]", name).await;
    fill(browser, "input[name=phone]", phone).await;
    press(browser, "form.customer-form button[type=submit]").await;
    wait_text(browser, "#customer-name", name).await;
    let hash = eval(browser, "return location.hash").await;
    hash.as_str().and_then(|h| h.strip_prefix("#/customers/")).expect("the customer's page").to_string()
}

async fn rename(browser: &Client, id: &str, name: &str) {
    let base = eval(browser, "return location.origin + '/'").await;
    browser.goto(&format!("{}#/customers/{id}/edit", base.as_str().unwrap_or_default())).await.unwrap();
    wait_ready(browser).await;
    fill(browser, "input[name=name]", name).await;
    // Enter in the field submits, as a user on a keyboard does: a toast of the last sync may
    // cover the button at the bottom of a phone's screen.
    find(browser, "input[name=name]").await.send_keys("\u{E007}").await.expect("press Enter");
    wait_text(browser, "#customer-name", name).await;
}

async fn offline(browser: &Client, off: bool) {
    cdp(browser, "Network.enable", json!({})).await;
    cdp(
        browser,
        "Network.emulateNetworkConditions",
        json!({"offline": off, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
    )
    .await;
}

#[tokio::test]
async fn two_devices_converge_an_offline_edit_follows_and_a_conflict_is_the_users_choice() {
    let Some(servers) = stand_in("e2e-sync-two") else { return };
    run_with_couch(servers.couch_port(), |s| async move {
        // The phone has a customer before sync is set up; signing in sends it up.
        let phone = s.open_at(PHONE, "").await;
        let id = add_customer(&phone, "王芳", "13912345678").await;
        sign_in(&phone, AGENT.1).await;
        wait_text(&phone, "[data-sync-status]", "已同步").await;
        wait_text(&phone, "[data-sync-indicator]", "已同步").await;
        screenshot(&phone, "sync-settings-phone-zh").await;
        assert_eq!(names_on_server(&servers), vec!["王芳".to_string()]);

        // The laptop, a profile of its own, signs in and gets the book.
        let laptop = s.open_at(DESKTOP, "").await;
        sign_in(&laptop, AGENT.1).await;
        wait_text(&laptop, "[data-sync-status]", "已同步").await;
        let base = s.base().await;
        laptop.goto(&format!("{base}#/customers/{id}")).await.unwrap();
        wait_ready(&laptop).await;
        wait_text(&laptop, "#customer-name", "王芳").await;

        // An edit on the laptop reaches the phone.
        rename(&laptop, &id, "王芳芳").await;
        sync_now(&laptop).await;
        sync_now(&phone).await;
        phone.goto(&format!("{base}#/customers/{id}")).await.unwrap();
        wait_ready(&phone).await;
        wait_text(&phone, "#customer-name", "王芳芳").await;

        // Both edit the same customer without a network: each keeps its edit and says so.
        offline(&phone, true).await;
        offline(&laptop, true).await;
        rename(&phone, &id, "王芳（手机）").await;
        rename(&laptop, &id, "王芳（电脑）").await;
        sync_now(&phone).await;
        wait_text(&phone, "[data-sync-status]", "离线").await;
        assert_eq!(names_on_server(&servers), vec!["王芳芳".to_string()], "nothing went up while offline");

        // Back online, the phone's edit goes up; the laptop then finds both versions and decides.
        offline(&phone, false).await;
        sync_now(&phone).await;
        wait_text(&phone, "[data-sync-status]", "已同步").await;
        assert_eq!(names_on_server(&servers), vec!["王芳（手机）".to_string()]);
        offline(&laptop, false).await;
        sync_now(&laptop).await;
        wait_text(&laptop, "[data-sync-status]", "1 个冲突待处理").await;
        wait_text(&laptop, "[data-sync-indicator]", "1 个冲突待处理").await;
        wait_text(&laptop, "[data-conflict] [data-version=mine]", "王芳（电脑）").await;
        wait_text(&laptop, "[data-conflict] [data-version=theirs]", "王芳（手机）").await;
        screenshot(&laptop, "sync-conflict-desktop-zh").await;
        let found = crate::a11y::violations(&laptop).await;
        assert!(found.is_empty(), "accessibility of Settings → 同步 with a conflict: {found:#?}");
        // Nothing was decided for the user: the laptop still shows its own edit.
        laptop.goto(&format!("{base}#/customers/{id}")).await.unwrap();
        wait_ready(&laptop).await;
        wait_text(&laptop, "#customer-name", "王芳（电脑）").await;

        // Keep mine: the laptop's version wins everywhere.
        laptop.goto(&format!("{base}#/settings")).await.unwrap();
        wait_ready(&laptop).await;
        press(&laptop, "[data-conflict] [data-keep-mine]").await;
        wait_text(&laptop, ".toasts", "已处理冲突").await;
        sync_now(&laptop).await;
        wait_text(&laptop, "[data-sync-status]", "已同步").await;
        assert_eq!(names_on_server(&servers), vec!["王芳（电脑）".to_string()]);
        sync_now(&phone).await;
        phone.goto(&format!("{base}#/customers/{id}")).await.unwrap();
        wait_ready(&phone).await;
        wait_text(&phone, "#customer-name", "王芳（电脑）").await;
        phone.refresh().await.unwrap();
        wait_ready(&phone).await;
        wait_text(&phone, "#customer-name", "王芳（电脑）").await;
    })
    .await;
}

#[tokio::test]
async fn a_wrong_password_an_expired_session_and_a_restarted_server_are_told_and_lose_nothing() {
    let Some(mut servers) = stand_in("e2e-sync-restart") else { return };
    let couch_port = servers.couch_port();
    let servers_ref = &mut servers;
    run_with_couch(couch_port, |s| async move {
        let browser = s.open_at(TABLET, "").await;
        add_customer(&browser, "赵磊", "13700001111").await;

        // A server on another origin would be blocked by the page's CSP: said before trying.
        browser.goto(&format!("{}#/settings", s.base().await)).await.unwrap();
        wait_ready(&browser).await;
        fill(&browser, "input[name=sync_server]", "https://couch.example.com/").await;
        fill(&browser, "input[name=sync_user]", AGENT.0).await;
        fill(&browser, "input[name=sync_password]", AGENT.1).await;
        press(&browser, "[data-sync-start]").await;
        wait_text(&browser, "[data-sync-error]", "必须和回访在同一个网址下").await;
        fill(&browser, "input[name=sync_server]", "/couch/").await;

        sign_in(&browser, "not-the-password").await;
        wait_text(&browser, "[data-sync-error]", "用户名或密码不正确").await;
        // In English too.
        press(&browser, "#lang-toggle").await;
        press(&browser, "[data-sync-start]").await;
        wait_text(&browser, "[data-sync-error]", "Enter the server address, user name and password").await;
        fill(&browser, "input[name=sync_password]", "still-wrong").await;
        press(&browser, "[data-sync-start]").await;
        wait_text(&browser, "[data-sync-error]", "Wrong user name or password").await;
        screenshot(&browser, "sync-wrong-password-tablet-en").await;
        press(&browser, "#lang-toggle").await;

        sign_in(&browser, AGENT.1).await;
        wait_text(&browser, "[data-sync-status]", "已同步").await;
        assert_eq!(names_on_server(servers_ref), vec!["赵磊".to_string()]);

        // The server restarts with everything gone (in memory); the admin sets it up again. The
        // old cookie is unknown there: the app asks to sign in again, and keeps the book.
        servers_ref.restart_couch();
        set_up_agent(servers_ref);
        sync_now(&browser).await;
        wait_text(&browser, "[data-sync-status]", "需要重新登录").await;
        wait_text(&browser, "[data-sync-start]", "重新登录").await;
        fill(&browser, "input[name=sync_password]", AGENT.1).await;
        press(&browser, "[data-sync-start]").await;
        wait_text(&browser, "[data-sync-status]", "已同步").await;
        // The device noticed the server had lost its records and sent them again.
        let start = std::time::Instant::now();
        while names_on_server(servers_ref) != vec!["赵磊".to_string()] {
            assert!(start.elapsed() < PATIENCE, "the server was not filled again");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }

        // Stopping sync keeps the book.
        press(&browser, "[data-sync-stop]").await;
        press(&browser, "dialog[data-dialog=stop-sync] [data-confirm]").await;
        wait_text(&browser, ".toasts", "已停止同步").await;
        find(&browser, "[data-sync-start]").await;
        assert!(browser.find(fantoccini::Locator::Css("[data-sync-indicator]")).await.is_err());
        let base = s.base().await;
        browser.goto(&format!("{base}#/customers")).await.unwrap();
        wait_ready(&browser).await;
        wait_text(&browser, "main", "赵磊").await;
    })
    .await;
}

const SUPERVISOR: (&str, &str) = ("wang", "supervisor-password");
const OTHER_AGENT: (&str, &str) = ("zhao", "other-agent-password");

#[tokio::test]
async fn a_supervisor_returns_a_record_and_hands_the_customer_to_another_agent_over_the_server() {
    let Some(servers) = stand_in("e2e-sync-team") else { return };
    // The supervisor has a database of their own and is a member of the agent's.
    let admin = Session::login(servers.port, ADMIN.0, ADMIN.1);
    let user = json!({"name": SUPERVISOR.0, "password": SUPERVISOR.1, "roles": [], "type": "user"});
    expect(&admin.send("PUT", &format!("/_users/org.couchdb.user:{}", SUPERVISOR.0), Some(&user)), 201);
    expect(&admin.send("PUT", "/huifang-wang", None), 201);
    let members =
        |names: &[&str]| json!({"admins": {"names": [], "roles": []}, "members": {"names": names, "roles": []}});
    expect(&admin.send("PUT", "/huifang-wang/_security", Some(&members(&[SUPERVISOR.0]))), 200);
    expect(&admin.send("PUT", &format!("/{DB}/_security"), Some(&members(&[AGENT.0, SUPERVISOR.0]))), 200);
    // A second agent, to hand the customer over to.
    let user = json!({"name": OTHER_AGENT.0, "password": OTHER_AGENT.1, "roles": [], "type": "user"});
    expect(&admin.send("PUT", &format!("/_users/org.couchdb.user:{}", OTHER_AGENT.0), Some(&user)), 201);
    expect(&admin.send("PUT", "/huifang-zhao", None), 201);
    expect(&admin.send("PUT", "/huifang-zhao/_security", Some(&members(&[OTHER_AGENT.0, SUPERVISOR.0]))), 200);

    run_with_couch(servers.couch_port(), |s| async move {
        let agent = s.open_at(PHONE, "").await;
        seed(
            &agent,
            json!({
                "customers": [{ "id": "c2", "rev": 1, "name": "李娜", "phones": ["13900139000"], "registered_on": "2025-06-01" }],
                "visits": [{ "id": "v1", "rev": 1, "customer_id": "c2", "scenario": "care", "method": "phone",
                    "at": "2026-06-01T10:00:00", "outcome": "reached", "content": "客户说滤芯更换提醒不准。",
                    "agent": "小王", "created_at": "2026-06-01T10:05:00", "updated_at": "2026-06-01T10:05:00" }]
            }),
        )
        .await;
        sign_in(&agent, AGENT.1).await;
        wait_text(&agent, "[data-sync-status]", "已同步").await;

        let supervisor = s.open_at(DESKTOP, "").await;
        seed(&supervisor, json!({ "settings": { "profile": { "role": "supervisor", "agent_name": "王主管" } } })).await;
        sign_in_as(&supervisor, SUPERVISOR.0, SUPERVISOR.1, "huifang-wang").await;
        wait_text(&supervisor, "[data-sync-status]", "已同步").await;
        fill(&supervisor, "textarea[name=team_databases]", DB).await;
        press(&supervisor, "[data-team-save]").await;
        wait_text(&supervisor, ".toasts", "已保存团队成员").await;
        for (field, day) in [("team_from", "2026-06-01"), ("team_to", "2026-06-30")] {
            let script = format!(
                "const f = document.querySelector('input[name={field}]'); f.value = '{day}'; \
                 f.dispatchEvent(new Event('input', {{ bubbles: true }}));"
            );
            eval(&supervisor, &script).await;
        }
        press(&supervisor, "[data-team-load]").await;
        wait_text(&supervisor, "[data-team-count]", "共 1 条记录，1 条待审核").await;
        wait_text(&supervisor, "[data-team-visit=v1]", "李娜").await;
        // Returned without a reason: refused, nothing written.
        press(&supervisor, "[data-team-visit=v1] [data-team-return]").await;
        wait_text(&supervisor, "[data-team-error]", "退回时请写明原因").await;
        fill(&supervisor, "[data-team-visit=v1] textarea[name=team_comment]", "请写清客户的滤芯型号").await;
        press(&supervisor, "[data-team-visit=v1] [data-team-return]").await;
        wait_text(&supervisor, ".toasts", "审核意见已保存到服务器").await;
        wait_text(&supervisor, "[data-team-visit=v1]", "请写清客户的滤芯型号").await;
        screenshot(&supervisor, "sync-team-review-desktop-zh").await;
        let found = crate::a11y::violations(&supervisor).await;
        assert!(found.is_empty(), "accessibility of the team review: {found:#?}");

        // The agent's next sync brings the verdict: the record is waiting on Today.
        sync_now(&agent).await;
        let base = s.base().await;
        agent.goto(&format!("{base}#/today")).await.unwrap();
        wait_ready(&agent).await;
        wait_text(&agent, "#returned-records", "李娜").await;
        wait_text(&agent, "#returned-records", "请写清客户的滤芯型号").await;
        agent.goto(&format!("{base}#/records/v1")).await.unwrap();
        wait_ready(&agent).await;
        wait_text(&agent, "#review-state", "王主管").await;
        wait_text(&agent, "#review-state", "退回").await;

        // The supervisor hands 李娜 over to 赵: copied with her records, then gone from 李娜's book.
        fill(&supervisor, "textarea[name=team_databases]", &format!("{DB}\nhuifang-zhao")).await;
        press(&supervisor, "[data-team-save]").await;
        // The handover appears once the team of two is saved.
        press(&supervisor, "[data-handover-list]").await;
        wait_text(&supervisor, "select[name=handover_customer]", "李娜").await;
        wait_text(&supervisor, "select[name=handover_to]", "huifang-zhao").await;
        press(&supervisor, "[data-handover]").await;
        press(&supervisor, "dialog[data-dialog=hand-over] [data-confirm]").await;
        wait_text(&supervisor, ".toasts", "已把“李娜”的 2 条记录移交到 huifang-zhao").await;

        sync_now(&agent).await;
        agent.goto(&format!("{base}#/customers")).await.unwrap();
        wait_ready(&agent).await;
        wait_text(&agent, "main", "还没有客户").await;

        let other = s.open_at(TABLET, "").await;
        sign_in_as(&other, OTHER_AGENT.0, OTHER_AGENT.1, "huifang-zhao").await;
        wait_text(&other, "[data-sync-status]", "已同步").await;
        other.goto(&format!("{base}#/records/v1")).await.unwrap();
        wait_ready(&other).await;
        wait_text(&other, "main", "李娜").await;
        wait_text(&other, "#review-state", "退回").await;
        wait_text(&other, "main", "请写清客户的滤芯型号").await;
    })
    .await;
}

// Benchmarks (issue 19's scale rows), run by `scripts/bench.sh --sync`; they print figures and
// assert only that the work was done.

/// Polls `done` (a script returning true) every 200 ms; returns the seconds it took.
async fn seconds_until(browser: &Client, done: &str, patience: Duration) -> f64 {
    let start = std::time::Instant::now();
    while eval(browser, done).await != Value::Bool(true) {
        assert!(start.elapsed() < patience, "not done after {patience:?}: {done}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    start.elapsed().as_secs_f64()
}

const SYNCED: &str = "const s = document.querySelector('[data-sync-status]'); \
    return !!s && s.textContent.includes('已同步') && !document.querySelector('[data-sync-now]').disabled";

#[tokio::test]
#[ignore = "benchmark: scripts/bench.sh --sync"]
async fn bench_first_sync_of_5000_customers() {
    let Some(servers) = stand_in("bench-sync-first") else { return };
    run_with_couch(servers.couch_port(), |s| async move {
        let phone = crate::bench::browser(&s).await;
        phone.goto(&s.base().await).await.unwrap();
        wait_ready(&phone).await;
        let (customers, visits) = crate::bench::store_book(&phone, 5_000).await;
        phone.refresh().await.unwrap();
        wait_ready(&phone).await;
        let patience = Duration::from_secs(1800);
        sign_in(&phone, AGENT.1).await;
        let push = seconds_until(&phone, SYNCED, patience).await;
        let admin = Session::login(servers.port, ADMIN.0, ADMIN.1);
        let docs = expect(&admin.get(&format!("/{DB}")), 200)["doc_count"].as_u64().unwrap_or(0);
        crate::bench::report(
            "sync: first push of 5,000 customers (sign in to 已同步)",
            format!("{push:.1} s, {docs} documents on the server ({customers} customers, {visits} visits)"),
        );
        assert!(docs as usize >= customers + visits, "every record reached the server");

        let laptop = s.open_at(DESKTOP, "").await;
        sign_in(&laptop, AGENT.1).await;
        let pull = seconds_until(&laptop, SYNCED, patience).await;
        let base = s.base().await;
        laptop.goto(&format!("{base}#/customers")).await.unwrap();
        wait_ready(&laptop).await;
        wait_text(&laptop, "main", "5,000").await;
        crate::bench::report(
            "sync: first pull of 5,000 customers on a new device (sign in to 已同步)",
            format!("{pull:.1} s"),
        );
    })
    .await;
}

#[tokio::test]
#[ignore = "benchmark: scripts/bench.sh --sync"]
async fn bench_a_supervisor_reads_a_month_of_20_agents() {
    let Some(servers) = stand_in("bench-sync-team") else { return };
    let admin = Session::login(servers.port, ADMIN.0, ADMIN.1);
    let user = json!({"name": SUPERVISOR.0, "password": SUPERVISOR.1, "roles": [], "type": "user"});
    expect(&admin.send("PUT", &format!("/_users/org.couchdb.user:{}", SUPERVISOR.0), Some(&user)), 201);
    let members = json!({"admins": {"names": [], "roles": []}, "members": {"names": [SUPERVISOR.0], "roles": []}});
    // 20 agents of 250 customers each (the 5,000 book in 20 parts), with all their records.
    let mut month = 0;
    let team: Vec<String> = (1..=20).map(|i| format!("huifang-agent-{i:02}")).collect();
    for (i, db) in team.iter().enumerate() {
        expect(&admin.send("PUT", &format!("/{db}"), None), 201);
        expect(&admin.send("PUT", &format!("/{db}/_security"), Some(&members)), 200);
        let data = huifang::domain::generate::generate(250, i as u64 + 1, crate::bench::today());
        let doc = |collection: &str, id: &str, record: Value| json!({"_id": format!("{collection}:{id}"), "schema": huifang::domain::exchange::SCHEMA_VERSION, "record": record});
        let mut docs: Vec<Value> =
            data.customers.iter().map(|c| doc("customers", &c.id, serde_json::to_value(c).unwrap())).collect();
        docs.extend(data.visits.iter().map(|v| doc("visits", &v.id, serde_json::to_value(v).unwrap())));
        month += data
            .visits
            .iter()
            .filter(|v| {
                v.at.date() >= chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()
                    && v.at.date() <= chrono::NaiveDate::from_ymd_opt(2026, 5, 31).unwrap()
            })
            .count();
        for chunk in docs.chunks(2_000) {
            expect(&admin.send("POST", &format!("/{db}/_bulk_docs"), Some(&json!({"docs": chunk}))), 201);
        }
    }
    expect(&admin.send("PUT", "/huifang-wang", None), 201);
    expect(&admin.send("PUT", "/huifang-wang/_security", Some(&members)), 200);

    run_with_couch(servers.couch_port(), |s| async move {
        let supervisor = s.open_at(DESKTOP, "").await;
        seed(&supervisor, json!({ "settings": { "profile": { "role": "supervisor", "agent_name": "王主管" } } })).await;
        sign_in_as(&supervisor, SUPERVISOR.0, SUPERVISOR.1, "huifang-wang").await;
        wait_text(&supervisor, "[data-sync-status]", "已同步").await;
        fill(&supervisor, "textarea[name=team_databases]", &team.join("\n")).await;
        press(&supervisor, "[data-team-save]").await;
        wait_text(&supervisor, ".toasts", "已保存团队成员").await;
        let mut times = Vec::new();
        let mut read = 0;
        for db in &team {
            let script = format!(
                "const sel = document.querySelector('select[name=team_database]'); sel.value = '{db}'; \
                 sel.dispatchEvent(new Event('change', {{ bubbles: true }})); \
                 for (const [f, d] of [['team_from', '2026-05-01'], ['team_to', '2026-05-31']]) {{ \
                   const i = document.querySelector(`input[name=${{f}}]`); i.value = d; \
                   i.dispatchEvent(new Event('input', {{ bubbles: true }})); }} \
                 document.querySelector('[data-team-load]').click();"
            );
            eval(&supervisor, &script).await;
            // The click marks the button busy at once; the list is drawn when it is no longer.
            let done = "return document.querySelector('[data-team-load]').getAttribute('aria-busy') === 'false'";
            times.push(seconds_until(&supervisor, done, Duration::from_secs(120)).await);
            read += eval(&supervisor, "return document.querySelectorAll('[data-team-visit]').length")
                .await
                .as_u64()
                .unwrap_or(0);
        }
        let total: f64 = times.iter().sum();
        times.sort_by(f64::total_cmp);
        crate::bench::report(
            "sync: a supervisor reads May of 20 agents (250 customers each) from the server",
            format!(
                "{total:.1} s in all, {:.2} s median per agent (max {:.2} s), {read} records",
                times[times.len() / 2],
                times[times.len() - 1]
            ),
        );
        assert_eq!(read as usize, month, "every record of the month was listed");
    })
    .await;
}

#[tokio::test]
async fn the_network_cut_in_the_middle_of_a_push_loses_nothing_and_duplicates_nothing() {
    let Some(servers) = stand_in("e2e-sync-cut") else { return };
    run_with_couch(servers.couch_port(), |s| async move {
        let phone = s.open_at(PHONE, "").await;
        let (customers, visits) = crate::bench::store_book(&phone, 150).await;
        phone.refresh().await.unwrap();
        wait_ready(&phone).await;
        // A slow link, so that the push takes several seconds and can be cut in the middle.
        cdp(&phone, "Network.enable", json!({})).await;
        let slow =
            json!({"offline": false, "latency": 400, "downloadThroughput": 200_000, "uploadThroughput": 200_000});
        cdp(&phone, "Network.emulateNetworkConditions", slow).await;
        sign_in(&phone, AGENT.1).await;
        let admin = Session::login(servers.port, ADMIN.0, ADMIN.1);
        let on_server = || expect(&admin.get(&format!("/{DB}")), 200)["doc_count"].as_u64().unwrap_or(0);
        let start = std::time::Instant::now();
        while on_server() == 0 {
            assert!(start.elapsed() < Duration::from_secs(120), "the push never started");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        offline(&phone, true).await;
        let part = on_server();
        wait_text(&phone, "[data-sync-status]", "离线").await;
        let total = (customers + visits) as u64;
        assert!(part < total, "cut in the middle: {part} of at least {total} records were up");

        offline(&phone, false).await;
        sync_now(&phone).await;
        wait_text(&phone, "[data-sync-status]", "已同步").await;
        // Every record is there once, with one revision: nothing lost, nothing sent twice as a
        // second branch.
        let all = expect(&admin.get(&format!("/{DB}/_changes?style=all_docs")), 200);
        let results = all["results"].as_array().cloned().unwrap_or_default();
        let ours = results.iter().filter(|r| r["id"].as_str().is_some_and(|id| !id.starts_with("_"))).count() as u64;
        assert!(ours >= total, "{ours} documents for at least {total} records");
        assert_eq!(on_server(), ours);
        let branched: Vec<&Value> =
            results.iter().filter(|r| r["changes"].as_array().is_some_and(|c| c.len() != 1)).collect();
        assert!(branched.is_empty(), "records with more than one leaf: {branched:?}");
    })
    .await;
}
