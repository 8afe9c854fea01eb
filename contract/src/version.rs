//! Optimistic concurrency: every mutable resource carries a version, sent as a
//! strong `ETag` and required back in `If-Match` by every update.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A resource's version: 1 when created, one more with every change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Version(pub u64);

impl Version {
    /// The version of a resource just created.
    pub const FIRST: Version = Version(1);

    /// The version after one more change.
    pub fn next(self) -> Version {
        Version(self.0 + 1)
    }

    /// The `ETag` header value: the version as a strong entity tag, e.g. `"7"`.
    pub fn etag(self) -> String {
        ["\"", &self.0.to_string(), "\""].concat()
    }

    /// Reads an `If-Match` or `ETag` value: `"7"` (a weak `W/"7"` never matches
    /// for writes, per RFC 9110).
    pub fn from_etag(value: &str) -> Result<Version, InvalidEntityTag> {
        value
            .trim()
            .strip_prefix('"')
            .and_then(|rest| rest.strip_suffix('"'))
            .and_then(|digits| digits.parse().ok())
            .map(Version)
            .ok_or_else(|| InvalidEntityTag(value.to_owned()))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(formatter)
    }
}

/// Why an `If-Match` value is not one of our entity tags.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an entity tag of this API (expected a quoted version such as \"7\")")]
pub struct InvalidEntityTag(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_tags_round_trip_and_reject_weak_or_bare_values() {
        assert_eq!(Version(7).etag(), "\"7\"");
        assert_eq!(Version::from_etag("\"7\""), Ok(Version(7)));
        assert_eq!(Version::from_etag(" \"12\" "), Ok(Version(12)));
        for bad in ["7", "W/\"7\"", "\"x\"", "", "*"] {
            assert!(Version::from_etag(bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(Version::FIRST.next(), Version(2));
    }
}
