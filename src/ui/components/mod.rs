//! Pieces shared by several pages.

pub mod clipboard;
pub mod confirm;
pub mod demo;
pub mod download;
pub mod empty_state;
pub mod fields;
pub mod icons;
pub mod item_text;
pub mod markup;
pub mod prompter;
pub mod script_text;
pub mod signature;
pub mod text;
pub mod toasts;
pub mod undo;
pub mod visit_summary;

pub use confirm::{Confirm, confirm};
pub use download::download;
pub use empty_state::EmptyState;
pub use icons::{Icon, IconName, icon_markup};
pub use signature::{SignaturePad, SignatureView};
pub use text::tx;
pub use toasts::Toasts;
pub use undo::offer_undo;
