//! The REST API under [`contract::API_PREFIX`]: one module per resource, each with its
//! routes and their handlers side by side. Handlers carry `#[utoipa::path]`
//! annotations; [`router`] collects them into the OpenAPI document too, so the
//! document cannot list a route the server lacks or miss one it has.

mod customers;
mod health;
mod inquiries;
mod me;

use axum::routing::{any, get};
use axum::{Json, Router};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

pub use self::health::Health;
use crate::AppState;
use crate::error::{api_method_not_allowed, api_not_found};
use crate::openapi::ApiDoc;

/// Every API route, and the OpenAPI document describing them.
pub fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, document) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(health::routes())
        .merge(me::routes())
        .merge(inquiries::routes())
        .merge(customers::routes())
        .split_for_parts();
    (router, document)
}

/// The API mounted at its prefix, plus `openapi.json`. Any other path under `/api`
/// answers a 404 problem, and a known path called with an unsupported method a 405
/// problem, so API clients never get HTML or plain text.
pub fn router() -> Router<AppState> {
    let (api, document) = api();
    let document = std::sync::Arc::new(document);
    let api = api
        .route(
            "/openapi.json",
            get(move || {
                let document = std::sync::Arc::clone(&document);
                async move { Json(document.as_ref().clone()) }
            }),
        )
        .method_not_allowed_fallback(api_method_not_allowed);
    Router::new()
        .nest(contract::API_PREFIX, api)
        .route("/api", any(api_not_found))
        .route("/api/", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found))
}
