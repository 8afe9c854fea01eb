//! The opaque keyset cursors of this crate's lists (customers, timelines, reminders,
//! products): the sort key of a page's last item, as hex-encoded JSON, so that any
//! text (a name with `|` in it) survives the trip through a query string.

use crate::error::ApiError;

/// The cursor continuing after the item whose sort key is `key`, for the list `tag`.
pub(in crate::routes) fn encode(tag: &str, key: &[&str]) -> String {
    let mut parts: Vec<&str> = Vec::with_capacity(key.len() + 1);
    parts.push(tag);
    parts.extend_from_slice(key);
    hex::encode(serde_json::Value::from(parts).to_string())
}

/// The sort key of a cursor [`encode`] made for `tag` with `length` parts; a 400
/// problem naming `cursor` for anything else (another list's cursor included).
pub(in crate::routes) fn decode(
    tag: &str,
    text: &str,
    length: usize,
) -> Result<Vec<String>, ApiError> {
    let invalid = || {
        ApiError::bad_field(
            "cursor",
            "is not a cursor this server returned for this list",
        )
    };
    let bytes = hex::decode(text).map_err(|_| invalid())?;
    let mut parts: Vec<String> = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
    if parts.len() != length + 1 || parts[0] != tag {
        return Err(invalid());
    }
    parts.remove(0);
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_any_text() {
        let cursor = encode("customers/name", &["A | B \"quoted\"", "id-1"]);
        assert_eq!(
            decode("customers/name", &cursor, 2).unwrap(),
            ["A | B \"quoted\"", "id-1"]
        );
    }

    #[test]
    fn foreign_or_forged_cursors_are_bad_requests() {
        let other = encode("products", &["x", "y"]);
        for bad in [
            "",
            "zz",
            "abcd",
            other.as_str(),
            &hex::encode("[\"customers/name\"]"),
        ] {
            assert!(
                matches!(
                    decode("customers/name", bad, 2),
                    Err(ApiError::BadRequest { .. })
                ),
                "{bad:?}"
            );
        }
    }
}
