//! What a visit, a snooze or a skip names the item it is about by, and how that is written down.
//!
//! Each rule's item has an [`ItemKey`], `prefix:part:part…` (`pp:c1:p1:7`: the post-purchase call
//! of day 7 for purchase `p1` of customer `c1`), the same every time the schedule is computed. An
//! item that merges several (a card of Today: one call for several reasons) has a [`MergedKey`],
//! their keys joined with `+`, so that one visit or one mark applies to each of them. A single
//! rule's item is a `MergedKey` of one key.
//!
//! The written form is the stored one: a mark's id and a visit's item key in IndexedDB and in
//! exported files, and the `item` of a visit's URL. It is read and written here only, and read
//! back exactly as it was written (a mark's id is its IndexedDB key), whatever older versions
//! stored.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Joins the keys of a merged item.
const JOIN: char = '+';
/// Separates a key's prefix and parts.
const SEP: char = ':';

/// One rule's item: `prefix:part:part…`. Parts are ids that come from users and files: the
/// characters that structure a key (`%`, `:`, and the `+` that joins merged keys) are
/// percent-escaped, so that two different items never share one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ItemKey(String);

impl ItemKey {
    /// The key `prefix:part:part…`, each part escaped. Built by hand: with `format!` this was an
    /// eighth of the agenda's time for 5,000 customers.
    pub fn new(prefix: &str, parts: &[&str]) -> ItemKey {
        let mut key = String::with_capacity(prefix.len() + parts.iter().map(|p| p.len() + 1).sum::<usize>());
        key.push_str(prefix);
        for part in parts {
            key.push(SEP);
            if part.bytes().any(|b| matches!(b, b'%' | b':' | b'+')) {
                for c in part.chars() {
                    match c {
                        '%' => key.push_str("%25"),
                        ':' => key.push_str("%3A"),
                        '+' => key.push_str("%2B"),
                        c => key.push(c),
                    }
                }
            } else {
                key.push_str(part);
            }
        }
        ItemKey(key)
    }

    /// `prefix:id`, the id as it is: the keys of the record's loops (`closure:`, `fbdue:`,
    /// `intention:`, `next:` and an id) have always been written unescaped, and saved visits name
    /// them so.
    pub fn unescaped(prefix: &str, id: &str) -> ItemKey {
        let mut key = String::with_capacity(prefix.len() + 1 + id.len());
        key.push_str(prefix);
        key.push(SEP);
        key.push_str(id);
        ItemKey(key)
    }

    /// This key followed by the whole of `inner` as its last parts: a holiday greeting's key is
    /// the customer's followed by the holiday occurrence's own key.
    pub fn nested(mut self, inner: &ItemKey) -> ItemKey {
        self.0.push(SEP);
        self.0.push_str(&inner.0);
        self
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// This key as one of a merged key's.
    pub fn key_ref(&self) -> ItemKeyRef<'_> {
        ItemKeyRef(&self.0)
    }
}

impl fmt::Display for ItemKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One [`ItemKey`] of a [`MergedKey`], borrowed from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemKeyRef<'a>(&'a str);

impl<'a> ItemKeyRef<'a> {
    pub fn as_str(self) -> &'a str {
        self.0
    }

    /// The parts of the key, unescaped, if it has this prefix.
    pub fn parts(self, prefix: &str) -> Option<Vec<String>> {
        let rest = self.0.strip_prefix(prefix)?.strip_prefix(SEP)?;
        Some(rest.split(SEP).map(|part| part.replace("%3A", ":").replace("%2B", "+").replace("%25", "%")).collect())
    }

    /// Whether this key is `head` with more parts after it (a complaint's follow-up round is its
    /// complaint's key and the round).
    pub fn extends(self, head: &ItemKey) -> bool {
        self.0.strip_prefix(head.as_str()).is_some_and(|rest| rest.starts_with(SEP))
    }
}

impl PartialEq<ItemKey> for ItemKeyRef<'_> {
    fn eq(&self, other: &ItemKey) -> bool {
        self.0 == other.0
    }
}

impl PartialEq<ItemKeyRef<'_>> for ItemKey {
    fn eq(&self, other: &ItemKeyRef<'_>) -> bool {
        self.0 == other.0
    }
}

/// The key of an item as a visit or a mark names it: one rule's [`ItemKey`], or a merged item's
/// keys joined with `+` (`care:c1:2026-06-01+pp:c1:p1:7`).
///
/// Any text is a `MergedKey` and stays exactly that text (what a URL or an older backup holds is
/// kept as it came); reading it skips empty keys.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MergedKey(String);

impl MergedKey {
    /// The keys of several items as one, each once, sorted: the same items give the same key
    /// whatever order they come in.
    pub fn union<'a>(keys: impl IntoIterator<Item = ItemKeyRef<'a>>) -> MergedKey {
        let mut keys: Vec<ItemKeyRef> = keys.into_iter().collect();
        keys.sort_unstable();
        keys.dedup();
        MergedKey::joined(keys)
    }

    /// `keys` as one, in their order.
    pub fn joined<'a>(keys: impl IntoIterator<Item = ItemKeyRef<'a>>) -> MergedKey {
        let mut joined = String::new();
        for (i, key) in keys.into_iter().enumerate() {
            if i > 0 {
                joined.push(JOIN);
            }
            joined.push_str(key.0);
        }
        MergedKey(joined)
    }

    /// Every key this names; a visit or a mark made on it applies to each of them.
    pub fn keys(&self) -> impl Iterator<Item = ItemKeyRef<'_>> {
        self.0.split(JOIN).filter(|k| !k.is_empty()).map(ItemKeyRef)
    }

    /// Whether `key` is one of the keys this names.
    pub fn names(&self, key: ItemKeyRef) -> bool {
        self.keys().any(|k| k == key)
    }

    /// Whether the two name an item in common.
    pub fn overlaps(&self, other: &MergedKey) -> bool {
        self.keys().any(|k| other.names(k))
    }

    /// The whole key as one rule's key: what a rule's own item is looked up by.
    pub fn as_item_key(&self) -> ItemKeyRef<'_> {
        ItemKeyRef(&self.0)
    }

    /// The stored form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<ItemKey> for MergedKey {
    fn from(key: ItemKey) -> MergedKey {
        MergedKey(key.0)
    }
}

