//! Pins what the sync tests' stand-in for Apache CouchDB (pouchdb-server 4.2.0, in memory, started
//! by scripts/couch_server.sh) does behind the same-origin proxy of scripts/static_server.py, for
//! the handful of behaviours the sync client relies on. If a new version of the stand-in (or of
//! the proxy) answers differently, this fails before the sync tests do. docs/sync-server.md has
//! the table of what real CouchDB 3.x does instead; the comments below say where it differs.
//!
//! Host only; skipped, with a message, when the stand-in is not installed
//! (`source scripts/tools.sh && ensure_couch_server`; scripts/test.sh always installs it).

// Starts processes and opens sockets: nothing of it runs in a browser (scripts/test.sh also
// builds every test for wasm32).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use serde_json::json;
use std::time::Duration;

#[test]
fn the_stand_in_behaves_as_the_sync_client_expects() {
    if skip_unless_installed() {
        return;
    }
    let mut servers = Servers::start("couch-test");
    let port = servers.port;

    // The proxy still serves the app's files beside /couch/.
    let page = request(port, "GET", "/", &[], None);
    assert_eq!(page.status, 200);
    assert!(String::from_utf8_lossy(&page.body).contains("<title>app</title>"));
    let welcome = expect(&request(port, "GET", "/couch/", &[("Accept", "application/json")], None), 200);
    assert_eq!(welcome["version"], "4.2.0", "another stand-in version: check docs/sync-server.md again");

    sessions(port);
    let admin = Session::login(port, ADMIN.0, ADMIN.1);
    security(port, &admin);
    replication(&Session::login(port, "agent", "pw-agent"));
    checkpoints(&Session::login(port, "agent", "pw-agent"));
    long_poll(&Session::login(port, "agent", "pw-agent"));
    logout(port);
    servers.assert_alive();
}

/// `_session` cookie login through the proxy, JSON and form; 401 for a wrong password; a cookie
/// the server does not know is ignored (anonymous), not refused.
fn sessions(port: u16) {
    let admin = request(port, "POST", "/couch/_session", &[], Some(&json!({"name": ADMIN.0, "password": ADMIN.1})));
    assert_eq!(expect(&admin, 200), json!({"ok": true, "name": ADMIN.0, "roles": ["_admin"]}));
    let (_, set_cookie) = admin.session_cookie();
    // CouchDB and the stand-in set Path=/; the proxy (like the README's nginx and Caddy
    // configurations) narrows it to the proxied prefix. HttpOnly: the page never sees it.
    assert!(set_cookie.contains("Path=/couch/"), "{set_cookie}");
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    let admin = Session::login(port, ADMIN.0, ADMIN.1);
    for name in ["agent", "supervisor", "other"] {
        let user = json!({"name": name, "password": format!("pw-{name}"), "roles": [], "type": "user"});
        expect(&admin.send("PUT", &format!("/_users/org.couchdb.user:{name}"), Some(&user)), 201);
    }
    // No couch_peruser: creating a user creates no userdb-… database.
    assert_eq!(expect(&admin.get("/_all_dbs"), 200), json!(["_replicator", "_users"]));

    let agent = Session::login(port, "agent", "pw-agent");
    let session = expect(&agent.get("/_session"), 200);
    assert_eq!(session["userCtx"], json!({"name": "agent", "roles": []}));
    assert_eq!(session["info"]["authenticated"], "cookie");
    let form = request_raw(
        port,
        "POST",
        "/couch/_session",
        &[],
        Some(("application/x-www-form-urlencoded", b"name=agent&password=pw-agent".to_vec())),
    );
    assert_eq!(expect(&form, 200)["name"], "agent");

    let wrong = request(port, "POST", "/couch/_session", &[], Some(&json!({"name": "agent", "password": "nope"})));
    assert_eq!(expect(&wrong, 401), json!({"error": "unauthorized", "reason": "Name or password is incorrect."}));
    assert!(wrong.header("Set-Cookie").is_none());

    let garbage = Session { port, cookie: "AuthSession=bm90LWEtc2Vzc2lvbg".into() };
    assert_eq!(expect(&garbage.get("/_session"), 200)["userCtx"], json!({"name": null, "roles": []}));
}

