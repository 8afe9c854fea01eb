//! `<crm-quote-builder>`: a quotation started from an inquiry.
//!
//! | Attribute    | Meaning |
//! |--------------|---------|
//! | `inquiry-id` | Start a quote from this inquiry: its buyer, product and quantity. |
//! | `currency`   | The currency to quote in (ISO 4217, default `USD`). |
//! | `lang`, `api-base` | Common to all elements (see `element.rs`). |
//!
//! | Property | Meaning |
//! |----------|---------|
//! | `draft`  | Pre-fill from the host: `{ currency?, incoterm?, namedPlace?, lines?: [{ name, quantity, unit, unitPrice? }] }`, decimals as strings (`"11.80"`). |
//!
//! Events: `crm-quote-change` (`detail: { currency, incoterm, namedPlace, lines, total }`,
//! decimals as strings, `total` `null` while a price is invalid) whenever the
//! draft changes: the user's edits, a loaded inquiry, a new `draft` property.
//!
//! Parts: `base` (the frame), `lines` (the line table).

mod draft;
mod lines;

use contract::ids::InquiryId;
use contract::incoterm::Incoterm;
use contract::inquiry::InquirySummary;
use contract::money::Currency;
use leptos::prelude::*;

use crate::data::{Collection, DataView, Fetched};
use crate::element::{ElementContext, ElementDefinition};
use crate::i18n::{I18n, Text};
use crate::intl;
use crate::ui::{ErrorNotice, InvalidAttribute, Notice, SkeletonRows, provide_widget_context};

use draft::{Draft, DraftLine};
use lines::LineTable;

pub(crate) static DEFINITION: ElementDefinition = ElementDefinition {
    tag: "crm-quote-builder",
    attributes: &["inquiry-id", "currency"],
    properties: &["draft"],
    styles: include_str!("quote_builder/style.css"),
    render,
};

fn render(context: ElementContext) -> AnyView {
    let i18n = provide_widget_context(&context);
    view! { <QuoteBuilder context=context i18n=i18n /> }.into_any()
}

fn parse_inquiry_id(attribute: Option<String>) -> Result<Option<InquiryId>, (String, String)> {
    match attribute.filter(|value| !value.trim().is_empty()) {
        None => Ok(None),
        Some(value) => value
            .trim()
            .parse::<InquiryId>()
            .map(Some)
            .map_err(|error| (value, error.to_string())),
    }
}

fn parse_currency(attribute: Option<String>) -> Result<Currency, (String, String)> {
    match attribute.filter(|value| !value.trim().is_empty()) {
        None => Ok(Currency::USD),
        Some(value) => value
            .trim()
            .parse::<Currency>()
            .map_err(|error| (value, error.to_string())),
    }
}

#[component]
fn QuoteBuilder(context: ElementContext, i18n: I18n) -> impl IntoView {
    let inquiry_attribute = context.attribute("inquiry-id");
    let currency_attribute = context.attribute("currency");
    let draft_property = context.property("draft");
    let inquiry_id = Memo::new(move |_| parse_inquiry_id(inquiry_attribute.get()));
    let currency_choice = Memo::new(move |_| parse_currency(currency_attribute.get()));

    let draft = RwSignal::new(Draft::default());
    let draft_error = RwSignal::new(None::<String>);
    let view_of_data = DataView::of(&context);
    // The inquiry as the inbox has it, else fetched alone.
    let id = Memo::new(move |_| inquiry_id.get().ok().flatten().map(|id| id.to_string()));
    let (fetched, retry) = view_of_data.fetched_record(
        Collection::Inquiries,
        id,
        move |data, fetched: &mut Fetched<InquirySummary>| {
            if let Some(id) = inquiry_id.get_untracked().ok().flatten()
                && let Some(shown) = data.inquiry(id)
            {
                fetched.value = Some(InquirySummary::clone(&shown.inquiry));
            }
        },
    );
    let inquiry = Memo::new(move |_| fetched.with(|fetched| fetched.as_ref()?.value.clone()));
    let inquiry_error = Memo::new(move |_| fetched.with(|fetched| fetched.as_ref()?.error.clone()));
    // Another inquiry (or none) means another quote: nothing of the previous
    // draft may stay on screen, least of all after the host switched users.
    // The inquiry seeds the draft with its product and quantity once; later
    // changes of the inquiry (read, assigned) leave the user's lines alone.
    // One effect for both, so that the clearing can never run after the seeding.
    let seeded = StoredValue::new((None::<InquiryId>, false));
    Effect::new(move |_| {
        let wanted = inquiry_id.get().ok().flatten();
        let inquiry = inquiry.get();
        if seeded.get_value().0 != wanted {
            seeded.set_value((wanted, false));
            draft.update(|draft| {
                draft.lines.clear();
                draft.named_place.clear();
            });
        }
        if let Some(inquiry) = inquiry
            && Some(inquiry.id) == wanted
            && !seeded.get_value().1
        {
            seeded.set_value((wanted, true));
            draft.update(|draft| draft.lines = vec![DraftLine::from_inquiry(&inquiry)]);
        }
    });
    Effect::new(move |_| {
        if let Ok(currency) = currency_choice.get() {
            draft.update(|draft| draft.currency = currency);
        }
    });
    // The host's `draft` property replaces the draft; a bad one is explained and
    // changes nothing the user typed.
    Effect::new(move |_| {
        let Some(value) = draft_property.get() else {
            return;
        };
        match Draft::from_js(&value) {
            Ok(input) => {
                draft.update(|draft| input.apply_to(draft));
                draft_error.set(None);
            }
            Err(reason) => draft_error.set(Some(reason)),
        }
    });
    let change_context = context.clone();
    Effect::new(move |previous: Option<()>| {
        let detail = draft.with(Draft::change_detail);
        // The first run is the initial state, not a user's change.
        if previous.is_some() {
            change_context.emit(crate::element::CrmEvent::QuoteChange, &detail);
        }
    });

    let buyer = move || inquiry.get();
    let body = move || {
        if let Err((value, reason)) = inquiry_id.get() {
            return view! { <InvalidAttribute name="inquiry-id" value=value reason=reason /> }
                .into_any();
        }
        if let Err((value, reason)) = currency_choice.get() {
            return view! { <InvalidAttribute name="currency" value=value reason=reason /> }
                .into_any();
        }
        let has_lines = draft.with(|draft| !draft.lines.is_empty());
        let known = inquiry.with(Option::is_some);
        match (inquiry_id.get(), inquiry_error.get(), known || has_lines) {
            (Ok(Some(_)), Some(error), false) => view! {
                <ErrorNotice error=Signal::stored(error) on_retry=retry />
            }
            .into_any(),
            (Ok(Some(_)), None, false) => view! { <SkeletonRows count=3 /> }.into_any(),
            (Ok(None), _, false) => view! {
                <Notice
                    title=Signal::derive(move || i18n.text(Text::QuoteEmptyTitle).to_owned())
                    detail=Signal::derive(move || i18n.text(Text::QuoteEmptyDetail).to_owned())
                />
            }
            .into_any(),
            _ => view! { <Editor draft=draft /> }.into_any(),
        }
    };

    view! {
        <section class="widget quote" part="base" lang=move || i18n.language().tag()>
            <header class="header">
                <h2 class="title">{move || i18n.text(Text::QuoteNewTitle)}</h2>
                {move || buyer().map(|inquiry| view! { <BuyerLine inquiry=inquiry /> })}
            </header>
            {move || draft_error.get().map(|reason| view! { <InvalidAttribute name="draft" value=String::new() reason=reason /> })}
            {body}
        </section>
    }
}

