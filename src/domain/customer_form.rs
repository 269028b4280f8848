//! The customer, purchase and service-event forms: what the user typed (a draft of strings)
//! becomes typed fields or a list of errors, one per field, shown next to it. Nothing that fails
//! here reaches storage.

use crate::domain::customer::{
    Birthday, ContactMethod, Customer, Honorific, Id, NeedType, Purchase, ServiceEvent, ServiceEventKind, Severity,
};
use crate::domain::date::{DateError, parse_date};
use crate::domain::money::{Money, MoneyError};
use chrono::NaiveDate;

/// A field of one of the forms, for placing an error next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    /// The phone number at this position of the list.
    Phone(usize),
    Email,
    Birthday,
    RegisteredOn,
    Date,
    Amount,
    Product,
    Complaint,
    Reason,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("required")]
    Required,
    #[error("longer than {max} characters")]
    TooLong { max: usize },
    #[error("a phone number has only digits, spaces, dashes and a leading +")]
    PhoneLetters,
    #[error("too few digits for a phone number")]
    PhoneTooShort,
    #[error("too many digits for a phone number")]
    PhoneTooLong,
    #[error("not an e-mail address")]
    Email,
    #[error("{0}")]
    Date(DateError),
    #[error("a date in the future")]
    InFuture,
    #[error("{0}")]
    Amount(MoneyError),
    #[error("pick the complaint that was resolved")]
    NoComplaint,
    #[error("before the complaint was raised")]
    BeforeComplaint,
}

/// The errors of a form, in field order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormErrors(pub Vec<(Field, FieldError)>);

impl FormErrors {
    pub fn get(&self, field: Field) -> Option<&FieldError> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, e)| e)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn check<T>(&mut self, field: Field, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.0.push((field, e));
                None
            }
        }
    }
}

pub const NAME_MAX: usize = 40;
pub const PRODUCT_MAX: usize = 60;

/// Turns full-width digits and signs (typed with a Chinese input method) into ASCII.
fn half_width(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '０'..='９' | '＋' | '－' | '（' | '）' | '＠' | '．' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '　' => ' ',
            _ => c,
        })
        .collect()
}

fn required_text(input: &str, max: usize) -> Result<String, FieldError> {
    let text = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        Err(FieldError::Required)
    } else if text.chars().count() > max {
        Err(FieldError::TooLong { max })
    } else {
        Ok(text)
    }
}

/// A phone number as typed: digits with spaces, dashes, dots or brackets, a leading `+` for an
/// international number; full-width characters accepted. Returns it tidied (half-width, single
/// spaces), keeping the user's grouping: `010-6552 8888` stays readable.
pub fn parse_phone(input: &str) -> Result<String, FieldError> {
    let text = half_width(input).split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Err(FieldError::Required);
    }
    for (i, c) in text.chars().enumerate() {
        let allowed = c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.') || (c == '+' && i == 0);
        if !allowed {
            return Err(FieldError::PhoneLetters);
        }
    }
    let digits = text.chars().filter(char::is_ascii_digit).count();
    if digits < 5 {
        Err(FieldError::PhoneTooShort)
    } else if digits > 20 {
        Err(FieldError::PhoneTooLong)
    } else {
        Ok(text)
    }
}

/// The digits that identify a phone number, for search and for finding duplicates: `+86 138-0013-8000`
/// and `13800138000` are the same number.
pub fn phone_key(phone: &str) -> String {
    let digits: String = half_width(phone).chars().filter(char::is_ascii_digit).collect();
    for prefix in ["0086", "86"] {
        if let Some(rest) = digits.strip_prefix(prefix)
            && rest.len() == 11
            && rest.starts_with('1')
        {
            return rest.to_string();
        }
    }
    digits
}

pub fn parse_email(input: &str) -> Result<String, FieldError> {
    let text = half_width(input.trim());
    let Some((local, domain)) = text.split_once('@') else { return Err(FieldError::Email) };
    let ok = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !text.chars().any(char::is_whitespace)
        && text.len() <= 254;
    if ok { Ok(text) } else { Err(FieldError::Email) }
}

