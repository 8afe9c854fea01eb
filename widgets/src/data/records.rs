//! The records in memory: one map per kind of record the change feed carries,
//! decoded from what the server sent. [`Record`] ties each kind to its map, its
//! object store and its list endpoint, so the engine loads, follows and caches
//! every kind with the same code.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt::Display;
use std::hash::Hash;
use std::str::FromStr;
use std::sync::Arc;

use contract::customer::{CustomerSummary, Reminder};
use contract::ids::{CustomerId, InquiryId, ProductId, QuoteId, ReminderId, UserId};
use contract::inquiry::InquirySummary;
use contract::operation::{
    ListCustomers, ListInquiries, ListProducts, ListQuotes, ListReminders, ListUsers, Operation,
};
use contract::product::Product;
use contract::quote::QuoteSummary;
use contract::user::User;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use super::store::Collection;
use crate::api::ApiError;

/// A kind of record the data layer keeps; [`Kind`] is its type-erased form.
pub(crate) trait Record: DeserializeOwned + Clone + 'static {
    type Id: Copy + Eq + Hash + FromStr + Display;
    /// Its object store.
    const COLLECTION: Collection;
    /// Its list operation.
    type List: Operation;
    fn id(&self) -> Self::Id;
    fn map(records: &Records) -> &RefCell<HashMap<Self::Id, Arc<Self>>>;
}

/// Every record in memory, by kind.
#[derive(Default)]
pub(crate) struct Records {
    pub(crate) inquiries: RefCell<HashMap<InquiryId, Arc<InquirySummary>>>,
    pub(crate) customers: RefCell<HashMap<CustomerId, Arc<CustomerSummary>>>,
    pub(crate) quotes: RefCell<HashMap<QuoteId, Arc<QuoteSummary>>>,
    pub(crate) products: RefCell<HashMap<ProductId, Arc<Product>>>,
    pub(crate) users: RefCell<HashMap<UserId, Arc<User>>>,
    pub(crate) reminders: RefCell<HashMap<ReminderId, Arc<Reminder>>>,
}

macro_rules! record {
    ($type:ty, $id:ty, $collection:ident, $list:ty, $field:ident) => {
        impl Record for $type {
            type Id = $id;
            const COLLECTION: Collection = Collection::$collection;
            type List = $list;
            fn id(&self) -> $id {
                self.id
            }
            fn map(records: &Records) -> &RefCell<HashMap<$id, Arc<$type>>> {
                &records.$field
            }
        }
    };
}

record!(
    InquirySummary,
    InquiryId,
    Inquiries,
    ListInquiries,
    inquiries
);
record!(
    CustomerSummary,
    CustomerId,
    Customers,
    ListCustomers,
    customers
);
record!(QuoteSummary, QuoteId, Quotes, ListQuotes, quotes);
record!(Product, ProductId, Products, ListProducts, products);
record!(User, UserId, Users, ListUsers, users);
record!(Reminder, ReminderId, Reminders, ListReminders, reminders);

/// A kind of record with its type erased: the engine's async loops exist once
/// instead of once per kind (each async state machine costs kilobytes of wasm);
/// only these small functions are made per kind.
pub(crate) struct Kind {
    pub(crate) collection: Collection,
    /// The path of its list operation below the API base.
    pub(crate) list: &'static str,
    /// Decodes a list answer's `items` and puts them into memory; their ids.
    pub(crate) put: fn(&Records, &JsValue) -> Result<Vec<String>, ApiError>,
    /// Puts one record from the feed into memory (`None`: it is gone).
    pub(crate) set: fn(&Records, &str, Option<&JsValue>) -> Result<(), ApiError>,
    /// Puts records read from the cache into memory; their ids, and how many
    /// did not read.
    pub(crate) put_cached: fn(&Records, Vec<JsValue>) -> (Vec<String>, usize),
    /// Replaces the records `ids` by those read from the cache (missing: gone).
    pub(crate) replace_some: fn(&Records, &[String], Vec<JsValue>),
    /// Keeps only the records `keep`; the ids of those dropped.
    pub(crate) retain: fn(&Records, &HashSet<String>) -> Vec<String>,
}

