//! End-to-end tests: the release build in `dist/`, served by `python3 -m http.server`, driven in
//! headless Chromium through chromedriver. Run by scripts/test.sh (`--features e2e`).

#[allow(dead_code)]
mod harness;
mod agenda;
mod bench;
mod customers;
mod reports;
mod durability;
mod data;
mod shell;
mod scripts;
mod visit;
mod ledger;
mod today;
mod life_cycle;
