//! The event stream of `GET /changes/stream`: the backlog after the starting position
//! first, then each new change as soon as its writer notifies [`ChangeNotifier`].
//!
//! [`ChangeNotifier`]: crate::change_log::ChangeNotifier

use std::collections::VecDeque;

use axum::response::sse::Event;
use contract::change::Change;
use futures_util::Stream;
use tokio::sync::watch;

use super::cursor::Position;
use super::feed;
use crate::AppState;
use crate::auth::Caller;

/// Entries read from the log at a time.
const PAGE: u32 = 1000;

/// Where a stream is.
struct Follower {
    state: AppState,
    caller: Caller,
    position: Position,
    pending: VecDeque<Change>,
    /// Whether the log had nothing more after `position` at the last read.
    caught_up: bool,
    /// Changes when the member's log grows.
    wake: watch::Receiver<u64>,
}

/// The events after `since` for `caller`, endless: it ends only when the client goes
/// (the server drops it) or the log cannot be read (the client reconnects with
/// `Last-Event-ID`).
pub(super) fn follow(
    state: AppState,
    caller: Caller,
    since: Position,
) -> impl Stream<Item = Result<Event, axum::Error>> {
    // Subscribed before the first read, so a change committed in between still wakes us.
    let mut wake = state.changes.subscribe(caller.member_id);
    wake.mark_unchanged();
    let follower = Follower {
        state,
        caller,
        position: since,
        pending: VecDeque::new(),
        caught_up: false,
        wake,
    };
    futures_util::stream::unfold(follower, |mut follower| async move {
        let change = follower.next_change().await?;
        let event = Event::default()
            .event("change")
            .id(change.cursor.clone())
            .json_data(&change);
        Some((event, follower))
    })
}

impl Follower {
    /// The next change to send; `None` ends the stream.
    async fn next_change(&mut self) -> Option<Change> {
        loop {
            if let Some(change) = self.pending.pop_front() {
                return Some(change);
            }
            if self.caught_up && self.wake.changed().await.is_err() {
                return None;
            }
            self.wake.mark_unchanged();
            match feed::page(&self.state, &self.caller, self.position, PAGE).await {
                Ok(page) => {
                    self.position = page.next;
                    self.caught_up = !page.has_more;
                    self.pending.extend(page.changes);
                }
                Err(error) => {
                    tracing::warn!(%error, "change stream ends: cannot read the change log");
                    return None;
                }
            }
        }
    }
}
