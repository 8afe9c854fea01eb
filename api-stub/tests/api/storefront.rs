//! The demo portal's buyer form (`POST /demo/buyer-inquiries`): only with
//! `--seed-demo`; it takes over the inquiry like `POST /ingest/inquiries`, into
//! Brightway's inbox, and explains a bad field as a problem.

use api_stub::Settings;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::{Value, json};

use crate::support::TestApp;

const OWNER: &str = "demo-brightway-owner";

fn form(email: &str) -> Request<Body> {
    let body = json!({
        "buyer": { "name": "Jonas Keller", "company": "Keller Licht GmbH", "email": email, "country": "DE" },
        "message": "Please quote 1200 pcs FOB Ningbo with your best lead time.",
        "requirement": { "quantity": { "value": "1200", "unit": "piece" }, "sample_wanted": true, "oem": false },
    });
    Request::builder()
        .method(Method::POST)
        .uri(api_stub::storefront::PATH)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

#[tokio::test]
async fn without_the_demo_there_is_no_buyer_form() {
    let test_app = TestApp::seeded().await;
    let response = test_app.send(form("jonas@keller-licht.de")).await;
    assert!(
        matches!(
            response.status,
            StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
        ),
        "{}",
        response.status
    );
}

#[tokio::test]
async fn the_buyer_form_lands_in_brightways_inbox_about_the_shown_product() {
    let test_app = TestApp::seeded_with(Settings {
        demo_storefront: true,
        ..Settings::default()
    })
    .await;
    test_app
        .send(form("jonas@"))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/buyer/email"));

    let response = test_app.send(form("jonas@keller-licht.de")).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let ingested: Value = response.json();
    let id = ingested["inquiry_id"].as_str().unwrap();
    let inquiry: Value = test_app
        .get_json(&format!("/api/v1/inquiries/{id}"), OWNER)
        .await;
    assert_eq!(inquiry["buyer"]["company"], "Keller Licht GmbH");
    assert_eq!(
        inquiry["product_name"],
        api_stub::seed::DEMO_STOREFRONT_PRODUCT
    );
    let (_, product) = api_stub::seed::demo_storefront_ids();
    let stored = test_app
        .scalar("SELECT product_id FROM inquiries WHERE id = $1", id)
        .await;
    assert_eq!(stored, product.to_string());
}
