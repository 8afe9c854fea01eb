//! How every widget shows the data layer's state honestly: offline, loading, n
//! changes waiting, saving, conflicts and refused changes, and the panel where
//! the user decides about the last two.

use contract::customer::CustomerPatch;
use contract::ids::{CustomerId, QuoteId, UserId};
use contract::inquiry::InquiryStatus;
use leptos::prelude::*;

use crate::data::{Connection, Data, DataView, Decision, Mutation, QuoteStep, Storage, SyncStatus};
use crate::i18n::{I18n, Text, activity_kind_name, lifecycle_stage, status_name, tier_name};
use crate::intl;
use crate::sync::State;
use crate::ui::{describe_error, use_i18n};

/// The status line's words for the data layer (without the widget's own counts).
pub(crate) fn sync_summary(i18n: I18n, status: &SyncStatus) -> Vec<String> {
    let language = i18n.language();
    let count = |one: Text, other: Text, count: usize| {
        let count = count as u64;
        i18n.count(one, other, count, &intl::count(language, count))
    };
    let mut parts = Vec::new();
    match &status.connection {
        Connection::Starting => parts.push(i18n.text(Text::Loading).to_owned()),
        Connection::Loading { loaded, total } => parts.push(i18n.format(
            Text::SyncLoading,
            &[
                ("loaded", &intl::count(language, *loaded)),
                ("total", &intl::count(language, *total)),
            ],
        )),
        Connection::Live => parts.push(i18n.text(Text::UpToDate).to_owned()),
        Connection::Offline => parts.push(i18n.text(Text::SyncOffline).to_owned()),
        Connection::Failed(error) => parts.push(describe_error(i18n, error).0),
    }
    let outbox = status.outbox;
    if outbox.pending > 0 {
        parts.push(if status.connection == Connection::Live {
            count(Text::SyncSavingOne, Text::SyncSavingOther, outbox.pending)
        } else {
            count(Text::SyncWaitingOne, Text::SyncWaitingOther, outbox.pending)
        });
    }
    if outbox.conflicts > 0 {
        parts.push(count(
            Text::SyncConflictsOne,
            Text::SyncConflictsOther,
            outbox.conflicts,
        ));
    }
    if outbox.rejected > 0 {
        parts.push(count(
            Text::SyncRejectedOne,
            Text::SyncRejectedOther,
            outbox.rejected,
        ));
    }
    if let Storage::MemoryOnly(reason) = &status.storage {
        parts.push(i18n.format(Text::SyncOfflineOff, &[("reason", reason)]));
    }
    parts
}

/// What an edit does, in words.
fn describe_mutation(i18n: I18n, mutation: &Mutation, data: &Data) -> String {
    let patch = match mutation {
        Mutation::UpdateInquiry { patch, .. } => patch,
        Mutation::CreateReply { .. } => return i18n.text(Text::ChangeReply).to_owned(),
        Mutation::UpdateCustomer { patch, .. } => {
            return describe_customer_change(i18n, patch, data);
        }
        other => return describe_customer_record(i18n, other),
    };
    let language = i18n.language();
    let mut parts = Vec::new();
    if let Some(status) = patch.status {
        parts.push(i18n.format(
            Text::ChangeStatus,
            &[("status", status_name(status, language))],
        ));
    }
    if let Some(unread) = patch.unread {
        parts.push(
            i18n.text(if unread {
                Text::ChangeMarkUnread
            } else {
                Text::ChangeMarkRead
            })
            .to_owned(),
        );
    }
    if let Some(assignee) = patch.assignee_id {
        parts.push(match assignee {
            Some(id) => i18n.format(Text::ChangeAssign, &[("name", &user_name(data, id))]),
            None => i18n.text(Text::ChangeUnassign).to_owned(),
        });
    }
    if let Some(tags) = &patch.tags {
        parts.push(i18n.format(Text::ChangeTags, &[("tags", &tags.join(", "))]));
    }
    parts.join(", ")
}

