//! Buyer companies in a member's customer base: profile, contacts, metrics, and
//! (in `activity`) the timeline, notes, activities and reminders.

mod activity;
mod contact;
pub mod csv;
pub mod import;
pub mod merge;
mod metrics;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::country::CountryCode;
use crate::ids::{CustomerId, UserId};
use crate::inquiry::validate_tags;
use crate::problem::FieldError;
use crate::user::UserRef;
use crate::validation::{FieldErrors, patch};
use crate::version::Version;

pub use activity::{
    Activity, ActivityKind, NewActivity, NewReminder, Reminder, ReminderKind, ReminderPage,
    ReminderPatch, StatusField, TimelineEntry, TimelineItem, TimelinePage,
};
pub use contact::{BuyingRole, Contact, ContactChannel, ContactInput, Messenger, MessengerKind};
pub use metrics::{CustomerHealth, CustomerMetrics, HealthStatus};

/// How a seller treats a buyer (from the source articles: transactional buyers switch
/// suppliers on price; partnership buyers are worth long-term investment).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Buys on price, deal by deal.
    Transactional,
    /// A long-term relationship worth investing in.
    Partnership,
}

impl Tier {
    /// Every tier, in the order a seller picks from.
    pub const ALL: [Tier; 2] = [Tier::Transactional, Tier::Partnership];

    /// The wire name (`transactional`, `partnership`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Transactional => "transactional",
            Tier::Partnership => "partnership",
        }
    }
}

/// How far along the relationship is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LifecycleStage {
    /// Known, not yet qualified.
    Lead,
    /// Qualified, talking.
    Prospect,
    /// Samples sent or requested.
    Sampling,
    /// Placed a first order.
    Customer,
    /// Orders again.
    Repeat,
}

impl LifecycleStage {
    /// Every stage, in the order a relationship goes through them.
    pub const ALL: [LifecycleStage; 5] = [
        LifecycleStage::Lead,
        LifecycleStage::Prospect,
        LifecycleStage::Sampling,
        LifecycleStage::Customer,
        LifecycleStage::Repeat,
    ];

    /// The wire name (`lead`, `prospect`…).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            LifecycleStage::Lead => "lead",
            LifecycleStage::Prospect => "prospect",
            LifecycleStage::Sampling => "sampling",
            LifecycleStage::Customer => "customer",
            LifecycleStage::Repeat => "repeat",
        }
    }
}

/// What kind of business the buyer is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BusinessType {
    /// Imports for resale in their market.
    Importer,
    /// Sells on to retailers.
    Wholesaler,
    /// Sells to consumers.
    Retailer,
    /// Sells under its own brand.
    Brand,
    /// Distributes in a territory.
    Distributor,
    /// Uses the goods in its own manufacturing.
    Manufacturer,
}

/// How many people work at the buyer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CompanySize {
    /// 1 to 9.
    Micro,
    /// 10 to 49.
    Small,
    /// 50 to 249.
    Medium,
    /// 250 and more.
    Large,
}

/// Where the customer came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CustomerSource {
    /// An inquiry through the portal.
    PortalInquiry,
    /// A trade show.
    TradeShow,
    /// Recommended by someone.
    Referral,
    /// The member's own website.
    Website,
    /// Imported from a file.
    Import,
    /// Entered by hand.
    Manual,
}

wire_names!(BusinessType {
    Importer => "importer",
    Wholesaler => "wholesaler",
    Retailer => "retailer",
    Brand => "brand",
    Distributor => "distributor",
    Manufacturer => "manufacturer",
});

wire_names!(CompanySize {
    Micro => "micro",
    Small => "small",
    Medium => "medium",
    Large => "large",
});

wire_names!(CustomerSource {
    PortalInquiry => "portal_inquiry",
    TradeShow => "trade_show",
    Referral => "referral",
    Website => "website",
    Import => "import",
    Manual => "manual",
});

/// One row of the customer list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerSummary {
    /// The customer's id.
    pub id: CustomerId,
    /// Company name.
    pub name: String,
    /// Where the company is based.
    pub country: CountryCode,
    /// What kind of business it is.
    pub business_type: BusinessType,
    /// Transactional or partnership.
    pub tier: Tier,
    /// Relationship stage.
    pub stage: LifecycleStage,
    /// The sales rep who owns the relationship.
    pub owner: Option<UserRef>,
    /// Labels.
    pub tags: Vec<String>,
    /// When anyone last heard from or wrote to them.
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_contact_at: Option<OffsetDateTime>,
    /// How many inquiries they sent the member.
    pub inquiry_count: u32,
    /// Changes with every update; send it back in `If-Match`.
    pub version: Version,
    /// When anything about the profile last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// `GET /customers/{id}`: a buyer company.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Customer {
    /// Everything the list shows.
    #[serde(flatten)]
    pub summary: CustomerSummary,
    /// Company website.
    pub website: Option<String>,
    /// Industry, free text (e.g. "Lighting distribution").
    pub industry: Option<String>,
    /// Head count band.
    pub size: Option<CompanySize>,
    /// Whether the portal verified the company.
    pub verified: bool,
    /// Where the customer came from.
    pub source: CustomerSource,
    /// People at the company.
    pub contacts: Vec<Contact>,
    /// Computed figures.
    pub metrics: CustomerMetrics,
    /// When the customer was created.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A page of customers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerPage {
    /// The customers on this page.
    pub items: Vec<CustomerSummary>,
    /// Pass as `cursor` for the next page; `None` on the last page.
    pub next_cursor: Option<String>,
    /// How many customers match in all.
    pub total: u64,
}

