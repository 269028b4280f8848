//! Realistic data sets for measuring the app at scale (issue 8): a home-appliance shop's customer
//! book with years of purchases, services and complaints, and the visits made to them, with
//! satisfaction scores, feedback items and some on-site signatures.
//!
//! [`generate`] is a pure function of the number of customers, a seed and "today": the same three
//! give the same data on every machine (a SplitMix64 generator, no crate). The host command
//! `cargo run --release --bin huifang-data -- --size medium --seed 1 > target/data/medium.json`
//! writes it in the exchange format, so the app's normal import loads it; the benchmarks
//! (`benches/scale.rs`) and the browser benchmark (`tests/e2e/bench.rs`) call it directly.
//!
//! Shape, per customer on average: 3 purchases, 1 service event, 10 visits (about 500,000 for
//! [`Size::Large`]). The first customer ([`LONG_TIMELINE_ID`]) has [`LONG_TIMELINE_VISITS`]
//! visits: the "customer with a long timeline" the browser benchmark opens.

use crate::domain::customer::{
    Birthday, ContactMethod, Customer, Honorific, Id, NeedType, Purchase, ServiceEvent, ServiceEventKind, Severity,
};
use crate::domain::dataset::Dataset;
use crate::domain::date::add_days;
use crate::domain::money::Money;
use crate::domain::rng::SplitMix as Rng;
use crate::domain::scenario::Scenario;
use crate::domain::tiering;
use crate::domain::visit::{
    FeedbackItem, FeedbackKind, FeedbackStatus, Outcome, Priority, Review, SatisfactionLevel, Signature,
    SignatureState, Verdict, Visit,
};
use chrono::NaiveDate;

/// The three sizes the targets of issue 8 talk about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Size {
    /// 500 customers: a small shop.
    Small,
    /// 5,000 customers: the size every target is set for.
    Medium,
    /// 50,000 customers, about 500,000 visits: the app must still open.
    Large,
}

impl Size {
    pub const ALL: [Size; 3] = [Size::Small, Size::Medium, Size::Large];

    pub fn customers(self) -> usize {
        match self {
            Size::Small => 500,
            Size::Medium => 5_000,
            Size::Large => 50_000,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Size::Small => "small",
            Size::Medium => "medium",
            Size::Large => "large",
        }
    }

    /// `small`, `medium`, `large`, or the number of customers they stand for.
    pub fn parse(input: &str) -> Option<Size> {
        let input = input.trim().to_ascii_lowercase();
        Size::ALL.into_iter().find(|s| s.name() == input || s.customers().to_string() == input)
    }
}

/// The id of the customer with the long timeline (always the first customer).
pub const LONG_TIMELINE_ID: &str = "g000000";
/// How many visits that customer has (about five years of weekly calls).
pub const LONG_TIMELINE_VISITS: usize = 300;

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于",
    "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆",
    "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "段",
    "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "武", "戴", "孔", "汤",
    "欧阳", "司马", "诸葛", "上官",
];
const GIVEN_MALE: &[&str] = &[
    "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华", "飞", "鑫", "波", "斌",
    "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "阳", "建国", "志明", "志强", "德华", "海涛",
    "文博", "子轩", "浩然", "宇航", "俊杰", "国庆", "建华", "永刚", "晓东", "立新",
];
const GIVEN_FEMALE: &[&str] = &[
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "琳", "洁", "倩", "颖", "慧", "莉", "红",
    "梅", "蕾", "欣", "怡", "佳", "晶", "秀英", "桂兰", "晓燕", "丽华", "雪梅", "静怡", "梓涵", "雨欣", "思琪", "欣怡",
    "佳琪", "美玲", "淑珍", "春梅", "海燕", "婉婷",
];
const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157",
    "158", "159", "166", "170", "173", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189",
    "191", "198", "199",
];
const MAIL_DOMAINS: &[&str] = &["qq.com", "163.com", "126.com", "sina.com", "outlook.com", "foxmail.com"];
const CITIES: &[&str] =
    &["杭州市西湖区", "杭州市拱墅区", "宁波市鄞州区", "绍兴市越城区", "嘉兴市南湖区", "湖州市吴兴区"];
