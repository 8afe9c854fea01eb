//! Quotations: `GET /quotes` (most recently changed first, keyset-paginated),
//! `GET /quotes/{id}` and `GET /quotes/{id}/revisions`, plus the writes in
//! [`draft`] (create, replace a draft), [`flow`] (send, revise) and
//! [`decision`] (accept, reject). Every user of a member sees all of its quotes.
//!
//! A quote number (`Q-2026-0131`) is shared by its revisions, one row each. A sent
//! revision whose `valid_until` is before today (UTC) reads as `expired`
//! everywhere; that is computed on read ([`store::QUOTE_SELECT`]), not stored.

mod content;
mod cursor;
mod decision;
mod draft;
mod flow;
mod store;
mod write;

use axum::Json;
use axum::extract::State;
use contract::change::ChangedRecord;
use contract::ids::{CustomerId, InquiryId, QuoteId};
use contract::problem::FieldError;
use contract::quote::{Quote, QuotePage, QuoteStatus};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use self::cursor::Cursor;
use self::store::{EFFECTIVE_STATUS, QUOTE_SELECT, QuoteRow};
use crate::AppState;
use crate::auth::Caller;
use crate::concurrency::Tagged;
use crate::error::ApiError;
use crate::extract::{ApiPath, ApiQuery, parse_path_id};
use crate::sql::Sql;
use crate::stored::parse_stored;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_quotes, draft::create_quote))
        .routes(routes!(get_quote, draft::replace_quote))
        .routes(routes!(list_quote_revisions))
        .routes(routes!(flow::send_quote))
        .routes(routes!(flow::revise_quote))
        .routes(routes!(decision::accept_quote))
        .routes(routes!(decision::reject_quote))
}

/// The change feed's view of quote revision `id`: its summary as the caller sees
/// it now, or `None` when it no longer exists for the caller's member.
pub(crate) async fn feed_record(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<ChangedRecord, ApiError> {
    let id: QuoteId = parse_stored("quote id", id)?;
    let mut connection = state.database.acquire().await?;
    let current = store::find(&mut connection, caller.member_id, id)
        .await?
        .map(QuoteRow::into_summary)
        .transpose()?;
    Ok(ChangedRecord::Quote { id, current })
}

/// The default and largest page sizes of `GET /quotes`.
const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 200;

/// The query string of `GET /quotes` as sent, before validation, so that each bad
/// parameter is reported by name. An empty value counts as absent.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct RawListQuery {
    /// Only revisions with this status (draft, sent, accepted, rejected, expired,
    /// superseded); `expired` and `sent` as a reader sees them.
    #[param(pattern = "^(draft|sent|accepted|rejected|expired|superseded)$")]
    status: Option<String>,
    /// Only quotes for this customer.
    #[param(value_type = Option<uuid::Uuid>)]
    customer_id: Option<String>,
    /// Only quotes answering this inquiry.
    #[param(value_type = Option<uuid::Uuid>)]
    inquiry_id: Option<String>,
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Page size, 1 to 200; 50 by default.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    limit: Option<String>,
}

/// A validated list request.
struct ListRequest {
    status: Option<QuoteStatus>,
    customer_id: Option<CustomerId>,
    inquiry_id: Option<InquiryId>,
    limit: u32,
    after: Option<Cursor>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|text| !text.is_empty())
}

fn field_error(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message: message.into(),
    }
}

/// Parses an id parameter, recording an error named `field` when it is not one.
fn id_parameter<T: std::str::FromStr>(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: Option<String>,
) -> Option<T> {
    let text = non_empty(value)?;
    let parsed = text.parse().ok();
    if parsed.is_none() {
        errors.push(field_error(
            field,
            format!("{text:?} is not an id (a UUID)"),
        ));
    }
    parsed
}

impl TryFrom<RawListQuery> for ListRequest {
    type Error = ApiError;

    fn try_from(raw: RawListQuery) -> Result<Self, ApiError> {
        // A cursor is opaque: a bad one is a malformed request, not a validation error.
        let after = match non_empty(raw.cursor) {
            Some(text) => Some(Cursor::decode(&text).ok_or_else(|| {
                ApiError::bad_field("cursor", "is not a cursor this server returned")
            })?),
            None => None,
        };
        let mut errors = Vec::new();
        let status = non_empty(raw.status).and_then(|text| {
            let status = QuoteStatus::ALL
                .into_iter()
                .find(|status| status.as_str() == text);
            if status.is_none() {
                errors.push(field_error(
                    "status",
                    format!(
                        "{text:?} is not a quote status (expected one of draft, sent, \
                         accepted, rejected, expired, superseded)"
                    ),
                ));
            }
            status
        });
        let customer_id = id_parameter(&mut errors, "customer_id", raw.customer_id);
        let inquiry_id = id_parameter(&mut errors, "inquiry_id", raw.inquiry_id);
        let limit = match non_empty(raw.limit).map(|text| text.parse::<u32>()) {
            Some(Ok(limit)) if (1..=MAX_LIMIT).contains(&limit) => limit,
            Some(_) => {
                errors.push(field_error(
                    "limit",
                    format!("must be a whole number from 1 to {MAX_LIMIT}"),
                ));
                DEFAULT_LIMIT
            }
            None => DEFAULT_LIMIT,
        };
        if errors.is_empty() {
            Ok(ListRequest {
                status,
                customer_id,
                inquiry_id,
                limit,
                after,
            })
        } else {
            Err(ApiError::Validation(errors))
        }
    }
}

