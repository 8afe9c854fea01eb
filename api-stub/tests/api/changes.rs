//! The change feed, `GET /changes`, and its event stream, `GET /changes/stream`
//! (in `stream`).

pub(crate) mod stream;

use axum::http::{HeaderValue, Method, StatusCode, header};
use contract::change::ChangeFeed;
use contract::problem::ProblemKind;
use serde_json::json;
use time::OffsetDateTime;

use crate::support::{TestApp, json_request, member_id};

const MANAGER: &str = "demo-brightway-manager";
const REP: &str = "demo-brightway-rep";
const EVERGREEN: &str = "demo-evergreen-owner";

async fn brightway(test_app: &TestApp) -> String {
    member_id(test_app, "Ningbo Brightway").await
}

async fn position(test_app: &TestApp, token: &str) -> String {
    let feed: ChangeFeed = test_app.get_json("/api/v1/changes", token).await;
    assert!(feed.changes.is_empty() && !feed.has_more);
    feed.next_cursor
}

async fn feed_since(test_app: &TestApp, token: &str, since: &str) -> ChangeFeed {
    test_app
        .get_json(&format!("/api/v1/changes?since={since}"), token)
        .await
}

/// `(entity, id)` of each change, in order.
fn records(feed: &ChangeFeed) -> Vec<(String, String, bool)> {
    feed.changes
        .iter()
        .map(|change| {
            let value = serde_json::to_value(&change.record).unwrap();
            (
                value["entity"].as_str().unwrap().to_owned(),
                value["id"].as_str().unwrap().to_owned(),
                !value["current"].is_null(),
            )
        })
        .collect()
}

async fn first_id(test_app: &TestApp, sql: &str, member: &str) -> String {
    test_app.scalar(sql, member).await
}

