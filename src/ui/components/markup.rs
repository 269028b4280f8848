//! Pieces for parts of pages written as HTML text rather than `view!` (the agenda's lists, the
//! schedule settings): escaping, and reading and annotating a form through the DOM.
//!
//! Why: a Leptos view compiles to code specialised for its exact shape. Long lists of cards and
//! long forms written as views made the download several times larger; as text they cost a few
//! string writes. Every value that came from a user or a file goes through [`esc`].

use wasm_bindgen::JsCast;

/// Escapes text for HTML content and quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
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
    out
}

/// The element an event happened on.
pub fn target_element(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

/// The value of the first field named `name` inside `within` (input, select or textarea).
pub fn field_value(within: &web_sys::Element, name: &str) -> String {
    let Ok(Some(field)) = within.query_selector(&format!("[name={name}]")) else { return String::new() };
    value_of(&field)
}

pub fn value_of(field: &web_sys::Element) -> String {
    if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
        input.value()
    } else if let Some(select) = field.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.value()
    } else if let Some(area) = field.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else {
        String::new()
    }
}

pub fn is_checked(within: &web_sys::Element, selector: &str) -> bool {
    within
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// Every element matching `selector` inside `within`.
pub fn all(within: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let Ok(list) = within.query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<web_sys::Element>().ok()).collect()
}

/// Shows `message` in the error slot `slot` (a `.field-error`) and marks its `.field` invalid,
/// or clears both.
pub fn show_error_in(slot: Option<web_sys::Element>, message: Option<&str>) {
    let Some(slot) = slot else { return };
    slot.set_text_content(message);
    if let Ok(Some(field)) = slot.closest(".field") {
        let _ = if message.is_some() {
            field.class_list().add_1("invalid")
        } else {
            field.class_list().remove_1("invalid")
        };
    }
}
