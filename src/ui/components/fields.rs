//! The form fields and badges that several pages write as markup (customer forms, tier settings,
//! the backup reminder): a labelled input, select or checkbox with its error, and the tier badge.
//! Every value is escaped by `html!`; the few attributes a field may add are typed ([`Input`]).

use crate::domain::tier::Tier;
use crate::i18n::Texts;
use maud::{Markup, html};

/// What a text input may say beyond its name and value: its type, the keyboard a phone shows,
/// what the browser may fill in, and a class for its width.
#[derive(Clone, Copy, Default)]
pub struct Input {
    pub kind: Option<&'static str>,
    pub inputmode: Option<&'static str>,
    pub autocomplete: Option<&'static str>,
    pub class: Option<&'static str>,
}

impl Input {
    pub const TEXT: Input = Input { kind: None, inputmode: None, autocomplete: None, class: None };
    pub const DECIMAL: Input = Input { inputmode: Some("decimal"), ..Input::TEXT };
    pub const NUMERIC_SHORT: Input = Input { inputmode: Some("numeric"), class: Some("short"), ..Input::TEXT };
    pub const TEL: Input = Input { kind: Some("tel"), inputmode: Some("tel"), autocomplete: Some("tel"), class: None };
    pub const EMAIL: Input = Input { kind: Some("email"), autocomplete: Some("email"), ..Input::TEXT };

    pub const fn autocomplete(self, what: &'static str) -> Input {
        Input { autocomplete: Some(what), ..self }
    }
}

/// A text input with its label, hint (placeholder) and error (already in the user's language).
pub fn input(label: &str, name: &str, value: &str, error: Option<&str>, hint: &str, kind: Input) -> Markup {
    let error_id = format!("{name}-error");
    html! {
        label.field.invalid[error.is_some()] {
            span { (label) }
            input name=(name) value=(value) placeholder=[(!hint.is_empty()).then_some(hint)]
                aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| &error_id)]
                type=[kind.kind] inputmode=[kind.inputmode] autocomplete=[kind.autocomplete] class=[kind.class];
            @if let Some(e) = error {
                span.field-error id=(error_id) { (e) }
            }
        }
    }
}

/// A select with its label; `options` are (value, text, selected).
pub fn select(label: &str, name: &str, options: &[(String, String, bool)], error: Option<&str>) -> Markup {
    html! {
        label.field.invalid[error.is_some()] {
            span { (label) }
            select name=(name) { (options_markup(options)) }
            @if let Some(e) = error {
                span.field-error id={ (name) "-error" } { (e) }
            }
        }
    }
}

/// The options of a select: (value, text, selected).
pub fn options_markup(options: &[(String, String, bool)]) -> Markup {
    html! {
        @for (value, text, selected) in options {
            option value=(value) selected[*selected] { (text) }
        }
    }
}

pub fn checkbox(label: &str, name: &str, checked: bool) -> Markup {
    html! {
        label.check {
            input type="checkbox" name=(name) checked[checked];
            span { (label) }
        }
    }
}

/// The CSS name of a tier (its colour).
pub fn tier_class(tier: Tier) -> &'static str {
    match tier {
        Tier::Diamond => "diamond",
        Tier::Gold => "gold",
        Tier::Silver => "silver",
        Tier::Basic => "basic",
    }
}

/// The coloured tier name.
pub fn tier_badge(t: &Texts, tier: Tier) -> Markup {
    html! { span class={ "badge tier tier-" (tier_class(tier)) } { ((t.labels.tier)(tier)) } }
}
