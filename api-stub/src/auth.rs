//! Bearer-token authentication: the [`Caller`] extractor. A token is looked up by its
//! SHA-256 (the database never holds a raw token) and yields the user and the member
//! company every query of the request is scoped to.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use contract::ids::{MemberId, UserId};
use contract::user::Role;
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::error::ApiError;
use crate::stored::{enum_from_text, parse_stored};

/// The authenticated user making the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    /// Who is calling.
    pub user_id: UserId,
    /// The member company the caller works for; every query filters on it.
    pub member_id: MemberId,
    /// What the caller may see and do.
    pub role: Role,
}

impl Caller {
    /// The assignee a list must be restricted to, when the caller sees only their own
    /// inquiries (a rep); `None` when they see the whole team's.
    pub fn only_assigned_to(&self) -> Option<UserId> {
        (!self.role.sees_whole_team()).then_some(self.user_id)
    }
}

/// The stored form of a token: lower-case hex SHA-256.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The token of an `Authorization: Bearer <token>` header value.
fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(header_value) = parts.headers.get(header::AUTHORIZATION) else {
            return Err(ApiError::Unauthorized {
                detail: "Send an `Authorization: Bearer <token>` header.".to_owned(),
                challenge: "Bearer",
            });
        };
        let token = header_value
            .to_str()
            .ok()
            .and_then(bearer_token)
            .ok_or_else(|| ApiError::Unauthorized {
                detail: "The Authorization header is not of the form `Bearer <token>`.".to_owned(),
                challenge: "Bearer error=\"invalid_request\"",
            })?;
        let row: Option<(String, String, String)> = sqlx::query_as(
            "SELECT u.id, u.member_id, u.role
             FROM api_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.token_sha256 = $1",
        )
        .bind(token_hash(token))
        .fetch_optional(&state.database)
        .await?;
        let Some((user_id, member_id, role)) = row else {
            return Err(ApiError::Unauthorized {
                detail: "The bearer token is not valid.".to_owned(),
                challenge: "Bearer error=\"invalid_token\"",
            });
        };
        Ok(Caller {
            user_id: parse_stored("user id", &user_id)?,
            member_id: parse_stored("member id", &member_id)?,
            role: enum_from_text("role", &role)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_hash_to_lower_case_hex_sha256() {
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn only_the_bearer_scheme_is_accepted() {
        assert_eq!(bearer_token("Bearer abc"), Some("abc"));
        assert_eq!(bearer_token("bearer  abc "), Some("abc"));
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("Bearer "), None);
        assert_eq!(bearer_token("abc"), None);
    }
}
