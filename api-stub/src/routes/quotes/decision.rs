//! The buyer's answer to a sent revision, each with `If-Match`: `accept`
//! (sent → accepted; the inquiry → won when its workflow allows) and `reject`
//! (sent → rejected). An expired revision can be neither: revise it.
//!
//! A rejection leaves the inquiry as it is: the buyer turned this offer down,
//! and the seller usually answers with a revision; marking the inquiry lost,
//! with the reason only the seller knows, is a separate decision
//! (`PATCH /inquiries/{id}`).

use axum::extract::State;
use contract::inquiry::InquiryStatus;
use contract::quote::{Quote, QuoteStatus};
use time::OffsetDateTime;

use super::flow::{begin, finish, move_inquiry};
use super::store;
use super::write::{self, Stamp};
use crate::AppState;
use crate::auth::Caller;
use crate::concurrency::{IfMatch, Tagged};
use crate::error::ApiError;
use crate::extract::ApiPath;

/// Records the buyer's decision on a sent revision.
async fn decide(
    state: AppState,
    caller: Caller,
    if_match: IfMatch,
    id: String,
    decision: QuoteStatus,
) -> Result<Tagged<Quote>, ApiError> {
    let now = OffsetDateTime::now_utc();
    let (mut transaction, id, row) = begin(&state, &caller, if_match, &id).await?;
    let verb = if decision == QuoteStatus::Accepted {
        "accepted"
    } else {
        "rejected"
    };
    match row.status()? {
        QuoteStatus::Sent => {}
        QuoteStatus::Expired => {
            return Err(ApiError::Conflict(format!(
                "Revision {} of {} expired after {}; it can no longer be {verb}. \
                 Revise it to send a new offer.",
                row.revision,
                row.number,
                store::date_to_text(row.valid_until()?)
            )));
        }
        status => {
            return Err(ApiError::Conflict(format!(
                "Revision {} of {} is {status}; only a sent quote can be {verb}.",
                row.revision, row.number
            )));
        }
    }
    write::set_status(
        &mut transaction,
        caller.member_id,
        id,
        decision,
        Stamp::DecidedAt,
        now,
    )
    .await?;
    if decision == QuoteStatus::Accepted {
        move_inquiry(
            &mut transaction,
            caller.member_id,
            row.inquiry_id()?,
            InquiryStatus::Won,
            now,
        )
        .await?;
    }
    let quote = finish(&state, &caller, transaction, id, now).await?;
    Ok(Tagged::ok(quote.version, quote))
}

/// Records that the buyer accepted a sent revision that has not expired; the
/// inquiry it answers becomes `won` when its workflow allows.
#[utoipa::path(
    post,
    path = "/quotes/{id}/accept",
    tag = "quotes",
    params(
        ("id" = uuid::Uuid, Path, description = "The sent revision's id"),
        ("If-Match" = String, Header, description = "The ETag of the version the change is based on")
    ),
    responses(
        (status = 200, description = "The revision, now accepted", body = Quote,
         headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "Malformed id or If-Match", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such quote for the caller", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not sent, or expired", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is not the current version", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
pub(super) async fn accept_quote(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<String>,
) -> Result<Tagged<Quote>, ApiError> {
    decide(state, caller, if_match, id, QuoteStatus::Accepted).await
}

/// Records that the buyer rejected a sent revision that has not expired. The
/// inquiry stays as it is (see the module's documentation).
#[utoipa::path(
    post,
    path = "/quotes/{id}/reject",
    tag = "quotes",
    params(
        ("id" = uuid::Uuid, Path, description = "The sent revision's id"),
        ("If-Match" = String, Header, description = "The ETag of the version the change is based on")
    ),
    responses(
        (status = 200, description = "The revision, now rejected", body = Quote,
         headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "Malformed id or If-Match", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such quote for the caller", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not sent, or expired", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is not the current version", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
pub(super) async fn reject_quote(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<String>,
) -> Result<Tagged<Quote>, ApiError> {
    decide(state, caller, if_match, id, QuoteStatus::Rejected).await
}
