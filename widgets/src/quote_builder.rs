//! `<crm-quote-builder>`: a quotation for international trade, from an inquiry,
//! a customer or an existing quote.
//!
//! | Attribute     | Meaning |
//! |---------------|---------|
//! | `quote-id`    | Open this quote revision (a draft to edit, else read-only with its next steps). |
//! | `inquiry-id`  | Start a quote from this inquiry (its buyer, product and quantity), or open the quote that answers it. |
//! | `customer-id` | Start a quote for this customer. |
//! | `currency`    | The currency of a new quote (ISO 4217, default `USD`). |
//! | `for`         | The id of a `<crm-inquiry-inbox>` on the page: its "Create quote" opens the inquiry here (sets `inquiry-id`). |
//! | `lang`, `api-base` | Common to all elements (see `element.rs`). |
//!
//! | Property | Meaning |
//! |----------|---------|
//! | `draft`  | Pre-fill from the host: `{ currency?, incoterm?, namedPlace?, lines?: [{ name, quantity, unit, unitPrice? }] }`, decimals as strings (`"11.80"`). |
//!
//! Events: `crm-quote-change` (`detail: { quoteId, status, currency, incoterm,
//! namedPlace, lines, total }`, decimals as strings, `total` `null` while a
//! figure is invalid) whenever the quote changes; `crm-quote-sent`
//! (`detail: { quoteId, number, revision, inquiryId, currency, total }`) once
//! the server has the revision as sent.
//!
//! Drafts are kept in the browser as typed (nothing is lost on reload) and
//! saved through the outbox as soon as they are valid (offline too).
//!
//! Parts: `base` (the frame), `lines` (the line table), `totals` (the totals panel).

mod actions;
mod autosave;
mod builder;
mod catalog;
mod draft;
mod form;
mod kept;
mod lines;
mod opening;
mod print;
mod revisions;
mod terms;
mod totals;

use contract::customer::{Customer, CustomerSummary};
use contract::ids::{CustomerId, InquiryId, QuoteId};
use contract::inquiry::InquirySummary;
use contract::language::Language;
use contract::money::Currency;
use contract::quote::Quote;
use leptos::prelude::*;

use crate::data::{Collection, DataView, Fetched};
use crate::element::{CrmEvent, ElementContext, ElementDefinition};
use crate::i18n::{I18n, Text};
use crate::intl;
use crate::ui::sync_status::Decisions;
use crate::ui::{InvalidAttribute, Notice, SkeletonRows, provide_widget_context};

use self::builder::{Builder, new_quote_id};
use self::form::Form;
use self::opening::Target;

pub(crate) use self::autosave::save_now;
pub(crate) use self::form::{NOT_A_NUMBER, NOT_WHOLE};

pub(crate) static DEFINITION: ElementDefinition = ElementDefinition {
    tag: "crm-quote-builder",
    attributes: &["quote-id", "inquiry-id", "customer-id", "currency", "for"],
    properties: &["draft"],
    styles: concat!(
        include_str!("quote_builder/style.css"),
        include_str!("quote_builder/print.css")
    ),
    render,
};

fn render(context: ElementContext) -> AnyView {
    let i18n = provide_widget_context(&context);
    view! { <QuoteBuilder context=context i18n=i18n /> }.into_any()
}

/// An id attribute: absent or blank is `None`; a bad one is explained.
fn parse_id<T: std::str::FromStr>(attribute: Option<String>) -> Result<Option<T>, (String, String)>
where
    T::Err: std::fmt::Display,
{
    match attribute.filter(|value| !value.trim().is_empty()) {
        None => Ok(None),
        Some(value) => value
            .trim()
            .parse::<T>()
            .map(Some)
            .map_err(|error| (value, error.to_string())),
    }
}

fn parse_currency(attribute: Option<String>) -> Result<Currency, (String, String)> {
    Ok(parse_id::<Currency>(attribute)?.unwrap_or(Currency::USD))
}

