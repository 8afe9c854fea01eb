//! Reading customer and contact rows into the contract's types.
//!
//! A customer's `last_contact_at` is the latest of: an inquiry received from them, a
//! message in the thread of one of their inquiries (either way), and an activity
//! logged on them. Inquiries marked spam count for nothing.

use contract::customer::{Contact, CustomerSummary};
use contract::user::UserRef;

use crate::concurrency::stored_version;
use crate::stored::{StoredValueError, enum_from_text, parse_stored, timestamp_from_text};

/// The `SELECT … FROM` of every customer read; callers append `WHERE …` and must
/// scope it with `c.member_id`.
pub(in crate::routes) const CUSTOMER_SELECT: &str = "SELECT c.id, c.name, c.country, c.website, c.industry, c.size, c.verified, c.source, \
     c.business_type, c.tier, c.stage, c.owner_id, o.name AS owner_name, \
     (SELECT json_group_array(t.tag) FROM customer_tags t WHERE t.customer_id = c.id) AS tags, \
     (SELECT COUNT(*) FROM inquiries i WHERE i.customer_id = c.id \
        AND i.member_id = c.member_id AND i.status <> 'spam') AS inquiry_count, \
     nullif(max( \
        coalesce((SELECT MAX(i.received_at) FROM inquiries i WHERE i.customer_id = c.id \
            AND i.member_id = c.member_id AND i.status <> 'spam'), ''), \
        coalesce((SELECT MAX(m.sent_at) FROM inquiry_messages m \
            JOIN inquiries i ON i.id = m.inquiry_id WHERE i.customer_id = c.id \
            AND i.member_id = c.member_id AND i.status <> 'spam'), ''), \
        coalesce((SELECT MAX(a.occurred_at) FROM activities a WHERE a.customer_id = c.id \
            AND a.member_id = c.member_id), '')), '') AS last_contact_at, \
     c.version, c.created_at, c.updated_at \
     FROM customers c LEFT JOIN users o ON o.id = c.owner_id AND o.member_id = c.member_id";

/// One row of [`CUSTOMER_SELECT`].
#[derive(Debug, sqlx::FromRow)]
pub(in crate::routes) struct CustomerRow {
    pub(in crate::routes) id: String,
    pub(in crate::routes) name: String,
    country: String,
    pub(in crate::routes) website: Option<String>,
    pub(in crate::routes) industry: Option<String>,
    pub(in crate::routes) size: Option<String>,
    #[sqlx(try_from = "crate::sql::Flag")]
    pub(in crate::routes) verified: bool,
    pub(in crate::routes) source: String,
    business_type: String,
    pub(in crate::routes) tier: String,
    stage: String,
    owner_id: Option<String>,
    owner_name: Option<String>,
    tags: String,
    inquiry_count: i64,
    pub(in crate::routes) last_contact_at: Option<String>,
    pub(in crate::routes) version: i64,
    pub(in crate::routes) created_at: String,
    pub(in crate::routes) updated_at: String,
}

impl CustomerRow {
    /// The list row.
    pub(in crate::routes) fn summary(&self) -> Result<CustomerSummary, StoredValueError> {
        let owner = match (&self.owner_id, &self.owner_name) {
            (Some(owner_id), Some(name)) => Some(UserRef {
                id: parse_stored("user id", owner_id)?,
                name: name.clone(),
            }),
            _ => None,
        };
        let mut tags: Vec<String> = json_list("customer tags", &self.tags)?;
        tags.sort();
        Ok(CustomerSummary {
            id: parse_stored("customer id", &self.id)?,
            name: self.name.clone(),
            country: parse_stored("country", &self.country)?,
            business_type: enum_from_text("business type", &self.business_type)?,
            tier: enum_from_text("tier", &self.tier)?,
            stage: enum_from_text("stage", &self.stage)?,
            owner,
            tags,
            last_contact_at: self
                .last_contact_at
                .as_deref()
                .map(timestamp_from_text)
                .transpose()?,
            inquiry_count: u32::try_from(self.inquiry_count).unwrap_or(u32::MAX),
            version: stored_version(self.version),
            updated_at: timestamp_from_text(&self.updated_at)?,
        })
    }
}

/// The columns of a contact, in display order.
pub(in crate::routes) const CONTACT_SELECT: &str = "SELECT k.id, k.name, k.title, k.buying_role, \
     k.emails, k.phones, k.messengers, k.language, k.preferred_channel, k.do_not_contact, \
     k.version FROM contacts k";

/// One row of [`CONTACT_SELECT`].
#[derive(Debug, sqlx::FromRow)]
pub(in crate::routes) struct ContactRow {
    id: String,
    name: String,
    title: String,
    buying_role: String,
    emails: String,
    phones: String,
    messengers: String,
    language: Option<String>,
    preferred_channel: Option<String>,
    #[sqlx(try_from = "crate::sql::Flag")]
    do_not_contact: bool,
    pub(in crate::routes) version: i64,
}

/// A JSON column holding a list.
pub(in crate::routes) fn json_list<T: serde::de::DeserializeOwned>(
    what: &'static str,
    text: &str,
) -> Result<T, StoredValueError> {
    serde_json::from_str(text).map_err(|error| StoredValueError {
        what,
        text: text.to_owned(),
        reason: error.to_string(),
    })
}

impl ContactRow {
    /// The contract's contact.
    pub(in crate::routes) fn into_contact(self) -> Result<Contact, StoredValueError> {
        Ok(Contact {
            id: parse_stored("contact id", &self.id)?,
            name: self.name,
            title: Some(self.title).filter(|title| !title.is_empty()),
            buying_role: enum_from_text("buying role", &self.buying_role)?,
            emails: json_list("contact e-mails", &self.emails)?,
            phones: json_list("contact phones", &self.phones)?,
            messengers: json_list("contact messengers", &self.messengers)?,
            language: self.language,
            preferred_channel: self
                .preferred_channel
                .map(|channel| enum_from_text("preferred channel", &channel))
                .transpose()?,
            do_not_contact: self.do_not_contact,
            version: stored_version(self.version),
        })
    }
}
