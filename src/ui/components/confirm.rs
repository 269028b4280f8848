//! A modal question before anything that destroys or discards data.

use crate::ui::state::AppState;
use maud::{Markup, html};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// What the dialog says. Strings are in the current language; `fields` is extra markup (the
/// choices of a duplicate, a calibration's before and after) whose values `on_confirm` reads from
/// the dialog.
pub struct Confirm<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub confirm: &'a str,
    /// The confirm button is red.
    pub danger: bool,
    /// `data-dialog`, for tests and styles.
    pub name: &'a str,
    pub fields: Option<Markup>,
}

/// Asks with a native `<dialog>` opened by `showModal()`: the browser traps focus inside it,
/// makes the page behind inert and closes it on Escape, on phones as on desktops. Focus starts
/// on Cancel, so Enter never destroys. `on_confirm` runs once, only if the user confirms, with
/// the dialog (to read `fields`); the dialog is removed when it closes either way.
///
/// ```ignore
/// confirm(app, Confirm { title: "删除这条话术？", body: "", confirm: "删除", danger: true,
///     name: "delete", fields: None }, move |_| delete());
/// ```
///
/// Built with the DOM rather than `view!`: it is opened from event handlers, lives outside any
/// page, and costs a fraction of the wasm of a component.
pub fn confirm(app: AppState, c: Confirm, on_confirm: impl FnOnce(&web_sys::Element) + 'static) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = doc.body() else { return };
    let Ok(dialog) = doc.create_element("dialog") else { return };
    let Ok(dialog) = dialog.dyn_into::<web_sys::HtmlDialogElement>() else { return };
    let _ = dialog.set_attribute("class", "dialog");
    let _ = dialog.set_attribute("data-dialog", c.name);
    let _ = dialog.set_attribute("aria-label", c.title);
    let markup = html! {
        form.dialog-body method="dialog" {
            h2 { (c.title) }
            @if !c.body.is_empty() {
                p { (c.body) }
            }
            @if let Some(fields) = c.fields {
                (fields)
            }
            div.form-actions {
                button.button value="cancel" autofocus { (app.t_now().common.cancel) }
                button class={ "button " @if c.danger { "danger" } @else { "primary" } } value="ok" data-confirm {
                    (c.confirm)
                }
            }
        }
    };
    dialog.set_inner_html(&markup.into_string());
    let _ = body.append_child(&dialog);
    let closed = dialog.clone();
    let on_close = Closure::once_into_js(move || {
        if closed.return_value() == "ok" {
            on_confirm(&closed);
        }
        closed.remove();
    });
    let _ = dialog.add_event_listener_with_callback("close", on_close.unchecked_ref());
    if dialog.show_modal().is_err() {
        dialog.remove();
    }
}
