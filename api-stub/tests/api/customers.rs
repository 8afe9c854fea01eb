//! `/api/v1/customers`: the list (filters, search, sorts, pagination) here; the
//! card with its metrics and health in `card`, creating and patching in `writes`;
//! and (in `fixture`) what the contacts, activities, timeline, reminders and
//! products tests share.

mod card;
mod fixture;
mod merge;
mod transfer;
mod writes;

use std::collections::HashSet;

use api_stub::seed::MUELLER_HANDELS_CUSTOMER_ID;
use axum::http::StatusCode;
use contract::customer::{CustomerPage, CustomerSummary, Tier};
use serde_json::json;

pub(crate) use self::fixture::*;
use crate::support::{TestApp, member_id};

/// Every page of `path` (with a query string) as `token`, following `next_cursor`.
async fn walk(test_app: &TestApp, path: &str, token: &str) -> Vec<CustomerSummary> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..200 {
        let url = match &cursor {
            Some(cursor) => format!("{path}&cursor={cursor}"),
            None => path.to_owned(),
        };
        let page: CustomerPage = test_app.get_json(&url, token).await;
        assert!(page.items.len() <= 7);
        items.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return items,
        }
    }
    panic!("pagination does not end");
}

pub(super) async fn list_ids(test_app: &TestApp, query: &str, token: &str) -> HashSet<String> {
    let page: CustomerPage = test_app
        .get_json(&format!("/api/v1/customers?limit=200&{query}"), token)
        .await;
    assert_eq!(page.total as usize, page.items.len(), "{query}");
    page.items.iter().map(|item| item.id.to_string()).collect()
}

#[tokio::test]
async fn each_list_filter_narrows_to_exactly_the_matching_customers() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let token = "demo-brightway-owner";
    let expect = |sql: &'static str| {
        let test_app = &test_app;
        let member = member.clone();
        async move {
            test_app
                .column(
                    &format!("SELECT id FROM customers c WHERE member_id = $1 AND {sql}"),
                    &member,
                )
                .await
                .into_iter()
                .collect::<HashSet<String>>()
        }
    };
    let li_wei: String = test_app
        .scalar("SELECT id FROM users WHERE name = $1", "Li Wei")
        .await;
    let cases: Vec<(String, HashSet<String>)> = vec![
        ("tier=partnership".into(), expect("tier = 'partnership'").await),
        ("stage=lead".into(), expect("stage = 'lead'").await),
        ("owner=unassigned".into(), expect("owner_id IS NULL").await),
        (format!("owner={li_wei}"), {
            let sql = format!("SELECT id FROM customers WHERE member_id = $1 AND owner_id = '{li_wei}'");
            test_app.column(&sql, &member).await.into_iter().collect()
        }),
        ("country=de".into(), expect("country = 'DE'").await),
        (
            "tag=KEY%20ACCOUNT".into(),
            expect("EXISTS (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND t.tag = 'key account')").await,
        ),
        (
            "tier=partnership&country=DE".into(),
            expect("tier = 'partnership' AND country = 'DE'").await,
        ),
    ];
    for (query, expected) in cases {
        assert!(!expected.is_empty(), "{query} selects something");
        assert_eq!(
            list_ids(&test_app, &query, token).await,
            expected,
            "{query}"
        );
    }
    // `owner=me` is the caller's own.
    let mine = list_ids(&test_app, "owner=me", "demo-brightway-rep").await;
    assert_eq!(
        mine,
        list_ids(&test_app, &format!("owner={li_wei}"), token).await
    );
    // Search by name (without the umlaut), by a contact's e-mail, by industry.
    let found = list_ids(&test_app, "q=mueller%20handels", token).await;
    assert_eq!(
        found,
        HashSet::from([MUELLER_HANDELS_CUSTOMER_ID.to_owned()])
    );
    let found = list_ids(&test_app, "q=M%C3%BCller%20hand", token).await;
    assert!(found.contains(MUELLER_HANDELS_CUSTOMER_ID));
    let found = list_ids(&test_app, "q=s.krueger", token).await;
    assert_eq!(
        found,
        HashSet::from([MUELLER_HANDELS_CUSTOMER_ID.to_owned()])
    );
    let found = list_ids(&test_app, "q=lighting%20distribution", token).await;
    assert_eq!(found, expect("industry = 'Lighting distribution'").await);
    // The other member's customers never appear.
    let evergreen = list_ids(&test_app, "q=kuechenwelt", token).await;
    assert!(evergreen.is_empty());
}

