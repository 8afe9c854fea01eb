//! Names of buyers and their companies by part of the world, for the bulk data:
//! given and family names (with their native script where buyers write it so),
//! company name patterns and the words of a trade in the local language.

/// One part of the world, as far as names go.
pub(super) struct Region {
    /// ISO 3166-1 codes of the countries whose buyers are named like this.
    pub(super) countries: &'static [&'static str],
    /// Given names: Latin spelling, native script (or empty).
    pub(super) given: &'static [(&'static str, &'static str)],
    /// Family names: Latin spelling, native script (or empty).
    pub(super) family: &'static [(&'static str, &'static str)],
    /// Family name first (Chinese, Japanese, Korean).
    pub(super) family_first: bool,
    /// Company names; placeholders `{family}`, `{city}`, `{trade}`.
    pub(super) companies: &'static [&'static str],
    /// The language of `{trade}`.
    pub(super) trade_language: TradeLanguage,
    /// Free mail providers buyers there use.
    pub(super) free_mail: &'static [&'static str],
}

/// The language trade words are taken from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TradeLanguage {
    English,
    German,
    Spanish,
    French,
}

/// What a member company makes, which decides its buyers' vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::seed) enum Trade {
    Lighting,
    Homeware,
}

/// Words a company name of `trade` uses, in `language`.
pub(super) fn trade_words(trade: Trade, language: TradeLanguage) -> &'static [&'static str] {
    match (trade, language) {
        (Trade::Lighting, TradeLanguage::English) => &[
            "Lighting",
            "Electrical",
            "LED",
            "Lights",
            "Illumination",
            "Electric",
        ],
        (Trade::Lighting, TradeLanguage::German) => {
            &["Licht", "Leuchten", "Elektro", "Lichttechnik"]
        }
        (Trade::Lighting, TradeLanguage::Spanish) => &["Iluminación", "Eléctricos", "Luz"],
        (Trade::Lighting, TradeLanguage::French) => &["Éclairage", "Lumière", "Électricité"],
        (Trade::Homeware, TradeLanguage::English) => &[
            "Homeware",
            "Kitchen",
            "Home",
            "Houseware",
            "Living",
            "Home Goods",
        ],
        (Trade::Homeware, TradeLanguage::German) => &["Haushaltswaren", "Küchen", "Wohnen"],
        (Trade::Homeware, TradeLanguage::Spanish) => &["Hogar", "Cocina", "Menaje"],
        (Trade::Homeware, TradeLanguage::French) => &["Maison", "Cuisine", "Arts de la Table"],
    }
}

const GLOBAL_MAIL: &[&str] = &["gmail.com", "yahoo.com", "hotmail.com", "outlook.com"];

/// Where nobody else fits: English names.
pub(super) const ENGLISH: Region = Region {
    countries: &["US", "GB", "IE", "CA", "AU", "NZ"],
    given: &[
        ("James", ""),
        ("Sarah", ""),
        ("Michael", ""),
        ("Emily", ""),
        ("David", ""),
        ("Laura", ""),
        ("Robert", ""),
        ("Olivia", ""),
        ("Daniel", ""),
        ("Hannah", ""),
        ("Thomas", ""),
        ("Grace", ""),
    ],
    family: &[
        ("Smith", ""),
        ("Johnson", ""),
        ("Brown", ""),
        ("Taylor", ""),
        ("Wilson", ""),
        ("Clarke", ""),
        ("Walker", ""),
        ("Wright", ""),
        ("Robinson", ""),
        ("Hughes", ""),
        ("Campbell", ""),
        ("Murphy", ""),
    ],
    family_first: false,
    companies: &[
        "{family} {trade} Ltd",
        "{family} & Sons",
        "{city} {trade} Supply",
        "{family} Trading Co.",
        "Prime {trade} Distributors",
        "{family} {trade} Inc.",
    ],
    trade_language: TradeLanguage::English,
    free_mail: GLOBAL_MAIL,
};

