//! One generated inquiry of the bulk data: a buyer from somewhere in the world
//! writes to a member about one of its products (or sends junk), and the member's
//! team worked it the way old inquiries end up: quoted, won, lost, archived or
//! filed as spam. Scored by [`crate::scoring`] and assigned by
//! [`crate::assignment`], like the demo story's inquiries.

use contract::inquiry::{AssignmentRule, InquiryKind, InquiryStatus, LostReason};
use contract::quantity::Unit;
use time::{Duration, OffsetDateTime};

use super::buyers::{self, Location};
use super::model::{BulkInquiry, Team, Timeline};
use super::regions;
use crate::assignment::{self, Arrival, Rule};
use crate::scoring::{self, ScoreInput};
use crate::seed::Kind::{self, Company, Oem, Quote, Reorder, Sample, Spam, Urgent};
use crate::seed::generate::thread::{self, FollowUp, Reply};
use crate::seed::generate::{self, Written};
use crate::seed::random::Random;
use crate::seed::{Writes, phrases};

/// Junk senders' countries: spam comes from anywhere.
const SPAM_COUNTRIES: [(&str, &str); 5] = [
    ("US", "Miami"),
    ("GB", "London"),
    ("NG", "Lagos"),
    ("IN", "Mumbai"),
    ("UA", "Kyiv"),
];

