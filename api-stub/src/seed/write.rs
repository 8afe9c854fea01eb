//! Inserting one demo member, its people, customers and inquiries (with their
//! threads, search rows, score reasons and assignment histories), its assignment
//! rules, and the portal's demo service token.

use sqlx::Transaction;
use time::{Duration, OffsetDateTime};

use contract::inquiry::AssignmentRule;

use super::generate::{GeneratedInquiry, assignment_rules};
use super::{MemberSeed, SeedCounts, stable_id};
use crate::auth::token_hash;
use crate::search::{self, search_text};
use crate::sql::Db;
use crate::stored::{enum_to_text, timestamp_to_text};
use crate::text::{company_email_domain, message_fingerprint, preview};

/// The portal's demo service token for `POST /ingest/inquiries` (demo only).
pub(super) const DEMO_PORTAL_TOKEN: &str = "demo-portal-service-token";

/// How long a buyer waits for a first answer before the inquiry is overdue.
const RESPONSE_TARGET: Duration = Duration::hours(24);

/// How long ago the demo customers were first recorded.
const CUSTOMER_HISTORY: Duration = Duration::days(400);

pub(super) async fn member(
    transaction: &mut Transaction<'_, Db>,
    member: &MemberSeed,
    inquiries: &[GeneratedInquiry],
    now: OffsetDateTime,
    counts: &mut SeedCounts,
) -> Result<(), sqlx::Error> {
    let member_id = member.id().to_string();
    sqlx::query(
        "INSERT INTO members (id, name, currency, response_target_hours) VALUES ($1, $2, 'USD', 24)",
    )
    .bind(&member_id)
    .bind(member.name)
    .execute(&mut **transaction)
    .await?;
    counts.members += 1;
    let portal_token = sqlx::query(
        "INSERT INTO portal_tokens (token_sha256, label, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (token_sha256) DO NOTHING",
    )
    .bind(token_hash(DEMO_PORTAL_TOKEN))
    .bind("TradeBridge demo portal")
    .bind(timestamp_to_text(now))
    .execute(&mut **transaction)
    .await?;
    // The token is the portal's, not a member's: only the first member writes it.
    if portal_token.rows_affected() == 1 {
        counts.tokens += 1;
    }

    for &(key, name, email, role, language, token) in member.users {
        let user_id = member.user_id(key).to_string();
        sqlx::query(
            "INSERT INTO users (id, member_id, name, email, role, language) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&user_id)
        .bind(&member_id)
        .bind(name)
        .bind(email)
        .bind(enum_to_text(&role))
        .bind(language.tag())
        .execute(&mut **transaction)
        .await?;
        counts.users += 1;
        if let Some(token) = token {
            sqlx::query(
                "INSERT INTO api_tokens (token_sha256, user_id, label, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(token_hash(token))
            .bind(&user_id)
            .bind("demo")
            .bind(timestamp_to_text(now))
            .execute(&mut **transaction)
            .await?;
            counts.tokens += 1;
        }
    }

    for customer in member.all_customers() {
        let (name, country, _city, website, business_type, tier, stage, owner, _writes, contacts) =
            *customer;
        let customer_id = member.customer_id(name).to_string();
        let customer_rowid: i64 = sqlx::query_scalar(
            "INSERT INTO customers
                 (id, member_id, name, country, website, business_type, tier, stage, owner_id,
                  email_domain, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING rowid",
        )
        .bind(&customer_id)
        .bind(&member_id)
        .bind(name)
        .bind(country)
        .bind(website)
        .bind(enum_to_text(&business_type))
        .bind(enum_to_text(&tier))
        .bind(enum_to_text(&stage))
        .bind(owner.map(|key| member.user_id(key).to_string()))
        .bind(
            contacts
                .first()
                .and_then(|contact| company_email_domain(contact.2)),
        )
        .bind(timestamp_to_text(now - CUSTOMER_HISTORY))
        .bind(timestamp_to_text(now))
        .fetch_one(&mut **transaction)
        .await?;
        let contact_text: Vec<String> = contacts
            .iter()
            .map(|contact| [contact.0, " ", contact.2].concat())
            .collect();
        search::CUSTOMERS
            .put(
                transaction,
                customer_rowid,
                &[
                    name,
                    &[website.unwrap_or_default(), " ", &contact_text.join(" ")].concat(),
                ],
            )
            .await?;
        counts.customers += 1;
        for (position, &(contact_name, title, email)) in contacts.iter().enumerate() {
            let contact_key = format!("contact/{}/{name}/{position}", member.key);
            sqlx::query(
                "INSERT INTO contacts (id, customer_id, position, name, title, email, emails)
                 VALUES ($1, $2, $3, $4, $5, $6, json_array($7))",
            )
            .bind(stable_id(&contact_key).to_string())
            .bind(&customer_id)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(contact_name)
            .bind(title)
            .bind(email)
            .bind(email)
            .execute(&mut **transaction)
            .await?;
            counts.contacts += 1;
        }
    }

    for (index, inquiry) in inquiries.iter().enumerate() {
        insert_inquiry(transaction, member, &member_id, index, inquiry, counts).await?;
    }
    assignment_setup(transaction, member, &member_id, inquiries).await?;
    Ok(())
}

/// One inquiry with its thread, search row, score reasons, tags and assignment
/// history.
async fn insert_inquiry(
    transaction: &mut Transaction<'_, Db>,
    member: &MemberSeed,
    member_id: &str,
    index: usize,
    inquiry: &GeneratedInquiry,
    counts: &mut SeedCounts,
) -> Result<(), sqlx::Error> {
    let inquiry_id = stable_id(&format!("inquiry/{}/{index}", member.key)).to_string();
    let user_id = |key: &str| member.user_id(key).to_string();
    let requirement = &inquiry.requirement;
    let inquiry_rowid: i64 = sqlx::query_scalar(
        "INSERT INTO inquiries
             (id, member_id, customer_id, buyer_name, buyer_company, buyer_country,
              buyer_verified, product_name, quantity_value, quantity_unit, subject, message,
              received_at, response_due_at, status, assignee_id, score, unread,
              portal_inquiry_id, kind, product_category, buyer_email, buyer_city, language,
              target_price_amount, target_price_currency, incoterm, destination_country,
              destination_place, needed_by, sample_wanted, oem, first_response_at,
              lost_reason, spam_reason, preview, version, updated_at, message_fingerprint)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26,
                 $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39) RETURNING rowid",
    )
    .bind(&inquiry_id)
    .bind(member_id)
    .bind(
        inquiry
            .customer
            .map(|name| member.customer_id(name).to_string()),
    )
    .bind(&inquiry.buyer_name)
    .bind(&inquiry.buyer_company)
    .bind(inquiry.buyer_country)
    .bind(i64::from(inquiry.buyer_verified))
    .bind(inquiry.product_name)
    .bind(
        requirement
            .quantity
            .map(|quantity| quantity.value.to_string()),
    )
    .bind(
        requirement
            .quantity
            .map(|quantity| enum_to_text(&quantity.unit)),
    )
    .bind(&inquiry.subject)
    .bind(&inquiry.message)
    .bind(timestamp_to_text(inquiry.received_at))
    .bind(timestamp_to_text(inquiry.received_at + RESPONSE_TARGET))
    .bind(inquiry.status.as_str())
    .bind(inquiry.assignee.map(user_id))
    .bind(i64::from(inquiry.score.value))
    .bind(i64::from(inquiry.unread))
    .bind(&inquiry.portal_inquiry_id)
    .bind(enum_to_text(&inquiry.kind))
    .bind(inquiry.product_category)
    .bind(&inquiry.buyer_email)
    .bind(inquiry.buyer_city)
    .bind(inquiry.language)
    .bind(
        requirement
            .target_price
            .map(|price| price.amount.to_string()),
    )
    .bind(requirement.target_price.map(|price| price.currency.code()))
    .bind(requirement.incoterm.map(|incoterm| incoterm.code()))
    .bind(
        requirement
            .destination
            .as_ref()
            .map(|destination| destination.country.as_str().to_owned()),
    )
    .bind(
        requirement
            .destination
            .as_ref()
            .and_then(|destination| destination.place.clone()),
    )
    .bind(requirement.needed_by.map(|date| date.to_string()))
    .bind(i64::from(requirement.sample_wanted))
    .bind(i64::from(requirement.oem))
    .bind(inquiry.first_response_at().map(timestamp_to_text))
    .bind(inquiry.lost_reason.map(|reason| enum_to_text(&reason)))
    .bind(inquiry.spam_reason)
    .bind(preview(inquiry.latest_buyer_message()))
    .bind(inquiry.version)
    .bind(timestamp_to_text(inquiry.updated_at))
    .bind(message_fingerprint(&inquiry.message))
    .fetch_one(&mut **transaction)
    .await?;
    counts.inquiries += 1;

    let first = (None, inquiry.message.as_str(), inquiry.received_at);
    let later = inquiry
        .thread
        .iter()
        .map(|message| (message.author, message.body.as_str(), message.sent_at));
    for (position, (author, body, sent_at)) in std::iter::once(first).chain(later).enumerate() {
        sqlx::query(
            "INSERT INTO inquiry_messages (id, inquiry_id, direction, author_id, body, sent_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(stable_id(&format!("message/{}/{index}/{position}", member.key)).to_string())
        .bind(&inquiry_id)
        .bind(if author.is_some() {
            "to_buyer"
        } else {
            "from_buyer"
        })
        .bind(author.map(user_id))
        .bind(body)
        .bind(timestamp_to_text(sent_at))
        .execute(&mut **transaction)
        .await?;
        counts.messages += 1;
    }

    let buyer = [
        inquiry.buyer_name.as_str(),
        &inquiry.buyer_company,
        &inquiry.buyer_email,
    ]
    .join(" ");
    search::INQUIRIES
        .put(
            transaction,
            inquiry_rowid,
            &[
                &search_text(&inquiry.subject),
                &search_text(&inquiry.message),
                &search_text(&buyer),
                &search_text(inquiry.product_name.unwrap_or_default()),
            ],
        )
        .await?;

    for (position, reason) in inquiry.score.reasons.iter().enumerate() {
        sqlx::query(
            "INSERT INTO inquiry_score_reasons (inquiry_id, position, signal, points, detail)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&inquiry_id)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(enum_to_text(&reason.signal))
        .bind(i64::from(reason.points))
        .bind(&reason.detail)
        .execute(&mut **transaction)
        .await?;
    }
    for (position, entry) in inquiry.assignments.iter().enumerate() {
        sqlx::query(
            "INSERT INTO inquiry_assignments
                 (inquiry_id, position, assignee_id, at, rule, by_user_id, explanation)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&inquiry_id)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(entry.assignee.map(user_id))
        .bind(timestamp_to_text(entry.at))
        .bind(enum_to_text(&entry.rule))
        .bind(entry.by.map(user_id))
        .bind(&entry.explanation)
        .execute(&mut **transaction)
        .await?;
    }
    for tag in &inquiry.tags {
        sqlx::query("INSERT INTO inquiry_tags (inquiry_id, tag) VALUES ($1, $2)")
            .bind(&inquiry_id)
            .bind(*tag)
            .execute(&mut **transaction)
            .await?;
        counts.tags += 1;
    }
    Ok(())
}

/// The member's assignment rules, and whose round-robin turn was last, so that
/// inquiries ingested after seeding continue where the demo history ends.
async fn assignment_setup(
    transaction: &mut Transaction<'_, Db>,
    member: &MemberSeed,
    member_id: &str,
    inquiries: &[GeneratedInquiry],
) -> Result<(), sqlx::Error> {
    for &(priority, rule, value, user) in assignment_rules(member) {
        sqlx::query(
            "INSERT INTO assignment_rules (id, member_id, priority, rule, value, assignee_id)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(stable_id(&format!("assignment-rule/{}/{priority}", member.key)).to_string())
        .bind(member_id)
        .bind(priority)
        .bind(rule)
        .bind(value)
        .bind(user.map(|key| member.user_id(key).to_string()))
        .execute(&mut **transaction)
        .await?;
    }
    let last_turn = inquiries
        .iter()
        .filter_map(|inquiry| {
            let first = inquiry.assignments.first()?;
            (first.rule == AssignmentRule::RoundRobin)
                .then_some((inquiry.received_at, first.assignee))
        })
        .max_by_key(|(received_at, _)| *received_at)
        .and_then(|(_, assignee)| assignee);
    if let Some(key) = last_turn {
        sqlx::query("INSERT INTO assignment_turns (member_id, last_user_id) VALUES ($1, $2)")
            .bind(member_id)
            .bind(member.user_id(key).to_string())
            .execute(&mut **transaction)
            .await?;
    }
    Ok(())
}
