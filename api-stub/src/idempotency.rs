//! Idempotency-Key handling: required on every POST, honoured when sent on PUT,
//! PATCH and DELETE (IETF httpapi draft and Stripe semantics).
//!
//! A client that retries a POST (a lost answer, a queued offline change) sends the
//! same `Idempotency-Key`; the server then answers with the first attempt's
//! response instead of creating a second record. Keys belong to a caller (the
//! SHA-256 of the bearer token) and are kept at least [`RETENTION`].
//!
//! - POST with a token and no valid key: 400 naming `Idempotency-Key`. Without a
//!   token the request passes through and the handler answers 401.
//! - PUT, PATCH or DELETE with a key: handled as a POST is, so an offline client's
//!   replayed update gets its first answer instead of a 412 caused by itself.
//!   Without the header they simply run.
//! - First use: a `running` row is inserted; the primary key makes this the lock,
//!   so two concurrent requests with one key never both run the handler. The
//!   handler runs in its own task (a client hanging up does not cancel it
//!   halfway), then its status, `Content-Type`, `ETag`, `Location` and body are
//!   stored. On a 5xx or 401 the row is deleted instead, so a retry runs again.
//! - Same key again: another request (method, path and query, body) → 422
//!   `idempotency-key-reused`; still running → 409 `idempotency-key-in-use`;
//!   done → the stored response with `Idempotent-Replayed: true`.

use axum::body::{Body, Bytes};
use axum::extract::{OriginalUri, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use tracing::Instrument;

use crate::AppState;
use crate::auth::token_hash;
use crate::error::ApiError;
use crate::extract::bearer_token;
use crate::sql::DbPool;
use crate::stored::{timestamp_from_text, timestamp_to_text};

/// The request header.
pub const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
/// The response header on a replayed response.
pub const IDEMPOTENT_REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");
/// How long a key is remembered, at least.
pub const RETENTION: time::Duration = time::Duration::hours(24);
/// Longest key accepted, in bytes.
pub const MAX_KEY_LENGTH: usize = 255;
/// A `running` row this old belongs to a request that never finished (the server
/// stopped during it); a retry may take the key over.
const ABANDONED_AFTER: time::Duration = time::Duration::minutes(5);
/// The response headers stored and replayed with the body.
const STORED_HEADERS: [HeaderName; 3] = [header::CONTENT_TYPE, header::ETAG, header::LOCATION];
/// Attempts at claiming a key whose row disappears between the insert and the look-up.
const CLAIM_ATTEMPTS: usize = 3;

/// The middleware around the API's routes (see the module documentation).
pub async fn require_idempotency_key(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let keyed = match *request.method() {
        Method::POST => true,
        Method::PUT | Method::PATCH | Method::DELETE => {
            request.headers().contains_key(IDEMPOTENCY_KEY)
        }
        _ => false,
    };
    if !keyed {
        return next.run(request).await;
    }
    let Some(token) = bearer_token(request.headers()) else {
        return next.run(request).await;
    };
    let caller = token_hash(token);
    match run_once(state, caller, request, next).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn run_once(
    state: AppState,
    caller: String,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let key = idempotency_key(request.headers())?;
    let (parts, body) = request.into_parts();
    let body = buffer(body, state.settings.max_body_bytes).await?;
    let fingerprint = fingerprint(&parts, &body);
    let now = OffsetDateTime::now_utc();
    if let Some(stored) = claim(&state.database, &caller, &key, &fingerprint, now).await? {
        return Ok(stored.into_replay());
    }
    let request = Request::from_parts(parts, Body::from(body));
    // The whole run-and-record in its own task: a client hanging up drops this
    // future, and a half-done run would leave the key `running` and its outcome unknown.
    let task = {
        let (database, caller, key) = (state.database.clone(), caller.clone(), key.clone());
        tokio::spawn(
            async move {
                let response = next.run(request).await;
                record(&database, &caller, &key, response).await
            }
            .instrument(tracing::Span::current()),
        )
    };
    match task.await {
        Ok(outcome) => outcome,
        Err(error) => {
            tracing::error!(%error, "a POST handler failed; releasing its Idempotency-Key");
            release(&state.database, &caller, &key).await?;
            Err(ApiError::Internal("the request handler failed"))
        }
    }
}

/// The request's key: 1 to 255 printable ASCII characters.
fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let mut values = headers.get_all(IDEMPOTENCY_KEY).iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return Err(ApiError::bad_field(
            "Idempotency-Key",
            "one header is required on POST: a string unique to this request, such as a UUID",
        ));
    };
    let bytes = value.as_bytes();
    let printable = bytes.iter().all(|byte| (0x20..=0x7e).contains(byte));
    if bytes.is_empty() || bytes.len() > MAX_KEY_LENGTH || !printable {
        return Err(ApiError::bad_field(
            "Idempotency-Key",
            format!("must be 1 to {MAX_KEY_LENGTH} printable ASCII characters"),
        ));
    }
    Ok(String::from_utf8_lossy(bytes).into_owned())
}

/// The whole body, refused beyond `limit` bytes.
async fn buffer(body: Body, limit: usize) -> Result<Bytes, ApiError> {
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.is::<LengthLimitError>() => Err(ApiError::PayloadTooLarge),
        Err(error) => {
            tracing::debug!(%error, "cannot read a request body");
            Err(ApiError::bad_request("The request body could not be read."))
        }
    }
}

