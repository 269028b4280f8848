//! A small set of line icons drawn for Huifang (24×24, stroke follows `currentColor`).

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IconName {
    Today,
    Customers,
    Scripts,
    Reports,
    Settings,
    Data,
    Plus,
    Upload,
    Phone,
    Search,
    Warning,
    Close,
}

fn paths(name: IconName) -> &'static [&'static str] {
    match name {
        IconName::Today => &["M4 6h16v14H4z", "M4 10h16", "M8 3v4", "M16 3v4", "M8.5 15l2.5 2.5 4.5-5"],
        IconName::Customers => &[
            "M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z",
            "M2.5 20c.8-3.6 3.3-5.5 6.5-5.5s5.7 1.9 6.5 5.5",
            "M16 4.3a3.5 3.5 0 0 1 0 6.4",
            "M18 14.8c1.9.7 3.1 2.4 3.5 5.2",
        ],
        IconName::Scripts => &["M5 4h10l4 4v12H5z", "M15 4v4h4", "M8 12h8", "M8 16h6"],
        IconName::Reports => &["M4 20h16", "M7 20v-6", "M12 20V8", "M17 20v-10"],
        IconName::Settings => &[
            "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z",
            "M19 12a7 7 0 0 0-.1-1.2l2-1.5-2-3.4-2.3.9a7 7 0 0 0-2.1-1.2L14 3h-4l-.5 2.6a7 7 0 0 0-2.1 1.2l-2.3-.9-2 3.4 2 1.5A7 7 0 0 0 5 12c0 .4 0 .8.1 1.2l-2 1.5 2 3.4 2.3-.9c.6.5 1.3.9 2.1 1.2L10 21h4l.5-2.6a7 7 0 0 0 2.1-1.2l2.3.9 2-3.4-2-1.5c.1-.4.1-.8.1-1.2z",
        ],
        IconName::Data => &[
            "M12 3c4.4 0 8 1.3 8 3s-3.6 3-8 3-8-1.3-8-3 3.6-3 8-3z",
            "M4 6v6c0 1.7 3.6 3 8 3s8-1.3 8-3V6",
            "M4 12v6c0 1.7 3.6 3 8 3s8-1.3 8-3v-6",
        ],
        IconName::Plus => &["M12 5v14", "M5 12h14"],
        IconName::Upload => &["M12 16V4", "M7 9l5-5 5 5", "M5 20h14"],
        IconName::Phone => &[
            "M6.6 3.5l2.6-.5 1.6 4.2-2 1.4a11 11 0 0 0 6.6 6.6l1.4-2 4.2 1.6-.5 2.6a2 2 0 0 1-2 1.6A16 16 0 0 1 5 5.5a2 2 0 0 1 1.6-2z",
        ],
        IconName::Search => &["M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14z", "M20 20l-4-4"],
        IconName::Warning => &["M12 4l9 16H3z", "M12 10v4", "M12 17v.5"],
        IconName::Close => &["M6 6l12 12", "M18 6L6 18"],
    }
}

/// An inline SVG icon, hidden from screen readers (the text next to it carries the meaning).
#[component]
pub fn Icon(name: IconName) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            {paths(name).iter().map(|d| view! { <path d=*d /> }).collect_view()}
        </svg>
    }
}

/// The same icon as markup, for the pages written with `maud::html!`.
pub fn icon_markup(name: IconName) -> maud::Markup {
    maud::html! {
        svg.icon viewBox="0 0 24 24" aria-hidden="true" focusable="false" {
            @for d in paths(name) { path d=(d) {} }
        }
    }
}
