//! The API's limits and cross-origin policy: body size (413), media type (415),
//! rate (429 with Retry-After) and CORS.

use api_stub::Settings;
use axum::body::Body;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use contract::problem::ProblemKind;
use serde_json::json;

use crate::support::{TestApp, json_request, member_id};

const MANAGER: &str = "demo-brightway-manager";
const OWNER: &str = "demo-brightway-owner";
const PORTAL: &str = "https://portal.example";

async fn a_customer(test_app: &TestApp) -> String {
    let member = member_id(test_app, "Ningbo Brightway").await;
    test_app
        .scalar(
            "SELECT id FROM customers WHERE member_id = $1 ORDER BY name LIMIT 1",
            &member,
        )
        .await
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_413_problem() {
    let test_app = TestApp::seeded_with(Settings {
        max_body_bytes: 1024,
        ..Settings::default()
    })
    .await;
    let customer = a_customer(&test_app).await;
    let path = format!("/api/v1/customers/{customer}/activities");
    let large = json!({ "kind": "note", "body": "x".repeat(2000) });

    // Buffered by the idempotency layer (POST), without a declared length.
    let problem = test_app
        .send(json_request(Method::POST, &path, MANAGER, &large))
        .await
        .problem(StatusCode::PAYLOAD_TOO_LARGE, None);
    assert_eq!(problem.kind(), Some(ProblemKind::PayloadTooLarge));

    // Read by the JSON extractor (PATCH), without a declared length.
    let mut patch = json_request(
        Method::PATCH,
        &format!("/api/v1/customers/{customer}"),
        MANAGER,
        &json!({ "name": "y".repeat(2000) }),
    );
    patch
        .headers_mut()
        .insert(header::IF_MATCH, HeaderValue::from_static("\"1\""));
    test_app
        .send(patch)
        .await
        .problem(StatusCode::PAYLOAD_TOO_LARGE, None);

    // A declared length over the limit is refused before anything reads the body.
    let mut declared = json_request(Method::POST, &path, MANAGER, &large);
    declared
        .headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(2100_u32));
    test_app
        .send(declared)
        .await
        .problem(StatusCode::PAYLOAD_TOO_LARGE, None);

    // Under the limit all is well.
    let small = json!({ "kind": "note", "body": "fits" });
    let response = test_app
        .send(json_request(Method::POST, &path, MANAGER, &small))
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_415_problem() {
    let test_app = TestApp::seeded().await;
    let customer = a_customer(&test_app).await;
    let body = json!({ "kind": "note", "body": "hello" });
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        None,
    ] {
        let mut request = json_request(
            Method::POST,
            &format!("/api/v1/customers/{customer}/activities"),
            MANAGER,
            &body,
        );
        match content_type {
            Some(value) => request
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(value)),
            None => request.headers_mut().remove(header::CONTENT_TYPE),
        };
        let problem = test_app
            .send(request)
            .await
            .problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, None);
        assert_eq!(problem.kind(), Some(ProblemKind::UnsupportedMediaType));
    }
}