#[component]
fn QuoteBuilder(context: ElementContext, i18n: I18n) -> impl IntoView {
    let quote_attribute = context.attribute("quote-id");
    let inquiry_attribute = context.attribute("inquiry-id");
    let customer_attribute = context.attribute("customer-id");
    let currency_attribute = context.attribute("currency");
    let draft_property = context.property("draft");
    let for_attribute = context.attribute("for");
    // `for="inbox"`: "Create quote" in that inbox opens its inquiry here, as if
    // the host had set `inquiry-id` (which it reflects, for the host to see).
    let follow_context = context.clone();
    let peer_found = context.peer_events(for_attribute, CrmEvent::QuoteRequest, move |detail| {
        let inquiry = js_sys::Reflect::get(&detail, &wasm_bindgen::JsValue::from_str("inquiryId"))
            .ok()
            .and_then(|id| id.as_string());
        if let Some(inquiry) = inquiry {
            follow_context.reflect_attribute("quote-id", None);
            follow_context.reflect_attribute("customer-id", None);
            follow_context.reflect_attribute("inquiry-id", Some(&inquiry));
        }
    });
    let quote_id = Memo::new(move |_| parse_id::<QuoteId>(quote_attribute.get()));
    let inquiry_id = Memo::new(move |_| parse_id::<InquiryId>(inquiry_attribute.get()));
    let customer_id = Memo::new(move |_| parse_id::<CustomerId>(customer_attribute.get()));
    let currency_choice = Memo::new(move |_| parse_currency(currency_attribute.get()));
    let target = Memo::new(move |_| Target {
        quote: quote_id.get().ok().flatten(),
        inquiry: inquiry_id.get().ok().flatten(),
        customer: customer_id.get().ok().flatten(),
    });

    let data = DataView::of(&context);
    let form = RwSignal::new(None::<Form>);
    // The revision on show: asked for, found for the inquiry, or new.
    let opened = RwSignal::new(None::<QuoteId>);
    let draft_error = RwSignal::new(None::<String>);

    // The inquiry, as the inbox has it, else fetched alone.
    let inquiry_key = Memo::new(move |_| target.get().inquiry.map(|id| id.to_string()));
    let (fetched_inquiry, _) = data.fetched_record(
        Collection::Inquiries,
        inquiry_key,
        move |layer, fetched: &mut Fetched<InquirySummary>| {
            if let Some(id) = target.get_untracked().inquiry
                && let Some(shown) = layer.inquiry(id)
            {
                fetched.value = Some(InquirySummary::clone(&shown.inquiry));
            }
        },
    );
    let inquiry =
        Memo::new(move |_| fetched_inquiry.with(|fetched| fetched.as_ref()?.value.clone()));

    // The revision as the server has it, once the server has been asked to create it.
    let server_key = Memo::new(move |_| {
        let id = opened.get()?;
        let created = form.with(|form| {
            form.as_ref()
                .is_none_or(|form| form.id != id || form.created)
        });
        created.then(|| id.to_string())
    });
    let (fetched_quote, retry_quote) = data.fetched_record(
        Collection::Quotes,
        server_key,
        |_, _: &mut Fetched<Quote>| {},
    );
    let quote = Memo::new(move |_| {
        let id = opened.get()?;
        fetched_quote
            .with(|fetched| fetched.as_ref()?.value.clone())
            .filter(|quote: &Quote| quote.id == id)
    });
    let quote_error =
        Memo::new(move |_| fetched_quote.with(|fetched| fetched.as_ref()?.error.clone()));

    let edited = RwSignal::new(false);
    let show_all = RwSignal::new(false);
    let parsed =
        Memo::new(move |_| form.with(|form| form.as_ref().map(|form| form.parse(intl::today()))));
    let buyer = Memo::new(move |_| {
        if let Some(inquiry) = inquiry.get() {
            return Some((buyer_name(&inquiry), Some(inquiry.buyer.country)));
        }
        let customer = form.with(|form| form.as_ref()?.customer_id)?;
        data.with(|layer| layer.record::<CustomerSummary>(customer))
            .map(|customer| (customer.name.clone(), Some(customer.country)))
    });
    // The buyer's contacts, from the customer's profile (cached, then fetched).
    let customer_key = Memo::new(move |_| {
        form.with(|form| form.as_ref()?.customer_id)
            .map(|id| id.to_string())
    });
    let (fetched_customer, _) = data.fetched_record(
        Collection::Customers,
        customer_key,
        |_, _: &mut Fetched<Customer>| {},
    );
    let contacts = Memo::new(move |_| {
        fetched_customer
            .with(|fetched| {
                let customer = fetched.as_ref()?.value.as_ref()?;
                Some(
                    customer
                        .contacts
                        .iter()
                        .map(|contact| (contact.id, contact.name.clone()))
                        .collect::<Vec<_>>(),
                )
            })
            .unwrap_or_default()
    });
    let builder = Builder {
        form,
        parsed,
        edited,
        show_all,
        quote,
        data,
        i18n,
        buyer,
        buyer_language: Memo::new(move |_| {
            inquiry.with(|inquiry| {
                inquiry.as_ref().map(|inquiry| {
                    inquiry
                        .language
                        .as_deref()
                        .and_then(Language::from_tag)
                        .unwrap_or(Language::English)
                })
            })
        }),
        contacts,
        opened,
        preview: RwSignal::new(false),
    };

    opening::follow(builder, target, inquiry, currency_choice, draft_property);

    // The host's `draft` property fills the form; a bad one is explained and
    // changes nothing the user typed.
    Effect::new(move |_| {
        let Some(value) = draft_property.get() else {
            return;
        };
        match draft::DraftInput::from_js(&value) {
            Ok(input) => {
                if form.with_untracked(Option::is_none) {
                    let currency = currency_choice.get_untracked().unwrap_or(Currency::USD);
                    builder.start(Form::new(new_quote_id(), currency, intl::today()));
                }
                form.update(|form| {
                    if let Some(form) = form {
                        input.apply_to(form);
                    }
                });
                draft_error.set(None);
            }
            Err(reason) => draft_error.set(Some(reason)),
        }
    });

    // Everything typed is kept in the browser at once; a valid draft is saved
    // through the outbox a moment after the user stops typing.
    autosave::autosave(builder);

    let change_context = context.clone();
    Effect::new(move |previous: Option<()>| {
        let detail = form.with(|form| {
            form.as_ref().map(|form| {
                draft::change_detail(form, builder.status(), parsed.get_untracked().as_ref())
            })
        });
        if previous.is_some()
            && let Some(detail) = detail
        {
            change_context.emit(CrmEvent::QuoteChange, &detail);
        }
    });
    let sent_context = context.clone();
    actions::announce_sent(builder, sent_context);

    // The editor stays while a form is open: only whether there is one is read here.
    let has_form = Memo::new(move |_| form.with(Option::is_some));
    let waiting = Memo::new(move |_| {
        opened.with(Option::is_some) || target.with(|target| target.inquiry.is_some())
    });
    let body = move || {
        for (name, problem) in [
            ("quote-id", quote_id.get().err()),
            ("inquiry-id", inquiry_id.get().err()),
            ("customer-id", customer_id.get().err()),
            ("currency", currency_choice.get().err()),
        ] {
            if let Some((value, reason)) = problem {
                return view! { <InvalidAttribute name=name value=value reason=reason /> }
                    .into_any();
            }
        }
        if peer_found.get().is_err() {
            return view! {
                <InvalidAttribute name="for" value=for_attribute.get().unwrap_or_default()
                    reason=i18n.text(Text::CustomerNoPeer).to_owned() />
            }
            .into_any();
        }
        if has_form.get() {
            return view! { <Editor builder=builder /> }.into_any();
        }
        if let Some(error) = quote_error.get() {
            return view! { <crate::ui::ErrorNotice error=Signal::stored(error) on_retry=retry_quote /> }.into_any();
        }
        if waiting.get() {
            return view! { <SkeletonRows count=3 /> }.into_any();
        }
        view! {
            <Notice
                title=Signal::derive(move || i18n.text(Text::QuoteEmptyTitle).to_owned())
                detail=Signal::derive(move || i18n.text(Text::QuoteEmptyDetail).to_owned())
            />
        }
        .into_any()
    };

    view! {
        <section class="widget quote" part="base" lang=move || i18n.language().tag()>
            <header class="header">
                <h2 class="title" data-test="quote-title">{move || title(builder)}</h2>
                {move || buyer.get().map(|(name, country)| view! {
                    <span class="buyer-line" data-test="quote-buyer">
                        <span class="muted">{move || i18n.text(Text::QuoteBuyer)}</span>
                        " "
                        <span dir="auto">{name}</span>
                        " "
                        <span aria-hidden="true">{country.map(intl::flag)}</span>
                    </span>
                })}
            </header>
            {move || draft_error.get().map(|reason| view! { <InvalidAttribute name="draft" value=String::new() reason=reason /> })}
            <Decisions data=data quote=Signal::derive(move || opened.get()) />
            {body}
        </section>
    }
}

