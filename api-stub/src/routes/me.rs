//! `GET /me`: who the bearer token belongs to.

use axum::Json;
use axum::extract::State;
use contract::user::{Me, Member};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::users::load_users;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::stored::parse_stored;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_me))
}

/// The caller: user (with their open inquiries), role, member company and language.
#[utoipa::path(
    get,
    path = "/me",
    tag = "me",
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "The token's user was removed", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn get_me(State(state): State<AppState>, caller: Caller) -> Result<Json<Me>, ApiError> {
    let mut connection = state.database.acquire().await?;
    // The token was valid a moment ago; the user may have been removed since.
    let user = load_users(&mut connection, caller.member_id, Some(caller.user_id))
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::NotFound("The calling user no longer exists.".into()))?;
    let (id, name, currency, response_target_hours): (String, String, String, i64) =
        sqlx::query_as(
            "SELECT id, name, currency, response_target_hours FROM members WHERE id = $1",
        )
        .bind(caller.member_id.to_string())
        .fetch_one(&mut *connection)
        .await?;
    Ok(Json(Me {
        language: user.language,
        user,
        member: Member {
            id: parse_stored("member id", &id)?,
            name,
            currency: parse_stored("currency", &currency)?,
            response_target_hours: u32::try_from(response_target_hours).unwrap_or(24),
        },
    }))
}
