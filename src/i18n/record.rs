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
    pub title: &'static str,
    pub title_edit: &'static str,
    pub script_heading: &'static str,
    pub form_heading: &'static str,
    pub customer_missing: &'static str,
    pub item_gone: &'static str,
    pub card_items: &'static str,
    pub card_items_hint: &'static str,
    pub left_open_reason: &'static str,
    pub saved_undo: &'static str,
    pub visit_undone: &'static str,
    pub next_customer: fn(&str) -> String,
    pub session_done: &'static str,
    pub choose: &'static str,
    pub not_given: &'static str,
    pub optional: &'static str,
    pub add_feedback: &'static str,
    pub remove_feedback: &'static str,
    pub feedback_n: fn(usize) -> String,
    pub no_feedback: &'static str,
    pub not_duplicate: &'static str,
    pub deadline_hint: &'static str,
    pub next_visit_hint: &'static str,
    pub signature_hint: &'static str,
    pub save: &'static str,
    /// Next to the save button on a keyboard device: the shortcut that saves from any field.
    pub save_shortcut: &'static str,
    pub saved: &'static str,
    pub fix_errors: fn(usize) -> String,
    pub draft_restored: &'static str,
    pub discard_draft: &'static str,
    pub discard_title: &'static str,
    pub discard_body: &'static str,
    pub draft_discarded: &'static str,
    pub demotion_note: &'static str,
    pub window: &'static str,
    pub signed: &'static str,
    pub no_signature: fn(&str) -> String,
    pub agent: &'static str,
    pub edits_title: &'static str,
    pub close_item: &'static str,
    pub item_closed: &'static str,
    pub item_closed_plain: &'static str,
    pub duplicate_note: fn(&str) -> String,
    pub review_title: &'static str,
    pub reviewer: &'static str,
    pub review_comment: &'static str,
    pub review_date: &'static str,
    pub save_review: &'static str,
    pub review_saved: &'static str,
    pub reviewed: fn(&str, &str, &str) -> String,
    pub reason_required: &'static str,
    pub returned_intro: &'static str,
    /// Below the first returned records: how many more there are.
    pub returned_more: fn(usize) -> String,
    pub open_record: &'static str,
    pub edit_record: &'static str,
    pub record_missing: &'static str,
    pub new_visit: &'static str,
    pub back_to_customer: &'static str,
    pub raised_on: fn(&str) -> String,
    pub due_by: fn(&str) -> String,
    pub score: fn(u8) -> String,
    pub recommend_score: fn(u8) -> String,
    /// The message next to a field.
    pub error: fn(&RecordError) -> String,
    /// "结果：未接通 → 已接通；修改了回访内容".
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
        RecordError::ReviewBeforeVisit => "审核日期不能早于回访日期。".into(),
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
        RecordError::ReviewBeforeVisit => "The review can't be dated before the visit.".into(),
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
            VisitChange::Outcome { from, to } => {
                let phone = crate::domain::customer::ContactMethod::Phone;
                arrow(r.outcome, (l.outcome)(phone, *from).into(), (l.outcome)(phone, *to).into())
            }
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
    title: "回访记录",
    title_edit: "修改回访记录",
    script_heading: "话术",
    form_heading: "本次回访",
    customer_missing: "找不到这位客户，可能已被删除。",
    item_gone: "这条待办已不在日程里（可能已完成），仍可以记录这次回访。",
    card_items: "这次要办的事",
    card_items_hint: "没谈到的事取消勾选并写一句原因，它会留在日程里。",
    left_open_reason: "没办的原因",
    saved_undo: "已保存",
    visit_undone: "已撤销这次回访记录",
    next_customer: |name| format!("下一位：{name}"),
    session_done: "今天的客户都联系完了",
    choose: "请选择",
    not_given: "不填",
    optional: "选填",
    add_feedback: "添加反馈事项",
    remove_feedback: "删除这条",
    feedback_n: |n| format!("反馈事项 {n}"),
    no_feedback: "客户提出的问题、需求和建议记在这里，每条都会跟进到底。",
    not_duplicate: "不重复",
    deadline_hint: "留空按紧急程度安排：紧急 24 小时内，常规进月度计划。",
    next_visit_hint: "和客户约好了下次回访就填上，会排进日程。",
    signature_hint: "请客户在框内签字；客户不便签字时，写明原因。",
    save: "保存记录",
    save_shortcut: "Ctrl + Enter 保存",
    saved: "回访记录已保存。",
    fix_errors: |n| format!("还有 {n} 处需要修改，见标红的地方。"),
    draft_restored: "已恢复上次没保存的草稿。",
    discard_draft: "放弃草稿",
    discard_title: "放弃这份草稿？",
    discard_body: "已填写的内容会清空，表单重新开始。",
    draft_discarded: "草稿已放弃。",
    demotion_note: "连续未接通，自动降级",
    window: "时间窗口",
    signed: "客户已签字",
    no_signature: |r| format!("未签字：{r}"),
    agent: "坐席",
    edits_title: "修改记录",
    close_item: "标记为已解决",
    item_closed: "已关闭，并已安排告知客户问题已解决。",
    item_closed_plain: "已关闭。",
    duplicate_note: |t| format!("与“{t}”重复"),
    review_title: "主管审核",
    reviewer: "审核人",
    review_comment: "审核意见",
    review_date: "审核日期",
    save_review: "提交审核",
    review_saved: "审核意见已保存。",
    reviewed: |who, on, verdict| format!("{who} 于 {on} 审核：{verdict}"),
    reason_required: "退回时请写明要修改什么。",
    returned_intro: "主管退回了这些记录，请修改后重新保存。",
    returned_more: |n| format!("还有 {n} 条退回的记录，先处理上面这些。"),
    open_record: "查看记录",
    edit_record: "修改记录",
    record_missing: "找不到这条回访记录，可能已被删除。",
    new_visit: "新建回访",
    back_to_customer: "返回客户",
    raised_on: |d| format!("{d} 提出"),
    due_by: |d| format!("期限 {d}"),
    score: |n| format!("{n} 分"),
    recommend_score: |n| format!("推荐意愿 {n}/10"),
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
    title: "Visit record",
    title_edit: "Edit visit record",
    script_heading: "Script",
    form_heading: "This visit",
    customer_missing: "This customer can't be found; they may have been deleted.",
    item_gone: "This item is no longer on the agenda (it may be done already); you can still record the visit.",
    card_items: "What this contact is for",
    card_items_hint: "Untick anything you did not get to and say why in a few words; it stays on the agenda.",
    left_open_reason: "Why not",
    saved_undo: "Saved",
    visit_undone: "The visit record was undone",
    next_customer: |name| format!("Next: {name}"),
    session_done: "Everyone for today is contacted",
    choose: "Choose…",
    not_given: "—",
    optional: "optional",
    add_feedback: "Add a feedback item",
    remove_feedback: "Remove",
    feedback_n: |n| format!("Feedback item {n}"),
    no_feedback: "Problems, needs and suggestions the customer raised go here; each one is followed through.",
    not_duplicate: "Not a duplicate",
    deadline_hint: "Leave empty for the default: urgent within 24 h, normal to the monthly plan.",
    next_visit_hint: "If you agreed on a next visit, enter it and it goes on the agenda.",
    signature_hint: "Ask the customer to sign in the box; if they can't, write why.",
    save: "Save record",
    save_shortcut: "Ctrl + Enter saves",
    saved: "Visit record saved.",
    fix_errors: |n| {
        if n == 1 {
            "One field needs fixing: see the one marked in red.".into()
        } else {
            format!("{n} fields need fixing: see the ones marked in red.")
        }
    },
    draft_restored: "Your unsaved draft was restored.",
    discard_draft: "Discard draft",
    discard_title: "Discard this draft?",
    discard_body: "What you filled in is cleared and the form starts again.",
    draft_discarded: "Draft discarded.",
    demotion_note: "Unanswered calls in a row",
    window: "Window",
    signed: "Signed by the customer",
    no_signature: |r| format!("Not signed: {r}"),
    agent: "Agent",
    edits_title: "Changes",
    close_item: "Mark as solved",
    item_closed: "Closed; telling the customer it is solved is on the agenda.",
    item_closed_plain: "Closed.",
    duplicate_note: |t| format!("Duplicate of “{t}”"),
    review_title: "Supervisor review",
    reviewer: "Reviewer",
    review_comment: "Comment",
    review_date: "Review date",
    save_review: "Save review",
    review_saved: "Review saved.",
    reviewed: |who, on, verdict| format!("{verdict} by {who} on {on}"),
    reason_required: "Say what to change when you return a record.",
    returned_intro: "Your supervisor returned these records: edit and save them again.",
    returned_more: |n| format!("{n} more returned records: start with the ones above."),
    open_record: "Open the record",
    edit_record: "Edit record",
    record_missing: "This visit record can't be found; it may have been deleted.",
    new_visit: "New visit",
    back_to_customer: "Back to the customer",
    raised_on: |d| format!("raised {d}"),
    due_by: |d| format!("due {d}"),
    score: |n| format!("{n}/5"),
    recommend_score: |n| format!("likelihood to recommend {n}/10"),
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
