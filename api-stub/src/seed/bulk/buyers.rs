//! Generated buyers: where they are (the demo's countries and cities, with the
//! language the demo's buyers there write), their names, companies and e-mail
//! addresses, drawn from [`super::regions`].

use super::regions::{self, Region, Trade};
use crate::seed::random::Random;
use crate::seed::{Writes, brightway, evergreen};

/// A country, a city in it, and the language buyers there write to the demo members.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Location {
    pub(super) country: &'static str,
    pub(super) city: &'static str,
    pub(super) writes: Writes,
}

/// Every place a demo buyer (walk-in or customer, of either demo member) is from,
/// once, in the order of the demo's tables.
pub(super) fn locations() -> Vec<Location> {
    let mut found: Vec<Location> = Vec::new();
    for member in [&brightway::MEMBER, &evergreen::MEMBER] {
        let walk_ins = member
            .walk_ins
            .iter()
            .map(|walk_in| (walk_in.2, walk_in.3, walk_in.4));
        let customers = member
            .all_customers()
            .map(|customer| (customer.1, customer.2, customer.8));
        for (country, city, writes) in walk_ins.chain(customers) {
            if !found
                .iter()
                .any(|location| location.country == country && location.city == city)
            {
                found.push(Location {
                    country,
                    city,
                    writes,
                });
            }
        }
    }
    found
}

/// A person's name as shown, and the ASCII words an e-mail address is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Person {
    pub(super) name: String,
    pub(super) given_ascii: String,
    pub(super) family_ascii: String,
    pub(super) family: &'static str,
}

/// A person of `region`, e.g. `Klaus Weber`, `Chen Wei (陈伟)`, `Omar Haddad (عمر حداد)`.
pub(super) fn person(random: &mut Random, region: &Region) -> Person {
    let (given, given_native) = random.pick(region.given).copied().unwrap_or(("Alex", ""));
    let (family, family_native) = random.pick(region.family).copied().unwrap_or(("Lee", ""));
    let mut name = if region.family_first {
        [family, " ", given].concat()
    } else {
        [given, " ", family].concat()
    };
    // East Asian buyers sign with both spellings; about half the Arabic ones do.
    let native = !given_native.is_empty()
        && !family_native.is_empty()
        && (region.family_first || random.chance(0.5));
    if native {
        let spelled = if region.family_first {
            [family_native, given_native].concat()
        } else {
            [given_native, " ", family_native].concat()
        };
        name = [name.as_str(), " (", &spelled, ")"].concat();
    }
    Person {
        name,
        given_ascii: ascii_word(given),
        family_ascii: ascii_word(family),
        family,
    }
}

/// A company of `region` in `city` trading in `trade`'s goods.
pub(super) fn company(random: &mut Random, region: &Region, city: &str, trade: Trade) -> String {
    let pattern = random.pick(region.companies).copied().unwrap_or("{family}");
    let family = random
        .pick(region.family)
        .map_or("Lee", |(family, _)| *family);
    let words = regions::trade_words(trade, region.trade_language);
    let trade_word = random.pick(words).copied().unwrap_or("Trading");
    pattern
        .replace("{family}", family)
        .replace("{city}", city)
        .replace("{trade}", trade_word)
}

/// The web domain of `company` in `country`, e.g. `weber-licht.de`.
pub(super) fn company_domain(company: &str, country: &str) -> String {
    const LEGAL_FORMS: [&str; 30] = [
        "gmbh", "ltd", "co", "inc", "sa", "sl", "sarl", "sas", "kg", "ek", "llc", "est", "pvt",
        "bv", "ab", "srl", "spa", "ltda", "as", "sti", "kk", "corp", "pte", "sp", "z", "o", "oo",
        "and", "y", "i",
    ];
    let words: Vec<String> = company
        .split(|character: char| character.is_whitespace() || character == '&' || character == ',')
        .map(ascii_word)
        .filter(|word| word.len() > 1 && !LEGAL_FORMS.contains(&word.as_str()))
        .take(2)
        .collect();
    let name = if words.is_empty() {
        "trading".to_owned()
    } else {
        words.join("-")
    };
    [name.as_str(), ".", regions::top_level_domain(country)].concat()
}

