//! The demo portal's buyer side: `POST /demo/buyer-inquiries` takes the product
//! page's inquiry form (`host-demo/product.html`) and hands it to the same
//! take-over as `POST /ingest/inquiries`, as a portal's own back end would after
//! its buyer submitted the form. Served only with `--seed-demo`, outside the
//! REST API: a real portal's buyer form posts to the portal, never to the CRM.

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use contract::ids::{MemberId, ProductId};
use contract::inquiry::{IngestBuyer, IngestInquiry, IngestProduct, InquiryKind, Requirement};
use serde::Deserialize;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::seed;

/// Where the demo's buyer form posts.
pub const PATH: &str = "/demo/buyer-inquiries";

/// The product page's form, as the buyer filled it in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BuyerForm {
    buyer: IngestBuyer,
    message: String,
    #[serde(default)]
    requirement: Requirement,
}

/// The routes, when `settings.demo_storefront` is on.
pub fn router(state: &AppState) -> Router<AppState> {
    if state.settings.demo_storefront {
        Router::new().route(PATH, post(buyer_inquiry))
    } else {
        Router::new()
    }
}

async fn buyer_inquiry(
    State(state): State<AppState>,
    ApiJson(form): ApiJson<BuyerForm>,
) -> Result<Response, ApiError> {
    let (member, product) = seed::demo_storefront_ids();
    let inquiry = IngestInquiry {
        member_id: MemberId(member),
        portal_inquiry_id: format!("demo-storefront-{}", uuid::Uuid::new_v4()),
        kind: InquiryKind::Product,
        buyer: form.buyer,
        product: Some(IngestProduct {
            product_id: Some(ProductId(product)),
            name: seed::DEMO_STOREFRONT_PRODUCT.to_owned(),
            category: None,
        }),
        subject: ["Inquiry: ", seed::DEMO_STOREFRONT_PRODUCT].concat(),
        message: form.message,
        requirement: form.requirement,
        received_at: None,
    };
    crate::routes::ingest::take_over(&state, inquiry, "demo storefront").await
}
