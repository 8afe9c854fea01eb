//! [`quote_totals`] on random valid quotes in currencies with 0, 2 and 3 minor
//! units, against a reference written here in integers (`i128` counts of the
//! currency's minor unit, rounding half away from zero as the module states),
//! plus the invariants every quote keeps.
//!
//! Inputs are generated as integers and handed to the arithmetic as decimals,
//! so the reference never goes through `Decimal`. Most figures are everyday
//! ones; one in five is large: quantities and unit prices up to 10^9, fixed
//! amounts up to the 10^15 validation allows, percentages with up to 4
//! decimals. Not further: `QuoteDraft::validate` accepts quantities and prices
//! up to 10^12 and percentages with any number of decimals, but a product of
//! more than 96 bits of mantissa is rounded by `Decimal` before the currency's
//! rounding, and that double rounding can be one minor unit off. Two such
//! quotes: 993470411875.235 × KWD 997994274181.934 (exactly …499.004490, made
//! …499.005); a tax of 50.000001000000000010 % on USD 999999999.99 (exactly
//! 500000009.994999…, made 500000010.00).

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rust_decimal::Decimal;
use time::macros::date;

use crate::incoterm::Incoterm;
use crate::money::Currency;
use crate::quantity::{Quantity, Unit};
use crate::quote::totals::{LineTotals, QuoteTotals, line_totals, quote_totals};
use crate::quote::{
    Discount, LineInput, LineKind, PaymentMethod, PaymentTerms, QuoteCharges, QuoteDraft,
    QuoteTerms,
};

/// `10^exponent`.
fn power_of_ten(exponent: u32) -> i128 {
    10_i128.pow(exponent)
}

/// `numerator / denominator` (positive), rounded half away from zero.
fn divide_rounded(numerator: i128, denominator: i128) -> i128 {
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    if 2 * remainder.abs() >= denominator {
        quotient + numerator.signum()
    } else {
        quotient
    }
}

/// An exact decimal: `units × 10^-scale`.
#[derive(Clone, Copy, Debug)]
struct Fixed {
    units: i128,
    scale: u32,
}

impl Fixed {
    /// The same value as the contract's type.
    fn decimal(self) -> Decimal {
        Decimal::from_i128_with_scale(self.units, self.scale)
    }

    /// `percent` (this value) of `base` minor units, rounded to a minor unit.
    fn percent_of(self, base: i128) -> i128 {
        divide_rounded(base * self.units, 100 * power_of_ten(self.scale))
    }
}

/// A discount as generated: a fixed amount is a share of what it discounts, so
/// that it never exceeds it (as validation demands).
#[derive(Clone, Copy, Debug)]
enum DiscountSpec {
    None,
    Percent(Fixed),
    /// Thousandths of the base, rounded down to a minor unit, and at most
    /// [`MAX_AMOUNT`].
    PerMille(i128),
}

impl DiscountSpec {
    /// The discount on `base` minor units, and the discount to send.
    fn apply(self, base: i128, minor_units: u32) -> (i128, Option<Discount>) {
        match self {
            DiscountSpec::None => (0, None),
            DiscountSpec::Percent(percent) => (
                percent.percent_of(base),
                Some(Discount::Percent(percent.decimal())),
            ),
            DiscountSpec::PerMille(per_mille) => {
                let amount = (base * per_mille / 1000).min(MAX_AMOUNT * power_of_ten(minor_units));
                let sent = Fixed {
                    units: amount,
                    scale: minor_units,
                };
                (amount, Some(Discount::Amount(sent.decimal())))
            }
        }
    }
}

#[derive(Clone, Debug)]
struct LineSpec {
    quantity: Fixed,
    /// Minor units.
    unit_price: i128,
    discount: DiscountSpec,
    optional: bool,
}

#[derive(Clone, Debug)]
struct Case {
    currency: Currency,
    lines: Vec<LineSpec>,
    /// Minor units.
    shipping: i128,
    /// Minor units.
    insurance: i128,
    tax_percent: Fixed,
    discount: DiscountSpec,
}

