//! The catalog is complete and every component takes its text from it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use contract::customer::{BusinessType, LifecycleStage, Tier};
use contract::inquiry::InquiryStatus;
use contract::language::Language;
use contract::quantity::Unit;

use super::*;

fn has_han(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

#[test]
fn every_message_is_translated_with_the_same_placeholders() {
    for text in Text::ALL {
        let english = text.in_language(Language::English);
        let chinese = text.in_language(Language::SimplifiedChinese);
        assert!(!english.trim().is_empty(), "{text:?} has no English");
        assert!(
            !has_han(english),
            "{text:?}: English text contains Chinese: {english}"
        );
        assert!(
            has_han(chinese),
            "{text:?}: Chinese text is not Chinese: {chinese}"
        );
        assert_eq!(
            placeholders(english),
            placeholders(chinese),
            "{text:?}: placeholders differ"
        );
    }
}

/// The names of the customer card's enumerations.
fn company_names(language: Language) -> Vec<&'static str> {
    use contract::customer::{
        ActivityKind, BuyingRole, CompanySize, ContactChannel, CustomerSource, MessengerKind,
        ReminderKind,
    };
    let mut names = Vec::new();
    names.extend(
        CompanySize::ALL
            .iter()
            .map(|v| company_size_name(*v, language)),
    );
    names.extend(
        CustomerSource::ALL
            .iter()
            .map(|v| source_name(*v, language)),
    );
    names.extend(
        BuyingRole::ALL
            .iter()
            .map(|v| buying_role_name(*v, language)),
    );
    names.extend(
        ContactChannel::ALL
            .iter()
            .map(|v| channel_name(*v, language)),
    );
    names.extend(
        MessengerKind::ALL
            .iter()
            .map(|v| messenger_name(*v, language)),
    );
    names.extend(
        ActivityKind::ALL
            .iter()
            .map(|v| activity_kind_name(*v, language)),
    );
    names.extend(
        ReminderKind::ALL
            .iter()
            .map(|v| reminder_kind_name(*v, language)),
    );
    names.extend(
        contract::quote::QuoteStatus::ALL.map(|status| quote_status_name(status, language)),
    );
    names
}

#[test]
fn every_term_is_named_in_chinese() {
    let names = InquiryStatus::ALL
        .iter()
        .map(|status| status_name(*status, Language::SimplifiedChinese))
        .chain(
            Unit::ALL
                .iter()
                .map(|unit| unit_name(*unit, Language::SimplifiedChinese)),
        )
        .chain(
            [Tier::Transactional, Tier::Partnership]
                .map(|tier| tier_name(tier, Language::SimplifiedChinese)),
        )
        .chain(
            [
                LifecycleStage::Lead,
                LifecycleStage::Prospect,
                LifecycleStage::Sampling,
                LifecycleStage::Customer,
                LifecycleStage::Repeat,
            ]
            .map(|stage| lifecycle_stage(stage, Language::SimplifiedChinese)),
        )
        .chain(
            [
                BusinessType::Importer,
                BusinessType::Wholesaler,
                BusinessType::Retailer,
                BusinessType::Brand,
                BusinessType::Distributor,
                BusinessType::Manufacturer,
            ]
            .map(|kind| business_type(kind, Language::SimplifiedChinese)),
        )
        .chain(company_names(Language::SimplifiedChinese));
    for name in names {
        assert!(has_han(name), "{name} is not Chinese");
    }
}

#[test]
fn plural_categories_follow_cldr() {
    assert_eq!(plural_category(Language::English, 1), PluralCategory::One);
    assert_eq!(plural_category(Language::English, 0), PluralCategory::Other);
    assert_eq!(plural_category(Language::English, 2), PluralCategory::Other);
    assert_eq!(
        plural_category(Language::SimplifiedChinese, 1),
        PluralCategory::Other
    );
}

