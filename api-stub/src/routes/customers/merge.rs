//! Look-alike customers and merging them: `GET /customers/{id}/duplicates` and
//! `POST /customers/{id}/merge` (see `contract::customer::merge`).
//!
//! A merge runs in one transaction: the duplicate's inquiries, quotes and
//! reminders move (each gets a new version and a change-feed entry, so every
//! cache moves them too), its notes and activities move, its tags join, its
//! contacts move unless the customer already has them (a shared e-mail address,
//! or the same name when neither has an address), the profile fields the
//! customer lacks are taken from it, and it is deleted (the feed says so).

use std::collections::HashSet;

use axum::Json;
use axum::extract::State;
use contract::customer::Customer;
use contract::customer::merge::{CustomerMerge, DuplicateCandidate, DuplicateList, company_key};
use contract::ids::CustomerId;
use contract::user::Role;
use time::OffsetDateTime;

use super::row::{CUSTOMER_SELECT, CustomerRow, json_list};
use super::search::sync_search;
use super::{load_customer, not_found};
use crate::AppState;
use crate::auth::Caller;
use crate::change_log::{self, Entity};
use crate::concurrency::{IfMatch, Tagged, stored_version};
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath, parse_path_id};
use crate::search;
use crate::sql::DbConnection;
use crate::stored::timestamp_to_text;

/// The member's other customers that look like customer `id`, oldest first.
#[utoipa::path(
    get,
    path = "/customers/{id}/duplicates",
    tag = "customers",
    params(("id" = uuid::Uuid, Path, description = "The customer's id")),
    responses(
        (status = 200, description = "Customers that look like the same buyer", body = DuplicateList),
        (status = 400, description = "Malformed id", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such customer for the caller", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
pub(super) async fn list_duplicates(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<DuplicateList>, ApiError> {
    let id: CustomerId = parse_path_id("id", &id)?;
    let (name, domain): (String, Option<String>) =
        sqlx::query_as("SELECT name, email_domain FROM customers WHERE id = $1 AND member_id = $2")
            .bind(id.to_string())
            .bind(caller.member_id.to_string())
            .fetch_optional(&state.database)
            .await?
            .ok_or_else(|| not_found(id))?;
    let key = company_key(&name);
    let others: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, name, email_domain FROM customers
          WHERE member_id = $1 AND id <> $2 ORDER BY created_at, id",
    )
    .bind(caller.member_id.to_string())
    .bind(id.to_string())
    .fetch_all(&state.database)
    .await?;
    let mut items = Vec::new();
    for (other, other_name, other_domain) in others {
        let same_email_domain = domain
            .as_ref()
            .filter(|domain| other_domain.as_ref() == Some(*domain))
            .cloned();
        let similar_name = !key.is_empty() && company_key(&other_name) == key;
        if same_email_domain.is_none() && !similar_name {
            continue;
        }
        let sql = [CUSTOMER_SELECT, " WHERE c.id = $1 AND c.member_id = $2"].concat();
        let row: CustomerRow = sqlx::query_as(&sql)
            .bind(&other)
            .bind(caller.member_id.to_string())
            .fetch_one(&state.database)
            .await?;
        items.push(DuplicateCandidate {
            customer: row.summary()?,
            same_email_domain,
            similar_name,
        });
    }
    Ok(Json(DuplicateList { items }))
}

/// The lower-cased e-mail addresses and names of customer `id`'s contacts.
async fn contact_keys(
    connection: &mut DbConnection,
    id: CustomerId,
) -> Result<Vec<(String, String, Vec<String>)>, ApiError> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT id, name, emails FROM contacts WHERE customer_id = $1 ORDER BY position, id",
    )
    .bind(id.to_string())
    .fetch_all(connection)
    .await?;
    rows.into_iter()
        .map(|(contact, name, emails)| {
            let emails: Vec<String> = json_list("contact e-mails", &emails)?;
            Ok((
                contact,
                name.trim().to_lowercase(),
                emails
                    .iter()
                    .map(|email| email.trim().to_lowercase())
                    .collect(),
            ))
        })
        .collect()
}

/// Moves the rows of `table` from `from` to `into`, giving each a new version,
/// and records a change of `entity` for each.
async fn move_versioned(
    connection: &mut DbConnection,
    caller: &Caller,
    table: &str,
    entity: Entity,
    (from, into): (CustomerId, CustomerId),
    now: OffsetDateTime,
) -> Result<(), ApiError> {
    // Reminders keep no change time.
    let stamped = table != "reminders";
    let sql = format!(
        "UPDATE {table} SET customer_id = $1, version = version + 1{}
          WHERE customer_id = $2 AND member_id = $3 RETURNING id",
        if stamped { ", updated_at = $4" } else { "" }
    );
    let mut update = sqlx::query_scalar(&sql)
        .bind(into.to_string())
        .bind(from.to_string())
        .bind(caller.member_id.to_string());
    if stamped {
        update = update.bind(timestamp_to_text(now));
    }
    let moved: Vec<String> = update.fetch_all(&mut *connection).await?;
    for id in moved {
        change_log::record(&mut *connection, caller.member_id, entity, id, now).await?;
    }
    Ok(())
}

