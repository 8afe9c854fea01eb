//! The profile details of the seeded customers that the customer tables leave out:
//! industry, size, verification, source, tags, and per contact the buying role,
//! phone, messenger accounts, language and preferred channel. Derived by fixed
//! rules from what the tables say (country, tier, stage, business type, titles),
//! with a few hand-written additions, so every run gives the same data.

use contract::customer::{
    BusinessType, BuyingRole, CompanySize, ContactChannel, CustomerSource, LifecycleStage,
    MessengerKind, Tier,
};

use crate::seed::{CustomerSeed, MemberSeed, Writes, stable_id};

/// What the seed adds to a customer.
pub(super) struct Profile {
    pub(super) industry: &'static str,
    pub(super) size: CompanySize,
    pub(super) verified: bool,
    pub(super) source: CustomerSource,
    pub(super) tags: Vec<&'static str>,
}

/// What the seed adds to a contact.
pub(super) struct ContactDetails {
    pub(super) buying_role: BuyingRole,
    pub(super) phones: Vec<String>,
    pub(super) messengers: Vec<(MessengerKind, String)>,
    pub(super) language: &'static str,
    pub(super) preferred_channel: ContactChannel,
}

/// A contact the customer tables do not have: customer, name, title, buying role,
/// e-mail.
pub(super) type ExtraContact = (
    &'static str,
    &'static str,
    &'static str,
    BuyingRole,
    &'static str,
);

/// More people at some partnership customers: accounts and quality people.
#[rustfmt::skip]
pub(super) const EXTRA_CONTACTS: &[ExtraContact] = &[
    ("Müller Handels GmbH", "Jana Peters", "Buchhaltung", BuyingRole::Finance, "j.peters@mueller-handels.de"),
    ("Bright Future Imports Inc.", "Robert Hayes", "QA Engineer", BuyingRole::Technical, "rhayes@brightfutureimports.com"),
    ("Sunrise Trading LLC", "Fatima Al Zaabi", "Accounts Manager", BuyingRole::Finance, "fatima@sunrisetrading.ae"),
    ("HomeStyle Retail Group", "Linda Park", "Quality Assurance", BuyingRole::Technical, "lpark@homestyleretail.com"),
];

/// A number from 0 to 255 fixed by `key`, for choices that should look varied.
fn pick(key: &str) -> u8 {
    stable_id(key).as_bytes()[0]
}