/// Every region but [`ENGLISH`].
#[rustfmt::skip]
pub(super) const REGIONS: &[Region] = &[
    Region {
        countries: &["DE", "AT", "CH"],
        given: &[("Klaus", ""), ("Sabine", ""), ("Jürgen", ""), ("Petra", ""), ("Stefan", ""), ("Monika", ""), ("Andreas", ""), ("Katrin", ""), ("Matthias", ""), ("Julia", ""), ("Uwe", ""), ("Birgit", "")],
        family: &[("Müller", ""), ("Schneider", ""), ("Fischer", ""), ("Weber", ""), ("Meyer", ""), ("Wagner", ""), ("Becker", ""), ("Schulz", ""), ("Hoffmann", ""), ("Koch", ""), ("Bauer", ""), ("Richter", "")],
        family_first: false,
        companies: &["{family} {trade} GmbH", "{family} & Partner GmbH", "{trade} {family} KG", "{family} Handels GmbH", "{family} Großhandel e.K."],
        trade_language: TradeLanguage::German,
        free_mail: &["gmx.de", "web.de", "gmail.com", "t-online.de"],
    },
    Region {
        countries: &["ES", "MX", "CO", "CL", "AR", "PE"],
        given: &[("Javier", ""), ("Lucía", ""), ("Carlos", ""), ("María", ""), ("Alejandro", ""), ("Carmen", ""), ("Andrés", ""), ("Sofía", ""), ("Miguel", ""), ("Elena", ""), ("Raúl", ""), ("Paula", "")],
        family: &[("García", ""), ("Martínez", ""), ("López", ""), ("Sánchez", ""), ("Romero", ""), ("Fernández", ""), ("Ruiz", ""), ("Jiménez", ""), ("Moreno", ""), ("Herrera", ""), ("Castillo", ""), ("Ortega", "")],
        family_first: false,
        companies: &["{trade} {family} S.A.", "Distribuciones {family} S.L.", "Importaciones {family}", "Grupo {family}", "Comercial {family} y Asociados"],
        trade_language: TradeLanguage::Spanish,
        free_mail: &["gmail.com", "hotmail.com", "outlook.es", "yahoo.es"],
    },
    Region {
        countries: &["FR", "BE", "SN", "CI"],
        given: &[("Pierre", ""), ("Claire", ""), ("Julien", ""), ("Amélie", ""), ("Thomas", ""), ("Céline", ""), ("François", ""), ("Manon", ""), ("Mathieu", ""), ("Chloé", ""), ("Étienne", ""), ("Inès", "")],
        family: &[("Dubois", ""), ("Lefèvre", ""), ("Moreau", ""), ("Laurent", ""), ("Girard", ""), ("Bonnet", ""), ("Rousseau", ""), ("Fontaine", ""), ("Mercier", ""), ("Chevalier", ""), ("Faure", ""), ("Gauthier", "")],
        family_first: false,
        companies: &["{family} {trade} SARL", "Établissements {family}", "{family} Distribution", "Société {family} & Fils", "{trade} {city} SAS"],
        trade_language: TradeLanguage::French,
        free_mail: &["gmail.com", "orange.fr", "hotmail.fr", "free.fr"],
    },
    Region {
        countries: &["SA", "AE", "EG", "MA", "QA", "KW", "OM", "JO"],
        given: &[("Mohammed", "محمد"), ("Ahmed", "أحمد"), ("Omar", "عمر"), ("Khalid", "خالد"), ("Fatima", "فاطمة"), ("Youssef", "يوسف"), ("Layla", "ليلى"), ("Tariq", "طارق"), ("Hassan", "حسن"), ("Nour", "نور")],
        family: &[("Al Harbi", "الحربي"), ("Haddad", "حداد"), ("Al Mansouri", "المنصوري"), ("Nasser", "ناصر"), ("Khalil", "خليل"), ("Al Qahtani", "القحطاني"), ("Farouk", "فاروق"), ("Saleh", "صالح"), ("Benali", "بن علي"), ("Al Zahrani", "الزهراني")],
        family_first: false,
        companies: &["{family} Trading Est.", "{family} General Trading LLC", "{family} Contracting", "{city} {trade} Co.", "{family} Group"],
        trade_language: TradeLanguage::English,
        free_mail: &["gmail.com", "hotmail.com", "yahoo.com", "outlook.sa"],
    },
    Region {
        countries: &["CN", "HK", "TW", "MY", "SG"],
        given: &[("Wei", "伟"), ("Mei Ling", "美玲"), ("Ka Ho", "家豪"), ("Xiaoming", "小明"), ("Jing", "静"), ("Jun", "俊"), ("Hui Min", "慧敏"), ("Zhiqiang", "志强"), ("Li Na", "丽娜"), ("Yong", "勇")],
        family: &[("Chen", "陈"), ("Wong", "黄"), ("Lim", "林"), ("Zhang", "张"), ("Liu", "刘"), ("Tan", "陈"), ("Lee", "李"), ("Ng", "吴"), ("Zhou", "周"), ("Ho", "何")],
        family_first: true,
        companies: &["{family} {trade} Trading Ltd", "{city} {trade} Co., Ltd.", "Golden {trade} Ltd", "{family} Brothers Holdings", "Harbour {trade} Pte Ltd"],
        trade_language: TradeLanguage::English,
        free_mail: &["qq.com", "163.com", "gmail.com", "126.com"],
    },
    Region {
        countries: &["JP"],
        given: &[("Yuki", "由紀"), ("Hiroshi", "浩"), ("Akiko", "明子"), ("Takashi", "隆"), ("Naomi", "直美"), ("Kenji", "健二"), ("Emi", "恵美"), ("Satoshi", "聡")],
        family: &[("Tanaka", "田中"), ("Suzuki", "鈴木"), ("Sato", "佐藤"), ("Takahashi", "高橋"), ("Watanabe", "渡辺"), ("Ito", "伊藤"), ("Yamamoto", "山本"), ("Nakamura", "中村")],
        family_first: true,
        companies: &["{family} Shoji K.K.", "{family} Trading Co., Ltd.", "{city} {trade} K.K."],
        trade_language: TradeLanguage::English,
        free_mail: &["gmail.com", "yahoo.co.jp"],
    },
    Region {
        countries: &["KR"],
        given: &[("Min-jun", "민준"), ("Seo-yeon", "서연"), ("Ji-ho", "지호"), ("Ha-eun", "하은"), ("Dong-hyun", "동현"), ("Su-bin", "수빈")],
        family: &[("Kim", "김"), ("Lee", "이"), ("Park", "박"), ("Choi", "최"), ("Jung", "정"), ("Kang", "강")],
        family_first: true,
        companies: &["{family} {trade} Co., Ltd.", "{city} {trade} Corp.", "Hanil {trade} Inc."],
        trade_language: TradeLanguage::English,
        free_mail: &["naver.com", "gmail.com", "daum.net"],
    },
    Region {
        countries: &["IN", "PK", "BD", "LK"],
        given: &[("Arjun", ""), ("Priya", ""), ("Rahul", ""), ("Ananya", ""), ("Vikram", ""), ("Imran", ""), ("Sana", ""), ("Faisal", ""), ("Deepak", ""), ("Kavita", "")],
        family: &[("Sharma", ""), ("Patel", ""), ("Mehta", ""), ("Gupta", ""), ("Khan", ""), ("Qureshi", ""), ("Reddy", ""), ("Iyer", ""), ("Malik", ""), ("Agarwal", "")],
        family_first: false,
        companies: &["{family} {trade} Pvt Ltd", "{family} Enterprises", "{family} Traders", "{city} {trade} House", "Shree {trade} Agencies"],
        trade_language: TradeLanguage::English,
        free_mail: &["gmail.com", "yahoo.co.in", "rediffmail.com", "hotmail.com"],
    },
    Region {
        countries: &["GH", "KE", "NG", "ZA", "TZ", "UG"],
        given: &[("Kwame", ""), ("Amina", ""), ("Chinedu", ""), ("Wanjiru", ""), ("Thabo", ""), ("Ngozi", ""), ("Kofi", ""), ("Zanele", ""), ("Emeka", ""), ("Achieng", "")],
        family: &[("Mensah", ""), ("Okafor", ""), ("Otieno", ""), ("Nkosi", ""), ("Adeyemi", ""), ("Kamau", ""), ("Boateng", ""), ("Dlamini", ""), ("Eze", ""), ("Mwangi", "")],
        family_first: false,
        companies: &["{family} Enterprises", "{family} {trade} Ltd", "{city} {trade} Hub", "{family} Holdings", "{family} & Associates"],
        trade_language: TradeLanguage::English,
        free_mail: GLOBAL_MAIL,
    },
    Region {
        countries: &["PH", "ID", "VN", "TH"],
        given: &[("Budi", ""), ("Maria", ""), ("Nguyen Van", ""), ("Siti", ""), ("Jose", ""), ("Thi Lan", ""), ("Agus", ""), ("Angelica", "")],
        family: &[("Santoso", ""), ("Reyes", ""), ("Tran", ""), ("Wijaya", ""), ("Cruz", ""), ("Pham", ""), ("Hartono", ""), ("Bautista", "")],
        family_first: false,
        companies: &["{family} {trade} Corp.", "{family} Trading", "{city} {trade} Supply", "PT {family} Sejahtera"],
        trade_language: TradeLanguage::English,
        free_mail: GLOBAL_MAIL,
    },
    Region {
        countries: &["NL"],
        given: &[("Jan", ""), ("Sanne", ""), ("Pieter", ""), ("Femke", ""), ("Bram", ""), ("Lotte", "")],
        family: &[("de Vries", ""), ("van den Berg", ""), ("Jansen", ""), ("Bakker", ""), ("Visser", ""), ("Smit", "")],
        family_first: false,
        companies: &["{family} {trade} B.V.", "{family} & Zonen B.V.", "{family} Groothandel"],
        trade_language: TradeLanguage::English,
        free_mail: &["gmail.com", "hotmail.nl", "ziggo.nl"],
    },
    Region {
        countries: &["IT"],
        given: &[("Marco", ""), ("Giulia", ""), ("Luca", ""), ("Francesca", ""), ("Alessandro", ""), ("Chiara", "")],
        family: &[("Rossi", ""), ("Bianchi", ""), ("Esposito", ""), ("Romano", ""), ("Colombo", ""), ("Ricci", "")],
        family_first: false,
        companies: &["{family} {trade} S.r.l.", "Forniture {family} S.p.A.", "{family} & Figli"],
        trade_language: TradeLanguage::English,
        free_mail: &["gmail.com", "libero.it", "alice.it"],
    },
    Region {
        countries: &["PL", "CZ", "SK"],
        given: &[("Piotr", ""), ("Katarzyna", ""), ("Tomasz", ""), ("Agnieszka", ""), ("Marek", ""), ("Magdalena", "")],
        family: &[("Nowak", ""), ("Kowalski", ""), ("Wiśniewski", ""), ("Zieliński", ""), ("Wójcik", ""), ("Kamiński", "")],
        family_first: false,
        companies: &["{family} {trade} Sp. z o.o.", "Hurtownia {family}", "{family} i Wspólnicy"],
        trade_language: TradeLanguage::English,
        free_mail: &["wp.pl", "onet.pl", "gmail.com"],
    },
    Region {
        countries: &["SE", "NO", "DK", "FI"],
        given: &[("Lars", ""), ("Ingrid", ""), ("Erik", ""), ("Astrid", ""), ("Johan", ""), ("Karin", "")],
        family: &[("Nilsson", ""), ("Andersson", ""), ("Johansson", ""), ("Lindqvist", ""), ("Berg", ""), ("Hansen", "")],
        family_first: false,
        companies: &["{family} {trade} AB", "{family} & Co AB", "Nordic {trade} Supply AB"],
        trade_language: TradeLanguage::English,
        free_mail: GLOBAL_MAIL,
    },
    Region {
        countries: &["UA", "KZ", "GE"],
        given: &[("Ivan", ""), ("Olena", ""), ("Dmytro", ""), ("Natalia", ""), ("Serhiy", ""), ("Iryna", "")],
        family: &[("Petrenko", ""), ("Shevchenko", ""), ("Kovalenko", ""), ("Bondarenko", ""), ("Tkachenko", ""), ("Melnyk", "")],
        family_first: false,
        companies: &["{family} Trade LLC", "{family} Stroy", "{city} {trade} LLC"],
        trade_language: TradeLanguage::English,
        free_mail: &["gmail.com", "ukr.net", "i.ua"],
    },
    Region {
        countries: &["TR"],
        given: &[("Mehmet", ""), ("Ayşe", ""), ("Mustafa", ""), ("Elif", ""), ("Emre", ""), ("Zeynep", "")],
        family: &[("Yılmaz", ""), ("Kaya", ""), ("Demir", ""), ("Şahin", ""), ("Çelik", ""), ("Aydın", "")],
        family_first: false,
        companies: &["{family} Ticaret Ltd. Şti.", "{family} Dış Ticaret A.Ş.", "{city} {trade} A.Ş."],
        trade_language: TradeLanguage::English,
        free_mail: &["gmail.com", "hotmail.com", "yandex.com.tr"],
    },
    Region {
        countries: &["PT", "BR"],
        given: &[("João", ""), ("Ana", ""), ("Rafael", ""), ("Beatriz", ""), ("Tiago", ""), ("Mariana", ""), ("Gustavo", ""), ("Camila", "")],
        family: &[("Silva", ""), ("Santos", ""), ("Oliveira", ""), ("Pereira", ""), ("Costa", ""), ("Ferreira", ""), ("Almeida", ""), ("Carvalho", "")],
        family_first: false,
        companies: &["{family} {trade} Ltda.", "Distribuidora {family}", "{family} & Filhos", "{family} Comércio"],
        trade_language: TradeLanguage::English,
        free_mail: &["gmail.com", "hotmail.com", "uol.com.br", "sapo.pt"],
    },
];

