//! The rules of the schedule, by scenario, with fixed dates.

use super::*;
use crate::domain::agenda::{DueReason, ItemStatus, LapseCause, Responsible, Urgency};
use crate::domain::customer::{
    Birthday, ContactMethod, Id, Purchase, ServiceEvent, ServiceEventKind, Severity, TierChangeReason,
};
use crate::domain::date::add_days;
use crate::domain::money::Money;
use crate::domain::scenario::Scenario;
use crate::domain::visit::{ByCustomer, Outcome};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn customer(id: &str, registered: NaiveDate) -> Customer {
    Customer { id: id.into(), name: id.into(), registered_on: registered, ..Customer::default() }
}

fn purchase(id: &str, date: NaiveDate) -> Purchase {
    Purchase { id: id.into(), date, amount: Money::from_yuan(1280), product: "净水器".into(), note: String::new() }
}

fn event(id: &str, date: NaiveDate, kind: ServiceEventKind) -> ServiceEvent {
    ServiceEvent { id: id.into(), date, kind, note: String::new() }
}

fn visit(id: &str, customer: &str, on: NaiveDate, outcome: Outcome) -> Visit {
    Visit {
        id: id.into(),
        customer_id: customer.into(),
        at: on.and_hms_opt(10, 0, 0).unwrap(),
        outcome,
        ..Visit::default()
    }
}

/// Only the rules a test is about: holidays and periodic care off unless it turns them on.
fn quiet() -> ScheduleSettings {
    ScheduleSettings {
        spring_festival: false,
        mid_autumn: false,
        care_after_months: 1200,
        sampling: Sampling { enabled: false, ..Sampling::default() },
        ..ScheduleSettings::default()
    }
}

fn tier_of(c: &Customer) -> Tier {
    c.tier.unwrap_or(Tier::Basic)
}

struct World {
    customers: Vec<Customer>,
    visits: Vec<Visit>,
    marks: Vec<AgendaMark>,
    campaigns: Vec<Campaign>,
    settings: ScheduleSettings,
    tiers: TierSettings,
    extra: Vec<DueItem>,
    /// The day statuses are read on. Rule tests read them long before anything can lapse; the
    /// life-cycle tests set the day they are about.
    today: NaiveDate,
}

impl World {
    fn new(customers: Vec<Customer>) -> World {
        World {
            customers,
            visits: vec![],
            marks: vec![],
            campaigns: vec![],
            settings: quiet(),
            tiers: TierSettings::default(),
            extra: vec![],
            today: d(2000, 1, 1),
        }
    }

    fn items(&self, from: NaiveDate, to: NaiveDate) -> Vec<DueItem> {
        let input = ScheduleInput {
            customers: &self.customers,
            visits: &self.visits,
            marks: &self.marks,
            campaigns: &self.campaigns,
            settings: &self.settings,
            tiers: &self.tiers,
            tier_of: &tier_of,
            today: self.today,
            extra: &self.extra,
        };
        schedule(&input, DateRange::new(from, to))
    }

    fn of(&self, scenario: Scenario, from: NaiveDate, to: NaiveDate) -> Vec<DueItem> {
        self.items(from, to).into_iter().filter(|i| i.scenario == scenario).collect()
    }
}

fn window(item: &DueItem) -> (NaiveDate, NaiveDate) {
    (item.earliest, item.latest)
}

// ---------- Activation and post-purchase ----------

#[test]
fn a_new_customer_is_activated_7_to_15_days_after_the_first_purchase() {
    let mut c = customer("c1", d(2026, 5, 1));
    c.purchases = vec![purchase("p2", d(2026, 5, 20)), purchase("p1", d(2026, 5, 10))];
    let mut world = World::new(vec![c]);
    world.settings.purchase_nodes.clear();
    let items = world.of(Scenario::Activation, d(2026, 5, 1), d(2026, 6, 30));
    assert_eq!(items.len(), 1);
    // Registration (1 May) came before the first purchase: the earlier one anchors.
    assert_eq!(window(&items[0]), (d(2026, 5, 8), d(2026, 5, 16)));
    assert_eq!(items[0].reasons, vec![DueReason::Activation { anchor: d(2026, 5, 1) }]);
    assert_eq!(items[0].method, ContactMethod::Phone);
}

#[test]
fn post_purchase_nodes_fall_3_7_30_and_90_days_after_each_purchase() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 5, 27))];
    let world = World::new(vec![c]);
    let items = world.of(Scenario::PostPurchase, d(2026, 5, 27), d(2026, 9, 30));
    let days: Vec<(u32, NaiveDate, NaiveDate)> = items
        .iter()
        .map(|i| match i.reasons[0] {
            DueReason::PostPurchase { day, .. } => (day, i.earliest, i.latest),
            _ => panic!("not a post-purchase reason"),
        })
        .collect();
    assert_eq!(
        days,
        vec![
            (3, d(2026, 5, 30), d(2026, 6, 1)),
            (7, d(2026, 6, 3), d(2026, 6, 5)),
            (30, d(2026, 6, 26), d(2026, 7, 1)),
            (90, d(2026, 8, 25), d(2026, 9, 1)),
        ]
    );
}

#[test]
fn the_list_of_post_purchase_nodes_is_the_users() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 3, 1))];
    let mut world = World::new(vec![c]);
    world.settings.purchase_nodes = vec![PurchaseNode { day: 14, window_days: 0, method: ContactMethod::WeChat }];
    let items = world.of(Scenario::PostPurchase, d(2026, 3, 1), d(2026, 12, 31));
    assert_eq!(items.len(), 1);
    assert_eq!(window(&items[0]), (d(2026, 3, 15), d(2026, 3, 15)));
    assert_eq!(items[0].method, ContactMethod::WeChat);
}

#[test]
fn a_window_edge_is_due_on_its_first_and_last_day_and_late_the_day_after() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 5, 27))];
    let world = World::new(vec![c]);
    let seventh = world
        .of(Scenario::PostPurchase, d(2026, 6, 3), d(2026, 6, 3))
        .into_iter()
        .find(|i| i.key.as_str().ends_with(":7"))
        .expect("the 7th-day node overlaps 3 June");
    assert_eq!(seventh.urgency(d(2026, 6, 2)), Urgency::Upcoming);
    assert_eq!(seventh.urgency(d(2026, 6, 3)), Urgency::Due);
    assert_eq!(seventh.urgency(d(2026, 6, 5)), Urgency::Due);
    assert_eq!(seventh.urgency(d(2026, 6, 6)), Urgency::Late(1));
    // Ranges include their ends: the item is found from its last day too.
    assert!(world.items(d(2026, 6, 5), d(2026, 6, 5)).iter().any(|i| i.key == seventh.key));
}

#[test]
fn a_late_item_still_shows_until_it_ends_and_not_after() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 5, 27))];
    let mut world = World::new(vec![c]);
    world.today = d(2026, 6, 6);
    let late = world.items(d(2026, 6, 6), d(2026, 6, 6));
    let seventh = late.iter().find(|i| i.key == "pp:c1:p1:7").expect("the day-7 call is late work on 6 June");
    assert!(seventh.is_open());
    assert_eq!(seventh.urgency(d(2026, 6, 6)), Urgency::Late(1));
    // Once the day-30 node opens, the day-7 call is superseded: no longer work to do.
    world.today = d(2026, 6, 26);
    assert!(!world.items(d(2026, 6, 26), d(2026, 6, 26)).iter().any(|i| i.key == "pp:c1:p1:7"));
}

#[test]
fn a_purchase_on_31_january_has_its_30_day_node_on_2_march_in_a_common_year() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 1, 31))];
    let world = World::new(vec![c]);
    let node = world
        .of(Scenario::PostPurchase, d(2026, 1, 1), d(2026, 12, 31))
        .into_iter()
        .find(|i| i.key.as_str().ends_with(":30"))
        .unwrap();
    assert_eq!(node.earliest, d(2026, 3, 2));
    let mut c = customer("c2", d(2028, 1, 1));
    c.purchases = vec![purchase("p1", d(2028, 1, 31))];
    let world = World::new(vec![c]);
    let node = world
        .of(Scenario::PostPurchase, d(2028, 1, 1), d(2028, 12, 31))
        .into_iter()
        .find(|i| i.key.as_str().ends_with(":30"))
        .unwrap();
    assert_eq!(node.earliest, d(2028, 3, 1), "2028 is a leap year: 29 February counts");
}

// ---------- Keys, status, merging ----------

