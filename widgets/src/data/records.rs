//! The records in memory: one map per kind of record the change feed carries,
//! decoded from what the server sent. [`Record`] ties each kind to its map, its
//! object store and its list endpoint, so the engine loads, follows and caches
//! every kind with the same code.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Display;
use std::hash::Hash;
use std::str::FromStr;

use contract::customer::{CustomerSummary, Reminder};
use contract::ids::{CustomerId, InquiryId, ProductId, QuoteId, ReminderId, UserId};
use contract::inquiry::InquirySummary;
use contract::product::Product;
use contract::quote::QuoteSummary;
use contract::user::User;
use serde::de::DeserializeOwned;

use super::store::Collection;

/// A kind of record the data layer keeps.
pub(crate) trait Record: DeserializeOwned + Clone + 'static {
    type Id: Copy + Eq + Hash + FromStr + Display;
    /// Its object store, and the `entity` name the feed gives it.
    const COLLECTION: Collection;
    /// The path of its list endpoint below the API base.
    const LIST: &'static str;
    fn id(&self) -> Self::Id;
    fn map(records: &Records) -> &RefCell<HashMap<Self::Id, Self>>;
}

/// Every record in memory, by kind.
#[derive(Default)]
pub(crate) struct Records {
    pub(crate) inquiries: RefCell<HashMap<InquiryId, InquirySummary>>,
    pub(crate) customers: RefCell<HashMap<CustomerId, CustomerSummary>>,
    pub(crate) quotes: RefCell<HashMap<QuoteId, QuoteSummary>>,
    pub(crate) products: RefCell<HashMap<ProductId, Product>>,
    pub(crate) users: RefCell<HashMap<UserId, User>>,
    pub(crate) reminders: RefCell<HashMap<ReminderId, Reminder>>,
}

macro_rules! record {
    ($type:ty, $id:ty, $collection:ident, $list:literal, $field:ident) => {
        impl Record for $type {
            type Id = $id;
            const COLLECTION: Collection = Collection::$collection;
            const LIST: &'static str = $list;
            fn id(&self) -> $id {
                self.id
            }
            fn map(records: &Records) -> &RefCell<HashMap<$id, $type>> {
                &records.$field
            }
        }
    };
}

record!(InquirySummary, InquiryId, Inquiries, "inquiries", inquiries);
record!(
    CustomerSummary,
    CustomerId,
    Customers,
    "customers",
    customers
);
record!(QuoteSummary, QuoteId, Quotes, "quotes", quotes);
record!(Product, ProductId, Products, "products", products);
record!(User, UserId, Users, "users", users);
record!(Reminder, ReminderId, Reminders, "reminders", reminders);