/// A date that cannot be later than today (a birthday, a registration, a purchase).
pub fn parse_past_date(input: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let date = parse_date(input).map_err(|e| match e {
        DateError::Empty => FieldError::Required,
        other => FieldError::Date(other),
    })?;
    if date > today { Err(FieldError::InFuture) } else { Ok(date) }
}

/// Tags typed in one field, separated by commas (either width), 、 or semicolons.
pub fn parse_tags(input: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in input.split([',', '，', '、', ';', '；', '\n']) {
        let tag = tag.trim();
        if !tag.is_empty() && !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    tags
}

/// What the customer form holds while the user types.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CustomerDraft {
    pub name: String,
    pub honorific: Honorific,
    pub phones: Vec<String>,
    pub email: String,
    pub wechat: String,
    pub address: String,
    pub birthday: String,
    pub birthday_lunar: bool,
    pub registered_on: String,
    pub source: String,
    pub tags: String,
    pub need: NeedType,
    pub preferred_method: Option<ContactMethod>,
    pub preferred_time: String,
    pub do_not_contact: bool,
    pub notes: String,
}

/// A valid customer form.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerFields {
    pub name: String,
    pub honorific: Honorific,
    pub phones: Vec<String>,
    pub email: String,
    pub wechat: String,
    pub address: String,
    pub birthday: Option<Birthday>,
    pub registered_on: NaiveDate,
    pub source: String,
    pub tags: Vec<String>,
    pub need: NeedType,
    pub preferred_method: Option<ContactMethod>,
    pub preferred_time: String,
    pub do_not_contact: bool,
    pub notes: String,
}

impl CustomerDraft {
    /// An empty form for a new customer, registered today.
    pub fn new(today: NaiveDate) -> CustomerDraft {
        CustomerDraft {
            phones: vec![String::new()],
            registered_on: crate::domain::date::iso(today),
            ..Default::default()
        }
    }

    pub fn from_customer(c: &Customer) -> CustomerDraft {
        CustomerDraft {
            name: c.name.clone(),
            honorific: c.honorific,
            phones: if c.phones.is_empty() { vec![String::new()] } else { c.phones.clone() },
            email: c.email.clone(),
            wechat: c.wechat.clone(),
            address: c.address.clone(),
            birthday: c.birthday.map(|b| crate::domain::date::iso(b.date)).unwrap_or_default(),
            birthday_lunar: c.birthday.is_some_and(|b| b.lunar),
            registered_on: crate::domain::date::iso(c.registered_on),
            source: c.source.clone(),
            tags: c.tags.join(", "),
            need: c.need,
            preferred_method: c.preferred_method,
            preferred_time: c.preferred_time.clone(),
            do_not_contact: c.do_not_contact,
            notes: c.notes.clone(),
        }
    }

    pub fn parse(&self, today: NaiveDate) -> Result<CustomerFields, FormErrors> {
        let mut errors = FormErrors::default();
        let name = errors.check(Field::Name, required_text(&self.name, NAME_MAX));
        let mut phones = Vec::new();
        for (i, phone) in self.phones.iter().enumerate() {
            if phone.trim().is_empty() {
                continue;
            }
            if let Some(p) = errors.check(Field::Phone(i), parse_phone(phone)) {
                phones.push(p);
            }
        }
        let email = if self.email.trim().is_empty() {
            Some(String::new())
        } else {
            errors.check(Field::Email, parse_email(&self.email))
        };
        // WeChat ids have no spaces; one typed by accident would break copying.
        let wechat: String = half_width(&self.wechat).chars().filter(|c| !c.is_whitespace()).collect();
        let birthday = if self.birthday.trim().is_empty() {
            Some(None)
        } else {
            errors
                .check(Field::Birthday, parse_past_date(&self.birthday, today))
                .map(|date| Some(Birthday { date, lunar: self.birthday_lunar }))
        };
        let registered_on = errors.check(Field::RegisteredOn, parse_past_date(&self.registered_on, today));
        match (name, email, birthday, registered_on) {
            (Some(name), Some(email), Some(birthday), Some(registered_on)) if errors.is_empty() => Ok(CustomerFields {
                name,
                honorific: self.honorific,
                phones,
                email,
                wechat,
                address: self.address.trim().to_string(),
                birthday,
                registered_on,
                source: self.source.trim().to_string(),
                tags: parse_tags(&self.tags),
                need: self.need,
                preferred_method: self.preferred_method,
                preferred_time: self.preferred_time.trim().to_string(),
                do_not_contact: self.do_not_contact,
                notes: self.notes.trim().to_string(),
            }),
            _ => Err(errors),
        }
    }
}

