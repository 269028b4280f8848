//! Fills a script's placeholders from the customer, the due item and the user's profile.
//!
//! The result is a list of segments per text rather than a flat string, so the visit screen can
//! style filled values and, above all, show a placeholder that has no data (【产品】) instead of a
//! silent blank: the agent then says it in their own words.

use super::Script;
use super::placeholder::{self, Placeholder, Token};
use crate::domain::agenda::{DueItem, DueReason};
use crate::domain::customer::{Customer, Honorific, Purchase, ServiceEventKind};
use crate::domain::settings::Settings;
use crate::domain::tier::Tier;
use crate::domain::visit::FeedbackItem;
use crate::i18n::format::{date_auto, date_long};
use crate::i18n::{Lang, texts};
use chrono::{Datelike, NaiveDate};

/// One piece of a filled text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Filled {
        placeholder: Placeholder,
        value: String,
    },
    /// No data: shown as 【产品】 / [product] for the agent to fill in by voice.
    Missing(Placeholder),
}

impl Segment {
    /// The segment as plain text (for copying an SMS); a missing value keeps its visible marker.
    pub fn plain(&self, lang: Lang) -> String {
        match self {
            Segment::Text(t) => t.clone(),
            Segment::Filled { value, .. } => value.clone(),
            Segment::Missing(p) => missing_marker(*p, lang),
        }
    }
}

/// 【产品】 / [product]
pub fn missing_marker(p: Placeholder, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("【{}】", p.name(lang)),
        Lang::En => format!("[{}]", p.name(lang)),
    }
}

/// A whole filled text as plain text.
pub fn plain(segments: &[Segment], lang: Lang) -> String {
    segments.iter().map(|s| s.plain(lang)).collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilledFallback {
    pub when: Vec<Segment>,
    pub say: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilledScript {
    pub script_id: String,
    pub name: String,
    pub lang: Lang,
    pub opening: Vec<Segment>,
    pub purpose: Vec<Segment>,
    pub questions: Vec<Vec<Segment>>,
    pub tips: Vec<Vec<Segment>>,
    pub fallbacks: Vec<FilledFallback>,
    pub closing: Vec<Segment>,
    /// What to stress with this customer: their tier's emphasis and their need type's.
    pub hints: Vec<String>,
    /// Placeholders without data, each once, in reading order.
    pub missing: Vec<Placeholder>,
}

/// Where the values come from. Everything is optional except the settings: a visit started from a
/// customer has no due item, and a script previewed in the library has neither.
#[derive(Debug, Clone, Copy)]
pub struct FillContext<'a> {
    pub customer: Option<&'a Customer>,
    pub item: Option<&'a DueItem>,
    /// Feedback items, to find the problem of a closure and the need of an intention check.
    pub feedback: &'a [FeedbackItem],
    pub settings: &'a Settings,
}

const COMPOUND_SURNAMES: [&str; 16] = [
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐",
    "端木", "南宫",
];

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// The surname as an honorific goes with it: 张伟 → 张, 欧阳娜娜 → 欧阳, John Smith → Smith.
fn surname(name: &str) -> &str {
    let name = name.trim();
    if name.chars().next().is_some_and(is_cjk) {
        if let Some(compound) = COMPOUND_SURNAMES.iter().find(|s| name.starts_with(**s)) {
            return compound;
        }
        let end = name.char_indices().nth(1).map_or(name.len(), |(i, _)| i);
        &name[..end]
    } else {
        name.split_whitespace().last().unwrap_or(name)
    }
}

/// 张先生 / Mr 张 / Ms Smith; the full name when the customer has no honorific.
pub fn addressee(name: &str, honorific: Honorific, lang: Lang) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let surname = surname(name);
    Some(match (honorific, lang) {
        (Honorific::None, _) => name.to_string(),
        (Honorific::Mr, Lang::Zh) => format!("{surname}先生"),
        (Honorific::Ms, Lang::Zh) => format!("{surname}女士"),
        (Honorific::Mr, Lang::En) => format!("Mr {surname}"),
        (Honorific::Ms, Lang::En) => format!("Ms {surname}"),
    })
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// The customer's tier as the schedule would use it: the override, else the recorded tier.
fn tier_of(customer: &Customer) -> Option<Tier> {
    customer.tier_override.as_ref().map(|o| o.tier).or(customer.tier)
}

struct Values<'a> {
    ctx: &'a FillContext<'a>,
    lang: Lang,
    /// Dates in the year of the visit are written without the year.
    year: Option<i32>,
}

