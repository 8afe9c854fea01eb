//! Another member's quotes, customers, contacts and inquiries do not exist for
//! the caller; the ids a draft names must agree with each other.

use super::*;

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
            "SELECT id FROM contacts WHERE customer_id = ? LIMIT 1",
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
            "SELECT id FROM customers WHERE member_id = (SELECT member_id FROM customers WHERE id = ?1)
             AND id <> ?1 ORDER BY name LIMIT 1",
            &customer,
        )
        .await;
    let other_contact = test_app
        .scalar(
            "SELECT id FROM contacts WHERE customer_id = ? LIMIT 1",
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
