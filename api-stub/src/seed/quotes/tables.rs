//! Fixed tables the demo quotes are made from: fallback list prices for when the
//! catalog lacks a product, destination ports with their sea freight, the
//! currency each buyer country is quoted in, and reference exchange rates.

use contract::money::Currency;
use contract::quantity::Unit::{self, Box, Piece, Set};

/// A product as quoted when the catalog does not have it: name, unit, price
/// breaks in USD (from-quantity, unit price), HS code.
pub(super) type FallbackProduct = (
    &'static str,
    Unit,
    &'static [(&'static str, &'static str)],
    &'static str,
);

/// Both demo members' products, with FOB Ningbo/Shanghai list prices in USD.
#[rustfmt::skip]
pub(super) const FALLBACK_PRODUCTS: &[FallbackProduct] = &[
    ("LED Panel Light 600×600 40W", Piece, &[("100", "13.40"), ("500", "12.60"), ("1000", "11.80"), ("5000", "10.90")], "9405.42"),
    ("LED Panel Light 600×600 36W Backlit", Piece, &[("100", "12.20"), ("800", "11.40"), ("1500", "10.60")], "9405.42"),
    ("LED Panel Light 1200×300 40W", Piece, &[("100", "13.90"), ("600", "12.90"), ("1200", "12.20")], "9405.42"),
    ("Recessed LED Downlight 12W", Piece, &[("500", "3.10"), ("3000", "2.75"), ("5000", "2.55")], "9405.42"),
    ("Anti-glare COB Downlight 20W", Piece, &[("200", "5.80"), ("2000", "5.20"), ("4000", "4.90")], "9405.42"),
    ("UFO LED High Bay 150W", Piece, &[("20", "38.50"), ("120", "35.00"), ("300", "32.80")], "9405.42"),
    ("Linear LED High Bay 200W", Piece, &[("20", "52.00"), ("100", "48.50"), ("250", "45.90")], "9405.42"),
    ("T8 LED Tube 1200mm 18W", Piece, &[("1000", "1.65"), ("10000", "1.42")], "8539.52"),
    ("T8 LED Tube 600mm 9W", Piece, &[("1000", "1.18"), ("3000", "1.05")], "8539.52"),
    ("LED Floodlight 100W IP66", Piece, &[("50", "17.80"), ("300", "16.20"), ("800", "15.10")], "9405.42"),
    ("LED Floodlight 200W IP66", Piece, &[("30", "31.50"), ("200", "29.00"), ("500", "27.40")], "9405.42"),
    ("LED Street Light 120W", Set, &[("20", "58.00"), ("200", "53.50"), ("600", "50.20")], "9405.42"),
    ("Solar LED Street Light 60W", Set, &[("20", "96.00"), ("300", "88.00")], "9405.42"),
    ("LED Batten Light 1500mm 50W", Piece, &[("200", "6.90"), ("1500", "6.20")], "9405.42"),
    ("Triproof LED Light 1200mm 36W", Piece, &[("100", "8.40"), ("1000", "7.60")], "9405.42"),
    ("Stainless Steel Cookware Set 12 pcs", Set, &[("100", "42.00"), ("1000", "38.50")], "7323.93"),
    ("Non-stick Frying Pan 28cm", Piece, &[("500", "6.20"), ("3000", "5.60")], "7615.10"),
    ("Glass Food Storage Containers (set of 5)", Set, &[("300", "7.80"), ("2000", "7.10")], "7013.49"),
    ("Stackable Plastic Storage Box 30L", Piece, &[("500", "3.40"), ("2000", "3.05")], "3924.90"),
    ("Bamboo Kitchen Utensil Set", Set, &[("500", "2.90"), ("5000", "2.45")], "4419.19"),
    ("Collapsible Silicone Storage Boxes", Box, &[("1000", "4.10"), ("3000", "3.70")], "3924.10"),
];

/// Buyer country, port of destination, sea freight of a 20 ft container from
/// Ningbo in USD.
#[rustfmt::skip]
pub(super) const PORTS: &[(&str, &str, &str)] = &[
    ("DE", "Hamburg", "1850"),
    ("GB", "Felixstowe", "1950"),
    ("FR", "Le Havre", "1800"),
    ("ES", "Valencia", "1700"),
    ("IT", "Genoa", "1750"),
    ("PL", "Gdańsk", "1900"),
    ("NL", "Rotterdam", "1750"),
    ("AE", "Jebel Ali", "900"),
    ("SA", "Jeddah", "1100"),
    ("US", "Los Angeles", "2600"),
    ("IN", "Nhava Sheva", "950"),
    ("BR", "Santos", "2900"),
    ("MX", "Manzanillo", "2400"),
    ("AU", "Sydney", "1400"),
    ("JP", "Yokohama", "600"),
    ("ZA", "Durban", "2100"),
];

/// The currency a buyer in `country` is quoted in.
pub(super) fn currency_for(country: &str) -> Currency {
    match country {
        "DE" | "FR" | "ES" | "IT" | "NL" | "BE" | "AT" | "PT" | "IE" | "PL" => Currency::EUR,
        "GB" => Currency::GBP,
        "AE" => Currency::AED,
        "JP" => Currency::JPY,
        "AU" => Currency::AUD,
        _ => Currency::USD,
    }
}

/// Units of a currency per US dollar, used when the database has no rate.
pub(super) fn fallback_rate(currency: Currency) -> &'static str {
    match currency {
        Currency::USD => "1",
        Currency::EUR => "0.92",
        Currency::GBP => "0.79",
        Currency::CNY => "7.24",
        Currency::JPY => "151",
        Currency::AED => "3.6725",
        Currency::KWD => "0.307",
        Currency::INR => "83.3",
        Currency::BRL => "5.05",
        Currency::AUD => "1.52",
    }
}
