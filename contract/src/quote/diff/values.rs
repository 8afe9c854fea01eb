//! How the diff compares and shows values: absent and empty text are the same,
//! and every value becomes the plain string the widget labels.

use rust_decimal::Decimal;

use crate::quote::{Discount, PaymentMethod, PaymentTerms};

/// Changes of fields of type `F`, collected in the order they are compared.
pub(super) struct Changes<F>(pub(super) Vec<(F, String, String)>);

impl<F> Changes<F> {
    /// Records `field` when `before` and `after` differ as values, rendered by `render`.
    pub(super) fn compare<T: PartialEq + ?Sized>(
        &mut self,
        field: F,
        before: &T,
        after: &T,
        render: impl Fn(&T) -> String,
    ) {
        if before != after {
            self.0.push((field, render(before), render(after)));
        }
    }
}

/// An optional text as shown: absent is empty.
pub(super) fn text(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("")
}

/// A discount as shown: `3%`, the amount, or empty.
pub(super) fn discount_text(discount: &Option<Discount>) -> String {
    match discount {
        Some(Discount::Percent(percent)) => format!("{percent}%"),
        Some(Discount::Amount(amount)) => amount.to_string(),
        None => String::new(),
    }
}

/// An optional value as shown: absent is empty.
pub(super) fn optional_text<T: ToString>(value: &Option<T>) -> String {
    value.as_ref().map(T::to_string).unwrap_or_default()
}

/// The payment terms' parts as compared: text absent or empty is the same.
pub(super) fn payment_parts(
    payment: &PaymentTerms,
) -> (PaymentMethod, Option<Decimal>, Option<u32>, &str) {
    (
        payment.method,
        payment.deposit_percent,
        payment.net_days,
        text(&payment.balance_terms),
    )
}

/// The payment terms as one value (see [`TermField::Payment`](super::TermField::Payment)).
pub(super) fn payment_text(payment: &PaymentTerms) -> String {
    let deposit = payment
        .deposit_percent
        .map(|percent| format!("{percent}%"))
        .unwrap_or_default();
    [
        payment.method.as_str(),
        &deposit,
        &optional_text(&payment.net_days),
        text(&payment.balance_terms),
    ]
    .join("; ")
}
