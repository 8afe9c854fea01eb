//! `<crm-inquiry-inbox>`: the buyer inquiries a member received, read from the
//! data layer (cache first, live after): a virtualized list (smooth with
//! 100,000 cached inquiries), status tabs with counts, filters, search and
//! order, bulk actions, and the selected inquiry's detail pane (thread, reply,
//! assignment, status flow, "Create quote"). Every change goes through the
//! outbox. Keyboard: `j`/`k` or arrows move, Enter opens, `x` selects for bulk
//! actions, `r` replies, `a` assigns, `e` archives, `/` searches, `?` shows help.
//!
//! | Attribute  | Meaning |
//! |------------|---------|
//! | `status`   | Show only inquiries with this status (`new`, `open`, `quoted`, `won`, `lost`, `spam`, `archived`); absent: all. Reflects the user's choice of tab. |
//! | `assignee` | Show only inquiries assigned to `me`, `unassigned` ones, or those of the user with this id; absent: anyone's. Reflects the user's choice. |
//! | `selected` | The id of the inquiry open in the detail pane. Reflects the user's choice. |
//! | `lang`, `api-base` | Common to all elements (see `element.rs`). |
//!
//! Events: `crm-inquiry-select` (`detail: { inquiryId, customerId }`) when the
//! user opens an inquiry; `crm-inquiry-filter-change` (`detail: { status,
//! assignee }`, `null` for all) when the user picks a status tab or an
//! assignee; `crm-inquiry-change` (`detail: { inquiryIds, change }`) when the
//! user changes inquiries; `crm-quote-request` (`detail: { inquiryId,
//! customerId }`) on "Create quote"; `crm-customer-open` (`detail: {
//! customerId }`) on "Open customer card".
//!
//! Parts: `base` (the frame), `row` (one inquiry), `detail` (the detail pane).

#[cfg(feature = "bench-rows")]
mod bench_rows;
mod bulk;
mod controls;
mod detail;
mod filters;
mod list;
mod row;
mod triage;

use std::collections::HashSet;

use contract::ids::InquiryId;
use contract::inquiry::{AssigneeFilter, InquiryPatch, InquiryStatus};
use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::JsCast;

use crate::api::ApiError;
use crate::data::{Connection, Data, DataView, ShownInquiry};
use crate::element::{CrmEvent, ElementContext, ElementDefinition};
use crate::i18n::{I18n, Text, status_name};
use crate::intl;
use crate::ui::sync_status::{Decisions, sync_summary};
use crate::ui::{ErrorNotice, InvalidAttribute, SkeletonRows, provide_widget_context};

use bulk::BulkBar;
use controls::{EmptyInbox, KeyboardHelp, SearchBox, StatusTabs, browser_focus};
use detail::InquiryDetail;
use filters::FilterBar;
use list::{VirtualList, Window};
use triage::{Listed, Triage};

pub(crate) static DEFINITION: ElementDefinition = ElementDefinition {
    tag: "crm-inquiry-inbox",
    attributes: &["status", "assignee", "selected"],
    properties: &[],
    styles: include_str!("inquiry_inbox/style.css"),
    render,
};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SelectDetail {
    inquiry_id: String,
    customer_id: Option<String>,
}

#[derive(Serialize)]
struct FilterDetail {
    status: Option<&'static str>,
    assignee: Option<String>,
}

/// `crm-inquiry-change`: which inquiries the user changed, and how (the
/// fields of `PATCH /inquiries/{id}`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChangeDetail<'a> {
    inquiry_ids: Vec<String>,
    change: &'a InquiryPatch,
}

fn render(context: ElementContext) -> AnyView {
    let i18n = provide_widget_context(&context);
    view! { <Inbox context=context i18n=i18n /> }.into_any()
}

/// The status filter as the host set it: `Ok(None)` for all, an error to show for
/// a value that is not a status.
fn parse_status(attribute: Option<String>) -> Result<Option<InquiryStatus>, (String, String)> {
    match attribute.filter(|value| !value.is_empty()) {
        None => Ok(None),
        Some(value) => value
            .parse::<InquiryStatus>()
            .map(Some)
            .map_err(|error| (value, error.to_string())),
    }
}

/// The assignee filter as the host set it, like [`parse_status`].
fn parse_assignee(attribute: Option<String>) -> Result<Option<AssigneeFilter>, (String, String)> {
    match attribute.filter(|value| !value.is_empty()) {
        None => Ok(None),
        Some(value) => value
            .parse::<AssigneeFilter>()
            .map(Some)
            .map_err(|error| (value, error.to_owned())),
    }
}

