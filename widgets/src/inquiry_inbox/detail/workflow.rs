//! The workflow of the detail pane: assignee ("Assign to me"), status within
//! what the workflow allows, read state, and the reason lost and spam need,
//! asked in a form that belongs to the pane so that a change of the inquiry
//! meanwhile never loses what the user is typing.

use contract::ids::{InquiryId, UserId};
use contract::inquiry::{InquiryPatch, InquiryStatus, LostReason};
use leptos::prelude::*;

use crate::i18n::{Text, lost_reason_name, status_name};
use crate::inquiry_inbox::InboxState;
use crate::ui::use_i18n;

/// The statuses the user can move `current` to from the detail pane.
pub(super) fn next_statuses(current: InquiryStatus) -> Vec<InquiryStatus> {
    InquiryStatus::ALL
        .into_iter()
        .filter(|status| current.can_become(*status))
        .collect()
}

/// A status change waiting for its reason; kept by the pane, so that the
/// inquiry changing meanwhile (read, assigned) does not lose it.
#[derive(Clone, Copy)]
pub(super) struct Asking {
    pub(super) status: RwSignal<Option<InquiryStatus>>,
    pub(super) lost_reason: RwSignal<LostReason>,
    pub(super) spam_reason: RwSignal<String>,
    /// Makes a status change and announces it.
    pub(super) apply: Callback<(InquiryStatus, InquiryPatch)>,
}

/// Assignee, status (with the reason lost and spam need) and read state.
#[component]
pub(super) fn Workflow(
    id: InquiryId,
    status: InquiryStatus,
    assignee: Option<UserId>,
    unread: bool,
    state: InboxState,
    asking: Asking,
) -> impl IntoView {
    let i18n = use_i18n();
    let Asking {
        status: asking,
        spam_reason,
        apply: apply_status,
        ..
    } = asking;
    let people = Memo::new(move |_| state.data.with(|data| data.assignable(assignee)));
    let on_status = move |event: leptos::ev::Event| {
        let Ok(to) = event_target_value(&event).parse::<InquiryStatus>() else {
            return;
        };
        if to == status {
            asking.set(None);
            return;
        }
        match to {
            InquiryStatus::Lost | InquiryStatus::Spam => {
                if to == InquiryStatus::Spam && spam_reason.with_untracked(String::is_empty) {
                    spam_reason.set(i18n.text(Text::SpamReasonDefault).to_owned());
                }
                asking.set(Some(to));
            }
            to => apply_status.run((
                to,
                InquiryPatch {
                    status: Some(to),
                    ..InquiryPatch::default()
                },
            )),
        }
    };
    let on_assign = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        let chosen = match value.as_str() {
            "" => None,
            id => match id.parse::<UserId>() {
                Ok(id) => Some(id),
                Err(_) => return,
            },
        };
        if chosen != assignee {
            state.change_one(
                id,
                InquiryPatch {
                    assignee_id: Some(chosen),
                    ..InquiryPatch::default()
                },
            );
        }
    };
    let me = Memo::new(move |_| state.data.with(|data| data.me_id()));
    let assign_to_me = move |_| {
        if let Some(me) = me.get_untracked() {
            state.change_one(
                id,
                InquiryPatch {
                    assignee_id: Some(Some(me)),
                    ..InquiryPatch::default()
                },
            );
        }
    };
    let toggle_read = move |_| {
        state.change_one(
            id,
            InquiryPatch {
                unread: Some(!unread),
                ..InquiryPatch::default()
            },
        );
    };
    let statuses = next_statuses(status);

    view! {
        <section class="detail-section workflow" data-test="inquiry-actions">
            <label class="field-inline">
                <span>{move || i18n.text(Text::FilterAssignee)}</span>
                <select class="control" data-test="assign-select" on:change=on_assign prop:value=assignee.map(|id| id.to_string()).unwrap_or_default()>
                    <option value="" selected=assignee.is_none()>{move || i18n.text(Text::InquiryUnassigned)}</option>
                    {move || people.get().into_iter().map(|(user, name)| view! {
                        <option value=user.to_string() selected=Some(user) == assignee>{name}</option>
                    }).collect_view()}
                </select>
            </label>
            <Show when=move || me.get().is_some_and(|me| Some(me) != assignee)>
                <button class="button" type="button" data-test="assign-me" on:click=assign_to_me>
                    {move || i18n.text(Text::AssignToMe)}
                </button>
            </Show>
            <label class="field-inline">
                <span>{move || i18n.text(Text::InquiryStatusLabel)}</span>
                <select class="control" data-test="status-select" on:change=on_status prop:value=status.as_str()>
                    {statuses.into_iter().map(|choice| view! {
                        <option value=choice.as_str() selected=choice == status>{move || status_name(choice, i18n.language())}</option>
                    }).collect_view()}
                </select>
            </label>
            <button class="button" type="button" data-test="toggle-read" on:click=toggle_read>
                {move || i18n.text(if unread { Text::InquiryMarkRead } else { Text::InquiryMarkUnread })}
            </button>
        </section>
    }
}

