//! The people at a customer: `POST /customers/{id}/contacts`, and `PUT`/`DELETE`
//! `/customers/{id}/contacts/{contact_id}`.
//!
//! A contact carries its own version (its `ETag`, required in `If-Match`), so that
//! editing one contact never conflicts with an edit of the customer's profile or of
//! another contact: the customer's version does not change. Each change is still
//! recorded in the change feed as a change of the customer, whose card shows it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use contract::customer::{Contact, ContactInput};
use contract::ids::{ContactId, CustomerId};
use time::OffsetDateTime;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::row::{CONTACT_SELECT, ContactRow};
use super::search::sync_search;
use super::{ensure_exists, with_location};
use crate::AppState;
use crate::auth::Caller;
use crate::change_log::{self, Entity};
use crate::concurrency::{IfMatch, Tagged, stored_version};
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath, parse_path_id};
use crate::sql::{DbConnection, DbPool};
use crate::stored::enum_to_text;

/// At most this many contacts per customer (as `NewCustomer` allows).
const MAX_CONTACTS: i64 = 50;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_contact))
        .routes(routes!(replace_contact, delete_contact))
}

fn parse_ids(customer: &str, contact: &str) -> Result<(CustomerId, ContactId), ApiError> {
    Ok((
        parse_path_id("id", customer)?,
        parse_path_id("contact_id", contact)?,
    ))
}

fn contact_not_found(id: ContactId) -> ApiError {
    ApiError::NotFound(format!("There is no contact {id} at this customer."))
}

/// The contact's current version, if it is a contact of customer `customer` of the
/// caller's member.
async fn contact_version(
    connection: &mut crate::sql::DbConnection,
    caller: &Caller,
    customer: CustomerId,
    contact: ContactId,
) -> Result<i64, ApiError> {
    let version: Option<i64> = sqlx::query_scalar(
        "SELECT k.version FROM contacts k JOIN customers c ON c.id = k.customer_id
         WHERE k.id = $1 AND k.customer_id = $2 AND c.member_id = $3",
    )
    .bind(contact.to_string())
    .bind(customer.to_string())
    .bind(caller.member_id.to_string())
    .fetch_optional(connection)
    .await?;
    version.ok_or_else(|| contact_not_found(contact))
}

async fn load_contact(
    database: &DbPool,
    caller: &Caller,
    customer: CustomerId,
    contact: ContactId,
) -> Result<Tagged<Contact>, ApiError> {
    let row: Option<ContactRow> = sqlx::query_as(
        &[
            CONTACT_SELECT,
            " JOIN customers c ON c.id = k.customer_id
              WHERE k.id = $1 AND k.customer_id = $2 AND c.member_id = $3",
        ]
        .concat(),
    )
    .bind(contact.to_string())
    .bind(customer.to_string())
    .bind(caller.member_id.to_string())
    .fetch_optional(database)
    .await?;
    let row = row.ok_or_else(|| contact_not_found(contact))?;
    Ok(Tagged::ok(stored_version(row.version), row.into_contact()?))
}

/// A contact's texts trimmed, as stored.
pub(super) fn trimmed(input: ContactInput) -> ContactInput {
    let trim_all = |list: Vec<String>| -> Vec<String> {
        list.into_iter()
            .map(|text| text.trim().to_owned())
            .collect()
    };
    ContactInput {
        name: input.name.trim().to_owned(),
        title: input
            .title
            .map(|title| title.trim().to_owned())
            .filter(|title| !title.is_empty()),
        emails: trim_all(input.emails),
        phones: trim_all(input.phones),
        language: input
            .language
            .map(|language| language.trim().to_owned())
            .filter(|language| !language.is_empty()),
        ..input
    }
}

/// Writes `contact` as contact `id` of `customer` at `position`, version 1.
pub(super) async fn insert_contact(
    connection: &mut DbConnection,
    customer: CustomerId,
    id: ContactId,
    position: i64,
    contact: &ContactInput,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO contacts (id, customer_id, position, name, title, email, buying_role,
                               emails, phones, messengers, language, preferred_channel,
                               do_not_contact, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1)",
    )
    .bind(id.to_string())
    .bind(customer.to_string())
    .bind(position)
    .bind(&contact.name)
    .bind(contact.title.as_deref().unwrap_or_default())
    .bind(
        contact
            .emails
            .first()
            .map(String::as_str)
            .unwrap_or_default(),
    )
    .bind(enum_to_text(&contact.buying_role))
    .bind(serde_json::Value::from(contact.emails.clone()).to_string())
    .bind(serde_json::Value::from(contact.phones.clone()).to_string())
    .bind(messengers_json(contact))
    .bind(&contact.language)
    .bind(contact.preferred_channel.as_ref().map(enum_to_text))
    .bind(i64::from(contact.do_not_contact))
    .execute(connection)
    .await?;
    Ok(())
}

/// The messengers column.
fn messengers_json(contact: &ContactInput) -> String {
    serde_json::to_string(&contact.messengers).unwrap_or_else(|_| "[]".to_owned())
}

/// Records the change of the customer and commits.
async fn finish(
    state: &AppState,
    mut transaction: sqlx::Transaction<'_, crate::sql::Db>,
    caller: &Caller,
    customer: CustomerId,
) -> Result<(), ApiError> {
    sync_search(&mut transaction, caller, customer, true).await?;
    change_log::record(
        &mut transaction,
        caller.member_id,
        Entity::Customer,
        customer,
        OffsetDateTime::now_utc(),
    )
    .await?;
    state.changes.commit(transaction, caller.member_id).await?;
    Ok(())
}

