//! Strings of the visit record form: field names, the messages shown next to a field, and the
//! summary of an edit kept in the timeline.

use crate::domain::record::{DuplicateError, RecordError, VisitChange};
use crate::i18n::Lang;
use crate::i18n::format::{date_long, date_time};
use crate::i18n::labels::{EN as L_EN, ZH as L_ZH};

pub struct RecordTexts {
    pub method: &'static str,
    pub scenario: &'static str,
    pub date: &'static str,
    pub time: &'static str,
    pub outcome: &'static str,
    pub content: &'static str,
    pub satisfaction: &'static str,
    pub satisfaction_level: &'static str,
    pub recommend: &'static str,
    pub next_visit: &'static str,
    pub complaint_settled: &'static str,
    pub signature: &'static str,
    pub no_signature_reason: &'static str,
    pub feedback: &'static str,
    pub feedback_kind: &'static str,
    pub feedback_text: &'static str,
    pub category: &'static str,
    pub priority: &'static str,
    pub department: &'static str,
    pub deadline: &'static str,
    pub status: &'static str,
    pub duplicate_of: &'static str,
    pub returned_title: &'static str,
    /// The message next to a field.
    pub error: fn(&RecordError) -> String,
    /// "结果：未接听 → 已接通；修改了回访内容".
    pub edit_summary: fn(&[VisitChange]) -> String,
}

fn error_zh(e: &RecordError) -> String {
    match e {
        RecordError::Required => "请填写这一项。".into(),
        RecordError::Date(d) => {
            use crate::domain::date::DateError::*;
            match d {
                Empty => "请填写日期。".into(),
                Format => "看不懂这个日期，请按 2026-06-03 的格式填写。".into(),
                Impossible => "没有这一天，请检查月份和日期。".into(),
                OutOfRange => "年份超出范围（1901–2099）。".into(),
            }
        }
        RecordError::Time => "看不懂这个时间，请按 14:05 的格式填写。".into(),
        RecordError::InFuture => "回访时间不能晚于现在。".into(),
        RecordError::TooLong { max } => format!("内容太长了，最多 {max} 个字。"),
        RecordError::SatisfactionRange => "满意度请选 1 到 5 分。".into(),
        RecordError::SatisfactionMismatch { score, level } => {
            format!("{score} 分和“{}”对不上，请改一下分数或评价。", (L_ZH.satisfaction)(*level))
        }
        RecordError::NotReached => "未接通的回访不能填写这一项。".into(),
        RecordError::RecommendRange => "推荐意愿请选 0 到 10 分。".into(),
        RecordError::NextVisitNotAfterVisit => "下次回访日期要晚于这次回访。".into(),
        RecordError::RescheduleNeedsDate => "客户改约了，请填写约好的日期。".into(),
        RecordError::SignatureOrReason => "上门回访需要客户签字；客户没有签字的，请写明原因。".into(),
        RecordError::DepartmentRequired => "需跟进的问题请指定负责部门。".into(),
        RecordError::DeadlineBeforeVisit => "处理期限不能早于回访日期。".into(),
        RecordError::UrgentDeadlineTooLate { latest } => {
            format!("紧急问题的处理期限最晚为 {}；不紧急的请改为常规。", date_long(Lang::Zh, *latest))
        }
        RecordError::Duplicate(d) => match d {
            DuplicateError::Itself => "不能标记为与自己重复。".into(),
            DuplicateError::NotFound => "找不到要合并到的那条反馈事项，它可能已被删除。".into(),
            DuplicateError::Cycle => "那条事项已经标记为与这条重复，不能再反过来标记。".into(),
        },
    }
}

