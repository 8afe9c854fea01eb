//! Text rules shared by handlers and the seed: list previews, e-mail domains,
//! message fingerprints, word counts and language guesses. Full-text search is
//! [`crate::search`].

use sha2::{Digest, Sha256};

/// How many characters of a message a list preview keeps.
pub const PREVIEW_CHARS: usize = 160;

/// Free mail providers: a customer's domain is only recorded for company mail.
const FREE_MAIL: [&str; 24] = [
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.co.uk",
    "yahoo.fr",
    "hotmail.com",
    "hotmail.co.uk",
    "hotmail.fr",
    "outlook.com",
    "live.com",
    "msn.com",
    "163.com",
    "126.com",
    "qq.com",
    "sina.com",
    "mail.ru",
    "yandex.ru",
    "aol.com",
    "icloud.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "protonmail.com",
    "proton.me",
];

/// Whether `domain` is a free mail provider.
pub fn is_free_mail(domain: &str) -> bool {
    FREE_MAIL.contains(&domain.to_ascii_lowercase().as_str())
}

/// The lower-case domain of an e-mail address, whatever it is.
pub fn email_domain(email: &str) -> Option<String> {
    let domain = email.rsplit_once('@')?.1.trim().to_ascii_lowercase();
    (!domain.is_empty()).then_some(domain)
}

/// The lower-case domain of an e-mail address, unless it is a free mail provider.
pub fn company_email_domain(email: &str) -> Option<String> {
    email_domain(email).filter(|domain| !is_free_mail(domain))
}

/// The start of `message` on one line: whitespace collapsed, cut at a character
/// boundary with an ellipsis when longer than [`PREVIEW_CHARS`].
pub fn preview(message: &str) -> String {
    let words: Vec<&str> = message.split_whitespace().collect();
    let flat = words.join(" ");
    match flat.char_indices().nth(PREVIEW_CHARS) {
        Some((cut, _)) => [flat[..cut].trim_end(), "…"].concat(),
        None => flat,
    }
}

/// Whether `character` belongs to a script written without spaces between words
/// (Han ideographs, kana): each such character is its own search token.
pub(crate) fn is_unspaced(character: char) -> bool {
    matches!(
        u32::from(character),
        0x3040..=0x30FF // Hiragana, Katakana
            | 0x31F0..=0x31FF // Katakana extensions
            | 0x3400..=0x4DBF // CJK extension A
            | 0x4E00..=0x9FFF // CJK unified ideographs
            | 0xF900..=0xFAFF // CJK compatibility ideographs
            | 0x20000..=0x3134F // CJK extensions B to G
    )
}

