//! The inquiry quality score: signals, points and their reasons, explainable.
//!
//! [`score`] is a pure function of the inquiry and a little context (is the buyer
//! a known customer, did the same text arrive recently). Every signal that
//! applies adds or removes a fixed number of points from [`BASE`] and leaves a
//! [`ScoreReason`] saying, in English, what was seen. The total is clamped to
//! 0..=100. Nothing else goes into the score, so the reasons always add up.
//!
//! | Signal | Points | When |
//! |--------|-------:|------|
//! | (start) | 30 | every inquiry |
//! | verified buyer | +15 | the portal verified the buyer |
//! | company domain | +10 | the e-mail is not from a free mail provider |
//! | free mail domain | −10 | gmail.com, qq.com, … |
//! | empty company | −10 | no company name given |
//! | known customer | +15 / +5 | already ordered / known but not yet ordered |
//! | quantity stated | +10 | a quantity was given |
//! | missing quantity | −5 | no quantity |
//! | detailed requirement | +10 | target price, trade term, destination or date |
//! | generic text | −15 / −30 | "send price list" / mass-mailing phrases |
//! | link only | −25 | a link and fewer than 10 other words |
//! | short message | −10 | fewer than 12 words (not counted again for a link) |
//! | repeated text | −20 | the same words arrived before within 30 days |

use contract::inquiry::{Requirement, ScoreReason, ScoreSignal};
use contract::quantity::{Quantity, Unit};

use crate::text::{email_domain, is_free_mail, word_count};

/// Where every score starts.
pub const BASE: i16 = 30;
/// The portal verified the buyer.
pub const VERIFIED_BUYER: i16 = 15;
/// Company mail.
pub const COMPANY_DOMAIN: i16 = 10;
/// Free mail.
pub const FREE_MAIL_DOMAIN: i16 = -10;
/// No company given.
pub const EMPTY_COMPANY: i16 = -10;
/// A customer who has ordered before.
pub const KNOWN_CUSTOMER_ORDERED: i16 = 15;
/// A customer record without orders yet (lead, prospect, sampling).
pub const KNOWN_CUSTOMER: i16 = 5;
/// A quantity was stated.
pub const QUANTITY_STATED: i16 = 10;
/// No quantity.
pub const MISSING_QUANTITY: i16 = -5;
/// Target price, trade term, destination or needed-by date.
pub const DETAILED_REQUIREMENT: i16 = 10;
/// "Send your price list."
pub const GENERIC_TEXT: i16 = -15;
/// Advertising, scams.
pub const MASS_MAILING: i16 = -30;
/// Hardly more than a link.
pub const LINK_ONLY: i16 = -25;
/// Very short.
pub const SHORT_MESSAGE: i16 = -10;
/// The same text came before.
pub const REPEATED_TEXT: i16 = -20;

/// Fewer words than this make a short message.
pub const SHORT_MESSAGE_WORDS: usize = 12;
/// How far back the same text counts as repeated.
pub const REPEAT_WINDOW_DAYS: i64 = 30;

/// Requests for a price list or catalogue without saying what for.
const GENERIC_PHRASES: [&str; 9] = [
    "price list",
    "pricelist",
    "send catalog",
    "send catalogue",
    "send me catalog",
    "send me your catalog",
    "your catalogue",
    "your catalog",
    "latest price",
];

/// Phrases of advertising and scams that reach every portal inbox.
const MASS_MAILING_PHRASES: [&str; 14] = [
    "seo",
    "website traffic",
    "google first page",
    "crypto",
    "bitcoin",
    "usdt",
    "investment opportunity",
    "bank account",
    "compensation fund",
    "lottery",
    "you have been selected",
    "dear business owner",
    "special offer only",
    "passport copy",
];

/// A buyer the member already has a customer record of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownCustomer<'a> {
    /// The customer's name.
    pub name: &'a str,
    /// Whether they have ordered (stage customer or repeat).
    pub has_ordered: bool,
}

/// What the score looks at.
#[derive(Clone, Copy, Debug)]
pub struct ScoreInput<'a> {
    /// The buyer's e-mail address.
    pub email: &'a str,
    /// The buyer's company; may be empty.
    pub company: &'a str,
    /// Whether the portal verified the buyer.
    pub verified: bool,
    /// The buyer's message.
    pub message: &'a str,
    /// What the buyer stated they need.
    pub requirement: &'a Requirement,
    /// The customer the buyer was linked to, when it existed before this inquiry.
    pub known_customer: Option<KnownCustomer<'a>>,
    /// How many inquiries with the same text the member received in the
    /// [`REPEAT_WINDOW_DAYS`] before this one.
    pub same_text_before: u32,
}

/// A score and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Score {
    /// 0 (spam) to 100.
    pub value: u8,
    /// Every signal that applied, in the order checked.
    pub reasons: Vec<ScoreReason>,
}

