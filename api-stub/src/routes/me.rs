//! `GET /me`: who the bearer token belongs to.

use axum::Json;
use axum::extract::State;
use contract::user::{Me, Member, User};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::stored::{enum_from_text, parse_stored};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_me))
}

#[derive(sqlx::FromRow)]
struct MeRow {
    user_id: String,
    user_name: String,
    email: String,
    role: String,
    language: String,
    active: bool,
    open_inquiries: i64,
    member_id: String,
    member_name: String,
    currency: String,
    response_target_hours: i64,
}

/// The caller: user, role, member company and language.
#[utoipa::path(
    get,
    path = "/me",
    tag = "me",
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn get_me(State(state): State<AppState>, caller: Caller) -> Result<Json<Me>, ApiError> {
    let row: Option<MeRow> = sqlx::query_as(
        "SELECT u.id AS user_id, u.name AS user_name, u.email, u.role, u.language, u.active,
                (SELECT COUNT(*) FROM inquiries i WHERE i.assignee_id = u.id AND i.member_id = u.member_id
                   AND i.status IN ('new', 'open', 'quoted')) AS open_inquiries,
                m.id AS member_id, m.name AS member_name, m.currency, m.response_target_hours
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
            language: enum_from_text("language", &row.language)?,
            active: row.active,
            open_inquiries: u32::try_from(row.open_inquiries).unwrap_or(u32::MAX),
        },
        member: Member {
            id: parse_stored("member id", &row.member_id)?,
            name: row.member_name,
            currency: parse_stored("currency", &row.currency)?,
            response_target_hours: u32::try_from(row.response_target_hours).unwrap_or(24),
        },
        language: enum_from_text("language", &row.language)?,
    }))
}
