//! `<crm-inquiry-inbox>`: the buyer inquiries a member received, newest first.
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

mod row;

use contract::inquiry::{
    InquiryFilter, InquiryListQuery, InquiryPage, InquiryStatus, InquirySummary,
};
use leptos::prelude::*;
use serde::Serialize;

use crate::api::{Api, ApiError};
use crate::config::api_base;
use crate::element::{CrmEvent, ElementContext, ElementDefinition};
use crate::i18n::{I18n, Text, status_name};
use crate::intl;
use crate::remote::load;
use crate::ui::{ErrorNotice, InvalidAttribute, Notice, SkeletonRows, provide_widget_context};

use row::InquiryRow;

pub(crate) static DEFINITION: ElementDefinition = ElementDefinition {
    tag: "crm-inquiry-inbox",
    attributes: &["status", "selected"],
    properties: &[],
    styles: include_str!("inquiry_inbox/style.css"),
    render,
};

/// How many inquiries one page shows before "Show more".
const PAGE_SIZE: u32 = 50;

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

/// The list request for a status filter, from the start or after `cursor`.
fn list_query(status: Option<InquiryStatus>, cursor: Option<String>) -> InquiryListQuery {
    InquiryListQuery {
        filter: InquiryFilter {
            statuses: status.into_iter().collect(),
            ..InquiryFilter::default()
        },
        limit: Some(PAGE_SIZE),
        cursor,
        ..InquiryListQuery::default()
    }
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

#[component]
fn Inbox(context: ElementContext, i18n: I18n) -> impl IntoView {
    let status_attribute = context.attribute("status");
    let selected = context.attribute("selected");
    let base = context.attribute("api-base");
    let status = Memo::new(move |_| parse_status(status_attribute.get()));

    let loader = load(
        move || {
            let status = status.get().ok()?;
            Some((api_base(base.get()), status))
        },
        |(base, status)| async move {
            let query = list_query(status, None);
            Api::new(base).list_inquiries(&query).await
        },
    );

    // Pages after the first, fetched by "Show more"; reset when the first page
    // changes (another filter, a reload).
    let more = RwSignal::new(Vec::<InquiryPage>::new());
    let more_error = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| {
        loader.with(|remote| remote.data.as_ref().map(|page| page.next_cursor.clone()));
        more.set(Vec::new());
        more_error.set(None);
    });
    let items = Memo::new(move |_| {
        let mut items: Vec<InquirySummary> = loader.with(|remote| {
            remote
                .data
                .as_ref()
                .map(|page| page.items.clone())
                .unwrap_or_default()
        });
        more.with(|pages| items.extend(pages.iter().flat_map(|page| page.items.iter().cloned())));
        items
    });
    let next_cursor = Memo::new(move |_| {
        more.with(|pages| pages.last().map(|page| page.next_cursor.clone()))
            .unwrap_or_else(|| {
                loader.with(|remote| {
                    remote
                        .data
                        .as_ref()
                        .and_then(|page| page.next_cursor.clone())
                })
            })
    });
    let total =
        Memo::new(move |_| loader.with(|remote| remote.data.as_ref().map(|page| page.total)));
    let loading_more = RwSignal::new(false);
    let load_more = move |_| {
        let Some(cursor) = next_cursor.get_untracked() else {
            return;
        };
        let Ok(status) = status.get_untracked() else {
            return;
        };
        let base = api_base(base.get_untracked());
        loading_more.set(true);
        leptos::task::spawn_local(async move {
            let query = list_query(status, Some(cursor));
            let result = Api::new(base).list_inquiries(&query).await;
            loading_more.set(false);
            match result {
                Ok(page) => {
                    more.update(|pages| pages.push(page));
                    more_error.set(None);
                }
                Err(error) => more_error.set(Some(error)),
            }
        });
    };

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

    let body = move || {
        if let Err((value, reason)) = status.get() {
            return view! { <InvalidAttribute name="status" value=value reason=reason /> }
                .into_any();
        }
        let (has_data, loading, error) =
            loader.with(|remote| (remote.data.is_some(), remote.loading, remote.error.clone()));
        match (has_data, error) {
            (false, Some(error)) => view! {
                <ErrorNotice error=Signal::stored(error) on_retry=Callback::new(move |()| loader.retry()) />
            }
            .into_any(),
            (false, None) if loading => view! { <SkeletonRows count=6 /> }.into_any(),
            _ if items.with(Vec::is_empty) => view! { <EmptyInbox filtered=status.get().ok().flatten().is_some() on_show_all=choose_status /> }
                .into_any(),
            _ => view! {
                <ol class="rows" aria-label=move || i18n.text(Text::InboxListLabel) data-test="inquiry-list">
                    <For each=move || items.get() key=|inquiry| inquiry.id let:inquiry>
                        <InquiryRow inquiry=inquiry selected=selected on_select=select />
                    </For>
                </ol>
                <Show when=move || next_cursor.get().is_some()>
                    <div class="more">
                        <button class="button" type="button" data-test="load-more" disabled=move || loading_more.get() on:click=load_more>
                            {move || i18n.text(Text::InboxLoadMore)}
                        </button>
                    </div>
                </Show>
                {move || more_error.get().map(|error| view! {
                    <ErrorNotice error=Signal::stored(error) on_retry=Callback::new(move |()| more_error.set(None)) />
                })}
            }
            .into_any(),
        }
    };

    let status_line = move || {
        let shown = items.with(Vec::len) as u64;
        let language = i18n.language();
        match (loader.get().loading, total.get()) {
            (true, _) => i18n.text(Text::Loading).to_owned(),
            (false, Some(total)) if shown < total => [
                i18n.text(Text::UpToDate),
                " · ",
                &i18n.format(
                    Text::InboxShowing,
                    &[
                        ("shown", &intl::count(language, shown)),
                        ("total", &intl::count(language, total)),
                    ],
                ),
            ]
            .concat(),
            (false, Some(total)) => [
                i18n.text(Text::UpToDate),
                " · ",
                &i18n.count(
                    Text::InquiryCountOne,
                    Text::InquiryCountOther,
                    total,
                    &intl::count(language, total),
                ),
            ]
            .concat(),
            (false, None) => String::new(),
        }
    };

    view! {
        <section class="widget inbox" part="base" lang=move || i18n.language().tag() aria-labelledby="inbox-title">
            <header class="header">
                <h2 class="title" id="inbox-title">{move || i18n.text(Text::InboxTitle)}</h2>
                <span class="muted" data-test="inquiry-total">
                    {move || total.get().map(|total| i18n.count(Text::InquiryCountOne, Text::InquiryCountOther, total, &intl::count(i18n.language(), total)))}
                </span>
            </header>
            <StatusTabs current=status on_choose=choose_status />
            <div class="body">{body}</div>
            <footer class="status-line" role="status" data-test="status-line">{status_line}</footer>
        </section>
    }
}

