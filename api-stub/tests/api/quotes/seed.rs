//! The demo quotes: the Müller revision story, and every seeded quote agreeing
//! with the contract's arithmetic and its inquiry's status. Müller Handels is the
//! partnership customer going quiet: its cheaper revision 2 went out before the
//! quiet weeks and has lapsed without an answer.

use super::*;

#[tokio::test]
async fn the_seeded_story_has_two_revisions_the_second_cheaper() {
    let test_app = TestApp::seeded().await;
    let superseded = test_app
        .scalar(
            "SELECT id FROM quotes WHERE customer_id = $1 AND status = 'superseded'",
            MUELLER_HANDELS_CUSTOMER_ID,
        )
        .await;
    let page: QuotePage = test_app
        .get_json(&format!("/api/v1/quotes/{superseded}/revisions"), REP)
        .await;
    assert_eq!(page.next_cursor, None);
    assert_eq!(page.total, 2);
    let [first, second] = &page.items[..] else {
        panic!("two revisions: {page:?}");
    };
    assert_eq!((first.revision, first.status), (1, QuoteStatus::Superseded));
    assert_eq!((second.revision, second.status), (2, QuoteStatus::Expired));
    assert_eq!(first.number, second.number);
    assert_eq!(first.currency, Currency::EUR);
    assert!(second.total < first.total);
    let latest = get_quote(&test_app, second.id).await;
    assert_eq!(latest.revised_from, Some(first.id));
    assert_eq!(latest.terms.incoterm, Incoterm::FOB);
    assert_eq!(latest.terms.named_place, "Ningbo");
}

#[tokio::test]
async fn the_seed_is_consistent_with_the_contract_and_the_inquiries() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let ids = test_app
        .column("SELECT id FROM quotes WHERE member_id = $1", &member)
        .await;
    let mut currencies = HashSet::new();
    let mut kinds = HashSet::new();
    let mut statuses = HashSet::new();
    for id in ids {
        let quote = get_quote(&test_app, &id).await;
        let currency = quote.terms.currency;
        let lines: Vec<LineInput> = quote
            .lines
            .iter()
            .map(|line| {
                assert!(
                    currency.fits(line.unit_price),
                    "{currency} {}",
                    line.unit_price
                );
                kinds.insert(line.kind);
                line.input()
            })
            .collect();
        assert_eq!(quote.totals, quote_totals(&lines, &quote.charges, currency));
        currencies.insert(currency);
        statuses.insert(quote.status);
        if let Some(inquiry) = quote.inquiry_id {
            let (inquiry_status, _) = inquiry_status(&test_app, &inquiry.to_string()).await;
            match quote.status {
                QuoteStatus::Accepted => assert_eq!(inquiry_status, InquiryStatus::Won),
                QuoteStatus::Draft => assert_eq!(inquiry_status, InquiryStatus::Open),
                _ => assert_ne!(inquiry_status, InquiryStatus::Won),
            }
        }
    }
    for currency in [
        Currency::USD,
        Currency::EUR,
        Currency::GBP,
        Currency::AED,
        Currency::JPY,
    ] {
        assert!(currencies.contains(&currency), "{currency}");
    }
    for kind in [
        LineKind::Product,
        LineKind::Sample,
        LineKind::Freight,
        LineKind::Tooling,
    ] {
        assert!(kinds.contains(&kind), "{kind:?}");
    }
    for status in QuoteStatus::ALL {
        assert!(statuses.contains(&status), "{status}");
    }
}