/// Logging out clears the cookie; the old cookie then counts for nothing on a private database.
fn logout(port: u16) {
    let agent = Session::login(port, "agent", "pw-agent");
    let out = agent.send("DELETE", "/_session", None);
    assert_eq!(expect(&out, 200), json!({"ok": true}));
    // The stand-in sends a refreshed cookie first and the clearing one last; a browser keeps the last.
    let last = out.headers.iter().rev().find(|(n, _)| n.eq_ignore_ascii_case("set-cookie")).map(|(_, v)| v.as_str());
    assert!(last.is_some_and(|c| c.starts_with("AuthSession=;") && c.contains("Path=/couch/")), "{last:?}");
    // A cookie the server does not know: anonymous, so 401 on a database with members.
    let garbage = Session { port, cookie: "AuthSession=bm90LWEtc2Vzc2lvbg".into() };
    assert_eq!(expect(&garbage.get("/huifang-agent/_all_docs"), 401)["error"], "unauthorized");
}

/// A long poll passes through the proxy and answers when a document changes.
fn long_poll(agent: &Session) {
    let since = expect(&agent.get("/huifang-agent/_changes?since=now"), 200)["last_seq"].clone();
    let (port, cookie) = (agent.port, agent.cookie.clone());
    let poll = std::thread::spawn(move || {
        let session = Session { port, cookie };
        // No `timeout`: the stand-in ignores it and answers only on a change (docs/sync-server.md).
        session.get(&format!("/huifang-agent/_changes?feed=longpoll&since={since}"))
    });
    std::thread::sleep(Duration::from_millis(300));
    expect(&agent.send("PUT", "/huifang-agent/during-poll", Some(&json!({"n": 1}))), 201);
    let answer = poll.join().expect("the long poll");
    let changes = expect(&answer, 200);
    assert_eq!(changes["results"][0]["id"], "during-poll", "{changes}");
}

/// A database per agent, made by the admin, readable by the agent and the supervisor named in
/// its `_security` members, and by no one else.
fn security(port: u16, admin: &Session) {
    expect(&admin.send("PUT", "/huifang-agent", None), 201);
    // A new database's _security is empty, and empty means open to everyone here (CouchDB 3.x:
    // admins only). The set-up must always write _security.
    assert_eq!(expect(&admin.get("/huifang-agent/_security"), 200), json!({}));
    let other = Session::login(port, "other", "pw-other");
    expect(&other.get("/huifang-agent"), 200);
    let members =
        json!({"admins": {"names": [], "roles": []}, "members": {"names": ["agent", "supervisor"], "roles": []}});
    assert_eq!(expect(&admin.send("PUT", "/huifang-agent/_security", Some(&members)), 200), json!({"ok": true}));

    let agent = Session::login(port, "agent", "pw-agent");
    expect(&agent.send("PUT", "/huifang-agent/from-agent", Some(&json!({"n": 1}))), 201);
    let supervisor = Session::login(port, "supervisor", "pw-supervisor");
    assert_eq!(expect(&supervisor.get("/huifang-agent/_all_docs"), 200)["total_rows"], 1);

    // A logged-in non-member gets 401 here; CouchDB 3.x answers 403 forbidden.
    let denied = json!({"error": "unauthorized", "reason": "You are not authorized to access this db."});
    assert_eq!(expect(&other.get("/huifang-agent/_all_docs"), 401), denied);
    assert_eq!(expect(&other.get("/huifang-agent/_changes"), 401), denied);
    assert_eq!(expect(&other.get("/huifang-agent/_local/x"), 401), denied);
    // Writes are refused document by document inside a 201 (CouchDB: the whole request, 403).
    let write = other.send("POST", "/huifang-agent/_bulk_docs", Some(&json!({"docs": [{"_id": "intruder"}]})));
    assert_eq!(expect(&write, 201)[0]["error"], "unauthorized");
    let anonymous = request(port, "GET", "/couch/huifang-agent/_all_docs", &[], None);
    assert_eq!(expect(&anonymous, 401), denied);
    // Members read _security but do not change it.
    expect(&agent.get("/huifang-agent/_security"), 200);
    expect(&agent.send("PUT", "/huifang-agent/_security", Some(&json!({}))), 401);
}

