//! `/api/v1/customers/{id}/contacts`: adding, replacing and removing contacts, each
//! versioned on its own, with the customer's search index and e-mail domain kept in
//! step and a customer change in the feed.

use axum::http::{Method, StatusCode, header};
use contract::customer::{BuyingRole, Contact, ContactChannel, Customer, CustomerPage};
use serde_json::{Value, json};

use crate::customers::{OTHER, OWNER, REP, World, create_customer, new_customer, send, world};

fn klaus() -> Value {
    json!({
        "name": " Klaus Berger ",
        "title": "Einkaufsleiter",
        "buying_role": "procurement",
        "emails": ["k.berger@berger-licht.de"],
        "phones": ["+49 40 1234567"],
        "messengers": [{ "kind": "whatsapp", "handle": "+49401234567" }],
        "language": "de",
        "preferred_channel": "email"
    })
}

async fn customer(world: &World) -> Customer {
    create_customer(world, OWNER, new_customer("Berger Licht GmbH", json!({}))).await
}

async fn card(world: &World, customer: &Customer) -> Customer {
    world
        .app
        .get_json(&format!("/api/v1/customers/{}", customer.summary.id), OWNER)
        .await
}

async fn domain(world: &World, customer: &Customer) -> Option<String> {
    sqlx::query_scalar("SELECT email_domain FROM customers WHERE id = $1")
        .bind(customer.summary.id.to_string())
        .fetch_one(&world.app.pool)
        .await
        .unwrap()
}

async fn found(world: &World, q: &str) -> u64 {
    let page: CustomerPage = world
        .app
        .get_json(&format!("/api/v1/customers?q={q}"), OWNER)
        .await;
    page.total
}

