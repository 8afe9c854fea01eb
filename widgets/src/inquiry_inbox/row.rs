//! One inquiry in the inbox list. Buyer text is untrusted: it only ever becomes
//! text nodes and attribute values, never markup.

use std::collections::HashSet;

use contract::ids::InquiryId;
use contract::inquiry::{InquiryStatus, InquirySummary};
use leptos::prelude::*;
use time::OffsetDateTime;

use super::InboxState;
use crate::data::ShownInquiry;
use crate::i18n::{I18n, Text, status_name, unit_name};
use crate::intl;
use crate::ui::use_i18n;

/// The CSS class that colours a status badge.
pub(super) fn status_class(status: InquiryStatus) -> &'static str {
    match status {
        InquiryStatus::New => "badge status-new",
        InquiryStatus::Open => "badge status-open",
        InquiryStatus::Quoted => "badge status-quoted",
        InquiryStatus::Won => "badge status-won",
        InquiryStatus::Lost => "badge status-lost",
        InquiryStatus::Spam => "badge status-spam",
        InquiryStatus::Archived => "badge status-archived",
    }
}

/// Where an inquiry stands against the portal's response target: `Some((due,
/// overdue))` while it waits for a first reply.
pub(super) fn response_clock(
    inquiry: &InquirySummary,
    now: OffsetDateTime,
) -> Option<(OffsetDateTime, bool)> {
    if inquiry.first_response_at.is_some() || !inquiry.status.is_active() {
        return None;
    }
    let due = inquiry.response_due_at?;
    Some((due, due <= now))
}

/// The response clock in words: "Reply due in 3 hr." / "Reply overdue (2 hr. ago)".
pub(super) fn response_clock_text(i18n: I18n, due: OffsetDateTime, overdue: bool) -> String {
    let time = intl::relative_time(i18n.language(), due);
    i18n.format(
        if overdue {
            Text::InquiryReplyOverdue
        } else {
            Text::InquiryReplyDue
        },
        &[("time", &time)],
    )
}

/// The CSS class of a quality score badge: high, medium or low.
fn score_class(score: u8) -> &'static str {
    match score {
        70.. => "badge score score-high",
        40..70 => "badge score score-medium",
        _ => "badge score score-low",
    }
}

/// What a row reads and changes of the inbox around it.
#[derive(Clone, Copy)]
pub(super) struct RowState {
    /// The inquiry open in the detail pane.
    pub(super) selected: Signal<Option<InquiryId>>,
    /// Rows ticked for a bulk action.
    pub(super) checked: RwSignal<HashSet<InquiryId>>,
    /// The row the keyboard is on.
    pub(super) cursor: RwSignal<Option<InquiryId>>,
    /// Opens an inquiry.
    pub(super) open: Callback<ShownInquiry>,
}

impl From<InboxState> for RowState {
    fn from(state: InboxState) -> RowState {
        RowState {
            selected: state.selected.into(),
            checked: state.checked,
            cursor: state.cursor,
            open: state.open,
        }
    }
}

