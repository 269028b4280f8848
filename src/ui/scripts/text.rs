//! Script texts on screen: placeholders stand out, whether written (`{产品}`), filled (张先生)
//! or missing (【产品】, for the agent to say in their own words).

use crate::domain::scripts::fill::missing_marker;
use crate::domain::scripts::placeholder::{Token, parse};
use crate::domain::scripts::{Placeholder, Segment};
use crate::i18n::Lang;
use leptos::prelude::*;

/// A filled text.
pub fn filled(segments: &[Segment], lang: Lang) -> AnyView {
    segments
        .iter()
        .map(|segment| match segment {
            Segment::Text(t) => t.clone().into_any(),
            Segment::Filled { value, .. } => view! { <span class="ph ph-filled">{value.clone()}</span> }.into_any(),
            Segment::Missing(p) => missing(*p, lang),
        })
        .collect_view()
        .into_any()
}

fn missing(p: Placeholder, lang: Lang) -> AnyView {
    view! { <mark class="ph ph-missing">{missing_marker(p, lang)}</mark> }.into_any()
}

/// A text as written, with its placeholders marked. A malformed text (an old or imported
/// script) is shown as it is.
pub fn template(text: &str, lang: Lang) -> AnyView {
    match parse(text) {
        Ok(tokens) => tokens
            .into_iter()
            .map(|token| match token {
                Token::Text(t) => t.into_any(),
                Token::Slot(p) => view! { <span class="ph ph-token">{p.token(lang)}</span> }.into_any(),
            })
            .collect_view()
            .into_any(),
        Err(_) => text.to_string().into_any(),
    }
}
