//! Reading a member's change log: the current position, pages of changes after a
//! position (several changes of one record within a page collapsed into its latest),
//! and retention (pruning old entries, and telling a client its cursor is too old).

use std::collections::HashMap;

use contract::change::{Change, ChangedRecord};
use contract::ids::MemberId;
use time::OffsetDateTime;

use super::cursor::Position;
use crate::AppState;
use crate::auth::Caller;
use crate::change_log::Entity;
use crate::error::ApiError;
use crate::sql::DbPool;
use crate::stored::{StoredValueError, timestamp_from_text, timestamp_to_text};

/// Every kind of record, to read `change_log.entity`.
const ENTITIES: [Entity; 6] = [
    Entity::Inquiry,
    Entity::Customer,
    Entity::Quote,
    Entity::Product,
    Entity::User,
    Entity::Reminder,
];

/// One page of the feed.
#[derive(Debug)]
pub(super) struct Page {
    /// The changes, oldest first, one per record.
    pub(super) changes: Vec<Change>,
    /// Where the next page starts.
    pub(super) next: Position,
    /// Whether more changes follow right away.
    pub(super) has_more: bool,
}

#[derive(sqlx::FromRow)]
struct LogRow {
    seq: i64,
    entity: String,
    entity_id: String,
    changed_at: String,
}

/// The member's latest position: a client that starts following from here misses
/// nothing that happens afterwards.
pub(super) async fn current_position(
    database: &DbPool,
    member: MemberId,
) -> Result<Position, ApiError> {
    let member = member.to_string();
    let seq: i64 = sqlx::query_scalar(
        "SELECT MAX(COALESCE((SELECT MAX(seq) FROM change_log WHERE member_id = $1), 0),
                    COALESCE((SELECT through_seq FROM change_log_pruned WHERE member_id = $2), 0))",
    )
    .bind(&member)
    .bind(&member)
    .fetch_one(database)
    .await?;
    Ok(Position(seq))
}

/// 410 Gone when changes of the member after `since` were already pruned.
pub(super) async fn ensure_retained(
    state: &AppState,
    member: MemberId,
    since: Position,
) -> Result<(), ApiError> {
    let pruned_through: Option<i64> =
        sqlx::query_scalar("SELECT through_seq FROM change_log_pruned WHERE member_id = $1")
            .bind(member.to_string())
            .fetch_optional(&state.database)
            .await?;
    match pruned_through {
        Some(through) if since.0 < through => Err(ApiError::Gone(format!(
            "This cursor is older than the {} days the change feed keeps; reload your data, \
             then follow the feed from a fresh cursor (GET /changes without `since`).",
            state.settings.change_retention.whole_days()
        ))),
        _ => Ok(()),
    }
}

/// Up to `limit` log entries of the caller's member after `since`, as changes: one per
/// record (at its latest position in the page), each with the record as the caller
/// may see it now.
pub(super) async fn page(
    state: &AppState,
    caller: &Caller,
    since: Position,
    limit: u32,
) -> Result<Page, ApiError> {
    let mut rows: Vec<LogRow> = sqlx::query_as(
        "SELECT seq, entity, entity_id, changed_at FROM change_log
         WHERE member_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
    )
    .bind(caller.member_id.to_string())
    .bind(since.0)
    .bind(i64::from(limit) + 1)
    .fetch_all(&state.database)
    .await?;
    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = rows.last().map_or(since, |row| Position(row.seq));

    let mut latest: HashMap<(&str, &str), i64> = HashMap::new();
    for row in &rows {
        latest.insert((&row.entity, &row.entity_id), row.seq);
    }
    let mut changes = Vec::with_capacity(latest.len());
    for row in &rows {
        if latest.get(&(row.entity.as_str(), row.entity_id.as_str())) != Some(&row.seq) {
            continue;
        }
        let record = resolve(state, caller, &row.entity, &row.entity_id).await?;
        changes.push(Change {
            cursor: Position(row.seq).encode(),
            changed_at: timestamp_from_text(&row.changed_at)?,
            record,
        });
    }
    Ok(Page {
        changes,
        next,
        has_more,
    })
}

/// The record as the caller may see it now, from the module that owns it.
async fn resolve(
    state: &AppState,
    caller: &Caller,
    entity: &str,
    id: &str,
) -> Result<ChangedRecord, ApiError> {
    let kind = ENTITIES
        .into_iter()
        .find(|kind| kind.as_str() == entity)
        .ok_or_else(|| StoredValueError {
            what: "change log entity",
            text: entity.to_owned(),
            reason: "not a kind of record".to_owned(),
        })?;
    match kind {
        Entity::Inquiry => super::super::inquiries::feed_record(state, caller, id).await,
        Entity::Customer => super::super::customers::feed_record(state, caller, id).await,
        Entity::Quote => super::super::quotes::feed_record(state, caller, id).await,
        Entity::Product => super::super::products::feed_record(state, caller, id).await,
        Entity::User => super::super::users::feed_record(state, caller, id).await,
        Entity::Reminder => super::super::reminders::feed_record(state, caller, id).await,
    }
}

/// Deletes change-log entries older than `before`, remembering per member the last
/// position deleted (for [`ensure_retained`]).
pub async fn prune_change_log(
    database: &DbPool,
    before: OffsetDateTime,
) -> Result<u64, sqlx::Error> {
    let before = timestamp_to_text(before);
    let mut transaction = database.begin().await?;
    sqlx::query(
        "INSERT INTO change_log_pruned (member_id, through_seq)
         SELECT member_id, MAX(seq) FROM change_log WHERE changed_at < $1 GROUP BY member_id
         ON CONFLICT (member_id) DO UPDATE SET through_seq = MAX(change_log_pruned.through_seq, excluded.through_seq)",
    )
    .bind(&before)
    .execute(&mut *transaction)
    .await?;
    let deleted = sqlx::query("DELETE FROM change_log WHERE changed_at < $1")
        .bind(&before)
        .execute(&mut *transaction)
        .await?;
    transaction.commit().await?;
    Ok(deleted.rows_affected())
}
