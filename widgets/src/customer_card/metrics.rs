//! The customer's figures, each explained on hover (and to screen readers):
//! recency, frequency, quoted and won value, win rate, reply time, and the
//! health score with its churn warning.

use contract::customer::{CustomerMetrics, HealthStatus, Tier};
use contract::money::Money;
use leptos::prelude::*;
use rust_decimal::Decimal;
use time::OffsetDateTime;

use crate::data::ShownCustomer;
use crate::i18n::{I18n, Text};
use crate::intl;
use crate::ui::use_i18n;

/// Whole days from `since` to `now` (0 when in the future).
pub(super) fn days_between(since: OffsetDateTime, now: OffsetDateTime) -> i64 {
    (now - since).whole_days().max(0)
}

/// The number and unit a median reply time reads best in: minutes under an
/// hour, hours (one decimal) under two days, else days.
fn duration_parts(minutes: u32) -> (Decimal, Text) {
    if minutes < 60 {
        return (Decimal::from(minutes), Text::DurationMinutes);
    }
    let (divisor, text) = if minutes < 48 * 60 {
        (60, Text::DurationHours)
    } else {
        (24 * 60, Text::DurationDays)
    };
    let value = (Decimal::from(minutes) / Decimal::from(divisor)).round_dp(1);
    (value.normalize(), text)
}

/// "45 min" / "3.1 hr" / "2.5 days".
fn duration(i18n: I18n, minutes: u32) -> String {
    let (value, text) = duration_parts(minutes);
    i18n.format(text, &[("value", &intl::decimal(i18n.language(), value))])
}

