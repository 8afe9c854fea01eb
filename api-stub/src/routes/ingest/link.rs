//! Linking an ingested buyer to one of the member's customers, or creating one.
//!
//! Tried in order, the first hit wins (the oldest customer on a tie):
//! 1. a contact with the buyer's e-mail address (any of its addresses);
//! 2. a customer with the buyer's company e-mail domain (never for free mail);
//! 3. a customer with exactly the buyer's company name, ignoring (ASCII) case.
//!
//! Otherwise a new customer is created: a transactional lead from a portal
//! inquiry, with the buyer as its first contact.

use contract::customer::LifecycleStage;
use contract::ids::{CustomerId, MemberId, UserId};
use contract::inquiry::IngestBuyer;
use time::OffsetDateTime;

use crate::error::ApiError;
use crate::search;
use crate::sql::DbConnection;
use crate::stored::{enum_from_text, parse_stored, timestamp_to_text};
use crate::text::company_email_domain;

/// How the buyer was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Match {
    /// A contact has the e-mail address.
    Email,
    /// The customer has the e-mail domain.
    Domain,
    /// The customer has the company name.
    Name,
}

/// A customer the buyer belongs to.
#[derive(Clone, Debug)]
pub(super) struct Linked {
    pub(super) id: CustomerId,
    pub(super) name: String,
    pub(super) stage: LifecycleStage,
    pub(super) owner: Option<UserId>,
}

#[derive(sqlx::FromRow)]
struct CustomerRow {
    id: String,
    name: String,
    stage: String,
    owner_id: Option<String>,
}

const COLUMNS: &str = "SELECT c.id, c.name, c.stage, c.owner_id FROM customers c";

/// The existing customer of `member` the buyer belongs to, and how it was found.
pub(super) async fn find(
    connection: &mut DbConnection,
    member: MemberId,
    buyer: &IngestBuyer,
) -> Result<Option<(Linked, Match)>, ApiError> {
    let email = buyer.email.trim();
    let by_email: Option<CustomerRow> = sqlx::query_as(&format!(
        "{COLUMNS} WHERE c.member_id = $1 AND EXISTS (
             SELECT 1 FROM contacts k WHERE k.customer_id = c.id
               AND (lower(k.email) = lower($2)
                    OR EXISTS (SELECT 1 FROM json_each(k.emails) e WHERE lower(e.value) = lower($2))))
         ORDER BY c.created_at, c.id LIMIT 1"
    ))
    .bind(member.to_string())
    .bind(email)
    .fetch_optional(&mut *connection)
    .await?;
    if let Some(row) = by_email {
        return Ok(Some((linked(row)?, Match::Email)));
    }
    if let Some(domain) = company_email_domain(email) {
        let by_domain: Option<CustomerRow> = sqlx::query_as(&format!(
            "{COLUMNS} WHERE c.member_id = $1 AND c.email_domain = $2 ORDER BY c.created_at, c.id LIMIT 1"
        ))
        .bind(member.to_string())
        .bind(domain)
        .fetch_optional(&mut *connection)
        .await?;
        if let Some(row) = by_domain {
            return Ok(Some((linked(row)?, Match::Domain)));
        }
    }
    let company = buyer.company.trim();
    if !company.is_empty() {
        let by_name: Option<CustomerRow> = sqlx::query_as(&format!(
            "{COLUMNS} WHERE c.member_id = $1 AND c.name = $2 COLLATE NOCASE
             ORDER BY c.created_at, c.id LIMIT 1"
        ))
        .bind(member.to_string())
        .bind(company)
        .fetch_optional(&mut *connection)
        .await?;
        if let Some(row) = by_name {
            return Ok(Some((linked(row)?, Match::Name)));
        }
    }
    Ok(None)
}

fn linked(row: CustomerRow) -> Result<Linked, ApiError> {
    Ok(Linked {
        id: parse_stored("customer id", &row.id)?,
        name: row.name,
        stage: enum_from_text("stage", &row.stage)?,
        owner: row
            .owner_id
            .as_deref()
            .map(|owner| parse_stored("user id", owner))
            .transpose()?,
    })
}

/// The name of the customer created for `buyer`: their company, or the person
/// when they gave none.
pub(super) fn new_customer_name(buyer: &IngestBuyer) -> String {
    let company = buyer.company.trim();
    if company.is_empty() {
        buyer.name.trim().to_owned()
    } else {
        company.to_owned()
    }
}

/// Creates a customer for `buyer`: a transactional lead from a portal inquiry,
/// owned by `owner`, with the buyer as its contact, in the search index.
pub(super) async fn create(
    connection: &mut DbConnection,
    member: MemberId,
    buyer: &IngestBuyer,
    language: Option<&str>,
    owner: Option<UserId>,
    now: OffsetDateTime,
) -> Result<Linked, ApiError> {
    let id = CustomerId(uuid::Uuid::new_v4());
    let name = new_customer_name(buyer);
    let email = buyer.email.trim();
    let row_number: i64 = sqlx::query_scalar(
        "INSERT INTO customers
             (id, member_id, name, country, website, business_type, tier, stage, owner_id,
              verified, source, email_domain, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, NULL, 'importer', 'transactional', 'lead', $5, $6, 'portal_inquiry',
                 $7, 1, $8, $9) RETURNING rowid",
    )
    .bind(id.to_string())
    .bind(member.to_string())
    .bind(&name)
    .bind(buyer.country.as_str())
    .bind(owner.map(|owner| owner.to_string()))
    .bind(i64::from(buyer.verified))
    .bind(company_email_domain(email))
    .bind(timestamp_to_text(now))
    .bind(timestamp_to_text(now))
    .fetch_one(&mut *connection)
    .await?;
    let phones: Vec<&str> = buyer
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|phone| !phone.is_empty())
        .into_iter()
        .collect();
    sqlx::query(
        "INSERT INTO contacts
             (id, customer_id, position, name, title, email, emails, phones, language, version)
         VALUES ($1, $2, 0, $3, '', $4, json_array($5), $6, $7, 1)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(id.to_string())
    .bind(buyer.name.trim())
    .bind(email)
    .bind(email)
    .bind(serde_json::to_string(&phones).unwrap_or_else(|_| "[]".to_owned()))
    .bind(language)
    .execute(&mut *connection)
    .await?;
    // As the customers' own writes keep it: website, industry, contacts' names and e-mails.
    search::CUSTOMERS
        .put(
            connection,
            row_number,
            &[&name, &["", "", buyer.name.trim(), email].join(" ")],
        )
        .await?;
    Ok(Linked {
        id,
        name,
        stage: LifecycleStage::Lead,
        owner,
    })
}
