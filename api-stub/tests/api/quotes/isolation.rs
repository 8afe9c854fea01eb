//! Another member's quotes, customers, contacts and inquiries do not exist for
//! the caller; the ids a draft names must agree with each other; a draft may
//! bring its own id, once.

use contract::ids::QuoteId;
use contract::problem::ProblemKind;

use super::*;
use crate::support::json_request_with_key;

#[tokio::test]
async fn another_member_s_quotes_and_records_do_not_exist_for_the_caller() {
    let test_app = TestApp::seeded().await;
    let (quote, _) = sent_quote(&test_app).await;
    let path = format!("/api/v1/quotes/{}", quote.id);
    test_app
        .get(&path, Some(OTHER_MEMBER))
        .await
        .problem(StatusCode::NOT_FOUND, None);
    test_app
        .get(&format!("{path}/revisions"), Some(OTHER_MEMBER))
        .await
        .problem(StatusCode::NOT_FOUND, None);
    for action in ["send", "revise", "accept", "reject"] {
        act(&test_app, &quote, action, OTHER_MEMBER)
            .await
            .problem(StatusCode::NOT_FOUND, None);
    }
    let etag = quote.version.etag();
    call(
        &test_app,
        Method::PUT,
        &path,
        OTHER_MEMBER,
        Some(&etag),
        Some(&sample_draft()),
    )
    .await
    .problem(StatusCode::NOT_FOUND, None);
    let page: QuotePage = test_app
        .get_json(
            &format!("/api/v1/quotes?limit=200&customer_id={MUELLER_HANDELS_CUSTOMER_ID}"),
            OTHER_MEMBER,
        )
        .await;
    assert_eq!(page.total, 0);
    assert_eq!(
        get_quote(&test_app, quote.id).await.status,
        QuoteStatus::Sent
    );

    // Brightway's customer, contact and inquiry named in Evergreen's draft.
    let (inquiry, customer) = inquiry_with_status(&test_app, "open").await;
    let contact = test_app
        .scalar(
            "SELECT id FROM contacts WHERE customer_id = $1 LIMIT 1",
            &customer,
        )
        .await;
    let cases = [
        ("/customer_id", {
            let mut draft = sample_draft();
            draft.customer_id = Some(customer.parse().unwrap());
            draft
        }),
        ("/inquiry_id", {
            let mut draft = sample_draft();
            draft.inquiry_id = Some(inquiry.parse().unwrap());
            draft
        }),
        ("/contact_id", {
            let mut draft = sample_draft();
            draft.contact_id = Some(contact.parse().unwrap());
            draft
        }),
    ];
    for (field, draft) in cases {
        call(
            &test_app,
            Method::POST,
            "/api/v1/quotes",
            OTHER_MEMBER,
            None,
            Some(&draft),
        )
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY, Some(field));
    }
}

