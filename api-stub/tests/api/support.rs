//! The test fixture: a temporary directory with a database and static files, the app
//! over it, and helpers to send requests and read responses.

use std::path::{Path, PathBuf};

use api_stub::sql::DbPool;
use api_stub::{AppState, Settings, StaticDirs, app, database};
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use contract::problem::{PROBLEM_CONTENT_TYPE, Problem};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use tower::ServiceExt;

pub(crate) mod link;
pub(crate) mod postgres;
pub(crate) mod templates;

use templates::Content;

/// A directory removed when the test ends.
pub(crate) struct TempDir(PathBuf);

impl TempDir {
    pub(crate) fn new() -> TempDir {
        let path = std::env::temp_dir().join(format!("api-stub-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Err(error) = std::fs::remove_dir_all(&self.0) {
            eprintln!("cannot remove {}: {error}", self.0.display());
        }
    }
}

/// The application over a fresh database: SQLite, or PostgreSQL when
/// `CRM_TEST_DATABASE=postgres`.
pub(crate) struct TestApp {
    pub(crate) pool: DbPool,
    pub(crate) router: Router,
    pub(crate) dir: TempDir,
    settings: Settings,
    postgres: Option<postgres::TestPostgres>,
}

/// Whether the tests run on PostgreSQL instead of SQLite.
fn on_postgres() -> bool {
    std::env::var("CRM_TEST_DATABASE").is_ok_and(|database| database == "postgres")
}

impl TestApp {
    /// Migrated, empty database; host demo and bundle directories with a few files.
    pub(crate) async fn empty() -> TestApp {
        TestApp::empty_with(Settings::default()).await
    }

    /// Like [`TestApp::empty`], with other limits (body size, rate, CORS, retention).
    pub(crate) async fn empty_with(settings: Settings) -> TestApp {
        TestApp::holding(on_postgres(), Content::Empty, settings).await
    }

    /// With the demo data on PostgreSQL, whatever `CRM_TEST_DATABASE` says (for
    /// what only PostgreSQL offers, such as several instances).
    pub(crate) async fn seeded_on_postgres(settings: Settings) -> TestApp {
        TestApp::holding(true, Content::Seeded, settings).await
    }

