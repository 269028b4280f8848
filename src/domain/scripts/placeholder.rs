//! Placeholders in script texts (DOMAIN.md "During a visit": the customer's honorific name, product,
//! purchase date, problem, date fixed, agent's name, company) and the parser that finds them.
//!
//! A placeholder is written `{产品}` or, in English scripts, `{product}`; both names work in either
//! language. Full-width braces `｛产品｝` count too, because a Chinese input method types them. A
//! literal brace is doubled: `{{`.

use crate::domain::lang::Lang;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Placeholder {
    /// 称呼: the name with the honorific, "张先生" / "Mr 张".
    Addressee,
    /// 姓名: the full name as written in the customer book.
    FullName,
    /// 产品: the product of the purchase in question, else the last purchase.
    Product,
    /// 购买日期
    PurchaseDate,
    /// 天数: whole days from the purchase to the day of the call ("到今天是第{天数}天了").
    Day,
    /// 问题: the complaint, the serviced fault, or the closed feedback item.
    Problem,
    /// 处理日期: when the problem was fixed.
    FixedDate,
    /// 坐席: the user (agent) making the call.
    Agent,
    /// 公司
    Company,
    /// 热线: the support channel given at the end of a call.
    Hotline,
    /// 时限: how soon an unanswered question gets an answer ("2小时").
    ReplyWithin,
    /// 等级: the customer's tier.
    Tier,
    /// 权益: what a care visit of this tier carries (coupon, invitation...).
    Offer,
    /// 节日
    Holiday,
    /// 活动: the campaign or upgrade.
    Campaign,
    /// 生日: the date of the birthday the visit is about.
    Birthday,
    /// 生日何时: how the birthday stands to the day of the call, as a clause to open a sentence
    /// with: "后天就是您的生日了" / "今天是您的生日" / "昨天是您的生日".
    BirthdayWhen,
    /// 节日何时: the same for the holiday, its name included: "后天就是中秋节了" / "今天是中秋节".
    HolidayWhen,
    /// 需求: the potential need an intention check follows up.
    Need,
}

impl Placeholder {
    pub const ALL: [Placeholder; 19] = [
        Placeholder::Addressee,
        Placeholder::FullName,
        Placeholder::Product,
        Placeholder::PurchaseDate,
        Placeholder::Day,
        Placeholder::Problem,
        Placeholder::FixedDate,
        Placeholder::Agent,
        Placeholder::Company,
        Placeholder::Hotline,
        Placeholder::ReplyWithin,
        Placeholder::Tier,
        Placeholder::Offer,
        Placeholder::Holiday,
        Placeholder::Campaign,
        Placeholder::Birthday,
        Placeholder::BirthdayWhen,
        Placeholder::HolidayWhen,
        Placeholder::Need,
    ];

    /// The Chinese name and the English alias.
    const fn names(self) -> (&'static str, &'static str) {
        match self {
            Placeholder::Addressee => ("称呼", "name"),
            Placeholder::FullName => ("姓名", "full_name"),
            Placeholder::Product => ("产品", "product"),
            Placeholder::PurchaseDate => ("购买日期", "purchase_date"),
            Placeholder::Day => ("天数", "day"),
            Placeholder::Problem => ("问题", "problem"),
            Placeholder::FixedDate => ("处理日期", "fixed_date"),
            Placeholder::Agent => ("坐席", "agent"),
            Placeholder::Company => ("公司", "company"),
            Placeholder::Hotline => ("热线", "hotline"),
            Placeholder::ReplyWithin => ("时限", "reply_within"),
            Placeholder::Tier => ("等级", "tier"),
            Placeholder::Offer => ("权益", "offer"),
            Placeholder::Holiday => ("节日", "holiday"),
            Placeholder::Campaign => ("活动", "campaign"),
            Placeholder::Birthday => ("生日", "birthday"),
            Placeholder::BirthdayWhen => ("生日何时", "birthday_when"),
            Placeholder::HolidayWhen => ("节日何时", "holiday_when"),
            Placeholder::Need => ("需求", "need"),
        }
    }

    /// The name a script in `lang` writes between braces, and the one shown for missing data.
    pub fn name(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.names().0,
            Lang::En => self.names().1,
        }
    }

    /// Recognises either name; English aliases ignore case and accept a space for `_`.
    ///
    /// `{专员}` / `{specialist}` (the dedicated specialist) was a placeholder once, but nothing in
    /// the app records a customer's specialist: the specialist is whoever makes the call, so a
    /// script that still says it is read as `{坐席}`.
    pub fn from_name(name: &str) -> Option<Placeholder> {
        let name = name.trim();
        let alias = name.to_ascii_lowercase().replace([' ', '-'], "_");
        if name == "专员" || alias == "specialist" {
            return Some(Placeholder::Agent);
        }
        Placeholder::ALL.into_iter().find(|p| p.names().0 == name || p.names().1 == alias)
    }

    /// `{产品}` / `{product}`, for a button that inserts the placeholder into the text being edited.
    pub fn token(self, lang: Lang) -> String {
        format!("{{{}}}", self.name(lang))
    }
}

