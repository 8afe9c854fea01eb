//! Reading a whole inquiry: the list row plus the buyer's details, the
//! requirement, the thread (oldest first), the score's reasons, the assignment
//! history and the quotes made from it.

use contract::inquiry::{Assignment, Destination, Inquiry, Message, Requirement, ScoreReason};
use contract::money::Money;
use contract::user::UserRef;

use super::push_visible;
use super::row::{InquiryRow, summary_columns};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::sql::{DbConnection, Sql};
use crate::stored::{StoredValueError, enum_from_text, parse_stored, timestamp_from_text};

const DETAIL_SELECT: &str = concat!(
    "SELECT ",
    summary_columns!(),
    ", i.portal_inquiry_id, i.kind, i.product_category, i.buyer_email, i.buyer_phone, \
     i.buyer_city, i.target_price_amount, i.target_price_currency, i.incoterm, \
     i.destination_country, i.destination_place, i.needed_by, i.sample_wanted, i.oem, \
     i.lost_reason, i.spam_reason \
     FROM inquiries i LEFT JOIN users a ON a.id = i.assignee_id"
);

#[derive(sqlx::FromRow)]
struct DetailRow {
    #[sqlx(flatten)]
    summary: InquiryRow,
    portal_inquiry_id: Option<String>,
    kind: String,
    product_category: Option<String>,
    buyer_email: String,
    buyer_phone: Option<String>,
    buyer_city: Option<String>,
    target_price_amount: Option<String>,
    target_price_currency: Option<String>,
    incoterm: Option<String>,
    destination_country: Option<String>,
    destination_place: Option<String>,
    needed_by: Option<String>,
    #[sqlx(try_from = "crate::sql::Flag")]
    sample_wanted: bool,
    #[sqlx(try_from = "crate::sql::Flag")]
    oem: bool,
    lost_reason: Option<String>,
    spam_reason: Option<String>,
}

#[derive(sqlx::FromRow)]
struct MessageRow {
    id: String,
    direction: String,
    author_id: Option<String>,
    author_name: Option<String>,
    body: String,
    sent_at: String,
}

#[derive(sqlx::FromRow)]
struct AssignmentRow {
    assignee_id: Option<String>,
    assignee_name: Option<String>,
    at: String,
    rule: String,
    by_user_id: Option<String>,
    by_name: Option<String>,
    explanation: String,
}

fn user_ref(id: Option<String>, name: Option<String>) -> Result<Option<UserRef>, StoredValueError> {
    match (id, name) {
        (Some(id), Some(name)) => Ok(Some(UserRef {
            id: parse_stored("user id", &id)?,
            name,
        })),
        _ => Ok(None),
    }
}

