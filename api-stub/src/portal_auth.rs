//! The portal back end's service token, for the ingest endpoint.
//!
//! The portal's own servers hand over new inquiries with a service token of
//! their own (`portal_tokens`, stored as SHA-256 like member tokens). It is not
//! a member user's token: a member token is refused on the ingest endpoint and a
//! portal token on every member endpoint, both with 401.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

use crate::AppState;
use crate::auth::token_hash;
use crate::error::ApiError;

/// The portal back end, authenticated by its service token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortalCaller {
    /// The token's label, for logs.
    pub label: String,
}

impl FromRequestParts<AppState> for PortalCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(header_value) = parts.headers.get(header::AUTHORIZATION) else {
            return Err(ApiError::Unauthorized {
                detail: "Send the portal's service token as `Authorization: Bearer <token>`."
                    .to_owned(),
                challenge: "Bearer",
            });
        };
        let token = header_value
            .to_str()
            .ok()
            .and_then(|value| value.trim().split_once(' '))
            .filter(|(scheme, token)| {
                scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty()
            })
            .map(|(_, token)| token.trim())
            .ok_or_else(|| ApiError::Unauthorized {
                detail: "The Authorization header is not of the form `Bearer <token>`.".to_owned(),
                challenge: "Bearer error=\"invalid_request\"",
            })?;
        let label: Option<String> =
            sqlx::query_scalar("SELECT label FROM portal_tokens WHERE token_sha256 = $1")
                .bind(token_hash(token))
                .fetch_optional(&state.database)
                .await?;
        match label {
            Some(label) => Ok(PortalCaller { label }),
            None => Err(ApiError::Unauthorized {
                detail: "This endpoint takes the portal's service token; the bearer token is \
                         not one."
                    .to_owned(),
                challenge: "Bearer error=\"invalid_token\"",
            }),
        }
    }
}
