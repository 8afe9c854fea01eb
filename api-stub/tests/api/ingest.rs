//! `POST /api/v1/ingest/inquiries`: the portal's service token, idempotence by the
//! portal's id, linking to customers, scoring with reasons, and assignment by the
//! member's rules.

mod rules;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use contract::customer::{Customer, CustomerSource, LifecycleStage, Tier};
use contract::inquiry::{IngestedInquiry, Inquiry, InquiryPage, InquiryStatus, ScoreSignal};
use contract::problem::ProblemKind;
use serde_json::{Value, json};

use crate::inquiries::{OWNER, PORTAL, ingest, new_inquiry};
use crate::support::{TestApp, json_request, member_id};

pub(super) async fn ingested(test_app: &TestApp, body: &Value) -> IngestedInquiry {
    let response = ingest(test_app, body).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

pub(super) fn signals(result: &IngestedInquiry) -> Vec<ScoreSignal> {
    result
        .score_reasons
        .iter()
        .map(|reason| reason.signal)
        .collect()
}

#[tokio::test]
async fn a_new_inquiry_lands_in_the_inbox_with_a_new_customer() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let body = new_inquiry(&member, "TB-NEW-1");
    let response = ingest(&test_app, &body).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let result: IngestedInquiry = response.json();
    assert_eq!(
        response.header(header::LOCATION),
        format!("/api/v1/inquiries/{}", result.inquiry_id)
    );
    assert!(!result.returning_customer);
    let points: i16 = result
        .score_reasons
        .iter()
        .map(|reason| reason.points)
        .sum();
    assert_eq!(i16::from(result.score), api_stub::scoring::BASE + points);
    assert_eq!(
        signals(&result),
        [ScoreSignal::CompanyDomain, ScoreSignal::QuantityStated]
    );

    let inquiry: Inquiry = test_app
        .get_json(&format!("/api/v1/inquiries/{}", result.inquiry_id), OWNER)
        .await;
    let summary = &inquiry.summary;
    assert_eq!(summary.status, InquiryStatus::New);
    assert!(summary.unread);
    assert_eq!(summary.customer_id, Some(result.customer_id));
    assert_eq!(summary.score, result.score);
    assert_eq!(inquiry.score_reasons, result.score_reasons);
    assert_eq!(inquiry.assignments, vec![result.assignment.clone()]);
    assert_eq!(summary.assignee, result.assignment.assignee);
    assert_eq!(
        summary.response_due_at,
        Some(summary.received_at + time::Duration::hours(24))
    );
    assert_eq!(
        summary.language.as_deref(),
        Some("en"),
        "guessed from the text"
    );
    assert_eq!(inquiry.portal_inquiry_id.as_deref(), Some("TB-NEW-1"));
    assert_eq!(
        inquiry.product_category.as_deref(),
        Some("LED panel lights")
    );
    assert_eq!(inquiry.messages.len(), 1);
    assert_eq!(inquiry.messages[0].body, body["message"].as_str().unwrap());

    let customer: Customer = test_app
        .get_json(&format!("/api/v1/customers/{}", result.customer_id), OWNER)
        .await;
    assert_eq!(customer.summary.name, "Quinn Facility Supplies");
    assert_eq!(customer.summary.stage, LifecycleStage::Lead);
    assert_eq!(customer.summary.tier, Tier::Transactional);
    assert_eq!(customer.source, CustomerSource::PortalInquiry);
    assert_eq!(
        customer.summary.owner, result.assignment.assignee,
        "the assignee owns the lead"
    );
    assert_eq!(customer.contacts[0].name, "Pat Quinn");
    assert_eq!(customer.contacts[0].emails, ["pat@quinn-facility.example"]);

    // It is in the inbox, the search and the change feed.
    let page: InquiryPage = test_app.get_json("/api/v1/inquiries?limit=1", OWNER).await;
    assert_eq!(page.items[0].id, result.inquiry_id);
    let found: InquiryPage = test_app
        .get_json("/api/v1/inquiries?q=quinn%20school", OWNER)
        .await;
    assert_eq!(found.items.len(), 1);
    let logged: Vec<(String, String)> = sqlx::query_as(
        "SELECT entity, entity_id FROM change_log WHERE member_id = $1 ORDER BY seq",
    )
    .bind(&member)
    .fetch_all(&test_app.pool)
    .await
    .unwrap();
    assert!(logged.contains(&("inquiry".into(), result.inquiry_id.to_string())));
    assert!(logged.contains(&("customer".into(), result.customer_id.to_string())));
}

