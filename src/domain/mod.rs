//! The follow-up practice (see `DOMAIN.md`): plain data and pure functions. No signals, no
//! `web_sys`; everything here is tested with `cargo test` on the host.

pub mod agenda;
pub mod backup;
pub mod csv_import;
pub mod customer;
pub mod customer_form;
pub mod dataset;
pub mod date;
pub mod demo;
pub mod exchange;
pub mod generate;
pub mod lang;
pub mod lunar;
pub mod measures;
pub mod money;
pub mod pinyin;
pub mod plan;
pub mod record;
pub mod rng;
pub mod scenario;
pub mod schedule;
pub mod scripts;
pub mod search;
pub mod settings;
pub mod tier;
pub mod tier_calibration;
pub mod tier_form;
pub mod tiering;
pub mod timeline;
pub mod visit;
pub mod wire;

pub use customer::{Customer, Id};
pub use dataset::Dataset;
pub use money::Money;
pub use scenario::Scenario;
pub use settings::Settings;
pub use tier::Tier;
