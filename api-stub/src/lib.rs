//! api-stub: the reference server of the CRM widgets' REST contract (crate `contract`),
//! on SQLite. It also serves the host demo pages and the widget bundle, so the demo
//! runs from one origin under a strict Content-Security-Policy.
//!
//! The binary (`main.rs`) only wires things up: [`Config`] from flags and environment,
//! [`database::connect`], [`database::migrate`], optionally [`seed::seed_demo`], then
//! [`app`] served by axum. Tests drive [`app`] directly with `tower::ServiceExt::oneshot`.

pub mod assignment;
pub mod auth;
pub mod change_log;
pub mod concurrency;
pub mod config;
pub mod database;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod layers;
pub mod openapi;
pub mod portal_auth;
pub mod rate_limit;
pub mod routes;
pub mod scoring;
pub mod search;
pub mod seed;
pub mod sql;
pub mod static_files;
pub mod status_history;
pub mod stored;
pub mod storefront;
pub mod text;

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use time::OffsetDateTime;

use crate::sql::{Backend, DbPool};

pub use config::{Config, LogFormat, Settings};
pub use error::ApiError;

/// What every request handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The connection pool; every query goes through it.
    pub database: DbPool,
    /// Where the static files come from.
    pub static_dirs: StaticDirs,
    /// Wakes the change streams of a member after its changes were committed.
    pub changes: change_log::ChangeNotifier,
    /// Limits and policies (body size, rate, CORS, change retention).
    pub settings: Arc<Settings>,
    /// The request budgets of callers, for [`rate_limit`].
    pub rate_limiter: rate_limit::RateLimiter,
}

/// The directories served besides the API.
#[derive(Clone, Debug)]
pub struct StaticDirs {
    /// The host demo pages, served at `/`.
    pub host_demo: PathBuf,
    /// The built widget bundle, served at `/dist/`.
    pub dist: PathBuf,
}

impl AppState {
    /// State over an open (and migrated) pool, with the default [`Settings`].
    pub fn new(database: DbPool, static_dirs: StaticDirs) -> AppState {
        AppState::with_settings(database, static_dirs, Settings::default())
    }

    /// State over an open (and migrated) pool, with the given settings.
    pub fn with_settings(
        database: DbPool,
        static_dirs: StaticDirs,
        settings: Settings,
    ) -> AppState {
        AppState {
            rate_limiter: rate_limit::RateLimiter::new(settings.rate_limit_per_minute, &database),
            changes: change_log::ChangeNotifier::for_database(&database),
            database,
            static_dirs,
            settings: Arc::new(settings),
        }
    }
}

/// The whole HTTP application: the REST API under [`contract::API_PREFIX`], the widget
/// bundle under `/dist/`, the host demo pages at `/`, and the layers common to all.
pub fn app(state: AppState) -> Router {
    let static_files = static_files::router(&state.static_dirs);
    let storefront = storefront::router(&state).with_state(state.clone());
    let api = routes::router(&state).with_state(state);
    layers::with_common_layers(api.merge(storefront).merge(static_files))
}

/// Deletes what the server keeps only for a while: idempotency records older than
/// [`idempotency::RETENTION`] and change-feed entries older than
/// [`Settings::change_retention`]; then lets SQLite refresh its planner statistics
/// (`PRAGMA optimize`), or on PostgreSQL (whose autovacuum keeps its statistics)
/// forgets the rate budgets that are full again. The binary runs it
/// periodically; it is cheap (the deletions walk an index, and `optimize`
/// analyses only tables that changed much).
pub async fn housekeeping(state: &AppState, now: OffsetDateTime) -> Result<(), sqlx::Error> {
    idempotency::prune_expired(&state.database, now).await?;
    routes::prune_change_log(&state.database, now - state.settings.change_retention).await?;
    match Backend::of_pool(&state.database) {
        // Refreshes the planner's statistics where the tables changed a lot
        // since, so that the inbox keeps its index plans as it grows (cheap when
        // nothing did).
        Backend::Sqlite => {
            sqlx::query("PRAGMA optimize")
                .execute(&state.database)
                .await?;
        }
        // Budgets full again are what a new caller gets anyway.
        Backend::Postgres => {
            rate_limit::shared::forget_full(&state.database).await?;
        }
    }
    Ok(())
}
