//! The agenda's lists and calendars as HTML text (see `components::markup` for why): the
//! agenda's cards, forms and calendar grids written as views added some 200 KB (gzipped) to the
//! download. They are re-rendered whole whenever the agenda changes anyway; the page handles
//! their clicks and forms with one delegated listener each (`mod.rs`).

use super::Row;
use super::text;
use crate::domain::agenda::{DueItem, Responsible};
use crate::domain::customer::ContactMethod;
use crate::domain::schedule::iso_day as iso;
use crate::i18n::{Texts, format};
use crate::ui::route::Route;
use chrono::{Datelike, Duration, NaiveDate};
use std::fmt::Write;

pub use crate::ui::components::markup::esc;

/// A phone number as a `tel:`/`sms:` target: digits and a leading plus only.
pub fn dial(phone: &str) -> String {
    phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()
}

fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

/// The CSS class of a tier badge.
fn tier_class(item: &DueItem) -> &'static str {
    match item.tier {
        crate::domain::tier::Tier::Diamond => "tier-diamond",
        crate::domain::tier::Tier::Gold => "tier-gold",
        crate::domain::tier::Tier::Silver => "tier-silver",
        crate::domain::tier::Tier::Basic => "tier-basic",
    }
}

fn method_options(t: &Texts, current: ContactMethod) -> String {
    let mut out = String::new();
    for (i, m) in ContactMethod::ALL.iter().enumerate() {
        let selected = if *m == current { " selected" } else { "" };
        let _ = write!(out, r#"<option value="{i}"{selected}>{}</option>"#, esc((t.labels.method)(*m)));
    }
    out
}

/// One agenda item: who, why, the window and where it stands, how, and what to do.
pub fn card(t: &Texts, row: &Row, today: NaiveDate) -> String {
    let Row { item, who } = row;
    let a = &t.agenda;
    let year = today.year();
    let (standing, class) = text::standing(t, item, today);
    let key = esc(&item.key);
    let mut out = String::with_capacity(2048);
    let _ = write!(
        out,
        r#"<article class="agenda-item {class}" data-key="{key}"><div class="item-head"><a class="item-customer" href="{}">{}</a><span class="badge tier {}">{}</span><span class="standing {class}">{}</span></div>"#,
        esc(&Route::Customer(who.id.clone()).href()),
        esc(&who.name),
        tier_class(item),
        esc((t.labels.tier)(item.tier)),
        esc(&standing),
    );
    let _ = write!(
        out,
        r#"<p class="item-scenario"><strong>{}</strong> · <span class="item-window">{}</span></p><ul class="item-reasons">"#,
        esc((t.labels.scenario)(item.scenario)),
        esc(&text::window(t, item, year)),
    );
    for reason in &item.reasons {
        let _ = write!(out, "<li>{}</li>", esc(&text::reason(t, reason, year)));
    }
    let _ = write!(
        out,
        r#"</ul><p class="item-how"><span>{}: {}</span>"#,
        esc(a.suggested),
        esc((t.labels.method)(item.method))
    );
    if item.responsible != Responsible::Agent {
        let _ = write!(out, r#"<span class="badge">{}</span>"#, esc((a.responsible)(item.responsible)));
    }
    if item.on_site {
        let _ = write!(out, r#"<span class="badge on-site">{}</span>"#, esc(a.on_site));
    }
    let visit =
        Route::Visit { item: Some(item.key.clone()), customer: Some(item.customer_id.clone()), session: false }.href();
    let _ = write!(
        out,
        r#"</p><div class="item-actions"><a class="button primary small start-visit" href="{}">{}</a>"#,
        esc(&visit),
        esc(a.start_visit)
    );
    if let Some(phone) = &who.phone {
        let number = dial(phone);
        let _ = write!(
            out,
            r#"<a class="button small call" href="tel:{number}">{}</a><a class="button small" href="sms:{number}">{}</a>"#,
            esc(a.call),
            esc(a.sms)
        );
    }
    if let Some(email) = &who.email {
        let _ = write!(out, r#"<a class="button small" href="mailto:{}">{}</a>"#, esc(&encode(email)), esc(a.email));
    }
    out.push_str("</div>");
    out.push_str(&mark_forms(t, &item.key, item.method, today));
    out.push_str("</article>");
    out
}

/// "改期 / 跳过 / 换方式" for the item (or card) of `key`: three small forms under a disclosure,
/// each submitted with its `data-action` and the key.
pub fn mark_forms(t: &Texts, key: &str, method: ContactMethod, today: NaiveDate) -> String {
    let a = &t.agenda;
    let key = esc(key);
    let tomorrow = iso(today + Duration::days(1));
    format!(
        r#"<details class="item-more"><summary>{more}</summary><div class="mark-forms">
<form class="mark-form snooze-form" data-action="snooze" data-key="{key}" novalidate><label class="field"><span>{snooze_to}</span><input type="date" name="snooze_to" min="{today}" value="{tomorrow}"><span class="field-error" role="alert"></span></label><button type="submit" class="button small">{snooze}</button></form>
<form class="mark-form skip-form" data-action="skip" data-key="{key}" novalidate><label class="field"><span>{skip_reason}</span><input type="text" name="skip_reason" maxlength="200" placeholder="{hint}"><span class="field-error" role="alert"></span></label><button type="submit" class="button small">{skip}</button></form>
<form class="mark-form method-form" data-action="method" data-key="{key}"><label class="field"><span>{reassign}</span><select name="method">{options}</select></label><button type="submit" class="button small">{reassign_button}</button></form>
</div></details>"#,
        more = esc(a.more),
        snooze_to = esc(a.snooze_to),
        today = iso(today),
        snooze = esc(a.snooze_button),
        skip_reason = esc(a.skip_reason),
        hint = esc(a.skip_reason_hint),
        skip = esc(a.skip_button),
        reassign = esc(a.reassign),
        options = method_options(t, method),
        reassign_button = esc(a.reassign_button),
    )
}

/// A titled list of cards (nothing when empty).
/// How many cards a list shows before "show more": a book of thousands of customers can have
/// thousands of overdue items, and drawing them all froze the page for minutes. Twenty cards are
/// several phone screens; each one more costs layout time when Today opens (issue 8).
pub const PAGE: usize = 20;

/// The SMS that tells a customer about tomorrow's visit.
pub fn announcement_text(t: &Texts, row: &Row, company: &str) -> String {
    let date = text::message_date(t, row.item.ideal);
    if row.item.method == ContactMethod::OnSite {
        (t.agenda.announce_on_site)(&row.who.name, &date, company)
    } else {
        (t.agenda.announce_call)(&row.who.name, &date, company)
    }
}

/// The first `limit` of them, and a button that shows [`PAGE`] more.
pub fn announcements(t: &Texts, rows: &[&Row], company: &str, limit: usize) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let a = &t.agenda;
    let mut out = format!(
        r#"<section class="card announce" id="agenda-announce"><h2>{}</h2><p class="hint">{}</p><ul class="announce-list">"#,
        esc(a.announce_title),
        esc(a.announce_hint)
    );
    for row in rows.iter().take(limit) {
        let message = announcement_text(t, row, company);
        let number = row.who.phone.as_deref().map(dial).unwrap_or_default();
        let _ = write!(
            out,
            r#"<li data-key="{}"><p class="announce-who"><strong>{}</strong></p><p class="announce-text">{}</p><div class="item-actions"><button type="button" class="button small copy-announce" data-action="copy">{}</button><a class="button small primary" href="sms:{number}?&amp;body={}">{}</a></div></li>"#,
            esc(&row.item.key),
            esc(&row.who.name),
            esc(&message),
            esc(a.copy_text),
            esc(&encode(&message)),
            esc(a.open_sms),
        );
    }
    out.push_str("</ul>");
    if rows.len() > limit {
        let _ = write!(
            out,
            r#"<button type="button" class="button subtle show-more" data-action="show-more" data-list="announce">{}</button>"#,
            esc(&(a.show_more)(PAGE, rows.len() - limit))
        );
    }
    out.push_str("</section>");
    out
}

/// The open items of a span, by the day each is best done (its ideal date).
pub fn by_day<'a>(rows: &'a [&'a Row], date: NaiveDate) -> impl Iterator<Item = &'a &'a Row> {
    rows.iter().filter(move |r| r.item.ideal == date)
}

/// Seven days from `start`, each with its items' names and scenarios.
pub fn week(t: &Texts, rows: &[&Row], start: NaiveDate, today: NaiveDate) -> String {
    let mut out = String::from(r#"<ol class="week-grid">"#);
    for offset in 0..7 {
        let date = start + Duration::days(offset);
        let class = if date == today { "week-day today" } else { "week-day" };
        let _ = write!(
            out,
            r#"<li class="{class}" data-date="{date}"><button type="button" class="day-head" data-date="{date}"><span class="weekday">{}</span> <span class="date">{}</span></button><ul class="day-items">"#,
            format::weekday(t.lang, date.weekday()),
            esc(&format::date_short(t.lang, date)),
        );
        for row in by_day(rows, date) {
            let _ = write!(
                out,
                r#"<li class="day-item {}" data-key="{}"><span class="who">{}</span> <span class="what">{}</span></li>"#,
                text::standing(t, &row.item, today).1,
                esc(&row.item.key),
                esc(&row.who.name),
                esc((t.labels.scenario)(row.item.scenario)),
            );
        }
        out.push_str("</ul></li>");
    }
    out.push_str("</ol>");
    out
}

/// A month as six weeks from Monday `start`: each day with how many items and whose.
pub fn month(
    t: &Texts,
    rows: &[&Row],
    start: NaiveDate,
    month: u32,
    today: NaiveDate,
    selected: Option<NaiveDate>,
) -> String {
    let mut out = String::from(r#"<div class="month-grid" role="grid"><div class="month-row" role="row">"#);
    for i in 0..7 {
        let _ = write!(
            out,
            r#"<div class="month-weekday" role="columnheader">{}</div>"#,
            format::weekday(t.lang, (start + Duration::days(i)).weekday())
        );
    }
    out.push_str("</div>");
    for week in 0..6 {
        out.push_str(r#"<div class="month-row" role="row">"#);
        for day in 0..7 {
            let date = start + Duration::days(week * 7 + day);
            let items: Vec<&&Row> = by_day(rows, date).collect();
            let mut class = String::from("month-day");
            if date.month() != month {
                class.push_str(" other-month");
            }
            if date == today {
                class.push_str(" today");
            }
            if selected == Some(date) {
                class.push_str(" selected");
            }
            if !items.is_empty() {
                class.push_str(" has-items");
            }
            if items.iter().any(|r| text::standing(t, &r.item, today).1 == "late") {
                class.push_str(" has-late");
            }
            let _ = write!(
                out,
                r#"<button type="button" role="gridcell" class="{class}" data-date="{date}" aria-pressed="{}" aria-label="{}"><span class="day-number">{}</span>"#,
                selected == Some(date),
                esc(&format!("{} {}", format::date_long(t.lang, date), (t.agenda.items_count)(items.len()))),
                date.day(),
            );
            if !items.is_empty() {
                let names: Vec<String> = items.iter().take(2).map(|r| esc(&r.who.name)).collect();
                let _ = write!(
                    out,
                    r#"<span class="day-count">{}</span><span class="day-names">{}</span>"#,
                    items.len(),
                    names.join("、")
                );
            }
            out.push_str("</button>");
        }
        out.push_str("</div>");
    }
    out.push_str("</div>");
    out
}

/// The cards of one day, under its date.
pub fn day_detail(t: &Texts, rows: &[&Row], date: NaiveDate, today: NaiveDate) -> String {
    let mut out = format!(
        r#"<section class="day-detail" id="day-detail"><h3>{} {}</h3>"#,
        esc(&format::date_auto(t.lang, date, today.year())),
        format::weekday(t.lang, date.weekday()),
    );
    let items: Vec<&&Row> = by_day(rows, date).collect();
    if items.is_empty() {
        let _ = write!(out, r#"<p class="hint">{}</p>"#, esc(t.agenda.day_empty));
    } else {
        out.push_str(r#"<ul class="agenda-list">"#);
        for row in items {
            let _ = write!(out, "<li>{}</li>", card(t, row, today));
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
    out
}

/// "No contact in N days": name, since when, and a call or a visit.
pub fn no_contact(t: &Texts, list: &[(String, String, String, Option<String>)], total: usize) -> String {
    let a = &t.agenda;
    if list.is_empty() {
        return format!("<p>{}</p>", esc(a.no_contact_none));
    }
    let mut out = String::from(r#"<ul class="no-contact-list">"#);
    for (id, name, since, phone) in list {
        let _ = write!(
            out,
            r#"<li><a href="{}">{}</a> <span class="hint">{}</span><span class="actions">"#,
            esc(&Route::Customer(id.clone()).href()),
            esc(name),
            esc(since)
        );
        if let Some(phone) = phone {
            let _ = write!(out, r#"<a class="button small" href="tel:{}">{}</a>"#, dial(phone), esc(a.call));
        }
        let visit = Route::Visit { item: None, customer: Some(id.clone()), session: false }.href();
        let _ = write!(out, r#"<a class="button small" href="{}">{}</a></span></li>"#, esc(&visit), esc(a.start_visit));
    }
    out.push_str("</ul>");
    if total > list.len() {
        let _ = write!(out, r#"<p class="hint">{}</p>"#, esc(&(a.more_items)(total - list.len())));
    }
    out
}
