//! How a quote revision is stored and read back: the row of `quotes` (terms,
//! charges and totals as the contract's JSON) and its `quote_lines`, and the
//! status a reader sees (a sent quote past its validity date reads as expired).

use contract::ids::{InquiryId, MemberId, QuoteId};
use contract::quote::{Quote, QuoteLine, QuoteStatus, QuoteSummary};
use contract::user::UserRef;
use serde::Serialize;
use serde::de::DeserializeOwned;
use time::Date;
use time::macros::format_description;

use super::content::Content;
use crate::concurrency::stored_version;
use crate::error::ApiError;
use crate::sql::DbConnection;
use crate::stored::{StoredValueError, enum_from_text, parse_stored, timestamp_from_text};

/// The status a reader sees: a sent revision whose last valid day is before today
/// (UTC) is expired. Expiry is computed on read, never written: the row stays
/// `sent`, so nothing has to run at midnight and the version does not change.
macro_rules! effective_status {
    () => {
        "CASE WHEN q.status = 'sent' AND q.valid_until < CAST(CURRENT_DATE AS TEXT) THEN 'expired' \
         ELSE q.status END"
    };
}

/// The `SELECT … FROM` of every quote read; callers append `WHERE …` and must
/// scope it with `q.member_id`.
pub(super) const QUOTE_SELECT: &str = concat!(
    "SELECT q.id, q.number, q.revision, q.revised_from, ",
    effective_status!(),
    " AS status, q.customer_id, c.name AS customer_name, q.contact_id, q.inquiry_id, \
     q.currency, q.valid_until, q.terms, q.charges, q.total, q.totals, q.sent_at, \
     q.decided_at, q.created_by, u.name AS created_by_name, q.version, q.created_at, \
     q.updated_at \
     FROM quotes q \
     LEFT JOIN customers c ON c.id = q.customer_id AND c.member_id = q.member_id \
     JOIN users u ON u.id = q.created_by AND u.member_id = q.member_id"
);

/// The status expression, for filters.
pub(super) const EFFECTIVE_STATUS: &str = effective_status!();

/// One row of [`QUOTE_SELECT`].
#[derive(Debug, sqlx::FromRow)]
pub(super) struct QuoteRow {
    pub(super) id: String,
    pub(super) number: String,
    pub(super) revision: i64,
    revised_from: Option<String>,
    status: String,
    customer_id: Option<String>,
    customer_name: Option<String>,
    contact_id: Option<String>,
    inquiry_id: Option<String>,
    currency: String,
    valid_until: String,
    terms: String,
    charges: String,
    total: String,
    totals: String,
    sent_at: Option<String>,
    decided_at: Option<String>,
    created_by: String,
    created_by_name: String,
    pub(super) version: i64,
    created_at: String,
    pub(super) updated_at: String,
}

fn optional<T>(what: &'static str, text: Option<&str>) -> Result<Option<T>, StoredValueError>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    text.map(|text| parse_stored(what, text)).transpose()
}

fn from_json<T: DeserializeOwned>(what: &'static str, text: &str) -> Result<T, StoredValueError> {
    serde_json::from_str(text).map_err(|error| StoredValueError {
        what,
        text: text.to_owned(),
        reason: error.to_string(),
    })
}

/// A contract value as stored JSON.
pub(super) fn to_json<T: Serialize>(what: &'static str, value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|error| {
        ApiError::StoredValue(StoredValueError {
            what,
            text: String::new(),
            reason: error.to_string(),
        })
    })
}

