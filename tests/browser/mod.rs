//! What the browser tests of storage share (tests/store.rs, tests/replica.rs): a fresh database
//! per test and a customer to save.

use chrono::NaiveDate;
use huifang::domain::customer::Customer;
use huifang::store::Database;

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