pub(super) fn profile(member: &MemberSeed, customer: &CustomerSeed) -> Profile {
    let (name, country, _, _, business_type, tier, stage, _, _, _) = *customer;
    let lighting = member.key == "brightway";
    let variant = pick(name);
    let industry = match (lighting, business_type) {
        _ if name == "Müller Handels GmbH" => "Lighting import and wholesale",
        (true, BusinessType::Importer) => "Lighting import",
        (true, BusinessType::Wholesaler) => "Electrical wholesale",
        (true, BusinessType::Distributor) => "Lighting distribution",
        (true, BusinessType::Retailer) => "DIY and lighting retail",
        (true, BusinessType::Brand) => "Lighting brand",
        (true, BusinessType::Manufacturer) => "Facility management",
        (false, BusinessType::Importer) => "Housewares import",
        (false, BusinessType::Wholesaler) => "Housewares wholesale",
        (false, BusinessType::Distributor) => "Housewares distribution",
        (false, BusinessType::Retailer) => "Home and kitchen retail",
        (false, BusinessType::Brand) => "Kitchenware brand",
        (false, BusinessType::Manufacturer) => "Kitchenware manufacturing",
    };
    let size = match (tier, stage) {
        (Tier::Partnership, _) if variant.is_multiple_of(3) => CompanySize::Large,
        (Tier::Partnership, _) => CompanySize::Medium,
        (_, LifecycleStage::Customer | LifecycleStage::Repeat) if variant.is_multiple_of(2) => {
            CompanySize::Medium
        }
        (_, LifecycleStage::Lead) if variant.is_multiple_of(2) => CompanySize::Micro,
        _ => CompanySize::Small,
    };
    let verified = match stage {
        LifecycleStage::Customer | LifecycleStage::Repeat => true,
        LifecycleStage::Sampling | LifecycleStage::Prospect => variant.is_multiple_of(2),
        LifecycleStage::Lead => false,
    };
    let source = match (tier, stage) {
        (Tier::Partnership, _) if variant.is_multiple_of(2) => CustomerSource::TradeShow,
        (Tier::Partnership, _) => CustomerSource::Referral,
        (_, LifecycleStage::Prospect) if variant.is_multiple_of(3) => CustomerSource::Website,
        (_, LifecycleStage::Customer) if variant.is_multiple_of(4) => CustomerSource::TradeShow,
        _ => CustomerSource::PortalInquiry,
    };
    let mut tags = Vec::new();
    if tier == Tier::Partnership {
        tags.push("key account");
    }
    match stage {
        LifecycleStage::Lead => tags.push("new lead"),
        LifecycleStage::Sampling => tags.push("samples sent"),
        LifecycleStage::Repeat => tags.push("repeat buyer"),
        LifecycleStage::Prospect | LifecycleStage::Customer => {}
    }
    if lighting {
        match country {
            "DE" | "FR" | "ES" | "IT" | "PL" | "NL" => tags.push("CE required"),
            "GB" => tags.push("UKCA required"),
            "US" => tags.push("UL/DLC required"),
            "AU" => tags.push("SAA required"),
            "SA" => tags.extend(["GCC", "SASO required"]),
            "AE" => tags.push("GCC"),
            _ => {}
        }
        if business_type == BusinessType::Distributor {
            tags.push("project business");
        }
        if name == "Müller Handels GmbH" {
            tags.extend(["DALI dimming", "tender pending"]);
        }
    } else {
        match country {
            "DE" => tags.push("LFGB required"),
            "US" => tags.push("FDA food contact"),
            _ => {}
        }
        if matches!(business_type, BusinessType::Brand | BusinessType::Retailer) {
            tags.push("private label");
        }
    }
    Profile {
        industry,
        size,
        verified,
        source,
        tags,
    }
}

/// The part a person plays, from their job title in any of the seed's languages.
pub(super) fn buying_role(title: &str) -> BuyingRole {
    let title = title.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|word| title.contains(word));
    if has(&[
        "einkauf",
        "procurement",
        "purchas",
        "buyer",
        "compras",
        "achats",
        "acheteuse",
        "acquisti",
        "zakup",
        "kupiec",
        "inkoper",
        "sourcing",
        "import",
        "merchandiser",
        "comex",
        "dış ticaret",
    ]) {
        BuyingRole::Procurement
    } else if has(&[
        "engineer",
        "technical",
        "tecnico",
        "product",
        "produit",
        "quality",
    ]) {
        BuyingRole::Technical
    } else if has(&["finance", "account", "buchhaltung"]) {
        BuyingRole::Finance
    } else if has(&[
        "geschäftsführer",
        "director",
        "owner",
        "inhaber",
        "ceo",
        "gérant",
        "manager",
        "titolare",
        "partner",
        "sócio",
        "dueño",
        "vp",
        "gerente",
    ]) {
        BuyingRole::DecisionMaker
    } else {
        BuyingRole::Other
    }
}

fn dialing_code(country: &str) -> &'static str {
    match country {
        "DE" => "49",
        "GB" => "44",
        "FR" => "33",
        "ES" => "34",
        "IT" => "39",
        "PL" => "48",
        "NL" => "31",
        "AE" => "971",
        "SA" => "966",
        "US" | "CA" => "1",
        "IN" => "91",
        "BR" => "55",
        "MX" => "52",
        "NG" => "234",
        "ZA" => "27",
        "AU" => "61",
        "JP" => "81",
        "KR" => "82",
        "TR" => "90",
        "VN" => "84",
        "CL" => "56",
        "SG" => "65",
        _ => "86",
    }
}

