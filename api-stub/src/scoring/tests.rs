//! Tests of the score: each signal, the totals, the clamping.

use contract::incoterm::Incoterm;
use contract::inquiry::Destination;
use contract::money::{Currency, Money};
use rust_decimal::Decimal;

use super::*;

fn input<'a>(requirement: &'a Requirement, message: &'a str) -> ScoreInput<'a> {
    ScoreInput {
        email: "k.mueller@mueller-handels.de",
        company: "Müller Handels GmbH",
        verified: false,
        message,
        requirement,
        known_customer: None,
        same_text_before: 0,
    }
}

fn signals(score: &Score) -> Vec<ScoreSignal> {
    score.reasons.iter().map(|reason| reason.signal).collect()
}

const GOOD_MESSAGE: &str = "Dear team, we are an importer in Hamburg and need LED panels \
    for an office project. Please quote FOB Ningbo with lead time and payment terms.";

#[test]
fn the_total_is_the_base_plus_the_reasons() {
    let requirement = Requirement::default();
    let score = score(&input(&requirement, GOOD_MESSAGE));
    let sum: i16 = score.reasons.iter().map(|reason| reason.points).sum();
    assert_eq!(i16::from(score.value), BASE + sum);
    assert_eq!(
        signals(&score),
        [ScoreSignal::CompanyDomain, ScoreSignal::MissingQuantity]
    );
    assert_eq!(score.value, 35);
    assert!(score.reasons[0].detail.contains("mueller-handels.de"));
}

#[test]
fn a_verified_known_buyer_with_details_scores_high() {
    let requirement = Requirement {
        quantity: Some(Quantity {
            value: Decimal::new(2000, 0),
            unit: Unit::Piece,
        }),
        target_price: Some(Money {
            amount: Decimal::new(1150, 2),
            currency: Currency::EUR,
        }),
        incoterm: Some(Incoterm::FOB),
        destination: Some(Destination {
            country: "DE".parse().unwrap(),
            place: Some("Hamburg".into()),
        }),
        ..Requirement::default()
    };
    let score = score(&ScoreInput {
        verified: true,
        known_customer: Some(KnownCustomer {
            name: "Müller Handels GmbH",
            has_ordered: true,
        }),
        ..input(&requirement, GOOD_MESSAGE)
    });
    assert_eq!(score.value, 90, "{score:?}");
    assert_eq!(
        signals(&score),
        [
            ScoreSignal::VerifiedBuyer,
            ScoreSignal::CompanyDomain,
            ScoreSignal::KnownCustomer,
            ScoreSignal::QuantityStated,
            ScoreSignal::DetailedRequirement
        ]
    );
    let details = &score.reasons[4].detail;
    assert!(
        details.contains("11.5 EUR") && details.contains("FOB"),
        "{details}"
    );
    assert_eq!(score.reasons[3].detail, "asks for 2000 pcs");
    assert_eq!(
        score.reasons[2].detail,
        "Müller Handels GmbH has ordered before"
    );
}

#[test]
fn a_lead_counts_less_than_a_customer_who_ordered() {
    let requirement = Requirement::default();
    let lead = score(&ScoreInput {
        known_customer: Some(KnownCustomer {
            name: "X",
            has_ordered: false,
        }),
        ..input(&requirement, GOOD_MESSAGE)
    });
    assert_eq!(lead.reasons[1].points, KNOWN_CUSTOMER);
}

#[test]
fn spam_sinks_to_the_bottom() {
    let requirement = Requirement::default();
    let message = "Dear Business Owner, we are SEO experts and can bring your website to \
        Google first page in 7 days. Special offer only today!!! Reply now for FREE audit.";
    let score = score(&ScoreInput {
        email: "seo.expert@gmail.com",
        company: "",
        same_text_before: 2,
        ..input(&requirement, message)
    });
    assert_eq!(
        signals(&score),
        [
            ScoreSignal::FreeMailDomain,
            ScoreSignal::EmptyCompany,
            ScoreSignal::MissingQuantity,
            ScoreSignal::GenericText,
            ScoreSignal::RepeatedText
        ]
    );
    assert_eq!(score.value, 0);
    assert!(score.reasons[3].detail.contains("mass mailing"));
    assert!(score.reasons[4].detail.contains("twice"));
}

#[test]
fn generic_short_and_link_only_messages_lose_points() {
    let requirement = Requirement::default();
    let generic = score(&input(
        &requirement,
        "Hello, please send price list. Thanks",
    ));
    assert_eq!(
        signals(&generic),
        [
            ScoreSignal::CompanyDomain,
            ScoreSignal::MissingQuantity,
            ScoreSignal::GenericText,
            ScoreSignal::ShortMessage
        ]
    );
    assert_eq!(generic.value, 10);
    let link = score(&input(
        &requirement,
        "see https://example.com/rfq/123 thanks",
    ));
    assert_eq!(
        signals(&link)[2..],
        [ScoreSignal::LinkOnly],
        "a link is not also counted as short"
    );
    assert!(
        link.reasons[2]
            .detail
            .contains("https://example.com/rfq/123")
    );
    // A long message that mentions a price list among other things is not generic.
    let long = [
        GOOD_MESSAGE,
        " ",
        GOOD_MESSAGE,
        " Also send your price list.",
    ]
    .concat();
    assert!(!signals(&score(&input(&requirement, &long))).contains(&ScoreSignal::GenericText));
    // Whole words only: "seoul" is not "seo".
    let seoul = [GOOD_MESSAGE, " Shipping to Seoul."].concat();
    assert!(!signals(&score(&input(&requirement, &seoul))).contains(&ScoreSignal::GenericText));
}

#[test]
fn chinese_messages_are_counted_by_characters() {
    let requirement = Requirement::default();
    let message =
        "您好，我们是上海的一家贸易公司，想采购LED面板灯，请报FOB宁波价格、交期和付款方式。";
    let score = score(&input(&requirement, message));
    assert!(
        !signals(&score).contains(&ScoreSignal::ShortMessage),
        "{score:?}"
    );
    let short = score_short("您好，请报价");
    assert!(signals(&short).contains(&ScoreSignal::ShortMessage));
}

fn score_short(message: &str) -> Score {
    let requirement = Requirement::default();
    score(&input(&requirement, message))
}

#[test]
fn scores_stay_within_0_and_100() {
    let requirement = Requirement::default();
    let worst = score(&ScoreInput {
        email: "x@qq.com",
        company: " ",
        same_text_before: 40,
        ..input(&requirement, "http://x.example")
    });
    assert_eq!(worst.value, 0);
}
