//! `<crm-customer-card>`: one buyer company as the member knows it.
//!
//! | Attribute     | Meaning |
//! |---------------|---------|
//! | `customer-id` | The customer to show. |
//! | `for`         | The id of a `<crm-inquiry-inbox>` on the page: show the buyer of the inquiry open in it (when `customer-id` is absent). |
//! | `layout`      | `full` (default: every section open) or `compact` (a sidebar card: sections folded). |
//! | `lang`, `api-base` | Common to all elements (see `element.rs`). |
//!
//! Everything the user changes (profile, tier, stage, contacts, notes and
//! activities, reminders) goes through the data layer's outbox: shown at once
//! with "Not yet saved", kept offline, a conflict shown for the user to decide
//! (in the card itself, for this customer's edits).
//!
//! Events: `crm-customer-change` (`{ customerId, change, fields }` for every
//! edit the user makes) and `crm-reminder-due` (`{ customerId, reminderId,
//! title, dueOn, overdue }`, once per reminder due today or overdue when the
//! card shows it).
//!
//! Parts: `base` (the frame), `header`, `metrics`, `section` (each folding
//! section).

mod contacts;
mod duplicates;
mod header;
mod metrics;
mod profile_form;
mod reminders;
mod timeline;
mod transfer;

pub(crate) use self::profile_form::COUNTRY_MESSAGE;
pub(crate) use self::reminders::{Due, NO_DATE_MESSAGE, PAST_DATE_MESSAGE, due, due_text};
use contract::customer::{Customer, CustomerSummary};
use contract::ids::{CustomerId, InquiryId};
use leptos::prelude::*;
use serde::Serialize;

use crate::data::{Collection, DataView, Fetched, ShownCustomer};
use crate::element::{CrmEvent, ElementContext, ElementDefinition};
use crate::i18n::{I18n, Text};
use crate::ui::sync_status::Decisions;
use crate::ui::{ErrorNotice, InvalidAttribute, Notice, SkeletonRows, provide_widget_context};

pub(crate) static DEFINITION: ElementDefinition = ElementDefinition {
    tag: "crm-customer-card",
    attributes: &["customer-id", "for", "layout"],
    properties: &[],
    styles: include_str!("customer_card/style.css"),
    render,
};

fn render(context: ElementContext) -> AnyView {
    let i18n = provide_widget_context(&context);
    view! { <CustomerCard context=context i18n=i18n /> }.into_any()
}

/// The customer id as the host set it: `Ok(None)` when absent.
fn parse_customer_id(attribute: Option<String>) -> Result<Option<CustomerId>, (String, String)> {
    match attribute.filter(|value| !value.trim().is_empty()) {
        None => Ok(None),
        Some(value) => value
            .trim()
            .parse::<CustomerId>()
            .map(Some)
            .map_err(|error| (value, error.to_string())),
    }
}

/// How the card lays itself out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Layout {
    /// A full page: every section open.
    Full,
    /// A sidebar card: sections folded, opened one at a time.
    Compact,
}

const LAYOUT_FULL: &str = "full";
const LAYOUT_COMPACT: &str = "compact";

fn parse_layout(attribute: Option<String>) -> Result<Layout, (String, String)> {
    match attribute.as_deref().map(str::trim) {
        None | Some("" | LAYOUT_FULL) => Ok(Layout::Full),
        Some(LAYOUT_COMPACT) => Ok(Layout::Compact),
        Some(other) => Err((other.to_owned(), "expected full or compact".to_owned())),
    }
}

/// Which customer to show, from the attributes: the explicit id first, else
/// the buyer of the inquiry open in the followed inbox.
#[derive(Clone, Debug, PartialEq)]
enum Target {
    Customer(CustomerId),
    /// The inbox's open inquiry: its customer, once the layer knows it.
    Inquiry(InquiryId),
    Nothing,
    /// `for` names no element on the page.
    NoPeer(String),
    Invalid(&'static str, String, String),
}

/// What the card shows.
#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Invalid(&'static str, String, String),
    NoPeer(String),
    Nothing,
    /// The inquiry followed has no customer record.
    NoRecord,
    Loading,
    Failed(crate::api::ApiError),
    /// The customer, shown; rebuilt only when the customer or layout changes.
    Ready(CustomerId, Layout),
}

/// What the card emits when the user changes something.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ChangeDetail<'a, T: Serialize> {
    pub(crate) customer_id: String,
    /// `profile`, `contact`, `activity` or `reminder`.
    pub(crate) change: &'a str,
    /// The request body, as sent.
    pub(crate) fields: &'a T,
}

