//! "No contact in N days": customers whom no rule brought up and nobody reached for a while.

use super::html as agenda_html;
use crate::domain::customer::Id;
use crate::domain::schedule::not_contacted;
use crate::i18n::{Texts, format};
use crate::ui::components::item_text;
use crate::ui::state::AppState;
use crate::ui::state::book::CustomerBook;
use chrono::Datelike;
use leptos::prelude::*;
use maud::{Markup, html};

/// How many names the list shows before "N more".
const SHOWN: usize = 20;

/// The section as markup; `open` keeps it unfolded across re-renders.
pub fn section(app: AppState, book: CustomerBook, t: &Texts, open: bool) -> Markup {
    let today = app.today.get();
    let days = app.settings.with(|s| s.schedule.no_contact_days);
    let (shown, total) = app.customers.with(|customers| {
        app.visits.with(|visits| {
            let silent = book.by_customer.with(|own| not_contacted(customers, visits, own, today, days));
            let total = silent.len();
            let shown: Vec<(Id, String, String, Option<String>)> = silent
                .into_iter()
                .take(SHOWN)
                .map(|n| {
                    let customer = n.customer;
                    let since = match n.last {
                        Some(last) => (t.agenda.last_reached)(&format::date_auto(t.lang, last, today.year()), n.days),
                        None => (t.agenda.never_reached)(n.days),
                    };
                    let phone = customer.phones.iter().map(|p| p.trim()).find(|p| !p.is_empty()).map(str::to_string);
                    (customer.id.clone(), item_text::addressed(customer, t), since, phone)
                })
                .collect();
            (shown, total)
        })
    });
    html! {
        details.card.no-contact id="no-contact" open[open] {
            summary data-toggle=(super::Fold::NoContact) { ((t.agenda.no_contact_title)(days)) " " span.count { (total) } }
            p.hint { (t.agenda.no_contact_hint) }
            (agenda_html::no_contact(t, &shown, total))
        }
    }
}