/// A quote as the arithmetic gets it, and the figures the reference expects.
struct Expected {
    lines: Vec<LineInput>,
    charges: QuoteCharges,
    line_totals: Vec<LineTotals>,
    totals: QuoteTotals,
}

/// `units` minor units of `currency`, as a decimal.
fn money(units: i128, currency: Currency) -> Decimal {
    Fixed {
        units,
        scale: currency.minor_units(),
    }
    .decimal()
}

fn line_input(spec: &LineSpec, discount: Option<Discount>, currency: Currency) -> LineInput {
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
            value: spec.quantity.decimal(),
            unit: Unit::Piece,
        },
        unit_price: money(spec.unit_price, currency),
        discount,
        optional: spec.optional,
    }
}

impl Case {
    /// The reference: rules 1 to 7 of the module, in integers.
    fn expected(&self) -> Expected {
        let currency = self.currency;
        let minor_units = currency.minor_units();
        let (mut subtotal, mut line_discounts) = (0_i128, 0_i128);
        let mut lines = Vec::new();
        let mut figures = Vec::new();
        for spec in &self.lines {
            let gross = divide_rounded(
                spec.quantity.units * spec.unit_price,
                power_of_ten(spec.quantity.scale),
            );
            let (discount, sent) = spec.discount.apply(gross, minor_units);
            if !spec.optional {
                subtotal += gross - discount;
                line_discounts += discount;
            }
            lines.push(line_input(spec, sent, currency));
            figures.push(LineTotals {
                gross: money(gross, currency),
                discount: money(discount, currency),
                amount: money(gross - discount, currency),
            });
        }
        let (discount, sent) = self.discount.apply(subtotal, minor_units);
        let taxable = subtotal - discount + self.shipping + self.insurance;
        let tax = self.tax_percent.percent_of(taxable);
        Expected {
            lines,
            charges: QuoteCharges {
                shipping: money(self.shipping, currency),
                insurance: money(self.insurance, currency),
                tax_percent: self.tax_percent.decimal(),
                discount: sent,
            },
            line_totals: figures,
            totals: QuoteTotals {
                subtotal: money(subtotal, currency),
                line_discounts: money(line_discounts, currency),
                discount: money(discount, currency),
                shipping: money(self.shipping, currency),
                insurance: money(self.insurance, currency),
                tax: money(tax, currency),
                total: money(taxable + tax, currency),
            },
        }
    }
}

/// A draft with these lines and charges, to hold the generated figures to
/// [`QuoteDraft::validate`].
fn draft(currency: Currency, lines: Vec<LineInput>, charges: QuoteCharges) -> QuoteDraft {
    QuoteDraft {
        id: None,
        customer_id: None,
        contact_id: None,
        inquiry_id: None,
        terms: QuoteTerms {
            currency,
            exchange_rate_note: None,
            incoterm: Incoterm::FOB,
            named_place: "Ningbo".into(),
            port_of_loading: None,
            port_of_destination: None,
            shipping_method: None,
            lead_time_days: None,
            payment: PaymentTerms {
                method: PaymentMethod::TelegraphicTransfer,
                deposit_percent: None,
                net_days: None,
                balance_terms: None,
            },
            valid_until: date!(2100 - 01 - 01),
            buyer_notes: String::new(),
            internal_notes: String::new(),
        },
        lines,
        charges,
        expected_total: None,
    }
}

/// The largest quantity or unit price generated (see the module's note on why
/// not `MAX_FACTOR`, 10^12).
const LARGE_FACTOR: i128 = 1_000_000_000;

/// The largest fixed amount validation allows (`MAX_AMOUNT`).
const MAX_AMOUNT: i128 = 1_000_000_000_000_000;

/// A count of `10^-scale` from 0 (or 1) to `everyday`, or now and then to `limit`.
fn units(scale: u32, least: i128, everyday: i128, limit: i128) -> impl Strategy<Value = i128> {
    let unit = power_of_ten(scale);
    prop_oneof![
        4 => least..=everyday * unit,
        1 => least..=limit * unit,
    ]
}

/// A percentage from 0 to 100 with up to 4 decimals.
fn percent() -> impl Strategy<Value = Fixed> {
    (0..=4_u32).prop_flat_map(|scale| {
        (0..=100 * power_of_ten(scale)).prop_map(move |units| Fixed { units, scale })
    })
}

