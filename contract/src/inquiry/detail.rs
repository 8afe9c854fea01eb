//! `GET /inquiries/{id}`: the whole inquiry, with its thread, the buyer's
//! requirement, the reasons behind its score and who assigned it how.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use super::{InquirySummary, LostReason};
use crate::country::CountryCode;
use crate::ids::{MessageId, QuoteId};
use crate::incoterm::Incoterm;
use crate::money::Money;
use crate::quantity::Quantity;
use crate::user::UserRef;

/// What the buyer asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InquiryKind {
    /// A product from the member's catalog.
    Product,
    /// The member company as a whole.
    Company,
    /// A request for quotation broadcast by the buyer.
    Rfq,
}

/// Where the goods should go.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Destination {
    /// The destination country.
    pub country: CountryCode,
    /// Port or city, as the buyer wrote it.
    pub place: Option<String>,
}

/// What the buyer needs, as far as they said.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Requirement {
    /// How much.
    pub quantity: Option<Quantity>,
    /// The unit price the buyer hopes for.
    pub target_price: Option<Money>,
    /// The trade term the buyer asked for.
    pub incoterm: Option<Incoterm>,
    /// Where to.
    pub destination: Option<Destination>,
    /// By when the goods are needed.
    #[serde(default, with = "crate::validation::date::iso_date::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub needed_by: Option<Date>,
    /// Whether the buyer wants a sample first.
    pub sample_wanted: bool,
    /// Whether the buyer wants their own brand or design (OEM/ODM).
    pub oem: bool,
}

/// Who wrote a message of the thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageDirection {
    /// The buyer wrote to the member.
    FromBuyer,
    /// The member replied.
    ToBuyer,
}

/// One message of an inquiry's thread. The body is plain text, never markup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    /// The message's id.
    pub id: MessageId,
    /// Who wrote it.
    pub direction: MessageDirection,
    /// The member's user who replied; `None` for the buyer's messages.
    pub author: Option<UserRef>,
    /// The text.
    pub body: String,
    /// When it was sent.
    #[serde(with = "time::serde::rfc3339")]
    pub sent_at: OffsetDateTime,
}

/// A signal that raised or lowered an inquiry's quality score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScoreSignal {
    /// The portal verified the buyer.
    VerifiedBuyer,
    /// The buyer writes from their company's own domain.
    CompanyDomain,
    /// The buyer writes from a free mail provider.
    FreeMailDomain,
    /// The buyer gave no company.
    EmptyCompany,
    /// The buyer stated a quantity.
    QuantityStated,
    /// The buyer stated no quantity.
    MissingQuantity,
    /// The buyer stated a target price, trade term or destination.
    DetailedRequirement,
    /// The message is generic ("send price list").
    GenericText,
    /// The message is hardly more than a link.
    LinkOnly,
    /// The same text came before (from this or another buyer).
    RepeatedText,
    /// The message is very short.
    ShortMessage,
    /// The buyer is already a customer of the member.
    KnownCustomer,
}

/// Why an inquiry has its score: one signal and what it added or took away.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreReason {
    /// The signal.
    pub signal: ScoreSignal,
    /// Points added (positive) or removed (negative).
    pub points: i16,
    /// What was seen, in English, e.g. "writes from gmail.com".
    pub detail: String,
}

/// How an assignment came about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssignmentRule {
    /// A person assigned it.
    Manual,
    /// The returning buyer's customer owner.
    StickyOwner,
    /// The rep who covers the buyer's country.
    Country,
    /// The rep who covers the product's category.
    ProductCategory,
    /// The next rep in turn.
    RoundRobin,
    /// The rep with the fewest open inquiries.
    LeastBusy,
}

/// One entry of an inquiry's assignment history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assignment {
    /// The new assignee; `None` when unassigned.
    pub assignee: Option<UserRef>,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// Which rule decided.
    pub rule: AssignmentRule,
    /// The person who assigned it, for manual assignments.
    pub by: Option<UserRef>,
    /// Why, in English, e.g. "owner of returning customer Müller Handels GmbH".
    pub explanation: String,
}

/// `GET /inquiries/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Inquiry {
    /// Everything the list shows.
    #[serde(flatten)]
    pub summary: InquirySummary,
    /// The portal's own id of the inquiry.
    pub portal_inquiry_id: Option<String>,
    /// What it is about.
    pub kind: InquiryKind,
    /// The product's category, when known.
    pub product_category: Option<String>,
    /// The buyer's e-mail address.
    pub buyer_email: String,
    /// The buyer's phone number.
    pub buyer_phone: Option<String>,
    /// The buyer's city.
    pub buyer_city: Option<String>,
    /// What the buyer needs.
    pub requirement: Requirement,
    /// The thread, oldest first.
    pub messages: Vec<Message>,
    /// Why the score is what it is.
    pub score_reasons: Vec<ScoreReason>,
    /// Who it was assigned to, oldest first.
    pub assignments: Vec<Assignment>,
    /// Why it was lost.
    pub lost_reason: Option<LostReason>,
    /// Why it was marked as spam.
    pub spam_reason: Option<String>,
    /// The quotes made from it.
    pub quote_ids: Vec<QuoteId>,
}
