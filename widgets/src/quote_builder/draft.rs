//! The quote being drafted: plain data and the arithmetic on it, testable natively.

use contract::incoterm::Incoterm;
use contract::inquiry::InquirySummary;
use contract::money::{Currency, MAX_FACTOR, line_amount};
use contract::quantity::{Quantity, Unit};
use rust_decimal::Decimal;
use send_wrapper::SendWrapper;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// One line as the user edits it. The price stays the text the user typed, so a
/// half-typed or invalid price is never lost or rewritten.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct DraftLine {
    pub(super) name: String,
    pub(super) quantity: Quantity,
    pub(super) price_text: String,
}

/// Why a typed price cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PriceProblem {
    /// Nothing typed yet.
    Missing,
    /// Not a number, negative, or more decimals than the currency has.
    Invalid,
}

impl DraftLine {
    pub(super) fn from_inquiry(inquiry: &InquirySummary) -> DraftLine {
        DraftLine {
            name: inquiry
                .product_name
                .clone()
                .unwrap_or_else(|| inquiry.subject.clone()),
            quantity: inquiry.quantity.unwrap_or(Quantity {
                value: Decimal::ONE,
                unit: Unit::Piece,
            }),
            price_text: String::new(),
        }
    }

    /// The unit price, if the typed text is a valid price in `currency`.
    pub(super) fn unit_price(&self, currency: Currency) -> Result<Decimal, PriceProblem> {
        let text = self.price_text.trim();
        if text.is_empty() {
            return Err(PriceProblem::Missing);
        }
        match text.parse::<Decimal>() {
            Ok(price) if price >= Decimal::ZERO && price <= MAX_FACTOR && currency.fits(price) => {
                Ok(price)
            }
            _ => Err(PriceProblem::Invalid),
        }
    }

    /// The rounded amount of the line, when its price is valid.
    pub(super) fn amount(&self, currency: Currency) -> Option<Decimal> {
        self.unit_price(currency)
            .ok()
            .map(|price| line_amount(self.quantity.value, price, currency))
    }
}

/// The whole draft.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Draft {
    pub(super) currency: Currency,
    pub(super) incoterm: Incoterm,
    pub(super) named_place: String,
    pub(super) lines: Vec<DraftLine>,
}

impl Default for Draft {
    fn default() -> Draft {
        Draft {
            currency: Currency::USD,
            incoterm: Incoterm::FOB,
            named_place: String::new(),
            lines: Vec::new(),
        }
    }
}

impl Draft {
    /// The sum of the rounded line amounts; `None` while any price is missing or invalid.
    pub(super) fn total(&self) -> Option<Decimal> {
        self.lines
            .iter()
            .map(|line| line.amount(self.currency))
            .sum::<Option<Decimal>>()
    }

    /// The `crm-quote-change` event detail.
    pub(super) fn change_detail(&self) -> ChangeDetail {
        ChangeDetail {
            currency: self.currency.code(),
            incoterm: self.incoterm.code(),
            named_place: self.named_place.clone(),
            lines: self
                .lines
                .iter()
                .map(|line| LineDetail {
                    name: line.name.clone(),
                    quantity: line.quantity.value.to_string(),
                    unit: line.quantity.unit,
                    unit_price: line
                        .unit_price(self.currency)
                        .ok()
                        .map(|price| price.to_string()),
                    amount: line.amount(self.currency).map(|amount| amount.to_string()),
                })
                .collect(),
            total: self.total().map(|total| total.to_string()),
        }
    }

    /// Reads the host's `draft` property.
    pub(super) fn from_js(value: &SendWrapper<JsValue>) -> Result<DraftInput, String> {
        serde_wasm_bindgen::from_value(JsValue::clone(value)).map_err(|error| error.to_string())
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ChangeDetail {
    currency: &'static str,
    incoterm: &'static str,
    named_place: String,
    lines: Vec<LineDetail>,
    total: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LineDetail {
    name: String,
    quantity: String,
    unit: Unit,
    unit_price: Option<String>,
    amount: Option<String>,
}

/// The `draft` property as a host sets it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct DraftInput {
    currency: Option<Currency>,
    incoterm: Option<Incoterm>,
    named_place: Option<String>,
    lines: Option<Vec<LineInput>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct LineInput {
    name: String,
    quantity: Decimal,
    unit: Unit,
    unit_price: Option<Decimal>,
}

impl DraftInput {
    /// Overwrites what the input gives, keeps the rest.
    pub(super) fn apply_to(self, draft: &mut Draft) {
        if let Some(currency) = self.currency {
            draft.currency = currency;
        }
        if let Some(incoterm) = self.incoterm {
            draft.incoterm = incoterm;
        }
        if let Some(place) = self.named_place {
            draft.named_place = place;
        }
        if let Some(lines) = self.lines {
            draft.lines = lines
                .into_iter()
                .map(|line| DraftLine {
                    name: line.name,
                    quantity: Quantity {
                        value: line.quantity,
                        unit: line.unit,
                    },
                    price_text: line
                        .unit_price
                        .map(|price| price.to_string())
                        .unwrap_or_default(),
                })
                .collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(quantity: &str, price: &str) -> DraftLine {
        DraftLine {
            name: "LED panel 600×600 40 W".into(),
            quantity: Quantity {
                value: quantity.parse().unwrap(),
                unit: Unit::Piece,
            },
            price_text: price.into(),
        }
    }

    #[test]
    fn prices_are_checked_against_the_currency() {
        assert_eq!(
            line("1", "").unit_price(Currency::USD),
            Err(PriceProblem::Missing)
        );
        assert_eq!(
            line("1", "abc").unit_price(Currency::USD),
            Err(PriceProblem::Invalid)
        );
        assert_eq!(
            line("1", "-1").unit_price(Currency::USD),
            Err(PriceProblem::Invalid)
        );
        assert_eq!(
            line("1", "1.234").unit_price(Currency::USD),
            Err(PriceProblem::Invalid)
        );
        assert_eq!(
            line("1", "1.234").unit_price(Currency::KWD),
            Ok("1.234".parse().unwrap())
        );
        assert_eq!(
            line("1", "12.5").unit_price(Currency::JPY),
            Err(PriceProblem::Invalid)
        );
    }

    #[test]
    fn total_sums_rounded_lines_and_waits_for_every_price() {
        let mut draft = Draft {
            lines: vec![line("2000", "11.80"), line("3", "0.125")],
            currency: Currency::KWD,
            ..Draft::default()
        };
        assert_eq!(draft.total(), Some("23600.375".parse().unwrap()));
        draft.currency = Currency::USD;
        // 0.125 has three decimals: not a USD price, so no total.
        assert_eq!(draft.total(), None);
        draft.lines[1].price_text = "0.13".into();
        assert_eq!(draft.total(), Some("23600.39".parse().unwrap()));
    }
}