/// Inquiry `index` of the bulk data for `team`.
pub(super) fn inquiry(
    random: &mut Random,
    team: &mut Team,
    locations: &[Location],
    timeline: &Timeline,
    index: u64,
) -> BulkInquiry {
    let kinds = [Quote, Sample, Oem, Urgent, Reorder, Company, Spam];
    let kind = kinds[random
        .weighted(&[44, 12, 8, 5, 2, 10, 17])
        .min(kinds.len() - 1)];
    let span = timeline.oldest_days - timeline.newest_days;
    let age_days = timeline.newest_days + random.unit().powf(1.4) * span;
    let received_at = timeline.now - Duration::seconds((age_days * 86_400.0).round() as i64);

    let location = random.pick(locations).copied().unwrap_or(Location {
        country: "US",
        city: "Chicago",
        writes: Writes::En,
    });
    let (country, city, writes) = if kind == Spam {
        let (country, city) = SPAM_COUNTRIES[random.below(SPAM_COUNTRIES.len())];
        (country, city, Writes::En)
    } else {
        (location.country, location.city, location.writes)
    };
    let region = regions::region_of(country);
    let person = buyers::person(random, region);
    let named_company = kind != Spam && random.chance(0.88);
    let company = if named_company {
        buyers::company(random, region, city, team_trade(team))
    } else {
        String::new()
    };
    let company_domain =
        (named_company && random.chance(0.72)).then(|| buyers::company_domain(&company, country));
    let email = buyers::email(random, &person, region, company_domain.as_deref());
    let verified = kind != Spam && random.chance(0.55);

    let template = generate::choose_template(random, team.trade, kind, writes);
    let wrote = template.1;
    let (product_name, quantity): (Option<&'static str>, Option<(&'static str, Unit)>) = match kind
    {
        Spam | Company => (None, None),
        _ => {
            let product = random.pick(team.trade.products);
            let order = product.and_then(|product| random.pick(product.1)).copied();
            (product.map(|product| product.0), order)
        }
    };
    let quantity_text = quantity
        .map(|(value, unit)| phrases::quantity_phrase(value, unit, wrote))
        .unwrap_or_default();
    let signed_company = if company.is_empty() {
        phrases::unnamed_company(wrote)
    } else {
        company.as_str()
    };
    let fill = |text: &str| {
        text.replace("{contact}", &person.name)
            .replace("{company}", signed_company)
            .replace("{city}", city)
            .replace("{product}", product_name.unwrap_or_default())
            .replace("{quantity}", &quantity_text)
            .replace("{seller}", &team.short_name)
    };
    let subject = fill(template.2);
    let message = fill(template.3);
    let requirement = generate::requirement_of(
        &Written {
            subject: &subject,
            message: &message,
            country,
            city,
            product_name,
            quantity,
            kind,
            template_kind: template.0,
            received_at,
        },
        random,
    );
    let category = product_name.and_then(generate::category);
    let score = scoring::score(&ScoreInput {
        email: &email,
        company: &company,
        verified,
        message: &message,
        requirement: &requirement,
        known_customer: None,
        same_text_before: 0,
    });

    let status = choose_status(random, kind);
    let decision = assignment::decide(
        &Arrival {
            country,
            product_category: category,
            returning_customer: None,
        },
        &[Rule::RoundRobin],
        &team.teammates,
        team.last_turn,
    );
    if decision.rule == AssignmentRule::RoundRobin {
        team.last_turn = decision.assignee.as_ref().map(|user| user.id);
    }
    let mut assignee = decision.assignee.clone();
    let mut assignments = vec![(
        assignee.as_ref().map(|user| user.id),
        decision.rule,
        None,
        decision.explanation,
        received_at,
    )];
    let age = timeline.now - received_at;
    let manager = team.manager.clone();
    if status == InquiryStatus::Spam {
        assignments.push((
            None,
            AssignmentRule::Manual,
            Some(manager.id),
            format!("unassigned by {}", manager.name),
            received_at + Duration::hours(2),
        ));
        assignee = None;
    }

    let answered = match status {
        InquiryStatus::Open | InquiryStatus::Quoted | InquiryStatus::Won | InquiryStatus::Lost => {
            true
        }
        InquiryStatus::Archived => random.chance(0.7),
        InquiryStatus::New | InquiryStatus::Spam => false,
    };
    let lost_reason = (status == InquiryStatus::Lost).then(|| generate::lost_reason(random));
    let spam_reason = (status == InquiryStatus::Spam).then(|| generate::spam_reason(&subject));

    let mut messages = vec![(None, message.clone(), received_at)];
    if answered {
        let author = assignee.clone().unwrap_or_else(|| manager.clone());
        let reply_writes = thread::reply_language(wrote);
        let fill_reply = |text: &str, language: Writes| {
            let quantity = quantity
                .map(|(value, unit)| phrases::quantity_phrase(value, unit, language))
                .unwrap_or_default();
            text.replace("{contact}", &person.name)
                .replace("{product}", product_name.unwrap_or_default())
                .replace("{quantity}", &quantity)
                .replace("{seller}", &team.short_name)
                .replace("{rep}", &author.name)
        };
        let text = match (kind, status) {
            (Company, _) => thread::company_reply(wrote),
            (_, InquiryStatus::Quoted | InquiryStatus::Won | InquiryStatus::Lost) => {
                thread::reply(Reply::Quotation, wrote)
            }
            _ => thread::reply(Reply::Acknowledge, wrote),
        };
        let delay = if random.chance(0.8) {
            Duration::minutes(random.between(25, 20 * 60))
        } else {
            Duration::minutes(random.between(25 * 60, 72 * 60))
        };
        let reply_at = received_at + delay;
        messages.push((Some(author.id), fill_reply(text, reply_writes), reply_at));
        let follow_up = match status {
            InquiryStatus::Won => Some(FollowUp::Confirm),
            InquiryStatus::Quoted if random.chance(0.35) => Some(FollowUp::Negotiate),
            InquiryStatus::Lost
                if matches!(
                    lost_reason,
                    Some(LostReason::Price | LostReason::CompetitorChosen)
                ) && random.chance(0.6) =>
            {
                Some(FollowUp::Decline)
            }
            _ => None,
        };
        if let Some(follow_up) = follow_up {
            let later = Duration::hours(random.between(20, 24 * 20)).min(age * 0.5);
            messages.push((
                None,
                fill_reply(thread::follow_up(follow_up, wrote), wrote),
                reply_at + later,
            ));
        }
    }

    let manual_changes = assignments.len() - 1;
    let replies = messages
        .iter()
        .filter(|message| message.0.is_some())
        .count();
    let status_changes = usize::from(!matches!(status, InquiryStatus::New | InquiryStatus::Open));
    let updated_at = assignments
        .iter()
        .map(|entry| entry.4)
        .chain(messages.iter().map(|message| message.2))
        .fold(received_at, OffsetDateTime::max);
    let inquiry_kind = if product_name.is_none() {
        InquiryKind::Company
    } else if subject.starts_with("RFQ") {
        InquiryKind::Rfq
    } else {
        InquiryKind::Product
    };
    BulkInquiry {
        id: crate::seed::stable_id(&format!("inquiry/bulk/{index}")).to_string(),
        member_id: team.member_id.clone(),
        portal_inquiry_id: format!("TB-BULK-{index:08}"),
        kind: inquiry_kind,
        buyer_name: person.name,
        buyer_company: company,
        buyer_country: country,
        buyer_city: city,
        buyer_verified: verified,
        buyer_email: email,
        product_name,
        product_category: category,
        requirement,
        language: generate::language_tag(wrote),
        subject,
        message,
        received_at,
        status,
        lost_reason,
        spam_reason,
        assignee: assignee.map(|user| user.id),
        assignments,
        score,
        tags: template.4,
        messages,
        updated_at,
        version: i64::try_from(1 + manual_changes + replies + status_changes).unwrap_or(1),
    }
}

/// What the member sells, by the demo member its products come from.
fn team_trade(team: &Team) -> regions::Trade {
    if team.trade.key == "evergreen" {
        regions::Trade::Homeware
    } else {
        regions::Trade::Lighting
    }
}

/// Where an old inquiry ended up. Nearly all are closed; a few were left open.
fn choose_status(random: &mut Random, kind: Kind) -> InquiryStatus {
    use InquiryStatus::{Archived, Lost, Open, Quoted, Won};
    if kind == Spam {
        return if random.chance(0.94) {
            InquiryStatus::Spam
        } else {
            Archived
        };
    }
    let statuses = [Open, Quoted, Won, Lost, Archived];
    let status = statuses[random.weighted(&[2, 6, 24, 36, 32]).min(statuses.len() - 1)];
    match (kind, status) {
        (Company, Quoted | Won | Lost) => Archived,
        _ => status,
    }
}

#[cfg(test)]
mod tests;
