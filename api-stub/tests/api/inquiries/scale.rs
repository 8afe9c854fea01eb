//! The inbox over the bulk data: every filter and order of the list pages through
//! thousands of generated inquiries with pages that continue exactly. How fast is
//! measured by `cargo xtask bench`, not here.

use api_stub::seed::{BulkOptions, seed_bulk};
use contract::inquiry::InquiryPage;
use time::OffsetDateTime;

use crate::inquiries::OWNER;
use crate::support::TestApp;

#[tokio::test]
async fn every_filter_pages_exactly_over_the_bulk_data() {
    let test_app = TestApp::seeded().await;
    let options = BulkOptions {
        inquiries: 6_000,
        members: 1,
        years: 2,
    };
    seed_bulk(
        &test_app.pool,
        OffsetDateTime::now_utc(),
        options,
        &mut |_| {},
    )
    .await
    .unwrap();
    let rep_user = test_app
        .scalar("SELECT id FROM users WHERE name = $1", "Li Wei")
        .await;
    // A week of the bulk data's history.
    let week = |days: i64| {
        (OffsetDateTime::now_utc() - time::Duration::days(days))
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    let (week_start, week_end) = (week(200), week(193));
    let requests = [
        String::new(),
        "sort=received_asc".into(),
        "sort=score_desc".into(),
        "sort=due_asc".into(),
        "status=new".into(),
        "status=new,open,quoted".into(),
        "status=new,open&sort=due_asc".into(),
        "assignee=unassigned".into(),
        format!("assignee={rep_user}"),
        "unread=true".into(),
        "score_min=60".into(),
        "score_min=90&sort=score_desc".into(),
        format!("received_from={week_start}&received_to={week_end}"),
        "country=DE".into(),
        "tag=sample".into(),
        "tag=urgent".into(),
        "q=panel".into(),
        "q=floodlight+ip66".into(),
        "q=muller".into(),
        "status=open&country=DE&unread=false&score_min=50&sort=score_desc".into(),
    ];
    for token in [OWNER, "demo-brightway-rep"] {
        for request in &requests {
            let path = format!("/api/v1/inquiries?limit=50&{request}");
            let first: InquiryPage = test_app.get_json(&path, token).await;
            let Some(cursor) = &first.next_cursor else {
                assert!(
                    first.total <= 50,
                    "{request}: no next page of {}",
                    first.total
                );
                continue;
            };
            assert_eq!(first.items.len(), 50, "{request}");
            let next: InquiryPage = test_app
                .get_json(&format!("{path}&cursor={cursor}"), token)
                .await;
            assert_eq!(next.total, first.total, "{request}");
            assert!(
                next.items.iter().all(|item| !first.items.contains(item)),
                "{request}: the next page repeats"
            );
            assert_eq!(
                next.items.len(),
                usize::try_from(first.total.min(100) - 50).unwrap(),
                "{request}"
            );
        }
    }
    // The unfiltered owner's list holds thousands.
    let all: InquiryPage = test_app.get_json("/api/v1/inquiries?limit=1", OWNER).await;
    assert!(all.total > 3_000, "{}", all.total);
}
