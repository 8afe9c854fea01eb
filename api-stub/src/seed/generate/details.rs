//! What the portal passes on besides the message: the message's language, the
//! kind of inquiry, the product's category, and the requirement as far as the
//! buyer's words imply it (trade term, destination, sample, OEM, needed-by date)
//! or the portal's form asked for it (target price).

use contract::country::CountryCode;
use contract::incoterm::Incoterm;
use contract::inquiry::{Destination, InquiryKind, Requirement};
use contract::money::{Currency, Money};
use contract::quantity::{Quantity, Unit};
use rust_decimal::Decimal;
use time::{Duration, OffsetDateTime};

use super::draw::Drawn;
use crate::seed::Kind;
use crate::seed::Writes;
use crate::seed::random::Random;

/// The BCP 47 tag of a language buyers write in.
pub(in crate::seed) fn language_tag(writes: Writes) -> &'static str {
    match writes {
        Writes::En => "en",
        Writes::De => "de",
        Writes::Es => "es",
        Writes::Fr => "fr",
        Writes::Ar => "ar",
        Writes::Zh => "zh",
    }
}

/// The catalog category of a demo product, as the catalog seed files it.
pub(in crate::seed) fn category(product: &str) -> Option<&'static str> {
    const CATEGORIES: [(&str, &str); 14] = [
        ("Panel Light", "LED panel lights"),
        ("Downlight", "LED downlights"),
        ("High Bay", "LED high bay lights"),
        ("Tube", "LED tubes"),
        ("Floodlight", "LED floodlights"),
        ("Solar", "Solar lighting"),
        ("Street Light", "LED street lights"),
        ("Batten", "LED battens and triproof"),
        ("Triproof", "LED battens and triproof"),
        ("Cookware", "Cookware"),
        ("Frying Pan", "Cookware"),
        ("Food Storage", "Food storage"),
        ("Silicone Storage", "Food storage"),
        ("Utensil", "Kitchen utensils"),
    ];
    if product.contains("Plastic Storage Box") {
        return Some("Storage boxes");
    }
    CATEGORIES
        .iter()
        .find(|(word, _)| product.contains(word))
        .map(|(_, category)| *category)
}

/// A typical FOB unit price in US dollars for a category: where a buyer's target
/// price lands (a little below it).
fn typical_price(category: &str) -> Option<Decimal> {
    let cents = match category {
        "LED panel lights" => 1_180,
        "LED downlights" => 290,
        "LED high bay lights" => 3_850,
        "LED tubes" => 165,
        "LED floodlights" => 1_650,
        "LED street lights" => 5_200,
        "Solar lighting" => 6_900,
        "LED battens and triproof" => 690,
        "Cookware" => 1_250,
        "Food storage" => 480,
        "Storage boxes" => 320,
        "Kitchen utensils" => 240,
        _ => return None,
    };
    Some(Decimal::new(cents, 2))
}

/// Product, company or RFQ.
pub(super) fn inquiry_kind(drawn: &Drawn) -> InquiryKind {
    if drawn.product_name.is_none() {
        InquiryKind::Company
    } else if drawn.subject.starts_with("RFQ") {
        InquiryKind::Rfq
    } else {
        InquiryKind::Product
    }
}

/// What a buyer wrote, as far as the requirement depends on it.
pub(in crate::seed) struct Written<'a> {
    pub(in crate::seed) subject: &'a str,
    pub(in crate::seed) message: &'a str,
    pub(in crate::seed) country: &'a str,
    pub(in crate::seed) city: &'a str,
    pub(in crate::seed) product_name: Option<&'a str>,
    /// The amount as digits, and the unit.
    pub(in crate::seed) quantity: Option<(&'a str, Unit)>,
    /// The kind drawn (an urgent one is needed by a date).
    pub(in crate::seed) kind: Kind,
    /// The kind of the template the words came from.
    pub(in crate::seed) template_kind: Kind,
    pub(in crate::seed) received_at: OffsetDateTime,
}

/// The requirement: what the words imply, and now and then a target price from
/// the portal's form.
pub(super) fn requirement(drawn: &Drawn, extra: &mut Random) -> Requirement {
    requirement_of(
        &Written {
            subject: &drawn.subject,
            message: &drawn.message,
            country: drawn.buyer.country,
            city: drawn.buyer.city,
            product_name: drawn.product_name,
            quantity: drawn.quantity,
            kind: drawn.kind,
            template_kind: drawn.template.0,
            received_at: drawn.received_at,
        },
        extra,
    )
}

/// [`requirement`] of any written inquiry; draws from `extra` only for a target price.
pub(in crate::seed) fn requirement_of(written: &Written<'_>, extra: &mut Random) -> Requirement {
    let quantity = written.quantity.and_then(|(value, unit)| {
        value
            .parse::<Decimal>()
            .ok()
            .map(|value| Quantity { value, unit })
    });
    let text = [written.subject, " ", written.message].concat();
    let incoterm = text
        .split(|character: char| !character.is_ascii_alphanumeric())
        .find_map(|word| Incoterm::ALL.into_iter().find(|rule| rule.code() == word));
    let delivered = incoterm.is_some_and(|rule| {
        !matches!(
            rule,
            Incoterm::EXW | Incoterm::FCA | Incoterm::FAS | Incoterm::FOB
        )
    });
    let asks_delivery = text.contains("Delivery to") || text.contains("send samples of");
    let destination = match written.country.parse::<CountryCode>() {
        Ok(country) if delivered || asks_delivery => Some(Destination {
            country,
            place: Some(written.city.to_owned()),
        }),
        _ => None,
    };
    // What the buyer wrote decides: the template, whatever kind was drawn.
    let wrote = written.template_kind;
    let wants_price = matches!(wrote, Kind::Quote | Kind::Urgent | Kind::Oem);
    let target_price = written
        .product_name
        .and_then(category)
        .and_then(typical_price)
        .filter(|_| quantity.is_some() && wants_price && extra.chance(0.22))
        .map(|typical| {
            let percent = Decimal::from(extra.between(84, 96));
            Money {
                amount: (typical * percent / Decimal::ONE_HUNDRED).round_dp(2),
                currency: Currency::USD,
            }
        });
    let needed_by =
        (written.kind == Kind::Urgent).then(|| (written.received_at + Duration::days(21)).date());
    Requirement {
        quantity,
        target_price,
        incoterm,
        destination,
        needed_by,
        sample_wanted: wrote == Kind::Sample,
        oem: wrote == Kind::Oem,
    }
}
