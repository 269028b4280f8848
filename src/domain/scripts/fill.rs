//! Fills a script's placeholders from the customer, the due item and the user's profile.
//!
//! The result is a list of segments per text rather than a flat string, so the visit screen can
//! style filled values and, above all, show a placeholder that has no data (【产品】) instead of a
//! silent blank: the agent then says it in their own words.
//!
//! Every time word is true on the day of the call ([`FillContext::on`], DOMAIN.md "During a
//! visit"): the days since the purchase are counted to that day, and a birthday or holiday is
//! coming, today or past as seen from it. The domain decides which; the words that say it come
//! from the catalogue as [`FillWords`].

use super::Script;
use super::placeholder::{self, Placeholder, Token};
use crate::domain::agenda::{DueItem, DueReason};
use crate::domain::customer::{Customer, Honorific, Id, NeedType, Purchase, ServiceEventKind};
use crate::domain::date::{add_months, days_between};
use crate::domain::lang::Lang;
use crate::domain::settings::Settings;
use crate::domain::tier::Tier;
use crate::domain::visit::FeedbackItem;
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
    pub script_id: Id,
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

/// How an event's day stands to the day of the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// In this many days (1: tomorrow).
    Ahead(u32),
    Today,
    /// This many days ago (1: yesterday).
    Past(u32),
}

impl When {
    /// Where `day` is seen from `on`.
    pub fn of(day: NaiveDate, on: NaiveDate) -> When {
        let days = days_between(on, day);
        let n = u32::try_from(days.unsigned_abs()).unwrap_or(u32::MAX);
        match days {
            0 => When::Today,
            d if d > 0 => When::Ahead(n),
            _ => When::Past(n),
        }
    }
}

/// The words a script is filled with, in one language (`i18n::scripts` has both). The domain
/// works out what is true on the day of the call; these say it.
pub struct FillWords {
    /// A date as said on a call in `this_year`: `6月3日` / `3 Jun`, with the year when it differs.
    pub date: fn(NaiveDate, i32) -> String,
    /// "2小时" / "2 hours": fills {时限}.
    pub hours: fn(u32) -> String,
    /// How the customer hears their tier ({等级}, put before 客户 / "customers"): never the
    /// internal tier name (DOMAIN.md "During a visit"). The flag says whether they have been a
    /// customer longer than periodic care waits for, i.e. whether "老客户" is true.
    pub tier: fn(Tier, bool) -> &'static str,
    /// What a care visit of the tier carries, until the user words it (DOMAIN.md "Tiers").
    pub tier_offer: fn(Tier) -> &'static str,
    /// The tier's script emphasis, for the agent; the user's own wording when given.
    pub tier_hint: fn(Tier, Option<&str>) -> String,
    pub need_hint: fn(NeedType) -> &'static str,
    /// {生日何时}: the birthday is `When` from the call, on the date given as said.
    pub birthday_when: fn(When, &str) -> String,
    /// {节日何时}: the holiday named first is `When` from the call, on the date given.
    pub holiday_when: fn(&str, When, &str) -> String,
}

/// Where the values come from. The customer and the due item are optional: a visit started from
/// a customer has no due item, and a script previewed in the library has a sample of both.
#[derive(Debug, Clone, Copy)]
pub struct FillContext<'a> {
    pub customer: Option<&'a Customer>,
    pub item: Option<&'a DueItem>,
    /// Feedback items, to find the problem of a closure and the need of an intention check.
    pub feedback: &'a [FeedbackItem],
    pub settings: &'a Settings,
    /// The day of the call: the visit form's date, or today for a preview.
    pub on: NaiveDate,
    /// The words of a language; the script's own language is asked for.
    pub words: fn(Lang) -> &'static FillWords,
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

