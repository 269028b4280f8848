//! Host tests of the exchange file: reading (validation, migration, refusal), the preview and the
//! merge choices, exports of a selection, review by file, and a reader that never panics.

use super::import::{self, MAX_BYTES, What, read};
use super::merge::{self, Choice, Choices, Part};
use super::{DocKind, Header, document, file_name, select};
use crate::domain::customer::{Customer, Purchase};
use crate::domain::dataset::Dataset;
use crate::domain::money::Money;
use crate::domain::schedule::AgendaMark;
use crate::domain::visit::{FeedbackItem, Review, Signature, Verdict, Visit};
use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{Value, json};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(y: i32, m: u32, day: u32, h: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, 0, 0).unwrap()
}

fn customer(id: &str, name: &str) -> Customer {
    Customer {
        id: id.into(),
        rev: 3,
        name: name.into(),
        phones: vec!["13800138000".into()],
        registered_on: d(2025, 3, 1),
        purchases: vec![Purchase {
            id: format!("{id}-p1").into(),
            date: d(2025, 3, 1),
            amount: Money(128_000),
            product: "净水器".into(),
            note: String::new(),
        }],
        created_at: at(2025, 3, 1, 9),
        updated_at: at(2026, 5, 1, 9),
        ..Customer::default()
    }
}

fn visit(id: &str, customer_id: &str, on: NaiveDate) -> Visit {
    Visit {
        id: id.into(),
        rev: 1,
        customer_id: customer_id.into(),
        at: on.and_hms_opt(10, 0, 0).unwrap(),
        content: "客户说用得很好".into(),
        satisfaction: Some(5),
        agent: "老李".into(),
        created_at: on.and_hms_opt(10, 30, 0).unwrap(),
        updated_at: on.and_hms_opt(10, 30, 0).unwrap(),
        ..Visit::default()
    }
}

/// Two customers with a visit each, a feedback item, a signature and an agenda mark.
fn sample() -> Dataset {
    let mut data = Dataset {
        customers: vec![customer("c1", "张伟"), customer("c2", "王芳")],
        visits: vec![visit("v1", "c1", d(2026, 6, 1)), visit("v2", "c2", d(2026, 5, 20))],
        feedback: vec![FeedbackItem {
            id: "f1".into(),
            visit_id: "v1".into(),
            customer_id: "c1".into(),
            text: "滤芯噪音".into(),
            raised_on: d(2026, 6, 1),
            ..FeedbackItem::default()
        }],
        signatures: vec![Signature { visit_id: "v1".into(), strokes: vec![vec![(10, 20), (900, 380)]] }],
        agenda_marks: vec![AgendaMark { id: "care:c2".into(), customer_id: "c2".into(), ..AgendaMark::default() }],
        ..Dataset::default()
    };
    data.settings.profile.agent_name = "老李".into();
    data
}

fn header(kind: DocKind) -> Header {
    Header { kind, exported_at: at(2026, 6, 3, 9), period: None }
}

fn backup(data: &Dataset) -> String {
    document(&header(DocKind::Backup), data, &[], &[])
}

fn sample_doc() -> Value {
    serde_json::from_str(&backup(&sample())).unwrap()
}

/// The problems of reading `doc`, which must be refused.
fn refused(doc: &Value) -> Vec<import::Problem> {
    read(doc.to_string().as_bytes()).expect_err("the file must be refused")
}

#[test]
fn a_backup_read_back_has_every_record_and_the_settings() {
    let data = sample();
    let incoming = read(backup(&data).as_bytes()).expect("a backup reads");
    assert_eq!(incoming.header.kind, DocKind::Backup);
    assert_eq!(incoming.header.exported_at, at(2026, 6, 3, 9));
    assert_eq!(incoming.settings.as_ref(), Some(&data.settings));
    assert_eq!(incoming.data, Dataset { settings: Default::default(), ..data });
    assert_eq!(incoming.record_count(), 7);
}

