//! `GET /inquiries`: the filters and orders of the inbox as SQL, with keyset
//! pagination.
//!
//! Every filter narrows the list. Each order ends in the inquiry id, so the
//! order is total and a page continues exactly after the previous one's last
//! row, whatever arrives in between (`(key…, id) < (last key…, last id)`).
//!
//! Indexes (see the migrations): each order has one over `(member_id, key…, id)`;
//! each equality filter one over `(member_id, column, received_at, id)`, so a
//! filtered inbox still reads in order; and the filter indexes end in `status`,
//! so the counts read nothing but the index. Which index a query may use is
//! steered with SQLite's unary `+` (a column written `+i.x` is not looked up
//! in an index):
//!
//! - A page never sorts a large range: a range filter (score, received time)
//!   uses its index only when the page is ordered by that column; otherwise the
//!   page walks the order's index and stops after one page.
//! - A tag or a search usually matches few inquiries: the counts, and a page
//!   when the counts say the matches are few, start from the matching ids and
//!   sort those, instead of walking the whole inbox to find them.
//!
//! - Several statuses (the inbox's "active" tab) are read as one page per status
//!   from the status's index, merged, and only those rows sorted: SQLite cannot
//!   walk several ranges of an index in order and would sort every match.
//!
//! One aggregate query gives `status_counts` (all filters but the status) and,
//! from it, `total` (the counts of the statuses asked for). When the list is
//! filtered by nothing but status and assignee (the inbox as it opens, a rep's
//! inbox), the counts come from `inquiry_counts`, which triggers keep per member,
//! assignee and status, instead of counting a member's whole history.

use contract::inquiry::{InquiryListQuery, InquiryPage, InquirySort, InquiryStatus, StatusCount};

use super::cursor::{Cursor, filter_fingerprint};
use super::row::{InquiryRow, SUMMARY_SELECT};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::search::{Condition, Terms};
use crate::sql::{Backend, DbPool, Sql};
use crate::stored::enum_from_text;
use conditions::{push_after, push_conditions};
use counts::{counter_query, counts_query};

/// Parses the query string pairs as sent. A parameter given twice is a malformed
/// query string (400); invalid values are field errors (422); a cursor that does
/// not continue this very list is a 400 naming `cursor`.
pub(super) fn parse(
    pairs: &[(String, String)],
) -> Result<(InquiryListQuery, Option<Cursor>), ApiError> {
    for (index, (name, _)) in pairs.iter().enumerate() {
        if pairs[..index].iter().any(|(earlier, _)| earlier == name) {
            return Err(ApiError::bad_field(name, "is given more than once"));
        }
    }
    let query = InquiryListQuery::from_pairs(
        pairs
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str())),
    )
    .map_err(ApiError::Validation)?;
    let cursor = match &query.cursor {
        Some(text) => Some(
            Cursor::decode(text, query.sort, &filter_fingerprint(&query))
                .map_err(|error| ApiError::bad_field("cursor", error.message()))?,
        ),
        None => None,
    };
    Ok((query, cursor))
}

/// One page of the caller's inquiries.
pub(super) async fn page(
    database: &DbPool,
    caller: &Caller,
    query: &InquiryListQuery,
    after: Option<&Cursor>,
) -> Result<InquiryPage, ApiError> {
    let filter = &query.filter;
    // A search without a single letter or digit (e.g. "?!") can match nothing.
    let search = match &filter.search {
        Some(text) => match Terms::typed(text) {
            Some(terms) => Some(terms.condition(Backend::of_pool(database))),
            None => return Ok(empty_page()),
        },
        None => None,
    };

    let backend = Backend::of_pool(database);
    let mut counts = match counter_query(caller, filter) {
        Some(counters) => counters,
        None => counts_query(caller, filter, search.as_ref(), backend),
    };
    let counts: Vec<(String, i64)> = counts.build_query_as().fetch_all(database).await?;
    let mut status_counts: Vec<StatusCount> = InquiryStatus::ALL
        .into_iter()
        .map(|status| StatusCount { status, count: 0 })
        .collect();
    for (status, count) in counts {
        let status: InquiryStatus = enum_from_text("status", &status)?;
        if let Some(entry) = status_counts
            .iter_mut()
            .find(|entry| entry.status == status)
        {
            entry.count = u64::try_from(count).unwrap_or_default();
        }
    }
    let total = status_counts
        .iter()
        .filter(|entry| filter.statuses.is_empty() || filter.statuses.contains(&entry.status))
        .map(|entry| entry.count)
        .sum();

    let limit = query.effective_limit();
    let drive = if backend == Backend::Postgres {
        Drive::Planner
    } else if (filter.tag.is_some() || search.is_some()) && total <= SMALL_SET {
        Drive::Matches
    } else {
        Drive::Indexes
    };
    let mut page = page_query(caller, query, search.as_ref(), after, drive);
    let mut rows: Vec<InquiryRow> = page.build_query_as().fetch_all(database).await?;

    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = match rows.last() {
        Some(last) if has_more => {
            Some(Cursor::after(last, query.sort, filter_fingerprint(query)).encode())
        }
        _ => None,
    };
    let items = rows
        .into_iter()
        .map(InquiryRow::into_summary)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(InquiryPage {
        items,
        next_cursor,
        total,
        status_counts,
    })
}

