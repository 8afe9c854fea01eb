//! The demo seed: volumes, idempotence, determinism.

use api_stub::seed::{SeedOutcome, seed_demo};
use time::OffsetDateTime;

use crate::support::TestApp;

async fn count(test_app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&test_app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn seeding_twice_does_not_duplicate() {
    let test_app = TestApp::seeded().await;
    let tables = [
        "members",
        "users",
        "api_tokens",
        "customers",
        "contacts",
        "inquiries",
        "inquiry_tags",
    ];
    let mut before = Vec::new();
    for table in tables {
        before.push(count(&test_app, table).await);
    }
    let outcome = seed_demo(&test_app.pool, OffsetDateTime::now_utc())
        .await
        .unwrap();
    assert_eq!(outcome, SeedOutcome::AlreadyPopulated);
    for (table, before) in tables.into_iter().zip(before) {
        assert_eq!(count(&test_app, table).await, before, "{table}");
    }
}

#[tokio::test]
async fn the_demo_has_the_promised_volumes() {
    let test_app = TestApp::seeded().await;
    assert_eq!(count(&test_app, "members").await, 2);
    assert_eq!(count(&test_app, "api_tokens").await, 7);
    assert_eq!(count(&test_app, "inquiries").await, 360);
    assert!((50..=56).contains(&count(&test_app, "customers").await));
    let spam: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inquiries WHERE score < 10")
        .fetch_one(&test_app.pool)
        .await
        .unwrap();
    assert!(spam >= 2, "some obvious spam");
}

#[tokio::test]
async fn the_seed_is_deterministic_for_a_given_clock() {
    let now = OffsetDateTime::now_utc();
    let mut dumps = Vec::new();
    for _ in 0..2 {
        let test_app = TestApp::empty().await;
        seed_demo(&test_app.pool, now).await.unwrap();
        let rows: Vec<(String, String, String, String)> =
            sqlx::query_as("SELECT id, subject, received_at, status FROM inquiries ORDER BY id")
                .fetch_all(&test_app.pool)
                .await
                .unwrap();
        dumps.push(rows);
    }
    assert_eq!(dumps[0], dumps[1]);
}
