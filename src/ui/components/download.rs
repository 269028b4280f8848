//! Offering text as a file download: the agenda's calendar, the reports' CSV, the JSON backup.

use leptos::prelude::set_timeout;
use wasm_bindgen::{JsCast, JsValue};

/// Offers `content` as the file `name` of type `mime` (a Blob behind an object URL, clicked
/// through a hidden link). A CSV that starts with a byte order mark keeps it: the Blob encodes it
/// as UTF-8 like the rest, and Excel then reads Chinese text correctly.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.set_class_name("visually-hidden");
    document.body().ok_or("no body")?.append_child(&link)?;
    link.click();
    link.remove();
    // Some browsers read the blob after the click returns: free it a little later.
    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), std::time::Duration::from_secs(30));
    Ok(())
}
