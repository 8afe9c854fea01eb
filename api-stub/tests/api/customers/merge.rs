//! `GET /api/v1/customers/{id}/duplicates` and `POST /api/v1/customers/{id}/merge`:
//! look-alikes by company e-mail domain or by name, and a merge that moves
//! everything of the duplicate (each moved record in the change feed), keeps
//! what the customer has, and deletes the duplicate, all or nothing.

use axum::http::{Method, StatusCode, header};
use contract::customer::Customer;
use contract::customer::merge::DuplicateList;
use serde_json::json;
use time::OffsetDateTime;

use super::{
    OTHER, OWNER, REP2, World, change_count, create_customer, insert_inquiry, insert_quote,
    new_customer, send, world,
};

async fn merge(
    world: &World,
    token: &str,
    into: &Customer,
    duplicate: &Customer,
    etag: &str,
) -> (StatusCode, String) {
    let response = send(
        &world.app,
        Method::POST,
        &format!("/api/v1/customers/{}/merge", into.summary.id),
        token,
        Some(etag),
        Some(&json!({ "duplicate_id": duplicate.summary.id })),
    )
    .await;
    (response.status, response.text())
}

#[tokio::test]
async fn look_alikes_are_found_by_domain_or_name_and_merged_whole() {
    let world = world().await;
    let survivor = create_customer(&world, OWNER, new_customer("Müller Handels GmbH", json!({
        "website": null,
        "tags": ["key account"],
        "contacts": [{ "name": "Klaus Müller", "buying_role": "decision_maker", "emails": ["k.mueller@mueller-handels.example"] }]
    }))).await;
    let by_name = create_customer(&world, OWNER, new_customer("MUELLER HANDELS", json!({
        "website": "https://mueller-handels.example",
        "size": "medium",
        "tags": ["trade fair", "key account"],
        "contacts": [
            { "name": "Klaus M.", "buying_role": "decision_maker", "emails": ["K.Mueller@mueller-handels.example"] },
            { "name": "Sabine Krüger", "buying_role": "procurement", "emails": ["s.krueger@gmail.com"] }
        ]
    }))).await;
    let by_domain = create_customer(&world, OWNER, new_customer("MH Lighting Hamburg", json!({
        "contacts": [{ "name": "Jan", "buying_role": "technical", "emails": ["jan@mueller-handels.example"] }]
    }))).await;
    create_customer(&world, OWNER, new_customer("Lichtwerk GmbH", json!({}))).await;
    create_customer(
        &world,
        OTHER,
        new_customer("Müller Handels GmbH", json!({})),
    )
    .await;

    let list: DuplicateList = world
        .app
        .get_json(
            &format!("/api/v1/customers/{}/duplicates", survivor.summary.id),
            OWNER,
        )
        .await;
    let found: Vec<(String, Option<&str>, bool)> = list
        .items
        .iter()
        .map(|item| {
            (
                item.customer.name.clone(),
                item.same_email_domain.as_deref(),
                item.similar_name,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "MUELLER HANDELS".to_owned(),
                Some("mueller-handels.example"),
                true
            ),
            (
                "MH Lighting Hamburg".to_owned(),
                Some("mueller-handels.example"),
                false
            ),
        ],
        "never another member's, never an unrelated one"
    );

    // The duplicate's records.
    let inquiry = insert_inquiry(
        &world,
        &by_name.summary.id.to_string(),
        OffsetDateTime::now_utc(),
        "open",
        Some(&world.rep),
        None,
    )
    .await;
    let quote = insert_quote(
        &world,
        &by_name.summary.id.to_string(),
        "Q-1",
        1,
        "sent",
        "EUR",
        "100.00",
        OffsetDateTime::now_utc(),
    )
    .await;
    let response = send(
        &world.app,
        Method::POST,
        &format!("/api/v1/customers/{}/reminders", by_name.summary.id),
        OWNER,
        None,
        Some(&json!({ "kind": "follow_up", "title": "Call Sabine", "due_on": "2030-01-01" })),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let reminder: serde_json::Value = response.json();
    let response = send(
        &world.app,
        Method::POST,
        &format!("/api/v1/customers/{}/activities", by_name.summary.id),
        OWNER,
        None,
        Some(&json!({ "kind": "note", "body": "Met at the fair" })),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());

    // A stale version is refused, and nothing moves.
    let (status, _) = merge(&world, OWNER, &survivor, &by_name, "\"7\"").await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED);
    // A rep may not merge a colleague's customers.
    let (status, _) = merge(&world, REP2, &survivor, &by_name, "\"1\"").await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, text) = merge(&world, OWNER, &survivor, &by_name, "\"1\"").await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let merged: Customer = serde_json::from_str(&text).unwrap();
    assert_eq!(
        merged.summary.name, "Müller Handels GmbH",
        "the survivor's profile stays"
    );
    assert_eq!(merged.summary.version.0, 2);
    assert_eq!(
        merged.website.as_deref(),
        Some("https://mueller-handels.example"),
        "gaps filled"
    );
    assert_eq!(merged.summary.tags, ["key account", "trade fair"]);
    let names: Vec<&str> = merged
        .contacts
        .iter()
        .map(|contact| contact.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Klaus Müller", "Sabine Krüger"],
        "the same address is one person"
    );
    assert_eq!(merged.summary.inquiry_count, 1);
    let timeline: serde_json::Value = world
        .app
        .get_json(
            &format!("/api/v1/customers/{}/timeline", survivor.summary.id),
            OWNER,
        )
        .await;
    let kinds: Vec<&str> = timeline["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["item"]["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.len(), 3, "{kinds:?}");
    let moved_reminder: serde_json::Value = world
        .app
        .get_json(
            &format!("/api/v1/reminders/{}", reminder["id"].as_str().unwrap()),
            OWNER,
        )
        .await;
    assert_eq!(moved_reminder["customer_id"], json!(survivor.summary.id));
    assert_eq!(moved_reminder["version"], json!(2));
    let inquiry_now: serde_json::Value = world
        .app
        .get_json(&format!("/api/v1/inquiries/{inquiry}"), OWNER)
        .await;
    assert_eq!(inquiry_now["customer_id"], json!(survivor.summary.id));

    // Every cache hears of it: the moved records changed, the duplicate is gone.
    assert_eq!(change_count(&world, "inquiry", &inquiry).await, 1);
    assert_eq!(change_count(&world, "quote", &quote).await, 1);
    assert_eq!(
        change_count(&world, "reminder", reminder["id"].as_str().unwrap()).await,
        2
    );
    assert_eq!(
        change_count(&world, "customer", &by_name.summary.id.to_string()).await,
        3
    );
    let gone = world
        .app
        .get(
            &format!("/api/v1/customers/{}", by_name.summary.id),
            Some(OWNER),
        )
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let found: serde_json::Value = world
        .app
        .get_json("/api/v1/customers?q=sabine", OWNER)
        .await;
    assert_eq!(
        found["items"].as_array().unwrap().len(),
        1,
        "search knows the new home"
    );
    assert_eq!(found["items"][0]["id"], json!(survivor.summary.id));
    let etag = world
        .app
        .get(
            &format!("/api/v1/customers/{}", survivor.summary.id),
            Some(OWNER),
        )
        .await;
    assert_eq!(etag.header(header::ETAG), "\"2\"");

    // Itself, one gone, one of another member: named.
    for (duplicate, expected) in [
        (&survivor, "is the customer itself"),
        (&by_name, "is not one of your company's customers"),
    ] {
        let (status, text) = merge(&world, OWNER, &survivor, duplicate, "\"2\"").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{text}");
        assert!(text.contains(expected), "{text}");
    }
    // The domain look-alike is still there to merge.
    let (status, _) = merge(&world, OWNER, &survivor, &by_domain, "\"2\"").await;
    assert_eq!(status, StatusCode::OK);
}
