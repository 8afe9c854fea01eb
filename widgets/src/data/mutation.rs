//! The edits widgets make, as outbox operations: what request each becomes and
//! how it shows on a cached record until the server has acknowledged it. Plain
//! Rust, tested natively.

use std::collections::HashMap;
use std::sync::Arc;

use contract::customer::{
    ContactInput, Customer, CustomerPatch, CustomerSummary, NewActivity, NewReminder, ReminderPatch,
};
use contract::ids::{ContactId, CustomerId, InquiryId, QuoteId, ReminderId, UserId};
use contract::inquiry::{InquiryPatch, InquiryStatus, InquirySummary, NewReply};
use contract::operation::{self, Operation};
use contract::quote::QuoteDraft;
use contract::user::UserRef;
use serde::{Deserialize, Serialize};

use crate::sync::{Entry, State};

/// One edit, as stored in the outbox (tagged by `kind` there: see
/// `engine::tagged`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Mutation {
    /// `PATCH /inquiries/{id}`: status, assignee, read state, tags.
    UpdateInquiry {
        id: InquiryId,
        patch: InquiryPatch,
        /// What the user calls the inquiry (the buyer), kept to name it even
        /// once it is no longer theirs to see.
        #[serde(default)]
        about: String,
    },
    /// `POST /inquiries/{id}/replies`: the member answers the buyer.
    CreateReply {
        id: InquiryId,
        reply: NewReply,
        /// The buyer, as for `UpdateInquiry`.
        #[serde(default)]
        about: String,
    },
    /// `PATCH /customers/{id}`: profile, tier, lifecycle stage, owner, tags.
    UpdateCustomer {
        id: CustomerId,
        patch: CustomerPatch,
        /// What the user calls the customer (its name when edited).
        #[serde(default)]
        about: String,
    },
    /// `POST /customers/{id}/contacts`: a new contact person.
    CreateContact {
        customer: CustomerId,
        contact: ContactInput,
        /// The customer's name.
        about: String,
    },
    /// `PUT /customers/{id}/contacts/{contact_id}`: a contact edited.
    ReplaceContact {
        customer: CustomerId,
        id: ContactId,
        contact: ContactInput,
        /// The customer's name.
        about: String,
    },
    /// `DELETE /customers/{id}/contacts/{contact_id}`.
    DeleteContact {
        customer: CustomerId,
        id: ContactId,
        /// The contact's name.
        name: String,
        /// The customer's name.
        about: String,
    },
    /// `POST /customers/{id}/activities`: a note, or a call, meeting, e-mail or
    /// sample shipment logged.
    CreateActivity {
        customer: CustomerId,
        activity: NewActivity,
        /// The customer's name.
        about: String,
    },
    /// `POST /customers/{id}/reminders`: a follow-up or an important date.
    CreateReminder {
        customer: CustomerId,
        reminder: NewReminder,
        /// The customer's name.
        about: String,
    },
    /// `POST /customers/{id}/merge`: a look-alike folded into the customer.
    MergeCustomer {
        id: CustomerId,
        duplicate: CustomerId,
        /// The duplicate's name.
        duplicate_name: String,
        /// The customer's name.
        about: String,
    },
    /// `PATCH /reminders/{id}`: done, or moved.
    UpdateReminder {
        customer: CustomerId,
        id: ReminderId,
        patch: ReminderPatch,
        /// The reminder's title.
        about: String,
    },
    /// `POST /quotes` (a new draft, under the id the widget chose) or
    /// `PUT /quotes/{id}` (the draft replaced).
    SaveQuote {
        id: QuoteId,
        /// `POST` when true: the server has not been asked to create it yet.
        create: bool,
        draft: Box<QuoteDraft>,
        /// The quote's buyer.
        about: String,
    },
    /// `POST /quotes/{id}/send`, `/accept` or `/reject`.
    MoveQuote {
        id: QuoteId,
        step: QuoteStep,
        /// The quote's buyer.
        about: String,
    },
}

