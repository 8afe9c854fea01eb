//! `GET /customers`: the customer list, filtered, searched, sorted and
//! keyset-paginated.

use axum::Json;
use axum::extract::State;
use contract::country::CountryCode;
use contract::customer::{CustomerPage, LifecycleStage, Tier};
use contract::ids::UserId;
use contract::validation::FieldErrors;
use serde::Deserialize;

use super::cursor;
use super::params::{self, non_empty};
use super::row::{CUSTOMER_SELECT, CustomerRow};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::search::{self, Terms};
use crate::sql::{Backend, Sql};

/// The query string of `GET /customers`, as sent. An empty value counts as absent.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct RawListQuery {
    /// Search text: every word must appear (as a word prefix) in the name, website,
    /// industry, or a contact's name or e-mail.
    q: Option<String>,
    /// `transactional` or `partnership`.
    #[param(pattern = "^(transactional|partnership)$")]
    tier: Option<String>,
    /// `lead`, `prospect`, `sampling`, `customer` or `repeat`.
    #[param(pattern = "^(lead|prospect|sampling|customer|repeat)$")]
    stage: Option<String>,
    /// `me` (the caller's customers), `unassigned`, or a user id.
    owner: Option<String>,
    /// Customers with this tag (case-insensitive).
    tag: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    #[param(pattern = "^[A-Za-z]{2}$", example = "DE")]
    country: Option<String>,
    /// `name` (A to Z, the default), `updated_desc` (most recently changed first) or
    /// `last_contact_desc` (most recently in contact first, never contacted last).
    #[param(pattern = "^(name|updated_desc|last_contact_desc)$")]
    sort: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Page size, 1 to 200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    limit: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Sort {
    Name,
    UpdatedDesc,
    LastContactDesc,
}

impl Sort {
    fn cursor_tag(self) -> &'static str {
        match self {
            Sort::Name => "customers/name",
            Sort::UpdatedDesc => "customers/updated_desc",
            Sort::LastContactDesc => "customers/last_contact_desc",
        }
    }

    /// The expression sorted on (with `id` as the tie-break), over the listed rows `s`.
    fn key(self) -> &'static str {
        match self {
            Sort::Name => "s.name",
            Sort::UpdatedDesc => "s.updated_at",
            Sort::LastContactDesc => "coalesce(s.last_contact_at, '')",
        }
    }

    fn key_of(self, row: &CustomerRow) -> &str {
        match self {
            Sort::Name => &row.name,
            Sort::UpdatedDesc => &row.updated_at,
            Sort::LastContactDesc => row.last_contact_at.as_deref().unwrap_or_default(),
        }
    }

    fn ascending(self) -> bool {
        self == Sort::Name
    }
}

enum Owner {
    User(UserId),
    Unassigned,
}

struct ListRequest {
    search: Option<Terms>,
    tier: Option<Tier>,
    stage: Option<LifecycleStage>,
    owner: Option<Owner>,
    tag: Option<String>,
    country: Option<CountryCode>,
    sort: Sort,
    after: Option<(String, String)>,
    limit: u32,
}

impl ListRequest {
    fn parse(raw: RawListQuery, caller: &Caller) -> Result<ListRequest, ApiError> {
        let mut errors = FieldErrors::new();
        let search = non_empty(raw.q).and_then(|q| Terms::parameter(&q, "q", &mut errors));
        let tier = params::wire_enum("tier", raw.tier, "transactional, partnership", &mut errors);
        let stage = params::wire_enum(
            "stage",
            raw.stage,
            "lead, prospect, sampling, customer, repeat",
            &mut errors,
        );
        let owner = match non_empty(raw.owner).as_deref().map(str::trim) {
            None => None,
            Some("me") => Some(Owner::User(caller.user_id)),
            Some("unassigned") => Some(Owner::Unassigned),
            Some(text) => match text.parse() {
                Ok(id) => Some(Owner::User(id)),
                Err(_) => {
                    errors.add("owner", "must be me, unassigned or a user id");
                    None
                }
            },
        };
        let tag = non_empty(raw.tag).map(|tag| tag.trim().to_owned());
        let country = params::parsed(
            "country",
            raw.country,
            "must be a two-letter ISO 3166-1 country code",
            &mut errors,
        );
        let sort = params::wire_enum(
            "sort",
            raw.sort,
            "name, updated_desc, last_contact_desc",
            &mut errors,
        )
        .unwrap_or(Sort::Name);
        let limit = params::limit(raw.limit, &mut errors);
        errors.finish().map_err(ApiError::Validation)?;
        let after = match non_empty(raw.cursor) {
            Some(text) => {
                let mut key = cursor::decode(sort.cursor_tag(), text.trim(), 2)?;
                let id = key.pop().unwrap_or_default();
                let value = key.pop().unwrap_or_default();
                Some((value, id))
            }
            None => None,
        };
        Ok(ListRequest {
            search,
            tier,
            stage,
            owner,
            tag,
            country,
            sort,
            after,
            limit,
        })
    }

