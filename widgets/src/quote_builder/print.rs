//! The printable quote: a clean A4/Letter page in the buyer's language (the
//! inquiry's when we speak it, else English; the user may pick another), shown as a preview in the widget and printed
//! alone through a hidden frame ("Save as PDF" in the print dialog). What the
//! buyer sees only: internal notes are never on it.

use contract::language::Language;
use contract::quote::{
    PaymentMethod, QuoteLine, QuoteStatus, QuoteTerms, QuoteTotals, quote_lines,
};
use leptos::prelude::*;
use time::Date;

use super::Builder;
use crate::i18n::{Text, line_kind_name, payment_method_name, shipping_method_name, unit_name};
use crate::intl;

/// The print stylesheet: the preview's and the printed page's.
const PRINT_CSS: &str = include_str!("print.css");

/// What the page shows.
#[derive(Clone, Debug, PartialEq)]
struct Sheet {
    number: Option<String>,
    revision: u32,
    status: QuoteStatus,
    date: Date,
    buyer: Option<String>,
    /// The contact it is addressed to.
    contact: Option<String>,
    terms: QuoteTerms,
    lines: Vec<QuoteLine>,
    totals: QuoteTotals,
}

/// The sheet of the revision on show: the server's copy once it is not a
/// draft, else the draft as typed (when it is valid).
fn sheet(builder: Builder) -> Option<Sheet> {
    let buyer = builder.buyer.get().map(|(name, _)| name);
    let contact_name = |id: Option<contract::ids::ContactId>| {
        let id = id?;
        builder.contacts.with(|contacts| {
            contacts
                .iter()
                .find(|(of, _)| *of == id)
                .map(|(_, name)| name.clone())
        })
    };
    if let Some(quote) = builder
        .quote
        .get()
        .filter(|quote| quote.status != QuoteStatus::Draft)
    {
        return Some(Sheet {
            number: Some(quote.number.clone()),
            revision: quote.revision,
            status: quote.status,
            date: quote.sent_at.map_or_else(intl::today, |sent| sent.date()),
            buyer,
            contact: contact_name(quote.contact_id),
            terms: quote.terms.clone(),
            lines: quote.lines.clone(),
            totals: quote.totals,
        });
    }
    let (draft, totals) = builder.parsed.with(|parsed| {
        let parsed = parsed.as_ref()?;
        Some((parsed.draft.clone()?, parsed.totals?))
    })?;
    let (number, revision) = builder
        .quote
        .with(|quote| {
            quote
                .as_ref()
                .map(|quote| (Some(quote.number.clone()), quote.revision))
        })
        .unwrap_or((None, 1));
    let currency = draft.terms.currency;
    Some(Sheet {
        number,
        revision,
        status: QuoteStatus::Draft,
        date: intl::today(),
        buyer,
        contact: contact_name(draft.contact_id),
        lines: quote_lines(&draft.lines, currency),
        terms: draft.terms,
        totals,
    })
}

#[component]
pub(super) fn PrintPreview(builder: Builder) -> impl IntoView {
    let i18n = builder.i18n;
    let language = RwSignal::new(None::<Language>);
    // The buyer's language unless the user picks another.
    let shown_language = move || {
        language
            .get()
            .or_else(|| builder.buyer_language.get())
            .unwrap_or_else(|| i18n.language())
    };
    let page = NodeRef::<leptos::html::Article>::new();
    // The seller, from the server once the preview opens (the sheet shows without it offline).
    let seller = RwSignal::new(None::<String>);
    Effect::new(move |asked: Option<bool>| {
        if asked == Some(true) || !builder.preview.get() {
            return asked.unwrap_or(false);
        }
        let api = builder.data.layer_untracked().api();
        leptos::task::spawn_local(async move {
            if let Ok(me) = api.me().await {
                seller.try_set(Some(me.member.name));
            }
        });
        true
    });
    let print = move |_| {
        let Some(page) = page.get_untracked() else {
            return;
        };
        let title = sheet(builder)
            .and_then(|sheet| {
                sheet
                    .number
                    .map(|number| [number.as_str(), " r", &sheet.revision.to_string()].concat())
            })
            .unwrap_or_else(|| {
                shown_language_text(shown_language(), Text::PrintQuotation).to_owned()
            });
        crate::element::print(&page, PRINT_CSS, &title);
    };
    view! {
        <Show when=move || builder.preview.get()>
            <section class="print-preview" data-test="quote-print-preview" aria-label=move || i18n.text(Text::QuotePreview)>
                <div class="print-toolbar">
                    <label class="field inline">
                        <span>{move || i18n.text(Text::QuotePrintLanguage)}</span>
                        <select class="control" data-test="print-language"
                            prop:value=move || shown_language().tag()
                            on:change=move |event| language.set(Some(if event_target_value(&event) == Language::SimplifiedChinese.tag() { Language::SimplifiedChinese } else { Language::English }))>
                            <option value=Language::English.tag()>{move || i18n.text(Text::LanguageEnglish)}</option>
                            <option value=Language::SimplifiedChinese.tag()>{move || i18n.text(Text::LanguageChinese)}</option>
                        </select>
                    </label>
                    <button class="button primary" type="button" data-test="quote-print" on:click=print
                        disabled=move || sheet(builder).is_none()>
                        {move || i18n.text(Text::QuotePrint)}
                    </button>
                </div>
                {move || match sheet(builder) {
                    Some(sheet) => view! { <Page sheet=sheet language=shown_language() page=page seller=seller.get() /> }.into_any(),
                    None => view! { <p class="muted" data-test="print-unavailable">{move || i18n.text(Text::QuotePrintInvalid)}</p> }.into_any(),
                }}
            </section>
        </Show>
    }
}

