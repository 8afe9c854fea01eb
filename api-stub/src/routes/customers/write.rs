//! `POST /customers` and `PATCH /customers/{id}`. Both keep the search index in
//! step in their transaction ([`sync_search`]).

use axum::extract::State;
use axum::response::Response;
use contract::customer::{Customer, CustomerPatch, NewCustomer};
use contract::ids::{ContactId, CustomerId, UserId};
use contract::user::Role;
use time::OffsetDateTime;
use uuid::Uuid;

use super::contacts::{insert_contact, trimmed};
use super::search::sync_search;
use super::{load_customer, not_found, with_location};
use crate::AppState;
use crate::auth::Caller;
use crate::change_log::{self, Entity};
use crate::concurrency::{IfMatch, Tagged, stored_version};
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath, parse_path_id};
use crate::sql::{DbConnection, Sql};
use crate::status_history::{self, Field};
use crate::stored::{enum_to_text, timestamp_to_text};

/// 422 on `/owner_id` unless `owner` is an active user of the caller's member.
pub(super) async fn check_owner(
    connection: &mut DbConnection,
    caller: &Caller,
    owner: UserId,
) -> Result<(), ApiError> {
    let active = crate::routes::users::user_active(connection, caller.member_id, owner).await?;
    match active {
        Some(true) => Ok(()),
        Some(false) => Err(ApiError::invalid_field(
            "/owner_id",
            "is a user who can no longer be given customers",
        )),
        None => Err(ApiError::invalid_field(
            "/owner_id",
            "is not a user of your company",
        )),
    }
}

/// Reps give customers to themselves only (as with inquiries, assigning others is
/// for owners and managers); a rep may also release a customer they own.
pub(super) fn check_may_assign(
    caller: &Caller,
    current: Option<&str>,
    owner: Option<UserId>,
) -> Result<(), ApiError> {
    if caller.role != Role::Rep || owner == Some(caller.user_id) {
        return Ok(());
    }
    let own = current == Some(caller.user_id.to_string().as_str());
    if owner.is_none() && own {
        return Ok(());
    }
    Err(ApiError::Forbidden(
        "Sales reps may only make themselves the owner of a customer.".to_owned(),
    ))
}

/// Replaces the customer's tags.
async fn replace_tags(
    connection: &mut DbConnection,
    id: CustomerId,
    tags: &[String],
) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM customer_tags WHERE customer_id = $1")
        .bind(id.to_string())
        .execute(&mut *connection)
        .await?;
    for tag in tags {
        sqlx::query("INSERT INTO customer_tags (customer_id, tag) VALUES ($1, $2)")
            .bind(id.to_string())
            .bind(tag.trim())
            .execute(&mut *connection)
            .await?;
    }
    Ok(())
}

fn trimmed_text(text: Option<&String>) -> Option<String> {
    text.map(|text| text.trim().to_owned())
}

/// Writes a new customer of `caller`'s member (checked before: its fields, the
/// owner) with its contacts, tags and search text, and records the change.
pub(super) async fn insert_customer(
    transaction: &mut DbConnection,
    caller: &Caller,
    new: NewCustomer,
    owner: UserId,
) -> Result<CustomerId, ApiError> {
    let id = CustomerId(Uuid::new_v4());
    let now = timestamp_to_text(OffsetDateTime::now_utc());
    sqlx::query(
        "INSERT INTO customers (id, member_id, name, country, website, industry, size,
                                verified, source, business_type, tier, stage, owner_id,
                                version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $10, $11, $12, 1, $13, $14)",
    )
    .bind(id.to_string())
    .bind(caller.member_id.to_string())
    .bind(new.name.trim())
    .bind(new.country.as_str())
    .bind(trimmed_text(new.website.as_ref()))
    .bind(trimmed_text(new.industry.as_ref()))
    .bind(new.size.as_ref().map(enum_to_text))
    .bind(enum_to_text(&new.source))
    .bind(enum_to_text(&new.business_type))
    .bind(enum_to_text(&new.tier))
    .bind(enum_to_text(&new.stage))
    .bind(owner.to_string())
    .bind(&now)
    .bind(&now)
    .execute(&mut *transaction)
    .await?;
    for (position, contact) in new.contacts.into_iter().enumerate() {
        let position = i64::try_from(position).unwrap_or(i64::MAX);
        let contact_id = ContactId(Uuid::new_v4());
        insert_contact(
            &mut *transaction,
            id,
            contact_id,
            position,
            &trimmed(contact),
        )
        .await?;
    }
    replace_tags(&mut *transaction, id, &new.tags).await?;
    sync_search(&mut *transaction, caller, id, true).await?;
    change_log::record(
        &mut *transaction,
        caller.member_id,
        Entity::Customer,
        id,
        OffsetDateTime::now_utc(),
    )
    .await?;
    Ok(id)
}

