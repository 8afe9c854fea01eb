//! Brightway's buyers outside Europe.

use contract::customer::BusinessType::{
    Brand, Distributor, Importer, Manufacturer, Retailer, Wholesaler,
};
use contract::customer::LifecycleStage::{Customer, Lead, Prospect, Repeat, Sampling};
use contract::customer::Tier::{Partnership, Transactional};

use crate::seed::CustomerSeed;
use crate::seed::Writes::{Ar, En, Es, Zh};

/// Columns as in `customers_europe.rs`.
#[rustfmt::skip]
pub(in crate::seed) const CUSTOMERS: &[CustomerSeed] = &[
    ("Sunrise Trading LLC", "AE", "Dubai", Some("https://www.sunrisetrading.ae"), Importer, Partnership, Repeat, Some("wang-fang"), En, &[
        ("Ahmed Al Mansoori", "General Manager", "ahmed@sunrisetrading.ae"),
        ("Rajesh Menon", "Purchase Manager", "rajesh.menon@sunrisetrading.ae"),
    ]),
    ("Al Noor Electrical Trading", "AE", "Sharjah", None, Wholesaler, Transactional, Prospect, Some("zhao-lei"), Ar, &[
        ("Omar Haddad", "Owner", "omar@alnoor-electrical.ae"),
    ]),
    ("Riyadh Lighting Est.", "SA", "Riyadh", Some("https://www.riyadhlighting.sa"), Distributor, Partnership, Customer, Some("zhao-lei"), Ar, &[
        ("Faisal Al Qahtani", "Procurement Director", "f.alqahtani@riyadhlighting.sa"),
        ("Khalid Al Harbi", "Projects Engineer", "k.alharbi@riyadhlighting.sa"),
    ]),
    ("Jeddah Projects Supply Co.", "SA", "Jeddah", None, Importer, Transactional, Lead, None, Ar, &[
        ("Yousef Al Ghamdi", "Purchasing", "yousef@jeddahprojects.sa"),
    ]),
    ("Bright Future Imports Inc.", "US", "Houston", Some("https://www.brightfutureimports.com"), Importer, Partnership, Repeat, Some("li-wei"), En, &[
        ("Michael Carter", "VP Sourcing", "mcarter@brightfutureimports.com"),
        ("Jennifer Lopez Reyes", "Import Coordinator", "jreyes@brightfutureimports.com"),
    ]),
    ("Lakeside Electric Supply", "US", "Chicago", Some("https://www.lakeside-electric.com"), Distributor, Transactional, Customer, Some("wang-fang"), En, &[
        ("Brian O'Connor", "Purchasing Manager", "boconnor@lakeside-electric.com"),
    ]),
    ("Pacific Coast Lighting", "US", "San Diego", None, Retailer, Transactional, Prospect, None, En, &[
        ("Emily Nguyen", "Buyer", "emily@pacificcoastlighting.com"),
    ]),
    ("Summit Facility Solutions", "US", "Denver", None, Manufacturer, Transactional, Lead, Some("zhao-lei"), En, &[
        ("David Kim", "Operations Director", "dkim@summitfacility.com"),
    ]),
    ("Ganga Electricals Pvt. Ltd.", "IN", "Mumbai", Some("https://www.gangaelectricals.in"), Distributor, Transactional, Customer, Some("zhao-lei"), En, &[
        ("Rohit Sharma", "Director", "rohit@gangaelectricals.in"),
        ("Anjali Gupta", "Import Executive", "anjali@gangaelectricals.in"),
    ]),
    ("Deccan Lights & Switches", "IN", "Bengaluru", None, Wholesaler, Transactional, Lead, None, En, &[
        ("Suresh Reddy", "Partner", "suresh@deccanlights.in"),
    ]),
    ("Luz Brasil Importadora Ltda.", "BR", "São Paulo", Some("https://www.luzbrasil.com.br"), Importer, Partnership, Customer, Some("wang-fang"), En, &[
        ("Rafael Oliveira", "Gerente de Compras", "rafael@luzbrasil.com.br"),
        ("Mariana Souza", "Comex", "mariana@luzbrasil.com.br"),
    ]),
    ("Recife Elétrica", "BR", "Recife", None, Retailer, Transactional, Prospect, None, En, &[
        ("Thiago Santos", "Sócio", "thiago@recifeeletrica.com.br"),
    ]),
    ("Iluminación del Norte S.A. de C.V.", "MX", "Monterrey", Some("https://www.iluminaciondelnorte.mx"), Distributor, Partnership, Repeat, Some("wang-fang"), Es, &[
        ("Alejandro Hernández", "Director Comercial", "ahernandez@iluminaciondelnorte.mx"),
        ("Sofía Ramírez", "Compras Internacionales", "sramirez@iluminaciondelnorte.mx"),
    ]),
    ("Ferretería Guadalajara", "MX", "Guadalajara", None, Retailer, Transactional, Lead, None, Es, &[
        ("Carlos Mendoza", "Dueño", "carlos@ferreteriagdl.mx"),
    ]),
    ("Lagos Power & Lighting Ltd", "NG", "Lagos", None, Importer, Transactional, Prospect, Some("li-wei"), En, &[
        ("Chinedu Okafor", "CEO", "chinedu@lagospowerlighting.ng"),
    ]),
    ("Cape Electrical Wholesalers", "ZA", "Cape Town", Some("https://www.capeelectrical.co.za"), Wholesaler, Transactional, Customer, Some("zhao-lei"), En, &[
        ("Pieter Botha", "Procurement", "pieter@capeelectrical.co.za"),
    ]),
    ("Southern Cross Lighting Pty Ltd", "AU", "Melbourne", Some("https://www.southerncrosslighting.com.au"), Brand, Partnership, Customer, Some("li-wei"), En, &[
        ("Jack Thompson", "Product Development", "jack@southerncrosslighting.com.au"),
        ("Chloe Wilson", "Supply Chain", "chloe@southerncrosslighting.com.au"),
    ]),
    ("Outback Trade Supplies", "AU", "Perth", None, Wholesaler, Transactional, Sampling, None, En, &[
        ("Liam Murphy", "Owner", "liam@outbacktrade.com.au"),
    ]),
    ("Hikari Trading K.K.", "JP", "Osaka", Some("https://www.hikari-trading.jp"), Importer, Transactional, Sampling, Some("zhao-lei"), En, &[
        ("Takeshi Yamamoto", "Sourcing Manager", "t.yamamoto@hikari-trading.jp"),
    ]),
    ("Hanbit Lighting Co., Ltd.", "KR", "Incheon", None, Distributor, Transactional, Prospect, Some("wang-fang"), En, &[
        ("Kim Min-jun", "Purchasing Team Lead", "mj.kim@hanbitlighting.kr"),
    ]),
    ("Anadolu Aydınlatma A.Ş.", "TR", "Istanbul", Some("https://www.anadoluaydinlatma.com.tr"), Importer, Transactional, Customer, Some("li-wei"), En, &[
        ("Mehmet Yılmaz", "Dış Ticaret Müdürü", "mehmet.yilmaz@anadoluaydinlatma.com.tr"),
    ]),
    ("Saigon Electric JSC", "VN", "Ho Chi Minh City", None, Wholesaler, Transactional, Lead, None, En, &[
        ("Nguyen Van An", "Import Manager", "an.nguyen@saigonelectric.vn"),
    ]),
    ("Andes Iluminación SpA", "CL", "Santiago", None, Importer, Transactional, Prospect, Some("wang-fang"), Es, &[
        ("Francisca Muñoz", "Jefa de Compras", "fmunoz@andesiluminacion.cl"),
    ]),
    ("Lion City Lighting Pte. Ltd.", "SG", "Singapore", Some("https://www.lioncitylighting.sg"), Distributor, Partnership, Customer, Some("zhao-lei"), Zh, &[
        ("Tan Wei Ming (陈伟明)", "Director", "weiming.tan@lioncitylighting.sg"),
    ]),
];
