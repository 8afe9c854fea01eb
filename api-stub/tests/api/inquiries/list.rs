//! `GET /inquiries`: every filter returns exactly the matching inquiries, counts
//! and totals, a rep's view, bad parameters, and the contract's in-memory filter
//! and order against the server's (orders and pages: `pages.rs`).

use std::collections::HashSet;

use axum::http::StatusCode;
use contract::inquiry::{InquiryPage, InquirySort, InquiryStatus, InquirySummary};
use contract::user::Me;
use time::format_description::well_known::Rfc3339;

use super::{OWNER, REP, ids, walk};
use crate::support::{TestApp, member_id};

/// Checks that `query` lists exactly the rows of `condition` (SQL over
/// `inquiries`, `?1` the member), in the default order, with their total.
async fn assert_filter(test_app: &TestApp, token: &str, query: &str, condition: &str) {
    let member = member_id(test_app, "Ningbo").await;
    let expected = test_app
        .column(
            &format!(
                "SELECT id FROM inquiries WHERE member_id = $1 AND ({condition})
                 ORDER BY received_at DESC, id DESC"
            ),
            &member,
        )
        .await;
    let (items, total, _) = walk(
        test_app,
        &format!("/api/v1/inquiries?limit=30&{query}"),
        token,
    )
    .await;
    assert_eq!(ids(&items), expected, "{query}");
    assert_eq!(total, expected.len() as u64, "{query}");
}

#[tokio::test]
async fn every_filter_returns_exactly_the_matching_inquiries() {
    let test_app = TestApp::seeded().await;
    let wang_fang = super::user_id(&test_app, "Wang Fang").await;
    let member = member_id(&test_app, "Ningbo").await;
    let middle: String = test_app
        .scalar(
            "SELECT received_at FROM inquiries WHERE member_id = $1 ORDER BY received_at
             LIMIT 1 OFFSET 150",
            &member,
        )
        .await;
    let middle_time = api_stub::stored::timestamp_from_text(&middle).unwrap();
    let week_later = middle_time + time::Duration::days(7);
    let from = middle_time.format(&Rfc3339).unwrap();
    let to = week_later.format(&Rfc3339).unwrap();
    let cases: Vec<(String, String)> =
        vec![
        ("status=new,quoted".into(), "status IN ('new', 'quoted')".into()),
        ("status=won".into(), "status = 'won'".into()),
        ("assignee=unassigned".into(), "assignee_id IS NULL".into()),
        (format!("assignee={wang_fang}"), format!("assignee_id = '{wang_fang}'")),
        ("unread=true".into(), "unread = 1".into()),
        ("unread=false".into(), "unread = 0".into()),
        ("score_min=60&score_max=89".into(), "score BETWEEN 60 AND 89".into()),
        ("score_max=10".into(), "score <= 10".into()),
        (format!("received_from={from}"), format!("received_at >= '{middle}'")),
        (
            format!("received_from={from}&received_to={to}"),
            format!(
                "received_at >= '{middle}' AND received_at < '{}'",
                api_stub::stored::timestamp_to_text(week_later)
            ),
        ),
        ("country=de".into(), "buyer_country = 'DE'".into()),
        (
            "tag=oem".into(),
            "id IN (SELECT inquiry_id FROM inquiry_tags WHERE tag = 'OEM')".into(),
        ),
        (
            "status=open,quoted&country=DE&unread=false&score_min=50".into(),
            "status IN ('open', 'quoted') AND buyer_country = 'DE' AND unread = 0 AND score >= 50"
                .into(),
        ),
    ];
    for (query, condition) in cases {
        assert_filter(&test_app, OWNER, &query, &condition).await;
    }
    for sort in ["score_desc", "due_asc", "received_asc"] {
        let (items, total, _) = walk(
            &test_app,
            &format!("/api/v1/inquiries?limit=30&sort={sort}&score_min=60&country=DE"),
            OWNER,
        )
        .await;
        assert!(
            items
                .iter()
                .all(|item| item.score >= 60 && item.buyer.country.as_str() == "DE")
        );
        assert_eq!(items.len() as u64, total, "{sort}");
    }
}

#[tokio::test]
async fn assignee_me_is_the_caller() {
    let test_app = TestApp::seeded().await;
    let li_wei = super::user_id(&test_app, "Li Wei").await;
    assert_filter(
        &test_app,
        REP,
        "assignee=me",
        &format!("assignee_id = '{li_wei}'"),
    )
    .await;
    let zhang_min = super::user_id(&test_app, "Zhang Min").await;
    assert_filter(
        &test_app,
        super::MANAGER,
        "assignee=me",
        &format!("assignee_id = '{zhang_min}'"),
    )
    .await;
}

#[tokio::test]
async fn status_counts_ignore_only_the_status_filter() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let page: InquiryPage = test_app
        .get_json(
            "/api/v1/inquiries?country=DE&status=new,open&limit=5",
            OWNER,
        )
        .await;
    let statuses: Vec<InquiryStatus> = page
        .status_counts
        .iter()
        .map(|count| count.status)
        .collect();
    assert_eq!(
        statuses,
        InquiryStatus::ALL,
        "every status, in workflow order"
    );
    let mut sum_of_selected = 0;
    for count in &page.status_counts {
        let expected: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM inquiries WHERE member_id = $1 AND buyer_country = 'DE'
             AND status = $2",
        )
        .bind(&member)
        .bind(count.status.as_str())
        .fetch_one(&test_app.pool)
        .await
        .unwrap();
        assert_eq!(count.count, expected as u64, "{}", count.status);
        if matches!(count.status, InquiryStatus::New | InquiryStatus::Open) {
            sum_of_selected += count.count;
        }
    }
    assert_eq!(page.total, sum_of_selected);
    assert!(page.total > 0 && page.total < 300);
}