/// SHA-256 of the method, the path with its query, and the body.
fn fingerprint(parts: &Parts, body: &[u8]) -> String {
    let uri = parts
        .extensions
        .get::<OriginalUri>()
        .map_or(&parts.uri, |original| &original.0);
    let target = uri
        .path_and_query()
        .map_or_else(|| uri.path(), |path_and_query| path_and_query.as_str());
    let mut hasher = Sha256::new();
    hasher.update(parts.method.as_str().as_bytes());
    hasher.update(b"\n");
    hasher.update(target.as_bytes());
    hasher.update(b"\n");
    hasher.update(body);
    hex::encode(hasher.finalize())
}

/// A finished first response, as stored.
#[derive(sqlx::FromRow)]
struct StoredResponse {
    status: Option<i64>,
    headers: Option<String>,
    body: Option<Vec<u8>>,
}

#[derive(sqlx::FromRow)]
struct KeyRow {
    request_sha256: String,
    state: String,
    created_at: String,
    #[sqlx(flatten)]
    response: StoredResponse,
}

/// Takes `key` for this request (`None`: run the handler), or answers from an
/// earlier use of it.
async fn claim(
    database: &DbPool,
    caller: &str,
    key: &str,
    fingerprint: &str,
    now: OffsetDateTime,
) -> Result<Option<StoredResponse>, ApiError> {
    for _ in 0..CLAIM_ATTEMPTS {
        let inserted = sqlx::query(
            "INSERT INTO idempotency_keys (caller, key, request_sha256, state, created_at)
             VALUES ($1, $2, $3, 'running', $4)
             ON CONFLICT (caller, key) DO NOTHING",
        )
        .bind(caller)
        .bind(key)
        .bind(fingerprint)
        .bind(timestamp_to_text(now))
        .execute(database)
        .await?;
        if inserted.rows_affected() == 1 {
            return Ok(None);
        }
        let row: Option<KeyRow> = sqlx::query_as(
            "SELECT request_sha256, state, created_at, status, headers, body
             FROM idempotency_keys WHERE caller = $1 AND key = $2",
        )
        .bind(caller)
        .bind(key)
        .fetch_optional(database)
        .await?;
        // Released (the first attempt failed) between the insert and the look-up.
        let Some(row) = row else { continue };
        let created_at = timestamp_from_text(&row.created_at)?;
        let expired = created_at < now - RETENTION
            || (row.state == "running" && created_at < now - ABANDONED_AFTER);
        if expired {
            sqlx::query(
                "DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2 AND created_at = $3",
            )
            .bind(caller)
            .bind(key)
            .bind(&row.created_at)
            .execute(database)
            .await?;
            continue;
        }
        if row.request_sha256 != fingerprint {
            return Err(ApiError::IdempotencyKeyReused);
        }
        if row.state == "running" {
            return Err(ApiError::IdempotencyKeyInUse);
        }
        return Ok(Some(row.response));
    }
    Err(ApiError::IdempotencyKeyInUse)
}

/// Stores the handler's response under the key (or releases the key after a server
/// error or a refused token), and hands the response on.
async fn record(
    database: &DbPool,
    caller: &str,
    key: &str,
    response: Response,
) -> Result<Response, ApiError> {
    let status = response.status();
    if status.is_server_error() || status == StatusCode::UNAUTHORIZED {
        release(database, caller, key).await?;
        return Ok(response);
    }
    let (parts, body) = response.into_parts();
    let body = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) => {
            tracing::error!(%error, "cannot read a POST handler's response");
            release(database, caller, key).await?;
            return Err(ApiError::Internal("the response could not be read"));
        }
    };
    let headers: Vec<(&str, &str)> = STORED_HEADERS
        .iter()
        .filter_map(|name| {
            let value = parts.headers.get(name)?.to_str().ok()?;
            Some((name.as_str(), value))
        })
        .collect();
    let headers = serde_json::to_string(&headers).map_err(|error| {
        tracing::error!(%error, "cannot encode response headers");
        ApiError::Internal("the response could not be recorded")
    })?;
    sqlx::query(
        "UPDATE idempotency_keys SET state = 'done', status = $1, headers = $2, body = $3
         WHERE caller = $4 AND key = $5",
    )
    .bind(i64::from(status.as_u16()))
    .bind(headers)
    .bind(body.as_ref())
    .bind(caller)
    .bind(key)
    .execute(database)
    .await?;
    Ok(Response::from_parts(parts, Body::from(body)))
}

async fn release(database: &DbPool, caller: &str, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2")
        .bind(caller)
        .bind(key)
        .execute(database)
        .await?;
    Ok(())
}

impl StoredResponse {
    fn into_replay(self) -> Response {
        let status = self
            .status
            .and_then(|status| u16::try_from(status).ok())
            .and_then(|status| StatusCode::from_u16(status).ok())
            .unwrap_or(StatusCode::OK);
        let headers: Vec<(String, String)> = self
            .headers
            .as_deref()
            .and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or_default();
        let mut response = (status, Body::from(self.body.unwrap_or_default())).into_response();
        let response_headers = response.headers_mut();
        for (name, value) in headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(&value),
            ) {
                response_headers.insert(name, value);
            }
        }
        response_headers.insert(IDEMPOTENT_REPLAYED, HeaderValue::from_static("true"));
        response
    }
}

/// Forgets keys older than [`RETENTION`] (walks the `created_at` index).
pub async fn prune_expired(database: &DbPool, now: OffsetDateTime) -> Result<u64, sqlx::Error> {
    let deleted = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
        .bind(timestamp_to_text(now - RETENTION))
        .execute(database)
        .await?;
    Ok(deleted.rows_affected())
}

#[cfg(test)]
mod tests;
