//! What happened with a customer: notes and logged activities, the timeline that
//! merges them with inquiries and quotes, and reminders.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::ids::{ActivityId, CustomerId, InquiryId, QuoteId, ReminderId};
use crate::inquiry::InquiryStatus;
use crate::money::Money;
use crate::problem::FieldError;
use crate::quote::QuoteStatus;
use crate::user::UserRef;
use crate::validation::FieldErrors;
use crate::version::Version;

/// What kind of activity was logged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// A note.
    Note,
    /// A phone or video call.
    Call,
    /// A meeting in person.
    Meeting,
    /// An e-mail sent or received outside the CRM.
    Email,
    /// A sample shipment.
    SampleSent,
}

wire_names!(ActivityKind {
    Note => "note",
    Call => "call",
    Meeting => "meeting",
    Email => "email",
    SampleSent => "sample_sent",
});

/// A note or logged activity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    /// The activity's id.
    pub id: ActivityId,
    /// The customer it concerns.
    pub customer_id: CustomerId,
    /// What kind.
    pub kind: ActivityKind,
    /// What happened, plain text.
    pub body: String,
    /// When it happened.
    #[serde(with = "time::serde::rfc3339")]
    pub occurred_at: OffsetDateTime,
    /// Who logged it.
    pub author: UserRef,
}

/// `POST /customers/{id}/activities`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewActivity {
    /// What kind.
    pub kind: ActivityKind,
    /// What happened.
    pub body: String,
    /// When; default: now.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub occurred_at: Option<OffsetDateTime>,
}

impl NewActivity {
    /// Checks the activity.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = FieldErrors::new();
        errors.check_text(&self.body, "/body", 1, 10_000);
        errors.finish()
    }
}

/// One entry of a customer's timeline, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TimelineItem {
    /// An inquiry the customer sent.
    Inquiry {
        /// The inquiry.
        id: InquiryId,
        /// Its subject.
        subject: String,
        /// Its status now.
        status: InquiryStatus,
    },
    /// A quote revision made for the customer.
    Quote {
        /// The quote.
        id: QuoteId,
        /// Its number, e.g. "Q-2026-0131".
        number: String,
        /// The revision.
        revision: u32,
        /// Its status now.
        status: QuoteStatus,
        /// Its total.
        total: Money,
    },
    /// A note or logged activity.
    Activity(Activity),
    /// A status changed: one of the customer's inquiries moved along the
    /// workflow, or the customer's lifecycle stage or tier changed.
    StatusChange {
        /// What changed.
        field: StatusField,
        /// The value before, by its wire name (an `InquiryStatus` for
        /// `status`, a `LifecycleStage` for `stage`, a `Tier` for `tier`).
        from: String,
        /// The value after, likewise.
        to: String,
        /// The inquiry, for `status`.
        inquiry_id: Option<InquiryId>,
        /// The inquiry's subject, for `status`.
        subject: Option<String>,
        /// Who changed it, while they are a user.
        author: Option<UserRef>,
    },
}

/// What a timeline's status change is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatusField {
    /// An inquiry's status.
    Status,
    /// The customer's lifecycle stage.
    Stage,
    /// The customer's tier.
    Tier,
}

/// A timeline entry with its time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    /// When it happened.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// What.
    pub item: TimelineItem,
}

/// `GET /customers/{id}/timeline?kind=&cursor=&limit=`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelinePage {
    /// Entries, newest first.
    pub items: Vec<TimelineEntry>,
    /// Pass as `cursor` for older entries; `None` at the beginning.
    pub next_cursor: Option<String>,
}

/// What a reminder is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// Follow up with the customer.
    FollowUp,
    /// A date that matters, such as a contract renewal.
    ImportantDate,
}

wire_names!(ReminderKind {
    FollowUp => "follow_up",
    ImportantDate => "important_date",
});

/// A follow-up or important date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reminder {
    /// The reminder's id.
    pub id: ReminderId,
    /// The customer.
    pub customer_id: CustomerId,
    /// What for.
    pub kind: ReminderKind,
    /// What to do or remember.
    pub title: String,
    /// When it is due.
    #[serde(with = "crate::validation::date::iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub due_on: Date,
    /// When it was done; `None` while open.
    #[serde(with = "time::serde::rfc3339::option")]
    pub done_at: Option<OffsetDateTime>,
    /// Whose reminder it is.
    pub owner: UserRef,
    /// Changes with every update; send it back in `If-Match`.
    pub version: Version,
}

/// `GET /reminders?owner=me&open=true&due_before=`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderPage {
    /// Reminders, earliest due first.
    pub items: Vec<Reminder>,
    /// Pass as `cursor` for more; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// `POST /customers/{id}/reminders`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewReminder {
    /// What for.
    pub kind: ReminderKind,
    /// What to do or remember.
    pub title: String,
    /// When it is due.
    #[serde(with = "crate::validation::date::iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub due_on: Date,
}

impl NewReminder {
    /// Checks the reminder.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = FieldErrors::new();
        errors.check_text(&self.title, "/title", 1, 200);
        errors.finish()
    }
}

/// `PATCH /reminders/{id}` (with `If-Match`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReminderPatch {
    /// New title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// New due date.
    #[serde(
        default,
        with = "crate::validation::date::iso_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub due_on: Option<Date>,
    /// Mark done (`true`) or open again (`false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
}

impl ReminderPatch {
    /// Checks the change.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = FieldErrors::new();
        errors.check(
            *self != ReminderPatch::default(),
            "",
            "must change at least one field",
        );
        if let Some(title) = &self.title {
            errors.check_text(title, "/title", 1, 200);
        }
        errors.finish()
    }
}
