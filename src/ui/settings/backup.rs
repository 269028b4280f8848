//! Settings → the backup reminder: after how many days without an export the app reminds the
//! user (`domain::backup`; the reminder itself is `data::durability`, shown by the shell).

use crate::domain::backup::{self, RemindDaysError};
use crate::i18n::Texts;
use crate::ui::components::fields::{Input, input};
use crate::ui::components::markup;
use crate::ui::state::use_app;
use leptos::prelude::*;
use maud::{Markup, html};

fn settings_html(t: &Texts, value: &str, error: Option<RemindDaysError>) -> Markup {
    let d = &t.durability;
    let error = error.map(|e| match e {
        RemindDaysError::NotANumber => d.remind_not_number,
        RemindDaysError::TooLarge => d.remind_too_large,
    });
    html! {
        h2 { (d.settings_title) }
        p.hint { (d.settings_hint) }
        (input(d.remind_label, "remind_after_days", value, error, "", Input::NUMERIC_SHORT))
        div.form-actions { button type="submit" class="button primary" { (t.common.save) } }
    }
}

/// Settings → the backup reminder's number of days.
#[component]
pub fn BackupSettings() -> impl IntoView {
    let app = use_app();
    let value = RwSignal::new(app.settings.get_untracked().backup.remind_after_days.to_string());
    let error = RwSignal::new(None::<RemindDaysError>);
    let markup = move || value.with_untracked(|v| settings_html(app.t(), v, error.get()).into_string());
    let on_input = move |ev: leptos::ev::Event| {
        if let Some(root) = markup::current(&ev) {
            value.update_untracked(|v| *v = markup::field_value(&root, "remind_after_days"));
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(root) = markup::current(&ev) {
            value.update_untracked(|v| *v = markup::field_value(&root, "remind_after_days"));
        }
        match backup::parse_remind_days(&value.get_untracked()) {
            Ok(days) => {
                if error.get_untracked().is_some() {
                    error.set(None);
                }
                let mut settings = app.settings.get_untracked();
                settings.backup.remind_after_days = days;
                app.save_settings(settings);
            }
            Err(e) => {
                error.set(Some(e));
                markup::focus_first_error();
            }
        }
    };
    view! {
        <form class="card form backup-settings" id="backup-settings" novalidate inner_html=markup on:input=on_input on:submit=on_submit></form>
    }
}