#[component]
fn BuyerLine(inquiry: InquirySummary) -> impl IntoView {
    let i18n = crate::ui::use_i18n();
    let country = inquiry.buyer.country;
    let company = if inquiry.buyer.company.trim().is_empty() {
        inquiry.buyer.name.clone()
    } else {
        inquiry.buyer.company.clone()
    };
    view! {
        <span class="buyer-line" data-test="quote-buyer">
            <span class="muted">{move || i18n.text(Text::QuoteBuyer)}</span>
            " "
            <span dir="auto">{company}</span>
            " "
            <span aria-hidden="true">{intl::flag(country)}</span>
        </span>
    }
}

/// The terms row and the line table.
#[component]
fn Editor(draft: RwSignal<Draft>) -> impl IntoView {
    let i18n = crate::ui::use_i18n();
    let on_currency = move |event: leptos::ev::Event| {
        if let Ok(currency) = event_target_value(&event).parse::<Currency>() {
            draft.update(|draft| draft.currency = currency);
        }
    };
    let on_incoterm = move |event: leptos::ev::Event| {
        if let Ok(incoterm) = event_target_value(&event).parse::<Incoterm>() {
            draft.update(|draft| draft.incoterm = incoterm);
        }
    };
    view! {
        <div class="terms">
            <label class="field">
                <span class="field-label">{move || i18n.text(Text::QuoteCurrency)}</span>
                <select data-test="quote-currency" on:change=on_currency prop:value=move || draft.with(|draft| draft.currency.code())>
                    {Currency::ALL.into_iter().map(|currency| view! {
                        <option value=currency.code() selected=move || draft.with(|draft| draft.currency == currency)>{currency.code()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span class="field-label">{move || i18n.text(Text::QuoteIncoterm)}</span>
                <select data-test="quote-incoterm" on:change=on_incoterm prop:value=move || draft.with(|draft| draft.incoterm.code())>
                    {Incoterm::ALL.into_iter().map(|rule| view! {
                        <option value=rule.code() selected=move || draft.with(|draft| draft.incoterm == rule)>{rule.code()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field grow">
                <span class="field-label">{move || i18n.text(Text::QuoteNamedPlace)}</span>
                <input
                    type="text"
                    data-test="quote-named-place"
                    prop:value=move || draft.with(|draft| draft.named_place.clone())
                    on:input=move |event| draft.update(|draft| draft.named_place = event_target_value(&event))
                />
            </label>
        </div>
        <LineTable draft=draft />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_parse_or_explain() {
        assert_eq!(parse_inquiry_id(None), Ok(None));
        assert!(parse_inquiry_id(Some("x".into())).is_err());
        assert_eq!(parse_currency(None), Ok(Currency::USD));
        assert_eq!(parse_currency(Some("jpy".into())), Ok(Currency::JPY));
        assert!(parse_currency(Some("dollars".into())).is_err());
    }
}
