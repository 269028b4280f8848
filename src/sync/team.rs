//! A supervisor's review over sync: reading an agent's visit records of a period from the agent's
//! database, and writing a verdict into it, where the agent's devices pull it like any other edit.
//!
//! The supervisor's device does not copy the agent's book: it asks the server for the period's
//! records (`_find`, CouchDB 3.x's Mango query; the names of their customers with `_all_docs`),
//! and writes a verdict as a new revision of the visit record, on top of the one it read
//! (`new_edits: false`, as a push does). If the agent edited the record meanwhile, the agent's
//! device sees both versions as a conflict: nothing is overwritten silently. The database's
//! `_security` decides who may do this (docs/sync.md, "Teams").

use super::doc::{DocId, Revision, from_couch, to_couch};
use super::http::{self, Endpoint, Method, Reply, Request, SyncError};
use super::local;
use crate::domain::customer::Id;
use crate::domain::visit::{Review, Visit};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;

/// The most records one period's query returns; a month of one agent is far below it.
pub const MAX_RECORDS: usize = 5_000;

/// `POST _find`: the visit records of the days `from` to `to`, both included.
pub fn visits_between(from: NaiveDate, to: NaiveDate) -> Request {
    let after_last = to.succ_opt().unwrap_or(to);
    let body = json!({
        "selector": {
            "_id": {"$gt": "visits:", "$lt": "visits:\u{fff0}"},
            "record.at": {"$gte": from.to_string(), "$lt": after_last.to_string()},
        },
        "limit": MAX_RECORDS,
    });
    Request::new(Method::Post, "_find", Some(body.to_string()))
}

#[derive(Deserialize)]
struct Found {
    docs: Vec<Value>,
}

/// The records of the answer to [`visits_between`], newest first. Documents that are not visit
/// records of ours, or do not read as one, are passed over.
pub fn visits(reply: Reply) -> Result<Vec<Visit>, SyncError> {
    let response = http::check(Endpoint::BulkGet, reply).map_err(http::Failure::into_error)?;
    let found: Found = serde_json::from_str(&response.body).map_err(|_| SyncError::Malformed { endpoint: "_find" })?;
    let mut visits: Vec<Visit> = found.docs.iter().filter_map(visit_of).collect();
    visits.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| a.id.cmp(&b.id)));
    Ok(visits)
}

/// A visit document as the record it holds, upgraded when it is in an older format. `_find`
/// leaves out `_revisions`, so the document is read for its content only.
fn visit_of(doc: &Value) -> Option<Visit> {
    let id = DocId::parse(doc.get("_id")?.as_str()?)?;
    if id.collection != super::Collection::Visits || doc.get("_deleted").is_some() {
        return None;
    }
    let version = super::Version {
        path: super::RevPath::first(None),
        body: Some(doc.get("record")?.clone()),
        schema: u32::try_from(doc.get("schema")?.as_u64()?).ok()?,
    };
    let json = local::stored_form(super::Collection::Visits, &version, 0).ok()??;
    serde_json::from_str(&json).ok()
}

/// `POST _all_docs` for the customers of these ids.
pub fn customers(ids: &[Id]) -> Request {
    let keys: Vec<String> =
        ids.iter().map(|id| DocId::new(super::Collection::Customers, id.as_str()).to_string()).collect();
    Request::new(Method::Post, "_all_docs?include_docs=true", Some(json!({ "keys": keys }).to_string()))
}

/// Each customer's name, by id, from the answer to [`customers`] (missing and deleted ones left out).
pub fn names(reply: Reply) -> Result<HashMap<String, String>, SyncError> {
    let response = http::check(Endpoint::BulkGet, reply).map_err(http::Failure::into_error)?;
    let all: Value =
        serde_json::from_str(&response.body).map_err(|_| SyncError::Malformed { endpoint: "_all_docs" })?;
    let rows = all.get("rows").and_then(Value::as_array).ok_or(SyncError::Malformed { endpoint: "_all_docs" })?;
    Ok(rows
        .iter()
        .filter_map(|row| {
            let id = DocId::parse(row.get("id")?.as_str()?)?;
            let name = row.get("doc")?.get("record")?.get("name")?.as_str()?;
            Some((id.key, name.to_string()))
        })
        .collect())
}

