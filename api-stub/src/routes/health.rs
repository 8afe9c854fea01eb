//! `GET /health`: liveness and database reachability, without authentication.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::ApiError;

/// The health document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Health {
    /// Always `"ok"` when the server answers 200.
    pub status: String,
    /// `"ok"` when a query succeeded.
    pub database: String,
}

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_health))
}

/// 200 when the database answers a query, 503 problem otherwise.
#[utoipa::path(
    get,
    path = "/health",
    tag = "health",
    security(()),
    responses(
        (status = 200, description = "The server and its database answer", body = Health),
        (status = 503, description = "The database is unreachable", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn get_health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(&state.database)
        .await
        .map_err(ApiError::Unavailable)?;
    Ok(Json(Health {
        status: "ok".to_owned(),
        database: "ok".to_owned(),
    }))
}
