//! Pieces for parts of pages written as HTML text rather than `view!` (the long lists, cards and
//! forms): typed delegated actions, and reading and annotating a form through the DOM.
//!
//! Why text: a Leptos view compiles to code specialised for its exact shape. Long lists of cards
//! and long forms written as views made the download several times larger; as text they cost a
//! few string writes. The text is written with [`maud::html!`], which escapes every interpolated
//! value by construction (`(customer.name)` can never become markup; only `PreEscaped` can, and it
//! is used for markup made by `html!` itself or by the icon set), so no page builds HTML by hand.
//!
//! Events are delegated: a block's root listens once, and the element a click or submit came from
//! names what to do in `data-action`. The names are a typed enum per page, declared with
//! [`actions!`]: the markup writes `data-action=(ListAction::Open)` and the handler matches on
//! `action::<ListAction>(&ev)`, so a misspelt action does not compile. Fields a change handler
//! tells apart are declared the same way and read with [`named`].

use wasm_bindgen::JsCast;

/// A page's delegated actions: the value of a `data-action` attribute, parsed and written back.
pub trait Action: Copy + Sized + 'static {
    fn parse(text: &str) -> Option<Self>;
    fn as_str(self) -> &'static str;
}

/// Declares a page's delegated actions as an enum: each variant with the text it has in the
/// markup. The enum gets [`Action`] (parse and `as_str`) and [`maud::Render`], so that it can be
/// written straight into a template.
///
/// ```ignore
/// actions! {
///     /// What the customer list's rows do.
///     pub enum ListAction { Open = "open", Call = "call" }
/// }
/// html! { button data-action=(ListAction::Call) { "拨打" } }
/// ```
macro_rules! actions {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        $vis enum $name { $($(#[$vmeta])* $variant),+ }

        impl $crate::ui::components::markup::Action for $name {
            fn parse(text: &str) -> Option<Self> {
                [$(Self::$variant),+].into_iter().find(|a| $crate::ui::components::markup::Action::as_str(*a) == text)
            }
            fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
        }

        impl maud::Render for $name {
            fn render_to(&self, buffer: &mut String) {
                buffer.push_str($crate::ui::components::markup::Action::as_str(*self));
            }
        }
    };
}
pub(crate) use actions;

/// A compact labelled date field: `label` over an `<input type="date">` named `name`, holding
/// `value` (an ISO date, or empty), with an empty slot for its error message where `error_slot`.
/// The period pickers of the agenda's export and of the review by file.
pub fn date_field(
    label: &str,
    name: impl maud::Render,
    value: impl std::fmt::Display,
    error_slot: bool,
) -> maud::Markup {
    maud::html! {
        label.field.compact {
            span { (label) }
            input type="date" name=(name) value=(value);
            @if error_slot {
                span.field-error role="alert" {}
            }
        }
    }
}

/// The action of type `A` named by the nearest `[data-action]` element up from the event's
/// target, with that element. `None` when there is none, or when it names another page's action.
pub fn action<A: Action>(ev: &web_sys::Event) -> Option<(A, web_sys::Element)> {
    let el = target_element(ev)?.closest("[data-action]").ok().flatten()?;
    let action = A::parse(&el.get_attribute("data-action")?)?;
    Some((action, el))
}

/// The action of type `A` an element itself names (a form's `data-action`, read on submit).
pub fn action_of<A: Action>(el: &web_sys::Element) -> Option<A> {
    A::parse(&el.get_attribute("data-action")?)
}

/// The field of type `A` an element is, by its `name` (a change handler telling a block's fields
/// apart: the names are declared with [`actions!`] like actions, and written with them).
pub fn named<A: Action>(el: &web_sys::Element) -> Option<A> {
    A::parse(&el.get_attribute("name")?)
}

/// The element an event happened on.
pub fn target_element(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

/// The value of the first field named `name` inside `within` (input, select or textarea).
pub fn field_value(within: &web_sys::Element, name: &str) -> String {
    let Ok(Some(field)) = within.query_selector(&format!(r#"[name="{name}"]"#)) else { return String::new() };
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
