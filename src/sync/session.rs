//! Signing in to CouchDB with a session cookie (`/_session`).
//!
//! The browser keeps the `AuthSession` cookie (HttpOnly, sent with `credentials: "include"`);
//! the app never sees it. The password passes through [`sign_in`] into one request body and is
//! kept nowhere: [`Password`] cannot be cloned, serialised or printed.

use super::http::{self, Base, Endpoint, Method, Reply, Request, SyncError};
use serde::Deserialize;
use serde_json::json;
use std::fmt;

/// A password on its way to the server.
pub struct Password(String);

impl Password {
    pub fn new(text: String) -> Password {
        Password(text)
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

/// Who the server says is signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub name: String,
    pub roles: Vec<String>,
}

/// `POST /_session` with the name and password as JSON.
pub fn sign_in(name: &str, password: Password) -> Request {
    let body = json!({ "name": name, "password": password.0 }).to_string();
    Request { method: Method::Post, base: Base::Server, path: "_session".into(), body: Some(body) }
}

/// `GET /_session`: is the cookie still good?
pub fn check() -> Request {
    Request { method: Method::Get, base: Base::Server, path: "_session".into(), body: None }
}

/// `DELETE /_session`: forget the cookie.
pub fn sign_out() -> Request {
    Request { method: Method::Delete, base: Base::Server, path: "_session".into(), body: None }
}

#[derive(Deserialize)]
struct SignedIn {
    ok: bool,
    name: Option<String>,
    #[serde(default)]
    roles: Vec<String>,
}

#[derive(Deserialize)]
struct Current {
    #[serde(rename = "userCtx")]
    user: UserCtx,
}

#[derive(Deserialize)]
struct UserCtx {
    name: Option<String>,
    #[serde(default)]
    roles: Vec<String>,
}

/// The answer to [`sign_in`]: the session, or why not ([`SyncError::WrongPassword`] for 401).
pub fn signed_in(reply: Reply) -> Result<Session, SyncError> {
    let response = http::check(Endpoint::Session, reply).map_err(http::Failure::into_error)?;
    let answer: SignedIn = http::parse(Endpoint::Session, &response)?;
    match (answer.ok, answer.name) {
        (true, Some(name)) => Ok(Session { name, roles: answer.roles }),
        _ => Err(SyncError::Malformed { endpoint: "_session" }),
    }
}

/// The answer to [`check`]: `None` when nobody is signed in (the cookie expired).
pub fn current(reply: Reply) -> Result<Option<Session>, SyncError> {
    let response = http::check(Endpoint::Session, reply).map_err(http::Failure::into_error)?;
    let answer: Current = http::parse(Endpoint::Session, &response)?;
    Ok(answer.user.name.map(|name| Session { name, roles: answer.user.roles }))
}

/// The database `couch_peruser` makes for a user: `userdb-` and the name's UTF-8 bytes in hex.
pub fn user_database(name: &str) -> String {
    let hex: String = name.bytes().map(|b| format!("{b:02x}")).collect();
    format!("userdb-{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::http::{Response, Transport};

    #[test]
    fn signing_in_sends_the_password_once_and_never_shows_it() {
        let request = sign_in("li.na", Password::new("s3cret 密".into()));
        assert_eq!((request.method, request.base, request.path.as_str()), (Method::Post, Base::Server, "_session"));
        let body: serde_json::Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(body, json!({"name": "li.na", "password": "s3cret 密"}));
        assert!(!format!("{request:?}").contains("s3cret"));
        assert_eq!(format!("{:?}", Password::new("s3cret".into())), "Password(…)");
    }

    #[test]
    fn the_servers_answer_says_who_is_signed_in_or_why_not() {
        let ok = Response::new(200, r#"{"ok":true,"name":"li.na","roles":["agents"]}"#);
        assert_eq!(signed_in(Ok(ok)), Ok(Session { name: "li.na".into(), roles: vec!["agents".into()] }));
        let wrong = Response::new(401, r#"{"error":"unauthorized","reason":"Name or password is incorrect."}"#);
        assert_eq!(signed_in(Ok(wrong)), Err(SyncError::WrongPassword));
        assert_eq!(signed_in(Err(Transport::Offline)), Err(SyncError::Offline));
        assert_eq!(signed_in(Ok(Response::new(200, "<html>"))), Err(SyncError::Malformed { endpoint: "_session" }));
        let expired = Response::new(200, r#"{"ok":true,"userCtx":{"name":null,"roles":[]},"info":{}}"#);
        assert_eq!(current(Ok(expired)), Ok(None));
        let still = Response::new(200, r#"{"ok":true,"userCtx":{"name":"li.na","roles":[]}}"#);
        assert_eq!(current(Ok(still)).map(|s| s.map(|s| s.name)), Ok(Some("li.na".into())));
        assert_eq!(sign_out().method, Method::Delete);
        assert_eq!(check().method, Method::Get);
    }

    #[test]
    fn a_users_own_database_is_named_as_couch_peruser_names_it() {
        assert_eq!(user_database("li.na"), "userdb-6c692e6e61");
        assert_eq!(user_database("张"), "userdb-e5bca0");
    }
}
