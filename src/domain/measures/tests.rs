//! Every measure on one small book of customers, worked out by hand.
//!
//! The week W is Monday 1 – Sunday 7 June 2026 (previous week PW: 25–31 May); the month M is June
//! 2026 (previous month PM: May). Dates below are 2026 unless a year is given.
//!
//! Customers (registered; purchases; events; tier history):
//! - A 张伟  01-05; p_a1 01-05, p_a2 05-10, p_a3 06-20; —; 01-05 Gold, 05-15 Diamond
//! - B 李娜  03-01; p_b1 03-01, p_b2 07-10; complaints c_b1 06-20, c_b2 06-21; 03-01 Silver, 06-10 Gold
//! - C 王芳  2025-12-09; p_c1 2025-12-09, p_c2 06-09; complaint c_c1 06-03; 2025-12-09 Silver
//! - D 刘强  2025-06-01; —; repair s_d1 06-02; 2025-06-01 Basic
//! - E 陈静  06-20; p_e1 and p_e2 both 06-20; —; 07-01 Basic (not tiered yet in June)
//! - F 赵磊  04-01; p_f1 04-01; complaint c_f1 06-18; no history, current tier Silver
//! - G 孙悦  07-05; nothing yet
//!
//! Agenda items (customer, window earliest..latest, status):
//! - i1  A 06-01..06-03 done by v1 on 06-02
//! - i2  B 06-02..06-05 done by v3 on 06-06 (late)
//! - i3  C 06-04..06-07 open
//! - i4  D 05-30..06-06 skipped on 06-05
//! - i5  A 06-05..06-07 done by v4 on 06-05
//! - i6  C 06-10..06-12 done by v5 on 06-09 (early)
//! - i7  E 06-22..06-24 done by v6 on 06-23
//! - i8  B 06-25..06-30 open
//! - i9  D 06-28..07-02 open (due in July)
//! - i10 A 05-27..05-29 done by v7 on 05-28
//! - i11 B 05-29..05-31 open
//!
//! Visits (customer, item, day, method, outcome, score, level, recommend):
//! - v1  A i1  06-02 phone reached      5  —            10
//! - v2  B i2  06-03 phone no answer    —  —            —
//! - v3  B i2  06-06 phone reached      3  dissatisfied 7
//! - v4  A i5  06-05 SMS   reached      —  satisfied    —
//! - v5  C i6  06-09 phone reached      4  —            9
//! - v6  E i7  06-23 phone reached      2  —            3
//! - v7  A i10 05-28 phone reached      3  —            —
//! - v8  C i3  06-04 phone no answer    —  —            —
//! - v9  B i8  06-26 phone refused      —  —            —
//! - v10 D —   06-15 phone reached      9 (impossible)  neutral  6
//! - v11 D i4  06-03 phone no answer    —  —            —
//!
//! Feedback items (kind, category, raised, visit, deadline, status):
//! - f1  follow-up "噪音"   06-02 v1 dl 06-04 closed 06-03
//! - f2  follow-up "噪音 "  06-06 v3 dl 06-07 open
//! - f3  follow-up "噪音"   06-06 v3 dl 06-10 open, duplicate of f2
//! - f4  follow-up "配件"   06-09 v5 dl 06-20 closed 06-25
//! - f5  need "净水器"      06-02 v1 open
//! - f6  need "净水器"      06-23 v6 open
//! - f7  need "滤芯"        06-09 v5 closed 06-15
//! - f8  need "延保"        06-15 v10 in progress
//! - f9  need "安装"        06-26 v9 open
//! - f10 suggestion "配送"  06-05 v4 closed 06-08
//! - f11 follow-up "异味"   05-28 v7 dl 05-30 closed 06-02
//! - f12 follow-up "  "     06-26 v9 dl 07-05 open

use super::*;
use crate::domain::agenda::{DueItem, ItemStatus, Responsible};
use crate::domain::customer::{
    ContactMethod, Customer, Purchase, ServiceEvent, ServiceEventKind, Severity, TierChange, TierChangeReason,
};
use crate::domain::lang::Lang;
use crate::domain::money::Money;
use crate::domain::scenario::Scenario;
use crate::domain::schedule::{ItemKey, MergedKey};
use crate::domain::tier::Tier;
use crate::domain::visit::{FeedbackItem, FeedbackKind, FeedbackStatus, Outcome, SatisfactionLevel, Visit};
use crate::i18n;
use chrono::{NaiveDate, NaiveDateTime};

fn dy(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn d(m: u32, day: u32) -> NaiveDate {
    dy(2026, m, day)
}

fn at(m: u32, day: u32, h: u32) -> NaiveDateTime {
    d(m, day).and_hms_opt(h, 0, 0).unwrap()
}

fn week() -> ReportPeriod {
    ReportPeriod::week_of(d(6, 1))
}

fn month() -> ReportPeriod {
    ReportPeriod::month_of(d(6, 1))
}

fn customer(id: &str, name: &str, registered_on: NaiveDate) -> Customer {
    Customer { id: id.into(), name: name.into(), registered_on, ..Customer::default() }
}

fn purchase(id: &str, date: NaiveDate) -> Purchase {
    Purchase { id: id.into(), date, amount: Money::from_yuan(100), product: "净水器".into(), note: String::new() }
}

fn event(id: &str, date: NaiveDate, kind: ServiceEventKind) -> ServiceEvent {
    ServiceEvent { id: id.into(), date, kind, note: String::new() }
}

fn complaint(id: &str, date: NaiveDate) -> ServiceEvent {
    event(id, date, ServiceEventKind::ComplaintRaised { severity: Severity::General })
}

fn tier_change(on: NaiveDate, to: Tier) -> TierChange {
    TierChange { on, from: None, to, reason: TierChangeReason::COMPUTED }
}

fn item(key: &str, customer_id: &str, earliest: NaiveDate, latest: NaiveDate, status: ItemStatus) -> DueItem {
    DueItem {
        key: key.into(),
        customer_id: customer_id.into(),
        scenario: Scenario::PostPurchase,
        reasons: vec![],
        earliest,
        ideal: earliest,
        latest,
        method: ContactMethod::Phone,
        tier: Tier::Gold,
        responsible: Responsible::Agent,
        on_site: false,
        status,
    }
}

fn done(visit_id: &str, on: NaiveDate) -> ItemStatus {
    ItemStatus::Done { visit_id: visit_id.into(), on }
}

fn visit(
    id: &str,
    customer_id: &str,
    item_key: Option<&str>,
    at: NaiveDateTime,
    method: ContactMethod,
    outcome: Outcome,
) -> Visit {
    Visit {
        id: id.into(),
        customer_id: customer_id.into(),
        item_key: item_key.map(MergedKey::from),
        scenario: Scenario::PostPurchase,
        method,
        at,
        outcome,
        ..Visit::default()
    }
}

fn answers(mut v: Visit, score: Option<u8>, level: Option<SatisfactionLevel>, recommend: Option<u8>) -> Visit {
    v.satisfaction = score;
    v.satisfaction_level = level;
    v.recommend = recommend;
    v
}

fn feedback(
    id: &str,
    visit_id: &str,
    customer_id: &str,
    kind: FeedbackKind,
    category: &str,
    raised_on: NaiveDate,
) -> FeedbackItem {
    FeedbackItem {
        id: id.into(),
        visit_id: visit_id.into(),
        customer_id: customer_id.into(),
        kind,
        category: category.into(),
        raised_on,
        ..FeedbackItem::default()
    }
}

fn closed(mut f: FeedbackItem, on: NaiveDate) -> FeedbackItem {
    f.status = FeedbackStatus::Closed;
    f.closed_on = Some(on);
    f
}

fn deadline(mut f: FeedbackItem, on: NaiveDate) -> FeedbackItem {
    f.deadline = Some(on);
    f
}

struct Data {
    items: Vec<DueItem>,
    visits: Vec<Visit>,
    feedback: Vec<FeedbackItem>,
    customers: Vec<Customer>,
}

impl Data {
    fn records(&self) -> Records<'_> {
        Records::new(&self.items, &self.visits, &self.feedback, &self.customers)
    }
}

