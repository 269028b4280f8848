//! The demo data set: 30 customers of a small home-appliance and water-purifier shop, with two
//! years of purchases, services, a few complaints and visits, so that a new user can try every
//! page before entering their own customers. Every record carries `demo: true`: the app offers
//! the set only while the book is empty and removes it in one step.
//!
//! The generator is deterministic: the same `today` gives the same data (dates are relative to
//! it, so the set always looks current). [`synthetic_book`] makes large books for benchmarks.

use crate::domain::customer::{
    Birthday, ContactMethod, Customer, Honorific, Id, NeedType, Purchase, ServiceEvent, ServiceEventKind, Severity,
};
use crate::domain::date::add_days;
use crate::domain::money::Money;
use crate::domain::rng::SplitMix as Rng;
use crate::domain::scenario::Scenario;
use crate::domain::visit::{Outcome, Visit};
use chrono::{Datelike, NaiveDate};

/// A mobile number of a Chinese carrier's prefix.
fn phone(rng: &mut Rng) -> String {
    let prefix = *rng.pick(&["135", "136", "138", "139", "150", "152", "158", "186", "187", "189", "177", "199"]);
    format!("{prefix}{:08}", rng.range(0, 99_999_999))
}

/// (product, lowest price, highest price) in yuan.
const PRODUCTS: &[(&str, i64, i64)] = &[
    ("净水器", 1980, 4680),
    ("滤芯套装", 299, 680),
    ("空气净化器", 1299, 3999),
    ("扫地机器人", 1599, 4299),
    ("洗碗机", 2999, 6999),
    ("电热水器", 1299, 2999),
    ("燃气灶", 899, 2499),
    ("油烟机", 1999, 4999),
    ("延保服务", 199, 599),
    ("软水机", 3999, 8999),
];

const SMALL_PRODUCTS: &[(&str, i64, i64)] =
    &[("滤芯套装", 129, 299), ("清洁配件", 39, 129), ("除垢剂", 29, 89), ("延保服务", 99, 199)];

/// (name, honorific, how this customer buys): the mix gives every tier a few customers.
const PEOPLE: &[(&str, Honorific, Profile)] = &[
    ("张伟", Honorific::Mr, Profile::Top),
    ("王芳", Honorific::Ms, Profile::Regular),
    ("李娜", Honorific::Ms, Profile::Top),
    ("刘洋", Honorific::Mr, Profile::Occasional),
    ("陈静", Honorific::Ms, Profile::Regular),
    ("杨帆", Honorific::Mr, Profile::Light),
    ("赵敏", Honorific::Ms, Profile::Occasional),
    ("黄磊", Honorific::Mr, Profile::Regular),
    ("周婷", Honorific::Ms, Profile::New),
    ("吴强", Honorific::Mr, Profile::Light),
    ("徐丽", Honorific::Ms, Profile::Top),
    ("孙浩", Honorific::Mr, Profile::Occasional),
    ("马超", Honorific::Mr, Profile::Light),
    ("朱琳", Honorific::Ms, Profile::Regular),
    ("胡军", Honorific::Mr, Profile::Occasional),
    ("郭晓燕", Honorific::Ms, Profile::Light),
    ("何志明", Honorific::Mr, Profile::Regular),
    ("高雪", Honorific::Ms, Profile::New),
    ("林建国", Honorific::Mr, Profile::Top),
    ("罗敏", Honorific::Ms, Profile::Occasional),
    ("郑凯", Honorific::Mr, Profile::Light),
    ("梁静怡", Honorific::Ms, Profile::Regular),
    ("谢宇", Honorific::Mr, Profile::Occasional),
    ("宋佳", Honorific::Ms, Profile::Light),
    ("唐明", Honorific::Mr, Profile::Regular),
    ("许晴", Honorific::Ms, Profile::Occasional),
    ("韩冰", Honorific::Ms, Profile::New),
    ("冯德华", Honorific::Mr, Profile::Light),
    ("单雪梅", Honorific::Ms, Profile::Occasional),
    ("曾志强", Honorific::Mr, Profile::Regular),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Profile {
    /// Several large purchases a month and in touch every week: Diamond.
    Top,
    /// About one large purchase a month, in touch now and then: Gold.
    Regular,
    /// A few purchases a year: Silver.
    Occasional,
    /// Small purchases long ago: Basic.
    Light,
    /// Registered in the last weeks: Basic, due for activation.
    New,
}

const SOURCES: &[&str] = &["门店到访", "老客户介绍", "线上商城", "家装展会", "电话咨询", "小区推广"];
const TAGS: &[&str] =
    &["关注促销", "常购滤芯", "注重售后", "价格敏感", "喜欢新品", "装修中", "有老人小孩", "团购带头人"];
const TIMES: &[&str] = &["工作日晚上", "周末上午", "午休时间", "随时", "工作日白天"];
const STREETS: &[&str] = &["建设路", "人民路", "中山路", "解放大道", "滨江路", "文化路", "光明街"];
const DISTRICTS: &[&str] = &["武侯区", "锦江区", "青羊区", "高新区", "成华区"];
const NOTES: &[&str] = &[
    "家里有两个孩子，关心水质。",
    "上次安装师傅评价很好。",
    "只接受微信联系，电话常不方便接。",
    "对价格比较在意，等活动再买。",
    "",
    "",
];

/// The demo records, all marked `demo: true`.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoData {
    pub customers: Vec<Customer>,
    pub visits: Vec<Visit>,
}