impl Values<'_> {
    fn reasons(&self) -> impl Iterator<Item = &DueReason> {
        self.ctx.item.into_iter().flat_map(|i| i.reasons.iter())
    }

    fn date(&self, d: NaiveDate) -> String {
        match self.year {
            Some(year) => date_auto(self.lang, d, year),
            None => date_long(self.lang, d),
        }
    }

    fn feedback(&self, id: &str) -> Option<&FeedbackItem> {
        self.ctx.feedback.iter().find(|f| f.id == id)
    }

    fn event_note(&self, id: &str) -> Option<String> {
        let customer = self.ctx.customer?;
        customer.events.iter().find(|e| e.id == id).and_then(|e| non_empty(&e.note))
    }

    /// The purchase the visit is about: the one a post-purchase reason names, the first one for
    /// an activation, else the latest.
    fn purchase(&self) -> Option<Purchase> {
        let customer = self.ctx.customer;
        for reason in self.reasons() {
            match reason {
                DueReason::PostPurchase { purchase_id, purchase_date, product, .. } => {
                    let found = customer.and_then(|c| c.purchases.iter().find(|p| &p.id == purchase_id));
                    return Some(found.cloned().unwrap_or(Purchase {
                        id: purchase_id.clone(),
                        date: *purchase_date,
                        amount: Default::default(),
                        product: product.clone(),
                        note: String::new(),
                    }));
                }
                DueReason::Activation { .. } => {
                    return customer.and_then(|c| c.purchases.iter().min_by_key(|p| p.date)).cloned();
                }
                _ => {}
            }
        }
        customer.and_then(Customer::last_purchase).cloned()
    }

    /// The problem and the date it was fixed, from a complaint, service, incident or closed item.
    fn problem(&self) -> (Option<String>, Option<NaiveDate>) {
        for reason in self.reasons() {
            match reason {
                DueReason::ComplaintFollowUp { complaint_id, resolved_on, .. } => {
                    return (self.event_note(complaint_id), Some(*resolved_on));
                }
                DueReason::AfterService { event_id, date } | DueReason::Incident { event_id, date } => {
                    return (self.event_note(event_id), Some(*date));
                }
                DueReason::FeedbackClosure { feedback_id } => {
                    let item = self.feedback(feedback_id);
                    return (item.and_then(|f| non_empty(&f.text)), item.and_then(|f| f.closed_on));
                }
                _ => {}
            }
        }
        // A visit started from the customer: the latest complaint they raised, if any.
        let Some(customer) = self.ctx.customer else { return (None, None) };
        let complaint = customer
            .events
            .iter()
            .filter(|e| matches!(e.kind, ServiceEventKind::ComplaintRaised { .. }))
            .max_by_key(|e| e.date);
        let fixed = complaint.and_then(|c| {
            customer.events.iter().find_map(|e| match &e.kind {
                ServiceEventKind::ComplaintResolved { complaint } if *complaint == c.id => Some(e.date),
                _ => None,
            })
        });
        (complaint.and_then(|c| non_empty(&c.note)), fixed)
    }

    fn get(&self, p: Placeholder) -> Option<String> {
        let t = texts(self.lang);
        let profile = &self.ctx.settings.profile;
        let customer = self.ctx.customer;
        match p {
            Placeholder::Addressee => customer.and_then(|c| addressee(&c.name, c.honorific, self.lang)),
            Placeholder::FullName => customer.and_then(|c| non_empty(&c.name)),
            Placeholder::Product => self.purchase().and_then(|p| non_empty(&p.product)),
            Placeholder::PurchaseDate => self.purchase().map(|p| self.date(p.date)),
            Placeholder::Day => self.reasons().find_map(|r| match r {
                DueReason::PostPurchase { day, .. } => Some(day.to_string()),
                _ => None,
            }),
            Placeholder::Problem => self.problem().0,
            Placeholder::FixedDate => self.problem().1.map(|d| self.date(d)),
            Placeholder::Agent => non_empty(&profile.agent_name),
            Placeholder::Company => non_empty(&profile.company),
            Placeholder::Hotline => non_empty(&profile.hotline),
            Placeholder::ReplyWithin => Some((t.scripts.hours)(self.ctx.settings.visits.reply_within_hours)),
            Placeholder::Tier => self.tier().map(|tier| (t.labels.tier)(tier).to_string()),
            Placeholder::Offer => self.tier().map(|tier| {
                let strategy = self.ctx.settings.tiers.strategy(tier);
                strategy
                    .carries
                    .as_deref()
                    .and_then(non_empty)
                    .unwrap_or_else(|| (t.scripts.tier_offer)(tier).to_string())
            }),
            Placeholder::Holiday => self.reasons().find_map(|r| match r {
                DueReason::Holiday { name, .. } => non_empty(name),
                _ => None,
            }),
            Placeholder::Campaign => self.reasons().find_map(|r| match r {
                DueReason::Campaign { name, .. } => non_empty(name),
                _ => None,
            }),
            Placeholder::Birthday => self
                .reasons()
                .find_map(|r| match r {
                    DueReason::Birthday { date, .. } => Some(*date),
                    _ => None,
                })
                .map(|d| self.date(d)),
            Placeholder::Need => self.reasons().find_map(|r| match r {
                DueReason::IntentionCheck { feedback_id } => {
                    self.feedback(feedback_id).and_then(|f| non_empty(&f.text))
                }
                _ => None,
            }),
        }
    }

    fn tier(&self) -> Option<Tier> {
        self.ctx.item.map(|i| i.tier).or_else(|| self.ctx.customer.and_then(tier_of))
    }
}

