//! Buyer companies in a member's customer base.

use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::ids::CustomerId;
use crate::user::UserRef;

/// How a seller treats a buyer (from the source articles: transactional buyers switch
/// suppliers on price; partnership buyers are worth long-term investment).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Buys on price, deal by deal.
    Transactional,
    /// A long-term relationship worth investing in.
    Partnership,
}

/// How far along the relationship is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// What kind of business the buyer is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// A contact person at a buyer company.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Full name.
    pub name: String,
    /// Job title, e.g. "Head of Procurement".
    pub title: String,
    /// E-mail address.
    pub email: String,
}

/// `GET /customers/{id}`: a buyer company.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// The customer's id.
    pub id: CustomerId,
    /// Company name.
    pub name: String,
    /// Where the company is based.
    pub country: CountryCode,
    /// Company website, when known.
    pub website: Option<String>,
    /// What kind of business it is.
    pub business_type: BusinessType,
    /// Transactional or partnership.
    pub tier: Tier,
    /// Relationship stage.
    pub stage: LifecycleStage,
    /// The sales rep who owns the relationship.
    pub owner: Option<UserRef>,
    /// People at the company.
    pub contacts: Vec<Contact>,
    /// How many inquiries the company has sent the member.
    pub inquiry_count: u32,
}
