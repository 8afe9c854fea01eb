//! `GET /inquiries` (the inbox, newest first, keyset-paginated) and
//! `GET /inquiries/{id}`. Owners and managers see all of their member's inquiries,
//! a rep only those assigned to them.

mod cursor;
mod row;

use axum::Json;
use axum::extract::State;
use contract::ids::InquiryId;
use contract::inquiry::{
    InquiryListQuery, InquiryPage, InquiryStatus, InquirySummary, StatusCount,
};
use contract::problem::FieldError;
use serde::Deserialize;
use sqlx::{QueryBuilder, Sqlite};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use self::cursor::Cursor;
use self::row::{InquiryRow, SUMMARY_SELECT};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::{ApiPath, ApiQuery, parse_path_id};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_inquiries))
        .routes(routes!(get_inquiry))
}

/// The query string of `GET /inquiries` as sent, before validation, so that each bad
/// parameter is reported by name. Field names are those of
/// [`contract::inquiry::InquiryListQuery`]. An empty value counts as absent.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct RawListQuery {
    status: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

/// A validated list request.
struct ListRequest {
    status: Option<InquiryStatus>,
    limit: u32,
    after: Option<Cursor>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|text| !text.is_empty())
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
        let status = match non_empty(raw.status).map(|text| text.parse::<InquiryStatus>()) {
            Some(Ok(status)) => Some(status),
            Some(Err(error)) => {
                errors.push(field_error("status", error.to_string()));
                None
            }
            None => None,
        };
        let limit_range = 1..=InquiryListQuery::MAX_LIMIT;
        let limit = match non_empty(raw.limit).map(|text| text.parse::<u32>()) {
            Some(Ok(limit)) if limit_range.contains(&limit) => limit,
            Some(_) => {
                errors.push(field_error(
                    "limit",
                    format!(
                        "must be a whole number from 1 to {}",
                        InquiryListQuery::MAX_LIMIT
                    ),
                ));
                InquiryListQuery::DEFAULT_LIMIT
            }
            None => InquiryListQuery::DEFAULT_LIMIT,
        };
        if errors.is_empty() {
            Ok(ListRequest {
                status,
                limit,
                after,
            })
        } else {
            Err(ApiError::Validation(errors))
        }
    }
}

fn field_error(field: &str, message: String) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message,
    }
}

/// Appends the conditions every list query shares: the caller's member, the caller's
/// own inquiries for a rep, and the status filter.
fn push_scope<'args>(
    query: &mut QueryBuilder<'args, Sqlite>,
    caller: &Caller,
    status: Option<InquiryStatus>,
) {
    query.push(" WHERE i.member_id = ");
    query.push_bind(caller.member_id.to_string());
    if let Some(assignee) = caller.only_assigned_to() {
        query.push(" AND i.assignee_id = ");
        query.push_bind(assignee.to_string());
    }
    if let Some(status) = status {
        query.push(" AND i.status = ");
        query.push_bind(status.as_str());
    }
}

/// The inbox: the caller's visible inquiries, newest first.
#[utoipa::path(
    get,
    path = "/inquiries",
    tag = "inquiries",
    params(RawListQuery),
    responses(
        (status = 200, description = "A page of inquiries", body = InquiryPage),
        (status = 400, description = "Malformed query", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filter values", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn list_inquiries(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(raw): ApiQuery<RawListQuery>,
) -> Result<Json<InquiryPage>, ApiError> {
    let request = ListRequest::try_from(raw)?;

    let mut count = QueryBuilder::new("SELECT COUNT(*) FROM inquiries i");
    push_scope(&mut count, &caller, request.status);
    let total: i64 = count
        .build_query_scalar()
        .fetch_one(&state.database)
        .await?;

    let mut page = QueryBuilder::new(SUMMARY_SELECT);
    push_scope(&mut page, &caller, request.status);
    if let Some(after) = &request.after {
        // Row-value comparison: SQLite walks the (member_id, received_at, id) index.
        page.push(" AND (i.received_at, i.id) < (");
        page.push_bind(after.received_at.clone());
        page.push(", ");
        page.push_bind(after.id.clone());
        page.push(")");
    }
    page.push(" ORDER BY i.received_at DESC, i.id DESC LIMIT ");
    // One more than asked tells whether another page follows.
    page.push_bind(i64::from(request.limit) + 1);
    let mut rows: Vec<InquiryRow> = page.build_query_as().fetch_all(&state.database).await?;

    let has_more = rows.len() > request.limit as usize;
    rows.truncate(request.limit as usize);
    let next_cursor = match rows.last() {
        Some(last) if has_more => Some(Cursor::after(last).encode()),
        _ => None,
    };
    let items = rows
        .into_iter()
        .map(InquiryRow::into_summary)
        .collect::<Result<Vec<_>, _>>()?;
    let mut counts = QueryBuilder::new("SELECT i.status, COUNT(*) FROM inquiries i");
    push_scope(&mut counts, &caller, None);
    counts.push(" GROUP BY i.status");
    let counts: Vec<(String, i64)> = counts.build_query_as().fetch_all(&state.database).await?;
    let status_counts = counts
        .into_iter()
        .map(|(status, count)| {
            Ok(StatusCount {
                status: crate::stored::enum_from_text("status", &status)?,
                count: u64::try_from(count).unwrap_or_default(),
            })
        })
        .collect::<Result<Vec<_>, crate::stored::StoredValueError>>()?;
    Ok(Json(InquiryPage {
        items,
        next_cursor,
        total: u64::try_from(total).unwrap_or_default(),
        status_counts,
    }))
}

/// One inquiry the caller may see.
#[utoipa::path(
    get,
    path = "/inquiries/{id}",
    tag = "inquiries",
    params(("id" = String, Path, description = "The inquiry's id")),
    responses(
        (status = 200, description = "The inquiry", body = InquirySummary),
        (status = 400, description = "Malformed id", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such inquiry for the caller", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn get_inquiry(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<InquirySummary>, ApiError> {
    let id: InquiryId = parse_path_id("id", &id)?;
    let mut query = QueryBuilder::new(SUMMARY_SELECT);
    push_scope(&mut query, &caller, None);
    query.push(" AND i.id = ");
    query.push_bind(id.to_string());
    let row: Option<InquiryRow> = query
        .build_query_as()
        .fetch_optional(&state.database)
        .await?;
    let row = row.ok_or_else(|| ApiError::NotFound(format!("There is no inquiry {id}.")))?;
    Ok(Json(row.into_summary()?))
}
