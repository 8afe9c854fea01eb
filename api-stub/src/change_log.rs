//! Recording changes for the change feed (`GET /changes`, the event stream).
//!
//! Every write to a member's record calls [`record`] inside the same transaction
//! as the write, so the feed can never miss or invent a change; after the commit
//! the handler calls [`ChangeNotifier::notify`] so that open event streams of that
//! member look at the log at once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use contract::ids::MemberId;
use time::OffsetDateTime;
use tokio::sync::watch;

use crate::sql::DbConnection;
use crate::stored::timestamp_to_text;

/// The kinds of record the feed reports, as stored in `change_log.entity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entity {
    /// An inquiry.
    Inquiry,
    /// A customer (also for changes of its contacts and tags).
    Customer,
    /// A quote revision.
    Quote,
    /// A product.
    Product,
    /// A user.
    User,
    /// A reminder.
    Reminder,
}

impl Entity {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Inquiry => "inquiry",
            Entity::Customer => "customer",
            Entity::Quote => "quote",
            Entity::Product => "product",
            Entity::User => "user",
            Entity::Reminder => "reminder",
        }
    }
}

/// Appends a change of `entity` `id` of `member` to the log. Call it in the
/// transaction that makes the change.
pub async fn record(
    connection: &mut DbConnection,
    member: contract::ids::MemberId,
    entity: Entity,
    id: impl std::fmt::Display,
    at: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO change_log (member_id, entity, entity_id, changed_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(member.to_string())
    .bind(entity.as_str())
    .bind(id.to_string())
    .bind(timestamp_to_text(at))
    .execute(connection)
    .await?;
    Ok(())
}

/// Wakes the event streams of a member after its changes were committed.
#[derive(Clone, Debug, Default)]
pub struct ChangeNotifier {
    members: Arc<Mutex<HashMap<MemberId, watch::Sender<u64>>>>,
    /// The server is stopping: every stream ends, new ones end at once.
    closed: Arc<std::sync::atomic::AtomicBool>,
}

impl ChangeNotifier {
    /// Commits the transaction that wrote `member`'s changes (with their log
    /// entries), then wakes its event streams: never before the commit, so a
    /// stream never reads a log without the change, and never forgotten.
    pub async fn commit(
        &self,
        transaction: sqlx::Transaction<'_, crate::sql::Db>,
        member: MemberId,
    ) -> Result<(), sqlx::Error> {
        transaction.commit().await?;
        self.notify(member);
        Ok(())
    }

    /// Tells `member`'s open event streams that the log grew.
    pub fn notify(&self, member: MemberId) {
        let members = self
            .members
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(sender) = members.get(&member) {
            sender.send_modify(|generation| *generation += 1);
        }
    }

    /// Ends every event stream (their receivers see the senders gone), so that a
    /// graceful shutdown does not wait forever for clients that follow the feed.
    pub fn shut_down(&self) {
        self.closed.store(true, std::sync::atomic::Ordering::SeqCst);
        self.members
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }

    /// A receiver that changes whenever `member`'s log grows.
    pub fn subscribe(&self, member: MemberId) -> watch::Receiver<u64> {
        let mut members = self
            .members
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if self.closed.load(std::sync::atomic::Ordering::SeqCst) {
            // No sender: the stream ends as soon as it has sent its backlog.
            return watch::channel(0).1;
        }
        // Streams of members nobody follows any more need no sender.
        members.retain(|_, sender| sender.receiver_count() > 0);
        members
            .entry(member)
            .or_insert_with(|| watch::channel(0).0)
            .subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn shutting_down_ends_every_stream_and_every_later_one() {
        let notifier = ChangeNotifier::default();
        let member = MemberId(uuid::Uuid::from_u128(1));
        let mut open = notifier.subscribe(member);
        notifier.shut_down();
        assert!(
            open.changed().await.is_err(),
            "an open stream is woken to end"
        );
        let mut later = notifier.subscribe(member);
        assert!(
            later.changed().await.is_err(),
            "a later stream ends at once"
        );
    }

    #[tokio::test]
    async fn notifications_reach_the_member_s_subscribers_only() {
        let notifier = ChangeNotifier::default();
        let first = MemberId(uuid::Uuid::from_u128(1));
        let second = MemberId(uuid::Uuid::from_u128(2));
        let mut receiver = notifier.subscribe(first);
        let other = notifier.subscribe(second);
        notifier.notify(first);
        assert!(receiver.has_changed().unwrap());
        receiver.mark_unchanged();
        assert!(!other.has_changed().unwrap());
    }
}
