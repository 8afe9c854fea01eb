//! Bearer-token authentication.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use contract::problem::ProblemKind;

use crate::support::TestApp;

#[tokio::test]
async fn a_request_without_a_token_is_a_401_problem_with_a_challenge() {
    let test_app = TestApp::seeded().await;
    for path in ["/api/v1/me", "/api/v1/inquiries"] {
        let response = test_app.get(path, None).await;
        let problem = response.problem(StatusCode::UNAUTHORIZED, None);
        assert_eq!(problem.kind(), Some(ProblemKind::Unauthorized));
        assert_eq!(response.header(header::WWW_AUTHENTICATE), "Bearer");
    }
}

#[tokio::test]
async fn an_unknown_token_is_a_401_problem() {
    let test_app = TestApp::seeded().await;
    let response = test_app
        .get("/api/v1/me", Some("demo-brightway-intruder"))
        .await;
    response.problem(StatusCode::UNAUTHORIZED, None);
    assert!(
        response
            .header(header::WWW_AUTHENTICATE)
            .starts_with("Bearer")
    );
}

#[tokio::test]
async fn another_scheme_is_a_401_problem() {
    let test_app = TestApp::seeded().await;
    let request = Request::get("/api/v1/me")
        .header(header::AUTHORIZATION, "Basic ZGVtbzpkZW1v")
        .body(Body::empty())
        .unwrap();
    let response = test_app.send(request).await;
    response.problem(StatusCode::UNAUTHORIZED, None);
    assert!(
        response
            .header(header::WWW_AUTHENTICATE)
            .starts_with("Bearer")
    );
}

#[tokio::test]
async fn tokens_are_stored_hashed_never_raw() {
    let test_app = TestApp::seeded().await;
    let raw: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM api_tokens WHERE token_sha256 LIKE 'demo-%'")
            .fetch_one(&test_app.pool)
            .await
            .unwrap();
    assert_eq!(raw, 0);
    let hashed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM api_tokens WHERE token_sha256 = $1")
        .bind(api_stub::auth::token_hash("demo-brightway-rep"))
        .fetch_one(&test_app.pool)
        .await
        .unwrap();
    assert_eq!(hashed, 1);
}
