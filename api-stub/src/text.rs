//! Text rules shared by handlers and the seed: list previews and e-mail domains.

/// How many characters of a message a list preview keeps.
pub const PREVIEW_CHARS: usize = 160;

/// Free mail providers: a customer's domain is only recorded for company mail.
const FREE_MAIL: [&str; 12] = [
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "live.com",
    "163.com",
    "126.com",
    "qq.com",
    "mail.ru",
    "aol.com",
    "icloud.com",
];

/// Whether `domain` is a free mail provider.
pub fn is_free_mail(domain: &str) -> bool {
    FREE_MAIL.contains(&domain)
}

/// The lower-case domain of an e-mail address, unless it is a free mail provider.
pub fn company_email_domain(email: &str) -> Option<String> {
    let domain = email.rsplit_once('@')?.1.trim().to_ascii_lowercase();
    (!domain.is_empty() && !is_free_mail(&domain)).then_some(domain)
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
        assert_eq!(company_email_domain("no-at-sign"), None);
    }
}