/// The replication protocol, as the client pushes and pulls.
fn replication(agent: &Session) {
    let db = "/huifang-agent";
    let diff = agent.send("POST", &format!("{db}/_revs_diff"), Some(&json!({"c1": ["1-aaa", "2-bbb"]})));
    assert_eq!(expect(&diff, 200), json!({"c1": {"missing": ["1-aaa", "2-bbb"]}}));

    let push = json!({"new_edits": false, "docs": [
        {"_id": "c1", "_rev": "2-bbb", "name": "张伟", "_revisions": {"start": 2, "ids": ["bbb", "aaa"]}},
        {"_id": "c2", "_rev": "1-ddd", "name": "李娜"},
    ]});
    assert_eq!(expect(&agent.send("POST", &format!("{db}/_bulk_docs"), Some(&push)), 201), json!([]));
    // The leaf is known now. The ancestor is still "missing": the stand-in counts only revisions
    // with a body (CouchDB counts every revision in the tree). Sending it again is harmless.
    let diff =
        agent.send("POST", &format!("{db}/_revs_diff"), Some(&json!({"c1": ["1-aaa", "2-bbb"], "c2": ["1-ddd"]})));
    assert_eq!(expect(&diff, 200), json!({"c1": {"missing": ["1-aaa"]}}));
    // No "possible_ancestors" either (CouchDB sends it for a missing revision of a known doc).
    let diff = agent.send("POST", &format!("{db}/_revs_diff"), Some(&json!({"c2": ["2-eee"]})));
    assert_eq!(expect(&diff, 200), json!({"c2": {"missing": ["2-eee"]}}));

    // A second branch of c1 from another device: a conflict, the winner by CouchDB's rule.
    let branch = json!({"new_edits": false, "docs": [
        {"_id": "c1", "_rev": "2-zzz", "name": "张伟 (改)", "_revisions": {"start": 2, "ids": ["zzz", "aaa"]}},
    ]});
    expect(&agent.send("POST", &format!("{db}/_bulk_docs"), Some(&branch)), 201);
    let c1 = expect(&agent.get(&format!("{db}/c1?conflicts=true")), 200);
    assert_eq!((&c1["_rev"], &c1["_conflicts"]), (&json!("2-zzz"), &json!(["2-bbb"])));

    // Sequences are plain numbers (CouchDB 3.x: opaque strings); no "pending" field.
    let page = expect(&agent.get(&format!("{db}/_changes?since=0&limit=2&style=all_docs")), 200);
    assert_eq!(page["results"].as_array().map(Vec::len), Some(2));
    assert!(page["last_seq"].is_u64(), "{page}");
    assert_eq!(page["last_seq"], page["results"][1]["seq"]);
    assert!(page.get("pending").is_none(), "{page}");
    let rest = expect(&agent.get(&format!("{db}/_changes?since={}&style=all_docs", page["last_seq"])), 200);
    let c1_change = rest["results"].as_array().and_then(|r| r.iter().find(|c| c["id"] == "c1")).expect("c1 changed");
    assert_eq!(c1_change["changes"], json!([{"rev": "2-bbb"}, {"rev": "2-zzz"}]));
    assert!(c1_change["seq"].is_u64());
    let done = expect(&agent.get(&format!("{db}/_changes?since={}", rest["last_seq"])), 200);
    assert_eq!(done, json!({"results": [], "last_seq": rest["last_seq"]}));

    let wanted = json!({"docs": [{"id": "c1", "rev": "2-bbb"}, {"id": "c2", "rev": "9-nope"}, {"id": "nothing"}]});
    let got = expect(&agent.send("POST", &format!("{db}/_bulk_get?revs=true"), Some(&wanted)), 200);
    assert_eq!(
        got,
        json!({"results": [
            {"id": "c1", "docs": [{"ok": {"_id": "c1", "_rev": "2-bbb", "name": "张伟",
                "_revisions": {"start": 2, "ids": ["bbb", "aaa"]}}}]},
            {"id": "c2", "docs": [{"missing": "9-nope"}]},
            // CouchDB 3.x: {"error": {"id": "nothing", "error": "not_found", …}}.
            {"id": "nothing", "docs": [{}]},
        ]})
    );
}

/// `_local` checkpoints: revisions 0-N, a write needs the current one, never in `_changes`.
fn checkpoints(agent: &Session) {
    let path = "/huifang-agent/_local/checkpoint-device-1";
    assert_eq!(expect(&agent.get(path), 404)["error"], "not_found");
    let first = expect(&agent.send("PUT", path, Some(&json!({"last_seq": 3}))), 201);
    assert_eq!(first["rev"], "0-1");
    assert_eq!(expect(&agent.get(path), 200)["last_seq"], 3);
    assert_eq!(expect(&agent.send("PUT", path, Some(&json!({"last_seq": 4}))), 409)["error"], "conflict");
    let second = expect(&agent.send("PUT", path, Some(&json!({"last_seq": 4, "_rev": "0-1"}))), 201);
    assert_eq!(second["rev"], "0-2");
    assert_eq!(expect(&agent.get(path), 200)["last_seq"], 4);
    let changes = expect(&agent.get("/huifang-agent/_changes?since=0"), 200);
    assert!(!changes.to_string().contains("_local"), "{changes}");
}
