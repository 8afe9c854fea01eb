//! Quote numbers and `GET /quotes`: order, paging, filters, bad parameters.

use super::*;

#[tokio::test]
async fn numbers_count_up_per_member_and_year() {
    let test_app = TestApp::seeded().await;
    let year = today().year();
    let highest = |member: String| {
        let pool = test_app.pool.clone();
        async move {
            let numbers: Vec<String> = sqlx::query_scalar(
                "SELECT number FROM quotes WHERE member_id = $1 AND number LIKE $2",
            )
            .bind(member)
            .bind(format!("Q-{year}-%"))
            .fetch_all(&pool)
            .await
            .unwrap();
            numbers
                .iter()
                .map(|number| number[7..].parse::<u32>().unwrap())
                .max()
                .unwrap_or(0)
        }
    };
    let brightway = highest(member_id(&test_app, "Ningbo").await).await;
    let evergreen = highest(member_id(&test_app, "Yiwu").await).await;
    let first = create(&test_app, OWNER, &sample_draft()).await;
    let second = create(&test_app, REP, &sample_draft()).await;
    let other = create(&test_app, OTHER_MEMBER, &sample_draft()).await;
    assert_eq!(first.number, format!("Q-{year}-{:04}", brightway + 1));
    assert_eq!(second.number, format!("Q-{year}-{:04}", brightway + 2));
    assert_eq!(other.number, format!("Q-{year}-{:04}", evergreen + 1));
}

#[tokio::test]
async fn numbering_goes_on_from_the_highest_number_a_member_already_has() {
    // As in a database of a version before `quote_numbers`: the member's quotes
    // have numbers (one of them five digits long) and no counter row yet.
    let test_app = TestApp::seeded().await;
    let year = today().year();
    let member = member_id(&test_app, "Ningbo").await;
    let renumbered = sqlx::query(
        "UPDATE quotes SET number = $1 WHERE id = (SELECT id FROM quotes WHERE member_id = $2 ORDER BY id LIMIT 1)",
    )
    .bind(format!("Q-{year}-12345"))
    .bind(&member)
    .execute(&test_app.pool)
    .await
    .unwrap();
    assert_eq!(renumbered.rows_affected(), 1);
    let counters: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM quote_numbers")
        .fetch_one(&test_app.pool)
        .await
        .unwrap();
    assert_eq!(counters, 0, "the seed leaves numbering to the first quote");

    let first = create(&test_app, OWNER, &sample_draft()).await;
    let second = create(&test_app, REP, &sample_draft()).await;
    assert_eq!(first.number, format!("Q-{year}-12346"));
    assert_eq!(second.number, format!("Q-{year}-12347"));
    let last: i64 =
        sqlx::query_scalar("SELECT last FROM quote_numbers WHERE member_id = $1 AND year = $2")
            .bind(&member)
            .bind(i64::from(year))
            .fetch_one(&test_app.pool)
            .await
            .unwrap();
    assert_eq!(last, 12_347);
}

/// Every page of `path` (which has a query string), following `next_cursor`.
async fn walk(test_app: &TestApp, path: &str) -> (Vec<contract::quote::QuoteSummary>, u64) {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    let mut total = None;
    for _ in 0..1000 {
        let url = match &cursor {
            Some(cursor) => format!("{path}&cursor={cursor}"),
            None => path.to_owned(),
        };
        let page: QuotePage = test_app.get_json(&url, OWNER).await;
        assert_eq!(*total.get_or_insert(page.total), page.total);
        items.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return (items, total.unwrap_or_default()),
        }
    }
    panic!("pagination does not end");
}

#[tokio::test]
async fn the_list_pages_most_recently_changed_first_and_filters() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let expected = test_app
        .column(
            "SELECT id FROM quotes WHERE member_id = $1 ORDER BY updated_at DESC, id DESC",
            &member,
        )
        .await;
    assert!(expected.len() > 100, "the seed has quotes");
    let (items, total) = walk(&test_app, "/api/v1/quotes?limit=9").await;
    let ids: Vec<String> = items.iter().map(|item| item.id.to_string()).collect();
    assert_eq!(ids, expected);
    assert_eq!(total, expected.len() as u64);

    let (accepted, _) = walk(&test_app, "/api/v1/quotes?status=accepted&limit=50").await;
    assert!(!accepted.is_empty());
    assert!(
        accepted
            .iter()
            .all(|quote| quote.status == QuoteStatus::Accepted)
    );

    let (expired, _) = walk(&test_app, "/api/v1/quotes?status=expired").await;
    let stored_expired: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM quotes WHERE member_id = $1 AND status = 'sent'
         AND valid_until < CAST(CURRENT_DATE AS TEXT)",
    )
    .bind(&member)
    .fetch_one(&test_app.pool)
    .await
    .unwrap();
    assert!(stored_expired > 0, "the seed has expired quotes");
    assert_eq!(expired.len() as i64, stored_expired);
    assert!(expired.iter().all(|quote| quote.valid_until < today()));
    let (sent, _) = walk(&test_app, "/api/v1/quotes?status=sent").await;
    assert!(
        sent.iter()
            .all(|quote| quote.status == QuoteStatus::Sent && quote.valid_until >= today())
    );

    let path = format!("/api/v1/quotes?customer_id={MUELLER_HANDELS_CUSTOMER_ID}");
    let (mueller, _) = walk(&test_app, &path).await;
    assert!(mueller.len() >= 3);
    assert!(mueller.iter().all(|quote| {
        quote.customer_id.map(|id| id.to_string()).as_deref() == Some(MUELLER_HANDELS_CUSTOMER_ID)
            && quote.customer_name.as_deref() == Some("Müller Handels GmbH")
    }));
    let inquiry = mueller[0].inquiry_id.unwrap();
    let (answers, _) = walk(&test_app, &format!("/api/v1/quotes?inquiry_id={inquiry}")).await;
    assert!(!answers.is_empty());
    assert!(
        answers
            .iter()
            .all(|quote| quote.inquiry_id == Some(inquiry))
    );

    let response = test_app
        .get(
            "/api/v1/quotes?status=pending&customer_id=42&inquiry_id=x&limit=0",
            Some(OWNER),
        )
        .await;
    let problem = response.problem(StatusCode::UNPROCESSABLE_ENTITY, Some("status"));
    let fields: HashSet<&str> = problem
        .errors
        .iter()
        .map(|error| error.field.as_str())
        .collect();
    assert_eq!(
        fields,
        HashSet::from(["status", "customer_id", "inquiry_id", "limit"])
    );
    let response = test_app.get("/api/v1/quotes?cursor=zz", Some(OWNER)).await;
    response.problem(StatusCode::BAD_REQUEST, Some("cursor"));
}
