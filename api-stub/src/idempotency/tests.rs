//! Unit tests of the idempotency layer around tiny handlers whose runs are counted
//! and, for the in-use case, held until the test lets them go.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::routing::post;
use http_body_util::BodyExt;
use tokio::sync::Notify;
use tower::ServiceExt;

use super::*;
use crate::{StaticDirs, database};

#[test]
fn keys_are_one_to_255_printable_ascii_characters() {
    let headers = |value: &[u8]| {
        let mut headers = HeaderMap::new();
        headers.insert(IDEMPOTENCY_KEY, HeaderValue::from_bytes(value).unwrap());
        headers
    };
    assert_eq!(idempotency_key(&headers(b"a")).unwrap(), "a");
    let longest = "k".repeat(255);
    assert_eq!(
        idempotency_key(&headers(longest.as_bytes())).unwrap(),
        longest
    );
    for bad in [
        &b""[..],
        "k".repeat(256).as_bytes(),
        b"tab\there",
        b"caf\xc3\xa9",
    ] {
        assert!(idempotency_key(&headers(bad)).is_err(), "{bad:?} accepted");
    }
    assert!(idempotency_key(&HeaderMap::new()).is_err());
    let mut twice = headers(b"a");
    twice.append(IDEMPOTENCY_KEY, HeaderValue::from_static("b"));
    assert!(idempotency_key(&twice).is_err());
}

#[test]
fn fingerprints_cover_method_target_and_body() {
    let parts = |method: Method, uri: &str| {
        Request::builder()
            .method(method)
            .uri(uri)
            .body(())
            .unwrap()
            .into_parts()
            .0
    };
    let base = fingerprint(&parts(Method::POST, "/a?x=1"), b"{}");
    assert_eq!(base, fingerprint(&parts(Method::POST, "/a?x=1"), b"{}"));
    assert_ne!(base, fingerprint(&parts(Method::POST, "/a?x=2"), b"{}"));
    assert_ne!(base, fingerprint(&parts(Method::POST, "/b?x=1"), b"{}"));
    assert_ne!(base, fingerprint(&parts(Method::PUT, "/a?x=1"), b"{}"));
    assert_ne!(base, fingerprint(&parts(Method::POST, "/a?x=1"), b"{ }"));
}

/// Counts handler runs; `/held` waits for `release` after telling `entered`.
#[derive(Clone, Default)]
struct Probe {
    runs: Arc<AtomicUsize>,
    entered: Arc<Notify>,
    release: Arc<Notify>,
}

struct Fixture {
    router: Router,
    probe: Probe,
    dir: std::path::PathBuf,
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if let Err(error) = std::fs::remove_dir_all(&self.dir) {
            eprintln!("cannot remove {}: {error}", self.dir.display());
        }
    }
}

