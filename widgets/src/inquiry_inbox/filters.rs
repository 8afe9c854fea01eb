//! The inbox's filters and order: what the user narrows the list by beside the
//! status tabs and the search box, applied to the cached inquiries with the
//! contract's own rules (`InquiryFilter::accepts`, `InquirySort::key`), so the
//! inbox lists exactly what the server's list would.

use std::collections::BTreeSet;
use std::sync::Arc;

use contract::country::CountryCode;
use contract::ids::UserId;
use contract::inquiry::{AssigneeFilter, InquiryFilter, InquirySort, InquiryStatus};
use leptos::prelude::*;
use time::{Date, OffsetDateTime};

use crate::data::{Data, DataView, ShownInquiry, query_words, refines};
use crate::i18n::{Text, sort_name};
use crate::intl;
use crate::ui::use_i18n;

/// The user's filters beside status and assignee (which are attributes the
/// host sees), and the order.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Triage {
    pub(super) unread_only: bool,
    pub(super) score_min: Option<u8>,
    pub(super) country: Option<CountryCode>,
    pub(super) tag: Option<String>,
    pub(super) received_from: Option<Date>,
    /// Inclusive: the whole day.
    pub(super) received_to: Option<Date>,
    pub(super) sort: InquirySort,
}

/// The inquiries to list, and how many match each status (all filters but the
/// status applied), as the tabs show.
#[derive(Clone, Debug, Default)]
pub(super) struct Listed {
    pub(super) items: Vec<ShownInquiry>,
    pub(super) counts: [u64; 7],
    /// Matching with any status.
    pub(super) all: u64,
    /// The inquiries that matched with any status, in the layer's order, and
    /// what they were found by: a query that refines it (the user typing on)
    /// searches only these instead of every cached inquiry.
    matching: Arc<Vec<ShownInquiry>>,
    found_by: Option<FoundBy>,
}

/// What is shown; the results kept for reuse are not.
impl PartialEq for Listed {
    fn eq(&self, other: &Listed) -> bool {
        self.all == other.all && self.counts == other.counts && self.items == other.items
    }
}

/// What a [`Listed`]'s matching inquiries were found by.
#[derive(Clone, Debug, PartialEq)]
struct FoundBy {
    words: Vec<String>,
    filter: InquiryFilter,
    me: Option<UserId>,
    /// The layer's generation: any change of the records makes it stale.
    generation: u64,
}

/// The position of `status` in [`InquiryStatus::ALL`].
pub(super) fn status_index(status: InquiryStatus) -> usize {
    InquiryStatus::ALL
        .iter()
        .position(|known| *known == status)
        .unwrap_or_default()
}

impl Triage {
    /// Whether any filter narrows the list.
    pub(super) fn narrows(&self) -> bool {
        *self
            != Triage {
                sort: self.sort,
                ..Triage::default()
            }
    }

    /// Clears every filter, keeping the order.
    pub(super) fn clear(&mut self) {
        *self = Triage {
            sort: self.sort,
            ..Triage::default()
        };
    }

    /// The contract's filter for these choices (status left out: the tabs
    /// count every status).
    fn filter(&self, assignee: Option<AssigneeFilter>) -> InquiryFilter {
        let midnight = |day: Date| OffsetDateTime::new_utc(day, time::Time::MIDNIGHT);
        InquiryFilter {
            statuses: Vec::new(),
            assignee,
            unread: self.unread_only.then_some(true),
            score_min: self.score_min,
            score_max: None,
            received_from: self.received_from.map(midnight),
            received_to: self
                .received_to
                .and_then(|day| day.next_day())
                .map(midnight),
            country: self.country,
            tag: self.tag.clone(),
            search: None,
        }
    }

    /// The inquiries of `data` these choices, `query`, `status` and `assignee`
    /// keep, in order, with the counts per status.
    /// `previous` is the last result, reused when this query refines its own.
    pub(super) fn list(
        &self,
        data: &Data,
        query: &str,
        status: Option<InquiryStatus>,
        assignee: Option<AssigneeFilter>,
        me: Option<UserId>,
        previous: Option<&Listed>,
    ) -> Listed {
        let found_by = FoundBy {
            words: query_words(query),
            filter: self.filter(assignee),
            me,
            generation: data.generation(),
        };
        let before = previous.and_then(|previous| {
            let before = previous.found_by.as_ref()?;
            (before.filter == found_by.filter
                && before.me == found_by.me
                && before.generation == found_by.generation
                && refines(&found_by.words, &before.words))
            .then_some((previous, before))
        });
        let filter = &found_by.filter;
        let matching = match before {
            // The same words (another tab or order): the same inquiries.
            Some((previous, before)) if before.words == found_by.words => {
                previous.matching.to_vec()
            }
            Some((previous, _)) => {
                data.search_within(&previous.matching, &found_by.words, |_| true)
            }
            None => data.search_inquiries(query, |inquiry| filter.accepts(inquiry, me)),
        };
        let mut counts = [0; 7];
        for shown in &matching {
            counts[status_index(shown.inquiry.status)] += 1;
        }
        let all = matching.len() as u64;
        let mut items: Vec<ShownInquiry> = match status {
            Some(status) => matching
                .iter()
                .filter(|shown| shown.inquiry.status == status)
                .cloned()
                .collect(),
            None => matching.clone(),
        };
        // The layer's order is already newest first.
        if self.sort != InquirySort::ReceivedDesc {
            let sort = self.sort;
            items.sort_by_cached_key(|shown| sort.key(&shown.inquiry));
        }
        Listed {
            items,
            counts,
            all,
            matching: Arc::new(matching),
            found_by: Some(found_by),
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clearing_keeps_the_order_and_narrows_no_more() {
        let mut triage = Triage {
            unread_only: true,
            score_min: Some(60),
            sort: InquirySort::ScoreDesc,
            ..Triage::default()
        };
        assert!(triage.narrows());
        triage.clear();
        assert!(!triage.narrows());
        assert_eq!(triage.sort, InquirySort::ScoreDesc);
    }

    #[test]
    fn the_last_day_counts_whole() {
        let triage = Triage {
            received_from: Some(time::macros::date!(2026 - 11 - 01)),
            received_to: Some(time::macros::date!(2026 - 11 - 22)),
            ..Triage::default()
        };
        let filter = triage.filter(None);
        assert_eq!(
            filter.received_from,
            Some(time::macros::datetime!(2026-11-01 0:00 UTC))
        );
        assert_eq!(
            filter.received_to,
            Some(time::macros::datetime!(2026-11-23 0:00 UTC)),
            "up to the end of the 22nd"
        );
    }
}
