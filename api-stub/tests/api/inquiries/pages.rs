//! `GET /inquiries`: every order walks every inquiry once and means what it says,
//! pages continue exactly while inquiries arrive, and a cursor continues only its
//! own list.

use std::collections::HashSet;

use axum::http::StatusCode;
use contract::inquiry::InquiryPage;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{OWNER, ids, ingest, new_inquiry, walk};
use crate::support::{TestApp, member_id};

/// The ORDER BY of each sort, written out independently of the server.
const ORDERS: [(&str, &str); 4] = [
    ("received_desc", "received_at DESC, id DESC"),
    ("received_asc", "received_at, id"),
    ("score_desc", "score DESC, received_at DESC, id DESC"),
    (
        "due_asc",
        "CASE WHEN first_response_at IS NULL AND status IN ('new', 'open', 'quoted') \
         THEN 0 ELSE 1 END, coalesce(response_due_at, received_at), id",
    ),
];

#[tokio::test]
async fn every_order_walks_every_inquiry_once_in_order() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    for (sort, order) in ORDERS {
        let expected = test_app
            .column(
                &format!("SELECT id FROM inquiries WHERE member_id = $1 ORDER BY {order}"),
                &member,
            )
            .await;
        assert_eq!(expected.len(), 300);
        let path = format!("/api/v1/inquiries?limit=13&sort={sort}");
        let (items, total, pages) = walk(&test_app, &path, OWNER).await;
        assert_eq!(
            ids(&items),
            expected,
            "{sort}: no gaps, no duplicates, in order"
        );
        assert_eq!(total, 300);
        assert_eq!(pages, 300usize.div_ceil(13));
    }
}

#[tokio::test]
async fn the_orders_mean_what_they_say() {
    let test_app = TestApp::seeded().await;
    let (newest, ..) = walk(&test_app, "/api/v1/inquiries?limit=200", OWNER).await;
    assert!(
        newest
            .windows(2)
            .all(|pair| pair[0].received_at >= pair[1].received_at)
    );
    let (best, ..) = walk(
        &test_app,
        "/api/v1/inquiries?limit=200&sort=score_desc",
        OWNER,
    )
    .await;
    assert!(best.windows(2).all(|pair| pair[0].score >= pair[1].score));
    let (due, ..) = walk(&test_app, "/api/v1/inquiries?limit=200&sort=due_asc", OWNER).await;
    let waiting = |item: &contract::inquiry::InquirySummary| {
        item.first_response_at.is_none() && item.status.is_active()
    };
    let first_answered = due.iter().position(|item| !waiting(item)).unwrap();
    assert!(first_answered > 0, "the demo has unanswered inquiries");
    assert!(
        due[first_answered..].iter().all(|item| !waiting(item)),
        "answered last"
    );
    assert!(
        due[..first_answered]
            .windows(2)
            .all(|pair| pair[0].response_due_at <= pair[1].response_due_at),
        "the most urgent first"
    );
}

#[tokio::test]
async fn pages_continue_exactly_while_new_inquiries_arrive() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    for (sort, order) in [ORDERS[0], ORDERS[1], ORDERS[2]] {
        let expected = test_app
            .column(
                &format!("SELECT id FROM inquiries WHERE member_id = $1 ORDER BY {order}"),
                &member,
            )
            .await;
        let mut seen: Vec<String> = Vec::new();
        let mut cursor: Option<String> = None;
        for page_number in 0.. {
            let mut path = format!("/api/v1/inquiries?limit=40&sort={sort}");
            if let Some(cursor) = &cursor {
                path = format!("{path}&cursor={cursor}");
            }
            let page: InquiryPage = test_app.get_json(&path, OWNER).await;
            seen.extend(ids(&page.items));
            // Between pages: one inquiry now, one received in the middle of the history.
            for (suffix, days_ago) in [("now", 0), ("past", 20)] {
                let mut body = new_inquiry(&member, &format!("{sort}-{page_number}-{suffix}"));
                let received = OffsetDateTime::now_utc() - time::Duration::days(days_ago);
                body["received_at"] = received.format(&Rfc3339).unwrap().into();
                assert_eq!(ingest(&test_app, &body).await.status, StatusCode::CREATED);
            }
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        let unique: HashSet<&String> = seen.iter().collect();
        assert_eq!(unique.len(), seen.len(), "{sort}: no inquiry twice");
        let original: Vec<&String> = seen.iter().filter(|id| expected.contains(id)).collect();
        assert_eq!(original.len(), expected.len(), "{sort}: none missed");
        assert_eq!(
            original,
            expected.iter().collect::<Vec<_>>(),
            "{sort}: in order"
        );
    }
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
async fn a_cursor_continues_only_its_own_list() {
    let test_app = TestApp::seeded().await;
    let page: InquiryPage = test_app
        .get_json(
            "/api/v1/inquiries?limit=5&sort=score_desc&status=open",
            OWNER,
        )
        .await;
    let cursor = page.next_cursor.unwrap();
    let same: InquiryPage = test_app
        .get_json(
            &format!("/api/v1/inquiries?limit=5&sort=score_desc&status=open&cursor={cursor}"),
            OWNER,
        )
        .await;
    assert_eq!(same.items.len(), 5);
    for other in [
        format!("/api/v1/inquiries?limit=5&status=open&cursor={cursor}"),
        format!("/api/v1/inquiries?limit=5&sort=due_asc&status=open&cursor={cursor}"),
        format!("/api/v1/inquiries?limit=5&sort=score_desc&status=new&cursor={cursor}"),
        format!("/api/v1/inquiries?limit=5&sort=score_desc&cursor={cursor}"),
        "/api/v1/inquiries?cursor=76322d2d".to_owned(),
    ] {
        test_app
            .get(&other, Some(OWNER))
            .await
            .problem(StatusCode::BAD_REQUEST, Some("cursor"));
    }
    // A different page size is the same list.
    let resized: InquiryPage = test_app
        .get_json(
            &format!("/api/v1/inquiries?limit=7&sort=score_desc&status=open&cursor={cursor}"),
            OWNER,
        )
        .await;
    assert_eq!(resized.items[..5], same.items[..]);
}
