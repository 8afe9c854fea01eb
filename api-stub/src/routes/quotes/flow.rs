//! The seller's steps of a quote revision's flow, each with `If-Match`: `send`
//! (draft → sent; older sent revisions → superseded; the inquiry → quoted) and
//! `revise` (the latest sent, rejected or expired revision → a new draft
//! revision); plus what every step shares (see also [`super::decision`]).

use axum::extract::State;
use contract::ids::{InquiryId, MemberId, QuoteId};
use contract::inquiry::InquiryStatus;
use contract::problem::FieldError;
use contract::quote::{Quote, QuoteStatus};
use sqlx::Transaction;
use time::OffsetDateTime;

use super::draft::{Created, created};
use super::store::{self, QuoteRow};
use super::write::{self, NewRevision, Stamp};
use crate::AppState;
use crate::auth::Caller;
use crate::change_log::{self, Entity};
use crate::concurrency::{IfMatch, Tagged, stored_version};
use crate::error::ApiError;
use crate::extract::{ApiPath, parse_path_id};
use crate::sql::{Db, DbConnection};
use crate::stored::{enum_from_text, parse_stored, timestamp_to_text};

/// A write transaction on revision `id` of the caller's member, after the
/// `If-Match` check: 404 before 412.
pub(super) async fn begin(
    state: &AppState,
    caller: &Caller,
    if_match: IfMatch,
    id: &str,
) -> Result<(Transaction<'static, Db>, QuoteId, QuoteRow), ApiError> {
    let id: QuoteId = parse_path_id("id", id)?;
    let mut transaction = crate::database::begin_write(&state.database).await?;
    let row = store::find_or_404(&mut transaction, caller.member_id, id).await?;
    if_match.check(stored_version(row.version))?;
    Ok((transaction, id, row))
}

/// Records the change of revision `id`, reads it back, commits and wakes the
/// member's change streams.
pub(super) async fn finish(
    state: &AppState,
    caller: &Caller,
    mut transaction: Transaction<'static, Db>,
    id: QuoteId,
    now: OffsetDateTime,
) -> Result<Quote, ApiError> {
    change_log::record(&mut transaction, caller.member_id, Entity::Quote, id, now).await?;
    let quote = store::load(&mut transaction, caller.member_id, id).await?;
    state.changes.commit(transaction, caller.member_id).await?;
    Ok(quote)
}

/// Moves the linked inquiry to `to` when its workflow allows it (and it is not
/// there already), with a version bump and a feed record.
pub(super) async fn move_inquiry(
    connection: &mut DbConnection,
    member: MemberId,
    inquiry: Option<InquiryId>,
    to: InquiryStatus,
    now: OffsetDateTime,
) -> Result<(), ApiError> {
    let Some(inquiry) = inquiry else {
        return Ok(());
    };
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM inquiries WHERE id = $1 AND member_id = $2")
            .bind(inquiry.to_string())
            .bind(member.to_string())
            .fetch_optional(&mut *connection)
            .await?;
    let Some(status) = status else {
        return Ok(());
    };
    let status: InquiryStatus = enum_from_text("inquiry status", &status)?;
    if status == to || !status.can_become(to) {
        return Ok(());
    }
    // Quoted and won are not lost: a lost reason no longer applies.
    sqlx::query(
        "UPDATE inquiries SET status = $1, lost_reason = NULL, version = version + 1,
             updated_at = $2
         WHERE id = $3 AND member_id = $4",
    )
    .bind(to.as_str())
    .bind(timestamp_to_text(now))
    .bind(inquiry.to_string())
    .bind(member.to_string())
    .execute(&mut *connection)
    .await?;
    change_log::record(connection, member, Entity::Inquiry, inquiry, now).await?;
    Ok(())
}