fn data() -> Data {
    use ContactMethod::{Phone, Sms};
    use FeedbackKind::{FollowUp, PotentialNeed, Suggestion};
    use Outcome::{NoAnswer, Reached, Refused};
    use SatisfactionLevel::{Dissatisfied, Neutral, Satisfied};

    let mut a = customer("A", "张伟", d(1, 5));
    a.purchases = vec![purchase("p_a1", d(1, 5)), purchase("p_a2", d(5, 10)), purchase("p_a3", d(6, 20))];
    a.tier_history = vec![tier_change(d(1, 5), Tier::Gold), tier_change(d(5, 15), Tier::Diamond)];
    a.tier = Some(Tier::Diamond);
    let mut b = customer("B", "李娜", d(3, 1));
    b.purchases = vec![purchase("p_b1", d(3, 1)), purchase("p_b2", d(7, 10))];
    b.events = vec![complaint("c_b1", d(6, 20)), complaint("c_b2", d(6, 21))];
    b.tier_history = vec![tier_change(d(3, 1), Tier::Silver), tier_change(d(6, 10), Tier::Gold)];
    b.tier = Some(Tier::Gold);
    let mut c = customer("C", "王芳", dy(2025, 12, 9));
    c.purchases = vec![purchase("p_c1", dy(2025, 12, 9)), purchase("p_c2", d(6, 9))];
    c.events = vec![complaint("c_c1", d(6, 3))];
    c.tier_history = vec![tier_change(dy(2025, 12, 9), Tier::Silver)];
    c.tier = Some(Tier::Silver);
    let mut dd = customer("D", "刘强", dy(2025, 6, 1));
    dd.events = vec![event("s_d1", d(6, 2), ServiceEventKind::RepairDone)];
    dd.tier_history = vec![tier_change(dy(2025, 6, 1), Tier::Basic)];
    dd.tier = Some(Tier::Basic);
    let mut e = customer("E", "陈静", d(6, 20));
    e.purchases = vec![purchase("p_e1", d(6, 20)), purchase("p_e2", d(6, 20))];
    e.tier_history = vec![tier_change(d(7, 1), Tier::Basic)];
    e.tier = Some(Tier::Basic);
    let mut f = customer("F", "赵磊", d(4, 1));
    f.purchases = vec![purchase("p_f1", d(4, 1))];
    f.events = vec![complaint("c_f1", d(6, 18))];
    f.tier = Some(Tier::Silver);
    let g = customer("G", "孙悦", d(7, 5));

    let items = vec![
        item("i1", "A", d(6, 1), d(6, 3), done("v1", d(6, 2))),
        item("i2", "B", d(6, 2), d(6, 5), done("v3", d(6, 6))),
        item("i3", "C", d(6, 4), d(6, 7), ItemStatus::Open),
        item("i4", "D", d(5, 30), d(6, 6), ItemStatus::Skipped { reason: "客户出差".into(), on: d(6, 5) }),
        item("i5", "A", d(6, 5), d(6, 7), done("v4", d(6, 5))),
        item("i6", "C", d(6, 10), d(6, 12), done("v5", d(6, 9))),
        item("i7", "E", d(6, 22), d(6, 24), done("v6", d(6, 23))),
        item("i8", "B", d(6, 25), d(6, 30), ItemStatus::Open),
        item("i9", "D", d(6, 28), d(7, 2), ItemStatus::Open),
        item("i10", "A", d(5, 27), d(5, 29), done("v7", d(5, 28))),
        item("i11", "B", d(5, 29), d(5, 31), ItemStatus::Open),
    ];
    let visits = vec![
        answers(visit("v1", "A", Some("i1"), at(6, 2, 10), Phone, Reached), Some(5), None, Some(10)),
        visit("v2", "B", Some("i2"), at(6, 3, 9), Phone, NoAnswer),
        answers(visit("v3", "B", Some("i2"), at(6, 6, 15), Phone, Reached), Some(3), Some(Dissatisfied), Some(7)),
        answers(visit("v4", "A", Some("i5"), at(6, 5, 11), Sms, Reached), None, Some(Satisfied), None),
        answers(visit("v5", "C", Some("i6"), at(6, 9, 14), Phone, Reached), Some(4), None, Some(9)),
        answers(visit("v6", "E", Some("i7"), at(6, 23, 16), Phone, Reached), Some(2), None, Some(3)),
        answers(visit("v7", "A", Some("i10"), at(5, 28, 10), Phone, Reached), Some(3), None, None),
        visit("v8", "C", Some("i3"), at(6, 4, 10), Phone, NoAnswer),
        visit("v9", "B", Some("i8"), at(6, 26, 10), Phone, Refused),
        answers(visit("v10", "D", None, at(6, 15, 9), Phone, Reached), Some(9), Some(Neutral), Some(6)),
        visit("v11", "D", Some("i4"), at(6, 3, 10), Phone, NoAnswer),
    ];
    let mut f3 = deadline(feedback("f3", "v3", "B", FollowUp, "噪音", d(6, 6)), d(6, 10));
    f3.duplicate_of = Some("f2".into());
    let mut f8 = feedback("f8", "v10", "D", PotentialNeed, "延保", d(6, 15));
    f8.status = FeedbackStatus::InProgress;
    let feedback = vec![
        closed(deadline(feedback("f1", "v1", "A", FollowUp, "噪音", d(6, 2)), d(6, 4)), d(6, 3)),
        deadline(feedback("f2", "v3", "B", FollowUp, "噪音 ", d(6, 6)), d(6, 7)),
        f3,
        closed(deadline(feedback("f4", "v5", "C", FollowUp, "配件", d(6, 9)), d(6, 20)), d(6, 25)),
        feedback("f5", "v1", "A", PotentialNeed, "净水器", d(6, 2)),
        feedback("f6", "v6", "E", PotentialNeed, "净水器", d(6, 23)),
        closed(feedback("f7", "v5", "C", PotentialNeed, "滤芯", d(6, 9)), d(6, 15)),
        f8,
        feedback("f9", "v9", "B", PotentialNeed, "安装", d(6, 26)),
        closed(feedback("f10", "v4", "A", Suggestion, "配送", d(6, 5)), d(6, 8)),
        closed(deadline(feedback("f11", "v7", "A", FollowUp, "异味", d(5, 28)), d(5, 30)), d(6, 2)),
        deadline(feedback("f12", "v9", "B", FollowUp, "  ", d(6, 26)), d(7, 5)),
    ];
    Data { items, visits, feedback, customers: vec![a, b, c, dd, e, f, g] }
}

fn terms(r: &Reading) -> (i64, u64) {
    match r.figure {
        Figure::Ratio(ratio) => (ratio.numerator, ratio.denominator),
        Figure::Count(n) => (n as i64, 1),
    }
}

fn close(actual: Option<f64>, expected: f64) {
    let a = actual.expect("a value");
    assert!((a - expected).abs() < 1e-9, "expected {expected}, got {a}");
}

fn strs<S: AsRef<str>>(v: &[S]) -> Vec<&str> {
    v.iter().map(AsRef::as_ref).collect()
}

fn settings() -> ReportSettings {
    ReportSettings::default()
}

// ---------------------------------------------------------------------------------------------
// The work: completion, on time, coverage, first answer

