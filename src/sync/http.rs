//! The engine's side of HTTP: requests as data, replies as data, and what every status means.
//!
//! The engine never sends anything itself (sans-IO): the browser integration turns a
//! [`Request`] into a `fetch` (JSON bodies, `credentials: "include"` so the `_session` cookie
//! goes along), host tests hand it to a fake server.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// What a request's path is relative to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// The user's database URL (`https://couch.example/userdb-6c69/`).
    Database,
    /// The server's root (`https://couch.example/`), for `_session`.
    Server,
}

/// One HTTP request to make. A body is always JSON (`Content-Type: application/json`; CouchDB
/// answers 415 to anything else on `_bulk_docs` and friends).
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    pub method: Method,
    pub base: Base,
    /// Relative to `base`, query included: `_changes?style=all_docs&since=0&limit=100`.
    pub path: String,
    pub body: Option<String>,
}

impl Request {
    pub(crate) fn new(method: Method, path: impl Into<String>, body: Option<String>) -> Request {
        Request { method, base: Base::Database, path: path.into(), body }
    }
}

/// Bodies stay out of debug output: a sign-in body holds the password.
impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let size = self.body.as_ref().map(String::len);
        write!(f, "{} {:?} {} (body: {size:?} bytes)", self.method.as_str(), self.base, self.path)
    }
}

/// A reply that arrived, whatever its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub body: String,
    /// The `Retry-After` header in seconds, when the server sent one (429, 503).
    pub retry_after: Option<u64>,
}

impl Response {
    pub fn new(status: u16, body: impl Into<String>) -> Response {
        Response { status, body: body.into(), retry_after: None }
    }
}

/// A request that got no reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// No network (`fetch` rejected, `navigator.onLine` false): stop and wait for it to return.
    Offline,
    /// No answer in time: worth a few more tries.
    Timeout,
}

pub type Reply = Result<Response, Transport>;

/// Why a sync stopped. Each HTTP outcome that is not success maps to one of these; the shell
/// turns them into words (`src/i18n`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error("no network")]
    Offline,
    /// 401 on the database, and `GET /_session` says nobody is signed in: the session cookie
    /// expired or was never there.
    #[error("session expired")]
    NeedsLogin,
    /// 401 on `POST _session`: name or password is wrong.
    #[error("wrong name or password")]
    WrongPassword,
    /// 403, or 401 while `GET /_session` names a user (pouchdb-server): signed in, but this
    /// database is not one the user may read or write.
    #[error("not allowed on this database")]
    Forbidden,
    /// 404 from the database itself: the address names no database (or it was deleted).
    #[error("the database does not exist")]
    MissingDatabase,
    /// 429 or 5xx (or no answer in time) on every try: the server is there but not serving.
    #[error("the server is unavailable")]
    Unavailable,
    /// 413 with a single document: the server's `max_document_size` is below this record.
    #[error("the record {id} is larger than the server accepts")]
    TooLarge { id: String },
    /// Documents the server refused one by one (a `validate_doc_update` says `forbidden`); they
    /// stay in the outbox.
    #[error("{count} records were refused by the server")]
    Rejected { count: usize },
    /// 409 on our own checkpoint, twice: another tab or device syncs with the same id.
    #[error("another sync of this device is running")]
    Busy,
    /// The server sent a record written by a newer version of the app.
    #[error("a record needs a newer version of the app")]
    NewerApp,
    /// The local book kept changing under a pull batch.
    #[error("the book kept changing during the sync")]
    LocalChanged,
    /// 400: the request was wrong (a bug of ours, or a server that is not CouchDB).
    #[error("bad request: {reason}")]
    BadRequest { reason: String },
    /// 415: a body was not sent as JSON (a bug of the transport).
    #[error("the server refused the request's content type")]
    UnsupportedMediaType,
    /// A success status whose body is not what CouchDB sends.
    #[error("unexpected answer from {endpoint}")]
    Malformed { endpoint: &'static str },
    /// The driver answered an action the engine did not ask for (a bug of the driver).
    #[error("the sync driver answered out of step")]
    OutOfStep,
    /// 412 and any status this list does not name.
    #[error("unexpected HTTP status {status}")]
    Unexpected { status: u16 },
}

