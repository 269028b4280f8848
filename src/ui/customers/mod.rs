//! The customer pages: list, detail, add/edit form, CSV import. The book they show (tier
//! assessments, the search index, saving a customer) is app-wide state: `ui::state::book`; the
//! demo data's banner, buttons and blocker are shared with Today: `ui::components::demo`.

pub(crate) mod conflict;
mod detail;
mod form;
mod import;
mod list;
mod records;
mod tier_card;

use crate::ui::route::Route;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The customer list: in the first download (`ui::later`), the other customer pages are not.
pub use list::CustomerList;

/// A customer's page, the add and edit forms and the CSV import, by route. The shell draws it
/// only once the book is loaded, and only for these routes (`shell::Page`).
#[component]
pub fn CustomerPages() -> impl IntoView {
    let app = use_app();
    move || match app.route.get() {
        Route::CustomerNew => view! { <form::CustomerForm id=None /> }.into_any(),
        Route::CustomerEdit(id) => view! { <form::CustomerForm id=Some(id) /> }.into_any(),
        Route::Customer(id) => view! { <detail::CustomerDetail id=id /> }.into_any(),
        Route::CustomerImport => view! { <import::ImportPage /> }.into_any(),
        // Another page's route, in the moment before the shell replaces this one: nothing to make
        // (the list drawn here was thrown away unseen).
        _ => ().into_any(),
    }
}