/// "Quote Q-2026-0131 · rev. 2 · Sent", or "New quote".
fn title(builder: Builder) -> String {
    let i18n = builder.i18n;
    builder.quote.with(|quote| match quote {
        Some(quote) => i18n.format(
            Text::QuoteTitle,
            &[
                ("number", &quote.number),
                ("revision", &quote.revision.to_string()),
                (
                    "status",
                    crate::i18n::quote_status_name(quote.status, i18n.language()),
                ),
            ],
        ),
        None => i18n.text(Text::QuoteNewTitle).to_owned(),
    })
}

fn buyer_name(inquiry: &InquirySummary) -> String {
    if inquiry.buyer.company.trim().is_empty() {
        inquiry.buyer.name.clone()
    } else {
        inquiry.buyer.company.clone()
    }
}

/// The terms, the lines, the totals and the actions.
#[component]
fn Editor(builder: Builder) -> impl IntoView {
    view! {
        <fieldset class="quote-form" disabled=move || builder.read_only()>
            <terms::Terms builder=builder />
            <catalog::Catalog builder=builder />
            <lines::LineTable builder=builder />
        </fieldset>
        <div class="quote-foot">
            <terms::Charges builder=builder />
            <totals::Totals builder=builder />
        </div>
        <actions::Actions builder=builder />
        <revisions::Revisions builder=builder />
        <print::PrintPreview builder=builder />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_parse_or_explain() {
        assert_eq!(parse_id::<InquiryId>(None), Ok(None));
        assert!(parse_id::<InquiryId>(Some("x".into())).is_err());
        assert_eq!(parse_currency(None), Ok(Currency::USD));
        assert_eq!(parse_currency(Some("jpy".into())), Ok(Currency::JPY));
        assert!(parse_currency(Some("dollars".into())).is_err());
    }
}
