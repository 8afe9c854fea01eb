//! The change feed: GET /changes and the event stream GET /changes/stream.
//!
//! Caches (the widgets' IndexedDB) follow it to stay current: `GET /changes` without
//! `since` gives the current cursor, then pages of changes after it; the stream
//! pushes the same changes live. A change carries the record as the caller may see
//! it now (`current: null`: deleted or no longer visible). Several changes of one
//! record within a page are collapsed into the latest. The cursor is opaque; one
//! older than the retention answers 410 Gone.

mod cursor;
mod feed;
mod stream;

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{KeepAlive, Sse};
use contract::change::ChangeFeed;
use futures_util::Stream;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use self::cursor::Position;
pub use self::feed::prune_change_log;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::layers::LAST_EVENT_ID;

/// Page sizes of `GET /changes`.
const DEFAULT_LIMIT: u32 = 200;
const MAX_LIMIT: u32 = 1000;
/// How often an idle stream sends a comment, so proxies keep the connection open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_changes))
        .routes(routes!(stream_changes))
}

/// The query string of `GET /changes` as sent. An empty value counts as absent.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct RawFeedQuery {
    /// A cursor from an earlier answer (`next_cursor` or a change's `cursor`);
    /// without it the answer has no changes, only the current cursor.
    since: Option<String>,
    /// Most log entries to read, 1 to 1000 (default 200); collapsing may return fewer
    /// changes.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 1000)]
    limit: Option<String>,
}

/// The query string of `GET /changes/stream`.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct RawStreamQuery {
    /// Where to start, as for `GET /changes`; `Last-Event-ID` wins when both are sent.
    /// Without either, the stream starts at the current position.
    since: Option<String>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|text| !text.is_empty())
}

fn parse_limit(raw: Option<String>) -> Result<u32, ApiError> {
    match non_empty(raw).map(|text| text.parse::<u32>()) {
        None => Ok(DEFAULT_LIMIT),
        Some(Ok(limit)) if (1..=MAX_LIMIT).contains(&limit) => Ok(limit),
        Some(_) => Err(ApiError::invalid_field(
            "limit",
            format!("must be a whole number from 1 to {MAX_LIMIT}"),
        )),
    }
}

/// The changes of the caller's member after `since`, oldest first.
#[utoipa::path(
    get,
    path = "/changes",
    tag = "changes",
    params(RawFeedQuery),
    responses(
        (status = 200, description = "Changes after `since` (none without it) and where to continue", body = ChangeFeed),
        (status = 400, description = "`since` is not a cursor of this server, or the query is malformed", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "`since` is older than the feed's retention: reload, then follow from a fresh cursor", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`limit` out of range", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn list_changes(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(raw): ApiQuery<RawFeedQuery>,
) -> Result<Json<ChangeFeed>, ApiError> {
    let since = non_empty(raw.since)
        .map(|text| Position::parse("since", &text))
        .transpose()?;
    let limit = parse_limit(raw.limit)?;
    let Some(since) = since else {
        let position = feed::current_position(&state.database, caller.member_id).await?;
        return Ok(Json(ChangeFeed {
            changes: Vec::new(),
            next_cursor: position.encode(),
            has_more: false,
        }));
    };
    feed::ensure_retained(&state, caller.member_id, since).await?;
    let page = feed::page(&state, &caller, since, limit).await?;
    Ok(Json(ChangeFeed {
        changes: page.changes,
        next_cursor: page.next.encode(),
        has_more: page.has_more,
    }))
}

/// The same changes, live, as Server-Sent Events.
///
/// Each is `event: change`, `id: <cursor>`, `data: <Change JSON>`; the backlog after
/// the starting cursor comes first, and a comment line every 15 s while idle. Authenticated by the `Authorization` header, so
/// clients read it with `fetch`, not `EventSource`; they resume after a
/// disconnection with `Last-Event-ID` (or `since`).
#[utoipa::path(
    get,
    path = "/changes/stream",
    tag = "changes",
    params(
        RawStreamQuery,
        ("Last-Event-ID" = Option<String>, Header, description = "The `id` of the last event received: resume after it")
    ),
    responses(
        (status = 200, description = "An endless `text/event-stream` of `change` events whose data is a Change", content_type = "text/event-stream", body = String),
        (status = 400, description = "`since` or `Last-Event-ID` is not a cursor of this server", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "The cursor is older than the feed's retention", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn stream_changes(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiQuery(raw): ApiQuery<RawStreamQuery>,
) -> Result<Sse<impl Stream<Item = Result<axum::response::sse::Event, axum::Error>>>, ApiError> {
    let last_event_id = match headers.get(LAST_EVENT_ID).filter(|value| !value.is_empty()) {
        Some(value) => Some(
            value
                .to_str()
                .map_err(|_| ApiError::bad_field("Last-Event-ID", "is not valid header text"))
                .and_then(|text| Position::parse("Last-Event-ID", text))?,
        ),
        None => None,
    };
    let since = match last_event_id {
        Some(position) => Some(position),
        None => non_empty(raw.since)
            .map(|text| Position::parse("since", &text))
            .transpose()?,
    };
    let start = match since {
        Some(since) => {
            feed::ensure_retained(&state, caller.member_id, since).await?;
            since
        }
        None => feed::current_position(&state.database, caller.member_id).await?,
    };
    let events = stream::follow(state, caller, start);
    Ok(Sse::new(events).keep_alive(KeepAlive::new().interval(KEEP_ALIVE)))
}