/// What an edit of a customer's contacts, notes or reminders does, in words.
fn describe_customer_record(i18n: I18n, mutation: &Mutation) -> String {
    let language = i18n.language();
    match mutation {
        Mutation::CreateContact { contact, .. } => {
            i18n.format(Text::ChangeAddContact, &[("name", &contact.name)])
        }
        Mutation::ReplaceContact { contact, .. } => {
            i18n.format(Text::ChangeEditContact, &[("name", &contact.name)])
        }
        Mutation::DeleteContact { name, .. } => {
            i18n.format(Text::ChangeDeleteContact, &[("name", name)])
        }
        Mutation::CreateActivity { activity, .. } => {
            let excerpt: String = activity.body.chars().take(60).collect();
            i18n.format(
                Text::ChangeLogActivity,
                &[
                    ("kind", activity_kind_name(activity.kind, language)),
                    ("text", &excerpt),
                ],
            )
        }
        Mutation::CreateReminder { reminder, .. } => i18n.format(
            Text::ChangeAddReminder,
            &[
                ("title", &reminder.title),
                ("date", &intl::date(language, reminder.due_on)),
            ],
        ),
        Mutation::UpdateReminder { patch, about, .. } => i18n.format(
            match patch.done {
                Some(true) => Text::ChangeReminderDone,
                Some(false) => Text::ChangeReminderReopen,
                None => Text::ChangeReminderEdit,
            },
            &[("title", about)],
        ),
        Mutation::MergeCustomer { duplicate_name, .. } => {
            i18n.format(Text::ChangeMerge, &[("name", duplicate_name)])
        }
        Mutation::SaveQuote { .. } => i18n.text(Text::ChangeSaveQuote).to_owned(),
        Mutation::MoveQuote { step, .. } => i18n
            .text(match step {
                QuoteStep::Send => Text::ChangeSendQuote,
                QuoteStep::Accept => Text::ChangeAcceptQuote,
                QuoteStep::Reject => Text::ChangeRejectQuote,
            })
            .to_owned(),
        Mutation::UpdateInquiry { .. }
        | Mutation::CreateReply { .. }
        | Mutation::UpdateCustomer { .. } => String::new(),
    }
}

/// What an edit of a customer does, in words.
fn describe_customer_change(i18n: I18n, patch: &CustomerPatch, data: &Data) -> String {
    let language = i18n.language();
    let mut parts = Vec::new();
    if let Some(name) = &patch.name {
        parts.push(i18n.format(Text::ChangeName, &[("name", name)]));
    }
    if let Some(tier) = patch.tier {
        parts.push(i18n.format(Text::ChangeTier, &[("tier", tier_name(tier, language))]));
    }
    if let Some(stage) = patch.stage {
        parts.push(i18n.format(
            Text::ChangeStage,
            &[("stage", lifecycle_stage(stage, language))],
        ));
    }
    if let Some(owner) = patch.owner_id {
        let name = owner.map_or_else(
            || i18n.text(Text::CustomerNoOwner).to_owned(),
            |id| user_name(data, id),
        );
        parts.push(i18n.format(Text::ChangeOwner, &[("name", &name)]));
    }
    if let Some(tags) = &patch.tags {
        parts.push(i18n.format(Text::ChangeTags, &[("tags", &tags.join(", "))]));
    }
    let others = CustomerPatch {
        name: None,
        tier: None,
        stage: None,
        owner_id: None,
        tags: None,
        ..patch.clone()
    };
    if others != CustomerPatch::default() {
        parts.push(i18n.text(Text::ChangeProfile).to_owned());
    }
    parts.join(", ")
}

fn user_name(data: &Data, id: UserId) -> String {
    data.users()
        .into_iter()
        .find(|user| user.id == id)
        .map(|user| user.name)
        .unwrap_or_else(|| id.to_string())
}

fn record_name(decision: &Decision) -> String {
    if let Some(customer) = &decision.customer {
        return customer.name.clone();
    }
    decision
        .inquiry
        .as_ref()
        .map_or(decision.mutation.about(), |inquiry| {
            inquiry.buyer.display_name()
        })
        .to_owned()
}

fn current_state(i18n: I18n, decision: &Decision) -> String {
    if decision.mutation.quote().is_some() {
        return i18n.text(Text::ChangeQuoteTheirs).to_owned();
    }
    if decision.mutation.customer().is_some() {
        let language = i18n.language();
        return decision.customer.as_ref().map_or_else(
            || i18n.text(Text::CustomerGone).to_owned(),
            |customer| {
                [
                    customer.name.as_str(),
                    tier_name(customer.tier, language),
                    lifecycle_stage(customer.stage, language),
                ]
                .join(" · ")
            },
        );
    }
    decision
        .inquiry
        .as_ref()
        .map(|inquiry| status_name(inquiry.status, i18n.language()).to_owned())
        .unwrap_or_else(|| status_name(InquiryStatus::Archived, i18n.language()).to_owned())
}

