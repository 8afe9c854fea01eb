//! The IndexedDB cache of one user of one member: a database per user, so that
//! another user signing in on the same browser never sees the previous one's data.
//!
//! Records are stored as the contract's JSON objects, keyed by `id`, with
//! indexes on the fields the widgets look records up by ([`Collection::indexes`]);
//! the outbox by an auto-incremented `seq` (its order across tabs); `details`
//! holds records fetched one at a time (a customer with its contacts), keyed by
//! their path; `meta` holds the change feed cursor. Writes go in batches of at most [`BATCH`] records, one
//! transaction each, and nothing but IndexedDB requests is awaited inside a
//! transaction (anything else would commit it early).

use futures_util::future::{Either, select};
use indexed_db_futures::cursor::CursorDirection;
use indexed_db_futures::database::{Database, VersionChangeEvent};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use indexed_db_futures::{KeyPath, KeyRange};
use wasm_bindgen::JsValue;

use super::browser::sleep;

mod collection;

pub(crate) use collection::Collection;

/// The schema version; [`upgrade`] brings any older database up to it.
/// 1: the record stores, `outbox`, `meta`. 2: indexes, `details`.
pub(crate) const SCHEMA_VERSION: u32 = 2;
/// The most records one transaction writes.
pub(crate) const BATCH: usize = 1000;
/// The most records one read hands over at once. Decoding them is one task of
/// the page's main thread: 1,000 inquiries took 60 to 180 ms on the benchmark
/// machine (`cargo xtask bench`, host-page long tasks); 250 keep a task well
/// under the 50 ms that makes it a long task.
pub(crate) const READ_BATCH: usize = 250;
/// How long an open may stay blocked (another tab holding an older version open)
/// before the widgets give up on the cache and work from memory.
const OPEN_TIMEOUT_MILLISECONDS: u32 = 4_000;

pub(crate) const OUTBOX: &str = "outbox";
const META: &str = "meta";
const DETAILS: &str = "details";
const CURSOR_KEY: &str = "cursor";

/// One write to a collection.
#[derive(Debug)]
pub(crate) enum Write {
    Put(JsValue),
    Delete(String),
}

/// An open cache database.
#[derive(Clone, Debug)]
pub(crate) struct Store {
    db: Database,
}

fn describe(error: impl std::fmt::Display) -> String {
    error.to_string()
}

/// Brings a database of `old_version` up to [`SCHEMA_VERSION`]. The record
/// stores and `meta` are a cache of the server: they are rebuilt (and the next
/// sync loads everything again). The outbox holds edits the server has not yet
/// acknowledged: it is kept as it is.
fn upgrade(event: &VersionChangeEvent, db: &Database) -> indexed_db_futures::Result<()> {
    let old_version = event.old_version() as u32;
    let existing: Vec<String> = db.object_store_names().collect();
    if old_version < SCHEMA_VERSION {
        for name in &existing {
            if name != OUTBOX {
                db.delete_object_store(name)?;
            }
        }
        for collection in Collection::ALL {
            let store = db
                .create_object_store(collection.store())
                .with_key_path(KeyPath::from("id"))
                .build()?;
            for &field in collection.indexes() {
                store.create_index(field, KeyPath::from(field)).build()?;
            }
        }
        db.create_object_store(DETAILS)
            .with_key_path(KeyPath::from("path"))
            .build()?;
        db.create_object_store(META).build()?;
    }
    if !existing.iter().any(|name| name == OUTBOX) {
        db.create_object_store(OUTBOX)
            .with_key_path(KeyPath::from("seq"))
            .with_auto_increment(true)
            .build()?;
    }
    Ok(())
}

