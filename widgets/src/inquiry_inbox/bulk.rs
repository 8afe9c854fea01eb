//! Bulk actions on the ticked rows: assign, change status, mark read, mark as
//! spam. Each inquiry gets its own edit in the outbox; one the workflow does
//! not allow from its status is skipped, and the user is told how many.

use contract::ids::{InquiryId, UserId};
use contract::inquiry::{InquiryPatch, InquiryStatus};
use leptos::prelude::*;

use super::InboxState;
use crate::i18n::{Text, status_name};
use crate::intl;
use crate::ui::use_i18n;

/// The statuses a bulk change offers (lost needs a reason per inquiry).
const BULK_STATUSES: [InquiryStatus; 4] = [
    InquiryStatus::Open,
    InquiryStatus::Quoted,
    InquiryStatus::Won,
    InquiryStatus::Archived,
];

/// The assignee choice that unassigns.
const UNASSIGN: &str = "none";

/// Which of `statuses` (id and current status) may become `to`.
pub(super) fn allowed(
    statuses: &[(InquiryId, InquiryStatus)],
    to: InquiryStatus,
) -> (Vec<InquiryId>, usize) {
    let ids: Vec<InquiryId> = statuses
        .iter()
        .filter(|(_, status)| *status != to && status.can_become(to))
        .map(|(id, _)| *id)
        .collect();
    let skipped = statuses
        .iter()
        .filter(|(_, status)| *status != to && !status.can_become(to))
        .count();
    (ids, skipped)
}

