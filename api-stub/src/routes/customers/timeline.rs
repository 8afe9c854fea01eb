//! `GET /customers/{id}/timeline`: the customer's inquiries (at their arrival),
//! quote revisions (when sent, drafts when created), logged activities (when
//! they happened) and status changes (an inquiry's status, the customer's stage
//! and tier, from `status_changes`), merged newest first and keyset-paginated
//! across all on (time, kind, id).
//!
//! Visibility follows the resources shown: a rep sees only the inquiries assigned
//! to them (and their status changes), as in the inbox; quotes, activities and
//! the customer's own changes are seen by every user of the member.

use axum::Json;
use axum::extract::State;
use contract::customer::{TimelineEntry, TimelineItem, TimelinePage};
use contract::ids::CustomerId;
use contract::money::Money;
use contract::user::UserRef;
use contract::validation::FieldErrors;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::cursor;
use super::params::{self, non_empty};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::{ApiPath, ApiQuery, parse_path_id};
use crate::sql::Sql;
use crate::stored::{StoredValueError, enum_from_text, parse_stored, timestamp_from_text};

const CURSOR_TAG: &str = "timeline";

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_timeline))
}

/// The query string of the timeline, as sent. An empty value counts as absent.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct RawTimelineQuery {
    /// Only entries of this kind: `inquiry`, `quote`, `activity` or `status_change`.
    #[param(pattern = "^(inquiry|quote|activity|status_change)$")]
    kind: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Page size, 1 to 200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    limit: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Inquiry,
    Quote,
    Activity,
    StatusChange,
}

/// One row of the merged timeline; columns a kind does not have are NULL.
#[derive(sqlx::FromRow)]
struct EntryRow {
    at: String,
    kind: String,
    id: String,
    title: String,
    status: String,
    revision: Option<i64>,
    total: Option<String>,
    currency: Option<String>,
    author_id: Option<String>,
    author_name: Option<String>,
    old_value: Option<String>,
    new_value: Option<String>,
    inquiry_id: Option<String>,
}

impl EntryRow {
    fn into_entry(self, customer: CustomerId) -> Result<TimelineEntry, StoredValueError> {
        let at = timestamp_from_text(&self.at)?;
        let item = match self.kind.as_str() {
            "inquiry" => TimelineItem::Inquiry {
                id: parse_stored("inquiry id", &self.id)?,
                subject: self.title,
                status: enum_from_text("inquiry status", &self.status)?,
            },
            "quote" => TimelineItem::Quote {
                id: parse_stored("quote id", &self.id)?,
                number: self.title,
                revision: u32::try_from(self.revision.unwrap_or(1)).unwrap_or(1),
                status: enum_from_text("quote status", &self.status)?,
                total: Money {
                    amount: parse_stored("quote total", self.total.as_deref().unwrap_or(""))?,
                    currency: parse_stored("currency", self.currency.as_deref().unwrap_or(""))?,
                },
            },
            "status_change" => TimelineItem::StatusChange {
                field: enum_from_text("status field", &self.status)?,
                from: self.old_value.unwrap_or_default(),
                to: self.new_value.unwrap_or_default(),
                inquiry_id: self
                    .inquiry_id
                    .as_deref()
                    .map(|id| parse_stored("inquiry id", id))
                    .transpose()?,
                subject: self.inquiry_id.is_some().then_some(self.title),
                author: match self.author_id.as_deref() {
                    Some(id) => Some(UserRef {
                        id: parse_stored("user id", id)?,
                        name: self.author_name.unwrap_or_default(),
                    }),
                    None => None,
                },
            },
            _ => TimelineItem::Activity(contract::customer::Activity {
                id: parse_stored("activity id", &self.id)?,
                customer_id: customer,
                kind: enum_from_text("activity kind", &self.status)?,
                body: self.title,
                occurred_at: at,
                author: UserRef {
                    id: parse_stored("user id", self.author_id.as_deref().unwrap_or(""))?,
                    name: self.author_name.unwrap_or_default(),
                },
            }),
        };
        Ok(TimelineEntry { at, item })
    }
}