/// Tells the host about an edit: `crm-customer-change`.
#[derive(Clone)]
pub(crate) struct Announce(ElementContext);

impl Announce {
    pub(crate) fn change<T: Serialize>(
        &self,
        customer: &CustomerSummary,
        change: &str,
        fields: &T,
    ) {
        self.0.emit(
            CrmEvent::CustomerChange,
            &ChangeDetail {
                customer_id: customer.id.to_string(),
                change,
                fields,
            },
        );
    }

    pub(crate) fn context(&self) -> &ElementContext {
        &self.0
    }
}

#[component]
fn CustomerCard(context: ElementContext, i18n: I18n) -> impl IntoView {
    let id_attribute = context.attribute("customer-id");
    let for_attribute = context.attribute("for");
    let layout_attribute = context.attribute("layout");
    let layout = Memo::new(move |_| parse_layout(layout_attribute.get()));
    let peer_selected = context.peer_attribute(
        Signal::derive(move || {
            // Only followed while no id is given.
            id_attribute
                .with(|id| id.as_deref().is_none_or(|id| id.trim().is_empty()))
                .then(|| for_attribute.get())
                .flatten()
        }),
        "selected",
    );
    let view_of_data = DataView::of(&context);
    let target = Memo::new(move |_| match parse_customer_id(id_attribute.get()) {
        Err((value, reason)) => Target::Invalid("customer-id", value, reason),
        Ok(Some(id)) => Target::Customer(id),
        Ok(None) => {
            let Some(peer) = for_attribute.get().filter(|peer| !peer.trim().is_empty()) else {
                return Target::Nothing;
            };
            match peer_selected.get() {
                Err(()) => Target::NoPeer(peer),
                Ok(None) => Target::Nothing,
                Ok(Some(selected)) => match selected.trim().parse::<InquiryId>() {
                    Ok(inquiry) => Target::Inquiry(inquiry),
                    Err(_) => Target::Nothing,
                },
            }
        }
    });
    let customer_id = Memo::new(move |_| match target.get() {
        Target::Customer(id) => Some(id),
        Target::Inquiry(inquiry) => view_of_data.with(|data| {
            data.inquiry(inquiry)
                .and_then(|shown| shown.inquiry.customer_id)
        }),
        _ => None,
    });
    let id = Memo::new(move |_| customer_id.get().map(|id| id.to_string()));
    let (fetched, retry) = view_of_data.fetched_record(
        Collection::Customers,
        id,
        |data, fetched: &mut Fetched<Customer>| {
            // The feed may have brought a newer profile than the last fetch.
            if let Some(customer) = fetched.value.as_mut()
                && let Some(summary) = data.record::<CustomerSummary>(customer.summary.id)
                && summary.version > customer.summary.version
            {
                customer.summary = summary;
            }
        },
    );
    // As the user sees it: their edits still on the way applied.
    let customer = Memo::new(move |_| {
        let server = fetched.with(|fetched| fetched.as_ref()?.value.clone())?;
        Some(view_of_data.with(|data| data.shown_customer(server)))
    });
    let error = Memo::new(move |_| fetched.with(|fetched| fetched.as_ref()?.error.clone()));
    let announce = Announce(context.clone());

    let phase = Memo::new(move |_| {
        let layout = match layout.get() {
            Ok(layout) => layout,
            Err((value, reason)) => return Phase::Invalid("layout", value, reason),
        };
        match target.get() {
            Target::Invalid(name, value, reason) => Phase::Invalid(name, value, reason),
            Target::NoPeer(peer) => Phase::NoPeer(peer),
            Target::Nothing => Phase::Nothing,
            Target::Customer(_) | Target::Inquiry(_) => match (
                customer_id.get(),
                customer.with(Option::is_some),
                error.get(),
            ) {
                (Some(id), true, _) => Phase::Ready(id, layout),
                (_, false, Some(error)) => Phase::Failed(error),
                // The inquiry has no customer record (yet).
                (None, _, _) => Phase::NoRecord,
                (Some(_), false, None) => Phase::Loading,
            },
        }
    });

    let body = move || match phase.get() {
        Phase::Invalid(name, value, reason) => {
            view! { <InvalidAttribute name=name value=value reason=reason /> }.into_any()
        }
        Phase::NoPeer(peer) => view! {
            <InvalidAttribute name="for" value=peer
                reason=i18n.text(Text::CustomerNoPeer).to_owned() />
        }
        .into_any(),
        Phase::Nothing => view! {
            <Notice
                title=Signal::derive(move || i18n.text(Text::CustomerEmptyTitle).to_owned())
                detail=Signal::derive(move || i18n.text(Text::CustomerEmptyDetail).to_owned())
            />
        }
        .into_any(),
        Phase::NoRecord => view! {
            <Notice
                title=Signal::derive(move || i18n.text(Text::CustomerNoRecordTitle).to_owned())
                detail=Signal::derive(move || i18n.text(Text::CustomerNoRecordDetail).to_owned())
            />
        }
        .into_any(),
        Phase::Failed(error) => {
            view! { <ErrorNotice error=Signal::stored(error) on_retry=retry /> }.into_any()
        }
        Phase::Loading => view! { <SkeletonRows count=3 /> }.into_any(),
        Phase::Ready(_, layout) => {
            let Some(initial) = customer.get_untracked() else {
                return ().into_any();
            };
            // Kept through a moment without a profile (the card is then replaced).
            let shown = Memo::new(move |previous: Option<&ShownCustomer>| {
                customer
                    .get()
                    .or_else(|| previous.cloned())
                    .unwrap_or_else(|| initial.clone())
            });
            view! { <Profile shown=shown layout=layout data=view_of_data announce=announce.clone() /> }
                .into_any()
        }
    };

    // Import and export of all customers, also with no customer shown; kept
    // (with an import being previewed) while the user moves between customers,
    // but hidden under a customer still loading: the card arriving above would
    // push it down (a layout shift on the host's page).
    let transfer_layout = Memo::new(move |_| {
        let misconfigured = matches!(phase.get(), Phase::Invalid(..) | Phase::NoPeer(_));
        (!misconfigured).then(|| layout.get().unwrap_or(Layout::Full))
    });
    let loading = Memo::new(move |_| phase.get() == Phase::Loading);
    let layout_name = move || match layout.get() {
        Ok(Layout::Compact) => LAYOUT_COMPACT,
        _ => LAYOUT_FULL,
    };
    view! {
        <section class="widget card" part="base" data-layout=layout_name lang=move || i18n.language().tag()>
            <Decisions data=view_of_data customer=Signal::derive(move || customer_id.get()) />
            {body}
            {move || transfer_layout.get().map(|layout| view! {
                <div class="transfer-slot" hidden=loading>
                    <transfer::Transfer layout=layout data=view_of_data />
                </div>
            })}
        </section>
    }
}

