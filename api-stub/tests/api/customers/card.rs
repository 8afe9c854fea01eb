//! `GET /api/v1/customers/{id}`: the card, its metrics against figures computed by
//! hand, and the health states.

use api_stub::seed::MUELLER_HANDELS_CUSTOMER_ID;
use axum::http::{Method, StatusCode, header};
use contract::customer::{BusinessType, Customer, HealthStatus, LifecycleStage, Tier};
use contract::money::{Currency, Money};
use rust_decimal::Decimal;
use serde_json::json;
use time::{Duration, OffsetDateTime};

use super::{OWNER, REP, create_customer, insert_inquiry, insert_quote, new_customer, send, world};
use crate::support::TestApp;

fn decimal(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn money(amount: &str, currency: Currency) -> Money {
    Money {
        amount: decimal(amount),
        currency,
    }
}

#[tokio::test]
async fn the_customer_card_has_profile_contacts_owner_and_metrics() {
    let test_app = TestApp::seeded().await;
    let path = format!("/api/v1/customers/{MUELLER_HANDELS_CUSTOMER_ID}");
    let response = test_app.get(&path, Some("demo-brightway-rep")).await;
    assert_eq!(response.status, StatusCode::OK);
    let customer: Customer = response.json();
    assert_eq!(
        response.header(header::ETAG),
        customer.summary.version.etag()
    );
    assert_eq!(customer.summary.name, "Müller Handels GmbH");
    assert_eq!(customer.summary.country.as_str(), "DE");
    assert_eq!(customer.summary.business_type, BusinessType::Importer);
    assert_eq!(customer.summary.tier, Tier::Partnership);
    assert_eq!(customer.summary.stage, LifecycleStage::Customer);
    assert_eq!(
        customer.summary.owner.map(|owner| owner.name).as_deref(),
        Some("Li Wei")
    );
    assert_eq!(
        customer.industry.as_deref(),
        Some("Lighting import and wholesale")
    );
    assert!(customer.verified);
    assert!(customer.summary.tags.contains(&"key account".to_owned()));
    assert_eq!(customer.contacts[0].name, "Klaus Müller");
    assert_eq!(customer.contacts.len(), 3);
    assert!(
        customer
            .contacts
            .iter()
            .all(|contact| !contact.phones.is_empty())
    );
    let expected: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM inquiries WHERE customer_id = $1 AND status <> 'spam'",
    )
    .bind(MUELLER_HANDELS_CUSTOMER_ID)
    .fetch_one(&test_app.pool)
    .await
    .unwrap();
    assert!(expected > 3, "Müller writes often in the demo");
    assert_eq!(i64::from(customer.summary.inquiry_count), expected);
    assert_eq!(
        customer.metrics.inquiry_count,
        customer.summary.inquiry_count
    );
    assert!(customer.metrics.health.usual_interval_days.is_some());
    assert!(!customer.metrics.health.explanation.is_empty());
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
            (1..=4).contains(&customer.contacts.len()),
            "{}",
            customer.summary.name
        );
        assert!(customer.industry.is_some() && customer.size.is_some());
    }
}

