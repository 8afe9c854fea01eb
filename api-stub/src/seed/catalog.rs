//! The demo catalogs, and the reference exchange rates.
//!
//! Each member's catalog holds every product its generated inquiries name, under
//! exactly the same name (so quotes price from the catalog), with SKU, model
//! number, MOQ, price breaks in USD, HS code, lead time and export packing.
//! Product ids are `stable_id("product/<member>/<sku>")`.

mod brightway;
mod evergreen;

use contract::quantity::Unit;
use sqlx::Transaction;
use time::OffsetDateTime;

use super::{MemberSeed, SeedCounts, stable_id};
use crate::search;
use crate::sql::Db;
use crate::stored::{enum_to_text, timestamp_to_text};

/// One catalog product.
struct CatalogItem {
    name: &'static str,
    sku: &'static str,
    model_number: &'static str,
    category: &'static str,
    unit: Unit,
    moq: &'static str,
    /// From-quantity and unit price in USD, ascending.
    price_breaks: &'static [(&'static str, &'static str)],
    hs_code: &'static str,
    lead_time_days: u32,
    /// Units per carton, carton gross weight (kg), carton volume (m³).
    packaging: (u32, &'static str, &'static str),
    description: &'static str,
    active: bool,
}

/// Units of each currency per US dollar: reference rates of the kind a bank
/// publishes, exact decimals (the same as the quote seed's fallback rates).
const EXCHANGE_RATES: [(&str, &str); 10] = [
    ("USD", "1"),
    ("EUR", "0.92"),
    ("GBP", "0.79"),
    ("CNY", "7.24"),
    ("JPY", "151"),
    ("AED", "3.6725"),
    ("KWD", "0.307"),
    ("INR", "83.3"),
    ("BRL", "5.05"),
    ("AUD", "1.52"),
];

fn catalog(member: &MemberSeed) -> &'static [CatalogItem] {
    match member.key {
        "brightway" => brightway::CATALOG,
        "evergreen" => evergreen::CATALOG,
        _ => &[],
    }
}

pub(super) async fn seed(
    transaction: &mut Transaction<'_, Db>,
    member: &MemberSeed,
    now: OffsetDateTime,
    counts: &mut SeedCounts,
) -> Result<(), sqlx::Error> {
    // The rates are shared by all members; the first member's seed writes them.
    let as_of = timestamp_to_text(now);
    for (currency, per_usd) in EXCHANGE_RATES {
        sqlx::query(
            "INSERT INTO exchange_rates (currency, per_usd, as_of) VALUES ($1, $2, $3)
             ON CONFLICT (currency) DO NOTHING",
        )
        .bind(currency)
        .bind(per_usd)
        .bind(&as_of)
        .execute(&mut **transaction)
        .await?;
    }

    let member_id = member.id().to_string();
    for item in catalog(member) {
        let price_breaks: Vec<serde_json::Value> = item
            .price_breaks
            .iter()
            .map(|(min_quantity, unit_price)| {
                serde_json::json!({ "min_quantity": min_quantity, "unit_price": unit_price })
            })
            .collect();
        let (units_per_carton, carton_weight_kg, carton_cbm) = item.packaging;
        let packaging = serde_json::json!({
            "units_per_carton": units_per_carton,
            "carton_weight_kg": carton_weight_kg,
            "carton_cbm": carton_cbm,
        });
        let rowid: i64 = sqlx::query_scalar(
            "INSERT INTO products (id, member_id, sku, model_number, name, description, category,
                                   unit, moq, currency, price_breaks, hs_code, origin,
                                   lead_time_days, packaging, active, version, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'USD', $10, $11, 'CN', $12, $13, $14, 1, $15)
             RETURNING rowid",
        )
        .bind(stable_id(&format!("product/{}/{}", member.key, item.sku)).to_string())
        .bind(&member_id)
        .bind(item.sku)
        .bind(item.model_number)
        .bind(item.name)
        .bind(item.description)
        .bind(item.category)
        .bind(enum_to_text(&item.unit))
        .bind(item.moq)
        .bind(serde_json::Value::from(price_breaks).to_string())
        .bind(item.hs_code)
        .bind(i64::from(item.lead_time_days))
        .bind(packaging.to_string())
        .bind(i64::from(item.active))
        .bind(&as_of)
        .fetch_one(&mut **transaction)
        .await?;
        // The same columns as the products endpoints index.
        search::PRODUCTS
            .put(
                transaction,
                rowid,
                &[
                    item.name,
                    item.sku,
                    &[item.model_number, item.description].join(" "),
                ],
            )
            .await?;
        counts.products += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use contract::product::{PriceBreak, ProductInput};
    use rust_decimal::Decimal;

    use super::*;
    use crate::seed::{brightway, evergreen};

    fn input(item: &CatalogItem) -> ProductInput {
        ProductInput {
            sku: item.sku.into(),
            model_number: Some(item.model_number.into()),
            name: item.name.into(),
            description: item.description.into(),
            category: item.category.into(),
            unit: item.unit,
            moq: item.moq.parse().unwrap(),
            currency: contract::money::Currency::USD,
            price_breaks: item
                .price_breaks
                .iter()
                .map(|(quantity, price)| PriceBreak {
                    min_quantity: quantity.parse().unwrap(),
                    unit_price: price.parse().unwrap(),
                })
                .collect(),
            hs_code: Some(item.hs_code.into()),
            origin: "CN".parse().unwrap(),
            lead_time_days: Some(item.lead_time_days),
            packaging: None,
            active: item.active,
        }
    }

    #[test]
    fn every_product_an_inquiry_names_is_in_the_catalog_and_valid() {
        for member in [&brightway::MEMBER, &evergreen::MEMBER] {
            let items = catalog(member);
            for (name, _) in member.products {
                assert!(
                    items.iter().any(|item| item.name == *name && item.active),
                    "{name} is not in {}'s catalog",
                    member.key
                );
            }
            for item in items {
                input(item).validate().unwrap();
                assert!((2..=4).contains(&item.price_breaks.len()), "{}", item.name);
                let first: Decimal = item.price_breaks[0].0.parse().unwrap();
                assert_eq!(first, item.moq.parse::<Decimal>().unwrap(), "{}", item.name);
                let skus = items.iter().filter(|other| other.sku == item.sku).count();
                assert_eq!(skus, 1, "{} is not unique", item.sku);
            }
        }
    }

    #[test]
    fn rates_are_exact_decimals_for_every_currency() {
        for currency in contract::money::Currency::ALL {
            let rate = EXCHANGE_RATES
                .iter()
                .find(|(code, _)| *code == currency.code())
                .map(|(_, rate)| rate.parse::<Decimal>().unwrap());
            assert!(rate.is_some_and(|rate| rate > Decimal::ZERO), "{currency}");
        }
    }
}