#[component]
pub(super) fn InquiryRow(
    shown: ShownInquiry,
    /// Its place in the whole list, from 1.
    position: Signal<usize>,
    total: Memo<usize>,
    /// The one row in the tab order.
    tab_stop: Memo<Option<InquiryId>>,
    #[prop(into)] state: RowState,
) -> impl IntoView {
    let i18n = use_i18n();
    let inquiry = InquirySummary::clone(&shown.inquiry);
    let pending = shown.pending;
    let id = inquiry.id;
    let is_selected = move || state.selected.get() == Some(id);
    let is_checked = move || state.checked.with(|checked| checked.contains(&id));
    let buyer = inquiry.buyer.clone();
    let display_name = buyer.display_name().to_owned();
    let company = buyer.company.clone();
    let has_company = !company.trim().is_empty();
    let country = buyer.country;
    let received_at = inquiry.received_at;
    let product = inquiry.product_name.clone();
    let quantity = inquiry.quantity;
    let status = inquiry.status;
    let score = inquiry.score;
    let assignee = inquiry.assignee.as_ref().map(|user| user.name.clone());
    let unread = inquiry.unread;
    let tags = inquiry.tags.clone();
    let subject = inquiry.subject.clone();
    let preview = inquiry.preview.clone();
    let clock = response_clock(&inquiry, intl::now());
    let open = move |_| state.open.run(shown.clone());
    let toggle = move |event: leptos::ev::Event| {
        let on = event_target_checked(&event);
        state.checked.update(|checked| {
            if on {
                checked.insert(id);
            } else {
                checked.remove(&id);
            }
        });
    };

    view! {
        <li class="row-item" class:checked=is_checked aria-setsize=move || total.get() aria-posinset=move || position.get()>
            <input
                type="checkbox"
                class="row-check"
                data-test="row-check"
                tabindex="-1"
                aria-label=move || i18n.format(Text::InquirySelectRow, &[("name", &display_name)])
                prop:checked=is_checked
                on:change=toggle
            />
            <button
                class="row"
                class:unread=unread
                class:selected=is_selected
                type="button"
                part="row"
                data-test="inquiry-row"
                data-id=id.to_string()
                tabindex=move || if tab_stop.get() == Some(id) { "0" } else { "-1" }
                aria-current=move || if is_selected() { "true" } else { "false" }
                on:click=open
                on:focus=move |_| state.cursor.set(Some(id))
            >
                <span class="line line-top">
                    <span class="unread-dot" aria-hidden=if unread { "false" } else { "true" }>
                        <span class="visually-hidden">{move || unread.then(|| i18n.text(Text::InquiryUnread))}</span>
                    </span>
                    <span class="buyer" dir="auto">
                        {if has_company { company.clone() } else { buyer.name.clone() }}
                    </span>
                    {buyer.verified.then(|| view! {
                        <span class="verified" title=move || i18n.text(Text::InquiryVerifiedBuyer)>
                            <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
                                <path fill="currentColor" d="M8 0l2 2.2 3-.3.3 3L16 8l-2.7 3.1-.3 3-3-.3L8 16l-2-2.2-3 .3-.3-3L0 8l2.7-3.1.3-3 3 .3z" />
                            </svg>
                            <span class="visually-hidden">{move || i18n.text(Text::InquiryVerifiedBuyer)}</span>
                        </span>
                    })}
                    <span class="country" title=move || intl::country_name(i18n.language(), country)>
                        <span aria-hidden="true">{intl::flag(country)}</span>
                        " "
                        <span class="country-name">{move || intl::country_name(i18n.language(), country)}</span>
                    </span>
                    <time
                        class="received"
                        datetime=received_at.unix_timestamp().to_string()
                        title=move || i18n.format(Text::InquiryReceived, &[("time", &intl::date_time(i18n.language(), received_at))])
                    >
                        {move || intl::relative_time(i18n.language(), received_at)}
                    </time>
                </span>
                <span class="line line-product">
                    <span class="product" dir="auto">
                        {move || product.clone().unwrap_or_else(|| i18n.text(Text::InquiryAboutCompany).to_owned())}
                    </span>
                    {quantity.map(|quantity| view! {
                        <span class="quantity">
                            {move || [intl::decimal(i18n.language(), quantity.value).as_str(), " ", unit_name(quantity.unit, i18n.language())].concat()}
                        </span>
                    })}
                    {(has_company).then(|| view! { <span class="person muted" dir="auto">{buyer.name.clone()}</span> })}
                </span>
                <span class="line line-message muted" dir="auto">
                    <span class="subject">{subject}</span>
                    <span class="preview">{preview}</span>
                </span>
                <span class="line line-meta">
                    <span class=status_class(status) data-test="inquiry-status">{move || status_name(status, i18n.language())}</span>
                    {pending.then(|| view! {
                        <span class="badge pending" data-test="inquiry-pending">{move || i18n.text(Text::InquiryNotYetSaved)}</span>
                    })}
                    <span class=score_class(score) title=move || i18n.format(Text::InquiryScore, &[("score", &score.to_string())])>
                        {score}
                    </span>
                    {clock.map(|(due, overdue)| view! {
                        <span class="clock" class:overdue=overdue data-test="response-clock" title=move || intl::date_time(i18n.language(), due)>
                            {move || response_clock_text(i18n, due, overdue)}
                        </span>
                    })}
                    <span class="assignee muted">
                        {move || match &assignee {
                            Some(name) => i18n.format(Text::InquiryAssignedTo, &[("name", name)]),
                            None => i18n.text(Text::InquiryUnassigned).to_owned(),
                        }}
                    </span>
                    {tags.into_iter().map(|tag| view! { <span class="tag" dir="auto">{tag}</span> }).collect_view()}
                </span>
            </button>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use time::Duration;

    use super::*;
    use crate::data::fixtures::inquiry;

    #[test]
    fn the_clock_runs_until_the_first_reply() {
        let mut waiting = inquiry();
        let now = waiting.received_at + Duration::hours(1);
        waiting.status = InquiryStatus::New;
        waiting.first_response_at = None;
        waiting.response_due_at = Some(waiting.received_at + Duration::hours(24));
        assert_eq!(
            response_clock(&waiting, now),
            Some((waiting.received_at + Duration::hours(24), false))
        );
        assert_eq!(
            response_clock(&waiting, now + Duration::days(2)).map(|(_, overdue)| overdue),
            Some(true)
        );
        let mut answered = waiting.clone();
        answered.first_response_at = Some(now);
        assert_eq!(response_clock(&answered, now), None);
        let mut closed = waiting.clone();
        closed.status = InquiryStatus::Archived;
        assert_eq!(response_clock(&closed, now), None);
    }
}
