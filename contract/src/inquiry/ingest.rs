//! `POST /ingest/inquiries`: the portal's back end hands over an inquiry a buyer
//! sent to a member. Authenticated by the portal's service token, not a member's.
//! The server links or creates the customer, scores the inquiry and assigns it.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Assignment, InquiryKind, Requirement, ScoreReason};
use crate::country::CountryCode;
use crate::ids::{CustomerId, InquiryId, MemberId, ProductId};
use crate::problem::FieldError;
use crate::validation::FieldErrors;

/// The buyer as the portal knows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct IngestBuyer {
    /// The person's name.
    pub name: String,
    /// Their company; may be empty.
    #[serde(default)]
    pub company: String,
    /// Their e-mail address.
    pub email: String,
    /// Their phone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// Their country.
    pub country: CountryCode,
    /// Their city.
    #[serde(default)]
    pub city: Option<String>,
    /// The language they wrote in (BCP 47), when the portal knows.
    #[serde(default)]
    pub language: Option<String>,
    /// Whether the portal verified them.
    #[serde(default)]
    pub verified: bool,
}

/// The product the inquiry is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct IngestProduct {
    /// The member's product, when the portal knows which.
    #[serde(default)]
    pub product_id: Option<ProductId>,
    /// The product's name as shown to the buyer.
    pub name: String,
    /// The product's category.
    #[serde(default)]
    pub category: Option<String>,
}

/// `POST /ingest/inquiries` body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct IngestInquiry {
    /// The member the buyer wrote to.
    pub member_id: MemberId,
    /// The portal's own id; a second ingest with the same id returns the first result.
    pub portal_inquiry_id: String,
    /// What it is about.
    pub kind: InquiryKind,
    /// Who sent it.
    pub buyer: IngestBuyer,
    /// The product, for product inquiries.
    #[serde(default)]
    pub product: Option<IngestProduct>,
    /// The subject line.
    pub subject: String,
    /// The message, plain text.
    pub message: String,
    /// What the buyer needs.
    #[serde(default)]
    pub requirement: Requirement,
    /// When the buyer sent it; default: now.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub received_at: Option<OffsetDateTime>,
}

impl IngestInquiry {
    /// Checks the inquiry.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = FieldErrors::new();
        errors.check_text(&self.portal_inquiry_id, "/portal_inquiry_id", 1, 100);
        errors.check_text(&self.buyer.name, "/buyer/name", 1, 200);
        errors.check(
            self.buyer.company.chars().count() <= 200,
            "/buyer/company",
            "must have at most 200 characters",
        );
        let email = self.buyer.email.trim();
        errors.check(
            email.len() <= 254
                && email
                    .split_once('@')
                    .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.')),
            "/buyer/email",
            "must be an e-mail address",
        );
        errors.check_text(&self.subject, "/subject", 1, 300);
        errors.check_text(&self.message, "/message", 1, 20_000);
        if let Some(product) = &self.product {
            errors.check_text(&product.name, "/product/name", 1, 300);
        }
        errors.check(
            self.kind != InquiryKind::Product || self.product.is_some(),
            "/product",
            "is required for a product inquiry",
        );
        if let Some(quantity) = &self.requirement.quantity {
            errors.check(
                quantity.value > rust_decimal::Decimal::ZERO,
                "/requirement/quantity/value",
                "must be more than zero",
            );
        }
        errors.finish()
    }
}

/// What became of an ingested inquiry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IngestedInquiry {
    /// The inquiry's id in the CRM.
    pub inquiry_id: InquiryId,
    /// The customer it was linked to (existing or created).
    pub customer_id: CustomerId,
    /// Whether the customer existed before.
    pub returning_customer: bool,
    /// The quality score.
    pub score: u8,
    /// Why.
    pub score_reasons: Vec<ScoreReason>,
    /// Who got it, and why.
    pub assignment: Assignment,
}
