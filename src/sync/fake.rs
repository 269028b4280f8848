//! An in-memory CouchDB for the engine's tests: enough of `_revs_diff`, `_bulk_docs` with
//! `new_edits: false`, `_changes?style=all_docs` (with opaque sequence strings, as CouchDB 3
//! sends), `_bulk_get?revs=true` and `_local`, answered as CouchDB 3.x answers them. Any request
//! can be made to fail with a status, a transport failure, or an answer lost after the work.

use super::http::{Method, Reply, Request, Response, Transport};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, Clone)]
pub enum Fault {
    Status(u16, String),
    Transport(Transport),
    /// The server does the work, the answer never arrives (the tab closed, the train entered a
    /// tunnel).
    LoseAnswer,
}

#[derive(Debug, Default)]
struct Node {
    parent: Option<String>,
    /// The document without `_id`, `_rev`, `_revisions`; `None` for an ancestor known by id only.
    content: Option<Map<String, Value>>,
}

#[derive(Debug, Default)]
struct Tree {
    nodes: HashMap<String, Node>,
    seq: u64,
}

#[derive(Debug, Default)]
pub struct FakeCouch {
    docs: BTreeMap<String, Tree>,
    seq: u64,
    locals: HashMap<String, (u64, Value)>,
    faults: Vec<(String, Fault, usize)>,
    /// Every request, as `"POST _bulk_docs"` (query left out).
    pub log: Vec<String>,
    /// Bodies longer than this get 413.
    pub max_body: Option<usize>,
    /// Answers every request as a deleted database would.
    pub missing_db: bool,
    /// Document ids a `validate_doc_update` refuses.
    pub refuse: HashSet<String>,
}

fn answer(status: u16, body: Value) -> Reply {
    Ok(Response::new(status, body.to_string()))
}

fn error(status: u16, error: &str, reason: &str) -> Reply {
    answer(status, json!({"error": error, "reason": reason}))
}

impl FakeCouch {
    /// The next `times` requests whose path starts with `prefix` fail with `fault`.
    pub fn fail(&mut self, prefix: &str, fault: Fault, times: usize) {
        self.faults.push((prefix.to_string(), fault, times));
    }

    pub fn count(&self, request: &str) -> usize {
        self.log.iter().filter(|r| *r == request).count()
    }

    pub fn handle(&mut self, request: &Request) -> Reply {
        let route = request.path.split('?').next().unwrap_or_default().to_string();
        self.log.push(format!("{} {route}", request.method.as_str()));
        if let Some(i) = self.faults.iter().position(|(prefix, _, _)| request.path.starts_with(prefix.as_str())) {
            let fault = self.faults[i].1.clone();
            self.faults[i].2 -= 1;
            if self.faults[i].2 == 0 {
                self.faults.remove(i);
            }
            return match fault {
                Fault::Status(status, body) => Ok(Response::new(status, body)),
                Fault::Transport(transport) => Err(transport),
                Fault::LoseAnswer => {
                    let _ = self.serve(request, &route);
                    Err(Transport::Offline)
                }
            };
        }
        if self.missing_db {
            return error(404, "not_found", "Database does not exist.");
        }
        if self.max_body.is_some_and(|max| request.body.as_ref().is_some_and(|b| b.len() > max)) {
            return error(413, "too_large", "the request entity is too large");
        }
        self.serve(request, &route)
    }

    fn serve(&mut self, request: &Request, route: &str) -> Reply {
        let query = request.path.split_once('?').map(|(_, q)| q).unwrap_or_default();
        let body: Option<Value> = match &request.body {
            Some(text) => match serde_json::from_str(text) {
                Ok(value) => Some(value),
                Err(_) => return error(400, "bad_request", "invalid UTF-8 JSON"),
            },
            None => None,
        };
        match (request.method, route) {
            (Method::Get, r) if r.starts_with("_local/") => self.get_local(r),
            (Method::Put, r) if r.starts_with("_local/") => self.put_local(r, body.unwrap_or_default()),
            (Method::Post, "_revs_diff") => self.revs_diff(body.unwrap_or_default()),
            (Method::Post, "_bulk_docs") => self.bulk_docs(body.unwrap_or_default()),
            (Method::Get, "_changes") => self.changes(query),
            (Method::Post, "_bulk_get") if query.contains("revs=true") => self.bulk_get(body.unwrap_or_default()),
            _ => error(400, "bad_request", "not something this fake knows"),
        }
    }

