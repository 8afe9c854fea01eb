//! The bulk seed (`api-stub seed --inquiries N --members M`): what it writes is
//! what the API serves, scoped per member, searchable, and the same every time.

use api_stub::seed::{BulkCounts, BulkError, BulkOptions, seed_bulk};
use axum::http::StatusCode;
use contract::inquiry::{Inquiry, InquiryStatus};
use time::OffsetDateTime;

use crate::inquiries::{OWNER, ids, walk};
use crate::support::TestApp;

const OPTIONS: BulkOptions = BulkOptions {
    inquiries: 1_200,
    members: 2,
    years: 2,
};

async fn bulk_seeded(options: BulkOptions) -> (TestApp, BulkCounts) {
    let test_app = TestApp::seeded().await;
    let mut reported = Vec::new();
    let counts = seed_bulk(
        &test_app.pool,
        OffsetDateTime::now_utc(),
        options,
        &mut |done| reported.push(done),
    )
    .await
    .unwrap();
    // One call per batch, ending at the total.
    assert_eq!(reported.last().copied(), Some(options.inquiries));
    assert!(reported.windows(2).all(|pair| pair[0] < pair[1]));
    (test_app, counts)
}

async fn count(test_app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&test_app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn bulk_rows_are_complete_and_served_to_their_member_only() {
    let (test_app, counts) = bulk_seeded(OPTIONS).await;
    assert_eq!(counts.inquiries, 1_200);
    assert_eq!((counts.members, counts.users, counts.tokens), (2, 8, 8));
    let bulk = "FROM inquiries WHERE portal_inquiry_id LIKE 'TB-BULK-%'";
    assert_eq!(
        count(&test_app, &format!("SELECT COUNT(*) {bulk}")).await,
        1_200
    );
    // Every inquiry has its first message, a search row, an assignment history,
    // and score reasons unless nothing applied.
    let complete = count(
        &test_app,
        &format!(
            "SELECT COUNT(*) {bulk}
               AND EXISTS (SELECT 1 FROM inquiry_messages m
                           WHERE m.inquiry_id = inquiries.id AND m.direction = 'from_buyer')
               AND EXISTS (SELECT 1 FROM inquiries_fts f WHERE f.rowid = inquiries.rowid)
               AND EXISTS (SELECT 1 FROM inquiry_assignments a WHERE a.inquiry_id = inquiries.id)"
        ),
    )
    .await;
    assert_eq!(complete, 1_200);
    assert_eq!(
        count(&test_app, "SELECT COUNT(*) FROM inquiry_messages").await,
        count(
            &test_app,
            "SELECT COUNT(*) FROM inquiry_messages WHERE inquiry_id IN (SELECT id FROM inquiries)"
        )
        .await
    );
    let spam = count(
        &test_app,
        &format!("SELECT COUNT(*) {bulk} AND status = 'spam'"),
    )
    .await;
    assert!((100..400).contains(&spam), "{spam} spam of 1,200");
    let languages = count(
        &test_app,
        &format!("SELECT COUNT(DISTINCT language) {bulk}"),
    )
    .await;
    assert!(languages >= 5, "{languages} languages");
    // None is newer than the demo story's 60 days.
    let newest: String = sqlx::query_scalar(&format!("SELECT MAX(received_at) {bulk}"))
        .fetch_one(&test_app.pool)
        .await
        .unwrap();
    let newest =
        OffsetDateTime::parse(&newest, &time::format_description::well_known::Rfc3339).unwrap();
    assert!(OffsetDateTime::now_utc() - newest > time::Duration::days(60));

    // A generated member's owner sees exactly its inquiries, through every page.
    let member = api_stub::seed::stable_id("member/bulk-1").to_string();
    let token = "bulk-1-owner";
    let own = count(
        &test_app,
        &format!("SELECT COUNT(*) FROM inquiries WHERE member_id = '{member}'"),
    )
    .await;
    assert!(own > 50, "{own}");
    let (items, total, _) = walk(&test_app, "/api/v1/inquiries?limit=200", token).await;
    assert_eq!(i64::try_from(items.len()).unwrap(), own);
    assert_eq!(i64::try_from(total).unwrap(), own);
    let mut seen = ids(&items);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), items.len(), "a page repeated an inquiry");
    // One of them, in full; Brightway's owner gets 404 for it.
    let first = &items[0].id;
    let detail: Inquiry = test_app
        .get_json(&format!("/api/v1/inquiries/{first}"), token)
        .await;
    assert!(!detail.messages.is_empty());
    assert!(!detail.assignments.is_empty());
    test_app
        .get(&format!("/api/v1/inquiries/{first}"), Some(OWNER))
        .await
        .problem(StatusCode::NOT_FOUND, None);
    // The other way round too: a demo inquiry is not the generated member's.
    let demo_inquiry = test_app
        .scalar(
            "SELECT id FROM inquiries WHERE portal_inquiry_id NOT LIKE 'TB-BULK-%' AND $1 != ''
             LIMIT 1",
            "x",
        )
        .await;
    test_app
        .get(&format!("/api/v1/inquiries/{demo_inquiry}"), Some(token))
        .await
        .problem(StatusCode::NOT_FOUND, None);
}

