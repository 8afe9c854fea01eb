//! The REST API under [`contract::API_PREFIX`]: one module per resource, each with its
//! routes and their handlers side by side. Handlers carry `#[utoipa::path]`
//! annotations; [`router`] collects them into the OpenAPI document too, so the
//! document cannot list a route the server lacks or miss one it has.

mod changes;
mod customers;
mod health;
pub(crate) mod ingest;
mod inquiries;
mod me;
mod products;
mod quotes;
mod reminders;
mod users;

use axum::middleware::from_fn_with_state;
use axum::routing::{any, get};
use axum::{Json, Router};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

pub use self::changes::prune_change_log;
pub use self::health::Health;
use crate::AppState;
use crate::error::{api_method_not_allowed, api_not_found};
use crate::openapi::{ApiDoc, CrossCuttingRules};

/// Every API route, and the OpenAPI document describing them (with the rules every
/// operation shares: idempotency keys, preconditions, limits).
pub fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut document) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(health::routes())
        .merge(me::routes())
        .merge(inquiries::routes())
        .merge(customers::routes())
        .merge(users::routes())
        .merge(ingest::routes())
        .merge(products::routes())
        .merge(quotes::routes())
        .merge(reminders::routes())
        .merge(changes::routes())
        .split_for_parts();
    utoipa::Modify::modify(&CrossCuttingRules, &mut document);
    (router, document)
}

/// The OpenAPI document alone, as served at `/api/v1/openapi.json`.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    api().1
}

/// The API mounted at its prefix, plus `openapi.json`, with its layers (CORS, rate
/// and body limits, idempotency keys on POST). Any other path under `/api` answers
/// a 404 problem, and a known path called with an unsupported method a 405 problem
/// with `Allow`, so API clients never get HTML or plain text.
pub fn router(state: &AppState) -> Router<AppState> {
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
        // Only around the routes' own handlers, so that a POST to a path without
        // one is a 405 or 404, not a request for an idempotency key.
        .route_layer(from_fn_with_state(
            state.clone(),
            crate::idempotency::require_idempotency_key,
        ))
        .method_not_allowed_fallback(api_method_not_allowed);
    let api = Router::new()
        .nest(contract::API_PREFIX, api)
        .route("/api", any(api_not_found))
        .route("/api/", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found));
    crate::layers::with_api_layers(api, state)
}
