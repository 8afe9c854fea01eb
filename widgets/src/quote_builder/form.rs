//! The quote as the user edits it: plain data, testable natively. Every figure
//! stays the text the user typed, so a half-typed or invalid value is never lost
//! or rewritten; [`Form::parse`] turns the texts into the contract's
//! [`QuoteDraft`] and names each problem at the same JSON pointer the server
//! would, running the contract's own [`QuoteDraft::validate`].

use contract::ids::{ContactId, CustomerId, InquiryId, ProductId, QuoteId};
use contract::incoterm::Incoterm;
use contract::inquiry::InquirySummary;
use contract::money::Currency;
use contract::problem::FieldError;
use contract::product::Product;
use contract::quantity::Unit;
use contract::quote::{
    Discount, LineKind, LineTotals, PaymentMethod, Quote, QuoteDraft, QuoteTotals, ShippingMethod,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::Date;

/// The contract's words for a figure that is not a number (shown translated).
pub(crate) const NOT_A_NUMBER: &str = "must be a number";
/// … for a count of days that is not a whole number.
pub(crate) const NOT_WHOLE: &str = "must be a whole number";
/// … for a country that is not a two-letter code.
use crate::customer_card::COUNTRY_MESSAGE as NOT_A_COUNTRY;

/// How a discount is typed: a percentage or an amount, and the number.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DiscountText {
    /// `true`: a fixed amount; `false`: a percentage.
    pub(crate) amount: bool,
    pub(crate) text: String,
}

impl DiscountText {
    fn of(discount: Option<Discount>) -> DiscountText {
        match discount {
            None => DiscountText::default(),
            Some(Discount::Percent(percent)) => DiscountText {
                amount: false,
                text: percent.normalize().to_string(),
            },
            Some(Discount::Amount(amount)) => DiscountText {
                amount: true,
                text: amount.to_string(),
            },
        }
    }

    fn parse(&self) -> Result<Option<Discount>, &'static str> {
        Ok(number(&self.text)?.map(|value| {
            if self.amount {
                Discount::Amount(value)
            } else {
                Discount::Percent(value)
            }
        }))
    }
}

/// One line as the user edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FormLine {
    /// Stable while the line lives (reordering keeps it), for the view.
    pub(crate) key: u64,
    pub(crate) section: String,
    pub(crate) kind: LineKind,
    pub(crate) product_id: Option<ProductId>,
    pub(crate) sku: String,
    pub(crate) name: String,
    pub(crate) description: String,
    pub(crate) hs_code: String,
    pub(crate) origin: String,
    pub(crate) quantity: String,
    pub(crate) unit: Unit,
    pub(crate) price: String,
    pub(crate) discount: DiscountText,
    pub(crate) optional: bool,
}

impl FormLine {
    /// An empty line of `kind` (a sample is free until priced; freight is one lot).
    pub(crate) fn blank(key: u64, kind: LineKind) -> FormLine {
        let (quantity, unit, price) = match kind {
            LineKind::Sample => ("1", Unit::Piece, "0"),
            LineKind::Freight | LineKind::Tooling | LineKind::Service => ("1", Unit::Set, ""),
            LineKind::Product => ("1", Unit::Piece, ""),
        };
        FormLine {
            key,
            section: String::new(),
            kind,
            product_id: None,
            sku: String::new(),
            name: String::new(),
            description: String::new(),
            hs_code: String::new(),
            origin: String::new(),
            quantity: quantity.to_owned(),
            unit,
            price: price.to_owned(),
            discount: DiscountText::default(),
            optional: false,
        }
    }

    /// A line of catalog `product` for `quantity`, priced by its quantity breaks
    /// when the product is priced in the quote's `currency`.
    pub(crate) fn of_product(
        key: u64,
        product: &Product,
        quantity: Decimal,
        currency: Currency,
    ) -> FormLine {
        let mut line = FormLine::blank(key, LineKind::Product);
        line.product_id = Some(product.id);
        line.sku.clone_from(&product.sku);
        line.name.clone_from(&product.name);
        line.hs_code = product.hs_code.clone().unwrap_or_default();
        line.origin = product.origin.as_str().to_owned();
        line.unit = product.unit;
        line.quantity = quantity.normalize().to_string();
        line.reprice(product, currency);
        line
    }

    /// Takes the price break for the line's quantity (when the product is
    /// priced in `currency` and the quantity is a number).
    pub(crate) fn reprice(&mut self, product: &Product, currency: Currency) {
        if product.currency != currency {
            return;
        }
        if let Ok(Some(quantity)) = number(&self.quantity)
            && let Some(price) = product.unit_price_for(quantity.max(product.moq))
        {
            self.price = currency.round(price).to_string();
        }
    }