#[test]
fn fill_replaces_every_placeholder() {
    assert_eq!(
        fill(
            "Showing {shown} of {total}",
            &[("shown", "50"), ("total", "1,204")]
        ),
        "Showing 50 of 1,204"
    );
}

/// Attributes whose literal values are markup plumbing, never shown to users.
const PLUMBING_ATTRIBUTES: &[&str] = &[
    "class",
    "part",
    "type",
    "role",
    "id",
    "name",
    "for",
    "autocomplete",
    // `ChoiceSelect`'s `data-test` for the browser tests.
    "test_id",
    // Form fields' JSON pointer and input type (`TextField`).
    "field",
    "kind",
    // A file input's accepted types.
    "accept",
    "inputmode",
    "tabindex",
    "dir",
    "aria-live",
    "aria-hidden",
    "aria-atomic",
    "rel",
    "target",
    "min",
    "max",
    "step",
    "pattern",
    "scope",
    "viewBox",
    "fill",
    "d",
    "width",
    "height",
    "stroke",
    "stroke-width",
    "xmlns",
    "focusable",
    "aria-current",
    "aria-busy",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-invalid",
    "datetime",
];

/// The string literals in `view!` macros of `source` that are not the value of a
/// plumbing attribute (or a `data-*` attribute): each would be untranslated UI text.
fn literal_ui_strings(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find("view! {") {
        let body = &rest[start + "view! {".len()..];
        let mut depth = 1;
        let mut end = body.len();
        let mut chars = body.char_indices().peekable();
        let mut in_string: Option<usize> = None;
        while let Some((index, c)) = chars.next() {
            match (in_string, c) {
                (Some(_), '\\') => {
                    chars.next();
                }
                (Some(open), '"') => {
                    let before = body[..open].trim_end();
                    let attribute = before
                        .strip_suffix('=')
                        .map(|name| {
                            name.rsplit(|c: char| c.is_whitespace() || c == '<')
                                .next()
                                .unwrap_or_default()
                        })
                        .unwrap_or_default();
                    let plumbing = PLUMBING_ATTRIBUTES.contains(&attribute)
                        || attribute.starts_with("data-")
                        || attribute.starts_with("class:");
                    let literal = &body[open + 1..index];
                    let words = literal.chars().any(char::is_alphabetic)
                        && !matches!(literal, "true" | "false");
                    // `("name", value)`: the key of a placeholder, not text.
                    let placeholder_key =
                        body[..open].ends_with('(') && body[index + 1..].starts_with(',');
                    if !plumbing && words && !placeholder_key {
                        found.push(body[open..=index].to_owned());
                    }
                    in_string = None;
                }
                (Some(_), _) => {}
                (None, '"') => in_string = Some(index),
                (None, '{') => depth += 1,
                (None, '}') => {
                    depth -= 1;
                    if depth == 0 {
                        end = index;
                        break;
                    }
                }
                (None, _) => {}
            }
        }
        rest = &body[end..];
    }
    found
}

fn rust_files(directory: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(directory).expect("source directory is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
}

#[test]
fn components_contain_no_literal_ui_text() {
    let source_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&source_root, &mut files);
    assert!(files.len() > 5, "found only {files:?}");
    let mut offenders = Vec::new();
    for file in files
        .iter()
        .filter(|file| !file.starts_with(source_root.join("i18n")))
    {
        let source = std::fs::read_to_string(file).expect("source file is readable");
        for literal in literal_ui_strings(&source) {
            offenders.push(format!("{}: {literal}", file.display()));
        }
    }
    assert!(
        offenders.is_empty(),
        "literal UI text outside the catalog:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_scanner_finds_text_nodes_and_labels_but_not_plumbing() {
    let source = r#"view! { <p class="x" data-test="y">"Hello"</p><b aria-label="Close">{f(&[("n", "x")])}</b> }"#;
    assert_eq!(
        literal_ui_strings(source),
        vec!["\"Hello\"", "\"Close\"", "\"x\""]
    );
}