/// One part of the customer form, as two versions of a customer are compared part by part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DraftPart {
    Name,
    Honorific,
    Phones,
    Email,
    Wechat,
    Address,
    /// The date and whether it is lunar: one fact.
    Birthday,
    RegisteredOn,
    Source,
    Tags,
    Need,
    PreferredMethod,
    PreferredTime,
    DoNotContact,
    Notes,
}

impl DraftPart {
    pub const ALL: [DraftPart; 15] = [
        DraftPart::Name,
        DraftPart::Honorific,
        DraftPart::Phones,
        DraftPart::Email,
        DraftPart::Wechat,
        DraftPart::Address,
        DraftPart::Birthday,
        DraftPart::RegisteredOn,
        DraftPart::Source,
        DraftPart::Tags,
        DraftPart::Need,
        DraftPart::PreferredMethod,
        DraftPart::PreferredTime,
        DraftPart::DoNotContact,
        DraftPart::Notes,
    ];
}

/// The result of merging the user's edit with a version another tab saved meanwhile.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftMerge {
    /// The user's draft with every part only the other tab changed taken from it.
    pub draft: CustomerDraft,
    /// Parts only the other tab changed, now taken from it.
    pub taken: Vec<DraftPart>,
    /// Parts both changed, differently: the draft keeps the user's value until they choose.
    pub clashes: Vec<DraftPart>,
}

impl CustomerDraft {
    /// Whether two drafts say the same for one part. Phones compare without the empty rows the
    /// form adds, so an untouched extra row is not a change.
    pub fn same(&self, other: &CustomerDraft, part: DraftPart) -> bool {
        fn phones(d: &CustomerDraft) -> Vec<&str> {
            d.phones.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect()
        }
        match part {
            DraftPart::Name => self.name.trim() == other.name.trim(),
            DraftPart::Honorific => self.honorific == other.honorific,
            DraftPart::Phones => phones(self) == phones(other),
            DraftPart::Email => self.email.trim() == other.email.trim(),
            DraftPart::Wechat => self.wechat.trim() == other.wechat.trim(),
            DraftPart::Address => self.address.trim() == other.address.trim(),
            DraftPart::Birthday => {
                self.birthday.trim() == other.birthday.trim()
                    && (self.birthday.trim().is_empty() || self.birthday_lunar == other.birthday_lunar)
            }
            DraftPart::RegisteredOn => self.registered_on.trim() == other.registered_on.trim(),
            DraftPart::Source => self.source.trim() == other.source.trim(),
            DraftPart::Tags => parse_tags(&self.tags) == parse_tags(&other.tags),
            DraftPart::Need => self.need == other.need,
            DraftPart::PreferredMethod => self.preferred_method == other.preferred_method,
            DraftPart::PreferredTime => self.preferred_time.trim() == other.preferred_time.trim(),
            DraftPart::DoNotContact => self.do_not_contact == other.do_not_contact,
            DraftPart::Notes => self.notes.trim() == other.notes.trim(),
        }
    }

    /// Copies one part from another draft.
    pub fn take(&mut self, part: DraftPart, from: &CustomerDraft) {
        match part {
            DraftPart::Name => self.name = from.name.clone(),
            DraftPart::Honorific => self.honorific = from.honorific,
            DraftPart::Phones => self.phones = from.phones.clone(),
            DraftPart::Email => self.email = from.email.clone(),
            DraftPart::Wechat => self.wechat = from.wechat.clone(),
            DraftPart::Address => self.address = from.address.clone(),
            DraftPart::Birthday => {
                self.birthday = from.birthday.clone();
                self.birthday_lunar = from.birthday_lunar;
            }
            DraftPart::RegisteredOn => self.registered_on = from.registered_on.clone(),
            DraftPart::Source => self.source = from.source.clone(),
            DraftPart::Tags => self.tags = from.tags.clone(),
            DraftPart::Need => self.need = from.need,
            DraftPart::PreferredMethod => self.preferred_method = from.preferred_method,
            DraftPart::PreferredTime => self.preferred_time = from.preferred_time.clone(),
            DraftPart::DoNotContact => self.do_not_contact = from.do_not_contact,
            DraftPart::Notes => self.notes = from.notes.clone(),
        }
    }

