//! Follow-up scenarios (回访场景, DOMAIN.md "Scenarios").

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scenario {
    /// 新客户激活: 7–15 days after the first purchase or registration.
    Activation,
    /// 购买后关键节点: 3, 7, 30 and 90 days after each purchase.
    PostPurchase,
    /// 服务后回访: 1–3 days after a service or repair.
    AfterService,
    /// 投诉回访 (follow-up rounds): 24–48 hours after a complaint is resolved, repeated until the
    /// customer confirms it is settled.
    ComplaintFollowUp,
    /// 老客户维护: per-tier cadence for customers of more than 3 months.
    Care,
    /// 生日关怀
    Birthday,
    /// 节日关怀
    Holiday,
    /// 产品/服务升级通知: a campaign the user starts for a segment.
    Campaign,
    /// 重大事故回访
    Incident,
    /// 日常抽样回访
    QualitySampling,
    /// Diamond customer who did not answer twice: hand to a specialist.
    Escalation,
    /// Gold customer who did not answer: an SMS care message.
    SmsCare,
    /// A follow-up feedback item was closed: tell the customer it is solved.
    FeedbackClosure,
    /// A potential need was recorded: check the intention a month later.
    IntentionCheck,
    /// A visit the agent set by hand ("next visit date") or started from a customer.
    Manual,
    /// 投诉跟进: within 24–48 hours of a complaint being raised, acknowledge it and confirm the
    /// facts; the case stays open until settled.
    ComplaintHandling,
    /// A follow-up feedback item reaches its deadline: see that it is handled (urgent ones within
    /// 24 hours) and tell the customer.
    FeedbackDue,
}

impl Scenario {
    /// Appended, never reordered: forms and filters refer to a scenario by its place here.
    pub const ALL: [Scenario; 17] = [
        Scenario::Activation,
        Scenario::PostPurchase,
        Scenario::AfterService,
        Scenario::ComplaintFollowUp,
        Scenario::Care,
        Scenario::Birthday,
        Scenario::Holiday,
        Scenario::Campaign,
        Scenario::Incident,
        Scenario::QualitySampling,
        Scenario::Escalation,
        Scenario::SmsCare,
        Scenario::FeedbackClosure,
        Scenario::IntentionCheck,
        Scenario::Manual,
        Scenario::ComplaintHandling,
        Scenario::FeedbackDue,
    ];

    /// A complaint's handling or follow-up: a visit of this scenario can record that the customer
    /// confirms the complaint is settled.
    pub fn is_about_a_complaint(self) -> bool {
        matches!(self, Scenario::ComplaintHandling | Scenario::ComplaintFollowUp)
    }
}