async fn fixture() -> Fixture {
    let dir = std::env::temp_dir().join(format!("api-stub-unit-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let pool = database::connect(&format!("sqlite://{}", dir.join("crm.db").display()))
        .await
        .unwrap();
    database::migrate(&pool).await.unwrap();
    let state = AppState::new(
        pool,
        StaticDirs {
            host_demo: dir.clone(),
            dist: dir.clone(),
        },
    );
    let probe = Probe::default();
    let created = {
        let probe = probe.clone();
        move || async move {
            probe.runs.fetch_add(1, Ordering::SeqCst);
            (
                StatusCode::CREATED,
                [
                    (header::CONTENT_TYPE, "application/json"),
                    (header::ETAG, "\"1\""),
                    (header::LOCATION, "/things/1"),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                r#"{"id":1}"#,
            )
        }
    };
    let failing = {
        let probe = probe.clone();
        move || async move {
            probe.runs.fetch_add(1, Ordering::SeqCst);
            StatusCode::INTERNAL_SERVER_ERROR
        }
    };
    let held = {
        let probe = probe.clone();
        move || async move {
            probe.runs.fetch_add(1, Ordering::SeqCst);
            probe.entered.notify_one();
            probe.release.notified().await;
            StatusCode::CREATED
        }
    };
    let panicking = {
        let probe = probe.clone();
        move || async move {
            let runs = probe.runs.fetch_add(1, Ordering::SeqCst) + 1;
            assert!(runs == 0, "a bug in a handler");
            StatusCode::OK
        }
    };
    let router = Router::new()
        .route("/things", post(created))
        .route("/panicking", post(panicking))
        .route("/failing", post(failing))
        .route("/held", post(held))
        .route_layer(from_fn_with_state(state.clone(), require_idempotency_key))
        .with_state(state);
    Fixture { router, probe, dir }
}

fn request(path: &str, key: Option<&str>, body: &'static str) -> Request {
    let mut request = Request::post(path).header(header::AUTHORIZATION, "Bearer t");
    if let Some(key) = key {
        request = request.header(IDEMPOTENCY_KEY, key);
    }
    request.body(Body::from(body)).unwrap()
}

async fn send(router: &Router, request: Request) -> (StatusCode, HeaderMap, Bytes) {
    let response = router.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    (
        parts.status,
        parts.headers,
        body.collect().await.unwrap().to_bytes(),
    )
}

#[tokio::test]
async fn a_replay_repeats_status_headers_and_body_without_running_again() {
    let fixture = fixture().await;
    let (status, headers, body) = send(&fixture.router, request("/things", Some("k1"), "{}")).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(headers.get(IDEMPOTENT_REPLAYED).is_none());
    let (again, replayed_headers, replayed_body) =
        send(&fixture.router, request("/things", Some("k1"), "{}")).await;
    assert_eq!(again, StatusCode::CREATED);
    assert_eq!(replayed_body, body);
    for name in [header::CONTENT_TYPE, header::ETAG, header::LOCATION] {
        assert_eq!(replayed_headers.get(&name), headers.get(&name), "{name}");
    }
    assert_eq!(replayed_headers[IDEMPOTENT_REPLAYED], "true");
    // Only the headers that describe the result are kept.
    assert!(replayed_headers.get(header::CACHE_CONTROL).is_none());
    assert_eq!(fixture.probe.runs.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_server_error_releases_the_key_so_a_retry_runs_again() {
    let fixture = fixture().await;
    for _ in 0..2 {
        let (status, headers, _) = send(&fixture.router, request("/failing", Some("k"), "")).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(headers.get(IDEMPOTENT_REPLAYED).is_none());
    }
    assert_eq!(fixture.probe.runs.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_panicking_handler_is_a_500_problem_and_releases_the_key() {
    let fixture = fixture().await;
    for _ in 0..2 {
        let (status, headers, _) =
            send(&fixture.router, request("/panicking", Some("k"), "")).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(headers[header::CONTENT_TYPE], "application/problem+json");
    }
    assert_eq!(fixture.probe.runs.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_key_in_use_is_a_409_until_the_first_request_is_done() {
    let fixture = fixture().await;
    let router = fixture.router.clone();
    let first = tokio::spawn(async move { send(&router, request("/held", Some("k"), "{}")).await });
    fixture.probe.entered.notified().await;

    let (status, _, body) = send(&fixture.router, request("/held", Some("k"), "{}")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(String::from_utf8_lossy(&body).contains("idempotency-key-in-use"));
    // Another request with the key while it runs is still refused as reused.
    let (status, _, _) = send(&fixture.router, request("/held", Some("k"), "{\"x\":1}")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    fixture.probe.release.notify_one();
    let (status, headers, _) = first.await.unwrap();
    assert_eq!(status, StatusCode::CREATED);
    assert!(headers.get(IDEMPOTENT_REPLAYED).is_none());
    let (status, headers, _) = send(&fixture.router, request("/held", Some("k"), "{}")).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(headers[IDEMPOTENT_REPLAYED], "true");
    assert_eq!(fixture.probe.runs.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn requests_without_a_token_pass_through_and_others_need_a_key() {
    let fixture = fixture().await;
    let anonymous = Request::post("/things").body(Body::empty()).unwrap();
    assert_eq!(
        send(&fixture.router, anonymous).await.0,
        StatusCode::CREATED
    );
    let (status, headers, _) = send(&fixture.router, request("/things", None, "{}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(headers[header::CONTENT_TYPE], "application/problem+json");
    assert_eq!(fixture.probe.runs.load(Ordering::SeqCst), 1);
}
