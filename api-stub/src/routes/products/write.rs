//! `POST /products` and `PUT /products/{id}`: a product is written whole, its SKU
//! unique within the member (compared without regard to case).

use axum::extract::State;
use axum::response::Response;
use contract::ids::ProductId;
use contract::product::{Product, ProductInput};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{find_product, load_product, not_found};
use crate::AppState;
use crate::auth::Caller;
use crate::change_log::{self, Entity};
use crate::concurrency::{IfMatch, Tagged, stored_version};
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath, parse_path_id};
use crate::routes::customers::with_location;
use crate::search;
use crate::sql::DbConnection;
use crate::stored::{StoredValueError, enum_to_text, timestamp_to_text};

/// The product's texts trimmed, as stored.
fn trimmed(input: ProductInput) -> ProductInput {
    let optional = |text: Option<String>| {
        text.map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty())
    };
    ProductInput {
        sku: input.sku.trim().to_owned(),
        model_number: optional(input.model_number),
        name: input.name.trim().to_owned(),
        description: input.description.trim().to_owned(),
        category: input.category.trim().to_owned(),
        hs_code: optional(input.hs_code),
        ..input
    }
}

/// 422 on `/sku` when another product of the member has the SKU.
async fn check_sku(
    connection: &mut DbConnection,
    caller: &Caller,
    sku: &str,
    except: ProductId,
) -> Result<(), ApiError> {
    let taken: Option<String> = sqlx::query_scalar(
        "SELECT name FROM products WHERE member_id = $1 AND sku = $2 COLLATE NOCASE AND id <> $3",
    )
    .bind(caller.member_id.to_string())
    .bind(sku)
    .bind(except.to_string())
    .fetch_optional(connection)
    .await?;
    match taken {
        Some(name) => Err(ApiError::invalid_field(
            "/sku",
            format!("is already the SKU of {name:?}"),
        )),
        None => Ok(()),
    }
}

/// Inserts or replaces row `id` with `input` (version 1 when new, one more when
/// replaced) and its search index row.
async fn write(
    connection: &mut DbConnection,
    caller: &Caller,
    id: ProductId,
    input: &ProductInput,
    now: OffsetDateTime,
) -> Result<(), ApiError> {
    // Serializing these plain structs cannot fail; if it ever did, it is a server bug.
    let unstorable = |error: serde_json::Error| StoredValueError {
        what: "product",
        text: String::new(),
        reason: error.to_string(),
    };
    let price_breaks = serde_json::to_string(&input.price_breaks).map_err(unstorable)?;
    let packaging = input
        .packaging
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(unstorable)?;
    sqlx::query(
        "INSERT INTO products (id, member_id, sku, model_number, name, description, category,
                               unit, moq, currency, price_breaks, hs_code, origin,
                               lead_time_days, packaging, active, version, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 1, $17)
         ON CONFLICT (id) DO UPDATE SET
             sku = excluded.sku, model_number = excluded.model_number, name = excluded.name,
             description = excluded.description, category = excluded.category,
             unit = excluded.unit, moq = excluded.moq, currency = excluded.currency,
             price_breaks = excluded.price_breaks, hs_code = excluded.hs_code,
             origin = excluded.origin, lead_time_days = excluded.lead_time_days,
             packaging = excluded.packaging, active = excluded.active,
             version = products.version + 1, updated_at = excluded.updated_at
         WHERE products.member_id = excluded.member_id",
    )
    .bind(id.to_string())
    .bind(caller.member_id.to_string())
    .bind(&input.sku)
    .bind(&input.model_number)
    .bind(&input.name)
    .bind(&input.description)
    .bind(&input.category)
    .bind(enum_to_text(&input.unit))
    .bind(input.moq.to_string())
    .bind(input.currency.code())
    .bind(price_breaks)
    .bind(&input.hs_code)
    .bind(input.origin.as_str())
    .bind(input.lead_time_days.map(i64::from))
    .bind(packaging)
    .bind(i64::from(input.active))
    .bind(timestamp_to_text(now))
    .execute(&mut *connection)
    .await?;
    let row_number: i64 =
        sqlx::query_scalar("SELECT rowid FROM products WHERE id = $1 AND member_id = $2")
            .bind(id.to_string())
            .bind(caller.member_id.to_string())
            .fetch_one(&mut *connection)
            .await?;
    let details = [
        input.model_number.as_deref().unwrap_or_default(),
        &input.description,
    ]
    .join(" ");
    search::PRODUCTS
        .put(connection, row_number, &[&input.name, &input.sku, &details])
        .await?;
    change_log::record(connection, caller.member_id, Entity::Product, id, now).await?;
    Ok(())
}

/// Adds a product to the catalog.
#[utoipa::path(
    post,
    path = "/products",
    tag = "products",
    request_body = ProductInput,
    responses(
        (status = 201, description = "The product as created", body = Product,
            headers(("ETag" = String, description = "The product's version"),
                    ("Location" = String, description = "The product's URL"))),
        (status = 400, description = "Malformed JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named in `errors` (`/sku`: already used by another product)", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
pub(super) async fn create_product(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(input): ApiJson<ProductInput>,
) -> Result<Response, ApiError> {
    input.validate().map_err(ApiError::Validation)?;
    let input = trimmed(input);
    let id = ProductId(Uuid::new_v4());
    let mut transaction = crate::database::begin_write(&state.database).await?;
    check_sku(&mut transaction, &caller, &input.sku, id).await?;
    write(
        &mut transaction,
        &caller,
        id,
        &input,
        OffsetDateTime::now_utc(),
    )
    .await?;
    state.changes.commit(transaction, caller.member_id).await?;
    let created = load_product(&state, &caller, id).await?;
    Ok(with_location(
        &["/products/", &id.to_string()].concat(),
        Tagged::created(created.version, created.body),
    ))
}

/// Replaces a product.
#[utoipa::path(
    put,
    path = "/products/{id}",
    tag = "products",
    params(
        ("id" = uuid::Uuid, Path, description = "The product's id"),
        ("If-Match" = String, Header, description = "The ETag of the version being replaced")
    ),
    request_body = ProductInput,
    responses(
        (status = 200, description = "The product as replaced", body = Product,
            headers(("ETag" = String, description = "The product's new version"))),
        (status = 400, description = "Malformed id, JSON or If-Match", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such product for the caller", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone changed the product first", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named in `errors` (`/sku`: already used by another product)", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "No If-Match", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
pub(super) async fn replace_product(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<String>,
    ApiJson(input): ApiJson<ProductInput>,
) -> Result<Tagged<Product>, ApiError> {
    let id: ProductId = parse_path_id("id", &id)?;
    input.validate().map_err(ApiError::Validation)?;
    let input = trimmed(input);
    let mut transaction = crate::database::begin_write(&state.database).await?;
    let row = find_product(&mut transaction, &caller, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    if_match.check(stored_version(row.version))?;
    check_sku(&mut transaction, &caller, &input.sku, id).await?;
    write(
        &mut transaction,
        &caller,
        id,
        &input,
        OffsetDateTime::now_utc(),
    )
    .await?;
    state.changes.commit(transaction, caller.member_id).await?;
    load_product(&state, &caller, id).await
}
