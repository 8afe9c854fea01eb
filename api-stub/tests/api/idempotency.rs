//! `Idempotency-Key` on every POST (and on updates that send one): a retry replays
//! the first answer and creates nothing twice; a reused key with another request
//! is refused; keys expire.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use contract::problem::ProblemKind;
use serde_json::json;
use time::OffsetDateTime;

use crate::support::{TestApp, json_request_with_key, member_id};

const MANAGER: &str = "demo-brightway-manager";
const OWNER: &str = "demo-brightway-owner";

/// A Brightway customer and the path to log an activity on it.
async fn activities_path(test_app: &TestApp) -> (String, String) {
    let member = member_id(test_app, "Ningbo Brightway").await;
    let customer = test_app
        .scalar(
            "SELECT id FROM customers WHERE member_id = $1 ORDER BY name LIMIT 1",
            &member,
        )
        .await;
    let path = format!("/api/v1/customers/{customer}/activities");
    (customer, path)
}

async fn activity_count(test_app: &TestApp, customer: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM activities WHERE customer_id = $1")
        .bind(customer)
        .fetch_one(&test_app.pool)
        .await
        .unwrap()
}

fn note(body: &str) -> serde_json::Value {
    json!({ "kind": "note", "body": body })
}

#[tokio::test]
async fn a_retried_post_is_replayed_and_creates_nothing_twice() {
    let test_app = TestApp::seeded().await;
    let (customer, path) = activities_path(&test_app).await;
    let before = activity_count(&test_app, &customer).await;
    let send = || {
        test_app.send(json_request_with_key(
            Method::POST,
            &path,
            MANAGER,
            Some("retry-1"),
            &note("Called about the samples."),
        ))
    };
    let first = send().await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    assert!(first.headers.get("idempotent-replayed").is_none());
    let second = send().await;
    assert_eq!(second.status, StatusCode::CREATED);
    assert_eq!(second.headers["idempotent-replayed"], "true");
    assert_eq!(second.body, first.body);
    assert_eq!(
        second.headers.get(header::LOCATION),
        first.headers.get(header::LOCATION)
    );
    assert_eq!(
        second.headers.get(header::CONTENT_TYPE),
        first.headers.get(header::CONTENT_TYPE)
    );
    assert_eq!(activity_count(&test_app, &customer).await, before + 1);
}

#[tokio::test]
async fn the_same_key_with_another_request_is_a_422() {
    let test_app = TestApp::seeded().await;
    let (customer, path) = activities_path(&test_app).await;
    let before = activity_count(&test_app, &customer).await;
    let key = Some("reused-1");
    let first = test_app
        .send(json_request_with_key(
            Method::POST,
            &path,
            MANAGER,
            key,
            &note("one"),
        ))
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let other_body = test_app
        .send(json_request_with_key(
            Method::POST,
            &path,
            MANAGER,
            key,
            &note("two"),
        ))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY, None);
    assert_eq!(other_body.kind(), Some(ProblemKind::IdempotencyKeyReused));
    let other_path = format!("{path}?x=1");
    let problem = test_app
        .send(json_request_with_key(
            Method::POST,
            &other_path,
            MANAGER,
            key,
            &note("one"),
        ))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY, None);
    assert_eq!(problem.kind(), Some(ProblemKind::IdempotencyKeyReused));
    assert_eq!(activity_count(&test_app, &customer).await, before + 1);
}

#[tokio::test]
async fn concurrent_duplicates_run_the_handler_once() {
    let test_app = TestApp::seeded().await;
    let (customer, path) = activities_path(&test_app).await;
    let before = activity_count(&test_app, &customer).await;
    let send = || {
        test_app.send(json_request_with_key(
            Method::POST,
            &path,
            MANAGER,
            Some("concurrent-1"),
            &note("Sent the catalogue."),
        ))
    };
    let responses = futures_util::future::join_all((0..6).map(|_| send())).await;
    let mut ran = 0;
    for response in &responses {
        match (response.status, response.headers.get("idempotent-replayed")) {
            (StatusCode::CREATED, None) => ran += 1,
            (StatusCode::CREATED, Some(value)) => assert_eq!(value, "true"),
            (StatusCode::CONFLICT, _) => {
                let problem = response.problem(StatusCode::CONFLICT, None);
                assert_eq!(problem.kind(), Some(ProblemKind::IdempotencyKeyInUse));
            }
            (status, _) => panic!("unexpected {status}: {}", response.text()),
        }
    }
    assert_eq!(ran, 1, "exactly one request ran the handler");
    assert_eq!(activity_count(&test_app, &customer).await, before + 1);
}

