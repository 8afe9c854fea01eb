//! `GET /api/v1/health`.

use api_stub::routes::Health;
use axum::http::StatusCode;
use contract::problem::ProblemKind;

use crate::support::TestApp;

#[tokio::test]
async fn health_is_ok_without_a_token() {
    let test_app = TestApp::empty().await;
    let response = test_app.get("/api/v1/health", None).await;
    assert_eq!(response.status, StatusCode::OK);
    let health: Health = response.json();
    assert_eq!(
        (health.status.as_str(), health.database.as_str()),
        ("ok", "ok")
    );
}

#[tokio::test]
async fn health_is_a_503_problem_when_the_database_is_gone() {
    let test_app = TestApp::empty().await;
    test_app.pool.close().await;
    let response = test_app.get("/api/v1/health", None).await;
    let problem = response.problem(StatusCode::SERVICE_UNAVAILABLE, None);
    assert_eq!(problem.kind(), Some(ProblemKind::ServiceUnavailable));
}
