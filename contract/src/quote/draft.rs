//! What a client sends to create or replace a draft (`POST /quotes`,
//! `PUT /quotes/{id}`), and the rules it must meet. The quote builder runs the
//! same [`QuoteDraft::validate`] as the server, so its field messages match.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::Date;

use super::totals::{line_totals, quote_totals};
use super::{Discount, LineKind, PaymentMethod, QuoteCharges, QuoteTerms};
use crate::country::CountryCode;
use crate::ids::{ContactId, CustomerId, InquiryId, ProductId, QuoteId};
use crate::money::{Currency, MAX_AMOUNT, MAX_FACTOR};
use crate::problem::FieldError;
use crate::product::is_hs_code;
use crate::quantity::Quantity;
use crate::validation::FieldErrors;

/// A line as the client sends it; the server computes its figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LineInput {
    /// Section heading.
    #[serde(default)]
    pub section: Option<String>,
    /// What the line is for.
    pub kind: LineKind,
    /// Catalog product.
    #[serde(default)]
    pub product_id: Option<ProductId>,
    /// SKU or model number.
    #[serde(default)]
    pub sku: Option<String>,
    /// Name.
    pub name: String,
    /// Specification.
    #[serde(default)]
    pub description: String,
    /// HS code.
    #[serde(default)]
    pub hs_code: Option<String>,
    /// Country of origin.
    #[serde(default)]
    pub origin: Option<CountryCode>,
    /// How much.
    pub quantity: Quantity,
    /// Price of one unit, with at most the currency's minor units.
    pub unit_price: Decimal,
    /// Discount.
    #[serde(default)]
    pub discount: Option<Discount>,
    /// Offered as an option, not in the total.
    #[serde(default)]
    pub optional: bool,
}

/// `POST /quotes` and `PUT /quotes/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct QuoteDraft {
    /// On `POST /quotes`, the id the client chose for the new draft (a fresh
    /// random UUID), so that an offline client can keep editing the quote it
    /// created before the server answered. The server uses it, and answers 409
    /// when a quote with that id already exists (the outbox's `Idempotency-Key`
    /// already makes a retried POST safe). Absent, the server chooses one.
    ///
    /// On `PUT /quotes/{id}` it must be absent or equal to the path's id (else
    /// 422 at `/id`).
    #[serde(default)]
    pub id: Option<QuoteId>,
    /// The buyer company.
    #[serde(default)]
    pub customer_id: Option<CustomerId>,
    /// The buyer's contact.
    #[serde(default)]
    pub contact_id: Option<ContactId>,
    /// The inquiry it answers.
    #[serde(default)]
    pub inquiry_id: Option<InquiryId>,
    /// Terms.
    pub terms: QuoteTerms,
    /// Lines in display order.
    pub lines: Vec<LineInput>,
    /// Charges and discount.
    #[serde(default)]
    pub charges: QuoteCharges,
    /// The total the client computed; when given, the server rejects the draft if
    /// its own total differs (the arithmetic must never drift).
    #[serde(default)]
    pub expected_total: Option<Decimal>,
}

/// The most lines a quote can have.
pub const MAX_LINES: usize = 500;