    /// A three-way merge of the user's draft (`self`), started from `base`, with `theirs`, the
    /// version another tab saved meanwhile. Nobody's change is dropped silently: a part only one
    /// side changed keeps that change; a part both changed differently is a clash for the user.
    pub fn merge(&self, base: &CustomerDraft, theirs: &CustomerDraft) -> DraftMerge {
        let mut draft = self.clone();
        let mut taken = Vec::new();
        let mut clashes = Vec::new();
        for part in DraftPart::ALL {
            let they_changed = !theirs.same(base, part);
            if !they_changed || theirs.same(self, part) {
                continue;
            }
            if self.same(base, part) {
                draft.take(part, theirs);
                taken.push(part);
            } else {
                clashes.push(part);
            }
        }
        DraftMerge { draft, taken, clashes }
    }
}

impl CustomerFields {
    /// Writes the fields into a customer record, leaving its history and purchases alone.
    pub fn apply_to(self, c: &mut Customer) {
        c.name = self.name;
        c.honorific = self.honorific;
        c.phones = self.phones;
        c.email = self.email;
        c.wechat = self.wechat;
        c.address = self.address;
        c.birthday = self.birthday;
        c.registered_on = self.registered_on;
        c.source = self.source;
        c.tags = self.tags;
        c.need = self.need;
        c.preferred_method = self.preferred_method;
        c.preferred_time = self.preferred_time;
        c.do_not_contact = self.do_not_contact;
        c.notes = self.notes;
    }
}

/// The purchase form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PurchaseDraft {
    pub date: String,
    pub amount: String,
    pub product: String,
    pub note: String,
}

impl PurchaseDraft {
    pub fn new(today: NaiveDate) -> PurchaseDraft {
        PurchaseDraft { date: crate::domain::date::iso(today), ..Default::default() }
    }

    pub fn parse(&self, id: Id, today: NaiveDate) -> Result<Purchase, FormErrors> {
        let mut errors = FormErrors::default();
        let date = errors.check(Field::Date, parse_past_date(&self.date, today));
        let amount = errors.check(Field::Amount, parse_amount(&self.amount));
        let product = errors.check(Field::Product, required_text(&self.product, PRODUCT_MAX));
        match (date, amount, product) {
            (Some(date), Some(amount), Some(product)) => {
                Ok(Purchase { id, date, amount, product, note: self.note.trim().to_string() })
            }
            _ => Err(errors),
        }
    }
}

/// An order amount: more than zero, at most two decimals.
/// An amount of money: ¥0 is a purchase too (a gift, a free item), shown as free; negative ones
/// are refused.
pub fn parse_amount(input: &str) -> Result<Money, FieldError> {
    match Money::parse(input) {
        Ok(m) => Ok(m),
        Err(MoneyError::Empty) => Err(FieldError::Required),
        Err(e) => Err(FieldError::Amount(e)),
    }
}

/// The kinds of event the service form offers (a complaint is "settled" by a visit, not here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum EventChoice {
    #[default]
    ServiceDone,
    RepairDone,
    ComplaintRaised,
    ComplaintResolved,
    IncidentHandled,
}

impl EventChoice {
    pub const ALL: [EventChoice; 5] = [
        EventChoice::ServiceDone,
        EventChoice::RepairDone,
        EventChoice::ComplaintRaised,
        EventChoice::ComplaintResolved,
        EventChoice::IncidentHandled,
    ];
}

/// The service-event form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventDraft {
    pub date: String,
    pub kind: EventChoice,
    pub severity: Option<Severity>,
    /// The id of the complaint a "resolved" event closes.
    pub complaint: String,
    pub note: String,
}

impl EventDraft {
    pub fn new(today: NaiveDate) -> EventDraft {
        EventDraft { date: crate::domain::date::iso(today), severity: Some(Severity::General), ..Default::default() }
    }