/// Letters and digits only, lower case, one space between words: what stays
/// the same when a text is copied into another message.
fn normalise(text: &str) -> String {
    let mut normal = String::with_capacity(text.len());
    let mut pending_space = false;
    for character in text.chars() {
        if character.is_alphanumeric() {
            if pending_space && !normal.is_empty() {
                normal.push(' ');
            }
            pending_space = false;
            normal.extend(character.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    normal
}

/// A fingerprint of a message's words (SHA-256 hex of its normalised text), equal
/// for texts that differ only in case, punctuation and spacing; `None` for a text
/// without a word.
pub fn message_fingerprint(message: &str) -> Option<String> {
    let normal = normalise(message);
    (!normal.is_empty()).then(|| hex::encode(Sha256::digest(normal.as_bytes())))
}

/// How many words `text` has: runs of letters and digits, where two Han or kana
/// characters count as one word (a common rule of thumb for Chinese).
pub fn word_count(text: &str) -> usize {
    let mut words = 0usize;
    let mut unspaced = 0usize;
    let mut in_word = false;
    for character in text.chars() {
        if is_unspaced(character) {
            unspaced += 1;
            in_word = false;
        } else if character.is_alphanumeric() {
            if !in_word {
                words += 1;
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    words + unspaced.div_ceil(2)
}

/// A best guess at the language (BCP 47) of a buyer's message, for messages whose
/// sender did not say: Chinese, Japanese and Arabic by their script, English,
/// German, Spanish and French by their most common small words. `None` when
/// unsure.
pub fn guess_language(text: &str) -> Option<&'static str> {
    let mut han = 0usize;
    let mut kana = 0usize;
    let mut arabic = 0usize;
    for character in text.chars() {
        match u32::from(character) {
            0x3040..=0x30FF | 0x31F0..=0x31FF => kana += 1,
            code if is_unspaced(character) && code >= 0x3400 => han += 1,
            0x0600..=0x06FF | 0x0750..=0x077F => arabic += 1,
            _ => {}
        }
    }
    if kana > 0 {
        return Some("ja");
    }
    if han >= 2 {
        return Some("zh");
    }
    if arabic >= 4 {
        return Some("ar");
    }
    const MARKERS: [(&str, &[&str]); 4] = [
        (
            "en",
            &[
                "the", "and", "we", "please", "you", "your", "for", "of", "our", "is",
            ],
        ),
        (
            "de",
            &[
                "und", "wir", "bitte", "sie", "ihr", "ihre", "für", "mit", "der", "die",
            ],
        ),
        (
            "es",
            &[
                "y",
                "para",
                "de",
                "los",
                "las",
                "el",
                "nos",
                "su",
                "por",
                "necesitamos",
            ],
        ),
        (
            "fr",
            &[
                "et", "nous", "pour", "vous", "le", "les", "des", "votre", "merci", "de",
            ],
        ),
    ];
    let normal = normalise(text);
    let words: Vec<&str> = normal.split(' ').collect();
    let mut best: Option<(&'static str, usize)> = None;
    for (language, markers) in MARKERS {
        let hits = words.iter().filter(|word| markers.contains(word)).count();
        if hits >= 2 && best.is_none_or(|(_, most)| hits > most) {
            best = Some((language, hits));
        }
    }
    best.map(|(language, _)| language)
}

/// Whether `tag` looks like a BCP 47 language tag (`en`, `zh-Hans`, `pt-BR`):
/// letters and digits in parts of 1 to 8, separated by hyphens, starting with a
/// 2- or 3-letter language.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok = parts.next().is_some_and(|primary| {
        (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic())
    });
    primary_ok
        && tag.len() <= 35
        && parts.all(|part| {
            (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_are_one_line_and_cut_on_characters() {
        assert_eq!(
            preview("Hello,\n\n  we need   panels."),
            "Hello, we need panels."
        );
        let long = "灯".repeat(200);
        let cut = preview(&long);
        assert_eq!(cut.chars().count(), PREVIEW_CHARS + 1);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn only_company_mail_gives_a_domain() {
        assert_eq!(
            company_email_domain("K.Mueller@Mueller-Handel.DE"),
            Some("mueller-handel.de".into())
        );
        assert_eq!(company_email_domain("someone@gmail.com"), None);
        assert_eq!(company_email_domain("someone@GMX.de"), None);
        assert_eq!(company_email_domain("no-at-sign"), None);
        assert_eq!(email_domain("a@QQ.com"), Some("qq.com".into()));
    }

    #[test]
    fn fingerprints_ignore_case_punctuation_and_spacing() {
        let first = message_fingerprint("Dear friend, you WON  $1,000!!!");
        let second = message_fingerprint("dear friend you won 1 000");
        assert!(first.is_some());
        assert_eq!(first, second);
        assert_ne!(first, message_fingerprint("dear friend you won 2 000"));
        assert_eq!(message_fingerprint("?!"), None);
    }

    #[test]
    fn words_are_counted_in_every_script() {
        assert_eq!(word_count("Please quote 2,000 pcs."), 5);
        assert_eq!(word_count("我们想采购"), 3);
        assert_eq!(word_count("  "), 0);
    }

    #[test]
    fn languages_are_guessed_from_script_or_small_words() {
        assert_eq!(guess_language("您好，我们想采购LED面板灯"), Some("zh"));
        assert_eq!(guess_language("نرغب في الحصول على عرض سعر"), Some("ar"));
        assert_eq!(
            guess_language("Wir sind ein Händler und bitten um ein Angebot für Sie"),
            Some("de")
        );
        assert_eq!(
            guess_language("Please send your best price for the panels"),
            Some("en")
        );
        assert_eq!(
            guess_language("Bonjour, nous voulons un devis pour vous merci"),
            Some("fr")
        );
        assert_eq!(guess_language("OK"), None);
    }

    #[test]
    fn language_tags_are_checked_for_shape() {
        for good in ["en", "zh-Hans", "pt-BR", "es-419"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in ["", "e", "english!", "zh_CN", "en-", "x-toolongpart"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
