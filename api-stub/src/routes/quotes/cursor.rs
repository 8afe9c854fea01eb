//! The opaque pagination cursor of `GET /quotes`: the sort key (updated_at, id) of
//! the last item of a page, as hex so it travels in a query string untouched.

use super::store::QuoteRow;
use crate::stored::timestamp_from_text;

/// Version tag, so a future cursor format can be told apart.
const VERSION: &str = "q1";

/// Where the previous page ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Cursor {
    /// `updated_at` in its stored form.
    pub(super) updated_at: String,
    /// The hyphenated id.
    pub(super) id: String,
}

impl Cursor {
    /// The cursor that continues after `row`.
    pub(super) fn after(row: &QuoteRow) -> Cursor {
        Cursor {
            updated_at: row.updated_at.clone(),
            id: row.id.clone(),
        }
    }

    pub(super) fn encode(&self) -> String {
        hex::encode(format!("{VERSION}|{}|{}", self.updated_at, self.id))
    }

    /// `None` for anything [`Cursor::encode`] did not produce.
    pub(super) fn decode(text: &str) -> Option<Cursor> {
        let bytes = hex::decode(text).ok()?;
        let plain = String::from_utf8(bytes).ok()?;
        let mut parts = plain.split('|');
        let (Some(VERSION), Some(updated_at), Some(id), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        timestamp_from_text(updated_at).ok()?;
        let id = uuid::Uuid::parse_str(id).ok()?.hyphenated().to_string();
        Some(Cursor {
            updated_at: updated_at.to_owned(),
            id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip() {
        let cursor = Cursor {
            updated_at: "2026-03-01T01:15:00.500000Z".into(),
            id: "0b7f7e52-3c1e-4f43-9a52-9e3f3d0c2a11".into(),
        };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
    }

    #[test]
    fn anything_else_is_rejected() {
        let inquiry_cursor =
            hex::encode("v1|2026-03-01T01:15:00.500000Z|0b7f7e52-3c1e-4f43-9a52-9e3f3d0c2a11");
        let forged = hex::encode("q1|yesterday|0b7f7e52-3c1e-4f43-9a52-9e3f3d0c2a11");
        for bad in [
            "",
            "zz",
            "abc",
            &hex::encode("q1|x"),
            &forged,
            &inquiry_cursor,
        ] {
            assert_eq!(Cursor::decode(bad), None, "{bad:?}");
        }
    }
}