/// Up to this many matches of a tag or search, a page starts from the matches.
const SMALL_SET: u64 = 2_000;

/// Which indexes a query may read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Drive {
    /// Those of the filters and the order, as SQLite's planner sees fit (with
    /// range filters only on the order's own column for a page).
    Indexes,
    /// Only the index of this column (for the counts, which read every match:
    /// the filter that usually narrows most).
    Only(&'static str),
    /// Only the ids matching the tag or the search.
    Matches,
    /// Any, as the planner sees fit: PostgreSQL's, which weighs a filter's
    /// selectivity against reading in order without being steered.
    Planner,
}

/// One more row than the page holds, after `after`, in the query's order.
fn page_query<'args>(
    caller: &Caller,
    query: &'args InquiryListQuery,
    search: Option<&Condition>,
    after: Option<&Cursor>,
    drive: Drive,
) -> Sql<'args> {
    let statuses = &query.filter.statuses;
    if drive == Drive::Indexes && statuses.len() > 1 {
        // SQLite cannot walk several ranges of one index in order: given
        // `status IN (…)` it would sort every match. So each status reads its
        // own first page from its index, and only those few rows are sorted.
        let mut page = Sql::new("SELECT * FROM (");
        for (position, status) in statuses.iter().enumerate() {
            if position > 0 {
                page.push(" UNION ALL ");
            }
            page.push("SELECT * FROM (");
            push_one_page(
                &mut page,
                caller,
                query,
                search,
                after,
                drive,
                Some(*status),
            );
            page.push(")");
        }
        page.push(") AS page");
        push_order_and_limit(&mut page, query, "page.");
        return page;
    }
    let mut page = Sql::new("");
    push_one_page(&mut page, caller, query, search, after, drive, None);
    page
}

/// The page's query, or with `only_status` that status's part of it.
fn push_one_page<'args>(
    page: &mut Sql<'args>,
    caller: &Caller,
    query: &'args InquiryListQuery,
    search: Option<&Condition>,
    after: Option<&Cursor>,
    drive: Drive,
    only_status: Option<InquiryStatus>,
) {
    page.push(SUMMARY_SELECT);
    push_conditions(
        page,
        caller,
        &query.filter,
        search,
        drive,
        Some(query.sort),
        only_status,
    );
    if let Some(after) = after {
        push_after(page, query.sort, &after.position);
    }
    push_order_and_limit(page, query, "i.");
}

/// The order, ending in the id, and one more row than the page holds (which
/// tells whether another page follows). `table` prefixes the columns.
fn push_order_and_limit(page: &mut Sql<'_>, query: &InquiryListQuery, table: &str) {
    let keys: &[&str] = match query.sort {
        InquirySort::ReceivedDesc => &["received_at DESC", "id DESC"],
        InquirySort::ReceivedAsc => &["received_at", "id"],
        InquirySort::ScoreDesc => &["score DESC", "received_at DESC", "id DESC"],
        InquirySort::DueAsc => &["due_rank", "due_at", "id"],
    };
    let keys: Vec<String> = keys.iter().map(|key| [table, key].concat()).collect();
    page.push(" ORDER BY ");
    page.push(keys.join(", "));
    page.push(" LIMIT ");
    page.push_bind(i64::from(query.effective_limit()) + 1);
}

fn empty_page() -> InquiryPage {
    InquiryPage {
        items: Vec::new(),
        next_cursor: None,
        total: 0,
        status_counts: InquiryStatus::ALL
            .into_iter()
            .map(|status| StatusCount { status, count: 0 })
            .collect(),
    }
}

mod conditions;
mod counts;

#[cfg(test)]
mod tests;
