//! The quote's next steps, as its status allows: send a draft, mark a sent
//! revision accepted or rejected, revise it, preview and print; and where the
//! saving stands. Sending, accepting and rejecting go through the outbox
//! (offline too); revising asks the server at once, since the new revision is
//! the server's to number.

use contract::operation::{Operation, ReviseQuote};
use contract::quote::{Quote, QuoteStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Serialize;

use super::{Builder, kept, save_now};
use crate::data::{Connection, QuoteStep};
use crate::element::{CrmEvent, ElementContext};
use crate::i18n::Text;
use crate::ui::describe_error;

/// Where the saving of the revision stands, for the status line.
fn saving_text(builder: Builder) -> Option<(Text, &'static str)> {
    let id = builder.opened.get()?;
    if builder.read_only() {
        return None;
    }
    let outbox = builder.data.with(|layer| layer.quote_outbox(id));
    let offline = builder.data.status().connection == Connection::Offline;
    let valid = builder
        .parsed
        .with(|parsed| parsed.as_ref().is_some_and(|parsed| parsed.draft.is_some()));
    let created = builder
        .form
        .with(|form| form.as_ref().is_some_and(|form| form.created));
    Some(if outbox.held {
        (Text::QuoteSaveHeld, "held")
    } else if builder.edited.get() && !valid {
        (Text::QuoteSavedLocally, "local")
    } else if outbox.waiting > 0 && offline {
        (Text::QuoteSavedOffline, "offline")
    } else if outbox.waiting > 0 {
        (Text::QuoteSaving, "saving")
    } else if created {
        (Text::QuoteSaved, "saved")
    } else {
        (Text::QuoteNotSaved, "new")
    })
}

/// Puts the focus on the first field with a problem.
fn focus_first_problem(event: &leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let Some(target) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(Some(root)) = target.closest(".quote") else {
        return;
    };
    request_animation_frame(move || {
        if let Ok(Some(field)) = root.query_selector("[aria-invalid='true']")
            && let Ok(field) = field.dyn_into::<web_sys::HtmlElement>()
            && field.focus().is_err()
        {
            web_sys::console::warn_1(&"[crm-widgets] cannot focus the field".into());
        }
    });
}

#[component]
pub(super) fn Actions(builder: Builder) -> impl IntoView {
    let i18n = builder.i18n;
    let revising = RwSignal::new(false);
    let revise_error = RwSignal::new(None::<String>);
    let about = move || {
        builder
            .buyer
            .with_untracked(|buyer| buyer.as_ref().map(|(name, _)| name.clone()))
            .unwrap_or_default()
    };
    let version = move || {
        builder
            .quote
            .with_untracked(|quote| quote.as_ref().map(|quote| quote.version))
    };
    let step = move |step: QuoteStep| {
        if let Some(id) = builder.opened.get_untracked() {
            builder
                .data
                .layer_untracked()
                .move_quote(id, step, version(), about());
        }
    };
    let send = move |event: leptos::ev::MouseEvent| {
        builder.show_all.set(true);
        if !save_now(builder) {
            focus_first_problem(&event);
            return;
        }
        step(QuoteStep::Send);
    };
    let latest = Memo::new(move |_| {
        let Some((number, revision)) = builder.quote.with(|quote| {
            quote
                .as_ref()
                .map(|quote| (quote.number.clone(), quote.revision))
        }) else {
            return true;
        };
        builder.data.with(|layer| {
            layer
                .revisions_of(&number)
                .iter()
                .all(|other| other.revision <= revision)
        })
    });
    let revise = move |_| {
        let Some(quote) = builder.quote.get_untracked() else {
            return;
        };
        let api = builder.data.layer_untracked().api();
        revising.set(true);
        revise_error.set(None);
        spawn_local(async move {
            let segments = ReviseQuote::segments(&[&quote.id.to_string()]).unwrap_or_default();
            let answer = api
                .send_change(
                    ReviseQuote::METHOD.as_str(),
                    &segments,
                    None,
                    &crate::data::random_key(),
                    Some(quote.version.0),
                )
                .await;
            revising.try_set(false);
            let revised = match answer {
                Ok(Some(answer)) if (200..300).contains(&answer.status) => answer
                    .body
                    .and_then(|body| serde_wasm_bindgen::from_value::<Quote>(body).ok()),
                Ok(Some(answer)) => {
                    let detail = answer
                        .problem
                        .map(|problem| problem.title)
                        .unwrap_or_default();
                    revise_error.try_set(Some(detail));
                    return;
                }
                Ok(None) => {
                    revise_error.try_set(Some(i18n.text(Text::QuoteReviseOffline).to_owned()));
                    return;
                }
                Err(error) => {
                    revise_error.try_set(Some(describe_error(i18n, &error).0));
                    return;
                }
            };
            if let Some(revised) = revised {
                builder.open_revision(revised.id);
            }
        });
    };
    let status = move || builder.status();
    let pending_step = move || {
        builder
            .opened
            .get()
            .and_then(|id| builder.data.with(|layer| layer.quote_outbox(id)).step)
    };
    let revision = move || {
        builder
            .quote
            .with(|quote| quote.as_ref().map(|quote| quote.revision))
            .unwrap_or(1)
            .to_string()
    };
    view! {
        <div class="quote-actions" data-test="quote-actions">
            <p class="save-state muted" role="status" data-test="quote-save-state"
                data-state=move || saving_text(builder).map(|(_, state)| state)>
                {move || saving_text(builder).map(|(text, _)| i18n.text(text))}
                {move || pending_step().map(|step| {
                    let text = match step {
                        QuoteStep::Send => Text::QuoteSending,
                        QuoteStep::Accept | QuoteStep::Reject => Text::QuoteRecording,
                    };
                    [" · ", i18n.text(text)].concat()
                })}
            </p>
            <div class="buttons">
                <button class="button" type="button" data-test="quote-preview"
                    aria-pressed=move || if builder.preview.get() { "true" } else { "false" }
                    on:click=move |_| builder.preview.update(|open| *open = !*open)>
                    {move || i18n.text(Text::QuotePreview)}
                </button>
                <Show when=move || status() == QuoteStatus::Draft && pending_step().is_none()>
                    <button class="button primary" type="button" data-test="quote-send" on:click=send>
                        {move || i18n.format(Text::QuoteSend, &[("revision", &revision())])}
                    </button>
                </Show>
                <Show when=move || status() == QuoteStatus::Sent && pending_step().is_none()>
                    <button class="button" type="button" data-test="quote-accept" on:click=move |_| step(QuoteStep::Accept)>
                        {move || i18n.text(Text::QuoteMarkAccepted)}
                    </button>
                    <button class="button" type="button" data-test="quote-reject" on:click=move |_| step(QuoteStep::Reject)>
                        {move || i18n.text(Text::QuoteMarkRejected)}
                    </button>
                </Show>
                <Show when=move || matches!(status(), QuoteStatus::Sent | QuoteStatus::Rejected | QuoteStatus::Expired) && latest.get()>
                    <button class="button primary" type="button" data-test="quote-revise"
                        disabled=move || revising.get() on:click=revise>
                        {move || i18n.text(Text::QuoteRevise)}
                    </button>
                </Show>
            </div>
            {move || revise_error.get().map(|message| view! {
                <p class="field-error" role="alert" data-test="quote-revise-error">{message}</p>
            })}
        </div>
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SentDetail {
    quote_id: String,
    number: String,
    revision: u32,
    inquiry_id: Option<String>,
    currency: &'static str,
    total: String,
}

/// Sends `crm-quote-sent` when the server has the revision on show as sent
/// (once per revision seen as a draft first), and forgets the form kept for it.
pub(super) fn announce_sent(builder: Builder, context: ElementContext) {
    let seen_draft = StoredValue::new(None::<contract::ids::QuoteId>);
    Effect::new(move |_| {
        let Some(quote) = builder.quote.get() else {
            return;
        };
        match quote.status {
            QuoteStatus::Draft => seen_draft.set_value(Some(quote.id)),
            QuoteStatus::Sent if seen_draft.get_value() == Some(quote.id) => {
                seen_draft.set_value(None);
                kept::forget(quote.id, quote.inquiry_id);
                context.emit(
                    CrmEvent::QuoteSent,
                    &SentDetail {
                        quote_id: quote.id.to_string(),
                        number: quote.number.clone(),
                        revision: quote.revision,
                        inquiry_id: quote.inquiry_id.map(|id| id.to_string()),
                        currency: quote.terms.currency.code(),
                        total: quote.totals.total.to_string(),
                    },
                );
            }
            _ => {}
        }
    });
}
