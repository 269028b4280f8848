//! Browser tests of the scripts collection in real IndexedDB (headless Chromium): the user's
//! scripts survive a reload, old databases gain the store without losing data, and a deleted
//! script comes back on Undo.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use huifang::domain::scripts::{self, Origin, Script, builtin};
use huifang::domain::tier::Tier;
use huifang::i18n::Lang;
use huifang::i18n::scripts::library_words;
use huifang::store::{Batch, Database, StorageError};
use idb::DatabaseEvent as _;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh_db(name: &str) -> Database {
    Database::delete_named(name).await.expect("delete old test database");
    Database::open_named(name).await.expect("open test database")
}

fn at(day: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 6, day).unwrap().and_hms_opt(9, 30, 0).unwrap()
}

fn edited_birthday() -> Script {
    let mut s = builtin::script("birthday", Lang::Zh).unwrap().edited("e1".into(), at(2));
    s.sections.opening = "生日快乐，{称呼}！".into();
    s
}

#[wasm_bindgen_test]
async fn the_users_scripts_are_there_after_reopening_and_replace_the_built_in() {
    let db = fresh_db("test-scripts-roundtrip").await;
    let care = builtin::script("care_gold", Lang::En).unwrap();
    let mut batch = Batch::new();
    let edit = batch.save(&edited_birthday());
    let copy = batch.save(&scripts::duplicate(
        &care,
        Some(Tier::Diamond),
        Some("water filter"),
        "d1".into(),
        at(3),
        library_words,
    ));
    db.write(batch).await.expect("write");
    db.close();

    let db = Database::open_named("test-scripts-roundtrip").await.unwrap();
    let mut loaded = db.load().await.expect("load").data.scripts;
    loaded.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(loaded, vec![copy.clone(), edit.clone()]);
    assert_eq!((edit.rev, edit.origin.clone()), (1, Origin::Edited));

    let zh = scripts::library(&loaded, Lang::Zh);
    let birthday: Vec<&Script> = zh.iter().filter(|s| s.builtin.as_deref() == Some("birthday")).collect();
    assert_eq!(birthday.len(), 1, "the edit replaces the built-in");
    assert_eq!(birthday[0].sections.opening, "生日快乐，{称呼}！");
    assert!(scripts::library(&loaded, Lang::En).iter().any(|s| s.id == "d1"));
}

#[wasm_bindgen_test]
async fn a_database_from_before_scripts_existed_gains_the_store_and_keeps_its_customers() {
    let name = "test-scripts-upgrade";
    Database::delete_named(name).await.unwrap();
    // The foundation's database: version 1, five stores, one customer.
    let factory = idb::Factory::new().unwrap();
    let mut request = factory.open(name, Some(1)).unwrap();
    request.on_upgrade_needed(|event| {
        let db = event.database().unwrap();
        for store in ["customers", "visits", "feedback", "signatures", "meta"] {
            db.create_object_store(store, idb::ObjectStoreParams::new()).unwrap();
        }
    });
    let old = request.await.unwrap();
    let tx = old.transaction(&["customers", "meta"], idb::TransactionMode::ReadWrite).unwrap();
    tx.object_store("customers")
        .unwrap()
        .put(&r#"{"id":"c1","rev":1,"name":"王芳","registered_on":"2026-01-05"}"#.into(), Some(&"c1".into()))
        .unwrap();
    tx.object_store("meta").unwrap().put(&"2".into(), Some(&"schema".into())).unwrap();
    tx.commit().unwrap().await.unwrap();
    old.close();

    let db = Database::open_named(name).await.expect("the upgrade opens the old database");
    let loaded = db.load().await.expect("load");
    assert_eq!(loaded.data.customers.len(), 1);
    assert_eq!(loaded.data.customers[0].name, "王芳");
    assert!(loaded.data.scripts.is_empty());

    let mut batch = Batch::new();
    batch.save(&edited_birthday());
    db.write(batch).await.expect("scripts can be saved after the upgrade");
    assert_eq!(db.load().await.unwrap().data.scripts.len(), 1);
}

#[wasm_bindgen_test]
async fn a_deleted_script_written_back_by_undo_is_whole_again() {
    let db = fresh_db("test-scripts-undo").await;
    let mut batch = Batch::new();
    let saved = batch.save(&edited_birthday());
    db.write(batch).await.unwrap();

    let mut batch = Batch::new();
    batch.delete(&saved);
    db.write(batch).await.unwrap();
    assert!(db.load().await.unwrap().data.scripts.is_empty());

    let mut batch = Batch::new();
    batch.put(&saved);
    db.write(batch).await.unwrap();
    assert_eq!(db.load().await.unwrap().data.scripts, vec![saved]);
}

#[wasm_bindgen_test]
async fn an_edit_saved_from_a_stale_copy_is_refused_instead_of_overwriting() {
    let db = fresh_db("test-scripts-conflict").await;
    let mut batch = Batch::new();
    let original = batch.save(&edited_birthday());
    db.write(batch).await.unwrap();

    let mut tab_a = original.clone();
    tab_a.sections.closing = "A".into();
    let mut batch = Batch::new();
    batch.save(&tab_a);
    db.write(batch).await.unwrap();

    let mut tab_b = original.clone();
    tab_b.sections.closing = "B".into();
    let mut batch = Batch::new();
    batch.save(&tab_b);
    assert_eq!(
        db.write(batch).await.unwrap_err(),
        StorageError::Conflict { collection: "scripts".into(), key: "e1".into() }
    );
    assert_eq!(db.get::<Script>("e1").await.unwrap().unwrap().sections.closing, "A");
}
