//! Reminders: `POST /api/v1/customers/{id}/reminders`, `GET /api/v1/reminders`,
//! `GET`/`PATCH /api/v1/reminders/{id}`: visibility per owner, done and undone,
//! filters, order and pagination.

use axum::http::{Method, StatusCode, header};
use contract::customer::{Reminder, ReminderKind, ReminderPage};
use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::customers::{
    MANAGER, OTHER, OWNER, REP, REP2, World, create_customer, new_customer, send, world,
};
use crate::support::TestApp;

async fn remind(world: &World, customer: &str, token: &str, title: &str, due_on: &str) -> Reminder {
    let response = send(
        &world.app,
        Method::POST,
        &format!("/api/v1/customers/{customer}/reminders"),
        token,
        None,
        Some(&json!({ "kind": "follow_up", "title": title, "due_on": due_on })),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

async fn titles(world: &World, query: &str, token: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..100 {
        let mut url = format!("/api/v1/reminders?{query}");
        if let Some(cursor) = &cursor {
            url = format!("{url}&cursor={cursor}");
        }
        let page: ReminderPage = world.app.get_json(&url, token).await;
        items.extend(page.items.into_iter().map(|reminder| reminder.title));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return items,
        }
    }
    panic!("pagination does not end");
}

#[tokio::test]
async fn reminders_are_created_and_listed_per_owner_earliest_due_first() {
    let world = world().await;
    let acme = create_customer(&world, OWNER, new_customer("Acme", json!({}))).await;
    let beta = create_customer(&world, OWNER, new_customer("Beta", json!({}))).await;
    let (acme, beta) = (acme.summary.id.to_string(), beta.summary.id.to_string());

    let response = send(
        &world.app,
        Method::POST,
        &format!("/api/v1/customers/{acme}/reminders"),
        REP,
        None,
        Some(&json!({ "kind": "important_date", "title": " Contract renewal ", "due_on": "2026-12-31" })),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    assert_eq!(response.header(header::ETAG), "\"1\"");
    let renewal: Reminder = response.json();
    assert_eq!(
        response.header(header::LOCATION),
        format!("/api/v1/reminders/{}", renewal.id)
    );
    assert_eq!(renewal.title, "Contract renewal");
    assert_eq!(renewal.kind, ReminderKind::ImportantDate);
    assert_eq!(renewal.owner.id.to_string(), world.rep);
    assert_eq!(renewal.done_at, None);
    assert_eq!(renewal.due_on.to_string(), "2026-12-31");

    remind(&world, &beta, REP, "Rita b", "2026-03-02").await;
    remind(&world, &acme, REP, "Rita a", "2026-03-01").await;
    remind(&world, &acme, REP, "Rita c", "2026-03-02").await;
    remind(&world, &beta, REP2, "Rob a", "2026-02-01").await;
    remind(&world, &acme, MANAGER, "Max a", "2026-01-15").await;

    // Ties on the due date go by id; compare with the database's own order.
    let same_day: Vec<String> = world
        .app
        .column(
            "SELECT title FROM reminders WHERE due_on = $1 ORDER BY id",
            "2026-03-02",
        )
        .await;
    let mut expected = vec!["Rita a".to_owned()];
    expected.extend(same_day);
    expected.push("Contract renewal".to_owned());
    assert_eq!(titles(&world, "limit=1", REP).await, expected);
    assert_eq!(titles(&world, "owner=me", REP).await, expected);
    assert_eq!(
        titles(&world, &format!("owner={}", world.rep), REP).await,
        expected
    );
    assert_eq!(titles(&world, "", REP2).await, ["Rob a"]);
    let all = titles(&world, "owner=all&limit=2", MANAGER).await;
    assert_eq!(all.len(), 6);
    assert_eq!(all[..2], ["Max a", "Rob a"]);
    assert_eq!(
        titles(&world, &format!("owner={}", world.rep2), OWNER).await,
        ["Rob a"]
    );
    assert_eq!(
        titles(&world, &format!("owner=all&customer_id={beta}"), OWNER).await,
        ["Rob a", "Rita b"]
    );
    assert_eq!(
        titles(&world, "owner=all&due_before=2026-03-02", OWNER).await,
        ["Max a", "Rob a", "Rita a"]
    );
}

#[tokio::test]
async fn reps_see_and_change_only_their_own_reminders() {
    let world = world().await;
    let customer = create_customer(&world, OWNER, new_customer("Acme", json!({}))).await;
    let customer = customer.summary.id.to_string();
    let robs = remind(&world, &customer, REP2, "Rob's", "2026-05-01").await;
    let path = format!("/api/v1/reminders/{}", robs.id);
    world
        .app
        .get(&path, Some(REP))
        .await
        .problem(StatusCode::NOT_FOUND, None);
    send(
        &world.app,
        Method::PATCH,
        &path,
        REP,
        Some("\"1\""),
        Some(&json!({ "done": true })),
    )
    .await
    .problem(StatusCode::NOT_FOUND, None);
    for query in ["owner=all", &format!("owner={}", world.rep2)] {
        world
            .app
            .get(&format!("/api/v1/reminders?{query}"), Some(REP))
            .await
            .problem(StatusCode::FORBIDDEN, None);
    }
    // Owners and managers see and change everyone's.
    let seen: Reminder = world.app.get_json(&path, MANAGER).await;
    assert_eq!(seen, robs);
    let response = send(
        &world.app,
        Method::PATCH,
        &path,
        OWNER,
        Some("\"1\""),
        Some(&json!({ "title": "Rob's, checked" })),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK);
    // Another member's users never.
    world
        .app
        .get(&path, Some(OTHER))
        .await
        .problem(StatusCode::NOT_FOUND, None);
    send(
        &world.app,
        Method::PATCH,
        &path,
        OTHER,
        Some("\"2\""),
        Some(&json!({ "done": true })),
    )
    .await
    .problem(StatusCode::NOT_FOUND, None);
    send(
        &world.app,
        Method::POST,
        &format!("/api/v1/customers/{customer}/reminders"),
        OTHER,
        None,
        Some(&json!({ "kind": "follow_up", "title": "x", "due_on": "2026-01-01" })),
    )
    .await
    .problem(StatusCode::NOT_FOUND, None);
    let page: ReminderPage = world
        .app
        .get_json("/api/v1/reminders?owner=all", OTHER)
        .await;
    assert!(page.items.is_empty());
    let page: ReminderPage = world
        .app
        .get_json(
            &format!("/api/v1/reminders?owner=all&customer_id={customer}"),
            OTHER,
        )
        .await;
    assert!(page.items.is_empty());
}

#[tokio::test]
async fn marking_done_sets_done_at_and_undoing_clears_it() {
    let world = world().await;
    let customer = create_customer(&world, OWNER, new_customer("Acme", json!({}))).await;
    let customer = customer.summary.id.to_string();
    let reminder = remind(&world, &customer, REP, "Call back", "2026-04-01").await;
    remind(&world, &customer, REP, "Still open", "2026-04-02").await;
    let path = format!("/api/v1/reminders/{}", reminder.id);
    send(
        &world.app,
        Method::PATCH,
        &path,
        REP,
        None,
        Some(&json!({ "done": true })),
    )
    .await
    .problem(StatusCode::PRECONDITION_REQUIRED, None);
    send(
        &world.app,
        Method::PATCH,
        &path,
        REP,
        Some("\"2\""),
        Some(&json!({ "done": true })),
    )
    .await
    .problem(StatusCode::PRECONDITION_FAILED, None);
    let before = OffsetDateTime::now_utc();
    let response = send(
        &world.app,
        Method::PATCH,
        &path,
        REP,
        Some("\"1\""),
        Some(&json!({ "done": true })),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.header(header::ETAG), "\"2\"");
    let done: Reminder = response.json();
    let done_at = done.done_at.unwrap();
    assert!(done_at >= before - Duration::seconds(1) && done_at <= OffsetDateTime::now_utc());
    assert_eq!(titles(&world, "open=true", REP).await, ["Still open"]);
    assert_eq!(titles(&world, "open=false", REP).await, ["Call back"]);
    // Done again keeps the first time; a new due date and title are taken.
    let again: Reminder = send(
        &world.app,
        Method::PATCH,
        &path,
        REP,
        Some("\"2\""),
        Some(&json!({ "done": true, "title": "Call back Klaus", "due_on": "2026-04-05" })),
    )
    .await
    .json();
    assert_eq!(again.done_at, Some(done_at));
    assert_eq!(again.title, "Call back Klaus");
    assert_eq!(again.due_on.to_string(), "2026-04-05");
    let undone: Reminder = send(
        &world.app,
        Method::PATCH,
        &path,
        REP,
        Some("\"3\""),
        Some(&json!({ "done": false })),
    )
    .await
    .json();
    assert_eq!(undone.done_at, None);
    assert_eq!(undone.version.0, 4);
    assert_eq!(titles(&world, "open=true", REP).await.len(), 2);
    let changes: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM change_log WHERE entity = 'reminder' AND entity_id = $1",
    )
    .bind(reminder.id.to_string())
    .fetch_one(&world.app.pool)
    .await
    .unwrap();
    assert_eq!(changes, 4, "created and three changes");
}

#[tokio::test]
async fn invalid_reminder_requests_name_each_field() {
    let world = world().await;
    let customer = create_customer(&world, OWNER, new_customer("Acme", json!({}))).await;
    let customer = customer.summary.id.to_string();
    let post = format!("/api/v1/customers/{customer}/reminders");
    send(
        &world.app,
        Method::POST,
        &post,
        REP,
        None,
        Some(&json!({ "kind": "follow_up", "title": " ", "due_on": "2026-01-01" })),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/title"));
    send(
        &world.app,
        Method::POST,
        &post,
        REP,
        None,
        Some(&json!({ "kind": "follow_up", "title": "x", "due_on": "01/02/2026" })),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, None);
    let reminder = remind(&world, &customer, REP, "x", "2026-01-01").await;
    let path = format!("/api/v1/reminders/{}", reminder.id);
    send(
        &world.app,
        Method::PATCH,
        &path,
        REP,
        Some("\"1\""),
        Some(&json!({})),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, Some(""));
    let problem = world
        .app
        .get(
            "/api/v1/reminders?owner=everyone&open=maybe&due_before=tomorrow&customer_id=7&limit=x",
            Some(OWNER),
        )
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY, None);
    let fields: Vec<&str> = problem
        .errors
        .iter()
        .map(|error| error.field.as_str())
        .collect();
    assert_eq!(
        fields,
        ["owner", "open", "due_before", "customer_id", "limit"]
    );
    world
        .app
        .get("/api/v1/reminders?cursor=00", Some(OWNER))
        .await
        .problem(StatusCode::BAD_REQUEST, Some("cursor"));
}

#[tokio::test]
async fn the_demo_has_overdue_due_today_and_renewal_reminders() {
    let test_app = TestApp::seeded().await;
    let page: ReminderPage = test_app
        .get_json("/api/v1/reminders?open=true", "demo-brightway-rep")
        .await;
    let today = OffsetDateTime::now_utc().date();
    assert!(page.items.iter().any(|reminder| reminder.due_on < today));
    assert!(page.items.iter().any(|reminder| reminder.due_on == today));
    assert!(page.items.iter().any(|reminder| {
        reminder.kind == ReminderKind::ImportantDate
            && reminder.due_on > today
            && reminder.title.contains("renewal")
            && reminder.customer_id.to_string() == api_stub::seed::MUELLER_HANDELS_CUSTOMER_ID
    }));
    assert!(
        page.items
            .windows(2)
            .all(|pair| pair[0].due_on <= pair[1].due_on)
    );
    let done: ReminderPage = test_app
        .get_json("/api/v1/reminders?open=false", "demo-brightway-rep")
        .await;
    assert!(done.items.iter().all(|reminder| reminder.done_at.is_some()));
    assert!(!done.items.is_empty());
}