#[test]
fn keys_are_the_same_when_the_schedule_is_computed_again_or_over_another_range() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 5, 27))];
    let world = World::new(vec![c]);
    let a: Vec<MergedKey> = world.items(d(2026, 6, 1), d(2026, 6, 30)).into_iter().map(|i| i.key).collect();
    let b: Vec<MergedKey> = world.items(d(2026, 5, 1), d(2026, 7, 31)).into_iter().map(|i| i.key).collect();
    assert!(!a.is_empty());
    assert!(a.iter().all(|k| b.contains(k)), "{a:?} within {b:?}");
}

#[test]
fn a_visit_started_from_an_item_marks_it_done_and_a_no_answer_leaves_it_open() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 5, 27))];
    let mut world = World::new(vec![c]);
    let key = MergedKey::from("pp:c1:p1:3");
    let mut unanswered = visit("v1", "c1", d(2026, 5, 30), Outcome::NoAnswer);
    unanswered.item_key = Some(key.clone());
    world.visits.push(unanswered);
    let item = world.items(d(2026, 5, 30), d(2026, 5, 30)).into_iter().find(|i| i.key == key).unwrap();
    assert!(item.is_open());

    let mut reached = visit("v2", "c1", d(2026, 5, 31), Outcome::Reached);
    reached.item_key = Some(key.clone());
    world.visits.push(reached);
    let item = world.items(d(2026, 5, 30), d(2026, 5, 30)).into_iter().find(|i| i.key == key).unwrap();
    assert_eq!(item.status, ItemStatus::Done { visit_id: "v2".into(), on: d(2026, 5, 31) });
}

#[test]
fn a_visit_of_the_same_scenario_inside_the_window_completes_the_item_without_its_key() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.events = vec![event("e1", d(2026, 6, 1), ServiceEventKind::RepairDone)];
    let mut world = World::new(vec![c]);
    let mut v = visit("v1", "c1", d(2026, 6, 3), Outcome::Reached);
    v.scenario = Scenario::AfterService;
    world.visits.push(v);
    let item = &world.of(Scenario::AfterService, d(2026, 6, 1), d(2026, 6, 30))[0];
    assert_eq!(window(item), (d(2026, 6, 2), d(2026, 6, 4)));
    assert!(matches!(item.status, ItemStatus::Done { .. }));
}

#[test]
fn each_rule_keeps_its_own_item_and_window_and_one_visit_of_a_card_ends_them_all() {
    // Registered and bought on 1 June: activation (8–16 June) and the 7th-day node (8–10 June).
    let mut c = customer("c1", d(2026, 6, 1));
    c.purchases = vec![purchase("p1", d(2026, 6, 1))];
    let world = World::new(vec![c]);
    let items = world.items(d(2026, 6, 8), d(2026, 6, 10));
    let act = items.iter().find(|i| i.key == "act:c1").expect("activation");
    let node = items.iter().find(|i| i.key == "pp:c1:p1:7").expect("day 7");
    // Each keeps its own window: the day-7 call is not held back to the days the two share.
    assert_eq!((window(act), window(node)), ((d(2026, 6, 8), d(2026, 6, 16)), (d(2026, 6, 8), d(2026, 6, 10))));

    // A visit started from Today's card (its key joins both) completes both rules.
    let mut world = world;
    let mut v = visit("v1", "c1", d(2026, 6, 9), Outcome::Reached);
    v.item_key = Some("act:c1+pp:c1:p1:7".into());
    world.visits.push(v);
    let done: Vec<DueItem> = world.items(d(2026, 6, 8), d(2026, 6, 10)).into_iter().filter(|i| !i.is_open()).collect();
    assert_eq!(done.len(), 2);
}

#[test]
fn items_that_do_not_overlap_stay_apart() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 5, 27))];
    let world = World::new(vec![c]);
    // Day 3 (30 May – 1 June) and day 7 (3–5 June) do not overlap.
    let items = world.of(Scenario::PostPurchase, d(2026, 5, 30), d(2026, 6, 5));
    assert_eq!(items.len(), 2);
}

// ---------- Marks ----------

#[test]
fn a_snoozed_item_moves_to_the_chosen_date_and_keeps_its_key() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 5, 27))];
    let mut world = World::new(vec![c]);
    world.marks.push(AgendaMark {
        id: "pp:c1:p1:7".into(),
        customer_id: "c1".into(),
        snoozed_to: Some(d(2026, 6, 10)),
        ..AgendaMark::default()
    });
    let item = world.items(d(2026, 6, 1), d(2026, 6, 30)).into_iter().find(|i| i.key == "pp:c1:p1:7").unwrap();
    assert_eq!(window(&item), (d(2026, 6, 10), d(2026, 6, 12)), "the window keeps its width");
    assert_eq!(item.urgency(d(2026, 6, 6)), Urgency::Upcoming, "not late any more");
}

#[test]
fn a_skipped_item_says_why_and_a_reassigned_one_uses_the_new_method() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 5, 27))];
    let mut world = World::new(vec![c]);
    world.marks.push(AgendaMark {
        id: "pp:c1:p1:3".into(),
        customer_id: "c1".into(),
        skipped: Some(Skip { reason: "客户出差".into(), on: d(2026, 5, 30) }),
        ..AgendaMark::default()
    });
    world.marks.push(AgendaMark {
        id: "pp:c1:p1:7".into(),
        customer_id: "c1".into(),
        method: Some(ContactMethod::WeChat),
        ..AgendaMark::default()
    });
    let items = world.items(d(2026, 5, 30), d(2026, 6, 5));
    let skipped = items.iter().find(|i| i.key == "pp:c1:p1:3").unwrap();
    assert_eq!(skipped.status, ItemStatus::Skipped { reason: "客户出差".into(), on: d(2026, 5, 30) });
    assert_eq!(items.iter().find(|i| i.key == "pp:c1:p1:7").unwrap().method, ContactMethod::WeChat);
}

// ---------- After service, complaints, incidents ----------

#[test]
fn a_complaint_is_followed_up_24_to_48_hours_after_it_is_resolved_by_whom_its_severity_says() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.events = vec![
        event("k1", d(2026, 6, 1), ServiceEventKind::ComplaintRaised { severity: Severity::Major }),
        event("r1", d(2026, 6, 4), ServiceEventKind::ComplaintResolved { complaint: "k1".into() }),
    ];
    let world = World::new(vec![c]);
    let items = world.of(Scenario::ComplaintFollowUp, d(2026, 6, 1), d(2026, 6, 30));
    assert_eq!(items.len(), 1, "no second round before the first is done");
    let first = &items[0];
    assert_eq!(window(first), (d(2026, 6, 5), d(2026, 6, 6)));
    assert_eq!((first.responsible, first.on_site, first.method), (Responsible::Manager, true, ContactMethod::OnSite));
}

#[test]
fn complaint_follow_ups_repeat_until_the_customer_confirms_it_is_settled() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.events = vec![
        event("k1", d(2026, 6, 1), ServiceEventKind::ComplaintRaised { severity: Severity::Major }),
        event("r1", d(2026, 6, 4), ServiceEventKind::ComplaintResolved { complaint: "k1".into() }),
    ];
    let mut world = World::new(vec![c]);
    let mut first = visit("v1", "c1", d(2026, 6, 5), Outcome::Reached);
    first.item_key = Some("cmp:c1:k1:1".into());
    world.visits.push(first);
    let items = world.of(Scenario::ComplaintFollowUp, d(2026, 6, 1), d(2026, 7, 31));
    assert_eq!(items.len(), 2);
    let second = &items[1];
    assert_eq!(window(second), (d(2026, 6, 12), d(2026, 6, 15)), "a week after the last follow-up");
    assert!(matches!(second.reasons[0], DueReason::ComplaintFollowUp { round: 2, .. }));
    assert_eq!(
        (second.on_site, second.method),
        (true, ContactMethod::OnSite),
        "a major complaint is on site every round"
    );
    assert_eq!(second.responsible, Responsible::Manager);

    let mut settled = visit("v2", "c1", d(2026, 6, 13), Outcome::Reached);
    settled.item_key = Some(second.key.clone());
    settled.complaint_settled = true;
    world.visits.push(settled);
    let items = world.of(Scenario::ComplaintFollowUp, d(2026, 6, 1), d(2026, 7, 31));
    assert_eq!(items.len(), 2, "no third round once settled");
    assert!(items.iter().all(|i| !i.is_open()));
}

