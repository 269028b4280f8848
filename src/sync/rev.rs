//! Revision ids in CouchDB's shape (`"3-9f2c…"`), made on this device.
//!
//! The replication protocol writes with `new_edits: false`: the server stores the revisions the
//! client names instead of inventing its own, so the client makes them. A revision is
//! `<generation>-<hash>`: the generation is the parent's plus one, the hash 32 hex digits of
//! FNV-1a (128 bits) over the parent revision, whether it is a deletion, and the record in a
//! canonical JSON (object keys sorted). Deterministic, so a retried push or the same edit made
//! twice names the same revision instead of branching. Not cryptographic: CouchDB never checks
//! how a client made its hash (its own edits use MD5), and a revision only has to be unique
//! within one record's history.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// How many ancestors a record keeps. CouchDB's own default is 1,000; a record edited more than
/// 100 times between two syncs is not a case of this app, and an ancestry cut too short can only
/// make a conflict appear (shown to the user), never hide one.
pub const MAX_PATH: usize = 100;

/// One revision id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rev {
    generation: u64,
    hash: String,
}

impl Rev {
    /// Reads `"N-hash"`; anything else (a missing or zero generation, an empty hash) is `None`.
    pub fn parse(text: &str) -> Option<Rev> {
        let (generation, hash) = text.split_once('-')?;
        let generation: u64 = generation.parse().ok()?;
        (generation > 0 && !hash.is_empty()).then(|| Rev { generation, hash: hash.to_string() })
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The revision of `body` (`None`: a deletion) written on top of `parent`.
    pub fn child(parent: Option<&Rev>, body: Option<&Value>) -> Rev {
        let parent_text = parent.map(Rev::to_string).unwrap_or_default();
        let mut hasher = Fnv128::new();
        hasher.write(parent_text.as_bytes());
        hasher.write(if body.is_some() { b"\0live\0" } else { b"\0deleted\0" });
        if let Some(body) = body {
            let mut text = String::new();
            canonical(body, &mut text);
            hasher.write(text.as_bytes());
        }
        Rev { generation: parent.map_or(1, |p| p.generation + 1), hash: format!("{:032x}", hasher.0) }
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.generation, self.hash)
    }
}

/// A revision and its ancestors, newest first: CouchDB's `_revisions: {start, ids}`. The
/// ancestry is how both sides tell an edit made on top of theirs from a parallel one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawPath")]
pub struct RevPath {
    start: u64,
    ids: Vec<String>,
}

#[derive(Deserialize)]
struct RawPath {
    start: u64,
    ids: Vec<String>,
}

impl TryFrom<RawPath> for RevPath {
    type Error = &'static str;
    fn try_from(raw: RawPath) -> Result<RevPath, &'static str> {
        RevPath::new(raw.start, raw.ids).ok_or("a revision path needs ids, all non-empty, and start ≥ their number")
    }
}

impl RevPath {
    /// `None` unless there is at least one id, none empty, and every generation is at least 1.
    pub fn new(start: u64, ids: Vec<String>) -> Option<RevPath> {
        let valid = !ids.is_empty() && start >= ids.len() as u64 && ids.iter().all(|id| !id.is_empty());
        valid.then_some(RevPath { start, ids })
    }

    /// The path of a record's first revision.
    pub fn first(body: Option<&Value>) -> RevPath {
        let rev = Rev::child(None, body);
        RevPath { start: 1, ids: vec![rev.hash] }
    }

    /// The path of `body` (`None`: a deletion) written on top of this revision.
    pub fn child(&self, body: Option<&Value>) -> RevPath {
        let rev = Rev::child(Some(&self.rev()), body);
        let mut ids = Vec::with_capacity((self.ids.len() + 1).min(MAX_PATH));
        ids.push(rev.hash);
        ids.extend(self.ids.iter().take(MAX_PATH - 1).cloned());
        RevPath { start: rev.generation, ids }
    }

    /// The newest revision: the one this path is of.
    pub fn rev(&self) -> Rev {
        Rev { generation: self.start, hash: self.ids[0].clone() }
    }