/// The row of status tabs; "All" clears the filter.
#[component]
fn StatusTabs(
    current: Memo<Result<Option<InquiryStatus>, (String, String)>>,
    on_choose: Callback<Option<InquiryStatus>>,
) -> impl IntoView {
    let i18n = crate::ui::use_i18n();
    let choices = std::iter::once(None).chain(InquiryStatus::ALL.into_iter().map(Some));
    view! {
        <nav class="tabs" aria-label=move || i18n.text(Text::InboxStatusFilterLabel)>
            {choices
                .map(|choice| {
                    let pressed = move || current.get().ok() == Some(choice);
                    let label = move || match choice {
                        Some(status) => status_name(status, i18n.language()),
                        None => i18n.text(Text::InboxAllStatuses),
                    };
                    view! {
                        <button
                            class="tab"
                            type="button"
                            data-test="status-tab"
                            data-status=choice.map(InquiryStatus::as_str).unwrap_or_default()
                            aria-pressed=move || if pressed() { "true" } else { "false" }
                            on:click=move |_| on_choose.run(choice)
                        >
                            {label}
                        </button>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// What the inbox shows with nothing to list, with the next useful action.
#[component]
fn EmptyInbox(filtered: bool, on_show_all: Callback<Option<InquiryStatus>>) -> impl IntoView {
    let i18n = crate::ui::use_i18n();
    if filtered {
        view! {
            <Notice title=Signal::derive(move || i18n.text(Text::InboxEmptyFilteredTitle).to_owned())>
                <button class="button" type="button" on:click=move |_| on_show_all.run(None)>
                    {move || i18n.text(Text::InboxShowAll)}
                </button>
            </Notice>
        }
        .into_any()
    } else {
        view! {
            <Notice
                title=Signal::derive(move || i18n.text(Text::InboxEmptyTitle).to_owned())
                detail=Signal::derive(move || i18n.text(Text::InboxEmptyDetail).to_owned())
            />
        }
        .into_any()
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
