//! The versioned document shared by storage and by JSON export/import. Browser storage records
//! the schema version next to the data; at load, and when a file is imported, [`upgrade`] brings an
//! older document to [`SCHEMA_VERSION`] one step at a time, so both paths share one migration chain.

pub mod import;
pub mod merge;
pub mod select;

use crate::domain::customer::Id;
use crate::domain::dataset::Dataset;
use crate::domain::visit::Review;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Identifies a Huifang document among other JSON files.
pub const FORMAT_NAME: &str = "huifang";

/// The current schema. History:
/// - 1: the prototype: one `phone` string per customer, `birthday` as a date string, purchase
///   amounts as yuan with decimals, `registered` for the registration date.
/// - 2: `phones` list, `birthday` `{date, lunar}`, amounts in fen, `registered_on`.
/// - 3: tiers score spend over the window instead of the average order (`settings.tiers`:
///   `spend_high`/`spend_mid` replace `amount_large`/`amount_mid`, tier scores may have a
///   decimal); a computed tier change may say which dimensions moved (`reason.moves`).
pub const SCHEMA_VERSION: u32 = 3;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MigrationError {
    #[error("not a Huifang document")]
    NotHuifang,
    #[error("document has no version")]
    MissingVersion,
    /// A version that is not a whole number from 1 up (`-1`, `0`, `"2"`, `2.5`).
    #[error("version {0} is not a format version")]
    BadVersion(String),
    #[error("document version {0} is newer than this app ({SCHEMA_VERSION})")]
    TooNew(u32),
    #[error("{path}: {problem}")]
    Malformed { path: String, problem: String },
}

/// Reads the version of a raw document.
pub fn version_of(doc: &Value) -> Result<u32, MigrationError> {
    let obj = doc.as_object().ok_or(MigrationError::NotHuifang)?;
    if let Some(format) = obj.get("format")
        && format.as_str() != Some(FORMAT_NAME)
    {
        return Err(MigrationError::NotHuifang);
    }
    let version = obj.get("version").ok_or(MigrationError::MissingVersion)?;
    version
        .as_u64()
        .and_then(|v| u32::try_from(v).ok())
        .filter(|v| *v >= 1)
        .ok_or_else(|| MigrationError::BadVersion(version.to_string()))
}

/// Upgrades `doc` in place to [`SCHEMA_VERSION`]; returns the version it had. A document from a
/// newer app is refused untouched: guessing at fields we do not know would lose data.
pub fn upgrade(doc: &mut Value) -> Result<u32, MigrationError> {
    let from = version_of(doc)?;
    if from > SCHEMA_VERSION {
        return Err(MigrationError::TooNew(from));
    }
    let mut version = from;
    while version < SCHEMA_VERSION {
        match version {
            1 => v1_to_v2(doc)?,
            2 => v2_to_v3(doc),
            _ => unreachable!("every version below SCHEMA_VERSION has a step"),
        }
        version += 1;
    }
    if let Some(obj) = doc.as_object_mut() {
        obj.insert("format".into(), Value::from(FORMAT_NAME));
        obj.insert("version".into(), Value::from(SCHEMA_VERSION));
    }
    Ok(from)
}

/// Upgrades and decodes a document into a [`Dataset`].
pub fn decode(mut doc: Value) -> Result<Dataset, MigrationError> {
    upgrade(&mut doc)?;
    serde_json::from_value(doc).map_err(|e| MigrationError::Malformed { path: String::new(), problem: e.to_string() })
}

/// Encodes a dataset as a current-version document.
pub fn encode(data: &Dataset) -> Value {
    // Through text, like storage, so that the wasm needs no `Value` serializer per record type.
    let mut doc = serde_json::to_string(data)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_else(|| Value::Object(Map::new()));
    if let Some(obj) = doc.as_object_mut() {
        obj.insert("format".into(), Value::from(FORMAT_NAME));
        obj.insert("version".into(), Value::from(SCHEMA_VERSION));
    }
    doc
}

/// What a file is for; written as `kind` in the document (`docs/exchange-format.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// Everything, settings included.
    Backup,
    /// Chosen customers with their whole history, to hand them to a colleague.
    Customers,
    /// The records of a period, for a supervisor to review.
    Review,
    /// A supervisor's verdicts on reviewed records.
    Verdicts,
}