fn language(country: &str, writes: Writes) -> &'static str {
    match writes {
        Writes::De => "de",
        Writes::Es => "es",
        Writes::Fr => "fr",
        Writes::Ar => "ar",
        Writes::Zh => "zh-Hans",
        Writes::En => match country {
            "IT" => "it",
            "PL" => "pl",
            "NL" => "nl",
            "BR" => "pt-BR",
            "JP" => "ja",
            "KR" => "ko",
            "TR" => "tr",
            "VN" => "vi",
            _ => "en",
        },
    }
}

/// Details of contact `position` (0 is the main contact) named `name` with e-mail
/// `email` at `customer`.
pub(super) fn contact_details(
    customer: &CustomerSeed,
    position: usize,
    name: &str,
    title: &str,
    email: &str,
) -> ContactDetails {
    let (_, country, _, _, _, _, _, _, writes, _) = *customer;
    let digits: String = stable_id(&["phone/", name].concat())
        .as_bytes()
        .iter()
        .take(5)
        .map(|byte| format!("{:02}", byte % 100))
        .collect();
    let phone = [
        "+",
        dialing_code(country),
        " ",
        &digits[..3],
        " ",
        &digits[3..10],
    ]
    .concat();
    let compact: String = phone.chars().filter(|c| *c != ' ').collect();
    let local = email.split('@').next().unwrap_or_default().to_owned();
    let mut messengers = Vec::new();
    match country {
        "AE" | "SA" | "IN" | "BR" | "MX" | "NG" | "ZA" | "ES" | "IT" | "TR" | "CL" | "GB" => {
            messengers.push((MessengerKind::Whatsapp, compact));
        }
        "JP" => messengers.push((MessengerKind::Line, local.replace('.', "_"))),
        "SG" => messengers.push((
            MessengerKind::Wechat,
            ["wxid_", &local.replace('.', "")].concat(),
        )),
        "DE" | "NL" | "PL" if position == 0 => {
            messengers.push((MessengerKind::Skype, ["live:", &local].concat()));
        }
        _ => {}
    }
    let chats = messengers
        .iter()
        .any(|(kind, _)| *kind != MessengerKind::Skype);
    ContactDetails {
        buying_role: buying_role(title),
        phones: vec![phone],
        messengers,
        language: language(country, writes),
        preferred_channel: if chats {
            ContactChannel::Messenger
        } else {
            ContactChannel::Email
        },
    }
}

#[cfg(test)]
mod tests {
    use contract::customer::{ContactInput, Messenger};

    use super::*;
    use crate::seed::{brightway, evergreen};

    #[test]
    fn titles_map_to_buying_roles() {
        assert_eq!(buying_role("Geschäftsführer"), BuyingRole::DecisionMaker);
        assert_eq!(buying_role("Einkauf"), BuyingRole::Procurement);
        assert_eq!(buying_role("Director de Compras"), BuyingRole::Procurement);
        assert_eq!(buying_role("Projects Engineer"), BuyingRole::Technical);
        assert_eq!(buying_role("Buchhaltung"), BuyingRole::Finance);
        assert_eq!(buying_role("Logistics"), BuyingRole::Other);
    }

    #[test]
    fn every_seeded_contact_and_profile_is_valid() {
        for member in [&brightway::MEMBER, &evergreen::MEMBER] {
            for customer in member.all_customers() {
                let profile = profile(member, customer);
                let tags: Vec<String> = profile.tags.iter().map(|tag| (*tag).to_owned()).collect();
                let mut errors = contract::validation::FieldErrors::new();
                contract::inquiry::validate_tags(&tags, "/tags", &mut errors);
                errors.finish().unwrap();
                for (position, (name, title, email)) in customer.9.iter().enumerate() {
                    let details = contact_details(customer, position, name, title, email);
                    let input = ContactInput {
                        name: (*name).to_owned(),
                        title: Some((*title).to_owned()),
                        buying_role: details.buying_role,
                        emails: vec![(*email).to_owned()],
                        phones: details.phones,
                        messengers: details
                            .messengers
                            .into_iter()
                            .map(|(kind, handle)| Messenger { kind, handle })
                            .collect(),
                        language: Some(details.language.to_owned()),
                        preferred_channel: Some(details.preferred_channel),
                        do_not_contact: false,
                    };
                    input.validate().unwrap();
                }
            }
        }
    }
}
