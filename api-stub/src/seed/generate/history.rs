//! The second pass: the inquiries in the order they arrived, treated the way the
//! server treats an ingested inquiry (scored, assigned under the member's rules,
//! with the same explanations) and then the way the team worked them: a manager
//! filing spam or moving an inquiry to another rep, the assignee's replies, the
//! buyer's follow-ups, lost reasons.

use contract::ids::UserId;
use contract::inquiry::{AssignmentRule, InquiryStatus, LostReason};
use contract::user::{Role, UserRef};
use time::{Duration, OffsetDateTime};

use super::draw::Drawn;
use super::thread::{self, FollowUp, Reply};
use super::{GeneratedInquiry, PlannedAssignment, PlannedMessage, details};
use crate::assignment::{self, Arrival, ReturningCustomer, Rule, Teammate};
use crate::scoring::{self, KnownCustomer, REPEAT_WINDOW_DAYS, ScoreInput};
use crate::seed::random::Random;
use crate::seed::{Kind, MemberSeed, Writes, phrases};
use crate::text::message_fingerprint;

/// An assignment rule of a demo member: priority, rule, value, user key.
pub(in crate::seed) type RuleSeed = (
    i64,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

/// Brightway: German-speaking buyers to Li Wei, high bays to Wang Fang,
/// otherwise the least busy rep. Evergreen: round robin.
pub(in crate::seed) fn assignment_rules(member: &MemberSeed) -> &'static [RuleSeed] {
    match member.key {
        "brightway" => &[
            (10, "country", Some("DE"), Some("li-wei")),
            (11, "country", Some("AT"), Some("li-wei")),
            (12, "country", Some("CH"), Some("li-wei")),
            (
                20,
                "product_category",
                Some("LED high bay lights"),
                Some("wang-fang"),
            ),
            (90, "least_busy", None, None),
        ],
        "evergreen" => &[(90, "round_robin", None, None)],
        _ => &[],
    }
}

fn rules(member: &MemberSeed) -> Vec<Rule> {
    assignment_rules(member)
        .iter()
        .filter_map(|&(_, rule, value, user)| {
            let assignee = user.map(|key| UserId(member.user_id(key)));
            match (rule, value, assignee) {
                ("country", Some(country), Some(assignee)) => Some(Rule::Country {
                    country: country.to_owned(),
                    assignee,
                }),
                ("product_category", Some(category), Some(assignee)) => {
                    Some(Rule::ProductCategory {
                        category: category.to_owned(),
                        assignee,
                    })
                }
                ("round_robin", _, _) => Some(Rule::RoundRobin),
                ("least_busy", _, _) => Some(Rule::LeastBusy),
                _ => None,
            }
        })
        .collect()
}

/// Everything the second pass keeps track of while going through time.
struct Team<'a> {
    member: &'a MemberSeed,
    teammates: Vec<Teammate>,
    rules: Vec<Rule>,
    last_turn: Option<UserId>,
    manager: &'static str,
}

impl Team<'_> {
    fn key_of(&self, user: Option<&UserRef>) -> Option<&'static str> {
        let user = user?;
        self.member
            .users
            .iter()
            .find(|seed| UserId(self.member.user_id(seed.0)) == user.id)
            .map(|seed| seed.0)
    }

    fn name_of(&self, key: &str) -> &'static str {
        self.member
            .users
            .iter()
            .find(|seed| seed.0 == key)
            .map_or("", |seed| seed.1)
    }

    fn count(&mut self, key: &str) {
        let id = UserId(self.member.user_id(key));
        if let Some(teammate) = self
            .teammates
            .iter_mut()
            .find(|teammate| teammate.user.id == id)
        {
            teammate.active_inquiries += 1;
        }
    }
}

/// Scores, assigns and works each drawn inquiry in the order they arrived;
/// returns them in the drawn order.
pub(super) fn unfold(
    member: &MemberSeed,
    drawn: Vec<Drawn>,
    now: OffsetDateTime,
) -> Vec<GeneratedInquiry> {
    let mut extra = Random::new(member.seed ^ 0x005E_ED0F_1A7E_0002);
    let mut team = Team {
        member,
        teammates: member
            .users
            .iter()
            .map(|user| Teammate {
                user: UserRef {
                    id: UserId(member.user_id(user.0)),
                    name: user.1.to_owned(),
                },
                role: user.3,
                active: true,
                active_inquiries: 0,
            })
            .collect(),
        rules: rules(member),
        last_turn: None,
        manager: member
            .users
            .iter()
            .find(|user| user.3 == Role::Manager)
            .or_else(|| member.users.first())
            .map_or("", |user| user.0),
    };
    let mut order: Vec<usize> = (0..drawn.len()).collect();
    order.sort_by_key(|&index| (drawn[index].received_at, index));
    let mut seen: Vec<(OffsetDateTime, String)> = Vec::new();
    let mut done: Vec<(usize, GeneratedInquiry)> = Vec::with_capacity(drawn.len());
    for index in order {
        let inquiry = unfold_one(&mut team, &mut extra, &mut seen, &drawn[index], index, now);
        done.push((index, inquiry));
    }
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, inquiry)| inquiry).collect()
}

