//! The line table with its totals. Prices are validated as the user types, with
//! the message next to the field; what was typed is kept as typed.

use leptos::prelude::*;

use super::draft::{Draft, PriceProblem};
use crate::i18n::{Text, unit_name};
use crate::intl;
use crate::ui::use_i18n;

#[component]
pub(super) fn LineTable(draft: RwSignal<Draft>) -> impl IntoView {
    let i18n = use_i18n();
    let line_count = move || draft.with(|draft| draft.lines.len());
    let money = move |amount| {
        let currency = draft.with_untracked(|draft| draft.currency);
        intl::money(
            i18n.language(),
            currency.code(),
            amount,
            currency.minor_units(),
        )
    };
    view! {
        <table class="lines" part="lines" data-test="quote-lines">
            <caption class="visually-hidden">{move || i18n.text(Text::QuoteLines)}</caption>
            <thead>
                <tr>
                    <th scope="col">{move || i18n.text(Text::QuoteItem)}</th>
                    <th scope="col" class="numeric">{move || i18n.text(Text::QuoteQuantity)}</th>
                    <th scope="col" class="numeric">{move || i18n.text(Text::QuoteUnitPrice)}</th>
                    <th scope="col" class="numeric">{move || i18n.text(Text::QuoteAmount)}</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || 0..line_count() key=|index| *index let:index>
                    <LineRow draft=draft index=index />
                </For>
            </tbody>
            <tfoot>
                <tr>
                    <th scope="row" colspan="3" class="numeric">{move || i18n.text(Text::QuoteTotal)}</th>
                    <td class="numeric total" data-test="quote-total">
                        {move || draft.with(Draft::total).map(money).unwrap_or_else(|| "—".to_owned())}
                    </td>
                </tr>
            </tfoot>
        </table>
        <p class="muted note">{move || i18n.text(Text::QuoteRoundingNote)}</p>
    }
}

#[component]
fn LineRow(draft: RwSignal<Draft>, index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let line = move || draft.with(|draft| draft.lines.get(index).cloned());
    let problem = move || {
        draft.with(|draft| {
            draft
                .lines
                .get(index)
                .and_then(|line| line.unit_price(draft.currency).err())
        })
    };
    let invalid = move || problem() == Some(PriceProblem::Invalid);
    let error_id = ["price-error-", &index.to_string()].concat();
    let described_by = error_id.clone();
    view! {
        <tr>
            <td dir="auto">{move || line().map(|line| line.name)}</td>
            <td class="numeric">
                {move || line().map(|line| {
                    [intl::decimal(i18n.language(), line.quantity.value).as_str(), " ", unit_name(line.quantity.unit, i18n.language())].concat()
                })}
            </td>
            <td class="numeric">
                <input
                    class="price"
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    data-test="quote-unit-price"
                    aria-label=move || i18n.text(Text::QuoteUnitPrice)
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    aria-describedby=move || invalid().then(|| described_by.clone())
                    prop:value=move || line().map(|line| line.price_text).unwrap_or_default()
                    on:input=move |event| {
                        let text = event_target_value(&event);
                        draft.update(|draft| {
                            if let Some(line) = draft.lines.get_mut(index) {
                                line.price_text = text;
                            }
                        });
                    }
                />
                {move || invalid().then(|| {
                    let digits = draft.with(|draft| draft.currency.minor_units()).to_string();
                    view! {
                        <span class="field-error" id=error_id.clone() role="alert" data-test="price-error">
                            {i18n.format(Text::QuotePriceInvalid, &[("digits", &digits)])}
                        </span>
                    }
                })}
            </td>
            <td class="numeric amount" data-test="quote-line-amount">
                {move || {
                    draft.with(|draft| {
                        draft.lines.get(index).and_then(|line| line.amount(draft.currency)).map(|amount| {
                            intl::money(i18n.language(), draft.currency.code(), amount, draft.currency.minor_units())
                        })
                    })
                }}
            </td>
        </tr>
    }
}
