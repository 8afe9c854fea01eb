//! RFC 9457 problem details (`application/problem+json`): the one error shape of
//! the API, produced by the server and decoded by the widgets' client.

use serde::{Deserialize, Serialize};

use crate::version::Version;

/// The media type of a problem document.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// The kinds of problem the API reports. Each has a stable `type` URI and an HTTP status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// The request is malformed (bad JSON, bad query string).
    BadRequest,
    /// No or an unknown bearer token.
    Unauthorized,
    /// The caller is known but may not do this.
    Forbidden,
    /// Nothing with that id exists for the caller's member company.
    NotFound,
    /// The request is well-formed but breaks a rule; see `errors`.
    Validation,
    /// The HTTP method is not allowed on this resource.
    MethodNotAllowed,
    /// The body is not JSON (`Content-Type` must be `application/json`).
    UnsupportedMediaType,
    /// The body is larger than the server accepts.
    PayloadTooLarge,
    /// An update without `If-Match`: the client must say which version it changes.
    PreconditionRequired,
    /// The `If-Match` version is not the current one: someone else changed the
    /// resource first. `current_version` says which version is current.
    PreconditionFailed,
    /// The change conflicts with the resource's state (e.g. editing a sent quote).
    Conflict,
    /// A request with this `Idempotency-Key` is still being processed.
    IdempotencyKeyInUse,
    /// This `Idempotency-Key` was used before with a different request.
    IdempotencyKeyReused,
    /// Too many requests with this token; retry after `Retry-After` seconds.
    TooManyRequests,
    /// A change-feed cursor older than the server keeps changes for: load the
    /// lists again, then follow the feed from a fresh cursor.
    CursorExpired,
    /// The server is up but cannot serve the request now (e.g. database unreachable).
    ServiceUnavailable,
    /// Something broke on the server; details are in its log, never in the response.
    Internal,
}

impl ProblemKind {
    /// Every kind, for exhaustive tests.
    pub const ALL: [ProblemKind; 17] = [
        ProblemKind::BadRequest,
        ProblemKind::Unauthorized,
        ProblemKind::Forbidden,
        ProblemKind::NotFound,
        ProblemKind::Validation,
        ProblemKind::MethodNotAllowed,
        ProblemKind::UnsupportedMediaType,
        ProblemKind::PayloadTooLarge,
        ProblemKind::PreconditionRequired,
        ProblemKind::PreconditionFailed,
        ProblemKind::Conflict,
        ProblemKind::IdempotencyKeyInUse,
        ProblemKind::IdempotencyKeyReused,
        ProblemKind::TooManyRequests,
        ProblemKind::CursorExpired,
        ProblemKind::ServiceUnavailable,
        ProblemKind::Internal,
    ];

    /// The problem's `type` URI.
    pub fn type_uri(self) -> &'static str {
        match self {
            ProblemKind::BadRequest => "urn:crm:problem:bad-request",
            ProblemKind::Unauthorized => "urn:crm:problem:unauthorized",
            ProblemKind::Forbidden => "urn:crm:problem:forbidden",
            ProblemKind::NotFound => "urn:crm:problem:not-found",
            ProblemKind::Validation => "urn:crm:problem:validation",
            ProblemKind::MethodNotAllowed => "urn:crm:problem:method-not-allowed",
            ProblemKind::UnsupportedMediaType => "urn:crm:problem:unsupported-media-type",
            ProblemKind::PayloadTooLarge => "urn:crm:problem:payload-too-large",
            ProblemKind::PreconditionRequired => "urn:crm:problem:precondition-required",
            ProblemKind::PreconditionFailed => "urn:crm:problem:precondition-failed",
            ProblemKind::Conflict => "urn:crm:problem:conflict",
            ProblemKind::IdempotencyKeyInUse => "urn:crm:problem:idempotency-key-in-use",
            ProblemKind::IdempotencyKeyReused => "urn:crm:problem:idempotency-key-reused",
            ProblemKind::TooManyRequests => "urn:crm:problem:too-many-requests",
            ProblemKind::CursorExpired => "urn:crm:problem:cursor-expired",
            ProblemKind::ServiceUnavailable => "urn:crm:problem:service-unavailable",
            ProblemKind::Internal => "urn:crm:problem:internal",
        }
    }

    /// The HTTP status code that goes with the kind.
    pub fn status(self) -> u16 {
        match self {
            ProblemKind::BadRequest => 400,
            ProblemKind::Unauthorized => 401,
            ProblemKind::Forbidden => 403,
            ProblemKind::NotFound => 404,
            ProblemKind::Validation => 422,
            ProblemKind::MethodNotAllowed => 405,
            ProblemKind::UnsupportedMediaType => 415,
            ProblemKind::PayloadTooLarge => 413,
            ProblemKind::PreconditionRequired => 428,
            ProblemKind::PreconditionFailed => 412,
            ProblemKind::Conflict => 409,
            ProblemKind::IdempotencyKeyInUse => 409,
            ProblemKind::IdempotencyKeyReused => 422,
            ProblemKind::TooManyRequests => 429,
            ProblemKind::CursorExpired => 410,
            ProblemKind::ServiceUnavailable => 503,
            ProblemKind::Internal => 500,
        }
    }

    /// A short, human-readable summary that does not change between occurrences.
    pub fn title(self) -> &'static str {
        match self {
            ProblemKind::BadRequest => "The request is malformed",
            ProblemKind::Unauthorized => "Authentication is required",
            ProblemKind::Forbidden => "You are not allowed to do this",
            ProblemKind::NotFound => "Not found",
            ProblemKind::Validation => "Some fields are invalid",
            ProblemKind::MethodNotAllowed => "Method not allowed",
            ProblemKind::UnsupportedMediaType => "The body must be JSON",
            ProblemKind::PayloadTooLarge => "The request body is too large",
            ProblemKind::PreconditionRequired => "If-Match is required",
            ProblemKind::PreconditionFailed => "Someone else changed this first",
            ProblemKind::Conflict => "This conflicts with the current state",
            ProblemKind::IdempotencyKeyInUse => "This request is still being processed",
            ProblemKind::IdempotencyKeyReused => {
                "This Idempotency-Key was used for another request"
            }
            ProblemKind::TooManyRequests => "Too many requests",
            ProblemKind::CursorExpired => "The change feed no longer reaches back this far",
            ProblemKind::ServiceUnavailable => "The service is temporarily unavailable",
            ProblemKind::Internal => "Internal server error",
        }
    }

    /// The kind for a `type` URI, if it is one of ours.
    pub fn from_type_uri(uri: &str) -> Option<ProblemKind> {
        ProblemKind::ALL
            .into_iter()
            .find(|kind| kind.type_uri() == uri)
    }
}

