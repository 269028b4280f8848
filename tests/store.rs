//! Browser tests of `src/store` against the real IndexedDB and localStorage of headless Chromium
//! (wasm-bindgen-test; run by scripts/test.sh). Each test opens its own database name.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use huifang::domain::customer::Customer;
use huifang::domain::exchange::SCHEMA_VERSION;
use huifang::domain::money::Money;
use huifang::i18n::Lang;
use huifang::store::{Batch, Collection, Database, StorageError, prefs};
use wasm_bindgen_test::*;

#[path = "browser/mod.rs"]
mod browser;
use browser::{customer, fresh_db, signature, signed_visits};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_saved_customer_is_there_after_reopening() {
    let db = fresh_db("test-roundtrip").await;
    let mut batch = Batch::new();
    let saved = batch.save(&customer("c1", "张伟"));
    db.write(batch).await.expect("write");
    db.close();

    let db = Database::open_named("test-roundtrip").await.unwrap();
    let loaded = db.load().await.expect("load");
    assert_eq!(loaded.data.customers, vec![saved.clone()]);
    assert_eq!(saved.rev, 1, "a first save is revision 1");
    assert!(loaded.unreadable.is_empty());
}

#[wasm_bindgen_test]
async fn a_batch_that_fails_leaves_everything_saved_before_intact() {
    let db = fresh_db("test-atomic").await;
    let mut first = Batch::new();
    let zhang = first.save(&customer("c1", "张伟"));
    let li = first.save(&customer("c2", "李娜"));
    db.write(first).await.unwrap();

    // One batch: rename Zhang (fine) and save Li from a stale copy (revision 0, storage has 1).
    let mut renamed = zhang.clone();
    renamed.name = "张伟强".into();
    let mut stale_li = li.clone();
    stale_li.rev = 0;
    stale_li.name = "李娜娜".into();
    let mut second = Batch::new();
    second.save(&renamed);
    second.save(&stale_li);
    let error = db.write(second).await.expect_err("the stale save must be refused");
    assert_eq!(error, StorageError::Conflict { collection: "customers".into(), key: "c2".into() });

    let loaded = db.load().await.unwrap();
    let names: Vec<&str> = loaded.data.customers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, vec!["张伟", "李娜"], "neither write of the failed batch may stick");
}

/// The browser stores something other than what was written (here: `put` made to write a
/// changed copy, as a broken or full storage might): the save is refused as not verified, and
/// nothing of its batch is kept, since the check runs before the transaction commits.
#[wasm_bindgen_test]
async fn a_write_that_does_not_read_back_as_written_keeps_nothing_of_its_batch() {
    let db = fresh_db("test-verify").await;
    let mut first = Batch::new();
    let zhang = first.save(&customer("c1", "张伟"));
    db.write(first).await.unwrap();

    let mut second = Batch::new();
    let mut renamed = zhang.clone();
    renamed.name = "张伟强".into();
    second.save(&renamed);
    second.save(&customer("c2", "李娜"));
    let change = "const text = value instanceof Uint8Array ? new TextDecoder().decode(value) : ''; \
        return text.includes('李娜') ? new TextEncoder().encode(text.replace('李娜', '李')) : value;";
    let result = write_with_put_changed(&db, second, change).await;

    assert!(matches!(result, Err(StorageError::NotVerified { .. })), "refused as not verified: {result:?}");
    let loaded = db.load().await.unwrap();
    assert_eq!(loaded.data.customers, vec![zhang], "neither the rename nor the new customer was kept");
}

/// The same when what storage holds is as long as what was written, one character changed for
/// another of the same size: the check compares the bytes, not only their count.
#[wasm_bindgen_test]
async fn a_page_read_back_as_long_as_written_but_different_is_refused_too() {
    let db = fresh_db("test-verify-same-length").await;
    let mut batch = Batch::new();
    batch.save(&customer("c1", "张伟"));
    batch.save(&customer("c2", "李娜"));
    let change = "const text = value instanceof Uint8Array ? new TextDecoder().decode(value) : ''; \
        return text.includes('李娜') ? new TextEncoder().encode(text.replace('李娜', '李亚')) : value;";
    let result = write_with_put_changed(&db, batch, change).await;

    assert!(matches!(result, Err(StorageError::NotVerified { .. })), "refused as not verified: {result:?}");
    assert!(db.load().await.unwrap().data.customers.is_empty(), "nothing of the batch was kept");
}