#[test]
fn later_rounds_of_a_major_complaint_may_be_by_phone_when_the_user_says_so() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.events = vec![
        event("k1", d(2026, 6, 1), ServiceEventKind::ComplaintRaised { severity: Severity::Major }),
        event("r1", d(2026, 6, 4), ServiceEventKind::ComplaintResolved { complaint: "k1".into() }),
    ];
    let mut world = World::new(vec![c]);
    world.settings.severity[2].on_site_every_round = false;
    let mut first = visit("v1", "c1", d(2026, 6, 5), Outcome::Reached);
    first.item_key = Some("cmp:c1:k1:1".into());
    world.visits.push(first);
    let items = world.of(Scenario::ComplaintFollowUp, d(2026, 6, 1), d(2026, 7, 31));
    assert_eq!((items[0].on_site, items[1].on_site, items[1].method), (true, false, ContactMethod::Phone));
}

#[test]
fn a_complaint_settled_by_an_event_gets_no_more_follow_ups() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.events = vec![
        event("k1", d(2026, 6, 1), ServiceEventKind::ComplaintRaised { severity: Severity::General }),
        event("r1", d(2026, 6, 4), ServiceEventKind::ComplaintResolved { complaint: "k1".into() }),
        event("s1", d(2026, 6, 4), ServiceEventKind::ComplaintSettled { complaint: "k1".into() }),
    ];
    let world = World::new(vec![c]);
    assert!(world.of(Scenario::ComplaintFollowUp, d(2026, 6, 1), d(2026, 7, 31)).is_empty());
}

#[test]
fn after_a_service_the_customer_is_called_1_to_3_days_later_and_an_incident_gets_an_on_site_visit() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.events = vec![
        event("s1", d(2026, 6, 10), ServiceEventKind::ServiceDone),
        event("i1", d(2026, 6, 20), ServiceEventKind::IncidentHandled),
    ];
    let world = World::new(vec![c]);
    let service = &world.of(Scenario::AfterService, d(2026, 6, 1), d(2026, 6, 30))[0];
    assert_eq!(window(service), (d(2026, 6, 11), d(2026, 6, 13)));
    let incident = &world.of(Scenario::Incident, d(2026, 6, 1), d(2026, 6, 30))[0];
    assert_eq!(window(incident), (d(2026, 6, 20), d(2026, 6, 21)));
    assert!(incident.on_site);
    assert_eq!(incident.method, ContactMethod::OnSite);
}

// ---------- Care ----------

fn care_world(tier: Tier) -> World {
    let mut c = customer("c1", d(2025, 1, 10));
    c.tier = Some(tier);
    let mut world = World::new(vec![c]);
    world.settings.care_after_months = 3;
    world
}

#[test]
fn care_follows_the_tier_cadence_from_the_last_completed_visit() {
    for (tier, due) in [
        (Tier::Diamond, d(2026, 5, 16)),
        (Tier::Gold, d(2026, 6, 1)),
        (Tier::Silver, d(2026, 8, 1)),
        (Tier::Basic, d(2026, 11, 1)),
    ] {
        let mut world = care_world(tier);
        world.today = d(2026, 5, 2);
        world.visits.push(visit("v1", "c1", d(2026, 5, 1), Outcome::Reached));
        let items = world.of(Scenario::Care, d(2026, 5, 2), d(2026, 12, 31));
        assert_eq!(items[0].earliest, due, "{tier:?}");
        assert_eq!(items[0].reasons, vec![DueReason::Care { last_contact: Some(d(2026, 5, 1)) }]);
        // The ones after it are the plan at the same pace, should this one not be done.
        assert!(items.iter().all(DueItem::is_open), "{tier:?}");
        assert!(items.windows(2).all(|w| w[1].earliest > w[0].latest), "{tier:?}: one care item at a time");
    }
}

#[test]
fn a_care_date_that_passed_without_contact_stays_open_until_the_next_one_supersedes_it() {
    let mut world = care_world(Tier::Gold);
    world.visits.push(visit("v1", "c1", d(2026, 3, 1), Outcome::Reached));
    // Called on 1 April but nobody answered: the item of 1 April is still open, and late, in
    // the second half of April.
    world.visits.push(visit("v2", "c1", d(2026, 4, 1), Outcome::NoAnswer));
    world.today = d(2026, 4, 20);
    let items = world.of(Scenario::Care, d(2026, 4, 20), d(2026, 4, 20));
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].earliest, d(2026, 4, 1));
    assert!(items[0].is_open());
    assert_eq!(items[0].urgency(d(2026, 4, 20)), Urgency::Due, "care nobody did is due now, not late");
    // On 1 June the missed April and May calls are superseded, and June's is due now.
    world.today = d(2026, 6, 1);
    let items = world.of(Scenario::Care, d(2026, 3, 2), d(2026, 6, 30));
    let summary: Vec<(NaiveDate, &ItemStatus)> = items.iter().map(|i| (i.earliest, &i.status)).collect();
    assert_eq!(
        summary,
        vec![
            (
                d(2026, 4, 1),
                &ItemStatus::Superseded { by: ItemKey::new("care", &["c1", "2026-04-01"]), on: d(2026, 5, 1) }
            ),
            (
                d(2026, 5, 1),
                &ItemStatus::Superseded { by: ItemKey::new("care", &["c1", "2026-05-01"]), on: d(2026, 6, 1) }
            ),
            (d(2026, 6, 1), &ItemStatus::Open),
        ]
    );
    assert_eq!(items[2].urgency(d(2026, 6, 1)), Urgency::Due);
    assert_eq!(items[2].reasons, vec![DueReason::Care { last_contact: Some(d(2026, 3, 1)) }], "the last real contact");
}

#[test]
fn a_completed_visit_of_any_kind_resets_the_care_clock() {
    let mut world = care_world(Tier::Gold);
    world.visits.push(visit("v1", "c1", d(2026, 3, 1), Outcome::Reached));
    // An after-service call on 20 March: the next care visit is a month after that, not 1 April.
    let mut service = visit("v2", "c1", d(2026, 3, 20), Outcome::Reached);
    service.scenario = Scenario::AfterService;
    world.visits.push(service);
    let items = world.of(Scenario::Care, d(2026, 3, 2), d(2026, 5, 19));
    assert_eq!(items.iter().map(|i| (i.earliest, i.is_open())).collect::<Vec<_>>(), vec![(d(2026, 4, 20), true)]);
}

#[test]
fn care_starts_only_after_three_months_as_a_customer() {
    let mut c = customer("c1", d(2026, 3, 15));
    c.tier = Some(Tier::Diamond);
    let mut world = World::new(vec![c]);
    world.settings.care_after_months = 3;
    let items = world.of(Scenario::Care, d(2026, 3, 15), d(2026, 7, 31));
    assert_eq!(items[0].earliest, d(2026, 6, 15), "not twice a month from day one");
}

#[test]
fn a_month_end_care_date_lands_on_the_last_day_of_a_shorter_month() {
    let mut world = care_world(Tier::Gold);
    world.visits.push(visit("v1", "c1", d(2026, 1, 31), Outcome::Reached));
    let items = world.of(Scenario::Care, d(2026, 2, 1), d(2026, 3, 31));
    assert_eq!(items[0].earliest, d(2026, 2, 28));
}

#[test]
fn a_skipped_care_visit_restarts_the_clock_from_the_day_it_was_skipped() {
    let mut world = care_world(Tier::Gold);
    world.visits.push(visit("v1", "c1", d(2026, 3, 1), Outcome::Reached));
    world.marks.push(AgendaMark {
        id: "care:c1:2026-03-01".into(),
        customer_id: "c1".into(),
        skipped: Some(Skip { reason: "换季淡季".into(), on: d(2026, 4, 5) }),
        ..AgendaMark::default()
    });
    let items = world.of(Scenario::Care, d(2026, 3, 2), d(2026, 6, 4));
    let summary: Vec<(NaiveDate, bool)> = items.iter().map(|i| (i.earliest, i.is_open())).collect();
    assert_eq!(summary, vec![(d(2026, 4, 1), false), (d(2026, 5, 5), true)]);
}

#[test]
fn paused_customers_get_no_periodic_care_but_still_their_other_items() {
    let mut world = care_world(Tier::Basic);
    world.customers[0].periodic_paused = true;
    world.customers[0].purchases = vec![purchase("p1", d(2026, 6, 1))];
    let items = world.items(d(2026, 6, 1), d(2026, 12, 31));
    assert!(items.iter().all(|i| i.scenario != Scenario::Care));
    assert!(items.iter().any(|i| i.scenario == Scenario::PostPurchase));
}

