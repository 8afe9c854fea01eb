//! Inserting one demo member, its people, customers and inquiries.

use sqlx::{Sqlite, Transaction};
use time::{Duration, OffsetDateTime};

use super::generate::GeneratedInquiry;
use super::{MemberSeed, SeedCounts, stable_id};
use crate::auth::token_hash;
use crate::stored::{enum_to_text, timestamp_to_text};
use crate::text::{company_email_domain, preview};

/// How long a buyer waits for a first answer before the inquiry is overdue.
const RESPONSE_TARGET: Duration = Duration::hours(24);

/// How long ago the demo customers were first recorded.
const CUSTOMER_HISTORY: Duration = Duration::days(400);

pub(super) async fn member(
    transaction: &mut Transaction<'_, Sqlite>,
    member: &MemberSeed,
    inquiries: &[GeneratedInquiry],
    now: OffsetDateTime,
    counts: &mut SeedCounts,
) -> Result<(), sqlx::Error> {
    let member_id = member.id().to_string();
    sqlx::query(
        "INSERT INTO members (id, name, currency, response_target_hours) VALUES (?, ?, 'USD', 24)",
    )
    .bind(&member_id)
    .bind(member.name)
    .execute(&mut **transaction)
    .await?;
    counts.members += 1;

    for &(key, name, email, role, language, token) in member.users {
        let user_id = member.user_id(key).to_string();
        sqlx::query(
            "INSERT INTO users (id, member_id, name, email, role, language) VALUES (?, ?, ?, ?, ?, ?)",
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
                "INSERT INTO api_tokens (token_sha256, user_id, label, created_at) VALUES (?, ?, ?, ?)",
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
        sqlx::query(
            "INSERT INTO customers
                 (id, member_id, name, country, website, business_type, tier, stage, owner_id,
                  email_domain, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        .execute(&mut **transaction)
        .await?;
        let customer_rowid = sqlx::query_scalar::<_, i64>("SELECT last_insert_rowid()")
            .fetch_one(&mut **transaction)
            .await?;
        let contact_text: Vec<String> = contacts
            .iter()
            .map(|contact| [contact.0, " ", contact.2].concat())
            .collect();
        sqlx::query("INSERT INTO customers_fts (rowid, name, details) VALUES (?, ?, ?)")
            .bind(customer_rowid)
            .bind(name)
            .bind([website.unwrap_or_default(), " ", &contact_text.join(" ")].concat())
            .execute(&mut **transaction)
            .await?;
        counts.customers += 1;
        for (position, &(contact_name, title, email)) in contacts.iter().enumerate() {
            let contact_key = format!("contact/{}/{name}/{position}", member.key);
            sqlx::query(
                "INSERT INTO contacts (id, customer_id, position, name, title, email, emails)
                 VALUES (?, ?, ?, ?, ?, ?, json_array(?))",
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
        let inquiry_id = stable_id(&format!("inquiry/{}/{index}", member.key)).to_string();
        sqlx::query(
            "INSERT INTO inquiries
                 (id, member_id, customer_id, buyer_name, buyer_company, buyer_country,
                  buyer_verified, product_name, quantity_value, quantity_unit, subject, message,
                  received_at, response_due_at, status, assignee_id, score, unread,
                  kind, buyer_email, preview, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&inquiry_id)
        .bind(&member_id)
        .bind(
            inquiry
                .customer
                .map(|name| member.customer_id(name).to_string()),
        )
        .bind(&inquiry.buyer_name)
        .bind(&inquiry.buyer_company)
        .bind(inquiry.buyer_country)
        .bind(inquiry.buyer_verified)
        .bind(inquiry.product_name)
        .bind(inquiry.quantity.map(|(value, _)| value))
        .bind(inquiry.quantity.map(|(_, unit)| enum_to_text(&unit)))
        .bind(&inquiry.subject)
        .bind(&inquiry.message)
        .bind(timestamp_to_text(inquiry.received_at))
        .bind(timestamp_to_text(inquiry.received_at + RESPONSE_TARGET))
        .bind(inquiry.status.as_str())
        .bind(inquiry.assignee.map(|key| member.user_id(key).to_string()))
        .bind(i64::from(inquiry.score))
        .bind(inquiry.unread)
        .bind(if inquiry.product_name.is_some() {
            "product"
        } else {
            "company"
        })
        .bind(&inquiry.buyer_email)
        .bind(preview(&inquiry.message))
        .bind(timestamp_to_text(inquiry.received_at))
        .execute(&mut **transaction)
        .await?;
        let inquiry_rowid = sqlx::query_scalar::<_, i64>("SELECT last_insert_rowid()")
            .fetch_one(&mut **transaction)
            .await?;
        sqlx::query(
            "INSERT INTO inquiry_messages (id, inquiry_id, direction, author_id, body, sent_at)
             VALUES (?, ?, 'from_buyer', NULL, ?, ?)",
        )
        .bind(stable_id(&format!("message/{}/{index}/0", member.key)).to_string())
        .bind(&inquiry_id)
        .bind(&inquiry.message)
        .bind(timestamp_to_text(inquiry.received_at))
        .execute(&mut **transaction)
        .await?;
        sqlx::query("INSERT INTO inquiries_fts (rowid, subject, body, buyer, product) VALUES (?, ?, ?, ?, ?)")
            .bind(inquiry_rowid)
            .bind(&inquiry.subject)
            .bind(&inquiry.message)
            .bind([inquiry.buyer_name.as_str(), " ", &inquiry.buyer_company, " ", &inquiry.buyer_email].concat())
            .bind(inquiry.product_name.unwrap_or_default())
            .execute(&mut **transaction)
            .await?;
        counts.inquiries += 1;
        for tag in &inquiry.tags {
            sqlx::query("INSERT INTO inquiry_tags (inquiry_id, tag) VALUES (?, ?)")
                .bind(&inquiry_id)
                .bind(*tag)
                .execute(&mut **transaction)
                .await?;
            counts.tags += 1;
        }
    }
    Ok(())
}
