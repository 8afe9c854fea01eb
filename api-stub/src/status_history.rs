//! What the customer's timeline shows of status changes: each change of an
//! inquiry's status (when the inquiry has a customer) and of a customer's
//! lifecycle stage or tier is written here, in the changing transaction.

use contract::ids::{CustomerId, InquiryId};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::auth::Caller;
use crate::sql::DbConnection;
use crate::stored::timestamp_to_text;

/// Which value changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// An inquiry's status.
    Status,
    /// The customer's lifecycle stage.
    Stage,
    /// The customer's tier.
    Tier,
}

impl Field {
    fn as_str(self) -> &'static str {
        match self {
            Field::Status => "status",
            Field::Stage => "stage",
            Field::Tier => "tier",
        }
    }
}

/// Records that `field` of customer `customer` (or of its inquiry `inquiry`)
/// went from `from` to `to` (wire names), by the caller, at `at`.
pub async fn record(
    connection: &mut DbConnection,
    caller: &Caller,
    (customer, inquiry): (CustomerId, Option<InquiryId>),
    field: Field,
    (from, to): (&str, &str),
    at: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO status_changes (id, member_id, customer_id, inquiry_id, field, old_value,
                                     new_value, author_id, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(Uuid::new_v4().to_string())
    .bind(caller.member_id.to_string())
    .bind(customer.to_string())
    .bind(inquiry.map(|inquiry| inquiry.to_string()))
    .bind(field.as_str())
    .bind(from)
    .bind(to)
    .bind(caller.user_id.to_string())
    .bind(timestamp_to_text(at))
    .execute(connection)
    .await?;
    Ok(())
}