    pub fn parse(&self, id: Id, customer: &Customer, today: NaiveDate) -> Result<ServiceEvent, FormErrors> {
        let mut errors = FormErrors::default();
        let date = errors.check(Field::Date, parse_past_date(&self.date, today));
        let kind = match self.kind {
            EventChoice::ServiceDone => Some(ServiceEventKind::ServiceDone),
            EventChoice::RepairDone => Some(ServiceEventKind::RepairDone),
            EventChoice::IncidentHandled => Some(ServiceEventKind::IncidentHandled),
            EventChoice::ComplaintRaised => {
                Some(ServiceEventKind::ComplaintRaised { severity: self.severity.unwrap_or(Severity::General) })
            }
            EventChoice::ComplaintResolved => {
                match customer.open_complaints().into_iter().find(|c| c.id == self.complaint) {
                    None => {
                        errors.0.push((Field::Complaint, FieldError::NoComplaint));
                        None
                    }
                    Some(raised) => {
                        if date.is_some_and(|d| d < raised.date) {
                            errors.0.push((Field::Date, FieldError::BeforeComplaint));
                        }
                        Some(ServiceEventKind::ComplaintResolved { complaint: raised.id.clone() })
                    }
                }
            }
        };
        match (date, kind) {
            (Some(date), Some(kind)) if errors.is_empty() => {
                Ok(ServiceEvent { id, date, kind, note: self.note.trim().to_string() })
            }
            _ => Err(errors),
        }
    }
}