#[tokio::test]
async fn a_rep_sees_only_inquiries_assigned_to_them() {
    let test_app = TestApp::seeded().await;
    for token in [REP, super::REP2, "demo-evergreen-rep"] {
        let me: Me = test_app.get_json("/api/v1/me", token).await;
        let expected = test_app
            .column(
                "SELECT id FROM inquiries WHERE assignee_id = $1",
                &me.user.id.to_string(),
            )
            .await;
        assert!(!expected.is_empty(), "{token} has work");
        let (items, total, _) = walk(&test_app, "/api/v1/inquiries?limit=25", token).await;
        assert_eq!(total as usize, expected.len(), "{token}");
        assert!(
            items
                .iter()
                .all(|item| item.assignee.as_ref().map(|user| user.id) == Some(me.user.id))
        );
        let seen: HashSet<String> = ids(&items).into_iter().collect();
        assert_eq!(seen, expected.into_iter().collect::<HashSet<_>>());
        let page: InquiryPage = test_app.get_json("/api/v1/inquiries?limit=1", token).await;
        let counted: u64 = page.status_counts.iter().map(|count| count.count).sum();
        assert_eq!(counted, total, "{token}: counts are the rep's own too");
        let unassigned: InquiryPage = test_app
            .get_json("/api/v1/inquiries?assignee=unassigned", token)
            .await;
        assert_eq!(unassigned.total, 0);
    }
}

#[tokio::test]
async fn bad_parameters_are_named() {
    let test_app = TestApp::seeded().await;
    let cases = [
        ("status=new,pending", "status"),
        ("assignee=bob", "assignee"),
        ("unread=yes", "unread"),
        ("score_min=101", "score_min"),
        ("score_min=80&score_max=20", "score_min"),
        ("received_from=yesterday", "received_from"),
        (
            "received_from=2026-11-22T00:00:00Z&received_to=2026-11-01T00:00:00Z",
            "received_from",
        ),
        ("country=Germany", "country"),
        ("sort=random", "sort"),
        ("limit=0", "limit"),
        ("colour=red", "colour"),
        ("tag=", "none"),
    ];
    for (query, field) in cases {
        let response = test_app
            .get(&format!("/api/v1/inquiries?{query}"), Some(OWNER))
            .await;
        if field == "none" {
            // Empty values count as absent.
            assert_eq!(response.status, StatusCode::OK, "{query}");
        } else {
            response.problem(StatusCode::UNPROCESSABLE_ENTITY, Some(field));
        }
    }
    let long = "x".repeat(201);
    test_app
        .get(&format!("/api/v1/inquiries?q={long}"), Some(OWNER))
        .await
        .problem(StatusCode::UNPROCESSABLE_ENTITY, Some("q"));
    test_app
        .get("/api/v1/inquiries?status=new&status=open", Some(OWNER))
        .await
        .problem(StatusCode::BAD_REQUEST, Some("status"));
}

/// The contract's in-memory filter and order (what the widgets apply to their
/// cache) give exactly the server's list, for every filter and order, for a
/// manager and for a rep (who sees only their own).
#[tokio::test]
async fn the_contracts_filter_and_order_agree_with_the_server() {
    let test_app = TestApp::seeded().await;
    let wang_fang = super::user_id(&test_app, "Wang Fang").await;
    for token in [OWNER, REP] {
        let me: Me = test_app.get_json("/api/v1/me", token).await;
        let (everything, ..) = walk(&test_app, "/api/v1/inquiries?limit=200", token).await;
        let middle = everything[everything.len() / 2]
            .received_at
            .format(&Rfc3339)
            .unwrap();
        let mut queries = vec![
            "status=new,quoted".to_owned(),
            "unread=true&score_max=69".to_owned(),
            format!("received_from={middle}&score_min=30"),
            format!("received_to={middle}"),
            "status=open,quoted,won&unread=false&score_min=50".to_owned(),
        ];
        if token == REP {
            queries.push("assignee=me&unread=false".to_owned());
        } else {
            queries.extend([
                "assignee=unassigned".to_owned(),
                // The owner takes no inquiries: none are theirs.
                "assignee=me".to_owned(),
                format!("assignee={wang_fang}&score_min=40"),
                "country=de".to_owned(),
                "tag=oem".to_owned(),
            ]);
        }
        for query in queries {
            let parsed = contract::inquiry::InquiryListQuery::from_pairs(
                query.split('&').filter_map(|pair| pair.split_once('=')),
            )
            .unwrap();
            for sort in InquirySort::ALL {
                let path = format!("/api/v1/inquiries?limit=200&{query}&sort={}", sort.as_str());
                let (served, ..) = walk(&test_app, &path, token).await;
                let mut mine: Vec<&InquirySummary> = everything
                    .iter()
                    .filter(|inquiry| parsed.filter.accepts(inquiry, Some(me.user.id)))
                    .collect();
                mine.sort_by_key(|inquiry| sort.key(inquiry));
                let mine: Vec<String> = mine.iter().map(|inquiry| inquiry.id.to_string()).collect();
                assert!(
                    !served.is_empty() || query == "assignee=me",
                    "{token} {path} lists something"
                );
                assert_eq!(mine, ids(&served), "{token} {path}");
            }
        }
    }
}
