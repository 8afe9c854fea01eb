//! Recording changes for the change feed (`GET /changes`, the event stream).
//!
//! Every write to a member's record calls [`record`] inside the same transaction
//! as the write, so the feed can never miss or invent a change, and commits
//! through [`ChangeNotifier::commit`], which wakes that member's open event
//! streams after the commit, on every instance (see [`ChangeNotifier`]). The
//! log's `seq` is taken under the writers' lock (`database::begin_write`), so
//! it grows in commit order, across instances too: a reader that has seen
//! `seq` n never sees a smaller one commit later.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::Duration;

use contract::ids::MemberId;
use sqlx::postgres::PgListener;
use time::OffsetDateTime;
use tokio::sync::watch;

use crate::sql::{Backend, DbConnection, DbPool};
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

/// The PostgreSQL channel on which every instance announces a member's committed
/// changes (the payload is the member's id).
const CHANNEL: &str = "crm_changes";

/// How long the listener waits before connecting again after a failure.
const LISTEN_RETRY: Duration = Duration::from_secs(2);

/// Wakes the event streams of a member after its changes were committed: those
/// on this instance at once, and on PostgreSQL those on every instance, through
/// `NOTIFY` (sent in the writing transaction, so delivered only if it commits)
/// and a listener per instance.
#[derive(Clone, Debug, Default)]
pub struct ChangeNotifier {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    members: Mutex<HashMap<MemberId, watch::Sender<u64>>>,
    /// The server is stopping: every stream ends, new ones end at once.
    closed: AtomicBool,
    /// Ends the listener when set, or when dropped with the last notifier.
    stop_listening: Option<watch::Sender<bool>>,
}

impl ChangeNotifier {
    /// A notifier for an application on `database`: on PostgreSQL it also
    /// listens for the changes other instances commit (in a task on the current
    /// Tokio runtime, which ends with the notifier).
    pub fn for_database(database: &DbPool) -> ChangeNotifier {
        if Backend::of_pool(database) != Backend::Postgres {
            return ChangeNotifier::default();
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            tracing::warn!("no Tokio runtime: changes of other instances will not wake streams");
            return ChangeNotifier::default();
        };
        let (stop, stopped) = watch::channel(false);
        let inner = Arc::new(Inner {
            stop_listening: Some(stop),
            ..Inner::default()
        });
        let url = database.connect_options().database_url.to_string();
        runtime.spawn(listen(url, Arc::downgrade(&inner), stopped));
        ChangeNotifier { inner }
    }

    /// Commits the transaction that wrote `member`'s changes (with their log
    /// entries), then wakes its event streams: never before the commit, so a
    /// stream never reads a log without the change, and never forgotten.
    pub async fn commit(
        &self,
        mut transaction: sqlx::Transaction<'_, crate::sql::Db>,
        member: MemberId,
    ) -> Result<(), sqlx::Error> {
        if Backend::of(&transaction) == Backend::Postgres {
            // Delivered to every listening instance when (and if) this commits.
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(member.to_string())
                .execute(&mut *transaction)
                .await?;
        }
        transaction.commit().await?;
        self.notify(member);
        Ok(())
    }

    /// Tells `member`'s open event streams on this instance that the log grew.
    pub fn notify(&self, member: MemberId) {
        self.inner.notify(member);
    }

    /// Ends every event stream (their receivers see the senders gone), so that a
    /// graceful shutdown does not wait forever for clients that follow the feed.
    pub fn shut_down(&self) {
        self.inner.closed.store(true, Ordering::SeqCst);
        self.inner.members().clear();
        if let Some(stop) = &self.inner.stop_listening {
            stop.send_replace(true);
        }
    }

    /// A receiver that changes whenever `member`'s log grows.
    pub fn subscribe(&self, member: MemberId) -> watch::Receiver<u64> {
        let mut members = self.inner.members();
        if self.inner.closed.load(Ordering::SeqCst) {
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

impl Inner {
    fn members(&self) -> std::sync::MutexGuard<'_, HashMap<MemberId, watch::Sender<u64>>> {
        self.members.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn notify(&self, member: MemberId) {
        if let Some(sender) = self.members().get(&member) {
            sender.send_modify(|generation| *generation += 1);
        }
    }

    /// Wakes every stream: they read the log from their cursors, so a wake-up
    /// without a change costs a query and sends nothing.
    fn notify_all(&self) {
        for sender in self.members().values() {
            sender.send_modify(|generation| *generation += 1);
        }
    }
}

/// Listens on [`CHANNEL`] and wakes the named member's streams, until `stopped`
/// says so or the notifier is gone. After connecting (again) it wakes every
/// stream, since a notification sent while it was away is lost.
async fn listen(url: String, notifier: Weak<Inner>, mut stopped: watch::Receiver<bool>) {
    let mut listener: Option<PgListener> = None;
    loop {
        if *stopped.borrow() {
            return;
        }
        let Some(connected) = listener.as_mut() else {
            match subscribe_listener(&url).await {
                Ok(new) => {
                    listener = Some(new);
                    let Some(inner) = notifier.upgrade() else {
                        return;
                    };
                    inner.notify_all();
                }
                Err(error) => {
                    tracing::warn!(%error, "cannot listen for other instances' changes; retrying");
                    tokio::select! {
                        _ = stopped.changed() => return,
                        () = tokio::time::sleep(LISTEN_RETRY) => {}
                    }
                }
            }
            continue;
        };
        let received = tokio::select! {
            _ = stopped.changed() => return,
            received = connected.try_recv() => received,
        };
        let Some(inner) = notifier.upgrade() else {
            return;
        };
        match received {
            Ok(Some(notification)) => match notification.payload().parse() {
                Ok(member) => inner.notify(MemberId(member)),
                Err(_) => tracing::warn!(payload = notification.payload(), "not a member id"),
            },
            // The connection was lost; the next `try_recv` connects again.
            Ok(None) => inner.notify_all(),
            Err(error) => {
                tracing::warn!(%error, "lost the listener for other instances' changes");
                listener = None;
                inner.notify_all();
            }
        }
    }
}

async fn subscribe_listener(url: &str) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
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
