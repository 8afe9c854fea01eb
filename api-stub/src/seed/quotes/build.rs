//! Turning a seeded inquiry into the quote a seller would have sent for it:
//! pricing from the catalog (or the fallback table), the buyer's currency, the
//! terms, and the revisions' statuses and moments.

use std::collections::HashMap;

use contract::ids::{ContactId, CustomerId, InquiryId, ProductId};
use contract::incoterm::Incoterm;
use contract::money::Currency;
use contract::product::{Packaging, PriceBreak};
use contract::quantity::{Quantity, Unit};
use contract::quote::{
    Discount, LineInput, LineKind, PaymentMethod, PaymentTerms, QuoteCharges, QuoteDraft,
    QuoteTerms, ShippingMethod,
};
use rust_decimal::Decimal;
use sqlx::Transaction;
use time::Date;
use time::macros::format_description;

use super::tables::{FALLBACK_PRODUCTS, PORTS, fallback_rate};
use super::{Revision, converted};
use crate::sql::Db;
use crate::stored::{enum_from_text, parse_stored};

/// An inquiry a quote is made for.
#[derive(Debug, sqlx::FromRow)]
pub(super) struct Source {
    pub(super) id: String,
    pub(super) customer_id: Option<String>,
    pub(super) customer_name: Option<String>,
    pub(super) country: String,
    pub(super) product_name: Option<String>,
    pub(super) quantity_value: Option<String>,
    pub(super) quantity_unit: Option<String>,
    pub(super) status: String,
    pub(super) received_at: String,
    pub(super) created_by: Option<String>,
    pub(super) contact_id: Option<String>,
}

/// A quote to write: its revisions, oldest first, and a key for stable ids.
#[derive(Debug)]
pub(super) struct Plan {
    pub(super) key: String,
    pub(super) revisions: Vec<Revision>,
}

/// Exchange rates: units of each currency per US dollar.
pub(super) struct Pricing {
    per_usd: HashMap<Currency, Decimal>,
}

impl Pricing {
    /// The rates stored in `exchange_rates`, the fixed table for the others.
    pub(super) fn new(stored: &[(String, String)]) -> Pricing {
        let mut per_usd = HashMap::new();
        for currency in Currency::ALL {
            let stored = stored
                .iter()
                .find(|(code, _)| code == currency.code())
                .and_then(|(_, rate)| rate.parse::<Decimal>().ok());
            let rate = stored
                .filter(|rate| *rate > Decimal::ZERO)
                .or_else(|| fallback_rate(currency).parse().ok())
                .unwrap_or(Decimal::ONE);
            per_usd.insert(currency, rate);
        }
        Pricing { per_usd }
    }

    fn rate(&self, currency: Currency) -> Decimal {
        self.per_usd.get(&currency).copied().unwrap_or(Decimal::ONE)
    }

    /// `amount` in `from` as `to`, rounded to `to`'s minor unit.
    pub(super) fn convert(&self, amount: Decimal, from: Currency, to: Currency) -> Decimal {
        if from == to {
            return amount;
        }
        to.round(amount * self.rate(to) / self.rate(from))
    }
}

/// A product as it is quoted.
pub(super) struct Priced {
    product_id: Option<ProductId>,
    name: String,
    sku: Option<String>,
    description: String,
    unit: Unit,
    currency: Currency,
    breaks: Vec<PriceBreak>,
    hs_code: Option<String>,
    lead_time_days: Option<u32>,
    units_per_carton: Option<u32>,
}

pub(super) fn decode(error: impl std::error::Error + Send + Sync + 'static) -> sqlx::Error {
    sqlx::Error::Decode(Box::new(error))
}

type ProductRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<i64>,
    Option<String>,
);