/// What is wrong with a template. Positions count characters from 1, as a person counts them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("unknown placeholder {{{name}}} at character {position}")]
    Unknown { name: String, position: usize },
    #[error("the brace at character {position} is never closed")]
    Unclosed { position: usize },
    #[error("the closing brace at character {position} has no opening brace")]
    StrayClose { position: usize },
    #[error("empty braces at character {position}")]
    Empty { position: usize },
}

impl TemplateError {
    pub fn position(&self) -> usize {
        match self {
            TemplateError::Unknown { position, .. }
            | TemplateError::Unclosed { position }
            | TemplateError::StrayClose { position }
            | TemplateError::Empty { position } => *position,
        }
    }
}

/// A template cut into literal text and placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Text(String),
    Slot(Placeholder),
}

fn is_open(c: char) -> bool {
    c == '{' || c == '｛'
}

fn is_close(c: char) -> bool {
    c == '}' || c == '｝'
}

/// Cuts `template` into text and placeholders, or says where it is malformed.
pub fn parse(template: &str) -> Result<Vec<Token>, TemplateError> {
    let chars: Vec<char> = template.chars().collect();
    let mut tokens = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_open(c) {
            if chars.get(i + 1) == Some(&c) {
                text.push(c);
                i += 2;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            while end < chars.len() && !is_close(chars[end]) {
                if is_open(chars[end]) {
                    return Err(TemplateError::Unclosed { position: start + 1 });
                }
                end += 1;
            }
            if end == chars.len() {
                return Err(TemplateError::Unclosed { position: start + 1 });
            }
            let name: String = chars[start + 1..end].iter().collect();
            if name.trim().is_empty() {
                return Err(TemplateError::Empty { position: start + 1 });
            }
            let Some(placeholder) = Placeholder::from_name(&name) else {
                return Err(TemplateError::Unknown { name: name.trim().to_string(), position: start + 1 });
            };
            if !text.is_empty() {
                tokens.push(Token::Text(std::mem::take(&mut text)));
            }
            tokens.push(Token::Slot(placeholder));
            i = end + 1;
        } else if is_close(c) {
            if chars.get(i + 1) == Some(&c) {
                text.push(c);
                i += 2;
                continue;
            }
            return Err(TemplateError::StrayClose { position: i + 1 });
        } else {
            text.push(c);
            i += 1;
        }
    }
    if !text.is_empty() {
        tokens.push(Token::Text(text));
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_english_names_find_the_same_placeholder() {
        assert_eq!(parse("{产品}"), Ok(vec![Token::Slot(Placeholder::Product)]));
        assert_eq!(parse("{product}"), Ok(vec![Token::Slot(Placeholder::Product)]));
        assert_eq!(parse("{ Purchase Date }"), Ok(vec![Token::Slot(Placeholder::PurchaseDate)]));
    }

    #[test]
    fn full_width_braces_typed_by_an_input_method_work_like_ascii_ones() {
        let tokens = parse("您好，｛称呼｝！").unwrap();
        assert_eq!(
            tokens,
            vec![Token::Text("您好，".into()), Token::Slot(Placeholder::Addressee), Token::Text("！".into())]
        );
    }

    #[test]
    fn a_script_naming_the_retired_specialist_placeholder_introduces_the_caller() {
        assert_eq!(parse("{专员}"), Ok(vec![Token::Slot(Placeholder::Agent)]));
        assert_eq!(parse("{specialist}"), Ok(vec![Token::Slot(Placeholder::Agent)]));
    }

    #[test]
    fn doubled_braces_are_literal_braces() {
        assert_eq!(parse("{{产品}}"), Ok(vec![Token::Text("{产品}".into())]));
    }

    #[test]
    fn an_unknown_placeholder_is_named_with_its_position() {
        assert_eq!(parse("您好{称呼}，您的{产口}"), Err(TemplateError::Unknown { name: "产口".into(), position: 10 }));
    }

    #[test]
    fn an_unclosed_brace_is_reported_where_it_opens() {
        assert_eq!(parse("您好{称呼，再见"), Err(TemplateError::Unclosed { position: 3 }));
        assert_eq!(parse("{产品 和 {公司}"), Err(TemplateError::Unclosed { position: 1 }));
    }

    #[test]
    fn a_stray_closing_brace_and_empty_braces_are_errors() {
        assert_eq!(parse("好}"), Err(TemplateError::StrayClose { position: 2 }));
        assert_eq!(parse("a{ }b"), Err(TemplateError::Empty { position: 2 }));
    }
}
