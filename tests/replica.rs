//! Browser tests of what sync keeps in IndexedDB (`store::replica`) against the real IndexedDB of
//! headless Chromium: saves queue their revisions in their own transaction once sync is set up,
//! pulled pages apply all or nothing, conflicts settle in one transaction. Each test opens its
//! own database name.
#![cfg(target_arch = "wasm32")]

use huifang::domain::exchange::merge::Choice;
use huifang::store::replica::Pulled;
use huifang::store::{Batch, Collection};
use huifang::sync::local::Setup;
use huifang::sync::{Conflict, DocId, Revision, Version, Write};
use serde_json::json;
use wasm_bindgen_test::*;

#[path = "browser/mod.rs"]
mod browser;
use browser::{customer, fresh_db, signature, signed_visits};

wasm_bindgen_test_configure!(run_in_browser);

fn setup() -> Setup {
    Setup::new("phone-1".into(), "/couch/".into(), "huifang-li".into(), "li".into())
}

fn id(key: &str) -> DocId {
    DocId::new(Collection::Customers, key)
}

fn names(entries: &[huifang::sync::OutboxEntry]) -> Vec<(u64, String, Option<String>)> {
    entries
        .iter()
        .map(|e| {
            let name = e.revision.version.body.as_ref().and_then(|b| b["name"].as_str().map(str::to_string));
            (e.seq, e.revision.id.to_string(), name)
        })
        .collect()
}

