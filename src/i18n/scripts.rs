//! Strings of the script library and the prompter: section names, the tier and need-type
//! emphasis, and the messages for a malformed script.

use crate::domain::customer::NeedType;
use crate::domain::scripts::fill::{FillWords, When};
use crate::domain::scripts::{LibraryWords, Origin, Round, ScriptError, SectionRef, TemplateError};
use crate::domain::tier::Tier;
use crate::i18n::{Lang, format};

pub struct ScriptTexts {
    pub opening: &'static str,
    pub purpose: &'static str,
    pub questions: &'static str,
    pub tips: &'static str,
    pub fallbacks: &'static str,
    pub fallback_when: &'static str,
    pub fallback_say: &'static str,
    pub closing: &'static str,
    pub hints: &'static str,
    /// Explains the highlighted 【产品】 markers.
    pub missing_note: &'static str,
    pub origin: fn(&Origin) -> &'static str,
    pub round: fn(Round) -> &'static str,
    /// The words scripts are filled with.
    pub fill: FillWords,
    /// The name of a duplicate: the original's and what it is for.
    pub copy_name: fn(&str, &str) -> String,
    /// Where in a script an error is.
    pub section_ref: fn(SectionRef) -> String,
    pub error: fn(&ScriptError) -> String,
}

fn template_zh(e: &TemplateError) -> String {
    match e {
        TemplateError::Unknown { name, position } => {
            format!("第 {position} 个字处的 {{{name}}} 不是可用的占位符。请从占位符列表中选择，或把它改成普通文字。")
        }
        TemplateError::Unclosed { position } => format!("第 {position} 个字处的“{{”没有配对的“}}”。"),
        TemplateError::StrayClose { position } => {
            format!("第 {position} 个字处多了一个“}}”。如果要写大括号本身，请连写两个：}}}}。")
        }
        TemplateError::Empty { position } => format!("第 {position} 个字处的大括号里是空的。"),
    }
}

fn template_en(e: &TemplateError) -> String {
    match e {
        TemplateError::Unknown { name, position } => {
            format!(
                "{{{name}}} at character {position} is not a placeholder. Pick one from the list, or make it plain text."
            )
        }
        TemplateError::Unclosed { position } => format!("The “{{” at character {position} is never closed with “}}”."),
        TemplateError::StrayClose { position } => {
            format!(
                "The “}}” at character {position} has no opening “{{”. To write a brace itself, type it twice: }}}}."
            )
        }
        TemplateError::Empty { position } => format!("The braces at character {position} are empty."),
    }
}

