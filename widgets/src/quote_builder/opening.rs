//! What the builder shows for its attributes: the quote asked for; else the
//! quote answering the inquiry (its latest revision), else a new one kept for
//! it, else a new one; and how the server's copy, the catalog and the buyer's
//! contacts fill a form the user has not touched.

use contract::ids::{CustomerId, InquiryId, QuoteId};
use contract::inquiry::InquirySummary;
use contract::money::Currency;
use contract::quote::QuoteStatus;
use leptos::prelude::*;

use super::builder::{Builder, new_quote_id};
use super::form::Form;
use super::kept;
use crate::element::PropertyValue;
use crate::intl;

/// What the element was asked to open.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Target {
    pub(super) quote: Option<QuoteId>,
    pub(super) inquiry: Option<InquiryId>,
    pub(super) customer: Option<CustomerId>,
}

/// Keeps the form in step with the attributes, the server and the cache.
pub(super) fn follow(
    builder: Builder,
    target: Memo<Target>,
    inquiry: Memo<Option<InquirySummary>>,
    currency_choice: Memo<Result<Currency, (String, String)>>,
    draft_property: Signal<PropertyValue>,
) {
    let Builder {
        form,
        opened,
        edited,
        data,
        quote,
        contacts,
        ..
    } = builder;
    // A new quote in the currency asked for.
    let fresh = move || {
        Form::new(
            new_quote_id(),
            currency_choice.get_untracked().unwrap_or(Currency::USD),
            intl::today(),
        )
    };
    // What to open: the quote asked for; else the quote answering the inquiry
    // (its latest revision), else a new one kept for it, else a new one.
    let decided = StoredValue::new(None::<Target>);
    Effect::new(move |_| {
        let wanted = target.get();
        if decided.get_value() == Some(wanted) {
            return;
        }
        if let Some(id) = wanted.quote {
            decided.set_value(Some(wanted));
            builder.open_revision(id);
            return;
        }
        if let Some(inquiry_id) = wanted.inquiry {
            let answered = data.with(|layer| layer.quotes_of_inquiry(inquiry_id));
            if let Some(latest) = answered
                .iter()
                .max_by_key(|quote| (quote.revision, quote.updated_at))
            {
                decided.set_value(Some(wanted));
                builder.open_revision(latest.id);
                return;
            }
            // Only a cache that holds every quote can say none answers the
            // inquiry yet: before that, a new quote could be a second one.
            if !data.status().complete {
                return;
            }
            if let Some(kept) = kept::for_inquiry(inquiry_id) {
                decided.set_value(Some(wanted));
                opened.set(Some(kept.id));
                edited.set(true);
                form.set(Some(kept));
                return;
            }
            let Some(inquiry) = inquiry.get() else {
                return;
            };
            decided.set_value(Some(wanted));
            let product = inquiry
                .product_name
                .as_deref()
                .and_then(|name| data.with(|layer| layer.product_named(name)));
            let mut new = fresh();
            new.seed_from_inquiry(&inquiry, product.as_ref());
            builder.start(new);
            return;
        }
        decided.set_value(Some(wanted));
        if wanted.customer.is_some() || draft_property.with_untracked(Option::is_some) {
            let mut new = fresh();
            new.customer_id = wanted.customer;
            builder.start(new);
        } else {
            opened.set(None);
            form.set(None);
        }
    });

    // The server's copy shows until the user edits; a revision that is no
    // longer a draft always shows as the server has it.
    Effect::new(move |_| {
        let Some(quote) = quote.get() else {
            return;
        };
        let mine =
            form.with_untracked(|form| form.as_ref().is_some_and(|form| form.id == quote.id));
        if quote.status != QuoteStatus::Draft {
            kept::forget(quote.id, quote.inquiry_id);
            edited.set(false);
            form.set(Some(Form::of_quote(&quote)));
        } else if !mine || !edited.get_untracked() {
            form.set(Some(Form::of_quote(&quote)));
        }
    });

    // The catalog may arrive after a new quote was seeded from the inquiry:
    // its product then prices the untouched line.
    Effect::new(move |_| {
        let Some(name) = inquiry.with(|inquiry| inquiry.as_ref()?.product_name.clone()) else {
            return;
        };
        let untouched = !edited.get()
            && form.with(|form| {
                form.as_ref().is_some_and(|form| {
                    !form.created && form.lines.len() == 1 && form.lines[0].product_id.is_none()
                })
            });
        if !untouched {
            return;
        }
        if let Some(product) = data.with(|layer| layer.product_named(&name))
            && let Some(inquiry) = inquiry.get_untracked()
        {
            form.update(|form| {
                if let Some(form) = form {
                    form.seed_from_inquiry(&inquiry, Some(&product));
                }
            });
        }
    });

    // A new quote is addressed to the contact who wrote the inquiry.
    Effect::new(move |_| {
        let contacts = contacts.get();
        let Some(writer) = inquiry.with(|inquiry| {
            inquiry
                .as_ref()
                .map(|inquiry| inquiry.buyer.name.trim().to_lowercase())
        }) else {
            return;
        };
        if edited.get_untracked() {
            return;
        }
        if let Some((id, _)) = contacts
            .iter()
            .find(|(_, name)| name.trim().to_lowercase() == writer)
        {
            let id = *id;
            form.update(|form| {
                if let Some(form) = form
                    .as_mut()
                    .filter(|form| !form.created && form.contact_id.is_none())
                {
                    form.contact_id = Some(id);
                }
            });
        }
    });

    // A new currency attribute applies to a new quote the user has not touched.
    Effect::new(move |_| {
        if let Ok(currency) = currency_choice.get()
            && !edited.get_untracked()
        {
            form.update(|form| {
                if let Some(form) = form.as_mut().filter(|form| !form.created) {
                    form.currency = currency;
                }
            });
        }
    });
}
