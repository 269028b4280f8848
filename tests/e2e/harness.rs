//! Starts a plain static file server on the built `dist/` and chromedriver, and hands each test a
//! fresh Chromium profile. The browser runs in Asia/Shanghai, not UTC, so that date handling is
//! exercised in a real local time zone.

use fantoccini::elements::Element;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use futures::FutureExt;
use serde_json::{Value, json};
use std::future::Future;
use std::net::{TcpListener, TcpStream};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const PHONE: (u32, u32) = (390, 844);
pub const TABLET: (u32, u32) = (820, 1180);
pub const DESKTOP: (u32, u32) = (1366, 900);

/// How long to wait for the app to show something before failing.
pub const PATIENCE: Duration = Duration::from_secs(15);

pub struct Harness {
    server: Child,
    driver: Child,
    driver_url: String,
    pub base: String,
    profiles: Vec<PathBuf>,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

fn wait_for_port(port: u16, what: &str) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(20), "{what} did not start on port {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

pub fn dist_dir() -> PathBuf {
    let dist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(dist.join("index.html").exists(), "build dist/ first (scripts/test.sh does: trunk build --release)");
    dist
}

impl Harness {
    pub fn start() -> Harness {
        Harness::start_serving(&dist_dir())
    }

    /// The same static server on another directory: the benchmark against a plain page serves a
    /// directory holding dist/ and the plain page (tests/e2e/baseline.rs).
    pub fn start_serving(root: &std::path::Path) -> Harness {
        Harness::start_serving_with(root, &[])
    }

    /// dist/ with `/couch/` proxied to a CouchDB stand-in on `couch_port`, under the app's own
    /// origin, as the README's deployment does (tests/e2e/sync.rs).
    pub fn start_with_couch(couch_port: u16) -> Harness {
        let proxy = format!("/couch/=http://127.0.0.1:{couch_port}/");
        Harness::start_serving_with(&dist_dir(), &["--proxy".to_string(), proxy])
    }

    fn start_serving_with(root: &std::path::Path, extra: &[String]) -> Harness {
        let server_port = free_port();
        // A plain static server with no fallback to index.html: deep links must work without one.
        // It sends the build's precompressed copies (.br, .gz) as a well-configured host does
        // (README, "Build for static hosting"). Given the directory rather than run inside dist/,
        // which trunk may replace during a build.
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/static_server.py");
        let server = Command::new("python3")
            .arg(script)
            .arg(server_port.to_string())
            .arg(root)
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 scripts/static_server.py");
        let driver_port = free_port();
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Command::new(chromedriver)
            .arg(format!("--port={driver_port}"))
            .env("TZ", "Asia/Shanghai")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (install chromium-driver)");
        wait_for_port(server_port, "the static server");
        wait_for_port(driver_port, "chromedriver");
        Harness {
            server,
            driver,
            driver_url: format!("http://127.0.0.1:{driver_port}"),
            base: format!("http://127.0.0.1:{server_port}/"),
            profiles: Vec::new(),
        }
    }

    /// A new, empty browser profile directory, removed when the harness stops.
    pub fn new_profile(&mut self) -> PathBuf {
        let profile = std::env::temp_dir().join(format!("huifang-e2e-{}-{}", std::process::id(), free_port()));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).expect("profile dir");
        self.profiles.push(profile.clone());
        profile
    }

    /// A browser with a new, empty profile (no storage from any other session).
    pub async fn browser(&mut self, size: (u32, u32)) -> Client {
        let profile = self.new_profile();
        self.browser_with_profile(size, &profile).await
    }

    /// A browser on an existing profile: what a user gets when they reopen the browser.
    pub async fn browser_with_profile(&mut self, size: (u32, u32), profile: &std::path::Path) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--lang=zh-CN",
                    format!("--user-data-dir={}", profile.display()),
                    format!("--window-size={},{}", size.0, size.1),
                ]
            }),
        );
        let client = ClientBuilder::rustls()
            .expect("tls")
            .capabilities(caps)
            .connect(&self.driver_url)
            .await
            .expect("a WebDriver session");
        client.set_window_size(size.0, size.1).await.ok();
        client
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.server.kill();
        let _ = self.driver.wait();
        let _ = self.server.wait();
        for profile in &self.profiles {
            let _ = std::fs::remove_dir_all(profile);
        }
    }
}

