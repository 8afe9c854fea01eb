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
mod tests;