// ---------- Birthdays and holidays ----------

#[test]
fn birthday_care_opens_a_few_days_before_the_birthday() {
    let mut c = customer("c1", d(2020, 1, 1));
    c.birthday = Some(Birthday { date: d(1985, 6, 12), lunar: false });
    let world = World::new(vec![c]);
    let items = world.of(Scenario::Birthday, d(2026, 1, 1), d(2026, 12, 31));
    assert_eq!(items.len(), 1);
    assert_eq!(window(&items[0]), (d(2026, 6, 9), d(2026, 6, 12)));
    assert_eq!(items[0].method, ContactMethod::Sms);
}

#[test]
fn a_29_february_birthday_falls_on_28_february_in_common_years() {
    let mut c = customer("c1", d(2020, 1, 1));
    c.birthday = Some(Birthday { date: d(1992, 2, 29), lunar: false });
    let world = World::new(vec![c]);
    let in_2026 = world.of(Scenario::Birthday, d(2026, 1, 1), d(2026, 12, 31));
    assert_eq!(in_2026[0].reasons, vec![DueReason::Birthday { date: d(2026, 2, 28), lunar: false }]);
    let in_2028 = world.of(Scenario::Birthday, d(2028, 1, 1), d(2028, 12, 31));
    assert_eq!(in_2028[0].reasons, vec![DueReason::Birthday { date: d(2028, 2, 29), lunar: false }]);
}

#[test]
fn a_lunar_birthday_follows_the_lunar_calendar() {
    // Born 1990-05-25, 五月初二: in 2026 that is 16 June, in 2027 6 June.
    let mut c = customer("c1", d(2020, 1, 1));
    c.birthday = Some(Birthday { date: d(1990, 5, 25), lunar: true });
    let world = World::new(vec![c]);
    let dates: Vec<DueReason> =
        world.of(Scenario::Birthday, d(2026, 1, 1), d(2027, 12, 31)).into_iter().flat_map(|i| i.reasons).collect();
    assert_eq!(
        dates,
        vec![
            DueReason::Birthday { date: d(2026, 6, 16), lunar: true },
            DueReason::Birthday { date: d(2027, 6, 6), lunar: true },
        ]
    );
}

#[test]
fn holiday_care_comes_before_spring_festival_and_mid_autumn() {
    let mut world = World::new(vec![customer("c1", d(2025, 1, 1))]);
    world.settings = ScheduleSettings::default();
    let items = world.of(Scenario::Holiday, d(2026, 1, 1), d(2026, 12, 31));
    let found: Vec<(NaiveDate, NaiveDate)> = items.iter().map(window).collect();
    assert_eq!(found, vec![(d(2026, 2, 14), d(2026, 2, 17)), (d(2026, 9, 22), d(2026, 9, 25))]);
    assert!(matches!(&items[0].reasons[0], DueReason::Holiday { name, .. } if name == SPRING_FESTIVAL));
}

#[test]
fn spring_festival_2027_is_on_6_february() {
    let mut world = World::new(vec![customer("c1", d(2025, 1, 1))]);
    world.settings.spring_festival = true;
    let items = world.of(Scenario::Holiday, d(2027, 1, 1), d(2027, 3, 31));
    assert_eq!(items.iter().map(|i| i.latest).collect::<Vec<_>>(), vec![d(2027, 2, 6)]);
}

#[test]
fn user_defined_holidays_may_be_gregorian_or_lunar() {
    let mut world = World::new(vec![customer("c1", d(2025, 1, 1))]);
    world.settings.holidays = vec![
        Holiday { id: "h1".into(), name: "店庆".into(), date: HolidayDate::Gregorian { month: 10, day: 18 } },
        Holiday { id: "h2".into(), name: "端午节".into(), date: HolidayDate::Lunar { month: 5, day: 5 } },
    ];
    let items = world.of(Scenario::Holiday, d(2026, 1, 1), d(2026, 12, 31));
    let found: Vec<(String, NaiveDate)> = items
        .iter()
        .map(|i| match &i.reasons[0] {
            DueReason::Holiday { name, date } => (name.clone(), *date),
            _ => panic!(),
        })
        .collect();
    assert_eq!(found, vec![("端午节".to_string(), d(2026, 6, 19)), ("店庆".to_string(), d(2026, 10, 18))]);
}

#[test]
fn a_birthday_and_a_holiday_in_the_same_days_go_out_as_one_greeting_on_a_day_both_are_open() {
    use crate::domain::plan::{PlanInput, PlanSettings, plan};
    let mut c = customer("c1", d(2020, 1, 1));
    c.birthday = Some(Birthday { date: d(1980, 9, 24), lunar: false });
    let mut world = World::new(vec![c]);
    world.settings.mid_autumn = true;
    world.today = d(2026, 9, 23);
    let items = world.items(d(2026, 9, 23), d(2026, 9, 26));
    assert_eq!(items.len(), 2, "each greeting is its own item: {items:?}");
    let settings = PlanSettings::default();
    let p = plan(&PlanInput {
        items: &items,
        today: d(2026, 9, 23),
        days: 1,
        contacted_today: &|_| false,
        value: &|_| 0.0,
        settings: &settings,
        extra_today: 0,
    });
    let card = &p.today()[0];
    assert_eq!(card.items.len(), 2, "the Mid-Autumn wish rides on the birthday message");
    assert!(p.bulk.is_empty());
}

// ---------- Campaigns ----------

#[test]
fn a_campaign_reaches_every_customer_of_its_segment_within_its_dates() {
    let mut gold = customer("c1", d(2025, 1, 1));
    gold.tier = Some(Tier::Gold);
    gold.tags = vec!["关注促销".into()];
    let mut silver = customer("c2", d(2025, 1, 1));
    silver.tier = Some(Tier::Silver);
    silver.tags = vec!["关注促销".into()];
    let mut untagged = customer("c3", d(2025, 1, 1));
    untagged.tier = Some(Tier::Gold);
    let mut world = World::new(vec![gold, silver, untagged]);
    world.campaigns.push(Campaign {
        id: "m1".into(),
        name: "滤芯升级".into(),
        segment: Segment { tiers: vec![Tier::Gold, Tier::Diamond], tags: vec!["关注促销".into()], needs: vec![] },
        start: d(2026, 7, 1),
        end: d(2026, 7, 15),
        ..Campaign::default()
    });
    let items = world.of(Scenario::Campaign, d(2026, 7, 1), d(2026, 7, 31));
    assert_eq!(items.iter().map(|i| i.customer_id.as_str()).collect::<Vec<_>>(), vec!["c1"]);
    assert_eq!(window(&items[0]), (d(2026, 7, 1), d(2026, 7, 15)));
}

// ---------- No-answer ladder ----------

fn unanswered(world: &mut World, days: &[u32]) {
    for (i, day) in days.iter().enumerate() {
        world.visits.push(visit(&format!("n{i}"), "c1", d(2026, 6, *day), Outcome::NoAnswer));
    }
}

/// The one count behind both the schedule's escalation items and the visit form's effects: the
/// rule fires at every multiple of its count within a run, and an answered call starts a new run.
#[test]
fn the_ladder_fires_at_each_multiple_of_its_count_and_an_answer_starts_over() {
    let outcomes = [
        Outcome::NoAnswer,
        Outcome::NoAnswer,
        Outcome::NoAnswer,
        Outcome::NoAnswer,
        Outcome::Reached,
        Outcome::NoAnswer,
        Outcome::NoAnswer,
    ];
    let visits: Vec<Visit> =
        outcomes.iter().enumerate().map(|(i, o)| visit(&format!("v{i}"), "c1", d(2026, 6, 1 + i as u32), *o)).collect();
    let steps = |in_a_row| -> Vec<(u32, Id)> {
        super::ladder_steps(&visits, in_a_row).map(|(n, v)| (n, v.id.clone())).collect()
    };
    assert_eq!(steps(2), vec![(2, "v1".into()), (4, "v3".into()), (2, "v6".into())]);
    assert_eq!(steps(1).len(), 6, "every unanswered call for a rule of one");
    assert_eq!(steps(0), steps(1), "a count of 0 in a file is read as 1");
}

