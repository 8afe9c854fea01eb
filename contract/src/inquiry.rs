//! Buyer inquiries (RFQs): the list row, the whole inquiry with its thread, the
//! changes a member makes to it, and the portal's ingest of new ones.

mod detail;
mod ingest;
mod query;
mod update;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::country::CountryCode;
use crate::ids::{CustomerId, InquiryId};
use crate::quantity::Quantity;
use crate::user::UserRef;
use crate::version::Version;

pub use detail::{
    Assignment, AssignmentRule, Destination, Inquiry, InquiryKind, Message, MessageDirection,
    Requirement, ScoreReason, ScoreSignal,
};
pub use ingest::{IngestBuyer, IngestInquiry, IngestProduct, IngestedInquiry};
pub use query::{AssigneeFilter, InquiryFilter, InquiryListQuery, InquirySort};
pub use update::{InquiryPatch, LostReason, MAX_TAGS, NewReply, validate_tags};

/// Where an inquiry stands in the member's workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InquiryStatus {
    /// Received, nobody has worked on it yet.
    New,
    /// Someone is working on it.
    Open,
    /// A quote was sent.
    Quoted,
    /// It became an order.
    Won,
    /// The buyer went elsewhere or dropped it.
    Lost,
    /// Not a genuine inquiry.
    Spam,
    /// Put away.
    Archived,
}

impl InquiryStatus {
    /// Every status, in workflow order.
    pub const ALL: [InquiryStatus; 7] = [
        InquiryStatus::New,
        InquiryStatus::Open,
        InquiryStatus::Quoted,
        InquiryStatus::Won,
        InquiryStatus::Lost,
        InquiryStatus::Spam,
        InquiryStatus::Archived,
    ];

    /// The wire name, e.g. `"quoted"`.
    pub fn as_str(self) -> &'static str {
        match self {
            InquiryStatus::New => "new",
            InquiryStatus::Open => "open",
            InquiryStatus::Quoted => "quoted",
            InquiryStatus::Won => "won",
            InquiryStatus::Lost => "lost",
            InquiryStatus::Spam => "spam",
            InquiryStatus::Archived => "archived",
        }
    }

    /// Whether an inquiry still needs work (counts toward a rep's load).
    pub fn is_active(self) -> bool {
        matches!(
            self,
            InquiryStatus::New | InquiryStatus::Open | InquiryStatus::Quoted
        )
    }

    /// Whether the workflow allows going from `self` to `to` (staying is allowed).
    /// Nothing goes back to `new`; `won` is only reached from work in progress;
    /// anything closed can be reopened.
    pub fn can_become(self, to: InquiryStatus) -> bool {
        use InquiryStatus::*;
        self == to
            || match to {
                New => false,
                Open => true,
                Quoted => matches!(self, New | Open | Won | Lost),
                Won => matches!(self, Open | Quoted),
                Lost => matches!(self, New | Open | Quoted),
                Spam => matches!(self, New | Open),
                Archived => true,
            }
    }
}

/// Why a text is not an inquiry status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not an inquiry status (expected one of new, open, quoted, won, lost, spam, archived)"
)]
pub struct InvalidInquiryStatus(pub String);

impl FromStr for InquiryStatus {
    type Err = InvalidInquiryStatus;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        InquiryStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
            .ok_or_else(|| InvalidInquiryStatus(text.to_owned()))
    }
}

impl fmt::Display for InquiryStatus {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// The buyer as they described themselves when sending the inquiry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BuyerSnapshot {
    /// The person's name.
    pub name: String,
    /// Their company's name; empty when they gave none.
    pub company: String,
    /// Where they are.
    pub country: CountryCode,
    /// Whether the portal verified the buyer.
    pub verified: bool,
}

impl BuyerSnapshot {
    /// What a seller calls the buyer: the company, or the person without one.
    pub fn display_name(&self) -> &str {
        if self.company.trim().is_empty() {
            &self.name
        } else {
            &self.company
        }
    }
}

/// One row of the inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InquirySummary {
    /// The inquiry's id.
    pub id: InquiryId,
    /// Who sent it.
    pub buyer: BuyerSnapshot,
    /// The customer record the buyer is linked to, once known.
    pub customer_id: Option<CustomerId>,
    /// The product asked about; `None` for an inquiry about the company as a whole.
    pub product_name: Option<String>,
    /// How much the buyer wants, when stated.
    pub quantity: Option<Quantity>,
    /// The subject line the buyer wrote.
    pub subject: String,
    /// The start of the buyer's latest message, as plain text.
    pub preview: String,
    /// When the portal received it.
    #[serde(with = "time::serde::rfc3339")]
    pub received_at: OffsetDateTime,
    /// When a first reply is due to meet the portal's response target.
    #[serde(with = "time::serde::rfc3339::option")]
    pub response_due_at: Option<OffsetDateTime>,
    /// When the member first replied; `None` while unanswered.
    #[serde(with = "time::serde::rfc3339::option")]
    pub first_response_at: Option<OffsetDateTime>,
    /// Workflow status.
    pub status: InquiryStatus,
    /// The sales rep it is assigned to.
    pub assignee: Option<UserRef>,
    /// Quality score from 0 (spam) to 100; the reasons are in [`Inquiry`].
    pub score: u8,
    /// Whether nobody of the member has opened it since the buyer last wrote.
    pub unread: bool,
    /// Labels the member attached.
    pub tags: Vec<String>,
    /// The language the buyer wrote in (BCP 47), when known.
    pub language: Option<String>,
    /// Changes with every update; send it back in `If-Match`.
    pub version: Version,
    /// When anything about it last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// A page of inquiries in the requested order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InquiryPage {
    /// The inquiries on this page.
    pub items: Vec<InquirySummary>,
    /// Pass as `cursor` to get the next page; `None` on the last page.
    pub next_cursor: Option<String>,
    /// How many inquiries match the filter in all.
    pub total: u64,
    /// How many inquiries the caller can see per status, ignoring the status filter
    /// (for the inbox's tabs).
    pub status_counts: Vec<StatusCount>,
}

/// How many inquiries have a status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCount {
    /// The status.
    pub status: InquiryStatus,
    /// How many inquiries have it.
    pub count: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_from_their_wire_names_only() {
        for status in InquiryStatus::ALL {
            assert_eq!(status.as_str().parse::<InquiryStatus>(), Ok(status));
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
        }
        assert!("New".parse::<InquiryStatus>().is_err());
        assert!("pending".parse::<InquiryStatus>().is_err());
    }

    #[test]
    fn the_workflow_moves_forward_and_reopens_but_never_back_to_new() {
        use InquiryStatus::*;
        assert!(New.can_become(Open) && Open.can_become(Quoted) && Quoted.can_become(Won));
        assert!(Lost.can_become(Open) && Archived.can_become(Open) && Spam.can_become(Open));
        assert!(!Open.can_become(New) && !Spam.can_become(New));
        assert!(!New.can_become(Won) && !Archived.can_become(Won));
        assert!(!Quoted.can_become(Spam));
        for status in InquiryStatus::ALL {
            assert!(status.can_become(status));
            assert!(status.can_become(Archived));
        }
    }
}