fn fill_text(text: &str, values: &[Option<String>], missing: &mut Vec<Placeholder>) -> Vec<Segment> {
    // A user script saved before validation existed, or imported, may be malformed: show it as
    // written rather than hide any of it.
    let Ok(tokens) = placeholder::parse(text) else { return vec![Segment::Text(text.to_string())] };
    tokens
        .into_iter()
        .map(|token| match token {
            Token::Text(t) => Segment::Text(t),
            Token::Slot(p) => match &values[index(p)] {
                Some(value) => Segment::Filled { placeholder: p, value: value.clone() },
                None => {
                    if !missing.contains(&p) {
                        missing.push(p);
                    }
                    Segment::Missing(p)
                }
            },
        })
        .collect()
}

fn index(p: Placeholder) -> usize {
    Placeholder::ALL.iter().position(|q| *q == p).unwrap_or(0)
}

/// The script with every placeholder filled or visibly missing.
///
/// ```
/// use huifang::domain::scripts::{builtin, fill, FillContext, Segment, Placeholder};
/// use huifang::domain::{Customer, Settings};
/// use huifang::domain::customer::Honorific;
/// use huifang::i18n::Lang;
///
/// let customer = Customer { name: "张伟".into(), honorific: Honorific::Mr, ..Customer::default() };
/// let settings = Settings::default();
/// let script = builtin::script("general", Lang::Zh).unwrap();
/// let ctx = FillContext { customer: Some(&customer), item: None, feedback: &[], settings: &settings };
/// let filled = fill(&script, &ctx);
/// assert!(filled.opening.contains(&Segment::Filled { placeholder: Placeholder::Addressee, value: "张先生".into() }));
/// assert!(filled.missing.contains(&Placeholder::Company)); // no company in the profile yet
/// ```
pub fn fill(script: &Script, ctx: &FillContext) -> FilledScript {
    let lang = script.lang;
    let year = ctx.item.map(|i| i.ideal.year());
    let source = Values { ctx, lang, year };
    let values: Vec<Option<String>> = Placeholder::ALL.iter().map(|p| source.get(*p)).collect();
    let mut missing = Vec::new();
    let s = &script.sections;
    let opening = fill_text(&s.opening, &values, &mut missing);
    let purpose = fill_text(&s.purpose, &values, &mut missing);
    let questions = s.questions.iter().map(|q| fill_text(q, &values, &mut missing)).collect();
    let tips = s.tips.iter().map(|q| fill_text(q, &values, &mut missing)).collect();
    let fallbacks = s
        .fallbacks
        .iter()
        .map(|f| FilledFallback {
            when: fill_text(&f.when, &values, &mut missing),
            say: fill_text(&f.say, &values, &mut missing),
        })
        .collect();
    let closing = fill_text(&s.closing, &values, &mut missing);
    FilledScript {
        script_id: script.id.clone(),
        name: script.name.clone(),
        lang,
        opening,
        purpose,
        questions,
        tips,
        fallbacks,
        closing,
        hints: hints(ctx, lang, source.tier()),
        missing,
    }
}

