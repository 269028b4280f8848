//! Reading the customer pages' markup back from the DOM: fields, the element an event came from,
//! focus and scroll.
//!
//! Why markup: in Leptos (tachys) every distinct view structure and every reactive closure is its
//! own type with its own generated render, update and mount code. Written the idiomatic way, the
//! customer book (list, detail, four forms, import, tier settings) weighed ~270 KB gzipped of
//! wasm, more than the whole app's budget allows. Here the read-only blocks and the forms are
//! `maud::html!` templates (every value escaped by construction) rendered to a string, one
//! `inner_html` per block, re-rendered when their data change. Their events are handled once per
//! block by delegation, each page's `data-action` a typed enum
//! ([`crate::ui::components::markup::actions!`]); forms are read back on submit ("uncontrolled"
//! inputs).

use wasm_bindgen::JsCast;

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