#[test]
fn a_diamond_customer_who_does_not_answer_twice_in_a_row_goes_to_a_specialist() {
    let mut world = care_world(Tier::Diamond);
    unanswered(&mut world, &[1]);
    let c = world.customers[0].clone();
    assert_eq!(no_answer_effect(&c, Tier::Diamond, &world.visits, &world.tiers), None);
    assert!(world.of(Scenario::Escalation, d(2026, 6, 1), d(2026, 6, 30)).is_empty());
    unanswered(&mut world, &[1, 3]);
    world.visits.remove(0);
    assert_eq!(
        no_answer_effect(&c, Tier::Diamond, &world.visits, &world.tiers),
        Some(NoAnswerEffect::Escalate { unanswered: 2 })
    );
    let items = world.of(Scenario::Escalation, d(2026, 6, 1), d(2026, 6, 30));
    assert_eq!(items.len(), 1);
    assert_eq!((items[0].responsible, items[0].earliest), (Responsible::Specialist, d(2026, 6, 3)));
}

#[test]
fn an_answered_call_in_between_breaks_the_run_of_unanswered_calls() {
    let mut world = care_world(Tier::Diamond);
    world.visits.push(visit("a", "c1", d(2026, 6, 1), Outcome::NoAnswer));
    world.visits.push(visit("b", "c1", d(2026, 6, 2), Outcome::Reached));
    world.visits.push(visit("c", "c1", d(2026, 6, 3), Outcome::NoAnswer));
    let c = world.customers[0].clone();
    assert_eq!(no_answer_effect(&c, Tier::Diamond, &world.visits, &world.tiers), None);
    assert!(world.of(Scenario::Escalation, d(2026, 6, 1), d(2026, 6, 30)).is_empty());
}

#[test]
fn a_gold_customer_who_does_not_answer_gets_an_sms_care_item() {
    let mut world = care_world(Tier::Gold);
    unanswered(&mut world, &[4]);
    let c = world.customers[0].clone();
    assert_eq!(
        no_answer_effect(&c, Tier::Gold, &world.visits, &world.tiers),
        Some(NoAnswerEffect::SmsCare { visit_id: "n0".into() })
    );
    let items = world.of(Scenario::SmsCare, d(2026, 6, 1), d(2026, 6, 30));
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].method, ContactMethod::Sms);
    // Sending the SMS completes it.
    let mut sms = visit("s", "c1", d(2026, 6, 4), Outcome::Reached);
    sms.method = ContactMethod::Sms;
    world.visits.push(sms);
    assert!(!world.of(Scenario::SmsCare, d(2026, 6, 1), d(2026, 6, 30))[0].is_open());
}

#[test]
fn a_silver_customer_who_does_not_answer_twice_in_a_row_is_demoted_to_basic_with_a_history_entry() {
    let mut world = care_world(Tier::Silver);
    unanswered(&mut world, &[1, 8]);
    let mut c = world.customers[0].clone();
    let effect = no_answer_effect(&c, Tier::Silver, &world.visits, &world.tiers).expect("a demotion");
    assert!(apply_no_answer_effect(&mut c, &effect, "两次未接通"));
    assert_eq!(c.tier, Some(Tier::Basic));
    let last = c.tier_history.last().unwrap();
    assert_eq!((last.from, last.to, last.on), (Some(Tier::Silver), Tier::Basic, d(2026, 6, 8)));
    assert_eq!(last.reason, TierChangeReason::NoAnswerDemotion);
    assert_eq!(c.tier_override.as_ref().map(|o| o.tier), Some(Tier::Basic));
}

#[test]
fn a_basic_customer_who_does_not_answer_stops_periodic_visits_until_resumed() {
    let mut world = care_world(Tier::Basic);
    unanswered(&mut world, &[1]);
    let mut c = world.customers[0].clone();
    let effect = no_answer_effect(&c, Tier::Basic, &world.visits, &world.tiers).expect("a pause");
    assert_eq!(effect, NoAnswerEffect::StopPeriodic);
    assert!(apply_no_answer_effect(&mut c, &effect, ""));
    assert!(c.periodic_paused);
    world.customers[0] = c;
    assert!(world.of(Scenario::Care, d(2026, 1, 1), d(2027, 12, 31)).is_empty());
    // Already paused: nothing more to apply.
    assert_eq!(no_answer_effect(&world.customers[0], Tier::Basic, &world.visits, &world.tiers), None);
}

// ---------- Who gets nothing ----------

#[test]
fn do_not_contact_customers_get_no_items() {
    let mut c = customer("c1", d(2025, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 6, 1))];
    c.birthday = Some(Birthday { date: d(1980, 6, 10), lunar: false });
    c.do_not_contact = true;
    let mut world = World::new(vec![c]);
    world.settings = ScheduleSettings::default();
    assert!(world.items(d(2025, 1, 1), d(2027, 12, 31)).is_empty());
}

#[test]
fn nothing_is_scheduled_before_the_customer_existed() {
    // Registered on 10 June with a purchase from 1 June (typed in afterwards): the day-3 node
    // (4–6 June) is gone, the day-7 node (8–10 June) is cut to the registration day.
    let mut c = customer("c1", d(2026, 6, 10));
    c.purchases = vec![purchase("p1", d(2026, 6, 1))];
    c.birthday = Some(Birthday { date: d(1980, 6, 5), lunar: false });
    let mut world = World::new(vec![c]);
    world.settings.activation = DayWindow { from: 100, to: 100 };
    let items = world.items(d(2026, 1, 1), d(2026, 6, 30));
    assert!(items.iter().all(|i| i.earliest >= d(2026, 6, 10)), "{items:?}");
    assert!(!items.iter().any(|i| i.key == "pp:c1:p1:3"));
    let seventh = items.iter().find(|i| i.key == "pp:c1:p1:7").unwrap();
    assert_eq!(window(seventh), (d(2026, 6, 10), d(2026, 6, 10)));
    assert!(!items.iter().any(|i| i.scenario == Scenario::Birthday), "the 2026 birthday was before");
}

// ---------- Extra items, contact lists, announcements ----------

#[test]
fn items_from_other_rules_come_with_the_schedule_and_take_marks_by_key() {
    let mut c = customer("c1", d(2025, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 5, 27))];
    let mut world = World::new(vec![c]);
    let next_visit = DueItem {
        key: "next:c1:v9".into(),
        customer_id: "c1".into(),
        scenario: Scenario::Manual,
        reasons: vec![DueReason::NextVisit { visit_id: "v9".into() }],
        earliest: d(2026, 6, 4),
        ideal: d(2026, 6, 4),
        latest: d(2026, 6, 4),
        method: ContactMethod::Phone,
        tier: Tier::Basic,
        responsible: Responsible::Agent,
        on_site: false,
        status: ItemStatus::Open,
    };
    world.extra.push(next_visit);
    world.marks.push(AgendaMark {
        id: "next:c1:v9".into(),
        customer_id: "c1".into(),
        skipped: Some(Skip { reason: "客户改约".into(), on: d(2026, 6, 3) }),
        ..AgendaMark::default()
    });
    let items = world.items(d(2026, 6, 4), d(2026, 6, 4));
    let next = items.iter().find(|i| i.key == "next:c1:v9").expect("the agent's next visit");
    assert!(matches!(next.status, ItemStatus::Skipped { .. }));
    assert!(items.iter().any(|i| i.key == "pp:c1:p1:7" && i.is_open()), "the day-7 node beside it");
}

#[test]
fn customers_not_reached_for_n_days_are_listed_longest_silence_first() {
    let customers = vec![
        customer("recent", d(2025, 1, 1)),
        customer("old", d(2025, 1, 1)),
        customer("never", d(2026, 1, 1)),
        Customer { do_not_contact: true, ..customer("blocked", d(2020, 1, 1)) },
    ];
    let visits = vec![
        visit("v1", "recent", d(2026, 5, 20), Outcome::Reached),
        visit("v2", "old", d(2026, 1, 2), Outcome::Reached),
        visit("v3", "old", d(2026, 5, 30), Outcome::NoAnswer),
    ];
    let list = not_contacted(&customers, &visits, &ByCustomer::new(&visits), d(2026, 6, 1), 90);
    let found: Vec<(&str, Option<NaiveDate>, i64)> =
        list.iter().map(|n| (n.customer.id.as_str(), n.last, n.days)).collect();
    assert_eq!(found, vec![("never", None, 151), ("old", Some(d(2026, 1, 2)), 150)]);
}