/// Every kind, in the order a first load fetches them: users (small, named in
/// the inbox), inquiries (the inbox waits for them), then the rest.
pub(crate) const KINDS: [Kind; 6] = [
    kind::<User>(),
    kind::<InquirySummary>(),
    kind::<CustomerSummary>(),
    kind::<QuoteSummary>(),
    kind::<Product>(),
    kind::<Reminder>(),
];

impl Kind {
    pub(crate) fn of(collection: Collection) -> &'static Kind {
        KINDS
            .iter()
            .find(|kind| kind.collection == collection)
            .unwrap_or(&KINDS[0])
    }
}

const fn kind<T: Record>() -> Kind {
    Kind {
        collection: T::COLLECTION,
        list: <T::List as Operation>::PATH,
        put: put::<T>,
        set: set::<T>,
        put_cached: put_cached::<T>,
        replace_some: replace_some::<T>,
        retain: retain::<T>,
    }
}

/// A record from the server as `T`; an answer that breaks the contract is an
/// error the widgets show, never half-rendered data.
fn decode<T: DeserializeOwned>(record: JsValue) -> Result<T, ApiError> {
    serde_wasm_bindgen::from_value(record).map_err(|error| ApiError::InvalidData(error.to_string()))
}

fn put<T: Record>(records: &Records, items: &JsValue) -> Result<Vec<String>, ApiError> {
    if !js_sys::Array::is_array(items) {
        return Err(ApiError::InvalidData("`items` is not a list".to_owned()));
    }
    let decoded = js_sys::Array::from(items)
        .iter()
        .map(decode::<T>)
        .collect::<Result<Vec<T>, ApiError>>()?;
    let mut memory = T::map(records).borrow_mut();
    Ok(decoded
        .into_iter()
        .map(|record| {
            let id = record.id();
            memory.insert(id, Arc::new(record));
            id.to_string()
        })
        .collect())
}

fn set<T: Record>(records: &Records, id: &str, record: Option<&JsValue>) -> Result<(), ApiError> {
    let key: T::Id = id
        .parse()
        .map_err(|_| ApiError::InvalidData(format!("{id:?} is not an id")))?;
    let record = record.cloned().map(decode::<T>).transpose()?;
    let mut memory = T::map(records).borrow_mut();
    match record {
        None => drop(memory.remove(&key)),
        Some(record) => drop(memory.insert(key, Arc::new(record))),
    }
    Ok(())
}

fn put_cached<T: Record>(records: &Records, cached: Vec<JsValue>) -> (Vec<String>, usize) {
    let total = cached.len();
    let mut memory = T::map(records).borrow_mut();
    let ids: Vec<String> = cached
        .into_iter()
        .filter_map(|record| serde_wasm_bindgen::from_value::<T>(record).ok())
        .map(|record| {
            let id = record.id();
            memory.insert(id, Arc::new(record));
            id.to_string()
        })
        .collect();
    let unreadable = total - ids.len();
    (ids, unreadable)
}

fn replace_some<T: Record>(records: &Records, ids: &[String], cached: Vec<JsValue>) {
    let mut memory = T::map(records).borrow_mut();
    for id in ids {
        if let Ok(id) = id.parse() {
            memory.remove(&id);
        }
    }
    for record in cached {
        if let Ok(record) = serde_wasm_bindgen::from_value::<T>(record) {
            memory.insert(record.id(), Arc::new(record));
        }
    }
}

fn retain<T: Record>(records: &Records, keep: &HashSet<String>) -> Vec<String> {
    let mut memory = T::map(records).borrow_mut();
    // Memory holds at least what is kept (it was all just put there): the same
    // count means nothing else, the usual case, with no need to write out every id.
    if memory.len() == keep.len() {
        return Vec::new();
    }
    let mut dropped = Vec::new();
    memory.retain(|id, _| {
        let id = id.to_string();
        let kept = keep.contains(&id);
        if !kept {
            dropped.push(id);
        }
        kept
    });
    dropped
}
