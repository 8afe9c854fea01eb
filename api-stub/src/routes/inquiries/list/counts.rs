//! The per-status counts of the inbox list: from the trigger-kept counters when
//! nothing but status and assignee filters it, otherwise counted under every
//! filter but the status.

use contract::inquiry::{AssigneeFilter, InquiryFilter};

use super::Drive;
use super::conditions::push_conditions;
use crate::auth::Caller;
use crate::search::Condition;
use crate::sql::{Backend, Sql};

/// The filter the counts start from: without statistics SQLite cannot tell
/// which of several filters narrows most, so the usual order decides: an
/// assignee (a rep's own inbox), a country, a time range, the read state, a
/// score range.
pub(super) fn counts_drive(
    caller: &Caller,
    filter: &InquiryFilter,
    search: Option<&Condition>,
) -> Drive {
    if filter.tag.is_some() || search.is_some() {
        Drive::Matches
    } else if filter.assignee.is_some() || caller.only_assigned_to().is_some() {
        Drive::Only("assignee_id")
    } else if filter.country.is_some() {
        Drive::Only("buyer_country")
    } else if filter.received_from.is_some() || filter.received_to.is_some() {
        Drive::Only("received_at")
    } else if filter.unread.is_some() {
        Drive::Only("unread")
    } else if filter.score_min.is_some() || filter.score_max.is_some() {
        Drive::Only("score")
    } else {
        Drive::Indexes
    }
}

/// Counts by status from the counters the triggers keep (`inquiry_counts`), when
/// the list is filtered by nothing but the status and the assignee (the inbox as
/// it opens, a rep's own inbox, "unassigned"); `None` otherwise.
pub(super) fn counter_query<'args>(caller: &Caller, filter: &InquiryFilter) -> Option<Sql<'args>> {
    let only_status_and_assignee = *filter
        == InquiryFilter {
            statuses: filter.statuses.clone(),
            assignee: filter.assignee,
            ..InquiryFilter::default()
        };
    if !only_status_and_assignee {
        return None;
    }
    let mut assignees: Vec<String> = Vec::new();
    if let Some(user) = caller.only_assigned_to() {
        assignees.push(user.to_string());
    }
    match filter.assignee {
        Some(AssigneeFilter::Me) => assignees.push(caller.user_id.to_string()),
        Some(AssigneeFilter::User(user)) => assignees.push(user.to_string()),
        // Stored as '' in the counters.
        Some(AssigneeFilter::Unassigned) => assignees.push(String::new()),
        None => {}
    }
    let mut counts = Sql::new(
        "SELECT status, CAST(SUM(count) AS BIGINT) FROM inquiry_counts WHERE member_id = ",
    );
    counts.push_bind(caller.member_id.to_string());
    // Two different assignees (a rep asking for someone else's) match nothing.
    for assignee in assignees {
        counts.push(" AND assignee_id = ");
        counts.push_bind(assignee);
    }
    counts.push(" GROUP BY status");
    Some(counts)
}

/// Counts by status under every filter but the status.
pub(super) fn counts_query<'args>(
    caller: &Caller,
    filter: &'args InquiryFilter,
    search: Option<&Condition>,
    backend: Backend,
) -> Sql<'args> {
    let drive = match backend {
        Backend::Sqlite => counts_drive(caller, filter, search),
        Backend::Postgres => Drive::Planner,
    };
    let mut counts = Sql::new("SELECT i.status, COUNT(*) FROM inquiries i");
    push_conditions(&mut counts, caller, filter, search, drive, None, None);
    let filtered = *filter
        != InquiryFilter {
            statuses: filter.statuses.clone(),
            ..InquiryFilter::default()
        };
    // Unfiltered, the status index counts in order; filtered, the filter's index
    // (which ends in the status) is read and its few statuses grouped after.
    counts.push(if filtered && drive != Drive::Planner {
        " GROUP BY +i.status"
    } else {
        " GROUP BY i.status"
    });
    counts
}