    /// The conditions on `c` every query of the request shares.
    fn push_filters<'a>(&'a self, query: &mut Sql<'a>, caller: &Caller, backend: Backend) {
        query.push(" WHERE c.member_id = ");
        query.push_bind(caller.member_id.to_string());
        if let Some(terms) = &self.search {
            search::CUSTOMERS.push_matching(query, "c.rowid", &terms.condition(backend));
        }
        if let Some(tier) = self.tier {
            query.push(" AND c.tier = ");
            query.push_bind(crate::stored::enum_to_text(&tier));
        }
        if let Some(stage) = self.stage {
            query.push(" AND c.stage = ");
            query.push_bind(crate::stored::enum_to_text(&stage));
        }
        match &self.owner {
            Some(Owner::User(id)) => {
                query.push(" AND c.owner_id = ");
                query.push_bind(id.to_string());
            }
            Some(Owner::Unassigned) => {
                query.push(" AND c.owner_id IS NULL");
            }
            None => {}
        }
        if let Some(tag) = &self.tag {
            query.push(
                " AND EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id \
                 AND t.tag = ",
            );
            query.push_bind(tag.as_str());
            query.push(" COLLATE NOCASE)");
        }
        if let Some(country) = self.country {
            query.push(" AND c.country = ");
            query.push_bind(country.as_str().to_owned());
        }
    }
}

/// The customers of the caller's member.
#[utoipa::path(
    get,
    path = "/customers",
    tag = "customers",
    params(RawListQuery),
    responses(
        (status = 200, description = "A page of customers", body = CustomerPage),
        (status = 400, description = "Malformed query string or a cursor this server did not return for this sort", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameters, each named in `errors`", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
pub(super) async fn list_customers(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(raw): ApiQuery<RawListQuery>,
) -> Result<Json<CustomerPage>, ApiError> {
    let request = ListRequest::parse(raw, &caller)?;
    let backend = Backend::of_pool(&state.database);

    let mut count = Sql::new("SELECT COUNT(*) FROM customers c");
    request.push_filters(&mut count, &caller, backend);
    let total: i64 = count
        .build_query_scalar()
        .fetch_one(&state.database)
        .await?;

    let mut page = Sql::new("SELECT * FROM (");
    page.push(CUSTOMER_SELECT);
    request.push_filters(&mut page, &caller, backend);
    page.push(") s");
    let key = request.sort.key();
    let (comparison, direction) = if request.sort.ascending() {
        (">", "ASC")
    } else {
        ("<", "DESC")
    };
    if let Some((value, id)) = &request.after {
        page.push(format_args!(" WHERE ({key}, s.id) {comparison} ("));
        page.push_bind(value.as_str());
        page.push(", ");
        page.push_bind(id.as_str());
        page.push(")");
    }
    page.push(format_args!(
        " ORDER BY {key} {direction}, s.id {direction} LIMIT "
    ));
    // One more than asked tells whether another page follows.
    page.push_bind(i64::from(request.limit) + 1);
    let mut rows: Vec<CustomerRow> = page.build_query_as().fetch_all(&state.database).await?;

    let has_more = rows.len() > request.limit as usize;
    rows.truncate(request.limit as usize);
    let next_cursor = match rows.last() {
        Some(last) if has_more => Some(cursor::encode(
            request.sort.cursor_tag(),
            &[request.sort.key_of(last), &last.id],
        )),
        _ => None,
    };
    let items = rows
        .iter()
        .map(CustomerRow::summary)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(CustomerPage {
        items,
        next_cursor,
        total: u64::try_from(total).unwrap_or_default(),
    }))
}
