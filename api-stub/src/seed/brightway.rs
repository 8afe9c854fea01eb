//! The main demo member: Ningbo Brightway Lighting, an LED lighting exporter.

mod customers_europe;
mod customers_world;

use contract::quantity::Unit::{Carton, Container20ft, Container40ft, Piece, Set};

use super::Writes::{Ar, De, En, Es, Fr, Zh};
use super::{MemberSeed, ProductSeed, WalkInSeed, people, templates};

/// The member, its people and its buyers.
pub(super) const MEMBER: MemberSeed = MemberSeed {
    key: "brightway",
    name: "Ningbo Brightway Lighting Co., Ltd.",
    short_name: "Brightway",
    users: people::BRIGHTWAY_USERS,
    customers: &[customers_europe::CUSTOMERS, customers_world::CUSTOMERS],
    walk_ins: WALK_INS,
    products: PRODUCTS,
    trade_templates: templates::LIGHTING,
    inquiries: 300,
    spam: 4,
    seed: 0x0B21_6874_7761_7901,
};

/// The catalog, with the order sizes buyers typically ask for.
#[rustfmt::skip]
const PRODUCTS: &[ProductSeed] = &[
    ("LED Panel Light 600×600 40W", &[("200", Piece), ("500", Piece), ("1000", Piece), ("2000", Piece), ("1", Container20ft)]),
    ("LED Panel Light 600×600 36W Backlit", &[("300", Piece), ("800", Piece), ("1500", Piece), ("60", Carton)]),
    ("LED Panel Light 1200×300 40W", &[("200", Piece), ("600", Piece), ("1200", Piece)]),
    ("Recessed LED Downlight 12W", &[("1000", Piece), ("3000", Piece), ("5000", Piece), ("100", Carton)]),
    ("Anti-glare COB Downlight 20W", &[("500", Piece), ("2000", Piece), ("4000", Piece)]),
    ("UFO LED High Bay 150W", &[("50", Piece), ("120", Piece), ("300", Piece), ("500", Piece)]),
    ("Linear LED High Bay 200W", &[("40", Piece), ("100", Piece), ("250", Piece)]),
    ("T8 LED Tube 1200mm 18W", &[("2000", Piece), ("10000", Piece), ("200", Carton), ("1", Container40ft)]),
    ("T8 LED Tube 600mm 9W", &[("3000", Piece), ("150", Carton)]),
    ("LED Floodlight 100W IP66", &[("100", Piece), ("300", Piece), ("800", Piece)]),
    ("LED Floodlight 200W IP66", &[("60", Piece), ("200", Piece), ("500", Piece)]),
    ("LED Street Light 120W", &[("50", Set), ("200", Set), ("600", Set)]),
    ("Solar LED Street Light 60W", &[("100", Set), ("300", Set), ("1", Container20ft)]),
    ("LED Batten Light 1500mm 50W", &[("500", Piece), ("1500", Piece), ("2", Container40ft)]),
    ("Triproof LED Light 1200mm 36W", &[("300", Piece), ("1000", Piece)]),
];

/// Buyers who write in without being in the customer base yet.
#[rustfmt::skip]
const WALK_INS: &[WalkInSeed] = &[
    ("John Miller", "Miller Electrical Contractors", "US", "Atlanta", En, false),
    ("Sarah Collins", "", "GB", "Leeds", En, false),
    ("Hans Becker", "Becker Elektrotechnik", "DE", "Stuttgart", De, true),
    ("Ursula Schmidt", "Schmidt Leuchten e.K.", "DE", "München", De, false),
    ("Pablo Navarro", "Navarro Reformas", "ES", "Sevilla", Es, false),
    ("Diego Torres", "Proyectos Eléctricos Torres", "MX", "Puebla", Es, true),
    ("Valentina Castro", "", "CO", "Bogotá", Es, false),
    ("Sophie Martin", "Martin Électricité", "FR", "Nantes", Fr, false),
    ("Antoine Girard", "Girard Bâtiment", "BE", "Liège", Fr, true),
    ("Abdullah Al Shehri", "Al Shehri Contracting", "SA", "Dammam", Ar, true),
    ("Mahmoud Nasser", "Nasser Trading", "EG", "Cairo", Ar, false),
    ("Hassan El Amrani", "", "MA", "Casablanca", Fr, false),
    ("Wong Ka Ho (黄家豪)", "Harbour Lighting Ltd", "HK", "Hong Kong", Zh, true),
    ("Lim Mei Ling (林美玲)", "", "MY", "Kuala Lumpur", Zh, false),
    ("Kwame Mensah", "Mensah Enterprises", "GH", "Accra", En, false),
    ("Samuel Otieno", "Nairobi Solar Hub", "KE", "Nairobi", En, true),
    ("Arjun Mehta", "Mehta Infra Projects", "IN", "Ahmedabad", En, false),
    ("Ali Raza", "Raza Electric Store", "PK", "Lahore", En, false),
    ("Maria Santos", "", "PH", "Manila", En, false),
    ("Budi Santoso", "PT Cahaya Abadi", "ID", "Surabaya", En, true),
    ("Ivan Petrenko", "Petrenko Stroy", "UA", "Kyiv", En, false),
    ("Lars Nilsson", "Nordic Light Supply AB", "SE", "Göteborg", En, true),
    ("Emma Hughes", "Hughes Facilities", "IE", "Dublin", En, false),
    ("Noah Williams", "", "CA", "Toronto", En, false),
    ("Mateo Silva", "Silva Construções", "PT", "Porto", En, false),
];