/// `GET visits:<id>?revs=true`: the record as stored now, with its history, to write on top of.
pub fn current(visit: &str) -> Request {
    let id = DocId::new(super::Collection::Visits, visit).to_string();
    Request::new(Method::Get, format!("{}?revs=true", http::query_value(&id)), None)
}

/// The verdict as a new revision of the record read with [`current`], and the `_bulk_docs` that
/// stores it. `at` is when it is given (the record's `updated_at`).
pub fn with_verdict(reply: Reply, review: &Review, at: NaiveDateTime) -> Result<Request, SyncError> {
    let response = http::check(Endpoint::BulkGet, reply).map_err(http::Failure::into_error)?;
    let doc: Value = serde_json::from_str(&response.body).map_err(|_| SyncError::Malformed { endpoint: "visit" })?;
    let stored = from_couch(&doc).map_err(|_| SyncError::Malformed { endpoint: "visit" })?;
    if stored.version.schema > crate::domain::exchange::SCHEMA_VERSION {
        return Err(SyncError::NewerApp);
    }
    let mut body = stored.version.body.clone().ok_or(SyncError::MissingDatabase)?;
    let Value::Object(record) = &mut body else { return Err(SyncError::Malformed { endpoint: "visit" }) };
    let review = serde_json::to_value(review).map_err(|_| SyncError::Malformed { endpoint: "visit" })?;
    record.insert("review".into(), review);
    record.insert("updated_at".into(), Value::from(at.format("%Y-%m-%dT%H:%M:%S").to_string()));
    let edited = Revision { id: stored.id, version: stored.version.edit(Some(body)) };
    let docs = json!({ "docs": [to_couch(&edited)], "new_edits": false });
    Ok(Request::new(Method::Post, "_bulk_docs", Some(docs.to_string())))
}

/// The answer to the verdict's `_bulk_docs`: with `new_edits: false` the server lists only the
/// documents it refused.
pub fn verdict_stored(reply: Reply) -> Result<(), SyncError> {
    let response = http::check(Endpoint::BulkDocs, reply).map_err(http::Failure::into_error)?;
    let refused: Vec<Value> =
        serde_json::from_str(&response.body).map_err(|_| SyncError::Malformed { endpoint: "_bulk_docs" })?;
    let refused = refused.iter().filter(|r| r.get("error").is_some()).count();
    if refused > 0 { Err(SyncError::Rejected { count: refused }) } else { Ok(()) }
}

// Handing a customer over ------------------------------------------------------------------

/// `POST _find`: the customers of a database, id and name, for choosing whom to hand over.
pub fn customer_list() -> Request {
    let body = json!({
        "selector": {"_id": {"$gt": "customers:", "$lt": "customers:\u{fff0}"}},
        "fields": ["_id", "record.name"],
        "limit": MAX_RECORDS,
    });
    Request::new(Method::Post, "_find", Some(body.to_string()))
}

/// (id, name) of each customer in the answer to [`customer_list`], by name.
pub fn listed(reply: Reply) -> Result<Vec<(String, String)>, SyncError> {
    let response = http::check(Endpoint::BulkGet, reply).map_err(http::Failure::into_error)?;
    let found: Found = serde_json::from_str(&response.body).map_err(|_| SyncError::Malformed { endpoint: "_find" })?;
    let mut list: Vec<(String, String)> = found
        .docs
        .iter()
        .filter_map(|doc| {
            let id = DocId::parse(doc.get("_id")?.as_str()?)?;
            let name = doc.get("record")?.get("name")?.as_str()?;
            (id.collection == super::Collection::Customers).then(|| (id.key, name.to_string()))
        })
        .collect();
    list.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    Ok(list)
}

/// `POST _find`: the ids of a customer's record and of every record naming them (visits,
/// feedback items).
pub fn records_of(customer: &str) -> Request {
    let body = json!({
        "selector": {"$or": [
            {"_id": DocId::new(super::Collection::Customers, customer).to_string()},
            {"record.customer_id": customer},
        ]},
        "fields": ["_id"],
        "limit": MAX_RECORDS,
    });
    Request::new(Method::Post, "_find", Some(body.to_string()))
}

