//! A modal question before anything that destroys or discards data.

use leptos::prelude::*;

/// A native `<dialog>` opened with `showModal()`: the browser traps focus inside it, makes the
/// page behind inert and closes it on Escape, on phones as on desktops.
///
/// ```ignore
/// let open = RwSignal::new(false);
/// view! {
///     <button on:click=move |_| open.set(true)>"删除"</button>
///     <ConfirmDialog open title="删除这条话术？" body="" confirm_label="删除" danger=true
///         on_confirm=Callback::new(move |_| delete()) />
/// }
/// ```
///
/// - `open`: shows the dialog while true; set back to false when it closes either way.
/// - `title`, `body`, `confirm_label`: in the current language (a page re-renders its dialogs
///   when the language changes).
/// - `danger`: the confirm button is red. Focus starts on Cancel, so Enter never destroys.
/// - `name`: `data-dialog`, for tests and styles.
/// - `children`: extra fields between the text and the buttons (the choices of a duplicate).
#[component]
pub fn ConfirmDialog(
    open: RwSignal<bool>,
    #[prop(into)] title: String,
    #[prop(into)] body: String,
    confirm_label: &'static str,
    #[prop(optional)] danger: bool,
    on_confirm: Callback<()>,
    #[prop(optional)] name: &'static str,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let app = crate::ui::state::use_app();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let cancel = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open()
                && d.show_modal().is_ok()
                && let Some(c) = cancel.get_untracked()
            {
                let _ = c.focus();
            }
        } else if d.open() {
            d.close();
        }
    });
    let confirm_class = if danger { "button danger" } else { "button primary" };
    let body = (!body.is_empty()).then(|| view! { <p>{body}</p> });
    let label = title.clone();
    view! {
        <dialog node_ref=dialog class="dialog" data-dialog=name aria-label=label
            on:close=move |_| open.set(false)>
            <form method="dialog" class="dialog-body" on:submit=move |ev| {
                ev.prevent_default();
                open.set(false);
                on_confirm.run(());
            }>
                <h2>{title}</h2>
                {body}
                {children.map(|c| c())}
                <div class="form-actions">
                    <button type="button" class="button" node_ref=cancel on:click=move |_| open.set(false)>
                        {app.t_now().common.cancel}
                    </button>
                    <button type="submit" class=confirm_class data-confirm="">{confirm_label}</button>
                </div>
            </form>
        </dialog>
    }
}
