//! `PATCH /inquiries/{id}`: status (along the workflow, with the lost or spam
//! reason), assignee (with the history entry), read state and tags, in one
//! transaction that checks `If-Match` against the stored version.

use contract::ids::{InquiryId, UserId};
use contract::inquiry::{AssignmentRule, InquiryPatch, InquiryStatus};
use contract::validation::FieldErrors;
use contract::version::Version;

use super::push_visible;
use crate::AppState;
use crate::assignment::{HistoryEntry, append_history};
use crate::auth::Caller;
use crate::change_log::{self, Entity};
use crate::concurrency::{IfMatch, stored_version};
use crate::error::ApiError;
use crate::sql::{DbConnection, Sql};
use crate::status_history::{self, Field};
use crate::stored::{enum_from_text, enum_to_text, parse_stored, timestamp_to_text};

#[derive(sqlx::FromRow)]
struct CurrentRow {
    status: String,
    assignee_id: Option<String>,
    #[sqlx(try_from = "crate::sql::Flag")]
    unread: bool,
    lost_reason: Option<String>,
    spam_reason: Option<String>,
    version: i64,
    tags: String,
}

/// Applies `patch` to inquiry `id`; returns the new version (the old one when
/// the patch changed nothing).
pub(super) async fn apply(
    state: &AppState,
    caller: &Caller,
    id: InquiryId,
    if_match: IfMatch,
    patch: &InquiryPatch,
) -> Result<Version, ApiError> {
    patch.validate().map_err(ApiError::Validation)?;
    let mut transaction = crate::database::begin_write(&state.database).await?;
    let mut query = Sql::new(
        "SELECT i.status, i.assignee_id, i.unread, i.lost_reason, i.spam_reason, i.version,
                (SELECT json_group_array(t.tag) FROM inquiry_tags t WHERE t.inquiry_id = i.id) AS tags
         FROM inquiries i",
    );
    push_visible(&mut query, caller, false);
    query.push(" AND i.id = ");
    query.push_bind(id.to_string());
    let current: CurrentRow = query
        .build_query_as()
        .fetch_optional(&mut *transaction)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("There is no inquiry {id}.")))?;
    let version = stored_version(current.version);
    if_match.check(version)?;

    let status: InquiryStatus = enum_from_text("status", &current.status)?;
    let assignee: Option<UserId> = current
        .assignee_id
        .as_deref()
        .map(|assignee| parse_stored("user id", assignee))
        .transpose()?;
    let mut errors = FieldErrors::new();
    if let Some(to) = patch.status {
        errors.check(
            status.can_become(to),
            "/status",
            format!("an inquiry cannot go from {status} to {to}"),
        );
    }
    if let Some(target) = patch.assignee_id {
        if !caller.role.assigns_others() && target.is_some_and(|user| user != caller.user_id) {
            return Err(ApiError::Forbidden(
                "A sales rep can assign an inquiry only to themselves, or unassign themselves."
                    .to_owned(),
            ));
        }
        if let Some(user) = target
            && target != assignee
        {
            errors.check(
                is_active_user(&mut transaction, caller, user).await?,
                "/assignee_id",
                "is not an active user of your company",
            );
        }
    }
    errors.finish().map_err(ApiError::Validation)?;

    let new_status = patch.status.unwrap_or(status);
    let new_lost_reason = match (new_status, patch.lost_reason) {
        (InquiryStatus::Lost, Some(reason)) => Some(enum_to_text(&reason)),
        (InquiryStatus::Lost, None) => current.lost_reason.clone(),
        _ => None,
    };
    let new_spam_reason = match (new_status, &patch.spam_reason) {
        (InquiryStatus::Spam, Some(reason)) => Some(reason.trim().to_owned()),
        (InquiryStatus::Spam, None) => current.spam_reason.clone(),
        _ => None,
    };
    let new_assignee = patch.assignee_id.unwrap_or(assignee);
    let new_unread = patch.unread.unwrap_or(current.unread);
    let mut old_tags: Vec<String> =
        serde_json::from_str(&current.tags).map_err(|error| crate::stored::StoredValueError {
            what: "tag list",
            text: current.tags.clone(),
            reason: error.to_string(),
        })?;
    old_tags.sort();
    let new_tags: Option<Vec<String>> = patch.tags.as_ref().map(|tags| {
        let mut tags: Vec<String> = tags.iter().map(|tag| tag.trim().to_owned()).collect();
        tags.sort();
        tags
    });
    let tags_change = new_tags.as_ref().filter(|tags| **tags != old_tags);

    let unchanged = new_status == status
        && new_lost_reason == current.lost_reason
        && new_spam_reason == current.spam_reason
        && new_assignee == assignee
        && new_unread == current.unread
        && tags_change.is_none();
    if unchanged {
        // Nothing to write: the answer is the current version, unchanged.
        transaction.rollback().await?;
        return Ok(version);
    }

    let now = super::now_as_stored();
    let id_text = id.to_string();
    sqlx::query(
        "UPDATE inquiries SET status = $1, lost_reason = $2, spam_reason = $3, assignee_id = $4,
                unread = $5, version = version + 1, updated_at = $6
         WHERE id = $7 AND member_id = $8",
    )
    .bind(new_status.as_str())
    .bind(&new_lost_reason)
    .bind(&new_spam_reason)
    .bind(new_assignee.map(|user| user.to_string()))
    .bind(i64::from(new_unread))
    .bind(timestamp_to_text(now))
    .bind(&id_text)
    .bind(caller.member_id.to_string())
    .execute(&mut *transaction)
    .await?;
    if let Some(tags) = tags_change {
        sqlx::query("DELETE FROM inquiry_tags WHERE inquiry_id = $1")
            .bind(&id_text)
            .execute(&mut *transaction)
            .await?;
        for tag in tags {
            sqlx::query("INSERT INTO inquiry_tags (inquiry_id, tag) VALUES ($1, $2)")
                .bind(&id_text)
                .bind(tag)
                .execute(&mut *transaction)
                .await?;
        }
    }
    if new_assignee != assignee {
        let explanation = explain_manual(&mut transaction, caller, new_assignee).await?;
        append_history(
            &mut transaction,
            &id_text,
            &HistoryEntry {
                assignee: new_assignee,
                rule: AssignmentRule::Manual,
                by: Some(caller.user_id),
                explanation: &explanation,
                at: now,
            },
        )
        .await?;
    }
    if new_status != status {
        let customer: Option<String> =
            sqlx::query_scalar("SELECT customer_id FROM inquiries WHERE id = $1")
                .bind(&id_text)
                .fetch_one(&mut *transaction)
                .await?;
        if let Some(customer) = customer {
            let customer = crate::stored::parse_stored("customer id", &customer)?;
            status_history::record(
                &mut transaction,
                caller,
                (customer, Some(id)),
                Field::Status,
                (status.as_str(), new_status.as_str()),
                now,
            )
            .await?;
        }
    }
    change_log::record(&mut transaction, caller.member_id, Entity::Inquiry, id, now).await?;
    state.changes.commit(transaction, caller.member_id).await?;
    Ok(version.next())
}

