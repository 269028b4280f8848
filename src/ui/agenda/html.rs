//! The agenda's lists and calendars as markup text (see `components::markup` for why): the
//! agenda's cards, forms and calendar grids written as views added some 200 KB (gzipped) to the
//! download. They are re-rendered whole whenever the agenda changes anyway; the page handles
//! their clicks and forms with one delegated listener each (`mod.rs`).

use super::Row;
use crate::domain::agenda::Responsible;
use crate::domain::customer::{ContactMethod, Id};
use crate::domain::schedule::iso_day as iso;
use crate::i18n::{Texts, format};
use crate::ui::components::fields::tier_class;
use crate::ui::components::item_text;
use crate::ui::components::markup::actions;
use crate::ui::route::Route;
use chrono::{Datelike, Duration, NaiveDate};
use maud::{Markup, html};

actions! {
    /// What the agenda's buttons and small forms do.
    pub enum AgendaAction {
        Snooze = "snooze",
        Skip = "skip",
        Method = "method",
        Copy = "copy",
        ShowMore = "show-more",
        Prev = "prev",
        Next = "next",
        This = "this",
        ClearFilters = "clear-filters",
        Export = "export",
        ExportAll = "export-all",
    }
}

/// A phone number as a `tel:`/`sms:` target: digits and a leading plus only.
pub fn dial(phone: &str) -> String {
    phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()
}

fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

fn method_options(t: &Texts, current: ContactMethod) -> Markup {
    html! {
        @for (i, m) in ContactMethod::ALL.iter().enumerate() {
            option value=(i) selected[*m == current] { ((t.labels.method)(*m)) }
        }
    }
}

/// One agenda item: who, why, the window and where it stands, how, and what to do.
pub fn card(t: &Texts, row: &Row, today: NaiveDate) -> Markup {
    let Row { item, who } = row;
    let a = &t.agenda;
    let year = today.year();
    let (standing, class) = item_text::standing(t, item, today);
    let visit =
        Route::Visit { item: Some(item.key.clone()), customer: Some(item.customer_id.clone()), session: false }.href();
    let number = who.phone.as_deref().map(dial);
    html! {
        article class={ "agenda-item " (class) } data-key=(item.key) {
            div.item-head {
                a.item-customer href=(Route::Customer(who.id.clone()).href()) { (who.name) }
                span class={ "badge tier tier-" (tier_class(item.tier)) } { ((t.labels.tier)(item.tier)) }
                span class={ "standing " (class) } { (standing) }
            }
            p.item-scenario {
                strong { ((t.labels.scenario)(item.scenario)) }
                " · "
                span.item-window { (item_text::window(t, item, year)) }
            }
            ul.item-reasons {
                @for reason in &item.reasons {
                    li { (item_text::reason(t, reason, year)) }
                }
            }
            p.item-how {
                span { (a.suggested) ": " ((t.labels.method)(item.method)) }
                @if item.responsible != Responsible::Agent {
                    span.badge { ((a.responsible)(item.responsible)) }
                }
                @if item.on_site {
                    span.badge.on-site { (a.on_site) }
                }
            }
            div.item-actions {
                a.button.primary.small.start-visit href=(visit) { (a.start_visit) }
                @if let Some(number) = &number {
                    a.button.small.call href={ "tel:" (number) } { (a.call) }
                    a.button.small href={ "sms:" (number) } { (a.sms) }
                }
                @if let Some(email) = &who.email {
                    a.button.small href={ "mailto:" (encode(email)) } { (a.email) }
                }
            }
            (mark_forms(t, item.key.as_str(), item.method, today))
        }
    }
}

/// "改期 / 跳过 / 换方式" for the item (or card) of `key`: three small forms under a disclosure,
/// each submitted with its `data-action` and the key.
pub fn mark_forms(t: &Texts, key: &str, method: ContactMethod, today: NaiveDate) -> Markup {
    let a = &t.agenda;
    let tomorrow = iso(today + Duration::days(1));
    html! {
        details.item-more {
            summary { (a.more) }
            div.mark-forms {
                form.mark-form.snooze-form data-action=(AgendaAction::Snooze) data-key=(key) novalidate {
                    label.field {
                        span { (a.snooze_to) }
                        input type="date" name="snooze_to" min=(iso(today)) value=(tomorrow);
                        span.field-error role="alert" {}
                    }
                    button.button.small type="submit" { (a.snooze_button) }
                }
                form.mark-form.skip-form data-action=(AgendaAction::Skip) data-key=(key) novalidate {
                    label.field {
                        span { (a.skip_reason) }
                        input type="text" name="skip_reason" maxlength="200" placeholder=(a.skip_reason_hint);
                        span.field-error role="alert" {}
                    }
                    button.button.small type="submit" { (a.skip_button) }
                }
                form.mark-form.method-form data-action=(AgendaAction::Method) data-key=(key) {
                    label.field {
                        span { (a.reassign) }
                        select name="method" { (method_options(t, method)) }
                    }
                    button.button.small type="submit" { (a.reassign_button) }
                }
            }
        }
    }
}

/// A titled list of cards (nothing when empty).
/// How many cards a list shows before "show more": a book of thousands of customers can have
/// thousands of overdue items, and drawing them all froze the page for minutes. Twenty cards are
/// several phone screens; each one more costs layout time when Today opens (issue 8).
pub const PAGE: usize = 20;

/// The SMS that tells a customer about tomorrow's visit.
pub fn announcement_text(t: &Texts, row: &Row, company: &str) -> String {
    let date = item_text::message_date(t, row.item.ideal);
    if row.item.method == ContactMethod::OnSite {
        (t.agenda.announce_on_site)(&row.who.name, &date, company)
    } else {
        (t.agenda.announce_call)(&row.who.name, &date, company)
    }
}

