//! The demo data set, inserted by `--seed-demo` into a database with no members yet.
//!
//! The story: on the trade portal "TradeBridge", the LED lighting exporter Ningbo
//! Brightway Lighting works its inquiry inbox; Yiwu Evergreen Homeware is a second
//! member whose data Brightway must never see. Everything is generated from fixed
//! tables and a fixed-seed generator, so the data is the same on every run except for
//! timestamps, which are laid out over the 60 days before `now`. Ids are derived from
//! names ([`stable_id`]), so links into the demo survive re-seeding.
//!
//! Well-known bearer tokens (demo only, never seeded otherwise):
//!
//! | token                    | user                       | role    |
//! |--------------------------|----------------------------|---------|
//! | `demo-brightway-owner`   | Chen Jing (陈静)           | owner   |
//! | `demo-brightway-manager` | Zhang Min                  | manager |
//! | `demo-brightway-rep`     | Li Wei                     | rep     |
//! | `demo-brightway-rep2`    | Wang Fang                  | rep     |
//! | `demo-evergreen-owner`   | Lin Xiaoyan (林晓燕)       | owner   |
//! | `demo-evergreen-manager` | Xu Ming                    | manager |
//! | `demo-evergreen-rep`     | Sun Yue                    | rep     |

mod activities;
mod brightway;
mod bulk;
mod catalog;
mod evergreen;
mod generate;
mod people;
mod phrases;
mod quotes;
mod random;
mod templates;
mod write;

pub use bulk::{BulkCounts, BulkError, BulkOptions, MAX_INQUIRIES, MAX_MEMBERS, seed_bulk};

use contract::customer::{BusinessType, LifecycleStage, Tier};
use contract::language::Language;
use contract::quantity::Unit;
use contract::user::Role;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::sql::DbPool;

/// The id of Müller Handels GmbH, Brightway's German partnership customer, for demo
/// pages that open its customer card. Equal to
/// `stable_id("customer/brightway/Müller Handels GmbH")`.
pub const MUELLER_HANDELS_CUSTOMER_ID: &str = "5d79def3-fe45-419a-8c39-9e7bfa0542d0";

/// The product the demo portal's product page (`host-demo/product.html`) shows:
/// Brightway's back-lit panel.
pub const DEMO_STOREFRONT_PRODUCT: &str = "LED Panel Light 600×600 36W Backlit";
const DEMO_STOREFRONT_SKU: &str = "BW-PB6060-36";

/// The member and product ids of the demo portal's product page.
#[must_use]
pub fn demo_storefront_ids() -> (Uuid, Uuid) {
    let member = brightway::MEMBER.key;
    (
        stable_id(&format!("member/{member}")),
        stable_id(&format!("product/{member}/{DEMO_STOREFRONT_SKU}")),
    )
}

/// What [`seed_demo`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeedOutcome {
    /// The database already had members; nothing was written.
    AlreadyPopulated,
    /// The demo data was inserted.
    Seeded(SeedCounts),
}

/// How many rows the seed inserted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeedCounts {
    /// Member companies.
    pub members: usize,
    /// Users of those members.
    pub users: usize,
    /// Bearer tokens.
    pub tokens: usize,
    /// Buyer companies.
    pub customers: usize,
    /// Contact people at buyer companies.
    pub contacts: usize,
    /// Inquiries.
    pub inquiries: usize,
    /// Tags on inquiries.
    pub tags: usize,
    /// Messages in inquiry threads (the buyers' first messages included).
    pub messages: usize,
    /// Catalog products.
    pub products: usize,
    /// Quote revisions.
    pub quotes: usize,
    /// Notes and logged activities.
    pub activities: usize,
    /// Reminders.
    pub reminders: usize,
}