/// A step of a quote revision's flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum QuoteStep {
    /// Draft to sent.
    Send,
    /// Sent to accepted (the buyer said yes).
    Accept,
    /// Sent to rejected.
    Reject,
}

/// The outbox resource of quote revision `id`: its saves and steps go in order.
pub(crate) fn quote_resource(id: QuoteId) -> String {
    ["quote/", &id.to_string()].concat()
}

impl Mutation {
    /// The resource it changes, the outbox's unit of order.
    pub(crate) fn resource(&self) -> String {
        match self {
            Mutation::UpdateInquiry { id, .. } | Mutation::CreateReply { id, .. } => {
                inquiry_resource(*id)
            }
            // On the profile's queue: in order with its edits, on their versions.
            Mutation::UpdateCustomer { id, .. } | Mutation::MergeCustomer { id, .. } => {
                ["customer/", &id.to_string()].concat()
            }
            // A new record has no version to keep in step with: its own queue,
            // so it never waits behind (or moves) the profile's edits.
            Mutation::CreateContact { customer, .. } => {
                ["customer/", &customer.to_string(), "/contacts"].concat()
            }
            Mutation::ReplaceContact { id, .. } | Mutation::DeleteContact { id, .. } => {
                ["contact/", &id.to_string()].concat()
            }
            Mutation::CreateActivity { customer, .. } => {
                ["customer/", &customer.to_string(), "/activities"].concat()
            }
            Mutation::CreateReminder { customer, .. } => {
                ["customer/", &customer.to_string(), "/reminders"].concat()
            }
            Mutation::UpdateReminder { id, .. } => ["reminder/", &id.to_string()].concat(),
            Mutation::SaveQuote { id, .. } | Mutation::MoveQuote { id, .. } => quote_resource(*id),
        }
    }

