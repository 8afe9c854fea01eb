//! The fixture the customer, contact, activity, timeline, reminder and product
//! tests share: two members with their users on an empty database, and helpers to
//! send requests and insert inquiries and quotes.

use api_stub::auth::token_hash;
use api_stub::stored::timestamp_to_text;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use contract::customer::Customer;
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::support::{TestApp, TestResponse, json_request};

/// Tokens of the fixture's users.
pub(crate) const OWNER: &str = "t-owner";
pub(crate) const MANAGER: &str = "t-manager";
pub(crate) const REP: &str = "t-rep";
pub(crate) const REP2: &str = "t-rep2";
/// The owner of the other member.
pub(crate) const OTHER: &str = "t-other";

/// An empty database with two members: "Acme Export" (reporting in EUR) with an
/// owner, a manager, two reps and an inactive user, and "Other Trading" with an
/// owner. Reference rates: 1 USD = 0.92 EUR = 150 JPY.
pub(crate) struct World {
    pub(crate) app: TestApp,
    pub(crate) member: String,
    pub(crate) other_member: String,
    pub(crate) owner: String,
    pub(crate) rep: String,
    pub(crate) rep2: String,
    pub(crate) inactive: String,
    pub(crate) other_owner: String,
}

async fn insert_user(
    app: &TestApp,
    member: &str,
    name: &str,
    role: &str,
    active: bool,
    token: Option<&str>,
) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO users (id, member_id, name, email, role, language, active)
         VALUES ($1, $2, $3, $4, $5, 'en', $6)",
    )
    .bind(&id)
    .bind(member)
    .bind(name)
    .bind(format!("{id}@example.com"))
    .bind(role)
    .bind(i64::from(active))
    .execute(&app.pool)
    .await
    .unwrap();
    if let Some(token) = token {
        sqlx::query(
            "INSERT INTO api_tokens (token_sha256, user_id, label, created_at)
             VALUES ($1, $2, 'test', '2026-01-01T00:00:00.000000Z')",
        )
        .bind(token_hash(token))
        .bind(&id)
        .execute(&app.pool)
        .await
        .unwrap();
    }
    id
}

pub(crate) async fn world() -> World {
    let app = TestApp::empty().await;
    let member = uuid::Uuid::new_v4().to_string();
    let other_member = uuid::Uuid::new_v4().to_string();
    for (id, name, currency) in [
        (&member, "Acme Export", "EUR"),
        (&other_member, "Other Trading", "USD"),
    ] {
        sqlx::query("INSERT INTO members (id, name, currency) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(name)
            .bind(currency)
            .execute(&app.pool)
            .await
            .unwrap();
    }
    for (currency, rate) in [("USD", "1"), ("EUR", "0.92"), ("JPY", "150")] {
        sqlx::query(
            "INSERT INTO exchange_rates (currency, per_usd, as_of)
             VALUES ($1, $2, '2026-01-01T00:00:00.000000Z')",
        )
        .bind(currency)
        .bind(rate)
        .execute(&app.pool)
        .await
        .unwrap();
    }
    let owner = insert_user(&app, &member, "Olivia Owner", "owner", true, Some(OWNER)).await;
    insert_user(&app, &member, "Max Manager", "manager", true, Some(MANAGER)).await;
    let rep = insert_user(&app, &member, "Rita Rep", "rep", true, Some(REP)).await;
    let rep2 = insert_user(&app, &member, "Rob Rep", "rep", true, Some(REP2)).await;
    let inactive = insert_user(&app, &member, "Ian Gone", "rep", false, None).await;
    let other_owner = insert_user(
        &app,
        &other_member,
        "Oscar Other",
        "owner",
        true,
        Some(OTHER),
    )
    .await;
    World {
        app,
        member,
        other_member,
        owner,
        rep,
        rep2,
        inactive,
        other_owner,
    }
}

/// Sends `method path` as `token` with a JSON body (POSTs get an Idempotency-Key)
/// and, when given, `If-Match`.
pub(crate) async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    if_match: Option<&str>,
    body: Option<&Value>,
) -> TestResponse {
    let mut request = match body {
        Some(body) => json_request(method, path, token, body),
        None => Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap(),
    };
    if let Some(version) = if_match {
        request
            .headers_mut()
            .insert(header::IF_MATCH, version.parse().unwrap());
    }
    app.send(request).await
}

/// A new customer's JSON with `name` and the given extra fields.
/// How many change-feed entries `entity` `id` has.
pub(crate) async fn change_count(world: &World, entity: &str, id: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM change_log WHERE entity = $1 AND entity_id = $2")
        .bind(entity)
        .bind(id)
        .fetch_one(&world.app.pool)
        .await
        .unwrap()
}

pub(crate) fn new_customer(name: &str, extra: Value) -> Value {
    let mut body = json!({
        "name": name,
        "country": "DE",
        "business_type": "importer",
        "tier": "partnership",
        "stage": "customer",
        "source": "trade_show",
    });
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        for (key, value) in extra {
            body.insert(key.clone(), value.clone());
        }
    }
    body
}

/// Creates a customer as `token`, expecting 201.
pub(crate) async fn create_customer(world: &World, token: &str, body: Value) -> Customer {
    let response = send(
        &world.app,
        Method::POST,
        "/api/v1/customers",
        token,
        None,
        Some(&body),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

/// Inserts an inquiry of `customer` received `days_ago` days before now.
pub(crate) async fn insert_inquiry(
    world: &World,
    customer: &str,
    received_at: OffsetDateTime,
    status: &str,
    assignee: Option<&str>,
    first_response_at: Option<OffsetDateTime>,
) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO inquiries (id, member_id, customer_id, buyer_name, buyer_company,
                                buyer_country, buyer_verified, subject, message, received_at,
                                status, assignee_id, score, unread, first_response_at, updated_at)
         VALUES ($1, $2, $3, 'Klaus', 'Buyer GmbH', 'DE', 1, $4, 'Please quote.', $5, $6, $7, 50, 0, $8, $9)",
    )
    .bind(&id)
    .bind(&world.member)
    .bind(customer)
    .bind(format!("Inquiry {id}"))
    .bind(timestamp_to_text(received_at))
    .bind(status)
    .bind(assignee)
    .bind(first_response_at.map(timestamp_to_text))
    .bind(timestamp_to_text(received_at))
    .execute(&world.app.pool)
    .await
    .unwrap();
    id
}

/// Inserts a quote revision of `customer`; `sent_at` also serves as creation time.
#[allow(clippy::too_many_arguments, reason = "a row's columns")]
pub(crate) async fn insert_quote(
    world: &World,
    customer: &str,
    number: &str,
    revision: i64,
    status: &str,
    currency: &str,
    total: &str,
    sent_at: OffsetDateTime,
) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    let sent = (status != "draft").then(|| timestamp_to_text(sent_at));
    sqlx::query(
        "INSERT INTO quotes (id, member_id, number, revision, status, customer_id, currency,
                             valid_until, terms, charges, total, totals, sent_at, created_by,
                             version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, '2999-12-31', '{}', '{}', $8, '{}', $9, $10, 1, $11, $12)",
    )
    .bind(&id)
    .bind(&world.member)
    .bind(number)
    .bind(revision)
    .bind(status)
    .bind(customer)
    .bind(currency)
    .bind(total)
    .bind(sent)
    .bind(&world.owner)
    .bind(timestamp_to_text(sent_at))
    .bind(timestamp_to_text(sent_at))
    .execute(&world.app.pool)
    .await
    .unwrap();
    id
}