/// Sends a draft: it becomes an immutable revision. It is validated again as of
/// today (a validity date that passed while it was a draft must be moved).
/// Revisions of the same number that were sent before are superseded, and the
/// inquiry it answers becomes `quoted` when its workflow allows.
#[utoipa::path(
    post,
    path = "/quotes/{id}/send",
    tag = "quotes",
    params(
        ("id" = uuid::Uuid, Path, description = "The draft revision's id"),
        ("If-Match" = String, Header, description = "The ETag of the version the change is based on")
    ),
    responses(
        (status = 200, description = "The revision, now sent", body = Quote,
         headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "Malformed id or If-Match", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such quote for the caller", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft, or another revision was already accepted", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is not the current version", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The draft no longer passes validation, or names no recipient", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
pub(super) async fn send_quote(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<String>,
) -> Result<Tagged<Quote>, ApiError> {
    let now = OffsetDateTime::now_utc();
    let (mut transaction, id, row) = begin(&state, &caller, if_match, &id).await?;
    let member = caller.member_id;
    let status = row.status()?;
    if status != QuoteStatus::Draft {
        return Err(ApiError::Conflict(format!(
            "Revision {} of {} is {status}; only a draft can be sent.",
            row.revision, row.number
        )));
    }
    let accepted: Option<i64> = sqlx::query_scalar(
        "SELECT revision FROM quotes WHERE member_id = $1 AND number = $2 AND status = 'accepted'",
    )
    .bind(member.to_string())
    .bind(&row.number)
    .fetch_optional(&mut *transaction)
    .await?;
    if let Some(accepted) = accepted {
        return Err(ApiError::Conflict(format!(
            "The buyer already accepted revision {accepted} of {}; a later revision cannot \
             be sent. Start a new quote for a new offer.",
            row.number
        )));
    }
    let lines = store::lines(&mut transaction, member, &row.id).await?;
    let content = row.content(lines)?;
    let mut errors = content
        .to_draft()
        .validate(now.date())
        .err()
        .unwrap_or_default();
    if content.customer_id.is_none() && content.inquiry_id.is_none() {
        errors.push(FieldError {
            field: "/customer_id".to_owned(),
            message: "is required to send a quote (or an inquiry_id to answer)".to_owned(),
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }

    write::set_status(
        &mut transaction,
        member,
        id,
        QuoteStatus::Sent,
        Stamp::SentAt,
        now,
    )
    .await?;
    let earlier: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM quotes
         WHERE member_id = $1 AND number = $2 AND revision < $3 AND status = 'sent'",
    )
    .bind(member.to_string())
    .bind(&row.number)
    .bind(row.revision)
    .fetch_all(&mut *transaction)
    .await?;
    for earlier in earlier {
        let earlier: QuoteId = parse_stored("quote id", &earlier)?;
        write::set_status(
            &mut transaction,
            member,
            earlier,
            QuoteStatus::Superseded,
            Stamp::None,
            now,
        )
        .await?;
        change_log::record(&mut transaction, member, Entity::Quote, earlier, now).await?;
    }
    move_inquiry(
        &mut transaction,
        member,
        content.inquiry_id,
        InquiryStatus::Quoted,
        now,
    )
    .await?;
    let quote = finish(&state, &caller, transaction, id, now).await?;
    Ok(Tagged::ok(quote.version, quote))
}

/// Starts the next revision of a quote: a new draft with the same number,
/// `revised_from` this revision, and a copy of its content. Only the latest
/// revision can be revised, and only once it was sent, rejected or has expired.
#[utoipa::path(
    post,
    path = "/quotes/{id}/revise",
    tag = "quotes",
    params(
        ("id" = uuid::Uuid, Path, description = "The latest revision's id"),
        ("If-Match" = String, Header, description = "The ETag of the version the change is based on")
    ),
    responses(
        (status = 201, description = "The new draft revision", body = Quote, headers(
            ("Location" = String, description = "The new revision's URL"),
            ("ETag" = String, description = "Its version, for If-Match")
        )),
        (status = 400, description = "Malformed id or If-Match", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such quote for the caller", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not the latest revision, or a draft or accepted one", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is not the current version", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
pub(super) async fn revise_quote(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<String>,
) -> Result<Created, ApiError> {
    let now = OffsetDateTime::now_utc();
    let (mut transaction, id, row) = begin(&state, &caller, if_match, &id).await?;
    let member = caller.member_id;
    let latest: i64 =
        sqlx::query_scalar("SELECT MAX(revision) FROM quotes WHERE member_id = $1 AND number = $2")
            .bind(member.to_string())
            .bind(&row.number)
            .fetch_one(&mut *transaction)
            .await?;
    if latest > row.revision {
        return Err(ApiError::Conflict(format!(
            "Revision {latest} of {} is the latest; revise that one.",
            row.number
        )));
    }
    match row.status()? {
        QuoteStatus::Sent | QuoteStatus::Rejected | QuoteStatus::Expired => {}
        QuoteStatus::Draft => {
            return Err(ApiError::Conflict(format!(
                "Revision {} of {} is still a draft; edit it (PUT /quotes/{id}) instead.",
                row.revision, row.number
            )));
        }
        status => {
            return Err(ApiError::Conflict(format!(
                "Revision {} of {} is {status}; only a sent, rejected or expired quote \
                 can be revised.",
                row.revision, row.number
            )));
        }
    }
    let lines = store::lines(&mut transaction, member, &row.id).await?;
    let content = row.content(lines)?;
    let new_id = QuoteId(uuid::Uuid::new_v4());
    let revision = NewRevision {
        id: new_id,
        member,
        number: &row.number,
        revision: u32::try_from(row.revision + 1).unwrap_or(u32::MAX),
        revised_from: Some(id),
        created_by: caller.user_id,
        at: now,
    };
    write::insert(&mut transaction, &revision, &content).await?;
    let quote = finish(&state, &caller, transaction, new_id, now).await?;
    Ok(created(quote))
}