/// The ids in the answer to [`records_of`], with the signature each visit may have.
pub fn ids_of(reply: Reply) -> Result<Vec<DocId>, SyncError> {
    let response = http::check(Endpoint::BulkGet, reply).map_err(http::Failure::into_error)?;
    let found: Found = serde_json::from_str(&response.body).map_err(|_| SyncError::Malformed { endpoint: "_find" })?;
    let mut ids: Vec<DocId> = Vec::new();
    for id in found.docs.iter().filter_map(|d| DocId::parse(d.get("_id")?.as_str()?)) {
        if id.collection == super::Collection::Visits {
            ids.push(DocId::new(super::Collection::Signatures, id.key.clone()));
        }
        ids.push(id);
    }
    ids.sort();
    ids.dedup();
    Ok(ids)
}

/// `POST _bulk_get?revs=true`: these records as stored, with their history. A signature that was
/// never made comes back as an error and is passed over.
pub fn fetch(ids: &[DocId]) -> Request {
    let docs: Vec<Value> = ids.iter().map(|id| json!({"id": id.to_string()})).collect();
    Request::new(Method::Post, "_bulk_get?revs=true", Some(json!({ "docs": docs }).to_string()))
}

/// The records of the answer to [`fetch`].
pub fn fetched(reply: Reply) -> Result<Vec<Revision>, SyncError> {
    super::pull::bulk_got(reply)
}

/// `POST _bulk_docs` storing these revisions as they are, history included: the receiving
/// agent's devices pull them like any other record.
pub fn copy(revisions: &[Revision]) -> Request {
    let docs: Vec<Value> = revisions.iter().map(to_couch).collect();
    Request::new(Method::Post, "_bulk_docs", Some(json!({ "docs": docs, "new_edits": false }).to_string()))
}

/// `POST _bulk_docs` deleting these revisions (a deletion on top of each): the giving agent's
/// devices remove the records at their next sync. Only sent once the copy is stored.
pub fn remove(revisions: &[Revision]) -> Request {
    let gone: Vec<Revision> = revisions
        .iter()
        .filter(|r| !r.version.is_deleted())
        .map(|r| Revision { id: r.id.clone(), version: r.version.edit(None) })
        .collect();
    copy(&gone)
}