#[test]
fn completion_counts_the_items_whose_window_closes_in_the_period_and_leaves_skipped_ones_out() {
    let data = data();
    let r = data.records();
    let w = completion(&r, &week());
    // W: latest in 1–7 Jun: i1, i2, i3, i4 (skipped), i5. Due = 4 (i4 left out); done i1, i2, i5 = 3.
    assert_eq!(terms(&w), (3, 4));
    close(w.value(), 0.75); // 3 / 4
    assert_eq!(w.count(&PartKey::Skipped), 1); // i4
    assert_eq!(strs(&w.drill(&PartKey::NotDone).unwrap().items), ["i3"]);
    // The unanswered call v8 is the visit behind the missed i3.
    assert_eq!(strs(&w.drill(&PartKey::NotDone).unwrap().visits), ["v8"]);
    // Done: completed by v1, v3, v4; v2 was the unanswered first try at i2.
    assert_eq!(strs(&w.drill(&PartKey::Done).unwrap().visits), ["v1", "v2", "v3", "v4"]);

    let m = completion(&r, &month());
    // M: + i6 (06-12), i7 (06-24), i8 (06-30); i9 closes 07-02, so July. Due 7, done 5 (i1 i2 i5 i6 i7).
    assert_eq!(terms(&m), (5, 7));
    close(m.value(), 5.0 / 7.0);
    assert_eq!(strs(&m.drill(&PartKey::NotDone).unwrap().items), ["i3", "i8"]);
}

#[test]
fn completion_is_compared_with_the_week_before() {
    let data = data();
    let c = compare(Measure::Completion, &data.records(), &week(), &settings());
    // PW: i10 (done) and i11 (open) close in 25–31 May: 1 / 2.
    assert_eq!(terms(&c.previous), (1, 2));
    let change = c.change();
    close(change.delta, 0.25); // 0.75 − 0.50
    close(change.relative, 0.5); // 0.25 / 0.50
    assert_eq!(change.improved, Some(true));
}

#[test]
fn on_time_counts_done_items_inside_their_window_and_shows_early_and_late_ones_apart() {
    let data = data();
    let r = data.records();
    let w = on_time(&r, &week());
    // W done: i1 on 06-02 in [06-01, 06-03] yes; i2 on 06-06 after 06-05 late; i5 on 06-05 in [06-05, 06-07] yes.
    assert_eq!(terms(&w), (2, 3));
    assert_eq!(strs(&w.drill(&PartKey::Late).unwrap().items), ["i2"]);
    let m = on_time(&r, &month());
    // M: + i6 on 06-09 before 06-10 early; i7 on 06-23 in [06-22, 06-24] yes. 3 / 5.
    assert_eq!(terms(&m), (3, 5));
    close(m.value(), 0.6);
    assert_eq!(m.count(&PartKey::Early), 1); // i6
    assert_eq!(m.count(&PartKey::Late), 1); // i2
}

#[test]
fn coverage_counts_customers_reached_among_those_with_an_item_due() {
    let data = data();
    let r = data.records();
    let w = coverage(&r, &week());
    // W due customers: A (i1, i5), B (i2), C (i3); D only had the skipped i4. Reached in W: A (v1),
    // B (v3); C's only call v8 went unanswered. 2 / 3.
    assert_eq!(terms(&w), (2, 3));
    assert_eq!(strs(&w.drill(&PartKey::NotReached).unwrap().customers), ["C"]);
    let m = coverage(&r, &month());
    // M due customers: A, B, C (i3, i6), E (i7). Reached in June: A v1, B v3, C v5, E v6. 4 / 4.
    assert_eq!(terms(&m), (4, 4));
    close(m.value(), 1.0);
    let pw = coverage(&r, &week().previous());
    // PW due: A (i10), B (i11); reached: A (v7 on 05-28). 1 / 2.
    assert_eq!(terms(&pw), (1, 2));
}

#[test]
fn a_customer_reached_early_for_an_item_due_this_week_is_covered_this_week() {
    let mut data = data();
    // i12 closes on Wednesday 3 June, but v12 reached customer D the Saturday before and completed it.
    data.items = vec![item("i12", "D", d(5, 30), d(6, 3), done("v12", d(5, 30)))];
    data.visits = vec![visit("v12", "D", Some("i12"), at(5, 30, 10), ContactMethod::Phone, Outcome::Reached)];
    let w = coverage(&data.records(), &week());
    assert_eq!(terms(&w), (1, 1)); // D was reached, a week early
}

#[test]
fn first_answer_counts_items_whose_first_call_was_picked_up() {
    let data = data();
    let r = data.records();
    let w = first_answer(&r, &week());
    // W items with a first attempt by phone: i1 (v1 reached: answered), i2 (v2 no answer), i3 (v8 no
    // answer), i4 (v11 no answer; skipped later, but it was called). i5 was first tried by SMS: out.
    // 1 / 4.
    assert_eq!(terms(&w), (1, 4));
    assert_eq!(strs(&w.drill(&PartKey::NotAnswered).unwrap().visits), ["v11", "v2", "v8"]);
    let m = first_answer(&r, &month());
    // M: + i6 (v5 reached), i7 (v6 reached), i8 (v9 refused: the customer picked up); i9 not called.
    // 4 / 7.
    assert_eq!(terms(&m), (4, 7));
    close(m.value(), 4.0 / 7.0);
}

#[test]
fn a_call_made_from_a_today_card_is_the_first_attempt_of_every_item_on_the_card() {
    let mut data = data();
    // One card held two items of customer D; the call from it names both (`i12+i13`).
    data.items = vec![
        item("i12", "D", d(6, 1), d(6, 3), done("v12", d(6, 2))),
        item("i13", "D", d(6, 1), d(6, 5), done("v12", d(6, 2))),
    ];
    data.visits = vec![visit("v12", "D", Some("i12+i13"), at(6, 2, 10), ContactMethod::Phone, Outcome::NoAnswer)];
    let w = first_answer(&data.records(), &week());
    assert_eq!(terms(&w), (0, 2), "both items were called first on 2 June, and nobody answered");
    assert_eq!(strs(&w.drill(&PartKey::NotAnswered).unwrap().visits), ["v12"]);
}

// ---------------------------------------------------------------------------------------------
// What customers said

#[test]
fn average_satisfaction_uses_the_scores_and_ignores_level_only_and_impossible_answers() {
    let data = data();
    let r = data.records();
    let w = satisfaction(&r, &week());
    // W scores: v1 5, v3 3 (v4 has only a level). (5 + 3) / 2 = 4.0.
    assert_eq!(terms(&w), (8, 2));
    close(w.value(), 4.0);
    let m = satisfaction(&r, &month());
    // M: + v5 4, v6 2; v10's "9" is not a 1–5 score. (5 + 3 + 4 + 2) / 4 = 3.5.
    assert_eq!(terms(&m), (14, 4));
    close(m.value(), 3.5);
    assert_eq!([1, 2, 3, 4, 5].map(|s| m.count(&PartKey::Score(s))), [0, 1, 1, 1, 1]);
    assert_eq!(strs(&m.drill(&PartKey::Score(2)).unwrap().visits), ["v6"]);
}

#[test]
fn average_satisfaction_rises_by_a_point_on_the_week_before() {
    let data = data();
    let c = compare(Measure::Satisfaction, &data.records(), &week(), &settings());
    // PW: v7 scored 3: 3 / 1 = 3.0; W 4.0. Change +1.0, an improvement.
    close(c.previous.value(), 3.0);
    close(c.change().delta, 1.0);
    assert_eq!(c.change().improved, Some(true));
}

