//! The kinds of record the cache keeps, their object stores and indexes.

/// The cached kinds of record, one object store each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Collection {
    Inquiries,
    Customers,
    Quotes,
    Products,
    Users,
    Reminders,
}

impl Collection {
    pub(crate) const ALL: [Collection; 6] = [
        Collection::Inquiries,
        Collection::Customers,
        Collection::Quotes,
        Collection::Products,
        Collection::Users,
        Collection::Reminders,
    ];

    pub(crate) fn store(self) -> &'static str {
        match self {
            Collection::Inquiries => "inquiries",
            Collection::Customers => "customers",
            Collection::Quotes => "quotes",
            Collection::Products => "products",
            Collection::Users => "users",
            Collection::Reminders => "reminders",
        }
    }

    /// The collection of the feed's `entity` name.
    pub(crate) fn of_entity(entity: &str) -> Option<Collection> {
        Some(match entity {
            "inquiry" => Collection::Inquiries,
            "customer" => Collection::Customers,
            "quote" => Collection::Quotes,
            "product" => Collection::Products,
            "user" => Collection::Users,
            "reminder" => Collection::Reminders,
            _ => return None,
        })
    }

    /// The indexes of the collection's store, each named after the field it
    /// indexes: the inbox reads its first screen newest first by `received_at`,
    /// a customer's quotes and reminders are found by `customer_id`, products by
    /// `sku`.
    pub(crate) fn indexes(self) -> &'static [&'static str] {
        match self {
            Collection::Inquiries => &["received_at", "customer_id"],
            Collection::Customers => &["name"],
            Collection::Quotes => &["customer_id", "inquiry_id"],
            Collection::Products => &["sku"],
            Collection::Users => &[],
            Collection::Reminders => &["customer_id", "due_on"],
        }
    }
}