/// Appends the branch of the union for `kind`.
fn push_branch<'a>(
    query: &mut Sql<'a>,
    kind: Kind,
    caller: &'a Caller,
    customer: &'a str,
    member: &'a str,
) {
    match kind {
        Kind::Inquiry => {
            query.push(
                "SELECT i.received_at AS at, 'inquiry' AS kind, i.id, i.subject AS title, \
                 i.status, NULL AS revision, NULL AS total, NULL AS currency, \
                 NULL AS author_id, NULL AS author_name, NULL AS old_value, \
                 NULL AS new_value, NULL AS inquiry_id \
                 FROM inquiries i WHERE i.customer_id = ",
            );
            query
                .push_bind(customer)
                .push(" AND i.member_id = ")
                .push_bind(member);
            if let Some(assignee) = caller.only_assigned_to() {
                query
                    .push(" AND i.assignee_id = ")
                    .push_bind(assignee.to_string());
            }
        }
        Kind::Quote => {
            // A sent revision past its last valid day reads as expired, as in /quotes.
            query.push(
                "SELECT coalesce(q.sent_at, q.created_at) AS at, 'quote' AS kind, q.id, \
                 q.number AS title, \
                 CASE WHEN q.status = 'sent' AND q.valid_until < CAST(CURRENT_DATE AS TEXT) THEN 'expired' \
                 ELSE q.status END AS status, q.revision, q.total, q.currency, \
                 NULL AS author_id, NULL AS author_name, NULL AS old_value, \
                 NULL AS new_value, NULL AS inquiry_id \
                 FROM quotes q WHERE q.customer_id = ",
            );
            query
                .push_bind(customer)
                .push(" AND q.member_id = ")
                .push_bind(member);
        }
        Kind::Activity => {
            query.push(
                "SELECT a.occurred_at AS at, 'activity' AS kind, a.id, a.body AS title, \
                 a.kind AS status, NULL AS revision, NULL AS total, NULL AS currency, \
                 a.author_id, u.name AS author_name, NULL AS old_value, \
                 NULL AS new_value, NULL AS inquiry_id \
                 FROM activities a LEFT JOIN users u ON u.id = a.author_id \
                 WHERE a.customer_id = ",
            );
            query
                .push_bind(customer)
                .push(" AND a.member_id = ")
                .push_bind(member);
        }
        Kind::StatusChange => {
            // A rep sees the status changes of the inquiries they see.
            query.push(
                "SELECT s.changed_at AS at, 'status_change' AS kind, s.id, \
                 coalesce(i.subject, '') AS title, s.field AS status, NULL AS revision, \
                 NULL AS total, NULL AS currency, s.author_id, u.name AS author_name, \
                 s.old_value, s.new_value, s.inquiry_id \
                 FROM status_changes s LEFT JOIN users u ON u.id = s.author_id \
                 LEFT JOIN inquiries i ON i.id = s.inquiry_id \
                 WHERE s.customer_id = ",
            );
            query
                .push_bind(customer)
                .push(" AND s.member_id = ")
                .push_bind(member);
            if let Some(assignee) = caller.only_assigned_to() {
                query
                    .push(" AND (s.inquiry_id IS NULL OR i.assignee_id = ")
                    .push_bind(assignee.to_string())
                    .push(")");
            }
        }
    }
}

/// The customer's history, newest first.
#[utoipa::path(
    get,
    path = "/customers/{id}/timeline",
    tag = "customers",
    params(("id" = uuid::Uuid, Path, description = "The customer's id"), RawTimelineQuery),
    responses(
        (status = 200, description = "A page of the timeline, newest first", body = TimelinePage),
        (status = 400, description = "Malformed id or query string, or a cursor this server did not return", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such customer for the caller", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameters, each named in `errors`", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn get_timeline(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiQuery(raw): ApiQuery<RawTimelineQuery>,
) -> Result<Json<TimelinePage>, ApiError> {
    let customer: CustomerId = parse_path_id("id", &id)?;
    let mut errors = FieldErrors::new();
    let kind: Option<Kind> = params::wire_enum(
        "kind",
        raw.kind,
        "inquiry, quote, activity, status_change",
        &mut errors,
    );
    let limit = params::limit(raw.limit, &mut errors);
    errors.finish().map_err(ApiError::Validation)?;
    let after = non_empty(raw.cursor)
        .map(|text| cursor::decode(CURSOR_TAG, text.trim(), 3))
        .transpose()?;
    {
        let mut connection = state.database.acquire().await?;
        super::ensure_exists(&mut connection, &caller, customer).await?;
    }

    let customer_text = customer.to_string();
    let member_text = caller.member_id.to_string();
    let kinds = match kind {
        Some(kind) => vec![kind],
        None => vec![
            Kind::Inquiry,
            Kind::Quote,
            Kind::Activity,
            Kind::StatusChange,
        ],
    };
    let mut query = Sql::new("SELECT * FROM (");
    for (index, kind) in kinds.into_iter().enumerate() {
        if index > 0 {
            query.push(" UNION ALL ");
        }
        push_branch(&mut query, kind, &caller, &customer_text, &member_text);
    }
    query.push(") t");
    if let Some(key) = &after {
        query.push(" WHERE (t.at, t.kind, t.id) < (");
        let mut separated = query.separated(", ");
        for part in key {
            separated.push_bind(part.as_str());
        }
        query.push(")");
    }
    query.push(" ORDER BY t.at DESC, t.kind DESC, t.id DESC LIMIT ");
    query.push_bind(i64::from(limit) + 1);
    let mut rows: Vec<EntryRow> = query.build_query_as().fetch_all(&state.database).await?;

    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = match rows.last() {
        Some(last) if has_more => Some(cursor::encode(
            CURSOR_TAG,
            &[&last.at, &last.kind, &last.id],
        )),
        _ => None,
    };
    let items = rows
        .into_iter()
        .map(|row| row.into_entry(customer))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(TimelinePage { items, next_cursor }))
}