/// Adds a contact to a customer, after its existing contacts.
#[utoipa::path(
    post,
    path = "/customers/{id}/contacts",
    tag = "customers",
    params(("id" = uuid::Uuid, Path, description = "The customer's id")),
    request_body = ContactInput,
    responses(
        (status = 201, description = "The contact as created", body = Contact,
            headers(("ETag" = String, description = "The contact's version"),
                    ("Location" = String, description = "The contact's URL"))),
        (status = 400, description = "Malformed id or JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such customer for the caller", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named in `errors`, or the customer already has 50 contacts", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn create_contact(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<ContactInput>,
) -> Result<Response, ApiError> {
    let customer: CustomerId = parse_path_id("id", &id)?;
    input.validate().map_err(ApiError::Validation)?;
    let mut transaction = crate::database::begin_write(&state.database).await?;
    ensure_exists(&mut transaction, &caller, customer).await?;
    let (count, next): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), coalesce(MAX(position) + 1, 0) FROM contacts WHERE customer_id = $1",
    )
    .bind(customer.to_string())
    .fetch_one(&mut *transaction)
    .await?;
    if count >= MAX_CONTACTS {
        return Err(ApiError::invalid_field(
            "",
            format!("a customer has at most {MAX_CONTACTS} contacts"),
        ));
    }
    let contact = ContactId(Uuid::new_v4());
    insert_contact(&mut transaction, customer, contact, next, &trimmed(input)).await?;
    finish(&state, transaction, &caller, customer).await?;
    let created = load_contact(&state.database, &caller, customer, contact).await?;
    Ok(with_location(
        &[
            "/customers/",
            &customer.to_string(),
            "/contacts/",
            &contact.to_string(),
        ]
        .concat(),
        Tagged::created(created.version, created.body),
    ))
}

/// Replaces a contact's details.
#[utoipa::path(
    put,
    path = "/customers/{id}/contacts/{contact_id}",
    tag = "customers",
    params(
        ("id" = uuid::Uuid, Path, description = "The customer's id"),
        ("contact_id" = uuid::Uuid, Path, description = "The contact's id"),
        ("If-Match" = String, Header, description = "The contact's ETag")
    ),
    request_body = ContactInput,
    responses(
        (status = 200, description = "The contact as changed", body = Contact,
            headers(("ETag" = String, description = "The contact's new version"))),
        (status = 400, description = "Malformed id, JSON or If-Match", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such customer or contact for the caller", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone changed the contact first", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named in `errors`", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "No If-Match", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn replace_contact(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath((id, contact_id)): ApiPath<(String, String)>,
    ApiJson(input): ApiJson<ContactInput>,
) -> Result<Tagged<Contact>, ApiError> {
    let (customer, contact) = parse_ids(&id, &contact_id)?;
    input.validate().map_err(ApiError::Validation)?;
    let input = trimmed(input);
    let mut transaction = crate::database::begin_write(&state.database).await?;
    let version = contact_version(&mut transaction, &caller, customer, contact).await?;
    if_match.check(stored_version(version))?;
    sqlx::query(
        "UPDATE contacts SET name = $1, title = $2, email = $3, buying_role = $4, emails = $5,
                phones = $6, messengers = $7, language = $8, preferred_channel = $9,
                do_not_contact = $10, version = version + 1
         WHERE id = $11 AND customer_id = $12",
    )
    .bind(&input.name)
    .bind(input.title.as_deref().unwrap_or_default())
    .bind(input.emails.first().map(String::as_str).unwrap_or_default())
    .bind(enum_to_text(&input.buying_role))
    .bind(serde_json::Value::from(input.emails.clone()).to_string())
    .bind(serde_json::Value::from(input.phones.clone()).to_string())
    .bind(messengers_json(&input))
    .bind(&input.language)
    .bind(input.preferred_channel.as_ref().map(enum_to_text))
    .bind(i64::from(input.do_not_contact))
    .bind(contact.to_string())
    .bind(customer.to_string())
    .execute(&mut *transaction)
    .await?;
    finish(&state, transaction, &caller, customer).await?;
    load_contact(&state.database, &caller, customer, contact).await
}

/// Removes a contact.
#[utoipa::path(
    delete,
    path = "/customers/{id}/contacts/{contact_id}",
    tag = "customers",
    params(
        ("id" = uuid::Uuid, Path, description = "The customer's id"),
        ("contact_id" = uuid::Uuid, Path, description = "The contact's id"),
        ("If-Match" = String, Header, description = "The contact's ETag")
    ),
    responses(
        (status = 204, description = "The contact was removed"),
        (status = 400, description = "Malformed id or If-Match", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such customer or contact for the caller", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone changed the contact first", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "No If-Match", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn delete_contact(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath((id, contact_id)): ApiPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let (customer, contact) = parse_ids(&id, &contact_id)?;
    let mut transaction = crate::database::begin_write(&state.database).await?;
    let version = contact_version(&mut transaction, &caller, customer, contact).await?;
    if_match.check(stored_version(version))?;
    sqlx::query("DELETE FROM contacts WHERE id = $1 AND customer_id = $2")
        .bind(contact.to_string())
        .bind(customer.to_string())
        .execute(&mut *transaction)
        .await?;
    finish(&state, transaction, &caller, customer).await?;
    Ok(StatusCode::NO_CONTENT)
}
