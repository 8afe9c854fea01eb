//! The quote's header: currency, Incoterm and named place, shipping, lead time,
//! payment, validity, notes; and its charges (shipping, insurance, tax,
//! discount). Each field shows its problem next to it, in the user's language,
//! tied to it for screen readers; what was typed stays as typed.

use contract::incoterm::Incoterm;
use contract::language::Language;
use contract::money::Currency;
use contract::quote::{PaymentMethod, ShippingMethod};
use leptos::prelude::*;

use super::Builder;
use super::form::Form;
use crate::i18n::{Text, payment_method_name, shipping_method_name};
use crate::ui::form::unique_id;

/// How a field reads and writes its text in the form.
#[derive(Clone, Copy)]
pub(super) struct Binding {
    pub(super) get: fn(&Form) -> String,
    pub(super) set: fn(&mut Form, String),
}

/// A labelled text field of the form, with the problem at `pointer`.
#[component]
pub(super) fn Field(
    builder: Builder,
    label: Text,
    test_id: &'static str,
    /// The JSON pointer of the field in the draft.
    field: &'static str,
    binding: Binding,
    /// The input's type (`text` when empty).
    #[prop(optional)]
    kind: &'static str,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] numeric: bool,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let i18n = builder.i18n;
    let id = unique_id("quote-field");
    let error_id = [id.as_str(), "-error"].concat();
    let error = Memo::new(move |_| builder.error(field));
    let described = {
        let error_id = error_id.clone();
        move || error.with(Option::is_some).then(|| error_id.clone())
    };
    let invalid = move || {
        if error.with(Option::is_some) {
            "true"
        } else {
            "false"
        }
    };
    let value = move || builder.text(binding.get);
    let input = move |event| {
        let text = event_target_value(&event);
        builder.edit(|form| (binding.set)(form, text));
    };
    let input_type = if kind.is_empty() { "text" } else { kind };
    let input_mode = numeric.then_some("decimal");
    let class = ["field ", class].concat();
    let control = if multiline {
        view! {
            <textarea class="control" id=id.clone() data-test=test_id rows="2" dir="auto"
                aria-invalid=invalid aria-describedby=described.clone()
                prop:value=value on:input=input></textarea>
        }
        .into_any()
    } else {
        view! {
            <input class="control" id=id.clone() data-test=test_id dir="auto"
                type=input_type
                inputmode=input_mode
                autocomplete="off"
                aria-invalid=invalid aria-describedby=described
                prop:value=value on:input=input />
        }
        .into_any()
    };
    view! {
        <div class=class>
            <label for=id.clone()>{move || i18n.text(label)}</label>
            {control}
            {move || error.get().map(|message| view! {
                <span class="field-error" id=error_id.clone() role="alert" data-test="field-error">{message}</span>
            })}
        </div>
    }
}

