//! Writing quote revisions: a new draft, a draft's new content, a status change.
//! Every write bumps `version` and `updated_at`; the caller records the change.

use contract::ids::{MemberId, QuoteId, UserId};
use contract::quote::{QuoteLine, QuoteStatus};
use time::OffsetDateTime;

use super::content::Content;
use super::store::{date_to_text, to_json};
use crate::error::ApiError;
use crate::sql::{DbConnection, Sql};
use crate::stored::timestamp_to_text;

/// The identity of a new revision.
pub(super) struct NewRevision<'a> {
    pub(super) id: QuoteId,
    pub(super) member: MemberId,
    pub(super) number: &'a str,
    pub(super) revision: u32,
    pub(super) revised_from: Option<QuoteId>,
    pub(super) created_by: UserId,
    pub(super) at: OffsetDateTime,
}

/// Inserts a new draft revision with `content`.
pub(super) async fn insert(
    connection: &mut DbConnection,
    revision: &NewRevision<'_>,
    content: &Content,
) -> Result<(), ApiError> {
    let at = timestamp_to_text(revision.at);
    sqlx::query(
        "INSERT INTO quotes
             (id, member_id, number, revision, revised_from, status, customer_id, contact_id,
              inquiry_id, currency, valid_until, terms, charges, total, totals, created_by,
              version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $17)",
    )
    .bind(revision.id.to_string())
    .bind(revision.member.to_string())
    .bind(revision.number)
    .bind(i64::from(revision.revision))
    .bind(revision.revised_from.map(|id| id.to_string()))
    .bind(content.customer_id.map(|id| id.to_string()))
    .bind(content.contact_id.map(|id| id.to_string()))
    .bind(content.inquiry_id.map(|id| id.to_string()))
    .bind(content.terms.currency.code())
    .bind(date_to_text(content.terms.valid_until))
    .bind(to_json("quote terms", &content.terms)?)
    .bind(to_json("quote charges", &content.charges)?)
    .bind(content.totals.total.to_string())
    .bind(to_json("quote totals", &content.totals)?)
    .bind(revision.created_by.to_string())
    .bind(&at)
    .bind(&at)
    .execute(&mut *connection)
    .await?;
    insert_lines(connection, revision.id, &content.lines).await
}

/// Replaces the content of draft `id` of `member`, bumping its version.
pub(super) async fn replace(
    connection: &mut DbConnection,
    member: MemberId,
    id: QuoteId,
    content: &Content,
    at: OffsetDateTime,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE quotes SET customer_id = $1, contact_id = $2, inquiry_id = $3, currency = $4,
             valid_until = $5, terms = $6, charges = $7, total = $8, totals = $9,
             version = version + 1, updated_at = $10
         WHERE id = $11 AND member_id = $12",
    )
    .bind(content.customer_id.map(|id| id.to_string()))
    .bind(content.contact_id.map(|id| id.to_string()))
    .bind(content.inquiry_id.map(|id| id.to_string()))
    .bind(content.terms.currency.code())
    .bind(date_to_text(content.terms.valid_until))
    .bind(to_json("quote terms", &content.terms)?)
    .bind(to_json("quote charges", &content.charges)?)
    .bind(content.totals.total.to_string())
    .bind(to_json("quote totals", &content.totals)?)
    .bind(timestamp_to_text(at))
    .bind(id.to_string())
    .bind(member.to_string())
    .execute(&mut *connection)
    .await?;
    // The quote was found for this member above; its lines are its own.
    sqlx::query(
        "DELETE FROM quote_lines WHERE quote_id IN
             (SELECT id FROM quotes WHERE id = $1 AND member_id = $2)",
    )
    .bind(id.to_string())
    .bind(member.to_string())
    .execute(&mut *connection)
    .await?;
    insert_lines(connection, id, &content.lines).await
}

async fn insert_lines(
    connection: &mut DbConnection,
    id: QuoteId,
    lines: &[QuoteLine],
) -> Result<(), ApiError> {
    for line in lines {
        sqlx::query("INSERT INTO quote_lines (quote_id, position, line) VALUES ($1, $2, $3)")
            .bind(id.to_string())
            .bind(i64::from(line.position))
            .bind(to_json("quote line", line)?)
            .execute(&mut *connection)
            .await?;
    }
    Ok(())
}

/// Moves revision `id` of `member` to `status`, bumping its version; `sent_at` or
/// `decided_at` is set to `at` when `stamp` names it.
pub(super) async fn set_status(
    connection: &mut DbConnection,
    member: MemberId,
    id: QuoteId,
    status: QuoteStatus,
    stamp: Stamp,
    at: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    let column = match stamp {
        Stamp::None => None,
        Stamp::SentAt => Some("sent_at"),
        Stamp::DecidedAt => Some("decided_at"),
    };
    let at = timestamp_to_text(at);
    let mut query = Sql::new("UPDATE quotes SET status = ");
    query.push_bind(status.as_str());
    query.push(", version = version + 1, updated_at = ");
    query.push_bind(at.clone());
    if let Some(column) = column {
        // One of two fixed names, never input.
        query.push(", ").push(column).push(" = ").push_bind(at);
    }
    query.push(" WHERE id = ").push_bind(id.to_string());
    query
        .push(" AND member_id = ")
        .push_bind(member.to_string());
    query.build().execute(connection).await?;
    Ok(())
}

/// Which moment a status change records besides `updated_at`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Stamp {
    /// None.
    None,
    /// `sent_at`.
    SentAt,
    /// `decided_at`.
    DecidedAt,
}
