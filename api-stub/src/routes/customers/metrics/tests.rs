//! The metric and health rules on hand-made figures.

use time::macros::datetime;

use super::*;

fn decimal(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn every(days: i64, count: i64, last: OffsetDateTime) -> Vec<OffsetDateTime> {
    (0..count)
        .rev()
        .map(|index| last - Duration::days(days * index))
        .collect()
}

#[test]
fn a_partnership_customer_quiet_for_more_than_one_and_a_half_intervals_is_at_risk() {
    let now = datetime!(2026-06-01 12:00 UTC);
    let last = now - Duration::days(46);
    let health = health(Tier::Partnership, &every(30, 4, last), Some(last), now);
    assert_eq!(health.status, HealthStatus::AtRisk);
    assert_eq!(health.usual_interval_days, Some(30));
    assert_eq!(health.score, 38);
    assert_eq!(
        health.explanation,
        "quiet for 46 days; usually writes every 30"
    );
}

#[test]
fn the_boundaries_of_the_bands() {
    let now = datetime!(2026-06-01 12:00 UTC);
    let at = |quiet: i64, tier: Tier, usual: i64| {
        let last = now - Duration::days(quiet);
        health(tier, &every(usual, 5, last), Some(last), now)
    };
    assert_eq!(at(45, Tier::Partnership, 30).status, HealthStatus::Watch);
    assert_eq!(at(45, Tier::Partnership, 30).score, 40);
    assert_eq!(at(31, Tier::Partnership, 30).status, HealthStatus::Watch);
    assert_eq!(at(30, Tier::Partnership, 30).status, HealthStatus::Healthy);
    assert_eq!(at(30, Tier::Partnership, 30).score, 70);
    assert_eq!(at(0, Tier::Partnership, 30).score, 100);
    assert_eq!(
        at(0, Tier::Partnership, 30).explanation,
        "last contact today; usually writes every 30"
    );
    assert_eq!(at(90, Tier::Transactional, 30).status, HealthStatus::Watch);
    // Under 30 days quiet is never "at risk", however regular the customer.
    assert_eq!(at(29, Tier::Partnership, 10).status, HealthStatus::Watch);
    assert_eq!(at(31, Tier::Partnership, 10).status, HealthStatus::AtRisk);
    assert_eq!(at(90, Tier::Partnership, 30).score, 0);
}

#[test]
fn two_inquiries_are_not_a_rhythm() {
    let now = datetime!(2026-06-01 12:00 UTC);
    let last = now - Duration::days(3);
    let health = health(Tier::Partnership, &every(7, 2, last), Some(last), now);
    assert_eq!(health.status, HealthStatus::Healthy);
    assert_eq!(health.usual_interval_days, None);
    assert_eq!(
        health.explanation,
        "last contact 3 days ago; too few inquiries to know their usual rhythm"
    );
    assert_eq!(
        super::health(Tier::Transactional, &[], None, now).explanation,
        "no contact yet"
    );
}

#[test]
fn the_usual_interval_is_the_median_gap() {
    let start = datetime!(2026-01-01 0:00 UTC);
    let times = [0, 10, 40, 50, 90].map(|day| start + Duration::days(day));
    // Gaps 10, 30, 10, 40: median of an even count = (10 + 30) / 2.
    assert_eq!(usual_interval_days(&times), Some(20));
    assert_eq!(usual_interval_days(&times[..3]), Some(20));
}

#[test]
fn conversions_are_exact_and_rounded_once() {
    let rates: HashMap<Currency, Decimal> = [
        (Currency::USD, decimal("1")),
        (Currency::EUR, decimal("0.92")),
        (Currency::JPY, decimal("150")),
    ]
    .into_iter()
    .collect();
    let values = [
        Money {
            amount: decimal("100.00"),
            currency: Currency::EUR,
        },
        Money {
            amount: decimal("1000"),
            currency: Currency::JPY,
        },
    ];
    // 100 / 0.92 = 108.695652…, 1000 / 150 = 6.666…; sum 115.3623… → 115.36.
    assert_eq!(
        convert(&values, &rates, Currency::USD),
        Some(Money {
            amount: decimal("115.36"),
            currency: Currency::USD
        })
    );
    // 100 EUR stays 100 EUR; 1000 JPY × 0.92 / 150 = 6.1333… → 106.13.
    assert_eq!(
        convert(&values, &rates, Currency::EUR).map(|money| money.amount),
        Some(decimal("106.13"))
    );
    assert_eq!(convert(&values, &rates, Currency::GBP), None);
}

#[test]
fn rates_and_medians_round_half_up() {
    assert_eq!(win_rate(1, 3), Some(33));
    assert_eq!(win_rate(2, 3), Some(67));
    assert_eq!(win_rate(1, 8), Some(13));
    assert_eq!(win_rate(0, 0), None);
    assert_eq!(median(&mut [5, 1, 3]), Some(3));
    assert_eq!(median(&mut [4, 1, 2, 7]), Some(3));
    assert_eq!(median(&mut [1, 2]), Some(2));
    assert_eq!(median(&mut []), None);
}