fn error_en(e: &RecordError) -> String {
    match e {
        RecordError::Required => "Please fill this in.".into(),
        RecordError::Date(d) => {
            use crate::domain::date::DateError::*;
            match d {
                Empty => "Please enter a date.".into(),
                Format => "That date isn't clear; use the form 2026-06-03.".into(),
                Impossible => "There is no such day; check the month and day.".into(),
                OutOfRange => "The year must be between 1901 and 2099.".into(),
            }
        }
        RecordError::Time => "That time isn't clear; use the form 14:05.".into(),
        RecordError::InFuture => "The visit can't be later than now.".into(),
        RecordError::TooLong { max } => format!("Too long: at most {max} characters."),
        RecordError::SatisfactionRange => "Choose a satisfaction score from 1 to 5.".into(),
        RecordError::SatisfactionMismatch { score, level } => {
            format!(
                "A score of {score} doesn't match “{}”; change the score or the rating.",
                (L_EN.satisfaction)(*level)
            )
        }
        RecordError::NotReached => "This can't be filled in when the customer wasn't reached.".into(),
        RecordError::RecommendRange => "Choose a likelihood to recommend from 0 to 10.".into(),
        RecordError::NextVisitNotAfterVisit => "The next visit must be after this one.".into(),
        RecordError::RescheduleNeedsDate => "The customer rescheduled: enter the date you agreed.".into(),
        RecordError::SignatureOrReason => {
            "An on-site visit needs the customer's signature, or the reason there is none.".into()
        }
        RecordError::DepartmentRequired => "Choose the department that will handle this follow-up.".into(),
        RecordError::DeadlineBeforeVisit => "The deadline can't be before the visit.".into(),
        RecordError::UrgentDeadlineTooLate { latest } => format!(
            "An urgent item's deadline is {} at the latest. If it isn't urgent, make it normal.",
            date_long(Lang::En, *latest)
        ),
        RecordError::Duplicate(d) => match d {
            DuplicateError::Itself => "An item can't be a duplicate of itself.".into(),
            DuplicateError::NotFound => "The original item can't be found; it may have been deleted.".into(),
            DuplicateError::Cycle => "That item is already marked as a duplicate of this one.".into(),
        },
    }
}

fn score(v: Option<u8>, lang: Lang) -> String {
    match (v, lang) {
        (Some(n), Lang::Zh) => format!("{n} 分"),
        (Some(n), Lang::En) => n.to_string(),
        (None, Lang::Zh) => "未填".into(),
        (None, Lang::En) => "not given".into(),
    }
}

fn summary(changes: &[VisitChange], lang: Lang) -> String {
    let l = match lang {
        Lang::Zh => &L_ZH,
        Lang::En => &L_EN,
    };
    let t = crate::i18n::texts(lang);
    let none = match lang {
        Lang::Zh => "未填",
        Lang::En => "not given",
    };
    let arrow = |name: &str, from: String, to: String| match lang {
        Lang::Zh => format!("{name}：{from} → {to}"),
        Lang::En => format!("{name}: {from} → {to}"),
    };
    let opt_date = |d: Option<chrono::NaiveDate>| d.map_or(none.to_string(), |d| date_long(lang, d));
    let opt_level = |s: Option<crate::domain::visit::SatisfactionLevel>| {
        s.map_or(none.to_string(), |s| (l.satisfaction)(s).to_string())
    };
    let r = &t.record;
    let parts: Vec<String> = changes
        .iter()
        .map(|c| match c {
            VisitChange::Method { from, to } => arrow(r.method, (l.method)(*from).into(), (l.method)(*to).into()),
            VisitChange::Scenario { from, to } => {
                arrow(r.scenario, (l.scenario)(*from).into(), (l.scenario)(*to).into())
            }
            VisitChange::Time { from, to } => arrow(r.time, date_time(lang, *from), date_time(lang, *to)),
            VisitChange::Outcome { from, to } => arrow(r.outcome, (l.outcome)(*from).into(), (l.outcome)(*to).into()),
            VisitChange::Content => match lang {
                Lang::Zh => "修改了回访内容".into(),
                Lang::En => "content edited".into(),
            },
            VisitChange::Satisfaction { from, to } => arrow(r.satisfaction, score(*from, lang), score(*to, lang)),
            VisitChange::SatisfactionLevel { from, to } => {
                arrow(r.satisfaction_level, opt_level(*from), opt_level(*to))
            }
            VisitChange::Recommend { from, to } => arrow(r.recommend, score(*from, lang), score(*to, lang)),
            VisitChange::NextVisit { from, to } => arrow(r.next_visit, opt_date(*from), opt_date(*to)),
            VisitChange::Signature => match lang {
                Lang::Zh => "签字有变动".into(),
                Lang::En => "signature changed".into(),
            },
            VisitChange::ComplaintSettled { to } => match (lang, to) {
                (Lang::Zh, true) => "标记为客户确认已解决".into(),
                (Lang::Zh, false) => "取消了“客户确认已解决”".into(),
                (Lang::En, true) => "marked as settled by the customer".into(),
                (Lang::En, false) => "no longer marked as settled".into(),
            },
            VisitChange::FeedbackAdded { count } => match lang {
                Lang::Zh => format!("新增 {count} 条反馈事项"),
                Lang::En if *count == 1 => "1 feedback item added".into(),
                Lang::En => format!("{count} feedback items added"),
            },
            VisitChange::FeedbackChanged { count } => match lang {
                Lang::Zh => format!("修改了 {count} 条反馈事项"),
                Lang::En if *count == 1 => "1 feedback item changed".into(),
                Lang::En => format!("{count} feedback items changed"),
            },
        })
        .collect();
    parts.join(if lang == Lang::Zh { "；" } else { "; " })
}