/// Many records of a per-key store written in one batch (an import's signatures) are read back in
/// two requests over their key range: one that storage changed still refuses the whole batch, and
/// deleting every other one leaves the ones between them as they were.
#[wasm_bindgen_test]
async fn many_signatures_in_one_batch_are_each_verified() {
    use huifang::domain::visit::Signature;
    let db = fresh_db("test-verify-many").await;
    db.write(signed_visits(40)).await.expect("40 signatures written and read back");

    let mut second = Batch::new();
    for i in 0..40 {
        second.put(&signature(i, 9));
    }
    let change = "return key === 'v017' && typeof value === 'string' ? value.replace('[[[9,', '[[[8,') : value;";
    let result = write_with_put_changed(&db, second, change).await;
    assert!(matches!(result, Err(StorageError::NotVerified { .. })), "refused as not verified: {result:?}");
    let (stored, _) = db.get_all_checked::<Signature>().await.unwrap();
    assert_eq!(stored, (0..40).map(|i| signature(i, 1)).collect::<Vec<_>>(), "none of the 40 new strokes was kept");

    let mut third = Batch::new();
    for i in (0..40).step_by(2) {
        third.delete_key(Collection::Signatures, &format!("v{i:03}"));
    }
    db.write(third).await.expect("20 deletes read back as gone");
    let (stored, _) = db.get_all_checked::<Signature>().await.unwrap();
    assert_eq!(stored, (1..40).step_by(2).map(|i| signature(i, 1)).collect::<Vec<_>>(), "the odd ones are left");
}

/// Twenty signatures spread over a store of 200 are read alone, not with the 180 between them; one
/// that storage changed still refuses the batch, and the next batch's twenty all stick.
#[wasm_bindgen_test]
async fn a_few_signatures_among_many_are_each_verified() {
    use huifang::domain::visit::Signature;
    let db = fresh_db("test-verify-sparse").await;
    db.write(signed_visits(200)).await.expect("200 signatures written and read back");
    let every_tenth = |x: u16| {
        let mut batch = Batch::new();
        for i in (0..200).step_by(10) {
            batch.put(&signature(i, x));
        }
        batch
    };

    let change = "return key === 'v090' && typeof value === 'string' ? value.replace('[[[9,', '[[[8,') : value;";
    let result = write_with_put_changed(&db, every_tenth(9), change).await;
    assert!(matches!(result, Err(StorageError::NotVerified { .. })), "refused as not verified: {result:?}");
    let (stored, _) = db.get_all_checked::<Signature>().await.unwrap();
    assert_eq!(stored, (0..200).map(|i| signature(i, 1)).collect::<Vec<_>>(), "nothing of the batch was kept");

    db.write(every_tenth(7)).await.expect("twenty signatures read back as written");
    let (stored, _) = db.get_all_checked::<Signature>().await.unwrap();
    let expected: Vec<_> = (0..200).map(|i| signature(i, if i % 10 == 0 { 7 } else { 1 })).collect();
    assert_eq!(stored, expected, "every tenth changed, the rest as they were");
}

/// Writes `batch` while IndexedDB's `put` stores, instead of each value, what `change` returns (the
/// body of a JavaScript function of `value` and `key`), as a broken or full storage might. `put`
/// is put back after.
async fn write_with_put_changed(db: &Database, batch: Batch, change: &str) -> Result<(), StorageError> {
    let prototype = idb_object_store_prototype();
    let put = js_sys::Reflect::get(&prototype, &"put".into()).unwrap();
    let changed = js_sys::Function::new_with_args(
        "put",
        &format!(
            "const change = (value, key) => {{ {change} }}; \
             return function (value, key) {{ return put.call(this, change(value, key), key); }}"
        ),
    )
    .call1(&wasm_bindgen::JsValue::NULL, &put)
    .unwrap();
    js_sys::Reflect::set(&prototype, &"put".into(), &changed).unwrap();
    let result = db.write(batch).await;
    js_sys::Reflect::set(&prototype, &"put".into(), &put).unwrap();
    result
}

fn idb_object_store_prototype() -> wasm_bindgen::JsValue {
    let class = js_sys::Reflect::get(&js_sys::global(), &"IDBObjectStore".into()).unwrap();
    js_sys::Reflect::get(&class, &"prototype".into()).unwrap()
}

