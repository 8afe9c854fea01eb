//! `/api/v1/quotes`: creating drafts with the contract's arithmetic and
//! validation here, and the helpers every quote test shares; numbering and the
//! list in [`list`], the revision flow in [`flow`], tenant isolation,
//! references and client-chosen ids in [`isolation`], the demo seed in [`seed`],
//! and property tests of the stored totals in [`property`].

use std::collections::HashSet;

use api_stub::seed::MUELLER_HANDELS_CUSTOMER_ID;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use contract::incoterm::Incoterm;
use contract::inquiry::InquiryStatus;
use contract::money::Currency;
use contract::quantity::{Quantity, Unit};
use contract::quote::totals::{line_totals, quote_totals};
use contract::quote::{
    Discount, LineInput, LineKind, PaymentMethod, PaymentTerms, Quote, QuoteCharges, QuoteDraft,
    QuotePage, QuoteStatus, QuoteTerms,
};
use rust_decimal::Decimal;
use time::{Duration, OffsetDateTime};

use crate::support::{TestApp, TestResponse, member_id};

mod flow;
mod isolation;
mod list;
mod property;
mod seed;

const OWNER: &str = "demo-brightway-owner";
const REP: &str = "demo-brightway-rep";
const OTHER_MEMBER: &str = "demo-evergreen-owner";

