//! Strings of the reports: the definition of every measure (shown as an info tip, and the same
//! text as `docs/measures.md`), the names of the parts of each chart, period titles and axis
//! ticks, values in each measure's unit, errors of the period and target fields, and the CSV
//! column headers.

use crate::domain::measures::{
    CsvWords, FEEDBACK_COLUMNS, Measure, PartKey, PeriodError, PeriodKind, ReportPeriod, TargetError, Unit,
    VISIT_COLUMNS,
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
/// A change of money: `+¥1,200`, `-¥80`, `¥0`.
fn money_delta(d: f64) -> String {
    let yuan = d.round() as i64;
    let text = format::money(crate::i18n::Lang::Zh, crate::domain::money::Money::from_yuan(yuan.abs()));
    match yuan.signum() {
        1 => format!("+{text}"),
        -1 => format!("-{text}"),
        _ => text,
    }
}

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
            "本期到期的回访中已完成的比例；回访窗口的最后一天落在本期内即为本期到期，已跳过的不计入。没人做而被后一次回访取代、或已过期失效的回访算作“已错过”，计入分母。",
            "本期到期且已完成的回访数",
            "本期到期的回访数（不含已跳过，含已错过）",
        ),
        Measure::OnTime => def(
            "及时率",
            "本期到期的回访中，在回访窗口内完成（不早于最早日期、不晚于最晚日期）的比例；已错过（被取代或失效）的回访也计入分母。",
            "在窗口内完成的回访数",
            "本期到期且已完成或已错过的回访数",
        ),
        Measure::Coverage => def(
            "覆盖率",
            "本期有回访到期的客户中已联系上的比例：本期有一次回访接通，或到期的回访由一次接通的回访完成。",
            "已联系上的客户数",
            "本期有回访到期的客户数（不含只有已跳过回访的客户）",
        ),
        Measure::FirstAnswer => def(
            "首次接通率",
            "本期到期、第一次尝试是打电话的回访中，第一通电话就有人接听的比例；接通、拒绝、改约都算接听，只有未接通不算。",
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
            "每位客户在期末当天（本期未结束时为今天）的层级：按到那天为止的购买和回访、用现在的分层标准计算，手动设定的层级从设定那天起算；统计各层级的客户数。",
            "该层级的客户数",
            "期末已登记的客户数",
        ),
        Measure::ValuePerTier => def(
            "各层级消费额",
            "本期各层级客户的消费金额（元）；层级按期末当天（本期未结束时为今天）计算，与客户分层结构相同。只需购买记录，不需要回访记录。",
            "该层级客户本期的消费额",
            "本期全部消费额",
        ),
        Measure::DormantCustomers => def(
            "沉睡客户",
            "期末当天（本期未结束时为今天）可联系的已登记客户中，在此之前一段时间（默认 180 天）里既没有购买、也没有接通的回访的客户数；登记不满这段时间的新客户不算。",
            "沉睡客户数",
            "期末可联系的客户数",
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
        PartKey::Missed => "已错过".into(),
        PartKey::Dormant => "沉睡".into(),
        PartKey::Awake => "近期有来往".into(),
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
        (Unit::Money, Some(v)) => {
            format::money(crate::i18n::Lang::Zh, crate::domain::money::Money::from_yuan(v.round() as i64))
        }
    },
    delta: |unit, d| match (unit, d.filter(|v| v.is_finite())) {
        (_, None) => "—".into(),
        (Unit::Share, Some(d)) => format!("{} 个百分点", signed(d * 100.0)),
        (Unit::Score, Some(d)) => format!("{} 分", signed(d)),
        (Unit::Nps, Some(d)) => signed((d * 100.0).round()),
        (Unit::Count, Some(d)) => signed(d.round()),
        (Unit::Days, Some(d)) => format!("{} 天", signed(d)),
        (Unit::Money, Some(d)) => money_delta(d),
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
            "Share of the follow-ups due in the period that are done; a follow-up is due in the period its window closes in, and skipped ones are left out. Follow-ups nobody did that a later one superseded, or that lapsed, count as missed, in the denominator.",
            "Follow-ups due in the period and done",
            "Follow-ups due in the period, skipped ones left out, missed ones in",
        ),
        Measure::OnTime => def(
            "On-time rate",
            "Share of the follow-ups due in the period that were done inside their window, neither before it opened nor after it closed; missed ones (superseded or lapsed) count in the denominator too.",
            "Follow-ups done inside their window",
            "Follow-ups due in the period, done or missed",
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
            "Customers in each tier on the last day of the period (today while it runs), assessed from the purchases and visits up to that day with the current thresholds; a tier set by hand counts from the day it was set.",
            "Customers in the tier",
            "Customers registered by the period end",
        ),
        Measure::ValuePerTier => def(
            "Spend by tier",
            "What the customers of each tier spent in the period, in yuan; the tier is the one on the period's last day (today while it runs), as in the tier mix. Read from purchases alone, no visit needed.",
            "Spend of the tier's customers in the period",
            "All spend in the period",
        ),
        Measure::DormantCustomers => def(
            "Dormant customers",
            "Of the contactable customers registered by the period's last day (today while it runs), those with no purchase and no visit that reached them in the days before it (180 by default); customers newer than that are not counted.",
            "Dormant customers",
            "Contactable customers at the period's end",
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
        PartKey::Missed => "Missed".into(),
        PartKey::Dormant => "Dormant".into(),
        PartKey::Awake => "Recently in touch".into(),
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
        (Unit::Money, Some(v)) => {
            format::money(crate::i18n::Lang::En, crate::domain::money::Money::from_yuan(v.round() as i64))
        }
    },
    delta: |unit, d| match (unit, d.filter(|v| v.is_finite())) {
        (_, None) => "—".into(),
        (Unit::Share, Some(d)) => format!("{} pts", signed(d * 100.0)),
        (Unit::Score, Some(d)) => signed(d),
        (Unit::Nps, Some(d)) => signed((d * 100.0).round()),
        (Unit::Count, Some(d)) => signed(d.round()),
        (Unit::Days, Some(d)) => format!("{} days", signed(d)),
        (Unit::Money, Some(d)) => money_delta(d),
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

/// The words the CSV export writes in `lang` (what [`crate::domain::measures::visits_csv`] and
/// the other export functions take).
pub fn csv_words(lang: crate::i18n::Lang) -> CsvWords {
    let t = crate::i18n::texts(lang);
    let (l, r) = (&t.labels, &t.reports);
    CsvWords {
        visit_columns: r.csv_visit_columns,
        feedback_columns: r.csv_feedback_columns,
        visits_file: r.csv_file_visits,
        feedback_file: r.csv_file_feedback,
        yes: t.common.yes,
        no: t.common.no,
        scenario: l.scenario,
        method: l.method,
        outcome: l.outcome,
        satisfaction: l.satisfaction,
        verdict: l.verdict,
        feedback_kind: l.feedback_kind,
        priority: l.priority,
        feedback_status: l.feedback_status,
    }
}

/// The words of the Reports page itself (controls, tables, drill-down, print, export).
pub struct PageTexts {
    pub intro: &'static str,
    pub period: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub apply: &'static str,
    pub bad_date: &'static str,
    pub too_long: &'static str,
    pub compared_with: fn(&str) -> String,
    pub key_measures: &'static str,
    pub col_measure: &'static str,
    pub col_value: &'static str,
    pub col_previous: &'static str,
    pub col_change: &'static str,
    pub col_target: &'static str,
    pub col_progress: &'static str,
    pub col_part: &'static str,
    pub col_count: &'static str,
    pub no_target: &'static str,
    /// "还差 5 个百分点" / "5 pts to go".
    pub to_go: fn(&str) -> String,
    pub set_target: &'static str,
    pub save: &'static str,
    pub clear_target: &'static str,
    pub conversion_window: &'static str,
    pub conversion_window_hint: &'static str,
    pub trend: &'static str,
    pub parts: &'static str,
    pub tap_hint: &'static str,
    pub definition: &'static str,
    pub settles_on: fn(&str) -> String,
    pub drill_title: fn(&str, u64) -> String,
    pub drill_close: &'static str,
    pub drill_empty: &'static str,
    pub drill_visits: &'static str,
    pub drill_feedback: &'static str,
    pub drill_customers: &'static str,
    pub drill_purchases: fn(usize) -> String,
    pub col_date: &'static str,
    pub col_customer: &'static str,
    pub col_scenario: &'static str,
    pub col_outcome: &'static str,
    pub col_satisfaction: &'static str,
    pub unknown_customer: &'static str,
    pub open_items: &'static str,
    pub open_items_none: &'static str,
    pub overdue: &'static str,
    pub print: &'static str,
    pub export_visits: &'static str,
    pub export_feedback: &'static str,
    pub export_done: fn(&str) -> String,
    pub export_empty: &'static str,
    pub export_failed: &'static str,
    pub report_title: fn(crate::domain::measures::PeriodKind) -> &'static str,
    pub agent: &'static str,
    pub agent_unset: &'static str,
    pub printed_on: &'static str,
    pub tier_over_time: &'static str,
    pub empty_title: &'static str,
    pub empty_body: &'static str,
    pub go_today: &'static str,
}

pub const PAGE_ZH: PageTexts = PageTexts {
    intro: "按周、月、季度或自定义时间段查看回访工作的各项指标，并与上一期比较。",
    period: "周期",
    previous: "上一期",
    next: "下一期",
    from: "开始日期",
    to: "结束日期",
    apply: "查看",
    bad_date: "请输入有效日期，例如 2026-11-01。",
    too_long: "自定义时间段最长一年（366 天）。",
    compared_with: |p| format!("对比上一期：{p}"),
    key_measures: "关键指标",
    col_measure: "指标",
    col_value: "本期",
    col_previous: "上期",
    col_change: "变化",
    col_target: "目标",
    col_progress: "进度",
    col_part: "构成",
    col_count: "数量",
    no_target: "未设目标",
    to_go: |gap| format!("还差 {gap}"),
    set_target: "设定目标",
    save: "保存",
    clear_target: "不设目标",
    conversion_window: "回访后多少天内购买算转化（N）",
    conversion_window_hint: "1 到 365 天",
    trend: "近 6 期",
    parts: "构成",
    tap_hint: "点按柱形查看背后的回访",
    definition: "指标说明",
    settles_on: |d| format!("{d} 前数字仍可能变化"),
    drill_title: |part, n| format!("「{part}」：{n}"),
    drill_close: "收起",
    drill_empty: "没有相关记录。",
    drill_visits: "回访记录",
    drill_feedback: "反馈事项",
    drill_customers: "客户",
    drill_purchases: |n| format!("相关购买 {n} 笔"),
    col_date: "日期",
    col_customer: "客户",
    col_scenario: "场景",
    col_outcome: "结果",
    col_satisfaction: "满意度",
    unknown_customer: "（已删除的客户）",
    open_items: "未关闭事项",
    open_items_none: "本期结束时没有未关闭的反馈事项。",
    overdue: "已逾期",
    print: "打印",
    export_visits: "导出回访 CSV",
    export_feedback: "导出反馈 CSV",
    export_done: |name| format!("已导出 {name}"),
    export_empty: "这个时间段没有可导出的记录。",
    export_failed: "导出失败，请重试。",
    report_title: |k| match k {
        crate::domain::measures::PeriodKind::Week => "回访周报",
        crate::domain::measures::PeriodKind::Month => "回访月报",
        crate::domain::measures::PeriodKind::Quarter => "回访季报",
        crate::domain::measures::PeriodKind::Custom => "回访报表",
    },
    agent: "回访人",
    agent_unset: "未填写（在设置中填写姓名）",
    printed_on: "打印日期",
    tier_over_time: "各期分层构成",
    empty_title: "还没有回访记录",
    empty_body: "记录第一次回访后，这里会显示完成率、覆盖率、满意度等指标，并可打印月报、导出 CSV。",
    go_today: "去今日待办",
};

pub const PAGE_EN: PageTexts = PageTexts {
    intro: "The measures of your follow-up work for a week, month, quarter or a range you pick, compared with the period before.",
    period: "Period",
    previous: "Previous",
    next: "Next",
    from: "From",
    to: "To",
    apply: "Show",
    bad_date: "Enter a valid date, such as 2026-11-01.",
    too_long: "A custom range can be at most a year (366 days).",
    compared_with: |p| format!("Compared with {p}"),
    key_measures: "Key measures",
    col_measure: "Measure",
    col_value: "This period",
    col_previous: "Previous",
    col_change: "Change",
    col_target: "Target",
    col_progress: "Progress",
    col_part: "Part",
    col_count: "Count",
    no_target: "No target",
    to_go: |gap| format!("{gap} to go"),
    set_target: "Set target",
    save: "Save",
    clear_target: "No target",
    conversion_window: "A purchase within N days of a visit is a conversion (N)",
    conversion_window_hint: "1 to 365 days",
    trend: "Last 6 periods",
    parts: "Breakdown",
    tap_hint: "Tap a bar to see the visits behind it",
    definition: "Definition",
    settles_on: |d| format!("May still change until {d}"),
    drill_title: |part, n| format!("“{part}”: {n}"),
    drill_close: "Close",
    drill_empty: "No records.",
    drill_visits: "Visits",
    drill_feedback: "Feedback items",
    drill_customers: "Customers",
    drill_purchases: |n| {
        if n == 1 { "1 purchase".into() } else { format!("{n} purchases") }
    },
    col_date: "Date",
    col_customer: "Customer",
    col_scenario: "Scenario",
    col_outcome: "Outcome",
    col_satisfaction: "Satisfaction",
    unknown_customer: "(deleted customer)",
    open_items: "Open items",
    open_items_none: "No feedback item was open at the end of the period.",
    overdue: "Overdue",
    print: "Print",
    export_visits: "Visits CSV",
    export_feedback: "Feedback CSV",
    export_done: |name| format!("Exported {name}"),
    export_empty: "Nothing to export in this period.",
    export_failed: "The export failed. Please try again.",
    report_title: |k| match k {
        crate::domain::measures::PeriodKind::Week => "Weekly follow-up report",
        crate::domain::measures::PeriodKind::Month => "Monthly follow-up report",
        crate::domain::measures::PeriodKind::Quarter => "Quarterly follow-up report",
        crate::domain::measures::PeriodKind::Custom => "Follow-up report",
    },
    agent: "Agent",
    agent_unset: "not set (add your name in Settings)",
    printed_on: "Printed on",
    tier_over_time: "Tier mix by period",
    empty_title: "No visits yet",
    empty_body: "Once you record a visit, this page shows completion, coverage, satisfaction and the other measures, with a printable monthly report and CSV export.",
    go_today: "Go to Today",
};

/// The page's words in `lang`.
pub fn page(lang: crate::i18n::Lang) -> &'static PageTexts {
    match lang {
        crate::i18n::Lang::Zh => &PAGE_ZH,
        crate::i18n::Lang::En => &PAGE_EN,
    }
}
