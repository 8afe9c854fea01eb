//! The offline outbox: the rules by which the widgets' edits reach the server
//! exactly once, in order, without losing any, as plain Rust with no browser
//! types, so that it runs (and is tested with randomized interleavings) natively.
//!
//! Every edit becomes an [`Entry`]: the operation, the resource it changes, an
//! `Idempotency-Key` and the version it was made on (`If-Match`). The browser
//! side writes entries to IndexedDB before sending anything, asks
//! [`Outbox::next_to_send`] what to send, and reports each answer with
//! [`Outbox::complete`]:
//!
//! - **Applied**: the entry leaves the outbox; later entries on the same resource
//!   were made on top of it, so they move to the new version.
//! - **Lost** (no answer: offline, dropped connection, timeout), **retry** (5xx,
//!   409 still running, 429): sent again later with the *same* key, so a request
//!   the server did apply is answered from its idempotency store, never applied
//!   twice. Backoff doubles from one second up to a minute; `Retry-After` wins.
//! - **Conflict** (412): held until the user chooses ([`Outbox::keep_mine`] sends
//!   it again on the server's version with a new key; [`Outbox::take_theirs`]
//!   drops it). Never resolved silently.
//! - **Rejected** (any other 4xx): set aside with the server's reason until the
//!   user fixes ([`Outbox::amend`], which queues it anew) or discards it; it
//!   never blocks the queue.
//!
//! Order: entries on one resource go one at a time, oldest first, and wait while
//! an older one on that resource is in conflict (they were made on the state
//! the user has not chosen yet). Entries on other resources are not held up.

use serde::{Deserialize, Serialize};

mod outcome;
#[cfg(test)]
mod tests;

pub(crate) use self::outcome::{Answer, outcome_of};

/// The version of a resource, as in its ETag.
pub(crate) type Version = u64;

/// Milliseconds on the caller's clock.
pub(crate) type Millis = u64;

/// First retry delay, doubled per attempt up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Millis = 1_000;
const MAX_BACKOFF: Millis = 60_000;

/// Where an entry stands (tagged by `state` where stored: see
/// `data::engine::tagged`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum State {
    /// To be sent, not before this time.
    Waiting { attempts: u32, not_before: Millis },
    /// Sent; no answer yet.
    Sending { attempts: u32 },
    /// The server has `current`; the user chooses.
    Conflict { current: Version },
    /// The server refused it for good; the user fixes or discards it.
    Rejected { status: u16, detail: String },
}

/// One edit on its way to the server (also as stored in IndexedDB).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry<Op> {
    /// Position in the outbox: older entries have smaller numbers.
    pub(crate) seq: u64,
    /// What it changes, e.g. `inquiry/<id>`.
    pub(crate) resource: String,
    /// The version it was made on (`If-Match`); `None` for a creation.
    pub(crate) if_match: Option<Version>,
    /// Sent as `Idempotency-Key`; the same on every retry.
    pub(crate) key: String,
    /// The operation itself (method, path, body).
    pub(crate) op: Op,
    pub(crate) state: State,
}

/// The server's answer to an entry, as the client saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// 2xx: applied (or an earlier identical request was), now at `version`
    /// (from the answer's ETag; `None` without one).
    Applied { version: Option<Version> },
    /// No answer at all; it may or may not have been applied.
    Lost,
    /// 5xx, 409 (the same key still running) or 429; `Retry-After` when given.
    Retry { after: Option<Millis> },
    /// 412 with the server's current version.
    Conflict { current: Version },
    /// Any other 4xx.
    Rejected { status: u16, detail: String },
}

/// What the widgets show about the outbox.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    /// Not yet acknowledged (waiting or being sent).
    pub(crate) pending: usize,
    pub(crate) conflicts: usize,
    pub(crate) rejected: usize,
}

/// The outbox of one user on one device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Outbox<Op> {
    next_seq: u64,
    entries: Vec<Entry<Op>>,
}

impl<Op> Default for Outbox<Op> {
    fn default() -> Self {
        Outbox {
            next_seq: 1,
            entries: Vec::new(),
        }
    }
}

