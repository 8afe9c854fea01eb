//! The host demo pages and the widget bundle.

use api_stub::static_files::CONTENT_SECURITY_POLICY;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::support::TestApp;

#[tokio::test]
async fn host_demo_pages_carry_a_strict_content_security_policy() {
    let test_app = TestApp::empty().await;
    let response = test_app.get("/", None).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        response.header(header::CONTENT_TYPE),
        "text/html; charset=utf-8"
    );
    assert_eq!(
        response.header(header::CONTENT_SECURITY_POLICY),
        CONTENT_SECURITY_POLICY
    );
    assert!(CONTENT_SECURITY_POLICY.contains("script-src 'self' 'wasm-unsafe-eval';"));
    assert!(!CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
    assert_eq!(response.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert_eq!(
        test_app.get("/index.html", None).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn every_response_says_nosniff_and_has_a_request_id() {
    let test_app = TestApp::empty().await;
    for path in [
        "/api/v1/health",
        "/api/v1/me",
        "/nothing-here",
        "/dist/crm-widgets.js",
    ] {
        let response = test_app.get(path, None).await;
        assert_eq!(
            response.header(header::X_CONTENT_TYPE_OPTIONS),
            "nosniff",
            "{path}"
        );
        assert!(
            !response
                .header(header::HeaderName::from_static("x-request-id"))
                .is_empty()
        );
    }
}

#[tokio::test]
async fn the_bundle_is_served_precompressed_when_accepted() {
    let test_app = TestApp::empty().await;
    let request = |path: &str, encoding: &str| {
        Request::get(path)
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap()
    };
    let wasm = test_app
        .send(request("/dist/crm-widgets_bg.wasm", "gzip, br"))
        .await;
    assert_eq!(wasm.status, StatusCode::OK);
    assert_eq!(wasm.header(header::CONTENT_TYPE), "application/wasm");
    assert_eq!(wasm.header(header::CONTENT_ENCODING), "br");
    assert_eq!(wasm.body, b"brotli wasm");
    assert!(wasm.headers.get(header::CONTENT_SECURITY_POLICY).is_none());

    let plain = test_app
        .send(request("/dist/crm-widgets_bg.wasm", "identity"))
        .await;
    assert_eq!(plain.header(header::CONTENT_TYPE), "application/wasm");
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(plain.body, b"\0asm\x01\0\0\0");

    let script = test_app.send(request("/dist/crm-widgets.js", "br")).await;
    assert!(script.header(header::CONTENT_TYPE).contains("javascript"));
    assert_eq!(script.header(header::CONTENT_ENCODING), "br");
}

#[tokio::test]
async fn missing_directories_answer_404() {
    let test_app = TestApp::empty().await;
    std::fs::remove_dir_all(test_app.dir.path().join("dist")).unwrap();
    std::fs::remove_dir_all(test_app.dir.path().join("host-demo")).unwrap();
    for path in ["/dist/crm-widgets.js", "/", "/index.html"] {
        assert_eq!(
            test_app.get(path, None).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(
        test_app.get("/api/v1/health", None).await.status,
        StatusCode::OK
    );
}
