//! How an ingested inquiry is linked to a customer, scored and assigned.

use contract::customer::Customer;
use contract::inquiry::{AssignmentRule, Inquiry, ScoreSignal};
use serde_json::{Value, json};

use super::{ingested, signals};
use crate::inquiries::{OWNER, new_inquiry, user_id};
use crate::support::{TestApp, member_id};

#[tokio::test]
async fn buyers_are_linked_by_e_mail_then_domain_then_company_name() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let mueller = api_stub::seed::MUELLER_HANDELS_CUSTOMER_ID;
    let cases = [
        (
            "K.Mueller@Mueller-Handels.de",
            "",
            "a contact's address, any case",
        ),
        (
            "new.buyer@mueller-handels.de",
            "Someone Else GmbH",
            "the company domain",
        ),
        (
            "mh.einkauf@gmail.com",
            "müller handels gmbh",
            "the company name",
        ),
    ];
    for (index, (email, company, how)) in cases.into_iter().enumerate() {
        let mut body = new_inquiry(&member, &format!("TB-LINK-{index}"));
        body["buyer"]["email"] = json!(email);
        body["buyer"]["company"] = json!(company);
        body["buyer"]["country"] = json!("DE");
        let result = ingested(&test_app, &body).await;
        assert_eq!(result.customer_id.to_string(), mueller, "{how}");
        assert!(result.returning_customer, "{how}");
        let known = result
            .score_reasons
            .iter()
            .find(|reason| reason.signal == ScoreSignal::KnownCustomer)
            .unwrap();
        assert_eq!(known.detail, "Müller Handels GmbH has ordered before");
        assert_eq!(result.assignment.rule, AssignmentRule::StickyOwner, "{how}");
        assert_eq!(result.assignment.assignee.as_ref().unwrap().name, "Li Wei");
        assert_eq!(
            result.assignment.explanation,
            "Li Wei owns returning customer Müller Handels GmbH"
        );
    }
    // Free mail never links by domain: two gmail buyers are two customers.
    let mut first = new_inquiry(&member, "TB-GMAIL-1");
    first["buyer"]["email"] = json!("alpha.buyer@gmail.com");
    first["buyer"]["company"] = json!("Alpha Trading");
    let mut second = new_inquiry(&member, "TB-GMAIL-2");
    second["buyer"]["email"] = json!("beta.buyer@gmail.com");
    second["buyer"]["company"] = json!("Beta Trading");
    let first = ingested(&test_app, &first).await;
    let second = ingested(&test_app, &second).await;
    assert_ne!(first.customer_id, second.customer_id);
    assert!(!second.returning_customer);
    // A buyer without a company becomes a customer under their own name, and the
    // next inquiry from them finds it and goes to the same rep.
    let mut person = new_inquiry(&member, "TB-PERSON-1");
    person["buyer"]["email"] = json!("sam.lee@outlook.com");
    person["buyer"]["company"] = json!("");
    let created = ingested(&test_app, &person).await;
    let customer: Customer = test_app
        .get_json(&format!("/api/v1/customers/{}", created.customer_id), OWNER)
        .await;
    assert_eq!(customer.summary.name, "Pat Quinn");
    person["portal_inquiry_id"] = json!("TB-PERSON-2");
    let again = ingested(&test_app, &person).await;
    assert_eq!(again.customer_id, created.customer_id);
    assert_eq!(again.assignment.rule, AssignmentRule::StickyOwner);
    assert_eq!(again.assignment.assignee, created.assignment.assignee);
}

#[tokio::test]
async fn the_score_says_why() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let mut junk = new_inquiry(&member, "TB-JUNK-1");
    junk["kind"] = json!("company");
    junk["product"] = Value::Null;
    junk["buyer"]["email"] = json!("winner.2291@yahoo.com");
    junk["buyer"]["company"] = json!("");
    junk["requirement"] = json!({ "sample_wanted": false, "oem": false });
    junk["subject"] = json!("Business proposal");
    junk["message"] = json!("Dear friend, see http://cheap-traffic.example/offer now");
    let first = ingested(&test_app, &junk).await;
    assert_eq!(
        signals(&first),
        [
            ScoreSignal::FreeMailDomain,
            ScoreSignal::EmptyCompany,
            ScoreSignal::MissingQuantity,
            ScoreSignal::LinkOnly
        ]
    );
    assert_eq!(first.score, 0);
    junk["portal_inquiry_id"] = json!("TB-JUNK-2");
    junk["buyer"]["email"] = json!("winner.2292@yahoo.com");
    let second = ingested(&test_app, &junk).await;
    assert!(signals(&second).contains(&ScoreSignal::RepeatedText));

    let mut detailed = new_inquiry(&member, "TB-DETAILED");
    detailed["buyer"]["verified"] = json!(true);
    detailed["requirement"] = json!({
        "quantity": { "value": "2000", "unit": "piece" },
        "target_price": { "amount": "10.90", "currency": "USD" },
        "incoterm": "CIF",
        "destination": { "country": "US", "place": "Boston" },
        "sample_wanted": true,
        "oem": false
    });
    let result = ingested(&test_app, &detailed).await;
    assert_eq!(
        signals(&result),
        [
            ScoreSignal::VerifiedBuyer,
            ScoreSignal::CompanyDomain,
            ScoreSignal::QuantityStated,
            ScoreSignal::DetailedRequirement
        ]
    );
    assert_eq!(result.score, 75);
    let detail = &result.score_reasons[3].detail;
    assert!(
        detail.contains("10.9 USD") && detail.contains("CIF") && detail.contains("Boston"),
        "{detail}"
    );
    let inquiry: Inquiry = test_app
        .get_json(&format!("/api/v1/inquiries/{}", result.inquiry_id), OWNER)
        .await;
    assert!(inquiry.requirement.sample_wanted);
    assert_eq!(
        inquiry.requirement.target_price.unwrap().amount.to_string(),
        "10.90"
    );
}

