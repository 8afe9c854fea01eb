//! The open inquiry: the buyer, what they need, the quality score with its
//! reasons, the whole thread with a reply composer (templates, the buyer's
//! language shown, the draft kept across reloads), assignment with its history,
//! the status flow (a reason asked for lost and spam), and "Create quote".
//! Buyer text only ever becomes text nodes.

mod composer;
mod workflow;

use contract::ids::InquiryId;
use contract::inquiry::{
    Inquiry, InquiryPatch, InquiryStatus, InquirySummary, LostReason, MessageDirection,
};
use contract::language::Language;
use leptos::prelude::*;
use serde::Serialize;

use super::InboxState;
use super::row::{response_clock, response_clock_text};
use crate::customer_card::{Due, due as reminder_due, due_text};
use crate::data::Collection;
use crate::element::{CrmEvent, ElementContext};
use crate::i18n::{
    Text, assignment_rule_name, lost_reason_name, score_signal_name, status_name, unit_name,
};
use crate::intl;
use crate::ui::{ErrorNotice, SkeletonRows, use_i18n};

use composer::{Addressee, Composer};
use workflow::{Asking, ReasonForm, Workflow};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QuoteRequest {
    inquiry_id: String,
    customer_id: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CustomerOpen {
    customer_id: String,
}

#[component]
pub(super) fn InquiryDetail(
    id: InquiryId,
    state: InboxState,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = state.data;
    let id_text = Memo::new(move |_| Some(id.to_string()));
    // The whole inquiry, fetched alone (thread, requirement, score reasons,
    // assignments). What the list carries comes from the inbox's copy, which
    // has the user's pending edits and is there offline.
    let (fetched, retry) =
        data.fetched_record::<Inquiry>(Collection::Inquiries, id_text, |_, _| {});
    // Without its version and time of change, which the pane does not show:
    // the server confirming the user's own edit then re-renders nothing.
    let summary = Memo::new(move |_| {
        data.with(|data| data.inquiry(id))
            .map(|shown| InquirySummary::clone(&shown.inquiry))
            .or_else(|| {
                fetched.with(|fetched| Some(fetched.as_ref()?.value.as_ref()?.summary.clone()))
            })
            .map(|mut summary| {
                summary.version = contract::version::Version(0);
                summary.updated_at = summary.received_at;
                summary
            })
    });
    let name = Memo::new(move |_| {
        summary.with(|summary| {
            summary
                .as_ref()
                .map(|summary| summary.buyer.display_name().to_owned())
                .unwrap_or_default()
        })
    });
    // What the composer needs, which changes only with a new buyer or product.
    let addressee = Memo::new(move |_| {
        summary.with(|summary| {
            summary.as_ref().map(|summary| Addressee {
                id,
                name: summary.buyer.name.clone(),
                display_name: summary.buyer.display_name().to_owned(),
                product: summary
                    .product_name
                    .clone()
                    .unwrap_or_else(|| summary.subject.clone()),
                language: summary.language.clone(),
            })
        })
    });
    let details = move || {
        let Some(fetched) = fetched.get() else {
            return view! { <SkeletonRows count=3 /> }.into_any();
        };
        match (fetched.value, fetched.error) {
            (Some(inquiry), _) => view! { <Fetched inquiry=inquiry state=state /> }.into_any(),
            (None, Some(error)) => {
                view! { <ErrorNotice error=Signal::stored(error) on_retry=retry /> }.into_any()
            }
            (None, None) => view! { <SkeletonRows count=3 /> }.into_any(),
        }
    };
    let asking_status = RwSignal::new(None);
    let asking = Asking {
        status: asking_status,
        lost_reason: RwSignal::new(LostReason::Price),
        spam_reason: RwSignal::new(String::new()),
        apply: Callback::new(move |(to, patch): (InquiryStatus, InquiryPatch)| {
            state.change_one(id, patch);
            asking_status.set(None);
            state
                .announce
                .run(super::announce_status(i18n, &name.get_untracked(), to));
        }),
    };
    let header = move || {
        summary.get().map(|summary| {
            let extra = fetched.with(|fetched| {
                fetched
                    .as_ref()
                    .and_then(|fetched| fetched.value.as_ref())
                    .map(|inquiry| {
                        (
                            inquiry.buyer_email.clone(),
                            inquiry.buyer_city.clone(),
                            inquiry.lost_reason,
                            inquiry.spam_reason.clone(),
                        )
                    })
            });
            view! { <Header summary=summary extra=extra state=state asking=asking /> }
        })
    };

    view! {
        <article class="detail" part="detail" data-test="inquiry-detail" data-inquiry=id.to_string() aria-label=move || i18n.format(Text::DetailLabel, &[("name", &name.get())])>
            <div class="detail-bar">
                <button class="button link-button back" type="button" data-test="detail-back" on:click=move |_| on_close.run(())>
                    {move || ["← ", i18n.text(Text::DetailBack)].concat()}
                </button>
                <button class="button link-button close" type="button" data-test="detail-close" aria-label=move || i18n.text(Text::Close) on:click=move |_| on_close.run(())>
                    <span aria-hidden="true">"×"</span>
                </button>
            </div>
            {header}
            <ReasonForm asking=asking />
            {details}
            {move || addressee.get().map(|addressee| view! { <Composer addressee=addressee state=state /> })}
        </article>
    }
}

/// What the fetched inquiry adds to the header: e-mail, city, lost and spam reasons.
type HeaderExtra = (String, Option<String>, Option<LostReason>, Option<String>);

/// The buyer, the subject, where the inquiry stands, and what to do with it.
#[component]
fn Header(
    summary: InquirySummary,
    extra: Option<HeaderExtra>,
    state: InboxState,
    asking: Asking,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = summary.id;
    let buyer = summary.buyer.clone();
    let display_name = buyer.display_name().to_owned();
    let country = buyer.country;
    let has_company = !buyer.company.trim().is_empty();
    let clock = response_clock(&summary, intl::now());
    let customer_id = summary.customer_id;
    let status = summary.status;
    // Provided by every widget's root (`provide_widget_context`).
    let context = use_context::<ElementContext>();
    let quote_context = context.clone();
    let create_quote = move |_| {
        let Some(context) = &quote_context else {
            return;
        };
        context.emit(
            CrmEvent::QuoteRequest,
            &QuoteRequest {
                inquiry_id: id.to_string(),
                customer_id: customer_id.map(|id| id.to_string()),
            },
        );
    };
    let open_customer = move |_| {
        if let (Some(customer), Some(context)) = (customer_id, &context) {
            context.emit(
                CrmEvent::CustomerOpen,
                &CustomerOpen {
                    customer_id: customer.to_string(),
                },
            );
        }
    };
    let (email, city, lost_reason, spam_reason) = match extra {
        Some((email, city, lost, spam)) => (Some(email), city, lost, spam),
        None => (None, None, None, None),
    };

    view! {
        <header class="detail-header">
            <h3 class="detail-title" dir="auto" data-test="detail-buyer">{display_name.clone()}</h3>
            <p class="detail-sub muted">
                {has_company.then(|| view! { <span dir="auto">{buyer.name.clone()}</span> " · " })}
                <span aria-hidden="true">{intl::flag(country)}</span>
                " "
                <span>{move || intl::country_name(i18n.language(), country)}</span>
                {city.map(|city| view! { " · " <span dir="auto">{city}</span> })}
                {email.map(|email| view! { " · " <span dir="auto" class="email">{email}</span> })}
            </p>
            <p class="detail-subject" dir="auto">{summary.subject.clone()}</p>
            <div class="detail-meta">
                <span class=super::row::status_class(status) data-test="detail-status">{move || status_name(status, i18n.language())}</span>
                {clock.map(|(due, overdue)| view! {
                    <span class="clock" class:overdue=overdue>{move || response_clock_text(i18n, due, overdue)}</span>
                })}
                {(status == InquiryStatus::Lost).then_some(lost_reason).flatten().map(|reason| view! {
                    <span class="muted">{move || i18n.format(Text::DetailLostReason, &[("reason", lost_reason_name(reason, i18n.language()))])}</span>
                })}
                {(status == InquiryStatus::Spam).then_some(spam_reason).flatten().map(|reason| view! {
                    <span class="muted" dir="auto">{move || i18n.format(Text::DetailSpamReason, &[("reason", &reason)])}</span>
                })}
            </div>
            {customer_id.map(|customer| view! { <DueReminders customer=customer state=state /> })}
            <div class="detail-actions">
                <button class="button primary" type="button" data-test="create-quote" on:click=create_quote>
                    {move || i18n.text(Text::CreateQuote)}
                </button>
                {customer_id.map(|_| view! {
                    <button class="button" type="button" data-test="open-customer" on:click=open_customer>
                        {move || i18n.text(Text::DetailCustomerCard)}
                    </button>
                })}
            </div>
        </header>
        <Workflow id=id status=status assignee=summary.assignee.as_ref().map(|user| user.id) unread=summary.unread state=state asking=asking />
    }
}

/// The user's reminders on the buyer that are due today or overdue, so a
/// follow-up is not missed while answering.
#[component]
fn DueReminders(customer: contract::ids::CustomerId, state: InboxState) -> impl IntoView {
    let i18n = use_i18n();
    let today = intl::today();
    let due = Memo::new(move |_| {
        state.data.with(|data| {
            data.reminders_of(customer)
                .into_iter()
                .filter_map(|shown| {
                    let state = reminder_due(&shown.reminder, today);
                    matches!(state, Due::Overdue | Due::Today)
                        .then(|| (shown.reminder.title, shown.reminder.due_on, state))
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || !due.with(Vec::is_empty)>
            <ul class="detail-reminders" data-test="detail-reminders">
                {move || due.get().into_iter().map(|(title, due_on, state)| view! {
                    <li class:overdue=state == Due::Overdue data-test="detail-reminder">
                        <span aria-hidden="true">"⏰ "</span>
                        <span dir="auto">{title}</span>
                        " · "
                        <span class="reminder-when">{due_text(i18n, state, due_on)}</span>
                    </li>
                }).collect_view()}
            </ul>
        </Show>
    }
}

/// What only the whole inquiry has: requirement, score reasons, thread, assignments.
#[component]
fn Fetched(inquiry: Inquiry, state: InboxState) -> impl IntoView {
    let i18n = use_i18n();
    let score = inquiry.summary.score;
    let reasons = inquiry.score_reasons.clone();
    view! {
        <Requirement inquiry=inquiry.clone() />
        <section class="detail-section">
            <h4 class="section-title">{move || i18n.format(Text::DetailScore, &[("score", &score.to_string())])}</h4>
            <ul class="reasons" data-test="score-reasons">
                {reasons.into_iter().map(|reason| {
                    let points = if reason.points > 0 { format!("+{}", reason.points) } else { reason.points.to_string() };
                    let positive = reason.points > 0;
                    // The server explains in English: a tooltip for English readers only.
                    let detail = reason.detail.clone();
                    let tooltip = move || (i18n.language() == Language::English).then(|| detail.clone());
                    view! {
                        <li title=tooltip>
                            <span class="points" class:positive=positive>{points}</span>
                            " "
                            <span>{move || score_signal_name(reason.signal, i18n.language())}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <Thread inquiry=inquiry.clone() state=state />
        <section class="detail-section">
            <h4 class="section-title">{move || i18n.text(Text::DetailAssignments)}</h4>
            <ol class="assignments" data-test="assignments">
                {inquiry.assignments.iter().rev().map(|assignment| {
                    let who = assignment.assignee.as_ref().map(|user| user.name.clone());
                    let rule = assignment.rule;
                    let at = assignment.at;
                    let by = assignment.by.as_ref().map(|user| user.name.clone());
                    let explanation = assignment.explanation.clone();
                    let tooltip = move || (i18n.language() == Language::English).then(|| explanation.clone());
                    view! {
                        <li title=tooltip>
                            <span>{move || who.clone().unwrap_or_else(|| i18n.text(Text::InquiryUnassigned).to_owned())}</span>
                            " · "
                            <span class="muted">{move || assignment_rule_name(rule, i18n.language())}</span>
                            {by.map(|by| view! { " · " <span class="muted">{by}</span> })}
                            " · "
                            <time class="muted" datetime=at.unix_timestamp().to_string()>{move || intl::date_time(i18n.language(), at)}</time>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// What the buyer needs, as far as they said.
#[component]
fn Requirement(inquiry: Inquiry) -> impl IntoView {
    let i18n = use_i18n();
    let requirement = inquiry.requirement;
    let quantity = requirement.quantity;
    let target = requirement.target_price;
    let incoterm = requirement.incoterm;
    let destination = requirement.destination.clone();
    let needed_by = requirement.needed_by;
    let yes_no = move |value: bool| {
        i18n.text(if value {
            Text::DetailYes
        } else {
            Text::DetailNo
        })
    };
    let not_stated = move || i18n.text(Text::DetailNotStated).to_owned();
    view! {
        <section class="detail-section">
            <h4 class="section-title">{move || i18n.text(Text::DetailRequirement)}</h4>
            <dl class="requirement" data-test="requirement">
                <dt>{move || i18n.text(Text::DetailQuantity)}</dt>
                <dd>{move || quantity.map_or_else(not_stated, |quantity| [intl::decimal(i18n.language(), quantity.value).as_str(), " ", unit_name(quantity.unit, i18n.language())].concat())}</dd>
                <dt>{move || i18n.text(Text::DetailTargetPrice)}</dt>
                <dd>{move || target.map_or_else(not_stated, |price| intl::money(i18n.language(), price.currency.code(), price.amount, price.currency.minor_units()))}</dd>
                <dt>{move || i18n.text(Text::DetailIncoterm)}</dt>
                <dd>{move || incoterm.map_or_else(not_stated, |incoterm| incoterm.code().to_owned())}</dd>
                <dt>{move || i18n.text(Text::DetailDestination)}</dt>
                <dd dir="auto">{move || destination.as_ref().map_or_else(not_stated, |destination| {
                    let country = intl::country_name(i18n.language(), destination.country);
                    match &destination.place {
                        Some(place) => [place.as_str(), ", ", &country].concat(),
                        None => country,
                    }
                })}</dd>
                <dt>{move || i18n.text(Text::DetailNeededBy)}</dt>
                <dd>{move || needed_by.map_or_else(not_stated, |day| intl::date(i18n.language(), day))}</dd>
                <dt>{move || i18n.text(Text::DetailSample)}</dt>
                <dd>{move || yes_no(requirement.sample_wanted)}</dd>
                <dt>{move || i18n.text(Text::DetailOem)}</dt>
                <dd>{move || yes_no(requirement.oem)}</dd>
            </dl>
        </section>
    }
}

/// The messages, oldest first, then the user's replies still on their way.
#[component]
fn Thread(inquiry: Inquiry, state: InboxState) -> impl IntoView {
    let i18n = use_i18n();
    let id = inquiry.summary.id;
    let buyer_name = inquiry.summary.buyer.name.clone();
    let pending = Memo::new(move |_| state.data.with(|data| data.pending_replies(id)));
    view! {
        <section class="detail-section">
            <h4 class="section-title">{move || i18n.text(Text::DetailThread)}</h4>
            <ol class="thread" data-test="thread">
                {inquiry.messages.into_iter().map(|message| {
                    let from_buyer = message.direction == MessageDirection::FromBuyer;
                    let author = match &message.author {
                        Some(author) => author.name.clone(),
                        None => buyer_name.clone(),
                    };
                    let sent_at = message.sent_at;
                    view! {
                        <li class="message" class:from-buyer=from_buyer class:to-buyer=!from_buyer data-test="message">
                            <div class="message-head">
                                <span class="author" dir="auto">{author}</span>
                                <time class="muted" datetime=sent_at.unix_timestamp().to_string() title=move || intl::date_time(i18n.language(), sent_at)>
                                    {move || intl::relative_time(i18n.language(), sent_at)}
                                </time>
                            </div>
                            <p class="message-body" dir="auto">{message.body}</p>
                        </li>
                    }
                }).collect_view()}
                <For each=move || pending.get() key=|(seq, ..)| *seq let:reply>
                    <li class="message to-buyer pending" data-test="pending-reply">
                        <div class="message-head">
                            <span class="badge pending">{move || i18n.text(if reply.2 { Text::DetailNotSent } else { Text::DetailSending })}</span>
                        </div>
                        <p class="message-body" dir="auto">{reply.1.clone()}</p>
                    </li>
                </For>
            </ol>
        </section>
    }
}
