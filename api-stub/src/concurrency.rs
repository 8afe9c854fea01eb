//! Optimistic concurrency: responses carry the resource's version as a strong
//! `ETag` ([`Tagged`]), and every update must send it back in `If-Match`
//! ([`IfMatch`]): missing → 428, not the current version → 412 with the current
//! version, never a silent overwrite.

use axum::Json;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use contract::version::Version;
use serde::Serialize;

use crate::error::ApiError;

/// The version an update is based on, from `If-Match`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IfMatch(pub Version);

impl IfMatch {
    /// `Ok` when `current` is the version the client based its change on.
    pub fn check(self, current: Version) -> Result<(), ApiError> {
        if self.0 == current {
            Ok(())
        } else {
            Err(ApiError::PreconditionFailed { current })
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let value = parts
            .headers
            .get(header::IF_MATCH)
            .ok_or(ApiError::PreconditionRequired)?;
        let text = value
            .to_str()
            .map_err(|_| ApiError::bad_field("If-Match", "is not valid header text"))?;
        Version::from_etag(text)
            .map(IfMatch)
            .map_err(|error| ApiError::bad_field("If-Match", error.to_string()))
    }
}

/// A JSON response with the resource's version as `ETag`.
#[derive(Debug)]
pub struct Tagged<T> {
    /// The version of `body`.
    pub version: Version,
    /// The resource.
    pub body: T,
    /// 200, or 201 for a created resource.
    pub status: StatusCode,
}

impl<T> Tagged<T> {
    /// 200 OK with an `ETag`.
    pub fn ok(version: Version, body: T) -> Tagged<T> {
        Tagged {
            version,
            body,
            status: StatusCode::OK,
        }
    }

    /// 201 Created with an `ETag`.
    pub fn created(version: Version, body: T) -> Tagged<T> {
        Tagged {
            version,
            body,
            status: StatusCode::CREATED,
        }
    }
}

impl<T: Serialize> IntoResponse for Tagged<T> {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        if let Ok(etag) = HeaderValue::from_str(&self.version.etag()) {
            response.headers_mut().insert(header::ETAG, etag);
        }
        response
    }
}

/// Reads a stored version (an SQLite INTEGER).
pub fn stored_version(value: i64) -> Version {
    Version(u64::try_from(value).unwrap_or(1))
}

#[cfg(test)]
mod tests {
    use axum::http::Request;

    use super::*;

    async fn extract(value: Option<&str>) -> Result<IfMatch, ApiError> {
        let mut builder = Request::get("/");
        if let Some(value) = value {
            builder = builder.header(header::IF_MATCH, value);
        }
        let (mut parts, ()) = builder.body(()).unwrap().into_parts();
        IfMatch::from_request_parts(&mut parts, &()).await
    }

    #[tokio::test]
    async fn if_match_is_required_well_formed_and_current() {
        assert!(matches!(
            extract(None).await,
            Err(ApiError::PreconditionRequired)
        ));
        assert!(matches!(
            extract(Some("7")).await,
            Err(ApiError::BadRequest { .. })
        ));
        let if_match = extract(Some("\"7\"")).await.unwrap();
        assert!(if_match.check(Version(7)).is_ok());
        assert!(matches!(
            if_match.check(Version(8)),
            Err(ApiError::PreconditionFailed {
                current: Version(8)
            })
        ));
    }

    #[test]
    fn tagged_responses_carry_the_etag() {
        let response = Tagged::created(Version(3), "x").into_response();
        assert_eq!(response.status(), StatusCode::CREATED);
        assert_eq!(response.headers()[header::ETAG], "\"3\"");
    }
}