/// The answer to [`copy`] or [`remove`]: every record stored, or how many were refused.
pub fn stored(reply: Reply) -> Result<(), SyncError> {
    verdict_stored(reply)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::visit::Verdict;
    use crate::sync::http::{Response, Transport};
    use crate::sync::{Collection, Version};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn record(id: &str, at: &str) -> Value {
        json!({"id": id, "customer_id": "c1", "at": at, "content": "回访", "updated_at": at})
    }

    #[test]
    fn the_period_is_asked_for_by_day_with_its_last_day_included() {
        let request = visits_between(day(1), day(30));
        let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["selector"]["record.at"], json!({"$gte": "2026-11-01", "$lt": "2026-12-01"}));
        assert_eq!(request.path, "_find");
    }

    #[test]
    fn the_periods_records_are_read_newest_first_and_others_passed_over() {
        let doc = |id: &str, at: &str| json!({"_id": format!("visits:{id}"), "_rev": "1-a", "schema": 3, "record": record(id, at)});
        let body = json!({"docs": [
            doc("v1", "2026-11-02T09:00:00"),
            doc("v2", "2026-11-20T15:30:00"),
            {"_id": "customers:c1", "_rev": "1-b", "schema": 3, "record": {"name": "张伟"}},
            {"_id": "visits:v3", "_rev": "1-c", "schema": 3, "record": "not a record"},
        ]});
        let read = visits(Ok(Response::new(200, body.to_string()))).unwrap();
        let ids: Vec<&str> = read.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(ids, ["v2", "v1"]);
        assert_eq!(visits(Err(Transport::Offline)), Err(SyncError::Offline));
        assert_eq!(visits(Ok(Response::new(403, ""))), Err(SyncError::Forbidden));
    }

    #[test]
    fn a_verdict_is_a_new_revision_on_top_of_the_stored_one_keeping_every_field() {
        let stored = Revision {
            id: DocId::new(Collection::Visits, "v1"),
            version: Version::first(json!({"id": "v1", "content": "回访", "field_of_a_newer_app": 1})),
        };
        let review = Review {
            reviewer: "王经理".into(),
            comment: "请补充客户反馈".into(),
            on: day(21),
            verdict: Verdict::Returned,
        };
        let at = day(21).and_hms_opt(10, 0, 0).unwrap();
        let reply = Ok(Response::new(200, to_couch(&stored).to_string()));
        let request = with_verdict(reply, &review, at).unwrap();
        let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["new_edits"], false);
        let written = from_couch(&body["docs"][0]).unwrap();
        assert_eq!(written.version.path.parent(), Some(stored.version.path.rev()));
        let record = written.version.body.unwrap();
        assert_eq!(record["review"]["verdict"], serde_json::to_value(Verdict::Returned).unwrap());
        assert_eq!(record["review"]["comment"], "请补充客户反馈");
        assert_eq!(record["field_of_a_newer_app"], 1);
        assert_eq!(record["updated_at"], "2026-11-21T10:00:00");
        assert_eq!(verdict_stored(Ok(Response::new(201, "[]"))), Ok(()));
        let refused = r#"[{"id":"visits:v1","error":"forbidden","reason":"no"}]"#;
        assert_eq!(verdict_stored(Ok(Response::new(201, refused))), Err(SyncError::Rejected { count: 1 }));
        let gone = Ok(Response::new(404, r#"{"error":"not_found","reason":"deleted"}"#));
        assert_eq!(with_verdict(gone, &review, at), Err(SyncError::MissingDatabase));
    }

    #[test]
    fn a_handover_copies_the_records_with_their_history_then_deletes_them_on_top() {
        let found = json!({"docs": [{"_id": "customers:c1"}, {"_id": "visits:v1"}, {"_id": "feedback:f1"}, {"_id": "_design/x"}]});
        let ids = ids_of(Ok(Response::new(200, found.to_string()))).unwrap();
        let names: Vec<String> = ids.iter().map(ToString::to_string).collect();
        assert_eq!(names, ["customers:c1", "visits:v1", "feedback:f1", "signatures:v1"]);

        let first = Version::first(json!({"id": "c1", "name": "张伟"}));
        let revision = Revision {
            id: DocId::new(Collection::Customers, "c1"),
            version: first.edit(Some(json!({"id": "c1", "name": "张伟强"}))),
        };
        let answer = json!({"results": [
            {"id": "customers:c1", "docs": [{"ok": to_couch(&revision)}]},
            {"id": "signatures:v1", "docs": [{"error": {"id": "signatures:v1", "error": "not_found"}}]},
        ]});
        let got = fetched(Ok(Response::new(200, answer.to_string()))).unwrap();
        assert_eq!(got, vec![revision.clone()], "the missing signature is passed over");

        let copied: Value = serde_json::from_str(copy(&got).body.as_deref().unwrap()).unwrap();
        assert_eq!(copied["new_edits"], false);
        assert_eq!(from_couch(&copied["docs"][0]).unwrap(), revision, "the history travels with the record");
        let removed: Value = serde_json::from_str(remove(&got).body.as_deref().unwrap()).unwrap();
        let tombstone = from_couch(&removed["docs"][0]).unwrap();
        assert!(tombstone.version.is_deleted());
        assert_eq!(tombstone.version.path.parent(), Some(revision.version.path.rev()));
    }

    #[test]
    fn customer_names_come_by_id_and_missing_ones_are_left_out() {
        let request = customers(&["c1".into(), "c2".into()]);
        assert_eq!(
            serde_json::from_str::<Value>(request.body.as_deref().unwrap()).unwrap()["keys"],
            json!(["customers:c1", "customers:c2"])
        );
        let body = json!({"rows": [
            {"id": "customers:c1", "key": "customers:c1", "doc": {"_id": "customers:c1", "record": {"name": "张伟"}}},
            {"key": "customers:c2", "error": "not_found"},
        ]});
        let read = names(Ok(Response::new(200, body.to_string()))).unwrap();
        assert_eq!(read.get("c1").map(String::as_str), Some("张伟"));
        assert_eq!(read.len(), 1);
    }
}