/// A key given twice in a file (hand-edited, or joined from two) counts with its last value, as
/// in any JSON reader, for the large lists read record by record as for the rest.
#[test]
fn a_list_given_twice_is_read_from_its_last_value() {
    let text = backup(&sample());
    let one_customer = r#"{"customers":[],"#;
    let twice = text.replacen('{', one_customer, 1);
    let incoming = read(twice.as_bytes()).expect("the file reads");
    assert_eq!(incoming.data.customers.len(), 2, "the second list, the file's own, counts");

    let last_empty = format!("{},\"customers\":[]}}", text.trim_end().strip_suffix('}').unwrap());
    let incoming = read(last_empty.as_bytes()).expect("the file reads");
    assert!(incoming.data.customers.is_empty(), "the empty list given last counts");
    assert_eq!(incoming.data.visits.len(), 2, "the other lists are read as before");
}

/// A record the device could not read travels in a backup byte for byte, and the backup still
/// imports: the readable records come in, the unreadable one is counted and left in the file.
#[test]
fn a_backup_carries_unreadable_records_as_they_were_and_still_imports() {
    let data = sample();
    let damaged = super::Quarantined {
        collection: "visits".into(),
        key: "v9".into(),
        problem: "EOF while parsing an object at line 1 column 12".into(),
        stored: r#"{"id":"v9","#.into(),
    };
    let text = document(&header(DocKind::Backup), &data, &[], std::slice::from_ref(&damaged));
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["quarantine"][0]["stored"], json!(r#"{"id":"v9","#), "kept byte for byte");
    let incoming = read(text.as_bytes()).expect("a backup with unreadable records still imports");
    assert_eq!(incoming.quarantined, 1);
    assert_eq!(incoming.data, Dataset { settings: Default::default(), ..data.clone() }, "nothing else changes");

    // A colleague's file is not a backup: it never carries the device's damaged records.
    let part = document(&header(DocKind::Customers), &data, &[], &[damaged]);
    assert!(serde_json::from_str::<Value>(&part).unwrap().get("quarantine").is_none());
}

#[test]
fn a_backup_imported_into_an_empty_device_gives_the_same_data() {
    let data = sample();
    let incoming = read(backup(&data).as_bytes()).unwrap();
    let mut fresh = Dataset::default();
    let (preview, plan) =
        merge::plan(&fresh, &incoming, &Choices([(Part::Settings, Choice::TakeTheirs)].into_iter().collect()));
    assert_eq!(preview.tally(Part::Customers).new, 2);
    assert_eq!(preview.tally(Part::Visits).new, 2);
    assert_eq!(preview.tally(Part::Signatures).new, 1);
    merge::apply(&mut fresh, &plan);
    // Revisions restart on the new device; everything else is identical.
    for c in &mut fresh.customers {
        c.rev = 3;
    }
    for v in &mut fresh.visits {
        v.rev = 1;
    }
    assert_eq!(fresh, data);
}

#[test]
fn the_file_is_named_with_the_date_and_what_it_holds() {
    assert_eq!(file_name(DocKind::Backup, d(2026, 6, 3)), "huifang-2026-06-03.json");
    assert_eq!(file_name(DocKind::Review, d(2026, 6, 3)), "huifang-review-2026-06-03.json");
}

#[test]
fn empty_binary_and_oversized_files_are_refused_with_their_reason() {
    assert_eq!(read(b"  \n").unwrap_err()[0].what, What::Empty);
    assert_eq!(read(&[0xff, 0xfe, 0x00, 0x7b]).unwrap_err()[0].what, What::NotText);
    let huge = vec![b' '; MAX_BYTES + 1];
    assert!(matches!(read(&huge).unwrap_err()[0].what, What::TooLarge { .. }));
    assert_eq!(read(b"[1, 2]").unwrap_err()[0].what, What::NotHuifang);
    assert_eq!(read(br#"{"format": "huifang"}"#).unwrap_err()[0].what, What::NoVersion);
}

#[test]
fn a_truncated_file_is_reported_as_incomplete_and_bad_json_with_its_line() {
    let text = backup(&sample());
    let cut = &text[..text.len() / 2];
    assert!(matches!(read(cut.as_bytes()).unwrap_err()[0].what, What::Truncated { .. }));
    let bad = "{\n\"format\": \"huifang\",\n\"version\": 2,,\n}";
    assert_eq!(read(bad.as_bytes()).unwrap_err()[0].what, What::BadJson { line: 3, column: 14 });
}

#[test]
fn settings_out_of_the_forms_ranges_are_refused_with_the_field_named() {
    let mut doc: Value = serde_json::from_str(&backup(&sample())).unwrap();
    doc["settings"]["schedule"]["coming_days"] = json!(4_294_967_295u64);
    doc["settings"]["plan"] = json!({ "capacity": 0 });
    let problems = read(doc.to_string().as_bytes()).unwrap_err();
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert!(fields.contains(&"schedule.coming_days"), "{fields:?}");
    assert!(fields.contains(&"plan.capacity"), "{fields:?}");
    assert!(problems.iter().all(|p| matches!(p.what, What::OutOfRange { .. })));
}

#[test]
fn a_file_is_held_to_what_the_forms_allow() {
    let mut doc: Value = serde_json::from_str(&backup(&sample())).unwrap();
    doc["customers"][0]["name"] = json!("名".repeat(1_000));
    doc["customers"][0]["purchases"][0]["amount"] = json!(-500);
    doc["customers"][1]["purchases"][0]["amount"] = json!(i64::MAX);
    doc["customers"][1]["birthday"] = json!({ "date": "2199-05-01", "lunar": true });
    let problems = read(doc.to_string().as_bytes()).unwrap_err();
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    for field in ["name", "purchases[0].amount", "birthday.date"] {
        assert!(fields.contains(&field), "{field} in {fields:?}");
    }
    assert_eq!(fields.iter().filter(|f| **f == "purchases[0].amount").count(), 2, "{fields:?}");
    let name = problems.iter().find(|p| p.field == "name").unwrap();
    assert_eq!(name.what, What::TextLength { chars: 1_000, max: crate::domain::customer_form::NAME_MAX });
    // Said in the user's language, with no word of the other one.
    let en = (crate::i18n::texts(crate::domain::lang::Lang::En).exchange.problem)(name);
    assert!(en.contains("1000 characters") && !en.contains('字'), "{en}");
}

#[test]
fn a_version_that_is_not_a_whole_number_is_named_as_such() {
    for bad in ["-1", "0", "\"2\"", "2.5"] {
        let text = format!(r#"{{"format": "huifang", "version": {bad}}}"#);
        assert_eq!(read(text.as_bytes()).unwrap_err()[0].what, What::BadVersion { value: bad.to_string() }, "{bad}");
    }
}

#[test]
fn a_byte_order_mark_does_not_stop_a_file_from_reading() {
    let text = format!("\u{feff}{}", backup(&sample()));
    assert!(read(text.as_bytes()).is_ok());
}

#[test]
fn a_file_from_a_newer_version_is_refused_saying_so() {
    let mut doc = sample_doc();
    doc["version"] = json!(super::SCHEMA_VERSION + 1);
    assert_eq!(refused(&doc)[0].what, What::TooNew { version: super::SCHEMA_VERSION + 1 });
}

#[test]
fn a_version_1_file_is_migrated_on_import() {
    let doc = json!({
        "format": "huifang", "version": 1,
        "customers": [{ "id": "c1", "name": "张伟", "phone": "13800138000", "registered": "2025-03-01",
                        "purchases": [{ "id": "p1", "date": "2025-03-01", "amount": 99.5, "product": "滤芯" }] }]
    });
    let incoming = read(doc.to_string().as_bytes()).expect("v1 migrates");
    assert_eq!(incoming.from_version, 1);
    assert_eq!(incoming.data.customers[0].phones, vec!["13800138000".to_string()]);
    assert_eq!(incoming.data.customers[0].purchases[0].amount, Money(9_950));
}

#[test]
fn an_unknown_field_is_refused_naming_the_record_and_the_field() {
    let mut doc = sample_doc();
    doc["customers"][1]["colour"] = json!("red");
    let problems = refused(&doc);
    assert_eq!(problems.len(), 1);
    let place = problems[0].place.as_ref().unwrap();
    assert_eq!((place.collection.as_str(), place.number, place.id.as_str()), ("customers", 2, "c2"));
    assert_eq!(place.name, "王芳");
    assert_eq!(problems[0].field, "colour");
    assert_eq!(problems[0].what, What::UnknownField);

    let mut nested = sample_doc();
    nested["customers"][0]["purchases"][0]["discount"] = json!(5);
    assert_eq!(refused(&nested)[0].field, "purchases[0].discount");

    let mut top = sample_doc();
    top["payload"] = json!("<script>");
    assert_eq!(refused(&top)[0].field, "payload");
}

/// A current file's large lists are decoded from its text, an older file's through the upgrade:
/// both must name the same problems and read the same records.
#[test]
fn the_large_lists_of_a_current_file_read_as_an_older_file_would() {
    let mut doc = sample_doc();
    doc["visits"][1] = json!("not a visit");
    doc["customers"][0]["colour"] = json!("red");
    let problems = refused(&doc);
    let named: Vec<(&str, usize, &str, &What)> = problems
        .iter()
        .map(|p| {
            let place = p.place.as_ref().unwrap();
            (place.collection.as_str(), place.number, p.field.as_str(), &p.what)
        })
        .collect();
    assert_eq!(named, vec![("customers", 1, "colour", &What::UnknownField), ("visits", 2, "", &What::NotAnObject)]);
    assert_eq!(problems[0].place.as_ref().unwrap().name, "张伟", "the customer is named by name");

    // The same records in a file that says it is version 2 take the upgrade path.
    let current = read(backup(&sample()).as_bytes()).expect("a current backup reads");
    let mut older = sample_doc();
    older["version"] = json!(2);
    let upgraded = read(older.to_string().as_bytes()).expect("a version 2 backup reads");
    assert_eq!(upgraded.from_version, 2);
    assert_eq!(current.from_version, crate::domain::exchange::SCHEMA_VERSION);
    assert_eq!((upgraded.data.customers, upgraded.data.visits), (current.data.customers, current.data.visits));
}

#[test]
fn a_value_of_the_wrong_type_names_the_field() {
    let mut doc = sample_doc();
    doc["customers"][0]["phones"] = json!("13800138000");
    doc["visits"][1]["outcome"] = json!("maybe");
    let problems = refused(&doc);
    assert_eq!(problems.len(), 2);
    assert_eq!((problems[0].field.as_str(), problems[0].place.as_ref().unwrap().id.as_str()), ("phones", "c1"));
    assert_eq!((problems[1].field.as_str(), problems[1].place.as_ref().unwrap().id.as_str()), ("outcome", "v2"));
    assert!(matches!(problems[1].what, What::WrongValue { .. }));

    let mut not_a_list = sample_doc();
    not_a_list["visits"] = json!({ "v1": {} });
    assert_eq!(refused(&not_a_list)[0].what, What::NotAList);
}

#[test]
fn colliding_and_missing_ids_are_refused() {
    let mut doc = sample_doc();
    doc["customers"][1]["id"] = json!("c1");
    doc["visits"][0]["id"] = json!("");
    let problems = refused(&doc);
    assert!(problems.iter().any(|p| p.what == What::DuplicateId && p.place.as_ref().unwrap().number == 2));
    assert!(problems.iter().any(|p| p.what == What::MissingId && p.place.as_ref().unwrap().collection == "visits"));
}

#[test]
fn dates_and_scores_out_of_range_are_refused() {
    let mut doc = sample_doc();
    doc["customers"][0]["purchases"][0]["date"] = json!("0001-01-01");
    doc["visits"][0]["at"] = json!("3026-06-01T10:00:00");
    doc["visits"][1]["satisfaction"] = json!(9);
    doc["signatures"][0]["strokes"] = json!([[[5000, 10]]]);
    let problems = refused(&doc);
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, vec!["purchases[0].date", "at", "satisfaction", "strokes"]);
    assert_eq!(problems[0].what, What::DateOutOfRange { value: "0001-01-01".into() });
}

#[test]
fn markup_in_text_fields_is_kept_as_text() {
    let mut data = sample();
    data.customers[0].name = "<img src=x onerror=alert(1)>".into();
    let incoming = read(backup(&data).as_bytes()).unwrap();
    assert_eq!(incoming.data.customers[0].name, "<img src=x onerror=alert(1)>");
}

#[test]
fn the_preview_counts_new_same_and_conflicting_records_per_kind() {
    let mut local = sample();
    local.customers[0].rev = 9; // saved more often here: still the same record
    local.customers[1].notes = "本机改过".into();
    local.visits.remove(1);
    let incoming = read(backup(&sample()).as_bytes()).unwrap();
    let (preview, _) = merge::plan(&local, &incoming, &Choices::default());
    let customers = preview.tally(Part::Customers);
    assert_eq!((customers.new, customers.same, customers.conflicting), (0, 1, 1));
    let visits = preview.tally(Part::Visits);
    assert_eq!((visits.new, visits.same, visits.conflicting), (1, 1, 0));
    assert_eq!(preview.tally(Part::Settings).same, 1);
    assert_eq!(preview.new_total(), 1);
    assert_eq!(preview.conflicts(), 1);
}

#[test]
fn each_conflict_choice_decides_which_side_is_written() {
    let theirs = {
        let mut data = sample();
        data.customers[0].notes = "同事改的".into();
        data.customers[0].updated_at = at(2026, 6, 2, 9);
        data.customers[1].notes = "同事早先改的".into();
        data.customers[1].updated_at = at(2026, 4, 1, 9);
        read(backup(&data).as_bytes()).unwrap()
    };
    let mut local = sample();
    local.customers[0].notes = "我改的".into();
    local.customers[1].notes = "我后来改的".into();
    local.customers[1].rev = 7;

    let written = |choice: Choice| {
        let choices = Choices([(Part::Customers, choice)].into_iter().collect());
        let (preview, plan) = merge::plan(&local, &theirs, &choices);
        assert_eq!(preview.tally(Part::Customers).conflicting, 2);
        assert_eq!(preview.tally(Part::Customers).theirs_newer, 1);
        plan.customers.iter().map(|c| (c.notes.clone(), c.rev)).collect::<Vec<_>>()
    };
    assert_eq!(written(Choice::KeepMine), vec![]);
    // Taken records carry this device's revision, so the store refuses them if it changed since.
    assert_eq!(written(Choice::TakeTheirs), vec![("同事改的".into(), 3), ("同事早先改的".into(), 7)]);
    assert_eq!(written(Choice::KeepNewer), vec![("同事改的".into(), 3)]);
}

#[test]
fn settings_change_only_when_the_user_takes_the_files() {
    let mut data = sample();
    data.settings.profile.company = "别家公司".into();
    let incoming = read(backup(&data).as_bytes()).unwrap();
    let local = sample();
    let (preview, plan) = merge::plan(&local, &incoming, &Choices::default());
    assert_eq!(preview.tally(Part::Settings).conflicting, 1);
    assert_eq!(plan.settings, None, "keep the newer keeps this device's settings: they carry no time");
    let choices = Choices([(Part::Settings, Choice::TakeTheirs)].into_iter().collect());
    assert_eq!(merge::plan(&local, &incoming, &choices).1.settings.unwrap().profile.company, "别家公司");
}

#[test]
fn a_selection_carries_the_chosen_customers_whole_history_and_no_settings() {
    let data = sample();
    let chosen = select::customers_with_history(&data, &["c1".into()]);
    assert_eq!(chosen.customers.len(), 1);
    assert_eq!(chosen.visits.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(), vec!["v1"]);
    assert_eq!(chosen.feedback.len(), 1);
    assert_eq!(chosen.signatures.len(), 1);
    assert!(chosen.agenda_marks.is_empty(), "the mark is on the other customer");
    let text = document(&header(DocKind::Customers), &chosen, &[], &[]);
    let incoming = read(text.as_bytes()).unwrap();
    assert_eq!(incoming.header.kind, DocKind::Customers);
    assert_eq!(incoming.settings, None, "a colleague's file never changes my settings");
    let (preview, _) = merge::plan(&Dataset::default(), &incoming, &Choices::default());
    assert!(preview.parts.iter().all(|(p, _)| *p != Part::Settings));
}

#[test]
fn records_pointing_at_customers_or_visits_nobody_has_are_named() {
    let mut data = sample();
    data.customers.remove(1);
    let incoming = read(backup(&data).as_bytes()).unwrap();
    let problems = merge::dangling(&Dataset::default(), &incoming);
    let named: Vec<(&str, &str)> =
        problems.iter().map(|p| (p.place.as_ref().unwrap().collection.as_str(), p.field.as_str())).collect();
    assert_eq!(named, vec![("visits", "customer_id"), ("agenda_marks", "customer_id")]);
    assert_eq!(problems[0].what, What::UnknownCustomer { id: "c2".into() });
    let mut here = Dataset::default();
    here.customers.push(customer("c2", "王芳"));
    assert!(merge::dangling(&here, &incoming).is_empty(), "the customer exists on this device");
}

#[test]
fn review_by_file_brings_each_verdict_to_the_agents_record() {
    let agent = sample();
    // The agent exports May's records.
    let bundle = select::review_bundle(&agent, d(2026, 5, 1), d(2026, 5, 31));
    assert_eq!(bundle.visits.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(), vec!["v2"]);
    assert_eq!(bundle.customers.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), vec!["c2"]);
    let period = Some((d(2026, 5, 1), d(2026, 5, 31)));
    let file = document(&Header { period, ..header(DocKind::Review) }, &bundle, &[], &[]);

    // The supervisor imports it into an empty Huifang and returns the record.
    let mut supervisor = Dataset::default();
    let incoming = read(file.as_bytes()).unwrap();
    assert_eq!(incoming.header.period, period);
    let (_, plan) = merge::plan(&supervisor, &incoming, &Choices::default());
    merge::apply(&mut supervisor, &plan);
    supervisor.visits[0].review = Some(Review {
        reviewer: "陈主管".into(),
        comment: "请补<b>满意度</b>原因".into(),
        on: d(2026, 6, 2),
        verdict: Verdict::Returned,
    });
    let verdicts = select::verdicts(&supervisor, d(2026, 6, 1), d(2026, 6, 30));
    let answer = document(&header(DocKind::Verdicts), &Dataset::default(), &verdicts, &[]);

    // The agent imports the verdicts: one new, applied to the visit, nothing else touched.
    let incoming = read(answer.as_bytes()).unwrap();
    assert!(merge::dangling(&agent, &incoming).is_empty());
    let (preview, plan) = merge::plan(&agent, &incoming, &Choices::default());
    assert_eq!(preview.parts, vec![(Part::Reviews, merge::Tally { new: 1, ..Default::default() })]);
    assert_eq!(plan.visits.len(), 1);
    assert_eq!(plan.visits[0].rev, 1, "written over the agent's revision");
    let mut after = agent.clone();
    merge::apply(&mut after, &plan);
    let review = after.visits.iter().find(|v| v.id == "v2").unwrap().review.clone().unwrap();
    assert_eq!((review.verdict, review.comment.as_str()), (Verdict::Returned, "请补<b>满意度</b>原因"));

    // Importing the same verdicts again changes nothing.
    let (preview, plan) = merge::plan(&after, &incoming, &Choices::default());
    assert_eq!(preview.tally(Part::Reviews).same, 1);
    assert!(plan.is_empty());
}

#[test]
fn a_verdict_for_a_record_that_is_not_here_is_named() {
    let verdicts = vec![super::ReviewVerdict { visit_id: "v9".into(), ..Default::default() }];
    let incoming = read(document(&header(DocKind::Verdicts), &Dataset::default(), &verdicts, &[]).as_bytes()).unwrap();
    let problems = merge::dangling(&sample(), &incoming);
    assert_eq!(problems[0].what, What::UnknownVisit { id: "v9".into() });
}

/// Every value of the document replaced by values of other types, every key removed, and the text
/// cut and corrupted at many places: the reader and the merge return, they never panic.
#[test]
fn no_mutation_of_a_valid_file_makes_the_importer_or_the_first_screen_panic() {
    fn paths(value: &Value, path: Vec<Value>, out: &mut Vec<Vec<Value>>) {
        out.push(path.clone());
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    let mut p = path.clone();
                    p.push(Value::from(k.as_str()));
                    paths(v, p, out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    let mut p = path.clone();
                    p.push(Value::from(i));
                    paths(v, p, out);
                }
            }
            _ => {}
        }
    }
    fn slot<'a>(doc: &'a mut Value, path: &[Value]) -> &'a mut Value {
        path.iter().fold(doc, |v, key| match key {
            Value::String(k) => &mut v[k.as_str()],
            other => &mut v[other.as_u64().unwrap() as usize],
        })
    }
    let base = sample_doc();
    let local = sample();
    let mut all = Vec::new();
    paths(&base, Vec::new(), &mut all);
    let replacements = [
        json!(null),
        json!(-1),
        json!(1e300),
        json!(u64::MAX),
        json!("x"),
        json!(""),
        json!([]),
        json!({}),
        json!([[]]),
        // Values the checks let through at their limits: the first screen must cope with them.
        json!("2200-12-31"),
        json!("1900-01-01"),
        json!(super::import::MAX_AMOUNT_FEN),
        json!(4_294_967_295u64),
    ];
    let mut texts: Vec<Vec<u8>> = Vec::new();
    for path in &all {
        for r in &replacements {
            let mut doc = base.clone();
            *slot(&mut doc, path) = r.clone();
            texts.push(doc.to_string().into_bytes());
        }
        if let Some((Value::String(key), parent)) = path.split_last() {
            let mut doc = base.clone();
            if let Some(obj) = slot(&mut doc, parent).as_object_mut() {
                obj.remove(key);
            }
            texts.push(doc.to_string().into_bytes());
        }
    }
    let text = base.to_string().into_bytes();
    for cut in (0..text.len()).step_by(7) {
        texts.push(text[..cut].to_vec());
        let mut flipped = text.clone();
        flipped[cut] ^= 0x20;
        texts.push(flipped);
    }
    assert!(texts.len() > 1000, "a real number of mutations: {}", texts.len());
    let mut accepted = 0;
    let today = d(2026, 12, 7);
    for bytes in &texts {
        if let Ok(incoming) = read(bytes) {
            accepted += 1;
            let _ = merge::dangling(&local, &incoming);
            let _ = merge::plan(&local, &incoming, &Choices::default());
            // What the app computes from an imported book on its first screen: tiers, the
            // schedule and the day's plan, with the file's own settings.
            let settings = incoming.settings.clone().unwrap_or_default();
            let data = &incoming.data;
            let tiers = crate::domain::tiering::assess_all(&data.customers, &data.visits, &settings.tiers, today);
            let tier_of = |c: &Customer| tiers.get(&c.id).map_or(crate::domain::tier::Tier::Basic, |a| a.effective);
            let input = crate::domain::schedule::ScheduleInput::new(
                &data.customers,
                &data.visits,
                &settings.schedule,
                &settings.tiers,
                &tier_of,
                today,
            );
            let range = crate::domain::schedule::DateRange::new(today, today + chrono::Days::new(41));
            let items = crate::domain::schedule::schedule(&input, range);
            let _ = crate::domain::plan::plan(&crate::domain::plan::PlanInput {
                items: &items,
                today,
                days: 42,
                contacted_today: &|_| false,
                value: &|_| 0.0,
                settings: &settings.plan,
                extra_today: 0,
            });
        }
    }
    assert!(accepted > 0 && accepted < texts.len(), "some mutations are harmless, most are refused");
}

