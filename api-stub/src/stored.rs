//! How values are written to and read from the database's TEXT columns: timestamps in
//! one fixed-width UTC form (so text order is time order) and enums by their wire names
//! (so the database reads like the API).

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde::de::value::{Error as ValueError, StrDeserializer};
use time::format_description::FormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// A stored value that does not decode: the database holds something the schema's
/// checks should have kept out.
#[derive(Debug, thiserror::Error)]
#[error("stored {what} {text:?} does not decode: {reason}")]
pub struct StoredValueError {
    /// What kind of value it should be.
    pub what: &'static str,
    /// The text found.
    pub text: String,
    /// Why it does not decode.
    pub reason: String,
}

const TIMESTAMP_FORMAT: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

/// `2026-03-01T08:15:00.000000Z`: UTC, microseconds, always the same width.
pub fn timestamp_to_text(moment: OffsetDateTime) -> String {
    let utc = moment.to_offset(UtcOffset::UTC);
    // Formatting with a fixed description only fails for years outside 0..=9999.
    utc.format(TIMESTAMP_FORMAT)
        .unwrap_or_else(|_| String::from("0000-01-01T00:00:00.000000Z"))
}

/// Reads a timestamp written by [`timestamp_to_text`].
pub fn timestamp_from_text(text: &str) -> Result<OffsetDateTime, StoredValueError> {
    PrimitiveDateTime::parse(text, TIMESTAMP_FORMAT)
        .map(PrimitiveDateTime::assume_utc)
        .map_err(|error| StoredValueError {
            what: "timestamp",
            text: text.to_owned(),
            reason: error.to_string(),
        })
}

/// The wire name of a field-less enum variant, e.g. `"quoted"` or `"container20ft"`.
pub fn enum_to_text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        // Only called with field-less enums, which serialize to a string.
        _ => String::new(),
    }
}

/// The enum variant with the wire name `text`.
pub fn enum_from_text<T: DeserializeOwned>(
    what: &'static str,
    text: &str,
) -> Result<T, StoredValueError> {
    T::deserialize(StrDeserializer::<ValueError>::new(text)).map_err(|error| StoredValueError {
        what,
        text: text.to_owned(),
        reason: error.to_string(),
    })
}

/// Reads any value with a `FromStr` (ids, decimals, country codes).
pub fn parse_stored<T>(what: &'static str, text: &str) -> Result<T, StoredValueError>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|error: T::Err| StoredValueError {
        what,
        text: text.to_owned(),
        reason: error.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use contract::inquiry::InquiryStatus;
    use contract::quantity::Unit;
    use time::macros::datetime;

    use super::*;

    #[test]
    fn timestamps_round_trip_in_utc_and_sort_as_text() {
        let earlier = datetime!(2026-03-01 09:15:00.5 +08:00);
        let later = datetime!(2026-03-01 02:00:00 UTC);
        let earlier_text = timestamp_to_text(earlier);
        assert_eq!(earlier_text, "2026-03-01T01:15:00.500000Z");
        assert!(earlier_text < timestamp_to_text(later));
        assert_eq!(timestamp_from_text(&earlier_text).unwrap(), earlier);
        assert!(timestamp_from_text("2026-03-01 01:15:00").is_err());
    }

    #[test]
    fn enums_use_their_wire_names() {
        assert_eq!(enum_to_text(&InquiryStatus::Quoted), "quoted");
        assert_eq!(enum_to_text(&Unit::Container20ft), "container20ft");
        let unit: Unit = enum_from_text("unit", "square_meter").unwrap();
        assert_eq!(unit, Unit::SquareMeter);
        assert!(enum_from_text::<Unit>("unit", "furlong").is_err());
    }
}
