//! Notes and logged activities on a customer: `POST /customers/{id}/activities` and
//! `GET /customers/{id}/activities/{activity_id}`. Activities are never edited, so
//! they carry no version; logging one changes the customer's last contact, so it is
//! recorded in the change feed as a change of the customer.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use contract::customer::{Activity, NewActivity};
use contract::ids::{ActivityId, CustomerId};
use contract::user::UserRef;
use time::{Duration, OffsetDateTime};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{ensure_exists, with_location};
use crate::AppState;
use crate::auth::Caller;
use crate::change_log::{self, Entity};
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiPath, parse_path_id};
use crate::sql::DbPool;
use crate::stored::{
    enum_from_text, enum_to_text, parse_stored, timestamp_from_text, timestamp_to_text,
};

/// How far in the future `occurred_at` may lie (clocks differ); an activity is
/// logged after it happened.
const CLOCK_TOLERANCE: Duration = Duration::hours(1);

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_activity))
        .routes(routes!(get_activity))
}

#[derive(sqlx::FromRow)]
struct ActivityRow {
    id: String,
    customer_id: String,
    kind: String,
    body: String,
    occurred_at: String,
    author_id: String,
    author_name: Option<String>,
}

async fn load_activity(
    database: &DbPool,
    caller: &Caller,
    customer: CustomerId,
    id: ActivityId,
) -> Result<Activity, ApiError> {
    let row: Option<ActivityRow> = sqlx::query_as(
        "SELECT a.id, a.customer_id, a.kind, a.body, a.occurred_at, a.author_id,
                u.name AS author_name
         FROM activities a LEFT JOIN users u ON u.id = a.author_id
         WHERE a.id = $1 AND a.customer_id = $2 AND a.member_id = $3",
    )
    .bind(id.to_string())
    .bind(customer.to_string())
    .bind(caller.member_id.to_string())
    .fetch_optional(database)
    .await?;
    let row = row.ok_or_else(|| {
        ApiError::NotFound(format!("There is no activity {id} on this customer."))
    })?;
    Ok(Activity {
        id: parse_stored("activity id", &row.id)?,
        customer_id: parse_stored("customer id", &row.customer_id)?,
        kind: enum_from_text("activity kind", &row.kind)?,
        body: row.body,
        occurred_at: timestamp_from_text(&row.occurred_at)?,
        author: UserRef {
            id: parse_stored("user id", &row.author_id)?,
            name: row.author_name.unwrap_or_default(),
        },
    })
}

/// Logs a note, call, meeting, e-mail or sample shipment; the caller is its author.
#[utoipa::path(
    post,
    path = "/customers/{id}/activities",
    tag = "customers",
    params(("id" = uuid::Uuid, Path, description = "The customer's id")),
    request_body = NewActivity,
    responses(
        (status = 201, description = "The activity as logged", body = Activity,
            headers(("Location" = String, description = "The activity's URL"))),
        (status = 400, description = "Malformed id or JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such customer for the caller", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (`/body`; `/occurred_at` more than an hour in the future)", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn create_activity(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(new): ApiJson<NewActivity>,
) -> Result<Response, ApiError> {
    let customer: CustomerId = parse_path_id("id", &id)?;
    let now = OffsetDateTime::now_utc();
    let mut errors = match new.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors,
    };
    let occurred_at = new.occurred_at.unwrap_or(now);
    if occurred_at > now + CLOCK_TOLERANCE {
        errors.push(contract::problem::FieldError {
            field: "/occurred_at".to_owned(),
            message: "must not be in the future".to_owned(),
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let activity = ActivityId(Uuid::new_v4());
    let mut transaction = crate::database::begin_write(&state.database).await?;
    ensure_exists(&mut transaction, &caller, customer).await?;
    sqlx::query(
        "INSERT INTO activities (id, member_id, customer_id, kind, body, occurred_at,
                                 author_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(activity.to_string())
    .bind(caller.member_id.to_string())
    .bind(customer.to_string())
    .bind(enum_to_text(&new.kind))
    .bind(new.body.trim())
    .bind(timestamp_to_text(occurred_at))
    .bind(caller.user_id.to_string())
    .bind(timestamp_to_text(now))
    .execute(&mut *transaction)
    .await?;
    change_log::record(
        &mut transaction,
        caller.member_id,
        Entity::Customer,
        customer,
        now,
    )
    .await?;
    state.changes.commit(transaction, caller.member_id).await?;
    let created = load_activity(&state.database, &caller, customer, activity).await?;
    Ok(with_location(
        &[
            "/customers/",
            &customer.to_string(),
            "/activities/",
            &activity.to_string(),
        ]
        .concat(),
        (StatusCode::CREATED, Json(created)),
    ))
}

/// One logged activity.
#[utoipa::path(
    get,
    path = "/customers/{id}/activities/{activity_id}",
    tag = "customers",
    params(
        ("id" = uuid::Uuid, Path, description = "The customer's id"),
        ("activity_id" = uuid::Uuid, Path, description = "The activity's id")
    ),
    responses(
        (status = 200, description = "The activity", body = Activity),
        (status = 400, description = "Malformed id", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such activity on this customer for the caller", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn get_activity(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath((id, activity_id)): ApiPath<(String, String)>,
) -> Result<Json<Activity>, ApiError> {
    let customer: CustomerId = parse_path_id("id", &id)?;
    let activity: ActivityId = parse_path_id("activity_id", &activity_id)?;
    Ok(Json(
        load_activity(&state.database, &caller, customer, activity).await?,
    ))
}