    /// Whether the price is empty or one of `product`'s break prices (not
    /// one the user typed).
    pub(crate) fn priced_by_breaks(&self, product: &Product, currency: Currency) -> bool {
        let price = self.price.trim();
        price.is_empty()
            || product
                .price_breaks
                .iter()
                .any(|price_break| currency.round(price_break.unit_price).to_string() == price)
    }

    fn of_quote(key: u64, line: &contract::quote::QuoteLine) -> FormLine {
        FormLine {
            key,
            section: line.section.clone().unwrap_or_default(),
            kind: line.kind,
            product_id: line.product_id,
            sku: line.sku.clone().unwrap_or_default(),
            name: line.name.clone(),
            description: line.description.clone(),
            hs_code: line.hs_code.clone().unwrap_or_default(),
            origin: line
                .origin
                .map(|origin| origin.as_str().to_owned())
                .unwrap_or_default(),
            quantity: line.quantity.value.normalize().to_string(),
            unit: line.quantity.unit,
            price: line.unit_price.to_string(),
            discount: DiscountText::of(line.discount),
            optional: line.optional,
        }
    }
}

/// The whole quote as the user edits it (also as kept in the browser between
/// visits, until it reaches the outbox).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Form {
    /// The revision being edited (chosen by the widget for a new quote).
    pub(crate) id: QuoteId,
    /// Whether the server has been asked to create it (later saves replace it).
    pub(crate) created: bool,
    pub(crate) customer_id: Option<CustomerId>,
    pub(crate) contact_id: Option<ContactId>,
    pub(crate) inquiry_id: Option<InquiryId>,
    pub(crate) currency: Currency,
    pub(crate) exchange_rate_note: String,
    pub(crate) incoterm: Incoterm,
    pub(crate) named_place: String,
    pub(crate) port_of_loading: String,
    pub(crate) port_of_destination: String,
    pub(crate) shipping_method: Option<ShippingMethod>,
    pub(crate) lead_time: String,
    pub(crate) payment_method: PaymentMethod,
    pub(crate) deposit: String,
    pub(crate) net_days: String,
    pub(crate) balance_terms: String,
    /// `YYYY-MM-DD`, as a date input gives it.
    pub(crate) valid_until: String,
    pub(crate) shipping: String,
    pub(crate) insurance: String,
    pub(crate) tax: String,
    pub(crate) discount: DiscountText,
    pub(crate) buyer_notes: String,
    pub(crate) internal_notes: String,
    pub(crate) lines: Vec<FormLine>,
    /// The next line key.
    pub(crate) next_key: u64,
}

/// What [`Form::parse`] makes of the texts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Parsed {
    /// The draft, when every text is a value the contract accepts.
    pub(crate) draft: Option<QuoteDraft>,
    /// Every problem, by JSON pointer.
    pub(crate) errors: Vec<FieldError>,
    /// Each line's figures, when its texts are numbers.
    pub(crate) lines: Vec<Option<LineTotals>>,
    /// The quote's figures, when every line's are known.
    pub(crate) totals: Option<QuoteTotals>,
}

impl Form {
    /// A new quote in `currency`, valid for 30 days from `today`, FOB, 30 % deposit by T/T.
    pub(crate) fn new(id: QuoteId, currency: Currency, today: Date) -> Form {
        Form {
            id,
            created: false,
            customer_id: None,
            contact_id: None,
            inquiry_id: None,
            currency,
            exchange_rate_note: String::new(),
            incoterm: Incoterm::FOB,
            named_place: String::new(),
            port_of_loading: String::new(),
            port_of_destination: String::new(),
            shipping_method: Some(ShippingMethod::Sea),
            lead_time: String::new(),
            payment_method: PaymentMethod::TelegraphicTransfer,
            deposit: "30".to_owned(),
            net_days: String::new(),
            balance_terms: String::new(),
            valid_until: iso_date(today.saturating_add(time::Duration::days(30))),
            shipping: String::new(),
            insurance: String::new(),
            tax: String::new(),
            discount: DiscountText::default(),
            buyer_notes: String::new(),
            internal_notes: String::new(),
            lines: Vec::new(),
            next_key: 1,
        }
    }

