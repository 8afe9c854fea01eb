//! The REST API under [`contract::API_PREFIX`]: one module per resource, each with its
//! routes and their handlers side by side.

mod customers;
mod health;
mod inquiries;
mod me;

use axum::Router;
use axum::routing::any;

pub use self::health::Health;
use crate::AppState;
use crate::error::{api_method_not_allowed, api_not_found};

/// `API_PREFIX` followed by `path`, e.g. `/api/v1/inquiries`.
fn api_path(path: &str) -> String {
    format!("{}{path}", contract::API_PREFIX)
}

/// Every API route. Any other path under `/api` answers a 404 problem, and a known path
/// called with an unsupported method a 405 problem, so API clients never get HTML or
/// plain text.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(health::routes())
        .merge(me::routes())
        .merge(inquiries::routes())
        .merge(customers::routes())
        .method_not_allowed_fallback(api_method_not_allowed)
        .route("/api", any(api_not_found))
        .route("/api/", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found))
}
