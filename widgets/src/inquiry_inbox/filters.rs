//! The inbox's filter bar: assignee, unread, score, country, tag, received
//! dates and the order, beside the status tabs and the search box. What they
//! choose is a `Triage` (see `triage.rs`).

use std::collections::BTreeSet;

use contract::country::CountryCode;
use contract::inquiry::{AssigneeFilter, InquirySort};
use leptos::prelude::*;
use time::Date;

use super::triage::Triage;
use crate::data::DataView;
use crate::i18n::{Text, sort_name};
use crate::intl;
use crate::ui::use_i18n;

/// A `<select>` of optional choices with an "any" option, for the filters.
#[component]
fn FilterSelect(
    label: Text,
    any: Text,
    test_id: &'static str,
    /// `(value, label)` of each choice.
    choices: Signal<Vec<(String, String)>>,
    current: Signal<String>,
    on_choose: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field-inline">
            <span class="visually-hidden">{move || i18n.text(label)}</span>
            <select
                class="control"
                data-test=test_id
                aria-label=move || i18n.text(label)
                prop:value=move || current.get()
                on:change=move |event| on_choose.run(event_target_value(&event))
            >
                <option value="" selected=move || current.with(String::is_empty)>{move || i18n.text(any)}</option>
                {move || {
                    let current = current.get();
                    choices
                        .get()
                        .into_iter()
                        .map(|(value, label)| {
                            let selected = value == current;
                            view! { <option value=value selected=selected>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// A date input of the filters; cleared, it chooses `None`.
#[component]
fn DateFilter(
    label: Text,
    test_id: &'static str,
    current: Signal<Option<Date>>,
    on_choose: Callback<Option<Date>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let parse = |value: &str| {
        Date::parse(
            value,
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .ok()
    };
    view! {
        <label class="field-inline">
            <span>{move || i18n.text(label)}</span>
            <input
                type="date"
                class="control"
                data-test=test_id
                prop:value=move || current.get().map(|day| day.to_string()).unwrap_or_default()
                on:change=move |event| on_choose.run(parse(&event_target_value(&event)))
            />
        </label>
    }
}

/// The filters beside the search box: assignee, unread, score, country, tag,
/// received dates, and the order.
#[component]
pub(super) fn FilterBar(
    triage: RwSignal<Triage>,
    assignee: Memo<Result<Option<AssigneeFilter>, (String, String)>>,
    on_assignee: Callback<Option<AssigneeFilter>>,
    data: DataView,
) -> impl IntoView {
    let i18n = use_i18n();
    let assignees = Signal::derive(move || {
        let mut choices = vec![
            ("me".to_owned(), i18n.text(Text::FilterMine).to_owned()),
            (
                "unassigned".to_owned(),
                i18n.text(Text::InquiryUnassigned).to_owned(),
            ),
        ];
        // Reps see only their own inquiries: other people are no choice.
        let whole_team = data.with(|data| data.me().is_none_or(|me| me.role.sees_whole_team()));
        if whole_team {
            choices.extend(
                data.with(|data| data.assignable(None))
                    .into_iter()
                    .map(|(id, name)| (id.to_string(), name)),
            );
        }
        choices
    });
    let current_assignee = Signal::derive(move || {
        assignee
            .get()
            .ok()
            .flatten()
            .map(AssigneeFilter::to_wire)
            .unwrap_or_default()
    });
    let choose_assignee = Callback::new(move |value: String| {
        on_assignee.run(value.parse::<AssigneeFilter>().ok());
    });

    // Countries and tags that occur, so that no choice lists nothing.
    // Gathered once the first load is done, and again whenever the user goes to
    // these filters: not on every change of the records, which at 100,000
    // inquiries would cost a long task during a sync.
    let seen = RwSignal::new((BTreeSet::<CountryCode>::new(), BTreeSet::<String>::new()));
    let gather = move || {
        let found = data.layer_untracked().with_inquiries(|inquiries| {
            let mut countries = BTreeSet::new();
            let mut tags = BTreeSet::new();
            for inquiry in inquiries {
                countries.insert(inquiry.buyer.country);
                for tag in &inquiry.tags {
                    if !tags.contains(tag) {
                        tags.insert(tag.clone());
                    }
                }
            }
            (countries, tags)
        });
        if seen.with_untracked(|known| *known != found) {
            seen.set(found);
        }
    };
    let complete = Memo::new(move |_| data.status().complete);
    Effect::new(move |_| {
        if complete.get() {
            gather();
        }
    });
    let countries = Signal::derive(move || {
        let language = i18n.language();
        let mut named: Vec<(String, CountryCode)> = seen.with(|(countries, _)| {
            countries
                .iter()
                .map(|country| (intl::country_name(language, *country), *country))
                .collect()
        });
        named.sort();
        named
            .into_iter()
            .map(|(name, country)| {
                (
                    country.as_str().to_owned(),
                    [intl::flag(country), " ".to_owned(), name].concat(),
                )
            })
            .collect::<Vec<_>>()
    });
    let tags = Signal::derive(move || {
        seen.with(|(_, tags)| {
            tags.iter()
                .map(|tag| (tag.clone(), tag.clone()))
                .collect::<Vec<_>>()
        })
    });
    let scores = Signal::derive(move || {
        [80u8, 60, 40]
            .into_iter()
            .map(|score| {
                (
                    score.to_string(),
                    i18n.format(Text::FilterScoreAtLeast, &[("score", &score.to_string())]),
                )
            })
            .collect::<Vec<_>>()
    });

    view! {
        <div class="filters" role="group" aria-label=move || i18n.text(Text::InboxFiltersLabel)>
            <FilterSelect
                label=Text::FilterAssignee
                any=Text::FilterAnyone
                test_id="filter-assignee"
                choices=assignees
                current=current_assignee
                on_choose=choose_assignee
            />
            <label class="check-label">
                <input
                    type="checkbox"
                    data-test="filter-unread"
                    prop:checked=move || triage.with(|triage| triage.unread_only)
                    on:change=move |event| triage.update(|triage| triage.unread_only = event_target_checked(&event))
                />
                <span>{move || i18n.text(Text::FilterUnreadOnly)}</span>
            </label>
            <FilterSelect
                label=Text::FilterScore
                any=Text::FilterAnyScore
                test_id="filter-score"
                choices=scores
                current=Signal::derive(move || triage.with(|triage| triage.score_min.map(|score| score.to_string()).unwrap_or_default()))
                on_choose=Callback::new(move |value: String| triage.update(|triage| triage.score_min = value.parse().ok()))
            />
            <span class="filter-group" on:focusin=move |_| gather() on:pointerdown=move |_| gather()>
            <FilterSelect
                label=Text::FilterCountry
                any=Text::FilterAnyCountry
                test_id="filter-country"
                choices=countries
                current=Signal::derive(move || triage.with(|triage| triage.country.map(|country| country.as_str().to_owned()).unwrap_or_default()))
                on_choose=Callback::new(move |value: String| triage.update(|triage| triage.country = value.parse().ok()))
            />
            <FilterSelect
                label=Text::FilterTag
                any=Text::FilterAnyTag
                test_id="filter-tag"
                choices=tags
                current=Signal::derive(move || triage.with(|triage| triage.tag.clone().unwrap_or_default()))
                on_choose=Callback::new(move |value: String| triage.update(|triage| triage.tag = Some(value).filter(|tag| !tag.is_empty())))
            />
            </span>
            <DateFilter
                label=Text::FilterReceivedFrom
                test_id="filter-from"
                current=Signal::derive(move || triage.with(|triage| triage.received_from))
                on_choose=Callback::new(move |day| triage.update(|triage| triage.received_from = day))
            />
            <DateFilter
                label=Text::FilterReceivedTo
                test_id="filter-to"
                current=Signal::derive(move || triage.with(|triage| triage.received_to))
                on_choose=Callback::new(move |day| triage.update(|triage| triage.received_to = day))
            />
            <label class="field-inline">
                <span>{move || i18n.text(Text::SortLabel)}</span>
                <select
                    class="control"
                    data-test="sort"
                    prop:value=move || triage.with(|triage| triage.sort.as_str())
                    on:change=move |event| {
                        let value = event_target_value(&event);
                        if let Some(sort) = InquirySort::ALL.into_iter().find(|sort| sort.as_str() == value) {
                            triage.update(|triage| triage.sort = sort);
                        }
                    }
                >
                    {InquirySort::ALL.into_iter().map(|sort| view! {
                        <option value=sort.as_str() selected=move || triage.with(|triage| triage.sort == sort)>
                            {move || sort_name(sort, i18n.language())}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <Show when=move || triage.with(Triage::narrows) || current_assignee.with(|value| !value.is_empty())>
                <button
                    class="button link-button"
                    type="button"
                    data-test="clear-filters"
                    on:click=move |_| {
                        triage.update(Triage::clear);
                        on_assignee.run(None);
                    }
                >
                    {move || i18n.text(Text::FilterClear)}
                </button>
            </Show>
        </div>
    }
}
