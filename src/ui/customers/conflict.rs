//! When another tab saved the customer being edited: what was merged into the form, and, for each
//! part both changed, the two values side by side with a choice. The merge itself is
//! [`CustomerDraft::merge`].

use crate::domain::customer_form::{CustomerDraft, DraftMerge, DraftPart};
use crate::i18n::Texts;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// What the form shows after a conflict, until the next save.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub theirs: CustomerDraft,
    pub taken: Vec<DraftPart>,
    /// Parts both changed that the user has not chosen for yet.
    pub open: Vec<DraftPart>,
}

impl Conflict {
    pub fn new(theirs: CustomerDraft, merge: &DraftMerge) -> Conflict {
        Conflict { theirs, taken: merge.taken.clone(), open: merge.clashes.clone() }
    }
}

pub fn part_label(t: &Texts, part: DraftPart) -> &'static str {
    let c = &t.customers;
    match part {
        DraftPart::Name => c.name,
        DraftPart::Honorific => c.honorific,
        DraftPart::Phones => c.phone,
        DraftPart::Email => c.email,
        DraftPart::Wechat => c.wechat_id,
        DraftPart::Address => c.address,
        DraftPart::Birthday => c.birthday,
        DraftPart::RegisteredOn => c.registered_on,
        DraftPart::Source => c.source,
        DraftPart::Tags => c.tags,
        DraftPart::Need => c.need,
        DraftPart::PreferredMethod => c.preferred_method,
        DraftPart::PreferredTime => c.preferred_time,
        DraftPart::DoNotContact => c.do_not_contact,
        DraftPart::Notes => c.notes,
    }
}

/// One part of a draft as the user would read it.
pub fn part_value(t: &Texts, d: &CustomerDraft, part: DraftPart) -> String {
    let c = &t.customers;
    let text = |s: &str| s.trim().to_string();
    let value = match part {
        DraftPart::Name => text(&d.name),
        DraftPart::Honorific => (t.labels.honorific)(d.honorific).to_string(),
        DraftPart::Phones => {
            d.phones.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(t.common.enumeration)
        }
        DraftPart::Email => text(&d.email),
        DraftPart::Wechat => text(&d.wechat),
        DraftPart::Address => text(&d.address),
        DraftPart::Birthday if d.birthday.trim().is_empty() => String::new(),
        DraftPart::Birthday if d.birthday_lunar => format!("{} ({})", d.birthday.trim(), c.lunar_badge),
        DraftPart::Birthday => text(&d.birthday),
        DraftPart::RegisteredOn => text(&d.registered_on),
        DraftPart::Source => text(&d.source),
        DraftPart::Tags => text(&d.tags),
        DraftPart::Need => (t.labels.need)(d.need).to_string(),
        DraftPart::PreferredMethod => d.preferred_method.map_or(c.any_method, |m| (t.labels.method)(m)).to_string(),
        DraftPart::PreferredTime => text(&d.preferred_time),
        DraftPart::DoNotContact => if d.do_not_contact { t.common.yes } else { t.common.no }.to_string(),
        DraftPart::Notes => text(&d.notes),
    };
    if value.is_empty() { c.empty_value.to_string() } else { value }
}

/// The panel above the form. Choosing "theirs" copies that part into `draft`, which re-renders
/// the form; "keep mine" only closes the row.
#[component]
pub fn ConflictPanel(conflict: RwSignal<Option<Conflict>>, draft: RwSignal<CustomerDraft>) -> impl IntoView {
    let app = use_app();
    let choose = move |part: DraftPart, theirs: bool| {
        if theirs && let Some(from) = conflict.with_untracked(|c| c.as_ref().map(|c| c.theirs.clone())) {
            draft.update(|d| d.take(part, &from));
        }
        conflict.update(|c| {
            if let Some(c) = c {
                c.open.retain(|p| *p != part);
            }
        });
    };
    move || {
        let current = conflict.get()?;
        let t = app.t();
        let c = &t.customers;
        let taken = (!current.taken.is_empty()).then(|| {
            let names: Vec<&str> = current.taken.iter().map(|p| part_label(t, *p)).collect();
            view! { <p class="conflict-taken">{(c.conflict_taken)(&names.join(t.common.enumeration))}</p> }
        });
        let rows = current
            .open
            .iter()
            .map(|&part| {
                let theirs = part_value(t, &current.theirs, part);
                let mine = draft.with(|d| part_value(t, d, part));
                view! {
                    <li class="conflict-row" data-part=format!("{part:?}")>
                        <strong class="conflict-field">{part_label(t, part)}</strong>
                        <div class="conflict-side theirs">
                            <span class="conflict-who">{c.conflict_theirs}</span>
                            <span class="conflict-value">{theirs}</span>
                            <button type="button" class="button small" data-choice="theirs" on:click=move |_| choose(part, true)>
                                {c.use_theirs}
                            </button>
                        </div>
                        <div class="conflict-side mine">
                            <span class="conflict-who">{c.conflict_mine}</span>
                            <span class="conflict-value">{mine}</span>
                            <button type="button" class="button small" data-choice="mine" on:click=move |_| choose(part, false)>
                                {c.keep_mine}
                            </button>
                        </div>
                    </li>
                }
            })
            .collect_view();
        let guidance = if current.open.is_empty() { c.conflict_merged } else { c.conflict_choose };
        Some(view! {
            <section class="card conflict" id="customer-conflict" role="alert">
                <h2>{c.conflict_title}</h2>
                {taken}
                <p>{guidance}</p>
                <ul class="conflict-rows">{rows}</ul>
            </section>
        })
    }
}
