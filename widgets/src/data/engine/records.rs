//! The records: reading the cache at start, loading everything once, following
//! the change feed, storing what the server sent. Every kind of record goes
//! through the same code, with its type erased ([`Kind`]).

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use contract::inquiry::InquirySummary;
use wasm_bindgen::JsValue;

use super::details::refresh_details;
use super::tabs::{Message, post, post_status};
use super::tagged::entry_from_js;
use super::{FEED_PAGE, LOAD_PAGE, from_js, storage_failed, store, warn};
use crate::api::{ApiError, RawChange, RawRecord};
use crate::data::records::{KINDS, Kind};
use crate::data::store::{Collection, Write};
use crate::data::{Connection, Inner, Mutation};
use crate::sync::{Entry, Outbox};

/// How many of the newest inquiries are read before the rest of the cache, so
/// that the inbox shows its first screen at once however large the cache.
const FIRST_SCREEN: usize = 100;

/// While loading everything, views are told of new records every this many pages.
const SHOW_EVERY_PAGES: u32 = 10;

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
            let newest: Vec<InquirySummary> = decode_all(newest, from_js, &mut 0);
            inner.records.inquiries.borrow_mut().extend(
                newest
                    .into_iter()
                    .map(|inquiry| (inquiry.id, std::sync::Arc::new(inquiry))),
            );
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
        for kind in &KINDS {
            // Decoded batch by batch as IndexedDB hands them over; then what
            // memory holds beyond the cache (nothing, at start) is dropped.
            let mut seen = HashSet::new();
            store
                .read_each(kind.collection, |batch| {
                    let (ids, bad) = (kind.put_cached)(&inner.records, batch);
                    seen.extend(ids);
                    unreadable += bad;
                })
                .await?;
            (kind.retain)(&inner.records, &seen);
        }
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
    let entries: Vec<Entry<Mutation>> = decode_all(outbox, entry_from_js, &mut unreadable);
    if unreadable > 0 {
        warn(
            "cached records that cannot be read were dropped and will be reloaded:",
            &unreadable.to_string(),
        );
        cursor = None;
    }
    // A page opened again is a new chance: edits that waited for a later
    // retry (their backoff counted on the closed page) go at once.
    let mut outbox = Outbox::restore(entries);
    outbox.hurry();
    *inner.outbox.borrow_mut() = outbox;
    let complete = cursor.is_some();
    *inner.cursor.borrow_mut() = cursor;
    inner.set_status(|status| status.complete = complete);
    inner.changed();
}

/// The records `decode` reads; counts the others in `unreadable`.
fn decode_all<T>(
    records: Vec<JsValue>,
    decode: impl FnMut(JsValue) -> Option<T>,
    unreadable: &mut usize,
) -> Vec<T> {
    let total = records.len();
    let decoded: Vec<T> = records.into_iter().filter_map(decode).collect();
    *unreadable += total - decoded.len();
    decoded
}

/// Loads every record the user may see (first visit, or after the feed expired):
/// the inquiries first (the inbox waits for them), then the rest. The feed's
/// position is taken first, so nothing that changes meanwhile is missed.
pub(super) async fn load_everything(inner: &Rc<Inner>) -> Result<(), ApiError> {
    let start = inner.api.changes(None, 1).await?.next_cursor;
    let mut loaded = 0_u64;
    for kind in &KINDS {
        load_all(inner, kind, &mut loaded).await?;
    }
    if inner.stopped.get() {
        return Ok(());
    }
    save_cursor(inner, &start).await;
    inner.set_status(|status| status.complete = true);
    inner.changed();
    Ok(())
}

/// Loads every record of `kind` page by page into memory and the cache; what
/// the server no longer lists leaves both. `loaded` counts the records loaded so far.
async fn load_all(inner: &Rc<Inner>, kind: &Kind, loaded: &mut u64) -> Result<(), ApiError> {
    let before = *loaded;
    let mut seen: HashSet<String> = HashSet::new();
    let mut cursor = None;
    for page_number in 0_u32.. {
        if inner.stopped.get() {
            return Ok(());
        }
        let page = inner
            .api
            .list_raw(kind.list, cursor.take(), LOAD_PAGE)
            .await?;
        let ids = (kind.put)(&inner.records, &page.items)?;
        *loaded += ids.len() as u64;
        let total = before + page.total.max(*loaded - before);
        let writes = js_sys::Array::from(&page.items)
            .iter()
            .map(Write::Put)
            .collect();
        store_and_tell(inner, kind.collection, writes, ids.clone()).await;
        seen.extend(ids);
        let progress = *loaded;
        inner.set_status(|status| {
            status.connection = Connection::Loading {
                loaded: progress,
                total,
            };
        });
        post_status(inner);
        // Lists come newest first: the first page fills the first screen; later
        // ones are shown every few pages, not each (views recompute on each).
        if page_number % SHOW_EVERY_PAGES == 0 {
            inner.changed();
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let stale = (kind.retain)(&inner.records, &seen);
    if let Some(store) = store(inner)
        && let Err(reason) = store.delete_except(kind.collection, &seen).await
    {
        storage_failed(inner, &reason);
    }
    if !stale.is_empty() {
        post(
            inner,
            &Message::Records {
                collection: kind.collection,
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
        (Kind::of(collection).set)(&inner.records, &id, (!gone).then_some(&current))?;
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

/// Stores records as sent in the cache, and tells the other tabs.
async fn store_and_tell(
    inner: &Rc<Inner>,
    collection: Collection,
    writes: Vec<Write>,
    ids: Vec<String>,
) {
    if let Some(store) = store(inner)
        && let Err(reason) = store.write(collection, writes, None).await
    {
        storage_failed(inner, &reason);
    }
    post(inner, &Message::Records { collection, ids });
}

/// Reads records another tab wrote (those missing are gone).
pub(super) async fn reload_records(inner: &Rc<Inner>, collection: Collection, ids: Vec<String>) {
    let Some(store) = store(inner) else {
        return;
    };
    let Ok(records) = store.read_some(collection, &ids).await else {
        return;
    };
    (Kind::of(collection).replace_some)(&inner.records, &ids, records);
    refresh_details(inner, collection, &ids);
    inner.changed();
}