/// The reason typed when overriding a tier: required, so that the history says why.
pub fn parse_reason(input: &str) -> Result<String, FormErrors> {
    required_text(input, 200).map_err(|e| FormErrors(vec![(Field::Reason, e)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drafted(edit: impl FnOnce(&mut CustomerDraft)) -> CustomerDraft {
        let mut d = CustomerDraft::new(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
        d.name = "张伟".into();
        d.phones = vec!["13800138000".into()];
        d.notes = "喜欢蓝色".into();
        edit(&mut d);
        d
    }

    #[test]
    fn a_part_only_the_other_tab_changed_is_taken_and_the_users_own_edit_kept() {
        let base = drafted(|_| {});
        let mine = drafted(|d| d.notes = "喜欢蓝色，周末有空".into());
        let theirs = drafted(|d| d.phones = vec!["13900139000".into()]);
        let merged = mine.merge(&base, &theirs);
        assert_eq!(merged.taken, vec![DraftPart::Phones]);
        assert!(merged.clashes.is_empty());
        assert_eq!(merged.draft.phones, vec!["13900139000".to_string()], "their new phone is not wiped");
        assert_eq!(merged.draft.notes, "喜欢蓝色，周末有空", "my note is kept");
    }

    #[test]
    fn a_part_both_changed_differently_is_a_clash_that_keeps_the_users_value_until_they_choose() {
        let base = drafted(|_| {});
        let mine = drafted(|d| d.notes = "周末有空".into());
        let theirs = drafted(|d| d.notes = "只在工作日联系".into());
        let merged = mine.merge(&base, &theirs);
        assert_eq!(merged.clashes, vec![DraftPart::Notes]);
        assert_eq!(merged.draft.notes, "周末有空");
        let mut chosen = merged.draft.clone();
        chosen.take(DraftPart::Notes, &theirs);
        assert_eq!(chosen.notes, "只在工作日联系");
    }

    #[test]
    fn the_same_change_on_both_sides_or_an_empty_phone_row_is_no_clash() {
        let base = drafted(|_| {});
        let mine = drafted(|d| {
            d.name = "张伟强".into();
            d.phones.push(String::new());
        });
        let theirs = drafted(|d| d.name = "张伟强 ".into());
        let merged = mine.merge(&base, &theirs);
        assert!(merged.clashes.is_empty(), "{:?}", merged.clashes);
        assert!(merged.taken.is_empty(), "{:?}", merged.taken);
        let lunar = drafted(|d| {
            d.birthday = "1990-03-02".into();
            d.birthday_lunar = true;
        });
        let solar = drafted(|d| d.birthday = "1990-03-02".into());
        assert!(!lunar.same(&solar, DraftPart::Birthday), "a lunar and a solar birthday differ");
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn today() -> NaiveDate {
        d(2026, 6, 3)
    }

    fn draft() -> CustomerDraft {
        CustomerDraft { name: "张伟".into(), ..CustomerDraft::new(today()) }
    }

    #[test]
    fn a_customer_with_only_a_name_is_valid_and_registered_today() {
        let fields = draft().parse(today()).expect("valid");
        assert_eq!(fields.name, "张伟");
        assert_eq!(fields.registered_on, today());
        assert!(fields.phones.is_empty(), "the empty phone row is dropped");
    }

    #[test]
    fn an_empty_or_blank_name_is_refused() {
        for name in ["", "   ", "\u{3000}"] {
            let errors = CustomerDraft { name: name.into(), ..draft() }.parse(today()).unwrap_err();
            assert_eq!(errors.get(Field::Name), Some(&FieldError::Required), "{name:?}");
        }
    }

    #[test]
    fn a_name_longer_than_forty_characters_is_refused() {
        let errors = CustomerDraft { name: "张".repeat(41), ..draft() }.parse(today()).unwrap_err();
        assert_eq!(errors.get(Field::Name), Some(&FieldError::TooLong { max: NAME_MAX }));
    }

    #[test]
    fn a_phone_with_letters_is_refused_and_the_error_names_its_row() {
        let d = CustomerDraft { phones: vec!["13800138000".into(), "1380013800O".into()], ..draft() };
        let errors = d.parse(today()).unwrap_err();
        assert_eq!(errors.get(Field::Phone(1)), Some(&FieldError::PhoneLetters));
        assert_eq!(errors.get(Field::Phone(0)), None);
    }

    #[test]
    fn phones_typed_with_separators_or_full_width_digits_are_kept_tidy() {
        assert_eq!(parse_phone(" 010-6552  8888 "), Ok("010-6552 8888".into()));
        assert_eq!(parse_phone("１３８００１３８０００"), Ok("13800138000".into()));
        assert_eq!(parse_phone("+86 138 0013 8000"), Ok("+86 138 0013 8000".into()));
        assert_eq!(parse_phone("138+0013"), Err(FieldError::PhoneLetters));
        assert_eq!(parse_phone("1234"), Err(FieldError::PhoneTooShort));
    }

    #[test]
    fn the_same_mobile_number_with_or_without_the_country_code_has_one_key() {
        assert_eq!(phone_key("+86 138-0013-8000"), "13800138000");
        assert_eq!(phone_key("008613800138000"), "13800138000");
        assert_eq!(phone_key("010-6552 8888"), "01065528888");
    }

    #[test]
    fn a_bad_email_is_refused_and_a_good_one_kept() {
        for bad in ["zhang", "zhang@", "@qq.com", "zhang@qq", "zhang wei@qq.com", "a@b@c.com", "a@.com"] {
            let errors = CustomerDraft { email: bad.into(), ..draft() }.parse(today()).unwrap_err();
            assert_eq!(errors.get(Field::Email), Some(&FieldError::Email), "{bad}");
        }
        let ok = CustomerDraft { email: " zhangwei@qq.com ".into(), ..draft() }.parse(today()).unwrap();
        assert_eq!(ok.email, "zhangwei@qq.com");
    }

    #[test]
    fn an_impossible_birthday_is_refused_and_a_29_february_accepted() {
        let errors = CustomerDraft { birthday: "1990-02-30".into(), ..draft() }.parse(today()).unwrap_err();
        assert_eq!(errors.get(Field::Birthday), Some(&FieldError::Date(DateError::Impossible)));
        let ok =
            CustomerDraft { birthday: "1992/2/29".into(), birthday_lunar: true, ..draft() }.parse(today()).unwrap();
        assert_eq!(ok.birthday, Some(Birthday { date: d(1992, 2, 29), lunar: true }));
    }

    #[test]
    fn a_registration_in_the_future_is_refused() {
        let errors = CustomerDraft { registered_on: "2026-06-04".into(), ..draft() }.parse(today()).unwrap_err();
        assert_eq!(errors.get(Field::RegisteredOn), Some(&FieldError::InFuture));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let d = CustomerDraft {
            name: String::new(),
            phones: vec!["abc".into()],
            email: "x".into(),
            birthday: "2026-13-01".into(),
            ..draft()
        };
        let fields: Vec<Field> = d.parse(today()).unwrap_err().0.into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, vec![Field::Name, Field::Phone(0), Field::Email, Field::Birthday]);
    }

    #[test]
    fn tags_are_split_on_either_comma_and_deduplicated() {
        assert_eq!(parse_tags("关注促销，常购滤芯, 关注促销、老客户"), vec!["关注促销", "常购滤芯", "老客户"]);
    }

    #[test]
    fn editing_a_customer_round_trips_through_the_form() {
        let mut c = Customer { name: "李娜".into(), phones: vec!["13900139000".into()], ..Customer::default() };
        c.tags = vec!["关注促销".into()];
        c.birthday = Some(Birthday { date: d(1988, 8, 8), lunar: true });
        c.registered_on = d(2025, 1, 2);
        let fields = CustomerDraft::from_customer(&c).parse(today()).unwrap();
        let mut again = c.clone();
        fields.apply_to(&mut again);
        assert_eq!(again, c);
    }

    #[test]
    fn a_purchase_needs_a_date_an_amount_not_below_zero_and_a_product() {
        let errors =
            PurchaseDraft { date: "2026-02-30".into(), amount: "-5".into(), product: " ".into(), note: String::new() }
                .parse("p".into(), today())
                .unwrap_err();
        assert_eq!(errors.get(Field::Date), Some(&FieldError::Date(DateError::Impossible)));
        assert_eq!(errors.get(Field::Amount), Some(&FieldError::Amount(MoneyError::Negative)));
        assert_eq!(errors.get(Field::Product), Some(&FieldError::Required));
        // A gift or a free item is a purchase at ¥0.
        let free = PurchaseDraft { amount: "0".into(), product: "滤芯".into(), ..PurchaseDraft::new(today()) };
        assert_eq!(free.parse("p".into(), today()).unwrap().amount, Money::ZERO);
        let ok = PurchaseDraft { amount: "¥1,280".into(), product: "净水器".into(), ..PurchaseDraft::new(today()) };
        assert_eq!(ok.parse("p".into(), today()).unwrap().amount, Money::from_yuan(1280));
    }

    fn with_complaint() -> Customer {
        let mut c = Customer { name: "王芳".into(), ..Customer::default() };
        c.events.push(ServiceEvent {
            id: "k1".into(),
            date: d(2026, 5, 20),
            kind: ServiceEventKind::ComplaintRaised { severity: Severity::Major },
            note: String::new(),
        });
        c
    }

    #[test]
    fn a_resolved_complaint_must_name_an_open_complaint_raised_before_it() {
        let c = with_complaint();
        let none = EventDraft { kind: EventChoice::ComplaintResolved, ..EventDraft::new(today()) };
        assert_eq!(
            none.parse("e".into(), &c, today()).unwrap_err().get(Field::Complaint),
            Some(&FieldError::NoComplaint)
        );
        let early = EventDraft {
            kind: EventChoice::ComplaintResolved,
            complaint: "k1".into(),
            date: "2026-05-19".into(),
            ..none.clone()
        };
        assert_eq!(
            early.parse("e".into(), &c, today()).unwrap_err().get(Field::Date),
            Some(&FieldError::BeforeComplaint)
        );
        let ok = EventDraft { complaint: "k1".into(), ..none };
        let event = ok.parse("e".into(), &c, today()).unwrap();
        assert_eq!(event.kind, ServiceEventKind::ComplaintResolved { complaint: "k1".into() });
        let mut c = c;
        c.events.push(event);
        assert!(c.open_complaints().is_empty(), "a resolved complaint is no longer open");
    }

    #[test]
    fn a_complaint_keeps_the_severity_chosen() {
        let draft = EventDraft {
            kind: EventChoice::ComplaintRaised,
            severity: Some(Severity::Important),
            ..EventDraft::new(today())
        };
        let event = draft.parse("e".into(), &Customer::default(), today()).unwrap();
        assert_eq!(event.kind, ServiceEventKind::ComplaintRaised { severity: Severity::Important });
    }

    #[test]
    fn an_override_needs_a_reason() {
        assert!(parse_reason("  ").is_err());
        assert_eq!(parse_reason(" 大客户推荐 "), Ok("大客户推荐".into()));
    }
}
