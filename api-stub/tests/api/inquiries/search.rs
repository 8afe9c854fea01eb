//! `GET /inquiries?q=`: words in subject, message, buyer and product; every word
//! must occur, the last may be a prefix; case and diacritics do not matter;
//! Chinese matches any run of characters; nothing typed is FTS5 syntax.

use axum::http::StatusCode;
use contract::inquiry::{IngestedInquiry, InquiryPage};
use serde_json::json;

use super::{OWNER, REP2, ids, ingest, new_inquiry, walk};
use crate::support::{TestApp, member_id};

/// The ids `q` finds for the owner (percent-encode `q` yourself).
async fn search(test_app: &TestApp, q: &str) -> Vec<String> {
    let (items, total, _) = walk(
        test_app,
        &format!("/api/v1/inquiries?limit=100&q={q}"),
        OWNER,
    )
    .await;
    assert_eq!(items.len() as u64, total, "{q}");
    ids(&items)
}

/// Ingests an inquiry for Brightway with these buyer, subject and message texts.
async fn ingest_text(
    test_app: &TestApp,
    key: &str,
    company: &str,
    subject: &str,
    message: &str,
) -> String {
    let member = member_id(test_app, "Ningbo").await;
    let mut body = new_inquiry(&member, key);
    body["buyer"]["company"] = json!(company);
    body["buyer"]["email"] = json!(format!("{key}@{key}.example"));
    body["subject"] = json!(subject);
    body["message"] = json!(message);
    let response = ingest(test_app, &body).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json::<IngestedInquiry>().inquiry_id.to_string()
}

#[tokio::test]
async fn words_match_in_any_field_case_and_diacritics_ignored() {
    let test_app = TestApp::seeded().await;
    let id = ingest_text(
        &test_app,
        "luedenscheid",
        "Lüdenscheider Lichttechnik GmbH",
        "Anfrage Hallenbeleuchtung",
        "Wir benötigen Strahler für eine Sporthalle in Lüdenscheid.",
    )
    .await;
    for q in [
        "ludenscheider",
        "LÜDENSCHEIDER",
        "lüdensch",
        "hallenbeleuchtung",
        "sporthalle%20ludenscheid",
        "Lichttechnik%20sporthalle",
        "luedenscheid.example",
        "panel",
    ] {
        assert!(search(&test_app, q).await.contains(&id), "{q}");
    }
    // Every word must occur; only the last is a prefix.
    for q in ["ludensch%20gmbh", "lichttechnik%20bratpfanne", "zzzz"] {
        assert!(!search(&test_app, q).await.contains(&id), "{q}");
    }
}

#[tokio::test]
async fn chinese_matches_any_run_of_characters() {
    let test_app = TestApp::seeded().await;
    let id = ingest_text(
        &test_app,
        "shenzhen",
        "深圳光明照明有限公司",
        "询价：太阳能路灯",
        "您好，我们想采购太阳能路灯，请报FOB宁波价格。",
    )
    .await;
    for q in [
        "太阳能",
        "路灯",
        "阳能路",
        "光明照明",
        "采购",
        "太阳能路灯%20FOB",
    ] {
        let found = search(&test_app, q).await;
        assert!(found.contains(&id), "{q}");
    }
    for q in ["灯路", "月亮"] {
        assert!(!search(&test_app, q).await.contains(&id), "{q}");
    }
    // The seeded Chinese buyers are found the same way.
    let member = member_id(&test_app, "Ningbo").await;
    let expected = test_app
        .column(
            "SELECT id FROM inquiries WHERE member_id = $1 AND (message LIKE '%宁波%' OR subject LIKE '%宁波%')",
            &member,
        )
        .await;
    let mut found = search(&test_app, "宁波").await;
    found.sort();
    let mut expected = expected;
    expected.sort();
    assert_eq!(found, expected);
}

#[tokio::test]
async fn seeded_buyers_are_found_by_name_e_mail_and_product() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let muller = test_app
        .column(
            "SELECT id FROM inquiries WHERE member_id = $1 AND buyer_company = 'Müller Handels GmbH'",
            &member,
        )
        .await;
    assert!(!muller.is_empty());
    let found = search(&test_app, "muller%20handels").await;
    assert!(muller.iter().all(|id| found.contains(id)));
    let klaus = search(&test_app, "k.mueller%40mueller-handels.de").await;
    let expected = test_app
        .column(
            "SELECT id FROM inquiries WHERE member_id = $1 AND buyer_email = 'k.mueller@mueller-handels.de'",
            &member,
        )
        .await;
    assert_eq!(klaus.len(), expected.len());
    let floodlights = search(&test_app, "floodlight").await;
    assert!(!floodlights.is_empty());
    for id in floodlights {
        let text: String = test_app
            .scalar(
                "SELECT coalesce(product_name, '') || subject || message FROM inquiries WHERE id = $1",
                &id,
            )
            .await;
        assert!(text.to_lowercase().contains("floodlight"), "{text}");
    }
}

#[tokio::test]
async fn nothing_typed_is_search_syntax() {
    let test_app = TestApp::seeded().await;
    for q in [
        "%22",
        "NEAR(led%20panel)",
        "led%20OR%20panel",
        "led%20AND",
        "NOT%20led",
        "*",
        "subject%3Aled",
        "-led",
        "%5Eled",
        "led%22%20OR%20%22x",
        "(((",
    ] {
        let response = test_app
            .get(&format!("/api/v1/inquiries?q={q}"), Some(OWNER))
            .await;
        assert_eq!(response.status, StatusCode::OK, "{q}: {}", response.text());
    }
    // "OR" is a word to find, not an operator: "led OR panel" needs all three words.
    let or = search(&test_app, "led%20OR%20panel").await;
    let and = search(&test_app, "led%20panel").await;
    assert!(or.len() < and.len());
}

#[tokio::test]
async fn a_search_without_letters_or_digits_finds_nothing() {
    let test_app = TestApp::seeded().await;
    let page: InquiryPage = test_app
        .get_json("/api/v1/inquiries?q=%21%3F%20...", OWNER)
        .await;
    assert_eq!(
        (page.total, page.items.len(), page.next_cursor),
        (0, 0, None)
    );
    assert!(page.status_counts.iter().all(|count| count.count == 0));
}

#[tokio::test]
async fn a_search_combines_with_filters_counts_and_the_rep_s_scope() {
    let test_app = TestApp::seeded().await;
    let page: InquiryPage = test_app
        .get_json("/api/v1/inquiries?q=led&status=open&limit=200", OWNER)
        .await;
    assert!(
        page.items
            .iter()
            .all(|item| item.status == contract::inquiry::InquiryStatus::Open)
    );
    let all_statuses: InquiryPage = test_app
        .get_json("/api/v1/inquiries?q=led&limit=1", OWNER)
        .await;
    assert_eq!(page.status_counts, all_statuses.status_counts);
    let wang_fang = super::user_id(&test_app, "Wang Fang").await;
    let (mine, ..) = walk(&test_app, "/api/v1/inquiries?q=led&limit=50", REP2).await;
    assert!(mine.iter().all(
        |item| item.assignee.as_ref().map(|user| user.id.to_string()) == Some(wang_fang.clone())
    ));
}
