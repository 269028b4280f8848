//! What the browser tests of storage share (tests/store.rs, tests/replica.rs): a fresh database
//! per test, a customer to save, and signed visits.

use chrono::NaiveDate;
use huifang::domain::customer::Customer;
use huifang::domain::visit::{Signature, Visit};
use huifang::store::{Batch, Database};

pub async fn fresh_db(name: &str) -> Database {
    Database::delete_named(name).await.expect("delete old test database");
    Database::open_named(name).await.expect("open test database")
}

pub fn customer(id: &str, name: &str) -> Customer {
    Customer {
        id: id.into(),
        name: name.into(),
        phones: vec!["13800138000".into()],
        registered_on: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        ..Customer::default()
    }
}

/// The signature of visit `v<i>` (three digits), one stroke starting at `x`.
pub fn signature(i: usize, x: u16) -> Signature {
    Signature { visit_id: format!("v{i:03}").into(), strokes: vec![vec![(x, 1), (2, 3)]] }
}

/// Customer c1 with `n` visits, each signed (`signature(i, 1)`), as one batch.
pub fn signed_visits(n: usize) -> Batch {
    let mut batch = Batch::new();
    batch.save(&customer("c1", "张伟"));
    for i in 0..n {
        batch.save(&Visit { id: format!("v{i:03}").into(), customer_id: "c1".into(), ..Visit::default() });
        batch.put(&signature(i, 1));
    }
    batch
}