/// `POST /customers`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewCustomer {
    /// Company name.
    pub name: String,
    /// Country.
    pub country: CountryCode,
    /// Website.
    #[serde(default)]
    pub website: Option<String>,
    /// Industry.
    #[serde(default)]
    pub industry: Option<String>,
    /// Head count band.
    #[serde(default)]
    pub size: Option<CompanySize>,
    /// Business type.
    pub business_type: BusinessType,
    /// Tier.
    pub tier: Tier,
    /// Stage.
    pub stage: LifecycleStage,
    /// Source.
    pub source: CustomerSource,
    /// Owner; default: the caller.
    #[serde(default)]
    pub owner_id: Option<UserId>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Contacts to create with it.
    #[serde(default)]
    pub contacts: Vec<ContactInput>,
}

/// `PATCH /customers/{id}` (with `If-Match`): absent fields stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomerPatch {
    /// Company name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// Website; `null` clears it.
    #[serde(
        default,
        deserialize_with = "patch::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub website: Option<Option<String>>,
    /// Industry; `null` clears it.
    #[serde(
        default,
        deserialize_with = "patch::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub industry: Option<Option<String>>,
    /// Head count band; `null` clears it.
    #[serde(
        default,
        deserialize_with = "patch::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<CompanySize>))]
    pub size: Option<Option<CompanySize>>,
    /// Business type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_type: Option<BusinessType>,
    /// Tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    /// Stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<LifecycleStage>,
    /// Source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<CustomerSource>,
    /// Owner; `null` leaves the customer without one.
    #[serde(
        default,
        deserialize_with = "patch::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<UserId>))]
    pub owner_id: Option<Option<UserId>>,
    /// Replaces the tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

fn validate_website(website: &str, field: &str, errors: &mut FieldErrors) {
    let lower = website.trim().to_ascii_lowercase();
    errors.check(
        website.len() <= 300
            && (lower.starts_with("https://")
                || lower.starts_with("http://")
                || (!lower.contains(':') && lower.contains('.'))),
        field,
        "must be a web address such as https://example.com",
    );
}

impl NewCustomer {
    /// Checks the new customer.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = FieldErrors::new();
        errors.check_text(&self.name, "/name", 1, 200);
        if let Some(website) = &self.website {
            validate_website(website, "/website", &mut errors);
        }
        if let Some(industry) = &self.industry {
            errors.check_text(industry, "/industry", 1, 100);
        }
        validate_tags(&self.tags, "/tags", &mut errors);
        errors.check(
            self.contacts.len() <= 50,
            "/contacts",
            "must have at most 50 contacts",
        );
        for (index, contact) in self.contacts.iter().enumerate() {
            errors.extend_nested(
                &["/contacts/", &index.to_string()].concat(),
                contact.validate(),
            );
        }
        errors.finish()
    }
}

impl CustomerPatch {
    /// Checks the change.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = FieldErrors::new();
        errors.check(
            *self != CustomerPatch::default(),
            "",
            "must change at least one field",
        );
        if let Some(name) = &self.name {
            errors.check_text(name, "/name", 1, 200);
        }
        if let Some(Some(website)) = &self.website {
            validate_website(website, "/website", &mut errors);
        }
        if let Some(Some(industry)) = &self.industry {
            errors.check_text(industry, "/industry", 1, 100);
        }
        if let Some(tags) = &self.tags {
            validate_tags(tags, "/tags", &mut errors);
        }
        errors.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serialized<T: Serialize>(value: T) -> serde_json::Value {
        serde_json::to_value(value).unwrap()
    }

    #[test]
    fn every_wire_name_is_the_serialized_form() {
        for value in BusinessType::ALL {
            assert_eq!(serialized(value), value.as_str());
        }
        for value in CompanySize::ALL {
            assert_eq!(serialized(value), value.as_str());
        }
        for value in CustomerSource::ALL {
            assert_eq!(serialized(value), value.as_str());
        }
        for value in BuyingRole::ALL {
            assert_eq!(serialized(value), value.as_str());
        }
        for value in ContactChannel::ALL {
            assert_eq!(serialized(value), value.as_str());
        }
        for value in MessengerKind::ALL {
            assert_eq!(serialized(value), value.as_str());
        }
        for value in ActivityKind::ALL {
            assert_eq!(serialized(value), value.as_str());
        }
        for value in ReminderKind::ALL {
            assert_eq!(serialized(value), value.as_str());
        }
    }

    #[test]
    fn wire_names_match_the_serialized_form() {
        for tier in Tier::ALL {
            assert_eq!(
                serde_json::to_value(tier).unwrap(),
                serde_json::Value::from(tier.as_str())
            );
        }
        for stage in LifecycleStage::ALL {
            assert_eq!(
                serde_json::to_value(stage).unwrap(),
                serde_json::Value::from(stage.as_str())
            );
        }
    }
}
