//! Tenant isolation: one member's ids answer 404 to another member's users.

use axum::http::StatusCode;
use contract::inquiry::InquiryPage;

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
                "SELECT id FROM inquiries WHERE member_id = ? LIMIT 5",
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
            "SELECT id FROM customers WHERE member_id = ? LIMIT 3",
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
        .column("SELECT id FROM inquiries WHERE member_id = ?", &evergreen)
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
