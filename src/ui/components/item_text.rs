//! How an agenda item reads, in the user's language: why it is due, its window and where it stands,
//! who it is for and how they are addressed. Shared by Today, the visit screen and a customer's
//! timeline.

use crate::domain::agenda::{DueItem, DueReason, Urgency};
use crate::domain::customer::{Customer, Honorific, Id};
use crate::domain::schedule::{MID_AUTUMN, SPRING_FESTIVAL};
use crate::i18n::{Lang, Texts, format};
use chrono::{Datelike, NaiveDate};

/// What a card needs to know about the customer, taken from the book once per computation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Who {
    pub id: Id,
    /// The name with its honorific ("张伟先生", "Mr 张伟"); a placeholder for a deleted customer.
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

impl Who {
    pub fn of(customer: &Customer, t: &Texts) -> Who {
        Who {
            id: customer.id.clone(),
            name: addressed(customer, t),
            phone: customer.phones.iter().map(|p| p.trim()).find(|p| !p.is_empty()).map(str::to_string),
            email: Some(customer.email.trim().to_string()).filter(|e| e.contains('@')),
        }
    }

    pub fn missing(id: &str, t: &Texts) -> Who {
        Who { id: id.into(), name: t.agenda.unknown_customer.to_string(), phone: None, email: None }
    }
}

/// The customer as addressed in a message: the name with 先生/女士 after it in Chinese, Mr/Ms
/// before it in English.
pub fn addressed(customer: &Customer, t: &Texts) -> String {
    let name = customer.name.trim();
    match (customer.honorific, t.lang) {
        (Honorific::None, _) => name.to_string(),
        (h, Lang::Zh) => format!("{name}{}", (t.labels.honorific)(h)),
        (h, Lang::En) => format!("{} {name}", (t.labels.honorific)(h)),
    }
}

fn date(t: &Texts, d: NaiveDate, this_year: i32) -> String {
    format::date_auto(t.lang, d, this_year)
}

pub fn holiday_name<'a>(t: &'a Texts, name: &'a str) -> &'a str {
    match name {
        SPRING_FESTIVAL => t.agenda.spring_festival,
        MID_AUTUMN => t.agenda.mid_autumn,
        other => other,
    }
}

/// One line saying why the item is due.
pub fn reason(t: &Texts, reason: &DueReason, this_year: i32) -> String {
    let a = &t.agenda;
    match reason {
        DueReason::Activation { anchor } => (a.reason_activation)(&date(t, *anchor, this_year)),
        DueReason::PostPurchase { purchase_date, product, day, carried, .. } => {
            (a.reason_post_purchase)(*day, product.trim(), &date(t, *purchase_date, this_year), carried)
        }
        DueReason::ComplaintHandling { raised_on, severity, .. } => {
            (a.reason_complaint_handling)((t.labels.severity)(*severity), &date(t, *raised_on, this_year))
        }
        DueReason::FeedbackDue { deadline, urgent, .. } => {
            (a.reason_feedback_due)(&date(t, *deadline, this_year), *urgent)
        }
        DueReason::AfterService { date: d, .. } => (a.reason_after_service)(&date(t, *d, this_year)),
        DueReason::ComplaintFollowUp { resolved_on, severity, round, .. } => {
            (a.reason_complaint)(*round, (t.labels.severity)(*severity), &date(t, *resolved_on, this_year))
        }
        DueReason::Care { last_contact } => (a.reason_care)(last_contact.map(|d| date(t, d, this_year)).as_deref()),
        DueReason::Birthday { date: d, lunar } => (a.reason_birthday)(&date(t, *d, this_year), *lunar),
        DueReason::Holiday { name, date: d } => (a.reason_holiday)(holiday_name(t, name), &date(t, *d, this_year)),
        DueReason::Campaign { name, .. } => (a.reason_campaign)(name),
        DueReason::Incident { date: d, .. } => (a.reason_incident)(&date(t, *d, this_year)),
        DueReason::QualitySampling { year, month } => (a.reason_sampling)(*year, *month),
        DueReason::Escalation { unanswered } => (a.reason_escalation)(*unanswered),
        DueReason::SmsCare { .. } => a.reason_sms_care.to_string(),
        DueReason::FeedbackClosure { .. } => a.reason_feedback_closure.to_string(),
        DueReason::IntentionCheck { .. } => a.reason_intention_check.to_string(),
        DueReason::NextVisit { .. } => a.reason_next_visit.to_string(),
    }
}

/// "窗口 6月3日–6月5日", or the single day.
pub fn window(t: &Texts, item: &DueItem, this_year: i32) -> String {
    if item.earliest == item.latest {
        (t.agenda.window_one_day)(&date(t, item.earliest, this_year))
    } else {
        (t.agenda.window)(&date(t, item.earliest, this_year), &date(t, item.latest, this_year))
    }
}

/// Where the item stands today ("逾期 3 天", "到期中", "2 天后开始") and its CSS class.
pub fn standing(t: &Texts, item: &DueItem, today: NaiveDate) -> (String, &'static str) {
    match item.urgency(today) {
        Urgency::Late(n) => ((t.agenda.late_by)(n), "late"),
        Urgency::Due if item.latest == today => (t.agenda.due_last_day.to_string(), "due"),
        Urgency::Due => (t.agenda.due_now.to_string(), "due"),
        Urgency::Upcoming => ((t.agenda.opens_in)((item.earliest - today).num_days()), "upcoming"),
    }
}

/// The customer-facing date in a message: "6月3日（周三）" / "Wed 3 Jun".
pub fn message_date(t: &Texts, d: NaiveDate) -> String {
    match t.lang {
        Lang::Zh => format!("{}（{}）", format::date_short(t.lang, d), format::weekday(t.lang, d.weekday())),
        Lang::En => format!("{} {}", format::weekday(t.lang, d.weekday()), format::date_short(t.lang, d)),
    }
}