    /// The HTTP method.
    pub(crate) fn method(&self) -> &'static str {
        match self {
            Mutation::UpdateInquiry { .. } => operation::UpdateInquiry::METHOD.as_str(),
            Mutation::CreateReply { .. } => operation::CreateReply::METHOD.as_str(),
            Mutation::UpdateCustomer { .. } => operation::UpdateCustomer::METHOD.as_str(),
            Mutation::CreateContact { .. } => operation::CreateContact::METHOD.as_str(),
            Mutation::ReplaceContact { .. } => operation::ReplaceContact::METHOD.as_str(),
            Mutation::DeleteContact { .. } => operation::DeleteContact::METHOD.as_str(),
            Mutation::CreateActivity { .. } => operation::CreateActivity::METHOD.as_str(),
            Mutation::CreateReminder { .. } => operation::CreateReminder::METHOD.as_str(),
            Mutation::UpdateReminder { .. } => operation::UpdateReminder::METHOD.as_str(),
            Mutation::MergeCustomer { .. } => operation::MergeCustomer::METHOD.as_str(),
            Mutation::SaveQuote { create: true, .. } => operation::CreateQuote::METHOD.as_str(),
            Mutation::SaveQuote { .. } => operation::ReplaceQuote::METHOD.as_str(),
            Mutation::MoveQuote { .. } => operation::SendQuote::METHOD.as_str(),
        }
    }

    /// The path below the API base, as segments.
    pub(crate) fn path(&self) -> Vec<String> {
        let segments = match self {
            Mutation::UpdateInquiry { id, .. } => {
                operation::UpdateInquiry::segments(&[&id.to_string()])
            }
            Mutation::CreateReply { id, .. } => {
                operation::CreateReply::segments(&[&id.to_string()])
            }
            Mutation::UpdateCustomer { id, .. } => {
                operation::UpdateCustomer::segments(&[&id.to_string()])
            }
            Mutation::CreateContact { customer, .. } => {
                operation::CreateContact::segments(&[&customer.to_string()])
            }
            Mutation::ReplaceContact { customer, id, .. } => {
                operation::ReplaceContact::segments(&[&customer.to_string(), &id.to_string()])
            }
            Mutation::DeleteContact { customer, id, .. } => {
                operation::DeleteContact::segments(&[&customer.to_string(), &id.to_string()])
            }
            Mutation::CreateActivity { customer, .. } => {
                operation::CreateActivity::segments(&[&customer.to_string()])
            }
            Mutation::CreateReminder { customer, .. } => {
                operation::CreateReminder::segments(&[&customer.to_string()])
            }
            Mutation::UpdateReminder { id, .. } => {
                operation::UpdateReminder::segments(&[&id.to_string()])
            }
            Mutation::MergeCustomer { id, .. } => {
                operation::MergeCustomer::segments(&[&id.to_string()])
            }
            Mutation::SaveQuote { create: true, .. } => operation::CreateQuote::segments(&[]),
            Mutation::SaveQuote { id, .. } => operation::ReplaceQuote::segments(&[&id.to_string()]),
            Mutation::MoveQuote { id, step, .. } => {
                let id = id.to_string();
                match step {
                    QuoteStep::Send => operation::SendQuote::segments(&[&id]),
                    QuoteStep::Accept => operation::AcceptQuote::segments(&[&id]),
                    QuoteStep::Reject => operation::RejectQuote::segments(&[&id]),
                }
            }
        };
        // Each path takes exactly the ids given.
        segments.unwrap_or_default()
    }

    /// What the user calls the record it changes.
    pub(crate) fn about(&self) -> &str {
        match self {
            Mutation::UpdateInquiry { about, .. }
            | Mutation::CreateReply { about, .. }
            | Mutation::UpdateCustomer { about, .. }
            | Mutation::CreateContact { about, .. }
            | Mutation::ReplaceContact { about, .. }
            | Mutation::DeleteContact { about, .. }
            | Mutation::CreateActivity { about, .. }
            | Mutation::CreateReminder { about, .. }
            | Mutation::UpdateReminder { about, .. }
            | Mutation::MergeCustomer { about, .. }
            | Mutation::SaveQuote { about, .. }
            | Mutation::MoveQuote { about, .. } => about,
        }
    }

    /// The inquiry it changes, if any.
    pub(crate) fn inquiry(&self) -> Option<InquiryId> {
        match self {
            Mutation::UpdateInquiry { id, .. } | Mutation::CreateReply { id, .. } => Some(*id),
            _ => None,
        }
    }

    /// The quote revision it changes, if any.
    pub(crate) fn quote(&self) -> Option<QuoteId> {
        match self {
            Mutation::SaveQuote { id, .. } | Mutation::MoveQuote { id, .. } => Some(*id),
            _ => None,
        }
    }

    /// The customer it changes, if any.
    pub(crate) fn customer(&self) -> Option<CustomerId> {
        match self {
            Mutation::UpdateCustomer { id, .. } | Mutation::MergeCustomer { id, .. } => Some(*id),
            Mutation::CreateContact { customer, .. }
            | Mutation::ReplaceContact { customer, .. }
            | Mutation::DeleteContact { customer, .. }
            | Mutation::CreateActivity { customer, .. }
            | Mutation::CreateReminder { customer, .. }
            | Mutation::UpdateReminder { customer, .. } => Some(*customer),
            Mutation::UpdateInquiry { .. }
            | Mutation::CreateReply { .. }
            | Mutation::SaveQuote { .. }
            | Mutation::MoveQuote { .. } => None,
        }
    }

    /// Shows the edit on `customer` (the server's version), as the user expects
    /// to see it while it waits to be sent.
    pub(crate) fn apply_to_customer(
        &self,
        customer: &mut CustomerSummary,
        names: &HashMap<UserId, String>,
    ) {
        let Mutation::UpdateCustomer { id, patch, .. } = self else {
            return;
        };
        if *id != customer.id {
            return;
        }
        if let Some(name) = &patch.name {
            customer.name.clone_from(name);
        }
        if let Some(country) = patch.country {
            customer.country = country;
        }
        if let Some(business_type) = patch.business_type {
            customer.business_type = business_type;
        }
        if let Some(tier) = patch.tier {
            customer.tier = tier;
        }
        if let Some(stage) = patch.stage {
            customer.stage = stage;
        }
        if let Some(tags) = &patch.tags {
            customer.tags.clone_from(tags);
        }
        if let Some(owner) = patch.owner_id {
            customer.owner = owner.map(|id| UserRef {
                id,
                name: names.get(&id).cloned().unwrap_or_default(),
            });
        }
    }

    /// [`Mutation::apply_to_customer`] on the whole profile.
    pub(crate) fn apply_to_profile(
        &self,
        customer: &mut Customer,
        names: &HashMap<UserId, String>,
    ) {
        self.apply_to_customer(&mut customer.summary, names);
        let Mutation::UpdateCustomer { id, patch, .. } = self else {
            return;
        };
        if *id != customer.summary.id {
            return;
        }
        if let Some(website) = &patch.website {
            customer.website.clone_from(website);
        }
        if let Some(industry) = &patch.industry {
            customer.industry.clone_from(industry);
        }
        if let Some(size) = patch.size {
            customer.size = size;
        }
        if let Some(source) = patch.source {
            customer.source = source;
        }
    }

    /// Shows the edit on `inquiry` (the server's version of it), as the user
    /// expects to see it while it waits to be sent. `names` names assignees.
    pub(crate) fn apply_to_inquiry(
        &self,
        inquiry: &mut InquirySummary,
        names: &HashMap<UserId, String>,
    ) {
        let (id, patch) = match self {
            Mutation::UpdateInquiry { id, patch, .. } => (id, patch),
            // As the server does with a reply: a new inquiry becomes open, and
            // it counts as read.
            Mutation::CreateReply { id, .. } => {
                if *id == inquiry.id {
                    if inquiry.status == InquiryStatus::New {
                        inquiry.status = InquiryStatus::Open;
                    }
                    inquiry.unread = false;
                }
                return;
            }
            _ => return,
        };
        if *id != inquiry.id {
            return;
        }
        if let Some(status) = patch.status {
            inquiry.status = status;
        }
        if let Some(unread) = patch.unread {
            inquiry.unread = unread;
        }
        if let Some(tags) = &patch.tags {
            inquiry.tags.clone_from(tags);
        }
        if let Some(assignee) = patch.assignee_id {
            inquiry.assignee = assignee.map(|id| UserRef {
                id,
                name: names.get(&id).cloned().unwrap_or_default(),
            });
        }
    }
}

/// The outbox resource of an inquiry.
pub(crate) fn inquiry_resource(id: InquiryId) -> String {
    ["inquiry/", &id.to_string()].concat()
}

/// `inquiry` as the user sees it: the server's version with their edits that are
/// still on their way (waiting or being sent) applied in order. Edits in
/// conflict or refused are not shown: the user decides about them.
pub(crate) fn shown_inquiry(
    inquiry: &Arc<InquirySummary>,
    outbox: &[Entry<Mutation>],
    names: &HashMap<UserId, String>,
) -> (Arc<InquirySummary>, bool) {
    let mut edits = outbox.iter().filter(|entry| {
        entry.op.inquiry() == Some(inquiry.id)
            && matches!(entry.state, State::Waiting { .. } | State::Sending { .. })
    });
    let Some(first) = edits.next() else {
        // The common case shares the server's record instead of copying it.
        return (Arc::clone(inquiry), false);
    };
    let mut shown = InquirySummary::clone(inquiry);
    first.op.apply_to_inquiry(&mut shown, names);
    for entry in edits {
        entry.op.apply_to_inquiry(&mut shown, names);
    }
    (Arc::new(shown), true)
}

#[cfg(test)]
mod tests;