impl<Op: Clone> Outbox<Op> {
    /// Restores an outbox from stored entries (after a reload): anything that was
    /// being sent may or may not have arrived, so it is sent again (same key).
    pub(crate) fn restore(mut entries: Vec<Entry<Op>>) -> Outbox<Op> {
        entries.sort_by_key(|entry| entry.seq);
        for entry in &mut entries {
            if let State::Sending { attempts } = entry.state {
                entry.state = State::Waiting {
                    attempts,
                    not_before: 0,
                };
            }
        }
        let next_seq = entries.last().map_or(1, |entry| entry.seq + 1);
        Outbox { next_seq, entries }
    }

    /// Takes in an entry stored by this or another tab (IndexedDB numbered it);
    /// one already known is left as it is.
    pub(crate) fn adopt(&mut self, entry: Entry<Op>) {
        if self.entries.iter().any(|known| known.seq == entry.seq) {
            return;
        }
        self.next_seq = self.next_seq.max(entry.seq + 1);
        let at = self.entries.partition_point(|known| known.seq < entry.seq);
        self.entries.insert(at, entry);
    }

    /// Replaces the entries by those `stored` (the outbox other tabs share),
    /// keeping what this tab is sending right now as being sent: its answer is
    /// still to come.
    pub(crate) fn merge(&mut self, stored: Vec<Entry<Op>>) {
        let sending: Vec<(u64, u32)> = self
            .entries
            .iter()
            .filter_map(|entry| match entry.state {
                State::Sending { attempts } => Some((entry.seq, attempts)),
                _ => None,
            })
            .collect();
        let mut merged = Outbox::restore(stored);
        for entry in &mut merged.entries {
            if let Some(&(_, attempts)) = sending.iter().find(|(seq, _)| *seq == entry.seq) {
                entry.state = State::Sending { attempts };
            }
        }
        merged.next_seq = merged.next_seq.max(self.next_seq);
        *self = merged;
    }

    /// The connection is back: what waits for a later retry may go now.
    pub(crate) fn hurry(&mut self) {
        for entry in &mut self.entries {
            if let State::Waiting { not_before, .. } = &mut entry.state {
                *not_before = 0;
            }
        }
    }

    /// Every entry, oldest first (what the browser side stores).
    pub(crate) fn entries(&self) -> &[Entry<Op>] {
        &self.entries
    }

