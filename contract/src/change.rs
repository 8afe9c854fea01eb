//! The change feed caches sync from: `GET /changes?since=<cursor>` and the
//! server-sent event stream `GET /changes/stream` carry the same [`Change`]s.
//!
//! A client first asks `GET /changes` without `since` for the current cursor,
//! then loads the lists it needs, then follows the feed from that cursor, so no
//! change between the two is missed. A change carries the record as the caller
//! may see it now; `current: null` means it was deleted or is no longer visible
//! to the caller (e.g. an inquiry reassigned away from a rep).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::customer::{CustomerSummary, Reminder};
use crate::ids::{CustomerId, InquiryId, ProductId, QuoteId, ReminderId, UserId};
use crate::inquiry::InquirySummary;
use crate::product::Product;
use crate::quote::QuoteSummary;
use crate::user::User;

/// What changed, with the record as it is now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "entity", rename_all = "snake_case")]
pub enum ChangedRecord {
    /// An inquiry.
    Inquiry {
        /// Its id.
        id: InquiryId,
        /// As the caller sees it now; `null`: gone or no longer visible.
        current: Option<InquirySummary>,
    },
    /// A customer.
    Customer {
        /// Its id.
        id: CustomerId,
        /// As it is now; `null`: deleted.
        current: Option<CustomerSummary>,
    },
    /// A quote revision.
    Quote {
        /// Its id.
        id: QuoteId,
        /// As it is now; `null`: deleted.
        current: Option<QuoteSummary>,
    },
    /// A product.
    Product {
        /// Its id.
        id: ProductId,
        /// As it is now; `null`: deleted.
        current: Option<Product>,
    },
    /// A user of the member.
    User {
        /// Its id.
        id: UserId,
        /// As it is now; `null`: removed.
        current: Option<User>,
    },
    /// A reminder.
    Reminder {
        /// Its id.
        id: ReminderId,
        /// As it is now; `null`: deleted.
        current: Option<Reminder>,
    },
}

/// One entry of the feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Change {
    /// The feed position just after this change: pass it as `since` (or
    /// `Last-Event-ID`) to continue after it.
    pub cursor: String,
    /// When the change happened.
    #[serde(with = "time::serde::rfc3339")]
    pub changed_at: OffsetDateTime,
    /// What changed.
    pub record: ChangedRecord,
}

/// `GET /changes?since=&limit=`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeFeed {
    /// Changes after `since`, oldest first; empty without `since`.
    pub changes: Vec<Change>,
    /// Where to continue from (the cursor of the last change, or the current
    /// position when there is none).
    pub next_cursor: String,
    /// Whether more changes follow right away.
    pub has_more: bool,
}
