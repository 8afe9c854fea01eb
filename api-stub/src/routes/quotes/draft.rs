//! `POST /quotes` (a new quote: revision 1, a draft, under the id the client
//! chose or a fresh one) and `PUT /quotes/{id}` (replace a draft's content),
//! with the checks both share: the contract's [`QuoteDraft::validate`], the ids
//! it names belong to the caller's member and agree with each other, and the
//! client's `expected_total` is the server's.

use axum::extract::State;
use axum::http::HeaderName;
use axum::http::header::LOCATION;
use contract::ids::{CustomerId, MemberId, QuoteId};
use contract::problem::FieldError;
use contract::quote::{Quote, QuoteDraft, QuoteStatus};
use time::{Date, OffsetDateTime};

use super::content::{Content, expected_total_error};
use super::store;
use super::write::{self, NewRevision};
use crate::AppState;
use crate::auth::Caller;
use crate::change_log::{self, Entity};
use crate::concurrency::{IfMatch, Tagged, stored_version};
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath, parse_path_id};
use crate::sql::DbConnection;
use crate::stored::parse_stored;

/// A 201 answer: `Location` of the new revision, its `ETag` and body.
pub(super) type Created = ([(HeaderName, String); 1], Tagged<Quote>);

/// The answer for a revision just created.
pub(super) fn created(quote: Quote) -> Created {
    let location = [contract::API_PREFIX, "/quotes/", &quote.id.to_string()].concat();
    (
        [(LOCATION, location)],
        Tagged::created(quote.version, quote),
    )
}

/// Whether a customer of `member` has this id.
async fn customer_exists(
    connection: &mut DbConnection,
    member: MemberId,
    id: CustomerId,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM customers WHERE id = $1 AND member_id = $2")
            .bind(id.to_string())
            .bind(member.to_string())
            .fetch_optional(connection)
            .await?;
    Ok(found.is_some())
}

fn error(field: &str, message: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message: message.to_owned(),
    }
}

/// Checks that the inquiry, customer, contact and products a draft names are the
/// member's and agree with each other. A draft naming no customer gets the
/// inquiry's, or else the contact's.
async fn check_references(
    connection: &mut DbConnection,
    member: MemberId,
    draft: &mut QuoteDraft,
) -> Result<Vec<FieldError>, ApiError> {
    let mut errors = Vec::new();
    let mut inquiry_customer: Option<CustomerId> = None;
    if let Some(inquiry_id) = draft.inquiry_id {
        let found: Option<Option<String>> = sqlx::query_scalar(
            "SELECT customer_id FROM inquiries WHERE id = $1 AND member_id = $2",
        )
        .bind(inquiry_id.to_string())
        .bind(member.to_string())
        .fetch_optional(&mut *connection)
        .await?;
        match found {
            None => errors.push(error("/inquiry_id", "is not an inquiry of yours")),
            Some(customer) => {
                inquiry_customer = customer
                    .map(|id| parse_stored("customer id", &id))
                    .transpose()?;
            }
        }
    }
    let mut contact_customer: Option<CustomerId> = None;
    if let Some(contact_id) = draft.contact_id {
        let found: Option<String> = sqlx::query_scalar(
            "SELECT k.customer_id FROM contacts k JOIN customers c ON c.id = k.customer_id
             WHERE k.id = $1 AND c.member_id = $2",
        )
        .bind(contact_id.to_string())
        .bind(member.to_string())
        .fetch_optional(&mut *connection)
        .await?;
        match found {
            None => errors.push(error("/contact_id", "is not a contact of yours")),
            Some(customer) => contact_customer = Some(parse_stored("customer id", &customer)?),
        }
    }
    match draft.customer_id {
        Some(customer) => {
            if !customer_exists(connection, member, customer).await? {
                errors.push(error("/customer_id", "is not a customer of yours"));
            } else if inquiry_customer.is_some_and(|linked| linked != customer) {
                errors.push(error(
                    "/customer_id",
                    "is not the customer the inquiry is linked to",
                ));
            }
        }
        None => draft.customer_id = inquiry_customer.or(contact_customer),
    }
    if contact_customer.is_some() && contact_customer != draft.customer_id {
        errors.push(error(
            "/contact_id",
            "is not a contact of the quote's customer",
        ));
    }
    for (index, line) in draft.lines.iter().enumerate() {
        let Some(product_id) = line.product_id else {
            continue;
        };
        let found: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM products WHERE id = $1 AND member_id = $2")
                .bind(product_id.to_string())
                .bind(member.to_string())
                .fetch_optional(&mut *connection)
                .await?;
        if found.is_none() {
            errors.push(FieldError {
                field: format!("/lines/{index}/product_id"),
                message: "is not a product of your catalog".to_owned(),
            });
        }
    }
    Ok(errors)
}

