//! The message catalog: every user-visible string of the widgets, in every
//! language of [`Language`]. Components never contain literal UI text (a test
//! scans them); they ask [`I18n`] for a [`Text`] or one of the typed helpers.
//!
//! Each entry of the catalog is one line with all languages, so a missing
//! translation does not compile. Placeholders are `{name}`, filled by [`fill`].

mod catalog;
mod terms;
#[cfg(test)]
mod tests;

use contract::language::Language;
use leptos::prelude::*;

pub(crate) use catalog::Text;
pub(crate) use terms::{
    activity_kind_name, assignment_rule_name, business_type, buying_role_name, channel_name,
    company_size_name, lifecycle_stage, line_kind_name, lost_reason_name, messenger_name,
    payment_method_name, quote_status_name, reminder_kind_name, score_signal_name,
    shipping_method_name, sort_name, source_name, status_name, tier_name, unit_name,
};

/// Reads the widget's language reactively.
#[derive(Clone, Copy)]
pub(crate) struct I18n {
    language: Signal<Language>,
}

impl I18n {
    pub(crate) fn new(language: Signal<Language>) -> I18n {
        I18n { language }
    }

    /// The current language (tracked).
    pub(crate) fn language(self) -> Language {
        self.language.get()
    }

    /// A message in the current language (tracked).
    pub(crate) fn text(self, text: Text) -> &'static str {
        text.in_language(self.language.get())
    }

    /// A message with its `{placeholders}` filled in (tracked).
    pub(crate) fn format(self, text: Text, values: &[(&str, &str)]) -> String {
        fill(self.text(text), values)
    }

    /// "1 inquiry" / "12 inquiries" in the current language (tracked).
    pub(crate) fn count(self, one: Text, other: Text, count: u64, formatted: &str) -> String {
        let text = match plural_category(self.language(), count) {
            PluralCategory::One => one,
            PluralCategory::Other => other,
        };
        self.format(text, &[("count", formatted)])
    }
}

/// The plural categories our languages use (CLDR: English one/other, Chinese other).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PluralCategory {
    One,
    Other,
}

pub(crate) fn plural_category(language: Language, count: u64) -> PluralCategory {
    match language {
        Language::English if count == 1 => PluralCategory::One,
        Language::English | Language::SimplifiedChinese => PluralCategory::Other,
    }
}

/// Replaces each `{name}` in `template` by its value.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut filled = template.to_owned();
    for (name, value) in values {
        filled = filled.replace(&["{", name, "}"].concat(), value);
    }
    filled
}