/// Creates a customer with its contacts and tags. The owner defaults to the caller
/// and must be an active user of the member.
#[utoipa::path(
    post,
    path = "/customers",
    tag = "customers",
    request_body = NewCustomer,
    responses(
        (status = 201, description = "The customer as created", body = Customer,
            headers(("ETag" = String, description = "The customer's version"),
                    ("Location" = String, description = "The customer's URL"))),
        (status = 400, description = "Malformed JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "A rep giving the customer to someone else", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named in `errors` (`/owner_id`: not an active user of the member)", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
pub(super) async fn create_customer(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(new): ApiJson<NewCustomer>,
) -> Result<Response, ApiError> {
    new.validate().map_err(ApiError::Validation)?;
    let owner = new.owner_id.unwrap_or(caller.user_id);
    check_may_assign(&caller, None, Some(owner))?;
    let mut transaction = crate::database::begin_write(&state.database).await?;
    check_owner(&mut transaction, &caller, owner).await?;
    let id = insert_customer(&mut transaction, &caller, new, owner).await?;
    state.changes.commit(transaction, caller.member_id).await?;
    let created = load_customer(&state.database, &caller, id).await?;
    Ok(with_location(
        &["/customers/", &id.to_string()].concat(),
        Tagged::created(created.version, created.body),
    ))
}

/// Changes a customer's profile: absent fields stay, `null` clears, `tags` replaces
/// the set. Contacts are changed through their own endpoints.
#[utoipa::path(
    patch,
    path = "/customers/{id}",
    tag = "customers",
    params(
        ("id" = uuid::Uuid, Path, description = "The customer's id"),
        ("If-Match" = String, Header, description = "The ETag of the version being changed")
    ),
    request_body = CustomerPatch,
    responses(
        (status = 200, description = "The customer as changed", body = Customer,
            headers(("ETag" = String, description = "The customer's new version"))),
        (status = 400, description = "Malformed id, JSON or If-Match", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "A rep giving the customer to someone else", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such customer for the caller", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone changed the customer first; `current_version` says which version is current", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named in `errors`", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "No If-Match", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
pub(super) async fn update_customer(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<String>,
    ApiJson(patch): ApiJson<CustomerPatch>,
) -> Result<Tagged<Customer>, ApiError> {
    let id: CustomerId = parse_path_id("id", &id)?;
    patch.validate().map_err(ApiError::Validation)?;
    let mut transaction = crate::database::begin_write(&state.database).await?;
    let current: Option<(i64, Option<String>, String, String)> = sqlx::query_as(
        "SELECT version, owner_id, stage, tier FROM customers WHERE id = $1 AND member_id = $2",
    )
    .bind(id.to_string())
    .bind(caller.member_id.to_string())
    .fetch_optional(&mut *transaction)
    .await?;
    let (version, current_owner, old_stage, old_tier) = current.ok_or_else(|| not_found(id))?;
    if_match.check(stored_version(version))?;
    if let Some(owner) = patch.owner_id {
        check_may_assign(&caller, current_owner.as_deref(), owner)?;
        if let Some(owner) = owner {
            check_owner(&mut transaction, &caller, owner).await?;
        }
    }
    let now = OffsetDateTime::now_utc();
    let mut update = Sql::new("UPDATE customers SET version = version + 1, updated_at = ");
    update.push_bind(timestamp_to_text(now));
    if let Some(name) = &patch.name {
        update.push(", name = ").push_bind(name.trim().to_owned());
    }
    if let Some(country) = patch.country {
        update
            .push(", country = ")
            .push_bind(country.as_str().to_owned());
    }
    if let Some(website) = &patch.website {
        update
            .push(", website = ")
            .push_bind(trimmed_text(website.as_ref()));
    }
    if let Some(industry) = &patch.industry {
        update
            .push(", industry = ")
            .push_bind(trimmed_text(industry.as_ref()));
    }
    if let Some(size) = patch.size {
        update
            .push(", size = ")
            .push_bind(size.as_ref().map(enum_to_text));
    }
    if let Some(business_type) = patch.business_type {
        update
            .push(", business_type = ")
            .push_bind(enum_to_text(&business_type));
    }
    if let Some(tier) = patch.tier {
        update.push(", tier = ").push_bind(enum_to_text(&tier));
    }
    if let Some(stage) = patch.stage {
        update.push(", stage = ").push_bind(enum_to_text(&stage));
    }
    if let Some(source) = patch.source {
        update.push(", source = ").push_bind(enum_to_text(&source));
    }
    if let Some(owner) = patch.owner_id {
        update
            .push(", owner_id = ")
            .push_bind(owner.map(|owner| owner.to_string()));
    }
    update.push(" WHERE id = ").push_bind(id.to_string());
    update
        .push(" AND member_id = ")
        .push_bind(caller.member_id.to_string());
    update.build().execute(&mut *transaction).await?;
    if let Some(tags) = &patch.tags {
        replace_tags(&mut transaction, id, tags).await?;
    }
    sync_search(&mut transaction, &caller, id, false).await?;
    let moved = [
        (
            Field::Stage,
            old_stage,
            patch.stage.map(|stage| stage.as_str()),
        ),
        (Field::Tier, old_tier, patch.tier.map(|tier| tier.as_str())),
    ];
    for (field, from, to) in moved {
        if let Some(to) = to.filter(|to| *to != from) {
            status_history::record(
                &mut transaction,
                &caller,
                (id, None),
                field,
                (&from, to),
                now,
            )
            .await?;
        }
    }
    change_log::record(
        &mut transaction,
        caller.member_id,
        Entity::Customer,
        id,
        now,
    )
    .await?;
    state.changes.commit(transaction, caller.member_id).await?;
    load_customer(&state.database, &caller, id).await
}
