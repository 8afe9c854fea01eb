//! What each HTTP answer to a sent entry means for the outbox.

use contract::problem::{Problem, ProblemKind};
use contract::version::Version as ContractVersion;

use super::Outcome;

/// What came back for a sent entry, as far as the outbox cares.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Answer<'a> {
    /// Nothing: offline, a dropped connection, a timeout.
    Nothing,
    /// A response (after the client's one retry with a fresh token on 401).
    Response {
        status: u16,
        /// The `ETag` header.
        etag: Option<&'a str>,
        /// The `Retry-After` header.
        retry_after: Option<&'a str>,
        /// The problem document of an error answer.
        problem: Option<&'a Problem>,
    },
}

/// What an answer means for the entry:
///
/// | answer | outcome |
/// |---|---|
/// | none | lost: send again, same key |
/// | 2xx | applied, at the ETag's version |
/// | 412 | conflict, with the server's version (problem or ETag) |
/// | 409 `idempotency-key-in-use`, 408, 425, 429, 5xx | retry, after `Retry-After` when given |
/// | 401 (still, after a fresh token) | retry: the edit waits for the user to sign in again |
/// | any other 4xx | rejected, with the server's reason |
pub(crate) fn outcome_of(answer: Answer<'_>) -> Outcome {
    let Answer::Response {
        status,
        etag,
        retry_after,
        problem,
    } = answer
    else {
        return Outcome::Lost;
    };
    let etag_version = etag
        .and_then(|etag| ContractVersion::from_etag(etag).ok())
        .map(|version| version.0);
    let kind = problem.and_then(Problem::kind);
    match status {
        200..=299 => Outcome::Applied {
            version: etag_version,
        },
        412 => match problem
            .and_then(|problem| problem.current_version)
            .map(|version| version.0)
            .or(etag_version)
        {
            Some(current) => Outcome::Conflict { current },
            // A 412 that does not say what is current cannot be resolved by
            // choosing; the user sees it as refused.
            None => rejected(status, problem),
        },
        409 if kind == Some(ProblemKind::IdempotencyKeyInUse) => retry(retry_after),
        401 | 408 | 425 | 429 | 500..=599 => retry(retry_after),
        _ => rejected(status, problem),
    }
}

fn retry(retry_after: Option<&str>) -> Outcome {
    Outcome::Retry {
        after: retry_after
            .and_then(|value| value.trim().parse::<u64>().ok())
            .map(|seconds| seconds.saturating_mul(1_000)),
    }
}

fn rejected(status: u16, problem: Option<&Problem>) -> Outcome {
    Outcome::Rejected {
        status,
        detail: problem
            .map(|problem| {
                problem
                    .detail
                    .clone()
                    .unwrap_or_else(|| problem.title.clone())
            })
            .unwrap_or_default(),
    }
}
