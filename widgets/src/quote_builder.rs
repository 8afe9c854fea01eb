//! `<crm-quote-builder>`: a quotation for international trade, from an inquiry,
//! a customer or an existing quote.
//!
//! | Attribute     | Meaning |
//! |---------------|---------|
//! | `quote-id`    | Open this quote revision (a draft to edit, else read-only with its next steps). |
//! | `inquiry-id`  | Start a quote from this inquiry (its buyer, product and quantity), or open the quote that answers it. |
//! | `customer-id` | Start a quote for this customer. |
//! | `currency`    | The currency of a new quote (ISO 4217, default `USD`). |
//! | `lang`, `api-base` | Common to all elements (see `element.rs`). |
//!
//! | Property | Meaning |
//! |----------|---------|
//! | `draft`  | Pre-fill from the host: `{ currency?, incoterm?, namedPlace?, lines?: [{ name, quantity, unit, unitPrice? }] }`, decimals as strings (`"11.80"`). |
//!
//! Events: `crm-quote-change` (`detail: { quoteId, status, currency, incoterm,
//! namedPlace, lines, total }`, decimals as strings, `total` `null` while a
//! figure is invalid) whenever the quote changes; `crm-quote-sent`
//! (`detail: { quoteId, number, revision, inquiryId, currency, total }`) once
//! the server has the revision as sent.
//!
//! Drafts are kept in the browser as typed (nothing is lost on reload) and
//! saved through the outbox as soon as they are valid (offline too).
//!
//! Parts: `base` (the frame), `lines` (the line table), `totals` (the totals panel).

mod actions;
mod catalog;
mod draft;
mod form;
mod kept;
mod lines;
mod print;
mod revisions;
mod terms;

use contract::country::CountryCode;
use contract::customer::{Customer, CustomerSummary};
use contract::ids::{ContactId, CustomerId, InquiryId, QuoteId};
use contract::inquiry::InquirySummary;
use contract::language::Language;
use contract::money::Currency;
use contract::quote::{Quote, QuoteStatus};
use leptos::prelude::*;

use crate::data::{Collection, DataView, Fetched};
use crate::element::{CrmEvent, ElementContext, ElementDefinition};
use crate::i18n::{I18n, Text};
use crate::intl;
use crate::ui::form::error_message;
use crate::ui::sync_status::Decisions;
use crate::ui::{InvalidAttribute, Notice, SkeletonRows, provide_widget_context};

use self::form::{Form, Parsed};

pub(crate) use self::form::{NOT_A_NUMBER, NOT_WHOLE};

pub(crate) static DEFINITION: ElementDefinition = ElementDefinition {
    tag: "crm-quote-builder",
    attributes: &["quote-id", "inquiry-id", "customer-id", "currency"],
    properties: &["draft"],
    styles: concat!(
        include_str!("quote_builder/style.css"),
        include_str!("quote_builder/print.css")
    ),
    render,
};

fn render(context: ElementContext) -> AnyView {
    let i18n = provide_widget_context(&context);
    view! { <QuoteBuilder context=context i18n=i18n /> }.into_any()
}

/// An id attribute: absent or blank is `None`; a bad one is explained.
fn parse_id<T: std::str::FromStr>(attribute: Option<String>) -> Result<Option<T>, (String, String)>
where
    T::Err: std::fmt::Display,
{
    match attribute.filter(|value| !value.trim().is_empty()) {
        None => Ok(None),
        Some(value) => value
            .trim()
            .parse::<T>()
            .map(Some)
            .map_err(|error| (value, error.to_string())),
    }
}

fn parse_currency(attribute: Option<String>) -> Result<Currency, (String, String)> {
    Ok(parse_id::<Currency>(attribute)?.unwrap_or(Currency::USD))
}

/// A fresh id for a new quote: random, so that it can be created offline.
fn new_quote_id() -> QuoteId {
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

/// The wire name of a line kind.
fn kind_wire(kind: contract::quote::LineKind) -> &'static str {
    use contract::quote::LineKind;
    match kind {
        LineKind::Product => "product",
        LineKind::Sample => "sample",
        LineKind::Tooling => "tooling",
        LineKind::Freight => "freight",
        LineKind::Service => "service",
    }
}

/// What the element was asked to open.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Target {
    quote: Option<QuoteId>,
    inquiry: Option<InquiryId>,
    customer: Option<CustomerId>,
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
        open(self, self.opened, id);
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