const STREETS: &[&str] = &["文一路", "建设路", "人民路", "中山路", "解放大道", "滨江路", "文化路", "光明街", "学院路"];
const COMMUNITIES: &[&str] = &["阳光花园", "金色家园", "翠苑", "锦绣城", "江南名府", "和睦新村", "星河湾"];
const SOURCES: &[&str] = &["门店到访", "老客户介绍", "线上商城", "家装展会", "电话咨询", "小区推广", "团购"];
const TAGS: &[&str] =
    &["关注促销", "常购滤芯", "注重售后", "价格敏感", "喜欢新品", "装修中", "有老人小孩", "团购带头人", "企业客户"];
const TIMES: &[&str] = &["工作日晚上", "周末上午", "午休时间", "随时", "工作日白天", "下午三点后"];
const AGENTS: &[&str] = &["小周", "小林", "王晓丽", "陈杰", "刘敏"];
const SUPERVISORS: &[&str] = &["赵主管", "孙经理"];
const DEPARTMENTS: &[&str] = &["售后服务部", "安装部", "客服中心", "仓储物流", "市场部"];

/// (product, lowest price, highest price) in yuan.
const PRODUCTS: &[(&str, i64, i64)] = &[
    ("净水器", 1980, 4680),
    ("空气净化器", 1299, 3999),
    ("扫地机器人", 1599, 4299),
    ("洗碗机", 2999, 6999),
    ("电热水器", 1299, 2999),
    ("燃气灶", 899, 2499),
    ("油烟机", 1999, 4999),
    ("软水机", 3999, 8999),
];
const SMALL_PRODUCTS: &[(&str, i64, i64)] =
    &[("滤芯套装", 129, 680), ("清洁配件", 39, 129), ("除垢剂", 29, 89), ("延保服务", 99, 599)];

const REACHED_NOTES: &[&str] = &[
    "客户表示使用正常，出水量稳定。",
    "客户对安装师傅的服务很满意，已提醒三个月后更换滤芯。",
    "客户反映噪音比刚买时大，已登记并安排检查。",
    "客户询问以旧换新活动，已发送活动说明。",
    "客户近期出差，约定下周再联系。",
    "客户家里老人使用不太习惯，已再次讲解操作。",
    "客户对价格有意见，说明了延保和滤芯优惠。",
    "客户推荐了一位邻居，已记录联系方式。",
    "客户表示暂时没有新的需求。",
    "回访确认维修后设备运行正常。",
];
const REFUSED_NOTES: &[&str] = &["客户表示正在忙，不方便接听。", "客户不希望被打扰，已记录。"];
const MISSING_SIGNATURE: &[&str] = &["客户不在家，由家人接待", "客户不愿签字", "设备故障，改天补签"];
/// (kind, category, text).
const FEEDBACK: &[(FeedbackKind, &str, &str)] = &[
    (FeedbackKind::FollowUp, "噪音", "设备运行时噪音偏大，希望上门检查。"),
    (FeedbackKind::FollowUp, "漏水", "接口处有轻微渗水。"),
    (FeedbackKind::FollowUp, "配件", "滤芯到货时间太长。"),
    (FeedbackKind::FollowUp, "安装", "安装位置不理想，希望调整。"),
    (FeedbackKind::PotentialNeed, "新品", "有意购买空气净化器，想了解型号。"),
    (FeedbackKind::PotentialNeed, "以旧换新", "家里热水器用了十年，想换新的。"),
    (FeedbackKind::PotentialNeed, "延保", "想给净水器买延保。"),
    (FeedbackKind::Suggestion, "服务", "希望上门前提前一小时电话通知。"),
    (FeedbackKind::Suggestion, "说明书", "说明书字太小，老人看不清。"),
];

/// How a customer buys; the mix gives every tier a share.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Habit {
    Heavy,
    Regular,
    Occasional,
    Light,
}

