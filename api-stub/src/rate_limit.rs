//! Rate limiting per bearer token, answering 429 with Retry-After.
//!
//! Each caller has a token bucket that holds at most one minute's worth of requests
//! (`--rate-limit-per-minute`) and refills continuously at that rate, so a client
//! may burst up to the limit and then goes on at the sustained rate. A caller is
//! the SHA-256 of their bearer token, or their IP address when they send none (one
//! shared anonymous bucket when the address is unknown, as in tests); a request
//! whose token is refused (401) also costs its address one, and an address out of
//! requests gets no more with any token. `/health` and `/openapi.json` are never
//! limited.
//!
//! Where the budgets live: on SQLite (one instance) in memory ([`Buckets`]; a
//! restart forgives everyone); on PostgreSQL in the database ([`shared`]), so that
//! several instances behind a load balancer hold each caller to one budget.

pub mod shared;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, OriginalUri, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::auth::token_hash;
use crate::error::ApiError;
use crate::extract::bearer_token;
use crate::sql::{Backend, DbPool};

/// Paths under the API prefix that are never limited: monitoring and tooling.
const EXEMPT_PATHS: [&str; 2] = ["/health", "/openapi.json"];

/// Above this many callers, buckets that have refilled completely are forgotten
/// (a full bucket is what a new caller gets anyway).
const FORGET_FULL_BUCKETS_ABOVE: usize = 10_000;

/// The request budgets of all callers. Cheap to clone (shared).
#[derive(Clone, Debug)]
pub enum RateLimiter {
    /// Rate limiting is off.
    Unlimited,
    /// In this process's memory.
    Memory(Arc<Buckets>),
    /// In the database, shared by every instance on it.
    Database(Arc<shared::SharedBudgets>),
}

impl RateLimiter {
    /// A limiter allowing `per_minute` requests per minute and caller, in bursts
    /// of up to `per_minute` (0 allows everything), keeping the budgets where
    /// `database`'s backend says (see the module's notes).
    pub fn new(per_minute: u32, database: &DbPool) -> RateLimiter {
        if per_minute == 0 {
            return RateLimiter::Unlimited;
        }
        match Backend::of_pool(database) {
            Backend::Sqlite => RateLimiter::Memory(Arc::new(Buckets::new(per_minute))),
            Backend::Postgres => RateLimiter::Database(Arc::new(shared::SharedBudgets::new(
                per_minute,
                database.clone(),
            ))),
        }
    }

    /// Takes one request from `caller`'s budget, or says how long until one is
    /// available again.
    pub async fn acquire(&self, caller: &str) -> Result<(), Duration> {
        match self {
            RateLimiter::Unlimited => Ok(()),
            RateLimiter::Memory(buckets) => buckets.acquire(caller, Instant::now()),
            RateLimiter::Database(budgets) => budgets.acquire(caller).await,
        }
    }

    /// Takes one request from `caller`'s budget if `guard`'s budget (which is
    /// only looked at) has one left too; else says how long until both have.
    /// On PostgreSQL one statement, as [`RateLimiter::acquire`].
    pub async fn acquire_guarded(&self, caller: &str, guard: &str) -> Result<(), Duration> {
        match self {
            RateLimiter::Unlimited => Ok(()),
            RateLimiter::Memory(buckets) => {
                let now = Instant::now();
                buckets.check(guard, now)?;
                buckets.acquire(caller, now)
            }
            RateLimiter::Database(budgets) => budgets.acquire_guarded(caller, guard).await,
        }
    }

    /// Takes one request from `caller`'s budget if there is one left (for
    /// requests found out afterwards, such as a refused token).
    pub async fn charge(&self, caller: &str) {
        match self {
            RateLimiter::Unlimited => {}
            RateLimiter::Memory(buckets) => buckets.charge(caller, Instant::now()),
            RateLimiter::Database(budgets) => budgets.charge(caller).await,
        }
    }
}

/// Token buckets in memory, one per caller.
#[derive(Debug)]
pub struct Buckets {
    /// Bucket size and refill per minute.
    per_minute: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    /// Requests the caller may still make now (fractional while refilling).
    tokens: f64,
    /// When `tokens` was computed.
    at: Instant,
}

