//! How long the agenda takes for a large customer book: 5,000 customers with two years of
//! purchases, service events, complaints, birthdays (some lunar) and visits, over 90 days with
//! both built-in holidays and a campaign. Run with `cargo bench --bench schedule`; the target is
//! well under a 16 ms frame.

use chrono::{Duration, NaiveDate};
use huifang::domain::agenda::DueItem;
use huifang::domain::customer::{
    Birthday, ContactMethod, Customer, Id, Purchase, ServiceEvent, ServiceEventKind, Severity,
};
use huifang::domain::money::Money;
use huifang::domain::scenario::Scenario;
use huifang::domain::schedule::{Campaign, DateRange, ScheduleInput, ScheduleSettings, Segment, schedule};
use huifang::domain::tier::{Tier, TierSettings};
use huifang::domain::visit::{Outcome, Visit};

fn main() {
    divan::main();
}

/// A small deterministic generator (xorshift), so every run measures the same book.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

struct Book {
    customers: Vec<Customer>,
    visits: Vec<Visit>,
    campaigns: Vec<Campaign>,
}

fn book(n: usize) -> Book {
    let start = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut customers = Vec::with_capacity(n);
    let mut visits = Vec::new();
    for i in 0..n {
        let registered = start + Duration::days(rng.below(730) as i64);
        let id: Id = format!("c{i:05}").into();
        let mut c = Customer {
            id: id.clone(),
            name: format!("客户{i}"),
            registered_on: registered,
            tier: Some(Tier::ALL[rng.below(4) as usize]),
            tags: if rng.below(3) == 0 { vec!["关注促销".into()] } else { vec![] },
            do_not_contact: rng.below(50) == 0,
            ..Customer::default()
        };
        if rng.below(10) < 6 {
            c.birthday = Some(Birthday {
                date: NaiveDate::from_ymd_opt(
                    1960 + rng.below(45) as i32,
                    1 + rng.below(12) as u32,
                    1 + rng.below(28) as u32,
                )
                .unwrap(),
                lunar: rng.below(5) == 0,
            });
        }
        for p in 0..rng.below(7) {
            c.purchases.push(Purchase {
                id: format!("p{p}").into(),
                date: registered + Duration::days(rng.below(700) as i64),
                amount: Money::from_yuan(100 + rng.below(3000) as i64),
                product: "净水器".into(),
                note: String::new(),
            });
        }
        for e in 0..rng.below(3) {
            let date = registered + Duration::days(rng.below(700) as i64);
            match rng.below(3) {
                0 => c.events.push(ServiceEvent {
                    id: format!("e{e}").into(),
                    date,
                    kind: ServiceEventKind::RepairDone,
                    note: String::new(),
                }),
                1 => {
                    c.events.push(ServiceEvent {
                        id: format!("k{e}").into(),
                        date,
                        kind: ServiceEventKind::ComplaintRaised { severity: Severity::Important },
                        note: String::new(),
                    });
                    c.events.push(ServiceEvent {
                        id: format!("r{e}").into(),
                        date: date + Duration::days(3),
                        kind: ServiceEventKind::ComplaintResolved { complaint: format!("k{e}").into() },
                        note: String::new(),
                    });
                }
                _ => c.events.push(ServiceEvent {
                    id: format!("s{e}").into(),
                    date,
                    kind: ServiceEventKind::ServiceDone,
                    note: String::new(),
                }),
            }
        }
        for v in 0..rng.below(12) {
            let on = registered + Duration::days(rng.below(730) as i64);
            visits.push(Visit {
                id: format!("{id}-v{v}").into(),
                customer_id: id.clone(),
                at: on.and_hms_opt(10, 0, 0).unwrap(),
                scenario: Scenario::Care,
                method: ContactMethod::Phone,
                outcome: [Outcome::Reached, Outcome::Reached, Outcome::NoAnswer, Outcome::Refused]
                    [rng.below(4) as usize],
                ..Visit::default()
            });
        }
        customers.push(c);
    }
    let campaigns = vec![Campaign {
        id: "m1".into(),
        name: "滤芯升级".into(),
        segment: Segment { tiers: vec![Tier::Gold, Tier::Diamond], ..Segment::default() },
        start: NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
        end: NaiveDate::from_ymd_opt(2026, 7, 31).unwrap(),
        ..Campaign::default()
    }];
    Book { customers, visits, campaigns }
}

fn agenda(book: &Book, settings: &ScheduleSettings, tiers: &TierSettings) -> Vec<DueItem> {
    let tier_of = |c: &Customer| c.tier.unwrap_or(Tier::Basic);
    let input = ScheduleInput {
        customers: &book.customers,
        visits: &book.visits,
        marks: &[],
        campaigns: &book.campaigns,
        settings,
        tiers,
        tier_of: &tier_of,
        today: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
        extra: &[],
    };
    let from = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    schedule(&input, DateRange::new(from, from + Duration::days(89)))
}

#[divan::bench(sample_count = 30)]
fn agenda_of_5000_customers_over_90_days(bencher: divan::Bencher) {
    let book = book(5_000);
    let settings = ScheduleSettings::default();
    let tiers = TierSettings::default();
    let items = agenda(&book, &settings, &tiers).len();
    println!("5,000 customers, {} visits: {items} agenda items over 90 days", book.visits.len());
    bencher.bench_local(|| agenda(divan::black_box(&book), &settings, &tiers));
}
