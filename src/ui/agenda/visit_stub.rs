//! Where "开始回访" leads until the visit record form (the scripts-and-records issue) replaces
//! it: the item and the customer, ways to reach them, and an honest note that the form comes next.

use super::{Row, agenda, html, text};
use crate::domain::schedule::{DateRange, item_keys};
use crate::ui::components::markup::esc;
use crate::ui::route::Route;
use crate::ui::state::use_app;
use chrono::{Datelike, Duration};
use leptos::prelude::*;
use std::fmt::Write;

#[component]
pub fn VisitStub(item: Option<String>, customer: Option<String>) -> impl IntoView {
    let app = use_app();
    let page = move || {
        let t = app.t();
        let today = app.today.get();
        let year = today.year();
        // The item is found again by key around today (a merged item by any of its rules).
        let row: Option<Row> = item.as_ref().and_then(|key| {
            let first = item_keys(key).next()?.to_string();
            let range = DateRange::new(today - Duration::days(400), today + Duration::days(400));
            agenda(app, range).into_iter().find(|r| r.item.key == *key || item_keys(&r.item.key).any(|k| k == first))
        });
        let id = customer.clone().or_else(|| row.as_ref().map(|r| r.item.customer_id.clone()));
        let who = id.and_then(|id| app.customers.with(|cs| cs.iter().find(|c| c.id == id).map(|c| text::Who::of(c, t))));
        let mut out = format!(r#"<header class="page-header"><h1>{}"#, esc(t.agenda.visit_title));
        if let Some(w) = &who {
            let _ = write!(out, " · {}", esc(&w.name));
        }
        out.push_str(r#"</h1></header><section class="card visit-stub">"#);
        match &row {
            Some(Row { item, .. }) => {
                let _ = write!(
                    out,
                    r#"<p><strong>{}</strong> · {}</p><ul class="item-reasons">"#,
                    esc((t.labels.scenario)(item.scenario)),
                    esc(&text::window(t, item, year))
                );
                for reason in &item.reasons {
                    let _ = write!(out, "<li>{}</li>", esc(&text::reason(t, reason, year)));
                }
                let _ = write!(out, "</ul><p>{}: {}</p>", esc(t.agenda.suggested), esc((t.labels.method)(item.method)));
            }
            None if item.is_some() => {
                let _ = write!(out, r#"<p class="warning-text">{}</p>"#, esc(t.agenda.visit_item_gone));
            }
            None => {}
        }
        if let Some(w) = &who {
            out.push_str(r#"<div class="item-actions">"#);
            if let Some(phone) = &w.phone {
                let _ = write!(out, r#"<a class="button" href="tel:{}">{}</a>"#, html::dial(phone), esc(t.agenda.call));
            }
            let _ = write!(
                out,
                r#"<a class="button subtle" href="{}">{}</a></div>"#,
                esc(&Route::Customer(w.id.clone()).href()),
                esc(t.agenda.view_customer)
            );
        }
        let _ = write!(
            out,
            r#"<p class="hint visit-coming">{}</p><a class="button primary" href="{}">{}</a></section>"#,
            esc(t.agenda.visit_coming),
            Route::Today.href(),
            esc(t.agenda.back_to_today)
        );
        out
    };
    view! { <div inner_html=page></div> }
}
