//! `GET /me`: who the bearer token belongs to.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use contract::user::{Me, Member, User};

use super::api_path;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::stored::{enum_from_text, parse_stored};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route(&api_path("/me"), get(get_me))
}

#[derive(sqlx::FromRow)]
struct MeRow {
    user_id: String,
    user_name: String,
    email: String,
    role: String,
    language: String,
    member_id: String,
    member_name: String,
}

async fn get_me(State(state): State<AppState>, caller: Caller) -> Result<Json<Me>, ApiError> {
    let row: Option<MeRow> = sqlx::query_as(
        "SELECT u.id AS user_id, u.name AS user_name, u.email, u.role, u.language,
                m.id AS member_id, m.name AS member_name
         FROM users u JOIN members m ON m.id = u.member_id
         WHERE u.id = ? AND u.member_id = ?",
    )
    .bind(caller.user_id.to_string())
    .bind(caller.member_id.to_string())
    .fetch_optional(&state.database)
    .await?;
    // The token was valid a moment ago; the user may have been removed since.
    let row = row.ok_or_else(|| ApiError::NotFound("The calling user no longer exists.".into()))?;
    Ok(Json(Me {
        user: User {
            id: parse_stored("user id", &row.user_id)?,
            name: row.user_name,
            email: row.email,
            role: enum_from_text("role", &row.role)?,
        },
        member: Member {
            id: parse_stored("member id", &row.member_id)?,
            name: row.member_name,
        },
        language: enum_from_text("language", &row.language)?,
    }))
}