/// The stored form, as stored.
impl From<String> for MergedKey {
    fn from(stored: String) -> MergedKey {
        MergedKey(stored)
    }
}

impl From<&str> for MergedKey {
    fn from(stored: &str) -> MergedKey {
        MergedKey(stored.to_string())
    }
}

impl AsRef<str> for MergedKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MergedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for MergedKey {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for MergedKey {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for MergedKey {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_with_plus_colon_and_percent_come_back_as_they_were() {
        let parts = ["c:1+2", "50%+", "%3A", "+", ":", "%"];
        let key = ItemKey::new("cmp", &parts);
        assert_eq!(key.as_str(), "cmp:c%3A1%2B2:50%25%2B:%253A:%2B:%3A:%25");
        assert_eq!(key.key_ref().parts("cmp"), Some(parts.map(String::from).to_vec()));
        assert_eq!(key.key_ref().parts("cm"), None, "a prefix is a whole part");
    }

    #[test]
    fn a_merged_key_names_each_of_its_keys_even_with_escaped_parts() {
        let a = ItemKey::new("pp", &["c+1", "p:1", "7"]);
        let b = ItemKey::new("care", &["c+1", "2026-06-01"]);
        let merged = MergedKey::union([a.key_ref(), b.key_ref(), a.key_ref()]);
        assert_eq!(merged.as_str(), "care:c%2B1:2026-06-01+pp:c%2B1:p%3A1:7", "sorted, each once");
        assert_eq!(merged.keys().collect::<Vec<_>>(), vec![b.key_ref(), a.key_ref()]);
        assert!(merged.names(a.key_ref()) && merged.names(b.key_ref()));
        assert_eq!(merged.keys().next().unwrap().parts("care"), Some(vec!["c+1".into(), "2026-06-01".into()]));
    }

    #[test]
    fn a_stored_key_reads_as_the_keys_it_was_made_of_and_serializes_unchanged() {
        // As stored by versions that joined keys by hand (a mark's id, a visit's item key).
        let stored = "cmp:c%3A1:k%2B1:3+hol:c%3A1:h:50%25:2026";
        let key: MergedKey = serde_json::from_str(&format!("\"{stored}\"")).unwrap();
        let made = [
            ItemKey::new("cmp", &["c:1", "k+1", "3"]),
            ItemKey::new("hol", &["c:1"]).nested(&ItemKey::new("h", &["50%", "2026"])),
        ];
        assert_eq!(key.keys().collect::<Vec<_>>(), made.iter().map(ItemKey::key_ref).collect::<Vec<_>>());
        assert_eq!(key, MergedKey::joined(made.iter().map(ItemKey::key_ref)));
        assert_eq!(serde_json::to_string(&key).unwrap(), format!("\"{stored}\""));
        assert_eq!(serde_json::to_string(&made[0]).unwrap(), "\"cmp:c%3A1:k%2B1:3\"");
    }

    #[test]
    fn marks_and_visits_keep_the_keys_they_were_stored_with() {
        use crate::domain::schedule::AgendaMark;
        use crate::domain::visit::Visit;
        let card = "care:c%3A1:2026-06-01+pp:c%3A1:p%2B1:7";
        let mark: AgendaMark = serde_json::from_value(serde_json::json!({ "id": card, "customer_id": "c:1" })).unwrap();
        assert_eq!(mark.id.keys().count(), 2);
        assert_eq!(serde_json::to_value(&mark).unwrap()["id"], card);
        let stored = serde_json::json!({
            "id": "v1",
            "item_key": card,
            "left_open": [{ "key": "pp:c%3A1:p%2B1:7", "reason": "下次再说" }],
        });
        let visit: Visit = serde_json::from_value(stored).unwrap();
        assert!(visit.item_key.as_ref().unwrap().names(ItemKey::new("pp", &["c:1", "p+1", "7"]).key_ref()));
        let written = serde_json::to_value(&visit).unwrap();
        assert_eq!(written["item_key"], card);
        assert_eq!(written["left_open"][0]["key"], "pp:c%3A1:p%2B1:7");
    }

    #[test]
    fn any_stored_text_is_kept_as_it_came_and_empty_keys_are_skipped() {
        let odd = MergedKey::from("+a++b+");
        assert_eq!(odd.as_str(), "+a++b+");
        assert_eq!(odd.keys().map(ItemKeyRef::as_str).collect::<Vec<_>>(), vec!["a", "b"]);
        assert_eq!(MergedKey::default().keys().count(), 0);
    }

    #[test]
    fn a_round_extends_its_complaints_key_and_no_other() {
        let complaint = ItemKey::new("cmp", &["c1", "k1"]);
        assert!(ItemKey::new("cmp", &["c1", "k1", "2"]).key_ref().extends(&complaint));
        assert!(!ItemKey::new("cmp", &["c1", "k10", "2"]).key_ref().extends(&complaint));
        assert!(!complaint.key_ref().extends(&complaint));
    }

    #[test]
    fn two_merged_keys_overlap_when_they_share_an_item() {
        let card = MergedKey::from("a+b");
        assert!(card.overlaps(&MergedKey::from("b")));
        assert!(!card.overlaps(&MergedKey::from("c+ab")));
    }
}
