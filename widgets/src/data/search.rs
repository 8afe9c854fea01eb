//! Free-text search over cached inquiries, as the inbox's search box does it:
//! every word of the query must appear (case-insensitively, anywhere, so parts
//! of words and Chinese text match too) in the buyer's name or company, the
//! subject, the message preview, the product, the tags or the country code.
//! Plain Rust, tested natively.

use contract::inquiry::InquirySummary;

/// The words of `query`, lowercased; none for a blank query.
pub(crate) fn query_words(query: &str) -> Vec<String> {
    query.split_whitespace().map(str::to_lowercase).collect()
}

/// Whether whatever matches `new` also matches `old` (each old word is part of
/// a new one), so that a search for `new` need only look among `old`'s results.
pub(crate) fn refines(new: &[String], old: &[String]) -> bool {
    old.iter()
        .all(|old| new.iter().any(|new| new.contains(old.as_str())))
}

/// What a query is matched against, lowercased, fields separated by a newline
/// (so no word matches across two fields).
pub(crate) fn haystack(inquiry: &InquirySummary) -> String {
    let mut text = [
        inquiry.buyer.name.as_str(),
        inquiry.buyer.company.as_str(),
        inquiry.subject.as_str(),
        inquiry.preview.as_str(),
        inquiry.product_name.as_deref().unwrap_or_default(),
        inquiry.buyer.country.as_str(),
    ]
    .join("\n");
    for tag in &inquiry.tags {
        text.push('\n');
        text.push_str(tag);
    }
    text.to_lowercase()
}

/// Whether every word is in `haystack`.
pub(crate) fn matches(haystack: &str, words: &[String]) -> bool {
    words.iter().all(|word| haystack.contains(word.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::fixtures;

    fn inquiry() -> InquirySummary {
        let mut inquiry = fixtures::inquiry();
        inquiry.product_name = Some("LED Panel Light 600×600".into());
        inquiry.subject = "询价：面板灯".into();
        inquiry.preview = "Price for 500 pieces, CIF Lagos?".into();
        inquiry.tags = vec!["sample".into(), "repeat buyer".into()];
        inquiry
    }

    fn finds(query: &str) -> bool {
        matches(&haystack(&inquiry()), &query_words(query))
    }

    #[test]
    fn a_query_refines_another_when_each_old_word_is_part_of_a_new_one() {
        let words = |query: &str| query_words(query);
        assert!(refines(&words("led panel"), &words("led pan")));
        assert!(refines(&words("led panel 600"), &words("led panel")));
        assert!(
            refines(&words("led"), &words("")),
            "everything refines nothing"
        );
        assert!(
            !refines(&words("led"), &words("led panel")),
            "fewer words widen"
        );
        assert!(!refines(&words("sample"), &words("led")));
    }

    #[test]
    fn every_word_must_match_somewhere() {
        assert!(finds("amina"));
        assert!(finds("LAGOS panel"), "case-insensitive, across fields");
        assert!(finds("pan"), "part of a word");
        assert!(finds("面板灯"), "Chinese text");
        assert!(finds("repeat"), "tags");
        assert!(finds("ng"), "country code");
        assert!(finds("   "), "a blank query matches everything");
        assert!(!finds("amina drills"), "every word must match");
    }
}
