//! Tenant isolation: one member's ids answer 404 to another member's users.

use axum::http::{Method, StatusCode};
use contract::inquiry::{Inquiry, InquiryPage};
use contract::user::UserList;
use serde_json::json;

use crate::inquiries::{MANAGER, OWNER, patch, send, user_id};
use crate::support::{TestApp, member_id};

#[tokio::test]
async fn another_members_inquiries_are_404_never_data() {
    let test_app = TestApp::seeded().await;
    for (owner_of_data, intruder) in [
        ("Ningbo", "demo-evergreen-owner"),
        ("Yiwu", "demo-brightway-owner"),
        ("Yiwu", "demo-brightway-manager"),
    ] {
        let member = member_id(&test_app, owner_of_data).await;
        let ids = test_app
            .column(
                "SELECT id FROM inquiries WHERE member_id = $1 LIMIT 5",
                &member,
            )
            .await;
        assert_eq!(ids.len(), 5);
        for id in ids {
            let response = test_app
                .get(&format!("/api/v1/inquiries/{id}"), Some(intruder))
                .await;
            let problem = response.problem(StatusCode::NOT_FOUND, None);
            assert!(
                !response.text().contains("Brightway") && !response.text().contains("Evergreen")
            );
            assert!(problem.detail.is_some());
        }
    }
}

#[tokio::test]
async fn another_members_customers_are_404() {
    let test_app = TestApp::seeded().await;
    let brightway = member_id(&test_app, "Ningbo").await;
    let customers = test_app
        .column(
            "SELECT id FROM customers WHERE member_id = $1 LIMIT 3",
            &brightway,
        )
        .await;
    for id in customers {
        let path = format!("/api/v1/customers/{id}");
        test_app
            .get(&path, Some("demo-evergreen-owner"))
            .await
            .problem(StatusCode::NOT_FOUND, None);
        assert_eq!(
            test_app.get(&path, Some("demo-brightway-rep")).await.status,
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn lists_hold_only_the_callers_member() {
    let test_app = TestApp::seeded().await;
    let evergreen = member_id(&test_app, "Yiwu").await;
    let own = test_app
        .column("SELECT id FROM inquiries WHERE member_id = $1", &evergreen)
        .await;
    let page: InquiryPage = test_app
        .get_json("/api/v1/inquiries?limit=200", "demo-evergreen-manager")
        .await;
    assert_eq!(page.total, 60);
    assert!(
        page.items
            .iter()
            .all(|item| own.contains(&item.id.to_string()))
    );
}

#[tokio::test]
async fn another_members_inquiries_cannot_be_changed_or_answered() {
    let test_app = TestApp::seeded().await;
    let evergreen = member_id(&test_app, "Yiwu").await;
    let (id, version): (String, i64) = sqlx::query_as(
        "SELECT id, version FROM inquiries WHERE member_id = $1 AND status = 'open' LIMIT 1",
    )
    .bind(&evergreen)
    .fetch_one(&test_app.pool)
    .await
    .unwrap();
    let version = u64::try_from(version).unwrap();
    for token in [OWNER, MANAGER, "demo-brightway-rep"] {
        let response = patch(
            &test_app,
            &id,
            token,
            version,
            json!({ "status": "archived" }),
        )
        .await;
        response.problem(StatusCode::NOT_FOUND, None);
        assert!(!response.text().contains("Evergreen"));
        let path = format!("/api/v1/inquiries/{id}/replies");
        send(
            &test_app,
            Method::POST,
            &path,
            token,
            None,
            &json!({ "body": "Hello" }),
        )
        .await
        .problem(StatusCode::NOT_FOUND, None);
    }
    let unchanged: Inquiry = test_app
        .get_json(&format!("/api/v1/inquiries/{id}"), "demo-evergreen-owner")
        .await;
    assert_eq!(unchanged.summary.version.0, version);
    assert_eq!(unchanged.messages.len(), 1 + unchanged.messages[1..].len());
    let replies: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM inquiry_messages WHERE inquiry_id = $1 AND body = 'Hello'",
    )
    .bind(&id)
    .fetch_one(&test_app.pool)
    .await
    .unwrap();
    assert_eq!(replies, 0);
}

#[tokio::test]
async fn another_members_people_cannot_be_assigned_or_filtered_on() {
    let test_app = TestApp::seeded().await;
    let brightway = member_id(&test_app, "Ningbo").await;
    let sun_yue = user_id(&test_app, "Sun Yue").await;
    let (id, version): (String, i64) = sqlx::query_as(
        "SELECT id, version FROM inquiries WHERE member_id = $1 AND status = 'open' LIMIT 1",
    )
    .bind(&brightway)
    .fetch_one(&test_app.pool)
    .await
    .unwrap();
    patch(
        &test_app,
        &id,
        OWNER,
        u64::try_from(version).unwrap(),
        json!({ "assignee_id": sun_yue }),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/assignee_id"));
    let page: InquiryPage = test_app
        .get_json(&format!("/api/v1/inquiries?assignee={sun_yue}"), OWNER)
        .await;
    assert_eq!(page.total, 0);
    let users: UserList = test_app.get_json("/api/v1/users", OWNER).await;
    assert!(
        users
            .items
            .iter()
            .all(|user| user.id.to_string() != sun_yue)
    );
}
