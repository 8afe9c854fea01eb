//! One generated inquiry of the bulk data: a buyer from somewhere in the world
//! writes to a member about one of its products (or sends junk), and the member's
//! team worked it the way old inquiries end up: quoted, won, lost, archived or
//! filed as spam. Scored by [`crate::scoring`] and assigned by
//! [`crate::assignment`], like the demo story's inquiries.

use contract::ids::UserId;
use contract::inquiry::{AssignmentRule, InquiryKind, InquiryStatus, LostReason, Requirement};
use contract::quantity::Unit;
use contract::user::{Role, UserRef};
use time::{Duration, OffsetDateTime};

use super::buyers::{self, Location};
use super::regions;
use crate::assignment::{self, Arrival, Rule, Teammate};
use crate::scoring::{self, Score, ScoreInput};
use crate::seed::Kind::{self, Company, Oem, Quote, Reorder, Sample, Spam, Urgent};
use crate::seed::generate::thread::{self, FollowUp, Reply};
use crate::seed::generate::{self, Written};
use crate::seed::random::Random;
use crate::seed::{MemberSeed, Writes, phrases};

/// A member as the bulk data sees it.
pub(super) struct Team {
    pub(super) member_id: String,
    pub(super) short_name: String,
    /// The demo member of the same trade, whose products and templates it shares.
    pub(super) trade: &'static MemberSeed,
    pub(super) teammates: Vec<Teammate>,
    /// Who files spam and moves inquiries by hand.
    pub(super) manager: UserRef,
    /// Who had the last round-robin turn.
    pub(super) last_turn: Option<UserId>,
}

impl Team {
    /// A team of `users` (id, name, role).
    pub(super) fn new(
        member_id: String,
        short_name: String,
        trade: &'static MemberSeed,
        users: &[(UserId, String, Role)],
    ) -> Team {
        let teammates: Vec<Teammate> = users
            .iter()
            .map(|(id, name, role)| Teammate {
                user: UserRef {
                    id: *id,
                    name: name.clone(),
                },
                role: *role,
                active: true,
                active_inquiries: 0,
            })
            .collect();
        let manager = teammates
            .iter()
            .find(|teammate| teammate.role == Role::Manager)
            .or_else(|| teammates.first())
            .map_or_else(
                || UserRef {
                    id: UserId(uuid::Uuid::nil()),
                    name: String::new(),
                },
                |teammate| teammate.user.clone(),
            );
        Team {
            member_id,
            short_name,
            trade,
            teammates,
            manager,
            last_turn: None,
        }
    }
}

/// Assignee, rule, by whom, explanation, when.
pub(super) type AssignmentEntry = (
    Option<UserId>,
    AssignmentRule,
    Option<UserId>,
    String,
    OffsetDateTime,
);

/// One inquiry, ready to insert.
pub(super) struct BulkInquiry {
    pub(super) id: String,
    pub(super) member_id: String,
    pub(super) portal_inquiry_id: String,
    pub(super) kind: InquiryKind,
    pub(super) buyer_name: String,
    pub(super) buyer_company: String,
    pub(super) buyer_country: &'static str,
    pub(super) buyer_city: &'static str,
    pub(super) buyer_verified: bool,
    pub(super) buyer_email: String,
    pub(super) product_name: Option<&'static str>,
    pub(super) product_category: Option<&'static str>,
    pub(super) requirement: Requirement,
    pub(super) language: &'static str,
    pub(super) subject: String,
    pub(super) message: String,
    pub(super) received_at: OffsetDateTime,
    pub(super) status: InquiryStatus,
    pub(super) lost_reason: Option<LostReason>,
    pub(super) spam_reason: Option<&'static str>,
    pub(super) assignee: Option<UserId>,
    pub(super) assignments: Vec<AssignmentEntry>,
    pub(super) score: Score,
    pub(super) tags: &'static [&'static str],
    /// Author (`None`: the buyer), body, sent at; the buyer's first message first.
    pub(super) messages: Vec<(Option<UserId>, String, OffsetDateTime)>,
    pub(super) updated_at: OffsetDateTime,
    pub(super) version: i64,
}

impl BulkInquiry {
    /// The latest message the buyer wrote.
    pub(super) fn latest_buyer_message(&self) -> &str {
        self.messages
            .iter()
            .rev()
            .find(|message| message.0.is_none())
            .map_or(self.message.as_str(), |message| message.1.as_str())
    }

    /// When the member first replied.
    pub(super) fn first_response_at(&self) -> Option<OffsetDateTime> {
        self.messages
            .iter()
            .find(|message| message.0.is_some())
            .map(|message| message.2)
    }
}

/// How the inquiries spread over time: all before the demo story's window, denser
/// towards the present.
pub(super) struct Timeline {
    pub(super) now: OffsetDateTime,
    /// The newest a bulk inquiry may be, in days before now.
    pub(super) newest_days: f64,
    /// The oldest, in days before now.
    pub(super) oldest_days: f64,
}

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
mod tests {
    use super::*;
    use crate::seed::brightway;

    fn team() -> Team {
        let users = [
            (
                UserId(uuid::Uuid::from_u128(1)),
                "Mia Manager".to_owned(),
                Role::Manager,
            ),
            (
                UserId(uuid::Uuid::from_u128(2)),
                "Rex Rep".to_owned(),
                Role::Rep,
            ),
            (
                UserId(uuid::Uuid::from_u128(3)),
                "Rae Rep".to_owned(),
                Role::Rep,
            ),
        ];
        Team::new(
            "member".to_owned(),
            "Brightway".to_owned(),
            &brightway::MEMBER,
            &users,
        )
    }

    #[test]
    fn inquiries_are_old_closed_mostly_and_assigned_in_turn() {
        let now = OffsetDateTime::now_utc();
        let timeline = Timeline {
            now,
            newest_days: 60.0,
            oldest_days: 730.0,
        };
        let locations = buyers::locations();
        let mut random = Random::new(9);
        let mut team = team();
        let inquiries: Vec<BulkInquiry> = (0..400)
            .map(|index| inquiry(&mut random, &mut team, &locations, &timeline, index))
            .collect();
        let spam = inquiries
            .iter()
            .filter(|inquiry| inquiry.status == InquiryStatus::Spam)
            .count();
        assert!((30..120).contains(&spam), "{spam} spam");
        for inquiry in &inquiries {
            let age = now - inquiry.received_at;
            assert!(age >= Duration::days(60) && age <= Duration::days(731));
            assert!(inquiry.updated_at >= inquiry.received_at);
            assert!(!inquiry.subject.contains('{') && !inquiry.message.contains('{'));
            if inquiry.status == InquiryStatus::Spam {
                assert_eq!(inquiry.assignee, None);
                assert!(inquiry.score.value < 40, "{:?}", inquiry.score);
            } else {
                assert!(inquiry.assignee.is_some());
            }
            if inquiry.status == InquiryStatus::Won {
                assert!(inquiry.messages.len() >= 3);
            }
        }
        // Round robin spreads the work over the two reps.
        let rex = inquiries
            .iter()
            .filter(|inquiry| inquiry.assignments[0].0 == Some(UserId(uuid::Uuid::from_u128(2))))
            .count();
        assert!(
            (180..=220).contains(&rex),
            "{rex} of 400 to one of two reps"
        );
        // Buyers write in many languages.
        let languages: std::collections::BTreeSet<&str> =
            inquiries.iter().map(|inquiry| inquiry.language).collect();
        assert!(languages.len() >= 4, "{languages:?}");
    }
}