/// The demo data set as of `today`.
pub fn demo_book(today: NaiveDate) -> DemoData {
    let mut rng = Rng::new(0x4855_4946_414E_4721);
    let at_nine = today.and_hms_opt(9, 0, 0).unwrap_or_default();
    let mut customers = Vec::with_capacity(PEOPLE.len());
    let mut visits = Vec::new();
    for (n, (name, honorific, profile)) in PEOPLE.iter().enumerate() {
        let id: Id = format!("demo-c{:02}", n + 1).into();
        let registered_on = match profile {
            Profile::New => add_days(today, -rng.range(3, 12)),
            _ => add_days(today, -rng.range(400, 720)),
        };
        let mut c = Customer {
            id: id.clone(),
            name: (*name).to_string(),
            honorific: *honorific,
            phones: vec![phone(&mut rng)],
            registered_on,
            source: (*rng.pick(SOURCES)).to_string(),
            need: match n % 5 {
                0 | 3 => NeedType::Essential,
                1 => NeedType::Improvement,
                _ => NeedType::Trial,
            },
            demo: true,
            created_at: at_nine,
            updated_at: at_nine,
            ..Customer::default()
        };
        // Improvement buyers score a point more; keep the light ones Basic.
        if matches!(profile, Profile::Light | Profile::New) && c.need == NeedType::Improvement {
            c.need = NeedType::Essential;
        }
        if n % 4 == 1 {
            c.phones.push(format!("028-{}", rng.range(8000_0000, 8999_9999)));
        }
        if rng.percent(60) {
            c.wechat = format!("wx_{}{}", ["zhang", "wang", "li", "liu", "chen"][n % 5], rng.range(100, 9999));
        }
        if rng.percent(35) {
            c.email = format!("customer{:02}@example.com", n + 1);
        }
        c.address = format!("成都市{}{}{}号", rng.pick(DISTRICTS), rng.pick(STREETS), rng.range(1, 300));
        if n % 3 != 2 {
            let year = today.year() - rng.range(24, 62) as i32;
            let date = NaiveDate::from_ymd_opt(year, rng.range(1, 12) as u32, rng.range(1, 28) as u32);
            c.birthday = date.map(|date| Birthday { date, lunar: n % 7 == 3 });
        }
        let tag_count = rng.range(0, 3);
        for _ in 0..tag_count {
            let tag = (*rng.pick(TAGS)).to_string();
            if !c.tags.contains(&tag) {
                c.tags.push(tag);
            }
        }
        if rng.percent(50) {
            c.preferred_method = Some(*rng.pick(&[ContactMethod::Phone, ContactMethod::WeChat, ContactMethod::Sms]));
            c.preferred_time = (*rng.pick(TIMES)).to_string();
        }
        c.notes = (*rng.pick(NOTES)).to_string();

        let (count, span_days, catalogue, recent) = match profile {
            Profile::Top => (rng.range(34, 44), 360, PRODUCTS, 3),
            Profile::Regular => (rng.range(10, 13), 360, PRODUCTS, 1),
            Profile::Occasional => (rng.range(2, 4), 700, PRODUCTS, 0),
            Profile::Light => (rng.range(0, 3), 700, SMALL_PRODUCTS, 0),
            Profile::New => (1, 0, PRODUCTS, 0),
        };
        for p in 0..count {
            let date = if *profile == Profile::New {
                registered_on
            } else {
                // Spread over the span, none in the last 40 days: recent activity comes below.
                let slot = span_days * (p + 1) / (count + 1);
                add_days(today, -(40 + slot.min(span_days - 40)) + rng.range(-3, 3)).max(registered_on)
            };
            let (product, lo, hi) = *rng.pick(catalogue);
            let amount = Money::from_yuan(rng.range(lo, hi) / 10 * 10 - if rng.percent(50) { 1 } else { 0 });
            c.purchases.push(Purchase {
                id: format!("{id}-p{}", p + 1).into(),
                date,
                amount,
                product: product.to_string(),
                note: String::new(),
            });
        }
        for r in 0..recent {
            let (product, lo, hi) = *rng.pick(&PRODUCTS[..4]);
            c.purchases.push(Purchase {
                id: format!("{id}-r{}", r + 1).into(),
                date: add_days(today, -rng.range(2, 25)),
                amount: Money::from_yuan(rng.range(lo.max(1000), hi)),
                product: product.to_string(),
                note: String::new(),
            });
        }
        if matches!(profile, Profile::Top | Profile::Regular) {
            c.events.push(ServiceEvent {
                id: format!("{id}-e1").into(),
                date: add_days(today, -rng.range(60, 200)),
                kind: if n % 2 == 0 { ServiceEventKind::ServiceDone } else { ServiceEventKind::RepairDone },
                note: "上门清洗保养".into(),
            });
        }
        customers.push(c);
    }

    // The histories a follow-up agent meets: a major complaint settled, a general one still open,
    // an incident, a 29 February birthday, a customer who asked not to be called.
    let complaint_day = add_days(today, -9);
    if let Some(c) = customers.get_mut(3) {
        c.events.push(ServiceEvent {
            id: "demo-c04-k1".into(),
            date: complaint_day,
            kind: ServiceEventKind::ComplaintRaised { severity: Severity::Major },
            note: "净水器安装后漏水，地板泡水。".into(),
        });
        c.events.push(ServiceEvent {
            id: "demo-c04-k1r".into(),
            date: add_days(complaint_day, 2),
            kind: ServiceEventKind::ComplaintResolved { complaint: "demo-c04-k1".into() },
            note: "更换接头，赔偿地板清洁费。".into(),
        });
    }
    if let Some(c) = customers.get_mut(6) {
        c.events.push(ServiceEvent {
            id: "demo-c07-k1".into(),
            date: add_days(today, -2),
            kind: ServiceEventKind::ComplaintRaised { severity: Severity::General },
            note: "送货比约定晚了半天。".into(),
        });
    }
    if let Some(c) = customers.get_mut(14) {
        c.events.push(ServiceEvent {
            id: "demo-c15-i1".into(),
            date: add_days(today, -1),
            kind: ServiceEventKind::IncidentHandled,
            note: "热水器漏电保护跳闸，已上门检修。".into(),
        });
    }
    if let Some(c) = customers.get_mut(9) {
        c.birthday = Some(Birthday { date: NaiveDate::from_ymd_opt(1992, 2, 29).unwrap_or_default(), lunar: false });
    }
    if let Some(c) = customers.get_mut(12) {
        c.do_not_contact = true;
        c.notes = "本人要求不要电话回访。".into();
    }

    // The book is in progress: the follow-ups of the last months were mostly done, so Today
    // shows a realistic day rather than a backlog.
    visits.extend(work_done(&customers, today));
    if let Some(c) = customers.get(16) {
        let at = add_days(today, -4).and_hms_opt(15, 10, 0).unwrap_or_default();
        visits.push(Visit {
            id: "demo-v-noanswer".into(),
            customer_id: c.id.clone(),
            scenario: Scenario::Care,
            method: ContactMethod::Phone,
            at,
            outcome: Outcome::NoAnswer,
            demo: true,
            created_at: at,
            updated_at: at,
            ..Visit::default()
        });
    }
    DemoData { customers, visits }
}

