//! Script texts as markup: placeholders stand out, whether written (`{产品}`), filled (张先生)
//! or missing (【产品】, for the agent to say in their own words).

use super::html::esc;
use crate::domain::scripts::Segment;
use crate::domain::scripts::fill::missing_marker;
use crate::domain::scripts::placeholder::{Token, parse};
use crate::i18n::Lang;

/// A filled text.
pub fn filled(out: &mut String, segments: &[Segment], lang: Lang) {
    for segment in segments {
        match segment {
            Segment::Text(t) => esc(out, t),
            Segment::Filled { value, .. } => {
                out.push_str(r#"<span class="ph ph-filled">"#);
                esc(out, value);
                out.push_str("</span>");
            }
            Segment::Missing(p) => {
                out.push_str(r#"<mark class="ph ph-missing">"#);
                esc(out, &missing_marker(*p, lang));
                out.push_str("</mark>");
            }
        }
    }
}

/// A text as written, with its placeholders marked. A malformed text (an old or imported
/// script) is shown as it is.
pub fn template(out: &mut String, text: &str, lang: Lang) {
    match parse(text) {
        Ok(tokens) => {
            for token in tokens {
                match token {
                    Token::Text(t) => esc(out, &t),
                    Token::Slot(p) => {
                        out.push_str(r#"<span class="ph ph-token">"#);
                        esc(out, &p.token(lang));
                        out.push_str("</span>");
                    }
                }
            }
        }
        Err(_) => esc(out, text),
    }
}
