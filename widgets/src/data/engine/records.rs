//! The records: reading the cache at start, loading everything once, following
//! the change feed, storing what the server sent.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use contract::inquiry::{InquiryListQuery, InquirySummary};
use contract::user::User;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use super::tabs::{Message, post, post_status};
use super::{FEED_PAGE, LOAD_PAGE, from_js, storage_failed, store, warn};
use crate::api::{ApiError, RawChange, RawRecord};
use crate::data::store::{Collection, Write};
use crate::data::{Connection, Inner, Mutation};
use crate::sync::{Entry, Outbox};

/// Reads the cache into memory. A record that no longer reads as the contract's
/// type is dropped, and the next sync reloads everything to get it back.
pub(super) async fn load_cache(inner: &Rc<Inner>) {
    let Some(store) = store(inner) else {
        return;
    };
    let loaded = async {
        let inquiries = store.read_all(Collection::Inquiries).await?;
        let users = store.read_all(Collection::Users).await?;
        let outbox = store.outbox().await?;
        let cursor = store.cursor().await?;
        Ok::<_, String>((inquiries, users, outbox, cursor))
    }
    .await;
    let (inquiries, users, outbox, mut cursor) = match loaded {
        Ok(loaded) => loaded,
        Err(reason) => {
            storage_failed(inner, &reason);
            return;
        }
    };
    let mut unreadable = 0_usize;
    let inquiries: Vec<InquirySummary> = decode_all(inquiries, &mut unreadable);
    let users: Vec<User> = decode_all(users, &mut unreadable);
    let entries: Vec<Entry<Mutation>> = decode_all(outbox, &mut unreadable);
    if unreadable > 0 {
        warn(
            "cached records that cannot be read were dropped and will be reloaded:",
            &unreadable.to_string(),
        );
        cursor = None;
    }
    *inner.inquiries.borrow_mut() = inquiries
        .into_iter()
        .map(|inquiry| (inquiry.id, inquiry))
        .collect();
    *inner.users.borrow_mut() = users.into_iter().map(|user| (user.id, user)).collect();
    *inner.outbox.borrow_mut() = Outbox::restore(entries);
    let complete = cursor.is_some();
    *inner.cursor.borrow_mut() = cursor;
    inner.set_status(|status| status.complete = complete);
    inner.changed();
}

/// The records that still read as `T`; counts the others in `unreadable`.
fn decode_all<T: DeserializeOwned>(records: Vec<JsValue>, unreadable: &mut usize) -> Vec<T> {
    let total = records.len();
    let decoded: Vec<T> = records.into_iter().filter_map(from_js).collect();
    *unreadable += total - decoded.len();
    decoded
}