/// The reason lost and spam need, asked before the change is made. Rendered
/// once per pane, so a change of the inquiry meanwhile never loses what the
/// user is typing.
#[component]
pub(super) fn ReasonForm(asking: Asking) -> impl IntoView {
    let i18n = use_i18n();
    let Asking {
        status: asking,
        lost_reason,
        spam_reason,
        apply: apply_status,
    } = asking;
    let confirm = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match asking.get_untracked() {
            Some(InquiryStatus::Lost) => apply_status.run((
                InquiryStatus::Lost,
                InquiryPatch {
                    status: Some(InquiryStatus::Lost),
                    lost_reason: Some(lost_reason.get_untracked()),
                    ..InquiryPatch::default()
                },
            )),
            Some(InquiryStatus::Spam) => {
                let reason = spam_reason.get_untracked().trim().to_owned();
                if !reason.is_empty() {
                    apply_status.run((
                        InquiryStatus::Spam,
                        InquiryPatch {
                            status: Some(InquiryStatus::Spam),
                            spam_reason: Some(reason),
                            ..InquiryPatch::default()
                        },
                    ));
                }
            }
            _ => {}
        }
    };
    view! {
        <Show when=move || asking.get().is_some()>
                <form class="reason-form" data-test="reason-form" on:submit=confirm>
                    {move || match asking.get() {
                        Some(InquiryStatus::Lost) => view! {
                            <label class="field-inline">
                                <span>{move || i18n.text(Text::LostReasonLabel)}</span>
                                <select class="control" data-test="lost-reason" on:change=move |event| {
                                    let value = event_target_value(&event);
                                    if let Some(reason) = LostReason::ALL.into_iter().find(|reason| reason.as_str() == value) {
                                        lost_reason.set(reason);
                                    }
                                }>
                                    {LostReason::ALL.into_iter().map(|reason| view! {
                                        <option value=reason.as_str() selected=move || lost_reason.get() == reason>{move || lost_reason_name(reason, i18n.language())}</option>
                                    }).collect_view()}
                                </select>
                            </label>
                        }.into_any(),
                        _ => view! {
                            <label class="field-inline">
                                <span>{move || i18n.text(Text::SpamReasonLabel)}</span>
                                <input class="control" data-test="spam-reason" maxlength="500" required=true
                                    prop:value=move || spam_reason.get()
                                    on:input=move |event| spam_reason.set(event_target_value(&event)) />
                            </label>
                        }.into_any(),
                    }}
                    <button class="button primary" type="submit" data-test="confirm-status">{move || i18n.text(Text::ConfirmStatus)}</button>
                    <button class="button" type="button" data-test="cancel-status" on:click=move |_| asking.set(None)>{move || i18n.text(Text::Cancel)}</button>
                </form>
            </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_choices_follow_the_workflow() {
        let from_new = next_statuses(InquiryStatus::New);
        assert!(
            from_new.contains(&InquiryStatus::New),
            "staying is a choice"
        );
        assert!(from_new.contains(&InquiryStatus::Spam));
        assert!(!from_new.contains(&InquiryStatus::Won));
        let from_archived = next_statuses(InquiryStatus::Archived);
        assert!(!from_archived.contains(&InquiryStatus::Spam));
        assert!(from_archived.contains(&InquiryStatus::Open));
    }
}
