//! The browser's side of sync's I/O that is not storage: `fetch` for the engine's requests, a
//! timer for its waits, and one sync per browser (Web Locks).

use crate::sync::http::{Base, Reply, Request, Response, Transport};
use js_sys::{Function, Promise, Reflect};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long one request may take before it counts as unanswered. A `_changes` page of a hundred
/// records or a `_bulk_docs` of a hundred is far below this even on a slow phone network.
const TIMEOUT_MS: i32 = 60_000;

/// Where a request goes: the server's root for `_session`, the database for the rest.
pub struct Endpoints {
    pub server: String,
    pub database: String,
}

/// Makes one request of the engine with `fetch`: the session cookie goes along
/// (`credentials: "include"`), a body is JSON, `Retry-After` is read. A rejected `fetch` is
/// [`Transport::Offline`]; no answer within [`TIMEOUT_MS`] is [`Transport::Timeout`].
pub async fn send(endpoints: &Endpoints, request: &Request) -> Reply {
    let base = match request.base {
        Base::Server => &endpoints.server,
        Base::Database => &endpoints.database,
    };
    let url = format!("{base}{}", request.path);
    let Some(window) = web_sys::window() else { return Err(Transport::Offline) };
    let init = web_sys::RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_credentials(web_sys::RequestCredentials::Include);
    let Ok(headers) = web_sys::Headers::new() else { return Err(Transport::Offline) };
    let _ = headers.set("Accept", "application/json");
    if let Some(body) = &request.body {
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    let controller = web_sys::AbortController::new().ok();
    if let Some(controller) = &controller {
        init.set_signal(Some(&controller.signal()));
    }
    let timed_out = Rc::new(Cell::new(false));
    let timer = controller.as_ref().and_then(|controller| {
        let controller = controller.clone();
        let flag = timed_out.clone();
        let on_timeout = Closure::once_into_js(move || {
            flag.set(true);
            controller.abort();
        });
        window.set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.unchecked_ref(), TIMEOUT_MS).ok()
    });
    let outcome = read(&window, &url, &init).await;
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    match outcome {
        Some(response) => Ok(response),
        None if timed_out.get() => Err(Transport::Timeout),
        None => Err(Transport::Offline),
    }
}

async fn read(window: &web_sys::Window, url: &str, init: &web_sys::RequestInit) -> Option<Response> {
    let response = JsFuture::from(window.fetch_with_str_and_init(url, init)).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    let retry_after = response.headers().get("Retry-After").ok().flatten().and_then(|v| v.trim().parse().ok());
    let body = JsFuture::from(response.text().ok()?).await.ok()?.as_string().unwrap_or_default();
    Some(Response { status: response.status(), body, retry_after })
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u64) {
    let ms = i32::try_from(ms).unwrap_or(i32::MAX);
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Whether the browser thinks it is online (`navigator.onLine`).
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Runs `work` while holding the browser-wide lock `name` (Web Locks), so that two tabs never
/// sync at once. `None` when another tab holds it. Browsers without Web Locks run it as is.
pub async fn exclusively<T>(name: &str, work: impl std::future::Future<Output = T>) -> Option<T> {
    let locks = web_sys::window()
        .and_then(|w| Reflect::get(&w.navigator(), &JsValue::from_str("locks")).ok())
        .filter(|locks| !locks.is_undefined() && !locks.is_null());
    let Some(locks) = locks else { return Some(work.await) };
    let Ok(request) = Reflect::get(&locks, &JsValue::from_str("request")).and_then(|f| f.dyn_into::<Function>()) else {
        return Some(work.await);
    };
    // The lock is held until `release` settles; `granted` says whether it was given at all.
    let release_with: Rc<RefCell<Option<Function>>> = Rc::default();
    let release = {
        let slot = release_with.clone();
        Promise::new(&mut |resolve, _| *slot.borrow_mut() = Some(resolve))
    };
    let granted_with: Rc<RefCell<Option<Function>>> = Rc::default();
    let granted = {
        let slot = granted_with.clone();
        Promise::new(&mut |resolve, _| *slot.borrow_mut() = Some(resolve))
    };
    let on_lock = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        if let Some(resolve) = granted_with.borrow_mut().take() {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::from_bool(!lock.is_null()));
        }
        if lock.is_null() { Promise::resolve(&JsValue::UNDEFINED).into() } else { release.into() }
    });
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &JsValue::from_str("ifAvailable"), &JsValue::TRUE);
    if request.call3(&locks, &JsValue::from_str(name), &options, &on_lock).is_err() {
        return Some(work.await);
    }
    let held = JsFuture::from(granted).await.ok().and_then(|v| v.as_bool()).unwrap_or(false);
    if !held {
        return None;
    }
    let result = work.await;
    if let Some(resolve) = release_with.borrow_mut().take() {
        let _ = resolve.call0(&JsValue::NULL);
    }
    Some(result)
}
