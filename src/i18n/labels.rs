//! Names of the domain's enums. Every `match` is exhaustive, so a new variant without a name in
//! both languages fails the build.

use crate::domain::customer::{ContactMethod, Honorific, NeedType, Severity};
use crate::domain::customer_form::EventChoice;
use crate::domain::scenario::Scenario;
use crate::domain::tier::{NoAnswerAction, Tier};
use crate::domain::visit::{FeedbackKind, FeedbackStatus, Outcome, Priority, SatisfactionLevel, Verdict};

pub struct Labels {
    pub tier: fn(Tier) -> &'static str,
    pub need: fn(NeedType) -> &'static str,
    pub honorific: fn(Honorific) -> &'static str,
    pub method: fn(ContactMethod) -> &'static str,
    pub scenario: fn(Scenario) -> &'static str,
    /// An outcome in the words of the method: a call gets through, a visit meets the customer,
    /// a message gets a reply.
    pub outcome: fn(ContactMethod, Outcome) -> &'static str,
    pub satisfaction: fn(SatisfactionLevel) -> &'static str,
    pub severity: fn(Severity) -> &'static str,
    pub feedback_kind: fn(FeedbackKind) -> &'static str,
    pub priority: fn(Priority) -> &'static str,
    pub feedback_status: fn(FeedbackStatus) -> &'static str,
    pub verdict: fn(Verdict) -> &'static str,
    /// What a tier's periodic visit carries, while the user keeps the built-in wording.
    pub tier_carries: fn(Tier) -> &'static str,
    /// A tier's script emphasis, while the user keeps the built-in wording.
    pub tier_emphasis: fn(Tier) -> &'static str,
    pub no_answer_action: fn(NoAnswerAction) -> &'static str,
    pub event_choice: fn(EventChoice) -> &'static str,
}

pub const ZH: Labels = Labels {
    tier: |t| match t {
        Tier::Diamond => "钻石",
        Tier::Gold => "黄金",
        Tier::Silver => "白银",
        Tier::Basic => "基础",
    },
    need: |n| match n {
        NeedType::Essential => "刚需",
        NeedType::Improvement => "改善型",
        NeedType::Trial => "尝鲜型",
    },
    honorific: |h| match h {
        Honorific::None => "不加称呼",
        Honorific::Mr => "先生",
        Honorific::Ms => "女士",
    },
    method: |m| match m {
        ContactMethod::Phone => "电话",
        ContactMethod::Sms => "短信",
        ContactMethod::Email => "电子邮件",
        ContactMethod::WeChat => "微信/社交",
        ContactMethod::Questionnaire => "在线问卷",
        ContactMethod::OnSite => "上门",
        ContactMethod::Letter => "信函",
    },
    scenario: |s| match s {
        Scenario::Activation => "新客户激活",
        Scenario::PostPurchase => "购买后回访",
        Scenario::AfterService => "服务后回访",
        Scenario::ComplaintFollowUp => "投诉回访",
        Scenario::Care => "老客户维护",
        Scenario::Birthday => "生日关怀",
        Scenario::Holiday => "节日关怀",
        Scenario::Campaign => "升级/活动通知",
        Scenario::Incident => "重大事故回访",
        Scenario::QualitySampling => "日常抽样回访",
        Scenario::Escalation => "转专属顾问跟进",
        Scenario::SmsCare => "短信关怀",
        Scenario::FeedbackClosure => "问题解决告知",
        Scenario::IntentionCheck => "意向确认",
        Scenario::Manual => "自定回访",
        Scenario::ComplaintHandling => "投诉跟进",
        Scenario::FeedbackDue => "问题处理期限",
    },
    outcome: |m, o| match (m, o) {
        (ContactMethod::Phone, Outcome::Reached) => "已接通",
        (ContactMethod::Phone, Outcome::NoAnswer) => "未接通",
        (ContactMethod::OnSite, Outcome::Reached) => "见到客户",
        (ContactMethod::OnSite, Outcome::NoAnswer) => "未见到",
        (_, Outcome::Reached) => "已联系上",
        (_, Outcome::NoAnswer) => "未回复",
        (_, Outcome::Refused) => "拒绝",
        (_, Outcome::Rescheduled) => "改约",
    },
    satisfaction: |s| match s {
        SatisfactionLevel::Satisfied => "满意",
        SatisfactionLevel::Neutral => "一般",
        SatisfactionLevel::Dissatisfied => "不满意",
    },
    severity: |s| match s {
        Severity::General => "一般",
        Severity::Important => "重要",
        Severity::Major => "重大",
    },
    feedback_kind: |k| match k {
        FeedbackKind::FollowUp => "需跟进问题",
        FeedbackKind::PotentialNeed => "潜在需求",
        FeedbackKind::Suggestion => "建议类",
    },
    priority: |p| match p {
        Priority::Urgent => "紧急（24 小时内）",
        Priority::Normal => "常规（纳入月度计划）",
    },
    feedback_status: |s| match s {
        FeedbackStatus::Open => "待处理",
        FeedbackStatus::InProgress => "处理中",
        FeedbackStatus::Closed => "已关闭",
    },
    verdict: |v| match v {
        Verdict::Approved => "通过",
        Verdict::Returned => "退回",
    },
    tier_carries: |t| match t {
        Tier::Diamond => "专属优惠券",
        Tier::Gold => "会员活动邀请",
        Tier::Silver => "新品试用邀请",
        Tier::Basic => "节日问候",
    },
    tier_emphasis: |t| match t {
        Tier::Diamond => "产品更新、尊享服务",
        Tier::Gold => "个性化推荐、积分",
        Tier::Silver => "产品功能、促销活动",
        Tier::Basic => "品牌活动、基础产品",
    },
    no_answer_action: |a| match a {
        NoAnswerAction::HandToSpecialist => "转专属顾问一对一跟进",
        NoAnswerAction::SmsCare => "发送短信关怀",
        NoAnswerAction::DemoteToBasic => "降为基础客户",
        NoAnswerAction::StopPeriodic => "停止定期回访",
    },
    event_choice: |e| match e {
        EventChoice::ServiceDone => "服务完成",
        EventChoice::RepairDone => "维修完成",
        EventChoice::ComplaintRaised => "客户投诉",
        EventChoice::ComplaintResolved => "投诉已解决",
        EventChoice::IncidentHandled => "事故已处理",
    },
};

