//! `GET /api/v1/customers/{id}/timeline`: inquiries, quote revisions and activities
//! merged newest first, paged without gaps, filtered by kind, and per-rep inquiry
//! visibility.

use api_stub::stored::timestamp_to_text;
use axum::http::StatusCode;
use contract::customer::{TimelineEntry, TimelineItem, TimelinePage};
use contract::inquiry::InquiryStatus;
use contract::quote::QuoteStatus;
use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::customers::{
    OTHER, OWNER, REP, REP2, World, create_customer, insert_inquiry, insert_quote, new_customer,
    world,
};

/// Every page of the timeline with `query`, following `next_cursor`.
async fn walk(world: &World, customer: &str, query: &str, token: &str) -> Vec<TimelineEntry> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..100 {
        let mut url = format!("/api/v1/customers/{customer}/timeline?{query}");
        if let Some(cursor) = &cursor {
            url = format!("{url}&cursor={cursor}");
        }
        let page: TimelinePage = world.app.get_json(&url, token).await;
        items.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return items,
        }
    }
    panic!("pagination does not end");
}

fn label(entry: &TimelineEntry) -> String {
    match &entry.item {
        TimelineItem::Inquiry { subject, .. } => subject.clone(),
        TimelineItem::Quote {
            number, revision, ..
        } => format!("{number}/{revision}"),
        TimelineItem::Activity(activity) => activity.body.clone(),
        TimelineItem::StatusChange {
            field, from, to, ..
        } => format!("{field:?}:{from}>{to}"),
    }
}

async fn insert_activity(world: &World, customer: &str, body: &str, at: OffsetDateTime) {
    sqlx::query(
        "INSERT INTO activities (id, member_id, customer_id, kind, body, occurred_at, author_id,
                                 created_at)
         VALUES ($1, $2, $3, 'note', $4, $5, $6, $7)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(&world.member)
    .bind(customer)
    .bind(body)
    .bind(timestamp_to_text(at))
    .bind(&world.owner)
    .bind(timestamp_to_text(at))
    .execute(&world.app.pool)
    .await
    .unwrap();
}

async fn set_subject(world: &World, inquiry: &str, subject: &str) {
    sqlx::query("UPDATE inquiries SET subject = $1 WHERE id = $2")
        .bind(subject)
        .bind(inquiry)
        .execute(&world.app.pool)
        .await
        .unwrap();
}

/// A customer with, newest first: note N1 (1 h ago), quote Q-2 rev 2 (1 day), inquiry
/// I-rep (2 days, Rita's), note N2 and inquiry I-rep2 at the same moment (3 days),
/// quote Q-2 rev 1 (4 days), inquiry I-none (5 days, unassigned), note N3 (6 days).
async fn history(world: &World) -> String {
    let customer = create_customer(world, OWNER, new_customer("History AG", json!({}))).await;
    let id = customer.summary.id.to_string();
    let now = OffsetDateTime::now_utc();
    let day = Duration::days(1);
    insert_activity(world, &id, "N1", now - Duration::hours(1)).await;
    insert_quote(
        world,
        &id,
        "Q-2",
        2,
        "accepted",
        "USD",
        "1200.50",
        now - day,
    )
    .await;
    let rep = insert_inquiry(world, &id, now - day * 2, "quoted", Some(&world.rep), None).await;
    set_subject(world, &rep, "I-rep").await;
    insert_activity(world, &id, "N2", now - day * 3).await;
    let rep2 = insert_inquiry(world, &id, now - day * 3, "open", Some(&world.rep2), None).await;
    set_subject(world, &rep2, "I-rep2").await;
    insert_quote(
        world,
        &id,
        "Q-2",
        1,
        "superseded",
        "USD",
        "1300.00",
        now - day * 4,
    )
    .await;
    let none = insert_inquiry(world, &id, now - day * 5, "new", None, None).await;
    set_subject(world, &none, "I-none").await;
    insert_activity(world, &id, "N3", now - day * 6).await;
    id
}

#[tokio::test]
async fn the_timeline_merges_all_kinds_newest_first_across_pages() {
    let world = world().await;
    let customer = history(&world).await;
    // At 3 days, the inquiry and the note share the time: kind breaks the tie.
    let expected = [
        "N1", "Q-2/2", "I-rep", "I-rep2", "N2", "Q-2/1", "I-none", "N3",
    ];
    for limit in [1, 2, 3, 50] {
        let items = walk(&world, &customer, &format!("limit={limit}"), OWNER).await;
        let labels: Vec<String> = items.iter().map(label).collect();
        assert_eq!(labels, expected, "limit {limit}");
        assert!(items.windows(2).all(|pair| pair[0].at >= pair[1].at));
    }
    let items = walk(&world, &customer, "limit=50", OWNER).await;
    match &items[1].item {
        TimelineItem::Quote { status, total, .. } => {
            assert_eq!(*status, QuoteStatus::Accepted);
            assert_eq!(total.amount.to_string(), "1200.50");
            assert_eq!(total.currency.code(), "USD");
        }
        other => panic!("not a quote: {other:?}"),
    }
    match &items[2].item {
        TimelineItem::Inquiry { status, .. } => assert_eq!(*status, InquiryStatus::Quoted),
        other => panic!("not an inquiry: {other:?}"),
    }
    match &items[0].item {
        TimelineItem::Activity(activity) => assert_eq!(activity.author.name, "Olivia Owner"),
        other => panic!("not an activity: {other:?}"),
    }
}