#[wasm_bindgen_test]
async fn a_second_tab_saving_an_old_copy_is_refused_instead_of_overwriting() {
    let db = fresh_db("test-conflict").await;
    let mut batch = Batch::new();
    let original = batch.save(&customer("c1", "张伟"));
    db.write(batch).await.unwrap();

    let mut tab_a = original.clone();
    tab_a.notes = "A 的备注".into();
    let mut batch = Batch::new();
    batch.save(&tab_a);
    db.write(batch).await.expect("first tab saves");

    let mut tab_b = original.clone();
    tab_b.email = "b@example.com".into();
    let mut batch = Batch::new();
    batch.save(&tab_b);
    assert!(matches!(db.write(batch).await, Err(StorageError::Conflict { .. })));
    let stored = db.get::<Customer>("c1").await.unwrap().unwrap();
    assert_eq!(stored.notes, "A 的备注");
}

/// Tab B has a visit form open for a customer; tab A deletes the customer; B saves. The visit
/// would be an orphan that makes every later backup refused on import: it is not written.
#[wasm_bindgen_test]
async fn a_visit_for_a_customer_deleted_in_another_tab_is_refused_and_nothing_is_written() {
    use huifang::domain::visit::{FeedbackItem, Visit};
    let db = fresh_db("test-orphan").await;
    let mut batch = Batch::new();
    let saved = batch.save(&customer("c1", "张伟"));
    db.write(batch).await.expect("write the customer");
    // Tab A deletes the customer.
    let mut delete = Batch::new();
    delete.delete(&saved);
    db.write(delete).await.expect("delete the customer");
    // Tab B saves a visit and its feedback item for that customer.
    let mut batch = Batch::new();
    batch.save(&Visit { id: "v1".into(), customer_id: "c1".into(), ..Visit::default() });
    batch.save(&FeedbackItem {
        id: "f1".into(),
        customer_id: "c1".into(),
        visit_id: "v1".into(),
        ..FeedbackItem::default()
    });
    let refused = db.write(batch).await;
    assert!(matches!(refused, Err(StorageError::Missing { .. })), "{refused:?}");
    let loaded = db.load().await.expect("load");
    assert!(loaded.data.visits.is_empty() && loaded.data.feedback.is_empty(), "nothing was written");
    assert!(refused.unwrap_err().message(Lang::Zh).contains("已经被删除"));
    // With the customer saved in the same batch (an undo of the delete), it is written.
    let mut batch = Batch::new();
    batch.put(&saved);
    batch.save(&Visit { id: "v1".into(), customer_id: "c1".into(), ..Visit::default() });
    db.write(batch).await.expect("customer and visit together");
}

#[wasm_bindgen_test]
async fn a_version_1_store_is_upgraded_at_load() {
    let db = fresh_db("test-migrate").await;
    db.write_raw_for_test(Collection::Meta, "schema", "1").await.unwrap();
    db.write_raw_for_test(
        Collection::Customers,
        "c1",
        r#"{"id":"c1","name":"王芳","honorific":"ms","phone":"13900139000","birthday":"1988-02-29",
            "registered":"2025-06-01","purchases":[{"id":"p1","date":"2025-06-01","amount":2399.9,"product":"空气净化器"}]}"#,
    )
    .await
    .unwrap();

    let loaded = db.load().await.expect("a version-1 store loads");
    assert_eq!(loaded.migrated_from, Some(1));
    let wang = &loaded.data.customers[0];
    assert_eq!(wang.phones, vec!["13900139000".to_string()]);
    assert_eq!(wang.purchases[0].amount, Money(239_990));
    assert_eq!(wang.birthday.map(|b| b.date), NaiveDate::from_ymd_opt(1988, 2, 29));
    assert_eq!(db.get_meta::<u32>("schema").await.unwrap(), Some(SCHEMA_VERSION));

    // Loading again finds nothing left to migrate.
    assert_eq!(db.load().await.unwrap().migrated_from, None);
}

