//! The figures of a customer card ([`CustomerMetrics`]), each computed from the
//! member's own rows and explainable in one sentence:
//!
//! - inquiries: every inquiry linked to the customer but those marked spam; "last
//!   90 days" counts those received at most 90 × 24 h before now.
//! - quoted value: per currency, the sum of the totals of the latest sent revision
//!   of each quote number (drafts never count; a sent revision past its validity
//!   reads as expired, as in the quotes module). Won value: the same revisions
//!   that were accepted. Win rate: accepted ÷ decided (accepted, rejected,
//!   expired), in percent rounded half up.
//! - won value converted: each currency's sum × (member currency per USD ÷ that
//!   currency per USD) from `exchange_rates`, added up unrounded and rounded once
//!   to the member currency's minor unit, half away from zero. `None` when a rate
//!   is missing.
//! - median response: minutes (rounded down) from an inquiry's arrival to the
//!   member's first reply (`first_response_at`, else the first message to the
//!   buyer), median over the inquiries answered; for an even count, the mean of the
//!   middle two rounded half up.
//! - health: see [`health`].

use std::collections::{BTreeMap, HashMap};

use contract::customer::{CustomerHealth, CustomerMetrics, HealthStatus, Tier};
use contract::money::{Currency, Money};
use rust_decimal::Decimal;
use time::{Duration, OffsetDateTime};

use crate::error::ApiError;
use crate::sql::DbPool;
use crate::stored::{parse_stored, timestamp_from_text};

/// What [`compute`] needs to know about the customer besides its id.
pub(super) struct Subject<'a> {
    pub(super) member_id: &'a str,
    pub(super) customer_id: &'a str,
    pub(super) tier: Tier,
    pub(super) last_contact_at: Option<OffsetDateTime>,
}

#[derive(sqlx::FromRow)]
struct InquiryTimes {
    received_at: String,
    first_response_at: Option<String>,
}

#[derive(sqlx::FromRow)]
struct QuoteFigures {
    currency: String,
    total: String,
    status: String,
}