/// A note the agent typed as a sentence, said inside the script's own: every script names the
/// problem mid-sentence ("您之前反映的{问题}，我们已经……"), where the full stop the note ends with
/// would read "漏水。，我们" (or "about 漏水。, and" in English).
fn in_sentence(note: &str) -> Option<String> {
    non_empty(note.trim_end_matches(|c: char| c.is_whitespace() || "。．.！!？?；;，,、…".contains(c)))
}

/// The customer's tier as the schedule would use it: the override, else the recorded tier.
fn tier_of(customer: &Customer) -> Option<Tier> {
    customer.tier_override.as_ref().map(|o| o.tier).or(customer.tier)
}

/// Whether, on `on`, the customer has been one for longer than periodic care waits for (their
/// registration or first purchase, whichever is earlier): what makes "老客户" true.
fn long_standing(customer: &Customer, on: NaiveDate, care_after_months: u32) -> bool {
    let first_purchase = customer.purchases.iter().map(|p| p.date).min();
    let since = first_purchase.map_or(customer.registered_on, |p| p.min(customer.registered_on));
    add_months(since, care_after_months) <= on
}

struct Values<'a> {
    ctx: &'a FillContext<'a>,
    lang: Lang,
    words: &'static FillWords,
}

impl Values<'_> {
    fn reasons(&self) -> impl Iterator<Item = &DueReason> {
        self.ctx.item.into_iter().flat_map(|i| i.reasons.iter())
    }

    /// Dates in the year of the call are said without the year.
    fn date(&self, d: NaiveDate) -> String {
        (self.words.date)(d, self.ctx.on.year())
    }

    /// The birthday the visit is about: the one its item names, else the customer's celebration
    /// nearest the day of the call (a visit started from the customer).
    fn birthday(&self) -> Option<NaiveDate> {
        self.reasons()
            .find_map(|r| match r {
                DueReason::Birthday { date, .. } => Some(*date),
                _ => None,
            })
            .or_else(|| self.ctx.customer?.birthday?.nearest(self.ctx.on))
    }

    fn holiday(&self) -> Option<(String, NaiveDate)> {
        self.reasons().find_map(|r| match r {
            DueReason::Holiday { name, date } => non_empty(name).map(|n| (n, *date)),
            _ => None,
        })
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
                // Not fixed yet: the problem as reported, and no date.
                DueReason::ComplaintHandling { complaint_id, .. } => return (self.event_note(complaint_id), None),
                DueReason::FeedbackDue { feedback_id, .. } => {
                    return (self.feedback(feedback_id).and_then(|f| non_empty(&f.text)), None);
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
        let w = self.words;
        let profile = &self.ctx.settings.profile;
        let customer = self.ctx.customer;
        let on = self.ctx.on;
        match p {
            Placeholder::Addressee => customer.and_then(|c| addressee(&c.name, c.honorific, self.lang)),
            Placeholder::FullName => customer.and_then(|c| non_empty(&c.name)),
            Placeholder::Product => self.purchase().and_then(|p| non_empty(&p.product)),
            Placeholder::PurchaseDate => self.purchase().map(|p| self.date(p.date)),
            // Counted to the day of the call, not the node the item was scheduled for: a day-3
            // call made on day 5 says day 5. No day before the first ("第0天").
            Placeholder::Day => {
                self.purchase().map(|p| days_between(p.date, on)).filter(|days| *days >= 1).map(|days| days.to_string())
            }
            Placeholder::Problem => self.problem().0.and_then(|note| in_sentence(&note)),
            Placeholder::FixedDate => self.problem().1.map(|d| self.date(d)),
            Placeholder::Agent => non_empty(&profile.agent_name),
            Placeholder::Company => non_empty(&profile.company),
            Placeholder::Hotline => non_empty(&profile.hotline),
            Placeholder::ReplyWithin => Some((w.hours)(self.ctx.settings.visits.reply_within_hours)),
            Placeholder::Tier => self.tier().map(|tier| {
                let months = self.ctx.settings.schedule.care_after_months;
                let long = customer.is_none_or(|c| long_standing(c, on, months));
                (w.tier)(tier, long).to_string()
            }),
            Placeholder::Offer => self.tier().map(|tier| {
                let strategy = self.ctx.settings.tiers.strategy(tier);
                strategy.carries.as_deref().and_then(non_empty).unwrap_or_else(|| (w.tier_offer)(tier).to_string())
            }),
            Placeholder::Holiday => self.holiday().map(|(name, _)| name),
            Placeholder::HolidayWhen => {
                self.holiday().map(|(name, date)| (w.holiday_when)(&name, When::of(date, on), &self.date(date)))
            }
            Placeholder::Campaign => self.reasons().find_map(|r| match r {
                DueReason::Campaign { name, .. } => non_empty(name),
                _ => None,
            }),
            Placeholder::Birthday => self.birthday().map(|d| self.date(d)),
            Placeholder::BirthdayWhen => self.birthday().map(|d| (w.birthday_when)(When::of(d, on), &self.date(d))),
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
/// use huifang::domain::lang::Lang;
///
/// let customer = Customer { name: "张伟".into(), honorific: Honorific::Mr, ..Customer::default() };
/// let settings = Settings::default();
/// let script = builtin::script("general", Lang::Zh).unwrap();
/// let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 3).unwrap();
/// let ctx = FillContext {
///     customer: Some(&customer),
///     item: None,
///     feedback: &[],
///     settings: &settings,
///     on,
///     words: huifang::i18n::scripts::fill_words,
/// };
/// let filled = fill(&script, &ctx);
/// assert!(filled.opening.contains(&Segment::Filled { placeholder: Placeholder::Addressee, value: "张先生".into() }));
/// assert!(filled.missing.contains(&Placeholder::Company)); // no company in the profile yet
/// ```
pub fn fill(script: &Script, ctx: &FillContext) -> FilledScript {
    let lang = script.lang;
    let source = Values { ctx, lang, words: (ctx.words)(lang) };
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
        hints: hints(ctx, source.words, source.tier()),
        missing,
    }
}

/// The tier's script emphasis (the user's wording, else the built-in one) and the need type's.
fn hints(ctx: &FillContext, t: &FillWords, tier: Option<Tier>) -> Vec<String> {
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
    use crate::domain::customer::{Birthday, ContactMethod, NeedType, ServiceEvent, Severity};
    use crate::domain::date::add_days;
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

    fn ctx<'a>(
        customer: Option<&'a Customer>,
        item: Option<&'a DueItem>,
        feedback: &'a [FeedbackItem],
        settings: &'a Settings,
        on: NaiveDate,
    ) -> FillContext<'a> {
        FillContext { customer, item, feedback, settings, on, words: crate::i18n::scripts::fill_words }
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
                carried: Vec::new(),
            }],
        );
        let ctx = ctx(Some(&c), Some(&it), &[], &s, d(2026, 6, 3));
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
        let ctx = ctx(None, None, &[], &s, d(2026, 6, 3));
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
        let ctx = ctx(Some(&c), None, &[], &s, d(2026, 6, 3));
        let filled = fill(&script(Lang::En, "Dear {name}, how is your {product}? Fixed on {fixed_date}."), &ctx);
        assert_eq!(text(&filled.opening, Lang::En), "Dear Mr 张, how is your [product]? Fixed on 1 Jun.");
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
        let ctx = ctx(Some(&c), Some(&it), &[], &s, d(2026, 6, 3));
        let filled = fill(&script(Lang::Zh, "您反映的{问题}已在{处理日期}处理。"), &ctx);
        assert_eq!(text(&filled.opening, Lang::Zh), "您反映的净水器漏水已在6月1日处理。");
    }

    /// The test customer, whose complaint (`e1`) was noted as `note`.
    fn complained(note: &str) -> Customer {
        let mut c = customer();
        for e in c.events.iter_mut().filter(|e| e.id == "e1") {
            e.note = note.into();
        }
        c
    }

    /// Read aloud: the problem is said inside the script's sentence, without the full stop the
    /// agent typed at the end of the note, in either language.
    #[test]
    fn a_problem_noted_as_a_sentence_is_said_inside_the_scripts_sentence() {
        let (c, s) = (complained("送货比约定晚了半天。 "), settings());
        let it = item(
            Scenario::ComplaintHandling,
            vec![DueReason::ComplaintHandling {
                complaint_id: "e1".into(),
                raised_on: d(2026, 6, 1),
                severity: Severity::General,
            }],
        );
        let call = ctx(Some(&c), Some(&it), &[], &s, d(2026, 6, 3));
        let zh = fill(&builtin::script("complaint_handling", Lang::Zh).unwrap(), &call);
        assert!(
            text(&zh.opening, Lang::Zh).contains("您反映的送货比约定晚了半天，我们已经收到了，非常抱歉"),
            "{}",
            text(&zh.opening, Lang::Zh)
        );
        let en = fill(&builtin::script("complaint_handling", Lang::En).unwrap(), &call);
        assert!(
            text(&en.opening, Lang::En).contains("your complaint about 送货比约定晚了半天, and I'm very sorry"),
            "{}",
            text(&en.opening, Lang::En)
        );
        // A note of nothing but a full stop names no problem: the agent says it in their own words.
        let c = complained("。");
        let call = ctx(Some(&c), Some(&it), &[], &s, d(2026, 6, 3));
        let filled = fill(&builtin::script("complaint_handling", Lang::Zh).unwrap(), &call);
        assert!(filled.missing.contains(&Placeholder::Problem), "{:?}", filled.missing);
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
        let ctx = ctx(Some(&c), Some(&it), std::slice::from_ref(&closed), &s, d(2026, 6, 3));
        let filled = fill(&builtin::script("feedback_closure", Lang::Zh).unwrap(), &ctx);
        assert!(text(&filled.opening, Lang::Zh).contains("您之前反映的滤芯指示灯常亮，已经在6月2日处理好了"));
    }

    #[test]
    fn the_reply_time_and_the_tiers_offer_come_from_the_settings() {
        let (c, mut s) = (customer(), settings());
        s.visits.reply_within_hours = 4;
        s.tiers.strategies[Tier::Gold.index()].carries = Some("双倍积分券".into());
        let it = item(Scenario::Care, vec![DueReason::Care { last_contact: None }]);
        let ctx = ctx(Some(&c), Some(&it), &[], &s, d(2026, 6, 3));
        let filled = fill(&script(Lang::Zh, "{时限}内答复；{等级}客户专享{权益}"), &ctx);
        assert_eq!(text(&filled.opening, Lang::Zh), "4小时内答复；会员客户专享双倍积分券");
        let en = fill(&script(Lang::En, "within {reply_within}"), &ctx);
        assert_eq!(text(&en.opening, Lang::En), "within 4 hours");
    }

    #[test]
    fn the_built_in_offer_of_a_tier_is_used_until_the_user_words_their_own() {
        let (c, s) = (customer(), settings());
        let mut it = item(Scenario::Care, vec![]);
        it.tier = Tier::Diamond;
        let ctx = ctx(Some(&c), Some(&it), &[], &s, d(2026, 6, 3));
        let filled = fill(&script(Lang::Zh, "{权益}"), &ctx);
        assert_eq!(text(&filled.opening, Lang::Zh), "专属优惠券");
    }

    #[test]
    fn hints_carry_the_tier_emphasis_and_the_need_type() {
        let (c, s) = (customer(), settings());
        let ctx = ctx(Some(&c), None, &[], &s, d(2026, 6, 3));
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
        let ctx = ctx(Some(&c), Some(&it), std::slice::from_ref(&need), &s, d(2026, 6, 3));
        let filled = fill(&builtin::script("intention_check", Lang::En).unwrap(), &ctx);
        assert!(text(&filled.opening, Lang::En).contains("an interest in 厨房净水"));
    }

    #[test]
    fn a_malformed_user_script_is_shown_as_written_rather_than_dropped() {
        let s = Settings::default();
        let ctx = ctx(None, None, &[], &s, d(2026, 6, 3));
        let filled = fill(&script(Lang::Zh, "您好{称呼"), &ctx);
        assert_eq!(filled.opening, vec![Segment::Text("您好{称呼".into())]);
    }

    /// Everything the customer hears: the opening, the questions, the answers to objections and
    /// the closing (not the purpose and tips, which are for the agent).
    fn spoken(f: &FilledScript) -> String {
        let lang = f.lang;
        let mut all = vec![text(&f.opening, lang)];
        all.extend(f.questions.iter().map(|q| text(q, lang)));
        all.extend(f.fallbacks.iter().map(|fb| text(&fb.say, lang)));
        all.push(text(&f.closing, lang));
        all.join("\n")
    }

    fn post_purchase(day: u32, purchase_date: NaiveDate) -> DueItem {
        let mut it = item(
            Scenario::PostPurchase,
            vec![DueReason::PostPurchase {
                purchase_id: "p2".into(),
                purchase_date,
                product: "净水器".into(),
                day,
                carried: Vec::new(),
            }],
        );
        it.ideal = add_days(purchase_date, i64::from(day));
        it.earliest = it.ideal;
        it.latest = add_days(it.ideal, 4);
        it
    }

    fn birthday_item(date: NaiveDate) -> DueItem {
        item(Scenario::Birthday, vec![DueReason::Birthday { date, lunar: false }])
    }

    fn greeting(lang: Lang, c: &Customer, it: Option<&DueItem>, on: NaiveDate) -> FilledScript {
        let s = settings();
        fill(&builtin::script("birthday", lang).unwrap(), &ctx(Some(c), it, &[], &s, on))
    }

    #[test]
    fn a_day_3_call_made_on_day_5_says_day_5() {
        let (c, s) = (customer(), settings());
        let it = post_purchase(3, d(2026, 5, 27));
        let late = ctx(Some(&c), Some(&it), &[], &s, d(2026, 6, 1));
        let zh = fill(&builtin::script("post_purchase", Lang::Zh).unwrap(), &late);
        assert!(text(&zh.opening, Lang::Zh).contains("您5月27日买的净水器，到今天是第5天了"), "{:?}", zh.opening);
        let en = fill(&builtin::script("post_purchase", Lang::En).unwrap(), &late);
        assert!(text(&en.opening, Lang::En).contains("on 27 May, so today is day 5,"), "{:?}", en.opening);
    }

    #[test]
    fn the_day_count_runs_across_month_ends_and_29_february() {
        let (mut c, s) = (customer(), settings());
        // The purchase as the due item names it.
        c.purchases.clear();
        let day = |bought: NaiveDate, on: NaiveDate| {
            let it = post_purchase(30, bought);
            let filled = fill(&script(Lang::Zh, "第{天数}天"), &ctx(Some(&c), Some(&it), &[], &s, on));
            text(&filled.opening, Lang::Zh)
        };
        assert_eq!(day(d(2026, 1, 31), d(2026, 3, 2)), "第30天");
        assert_eq!(day(d(2028, 1, 31), d(2028, 3, 2)), "第31天", "2028 has 29 February");
        assert_eq!(day(d(2026, 12, 30), d(2027, 1, 2)), "第3天");
    }

    #[test]
    fn a_call_on_the_day_of_the_purchase_leaves_the_day_for_the_agent_to_say() {
        let (c, s) = (customer(), settings());
        let it = post_purchase(3, d(2026, 5, 27));
        let filled = fill(&script(Lang::Zh, "第{天数}天"), &ctx(Some(&c), Some(&it), &[], &s, d(2026, 5, 27)));
        assert_eq!(
            filled.opening,
            vec![Segment::Text("第".into()), Segment::Missing(Placeholder::Day), Segment::Text("天".into())]
        );
    }

    #[test]
    fn a_visit_without_a_due_item_counts_the_days_since_the_last_purchase() {
        let (c, s) = (customer(), settings());
        let filled = fill(&script(Lang::Zh, "{产品}买了{天数}天"), &ctx(Some(&c), None, &[], &s, d(2026, 6, 6)));
        assert_eq!(text(&filled.opening, Lang::Zh), "净水器买了10天");
    }

    #[test]
    fn a_birthday_greeting_before_the_day_says_how_soon_it_is() {
        let c = customer();
        let it = birthday_item(d(2026, 6, 5));
        let zh = greeting(Lang::Zh, &c, Some(&it), d(2026, 6, 3));
        assert!(
            text(&zh.opening, Lang::Zh).contains("我是星辰家电的小王。后天就是您的生日了，星辰家电祝您生日快乐！"),
            "{:?}",
            zh.opening
        );
        let zh = greeting(Lang::Zh, &c, Some(&it), d(2026, 6, 1));
        assert!(text(&zh.opening, Lang::Zh).contains("再过4天就是您的生日了"), "{:?}", zh.opening);
        let en = greeting(Lang::En, &c, Some(&it), d(2026, 6, 4));
        assert!(text(&en.opening, Lang::En).contains("Your birthday is tomorrow, and all of us at 星辰家电 wish you"));
    }

    #[test]
    fn a_birthday_greeting_on_the_day_does_not_say_in_advance() {
        let c = customer();
        let it = birthday_item(d(2026, 6, 5));
        let zh = greeting(Lang::Zh, &c, Some(&it), d(2026, 6, 5));
        assert!(text(&zh.opening, Lang::Zh).contains("今天是您的生日，星辰家电祝您生日快乐！"), "{:?}", zh.opening);
        assert!(!spoken(&zh).contains("提前"), "{}", spoken(&zh));
        let en = greeting(Lang::En, &c, Some(&it), d(2026, 6, 5));
        assert!(text(&en.opening, Lang::En).contains("Today is your birthday, and all of us"), "{:?}", en.opening);
        assert!(!spoken(&en).contains("in advance") && !spoken(&en).contains("coming up"), "{}", spoken(&en));
    }

    #[test]
    fn a_birthday_call_after_the_birthday_says_it_has_passed() {
        let c = customer();
        let it = birthday_item(d(2026, 6, 5));
        let said = |on: NaiveDate| {
            let f = greeting(Lang::Zh, &c, Some(&it), on);
            assert!(!spoken(&f).contains("提前"), "{}", spoken(&f));
            text(&f.opening, Lang::Zh)
        };
        assert!(said(d(2026, 6, 6)).contains("昨天是您的生日"));
        assert!(said(d(2026, 6, 9)).contains("您的生日刚过"));
        // Two months late, the date itself: nothing in the sentence says it is still to come.
        assert!(said(d(2026, 8, 5)).contains("6月5日是您的生日，星辰家电祝您生日快乐"), "{}", said(d(2026, 8, 5)));
        let en = greeting(Lang::En, &c, Some(&it), d(2026, 6, 7));
        assert!(text(&en.opening, Lang::En).contains("Your birthday was 2 days ago"), "{:?}", en.opening);
    }

    #[test]
    fn a_29_february_birthday_is_kept_on_28_february_in_a_common_year() {
        let mut c = customer();
        c.birthday = Some(Birthday { date: d(1992, 2, 29), lunar: false });
        let said = |on: NaiveDate| text(&greeting(Lang::Zh, &c, None, on).opening, Lang::Zh);
        assert!(said(d(2027, 2, 28)).contains("今天是您的生日"), "{}", said(d(2027, 2, 28)));
        assert!(said(d(2027, 3, 1)).contains("昨天是您的生日"), "{}", said(d(2027, 3, 1)));
        assert!(said(d(2028, 2, 28)).contains("明天就是您的生日了"), "{}", said(d(2028, 2, 28)));
        assert!(said(d(2028, 2, 29)).contains("今天是您的生日"), "{}", said(d(2028, 2, 29)));
    }

    #[test]
    fn a_birthday_across_the_new_year_is_seen_from_the_day_of_the_call() {
        let mut c = customer();
        c.birthday = Some(Birthday { date: d(1990, 1, 1), lunar: false });
        let said = |on: NaiveDate| text(&greeting(Lang::Zh, &c, None, on).opening, Lang::Zh);
        assert!(said(d(2026, 12, 30)).contains("后天就是您的生日了"), "{}", said(d(2026, 12, 30)));
        assert!(said(d(2027, 1, 2)).contains("昨天是您的生日"), "{}", said(d(2027, 1, 2)));
    }

    #[test]
    fn a_lunar_birthday_is_today_on_its_lunar_anniversary() {
        let born = crate::domain::lunar::mid_autumn(1990).unwrap();
        let this_year = crate::domain::lunar::mid_autumn(2026).unwrap();
        assert_ne!((born.month(), born.day()), (this_year.month(), this_year.day()));
        let mut c = customer();
        c.birthday = Some(Birthday { date: born, lunar: true });
        let f = greeting(Lang::Zh, &c, None, this_year);
        assert!(text(&f.opening, Lang::Zh).contains("今天是您的生日"), "{:?}", f.opening);
    }

    #[test]
    fn a_holiday_greeting_says_where_the_holiday_is_from_the_day_of_the_call() {
        let (c, s) = (customer(), settings());
        let it = item(Scenario::Holiday, vec![DueReason::Holiday { name: "中秋节".into(), date: d(2026, 9, 25) }]);
        let said = |lang: Lang, on: NaiveDate| {
            let f = fill(&builtin::script("holiday", lang).unwrap(), &ctx(Some(&c), Some(&it), &[], &s, on));
            assert!(!spoken(&f).contains("提前") && !spoken(&f).contains("around the corner"), "{}", spoken(&f));
            text(&f.opening, lang)
        };
        assert!(said(Lang::Zh, d(2026, 9, 24)).contains("明天就是中秋节了，星辰家电祝您和家人节日快乐！"));
        assert!(said(Lang::Zh, d(2026, 9, 25)).contains("今天是中秋节，星辰家电祝您和家人节日快乐！"));
        assert!(said(Lang::Zh, d(2026, 9, 27)).contains("前天是中秋节"));
        assert!(said(Lang::En, d(2026, 9, 25)).contains("Today is 中秋节, and all of us at 星辰家电 wish you"));
    }

    #[test]
    fn the_tier_is_said_as_vip_member_or_long_standing_customer_never_by_its_internal_name() {
        let s = settings();
        let mut c = customer();
        c.registered_on = d(2025, 1, 10);
        let said = |c: &Customer, tier: Tier, lang: Lang, on: NaiveDate| {
            let mut it = item(Scenario::Care, vec![DueReason::Care { last_contact: None }]);
            it.tier = tier;
            let template = if lang == Lang::Zh { "{等级}客户" } else { "{tier} customers" };
            text(&fill(&script(lang, template), &ctx(Some(c), Some(&it), &[], &s, on)).opening, lang)
        };
        let on = d(2026, 6, 3);
        assert_eq!(said(&c, Tier::Diamond, Lang::Zh, on), "VIP客户");
        assert_eq!(said(&c, Tier::Gold, Lang::Zh, on), "会员客户");
        assert_eq!(said(&c, Tier::Silver, Lang::Zh, on), "老客户");
        assert_eq!(said(&c, Tier::Basic, Lang::En, on), "loyal customers");
        // A customer since last month is not yet a 老客户.
        let mut new = customer();
        new.registered_on = d(2026, 5, 20);
        new.purchases.retain(|p| p.date >= d(2026, 5, 20));
        assert_eq!(said(&new, Tier::Silver, Lang::Zh, on), "新客户");
    }

    #[test]
    fn no_built_in_script_says_the_internal_tier_name_to_the_customer() {
        let (c, s) = (customer(), settings());
        for lang in Lang::ALL {
            let labels = &crate::i18n::texts(lang).labels;
            for script in builtin::all(lang) {
                for tier in Tier::ALL {
                    let mut it = item(script.scenario, vec![]);
                    it.tier = tier;
                    let said = spoken(&fill(&script, &ctx(Some(&c), Some(&it), &[], &s, d(2026, 6, 3))));
                    for named in Tier::ALL {
                        let name = (labels.tier)(named);
                        let internal =
                            if lang == Lang::Zh { format!("{name}客户") } else { format!("{name} customer") };
                        assert!(
                            !said.contains(&internal),
                            "{} ({lang:?}, {tier:?}) says {internal}: {said}",
                            script.name
                        );
                    }
                }
            }
        }
    }

    /// Read aloud, no built-in script says two punctuation marks in a row ("漏水。，今天",
    /// "about 漏水。, and") once filled, whatever the notes end with: each is filled for a customer
    /// whose complaint was noted as a sentence, in both languages.
    #[test]
    fn no_built_in_script_reads_two_punctuation_marks_in_a_row_once_filled() {
        let (c, s) = (complained("净水器漏水。"), settings());
        let marks = "。，、；：！？,.;:!?";
        for lang in Lang::ALL {
            for script in builtin::all(lang) {
                let it = item(script.scenario, vec![]);
                let said = spoken(&fill(&script, &ctx(Some(&c), Some(&it), &[], &s, d(2026, 6, 3))));
                let chars: Vec<char> = said.chars().collect();
                let doubled = chars.windows(2).find(|w| marks.contains(w[0]) && marks.contains(w[1]));
                assert!(doubled.is_none(), "{} ({lang:?}) says {doubled:?}: {said}", script.name);
            }
        }
    }

    #[test]
    fn an_escalation_call_introduces_the_caller_by_their_own_name() {
        let (c, s) = (customer(), settings());
        let it = item(Scenario::Escalation, vec![DueReason::Escalation { unanswered: 2 }]);
        let f =
            fill(&builtin::script("escalation", Lang::Zh).unwrap(), &ctx(Some(&c), Some(&it), &[], &s, d(2026, 6, 3)));
        assert!(text(&f.opening, Lang::Zh).contains("我是星辰家电为您安排的专属顾问小王。"), "{:?}", f.opening);
        assert!(f.missing.is_empty(), "{:?}", f.missing);
    }

    #[test]
    fn no_built_in_says_in_advance_or_just_now_on_a_later_day_than_planned() {
        use crate::domain::scripts::sample::sample;
        let s = settings();
        let planned = d(2026, 6, 3);
        for lang in Lang::ALL {
            for script in builtin::all(lang) {
                let sample = sample(&script, planned, crate::i18n::library::sample_words);
                // The sample's birthday and holiday are three days after the planned day.
                for late in [3, 4, 40] {
                    let on = add_days(planned, late);
                    let ctx = ctx(Some(&sample.customer), Some(&sample.item), &sample.feedback, &s, on);
                    let said = spoken(&fill(&script, &ctx));
                    for untrue in [
                        "提前",
                        "快到了",
                        "马上就要",
                        "刚才",
                        "in advance",
                        "around the corner",
                        "starts soon",
                        "coming up on",
                    ] {
                        assert!(
                            !said.contains(untrue),
                            "{} ({lang:?}) on day +{late} says {untrue:?}: {said}",
                            script.name
                        );
                    }
                }
            }
        }
    }
}
