//! `POST /api/v1/customers` and `PATCH /api/v1/customers/{id}`: defaults,
//! validation, preconditions, owners, and tenant isolation.

use std::collections::HashSet;

use axum::http::{Method, StatusCode, header};
use contract::customer::{Customer, CustomerPage, LifecycleStage};
use serde_json::{Value, json};

use super::{
    MANAGER, OTHER, OWNER, REP, REP2, change_count, create_customer, list_ids, new_customer, send,
    world,
};

#[tokio::test]
async fn creating_a_customer_answers_201_with_location_etag_and_defaults() {
    let world = world().await;
    let body = new_customer(
        "  Nordlicht Handel GmbH ",
        json!({
            "website": "https://nordlicht.example",
            "industry": "Lighting retail",
            "size": "small",
            "tags": ["trade fair", "CE required"],
            "contacts": [
                { "name": "Ute Nord", "buying_role": "decision_maker",
                  "emails": ["ute@gmail.com", "u.nord@nordlicht-handel.de"] },
                { "name": "Per Licht", "buying_role": "technical" }
            ]
        }),
    );
    let response = send(
        &world.app,
        Method::POST,
        "/api/v1/customers",
        REP,
        None,
        Some(&body),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let customer: Customer = response.json();
    assert_eq!(response.header(header::ETAG), "\"1\"");
    assert_eq!(
        response.header(header::LOCATION),
        format!("/api/v1/customers/{}", customer.summary.id)
    );
    assert_eq!(customer.summary.name, "Nordlicht Handel GmbH");
    assert_eq!(
        customer.summary.owner.as_ref().unwrap().id.to_string(),
        world.rep
    );
    assert_eq!(customer.summary.tags, ["CE required", "trade fair"]);
    assert_eq!(customer.contacts.len(), 2);
    assert_eq!(customer.contacts[1].name, "Per Licht");
    assert_eq!(customer.metrics.inquiry_count, 0);
    assert_eq!(customer.metrics.health.explanation, "no contact yet");
    let domain: Option<String> =
        sqlx::query_scalar("SELECT email_domain FROM customers WHERE id = $1")
            .bind(customer.summary.id.to_string())
            .fetch_one(&world.app.pool)
            .await
            .unwrap();
    assert_eq!(domain.as_deref(), Some("nordlicht-handel.de"));
    assert_eq!(
        change_count(&world, "customer", &customer.summary.id.to_string()).await,
        1
    );
    let fetched: Customer = world
        .app
        .get_json(&format!("/api/v1/customers/{}", customer.summary.id), OWNER)
        .await;
    assert_eq!(fetched, customer);
    // Searchable at once, by a contact's company e-mail.
    let found = list_ids(&world.app, "q=nordlicht-handel", OWNER).await;
    assert_eq!(found, HashSet::from([customer.summary.id.to_string()]));
}

#[tokio::test]
async fn invalid_new_customers_name_each_field() {
    let world = world().await;
    let post = |body: Value, token: &'static str| {
        let app = &world.app;
        async move {
            send(
                app,
                Method::POST,
                "/api/v1/customers",
                token,
                None,
                Some(&body),
            )
            .await
        }
    };
    let response = post(
        new_customer(
            " ",
            json!({ "website": "ftp:x", "tags": ["a", "A"], "contacts": [{ "name": "X", "buying_role": "other", "emails": ["nope"] }] }),
        ),
        OWNER,
    )
    .await;
    let problem = response.problem(StatusCode::UNPROCESSABLE_ENTITY, None);
    let fields: Vec<&str> = problem
        .errors
        .iter()
        .map(|error| error.field.as_str())
        .collect();
    assert_eq!(
        fields,
        ["/name", "/website", "/tags/1", "/contacts/0/emails/0"]
    );
    for owner in [
        &world.other_owner,
        &world.inactive,
        &uuid::Uuid::new_v4().to_string(),
    ] {
        post(new_customer("X", json!({ "owner_id": owner })), OWNER)
            .await
            .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/owner_id"));
    }
    // A rep gives customers to themselves only; a manager to anyone active.
    post(new_customer("X", json!({ "owner_id": world.rep2 })), REP)
        .await
        .problem(StatusCode::FORBIDDEN, None);
    assert_eq!(
        post(
            new_customer("X", json!({ "owner_id": world.rep2 })),
            MANAGER
        )
        .await
        .status,
        StatusCode::CREATED
    );
    post(json!({ "name": "X" }), OWNER)
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY, None);
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM customers")
        .fetch_one(&world.app.pool)
        .await
        .unwrap();
    assert_eq!(count, 1, "nothing of the invalid requests was written");
}

