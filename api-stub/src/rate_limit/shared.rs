//! Budgets in the database, for several instances (PostgreSQL): the generic cell
//! rate algorithm. Each caller has a theoretical arrival time (`tat_us`): a
//! request is allowed when, after adding one request's interval to it (or to
//! now, if it lies in the past), it is at most one minute ahead of now. This is
//! the token bucket of [`super::Buckets`] (a burst of a minute's worth, then the
//! sustained rate) as one number per caller, updated by one atomic statement, so
//! concurrent requests on different instances cannot both take the last one.
//! A database error lets the request through (and is logged): the request's
//! own queries then answer for the database.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::sql::DbPool;

/// One minute, the burst window, in microseconds.
const WINDOW_US: i64 = 60_000_000;

/// The callers' budgets in table `rate_limits`.
#[derive(Debug)]
pub struct SharedBudgets {
    /// One request's share of the window.
    interval_us: i64,
    database: DbPool,
}

impl SharedBudgets {
    /// Budgets of `per_minute` (at least 1) requests a minute.
    pub(super) fn new(per_minute: u32, database: DbPool) -> SharedBudgets {
        SharedBudgets {
            interval_us: WINDOW_US / i64::from(per_minute.max(1)),
            database,
        }
    }

    /// Takes one request from `caller`'s budget, or says how long until one is
    /// available again.
    pub(super) async fn acquire(&self, caller: &str) -> Result<(), Duration> {
        self.take(caller, None).await
    }

    /// Takes one request from `caller`'s budget if `guard`'s budget has one left
    /// too (it is only read); when refused, says how long until both have one.
    pub(super) async fn acquire_guarded(&self, caller: &str, guard: &str) -> Result<(), Duration> {
        self.take(caller, Some(guard)).await
    }

    /// One statement: takes the request unless `caller`'s budget or `guard`'s is
    /// spent (concurrent requests on other instances cannot both take the last).
    async fn take(&self, caller: &str, guard: Option<&str>) -> Result<(), Duration> {
        let now = now_us();
        let taken: Result<Option<i64>, sqlx::Error> = sqlx::query_scalar(
            "INSERT INTO rate_limits (caller, tat_us)
             SELECT $1, $3 + $4
             WHERE NOT EXISTS (
                 SELECT 1 FROM rate_limits
                 WHERE caller = $2 AND max(tat_us, $3) + $4 > $3 + $5
             )
             ON CONFLICT (caller) DO UPDATE SET tat_us = max(rate_limits.tat_us, $3) + $4
             WHERE max(rate_limits.tat_us, $3) + $4 <= $3 + $5
             RETURNING tat_us",
        )
        .bind(caller)
        .bind(guard)
        .bind(now)
        .bind(self.interval_us)
        .bind(WINDOW_US)
        .fetch_optional(&self.database)
        .await;
        match taken {
            Ok(Some(_)) => Ok(()),
            Ok(None) => {
                let guard_wait = match guard {
                    Some(guard) => self.check_at(guard, now).await.err(),
                    None => None,
                };
                let caller_wait = self.check_at(caller, now).await.err();
                guard_wait.max(caller_wait).map_or(Ok(()), Err)
            }
            Err(error) => {
                tracing::warn!(%error, "rate limit not checked");
                Ok(())
            }
        }
    }

    async fn check_at(&self, caller: &str, now: i64) -> Result<(), Duration> {
        let tat: Result<Option<i64>, sqlx::Error> =
            sqlx::query_scalar("SELECT tat_us FROM rate_limits WHERE caller = $1")
                .bind(caller)
                .fetch_optional(&self.database)
                .await;
        match tat {
            Ok(tat) => wait(tat, now, self.interval_us),
            Err(error) => {
                tracing::warn!(%error, "rate limit not checked");
                Ok(())
            }
        }
    }

    /// Takes one request from `caller`'s budget if there is one left, never
    /// going below empty.
    pub(super) async fn charge(&self, caller: &str) {
        let charged = sqlx::query(
            "INSERT INTO rate_limits (caller, tat_us) VALUES ($1, $2 + $3)
             ON CONFLICT (caller) DO UPDATE SET tat_us = CASE
                 WHEN max(rate_limits.tat_us, $2) + $3 > $2 + $4 THEN $2 + $4
                 ELSE max(rate_limits.tat_us, $2) + $3 END",
        )
        .bind(caller)
        .bind(now_us())
        .bind(self.interval_us)
        .bind(WINDOW_US)
        .execute(&self.database)
        .await;
        if let Err(error) = charged {
            tracing::warn!(%error, "rate limit not charged");
        }
    }
}

/// Forgets the callers whose budget is full again (what a new caller gets).
pub async fn forget_full(database: &DbPool) -> Result<u64, sqlx::Error> {
    let deleted = sqlx::query("DELETE FROM rate_limits WHERE tat_us < $1")
        .bind(now_us())
        .execute(database)
        .await?;
    Ok(deleted.rows_affected())
}

/// `Ok` when a request fits at `now` given the theoretical arrival time `tat`
/// (none: a full budget), else how long until one does.
fn wait(tat: Option<i64>, now: i64, interval_us: i64) -> Result<(), Duration> {
    let next = tat.unwrap_or(now).max(now) + interval_us;
    let over = next - (now + WINDOW_US);
    if over <= 0 {
        Ok(())
    } else {
        Err(Duration::from_micros(
            u64::try_from(over).unwrap_or(u64::MAX),
        ))
    }
}

fn now_us() -> i64 {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_micros()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_budget_waits_one_interval_past_the_window() {
        let now = 1_000_000_000;
        let interval = WINDOW_US / 60;
        assert_eq!(wait(None, now, interval), Ok(()));
        assert_eq!(wait(Some(now - 5), now, interval), Ok(()));
        // 59 taken at once: one more fits.
        assert_eq!(wait(Some(now + 59 * interval), now, interval), Ok(()));
        // 60 taken: the next fits one interval later.
        assert_eq!(
            wait(Some(now + 60 * interval), now, interval),
            Err(Duration::from_micros(interval.unsigned_abs()))
        );
    }
}
