//! What the inbox lists: the user's filters and order (`Triage`) applied to the
//! cached inquiries with the contract's own rules (`InquiryFilter::accepts`,
//! `InquirySort::key`), so the inbox lists exactly what the server's list
//! would, with the counts per status the tabs show. A query that refines the
//! previous one searches only its results.

use std::sync::Arc;

use contract::country::CountryCode;
use contract::ids::UserId;
use contract::inquiry::{AssigneeFilter, InquiryFilter, InquirySort, InquiryStatus};
use time::{Date, OffsetDateTime};

use crate::data::{Data, ShownInquiry, query_words, refines};

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