/// Why the server refused an edit, in the user's language where the status says
/// enough, else in the server's words (validation details only it knows).
fn refusal_reason(i18n: I18n, status: u16, detail: String) -> String {
    match status {
        403 => i18n.text(Text::ErrorForbiddenTitle).to_owned(),
        404 | 410 => i18n.text(Text::ErrorNotFoundTitle).to_owned(),
        _ if detail.trim().is_empty() => i18n.text(Text::ErrorRejectedTitle).to_owned(),
        _ => detail,
    }
}

/// The edits waiting for the user's decision, each with its choices.
#[component]
pub(crate) fn Decisions(
    data: DataView,
    /// Only the edits of this customer (the customer card); else all.
    #[prop(optional, into)]
    customer: Option<Signal<Option<CustomerId>>>,
    /// Only the edits of this quote revision (the quote builder).
    #[prop(optional, into)]
    quote: Option<Signal<Option<QuoteId>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let decisions = Memo::new(move |_| {
        let only = customer.map(|customer| customer.get());
        let only_quote = quote.map(|quote| quote.get());
        data.with(Data::decisions)
            .into_iter()
            .filter(|decision| {
                only.is_none_or(|only| only.is_some() && decision.mutation.customer() == only)
                    && only_quote
                        .is_none_or(|only| only.is_some() && decision.mutation.quote() == only)
            })
            .collect::<Vec<_>>()
    });
    view! {
        <Show when=move || !decisions.with(Vec::is_empty)>
            <section class="decisions" role="alert" aria-label=move || i18n.text(Text::DecisionsLabel) data-test="decisions">
                <For each=move || decisions.get() key=|decision| (decision.seq, format!("{:?}", decision.state)) let:decision>
                    <DecisionItem data=data decision=decision />
                </For>
            </section>
        </Show>
    }
}

#[component]
fn DecisionItem(data: DataView, decision: Decision) -> impl IntoView {
    let i18n = use_i18n();
    let seq = decision.seq;
    let record = record_name(&decision);
    let change = {
        let mutation = decision.mutation.clone();
        move || data.with(|data| describe_mutation(i18n, &mutation, data))
    };
    match decision.state.clone() {
        State::Conflict { .. } => {
            let theirs = current_state(i18n, &decision);
            view! {
                <div class="decision" data-test="decision" data-kind="conflict">
                    <p class="decision-title">{move || i18n.format(Text::DecisionConflict, &[("record", &record)])}</p>
                    <p class="decision-detail">
                        <span data-test="decision-yours">{move || i18n.format(Text::DecisionYours, &[("change", &change())])}</span>
                        " · "
                        <span data-test="decision-theirs">{move || i18n.format(Text::DecisionTheirs, &[("state", &theirs)])}</span>
                    </p>
                    <div class="decision-actions">
                        <button class="button primary" type="button" data-test="keep-mine" on:click=move |_| data.layer_untracked().keep_mine(seq)>
                            {move || i18n.text(Text::DecisionKeepMine)}
                        </button>
                        <button class="button" type="button" data-test="take-theirs" on:click=move |_| data.layer_untracked().take_theirs(seq)>
                            {move || i18n.text(Text::DecisionTakeTheirs)}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        }
        State::Rejected { status, detail } => {
            let detail = refusal_reason(i18n, status, detail);
            view! {
            <div class="decision" data-test="decision" data-kind="rejected">
                <p class="decision-title">{move || i18n.format(Text::DecisionRejected, &[("record", &record), ("reason", &detail)])}</p>
                <p class="decision-detail">{move || i18n.format(Text::DecisionYours, &[("change", &change())])}</p>
                <div class="decision-actions">
                    <button class="button" type="button" data-test="discard" on:click=move |_| data.layer_untracked().discard(seq)>
                        {move || i18n.text(Text::DecisionDiscard)}
                    </button>
                </div>
            </div>
            }
            .into_any()
        }
        State::Waiting { .. } | State::Sending { .. } => ().into_any(),
    }
}