#[test]
fn a_non_urgent_call_is_announced_the_day_before_and_an_urgent_one_is_not() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 5, 27))];
    c.events = vec![
        event("k1", d(2026, 5, 27), ServiceEventKind::ComplaintRaised { severity: Severity::General }),
        event("r1", d(2026, 6, 10), ServiceEventKind::ComplaintResolved { complaint: "k1".into() }),
    ];
    let world = World::new(vec![c]);
    let settings = quiet();
    let items = world.items(d(2026, 6, 1), d(2026, 6, 15));
    let call = items.iter().find(|i| i.key == "pp:c1:p1:7").unwrap();
    assert_eq!(announce_on(call, &settings), Some(d(2026, 6, 2)));
    let complaint = items.iter().find(|i| i.scenario == Scenario::ComplaintFollowUp).unwrap();
    assert_eq!(announce_on(complaint, &settings), None);
    let off = ScheduleSettings { announce_day_before: false, ..quiet() };
    assert_eq!(announce_on(call, &off), None);
}

#[test]
fn ids_with_key_characters_do_not_make_two_items_share_a_key() {
    let mut a = customer("a:b", d(2026, 1, 1));
    a.purchases = vec![purchase("c", d(2026, 6, 1))];
    let mut b = customer("a", d(2026, 1, 1));
    b.purchases = vec![purchase("b:c", d(2026, 6, 1))];
    let world = World::new(vec![a, b]);
    let mut keys: Vec<MergedKey> = world.items(d(2026, 6, 1), d(2026, 6, 30)).into_iter().map(|i| i.key).collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n);
}

#[test]
fn iso_days_are_zero_padded_like_date_inputs_expect() {
    assert_eq!(iso_day(d(2026, 6, 3)), "2026-06-03");
    assert_eq!(iso_day(d(2028, 2, 29)), "2028-02-29");
}

#[test]
fn schedule_settings_saved_by_an_older_version_load_with_defaults_for_new_fields() {
    let settings: ScheduleSettings =
        serde_json::from_str(r#"{"birthday_lead_days": 5, "holidays": [{"id": "h", "name": "店庆", "date": {"lunar": {"month": 5, "day": 5}}}]}"#)
            .unwrap();
    assert_eq!(settings.birthday_lead_days, 5);
    assert_eq!(settings.activation, DayWindow { from: 7, to: 15 });
    assert_eq!(settings.holidays[0].date, HolidayDate::Lunar { month: 5, day: 5 });
    let whole: crate::domain::settings::Settings =
        serde_json::from_str(r#"{"profile": {"agent_name": "陈静"}}"#).unwrap();
    assert_eq!(whole.schedule, ScheduleSettings::default());
}

// ---------- The life of an item (docs/item-life-cycle.md) ----------

fn status_of(items: &[DueItem], key: &str) -> ItemStatus {
    items
        .iter()
        .find(|i| i.key.keys().any(|k| k.as_str() == key))
        .map(|i| i.status.clone())
        .unwrap_or_else(|| panic!("no item {key}"))
}

#[test]
fn a_birthday_greeting_lapses_the_day_after_the_birthday_and_is_never_sent_late() {
    let mut c = customer("c1", d(2020, 1, 1));
    c.birthday = Some(Birthday { date: d(1990, 10, 8), lunar: false });
    let mut world = World::new(vec![c]);
    world.today = d(2026, 10, 8);
    let on_the_day = world.of(Scenario::Birthday, d(2026, 10, 8), d(2026, 10, 8));
    assert!(on_the_day[0].is_open(), "on the birthday itself the greeting is still right");
    world.today = d(2026, 10, 9);
    let items = world.of(Scenario::Birthday, d(2026, 10, 1), d(2026, 10, 31));
    assert_eq!(items[0].status, ItemStatus::Lapsed { on: d(2026, 10, 9), cause: LapseCause::Expired });
    // Two months later Today (from today on) has no greeting for October.
    world.today = d(2026, 12, 7);
    assert!(world.items(d(2026, 12, 7), d(2026, 12, 14)).iter().all(|i| i.scenario != Scenario::Birthday));
}

#[test]
fn a_29_february_birthday_greeting_lapses_on_1_march_in_a_common_year() {
    let mut c = customer("c1", d(2020, 1, 1));
    c.birthday = Some(Birthday { date: d(1992, 2, 29), lunar: false });
    let mut world = World::new(vec![c]);
    world.today = d(2027, 3, 1);
    let items = world.of(Scenario::Birthday, d(2027, 2, 1), d(2027, 3, 1));
    assert_eq!(window(&items[0]).1, d(2027, 2, 28));
    assert_eq!(items[0].status, ItemStatus::Lapsed { on: d(2027, 3, 1), cause: LapseCause::Expired });
    world.today = d(2028, 2, 29);
    let leap = world.of(Scenario::Birthday, d(2028, 2, 29), d(2028, 2, 29));
    assert!(leap[0].is_open() && leap[0].latest == d(2028, 2, 29));
}

#[test]
fn a_holiday_greeting_lapses_the_day_after_the_holiday() {
    let c = customer("c1", d(2020, 1, 1));
    let mut world = World::new(vec![c]);
    world.settings.mid_autumn = true;
    world.today = d(2026, 9, 26);
    let items = world.of(Scenario::Holiday, d(2026, 9, 1), d(2026, 9, 30));
    assert_eq!(items[0].latest, d(2026, 9, 25), "Mid-Autumn 2026");
    assert_eq!(items[0].status, ItemStatus::Lapsed { on: d(2026, 9, 26), cause: LapseCause::Expired });
}

#[test]
fn the_day_3_call_is_superseded_by_the_day_7_call_once_that_opens_and_its_questions_carry_over() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 10, 1))];
    let mut world = World::new(vec![c]);
    world.today = d(2026, 10, 6);
    let items = world.items(d(2026, 10, 6), d(2026, 10, 6));
    assert!(
        status_of(&items, "pp:c1:p1:3") == ItemStatus::Open,
        "day 5: the day-3 call is late but still the call to make"
    );
    world.today = d(2026, 10, 8);
    let items = world.items(d(2026, 10, 1), d(2026, 10, 31));
    assert_eq!(
        status_of(&items, "pp:c1:p1:3"),
        ItemStatus::Superseded { by: ItemKey::new("pp", &["c1", "p1", "7"]), on: d(2026, 10, 8) }
    );
    let seventh = items.iter().find(|i| i.key == "pp:c1:p1:7").expect("day 7");
    assert!(seventh.is_open());
    assert!(matches!(&seventh.reasons[0], DueReason::PostPurchase { day: 7, carried, .. } if carried == &vec![3]));
    // Only one of the two is work on 8 October.
    let today: Vec<&DueItem> = items.iter().filter(|i| i.is_open() && i.earliest <= d(2026, 10, 8)).collect();
    assert_eq!(today.len(), 1);
}

#[test]
fn a_done_node_is_not_carried_into_the_next_call() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 10, 1))];
    let mut world = World::new(vec![c]);
    world.settings.purchase_nodes = vec![
        PurchaseNode { day: 3, window_days: 2, method: ContactMethod::Phone },
        PurchaseNode { day: 7, window_days: 2, method: ContactMethod::Phone },
        PurchaseNode { day: 12, window_days: 2, method: ContactMethod::Phone },
    ];
    let mut call = visit("v1", "c1", d(2026, 10, 4), Outcome::Reached);
    call.item_key = Some("pp:c1:p1:3".into());
    world.visits.push(call);
    world.today = d(2026, 10, 13);
    let items = world.items(d(2026, 10, 1), d(2026, 10, 31));
    assert!(matches!(status_of(&items, "pp:c1:p1:3"), ItemStatus::Done { .. }));
    assert!(
        matches!(status_of(&items, "pp:c1:p1:7"), ItemStatus::Superseded { .. }),
        "day 7 nobody called, day 12 opened"
    );
    let twelfth = items.iter().find(|i| i.key == "pp:c1:p1:12").expect("day 12");
    assert!(matches!(&twelfth.reasons[0], DueReason::PostPurchase { carried, .. } if carried == &vec![7]));
}

#[test]
fn a_node_whose_next_opens_long_after_lapses_after_its_grace_period_instead() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 10, 1))];
    let mut world = World::new(vec![c]);
    // Day 7 (8–10 October) nobody called; day 30 opens on 31 October, after the 7 days of grace.
    world.today = d(2026, 10, 31);
    let items = world.items(d(2026, 10, 1), d(2026, 10, 31));
    assert_eq!(status_of(&items, "pp:c1:p1:7"), ItemStatus::Lapsed { on: d(2026, 10, 18), cause: LapseCause::Expired });
    let thirtieth = items.iter().find(|i| i.key == "pp:c1:p1:30").expect("day 30");
    assert!(matches!(&thirtieth.reasons[0], DueReason::PostPurchase { carried, .. } if carried.is_empty()));
}