pub const SCRIPTS_ZH: ScriptTexts = ScriptTexts {
    opening: "开场白",
    purpose: "回访目的",
    questions: "核心问题",
    tips: "注意事项",
    fallbacks: "应对话术",
    fallback_when: "客户说",
    fallback_say: "可以这样回答",
    closing: "结束语",
    hints: "沟通重点",
    missing_note: "【】里的内容暂无资料，请用自己的话补上。",
    origin: |o| match o {
        Origin::Created => "自建",
        Origin::BuiltIn => "内置",
        Origin::Edited => "已修改",
        Origin::Duplicated { .. } => "副本",
    },
    round: |r| match r {
        Round::First => "首次回访",
        Round::Later => "再次回访",
    },
    fill: FillWords {
        date: |d, year| format::date_auto(Lang::Zh, d, year),
        hours: |n| format!("{n}小时"),
        tier_offer: |t| match t {
            Tier::Diamond => "专属优惠券",
            Tier::Gold => "会员活动邀请",
            Tier::Silver => "新品试用邀请",
            Tier::Basic => "节日问候",
        },
        tier_hint: |t, own| {
            let default = match t {
                Tier::Diamond => "产品更新、尊享服务",
                Tier::Gold => "个性化推荐、积分",
                Tier::Silver => "产品功能、促销活动",
                Tier::Basic => "品牌活动、基础产品",
            };
            let tier = (crate::i18n::labels::ZH.tier)(t);
            format!("{tier}客户：重点讲{}。", own.unwrap_or(default))
        },
        need_hint: |n| match n {
            NeedType::Essential => "刚需客户：重在可靠耐用和售后保障，讲清保修和服务渠道。",
            NeedType::Improvement => "改善型客户：重在体验升级，介绍升级款和更省心的配套产品。",
            NeedType::Trial => "尝鲜型客户：重在新品和新功能，邀请试用、抢先体验。",
        },
        // Put before 客户: VIP客户, 会员客户, 老客户 (新客户 while "老" would not be true).
        tier: |t, long_standing| match t {
            Tier::Diamond => "VIP",
            Tier::Gold => "会员",
            Tier::Silver | Tier::Basic if long_standing => "老",
            Tier::Silver | Tier::Basic => "新",
        },
        birthday_when: |when, date| match when {
            When::Ahead(1) => "明天就是您的生日了".into(),
            When::Ahead(2) => "后天就是您的生日了".into(),
            When::Ahead(n @ 3..=6) => format!("再过{n}天就是您的生日了"),
            When::Ahead(_) => format!("{date}是您的生日"),
            When::Today => "今天是您的生日".into(),
            When::Past(1) => "昨天是您的生日".into(),
            When::Past(2) => "前天是您的生日".into(),
            When::Past(3..=6) => "您的生日刚过".into(),
            When::Past(_) => format!("{date}是您的生日"),
        },
        holiday_when: |name, when, date| match when {
            When::Ahead(1) => format!("明天就是{name}了"),
            When::Ahead(2) => format!("后天就是{name}了"),
            When::Ahead(n @ 3..=6) => format!("再过{n}天就是{name}了"),
            When::Ahead(_) => format!("{date}是{name}"),
            When::Today => format!("今天是{name}"),
            When::Past(1) => format!("昨天是{name}"),
            When::Past(2) => format!("前天是{name}"),
            When::Past(3..=6) => format!("{name}刚过"),
            When::Past(_) => format!("{date}是{name}"),
        },
    },
    copy_name: |name, what| if what.is_empty() { format!("{name}（副本）") } else { format!("{name}（{what}）") },
    section_ref: |s| match s {
        SectionRef::Name => "名称".into(),
        SectionRef::Opening => "开场白".into(),
        SectionRef::Purpose => "回访目的".into(),
        SectionRef::Question(i) => format!("第 {} 个核心问题", i + 1),
        SectionRef::Tip(i) => format!("第 {} 条注意事项", i + 1),
        SectionRef::FallbackWhen(i) => format!("第 {} 条应对话术的“客户说”", i + 1),
        SectionRef::FallbackSay(i) => format!("第 {} 条应对话术的回答", i + 1),
        SectionRef::Closing => "结束语".into(),
    },
    error: |e| match e {
        ScriptError::NameMissing => "请给话术起个名字。".into(),
        ScriptError::Empty => "话术还是空的，至少写一段开场白。".into(),
        ScriptError::Template(t) => template_zh(t),
    },
};

