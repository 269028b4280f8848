//! End-to-end tests: the release build in `dist/`, served by `scripts/static_server.py` (a plain static server that sends the build's precompressed files), driven in
//! headless Chromium through chromedriver. Run by scripts/test.sh (`--features e2e`).

mod a11y;
mod agenda;
mod baseline;
mod bench;
mod customers;
mod data;
mod durability;
#[allow(dead_code)]
mod harness;
mod ledger;
mod life_cycle;
mod reports;
mod scripts;
mod shell;
mod sync;
mod today;
mod visit;
