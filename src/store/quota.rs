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

impl Usage {
    /// Bytes still available (never negative: some browsers report usage above the quota).
    pub fn left(&self) -> f64 {
        (self.quota - self.used).max(0.0)
    }

    /// Whether at least `share` (0–1) of the quota is used.
    pub fn is_above(&self, share: f64) -> bool {
        self.quota > 0.0 && self.used >= self.quota * share
    }
}

/// Whether a service worker controls this page, i.e. the app will open without a network.
/// `None` where the browser (or an insecure address) has no service workers.
pub fn offline_ready() -> Option<bool> {
    let navigator = web_sys::window()?.navigator();
    let container = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    if container.is_undefined() {
        return None;
    }
    let controller = js_sys::Reflect::get(&container, &JsValue::from_str("controller")).ok()?;
    Some(!controller.is_null() && !controller.is_undefined())
}
