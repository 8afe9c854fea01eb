//! Quantities with a unit of measure, as buyers ask for them and quotes price them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A unit of measure used in international trade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Pieces (pcs).
    Piece,
    /// Sets.
    Set,
    /// Pairs.
    Pair,
    /// Boxes.
    Box,
    /// Cartons.
    Carton,
    /// Kilograms.
    Kilogram,
    /// Metric tons.
    Ton,
    /// Meters.
    Meter,
    /// Square meters.
    SquareMeter,
    /// Liters.
    Liter,
    /// Rolls.
    Roll,
    /// Twenty-foot containers.
    Container20ft,
    /// Forty-foot containers.
    Container40ft,
}

impl Unit {
    /// Every unit.
    pub const ALL: [Unit; 13] = [
        Unit::Piece,
        Unit::Set,
        Unit::Pair,
        Unit::Box,
        Unit::Carton,
        Unit::Kilogram,
        Unit::Ton,
        Unit::Meter,
        Unit::SquareMeter,
        Unit::Liter,
        Unit::Roll,
        Unit::Container20ft,
        Unit::Container40ft,
    ];

    /// The wire name, as serde writes it, e.g. `"square_meter"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Piece => "piece",
            Unit::Set => "set",
            Unit::Pair => "pair",
            Unit::Box => "box",
            Unit::Carton => "carton",
            Unit::Kilogram => "kilogram",
            Unit::Ton => "ton",
            Unit::Meter => "meter",
            Unit::SquareMeter => "square_meter",
            Unit::Liter => "liter",
            Unit::Roll => "roll",
            Unit::Container20ft => "container20ft",
            Unit::Container40ft => "container40ft",
        }
    }
}

/// An amount of something: an exact decimal (as a string on the wire) and its unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quantity {
    /// How many; never negative.
    pub value: Decimal,
    /// Of what.
    pub unit: Unit,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_travel_as_exact_decimal_strings() {
        let quantity: Quantity =
            serde_json::from_str(r#"{"value":"2500.5","unit":"kilogram"}"#).unwrap();
        assert_eq!(quantity.value, Decimal::new(25005, 1));
        let json = serde_json::to_string(&quantity).unwrap();
        assert_eq!(json, r#"{"value":"2500.5","unit":"kilogram"}"#);
    }

    #[test]
    fn wire_names_match_the_serialized_form() {
        for unit in Unit::ALL {
            assert_eq!(
                serde_json::to_value(unit).unwrap(),
                serde_json::Value::from(unit.as_str())
            );
        }
    }
}
