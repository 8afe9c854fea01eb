//! Follow-ups and important dates on the customer: due and overdue ones stand
//! out (and are announced to the host once, `crm-reminder-due`); each is set,
//! done or reopened through the outbox.

use std::collections::HashSet;

use contract::customer::{CustomerSummary, NewReminder, ReminderKind, ReminderPatch};
use contract::ids::ReminderId;
use contract::problem::FieldError;
use leptos::prelude::*;
use serde::Serialize;
use time::Date;

use super::{Announce, Layout, Section};
use crate::data::{DataView, ShownReminder, is_stand_in};
use crate::element::CrmEvent;
use crate::i18n::{I18n, Text, reminder_kind_name};
use crate::intl;
use crate::ui::form::{AddButton, FormActions, SelectField, TextField, escape_cancels};
use crate::ui::use_i18n;

/// Where a reminder stands today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Due {
    Done,
    Overdue,
    Today,
    Later,
}

pub(crate) fn due(reminder: &contract::customer::Reminder, today: Date) -> Due {
    if reminder.done_at.is_some() {
        Due::Done
    } else if reminder.due_on < today {
        Due::Overdue
    } else if reminder.due_on == today {
        Due::Today
    } else {
        Due::Later
    }
}

/// "Overdue since Nov 20, 2026" / "Due today" / "Due Dec 1, 2026".
pub(crate) fn due_text(i18n: I18n, due_state: Due, due_on: Date) -> String {
    let date = intl::date(i18n.language(), due_on);
    match due_state {
        Due::Overdue => i18n.format(Text::ReminderOverdue, &[("date", &date)]),
        Due::Today => i18n.text(Text::ReminderDueToday).to_owned(),
        Due::Later | Due::Done => i18n.format(Text::ReminderDueOn, &[("date", &date)]),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DueDetail {
    customer_id: String,
    reminder_id: String,
    title: String,
    due_on: String,
    overdue: bool,
}

#[component]
pub(super) fn Reminders(
    customer: Memo<CustomerSummary>,
    layout: Layout,
    data: DataView,
    announce: Announce,
) -> impl IntoView {
    let i18n = use_i18n();
    let adding = RwSignal::new(false);
    let today = intl::today();
    let reminders = Memo::new(move |_| {
        let id = customer.with(|customer| customer.id);
        data.with(|data| data.reminders_of(id))
    });
    let open_due = Memo::new(move |_| {
        reminders.with(|reminders| {
            reminders
                .iter()
                .filter(|shown| matches!(due(&shown.reminder, today), Due::Overdue | Due::Today))
                .count()
        })
    });
    let title = Signal::derive(move || {
        let count = reminders.with(|reminders| {
            reminders
                .iter()
                .filter(|shown| shown.reminder.done_at.is_none())
                .count()
        }) as u64;
        let language = i18n.language();
        match open_due.get() as u64 {
            0 => i18n.format(
                Text::RemindersCount,
                &[("count", &intl::count(language, count))],
            ),
            due => i18n.format(
                Text::RemindersDueCount,
                &[
                    ("count", &intl::count(language, count)),
                    ("due", &intl::count(language, due)),
                ],
            ),
        }
    });

    // The host hears once about each reminder due or overdue the card shows.
    let announced = StoredValue::new(HashSet::<ReminderId>::new());
    let context = announce.context().clone();
    Effect::new(move |_| {
        let customer_id = customer.with(|customer| customer.id.to_string());
        reminders.with(|reminders| {
            for shown in reminders {
                let reminder = &shown.reminder;
                let state = due(reminder, today);
                if !matches!(state, Due::Overdue | Due::Today)
                    || is_stand_in(reminder.id.0)
                    || !announced
                        .try_update_value(|seen| seen.insert(reminder.id))
                        .unwrap_or(false)
                {
                    continue;
                }
                context.emit(
                    CrmEvent::ReminderDue,
                    &DueDetail {
                        customer_id: customer_id.clone(),
                        reminder_id: reminder.id.to_string(),
                        title: reminder.title.clone(),
                        due_on: reminder.due_on.to_string(),
                        overdue: state == Due::Overdue,
                    },
                );
            }
        });
    });

    let toggle = {
        let announce = announce.clone();
        Callback::new(move |shown: ShownReminder| {
            let patch = ReminderPatch {
                done: Some(shown.reminder.done_at.is_none()),
                ..ReminderPatch::default()
            };
            announce.change(&customer.get_untracked(), "reminder", &patch);
            data.layer_untracked()
                .update_reminder(&shown.reminder, patch);
        })
    };
    let add = Callback::new(move |reminder: NewReminder| {
        let customer = customer.get_untracked();
        announce.change(&customer, "reminder", &reminder);
        data.layer_untracked().add_reminder(&customer, reminder);
        adding.set(false);
    });

    view! {
        <Section layout=layout test_id="customer-reminders-section" title=title>
            <Show when=move || reminders.with(Vec::is_empty)>
                <p class="muted">{move || i18n.text(Text::RemindersNone)}</p>
            </Show>
            <ul class="reminders" data-test="customer-reminders">
                <For each=move || reminders.get()
                    key=|shown| (shown.reminder.id, shown.reminder.version, shown.pending, shown.reminder.done_at.is_some())
                    let:shown>
                    <ReminderItem shown=shown today=today on_toggle=toggle />
                </For>
            </ul>
            {move || if adding.get() {
                view! { <ReminderForm today=today on_save=add on_cancel=Callback::new(move |()| adding.set(false)) /> }.into_any()
            } else {
                view! { <AddButton label=Text::ReminderAdd test_id="add-reminder" on_click=Callback::new(move |()| adding.set(true)) /> }
                    .into_any()
            }}
        </Section>
    }
}

#[component]
fn ReminderItem(
    shown: ShownReminder,
    today: Date,
    on_toggle: Callback<ShownReminder>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reminder = shown.reminder.clone();
    let state = due(&reminder, today);
    let state_class = match state {
        Due::Done => "reminder done",
        Due::Overdue => "reminder overdue",
        Due::Today => "reminder due",
        Due::Later => "reminder",
    };
    let state_name = match state {
        Due::Done => "done",
        Due::Overdue => "overdue",
        Due::Today => "today",
        Due::Later => "later",
    };
    let kind = reminder.kind;
    let due_on = reminder.due_on;
    let saved = !is_stand_in(reminder.id.0);
    let done = state == Due::Done;
    let title = reminder.title.clone();
    let toggled = shown.clone();
    view! {
        <li class=state_class data-test="reminder" data-due=state_name>
            <label class="field-check">
                <input type="checkbox" data-test="reminder-done" prop:checked=done disabled=!saved
                    on:change=move |_| on_toggle.run(toggled.clone())
                    aria-label=move || i18n.format(Text::ReminderMarkDone, &[("title", &title)]) />
                <span class="reminder-title" dir="auto" data-test="reminder-title">{reminder.title.clone()}</span>
            </label>
            <span class="muted">{move || reminder_kind_name(kind, i18n.language())}</span>
            <span class="reminder-when" data-test="reminder-when">{move || due_text(i18n, state, due_on)}</span>
            {shown.pending.then(|| view! {
                <span class="badge pending" data-test="reminder-pending">{move || i18n.text(Text::CustomerNotYetSaved)}</span>
            })}
        </li>
    }
}

/// The contract's words for a reminder set in the past (shown translated).
pub(crate) const PAST_DATE_MESSAGE: &str = "must be today or later";
/// The contract's words for a missing date (shown translated).
pub(crate) const NO_DATE_MESSAGE: &str = "must be a date";

/// The reminder as typed, checked: a title, and a date from today on.
fn new_reminder(
    kind: Option<ReminderKind>,
    title: &str,
    date: &str,
    today: Date,
) -> Result<NewReminder, Vec<FieldError>> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let mut errors = Vec::new();
    let due_on = match Date::parse(date.trim(), format) {
        Ok(day) if day < today => {
            errors.push(FieldError {
                field: "/due_on".into(),
                message: PAST_DATE_MESSAGE.into(),
            });
            None
        }
        Ok(day) => Some(day),
        Err(_) => {
            errors.push(FieldError {
                field: "/due_on".into(),
                message: NO_DATE_MESSAGE.into(),
            });
            None
        }
    };
    let reminder = NewReminder {
        kind: kind.unwrap_or(ReminderKind::FollowUp),
        title: title.trim().to_owned(),
        due_on: due_on.unwrap_or(today),
    };
    if let Err(found) = reminder.validate() {
        errors.splice(0..0, found);
    }
    if errors.is_empty() {
        Ok(reminder)
    } else {
        Err(errors)
    }
}

#[component]
fn ReminderForm(
    today: Date,
    on_save: Callback<NewReminder>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let kind = RwSignal::new(Some(ReminderKind::FollowUp));
    let title = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match new_reminder(
            kind.get_untracked(),
            &title.get_untracked(),
            &date.get_untracked(),
            today,
        ) {
            Ok(reminder) => on_save.run(reminder),
            Err(found) => errors.set(found),
        }
    };
    view! {
        <form class="editor" data-test="reminder-form" on:submit=submit on:keydown=escape_cancels(on_cancel) novalidate=true>
            <SelectField label=Text::ReminderKindLabel test_id="reminder-kind" choices=ReminderKind::ALL.to_vec()
                value=kind wire=ReminderKind::as_str name=reminder_kind_name />
            <TextField label=Text::ReminderTitleLabel test_id="reminder-title-input" value=title errors=errors field="/title" />
            <TextField label=Text::ReminderDateLabel test_id="reminder-date" value=date errors=errors field="/due_on" kind="date" />
            <FormActions save=Text::ReminderSave test_id="reminder-save" on_cancel=on_cancel />
        </form>
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn a_reminder_needs_a_title_and_a_day_from_today_on() {
        let today = date!(2026 - 11 - 22);
        let ok = new_reminder(
            Some(ReminderKind::ImportantDate),
            " Renewal ",
            "2026-12-01",
            today,
        )
        .unwrap();
        assert_eq!(ok.title, "Renewal");
        assert_eq!(ok.due_on, date!(2026 - 12 - 01));
        assert!(
            new_reminder(None, "Call", "2026-11-22", today).is_ok(),
            "today is fine"
        );
        let fields = |result: Result<NewReminder, Vec<FieldError>>| -> Vec<(String, String)> {
            result
                .unwrap_err()
                .into_iter()
                .map(|error| (error.field, error.message))
                .collect()
        };
        assert_eq!(
            fields(new_reminder(None, "", "2026-11-21", today)),
            [
                ("/title".to_owned(), "must not be empty".to_owned()),
                ("/due_on".to_owned(), PAST_DATE_MESSAGE.to_owned())
            ]
        );
        assert_eq!(
            fields(new_reminder(None, "Call", "", today)),
            [("/due_on".to_owned(), NO_DATE_MESSAGE.to_owned())]
        );
    }

    #[test]
    fn due_state_follows_the_day() {
        let mut reminder: contract::customer::Reminder = serde_json::from_value(serde_json::json!({
            "id": "00000000-0000-4000-8000-000000000001",
            "customer_id": "00000000-0000-4000-8000-000000000002",
            "kind": "follow_up", "title": "Call", "due_on": "2026-11-22", "done_at": null,
            "owner": {"id": "00000000-0000-4000-8000-000000000003", "name": "Li Wei"}, "version": 1
        }))
        .unwrap();
        assert_eq!(due(&reminder, date!(2026 - 11 - 22)), Due::Today);
        assert_eq!(due(&reminder, date!(2026 - 11 - 23)), Due::Overdue);
        assert_eq!(due(&reminder, date!(2026 - 11 - 21)), Due::Later);
        reminder.done_at = Some(time::macros::datetime!(2026-11-22 09:00 UTC));
        assert_eq!(due(&reminder, date!(2026 - 11 - 23)), Due::Done);
    }
}
