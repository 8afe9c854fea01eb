//! The catalog: `GET /api/v1/products` (search, filters, pagination),
//! `GET /api/v1/products/{id}`, `POST /api/v1/products` and
//! `PUT /api/v1/products/{id}`.

use std::collections::HashSet;

use axum::http::{Method, StatusCode, header};
use contract::product::{Product, ProductPage};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::customers::{OTHER, OWNER, REP, World, send, world};
use crate::support::{TestApp, member_id};

fn panel(sku: &str, name: &str) -> Value {
    json!({
        "sku": sku,
        "model_number": "PL6060-40W-840",
        "name": name,
        "description": "Edge-lit panel with a flicker-free driver.",
        "category": "LED panel lights",
        "unit": "piece",
        "moq": "100",
        "currency": "USD",
        "price_breaks": [
            { "min_quantity": "100", "unit_price": "13.40" },
            { "min_quantity": "500", "unit_price": "12.60" }
        ],
        "hs_code": "9405.11",
        "origin": "CN",
        "lead_time_days": 25,
        "packaging": { "units_per_carton": 4, "carton_weight_kg": "14.5", "carton_cbm": "0.052" }
    })
}

async fn create(world: &World, body: &Value) -> Product {
    let response = send(
        &world.app,
        Method::POST,
        "/api/v1/products",
        REP,
        None,
        Some(body),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

async fn names(app: &TestApp, query: &str, token: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    let mut total = None;
    for _ in 0..100 {
        let mut url = format!("/api/v1/products?{query}");
        if let Some(cursor) = &cursor {
            url = format!("{url}&cursor={cursor}");
        }
        let page: ProductPage = app.get_json(&url, token).await;
        assert_eq!(*total.get_or_insert(page.total), page.total);
        items.extend(page.items.into_iter().map(|product| product.name));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => {
                assert_eq!(total, Some(items.len() as u64), "{query}");
                return items;
            }
        }
    }
    panic!("pagination does not end");
}

#[tokio::test]
async fn products_are_created_read_and_replaced_with_versions() {
    let world = world().await;
    let response = send(
        &world.app,
        Method::POST,
        "/api/v1/products",
        REP,
        None,
        Some(&panel(" BW-PL6060-40 ", "LED Panel Light 600×600 40W")),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    assert_eq!(response.header(header::ETAG), "\"1\"");
    let product: Product = response.json();
    let path = format!("/api/v1/products/{}", product.id);
    assert_eq!(response.header(header::LOCATION), path);
    assert_eq!(product.sku, "BW-PL6060-40");
    assert!(product.active, "active unless said otherwise");
    assert_eq!(
        product.price_breaks[1].unit_price,
        "12.60".parse::<Decimal>().unwrap()
    );
    assert_eq!(
        product.unit_price_for("499".parse().unwrap()),
        Some("13.40".parse().unwrap())
    );
    let response = world.app.get(&path, Some(OWNER)).await;
    assert_eq!(response.header(header::ETAG), "\"1\"");
    assert_eq!(response.json::<Product>(), product);

    let mut replacement = panel("BW-PL6060-40", "LED Panel Light 600×600 40W 4000K");
    replacement["active"] = json!(false);
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
    send(
        &world.app,
        Method::PUT,
        &path,
        OWNER,
        Some("\"5\""),
        Some(&replacement),
    )
    .await
    .problem(StatusCode::PRECONDITION_FAILED, None);
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
    let replaced: Product = response.json();
    assert_eq!(replaced.id, product.id);
    assert!(!replaced.active);
    assert_eq!(replaced.name, "LED Panel Light 600×600 40W 4000K");
    let changes: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM change_log WHERE entity = 'product' AND entity_id = $1",
    )
    .bind(product.id.to_string())
    .fetch_one(&world.app.pool)
    .await
    .unwrap();
    assert_eq!(changes, 2);
    // The search index follows the new name.
    assert_eq!(names(&world.app, "q=4000k", OWNER).await.len(), 1);
}

#[tokio::test]
async fn skus_are_unique_within_a_member_and_price_breaks_must_ascend() {
    let world = world().await;
    let first = create(&world, &panel("SKU-1", "First")).await;
    let second = create(&world, &panel("SKU-2", "Second")).await;
    send(
        &world.app,
        Method::POST,
        "/api/v1/products",
        REP,
        None,
        Some(&panel("sku-1", "Copy")),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/sku"));
    send(
        &world.app,
        Method::PUT,
        &format!("/api/v1/products/{}", second.id),
        REP,
        Some("\"1\""),
        Some(&panel("SKU-1", "Second")),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/sku"));
    // Keeping one's own SKU is fine; another member may use the same SKU.
    let response = send(
        &world.app,
        Method::PUT,
        &format!("/api/v1/products/{}", first.id),
        REP,
        Some("\"1\""),
        Some(&panel("SKU-1", "First, renamed")),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK);
    let response = send(
        &world.app,
        Method::POST,
        "/api/v1/products",
        OTHER,
        None,
        Some(&panel("SKU-1", "Theirs")),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED);

    let mut bad = panel("SKU-3", " ");
    bad["moq"] = json!("0");
    bad["price_breaks"] = json!([
        { "min_quantity": "500", "unit_price": "12.60" },
        { "min_quantity": "100", "unit_price": "-1" }
    ]);
    bad["hs_code"] = json!("HS9405");
    let problem = send(
        &world.app,
        Method::POST,
        "/api/v1/products",
        REP,
        None,
        Some(&bad),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, None);
    let fields: Vec<&str> = problem
        .errors
        .iter()
        .map(|error| error.field.as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "/name",
            "/moq",
            "/price_breaks/1/unit_price",
            "/price_breaks/1/min_quantity",
            "/hs_code"
        ]
    );
    let mut none = panel("SKU-4", "No prices");
    none["price_breaks"] = json!([]);
    send(
        &world.app,
        Method::POST,
        "/api/v1/products",
        REP,
        None,
        Some(&none),
    )
    .await
    .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/price_breaks"));
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products")
        .fetch_one(&world.app.pool)
        .await
        .unwrap();
    assert_eq!(count, 3);
}

#[tokio::test]
async fn the_list_searches_filters_and_pages_by_name() {
    let world = world().await;
    for (sku, name, category, model, description, active) in [
        (
            "FL-100",
            "Floodlight 100W",
            "Floodlights",
            "FLX-100",
            "IP66 die-cast housing",
            true,
        ),
        (
            "FL-200",
            "Floodlight 200W",
            "Floodlights",
            "FLX-200",
            "IP66, 6 kV surge protection",
            true,
        ),
        (
            "HB-150",
            "UFO High Bay 150W",
            "High bays",
            "UFO-150",
            "Meanwell driver",
            true,
        ),
        (
            "PL-40",
            "Panel 40W",
            "Panels",
            "PNL-40",
            "Flicker-free driver",
            true,
        ),
        (
            "PL-48",
            "Panel 48W",
            "Panels",
            "PNL-48",
            "Retired model",
            false,
        ),
    ] {
        let mut body = panel(sku, name);
        body["category"] = json!(category);
        body["model_number"] = json!(model);
        body["description"] = json!(description);
        body["active"] = json!(active);
        create(&world, &body).await;
    }
    let all = names(&world.app, "limit=2", OWNER).await;
    assert_eq!(
        all,
        [
            "Floodlight 100W",
            "Floodlight 200W",
            "Panel 40W",
            "Panel 48W",
            "UFO High Bay 150W"
        ]
    );
    for (query, expected) in [
        ("q=flood", vec!["Floodlight 100W", "Floodlight 200W"]),
        ("q=hb-150", vec!["UFO High Bay 150W"]),
        ("q=ufo-150", vec!["UFO High Bay 150W"]),
        ("q=surge", vec!["Floodlight 200W"]),
        ("q=driver%20flicker", vec!["Panel 40W"]),
        ("category=panels", vec!["Panel 40W", "Panel 48W"]),
        ("category=Panels&active=true", vec!["Panel 40W"]),
        ("active=false", vec!["Panel 48W"]),
        ("q=ip66&limit=1", vec!["Floodlight 100W", "Floodlight 200W"]),
        ("q=nothing", vec![]),
    ] {
        assert_eq!(names(&world.app, query, REP).await, expected, "{query}");
    }
    let problem = world
        .app
        .get("/api/v1/products?active=yes&limit=201&q=%2D", Some(OWNER))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY, None);
    let fields: Vec<&str> = problem
        .errors
        .iter()
        .map(|error| error.field.as_str())
        .collect();
    assert_eq!(fields, ["q", "active", "limit"]);
    world
        .app
        .get("/api/v1/products?cursor=zz", Some(OWNER))
        .await
        .problem(StatusCode::BAD_REQUEST, Some("cursor"));
}

#[tokio::test]
async fn another_members_products_are_404_and_never_listed() {
    let world = world().await;
    let product = create(&world, &panel("MINE-1", "Mine")).await;
    let path = format!("/api/v1/products/{}", product.id);
    world
        .app
        .get(&path, Some(OTHER))
        .await
        .problem(StatusCode::NOT_FOUND, None);
    send(
        &world.app,
        Method::PUT,
        &path,
        OTHER,
        Some("\"1\""),
        Some(&panel("MINE-1", "Stolen")),
    )
    .await
    .problem(StatusCode::NOT_FOUND, None);
    assert!(names(&world.app, "q=mine", OTHER).await.is_empty());
    let unchanged: Product = world.app.get_json(&path, OWNER).await;
    assert_eq!(unchanged.name, "Mine");
    assert_eq!(unchanged.version.0, 1);
}

#[tokio::test]
async fn the_demo_catalog_has_every_product_the_inquiries_ask_about() {
    let test_app = TestApp::seeded().await;
    for (member, token) in [
        ("Ningbo", "demo-brightway-rep"),
        ("Yiwu", "demo-evergreen-rep"),
    ] {
        let member = member_id(&test_app, member).await;
        let asked: HashSet<String> = test_app
            .column(
                "SELECT DISTINCT product_name FROM inquiries
                 WHERE member_id = $1 AND product_name IS NOT NULL",
                &member,
            )
            .await
            .into_iter()
            .collect();
        assert!(!asked.is_empty());
        let page: ProductPage = test_app
            .get_json("/api/v1/products?limit=200&active=true", token)
            .await;
        let catalog: HashSet<String> = page
            .items
            .iter()
            .map(|product| product.name.clone())
            .collect();
        assert!(
            asked.is_subset(&catalog),
            "{:?}",
            asked.difference(&catalog)
        );
        for product in &page.items {
            assert!(
                (2..=4).contains(&product.price_breaks.len()),
                "{}",
                product.name
            );
            assert_eq!(product.currency.code(), "USD");
            assert_eq!(product.origin.as_str(), "CN");
            assert!(product.hs_code.is_some() && product.packaging.is_some());
            assert_eq!(
                product.unit_price_for(product.moq),
                Some(product.price_breaks[0].unit_price)
            );
        }
    }
    let rates: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM exchange_rates")
        .fetch_one(&test_app.pool)
        .await
        .unwrap();
    assert_eq!(rates, 10);
    let page: ProductPage = test_app
        .get_json("/api/v1/products?q=9405", "demo-brightway-rep")
        .await;
    assert_eq!(page.total, 0, "HS codes are not searched");
    let page: ProductPage = test_app
        .get_json("/api/v1/products?q=BW-HB", "demo-brightway-rep")
        .await;
    assert_eq!(page.total, 2);
}