#[tokio::test]
async fn a_post_without_a_valid_key_is_a_400_naming_the_header() {
    let test_app = TestApp::seeded().await;
    let (customer, path) = activities_path(&test_app).await;
    let before = activity_count(&test_app, &customer).await;
    let too_long = "k".repeat(256);
    for key in [None, Some(""), Some(too_long.as_str())] {
        let problem = test_app
            .send(json_request_with_key(
                Method::POST,
                &path,
                MANAGER,
                key,
                &note("x"),
            ))
            .await
            .problem(StatusCode::BAD_REQUEST, Some("Idempotency-Key"));
        assert_eq!(problem.kind(), Some(ProblemKind::BadRequest));
    }
    let non_ascii = Request::post(&path)
        .header(header::AUTHORIZATION, format!("Bearer {MANAGER}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", &b"caf\xc3\xa9"[..])
        .body(Body::from(note("x").to_string()))
        .unwrap();
    test_app
        .send(non_ascii)
        .await
        .problem(StatusCode::BAD_REQUEST, Some("Idempotency-Key"));
    assert_eq!(activity_count(&test_app, &customer).await, before);
}

#[tokio::test]
async fn a_post_without_a_token_gets_the_handler_s_401() {
    let test_app = TestApp::seeded().await;
    let (_, path) = activities_path(&test_app).await;
    let request = Request::post(&path)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(note("x").to_string()))
        .unwrap();
    test_app
        .send(request)
        .await
        .problem(StatusCode::UNAUTHORIZED, None);
}

#[tokio::test]
async fn keys_belong_to_the_caller() {
    let test_app = TestApp::seeded().await;
    let (customer, path) = activities_path(&test_app).await;
    let before = activity_count(&test_app, &customer).await;
    for token in [MANAGER, OWNER] {
        let response = test_app
            .send(json_request_with_key(
                Method::POST,
                &path,
                token,
                Some("shared"),
                &note("x"),
            ))
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        assert!(response.headers.get("idempotent-replayed").is_none());
    }
    assert_eq!(activity_count(&test_app, &customer).await, before + 2);
}

/// Inserts a finished key of `caller_token` used `age` ago for another request.
async fn insert_key(test_app: &TestApp, caller_token: &str, key: &str, age: time::Duration) {
    let created_at = api_stub::stored::timestamp_to_text(OffsetDateTime::now_utc() - age);
    sqlx::query(
        "INSERT INTO idempotency_keys (caller, key, request_sha256, state, status, headers, body, created_at)
         VALUES ($1, $2, 'another request', 'done', 201, '[]', $3, $4)",
    )
    .bind(api_stub::auth::token_hash(caller_token))
    .bind(key)
    .bind(b"{}".to_vec())
    .bind(created_at)
    .execute(&test_app.pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn keys_are_kept_24_hours_then_pruned() {
    let test_app = TestApp::seeded().await;
    insert_key(&test_app, MANAGER, "old", time::Duration::hours(25)).await;
    insert_key(&test_app, MANAGER, "recent", time::Duration::hours(23)).await;
    let pruned = api_stub::idempotency::prune_expired(&test_app.pool, OffsetDateTime::now_utc())
        .await
        .unwrap();
    assert_eq!(pruned, 1);
    let keys = test_app
        .column(
            "SELECT key FROM idempotency_keys WHERE caller = $1",
            &api_stub::auth::token_hash(MANAGER),
        )
        .await;
    assert_eq!(keys, ["recent"]);

    // A recent key still refuses another request; an expired one not yet pruned is new again.
    let (_, path) = activities_path(&test_app).await;
    let reused = test_app
        .send(json_request_with_key(
            Method::POST,
            &path,
            MANAGER,
            Some("recent"),
            &note("x"),
        ))
        .await;
    reused.problem(StatusCode::UNPROCESSABLE_ENTITY, None);
    insert_key(&test_app, MANAGER, "expired", time::Duration::hours(25)).await;
    let fresh = test_app
        .send(json_request_with_key(
            Method::POST,
            &path,
            MANAGER,
            Some("expired"),
            &note("x"),
        ))
        .await;
    assert_eq!(fresh.status, StatusCode::CREATED, "{}", fresh.text());
}

/// An offline client replays a PATCH whose answer it never saw: with its key it
/// gets the first answer, not a 412 caused by its own first attempt.
#[tokio::test]
async fn a_keyed_update_is_replayed_instead_of_failing_its_own_precondition() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo Brightway").await;
    let (inquiry, version): (String, i64) = sqlx::query_as(
        "SELECT id, version FROM inquiries WHERE member_id = $1 AND status = 'new' LIMIT 1",
    )
    .bind(&member)
    .fetch_one(&test_app.pool)
    .await
    .unwrap();
    let path = format!("/api/v1/inquiries/{inquiry}");
    let patch = |key: Option<&str>| {
        let mut request = json_request_with_key(
            Method::PATCH,
            &path,
            OWNER,
            key,
            &json!({ "status": "open" }),
        );
        request
            .headers_mut()
            .insert(header::IF_MATCH, format!("\"{version}\"").parse().unwrap());
        test_app.send(request)
    };
    let first = patch(Some("offline-edit-1")).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    let replay = patch(Some("offline-edit-1")).await;
    assert_eq!(replay.status, StatusCode::OK, "{}", replay.text());
    assert_eq!(replay.headers["idempotent-replayed"], "true");
    assert_eq!(replay.headers[header::ETAG], first.headers[header::ETAG]);
    assert_eq!(replay.body, first.body);
    // Without a key the same request is simply run, and its precondition fails.
    let unkeyed = patch(None).await;
    assert_eq!(unkeyed.status, StatusCode::PRECONDITION_FAILED);
    let now: i64 = sqlx::query_scalar("SELECT version FROM inquiries WHERE id = $1")
        .bind(&inquiry)
        .fetch_one(&test_app.pool)
        .await
        .unwrap();
    assert_eq!(now, version + 1, "applied once");
}