#[tokio::test]
async fn references_must_agree_with_each_other() {
    let test_app = TestApp::seeded().await;
    let (inquiry, customer) = inquiry_with_status(&test_app, "open").await;
    let other_customer = test_app
        .scalar(
            "SELECT id FROM customers WHERE member_id = (SELECT member_id FROM customers WHERE id = $1)
             AND id <> $1 ORDER BY name LIMIT 1",
            &customer,
        )
        .await;
    let other_contact = test_app
        .scalar(
            "SELECT id FROM contacts WHERE customer_id = $1 LIMIT 1",
            &other_customer,
        )
        .await;
    let mut draft = sample_draft();
    draft.inquiry_id = Some(inquiry.parse().unwrap());
    draft.customer_id = Some(other_customer.parse().unwrap());
    call(
        &test_app,
        Method::POST,
        "/api/v1/quotes",
        OWNER,
        None,
        Some(&draft),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/customer_id"));
    let mut draft = sample_draft();
    draft.customer_id = Some(customer.parse().unwrap());
    draft.contact_id = Some(other_contact.parse().unwrap());
    call(
        &test_app,
        Method::POST,
        "/api/v1/quotes",
        OWNER,
        None,
        Some(&draft),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/contact_id"));
    let mut draft = sample_draft();
    draft.lines[0].product_id = Some(contract::ids::ProductId(uuid::Uuid::new_v4()));
    call(
        &test_app,
        Method::POST,
        "/api/v1/quotes",
        OWNER,
        None,
        Some(&draft),
    )
    .await
    .problem(
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("/lines/0/product_id"),
    );
    // A contact alone names its customer.
    let mut draft = sample_draft();
    draft.contact_id = Some(other_contact.parse().unwrap());
    let quote = create(&test_app, OWNER, &draft).await;
    assert_eq!(
        quote.customer_id.map(|id| id.to_string()),
        Some(other_customer)
    );
}

/// `sample_draft` under the id `id`.
fn draft_with_id(id: QuoteId) -> QuoteDraft {
    QuoteDraft {
        id: Some(id),
        ..sample_draft()
    }
}

async fn quote_count(test_app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM quotes")
        .fetch_one(&test_app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_draft_created_under_its_own_id_keeps_it_and_the_id_is_taken_once() {
    let test_app = TestApp::seeded().await;
    let id = QuoteId(uuid::Uuid::new_v4());
    let draft = draft_with_id(id);
    let body = serde_json::to_value(&draft).unwrap();
    let post = || {
        test_app.send(json_request_with_key(
            Method::POST,
            "/api/v1/quotes",
            OWNER,
            Some("offline-create-1"),
            &body,
        ))
    };
    let response = post().await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let quote: Quote = response.json();
    assert_eq!(quote.id, id);
    assert_eq!(
        response.header(header::LOCATION),
        format!("/api/v1/quotes/{id}")
    );
    assert_eq!(get_quote(&test_app, id).await, quote);
    // The outbox's retry, same key: the first answer again.
    let replayed = post().await;
    assert_eq!(replayed.status, StatusCode::CREATED);
    assert_eq!(replayed.json::<Quote>(), quote);

    let before = quote_count(&test_app).await;
    // The same id with another key: a second quote cannot have it.
    let problem = call(
        &test_app,
        Method::POST,
        "/api/v1/quotes",
        OWNER,
        None,
        Some(&draft),
    )
    .await
    .problem(StatusCode::CONFLICT, None);
    assert_eq!(problem.kind(), Some(ProblemKind::Conflict));
    let detail = problem.detail.clone().unwrap_or_default();
    assert!(detail.contains(&id.to_string()), "{problem:?}");
    assert_eq!(quote_count(&test_app).await, before);
    assert_eq!(get_quote(&test_app, id).await, quote);
    // Without an id the server still chooses one.
    let chosen = create(&test_app, OWNER, &sample_draft()).await;
    assert_ne!(chosen.id, id);
}

#[tokio::test]
async fn an_id_another_member_s_quote_has_is_taken_without_showing_that_quote() {
    let test_app = TestApp::seeded().await;
    let (quote, _) = sent_quote(&test_app).await;
    let before = quote_count(&test_app).await;
    let problem = call(
        &test_app,
        Method::POST,
        "/api/v1/quotes",
        OTHER_MEMBER,
        None,
        Some(&draft_with_id(quote.id)),
    )
    .await
    .problem(StatusCode::CONFLICT, None);
    assert_eq!(problem.kind(), Some(ProblemKind::Conflict));
    let detail = problem.detail.clone().unwrap_or_default();
    assert!(!detail.contains(&quote.number), "{problem:?}");
    assert_eq!(quote_count(&test_app).await, before);
    assert_eq!(get_quote(&test_app, quote.id).await, quote);
}

#[tokio::test]
async fn a_replacement_may_only_name_the_draft_it_replaces() {
    let test_app = TestApp::seeded().await;
    let quote = create(&test_app, OWNER, &sample_draft()).await;
    let path = format!("/api/v1/quotes/{}", quote.id);
    let etag = quote.version.etag();
    let mut draft = draft_with_id(QuoteId(uuid::Uuid::new_v4()));
    draft.terms.named_place = " ".into();
    let problem = call(
        &test_app,
        Method::PUT,
        &path,
        OWNER,
        Some(&etag),
        Some(&draft),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/id"));
    // Reported with the draft's other errors, and nothing changed.
    assert!(
        problem
            .errors
            .iter()
            .any(|error| error.field == "/terms/named_place"),
        "{problem:?}"
    );
    assert_eq!(get_quote(&test_app, quote.id).await, quote);

    for id in [Some(quote.id), None] {
        let mut draft = sample_draft();
        draft.id = id;
        draft.terms.named_place = "Shanghai".into();
        let current = get_quote(&test_app, quote.id).await.version.etag();
        let response = call(
            &test_app,
            Method::PUT,
            &path,
            OWNER,
            Some(&current),
            Some(&draft),
        )
        .await;
        assert_eq!(
            response.status,
            StatusCode::OK,
            "{id:?}: {}",
            response.text()
        );
        let replaced: Quote = response.json();
        assert_eq!(
            (replaced.id, replaced.terms.named_place.as_str()),
            (quote.id, "Shanghai")
        );
    }
}
