//! Generating a member's inquiries from its tables: who writes, about what, in which
//! language, when, and how far the member's team has got with it.
//!
//! Two passes. The first draws, from the member's fixed-seed generator, who
//! writes about what and when, and where the inquiry stands now. The second goes
//! through the inquiries in the order they arrived and does what the server does
//! on ingest and afterwards: scores them with [`crate::scoring`], assigns them with
//! [`crate::assignment`] under the member's rules, and writes the thread, the
//! manual reassignments and the outcome ([`history`]). The first pass draws
//! exactly what it always drew, so the demo's story (who wrote, which inquiries
//! were quoted) stays the same; everything added since comes from a second
//! generator.

mod details;
mod draw;
mod history;
pub(super) mod thread;

use contract::inquiry::{AssignmentRule, InquiryKind, InquiryStatus, LostReason, Requirement};
use time::OffsetDateTime;

use super::MemberSeed;
use crate::scoring::Score;

pub(super) use details::{Written, category, language_tag, requirement_of};
pub(super) use draw::choose_template;
pub(super) use history::{assignment_rules, lost_reason, spam_reason};

/// One generated inquiry, ready to insert.
#[derive(Clone, Debug)]
pub(super) struct GeneratedInquiry {
    /// The customer it is linked to, by name.
    pub(super) customer: Option<&'static str>,
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
    /// Quantity, target price, trade term, destination… as the portal passed them on.
    pub(super) requirement: Requirement,
    /// The language of the buyer's message (BCP 47).
    pub(super) language: &'static str,
    pub(super) subject: String,
    pub(super) message: String,
    pub(super) received_at: OffsetDateTime,
    pub(super) status: InquiryStatus,
    pub(super) lost_reason: Option<LostReason>,
    pub(super) spam_reason: Option<&'static str>,
    /// The assignee now, by user key.
    pub(super) assignee: Option<&'static str>,
    /// Every assignment, oldest first: the automatic one, then manual ones.
    pub(super) assignments: Vec<PlannedAssignment>,
    pub(super) score: Score,
    pub(super) unread: bool,
    pub(super) tags: Vec<&'static str>,
    /// The messages after the buyer's first one, oldest first.
    pub(super) thread: Vec<PlannedMessage>,
    /// When anything last happened to it.
    pub(super) updated_at: OffsetDateTime,
    /// 1 plus the number of changes the team made.
    pub(super) version: i64,
}

impl GeneratedInquiry {
    /// The latest message the buyer wrote.
    pub(super) fn latest_buyer_message(&self) -> &str {
        self.thread
            .iter()
            .rev()
            .find(|message| message.author.is_none())
            .map_or(self.message.as_str(), |message| message.body.as_str())
    }

    /// When the member first replied.
    pub(super) fn first_response_at(&self) -> Option<OffsetDateTime> {
        self.thread
            .iter()
            .find(|message| message.author.is_some())
            .map(|message| message.sent_at)
    }
}

/// One entry of an inquiry's assignment history.
#[derive(Clone, Debug)]
pub(super) struct PlannedAssignment {
    /// By user key.
    pub(super) assignee: Option<&'static str>,
    pub(super) rule: AssignmentRule,
    /// Who did it by hand, by user key.
    pub(super) by: Option<&'static str>,
    pub(super) explanation: String,
    pub(super) at: OffsetDateTime,
}

/// A message of the thread after the buyer's first.
#[derive(Clone, Debug)]
pub(super) struct PlannedMessage {
    /// The member's user who wrote it, by key; `None` for the buyer.
    pub(super) author: Option<&'static str>,
    pub(super) body: String,
    pub(super) sent_at: OffsetDateTime,
}

/// The member's inquiries, newest first on the whole; the newest are densest,
/// like a real inbox.
pub(super) fn inquiries(member: &MemberSeed, now: OffsetDateTime) -> Vec<GeneratedInquiry> {
    let drawn = draw::draw(member, now);
    history::unfold(member, drawn, now)
}
