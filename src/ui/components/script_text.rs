//! Script texts as markup: placeholders stand out, whether written (`{产品}`), filled (张先生)
//! or missing (【产品】, for the agent to say in their own words).

use crate::domain::scripts::Segment;
use crate::domain::scripts::fill::missing_marker;
use crate::domain::scripts::placeholder::{Token, parse};
use crate::i18n::Lang;
use maud::{Markup, html};

/// A filled text.
pub fn filled(segments: &[Segment], lang: Lang) -> Markup {
    html! {
        @for segment in segments {
            @match segment {
                Segment::Text(t) => (t),
                Segment::Filled { value, .. } => span class="ph ph-filled" { (value) },
                Segment::Missing(p) => mark class="ph ph-missing" { (missing_marker(*p, lang)) },
            }
        }
    }
}

/// A text as written, with its placeholders marked. A malformed text (an old or imported
/// script) is shown as it is.
pub fn template(text: &str, lang: Lang) -> Markup {
    match parse(text) {
        Ok(tokens) => html! {
            @for token in tokens {
                @match token {
                    Token::Text(t) => (t),
                    Token::Slot(p) => span class="ph ph-token" { (p.token(lang)) },
                }
            }
        },
        Err(_) => html! { (text) },
    }
}
