//! Query plans of the inbox list: every filter and every order is served by an
//! index, never by a scan of the whole table.

use contract::ids::{MemberId, UserId};
use contract::inquiry::{InquiryListQuery, InquirySort};
use contract::user::Role;
use sqlx::any::AnyPoolOptions;

use super::*;

use crate::search::Terms;
use crate::sql::{Backend, DbPool};

async fn database() -> DbPool {
    sqlx::any::install_default_drivers();
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await
        .unwrap();
    crate::database::migrate(&pool).await.unwrap();
    pool
}

fn caller(role: Role) -> Caller {
    Caller {
        user_id: UserId(uuid::Uuid::from_u128(7)),
        member_id: MemberId(uuid::Uuid::from_u128(1)),
        role,
    }
}

/// The plan's lines, e.g. `SEARCH i USING INDEX inquiries_member_received (member_id=?)`.
async fn plan(pool: &DbPool, sql: &str) -> Vec<String> {
    let rows: Vec<(i64, i64, i64, String)> = sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}"))
        .fetch_all(pool)
        .await
        .unwrap();
    rows.into_iter().map(|row| row.3).collect()
}

const FILTERS: [&str; 15] = [
    "",
    "status=new",
    "status=new,open,quoted",
    "assignee=me",
    "assignee=unassigned",
    "assignee=00000000-0000-4000-8000-000000000009",
    "unread=true",
    "score_min=60",
    "score_min=20&score_max=40",
    "received_from=2026-11-01T00:00:00Z",
    "received_from=2026-11-01T00:00:00Z&received_to=2026-11-08T00:00:00Z",
    "country=DE",
    "tag=urgent",
    "q=led panel",
    "status=open&country=DE&unread=false&score_min=50",
];

#[tokio::test]
async fn every_filter_and_order_is_served_by_an_index() {
    let pool = database().await;
    for role in [Role::Owner, Role::Rep] {
        let caller = caller(role);
        for filter in FILTERS {
            for sort in InquirySort::ALL {
                let text = [filter, "&sort=", sort.as_str()].concat();
                let pairs: Vec<(&str, &str)> = text
                    .split('&')
                    .filter(|pair| !pair.is_empty())
                    .filter_map(|pair| pair.split_once('='))
                    .collect();
                let query = InquiryListQuery::from_pairs(pairs).unwrap();
                let search = query
                    .filter
                    .search
                    .as_deref()
                    .and_then(Terms::typed)
                    .map(|terms| terms.condition(Backend::Sqlite));
                let by_matches = page_query(&caller, &query, search.as_ref(), None, Drive::Matches);
                let page = page_query(&caller, &query, search.as_ref(), None, Drive::Indexes);
                let counts = counts_query(&caller, &query.filter, search.as_ref(), Backend::Sqlite);
                let mut queries = vec![("page", page.sql()), ("counts", counts.sql())];
                if query.filter.tag.is_some() || search.is_some() {
                    queries.push(("page from matches", by_matches.sql()));
                }
                for (what, sql) in queries {
                    let lines = plan(&pool, sql).await;
                    println!("{role:?} {text} {what}:\n  {}", lines.join("\n  "));
                    for line in &lines {
                        assert!(
                            !line.starts_with("SCAN i") || line.contains("INDEX"),
                            "{role:?} {text} {what}: full table scan: {lines:?}"
                        );
                    }
                }
            }
        }
    }
}
