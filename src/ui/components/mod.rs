//! Pieces shared by several pages.

pub mod confirm_dialog;
pub mod empty_state;
pub mod icons;
pub mod markup;
pub mod text;
pub mod toasts;

pub use confirm_dialog::ConfirmDialog;
pub use empty_state::EmptyState;
pub use icons::{Icon, IconName};
pub use text::tx;
pub use toasts::Toasts;
