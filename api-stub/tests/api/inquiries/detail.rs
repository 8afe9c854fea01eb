//! `GET /inquiries/{id}`: the whole inquiry, and the seeded inquiries read the
//! way the server's own rules would have made them.

use std::collections::HashSet;

use axum::http::{StatusCode, header};
use contract::inquiry::{
    AssignmentRule, Inquiry, InquiryKind, InquiryPage, InquiryStatus, InquirySummary,
    MessageDirection, ScoreSignal,
};

use super::{MANAGER, OWNER, REP, walk};
use crate::support::{TestApp, member_id};

#[tokio::test]
async fn one_inquiry_reads_like_its_list_row_with_its_version_as_etag() {
    let test_app = TestApp::seeded().await;
    let page: InquiryPage = test_app.get_json("/api/v1/inquiries?limit=20", OWNER).await;
    for item in page.items {
        let response = test_app
            .get(&format!("/api/v1/inquiries/{}", item.id), Some(OWNER))
            .await;
        assert_eq!(response.status, StatusCode::OK);
        let inquiry: Inquiry = response.json();
        assert_eq!(inquiry.summary, item);
        assert_eq!(response.header(header::ETAG), item.version.etag());
        assert!(!item.preview.contains('\n'));
        assert_eq!(
            item.response_due_at.map(|due| due - item.received_at),
            Some(time::Duration::hours(24))
        );
    }
}

#[tokio::test]
async fn a_rep_gets_404_for_a_colleagues_inquiry_and_the_manager_sees_it() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let colleagues = test_app
        .scalar(
            "SELECT i.id FROM inquiries i JOIN users u ON u.id = i.assignee_id
             WHERE i.member_id = $1 AND u.name = 'Wang Fang' LIMIT 1",
            &member,
        )
        .await;
    let path = format!("/api/v1/inquiries/{colleagues}");
    test_app
        .get(&path, Some(REP))
        .await
        .problem(StatusCode::NOT_FOUND, None);
    let seen: Inquiry = test_app.get_json(&path, MANAGER).await;
    assert_eq!(seen.summary.id.to_string(), colleagues);
}

#[tokio::test]
async fn a_worked_inquiry_has_its_thread_requirement_reasons_history_and_quotes() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let id = test_app
        .scalar(
            "SELECT i.id FROM inquiries i WHERE i.member_id = $1 AND i.status = 'quoted'
               AND EXISTS (SELECT 1 FROM quotes q WHERE q.inquiry_id = i.id)
               AND (SELECT COUNT(*) FROM inquiry_messages m WHERE m.inquiry_id = i.id) >= 2
             ORDER BY i.received_at DESC LIMIT 1",
            &member,
        )
        .await;
    let inquiry: Inquiry = test_app
        .get_json(&format!("/api/v1/inquiries/{id}"), OWNER)
        .await;
    let messages = &inquiry.messages;
    assert_eq!(messages[0].direction, MessageDirection::FromBuyer);
    assert_eq!(messages[0].author, None);
    assert_eq!(messages[0].sent_at, inquiry.summary.received_at);
    assert!(
        messages
            .windows(2)
            .all(|pair| pair[0].sent_at <= pair[1].sent_at),
        "oldest first"
    );
    let reply = messages
        .iter()
        .find(|message| message.direction == MessageDirection::ToBuyer)
        .unwrap();
    assert!(reply.author.is_some());
    assert_eq!(inquiry.summary.first_response_at, Some(reply.sent_at));
    assert!(inquiry.requirement.quantity.is_some());
    assert_eq!(inquiry.summary.quantity, inquiry.requirement.quantity);
    assert_eq!(
        inquiry.kind == InquiryKind::Company,
        inquiry.summary.product_name.is_none()
    );
    let expected_quotes = test_app
        .column(
            "SELECT id FROM quotes WHERE inquiry_id = $1 ORDER BY created_at, revision, id",
            &id,
        )
        .await;
    let quote_ids: Vec<String> = inquiry.quote_ids.iter().map(ToString::to_string).collect();
    assert_eq!(quote_ids, expected_quotes);
    assert!(!inquiry.assignments.is_empty());
    assert!(inquiry.portal_inquiry_id.is_some());
    assert!(inquiry.buyer_email.contains('@'));
}

fn clamp(points: i16) -> u8 {
    u8::try_from(points.clamp(0, 100)).unwrap()
}

