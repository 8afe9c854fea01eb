//! `PATCH /inquiries/{id}`: versions, the workflow, reasons, tags, read state,
//! and who may assign whom.

use axum::http::{Method, StatusCode, header};
use contract::inquiry::{AssignmentRule, Inquiry, InquiryStatus, LostReason};
use contract::problem::ProblemKind;
use contract::version::Version;
use serde_json::json;

use super::{MANAGER, OWNER, REP, REP2, patch, send, user_id};
use crate::support::{TestApp, member_id};

/// A Brightway inquiry in `status` assigned to Li Wei, with its version.
async fn inquiry_of_li_wei(test_app: &TestApp, status: &str) -> (String, u64) {
    let li_wei = user_id(test_app, "Li Wei").await;
    let row: (String, i64) = sqlx::query_as(
        "SELECT id, version FROM inquiries WHERE assignee_id = $1 AND status = $2
         ORDER BY received_at DESC LIMIT 1",
    )
    .bind(&li_wei)
    .bind(status)
    .fetch_one(&test_app.pool)
    .await
    .unwrap();
    (row.0, u64::try_from(row.1).unwrap())
}

async fn change_count(test_app: &TestApp, id: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM change_log WHERE entity = 'inquiry' AND entity_id = $1",
    )
    .bind(id)
    .fetch_one(&test_app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_patch_changes_what_it_sends_and_bumps_the_version() {
    let test_app = TestApp::seeded().await;
    let (id, version) = inquiry_of_li_wei(&test_app, "open").await;
    let changes = change_count(&test_app, &id).await;
    let response = patch(
        &test_app,
        &id,
        OWNER,
        version,
        json!({ "status": "quoted", "tags": [" VIP ", "urgent"], "unread": true }),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.header(header::ETAG), Version(version + 1).etag());
    let inquiry: Inquiry = response.json();
    assert_eq!(inquiry.summary.status, InquiryStatus::Quoted);
    assert_eq!(inquiry.summary.tags, ["VIP", "urgent"]);
    assert!(inquiry.summary.unread);
    assert_eq!(inquiry.summary.version, Version(version + 1));
    assert!(inquiry.summary.updated_at > inquiry.summary.received_at);
    let read: Inquiry = test_app
        .get_json(&format!("/api/v1/inquiries/{id}"), REP)
        .await;
    assert_eq!(read, inquiry);
    assert_eq!(change_count(&test_app, &id).await, changes + 1);

    // Tags are replaced, not merged; absent fields stay.
    let response = patch(&test_app, &id, REP, version + 1, json!({ "tags": [] })).await;
    let inquiry: Inquiry = response.json();
    assert!(inquiry.summary.tags.is_empty());
    assert_eq!(inquiry.summary.status, InquiryStatus::Quoted);

    // A patch that changes nothing keeps the version and records nothing.
    let response = patch(&test_app, &id, REP, version + 2, json!({ "unread": true })).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.header(header::ETAG), Version(version + 2).etag());
    assert_eq!(change_count(&test_app, &id).await, changes + 2);
}

#[tokio::test]
async fn if_match_is_required_and_must_be_current() {
    let test_app = TestApp::seeded().await;
    let (id, version) = inquiry_of_li_wei(&test_app, "open").await;
    let path = format!("/api/v1/inquiries/{id}");
    let body = json!({ "unread": false });
    let missing = send(&test_app, Method::PATCH, &path, OWNER, None, &body).await;
    assert_eq!(
        missing
            .problem(StatusCode::PRECONDITION_REQUIRED, None)
            .kind(),
        Some(ProblemKind::PreconditionRequired)
    );
    let stale = patch(
        &test_app,
        &id,
        OWNER,
        version + 1,
        json!({ "unread": true }),
    )
    .await;
    let problem = stale.problem(StatusCode::PRECONDITION_FAILED, None);
    assert_eq!(problem.current_version, Some(Version(version)));
    assert_eq!(stale.header(header::ETAG), Version(version).etag());
    let weak = send(
        &test_app,
        Method::PATCH,
        &path,
        OWNER,
        Some(&format!("W/\"{version}\"")),
        &body,
    )
    .await;
    weak.problem(StatusCode::BAD_REQUEST, Some("If-Match"));
    // Nothing changed on the way.
    let read: Inquiry = test_app.get_json(&path, OWNER).await;
    assert_eq!(read.summary.version, Version(version));
}

