//! What the sales teams logged on their customers, and the reminders they set.
//!
//! The story of Müller Handels GmbH, Brightway's partnership customer in Hamburg:
//! it used to write about once a month, the last call was 46 days ago, and Li Wei's
//! follow-up about their warehouse tender is overdue. Its contract renewal is coming.

use contract::customer::ActivityKind::{self, Call, Email, Meeting, Note, SampleSent};
use contract::customer::ReminderKind::{self, FollowUp, ImportantDate};

/// Customer, days ago, hour (UTC), kind, author's user key, what happened.
pub(super) type ActivitySeed = (
    &'static str,
    i64,
    u8,
    ActivityKind,
    &'static str,
    &'static str,
);

/// Customer, due in days (negative: overdue), kind, owner's user key, title, done
/// that many days ago (`None`: open).
pub(super) type ReminderSeed = (
    &'static str,
    i64,
    ReminderKind,
    &'static str,
    &'static str,
    Option<i64>,
);

#[rustfmt::skip]
pub(super) const BRIGHTWAY_ACTIVITIES: &[ActivitySeed] = &[
    ("Müller Handels GmbH", 46, 8, Call, "li-wei", "Call with Klaus Müller: the Q3 panel order arrived complete, no complaints. They are bidding for the lighting of three warehouses in Hamburg-Billbrook and will send quantities once the tender documents are out."),
    ("Müller Handels GmbH", 52, 9, Email, "li-wei", "Sent Sabine Krüger the H2 price list (USD, FOB Ningbo) and the DALI driver options for the 600×600 panels."),
    ("Müller Handels GmbH", 63, 7, SampleSent, "li-wei", "DHL Express 4471 2093 55: 2 × UFO LED High Bay 150W (5000 K, 90° and 120° lenses) for the warehouse tender."),
    ("Müller Handels GmbH", 95, 10, Meeting, "chen-jing", "Visited Müller Handels in Hamburg with Li Wei. They want a 5-year warranty and DALI dimming on panels, and order roughly every month. Klaus Müller decides; Sabine Krüger runs the orders."),
    ("Müller Handels GmbH", 140, 6, Note, "li-wei", "Pays 30 % T/T deposit, balance against copy of B/L, always on time. Prefers e-mail in German or English; calls on Tuesday mornings work best."),
    ("Lichtwerk Vertrieb GmbH", 12, 8, Call, "li-wei", "Jörg Hoffmann confirmed the next backlit panel order for January; asked for ENEC certificates of the 36 W model."),
    ("Lichtwerk Vertrieb GmbH", 30, 9, Email, "li-wei", "Sent ENEC and CB certificates and the LM-80 report to Anna Schäfer."),
    ("Brightline Wholesale Ltd", 3, 10, Call, "wang-fang", "James Whitaker asked to requote the backlit panels with UKCA marking and a 3-pin UK plug on the driver lead."),
    ("Brightline Wholesale Ltd", 21, 11, SampleSent, "wang-fang", "FedEx 7788 1265 4410: 4 × LED Panel Light 600×600 36W Backlit with UKCA labels for Priya Patel."),
    ("Lumière Distribution SARL", 9, 8, Meeting, "zhao-lei", "Video meeting with Camille Dubois and Julien Moreau about a school renovation project in Lyon: about 2,400 anti-glare downlights, delivery in March."),
    ("Lumière Distribution SARL", 40, 9, Note, "zhang-min", "They asked for 60 days open account instead of T/T; discuss with Chen Jing before the next quote."),
    ("Iluminación Ibérica S.L.", 6, 9, Call, "wang-fang", "Javier García: stock of T8 tubes runs out in four weeks; wants the same price as last order."),
    ("Iluminación Ibérica S.L.", 34, 10, SampleSent, "wang-fang", "SF Express SF1402 7733 019: 2 × LED Floodlight 200W IP66 for a stadium tender in Valencia."),
    ("Światło-Hurt Sp. z o.o.", 15, 8, Email, "li-wei", "Sent Piotr Kowalski the container loading plan: 1 × 40 ft HQ, T8 tubes and battens."),
    ("Van der Berg Verlichting B.V.", 18, 9, SampleSent, "li-wei", "DHL Express 4471 3320 81: 2 × LED Floodlight 100W IP66 for the Rotterdam port project."),
    ("Van der Berg Verlichting B.V.", 25, 10, Call, "li-wei", "Pieter van der Berg: port authority tender closes next month; needs IK08 and 6 kV surge protection confirmed in writing."),
    ("Sunrise Trading LLC", 4, 7, Call, "wang-fang", "Ahmed Al Mansoori: L/C for the street light order is being issued by Emirates NBD; draft to follow this week."),
    ("Sunrise Trading LLC", 27, 6, Meeting, "wang-fang", "Met Rajesh Menon at the Middle East Energy show in Dubai; interested in solar street lights for a community project in Al Ain."),
    ("Riyadh Lighting Est.", 10, 7, Email, "zhao-lei", "Sent SASO certificates and the Arabic installation guide for the street lights to Khalid Al Harbi."),
    ("Riyadh Lighting Est.", 48, 8, SampleSent, "zhao-lei", "Aramex 3345 0912: 1 set LED Street Light 120W for a municipality trial in Riyadh."),
    ("Bright Future Imports Inc.", 2, 15, Call, "li-wei", "Michael Carter: DLC listing of the UFO high bay is a must for the utility rebate; asked for the DLC premium report."),
    ("Bright Future Imports Inc.", 35, 16, Meeting, "chen-jing", "Annual review in Houston: 2026 volume forecast about 18 containers; they want quarterly price reviews."),
    ("Luz Brasil Importadora Ltda.", 16, 12, Email, "wang-fang", "Sent INMETRO registration status of the panels to Mariana Souza; expected in six weeks."),
    ("Iluminación del Norte S.A. de C.V.", 8, 16, Call, "wang-fang", "Alejandro Hernández wants to split the next order into two shipments to Manzanillo."),
    ("Southern Cross Lighting Pty Ltd", 11, 0, SampleSent, "li-wei", "DHL Express 4471 5567 02: 3 × Triproof LED Light 1200mm 36W with SAA-approved drivers, private label."),
    ("Southern Cross Lighting Pty Ltd", 22, 1, Note, "li-wei", "Private-label artwork approved by Jack Thompson; carton marking file saved in the shared drive."),
    ("Lion City Lighting Pte. Ltd.", 5, 3, Call, "zhao-lei", "与陈伟明通话：新加坡樟宜项目需要2000套防眩筒灯，要求下周报价。"),
    ("GreenLED Benelux", 14, 9, SampleSent, "wang-fang", "UPS 1Z 88X 401 67: 2 × Anti-glare COB Downlight 20W for Daan Jansen's evaluation."),
    ("Éclairage Pro Import", 20, 9, SampleSent, "zhao-lei", "La Poste Colissimo 6A 2291 4410: 2 × Recessed LED Downlight 12W."),
];