    fn get_local(&self, route: &str) -> Reply {
        match self.locals.get(route) {
            Some((n, doc)) => {
                let mut doc = doc.clone();
                doc["_id"] = json!(route);
                doc["_rev"] = json!(format!("0-{n}"));
                answer(200, doc)
            }
            None => error(404, "not_found", "missing"),
        }
    }

    fn put_local(&mut self, route: &str, mut doc: Value) -> Reply {
        let current = self.locals.get(route).map(|(n, _)| format!("0-{n}"));
        let named = doc.get("_rev").and_then(Value::as_str).map(str::to_string);
        if current.is_some() && named != current {
            return error(409, "conflict", "Document update conflict.");
        }
        if let Value::Object(map) = &mut doc {
            map.remove("_rev");
        }
        let n = self.locals.get(route).map_or(1, |(n, _)| n + 1);
        self.locals.insert(route.to_string(), (n, doc));
        answer(201, json!({"ok": true, "id": route, "rev": format!("0-{n}")}))
    }

    fn revs_diff(&self, asked: Value) -> Reply {
        let Some(asked) = asked.as_object() else { return error(400, "bad_request", "not an object") };
        let mut out = Map::new();
        for (id, revs) in asked {
            let missing: Vec<Value> = revs
                .as_array()
                .into_iter()
                .flatten()
                .filter(|rev| rev.as_str().is_none_or(|r| !self.has(id, r)))
                .cloned()
                .collect();
            if !missing.is_empty() {
                out.insert(id.clone(), json!({ "missing": missing }));
            }
        }
        answer(200, Value::Object(out))
    }

    fn has(&self, id: &str, rev: &str) -> bool {
        self.docs.get(id).and_then(|t| t.nodes.get(rev)).is_some_and(|n| n.content.is_some())
    }

    fn bulk_docs(&mut self, body: Value) -> Reply {
        if body.get("new_edits") != Some(&json!(false)) {
            return error(400, "bad_request", "this fake only replicates");
        }
        let Some(docs) = body.get("docs").and_then(Value::as_array) else {
            return error(400, "bad_request", "Missing JSON list of 'docs'.");
        };
        let mut refused = Vec::new();
        for doc in docs {
            let id = doc["_id"].as_str().unwrap_or_default().to_string();
            let rev = doc["_rev"].as_str().unwrap_or_default().to_string();
            if self.refuse.contains(&id) {
                refused.push(json!({"id": id, "rev": rev, "error": "forbidden", "reason": "not yours"}));
                continue;
            }
            let start = doc["_revisions"]["start"].as_u64().unwrap_or(0);
            let ids: Vec<String> = doc["_revisions"]["ids"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|h| h.as_str().map(str::to_string))
                .collect();
            let revs: Vec<String> = ids.iter().enumerate().map(|(i, h)| format!("{}-{h}", start - i as u64)).collect();
            if revs.first() != Some(&rev) {
                return error(400, "bad_request", "_rev is not the head of _revisions");
            }
            let mut content = doc.as_object().cloned().unwrap_or_default();
            for key in ["_id", "_rev", "_revisions"] {
                content.remove(key);
            }
            let tree = self.docs.entry(id).or_default();
            if tree.nodes.get(&rev).is_some_and(|n| n.content.is_some()) {
                continue;
            }
            for (i, r) in revs.iter().enumerate() {
                let node = tree.nodes.entry(r.clone()).or_default();
                if node.parent.is_none() {
                    node.parent = revs.get(i + 1).cloned();
                }
            }
            if let Some(node) = tree.nodes.get_mut(&rev) {
                node.content = Some(content);
            }
            self.seq += 1;
            tree.seq = self.seq;
        }
        answer(201, Value::Array(refused))
    }

