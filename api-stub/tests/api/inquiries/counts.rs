//! The counters behind the inbox's tab counts (`inquiry_counts`, kept by
//! triggers) agree with the inquiries themselves after every kind of change, and
//! the list answers the same counts from them as from counting the rows.

use axum::http::StatusCode;
use contract::inquiry::InquiryPage;
use serde_json::json;

use crate::inquiries::{OWNER, REP, ingest, new_inquiry, patch, user_id};
use crate::support::{TestApp, member_id};

/// Every counter next to a count of the rows, where they differ.
async fn disagreements(test_app: &TestApp) -> Vec<(String, String, String, i64, i64)> {
    sqlx::query_as(
        "WITH actual AS (
             SELECT member_id, COALESCE(assignee_id, '') AS assignee_id, status,
                    COUNT(*) AS count
             FROM inquiries GROUP BY 1, 2, 3)
         SELECT c.member_id, c.assignee_id, c.status, c.count, COALESCE(a.count, 0)
         FROM inquiry_counts c LEFT JOIN actual a USING (member_id, assignee_id, status)
         WHERE c.count != COALESCE(a.count, 0)
         UNION ALL
         SELECT a.member_id, a.assignee_id, a.status, 0, a.count
         FROM actual a LEFT JOIN inquiry_counts c USING (member_id, assignee_id, status)
         WHERE c.count IS NULL",
    )
    .fetch_all(&test_app.pool)
    .await
    .unwrap()
}

/// The status counts of `query` answered from the counters, and the same list
/// with a filter that keeps every inquiry (score ≥ 0), which counts the rows.
async fn both_ways(test_app: &TestApp, query: &str, token: &str) -> (InquiryPage, InquiryPage) {
    let counters: InquiryPage = test_app
        .get_json(&format!("/api/v1/inquiries?limit=1{query}"), token)
        .await;
    let counted: InquiryPage = test_app
        .get_json(
            &format!("/api/v1/inquiries?limit=1&score_min=0{query}"),
            token,
        )
        .await;
    (counters, counted)
}

#[tokio::test]
async fn counters_follow_every_change_and_match_the_rows() {
    let test_app = TestApp::seeded().await;
    assert_eq!(disagreements(&test_app).await, []);

    // Ingest (insert), then status, assignment and unassignment changes.
    let member = member_id(&test_app, "Ningbo").await;
    let response = ingest(&test_app, &new_inquiry(&member, "TB-COUNTS-1")).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let zhao_lei = user_id(&test_app, "Zhao Lei").await;
    let (id, version): (String, i64) =
        sqlx::query_as("SELECT id, version FROM inquiries WHERE portal_inquiry_id = 'TB-COUNTS-1'")
            .fetch_one(&test_app.pool)
            .await
            .unwrap();
    let version = u64::try_from(version).unwrap();
    for (step, body) in (0..).zip([
        json!({ "status": "open" }),
        json!({ "assignee_id": zhao_lei }),
        json!({ "status": "quoted", "unread": false }),
        json!({ "assignee_id": null }),
        json!({ "status": "lost", "lost_reason": "price" }),
    ]) {
        let response = patch(&test_app, &id, OWNER, version + step, body.clone()).await;
        assert_eq!(
            response.status,
            StatusCode::OK,
            "{body}: {}",
            response.text()
        );
        assert_eq!(disagreements(&test_app).await, [], "after {body}");
    }
    // A delete (the API has none; the counters must still follow).
    sqlx::query("DELETE FROM inquiries WHERE id = $1")
        .bind(&id)
        .execute(&test_app.pool)
        .await
        .unwrap();
    assert_eq!(disagreements(&test_app).await, []);

    // The list's counts are the same either way, for each kind of caller and filter.
    let li_wei = user_id(&test_app, "Li Wei").await;
    for (query, token) in [
        (String::new(), OWNER),
        ("&status=new,open".to_owned(), OWNER),
        ("&assignee=unassigned".to_owned(), OWNER),
        ("&assignee=me".to_owned(), REP),
        (format!("&assignee={li_wei}"), OWNER),
        (String::new(), REP),
        (format!("&assignee={zhao_lei}"), REP),
    ] {
        let (counters, counted) = both_ways(&test_app, &query, token).await;
        assert_eq!(
            counters.status_counts, counted.status_counts,
            "{query} as {token}"
        );
        assert_eq!(counters.total, counted.total, "{query} as {token}");
    }
    // A rep asking for a colleague's inquiries sees none, counted either way.
    let (counters, _) = both_ways(&test_app, &format!("&assignee={zhao_lei}"), REP).await;
    assert_eq!(counters.total, 0);
    let (counters, _) = both_ways(&test_app, "", OWNER).await;
    assert!(counters.total > 250, "{}", counters.total);
}
