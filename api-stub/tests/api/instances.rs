//! Several api-stub instances on one PostgreSQL database behave as one server:
//! the event stream fans out (LISTEN/NOTIFY), and idempotency keys, versions and
//! rate limits hold whichever instance a request lands on. Each instance is an
//! application with its own pool and state over the same database, as a second
//! process behind a load balancer would be. And a lost database answers 503
//! and comes back without a restart. These run on PostgreSQL whatever
//! `CRM_TEST_DATABASE` says.

use std::time::Duration;

use api_stub::database::PoolSettings;
use api_stub::{ApiError, Settings, database};
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Method, StatusCode, header};
use contract::change::{Change, ChangedRecord};
use contract::inquiry::IngestedInquiry;
use contract::problem::ProblemKind;
use serde_json::json;

use crate::changes::stream::{next_event, open_stream_on, within};
use crate::inquiries::{MANAGER, ingest, new_inquiry};
use crate::support::{TestApp, TestResponse, json_request_with_key, member_id, send_to};

async fn get(router: &Router, path: &str) -> TestResponse {
    let request = axum::http::Request::get(path)
        .header(header::AUTHORIZATION, format!("Bearer {MANAGER}"))
        .body(Body::empty())
        .unwrap();
    send_to(router, request).await
}

/// Reads `body`'s events until the one for inquiry `id`.
async fn until_inquiry(body: &mut Body, buffer: &mut String, id: &str) {
    loop {
        let (_, _, data) = next_event(body, buffer).await;
        let change: Change = serde_json::from_str(&data).unwrap();
        if matches!(&change.record, ChangedRecord::Inquiry { id: changed, .. } if changed.to_string() == id)
        {
            return;
        }
    }
}

#[tokio::test]
async fn an_inquiry_ingested_on_one_instance_reaches_a_stream_on_another() {
    let first = TestApp::seeded_on_postgres(Settings::default()).await;
    let second = first.another_instance(PoolSettings::default()).await;
    let brightway = member_id(&first, "Ningbo Brightway").await;
    let mut body = open_stream_on(&second, None).await;
    let mut buffer = String::new();
    // Twice: the second surely after the other instance listens, so it can
    // only arrive through the notification (the first might come with the
    // wake-up every stream gets when its instance starts listening).
    for reference in ["TB-INSTANCE-1", "TB-INSTANCE-2"] {
        let response = ingest(&first, &new_inquiry(&brightway, reference)).await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        let ingested: IngestedInquiry = response.json();
        let id = ingested.inquiry_id.to_string();
        within(until_inquiry(&mut body, &mut buffer, &id)).await;
    }
}

#[tokio::test]
async fn keys_versions_and_rate_limits_hold_across_instances() {
    let settings = Settings {
        rate_limit_per_minute: 7,
        ..Settings::default()
    };
    let first = TestApp::seeded_on_postgres(settings).await;
    let second = first.another_instance(PoolSettings::default()).await;
    let brightway = member_id(&first, "Ningbo Brightway").await;
    let customer = first
        .scalar(
            "SELECT id FROM customers WHERE member_id = $1 ORDER BY name LIMIT 1",
            &brightway,
        )
        .await;
    let inquiry = first
        .scalar(
            "SELECT id FROM inquiries WHERE member_id = $1 ORDER BY received_at DESC LIMIT 1",
            &brightway,
        )
        .await;

    // A POST retried on the other instance is replayed, not done twice.
    let path = format!("/api/v1/customers/{customer}/activities");
    let note = json!({ "kind": "note", "body": "asked for samples" });
    let post = || json_request_with_key(Method::POST, &path, MANAGER, Some("retry-1"), &note);
    let created = send_to(&first.router, post()).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let replayed = send_to(&second, post()).await;
    assert_eq!(replayed.status, StatusCode::CREATED, "{}", replayed.text());
    assert_eq!(replayed.headers["idempotent-replayed"], "true");
    assert_eq!(replayed.body, created.body);
    let notes = first
        .scalar(
            "SELECT CAST(COUNT(*) AS TEXT) FROM activities WHERE customer_id = $1 AND body = 'asked for samples'",
            &customer,
        )
        .await;
    assert_eq!(notes, "1");

    // An update with a version the other instance already replaced is refused.
    let inquiry_path = format!("/api/v1/inquiries/{inquiry}");
    let current = get(&first.router, &inquiry_path).await;
    assert_eq!(current.status, StatusCode::OK, "{}", current.text());
    let etag = HeaderValue::from_str(current.header(header::ETAG)).unwrap();
    let patch = |status: &str| {
        let mut request = json_request_with_key(
            Method::PATCH,
            &inquiry_path,
            MANAGER,
            None,
            &json!({ "status": status }),
        );
        request.headers_mut().insert(header::IF_MATCH, etag.clone());
        request
    };
    let updated = send_to(&first.router, patch("open")).await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text());
    let stale = send_to(&second, patch("quoted")).await;
    assert_eq!(
        stale.status,
        StatusCode::PRECONDITION_FAILED,
        "{}",
        stale.text()
    );

    // The manager's budget of 7 a minute is one budget: after the 5 requests
    // above, one more on each instance, and the eighth is refused on either.
    assert_eq!(get(&second, "/api/v1/me").await.status, StatusCode::OK);
    assert_eq!(
        get(&first.router, "/api/v1/me").await.status,
        StatusCode::OK
    );
    for router in [&second, &first.router] {
        let refused = get(router, "/api/v1/me").await;
        assert_eq!(
            refused.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            refused.text()
        );
        assert!(refused.header(header::RETRY_AFTER).parse::<u64>().unwrap() >= 1);
    }
}

#[tokio::test]
async fn a_lost_database_answers_503_and_recovers_without_a_restart() {
    let test_app = TestApp::seeded_on_postgres(Settings::default()).await;
    let link = test_app.postgres_link().await;
    let pool = PoolSettings {
        max_connections: 2,
        acquire_timeout: Duration::from_secs(1),
        ..PoolSettings::default()
    };
    let instance = test_app.instance_on(&link.url, pool).await;
    let list = "/api/v1/inquiries?limit=5";
    assert_eq!(get(&instance, list).await.status, StatusCode::OK);
    assert_eq!(
        get(&instance, "/api/v1/health").await.status,
        StatusCode::OK
    );

    link.cut();
    for path in [list, "/api/v1/health"] {
        let problem = get(&instance, path)
            .await
            .problem(StatusCode::SERVICE_UNAVAILABLE, None);
        assert_eq!(problem.kind(), Some(ProblemKind::ServiceUnavailable));
    }

    link.restore();
    assert_eq!(get(&instance, list).await.status, StatusCode::OK);
    assert_eq!(
        get(&instance, "/api/v1/health").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_statement_past_its_timeout_is_cancelled_and_answers_503() {
    let test_app = TestApp::seeded_on_postgres(Settings::default()).await;
    let pool = database::connect_with(
        &test_app.postgres_url(),
        PoolSettings {
            statement_timeout: Some(Duration::from_millis(200)),
            ..PoolSettings::default()
        },
    )
    .await
    .unwrap();
    let error = sqlx::query("SELECT pg_sleep(5)")
        .execute(&pool)
        .await
        .unwrap_err();
    let problem = ApiError::from(error).to_problem();
    assert_eq!(problem.status, 503, "{problem:?}");
    // Quick statements still run on the same pool.
    sqlx::query("SELECT 1").execute(&pool).await.unwrap();
}
