//! Reading an inquiry row into the contract's [`InquirySummary`].

use contract::inquiry::{BuyerSnapshot, InquirySummary};
use contract::quantity::Quantity;
use contract::user::UserRef;

use crate::stored::{StoredValueError, enum_from_text, parse_stored, timestamp_from_text};

/// The columns of [`InquiryRow`], for queries that add their own.
macro_rules! summary_columns {
    () => {
        "i.id, i.customer_id, i.buyer_name, i.buyer_company, \
         i.buyer_country, i.buyer_verified, i.product_name, i.quantity_value, i.quantity_unit, \
         i.subject, i.preview, i.received_at, i.response_due_at, i.first_response_at, i.status, \
         i.assignee_id, a.name AS assignee_name, i.score, i.unread, i.language, i.version, \
         i.updated_at, i.due_rank, i.due_at, \
         (SELECT json_group_array(t.tag) FROM inquiry_tags t WHERE t.inquiry_id = i.id) AS tags"
    };
}
pub(super) use summary_columns;

/// The `SELECT … FROM` part of every summary query; callers append `WHERE …`.
pub(super) const SUMMARY_SELECT: &str = concat!(
    "SELECT ",
    summary_columns!(),
    " FROM inquiries i LEFT JOIN users a ON a.id = i.assignee_id"
);

#[derive(Debug, sqlx::FromRow)]
pub(super) struct InquiryRow {
    pub(super) id: String,
    customer_id: Option<String>,
    buyer_name: String,
    buyer_company: String,
    buyer_country: String,
    #[sqlx(try_from = "crate::sql::Flag")]
    buyer_verified: bool,
    product_name: Option<String>,
    quantity_value: Option<String>,
    quantity_unit: Option<String>,
    subject: String,
    preview: String,
    pub(super) received_at: String,
    /// 0 while a first reply is awaited, 1 after (the due order's first key).
    pub(super) due_rank: i64,
    /// The due order's second key.
    pub(super) due_at: String,
    response_due_at: Option<String>,
    first_response_at: Option<String>,
    language: Option<String>,
    version: i64,
    updated_at: String,
    status: String,
    assignee_id: Option<String>,
    assignee_name: Option<String>,
    pub(super) score: i64,
    #[sqlx(try_from = "crate::sql::Flag")]
    unread: bool,
    tags: String,
}

impl InquiryRow {
    /// The quantity the buyer asked for.
    pub(super) fn quantity(&self) -> Result<Option<Quantity>, StoredValueError> {
        match (&self.quantity_value, &self.quantity_unit) {
            (Some(value), Some(unit)) => Ok(Some(Quantity {
                value: parse_stored("quantity", value)?,
                unit: enum_from_text("unit", unit)?,
            })),
            _ => Ok(None),
        }
    }

    pub(super) fn into_summary(self) -> Result<InquirySummary, StoredValueError> {
        let quantity = self.quantity()?;
        let assignee = match (self.assignee_id, self.assignee_name) {
            (Some(id), Some(name)) => Some(UserRef {
                id: parse_stored("user id", &id)?,
                name,
            }),
            _ => None,
        };
        let mut tags: Vec<String> =
            serde_json::from_str(&self.tags).map_err(|error| StoredValueError {
                what: "tag list",
                text: self.tags.clone(),
                reason: error.to_string(),
            })?;
        tags.sort();
        Ok(InquirySummary {
            id: parse_stored("inquiry id", &self.id)?,
            buyer: BuyerSnapshot {
                name: self.buyer_name,
                company: self.buyer_company,
                country: parse_stored("country", &self.buyer_country)?,
                verified: self.buyer_verified,
            },
            customer_id: self
                .customer_id
                .map(|id| parse_stored("customer id", &id))
                .transpose()?,
            product_name: self.product_name,
            quantity,
            subject: self.subject,
            preview: self.preview,
            received_at: timestamp_from_text(&self.received_at)?,
            response_due_at: self
                .response_due_at
                .map(|due| timestamp_from_text(&due))
                .transpose()?,
            first_response_at: self
                .first_response_at
                .map(|at| timestamp_from_text(&at))
                .transpose()?,
            language: self.language,
            version: crate::concurrency::stored_version(self.version),
            updated_at: timestamp_from_text(&self.updated_at)?,
            status: enum_from_text("status", &self.status)?,
            assignee,
            score: u8::try_from(self.score.clamp(0, 100)).unwrap_or_default(),
            unread: self.unread,
            tags,
        })
    }
}