/// Scores an inquiry. See the module documentation for the table of signals.
pub fn score(input: &ScoreInput<'_>) -> Score {
    let mut reasons = Vec::new();
    let mut add = |signal: ScoreSignal, points: i16, detail: String| {
        reasons.push(ScoreReason {
            signal,
            points,
            detail,
        });
    };

    if input.verified {
        add(
            ScoreSignal::VerifiedBuyer,
            VERIFIED_BUYER,
            "the portal verified the buyer".to_owned(),
        );
    }
    if let Some(domain) = email_domain(input.email) {
        if is_free_mail(&domain) {
            add(
                ScoreSignal::FreeMailDomain,
                FREE_MAIL_DOMAIN,
                format!("writes from the free mail provider {domain}"),
            );
        } else {
            add(
                ScoreSignal::CompanyDomain,
                COMPANY_DOMAIN,
                format!("writes from the company domain {domain}"),
            );
        }
    }
    if input.company.trim().is_empty() {
        add(
            ScoreSignal::EmptyCompany,
            EMPTY_COMPANY,
            "gave no company name".to_owned(),
        );
    }
    if let Some(customer) = input.known_customer {
        if customer.has_ordered {
            add(
                ScoreSignal::KnownCustomer,
                KNOWN_CUSTOMER_ORDERED,
                format!("{} has ordered before", customer.name),
            );
        } else {
            add(
                ScoreSignal::KnownCustomer,
                KNOWN_CUSTOMER,
                format!("{} is already in the customer base", customer.name),
            );
        }
    }
    match &input.requirement.quantity {
        Some(quantity) => add(
            ScoreSignal::QuantityStated,
            QUANTITY_STATED,
            format!("asks for {}", describe_quantity(quantity)),
        ),
        None => add(
            ScoreSignal::MissingQuantity,
            MISSING_QUANTITY,
            "states no quantity".to_owned(),
        ),
    }
    let details = requirement_details(input.requirement);
    if !details.is_empty() {
        add(
            ScoreSignal::DetailedRequirement,
            DETAILED_REQUIREMENT,
            format!("states {}", details.join(", ")),
        );
    }

    let lower = input.message.to_lowercase();
    let words = word_count(input.message);
    if let Some(phrase) = find_phrase(&lower, &MASS_MAILING_PHRASES) {
        add(
            ScoreSignal::GenericText,
            MASS_MAILING,
            format!("reads like a mass mailing (\"{phrase}\")"),
        );
    } else if let Some(phrase) = find_phrase(&lower, &GENERIC_PHRASES)
        && words < 50
    {
        add(
            ScoreSignal::GenericText,
            GENERIC_TEXT,
            format!("reads like a generic request (\"{phrase}\")"),
        );
    }
    let links: Vec<&str> = input
        .message
        .split_whitespace()
        .filter(|word| is_link(word))
        .collect();
    let other_words: usize = input
        .message
        .split_whitespace()
        .filter(|word| !is_link(word))
        .map(word_count)
        .sum();
    if let Some(link) = links.first()
        && other_words < 10
    {
        add(
            ScoreSignal::LinkOnly,
            LINK_ONLY,
            format!("is hardly more than a link ({})", shorten(link, 60)),
        );
    } else if words < SHORT_MESSAGE_WORDS {
        add(
            ScoreSignal::ShortMessage,
            SHORT_MESSAGE,
            format!("is only {words} words long"),
        );
    }
    if input.same_text_before > 0 {
        let times = match input.same_text_before {
            1 => "once".to_owned(),
            2 => "twice".to_owned(),
            many => format!("{many} times"),
        };
        add(
            ScoreSignal::RepeatedText,
            REPEATED_TEXT,
            format!("the same text arrived {times} in the last {REPEAT_WINDOW_DAYS} days"),
        );
    }

    let total = reasons
        .iter()
        .fold(BASE, |total, reason| total.saturating_add(reason.points));
    Score {
        value: u8::try_from(total.clamp(0, 100)).unwrap_or_default(),
        reasons,
    }
}

/// The first phrase of `phrases` found in `lower` as whole words.
fn find_phrase(lower: &str, phrases: &[&'static str]) -> Option<&'static str> {
    phrases.iter().copied().find(|phrase| {
        lower.match_indices(phrase).any(|(start, _)| {
            let before = lower[..start].chars().next_back();
            let after = lower[start + phrase.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

fn is_link(word: &str) -> bool {
    let word = word
        .trim_start_matches(['(', '<', '"', '\''])
        .to_ascii_lowercase();
    word.starts_with("http://") || word.starts_with("https://") || word.starts_with("www.")
}

fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => [&text[..cut], "…"].concat(),
        None => text.to_owned(),
    }
}

/// `2,000 pcs`-like text, in English, for reasons.
fn describe_quantity(quantity: &Quantity) -> String {
    let unit = match quantity.unit {
        Unit::Piece => "pcs",
        Unit::Set => "sets",
        Unit::Pair => "pairs",
        Unit::Box => "boxes",
        Unit::Carton => "cartons",
        Unit::Kilogram => "kg",
        Unit::Ton => "t",
        Unit::Meter => "m",
        Unit::SquareMeter => "m²",
        Unit::Liter => "l",
        Unit::Roll => "rolls",
        Unit::Container20ft => "× 20ft container",
        Unit::Container40ft => "× 40ft container",
    };
    [quantity.value.normalize().to_string().as_str(), " ", unit].concat()
}

/// What beyond the quantity the buyer stated, in English.
fn requirement_details(requirement: &Requirement) -> Vec<String> {
    let mut details = Vec::new();
    if let Some(price) = &requirement.target_price {
        details.push(format!(
            "a target price of {} {}",
            price.amount.normalize(),
            price.currency.code()
        ));
    }
    if let Some(incoterm) = requirement.incoterm {
        details.push(format!("the trade term {}", incoterm.code()));
    }
    if let Some(destination) = &requirement.destination {
        details.push(match &destination.place {
            Some(place) => format!("the destination {place}, {}", destination.country),
            None => format!("the destination country {}", destination.country),
        });
    }
    if let Some(date) = requirement.needed_by {
        details.push(format!("a needed-by date ({date})"));
    }
    details
}

#[cfg(test)]
mod tests;
