//! `POST /inquiries/{id}/replies`: the thread grows, the response clock stops
//! once, `new` becomes `open`, the inquiry is read, its version moves.

use axum::http::{Method, StatusCode, header};
use contract::inquiry::{Inquiry, InquiryStatus, Message, MessageDirection};
use contract::version::Version;
use serde_json::json;

use super::{OWNER, REP, REP2, send, user_id};
use crate::support::{TestApp, member_id};

async fn reply(
    test_app: &TestApp,
    id: &str,
    token: &str,
    body: &str,
) -> crate::support::TestResponse {
    let path = format!("/api/v1/inquiries/{id}/replies");
    send(
        test_app,
        Method::POST,
        &path,
        token,
        None,
        &json!({ "body": body }),
    )
    .await
}

#[tokio::test]
async fn the_first_reply_opens_the_inquiry_and_stops_the_clock() {
    let test_app = TestApp::seeded().await;
    let li_wei = user_id(&test_app, "Li Wei").await;
    let id = test_app
        .scalar(
            "SELECT id FROM inquiries WHERE assignee_id = $1 AND status = 'new'
               AND first_response_at IS NULL ORDER BY received_at DESC LIMIT 1",
            &li_wei,
        )
        .await;
    let before: Inquiry = test_app
        .get_json(&format!("/api/v1/inquiries/{id}"), REP)
        .await;
    let response = reply(
        &test_app,
        &id,
        REP,
        "  Dear buyer,\n\nthank you, our offer follows today.  ",
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let next = Version(before.summary.version.0 + 1);
    assert_eq!(response.header(header::ETAG), next.etag());
    let message: Message = response.json();
    assert_eq!(message.direction, MessageDirection::ToBuyer);
    assert_eq!(message.author.as_ref().unwrap().name, "Li Wei");
    assert_eq!(
        message.body,
        "Dear buyer,\n\nthank you, our offer follows today."
    );

    let after: Inquiry = test_app
        .get_json(&format!("/api/v1/inquiries/{id}"), REP)
        .await;
    assert_eq!(after.summary.status, InquiryStatus::Open);
    assert_eq!(after.summary.first_response_at, Some(message.sent_at));
    assert!(!after.summary.unread);
    assert_eq!(after.summary.version, next);
    assert_eq!(after.messages.last(), Some(&message));
    assert_eq!(after.messages.len(), before.messages.len() + 1);
    assert_eq!(
        after.summary.preview, before.summary.preview,
        "the preview is the buyer's"
    );

    // A second reply leaves the first response time alone.
    let second: Message = reply(&test_app, &id, OWNER, "Samples are on their way.")
        .await
        .json();
    let later: Inquiry = test_app
        .get_json(&format!("/api/v1/inquiries/{id}"), OWNER)
        .await;
    assert_eq!(later.summary.first_response_at, Some(message.sent_at));
    assert_eq!(second.author.unwrap().name, "Chen Jing (陈静)");
    assert_eq!(later.summary.version, Version(next.0 + 1));
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM change_log WHERE entity = 'inquiry' AND entity_id = $1",
    )
    .bind(&id)
    .fetch_one(&test_app.pool)
    .await
    .unwrap();
    assert_eq!(logged, 2);
}

#[tokio::test]
async fn replies_are_checked_and_scoped() {
    let test_app = TestApp::seeded().await;
    let li_wei = user_id(&test_app, "Li Wei").await;
    let id = test_app
        .scalar(
            "SELECT id FROM inquiries WHERE assignee_id = $1 AND status = 'open' LIMIT 1",
            &li_wei,
        )
        .await;
    reply(&test_app, &id, REP, "   ")
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/body"));
    reply(&test_app, &id, REP, &"x".repeat(10_001))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/body"));
    // Another rep, another member: no such inquiry.
    reply(&test_app, &id, REP2, "Hello")
        .await
        .problem(StatusCode::NOT_FOUND, None);
    reply(&test_app, &id, "demo-evergreen-owner", "Hello")
        .await
        .problem(StatusCode::NOT_FOUND, None);
    // Spam gets no replies until it is reopened.
    let member = member_id(&test_app, "Ningbo").await;
    let spam = test_app
        .scalar(
            "SELECT id FROM inquiries WHERE member_id = $1 AND status = 'spam' LIMIT 1",
            &member,
        )
        .await;
    reply(&test_app, &spam, OWNER, "Hello")
        .await
        .problem(StatusCode::CONFLICT, None);
    let messages: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM inquiry_messages WHERE inquiry_id = $1")
            .bind(&spam)
            .fetch_one(&test_app.pool)
            .await
            .unwrap();
    assert_eq!(messages, 1);
}