/// The inquiry's product from the member's catalog, or else from the fallback table.
pub(super) async fn priced(
    transaction: &mut Transaction<'_, Db>,
    member_id: &str,
    source: &Source,
) -> Result<Option<Priced>, sqlx::Error> {
    let Some(name) = source.product_name.as_deref() else {
        return Ok(None);
    };
    let row: Option<ProductRow> = sqlx::query_as(
        "SELECT id, sku, description, unit, currency, price_breaks, hs_code, lead_time_days,
                packaging
         FROM products WHERE member_id = $1 AND name = $2 AND active = 1 ORDER BY sku LIMIT 1",
    )
    .bind(member_id)
    .bind(name)
    .fetch_optional(&mut **transaction)
    .await?;
    if let Some((id, sku, description, unit, currency, breaks, hs_code, lead_time, packaging)) = row
    {
        let breaks: Vec<PriceBreak> = serde_json::from_str(&breaks).map_err(decode)?;
        let packaging: Option<Packaging> = packaging
            .map(|text| serde_json::from_str(&text))
            .transpose()
            .map_err(decode)?;
        if !breaks.is_empty() {
            return Ok(Some(Priced {
                product_id: Some(parse_stored("product id", &id).map_err(decode)?),
                name: name.to_owned(),
                sku: Some(sku),
                description,
                unit: enum_from_text("unit", &unit).map_err(decode)?,
                currency: parse_stored("currency", &currency).map_err(decode)?,
                breaks,
                hs_code,
                lead_time_days: lead_time.and_then(|days| u32::try_from(days).ok()),
                units_per_carton: packaging.map(|packaging| packaging.units_per_carton),
            }));
        }
    }
    let Some((_, unit, breaks, hs_code)) =
        FALLBACK_PRODUCTS.iter().find(|product| product.0 == name)
    else {
        return Ok(None);
    };
    let breaks = breaks
        .iter()
        .map(|(quantity, price)| {
            Ok(PriceBreak {
                min_quantity: parse_stored("quantity", quantity).map_err(decode)?,
                unit_price: parse_stored("price", price).map_err(decode)?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(Some(Priced {
        product_id: None,
        name: name.to_owned(),
        sku: None,
        description: String::new(),
        unit: *unit,
        currency: Currency::USD,
        breaks,
        hs_code: Some((*hs_code).to_owned()),
        lead_time_days: None,
        units_per_carton: None,
    }))
}

impl Priced {
    fn moq(&self) -> Decimal {
        self.breaks
            .first()
            .map_or(Decimal::ONE, |first| first.min_quantity)
    }

    /// How many units of the product the buyer's quantity means; at least the MOQ.
    fn order_quantity(&self, source: &Source) -> Result<Decimal, sqlx::Error> {
        let (Some(value), Some(unit)) = (&source.quantity_value, &source.quantity_unit) else {
            return Ok(self.moq());
        };
        let value: Decimal = parse_stored("quantity", value).map_err(decode)?;
        let unit: Unit = enum_from_text("unit", unit).map_err(decode)?;
        let units = if unit == self.unit {
            value
        } else {
            match unit {
                Unit::Carton => value * Decimal::from(self.units_per_carton.unwrap_or(20)),
                Unit::Container20ft => value * Decimal::from(2000),
                Unit::Container40ft => value * Decimal::from(4500),
                _ => value,
            }
        };
        Ok(units.max(self.moq()))
    }

    /// The price break for `quantity`, in `currency`.
    fn unit_price(&self, quantity: Decimal, currency: Currency, pricing: &Pricing) -> Decimal {
        let price = self
            .breaks
            .iter()
            .rev()
            .find(|price_break| price_break.min_quantity <= quantity)
            .or(self.breaks.first())
            .map_or(Decimal::ZERO, |price_break| price_break.unit_price);
        pricing.convert(price, self.currency, currency)
    }
}

/// `YYYY-MM-DD`.
pub(super) fn date_text(date: Date) -> String {
    date.format(format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}

fn line(kind: LineKind, name: String, quantity: Decimal, unit: Unit, price: Decimal) -> LineInput {
    LineInput {
        section: None,
        kind,
        product_id: None,
        sku: None,
        name,
        description: String::new(),
        hs_code: None,
        origin: None,
        quantity: Quantity {
            value: quantity,
            unit,
        },
        unit_price: price,
        discount: None,
        optional: false,
    }
}

/// What varies between the demo quotes.
pub(super) struct Offer<'a> {
    pub(super) source: &'a Source,
    pub(super) priced: &'a Priced,
    pub(super) pricing: &'a Pricing,
    pub(super) currency: Currency,
    /// CIF the buyer's port (when known) rather than FOB Ningbo.
    pub(super) cif: bool,
    /// A free sample line.
    pub(super) sample: bool,
    /// A tooling line.
    pub(super) tooling: bool,
    /// Trucking to the port of loading, quoted as a line.
    pub(super) inland_freight: bool,
    /// 3 % off the product line.
    pub(super) discount: bool,
    /// Percent off the price break, for a revision that lowers the price.
    pub(super) price_cut: Decimal,
    pub(super) valid_until: Date,
}

fn parse_optional<T>(what: &'static str, text: Option<&str>) -> Result<Option<T>, sqlx::Error>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    text.map(|text| parse_stored(what, text).map_err(decode))
        .transpose()
}

impl Offer<'_> {
    /// The draft, answering the source inquiry when `inquiry`, else only for its
    /// customer.
    pub(super) fn draft(&self, inquiry: bool) -> Result<QuoteDraft, sqlx::Error> {
        let (source, priced, currency) = (self.source, self.priced, self.currency);
        let port = PORTS.iter().find(|port| port.0 == source.country);
        let cif_port = port.filter(|_| self.cif);
        let quantity = priced.order_quantity(source)?;
        let list_price = priced.unit_price(quantity, currency, self.pricing);
        let price = currency
            .round(list_price * (Decimal::ONE_HUNDRED - self.price_cut) / Decimal::ONE_HUNDRED);
        let mut lines = vec![LineInput {
            product_id: priced.product_id,
            sku: priced.sku.clone(),
            description: priced.description.clone(),
            hs_code: priced.hs_code.clone(),
            origin: "CN".parse().ok(),
            discount: self.discount.then_some(Discount::Percent(Decimal::from(3))),
            ..line(
                LineKind::Product,
                priced.name.clone(),
                quantity,
                priced.unit,
                price,
            )
        }];
        if self.sample {
            lines.push(line(
                LineKind::Sample,
                format!("Sample: {} (free of charge)", priced.name),
                Decimal::from(2),
                priced.unit,
                Decimal::ZERO,
            ));
        }
        if self.tooling {
            lines.push(line(
                LineKind::Tooling,
                "Logo printing plate and custom gift box artwork (OEM)".to_owned(),
                Decimal::ONE,
                Unit::Set,
                converted(self.pricing, Decimal::from(280), currency),
            ));
        }
        if self.inland_freight {
            lines.push(line(
                LineKind::Freight,
                "Trucking to Ningbo port".to_owned(),
                Decimal::ONE,
                Unit::Container20ft,
                converted(self.pricing, Decimal::from(380), currency),
            ));
        }
        let mut charges = QuoteCharges::default();
        if let Some((_, port_name, freight)) = cif_port {
            let freight: Decimal = parse_stored("freight", freight).map_err(decode)?;
            lines.push(line(
                LineKind::Freight,
                format!("Sea freight Ningbo → {port_name}, 20 ft container"),
                Decimal::ONE,
                Unit::Container20ft,
                converted(self.pricing, freight, currency),
            ));
            charges.insurance = converted(self.pricing, Decimal::from(45), currency);
        }
        let (incoterm, named_place) = match cif_port {
            Some((_, port_name, _)) => (Incoterm::CIF, (*port_name).to_owned()),
            None => (Incoterm::FOB, "Ningbo".to_owned()),
        };
        let exchange_rate_note = (currency != priced.currency).then(|| {
            let rate = self.pricing.rate(currency) / self.pricing.rate(priced.currency);
            format!(
                "Converted from {from} list prices at 1 {from} = {rate} {to}.",
                from = priced.currency.code(),
                rate = rate.round_dp(4).normalize(),
                to = currency.code()
            )
        });
        Ok(QuoteDraft {
            id: None,
            customer_id: parse_optional::<CustomerId>(
                "customer id",
                source.customer_id.as_deref(),
            )?,
            contact_id: parse_optional::<ContactId>("contact id", source.contact_id.as_deref())?,
            inquiry_id: if inquiry {
                Some(parse_stored::<InquiryId>("inquiry id", &source.id).map_err(decode)?)
            } else {
                None
            },
            terms: QuoteTerms {
                currency,
                exchange_rate_note,
                incoterm,
                named_place,
                port_of_loading: Some("Ningbo".to_owned()),
                port_of_destination: port.map(|port| port.1.to_owned()),
                shipping_method: Some(ShippingMethod::Sea),
                lead_time_days: priced.lead_time_days.or(Some(25)),
                payment: PaymentTerms {
                    method: PaymentMethod::TelegraphicTransfer,
                    deposit_percent: Some(Decimal::from(30)),
                    net_days: None,
                    balance_terms: Some("70 % against copy of B/L".to_owned()),
                },
                valid_until: self.valid_until,
                buyer_notes:
                    "Packing: export cartons, 5-layer corrugated. Warranty as per the product \
                              specification. Prices exclude import duties and taxes at destination."
                        .to_owned(),
                internal_notes: String::new(),
            },
            lines,
            charges,
            expected_total: None,
        })
    }
}
