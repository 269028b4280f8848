//! The domain at the three sizes of issue 8 (`domain::generate`: 500, 5,000 and 50,000 customers,
//! about 10 visits each): what the app computes when a page opens or a key is pressed. Run with
//! `cargo bench --bench scale` (or `scripts/bench.sh`); `cargo bench --bench scale -- Medium`
//! runs one size. The figures, and what they mean for the targets, are in docs/performance.md.
//!
//! - `tiering`: every customer's tier (`tiering::assess_all`), done when the book loads or changes.
//! - `agenda_90_days`: the schedule over 90 days with everyone's tier.
//! - `today_plan`: what Today computes: the schedule from today over the coming week, then the
//!   day's plan (one card per customer, in order, within the daily capacity of 40).
//! - `reports_year`: the twelve monthly summaries (every measure, with the month before) of a
//!   year, from that year's agenda items; the items themselves are `agenda_year`.
//! - `search_keystroke`: one keystroke of typing "wangf" into the customer search, each narrowing
//!   the previous results as the list does; `search_first_letter` is the widest (first) one.
//! - `search_index`: building the search index (after a load or any change of the book).
//! - `import_decode`: an exchange file's text to checked data (parse, version upgrade, decode).
//! - `export_encode`: the data to an exchange file's text.

use chrono::{Duration, NaiveDate};
use divan::{Bencher, black_box};
use huifang::domain::Id;
use huifang::domain::agenda::DueItem;
use huifang::domain::customer::Customer;
use huifang::domain::dataset::Dataset;
use huifang::domain::exchange::{decode, encode};
use huifang::domain::generate::{Size, generate};
use huifang::domain::measures::{Records, ReportPeriod, ReportSettings, summary};
use huifang::domain::plan::{PlanInput, PlanSettings, plan, value_shares};
use huifang::domain::schedule::{DateRange, ScheduleInput, schedule};
use huifang::domain::search::{CustomerIndex, Query};
use huifang::domain::tier::Tier;
use huifang::domain::tiering::{self, TierAssessment};
use std::collections::HashMap;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 3).unwrap()
}

const SIZES: [Size; 3] = Size::ALL;

/// Each book is generated once per run and shared by every benchmark.
fn book(size: Size) -> &'static Book {
    static BOOKS: [OnceLock<Book>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = SIZES.iter().position(|s| *s == size).unwrap();
    BOOKS[slot].get_or_init(|| {
        let data = generate(size.customers(), 1, today());
        let assessed = tiering::assess_all(&data.customers, &data.visits, &data.settings.tiers, today());
        eprintln!(
            "{}: {} customers, {} visits, {} feedback items, {} signatures",
            size.name(),
            data.customers.len(),
            data.visits.len(),
            data.feedback.len(),
            data.signatures.len()
        );
        Book { data, assessed }
    })
}

struct Book {
    data: Dataset,
    assessed: HashMap<Id, TierAssessment>,
}

impl Book {
    fn agenda(&self, range: DateRange) -> Vec<DueItem> {
        let tier_of = |c: &Customer| self.assessed.get(&c.id).map_or(Tier::Basic, |a| a.effective);
        let d = &self.data;
        let input = ScheduleInput {
            customers: &d.customers,
            visits: &d.visits,
            marks: &d.agenda_marks,
            campaigns: &d.campaigns,
            settings: &d.settings.schedule,
            tiers: &d.settings.tiers,
            tier_of: &tier_of,
            today: today(),
            extra: &[],
        };
        schedule(&input, range)
    }
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn tiering(bencher: Bencher, size: Size) {
    let d = &book(size).data;
    bencher.bench(|| tiering::assess_all(black_box(&d.customers), &d.visits, &d.settings.tiers, today()));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn agenda_90_days(bencher: Bencher, size: Size) {
    let b = book(size);
    let range = DateRange::new(today() - Duration::days(30), today() + Duration::days(59));
    bencher.bench(|| black_box(b.agenda(range)).len());
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn today_plan(bencher: Bencher, size: Size) {
    let b = book(size);
    let range = DateRange::new(today(), today() + Duration::days(6));
    let settings = PlanSettings::default();
    let values = value_shares(&b.data.customers, today());
    bencher.bench(|| {
        let items = b.agenda(range);
        let value = |id: &str| values.get(id).copied().unwrap_or(0.0);
        let p = plan(&PlanInput {
            items: &items,
            today: today(),
            days: 7,
            contacted_today: &|_| false,
            value: &value,
            settings: &settings,
            extra_today: 0,
        });
        assert!(p.today().len() <= settings.capacity as usize);
        black_box(p.today().len())
    });
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn agenda_year(bencher: Bencher, size: Size) {
    let b = book(size);
    let year =
        DateRange::new(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
    bencher.bench(|| black_box(b.agenda(year)).len());
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn reports_year(bencher: Bencher, size: Size) {
    let b = book(size);
    // The items of the year and of the month before it (each month is compared with the one before).
    let range =
        DateRange::new(NaiveDate::from_ymd_opt(2024, 12, 1).unwrap(), NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
    let items = b.agenda(range);
    let settings = ReportSettings::default();
    let months = ReportPeriod::month_of(NaiveDate::from_ymd_opt(2025, 12, 1).unwrap()).last(12);
    let d = &b.data;
    bencher.bench(|| {
        let records = Records::new(&items, &d.visits, &d.feedback, &d.customers);
        months.iter().map(|m| summary(&records, m, &settings).len()).sum::<usize>()
    });
}

fn index(size: Size) -> CustomerIndex {
    let b = book(size);
    CustomerIndex::build(&b.data.customers, &b.assessed)
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn search_index(bencher: Bencher, size: Size) {
    let b = book(size);
    bencher.bench(|| CustomerIndex::build(black_box(&b.data.customers), &b.assessed).len());
}

/// The five keystrokes of "wangf", each searching within the results of the one before, as the
/// customer list does; divan's figure is for the five together, divided by five.
#[divan::bench(args = SIZES, sample_count = 30)]
fn search_keystroke(bencher: Bencher, size: Size) {
    let index = index(size);
    bencher.counter(divan::counter::ItemsCount::new(5usize)).bench(|| {
        let mut previous: Option<Vec<u32>> = None;
        for typed in ["w", "wa", "wan", "wang", "wangf"] {
            let q = Query { text: typed.into(), ..Query::default() };
            previous = Some(index.search_within(&q, today(), None, previous.as_deref()));
        }
        previous.map(|p| p.len())
    });
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn search_first_letter(bencher: Bencher, size: Size) {
    let index = index(size);
    let q = Query { text: "z".into(), ..Query::default() };
    bencher.bench(|| index.search(black_box(&q), today(), None).len());
}

fn file_text(size: Size) -> String {
    encode(&book(size).data).to_string()
}

#[divan::bench(args = SIZES, sample_count = 3)]
fn import_decode(bencher: Bencher, size: Size) {
    let text = file_text(size);
    eprintln!("{}: exchange file {:.1} MB", size.name(), text.len() as f64 / 1e6);
    bencher.with_inputs(|| text.clone()).bench_values(|text| {
        let doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        decode(doc).expect("a valid document").customers.len()
    });
}

#[divan::bench(args = SIZES, sample_count = 3)]
fn export_encode(bencher: Bencher, size: Size) {
    let d = &book(size).data;
    bencher.bench(|| encode(black_box(d)).to_string().len());
}
