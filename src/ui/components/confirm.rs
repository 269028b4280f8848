//! A modal question before anything that destroys or discards data.

use crate::ui::state::AppState;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// What the dialog says. Strings are in the current language; `fields` is extra markup (the
/// choices of a duplicate) whose values `on_confirm` reads from the dialog.
pub struct Confirm<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub confirm: &'a str,
    /// The confirm button is red.
    pub danger: bool,
    /// `data-dialog`, for tests and styles.
    pub name: &'a str,
    pub fields: &'a str,
}

/// Asks with a native `<dialog>` opened by `showModal()`: the browser traps focus inside it,
/// makes the page behind inert and closes it on Escape, on phones as on desktops. Focus starts
/// on Cancel, so Enter never destroys. `on_confirm` runs once, only if the user confirms, with
/// the dialog (to read `fields`); the dialog is removed when it closes either way.
///
/// ```ignore
/// confirm(app, Confirm { title: "删除这条话术？", body: "", confirm: "删除", danger: true,
///     name: "delete", fields: "" }, move |_| delete());
/// ```
///
/// Built with the DOM rather than `view!`: it is opened from event handlers, lives outside any
/// page, and costs a fraction of the wasm of a component.
pub fn confirm(app: AppState, c: Confirm, on_confirm: impl FnOnce(&web_sys::Element) + 'static) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = doc.body() else { return };
    let Ok(dialog) = doc.create_element("dialog") else { return };
    let Ok(dialog) = dialog.dyn_into::<web_sys::HtmlDialogElement>() else { return };
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let _ = dialog.set_attribute("class", "dialog");
    let _ = dialog.set_attribute("data-dialog", c.name);
    let _ = dialog.set_attribute("aria-label", c.title);
    let text = if c.body.is_empty() { String::new() } else { format!("<p>{}</p>", esc(c.body)) };
    dialog.set_inner_html(&format!(
        r#"<form method="dialog" class="dialog-body"><h2>{}</h2>{text}{}<div class="form-actions"><button class="button" value="cancel" autofocus>{}</button><button class="button {}" value="ok" data-confirm>{}</button></div></form>"#,
        esc(c.title),
        c.fields,
        esc(app.t_now().common.cancel),
        if c.danger { "danger" } else { "primary" },
        esc(c.confirm),
    ));
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
