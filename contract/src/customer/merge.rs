//! Customers that look like the same buyer, and merging them:
//! `GET /customers/{id}/duplicates` lists the member's other customers with the
//! same company e-mail domain or the same name once spelling and legal form are
//! set aside ([`company_key`]); `POST /customers/{id}/merge` folds one of them
//! into customer `id`.

use serde::{Deserialize, Serialize};

use super::CustomerSummary;
use crate::ids::CustomerId;

/// Another customer that looks like the same buyer, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DuplicateCandidate {
    /// The other customer.
    pub customer: CustomerSummary,
    /// The company e-mail domain both have (free mail never counts).
    pub same_email_domain: Option<String>,
    /// Both names are the same once case, accents, punctuation and the legal
    /// form ("GmbH", "Ltd", "Inc."…) are set aside.
    pub similar_name: bool,
}

/// `GET /customers/{id}/duplicates`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DuplicateList {
    /// The look-alikes, oldest customer first.
    pub items: Vec<DuplicateCandidate>,
}

/// `POST /customers/{id}/merge` (with the customer's `If-Match`): the duplicate's
/// inquiries, quotes, notes and activities, reminders, tags and the contacts the
/// customer does not have yet move to it; the profile fields it lacks are taken
/// from the duplicate; the duplicate is deleted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomerMerge {
    /// The customer folded in (and deleted).
    pub duplicate_id: CustomerId,
}

/// Legal forms and filler words that do not tell companies apart.
const LEGAL_FORMS: &[&str] = &[
    "ab",
    "ag",
    "as",
    "bv",
    "co",
    "company",
    "corp",
    "corporation",
    "gmbh",
    "inc",
    "incorporated",
    "kg",
    "limited",
    "llc",
    "llp",
    "ltd",
    "nv",
    "oy",
    "plc",
    "pte",
    "pty",
    "sa",
    "sarl",
    "sas",
    "sl",
    "spa",
    "srl",
    "the",
    "und",
    "and",
];

/// What two spellings of one company name have in common: lower case, Latin
/// accents and German umlauts spelled out (ü → ue), punctuation dropped, legal
/// forms left out. "Müller Handels GmbH" and "MUELLER HANDELS" share
/// "mueller handels".
#[must_use]
pub fn company_key(name: &str) -> String {
    let mut spelled = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => spelled.push_str("ae"),
            'ö' => spelled.push_str("oe"),
            'ü' => spelled.push_str("ue"),
            'ß' => spelled.push_str("ss"),
            'à' | 'á' | 'â' | 'ã' | 'å' => spelled.push('a'),
            'ç' => spelled.push('c'),
            'è' | 'é' | 'ê' | 'ë' => spelled.push('e'),
            'ì' | 'í' | 'î' | 'ï' => spelled.push('i'),
            'ñ' => spelled.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ø' => spelled.push('o'),
            'ù' | 'ú' | 'û' => spelled.push('u'),
            'ý' | 'ÿ' => spelled.push('y'),
            c if c.is_alphanumeric() => spelled.push(c),
            // "S.A." and "S. A." alike: dots join, everything else separates.
            '.' => {}
            _ => spelled.push(' '),
        }
    }
    spelled
        .split_whitespace()
        .filter(|word| !LEGAL_FORMS.contains(word))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_company_share_a_key() {
        assert_eq!(company_key("Müller Handels GmbH"), "mueller handels");
        assert_eq!(company_key("MUELLER HANDELS"), "mueller handels");
        assert_eq!(company_key("Mueller-Handels G.m.b.H."), "mueller handels");
        assert_eq!(
            company_key("Lumière Distribution SARL"),
            "lumiere distribution"
        );
        assert_eq!(company_key("Casa Luz S.A."), "casa luz");
        assert_eq!(company_key("宁波明辉照明有限公司"), "宁波明辉照明有限公司");
        assert_ne!(
            company_key("Lichtwerk Vertrieb GmbH"),
            company_key("Lichtwerk GmbH")
        );
        assert_eq!(company_key("GmbH"), "", "nothing left to compare");
    }
}
