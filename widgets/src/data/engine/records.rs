//! The records: reading the cache at start, loading everything once, following
//! the change feed, storing what the server sent. Every kind of record goes
//! through the same generic code ([`Record`]).

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use contract::customer::{CustomerSummary, Reminder};
use contract::inquiry::InquirySummary;
use contract::product::Product;
use contract::quote::QuoteSummary;
use contract::user::User;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use super::details::refresh_details;
use super::tabs::{Message, post, post_status};
use super::{FEED_PAGE, LOAD_PAGE, from_js, storage_failed, store, warn};
use crate::api::{ApiError, RawChange, RawRecord};
use crate::data::records::Record;
use crate::data::store::{Collection, Store, Write};
use crate::data::{Connection, Inner, Mutation};
use crate::sync::{Entry, Outbox};

/// How many of the newest inquiries are read before the rest of the cache, so
/// that the inbox shows its first screen at once however large the cache.
const FIRST_SCREEN: usize = 100;

/// Reads the cache into memory: the newest inquiries first, then everything. A
/// record that no longer reads as the contract's type is dropped, and the next
/// sync reloads everything to get it back.
pub(super) async fn load_cache(inner: &Rc<Inner>) {
    let Some(store) = store(inner) else {
        return;
    };
    match store
        .newest(Collection::Inquiries, "received_at", FIRST_SCREEN)
        .await
    {
        Ok(newest) if !newest.is_empty() => {
            let newest: Vec<InquirySummary> = decode_all(newest, &mut 0);
            inner
                .records
                .inquiries
                .borrow_mut()
                .extend(newest.into_iter().map(|inquiry| (inquiry.id, inquiry)));
            inner.changed();
        }
        Ok(_) => {}
        Err(reason) => {
            storage_failed(inner, &reason);
            return;
        }
    }
    let loaded = async {
        let mut unreadable = 0_usize;
        read_cached::<InquirySummary>(inner, &store, &mut unreadable).await?;
        read_cached::<User>(inner, &store, &mut unreadable).await?;
        read_cached::<CustomerSummary>(inner, &store, &mut unreadable).await?;
        read_cached::<QuoteSummary>(inner, &store, &mut unreadable).await?;
        read_cached::<Product>(inner, &store, &mut unreadable).await?;
        read_cached::<Reminder>(inner, &store, &mut unreadable).await?;
        let outbox = store.outbox().await?;
        let cursor = store.cursor().await?;
        Ok::<_, String>((outbox, cursor, unreadable))
    }
    .await;
    let (outbox, mut cursor, mut unreadable) = match loaded {
        Ok(loaded) => loaded,
        Err(reason) => {
            storage_failed(inner, &reason);
            return;
        }
    };
    let entries: Vec<Entry<Mutation>> = decode_all(outbox, &mut unreadable);
    if unreadable > 0 {
        warn(
            "cached records that cannot be read were dropped and will be reloaded:",
            &unreadable.to_string(),
        );
        cursor = None;
    }
    *inner.outbox.borrow_mut() = Outbox::restore(entries);
    let complete = cursor.is_some();
    *inner.cursor.borrow_mut() = cursor;
    inner.set_status(|status| status.complete = complete);
    inner.changed();
}

/// Reads every cached `T` into memory (in place of what is there).
async fn read_cached<T: Record>(
    inner: &Inner,
    store: &Store,
    unreadable: &mut usize,
) -> Result<(), String> {
    let records: Vec<T> = decode_all(store.read_all(T::COLLECTION).await?, unreadable);
    *T::map(&inner.records).borrow_mut() = records
        .into_iter()
        .map(|record| (record.id(), record))
        .collect();
    Ok(())
}

/// The records that still read as `T`; counts the others in `unreadable`.
fn decode_all<T: DeserializeOwned>(records: Vec<JsValue>, unreadable: &mut usize) -> Vec<T> {
    let total = records.len();
    let decoded: Vec<T> = records.into_iter().filter_map(from_js).collect();
    *unreadable += total - decoded.len();
    decoded
}