    /// A new quote answering `inquiry`: its buyer, and a line for its product
    /// and quantity (from the catalog when `product` is the one asked about).
    pub(crate) fn seed_from_inquiry(
        &mut self,
        inquiry: &InquirySummary,
        product: Option<&Product>,
    ) {
        self.inquiry_id = Some(inquiry.id);
        self.customer_id = inquiry.customer_id;
        // Quoted in the currency the product is priced in, so its breaks apply.
        if let Some(product) = product {
            self.currency = product.currency;
        }
        let quantity = inquiry.quantity.map(|quantity| quantity.value);
        let key = self.take_key();
        let line = match product {
            Some(product) => {
                FormLine::of_product(key, product, quantity.unwrap_or(product.moq), self.currency)
            }
            None => {
                let mut line = FormLine::blank(key, LineKind::Product);
                line.name = inquiry
                    .product_name
                    .clone()
                    .unwrap_or_else(|| inquiry.subject.clone());
                if let Some(quantity) = inquiry.quantity {
                    line.quantity = quantity.value.normalize().to_string();
                    line.unit = quantity.unit;
                }
                line
            }
        };
        self.lines = vec![line];
    }

    /// The form of a revision the server has.
    pub(crate) fn of_quote(quote: &Quote) -> Form {
        let terms = &quote.terms;
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let lines: Vec<FormLine> = quote
            .lines
            .iter()
            .zip(1..)
            .map(|(line, key)| FormLine::of_quote(key, line))
            .collect();
        Form {
            id: quote.id,
            created: true,
            customer_id: quote.customer_id,
            contact_id: quote.contact_id,
            inquiry_id: quote.inquiry_id,
            currency: terms.currency,
            exchange_rate_note: text(&terms.exchange_rate_note),
            incoterm: terms.incoterm,
            named_place: terms.named_place.clone(),
            port_of_loading: text(&terms.port_of_loading),
            port_of_destination: text(&terms.port_of_destination),
            shipping_method: terms.shipping_method,
            lead_time: terms
                .lead_time_days
                .map(|days| days.to_string())
                .unwrap_or_default(),
            payment_method: terms.payment.method,
            deposit: terms
                .payment
                .deposit_percent
                .map(|deposit| deposit.normalize().to_string())
                .unwrap_or_default(),
            net_days: terms
                .payment
                .net_days
                .map(|days| days.to_string())
                .unwrap_or_default(),
            balance_terms: text(&terms.payment.balance_terms),
            valid_until: iso_date(terms.valid_until),
            shipping: amount_text(quote.charges.shipping),
            insurance: amount_text(quote.charges.insurance),
            tax: amount_text(quote.charges.tax_percent.normalize()),
            discount: DiscountText::of(quote.charges.discount),
            buyer_notes: terms.buyer_notes.clone(),
            internal_notes: terms.internal_notes.clone(),
            next_key: lines.len() as u64 + 1,
            lines,
        }
    }

    /// A key for a new line.
    pub(crate) fn take_key(&mut self) -> u64 {
        let key = self.next_key;
        self.next_key += 1;
        key
    }

    /// The index of the line with `key`.
    pub(crate) fn position(&self, key: u64) -> Option<usize> {
        self.lines.iter().position(|line| line.key == key)
    }

    /// Moves the line with `key` to `to` (clamped); `true` when it moved.
    pub(crate) fn move_line(&mut self, key: u64, to: usize) -> bool {
        let Some(from) = self.position(key) else {
            return false;
        };
        let to = to.min(self.lines.len().saturating_sub(1));
        if from == to {
            return false;
        }
        let line = self.lines.remove(from);
        self.lines.insert(to, line);
        true
    }
}

/// A decimal typed by the user: `None` when empty; commas as thousands
/// separators and surrounding spaces are allowed.
pub(crate) fn number(text: &str) -> Result<Option<Decimal>, &'static str> {
    let text: String = text
        .trim()
        .chars()
        .filter(|&c| c != ',' && c != ' ')
        .collect();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<Decimal>().map(Some).map_err(|_| NOT_A_NUMBER)
}

/// A whole number of days typed by the user.
fn whole(text: &str) -> Result<Option<Decimal>, &'static str> {
    match number(text)? {
        Some(value)
            if value.fract().is_zero()
                && value >= Decimal::ZERO
                && value <= Decimal::from(36_500) =>
        {
            Ok(Some(value.normalize()))
        }
        Some(_) => Err(NOT_WHOLE),
        None => Ok(None),
    }
}

fn amount_text(value: Decimal) -> String {
    if value.is_zero() {
        String::new()
    } else {
        value.to_string()
    }
}

/// `YYYY-MM-DD`.
pub(crate) fn iso_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A `YYYY-MM-DD` date.
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse::<u8>().ok()?;
    let day = parts.next()?.parse().ok()?;
    Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
}

mod parse;
#[cfg(test)]
mod tests;