#[wasm_bindgen_test]
async fn data_from_a_newer_app_is_refused_and_left_alone() {
    let db = fresh_db("test-too-new").await;
    let future = SCHEMA_VERSION + 7;
    db.write_raw_for_test(Collection::Meta, "schema", &future.to_string()).await.unwrap();
    db.write_raw_for_test(Collection::Customers, "c1", r#"{"id":"c1","name":"未来","shape":"unknown"}"#).await.unwrap();

    assert_eq!(db.load().await.unwrap_err(), StorageError::TooNew { version: future });
    let raw = db.get_raw(Collection::Customers, "c1").await.unwrap();
    assert_eq!(raw.as_deref(), Some(r#"{"id":"c1","name":"未来","shape":"unknown"}"#));
}

#[wasm_bindgen_test]
async fn an_unreadable_record_is_reported_and_kept_while_the_rest_loads() {
    let db = fresh_db("test-unreadable").await;
    let mut batch = Batch::new();
    batch.save(&customer("good", "赵磊"));
    db.write(batch).await.unwrap();
    db.write_raw_for_test(Collection::Customers, "bad", "{not json").await.unwrap();

    let loaded = db.load().await.unwrap();
    assert_eq!(loaded.data.customers.len(), 1);
    assert_eq!(loaded.unreadable.len(), 1);
    let aside = &loaded.unreadable[0];
    assert_eq!((aside.collection.as_str(), aside.key.as_str()), ("customers", "bad"), "names the record");
    assert_eq!(aside.stored, "{not json", "kept as stored, for the backup's quarantine");
    assert_eq!(db.get_raw(Collection::Customers, "bad").await.unwrap().as_deref(), Some("{not json"));
}

#[wasm_bindgen_test]
fn a_quota_exception_becomes_a_message_in_the_users_language() {
    let exception = web_sys::DomException::new_with_message_and_name("full", "QuotaExceededError").unwrap();
    let error = StorageError::from_js(&exception.into());
    assert_eq!(error, StorageError::QuotaExceeded);
    assert!(error.message(Lang::Zh).contains("存储空间已满"));
    assert!(error.message(Lang::En).contains("storage is full"));

    let private = web_sys::DomException::new_with_message_and_name("denied", "SecurityError").unwrap();
    assert_eq!(StorageError::from_js(&private.into()), StorageError::Unavailable);
}

#[wasm_bindgen_test]
fn a_full_local_storage_gives_a_typed_error_and_keeps_the_old_value() {
    prefs::set_string("huifang.test.keep", "before").unwrap();
    // localStorage holds about 5 MB per origin; a 6 MB string cannot fit.
    let huge = "x".repeat(6 * 1024 * 1024);
    assert_eq!(prefs::set_string("huifang.test.keep", &huge), Err(StorageError::QuotaExceeded));
    assert_eq!(prefs::get_string("huifang.test.keep").as_deref(), Some("before"));
    prefs::remove("huifang.test.keep");
}

#[wasm_bindgen_test]
fn the_chosen_language_is_remembered_in_local_storage() {
    prefs::remove("huifang.lang");
    assert_eq!(prefs::language(), Lang::Zh, "Chinese until the user chooses");
    prefs::set_language(Lang::En).unwrap();
    assert_eq!(prefs::language(), Lang::En);
    prefs::remove("huifang.lang");
}

#[wasm_bindgen_test]
async fn campaigns_and_agenda_marks_are_kept_in_their_own_stores() {
    use huifang::domain::schedule::{AgendaMark, Campaign, Skip};
    let db = fresh_db("test-agenda-records").await;
    let day = NaiveDate::from_ymd_opt(2026, 6, 3).unwrap();
    let mut batch = Batch::new();
    batch.save(&customer("c1", "张伟"));
    batch.save(&Campaign { id: "m1".into(), name: "滤芯升级".into(), start: day, end: day, ..Campaign::default() });
    batch.save(&AgendaMark {
        id: "pp:c1:p1:7".into(),
        customer_id: "c1".into(),
        skipped: Some(Skip { reason: "客户出差".into(), on: day }),
        ..AgendaMark::default()
    });
    db.write(batch).await.expect("write");
    db.close();

    let db = Database::open_named("test-agenda-records").await.unwrap();
    let loaded = db.load().await.expect("load");
    assert_eq!(loaded.data.campaigns.len(), 1);
    assert_eq!(loaded.data.campaigns[0].name, "滤芯升级");
    assert_eq!(loaded.data.agenda_marks[0].skipped.as_ref().map(|s| s.reason.as_str()), Some("客户出差"));
    assert!(Collection::ALL.contains(&Collection::AgendaMarks));
}

fn names(loaded: &huifang::store::Loaded) -> Vec<(String, String)> {
    loaded.data.customers.iter().map(|c| (c.id.to_string(), c.name.clone())).collect()
}

/// Saves new customers (id, name) in one batch; returns them as stored.
async fn save_new(db: &Database, people: &[(&str, &str)]) -> Vec<Customer> {
    let mut batch = Batch::new();
    let saved = people.iter().map(|(id, name)| batch.save(&customer(id, name))).collect();
    db.write(batch).await.unwrap();
    saved
}

#[wasm_bindgen_test]
async fn changes_after_a_load_are_all_there_on_the_next_load() {
    let db = fresh_db("test-pages").await;
    let [a, b]: [Customer; 2] = save_new(&db, &[("a", "张伟"), ("b", "王芳")]).await.try_into().unwrap();
    let first = db.load().await.unwrap();
    assert_eq!(names(&first), vec![("a".into(), "张伟".into()), ("b".into(), "王芳".into())]);

    // An edit, a delete and a new customer after the load.
    let mut batch = Batch::new();
    batch.save(&Customer { name: "张伟伟".into(), ..a });
    batch.delete(&b);
    batch.save(&customer("c", "李娜"));
    db.write(batch).await.unwrap();
    let second = db.load().await.unwrap();
    assert_eq!(
        names(&second),
        vec![("a".into(), "张伟伟".into()), ("c".into(), "李娜".into())],
        "what changed since, in key order"
    );
    db.close();
    let db = Database::open_named("test-pages").await.unwrap();
    assert_eq!(names(&db.load().await.unwrap()), names(&second), "the same after reopening");
}

/// The page of a key is FNV-1a (32 bits) modulo the page count: the reference values of FNV-1a,
/// which the e2e tests' JS (`IDB_RECORD_JS`) must give too.
#[wasm_bindgen_test]
fn a_page_is_fnv1a_of_the_key_and_holds_lines_in_key_order() {
    use huifang::store::pages::{PAGES, encode, find, lines, page_key, page_of};
    assert_eq!(PAGES, 256);
    assert_eq!(page_of(""), 0x811c_9dc5 % PAGES);
    assert_eq!(page_of("a"), 0xe40c_292c % PAGES);
    assert_eq!(page_of("foobar"), 0xbf9c_f968 % PAGES);
    assert_eq!(page_key(Collection::Visits, 7), "visits/0007");
    let mut map = std::collections::BTreeMap::new();
    map.insert("b", r#"{"id":"b"}"#);
    map.insert("a", r#"{"id":"a"}"#);
    let text = encode(&map);
    assert_eq!(text, "a\t{\"id\":\"a\"}\nb\t{\"id\":\"b\"}");
    assert_eq!(find(&text, "b"), Some(r#"{"id":"b"}"#));
    assert_eq!(find(&text, "c"), None);
    assert_eq!(lines("x\n\ny\t1").collect::<Vec<_>>(), vec![("x", ""), ("y", "1")], "a line without a tab is kept");
}

/// A book spread over many pages loads in key order, as a store of one record per key did.
#[wasm_bindgen_test]
async fn a_book_over_many_pages_loads_in_key_order() {
    let db = fresh_db("test-pages-order").await;
    let keys: Vec<String> = (0..60).map(|i| format!("k{:02}", (i * 37) % 60)).collect();
    let people: Vec<(&str, &str)> = keys.iter().map(|k| (k.as_str(), "张伟")).collect();
    save_new(&db, &people).await;
    let loaded: Vec<String> = names(&db.load().await.unwrap()).into_iter().map(|(key, _)| key).collect();
    let mut expected = keys.clone();
    expected.sort();
    assert_eq!(loaded, expected);
    let pages: std::collections::BTreeSet<u32> = keys.iter().map(|k| huifang::store::pages::page_of(k)).collect();
    assert!(pages.len() > 20, "the keys are spread over pages: {}", pages.len());
}

/// Keys `n0`, `n1`, ... that share one page, as many as asked.
fn neighbours(count: usize) -> Vec<String> {
    use huifang::store::pages::page_of;
    let keys: Vec<String> = (0..100_000).map(|i| format!("n{i}")).collect();
    let page = page_of(&keys[0]);
    let same: Vec<String> = keys.into_iter().filter(|k| page_of(k) == page).take(count).collect();
    assert_eq!(same.len(), count);
    same
}

/// Pages hold several records each: saving one must never lose its neighbours.
#[wasm_bindgen_test]
async fn records_of_one_page_saved_together_or_apart_all_survive() {
    let db = fresh_db("test-pages-neighbours").await;
    let keys = neighbours(4);
    save_new(&db, &[(keys[0].as_str(), "张伟"), (keys[1].as_str(), "王芳")]).await;
    save_new(&db, &[(keys[2].as_str(), "李娜")]).await;
    save_new(&db, &[(keys[3].as_str(), "赵磊")]).await;
    let loaded = db.load().await.unwrap();
    let mut expected: Vec<(String, String)> =
        keys.iter().cloned().zip(["张伟", "王芳", "李娜", "赵磊"].map(String::from)).collect();
    expected.sort();
    assert_eq!(names(&loaded), expected, "both batches' records, and each batch's both records");
    let one = db.get::<Customer>(&keys[2]).await.unwrap().expect("read by key from its page");
    assert_eq!(one.name, "李娜");
}

/// Two tabs (two connections to the database), each saving a different record of the same page:
/// each save re-reads the page inside its own transaction, so neither loses the other's record.
#[wasm_bindgen_test]
async fn two_tabs_saving_neighbours_of_one_page_keep_both() {
    let tab_a = fresh_db("test-pages-tabs").await;
    let tab_b = Database::open_named("test-pages-tabs").await.unwrap();
    let keys = neighbours(3);
    let first = save_new(&tab_a, &[(keys[0].as_str(), "张伟")]).await.remove(0);
    tab_b.load().await.unwrap();
    // Both tabs write at once, one page.
    let mut a = Batch::new();
    a.save(&Customer { name: "张伟伟".into(), ..first });
    let mut b = Batch::new();
    b.save(&customer(&keys[1], "王芳"));
    let mut c = Batch::new();
    c.save(&customer(&keys[2], "李娜"));
    // Started together, awaited together: their transactions overlap.
    let start = |db: &Database, batch: Batch| {
        let db = db.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            db.write(batch).await.map(|()| wasm_bindgen::JsValue::TRUE).map_err(|e| e.to_string().into())
        })
    };
    let all: js_sys::Array = [start(&tab_a, a), start(&tab_b, b), start(&tab_b, c)].into_iter().collect();
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::all(&all)).await.expect("all three saves");
    let mut expected: Vec<(String, String)> =
        keys.iter().cloned().zip(["张伟伟", "王芳", "李娜"].map(String::from)).collect();
    expected.sort();
    assert_eq!(names(&tab_a.load().await.unwrap()), expected);
    assert_eq!(names(&tab_b.load().await.unwrap()), expected);
}

#[wasm_bindgen_test]
async fn deleting_one_record_of_a_page_keeps_its_neighbours() {
    let db = fresh_db("test-pages-delete").await;
    let keys = neighbours(3);
    let saved =
        save_new(&db, &[(keys[0].as_str(), "张伟"), (keys[1].as_str(), "王芳"), (keys[2].as_str(), "李娜")]).await;
    let mut batch = Batch::new();
    batch.delete(&saved[1]);
    db.write(batch).await.unwrap();
    let left: Vec<String> = db.load().await.unwrap().data.customers.iter().map(|c| c.name.clone()).collect();
    let mut expected = [(keys[0].clone(), "张伟"), (keys[2].clone(), "李娜")];
    expected.sort();
    assert_eq!(left, expected.iter().map(|(_, n)| n.to_string()).collect::<Vec<_>>());
    assert_eq!(db.get::<Customer>(&keys[1]).await.unwrap(), None);
}

/// A conflict on one record of a page refuses the whole batch, and the page stays as it was:
/// neither the neighbour saved in the same batch nor the stale record is changed.
#[wasm_bindgen_test]
async fn a_conflict_on_one_record_of_a_page_leaves_the_page_as_it_was() {
    let db = fresh_db("test-pages-conflict").await;
    let keys = neighbours(2);
    let saved = save_new(&db, &[(keys[0].as_str(), "张伟"), (keys[1].as_str(), "王芳")]).await;
    // Another tab renamed the second one since.
    let mut batch = Batch::new();
    batch.save(&Customer { name: "王芳芳".into(), ..saved[1].clone() });
    db.write(batch).await.unwrap();
    let before = db.get_all_raw(Collection::Customers).await.unwrap();

    let mut batch = Batch::new();
    batch.save(&Customer { name: "张伟强".into(), ..saved[0].clone() });
    batch.save(&Customer { name: "旧的".into(), ..saved[1].clone() });
    let refused = db.write(batch).await;
    assert_eq!(refused, Err(StorageError::Conflict { collection: "customers".into(), key: keys[1].clone() }));
    assert_eq!(db.get_all_raw(Collection::Customers).await.unwrap(), before, "the page is as it was");
}

#[wasm_bindgen_test]
async fn an_unreadable_record_written_among_readable_ones_is_named_and_kept() {
    let db = fresh_db("test-pages-unreadable").await;
    save_new(&db, &[("good", "赵磊")]).await;
    db.write_raw_for_test(Collection::Customers, "bad", "{not json").await.unwrap();
    // A later save of a neighbour rewrites the page: the unreadable record stays as stored.
    save_new(&db, &[("also-good", "王芳")]).await;

    let loaded = db.load().await.unwrap();
    assert_eq!(names(&loaded), vec![("also-good".into(), "王芳".into()), ("good".into(), "赵磊".into())]);
    assert_eq!(loaded.unreadable.len(), 1, "{:?}", loaded.unreadable);
    assert_eq!(loaded.unreadable[0].key, "bad", "names the record: {:?}", loaded.unreadable);
    assert_eq!(loaded.unreadable[0].stored, "{not json");
    assert_eq!(db.get_raw(Collection::Customers, "bad").await.unwrap().as_deref(), Some("{not json"));
}

#[wasm_bindgen_test]
async fn a_key_with_a_tab_or_newline_is_refused() {
    let db = fresh_db("test-pages-keys").await;
    let mut batch = Batch::new();
    batch.save(&customer("a\tb", "张伟"));
    assert!(matches!(db.write(batch).await, Err(StorageError::Failed { .. })));
    assert!(db.load().await.unwrap().data.customers.is_empty());
}

/// Runs a JS function body that returns a promise, and waits for it.
async fn run_js(body: &str) -> wasm_bindgen::JsValue {
    let promise: js_sys::Promise =
        js_sys::Function::new_no_args(body).call0(&wasm_bindgen::JsValue::NULL).unwrap().into();
    wasm_bindgen_futures::JsFuture::from(promise).await.expect("the script ran")
}

/// A database as the previous version of the app (IndexedDB version 4) left it: one record per
/// key in each collection's store, a snapshot beside them. It loads completely, and afterwards
/// the old stores are empty: everything is in pages.
#[wasm_bindgen_test]
async fn data_stored_one_record_per_key_by_the_previous_version_moves_into_pages() {
    let name = "test-pages-move";
    Database::delete_named(name).await.unwrap();
    let c1 = serde_json::to_string(&Customer { rev: 3, ..customer("c1", "张伟") }).unwrap();
    let c2 = serde_json::to_string(&customer("c2", "王芳")).unwrap();
    let visit = serde_json::to_string(&huifang::domain::visit::Visit {
        id: "v1".into(),
        customer_id: "c1".into(),
        rev: 1,
        ..Default::default()
    })
    .unwrap();
    let put = |store: &str, key: &str, json: &str| {
        format!("tx.objectStore({store:?}).put({}, {key:?});", serde_json::to_string(json).unwrap())
    };
    let writes = [
        put("meta", "schema", &SCHEMA_VERSION.to_string()),
        put("customers", "c1", &c1),
        put("customers", "c2", &c2),
        put("customers", "broken", "{not json"),
        put("visits", "v1", &visit),
        put("journal", "customers/c1", ""),
    ]
    .concat();
    run_js(&format!(
        r#"return new Promise((resolve, reject) => {{
            const req = indexedDB.open({name:?}, 4);
            req.onupgradeneeded = () => {{
                for (const s of ['customers', 'visits', 'feedback', 'signatures', 'campaigns', 'agenda_marks',
                                 'scripts', 'meta', 'snapshot', 'journal']) req.result.createObjectStore(s);
            }};
            req.onerror = () => reject(req.error);
            req.onsuccess = () => {{
                const db = req.result;
                const tx = db.transaction(db.objectStoreNames, 'readwrite');
                {writes}
                tx.objectStore('snapshot').put(new Uint8Array([1, 2, 3]), 'customers');
                tx.oncomplete = () => {{ db.close(); resolve(true); }};
                tx.onerror = () => reject(tx.error);
            }};
        }});"#
    ))
    .await;

    let db = Database::open_named(name).await.expect("opens, upgrading to pages");
    let loaded = db.load().await.expect("loads");
    assert_eq!(names(&loaded), vec![("c1".into(), "张伟".into()), ("c2".into(), "王芳".into())]);
    assert_eq!(loaded.data.customers[0].rev, 3, "moved as stored");
    assert_eq!(loaded.data.visits.len(), 1);
    assert_eq!(loaded.unreadable.len(), 1, "{:?}", loaded.unreadable);
    assert_eq!((loaded.unreadable[0].key.as_str(), loaded.unreadable[0].stored.as_str()), ("broken", "{not json"));
    assert_eq!(loaded.migrated_from, None);

    // The old stores are empty now.
    let counts = run_js(&format!(
        r#"return new Promise((resolve) => {{
            const req = indexedDB.open({name:?});
            req.onsuccess = () => {{
                const db = req.result;
                const names = ['customers', 'visits', 'snapshot', 'journal'];
                const tx = db.transaction(names, 'readonly');
                const counts = names.map(n => tx.objectStore(n).count());
                tx.oncomplete = () => {{ db.close(); resolve(counts.map(c => c.result).join(',')); }};
            }};
        }});"#
    ))
    .await;
    assert_eq!(counts.as_string().as_deref(), Some("0,0,0,0"), "the old stores are emptied");

    // And the next load reads the same from pages; a save goes on from the moved revision.
    assert_eq!(names(&db.load().await.unwrap()), names(&loaded));
    let mut batch = Batch::new();
    batch.save(&Customer { name: "张伟伟".into(), ..loaded.data.customers[0].clone() });
    db.write(batch).await.expect("the moved revision is the one to save over");
}

