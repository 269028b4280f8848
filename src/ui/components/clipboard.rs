//! Copying text for the user (a WeChat ID, a greeting to paste into a message, a script's opening),
//! with a toast saying whether it worked.

use crate::i18n::Texts;
use crate::ui::state::AppState;
use wasm_bindgen::JsCast;

/// Copies `text` with the Clipboard API, falling back to a selected hidden field and
/// `execCommand('copy')` where the API is missing (plain http, older WebViews). Says "copied", or
/// `failed` (which tells the user what to press and hold instead).
pub fn copy(app: AppState, text: String, failed: fn(&'static Texts) -> &'static str) {
    let Some(window) = web_sys::window() else { return };
    let has_api =
        js_sys::Reflect::get(&window.navigator(), &"clipboard".into()).is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if has_api {
        let promise = window.navigator().clipboard().write_text(&text);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => app.toast(|t| t.common.copied),
                Err(_) => app.toast_error(failed),
            };
        });
        return;
    }
    let copied = (|| {
        let doc = window.document()?;
        let input: web_sys::HtmlInputElement = doc.create_element("input").ok()?.dyn_into().ok()?;
        input.set_value(&text);
        let _ = input.set_attribute("style", "position:fixed;opacity:0");
        doc.body()?.append_child(&input).ok()?;
        input.select();
        let exec = js_sys::Reflect::get(&doc, &"execCommand".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
        let ok = exec.call1(&doc, &"copy".into()).ok()?.as_bool();
        input.remove();
        ok
    })();
    if copied == Some(true) {
        app.toast(|t| t.common.copied);
    } else {
        app.toast_error(failed);
    }
}
