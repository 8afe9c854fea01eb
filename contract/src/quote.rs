//! Quotations: lines, terms, charges and the totals computed from them
//! ([`totals`]), revisions and the status flow.
//!
//! A draft is edited with `PUT /quotes/{id}`. `POST /quotes/{id}/send` freezes it
//! as an immutable revision; `POST /quotes/{id}/revise` starts the next revision
//! as a new draft, and sending that one supersedes the previous revision.

pub mod diff;
mod draft;
pub mod totals;

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::country::CountryCode;
use crate::ids::{ContactId, CustomerId, InquiryId, ProductId, QuoteId};
use crate::incoterm::Incoterm;
use crate::money::Currency;
use crate::quantity::Quantity;
use crate::user::UserRef;
use crate::version::Version;

pub use draft::{LineInput, MAX_LINES, QuoteDraft};
pub use totals::{LineTotals, QuoteTotals};

/// Where a quote revision stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuoteStatus {
    /// Being prepared; only drafts can be edited.
    Draft,
    /// Sent to the buyer; frozen.
    Sent,
    /// The buyer accepted it.
    Accepted,
    /// The buyer rejected it.
    Rejected,
    /// Its validity date passed while it was sent.
    Expired,
    /// A later revision was sent.
    Superseded,
}

impl QuoteStatus {
    /// Every status, in the order a quote goes through them.
    pub const ALL: [QuoteStatus; 6] = [
        QuoteStatus::Draft,
        QuoteStatus::Sent,
        QuoteStatus::Accepted,
        QuoteStatus::Rejected,
        QuoteStatus::Expired,
        QuoteStatus::Superseded,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteStatus::Draft => "draft",
            QuoteStatus::Sent => "sent",
            QuoteStatus::Accepted => "accepted",
            QuoteStatus::Rejected => "rejected",
            QuoteStatus::Expired => "expired",
            QuoteStatus::Superseded => "superseded",
        }
    }
}

impl fmt::Display for QuoteStatus {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// What a line is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// Goods.
    Product,
    /// Samples.
    Sample,
    /// Moulds and tooling.
    Tooling,
    /// Freight.
    Freight,
    /// Any other service.
    Service,
}

wire_names!(LineKind {
    Product => "product",
    Sample => "sample",
    Tooling => "tooling",
    Freight => "freight",
    Service => "service",
});

/// A discount: a percentage (`{"percent": "3"}`) or a fixed amount (`{"amount": "50.00"}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Discount {
    /// Percent of the amount, 0 to 100.
    Percent(Decimal),
    /// A fixed amount in the quote's currency.
    Amount(Decimal),
}

/// How the buyer pays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Telegraphic (wire) transfer.
    TelegraphicTransfer,
    /// Irrevocable letter of credit at sight.
    LetterOfCreditAtSight,
    /// Documents against payment.
    DocumentsAgainstPayment,
    /// Documents against acceptance.
    DocumentsAgainstAcceptance,
    /// Open account, payable `net_days` after shipment.
    OpenAccount,
}

wire_names!(PaymentMethod {
    TelegraphicTransfer => "telegraphic_transfer",
    LetterOfCreditAtSight => "letter_of_credit_at_sight",
    DocumentsAgainstPayment => "documents_against_payment",
    DocumentsAgainstAcceptance => "documents_against_acceptance",
    OpenAccount => "open_account",
});

/// Payment terms, e.g. 30 % deposit by T/T, balance against copy of B/L.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentTerms {
    /// How.
    pub method: PaymentMethod,
    /// Deposit before production, percent (0 to 100).
    #[serde(default)]
    pub deposit_percent: Option<Decimal>,
    /// Days after shipment, for open account.
    #[serde(default)]
    pub net_days: Option<u32>,
    /// When the balance is due, in the member's words.
    #[serde(default)]
    pub balance_terms: Option<String>,
}

/// How the goods travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShippingMethod {
    /// Sea freight.
    Sea,
    /// Air freight.
    Air,
    /// Rail freight.
    Rail,
    /// Road freight.
    Road,
    /// Courier (DHL, FedEx…).
    Express,
}

wire_names!(ShippingMethod {
    Sea => "sea",
    Air => "air",
    Rail => "rail",
    Road => "road",
    Express => "express",
});

/// The commercial terms of a quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct QuoteTerms {
    /// The currency of every amount.
    pub currency: Currency,
    /// A note on the exchange rate assumed, shown to the buyer.
    #[serde(default)]
    pub exchange_rate_note: Option<String>,
    /// Incoterms 2020 rule.
    pub incoterm: Incoterm,
    /// The named place (port or address) of the Incoterm, e.g. "Ningbo".
    pub named_place: String,
    /// Port of loading.
    #[serde(default)]
    pub port_of_loading: Option<String>,
    /// Port of destination.
    #[serde(default)]
    pub port_of_destination: Option<String>,
    /// How the goods travel.
    #[serde(default)]
    pub shipping_method: Option<ShippingMethod>,
    /// Days from deposit to shipment.
    #[serde(default)]
    pub lead_time_days: Option<u32>,
    /// Payment.
    pub payment: PaymentTerms,
    /// The last day the offer holds.
    #[serde(with = "crate::validation::date::iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub valid_until: Date,
    /// Terms and notes the buyer sees.
    #[serde(default)]
    pub buyer_notes: String,
    /// Notes only the member sees.
    #[serde(default)]
    pub internal_notes: String,
}