/// The error of a draft whose `id` names another quote than the one it replaces
/// (`path_id`, for `PUT`; a `POST` may name any id).
fn id_error(draft: &QuoteDraft, path_id: Option<QuoteId>) -> Option<FieldError> {
    match (draft.id, path_id) {
        (Some(chosen), Some(path_id)) if chosen != path_id => Some(error(
            "/id",
            "must be absent or the id of the quote in the path",
        )),
        _ => None,
    }
}

/// The content of `draft` once every check passed, or a 422 naming each problem.
/// `path_id` is the id of the draft it replaces, if any.
async fn checked_content(
    connection: &mut DbConnection,
    member: MemberId,
    mut draft: QuoteDraft,
    path_id: Option<QuoteId>,
    today: Date,
) -> Result<Content, ApiError> {
    let mut errors = draft.validate(today).err().unwrap_or_default();
    let figures_valid = errors.is_empty();
    errors.extend(id_error(&draft, path_id));
    errors.extend(check_references(connection, member, &mut draft).await?);
    // The figures of an invalid draft mean nothing; compare totals only when sound.
    if figures_valid {
        let expected = draft.expected_total;
        let content = Content::from_draft(draft);
        errors.extend(expected_total_error(expected, &content));
        if errors.is_empty() {
            return Ok(content);
        }
    }
    Err(ApiError::Validation(errors))
}

/// Whether `member` has a quote revision with this id.
async fn quote_exists(
    connection: &mut DbConnection,
    member: MemberId,
    id: QuoteId,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM quotes WHERE id = $1 AND member_id = $2")
            .bind(id.to_string())
            .bind(member.to_string())
            .fetch_optional(connection)
            .await?;
    Ok(found.is_some())
}

/// The 409 for a chosen id that a quote already has.
fn id_taken(id: QuoteId) -> ApiError {
    ApiError::Conflict(format!(
        "A quote with id {id} already exists. Send a retried request with the same \
         Idempotency-Key; choose a fresh id for a new quote."
    ))
}

/// Turns the failed insert of a quote whose id another member's quote has into
/// the same 409 as for one of the caller's own (the lookup before it is scoped
/// to the caller's member, so it cannot see the other's). The number cannot
/// clash: it is taken in the same immediate transaction.
fn taken_if_duplicate(error: ApiError, id: QuoteId) -> ApiError {
    match &error {
        ApiError::Database(sqlx::Error::Database(database)) if database.is_unique_violation() => {
            id_taken(id)
        }
        _ => error,
    }
}

/// The next quote number of `member` in `year`: `Q-2026-0001`, `Q-2026-0002`…,
/// taken in the caller's write transaction. `quote_numbers` keeps the last one
/// taken, so this costs the same however many quotes the member has; its row is
/// made on the member's first quote of the year, after the highest number the
/// member's quotes already have (those of a database made before the table, or
/// seeded). A number is never given twice, even once its quote is gone.
async fn next_number(
    connection: &mut DbConnection,
    member: MemberId,
    year: i32,
) -> Result<String, sqlx::Error> {
    let raised: Option<i64> = sqlx::query_scalar(
        "UPDATE quote_numbers SET last = last + 1 WHERE member_id = $1 AND year = $2
         RETURNING last",
    )
    .bind(member.to_string())
    .bind(i64::from(year))
    .fetch_optional(&mut *connection)
    .await?;
    let prefix = format!("Q-{year}-");
    let sequence = match raised {
        Some(sequence) => sequence,
        None => {
            let length = i64::try_from(prefix.len()).unwrap_or(i64::MAX);
            sqlx::query_scalar(
                "INSERT INTO quote_numbers (member_id, year, last)
                 SELECT $1, $2, COALESCE(MAX(CAST(substr(number, CAST($3 AS INTEGER) + 1) AS BIGINT)), 0) + 1
                 FROM quotes WHERE member_id = $1 AND substr(number, 1, CAST($3 AS INTEGER)) = $4
                 RETURNING last",
            )
            .bind(member.to_string())
            .bind(i64::from(year))
            .bind(length)
            .bind(&prefix)
            .fetch_one(&mut *connection)
            .await?
        }
    };
    Ok(format!("{prefix}{sequence:04}"))
}

