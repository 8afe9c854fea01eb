//! What the builder says to the host: the `draft` property it reads and the
//! `crm-quote-change` detail it sends.

use contract::ids::QuoteId;
use contract::incoterm::Incoterm;
use contract::money::Currency;
use contract::quantity::Unit;
use contract::quote::{LineKind, QuoteStatus};
use rust_decimal::Decimal;
use send_wrapper::SendWrapper;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::form::{Form, FormLine, Parsed};

/// The `crm-quote-change` event detail.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ChangeDetail {
    quote_id: QuoteId,
    status: QuoteStatus,
    currency: &'static str,
    incoterm: &'static str,
    named_place: String,
    lines: Vec<LineDetail>,
    total: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LineDetail {
    kind: LineKind,
    name: String,
    quantity: String,
    unit: Unit,
    unit_price: Option<String>,
    amount: Option<String>,
}

/// The detail of `crm-quote-change` for `form` as `parsed` reads it.
pub(super) fn change_detail(
    form: &Form,
    status: QuoteStatus,
    parsed: Option<&Parsed>,
) -> ChangeDetail {
    let figures =
        |index: usize| parsed.and_then(|parsed| parsed.lines.get(index).copied().flatten());
    ChangeDetail {
        quote_id: form.id,
        status,
        currency: form.currency.code(),
        incoterm: form.incoterm.code(),
        named_place: form.named_place.clone(),
        lines: form
            .lines
            .iter()
            .enumerate()
            .map(|(index, line)| LineDetail {
                kind: line.kind,
                name: line.name.clone(),
                quantity: line.quantity.trim().to_owned(),
                unit: line.unit,
                unit_price: figures(index).map(|_| line.price.trim().to_owned()),
                amount: figures(index).map(|figures| figures.amount.to_string()),
            })
            .collect(),
        total: parsed
            .and_then(|parsed| parsed.totals)
            .map(|totals| totals.total.to_string()),
    }
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
    /// Reads the host's `draft` property.
    pub(super) fn from_js(value: &SendWrapper<JsValue>) -> Result<DraftInput, String> {
        serde_wasm_bindgen::from_value(JsValue::clone(value)).map_err(|error| error.to_string())
    }

    /// Overwrites what the input gives, keeps the rest.
    pub(super) fn apply_to(self, form: &mut Form) {
        if let Some(currency) = self.currency {
            form.currency = currency;
        }
        if let Some(incoterm) = self.incoterm {
            form.incoterm = incoterm;
        }
        if let Some(place) = self.named_place {
            form.named_place = place;
        }
        if let Some(lines) = self.lines {
            form.lines = lines
                .into_iter()
                .map(|line| {
                    let key = form.take_key();
                    FormLine {
                        name: line.name,
                        quantity: line.quantity.normalize().to_string(),
                        unit: line.unit,
                        price: line
                            .unit_price
                            .map(|price| price.to_string())
                            .unwrap_or_default(),
                        ..FormLine::blank(key, LineKind::Product)
                    }
                })
                .collect();
        }
    }
}
