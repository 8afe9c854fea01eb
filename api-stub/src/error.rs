//! The one error type of the API: every failure becomes an RFC 9457
//! `application/problem+json` response built from [`contract::problem::Problem`].
//! Server-side failures are logged in full and answered with a generic detail.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use contract::problem::{FieldError, PROBLEM_CONTENT_TYPE, Problem, ProblemKind};
use contract::version::Version;

use crate::stored::StoredValueError;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed (query string, path, body or cursor).
    #[error("bad request: {detail}")]
    BadRequest {
        /// What is wrong, safe to show.
        detail: String,
        /// The offending fields, when known.
        errors: Vec<FieldError>,
    },
    /// No bearer token, or one nobody holds.
    #[error("unauthorized: {detail}")]
    Unauthorized {
        /// What is wrong, safe to show.
        detail: String,
        /// The `WWW-Authenticate` challenge (RFC 6750).
        challenge: &'static str,
    },
    /// Nothing with that id for the caller (including: it belongs to another member).
    #[error("not found: {0}")]
    NotFound(String),
    /// The caller may not do this (e.g. a rep assigning to a colleague).
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// An update without `If-Match`.
    #[error("If-Match required")]
    PreconditionRequired,
    /// An update whose `If-Match` is not the current version.
    #[error("stale If-Match; current version {current}")]
    PreconditionFailed {
        /// The resource's current version.
        current: Version,
    },
    /// The change does not fit the resource's state (e.g. editing a sent quote).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The body is not `application/json`.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// The body is larger than accepted.
    #[error("payload too large")]
    PayloadTooLarge,
    /// Too many requests with this token.
    #[error("rate limited")]
    TooManyRequests {
        /// Seconds until a request will be accepted again.
        retry_after_seconds: u64,
    },
    /// The first request with this Idempotency-Key is still running.
    #[error("idempotency key in use")]
    IdempotencyKeyInUse,
    /// This Idempotency-Key came with another request before.
    #[error("idempotency key reused")]
    IdempotencyKeyReused,
    /// The HTTP method is not supported at this path.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// Well-formed, but some fields break a rule.
    #[error("invalid fields: {0:?}")]
    Validation(Vec<FieldError>),
    /// What the request refers to existed once but is gone for good (e.g. a
    /// change-feed cursor older than the feed's retention).
    #[error("gone: {0}")]
    Gone(String),
    /// A server-side failure that is not the database's (e.g. a handler panicked).
    #[error("internal error: {0}")]
    Internal(&'static str),
    /// The database cannot be reached, or cannot serve now (no connection in
    /// time, shutting down, too many connections, a statement cancelled by its
    /// timeout, SQLite's lock held too long).
    #[error("database unavailable")]
    Unavailable(#[source] sqlx::Error),
    /// A query failed.
    #[error("database error")]
    Database(#[source] sqlx::Error),
    /// The database holds a value the schema should have kept out.
    #[error("corrupt stored data")]
    StoredValue(#[from] StoredValueError),
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> ApiError {
        if is_unavailable(&error) {
            ApiError::Unavailable(error)
        } else {
            ApiError::Database(error)
        }
    }
}

/// Whether `error` says the database cannot serve now (a 503 the client may
/// retry), rather than that a query is wrong.
fn is_unavailable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(error) => error.code().is_some_and(|code| {
            // PostgreSQL: connection exceptions (class 08), shutting down or
            // starting (57P01-57P03), too many connections (53300), a statement
            // cancelled by its timeout (57014). SQLite: busy or locked
            // (5, 6 and their extended codes).
            code.starts_with("08")
                || matches!(
                    code.as_ref(),
                    "57P01" | "57P02" | "57P03" | "53300" | "57014" | "5" | "6" | "261" | "517"
                )
        }),
        _ => false,
    }
}

impl ApiError {
    /// A malformed request, not tied to one field.
    pub fn bad_request(detail: impl Into<String>) -> ApiError {
        ApiError::BadRequest {
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    /// A malformed request parameter such as a cursor or a path id.
    pub fn bad_field(field: &str, message: impl Into<String>) -> ApiError {
        let error = FieldError {
            field: field.to_owned(),
            message: message.into(),
        };
        ApiError::BadRequest {
            detail: format!("{}: {}", error.field, error.message),
            errors: vec![error],
        }
    }

    /// One invalid field.
    pub fn invalid_field(field: &str, message: impl Into<String>) -> ApiError {
        ApiError::Validation(vec![FieldError {
            field: field.to_owned(),
            message: message.into(),
        }])
    }

    /// The problem document sent for this error. Details of server-side failures stay
    /// out of it.
    pub fn to_problem(&self) -> Problem {
        match self {
            ApiError::BadRequest { detail, errors } => Problem {
                errors: errors.clone(),
                ..Problem::new(ProblemKind::BadRequest, detail.clone())
            },
            ApiError::Unauthorized { detail, .. } => {
                Problem::new(ProblemKind::Unauthorized, detail.clone())
            }
            ApiError::NotFound(detail) => Problem::new(ProblemKind::NotFound, detail.clone()),
            ApiError::Forbidden(detail) => Problem::new(ProblemKind::Forbidden, detail.clone()),
            ApiError::MethodNotAllowed => Problem::new(
                ProblemKind::MethodNotAllowed,
                "This method is not supported at this path.",
            ),
            ApiError::PreconditionRequired => Problem::new(
                ProblemKind::PreconditionRequired,
                "Send If-Match with the ETag of the version you are changing.",
            ),
            ApiError::PreconditionFailed { current } => Problem {
                current_version: Some(*current),
                ..Problem::new(
                    ProblemKind::PreconditionFailed,
                    format!(
                        "This was changed since you loaded it; the current version is {current}."
                    ),
                )
            },
            ApiError::Conflict(detail) => Problem::new(ProblemKind::Conflict, detail.clone()),
            ApiError::UnsupportedMediaType => Problem::new(
                ProblemKind::UnsupportedMediaType,
                "Send the body as JSON with `Content-Type: application/json`.",
            ),
            ApiError::PayloadTooLarge => Problem::new(
                ProblemKind::PayloadTooLarge,
                "The request body is larger than this server accepts.",
            ),
            ApiError::TooManyRequests {
                retry_after_seconds,
            } => Problem::new(
                ProblemKind::TooManyRequests,
                format!("Too many requests with this token; retry in {retry_after_seconds} s."),
            ),
            ApiError::IdempotencyKeyInUse => Problem::new(
                ProblemKind::IdempotencyKeyInUse,
                "A request with this Idempotency-Key is still being processed; retry later.",
            ),
            ApiError::IdempotencyKeyReused => Problem::new(
                ProblemKind::IdempotencyKeyReused,
                "This Idempotency-Key was used for a different request; use a new key.",
            ),
            ApiError::Validation(errors) => Problem::validation(errors.clone()),
            ApiError::Unavailable(_) => Problem::new(
                ProblemKind::ServiceUnavailable,
                "The database is not available; try again shortly.",
            ),
            ApiError::Gone(detail) => Problem::new(ProblemKind::CursorExpired, detail.clone()),
            ApiError::Database(_) | ApiError::StoredValue(_) | ApiError::Internal(_) => {
                Problem::new(
                    ProblemKind::Internal,
                    "Something went wrong on the server; it has been logged.",
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let problem = self.to_problem();
        let status =
            StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if status.is_server_error() {
            let source = std::error::Error::source(&self);
            tracing::error!(error = %self, ?source, "request failed");
        }
        let mut response = (status, Json(problem)).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(PROBLEM_CONTENT_TYPE),
        );
        if let ApiError::Unauthorized { challenge, .. } = &self {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(challenge),
            );
        }
        match &self {
            ApiError::PreconditionFailed { current } => {
                if let Ok(etag) = HeaderValue::from_str(&current.etag()) {
                    headers.insert(header::ETAG, etag);
                }
            }
            ApiError::TooManyRequests {
                retry_after_seconds,
            } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_seconds));
            }
            _ => {}
        }
        response
    }
}

/// The answer for any path under `/api/` that names no endpoint.
pub async fn api_not_found() -> ApiError {
    ApiError::NotFound("There is no API endpoint at this path.".to_owned())
}

/// The answer for an API path that exists, called with a method it does not support.
pub async fn api_method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_failures_hide_their_cause() {
        let error = ApiError::Database(sqlx::Error::Protocol("secret table xyz".into()));
        let problem = error.to_problem();
        assert_eq!(problem.status, 500);
        assert!(!problem.detail.unwrap_or_default().contains("xyz"));
    }

    #[test]
    fn unauthorized_responses_carry_a_bearer_challenge() {
        let response = ApiError::Unauthorized {
            detail: "no token".into(),
            challenge: "Bearer",
        }
        .into_response();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(response.headers()[header::WWW_AUTHENTICATE], "Bearer");
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            PROBLEM_CONTENT_TYPE
        );
    }
}