/// Loads every record the user may see (first visit, or after the feed expired):
/// the inquiries first (the inbox waits for them), then the rest. The feed's
/// position is taken first, so nothing that changes meanwhile is missed.
pub(super) async fn load_everything(inner: &Rc<Inner>) -> Result<(), ApiError> {
    let start = inner.api.changes(None, 1).await?.next_cursor;
    let mut loaded = 0_u64;
    load_all::<User>(inner, &mut loaded).await?;
    load_all::<InquirySummary>(inner, &mut loaded).await?;
    load_all::<CustomerSummary>(inner, &mut loaded).await?;
    load_all::<QuoteSummary>(inner, &mut loaded).await?;
    load_all::<Product>(inner, &mut loaded).await?;
    load_all::<Reminder>(inner, &mut loaded).await?;
    if inner.stopped.get() {
        return Ok(());
    }
    save_cursor(inner, &start).await;
    inner.set_status(|status| status.complete = true);
    inner.changed();
    Ok(())
}

/// Loads every `T` page by page into memory and the cache; what the server no
/// longer lists leaves both. `loaded` counts the records loaded so far.
async fn load_all<T: Record>(inner: &Rc<Inner>, loaded: &mut u64) -> Result<(), ApiError> {
    let before = *loaded;
    let mut seen: HashSet<T::Id> = HashSet::new();
    let mut cursor = None;
    loop {
        if inner.stopped.get() {
            return Ok(());
        }
        let page = inner
            .api
            .list_raw(T::LIST, cursor.take(), LOAD_PAGE)
            .await?;
        let items: Vec<(T, JsValue)> = decode_items(page.items)?;
        *loaded += items.len() as u64;
        let total = before + page.total.max(*loaded - before);
        seen.extend(items.iter().map(|(record, _)| record.id()));
        put(inner, items).await;
        let progress = *loaded;
        inner.set_status(|status| {
            status.connection = Connection::Loading {
                loaded: progress,
                total,
            };
        });
        post_status(inner);
        inner.changed();
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let stale: Vec<String> = {
        let mut memory = T::map(&inner.records).borrow_mut();
        let stale = memory
            .keys()
            .filter(|id| !seen.contains(*id))
            .map(ToString::to_string)
            .collect();
        memory.retain(|id, _| seen.contains(id));
        stale
    };
    if let Some(store) = store(inner) {
        let keep: HashSet<String> = seen.iter().map(ToString::to_string).collect();
        if let Err(reason) = store.delete_except(T::COLLECTION, &keep).await {
            storage_failed(inner, &reason);
        }
    }
    if !stale.is_empty() {
        post(
            inner,
            &Message::Records {
                collection: T::COLLECTION,
                ids: stale,
            },
        );
        inner.changed();
    }
    Ok(())
}

/// Follows the change feed from the cursor until it has nothing more.
pub(super) async fn follow_feed(inner: &Rc<Inner>) -> Result<(), ApiError> {
    loop {
        let Some(since) = inner.cursor.borrow().clone() else {
            return Ok(());
        };
        let feed = inner.api.changes(Some(&since), FEED_PAGE).await?;
        if inner.stopped.get() {
            return Ok(());
        }
        if !feed.changes.is_empty() {
            apply_changes(inner, feed.changes).await?;
        }
        if feed.next_cursor != since {
            save_cursor(inner, &feed.next_cursor).await;
        }
        if !feed.has_more {
            return Ok(());
        }
    }
}

/// Applies a page of the feed to memory and the cache, then tells the other tabs
/// and refreshes the records fetched alone that it touched. Records are stored
/// as the server sent them; kinds this version does not know are skipped.
async fn apply_changes(inner: &Rc<Inner>, changes: Vec<RawChange>) -> Result<(), ApiError> {
    let mut writes: HashMap<Collection, Vec<Write>> = HashMap::new();
    let mut touched: HashMap<Collection, Vec<String>> = HashMap::new();
    for change in changes {
        let RawRecord {
            entity,
            id,
            current,
        } = change.record;
        let Some(collection) = Collection::of_entity(&entity) else {
            continue;
        };
        let gone = current.is_null() || current.is_undefined();
        let record = (!gone).then_some(&current);
        match collection {
            Collection::Inquiries => remember::<InquirySummary>(inner, &id, record)?,
            Collection::Customers => remember::<CustomerSummary>(inner, &id, record)?,
            Collection::Quotes => remember::<QuoteSummary>(inner, &id, record)?,
            Collection::Products => remember::<Product>(inner, &id, record)?,
            Collection::Users => remember::<User>(inner, &id, record)?,
            Collection::Reminders => remember::<Reminder>(inner, &id, record)?,
        }
        writes.entry(collection).or_default().push(if gone {
            Write::Delete(id.clone())
        } else {
            Write::Put(current)
        });
        touched.entry(collection).or_default().push(id);
    }
    if let Some(store) = store(inner) {
        for (collection, writes) in writes {
            if let Err(reason) = store.write(collection, writes, None).await {
                storage_failed(inner, &reason);
                break;
            }
        }
    }
    for (collection, ids) in touched {
        refresh_details(inner, collection, &ids);
        post(inner, &Message::Records { collection, ids });
    }
    inner.changed();
    Ok(())
}

/// Puts the `T` with `id` into memory as `record` says (`None`: gone).
fn remember<T: Record>(inner: &Inner, id: &str, record: Option<&JsValue>) -> Result<(), ApiError> {
    let key: T::Id = id
        .parse()
        .map_err(|_| ApiError::InvalidData(format!("{id:?} is not an id")))?;
    let mut memory = T::map(&inner.records).borrow_mut();
    match record {
        None => drop(memory.remove(&key)),
        Some(record) => drop(memory.insert(key, decode::<T>(record.clone())?)),
    }
    Ok(())
}

/// A record from the server as `T`; an answer that breaks the contract is an
/// error the widgets show, never half-rendered data.
pub(super) fn decode<T: DeserializeOwned>(record: JsValue) -> Result<T, ApiError> {
    serde_wasm_bindgen::from_value(record).map_err(|error| ApiError::InvalidData(error.to_string()))
}

/// The items of a list answer as `T`, each with the object as sent.
fn decode_items<T: DeserializeOwned>(items: JsValue) -> Result<Vec<(T, JsValue)>, ApiError> {
    if !js_sys::Array::is_array(&items) {
        return Err(ApiError::InvalidData("`items` is not a list".to_owned()));
    }
    js_sys::Array::from(&items)
        .iter()
        .map(|item| Ok((decode::<T>(item.clone())?, item)))
        .collect()
}

async fn save_cursor(inner: &Rc<Inner>, cursor: &str) {
    *inner.cursor.borrow_mut() = Some(cursor.to_owned());
    if let Some(store) = store(inner)
        && let Err(reason) = store
            .write(Collection::Inquiries, Vec::new(), Some(cursor))
            .await
    {
        storage_failed(inner, &reason);
    }
}

/// Stores records (each with the object as sent) in memory and the cache, and
/// tells the other tabs.
async fn put<T: Record>(inner: &Rc<Inner>, records: Vec<(T, JsValue)>) {
    let mut ids = Vec::with_capacity(records.len());
    let mut writes = Vec::with_capacity(records.len());
    {
        let mut memory = T::map(&inner.records).borrow_mut();
        for (record, raw) in records {
            ids.push(record.id().to_string());
            memory.insert(record.id(), record);
            writes.push(Write::Put(raw));
        }
    }
    if let Some(store) = store(inner)
        && let Err(reason) = store.write(T::COLLECTION, writes, None).await
    {
        storage_failed(inner, &reason);
    }
    post(
        inner,
        &Message::Records {
            collection: T::COLLECTION,
            ids,
        },
    );
}

/// Reads records another tab wrote (those missing are gone).
pub(super) async fn reload_records(inner: &Rc<Inner>, collection: Collection, ids: Vec<String>) {
    let Some(store) = store(inner) else {
        return;
    };
    let Ok(records) = store.read_some(collection, &ids).await else {
        return;
    };
    match collection {
        Collection::Inquiries => replace::<InquirySummary>(inner, &ids, records),
        Collection::Customers => replace::<CustomerSummary>(inner, &ids, records),
        Collection::Quotes => replace::<QuoteSummary>(inner, &ids, records),
        Collection::Products => replace::<Product>(inner, &ids, records),
        Collection::Users => replace::<User>(inner, &ids, records),
        Collection::Reminders => replace::<Reminder>(inner, &ids, records),
    }
    refresh_details(inner, collection, &ids);
    inner.changed();
}

fn replace<T: Record>(inner: &Inner, ids: &[String], records: Vec<JsValue>) {
    let mut memory = T::map(&inner.records).borrow_mut();
    for id in ids {
        if let Ok(id) = id.parse() {
            memory.remove(&id);
        }
    }
    for record in records.into_iter().filter_map(from_js::<T>) {
        memory.insert(record.id(), record);
    }
}