    /// Adds an edit of `resource` made on `if_match`; returns its number.
    pub(crate) fn push(
        &mut self,
        resource: &str,
        if_match: Option<Version>,
        key: String,
        op: Op,
    ) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.entries.push(Entry {
            seq,
            resource: resource.to_owned(),
            if_match,
            key,
            op,
            state: State::Waiting {
                attempts: 0,
                not_before: 0,
            },
        });
        seq
    }

    /// The newest entry on `resource`, if it has never been sent: its key was
    /// never used, so what it sends may still change.
    pub(crate) fn unsent_mut(&mut self, resource: &str) -> Option<&mut Entry<Op>> {
        let entry = self
            .entries
            .iter_mut()
            .rev()
            .find(|entry| entry.resource == resource)?;
        if matches!(entry.state, State::Waiting { attempts: 0, .. }) {
            Some(entry)
        } else {
            None
        }
    }

    /// The next entry to send at `now`, if any, marked as being sent.
    pub(crate) fn next_to_send(&mut self, now: Millis) -> Option<Entry<Op>> {
        let index = (0..self.entries.len()).find(|&index| {
            matches!(self.entries[index].state, State::Waiting { not_before, .. } if not_before <= now)
                && !self.held_back(index)
        })?;
        let entry = &mut self.entries[index];
        if let State::Waiting { attempts, .. } = entry.state {
            entry.state = State::Sending {
                attempts: attempts + 1,
            };
        }
        Some(entry.clone())
    }

    /// When the next entry that is only waiting for time becomes ready.
    pub(crate) fn next_wake(&self) -> Option<Millis> {
        (0..self.entries.len())
            .filter(|&index| !self.held_back(index))
            .filter_map(|index| match self.entries[index].state {
                State::Waiting { not_before, .. } => Some(not_before),
                _ => None,
            })
            .min()
    }

    /// Whether an older entry on the same resource (not set aside as rejected)
    /// must be settled first.
    fn held_back(&self, index: usize) -> bool {
        let resource = &self.entries[index].resource;
        self.entries[..index].iter().any(|older| {
            &older.resource == resource && !matches!(older.state, State::Rejected { .. })
        })
    }

    /// Records the server's answer to entry `seq`, sent before `now`. Returns the
    /// entry when it left the outbox (applied).
    pub(crate) fn complete(
        &mut self,
        seq: u64,
        outcome: Outcome,
        now: Millis,
    ) -> Option<Entry<Op>> {
        let index = self.entries.iter().position(|entry| entry.seq == seq)?;
        let attempts = match self.entries[index].state {
            State::Sending { attempts } => attempts,
            // An answer to something not being sent (a duplicate delivery) changes nothing.
            _ => return None,
        };
        match outcome {
            Outcome::Applied { version } => {
                let done = self.entries.remove(index);
                // The rest of the user's edits of this resource come after this
                // one (a rejected one, once fixed, too), so they apply on top of it.
                if let Some(version) = version {
                    for other in &mut self.entries {
                        if other.resource == done.resource && other.if_match.is_some() {
                            other.if_match = Some(version);
                        }
                    }
                }
                return Some(done);
            }
            Outcome::Lost | Outcome::Retry { after: None } => {
                self.entries[index].state = State::Waiting {
                    attempts,
                    not_before: now + backoff(attempts),
                };
            }
            Outcome::Retry { after: Some(after) } => {
                self.entries[index].state = State::Waiting {
                    attempts,
                    not_before: now + after,
                };
            }
            Outcome::Conflict { current } => {
                self.entries[index].state = State::Conflict { current };
            }
            Outcome::Rejected { status, detail } => {
                self.entries[index].state = State::Rejected { status, detail };
            }
        }
        None
    }

    /// The user keeps their change over the server's: it is sent again on the
    /// server's version, under a new key (the old one is tied to the 412).
    pub(crate) fn keep_mine(&mut self, seq: u64, new_key: String) -> bool {
        let Some(entry) = self.entries.iter_mut().find(|entry| entry.seq == seq) else {
            return false;
        };
        let State::Conflict { current } = entry.state else {
            return false;
        };
        entry.if_match = Some(current);
        entry.key = new_key;
        entry.state = State::Waiting {
            attempts: 0,
            not_before: 0,
        };
        true
    }

    /// The user takes the server's version: their change is dropped.
    pub(crate) fn take_theirs(&mut self, seq: u64) -> Option<Entry<Op>> {
        let index = self
            .entries
            .iter()
            .position(|entry| entry.seq == seq && matches!(entry.state, State::Conflict { .. }))?;
        Some(self.entries.remove(index))
    }

    #[cfg_attr(
        not(test),
        allow(
            dead_code,
            reason = "no widget edits a refused change in place yet: the inbox's edits are discarded and redone"
        )
    )]
    /// The user fixed a rejected change: it goes to the end of the queue as `op`,
    /// under a new key. Returns its new number.
    pub(crate) fn amend(&mut self, seq: u64, op: Op, new_key: String) -> Option<u64> {
        let index = self
            .entries
            .iter()
            .position(|entry| entry.seq == seq && matches!(entry.state, State::Rejected { .. }))?;
        let mut entry = self.entries.remove(index);
        entry.seq = self.next_seq;
        self.next_seq += 1;
        entry.op = op;
        entry.key = new_key;
        entry.state = State::Waiting {
            attempts: 0,
            not_before: 0,
        };
        self.entries.push(entry);
        Some(self.entries.last()?.seq)
    }

    /// The user discards a rejected change.
    pub(crate) fn discard(&mut self, seq: u64) -> Option<Entry<Op>> {
        let index = self
            .entries
            .iter()
            .position(|entry| entry.seq == seq && matches!(entry.state, State::Rejected { .. }))?;
        Some(self.entries.remove(index))
    }

    /// Counts for the status line.
    pub(crate) fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for entry in &self.entries {
            match entry.state {
                State::Waiting { .. } | State::Sending { .. } => summary.pending += 1,
                State::Conflict { .. } => summary.conflicts += 1,
                State::Rejected { .. } => summary.rejected += 1,
            }
        }
        summary
    }

    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The delay before attempt `attempts + 1`.
fn backoff(attempts: u32) -> Millis {
    FIRST_BACKOFF
        .saturating_mul(1 << attempts.saturating_sub(1).min(16))
        .min(MAX_BACKOFF)
}