#[tokio::test]
async fn metrics_match_figures_computed_by_hand() {
    let world = world().await;
    let customer = create_customer(&world, OWNER, new_customer("Hand Counted AG", json!({}))).await;
    let id = customer.summary.id.to_string();
    let now = OffsetDateTime::now_utc();
    let day = Duration::days(1);
    // Inquiries 100, 70, 40 and 10 days ago (gaps 30, 30, 30), one spam (ignored).
    // First replies after 30, 90 and 60 minutes: median 60.
    for (days, reply) in [(100, Some(30)), (70, Some(90)), (40, None), (10, Some(60))] {
        let received = now - day * days;
        insert_inquiry(
            &world,
            &id,
            received,
            "open",
            None,
            reply.map(|minutes| received + Duration::minutes(minutes)),
        )
        .await;
    }
    insert_inquiry(&world, &id, now - Duration::hours(1), "spam", None, None).await;
    // revision 1 superseded, revision 2 accepted at 1000.00 EUR (counted once).
    // rejected 500.00 EUR. Q-3: accepted 100.00 USD. Q-4: accepted 15000 JPY.
    // a draft (never counted). Q-6: sent, undecided, 250.50 EUR.
    let at = now - day * 20;
    insert_quote(&world, &id, "Q-1", 1, "superseded", "EUR", "900.00", at).await;
    insert_quote(&world, &id, "Q-1", 2, "accepted", "EUR", "1000.00", at).await;
    insert_quote(&world, &id, "Q-2", 1, "rejected", "EUR", "500.00", at).await;
    insert_quote(&world, &id, "Q-3", 1, "accepted", "USD", "100.00", at).await;
    insert_quote(&world, &id, "Q-4", 1, "accepted", "JPY", "15000", at).await;
    insert_quote(&world, &id, "Q-5", 1, "draft", "EUR", "99999.00", at).await;
    insert_quote(&world, &id, "Q-6", 1, "sent", "EUR", "250.50", at).await;

    let customer: Customer = world
        .app
        .get_json(&format!("/api/v1/customers/{id}"), REP)
        .await;
    let metrics = customer.metrics;
    assert_eq!(metrics.inquiry_count, 4);
    assert_eq!(metrics.inquiries_last_90_days, 3);
    assert_eq!(customer.summary.inquiry_count, 4);
    assert_eq!(metrics.median_response_minutes, Some(60));
    assert_eq!(
        metrics.quoted_value,
        [
            money("1750.50", Currency::EUR),
            money("15000", Currency::JPY),
            money("100.00", Currency::USD),
        ]
    );
    assert_eq!(
        metrics.won_value,
        [
            money("1000.00", Currency::EUR),
            money("15000", Currency::JPY),
            money("100.00", Currency::USD),
        ]
    );
    // 1750.50 + 92 + 92 = 1934.50 EUR quoted.
    assert_eq!(
        metrics.quoted_value_converted,
        Some(money("1934.50", Currency::EUR))
    );
    // 1000 + 15000 × 0.92 / 150 (= 92) + 100 × 0.92 (= 92) = 1184.00 EUR.
    assert_eq!(
        metrics.won_value_converted,
        Some(money("1184.00", Currency::EUR))
    );
    // 3 accepted of 4 decided.
    assert_eq!(metrics.win_rate_percent, Some(75));
    // The last contact is the spam-free inquiry 10 days ago.
    let last: OffsetDateTime = metrics.last_contact_at.unwrap();
    let off: Duration = last - (now - day * 10);
    assert!(off.abs() < Duration::seconds(1));
    assert_eq!(customer.summary.last_contact_at, metrics.last_contact_at);
    assert_eq!(metrics.health.usual_interval_days, Some(30));
    assert_eq!(metrics.health.status, HealthStatus::Healthy);
    assert_eq!(metrics.health.score, 90);
    assert_eq!(
        metrics.health.explanation,
        "last contact 10 days ago; usually writes every 30"
    );

    // A rate missing for a won currency: no conversion rather than a wrong one.
    insert_quote(&world, &id, "Q-7", 1, "accepted", "GBP", "10.00", at).await;
    let customer: Customer = world
        .app
        .get_json(&format!("/api/v1/customers/{id}"), REP)
        .await;
    assert_eq!(customer.metrics.won_value_converted, None);
    assert_eq!(customer.metrics.win_rate_percent, Some(80));
}

#[tokio::test]
async fn health_is_at_risk_watch_or_healthy_by_the_customers_rhythm() {
    let world = world().await;
    let now = OffsetDateTime::now_utc();
    let day = Duration::days(1);
    // (tier, days of the inquiries ago) → status, explanation.
    let cases = [
        (
            "partnership",
            [136, 106, 76, 46],
            HealthStatus::AtRisk,
            "quiet for 46 days; usually writes every 30",
        ),
        (
            "partnership",
            [125, 95, 65, 35],
            HealthStatus::Watch,
            "quiet for 35 days; usually writes every 30",
        ),
        (
            "transactional",
            [136, 106, 76, 46],
            HealthStatus::Watch,
            "quiet for 46 days; usually writes every 30",
        ),
        (
            "partnership",
            [110, 80, 50, 20],
            HealthStatus::Healthy,
            "last contact 20 days ago; usually writes every 30",
        ),
    ];
    for (index, (tier, days, status, explanation)) in cases.into_iter().enumerate() {
        let customer = create_customer(
            &world,
            OWNER,
            new_customer(&format!("Rhythm {index}"), json!({ "tier": tier })),
        )
        .await;
        let id = customer.summary.id.to_string();
        for days in days {
            insert_inquiry(
                &world,
                &id,
                now - day * days - Duration::hours(1),
                "open",
                None,
                None,
            )
            .await;
        }
        let customer: Customer = world
            .app
            .get_json(&format!("/api/v1/customers/{id}"), OWNER)
            .await;
        assert_eq!(customer.metrics.health.status, status, "{tier} {days:?}");
        assert_eq!(customer.metrics.health.explanation, explanation);
        let score = customer.metrics.health.score;
        let band = match status {
            HealthStatus::AtRisk => 0..=39,
            HealthStatus::Watch => 40..=69,
            HealthStatus::Healthy => 70..=100,
        };
        assert!(band.contains(&score), "{score} for {status:?}");
    }
    // A logged call counts as contact: the at-risk customer is healthy again.
    let at_risk: String = world
        .app
        .scalar("SELECT id FROM customers WHERE name = $1", "Rhythm 0")
        .await;
    let response = send(
        &world.app,
        Method::POST,
        &format!("/api/v1/customers/{at_risk}/activities"),
        REP,
        None,
        Some(&json!({ "kind": "call", "body": "Called them." })),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED);
    let customer: Customer = world
        .app
        .get_json(&format!("/api/v1/customers/{at_risk}"), OWNER)
        .await;
    assert_eq!(customer.metrics.health.status, HealthStatus::Healthy);
    assert_eq!(customer.metrics.health.score, 100);
}