/// Logs a change of a seeded record through SQL, as a writer without an endpoint would.
async fn record_change(
    test_app: &TestApp,
    member: &str,
    entity: api_stub::change_log::Entity,
    id: &str,
) {
    let mut connection = test_app.pool.acquire().await.unwrap();
    api_stub::change_log::record(
        &mut connection,
        member.parse().unwrap(),
        entity,
        id,
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
}

async fn post_note(test_app: &TestApp, token: &str, customer: &str, body: &str) {
    let response = test_app
        .send(json_request(
            Method::POST,
            &format!("/api/v1/customers/{customer}/activities"),
            token,
            &json!({ "kind": "note", "body": body }),
        ))
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
}

/// `PATCH /inquiries/{id}` as `token` with the current `If-Match`.
async fn patch_inquiry(test_app: &TestApp, token: &str, id: &str, patch: serde_json::Value) {
    let path = format!("/api/v1/inquiries/{id}");
    let current = test_app.get(&path, Some(token)).await;
    assert_eq!(current.status, StatusCode::OK, "{}", current.text());
    let mut request = json_request(Method::PATCH, &path, token, &patch);
    request.headers_mut().insert(
        header::IF_MATCH,
        HeaderValue::from_str(current.header(header::ETAG)).unwrap(),
    );
    let response = test_app.send(request).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
}

#[tokio::test]
async fn writes_of_every_kind_appear_after_the_cursor_in_order() {
    use api_stub::change_log::Entity;
    let test_app = TestApp::seeded().await;
    let member = brightway(&test_app).await;
    let start = position(&test_app, MANAGER).await;

    let inquiry = first_id(
        &test_app,
        "SELECT id FROM inquiries WHERE member_id = $1 ORDER BY received_at DESC LIMIT 1",
        &member,
    )
    .await;
    patch_inquiry(
        &test_app,
        MANAGER,
        &inquiry,
        json!({ "tags": ["feed-test"] }),
    )
    .await;
    let customer = first_id(
        &test_app,
        "SELECT id FROM customers WHERE member_id = $1 ORDER BY name LIMIT 1",
        &member,
    )
    .await;
    post_note(&test_app, MANAGER, &customer, "Asked for the price list.").await;
    let reminder = test_app
        .send(json_request(
            Method::POST,
            &format!("/api/v1/customers/{customer}/reminders"),
            MANAGER,
            &json!({ "kind": "follow_up", "title": "Send samples", "due_on": "2031-05-04" }),
        ))
        .await;
    assert_eq!(reminder.status, StatusCode::CREATED, "{}", reminder.text());
    let reminder: serde_json::Value = reminder.json();
    // Kinds without a write endpoint here, logged as their writers would.
    let product = first_id(
        &test_app,
        "SELECT id FROM products WHERE member_id = $1 ORDER BY sku LIMIT 1",
        &member,
    )
    .await;
    record_change(&test_app, &member, Entity::Product, &product).await;
    let quote = first_id(
        &test_app,
        "SELECT id FROM quotes WHERE member_id = $1 ORDER BY number LIMIT 1",
        &member,
    )
    .await;
    record_change(&test_app, &member, Entity::Quote, &quote).await;
    let user = first_id(
        &test_app,
        "SELECT id FROM users WHERE member_id = $1 ORDER BY email LIMIT 1",
        &member,
    )
    .await;
    record_change(&test_app, &member, Entity::User, &user).await;

    let feed = feed_since(&test_app, MANAGER, &start).await;
    let expected = [
        ("inquiry", inquiry),
        ("customer", customer),
        ("reminder", reminder["id"].as_str().unwrap().to_owned()),
        ("product", product),
        ("quote", quote),
        ("user", user),
    ];
    let got = records(&feed);
    assert_eq!(got.len(), expected.len(), "{got:?}");
    for ((entity, id, present), (expected_entity, expected_id)) in got.iter().zip(&expected) {
        assert_eq!((entity.as_str(), id), (*expected_entity, expected_id));
        assert!(present, "{entity} {id} has no current record");
    }
    assert!(!feed.has_more);
    assert_eq!(feed.next_cursor, feed.changes.last().unwrap().cursor);
    // The cursor moves on: nothing after the last change.
    let after = feed_since(&test_app, MANAGER, &feed.next_cursor).await;
    assert!(after.changes.is_empty());
    assert_eq!(after.next_cursor, feed.next_cursor);
    assert_eq!(position(&test_app, MANAGER).await, feed.next_cursor);
    // Another member sees none of it.
    let other = position(&test_app, EVERGREEN).await;
    assert!(
        feed_since(&test_app, EVERGREEN, &other)
            .await
            .changes
            .is_empty()
    );
    assert!(
        feed_since(&test_app, EVERGREEN, &start)
            .await
            .changes
            .is_empty()
    );
}

#[tokio::test]
async fn several_changes_of_one_record_collapse_into_the_latest_and_pages_continue() {
    let test_app = TestApp::seeded().await;
    let member = brightway(&test_app).await;
    let start = position(&test_app, MANAGER).await;
    let customers = test_app
        .column(
            "SELECT id FROM customers WHERE member_id = $1 ORDER BY name LIMIT 2",
            &member,
        )
        .await;
    let (first, second) = (&customers[0], &customers[1]);
    post_note(&test_app, MANAGER, first, "one").await;
    post_note(&test_app, MANAGER, second, "two").await;
    post_note(&test_app, MANAGER, first, "three").await;

    let feed = feed_since(&test_app, MANAGER, &start).await;
    let ids: Vec<String> = records(&feed).into_iter().map(|(_, id, _)| id).collect();
    assert_eq!(ids, [second.as_str(), first.as_str()]);

    // Two entries a page: the first page holds both customers, the second the repeat.
    let page = |since: String| {
        let test_app = &test_app;
        async move {
            test_app
                .get_json::<ChangeFeed>(&format!("/api/v1/changes?since={since}&limit=2"), MANAGER)
                .await
        }
    };
    let one = page(start.clone()).await;
    assert!(one.has_more);
    assert_eq!(records(&one).len(), 2);
    let two = page(one.next_cursor.clone()).await;
    assert!(!two.has_more);
    let ids: Vec<String> = records(&two).into_iter().map(|(_, id, _)| id).collect();
    assert_eq!(ids, [first.as_str()]);
    assert_eq!(two.next_cursor, feed.next_cursor);
}

#[tokio::test]
async fn a_rep_sees_an_inquiry_reassigned_away_as_gone() {
    let test_app = TestApp::seeded().await;
    let member = brightway(&test_app).await;
    let rep = first_id(
        &test_app,
        "SELECT id FROM users WHERE member_id = $1 AND email LIKE 'li.wei%'",
        &member,
    )
    .await;
    let manager = first_id(
        &test_app,
        "SELECT id FROM users WHERE member_id = $1 AND role = 'manager' LIMIT 1",
        &member,
    )
    .await;
    let inquiry: String = sqlx::query_scalar(
        "SELECT id FROM inquiries WHERE member_id = $1 AND assignee_id = $2 LIMIT 1",
    )
    .bind(&member)
    .bind(&rep)
    .fetch_one(&test_app.pool)
    .await
    .unwrap();
    let rep_start = position(&test_app, REP).await;
    let manager_start = position(&test_app, MANAGER).await;
    patch_inquiry(
        &test_app,
        MANAGER,
        &inquiry,
        json!({ "assignee_id": manager }),
    )
    .await;

    let rep_feed = feed_since(&test_app, REP, &rep_start).await;
    assert_eq!(
        records(&rep_feed),
        [("inquiry".to_owned(), inquiry.clone(), false)]
    );
    let manager_feed = feed_since(&test_app, MANAGER, &manager_start).await;
    assert_eq!(
        records(&manager_feed),
        [("inquiry".to_owned(), inquiry, true)]
    );
}

#[tokio::test]
async fn bad_cursors_and_limits_are_refused() {
    let test_app = TestApp::seeded().await;
    for since in ["nonsense", "42", "c1%7C5", "%F0%9F%92%A9"] {
        test_app
            .get(&format!("/api/v1/changes?since={since}"), Some(MANAGER))
            .await
            .problem(StatusCode::BAD_REQUEST, Some("since"));
    }
    let start = position(&test_app, MANAGER).await;
    for limit in ["0", "1001", "x"] {
        test_app
            .get(
                &format!("/api/v1/changes?since={start}&limit={limit}"),
                Some(MANAGER),
            )
            .await
            .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("limit"));
    }
    test_app
        .get("/api/v1/changes", None)
        .await
        .problem(StatusCode::UNAUTHORIZED, None);
}