/// Inserts the demo data set in one transaction, unless the database already has a
/// member (then it does nothing, so starting twice with `--seed-demo` is harmless).
pub async fn seed_demo(pool: &DbPool, now: OffsetDateTime) -> Result<SeedOutcome, sqlx::Error> {
    let mut transaction = pool.begin().await?;
    let members: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM members")
        .fetch_one(&mut *transaction)
        .await?;
    if members > 0 {
        return Ok(SeedOutcome::AlreadyPopulated);
    }
    let mut counts = SeedCounts::default();
    for member in [&brightway::MEMBER, &evergreen::MEMBER] {
        let inquiries = generate::inquiries(member, now);
        write::member(&mut transaction, member, &inquiries, now, &mut counts).await?;
        catalog::seed(&mut transaction, member, now, &mut counts).await?;
        quotes::seed(&mut transaction, member, now, &mut counts).await?;
        activities::seed(&mut transaction, member, now, &mut counts).await?;
    }
    transaction.commit().await?;
    Ok(SeedOutcome::Seeded(counts))
}

/// A UUID derived from `key` (SHA-256, laid out as a version 4 UUID), so the same demo
/// row always gets the same id.
pub fn stable_id(key: &str) -> Uuid {
    let digest = Sha256::digest(key.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// The language a buyer writes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Writes {
    En,
    De,
    Es,
    Fr,
    Ar,
    Zh,
}

/// What an inquiry is about, which decides its template, tags and score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Quote,
    Sample,
    Oem,
    Urgent,
    Reorder,
    Company,
    Spam,
}

/// Kind, language, subject, message, tags.
type Template = (
    Kind,
    Writes,
    &'static str,
    &'static str,
    &'static [&'static str],
);

/// Key, display name, e-mail, role, language, demo token.
type UserSeed = (
    &'static str,
    &'static str,
    &'static str,
    Role,
    Language,
    Option<&'static str>,
);

/// Name, title, e-mail.
type ContactSeed = (&'static str, &'static str, &'static str);

/// Name, country, city, website, business type, tier, stage, owner's user key, the
/// language they write in, contacts.
type CustomerSeed = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    BusinessType,
    Tier,
    LifecycleStage,
    Option<&'static str>,
    Writes,
    &'static [ContactSeed],
);

/// A buyer not (yet) in the customer base: name, company (may be empty), country, city,
/// language, verified by the portal.
type WalkInSeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Writes,
    bool,
);

/// A product and the order sizes buyers ask for.
type ProductSeed = (&'static str, &'static [(&'static str, Unit)]);

/// One demo member company and everything generated for it.
struct MemberSeed {
    key: &'static str,
    name: &'static str,
    short_name: &'static str,
    users: &'static [UserSeed],
    customers: &'static [&'static [CustomerSeed]],
    walk_ins: &'static [WalkInSeed],
    products: &'static [ProductSeed],
    trade_templates: &'static [Template],
    inquiries: usize,
    spam: usize,
    seed: u64,
}

impl MemberSeed {
    fn id(&self) -> Uuid {
        stable_id(&format!("member/{}", self.key))
    }

    fn user_id(&self, user_key: &str) -> Uuid {
        stable_id(&format!("user/{}/{user_key}", self.key))
    }

    fn customer_id(&self, customer_name: &str) -> Uuid {
        stable_id(&format!("customer/{}/{customer_name}", self.key))
    }

    fn all_customers(&self) -> impl Iterator<Item = &'static CustomerSeed> {
        self.customers.iter().flat_map(|table| table.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_ids_match_their_derivation() {
        let id = brightway::MEMBER.customer_id("Müller Handels GmbH");
        assert_eq!(id.to_string(), MUELLER_HANDELS_CUSTOMER_ID);
        assert_eq!(id.get_version_num(), 4);
    }

    #[test]
    fn every_customer_owner_is_a_user_of_the_same_member() {
        for member in [&brightway::MEMBER, &evergreen::MEMBER] {
            for customer in member.all_customers() {
                if let Some(owner) = customer.7 {
                    assert!(
                        member.users.iter().any(|user| user.0 == owner),
                        "{owner} owns {} but is not a user of {}",
                        customer.0,
                        member.key
                    );
                }
            }
        }
    }
}