/// Runs `test` with a harness and closes every browser session afterwards, even when the test
/// fails (a leaked session keeps Chromium running).
pub async fn run<F, Fut>(test: F)
where
    F: FnOnce(Sessions) -> Fut,
    Fut: Future<Output = ()>,
{
    run_with(Harness::start(), test).await
}

/// [`run`] with the static server on `root` instead of dist/.
pub async fn run_serving<F, Fut>(root: &std::path::Path, test: F)
where
    F: FnOnce(Sessions) -> Fut,
    Fut: Future<Output = ()>,
{
    run_with(Harness::start_serving(root), test).await
}

/// [`run`] with `/couch/` proxied to a CouchDB stand-in on `couch_port`.
pub async fn run_with_couch<F, Fut>(couch_port: u16, test: F)
where
    F: FnOnce(Sessions) -> Fut,
    Fut: Future<Output = ()>,
{
    run_with(Harness::start_with_couch(couch_port), test).await
}

async fn run_with<F, Fut>(harness: Harness, test: F)
where
    F: FnOnce(Sessions) -> Fut,
    Fut: Future<Output = ()>,
{
    let sessions =
        Sessions { harness: std::sync::Arc::new(tokio::sync::Mutex::new(harness)), clients: Default::default() };
    let outcome = AssertUnwindSafe(test(sessions.clone())).catch_unwind().await;
    for client in sessions.clients.lock().await.drain(..) {
        let _ = client.close().await;
    }
    drop(sessions);
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Opens browsers for a test and remembers them so that [`run`] can close them.
#[derive(Clone)]
pub struct Sessions {
    harness: std::sync::Arc<tokio::sync::Mutex<Harness>>,
    clients: std::sync::Arc<tokio::sync::Mutex<Vec<Client>>>,
}

impl Sessions {
    pub async fn open(&self, size: (u32, u32)) -> Client {
        let client = self.harness.lock().await.browser(size).await;
        self.clients.lock().await.push(client.clone());
        client
    }

    pub async fn new_profile(&self) -> PathBuf {
        self.harness.lock().await.new_profile()
    }

    /// Opens a browser on `profile`. Close it with [`Sessions::close`] before reopening the profile.
    pub async fn open_profile(&self, size: (u32, u32), profile: &std::path::Path) -> Client {
        let client = self.harness.lock().await.browser_with_profile(size, profile).await;
        self.clients.lock().await.push(client.clone());
        client
    }

    /// Closes a browser (its Chromium process ends, as when a user quits).
    pub async fn close(&self, client: Client) {
        let _ = client.close().await;
    }

    pub async fn base(&self) -> String {
        self.harness.lock().await.base.clone()
    }

    /// The page at `fragment` (e.g. `#/settings`), once the app has mounted and loaded its data.
    pub async fn open_at(&self, size: (u32, u32), fragment: &str) -> Client {
        let client = self.open(size).await;
        let base = self.base().await;
        client.goto(&format!("{base}{fragment}")).await.expect("navigate");
        wait_ready(&client).await;
        client
    }
}

/// Waits until the app has mounted and finished loading from storage.
pub async fn wait_ready(client: &Client) {
    client.wait().at_most(PATIENCE).for_element(Locator::Css(".app")).await.expect("the app mounts");
    let start = Instant::now();
    while client.find(Locator::Css(".loading")).await.is_ok() {
        assert!(start.elapsed() < PATIENCE, "the app is still loading after {PATIENCE:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub async fn find(client: &Client, css: &str) -> Element {
    client
        .wait()
        .at_most(PATIENCE)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css}: {e}"))
}

pub async fn text(client: &Client, css: &str) -> String {
    find(client, css).await.text().await.unwrap_or_else(|e| panic!("text of {css}: {e}"))
}

/// Waits until the element's text contains `expected`.
pub async fn wait_text(client: &Client, css: &str, expected: &str) {
    wait_text_within(client, css, expected, PATIENCE).await
}

/// Waits until the element's text contains `expected`, for at most `patience`: for the work that
/// is slow by nature, such as reading a book of tens of thousands of customers.
pub async fn wait_text_within(client: &Client, css: &str, expected: &str, patience: Duration) {
    let start = Instant::now();
    loop {
        if let Ok(element) = client.find(Locator::Css(css)).await {
            if let Ok(text) = element.text().await {
                if text.contains(expected) {
                    return;
                }
                if start.elapsed() > patience {
                    panic!("{css} shows {text:?}, expected it to contain {expected:?}");
                }
            }
        } else if start.elapsed() > patience {
            panic!("no element {css} (waiting for {expected:?})");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub async fn click(client: &Client, css: &str) {
    find(client, css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
}

/// Clicks an element after bringing it to the middle of the screen, clear of the phone's bottom
/// navigation bar.
/// Waits for the element first, as [`click`] does: a page still drawing it is not a failure.
pub async fn press(client: &Client, css: &str) {
    find(client, css).await;
    eval(client, &format!("document.querySelector({css:?}).scrollIntoView({{ block: 'center' }})")).await;
    click(client, css).await;
}

/// Replaces the value of a text field, as typing would.
pub async fn fill(client: &Client, css: &str, value: &str) {
    let field = find(client, css).await;
    field.clear().await.unwrap_or_else(|e| panic!("clear {css}: {e}"));
    field.send_keys(value).await.unwrap_or_else(|e| panic!("type into {css}: {e}"));
}

pub async fn eval(client: &Client, script: &str) -> Value {
    client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}"))
}

/// Saves a screenshot under target/screenshots for a person to look at.
pub async fn screenshot(client: &Client, name: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    let _ = std::fs::create_dir_all(&dir);
    if let Ok(png) = client.screenshot().await {
        let _ = std::fs::write(dir.join(format!("{name}.png")), png);
    }
}

/// A Chrome DevTools Protocol command sent through chromedriver (`goog/cdp/execute`): quota,
/// network conditions and the like, which WebDriver itself cannot set.
#[derive(Debug)]
pub struct Cdp {
    pub cmd: &'static str,
    pub params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()))
    }
}

pub async fn cdp(client: &Client, cmd: &'static str, params: Value) -> Value {
    client.issue_cmd(Cdp { cmd, params }).await.unwrap_or_else(|e| panic!("CDP {cmd}: {e}"))
}

/// Makes the page's clock start at `iso` (e.g. `2026-06-03T09:30:00+08:00`) on every page loaded
/// afterwards in this browser, and run on from there: "today" in the app is then known to the test.
/// Call before navigating.
pub async fn set_clock(client: &Client, iso: &str) {
    let source = format!(
        r#"(() => {{
            const start = new Date({iso:?}).getTime();
            const realNow = Date.now.bind(Date);
            const offset = start - realNow();
            const RealDate = Date;
            class FakeDate extends RealDate {{
                constructor(...args) {{
                    if (args.length === 0) {{ super(realNow() + offset); }} else {{ super(...args); }}
                }}
                static now() {{ return realNow() + offset; }}
            }}
            globalThis.Date = FakeDate;
        }})();"#
    );
    cdp(client, "Page.enable", json!({})).await;
    cdp(client, "Page.addScriptToEvaluateOnNewDocument", json!({ "source": source })).await;
}

