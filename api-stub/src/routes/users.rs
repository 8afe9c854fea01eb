//! `GET /users`: the member's people, for assignment pickers, each with how many
//! active inquiries they have.

use axum::Json;
use axum::extract::State;
use contract::change::ChangedRecord;
use contract::ids::{MemberId, UserId};
use contract::user::{User, UserList};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::sql::{DbConnection, Flag, Sql};
use crate::stored::{enum_from_text, parse_stored};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_users))
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: String,
    name: String,
    email: String,
    role: String,
    language: String,
    #[sqlx(try_from = "crate::sql::Flag")]
    active: bool,
    open_inquiries: i64,
}

impl UserRow {
    fn into_user(self) -> Result<User, ApiError> {
        Ok(User {
            id: parse_stored("user id", &self.id)?,
            name: self.name,
            email: self.email,
            role: enum_from_text("role", &self.role)?,
            language: enum_from_text("language", &self.language)?,
            active: self.active,
            open_inquiries: u32::try_from(self.open_inquiries).unwrap_or(u32::MAX),
        })
    }
}

/// Whether `user` is active: `None` when they are not a user of `member` at all.
pub(crate) async fn user_active(
    connection: &mut DbConnection,
    member: MemberId,
    user: UserId,
) -> Result<Option<bool>, sqlx::Error> {
    let active: Option<Flag> =
        sqlx::query_scalar("SELECT active FROM users WHERE id = $1 AND member_id = $2")
            .bind(user.to_string())
            .bind(member.to_string())
            .fetch_optional(connection)
            .await?;
    Ok(active.map(bool::from))
}

/// The users of `member` (only `user` when given), by name, with their counts of
/// new, open and quoted inquiries.
pub(super) async fn load_users(
    connection: &mut DbConnection,
    member: MemberId,
    user: Option<UserId>,
) -> Result<Vec<User>, ApiError> {
    let mut query = Sql::new(
        "SELECT u.id, u.name, u.email, u.role, u.language, u.active,
                (SELECT COUNT(*) FROM inquiries i
                 WHERE i.member_id = u.member_id AND i.assignee_id = u.id
                   AND i.status IN ('new', 'open', 'quoted')) AS open_inquiries
         FROM users u WHERE u.member_id = ",
    );
    query.push_bind(member.to_string());
    if let Some(user) = user {
        query.push(" AND u.id = ");
        query.push_bind(user.to_string());
    }
    query.push(" ORDER BY u.name, u.id");
    let rows: Vec<UserRow> = query.build_query_as().fetch_all(connection).await?;
    rows.into_iter().map(UserRow::into_user).collect()
}

/// Every user of the caller's member company, by name: reps, managers and the
/// owner, active or not, with their number of open inquiries.
#[utoipa::path(
    get,
    path = "/users",
    tag = "users",
    responses(
        (status = 200, description = "The member's users, by name", body = UserList),
        (status = 401, description = "No or an unknown token", body = contract::problem::Problem, content_type = "application/problem+json")
    )
)]
async fn list_users(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<UserList>, ApiError> {
    let mut connection = state.database.acquire().await?;
    let items = load_users(&mut connection, caller.member_id, None).await?;
    Ok(Json(UserList { items }))
}

/// The user `id` as it is now, for the change feed; `current` is `None` when the
/// user is not (or no longer) one of the caller's member.
pub(crate) async fn feed_record(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<ChangedRecord, ApiError> {
    let id: UserId = parse_stored("user id", id)?;
    let mut connection = state.database.acquire().await?;
    let current = load_users(&mut connection, caller.member_id, Some(id))
        .await?
        .into_iter()
        .next();
    Ok(ChangedRecord::User { id, current })
}
