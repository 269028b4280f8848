//! Writes a generated data set (`huifang::domain::generate`) as a Huifang exchange document, which
//! the app's normal import loads:
//!
//! ```text
//! mkdir -p target/data
//! cargo run --release --bin huifang-data -- --size medium --seed 1 > target/data/medium.json
//! ```
//!
//! Options: `--size small|medium|large` (500, 5,000 or 50,000 customers; default medium), or
//! `--customers N`; `--seed N` (default 1); `--today YYYY-MM-DD` (default: today, so the data looks
//! current). Never commit the output: it is large (about 300 MB for `large`) and regenerated in
//! seconds. A summary goes to stderr.
//!
//! The tool uses only `huifang::domain`, which builds on the host without Leptos (a wasm32-only
//! dependency); `index.html` names `data-bin="huifang"`, so Trunk builds the app and never this.

use huifang::domain::generate::{Size, generate, write_document};
use std::io::{BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: huifang-data [--size small|medium|large | --customers N] [--seed N] [--today YYYY-MM-DD]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("huifang-data: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut customers = Size::Medium.customers();
    let mut seed = 1u64;
    let mut today = system_today();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--size" => {
                let v = value()?;
                customers = Size::parse(&v).ok_or_else(|| format!("unknown size {v:?}"))?.customers();
            }
            "--customers" => {
                let v = value()?;
                customers = v.parse().map_err(|_| format!("--customers wants a number, not {v:?}"))?;
            }
            "--seed" => {
                let v = value()?;
                seed = v.parse().map_err(|_| format!("--seed wants a number, not {v:?}"))?;
            }
            "--today" => {
                let v = value()?;
                today = huifang::domain::date::parse_date(&v)
                    .map_err(|_| format!("--today wants YYYY-MM-DD, not {v:?}"))?;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let data = generate(customers, seed, today);
    let stdout = std::io::stdout().lock();
    let mut out = BufWriter::with_capacity(1 << 20, stdout);
    write_document(&data, &mut out).map_err(|e| format!("writing: {e}"))?;
    out.write_all(b"\n").and_then(|()| out.flush()).map_err(|e| format!("writing: {e}"))?;
    eprintln!(
        "{} customers, {} visits, {} feedback items, {} signatures (seed {seed}, today {today})",
        data.customers.len(),
        data.visits.len(),
        data.feedback.len(),
        data.signatures.len()
    );
    Ok(())
}

/// Today in UTC+8 (the app's users are in China), from the system clock.
fn system_today() -> chrono::NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    chrono::DateTime::from_timestamp(secs + 8 * 3600, 0).map(|t| t.date_naive()).unwrap_or_default()
}