#[wasm_bindgen_test]
async fn unreadable_settings_and_signatures_are_set_aside_as_stored() {
    let db = fresh_db("test-quarantine").await;
    save_new(&db, &[("good", "赵磊")]).await;
    db.write_raw_for_test(Collection::Meta, "settings", r#"{"tiers":"broken"}"#).await.unwrap();
    db.write_raw_for_test(Collection::Signatures, "v1", "not a signature").await.unwrap();

    let loaded = db.load().await.expect("the rest still loads");
    assert_eq!(names(&loaded).len(), 1);
    assert_eq!(loaded.data.settings, huifang::domain::settings::Settings::default(), "defaults in their place");
    let aside = &loaded.unreadable[0];
    assert_eq!((aside.collection.as_str(), aside.key.as_str()), ("meta", "settings"));
    assert_eq!(aside.stored, r#"{"tiers":"broken"}"#);

    let (signatures, set_aside) = db.get_all_checked::<huifang::domain::visit::Signature>().await.unwrap();
    assert!(signatures.is_empty());
    assert_eq!(set_aside.len(), 1, "a signature that does not decode is set aside, not dropped");
    assert_eq!(set_aside[0].stored, "not a signature");
    assert_eq!(
        db.get_raw(Collection::Meta, "settings").await.unwrap().as_deref(),
        Some(r#"{"tiers":"broken"}"#),
        "left untouched"
    );
}

/// Settings saved in tab B since tab A loaded them are not silently replaced by A's save.
#[wasm_bindgen_test]
async fn settings_saved_in_another_tab_make_an_old_copy_a_conflict() {
    use huifang::domain::settings::Settings;
    let db = fresh_db("test-settings-rev").await;
    let loaded = Settings::default();
    // Tab B saves its settings first.
    let mut b = Batch::new();
    let mut theirs = loaded.clone();
    theirs.profile.agent_name = "小王".into();
    b.save_settings(&theirs);
    db.write(b).await.expect("tab B saves");
    // Tab A saves its copy, loaded before B's save.
    let mut a = Batch::new();
    let mut mine = loaded.clone();
    mine.profile.company = "星辰家电".into();
    a.save_settings(&mine);
    assert!(matches!(db.write(a).await, Err(StorageError::Conflict { .. })));
    let stored = db.load().await.expect("load").data.settings;
    assert_eq!(stored.profile.agent_name, "小王", "B's settings are kept");
    assert_eq!(stored.rev, 1);
}

/// Two tabs editing a visit for the same customer keep a draft each; a new tab takes one of them.
#[wasm_bindgen_test]
fn two_tabs_keep_their_own_draft_of_the_same_visit() {
    use huifang::domain::record::VisitDraft;
    use huifang::store::drafts;
    let session = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    let as_tab = |id: &str| session.set_item("huifang.tab", id).unwrap();
    let draft = |text: &str| VisitDraft { customer_id: "c1".into(), content: text.into(), ..VisitDraft::default() };
    drafts::discard("customer:c1");
    as_tab("tab-a");
    drafts::save("customer:c1", &draft("A 写了一半")).unwrap();
    as_tab("tab-b");
    drafts::save("customer:c1", &draft("B 也写了")).unwrap();
    assert_eq!(drafts::load("customer:c1").unwrap().content, "B 也写了");
    as_tab("tab-a");
    assert_eq!(drafts::load("customer:c1").unwrap().content, "A 写了一半", "B did not replace A's draft");
    as_tab("tab-c");
    assert!(drafts::load("customer:c1").is_some(), "a closed tab's work is found by the next one");
    drafts::discard("customer:c1");
    assert!(drafts::load("customer:c1").is_none());
}