#[tokio::test]
async fn patching_needs_the_current_version_and_changes_only_what_is_sent() {
    let world = world().await;
    let customer = create_customer(
        &world,
        OWNER,
        new_customer(
            "Patch Me Ltd",
            json!({ "website": "patch.example", "tags": ["old"] }),
        ),
    )
    .await;
    let path = format!("/api/v1/customers/{}", customer.summary.id);
    let patch = json!({ "name": "Patched Ltd", "website": null, "tags": ["new", "second"], "stage": "repeat" });
    send(&world.app, Method::PATCH, &path, OWNER, None, Some(&patch))
        .await
        .problem(StatusCode::PRECONDITION_REQUIRED, None);
    let stale = send(
        &world.app,
        Method::PATCH,
        &path,
        OWNER,
        Some("\"7\""),
        Some(&patch),
    )
    .await;
    let problem = stale.problem(StatusCode::PRECONDITION_FAILED, None);
    assert_eq!(problem.current_version.map(|version| version.0), Some(1));
    let response = send(
        &world.app,
        Method::PATCH,
        &path,
        OWNER,
        Some("\"1\""),
        Some(&patch),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.header(header::ETAG), "\"2\"");
    let patched: Customer = response.json();
    assert_eq!(patched.summary.name, "Patched Ltd");
    assert_eq!(patched.website, None);
    assert_eq!(patched.summary.tags, ["new", "second"]);
    assert_eq!(patched.summary.stage, LifecycleStage::Repeat);
    assert_eq!(patched.summary.tier, customer.summary.tier);
    assert!(patched.summary.updated_at > customer.summary.updated_at);
    assert_eq!(
        change_count(&world, "customer", &customer.summary.id.to_string()).await,
        2
    );
    // The search index follows the new name.
    assert!(list_ids(&world.app, "q=patch%20me", OWNER).await.is_empty());
    assert_eq!(list_ids(&world.app, "q=patched", OWNER).await.len(), 1);
    // The same If-Match again is stale now.
    send(
        &world.app,
        Method::PATCH,
        &path,
        OWNER,
        Some("\"1\""),
        Some(&patch),
    )
    .await
    .problem(StatusCode::PRECONDITION_FAILED, None);
    // Validation: nothing to change, a bad name, an unknown field, a foreign owner.
    for (body, field) in [
        (json!({}), ""),
        (json!({ "name": "" }), "/name"),
        (json!({ "owner_id": world.other_owner }), "/owner_id"),
    ] {
        send(
            &world.app,
            Method::PATCH,
            &path,
            OWNER,
            Some("\"2\""),
            Some(&body),
        )
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY, Some(field));
    }
    send(
        &world.app,
        Method::PATCH,
        &path,
        OWNER,
        Some("\"2\""),
        Some(&json!({ "colour": "red" })),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, None);
    // Owner: a rep may take the customer, and release it, but not give it away.
    let take = json!({ "owner_id": world.rep });
    let response = send(
        &world.app,
        Method::PATCH,
        &path,
        REP,
        Some("\"2\""),
        Some(&take),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK);
    send(
        &world.app,
        Method::PATCH,
        &path,
        REP,
        Some("\"3\""),
        Some(&json!({ "owner_id": world.rep2 })),
    )
    .await
    .problem(StatusCode::FORBIDDEN, None);
    send(
        &world.app,
        Method::PATCH,
        &path,
        REP2,
        Some("\"3\""),
        Some(&json!({ "owner_id": null })),
    )
    .await
    .problem(StatusCode::FORBIDDEN, None);
    let released: Customer = send(
        &world.app,
        Method::PATCH,
        &path,
        REP,
        Some("\"3\""),
        Some(&json!({ "owner_id": null })),
    )
    .await
    .json();
    assert_eq!(released.summary.owner, None);
    assert_eq!(
        list_ids(&world.app, "owner=unassigned", OWNER).await.len(),
        1
    );
}

#[tokio::test]
async fn another_members_customers_are_404_and_never_listed() {
    let world = world().await;
    let customer = create_customer(&world, OWNER, new_customer("Mine GmbH", json!({}))).await;
    let path = format!("/api/v1/customers/{}", customer.summary.id);
    world
        .app
        .get(&path, Some(OTHER))
        .await
        .problem(StatusCode::NOT_FOUND, None);
    send(
        &world.app,
        Method::PATCH,
        &path,
        OTHER,
        Some("\"1\""),
        Some(&json!({ "name": "Stolen" })),
    )
    .await
    .problem(StatusCode::NOT_FOUND, None);
    let page: CustomerPage = world.app.get_json("/api/v1/customers?q=mine", OTHER).await;
    assert_eq!(page.total, 0);
    let page: CustomerPage = world.app.get_json("/api/v1/customers", OTHER).await;
    assert!(page.items.is_empty());
    // Their owner cannot be given one of ours, nor ours one of theirs.
    send(
        &world.app,
        Method::PATCH,
        &path,
        OWNER,
        Some("\"1\""),
        Some(&json!({ "owner_id": world.other_owner })),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/owner_id"));
    let unchanged: Customer = world.app.get_json(&path, OWNER).await;
    assert_eq!(unchanged.summary.name, "Mine GmbH");
    assert_eq!(unchanged.summary.version.0, 1);
    let theirs = world
        .app
        .column(
            "SELECT id FROM customers WHERE member_id = $1",
            &world.other_member,
        )
        .await;
    assert!(theirs.is_empty());
}