/// The first `limit` of them, and a button that shows [`PAGE`] more.
pub fn announcements(t: &Texts, rows: &[&Row], company: &str, limit: usize) -> Markup {
    let a = &t.agenda;
    html! {
        @if !rows.is_empty() {
            section.card.announce id="agenda-announce" {
                h2 { (a.announce_title) }
                p.hint { (a.announce_hint) }
                ul.announce-list {
                    @for row in rows.iter().take(limit) {
                        @let message = announcement_text(t, row, company);
                        @let number = row.who.phone.as_deref().map(dial).unwrap_or_default();
                        li data-key=(row.item.key) {
                            p.announce-who { strong { (row.who.name) } }
                            p.announce-text { (message) }
                            div.item-actions {
                                button.button.small.copy-announce type="button" data-action=(AgendaAction::Copy) { (a.copy_text) }
                                a.button.small.primary href={ "sms:" (number) "?&body=" (encode(&message)) } { (a.open_sms) }
                            }
                        }
                    }
                }
                @if rows.len() > limit {
                    button.button.subtle.show-more type="button" data-action=(AgendaAction::ShowMore) {
                        ((a.show_more)(PAGE, rows.len() - limit))
                    }
                }
            }
        }
    }
}

/// The open items of a span, by the day each is best done (its ideal date).
pub fn by_day<'a>(rows: &'a [&'a Row], date: NaiveDate) -> impl Iterator<Item = &'a &'a Row> {
    rows.iter().filter(move |r| r.item.ideal == date)
}

/// Seven days from `start`, each with its items' names and scenarios.
pub fn week(t: &Texts, rows: &[&Row], start: NaiveDate, today: NaiveDate) -> Markup {
    html! {
        ol.week-grid {
            @for offset in 0..7 {
                @let date = start + Duration::days(offset);
                li.week-day.today[date == today] data-date=(date) {
                    button.day-head type="button" data-date=(date) {
                        span.weekday { (format::weekday(t.lang, date.weekday())) }
                        " "
                        span.date { (format::date_short(t.lang, date)) }
                    }
                    ul.day-items {
                        @for row in by_day(rows, date) {
                            li class={ "day-item " (item_text::standing(t, &row.item, today).1) } data-key=(row.item.key) {
                                span.who { (row.who.name) }
                                " "
                                span.what { ((t.labels.scenario)(row.item.scenario)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A month as six weeks from Monday `start`: each day with how many items and whose.
pub fn month(
    t: &Texts,
    rows: &[&Row],
    start: NaiveDate,
    month: u32,
    today: NaiveDate,
    selected: Option<NaiveDate>,
) -> Markup {
    html! {
        div.month-grid role="grid" {
            div.month-row role="row" {
                @for i in 0..7 {
                    div.month-weekday role="columnheader" { (format::weekday(t.lang, (start + Duration::days(i)).weekday())) }
                }
            }
            @for week in 0..6 {
                div.month-row role="row" {
                    @for day in 0..7 {
                        @let date = start + Duration::days(week * 7 + day);
                        @let items: Vec<&&Row> = by_day(rows, date).collect();
                        @let late = items.iter().any(|r| item_text::standing(t, &r.item, today).1 == "late");
                        button.month-day.other-month[date.month() != month].today[date == today]
                            .selected[selected == Some(date)].has-items[!items.is_empty()].has-late[late]
                            type="button" role="gridcell" data-date=(date)
                            aria-pressed=(selected == Some(date))
                            aria-label={ (format::date_long(t.lang, date)) " " ((t.agenda.items_count)(items.len())) } {
                            span.day-number { (date.day()) }
                            @if !items.is_empty() {
                                span.day-count { (items.len()) }
                                span.day-names {
                                    @for (k, r) in items.iter().take(2).enumerate() {
                                        @if k > 0 { "、" }
                                        (r.who.name)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The cards of one day, under its date.
pub fn day_detail(t: &Texts, rows: &[&Row], date: NaiveDate, today: NaiveDate) -> Markup {
    let items: Vec<&&Row> = by_day(rows, date).collect();
    html! {
        section.day-detail id="day-detail" {
            h3 { (format::date_auto(t.lang, date, today.year())) " " (format::weekday(t.lang, date.weekday())) }
            @if items.is_empty() {
                p.hint { (t.agenda.day_empty) }
            } @else {
                ul.agenda-list {
                    @for row in items {
                        li { (card(t, row, today)) }
                    }
                }
            }
        }
    }
}

/// "No contact in N days": name, since when, and a call or a visit.
pub fn no_contact(t: &Texts, list: &[(Id, String, String, Option<String>)], total: usize) -> Markup {
    let a = &t.agenda;
    html! {
        @if list.is_empty() {
            p { (a.no_contact_none) }
        } @else {
            ul.no-contact-list {
                @for (id, name, since, phone) in list {
                    li {
                        a href=(Route::Customer(id.clone()).href()) { (name) }
                        " "
                        span.hint { (since) }
                        span.actions {
                            @if let Some(phone) = phone {
                                a.button.small href={ "tel:" (dial(phone)) } { (a.call) }
                            }
                            a.button.small href=(Route::Visit { item: None, customer: Some(id.clone()), session: false }.href()) {
                                (a.start_visit)
                            }
                        }
                    }
                }
            }
            @if total > list.len() {
                p.hint { ((a.more_items)(total - list.len())) }
            }
        }
    }
}