/// An e-mail address of `person`: at their company's domain, or at a free mail
/// provider of their region with a number to make it unique.
pub(super) fn email(
    random: &mut Random,
    person: &Person,
    region: &Region,
    company_domain: Option<&str>,
) -> String {
    match company_domain {
        Some(domain) => {
            let local = if random.chance(0.5) {
                [person.given_ascii.as_str(), ".", &person.family_ascii].concat()
            } else {
                let initial = person.given_ascii.get(..1).unwrap_or("x");
                [initial, ".", &person.family_ascii].concat()
            };
            [local.as_str(), "@", domain].concat()
        }
        None => {
            let provider = random
                .pick(region.free_mail)
                .copied()
                .unwrap_or("gmail.com");
            format!(
                "{}.{}{}@{provider}",
                person.given_ascii,
                person.family_ascii,
                random.between(1, 999)
            )
        }
    }
}

/// `word` in lower-case ASCII letters and digits: accents dropped (`Müller` →
/// `muller`, `Lefèvre` → `lefevre`), anything else left out.
pub(super) fn ascii_word(word: &str) -> String {
    let mut ascii = String::with_capacity(word.len());
    for character in word.chars() {
        let folded = match character {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ą' | 'À' | 'Á' | 'Â' | 'Ä' => "a",
            'ç' | 'ć' | 'č' | 'Ç' | 'Č' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'ę' | 'É' | 'È' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ı' | 'İ' | 'Í' => "i",
            'ñ' | 'ń' | 'Ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ö' | 'Ó' => "o",
            'ù' | 'ú' | 'û' | 'ü' | 'Ü' | 'Ú' => "u",
            'ý' | 'ÿ' => "y",
            'ś' | 'ş' | 'š' | 'Ş' | 'Š' | 'Ś' => "s",
            'ź' | 'ż' | 'ž' | 'Ż' | 'Ž' => "z",
            'ł' | 'Ł' => "l",
            'ğ' => "g",
            'ß' => "ss",
            'æ' => "ae",
            other if other.is_ascii_alphanumeric() => {
                ascii.push(other.to_ascii_lowercase());
                continue;
            }
            _ => continue,
        };
        ascii.push_str(folded);
    }
    ascii
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_come_from_the_demo_and_are_unique() {
        let locations = locations();
        assert!(locations.len() > 40, "{}", locations.len());
        assert!(locations.iter().any(|location| location.city == "Hamburg"));
        for (index, location) in locations.iter().enumerate() {
            assert_eq!(location.country.len(), 2);
            assert!(!locations[..index].contains(location), "{location:?} twice");
        }
    }

    #[test]
    fn names_and_addresses_read_naturally() {
        assert_eq!(ascii_word("Müller-Lüdenscheidt"), "mullerludenscheidt");
        assert_eq!(ascii_word("Wiśniewski"), "wisniewski");
        assert_eq!(company_domain("Weber Licht GmbH", "DE"), "weber-licht.de");
        assert_eq!(
            company_domain("Établissements Lefèvre", "FR"),
            "etablissements-lefevre.fr"
        );
        assert_eq!(
            company_domain("Harbour LED Pte Ltd", "SG"),
            "harbour-led.sg"
        );
        let mut random = Random::new(5);
        for region in regions::REGIONS {
            let person = person(&mut random, region);
            assert!(!person.given_ascii.is_empty() && !person.family_ascii.is_empty());
            let address = email(&mut random, &person, region, None);
            assert!(address.contains('@') && address.is_ascii(), "{address}");
        }
        let chinese = regions::region_of("HK");
        assert!(person(&mut random, chinese).name.ends_with(')'));
    }
}