/// The region whose names buyers from `country` have.
pub(super) fn region_of(country: &str) -> &'static Region {
    REGIONS
        .iter()
        .find(|region| region.countries.contains(&country))
        .unwrap_or(&ENGLISH)
}

/// The top-level domain companies of `country` use.
pub(super) fn top_level_domain(country: &str) -> &'static str {
    match country {
        "GB" => "co.uk",
        "AU" => "com.au",
        "BR" => "com.br",
        "MX" => "com.mx",
        "TR" => "com.tr",
        "ZA" => "co.za",
        "JP" => "co.jp",
        "KR" => "co.kr",
        "IN" => "in",
        "NZ" => "co.nz",
        "DE" => "de",
        "AT" => "at",
        "CH" => "ch",
        "FR" => "fr",
        "BE" => "be",
        "ES" => "es",
        "IT" => "it",
        "NL" => "nl",
        "PL" => "pl",
        "SE" => "se",
        "PT" => "pt",
        "AE" => "ae",
        "SA" => "sa",
        "EG" => "com.eg",
        "HK" => "com.hk",
        "SG" => "sg",
        "MY" => "com.my",
        "NG" => "ng",
        "KE" => "co.ke",
        "UA" => "ua",
        _ => "com",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_is_complete_and_countries_are_not_shared() {
        let mut seen: Vec<&str> = Vec::new();
        for region in REGIONS.iter().chain([&ENGLISH]) {
            assert!(!region.given.is_empty() && !region.family.is_empty());
            assert!(!region.companies.is_empty() && !region.free_mail.is_empty());
            for country in region.countries {
                assert!(!seen.contains(country), "{country} in two regions");
                seen.push(country);
            }
        }
        assert_eq!(region_of("DE").trade_language, TradeLanguage::German);
        assert_eq!(region_of("XX").countries, ENGLISH.countries);
    }
}
