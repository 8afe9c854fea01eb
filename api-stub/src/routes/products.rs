//! The member's product catalog: `GET /products`, `GET /products/{id}`,
//! `POST /products` and `PUT /products/{id}`. Every user of the member sees and
//! maintains the catalog. The search index `products_fts` (name, SKU, and model
//! number with description) is kept in step in the transaction of every write.

mod list;
mod write;

use axum::extract::State;
use contract::change::ChangedRecord;
use contract::ids::ProductId;
use contract::product::{Packaging, PriceBreak, Product};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Caller;
use crate::concurrency::{Tagged, stored_version};
use crate::error::ApiError;
use crate::extract::{ApiPath, parse_path_id};
use crate::sql::DbConnection;
use crate::stored::{StoredValueError, enum_from_text, parse_stored};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list::list_products, write::create_product))
        .routes(routes!(get_product, write::replace_product))
}

/// The `SELECT … FROM` of every product read; callers append `WHERE …` and must
/// scope it with `p.member_id`.
const PRODUCT_SELECT: &str = "SELECT p.id, p.sku, p.model_number, p.name, p.description, \
     p.category, p.unit, p.moq, p.currency, p.price_breaks, p.hs_code, p.origin, \
     p.lead_time_days, p.packaging, p.active, p.version FROM products p";

#[derive(Debug, sqlx::FromRow)]
struct ProductRow {
    id: String,
    sku: String,
    model_number: Option<String>,
    name: String,
    description: String,
    category: String,
    unit: String,
    moq: String,
    currency: String,
    price_breaks: String,
    hs_code: Option<String>,
    origin: String,
    lead_time_days: Option<i64>,
    packaging: Option<String>,
    #[sqlx(try_from = "crate::sql::Flag")]
    active: bool,
    version: i64,
}

fn json_column<T: serde::de::DeserializeOwned>(
    what: &'static str,
    text: &str,
) -> Result<T, StoredValueError> {
    serde_json::from_str(text).map_err(|error| StoredValueError {
        what,
        text: text.to_owned(),
        reason: error.to_string(),
    })
}

impl ProductRow {
    fn into_product(self) -> Result<Product, StoredValueError> {
        let price_breaks: Vec<PriceBreak> = json_column("price breaks", &self.price_breaks)?;
        let packaging: Option<Packaging> = self
            .packaging
            .as_deref()
            .map(|text| json_column("packaging", text))
            .transpose()?;
        Ok(Product {
            id: parse_stored("product id", &self.id)?,
            sku: self.sku,
            model_number: self.model_number,
            name: self.name,
            description: self.description,
            category: self.category,
            unit: enum_from_text("unit", &self.unit)?,
            moq: parse_stored("moq", &self.moq)?,
            currency: parse_stored("currency", &self.currency)?,
            price_breaks,
            hs_code: self.hs_code,
            origin: parse_stored("country", &self.origin)?,
            lead_time_days: self
                .lead_time_days
                .map(|days| u32::try_from(days).unwrap_or_default()),
            packaging,
            active: self.active,
            version: stored_version(self.version),
        })
    }
}

/// Product `id` of the caller's member, if there is one.
async fn find_product(
    connection: &mut DbConnection,
    caller: &Caller,
    id: ProductId,
) -> Result<Option<ProductRow>, ApiError> {
    let sql = [PRODUCT_SELECT, " WHERE p.id = $1 AND p.member_id = $2"].concat();
    Ok(sqlx::query_as(&sql)
        .bind(id.to_string())
        .bind(caller.member_id.to_string())
        .fetch_optional(connection)
        .await?)
}

fn not_found(id: ProductId) -> ApiError {
    ApiError::NotFound(format!("There is no product {id}."))
}

async fn load_product(
    state: &AppState,
    caller: &Caller,
    id: ProductId,
) -> Result<Tagged<Product>, ApiError> {
    let mut connection = state.database.acquire().await?;
    let row = find_product(&mut connection, caller, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    Ok(Tagged::ok(stored_version(row.version), row.into_product()?))
}

/// One product of the caller's member's catalog.
#[utoipa::path(
    get,
    path = "/products/{id}",
    tag = "products",
    params(("id" = uuid::Uuid, Path, description = "The product's id")),
    responses(
        (status = 200, description = "The product", body = Product,
            headers(("ETag" = String, description = "The product's version"))),
        (status = 400, description = "Malformed id", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such product for the caller", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn get_product(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Tagged<Product>, ApiError> {
    let id: ProductId = parse_path_id("id", &id)?;
    load_product(&state, &caller, id).await
}

/// The product as the change feed carries it: as it is now, `None` once deleted.
pub(crate) async fn feed_record(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<ChangedRecord, ApiError> {
    let id: ProductId = parse_path_id("id", id)?;
    let mut connection = state.database.acquire().await?;
    let current = match find_product(&mut connection, caller, id).await? {
        Some(row) => Some(row.into_product()?),
        None => None,
    };
    Ok(ChangedRecord::Product { id, current })
}