/// The inquiry `id` as the caller sees it; with `whole_member`, also when it is
/// not assigned to a rep caller (the answer to a change they just made).
pub(super) async fn load(
    connection: &mut DbConnection,
    caller: &Caller,
    id: &str,
    whole_member: bool,
) -> Result<Option<Inquiry>, ApiError> {
    let mut query = Sql::new(DETAIL_SELECT);
    push_visible(&mut query, caller, whole_member);
    query.push(" AND i.id = ");
    query.push_bind(id);
    let Some(row): Option<DetailRow> = query
        .build_query_as()
        .fetch_optional(&mut *connection)
        .await?
    else {
        return Ok(None);
    };

    let messages: Vec<MessageRow> = sqlx::query_as(
        "SELECT m.id, m.direction, m.author_id, u.name AS author_name, m.body, m.sent_at
         FROM inquiry_messages m LEFT JOIN users u ON u.id = m.author_id
         WHERE m.inquiry_id = $1 ORDER BY m.sent_at, m.id",
    )
    .bind(id)
    .fetch_all(&mut *connection)
    .await?;
    let reasons: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT signal, points, detail FROM inquiry_score_reasons
         WHERE inquiry_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *connection)
    .await?;
    let assignments: Vec<AssignmentRow> = sqlx::query_as(
        "SELECT h.assignee_id, a.name AS assignee_name, h.at, h.rule, h.by_user_id,
                b.name AS by_name, h.explanation
         FROM inquiry_assignments h
         LEFT JOIN users a ON a.id = h.assignee_id
         LEFT JOIN users b ON b.id = h.by_user_id
         WHERE h.inquiry_id = $1 ORDER BY h.position",
    )
    .bind(id)
    .fetch_all(&mut *connection)
    .await?;
    let quote_ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM quotes WHERE inquiry_id = $1 AND member_id = $2
         ORDER BY created_at, revision, id",
    )
    .bind(id)
    .bind(caller.member_id.to_string())
    .fetch_all(&mut *connection)
    .await?;

    Ok(Some(Inquiry {
        requirement: requirement(&row)?,
        summary: row.summary.into_summary()?,
        portal_inquiry_id: row.portal_inquiry_id,
        kind: enum_from_text("inquiry kind", &row.kind)?,
        product_category: row.product_category,
        buyer_email: row.buyer_email,
        buyer_phone: row.buyer_phone,
        buyer_city: row.buyer_city,
        messages: messages
            .into_iter()
            .map(|message| {
                Ok(Message {
                    id: parse_stored("message id", &message.id)?,
                    direction: enum_from_text("message direction", &message.direction)?,
                    author: user_ref(message.author_id, message.author_name)?,
                    body: message.body,
                    sent_at: timestamp_from_text(&message.sent_at)?,
                })
            })
            .collect::<Result<_, StoredValueError>>()?,
        score_reasons: reasons
            .into_iter()
            .map(|(signal, points, detail)| {
                Ok(ScoreReason {
                    signal: enum_from_text("score signal", &signal)?,
                    points: i16::try_from(points).unwrap_or_default(),
                    detail,
                })
            })
            .collect::<Result<_, StoredValueError>>()?,
        assignments: assignments
            .into_iter()
            .map(|entry| {
                Ok(Assignment {
                    assignee: user_ref(entry.assignee_id, entry.assignee_name)?,
                    at: timestamp_from_text(&entry.at)?,
                    rule: enum_from_text("assignment rule", &entry.rule)?,
                    by: user_ref(entry.by_user_id, entry.by_name)?,
                    explanation: entry.explanation,
                })
            })
            .collect::<Result<_, StoredValueError>>()?,
        lost_reason: row
            .lost_reason
            .as_deref()
            .map(|reason| enum_from_text("lost reason", reason))
            .transpose()?,
        spam_reason: row.spam_reason,
        quote_ids: quote_ids
            .iter()
            .map(|id| parse_stored("quote id", id))
            .collect::<Result<_, _>>()?,
    }))
}

fn requirement(row: &DetailRow) -> Result<Requirement, StoredValueError> {
    let target_price = match (&row.target_price_amount, &row.target_price_currency) {
        (Some(amount), Some(currency)) => Some(Money {
            amount: parse_stored("target price", amount)?,
            currency: parse_stored("currency", currency)?,
        }),
        _ => None,
    };
    let destination = match &row.destination_country {
        Some(country) => Some(Destination {
            country: parse_stored("country", country)?,
            place: row.destination_place.clone(),
        }),
        None => None,
    };
    let needed_by = row
        .needed_by
        .as_deref()
        .map(|date| {
            time::Date::parse(
                date,
                time::macros::format_description!("[year]-[month]-[day]"),
            )
            .map_err(|error| StoredValueError {
                what: "needed-by date",
                text: date.to_owned(),
                reason: error.to_string(),
            })
        })
        .transpose()?;
    Ok(Requirement {
        quantity: row.summary.quantity()?,
        target_price,
        incoterm: row
            .incoterm
            .as_deref()
            .map(|code| parse_stored("incoterm", code))
            .transpose()?,
        destination,
        needed_by,
        sample_wanted: row.sample_wanted,
        oem: row.oem,
    })
}
