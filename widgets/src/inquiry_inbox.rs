//! `<crm-inquiry-inbox>`: the buyer inquiries a member received, newest first,
//! read from the data layer (cache first, live after), with status tabs, a
//! search box (`/` reaches it, Escape clears it; every word must match, see
//! `data/search.rs`), and the selected inquiry's read state and status editable
//! through the outbox.
//!
//! | Attribute  | Meaning |
//! |------------|---------|
//! | `status`   | Show only inquiries with this status (`new`, `open`, `quoted`, `won`, `lost`, `spam`, `archived`); absent: all. Reflects the user's choice of tab. |
//! | `selected` | The id of the selected inquiry. Reflects the user's choice. |
//! | `lang`, `api-base` | Common to all elements (see `element.rs`). |
//!
//! Events: `crm-inquiry-select` (`detail: { inquiryId, customerId }`) when the
//! user selects an inquiry; `crm-inquiry-filter-change` (`detail: { status }`,
//! `null` for all) when the user picks a status tab.
//!
//! Parts: `base` (the frame), `row` (one inquiry).

mod controls;
mod row;

use contract::inquiry::{InquiryPatch, InquiryStatus, InquirySummary};
use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::JsCast;

use crate::api::ApiError;
use crate::data::{Connection, DataView};
use crate::element::{CrmEvent, ElementContext, ElementDefinition};
use crate::i18n::{I18n, Text, status_name};
use crate::intl;
use crate::ui::sync_status::{Decisions, sync_summary};
use crate::ui::{
    ChoiceSelect, ErrorNotice, InvalidAttribute, SkeletonRows, provide_widget_context,
};

use controls::{EmptyInbox, SearchBox, StatusTabs, browser_focus};
use row::InquiryRow;

pub(crate) static DEFINITION: ElementDefinition = ElementDefinition {
    tag: "crm-inquiry-inbox",
    attributes: &["status", "selected"],
    properties: &[],
    styles: include_str!("inquiry_inbox/style.css"),
    render,
};

/// How many more inquiries "Show more" reveals.
const PAGE_SIZE: usize = 50;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SelectDetail {
    inquiry_id: String,
    customer_id: Option<String>,
}