impl DocKind {
    pub const ALL: [DocKind; 4] = [DocKind::Backup, DocKind::Customers, DocKind::Review, DocKind::Verdicts];

    pub fn name(self) -> &'static str {
        match self {
            DocKind::Backup => "backup",
            DocKind::Customers => "customers",
            DocKind::Review => "review",
            DocKind::Verdicts => "verdicts",
        }
    }

    pub fn from_name(name: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A supervisor's verdict on one visit record, as carried by a verdicts file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewVerdict {
    pub visit_id: Id,
    pub review: Review,
}

impl Default for ReviewVerdict {
    fn default() -> Self {
        let review = Review {
            reviewer: String::new(),
            comment: String::new(),
            on: NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default(),
            verdict: crate::domain::visit::Verdict::Approved,
        };
        ReviewVerdict { visit_id: Id::default(), review }
    }
}

/// A stored record this version of the app cannot read (damaged, or written by something else).
/// Storage keeps it untouched; a full backup carries it, byte for byte, in its `quarantine`
/// section so that nothing is lost on the way to support or a newer version. It is never
/// imported: by definition nothing can read it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quarantined {
    /// The store it was found in: `customers`, `visits`, ... or `meta` for the settings.
    pub collection: String,
    pub key: String,
    /// Why it could not be read, in the decoder's words (for support, not for the user).
    pub problem: String,
    /// The stored text exactly as it was, even when it is not JSON.
    pub stored: String,
}

/// The collections of a document, in the order they are written and documented.
pub const COLLECTIONS: [&str; 7] =
    ["customers", "visits", "feedback", "signatures", "campaigns", "agenda_marks", "scripts"];

/// A file's content besides the records: what it is, when and for which period it was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub kind: DocKind,
    pub exported_at: NaiveDateTime,
    /// The period of a review bundle or of verdicts.
    pub period: Option<(NaiveDate, NaiveDate)>,
}

/// The JSON text of an export. Settings travel only in a full backup: a colleague's or a
/// supervisor's file must never change the receiver's thresholds. So do unreadable records
/// (`quarantine`): a backup must hold everything the device holds.
pub fn document(header: &Header, data: &Dataset, reviews: &[ReviewVerdict], quarantine: &[Quarantined]) -> String {
    let mut doc = encode(data);
    if let Some(obj) = doc.as_object_mut() {
        if header.kind != DocKind::Backup {
            obj.remove("settings");
        }
        obj.insert("kind".into(), Value::from(header.kind.name()));
        obj.insert("exported_at".into(), serde_json::to_value(header.exported_at).unwrap_or_default());
        if let Some((from, to)) = header.period {
            obj.insert("period".into(), serde_json::json!({ "from": from, "to": to }));
        }
        if header.kind == DocKind::Verdicts || !reviews.is_empty() {
            let reviews = serde_json::to_string(reviews).ok().and_then(|t| serde_json::from_str(&t).ok());
            obj.insert("reviews".into(), reviews.unwrap_or_default());
        }
        if header.kind == DocKind::Backup && !quarantine.is_empty() {
            let quarantine = serde_json::to_string(quarantine).ok().and_then(|t| serde_json::from_str(&t).ok());
            obj.insert("quarantine".into(), quarantine.unwrap_or_default());
        }
    }
    doc.to_string()
}

/// `huifang-2026-06-03.json`, or `huifang-review-2026-06-03.json` for the other kinds.
pub fn file_name(kind: DocKind, on: NaiveDate) -> String {
    // `Display` of a date is ISO 8601 without going through strftime's formatter.
    let date = on.to_string();
    match kind {
        DocKind::Backup => format!("huifang-{date}.json"),
        other => format!("huifang-{}-{date}.json", other.name()),
    }
}

