//! Call scripts (话术, DOMAIN.md "During a visit"): the built-in library, the user's own scripts,
//! choosing the one for a visit, and filling in the customer's details.
//!
//! Built-in scripts are data compiled into the app ([`builtin`]); they are never stored. A user
//! who edits one saves a copy marked [`Origin::Edited`] that hides the built-in of the same id and
//! language until it is reset. Duplicates and the user's own scripts live next to them.

pub mod builtin;
pub mod fill;
pub mod placeholder;
pub mod sample;

pub use fill::{FillContext, FillWords, FilledScript, Segment, When, fill};
pub use placeholder::{Placeholder, TemplateError};
pub use sample::SampleWords;

use crate::domain::agenda::{DueItem, DueReason};
use crate::domain::customer::{Customer, Id, NeedType, Severity};
use crate::domain::lang::Lang;
use crate::domain::scenario::Scenario;
use crate::domain::tier::Tier;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// A reply ready for a customer who refuses or objects.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Fallback {
    /// What the customer says ("没时间").
    pub when: String,
    /// What the agent answers.
    pub say: String,
}

/// The outline of a visit (DOMAIN.md "Before a visit": opening, core questions, fallback lines,
/// closing). Every text may hold placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Sections {
    /// Greeting by honorific, who is calling, why, asking for 3–5 minutes. For a message
    /// (SMS care) this is the whole message.
    pub opening: String,
    /// The goal of this visit, for the agent.
    pub purpose: String,
    pub questions: Vec<String>,
    /// Advice to the agent; not read out.
    pub tips: Vec<String>,
    pub fallbacks: Vec<Fallback>,
    /// Thanks, the support channel, the personal touch.
    pub closing: String,
}

/// Which complaint follow-ups a script is written for (the first visit, or the repeats until
/// the customer confirms; DOMAIN.md "Second and later complaint visits may be by phone").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Round {
    First,
    Later,
}