#[tokio::test]
async fn bulk_inquiries_are_found_by_search_and_filters() {
    let (test_app, _) = bulk_seeded(OPTIONS).await;
    let brightway = "(SELECT member_id FROM users WHERE name = 'Zhang Min')";
    // A buyer's family name from a bulk inquiry of Brightway's finds it.
    let (id, buyer): (String, String) = sqlx::query_as(&format!(
        "SELECT id, buyer_name FROM inquiries
         WHERE member_id = {brightway} AND portal_inquiry_id LIKE 'TB-BULK-%'
           AND buyer_name NOT LIKE '%(%' ORDER BY portal_inquiry_id LIMIT 1"
    ))
    .fetch_one(&test_app.pool)
    .await
    .unwrap();
    let family = buyer.split_whitespace().last().unwrap();
    let (found, _, _) = walk(
        &test_app,
        &format!(
            "/api/v1/inquiries?limit=200&status=spam,won,lost,archived,open,quoted,new&q={family}"
        ),
        OWNER,
    )
    .await;
    assert!(ids(&found).contains(&id), "{family} did not find {id}");
    // Chinese text is searchable too.
    let chinese = count(
        &test_app,
        &format!(
            "SELECT COUNT(*) FROM inquiries WHERE member_id = {brightway}
             AND (subject LIKE '%询价%' OR message LIKE '%询价%')"
        ),
    )
    .await;
    if chinese > 0 {
        let (found, total, _) = walk(&test_app, "/api/v1/inquiries?limit=200&q=询价", OWNER).await;
        assert!(!found.is_empty() && total > 0);
    }
    // The status filter counts what the database holds.
    let won = count(
        &test_app,
        &format!("SELECT COUNT(*) FROM inquiries WHERE member_id = {brightway} AND status = 'won'"),
    )
    .await;
    let (items, total, _) = walk(&test_app, "/api/v1/inquiries?limit=200&status=won", OWNER).await;
    assert_eq!(i64::try_from(total).unwrap(), won);
    assert!(items.iter().all(|item| item.status == InquiryStatus::Won));
}

#[tokio::test]
async fn the_same_options_write_the_same_rows_and_a_second_run_is_refused() {
    let small = BulkOptions {
        inquiries: 300,
        members: 1,
        years: 1,
    };
    let (first, _) = bulk_seeded(small).await;
    let (second, _) = bulk_seeded(small).await;
    let rows = "SELECT id || buyer_name || buyer_email || subject || status || score
                || COALESCE(assignee_id, '-') FROM inquiries ORDER BY id";
    let one: Vec<String> = sqlx::query_scalar(rows)
        .fetch_all(&first.pool)
        .await
        .unwrap();
    let two: Vec<String> = sqlx::query_scalar(rows)
        .fetch_all(&second.pool)
        .await
        .unwrap();
    assert_eq!(one.len(), two.len());
    assert!(one == two, "two runs wrote different rows");

    let again = seed_bulk(&first.pool, OffsetDateTime::now_utc(), small, &mut |_| {}).await;
    assert!(
        matches!(again, Err(BulkError::AlreadySeeded(300))),
        "{again:?}"
    );
    let empty = TestApp::empty().await;
    let without_demo = seed_bulk(&empty.pool, OffsetDateTime::now_utc(), small, &mut |_| {}).await;
    assert!(
        matches!(without_demo, Err(BulkError::NoDemo)),
        "{without_demo:?}"
    );
}