#[tokio::test]
async fn every_sort_pages_through_all_customers_once_in_order() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let token = "demo-brightway-manager";
    let all = test_app
        .column("SELECT id FROM customers WHERE member_id = $1", &member)
        .await;
    for sort in ["name", "updated_desc", "last_contact_desc"] {
        let items = walk(
            &test_app,
            &format!("/api/v1/customers?limit=7&sort={sort}"),
            token,
        )
        .await;
        let ids: Vec<String> = items.iter().map(|item| item.id.to_string()).collect();
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(ids.len(), all.len(), "{sort}: no gaps, no duplicates");
        assert_eq!(unique.len(), all.len(), "{sort}");
        for pair in items.windows(2) {
            let ordered = match sort {
                "name" => (&pair[0].name, pair[0].id) < (&pair[1].name, pair[1].id),
                "updated_desc" => {
                    (pair[0].updated_at, pair[0].id) > (pair[1].updated_at, pair[1].id)
                }
                _ => match (pair[0].last_contact_at, pair[1].last_contact_at) {
                    (Some(first), Some(second)) => (first, pair[0].id) > (second, pair[1].id),
                    (_, None) => true,
                    (None, Some(_)) => false,
                },
            };
            assert!(ordered, "{sort}: {} before {}", pair[0].name, pair[1].name);
        }
    }
    // Search and filters page as well.
    let items = walk(
        &test_app,
        "/api/v1/customers?limit=7&tier=transactional&q=gmbh",
        token,
    )
    .await;
    assert!(items.iter().all(|item| item.tier == Tier::Transactional));
}

#[tokio::test]
async fn bad_list_parameters_are_named_and_cursors_are_checked() {
    let world = world().await;
    let response = world
        .app
        .get(
            "/api/v1/customers?tier=gold&stage=x&owner=bob&country=DEU&sort=size&limit=500&q=%2A%2A",
            Some(OWNER),
        )
        .await;
    let problem = response.problem(StatusCode::UNPROCESSABLE_ENTITY, None);
    let fields: Vec<&str> = problem
        .errors
        .iter()
        .map(|error| error.field.as_str())
        .collect();
    assert_eq!(
        fields,
        ["q", "tier", "stage", "owner", "country", "sort", "limit"]
    );
    world
        .app
        .get("/api/v1/customers?cursor=nonsense", Some(OWNER))
        .await
        .problem(StatusCode::BAD_REQUEST, Some("cursor"));
    // A cursor of another sort is not accepted either.
    for name in ["A", "B", "C"] {
        create_customer(&world, OWNER, new_customer(name, json!({}))).await;
    }
    let page: CustomerPage = world.app.get_json("/api/v1/customers?limit=1", OWNER).await;
    let cursor = page.next_cursor.unwrap();
    world
        .app
        .get(
            &format!("/api/v1/customers?sort=updated_desc&cursor={cursor}"),
            Some(OWNER),
        )
        .await
        .problem(StatusCode::BAD_REQUEST, Some("cursor"));
    // FTS syntax typed by a user is searched for, never interpreted.
    for q in ["OR", "name%3AA", "%22A", "A%20NEAR%20B", "(A"] {
        let response = world
            .app
            .get(&format!("/api/v1/customers?q={q}"), Some(OWNER))
            .await;
        assert_eq!(response.status, StatusCode::OK, "{q}: {}", response.text());
    }
}