/// Creates a quote: revision 1 of a new number, a draft, with the `id` the client
/// chose (so that it can edit the quote before this answer reaches it) or a
/// fresh one. Lines' figures and the totals are computed by the contract's
/// arithmetic; a client that sends `expected_total` learns at once if its own
/// total differs.
#[utoipa::path(
    post,
    path = "/quotes",
    tag = "quotes",
    request_body = QuoteDraft,
    responses(
        (status = 201, description = "The new draft", body = Quote, headers(
            ("Location" = String, description = "The new revision's URL"),
            ("ETag" = String, description = "Its version, for If-Match")
        )),
        (status = 400, description = "Malformed JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "A quote with the chosen `id` already exists", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, ids that are not the caller's member's, or an `expected_total` other than the server's", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
pub(super) async fn create_quote(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(draft): ApiJson<QuoteDraft>,
) -> Result<Created, ApiError> {
    let now = OffsetDateTime::now_utc();
    // Immediate: the number is read and taken in one write transaction.
    let mut transaction = crate::database::begin_write(&state.database).await?;
    let id = draft.id.unwrap_or_else(|| QuoteId(uuid::Uuid::new_v4()));
    if quote_exists(&mut transaction, caller.member_id, id).await? {
        return Err(id_taken(id));
    }
    let content =
        checked_content(&mut transaction, caller.member_id, draft, None, now.date()).await?;
    let number = next_number(&mut transaction, caller.member_id, now.year()).await?;
    let revision = NewRevision {
        id,
        member: caller.member_id,
        number: &number,
        revision: 1,
        revised_from: None,
        created_by: caller.user_id,
        at: now,
    };
    write::insert(&mut transaction, &revision, &content)
        .await
        .map_err(|error| taken_if_duplicate(error, id))?;
    change_log::record(&mut transaction, caller.member_id, Entity::Quote, id, now).await?;
    let quote = store::load(&mut transaction, caller.member_id, id).await?;
    state.changes.commit(transaction, caller.member_id).await?;
    Ok(created(quote))
}

/// Replaces the whole content of a draft. A revision that was sent is frozen:
/// revise it to get a new draft instead. The body's `id`, when given, must be
/// the path's.
#[utoipa::path(
    put,
    path = "/quotes/{id}",
    tag = "quotes",
    params(("id" = uuid::Uuid, Path, description = "The draft revision's id")),
    request_body = QuoteDraft,
    responses(
        (status = 200, description = "The draft as saved", body = Quote,
         headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "Malformed id, JSON or If-Match", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such quote for the caller", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The revision is not a draft; revise it instead", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is not the current version", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, an `id` other than the path's, ids that are not the caller's member's, or an `expected_total` other than the server's", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
pub(super) async fn replace_quote(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<String>,
    ApiJson(draft): ApiJson<QuoteDraft>,
) -> Result<Tagged<Quote>, ApiError> {
    let id: QuoteId = parse_path_id("id", &id)?;
    let now = OffsetDateTime::now_utc();
    let mut transaction = crate::database::begin_write(&state.database).await?;
    let row = store::find_or_404(&mut transaction, caller.member_id, id).await?;
    if_match.check(stored_version(row.version))?;
    let status = row.status()?;
    if status != QuoteStatus::Draft {
        return Err(ApiError::Conflict(format!(
            "Revision {} of {} is {status}, and only a draft can be edited. To change it, \
             revise it (POST /quotes/{id}/revise) and edit the new draft.",
            row.revision, row.number
        )));
    }
    let content = checked_content(
        &mut transaction,
        caller.member_id,
        draft,
        Some(id),
        now.date(),
    )
    .await?;
    write::replace(&mut transaction, caller.member_id, id, &content, now).await?;
    change_log::record(&mut transaction, caller.member_id, Entity::Quote, id, now).await?;
    let quote = store::load(&mut transaction, caller.member_id, id).await?;
    state.changes.commit(transaction, caller.member_id).await?;
    Ok(Tagged::ok(quote.version, quote))
}
