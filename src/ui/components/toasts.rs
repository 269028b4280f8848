use crate::ui::components::icons::{Icon, IconName};
use crate::ui::state::{ToastKind, use_app};
use leptos::prelude::*;

/// The stack of short messages; errors are announced assertively to screen readers.
#[component]
pub fn Toasts() -> impl IntoView {
    let app = use_app();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || app.toasts.get() key=|toast| toast.id let:toast>
                {
                    let id = toast.id;
                    let words = toast.words.clone();
                    let class = if toast.kind == ToastKind::Error { "toast toast-error" } else { "toast" };
                    let role = if toast.kind == ToastKind::Error { "alert" } else { "status" };
                    let action = toast.action.clone().map(|action| {
                        view! {
                            <button class="toast-action" on:click=move |_| {
                                app.toast_action.set(Some(action.token));
                                app.dismiss_toast(id);
                            }>{move || action.label.read(app.lang.get())}</button>
                        }
                    });
                    view! {
                        <div class=class role=role>
                            <span class="toast-text">{move || words.read(app.lang.get())}</span>
                            {action}
                            <button class="toast-close" on:click=move |_| app.dismiss_toast(id)
                                aria-label=move || app.t().common.close>
                                <Icon name=IconName::Close />
                            </button>
                        </div>
                    }
                }
            </For>
        </div>
    }
}