#[tokio::test]
async fn every_seeded_inquiry_follows_the_server_s_rules() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let (items, ..) = walk(&test_app, "/api/v1/inquiries?limit=200", OWNER).await;
    let languages: HashSet<&str> = ["en", "de", "es", "fr", "ar", "zh"].into_iter().collect();
    let mut rules = HashSet::new();
    let mut threads = 0;
    for item in &items {
        let inquiry: Inquiry = test_app
            .get_json(&format!("/api/v1/inquiries/{}", item.id), OWNER)
            .await;
        let summary: &InquirySummary = &inquiry.summary;
        let points: i16 = inquiry
            .score_reasons
            .iter()
            .map(|reason| reason.points)
            .sum();
        assert_eq!(
            summary.score,
            clamp(api_stub::scoring::BASE + points),
            "{}",
            summary.id
        );
        let known = inquiry
            .score_reasons
            .iter()
            .any(|reason| reason.signal == ScoreSignal::KnownCustomer);
        assert_eq!(known, summary.customer_id.is_some());
        assert!(languages.contains(summary.language.as_deref().unwrap()));

        let first = &inquiry.assignments[0];
        assert_ne!(
            first.rule,
            AssignmentRule::Manual,
            "assigned automatically first"
        );
        assert_eq!(first.at, summary.received_at);
        assert!(!first.explanation.is_empty());
        assert!(
            inquiry.assignments[1..]
                .iter()
                .all(|entry| entry.rule == AssignmentRule::Manual
                    && entry.by.is_some()
                    && !entry.explanation.is_empty())
        );
        let last = inquiry.assignments.last().unwrap();
        assert_eq!(last.assignee, summary.assignee);
        rules.insert(first.rule);

        let replies: Vec<_> = inquiry
            .messages
            .iter()
            .filter(|message| message.direction == MessageDirection::ToBuyer)
            .collect();
        assert_eq!(
            summary.first_response_at,
            replies.first().map(|reply| reply.sent_at)
        );
        match summary.status {
            InquiryStatus::New | InquiryStatus::Spam => assert!(replies.is_empty()),
            InquiryStatus::Open
            | InquiryStatus::Quoted
            | InquiryStatus::Won
            | InquiryStatus::Lost => {
                assert!(!replies.is_empty(), "{}", summary.id)
            }
            InquiryStatus::Archived => {}
        }
        if !replies.is_empty() {
            threads += 1;
        }
        assert!(replies.iter().all(|reply| reply.author.is_some()));
        let latest_from_buyer = inquiry
            .messages
            .iter()
            .rev()
            .find(|message| message.direction == MessageDirection::FromBuyer)
            .unwrap();
        assert_eq!(
            summary.preview,
            api_stub::text::preview(&latest_from_buyer.body)
        );
        assert_eq!(
            inquiry.lost_reason.is_some(),
            summary.status == InquiryStatus::Lost
        );
        assert_eq!(
            inquiry.spam_reason.is_some(),
            summary.status == InquiryStatus::Spam
        );
        if inquiry.requirement.sample_wanted {
            assert!(summary.tags.iter().any(|tag| tag == "sample"));
        }
        assert!(summary.updated_at >= summary.received_at);
    }
    assert!(threads > 100, "most inquiries were answered: {threads}");
    for rule in [
        AssignmentRule::StickyOwner,
        AssignmentRule::Country,
        AssignmentRule::ProductCategory,
        AssignmentRule::LeastBusy,
    ] {
        assert!(
            rules.contains(&rule),
            "Brightway's rules all apply somewhere: {rule:?}"
        );
    }
    // The product categories are the catalog's.
    let mismatched = test_app
        .column(
            "SELECT i.id FROM inquiries i JOIN products p
               ON p.member_id = i.member_id AND p.name = i.product_name
             WHERE i.member_id = $1 AND i.product_category IS DISTINCT FROM p.category",
            &member,
        )
        .await;
    assert!(mismatched.is_empty(), "{mismatched:?}");
    // Requirements the templates imply are there.
    let with_terms: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM inquiries WHERE member_id = $1 AND incoterm IS NOT NULL",
    )
    .bind(&member)
    .fetch_one(&test_app.pool)
    .await
    .unwrap();
    let with_price: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM inquiries WHERE member_id = $1 AND target_price_amount IS NOT NULL",
    )
    .bind(&member)
    .fetch_one(&test_app.pool)
    .await
    .unwrap();
    assert!(
        with_terms > 30 && with_price > 5,
        "{with_terms} {with_price}"
    );
}

#[tokio::test]
async fn an_unknown_or_malformed_id_is_a_problem() {
    let test_app = TestApp::seeded().await;
    test_app
        .get(
            "/api/v1/inquiries/00000000-0000-4000-8000-000000000000",
            Some(OWNER),
        )
        .await
        .problem(StatusCode::NOT_FOUND, None);
    test_app
        .get("/api/v1/inquiries/42", Some(OWNER))
        .await
        .problem(StatusCode::BAD_REQUEST, Some("id"));
}
