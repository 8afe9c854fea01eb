//! The member's product catalog, as the quote builder prices from it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::ids::ProductId;
use crate::money::Currency;
use crate::problem::FieldError;
use crate::quantity::Unit;
use crate::validation::FieldErrors;
use crate::version::Version;

/// From `min_quantity` units on, each unit costs `unit_price`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriceBreak {
    /// The smallest quantity this price applies to.
    pub min_quantity: Decimal,
    /// The price of one unit, in the product's currency.
    pub unit_price: Decimal,
}

/// How the product is packed for export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Packaging {
    /// Units in one export carton.
    pub units_per_carton: u32,
    /// Gross weight of a full carton, kilograms.
    pub carton_weight_kg: Decimal,
    /// Volume of one carton, cubic meters.
    pub carton_cbm: Decimal,
}

/// A product of the member's catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Product {
    /// The product's id.
    pub id: ProductId,
    /// The member's stock-keeping unit.
    pub sku: String,
    /// Model number, as printed on the product.
    pub model_number: Option<String>,
    /// Name.
    pub name: String,
    /// Specification, plain text.
    pub description: String,
    /// Category, e.g. "LED panel lights".
    pub category: String,
    /// Unit of sale.
    pub unit: Unit,
    /// Minimum order quantity.
    pub moq: Decimal,
    /// Currency of the price breaks.
    pub currency: Currency,
    /// Price breaks by ascending `min_quantity`; the first applies from the MOQ.
    pub price_breaks: Vec<PriceBreak>,
    /// Harmonized System code, e.g. "9405.42".
    pub hs_code: Option<String>,
    /// Country of origin.
    pub origin: CountryCode,
    /// Production lead time after deposit, days.
    pub lead_time_days: Option<u32>,
    /// Export packing.
    pub packaging: Option<Packaging>,
    /// Whether it can still be quoted.
    pub active: bool,
    /// Changes with every update; send it back in `If-Match`.
    pub version: Version,
}

impl Product {
    /// The unit price for `quantity`: the highest break not above it; `None` below
    /// the first break.
    pub fn unit_price_for(&self, quantity: Decimal) -> Option<Decimal> {
        self.price_breaks
            .iter()
            .rev()
            .find(|price_break| price_break.min_quantity <= quantity)
            .map(|price_break| price_break.unit_price)
    }

    /// Whether `quantity` is below the minimum order quantity.
    pub fn below_moq(&self, quantity: Decimal) -> bool {
        quantity < self.moq
    }
}

/// A page of products.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductPage {
    /// The products on this page, by name.
    pub items: Vec<Product>,
    /// Pass as `cursor` for the next page; `None` on the last page.
    pub next_cursor: Option<String>,
    /// How many match in all.
    pub total: u64,
}

/// `POST /products` and `PUT /products/{id}` (with `If-Match`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProductInput {
    /// SKU, unique within the member.
    pub sku: String,
    /// Model number.
    #[serde(default)]
    pub model_number: Option<String>,
    /// Name.
    pub name: String,
    /// Specification.
    #[serde(default)]
    pub description: String,
    /// Category.
    pub category: String,
    /// Unit of sale.
    pub unit: Unit,
    /// Minimum order quantity.
    pub moq: Decimal,
    /// Currency of the price breaks.
    pub currency: Currency,
    /// Price breaks.
    pub price_breaks: Vec<PriceBreak>,
    /// HS code.
    #[serde(default)]
    pub hs_code: Option<String>,
    /// Country of origin.
    pub origin: CountryCode,
    /// Lead time, days.
    #[serde(default)]
    pub lead_time_days: Option<u32>,
    /// Export packing.
    #[serde(default)]
    pub packaging: Option<Packaging>,
    /// Whether it can be quoted.
    #[serde(default = "active_by_default")]
    pub active: bool,
}

fn active_by_default() -> bool {
    true
}

/// Whether `code` looks like an HS code: 6 to 10 digits, optionally dotted (9405.42).
pub fn is_hs_code(code: &str) -> bool {
    let digits = code.chars().filter(char::is_ascii_digit).count();
    (6..=10).contains(&digits) && code.chars().all(|c| c.is_ascii_digit() || c == '.')
}

impl ProductInput {
    /// Checks the product.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = FieldErrors::new();
        errors.check_text(&self.sku, "/sku", 1, 64);
        errors.check_text(&self.name, "/name", 1, 300);
        errors.check_text(&self.category, "/category", 1, 100);
        errors.check(
            self.description.chars().count() <= 10_000,
            "/description",
            "must have at most 10000 characters",
        );
        errors.check(self.moq > Decimal::ZERO, "/moq", "must be more than zero");
        errors.check(
            !self.price_breaks.is_empty(),
            "/price_breaks",
            "must have at least one price break",
        );
        for (index, price_break) in self.price_breaks.iter().enumerate() {
            let pointer = ["/price_breaks/", &index.to_string()].concat();
            errors.check(
                price_break.unit_price >= Decimal::ZERO,
                [&pointer, "/unit_price"].concat(),
                "must not be negative",
            );
            errors.check(
                price_break.min_quantity > Decimal::ZERO,
                [&pointer, "/min_quantity"].concat(),
                "must be more than zero",
            );
            if index > 0 {
                errors.check(
                    price_break.min_quantity > self.price_breaks[index - 1].min_quantity,
                    [&pointer, "/min_quantity"].concat(),
                    "must be above the previous break's",
                );
            }
        }
        if let Some(code) = &self.hs_code {
            errors.check(
                is_hs_code(code),
                "/hs_code",
                "must be 6 to 10 digits, optionally dotted, e.g. 9405.42",
            );
        }
        errors.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decimal(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn the_highest_applicable_price_break_wins() {
        let product = Product {
            id: ProductId(uuid::Uuid::nil()),
            sku: "BW-P6060-40".into(),
            model_number: None,
            name: "LED panel 600×600 40 W".into(),
            description: String::new(),
            category: "LED panel lights".into(),
            unit: Unit::Piece,
            moq: decimal("500"),
            currency: Currency::USD,
            price_breaks: vec![
                PriceBreak {
                    min_quantity: decimal("500"),
                    unit_price: decimal("12.60"),
                },
                PriceBreak {
                    min_quantity: decimal("1000"),
                    unit_price: decimal("11.80"),
                },
                PriceBreak {
                    min_quantity: decimal("5000"),
                    unit_price: decimal("10.90"),
                },
            ],
            hs_code: Some("9405.42".into()),
            origin: "CN".parse().unwrap(),
            lead_time_days: Some(25),
            packaging: None,
            active: true,
            version: Version::FIRST,
        };
        assert_eq!(product.unit_price_for(decimal("499")), None);
        assert!(product.below_moq(decimal("499")));
        assert_eq!(
            product.unit_price_for(decimal("500")),
            Some(decimal("12.60"))
        );
        assert_eq!(
            product.unit_price_for(decimal("2000")),
            Some(decimal("11.80"))
        );
        assert_eq!(
            product.unit_price_for(decimal("5000")),
            Some(decimal("10.90"))
        );
    }

    #[test]
    fn hs_codes_are_digits_with_optional_dots() {
        assert!(is_hs_code("9405.42") && is_hs_code("940542") && is_hs_code("9405.42.00.90"));
        assert!(!is_hs_code("94") && !is_hs_code("HS9405") && !is_hs_code(""));
    }
}
