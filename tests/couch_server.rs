//! Pins what the sync tests' stand-in for Apache CouchDB (pouchdb-server 4.2.0, in memory, started
//! by scripts/couch_server.sh) does behind the same-origin proxy of scripts/static_server.py, for
//! the handful of behaviours the sync client relies on. If a new version of the stand-in (or of
//! the proxy) answers differently, this fails before the sync tests do. docs/sync-server.md has
//! the table of what real CouchDB 3.x does instead; the comments below say where it differs.
//!
//! Host only; skipped, with a message, when the stand-in is not installed
//! (`source scripts/tools.sh && ensure_couch_server`; scripts/test.sh always installs it).

use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ADMIN: (&str, &str) = ("admin", "stand-in-admin");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// The stand-in and the proxy in front of it, stopped (and their state removed) on drop, also
/// when an assertion fails.
struct Servers {
    couch: Child,
    proxy: Child,
    state: PathBuf,
    port: u16,
}

impl Servers {
    fn start() -> Servers {
        let state = std::env::temp_dir().join(format!("huifang-couch-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&state);
        std::fs::create_dir_all(state.join("site")).expect("state dir");
        std::fs::write(state.join("site/index.html"), "<!doctype html><title>app</title>\n").expect("index.html");
        let couch_port = free_port();
        // `run` ends in `exec node …`: this child is the server itself, so killing it stops it.
        let couch = Command::new("bash")
            .arg(root().join("scripts/couch_server.sh"))
            .args(["run", &couch_port.to_string()])
            .arg(state.join("couch"))
            .env("HUIFANG_COUCH_ADMIN", ADMIN.0)
            .env("HUIFANG_COUCH_PASSWORD", ADMIN.1)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("bash scripts/couch_server.sh run");
        let port = free_port();
        let proxy = Command::new("python3")
            .arg(root().join("scripts/static_server.py"))
            .arg(port.to_string())
            .arg(state.join("site"))
            .arg("--proxy")
            .arg(format!("/couch/=http://127.0.0.1:{couch_port}/"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 scripts/static_server.py");
        let mut servers = Servers { couch, proxy, state, port };
        servers.wait_ready();
        servers
    }

    /// Until the admin can log in through the proxy: the server listens and has made `_users`.
    fn wait_ready(&mut self) {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.couch.try_wait() {
                panic!("pouchdb-server stopped on start ({status}); log: {}", self.log());
            }
            // Probe with a bare request first: `request` panics on a refused connection.
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                let login = json!({"name": ADMIN.0, "password": ADMIN.1});
                if request(self.port, "POST", "/couch/_session", &[], Some(&login)).status == 200 {
                    return;
                }
            }
            assert!(start.elapsed() < Duration::from_secs(30), "the stand-in did not answer; log: {}", self.log());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.state.join("couch/log.txt")).unwrap_or_default()
    }

    /// The server still runs: the bugs noted in docs/sync-server.md stop the whole process.
    fn assert_alive(&mut self) {
        assert!(self.couch.try_wait().expect("try_wait").is_none(), "pouchdb-server died; log: {}", self.log());
    }
}

impl Drop for Servers {
    fn drop(&mut self) {
        let _ = self.proxy.kill();
        let _ = self.couch.kill();
        let _ = self.proxy.wait();
        let _ = self.couch.wait();
        let _ = std::fs::remove_dir_all(&self.state);
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The `AuthSession=…` pair of the response's Set-Cookie, and the whole header.
    fn session_cookie(&self) -> (String, String) {
        let set_cookie = self
            .headers
            .iter()
            .find(|(n, v)| n.eq_ignore_ascii_case("set-cookie") && v.starts_with("AuthSession="))
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no AuthSession cookie in {:?}", self.headers));
        (set_cookie.split(';').next().unwrap_or_default().to_string(), set_cookie)
    }
}

/// One HTTP/1.1 request on its own connection (`Connection: close`), read to the end: the proxy
/// answers in HTTP/1.0 and closes, so the body is everything after the headers.
fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&Value>) -> Response {
    request_raw(port, method, path, headers, body.map(|b| ("application/json", b.to_string().into_bytes())))
}

fn request_raw(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, Vec<u8>)>,
) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to the proxy");
    stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    let body = body.map(|(content_type, bytes)| {
        head.push_str(&format!("Content-Type: {content_type}\r\nContent-Length: {}\r\n", bytes.len()));
        bytes
    });
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("write request");
    if let Some(body) = body {
        stream.write_all(&body).expect("write body");
    }
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status line");
    let headers =
        lines.filter_map(|l| l.split_once(':')).map(|(n, v)| (n.trim().to_string(), v.trim().to_string())).collect();
    Response { status, headers, body: raw[split + 4..].to_vec() }
}

/// Requests as one user: the `AuthSession` cookie of a `POST /_session` through the proxy.
struct Session {
    port: u16,
    cookie: String,
}

impl Session {
    fn login(port: u16, name: &str, password: &str) -> Session {
        let response =
            request(port, "POST", "/couch/_session", &[], Some(&json!({"name": name, "password": password})));
        assert_eq!(response.status, 200, "login {name}: {}", String::from_utf8_lossy(&response.body));
        Session { port, cookie: response.session_cookie().0 }
    }

    fn send(&self, method: &str, path: &str, body: Option<&Value>) -> Response {
        request(
            self.port,
            method,
            &format!("/couch{path}"),
            &[("Cookie", &self.cookie), ("Accept", "application/json")],
            body,
        )
    }

    fn get(&self, path: &str) -> Response {
        self.send("GET", path, None)
    }
}

#[track_caller]
fn expect(response: &Response, status: u16) -> Value {
    assert_eq!(response.status, status, "body: {}", String::from_utf8_lossy(&response.body));
    response.json()
}

fn installed() -> bool {
    root().join("scripts/couch/node_modules/pouchdb-server/package.json").exists()
}

#[test]
fn the_stand_in_behaves_as_the_sync_client_expects() {
    if !installed() {
        eprintln!(
            "SKIPPED: pouchdb-server is not installed (source scripts/tools.sh && ensure_couch_server; \
             scripts/test.sh does it)"
        );
        return;
    }
    let mut servers = Servers::start();
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
