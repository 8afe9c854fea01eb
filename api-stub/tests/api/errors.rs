//! Every error is problem+json with the right status and names the offending field.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use contract::problem::ProblemKind;

use crate::support::TestApp;

const OWNER: &str = "demo-brightway-owner";

#[tokio::test]
async fn a_malformed_cursor_is_a_400_naming_cursor() {
    let test_app = TestApp::seeded().await;
    for cursor in ["nonsense", "abcd", "7631", "%F0%9F%92%A9"] {
        let path = format!("/api/v1/inquiries?cursor={cursor}");
        let problem = test_app
            .get(&path, Some(OWNER))
            .await
            .problem(StatusCode::BAD_REQUEST, Some("cursor"));
        assert_eq!(problem.kind(), Some(ProblemKind::BadRequest));
    }
}

#[tokio::test]
async fn a_limit_out_of_range_is_a_422_naming_limit() {
    let test_app = TestApp::seeded().await;
    for limit in ["0", "201", "-1", "ten", "1.5"] {
        let path = format!("/api/v1/inquiries?limit={limit}");
        let problem = test_app
            .get(&path, Some(OWNER))
            .await
            .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("limit"));
        assert_eq!(problem.kind(), Some(ProblemKind::Validation));
    }
    for limit in ["1", "200"] {
        let path = format!("/api/v1/inquiries?limit={limit}");
        assert_eq!(
            test_app.get(&path, Some(OWNER)).await.status,
            StatusCode::OK,
            "{limit}"
        );
    }
}

#[tokio::test]
async fn an_unknown_status_is_a_422_naming_status() {
    let test_app = TestApp::seeded().await;
    let problem = test_app
        .get("/api/v1/inquiries?status=pending&limit=999", Some(OWNER))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("status"));
    assert_eq!(
        problem.errors.len(),
        2,
        "both bad fields are reported: {problem:?}"
    );
}

#[tokio::test]
async fn a_malformed_id_is_a_400_naming_id() {
    let test_app = TestApp::seeded().await;
    for path in ["/api/v1/inquiries/42", "/api/v1/customers/not-a-uuid"] {
        test_app
            .get(path, Some(OWNER))
            .await
            .problem(StatusCode::BAD_REQUEST, Some("id"));
    }
}

#[tokio::test]
async fn an_unknown_id_is_a_404_problem() {
    let test_app = TestApp::seeded().await;
    let id = "00000000-0000-4000-8000-000000000000";
    for path in [
        format!("/api/v1/inquiries/{id}"),
        format!("/api/v1/customers/{id}"),
    ] {
        let problem = test_app
            .get(&path, Some(OWNER))
            .await
            .problem(StatusCode::NOT_FOUND, None);
        assert_eq!(problem.kind(), Some(ProblemKind::NotFound));
    }
}

#[tokio::test]
async fn an_unknown_api_path_is_a_404_problem_even_without_a_token() {
    let test_app = TestApp::empty().await;
    for path in [
        "/api",
        "/api/",
        "/api/v1",
        "/api/v1/nothing-here",
        "/api/v2/inquiries",
        "/api/v1/inquiries/x/y",
    ] {
        test_app
            .get(path, None)
            .await
            .problem(StatusCode::NOT_FOUND, None);
    }
}

#[tokio::test]
async fn an_unsupported_method_is_a_405_problem() {
    let test_app = TestApp::empty().await;
    let request = Request::delete("/api/v1/health")
        .body(Body::empty())
        .unwrap();
    let response = test_app.send(request).await;
    response.problem(StatusCode::METHOD_NOT_ALLOWED, None);
    assert!(response.header(header::ALLOW).contains("GET"));
}

/// The `Allow` methods of a 405 answer, sorted.
fn allowed(response: &crate::support::TestResponse) -> Vec<String> {
    let mut methods: Vec<String> = response
        .header(header::ALLOW)
        .split(',')
        .map(|method| method.trim().to_owned())
        .collect();
    methods.sort();
    methods
}

#[tokio::test]
async fn every_path_answers_other_methods_with_a_405_naming_its_methods_in_allow() {
    let test_app = TestApp::seeded().await;
    let document = serde_json::to_value(api_stub::routes::openapi_document()).unwrap();
    let id = "00000000-0000-4000-8000-000000000000";
    for (template, item) in document["paths"].as_object().unwrap() {
        let path = format!("/api/v1{template}")
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    id
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        let mut expected: Vec<String> = item
            .as_object()
            .unwrap()
            .keys()
            .map(|method| method.to_ascii_uppercase())
            .collect();
        if expected.iter().any(|method| method == "GET") {
            expected.push("HEAD".to_owned());
        }
        expected.sort();
        // A POST where there is none is a 405 too, not a demand for an Idempotency-Key.
        for method in [Method::POST, Method::PUT, Method::DELETE] {
            if expected.iter().any(|allowed| allowed == method.as_str()) {
                continue;
            }
            let request = Request::builder()
                .method(method.clone())
                .uri(&path)
                .header(header::AUTHORIZATION, format!("Bearer {OWNER}"))
                .body(Body::empty())
                .unwrap();
            let response = test_app.send(request).await;
            let problem = response.problem(StatusCode::METHOD_NOT_ALLOWED, None);
            assert_eq!(problem.kind(), Some(ProblemKind::MethodNotAllowed));
            assert_eq!(allowed(&response), expected, "{method} {path}");
        }
    }
}

#[tokio::test]
async fn a_query_string_that_does_not_parse_is_a_400_problem() {
    let test_app = TestApp::seeded().await;
    // The same parameter twice cannot fill one field.
    test_app
        .get("/api/v1/inquiries?limit=5&limit=6", Some(OWNER))
        .await
        .problem(StatusCode::BAD_REQUEST, None);
}