#[tokio::test]
async fn each_invalid_field_is_named() {
    let test_app = TestApp::seeded().await;
    let (id, version) = inquiry_of_li_wei(&test_app, "new").await;
    let evergreen_user = test_app
        .scalar("SELECT id FROM users WHERE name = $1", "Sun Yue")
        .await;
    let cases = [
        (json!({}), ""),
        (json!({ "status": "lost" }), "/lost_reason"),
        (json!({ "status": "spam" }), "/spam_reason"),
        (
            json!({ "status": "spam", "spam_reason": "  " }),
            "/spam_reason",
        ),
        (json!({ "lost_reason": "price" }), "/lost_reason"),
        (json!({ "spam_reason": "ads" }), "/spam_reason"),
        (json!({ "tags": ["OEM", "oem"] }), "/tags/1"),
        (json!({ "tags": ["x".repeat(41)] }), "/tags/0"),
        (json!({ "status": "won" }), "/status"),
        (
            json!({ "assignee_id": "00000000-0000-4000-8000-000000000000" }),
            "/assignee_id",
        ),
        (json!({ "assignee_id": evergreen_user }), "/assignee_id"),
        (json!({ "status": "pending" }), ""),
        (json!({ "colour": "red" }), ""),
    ];
    for (body, field) in cases {
        let response = patch(&test_app, &id, OWNER, version, body.clone()).await;
        let problem = response.problem(StatusCode::UNPROCESSABLE_ENTITY, Some(field));
        assert_eq!(problem.kind(), Some(ProblemKind::Validation), "{body}");
    }
    // new → won is not a step of the workflow; after work it is.
    let problem = patch(&test_app, &id, OWNER, version, json!({ "status": "won" }))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/status"));
    assert!(
        problem.errors[0].message.contains("new to won"),
        "{problem:?}"
    );
    let read: Inquiry = test_app
        .get_json(&format!("/api/v1/inquiries/{id}"), OWNER)
        .await;
    assert_eq!(
        read.summary.version,
        Version(version),
        "nothing was written"
    );
}

