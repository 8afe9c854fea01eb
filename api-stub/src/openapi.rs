//! The OpenAPI 3.1 document of the API, generated from the handlers'
//! `#[utoipa::path]` annotations and the `contract` types' schemas. Served at
//! `/api/v1/openapi.json` and committed as `contract/openapi.json`
//! (`cargo xtask openapi` writes it; a test fails when it is stale).
//!
//! The handlers document what is theirs; [`CrossCuttingRules`] adds to every
//! operation what the layers enforce on all of them: idempotency keys on POST,
//! `If-Match` on updates, the rate and body limits.

mod rules;

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

pub use self::rules::CrossCuttingRules;

/// The document's fixed parts; the paths come from the routers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "CRM widgets REST API",
        version = "1.0.0",
        description = "The contract between the embeddable CRM widgets and a B2B portal's back end. \
            Every endpoint but /health, /openapi.json and /ingest/inquiries takes a member user's bearer token; \
            every answer is scoped to that user's member company. Errors are RFC 9457 problem documents.",
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0")
    ),
    servers((url = "/api/v1", description = "This server")),
    modifiers(&BearerTokens),
    security(("member_token" = [])),
    tags(
        (name = "health", description = "Liveness"),
        (name = "me", description = "The caller and their member company"),
        (name = "users", description = "The member's people"),
        (name = "inquiries", description = "Buyer inquiries and their threads"),
        (name = "ingest", description = "New inquiries from the portal's back end"),
        (name = "customers", description = "Buyer companies, contacts, timeline, reminders"),
        (name = "products", description = "The member's catalog"),
        (name = "quotes", description = "Quotations and their revisions"),
        (name = "changes", description = "The change feed for caches and live updates")
    )
)]
pub struct ApiDoc;

/// Declares the two bearer schemes: member users' tokens and the portal's service token.
struct BearerTokens;

impl Modify for BearerTokens {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "member_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A member user's token, handed to the widgets through configure().",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "portal_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "The portal back end's service token, for the ingest endpoint only.",
                    ))
                    .build(),
            ),
        );
    }
}
