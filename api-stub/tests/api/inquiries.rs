//! `GET /api/v1/inquiries` and `GET /api/v1/inquiries/{id}`: order, pagination,
//! filters and role scoping.

use std::collections::HashSet;

use contract::inquiry::{InquiryPage, InquiryStatus, InquirySummary};
use contract::user::Me;

use crate::support::{TestApp, member_id};

const OWNER: &str = "demo-brightway-owner";

/// Every page of `path` (which has a query string), following `next_cursor`.
async fn walk(test_app: &TestApp, path: &str, token: &str) -> (Vec<InquirySummary>, u64, usize) {
    let mut items = Vec::new();
    let mut pages = 0;
    let mut cursor: Option<String> = None;
    let mut total = None;
    loop {
        let url = match &cursor {
            Some(cursor) => format!("{path}&cursor={cursor}"),
            None => path.to_owned(),
        };
        let page: InquiryPage = test_app.get_json(&url, token).await;
        pages += 1;
        assert!(pages < 1000, "pagination does not end");
        // The total is the whole filter's, the same on every page.
        assert_eq!(*total.get_or_insert(page.total), page.total);
        items.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    (items, total.unwrap_or_default(), pages)
}

#[tokio::test]
async fn pagination_walks_every_inquiry_once_newest_first() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let expected = test_app
        .column(
            "SELECT id FROM inquiries WHERE member_id = ? ORDER BY received_at DESC, id DESC",
            &member,
        )
        .await;
    assert_eq!(expected.len(), 300);

    let (items, total, pages) = walk(&test_app, "/api/v1/inquiries?limit=7", OWNER).await;
    let ids: Vec<String> = items.iter().map(|item| item.id.to_string()).collect();
    assert_eq!(
        ids, expected,
        "no gaps, no duplicates, same order as the database"
    );
    assert_eq!(total, 300);
    assert_eq!(pages, 300usize.div_ceil(7));
    assert!(
        items
            .windows(2)
            .all(|pair| pair[0].received_at >= pair[1].received_at),
        "newest first"
    );
}

#[tokio::test]
async fn the_default_page_has_fifty_items_and_a_cursor() {
    let test_app = TestApp::seeded().await;
    let page: InquiryPage = test_app.get_json("/api/v1/inquiries", OWNER).await;
    assert_eq!(page.items.len(), 50);
    assert!(page.next_cursor.is_some());
    assert_eq!(page.total, 300);
    let exact: InquiryPage = test_app
        .get_json("/api/v1/inquiries?limit=200", "demo-evergreen-owner")
        .await;
    assert_eq!(
        (exact.items.len(), exact.total, exact.next_cursor),
        (60, 60, None)
    );
}

#[tokio::test]
async fn the_status_filter_returns_exactly_that_status() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let mut seen = 0;
    for status in InquiryStatus::ALL {
        let expected: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM inquiries WHERE member_id = ? AND status = ?")
                .bind(&member)
                .bind(status.as_str())
                .fetch_one(&test_app.pool)
                .await
                .unwrap();
        let path = format!("/api/v1/inquiries?status={status}&limit=9");
        let (items, total, _) = walk(&test_app, &path, OWNER).await;
        assert_eq!(total, u64::try_from(expected).unwrap(), "{status}");
        assert_eq!(
            items.len(),
            items.iter().filter(|item| item.status == status).count()
        );
        assert_eq!(items.len() as u64, total);
        seen += items.len();
    }
    assert_eq!(seen, 300, "the statuses partition the inbox");
}

#[tokio::test]
async fn a_rep_sees_only_inquiries_assigned_to_them() {
    let test_app = TestApp::seeded().await;
    for token in [
        "demo-brightway-rep",
        "demo-brightway-rep2",
        "demo-evergreen-rep",
    ] {
        let me: Me = test_app.get_json("/api/v1/me", token).await;
        let expected = test_app
            .column(
                "SELECT id FROM inquiries WHERE assignee_id = ?",
                &me.user.id.to_string(),
            )
            .await;
        assert!(!expected.is_empty(), "{token} has work");
        let (items, total, _) = walk(&test_app, "/api/v1/inquiries?limit=25", token).await;
        assert_eq!(total as usize, expected.len(), "{token}");
        assert!(
            items
                .iter()
                .all(|item| item.assignee.as_ref().map(|user| user.id) == Some(me.user.id))
        );
        let ids: HashSet<String> = items.iter().map(|item| item.id.to_string()).collect();
        assert_eq!(ids, expected.into_iter().collect::<HashSet<_>>());
    }
}

#[tokio::test]
async fn a_rep_gets_404_for_a_colleagues_inquiry_and_the_manager_sees_it() {
    let test_app = TestApp::seeded().await;
    let me: Me = test_app.get_json("/api/v1/me", "demo-brightway-rep").await;
    let member = member_id(&test_app, "Ningbo").await;
    let colleagues = test_app
        .scalar(
            "SELECT i.id FROM inquiries i JOIN users u ON u.id = i.assignee_id
             WHERE i.member_id = ?1 AND u.name = 'Wang Fang' LIMIT 1",
            &member,
        )
        .await;
    let path = format!("/api/v1/inquiries/{colleagues}");
    test_app
        .get(&path, Some("demo-brightway-rep"))
        .await
        .problem(axum::http::StatusCode::NOT_FOUND, None);
    let seen: InquirySummary = test_app.get_json(&path, "demo-brightway-manager").await;
    assert_eq!(seen.id.to_string(), colleagues);
    assert_ne!(seen.assignee.map(|user| user.id), Some(me.user.id));
}

#[tokio::test]
async fn one_inquiry_reads_like_its_list_row() {
    let test_app = TestApp::seeded().await;
    let page: InquiryPage = test_app.get_json("/api/v1/inquiries?limit=20", OWNER).await;
    for item in page.items {
        let single: InquirySummary = test_app
            .get_json(&format!("/api/v1/inquiries/{}", item.id), OWNER)
            .await;
        assert_eq!(single, item);
        assert!(item.score <= 100);
        assert!(!item.preview.contains('\n'));
        assert_eq!(
            item.response_due_at.map(|due| due - item.received_at),
            Some(time::Duration::hours(24))
        );
    }
}