#[component]
fn QuoteBuilder(context: ElementContext, i18n: I18n) -> impl IntoView {
    let quote_attribute = context.attribute("quote-id");
    let inquiry_attribute = context.attribute("inquiry-id");
    let customer_attribute = context.attribute("customer-id");
    let currency_attribute = context.attribute("currency");
    let draft_property = context.property("draft");
    let quote_id = Memo::new(move |_| parse_id::<QuoteId>(quote_attribute.get()));
    let inquiry_id = Memo::new(move |_| parse_id::<InquiryId>(inquiry_attribute.get()));
    let customer_id = Memo::new(move |_| parse_id::<CustomerId>(customer_attribute.get()));
    let currency_choice = Memo::new(move |_| parse_currency(currency_attribute.get()));
    let target = Memo::new(move |_| Target {
        quote: quote_id.get().ok().flatten(),
        inquiry: inquiry_id.get().ok().flatten(),
        customer: customer_id.get().ok().flatten(),
    });

    let data = DataView::of(&context);
    let form = RwSignal::new(None::<Form>);
    // The revision on show: asked for, found for the inquiry, or new.
    let opened = RwSignal::new(None::<QuoteId>);
    let draft_error = RwSignal::new(None::<String>);

    // The inquiry, as the inbox has it, else fetched alone.
    let inquiry_key = Memo::new(move |_| target.get().inquiry.map(|id| id.to_string()));
    let (fetched_inquiry, _) = data.fetched_record(
        Collection::Inquiries,
        inquiry_key,
        move |layer, fetched: &mut Fetched<InquirySummary>| {
            if let Some(id) = target.get_untracked().inquiry
                && let Some(shown) = layer.inquiry(id)
            {
                fetched.value = Some(InquirySummary::clone(&shown.inquiry));
            }
        },
    );
    let inquiry =
        Memo::new(move |_| fetched_inquiry.with(|fetched| fetched.as_ref()?.value.clone()));

    // The revision as the server has it, once the server has been asked to create it.
    let server_key = Memo::new(move |_| {
        let id = opened.get()?;
        let created = form.with(|form| {
            form.as_ref()
                .is_none_or(|form| form.id != id || form.created)
        });
        created.then(|| id.to_string())
    });
    let (fetched_quote, retry_quote) = data.fetched_record(
        Collection::Quotes,
        server_key,
        |_, _: &mut Fetched<Quote>| {},
    );
    let quote = Memo::new(move |_| {
        let id = opened.get()?;
        fetched_quote
            .with(|fetched| fetched.as_ref()?.value.clone())
            .filter(|quote: &Quote| quote.id == id)
    });
    let quote_error =
        Memo::new(move |_| fetched_quote.with(|fetched| fetched.as_ref()?.error.clone()));

    let edited = RwSignal::new(false);
    let show_all = RwSignal::new(false);
    let parsed =
        Memo::new(move |_| form.with(|form| form.as_ref().map(|form| form.parse(intl::today()))));
    let buyer = Memo::new(move |_| {
        if let Some(inquiry) = inquiry.get() {
            return Some((buyer_name(&inquiry), Some(inquiry.buyer.country)));
        }
        let customer = form.with(|form| form.as_ref()?.customer_id)?;
        data.with(|layer| layer.record::<CustomerSummary>(customer))
            .map(|customer| (customer.name.clone(), Some(customer.country)))
    });
    // The buyer's contacts, from the customer's profile (cached, then fetched).
    let customer_key = Memo::new(move |_| {
        form.with(|form| form.as_ref()?.customer_id)
            .map(|id| id.to_string())
    });
    let (fetched_customer, _) = data.fetched_record(
        Collection::Customers,
        customer_key,
        |_, _: &mut Fetched<Customer>| {},
    );
    let contacts = Memo::new(move |_| {
        fetched_customer
            .with(|fetched| {
                let customer = fetched.as_ref()?.value.as_ref()?;
                Some(
                    customer
                        .contacts
                        .iter()
                        .map(|contact| (contact.id, contact.name.clone()))
                        .collect::<Vec<_>>(),
                )
            })
            .unwrap_or_default()
    });
    let builder = Builder {
        form,
        parsed,
        edited,
        show_all,
        quote,
        data,
        i18n,
        buyer,
        buyer_language: Memo::new(move |_| {
            inquiry.with(|inquiry| {
                inquiry.as_ref().map(|inquiry| {
                    inquiry
                        .language
                        .as_deref()
                        .and_then(Language::from_tag)
                        .unwrap_or(Language::English)
                })
            })
        }),
        contacts,
        opened,
        preview: RwSignal::new(false),
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
            open(builder, opened, id);
            return;
        }
        if let Some(inquiry_id) = wanted.inquiry {
            let answered = data.with(|layer| layer.quotes_of_inquiry(inquiry_id));
            if let Some(latest) = answered
                .iter()
                .max_by_key(|quote| (quote.revision, quote.updated_at))
            {
                decided.set_value(Some(wanted));
                open(builder, opened, latest.id);
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
            let mut new = Form::new(
                new_quote_id(),
                currency_choice.get_untracked().unwrap_or(Currency::USD),
                intl::today(),
            );
            new.seed_from_inquiry(&inquiry, product.as_ref());
            start(builder, opened, new);
            return;
        }
        decided.set_value(Some(wanted));
        if wanted.customer.is_some() || draft_property.with_untracked(Option::is_some) {
            let mut new = Form::new(
                new_quote_id(),
                currency_choice.get_untracked().unwrap_or(Currency::USD),
                intl::today(),
            );
            new.customer_id = wanted.customer;
            start(builder, opened, new);
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

    // The host's `draft` property fills the form; a bad one is explained and
    // changes nothing the user typed.
    Effect::new(move |_| {
        let Some(value) = draft_property.get() else {
            return;
        };
        match draft::DraftInput::from_js(&value) {
            Ok(input) => {
                if form.with_untracked(Option::is_none) {
                    let currency = currency_choice.get_untracked().unwrap_or(Currency::USD);
                    start(
                        builder,
                        opened,
                        Form::new(new_quote_id(), currency, intl::today()),
                    );
                }
                form.update(|form| {
                    if let Some(form) = form {
                        input.apply_to(form);
                    }
                });
                draft_error.set(None);
            }
            Err(reason) => draft_error.set(Some(reason)),
        }
    });

    // Everything typed is kept in the browser at once; a valid draft is saved
    // through the outbox a moment after the user stops typing.
    autosave(builder);

    let change_context = context.clone();
    Effect::new(move |previous: Option<()>| {
        let detail = form.with(|form| {
            form.as_ref().map(|form| {
                draft::change_detail(form, builder.status(), parsed.get_untracked().as_ref())
            })
        });
        if previous.is_some()
            && let Some(detail) = detail
        {
            change_context.emit(CrmEvent::QuoteChange, &detail);
        }
    });
    let sent_context = context.clone();
    actions::announce_sent(builder, sent_context);

    // The editor stays while a form is open: only whether there is one is read here.
    let has_form = Memo::new(move |_| form.with(Option::is_some));
    let waiting = Memo::new(move |_| {
        opened.with(Option::is_some) || target.with(|target| target.inquiry.is_some())
    });
    let body = move || {
        for (name, problem) in [
            ("quote-id", quote_id.get().err()),
            ("inquiry-id", inquiry_id.get().err()),
            ("customer-id", customer_id.get().err()),
            ("currency", currency_choice.get().err()),
        ] {
            if let Some((value, reason)) = problem {
                return view! { <InvalidAttribute name=name value=value reason=reason /> }
                    .into_any();
            }
        }
        if has_form.get() {
            return view! { <Editor builder=builder /> }.into_any();
        }
        if let Some(error) = quote_error.get() {
            return view! { <crate::ui::ErrorNotice error=Signal::stored(error) on_retry=retry_quote /> }.into_any();
        }
        if waiting.get() {
            return view! { <SkeletonRows count=3 /> }.into_any();
        }
        view! {
            <Notice
                title=Signal::derive(move || i18n.text(Text::QuoteEmptyTitle).to_owned())
                detail=Signal::derive(move || i18n.text(Text::QuoteEmptyDetail).to_owned())
            />
        }
        .into_any()
    };

    view! {
        <section class="widget quote" part="base" lang=move || i18n.language().tag()>
            <header class="header">
                <h2 class="title" data-test="quote-title">{move || title(builder)}</h2>
                {move || buyer.get().map(|(name, country)| view! {
                    <span class="buyer-line" data-test="quote-buyer">
                        <span class="muted">{move || i18n.text(Text::QuoteBuyer)}</span>
                        " "
                        <span dir="auto">{name}</span>
                        " "
                        <span aria-hidden="true">{country.map(intl::flag)}</span>
                    </span>
                })}
            </header>
            {move || draft_error.get().map(|reason| view! { <InvalidAttribute name="draft" value=String::new() reason=reason /> })}
            <Decisions data=data quote=Signal::derive(move || opened.get()) />
            {body}
        </section>
    }
}

/// "Quote Q-2026-0131 · rev. 2 · Sent", or "New quote".
fn title(builder: Builder) -> String {
    let i18n = builder.i18n;
    builder.quote.with(|quote| match quote {
        Some(quote) => i18n.format(
            Text::QuoteTitle,
            &[
                ("number", &quote.number),
                ("revision", &quote.revision.to_string()),
                (
                    "status",
                    crate::i18n::quote_status_name(quote.status, i18n.language()),
                ),
            ],
        ),
        None => i18n.text(Text::QuoteNewTitle).to_owned(),
    })
}

fn buyer_name(inquiry: &InquirySummary) -> String {
    if inquiry.buyer.company.trim().is_empty() {
        inquiry.buyer.name.clone()
    } else {
        inquiry.buyer.company.clone()
    }
}

/// Opens revision `id` of the server's: the form kept for it if the user
/// edited it here, else the server's copy when it comes.
fn open(builder: Builder, opened: RwSignal<Option<QuoteId>>, id: QuoteId) {
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
fn start(builder: Builder, opened: RwSignal<Option<QuoteId>>, form: Form) {
    opened.set(Some(form.id));
    builder.show_all.set(false);
    builder.edited.set(false);
    builder.form.set(Some(form));
}

/// Keeps the form in the browser on every change the user makes, and queues
/// a valid draft in the outbox once typing pauses.
fn autosave(builder: Builder) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let edited = builder.edited.get();
        let Some(form) = builder.form.get() else {
            return;
        };
        if !edited || builder.read_only() {
            return;
        }
        kept::keep(&form);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                save_now(builder);
            },
            std::time::Duration::from_millis(600),
        );
        pending.set_value(handle.ok());
    });
}

