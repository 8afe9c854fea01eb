//! What a draft holds: the parts of a revision `PUT` replaces and `revise`
//! copies, with every figure computed by `contract::quote::totals`.

use contract::ids::{ContactId, CustomerId, InquiryId};
use contract::problem::FieldError;
use contract::quote::totals::quote_totals;
use contract::quote::{QuoteCharges, QuoteDraft, QuoteLine, QuoteTerms, QuoteTotals, quote_lines};
use rust_decimal::Decimal;

/// What a draft says: the parts of a revision `PUT` replaces and `revise` copies,
/// with the figures computed by the contract's arithmetic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Content {
    pub(super) customer_id: Option<CustomerId>,
    pub(super) contact_id: Option<ContactId>,
    pub(super) inquiry_id: Option<InquiryId>,
    pub(super) terms: QuoteTerms,
    pub(super) lines: Vec<QuoteLine>,
    pub(super) charges: QuoteCharges,
    pub(super) totals: QuoteTotals,
}

impl Content {
    /// The content of a (validated) draft; every figure comes from
    /// [`contract::quote::totals`], never from arithmetic of our own.
    pub(super) fn from_draft(draft: QuoteDraft) -> Content {
        let currency = draft.terms.currency;
        let totals = quote_totals(&draft.lines, &draft.charges, currency);
        let lines = quote_lines(&draft.lines, currency);
        Content {
            customer_id: draft.customer_id,
            contact_id: draft.contact_id,
            inquiry_id: draft.inquiry_id,
            terms: draft.terms,
            lines,
            charges: draft.charges,
            totals,
        }
    }

    /// The draft this content was made from, to validate it again.
    pub(super) fn to_draft(&self) -> QuoteDraft {
        QuoteDraft {
            id: None,
            customer_id: self.customer_id,
            contact_id: self.contact_id,
            inquiry_id: self.inquiry_id,
            terms: self.terms.clone(),
            lines: self.lines.iter().map(QuoteLine::input).collect(),
            charges: self.charges,
            expected_total: None,
        }
    }
}

/// The total the client expected, checked against the server's.
pub(super) fn expected_total_error(
    expected: Option<Decimal>,
    content: &Content,
) -> Option<FieldError> {
    let total = content.totals.total;
    match expected {
        Some(expected) if expected != total => Some(FieldError {
            field: "/expected_total".to_owned(),
            message: format!(
                "is {expected} but the server's total is {total} {}",
                content.terms.currency.code()
            ),
        }),
        _ => None,
    }
}
