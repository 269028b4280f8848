//! What the tests against the CouchDB stand-in share (tests/couch_server.rs, tests/sync_stand_in.rs):
//! starting and stopping pouchdb-server (scripts/couch_server.sh) behind the same-origin proxy of
//! scripts/static_server.py, and a small std-only HTTP/1.1 client with a `_session` cookie.
//! Each test binary uses part of it.
#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const ADMIN: (&str, &str) = ("admin", "stand-in-admin");

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// The stand-in and the proxy in front of it, stopped (and their state removed) on drop, also
/// when an assertion fails.
pub struct Servers {
    couch: Child,
    proxy: Child,
    state: PathBuf,
    couch_port: u16,
    /// The proxy's port: the stand-in is under `/couch/` there.
    pub port: u16,
}

impl Servers {
    /// Starts both; `tag` keeps the state directories of two test binaries apart.
    pub fn start(tag: &str) -> Servers {
        let state = std::env::temp_dir().join(format!("huifang-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&state);
        std::fs::create_dir_all(state.join("site")).expect("state dir");
        std::fs::write(state.join("site/index.html"), "<!doctype html><title>app</title>\n").expect("index.html");
        let couch_port = free_port();
        let couch = spawn_couch(&state, couch_port);
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
        let mut servers = Servers { couch, proxy, state, couch_port, port };
        servers.wait_ready();
        servers
    }

    /// Stops the stand-in and starts it again on the same port, behind the same proxy. It keeps
    /// everything in memory: every user, database and session is gone.
    pub fn restart_couch(&mut self) {
        let _ = self.couch.kill();
        let _ = self.couch.wait();
        self.couch = spawn_couch(&self.state, self.couch_port);
        self.wait_ready();
    }

    /// Until the admin can log in through the proxy: the server listens and has made `_users`.
    pub fn wait_ready(&mut self) {
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

    /// The stand-in's own port (behind no proxy).
    pub fn couch_port(&self) -> u16 {
        self.couch_port
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.state.join("couch/log.txt")).unwrap_or_default()
    }

    /// The server still runs: the bugs noted in docs/sync-server.md stop the whole process.
    pub fn assert_alive(&mut self) {
        assert!(self.couch.try_wait().expect("try_wait").is_none(), "pouchdb-server died; log: {}", self.log());
    }
}

/// `run` ends in `exec node …`: the child is the server itself, so killing it stops it.
fn spawn_couch(state: &std::path::Path, port: u16) -> Child {
    Command::new("bash")
        .arg(root().join("scripts/couch_server.sh"))
        .args(["run", &port.to_string()])
        .arg(state.join("couch"))
        .env("HUIFANG_COUCH_ADMIN", ADMIN.0)
        .env("HUIFANG_COUCH_PASSWORD", ADMIN.1)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("bash scripts/couch_server.sh run")
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

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The `AuthSession=…` pair of the response's Set-Cookie, and the whole header.
    pub fn session_cookie(&self) -> (String, String) {
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
pub fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&Value>) -> Response {
    request_raw(port, method, path, headers, body.map(|b| ("application/json", b.to_string().into_bytes())))
}

pub fn request_raw(
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
pub struct Session {
    pub port: u16,
    pub cookie: String,
}

impl Session {
    pub fn login(port: u16, name: &str, password: &str) -> Session {
        let response =
            request(port, "POST", "/couch/_session", &[], Some(&json!({"name": name, "password": password})));
        assert_eq!(response.status, 200, "login {name}: {}", String::from_utf8_lossy(&response.body));
        Session { port, cookie: response.session_cookie().0 }
    }

    pub fn send(&self, method: &str, path: &str, body: Option<&Value>) -> Response {
        request(
            self.port,
            method,
            &format!("/couch{path}"),
            &[("Cookie", &self.cookie), ("Accept", "application/json")],
            body,
        )
    }

    pub fn get(&self, path: &str) -> Response {
        self.send("GET", path, None)
    }
}

#[track_caller]
pub fn expect(response: &Response, status: u16) -> Value {
    assert_eq!(response.status, status, "body: {}", String::from_utf8_lossy(&response.body));
    response.json()
}

/// Prints why the test does nothing when the stand-in is missing.
pub fn skip_unless_installed() -> bool {
    if installed() {
        return false;
    }
    eprintln!(
        "SKIPPED: pouchdb-server is not installed (source scripts/tools.sh && ensure_couch_server; \
         scripts/test.sh does it)"
    );
    true
}

pub fn installed() -> bool {
    root().join("scripts/couch/node_modules/pouchdb-server/package.json").exists()
}
