//! The user's edits of the layer's records: queued in the outbox (stored
//! first, shown at once, sent when possible), shown as they will be, and the
//! decisions about those the server did not take.

use std::rc::Rc;

use contract::customer::{CustomerPatch, CustomerSummary};
use contract::ids::InquiryId;
use contract::inquiry::{InquiryPatch, InquirySummary, NewReply};

use super::{Data, Mutation, engine};
use crate::sync::{Entry, State};

/// An edit the user must decide about.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Decision {
    pub(crate) seq: u64,
    /// The inquiry it concerns, as the server has it now (when cached).
    pub(crate) inquiry: Option<InquirySummary>,
    /// The customer it concerns, as the server has it now (when cached).
    pub(crate) customer: Option<CustomerSummary>,
    pub(crate) mutation: Mutation,
    pub(crate) state: State,
}

impl Data {
    /// The edits waiting for the user's decision, oldest first.
    pub(crate) fn decisions(&self) -> Vec<Decision> {
        let inquiries = self.0.records.inquiries.borrow();
        let customers = self.0.records.customers.borrow();
        self.0
            .outbox
            .borrow()
            .entries()
            .iter()
            .filter(|entry| matches!(entry.state, State::Conflict { .. } | State::Rejected { .. }))
            .map(|entry: &Entry<Mutation>| Decision {
                seq: entry.seq,
                inquiry: entry.op.inquiry().and_then(|id| {
                    inquiries
                        .get(&id)
                        .map(|inquiry| InquirySummary::clone(inquiry))
                }),
                customer: entry.op.customer().and_then(|id| {
                    customers
                        .get(&id)
                        .map(|customer| CustomerSummary::clone(customer))
                }),
                mutation: entry.op.clone(),
                state: entry.state.clone(),
            })
            .collect()
    }

    /// Changes an inquiry: queued in the outbox (stored first), shown at once,
    /// sent when possible.
    pub(crate) fn update_inquiry(&self, id: InquiryId, patch: InquiryPatch) {
        let (if_match, about) = self
            .0
            .records
            .inquiries
            .borrow()
            .get(&id)
            .map(|inquiry| {
                (
                    Some(inquiry.version.0),
                    inquiry.buyer.display_name().to_owned(),
                )
            })
            .unwrap_or_default();
        let mutation = Mutation::UpdateInquiry { id, patch, about };
        engine::enqueue(Rc::clone(&self.0), mutation.resource(), if_match, mutation);
    }

    /// Replies to the buyer of an inquiry: queued in the outbox (stored first),
    /// shown at once as on its way, sent when possible.
    pub(crate) fn reply(&self, id: InquiryId, body: String) {
        let about = self
            .0
            .records
            .inquiries
            .borrow()
            .get(&id)
            .map(|inquiry| inquiry.buyer.display_name().to_owned())
            .unwrap_or_default();
        let mutation = Mutation::CreateReply {
            id,
            reply: NewReply { body },
            about,
        };
        engine::enqueue(Rc::clone(&self.0), mutation.resource(), None, mutation);
    }

    /// The user's replies to inquiry `id` still on their way, oldest first
    /// (`true`: refused or held, the user decides).
    pub(crate) fn pending_replies(&self, id: InquiryId) -> Vec<(u64, String, bool)> {
        self.0
            .outbox
            .borrow()
            .entries()
            .iter()
            .filter_map(|entry| match &entry.op {
                Mutation::CreateReply { id: of, reply, .. } if *of == id => Some((
                    entry.seq,
                    reply.body.clone(),
                    matches!(entry.state, State::Conflict { .. } | State::Rejected { .. }),
                )),
                _ => None,
            })
            .collect()
    }

    /// The version of `customer` the user saw: the newest the layer knows.
    pub(super) fn seen_version(&self, customer: &CustomerSummary) -> contract::version::Version {
        self.0
            .records
            .customers
            .borrow()
            .get(&customer.id)
            .map_or(customer.version, |known| {
                known.version.max(customer.version)
            })
    }

    /// Changes a customer: queued in the outbox (stored first), shown at once,
    /// sent when possible.
    pub(crate) fn update_customer(&self, customer: &CustomerSummary, patch: CustomerPatch) {
        let version = self.seen_version(customer);
        let mutation = Mutation::UpdateCustomer {
            id: customer.id,
            patch,
            about: customer.name.clone(),
        };
        engine::enqueue(
            Rc::clone(&self.0),
            mutation.resource(),
            Some(version.0),
            mutation,
        );
    }

    /// Conflict: send the user's edit again on the server's current version.
    pub(crate) fn keep_mine(&self, seq: u64) {
        engine::decide(Rc::clone(&self.0), seq, engine::Choice::KeepMine);
    }

    /// Conflict: drop the user's edit, keep the server's version.
    pub(crate) fn take_theirs(&self, seq: u64) {
        engine::decide(Rc::clone(&self.0), seq, engine::Choice::TakeTheirs);
    }

    /// Refused edit: drop it.
    pub(crate) fn discard(&self, seq: u64) {
        engine::decide(Rc::clone(&self.0), seq, engine::Choice::Discard);
    }
}