/// `YYYY-MM-DD`, as `valid_until` is stored.
pub(super) fn date_to_text(date: Date) -> String {
    date.format(format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}

fn date_from_text(text: &str) -> Result<Date, StoredValueError> {
    Date::parse(text, format_description!("[year]-[month]-[day]")).map_err(|error| {
        StoredValueError {
            what: "date",
            text: text.to_owned(),
            reason: error.to_string(),
        }
    })
}

impl QuoteRow {
    pub(super) fn status(&self) -> Result<QuoteStatus, StoredValueError> {
        enum_from_text("quote status", &self.status)
    }

    pub(super) fn valid_until(&self) -> Result<Date, StoredValueError> {
        date_from_text(&self.valid_until)
    }

    pub(super) fn inquiry_id(&self) -> Result<Option<InquiryId>, StoredValueError> {
        optional("inquiry id", self.inquiry_id.as_deref())
    }

    pub(super) fn into_summary(self) -> Result<QuoteSummary, StoredValueError> {
        Ok(QuoteSummary {
            id: parse_stored("quote id", &self.id)?,
            status: self.status()?,
            valid_until: self.valid_until()?,
            inquiry_id: self.inquiry_id()?,
            number: self.number,
            revision: u32::try_from(self.revision).unwrap_or(1),
            customer_id: optional("customer id", self.customer_id.as_deref())?,
            customer_name: self.customer_name,
            currency: parse_stored("currency", &self.currency)?,
            total: parse_stored("total", &self.total)?,
            version: stored_version(self.version),
            updated_at: timestamp_from_text(&self.updated_at)?,
        })
    }

    /// The content a draft of this revision holds.
    pub(super) fn content(&self, lines: Vec<QuoteLine>) -> Result<Content, StoredValueError> {
        Ok(Content {
            customer_id: optional("customer id", self.customer_id.as_deref())?,
            contact_id: optional("contact id", self.contact_id.as_deref())?,
            inquiry_id: self.inquiry_id()?,
            terms: from_json("quote terms", &self.terms)?,
            lines,
            charges: from_json("quote charges", &self.charges)?,
            totals: from_json("quote totals", &self.totals)?,
        })
    }

    pub(super) fn into_quote(self, lines: Vec<QuoteLine>) -> Result<Quote, StoredValueError> {
        let content = self.content(lines)?;
        Ok(Quote {
            id: parse_stored("quote id", &self.id)?,
            status: self.status()?,
            revised_from: optional("quote id", self.revised_from.as_deref())?,
            number: self.number,
            revision: u32::try_from(self.revision).unwrap_or(1),
            customer_id: content.customer_id,
            contact_id: content.contact_id,
            inquiry_id: content.inquiry_id,
            terms: content.terms,
            lines: content.lines,
            charges: content.charges,
            totals: content.totals,
            sent_at: self
                .sent_at
                .map(|at| timestamp_from_text(&at))
                .transpose()?,
            decided_at: self
                .decided_at
                .map(|at| timestamp_from_text(&at))
                .transpose()?,
            created_by: UserRef {
                id: parse_stored("user id", &self.created_by)?,
                name: self.created_by_name,
            },
            version: stored_version(self.version),
            created_at: timestamp_from_text(&self.created_at)?,
            updated_at: timestamp_from_text(&self.updated_at)?,
        })
    }
}

/// The revision `id` of `member`, or `None`.
pub(super) async fn find(
    connection: &mut DbConnection,
    member: MemberId,
    id: QuoteId,
) -> Result<Option<QuoteRow>, sqlx::Error> {
    sqlx::query_as(&[QUOTE_SELECT, " WHERE q.id = $1 AND q.member_id = $2"].concat())
        .bind(id.to_string())
        .bind(member.to_string())
        .fetch_optional(connection)
        .await
}

/// Like [`find`], answering 404 when there is no such revision for the member.
pub(super) async fn find_or_404(
    connection: &mut DbConnection,
    member: MemberId,
    id: QuoteId,
) -> Result<QuoteRow, ApiError> {
    find(connection, member, id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("There is no quote {id}.")))
}

/// The lines of a revision of `member`, in display order.
pub(super) async fn lines(
    connection: &mut DbConnection,
    member: MemberId,
    id: &str,
) -> Result<Vec<QuoteLine>, ApiError> {
    let texts: Vec<String> = sqlx::query_scalar(
        "SELECT l.line FROM quote_lines l JOIN quotes q ON q.id = l.quote_id
         WHERE l.quote_id = $1 AND q.member_id = $2 ORDER BY l.position",
    )
    .bind(id)
    .bind(member.to_string())
    .fetch_all(connection)
    .await?;
    Ok(texts
        .iter()
        .map(|text| from_json("quote line", text))
        .collect::<Result<_, _>>()?)
}

/// The whole revision `id` of `member`, with its lines; 404 when there is none.
pub(super) async fn load(
    connection: &mut DbConnection,
    member: MemberId,
    id: QuoteId,
) -> Result<Quote, ApiError> {
    let row = find_or_404(connection, member, id).await?;
    let lines = lines(connection, member, &row.id).await?;
    Ok(row.into_quote(lines)?)
}
