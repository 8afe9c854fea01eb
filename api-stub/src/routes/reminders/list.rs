//! `GET /reminders`: reminders across customers, earliest due first (then by id),
//! keyset-paginated on (due date, id).

use axum::Json;
use axum::extract::State;
use contract::customer::ReminderPage;
use contract::ids::{CustomerId, UserId};
use contract::validation::FieldErrors;
use serde::Deserialize;
use time::Date;

use super::{DATE_FORMAT, REMINDER_SELECT, ReminderRow};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::routes::customers::cursor;
use crate::routes::customers::params::{self, non_empty};
use crate::sql::Sql;

const CURSOR_TAG: &str = "reminders";

/// The query string of `GET /reminders`, as sent. An empty value counts as absent.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct RawReminderQuery {
    /// Whose reminders: `me` (the default), `all` (owners and managers only) or a
    /// user id (a rep may only name themselves).
    owner: Option<String>,
    /// `true`: only open reminders; `false`: only done ones; absent: both.
    #[param(value_type = Option<bool>)]
    open: Option<String>,
    /// Only reminders due before this day (`YYYY-MM-DD`, exclusive).
    #[param(value_type = Option<time::Date>)]
    due_before: Option<String>,
    /// Only the reminders on this customer.
    #[param(value_type = Option<uuid::Uuid>)]
    customer_id: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Page size, 1 to 200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    limit: Option<String>,
}

enum Owner {
    All,
    User(UserId),
}

/// The reminders the caller asked for.
#[utoipa::path(
    get,
    path = "/reminders",
    tag = "customers",
    params(RawReminderQuery),
    responses(
        (status = 200, description = "A page of reminders, earliest due first", body = ReminderPage),
        (status = 400, description = "Malformed query string or a cursor this server did not return", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "A rep asking for someone else's reminders", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameters, each named in `errors`", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
pub(super) async fn list_reminders(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(raw): ApiQuery<RawReminderQuery>,
) -> Result<Json<ReminderPage>, ApiError> {
    let mut errors = FieldErrors::new();
    let owner = match non_empty(raw.owner).as_deref().map(str::trim) {
        None | Some("me") => Some(Owner::User(caller.user_id)),
        Some("all") => Some(Owner::All),
        Some(text) => match text.parse() {
            Ok(id) => Some(Owner::User(id)),
            Err(_) => {
                errors.add("owner", "must be me, all or a user id");
                None
            }
        },
    };
    let open = params::boolean("open", raw.open, &mut errors);
    let due_before =
        non_empty(raw.due_before).and_then(|text| match Date::parse(text.trim(), DATE_FORMAT) {
            Ok(date) => Some(date),
            Err(_) => {
                errors.add("due_before", "must be a date such as 2026-03-01");
                None
            }
        });
    let customer: Option<CustomerId> = params::parsed(
        "customer_id",
        raw.customer_id,
        "must be a customer id (a UUID)",
        &mut errors,
    );
    let limit = params::limit(raw.limit, &mut errors);
    errors.finish().map_err(ApiError::Validation)?;
    let after = non_empty(raw.cursor)
        .map(|text| cursor::decode(CURSOR_TAG, text.trim(), 2))
        .transpose()?;
    let sees_everyone = caller.only_assigned_to().is_none();
    match owner {
        Some(Owner::All) if !sees_everyone => {
            return Err(ApiError::Forbidden(
                "Sales reps may only list their own reminders.".to_owned(),
            ));
        }
        Some(Owner::User(user)) if !sees_everyone && user != caller.user_id => {
            return Err(ApiError::Forbidden(
                "Sales reps may only list their own reminders.".to_owned(),
            ));
        }
        _ => {}
    }

    let mut query: Sql<'_> = Sql::new(REMINDER_SELECT);
    super::push_visible(&mut query, &caller);
    if let Some(Owner::User(user)) = owner {
        query.push(" AND r.owner_id = ").push_bind(user.to_string());
    }
    match open {
        Some(true) => {
            query.push(" AND r.done_at IS NULL");
        }
        Some(false) => {
            query.push(" AND r.done_at IS NOT NULL");
        }
        None => {}
    }
    if let Some(date) = due_before {
        query
            .push(" AND r.due_on < ")
            .push_bind(super::date_to_text(date));
    }
    if let Some(customer) = customer {
        query
            .push(" AND r.customer_id = ")
            .push_bind(customer.to_string());
    }
    if let Some(key) = &after {
        query.push(" AND (r.due_on, r.id) > (");
        let mut separated = query.separated(", ");
        for part in key {
            separated.push_bind(part.clone());
        }
        query.push(")");
    }
    query.push(" ORDER BY r.due_on, r.id LIMIT ");
    query.push_bind(i64::from(limit) + 1);
    let mut rows: Vec<ReminderRow> = query.build_query_as().fetch_all(&state.database).await?;

    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = match rows.last() {
        Some(last) if has_more => Some(cursor::encode(CURSOR_TAG, &[&last.due_on, &last.id])),
        _ => None,
    };
    let items = rows
        .into_iter()
        .map(ReminderRow::into_reminder)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(ReminderPage { items, next_cursor }))
}
