//! Request extractors whose rejections are problem+json ([`ApiError`]) instead of
//! axum's plain-text bodies.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// Like [`axum::extract::Query`], rejecting with a 400 problem.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| ApiQuery(value))
            .map_err(|rejection: QueryRejection| ApiError::bad_request(rejection.body_text()))
    }
}

/// Like [`axum::extract::Path`], rejecting with a 400 problem.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| ApiPath(value))
            .map_err(|rejection: PathRejection| ApiError::bad_request(rejection.body_text()))
    }
}

/// Like [`axum::Json`] as an extractor, rejecting with a 400 problem (bad syntax,
/// wrong content type) or a 422 problem (well-formed JSON of the wrong shape).
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        axum::Json::<T>::from_request(request, state)
            .await
            .map(|axum::Json(value)| ApiJson(value))
            .map_err(|rejection| match rejection {
                JsonRejection::JsonDataError(error) => {
                    ApiError::invalid_field("", error.body_text())
                }
                JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType,
                JsonRejection::BytesRejection(error)
                    if error.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE =>
                {
                    ApiError::PayloadTooLarge
                }
                other => ApiError::bad_request(other.body_text()),
            })
    }
}

/// The token of an `Authorization: Bearer <token>` header, if the request has one
/// (the same reading as the [`crate::auth::Caller`] extractor's). For the layers
/// that key state by caller before any handler runs: idempotency and rate limits.
pub fn bearer_token(headers: &axum::http::HeaderMap) -> Option<&str> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// Parses a path segment that must be an id, naming the parameter when it is not.
pub fn parse_path_id<T: std::str::FromStr>(field: &str, text: &str) -> Result<T, ApiError> {
    text.parse()
        .map_err(|_| ApiError::bad_field(field, format!("{text:?} is not a valid id (a UUID)")))
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    use axum::routing::post;
    use contract::problem::PROBLEM_CONTENT_TYPE;
    use serde::Deserialize;
    use tower::ServiceExt;

    use super::*;

    #[derive(Deserialize)]
    struct Payload {
        #[serde(rename = "count")]
        _count: u32,
    }

    async fn accept(ApiJson(_): ApiJson<Payload>) -> &'static str {
        "ok"
    }

    async fn post_json(body: &'static str) -> StatusCode {
        let app = Router::new().route("/", post(accept));
        let request = Request::post("/")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap();
        let response = app.oneshot(request).await.unwrap();
        if !response.status().is_success() {
            assert_eq!(
                response.headers()[header::CONTENT_TYPE],
                PROBLEM_CONTENT_TYPE
            );
        }
        response.status()
    }

    #[tokio::test]
    async fn json_rejections_are_problems() {
        assert_eq!(post_json(r#"{"count":1}"#).await, StatusCode::OK);
        assert_eq!(post_json("{not json").await, StatusCode::BAD_REQUEST);
        assert_eq!(
            post_json(r#"{"count":"x"}"#).await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
}
