//! `POST /ingest/inquiries`: new inquiries from the portal's back end.
//!
//! Authenticated with the portal's service token ([`PortalCaller`]), never a
//! member's. In one transaction the inquiry is linked to a customer (or one is
//! created, see [`link`]), scored ([`crate::scoring`]), assigned
//! ([`crate::assignment`]) and stored with its first message, search row, score
//! reasons and assignment history; the change feed learns of the inquiry and of
//! the customer. The portal's inquiry id makes the call idempotent: the same
//! `(member_id, portal_inquiry_id)` again answers 200 with the first result.

mod link;
mod replay;
mod store;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use contract::customer::LifecycleStage;
use contract::ids::InquiryId;
use contract::inquiry::{Assignment, IngestInquiry, IngestedInquiry};
use contract::validation::FieldErrors;
use time::{Duration, OffsetDateTime};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::assignment::{self, Arrival, HistoryEntry, ReturningCustomer};
use crate::change_log::{self, Entity};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::portal_auth::PortalCaller;
use crate::scoring::{self, KnownCustomer, REPEAT_WINDOW_DAYS, ScoreInput};
use crate::sql::DbConnection;
use crate::stored::timestamp_to_text;
use crate::text::{guess_language, is_language_tag, message_fingerprint};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(ingest_inquiry))
}

/// How far in the future a `received_at` may lie (clocks drift).
const CLOCK_SKEW: Duration = Duration::minutes(5);

