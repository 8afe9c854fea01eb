//! Tests of the quote arithmetic: worked examples here, and in [`property`] the
//! arithmetic against an integer reference on random quotes.

use super::*;
use crate::quantity::{Quantity, Unit};
use crate::quote::LineKind;

mod property;

fn decimal(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn line(quantity: &str, price: &str, discount: Option<Discount>) -> LineInput {
    LineInput {
        section: None,
        kind: LineKind::Product,
        product_id: None,
        sku: None,
        name: "LED panel 600×600 40 W".into(),
        description: String::new(),
        hs_code: None,
        origin: None,
        quantity: Quantity {
            value: decimal(quantity),
            unit: Unit::Piece,
        },
        unit_price: decimal(price),
        discount,
        optional: false,
    }
}

#[test]
fn the_ux_brief_example_adds_up() {
    // 2,000 × €11.80 less 3 % = €22,892.00; a free sample; €350 freight.
    let lines = [
        line("2000", "11.80", Some(Discount::Percent(decimal("3")))),
        line("2", "0", None),
        line("1", "350", None),
    ];
    let totals = quote_totals(&lines, &QuoteCharges::default(), Currency::EUR);
    assert_eq!(
        line_totals(&lines[0], Currency::EUR).amount,
        decimal("22892.00")
    );
    assert_eq!(totals.subtotal, decimal("23242.00"));
    assert_eq!(totals.line_discounts, decimal("708.00"));
    assert_eq!(totals.total, decimal("23242.00"));
}

#[test]
fn charges_tax_and_discounts_follow_the_stated_order() {
    let lines = [
        line("3", "0.125", None),
        line("10", "1.005", Some(Discount::Amount(decimal("0.05")))),
    ];
    let charges = QuoteCharges {
        shipping: decimal("12.50"),
        insurance: decimal("1.20"),
        tax_percent: decimal("7.5"),
        discount: Some(Discount::Percent(decimal("10"))),
    };
    let totals = quote_totals(&lines, &charges, Currency::USD);
    // 0.375 → 0.38; 10.05 − 0.05 = 10.00; subtotal 10.38; discount 1.038 → 1.04;
    // taxable 9.34 + 12.50 + 1.20 = 23.04; tax 1.728 → 1.73; total 24.77.
    assert_eq!(totals.subtotal, decimal("10.38"));
    assert_eq!(totals.discount, decimal("1.04"));
    assert_eq!(totals.tax, decimal("1.73"));
    assert_eq!(totals.total, decimal("24.77"));
}

#[test]
fn optional_lines_are_shown_but_not_summed_and_yen_has_no_decimals() {
    let mut sample = line("1", "1500", None);
    sample.optional = true;
    let lines = [line("3", "333.5", None), sample];
    let totals = quote_totals(&lines, &QuoteCharges::default(), Currency::JPY);
    assert_eq!(totals.subtotal, decimal("1001"));
    assert_eq!(totals.total, decimal("1001"));
}