/// `docs/exchange-format.schema.json` and the encoder agree both ways: every field an export
/// writes is in the schema, and every field the schema lists is one an export writes.
#[test]
fn the_json_schema_and_the_encoder_agree() {
    let schema: Value = serde_json::from_str(include_str!("../../../docs/exchange-format.schema.json")).unwrap();
    let defs = &schema["$defs"];
    let mut data = sample();
    data.campaigns.push(Default::default());
    data.scripts.push(Default::default());
    let verdicts = vec![super::ReviewVerdict::default()];
    let doc: Value = serde_json::from_str(&document(
        &Header { period: Some((d(2026, 5, 1), d(2026, 5, 31))), ..header(DocKind::Backup) },
        &data,
        &verdicts,
        &[super::Quarantined::default()],
    ))
    .unwrap();

    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
        k.sort();
        k
    };
    assert_eq!(keys(&doc), keys(&schema["properties"]), "top-level keys");
    for required in schema["required"].as_array().unwrap() {
        assert!(doc.get(required.as_str().unwrap()).is_some(), "{required} is written");
    }
    assert_eq!(schema["additionalProperties"], json!(false));
    let records = [
        ("customers", "customer"),
        ("visits", "visit"),
        ("feedback", "feedback_item"),
        ("signatures", "signature"),
        ("campaigns", "campaign"),
        ("agenda_marks", "agenda_mark"),
        ("scripts", "script"),
        ("reviews", "review_verdict"),
        ("quarantine", "quarantined"),
    ];
    for (collection, def) in records {
        let record = &doc[collection][0];
        let properties = &defs[def]["properties"];
        assert_eq!(keys(record), keys(properties), "fields of {collection} and $defs/{def}");
        assert_eq!(defs[def]["additionalProperties"], json!(false), "$defs/{def} refuses unknown fields");
        assert_eq!(
            schema["properties"][collection]["items"]["$ref"],
            json!(format!("#/$defs/{def}")),
            "{collection} lists {def}"
        );
    }
    assert_eq!(keys(&doc["settings"]), keys(&defs["settings"]["properties"]), "settings sections");
    assert_eq!(keys(&doc["customers"][0]["purchases"][0]), keys(&defs["purchase"]["properties"]));
    let kinds: Vec<&str> =
        schema["properties"]["kind"]["enum"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
    assert_eq!(kinds, DocKind::ALL.map(DocKind::name).to_vec());
    assert_eq!(schema["properties"]["version"]["maximum"], json!(super::SCHEMA_VERSION));
}

