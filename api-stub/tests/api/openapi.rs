//! The OpenAPI document: committed and current, complete (every route of the router
//! is in it, every documented operation is routed), OpenAPI 3.1 with well-formed
//! component schemas, and documenting the cross-cutting rules on every operation.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::Value;
use tower::ServiceExt;

use crate::support::TestApp;

const OWNER: &str = "demo-brightway-owner";

fn committed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../contract/openapi.json")
}

async fn served(test_app: &TestApp) -> Value {
    let response = test_app.get("/api/v1/openapi.json", None).await;
    assert_eq!(response.status, StatusCode::OK);
    response.json()
}

#[tokio::test]
async fn the_committed_document_is_the_served_one() {
    let test_app = TestApp::empty().await;
    let served = served(&test_app).await;
    let path = committed_path();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let committed: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    assert!(
        committed == served && text.ends_with("}\n"),
        "{} is not the document the server serves: run `cargo xtask openapi` and commit it",
        path.display()
    );
}

/// `(METHOD, /path/{template})` of every documented operation.
fn operations(document: &Value) -> BTreeSet<(String, String)> {
    let mut operations = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            operations.insert((method.to_ascii_uppercase(), path.clone()));
        }
    }
    operations
}

/// Every `#[utoipa::path(method, path = "…")]` in the route modules' sources.
fn annotated_operations(directory: &Path, found: &mut BTreeSet<(String, String)>) {
    for entry in std::fs::read_dir(directory).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            annotated_operations(&path, found);
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        for annotation in source.split("#[utoipa::path(").skip(1) {
            let method = annotation
                .split(',')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_uppercase();
            let path = annotation
                .split_once("path = \"")
                .and_then(|(_, rest)| rest.split_once('"'))
                .map(|(path, _)| path.to_owned())
                .unwrap_or_else(|| panic!("no path in {}", path.display()));
            found.insert((method, path));
        }
    }
}

#[tokio::test]
async fn every_route_is_documented_and_every_documented_operation_is_routed() {
    let test_app = TestApp::seeded().await;
    let document = served(&test_app).await;
    let documented = operations(&document);

    // Router → document: every annotated handler is registered (routes! puts it in
    // the document), and no route is added around utoipa.
    let routes = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/routes");
    let mut annotated = BTreeSet::new();
    annotated_operations(&routes, &mut annotated);
    let missing: Vec<_> = annotated.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "annotated but not in the document: {missing:?}"
    );
    for entry in std::fs::read_dir(&routes).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|extension| extension == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            assert!(
                !source.contains(".route(") && !source.contains(".route_service("),
                "{} adds a route that the OpenAPI document cannot see; use routes!()",
                path.display()
            );
        }
    }

    // Document → router: each operation reaches a handler (not the 404 or 405 fallbacks).
    let id = "00000000-0000-4000-8000-000000000000";
    for (method, template) in &documented {
        let path = format!("/api/v1{template}")
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    id
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        let request = Request::builder()
            .method(Method::from_bytes(method.as_bytes()).unwrap())
            .uri(&path)
            .header(header::AUTHORIZATION, format!("Bearer {OWNER}"))
            .header("idempotency-key", format!("probe {method} {path}"))
            .body(Body::empty())
            .unwrap();
        // Not read to the end: the event stream never ends.
        let response = test_app.router.clone().oneshot(request).await.unwrap();
        assert_ne!(
            response.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        if response.status() == StatusCode::NOT_FOUND {
            let body = http_body_util::BodyExt::collect(response.into_body())
                .await
                .unwrap()
                .to_bytes();
            let problem: contract::problem::Problem = serde_json::from_slice(&body).unwrap();
            assert_ne!(
                problem.detail.as_deref(),
                Some("There is no API endpoint at this path."),
                "{method} {path}"
            );
        }
    }
}

/// The targets of every `$ref` in `value`.
fn references<'a>(value: &'a Value, found: &mut Vec<&'a str>) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(target)) = object.get("$ref") {
                found.push(target);
            }
            object.values().for_each(|value| references(value, found));
        }
        Value::Array(items) => items.iter().for_each(|value| references(value, found)),
        _ => {}
    }
}

