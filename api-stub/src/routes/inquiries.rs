//! Buyer inquiries: the inbox (`GET /inquiries`, filtered, sorted, keyset-paginated),
//! one inquiry with its thread (`GET /inquiries/{id}`), the member's changes
//! (`PATCH /inquiries/{id}` with `If-Match`) and replies
//! (`POST /inquiries/{id}/replies`). Owners and managers see all of their member's
//! inquiries, a rep only those assigned to them; anything else answers 404.

mod cursor;
mod detail;
mod list;
mod reply;
mod row;
mod update;

use axum::Json;
use axum::extract::State;
use contract::change::ChangedRecord;
use contract::ids::InquiryId;
use contract::inquiry::{Inquiry, InquiryPage, InquiryPatch, Message, NewReply};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use self::row::{InquiryRow, SUMMARY_SELECT};
use crate::AppState;
use crate::auth::Caller;
use crate::concurrency::{IfMatch, Tagged};
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath, ApiQuery, parse_path_id};
use crate::sql::Sql;
use crate::stored::parse_stored;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_inquiries))
        .routes(routes!(get_inquiry, update_inquiry))
        .routes(routes!(create_reply))
}

/// The current time as the database stores it (whole microseconds), so that an
/// answer shows exactly what a later read will.
pub(super) fn now_as_stored() -> time::OffsetDateTime {
    let now = time::OffsetDateTime::now_utc();
    now.replace_nanosecond(now.nanosecond() / 1_000 * 1_000)
        .unwrap_or(now)
}

/// Appends ` WHERE` with the rows the caller may see: their member's, and for a rep
/// only those assigned to them, unless `whole_member` (the answer to a change the
/// caller just made, which may have unassigned them).
fn push_visible(query: &mut Sql<'_>, caller: &Caller, whole_member: bool) {
    query.push(" WHERE i.member_id = ");
    query.push_bind(caller.member_id.to_string());
    if let Some(assignee) = caller.only_assigned_to()
        && !whole_member
    {
        query.push(" AND i.assignee_id = ");
        query.push_bind(assignee.to_string());
    }
}

/// The query parameters of `GET /inquiries`, for the OpenAPI document; the
/// handler reads the raw pairs with [`contract::inquiry::InquiryListQuery::from_pairs`],
/// so each bad parameter is reported by name. An empty value counts as absent;
/// an unknown parameter is a 422, the same parameter twice a 400.
#[allow(
    dead_code,
    reason = "documents the parameters; the handler parses raw pairs"
)]
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ListParameters {
    /// Comma-separated statuses, e.g. `new,open`: any of them.
    #[param(
        example = "new,open",
        pattern = "^(new|open|quoted|won|lost|spam|archived)(,(new|open|quoted|won|lost|spam|archived))*$"
    )]
    status: Option<String>,
    /// `me`, `unassigned` or a user id.
    #[param(example = "me")]
    assignee: Option<String>,
    /// `true`: only unread; `false`: only read.
    unread: Option<bool>,
    /// Lowest score, 0 to 100, inclusive.
    #[param(minimum = 0, maximum = 100)]
    score_min: Option<u8>,
    /// Highest score, 0 to 100, inclusive; not below `score_min`.
    #[param(minimum = 0, maximum = 100)]
    score_max: Option<u8>,
    /// Received at or after this RFC 3339 time.
    #[param(value_type = Option<time::OffsetDateTime>, example = "2026-11-01T00:00:00Z")]
    received_from: Option<String>,
    /// Received before this RFC 3339 time; after `received_from`.
    #[param(value_type = Option<time::OffsetDateTime>)]
    received_to: Option<String>,
    /// The buyer's ISO 3166-1 alpha-2 country code.
    #[param(example = "DE", pattern = "^[A-Za-z]{2}$")]
    country: Option<String>,
    /// One tag the inquiry carries (case-insensitive).
    tag: Option<String>,
    /// Words to search for in subject, message, buyer (name, company, e-mail) and
    /// product, at most 200 characters. Every word must occur; the last one may be
    /// the start of a word. Case and diacritics are ignored (`muller` finds
    /// Müller); Chinese and Japanese match any run of characters. A search
    /// without a letter or digit matches nothing.
    #[param(example = "led panel")]
    q: Option<String>,
    /// `received_desc` (default, newest first), `received_asc`, `score_desc` (best
    /// first, newest first within a score) or `due_asc` (inquiries still awaiting a
    /// first reply by response due time, then the answered or closed ones).
    #[param(
        example = "received_desc",
        pattern = "^(received_desc|received_asc|score_desc|due_asc)$"
    )]
    sort: Option<String>,
    /// Page size, 1 to 200; default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
    /// The `next_cursor` of the previous page; only valid with the same filters
    /// and sort (otherwise 400).
    cursor: Option<String>,
}