/// What a script is specialised for. `None` is "any"; a script whose focus names something else
/// than the visit is not offered for it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Focus {
    pub tier: Option<Tier>,
    pub need: Option<NeedType>,
    /// A product or category; matches a visit's product that contains it ("净化器" matches
    /// "空气净化器 X3").
    pub product: Option<String>,
    pub severity: Option<Severity>,
    pub round: Option<Round>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Origin {
    /// Written by the user from scratch.
    #[default]
    Created,
    /// Shipped with the app, untouched.
    BuiltIn,
    /// A built-in the user edited: it replaces the built-in until reset.
    Edited,
    /// A copy of the script `from`, usually for one tier or product.
    Duplicated { from: Id },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Script {
    pub id: Id,
    pub rev: u64,
    /// The built-in this script is or derives from.
    pub builtin: Option<String>,
    pub origin: Origin,
    pub name: String,
    pub scenario: Scenario,
    pub focus: Focus,
    /// The language the script is written in (and its dates are filled in).
    pub lang: Lang,
    pub sections: Sections,
    pub updated_at: NaiveDateTime,
}

impl Default for Script {
    fn default() -> Self {
        Script {
            id: Id::default(),
            rev: 0,
            builtin: None,
            origin: Origin::Created,
            name: String::new(),
            scenario: Scenario::Manual,
            focus: Focus::default(),
            lang: Lang::Zh,
            sections: Sections::default(),
            updated_at: NaiveDateTime::default(),
        }
    }
}

/// The words the library finds a script by and names a copy with, in one language
/// (`i18n::scripts::library_words` fills them). Functions that take them ask for the script's
/// own language.
#[derive(Clone, Copy)]
pub struct LibraryWords {
    pub scenario: fn(Scenario) -> &'static str,
    pub tier: fn(Tier) -> &'static str,
    pub need: fn(NeedType) -> &'static str,
    /// A copy's name from the original's and what the copy is for: "{name}（{what}）".
    pub copy_name: fn(&str, &str) -> String,
}

/// Which text of a script a validation error is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionRef {
    Name,
    Opening,
    Purpose,
    Question(usize),
    Tip(usize),
    FallbackWhen(usize),
    FallbackSay(usize),
    Closing,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScriptError {
    #[error("the script has no name")]
    NameMissing,
    #[error("the script says nothing")]
    Empty,
    #[error(transparent)]
    Template(#[from] TemplateError),
}

impl Script {
    /// Every text with where it sits, in reading order.
    pub fn texts(&self) -> impl Iterator<Item = (SectionRef, &str)> {
        let s = &self.sections;
        [(SectionRef::Opening, s.opening.as_str()), (SectionRef::Purpose, s.purpose.as_str())]
            .into_iter()
            .chain(s.questions.iter().enumerate().map(|(i, q)| (SectionRef::Question(i), q.as_str())))
            .chain(s.tips.iter().enumerate().map(|(i, t)| (SectionRef::Tip(i), t.as_str())))
            .chain(s.fallbacks.iter().enumerate().flat_map(|(i, f)| {
                [(SectionRef::FallbackWhen(i), f.when.as_str()), (SectionRef::FallbackSay(i), f.say.as_str())]
            }))
            .chain(std::iter::once((SectionRef::Closing, s.closing.as_str())))
    }

    /// Checks a script before it is saved: a name, something to say, and well-formed
    /// placeholders everywhere. Returns every problem, each with the text it is in.
    pub fn validate(&self) -> Result<(), Vec<(SectionRef, ScriptError)>> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty() {
            errors.push((SectionRef::Name, ScriptError::NameMissing));
        }
        if self.texts().all(|(_, t)| t.trim().is_empty()) {
            errors.push((SectionRef::Opening, ScriptError::Empty));
        }
        for (at, text) in self.texts() {
            if let Err(e) = placeholder::parse(text) {
                errors.push((at, e.into()));
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// Whether the library's search for `query` finds this script: every word of the query
    /// appears, ignoring case, in its name, scenario, focus or any of its texts (named in the
    /// script's language).
    pub fn mentions(&self, query: &str, words: fn(Lang) -> LibraryWords) -> bool {
        let words = words(self.lang);
        let mut haystack = vec![self.name.to_lowercase(), (words.scenario)(self.scenario).to_lowercase()];
        haystack.extend(self.focus.tier.map(|t| (words.tier)(t).to_lowercase()));
        haystack.extend(self.focus.need.map(|n| (words.need)(n).to_lowercase()));
        haystack.extend(self.focus.product.as_deref().map(str::to_lowercase));
        haystack.extend(self.texts().map(|(_, t)| t.to_lowercase()));
        query.to_lowercase().split_whitespace().all(|word| haystack.iter().any(|h| h.contains(word)))
    }

    pub fn is_users(&self) -> bool {
        self.origin != Origin::BuiltIn
    }

    /// The copy to save when the user edits this script: a built-in becomes an edited built-in
    /// under a new id; the user's own scripts keep their id and origin.
    pub fn edited(&self, new_id: Id, now: NaiveDateTime) -> Script {
        let mut copy = self.clone();
        if self.origin == Origin::BuiltIn {
            copy.id = new_id;
            copy.rev = 0;
            copy.origin = Origin::Edited;
        }
        copy.updated_at = now;
        copy
    }
}

/// The scripts a user sees in `lang`: their own, and every built-in they have not edited.
pub fn library(user: &[Script], lang: Lang) -> Vec<Script> {
    let mut all: Vec<Script> = user.iter().filter(|s| s.lang == lang).cloned().collect();
    all.extend(builtin::all(lang).into_iter().filter(|b| !hidden_by_edit(user, b)));
    all.sort_by(|a, b| {
        a.scenario.cmp(&b.scenario).then_with(|| a.focus.tier.cmp(&b.focus.tier)).then_with(|| a.name.cmp(&b.name))
    });
    all
}

fn hidden_by_edit(user: &[Script], builtin: &Script) -> bool {
    user.iter().any(|s| s.origin == Origin::Edited && s.lang == builtin.lang && s.builtin == builtin.builtin)
}

/// The script a link names (`#/scripts/<id>`): one of the user's by its id, or a built-in by
/// its `builtin:<id>`, which stands for the user's edit of it in `lang` while there is one (so a
/// link keeps working across an edit, a reset and a change of language).
pub fn find(user: &[Script], lang: Lang, id: &str) -> Option<Script> {
    if let Some(own) = user.iter().find(|s| s.id == id) {
        return Some(own.clone());
    }
    let builtin_id = id.strip_prefix(builtin::ID_PREFIX)?;
    user.iter()
        .find(|s| s.origin == Origin::Edited && s.lang == lang && s.builtin.as_deref() == Some(builtin_id))
        .cloned()
        .or_else(|| builtin::script(builtin_id, lang))
}

/// What a visit needs from a script.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Want {
    pub scenario: Option<Scenario>,
    pub tier: Option<Tier>,
    pub need: Option<NeedType>,
    pub product: Option<String>,
    pub severity: Option<Severity>,
    /// The complaint follow-up round (1 for the first).
    pub round: Option<u32>,
}

impl Want {
    /// What a due item asks for: its scenario and tier, the customer's need type, and the
    /// product and complaint its reasons name.
    pub fn for_item(item: &DueItem, customer: Option<&Customer>) -> Want {
        let mut want = Want {
            scenario: Some(item.scenario),
            tier: Some(item.tier),
            need: customer.map(|c| c.need),
            product: customer.and_then(|c| c.last_purchase()).map(|p| p.product.clone()),
            ..Want::default()
        };
        for reason in &item.reasons {
            match reason {
                DueReason::PostPurchase { product, .. } if !product.trim().is_empty() => {
                    want.product = Some(product.clone());
                }
                DueReason::ComplaintFollowUp { severity, round, .. } => {
                    want.severity = Some(*severity);
                    want.round = Some(*round);
                }
                _ => {}
            }
        }
        want
    }
}

/// How well `script` fits, or `None` when its focus rules it out.
fn fit(script: &Script, want: &Want) -> Option<u32> {
    fn matches<T: PartialEq>(focus: &Option<T>, want: &Option<T>, weight: u32) -> Option<u32> {
        match (focus, want) {
            (None, _) => Some(0),
            (Some(f), Some(w)) if f == w => Some(weight),
            (Some(_), Some(_)) => None,
            // The visit does not say (a customer without a tier yet): a specialised script is
            // still better than none, but not preferred.
            (Some(_), None) => Some(0),
        }
    }
    let f = &script.focus;
    let product = match (&f.product, &want.product) {
        (None, _) => 0,
        (Some(p), _) if p.trim().is_empty() => 0,
        (Some(p), Some(w)) if !p.trim().is_empty() && w.to_lowercase().contains(&p.trim().to_lowercase()) => 16,
        _ => return None,
    };
    let round = match (f.round, want.round) {
        (None, _) => 0,
        (Some(Round::First), Some(1) | None) => 4,
        (Some(Round::Later), Some(r)) if r >= 2 => 4,
        _ => return None,
    };
    let user = if script.is_users() { 64 } else { 0 };
    Some(
        user + product
            + round
            + matches(&f.tier, &want.tier, 8)?
            + matches(&f.need, &want.need, 4)?
            + matches(&f.severity, &want.severity, 4)?,
    )
}

/// The script for a visit: the user's own scripts first, then the most specific one (product,
/// tier, need type, complaint severity and round), the most recently edited on a tie. A scenario
/// without a matching script gets the general one, so a visit always has a script.
pub fn pick(user: &[Script], lang: Lang, want: &Want) -> Script {
    let scenario = want.scenario.unwrap_or(Scenario::Manual);
    let candidates = library(user, lang);
    let best = |scenario: Scenario| {
        candidates
            .iter()
            .filter(|s| s.scenario == scenario)
            .filter_map(|s| fit(s, want).map(|score| (score, s)))
            .max_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.updated_at.cmp(&y.updated_at)))
            .map(|(_, s)| s.clone())
    };
    best(scenario)
        .or_else(|| best(Scenario::Manual))
        .unwrap_or_else(|| builtin::script(builtin::GENERAL, lang).unwrap_or_default())
}

/// What resetting a built-in does: the built-in comes back, the user's edits are deleted.
#[derive(Debug, Clone, PartialEq)]
pub struct Reset {
    pub restored: Script,
    /// Ids of the user's edited copies to delete from storage.
    pub delete: Vec<Id>,
}

/// Discards the user's edit of the built-in `builtin_id` in `lang`. `None` if there is no such
/// built-in.
pub fn reset_builtin(user: &[Script], builtin_id: &str, lang: Lang) -> Option<Reset> {
    let restored = builtin::script(builtin_id, lang)?;
    let delete = user
        .iter()
        .filter(|s| s.origin == Origin::Edited && s.lang == lang && s.builtin.as_deref() == Some(builtin_id))
        .map(|s| s.id.clone())
        .collect();
    Some(Reset { restored, delete })
}

/// A copy of `script` for one tier and/or product, named after them ("钻石客户维护（钻石）" is
/// avoided: the suffix only names what the original did not already focus on), in the script's
/// language.
pub fn duplicate(
    script: &Script,
    tier: Option<Tier>,
    product: Option<&str>,
    new_id: Id,
    now: NaiveDateTime,
    words: fn(Lang) -> LibraryWords,
) -> Script {
    let words = words(script.lang);
    let mut copy = script.clone();
    copy.id = new_id;
    copy.rev = 0;
    copy.origin = Origin::Duplicated { from: script.id.clone() };
    copy.updated_at = now;
    let mut suffix: Vec<String> = Vec::new();
    if let Some(t) = tier.filter(|t| script.focus.tier != Some(*t)) {
        copy.focus.tier = Some(t);
        suffix.push((words.tier)(t).to_string());
    }
    if let Some(p) = product.map(str::trim).filter(|p| !p.is_empty()) {
        copy.focus.product = Some(p.to_string());
        suffix.push(p.to_string());
    }
    copy.name = (words.copy_name)(&script.name, &suffix.join(" · "));
    copy
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::scripts::library_words;
    use chrono::NaiveDate;

    fn at(day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 6, day).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    fn user_script(id: &str, scenario: Scenario, focus: Focus) -> Script {
        Script {
            id: id.into(),
            name: format!("mine {id}"),
            scenario,
            focus,
            sections: Sections { opening: "您好{称呼}".into(), ..Sections::default() },
            updated_at: at(1),
            ..Script::default()
        }
    }

    fn want(scenario: Scenario, tier: Tier) -> Want {
        Want { scenario: Some(scenario), tier: Some(tier), ..Want::default() }
    }

    #[test]
    fn care_visits_get_the_script_of_the_customers_tier() {
        for tier in Tier::ALL {
            let s = pick(&[], Lang::Zh, &want(Scenario::Care, tier));
            assert_eq!(s.scenario, Scenario::Care);
            assert_eq!(s.focus.tier, Some(tier), "{tier:?}");
        }
    }

    #[test]
    fn every_scenario_has_a_built_in_script_in_both_languages() {
        for lang in Lang::ALL {
            for scenario in Scenario::ALL {
                let s = pick(&[], lang, &Want { scenario: Some(scenario), ..Want::default() });
                assert_eq!(s.scenario, scenario, "{scenario:?} in {lang:?}");
                assert_eq!(s.lang, lang);
                assert!(s.validate().is_ok(), "{:?}", s.validate());
            }
        }
    }

    #[test]
    fn a_users_own_script_is_preferred_over_the_built_in() {
        let mine = user_script("u1", Scenario::Care, Focus::default());
        let s = pick(std::slice::from_ref(&mine), Lang::Zh, &want(Scenario::Care, Tier::Gold));
        assert_eq!(s.id, "u1");
    }

    #[test]
    fn a_script_for_another_tier_is_never_offered() {
        let mine = user_script("diamond-only", Scenario::Care, Focus { tier: Some(Tier::Diamond), ..Focus::default() });
        let s = pick(&[mine], Lang::Zh, &want(Scenario::Care, Tier::Silver));
        assert_ne!(s.id, "diamond-only");
        assert_eq!(s.focus.tier, Some(Tier::Silver));
    }

    #[test]
    fn a_script_for_the_customers_need_type_beats_a_general_one() {
        let general = user_script("general", Scenario::IntentionCheck, Focus::default());
        let trial =
            user_script("trial", Scenario::IntentionCheck, Focus { need: Some(NeedType::Trial), ..Focus::default() });
        let essential = user_script(
            "essential",
            Scenario::IntentionCheck,
            Focus { need: Some(NeedType::Essential), ..Focus::default() },
        );
        let scripts = [general, trial, essential];
        let mut w = want(Scenario::IntentionCheck, Tier::Gold);
        w.need = Some(NeedType::Trial);
        assert_eq!(pick(&scripts, Lang::Zh, &w).id, "trial");
        w.need = Some(NeedType::Improvement);
        assert_eq!(pick(&scripts, Lang::Zh, &w).id, "general");
    }

    #[test]
    fn a_product_script_is_chosen_for_that_product_only() {
        let purifier = user_script(
            "purifier",
            Scenario::PostPurchase,
            Focus { product: Some("净化器".into()), ..Focus::default() },
        );
        let mut w = want(Scenario::PostPurchase, Tier::Gold);
        w.product = Some("空气净化器 X3".into());
        assert_eq!(pick(std::slice::from_ref(&purifier), Lang::Zh, &w).id, "purifier");
        w.product = Some("洗碗机".into());
        assert_eq!(pick(&[purifier], Lang::Zh, &w).builtin.as_deref(), Some("post_purchase"));
        let blank =
            user_script("blank", Scenario::PostPurchase, Focus { product: Some(" ".into()), ..Focus::default() });
        assert_eq!(pick(&[blank], Lang::Zh, &w).id, "blank", "a blank product focus means any product");
    }

    #[test]
    fn a_major_complaint_gets_the_on_site_script_first_and_the_phone_script_after() {
        let mut w = Want {
            scenario: Some(Scenario::ComplaintFollowUp),
            severity: Some(Severity::Major),
            round: Some(1),
            ..Want::default()
        };
        assert_eq!(pick(&[], Lang::Zh, &w).builtin.as_deref(), Some("complaint_major"));
        w.round = Some(2);
        assert_eq!(pick(&[], Lang::Zh, &w).builtin.as_deref(), Some("complaint_repeat"));
        w.severity = Some(Severity::General);
        w.round = Some(1);
        assert_eq!(pick(&[], Lang::Zh, &w).builtin.as_deref(), Some("complaint"));
    }

    #[test]
    fn an_edited_built_in_replaces_the_original_until_it_is_reset() {
        let original = builtin::script("birthday", Lang::Zh).unwrap();
        let mut edited = original.edited("e1".into(), at(2));
        edited.sections.opening = "生日快乐，{称呼}！".into();
        let user = vec![edited.clone()];

        let lib = library(&user, Lang::Zh);
        assert_eq!(lib.iter().filter(|s| s.builtin.as_deref() == Some("birthday")).count(), 1);
        let chosen = pick(&user, Lang::Zh, &Want { scenario: Some(Scenario::Birthday), ..Want::default() });
        assert_eq!(chosen.sections.opening, "生日快乐，{称呼}！");

        let reset = reset_builtin(&user, "birthday", Lang::Zh).unwrap();
        assert_eq!(reset.delete, vec!["e1".to_string()]);
        assert_eq!(reset.restored, original);
    }

    #[test]
    fn editing_a_built_in_in_one_language_leaves_the_other_language_alone() {
        let edited = builtin::script("birthday", Lang::Zh).unwrap().edited("e1".into(), at(2));
        let english = library(&[edited], Lang::En);
        assert!(english.iter().any(|s| s.builtin.as_deref() == Some("birthday") && s.origin == Origin::BuiltIn));
    }

    #[test]
    fn a_duplicate_for_a_tier_is_named_after_it_and_only_offered_for_it() {
        let post = builtin::script("post_purchase", Lang::Zh).unwrap();
        let copy = duplicate(&post, Some(Tier::Gold), Some("净水器"), "d1".into(), at(3), library_words);
        assert_eq!(copy.name, format!("{}（黄金 · 净水器）", post.name));
        assert_eq!(copy.origin, Origin::Duplicated { from: post.id.clone() });
        assert_eq!(copy.focus.tier, Some(Tier::Gold));
        let mut w = want(Scenario::PostPurchase, Tier::Gold);
        w.product = Some("家用净水器".into());
        assert_eq!(pick(std::slice::from_ref(&copy), Lang::Zh, &w).id, "d1");
        w.tier = Some(Tier::Basic);
        assert_ne!(pick(&[copy], Lang::Zh, &w).id, "d1");
    }

    #[test]
    fn an_english_duplicate_is_named_in_english() {
        let care = builtin::script("care_gold", Lang::En).unwrap();
        let copy = duplicate(&care, None, Some("Water filter"), "d2".into(), at(3), library_words);
        assert_eq!(copy.name, format!("{} (Water filter)", care.name));
    }

    #[test]
    fn saving_a_script_with_a_typo_in_a_placeholder_names_the_text_and_the_placeholder() {
        let mut s = user_script("u", Scenario::Manual, Focus::default());
        s.sections.questions = vec!["好用吗？".into(), "{产品}用得怎么样？{购买日其}".into()];
        s.sections.closing = "谢谢{公司".into();
        let errors = s.validate().unwrap_err();
        assert_eq!(
            errors,
            vec![
                (
                    SectionRef::Question(1),
                    ScriptError::Template(TemplateError::Unknown { name: "购买日其".into(), position: 11 })
                ),
                (SectionRef::Closing, ScriptError::Template(TemplateError::Unclosed { position: 3 })),
            ]
        );
    }

    #[test]
    fn a_script_survives_being_stored_and_read_back() {
        let copy = duplicate(
            &builtin::script("care_gold", Lang::Zh).unwrap(),
            None,
            Some("净水器"),
            "d1".into(),
            at(3),
            library_words,
        );
        let json = serde_json::to_string(&copy).unwrap();
        assert_eq!(serde_json::from_str::<Script>(&json).unwrap(), copy);
        let bare: Script = serde_json::from_str(r#"{"id":"x","name":"我的","lang":"en"}"#).unwrap();
        assert_eq!((bare.lang, bare.scenario, bare.origin), (Lang::En, Scenario::Manual, Origin::Created));
    }

    #[test]
    fn a_link_to_a_built_in_opens_the_users_edit_of_it_in_the_current_language() {
        let original = builtin::script("birthday", Lang::Zh).unwrap();
        let mut edited = original.edited("e1".into(), at(2));
        edited.sections.opening = "生日快乐！".into();
        let user = vec![edited];
        assert_eq!(find(&user, Lang::Zh, "builtin:birthday").unwrap().sections.opening, "生日快乐！");
        assert_eq!(find(&user, Lang::En, "builtin:birthday").unwrap().origin, Origin::BuiltIn);
        assert_eq!(find(&user, Lang::En, "e1").unwrap().id, "e1", "the user's own script by its id");
        assert_eq!(find(&[], Lang::Zh, "builtin:birthday"), Some(original));
        assert_eq!(find(&[], Lang::Zh, "builtin:no_such"), None);
        assert_eq!(find(&[], Lang::Zh, "e1"), None, "a deleted script is gone");
    }

    #[test]
    fn searching_finds_a_script_by_name_scenario_focus_or_any_line_ignoring_case() {
        let care = builtin::script("care_diamond", Lang::Zh).unwrap();
        assert!(care.mentions("钻石", library_words));
        assert!(care.mentions("老客户维护", library_words));
        assert!(care.mentions("  ", library_words), "an empty search shows everything");
        assert!(!care.mentions("生日", library_words));
        let english = builtin::script("complaint", Lang::En).unwrap();
        assert!(english.mentions("COMPLAINT", library_words));
        assert!(
            english.mentions("sorry busy", library_words),
            "every word, anywhere: {:?}",
            english.sections.fallbacks
        );
        assert!(!english.mentions("sorry zebra", library_words));
        let mut mine =
            user_script("u", Scenario::PostPurchase, Focus { product: Some("净水器".into()), ..Focus::default() });
        mine.sections.questions = vec!["滤芯换了吗？".into()];
        assert!(mine.mentions("净水器", library_words) && mine.mentions("滤芯", library_words));
    }

    #[test]
    fn a_script_without_a_name_or_any_text_is_refused() {
        let s = Script::default();
        let errors = s.validate().unwrap_err();
        assert!(errors.contains(&(SectionRef::Name, ScriptError::NameMissing)));
        assert!(errors.contains(&(SectionRef::Opening, ScriptError::Empty)));
    }

    #[test]
    fn a_due_item_asks_for_the_product_and_complaint_round_its_reasons_name() {
        use crate::domain::agenda::{ItemStatus, Responsible};
        use crate::domain::customer::ContactMethod;
        let d = NaiveDate::from_ymd_opt(2026, 6, 3).unwrap();
        let item = DueItem {
            key: "k".into(),
            customer_id: "c".into(),
            scenario: Scenario::ComplaintFollowUp,
            reasons: vec![
                DueReason::ComplaintFollowUp {
                    complaint_id: "x".into(),
                    resolved_on: d,
                    severity: Severity::Major,
                    round: 2,
                },
                DueReason::PostPurchase {
                    purchase_id: "p".into(),
                    purchase_date: d,
                    product: "净水器".into(),
                    day: 7,
                    carried: Vec::new(),
                },
            ],
            earliest: d,
            ideal: d,
            latest: d,
            method: ContactMethod::Phone,
            tier: Tier::Silver,
            responsible: Responsible::Manager,
            on_site: false,
            status: ItemStatus::Open,
        };
        let w = Want::for_item(&item, None);
        assert_eq!(w.product.as_deref(), Some("净水器"));
        assert_eq!((w.severity, w.round, w.tier), (Some(Severity::Major), Some(2), Some(Tier::Silver)));
    }
}