async fn is_active_user(
    connection: &mut DbConnection,
    caller: &Caller,
    user: UserId,
) -> Result<bool, ApiError> {
    let active = crate::routes::users::user_active(connection, caller.member_id, user).await?;
    Ok(active == Some(true))
}

async fn user_name(
    connection: &mut DbConnection,
    caller: &Caller,
    user: UserId,
) -> Result<String, ApiError> {
    let name: Option<String> =
        sqlx::query_scalar("SELECT name FROM users WHERE id = $1 AND member_id = $2")
            .bind(user.to_string())
            .bind(caller.member_id.to_string())
            .fetch_optional(connection)
            .await?;
    Ok(name.unwrap_or_else(|| "a former user".to_owned()))
}

/// "assigned to Wang Fang by Zhang Min", "Li Wei took it", "unassigned by Li Wei".
async fn explain_manual(
    connection: &mut DbConnection,
    caller: &Caller,
    assignee: Option<UserId>,
) -> Result<String, ApiError> {
    let by = user_name(connection, caller, caller.user_id).await?;
    Ok(match assignee {
        Some(user) if user == caller.user_id => format!("{by} took it"),
        Some(user) => format!(
            "assigned to {} by {by}",
            user_name(connection, caller, user).await?
        ),
        None => format!("unassigned by {by}"),
    })
}
