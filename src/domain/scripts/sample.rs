//! A sample customer and due item to preview a script with, before any real customer exists.
//!
//! The sample fits the script: a care script for Diamond customers is previewed with a Diamond
//! customer, a complaint script with a complaint of its severity and round, so that every
//! placeholder a built-in uses has a value except the user's own profile (their name, company
//! and hotline), which comes from the settings and shows as missing until they fill it in.
//! Its dates are around `today`, the day the preview is filled for, so the time words read as
//! they would on a real call: the purchase a week ago, the birthday and holiday in three days.

use super::{Round, Script};
use crate::domain::agenda::{DueItem, DueReason, ItemStatus, Responsible};
use crate::domain::customer::{
    Birthday, ContactMethod, Customer, Honorific, Purchase, ServiceEvent, ServiceEventKind, Severity,
};
use crate::domain::date::add_days;
use crate::domain::lang::Lang;
use crate::domain::scenario::Scenario;
use crate::domain::tier::Tier;
use crate::domain::visit::{FeedbackItem, FeedbackKind, FeedbackStatus};
use chrono::{Datelike, NaiveDate};

/// What [`super::fill`] needs besides the settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub customer: Customer,
    pub item: DueItem,
    pub feedback: Vec<FeedbackItem>,
}

/// The sample's words in one language: who the customer is and what they bought, complained
/// about and asked for (the catalogue's `library.sample`).
pub struct SampleWords {
    pub name: &'static str,
    pub product: &'static str,
    pub problem: &'static str,
    pub holiday: &'static str,
    pub campaign: &'static str,
    pub need: &'static str,
}

const PURCHASE: &str = "sample-purchase";
const COMPLAINT: &str = "sample-complaint";
const SERVICE: &str = "sample-service";
const FEEDBACK: &str = "sample-feedback";