fn discount() -> impl Strategy<Value = DiscountSpec> {
    prop_oneof![
        2 => Just(DiscountSpec::None),
        1 => percent().prop_map(DiscountSpec::Percent),
        1 => (0..=1000_i128).prop_map(DiscountSpec::PerMille),
    ]
}

fn line(minor_units: u32) -> impl Strategy<Value = LineSpec> {
    let quantity = (0..=3_u32).prop_flat_map(|scale| {
        units(scale, 1, 100_000, LARGE_FACTOR).prop_map(move |units| Fixed { units, scale })
    });
    (
        quantity,
        units(minor_units, 0, 10_000, LARGE_FACTOR),
        discount(),
        proptest::bool::weighted(0.2),
    )
        .prop_map(|(quantity, unit_price, discount, optional)| LineSpec {
            quantity,
            unit_price,
            discount,
            optional,
        })
}

fn case() -> impl Strategy<Value = Case> {
    prop::sample::select(vec![
        Currency::JPY,
        Currency::USD,
        Currency::EUR,
        Currency::KWD,
    ])
    .prop_flat_map(|currency| {
        let minor_units = currency.minor_units();
        (
            prop::collection::vec(line(minor_units), 1..8),
            units(minor_units, 0, 5_000, MAX_AMOUNT),
            units(minor_units, 0, 500, MAX_AMOUNT),
            percent(),
            discount(),
        )
            .prop_map(
                move |(lines, shipping, insurance, tax_percent, discount)| Case {
                    currency,
                    lines,
                    shipping,
                    insurance,
                    tax_percent,
                    discount,
                },
            )
    })
}

/// The generated quote and the reference's figures, after checking the quote is
/// one validation accepts.
fn valid(case: &Case) -> Result<Expected, TestCaseError> {
    let expected = case.expected();
    let quote = draft(case.currency, expected.lines.clone(), expected.charges);
    prop_assert_eq!(quote.validate(date!(2026 - 01 - 01)), Ok(()));
    Ok(expected)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn totals_equal_an_integer_reference_in_every_currency(case in case()) {
        let expected = valid(&case)?;
        for (line, figures) in expected.lines.iter().zip(&expected.line_totals) {
            prop_assert_eq!(line_totals(line, case.currency), *figures);
        }
        let totals = quote_totals(&expected.lines, &expected.charges, case.currency);
        prop_assert_eq!(totals, expected.totals);
    }

    #[test]
    fn the_total_is_its_parts_in_the_currency_s_minor_units(case in case()) {
        let expected = valid(&case)?;
        let currency = case.currency;
        let totals = quote_totals(&expected.lines, &expected.charges, currency);
        prop_assert_eq!(
            totals.total,
            totals.subtotal - totals.discount + totals.shipping + totals.insurance + totals.tax
        );
        let figures = [
            totals.subtotal,
            totals.line_discounts,
            totals.discount,
            totals.shipping,
            totals.insurance,
            totals.tax,
            totals.total,
        ];
        let lines = expected
            .lines
            .iter()
            .map(|line| line_totals(line, currency))
            .flat_map(|line| [line.gross, line.discount, line.amount]);
        for amount in figures.into_iter().chain(lines) {
            prop_assert!(currency.fits(amount), "{} has more decimals than {}", amount, currency);
        }
    }

    #[test]
    fn optional_lines_never_change_the_total(case in case()) {
        let expected = valid(&case)?;
        let currency = case.currency;
        let totals = quote_totals(&expected.lines, &expected.charges, currency);
        let mut included = expected.lines.clone();
        included.retain(|line| !line.optional);
        let mut repriced = expected.lines.clone();
        for line in repriced.iter_mut().filter(|line| line.optional) {
            line.unit_price += Decimal::ONE;
            line.quantity.value *= Decimal::TWO;
        }
        prop_assert_eq!(quote_totals(&included, &expected.charges, currency), totals);
        prop_assert_eq!(quote_totals(&repriced, &expected.charges, currency), totals);
    }
}