#[tokio::test]
async fn the_kind_filter_and_rep_visibility_narrow_the_timeline() {
    let world = world().await;
    let customer = history(&world).await;
    for (kind, expected) in [
        ("inquiry", vec!["I-rep", "I-rep2", "I-none"]),
        ("quote", vec!["Q-2/2", "Q-2/1"]),
        ("activity", vec!["N1", "N2", "N3"]),
    ] {
        let items = walk(&world, &customer, &format!("kind={kind}&limit=2"), OWNER).await;
        let labels: Vec<String> = items.iter().map(label).collect();
        assert_eq!(labels, expected, "{kind}");
    }
    // A rep sees the inquiries assigned to them, as in the inbox; everything else too.
    let items = walk(&world, &customer, "limit=3", REP).await;
    let labels: Vec<String> = items.iter().map(label).collect();
    assert_eq!(labels, ["N1", "Q-2/2", "I-rep", "N2", "Q-2/1", "N3"]);
    let items = walk(&world, &customer, "kind=inquiry", REP2).await;
    let labels: Vec<String> = items.iter().map(label).collect();
    assert_eq!(labels, ["I-rep2"]);
}

#[tokio::test]
async fn bad_timeline_requests_are_refused_and_other_members_get_404() {
    let world = world().await;
    let customer = history(&world).await;
    let path = format!("/api/v1/customers/{customer}/timeline");
    let problem = world
        .app
        .get(&format!("{path}?kind=email&limit=0"), Some(OWNER))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY, None);
    let fields: Vec<&str> = problem
        .errors
        .iter()
        .map(|error| error.field.as_str())
        .collect();
    assert_eq!(fields, ["kind", "limit"]);
    world
        .app
        .get(&format!("{path}?cursor=abcd"), Some(OWNER))
        .await
        .problem(StatusCode::BAD_REQUEST, Some("cursor"));
    let response = world.app.get(&path, Some(OTHER)).await;
    response.problem(StatusCode::NOT_FOUND, None);
    assert!(!response.text().contains("I-rep"));
    world
        .app
        .get(
            &format!("/api/v1/customers/{}/timeline", uuid::Uuid::new_v4()),
            Some(OWNER),
        )
        .await
        .problem(StatusCode::NOT_FOUND, None);
    // The cursor of one customer's timeline does not leak another's entries.
    let page: TimelinePage = world.app.get_json(&format!("{path}?limit=1"), OWNER).await;
    let other = create_customer(&world, OWNER, new_customer("Empty AG", json!({}))).await;
    let page: TimelinePage = world
        .app
        .get_json(
            &format!(
                "/api/v1/customers/{}/timeline?cursor={}",
                other.summary.id,
                page.next_cursor.unwrap()
            ),
            OWNER,
        )
        .await;
    assert!(page.items.is_empty());
}

#[tokio::test]
async fn status_changes_of_inquiries_stage_and_tier_are_in_the_timeline() {
    use axum::http::Method;

    use crate::customers::send;

    let world = world().await;
    let customer = create_customer(
        &world,
        OWNER,
        new_customer(
            "Statusfirma GmbH",
            json!({ "stage": "prospect", "tier": "transactional" }),
        ),
    )
    .await;
    let id = customer.summary.id.to_string();
    let now = OffsetDateTime::now_utc();
    let mine = insert_inquiry(
        &world,
        &id,
        now - Duration::hours(3),
        "new",
        Some(&world.rep),
        None,
    )
    .await;
    let theirs = insert_inquiry(
        &world,
        &id,
        now - Duration::hours(2),
        "new",
        Some(&world.rep2),
        None,
    )
    .await;
    for (inquiry, status) in [(&mine, "open"), (&theirs, "open"), (&mine, "quoted")] {
        let current: serde_json::Value = world
            .app
            .get_json(&format!("/api/v1/inquiries/{inquiry}"), OWNER)
            .await;
        let etag = format!("\"{}\"", current["version"]);
        let response = send(
            &world.app,
            Method::PATCH,
            &format!("/api/v1/inquiries/{inquiry}"),
            OWNER,
            Some(&etag),
            Some(&json!({ "status": status })),
        )
        .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    }
    // Stage and tier; a change that changes nothing leaves no trace.
    let response = send(
        &world.app,
        Method::PATCH,
        &format!("/api/v1/customers/{id}"),
        OWNER,
        Some("\"1\""),
        Some(&json!({ "stage": "customer", "tier": "transactional", "industry": "Lighting" })),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());

    let items = walk(&world, &id, "kind=status_change", OWNER).await;
    let labels: Vec<String> = items.iter().map(label).collect();
    assert_eq!(
        labels,
        [
            "Stage:prospect>customer",
            "Status:open>quoted",
            "Status:new>open",
            "Status:new>open"
        ]
    );
    let TimelineItem::StatusChange {
        inquiry_id,
        subject,
        author,
        ..
    } = &items[1].item
    else {
        panic!("a status change");
    };
    assert_eq!(inquiry_id.map(|id| id.to_string()), Some(mine.clone()));
    assert_eq!(subject.as_deref(), Some(format!("Inquiry {mine}").as_str()));
    assert_eq!(
        author.as_ref().map(|author| author.id.to_string()),
        Some(world.owner.clone())
    );
    // In the whole stream too; a rep sees the changes of their own inquiries only.
    let all = walk(&world, &id, "limit=3", OWNER).await;
    assert_eq!(
        all.iter()
            .filter(|entry| matches!(entry.item, TimelineItem::StatusChange { .. }))
            .count(),
        4
    );
    let rep: Vec<String> = walk(&world, &id, "kind=status_change", REP)
        .await
        .iter()
        .map(label)
        .collect();
    assert_eq!(
        rep,
        [
            "Stage:prospect>customer",
            "Status:open>quoted",
            "Status:new>open"
        ]
    );
}
