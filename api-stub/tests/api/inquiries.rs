//! `/api/v1/inquiries`: the inbox list (filters, orders, pagination, search,
//! counts), one inquiry with its thread, changes and replies; and the helpers the
//! ingest, users and scoping tests share.

mod counts;
mod detail;
mod list;
mod pages;
mod reply;
mod scale;
mod search;
mod update;

use axum::http::Method;
use contract::inquiry::{InquiryPage, InquirySummary};
use serde_json::{Value, json};

use crate::support::{TestApp, TestResponse, json_request};

pub(crate) const OWNER: &str = "demo-brightway-owner";
pub(crate) const MANAGER: &str = "demo-brightway-manager";
/// Li Wei.
pub(crate) const REP: &str = "demo-brightway-rep";
/// Wang Fang.
pub(crate) const REP2: &str = "demo-brightway-rep2";
pub(crate) const PORTAL: &str = "demo-portal-service-token";

/// Every page of `path` (which has a query string), following `next_cursor`;
/// also returns the total (the same on every page) and the number of pages.
pub(crate) async fn walk(
    test_app: &TestApp,
    path: &str,
    token: &str,
) -> (Vec<InquirySummary>, u64, usize) {
    let mut items = Vec::new();
    let mut pages = 0;
    let mut cursor: Option<String> = None;
    let mut total = None;
    loop {
        let url = match &cursor {
            Some(cursor) => format!("{path}&cursor={cursor}"),
            None => path.to_owned(),
        };
        let page: InquiryPage = test_app.get_json(&url, token).await;
        pages += 1;
        assert!(pages < 1000, "pagination does not end");
        assert_eq!(*total.get_or_insert(page.total), page.total, "{url}");
        items.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    (items, total.unwrap_or_default(), pages)
}

/// The ids of `items`, as text.
pub(crate) fn ids(items: &[InquirySummary]) -> Vec<String> {
    items.iter().map(|item| item.id.to_string()).collect()
}

/// `method path` as `token` with a JSON body and, when given, `If-Match`.
pub(crate) async fn send(
    test_app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    if_match: Option<&str>,
    body: &Value,
) -> TestResponse {
    let mut request = json_request(method, path, token, body);
    if let Some(version) = if_match {
        request
            .headers_mut()
            .insert("if-match", version.parse().unwrap());
    }
    test_app.send(request).await
}

/// `PATCH /inquiries/{id}` with `If-Match: "<version>"`.
pub(crate) async fn patch(
    test_app: &TestApp,
    id: &str,
    token: &str,
    version: u64,
    body: Value,
) -> TestResponse {
    let path = format!("/api/v1/inquiries/{id}");
    let etag = format!("\"{version}\"");
    send(test_app, Method::PATCH, &path, token, Some(&etag), &body).await
}

/// A typical ingest body for `member`: a US walk-in buyer asking for panels.
pub(crate) fn new_inquiry(member: &str, portal_inquiry_id: &str) -> Value {
    json!({
        "member_id": member,
        "portal_inquiry_id": portal_inquiry_id,
        "kind": "product",
        "buyer": {
            "name": "Pat Quinn",
            "company": "Quinn Facility Supplies",
            "email": "pat@quinn-facility.example",
            "country": "US",
            "city": "Boston",
            "verified": false
        },
        "product": { "name": "LED Panel Light 600×600 40W", "category": "LED panel lights" },
        "subject": "Panels for a school refurbishment",
        "message": "Hello, we are refurbishing a school in Boston and need LED panels. \
                    Please quote your best FOB price, lead time and payment terms.",
        "requirement": {
            "quantity": { "value": "500", "unit": "piece" },
            "sample_wanted": false,
            "oem": false
        }
    })
}

/// `POST /ingest/inquiries` with the portal's token.
pub(crate) async fn ingest(test_app: &TestApp, body: &Value) -> TestResponse {
    let request = json_request(Method::POST, "/api/v1/ingest/inquiries", PORTAL, body);
    test_app.send(request).await
}

/// The id of user `name`.
pub(crate) async fn user_id(test_app: &TestApp, name: &str) -> String {
    test_app
        .scalar("SELECT id FROM users WHERE name = $1", name)
        .await
}
