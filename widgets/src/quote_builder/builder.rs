//! The builder's state its parts share ([`Builder`]), and how a revision is
//! opened or a new quote started.

use contract::country::CountryCode;
use contract::ids::{ContactId, QuoteId};
use contract::language::Language;
use contract::money::Currency;
use contract::quote::{Quote, QuoteStatus};
use leptos::prelude::*;

use super::form::{Form, Parsed};
use super::kept;
use crate::data::DataView;
use crate::i18n::I18n;
use crate::intl;
use crate::ui::form::error_message;

/// A fresh id for a new quote: random, so that it can be created offline.
pub(super) fn new_quote_id() -> QuoteId {
    crate::data::random_key().parse().unwrap_or_else(|_| {
        QuoteId(uuid::Uuid::from_u64_pair(
            js_sys::Date::now() as u64,
            random_bits(),
        ))
    })
}

fn random_bits() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64
}

/// The builder's state, shared by its parts.
#[derive(Clone, Copy)]
pub(crate) struct Builder {
    /// The quote as the user edits it; `None` before one is open.
    pub(crate) form: RwSignal<Option<Form>>,
    /// What the form's texts make.
    pub(crate) parsed: Memo<Option<Parsed>>,
    /// The user changed the form since it was opened or last taken from the server.
    pub(crate) edited: RwSignal<bool>,
    /// Show every problem (after an attempt to send), not only those of
    /// fields the user filled.
    pub(crate) show_all: RwSignal<bool>,
    /// The revision as the server has it (once created).
    pub(crate) quote: Memo<Option<Quote>>,
    pub(crate) data: DataView,
    pub(crate) i18n: I18n,
    /// The buyer company's name and country, when known.
    pub(crate) buyer: Memo<Option<(String, Option<CountryCode>)>>,
    /// The language to print in for the buyer: the inquiry's when we speak it,
    /// else English, the language of trade; `None` without an inquiry.
    pub(crate) buyer_language: Memo<Option<Language>>,
    /// The buyer company's contacts, when its profile is known: (id, name).
    pub(crate) contacts: Memo<Vec<(ContactId, String)>>,
    /// The revision on show.
    pub(crate) opened: RwSignal<Option<QuoteId>>,
    /// The print preview is open.
    pub(crate) preview: RwSignal<bool>,
}

impl Builder {
    /// Shows revision `id` (a new revision, another one compared).
    pub(crate) fn open_revision(self, id: QuoteId) {
        open(self, id);
    }

    /// Shows the new quote `form`.
    pub(crate) fn start(self, form: Form) {
        start(self, form);
    }

    /// The revision's status (a quote not yet on the server is a draft).
    pub(crate) fn status(self) -> QuoteStatus {
        self.quote
            .with(|quote| quote.as_ref().map(|quote| quote.status))
            .unwrap_or(QuoteStatus::Draft)
    }

    /// Only drafts are edited.
    pub(crate) fn read_only(self) -> bool {
        self.status() != QuoteStatus::Draft
    }

    /// Changes the form as the user asked.
    pub(crate) fn edit(self, change: impl FnOnce(&mut Form)) {
        if self.read_only() {
            return;
        }
        self.form.update(|form| {
            if let Some(form) = form {
                change(form);
            }
        });
        self.edited.set(true);
    }

    /// A text of the form.
    pub(crate) fn text(self, read: impl FnOnce(&Form) -> String) -> String {
        self.form
            .with(|form| form.as_ref().map(read))
            .unwrap_or_default()
    }

    /// The problem of the field at `pointer`, in the user's language. Missing
    /// values are named only after an attempt to send.
    pub(crate) fn error(self, pointer: &str) -> Option<String> {
        let show_all = self.show_all.get();
        self.parsed.with(|parsed| {
            let parsed = parsed.as_ref()?;
            parsed
                .errors
                .iter()
                .find(|error| {
                    (error.field == pointer
                        || pointer != "/lines"
                            && error
                                .field
                                .strip_prefix(pointer)
                                .is_some_and(|rest| rest.starts_with('/')))
                        && (show_all
                            || !matches!(
                                error.message.as_str(),
                                "must not be empty" | "must have at least one line"
                            ))
                })
                .map(|error| error_message(self.i18n, &error.message))
        })
    }

    /// The problems shown of the fields below `prefix` (a line's
    /// `/lines/{index}/`), as (the rest of the pointer, message).
    pub(crate) fn errors_within(self, prefix: &str) -> Vec<(String, String)> {
        let show_all = self.show_all.get();
        self.parsed.with(|parsed| {
            let Some(parsed) = parsed else {
                return Vec::new();
            };
            parsed
                .errors
                .iter()
                .filter(|error| show_all || error.message != "must not be empty")
                .filter_map(|error| {
                    let rest = error.field.strip_prefix(prefix)?;
                    Some((rest.to_owned(), error_message(self.i18n, &error.message)))
                })
                .collect()
        })
    }

    /// An amount in the quote's currency, for the user's language.
    pub(crate) fn money(self, amount: rust_decimal::Decimal) -> String {
        let currency = self
            .form
            .with(|form| form.as_ref().map(|form| form.currency))
            .unwrap_or(Currency::USD);
        intl::money(
            self.i18n.language(),
            currency.code(),
            amount,
            currency.minor_units(),
        )
    }
}

/// Opens revision `id` of the server's: the form kept for it if the user
/// edited it here, else the server's copy when it comes.
fn open(builder: Builder, id: QuoteId) {
    let opened = builder.opened;
    opened.set(Some(id));
    builder.preview.set(false);
    builder.show_all.set(false);
    match kept::load(id) {
        Some(kept) => {
            builder.edited.set(true);
            builder.form.set(Some(kept));
        }
        None => {
            builder.edited.set(false);
            builder.form.set(None);
        }
    }
}

/// Starts the new quote `form`.
fn start(builder: Builder, form: Form) {
    let opened = builder.opened;
    opened.set(Some(form.id));
    builder.show_all.set(false);
    builder.edited.set(false);
    builder.form.set(Some(form));
}