#[tokio::test]
async fn an_inactive_user_cannot_be_assigned() {
    let test_app = TestApp::seeded().await;
    let (id, version) = inquiry_of_li_wei(&test_app, "open").await;
    let zhao_lei = user_id(&test_app, "Zhao Lei").await;
    sqlx::query("UPDATE users SET active = 0 WHERE id = $1")
        .bind(&zhao_lei)
        .execute(&test_app.pool)
        .await
        .unwrap();
    patch(
        &test_app,
        &id,
        MANAGER,
        version,
        json!({ "assignee_id": zhao_lei }),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/assignee_id"));
}

#[tokio::test]
async fn the_workflow_records_its_reasons() {
    let test_app = TestApp::seeded().await;
    let (id, version) = inquiry_of_li_wei(&test_app, "quoted").await;
    let lost: Inquiry = patch(
        &test_app,
        &id,
        REP,
        version,
        json!({ "status": "lost", "lost_reason": "lead_time" }),
    )
    .await
    .json();
    assert_eq!(lost.summary.status, InquiryStatus::Lost);
    assert_eq!(lost.lost_reason, Some(LostReason::LeadTime));
    // Reopened: the reason no longer applies.
    let reopened: Inquiry = patch(
        &test_app,
        &id,
        REP,
        version + 1,
        json!({ "status": "open" }),
    )
    .await
    .json();
    assert_eq!(reopened.lost_reason, None);
    let spam: Inquiry = patch(
        &test_app,
        &id,
        REP,
        version + 2,
        json!({ "status": "spam", "spam_reason": " Reseller fishing for prices " }),
    )
    .await
    .json();
    assert_eq!(
        spam.spam_reason.as_deref(),
        Some("Reseller fishing for prices")
    );
    let archived: Inquiry = patch(
        &test_app,
        &id,
        REP,
        version + 3,
        json!({ "status": "archived" }),
    )
    .await
    .json();
    assert_eq!(archived.spam_reason, None);
    assert_eq!(archived.summary.version, Version(version + 4));
}

#[tokio::test]
async fn managers_assign_anyone_active_and_each_change_is_in_the_history() {
    let test_app = TestApp::seeded().await;
    let (id, version) = inquiry_of_li_wei(&test_app, "open").await;
    let wang_fang = user_id(&test_app, "Wang Fang").await;
    let before: Inquiry = test_app
        .get_json(&format!("/api/v1/inquiries/{id}"), OWNER)
        .await;
    let moved: Inquiry = patch(
        &test_app,
        &id,
        MANAGER,
        version,
        json!({ "assignee_id": wang_fang }),
    )
    .await
    .json();
    assert_eq!(moved.summary.assignee.as_ref().unwrap().name, "Wang Fang");
    assert_eq!(moved.assignments.len(), before.assignments.len() + 1);
    let entry = moved.assignments.last().unwrap();
    assert_eq!(entry.rule, AssignmentRule::Manual);
    assert_eq!(entry.by.as_ref().unwrap().name, "Zhang Min");
    assert_eq!(entry.explanation, "assigned to Wang Fang by Zhang Min");
    // Li Wei no longer sees it; Wang Fang does.
    test_app
        .get(&format!("/api/v1/inquiries/{id}"), Some(REP))
        .await
        .problem(StatusCode::NOT_FOUND, None);
    let seen: Inquiry = test_app
        .get_json(&format!("/api/v1/inquiries/{id}"), REP2)
        .await;
    assert_eq!(seen.summary.id, moved.summary.id);
    let unassigned: Inquiry = patch(
        &test_app,
        &id,
        OWNER,
        version + 1,
        json!({ "assignee_id": null }),
    )
    .await
    .json();
    assert_eq!(unassigned.summary.assignee, None);
    let entry = unassigned.assignments.last().unwrap();
    assert_eq!(
        (entry.assignee.clone(), entry.explanation.as_str()),
        (None, "unassigned by Chen Jing (陈静)")
    );
    // Assigning to the same person again adds nothing.
    let same: Inquiry = patch(
        &test_app,
        &id,
        OWNER,
        version + 2,
        json!({ "assignee_id": null, "unread": true }),
    )
    .await
    .json();
    assert_eq!(same.assignments.len(), unassigned.assignments.len());
}

#[tokio::test]
async fn reps_assign_only_themselves() {
    let test_app = TestApp::seeded().await;
    let (id, version) = inquiry_of_li_wei(&test_app, "open").await;
    let wang_fang = user_id(&test_app, "Wang Fang").await;
    let li_wei = user_id(&test_app, "Li Wei").await;
    let problem = patch(
        &test_app,
        &id,
        REP,
        version,
        json!({ "assignee_id": wang_fang }),
    )
    .await
    .problem(StatusCode::FORBIDDEN, None);
    assert_eq!(problem.kind(), Some(ProblemKind::Forbidden));
    // Keeping it is no change; unassigning themselves is allowed, after which it
    // is out of their sight.
    let kept = patch(
        &test_app,
        &id,
        REP,
        version,
        json!({ "assignee_id": li_wei }),
    )
    .await;
    assert_eq!(kept.header(header::ETAG), Version(version).etag());
    let released: Inquiry = patch(&test_app, &id, REP, version, json!({ "assignee_id": null }))
        .await
        .json();
    assert_eq!(released.summary.assignee, None);
    assert_eq!(
        released.assignments.last().unwrap().explanation,
        "unassigned by Li Wei"
    );
    test_app
        .get(&format!("/api/v1/inquiries/{id}"), Some(REP))
        .await
        .problem(StatusCode::NOT_FOUND, None);
    // A colleague's inquiry is not there for a rep at all.
    let member = member_id(&test_app, "Ningbo").await;
    let colleagues: (String, i64) = sqlx::query_as(
        "SELECT id, version FROM inquiries WHERE member_id = $1 AND assignee_id = $2 LIMIT 1",
    )
    .bind(&member)
    .bind(&wang_fang)
    .fetch_one(&test_app.pool)
    .await
    .unwrap();
    let colleagues_version = u64::try_from(colleagues.1).unwrap();
    patch(
        &test_app,
        &colleagues.0,
        REP,
        colleagues_version,
        json!({ "assignee_id": li_wei }),
    )
    .await
    .problem(StatusCode::NOT_FOUND, None);
}
