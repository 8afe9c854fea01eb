//! `GET /api/v1/customers/export` and `POST /api/v1/customers/import`: the
//! export is the member's whole customer base; an import is previewed by a dry
//! run, writes nothing while any line has a problem (each named by line and
//! column), writes everything in one go otherwise, and an export imported again
//! changes nothing.

use axum::http::{Method, StatusCode};
use contract::customer::csv;
use contract::customer::import::{CustomerExport, ImportOutcome, ImportReport};
use contract::customer::{CustomerPage, CustomerSource, Tier};
use serde_json::json;

use super::{OTHER, OWNER, REP, World, create_customer, new_customer, send, world};

async fn import(world: &World, token: &str, text: &str, dry_run: bool) -> (StatusCode, String) {
    let response = send(
        &world.app,
        Method::POST,
        "/api/v1/customers/import",
        token,
        None,
        Some(&json!({ "csv": text, "dry_run": dry_run })),
    )
    .await;
    (response.status, response.text())
}

async fn count(world: &World, table: &str) -> i64 {
    sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM {table} WHERE {}",
        if table == "customers" {
            "member_id = $1"
        } else {
            "customer_id IN (SELECT id FROM customers WHERE member_id = $1)"
        }
    ))
    .bind(&world.member)
    .fetch_one(&world.app.pool)
    .await
    .unwrap()
}

const GOOD: &str = "name,country,tier,stage,owner,tags,contact_name,contact_emails,contact_role\r\n\
    Sunrise Trading LLC,AE,partnership,prospect,Rita Rep,led; vip,Omar Haddad,omar@sunrise-trading.ae,procurement\r\n\
    Lumen Distribución S.L.,ES,,,,,,,\r\n\
    Sunrise Trading LLC,AE,,,,,Layla Haddad,layla@sunrise-trading.ae,decision_maker\r\n";

#[tokio::test]
async fn a_dry_run_previews_and_an_import_creates_everything_in_one_go() {
    let world = world().await;
    let (status, text) = import(&world, OWNER, GOOD, true).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let preview: ImportReport = serde_json::from_str(&text).unwrap();
    assert!(preview.dry_run);
    assert_eq!(preview.errors, []);
    assert_eq!(preview.created, 2);
    assert_eq!(
        preview
            .customers
            .iter()
            .map(|c| (c.line, c.contacts, c.outcome))
            .collect::<Vec<_>>(),
        [(2, 2, ImportOutcome::Create), (3, 0, ImportOutcome::Create)]
    );
    assert_eq!(
        count(&world, "customers").await,
        0,
        "a dry run writes nothing"
    );

    let (status, text) = import(&world, OWNER, GOOD, false).await;
    assert_eq!(status, StatusCode::CREATED, "{text}");
    let report: ImportReport = serde_json::from_str(&text).unwrap();
    assert_eq!(report.created, 2);
    let sunrise_id = report.customers[0].id.expect("created");
    let sunrise: contract::customer::Customer = world
        .app
        .get_json(&format!("/api/v1/customers/{sunrise_id}"), OWNER)
        .await;
    assert_eq!(sunrise.summary.tier, Tier::Partnership);
    assert_eq!(
        sunrise
            .summary
            .owner
            .as_ref()
            .map(|owner| owner.id.to_string()),
        Some(world.rep.clone())
    );
    assert_eq!(sunrise.summary.tags, ["led", "vip"]);
    assert_eq!(sunrise.source, CustomerSource::Import);
    assert_eq!(
        sunrise
            .contacts
            .iter()
            .map(|contact| contact.name.as_str())
            .collect::<Vec<_>>(),
        ["Omar Haddad", "Layla Haddad"]
    );
    let lumen: contract::customer::Customer = world
        .app
        .get_json(
            &format!("/api/v1/customers/{}", report.customers[1].id.unwrap()),
            OWNER,
        )
        .await;
    assert_eq!(
        lumen
            .summary
            .owner
            .as_ref()
            .map(|owner| owner.id.to_string()),
        Some(world.owner.clone()),
        "the caller by default"
    );
    // The change feed carries them, so the widgets' caches get them.
    let feed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM change_log WHERE entity = 'customer' AND member_id = $1",
    )
    .bind(&world.member)
    .fetch_one(&world.app.pool)
    .await
    .unwrap();
    assert_eq!(feed, 2);
    // Search finds them by a contact's e-mail.
    let found: CustomerPage = world
        .app
        .get_json("/api/v1/customers?q=layla%40sunrise", OWNER)
        .await;
    assert_eq!(
        found.items.iter().map(|item| item.id).collect::<Vec<_>>(),
        [sunrise_id]
    );
}