/// What the inbox body shows.
#[derive(Clone, Debug, PartialEq)]
enum Mode {
    InvalidAttribute(&'static str, String, String),
    Error(ApiError),
    Loading,
    Empty { filtered: bool },
    List,
}

/// What the whole inbox shares with its parts: the data, the user's choices
/// and the ways to act on inquiries.
#[derive(Clone, Copy)]
pub(super) struct InboxState {
    data: DataView,
    listed: Memo<Listed>,
    /// The row the keyboard is on.
    cursor: RwSignal<Option<InquiryId>>,
    /// Rows ticked for a bulk action.
    checked: RwSignal<HashSet<InquiryId>>,
    selected: Memo<Option<InquiryId>>,
    open: Callback<ShownInquiry>,
    /// Applies a change to inquiries through the outbox and tells the host.
    change: Callback<(Vec<InquiryId>, InquiryPatch)>,
    /// Says something to screen-reader users (a polite live region).
    announce: Callback<String>,
}

impl InboxState {
    /// Changes one inquiry.
    fn change_one(self, id: InquiryId, patch: InquiryPatch) {
        self.change.run((vec![id], patch));
    }
}

#[component]
fn Inbox(context: ElementContext, i18n: I18n) -> impl IntoView {
    let status_attribute = context.attribute("status");
    let assignee_attribute = context.attribute("assignee");
    let selected_attribute = context.attribute("selected");
    let status = Memo::new(move |_| parse_status(status_attribute.get()));
    let assignee = Memo::new(move |_| parse_assignee(assignee_attribute.get()));
    let selected = Memo::new(move |_| selected_attribute.get()?.parse::<InquiryId>().ok());

    // The page's data layer for this API base; a new one after `configure()`
    // (another user) or a retry.
    let view_of_data = DataView::of(&context);
    let sync = Memo::new(move |_| view_of_data.status());
    let me = Memo::new(move |_| view_of_data.with(Data::me_id));

    // The search box's text: every word must match (see `data/search.rs`).
    let query = RwSignal::new(String::new());
    let triage = RwSignal::new(Triage::default());
    let listed = Memo::new(move |previous: Option<&Listed>| {
        let (Ok(status), Ok(assignee)) = (status.get(), assignee.get()) else {
            return Listed::default();
        };
        let me = me.get();
        triage.with(|triage| {
            query.with(|query| {
                view_of_data.with(|data| triage.list(data, query, status, assignee, me, previous))
            })
        })
    });

    let cursor = RwSignal::new(None::<InquiryId>);
    let checked = RwSignal::new(HashSet::<InquiryId>::new());
    let announcement = RwSignal::new(String::new());
    let announce = Callback::new(move |text: String| announcement.set(text));

    let select_context = context.clone();
    let open = Callback::new(move |shown: ShownInquiry| {
        let inquiry = &shown.inquiry;
        let id = inquiry.id.to_string();
        cursor.set(Some(inquiry.id));
        select_context.reflect_attribute("selected", Some(&id));
        select_context.emit(
            CrmEvent::InquirySelect,
            &SelectDetail {
                inquiry_id: id,
                customer_id: inquiry.customer_id.map(|id| id.to_string()),
            },
        );
        // Opening an inquiry reads it.
        if inquiry.unread {
            view_of_data.layer_untracked().update_inquiry(
                inquiry.id,
                InquiryPatch {
                    unread: Some(false),
                    ..InquiryPatch::default()
                },
            );
        }
    });
    let change_context = context.clone();
    let change = Callback::new(move |(ids, patch): (Vec<InquiryId>, InquiryPatch)| {
        if ids.is_empty() {
            return;
        }
        let layer = view_of_data.layer_untracked();
        for id in &ids {
            layer.update_inquiry(*id, patch.clone());
        }
        change_context.emit(
            CrmEvent::InquiryChange,
            &ChangeDetail {
                inquiry_ids: ids.iter().map(ToString::to_string).collect(),
                change: &patch,
            },
        );
    });
    let state = InboxState {
        data: view_of_data,
        listed,
        cursor,
        checked,
        selected,
        open,
        change,
        announce,
    };

    let filter_context = context.clone();
    let emit_filter = Callback::new(
        move |(status, assignee): (Option<InquiryStatus>, Option<AssigneeFilter>)| {
            filter_context.emit(
                CrmEvent::InquiryFilterChange,
                &FilterDetail {
                    status: status.map(InquiryStatus::as_str),
                    assignee: assignee.map(AssigneeFilter::to_wire),
                },
            );
        },
    );
    let status_context = context.clone();
    let choose_status = Callback::new(move |choice: Option<InquiryStatus>| {
        status_context.reflect_attribute("status", choice.map(InquiryStatus::as_str));
        emit_filter.run((choice, assignee.get_untracked().ok().flatten()));
    });
    let assignee_context = context.clone();
    let choose_assignee = Callback::new(move |choice: Option<AssigneeFilter>| {
        assignee_context
            .reflect_attribute("assignee", choice.map(AssigneeFilter::to_wire).as_deref());
        emit_filter.run((status.get_untracked().ok().flatten(), choice));
    });
    let close_context = context.clone();
    let close = Callback::new(move |()| {
        close_context.reflect_attribute("selected", None);
    });

    // What the body shows; a memo, so that progress of the data layer that does
    // not change it never re-creates the list (and the row the user points at).
    let mode = Memo::new(move |_| {
        if let Err((value, reason)) = status.get() {
            return Mode::InvalidAttribute("status", value, reason);
        }
        if let Err((value, reason)) = assignee.get() {
            return Mode::InvalidAttribute("assignee", value, reason);
        }
        if !listed.with(|listed| listed.items.is_empty()) {
            return Mode::List;
        }
        sync.with(|sync| match &sync.connection {
            Connection::Failed(error) => Mode::Error(error.clone()),
            // Nothing saved on this device yet, and the server is out of reach.
            Connection::Offline if !sync.complete => Mode::Error(ApiError::Network),
            _ if !sync.complete => Mode::Loading,
            _ => Mode::Empty {
                filtered: status.get().ok().flatten().is_some()
                    || assignee.get().ok().flatten().is_some()
                    || triage.with(Triage::narrows)
                    || query.with(|query| !query.trim().is_empty()),
            },
        })
    });
    let retry = Callback::new(move |()| view_of_data.restart());
    let window = Window::default();
    let show_all = Callback::new(move |()| {
        query.set(String::new());
        triage.update(Triage::clear);
        choose_status.run(None);
        choose_assignee.run(None);
    });
    let body = move || match mode.get() {
        Mode::InvalidAttribute(name, value, reason) => {
            view! { <InvalidAttribute name=name value=value reason=reason /> }.into_any()
        }
        Mode::Error(error) => {
            view! { <ErrorNotice error=Signal::stored(error) on_retry=retry /> }.into_any()
        }
        Mode::Loading => view! { <SkeletonRows count=6 /> }.into_any(),
        Mode::Empty { filtered } => {
            view! { <EmptyInbox filtered=filtered on_show_all=show_all /> }.into_any()
        }
        Mode::List => view! { <VirtualList state=state window=window /> }.into_any(),
    };
    // Back to the top of the list when what it shows changes.
    Effect::new(move |_| {
        status.track();
        assignee.track();
        triage.track();
        query.track();
        window.scroll_to_top();
    });

    // Keyboard shortcuts anywhere in the inbox but in a text field.
    let search_input = NodeRef::<leptos::html::Input>::new();
    let frame = NodeRef::<leptos::html::Section>::new();
    let help_open = RwSignal::new(false);
    let focus_in_frame = move |selector: &'static str| {
        request_animation_frame(move || {
            let element = frame
                .get_untracked()
                .and_then(|frame| frame.query_selector(selector).ok().flatten())
                .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(element) = element
                && element.focus().is_err()
            {
                web_sys::console::warn_1(&"[crm-widgets] could not move the focus".into());
            }
        });
    };
    // The inquiry a shortcut acts on: the open one, else the keyboard's row.
    let target = move || {
        selected
            .get_untracked()
            .or_else(|| cursor.get_untracked())
            .and_then(|id| view_of_data.layer_untracked().inquiry(id))
    };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.ctrl_key() || event.meta_key() || event.alt_key() || event.default_prevented() {
            return;
        }
        let typing = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|element| {
                matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            });
        if typing {
            return;
        }
        let handled = match event.key().as_str() {
            "/" => {
                if let Some(input) = search_input.get_untracked() {
                    browser_focus(&input);
                }
                true
            }
            "?" => {
                help_open.update(|open| *open = !*open);
                true
            }
            "Escape" if help_open.get_untracked() => {
                help_open.set(false);
                true
            }
            "j" | "ArrowDown" => window.move_cursor(state, 1),
            "k" | "ArrowUp" => window.move_cursor(state, -1),
            "PageDown" => window.move_cursor(state, window.page_rows()),
            "PageUp" => window.move_cursor(state, -window.page_rows()),
            "Home" => window.move_cursor(state, isize::MIN),
            "End" => window.move_cursor(state, isize::MAX),
            "x" => {
                if let Some(id) = cursor.get_untracked() {
                    checked.update(|checked| {
                        if !checked.remove(&id) {
                            checked.insert(id);
                        }
                    });
                }
                true
            }
            "r" | "a" => match target() {
                Some(shown) => {
                    if selected.get_untracked() != Some(shown.inquiry.id) {
                        open.run(shown);
                    }
                    focus_in_frame(if event.key() == "r" {
                        "[data-test=reply-body]"
                    } else {
                        "[data-test=assign-select]"
                    });
                    true
                }
                None => false,
            },
            "e" => match target() {
                Some(shown) if shown.inquiry.status.can_become(InquiryStatus::Archived) => {
                    let name = shown.inquiry.buyer.display_name().to_owned();
                    state.change_one(
                        shown.inquiry.id,
                        InquiryPatch {
                            status: Some(InquiryStatus::Archived),
                            ..InquiryPatch::default()
                        },
                    );
                    announce.run(i18n.format(Text::AnnounceArchived, &[("name", &name)]));
                    true
                }
                _ => false,
            },
            _ => false,
        };
        if handled {
            event.prevent_default();
        }
    };

    let total = Memo::new(move |_| listed.with(|listed| listed.items.len() as u64));
    // No count until there is one: "0 inquiries" while the cache opens would be untrue.
    let known_total = move || sync.with(|sync| sync.complete) || total.get() > 0;
    let total_text = move || {
        known_total().then(|| {
            let total = total.get();
            i18n.count(
                Text::InquiryCountOne,
                Text::InquiryCountOther,
                total,
                &intl::count(i18n.language(), total),
            )
        })
    };
    let status_line = move || {
        let mut parts = sync.with(|sync| sync_summary(i18n, sync));
        parts.extend(total_text());
        parts.join(" · ")
    };
    let counts = Memo::new(move |_| listed.with(|listed| (listed.counts, listed.all)));

    view! {
        <section
            class="widget inbox"
            class:has-selection=move || selected.get().is_some()
            part="base"
            node_ref=frame
            lang=move || i18n.language().tag()
            aria-labelledby="inbox-title"
            on:keydown=on_keydown
        >
            <header class="header">
                <h2 class="title" id="inbox-title">{move || i18n.text(Text::InboxTitle)}</h2>
                <span class="muted" data-test="inquiry-total">{total_text}</span>
                <button
                    class="button help-button"
                    type="button"
                    data-test="help-button"
                    aria-expanded=move || if help_open.get() { "true" } else { "false" }
                    on:click=move |_| help_open.update(|open| *open = !*open)
                >
                    <span aria-hidden="true">"?"</span>
                    <span class="visually-hidden">{move || i18n.text(Text::HelpButton)}</span>
                </button>
            </header>
            <Show when=move || help_open.get()>
                <KeyboardHelp on_close=Callback::new(move |()| help_open.set(false)) />
            </Show>
            <StatusTabs current=status counts=counts on_choose=choose_status />
            <div class="toolbar">
                <SearchBox query=query input=search_input />
                <FilterBar triage=triage assignee=assignee on_assignee=choose_assignee data=view_of_data />
            </div>
            <BulkBar state=state />
            <Decisions data=view_of_data />
            <div class="panes">
                <div class="list-pane">{body}</div>
                {move || selected.get().map(|id| view! { <InquiryDetail id=id state=state on_close=close /> })}
            </div>
            <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-test="announcement">
                {move || announcement.get()}
            </div>
            <footer class="status-line" role="status" data-test="status-line">{status_line}</footer>
        </section>
    }
}

/// The name a status has in announcements.
fn announce_status(i18n: I18n, name: &str, status: InquiryStatus) -> String {
    i18n.format(
        Text::AnnounceStatus,
        &[
            ("name", name),
            ("status", status_name(status, i18n.language())),
        ],
    )
}

#[cfg(test)]
mod tests;
