//! Markup written as text for the parts of the Scripts page that are mostly words: the cards of
//! the library, a script's sections, the prompter, the editor's fields.
//!
//! Why not `view!`: every distinct element of a Leptos view is its own copy of the rendering code
//! in the wasm (about half a kilobyte gzipped each), and these pages have hundreds of elements
//! of text. Written as markup and set with `inner_html`, they cost the code that writes the
//! string. Interaction goes through a few delegated listeners (`data-action`, `data-question`)
//! on the element that holds the markup. Everything that comes from the user or a file goes
//! through [`esc`].

/// Appends `text` with `& < > " '` escaped, safe in element content and in quoted attributes.
pub fn esc(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `<tag attrs>escaped text</tag>`; `attrs` is trusted markup written by this module's callers.
pub fn tag(out: &mut String, tag: &str, attrs: &str, text: &str) {
    out.push('<');
    out.push_str(tag);
    if !attrs.is_empty() {
        out.push(' ');
        out.push_str(attrs);
    }
    out.push('>');
    esc(out, text);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// The element with `data-action`, `data-question`… that an event inside delegated markup
/// started from: the target itself or its nearest ancestor with the attribute.
pub fn action_of(ev: &web_sys::Event, attribute: &str) -> Option<(web_sys::Element, String)> {
    use wasm_bindgen::JsCast;
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let element = target.closest(&format!("[{attribute}]")).ok()??;
    let value = element.get_attribute(attribute)?;
    Some((element, value))
}