#[tokio::test]
async fn a_file_with_problems_names_each_and_imports_nothing() {
    let world = world().await;
    let text = "name,country,size,owner,contact_name,contact_emails,contact_phones\n\
                Good Co,DE,,,,,\n\
                ,Germany,huge,Nobody Known,Klaus,klaus-at-example,call me\n\
                Fine Co,FR,small,Ian Gone,,,\n";
    let (status, body) = import(&world, OWNER, text, true).await;
    assert_eq!(status, StatusCode::OK);
    let preview: ImportReport = serde_json::from_str(&body).unwrap();
    let found: Vec<(u32, &str)> = preview
        .errors
        .iter()
        .map(|error| (error.line, error.column.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (3, "contact_emails"),
            (3, "contact_phones"),
            (3, "country"),
            (3, "size"),
            (3, "name"),
            (3, "owner"),
            (4, "owner"),
        ]
    );
    assert_eq!(
        preview
            .customers
            .iter()
            .map(|c| c.outcome)
            .collect::<Vec<_>>(),
        [
            ImportOutcome::Create,
            ImportOutcome::Invalid,
            ImportOutcome::Invalid
        ]
    );
    let (status, body) = import(&world, OWNER, text, false).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let problem: contract::problem::Problem = serde_json::from_str(&body).unwrap();
    assert_eq!(problem.errors[0].field, "/csv/3/contact_emails");
    assert_eq!(problem.errors.len(), 7);
    assert_eq!(
        count(&world, "customers").await,
        0,
        "not even the good line"
    );
    assert_eq!(count(&world, "contacts").await, 0);

    // A rep imports customers they own, not a colleague's.
    let (status, body) = import(
        &world,
        REP,
        "name,country,owner\nMine,DE,Rita Rep\nTheirs,DE,Rob Rep\n",
        false,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("/csv/3/owner"), "{body}");
    // An empty or header-only file says so.
    for text in ["", "name,country\n", "title\nx\n"] {
        let (status, body) = import(&world, OWNER, text, false).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{text}: {body}");
    }
}

#[tokio::test]
async fn the_export_is_the_members_whole_base_and_imported_again_changes_nothing() {
    let world = world().await;
    create_customer(&world, OWNER, new_customer("Nordlicht Handel GmbH", json!({
        "contacts": [{ "name": "Ute Nord", "buying_role": "decision_maker", "emails": ["ute@nordlicht.example"] }]
    }))).await;
    create_customer(&world, OWNER, new_customer("=cmd|' /C calc'!A0", json!({}))).await;
    create_customer(&world, OTHER, new_customer("Not Ours Ltd", json!({}))).await;

    let export: CustomerExport = world.app.get_json("/api/v1/customers/export", OWNER).await;
    let names: Vec<&str> = export
        .items
        .iter()
        .map(|customer| customer.summary.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["=cmd|' /C calc'!A0", "Nordlicht Handel GmbH"],
        "by name, only the member's"
    );
    assert_eq!(export.items[1].contacts[0].name, "Ute Nord");

    // Written as the widgets write it, and read back: nothing new.
    let rows: Vec<Vec<String>> = export.items.iter().flat_map(csv::rows_of).collect();
    let text = csv::write(&rows);
    assert!(text.contains("\"'=cmd|"), "a formula is defused: {text}");
    let (status, body) = import(&world, OWNER, &text, false).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let report: ImportReport = serde_json::from_str(&body).unwrap();
    assert_eq!(report.created, 0);
    assert!(
        report
            .customers
            .iter()
            .all(|customer| customer.outcome == ImportOutcome::Exists)
    );
    assert_eq!(count(&world, "customers").await, 2);

    // Another member importing the same file gets new customers of its own.
    let (status, body) = import(&world, OTHER, &text, false).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the owner is not theirs: {body}"
    );
}