    async fn holding(postgres: bool, content: Content, settings: Settings) -> TestApp {
        let dir = TempDir::new();
        let (pool, postgres) = if postgres {
            let postgres = postgres::TestPostgres::holding(content).await;
            let pool = database::connect(&postgres.url()).await.unwrap();
            (pool, Some(postgres))
        } else {
            let file = dir.path().join("crm.db");
            std::fs::write(&file, templates::sqlite(content)).unwrap();
            let pool = database::connect(&format!("sqlite://{}", file.display()))
                .await
                .unwrap();
            (pool, None)
        };
        let host_demo = dir.path().join("host-demo");
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(&host_demo).unwrap();
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(
            host_demo.join("index.html"),
            "<!doctype html><title>Demo</title>",
        )
        .unwrap();
        std::fs::write(dist.join("crm-widgets.js"), "export {};").unwrap();
        std::fs::write(dist.join("crm-widgets.js.br"), "brotli bytes").unwrap();
        std::fs::write(dist.join("crm-widgets_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(dist.join("crm-widgets_bg.wasm.br"), "brotli wasm").unwrap();
        let router = app(AppState::with_settings(
            pool.clone(),
            StaticDirs { host_demo, dist },
            settings.clone(),
        ));
        TestApp {
            pool,
            router,
            dir,
            settings,
            postgres,
        }
    }

    /// The URL of this test's PostgreSQL database.
    pub(crate) fn postgres_url(&self) -> String {
        self.postgres.as_ref().expect("not on PostgreSQL").url()
    }

    /// A link to this test's PostgreSQL database that the test can cut.
    pub(crate) async fn postgres_link(&self) -> link::Link {
        let postgres = self.postgres.as_ref().expect("a link needs PostgreSQL");
        link::Link::to(postgres.options()).await
    }

    /// Another instance of the application on the same PostgreSQL database,
    /// with its own pool and state, as a second process behind a load balancer
    /// would have; `pool` sizes and times its connections.
    pub(crate) async fn another_instance(&self, pool: database::PoolSettings) -> Router {
        self.instance_on(&self.postgres_url(), pool).await
    }

    /// An instance of the application on the database at `url`.
    pub(crate) async fn instance_on(&self, url: &str, pool: database::PoolSettings) -> Router {
        let database = database::connect_with(url, pool).await.unwrap();
        app(AppState::with_settings(
            database,
            StaticDirs {
                host_demo: self.dir.path().join("host-demo"),
                dist: self.dir.path().join("dist"),
            },
            self.settings.clone(),
        ))
    }

    /// With the demo data.
    pub(crate) async fn seeded() -> TestApp {
        TestApp::seeded_with(Settings::default()).await
    }

    /// With the demo data and other limits.
    pub(crate) async fn seeded_with(settings: Settings) -> TestApp {
        TestApp::holding(on_postgres(), Content::Seeded, settings).await
    }

    pub(crate) async fn send(&self, request: Request<Body>) -> TestResponse {
        send_to(&self.router, request).await
    }

    /// `GET path` with an optional bearer token.
    pub(crate) async fn get(&self, path: &str, token: Option<&str>) -> TestResponse {
        let mut request = Request::get(path);
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// `GET path` as `token`, expecting 200 and a JSON body of type `T`.
    pub(crate) async fn get_json<T: DeserializeOwned>(&self, path: &str, token: &str) -> T {
        let response = self.get(path, Some(token)).await;
        assert_eq!(
            response.status,
            StatusCode::OK,
            "{path}: {}",
            response.text()
        );
        response.json()
    }

    /// The id of a seeded row, by a query returning one text column.
    pub(crate) async fn scalar(&self, sql: &str, parameter: &str) -> String {
        sqlx::query_scalar(sql)
            .bind(parameter)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// The ids of a query returning one text column.
    pub(crate) async fn column(&self, sql: &str, parameter: &str) -> Vec<String> {
        sqlx::query_scalar(sql)
            .bind(parameter)
            .fetch_all(&self.pool)
            .await
            .unwrap()
    }
}

/// Sends `request` to `router` (an instance of the application) and reads the
/// whole answer.
pub(crate) async fn send_to(router: &Router, request: Request<Body>) -> TestResponse {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    TestResponse {
        status,
        headers,
        body,
    }
}

/// A request as `token` with a JSON body. A POST gets a fresh `Idempotency-Key`
/// (required on every POST); send one yourself with [`json_request_with_key`].
pub(crate) fn json_request(
    method: Method,
    path: &str,
    token: &str,
    body: &serde_json::Value,
) -> Request<Body> {
    let key = (method == Method::POST).then(|| uuid::Uuid::new_v4().to_string());
    json_request_with_key(method, path, token, key.as_deref(), body)
}

/// A request as `token` with a JSON body and, when given, an `Idempotency-Key`.
pub(crate) fn json_request_with_key(
    method: Method,
    path: &str,
    token: &str,
    key: Option<&str>,
    body: &serde_json::Value,
) -> Request<Body> {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    request.body(Body::from(body.to_string())).unwrap()
}

pub(crate) struct TestResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl TestResponse {
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub(crate) fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|error| panic!("{error}: {}", self.text()))
    }

    pub(crate) fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(&name)
            .unwrap_or_else(|| panic!("no {name} header"))
            .to_str()
            .unwrap()
    }

    /// Asserts a problem+json response with `status`, naming `field` in `errors`
    /// when given, and returns the problem.
    pub(crate) fn problem(&self, status: StatusCode, field: Option<&str>) -> Problem {
        assert_eq!(self.status, status, "{}", self.text());
        assert_eq!(self.header(header::CONTENT_TYPE), PROBLEM_CONTENT_TYPE);
        let problem: Problem = self.json();
        assert_eq!(problem.status, status.as_u16());
        if let Some(field) = field {
            assert!(
                problem.errors.iter().any(|error| error.field == field),
                "no error for {field}: {problem:?}"
            );
        }
        problem
    }
}

/// Brightway's (Ningbo Brightway Lighting) member id.
pub(crate) async fn member_id(test_app: &TestApp, name_start: &str) -> String {
    test_app
        .scalar(
            "SELECT id FROM members WHERE name LIKE $1 || '%'",
            name_start,
        )
        .await
}