    /// The revision this one was written on, when the path still holds it.
    pub fn parent(&self) -> Option<Rev> {
        self.ids.get(1).map(|hash| Rev { generation: self.start - 1, hash: hash.clone() })
    }

    /// Whether `rev` is this revision or one of its known ancestors.
    pub fn contains(&self, rev: &Rev) -> bool {
        rev.generation <= self.start
            && usize::try_from(self.start - rev.generation)
                .is_ok_and(|i| self.ids.get(i).is_some_and(|h| *h == rev.hash))
    }

    pub fn start(&self) -> u64 {
        self.start
    }

    pub fn ids(&self) -> &[String] {
        &self.ids
    }
}

/// JSON with object keys in sorted order, so the hash does not depend on how a map was built.
fn canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// FNV-1a with 128 bits (offset basis and prime from the FNV reference), written out here: a
/// dozen lines against a crate to pin and audit.
struct Fnv128(u128);

impl Fnv128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

    fn new() -> Fnv128 {
        Fnv128(Self::OFFSET)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u128::from(b);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_same_edit_names_the_same_revision_on_any_device() {
        let first = RevPath::first(Some(&json!({"name": "张伟", "phones": ["138"]})));
        let again = RevPath::first(Some(&json!({"phones": ["138"], "name": "张伟"})));
        assert_eq!(first, again, "key order is not content");
        assert_eq!(first.rev().generation(), 1);
        assert_eq!(first.rev().hash().len(), 32);
        let edited = first.child(Some(&json!({"name": "张伟", "phones": ["139"]})));
        assert_eq!(edited.rev().generation(), 2);
        assert_ne!(edited.rev(), first.rev());
        assert_eq!(edited.parent(), Some(first.rev()));
    }

    #[test]
    fn a_deletion_differs_from_any_content_and_from_another_branch_deletion() {
        let base = RevPath::first(Some(&json!({"a": 1})));
        let deleted = base.child(None);
        assert_ne!(deleted.rev(), base.child(Some(&json!(null))).rev());
        let other = RevPath::first(Some(&json!({"a": 2})));
        assert_ne!(deleted.rev().hash(), other.child(None).rev().hash());
    }

    #[test]
    fn a_path_knows_its_ancestors_and_nothing_else() {
        let one = RevPath::first(Some(&json!(1)));
        let two = one.child(Some(&json!(2)));
        let three = two.child(Some(&json!(3)));
        assert!(three.contains(&one.rev()) && three.contains(&two.rev()) && three.contains(&three.rev()));
        let sibling = two.child(Some(&json!("other")));
        assert!(!three.contains(&sibling.rev()));
        assert_eq!(three.ids().len(), 3);
    }

    #[test]
    fn a_long_history_keeps_the_newest_ancestors() {
        let mut path = RevPath::first(Some(&json!(0)));
        let second = path.child(Some(&json!(1)));
        for n in 1..=150 {
            path = path.child(Some(&json!(n)));
        }
        assert_eq!(path.ids().len(), MAX_PATH);
        assert_eq!(path.start(), 151);
        assert!(!path.contains(&second.rev()), "cut off ancestors are not claimed");
        let through_serde: RevPath = serde_json::from_value(serde_json::to_value(&path).unwrap()).unwrap();
        assert_eq!(through_serde, path);
    }

    #[test]
    fn revision_text_from_a_server_is_parsed_or_refused() {
        assert_eq!(Rev::parse("12-abc").map(|r| r.to_string()), Some("12-abc".to_string()));
        for bad in ["", "abc", "0-abc", "-abc", "3-", "x-abc"] {
            assert_eq!(Rev::parse(bad), None, "{bad}");
        }
        assert!(serde_json::from_value::<RevPath>(json!({"start": 1, "ids": []})).is_err());
        assert!(serde_json::from_value::<RevPath>(json!({"start": 1, "ids": ["a", "b"]})).is_err());
    }
}