async fn customer_changes(world: &World, customer: &Customer) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM change_log WHERE entity = 'customer' AND entity_id = $1",
    )
    .bind(customer.summary.id.to_string())
    .fetch_one(&world.app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn contacts_are_created_replaced_and_removed_with_their_own_versions() {
    let world = world().await;
    let customer = customer(&world).await;
    let contacts = format!("/api/v1/customers/{}/contacts", customer.summary.id);

    let response = send(
        &world.app,
        Method::POST,
        &contacts,
        REP,
        None,
        Some(&klaus()),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    assert_eq!(response.header(header::ETAG), "\"1\"");
    let created: Contact = response.json();
    let path = format!("{contacts}/{}", created.id);
    assert_eq!(response.header(header::LOCATION), path);
    assert_eq!(created.name, "Klaus Berger");
    assert_eq!(created.buying_role, BuyingRole::Procurement);
    assert_eq!(created.preferred_channel, Some(ContactChannel::Email));
    assert_eq!(created.messengers[0].handle, "+49401234567");

    // The customer's own version does not move; the feed still hears of it.
    let after_create = card(&world, &customer).await;
    assert_eq!(after_create.summary.version, customer.summary.version);
    assert_eq!(after_create.contacts, std::slice::from_ref(&created));
    assert_eq!(customer_changes(&world, &customer).await, 2);

    let mut replacement = klaus();
    replacement["title"] = json!("Geschäftsführer");
    replacement["buying_role"] = json!("decision_maker");
    replacement["preferred_channel"] = json!("phone");
    send(
        &world.app,
        Method::PUT,
        &path,
        OWNER,
        None,
        Some(&replacement),
    )
    .await
    .problem(StatusCode::PRECONDITION_REQUIRED, None);
    let problem = send(
        &world.app,
        Method::PUT,
        &path,
        OWNER,
        Some("\"2\""),
        Some(&replacement),
    )
    .await
    .problem(StatusCode::PRECONDITION_FAILED, None);
    assert_eq!(problem.current_version.map(|version| version.0), Some(1));
    // The customer's ETag is not the contact's.
    let response = send(
        &world.app,
        Method::PUT,
        &path,
        OWNER,
        Some("\"1\""),
        Some(&replacement),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.header(header::ETAG), "\"2\"");
    let replaced: Contact = response.json();
    assert_eq!(replaced.id, created.id);
    assert_eq!(replaced.version.0, 2);
    assert_eq!(replaced.buying_role, BuyingRole::DecisionMaker);
    assert_eq!(replaced.title.as_deref(), Some("Geschäftsführer"));

    // A customer edit with the customer's version still succeeds: no conflict.
    let patch = json!({ "stage": "repeat" });
    let customer_path = format!("/api/v1/customers/{}", customer.summary.id);
    let response = send(
        &world.app,
        Method::PATCH,
        &customer_path,
        OWNER,
        Some("\"1\""),
        Some(&patch),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK);

    send(
        &world.app,
        Method::DELETE,
        &path,
        OWNER,
        Some("\"1\""),
        None,
    )
    .await
    .problem(StatusCode::PRECONDITION_FAILED, None);
    send(&world.app, Method::DELETE, &path, OWNER, None, None)
        .await
        .problem(StatusCode::PRECONDITION_REQUIRED, None);
    let response = send(
        &world.app,
        Method::DELETE,
        &path,
        OWNER,
        Some("\"2\""),
        None,
    )
    .await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    assert!(card(&world, &customer).await.contacts.is_empty());
    send(
        &world.app,
        Method::PUT,
        &path,
        OWNER,
        Some("\"2\""),
        Some(&replacement),
    )
    .await
    .problem(StatusCode::NOT_FOUND, None);
    // Created, replaced, patched, deleted: four more customer changes.
    assert_eq!(customer_changes(&world, &customer).await, 5);
    assert_eq!(card(&world, &customer).await.summary.version.0, 2);
}

#[tokio::test]
async fn contacts_keep_the_search_index_and_the_email_domain_in_step() {
    let world = world().await;
    let customer = customer(&world).await;
    let contacts = format!("/api/v1/customers/{}/contacts", customer.summary.id);
    assert_eq!(domain(&world, &customer).await, None);

    let free_mail =
        json!({ "name": "Petra Frei", "buying_role": "other", "emails": ["petra@gmail.com"] });
    let response = send(
        &world.app,
        Method::POST,
        &contacts,
        OWNER,
        None,
        Some(&free_mail),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED);
    assert_eq!(
        domain(&world, &customer).await,
        None,
        "free mail is no company domain"
    );
    let response = send(
        &world.app,
        Method::POST,
        &contacts,
        OWNER,
        None,
        Some(&klaus()),
    )
    .await;
    let klaus: Contact = response.json();
    assert_eq!(
        domain(&world, &customer).await.as_deref(),
        Some("berger-licht.de")
    );
    assert_eq!(found(&world, "klaus%20berger").await, 1);
    assert_eq!(found(&world, "berger-licht.de").await, 1);
    assert_eq!(found(&world, "petra").await, 1);

    let mut renamed = self::klaus();
    renamed["name"] = json!("Karl Berger");
    renamed["emails"] = json!(["karl@bergerlicht.com"]);
    let path = format!("{contacts}/{}", klaus.id);
    let response = send(
        &world.app,
        Method::PUT,
        &path,
        OWNER,
        Some("\"1\""),
        Some(&renamed),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(found(&world, "klaus").await, 0);
    assert_eq!(found(&world, "karl").await, 1);
    assert_eq!(
        domain(&world, &customer).await.as_deref(),
        Some("bergerlicht.com")
    );

    let response = send(
        &world.app,
        Method::DELETE,
        &path,
        OWNER,
        Some("\"2\""),
        None,
    )
    .await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    assert_eq!(found(&world, "karl").await, 0);
    assert_eq!(domain(&world, &customer).await, None);
    // The customer itself stays findable by name.
    assert_eq!(found(&world, "berger%20licht").await, 1);
}

#[tokio::test]
async fn invalid_contacts_name_each_field() {
    let world = world().await;
    let customer = customer(&world).await;
    let contacts = format!("/api/v1/customers/{}/contacts", customer.summary.id);
    let bad = json!({
        "name": "",
        "buying_role": "technical",
        "emails": ["nobody"],
        "phones": ["call me"],
        "preferred_channel": "phone"
    });
    let problem = send(&world.app, Method::POST, &contacts, OWNER, None, Some(&bad))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY, None);
    let fields: Vec<&str> = problem
        .errors
        .iter()
        .map(|error| error.field.as_str())
        .collect();
    assert_eq!(fields, ["/name", "/emails/0", "/phones/0"]);
    send(
        &world.app,
        Method::POST,
        &contacts,
        OWNER,
        None,
        Some(&json!({ "name": "X", "buying_role": "boss" })),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, None);
    let response = send(
        &world.app,
        Method::POST,
        &contacts,
        OWNER,
        None,
        Some(&klaus()),
    )
    .await;
    let created: Contact = response.json();
    let path = format!("{contacts}/{}", created.id);
    send(
        &world.app,
        Method::PUT,
        &path,
        OWNER,
        Some("\"1\""),
        Some(&json!({ "name": "X", "buying_role": "other", "preferred_channel": "email" })),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/preferred_channel"));
    send(
        &world.app,
        Method::POST,
        "/api/v1/customers/not-a-uuid/contacts",
        OWNER,
        None,
        Some(&klaus()),
    )
    .await
    .problem(StatusCode::BAD_REQUEST, Some("id"));
}

#[tokio::test]
async fn another_members_or_customers_contacts_are_404() {
    let world = world().await;
    let customer = customer(&world).await;
    let other_customer =
        create_customer(&world, OWNER, new_customer("Second GmbH", json!({}))).await;
    let contacts = format!("/api/v1/customers/{}/contacts", customer.summary.id);
    let created: Contact = send(
        &world.app,
        Method::POST,
        &contacts,
        OWNER,
        None,
        Some(&klaus()),
    )
    .await
    .json();
    let path = format!("{contacts}/{}", created.id);
    // Another member's user: the customer and its contact do not exist for them.
    send(
        &world.app,
        Method::POST,
        &contacts,
        OTHER,
        None,
        Some(&klaus()),
    )
    .await
    .problem(StatusCode::NOT_FOUND, None);
    send(
        &world.app,
        Method::PUT,
        &path,
        OTHER,
        Some("\"1\""),
        Some(&klaus()),
    )
    .await
    .problem(StatusCode::NOT_FOUND, None);
    send(
        &world.app,
        Method::DELETE,
        &path,
        OTHER,
        Some("\"1\""),
        None,
    )
    .await
    .problem(StatusCode::NOT_FOUND, None);
    // The contact under another customer's path does not exist either.
    let wrong = format!(
        "/api/v1/customers/{}/contacts/{}",
        other_customer.summary.id, created.id
    );
    send(
        &world.app,
        Method::DELETE,
        &wrong,
        OWNER,
        Some("\"1\""),
        None,
    )
    .await
    .problem(StatusCode::NOT_FOUND, None);
    let still: Customer = world
        .app
        .get_json(&format!("/api/v1/customers/{}", customer.summary.id), OWNER)
        .await;
    assert_eq!(still.contacts, [created]);
}
