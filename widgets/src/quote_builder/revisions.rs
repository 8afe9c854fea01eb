//! A quote's revisions (from the cache) and the buyer-visible difference
//! between the one on show and another, by the contract's
//! [`diff`](contract::quote::diff::diff): lines added, removed or changed, terms
//! and charges, the total. Internal notes never count.

use contract::language::Language;
use contract::quote::Quote;
use contract::quote::diff::{FieldChange, LineChange, LineField, QuoteDiff, TermField, diff};
use leptos::prelude::*;
use rust_decimal::Decimal;

use super::Builder;
use crate::data::Collection;
use crate::i18n::{Text, quote_status_name};
use crate::intl;

#[component]
pub(super) fn Revisions(builder: Builder) -> impl IntoView {
    let i18n = builder.i18n;
    let number = Memo::new(move |_| {
        builder
            .quote
            .with(|quote| quote.as_ref().map(|quote| quote.number.clone()))
    });
    let revisions = Memo::new(move |_| {
        let Some(number) = number.get() else {
            return Vec::new();
        };
        builder.data.with(|layer| layer.revisions_of(&number))
    });
    let current = Memo::new(move |_| {
        builder
            .quote
            .with(|quote| quote.as_ref().map(|quote| (quote.id, quote.revision)))
    });
    // Compared with the revision before the one on show, unless the user picks another.
    let picked = RwSignal::new(None::<contract::ids::QuoteId>);
    let other = Memo::new(move |_| {
        let (id, revision) = current.get()?;
        let revisions = revisions.get();
        picked
            .get()
            .filter(|picked| *picked != id && revisions.iter().any(|quote| quote.id == *picked))
            .or_else(|| {
                revisions
                    .iter()
                    .filter(|quote| quote.revision < revision)
                    .max_by_key(|quote| quote.revision)
                    .map(|quote| quote.id)
            })
    });
    Effect::new(move |_| {
        if let Some(other) = other.get() {
            builder
                .data
                .layer()
                .fetch(Collection::Quotes, &other.to_string());
        }
    });
    let difference = Memo::new(move |_| {
        let other = other.get()?;
        let theirs: Quote = builder.data.with(|layer| {
            layer
                .fetched::<Quote>(Collection::Quotes, &other.to_string())
                .value
        })?;
        let mine = builder.quote.get()?;
        Some(if theirs.revision < mine.revision {
            (theirs.revision, mine.revision, diff(&theirs, &mine))
        } else {
            (mine.revision, theirs.revision, diff(&mine, &theirs))
        })
    });
    view! {
        <Show when=move || revisions.with(|revisions| revisions.len() > 1)>
            <section class="revisions" data-test="quote-revisions" aria-label=move || i18n.text(Text::QuoteRevisions)>
                <h3 class="section-title">{move || i18n.text(Text::QuoteRevisions)}</h3>
                <ol class="revision-list">
                    {move || revisions.get().into_iter().map(|quote| {
                        let id = quote.id;
                        let shown = move || current.get().map(|(current, _)| current) == Some(id);
                        let label = i18n.format(Text::QuoteRevisionLabel, &[("revision", &quote.revision.to_string())]);
                        let total = intl::money(i18n.language(), quote.currency.code(), quote.total, quote.currency.minor_units());
                        view! {
                            <li data-test="quote-revision">
                                <button class="link-button" type="button" aria-current=move || shown().then_some("true")
                                    on:click=move |_| builder.open_revision(id)>
                                    {label}
                                </button>
                                " · "
                                <span>{move || quote_status_name(quote.status, i18n.language())}</span>
                                " · "
                                <span>{total}</span>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                <label class="field inline">
                    <span>{move || i18n.text(Text::QuoteCompareWith)}</span>
                    <select class="control" data-test="quote-compare"
                        prop:value=move || other.get().map(|id| id.to_string()).unwrap_or_default()
                        on:change=move |event| picked.set(event_target_value(&event).parse().ok())>
                        {move || {
                            let shown = current.get().map(|(id, _)| id);
                            revisions.get().into_iter().filter(|quote| Some(quote.id) != shown).map(|quote| view! {
                                <option value=quote.id.to_string()>
                                    {i18n.format(Text::QuoteRevisionLabel, &[("revision", &quote.revision.to_string())])}
                                </option>
                            }).collect_view()
                        }}
                    </select>
                </label>
                {move || difference.get().map(|(from, to, difference)| view! {
                    <Difference builder=builder from=from to=to difference=difference />
                })}
            </section>
        </Show>
    }
}

fn line_field_label(field: LineField) -> Text {
    match field {
        LineField::Quantity => Text::QuoteQuantity,
        LineField::UnitPrice => Text::QuoteUnitPrice,
        LineField::Discount => Text::QuoteLineDiscount,
        LineField::Name => Text::QuoteItem,
        LineField::Description => Text::QuoteDescription,
        LineField::Optional => Text::QuoteOptionalLine,
        LineField::Kind => Text::QuoteLineKind,
        LineField::HsCode => Text::QuoteHsCode,
        LineField::Origin => Text::QuoteOrigin,
        LineField::Section => Text::QuoteSection,
    }
}

fn term_field_label(field: TermField) -> Text {
    match field {
        TermField::Currency => Text::QuoteCurrency,
        TermField::Incoterm => Text::QuoteIncoterm,
        TermField::NamedPlace => Text::QuoteNamedPlace,
        TermField::ShippingMethod => Text::QuoteShippingMethod,
        TermField::LeadTimeDays => Text::QuoteLeadTime,
        TermField::Payment => Text::QuotePayment,
        TermField::ValidUntil => Text::QuoteValidUntil,
        TermField::BuyerNotes => Text::QuoteBuyerNotes,
        TermField::ExchangeRateNote => Text::QuoteExchangeNote,
        TermField::PortOfLoading => Text::QuotePortOfLoading,
        TermField::PortOfDestination => Text::QuotePortOfDestination,
        TermField::Shipping => Text::QuoteShipping,
        TermField::Insurance => Text::QuoteInsurance,
        TermField::TaxPercent => Text::QuoteTax,
        TermField::Discount => Text::QuoteDiscount,
    }
}

/// A value of the difference as the user reads it: prices as money.
fn shown_value(builder: Builder, money: bool, value: &str, language: Language) -> String {
    match value.parse::<Decimal>() {
        Ok(amount) if money => builder.money(amount),
        Ok(number) => intl::decimal(language, number),
        Err(_) if value.is_empty() => "—".to_owned(),
        Err(_) => value.to_owned(),
    }
}

fn change_text(builder: Builder, label: Text, money: bool, before: &str, after: &str) -> String {
    let i18n = builder.i18n;
    let language = i18n.language();
    i18n.format(
        Text::QuoteChangeFromTo,
        &[
            ("field", i18n.text(label)),
            ("before", &shown_value(builder, money, before, language)),
            ("after", &shown_value(builder, money, after, language)),
        ],
    )
}

#[component]
fn Difference(builder: Builder, from: u32, to: u32, difference: QuoteDiff) -> impl IntoView {
    let i18n = builder.i18n;
    let title = i18n.format(
        Text::QuoteDifference,
        &[("from", &from.to_string()), ("to", &to.to_string())],
    );
    if difference.is_empty() {
        return view! {
            <div class="difference" data-test="quote-difference">
                <h4>{title}</h4>
                <p class="muted">{i18n.text(Text::QuoteNoDifference)}</p>
            </div>
        }
        .into_any();
    }
    let total = difference.total.map(|(before, after)| {
        let change = after - before;
        let sign = if change.is_sign_negative() {
            "−"
        } else {
            "+"
        };
        view! {
            <li class="change total-change" data-test="difference-total">
                {i18n.format(Text::QuoteChangeFromTo, &[
                    ("field", i18n.text(Text::QuoteTotal)),
                    ("before", &builder.money(before)),
                    ("after", &builder.money(after)),
                ])}
                " ("{sign}{builder.money(change.abs())}")"
            </li>
        }
    });
    let lines = difference
        .lines
        .into_iter()
        .map(|change| match change {
            LineChange::Added { line } => view! {
                <li class="change added" data-test="difference-line">
                    {i18n.format(Text::QuoteLineAdded, &[("name", &line.name)])}
                </li>
            }
            .into_any(),
            LineChange::Removed { line } => view! {
                <li class="change removed" data-test="difference-line">
                    {i18n.format(Text::QuoteLineRemoved, &[("name", &line.name)])}
                </li>
            }
            .into_any(),
            LineChange::Changed { name, fields } => {
                let fields = fields
                    .iter()
                    .map(
                        |FieldChange {
                             field,
                             before,
                             after,
                         }| {
                            change_text(
                                builder,
                                line_field_label(*field),
                                *field == LineField::UnitPrice,
                                before,
                                after,
                            )
                        },
                    )
                    .collect::<Vec<_>>()
                    .join("; ");
                view! {
                    <li class="change changed" data-test="difference-line">
                        <span dir="auto">{name}</span>": "{fields}
                    </li>
                }
                .into_any()
            }
        })
        .collect_view();
    let terms = difference
        .terms
        .into_iter()
        .map(|change| {
            let money = matches!(change.field, TermField::Shipping | TermField::Insurance);
            view! {
                <li class="change" data-test="difference-term">
                    {change_text(builder, term_field_label(change.field), money, &change.before, &change.after)}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="difference" data-test="quote-difference">
            <h4>{title}</h4>
            <ul class="changes">
                {total}
                {lines}
                {terms}
            </ul>
        </div>
    }
    .into_any()
}