/// Folds customer `duplicate_id` into customer `id`; see the module's documentation.
/// A sales rep merges only customers they own (or that have no owner).
#[utoipa::path(
    post,
    path = "/customers/{id}/merge",
    tag = "customers",
    params(
        ("id" = uuid::Uuid, Path, description = "The customer that stays"),
        ("If-Match" = String, Header, description = "The customer's ETag")
    ),
    request_body = CustomerMerge,
    responses(
        (status = 200, description = "The customer with the duplicate folded in", body = Customer,
            headers(("ETag" = String, description = "The customer's new version"))),
        (status = 400, description = "Malformed id, JSON or If-Match", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "A rep merging a customer someone else owns", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such customer for the caller", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone changed the customer first; `current_version` says which version is current", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`/duplicate_id` is the customer itself or not one of the member's customers", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "No If-Match", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
pub(super) async fn merge_customer(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<String>,
    ApiJson(merge): ApiJson<CustomerMerge>,
) -> Result<Tagged<Customer>, ApiError> {
    let id: CustomerId = parse_path_id("id", &id)?;
    let duplicate = merge.duplicate_id;
    let mut transaction = crate::database::begin_write(&state.database).await?;
    let owners: Vec<(String, i64, Option<String>)> = sqlx::query_as(
        "SELECT id, version, owner_id FROM customers WHERE member_id = $1 AND id IN ($2, $3)",
    )
    .bind(caller.member_id.to_string())
    .bind(id.to_string())
    .bind(duplicate.to_string())
    .fetch_all(&mut *transaction)
    .await?;
    let find = |wanted: CustomerId| {
        owners
            .iter()
            .find(|(known, _, _)| *known == wanted.to_string())
    };
    let (_, version, owner) = find(id).ok_or_else(|| not_found(id))?;
    if_match.check(stored_version(*version))?;
    if duplicate == id {
        return Err(ApiError::invalid_field(
            "/duplicate_id",
            "is the customer itself",
        ));
    }
    let Some((_, _, duplicate_owner)) = find(duplicate) else {
        return Err(ApiError::invalid_field(
            "/duplicate_id",
            "is not one of your company's customers",
        ));
    };
    let me = caller.user_id.to_string();
    let mine = |owner: &Option<String>| owner.as_ref().is_none_or(|owner| *owner == me);
    if caller.role == Role::Rep && !(mine(owner) && mine(duplicate_owner)) {
        return Err(ApiError::Forbidden(
            "Sales reps may only merge customers they own.".to_owned(),
        ));
    }
    let now = OffsetDateTime::now_utc();
    let pair = (duplicate, id);
    for (table, entity) in [
        ("inquiries", Entity::Inquiry),
        ("quotes", Entity::Quote),
        ("reminders", Entity::Reminder),
    ] {
        move_versioned(&mut transaction, &caller, table, entity, pair, now).await?;
    }
    for table in ["activities", "status_changes"] {
        sqlx::query(&format!(
            "UPDATE {table} SET customer_id = $1 WHERE customer_id = $2 AND member_id = $3"
        ))
        .bind(id.to_string())
        .bind(duplicate.to_string())
        .bind(caller.member_id.to_string())
        .execute(&mut *transaction)
        .await?;
    }

    // Contacts: the ones the customer does not have yet, after its own.
    let kept = contact_keys(&mut transaction, id).await?;
    let known_emails: HashSet<&String> = kept.iter().flat_map(|(_, _, emails)| emails).collect();
    let known_names: HashSet<&String> = kept
        .iter()
        .filter(|(_, _, emails)| emails.is_empty())
        .map(|(_, name, _)| name)
        .collect();
    let mut position = i64::try_from(kept.len()).unwrap_or(i64::MAX);
    for (contact, name, emails) in contact_keys(&mut transaction, duplicate).await? {
        let known = emails.iter().any(|email| known_emails.contains(email))
            || (emails.is_empty() && known_names.contains(&name));
        if known {
            continue;
        }
        sqlx::query("UPDATE contacts SET customer_id = $1, position = $2 WHERE id = $3")
            .bind(id.to_string())
            .bind(position)
            .bind(&contact)
            .execute(&mut *transaction)
            .await?;
        position += 1;
    }
    sqlx::query(
        "INSERT INTO customer_tags (customer_id, tag)
         SELECT $1, tag FROM customer_tags WHERE customer_id = $2
         ON CONFLICT DO NOTHING",
    )
    .bind(id.to_string())
    .bind(duplicate.to_string())
    .execute(&mut *transaction)
    .await?;
    sqlx::query(
        "UPDATE customers SET
            website = coalesce(website, (SELECT website FROM customers WHERE id = $2)),
            industry = coalesce(industry, (SELECT industry FROM customers WHERE id = $2)),
            size = coalesce(size, (SELECT size FROM customers WHERE id = $2)),
            owner_id = coalesce(owner_id, (SELECT owner_id FROM customers WHERE id = $2)),
            verified = max(verified, (SELECT verified FROM customers WHERE id = $2)),
            version = version + 1, updated_at = $3
          WHERE id = $1",
    )
    .bind(id.to_string())
    .bind(duplicate.to_string())
    .bind(timestamp_to_text(now))
    .execute(&mut *transaction)
    .await?;
    let row_number: i64 = sqlx::query_scalar("SELECT rowid FROM customers WHERE id = $1")
        .bind(duplicate.to_string())
        .fetch_one(&mut *transaction)
        .await?;
    search::CUSTOMERS
        .remove(&mut transaction, row_number)
        .await?;
    sqlx::query("DELETE FROM customers WHERE id = $1 AND member_id = $2")
        .bind(duplicate.to_string())
        .bind(caller.member_id.to_string())
        .execute(&mut *transaction)
        .await?;
    sync_search(&mut transaction, &caller, id, true).await?;
    for changed in [id, duplicate] {
        change_log::record(
            &mut transaction,
            caller.member_id,
            Entity::Customer,
            changed,
            now,
        )
        .await?;
    }
    state.changes.commit(transaction, caller.member_id).await?;
    load_customer(&state.database, &caller, id).await
}
