//! `GET /customers/{id}`: one buyer company of the caller's member, with its contacts.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use contract::customer::{Contact, Customer};
use contract::ids::CustomerId;
use contract::user::UserRef;

use super::api_path;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::{ApiPath, parse_path_id};
use crate::stored::{enum_from_text, parse_stored};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route(&api_path("/customers/{id}"), get(get_customer))
}

#[derive(sqlx::FromRow)]
struct CustomerRow {
    id: String,
    name: String,
    country: String,
    website: Option<String>,
    business_type: String,
    tier: String,
    stage: String,
    owner_id: Option<String>,
    owner_name: Option<String>,
    inquiry_count: i64,
}

/// Every rep of the member sees every customer (only inquiries are per assignee);
/// another member's customer is a 404, exactly like one that does not exist.
async fn get_customer(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Customer>, ApiError> {
    let id: CustomerId = parse_path_id("id", &id)?;
    let row: Option<CustomerRow> = sqlx::query_as(
        "SELECT c.id, c.name, c.country, c.website, c.business_type, c.tier, c.stage,
                c.owner_id, o.name AS owner_name,
                (SELECT COUNT(*) FROM inquiries i
                 WHERE i.customer_id = c.id AND i.member_id = c.member_id) AS inquiry_count
         FROM customers c LEFT JOIN users o ON o.id = c.owner_id
         WHERE c.id = ? AND c.member_id = ?",
    )
    .bind(id.to_string())
    .bind(caller.member_id.to_string())
    .fetch_optional(&state.database)
    .await?;
    let row = row.ok_or_else(|| ApiError::NotFound(format!("There is no customer {id}.")))?;
    let contacts: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT name, title, email FROM contacts WHERE customer_id = ? ORDER BY position",
    )
    .bind(&row.id)
    .fetch_all(&state.database)
    .await?;
    let owner = match (row.owner_id, row.owner_name) {
        (Some(owner_id), Some(name)) => Some(UserRef {
            id: parse_stored("user id", &owner_id)?,
            name,
        }),
        _ => None,
    };
    Ok(Json(Customer {
        id: parse_stored("customer id", &row.id)?,
        name: row.name,
        country: parse_stored("country", &row.country)?,
        website: row.website,
        business_type: enum_from_text("business type", &row.business_type)?,
        tier: enum_from_text("tier", &row.tier)?,
        stage: enum_from_text("stage", &row.stage)?,
        owner,
        contacts: contacts
            .into_iter()
            .map(|(name, title, email)| Contact { name, title, email })
            .collect(),
        inquiry_count: u32::try_from(row.inquiry_count).unwrap_or(u32::MAX),
    }))
}