#[test]
fn the_satisfaction_mix_takes_the_agents_level_first_and_the_score_otherwise() {
    let data = data();
    let r = data.records();
    let w = satisfaction_mix(&r, &week());
    // W: v1 (score 5) satisfied; v3 level 不满意 (its score 3 would say 一般: the agent's level wins);
    // v4 level 满意 with no score. Satisfied 2 of 3 rated.
    let counts = |r: &Reading| {
        [SatisfactionLevel::Satisfied, SatisfactionLevel::Neutral, SatisfactionLevel::Dissatisfied]
            .map(|l| r.count(&PartKey::Level(l)))
    };
    assert_eq!(counts(&w), [2, 0, 1]);
    assert_eq!(terms(&w), (2, 3));
    let m = satisfaction_mix(&r, &month());
    // M: + v5 (4) satisfied, v6 (2) dissatisfied, v10 level 一般 (its "9" is ignored). 3 / 1 / 2; 3 / 6.
    assert_eq!(counts(&m), [3, 1, 2]);
    close(m.value(), 0.5);
    assert_eq!(strs(&m.drill(&PartKey::Level(SatisfactionLevel::Satisfied)).unwrap().visits), ["v1", "v4", "v5"]);
}

#[test]
fn csat_is_the_share_of_scores_of_four_or_five() {
    let data = data();
    let r = data.records();
    // W scores 5, 3: one of two is 4–5.
    assert_eq!(terms(&csat(&r, &week())), (1, 2));
    // M scores 5, 3, 4, 2: two of four.
    let m = csat(&r, &month());
    assert_eq!(terms(&m), (2, 4));
    close(m.value(), 0.5);
    // PW: the only score is 3: 0 / 1 = 0%, a value, not "—".
    close(csat(&r, &week().previous()).value(), 0.0);
}

#[test]
fn nps_subtracts_detractors_from_promoters_over_those_who_answered() {
    let data = data();
    let r = data.records();
    let w = nps(&r, &week());
    // W: v1 10 promoter, v3 7 passive. (1 − 0) / 2 = +50.
    assert_eq!(terms(&w), (1, 2));
    close(w.value(), 0.5);
    let m = nps(&r, &month());
    // M: promoters v1 (10), v5 (9); passive v3 (7); detractors v6 (3), v10 (6). (2 − 2) / 5 = 0.
    assert_eq!(terms(&m), (0, 5));
    assert_eq!([m.count(&PartKey::Promoter), m.count(&PartKey::Passive), m.count(&PartKey::Detractor)], [2, 1, 2]);
    close(m.value(), 0.0);
}

#[test]
fn nps_has_no_change_when_nobody_answered_the_week_before() {
    let data = data();
    let c = compare(Measure::Nps, &data.records(), &week(), &settings());
    // PW: v7 gave no likelihood to recommend.
    assert_eq!(c.previous.value(), None);
    assert_eq!(c.change(), Change { delta: None, relative: None, improved: None });
}

// ---------------------------------------------------------------------------------------------
// Complaints and closing the loop

#[test]
fn complaint_rate_counts_complaining_customers_among_those_served() {
    let data = data();
    let r = data.records();
    let w = complaint_rate(&r, &week());
    // W served: A (v1, v4 reached), B (v3 reached), C (complaint 06-03), D (repair 06-02). C complained. 1 / 4.
    assert_eq!(terms(&w), (1, 4));
    let m = complaint_rate(&r, &month());
    // M served: A, B, C, D (+ v10), E (v6, purchases 06-20), F (complaint 06-18 only). Complained: B
    // (twice), C, F. 3 / 6.
    assert_eq!(terms(&m), (3, 6));
    close(m.value(), 0.5);
    let drill = m.drill(&PartKey::Complained).unwrap();
    assert_eq!(strs(&drill.customers), ["B", "C", "F"]);
    // The four complaints themselves: B's two count once in the rate but are all listed.
    assert_eq!(drill.complaints.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["c_b1", "c_b2", "c_c1", "c_f1"]);
}

#[test]
fn a_rising_complaint_rate_is_a_deterioration() {
    let data = data();
    let c = compare(Measure::ComplaintRate, &data.records(), &week(), &settings());
    // PW served: A (v7); no complaint: 0 / 1. W 0.25: +25 points, worse.
    assert_eq!(terms(&c.previous), (0, 1));
    close(c.change().delta, 0.25);
    assert_eq!(c.change().relative, None); // nothing to compare a relative change with
    assert_eq!(c.change().improved, Some(false));
}

#[test]
fn the_handling_rate_counts_closed_items_and_leaves_duplicates_out() {
    let data = data();
    let r = data.records();
    let w = handling_rate(&r, &week());
    // W raised: f1 closed, f2 open, f3 duplicate (out), f5 open, f10 closed. 2 / 4.
    assert_eq!(terms(&w), (2, 4));
    assert_eq!(strs(&w.drill(&PartKey::Duplicate).unwrap().feedback), ["f3"]);
    let m = handling_rate(&r, &month());
    // M raised (f3 out): closed f1, f4, f7, f10; open f2, f5, f6, f8 (in progress), f9, f12. 4 / 10.
    assert_eq!(terms(&m), (4, 10));
    close(m.value(), 0.4);
    // PW: f11 raised 05-28, closed since: 1 / 1. W vs PW: −50 points, worse.
    let c = compare(Measure::HandlingRate, &r, &week(), &settings());
    close(c.previous.value(), 1.0);
    close(c.change().delta, -0.5);
    assert_eq!(c.change().improved, Some(false));
}

#[test]
fn overdue_items_are_those_open_on_the_last_day_past_their_deadline() {
    let data = data();
    let r = data.records();
    let w = overdue_items(&r, &week());
    // On 06-07: f2's deadline is that very day (not past); f5 has none; f10 was closed only on 06-08
    // (open that day, no deadline). f1 and f11 were closed by then. Overdue 0; open in time 3.
    assert_eq!(w.figure, Figure::Count(0));
    assert_eq!(strs(&w.drill(&PartKey::OpenInTime).unwrap().feedback), ["f10", "f2", "f5"]);
    let m = overdue_items(&r, &month());
    // On 06-30: f2 (deadline 06-07) is overdue; f3 would be too but is a duplicate; f4 was closed on
    // 06-25; f12's deadline is 07-05. Overdue 1; open in time f5, f6, f8, f9, f12 = 5.
    assert_eq!(m.figure, Figure::Count(1));
    assert_eq!(strs(&m.drill(&PartKey::Overdue).unwrap().feedback), ["f2"]);
    assert_eq!(m.count(&PartKey::OpenInTime), 5);
}

#[test]
fn superseded_and_lapsed_items_count_as_missed_against_completion_and_on_time() {
    use crate::domain::agenda::LapseCause;
    let items = vec![
        item("done", "A", d(6, 1), d(6, 3), done("v1", d(6, 2))),
        item(
            "superseded",
            "A",
            d(6, 1),
            d(6, 3),
            ItemStatus::Superseded { by: ItemKey::new("later", &[]), on: d(6, 5) },
        ),
        item("lapsed", "B", d(6, 8), d(6, 8), ItemStatus::Lapsed { on: d(6, 9), cause: LapseCause::Expired }),
    ];
    let r = Records::new(&items, &[], &[], &[]);
    let c = completion(&r, &week());
    assert_eq!(c.figure, Figure::Ratio(Ratio::new(1, 2)), "week of 06-01: done 1 of done + missed");
    assert_eq!(c.count(&PartKey::Missed), 1);
    let m = completion(&r, &month());
    assert_eq!(m.figure, Figure::Ratio(Ratio::new(1, 3)));
    assert_eq!(strs(&m.drill(&PartKey::Missed).unwrap().items), ["lapsed", "superseded"]);
    let o = on_time(&r, &month());
    assert_eq!(o.figure, Figure::Ratio(Ratio::new(1, 3)));
}

#[test]
fn an_item_due_tomorrow_is_not_overdue_in_the_month_still_running() {
    let data = data();
    // Read on 06-06, the month of June is running: f2's deadline (06-07) is tomorrow.
    let r = data.records().as_of(NaiveDate::from_ymd_opt(2026, 6, 6).unwrap());
    let m = overdue_items(&r, &month());
    assert_eq!(m.figure, Figure::Count(0));
    assert!(m.drill(&PartKey::OpenInTime).unwrap().feedback.iter().any(|f| f == "f2"));
}