/// A structural check of a JSON Schema (2020-12, as OpenAPI 3.1 uses): known types,
/// `required` naming declared properties, nested schemas well-formed too.
fn check_schema(name: &str, schema: &Value) {
    const TYPES: [&str; 7] = [
        "string", "number", "integer", "boolean", "object", "array", "null",
    ];
    if let Value::Bool(_) = schema {
        return;
    }
    let object = schema
        .as_object()
        .unwrap_or_else(|| panic!("{name}: a schema must be an object or a boolean"));
    match object.get("type") {
        None => {}
        Some(Value::String(kind)) => assert!(TYPES.contains(&kind.as_str()), "{name}: type {kind}"),
        Some(Value::Array(kinds)) => {
            for kind in kinds {
                assert!(
                    TYPES.contains(&kind.as_str().unwrap_or("?")),
                    "{name}: type {kind}"
                );
            }
        }
        Some(other) => panic!("{name}: type {other}"),
    }
    if let Some(properties) = object.get("properties") {
        let properties = properties
            .as_object()
            .unwrap_or_else(|| panic!("{name}: properties"));
        for (property, schema) in properties {
            check_schema(&format!("{name}.{property}"), schema);
        }
        if let Some(required) = object.get("required") {
            for field in required
                .as_array()
                .unwrap_or_else(|| panic!("{name}: required"))
            {
                let field = field
                    .as_str()
                    .unwrap_or_else(|| panic!("{name}: required {field}"));
                assert!(
                    properties.contains_key(field),
                    "{name}: required {field} is not a property"
                );
            }
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(schema) = object.get(key) {
            check_schema(&format!("{name}/{key}"), schema);
        }
    }
    for key in ["oneOf", "anyOf", "allOf", "prefixItems"] {
        if let Some(schemas) = object.get(key) {
            let schemas = schemas
                .as_array()
                .unwrap_or_else(|| panic!("{name}: {key}"));
            assert!(!schemas.is_empty(), "{name}: empty {key}");
            for (index, schema) in schemas.iter().enumerate() {
                check_schema(&format!("{name}/{key}/{index}"), schema);
            }
        }
    }
    if let Some(values) = object.get("enum") {
        assert!(
            values.as_array().is_some_and(|values| !values.is_empty()),
            "{name}: enum"
        );
    }
    if let Some(pattern) = object.get("pattern") {
        assert!(pattern.is_string(), "{name}: pattern");
    }
}

#[tokio::test]
async fn the_document_is_openapi_3_1_with_resolvable_well_formed_schemas() {
    let test_app = TestApp::empty().await;
    let document = served(&test_app).await;
    assert_eq!(document["openapi"], "3.1.0");
    let schemas = document["components"]["schemas"].as_object().unwrap();
    for (name, schema) in schemas {
        check_schema(name, schema);
    }
    let mut targets = Vec::new();
    references(&document, &mut targets);
    assert!(!targets.is_empty());
    for target in targets {
        let name = target
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("unexpected $ref {target}"));
        assert!(schemas.contains_key(name), "$ref {target} does not resolve");
    }
    let mut operation_ids = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path}"));
            assert!(
                operation_ids.insert(id.to_owned()),
                "operationId {id} twice"
            );
            assert!(!operation["responses"].as_object().unwrap().is_empty());
        }
    }
}

fn parameter<'a>(operation: &'a Value, name: &str) -> Option<&'a Value> {
    operation["parameters"]
        .as_array()?
        .iter()
        .find(|parameter| parameter["name"] == name && parameter["in"] == "header")
}

#[tokio::test]
async fn every_operation_documents_the_rules_it_is_subject_to() {
    let test_app = TestApp::empty().await;
    let document = served(&test_app).await;
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let responses = &operation["responses"];
            let context = format!("{method} {path}");
            if path != "/health" {
                assert!(
                    responses["429"]["headers"]["Retry-After"].is_object(),
                    "{context}"
                );
                assert!(responses["401"].is_object(), "{context}");
            }
            if operation.get("requestBody").is_some() {
                assert!(
                    responses["413"].is_object() && responses["415"].is_object(),
                    "{context}"
                );
            }
            if method == "post" {
                let key = parameter(operation, "Idempotency-Key")
                    .unwrap_or_else(|| panic!("{context}: no Idempotency-Key"));
                assert_eq!(key["required"], true, "{context}");
                for status in ["400", "409", "422"] {
                    assert!(responses[status].is_object(), "{context}: {status}");
                }
            }
            let if_match = parameter(operation, "If-Match");
            if ["put", "patch", "delete"].contains(&method.as_str()) {
                assert!(if_match.is_some(), "{context}: no If-Match");
                let key = parameter(operation, "Idempotency-Key")
                    .unwrap_or_else(|| panic!("{context}: no optional Idempotency-Key"));
                assert_eq!(key["required"], false, "{context}");
            }
            if let Some(if_match) = if_match {
                assert_eq!(if_match["required"], true, "{context}");
                assert!(if_match["schema"]["pattern"].is_string(), "{context}");
                assert!(responses["428"].is_object(), "{context}");
                assert!(responses["412"]["headers"]["ETag"].is_object(), "{context}");
                let description = responses["412"]["description"].as_str().unwrap();
                assert!(description.contains("current_version"), "{context}");
            }
        }
    }
}

/// The schema name a request body or 2xx answer refers to (`None`: none, or not JSON).
fn schema_name(part: Option<&Value>) -> Option<String> {
    let content = part?.get("content")?.get("application/json")?;
    let reference = content.get("schema")?.get("$ref")?.as_str()?;
    reference.rsplit('/').next().map(str::to_owned)
}

#[test]
fn the_contract_lists_every_operation_with_its_body_and_answer() {
    let document = serde_json::to_value(api_stub::routes::openapi_document()).unwrap();
    let mut documented = BTreeSet::new();
    let mut types = BTreeSet::new();
    for (path, operations) in document["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            let Some(id) = operation.get("operationId").and_then(Value::as_str) else {
                continue;
            };
            documented.insert((id.to_owned(), method.to_uppercase(), path.clone()));
            let answer = ["200", "201", "204"]
                .iter()
                .find_map(|status| operation["responses"].get(*status));
            types.insert((
                id.to_owned(),
                schema_name(operation.get("requestBody")),
                schema_name(answer),
            ));
        }
    }
    let listed: BTreeSet<(String, String, String)> = contract::operation::ALL
        .iter()
        .map(|(id, method, path)| {
            (
                (*id).to_owned(),
                method.as_str().to_owned(),
                (*path).to_owned(),
            )
        })
        .collect();
    assert_eq!(
        listed, documented,
        "contract::operation and the OpenAPI document differ"
    );

    // The health document is api-stub's own; clients do not decode it.
    let listed_types: BTreeSet<(String, Option<String>, Option<String>)> =
        contract::operation::type_names()
            .into_iter()
            .map(|(id, body, answer)| {
                let answer = if id == "get_health" {
                    Some("Health")
                } else {
                    answer
                };
                (
                    id.to_owned(),
                    body.map(str::to_owned),
                    answer.map(str::to_owned),
                )
            })
            .collect();
    assert_eq!(
        listed_types, types,
        "bodies or answers differ from the OpenAPI document"
    );
}
