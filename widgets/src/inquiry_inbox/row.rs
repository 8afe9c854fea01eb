//! One inquiry in the inbox list. Buyer text is untrusted: it only ever becomes
//! text nodes and attribute values, never markup.

use contract::inquiry::{InquiryStatus, InquirySummary};
use leptos::prelude::*;

use crate::i18n::{Text, status_name, unit_name};
use crate::intl;
use crate::ui::use_i18n;

/// The CSS class that colours a status badge.
fn status_class(status: InquiryStatus) -> &'static str {
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

/// The CSS class of a quality score badge: high, medium or low.
fn score_class(score: u8) -> &'static str {
    match score {
        70.. => "badge score score-high",
        40..70 => "badge score score-medium",
        _ => "badge score score-low",
    }
}

#[component]
pub(super) fn InquiryRow(
    inquiry: InquirySummary,
    /// The user's edits of it are not yet acknowledged by the server.
    pending: bool,
    selected: Signal<Option<String>>,
    on_select: Callback<InquirySummary>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = inquiry.id.to_string();
    let is_selected = {
        let id = id.clone();
        move || selected.with(|selected| selected.as_deref() == Some(id.as_str()))
    };
    let buyer = inquiry.buyer.clone();
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
    let select = {
        let inquiry = inquiry.clone();
        move |_| on_select.run(inquiry.clone())
    };

    view! {
        <li class="row-item">
            <button
                class="row"
                class:unread=unread
                class:selected=is_selected.clone()
                type="button"
                part="row"
                data-test="inquiry-row"
                data-id=id
                aria-current=move || if is_selected() { "true" } else { "false" }
                on:click=select
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
