//! Buyer companies of the caller's member: the list, the card with its contacts and
//! metrics, creating and changing customers and contacts, logged activities and the
//! timeline.
//!
//! Every user of a member sees every customer of it and the customer's aggregate
//! figures (only inquiries themselves are per assignee: a rep's timeline shows the
//! inquiries assigned to them). Another member's customer answers 404, exactly like
//! one that does not exist.

mod activities;
mod contacts;
pub(super) mod cursor;
mod list;
mod merge;
mod metrics;
pub(super) mod params;
mod row;
pub(super) mod search;
mod timeline;
mod transfer;
mod write;

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use contract::change::ChangedRecord;
use contract::customer::Customer;
use contract::ids::CustomerId;
use time::OffsetDateTime;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use self::row::{CONTACT_SELECT, CUSTOMER_SELECT, ContactRow, CustomerRow};
use crate::AppState;
use crate::auth::Caller;
use crate::concurrency::{Tagged, stored_version};
use crate::error::ApiError;
use crate::extract::{ApiPath, parse_path_id};
use crate::sql::DbPool;
use crate::stored::{enum_from_text, timestamp_from_text};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list_customers, write::create_customer))
        .routes(routes!(get_customer, write::update_customer))
        .routes(routes!(transfer::export_customers))
        .routes(routes!(transfer::import_customers))
        .routes(routes!(merge::list_duplicates))
        .routes(routes!(merge::merge_customer))
        .merge(contacts::routes())
        .merge(activities::routes())
        .merge(timeline::routes())
}

/// The customer row `id` of `caller`'s member, if there is one.
async fn find_row(
    database: &DbPool,
    caller: &Caller,
    id: &str,
) -> Result<Option<CustomerRow>, ApiError> {
    let sql = [CUSTOMER_SELECT, " WHERE c.id = $1 AND c.member_id = $2"].concat();
    Ok(sqlx::query_as(&sql)
        .bind(id)
        .bind(caller.member_id.to_string())
        .fetch_optional(database)
        .await?)
}

fn not_found(id: impl std::fmt::Display) -> ApiError {
    ApiError::NotFound(format!("There is no customer {id}."))
}

/// 404 unless customer `id` belongs to the caller's member.
pub(super) async fn ensure_exists(
    connection: &mut crate::sql::DbConnection,
    caller: &Caller,
    id: CustomerId,
) -> Result<(), ApiError> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM customers WHERE id = $1 AND member_id = $2")
            .bind(id.to_string())
            .bind(caller.member_id.to_string())
            .fetch_optional(connection)
            .await?;
    found.map(|_| ()).ok_or_else(|| not_found(id))
}

/// The whole customer card as it is now, with its version.
async fn load_customer(
    database: &DbPool,
    caller: &Caller,
    id: CustomerId,
) -> Result<Tagged<Customer>, ApiError> {
    let row = find_row(database, caller, &id.to_string())
        .await?
        .ok_or_else(|| not_found(id))?;
    let contacts: Vec<ContactRow> = sqlx::query_as(
        &[
            CONTACT_SELECT,
            " JOIN customers c ON c.id = k.customer_id
              WHERE k.customer_id = $1 AND c.member_id = $2 ORDER BY k.position, k.id",
        ]
        .concat(),
    )
    .bind(&row.id)
    .bind(caller.member_id.to_string())
    .fetch_all(database)
    .await?;
    let summary = row.summary()?;
    let subject = metrics::Subject {
        member_id: &caller.member_id.to_string(),
        customer_id: &row.id,
        tier: summary.tier,
        last_contact_at: summary.last_contact_at,
    };
    let metrics = metrics::compute(database, &subject, OffsetDateTime::now_utc()).await?;
    let customer = Customer {
        website: row.website.clone(),
        industry: row.industry.clone(),
        size: row
            .size
            .as_deref()
            .map(|size| enum_from_text("size", size))
            .transpose()?,
        verified: row.verified,
        source: enum_from_text("source", &row.source)?,
        contacts: contacts
            .into_iter()
            .map(ContactRow::into_contact)
            .collect::<Result<_, _>>()?,
        metrics,
        created_at: timestamp_from_text(&row.created_at)?,
        summary,
    };
    Ok(Tagged::ok(stored_version(row.version), customer))
}

/// A `Location` header for `path` under the API prefix, added to `response`.
pub(super) fn with_location(path: &str, response: impl IntoResponse) -> Response {
    let mut response = response.into_response();
    if let Ok(value) = HeaderValue::from_str(&[contract::API_PREFIX, path].concat()) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// One customer, with its contacts and computed metrics; the `ETag` is the
/// customer's version (contacts carry their own).
#[utoipa::path(
    get,
    path = "/customers/{id}",
    tag = "customers",
    params(("id" = uuid::Uuid, Path, description = "The customer's id")),
    responses(
        (status = 200, description = "The customer", body = Customer,
            headers(("ETag" = String, description = "The customer's version"))),
        (status = 400, description = "Malformed id", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such customer for the caller", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn get_customer(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Tagged<Customer>, ApiError> {
    let id: CustomerId = parse_path_id("id", &id)?;
    load_customer(&state.database, &caller, id).await
}

/// The customer as the change feed carries it: its list row now, `None` once deleted.
pub(crate) async fn feed_record(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<ChangedRecord, ApiError> {
    let id: CustomerId = parse_path_id("id", id)?;
    let current = match find_row(&state.database, caller, &id.to_string()).await? {
        Some(row) => Some(row.summary()?),
        None => None,
    };
    Ok(ChangedRecord::Customer { id, current })
}
