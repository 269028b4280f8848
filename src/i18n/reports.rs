//! Strings of the reports: the definition of every measure (shown as an info tip, and the same
//! text as `docs/measures.md`), the names of the parts of each chart, period titles and axis
//! ticks, values in each measure's unit, errors of the period and target fields, and the CSV
//! column headers.

use crate::domain::measures::{
    FEEDBACK_COLUMNS, Measure, PartKey, PeriodError, PeriodKind, ReportPeriod, TargetError, Unit, VISIT_COLUMNS,
};
use crate::i18n::{format, labels};
use chrono::{Datelike, NaiveDate};

/// A measure explained in one place: its name, one sentence, and what is divided by what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Definition {
    pub name: &'static str,
    pub definition: &'static str,
    pub numerator: &'static str,
    pub denominator: &'static str,
}

pub struct ReportsTexts {
    pub definition: fn(Measure) -> Definition,
    /// Captions of the two terms in an info tip ("分子" / "Numerator").
    pub numerator: &'static str,
    pub denominator: &'static str,
    /// "Compared with the previous period" caption.
    pub previous_period: &'static str,
    pub target: &'static str,
    pub target_met: &'static str,
    pub part: fn(&PartKey) -> String,
    pub period_kind: fn(PeriodKind) -> &'static str,
    /// The period as a title: "2026年6月", "Q2 2026".
    pub period_title: fn(&ReportPeriod) -> String,
    /// The period as a chart tick: "6/1", "6月", "Q2".
    pub period_tick: fn(&ReportPeriod) -> String,
    /// A value in a measure's unit: "87.5%", "4.3 分", "+20", "45 天"; "—" for `None`.
    pub value: fn(Unit, Option<f64>) -> String,
    /// A change in a measure's unit: "+25 个百分点", "−0.4 分"; "—" for `None`.
    pub delta: fn(Unit, Option<f64>) -> String,
    pub period_error: fn(PeriodError) -> &'static str,
    pub target_error: fn(TargetError) -> String,
    pub csv_visit_columns: [&'static str; VISIT_COLUMNS],
    pub csv_feedback_columns: [&'static str; FEEDBACK_COLUMNS],
    /// File names (without the dates) of the CSV exports.
    pub csv_file_visits: &'static str,
    pub csv_file_feedback: &'static str,
}

const fn def(
    name: &'static str,
    definition: &'static str,
    numerator: &'static str,
    denominator: &'static str,
) -> Definition {
    Definition { name, definition, numerator, denominator }
}

const EN_MONTHS_FULL: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One decimal at most: `4.3`, `4`, `111.5`.
fn one_decimal(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 { format!("{r:.0}") } else { format!("{r:.1}") }
}

/// A signed number with a real minus sign: `+25`, `−0.4`, `0`.
fn signed(v: f64) -> String {
    let text = one_decimal(v.abs());
    if text == "0" {
        text
    } else if v > 0.0 {
        format!("+{text}")
    } else {
        format!("−{text}")
    }
}

fn zh_range(start: NaiveDate, end: NaiveDate) -> String {
    let tail = if start.year() == end.year() {
        format!("{}月{}日", end.month(), end.day())
    } else {
        format::date_long(crate::i18n::Lang::Zh, end)
    };
    format!("{}–{tail}", format::date_long(crate::i18n::Lang::Zh, start))
}

fn en_range(start: NaiveDate, end: NaiveDate) -> String {
    if start.year() == end.year() {
        format!(
            "{} – {}",
            format::date_short(crate::i18n::Lang::En, start),
            format::date_long(crate::i18n::Lang::En, end)
        )
    } else {
        format!(
            "{} – {}",
            format::date_long(crate::i18n::Lang::En, start),
            format::date_long(crate::i18n::Lang::En, end)
        )
    }
}

const ZH_QUARTERS: [&str; 4] = ["一", "二", "三", "四"];

pub const ZH: ReportsTexts = ReportsTexts {
    definition: |m| match m {
        Measure::Completion => def(
            "完成率",
            "本期到期的回访中已完成的比例；回访窗口的最后一天落在本期内即为本期到期，已跳过的不计入。",
            "本期到期且已完成的回访数",
            "本期到期的回访数（不含已跳过）",
        ),
        Measure::OnTime => def(
            "及时率",
            "本期到期且已完成的回访中，在回访窗口内完成（不早于最早日期、不晚于最晚日期）的比例。",
            "在窗口内完成的回访数",
            "本期到期且已完成的回访数",
        ),
        Measure::Coverage => def(
            "覆盖率",
            "本期有回访到期的客户中已联系上的比例：本期有一次回访接通，或到期的回访由一次接通的回访完成。",
            "已联系上的客户数",
            "本期有回访到期的客户数（不含只有已跳过回访的客户）",
        ),
        Measure::FirstAnswer => def(
            "首次接通率",
            "本期到期、第一次尝试是打电话的回访中，第一通电话就有人接听的比例；接通、拒绝、改约都算接听，只有未接听不算。",
            "第一通电话有人接听的回访数",
            "本期到期、第一次尝试是打电话的回访数",
        ),
        Measure::Satisfaction => def(
            "平均满意度",
            "本期回访中客户所打 1–5 分满意度评分的平均值；只选了满意程度、没有打分的回访不计入。",
            "评分之和",
            "有评分的回访数",
        ),
        Measure::SatisfactionMix => def(
            "满意度分布",
            "本期回访按满意、一般、不满意三档统计，没选程度的按评分折算（4–5 分满意，3 分一般，1–2 分不满意）；主数值为满意率。",
            "满意的回访数",
            "有满意程度或评分的回访数",
        ),
        Measure::Csat => def(
            "CSAT（4–5 分占比）",
            "本期有评分的回访中，评 4 分或 5 分的比例。",
            "评 4–5 分的回访数",
            "有评分的回访数",
        ),
        Measure::Nps => def(
            "NPS 净推荐值",
            "本期客户给出推荐意愿（0–10 分）的回访中，推荐者（9–10 分）占比减去贬损者（0–6 分）占比，记作 −100 到 +100。",
            "推荐者人次减贬损者人次",
            "给出推荐意愿的回访数",
        ),
        Measure::ComplaintRate => def(
            "投诉率",
            "本期接受过服务的客户中提出投诉的比例；服务包括接通的回访、购买、完成的服务或维修、事故处理以及投诉本身。",
            "本期提出投诉的客户数",
            "本期接受过服务的客户数",
        ),
        Measure::HandlingRate => def(
            "反馈处理率",
            "本期提出的反馈事项中目前已关闭的比例；同一问题重复上报只算一条。",
            "已关闭的事项数",
            "本期提出的事项数（不含重复上报）",
        ),
        Measure::OverdueItems => def(
            "逾期事项",
            "本期最后一天仍未关闭且已过处理期限的反馈事项数，不论何时提出。",
            "期末已逾期的未关闭事项数",
            "期末未关闭的事项数（作对照）",
        ),
        Measure::Conversion => def(
            "回访转化率",
            "本期回访接通的客户中，在某次接通当天起 N 天内有购买的比例（N 在设置中调整，默认 30 天）。",
            "回访后 N 天内有购买的客户数",
            "本期有回访接通的客户数",
        ),
        Measure::RepurchaseRate => def(
            "复购率",
            "本期有购买的客户中，此前（本期之前或本期更早的某天）已经买过的比例。",
            "本期复购的客户数",
            "本期有购买的客户数",
        ),
        Measure::RepurchaseCycle => def(
            "平均复购周期",
            "本期每一次复购距该客户上一次购买的天数的平均值；同一天的多笔订单算一次购买。",
            "间隔天数之和",
            "本期复购次数",
        ),
        Measure::TierMix => def(
            "客户分层结构",
            "按分层记录取每位客户在期末当天的层级，统计各层级的客户数；尚未分层的单列。",
            "该层级的客户数",
            "期末已登记的客户数",
        ),
        Measure::ProblemKinds => def(
            "高频问题",
            "本期提出的需跟进问题按类别统计，从多到少排列；重复上报的只算一条。",
            "该类别的问题数",
            "本期需跟进问题总数",
        ),
        Measure::TopNeeds => def(
            "需求前三",
            "本期记录的潜在需求按类别统计，列出最多的三类，其余合为“其他”。",
            "该类别的需求数",
            "本期潜在需求总数",
        ),
    },
    numerator: "分子",
    denominator: "分母",
    previous_period: "与上期相比",
    target: "目标",
    target_met: "已达标",
    part: |p| match p {
        PartKey::Done => "已完成".into(),
        PartKey::NotDone => "未完成".into(),
        PartKey::Skipped => "已跳过".into(),
        PartKey::OnTime => "按时".into(),
        PartKey::Early => "提前".into(),
        PartKey::Late => "超期完成".into(),
        PartKey::Reached => "已联系上".into(),
        PartKey::NotReached => "未联系上".into(),
        PartKey::Answered => "首次接听".into(),
        PartKey::NotAnswered => "首次未接".into(),
        PartKey::Score(s) => format!("{s} 分"),
        PartKey::Level(l) => (labels::ZH.satisfaction)(*l).into(),
        PartKey::HighScore => "4–5 分".into(),
        PartKey::LowScore => "1–3 分".into(),
        PartKey::Promoter => "推荐者".into(),
        PartKey::Passive => "中立者".into(),
        PartKey::Detractor => "贬损者".into(),
        PartKey::Complained => "有投诉".into(),
        PartKey::NoComplaint => "无投诉".into(),
        PartKey::Closed => "已关闭".into(),
        PartKey::NotClosed => "未关闭".into(),
        PartKey::Duplicate => "重复上报".into(),
        PartKey::Overdue => "已逾期".into(),
        PartKey::OpenInTime => "未到期".into(),
        PartKey::Converted => "已购买".into(),
        PartKey::NotConverted => "未购买".into(),
        PartKey::Returning => "复购客户".into(),
        PartKey::FirstTime => "首购客户".into(),
        PartKey::Repeat => "复购次数".into(),
        PartKey::Tier(Some(t)) => (labels::ZH.tier)(*t).into(),
        PartKey::Tier(None) => "未分层".into(),
        PartKey::Category(c) if c.is_empty() => "未分类".into(),
        PartKey::Category(c) => c.clone(),
        PartKey::Others => "其他".into(),
    },
    period_kind: |k| match k {
        PeriodKind::Week => "周",
        PeriodKind::Month => "月",
        PeriodKind::Quarter => "季度",
        PeriodKind::Custom => "自定义",
    },
    period_title: |p| match p.kind() {
        PeriodKind::Week => {
            let week = p.start().iso_week();
            format!("{}年第{}周（{}）", week.year(), week.week(), zh_range(p.start(), p.end()))
        }
        PeriodKind::Month => format!("{}年{}月", p.start().year(), p.start().month()),
        PeriodKind::Quarter => {
            format!("{}年第{}季度", p.start().year(), ZH_QUARTERS[(p.start().month0() / 3) as usize])
        }
        PeriodKind::Custom => zh_range(p.start(), p.end()),
    },
    period_tick: |p| match p.kind() {
        PeriodKind::Week => format!("{}/{}", p.start().month(), p.start().day()),
        PeriodKind::Month if p.start().month() == 1 => format!("{}年1月", p.start().year()),
        PeriodKind::Month => format!("{}月", p.start().month()),
        PeriodKind::Quarter => format!("{}年Q{}", p.start().year(), p.start().month0() / 3 + 1),
        PeriodKind::Custom => {
            format!("{}/{}–{}/{}", p.start().month(), p.start().day(), p.end().month(), p.end().day())
        }
    },
    value: |unit, v| match (unit, v.filter(|v| v.is_finite())) {
        (_, None) => "—".into(),
        (Unit::Share, v) => format::percent(v),
        (Unit::Score, Some(v)) => format!("{} 分", one_decimal(v)),
        (Unit::Nps, Some(v)) => signed((v * 100.0).round()),
        (Unit::Count, Some(v)) => format::count(crate::i18n::Lang::Zh, v.round().max(0.0) as usize),
        (Unit::Days, Some(v)) => format!("{} 天", one_decimal(v)),
    },
    delta: |unit, d| match (unit, d.filter(|v| v.is_finite())) {
        (_, None) => "—".into(),
        (Unit::Share, Some(d)) => format!("{} 个百分点", signed(d * 100.0)),
        (Unit::Score, Some(d)) => format!("{} 分", signed(d)),
        (Unit::Nps, Some(d)) => signed((d * 100.0).round()),
        (Unit::Count, Some(d)) => signed(d.round()),
        (Unit::Days, Some(d)) => format!("{} 天", signed(d)),
    },
    period_error: |e| match e {
        PeriodError::EndBeforeStart => "结束日期不能早于开始日期。",
        PeriodError::OutOfRange => "请选择 1901 年到 2099 年之间的日期。",
    },
    target_error: |e| match e {
        TargetError::Empty => "请填写目标值。".into(),
        TargetError::NotANumber => "请填写数字，例如 90 或 4.6。".into(),
        TargetError::OutOfRange { min, max } => format!("目标值应在 {min} 到 {max} 之间。"),
        TargetError::NoTarget => "这项指标不设目标。".into(),
    },
    csv_visit_columns: [
        "回访日期",
        "时间",
        "客户",
        "回访场景",
        "回访方式",
        "回访结果",
        "满意度评分（1–5）",
        "满意度",
        "推荐意愿（0–10）",
        "回访内容",
        "下次回访日期",
        "回访人",
        "投诉已确认解决",
        "主管审核",
        "审核人",
        "审核意见",
        "记录编号",
    ],
    csv_feedback_columns: [
        "提出日期",
        "客户",
        "类型",
        "类别",
        "内容",
        "优先级",
        "责任部门",
        "处理期限",
        "状态",
        "关闭日期",
        "重复于（原事项编号）",
        "来源回访编号",
        "事项编号",
    ],
    csv_file_visits: "回访记录",
    csv_file_feedback: "反馈事项",
};

pub const EN: ReportsTexts = ReportsTexts {
    definition: |m| match m {
        Measure::Completion => def(
            "Completion rate",
            "Share of the follow-ups due in the period that are done; a follow-up is due in the period its window closes in, and skipped ones are left out.",
            "Follow-ups due in the period and done",
            "Follow-ups due in the period, skipped ones left out",
        ),
        Measure::OnTime => def(
            "On-time rate",
            "Share of the done follow-ups due in the period that were done inside their window, neither before it opened nor after it closed.",
            "Follow-ups done inside their window",
            "Follow-ups due in the period and done",
        ),
        Measure::Coverage => def(
            "Coverage",
            "Share of the customers with a follow-up due in the period who were reached: a visit to them got through in the period, or a visit that got through completed their follow-up.",
            "Customers reached",
            "Customers with a follow-up due in the period (not counting those whose only follow-ups were skipped)",
        ),
        Measure::FirstAnswer => def(
            "First-answer rate",
            "Share of the follow-ups due in the period and first tried by phone whose first call was answered; reached, refused and rescheduled all count as answered, only no answer does not.",
            "Follow-ups whose first call was answered",
            "Follow-ups due in the period and first tried by phone",
        ),
        Measure::Satisfaction => def(
            "Average satisfaction",
            "Average of the 1–5 satisfaction scores customers gave on the period's visits; visits with a level but no score are left out.",
            "Sum of the scores",
            "Visits with a score",
        ),
        Measure::SatisfactionMix => def(
            "Satisfaction mix",
            "The period's visits as satisfied, neutral or dissatisfied; a visit with a score but no level counts by its score (4–5 satisfied, 3 neutral, 1–2 dissatisfied). The headline is the satisfied share.",
            "Satisfied visits",
            "Visits with a level or a score",
        ),
        Measure::Csat => def(
            "CSAT",
            "Share of the period's scored visits that scored 4 or 5.",
            "Visits scored 4–5",
            "Visits with a score",
        ),
        Measure::Nps => def(
            "NPS",
            "Among the period's visits where the customer rated their likelihood to recommend (0–10), the share of promoters (9–10) minus the share of detractors (0–6), shown from −100 to +100.",
            "Promoters minus detractors",
            "Visits with a likelihood to recommend",
        ),
        Measure::ComplaintRate => def(
            "Complaint rate",
            "Share of the customers served in the period who raised a complaint in it; served means a visit that got through, a purchase, a finished service, repair or incident, or the complaint itself.",
            "Customers who complained in the period",
            "Customers served in the period",
        ),
        Measure::HandlingRate => def(
            "Feedback handling rate",
            "Share of the feedback items raised in the period that are now closed; a problem reported twice counts once.",
            "Items closed",
            "Items raised in the period, duplicates left out",
        ),
        Measure::OverdueItems => def(
            "Overdue items",
            "Feedback items still open on the last day of the period and past their deadline, whenever they were raised.",
            "Open items past their deadline at the period end",
            "Open items at the period end (for reference)",
        ),
        Measure::Conversion => def(
            "Conversion",
            "Share of the customers reached in the period who bought within N days of a visit that reached them, the visit's day included (N is in Settings, 30 days by default).",
            "Customers who bought within N days of a visit",
            "Customers reached in the period",
        ),
        Measure::RepurchaseRate => def(
            "Repurchase rate",
            "Share of the customers who bought in the period who had bought before, on an earlier day before or inside the period.",
            "Returning buyers",
            "Customers who bought in the period",
        ),
        Measure::RepurchaseCycle => def(
            "Average repurchase cycle",
            "Average number of days between each repeat purchase in the period and the customer's previous purchase; several orders on one day count as one purchase.",
            "Sum of the days between purchases",
            "Repeat purchases in the period",
        ),
        Measure::TierMix => def(
            "Tier mix",
            "Customers in each tier on the last day of the period, as the tier history records it; customers not tiered yet are shown apart.",
            "Customers in the tier",
            "Customers registered by the period end",
        ),
        Measure::ProblemKinds => def(
            "Most frequent problems",
            "Needs-follow-up items raised in the period by category, most frequent first; a problem reported twice counts once.",
            "Items in the category",
            "Needs-follow-up items raised in the period",
        ),
        Measure::TopNeeds => def(
            "Top three needs",
            "Potential needs recorded in the period by category: the three most frequent, and the rest together as others.",
            "Needs in the category",
            "Potential needs recorded in the period",
        ),
    },
    numerator: "Numerator",
    denominator: "Denominator",
    previous_period: "Compared with the previous period",
    target: "Target",
    target_met: "Target met",
    part: |p| match p {
        PartKey::Done => "Done".into(),
        PartKey::NotDone => "Not done".into(),
        PartKey::Skipped => "Skipped".into(),
        PartKey::OnTime => "On time".into(),
        PartKey::Early => "Early".into(),
        PartKey::Late => "Late".into(),
        PartKey::Reached => "Reached".into(),
        PartKey::NotReached => "Not reached".into(),
        PartKey::Answered => "Answered first time".into(),
        PartKey::NotAnswered => "Not answered first time".into(),
        PartKey::Score(s) => format!("Score {s}"),
        PartKey::Level(l) => (labels::EN.satisfaction)(*l).into(),
        PartKey::HighScore => "Scored 4–5".into(),
        PartKey::LowScore => "Scored 1–3".into(),
        PartKey::Promoter => "Promoters".into(),
        PartKey::Passive => "Passives".into(),
        PartKey::Detractor => "Detractors".into(),
        PartKey::Complained => "Complained".into(),
        PartKey::NoComplaint => "No complaint".into(),
        PartKey::Closed => "Closed".into(),
        PartKey::NotClosed => "Not closed".into(),
        PartKey::Duplicate => "Duplicates".into(),
        PartKey::Overdue => "Overdue".into(),
        PartKey::OpenInTime => "Not yet due".into(),
        PartKey::Converted => "Bought".into(),
        PartKey::NotConverted => "Did not buy".into(),
        PartKey::Returning => "Returning buyers".into(),
        PartKey::FirstTime => "First-time buyers".into(),
        PartKey::Repeat => "Repeat purchases".into(),
        PartKey::Tier(Some(t)) => (labels::EN.tier)(*t).into(),
        PartKey::Tier(None) => "Not tiered".into(),
        PartKey::Category(c) if c.is_empty() => "Uncategorised".into(),
        PartKey::Category(c) => c.clone(),
        PartKey::Others => "Others".into(),
    },
    period_kind: |k| match k {
        PeriodKind::Week => "Week",
        PeriodKind::Month => "Month",
        PeriodKind::Quarter => "Quarter",
        PeriodKind::Custom => "Custom",
    },
    period_title: |p| match p.kind() {
        PeriodKind::Week => {
            let week = p.start().iso_week();
            format!("Week {}, {} ({})", week.week(), week.year(), en_range(p.start(), p.end()))
        }
        PeriodKind::Month => format!("{} {}", EN_MONTHS_FULL[p.start().month0() as usize], p.start().year()),
        PeriodKind::Quarter => format!("Q{} {}", p.start().month0() / 3 + 1, p.start().year()),
        PeriodKind::Custom => en_range(p.start(), p.end()),
    },
    period_tick: |p| match p.kind() {
        PeriodKind::Week => format::date_short(crate::i18n::Lang::En, p.start()),
        PeriodKind::Month if p.start().month() == 1 => format!("Jan {}", p.start().year()),
        PeriodKind::Month => EN_MONTHS_FULL[p.start().month0() as usize][..3].to_string(),
        PeriodKind::Quarter => format!("Q{} {}", p.start().month0() / 3 + 1, p.start().year()),
        PeriodKind::Custom => format!(
            "{}–{}",
            format::date_short(crate::i18n::Lang::En, p.start()),
            format::date_short(crate::i18n::Lang::En, p.end())
        ),
    },
    value: |unit, v| match (unit, v.filter(|v| v.is_finite())) {
        (_, None) => "—".into(),
        (Unit::Share, v) => format::percent(v),
        (Unit::Score, Some(v)) => format!("{} / 5", one_decimal(v)),
        (Unit::Nps, Some(v)) => signed((v * 100.0).round()),
        (Unit::Count, Some(v)) => format::count(crate::i18n::Lang::En, v.round().max(0.0) as usize),
        (Unit::Days, Some(v)) if one_decimal(v) == "1" => "1 day".into(),
        (Unit::Days, Some(v)) => format!("{} days", one_decimal(v)),
    },
    delta: |unit, d| match (unit, d.filter(|v| v.is_finite())) {
        (_, None) => "—".into(),
        (Unit::Share, Some(d)) => format!("{} pts", signed(d * 100.0)),
        (Unit::Score, Some(d)) => signed(d),
        (Unit::Nps, Some(d)) => signed((d * 100.0).round()),
        (Unit::Count, Some(d)) => signed(d.round()),
        (Unit::Days, Some(d)) => format!("{} days", signed(d)),
    },
    period_error: |e| match e {
        PeriodError::EndBeforeStart => "The end date is before the start date.",
        PeriodError::OutOfRange => "Pick dates between 1901 and 2099.",
    },
    target_error: |e| match e {
        TargetError::Empty => "Enter a target.".into(),
        TargetError::NotANumber => "Enter a number, such as 90 or 4.6.".into(),
        TargetError::OutOfRange { min, max } => format!("The target must be between {min} and {max}."),
        TargetError::NoTarget => "This measure takes no target.".into(),
    },
    csv_visit_columns: [
        "Visit date",
        "Time",
        "Customer",
        "Scenario",
        "Method",
        "Outcome",
        "Satisfaction score (1–5)",
        "Satisfaction",
        "Likelihood to recommend (0–10)",
        "Content",
        "Next visit",
        "Agent",
        "Complaint settled",
        "Supervisor review",
        "Reviewer",
        "Review comment",
        "Record ID",
    ],
    csv_feedback_columns: [
        "Raised on",
        "Customer",
        "Kind",
        "Category",
        "Description",
        "Priority",
        "Department",
        "Deadline",
        "Status",
        "Closed on",
        "Duplicate of (item ID)",
        "From visit (ID)",
        "Item ID",
    ],
    csv_file_visits: "visits",
    csv_file_feedback: "feedback",
};