#[test]
fn fewer_overdue_items_than_last_week_is_an_improvement() {
    let data = data();
    let c = compare(Measure::OverdueItems, &data.records(), &week(), &settings());
    // On 05-31 f11 (deadline 05-30, closed 06-02) was overdue: 1. W: 0. Change −1, better.
    assert_eq!(c.previous.figure, Figure::Count(1));
    close(c.change().delta, -1.0);
    assert_eq!(c.change().improved, Some(true));
}

#[test]
fn problem_kinds_rank_follow_up_categories_without_duplicates() {
    let data = data();
    let r = data.records();
    let m = problem_kinds(&r, &month());
    // M follow-up items (f3 out): 噪音 f1 + "噪音 " f2 = 2, 配件 f4 = 1, uncategorised f12 = 1.
    let ranked: Vec<(PartKey, u64)> = m.parts.iter().map(|p| (p.key.clone(), p.count)).collect();
    assert_eq!(
        ranked,
        vec![
            (PartKey::Category("噪音".into()), 2),
            (PartKey::Category("配件".into()), 1),
            (PartKey::Category(String::new()), 1),
        ]
    );
    assert_eq!(m.figure, Figure::Count(4));
    let noise = m.drill(&PartKey::Category("噪音".into())).unwrap();
    assert_eq!(strs(&noise.visits), ["v1", "v3"]); // the visits behind the bar
    // Against May (f11 异味 only): 噪音 2 now, 0 before.
    let c = compare(Measure::ProblemKinds, &r, &month(), &settings());
    assert_eq!(c.part_counts(&PartKey::Category("噪音".into())), (2, 0));
    assert_eq!(c.part_counts(&PartKey::Category("异味".into())), (0, 1));
}

#[test]
fn the_top_three_needs_are_followed_by_the_rest_as_others() {
    let data = data();
    let m = top_needs(&data.records(), &month());
    // M needs: 净水器 f5 f6 = 2; 安装 f9, 延保 f8, 滤芯 f7 = 1 each. Ties go by name (安 < 延 < 滤 in
    // Unicode), so the top three are 净水器, 安装, 延保 and 滤芯 goes to others.
    let ranked: Vec<(PartKey, u64)> = m.parts.iter().map(|p| (p.key.clone(), p.count)).collect();
    assert_eq!(
        ranked,
        vec![
            (PartKey::Category("净水器".into()), 2),
            (PartKey::Category("安装".into()), 1),
            (PartKey::Category("延保".into()), 1),
            (PartKey::Others, 1),
        ]
    );
    assert_eq!(strs(&m.drill(&PartKey::Others).unwrap().feedback), ["f7"]);
    assert_eq!(m.figure, Figure::Count(5));
}

// ---------------------------------------------------------------------------------------------
// Business: conversion, repurchase, tiers

#[test]
fn conversion_counts_reached_customers_who_bought_within_the_window() {
    let data = data();
    let r = data.records();
    let w = conversion(&r, &week(), 30);
    // W reached: A (v1 06-02, v4 06-05) bought p_a3 06-20, within 30 days: yes. B (v3 06-06) bought
    // p_b2 on 07-10, 34 days later: no. 1 / 2.
    assert_eq!(terms(&w), (1, 2));
    assert_eq!(w.settles_on, Some(d(7, 7))); // 06-07 + 30 days
    let m = conversion(&r, &month(), 30);
    // M reached: A yes; B no; C (v5 06-09) bought p_c2 the same day: yes; D (v10) never bought; E
    // (v6 06-23) bought on 06-20, before the visit: no. 2 / 5.
    assert_eq!(terms(&m), (2, 5));
    close(m.value(), 0.4);
    let drill = m.drill(&PartKey::Converted).unwrap();
    assert_eq!(strs(&drill.customers), ["A", "C"]);
    assert_eq!(drill.purchases.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["p_a3", "p_c2"]);
}

#[test]
fn a_longer_conversion_window_in_settings_counts_a_later_purchase() {
    let data = data();
    let mut s = settings();
    s.conversion_window_days = 40;
    let m = read(Measure::Conversion, &data.records(), &month(), &s);
    // B (v3 06-06) bought on 07-10, 34 days later: within 40. 3 / 5.
    assert_eq!(terms(&m), (3, 5));
}

#[test]
fn repurchase_rate_is_the_share_of_buyers_who_had_bought_before() {
    let data = data();
    let r = data.records();
    let m = repurchase_rate(&r, &month());
    // M buyers: A (06-20; first bought 01-05) returning; C (06-09; first 2025-12-09) returning; E
    // (two orders on 06-20, her first day) first-time. 2 / 3.
    assert_eq!(terms(&m), (2, 3));
    assert_eq!(strs(&m.drill(&PartKey::FirstTime).unwrap().customers), ["E"]);
    // W: nobody bought: no value, shown as "—".
    assert_eq!(terms(&repurchase_rate(&r, &week())), (0, 0));
    assert_eq!(repurchase_rate(&r, &week()).value(), None);
}

#[test]
fn the_repurchase_cycle_averages_the_days_since_each_customers_previous_purchase() {
    let data = data();
    let r = data.records();
    let m = repurchase_cycle(&r, &month());
    // M repeats: A 05-10 → 06-20 = 41 days; C 2025-12-09 → 2026-06-09 = 182 days. E's two orders on
    // one day are one purchase, not a repeat after 0 days. (41 + 182) / 2 = 111.5.
    assert_eq!(terms(&m), (223, 2));
    close(m.value(), 111.5);
    let c = compare(Measure::RepurchaseCycle, &r, &month(), &settings());
    // PM: A 01-05 → 05-10 = 125 days. 111.5 − 125 = −13.5: customers came back sooner, better.
    close(c.previous.value(), 125.0);
    close(c.change().delta, -13.5);
    assert_eq!(c.change().improved, Some(true));
}

/// The tier mix of a past month is the tiers the data gave at that month's end, not the tier
/// history (which starts when the data was imported). Default settings (frequency, spend and
/// activity worth 2, 4 and 2 points; spend mid ¥1,000, high ¥5,000 over 12 months; Diamond 6.5,
/// Gold 4, Silver 2):
/// - X, since 2025: eight purchases of ¥1,000 on eight days of March 2026, nothing after. Frequency
///   8/12 a month = 1.11 points, spend ¥8,000 = 4. Activity at the end of March: 7 days = 2
///   (Diamond, 7.11); end of April: the last day one day past the window, 0.97 (Gold, 6.08); from
///   the end of May: 0 (Gold, 5.11).
/// - Y, registered 05-01, ¥1,500 on 05-20; history only from 07-01 (an import). End of May: one
///   purchase in one month = 1.33, spend 2.25, one active day 1 (Gold, 4.58). End of June: one
///   purchase in 1.97 months = 1.0, spend 2.25, 41 days since: 0.6 (Silver, 3.86).
/// - Z, since 2025, nothing bought, set to Diamond by hand on 05-15: Basic, then Diamond.
/// - W registers on 07-05: not counted before.
#[test]
fn the_tier_mix_of_a_past_month_is_assessed_from_the_data_as_it_stood_at_its_end() {
    let buy = |id: &str, date: NaiveDate, yuan: i64| Purchase { amount: Money::from_yuan(yuan), ..purchase(id, date) };
    let mut x = customer("X", "周", dy(2025, 1, 1));
    x.purchases = [1, 5, 10, 15, 20, 25, 28, 31].iter().map(|day| buy(&format!("x{day}"), d(3, *day), 1000)).collect();
    let mut y = customer("Y", "吴", d(5, 1));
    y.purchases = vec![buy("y1", d(5, 20), 1500)];
    y.tier_history = vec![tier_change(d(7, 1), Tier::Silver)];
    let mut z = customer("Z", "郑", dy(2025, 1, 1));
    crate::domain::tiering::set_override(&mut z, Tier::Diamond, "重点客户", d(5, 15));
    let w = customer("W", "王", d(7, 5));
    let customers = vec![x, y, z, w];
    let records = Records::new(&[], &[], &[], &customers);
    let mix = |reading: &Reading| Tier::ALL.map(|t| reading.count(&PartKey::Tier(Some(t))));
    let months = ReportPeriod::month_of(d(6, 1)).last(4);
    let over_time: Vec<[u64; 4]> = series(Measure::TierMix, &records, &months, &settings()).iter().map(mix).collect();
    assert_eq!(over_time, vec![[1, 0, 0, 1], [0, 1, 0, 1], [1, 2, 0, 0], [1, 1, 1, 0]]);
    let june = tier_mix(&records, &month());
    assert_eq!(june.figure, Figure::Count(3));
    assert_eq!(strs(&june.drill(&PartKey::Tier(Some(Tier::Gold))).unwrap().customers), ["X"]);
    assert_eq!(strs(&june.drill(&PartKey::Tier(Some(Tier::Silver))).unwrap().customers), ["Y"]);
    assert_eq!(june.count(&PartKey::Tier(None)), 0, "every customer registered by then has a tier");
    // The user's own thresholds are the ones read: with Gold at 5.5, X is Silver in June.
    let stricter = crate::domain::tier::TierSettings { gold_min_score: 5.5, ..Default::default() };
    let records = Records::new(&[], &[], &[], &customers).with_tiers(&stricter);
    assert_eq!(mix(&tier_mix(&records, &month())), [1, 0, 2, 0]);
}