/// How far back the demo's follow-ups were done.
const DONE_DAYS: i64 = 180;

/// What a said on a call, by scenario.
fn content(scenario: Scenario) -> &'static str {
    match scenario {
        Scenario::Activation => "新客户回访：讲解了使用方法，客户表示会用了。",
        Scenario::PostPurchase => "购买后回访：使用正常，客户满意。",
        Scenario::AfterService => "服务后回访：师傅准时上门，问题已解决。",
        Scenario::ComplaintHandling | Scenario::ComplaintFollowUp => "投诉回访：客户确认问题已处理。",
        Scenario::Birthday => "发送生日祝福短信。",
        Scenario::Holiday => "发送节日问候短信。",
        Scenario::QualitySampling => "抽样回访：服务评价良好。",
        _ => "客户反馈使用正常，对服务满意。",
    }
}

/// The visits an agent made over the last months: every follow-up whose window opened before
/// the last two days was done on its first day or soon after, by the method it asked for, most
/// of them reaching the customer; about one in twelve of the older ones that can lapse was never
/// done (so the reports show a few missed). Repeated until nothing more falls due: each care call
/// moves the next one.
fn work_done(customers: &[Customer], today: NaiveDate) -> Vec<Visit> {
    use crate::domain::schedule::{DateRange, ScheduleInput, ScheduleSettings, schedule};
    use crate::domain::tier::TierSettings;
    let settings = ScheduleSettings::default();
    let tiers = TierSettings::default();
    let assessed = crate::domain::tiering::assess_all(customers, &[], &tiers, today);
    let tier_of = |c: &Customer| assessed.get(&c.id).map_or(crate::domain::tier::Tier::Basic, |a| a.effective);
    let range = DateRange::new(add_days(today, -DONE_DAYS), add_days(today, -3));
    let mut visits: Vec<Visit> = Vec::new();
    let mut left: Vec<crate::domain::schedule::MergedKey> = Vec::new();
    let mut rng = Rng::new(0x444F_4E45_5F57_4F52);
    for _ in 0..40 {
        let input = ScheduleInput::new(customers, &visits, &settings, &tiers, &tier_of, add_days(today, -3));
        let due: Vec<_> = schedule(&input, range)
            .into_iter()
            .filter(|i| i.is_open() && i.earliest <= range.to && !left.contains(&i.key))
            .collect();
        if due.is_empty() {
            break;
        }
        for item in due {
            let lapses = !matches!(
                item.scenario,
                Scenario::ComplaintHandling | Scenario::ComplaintFollowUp | Scenario::Incident | Scenario::Care
            );
            // Only long-ended ones are missed: a recent one left undone would be late work today.
            if lapses && item.latest < add_days(today, -30) && rng.percent(8) {
                left.push(item.key);
                continue;
            }
            let day = add_days(item.earliest.max(range.from), rng.range(0, 1)).min(item.latest.max(item.earliest));
            let at = day.and_hms_opt(rng.range(9, 18) as u32, rng.range(0, 5) as u32 * 10, 0).unwrap_or_default();
            let n = visits.len();
            visits.push(Visit {
                id: format!("demo-w{n:03}").into(),
                customer_id: item.customer_id.clone(),
                item_key: Some(item.key.clone()),
                scenario: item.scenario,
                method: item.method,
                at,
                outcome: Outcome::Reached,
                content: content(item.scenario).into(),
                satisfaction: matches!(item.method, ContactMethod::Phone | ContactMethod::OnSite)
                    .then(|| if rng.percent(80) { 5 } else { 4 }),
                complaint_settled: item.scenario == Scenario::ComplaintFollowUp,
                signature: if item.method == ContactMethod::OnSite {
                    crate::domain::visit::SignatureState::Missing { reason: "客户不方便签字".into() }
                } else {
                    crate::domain::visit::SignatureState::NotNeeded
                },
                demo: true,
                created_at: at,
                updated_at: at,
                ..Visit::default()
            });
        }
    }
    visits
}

