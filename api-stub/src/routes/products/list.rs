//! `GET /products`: the catalog by name (then id), filtered and searched,
//! keyset-paginated on (name, id).

use axum::Json;
use axum::extract::State;
use contract::product::ProductPage;
use contract::validation::FieldErrors;
use serde::Deserialize;

use super::{PRODUCT_SELECT, ProductRow};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::routes::customers::cursor;
use crate::routes::customers::params::{self, non_empty};
use crate::search::{self, Terms};
use crate::sql::{Backend, Sql};

const CURSOR_TAG: &str = "products";

/// The query string of `GET /products`, as sent. An empty value counts as absent.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct RawProductQuery {
    /// Search text: every word must appear (as a word prefix) in the name, SKU,
    /// model number or description.
    q: Option<String>,
    /// Only this category (case-insensitive), e.g. "LED panel lights".
    category: Option<String>,
    /// `true`: only products that can be quoted; `false`: only retired ones.
    #[param(value_type = Option<bool>)]
    active: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Page size, 1 to 200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    limit: Option<String>,
}

struct Filters {
    search: Option<Terms>,
    category: Option<String>,
    active: Option<bool>,
}

impl Filters {
    fn push<'a>(&'a self, query: &mut Sql<'a>, caller: &Caller, backend: Backend) {
        query.push(" WHERE p.member_id = ");
        query.push_bind(caller.member_id.to_string());
        if let Some(terms) = &self.search {
            search::PRODUCTS.push_matching(query, "p.rowid", &terms.condition(backend));
        }
        if let Some(category) = &self.category {
            query.push(" AND p.category = ");
            query.push_bind(category.as_str());
            query.push(" COLLATE NOCASE");
        }
        if let Some(active) = self.active {
            query.push(" AND p.active = ");
            query.push_bind(i64::from(active));
        }
    }
}

/// The caller's member's products.
#[utoipa::path(
    get,
    path = "/products",
    tag = "products",
    params(RawProductQuery),
    responses(
        (status = 200, description = "A page of products, by name", body = ProductPage),
        (status = 400, description = "Malformed query string or a cursor this server did not return", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameters, each named in `errors`", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
pub(super) async fn list_products(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(raw): ApiQuery<RawProductQuery>,
) -> Result<Json<ProductPage>, ApiError> {
    let mut errors = FieldErrors::new();
    let filters = Filters {
        search: non_empty(raw.q).and_then(|q| Terms::parameter(&q, "q", &mut errors)),
        category: non_empty(raw.category).map(|category| category.trim().to_owned()),
        active: params::boolean("active", raw.active, &mut errors),
    };
    let limit = params::limit(raw.limit, &mut errors);
    errors.finish().map_err(ApiError::Validation)?;
    let after = non_empty(raw.cursor)
        .map(|text| cursor::decode(CURSOR_TAG, text.trim(), 2))
        .transpose()?;

    let mut count = Sql::new("SELECT COUNT(*) FROM products p");
    let backend = Backend::of_pool(&state.database);
    filters.push(&mut count, &caller, backend);
    let total: i64 = count
        .build_query_scalar()
        .fetch_one(&state.database)
        .await?;

    let mut page = Sql::new(PRODUCT_SELECT);
    filters.push(&mut page, &caller, backend);
    if let Some(key) = &after {
        page.push(" AND (p.name, p.id) > (");
        let mut separated = page.separated(", ");
        for part in key {
            separated.push_bind(part.as_str());
        }
        page.push(")");
    }
    page.push(" ORDER BY p.name, p.id LIMIT ");
    page.push_bind(i64::from(limit) + 1);
    let mut rows: Vec<ProductRow> = page.build_query_as().fetch_all(&state.database).await?;

    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = match rows.last() {
        Some(last) if has_more => Some(cursor::encode(CURSOR_TAG, &[&last.name, &last.id])),
        _ => None,
    };
    let items = rows
        .into_iter()
        .map(ProductRow::into_product)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(ProductPage {
        items,
        next_cursor,
        total: u64::try_from(total).unwrap_or_default(),
    }))
}