#[derive(Serialize)]
struct FilterDetail {
    status: Option<&'static str>,
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

/// What the inbox body shows.
#[derive(Clone, Debug, PartialEq)]
enum Mode {
    InvalidStatus(String, String),
    Error(ApiError),
    Loading,
    Empty { filtered: bool },
    List,
}

#[component]
fn Inbox(context: ElementContext, i18n: I18n) -> impl IntoView {
    let status_attribute = context.attribute("status");
    let selected = context.attribute("selected");
    let status = Memo::new(move |_| parse_status(status_attribute.get()));

    // The page's data layer for this API base; a new one after `configure()`
    // (another user) or a retry.
    let view_of_data = DataView::of(&context);
    let sync = Memo::new(move |_| view_of_data.status());

    // The search box's text: every word must match (see `data/search.rs`).
    let query = RwSignal::new(String::new());
    let items = Memo::new(move |_| {
        let Ok(status) = status.get() else {
            return Vec::new();
        };
        query.with(|query| {
            view_of_data.with(|data| {
                data.search_inquiries(query, |inquiry| {
                    status.is_none_or(|status| inquiry.status == status)
                })
            })
        })
    });
    // How many rows are shown; back to one page when the filter changes.
    let shown = RwSignal::new(PAGE_SIZE);
    Effect::new(move |_| {
        status.track();
        query.track();
        shown.set(PAGE_SIZE);
    });
    let visible = Memo::new(move |_| {
        let limit = shown.get();
        items.with(|items| items.iter().take(limit).cloned().collect::<Vec<_>>())
    });
    let total = Memo::new(move |_| items.with(Vec::len) as u64);

    let select_context = context.clone();
    let select = Callback::new(move |inquiry: InquirySummary| {
        let id = inquiry.id.to_string();
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
    let filter_context = context.clone();
    let choose_status = Callback::new(move |choice: Option<InquiryStatus>| {
        filter_context.reflect_attribute("status", choice.map(InquiryStatus::as_str));
        filter_context.emit(
            CrmEvent::InquiryFilterChange,
            &FilterDetail {
                status: choice.map(InquiryStatus::as_str),
            },
        );
    });
    let selected_inquiry = Memo::new(move |_| {
        let id = selected.get()?.parse().ok()?;
        view_of_data.with(|data| data.inquiry(id))
    });

    // What the body shows; a memo, so that progress of the data layer that does
    // not change it never re-creates the list (and the row the user points at).
    let mode = Memo::new(move |_| {
        if let Err((value, reason)) = status.get() {
            return Mode::InvalidStatus(value, reason);
        }
        if !items.with(Vec::is_empty) {
            return Mode::List;
        }
        sync.with(|sync| match &sync.connection {
            Connection::Failed(error) => Mode::Error(error.clone()),
            // Nothing saved on this device yet, and the server is out of reach.
            Connection::Offline if !sync.complete => Mode::Error(ApiError::Network),
            _ if !sync.complete => Mode::Loading,
            _ => Mode::Empty {
                filtered: status.get().ok().flatten().is_some()
                    || query.with(|query| !query.trim().is_empty()),
            },
        })
    });
    let retry = Callback::new(move |()| view_of_data.restart());
    let body = move || {
        match mode.get() {
            Mode::InvalidStatus(value, reason) => {
                return view! { <InvalidAttribute name="status" value=value reason=reason /> }
                    .into_any();
            }
            Mode::Error(error) => {
                return view! { <ErrorNotice error=Signal::stored(error) on_retry=retry /> }
                    .into_any();
            }
            Mode::Loading => return view! { <SkeletonRows count=6 /> }.into_any(),
            Mode::Empty { filtered } => {
                let show_all = Callback::new(move |()| {
                    query.set(String::new());
                    choose_status.run(None);
                });
                return view! { <EmptyInbox filtered=filtered on_show_all=show_all /> }.into_any();
            }
            Mode::List => {}
        }
        view! {
            <ol class="rows" aria-label=move || i18n.text(Text::InboxListLabel) data-test="inquiry-list">
                <For
                    each=move || visible.get()
                    key=|shown| (shown.inquiry.id, shown.inquiry.version, shown.pending, shown.inquiry.status, shown.inquiry.unread)
                    let:shown
                >
                    <InquiryRow inquiry=InquirySummary::clone(&shown.inquiry) pending=shown.pending selected=selected on_select=select />
                </For>
            </ol>
            <Show when=move || { total.get() > shown.get() as u64 }>
                <div class="more">
                    <button class="button" type="button" data-test="load-more" on:click=move |_| shown.update(|shown| *shown += PAGE_SIZE)>
                        {move || i18n.text(Text::InboxLoadMore)}
                    </button>
                </div>
            </Show>
        }
        .into_any()
    };

    // "/" anywhere in the inbox but a text field goes to the search box.
    let search_input = NodeRef::<leptos::html::Input>::new();
    let focus_search = move |event: leptos::ev::KeyboardEvent| {
        let typing = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|element| {
                matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            });
        if event.key() == "/"
            && !typing
            && !event.ctrl_key()
            && !event.meta_key()
            && !event.alt_key()
        {
            event.prevent_default();
            if let Some(input) = search_input.get_untracked() {
                browser_focus(&input);
            }
        }
    };

    let status_line = move || {
        let language = i18n.language();
        let mut parts = sync.with(|sync| sync_summary(i18n, sync));
        let total = total.get();
        let shown = (shown.get() as u64).min(total);
        if sync.with(|sync| sync.complete) || total > 0 {
            parts.push(if shown < total {
                i18n.format(
                    Text::InboxShowing,
                    &[
                        ("shown", &intl::count(language, shown)),
                        ("total", &intl::count(language, total)),
                    ],
                )
            } else {
                i18n.count(
                    Text::InquiryCountOne,
                    Text::InquiryCountOther,
                    total,
                    &intl::count(language, total),
                )
            });
        }
        parts.join(" · ")
    };

    view! {
        <section class="widget inbox" part="base" lang=move || i18n.language().tag() aria-labelledby="inbox-title" on:keydown=focus_search>
            <header class="header">
                <h2 class="title" id="inbox-title">{move || i18n.text(Text::InboxTitle)}</h2>
                <span class="muted" data-test="inquiry-total">
                    {move || i18n.count(Text::InquiryCountOne, Text::InquiryCountOther, total.get(), &intl::count(i18n.language(), total.get()))}
                </span>
            </header>
            <StatusTabs current=status on_choose=choose_status />
            <SearchBox query=query input=search_input />
            <Decisions data=view_of_data />
            <div class="body">{body}</div>
            {move || selected_inquiry.get().map(|shown| view! { <InquiryActions inquiry=InquirySummary::clone(&shown.inquiry) data=view_of_data /> })}
            <footer class="status-line" role="status" data-test="status-line">{status_line}</footer>
        </section>
    }
}

/// What the user can do with the selected inquiry (until the detail pane exists):
/// mark it read or unread, move it along its status flow.
#[component]
fn InquiryActions(inquiry: InquirySummary, data: DataView) -> impl IntoView {
    let i18n = crate::ui::use_i18n();
    let id = inquiry.id;
    let unread = inquiry.unread;
    let current = inquiry.status;
    // Lost and spam need a reason, asked for by the detail pane.
    let choices: Vec<InquiryStatus> = InquiryStatus::ALL
        .into_iter()
        .filter(|status| {
            *status == current
                || (current.can_become(*status)
                    && !matches!(status, InquiryStatus::Lost | InquiryStatus::Spam))
        })
        .collect();
    let toggle_read = move |_| {
        data.layer_untracked().update_inquiry(
            id,
            InquiryPatch {
                unread: Some(!unread),
                ..InquiryPatch::default()
            },
        );
    };
    let change_status = Callback::new(move |status| {
        data.layer_untracked().update_inquiry(
            id,
            InquiryPatch {
                status: Some(status),
                ..InquiryPatch::default()
            },
        );
    });
    view! {
        <div class="actions" role="group" aria-label=move || i18n.text(Text::InquiryActionsLabel) data-test="inquiry-actions">
            <button class="button" type="button" data-test="toggle-read" on:click=toggle_read>
                {move || i18n.text(if unread { Text::InquiryMarkRead } else { Text::InquiryMarkUnread })}
            </button>
            <ChoiceSelect
                label=Text::InquiryStatusLabel
                test_id="status-select"
                choices=choices
                current=current
                value=InquiryStatus::as_str
                name=status_name
                on_choose=change_status
            />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_attribute_parses_or_explains() {
        assert_eq!(parse_status(None), Ok(None));
        assert_eq!(parse_status(Some(String::new())), Ok(None));
        assert_eq!(
            parse_status(Some("quoted".into())),
            Ok(Some(InquiryStatus::Quoted))
        );
        let (value, reason) = parse_status(Some("pending".into())).unwrap_err();
        assert_eq!(value, "pending");
        assert!(reason.contains("new, open"), "{reason}");
    }
}