/// Why a lost inquiry was lost, price and competitors most often.
pub(in crate::seed) fn lost_reason(random: &mut Random) -> LostReason {
    const REASONS: [LostReason; 6] = [
        LostReason::Price,
        LostReason::CompetitorChosen,
        LostReason::NoResponse,
        LostReason::LeadTime,
        LostReason::Specification,
        LostReason::ProjectCancelled,
    ];
    REASONS[random
        .weighted(&[40, 22, 16, 10, 7, 5])
        .min(REASONS.len() - 1)]
}

/// Why the team filed an inquiry with this subject as spam.
pub(in crate::seed) fn spam_reason(subject: &str) -> &'static str {
    if subject.contains("traffic") {
        "Advertising for SEO services, not a buyer"
    } else if subject.contains("selected") {
        "Advance-fee scam asking for bank details"
    } else {
        "Crypto investment advertising"
    }
}

fn unfold_one(
    team: &mut Team<'_>,
    extra: &mut Random,
    seen: &mut Vec<(OffsetDateTime, String)>,
    drawn: &Drawn,
    index: usize,
    now: OffsetDateTime,
) -> GeneratedInquiry {
    let member = team.member;
    let received_at = drawn.received_at;
    let requirement = details::requirement(drawn, extra);
    let category = drawn.product_name.and_then(details::category);
    let customer = drawn.buyer.customer;

    let fingerprint = message_fingerprint(&drawn.message);
    let window_start = received_at - Duration::days(REPEAT_WINDOW_DAYS);
    let same_text_before = fingerprint.as_ref().map_or(0, |fingerprint| {
        seen.iter()
            .filter(|(at, other)| other == fingerprint && *at >= window_start)
            .count()
    });
    if let Some(fingerprint) = fingerprint {
        seen.push((received_at, fingerprint));
    }
    let score = scoring::score(&ScoreInput {
        email: &drawn.buyer.email,
        company: drawn.buyer.company,
        verified: drawn.buyer.verified,
        message: &drawn.message,
        requirement: &requirement,
        known_customer: customer.map(|customer| KnownCustomer {
            name: customer.0,
            has_ordered: matches!(
                customer.6,
                contract::customer::LifecycleStage::Customer
                    | contract::customer::LifecycleStage::Repeat
            ),
        }),
        same_text_before: u32::try_from(same_text_before).unwrap_or(u32::MAX),
    });

    let decision = assignment::decide(
        &Arrival {
            country: drawn.buyer.country,
            product_category: category,
            returning_customer: customer.map(|customer| ReturningCustomer {
                name: customer.0,
                owner: customer.7.map(|key| UserId(member.user_id(key))),
            }),
        },
        &team.rules,
        &team.teammates,
        team.last_turn,
    );
    if decision.rule == AssignmentRule::RoundRobin {
        team.last_turn = decision.assignee.as_ref().map(|user| user.id);
    }
    let mut assignee = team.key_of(decision.assignee.as_ref());
    let mut assignments = vec![PlannedAssignment {
        assignee,
        rule: decision.rule,
        by: None,
        explanation: decision.explanation,
        at: received_at,
    }];

    let status = drawn.status;
    let age = now - received_at;
    let answered = match status {
        InquiryStatus::Open | InquiryStatus::Quoted | InquiryStatus::Won | InquiryStatus::Lost => {
            true
        }
        InquiryStatus::Archived => extra.chance(0.7),
        InquiryStatus::New | InquiryStatus::Spam => false,
    };
    // Most replies come within the portal's 24 hours, some late; none after now.
    let delay_minutes = if extra.chance(0.8) {
        extra.between(25, 20 * 60)
    } else {
        extra.between(25 * 60, 60 * 60)
    };
    let reply_at = received_at + Duration::minutes(delay_minutes).min(age * 0.6);

    let manager = team.manager;
    let manager_name = team.name_of(manager);
    if status == InquiryStatus::Spam {
        assignments.push(PlannedAssignment {
            assignee: None,
            rule: AssignmentRule::Manual,
            by: Some(manager),
            explanation: format!("unassigned by {manager_name}"),
            at: received_at + Duration::hours(2).min(age * 0.5),
        });
        assignee = None;
    } else if status != InquiryStatus::New && extra.chance(0.07) {
        let others: Vec<&'static str> = member
            .users
            .iter()
            .filter(|user| user.3 == Role::Rep && Some(user.0) != assignee)
            .map(|user| user.0)
            .collect();
        if let Some(&other) = extra.pick(&others) {
            assignments.push(PlannedAssignment {
                assignee: Some(other),
                rule: AssignmentRule::Manual,
                by: Some(manager),
                explanation: format!("assigned to {} by {manager_name}", team.name_of(other)),
                at: received_at + (reply_at - received_at) * 0.5,
            });
            assignee = Some(other);
        }
    }

    let lost_reason = (status == InquiryStatus::Lost).then(|| lost_reason(extra));
    let spam_reason = (status == InquiryStatus::Spam).then(|| spam_reason(&drawn.subject));

    let author = assignee.unwrap_or(manager);
    let writes = drawn.template.1;
    let reply_writes = thread::reply_language(writes);
    let fill = |text: &str, language: Writes| {
        let quantity = drawn
            .quantity
            .map(|(value, unit)| phrases::quantity_phrase(value, unit, language))
            .unwrap_or_default();
        text.replace("{contact}", drawn.buyer.name)
            .replace("{product}", drawn.product_name.unwrap_or_default())
            .replace("{quantity}", &quantity)
            .replace("{seller}", member.short_name)
            .replace("{rep}", team.name_of(author))
    };
    let mut thread_messages = Vec::new();
    if answered {
        let text = match (drawn.kind, status) {
            (Kind::Company, _) => thread::company_reply(writes),
            (_, InquiryStatus::Quoted | InquiryStatus::Won | InquiryStatus::Lost) => {
                thread::reply(Reply::Quotation, writes)
            }
            _ => thread::reply(Reply::Acknowledge, writes),
        };
        thread_messages.push(PlannedMessage {
            author: Some(author),
            body: fill(text, reply_writes),
            sent_at: reply_at,
        });
        let follow_up = match status {
            InquiryStatus::Won => Some(FollowUp::Confirm),
            InquiryStatus::Quoted if extra.chance(0.35) => Some(FollowUp::Negotiate),
            InquiryStatus::Lost
                if matches!(
                    lost_reason,
                    Some(LostReason::Price | LostReason::CompetitorChosen)
                ) && extra.chance(0.6) =>
            {
                Some(FollowUp::Decline)
            }
            InquiryStatus::Open | InquiryStatus::Quoted if drawn.unread => Some(FollowUp::Reminder),
            _ => None,
        };
        if let Some(follow_up) = follow_up {
            let fraction = f64::from(u32::try_from(extra.between(30, 80)).unwrap_or(50)) / 100.0;
            thread_messages.push(PlannedMessage {
                author: None,
                body: fill(thread::follow_up(follow_up, writes), writes),
                sent_at: reply_at + (now - reply_at) * fraction,
            });
        }
    }

    if status.is_active()
        && let Some(key) = assignee
    {
        team.count(key);
    }
    let manual_changes = assignments.len() - 1;
    let replies = thread_messages
        .iter()
        .filter(|message| message.author.is_some())
        .count();
    let status_changes = usize::from(!matches!(status, InquiryStatus::New | InquiryStatus::Open));
    let updated_at = assignments
        .iter()
        .map(|entry| entry.at)
        .chain(thread_messages.iter().map(|message| message.sent_at))
        .fold(received_at, OffsetDateTime::max);
    GeneratedInquiry {
        customer: customer.map(|customer| customer.0),
        portal_inquiry_id: format!(
            "TB-{}-{:05}",
            member.key.to_ascii_uppercase(),
            10_000 + index
        ),
        kind: details::inquiry_kind(drawn),
        buyer_name: drawn.buyer.name.to_owned(),
        buyer_company: drawn.buyer.company.to_owned(),
        buyer_country: drawn.buyer.country,
        buyer_city: drawn.buyer.city,
        buyer_verified: drawn.buyer.verified,
        buyer_email: drawn.buyer.email.clone(),
        product_name: drawn.product_name,
        product_category: category,
        requirement,
        language: details::language_tag(writes),
        subject: drawn.subject.clone(),
        message: drawn.message.clone(),
        received_at,
        status,
        lost_reason,
        spam_reason,
        assignee,
        assignments,
        score,
        // Unread: nobody opened it since the buyer last wrote.
        unread: drawn.unread
            && (status == InquiryStatus::New
                || thread_messages
                    .last()
                    .is_some_and(|message| message.author.is_none())),
        tags: drawn.tags.clone(),
        thread: thread_messages,
        updated_at,
        version: i64::try_from(1 + manual_changes + replies + status_changes).unwrap_or(1),
    }
}