#[wasm_bindgen_test]
async fn saves_before_sync_is_set_up_keep_nothing_for_it() {
    let db = fresh_db("replica-off").await;
    let mut batch = Batch::new();
    batch.save(&customer("c1", "张伟"));
    db.write(batch).await.unwrap();
    assert_eq!(db.sync_setup().await.unwrap(), None);
    assert!(db.read_outbox().await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn once_set_up_every_save_queues_its_revision_on_top_of_the_last() {
    let db = fresh_db("replica-saves").await;
    let mut batch = Batch::new();
    let before = batch.save(&customer("c1", "张伟"));
    db.write(batch).await.unwrap();
    db.start_sync(&setup()).await.unwrap();
    assert_eq!(db.queue_everything().await.unwrap(), 1, "the customer saved before sync is queued once");

    let mut renamed = before.clone();
    renamed.name = "张伟强".into();
    let mut batch = Batch::new();
    let renamed = batch.save(&renamed);
    db.write(batch).await.unwrap();
    let mut batch = Batch::new();
    batch.delete(&renamed);
    db.write(batch).await.unwrap();

    let outbox = db.read_outbox().await.unwrap();
    assert_eq!(
        names(&outbox),
        vec![
            (1, "customers:c1".into(), Some("张伟".into())),
            (2, "customers:c1".into(), Some("张伟强".into())),
            (3, "customers:c1".into(), None),
        ]
    );
    let paths: Vec<_> = outbox.iter().map(|e| e.revision.version.path.clone()).collect();
    assert_eq!(paths[1].parent(), Some(paths[0].rev()), "the rename is on top of the first version");
    assert_eq!(paths[2].parent(), Some(paths[1].rev()), "the deletion is on top of the rename");
    assert!(outbox.iter().all(|e| e.revision.version.body.as_ref().is_none_or(|b| b.get("rev").is_none())));

    // The deleted customer's history stays: what this device holds of it is the tombstone.
    let local = db.read_local(&[id("c1")]).await.unwrap();
    assert_eq!(local[0].current.as_ref().map(|v| v.path.clone()), Some(paths[2].clone()));
    assert_eq!(local[0].unsent.len(), 3);

    db.remove_from_outbox(&[1, 2]).await.unwrap();
    assert_eq!(names(&db.read_outbox().await.unwrap()), vec![(3, "customers:c1".into(), None)]);
    assert_eq!(db.sync_setup().await.unwrap().map(|s| s.next_seq), Some(4), "seqs never repeat");
}

#[wasm_bindgen_test]
async fn a_pulled_page_is_written_whole_or_not_at_all() {
    let db = fresh_db("replica-pull").await;
    db.start_sync(&setup()).await.unwrap();
    let mut batch = Batch::new();
    let mine = batch.save(&customer("c1", "张伟"));
    db.write(batch).await.unwrap();
    let read = db.read_local(&[id("c1"), id("c2")]).await.unwrap();
    let c1_now = read[0].current.clone().expect("c1 is here");
    assert_eq!(read[1].current, None);

    let body = |name: &str, key: &str| {
        let mut c = serde_json::to_value(customer(key, name)).unwrap();
        c.as_object_mut().unwrap().remove("rev");
        c
    };
    let page = huifang::sync::Batch {
        writes: vec![
            Write {
                revision: Revision { id: id("c1"), version: c1_now.edit(Some(body("张伟（改）", "c1"))) },
                expected: Some(c1_now.path.rev()),
            },
            Write {
                revision: Revision { id: id("c2"), version: Version::first(body("李娜", "c2")) }, expected: None
            },
        ],
        ..Default::default()
    };

    // The user saves c1 meanwhile: the page no longer fits, and nothing of it is written.
    let mut renamed = mine.clone();
    renamed.name = "张伟伟".into();
    let mut batch = Batch::new();
    let renamed = batch.save(&renamed);
    db.write(batch).await.unwrap();
    assert_eq!(db.apply_pulled(&page).await.unwrap(), Pulled::Stale);
    let loaded = db.load().await.unwrap();
    let shown: Vec<&str> = loaded.data.customers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(shown, vec!["张伟伟"], "neither the edit nor the new customer was written");

    // Read again, the page applies whole: both records, revisions one above what was stored.
    let read = db.read_local(&[id("c1")]).await.unwrap();
    let c1_now = read[0].current.clone().unwrap();
    let mut page = page;
    page.writes[0] = Write {
        revision: Revision { id: id("c1"), version: c1_now.edit(Some(body("张伟（改）", "c1"))) },
        expected: Some(c1_now.path.rev()),
    };
    let written = db.apply_pulled(&page).await.unwrap();
    assert_eq!(
        written,
        Pulled::Written(vec![(Collection::Customers, "c1".into()), (Collection::Customers, "c2".into())])
    );
    let loaded = db.load().await.unwrap();
    let shown: Vec<(&str, u64)> = loaded.data.customers.iter().map(|c| (c.name.as_str(), c.rev)).collect();
    assert_eq!(shown, vec![("张伟（改）", renamed.rev + 1), ("李娜", 1)]);
    // A pulled record is not sent back up.
    assert_eq!(db.read_outbox().await.unwrap().len(), 2, "only this device's two saves are queued");
    // A tab still holding the older copy is refused rather than overwriting the pulled version.
    let mut stale = renamed.clone();
    stale.name = "旧标签页".into();
    let mut batch = Batch::new();
    batch.save(&stale);
    assert!(db.write(batch).await.is_err());
}

#[wasm_bindgen_test]
async fn a_conflict_is_kept_until_the_user_settles_it_in_one_transaction() {
    let db = fresh_db("replica-conflict").await;
    db.start_sync(&setup()).await.unwrap();
    let mut batch = Batch::new();
    batch.save(&customer("c1", "张伟（手机）"));
    db.write(batch).await.unwrap();
    let mine = db.read_local(&[id("c1")]).await.unwrap()[0].current.clone().unwrap();
    let theirs = Version::first(json!({"id": "c1", "name": "张伟（电脑）", "phones": ["13800138000"]}));
    let conflict = Conflict { id: id("c1"), mine: mine.clone(), theirs: vec![theirs.clone()] };
    let page = huifang::sync::Batch { conflicts: vec![conflict.clone()], ..Default::default() };
    assert!(matches!(db.apply_pulled(&page).await.unwrap(), Pulled::Written(_)));
    assert_eq!(db.conflicts().await.unwrap(), vec![conflict]);

    let settled = db.settle(&id("c1"), Choice::TakeTheirs).await.unwrap();
    assert_eq!(settled, Some((Collection::Customers, "c1".into())));
    assert!(db.conflicts().await.unwrap().is_empty());
    let loaded = db.load().await.unwrap();
    assert_eq!(loaded.data.customers[0].name, "张伟（电脑）");
    // Mine is closed with a deletion on top of it, queued after the save.
    let outbox = db.read_outbox().await.unwrap();
    let last = &outbox.last().unwrap().revision.version;
    assert!(last.is_deleted());
    assert_eq!(last.path.parent(), Some(mine.path.rev()));
    let local = db.read_local(&[id("c1")]).await.unwrap();
    assert_eq!(local[0].current.as_ref().map(|v| v.path.rev()), Some(theirs.path.rev()));
    assert_eq!(db.settle(&id("c1"), Choice::KeepMine).await.unwrap(), None, "settled once only");
}

#[wasm_bindgen_test]
async fn stopping_sync_keeps_the_book_and_forgets_the_outbox() {
    let db = fresh_db("replica-stop").await;
    db.start_sync(&setup()).await.unwrap();
    let mut batch = Batch::new();
    batch.save(&customer("c1", "张伟"));
    db.write(batch).await.unwrap();
    assert_eq!(db.read_outbox().await.unwrap().len(), 1);
    db.stop_sync().await.unwrap();
    assert_eq!(db.sync_setup().await.unwrap(), None);
    assert!(db.read_outbox().await.unwrap().is_empty());
    assert_eq!(db.load().await.unwrap().data.customers.len(), 1);
}

/// An import's many signatures are read in one range before they are written (a signature's new
/// revision goes on top of the one stored): each still queues on top of its own last version.
#[wasm_bindgen_test]
async fn many_signatures_saved_at_once_each_queue_on_top_of_their_last() {
    let db = fresh_db("replica-many").await;
    db.start_sync(&setup()).await.unwrap();
    db.write(signed_visits(20)).await.unwrap();
    let mut batch = Batch::new();
    for i in 0..20 {
        batch.put(&signature(i, 2));
    }
    db.write(batch).await.unwrap();

    let outbox = db.read_outbox().await.unwrap();
    for i in 0..20 {
        let id = format!("signatures:v{i:03}");
        let paths: Vec<_> = outbox
            .iter()
            .filter(|e| e.revision.id.to_string() == id)
            .map(|e| e.revision.version.path.clone())
            .collect();
        assert_eq!(paths.len(), 2, "{id}: written twice, queued twice");
        assert_eq!(paths[1].parent(), Some(paths[0].rev()), "{id}: the second on top of the first");
    }
}