fn decimal(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn today() -> time::Date {
    OffsetDateTime::now_utc().date()
}

fn product_line(quantity: &str, price: &str) -> LineInput {
    LineInput {
        section: Some("Lighting".into()),
        kind: LineKind::Product,
        product_id: None,
        sku: Some("BW-P6060-40".into()),
        name: "LED panel 600×600 40 W".into(),
        description: "4000 K, UGR<19".into(),
        hs_code: Some("9405.42".into()),
        origin: Some("CN".parse().unwrap()),
        quantity: Quantity {
            value: decimal(quantity),
            unit: Unit::Piece,
        },
        unit_price: decimal(price),
        discount: None,
        optional: false,
    }
}

/// The UX brief's quote: 2,000 panels less 3 %, a free sample, freight; plus
/// insurance, a quote discount and tax so that every rule is exercised.
fn sample_draft() -> QuoteDraft {
    let mut panel = product_line("2000", "11.80");
    panel.discount = Some(Discount::Percent(decimal("3")));
    let mut sample = product_line("2", "0");
    sample.kind = LineKind::Sample;
    let mut freight = product_line("1", "350");
    freight.kind = LineKind::Freight;
    freight.name = "Freight to Ningbo port".into();
    let mut option = product_line("100", "2.35");
    option.optional = true;
    QuoteDraft {
        id: None,
        customer_id: None,
        contact_id: None,
        inquiry_id: None,
        terms: QuoteTerms {
            currency: Currency::EUR,
            exchange_rate_note: None,
            incoterm: Incoterm::FOB,
            named_place: "Ningbo".into(),
            port_of_loading: Some("Ningbo".into()),
            port_of_destination: Some("Hamburg".into()),
            shipping_method: None,
            lead_time_days: Some(25),
            payment: PaymentTerms {
                method: PaymentMethod::TelegraphicTransfer,
                deposit_percent: Some(decimal("30")),
                net_days: None,
                balance_terms: Some("70 % against copy of B/L".into()),
            },
            valid_until: today() + Duration::days(30),
            buyer_notes: String::new(),
            internal_notes: String::new(),
        },
        lines: vec![panel, sample, freight, option],
        charges: QuoteCharges {
            shipping: decimal("12.50"),
            insurance: decimal("1.25"),
            tax_percent: decimal("7.5"),
            discount: Some(Discount::Percent(decimal("2.5"))),
        },
        expected_total: None,
    }
}

async fn call(
    test_app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    if_match: Option<&str>,
    body: Option<&QuoteDraft>,
) -> TestResponse {
    let is_post = method == Method::POST;
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    if is_post {
        // Required on every POST; a fresh one runs every request.
        request = request.header("idempotency-key", uuid::Uuid::new_v4().to_string());
    }
    if let Some(version) = if_match {
        request = request.header(header::IF_MATCH, version);
    }
    let body = match body {
        Some(draft) => {
            request = request.header(header::CONTENT_TYPE, "application/json");
            Body::from(serde_json::to_vec(draft).unwrap())
        }
        None => Body::empty(),
    };
    test_app.send(request.body(body).unwrap()).await
}

async fn create(test_app: &TestApp, token: &str, draft: &QuoteDraft) -> Quote {
    let response = call(
        test_app,
        Method::POST,
        "/api/v1/quotes",
        token,
        None,
        Some(draft),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

/// `POST /quotes/{id}/{action}` with the quote's current version as If-Match.
async fn act(test_app: &TestApp, quote: &Quote, action: &str, token: &str) -> TestResponse {
    let path = format!("/api/v1/quotes/{}/{action}", quote.id);
    let etag = quote.version.etag();
    call(test_app, Method::POST, &path, token, Some(&etag), None).await
}

async fn act_ok(test_app: &TestApp, quote: &Quote, action: &str) -> Quote {
    let response = act(test_app, quote, action, OWNER).await;
    assert!(
        response.status.is_success(),
        "{action}: {}",
        response.text()
    );
    response.json()
}

async fn get_quote(test_app: &TestApp, id: impl std::fmt::Display) -> Quote {
    test_app
        .get_json(&format!("/api/v1/quotes/{id}"), OWNER)
        .await
}

async fn inquiry_status(test_app: &TestApp, id: &str) -> (InquiryStatus, i64) {
    let (status, version): (String, i64) =
        sqlx::query_as("SELECT status, version FROM inquiries WHERE id = $1")
            .bind(id)
            .fetch_one(&test_app.pool)
            .await
            .unwrap();
    (status.parse().unwrap(), version)
}

/// A Brightway inquiry with `status` that is linked to a customer.
async fn inquiry_with_status(test_app: &TestApp, status: &str) -> (String, String) {
    let member = member_id(test_app, "Ningbo").await;
    sqlx::query_as(
        "SELECT id, customer_id FROM inquiries WHERE member_id = $1 AND status = $2
         AND customer_id IS NOT NULL ORDER BY received_at DESC LIMIT 1",
    )
    .bind(member)
    .bind(status)
    .fetch_one(&test_app.pool)
    .await
    .unwrap()
}

async fn feed_entries(test_app: &TestApp, entity: &str, id: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM change_log WHERE entity = $1 AND entity_id = $2")
        .bind(entity)
        .bind(id)
        .fetch_one(&test_app.pool)
        .await
        .unwrap()
}

/// A sent quote for an open inquiry of a Brightway customer.
async fn sent_quote(test_app: &TestApp) -> (Quote, String) {
    let (inquiry, _) = inquiry_with_status(test_app, "open").await;
    let mut draft = sample_draft();
    draft.inquiry_id = Some(inquiry.parse().unwrap());
    let quote = create(test_app, OWNER, &draft).await;
    (act_ok(test_app, &quote, "send").await, inquiry)
}

/// Moves the quote's validity date (column and terms) into the past.
async fn expire(test_app: &TestApp, quote: &Quote) {
    let terms: String = sqlx::query_scalar("SELECT terms FROM quotes WHERE id = $1")
        .bind(quote.id.to_string())
        .fetch_one(&test_app.pool)
        .await
        .unwrap();
    let mut terms: serde_json::Value = serde_json::from_str(&terms).unwrap();
    terms["valid_until"] = "2020-01-31".into();
    sqlx::query("UPDATE quotes SET valid_until = '2020-01-31', terms = $1 WHERE id = $2")
        .bind(terms.to_string())
        .bind(quote.id.to_string())
        .execute(&test_app.pool)
        .await
        .unwrap();
}

#[tokio::test]
async fn creating_computes_every_figure_with_the_contract_s_arithmetic() {
    let test_app = TestApp::seeded().await;
    let draft = sample_draft();
    let response = call(
        &test_app,
        Method::POST,
        "/api/v1/quotes",
        REP,
        None,
        Some(&draft),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let quote: Quote = response.json();
    assert_eq!(
        response.header(header::LOCATION),
        format!("/api/v1/quotes/{}", quote.id)
    );
    assert_eq!(response.header(header::ETAG), "\"1\"");
    let expected = quote_totals(&draft.lines, &draft.charges, Currency::EUR);
    assert_eq!(quote.totals, expected);
    assert_eq!(quote.totals.subtotal, decimal("23242.00"));
    for (line, input) in quote.lines.iter().zip(&draft.lines) {
        assert_eq!(line.totals, line_totals(input, Currency::EUR));
    }
    assert_eq!(
        quote
            .lines
            .iter()
            .map(|line| line.position)
            .collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    assert_eq!((quote.revision, quote.status), (1, QuoteStatus::Draft));
    assert_eq!(quote.revised_from, None);
    assert_eq!(quote.created_by.name, "Li Wei");
    assert_eq!(quote.terms, draft.terms);
    assert_eq!(quote.charges, draft.charges);
    let year = today().year();
    assert!(
        quote.number.starts_with(&format!("Q-{year}-")) && quote.number.len() == 11,
        "{}",
        quote.number
    );
    assert_eq!(get_quote(&test_app, quote.id).await, quote);
    assert_eq!(
        feed_entries(&test_app, "quote", &quote.id.to_string()).await,
        1
    );
}

#[tokio::test]
async fn an_expected_total_other_than_the_server_s_is_rejected() {
    let test_app = TestApp::seeded().await;
    let mut draft = sample_draft();
    let total = quote_totals(&draft.lines, &draft.charges, Currency::EUR).total;
    draft.expected_total = Some(total + decimal("0.01"));
    let response = call(
        &test_app,
        Method::POST,
        "/api/v1/quotes",
        OWNER,
        None,
        Some(&draft),
    )
    .await;
    let problem = response.problem(StatusCode::UNPROCESSABLE_ENTITY, Some("/expected_total"));
    assert!(
        problem.errors[0].message.contains(&total.to_string()),
        "names the server's total: {problem:?}"
    );
    // The same total written with more trailing zeros is the same amount.
    draft.expected_total = Some(decimal(&format!("{total}0")));
    create(&test_app, OWNER, &draft).await;
}

#[tokio::test]
async fn each_invalid_draft_field_is_named_and_nothing_is_stored() {
    let test_app = TestApp::seeded().await;
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM quotes")
        .fetch_one(&test_app.pool)
        .await
        .unwrap();
    type Mutation = fn(&mut QuoteDraft);
    let cases: [(&str, Mutation, &str); 12] = [
        (
            "negative quantity",
            |draft| draft.lines[0].quantity.value = decimal("-5"),
            "/lines/0/quantity/value",
        ),
        (
            "yen with decimals",
            |draft| {
                draft.terms.currency = Currency::JPY;
                draft.charges = QuoteCharges::default();
                draft.lines[0].unit_price = decimal("1.5");
            },
            "/lines/0/unit_price",
        ),
        (
            "dollars with three decimals",
            |draft| {
                draft.terms.currency = Currency::USD;
                draft.lines[0].unit_price = decimal("11.805");
            },
            "/lines/0/unit_price",
        ),
        (
            "dinars with four decimals",
            |draft| {
                draft.terms.currency = Currency::KWD;
                draft.lines[0].unit_price = decimal("1.1255");
            },
            "/lines/0/unit_price",
        ),
        (
            "validity in the past",
            |draft| draft.terms.valid_until = today() - Duration::days(1),
            "/terms/valid_until",
        ),
        (
            "no named place",
            |draft| draft.terms.named_place = "  ".into(),
            "/terms/named_place",
        ),
        ("no lines", |draft| draft.lines.clear(), "/lines"),
        (
            "line discount over its amount",
            |draft| {
                draft.lines[0].discount = Some(Discount::Amount(decimal("23600.01")));
            },
            "/lines/0/discount/amount",
        ),
        (
            "quote discount over the subtotal",
            |draft| {
                draft.charges.discount = Some(Discount::Amount(decimal("1000000")));
            },
            "/charges/discount/amount",
        ),
        (
            "percentage over 100",
            |draft| {
                draft.charges.discount = Some(Discount::Percent(decimal("101")));
            },
            "/charges/discount/percent",
        ),
        (
            "open account without days",
            |draft| draft.terms.payment.method = PaymentMethod::OpenAccount,
            "/terms/payment/net_days",
        ),
        (
            "a quantity too large to compute with",
            |draft| {
                draft.lines[0].quantity.value = decimal("10000000000000000000000");
            },
            "/lines/0/quantity/value",
        ),
    ];
    for (case, mutate, field) in cases {
        let mut draft = sample_draft();
        mutate(&mut draft);
        let response = call(
            &test_app,
            Method::POST,
            "/api/v1/quotes",
            OWNER,
            None,
            Some(&draft),
        )
        .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{case}");
        response.problem(StatusCode::UNPROCESSABLE_ENTITY, Some(field));
    }
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM quotes")
        .fetch_one(&test_app.pool)
        .await
        .unwrap();
    assert_eq!(before, after);
}
