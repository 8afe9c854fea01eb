//! The revision flow: replacing a draft, send, revise, accept, reject, expiry,
//! and the `If-Match` every step needs.

use super::*;

#[tokio::test]
async fn a_draft_is_replaced_with_if_match_but_a_sent_quote_is_not() {
    let test_app = TestApp::seeded().await;
    let (_, customer) = inquiry_with_status(&test_app, "open").await;
    let mut draft = sample_draft();
    draft.customer_id = Some(customer.parse().unwrap());
    let quote = create(&test_app, OWNER, &draft).await;
    let path = format!("/api/v1/quotes/{}", quote.id);

    draft.lines.truncate(1);
    draft.lines[0].unit_price = decimal("11.20");
    draft.terms.currency = Currency::USD;
    let missing = call(&test_app, Method::PUT, &path, OWNER, None, Some(&draft)).await;
    missing.problem(StatusCode::PRECONDITION_REQUIRED, None);
    let response = call(
        &test_app,
        Method::PUT,
        &path,
        OWNER,
        Some("\"1\""),
        Some(&draft),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.header(header::ETAG), "\"2\"");
    let replaced: Quote = response.json();
    assert_eq!(replaced.lines.len(), 1);
    assert_eq!(
        replaced.totals,
        quote_totals(&draft.lines, &draft.charges, Currency::USD)
    );
    assert_eq!(
        (replaced.number.as_str(), replaced.revision),
        (quote.number.as_str(), 1)
    );
    assert!(replaced.updated_at > quote.updated_at);

    let stale = call(
        &test_app,
        Method::PUT,
        &path,
        OWNER,
        Some("\"1\""),
        Some(&draft),
    )
    .await;
    let problem = stale.problem(StatusCode::PRECONDITION_FAILED, None);
    assert_eq!(problem.current_version, Some(replaced.version));
    let invalid = {
        let mut bad = draft.clone();
        bad.lines[0].quantity.value = decimal("-1");
        call(
            &test_app,
            Method::PUT,
            &path,
            OWNER,
            Some("\"2\""),
            Some(&bad),
        )
        .await
    };
    invalid.problem(
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("/lines/0/quantity/value"),
    );

    let sent = act_ok(&test_app, &replaced, "send").await;
    let etag = sent.version.etag();
    let response = call(
        &test_app,
        Method::PUT,
        &path,
        OWNER,
        Some(&etag),
        Some(&draft),
    )
    .await;
    let problem = response.problem(StatusCode::CONFLICT, None);
    assert!(problem.detail.unwrap_or_default().contains("revise"));
}

#[tokio::test]
async fn sending_freezes_supersedes_earlier_revisions_and_marks_the_inquiry_quoted() {
    let test_app = TestApp::seeded().await;
    let (inquiry, customer) = inquiry_with_status(&test_app, "open").await;
    let (_, inquiry_version) = inquiry_status(&test_app, &inquiry).await;
    let mut draft = sample_draft();
    draft.inquiry_id = Some(inquiry.parse().unwrap());
    let first = create(&test_app, REP, &draft).await;
    assert_eq!(
        first.customer_id.map(|id| id.to_string()),
        Some(customer),
        "the customer comes from the inquiry"
    );

    let sent = act_ok(&test_app, &first, "send").await;
    assert_eq!(sent.status, QuoteStatus::Sent);
    assert!(sent.sent_at.is_some());
    assert_eq!(sent.version, first.version.next());
    assert_eq!(
        inquiry_status(&test_app, &inquiry).await,
        (InquiryStatus::Quoted, inquiry_version + 1)
    );
    assert_eq!(feed_entries(&test_app, "inquiry", &inquiry).await, 1);
    let again = act(&test_app, &sent, "send", OWNER).await;
    again.problem(StatusCode::CONFLICT, None);

    let response = act(&test_app, &sent, "revise", OWNER).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let second: Quote = response.json();
    assert_eq!(
        response.header(header::LOCATION),
        format!("/api/v1/quotes/{}", second.id)
    );
    assert_eq!((second.revision, second.status), (2, QuoteStatus::Draft));
    assert_eq!(second.revised_from, Some(first.id));
    assert_eq!(second.number, first.number);
    assert_eq!(
        (second.lines.clone(), second.totals),
        (sent.lines.clone(), sent.totals)
    );
    assert_eq!(second.created_by.name, "Chen Jing (陈静)");
    // Revision 1 is still on offer until revision 2 goes out.
    assert_eq!(
        get_quote(&test_app, first.id).await.status,
        QuoteStatus::Sent
    );

    let second_sent = act_ok(&test_app, &second, "send").await;
    assert_eq!(second_sent.status, QuoteStatus::Sent);
    let first_now = get_quote(&test_app, first.id).await;
    assert_eq!(first_now.status, QuoteStatus::Superseded);
    assert_eq!(first_now.version, sent.version.next());
    assert_eq!(
        feed_entries(&test_app, "quote", &first.id.to_string()).await,
        3
    );
    assert_eq!(
        inquiry_status(&test_app, &inquiry).await,
        (InquiryStatus::Quoted, inquiry_version + 1),
        "already quoted: no change"
    );
    let page: QuotePage = test_app
        .get_json(&format!("/api/v1/quotes/{}/revisions", second.id), OWNER)
        .await;
    let revisions: Vec<(u32, QuoteStatus)> = page
        .items
        .iter()
        .map(|item| (item.revision, item.status))
        .collect();
    assert_eq!(
        revisions,
        [(1, QuoteStatus::Superseded), (2, QuoteStatus::Sent)]
    );
}