fn v1_to_v2(doc: &mut Value) -> Result<(), MigrationError> {
    let Some(customers) = doc.get_mut("customers") else {
        return Ok(());
    };
    let Some(customers) = customers.as_array_mut() else {
        return Err(MigrationError::Malformed { path: "customers".into(), problem: "not a list".into() });
    };
    for (i, customer) in customers.iter_mut().enumerate() {
        let path = format!("customers[{i}]");
        let Some(c) = customer.as_object_mut() else {
            return Err(MigrationError::Malformed { path, problem: "not an object".into() });
        };
        if let Some(phone) = c.remove("phone") {
            let phones: Vec<Value> = phone
                .as_str()
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| vec![Value::from(p)])
                .unwrap_or_default();
            c.insert("phones".into(), Value::Array(phones));
        }
        if let Some(birthday) = c.remove("birthday") {
            let value = match birthday {
                Value::String(date) if !date.trim().is_empty() => {
                    serde_json::json!({ "date": date.trim(), "lunar": false })
                }
                _ => Value::Null,
            };
            c.insert("birthday".into(), value);
        }
        if let Some(registered) = c.remove("registered") {
            c.insert("registered_on".into(), registered);
        }
        if let Some(purchases) = c.get_mut("purchases").and_then(Value::as_array_mut) {
            for (j, purchase) in purchases.iter_mut().enumerate() {
                let Some(amount) = purchase.get_mut("amount") else {
                    continue;
                };
                let yuan = amount.as_f64().ok_or_else(|| MigrationError::Malformed {
                    path: format!("{path}.purchases[{j}].amount"),
                    problem: "not a number".into(),
                })?;
                *amount = Value::from((yuan * 100.0).round() as i64);
            }
        }
    }
    Ok(())
}

