//! Buyer inquiries (RFQs) as the inbox lists them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::country::CountryCode;
use crate::ids::{CustomerId, InquiryId};
use crate::quantity::Quantity;
use crate::user::UserRef;

/// Where an inquiry stands in the member's workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// One row of the inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The start of the buyer's first message, as plain text.
    pub preview: String,
    /// When the portal received it.
    #[serde(with = "time::serde::rfc3339")]
    pub received_at: OffsetDateTime,
    /// When a first reply is due to meet the portal's response target.
    #[serde(with = "time::serde::rfc3339::option")]
    pub response_due_at: Option<OffsetDateTime>,
    /// Workflow status.
    pub status: InquiryStatus,
    /// The sales rep it is assigned to.
    pub assignee: Option<UserRef>,
    /// Quality score from 0 (spam) to 100.
    pub score: u8,
    /// Whether nobody of the member has opened it since the buyer last wrote.
    pub unread: bool,
    /// Labels the member attached.
    pub tags: Vec<String>,
}

/// Query parameters of `GET /inquiries`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryListQuery {
    /// Only inquiries with this status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<InquiryStatus>,
    /// At most this many items (1 to [`InquiryListQuery::MAX_LIMIT`]; default
    /// [`InquiryListQuery::DEFAULT_LIMIT`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Continue after the page that returned this cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

impl InquiryListQuery {
    /// Page size when none is asked for.
    pub const DEFAULT_LIMIT: u32 = 50;
    /// The largest page a client may ask for.
    pub const MAX_LIMIT: u32 = 200;
}

/// A page of inquiries, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryPage {
    /// The inquiries on this page.
    pub items: Vec<InquirySummary>,
    /// Pass as `cursor` to get the next page; `None` on the last page.
    pub next_cursor: Option<String>,
    /// How many inquiries match the filter in all.
    pub total: u64,
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
}