/// The tier's script emphasis (the user's wording, else the built-in one) and the need type's.
fn hints(ctx: &FillContext, lang: Lang, tier: Option<Tier>) -> Vec<String> {
    let t = &texts(lang).scripts;
    let mut hints = Vec::new();
    if let Some(tier) = tier {
        let own = ctx.settings.tiers.strategy(tier).emphasis.as_deref().and_then(non_empty);
        hints.push((t.tier_hint)(tier, own.as_deref()));
    }
    if let Some(customer) = ctx.customer {
        hints.push((t.need_hint)(customer.need).to_string());
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agenda::{ItemStatus, Responsible};
    use crate::domain::customer::{ContactMethod, NeedType, ServiceEvent, Severity};
    use crate::domain::scenario::Scenario;
    use crate::domain::scripts::{Sections, builtin};
    use crate::domain::visit::{FeedbackKind, FeedbackStatus};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn settings() -> Settings {
        let mut s = Settings::default();
        s.profile.agent_name = "小王".into();
        s.profile.company = "星辰家电".into();
        s.profile.hotline = "400-800-1234".into();
        s
    }

    fn customer() -> Customer {
        Customer {
            id: "c1".into(),
            name: "张伟".into(),
            honorific: Honorific::Mr,
            need: NeedType::Improvement,
            tier: Some(Tier::Gold),
            purchases: vec![
                Purchase {
                    id: "p1".into(),
                    date: d(2026, 1, 5),
                    amount: Default::default(),
                    product: "电饭煲".into(),
                    note: String::new(),
                },
                Purchase {
                    id: "p2".into(),
                    date: d(2026, 5, 27),
                    amount: Default::default(),
                    product: "净水器".into(),
                    note: String::new(),
                },
            ],
            events: vec![
                ServiceEvent {
                    id: "e1".into(),
                    date: d(2026, 5, 30),
                    kind: ServiceEventKind::ComplaintRaised { severity: Severity::General },
                    note: "净水器漏水".into(),
                },
                ServiceEvent {
                    id: "e2".into(),
                    date: d(2026, 6, 1),
                    kind: ServiceEventKind::ComplaintResolved { complaint: "e1".into() },
                    note: String::new(),
                },
            ],
            ..Customer::default()
        }
    }

    fn item(scenario: Scenario, reasons: Vec<DueReason>) -> DueItem {
        DueItem {
            key: "k".into(),
            customer_id: "c1".into(),
            scenario,
            reasons,
            earliest: d(2026, 6, 3),
            ideal: d(2026, 6, 3),
            latest: d(2026, 6, 5),
            method: ContactMethod::Phone,
            tier: Tier::Gold,
            responsible: Responsible::Agent,
            on_site: false,
            status: ItemStatus::Open,
        }
    }

    fn script(lang: Lang, opening: &str) -> Script {
        Script { lang, sections: Sections { opening: opening.into(), ..Sections::default() }, ..Script::default() }
    }

    fn text(filled: &[Segment], lang: Lang) -> String {
        plain(filled, lang)
    }

    #[test]
    fn the_honorific_name_uses_the_surname_in_both_languages() {
        assert_eq!(addressee("张伟", Honorific::Mr, Lang::Zh).as_deref(), Some("张先生"));
        assert_eq!(addressee("欧阳娜娜", Honorific::Ms, Lang::Zh).as_deref(), Some("欧阳女士"));
        assert_eq!(addressee("李静", Honorific::Ms, Lang::En).as_deref(), Some("Ms 李"));
        assert_eq!(addressee("John Smith", Honorific::Mr, Lang::En).as_deref(), Some("Mr Smith"));
        assert_eq!(addressee("王芳", Honorific::None, Lang::Zh).as_deref(), Some("王芳"));
        assert_eq!(addressee("  ", Honorific::Mr, Lang::Zh), None);
    }

    #[test]
    fn a_post_purchase_script_names_the_product_date_and_day_of_that_purchase() {
        let (c, s) = (customer(), settings());
        let it = item(
            Scenario::PostPurchase,
            vec![DueReason::PostPurchase {
                purchase_id: "p2".into(),
                purchase_date: d(2026, 5, 27),
                product: "净水器".into(),
                day: 7,
            }],
        );
        let ctx = FillContext { customer: Some(&c), item: Some(&it), feedback: &[], settings: &s };
        let filled = fill(&builtin::script("post_purchase", Lang::Zh).unwrap(), &ctx);
        assert_eq!(
            text(&filled.opening, Lang::Zh),
            "您好，请问是张先生吗？我是星辰家电的小王。您5月27日买的净水器，到今天是第7天了，想问问您用得怎么样。想占用您三五分钟时间，您现在方便吗？"
        );
        assert!(filled.missing.is_empty(), "{:?}", filled.missing);
    }

    #[test]
    fn a_placeholder_without_data_stays_visible_as_missing() {
        let s = Settings::default();
        let ctx = FillContext { customer: None, item: None, feedback: &[], settings: &s };
        let filled = fill(&script(Lang::Zh, "您好{称呼}，您的{产品}还好吗？"), &ctx);
        assert_eq!(
            filled.opening,
            vec![
                Segment::Text("您好".into()),
                Segment::Missing(Placeholder::Addressee),
                Segment::Text("，您的".into()),
                Segment::Missing(Placeholder::Product),
                Segment::Text("还好吗？".into()),
            ]
        );
        assert_eq!(text(&filled.opening, Lang::Zh), "您好【称呼】，您的【产品】还好吗？");
        assert_eq!(filled.missing, vec![Placeholder::Addressee, Placeholder::Product]);
    }

    #[test]
    fn an_english_script_shows_missing_data_in_brackets_and_dates_in_english() {
        let (c, s) = (customer(), settings());
        let mut c = c;
        c.purchases.clear();
        let ctx = FillContext { customer: Some(&c), item: None, feedback: &[], settings: &s };
        let filled = fill(&script(Lang::En, "Dear {name}, how is your {product}? Fixed on {fixed_date}."), &ctx);
        assert_eq!(text(&filled.opening, Lang::En), "Dear Mr 张, how is your [product]? Fixed on 1 Jun 2026.");
    }

    #[test]
    fn a_complaint_follow_up_names_the_complaint_and_the_day_it_was_resolved() {
        let (c, s) = (customer(), settings());
        let it = item(
            Scenario::ComplaintFollowUp,
            vec![DueReason::ComplaintFollowUp {
                complaint_id: "e1".into(),
                resolved_on: d(2026, 6, 1),
                severity: Severity::General,
                round: 1,
            }],
        );
        let ctx = FillContext { customer: Some(&c), item: Some(&it), feedback: &[], settings: &s };
        let filled = fill(&script(Lang::Zh, "您反映的{问题}已在{处理日期}处理。"), &ctx);
        assert_eq!(text(&filled.opening, Lang::Zh), "您反映的净水器漏水已在6月1日处理。");
    }

    #[test]
    fn telling_the_customer_it_is_solved_names_the_closed_item_and_its_closing_date() {
        let (c, s) = (customer(), settings());
        let closed = FeedbackItem {
            id: "f1".into(),
            kind: FeedbackKind::FollowUp,
            text: "滤芯指示灯常亮".into(),
            status: FeedbackStatus::Closed,
            closed_on: Some(d(2026, 6, 2)),
            ..FeedbackItem::default()
        };
        let it = item(Scenario::FeedbackClosure, vec![DueReason::FeedbackClosure { feedback_id: "f1".into() }]);
        let ctx =
            FillContext { customer: Some(&c), item: Some(&it), feedback: std::slice::from_ref(&closed), settings: &s };
        let filled = fill(&builtin::script("feedback_closure", Lang::Zh).unwrap(), &ctx);
        assert!(text(&filled.opening, Lang::Zh).contains("您之前反映的滤芯指示灯常亮，已经在6月2日处理好了"));
    }

    #[test]
    fn the_reply_time_and_the_tiers_offer_come_from_the_settings() {
        let (c, mut s) = (customer(), settings());
        s.visits.reply_within_hours = 4;
        s.tiers.strategies[Tier::Gold.index()].carries = Some("双倍积分券".into());
        let it = item(Scenario::Care, vec![DueReason::Care { last_contact: None }]);
        let ctx = FillContext { customer: Some(&c), item: Some(&it), feedback: &[], settings: &s };
        let filled = fill(&script(Lang::Zh, "{时限}内答复；{等级}客户专享{权益}"), &ctx);
        assert_eq!(text(&filled.opening, Lang::Zh), "4小时内答复；黄金客户专享双倍积分券");
        let en = fill(&script(Lang::En, "within {reply_within}"), &ctx);
        assert_eq!(text(&en.opening, Lang::En), "within 4 hours");
    }

    #[test]
    fn the_built_in_offer_of_a_tier_is_used_until_the_user_words_their_own() {
        let (c, s) = (customer(), settings());
        let mut it = item(Scenario::Care, vec![]);
        it.tier = Tier::Diamond;
        let ctx = FillContext { customer: Some(&c), item: Some(&it), feedback: &[], settings: &s };
        let filled = fill(&script(Lang::Zh, "{权益}"), &ctx);
        assert_eq!(text(&filled.opening, Lang::Zh), "专属优惠券");
    }

    #[test]
    fn hints_carry_the_tier_emphasis_and_the_need_type() {
        let (c, s) = (customer(), settings());
        let ctx = FillContext { customer: Some(&c), item: None, feedback: &[], settings: &s };
        let filled = fill(&script(Lang::Zh, "hi"), &ctx);
        assert_eq!(filled.hints.len(), 2);
        assert!(filled.hints[0].contains("个性化推荐"), "{:?}", filled.hints);
        assert!(filled.hints[1].contains("改善型"), "{:?}", filled.hints);
    }

    #[test]
    fn an_intention_check_names_the_need_recorded_a_month_before() {
        let (c, s) = (customer(), settings());
        let need = FeedbackItem {
            id: "n1".into(),
            kind: FeedbackKind::PotentialNeed,
            text: "厨房净水".into(),
            ..FeedbackItem::default()
        };
        let it = item(Scenario::IntentionCheck, vec![DueReason::IntentionCheck { feedback_id: "n1".into() }]);
        let ctx =
            FillContext { customer: Some(&c), item: Some(&it), feedback: std::slice::from_ref(&need), settings: &s };
        let filled = fill(&builtin::script("intention_check", Lang::En).unwrap(), &ctx);
        assert!(text(&filled.opening, Lang::En).contains("an interest in 厨房净水"));
    }

    #[test]
    fn an_escalation_call_introduces_the_caller_by_their_own_name() {
        let (c, s) = (customer(), settings());
        let it = item(Scenario::Escalation, vec![DueReason::Escalation { unanswered: 2 }]);
        let ctx = FillContext { customer: Some(&c), item: Some(&it), feedback: &[], settings: &s };
        let f = fill(&builtin::script("escalation", Lang::Zh).unwrap(), &ctx);
        assert!(text(&f.opening, Lang::Zh).contains("我是星辰家电为您安排的专属顾问小王。"), "{:?}", f.opening);
        assert!(f.missing.is_empty(), "{:?}", f.missing);
    }

    #[test]
    fn a_malformed_user_script_is_shown_as_written_rather_than_dropped() {
        let s = Settings::default();
        let ctx = FillContext { customer: None, item: None, feedback: &[], settings: &s };
        let filled = fill(&script(Lang::Zh, "您好{称呼"), &ctx);
        assert_eq!(filled.opening, vec![Segment::Text("您好{称呼".into())]);
    }
}
