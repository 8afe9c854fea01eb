//! The user's edits of quotes: a draft saved (created under the id the widget
//! chose, then replaced), and the steps of its flow (send, accept, reject),
//! each queued in the outbox like every edit. Saves of one revision that have
//! not been sent yet are folded into one, so typing offline queues one request.

use std::rc::Rc;

use contract::ids::{InquiryId, QuoteId};
use contract::product::Product;
use contract::quote::{QuoteDraft, QuoteSummary};
use contract::version::Version;

use super::mutation::{QuoteStep, quote_resource};
use super::{Data, Mutation, engine};
use crate::sync::State;

/// Where the edits of one quote revision stand in the outbox.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct QuoteOutbox {
    /// Edits on their way.
    pub(crate) waiting: usize,
    /// A step (send, accept, reject) on its way.
    pub(crate) step: Option<QuoteStep>,
    /// An edit the server refused or that met someone else's change: the
    /// user decides (in the decisions panel).
    pub(crate) held: bool,
}

impl Data {
    /// Saves the draft of revision `id`: creates it (`create`) or replaces it
    /// on `version` (the revision the user edited).
    pub(crate) fn save_quote(
        &self,
        id: QuoteId,
        create: bool,
        version: Option<Version>,
        mut draft: QuoteDraft,
        about: String,
    ) {
        let resource = quote_resource(id);
        let folded = engine::rewrite_unsent(&self.0, &resource, |op| match op {
            Mutation::SaveQuote {
                id: of,
                create,
                draft: queued,
                about: queued_about,
            } if *of == id => {
                let mut draft = draft.clone();
                draft.id = create.then_some(id);
                **queued = draft;
                queued_about.clone_from(&about);
                true
            }
            _ => false,
        });
        if folded {
            return;
        }
        draft.id = create.then_some(id);
        let if_match = Data::quote_if_match(create, version);
        let mutation = Mutation::SaveQuote {
            id,
            create,
            draft: Box::new(draft),
            about,
        };
        engine::enqueue(Rc::clone(&self.0), resource, if_match, mutation);
    }

    /// Takes revision `id` a step along its flow.
    pub(crate) fn move_quote(
        &self,
        id: QuoteId,
        step: QuoteStep,
        version: Option<Version>,
        about: String,
    ) {
        let resource = quote_resource(id);
        let if_match = Data::quote_if_match(false, version);
        let mutation = Mutation::MoveQuote { id, step, about };
        engine::enqueue(Rc::clone(&self.0), resource, if_match, mutation);
    }

    /// `If-Match` for an edit of a quote: none for its creation, else the
    /// version the user saw. Behind an edit still on its way, the outbox moves
    /// it to the version that edit's answer gives.
    fn quote_if_match(create: bool, version: Option<Version>) -> Option<u64> {
        (!create).then(|| version.map_or(0, |version| version.0))
    }

    /// The outbox's edits of revision `id`.
    pub(crate) fn quote_outbox(&self, id: QuoteId) -> QuoteOutbox {
        let resource = quote_resource(id);
        let mut found = QuoteOutbox::default();
        for entry in self.0.outbox.borrow().entries() {
            if entry.resource != resource {
                continue;
            }
            found.waiting += 1;
            if let Mutation::MoveQuote { step, .. } = &entry.op {
                found.step = Some(*step);
            }
            if matches!(entry.state, State::Conflict { .. } | State::Rejected { .. }) {
                found.held = true;
            }
        }
        found
    }

    /// The cached quotes answering inquiry `inquiry`, every revision.
    pub(crate) fn quotes_of_inquiry(&self, inquiry: InquiryId) -> Vec<QuoteSummary> {
        self.0
            .records
            .quotes
            .borrow()
            .values()
            .filter(|quote| quote.inquiry_id == Some(inquiry))
            .map(|quote| QuoteSummary::clone(quote))
            .collect()
    }

    /// The cached revisions of quote number `number`, first revision first.
    pub(crate) fn revisions_of(&self, number: &str) -> Vec<QuoteSummary> {
        let mut revisions: Vec<QuoteSummary> = self
            .0
            .records
            .quotes
            .borrow()
            .values()
            .filter(|quote| quote.number == number)
            .map(|quote| QuoteSummary::clone(quote))
            .collect();
        revisions.sort_by_key(|quote| quote.revision);
        revisions
    }

    /// The active catalog product named `name` (case and spaces aside), if any.
    pub(crate) fn product_named(&self, name: &str) -> Option<Product> {
        let wanted = name.trim().to_lowercase();
        self.0
            .records
            .products
            .borrow()
            .values()
            .find(|product| product.active && product.name.trim().to_lowercase() == wanted)
            .map(|product| Product::clone(product))
    }

    /// Active catalog products whose name, SKU or model number contains every
    /// word of `query`, at most `limit`, by name.
    pub(crate) fn products_matching(&self, query: &str, limit: usize) -> Vec<Product> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        let mut found: Vec<Product> = self
            .0
            .records
            .products
            .borrow()
            .values()
            .filter(|product| product.active)
            .filter(|product| {
                let text = [
                    product.name.as_str(),
                    product.sku.as_str(),
                    product.model_number.as_deref().unwrap_or_default(),
                ]
                .join(" ")
                .to_lowercase();
                words.iter().all(|word| text.contains(word.as_str()))
            })
            .map(|product| Product::clone(product))
            .collect();
        found.sort_by(|a, b| a.name.cmp(&b.name));
        found.truncate(limit);
        found
    }
}