/// The sample for previewing `script` on `today`, in the script's language (`words` is asked for
/// it).
pub fn sample(script: &Script, today: NaiveDate, words: fn(Lang) -> &'static SampleWords) -> Sample {
    let t = words(script.lang);
    let days_ago = |n: i64| add_days(today, -n);
    let tier = script.focus.tier.unwrap_or(Tier::Gold);
    let severity = script.focus.severity.unwrap_or(Severity::General);
    let product = script.focus.product.as_deref().map(str::trim).filter(|p| !p.is_empty()).unwrap_or(t.product);

    let birthday = add_days(today, 3);
    let purchase = Purchase {
        id: PURCHASE.into(),
        date: days_ago(7),
        amount: Default::default(),
        product: product.to_string(),
        note: String::new(),
    };
    let event = |id: &str, ago: i64, kind: ServiceEventKind, note: &str| ServiceEvent {
        id: id.into(),
        date: days_ago(ago),
        kind,
        note: note.into(),
    };
    let customer = Customer {
        id: "sample".into(),
        name: t.name.into(),
        honorific: Honorific::Mr,
        need: script.focus.need.unwrap_or_default(),
        tier: Some(tier),
        birthday: NaiveDate::from_ymd_opt(1985, birthday.month(), birthday.day())
            .map(|date| Birthday { date, lunar: false }),
        registered_on: days_ago(10),
        purchases: vec![purchase.clone()],
        events: vec![
            event(COMPLAINT, 5, ServiceEventKind::ComplaintRaised { severity }, t.problem),
            event("sample-resolved", 2, ServiceEventKind::ComplaintResolved { complaint: COMPLAINT.into() }, ""),
            event(SERVICE, 2, ServiceEventKind::RepairDone, t.problem),
        ],
        ..Customer::default()
    };
    let feedback_item = |kind: FeedbackKind, text: &str, closed: bool| FeedbackItem {
        id: FEEDBACK.into(),
        customer_id: customer.id.clone(),
        kind,
        text: text.into(),
        status: if closed { FeedbackStatus::Closed } else { FeedbackStatus::Open },
        raised_on: days_ago(30),
        closed_on: closed.then(|| days_ago(1)),
        ..FeedbackItem::default()
    };

    let mut feedback = Vec::new();
    let reason = match script.scenario {
        Scenario::Activation => DueReason::Activation { anchor: purchase.date },
        Scenario::PostPurchase => DueReason::PostPurchase {
            purchase_id: purchase.id.clone(),
            purchase_date: purchase.date,
            product: purchase.product.clone(),
            day: 7,
            carried: Vec::new(),
        },
        Scenario::AfterService => DueReason::AfterService { event_id: SERVICE.into(), date: days_ago(2) },
        Scenario::ComplaintFollowUp => DueReason::ComplaintFollowUp {
            complaint_id: COMPLAINT.into(),
            resolved_on: days_ago(2),
            severity,
            round: if script.focus.round == Some(Round::Later) { 2 } else { 1 },
        },
        Scenario::Care => DueReason::Care { last_contact: Some(days_ago(30)) },
        Scenario::Birthday => DueReason::Birthday { date: birthday, lunar: false },
        Scenario::Holiday => DueReason::Holiday { name: t.holiday.into(), date: add_days(today, 3) },
        Scenario::Campaign => DueReason::Campaign { campaign_id: "sample-campaign".into(), name: t.campaign.into() },
        Scenario::Incident => DueReason::Incident { event_id: SERVICE.into(), date: days_ago(1) },
        Scenario::QualitySampling => DueReason::QualitySampling { year: today.year(), month: today.month() },
        Scenario::Escalation => DueReason::Escalation { unanswered: 2 },
        Scenario::SmsCare => DueReason::SmsCare { visit_id: "sample-visit".into() },
        Scenario::FeedbackClosure => {
            feedback.push(feedback_item(FeedbackKind::FollowUp, t.problem, true));
            DueReason::FeedbackClosure { feedback_id: FEEDBACK.into() }
        }
        Scenario::IntentionCheck => {
            feedback.push(feedback_item(FeedbackKind::PotentialNeed, t.need, false));
            DueReason::IntentionCheck { feedback_id: FEEDBACK.into() }
        }
        Scenario::Manual => DueReason::NextVisit { visit_id: "sample-visit".into() },
        Scenario::ComplaintHandling => {
            DueReason::ComplaintHandling { complaint_id: COMPLAINT.into(), raised_on: days_ago(5), severity }
        }
        Scenario::FeedbackDue => {
            feedback.push(feedback_item(FeedbackKind::FollowUp, t.problem, false));
            DueReason::FeedbackDue { feedback_id: FEEDBACK.into(), deadline: today, urgent: true }
        }
    };
    let reasons = vec![reason];
    let item = DueItem {
        key: "sample".into(),
        customer_id: customer.id.clone(),
        scenario: script.scenario,
        reasons,
        earliest: today,
        ideal: today,
        latest: add_days(today, 2),
        method: ContactMethod::Phone,
        tier,
        responsible: Responsible::Agent,
        on_site: false,
        status: ItemStatus::Open,
    };
    Sample { customer, item, feedback }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scripts::{FillContext, Placeholder, builtin, fill};
    use crate::domain::settings::Settings;
    use crate::i18n::library::sample_words;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 3).unwrap()
    }

    fn preview(script: &Script, settings: &Settings) -> Vec<Placeholder> {
        let s = sample(script, today(), sample_words);
        let ctx = FillContext {
            customer: Some(&s.customer),
            item: Some(&s.item),
            feedback: &s.feedback,
            settings,
            on: today(),
            words: crate::i18n::scripts::fill_words,
        };
        fill(script, &ctx).missing
    }

    #[test]
    fn previewing_any_built_in_fills_everything_once_the_profile_is_filled_in() {
        let mut settings = Settings::default();
        settings.profile.agent_name = "小王".into();
        settings.profile.company = "星辰家电".into();
        settings.profile.hotline = "400-800-1234".into();
        for lang in Lang::ALL {
            for script in builtin::all(lang) {
                assert_eq!(preview(&script, &settings), vec![], "{} in {lang:?}", script.name);
            }
        }
    }

    #[test]
    fn without_a_profile_only_the_users_own_details_are_shown_as_missing() {
        let settings = Settings::default();
        let own = [Placeholder::Agent, Placeholder::Company, Placeholder::Hotline];
        let care = builtin::script("care_gold", Lang::Zh).unwrap();
        let missing = preview(&care, &settings);
        assert!(missing.contains(&Placeholder::Agent), "{missing:?}");
        for script in builtin::all(Lang::Zh) {
            let missing = preview(&script, &settings);
            assert!(missing.iter().all(|p| own.contains(p)), "{}: {missing:?}", script.name);
        }
    }

    #[test]
    fn the_sample_fits_the_scripts_focus() {
        let mut diamond = builtin::script("care_diamond", Lang::En).unwrap();
        diamond.focus.product = Some("water filter".into());
        let s = sample(&diamond, today(), sample_words);
        assert_eq!(s.item.tier, Tier::Diamond);
        assert_eq!(s.customer.purchases[0].product, "water filter");
        assert_eq!(s.customer.name, "Wei Zhang");

        let repeat = builtin::script("complaint_repeat", Lang::Zh).unwrap();
        let s = sample(&repeat, today(), sample_words);
        assert!(matches!(s.item.reasons[0], DueReason::ComplaintFollowUp { round: 2, .. }), "{:?}", s.item.reasons);
    }
}
