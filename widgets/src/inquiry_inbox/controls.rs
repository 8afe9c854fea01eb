//! The inbox's controls above and instead of the list: status tabs with their
//! counts, the search box, the keyboard help, and what an empty inbox offers.

use contract::inquiry::InquiryStatus;
use leptos::prelude::*;

use super::triage::status_index;
use crate::i18n::{Text, status_name};
use crate::intl;
use crate::ui::Notice;

/// The row of status tabs, each with how many inquiries it holds under the
/// other filters; "All" clears the filter.
#[component]
pub(super) fn StatusTabs(
    current: Memo<Result<Option<InquiryStatus>, (String, String)>>,
    /// Per status (in `InquiryStatus::ALL` order), and for all.
    counts: Memo<([u64; 7], u64)>,
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
                    let count = move || {
                        let (counts, all) = counts.get();
                        let count = choice.map_or(all, |status| counts[status_index(status)]);
                        intl::count(i18n.language(), count)
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
                            " "
                            <span class="tab-count" data-test="status-count">{count}</span>
                        </button>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// Focuses `input`, reporting (not throwing) a failure.
pub(super) fn browser_focus(input: &web_sys::HtmlInputElement) {
    if input.focus().is_err() {
        web_sys::console::warn_1(&"[crm-widgets] the search box could not take the focus".into());
    }
}

/// The free-text search over the inbox; Escape clears it.
#[component]
pub(super) fn SearchBox(
    query: RwSignal<String>,
    input: NodeRef<leptos::html::Input>,
) -> impl IntoView {
    let i18n = crate::ui::use_i18n();
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" && !query.with_untracked(String::is_empty) {
            event.prevent_default();
            query.set(String::new());
        }
    };
    view! {
        <div class="search" role="search">
            <input
                type="search"
                class="control search-input"
                data-test="inbox-search"
                node_ref=input
                autocomplete="off"
                aria-label=move || i18n.text(Text::InboxSearchLabel)
                placeholder=move || i18n.text(Text::InboxSearchPlaceholder)
                prop:value=move || query.get()
                on:input=move |event| query.set(event_target_value(&event))
                on:keydown=on_keydown
            />
        </div>
    }
}

/// What the inbox shows with nothing to list, with the next useful action.
#[component]
pub(super) fn EmptyInbox(filtered: bool, on_show_all: Callback<()>) -> impl IntoView {
    let i18n = crate::ui::use_i18n();
    if filtered {
        view! {
            <Notice title=Signal::derive(move || i18n.text(Text::InboxEmptyFilteredTitle).to_owned())>
                <button class="button" type="button" data-test="show-all" on:click=move |_| on_show_all.run(())>
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

/// The keyboard shortcuts, shown by `?`.
#[component]
pub(super) fn KeyboardHelp(on_close: Callback<()>) -> impl IntoView {
    let i18n = crate::ui::use_i18n();
    let keys: [(&'static str, Text); 8] = [
        ("j / k, ↓ / ↑", Text::HelpMove),
        ("Enter", Text::HelpOpen),
        ("x", Text::HelpSelect),
        ("r", Text::HelpReply),
        ("a", Text::HelpAssign),
        ("e", Text::HelpArchive),
        ("/", Text::HelpSearch),
        ("?", Text::HelpToggle),
    ];
    view! {
        <div class="help" role="dialog" aria-labelledby="inbox-help-title" data-test="keyboard-help">
            <div class="help-header">
                <h3 id="inbox-help-title" class="help-title">{move || i18n.text(Text::HelpTitle)}</h3>
                <button class="button" type="button" data-test="help-close" on:click=move |_| on_close.run(())>
                    {move || i18n.text(Text::Close)}
                </button>
            </div>
            <dl class="help-keys">
                {keys.into_iter().map(|(key, text)| view! {
                    <dt><kbd>{key}</kbd></dt>
                    <dd>{move || i18n.text(text)}</dd>
                }).collect_view()}
            </dl>
        </div>
    }
}