fn shown_language_text(language: Language, text: Text) -> &'static str {
    text.in_language(language)
}

/// The page itself, in `language`.
#[component]
fn Page(
    sheet: Sheet,
    language: Language,
    page: NodeRef<leptos::html::Article>,
    seller: Option<String>,
) -> impl IntoView {
    let text = move |text: Text| text.in_language(language);
    let currency = sheet.terms.currency;
    let money =
        move |amount| intl::money(language, currency.code(), amount, currency.minor_units());
    let reference = sheet.number.clone().map(|number| {
        crate::i18n::fill(
            text(Text::PrintReference),
            &[
                ("number", &number),
                ("revision", &sheet.revision.to_string()),
            ],
        )
    });
    let terms = &sheet.terms;
    let payment = {
        let mut parts = vec![payment_method_name(terms.payment.method, language).to_owned()];
        if let Some(deposit) = terms.payment.deposit_percent {
            parts.push(crate::i18n::fill(
                text(Text::PrintDeposit),
                &[("percent", &deposit.normalize().to_string())],
            ));
        }
        if terms.payment.method == PaymentMethod::OpenAccount
            && let Some(days) = terms.payment.net_days
        {
            parts.push(crate::i18n::fill(
                text(Text::PrintNetDays),
                &[("days", &days.to_string())],
            ));
        }
        if let Some(balance) = &terms.payment.balance_terms {
            parts.push(balance.clone());
        }
        parts.join(" · ")
    };
    let mut term_rows: Vec<(Text, String)> = vec![(
        Text::PrintIncoterm,
        [
            terms.incoterm.code(),
            " ",
            terms.named_place.as_str(),
            " (Incoterms® 2020)",
        ]
        .concat(),
    )];
    if let Some(method) = terms.shipping_method {
        term_rows.push((
            Text::QuoteShippingMethod,
            shipping_method_name(method, language).to_owned(),
        ));
    }
    if let Some(port) = &terms.port_of_loading {
        term_rows.push((Text::QuotePortOfLoading, port.clone()));
    }
    if let Some(port) = &terms.port_of_destination {
        term_rows.push((Text::QuotePortOfDestination, port.clone()));
    }
    if let Some(days) = terms.lead_time_days {
        term_rows.push((
            Text::QuoteLeadTime,
            crate::i18n::fill(text(Text::PrintLeadTime), &[("days", &days.to_string())]),
        ));
    }
    term_rows.push((Text::QuotePayment, payment));
    term_rows.push((
        Text::QuoteValidUntil,
        intl::date(language, terms.valid_until),
    ));
    if let Some(note) = &terms.exchange_rate_note {
        term_rows.push((Text::QuoteExchangeNote, note.clone()));
    }
    let totals = sheet.totals;
    let mut total_rows = vec![(Text::QuoteSubtotal, totals.subtotal)];
    for (label, value) in [
        (Text::QuoteDiscount, totals.discount),
        (Text::QuoteShipping, totals.shipping),
        (Text::QuoteInsurance, totals.insurance),
        (Text::QuoteTax, totals.tax),
    ] {
        if !value.is_zero() {
            total_rows.push((label, value));
        }
    }
    let mut previous_section: Option<String> = None;
    let rows = sheet
        .lines
        .iter()
        .map(|line| {
            let heading = line
                .section
                .clone()
                .filter(|section| previous_section.as_ref() != Some(section));
            previous_section.clone_from(&line.section);
            let mut details = Vec::new();
            if let Some(sku) = &line.sku {
                details.push(sku.clone());
            }
            if line.kind != contract::quote::LineKind::Product {
                details.push(line_kind_name(line.kind, language).to_owned());
            }
            if let Some(code) = &line.hs_code {
                details.push(["HS ", code.as_str()].concat());
            }
            if let Some(origin) = line.origin {
                details.push(crate::i18n::fill(text(Text::PrintOrigin), &[("country", &intl::country_name(language, origin))]));
            }
            let discount = match line.discount {
                Some(contract::quote::Discount::Percent(percent)) => [percent.normalize().to_string().as_str(), " %"].concat(),
                Some(contract::quote::Discount::Amount(_)) => money(line.totals.discount),
                None => String::new(),
            };
            let quantity = [intl::decimal(language, line.quantity.value).as_str(), " ", unit_name(line.quantity.unit, language)].concat();
            view! {
                {heading.map(|section| view! { <tr class="print-section"><th colspan="6" dir="auto">{section}</th></tr> })}
                <tr class:optional=line.optional>
                    <td class="numeric">{line.position.to_string()}</td>
                    <td>
                        <span class="print-name" dir="auto">{line.name.clone()}</span>
                        {(!line.description.is_empty()).then(|| view! { <span class="print-detail" dir="auto">{line.description.clone()}</span> })}
                        {(!details.is_empty()).then(|| view! { <span class="print-detail">{details.join(" · ")}</span> })}
                        {line.optional.then(|| view! { <span class="print-detail">{text(Text::PrintOptional)}</span> })}
                    </td>
                    <td class="numeric">{quantity}</td>
                    <td class="numeric">{money(line.unit_price)}</td>
                    <td class="numeric">{discount}</td>
                    <td class="numeric">{money(line.totals.amount)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <article class="print-sheet" node_ref=page lang=language.tag() data-test="print-sheet">
            <header class="print-head">
                <div>
                    <h1>{text(Text::PrintQuotation)}</h1>
                    {seller.map(|seller| view! { <p class="print-seller" dir="auto" data-test="print-seller">{seller}</p> })}
                </div>
                <dl class="print-meta">
                    {reference.map(|reference| view! { <div><dt>{text(Text::PrintNumber)}</dt><dd data-test="print-number">{reference}</dd></div> })}
                    <div><dt>{text(Text::PrintDate)}</dt><dd>{intl::date(language, sheet.date)}</dd></div>
                    {sheet.buyer.clone().map(|buyer| view! { <div><dt>{text(Text::QuoteBuyer)}</dt><dd dir="auto" data-test="print-buyer">{buyer}</dd></div> })}
                    {sheet.contact.clone().map(|contact| view! { <div><dt>{text(Text::PrintAttention)}</dt><dd dir="auto" data-test="print-contact">{contact}</dd></div> })}
                    {(sheet.status == QuoteStatus::Draft).then(|| view! { <div><dt>{text(Text::PrintStatus)}</dt><dd>{text(Text::PrintDraft)}</dd></div> })}
                </dl>
            </header>
            <table class="print-lines">
                <thead>
                    <tr>
                        <th class="numeric">"#"</th>
                        <th>{text(Text::QuoteItem)}</th>
                        <th class="numeric">{text(Text::QuoteQuantity)}</th>
                        <th class="numeric">{text(Text::QuoteUnitPrice)}</th>
                        <th class="numeric">{text(Text::QuoteLineDiscount)}</th>
                        <th class="numeric">{text(Text::QuoteAmount)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <dl class="print-totals">
                {total_rows.into_iter().map(|(label, value)| view! {
                    <div><dt>{text(label)}</dt><dd>{money(value)}</dd></div>
                }).collect_view()}
                <div class="grand"><dt>{text(Text::QuoteTotal)}</dt><dd data-test="print-total">{money(totals.total)}</dd></div>
            </dl>
            <section class="print-terms">
                <h2>{text(Text::PrintTerms)}</h2>
                <dl>
                    {term_rows.into_iter().map(|(label, value)| view! {
                        <div><dt>{text(label)}</dt><dd dir="auto">{value}</dd></div>
                    }).collect_view()}
                </dl>
                {(!terms.buyer_notes.is_empty()).then(|| view! { <p class="print-notes" dir="auto">{terms.buyer_notes.clone()}</p> })}
                <p class="print-rounding">{text(Text::QuoteRoundingNote)}</p>
            </section>
        </article>
    }
}
