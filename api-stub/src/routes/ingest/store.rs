//! Storing an ingested inquiry: the row, the buyer's first message, the search
//! row and the score's reasons.

use contract::ids::{InquiryId, MemberId, MessageId, UserId};
use contract::inquiry::{IngestInquiry, ScoreReason};
use time::OffsetDateTime;

use super::ProductDetails;
use super::link::Linked;
use crate::error::ApiError;
use crate::search::{self, search_text};
use crate::sql::DbConnection;
use crate::stored::{enum_to_text, timestamp_to_text};
use crate::text::preview;

/// Everything the inquiry row needs.
pub(super) struct Stored<'a> {
    pub(super) id: InquiryId,
    pub(super) member: MemberId,
    pub(super) inquiry: &'a IngestInquiry,
    pub(super) customer: &'a Linked,
    pub(super) product: &'a ProductDetails,
    pub(super) received_at: OffsetDateTime,
    pub(super) due_at: OffsetDateTime,
    pub(super) assignee: Option<UserId>,
    pub(super) score: u8,
    pub(super) language: Option<&'a str>,
    pub(super) fingerprint: Option<&'a str>,
    pub(super) now: OffsetDateTime,
}

/// Inserts the inquiry, its first message and its search row.
pub(super) async fn insert(
    connection: &mut DbConnection,
    stored: &Stored<'_>,
) -> Result<(), ApiError> {
    let inquiry = stored.inquiry;
    let buyer = &inquiry.buyer;
    let requirement = &inquiry.requirement;
    let message = inquiry.message.trim();
    let subject = inquiry.subject.trim();
    let id = stored.id.to_string();
    let row_number: i64 = sqlx::query_scalar(
        "INSERT INTO inquiries
             (id, member_id, customer_id, buyer_name, buyer_company, buyer_country,
              buyer_verified, product_name, quantity_value, quantity_unit, subject, message,
              received_at, response_due_at, status, assignee_id, score, unread,
              portal_inquiry_id, kind, product_id, product_category, buyer_email, buyer_phone,
              buyer_city, language, target_price_amount, target_price_currency, incoterm,
              destination_country, destination_place, needed_by, sample_wanted, oem, preview,
              version, updated_at, message_fingerprint)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'new', $15, $16, 1,
                 $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, 1, $34, $35) RETURNING rowid",
    )
    .bind(&id)
    .bind(stored.member.to_string())
    .bind(stored.customer.id.to_string())
    .bind(buyer.name.trim())
    .bind(buyer.company.trim())
    .bind(buyer.country.as_str())
    .bind(i64::from(buyer.verified))
    .bind(&stored.product.name)
    .bind(
        requirement
            .quantity
            .map(|quantity| quantity.value.to_string()),
    )
    .bind(
        requirement
            .quantity
            .map(|quantity| enum_to_text(&quantity.unit)),
    )
    .bind(subject)
    .bind(message)
    .bind(timestamp_to_text(stored.received_at))
    .bind(timestamp_to_text(stored.due_at))
    .bind(stored.assignee.map(|user| user.to_string()))
    .bind(i64::from(stored.score))
    .bind(inquiry.portal_inquiry_id.trim())
    .bind(enum_to_text(&inquiry.kind))
    .bind(&stored.product.id)
    .bind(&stored.product.category)
    .bind(buyer.email.trim())
    .bind(
        buyer
            .phone
            .as_deref()
            .map(str::trim)
            .filter(|phone| !phone.is_empty()),
    )
    .bind(
        buyer
            .city
            .as_deref()
            .map(str::trim)
            .filter(|city| !city.is_empty()),
    )
    .bind(stored.language)
    .bind(
        requirement
            .target_price
            .map(|price| price.amount.to_string()),
    )
    .bind(requirement.target_price.map(|price| price.currency.code()))
    .bind(requirement.incoterm.map(|incoterm| incoterm.code()))
    .bind(
        requirement
            .destination
            .as_ref()
            .map(|destination| destination.country.as_str().to_owned()),
    )
    .bind(
        requirement
            .destination
            .as_ref()
            .and_then(|destination| destination.place.as_deref())
            .map(str::trim),
    )
    .bind(requirement.needed_by.map(|date| date.to_string()))
    .bind(i64::from(requirement.sample_wanted))
    .bind(i64::from(requirement.oem))
    .bind(preview(message))
    .bind(timestamp_to_text(stored.now))
    .bind(stored.fingerprint)
    .fetch_one(&mut *connection)
    .await?;
    sqlx::query(
        "INSERT INTO inquiry_messages (id, inquiry_id, direction, author_id, body, sent_at)
         VALUES ($1, $2, 'from_buyer', NULL, $3, $4)",
    )
    .bind(MessageId(uuid::Uuid::new_v4()).to_string())
    .bind(&id)
    .bind(message)
    .bind(timestamp_to_text(stored.received_at))
    .execute(&mut *connection)
    .await?;
    let buyer_text = [buyer.name.trim(), buyer.company.trim(), buyer.email.trim()].join(" ");
    search::INQUIRIES
        .put(
            connection,
            row_number,
            &[
                &search_text(subject),
                &search_text(message),
                &search_text(&buyer_text),
                &search_text(stored.product.name.as_deref().unwrap_or_default()),
            ],
        )
        .await?;
    Ok(())
}

/// Stores the score's reasons in order.
pub(super) async fn store_reasons(
    connection: &mut DbConnection,
    inquiry: &str,
    reasons: &[ScoreReason],
) -> Result<(), sqlx::Error> {
    for (position, reason) in reasons.iter().enumerate() {
        sqlx::query(
            "INSERT INTO inquiry_score_reasons (inquiry_id, position, signal, points, detail)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(inquiry)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(enum_to_text(&reason.signal))
        .bind(i64::from(reason.points))
        .bind(&reason.detail)
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}