impl Store {
    /// A transaction on `names`, for reading or (with `write`) writing.
    fn transaction<'a>(&'a self, names: &[&str], write: bool) -> Result<Transaction<'a>, String> {
        let mode = if write {
            TransactionMode::Readwrite
        } else {
            TransactionMode::Readonly
        };
        self.db
            .transaction(names.to_vec())
            .with_mode(mode)
            .build()
            .map_err(describe)
    }

    /// Opens (creating or upgrading) the database `name`. Fails with a reason
    /// when IndexedDB is missing, refuses (private mode, quota, policy) or stays
    /// blocked by another tab.
    pub(crate) async fn open(name: &str) -> Result<Store, String> {
        let available = web_sys::window()
            .and_then(|window| js_sys::Reflect::get(&window, &"indexedDB".into()).ok())
            .is_some_and(|factory| !factory.is_null() && !factory.is_undefined());
        if !available {
            return Err("IndexedDB is not available in this browser".to_owned());
        }
        let open = Database::open(name)
            .with_version(SCHEMA_VERSION)
            .with_on_blocked(|_| Ok(()))
            .with_on_upgrade_needed(|event, db| upgrade(&event, &db))
            .into_future();
        let timeout = sleep(OPEN_TIMEOUT_MILLISECONDS);
        match select(Box::pin(open), Box::pin(timeout)).await {
            Either::Left((Ok(db), _)) => Ok(Store { db }),
            Either::Left((Err(error), _)) => Err(describe(error)),
            Either::Right(((), open)) => {
                // The request cannot be withdrawn: should it succeed later,
                // close what it opened, so that it blocks nobody.
                leptos::task::spawn_local(async move {
                    if let Ok(db) = open.await {
                        db.close();
                    }
                });
                Err("another tab is upgrading the offline storage".to_owned())
            }
        }
    }

    /// Closes the database (another tab wants to upgrade it, or the user changed).
    pub(crate) fn close(&self) {
        self.db.clone().close();
    }

    /// The underlying database, for its `versionchange` events.
    pub(crate) fn database(&self) -> &Database {
        &self.db
    }

    /// Every record of `collection`, handed to `each` in batches of [`READ_BATCH`]
    /// (one transaction each), so that the caller's work on a batch is a task of
    /// its own rather than one long task over the whole cache.
    pub(crate) async fn read_each(
        &self,
        collection: Collection,
        each: impl FnMut(Vec<JsValue>),
    ) -> Result<(), String> {
        self.read_batches(collection.store(), each).await
    }

    async fn read_all_of(&self, store_name: &str) -> Result<Vec<JsValue>, String> {
        let mut records = Vec::new();
        self.read_batches(store_name, |batch| records.extend(batch))
            .await?;
        Ok(records)
    }

    async fn read_batches(
        &self,
        store_name: &str,
        mut each: impl FnMut(Vec<JsValue>),
    ) -> Result<(), String> {
        let mut after: Option<JsValue> = None;
        loop {
            let transaction = self.transaction(&[store_name], false)?;
            let store = transaction.object_store(store_name).map_err(describe)?;
            // -Infinity is below every key (numbers sort before strings).
            let range = match &after {
                None => KeyRange::LowerBound(JsValue::from(f64::NEG_INFINITY), false),
                Some(key) => KeyRange::LowerBound(key.clone(), true),
            };
            let batch: Vec<JsValue> = store
                .get_all()
                .with_query::<JsValue, _>(range)
                .with_limit(READ_BATCH as u32)
                .primitive()
                .map_err(describe)?
                .await
                .map_err(describe)?
                .collect::<Result<_, _>>()
                .map_err(describe)?;
            let full = batch.len() == READ_BATCH;
            after = batch.last().and_then(|record| {
                let key = if store_name == OUTBOX { "seq" } else { "id" };
                js_sys::Reflect::get(record, &key.into()).ok()
            });
            each(batch);
            if !full || after.is_none() {
                return Ok(());
            }
        }
    }

    /// Reads the records `ids` of `collection` (missing ones are left out).
    pub(crate) async fn read_some(
        &self,
        collection: Collection,
        ids: &[String],
    ) -> Result<Vec<JsValue>, String> {
        let transaction = self.transaction(&[collection.store()], false)?;
        let store = transaction
            .object_store(collection.store())
            .map_err(describe)?;
        let requests = ids
            .iter()
            .map(|id| store.get::<JsValue, _, _>(id.as_str()).primitive())
            .collect::<Result<Vec<_>, _>>()
            .map_err(describe)?;
        let mut records = Vec::with_capacity(ids.len());
        for request in requests {
            if let Some(record) = request.await.map_err(describe)? {
                records.push(record);
            }
        }
        Ok(records)
    }

    /// Applies `writes` to `collection` and, when given, stores the feed cursor
    /// with the last batch, so that the cursor never runs ahead of the records.
    pub(crate) async fn write(
        &self,
        collection: Collection,
        writes: Vec<Write>,
        cursor: Option<&str>,
    ) -> Result<(), String> {
        let mut writes = writes.into_iter().peekable();
        loop {
            let batch: Vec<Write> = writes.by_ref().take(BATCH).collect();
            let last = writes.peek().is_none();
            let with_cursor = if last { cursor } else { None };
            self.write_batch(collection, batch, with_cursor).await?;
            if last {
                return Ok(());
            }
        }
    }

    async fn write_batch(
        &self,
        collection: Collection,
        batch: Vec<Write>,
        cursor: Option<&str>,
    ) -> Result<(), String> {
        let names: Vec<&str> = if cursor.is_some() {
            vec![collection.store(), META]
        } else {
            vec![collection.store()]
        };
        let transaction = self.transaction(&names, true)?;
        let store = transaction
            .object_store(collection.store())
            .map_err(describe)?;
        for write in batch {
            match write {
                Write::Put(record) => drop(store.put(record).primitive().map_err(describe)?),
                Write::Delete(id) => drop(store.delete(id).primitive().map_err(describe)?),
            }
        }
        if let Some(cursor) = cursor {
            let meta = transaction.object_store(META).map_err(describe)?;
            drop(
                meta.put(cursor.to_owned())
                    .with_key(CURSOR_KEY)
                    .primitive()
                    .map_err(describe)?,
            );
        }
        transaction.commit().await.map_err(describe)
    }

    /// Replaces every record of `collection` not in `keep` by nothing: after a
    /// full reload, what the server no longer lists leaves the cache.
    pub(crate) async fn delete_except(
        &self,
        collection: Collection,
        keep: &std::collections::HashSet<String>,
    ) -> Result<(), String> {
        let transaction = self.transaction(&[collection.store()], false)?;
        let store = transaction
            .object_store(collection.store())
            .map_err(describe)?;
        let keys: Vec<JsValue> = store
            .get_all_keys()
            .primitive()
            .map_err(describe)?
            .await
            .map_err(describe)?
            .collect::<Result<_, _>>()
            .map_err(describe)?;
        drop(transaction);
        // Compared in slices, with a pause between them, so that a cache of a
        // hundred thousand records makes no long task.
        let mut stale = Vec::new();
        for slice in keys.chunks(BATCH * 10) {
            stale.extend(
                slice
                    .iter()
                    .filter_map(JsValue::as_string)
                    .filter(|key| !keep.contains(key))
                    .map(Write::Delete),
            );
            sleep(0).await;
        }
        if stale.is_empty() {
            return Ok(());
        }
        self.write(collection, stale, None).await
    }

    /// At most `limit` records of `collection`, highest `index` value first (the
    /// newest inquiries by `received_at`), read in one transaction.
    pub(crate) async fn newest(
        &self,
        collection: Collection,
        index: &str,
        limit: usize,
    ) -> Result<Vec<JsValue>, String> {
        let transaction = self.transaction(&[collection.store()], false)?;
        let store = transaction
            .object_store(collection.store())
            .map_err(describe)?;
        let index = store.index(index).map_err(describe)?;
        let mut records = Vec::with_capacity(limit);
        let cursor = index
            .open_cursor()
            .with_direction(CursorDirection::Prev)
            .primitive()
            .map_err(describe)?
            .await
            .map_err(describe)?;
        if let Some(mut cursor) = cursor {
            while records.len() < limit {
                match cursor.next_record::<JsValue>().await.map_err(describe)? {
                    Some(record) => records.push(record),
                    None => break,
                }
            }
        }
        Ok(records)
    }

    /// The record fetched alone at `path` (e.g. `customers/<id>`), as stored by
    /// [`Store::put_detail`].
    pub(crate) async fn detail(&self, path: &str) -> Result<Option<JsValue>, String> {
        let entry = self.get(DETAILS, path).await?;
        Ok(entry.and_then(|entry| js_sys::Reflect::get(&entry, &"record".into()).ok()))
    }

    /// The value at `key` in the store `store_name`.
    async fn get(&self, store_name: &str, key: &str) -> Result<Option<JsValue>, String> {
        let transaction = self.transaction(&[store_name], false)?;
        let store = transaction.object_store(store_name).map_err(describe)?;
        store
            .get(key)
            .primitive()
            .map_err(describe)?
            .await
            .map_err(describe)
    }

    /// Stores `record` as the one fetched at `path`; `None` deletes it.
    pub(crate) async fn put_detail(
        &self,
        path: &str,
        record: Option<&JsValue>,
    ) -> Result<(), String> {
        let transaction = self.transaction(&[DETAILS], true)?;
        let store = transaction.object_store(DETAILS).map_err(describe)?;
        match record {
            Some(record) => {
                let entry = js_sys::Object::new();
                let set = |key: &str, value: &JsValue| {
                    js_sys::Reflect::set(&entry, &key.into(), value)
                        .map_err(|_| "cannot build a cache entry".to_owned())
                };
                set("path", &path.into())?;
                set("record", record)?;
                drop(
                    store
                        .put(JsValue::from(entry))
                        .primitive()
                        .map_err(describe)?,
                );
            }
            None => drop(store.delete(path).primitive().map_err(describe)?),
        }
        transaction.commit().await.map_err(describe)
    }

    /// The stored change feed cursor.
    pub(crate) async fn cursor(&self) -> Result<Option<String>, String> {
        let value = self.get(META, CURSOR_KEY).await?;
        Ok(value.and_then(|value| value.as_string()))
    }

    /// Every outbox entry, oldest first.
    pub(crate) async fn outbox(&self) -> Result<Vec<JsValue>, String> {
        self.read_all_of(OUTBOX).await
    }

    /// Adds an outbox entry (without `seq`); returns the `seq` it was given.
    pub(crate) async fn add_to_outbox(&self, entry: JsValue) -> Result<u64, String> {
        let transaction = self.transaction(&[OUTBOX], true)?;
        let store = transaction.object_store(OUTBOX).map_err(describe)?;
        let key = store
            .add(entry)
            .with_key_type::<f64>()
            .primitive()
            .map_err(describe)?
            .await
            .map_err(describe)?;
        transaction.commit().await.map_err(describe)?;
        Ok(key as u64)
    }

    /// Stores `entries` (with their `seq`) and deletes `removed`, in one transaction.
    pub(crate) async fn update_outbox(
        &self,
        entries: Vec<JsValue>,
        removed: &[u64],
    ) -> Result<(), String> {
        let transaction = self.transaction(&[OUTBOX], true)?;
        let store = transaction.object_store(OUTBOX).map_err(describe)?;
        for entry in entries {
            drop(store.put(entry).primitive().map_err(describe)?);
        }
        for &seq in removed {
            drop(store.delete(seq as f64).primitive().map_err(describe)?);
        }
        transaction.commit().await.map_err(describe)
    }
}
