//! How much space the browser gives the app, and asking it to keep our data.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usage {
    pub used: f64,
    pub quota: f64,
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Older browsers have no `navigator.storage`; the getter then returns undefined.
    let value = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    if value.is_undefined() { None } else { Some(navigator.storage()) }
}

/// The browser's estimate of used and available bytes, when it gives one.
pub async fn estimate() -> Option<Usage> {
    let manager = storage_manager()?;
    let estimate = JsFuture::from(manager.estimate().ok()?).await.ok()?;
    let get = |name: &str| js_sys::Reflect::get(&estimate, &JsValue::from_str(name)).ok()?.as_f64();
    Some(Usage { used: get("usage")?, quota: get("quota")? })
}

/// Asks the browser not to evict our data under storage pressure. Returns whether it agreed.
pub async fn request_persistence() -> bool {
    let Some(manager) = storage_manager() else { return false };
    let Ok(promise) = manager.persist() else { return false };
    JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

pub async fn is_persisted() -> bool {
    let Some(manager) = storage_manager() else { return false };
    let Ok(promise) = manager.persisted() else { return false };
    JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}
