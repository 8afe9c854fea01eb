//! The one error type of the API: every failure becomes an RFC 9457
//! `application/problem+json` response built from [`contract::problem::Problem`].
//! Server-side failures are logged in full and answered with a generic detail.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use contract::problem::{FieldError, PROBLEM_CONTENT_TYPE, Problem, ProblemKind};

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
    /// The HTTP method is not supported at this path.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// Well-formed, but some fields break a rule.
    #[error("invalid fields: {0:?}")]
    Validation(Vec<FieldError>),
    /// The database cannot be reached.
    #[error("database unavailable")]
    Unavailable(#[source] sqlx::Error),
    /// A query failed.
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// The database holds a value the schema should have kept out.
    #[error("corrupt stored data")]
    StoredValue(#[from] StoredValueError),
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
            // The contract has no kind for 405; RFC 9457 says `about:blank` then, with
            // the status phrase as title.
            ApiError::MethodNotAllowed => Problem {
                type_uri: "about:blank".to_owned(),
                title: "Method Not Allowed".to_owned(),
                status: StatusCode::METHOD_NOT_ALLOWED.as_u16(),
                detail: Some("This method is not supported at this path.".to_owned()),
                instance: None,
                errors: Vec::new(),
            },
            ApiError::Validation(errors) => Problem::validation(errors.clone()),
            ApiError::Unavailable(_) => Problem::new(
                ProblemKind::ServiceUnavailable,
                "The database is not available; try again shortly.",
            ),
            ApiError::Database(_) | ApiError::StoredValue(_) => Problem::new(
                ProblemKind::Internal,
                "Something went wrong on the server; it has been logged.",
            ),
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
        if matches!(self, ApiError::MethodNotAllowed) {
            // RFC 9110 wants an `Allow` header; every API route is read-only so far.
            headers.insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
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