#[rustfmt::skip]
pub(super) const BRIGHTWAY_REMINDERS: &[ReminderSeed] = &[
    ("Müller Handels GmbH", -3, FollowUp, "li-wei", "Call Klaus Müller about the Hamburg warehouse tender: no news for six weeks", None),
    ("Müller Handels GmbH", 21, ImportantDate, "li-wei", "Framework supply contract with Müller Handels expires: prepare the renewal", None),
    ("Bright Future Imports Inc.", 0, FollowUp, "li-wei", "Send Michael Carter the DLC premium report of the UFO high bay", None),
    ("Van der Berg Verlichting B.V.", 3, FollowUp, "li-wei", "Ask Pieter van der Berg for feedback on the floodlight samples", None),
    ("Lichtwerk Vertrieb GmbH", -10, FollowUp, "li-wei", "Confirm the January backlit panel order with Jörg Hoffmann", Some(9)),
    ("Brightline Wholesale Ltd", 0, FollowUp, "wang-fang", "Requote the backlit panels with UKCA marking for James Whitaker", None),
    ("Sunrise Trading LLC", -5, FollowUp, "wang-fang", "Check the L/C draft from Sunrise Trading", None),
    ("Iluminación Ibérica S.L.", 2, FollowUp, "wang-fang", "Quote T8 tubes to Javier García at last order's price", None),
    ("Riyadh Lighting Est.", 0, FollowUp, "zhao-lei", "Ask Khalid Al Harbi for the municipality trial results", None),
    ("Lion City Lighting Pte. Ltd.", -1, FollowUp, "zhao-lei", "给陈伟明发樟宜项目防眩筒灯报价", None),
    ("Lumière Distribution SARL", -1, FollowUp, "zhang-min", "Decide on Lumière's request for 60 days open account", None),
    ("Bright Future Imports Inc.", 45, ImportantDate, "chen-jing", "Annual supply agreement with Bright Future Imports: quarterly price review", None),
];

#[rustfmt::skip]
pub(super) const EVERGREEN_ACTIVITIES: &[ActivitySeed] = &[
    ("Küchenwelt Import GmbH", 5, 8, Call, "sun-yue", "Stefan Weber wants LFGB reports for the new granite-coated frying pans before ordering."),
    ("Küchenwelt Import GmbH", 33, 9, SampleSent, "sun-yue", "DHL Express 5521 0874 33: 2 × Non-stick Frying Pan 28cm, 1 × Stainless Steel Cookware Set 12 pcs."),
    ("HomeStyle Retail Group", 7, 15, Meeting, "lin-xiaoyan", "Video call with Rachel Adams and Kevin Brooks: spring promotion needs 6,000 glass container sets, FDA food-contact reports required."),
    ("HomeStyle Retail Group", 29, 16, Email, "sun-yue", "Sent FDA and Prop 65 test reports of the glass containers to Linda Park."),
    ("Sakura Living K.K.", 13, 2, SampleSent, "sun-yue", "EMS EE 1234 5678 CN: bamboo utensil sets in three finishes for Yuki Tanaka."),
];

#[rustfmt::skip]
pub(super) const EVERGREEN_REMINDERS: &[ReminderSeed] = &[
    ("Küchenwelt Import GmbH", 0, FollowUp, "sun-yue", "Send Stefan Weber the LFGB reports of the frying pans", None),
    ("Sakura Living K.K.", -3, FollowUp, "sun-yue", "Ask Yuki Tanaka which bamboo finish they chose", None),
    ("HomeStyle Retail Group", 30, ImportantDate, "lin-xiaoyan", "HomeStyle vendor agreement renewal", None),
];
