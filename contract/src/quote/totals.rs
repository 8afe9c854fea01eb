//! Quote arithmetic, shared by the quote builder and the server so that both
//! always show the same totals. Exact decimals; every amount is rounded to the
//! quote currency's minor unit, half away from zero:
//!
//! 1. line gross = quantity × unit price, rounded;
//! 2. line discount = gross × percent / 100, rounded, or the fixed amount;
//! 3. line amount = gross − line discount;
//! 4. subtotal = sum of the amounts of non-optional lines;
//! 5. quote discount = subtotal × percent / 100, rounded, or the fixed amount;
//! 6. tax = (subtotal − quote discount + shipping + insurance) × tax percent / 100, rounded;
//! 7. total = subtotal − quote discount + shipping + insurance + tax.
//!
//! The functions never panic: beyond the limits [`QuoteDraft::validate`](super::QuoteDraft::validate)
//! enforces ([`MAX_FACTOR`](crate::money::MAX_FACTOR), [`MAX_AMOUNT`](crate::money::MAX_AMOUNT)),
//! figures saturate instead of overflowing.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Discount, LineInput, QuoteCharges};
use crate::money::{Currency, saturating_add, saturating_mul, saturating_sub};

/// The computed figures of one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineTotals {
    /// Quantity × unit price.
    pub gross: Decimal,
    /// The line's discount.
    pub discount: Decimal,
    /// Gross − discount.
    pub amount: Decimal,
}

/// The computed figures of a quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteTotals {
    /// Sum of the non-optional lines' amounts.
    pub subtotal: Decimal,
    /// Sum of the non-optional lines' discounts (already in the subtotal).
    pub line_discounts: Decimal,
    /// The quote-level discount.
    pub discount: Decimal,
    /// Shipping charge.
    pub shipping: Decimal,
    /// Insurance charge.
    pub insurance: Decimal,
    /// Tax.
    pub tax: Decimal,
    /// What the buyer pays.
    pub total: Decimal,
}

/// `percent` of `base`, rounded to the currency.
fn percent_of(base: Decimal, percent: Decimal, currency: Currency) -> Decimal {
    currency.round(saturating_mul(base, percent) / Decimal::ONE_HUNDRED)
}

fn discount_on(base: Decimal, discount: Option<Discount>, currency: Currency) -> Decimal {
    match discount {
        None => Decimal::ZERO,
        Some(Discount::Percent(percent)) => percent_of(base, percent, currency),
        Some(Discount::Amount(amount)) => currency.round(amount),
    }
}

/// The figures of one line (rules 1–3).
pub fn line_totals(line: &LineInput, currency: Currency) -> LineTotals {
    let gross = currency.round(saturating_mul(line.quantity.value, line.unit_price));
    let discount = discount_on(gross, line.discount, currency);
    LineTotals {
        gross,
        discount,
        amount: saturating_sub(gross, discount),
    }
}

/// The figures of a quote (rules 1–7).
pub fn quote_totals(
    lines: &[LineInput],
    charges: &QuoteCharges,
    currency: Currency,
) -> QuoteTotals {
    let (subtotal, line_discounts) = lines
        .iter()
        .filter(|line| !line.optional)
        .map(|line| line_totals(line, currency))
        .fold(
            (Decimal::ZERO, Decimal::ZERO),
            |(subtotal, discounts), line| {
                (
                    saturating_add(subtotal, line.amount),
                    saturating_add(discounts, line.discount),
                )
            },
        );
    let discount = discount_on(subtotal, charges.discount, currency);
    let shipping = currency.round(charges.shipping);
    let insurance = currency.round(charges.insurance);
    let taxable = saturating_add(
        saturating_add(saturating_sub(subtotal, discount), shipping),
        insurance,
    );
    let tax = percent_of(taxable, charges.tax_percent, currency);
    QuoteTotals {
        subtotal,
        line_discounts,
        discount,
        shipping,
        insurance,
        tax,
        total: saturating_add(taxable, tax),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::{Quantity, Unit};
    use crate::quote::LineKind;

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
}
