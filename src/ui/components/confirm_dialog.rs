//! A confirmation before destroying data, as a native modal `<dialog>`: the browser traps focus,
//! closes it on Escape and puts it above everything, with no code of ours to get wrong.

use crate::ui::components::tx;
use leptos::html::Dialog;
use leptos::prelude::*;

/// Asks before a destructive action. `open` shows it; confirming runs `on_confirm` and closes.
/// Focus starts on Cancel, so that Enter alone never deletes anything.
#[component]
pub fn ConfirmDialog(
    open: RwSignal<bool>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] body: Signal<String>,
    #[prop(into)] confirm_label: Signal<String>,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    let cancel = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        let Some(el) = dialog.get() else { return };
        if open.get() {
            if !el.open() {
                let _ = el.show_modal();
            }
            if let Some(button) = cancel.get() {
                let _ = button.focus();
            }
        } else if el.open() {
            el.close();
        }
    });
    view! {
        <dialog
            class="dialog"
            node_ref=dialog
            role="alertdialog"
            aria-labelledby="dialog-title"
            aria-describedby="dialog-body"
            // Escape or a form close: keep the signal in step with the element.
            on:close=move |_| open.set(false)
            // A click on the backdrop lands on the dialog element itself.
            on:click=move |ev| {
                if let (Some(el), Some(target)) = (dialog.get(), ev.target()) {
                    let el: &web_sys::EventTarget = el.as_ref();
                    if &target == el {
                        open.set(false);
                    }
                }
            }
        >
            // The padding and spacing are `.dialog-body`'s, as in `confirm`'s dialogs: without
            // it the title and text ran to the dialog's edges.
            <div class="dialog-body">
                <h2 id="dialog-title">{move || title.get()}</h2>
                <p id="dialog-body">{move || body.get()}</p>
                <div class="form-actions">
                    <button class="button" node_ref=cancel on:click=move |_| open.set(false)>
                        {tx(|t| t.common.cancel)}
                    </button>
                    <button class="button danger" id="dialog-confirm" on:click=move |_| {
                        open.set(false);
                        on_confirm.run(());
                    }>{move || confirm_label.get()}</button>
                </div>
            </div>
        </dialog>
    }
}