#[test]
fn the_last_post_purchase_node_lapses_after_its_window_and_the_grace_period() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 1, 1))];
    let mut world = World::new(vec![c]);
    // Day 90 is 1 April, open to 8 April; seven days of grace.
    world.today = d(2026, 4, 15);
    assert_eq!(status_of(&world.items(d(2026, 4, 1), d(2026, 4, 15)), "pp:c1:p1:90"), ItemStatus::Open);
    world.today = d(2026, 4, 16);
    assert_eq!(
        status_of(&world.items(d(2026, 4, 1), d(2026, 4, 16)), "pp:c1:p1:90"),
        ItemStatus::Lapsed { on: d(2026, 4, 16), cause: LapseCause::Expired }
    );
}

#[test]
fn activation_lapses_once_the_customer_is_reached_for_any_reason() {
    let mut c = customer("c1", d(2026, 11, 1));
    c.purchases = vec![purchase("p1", d(2026, 11, 1))];
    let mut world = World::new(vec![c]);
    let mut call = visit("v1", "c1", d(2026, 11, 4), Outcome::Reached);
    call.item_key = Some("pp:c1:p1:3".into());
    world.visits.push(call);
    world.today = d(2026, 11, 8);
    let items = world.items(d(2026, 11, 8), d(2026, 11, 30));
    assert_eq!(
        status_of(&world.items(d(2026, 11, 1), d(2026, 11, 30)), "act:c1"),
        ItemStatus::Lapsed { on: d(2026, 11, 4), cause: LapseCause::Reached { visit_id: "v1".into() } }
    );
    assert!(items.iter().filter(|i| i.is_open()).all(|i| i.scenario != Scenario::Activation));
}

#[test]
fn activation_nobody_did_lapses_after_its_grace_period() {
    let c = customer("c1", d(2026, 1, 1));
    let mut world = World::new(vec![c]);
    // 8–16 January, 30 days of grace: open on 15 February, lapsed on the 16th.
    world.today = d(2026, 2, 15);
    assert_eq!(status_of(&world.items(d(2026, 2, 15), d(2026, 2, 15)), "act:c1"), ItemStatus::Open);
    world.today = d(2026, 2, 16);
    assert_eq!(
        status_of(&world.items(d(2026, 1, 1), d(2026, 2, 16)), "act:c1"),
        ItemStatus::Lapsed { on: d(2026, 2, 16), cause: LapseCause::Expired }
    );
}

#[test]
fn a_complaint_is_handled_from_the_moment_it_is_raised_and_never_lapses() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.events = vec![event("k1", d(2026, 6, 1), ServiceEventKind::ComplaintRaised { severity: Severity::Important })];
    let mut world = World::new(vec![c]);
    world.today = d(2026, 6, 1);
    let items = world.of(Scenario::ComplaintHandling, d(2026, 6, 1), d(2026, 6, 1));
    assert_eq!(items.len(), 1, "recording the complaint schedules its handling at once");
    assert_eq!(window(&items[0]), (d(2026, 6, 1), d(2026, 6, 3)), "within 24–48 hours");
    assert_eq!(items[0].responsible, Responsible::Supervisor);
    assert!(matches!(items[0].reasons[0], DueReason::ComplaintHandling { severity: Severity::Important, .. }));
    // Half a year on, nobody called: it is still there, late.
    world.today = d(2026, 12, 1);
    let items = world.of(Scenario::ComplaintHandling, d(2026, 12, 1), d(2026, 12, 7));
    assert!(items[0].is_open());
    assert!(matches!(items[0].urgency(d(2026, 12, 1)), Urgency::Late(_)));
    assert_eq!(
        unsettled_complaints(&world.customers[0], &world.visits).len(),
        1,
        "the customer carries an open complaint"
    );
}

#[test]
fn the_handling_is_superseded_by_the_follow_up_once_the_complaint_is_resolved() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.events = vec![
        event("k1", d(2026, 6, 1), ServiceEventKind::ComplaintRaised { severity: Severity::Major }),
        event("r1", d(2026, 6, 4), ServiceEventKind::ComplaintResolved { complaint: "k1".into() }),
    ];
    let mut world = World::new(vec![c]);
    world.today = d(2026, 6, 5);
    let items = world.items(d(2026, 6, 1), d(2026, 6, 30));
    assert_eq!(
        status_of(&items, "cmpin:c1:k1"),
        ItemStatus::Superseded { by: ItemKey::new("cmp", &["c1", "k1", "1"]), on: d(2026, 6, 4) }
    );
    let handling = items.iter().find(|i| i.key == "cmpin:c1:k1").expect("handling");
    assert_eq!(
        (handling.on_site, handling.responsible),
        (true, Responsible::Manager),
        "a major complaint: the manager, on site"
    );
}

#[test]
fn a_complaint_confirmed_settled_on_a_visit_clears_the_customers_flag() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.events = vec![
        event("k1", d(2026, 6, 1), ServiceEventKind::ComplaintRaised { severity: Severity::General }),
        event("r1", d(2026, 6, 4), ServiceEventKind::ComplaintResolved { complaint: "k1".into() }),
    ];
    let mut world = World::new(vec![c]);
    let mut call = visit("v1", "c1", d(2026, 6, 5), Outcome::Reached);
    call.item_key = Some("cmp:c1:k1:1".into());
    call.complaint_settled = true;
    world.visits.push(call);
    assert!(unsettled_complaints(&world.customers[0], &world.visits).is_empty());
}

#[test]
fn an_incident_visit_never_lapses() {
    let mut c = customer("c1", d(2026, 1, 1));
    c.events = vec![event("i1", d(2026, 3, 1), ServiceEventKind::IncidentHandled)];
    let mut world = World::new(vec![c]);
    world.today = d(2026, 12, 7);
    let items = world.of(Scenario::Incident, d(2026, 12, 7), d(2026, 12, 14));
    assert_eq!(items.len(), 1);
    assert!(items[0].is_open());
}

#[test]
fn a_customer_never_reached_always_has_a_care_item_at_the_tiers_pace() {
    for (tier, pace_days) in [(Tier::Diamond, 16), (Tier::Gold, 31), (Tier::Silver, 92), (Tier::Basic, 184)] {
        let mut c = customer("c1", d(2024, 3, 10));
        c.tier = Some(tier);
        let mut world = World::new(vec![c]);
        world.settings.care_after_months = 3;
        world.today = d(2026, 12, 7);
        let open: Vec<DueItem> =
            world.of(Scenario::Care, d(2026, 12, 7), d(2026, 12, 14)).into_iter().filter(DueItem::is_open).collect();
        let first = open.first().unwrap_or_else(|| panic!("{tier:?}: a care item"));
        assert!(first.earliest <= d(2026, 12, 14), "{tier:?}");
        assert!(
            (d(2026, 12, 7) - first.earliest).num_days() < pace_days,
            "{tier:?}: due within the last cadence, not 600 days ago"
        );
        assert_eq!(first.reasons, vec![DueReason::Care { last_contact: None }]);
    }
}

#[test]
fn in_a_book_where_nothing_was_done_for_a_year_today_holds_no_passed_time_bound_item_and_everyone_has_care() {
    let today = d(2026, 12, 7);
    let mut customers = Vec::new();
    for i in 0..40u32 {
        let mut c = customer(&format!("c{i}"), d(2024, 1 + i % 12, 1 + i % 28));
        c.tier = Some(Tier::ALL[(i % 4) as usize]);
        c.birthday =
            Some(Birthday { date: d(1980 + (i % 20) as i32, 1 + (i * 5) % 12, 1 + (i * 3) % 28), lunar: i % 7 == 0 });
        c.purchases = vec![
            purchase(&format!("p{i}a"), d(2025, 1 + i % 12, 1 + i % 27)),
            purchase(&format!("p{i}b"), d(2025, 12, 1 + i % 20)),
        ];
        if i % 5 == 0 {
            c.events.push(event(&format!("s{i}"), d(2025, 12, 10), ServiceEventKind::RepairDone));
        }
        customers.push(c);
    }
    let mut world = World::new(customers);
    world.settings.spring_festival = true;
    world.settings.mid_autumn = true;
    world.settings.care_after_months = 3;
    world.settings.sampling.enabled = true;
    world.today = today;
    let items = world.items(today, d(2026, 12, 14));
    for item in items.iter().filter(|i| i.is_open()) {
        for reason in &item.reasons {
            match reason {
                DueReason::Birthday { date, .. } | DueReason::Holiday { date, .. } => {
                    assert!(*date >= today, "a greeting for {date} on {today}: {}", item.key)
                }
                DueReason::PostPurchase { .. }
                | DueReason::Activation { .. }
                | DueReason::AfterService { .. }
                | DueReason::QualitySampling { .. } => {
                    assert!(
                        item.latest >= add_days(today, -14),
                        "{} ended {} and is still listed",
                        item.key,
                        item.latest
                    )
                }
                _ => {}
            }
        }
    }
    for c in &world.customers {
        assert!(
            items.iter().any(|i| i.customer_id == c.id
                && i.is_open()
                && i.reasons.iter().any(|r| matches!(r, DueReason::Care { .. }))),
            "{} has a care date",
            c.id
        );
    }
}