/// Generates a book of `customers` customers (see the module documentation), deterministic in
/// `seed`. Nothing is dated after `today`, and nothing of a customer before they registered.
pub fn generate(customers: usize, seed: u64, today: NaiveDate) -> Dataset {
    let mut rng = Rng::new(seed ^ 0x4855_4946_414E_4721);
    let mut data = Dataset {
        customers: Vec::with_capacity(customers),
        visits: Vec::with_capacity(customers * 10),
        ..Dataset::default()
    };
    for i in 0..customers {
        let customer = customer(&mut rng, i, today);
        let visit_count = if i == 0 {
            LONG_TIMELINE_VISITS
        } else {
            match rng.range(0, 9) {
                0 => rng.range(0, 2),
                1..=6 => rng.range(5, 14),
                _ => rng.range(12, 22),
            }
            .max(0) as usize
        };
        visits(&mut rng, &customer, visit_count, today, &mut data);
        data.customers.push(customer);
    }
    // Stored as the app keeps a book: each customer's tier recorded, with its history entry.
    // Without this, the first load would rewrite every customer (the tier sync), which measures a
    // one-off migration instead of a reload.
    let assessed = tiering::assess_all(&data.customers, &data.visits, &data.settings.tiers, today);
    for c in &mut data.customers {
        if let Some(assessment) = assessed.get(&c.id) {
            tiering::record(c, None, assessment, today);
        }
    }
    data
}

fn habit(rng: &mut Rng) -> Habit {
    match rng.range(0, 99) {
        0..=7 => Habit::Heavy,
        8..=29 => Habit::Regular,
        30..=64 => Habit::Occasional,
        _ => Habit::Light,
    }
}