pub const RECORD_ZH: RecordTexts = RecordTexts {
    method: "回访方式",
    scenario: "回访场景",
    date: "日期",
    time: "时间",
    outcome: "结果",
    content: "回访内容",
    satisfaction: "满意度",
    satisfaction_level: "满意程度",
    recommend: "推荐意愿（0–10）",
    next_visit: "下次回访",
    complaint_settled: "客户确认已解决",
    signature: "客户签字",
    no_signature_reason: "未签字原因",
    feedback: "反馈事项",
    feedback_kind: "类型",
    feedback_text: "内容",
    category: "分类",
    priority: "紧急程度",
    department: "负责部门",
    deadline: "处理期限",
    status: "状态",
    duplicate_of: "与哪条重复",
    returned_title: "主管退回的记录",
    error: error_zh,
    edit_summary: |c| summary(c, Lang::Zh),
};

pub const RECORD_EN: RecordTexts = RecordTexts {
    method: "Method",
    scenario: "Scenario",
    date: "Date",
    time: "Time",
    outcome: "Outcome",
    content: "What was said",
    satisfaction: "Satisfaction",
    satisfaction_level: "Rating",
    recommend: "Likelihood to recommend (0–10)",
    next_visit: "Next visit",
    complaint_settled: "Customer confirms it is settled",
    signature: "Customer's signature",
    no_signature_reason: "Why there is no signature",
    feedback: "Feedback items",
    feedback_kind: "Kind",
    feedback_text: "Details",
    category: "Category",
    priority: "Priority",
    department: "Department",
    deadline: "Deadline",
    status: "Status",
    duplicate_of: "Duplicate of",
    returned_title: "Records returned by your supervisor",
    error: error_en,
    edit_summary: |c| summary(c, Lang::En),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::visit::SatisfactionLevel;
    use chrono::NaiveDate;

    #[test]
    fn every_form_message_reads_in_both_languages() {
        let e = RecordError::SatisfactionMismatch { score: 5, level: SatisfactionLevel::Dissatisfied };
        assert_eq!((RECORD_ZH.error)(&e), "5 分和“不满意”对不上，请改一下分数或评价。");
        assert_eq!((RECORD_EN.error)(&e), "A score of 5 doesn't match “Dissatisfied”; change the score or the rating.");
        let late = RecordError::UrgentDeadlineTooLate { latest: NaiveDate::from_ymd_opt(2026, 6, 4).unwrap() };
        assert!((RECORD_ZH.error)(&late).contains("最晚为 2026年6月4日"));
        assert!((RECORD_EN.error)(&late).contains("4 Jun 2026 at the latest"));
    }
}