/// The customer's metrics as of `now`.
pub(super) async fn compute(
    database: &DbPool,
    subject: &Subject<'_>,
    now: OffsetDateTime,
) -> Result<CustomerMetrics, ApiError> {
    let inquiries: Vec<InquiryTimes> = sqlx::query_as(
        "SELECT i.received_at,
                coalesce(i.first_response_at,
                         (SELECT MIN(m.sent_at) FROM inquiry_messages m
                          WHERE m.inquiry_id = i.id AND m.direction = 'to_buyer'))
                    AS first_response_at
         FROM inquiries i
         WHERE i.customer_id = $1 AND i.member_id = $2 AND i.status <> 'spam'
         ORDER BY i.received_at",
    )
    .bind(subject.customer_id)
    .bind(subject.member_id)
    .fetch_all(database)
    .await?;
    let mut received = Vec::with_capacity(inquiries.len());
    let mut response_minutes = Vec::new();
    for inquiry in &inquiries {
        let at = timestamp_from_text(&inquiry.received_at)?;
        if let Some(first) = &inquiry.first_response_at {
            let waited = timestamp_from_text(first)? - at;
            response_minutes.push(u32::try_from(waited.whole_minutes().max(0)).unwrap_or(u32::MAX));
        }
        received.push(at);
    }
    let since = now - Duration::days(90);

    let quotes: Vec<QuoteFigures> = sqlx::query_as(
        "SELECT q.currency, q.total,
                CASE WHEN q.status = 'sent' AND q.valid_until < CAST(CURRENT_DATE AS TEXT) THEN 'expired'
                     ELSE q.status END AS status
         FROM quotes q
         WHERE q.customer_id = $1 AND q.member_id = $2 AND q.status <> 'draft'
           AND q.revision = (SELECT MAX(r.revision) FROM quotes r
                             WHERE r.member_id = q.member_id AND r.number = q.number
                               AND r.status <> 'draft')",
    )
    .bind(subject.customer_id)
    .bind(subject.member_id)
    .fetch_all(database)
    .await?;
    let mut quoted = Vec::with_capacity(quotes.len());
    let mut won = Vec::new();
    let mut decided = 0u32;
    for quote in &quotes {
        let money = Money {
            amount: parse_stored("quote total", &quote.total)?,
            currency: parse_stored("currency", &quote.currency)?,
        };
        quoted.push(money);
        match quote.status.as_str() {
            "accepted" => {
                won.push(money);
                decided += 1;
            }
            "rejected" | "expired" => decided += 1,
            _ => {}
        }
    }
    let accepted = u32::try_from(won.len()).unwrap_or(u32::MAX);
    let won_value = per_currency(&won);

    let member_currency: String = sqlx::query_scalar("SELECT currency FROM members WHERE id = $1")
        .bind(subject.member_id)
        .fetch_one(database)
        .await?;
    let member_currency: Currency = parse_stored("currency", &member_currency)?;
    let rates: Vec<(String, String)> =
        sqlx::query_as("SELECT currency, per_usd FROM exchange_rates")
            .fetch_all(database)
            .await?;
    let rates = rates
        .into_iter()
        // Rates of currencies the contract does not know cannot be asked for.
        .filter_map(|(currency, per_usd)| {
            currency
                .parse::<Currency>()
                .ok()
                .map(|currency| Ok((currency, parse_stored("exchange rate", &per_usd)?)))
        })
        .collect::<Result<HashMap<Currency, Decimal>, crate::stored::StoredValueError>>()?;

    let quoted_value = per_currency(&quoted);
    Ok(CustomerMetrics {
        last_contact_at: subject.last_contact_at,
        inquiry_count: u32::try_from(received.len()).unwrap_or(u32::MAX),
        inquiries_last_90_days: u32::try_from(received.iter().filter(|at| **at >= since).count())
            .unwrap_or(u32::MAX),
        quoted_value_converted: convert(&quoted_value, &rates, member_currency),
        quoted_value,
        won_value_converted: convert(&won_value, &rates, member_currency),
        won_value,
        win_rate_percent: win_rate(accepted, decided),
        median_response_minutes: median(&mut response_minutes),
        health: health(subject.tier, &received, subject.last_contact_at, now),
    })
}

/// Sums per currency, in currency code order.
pub(super) fn per_currency(values: &[Money]) -> Vec<Money> {
    let mut sums: BTreeMap<&'static str, Money> = BTreeMap::new();
    for value in values {
        let sum = sums.entry(value.currency.code()).or_insert(Money {
            amount: Decimal::ZERO,
            currency: value.currency,
        });
        sum.amount += value.amount;
    }
    sums.into_values().collect()
}

/// `values` converted to `target` and added up (see the module documentation);
/// `None` when a rate is missing or zero, or the arithmetic overflows.
pub(super) fn convert(
    values: &[Money],
    rates: &HashMap<Currency, Decimal>,
    target: Currency,
) -> Option<Money> {
    let target_rate = *rates.get(&target)?;
    let mut sum = Decimal::ZERO;
    for value in values {
        let source_rate = *rates.get(&value.currency)?;
        let converted = if value.currency == target {
            value.amount
        } else {
            value
                .amount
                .checked_mul(target_rate)?
                .checked_div(source_rate)?
        };
        sum = sum.checked_add(converted)?;
    }
    Some(Money {
        amount: target.round(sum),
        currency: target,
    })
}

/// `part` of `whole` in percent, rounded half up; `None` for nothing decided.
pub(super) fn win_rate(part: u32, whole: u32) -> Option<u8> {
    if whole == 0 {
        return None;
    }
    let percent = (200 * u64::from(part) + u64::from(whole)) / (2 * u64::from(whole));
    u8::try_from(percent.min(100)).ok()
}

/// The median; the mean of the middle two (rounded half up) for an even count.
pub(super) fn median(values: &mut [u32]) -> Option<u32> {
    values.sort_unstable();
    let middle = values.len() / 2;
    match values.len() {
        0 => None,
        length if length % 2 == 1 => Some(values[middle]),
        _ => {
            let sum = u64::from(values[middle - 1]) + u64::from(values[middle]);
            u32::try_from(sum.div_ceil(2)).ok()
        }
    }
}