fn check_percent(errors: &mut FieldErrors, value: Decimal, field: &str) {
    errors.check(
        (Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(&value),
        field,
        "must be a percentage from 0 to 100",
    );
}

fn check_amount(errors: &mut FieldErrors, value: Decimal, field: &str, currency: Currency) {
    if value < Decimal::ZERO {
        errors.add(field, "must not be negative");
    } else if !currency.fits(value) {
        errors.add(
            field,
            format!(
                "must have at most {} decimals in {}",
                currency.minor_units(),
                currency.code()
            ),
        );
    }
}

fn check_discount(
    errors: &mut FieldErrors,
    discount: Option<Discount>,
    base: Decimal,
    field: &str,
    currency: Currency,
) {
    match discount {
        Some(Discount::Percent(percent)) => {
            check_percent(errors, percent, &[field, "/percent"].concat())
        }
        Some(Discount::Amount(amount)) => {
            let pointer = [field, "/amount"].concat();
            check_amount(errors, amount, &pointer, currency);
            errors.check(
                amount <= base,
                pointer,
                "must not exceed the amount it discounts",
            );
        }
        None => {}
    }
}

fn check_at_most(errors: &mut FieldErrors, value: Decimal, limit: Decimal, field: &str) {
    errors.check(
        value.abs() <= limit,
        field,
        format!("must be at most {limit}"),
    );
}

fn check_discount_size(errors: &mut FieldErrors, discount: Option<Discount>, field: &str) {
    if let Some(Discount::Amount(amount)) = discount {
        check_at_most(errors, amount, MAX_AMOUNT, &[field, "/amount"].concat());
    }
}

impl QuoteDraft {
    /// Sizes no arithmetic is attempted on: too many lines, or figures beyond
    /// [`MAX_FACTOR`] and [`MAX_AMOUNT`].
    fn check_magnitudes(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = FieldErrors::new();
        errors.check(
            self.lines.len() <= MAX_LINES,
            "/lines",
            format!("must have at most {MAX_LINES} lines"),
        );
        for (index, line) in self.lines.iter().enumerate() {
            let field = |name: &str| ["/lines/", &index.to_string(), "/", name].concat();
            check_at_most(
                &mut errors,
                line.quantity.value,
                MAX_FACTOR,
                &field("quantity/value"),
            );
            check_at_most(
                &mut errors,
                line.unit_price,
                MAX_FACTOR,
                &field("unit_price"),
            );
            check_discount_size(&mut errors, line.discount, &field("discount"));
        }
        let charges = &self.charges;
        check_at_most(
            &mut errors,
            charges.shipping,
            MAX_AMOUNT,
            "/charges/shipping",
        );
        check_at_most(
            &mut errors,
            charges.insurance,
            MAX_AMOUNT,
            "/charges/insurance",
        );
        check_discount_size(&mut errors, charges.discount, "/charges/discount");
        errors.finish()
    }

    /// Checks the draft as of `today` (the validity date must not be in the past).
    /// Figures out of range are reported before any arithmetic is attempted.
    pub fn validate(&self, today: Date) -> Result<(), Vec<FieldError>> {
        self.check_magnitudes()?;
        let mut errors = FieldErrors::new();
        let terms = &self.terms;
        let currency = terms.currency;
        errors.check_text(&terms.named_place, "/terms/named_place", 1, 200);
        errors.check(
            terms.valid_until >= today,
            "/terms/valid_until",
            "must not be in the past",
        );
        if let Some(deposit) = terms.payment.deposit_percent {
            check_percent(&mut errors, deposit, "/terms/payment/deposit_percent");
        }
        errors.check(
            terms.payment.method != PaymentMethod::OpenAccount || terms.payment.net_days.is_some(),
            "/terms/payment/net_days",
            "is required for open account",
        );
        errors.check(
            terms.buyer_notes.chars().count() <= 5_000,
            "/terms/buyer_notes",
            "must have at most 5000 characters",
        );
        errors.check(
            terms.internal_notes.chars().count() <= 5_000,
            "/terms/internal_notes",
            "must have at most 5000 characters",
        );

        errors.check(
            !self.lines.is_empty(),
            "/lines",
            "must have at least one line",
        );
        errors.check(
            self.lines.len() <= MAX_LINES,
            "/lines",
            format!("must have at most {MAX_LINES} lines"),
        );
        for (index, line) in self.lines.iter().enumerate() {
            let pointer = ["/lines/", &index.to_string()].concat();
            let field = |name: &str| [pointer.as_str(), "/", name].concat();
            errors.check_text(&line.name, &field("name"), 1, 300);
            errors.check(
                line.quantity.value > Decimal::ZERO,
                field("quantity/value"),
                "must be more than zero",
            );
            check_amount(&mut errors, line.unit_price, &field("unit_price"), currency);
            let gross = line_totals(
                &LineInput {
                    discount: None,
                    ..line.clone()
                },
                currency,
            )
            .gross;
            check_discount(
                &mut errors,
                line.discount,
                gross,
                &field("discount"),
                currency,
            );
            if let Some(code) = &line.hs_code {
                errors.check(
                    is_hs_code(code),
                    field("hs_code"),
                    "must be 6 to 10 digits, optionally dotted, e.g. 9405.42",
                );
            }
        }

        let charges = &self.charges;
        check_amount(&mut errors, charges.shipping, "/charges/shipping", currency);
        check_amount(
            &mut errors,
            charges.insurance,
            "/charges/insurance",
            currency,
        );
        check_percent(&mut errors, charges.tax_percent, "/charges/tax_percent");
        let subtotal = quote_totals(&self.lines, &QuoteCharges::default(), currency).subtotal;
        check_discount(
            &mut errors,
            charges.discount,
            subtotal,
            "/charges/discount",
            currency,
        );
        errors.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incoterm::Incoterm;
    use crate::quantity::Unit;
    use crate::quote::PaymentTerms;
    use time::macros::date;

    fn draft() -> QuoteDraft {
        QuoteDraft {
            id: None,
            customer_id: None,
            contact_id: None,
            inquiry_id: None,
            terms: QuoteTerms {
                currency: Currency::USD,
                exchange_rate_note: None,
                incoterm: Incoterm::FOB,
                named_place: "Ningbo".into(),
                port_of_loading: Some("Ningbo".into()),
                port_of_destination: Some("Hamburg".into()),
                shipping_method: None,
                lead_time_days: Some(25),
                payment: PaymentTerms {
                    method: PaymentMethod::TelegraphicTransfer,
                    deposit_percent: Some("30".parse().unwrap()),
                    net_days: None,
                    balance_terms: Some("against copy of B/L".into()),
                },
                valid_until: date!(2026 - 12 - 22),
                buyer_notes: String::new(),
                internal_notes: String::new(),
            },
            lines: vec![LineInput {
                section: None,
                kind: LineKind::Product,
                product_id: None,
                sku: None,
                name: "LED panel 600×600 40 W".into(),
                description: String::new(),
                hs_code: Some("9405.42".into()),
                origin: None,
                quantity: Quantity {
                    value: "2000".parse().unwrap(),
                    unit: Unit::Piece,
                },
                unit_price: "11.80".parse().unwrap(),
                discount: None,
                optional: false,
            }],
            charges: QuoteCharges::default(),
            expected_total: None,
        }
    }

    #[test]
    fn a_sound_draft_passes() {
        assert_eq!(draft().validate(date!(2026 - 11 - 22)), Ok(()));
    }

    #[test]
    fn the_issue_s_validation_cases_are_named_per_field() {
        let mut bad = draft();
        bad.terms.named_place = " ".into();
        bad.terms.valid_until = date!(2026 - 11 - 21);
        bad.lines[0].quantity.value = "-5".parse().unwrap();
        bad.lines[0].unit_price = "11.805".parse().unwrap();
        let fields: Vec<String> = bad
            .validate(date!(2026 - 11 - 22))
            .unwrap_err()
            .into_iter()
            .map(|error| error.field)
            .collect();
        assert_eq!(
            fields,
            [
                "/terms/named_place",
                "/terms/valid_until",
                "/lines/0/quantity/value",
                "/lines/0/unit_price"
            ]
        );
        let mut empty = draft();
        empty.lines.clear();
        assert_eq!(
            empty.validate(date!(2026 - 11 - 22)).unwrap_err()[0].field,
            "/lines"
        );
    }

    #[test]
    fn figures_beyond_the_limits_are_named_before_any_arithmetic() {
        let mut huge = draft();
        huge.lines[0].quantity.value = "79228162514264337593543950335".parse().unwrap();
        huge.lines[0].unit_price = "1000000000001".parse().unwrap();
        huge.charges.shipping = "1000000000000001".parse().unwrap();
        let fields: Vec<String> = huge
            .validate(date!(2026 - 11 - 22))
            .unwrap_err()
            .into_iter()
            .map(|error| error.field)
            .collect();
        assert_eq!(
            fields,
            [
                "/lines/0/quantity/value",
                "/lines/0/unit_price",
                "/charges/shipping"
            ]
        );
    }

    #[test]
    fn discounts_cannot_exceed_what_they_discount() {
        let mut bad = draft();
        bad.lines[0].discount = Some(Discount::Amount("23600.01".parse().unwrap()));
        bad.charges.discount = Some(Discount::Percent("101".parse().unwrap()));
        let fields: Vec<String> = bad
            .validate(date!(2026 - 11 - 22))
            .unwrap_err()
            .into_iter()
            .map(|error| error.field)
            .collect();
        assert_eq!(
            fields,
            ["/lines/0/discount/amount", "/charges/discount/percent"]
        );
    }
}