/// Appends the conditions a list query shares: the caller's member and the filters.
fn push_scope(query: &mut Sql<'_>, caller: &Caller, request: &ListRequest) {
    query.push(" WHERE q.member_id = ");
    query.push_bind(caller.member_id.to_string());
    if let Some(status) = request.status {
        query.push(" AND ").push(EFFECTIVE_STATUS).push(" = ");
        query.push_bind(status.as_str());
    }
    if let Some(customer_id) = request.customer_id {
        query.push(" AND q.customer_id = ");
        query.push_bind(customer_id.to_string());
    }
    if let Some(inquiry_id) = request.inquiry_id {
        query.push(" AND q.inquiry_id = ");
        query.push_bind(inquiry_id.to_string());
    }
}

/// The member's quote revisions, most recently changed first.
#[utoipa::path(
    get,
    path = "/quotes",
    tag = "quotes",
    params(RawListQuery),
    responses(
        (status = 200, description = "A page of quote revisions", body = QuotePage),
        (status = 400, description = "Malformed query or cursor", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filter values, named in `errors`", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn list_quotes(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(raw): ApiQuery<RawListQuery>,
) -> Result<Json<QuotePage>, ApiError> {
    let request = ListRequest::try_from(raw)?;

    let mut count = Sql::new("SELECT COUNT(*) FROM quotes q");
    push_scope(&mut count, &caller, &request);
    let total: i64 = count
        .build_query_scalar()
        .fetch_one(&state.database)
        .await?;

    let mut page = Sql::new(QUOTE_SELECT);
    push_scope(&mut page, &caller, &request);
    if let Some(after) = &request.after {
        page.push(" AND (q.updated_at, q.id) < (");
        page.push_bind(after.updated_at.clone());
        page.push(", ");
        page.push_bind(after.id.clone());
        page.push(")");
    }
    page.push(" ORDER BY q.updated_at DESC, q.id DESC LIMIT ");
    // One more than asked tells whether another page follows.
    page.push_bind(i64::from(request.limit) + 1);
    let mut rows: Vec<QuoteRow> = page.build_query_as().fetch_all(&state.database).await?;

    let has_more = rows.len() > request.limit as usize;
    rows.truncate(request.limit as usize);
    let next_cursor = match rows.last() {
        Some(last) if has_more => Some(Cursor::after(last).encode()),
        _ => None,
    };
    let items = rows
        .into_iter()
        .map(QuoteRow::into_summary)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(QuotePage {
        items,
        next_cursor,
        total: u64::try_from(total).unwrap_or_default(),
    }))
}

/// One quote revision, with its lines, terms and totals.
#[utoipa::path(
    get,
    path = "/quotes/{id}",
    tag = "quotes",
    params(("id" = uuid::Uuid, Path, description = "The revision's id")),
    responses(
        (status = 200, description = "The revision; `ETag` is its version", body = Quote,
         headers(("ETag" = String, description = "The version, for If-Match"))),
        (status = 400, description = "Malformed id", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such quote for the caller", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn get_quote(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Tagged<Quote>, ApiError> {
    let id: QuoteId = parse_path_id("id", &id)?;
    let mut connection = state.database.acquire().await?;
    let quote = store::load(&mut connection, caller.member_id, id).await?;
    Ok(Tagged::ok(quote.version, quote))
}

/// Every revision of the quote number that revision `id` belongs to, oldest
/// first, on one page (`next_cursor` is always `null`).
#[utoipa::path(
    get,
    path = "/quotes/{id}/revisions",
    tag = "quotes",
    params(("id" = uuid::Uuid, Path, description = "The id of any revision of the quote")),
    responses(
        (status = 200, description = "Every revision, by ascending revision number", body = QuotePage),
        (status = 400, description = "Malformed id", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such quote for the caller", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn list_quote_revisions(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<QuotePage>, ApiError> {
    let id: QuoteId = parse_path_id("id", &id)?;
    let mut connection = state.database.acquire().await?;
    let row = store::find_or_404(&mut connection, caller.member_id, id).await?;
    let rows: Vec<QuoteRow> = sqlx::query_as(
        &[
            QUOTE_SELECT,
            " WHERE q.member_id = $1 AND q.number = $2 ORDER BY q.revision",
        ]
        .concat(),
    )
    .bind(caller.member_id.to_string())
    .bind(&row.number)
    .fetch_all(&mut *connection)
    .await?;
    let items = rows
        .into_iter()
        .map(QuoteRow::into_summary)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(QuotePage {
        total: u64::try_from(items.len()).unwrap_or_default(),
        items,
        next_cursor: None,
    }))
}
