//! Money: currencies with their minor units, and the rounding rule every quote
//! total follows. Exact decimals only; no floating point anywhere.
//!
//! Rule: each line amount is `quantity × unit price`, rounded to the currency's
//! minor unit, half away from zero; totals are sums of rounded lines.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// An ISO 4217 currency the CRM quotes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Currency {
    /// US dollar.
    USD,
    /// Euro.
    EUR,
    /// Pound sterling.
    GBP,
    /// Chinese yuan.
    CNY,
    /// Japanese yen (no minor unit).
    JPY,
    /// UAE dirham.
    AED,
    /// Kuwaiti dinar (three decimals).
    KWD,
    /// Indian rupee.
    INR,
    /// Brazilian real.
    BRL,
    /// Australian dollar.
    AUD,
}

impl Currency {
    /// Every currency, in the order offered to users.
    pub const ALL: [Currency; 10] = [
        Currency::USD,
        Currency::EUR,
        Currency::GBP,
        Currency::CNY,
        Currency::JPY,
        Currency::AED,
        Currency::KWD,
        Currency::INR,
        Currency::BRL,
        Currency::AUD,
    ];

    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::USD => "USD",
            Currency::EUR => "EUR",
            Currency::GBP => "GBP",
            Currency::CNY => "CNY",
            Currency::JPY => "JPY",
            Currency::AED => "AED",
            Currency::KWD => "KWD",
            Currency::INR => "INR",
            Currency::BRL => "BRL",
            Currency::AUD => "AUD",
        }
    }

    /// Digits after the decimal point: JPY 0, USD 2, KWD 3.
    pub fn minor_units(self) -> u32 {
        match self {
            Currency::JPY => 0,
            Currency::KWD => 3,
            _ => 2,
        }
    }

    /// `amount` rounded to this currency's minor unit, half away from zero.
    pub fn round(self, amount: Decimal) -> Decimal {
        amount.round_dp_with_strategy(self.minor_units(), RoundingStrategy::MidpointAwayFromZero)
    }

    /// Whether `amount` has no more decimals than the currency allows.
    pub fn fits(self, amount: Decimal) -> bool {
        amount.normalize().scale() <= self.minor_units()
    }
}

/// Why a text is not a currency we quote in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a supported ISO 4217 currency code")]
pub struct InvalidCurrency(pub String);

impl FromStr for Currency {
    type Err = InvalidCurrency;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Currency::ALL
            .into_iter()
            .find(|currency| currency.code().eq_ignore_ascii_case(text))
            .ok_or_else(|| InvalidCurrency(text.to_owned()))
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.code())
    }
}

/// An exact amount of money in a currency, e.g. `{ "amount": "11.80", "currency": "EUR" }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Money {
    /// The amount, a decimal string with at most the currency's minor units.
    pub amount: Decimal,
    /// ISO 4217 currency.
    pub currency: Currency,
}

/// The largest quantity or unit price a quote accepts (10^12). Far beyond any
/// real trade, it keeps the exact arithmetic of every quote within `Decimal`'s range.
pub const MAX_FACTOR: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

/// The largest fixed amount a quote accepts (10^15): shipping, insurance, a
/// discount amount.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// `a × b`, saturating instead of overflowing (only inputs beyond the validation
/// limits get there; the point is that arithmetic never panics).
pub fn saturating_mul(a: Decimal, b: Decimal) -> Decimal {
    a.checked_mul(b)
        .unwrap_or(if a.is_sign_negative() != b.is_sign_negative() {
            Decimal::MIN
        } else {
            Decimal::MAX
        })
}

/// `a + b`, saturating instead of overflowing.
pub fn saturating_add(a: Decimal, b: Decimal) -> Decimal {
    a.checked_add(b).unwrap_or(if a.is_sign_negative() {
        Decimal::MIN
    } else {
        Decimal::MAX
    })
}

/// `a − b`, saturating instead of overflowing.
pub fn saturating_sub(a: Decimal, b: Decimal) -> Decimal {
    saturating_add(a, -b)
}

/// The amount of a line: `quantity × unit_price`, rounded per [the module's rule](self).
pub fn line_amount(quantity: Decimal, unit_price: Decimal, currency: Currency) -> Decimal {
    currency.round(saturating_mul(quantity, unit_price))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decimal(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn minor_units_follow_iso_4217() {
        assert_eq!(Currency::JPY.minor_units(), 0);
        assert_eq!(Currency::USD.minor_units(), 2);
        assert_eq!(Currency::KWD.minor_units(), 3);
    }

    #[test]
    fn line_amounts_round_half_away_from_zero_per_currency() {
        assert_eq!(
            line_amount(decimal("3"), decimal("0.125"), Currency::USD),
            decimal("0.38")
        );
        assert_eq!(
            line_amount(decimal("3"), decimal("0.125"), Currency::KWD),
            decimal("0.375")
        );
        assert_eq!(
            line_amount(decimal("1"), decimal("99.5"), Currency::JPY),
            decimal("100")
        );
        assert_eq!(
            line_amount(decimal("2000"), decimal("11.80"), Currency::EUR),
            decimal("23600.00")
        );
        assert_eq!(Currency::USD.round(decimal("-0.005")), decimal("-0.01"));
    }

    #[test]
    fn fits_rejects_more_decimals_than_the_currency_has() {
        assert!(Currency::USD.fits(decimal("11.80")));
        assert!(Currency::USD.fits(decimal("11.800")));
        assert!(!Currency::USD.fits(decimal("11.805")));
        assert!(!Currency::JPY.fits(decimal("1.5")));
        assert!(Currency::KWD.fits(decimal("1.125")));
    }

    #[test]
    fn limits_are_the_documented_powers_of_ten_and_arithmetic_never_panics() {
        assert_eq!(MAX_FACTOR, decimal("1000000000000"));
        assert_eq!(MAX_AMOUNT, decimal("1000000000000000"));
        let huge = decimal("79228162514264337593543950335");
        assert_eq!(line_amount(huge, huge, Currency::USD), Decimal::MAX);
        assert_eq!(saturating_mul(huge, -huge), Decimal::MIN);
        assert_eq!(saturating_add(huge, huge), Decimal::MAX);
        assert_eq!(saturating_sub(-huge, huge), Decimal::MIN);
    }

    #[test]
    fn codes_parse_case_insensitively() {
        assert_eq!("eur".parse::<Currency>(), Ok(Currency::EUR));
        assert!("XYZ".parse::<Currency>().is_err());
    }
}