    /// Revisions nobody wrote on top of, with whether each is a deletion.
    pub fn leaves(&self, id: &str) -> Vec<(String, bool)> {
        let Some(tree) = self.docs.get(id) else { return Vec::new() };
        let parents: HashSet<&String> = tree.nodes.values().filter_map(|n| n.parent.as_ref()).collect();
        let mut leaves: Vec<(String, bool)> = tree
            .nodes
            .iter()
            .filter(|(rev, _)| !parents.contains(rev))
            .map(|(rev, n)| (rev.clone(), n.content.as_ref().is_some_and(|c| c.contains_key("_deleted"))))
            .collect();
        leaves.sort();
        leaves
    }

    /// How many revisions of `id` the server holds with content.
    pub fn stored(&self, id: &str) -> usize {
        self.docs.get(id).map_or(0, |t| t.nodes.values().filter(|n| n.content.is_some()).count())
    }

    fn changes(&self, query: &str) -> Reply {
        let param =
            |name: &str| query.split('&').find_map(|kv| kv.strip_prefix(name).and_then(|v| v.strip_prefix('=')));
        if param("style") != Some("all_docs") {
            return error(400, "bad_request", "this fake answers style=all_docs only");
        }
        let Some(since) = param("since").and_then(|s| s.split("-").next()).and_then(|n| n.parse::<u64>().ok()) else {
            return error(400, "bad_request", "Malformed sequence supplied in 'since' parameter.");
        };
        let limit = param("limit").and_then(|l| l.parse::<usize>().ok()).unwrap_or(usize::MAX);
        let mut newer: Vec<(&String, &Tree)> = self.docs.iter().filter(|(_, t)| t.seq > since).collect();
        newer.sort_by_key(|(_, t)| t.seq);
        let pending = newer.len().saturating_sub(limit);
        let rows: Vec<Value> = newer
            .iter()
            .take(limit)
            .map(|(id, tree)| {
                let changes: Vec<Value> = self.leaves(id).into_iter().map(|(rev, _)| json!({"rev": rev})).collect();
                json!({"seq": format!("{}-g1AAAAfake", tree.seq), "id": id, "changes": changes})
            })
            .collect();
        let last = newer.iter().take(limit).next_back().map_or(since, |(_, t)| t.seq);
        answer(200, json!({"results": rows, "last_seq": format!("{last}-g1AAAAfake"), "pending": pending}))
    }

    fn bulk_get(&self, body: Value) -> Reply {
        let Some(asked) = body.get("docs").and_then(Value::as_array) else {
            return error(400, "bad_request", "Missing JSON list of 'docs'.");
        };
        let results: Vec<Value> = asked
            .iter()
            .map(|a| {
                let id = a["id"].as_str().unwrap_or_default();
                let rev = a["rev"].as_str().unwrap_or_default();
                json!({"id": id, "docs": [self.revision(id, rev)]})
            })
            .collect();
        answer(200, json!({ "results": results }))
    }

    fn revision(&self, id: &str, rev: &str) -> Value {
        let tree = self.docs.get(id);
        let Some(content) = tree.and_then(|t| t.nodes.get(rev)).and_then(|n| n.content.clone()) else {
            return json!({"error": {"id": id, "rev": rev, "error": "not_found", "reason": "missing"}});
        };
        let mut ids = Vec::new();
        let mut at = Some(rev.to_string());
        while let Some(r) = at {
            ids.push(r.split_once('-').map(|(_, h)| h.to_string()).unwrap_or_default());
            at = tree.and_then(|t| t.nodes.get(&r)).and_then(|n| n.parent.clone());
        }
        let start: u64 = rev.split('-').next().and_then(|g| g.parse().ok()).unwrap_or(0);
        let mut doc = content;
        doc.insert("_id".into(), json!(id));
        doc.insert("_rev".into(), json!(rev));
        doc.insert("_revisions".into(), json!({"start": start, "ids": ids}));
        json!({ "ok": doc })
    }
}