/// The import limit follows the memory the device reports, within its floor and ceiling.
#[test]
fn the_import_limit_follows_the_devices_memory() {
    const MB: usize = 1024 * 1024;
    assert_eq!(import::max_bytes(None), MAX_BYTES, "a browser that says nothing keeps the old limit");
    assert_eq!(import::max_bytes(Some(8.0)), 512 * MB);
    assert_eq!(import::max_bytes(Some(4.0)), 256 * MB);
    assert_eq!(import::max_bytes(Some(2.0)), 128 * MB);
    assert_eq!(import::max_bytes(Some(0.5)), MAX_BYTES, "never below the old limit");
    assert_eq!(import::max_bytes(Some(64.0)), import::MAX_BYTES_ANY_DEVICE, "never above what wasm can hold");
    for odd in [f64::NAN, f64::INFINITY, -4.0, 0.0] {
        assert_eq!(import::max_bytes(Some(odd)), MAX_BYTES, "{odd}");
    }
    // A file over the device's limit is refused before it is parsed, naming that limit.
    let bytes = vec![b' '; 2 * MB + 1];
    match import::read_within(&bytes, 2 * MB) {
        Err(problems) => assert_eq!(problems[0].what, What::TooLarge { bytes: 2 * MB + 1, max: 2 * MB }),
        Ok(_) => panic!("a file over the limit must be refused"),
    }
}

/// The preview's shortcut: a record that encodes to exactly its text has no field the format
/// drops. Anything else, shorter, longer or with a field more, goes through the full check.
#[test]
fn a_record_is_its_own_text_only_when_every_byte_matches() {
    let record = Customer { id: "c1".into(), name: "张伟".into(), ..Customer::default() };
    let text = serde_json::to_string(&record).unwrap();
    assert!(import::encodes_to(&record, &text));
    assert!(!import::encodes_to(&record, &text[..text.len() - 1]), "shorter");
    assert!(!import::encodes_to(&record, &format!("{text} ")), "longer");
    let more = format!("{},\"colour\":\"red\"}}", &text[..text.len() - 1]);
    assert!(!import::encodes_to(&record, &more), "a field more at the end");
    assert!(!import::encodes_to(&record, &text.replace("张伟", "张伟伟")), "a value changed");
}