#[tokio::test]
async fn assignment_follows_the_member_s_rules() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    // A German walk-in goes to Li Wei (country rule).
    let mut german = new_inquiry(&member, "TB-RULE-DE");
    german["buyer"]["country"] = json!("de");
    german["buyer"]["email"] = json!("einkauf@neue-leuchten.example");
    german["buyer"]["company"] = json!("Neue Leuchten AG");
    let result = ingested(&test_app, &german).await;
    assert_eq!(result.assignment.rule, AssignmentRule::Country);
    assert_eq!(
        result.assignment.explanation,
        "Li Wei covers buyers from DE"
    );
    // High bays from France go to Wang Fang (category rule).
    let mut high_bay = new_inquiry(&member, "TB-RULE-HB");
    high_bay["buyer"]["country"] = json!("FR");
    high_bay["buyer"]["email"] = json!("achat@entrepot-lumiere.example");
    high_bay["buyer"]["company"] = json!("Entrepôt Lumière");
    high_bay["product"] =
        json!({ "name": "UFO LED High Bay 150W", "category": "LED high bay lights" });
    let result = ingested(&test_app, &high_bay).await;
    assert_eq!(result.assignment.rule, AssignmentRule::ProductCategory);
    assert_eq!(
        result.assignment.assignee.as_ref().unwrap().name,
        "Wang Fang"
    );
    // The category can come from the catalog by product id.
    let product_id = test_app
        .scalar(
            "SELECT id FROM products WHERE member_id = $1 AND category = 'LED high bay lights' LIMIT 1",
            &member,
        )
        .await;
    high_bay["portal_inquiry_id"] = json!("TB-RULE-HB-2");
    high_bay["buyer"]["email"] = json!("achat@autre-entrepot.example");
    high_bay["buyer"]["company"] = json!("Autre Entrepôt");
    high_bay["product"] = json!({ "product_id": product_id, "name": "UFO" });
    let result = ingested(&test_app, &high_bay).await;
    assert_eq!(result.assignment.rule, AssignmentRule::ProductCategory);
    // Anyone else: the rep with the fewest active inquiries.
    let busy: Vec<(String, i64)> = sqlx::query_as(
        "SELECT u.name, (SELECT COUNT(*) FROM inquiries i WHERE i.assignee_id = u.id
                          AND i.status IN ('new', 'open', 'quoted')) AS busy
         FROM users u WHERE u.member_id = $1 AND u.role = 'rep' AND u.active = 1
         ORDER BY busy, u.name, u.id",
    )
    .bind(&member)
    .fetch_all(&test_app.pool)
    .await
    .unwrap();
    let result = ingested(&test_app, &new_inquiry(&member, "TB-RULE-US")).await;
    assert_eq!(result.assignment.rule, AssignmentRule::LeastBusy);
    assert_eq!(result.assignment.assignee.as_ref().unwrap().name, busy[0].0);
    assert_eq!(
        result.assignment.explanation,
        format!(
            "{} has the fewest active inquiries ({}) among 3 sales reps",
            busy[0].0, busy[0].1
        )
    );
}

#[tokio::test]
async fn an_inactive_owner_is_passed_over_and_mentioned() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Ningbo").await;
    let li_wei = user_id(&test_app, "Li Wei").await;
    sqlx::query("UPDATE users SET active = 0 WHERE id = $1")
        .bind(&li_wei)
        .execute(&test_app.pool)
        .await
        .unwrap();
    let mut body = new_inquiry(&member, "TB-INACTIVE");
    body["buyer"]["email"] = json!("k.mueller@mueller-handels.de");
    body["buyer"]["country"] = json!("DE");
    let result = ingested(&test_app, &body).await;
    assert_eq!(result.assignment.rule, AssignmentRule::LeastBusy);
    let explanation = &result.assignment.explanation;
    assert!(
        explanation.contains("Li Wei owns returning customer Müller Handels GmbH but is inactive")
            && explanation.contains("Li Wei covers buyers from DE but is inactive")
            && explanation.contains("among 2 sales reps"),
        "{explanation}"
    );
    assert_ne!(result.assignment.assignee.unwrap().name, "Li Wei");
}

#[tokio::test]
async fn round_robin_takes_turns() {
    let test_app = TestApp::seeded().await;
    let member = member_id(&test_app, "Yiwu").await;
    sqlx::query(
        "INSERT INTO users (id, member_id, name, email, role, language)
         VALUES ('00000000-0000-4000-8000-00000000aaaa', $1, 'Zhou Ping', 'zhou.ping@evergreen.example', 'rep', 'en')",
    )
    .bind(&member)
    .execute(&test_app.pool)
    .await
    .unwrap();
    let mut names = Vec::new();
    for index in 0..3 {
        let mut body = new_inquiry(&member, &format!("TB-RR-{index}"));
        body["buyer"]["email"] = json!(format!("buyer{index}@round-robin-{index}.example"));
        body["buyer"]["company"] = json!(format!("Round Robin Buyer {index}"));
        let result = ingested(&test_app, &body).await;
        assert_eq!(result.assignment.rule, AssignmentRule::RoundRobin);
        assert!(
            result
                .assignment
                .explanation
                .ends_with("is next in turn among 2 sales reps")
        );
        names.push(result.assignment.assignee.unwrap().name);
    }
    // The seed's last turn was Sun Yue's.
    assert_eq!(names, ["Zhou Ping", "Sun Yue", "Zhou Ping"]);
}