/// A complaint in a month does not lift the customer in that month's tier mix.
#[test]
fn a_complaint_does_not_lift_anyone_in_the_tier_mix() {
    let data = data();
    let r = data.records();
    let before = tier_mix(&r, &month());
    let mut customers = data.customers.clone();
    for c in &mut customers {
        c.events.push(complaint(&format!("extra-{}", c.id), d(6, 29)));
        c.events.push(event(&format!("repair-{}", c.id), d(6, 30), ServiceEventKind::RepairDone));
    }
    let r = Records::new(&data.items, &data.visits, &data.feedback, &customers);
    assert_eq!(tier_mix(&r, &month()).parts, before.parts);
}

// ---------------------------------------------------------------------------------------------
// Empty periods, repeated keys, series

#[test]
fn a_period_without_data_gives_no_value_for_every_ratio_and_never_nan() {
    let data = data();
    let r = data.records();
    let empty = ReportPeriod::month_of(dy(2027, 1, 1));
    for m in Measure::ALL {
        let reading = read(m, &r, &empty, &settings());
        match reading.figure {
            Figure::Ratio(ratio) => {
                assert_eq!(ratio.denominator, 0, "{m:?}");
                assert_eq!(reading.value(), None, "{m:?}");
            }
            Figure::Count(_) => assert!(reading.value().is_some_and(f64::is_finite), "{m:?}"),
        }
    }
    // The customers are still there, so January 2027 has a tier mix (all 7, G registered by then).
    assert_eq!(read(Measure::TierMix, &r, &empty, &settings()).figure, Figure::Count(7));
    // f2, f5, f6, f8, f9, f12 are still open; f2 and f12 are past their deadlines by then.
    assert_eq!(read(Measure::OverdueItems, &r, &empty, &settings()).figure, Figure::Count(2));
}

#[test]
fn spend_by_tier_and_dormant_customers_read_from_purchases_alone() {
    use crate::domain::customer::Purchase;
    use crate::domain::money::Money;
    let buy = |id: &str, on: NaiveDate, yuan: i64| Purchase {
        id: id.into(),
        date: on,
        amount: Money::from_yuan(yuan),
        product: "滤芯".into(),
        note: String::new(),
    };
    let mut big = customer("A", "张伟", dy(2025, 1, 5));
    big.tier_override = Some(crate::domain::customer::TierOverride {
        tier: Tier::Diamond,
        reason: "名单".into(),
        since: dy(2025, 1, 5),
    });
    big.purchases = vec![buy("a1", d(6, 2), 5000), buy("a2", d(6, 20), 1200)];
    let mut small = customer("B", "李娜", dy(2025, 1, 5));
    small.purchases = vec![buy("b1", d(6, 9), 80)];
    let asleep = customer("C", "王芳", dy(2024, 1, 5));
    let mut old_buyer = customer("D", "刘强", dy(2024, 1, 5));
    old_buyer.purchases = vec![buy("d1", dy(2025, 3, 1), 999)];
    let book = [big, small, asleep, old_buyer];
    // No visit at all: a sales ledger just imported.
    let r = Records::new(&[], &[], &[], &book);
    let value = read(Measure::ValuePerTier, &r, &month(), &settings());
    assert_eq!(value.figure, Figure::Count(6280));
    assert_eq!(value.count(&PartKey::Tier(Some(Tier::Diamond))), 6200);
    let dormant = read(Measure::DormantCustomers, &r, &month(), &settings());
    // C bought nothing and D last bought 15 months before the end of June: both asleep.
    assert_eq!(dormant.figure, Figure::Count(2));
    assert_eq!(strs(&dormant.drill(&PartKey::Dormant).unwrap().customers), ["C", "D"]);
}

#[test]
fn an_empty_book_gives_a_summary_of_dashes_without_panicking() {
    let records = Records::new(&[], &[], &[], &[]);
    let lines = summary(&records, &month(), &settings());
    assert_eq!(lines.len(), 15);
    for line in &lines {
        let value = line.comparison.current.value();
        if matches!(line.measure(), Measure::OverdueItems | Measure::DormantCustomers) {
            assert_eq!(value, Some(0.0)); // a count: nothing overdue, nobody asleep
        } else {
            assert_eq!(value, None, "{:?}", line.measure());
            assert_eq!(line.progress, None);
        }
        assert_eq!(line.change.improved, None);
    }
}

#[test]
fn an_item_passed_twice_is_counted_once() {
    let mut data = data();
    let again = data.items[0].clone(); // i1
    data.items.push(again);
    assert_eq!(terms(&completion(&data.records(), &week())), (3, 4));
}

#[test]
fn weekly_due_items_add_up_to_the_month() {
    let data = data();
    let r = data.records();
    let weeks = month().split(PeriodKind::Week);
    let (num, den) = series(Measure::Completion, &r, &weeks, &settings())
        .iter()
        .map(terms)
        .fold((0, 0), |(n, d), (a, b)| (n + a, d + b));
    // Each item belongs to the one week its window closes in: the weeks sum to June's 5 / 7.
    assert_eq!((num, den), (5, 7));
}

// ---------------------------------------------------------------------------------------------
// Targets

#[test]
fn the_default_targets_are_those_of_the_practice() {
    let t = Targets::default();
    assert_eq!(t.get(Measure::Coverage).map(|t| t.goal), Some(0.90));
    assert_eq!(t.get(Measure::Satisfaction).map(|t| t.goal), Some(4.6));
    assert_eq!(t.get(Measure::HandlingRate).map(|t| t.goal), Some(1.0));
    assert_eq!(t.get(Measure::TierMix), None);
    assert_eq!(ReportSettings::default().conversion_window_days, 30);
}

