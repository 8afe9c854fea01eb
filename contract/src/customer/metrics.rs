//! Figures the server computes for a customer, each explainable in the card.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::money::Money;

/// How the relationship is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    /// Active as usual.
    Healthy,
    /// Quieter than usual.
    Watch,
    /// A partnership customer gone quiet well past their usual rhythm.
    AtRisk,
}

/// A simple health score, with the reason behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerHealth {
    /// 0 (lost) to 100 (thriving).
    pub score: u8,
    /// The band the score falls in.
    pub status: HealthStatus,
    /// The usual number of days between the customer's inquiries, when there are enough.
    pub usual_interval_days: Option<u32>,
    /// Why, in English, e.g. "quiet for 45 days; usually writes every 30".
    pub explanation: String,
}

/// `Customer.metrics`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerMetrics {
    /// When anyone last heard from or wrote to the customer.
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_contact_at: Option<OffsetDateTime>,
    /// Inquiries in all.
    pub inquiry_count: u32,
    /// Inquiries in the last 90 days.
    pub inquiries_last_90_days: u32,
    /// Value of quotes sent, per currency.
    pub quoted_value: Vec<Money>,
    /// Quoted value converted to the member's currency at the server's reference
    /// rates (`null` when a rate is missing).
    #[serde(default)]
    pub quoted_value_converted: Option<Money>,
    /// Value of quotes accepted, per currency.
    pub won_value: Vec<Money>,
    /// Won value converted to the member's currency at the server's reference rates.
    pub won_value_converted: Option<Money>,
    /// Accepted quotes out of decided ones (accepted, rejected, expired), in percent.
    pub win_rate_percent: Option<u8>,
    /// Median minutes from an inquiry to the member's first reply.
    pub median_response_minutes: Option<u32>,
    /// The health score.
    pub health: CustomerHealth,
}
