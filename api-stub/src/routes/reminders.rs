//! Follow-ups and important dates: `POST /customers/{id}/reminders`,
//! `GET /reminders`, `GET /reminders/{id}` and `PATCH /reminders/{id}`.
//!
//! A reminder belongs to the user who set it. Owners and managers see and change
//! everyone's; a rep only their own (another user's reminder answers 404 to them,
//! and asking to list someone else's answers 403).

mod list;

use axum::extract::State;
use axum::response::Response;
use contract::change::ChangedRecord;
use contract::customer::{NewReminder, Reminder, ReminderPatch};
use contract::ids::{CustomerId, ReminderId};
use contract::user::UserRef;
use time::OffsetDateTime;
use time::macros::format_description;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::AppState;
use crate::auth::Caller;
use crate::change_log::{self, Entity};
use crate::concurrency::{IfMatch, Tagged, stored_version};
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath, parse_path_id};
use crate::routes::customers;
use crate::sql::{DbConnection, Sql};
use crate::stored::{
    StoredValueError, enum_from_text, enum_to_text, parse_stored, timestamp_from_text,
    timestamp_to_text,
};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_reminder))
        .routes(routes!(list::list_reminders))
        .routes(routes!(get_reminder, update_reminder))
}

/// The `SELECT … FROM` of every reminder read; callers append `WHERE …` and must
/// scope it with `r.member_id`.
const REMINDER_SELECT: &str = "SELECT r.id, r.customer_id, r.kind, r.title, r.due_on, \
     r.done_at, r.owner_id, u.name AS owner_name, r.version \
     FROM reminders r LEFT JOIN users u ON u.id = r.owner_id";

#[derive(Debug, sqlx::FromRow)]
struct ReminderRow {
    id: String,
    customer_id: String,
    kind: String,
    title: String,
    due_on: String,
    done_at: Option<String>,
    owner_id: String,
    owner_name: Option<String>,
    version: i64,
}

const DATE_FORMAT: &[time::format_description::FormatItem<'static>] =
    format_description!("[year]-[month]-[day]");

impl ReminderRow {
    fn into_reminder(self) -> Result<Reminder, StoredValueError> {
        Ok(Reminder {
            id: parse_stored("reminder id", &self.id)?,
            customer_id: parse_stored("customer id", &self.customer_id)?,
            kind: enum_from_text("reminder kind", &self.kind)?,
            title: self.title,
            due_on: time::Date::parse(&self.due_on, DATE_FORMAT).map_err(|error| {
                StoredValueError {
                    what: "due date",
                    text: self.due_on.clone(),
                    reason: error.to_string(),
                }
            })?,
            done_at: self
                .done_at
                .as_deref()
                .map(timestamp_from_text)
                .transpose()?,
            owner: UserRef {
                id: parse_stored("user id", &self.owner_id)?,
                name: self.owner_name.unwrap_or_default(),
            },
            version: stored_version(self.version),
        })
    }
}

/// A date as stored: `YYYY-MM-DD`.
fn date_to_text(date: time::Date) -> String {
    date.format(DATE_FORMAT).unwrap_or_default()
}

/// The conditions that keep a reminder query to what `caller` may see.
fn push_visible<'a>(query: &mut Sql<'a>, caller: &Caller) {
    query.push(" WHERE r.member_id = ");
    query.push_bind(caller.member_id.to_string());
    if let Some(owner) = caller.only_assigned_to() {
        query.push(" AND r.owner_id = ");
        query.push_bind(owner.to_string());
    }
}

/// Reminder `id` as `caller` may see it.
async fn find_reminder(
    connection: &mut DbConnection,
    caller: &Caller,
    id: ReminderId,
) -> Result<Option<ReminderRow>, ApiError> {
    let mut query = Sql::new(REMINDER_SELECT);
    push_visible(&mut query, caller);
    query.push(" AND r.id = ").push_bind(id.to_string());
    Ok(query.build_query_as().fetch_optional(connection).await?)
}

fn not_found(id: ReminderId) -> ApiError {
    ApiError::NotFound(format!("There is no reminder {id}."))
}