fn customer(rng: &mut Rng, i: usize, today: NaiveDate) -> Customer {
    let id: Id = format!("g{i:06}").into();
    let male = rng.per_mille(10 * 48);
    let surname = *rng.pick(SURNAMES);
    let given = if male { *rng.pick(GIVEN_MALE) } else { *rng.pick(GIVEN_FEMALE) };
    let name = format!("{surname}{given}");
    // Registration over the last five years, more of them recent (the shop grows).
    let age_days = if i == 0 { 1800 } else { rng.range(0, 1825).min(rng.range(0, 1825) + rng.range(0, 400)) };
    let registered_on = add_days(today, -age_days);
    let mut phones = vec![phone(rng)];
    if rng.per_mille(10 * 10) {
        phones.push(phone(rng));
    }
    let mut tags = Vec::new();
    for _ in 0..rng.range(0, 2) {
        let tag = (*rng.pick(TAGS)).to_string();
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let created_at = registered_on.and_hms_opt(rng.range(9, 19) as u32, rng.range(0, 59) as u32, 0).unwrap_or_default();
    let mut c = Customer {
        id: id.clone(),
        rev: 1,
        name,
        honorific: match rng.range(0, 9) {
            0 => Honorific::None,
            _ if male => Honorific::Mr,
            _ => Honorific::Ms,
        },
        phones,
        email: if rng.per_mille(10 * 30) {
            format!("{}{}@{}", if male { "m" } else { "f" }, 10_000 + i * 7, rng.pick(MAIL_DOMAINS))
        } else {
            String::new()
        },
        wechat: if rng.per_mille(10 * 45) {
            format!("wx_{}{:04}", rng.pick(&["home", "life", "sun", "lucky"]), i % 10_000)
        } else {
            String::new()
        },
        address: format!(
            "{}{}{}号{}{}幢{}室",
            rng.pick(CITIES),
            rng.pick(STREETS),
            rng.range(1, 399),
            rng.pick(COMMUNITIES),
            rng.range(1, 30),
            rng.range(101, 2604)
        ),
        birthday: if rng.per_mille(10 * 70) {
            NaiveDate::from_ymd_opt(rng.range(1950, 2002) as i32, rng.range(1, 12) as u32, rng.range(1, 28) as u32)
                .map(|date| Birthday { date, lunar: rng.per_mille(10 * 15) })
        } else {
            None
        },
        registered_on,
        source: (*rng.pick(SOURCES)).to_string(),
        tags,
        need: *rng.pick(&NeedType::ALL),
        preferred_method: match rng.range(0, 9) {
            0..=4 => None,
            5..=7 => Some(ContactMethod::Phone),
            8 => Some(ContactMethod::WeChat),
            _ => Some(ContactMethod::Sms),
        },
        preferred_time: if rng.per_mille(10 * 40) { (*rng.pick(TIMES)).to_string() } else { String::new() },
        do_not_contact: rng.per_mille(15),
        notes: if rng.per_mille(10 * 10) { "老客户，沟通时语速放慢。".to_string() } else { String::new() },
        created_at,
        updated_at: created_at,
        ..Customer::default()
    };
    let habit = if i == 0 { Habit::Heavy } else { habit(rng) };
    let purchases = match habit {
        Habit::Heavy => rng.range(6, 14),
        Habit::Regular => rng.range(3, 6),
        Habit::Occasional => rng.range(1, 3),
        Habit::Light => rng.range(0, 1),
    };
    for p in 0..purchases {
        let (product, lo, hi) =
            if p == 0 || rng.per_mille(10 * 40) { *rng.pick(PRODUCTS) } else { *rng.pick(SMALL_PRODUCTS) };
        let date = if p == 0 { registered_on } else { add_days(registered_on, rng.range(0, age_days)) };
        c.purchases.push(Purchase {
            id: format!("{id}-p{p}").into(),
            date,
            amount: Money::from_yuan(rng.range(lo, hi)),
            product: product.to_string(),
            note: String::new(),
        });
    }
    c.purchases.sort_by_key(|p| p.date);
    for e in 0..rng.range(0, 3) {
        let date = add_days(registered_on, rng.range(0, age_days));
        let event_id: Id = format!("{id}-e{e}").into();
        let kind = match rng.range(0, 9) {
            0..=3 => ServiceEventKind::ServiceDone,
            4..=6 => ServiceEventKind::RepairDone,
            7 => ServiceEventKind::IncidentHandled,
            _ => ServiceEventKind::ComplaintRaised {
                severity: *rng.pick(&[Severity::General, Severity::General, Severity::Important, Severity::Major]),
            },
        };
        let complaint = matches!(kind, ServiceEventKind::ComplaintRaised { .. });
        c.events.push(ServiceEvent { id: event_id.clone(), date, kind, note: String::new() });
        if complaint {
            let resolved = add_days(date, rng.range(1, 6));
            if resolved <= today && rng.per_mille(10 * 85) {
                c.events.push(ServiceEvent {
                    id: format!("{id}-e{e}r").into(),
                    date: resolved,
                    kind: ServiceEventKind::ComplaintResolved { complaint: event_id.clone() },
                    note: String::new(),
                });
                let settled = add_days(resolved, rng.range(1, 10));
                if settled <= today && rng.per_mille(10 * 70) {
                    c.events.push(ServiceEvent {
                        id: format!("{id}-e{e}s").into(),
                        date: settled,
                        kind: ServiceEventKind::ComplaintSettled { complaint: event_id },
                        note: String::new(),
                    });
                }
            }
        }
    }
    c.events.sort_by_key(|e| e.date);
    c
}

fn phone(rng: &mut Rng) -> String {
    format!("{}{:08}", rng.pick(MOBILE_PREFIXES), rng.range(0, 99_999_999))
}

fn visits(rng: &mut Rng, c: &Customer, count: usize, today: NaiveDate, data: &mut Dataset) {
    let span = (today - c.registered_on).num_days().max(0);
    let mut days: Vec<i64> = (0..count).map(|_| rng.range(0, span)).collect();
    days.sort_unstable();
    for (n, day) in days.into_iter().enumerate() {
        let date = add_days(c.registered_on, day);
        let id: Id = format!("{}-v{n:03}", c.id).into();
        let method = match rng.range(0, 19) {
            0..=12 => ContactMethod::Phone,
            13..=14 => ContactMethod::WeChat,
            15 => ContactMethod::Sms,
            16 => ContactMethod::Questionnaire,
            _ => ContactMethod::OnSite,
        };
        let outcome = match rng.range(0, 99) {
            0..=69 => Outcome::Reached,
            70..=88 => Outcome::NoAnswer,
            89..=91 => Outcome::Refused,
            _ => Outcome::Rescheduled,
        };
        let at = date.and_hms_opt(rng.range(9, 20) as u32, rng.range(0, 59) as u32, 0).unwrap_or_default();
        let mut v = Visit {
            id: id.clone(),
            rev: 1,
            customer_id: c.id.clone(),
            scenario: *rng.pick(&[
                Scenario::Care,
                Scenario::Care,
                Scenario::Care,
                Scenario::PostPurchase,
                Scenario::PostPurchase,
                Scenario::Activation,
                Scenario::AfterService,
                Scenario::Birthday,
                Scenario::Holiday,
                Scenario::ComplaintFollowUp,
                Scenario::Manual,
            ]),
            method,
            at,
            outcome,
            agent: (*rng.pick(AGENTS)).to_string(),
            created_at: at,
            updated_at: at,
            ..Visit::default()
        };
        match outcome {
            Outcome::Reached => {
                v.content = (*rng.pick(REACHED_NOTES)).to_string();
                let score = match rng.range(0, 99) {
                    0..=44 => 5,
                    45..=79 => 4,
                    80..=91 => 3,
                    92..=96 => 2,
                    _ => 1,
                };
                v.satisfaction = Some(score);
                v.satisfaction_level = Some(SatisfactionLevel::from_score(score));
                if rng.per_mille(10 * 60) {
                    v.recommend = Some((score as i64 * 2 - rng.range(0, 2)).clamp(0, 10) as u8);
                }
                if rng.per_mille(10 * 10) {
                    v.next_visit = Some(add_days(date, rng.range(7, 60)));
                }
                if method == ContactMethod::OnSite {
                    if rng.per_mille(10 * 75) {
                        v.signature = SignatureState::Captured;
                        data.signatures.push(signature(rng, &id));
                    } else {
                        v.signature = SignatureState::Missing { reason: (*rng.pick(MISSING_SIGNATURE)).to_string() };
                    }
                }
                if rng.per_mille(10 * 15) {
                    data.feedback.push(feedback(rng, &v, data.feedback.len(), today));
                }
                if rng.per_mille(10 * 5) {
                    v.review = Some(Review {
                        reviewer: (*rng.pick(SUPERVISORS)).to_string(),
                        comment: if rng.per_mille(10 * 80) {
                            "记录完整".to_string()
                        } else {
                            "请补充客户原话".to_string()
                        },
                        on: add_days(date, rng.range(0, 3)).min(today),
                        verdict: if rng.per_mille(10 * 85) { Verdict::Approved } else { Verdict::Returned },
                    });
                }
            }
            Outcome::Refused => v.content = (*rng.pick(REFUSED_NOTES)).to_string(),
            Outcome::NoAnswer | Outcome::Rescheduled => {}
        }
        if method == ContactMethod::OnSite && v.signature == SignatureState::NotNeeded {
            v.signature = SignatureState::Missing { reason: "未见到客户".to_string() };
        }
        data.visits.push(v);
    }
}

/// A handwritten-looking signature: a few strokes of wavy points in the 1000 × 400 box.
fn signature(rng: &mut Rng, visit_id: &str) -> Signature {
    let strokes = (0..rng.range(2, 4))
        .map(|s| {
            let mut x = 80 + s * 280 + rng.range(0, 60);
            let mut y = rng.range(120, 280);
            (0..rng.range(12, 30))
                .map(|_| {
                    x = (x + rng.range(4, 16)).min(999);
                    y = (y + rng.range(-30, 30)).clamp(0, 399);
                    (x as u16, y as u16)
                })
                .collect()
        })
        .collect();
    Signature { visit_id: visit_id.into(), strokes }
}

fn feedback(rng: &mut Rng, v: &Visit, n: usize, today: NaiveDate) -> FeedbackItem {
    let (kind, category, text) = *rng.pick(FEEDBACK);
    let raised_on = v.at.date();
    let urgent = kind == FeedbackKind::FollowUp && rng.per_mille(10 * 20);
    let deadline = add_days(raised_on, if urgent { 1 } else { 30 });
    let age = (today - raised_on).num_days();
    let status = if age > 45 || (age > 3 && rng.per_mille(10 * 60)) {
        FeedbackStatus::Closed
    } else if rng.per_mille(10 * 50) {
        FeedbackStatus::InProgress
    } else {
        FeedbackStatus::Open
    };
    let closed_on = (status == FeedbackStatus::Closed).then(|| add_days(raised_on, rng.range(0, age.clamp(0, 40))));
    FeedbackItem {
        id: format!("f{n:07}").into(),
        rev: 1,
        visit_id: v.id.clone(),
        customer_id: v.customer_id.clone(),
        kind,
        text: text.to_string(),
        category: category.to_string(),
        priority: if urgent { Priority::Urgent } else { Priority::Normal },
        department: (*rng.pick(DEPARTMENTS)).to_string(),
        deadline: Some(deadline),
        status,
        raised_on,
        closed_on,
        resolved_during_visit: status == FeedbackStatus::Closed && closed_on == Some(raised_on),
        updated_at: v.at,
        ..FeedbackItem::default()
    }
}

/// Writes `data` as an exchange document, the same JSON as [`crate::domain::exchange::encode`]
/// but streamed: a large book never exists twice in memory as a JSON tree.
/// A shop's sales ledger shaped like the one of issue 15 (23,500 customers, 69,000 orders over 18
/// months, ¥237 an order): many customers of small tickets, and value concentrated on a few.
/// Each customer's value follows a Pareto distribution of index `alpha` (1.16 makes the top 20%
/// bring 80% of the revenue; nearer 1 is more concentrated). Value shows as purchase days
/// (value^0.65, up to 250) and as basket size (value^0.35 times ¥75, give or take half); first
/// purchases spread over the last 18 months, four customers in ten stopped buying at some point,
/// and one purchase day in ten has two or three orders. Customers only, no visits; the same
/// arguments give the same ledger.
pub fn pareto_ledger(customers: usize, seed: u64, today: NaiveDate, alpha: f64) -> Vec<Customer> {
    let mut rng = Rng::new(seed ^ 0x4C45_4447_4552_0015);
    let alpha = alpha.max(1.01);
    (0..customers)
        .map(|i| {
            let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
            let value = (1.0 - u).powf(-1.0 / alpha).min(5_000.0);
            let days = (value.powf(0.65).round() as i64).clamp(1, 250);
            let basket = 75.0 * value.powf(0.35);
            let first = add_days(today, -rng.range(1, 547));
            let span = (today - first).num_days();
            let last = if rng.per_mille(10 * 40) { rng.range(0, span) } else { span };
            let mut c = Customer {
                id: format!("L{i:06}").into(),
                name: format!("客户{i}"),
                registered_on: first,
                ..Customer::default()
            };
            for k in 0..days {
                let date = if k == 0 { first } else { add_days(first, rng.range(0, last)) };
                let orders = if rng.per_mille(10 * 10) { rng.range(2, 3) } else { 1 };
                for _ in 0..orders {
                    let yuan = basket * (0.5 + rng.range(0, 1000) as f64 / 1000.0);
                    let product = rng.pick(SMALL_PRODUCTS).0;
                    c.purchases.push(Purchase {
                        id: format!("{}-{}", c.id, c.purchases.len()).into(),
                        date,
                        amount: Money((yuan * 100.0).round() as i64),
                        product: product.into(),
                        note: String::new(),
                    });
                }
            }
            c
        })
        .collect()
}

pub fn write_document<W: std::io::Write>(data: &Dataset, writer: W) -> serde_json::Result<()> {
    #[derive(serde::Serialize)]
    struct Document<'a> {
        format: &'static str,
        version: u32,
        #[serde(flatten)]
        data: &'a Dataset,
    }
    let doc = Document {
        format: crate::domain::exchange::FORMAT_NAME,
        version: crate::domain::exchange::SCHEMA_VERSION,
        data,
    };
    serde_json::to_writer(writer, &doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::{decode, encode};
    use std::collections::HashSet;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 3).unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_book_and_another_seed_a_different_one() {
        let a = generate(200, 1, today());
        assert_eq!(a, generate(200, 1, today()));
        let b = generate(200, 2, today());
        assert_ne!(a.customers[5].name, b.customers[5].name);
        assert_ne!(a.visits.len(), b.visits.len());
    }

    #[test]
    fn the_sizes_are_500_5000_and_50000_customers_and_parse_by_name_or_count() {
        assert_eq!(Size::parse("small").map(Size::customers), Some(500));
        assert_eq!(Size::parse(" Medium ").map(Size::customers), Some(5_000));
        assert_eq!(Size::parse("50000"), Some(Size::Large));
        assert_eq!(Size::parse("huge"), None);
        let book = generate(Size::Small.customers(), 7, today());
        assert_eq!(book.customers.len(), 500);
    }

    #[test]
    fn a_book_has_about_ten_visits_a_customer_with_feedback_and_some_signatures() {
        let book = generate(2_000, 1, today());
        let per_customer = book.visits.len() as f64 / 2_000.0;
        assert!((8.0..12.0).contains(&per_customer), "{per_customer} visits per customer");
        assert!(book.feedback.len() > book.visits.len() / 20, "{} feedback items", book.feedback.len());
        assert!(!book.signatures.is_empty());
        assert!(book.signatures.len() < book.visits.len() / 10, "signatures are for some on-site visits only");
        assert!(
            book.customers
                .iter()
                .any(|c| { c.events.iter().any(|e| matches!(e.kind, ServiceEventKind::ComplaintRaised { .. })) })
        );
        assert!(book.customers.iter().any(|c| c.birthday.is_some_and(|b| b.lunar)));
        assert!(book.customers.iter().any(|c| c.do_not_contact));
    }

    #[test]
    fn a_generated_book_has_every_tier_recorded_so_loading_it_rewrites_nothing() {
        let book = generate(300, 6, today());
        assert!(tiering::reconcile(&book.customers, &book.visits, &book.settings.tiers, today()).is_empty());
        let counts = tiering::tier_counts(
            tiering::assess_all(&book.customers, &book.visits, &book.settings.tiers, today()).values(),
        );
        assert!(counts.iter().filter(|n| **n > 0).count() >= 3, "the book spreads over the tiers: {counts:?}");
    }

    #[test]
    fn the_first_customer_has_the_long_timeline() {
        let book = generate(50, 3, today());
        assert_eq!(book.customers[0].id, LONG_TIMELINE_ID);
        let theirs = book.visits.iter().filter(|v| v.customer_id == LONG_TIMELINE_ID).count();
        assert_eq!(theirs, LONG_TIMELINE_VISITS);
    }

    #[test]
    fn every_record_points_at_records_that_exist_and_nothing_is_dated_in_the_future() {
        let book = generate(1_000, 9, today());
        let customers: HashSet<&str> = book.customers.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(customers.len(), book.customers.len(), "customer ids are unique");
        let visits: HashSet<&str> = book.visits.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(visits.len(), book.visits.len(), "visit ids are unique");
        let registered: std::collections::HashMap<&str, NaiveDate> =
            book.customers.iter().map(|c| (c.id.as_str(), c.registered_on)).collect();
        for v in &book.visits {
            let on = v.at.date();
            assert!(on <= today(), "{} is in the future", v.id);
            assert!(on >= registered[v.customer_id.as_str()], "{} is before its customer registered", v.id);
        }
        for c in &book.customers {
            assert!(c.purchases.iter().chain([]).all(|p| p.date >= c.registered_on && p.date <= today()));
            assert!(c.events.iter().all(|e| e.date <= today()));
        }
        for f in &book.feedback {
            assert!(visits.contains(f.visit_id.as_str()) && customers.contains(f.customer_id.as_str()));
            assert!(f.closed_on.is_none_or(|d| d >= f.raised_on && d <= today()));
        }
        let captured: HashSet<&str> =
            book.visits.iter().filter(|v| v.signature == SignatureState::Captured).map(|v| v.id.as_str()).collect();
        let signed: HashSet<&str> = book.signatures.iter().map(|s| s.visit_id.as_str()).collect();
        assert_eq!(captured, signed, "a signature exactly for each visit marked as signed");
        assert!(book.signatures.iter().flat_map(|s| s.strokes.iter().flatten()).all(|(x, y)| *x <= 1000 && *y <= 400));
    }

    #[test]
    fn a_generated_book_survives_the_exchange_format_unchanged() {
        let book = generate(100, 4, today());
        assert_eq!(decode(encode(&book)).unwrap(), book);
    }

    #[test]
    fn the_streamed_document_is_the_one_the_apps_import_reads() {
        let book = generate(60, 5, today());
        let mut bytes = Vec::new();
        write_document(&book, &mut bytes).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(doc, encode(&book));
        assert_eq!(decode(doc).unwrap(), book);
    }
}
