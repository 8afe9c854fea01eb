//! The first pass of the generator: who writes about what, when, and where the
//! inquiry stands now, drawn from the member's fixed-seed generator in exactly the
//! order the generator always drew them.

use contract::customer::LifecycleStage;
use contract::inquiry::InquiryStatus;
use contract::quantity::Unit;
use contract::user::Role;
use time::{Duration, OffsetDateTime};

use crate::seed::Kind::{self, Company, Oem, Quote, Reorder, Sample, Spam, Urgent};
use crate::seed::random::Random;
use crate::seed::{CustomerSeed, MemberSeed, Template, Writes, phrases, templates};

/// How far back the inquiries reach.
const HISTORY_DAYS: f64 = 60.0;

/// Who sent an inquiry.
pub(super) struct Buyer {
    pub(super) customer: Option<&'static CustomerSeed>,
    pub(super) name: &'static str,
    pub(super) company: &'static str,
    pub(super) country: &'static str,
    pub(super) city: &'static str,
    pub(super) writes: Writes,
    pub(super) verified: bool,
    pub(super) email: String,
}

/// What the first pass draws for one inquiry.
pub(super) struct Drawn {
    pub(super) buyer: Buyer,
    pub(super) kind: Kind,
    pub(super) template: &'static Template,
    pub(super) product_name: Option<&'static str>,
    pub(super) quantity: Option<(&'static str, Unit)>,
    pub(super) subject: String,
    pub(super) message: String,
    pub(super) received_at: OffsetDateTime,
    pub(super) status: InquiryStatus,
    pub(super) unread: bool,
    pub(super) tags: Vec<&'static str>,
}

/// Senders of junk: free mail, no company, never verified.
#[rustfmt::skip]
const SPAM_SENDERS: [(&str, &str, &str, &str); 3] = [
    ("Mark Stevens", "US", "Miami", "mark.stevens.webgrowth@gmail.com"),
    ("Grace Williams", "GB", "London", "grace.williams2291@yahoo.com"),
    ("Daniel Okafor", "NG", "Lagos", "daniel.okafor.invest@hotmail.com"),
];

/// The first pass: the same draws, in the same order, as the generator always made.
pub(super) fn draw(member: &MemberSeed, now: OffsetDateTime) -> Vec<Drawn> {
    let mut random = Random::new(member.seed);
    let customers: Vec<&'static CustomerSeed> = member.all_customers().collect();
    let weights: Vec<u32> = customers
        .iter()
        .map(|customer| customer_weight(customer))
        .collect();
    let reps: Vec<&'static str> = member
        .users
        .iter()
        .filter(|user| user.3 == Role::Rep)
        .map(|user| user.0)
        .collect();

    let mut story_inquiries = 0;
    (0..member.inquiries)
        .map(|index| {
            // The first few arrived in the last hours: the top of the inbox is fresh.
            let mut age_days = if index < 8 {
                random.unit() * 0.25
            } else {
                random.unit().powf(1.7) * HISTORY_DAYS
            };
            let seconds = (age_days * 86_400.0).round() as i64 + 240;
            let mut received_at = now - Duration::seconds(seconds);
            let spam_slot = member.spam > 0 && index % (member.inquiries / member.spam) == 3;
            let mut buyer = choose_buyer(&mut random, member, &customers, &weights);
            if !spam_slot
                && buyer
                    .customer
                    .is_some_and(|customer| customer.0 == STORY_CUSTOMER)
            {
                if story_inquiries < STORY_INQUIRIES {
                    age_days = STORY_QUIET_DAYS + STORY_INTERVAL_DAYS * story_inquiries as f64;
                    received_at = now - Duration::seconds((age_days * 86_400.0).round() as i64);
                    story_inquiries += 1;
                } else if let Some(stand_in) = customers
                    .iter()
                    .find(|customer| customer.0 == STORY_STAND_IN)
                {
                    buyer = customer_buyer(stand_in, 0, buyer.verified);
                }
            }
            let kind = if spam_slot {
                Spam
            } else {
                choose_kind(&mut random, &buyer)
            };
            let template = choose_template(&mut random, member, kind, buyer.writes);
            let writes = template.1;
            let (product_name, quantity) = match kind {
                Spam | Company => (None, None),
                _ => {
                    let product = random.pick(member.products);
                    let order = product.and_then(|product| random.pick(product.1)).copied();
                    (product.map(|product| product.0), order)
                }
            };
            let status = if spam_slot {
                // Most spam is filed away; the freshest one still sits in the inbox.
                if index < 8 {
                    InquiryStatus::New
                } else {
                    InquiryStatus::Spam
                }
            } else {
                choose_status(&mut random, age_days, kind)
            };
            skip_former_assignment_draws(&mut random, status, kind, &buyer, &reps);
            let unread = if status == InquiryStatus::New {
                random.chance(0.85)
            } else {
                random.chance(0.04)
            };
            let mut tags: Vec<&'static str> = template.4.to_vec();
            if let Some(customer) = buyer.customer
                && customer.6 == LifecycleStage::Repeat
                && !tags.contains(&"repeat buyer")
            {
                tags.push("repeat buyer");
            }
            // The former score's random jitter.
            if kind == Spam {
                random.between(1, 9);
            } else {
                random.between(-8, 8);
            }
            if kind == Spam {
                // Junk comes from junk senders, not from the member's buyers.
                let (name, country, city, email) = SPAM_SENDERS[index % SPAM_SENDERS.len()];
                buyer = Buyer {
                    customer: None,
                    name,
                    company: "",
                    country,
                    city,
                    writes: Writes::En,
                    verified: false,
                    email: email.to_owned(),
                };
            }
            let company = if buyer.company.is_empty() {
                phrases::unnamed_company(writes)
            } else {
                buyer.company
            };
            let quantity_text = quantity
                .map(|(value, unit)| phrases::quantity_phrase(value, unit, writes))
                .unwrap_or_default();
            let fill = |text: &str| {
                text.replace("{contact}", buyer.name)
                    .replace("{company}", company)
                    .replace("{city}", buyer.city)
                    .replace("{product}", product_name.unwrap_or_default())
                    .replace("{quantity}", &quantity_text)
                    .replace("{seller}", member.short_name)
            };
            Drawn {
                subject: fill(template.2),
                message: fill(template.3),
                buyer,
                kind,
                template,
                product_name,
                quantity,
                received_at,
                status,
                unread,
                tags,
            }
        })
        .collect()
}

/// The generator once drew the assignee here; the draws stay so that everything
/// drawn after them stays the same. Assignment now follows the member's rules.
fn skip_former_assignment_draws(
    random: &mut Random,
    status: InquiryStatus,
    kind: Kind,
    buyer: &Buyer,
    reps: &[&'static str],
) {
    match status {
        InquiryStatus::Spam => {}
        InquiryStatus::New if kind == Spam || random.chance(0.45) => {}
        _ => {
            let owner = buyer.customer.and_then(|customer| customer.7);
            // In this order: the owner's draw, then the manager's, then a rep's.
            let went_to_owner = owner.is_some() && random.chance(0.85);
            let went_to_manager = !went_to_owner && random.chance(0.06);
            if !went_to_owner && !went_to_manager {
                random.pick(reps);
            }
        }
    }
}

/// A walk-in buyer's address: company mail when they named a company, free mail otherwise.
fn walk_in_email(name: &str, company: &str) -> String {
    let local: String = name
        .split_whitespace()
        .map(|part| {
            part.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(".");
    let local = if local.is_empty() {
        "buyer".to_owned()
    } else {
        local
    };
    let domain: String = company
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    if domain.len() >= 3 {
        [local.as_str(), "@", &domain, ".com"].concat()
    } else {
        [local.as_str(), "@gmail.com"].concat()
    }
}

/// The demo's partnership customer going quiet: it usually writes about once a
/// month, but nothing came for [`STORY_QUIET_DAYS`] days. Its first
/// [`STORY_INQUIRIES`] draws become inquiries a month apart, all older than that;
/// later draws of it go to [`STORY_STAND_IN`], a partnership buyer of the same
/// market and owner, so every other draw stays as it was.
const STORY_CUSTOMER: &str = "Müller Handels GmbH";
const STORY_STAND_IN: &str = "Lichtwerk Vertrieb GmbH";
const STORY_QUIET_DAYS: f64 = 50.0;
const STORY_INQUIRIES: usize = 4;
const STORY_INTERVAL_DAYS: f64 = 30.0;

/// A customer's contact as the buyer, without drawing anything.
fn customer_buyer(customer: &'static CustomerSeed, contact_index: usize, verified: bool) -> Buyer {
    let contact = customer.9.get(contact_index);
    Buyer {
        customer: Some(customer),
        email: contact.map_or_else(String::new, |contact| contact.2.to_owned()),
        name: contact.map_or("", |contact| contact.0),
        company: customer.0,
        country: customer.1,
        city: customer.2,
        writes: customer.8,
        verified,
    }
}

/// Partnership buyers and the star of the demo write more often.
fn customer_weight(customer: &CustomerSeed) -> u32 {
    if customer.0 == "Müller Handels GmbH" {
        return 5;
    }
    match (customer.5, customer.6) {
        (contract::customer::Tier::Partnership, _) => 3,
        (_, LifecycleStage::Customer | LifecycleStage::Repeat) => 2,
        _ => 1,
    }
}

fn choose_buyer(
    random: &mut Random,
    member: &MemberSeed,
    customers: &[&'static CustomerSeed],
    weights: &[u32],
) -> Buyer {
    let walk_in = random.chance(0.25) || customers.is_empty();
    if walk_in
        && let Some(&(name, company, country, city, writes, verified)) =
            random.pick(member.walk_ins)
    {
        return Buyer {
            customer: None,
            name,
            company,
            country,
            city,
            writes,
            verified,
            email: walk_in_email(name, company),
        };
    }
    let customer = customers[random.weighted(weights).min(customers.len() - 1)];
    let contact_index = if customer.9.len() > 1 && random.chance(0.35) {
        1 + random.below(customer.9.len() - 1)
    } else {
        0
    };
    let verified = match customer.6 {
        LifecycleStage::Customer | LifecycleStage::Repeat => true,
        LifecycleStage::Sampling | LifecycleStage::Prospect => random.chance(0.6),
        LifecycleStage::Lead => random.chance(0.3),
    };
    customer_buyer(customer, contact_index, verified)
}

fn choose_kind(random: &mut Random, buyer: &Buyer) -> Kind {
    const KINDS: [Kind; 6] = [Quote, Sample, Oem, Urgent, Reorder, Company];
    let kind = KINDS[random.weighted(&[50, 14, 9, 9, 12, 6])];
    let has_ordered = buyer.customer.is_some_and(|customer| {
        matches!(
            customer.6,
            LifecycleStage::Customer | LifecycleStage::Repeat
        )
    });
    if kind == Reorder && !has_ordered {
        Quote
    } else {
        kind
    }
}

/// A template of `kind`, in the buyer's language most of the time when one exists.
pub(in crate::seed) fn choose_template(
    random: &mut Random,
    member: &MemberSeed,
    kind: Kind,
    writes: Writes,
) -> &'static Template {
    let pool = || templates::COMMON.iter().chain(member.trade_templates);
    if kind == Spam
        && let Some(template) = random.pick(templates::SPAM)
    {
        return template;
    }
    let casual: Vec<&'static Template> = templates::CASUAL
        .iter()
        .filter(|template| template.0 == kind)
        .collect();
    if writes == Writes::En
        && random.chance(0.04)
        && let Some(template) = random.pick(&casual)
    {
        return template;
    }
    // Many buyers write English to a Chinese supplier even when it is not their language.
    let native_chance = match writes {
        Writes::En => 0.0,
        Writes::De | Writes::Es | Writes::Fr => 0.7,
        Writes::Ar | Writes::Zh => 0.35,
    };
    if random.chance(native_chance) {
        let mut native: Vec<&'static Template> = pool()
            .filter(|template| template.1 == writes && template.0 == kind)
            .collect();
        if native.is_empty() {
            native = pool().filter(|template| template.1 == writes).collect();
        }
        if let Some(template) = random.pick(&native) {
            return template;
        }
    }
    let english: Vec<&'static Template> = pool()
        .filter(|template| template.1 == Writes::En && template.0 == kind)
        .collect();
    random
        .pick(&english)
        .copied()
        .unwrap_or(&templates::COMMON[0])
}

/// Older inquiries have moved further along the workflow.
fn choose_status(random: &mut Random, age_days: f64, kind: Kind) -> InquiryStatus {
    use InquiryStatus::{Archived, Lost, New, Open, Quoted, Won};
    let (statuses, weights): (&[InquiryStatus], &[u32]) = if age_days < 1.0 {
        (&[New, Open], &[75, 25])
    } else if age_days < 7.0 {
        (&[New, Open, Quoted, Archived], &[25, 40, 30, 5])
    } else if age_days < 21.0 {
        (&[Open, Quoted, Won, Lost, Archived], &[20, 40, 12, 18, 10])
    } else {
        (&[Open, Quoted, Won, Lost, Archived], &[5, 20, 25, 28, 22])
    };
    let status = statuses[random.weighted(weights).min(statuses.len() - 1)];
    match (kind, status) {
        // Nobody quotes or wins a request for a catalogue.
        (Company, Quoted | Won | Lost) => Archived,
        _ => status,
    }
}
