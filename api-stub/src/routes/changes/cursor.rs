//! The change feed's opaque cursor: a position in the change log (its `seq`), as
//! hex of a versioned text so that a future format can be told apart.

use crate::error::ApiError;

/// Version tag of the format.
const VERSION: &str = "c1";

/// A position in the change log: every change with a higher `seq` comes after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Position(pub(super) i64);

impl Position {
    pub(super) fn encode(self) -> String {
        hex::encode(format!("{VERSION}|{}", self.0))
    }

    /// `None` for anything [`Position::encode`] did not produce.
    pub(super) fn decode(text: &str) -> Option<Position> {
        let bytes = hex::decode(text).ok()?;
        let plain = String::from_utf8(bytes).ok()?;
        let (VERSION, seq) = plain.split_once('|')? else {
            return None;
        };
        // Only the canonical form: no sign, no leading zeros.
        let position = seq.parse::<i64>().ok().filter(|seq| *seq >= 0)?;
        (position.to_string() == seq).then_some(Position(position))
    }

    /// Reads a cursor sent as `field` (`since`, `Last-Event-ID`), naming it when bad.
    pub(super) fn parse(field: &str, text: &str) -> Result<Position, ApiError> {
        Position::decode(text.trim())
            .ok_or_else(|| ApiError::bad_field(field, "is not a cursor this server returned"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_anything_else() {
        for seq in [0, 1, 42, i64::MAX] {
            assert_eq!(
                Position::decode(&Position(seq).encode()),
                Some(Position(seq))
            );
        }
        let bad = [
            "",
            "42",
            "nonsense",
            "zz",
            &hex::encode("c1|-1"),
            &hex::encode("c1|007"),
            &hex::encode("c2|7"),
            &hex::encode("c1|7|8"),
            &hex::encode("c1|"),
        ];
        for text in bad {
            assert_eq!(Position::decode(text), None, "{text:?}");
        }
        assert!(Position::parse("since", "x").is_err());
    }
}