/// A labelled select of the form: `options` gives each choice's wire name and
/// label; `get`/`set` read and write it.
#[component]
pub(super) fn Select(
    builder: Builder,
    label: Text,
    test_id: &'static str,
    options: fn(Language) -> Vec<(&'static str, String)>,
    get: fn(&Form) -> &'static str,
    set: fn(&mut Form, &str),
) -> impl IntoView {
    let i18n = builder.i18n;
    let id = unique_id("quote-field");
    let current = move || {
        builder
            .form
            .with(|form| form.as_ref().map(get))
            .unwrap_or_default()
    };
    view! {
        <div class="field">
            <label for=id.clone()>{move || i18n.text(label)}</label>
            <select class="control" id=id data-test=test_id
                prop:value=current
                on:change=move |event| {
                    let picked = event_target_value(&event);
                    builder.edit(|form| set(form, &picked));
                }>
                {move || options(i18n.language()).into_iter().map(|(wire, name)| view! {
                    <option value=wire selected=move || current() == wire>{name}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

fn currencies(_: Language) -> Vec<(&'static str, String)> {
    Currency::ALL
        .into_iter()
        .map(|currency| (currency.code(), currency.code().to_owned()))
        .collect()
}

fn incoterms(_: Language) -> Vec<(&'static str, String)> {
    Incoterm::ALL
        .into_iter()
        .map(|rule| (rule.code(), rule.code().to_owned()))
        .collect()
}

fn shipping_methods(language: Language) -> Vec<(&'static str, String)> {
    let mut options = vec![("", "—".to_owned())];
    options.extend(ShippingMethod::ALL.iter().copied().map(|method| {
        (
            method.as_str(),
            shipping_method_name(method, language).to_owned(),
        )
    }));
    options
}

fn payment_methods(language: Language) -> Vec<(&'static str, String)> {
    PaymentMethod::ALL
        .iter()
        .map(|&method| {
            (
                method.as_str(),
                payment_method_name(method, language).to_owned(),
            )
        })
        .collect()
}

macro_rules! binding {
    ($field:ident) => {
        Binding {
            get: |form| form.$field.clone(),
            set: |form, text| form.$field = text,
        }
    };
}

/// How a discount is given, as its select's value.
pub(super) fn discount_wire(amount: bool) -> &'static str {
    if amount { "amount" } else { "percent" }
}

/// The buyer's contact the quote is addressed to, among the customer's contacts.
#[component]
fn ContactSelect(builder: Builder) -> impl IntoView {
    let i18n = builder.i18n;
    let id = unique_id("quote-field");
    let current = move || {
        builder
            .form
            .with(|form| form.as_ref()?.contact_id)
            .map(|contact| contact.to_string())
            .unwrap_or_default()
    };
    view! {
        <div class="field">
            <label for=id.clone()>{move || i18n.text(Text::QuoteContact)}</label>
            <select class="control" id=id data-test="quote-contact"
                prop:value=current
                on:change=move |event| {
                    let picked = event_target_value(&event).parse().ok();
                    builder.edit(|form| form.contact_id = picked);
                }>
                <option value="">"—"</option>
                {move || builder.contacts.get().into_iter().map(|(contact, name)| {
                    let value = contact.to_string();
                    view! { <option value=value.clone() selected=move || current() == value>{name}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// Currency, Incoterm and place, shipping, lead time, payment, validity, notes.
#[component]
pub(super) fn Terms(builder: Builder) -> impl IntoView {
    let open_account = move || {
        builder
            .form
            .with(|form| {
                form.as_ref()
                    .map(|form| form.payment_method == PaymentMethod::OpenAccount)
            })
            .unwrap_or(false)
    };
    view! {
        <div class="terms" data-test="quote-terms">
            <ContactSelect builder=builder />
            <Select builder=builder label=Text::QuoteCurrency test_id="quote-currency" options=currencies
                get=|form| form.currency.code()
                set=|form, code| if let Ok(currency) = code.parse() { form.currency = currency } />
            <Field builder=builder label=Text::QuoteExchangeNote test_id="quote-exchange-note"
                field="/terms/exchange_rate_note" binding=binding!(exchange_rate_note) class="wide" />
            <Select builder=builder label=Text::QuoteIncoterm test_id="quote-incoterm" options=incoterms
                get=|form| form.incoterm.code()
                set=|form, code| if let Ok(rule) = code.parse() { form.incoterm = rule } />
            <Field builder=builder label=Text::QuoteNamedPlace test_id="quote-named-place"
                field="/terms/named_place" binding=binding!(named_place) />
            <Select builder=builder label=Text::QuoteShippingMethod test_id="quote-shipping-method" options=shipping_methods
                get=|form| form.shipping_method.map(ShippingMethod::as_str).unwrap_or_default()
                set=|form, wire| form.shipping_method = ShippingMethod::ALL.iter().copied().find(|method| method.as_str() == wire) />
            <Field builder=builder label=Text::QuotePortOfLoading test_id="quote-port-of-loading"
                field="/terms/port_of_loading" binding=binding!(port_of_loading) />
            <Field builder=builder label=Text::QuotePortOfDestination test_id="quote-port-of-destination"
                field="/terms/port_of_destination" binding=binding!(port_of_destination) />
            <Field builder=builder label=Text::QuoteLeadTime test_id="quote-lead-time"
                field="/terms/lead_time_days" binding=binding!(lead_time) numeric=true />
            <Field builder=builder label=Text::QuoteValidUntil test_id="quote-valid-until" kind="date"
                field="/terms/valid_until" binding=binding!(valid_until) />
            <Select builder=builder label=Text::QuotePayment test_id="quote-payment" options=payment_methods
                get=|form| form.payment_method.as_str()
                set=|form, wire| if let Some(method) = PaymentMethod::ALL.iter().copied().find(|method| method.as_str() == wire) { form.payment_method = method } />
            <Field builder=builder label=Text::QuoteDeposit test_id="quote-deposit"
                field="/terms/payment/deposit_percent" binding=binding!(deposit) numeric=true />
            <Show when=open_account>
                <Field builder=builder label=Text::QuoteNetDays test_id="quote-net-days"
                    field="/terms/payment/net_days" binding=binding!(net_days) numeric=true />
            </Show>
            <Field builder=builder label=Text::QuoteBalanceTerms test_id="quote-balance-terms"
                field="/terms/payment/balance_terms" binding=binding!(balance_terms) class="wide" />
            <Field builder=builder label=Text::QuoteBuyerNotes test_id="quote-buyer-notes" multiline=true
                field="/terms/buyer_notes" binding=binding!(buyer_notes) class="wide" />
            <Field builder=builder label=Text::QuoteInternalNotes test_id="quote-internal-notes" multiline=true
                field="/terms/internal_notes" binding=binding!(internal_notes) class="wide" />
        </div>
    }
}

/// The quote's charges and discount.
#[component]
pub(super) fn Charges(builder: Builder) -> impl IntoView {
    let i18n = builder.i18n;
    let amount = move || {
        builder
            .form
            .with(|form| form.as_ref().map(|form| form.discount.amount))
            .unwrap_or(false)
    };
    view! {
        <div class="charges" data-test="quote-charges">
            <Field builder=builder label=Text::QuoteShipping test_id="quote-shipping"
                field="/charges/shipping" binding=binding!(shipping) numeric=true />
            <Field builder=builder label=Text::QuoteInsurance test_id="quote-insurance"
                field="/charges/insurance" binding=binding!(insurance) numeric=true />
            <Field builder=builder label=Text::QuoteTax test_id="quote-tax"
                field="/charges/tax_percent" binding=binding!(tax) numeric=true />
            <div class="discount-field">
                <Field builder=builder label=Text::QuoteDiscount test_id="quote-discount"
                    field="/charges/discount"
                    binding=Binding { get: |form| form.discount.text.clone(), set: |form, text| form.discount.text = text }
                    numeric=true />
                <select class="control discount-kind" data-test="quote-discount-kind"
                    aria-label=move || i18n.text(Text::QuoteDiscountKind)
                    prop:value=move || discount_wire(amount())
                    on:change=move |event| {
                        let amount = event_target_value(&event) == discount_wire(true);
                        builder.edit(|form| form.discount.amount = amount);
                    }>
                    <option value=discount_wire(false)>{move || i18n.text(Text::QuoteDiscountPercent)}</option>
                    <option value=discount_wire(true)>{move || i18n.text(Text::QuoteDiscountAmount)}</option>
                </select>
            </div>
        </div>
    }
}