pub const SCRIPTS_EN: ScriptTexts = ScriptTexts {
    opening: "Opening",
    purpose: "Purpose",
    questions: "Core questions",
    tips: "Tips",
    fallbacks: "If the customer objects",
    fallback_when: "Customer says",
    fallback_say: "You can answer",
    closing: "Closing",
    hints: "Emphasis",
    missing_note: "Items in brackets have no data yet: say them in your own words.",
    origin: |o| match o {
        Origin::Created => "Yours",
        Origin::BuiltIn => "Built-in",
        Origin::Edited => "Edited",
        Origin::Duplicated { .. } => "Copy",
    },
    round: |r| match r {
        Round::First => "First follow-up",
        Round::Later => "Repeat follow-up",
    },
    fill: FillWords {
        date: |d, year| format::date_auto(Lang::En, d, year),
        hours: |n| if n == 1 { "1 hour".into() } else { format!("{n} hours") },
        tier_offer: |t| match t {
            Tier::Diamond => "an exclusive coupon",
            Tier::Gold => "an invitation to a member event",
            Tier::Silver => "an invitation to try a new product",
            Tier::Basic => "holiday greetings",
        },
        tier_hint: |t, own| {
            let default = match t {
                Tier::Diamond => "product updates and premium service",
                Tier::Gold => "personal recommendations and points",
                Tier::Silver => "product features and promotions",
                Tier::Basic => "brand events and everyday products",
            };
            let tier = (crate::i18n::labels::EN.tier)(t);
            format!("{tier} customer: focus on {}.", own.unwrap_or(default))
        },
        need_hint: |n| match n {
            NeedType::Essential => {
                "Essential buyer: stress reliability and after-sales support; explain the warranty and how to reach us."
            }
            NeedType::Improvement => {
                "Upgrader: stress a better experience; suggest upgrades and accessories that make life easier."
            }
            NeedType::Trial => "Early adopter: stress what's new; invite them to try new products first.",
        },
        // Put before "customers": VIP customers, valued customers, loyal customers (new
        // customers while "loyal" would not be true).
        tier: |t, long_standing| match t {
            Tier::Diamond => "VIP",
            Tier::Gold => "valued",
            Tier::Silver | Tier::Basic if long_standing => "loyal",
            Tier::Silver | Tier::Basic => "new",
        },
        birthday_when: |when, date| match when {
            When::Ahead(1) => "Your birthday is tomorrow".into(),
            When::Ahead(2) => "Your birthday is the day after tomorrow".into(),
            When::Ahead(n @ 3..=6) => format!("Your birthday is in {n} days"),
            When::Ahead(_) => format!("Your birthday is on {date}"),
            When::Today => "Today is your birthday".into(),
            When::Past(1) => "Your birthday was yesterday".into(),
            When::Past(n @ 2..=6) => format!("Your birthday was {n} days ago"),
            When::Past(_) => format!("Your birthday was on {date}"),
        },
        holiday_when: |name, when, date| match when {
            When::Ahead(1) => format!("{name} is tomorrow"),
            When::Ahead(2) => format!("{name} is the day after tomorrow"),
            When::Ahead(n @ 3..=6) => format!("{name} is only {n} days away"),
            When::Ahead(_) => format!("{name} is on {date}"),
            When::Today => format!("Today is {name}"),
            When::Past(1) => format!("{name} was yesterday"),
            When::Past(n @ 2..=6) => format!("{name} was {n} days ago"),
            When::Past(_) => format!("{name} was on {date}"),
        },
    },
    copy_name: |name, what| if what.is_empty() { format!("{name} (copy)") } else { format!("{name} ({what})") },
    section_ref: |s| match s {
        SectionRef::Name => "Name".into(),
        SectionRef::Opening => "Opening".into(),
        SectionRef::Purpose => "Purpose".into(),
        SectionRef::Question(i) => format!("Core question {}", i + 1),
        SectionRef::Tip(i) => format!("Tip {}", i + 1),
        SectionRef::FallbackWhen(i) => format!("Objection {}, what the customer says", i + 1),
        SectionRef::FallbackSay(i) => format!("Objection {}, your answer", i + 1),
        SectionRef::Closing => "Closing".into(),
    },
    error: |e| match e {
        ScriptError::NameMissing => "Give the script a name.".into(),
        ScriptError::Empty => "The script is empty; write at least an opening.".into(),
        ScriptError::Template(t) => template_en(t),
    },
};

/// The words scripts are filled with in `lang` (what [`crate::domain::scripts::FillContext`]
/// asks for).
pub fn fill_words(lang: Lang) -> &'static FillWords {
    &crate::i18n::texts(lang).scripts.fill
}

/// The words the library searches and names copies with in `lang` (what
/// [`crate::domain::scripts::Script::mentions`] and [`crate::domain::scripts::duplicate`] ask
/// for).
pub fn library_words(lang: Lang) -> LibraryWords {
    let t = crate::i18n::texts(lang);
    LibraryWords {
        scenario: t.labels.scenario,
        tier: t.labels.tier,
        need: t.labels.need,
        copy_name: t.scripts.copy_name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_placeholder_message_names_it_and_where_it_is() {
        let e = ScriptError::Template(TemplateError::Unknown { name: "产口".into(), position: 9 });
        assert_eq!(
            (SCRIPTS_ZH.error)(&e),
            "第 9 个字处的 {产口} 不是可用的占位符。请从占位符列表中选择，或把它改成普通文字。"
        );
        assert!((SCRIPTS_EN.error)(&e).starts_with("{产口} at character 9 is not a placeholder."));
    }

    #[test]
    fn brace_messages_show_the_braces_themselves() {
        let e = ScriptError::Template(TemplateError::Unclosed { position: 3 });
        assert_eq!((SCRIPTS_ZH.error)(&e), "第 3 个字处的“{”没有配对的“}”。");
        let e = ScriptError::Template(TemplateError::StrayClose { position: 2 });
        assert_eq!(
            (SCRIPTS_EN.error)(&e),
            "The “}” at character 2 has no opening “{”. To write a brace itself, type it twice: }}."
        );
    }
}