#[test]
fn a_skip_or_a_visit_recorded_before_the_life_cycle_still_ends_its_item() {
    // Marks and visits refer to items by key; the keys did not change.
    let mut c = customer("c1", d(2026, 1, 1));
    c.purchases = vec![purchase("p1", d(2026, 10, 1))];
    let mut world = World::new(vec![c]);
    world.marks.push(AgendaMark {
        id: "pp:c1:p1:3".into(),
        customer_id: "c1".into(),
        skipped: Some(Skip { reason: "客户出差".into(), on: d(2026, 10, 4) }),
        ..AgendaMark::default()
    });
    let mut call = visit("v1", "c1", d(2026, 10, 8), Outcome::Reached);
    call.item_key = Some("pp:c1:p1:7".into());
    world.visits.push(call);
    world.today = d(2026, 12, 31);
    let items = world.items(d(2026, 10, 1), d(2026, 10, 31));
    assert!(matches!(status_of(&items, "pp:c1:p1:3"), ItemStatus::Skipped { .. }));
    assert!(matches!(status_of(&items, "pp:c1:p1:7"), ItemStatus::Done { .. }));
}

// ---------- Quality sampling ----------

fn served_month(n: u32) -> World {
    let mut customers = Vec::new();
    for i in 0..n {
        let mut c = customer(&format!("c{i:02}"), d(2025, 1, 1));
        c.purchases = vec![purchase(&format!("p{i}"), d(2026, 11, 1 + i % 28))];
        customers.push(c);
    }
    let mut world = World::new(customers);
    world.settings.purchase_nodes.clear();
    world.settings.sampling.enabled = true;
    world.today = d(2026, 12, 1);
    world
}

#[test]
fn each_month_three_to_five_customers_served_are_sampled_in_the_first_days_of_the_next() {
    for (served, picked) in [(2, 2), (12, 3), (45, 5), (200, 5)] {
        let world = served_month(served);
        let items = world.of(Scenario::QualitySampling, d(2026, 12, 1), d(2026, 12, 31));
        assert_eq!(items.len(), picked, "{served} served");
        assert!(items.iter().all(|i| window(i) == (d(2026, 12, 1), d(2026, 12, 11))));
        assert!(items.iter().all(|i| i.reasons == vec![DueReason::QualitySampling { year: 2026, month: 11 }]));
    }
}

#[test]
fn the_sample_is_the_same_on_every_device_and_every_reload() {
    let world = served_month(40);
    let keys = |w: &World| -> Vec<MergedKey> {
        w.of(Scenario::QualitySampling, d(2026, 12, 1), d(2026, 12, 31)).into_iter().map(|i| i.key).collect()
    };
    let first = keys(&world);
    let mut reversed = served_month(40);
    reversed.customers.reverse();
    let mut again = keys(&reversed);
    again.sort();
    let mut sorted = first.clone();
    sorted.sort();
    assert_eq!(sorted, again, "the book's order does not change the pick");
}

#[test]
fn thirty_percent_of_repair_orders_and_half_the_complaints_are_sampled() {
    let mut world = served_month(0);
    for i in 0..10u32 {
        let mut c = customer(&format!("r{i}"), d(2025, 1, 1));
        c.events.push(event(&format!("rep{i}"), d(2026, 11, 2 + i), ServiceEventKind::RepairDone));
        world.customers.push(c);
    }
    for i in 0..4u32 {
        let mut c = customer(&format!("k{i}"), d(2025, 1, 1));
        c.events.push(event(
            &format!("cmp{i}"),
            d(2026, 11, 3 + i),
            ServiceEventKind::ComplaintRaised { severity: Severity::General },
        ));
        world.customers.push(c);
    }
    world.settings.sampling.customers_min = 0;
    world.settings.sampling.customers_max = 0;
    let items = world.of(Scenario::QualitySampling, d(2026, 12, 1), d(2026, 12, 31));
    let repairs = items.iter().filter(|i| i.customer_id.starts_with('r')).count();
    let complaints = items.iter().filter(|i| i.customer_id.starts_with('k')).count();
    assert_eq!((repairs, complaints), (3, 2));
}

#[test]
fn sampling_can_be_turned_off() {
    let mut world = served_month(20);
    world.settings.sampling.enabled = false;
    assert!(world.of(Scenario::QualitySampling, d(2026, 12, 1), d(2026, 12, 31)).is_empty());
}

/// A key as a visit stored it.
fn stored(key: &str) -> MergedKey {
    MergedKey::from(key)
}

#[test]
fn a_complaint_key_names_its_complaint_even_when_ids_hold_colons() {
    assert_eq!(complaint_of_key(stored("cmpin:c1:k1").as_item_key(), "c1").as_deref(), Some("k1"));
    assert_eq!(complaint_of_key(stored("cmp:c%3A1:k%2B1:3").as_item_key(), "c:1").as_deref(), Some("k+1"));
    assert_eq!(complaint_of_key(stored("cmp:c1:k1:1").as_item_key(), "c2"), None, "another customer's complaint");
    assert_eq!(complaint_of_key(stored("pp:c1:p1:3").as_item_key(), "c1"), None);
}

// ---------- Robustness ----------

/// Settings come from files too (a backup, a colleague's export): whatever numbers they hold,
/// the schedule and the day's plan are computed without panicking.
#[test]
#[allow(clippy::field_reassign_with_default)] // one random number per line reads best
fn no_numbers_in_the_settings_make_the_schedule_or_the_plan_panic() {
    use crate::domain::plan::{PlanInput, PlanSettings, plan};
    let today = d(2026, 12, 7);
    let demo = crate::domain::demo::demo_book(today);
    let extremes = [0u32, 1, 2, 7, 31, 365, 3650, 40_000, u32::MAX / 2, u32::MAX - 1, u32::MAX];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut pick = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        extremes[(seed >> 33) as usize % extremes.len()]
    };
    for _ in 0..60 {
        let mut s = ScheduleSettings::default();
        s.activation = DayWindow { from: pick(), to: pick() };
        s.after_service = DayWindow { from: pick(), to: pick() };
        s.complaint_handling = DayWindow { from: pick(), to: pick() };
        s.complaint_first = DayWindow { from: pick(), to: pick() };
        s.incident = DayWindow { from: pick(), to: pick() };
        s.complaint_repeat_days = pick();
        s.complaint_repeat_window_days = pick();
        s.care_after_months = pick();
        s.care_window_days = pick();
        s.birthday_lead_days = pick();
        s.holiday_lead_days = pick();
        s.no_contact_days = pick();
        s.coming_days = pick();
        s.purchase_grace_days = pick();
        s.activation_grace_days = pick();
        s.service_grace_days = pick();
        s.other_grace_days = pick();
        s.purchase_nodes = vec![PurchaseNode { day: pick(), window_days: pick(), method: ContactMethod::Phone }];
        s.sampling = Sampling {
            enabled: true,
            customers_min: pick(),
            customers_max: pick(),
            repair_percent: pick(),
            complaint_percent: pick(),
            window_days: pick(),
        };
        let tiers = TierSettings::default();
        let input = ScheduleInput::new(&demo.customers, &demo.visits, &s, &tiers, &tier_of, today);
        let items = schedule(&input, DateRange::new(today, add_days(today, 41)));
        let settings = PlanSettings { capacity: pick(), pull_step: pick(), ..PlanSettings::default() };
        let p = plan(&PlanInput {
            items: &items,
            today,
            days: 42,
            contacted_today: &|_| false,
            value: &|_| 0.0,
            settings: &settings,
            extra_today: 0,
        });
        assert!(p.today().len() <= settings.capacity.max(1) as usize);
    }
}
