//! Shared validation: rules that client and server apply identically, reported as
//! per-field errors, plus the wire helpers for dates and partial updates.

use crate::problem::FieldError;

/// Collects field errors; a request is valid when none were found.
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    /// An empty collection.
    pub fn new() -> FieldErrors {
        FieldErrors::default()
    }

    /// Records that `field` (a query parameter name or a JSON pointer) is invalid.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    /// Records an error for `field` unless `valid`.
    pub fn check(&mut self, valid: bool, field: impl Into<String>, message: impl Into<String>) {
        if !valid {
            self.add(field, message);
        }
    }

    /// Checks a text's length in characters, after trimming.
    pub fn check_text(&mut self, text: &str, field: &str, min: usize, max: usize) {
        let length = text.trim().chars().count();
        if length < min {
            self.add(
                field,
                if min == 1 {
                    "must not be empty".to_owned()
                } else {
                    format!("must have at least {min} characters")
                },
            );
        } else if length > max {
            self.add(field, format!("must have at most {max} characters"));
        }
    }

    /// Appends the errors of a nested value, prefixing their fields with `prefix`.
    pub fn extend_nested(&mut self, prefix: &str, nested: Result<(), Vec<FieldError>>) {
        if let Err(errors) = nested {
            self.0.extend(errors.into_iter().map(|error| FieldError {
                field: [prefix, &error.field].concat(),
                message: error.message,
            }));
        }
    }

    /// `Ok` when no error was recorded.
    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// Dates (without time) travel as `YYYY-MM-DD`.
pub mod date {
    time::serde::format_description!(pub iso_date, Date, "[year]-[month]-[day]");
}

/// Partial updates distinguish "absent" (leave as is) from `null` (clear): a
/// field `Option<Option<T>>` with `#[serde(default, deserialize_with = "patch::nullable")]`.
pub mod patch {
    use serde::{Deserialize, Deserializer};

    /// Present (even `null`) becomes `Some(_)`; absence stays `None` through `default`.
    pub fn nullable<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
    where
        T: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Patch {
        #[serde(default, deserialize_with = "patch::nullable")]
        owner: Option<Option<String>>,
    }

    #[test]
    fn patches_tell_absent_from_null() {
        let absent: Patch = serde_json::from_str("{}").unwrap();
        let null: Patch = serde_json::from_str(r#"{"owner":null}"#).unwrap();
        let set: Patch = serde_json::from_str(r#"{"owner":"x"}"#).unwrap();
        assert_eq!(absent.owner, None);
        assert_eq!(null.owner, Some(None));
        assert_eq!(set.owner, Some(Some("x".into())));
    }

    #[test]
    fn text_lengths_count_characters_not_bytes() {
        let mut errors = FieldErrors::new();
        errors.check_text("询盘", "/subject", 1, 2);
        errors.check_text("   ", "/body", 1, 10);
        errors.check_text("abc", "/name", 1, 2);
        let errors = errors.finish().unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].field, "/body");
        assert_eq!(errors[1].message, "must have at most 2 characters");
    }
}
