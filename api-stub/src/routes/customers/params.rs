//! Reading list query strings: every parameter arrives as text and is checked here,
//! so that a 422 problem can name each bad parameter at once. An empty value
//! counts as absent.

use std::str::FromStr;

use contract::validation::FieldErrors;
use serde::de::DeserializeOwned;

use crate::stored::enum_from_text;

/// Items per page when `limit` is absent.
pub(in crate::routes) const DEFAULT_LIMIT: u32 = 50;

/// The largest `limit` accepted.
pub(in crate::routes) const MAX_LIMIT: u32 = 200;

/// `value` unless it is empty.
pub(in crate::routes) fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|text| !text.trim().is_empty())
}

/// `limit`: 1 to [`MAX_LIMIT`], [`DEFAULT_LIMIT`] when absent.
pub(in crate::routes) fn limit(value: Option<String>, errors: &mut FieldErrors) -> u32 {
    match non_empty(value).map(|text| text.trim().parse::<u32>()) {
        Some(Ok(limit)) if (1..=MAX_LIMIT).contains(&limit) => limit,
        Some(_) => {
            errors.add(
                "limit",
                format!("must be a whole number from 1 to {MAX_LIMIT}"),
            );
            DEFAULT_LIMIT
        }
        None => DEFAULT_LIMIT,
    }
}

/// A field-less contract enum by its wire name; `expected` lists the names.
pub(in crate::routes) fn wire_enum<T: DeserializeOwned>(
    field: &str,
    value: Option<String>,
    expected: &str,
    errors: &mut FieldErrors,
) -> Option<T> {
    let text = non_empty(value)?;
    match enum_from_text("query parameter", text.trim()) {
        Ok(value) => Some(value),
        Err(_) => {
            errors.add(field, format!("must be one of {expected}"));
            None
        }
    }
}

/// Anything with a `FromStr`, with `message` when it does not parse.
pub(in crate::routes) fn parsed<T: FromStr>(
    field: &str,
    value: Option<String>,
    message: &str,
    errors: &mut FieldErrors,
) -> Option<T> {
    let text = non_empty(value)?;
    match text.trim().parse() {
        Ok(value) => Some(value),
        Err(_) => {
            errors.add(field, message);
            None
        }
    }
}

/// `true` or `false`.
pub(in crate::routes) fn boolean(
    field: &str,
    value: Option<String>,
    errors: &mut FieldErrors,
) -> Option<bool> {
    parsed(field, value, "must be true or false", errors)
}
