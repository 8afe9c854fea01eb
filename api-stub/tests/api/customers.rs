//! `GET /api/v1/customers/{id}`.

use api_stub::seed::MUELLER_HANDELS_CUSTOMER_ID;
use contract::customer::{BusinessType, Customer, LifecycleStage, Tier};

use crate::support::TestApp;

#[tokio::test]
async fn the_customer_card_has_profile_contacts_owner_and_inquiry_count() {
    let test_app = TestApp::seeded().await;
    let path = format!("/api/v1/customers/{MUELLER_HANDELS_CUSTOMER_ID}");
    let customer: Customer = test_app.get_json(&path, "demo-brightway-rep").await;
    assert_eq!(customer.summary.name, "Müller Handels GmbH");
    assert_eq!(customer.summary.country.as_str(), "DE");
    assert_eq!(customer.summary.business_type, BusinessType::Importer);
    assert_eq!(customer.summary.tier, Tier::Partnership);
    assert_eq!(customer.summary.stage, LifecycleStage::Customer);
    assert_eq!(
        customer.summary.owner.map(|owner| owner.name).as_deref(),
        Some("Li Wei")
    );
    assert_eq!(customer.contacts[0].name, "Klaus Müller");
    assert!(customer.contacts.len() >= 2);
    let expected: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inquiries WHERE customer_id = ?")
        .bind(MUELLER_HANDELS_CUSTOMER_ID)
        .fetch_one(&test_app.pool)
        .await
        .unwrap();
    assert!(expected > 3, "Müller writes often in the demo");
    assert_eq!(i64::from(customer.summary.inquiry_count), expected);
}

#[tokio::test]
async fn every_seeded_customer_reads_back() {
    let test_app = TestApp::seeded().await;
    let customers: Vec<(String, String)> =
        sqlx::query_as("SELECT c.id, m.name FROM customers c JOIN members m ON m.id = c.member_id")
            .fetch_all(&test_app.pool)
            .await
            .unwrap();
    assert!(customers.len() > 50);
    for (id, member) in customers {
        let token = if member.starts_with("Ningbo") {
            "demo-brightway-manager"
        } else {
            "demo-evergreen-manager"
        };
        let customer: Customer = test_app
            .get_json(&format!("/api/v1/customers/{id}"), token)
            .await;
        assert!(
            (1..=3).contains(&customer.contacts.len()),
            "{}",
            customer.summary.name
        );
    }
}
