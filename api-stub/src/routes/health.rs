//! `GET /health`: liveness and database reachability, without authentication.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::api_path;
use crate::AppState;
use crate::error::ApiError;

/// The health document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// Always `"ok"` when the server answers 200.
    pub status: String,
    /// `"ok"` when a query succeeded.
    pub database: String,
}

pub(super) fn routes() -> Router<AppState> {
    Router::new().route(&api_path("/health"), get(get_health))
}

/// 200 when the database answers a query, 503 problem otherwise.
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