#[test]
fn progress_against_a_target_reads_from_the_baseline_or_the_bottom_of_the_scale() {
    let data = data();
    let r = data.records();
    let coverage_m = read(Measure::Coverage, &r, &month(), &settings()).value(); // 1.0
    let p = progress(Measure::Coverage, coverage_m, Target::goal(0.9)).unwrap();
    assert!(p.met);
    close(Some(p.fraction), 1.0);
    close(Some(p.gap), -0.1); // 0.9 − 1.0: 10 points above the target

    let sat_m = read(Measure::Satisfaction, &r, &month(), &settings()).value(); // 3.5
    let p = progress(Measure::Satisfaction, sat_m, Target::goal(4.6)).unwrap();
    assert!(!p.met);
    close(Some(p.fraction), 2.5 / 3.6); // (3.5 − 1) / (4.6 − 1): the scale starts at 1
    close(Some(p.gap), 1.1); // 4.6 − 3.5
    // "From 3.8 to 4.6": the week's 4.0 is a quarter of the way, (4.0 − 3.8) / (4.6 − 3.8).
    let sat_w = read(Measure::Satisfaction, &r, &week(), &settings()).value();
    let p = progress(Measure::Satisfaction, sat_w, Target { goal: 4.6, baseline: Some(3.8) }).unwrap();
    close(Some(p.fraction), 0.25);
    // The month's 3.5 is below the 3.8 start: no progress, not a negative bar.
    let p = progress(Measure::Satisfaction, sat_m, Target { goal: 4.6, baseline: Some(3.8) }).unwrap();
    close(Some(p.fraction), 0.0);
}

#[test]
fn progress_on_a_lower_is_better_measure_counts_down_to_the_target() {
    let data = data();
    let r = data.records();
    let complaints_m = read(Measure::ComplaintRate, &r, &month(), &settings()).value(); // 0.5
    let p = progress(Measure::ComplaintRate, complaints_m, Target::goal(0.02)).unwrap();
    assert!(!p.met);
    close(Some(p.fraction), 0.04); // 0.02 / 0.5
    // "−20% complaints" from 0.60: goal 0.48; 0.50 is (0.60 − 0.50) / (0.60 − 0.48) of the way.
    let p = progress(Measure::ComplaintRate, complaints_m, Target { goal: 0.48, baseline: Some(0.6) }).unwrap();
    close(Some(p.fraction), 0.1 / 0.12);
    // Overdue items: 0 in the week meets "0"; 1 in the month does not.
    let overdue_w = read(Measure::OverdueItems, &r, &week(), &settings()).value();
    assert!(progress(Measure::OverdueItems, overdue_w, Target::goal(0.0)).unwrap().met);
    let overdue_m = read(Measure::OverdueItems, &r, &month(), &settings()).value();
    let p = progress(Measure::OverdueItems, overdue_m, Target::goal(0.0)).unwrap();
    assert!(!p.met);
    close(Some(p.fraction), 0.0);
}

#[test]
fn there_is_no_progress_to_show_without_a_value() {
    assert_eq!(progress(Measure::RepurchaseRate, None, Target::goal(0.3)), None);
    assert_eq!(progress(Measure::TierMix, Some(5.0), Target::goal(3.0)), None);
}

#[test]
fn the_summary_carries_each_measure_with_its_target_and_progress() {
    let data = data();
    let lines = summary(&data.records(), &month(), &settings());
    let nps_line = lines.iter().find(|l| l.measure() == Measure::Nps).unwrap();
    // NPS 0 against +30, from the bottom of the scale (−1): (0 + 1) / (0.3 + 1).
    close(nps_line.progress.map(|p| p.fraction), 1.0 / 1.3);
    let handling = lines.iter().find(|l| l.measure() == Measure::HandlingRate).unwrap();
    close(handling.progress.map(|p| p.fraction), 0.4); // 0.4 of 100%
    let cycle = lines.iter().find(|l| l.measure() == Measure::RepurchaseCycle).unwrap();
    assert_eq!(cycle.target, None); // no default target for the cycle
    assert_eq!(cycle.progress, None);
}

#[test]
fn targets_typed_in_settings_are_read_in_the_unit_the_user_sees() {
    assert_eq!(parse_target(Measure::Coverage, "90"), Ok(0.9));
    assert_eq!(parse_target(Measure::Coverage, " 90% "), Ok(0.9));
    assert_eq!(parse_target(Measure::Coverage, "９０％"), Ok(0.9));
    assert_eq!(parse_target(Measure::Satisfaction, "4.6分"), Ok(4.6));
    assert_eq!(parse_target(Measure::Nps, "-10"), Ok(-0.1));
    assert_eq!(parse_target(Measure::Coverage, "120"), Err(TargetError::OutOfRange { min: 0.0, max: 100.0 }));
    assert_eq!(parse_target(Measure::Satisfaction, "6"), Err(TargetError::OutOfRange { min: 1.0, max: 5.0 }));
    assert_eq!(parse_target(Measure::Coverage, "九十"), Err(TargetError::NotANumber));
    assert_eq!(parse_target(Measure::Coverage, "NaN"), Err(TargetError::NotANumber));
    assert_eq!(parse_target(Measure::Coverage, ""), Err(TargetError::Empty));
    assert_eq!(parse_target(Measure::TierMix, "3"), Err(TargetError::NoTarget));
    assert_eq!(parse_conversion_window("３０天"), Ok(30));
    assert_eq!(parse_conversion_window("0"), Err(TargetError::OutOfRange { min: 1.0, max: 365.0 }));
    assert_eq!(parse_conversion_window("1.5"), Err(TargetError::NotANumber));
}

#[test]
fn settings_saved_before_reports_existed_load_with_the_default_targets() {
    let old = r#"{ "profile": { "agent_name": "小王" }, "backup": { "remind_after_days": 7 } }"#;
    let s: crate::domain::Settings = serde_json::from_str(old).unwrap();
    assert_eq!(s.reports, ReportSettings::default());
    // A target the user cleared stays cleared; one they changed keeps its baseline.
    let mut s = s;
    s.reports.targets.set(Measure::Coverage, None);
    s.reports.targets.set(Measure::Satisfaction, Some(Target { goal: 4.6, baseline: Some(3.8) }));
    let back: crate::domain::Settings = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(back.reports.targets.get(Measure::Coverage), None);
    assert_eq!(back.reports.targets.get(Measure::Satisfaction), Some(Target { goal: 4.6, baseline: Some(3.8) }));
}

// ---------------------------------------------------------------------------------------------
// CSV export

/// Reads RFC 4180 back, to check that what Excel sees is what was written.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "a row ends in CRLF");
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("a bare LF outside quotes"),
            (false, c) => cell.push(c),
        }
    }
    assert!(cell.is_empty() && row.is_empty(), "the file ends with CRLF");
    rows
}

#[test]
fn the_visits_file_opens_in_excel_with_chinese_headers_labels_and_iso_dates() {
    let data = data();
    let csv = visits_csv(&i18n::reports::csv_words(Lang::Zh), &data.visits, &data.customers, &week());
    assert!(csv.starts_with('\u{FEFF}'), "UTF-8 BOM so Excel reads Chinese");
    let rows = parse_csv(csv.trim_start_matches('\u{FEFF}'));
    assert_eq!(rows[0][0], "回访日期");
    assert!(rows.iter().all(|r| r.len() == VISIT_COLUMNS));
    // W visits oldest first: v1 06-02, v2 06-03 09:00, v11 06-03 10:00, v8 06-04, v4 06-05, v3 06-06.
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[16].as_str()).collect();
    assert_eq!(ids, ["v1", "v2", "v11", "v8", "v4", "v3"]);
    assert_eq!(rows[1][..9], ["2026-06-02", "10:00", "张伟", "购买后回访", "电话", "已接通", "5", "满意", "10"]);
    // v3: score 3 but the agent chose 不满意.
    assert_eq!(rows[6][6..8], ["3", "不满意"]);
    let en = visits_csv(&i18n::reports::csv_words(Lang::En), &data.visits, &data.customers, &week());
    let en_rows = parse_csv(en.trim_start_matches('\u{FEFF}'));
    assert_eq!(en_rows[0][0], "Visit date");
    assert_eq!(en_rows[2][5], "No answer");
}

