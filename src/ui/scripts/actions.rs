//! Saving, deleting, restoring and duplicating scripts: each goes through `AppState::apply`, so
//! memory changes only once storage has the change.

use super::link;
use crate::domain::scripts::{self, Script};
use crate::domain::tier::Tier;
use crate::i18n::scripts::library_words;
use crate::store::StorageError;
use crate::ui::components::offer_undo;
use crate::ui::route::Route;
use crate::ui::state::{AppState, Changes, local_now, new_id};
use leptos::prelude::*;

/// Saves a script checked by `Script::validate`; returns it as stored, or the error the user
/// has already been told about.
pub async fn save(app: AppState, script: Script) -> Result<Script, StorageError> {
    let mut changes = Changes::new();
    let saved = changes.save(&script);
    app.apply(changes).await?;
    Ok(saved)
}

/// The revision storage holds now for `id` (0 when there is none), to save again over a change
/// made in another tab once the user has seen the conflict.
pub async fn stored_rev(app: AppState, id: &str) -> Option<u64> {
    let db = app.database()?;
    Some(db.get::<Script>(id).await.ok()?.map_or(0, |s| s.rev))
}

/// Deletes one of the user's own scripts, with Undo.
pub fn delete(app: AppState, script: Script) {
    let mut changes = Changes::new();
    changes.delete(&script);
    app.commit(changes, move || {
        Route::Scripts.replace();
        offer_undo(
            app,
            |t| t.library.deleted,
            move || {
                // Written back as it was; nobody else can have saved this id since.
                let mut changes = Changes::new();
                changes.put(&script);
                app.commit(changes, move || {
                    app.toast(|t| t.library.restored);
                });
            },
        );
    });
}

/// Deletes the user's edit of a built-in, which brings the built-in back.
pub fn reset(app: AppState, builtin_id: String, lang: crate::i18n::Lang) {
    let user = app.scripts.get_untracked();
    let Some(reset) = scripts::reset_builtin(&user, &builtin_id, lang) else { return };
    let mut changes = Changes::new();
    for script in user.iter().filter(|s| reset.delete.contains(&s.id)) {
        changes.delete(script);
    }
    app.commit(changes, move || {
        app.toast(|t| t.library.reset_done);
        link(&reset.restored).replace();
    });
}

/// Saves a copy for a tier and/or product and opens it.
pub fn duplicate(app: AppState, script: &Script, tier: Option<Tier>, product: &str) {
    let copy = scripts::duplicate(script, tier, Some(product), new_id(), local_now(), library_words);
    leptos::task::spawn_local(async move {
        if let Ok(saved) = save(app, copy).await {
            app.toast(|t| t.library.duplicated);
            link(&saved).go();
        }
    });
}
