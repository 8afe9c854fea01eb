//! The totals panel: every figure from the contract's arithmetic, with the
//! rounding rule stated, and the deposit due.

use leptos::prelude::*;

use super::Builder;
use super::form::number;
use crate::i18n::Text;

/// The browser tests' names of the totals' figures.
const TOTAL_IDS: [&str; 6] = [
    "quote-subtotal",
    "quote-line-discounts",
    "quote-discount-total",
    "quote-shipping-total",
    "quote-insurance-total",
    "quote-tax-total",
];

/// The totals panel: every figure from the contract's arithmetic, with the
/// rounding rule stated.
#[component]
pub(super) fn Totals(builder: Builder) -> impl IntoView {
    let i18n = builder.i18n;
    let totals = Memo::new(move |_| builder.parsed.with(|parsed| parsed.as_ref()?.totals));
    let row = move |label: Text,
                    test_id: &'static str,
                    value: fn(&contract::quote::QuoteTotals) -> rust_decimal::Decimal,
                    always: bool| {
        move || {
            let figure = totals.get().map(|totals| value(&totals));
            (always || figure.is_some_and(|figure| !figure.is_zero())).then(|| view! {
                <div class="total-row">
                    <dt>{move || i18n.text(label)}</dt>
                    <dd data-test=test_id>{figure.map(|figure| builder.money(figure)).unwrap_or_else(|| "—".to_owned())}</dd>
                </div>
            })
        }
    };
    let deposit = move || {
        let totals = totals.get()?;
        let percent = builder
            .form
            .with(|form| number(&form.as_ref()?.deposit).ok().flatten())?;
        let currency = builder
            .form
            .with(|form| form.as_ref().map(|form| form.currency))?;
        let amount = currency.round(
            contract::money::saturating_mul(totals.total, percent)
                / rust_decimal::Decimal::ONE_HUNDRED,
        );
        Some(i18n.format(
            Text::QuoteDepositDue,
            &[
                ("percent", &percent.normalize().to_string()),
                ("amount", &builder.money(amount)),
            ],
        ))
    };
    view! {
        <aside class="totals" part="totals" aria-label=move || i18n.text(Text::QuoteTotals) data-test="quote-totals">
            <dl>
                {row(Text::QuoteSubtotal, TOTAL_IDS[0], |totals| totals.subtotal, true)}
                {row(Text::QuoteLineDiscounts, TOTAL_IDS[1], |totals| totals.line_discounts, false)}
                {row(Text::QuoteDiscount, TOTAL_IDS[2], |totals| totals.discount, false)}
                {row(Text::QuoteShipping, TOTAL_IDS[3], |totals| totals.shipping, false)}
                {row(Text::QuoteInsurance, TOTAL_IDS[4], |totals| totals.insurance, false)}
                {row(Text::QuoteTax, TOTAL_IDS[5], |totals| totals.tax, false)}
                <div class="total-row grand">
                    <dt>{move || i18n.text(Text::QuoteTotal)}</dt>
                    <dd data-test="quote-total">{move || totals.get().map(|totals| builder.money(totals.total)).unwrap_or_else(|| "—".to_owned())}</dd>
                </div>
            </dl>
            {move || deposit().map(|text| view! { <p class="muted deposit" data-test="quote-deposit-due">{text}</p> })}
            <p class="muted note">{move || i18n.text(Text::QuoteRoundingNote)}</p>
        </aside>
    }
}
