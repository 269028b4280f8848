//! Markup as strings for the customer pages, and reading forms back from the DOM.
//!
//! Why: in Leptos (tachys) every distinct view structure and every reactive closure is its own
//! type with its own generated render, update and mount code. Written the idiomatic way, the
//! customer book (list, detail, four forms, import, tier settings) weighed ~270 KB gzipped of
//! wasm, more than the whole app's budget allows. Here the read-only blocks and the forms are
//! rendered to a string (one `inner_html` per block, re-rendered when their data change) and their
//! events are handled once per block by delegation (`data-action`); forms are read back on submit
//! ("uncontrolled" inputs). String formatting code is shared by all of it.
//!
//! Every value that comes from the user, a file or storage goes through [`esc`].

use wasm_bindgen::JsCast;

pub use crate::ui::components::markup::esc;

/// A text input with its label, hint and error (`error` already in the user's language).
pub fn input(label: &str, name: &str, value: &str, error: Option<&str>, hint: &str, attrs: &str) -> String {
    let (class, aria, err) = match error {
        Some(e) => (
            " invalid",
            format!(r#" aria-invalid="true" aria-describedby="{name}-error""#),
            format!(r#"<span class="field-error" id="{name}-error">{}</span>"#, esc(e)),
        ),
        None => ("", String::new(), String::new()),
    };
    let placeholder = if hint.is_empty() { String::new() } else { format!(r#" placeholder="{}""#, esc(hint)) };
    format!(
        r#"<label class="field{class}"><span>{}</span><input name="{name}" value="{}"{placeholder}{aria} {attrs}>{err}</label>"#,
        esc(label),
        esc(value)
    )
}

/// A select with its label; `options` are (value, text, selected).
pub fn select(label: &str, name: &str, options: &[(String, String, bool)], error: Option<&str>) -> String {
    let mut s = format!(
        r#"<label class="field{}"><span>{}</span><select name="{name}">"#,
        if error.is_some() { " invalid" } else { "" },
        esc(label)
    );
    s.push_str(&options_html(options));
    s.push_str("</select>");
    if let Some(e) = error {
        s.push_str(&format!(r#"<span class="field-error" id="{name}-error">{}</span>"#, esc(e)));
    }
    s.push_str("</label>");
    s
}

pub fn options_html(options: &[(String, String, bool)]) -> String {
    options
        .iter()
        .map(|(v, t, selected)| {
            format!(r#"<option value="{}"{}>{}</option>"#, esc(v), if *selected { " selected" } else { "" }, esc(t))
        })
        .collect()
}

pub fn checkbox(label: &str, name: &str, checked: bool) -> String {
    format!(
        r#"<label class="check"><input type="checkbox" name="{name}"{}><span>{}</span></label>"#,
        if checked { " checked" } else { "" },
        esc(label)
    )
}

fn named(root: &web_sys::Element, name: &str) -> Option<web_sys::Element> {
    root.query_selector(&format!(r#"[name="{name}"]"#)).ok().flatten()
}

/// The value of the input, select or textarea called `name` inside `root`.
pub fn value(root: &web_sys::Element, name: &str) -> String {
    named(root, name)
        .and_then(|el| js_sys::Reflect::get(&el, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

pub fn checked(root: &web_sys::Element, name: &str) -> bool {
    named(root, name)
        .and_then(|el| js_sys::Reflect::get(&el, &"checked".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// The element an event happened in, if it is an element.
pub fn target(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target()?.dyn_into::<web_sys::Element>().ok()
}

/// The `data-action` of the nearest element up from the event's target, with that element.
pub fn action(ev: &web_sys::Event) -> Option<(String, web_sys::Element)> {
    let el = target(ev)?.closest("[data-action]").ok().flatten()?;
    Some((el.get_attribute("data-action")?, el))
}

/// The element the listener sits on (the block's root).
pub fn current(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.current_target()?.dyn_into::<web_sys::Element>().ok()
}

/// Brings an element to the top of the screen once the next frame has rendered it.
pub fn scroll_to(selector: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        if let Ok(Some(el)) = doc.query_selector(selector) {
            el.scroll_into_view_with_bool(true);
        }
    });
}

/// Focuses the first field marked invalid inside `root`, so that a keyboard user lands on it.
pub fn focus_first_error() {
    leptos::prelude::request_animation_frame(|| {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        if let Ok(Some(el)) = doc.query_selector(".field.invalid input, .field.invalid select, .field.invalid textarea")
            && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = el.focus();
        }
    });
}

pub fn tier_class(tier: crate::domain::tier::Tier) -> &'static str {
    use crate::domain::tier::Tier;
    match tier {
        Tier::Diamond => "diamond",
        Tier::Gold => "gold",
        Tier::Silver => "silver",
        Tier::Basic => "basic",
    }
}

/// The coloured tier name.
pub fn tier_badge(t: &crate::i18n::Texts, tier: crate::domain::tier::Tier) -> String {
    format!(r#"<span class="badge tier tier-{}">{}</span>"#, tier_class(tier), (t.labels.tier)(tier))
}