/// Tier settings of version 2 scored the average order, every dimension 0–2 in whole points;
/// version 3 scores spend over the window, with partial credit and spend worth 4 (`docs/tiers.md`).
/// The per-order thresholds measured something no longer scored: the spend thresholds take their
/// defaults. Score thresholds all left at the old defaults (6/4/2, where Diamond needed the top of
/// every dimension, which nobody in a shop of small tickets reached) follow the new defaults.
/// Thresholds the user chose are kept, with spend worth 2 like the other dimensions, the scale
/// they were chosen on. Tier histories need nothing: a change without `moves` reads as before.
fn v2_to_v3(doc: &mut Value) {
    let Some(tiers) = doc.get_mut("settings").and_then(|s| s.get_mut("tiers")).and_then(Value::as_object_mut) else {
        return;
    };
    tiers.remove("amount_large");
    tiers.remove("amount_mid");
    const OLD_SCORES: [(&str, f64); 3] =
        [("diamond_min_score", 6.0), ("gold_min_score", 4.0), ("silver_min_score", 2.0)];
    let at_old_defaults = OLD_SCORES.iter().all(|(key, old)| tiers.get(*key).is_none_or(|v| v.as_f64() == Some(*old)));
    if at_old_defaults {
        for (key, _) in OLD_SCORES {
            tiers.remove(key);
        }
    } else {
        tiers.insert("spend_points".into(), Value::from(2.0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Money;
    use chrono::NaiveDate;
    use serde_json::json;

    fn version_1_document() -> Value {
        json!({
            "format": "huifang",
            "version": 1,
            "customers": [{
                "id": "c1",
                "name": "张伟",
                "honorific": "mr",
                "phone": " 13800138000 ",
                "birthday": "1990-02-28",
                "registered": "2025-03-01",
                "purchases": [{ "id": "p1", "date": "2025-03-01", "amount": 1280.5, "product": "净水器" }]
            }, {
                "id": "c2",
                "name": "李娜",
                "phone": "",
                "birthday": null,
                "registered": "2025-04-01"
            }]
        })
    }

    #[test]
    fn a_version_1_document_loads_with_phones_birthday_and_amounts_upgraded() {
        let data = decode(version_1_document()).expect("v1 upgrades");
        let zhang = &data.customers[0];
        assert_eq!(zhang.phones, vec!["13800138000".to_string()]);
        assert_eq!(zhang.birthday.map(|b| b.date), NaiveDate::from_ymd_opt(1990, 2, 28));
        assert_eq!(zhang.registered_on, NaiveDate::from_ymd_opt(2025, 3, 1).unwrap());
        assert_eq!(zhang.purchases[0].amount, Money(128_050));
        let li = &data.customers[1];
        assert!(li.phones.is_empty());
        assert!(li.birthday.is_none());
    }

    /// A version 2 backup whose tier settings were saved with the old defaults, and one whose user
    /// had chosen their own scores and order sizes.
    fn version_2_document(scores: [u32; 3]) -> Value {
        json!({
            "format": "huifang",
            "version": 2,
            "settings": { "tiers": {
                "frequency_window_months": 12, "frequency_high": 2.0, "frequency_mid": 0.5,
                "amount_large": 100000, "amount_mid": 30000,
                "activity_window_days": 30, "active_min": 3, "semi_active_min": 1,
                "need_points": [0, 1, 0],
                "diamond_min_score": scores[0], "gold_min_score": scores[1], "silver_min_score": scores[2]
            } },
            "customers": [{
                "id": "c1", "name": "张伟", "registered_on": "2025-03-01",
                "tier": "silver",
                "tier_history": [{ "on": "2025-03-01", "from": null, "to": "silver", "reason": { "type": "computed" } }]
            }]
        })
    }

    #[test]
    fn version_2_tier_settings_at_the_old_defaults_load_with_the_new_defaults() {
        use crate::domain::customer::TierChangeReason;
        use crate::domain::tier::TierSettings;
        let data = decode(version_2_document([6, 4, 2])).expect("v2 upgrades");
        assert_eq!(data.settings.tiers, TierSettings::default());
        let c = &data.customers[0];
        assert_eq!(c.tier_history[0].reason, TierChangeReason::COMPUTED, "an old change reads as before");
    }

    #[test]
    fn version_2_tier_scores_chosen_by_the_user_are_kept_and_order_sizes_give_way_to_spend() {
        use crate::domain::tier::TierSettings;
        let mut doc = version_2_document([5, 3, 1]);
        assert_eq!(upgrade(&mut doc), Ok(2));
        assert!(doc["settings"]["tiers"].get("amount_large").is_none());
        let data = decode(doc).unwrap();
        let t = &data.settings.tiers;
        assert_eq!((t.diamond_min_score, t.gold_min_score, t.silver_min_score), (5.0, 3.0, 1.0));
        assert_eq!(t.spend_points, 2.0, "the scale the scores were chosen on");
        let defaults = TierSettings::default();
        assert_eq!((t.spend_high, t.spend_mid), (defaults.spend_high, defaults.spend_mid));
    }

    #[test]
    fn upgrading_reports_the_old_version_and_stamps_the_new_one() {
        let mut doc = version_1_document();
        assert_eq!(upgrade(&mut doc), Ok(1));
        assert_eq!(doc["version"], json!(SCHEMA_VERSION));
        assert_eq!(upgrade(&mut doc), Ok(SCHEMA_VERSION));
    }

    #[test]
    fn a_document_from_a_newer_app_is_refused_and_left_untouched() {
        let mut doc = json!({ "format": "huifang", "version": SCHEMA_VERSION + 1, "customers": [] });
        let before = doc.clone();
        assert_eq!(upgrade(&mut doc), Err(MigrationError::TooNew(SCHEMA_VERSION + 1)));
        assert_eq!(doc, before);
    }

    #[test]
    fn other_json_is_not_mistaken_for_a_huifang_document() {
        assert_eq!(version_of(&json!([1, 2])), Err(MigrationError::NotHuifang));
        assert_eq!(version_of(&json!({ "format": "other", "version": 1 })), Err(MigrationError::NotHuifang));
        assert_eq!(version_of(&json!({ "format": "huifang" })), Err(MigrationError::MissingVersion));
        for bad in [json!("2"), json!(-1), json!(0), json!(2.5)] {
            assert_eq!(version_of(&json!({ "version": bad })), Err(MigrationError::BadVersion(bad.to_string())));
        }
    }

    #[test]
    fn a_malformed_v1_amount_names_where_it_is() {
        let mut doc = json!({ "version": 1, "customers": [{ "id": "c", "purchases": [{ "amount": "lots" }] }] });
        match upgrade(&mut doc) {
            Err(MigrationError::Malformed { path, .. }) => {
                assert_eq!(path, "customers[0].purchases[0].amount")
            }
            other => panic!("expected a malformed error, got {other:?}"),
        }
    }

    #[test]
    fn encoding_then_decoding_gives_the_same_data() {
        let data = decode(version_1_document()).unwrap();
        assert_eq!(decode(encode(&data)).unwrap(), data);
    }
}

#[cfg(test)]
mod exchange_tests;
