//! api-stub: the reference server of the CRM widgets' REST contract (crate `contract`),
//! on SQLite. It also serves the host demo pages and the widget bundle, so the demo
//! runs from one origin under a strict Content-Security-Policy.
//!
//! The binary (`main.rs`) only wires things up: [`Config`] from flags and environment,
//! [`database::connect`], [`database::migrate`], optionally [`seed::seed_demo`], then
//! [`app`] served by axum. Tests drive [`app`] directly with `tower::ServiceExt::oneshot`.

pub mod auth;
pub mod change_log;
pub mod concurrency;
pub mod config;
pub mod database;
pub mod error;
pub mod extract;
pub mod layers;
pub mod openapi;
pub mod routes;
pub mod seed;
pub mod static_files;
pub mod stored;
pub mod text;

use std::path::PathBuf;

use axum::Router;
use sqlx::SqlitePool;

pub use config::{Config, LogFormat};
pub use error::ApiError;

/// What every request handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The connection pool; every query goes through it.
    pub database: SqlitePool,
    /// Where the static files come from.
    pub static_dirs: StaticDirs,
    /// Wakes the change streams of a member after its changes were committed.
    pub changes: change_log::ChangeNotifier,
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
    /// State over an open (and migrated) pool.
    pub fn new(database: SqlitePool, static_dirs: StaticDirs) -> AppState {
        AppState {
            database,
            static_dirs,
            changes: change_log::ChangeNotifier::default(),
        }
    }
}

/// The whole HTTP application: the REST API under [`contract::API_PREFIX`], the widget
/// bundle under `/dist/`, the host demo pages at `/`, and the layers common to all.
pub fn app(state: AppState) -> Router {
    let static_files = static_files::router(&state.static_dirs);
    layers::with_common_layers(routes::router().with_state(state).merge(static_files))
}