/// Which kind of request a reply answers; some statuses mean different things per endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Endpoint {
    Checkpoint,
    Changes,
    RevsDiff,
    BulkDocs,
    BulkGet,
    Session,
}

impl Endpoint {
    fn name(self) -> &'static str {
        match self {
            Endpoint::Checkpoint => "_local",
            Endpoint::Changes => "_changes",
            Endpoint::RevsDiff => "_revs_diff",
            Endpoint::BulkDocs => "_bulk_docs",
            Endpoint::BulkGet => "_bulk_get",
            Endpoint::Session => "_session",
        }
    }
}

/// A non-success reply, before the engine decides what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// Ends the run.
    Fatal(SyncError),
    /// Try the same request again later (429, 5xx, timeout).
    Retry { after_ms: Option<u64> },
    /// 404 of a document (a checkpoint not written yet): normal.
    NotFound,
    /// 409: the document changed since we read it.
    Conflict,
    /// 413: the body was too large.
    TooLarge,
}

#[derive(Deserialize, Default)]
struct ErrorBody {
    #[serde(default)]
    reason: String,
}

impl Failure {
    /// A failure where the engine expected none of the recoverable kinds.
    pub(crate) fn into_error(self) -> SyncError {
        match self {
            Failure::Fatal(error) => error,
            Failure::Retry { .. } => SyncError::Unavailable,
            Failure::NotFound => SyncError::MissingDatabase,
            Failure::Conflict => SyncError::Unexpected { status: 409 },
            Failure::TooLarge => SyncError::Unexpected { status: 413 },
        }
    }
}

/// Sorts a reply into success (2xx) and the failure it is.
pub(crate) fn check(endpoint: Endpoint, reply: Reply) -> Result<Response, Failure> {
    let response = match reply {
        Ok(response) => response,
        Err(Transport::Offline) => return Err(Failure::Fatal(SyncError::Offline)),
        Err(Transport::Timeout) => return Err(Failure::Retry { after_ms: None }),
    };
    let reason = || serde_json::from_str::<ErrorBody>(&response.body).unwrap_or_default().reason;
    match response.status {
        200..=299 => Ok(response),
        400 => Err(Failure::Fatal(SyncError::BadRequest { reason: reason() })),
        401 if endpoint == Endpoint::Session => Err(Failure::Fatal(SyncError::WrongPassword)),
        401 => Err(Failure::Fatal(SyncError::NeedsLogin)),
        403 => Err(Failure::Fatal(SyncError::Forbidden)),
        // CouchDB says which 404 it is only in the reason: a missing checkpoint is "missing",
        // a missing database "Database does not exist.".
        404 if endpoint == Endpoint::Checkpoint && !reason().contains("Database does not exist") => {
            Err(Failure::NotFound)
        }
        404 => Err(Failure::Fatal(SyncError::MissingDatabase)),
        409 => Err(Failure::Conflict),
        413 => Err(Failure::TooLarge),
        415 => Err(Failure::Fatal(SyncError::UnsupportedMediaType)),
        429 | 500 | 502 | 503 | 504 => {
            Err(Failure::Retry { after_ms: response.retry_after.map(|s| s.saturating_mul(1000)) })
        }
        status => Err(Failure::Fatal(SyncError::Unexpected { status })),
    }
}

/// Reads a success body; a body that is not what CouchDB sends is an error, never a panic.
pub(crate) fn parse<T: DeserializeOwned>(endpoint: Endpoint, response: &Response) -> Result<T, SyncError> {
    serde_json::from_str(&response.body).map_err(|_| SyncError::Malformed { endpoint: endpoint.name() })
}

/// How often one request is tried before the run gives up (about half a minute of waiting).
pub const MAX_TRIES: u32 = 5;