#[test]
fn cells_with_commas_quotes_and_line_breaks_survive_the_round_trip() {
    let mut v = visit("v1", "A", None, at(6, 2, 10), ContactMethod::Phone, Outcome::Reached);
    v.content = "客户说：\"声音大\", 想换\r\n第二行".into();
    let customers = vec![customer("A", "张伟", d(1, 1))];
    let csv = visits_csv(&i18n::reports::csv_words(Lang::Zh), &[v], &customers, &week());
    assert!(csv.contains("\"客户说：\"\"声音大\"\", 想换\r\n第二行\""));
    let rows = parse_csv(csv.trim_start_matches('\u{FEFF}'));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][9], "客户说：\"声音大\", 想换\r\n第二行");
}

#[test]
fn cells_that_excel_would_run_as_formulas_are_defused() {
    let mut v = visit("v1", "A", None, at(6, 2, 10), ContactMethod::Phone, Outcome::Reached);
    v.content = "=HYPERLINK(\"http://evil\",\"点我\")".into();
    v.agent = "@SUM(A1)".into();
    let customers = vec![customer("A", "+86 138", d(1, 1))];
    let rows = parse_csv(
        visits_csv(&i18n::reports::csv_words(Lang::Zh), &[v], &customers, &week()).trim_start_matches('\u{FEFF}'),
    );
    assert_eq!(rows[1][2], "'+86 138");
    assert_eq!(rows[1][9], "'=HYPERLINK(\"http://evil\",\"点我\")");
    assert_eq!(rows[1][11], "'@SUM(A1)");
    let mut f = feedback("f1", "v1", "A", FeedbackKind::FollowUp, "-1 配件", d(6, 2));
    f.text = "\t=1+1".into();
    let rows = parse_csv(
        feedback_csv(&i18n::reports::csv_words(Lang::Zh), &[f], &customers, &week()).trim_start_matches('\u{FEFF}'),
    );
    assert_eq!(rows[1][3], "'-1 配件");
    assert_eq!(rows[1][4], "'\t=1+1");
}

#[test]
fn the_feedback_file_lists_the_periods_items_with_duplicates_marked() {
    let data = data();
    let csv = feedback_csv(&i18n::reports::csv_words(Lang::Zh), &data.feedback, &data.customers, &week());
    assert!(csv.ends_with("\r\n"));
    let rows = parse_csv(csv.trim_start_matches('\u{FEFF}'));
    assert_eq!(rows[0][0], "提出日期");
    assert!(rows.iter().all(|r| r.len() == FEEDBACK_COLUMNS));
    // Raised 1–7 June: f1, f5 (06-02), f10 (06-05), f2, f3 (06-06).
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[12].as_str()).collect();
    assert_eq!(ids, ["f1", "f5", "f10", "f2", "f3"]);
    assert_eq!(
        rows[1][..10],
        [
            "2026-06-02",
            "张伟",
            "需跟进问题",
            "噪音",
            "",
            "常规（纳入月度计划）",
            "",
            "2026-06-04",
            "已关闭",
            "2026-06-03"
        ]
    );
    assert_eq!(rows[5][10], "f2"); // f3 repeats f2
    assert_eq!(rows[4][3], "噪音"); // "噪音 " without the trailing space
}

#[test]
fn an_empty_range_exports_the_headers_only() {
    let data = data();
    let csv = feedback_csv(
        &i18n::reports::csv_words(Lang::En),
        &data.feedback,
        &data.customers,
        &ReportPeriod::month_of(dy(2027, 1, 1)),
    );
    assert_eq!(parse_csv(csv.trim_start_matches('\u{FEFF}')).len(), 1);
}

#[test]
fn the_export_file_name_says_what_and_which_dates() {
    assert_eq!(
        csv_file_name(&i18n::reports::csv_words(Lang::Zh), CsvExport::Visits, &month()),
        "回访记录_2026-06-01_2026-06-30.csv"
    );
    assert_eq!(
        csv_file_name(&i18n::reports::csv_words(Lang::En), CsvExport::Feedback, &week()),
        "feedback_2026-06-01_2026-06-07.csv"
    );
}

// ---------------------------------------------------------------------------------------------
// Definitions and labels

#[test]
fn every_measure_is_defined_in_both_languages_and_in_docs_measures_md() {
    let doc = include_str!("../../../docs/measures.md");
    for lang in Lang::ALL {
        for m in Measure::ALL {
            let def = (i18n::texts(lang).reports.definition)(m);
            for text in [def.name, def.definition, def.numerator, def.denominator] {
                assert!(!text.trim().is_empty(), "{lang:?} {m:?}");
                assert!(doc.contains(text), "docs/measures.md lacks {lang:?} {m:?}: {text}");
            }
        }
    }
}

#[test]
fn periods_are_titled_the_way_each_language_writes_them() {
    let zh = &i18n::ZH.reports;
    let en = &i18n::EN.reports;
    assert_eq!((zh.period_title)(&week()), "2026年第23周（2026年6月1日–6月7日）");
    assert_eq!((en.period_title)(&week()), "Week 23, 2026 (1 Jun – 7 Jun 2026)");
    assert_eq!((zh.period_title)(&month()), "2026年6月");
    assert_eq!((en.period_title)(&month()), "June 2026");
    let q = ReportPeriod::quarter_of(d(5, 1));
    assert_eq!((zh.period_title)(&q), "2026年第二季度");
    assert_eq!((en.period_title)(&q), "Q2 2026");
    let across = ReportPeriod::custom(dy(2026, 12, 28), dy(2027, 1, 3)).unwrap();
    assert_eq!((zh.period_title)(&across), "2026年12月28日–2027年1月3日");
    assert_eq!((zh.period_tick)(&week()), "6/1");
    assert_eq!((zh.period_tick)(&ReportPeriod::month_of(dy(2027, 1, 9))), "2027年1月");
    assert_eq!((en.period_tick)(&month()), "Jun");
}

#[test]
fn values_and_changes_read_in_each_measures_unit() {
    let zh = &i18n::ZH.reports;
    let en = &i18n::EN.reports;
    assert_eq!((zh.value)(Unit::Share, Some(0.75)), "75%");
    assert_eq!((zh.value)(Unit::Score, Some(3.5)), "3.5 分");
    assert_eq!((en.value)(Unit::Score, Some(4.0)), "4 / 5");
    assert_eq!((en.value)(Unit::Nps, Some(0.5)), "+50");
    assert_eq!((zh.value)(Unit::Days, Some(111.5)), "111.5 天");
    assert_eq!((en.value)(Unit::Share, None), "—");
    assert_eq!((zh.delta)(Unit::Share, Some(0.25)), "+25 个百分点");
    assert_eq!((en.delta)(Unit::Share, Some(-0.5)), "−50 pts");
    assert_eq!((en.delta)(Unit::Count, Some(-1.0)), "−1");
    assert_eq!((zh.delta)(Unit::Days, Some(-13.5)), "−13.5 天");
    assert_eq!((en.part)(&PartKey::Category(String::new())), "Uncategorised");
    assert_eq!((zh.part)(&PartKey::Tier(Some(Tier::Diamond))), "钻石");
}

/// A change too small to show is no change: satisfaction 4.82 after 4.84 reads "0", and must not
/// come with a red arrow.
#[test]
fn a_change_that_rounds_to_zero_is_neither_better_nor_worse() {
    let tiny = reading::Change::between(Better::Higher, Unit::Score, Some(4.82), Some(4.84));
    assert_eq!(tiny.improved, None);
    assert_eq!((i18n::ZH.reports.delta)(Unit::Score, tiny.delta), "0 分");
    let shown = reading::Change::between(Better::Higher, Unit::Score, Some(4.7), Some(4.84));
    assert_eq!(shown.improved, Some(false), "−0.1 is shown, and is worse");
    let share = reading::Change::between(Better::Higher, Unit::Share, Some(0.5004), Some(0.5));
    assert_eq!(share.improved, None, "0.04 points rounds to 0");
}