/// Loads every record the user may see (first visit, or after the feed expired).
/// The feed's position is taken first, so nothing that changes meanwhile is missed.
pub(super) async fn load_everything(inner: &Rc<Inner>) -> Result<(), ApiError> {
    let start = inner.api.changes(None, 1).await?.next_cursor;
    let users = inner.api.list_users_raw().await?.items;
    put_users(inner, decode_items(users)?).await;

    let mut seen = HashSet::new();
    let mut cursor = None;
    let mut loaded = 0_u64;
    loop {
        let query = InquiryListQuery {
            limit: Some(LOAD_PAGE),
            cursor: cursor.take(),
            ..InquiryListQuery::default()
        };
        let page = inner.api.list_inquiries_raw(&query).await?;
        if inner.stopped.get() {
            return Ok(());
        }
        let items: Vec<(InquirySummary, JsValue)> = decode_items(page.items)?;
        loaded += items.len() as u64;
        let total = page.total.max(loaded);
        seen.extend(items.iter().map(|(inquiry, _)| inquiry.id));
        put_inquiries(inner, items).await;
        inner.set_status(|status| status.connection = Connection::Loading { loaded, total });
        post_status(inner);
        inner.changed();
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    // What the server no longer lists leaves the cache.
    let stale: Vec<String> = {
        let mut inquiries = inner.inquiries.borrow_mut();
        let stale = inquiries
            .keys()
            .filter(|id| !seen.contains(*id))
            .map(ToString::to_string)
            .collect();
        inquiries.retain(|id, _| seen.contains(id));
        stale
    };
    if let Some(store) = store(inner) {
        let keep: HashSet<String> = seen.iter().map(ToString::to_string).collect();
        if let Err(reason) = store.delete_except(Collection::Inquiries, &keep).await {
            storage_failed(inner, &reason);
        }
    }
    save_cursor(inner, &start).await;
    inner.set_status(|status| status.complete = true);
    post(
        inner,
        &Message::Records {
            inquiries: stale,
            users: false,
        },
    );
    inner.changed();
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

/// Applies a page of the feed to memory and the cache, then tells the other tabs.
/// Records are stored as the server sent them; kinds this version does not know
/// are skipped.
async fn apply_changes(inner: &Rc<Inner>, changes: Vec<RawChange>) -> Result<(), ApiError> {
    let mut writes: HashMap<Collection, Vec<Write>> = HashMap::new();
    let mut inquiry_ids = Vec::new();
    let mut users_changed = false;
    for change in changes {
        let RawRecord {
            entity,
            id,
            current,
        } = change.record;
        let collection = match entity.as_str() {
            "inquiry" => Collection::Inquiries,
            "customer" => Collection::Customers,
            "quote" => Collection::Quotes,
            "product" => Collection::Products,
            "user" => Collection::Users,
            "reminder" => Collection::Reminders,
            _ => continue,
        };
        let gone = current.is_null() || current.is_undefined();
        let bad_id = || ApiError::InvalidData(format!("{id:?} is not an id"));
        match collection {
            Collection::Inquiries => {
                inquiry_ids.push(id.clone());
                let key = id.parse().map_err(|_| bad_id())?;
                let mut memory = inner.inquiries.borrow_mut();
                if gone {
                    memory.remove(&key);
                } else {
                    memory.insert(key, decode::<InquirySummary>(current.clone())?);
                }
            }
            Collection::Users => {
                users_changed = true;
                let key = id.parse().map_err(|_| bad_id())?;
                let mut memory = inner.users.borrow_mut();
                if gone {
                    memory.remove(&key);
                } else {
                    memory.insert(key, decode::<User>(current.clone())?);
                }
            }
            _ => {}
        }
        writes.entry(collection).or_default().push(if gone {
            Write::Delete(id)
        } else {
            Write::Put(current)
        });
    }
    if let Some(store) = store(inner) {
        for (collection, writes) in writes {
            if let Err(reason) = store.write(collection, writes, None).await {
                storage_failed(inner, &reason);
                break;
            }
        }
    }
    post(
        inner,
        &Message::Records {
            inquiries: inquiry_ids,
            users: users_changed,
        },
    );
    inner.changed();
    Ok(())
}

/// A record from the server as `T`; an answer that breaks the contract is an
/// error the widgets show, never half-rendered data.
fn decode<T: DeserializeOwned>(record: JsValue) -> Result<T, ApiError> {
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

/// Stores inquiries (each with the object as sent) in memory and the cache.
async fn put_inquiries(inner: &Rc<Inner>, inquiries: Vec<(InquirySummary, JsValue)>) {
    let mut ids = Vec::with_capacity(inquiries.len());
    let mut writes = Vec::with_capacity(inquiries.len());
    {
        let mut memory = inner.inquiries.borrow_mut();
        for (inquiry, raw) in inquiries {
            ids.push(inquiry.id.to_string());
            memory.insert(inquiry.id, inquiry);
            writes.push(Write::Put(raw));
        }
    }
    if let Some(store) = store(inner)
        && let Err(reason) = store.write(Collection::Inquiries, writes, None).await
    {
        storage_failed(inner, &reason);
    }
    post(
        inner,
        &Message::Records {
            inquiries: ids,
            users: false,
        },
    );
}

/// Replaces the users in memory and the cache.
async fn put_users(inner: &Rc<Inner>, users: Vec<(User, JsValue)>) {
    let keep: HashSet<String> = users.iter().map(|(user, _)| user.id.to_string()).collect();
    let mut writes = Vec::with_capacity(users.len());
    {
        let mut memory = inner.users.borrow_mut();
        memory.clear();
        for (user, raw) in users {
            memory.insert(user.id, user);
            writes.push(Write::Put(raw));
        }
    }
    if let Some(store) = store(inner) {
        let result = match store.write(Collection::Users, writes, None).await {
            Ok(()) => store.delete_except(Collection::Users, &keep).await,
            error => error,
        };
        if let Err(reason) = result {
            storage_failed(inner, &reason);
        }
    }
    post(
        inner,
        &Message::Records {
            inquiries: Vec::new(),
            users: true,
        },
    );
}