#[tokio::test]
async fn the_same_portal_inquiry_again_answers_the_first_result() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let body = new_inquiry(&member, "TB-TWICE");
    let first = ingest(&test_app, &body).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let mut changed = body.clone();
    changed["subject"] = json!("Something else entirely");
    for again in [&body, &changed] {
        let second = ingest(&test_app, again).await;
        assert_eq!(second.status, StatusCode::OK, "{}", second.text());
        assert_eq!(
            second.json::<IngestedInquiry>(),
            first.json::<IngestedInquiry>()
        );
    }
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM inquiries WHERE portal_inquiry_id = 'TB-TWICE'")
            .fetch_one(&test_app.pool)
            .await
            .unwrap();
    assert_eq!(count, 1);
    // The same portal id for another member is another inquiry.
    let evergreen = member_id(&test_app, "Yiwu").await;
    ingested(&test_app, &new_inquiry(&evergreen, "TB-TWICE")).await;
}

#[tokio::test]
async fn invalid_inquiries_are_refused_field_by_field() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let evergreen = member_id(&test_app, "Yiwu").await;
    let evergreen_product = test_app
        .scalar(
            "SELECT id FROM products WHERE member_id = $1 LIMIT 1",
            &evergreen,
        )
        .await;
    let base = new_inquiry(&member, "TB-BAD");
    let mut cases: Vec<(Value, &str)> = Vec::new();
    let mut unknown_member = base.clone();
    unknown_member["member_id"] = json!("00000000-0000-4000-8000-000000000000");
    cases.push((unknown_member, "/member_id"));
    let mut no_product = base.clone();
    no_product["product"] = Value::Null;
    cases.push((no_product, "/product"));
    let mut foreign_product = base.clone();
    foreign_product["product"]["product_id"] = json!(evergreen_product);
    cases.push((foreign_product, "/product/product_id"));
    let mut language = base.clone();
    language["buyer"]["language"] = json!("english!");
    cases.push((language, "/buyer/language"));
    let mut email = base.clone();
    email["buyer"]["email"] = json!("not-an-address");
    cases.push((email, "/buyer/email"));
    let mut future = base.clone();
    future["received_at"] = json!("2999-01-01T00:00:00Z");
    cases.push((future, "/received_at"));
    let mut quantity = base.clone();
    quantity["requirement"]["quantity"]["value"] = json!("0");
    cases.push((quantity, "/requirement/quantity/value"));
    let mut blank = base.clone();
    blank["message"] = json!("   ");
    cases.push((blank, "/message"));
    for (body, field) in cases {
        let problem = ingest(&test_app, &body)
            .await
            .problem(StatusCode::UNPROCESSABLE_ENTITY, Some(field));
        assert_eq!(problem.kind(), Some(ProblemKind::Validation));
    }
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM inquiries WHERE portal_inquiry_id = 'TB-BAD'")
            .fetch_one(&test_app.pool)
            .await
            .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn only_the_portal_token_may_ingest_and_it_opens_nothing_else() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let body = new_inquiry(&member, "TB-AUTH");
    for token in [
        "demo-brightway-owner",
        "demo-evergreen-manager",
        "not-a-token",
    ] {
        let request = json_request(Method::POST, "/api/v1/ingest/inquiries", token, &body);
        let response = test_app.send(request).await;
        response.problem(StatusCode::UNAUTHORIZED, None);
        assert!(
            response
                .header(header::WWW_AUTHENTICATE)
                .starts_with("Bearer")
        );
    }
    let anonymous = Request::post("/api/v1/ingest/inquiries")
        .header(header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", "anonymous-attempt")
        .body(Body::from(body.to_string()))
        .unwrap();
    test_app
        .send(anonymous)
        .await
        .problem(StatusCode::UNAUTHORIZED, None);
    for path in [
        "/api/v1/inquiries",
        "/api/v1/me",
        "/api/v1/users",
        "/api/v1/customers",
    ] {
        test_app
            .get(path, Some(PORTAL))
            .await
            .problem(StatusCode::UNAUTHORIZED, None);
    }
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM inquiries WHERE portal_inquiry_id = 'TB-AUTH'")
            .fetch_one(&test_app.pool)
            .await
            .unwrap();
    assert_eq!(stored, 0);
    // The token is stored hashed.
    let raw: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM portal_tokens WHERE token_sha256 = $1")
        .bind(PORTAL)
        .fetch_one(&test_app.pool)
        .await
        .unwrap();
    assert_eq!(raw, 0);
}