#[tokio::test]
async fn a_quote_without_recipient_or_with_a_lapsed_validity_is_not_sent() {
    let test_app = TestApp::seeded().await;
    let quote = create(&test_app, OWNER, &sample_draft()).await;
    let response = act(&test_app, &quote, "send", OWNER).await;
    response.problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/customer_id"));

    let (_, customer) = inquiry_with_status(&test_app, "open").await;
    let mut draft = sample_draft();
    draft.customer_id = Some(customer.parse().unwrap());
    let quote = create(&test_app, OWNER, &draft).await;
    // The draft was saved a while ago; its validity date has passed since.
    expire(&test_app, &quote).await;
    let response = act(&test_app, &quote, "send", OWNER).await;
    response.problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/terms/valid_until"));
}

#[tokio::test]
async fn accepting_wins_the_inquiry_and_rejecting_leaves_it_quoted() {
    let test_app = TestApp::seeded().await;
    let (quote, inquiry) = sent_quote(&test_app).await;
    let accepted = act_ok(&test_app, &quote, "accept").await;
    assert_eq!(accepted.status, QuoteStatus::Accepted);
    assert!(accepted.decided_at.is_some());
    assert_eq!(
        inquiry_status(&test_app, &inquiry).await.0,
        InquiryStatus::Won
    );
    act(&test_app, &accepted, "reject", OWNER)
        .await
        .problem(StatusCode::CONFLICT, None);
    act(&test_app, &accepted, "revise", OWNER)
        .await
        .problem(StatusCode::CONFLICT, None);

    let (quote, inquiry) = sent_quote(&test_app).await;
    let rejected = act_ok(&test_app, &quote, "reject").await;
    assert_eq!(rejected.status, QuoteStatus::Rejected);
    assert!(rejected.decided_at.is_some());
    assert_eq!(
        inquiry_status(&test_app, &inquiry).await.0,
        InquiryStatus::Quoted
    );
    act(&test_app, &rejected, "accept", OWNER)
        .await
        .problem(StatusCode::CONFLICT, None);
    let response = act(&test_app, &rejected, "revise", OWNER).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());

    let draft = create(&test_app, OWNER, &sample_draft()).await;
    act(&test_app, &draft, "accept", OWNER)
        .await
        .problem(StatusCode::CONFLICT, None);
}

#[tokio::test]
async fn a_sent_quote_past_its_validity_reads_expired_and_cannot_be_accepted() {
    let test_app = TestApp::seeded().await;
    let (quote, inquiry) = sent_quote(&test_app).await;
    expire(&test_app, &quote).await;
    let expired = get_quote(&test_app, quote.id).await;
    assert_eq!(expired.status, QuoteStatus::Expired);
    assert_eq!(
        expired.version, quote.version,
        "computed on read, not a change"
    );
    let path = format!("/api/v1/quotes?status=expired&inquiry_id={inquiry}");
    let page: QuotePage = test_app.get_json(&path, OWNER).await;
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].status, QuoteStatus::Expired);
    let response = act(&test_app, &expired, "accept", OWNER).await;
    let problem = response.problem(StatusCode::CONFLICT, None);
    assert!(problem.detail.unwrap_or_default().contains("expired"));
    act(&test_app, &expired, "reject", OWNER)
        .await
        .problem(StatusCode::CONFLICT, None);
    assert_eq!(
        inquiry_status(&test_app, &inquiry).await.0,
        InquiryStatus::Quoted
    );

    let response = act(&test_app, &expired, "revise", OWNER).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let revision: Quote = response.json();
    // Revising an older revision than the latest is refused.
    act(&test_app, &expired, "revise", OWNER)
        .await
        .problem(StatusCode::CONFLICT, None);
    // The new draft keeps the lapsed date until edited; sending it says so.
    act(&test_app, &revision, "send", OWNER)
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/terms/valid_until"));
    act(&test_app, &revision, "revise", OWNER)
        .await
        .problem(StatusCode::CONFLICT, None);
}

#[tokio::test]
async fn flow_steps_need_the_current_version() {
    let test_app = TestApp::seeded().await;
    let (quote, _) = sent_quote(&test_app).await;
    let path = format!("/api/v1/quotes/{}/accept", quote.id);
    call(&test_app, Method::POST, &path, OWNER, None, None)
        .await
        .problem(StatusCode::PRECONDITION_REQUIRED, None);
    let stale = call(&test_app, Method::POST, &path, OWNER, Some("\"1\""), None).await;
    let problem = stale.problem(StatusCode::PRECONDITION_FAILED, None);
    assert_eq!(problem.current_version, Some(quote.version));
    assert_eq!(
        get_quote(&test_app, quote.id).await.status,
        QuoteStatus::Sent
    );
    call(&test_app, Method::POST, &path, OWNER, Some("7"), None)
        .await
        .problem(StatusCode::BAD_REQUEST, Some("If-Match"));
}