pub const EN: Labels = Labels {
    tier: |t| match t {
        Tier::Diamond => "Diamond",
        Tier::Gold => "Gold",
        Tier::Silver => "Silver",
        Tier::Basic => "Basic",
    },
    need: |n| match n {
        NeedType::Essential => "Essential",
        NeedType::Improvement => "Improvement",
        NeedType::Trial => "Trial",
    },
    honorific: |h| match h {
        Honorific::None => "No honorific",
        Honorific::Mr => "Mr",
        Honorific::Ms => "Ms",
    },
    method: |m| match m {
        ContactMethod::Phone => "Phone",
        ContactMethod::Sms => "SMS",
        ContactMethod::Email => "E-mail",
        ContactMethod::WeChat => "WeChat / social",
        ContactMethod::Questionnaire => "Online questionnaire",
        ContactMethod::OnSite => "On site",
        ContactMethod::Letter => "Letter",
    },
    scenario: |s| match s {
        Scenario::Activation => "New-customer activation",
        Scenario::PostPurchase => "After purchase",
        Scenario::AfterService => "After service",
        Scenario::ComplaintFollowUp => "Complaint follow-up",
        Scenario::Care => "Existing-customer care",
        Scenario::Birthday => "Birthday care",
        Scenario::Holiday => "Holiday care",
        Scenario::Campaign => "Upgrade / campaign notice",
        Scenario::Incident => "Incident follow-up",
        Scenario::QualitySampling => "Quality sampling",
        Scenario::Escalation => "Hand to a specialist",
        Scenario::SmsCare => "SMS care",
        Scenario::FeedbackClosure => "Tell the customer it is solved",
        Scenario::IntentionCheck => "Intention check",
        Scenario::Manual => "Custom visit",
        Scenario::ComplaintHandling => "Complaint handling",
        Scenario::FeedbackDue => "Feedback item due",
    },
    outcome: |m, o| match (m, o) {
        (ContactMethod::Phone, Outcome::Reached) => "Reached",
        (ContactMethod::Phone, Outcome::NoAnswer) => "No answer",
        (ContactMethod::OnSite, Outcome::Reached) => "Met the customer",
        (ContactMethod::OnSite, Outcome::NoAnswer) => "Not met",
        (_, Outcome::Reached) => "Got through",
        (_, Outcome::NoAnswer) => "No reply",
        (_, Outcome::Refused) => "Refused",
        (_, Outcome::Rescheduled) => "Rescheduled",
    },
    satisfaction: |s| match s {
        SatisfactionLevel::Satisfied => "Satisfied",
        SatisfactionLevel::Neutral => "Neutral",
        SatisfactionLevel::Dissatisfied => "Dissatisfied",
    },
    severity: |s| match s {
        Severity::General => "General",
        Severity::Important => "Important",
        Severity::Major => "Major",
    },
    feedback_kind: |k| match k {
        FeedbackKind::FollowUp => "Needs follow-up",
        FeedbackKind::PotentialNeed => "Potential need",
        FeedbackKind::Suggestion => "Suggestion",
    },
    priority: |p| match p {
        Priority::Urgent => "Urgent (within 24 h)",
        Priority::Normal => "Normal (monthly plan)",
    },
    feedback_status: |s| match s {
        FeedbackStatus::Open => "Open",
        FeedbackStatus::InProgress => "In progress",
        FeedbackStatus::Closed => "Closed",
    },
    verdict: |v| match v {
        Verdict::Approved => "Approved",
        Verdict::Returned => "Returned",
    },
    tier_carries: |t| match t {
        Tier::Diamond => "An exclusive coupon",
        Tier::Gold => "A member event invitation",
        Tier::Silver => "A new-product trial invitation",
        Tier::Basic => "Holiday greetings",
    },
    tier_emphasis: |t| match t {
        Tier::Diamond => "Product updates, premium service",
        Tier::Gold => "Personal recommendations, points",
        Tier::Silver => "Product features, promotions",
        Tier::Basic => "Brand events, basic products",
    },
    no_answer_action: |a| match a {
        NoAnswerAction::HandToSpecialist => "hand to a dedicated specialist",
        NoAnswerAction::SmsCare => "send an SMS care message",
        NoAnswerAction::DemoteToBasic => "demote to Basic",
        NoAnswerAction::StopPeriodic => "stop periodic visits",
    },
    event_choice: |e| match e {
        EventChoice::ServiceDone => "Service finished",
        EventChoice::RepairDone => "Repair finished",
        EventChoice::ComplaintRaised => "Complaint raised",
        EventChoice::ComplaintResolved => "Complaint resolved",
        EventChoice::IncidentHandled => "Incident handled",
    },
};