/// The inbox: the caller's visible inquiries, filtered and sorted, one page.
#[utoipa::path(
    get,
    path = "/inquiries",
    tag = "inquiries",
    params(ListParameters),
    responses(
        (status = 200, description = "A page of inquiries, the filter's total and the per-status counts (ignoring the status filter)", body = InquiryPage),
        (status = 400, description = "Malformed query string, a parameter given twice, or a cursor that does not continue this list", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid or unknown parameters, each named", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn list_inquiries(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(pairs): ApiQuery<Vec<(String, String)>>,
) -> Result<Json<InquiryPage>, ApiError> {
    let (query, cursor) = list::parse(&pairs)?;
    let page = list::page(&state.database, &caller, &query, cursor.as_ref()).await?;
    Ok(Json(page))
}

async fn load_detail(
    state: &AppState,
    caller: &Caller,
    id: InquiryId,
    whole_member: bool,
) -> Result<Tagged<Inquiry>, ApiError> {
    let mut connection = state.database.acquire().await?;
    let inquiry = detail::load(&mut connection, caller, &id.to_string(), whole_member)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("There is no inquiry {id}.")))?;
    Ok(Tagged::ok(inquiry.summary.version, inquiry))
}

/// One inquiry the caller may see, with its thread, requirement, score reasons,
/// assignment history and quotes.
#[utoipa::path(
    get,
    path = "/inquiries/{id}",
    tag = "inquiries",
    params(("id" = uuid::Uuid, Path, description = "The inquiry's id")),
    responses(
        (status = 200, description = "The inquiry; its version is the ETag", body = Inquiry,
            headers(("ETag" = String, description = "The inquiry's version, for If-Match"))),
        (status = 400, description = "Malformed id", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such inquiry for the caller", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn get_inquiry(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Tagged<Inquiry>, ApiError> {
    let id: InquiryId = parse_path_id("id", &id)?;
    load_detail(&state, &caller, id, false).await
}

/// Changes an inquiry: status (along the workflow; `lost` needs `lost_reason`,
/// `spam` needs `spam_reason`), assignee (owners and managers: any active user of
/// the member; reps: only themselves, or unassign themselves), read state, tags
/// (replacing them). A change of assignee is added to the assignment history. A
/// patch that changes nothing keeps the version.
#[utoipa::path(
    patch,
    path = "/inquiries/{id}",
    tag = "inquiries",
    params(
        ("id" = uuid::Uuid, Path, description = "The inquiry's id"),
        ("If-Match" = String, Header, description = "The ETag of the version being changed, e.g. \"3\"")
    ),
    request_body = InquiryPatch,
    responses(
        (status = 200, description = "The changed inquiry; its new version is the ETag", body = Inquiry,
            headers(("ETag" = String, description = "The inquiry's new version"))),
        (status = 400, description = "Malformed id, body or If-Match", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "A rep assigning to someone else", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such inquiry for the caller", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone changed it first; `current_version` says which version is current", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: an impossible status change, a missing reason, an unknown or inactive assignee, bad tags", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn update_inquiry(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    if_match: IfMatch,
    ApiJson(patch): ApiJson<InquiryPatch>,
) -> Result<Tagged<Inquiry>, ApiError> {
    let id: InquiryId = parse_path_id("id", &id)?;
    update::apply(&state, &caller, id, if_match, &patch).await?;
    load_detail(&state, &caller, id, true).await
}

/// Replies to the buyer: the message joins the thread, the first reply stops the
/// response clock, a `new` inquiry becomes `open` and the inquiry counts as read.
#[utoipa::path(
    post,
    path = "/inquiries/{id}/replies",
    tag = "inquiries",
    params(("id" = uuid::Uuid, Path, description = "The inquiry's id")),
    request_body = NewReply,
    responses(
        (status = 201, description = "The reply; the ETag is the inquiry's new version", body = Message,
            headers(("ETag" = String, description = "The inquiry's new version"))),
        (status = 400, description = "Malformed id or body", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such inquiry for the caller", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The inquiry is marked as spam", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty or too long reply", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn create_reply(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(reply): ApiJson<NewReply>,
) -> Result<Tagged<Message>, ApiError> {
    let id: InquiryId = parse_path_id("id", &id)?;
    let (version, message) = reply::create(&state, &caller, id, &reply).await?;
    Ok(Tagged::created(version, message))
}

/// The inquiry `id` as the caller may see it now, for the change feed: `current`
/// is `None` when it is gone or not visible to the caller (e.g. a rep's inquiry
/// assigned to someone else).
pub(crate) async fn feed_record(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<ChangedRecord, ApiError> {
    let id: InquiryId = parse_stored("inquiry id", id)?;
    let mut query = Sql::new(SUMMARY_SELECT);
    push_visible(&mut query, caller, false);
    query.push(" AND i.id = ");
    query.push_bind(id.to_string());
    let row: Option<InquiryRow> = query
        .build_query_as()
        .fetch_optional(&state.database)
        .await?;
    Ok(ChangedRecord::Inquiry {
        id,
        current: row.map(InquiryRow::into_summary).transpose()?,
    })
}