/// `numerator ÷ denominator` rounded half up, both not negative.
fn rounded_ratio(numerator: i64, denominator: i64) -> i64 {
    (2 * numerator + denominator) / (2 * denominator)
}

/// How the relationship is doing.
///
/// The usual interval is the median gap between consecutive inquiries (received
/// times, non-spam), in days rounded half up and at least 1, known from 3
/// inquiries on. "Quiet" is the whole days since the last contact. Then:
///
/// - at risk: a partnership customer quiet for more than 1.5 × the usual interval
///   and for at least 30 days; score 39 at 1.5 × falling to 0 at 3 ×;
/// - watch: quiet for longer than the usual interval; score 69 falling to 40 at 1.5 ×;
/// - healthy: otherwise; score 100 − 30 × quiet ÷ usual (70 to 100).
///
/// Without a usual interval the customer is healthy with a neutral score of 60.
pub(super) fn health(
    tier: Tier,
    received: &[OffsetDateTime],
    last_contact_at: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> CustomerHealth {
    let usual = usual_interval_days(received);
    let quiet = last_contact_at.map(|at| (now - at).whole_days().max(0));
    let (Some(usual_days), Some(quiet_days)) = (usual, quiet) else {
        let explanation = match quiet {
            None => "no contact yet".to_owned(),
            Some(days) => [
                "last contact ",
                &days_ago(days),
                "; too few inquiries to know their usual rhythm",
            ]
            .concat(),
        };
        return CustomerHealth {
            score: 60,
            status: HealthStatus::Healthy,
            usual_interval_days: usual.and_then(|days| u32::try_from(days).ok()),
            explanation,
        };
    };
    let rhythm = ["usually writes every ", &usual_days.to_string()].concat();
    let quiet_for = ["quiet for ", &days(quiet_days)].concat();
    let (status, score, explanation) =
        if tier == Tier::Partnership && 2 * quiet_days > 3 * usual_days && quiet_days >= 30 {
            let score = 39 - rounded_ratio(26 * quiet_days - 39 * usual_days, usual_days);
            (
                HealthStatus::AtRisk,
                score.clamp(0, 39),
                [quiet_for, rhythm].join("; "),
            )
        } else if quiet_days > usual_days {
            let score = 69 - rounded_ratio(58 * (quiet_days - usual_days), usual_days);
            (
                HealthStatus::Watch,
                score.clamp(40, 69),
                [quiet_for, rhythm].join("; "),
            )
        } else {
            let score = 100 - rounded_ratio(30 * quiet_days, usual_days);
            let last = ["last contact ", &days_ago(quiet_days)].concat();
            (
                HealthStatus::Healthy,
                score.clamp(70, 100),
                [last, rhythm].join("; "),
            )
        };
    CustomerHealth {
        score: u8::try_from(score).unwrap_or_default(),
        status,
        usual_interval_days: u32::try_from(usual_days).ok(),
        explanation,
    }
}

/// The median gap between consecutive times (sorted ascending), in whole days.
fn usual_interval_days(received: &[OffsetDateTime]) -> Option<i64> {
    if received.len() < 3 {
        return None;
    }
    let mut gaps: Vec<i64> = received
        .windows(2)
        .map(|pair| (pair[1] - pair[0]).whole_seconds().max(0))
        .collect();
    gaps.sort_unstable();
    let middle = gaps.len() / 2;
    // Twice the median, so an even count's mean stays an integer.
    let doubled = if gaps.len() % 2 == 1 {
        2 * gaps[middle]
    } else {
        gaps[middle - 1] + gaps[middle]
    };
    Some(rounded_ratio(doubled, 2 * 86_400).max(1))
}

fn days(count: i64) -> String {
    if count == 1 {
        "1 day".to_owned()
    } else {
        [count.to_string().as_str(), " days"].concat()
    }
}

fn days_ago(count: i64) -> String {
    if count == 0 {
        "today".to_owned()
    } else {
        [days(count), " ago".to_owned()].concat()
    }
}

#[cfg(test)]
mod tests;
