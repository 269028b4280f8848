//! "Deleted. Undo": a toast whose button runs a closure while the toast is up.

use crate::i18n::Texts;
use crate::ui::state::{AppState, Words};
use leptos::prelude::*;
use std::time::Duration;

/// Shows `say`'s words with an Undo button; pressing it runs `on_undo` once.
///
/// The watcher hangs off the app's root owner, not off the page that offered it: event handlers
/// run under their component's owner, and deleting a record usually navigates away, which
/// disposes that page and everything it owns; Undo must still work on the next page.
pub fn offer_undo<S: Into<String>>(
    app: AppState,
    say: impl Fn(&'static Texts) -> S + Send + Sync + 'static,
    on_undo: impl FnOnce() + 'static,
) {
    let token = app.toast_with_action(Words::new(say), Words::new(|t| t.common.undo));
    let mut root = Owner::current();
    while let Some(parent) = root.as_ref().and_then(Owner::parent) {
        root = Some(parent);
    }
    let owner = root.map(|r| r.child()).unwrap_or_default();
    owner.with(|| {
        let mut pending = Some(on_undo);
        Effect::new(move |_| {
            if app.toast_action.get() == Some(token)
                && let Some(undo) = pending.take()
            {
                undo();
            }
        });
    });
    // The toast is gone after 5 s; keep listening a little longer, then drop the watcher.
    set_timeout(move || drop(owner), Duration::from_secs(8));
}
