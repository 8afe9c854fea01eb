//! Identifier newtypes: an inquiry id can never be passed where a customer id is
//! expected. On the wire every id is a UUID string.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// The id's UUID.
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(formatter)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(text).map(Self)
            }
        }

        impl From<Uuid> for $name {
            fn from(uuid: Uuid) -> Self {
                Self(uuid)
            }
        }
    };
}

id_type!(
    /// A member company of the portal: the seller, and the tenant every query is scoped to.
    MemberId
);
id_type!(
    /// A person of a member company (owner, manager or sales rep).
    UserId
);
id_type!(
    /// A buyer's inquiry (RFQ) received by a member.
    InquiryId
);
id_type!(
    /// A buyer company in a member's customer base.
    CustomerId
);
id_type!(
    /// A person at a buyer company.
    ContactId
);
id_type!(
    /// One message of an inquiry's thread.
    MessageId
);
id_type!(
    /// A product of a member's catalog.
    ProductId
);
id_type!(
    /// One revision of a quotation.
    QuoteId
);
id_type!(
    /// A note, call, meeting, e-mail or sample shipment logged on a customer.
    ActivityId
);
id_type!(
    /// A follow-up or important date on a customer.
    ReminderId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text_and_json() {
        let id: InquiryId = "0b7f7e52-3c1e-4f43-9a52-9e3f3d0c2a11".parse().unwrap();
        assert_eq!(id.to_string(), "0b7f7e52-3c1e-4f43-9a52-9e3f3d0c2a11");
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"0b7f7e52-3c1e-4f43-9a52-9e3f3d0c2a11\"");
        assert_eq!(serde_json::from_str::<InquiryId>(&json).unwrap(), id);
    }

    #[test]
    fn malformed_ids_are_rejected() {
        assert!("not-a-uuid".parse::<CustomerId>().is_err());
        assert!(serde_json::from_str::<CustomerId>("\"42\"").is_err());
    }
}
