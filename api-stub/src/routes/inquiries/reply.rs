//! `POST /inquiries/{id}/replies`: the member answers the buyer. The reply joins
//! the thread; the first one stops the response clock; a `new` inquiry becomes
//! `open`; the inquiry counts as read. The change feed learns of the inquiry and
//! of its customer (whose last contact moved).

use contract::ids::{InquiryId, MessageId};
use contract::inquiry::{InquiryStatus, Message, MessageDirection, NewReply};
use contract::user::UserRef;
use contract::version::Version;

use super::push_visible;
use crate::AppState;
use crate::auth::Caller;
use crate::change_log::{self, Entity};
use crate::concurrency::stored_version;
use crate::error::ApiError;
use crate::sql::Sql;
use crate::stored::{enum_from_text, timestamp_to_text};

/// Appends the caller's reply to inquiry `id`; returns the message and the
/// inquiry's new version.
pub(super) async fn create(
    state: &AppState,
    caller: &Caller,
    id: InquiryId,
    reply: &NewReply,
) -> Result<(Version, Message), ApiError> {
    reply.validate().map_err(ApiError::Validation)?;
    let mut transaction = crate::database::begin_write(&state.database).await?;
    let mut query = Sql::new("SELECT i.status, i.version, i.customer_id FROM inquiries i");
    push_visible(&mut query, caller, false);
    query.push(" AND i.id = ");
    query.push_bind(id.to_string());
    let (status, version, customer): (String, i64, Option<String>) = query
        .build_query_as()
        .fetch_optional(&mut *transaction)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("There is no inquiry {id}.")))?;
    let status: InquiryStatus = enum_from_text("status", &status)?;
    if status == InquiryStatus::Spam {
        return Err(ApiError::Conflict(
            "This inquiry is marked as spam; reopen it before replying.".to_owned(),
        ));
    }
    let author: String =
        sqlx::query_scalar("SELECT name FROM users WHERE id = $1 AND member_id = $2")
            .bind(caller.user_id.to_string())
            .bind(caller.member_id.to_string())
            .fetch_one(&mut *transaction)
            .await?;

    let now = super::now_as_stored();
    let message = Message {
        id: MessageId(uuid::Uuid::new_v4()),
        direction: MessageDirection::ToBuyer,
        author: Some(UserRef {
            id: caller.user_id,
            name: author,
        }),
        body: reply.body.trim().to_owned(),
        sent_at: now,
    };
    sqlx::query(
        "INSERT INTO inquiry_messages (id, inquiry_id, direction, author_id, body, sent_at)
         VALUES ($1, $2, 'to_buyer', $3, $4, $5)",
    )
    .bind(message.id.to_string())
    .bind(id.to_string())
    .bind(caller.user_id.to_string())
    .bind(&message.body)
    .bind(timestamp_to_text(now))
    .execute(&mut *transaction)
    .await?;
    sqlx::query(
        "UPDATE inquiries SET first_response_at = coalesce(first_response_at, $1),
                status = CASE status WHEN 'new' THEN 'open' ELSE status END,
                unread = 0, version = version + 1, updated_at = $1
         WHERE id = $2 AND member_id = $3",
    )
    .bind(timestamp_to_text(now))
    .bind(id.to_string())
    .bind(caller.member_id.to_string())
    .execute(&mut *transaction)
    .await?;
    change_log::record(&mut transaction, caller.member_id, Entity::Inquiry, id, now).await?;
    if let Some(customer) = customer {
        // The customer's last contact moved.
        change_log::record(
            &mut transaction,
            caller.member_id,
            Entity::Customer,
            customer,
            now,
        )
        .await?;
    }
    state.changes.commit(transaction, caller.member_id).await?;
    Ok((stored_version(version).next(), message))
}
