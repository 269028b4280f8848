//! Record ids.

use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// Record ids are opaque strings (UUIDs made in the browser, or whatever an imported file used).
///
/// A newtype so that an id is not any string, yet reads like one where it is used: it derefs to
/// `str`, compares with strings and looks them up in maps (`Borrow<str>`), and is stored,
/// hashed, ordered and printed (`Display` and `Debug`) exactly as the string it wraps, so
/// records, backups and messages are unchanged.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(String);

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}
impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}
impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}
impl From<String> for Id {
    fn from(s: String) -> Id {
        Id(s)
    }
}
impl From<&str> for Id {
    fn from(s: &str) -> Id {
        Id(s.to_string())
    }
}
impl From<Id> for String {
    fn from(id: Id) -> String {
        id.0
    }
}
impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}
impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}
impl PartialEq<String> for Id {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}
impl PartialEq<Id> for str {
    fn eq(&self, other: &Id) -> bool {
        self == other.0
    }
}
impl PartialEq<Id> for &str {
    fn eq(&self, other: &Id) -> bool {
        *self == other.0
    }
}
impl PartialEq<Id> for String {
    fn eq(&self, other: &Id) -> bool {
        *self == other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn an_id_is_stored_and_printed_as_the_plain_string() {
        let id = Id::from("c:1+2");
        assert_eq!(serde_json::to_string(&id).unwrap(), r#""c:1+2""#);
        assert_eq!(serde_json::from_str::<Id>(r#""c:1+2""#).unwrap(), id);
        assert_eq!(format!("{id} {id:?}"), format!("{0} {0:?}", "c:1+2"));
        let by_id: HashMap<Id, u8> = HashMap::from([(id.clone(), 1)]);
        assert_eq!(by_id.get("c:1+2"), Some(&1), "looked up by a borrowed string");
        assert_eq!(serde_json::to_string(&by_id).unwrap(), r#"{"c:1+2":1}"#);
    }

    #[test]
    fn ids_order_and_compare_like_their_strings() {
        let mut ids: Vec<Id> = ["b", "a10", "a9", "A"].map(Id::from).to_vec();
        ids.sort();
        assert_eq!(ids, ["A", "a10", "a9", "b"]);
        assert_eq!(ids[0], "A");
        assert_eq!("a10", ids[1]);
        assert_eq!(String::from("a9"), ids[2]);
    }
}
