//! The second demo member: Yiwu Evergreen Homeware, so that tenant scoping is visible.

use contract::customer::BusinessType::{Brand, Distributor, Importer, Retailer, Wholesaler};
use contract::customer::LifecycleStage::{Customer, Lead, Prospect, Repeat, Sampling};
use contract::customer::Tier::{Partnership, Transactional};
use contract::quantity::Unit::{Box, Carton, Container20ft, Container40ft, Piece, Set};

use super::Writes::{De, En, Es, Fr};
use super::{CustomerSeed, MemberSeed, ProductSeed, WalkInSeed, people, templates};

/// The member, its people and its buyers.
pub(super) const MEMBER: MemberSeed = MemberSeed {
    key: "evergreen",
    name: "Yiwu Evergreen Homeware Co., Ltd.",
    short_name: "Evergreen",
    users: people::EVERGREEN_USERS,
    customers: &[CUSTOMERS],
    walk_ins: WALK_INS,
    products: PRODUCTS,
    trade_templates: templates::HOMEWARE,
    inquiries: 60,
    spam: 1,
    seed: 0x0E7E_4631_2EE2_0002,
};

#[rustfmt::skip]
const PRODUCTS: &[ProductSeed] = &[
    ("Stainless Steel Cookware Set 12 pcs", &[("300", Set), ("1000", Set), ("1", Container20ft)]),
    ("Non-stick Frying Pan 28cm", &[("1000", Piece), ("3000", Piece), ("200", Carton)]),
    ("Glass Food Storage Containers (set of 5)", &[("500", Set), ("2000", Set)]),
    ("Stackable Plastic Storage Box 30L", &[("2000", Piece), ("1", Container40ft)]),
    ("Bamboo Kitchen Utensil Set", &[("1000", Set), ("5000", Set)]),
    ("Collapsible Silicone Storage Boxes", &[("3000", Box), ("300", Carton)]),
];

/// Columns as in Brightway's customer tables.
#[rustfmt::skip]
const CUSTOMERS: &[CustomerSeed] = &[
    ("Küchenwelt Import GmbH", "DE", "Köln", Some("https://www.kuechenwelt-import.de"), Importer, Partnership, Repeat, Some("sun-yue"), De, &[
        ("Stefan Weber", "Einkaufsleiter", "s.weber@kuechenwelt-import.de"),
    ]),
    ("HomeStyle Retail Group", "US", "Dallas", Some("https://www.homestyleretail.com"), Retailer, Partnership, Customer, Some("sun-yue"), En, &[
        ("Rachel Adams", "Senior Buyer Housewares", "radams@homestyleretail.com"),
        ("Kevin Brooks", "Import Manager", "kbrooks@homestyleretail.com"),
    ]),
    ("Casa Bonita Hogar S.L.", "ES", "Barcelona", None, Wholesaler, Transactional, Prospect, None, Es, &[
        ("Laura Martínez", "Compras", "laura@casabonitahogar.es"),
    ]),
    ("Maison & Cuisine", "FR", "Lille", None, Retailer, Transactional, Lead, Some("sun-yue"), Fr, &[
        ("Élodie Petit", "Acheteuse", "elodie.petit@maison-cuisine.fr"),
    ]),
    ("Kitchen Kings Ltd", "GB", "Manchester", Some("https://www.kitchenkings.co.uk"), Brand, Transactional, Sampling, Some("sun-yue"), En, &[
        ("Tom Harris", "Product Director", "tom.harris@kitchenkings.co.uk"),
    ]),
    ("Gulf Home Trading", "AE", "Dubai", None, Importer, Transactional, Customer, None, En, &[
        ("Imran Sheikh", "Purchase Manager", "imran@gulfhome.ae"),
    ]),
    ("Casa Práctica S.A.", "MX", "Ciudad de México", None, Distributor, Transactional, Prospect, None, Es, &[
        ("Ana López", "Gerente de Compras", "alopez@casapractica.mx"),
    ]),
    ("Aussie Home Essentials", "AU", "Brisbane", None, Retailer, Transactional, Lead, None, En, &[
        ("Mia Taylor", "Buyer", "mia@aussiehome.com.au"),
    ]),
    ("Dom i Kuchnia Sp. z o.o.", "PL", "Kraków", None, Wholesaler, Transactional, Customer, Some("sun-yue"), En, &[
        ("Katarzyna Zielińska", "Kupiec", "k.zielinska@domikuchnia.pl"),
    ]),
    ("Sakura Living K.K.", "JP", "Tokyo", None, Importer, Partnership, Repeat, Some("sun-yue"), En, &[
        ("Yuki Tanaka", "Merchandiser", "y.tanaka@sakuraliving.jp"),
    ]),
    ("Cape Home Supplies", "ZA", "Durban", None, Wholesaler, Transactional, Prospect, None, En, &[
        ("Thabo Nkosi", "Owner", "thabo@capehome.co.za"),
    ]),
    ("Lagos Kitchen Mart", "NG", "Abuja", None, Retailer, Transactional, Lead, None, En, &[
        ("Ngozi Eze", "Manager", "ngozi@kitchenmart.ng"),
    ]),
];

#[rustfmt::skip]
const WALK_INS: &[WalkInSeed] = &[
    ("Greta Fischer", "", "AT", "Wien", De, false),
    ("Carlos Pereira", "Pereira Utilidades", "BR", "Curitiba", En, true),
    ("Jessica Moore", "Moore Gifts", "US", "Phoenix", En, false),
    ("Ahmed Khan", "Khan Household", "PK", "Karachi", En, false),
];
