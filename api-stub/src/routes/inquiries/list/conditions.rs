//! The SQL conditions of the inbox list: the caller's scope, the filters, and the
//! keyset position after which a page continues.

use contract::inquiry::{AssigneeFilter, InquiryFilter, InquirySort, InquiryStatus};

use super::super::cursor::Position;
use super::Drive;
use crate::auth::Caller;
use crate::search::{self, Condition};
use crate::sql::Sql;
use crate::stored::timestamp_to_text;

/// Appends ` WHERE` with the caller's scope and the filter's conditions; the
/// status filter only for a page (`sort` given), not for the counts. `search` is
/// the FTS5 expression built from the user's words, never their raw text.
pub(super) fn push_conditions<'args>(
    query: &mut Sql<'args>,
    caller: &Caller,
    filter: &'args InquiryFilter,
    search: Option<&Condition>,
    drive: Drive,
    sort: Option<InquirySort>,
    only_status: Option<InquiryStatus>,
) {
    // `+` keeps SQLite from reading a column's index (see the module's notes).
    let column = |name: &str, may_use_index: bool| {
        let indexed = match drive {
            Drive::Indexes => may_use_index,
            Drive::Only(only) => name == only || name == "member_id",
            Drive::Matches => false,
            Drive::Planner => true,
        };
        if indexed {
            ["i.", name].concat()
        } else {
            ["+i.", name].concat()
        }
    };
    let received_order = matches!(
        sort,
        None | Some(InquirySort::ReceivedDesc | InquirySort::ReceivedAsc)
    );
    let score_order = matches!(sort, None | Some(InquirySort::ScoreDesc));

    query.push(format!(" WHERE {} = ", column("member_id", true)));
    query.push_bind(caller.member_id.to_string());
    if let Some(assignee) = caller.only_assigned_to() {
        query.push(format!(" AND {} = ", column("assignee_id", true)));
        query.push_bind(assignee.to_string());
    }
    if let Some(status) = only_status {
        query.push(format!(" AND {} = ", column("status", true)));
        query.push_bind(status.as_str());
    } else if sort.is_some() && !filter.statuses.is_empty() {
        query.push(format!(" AND {} IN (", column("status", true)));
        let mut statuses = query.separated(", ");
        for status in &filter.statuses {
            statuses.push_bind(status.as_str());
        }
        statuses.push_unseparated(")");
    }
    match filter.assignee {
        Some(AssigneeFilter::Me) => {
            query.push(format!(" AND {} = ", column("assignee_id", true)));
            query.push_bind(caller.user_id.to_string());
        }
        Some(AssigneeFilter::User(user)) => {
            query.push(format!(" AND {} = ", column("assignee_id", true)));
            query.push_bind(user.to_string());
        }
        Some(AssigneeFilter::Unassigned) => {
            query.push(format!(" AND {} IS NULL", column("assignee_id", true)));
        }
        None => {}
    }
    if let Some(unread) = filter.unread {
        query.push(format!(" AND {} = ", column("unread", true)));
        query.push_bind(i64::from(unread));
    }
    if let Some(score) = filter.score_min {
        query.push(format!(" AND {} >= ", column("score", score_order)));
        query.push_bind(i64::from(score));
    }
    if let Some(score) = filter.score_max {
        query.push(format!(" AND {} <= ", column("score", score_order)));
        query.push_bind(i64::from(score));
    }
    if let Some(from) = filter.received_from {
        query.push(format!(
            " AND {} >= ",
            column("received_at", received_order)
        ));
        query.push_bind(timestamp_to_text(from));
    }
    if let Some(to) = filter.received_to {
        query.push(format!(" AND {} < ", column("received_at", received_order)));
        query.push_bind(timestamp_to_text(to));
    }
    if let Some(country) = filter.country {
        query.push(format!(" AND {} = ", column("buyer_country", true)));
        query.push_bind(country.as_str().to_owned());
    }
    if let Some(tag) = &filter.tag {
        query.push(" AND i.id IN (SELECT t.inquiry_id FROM inquiry_tags t WHERE t.tag = ");
        query.push_bind(tag.as_str());
        query.push(" COLLATE NOCASE)");
    }
    if let Some(condition) = search {
        search::INQUIRIES.push_matching(query, "i.rowid", condition);
    }
}

/// The keyset condition: strictly after `position` in its order.
pub(super) fn push_after(query: &mut Sql<'_>, sort: InquirySort, position: &Position) {
    match position {
        Position::Received { at, id } => {
            query.push(if sort == InquirySort::ReceivedAsc {
                " AND (i.received_at, i.id) > ("
            } else {
                " AND (i.received_at, i.id) < ("
            });
            query.push_bind(at.clone());
            query.push(", ");
            query.push_bind(id.clone());
            query.push(")");
        }
        Position::Score { score, at, id } => {
            query.push(" AND (i.score, i.received_at, i.id) < (");
            query.push_bind(*score);
            query.push(", ");
            query.push_bind(at.clone());
            query.push(", ");
            query.push_bind(id.clone());
            query.push(")");
        }
        Position::Due { rank, at, id } => {
            query.push(" AND (i.due_rank, i.due_at, i.id) > (");
            query.push_bind(*rank);
            query.push(", ");
            query.push_bind(at.clone());
            query.push(", ");
            query.push_bind(id.clone());
            query.push(")");
        }
    }
}
