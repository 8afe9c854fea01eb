//! `POST /api/v1/customers/{id}/activities` and `GET …/activities/{activity_id}`.

use axum::http::{Method, StatusCode, header};
use contract::customer::{Activity, ActivityKind, Customer};
use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::customers::{OTHER, OWNER, REP, create_customer, new_customer, send, world};
use crate::support::TestApp;

#[tokio::test]
async fn logging_an_activity_answers_201_and_counts_as_contact() {
    let world = world().await;
    let customer = create_customer(&world, OWNER, new_customer("Call Me GmbH", json!({}))).await;
    let activities = format!("/api/v1/customers/{}/activities", customer.summary.id);
    let occurred = OffsetDateTime::now_utc() - Duration::days(3);
    let body = json!({
        "kind": "sample_sent",
        "body": "  DHL 1234: two panel samples.  ",
        "occurred_at": occurred.format(&time::format_description::well_known::Rfc3339).unwrap(),
    });
    let response = send(
        &world.app,
        Method::POST,
        &activities,
        REP,
        None,
        Some(&body),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let activity: Activity = response.json();
    let location = response.header(header::LOCATION).to_owned();
    assert_eq!(location, format!("{activities}/{}", activity.id));
    assert_eq!(activity.kind, ActivityKind::SampleSent);
    assert_eq!(activity.body, "DHL 1234: two panel samples.");
    assert_eq!(activity.author.id.to_string(), world.rep);
    assert_eq!(activity.author.name, "Rita Rep");
    assert_eq!(activity.customer_id, customer.summary.id);
    assert!((activity.occurred_at - occurred).abs() < Duration::milliseconds(1));
    let fetched: Activity = world.app.get_json(&location, OWNER).await;
    assert_eq!(fetched, activity);

    // Without a time it happened now; the card's last contact follows.
    let response = send(
        &world.app,
        Method::POST,
        &activities,
        OWNER,
        None,
        Some(&json!({ "kind": "note", "body": "Prefers WhatsApp." })),
    )
    .await;
    let note: Activity = response.json();
    assert!(OffsetDateTime::now_utc() - note.occurred_at < Duration::minutes(1));
    let card: Customer = world
        .app
        .get_json(&format!("/api/v1/customers/{}", customer.summary.id), OWNER)
        .await;
    assert_eq!(card.summary.last_contact_at, Some(note.occurred_at));
    assert_eq!(card.summary.version, customer.summary.version);
    let changes: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM change_log WHERE entity = 'customer' AND entity_id = $1",
    )
    .bind(customer.summary.id.to_string())
    .fetch_one(&world.app.pool)
    .await
    .unwrap();
    assert_eq!(changes, 3, "created, and two activities");
}

#[tokio::test]
async fn invalid_activities_are_refused() {
    let world = world().await;
    let customer = create_customer(&world, OWNER, new_customer("Strict GmbH", json!({}))).await;
    let activities = format!("/api/v1/customers/{}/activities", customer.summary.id);
    let tomorrow = OffsetDateTime::now_utc() + Duration::days(1);
    let body = json!({
        "kind": "meeting",
        "body": " ",
        "occurred_at": tomorrow.format(&time::format_description::well_known::Rfc3339).unwrap(),
    });
    let problem = send(
        &world.app,
        Method::POST,
        &activities,
        OWNER,
        None,
        Some(&body),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, None);
    let fields: Vec<&str> = problem
        .errors
        .iter()
        .map(|error| error.field.as_str())
        .collect();
    assert_eq!(fields, ["/body", "/occurred_at"]);
    send(
        &world.app,
        Method::POST,
        &activities,
        OWNER,
        None,
        Some(&json!({ "kind": "lunch", "body": "x" })),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, None);
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM activities")
        .fetch_one(&world.app.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn another_members_customers_and_activities_are_404() {
    let world = world().await;
    let customer = create_customer(&world, OWNER, new_customer("Private GmbH", json!({}))).await;
    let activities = format!("/api/v1/customers/{}/activities", customer.summary.id);
    let activity: Activity = send(
        &world.app,
        Method::POST,
        &activities,
        OWNER,
        None,
        Some(&json!({ "kind": "call", "body": "Secret plans." })),
    )
    .await
    .json();
    send(
        &world.app,
        Method::POST,
        &activities,
        OTHER,
        None,
        Some(&json!({ "kind": "note", "body": "x" })),
    )
    .await
    .problem(StatusCode::NOT_FOUND, None);
    let response = world
        .app
        .get(&format!("{activities}/{}", activity.id), Some(OTHER))
        .await;
    response.problem(StatusCode::NOT_FOUND, None);
    assert!(!response.text().contains("Secret"));
    // An activity under another customer's path is not found either.
    let second = create_customer(&world, OWNER, new_customer("Second GmbH", json!({}))).await;
    world
        .app
        .get(
            &format!(
                "/api/v1/customers/{}/activities/{}",
                second.summary.id, activity.id
            ),
            Some(OWNER),
        )
        .await
        .problem(StatusCode::NOT_FOUND, None);
}

#[tokio::test]
async fn the_demo_logs_calls_meetings_and_samples_on_partnership_customers() {
    let test_app = TestApp::seeded().await;
    let kinds: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT c.tier, a.kind, COUNT(*) FROM activities a JOIN customers c ON c.id = a.customer_id
         GROUP BY c.tier, a.kind",
    )
    .fetch_all(&test_app.pool)
    .await
    .unwrap();
    for kind in ["note", "call", "meeting", "sample_sent"] {
        assert!(
            kinds
                .iter()
                .any(|(tier, found, count)| tier == "partnership" && found == kind && *count > 0),
            "{kind}: {kinds:?}"
        );
    }
    // Müller Handels: the last logged contact was a call 46 days ago.
    let latest: String = test_app
        .scalar(
            "SELECT MAX(occurred_at) FROM activities WHERE customer_id = $1",
            api_stub::seed::MUELLER_HANDELS_CUSTOMER_ID,
        )
        .await;
    let latest = api_stub::stored::timestamp_from_text(&latest).unwrap();
    let days = (OffsetDateTime::now_utc() - latest).whole_days();
    assert!((45..=47).contains(&days), "{days}");
}
