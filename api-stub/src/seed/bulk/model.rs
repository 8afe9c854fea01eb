//! What the bulk data is made of: a member's team as assignment sees it, one
//! generated inquiry ready to insert, and how the inquiries spread over time.

use contract::ids::UserId;
use contract::inquiry::{AssignmentRule, InquiryKind, InquiryStatus, LostReason, Requirement};
use contract::user::{Role, UserRef};
use time::OffsetDateTime;

use crate::assignment::Teammate;
use crate::scoring::Score;
use crate::seed::MemberSeed;

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
