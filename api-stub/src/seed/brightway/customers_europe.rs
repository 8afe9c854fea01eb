//! Brightway's buyers in Europe.

use contract::customer::BusinessType::{Brand, Distributor, Importer, Retailer, Wholesaler};
use contract::customer::LifecycleStage::{Customer, Lead, Prospect, Repeat, Sampling};
use contract::customer::Tier::{Partnership, Transactional};

use crate::seed::CustomerSeed;
use crate::seed::Writes::{De, En, Es, Fr};

/// Columns: name, country, city, website, business type, tier, stage, owner, language
/// of their messages, contacts (name, title, e-mail).
#[rustfmt::skip]
pub(in crate::seed) const CUSTOMERS: &[CustomerSeed] = &[
    ("Müller Handels GmbH", "DE", "Hamburg", Some("https://www.mueller-handels.de"), Importer, Partnership, Customer, Some("li-wei"), De, &[
        ("Klaus Müller", "Geschäftsführer", "k.mueller@mueller-handels.de"),
        ("Sabine Krüger", "Einkauf", "s.krueger@mueller-handels.de"),
    ]),
    ("Lichtwerk Vertrieb GmbH", "DE", "Düsseldorf", Some("https://www.lichtwerk-vertrieb.de"), Distributor, Partnership, Repeat, Some("li-wei"), De, &[
        ("Jörg Hoffmann", "Head of Procurement", "j.hoffmann@lichtwerk-vertrieb.de"),
        ("Anna Schäfer", "Product Manager Lighting", "a.schaefer@lichtwerk-vertrieb.de"),
        ("Tobias Wagner", "Logistics", "t.wagner@lichtwerk-vertrieb.de"),
    ]),
    ("Elektro Brandt KG", "DE", "Leipzig", Some("https://www.elektro-brandt.de"), Wholesaler, Transactional, Prospect, Some("wang-fang"), De, &[
        ("Martin Brandt", "Inhaber", "m.brandt@elektro-brandt.de"),
    ]),
    ("Baumarkt Nord Einkauf GmbH", "DE", "Bremen", None, Retailer, Transactional, Lead, None, En, &[
        ("Lena Vogel", "Category Buyer Electrical", "lena.vogel@baumarkt-nord.de"),
    ]),
    ("Brightline Wholesale Ltd", "GB", "Birmingham", Some("https://www.brightline-wholesale.co.uk"), Wholesaler, Partnership, Repeat, Some("wang-fang"), En, &[
        ("James Whitaker", "Purchasing Director", "james.whitaker@brightline-wholesale.co.uk"),
        ("Priya Patel", "Buyer", "priya.patel@brightline-wholesale.co.uk"),
    ]),
    ("Thames Electrical Supplies", "GB", "London", Some("https://www.thames-electrical.co.uk"), Distributor, Transactional, Customer, Some("li-wei"), En, &[
        ("Oliver Bennett", "Branch Manager", "o.bennett@thames-electrical.co.uk"),
    ]),
    ("Highland Lighting Co.", "GB", "Glasgow", None, Retailer, Transactional, Prospect, None, En, &[
        ("Fiona MacLeod", "Owner", "fiona@highland-lighting.co.uk"),
    ]),
    ("Lumière Distribution SARL", "FR", "Lyon", Some("https://www.lumiere-distribution.fr"), Distributor, Partnership, Customer, Some("zhao-lei"), Fr, &[
        ("Camille Dubois", "Responsable Achats", "c.dubois@lumiere-distribution.fr"),
        ("Julien Moreau", "Chef de produit", "j.moreau@lumiere-distribution.fr"),
    ]),
    ("Éclairage Pro Import", "FR", "Marseille", None, Importer, Transactional, Sampling, Some("zhao-lei"), Fr, &[
        ("Nicolas Lefèvre", "Gérant", "nicolas.lefevre@eclairage-pro.fr"),
    ]),
    ("Iluminación Ibérica S.L.", "ES", "Valencia", Some("https://www.iluminacion-iberica.es"), Importer, Partnership, Repeat, Some("wang-fang"), Es, &[
        ("Javier García", "Director de Compras", "jgarcia@iluminacion-iberica.es"),
        ("Lucía Fernández", "Compras", "lfernandez@iluminacion-iberica.es"),
    ]),
    ("Electro Costa Suministros", "ES", "Málaga", None, Wholesaler, Transactional, Lead, None, Es, &[
        ("Miguel Ángel Ruiz", "Gerente", "maruiz@electrocosta.es"),
    ]),
    ("Luce Italia Forniture S.r.l.", "IT", "Milano", Some("https://www.luceitalia-forniture.it"), Distributor, Transactional, Customer, Some("zhao-lei"), En, &[
        ("Marco Rossi", "Responsabile Acquisti", "m.rossi@luceitalia-forniture.it"),
        ("Giulia Bianchi", "Ufficio Tecnico", "g.bianchi@luceitalia-forniture.it"),
    ]),
    ("Edil Sud Materiali", "IT", "Napoli", None, Wholesaler, Transactional, Prospect, None, En, &[
        ("Salvatore Esposito", "Titolare", "s.esposito@edilsud.it"),
    ]),
    ("Światło-Hurt Sp. z o.o.", "PL", "Poznań", Some("https://www.swiatlo-hurt.pl"), Wholesaler, Partnership, Customer, Some("li-wei"), En, &[
        ("Piotr Kowalski", "Kierownik Zakupów", "p.kowalski@swiatlo-hurt.pl"),
        ("Agnieszka Nowak", "Specjalista ds. importu", "a.nowak@swiatlo-hurt.pl"),
    ]),
    ("Elektromax Polska", "PL", "Wrocław", None, Retailer, Transactional, Lead, Some("zhao-lei"), En, &[
        ("Tomasz Wiśniewski", "Owner", "tomasz@elektromax.pl"),
    ]),
    ("Van der Berg Verlichting B.V.", "NL", "Rotterdam", Some("https://www.vdberg-verlichting.nl"), Importer, Partnership, Repeat, Some("li-wei"), En, &[
        ("Pieter van der Berg", "Managing Director", "pieter@vdberg-verlichting.nl"),
        ("Sanne de Vries", "Inkoper", "sanne@vdberg-verlichting.nl"),
    ]),
    ("GreenLED Benelux", "NL", "Eindhoven", Some("https://www.greenled-benelux.nl"), Brand, Transactional, Sampling, Some("wang-fang"), En, &[
        ("Daan Jansen", "Sourcing Manager", "daan.jansen@greenled-benelux.nl"),
    ]),
];
