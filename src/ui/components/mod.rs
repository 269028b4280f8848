//! Pieces shared by several pages.

pub mod empty_state;
pub mod icons;
pub mod markup;
pub mod toasts;
pub mod tr;

pub use empty_state::EmptyState;
pub use icons::{Icon, IconName};
pub use toasts::Toasts;
pub use tr::tr;