fn amounts(i18n: I18n, values: &[Money]) -> String {
    if values.is_empty() {
        return i18n.text(Text::MetricNone).to_owned();
    }
    values
        .iter()
        .map(|money| {
            intl::money(
                i18n.language(),
                money.currency.code(),
                money.amount,
                money.currency.minor_units(),
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Amounts per currency; with several currencies, also their total in the
/// member's currency.
fn with_total(i18n: I18n, values: &[Money], converted: Option<&Money>) -> String {
    match converted {
        Some(converted) if values.len() > 1 => i18n.format(
            Text::MetricConverted,
            &[
                ("values", &amounts(i18n, values)),
                ("total", &amounts(i18n, std::slice::from_ref(converted))),
            ],
        ),
        _ => amounts(i18n, values),
    }
}

/// The churn warning, when the customer has gone quieter than usual.
pub(super) fn warning(
    i18n: I18n,
    metrics: &CustomerMetrics,
    tier: Tier,
    now: OffsetDateTime,
) -> Option<String> {
    if metrics.health.status == HealthStatus::Healthy {
        return None;
    }
    let quiet = metrics
        .last_contact_at
        .map(|last| days_between(last, now))?;
    let days = intl::count(i18n.language(), quiet.unsigned_abs());
    let text = match (metrics.health.usual_interval_days, tier) {
        (Some(usual), Tier::Partnership) => i18n.format(
            Text::HealthQuietPartner,
            &[
                ("days", &days),
                ("usual", &intl::count(i18n.language(), u64::from(usual))),
            ],
        ),
        (Some(usual), Tier::Transactional) => i18n.format(
            Text::HealthQuietUsual,
            &[
                ("days", &days),
                ("usual", &intl::count(i18n.language(), u64::from(usual))),
            ],
        ),
        (None, _) => i18n.format(Text::HealthQuiet, &[("days", &days)]),
    };
    Some(text)
}

#[component]
pub(super) fn Metrics(shown: Memo<ShownCustomer>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let (metrics, tier) =
            shown.with(|shown| (shown.customer.metrics.clone(), shown.customer.summary.tier));
        let language = i18n.language();
        let now = intl::now();
        // Within a year, in days: "45 days ago" says more than "last month".
        let last = metrics.last_contact_at.map_or_else(
            || i18n.text(Text::MetricNever).to_owned(),
            |moment| match days_between(moment, now) {
                days @ 2..=365 => intl::days_ago(language, days),
                _ => intl::relative_time(language, moment),
            },
        );
        let last_exact = metrics
            .last_contact_at
            .map(|moment| intl::date_time(language, moment))
            .unwrap_or_default();
        let inquiries = i18n.format(
            Text::MetricInquiriesValue,
            &[
                (
                    "count",
                    &intl::count(language, u64::from(metrics.inquiry_count)),
                ),
                (
                    "recent",
                    &intl::count(language, u64::from(metrics.inquiries_last_90_days)),
                ),
            ],
        );
        let won = with_total(
            i18n,
            &metrics.won_value,
            metrics.won_value_converted.as_ref(),
        );
        let win_rate = metrics.win_rate_percent.map_or_else(
            || i18n.text(Text::MetricNone).to_owned(),
            |percent| intl::percent(language, percent),
        );
        let reply = metrics.median_response_minutes.map_or_else(
            || i18n.text(Text::MetricNone).to_owned(),
            |minutes| duration(i18n, minutes),
        );
        let health = metrics.health.clone();
        let health_text = i18n.format(
            match health.status {
                HealthStatus::Healthy => Text::HealthHealthy,
                HealthStatus::Watch => Text::HealthWatch,
                HealthStatus::AtRisk => Text::HealthAtRisk,
            },
            &[("score", &intl::count(language, u64::from(health.score)))],
        );
        let status_class = match health.status {
            HealthStatus::Healthy => "health healthy",
            HealthStatus::Watch => "health watch",
            HealthStatus::AtRisk => "health at-risk",
        };
        let warning = warning(i18n, &metrics, tier, now);
        let item =
            move |label: Text, explain: Text, value: String, title: String, test: &'static str| {
                let explanation = i18n.text(explain);
                let title = if title.is_empty() {
                    explanation.to_owned()
                } else {
                    [title.as_str(), explanation].join(" · ")
                };
                let spoken = title.clone();
                view! {
                    <div class="metric" title=title data-test=test>
                        <dt>{i18n.text(label)}</dt>
                        <dd>{value}</dd>
                        <dd class="visually-hidden">{spoken}</dd>
                    </div>
                }
            };
        let quoted = with_total(
            i18n,
            &metrics.quoted_value,
            metrics.quoted_value_converted.as_ref(),
        );
        let items = vec![
            item(
                Text::MetricLastContact,
                Text::MetricLastContactExplain,
                last,
                last_exact,
                "metric-last-contact",
            ),
            item(
                Text::MetricInquiries,
                Text::MetricInquiriesExplain,
                inquiries,
                String::new(),
                "metric-inquiries",
            ),
            item(
                Text::MetricQuoted,
                Text::MetricQuotedExplain,
                quoted,
                String::new(),
                "metric-quoted",
            ),
            item(
                Text::MetricWon,
                Text::MetricWonExplain,
                won,
                String::new(),
                "metric-won",
            ),
            item(
                Text::MetricWinRate,
                Text::MetricWinRateExplain,
                win_rate,
                String::new(),
                "metric-win-rate",
            ),
            item(
                Text::MetricReplyTime,
                Text::MetricReplyTimeExplain,
                reply,
                String::new(),
                "metric-reply-time",
            ),
        ];
        view! {
            <dl class="metrics" part="metrics" data-test="customer-metrics">
                {items}
                <div class="metric" title=i18n.text(Text::MetricHealthExplain) data-test="metric-health">
                    <dt>{i18n.text(Text::MetricHealth)}</dt>
                    <dd><span class=status_class>{health_text}</span></dd>
                    <dd class="visually-hidden">{i18n.text(Text::MetricHealthExplain)}</dd>
                </div>
            </dl>
            {warning.map(|warning| view! {
                <p class="churn-warning" role="note" data-test="churn-warning">
                    <span aria-hidden="true">"⚠ "</span>{warning}
                </p>
            })}
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn days_are_whole_and_never_negative() {
        let now = datetime!(2026-11-22 12:00 UTC);
        assert_eq!(days_between(datetime!(2026-10-08 13:00 UTC), now), 44);
        assert_eq!(days_between(datetime!(2026-11-23 12:00 UTC), now), 0);
    }

    #[test]
    fn reply_times_pick_a_readable_unit() {
        assert_eq!(
            duration_parts(45),
            (Decimal::from(45), Text::DurationMinutes)
        );
        assert_eq!(
            duration_parts(186),
            (Decimal::new(31, 1), Text::DurationHours)
        );
        assert_eq!(duration_parts(120), (Decimal::from(2), Text::DurationHours));
        assert_eq!(
            duration_parts(3 * 24 * 60 + 720),
            (Decimal::new(35, 1), Text::DurationDays)
        );
    }
}
