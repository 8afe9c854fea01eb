//! The server stores exactly the totals `contract::quote::totals` computes, for
//! any draft; refuses exactly the drafts the contract's validation refuses; and
//! accepts the contract's total as `expected_total`, on creation (under an id
//! the client chose) and on replacement alike.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use super::*;

fn amount(currency: Currency, max_units: i64) -> impl Strategy<Value = Decimal> {
    let scale = currency.minor_units();
    let factor = 10_i64.pow(scale);
    (0..=max_units * factor).prop_map(move |minor| Decimal::new(minor, scale))
}

fn discount(currency: Currency) -> impl Strategy<Value = Option<Discount>> {
    prop_oneof![
        2 => Just(None),
        1 => (0..=10_000_i64).prop_map(|hundredths| Some(Discount::Percent(Decimal::new(hundredths, 2)))),
        1 => amount(currency, 500).prop_map(|amount| Some(Discount::Amount(amount))),
    ]
}

fn line(currency: Currency) -> impl Strategy<Value = LineInput> {
    (
        1..=2_000_000_i64,
        0..=3_u32,
        amount(currency, 20_000),
        discount(currency),
        proptest::bool::weighted(0.15),
    )
        .prop_map(|(quantity, scale, price, discount, optional)| {
            let mut line = product_line("1", "1");
            line.quantity.value = Decimal::new(quantity, scale);
            line.unit_price = price;
            line.discount = discount;
            line.optional = optional;
            line
        })
}

fn draft() -> impl Strategy<Value = (QuoteDraft, bool)> {
    prop::sample::select(vec![
        Currency::USD,
        Currency::EUR,
        Currency::JPY,
        Currency::KWD,
        Currency::GBP,
    ])
    .prop_flat_map(|currency| {
        (
            prop::collection::vec(line(currency), 1..6),
            amount(currency, 5_000),
            amount(currency, 500),
            (0..=2_500_i64).prop_map(|hundredths| Decimal::new(hundredths, 2)),
            discount(currency),
            any::<bool>(),
        )
            .prop_map(move |(lines, shipping, insurance, tax, discount, expect)| {
                let mut draft = sample_draft();
                draft.terms.currency = currency;
                draft.lines = lines;
                draft.charges = QuoteCharges {
                    shipping,
                    insurance,
                    tax_percent: tax,
                    discount,
                };
                (draft, expect)
            })
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stored_totals_always_equal_the_contract_s() {
    let test_app = TestApp::seeded().await;
    let handle = tokio::runtime::Handle::current();
    let mut runner = TestRunner::new(Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    });
    let valid_cases = std::cell::Cell::new(0);
    let result = runner.run(&draft(), |(mut draft, expect)| {
        let currency = draft.terms.currency;
        let totals = quote_totals(&draft.lines, &draft.charges, currency);
        let valid = draft.validate(today()).is_ok();
        if expect {
            draft.expected_total = Some(totals.total);
        }
        let response = tokio::task::block_in_place(|| {
            handle.block_on(call(
                &test_app,
                Method::POST,
                "/api/v1/quotes",
                OWNER,
                None,
                Some(&draft),
            ))
        });
        if !valid {
            prop_assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
            return Ok(());
        }
        valid_cases.set(valid_cases.get() + 1);
        prop_assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        let created: Quote = response.json();
        let stored =
            tokio::task::block_in_place(|| handle.block_on(get_quote(&test_app, created.id)));
        prop_assert_eq!(stored.totals, totals);
        for (line, input) in stored.lines.iter().zip(&draft.lines) {
            prop_assert_eq!(line.totals, line_totals(input, currency));
        }
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    let valid_cases = valid_cases.get();
    assert!(
        valid_cases > 20,
        "most random drafts are valid: {valid_cases}"
    );
}

/// A draft the contract's validation accepts, with the contract's total as
/// `expected_total`.
fn valid_draft() -> impl Strategy<Value = QuoteDraft> {
    draft()
        .prop_map(|(mut draft, _)| {
            let totals = quote_totals(&draft.lines, &draft.charges, draft.terms.currency);
            draft.expected_total = Some(totals.total);
            draft
        })
        .prop_filter("valid drafts only", |draft| draft.validate(today()).is_ok())
}

/// The answer's figures are the contract's, for the quote and each line.
fn assert_contract_figures(quote: &Quote, draft: &QuoteDraft) -> Result<(), TestCaseError> {
    let currency = draft.terms.currency;
    prop_assert_eq!(
        quote.totals,
        quote_totals(&draft.lines, &draft.charges, currency)
    );
    prop_assert_eq!(quote.lines.len(), draft.lines.len());
    for (line, input) in quote.lines.iter().zip(&draft.lines) {
        prop_assert_eq!(line.totals, line_totals(input, currency));
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_contract_s_total_is_accepted_as_expected_on_create_and_replace() {
    let test_app = TestApp::seeded().await;
    let handle = tokio::runtime::Handle::current();
    let send = |method: Method, path: &str, if_match: Option<&str>, draft: &QuoteDraft| {
        tokio::task::block_in_place(|| {
            handle.block_on(call(&test_app, method, path, OWNER, if_match, Some(draft)))
        })
    };
    let mut runner = TestRunner::new(Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(
        &(valid_draft(), valid_draft()),
        |(mut first, mut second)| {
            let id = contract::ids::QuoteId(uuid::Uuid::new_v4());
            first.id = Some(id);
            let response = send(Method::POST, "/api/v1/quotes", None, &first);
            prop_assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
            let created: Quote = response.json();
            prop_assert_eq!(created.id, id);
            assert_contract_figures(&created, &first)?;

            second.id = Some(id);
            let path = format!("/api/v1/quotes/{id}");
            let etag = created.version.etag();
            let response = send(Method::PUT, &path, Some(&etag), &second);
            prop_assert_eq!(response.status, StatusCode::OK, "{}", response.text());
            let replaced: Quote = response.json();
            prop_assert_eq!(replaced.id, id);
            assert_contract_figures(&replaced, &second)
        },
    );
    if let Err(error) = result {
        panic!("{error}");
    }
}