/// Page functions that read and write the app's records in IndexedDB the way the app stores them
/// (src/store/pages.rs): customers, visits, feedback, campaigns, agenda marks and scripts in pages
/// of the `pages` store (`"<collection>/<nnnn>"`, UTF-8 bytes of one `<key>\t<JSON>` line per
/// record, sorted by key, the page number FNV-1a of the key's UTF-8 bytes modulo `PAGES`, 256), signatures and meta one
/// record per key. Prepend to a script; each function returns a promise.
/// - `readRecord(collection, key)`: the stored JSON string, or `null`;
/// - `allRecords(collection)`: `[key, json]` pairs sorted by key;
/// - `countRecords(collection)`;
/// - `putRawRecords(writes)`: `[collection, key, json]` triples, in one transaction;
///   `putRawRecord(collection, key, json)` for one.
pub const IDB_RECORD_JS: &str = r#"
    const HF_PAGED = ['customers', 'visits', 'feedback', 'campaigns', 'agenda_marks', 'scripts'];
    function hfPageKey(collection, key) {
        let h = 0x811c9dc5;
        for (const b of new TextEncoder().encode(key)) { h ^= b; h = Math.imul(h, 0x01000193); }
        return collection + '/' + String((h >>> 0) % 256).padStart(4, '0');
    }
    function hfLines(value) {
        const text = value instanceof Uint8Array ? new TextDecoder().decode(value) : value;
        if (typeof text !== 'string' || text === '') return [];
        return text.split('\n').filter(l => l).map(l => {
            const i = l.indexOf('\t');
            return i < 0 ? [l, ''] : [l.slice(0, i), l.slice(i + 1)];
        });
    }
    function hfRequest(req) {
        return new Promise((resolve, reject) => { req.onsuccess = () => resolve(req.result); req.onerror = () => reject(req.error); });
    }
    function hfOpen() { return hfRequest(indexedDB.open('huifang')); }
    function hfStore(collection) { return HF_PAGED.includes(collection) ? 'pages' : collection; }
    async function readRecord(collection, key) {
        const db = await hfOpen();
        try {
            const store = db.transaction(hfStore(collection), 'readonly').objectStore(hfStore(collection));
            if (!HF_PAGED.includes(collection)) return (await hfRequest(store.get(key))) ?? null;
            const line = hfLines(await hfRequest(store.get(hfPageKey(collection, key)))).find(([k]) => k === key);
            return line ? line[1] : null;
        } finally { db.close(); }
    }
    async function allRecords(collection) {
        const db = await hfOpen();
        try {
            const store = db.transaction(hfStore(collection), 'readonly').objectStore(hfStore(collection));
            if (!HF_PAGED.includes(collection)) {
                const [keys, values] = await Promise.all([hfRequest(store.getAllKeys()), hfRequest(store.getAll())]);
                return keys.map((k, i) => [k, values[i]]);
            }
            const range = IDBKeyRange.bound(collection + '/', collection + '0', false, true);
            const pages = await hfRequest(store.getAll(range));
            return pages.flatMap(hfLines).sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
        } finally { db.close(); }
    }
    async function countRecords(collection) { return (await allRecords(collection)).length; }
    async function putRawRecords(writes) {
        if (writes.length === 0) return 'ok';
        const db = await hfOpen();
        try {
            const names = [...new Set(writes.map(([c]) => hfStore(c)))];
            const tx = db.transaction(names, 'readwrite');
            const done = new Promise((resolve, reject) => {
                tx.oncomplete = () => resolve('ok');
                tx.onabort = () => reject(tx.error);
            });
            const pages = new Map();
            for (const [collection, key, json] of writes) {
                if (!HF_PAGED.includes(collection)) { tx.objectStore(collection).put(json, key); continue; }
                const page = hfPageKey(collection, key);
                if (!pages.has(page)) pages.set(page, []);
                pages.get(page).push([key, json]);
            }
            if (pages.size > 0) {
                const store = tx.objectStore('pages');
                const read = await Promise.all([...pages.keys()].map(page => hfRequest(store.get(page))));
                [...pages.entries()].forEach(([page, lines], i) => {
                    const merged = new Map(hfLines(read[i]));
                    for (const [key, json] of lines) merged.set(key, json);
                    const sorted = [...merged.entries()].sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
                    store.put(new TextEncoder().encode(sorted.map(([k, v]) => k + '\t' + v).join('\n')), page);
                });
            }
            return await done;
        } finally { db.close(); }
    }
    function putRawRecord(collection, key, json) { return putRawRecords([[collection, key, json]]); }
"#;

/// Writes records straight into the app's IndexedDB, as if an earlier session had saved them, then
/// reloads. `data` is `{"customers": [..], "visits": [..], "feedback": [..], "settings": {..}}`
/// with records in the stored JSON shape (see src/domain). The app must have loaded once in this
/// browser (it creates the database).
pub async fn seed(client: &Client, data: Value) {
    let script = format!(
        "{IDB_RECORD_JS}{}",
        r#"
        const [data, done] = arguments;
        const writes = [];
        for (const [name, value] of Object.entries(data)) {
            if (name === 'settings') {
                writes.push(['meta', 'settings', JSON.stringify(value)]);
                continue;
            }
            const key = name === 'signatures' ? 'visit_id' : 'id';
            for (const record of value) writes.push([name, record[key], JSON.stringify(record)]);
        }
        putRawRecords(writes).then(done, e => done('failed: ' + e));
    "#
    );
    let result = client.execute_async(&script, vec![data]).await.unwrap_or_else(|e| panic!("seed: {e}"));
    assert_eq!(result, json!("ok"), "seeding IndexedDB");
    client.refresh().await.expect("reload after seeding");
    wait_ready(client).await;
}