/// The wait before try `tries + 1`: 1, 2, 4, 8 s…, at most a minute; a server's `Retry-After`
/// wins, up to five minutes. No jitter: one user's devices do not stampede a server.
pub(crate) fn backoff_ms(tries: u32, server_says: Option<u64>) -> u64 {
    match server_says {
        Some(ms) => ms.min(300_000),
        None => 1000u64.saturating_mul(1 << tries.min(6)).min(60_000),
    }
}

/// Percent-encodes a query value (sequence ids are opaque text).
pub(crate) fn query_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(endpoint: Endpoint, code: u16, body: &str) -> Result<Response, Failure> {
        check(endpoint, Ok(Response::new(code, body)))
    }

    #[test]
    fn every_http_outcome_has_one_meaning() {
        use Endpoint::*;
        assert!(status(Changes, 200, "{}").is_ok());
        assert!(status(BulkDocs, 201, "[]").is_ok());
        assert_eq!(status(Changes, 401, ""), Err(Failure::Fatal(SyncError::NeedsLogin)));
        assert_eq!(status(Session, 401, ""), Err(Failure::Fatal(SyncError::WrongPassword)));
        assert_eq!(status(Changes, 403, ""), Err(Failure::Fatal(SyncError::Forbidden)));
        let no_db = r#"{"error":"not_found","reason":"Database does not exist."}"#;
        assert_eq!(status(Checkpoint, 404, no_db), Err(Failure::Fatal(SyncError::MissingDatabase)));
        assert_eq!(status(Checkpoint, 404, r#"{"error":"not_found","reason":"missing"}"#), Err(Failure::NotFound));
        assert_eq!(status(Changes, 404, ""), Err(Failure::Fatal(SyncError::MissingDatabase)));
        assert_eq!(status(Checkpoint, 409, ""), Err(Failure::Conflict));
        assert_eq!(status(Checkpoint, 412, ""), Err(Failure::Fatal(SyncError::Unexpected { status: 412 })));
        assert_eq!(status(BulkDocs, 413, ""), Err(Failure::TooLarge));
        assert_eq!(status(BulkDocs, 415, ""), Err(Failure::Fatal(SyncError::UnsupportedMediaType)));
        let bad = status(BulkGet, 400, r#"{"error":"bad_request","reason":"Missing JSON list of 'docs'."}"#);
        assert_eq!(bad, Err(Failure::Fatal(SyncError::BadRequest { reason: "Missing JSON list of 'docs'.".into() })));
        for busy in [429, 500, 502, 503, 504] {
            assert_eq!(status(Changes, busy, "<html>"), Err(Failure::Retry { after_ms: None }), "{busy}");
        }
        let mut slow = Response::new(429, "");
        slow.retry_after = Some(7);
        assert_eq!(check(Changes, Ok(slow)), Err(Failure::Retry { after_ms: Some(7000) }));
        assert_eq!(check(Changes, Err(Transport::Offline)), Err(Failure::Fatal(SyncError::Offline)));
        assert_eq!(check(Changes, Err(Transport::Timeout)), Err(Failure::Retry { after_ms: None }));
        assert_eq!(status(Changes, 418, ""), Err(Failure::Fatal(SyncError::Unexpected { status: 418 })));
    }

    #[test]
    fn waits_grow_and_are_capped() {
        let waits: Vec<u64> = (0..8).map(|t| backoff_ms(t, None)).collect();
        assert_eq!(waits, [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
        assert_eq!(backoff_ms(0, Some(7000)), 7000);
        assert_eq!(backoff_ms(0, Some(86_400_000)), 300_000);
    }

    #[test]
    fn opaque_sequences_survive_the_query_string() {
        assert_eq!(query_value("12-g1AAAA_x~"), "12-g1AAAA_x~");
        assert_eq!(query_value("a b/+=[\"]"), "a%20b%2F%2B%3D%5B%22%5D");
        assert_eq!(query_value("序"), "%E5%BA%8F");
    }

    #[test]
    fn a_request_never_prints_its_body() {
        let request = Request::new(Method::Post, "_session", Some(r#"{"password":"秘密"}"#.into()));
        assert!(!format!("{request:?}").contains("秘密"));
    }
}