#[tokio::test]
async fn too_many_requests_get_a_429_with_retry_after() {
    let test_app = TestApp::seeded_with(Settings {
        rate_limit_per_minute: 3,
        ..Settings::default()
    })
    .await;
    for _ in 0..3 {
        assert_eq!(
            test_app.get("/api/v1/me", Some(MANAGER)).await.status,
            StatusCode::OK
        );
    }
    let refused = test_app.get("/api/v1/me", Some(MANAGER)).await;
    let problem = refused.problem(StatusCode::TOO_MANY_REQUESTS, None);
    assert_eq!(problem.kind(), Some(ProblemKind::TooManyRequests));
    // Three a minute: the next one in 20 s.
    let retry_after: u64 = refused.header(header::RETRY_AFTER).parse().unwrap();
    assert!((19..=20).contains(&retry_after), "{retry_after}");

    // Another token has its own budget; health and the document are never limited.
    assert_eq!(
        test_app.get("/api/v1/me", Some(OWNER)).await.status,
        StatusCode::OK
    );
    for path in ["/api/v1/health", "/api/v1/openapi.json"] {
        assert_eq!(
            test_app.get(path, Some(MANAGER)).await.status,
            StatusCode::OK
        );
    }

    // Requests without a token share the (here unknown) client address's budget.
    for _ in 0..3 {
        assert_eq!(
            test_app.get("/api/v1/me", None).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    test_app
        .get("/api/v1/me", None)
        .await
        .problem(StatusCode::TOO_MANY_REQUESTS, None);
}

#[tokio::test]
async fn guessed_tokens_are_limited_like_anonymous_calls() {
    let test_app = TestApp::seeded_with(Settings {
        rate_limit_per_minute: 3,
        ..Settings::default()
    })
    .await;
    // Each guess would have a full bucket of its own; the refusals cost the address.
    for guess in 0..3 {
        test_app
            .get("/api/v1/me", Some(&format!("guess-{guess}")))
            .await
            .problem(StatusCode::UNAUTHORIZED, None);
    }
    for token in ["guess-4", MANAGER] {
        let refused = test_app.get("/api/v1/me", Some(token)).await;
        refused.problem(StatusCode::TOO_MANY_REQUESTS, None);
        assert!(refused.headers.contains_key(header::RETRY_AFTER));
    }
    test_app
        .get("/api/v1/me", None)
        .await
        .problem(StatusCode::TOO_MANY_REQUESTS, None);
}

fn preflight(origin: &str, method: &str, headers: &str) -> Request<Body> {
    Request::builder()
        .method(Method::OPTIONS)
        .uri("/api/v1/inquiries")
        .header(header::ORIGIN, origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, method)
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, headers)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn cors_allows_exactly_the_configured_origins() {
    let test_app = TestApp::seeded_with(Settings {
        cors_origins: vec![HeaderValue::from_static(PORTAL)],
        ..Settings::default()
    })
    .await;
    let allowed = test_app
        .send(preflight(
            PORTAL,
            "POST",
            "authorization,content-type,idempotency-key",
        ))
        .await;
    assert!(allowed.status.is_success(), "{}", allowed.status);
    assert_eq!(allowed.header(header::ACCESS_CONTROL_ALLOW_ORIGIN), PORTAL);
    assert_eq!(allowed.header(header::ACCESS_CONTROL_MAX_AGE), "600");
    let methods = allowed
        .header(header::ACCESS_CONTROL_ALLOW_METHODS)
        .to_owned();
    for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
        assert!(methods.contains(method), "{methods}");
    }
    let headers = allowed
        .header(header::ACCESS_CONTROL_ALLOW_HEADERS)
        .to_ascii_lowercase();
    for name in [
        "authorization",
        "content-type",
        "if-match",
        "idempotency-key",
        "last-event-id",
    ] {
        assert!(headers.contains(name), "{headers}");
    }

    let denied = test_app
        .send(preflight(
            "https://elsewhere.example",
            "POST",
            "authorization",
        ))
        .await;
    assert!(
        denied
            .headers
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .is_none()
    );

    // An actual request from the portal can read the headers it needs.
    let mut request = Request::get("/api/v1/me")
        .header(header::AUTHORIZATION, format!("Bearer {MANAGER}"))
        .header(header::ORIGIN, PORTAL)
        .body(Body::empty())
        .unwrap();
    let response = test_app.send(request).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.header(header::ACCESS_CONTROL_ALLOW_ORIGIN), PORTAL);
    let exposed = response
        .header(header::ACCESS_CONTROL_EXPOSE_HEADERS)
        .to_ascii_lowercase();
    for name in ["etag", "location", "retry-after", "idempotent-replayed"] {
        assert!(exposed.contains(name), "{exposed}");
    }
    request = Request::get("/api/v1/me")
        .header(header::AUTHORIZATION, format!("Bearer {MANAGER}"))
        .header(header::ORIGIN, "https://elsewhere.example")
        .body(Body::empty())
        .unwrap();
    let foreign = test_app.send(request).await;
    assert!(
        foreign
            .headers
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .is_none()
    );
}

#[tokio::test]
async fn without_configured_origins_no_cross_origin_call_is_allowed() {
    let test_app = TestApp::seeded().await;
    let response = test_app
        .send(preflight(PORTAL, "GET", "authorization"))
        .await;
    assert!(
        response
            .headers
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .is_none()
    );
    response.problem(StatusCode::METHOD_NOT_ALLOWED, None);
}