/// One invalid field of a request, named by a JSON pointer or query parameter name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// Which field: a query parameter name or a JSON pointer such as `/lines/2/quantity`.
    pub field: String,
    /// What is wrong with it, in English.
    pub message: String,
}

/// An RFC 9457 problem document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI identifying the problem type.
    #[serde(rename = "type", default = "about_blank")]
    pub type_uri: String,
    /// A short summary of the problem type.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// An explanation of this occurrence, safe to show to the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The request path this occurrence is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// Field-level errors, for validation problems.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For `precondition-failed`: the resource's current version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_version: Option<Version>,
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

impl Problem {
    /// A problem of `kind` with an occurrence-specific `detail`.
    pub fn new(kind: ProblemKind, detail: impl Into<String>) -> Problem {
        Problem {
            type_uri: kind.type_uri().to_owned(),
            title: kind.title().to_owned(),
            status: kind.status(),
            detail: Some(detail.into()),
            instance: None,
            errors: Vec::new(),
            current_version: None,
        }
    }

    /// A validation problem listing each invalid field.
    pub fn validation(errors: Vec<FieldError>) -> Problem {
        let detail = match errors.as_slice() {
            [only] => format!("{}: {}", only.field, only.message),
            _ => format!("{} fields are invalid", errors.len()),
        };
        Problem {
            errors,
            ..Problem::new(ProblemKind::Validation, detail)
        }
    }

    /// The kind, when the `type` is one of ours.
    pub fn kind(&self) -> Option<ProblemKind> {
        ProblemKind::from_type_uri(&self.type_uri)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_have_distinct_uris_and_round_trip() {
        for kind in ProblemKind::ALL {
            assert_eq!(ProblemKind::from_type_uri(kind.type_uri()), Some(kind));
            let problem = Problem::new(kind, "x");
            assert_eq!(problem.status, kind.status());
            assert_eq!(problem.kind(), Some(kind));
        }
    }

    #[test]
    fn json_uses_rfc_9457_member_names() {
        let problem = Problem::validation(vec![FieldError {
            field: "limit".into(),
            message: "must be between 1 and 200".into(),
        }]);
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["type"], "urn:crm:problem:validation");
        assert_eq!(json["status"], 422);
        assert_eq!(json["detail"], "limit: must be between 1 and 200");
        assert_eq!(json["errors"][0]["field"], "limit");
        assert!(json.get("instance").is_none());
    }

    #[test]
    fn foreign_problems_decode_with_defaults() {
        let problem: Problem = serde_json::from_str(r#"{"title":"Teapot","status":418}"#).unwrap();
        assert_eq!(problem.type_uri, "about:blank");
        assert_eq!(problem.kind(), None);
        assert!(problem.errors.is_empty());
    }
}