/// Queues the current draft in the outbox if it is valid and differs from the
/// last one queued; `true` when the server will have the form as it is.
pub(crate) fn save_now(builder: Builder) -> bool {
    let Some(draft) = builder
        .parsed
        .with_untracked(|parsed| parsed.as_ref().and_then(|parsed| parsed.draft.clone()))
    else {
        return false;
    };
    let Some((id, created)) = builder
        .form
        .with_untracked(|form| form.as_ref().map(|form| (form.id, form.created)))
    else {
        return false;
    };
    let mut comparable = draft.clone();
    comparable.id = None;
    let last = LAST_SAVED.with(|last| last.borrow().get(&id).cloned());
    if last.as_ref() == Some(&comparable) {
        return true;
    }
    let version = builder
        .quote
        .with_untracked(|quote| quote.as_ref().map(|quote| quote.version));
    let about = builder
        .buyer
        .with_untracked(|buyer| buyer.as_ref().map(|(name, _)| name.clone()))
        .unwrap_or_default();
    builder
        .data
        .layer_untracked()
        .save_quote(id, !created, version, draft, about);
    LAST_SAVED.with(|last| last.borrow_mut().insert(id, comparable));
    if !created {
        builder.form.update(|form| {
            if let Some(form) = form {
                form.created = true;
            }
        });
    }
    true
}

thread_local! {
    /// The last draft queued for each revision, so an unchanged form is not queued again.
    static LAST_SAVED: std::cell::RefCell<std::collections::HashMap<QuoteId, contract::quote::QuoteDraft>> =
        std::cell::RefCell::default();
}

/// The terms, the lines, the totals and the actions.
#[component]
fn Editor(builder: Builder) -> impl IntoView {
    view! {
        <fieldset class="quote-form" disabled=move || builder.read_only()>
            <terms::Terms builder=builder />
            <catalog::Catalog builder=builder />
            <lines::LineTable builder=builder />
        </fieldset>
        <div class="quote-foot">
            <terms::Charges builder=builder />
            <lines::Totals builder=builder />
        </div>
        <actions::Actions builder=builder />
        <revisions::Revisions builder=builder />
        <print::PrintPreview builder=builder />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_parse_or_explain() {
        assert_eq!(parse_id::<InquiryId>(None), Ok(None));
        assert!(parse_id::<InquiryId>(Some("x".into())).is_err());
        assert_eq!(parse_currency(None), Ok(Currency::USD));
        assert_eq!(parse_currency(Some("jpy".into())), Ok(Currency::JPY));
        assert!(parse_currency(Some("dollars".into())).is_err());
    }
}
