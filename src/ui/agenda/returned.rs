//! Records a supervisor returned, listed for the agent on Today with a link to each (markup: see
//! `components::markup` for why).

use crate::domain::record::returned_records;
use crate::domain::visit::Visit;
use crate::i18n::format::date_auto;
use crate::i18n::{Lang, Texts};
use crate::ui::route::Route;
use crate::ui::state::use_app;
use chrono::Datelike;
use leptos::prelude::*;
use maud::{Markup, html};

/// Records the supervisor returned, listed for the agent on Today with a link to each.
#[component]
pub fn ReturnedRecords() -> impl IntoView {
    let app = use_app();
    let markup = move || {
        let t = app.t();
        let year = app.today.get().year();
        app.visits.with(|visits| {
            let returned = returned_records(visits);
            if returned.is_empty() {
                return String::new();
            }
            app.customers.with(|cs| {
                // Names only for the records shown (a linear find per record of a large book).
                let named: Vec<(&Visit, String)> = returned
                    .iter()
                    .take(RETURNED_SHOWN)
                    .map(|v| {
                        (*v, cs.iter().find(|c| c.id == v.customer_id).map(|c| c.name.clone()).unwrap_or_default())
                    })
                    .collect();
                list(t, t.lang, year, &named, returned.len()).into_string()
            })
        })
    };
    view! { <div inner_html=markup></div> }
}

/// How many returned records Today lists (a large book can have hundreds).
const RETURNED_SHOWN: usize = 20;

/// Records a supervisor returned, for the agent on Today.
/// `visits` are the first ones to list, of `total`.
fn list(t: &Texts, lang: Lang, this_year: i32, visits: &[(&Visit, String)], total: usize) -> Markup {
    let r = &t.record;
    html! {
        section.card.returned-records #returned-records {
            h2 { (r.returned_title) }
            p.hint { (r.returned_intro) }
            ul {
                @for (v, name) in visits.iter().take(RETURNED_SHOWN) {
                    li {
                        a href=(Route::Record(v.id.clone()).href()) data-record=(v.id) {
                            (name) " · " ((t.labels.scenario)(v.scenario)) " · " (date_auto(lang, v.at.date(), this_year))
                        }
                        @if let Some(rv) = &v.review {
                            p.review-comment { (rv.comment) " — " (rv.reviewer) }
                        }
                    }
                }
            }
            @if total > visits.len() {
                p.hint { ((r.returned_more)(total - visits.len())) }
            }
        }
    }
}