#[component]
pub(super) fn BulkBar(state: InboxState) -> impl IntoView {
    let i18n = use_i18n();
    let count = Memo::new(move |_| state.checked.with(|checked| checked.len() as u64));
    // The ticked inquiries as the user sees them now: one pass over the
    // layer's shown list (all of them may be ticked).
    let ticked = move || {
        state.checked.with_untracked(|checked| {
            state
                .data
                .layer_untracked()
                .inquiries(|inquiry| checked.contains(&inquiry.id))
                .into_iter()
                .map(|shown| (shown.inquiry.id, shown.inquiry.status, shown.inquiry.unread))
                .collect::<Vec<_>>()
        })
    };
    let finish = move |changed: usize, skipped: usize| {
        let language = i18n.language();
        let mut said = i18n.count(
            Text::BulkDoneOne,
            Text::BulkDoneOther,
            changed as u64,
            &intl::count(language, changed as u64),
        );
        if skipped > 0 {
            said.push_str(" · ");
            said.push_str(&i18n.format(
                Text::BulkSkipped,
                &[("count", &intl::count(language, skipped as u64))],
            ));
        }
        state.announce.run(said);
        state.checked.set(Default::default());
    };
    let change_status = move |to: InquiryStatus, spam_reason: Option<String>| {
        let statuses: Vec<(InquiryId, InquiryStatus)> = ticked()
            .into_iter()
            .map(|(id, status, _)| (id, status))
            .collect();
        let (ids, skipped) = allowed(&statuses, to);
        let changed = ids.len();
        state.change.run((
            ids,
            InquiryPatch {
                status: Some(to),
                spam_reason,
                ..InquiryPatch::default()
            },
        ));
        finish(changed, skipped);
    };
    let on_status = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        if let Ok(to) = value.parse::<InquiryStatus>() {
            change_status(to, None);
        }
    };
    let on_assign = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        let assignee = match value.as_str() {
            "" => return,
            UNASSIGN => None,
            id => match id.parse::<UserId>() {
                Ok(id) => Some(id),
                Err(_) => return,
            },
        };
        let ids: Vec<InquiryId> = ticked().into_iter().map(|(id, ..)| id).collect();
        let changed = ids.len();
        state.change.run((
            ids,
            InquiryPatch {
                assignee_id: Some(assignee),
                ..InquiryPatch::default()
            },
        ));
        finish(changed, 0);
    };
    let mark_read = move |_| {
        let ids: Vec<InquiryId> = ticked()
            .into_iter()
            .filter(|(_, _, unread)| *unread)
            .map(|(id, ..)| id)
            .collect();
        let changed = ids.len();
        state.change.run((
            ids,
            InquiryPatch {
                unread: Some(false),
                ..InquiryPatch::default()
            },
        ));
        finish(changed, 0);
    };
    let mark_spam = move |_| {
        change_status(
            InquiryStatus::Spam,
            Some(i18n.text(Text::SpamReasonBulk).to_owned()),
        );
    };
    let assignees = Memo::new(move |_| state.data.with(|data| data.assignable(None)));
    let all_shown = move |event: leptos::ev::Event| {
        if event_target_checked(&event) {
            let ids = state.listed.with_untracked(|listed| {
                listed.items.iter().map(|shown| shown.inquiry.id).collect()
            });
            state.checked.set(ids);
        } else {
            state.checked.set(Default::default());
        }
    };
    let all_ticked = move || {
        let listed = state.listed.with(|listed| listed.items.len() as u64);
        listed > 0 && count.get() >= listed
    };

    view! {
        <div class="bulk" role="group" aria-label=move || i18n.text(Text::BulkLabel) data-test="bulk-bar">
            <label class="check-label">
                <input type="checkbox" data-test="select-all" prop:checked=all_ticked on:change=all_shown />
                <span>{move || i18n.text(Text::BulkSelectAll)}</span>
            </label>
            <Show when=move || { count.get() > 0 }>
                <span class="bulk-count" data-test="bulk-count">
                    {move || i18n.count(Text::BulkSelectedOne, Text::BulkSelectedOther, count.get(), &intl::count(i18n.language(), count.get()))}
                </span>
                <select class="control" data-test="bulk-assign" aria-label=move || i18n.text(Text::BulkAssign) on:change=on_assign prop:value="">
                    <option value="" selected=true>{move || i18n.text(Text::BulkAssign)}</option>
                    <option value=UNASSIGN>{move || i18n.text(Text::InquiryUnassigned)}</option>
                    {move || assignees.get().into_iter().map(|(id, name)| view! {
                        <option value=id.to_string()>{name}</option>
                    }).collect_view()}
                </select>
                <select class="control" data-test="bulk-status" aria-label=move || i18n.text(Text::BulkStatus) on:change=on_status prop:value="">
                    <option value="" selected=true>{move || i18n.text(Text::BulkStatus)}</option>
                    {BULK_STATUSES.into_iter().map(|status| view! {
                        <option value=status.as_str()>{move || status_name(status, i18n.language())}</option>
                    }).collect_view()}
                </select>
                <button class="button" type="button" data-test="bulk-read" on:click=mark_read>
                    {move || i18n.text(Text::InquiryMarkRead)}
                </button>
                <button class="button danger" type="button" data-test="bulk-spam" on:click=mark_spam>
                    {move || i18n.text(Text::BulkMarkSpam)}
                </button>
                <button class="button link-button" type="button" data-test="bulk-clear" on:click=move |_| state.checked.set(Default::default())>
                    {move || i18n.text(Text::BulkClear)}
                </button>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_allowed_changes_are_made_and_the_rest_counted() {
        let id = |n| InquiryId(uuid::Uuid::from_u128(n));
        let statuses = [
            (id(1), InquiryStatus::New),
            (id(2), InquiryStatus::Archived),
            (id(3), InquiryStatus::Spam),
            (id(4), InquiryStatus::Open),
        ];
        assert_eq!(
            allowed(&statuses, InquiryStatus::Won),
            (vec![id(4)], 3),
            "won only from work in progress"
        );
        assert_eq!(
            allowed(&statuses, InquiryStatus::Archived),
            (vec![id(1), id(3), id(4)], 0),
            "already archived: nothing to do, not skipped"
        );
    }
}
