//! `GET /customers/{id}`: one buyer company of the caller's member, with its contacts.

use axum::Json;
use axum::extract::State;
use contract::customer::{
    Contact, Customer, CustomerHealth, CustomerMetrics, CustomerSummary, HealthStatus,
};
use contract::ids::CustomerId;
use contract::user::UserRef;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Caller;
use crate::concurrency::stored_version;
use crate::error::ApiError;
use crate::extract::{ApiPath, parse_path_id};
use crate::stored::{StoredValueError, enum_from_text, parse_stored, timestamp_from_text};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_customer))
}

#[derive(sqlx::FromRow)]
struct CustomerRow {
    id: String,
    name: String,
    country: String,
    website: Option<String>,
    industry: Option<String>,
    size: Option<String>,
    verified: bool,
    source: String,
    business_type: String,
    tier: String,
    stage: String,
    owner_id: Option<String>,
    owner_name: Option<String>,
    inquiry_count: i64,
    last_contact_at: Option<String>,
    version: i64,
    created_at: String,
    updated_at: String,
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    id: String,
    name: String,
    title: String,
    buying_role: String,
    emails: String,
    phones: String,
    messengers: String,
    language: Option<String>,
    preferred_channel: Option<String>,
    do_not_contact: bool,
    version: i64,
}

fn json_list<T: serde::de::DeserializeOwned>(
    what: &'static str,
    text: &str,
) -> Result<T, StoredValueError> {
    serde_json::from_str(text).map_err(|error| StoredValueError {
        what,
        text: text.to_owned(),
        reason: error.to_string(),
    })
}

impl ContactRow {
    fn into_contact(self) -> Result<Contact, StoredValueError> {
        Ok(Contact {
            id: parse_stored("contact id", &self.id)?,
            name: self.name,
            title: Some(self.title).filter(|title| !title.is_empty()),
            buying_role: enum_from_text("buying role", &self.buying_role)?,
            emails: json_list("contact e-mails", &self.emails)?,
            phones: json_list("contact phones", &self.phones)?,
            messengers: json_list("contact messengers", &self.messengers)?,
            language: self.language,
            preferred_channel: self
                .preferred_channel
                .map(|channel| enum_from_text("preferred channel", &channel))
                .transpose()?,
            do_not_contact: self.do_not_contact,
            version: stored_version(self.version),
        })
    }
}

/// One customer with its contacts. Every rep of the member sees every customer
/// (only inquiries are per assignee); another member's customer is a 404, exactly
/// like one that does not exist.
#[utoipa::path(
    get,
    path = "/customers/{id}",
    tag = "customers",
    params(("id" = String, Path, description = "The customer's id")),
    responses(
        (status = 200, description = "The customer", body = Customer),
        (status = 400, description = "Malformed id", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such customer for the caller", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn get_customer(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Customer>, ApiError> {
    let id: CustomerId = parse_path_id("id", &id)?;
    let row: Option<CustomerRow> = sqlx::query_as(
        "SELECT c.id, c.name, c.country, c.website, c.industry, c.size, c.verified, c.source,
                c.business_type, c.tier, c.stage, c.owner_id, o.name AS owner_name,
                (SELECT COUNT(*) FROM inquiries i
                 WHERE i.customer_id = c.id AND i.member_id = c.member_id) AS inquiry_count,
                (SELECT MAX(i.received_at) FROM inquiries i
                 WHERE i.customer_id = c.id AND i.member_id = c.member_id) AS last_contact_at,
                c.version, c.created_at, c.updated_at
         FROM customers c LEFT JOIN users o ON o.id = c.owner_id
         WHERE c.id = ? AND c.member_id = ?",
    )
    .bind(id.to_string())
    .bind(caller.member_id.to_string())
    .fetch_optional(&state.database)
    .await?;
    let row = row.ok_or_else(|| ApiError::NotFound(format!("There is no customer {id}.")))?;
    let contacts: Vec<ContactRow> = sqlx::query_as(
        "SELECT id, name, title, buying_role, emails, phones, messengers, language,
                preferred_channel, do_not_contact, version
         FROM contacts WHERE customer_id = ? ORDER BY position",
    )
    .bind(&row.id)
    .fetch_all(&state.database)
    .await?;
    let tags: Vec<String> =
        sqlx::query_scalar("SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag")
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
    let inquiry_count = u32::try_from(row.inquiry_count).unwrap_or(u32::MAX);
    let last_contact_at = row
        .last_contact_at
        .map(|at| timestamp_from_text(&at))
        .transpose()?;
    Ok(Json(Customer {
        summary: CustomerSummary {
            id: parse_stored("customer id", &row.id)?,
            name: row.name,
            country: parse_stored("country", &row.country)?,
            business_type: enum_from_text("business type", &row.business_type)?,
            tier: enum_from_text("tier", &row.tier)?,
            stage: enum_from_text("stage", &row.stage)?,
            owner,
            tags,
            last_contact_at,
            inquiry_count,
            version: stored_version(row.version),
            updated_at: timestamp_from_text(&row.updated_at)?,
        },
        website: row.website,
        industry: row.industry,
        size: row
            .size
            .map(|size| enum_from_text("size", &size))
            .transpose()?,
        verified: row.verified,
        source: enum_from_text("source", &row.source)?,
        contacts: contacts
            .into_iter()
            .map(ContactRow::into_contact)
            .collect::<Result<_, _>>()?,
        metrics: CustomerMetrics {
            last_contact_at,
            inquiry_count,
            inquiries_last_90_days: 0,
            quoted_value: Vec::new(),
            won_value: Vec::new(),
            won_value_converted: None,
            win_rate_percent: None,
            median_response_minutes: None,
            health: CustomerHealth {
                score: 50,
                status: HealthStatus::Healthy,
                usual_interval_days: None,
                explanation: String::new(),
            },
        },
        created_at: timestamp_from_text(&row.created_at)?,
    }))
}