/// Takes over an inquiry a buyer sent to a member on the portal: links or creates
/// the customer (by contact e-mail, then company e-mail domain, then company
/// name), scores it with its reasons, assigns it (the returning customer's owner,
/// then the member's country and product-category rules, then round robin or the
/// least busy rep), and puts it in the member's inbox as new and unread.
#[utoipa::path(
    post,
    path = "/ingest/inquiries",
    tag = "ingest",
    security(("portal_token" = [])),
    request_body = IngestInquiry,
    responses(
        (status = 201, description = "Taken over; `Location` is the inquiry", body = IngestedInquiry,
            headers(("Location" = String, description = "The inquiry's URL"))),
        (status = 200, description = "This portal inquiry id was taken over before: the first result", body = IngestedInquiry),
        (status = 400, description = "Malformed JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No portal service token (a member's token is not one)", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Taken over before, but its customer has since been deleted", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, including an unknown `member_id` or `product_id`", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn ingest_inquiry(
    State(state): State<AppState>,
    portal: PortalCaller,
    ApiJson(inquiry): ApiJson<IngestInquiry>,
) -> Result<Response, ApiError> {
    take_over(&state, inquiry, &portal.label).await
}

/// What `POST /ingest/inquiries` does once the portal is authenticated; also
/// the demo portal's own buyer form (`crate::storefront`).
pub(crate) async fn take_over(
    state: &AppState,
    inquiry: IngestInquiry,
    portal: &str,
) -> Result<Response, ApiError> {
    let now = super::inquiries::now_as_stored();
    let language = check(&inquiry, now)?;
    let mut transaction = crate::database::begin_write(&state.database).await?;
    let member = inquiry.member_id;
    let target_hours: Option<i64> =
        sqlx::query_scalar("SELECT response_target_hours FROM members WHERE id = $1")
            .bind(member.to_string())
            .fetch_optional(&mut *transaction)
            .await?;
    let Some(target_hours) = target_hours else {
        return Err(ApiError::invalid_field(
            "/member_id",
            "is not a member company of this portal",
        ));
    };
    if let Some(first) =
        replay::replay(&mut transaction, member, inquiry.portal_inquiry_id.trim()).await?
    {
        return Ok((StatusCode::OK, Json(first)).into_response());
    }
    let product = product_details(&mut transaction, &inquiry).await?;

    let received_at = inquiry.received_at.unwrap_or(now);
    let fingerprint = message_fingerprint(&inquiry.message);
    let same_text_before: i64 =
        match &fingerprint {
            Some(fingerprint) => sqlx::query_scalar(
                "SELECT COUNT(*) FROM inquiries WHERE member_id = $1 AND message_fingerprint = $2
               AND received_at >= $3 AND received_at <= $4",
            )
            .bind(member.to_string())
            .bind(fingerprint)
            .bind(timestamp_to_text(
                received_at - Duration::days(REPEAT_WINDOW_DAYS),
            ))
            .bind(timestamp_to_text(received_at))
            .fetch_one(&mut *transaction)
            .await?,
            None => 0,
        };
    let existing = link::find(&mut transaction, member, &inquiry.buyer).await?;
    let existing = existing.map(|(customer, _how)| customer);
    let score = scoring::score(&ScoreInput {
        email: inquiry.buyer.email.trim(),
        company: &inquiry.buyer.company,
        verified: inquiry.buyer.verified,
        message: &inquiry.message,
        requirement: &inquiry.requirement,
        known_customer: existing.as_ref().map(|customer| KnownCustomer {
            name: &customer.name,
            has_ordered: matches!(
                customer.stage,
                LifecycleStage::Customer | LifecycleStage::Repeat
            ),
        }),
        same_text_before: u32::try_from(same_text_before).unwrap_or(u32::MAX),
    });
    let decision = assignment::assign(
        &mut transaction,
        member,
        &Arrival {
            country: inquiry.buyer.country.as_str(),
            product_category: product.category.as_deref(),
            returning_customer: existing.as_ref().map(|customer| ReturningCustomer {
                name: &customer.name,
                owner: customer.owner,
            }),
        },
    )
    .await?;
    let assignee = decision.assignee.as_ref().map(|user| user.id);
    let returning_customer = existing.is_some();
    let customer = match existing {
        Some(customer) => customer,
        None => {
            link::create(
                &mut transaction,
                member,
                &inquiry.buyer,
                language.as_deref(),
                assignee,
                now,
            )
            .await?
        }
    };

    let id = InquiryId(uuid::Uuid::new_v4());
    let stored = store::Stored {
        id,
        member,
        inquiry: &inquiry,
        customer: &customer,
        product: &product,
        received_at,
        due_at: received_at + Duration::hours(target_hours),
        assignee,
        score: score.value,
        language: language.as_deref(),
        fingerprint: fingerprint.as_deref(),
        now,
    };
    store::insert(&mut transaction, &stored).await?;
    store::store_reasons(&mut transaction, &id.to_string(), &score.reasons).await?;
    assignment::append_history(
        &mut transaction,
        &id.to_string(),
        &HistoryEntry {
            assignee,
            rule: decision.rule,
            by: None,
            explanation: &decision.explanation,
            at: now,
        },
    )
    .await?;
    change_log::record(&mut transaction, member, Entity::Inquiry, id, now).await?;
    // A new customer, or an existing one whose inquiry count and last contact changed.
    change_log::record(&mut transaction, member, Entity::Customer, customer.id, now).await?;
    state.changes.commit(transaction, member).await?;
    tracing::info!(%portal, inquiry = %id, %member, "inquiry ingested");

    let body = IngestedInquiry {
        inquiry_id: id,
        customer_id: customer.id,
        returning_customer,
        score: score.value,
        score_reasons: score.reasons,
        assignment: Assignment {
            assignee: decision.assignee,
            at: now,
            rule: decision.rule,
            by: None,
            explanation: decision.explanation,
        },
    };
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    let location = [contract::API_PREFIX, "/inquiries/", &id.to_string()].concat();
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// Validates what can be checked without the database; returns the language of
/// the buyer's message (given, or guessed from the text).
fn check(inquiry: &IngestInquiry, now: OffsetDateTime) -> Result<Option<String>, ApiError> {
    let mut errors = FieldErrors::new();
    errors.extend_nested("", inquiry.validate());
    let language = match inquiry.buyer.language.as_deref().map(str::trim) {
        Some(tag) if !tag.is_empty() => {
            errors.check(
                is_language_tag(tag),
                "/buyer/language",
                "must be a BCP 47 language tag such as en or zh-Hans",
            );
            Some(tag.to_owned())
        }
        _ => guess_language(&inquiry.message).map(str::to_owned),
    };
    if let Some(received_at) = inquiry.received_at {
        errors.check(
            received_at <= now + CLOCK_SKEW,
            "/received_at",
            "must not be in the future",
        );
    }
    if let Some(price) = &inquiry.requirement.target_price {
        errors.check(
            price.amount > rust_decimal::Decimal::ZERO,
            "/requirement/target_price/amount",
            "must be more than zero",
        );
    }
    for (field, text, max) in [
        ("/buyer/phone", inquiry.buyer.phone.as_deref(), 50),
        ("/buyer/city", inquiry.buyer.city.as_deref(), 100),
        (
            "/requirement/destination/place",
            inquiry
                .requirement
                .destination
                .as_ref()
                .and_then(|destination| destination.place.as_deref()),
            200,
        ),
        (
            "/product/category",
            inquiry
                .product
                .as_ref()
                .and_then(|product| product.category.as_deref()),
            100,
        ),
    ] {
        if let Some(text) = text {
            errors.check(
                text.chars().count() <= max,
                field,
                format!("must have at most {max} characters"),
            );
        }
    }
    errors.finish().map_err(ApiError::Validation)?;
    Ok(language)
}

/// The product as stored: the catalog's category when the portal names a product
/// of the member and gives no category itself.
pub(super) struct ProductDetails {
    pub(super) id: Option<String>,
    pub(super) name: Option<String>,
    pub(super) category: Option<String>,
}

async fn product_details(
    connection: &mut DbConnection,
    inquiry: &IngestInquiry,
) -> Result<ProductDetails, ApiError> {
    let Some(product) = &inquiry.product else {
        return Ok(ProductDetails {
            id: None,
            name: None,
            category: None,
        });
    };
    let given_category = product
        .category
        .as_deref()
        .map(str::trim)
        .filter(|category| !category.is_empty())
        .map(str::to_owned);
    let category = match product.product_id {
        Some(product_id) => {
            let catalog: Option<String> = sqlx::query_scalar(
                "SELECT category FROM products WHERE id = $1 AND member_id = $2",
            )
            .bind(product_id.to_string())
            .bind(inquiry.member_id.to_string())
            .fetch_optional(&mut *connection)
            .await?;
            let Some(catalog) = catalog else {
                return Err(ApiError::invalid_field(
                    "/product/product_id",
                    "is not a product of this member",
                ));
            };
            given_category.or(Some(catalog))
        }
        None => given_category,
    };
    Ok(ProductDetails {
        id: product.product_id.map(|id| id.to_string()),
        name: Some(product.name.trim().to_owned()),
        category,
    })
}