impl Buckets {
    /// Buckets of `per_minute` requests, refilled at that rate.
    pub fn new(per_minute: u32) -> Buckets {
        Buckets {
            per_minute: f64::from(per_minute),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from `caller`'s budget at `now`, or says how long until
    /// one is available again.
    pub fn acquire(&self, caller: &str, now: Instant) -> Result<(), Duration> {
        self.with_bucket(caller, now, |bucket, per_second| {
            let available = bucket.available(per_second);
            if available.is_ok() {
                bucket.tokens -= 1.0;
            }
            available
        })
    }

    /// Whether `caller` has a request left at `now`, without taking it.
    pub fn check(&self, caller: &str, now: Instant) -> Result<(), Duration> {
        self.with_bucket(caller, now, |bucket, per_second| {
            bucket.available(per_second)
        })
    }

    /// Takes one request from `caller`'s budget if there is one left (for requests
    /// found out afterwards, such as a refused token).
    pub fn charge(&self, caller: &str, now: Instant) {
        self.with_bucket(caller, now, |bucket, _| {
            bucket.tokens = (bucket.tokens - 1.0).max(0.0);
        });
    }

    /// Runs `change` on `caller`'s bucket, refilled up to `now`.
    fn with_bucket<T>(
        &self,
        caller: &str,
        now: Instant,
        change: impl FnOnce(&mut Bucket, f64) -> T,
    ) -> T {
        let limiter = self;
        let per_second = limiter.per_minute / 60.0;
        let mut buckets = limiter
            .buckets
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if buckets.len() > FORGET_FULL_BUCKETS_ABOVE && !buckets.contains_key(caller) {
            buckets.retain(|_, bucket| {
                bucket.refilled(now, per_second, limiter.per_minute) < limiter.per_minute
            });
        }
        let bucket = buckets.entry(caller.to_owned()).or_insert(Bucket {
            tokens: limiter.per_minute,
            at: now,
        });
        bucket.tokens = bucket.refilled(now, per_second, limiter.per_minute);
        bucket.at = now;
        change(bucket, per_second)
    }
}

impl Bucket {
    /// `Ok` when a whole request is left, else how long until one is.
    fn available(&self, per_second: f64) -> Result<(), Duration> {
        if self.tokens >= 1.0 {
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - self.tokens) / per_second))
        }
    }

    fn refilled(&self, now: Instant, per_second: f64, capacity: f64) -> f64 {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        (self.tokens + elapsed * per_second).min(capacity)
    }
}

/// Whole seconds for `Retry-After`: rounded up, at least 1, so a client that waits
/// that long is served.
fn retry_after_seconds(wait: Duration) -> u64 {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    seconds.max(1)
}

/// The middleware around the API: 429 problem with `Retry-After` once a caller's
/// budget is spent.
pub async fn limit_rate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request
        .extensions()
        .get::<OriginalUri>()
        .map_or_else(|| request.uri().path(), |original| original.path());
    let exempt = path
        .strip_prefix(contract::API_PREFIX)
        .is_some_and(|rest| EXEMPT_PATHS.contains(&rest));
    if exempt {
        return next.run(request).await;
    }
    let address = match request.extensions().get::<ConnectInfo<SocketAddr>>() {
        Some(ConnectInfo(address)) => format!("address:{}", address.ip()),
        None => "anonymous".to_owned(),
    };
    let limiter = &state.rate_limiter;
    let Some(token) = bearer_token(request.headers()) else {
        return match limiter.acquire(&address).await {
            Ok(()) => next.run(request).await,
            Err(wait) => too_many_requests(wait),
        };
    };
    // A refused token costs its address a request, so that guessing tokens (each
    // of which would get a full bucket of its own) is limited like anonymous calls.
    let token = ["token:", &token_hash(token)].concat();
    if let Err(wait) = limiter.acquire_guarded(&token, &address).await {
        return too_many_requests(wait);
    }
    let response = next.run(request).await;
    if response.status() == StatusCode::UNAUTHORIZED {
        limiter.charge(&address).await;
    }
    response
}

fn too_many_requests(wait: Duration) -> Response {
    ApiError::TooManyRequests {
        retry_after_seconds: retry_after_seconds(wait),
    }
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_a_burst_then_the_sustained_rate() {
        let limiter = Buckets::new(60);
        let start = Instant::now();
        for _ in 0..60 {
            assert!(limiter.acquire("a", start).is_ok());
        }
        let wait = limiter.acquire("a", start).unwrap_err();
        assert_eq!(retry_after_seconds(wait), 1);
        // Another caller has their own budget.
        assert!(limiter.acquire("b", start).is_ok());
        // One request a second comes back.
        let later = start + Duration::from_millis(1_000);
        assert!(limiter.acquire("a", later).is_ok());
        assert!(limiter.acquire("a", later).is_err());
        // After a long pause the bucket is full again, but no fuller.
        let much_later = later + Duration::from_secs(3_600);
        for _ in 0..60 {
            assert!(limiter.acquire("a", much_later).is_ok());
        }
        assert!(limiter.acquire("a", much_later).is_err());
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        let limiter = Buckets::new(2);
        let start = Instant::now();
        assert!(limiter.acquire("a", start).is_ok());
        assert!(limiter.acquire("a", start).is_ok());
        // Two a minute: the next one in 30 s.
        let wait = limiter.acquire("a", start).unwrap_err();
        assert_eq!(retry_after_seconds(wait), 30);
        assert_eq!(retry_after_seconds(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_seconds(Duration::from_millis(2_001)), 3);
    }

    #[test]
    fn checking_takes_nothing_and_charging_never_goes_below_empty() {
        let limiter = Buckets::new(2);
        let now = Instant::now();
        assert!(limiter.check("a", now).is_ok());
        limiter.charge("a", now);
        assert!(limiter.check("a", now).is_ok());
        limiter.charge("a", now);
        limiter.charge("a", now);
        assert!(limiter.check("a", now).is_err());
        // Empty, not in debt: one request is back after 30 s.
        assert!(limiter.acquire("a", now + Duration::from_secs(30)).is_ok());
    }
}