#[tokio::test]
async fn a_cursor_older_than_the_retention_is_gone() {
    use api_stub::change_log::Entity;
    let test_app = TestApp::seeded().await;
    let member = brightway(&test_app).await;
    let customer = first_id(
        &test_app,
        "SELECT id FROM customers WHERE member_id = $1 ORDER BY name LIMIT 1",
        &member,
    )
    .await;
    let old = position(&test_app, MANAGER).await;
    record_change(&test_app, &member, Entity::Customer, &customer).await;
    let current = position(&test_app, MANAGER).await;
    // Nothing is old enough yet.
    let now = OffsetDateTime::now_utc();
    api_stub::routes::prune_change_log(&test_app.pool, now - time::Duration::days(30))
        .await
        .unwrap();
    assert_eq!(feed_since(&test_app, MANAGER, &old).await.changes.len(), 1);
    // Everything up to now is.
    api_stub::routes::prune_change_log(&test_app.pool, now + time::Duration::seconds(1))
        .await
        .unwrap();
    let problem = test_app
        .get(&format!("/api/v1/changes?since={old}"), Some(MANAGER))
        .await
        .problem(StatusCode::GONE, None);
    assert_eq!(problem.kind(), Some(ProblemKind::CursorExpired));
    // The latest cursor still works, and the position survives the pruning.
    assert!(
        feed_since(&test_app, MANAGER, &current)
            .await
            .changes
            .is_empty()
    );
    assert_eq!(position(&test_app, MANAGER).await, current);
}