/// The whole card for one customer. Each part reads the customer as shown
/// (`shown` changes with every edit and every answer), so forms being typed in
/// stay as they are.
#[component]
fn Profile(
    shown: Memo<ShownCustomer>,
    layout: Layout,
    data: DataView,
    announce: Announce,
) -> impl IntoView {
    let summary = Memo::new(move |_| shown.with(|shown| shown.customer.summary.clone()));
    view! {
        <header::Header shown=shown data=data announce=announce.clone() />
        <duplicates::Duplicates customer=summary data=data announce=announce.clone() />
        <metrics::Metrics shown=shown />
        <contacts::Contacts shown=shown layout=layout data=data announce=announce.clone() />
        <reminders::Reminders customer=summary layout=layout data=data announce=announce.clone() />
        <timeline::Timeline customer=summary layout=layout data=data announce=announce />
    }
}

/// A section of the card that folds: open in the full layout, folded in the
/// compact one until the user opens it.
#[component]
fn Section(
    layout: Layout,
    test_id: &'static str,
    /// The summary line (title and count).
    title: Signal<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <details class="section" part="section" data-test=test_id open=layout == Layout::Full>
            <summary class="section-title">{move || title.get()}</summary>
            <div class="section-body">{children()}</div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customer_id_attribute_parses_or_explains() {
        assert_eq!(parse_customer_id(None), Ok(None));
        assert_eq!(parse_customer_id(Some("  ".into())), Ok(None));
        let id = "0b7f7e52-3c1e-4f43-9a52-9e3f3d0c2a11";
        assert_eq!(
            parse_customer_id(Some(id.into())),
            Ok(Some(id.parse().unwrap()))
        );
        assert!(parse_customer_id(Some("42".into())).is_err());
    }

    #[test]
    fn layout_is_full_unless_compact_is_asked_for() {
        assert_eq!(parse_layout(None), Ok(Layout::Full));
        assert_eq!(parse_layout(Some(" ".into())), Ok(Layout::Full));
        assert_eq!(parse_layout(Some("compact".into())), Ok(Layout::Compact));
        assert!(parse_layout(Some("tiny".into())).is_err());
    }
}