/// Charges and the discount on the whole quote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct QuoteCharges {
    /// Shipping charge.
    #[serde(default)]
    pub shipping: Decimal,
    /// Insurance charge.
    #[serde(default)]
    pub insurance: Decimal,
    /// Tax rate, percent (0 to 100).
    #[serde(default)]
    pub tax_percent: Decimal,
    /// Discount on the subtotal.
    #[serde(default)]
    pub discount: Option<Discount>,
}

/// A line of a quote, with its computed figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteLine {
    /// 1, 2, 3… in display order.
    pub position: u32,
    /// The section heading the line sits under.
    pub section: Option<String>,
    /// What the line is for.
    pub kind: LineKind,
    /// The catalog product, when priced from the catalog.
    pub product_id: Option<ProductId>,
    /// SKU or model number.
    pub sku: Option<String>,
    /// Name.
    pub name: String,
    /// Specification.
    pub description: String,
    /// HS code.
    pub hs_code: Option<String>,
    /// Country of origin.
    pub origin: Option<CountryCode>,
    /// How much.
    pub quantity: Quantity,
    /// Price of one unit.
    pub unit_price: Decimal,
    /// The line's discount.
    pub discount: Option<Discount>,
    /// Offered as an option, not included in the total.
    pub optional: bool,
    /// The computed figures.
    pub totals: LineTotals,
}

impl QuoteLine {
    /// `line` at `position` with its figures in `currency`: the line as the
    /// server keeps it.
    pub fn of_input(position: u32, line: &LineInput, currency: Currency) -> QuoteLine {
        QuoteLine {
            position,
            section: line.section.clone(),
            kind: line.kind,
            product_id: line.product_id,
            sku: line.sku.clone(),
            name: line.name.clone(),
            description: line.description.clone(),
            hs_code: line.hs_code.clone(),
            origin: line.origin,
            quantity: line.quantity,
            unit_price: line.unit_price,
            discount: line.discount,
            optional: line.optional,
            totals: totals::line_totals(line, currency),
        }
    }

    /// The line as a client sends it.
    pub fn input(&self) -> LineInput {
        LineInput {
            section: self.section.clone(),
            kind: self.kind,
            product_id: self.product_id,
            sku: self.sku.clone(),
            name: self.name.clone(),
            description: self.description.clone(),
            hs_code: self.hs_code.clone(),
            origin: self.origin,
            quantity: self.quantity,
            unit_price: self.unit_price,
            discount: self.discount,
            optional: self.optional,
        }
    }
}

/// `lines` numbered 1, 2, 3… with their figures in `currency`.
pub fn quote_lines(lines: &[LineInput], currency: Currency) -> Vec<QuoteLine> {
    lines
        .iter()
        .zip(1..)
        .map(|(line, position)| QuoteLine::of_input(position, line, currency))
        .collect()
}

/// One revision of a quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    /// This revision's id.
    pub id: QuoteId,
    /// The quote number shared by all revisions, e.g. "Q-2026-0131".
    pub number: String,
    /// 1 for the first revision.
    pub revision: u32,
    /// The revision this one was made from.
    pub revised_from: Option<QuoteId>,
    /// Status.
    pub status: QuoteStatus,
    /// The buyer company.
    pub customer_id: Option<CustomerId>,
    /// The buyer's contact person.
    pub contact_id: Option<ContactId>,
    /// The inquiry it answers.
    pub inquiry_id: Option<InquiryId>,
    /// Terms.
    pub terms: QuoteTerms,
    /// Lines in display order.
    pub lines: Vec<QuoteLine>,
    /// Charges and the quote-level discount.
    pub charges: QuoteCharges,
    /// Computed totals.
    pub totals: QuoteTotals,
    /// When it was sent.
    #[serde(with = "time::serde::rfc3339::option")]
    pub sent_at: Option<OffsetDateTime>,
    /// When the buyer accepted or rejected it.
    #[serde(with = "time::serde::rfc3339::option")]
    pub decided_at: Option<OffsetDateTime>,
    /// Who made it.
    pub created_by: UserRef,
    /// Changes with every update; send it back in `If-Match`.
    pub version: Version,
    /// When it was created.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When it last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// One row of a quote list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteSummary {
    /// The revision's id.
    pub id: QuoteId,
    /// Quote number.
    pub number: String,
    /// Revision.
    pub revision: u32,
    /// Status.
    pub status: QuoteStatus,
    /// The buyer company.
    pub customer_id: Option<CustomerId>,
    /// The buyer company's name.
    pub customer_name: Option<String>,
    /// The inquiry it answers.
    pub inquiry_id: Option<InquiryId>,
    /// Currency.
    pub currency: Currency,
    /// Total.
    pub total: Decimal,
    /// Last valid day.
    #[serde(with = "crate::validation::date::iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub valid_until: Date,
    /// Changes with every update.
    pub version: Version,
    /// When it last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// A page of quotes, most recently changed first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotePage {
    /// The quotes on this page.
    pub items: Vec<QuoteSummary>,
    /// Pass as `cursor` for the next page; `None` on the last page.
    pub next_cursor: Option<String>,
    /// How many match in all.
    pub total: u64,
}