async fn load_reminder(
    state: &AppState,
    caller: &Caller,
    id: ReminderId,
) -> Result<Tagged<Reminder>, ApiError> {
    let mut connection = state.database.acquire().await?;
    let row = find_reminder(&mut connection, caller, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    Ok(Tagged::ok(
        stored_version(row.version),
        row.into_reminder()?,
    ))
}

/// Sets a reminder on a customer, owned by the caller.
#[utoipa::path(
    post,
    path = "/customers/{id}/reminders",
    tag = "customers",
    params(("id" = uuid::Uuid, Path, description = "The customer's id")),
    request_body = NewReminder,
    responses(
        (status = 201, description = "The reminder as created", body = Reminder,
            headers(("ETag" = String, description = "The reminder's version"),
                    ("Location" = String, description = "The reminder's URL"))),
        (status = 400, description = "Malformed id or JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such customer for the caller", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named in `errors`", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn create_reminder(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(new): ApiJson<NewReminder>,
) -> Result<Response, ApiError> {
    let customer: CustomerId = parse_path_id("id", &id)?;
    new.validate().map_err(ApiError::Validation)?;
    let id = ReminderId(Uuid::new_v4());
    let now = OffsetDateTime::now_utc();
    let mut transaction = crate::database::begin_write(&state.database).await?;
    customers::ensure_exists(&mut transaction, &caller, customer).await?;
    sqlx::query(
        "INSERT INTO reminders (id, member_id, customer_id, kind, title, due_on, done_at,
                                owner_id, version, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, 1, $8)",
    )
    .bind(id.to_string())
    .bind(caller.member_id.to_string())
    .bind(customer.to_string())
    .bind(enum_to_text(&new.kind))
    .bind(new.title.trim())
    .bind(date_to_text(new.due_on))
    .bind(caller.user_id.to_string())
    .bind(timestamp_to_text(now))
    .execute(&mut *transaction)
    .await?;
    change_log::record(
        &mut transaction,
        caller.member_id,
        Entity::Reminder,
        id,
        now,
    )
    .await?;
    state.changes.commit(transaction, caller.member_id).await?;
    let created = load_reminder(&state, &caller, id).await?;
    Ok(customers::with_location(
        &["/reminders/", &id.to_string()].concat(),
        Tagged::created(created.version, created.body),
    ))
}

/// One reminder the caller may see.
#[utoipa::path(
    get,
    path = "/reminders/{id}",
    tag = "customers",
    params(("id" = uuid::Uuid, Path, description = "The reminder's id")),
    responses(
        (status = 200, description = "The reminder", body = Reminder,
            headers(("ETag" = String, description = "The reminder's version"))),
        (status = 400, description = "Malformed id", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reminder the caller may see", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn get_reminder(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Tagged<Reminder>, ApiError> {
    let id: ReminderId = parse_path_id("id", &id)?;
    load_reminder(&state, &caller, id).await
}

/// Changes a reminder: its title or due date, or marks it done (`done: true` sets
/// `done_at` unless already done) or open again (`done: false` clears it).
#[utoipa::path(
    patch,
    path = "/reminders/{id}",
    tag = "customers",
    params(
        ("id" = uuid::Uuid, Path, description = "The reminder's id"),
        ("If-Match" = String, Header, description = "The ETag of the version being changed")
    ),
    request_body = ReminderPatch,
    responses(
        (status = 200, description = "The reminder as changed", body = Reminder,
            headers(("ETag" = String, description = "The reminder's new version"))),
        (status = 400, description = "Malformed id, JSON or If-Match", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such reminder the caller may see", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone changed the reminder first", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named in `errors`", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 428, description = "No If-Match", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn update_reminder(
    State(state): State<AppState>,
    caller: Caller,
    if_match: IfMatch,
    ApiPath(id): ApiPath<String>,
    ApiJson(patch): ApiJson<ReminderPatch>,
) -> Result<Tagged<Reminder>, ApiError> {
    let id: ReminderId = parse_path_id("id", &id)?;
    patch.validate().map_err(ApiError::Validation)?;
    let now = OffsetDateTime::now_utc();
    let mut transaction = crate::database::begin_write(&state.database).await?;
    let row = find_reminder(&mut transaction, &caller, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    if_match.check(stored_version(row.version))?;
    let mut update = Sql::new("UPDATE reminders SET version = version + 1");
    if let Some(title) = &patch.title {
        update.push(", title = ").push_bind(title.trim().to_owned());
    }
    if let Some(due_on) = patch.due_on {
        update.push(", due_on = ").push_bind(date_to_text(due_on));
    }
    match patch.done {
        Some(true) => {
            update
                .push(", done_at = coalesce(done_at, ")
                .push_bind(timestamp_to_text(now))
                .push(")");
        }
        Some(false) => {
            update.push(", done_at = NULL");
        }
        None => {}
    }
    update.push(" WHERE id = ").push_bind(id.to_string());
    update
        .push(" AND member_id = ")
        .push_bind(caller.member_id.to_string());
    update.build().execute(&mut *transaction).await?;
    change_log::record(
        &mut transaction,
        caller.member_id,
        Entity::Reminder,
        id,
        now,
    )
    .await?;
    state.changes.commit(transaction, caller.member_id).await?;
    load_reminder(&state, &caller, id).await
}

/// The reminder as the change feed carries it for `caller`: `None` once deleted or
/// when the caller may not see it (another user's reminder, for a rep).
pub(crate) async fn feed_record(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<ChangedRecord, ApiError> {
    let id: ReminderId = parse_path_id("id", id)?;
    let mut connection = state.database.acquire().await?;
    let current = match find_reminder(&mut connection, caller, id).await? {
        Some(row) => Some(row.into_reminder()?),
        None => None,
    };
    Ok(ChangedRecord::Reminder { id, current })
}