/// A book of `n` plausible customers (not demo), for benchmarks and load tests.
pub fn synthetic_book(n: usize, today: NaiveDate) -> Vec<Customer> {
    const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单";
    const GIVEN: &str = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽";
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let mut rng = Rng::new(0x5EED_0000_0000_0001);
    (0..n)
        .map(|i| {
            let mut name = String::new();
            name.push(*rng.pick(&surnames));
            for _ in 0..rng.range(1, 2) {
                name.push(*rng.pick(&given));
            }
            let mut c = Customer {
                id: format!("s{i:05}").into(),
                rev: 1,
                name,
                honorific: if rng.percent(50) { Honorific::Mr } else { Honorific::Ms },
                phones: vec![format!("1{}{:09}", rng.range(3, 9), i * 7919 % 1_000_000_000)],
                registered_on: add_days(today, -rng.range(1, 1500)),
                need: *rng.pick(&NeedType::ALL),
                ..Customer::default()
            };
            if rng.percent(40) {
                c.tags.push((*rng.pick(TAGS)).to_string());
            }
            for p in 0..rng.range(0, 8) {
                let (product, lo, hi) = *rng.pick(PRODUCTS);
                c.purchases.push(Purchase {
                    id: format!("s{i:05}-p{p}").into(),
                    date: add_days(today, -rng.range(0, 700)).max(c.registered_on),
                    amount: Money::from_yuan(rng.range(lo, hi)),
                    product: product.to_string(),
                    note: String::new(),
                });
            }
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tier::{Tier, TierSettings};
    use crate::domain::tiering;
    use std::collections::HashSet;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 3).unwrap()
    }

    #[test]
    fn the_demo_set_is_the_same_every_time_for_the_same_day() {
        assert_eq!(demo_book(today()), demo_book(today()));
    }

    #[test]
    fn the_demo_set_has_thirty_demo_customers_with_unique_ids_and_phones() {
        let data = demo_book(today());
        assert_eq!(data.customers.len(), 30);
        assert!(data.customers.iter().all(|c| c.demo));
        assert!(data.visits.iter().all(|v| v.demo));
        let ids: HashSet<_> = data.customers.iter().map(|c| &c.id).collect();
        assert_eq!(ids.len(), 30);
        let phones: HashSet<_> = data.customers.iter().flat_map(|c| &c.phones).collect();
        assert_eq!(phones.len(), data.customers.iter().map(|c| c.phones.len()).sum::<usize>());
    }

    #[test]
    fn the_demo_set_shows_every_tier_with_the_default_thresholds() {
        let data = demo_book(today());
        let all = tiering::assess_all(&data.customers, &data.visits, &TierSettings::default(), today());
        let counts = tiering::tier_counts(all.values());
        for tier in Tier::ALL {
            assert!(counts[tier.index()] >= 3, "{tier:?}: {counts:?}");
        }
    }

    #[test]
    fn the_demo_set_has_the_histories_an_agent_meets() {
        let data = demo_book(today());
        let c = &data.customers;
        assert!(c.iter().any(|c| c.birthday.is_some_and(|b| b.lunar)), "a lunar birthday");
        assert!(c.iter().any(|c| c.birthday.is_some_and(|b| b.date.month() == 2 && b.date.day() == 29)), "29 Feb");
        assert!(c.iter().any(|c| !c.open_complaints().is_empty()), "an open complaint");
        assert!(
            c.iter().any(|c| c.events.iter().any(|e| matches!(e.kind, ServiceEventKind::ComplaintResolved { .. })))
        );
        assert!(c.iter().any(|c| c.events.iter().any(|e| e.kind == ServiceEventKind::IncidentHandled)));
        assert!(c.iter().any(|c| c.do_not_contact));
        assert!(c.iter().all(|c| c.purchases.iter().all(|p| p.date <= today() && p.date >= c.registered_on)));
        let total: usize = c.iter().map(|c| c.purchases.len()).sum();
        assert!(total > 150, "two years of purchases: {total}");
    }

    #[test]
    fn the_demo_book_is_in_progress_so_today_is_a_realistic_day_with_a_complaint() {
        use crate::domain::plan::{PlanInput, PlanSettings, plan};
        use crate::domain::schedule::{DateRange, ScheduleInput, ScheduleSettings, schedule};
        for day in
            [today(), NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(), NaiveDate::from_ymd_opt(2027, 2, 10).unwrap()]
        {
            let data = demo_book(day);
            let tiers = TierSettings::default();
            let assessed = tiering::assess_all(&data.customers, &data.visits, &tiers, day);
            let tier_of = |c: &Customer| assessed.get(&c.id).map_or(Tier::Basic, |a| a.effective);
            let settings = ScheduleSettings::default();
            let input = ScheduleInput::new(&data.customers, &data.visits, &settings, &tiers, &tier_of, day);
            let items = schedule(&input, DateRange::new(day, add_days(day, 6)));
            let p = plan(&PlanInput {
                items: &items,
                today: day,
                days: 7,
                contacted_today: &|_| false,
                value: &|_| 0.0,
                settings: &PlanSettings::default(),
                extra_today: 0,
            });
            let n = p.today().len();
            assert!((8..=20).contains(&n), "{day}: {n} contacts today");
            assert!(
                p.today().iter().any(|c| c
                    .items
                    .iter()
                    .any(|i| matches!(i.scenario, Scenario::ComplaintHandling | Scenario::ComplaintFollowUp))),
                "{day}: a complaint among them"
            );
            assert!(p.today().iter().filter(|c| c.is_late()).count() <= 3, "{day}: not a backlog");
        }
    }

    #[test]
    fn a_synthetic_book_has_the_size_asked_and_unique_ids() {
        let book = synthetic_book(500, today());
        assert_eq!(book.len(), 500);
        assert_eq!(book.iter().map(|c| &c.id).collect::<HashSet<_>>().len(), 500);
    }
}
