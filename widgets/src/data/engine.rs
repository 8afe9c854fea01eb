//! The sync loop: who the user is, opening and loading the cache, leading the
//! tabs, loading everything once, following the change feed, sending the outbox.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use contract::inquiry::{InquiryListQuery, InquirySummary};
use contract::user::User;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use super::browser::{self, Channel, now, online, sha256_hex};
use super::store::{Collection, Store, Write};
use super::{Connection, Inner, Mutation, Storage};
use crate::api::{ApiError, RawChange, RawRecord};
use crate::config::bearer_token;
use crate::sync::{Answer, Entry, Outbox, Outcome, State, outcome_of};

/// Inquiries per page while loading everything.
const LOAD_PAGE: u32 = 200;
/// Changes per page of the feed.
const FEED_PAGE: u32 = 500;
/// How long the leader idles while live (the stream wakes it) and otherwise.
const IDLE_LIVE_MILLISECONDS: u64 = 60_000;
const IDLE_OFFLINE_MILLISECONDS: u64 = 10_000;
/// How long after a dropped stream before opening it again.
const STREAM_RETRY_MILLISECONDS: u64 = 5_000;

/// What tabs tell each other.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Message {
    /// These records changed in the cache; read them again.
    Records { inquiries: Vec<String>, users: bool },
    /// The outbox changed.
    Outbox,
    /// The leader's connection.
    Status {
        connection: String,
        loaded: u64,
        total: u64,
        complete: bool,
    },
    /// A tab joined; the leader answers with its status.
    Hello,
}

fn to_js<T: Serialize>(value: &T) -> Option<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
}

fn from_js<T: DeserializeOwned>(value: JsValue) -> Option<T> {
    serde_wasm_bindgen::from_value(value).ok()
}

fn warn(message: &str, detail: &str) {
    web_sys::console::warn_2(&["[crm-widgets] ", message].concat().into(), &detail.into());
}

pub(super) fn start(inner: Rc<Inner>) {
    spawn_local(run(inner));
}

async fn run(inner: Rc<Inner>) {
    let Some(database) = identify(&inner).await else {
        return;
    };
    match Store::open(&database).await {
        Ok(store) => {
            watch_version_changes(&inner, &store);
            *inner.store.borrow_mut() = Some(store);
            inner.set_status(|status| status.storage = Storage::Persistent);
            load_cache(&inner).await;
        }
        Err(reason) => {
            warn("offline use is off:", &reason);
            inner.set_status(|status| status.storage = Storage::MemoryOnly(reason));
        }
    }
    if inner.stopped.get() {
        return;
    }
    let weak = Rc::downgrade(&inner);
    *inner.online_listener.borrow_mut() = browser::on_online(move || {
        if let Some(inner) = weak.upgrade() {
            inner.outbox.borrow_mut().hurry();
            inner.wake.poke();
        }
    });
    if inner.store.borrow().is_none() {
        spawn_local(lead(inner));
        return;
    }
    let weak = Rc::downgrade(&inner);
    *inner.channel.borrow_mut() = Channel::join(&database, move |message| {
        if let Some(inner) = weak.upgrade() {
            on_message(&inner, message);
        }
    });
    // The leader (this tab or another) says when the cache is up to date; until
    // then the status stays "loading", or "offline" when the browser is.
    post(&inner, &Message::Hello);
    if !online() {
        inner.set_status(|status| status.connection = Connection::Offline);
    }
    let weak = Rc::downgrade(&inner);
    let release = browser::hold_lock(&database, move || {
        if let Some(inner) = weak.upgrade()
            && !inner.stopped.get()
        {
            spawn_local(lead(inner));
        }
    });
    if inner.stopped.get() {
        browser::report(release.call0(&JsValue::NULL), "giving up leadership");
    } else {
        *inner.release_lock.borrow_mut() = Some(release);
    }
}

/// The name of the user's cache database, from `GET /me`, or when offline from
/// what this browser remembers for the token. `None`: the layer cannot start
/// (the status says why) or was stopped.
async fn identify(inner: &Rc<Inner>) -> Option<String> {
    loop {
        if inner.stopped.get() {
            return None;
        }
        let token = match bearer_token(false).await {
            Ok(token) => token,
            Err(error) => {
                inner.set_status(|status| status.connection = Connection::Failed(error.into()));
                return None;
            }
        };
        let remembered = sha256_hex(&[inner.base.as_str(), "\n", &token].concat())
            .await
            .map(|hash| ["crm-widgets:identity:", &hash].concat());
        match inner.api.me().await {
            Ok(me) => {
                let database = format!("crm-widgets:{}:{}", me.member.id, me.user.id);
                if let (Some(key), Some(storage)) = (&remembered, local_storage()) {
                    browser::report(
                        storage.set_item(key, &database),
                        "remembering the user for offline use",
                    );
                }
                return Some(database);
            }
            Err(ApiError::Network | ApiError::Timeout) => {
                inner.set_status(|status| status.connection = Connection::Offline);
                let known = remembered
                    .zip(local_storage())
                    .and_then(|(key, storage)| storage.get_item(&key).ok().flatten());
                if known.is_some() {
                    return known;
                }
                let weak = Rc::downgrade(inner);
                let _listener = browser::on_online(move || {
                    if let Some(inner) = weak.upgrade() {
                        inner.wake.poke();
                    }
                });
                inner.wake.wait(IDLE_OFFLINE_MILLISECONDS as u32).await;
            }
            Err(error) => {
                inner.set_status(|status| status.connection = Connection::Failed(error));
                return None;
            }
        }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Another tab opens a newer schema: close, and go on from memory.
fn watch_version_changes(inner: &Rc<Inner>, store: &Store) {
    let Ok(mut listener) = store.database().version_changes() else {
        return;
    };
    let weak = Rc::downgrade(inner);
    spawn_local(async move {
        if listener.recv().await.is_some()
            && let Some(inner) = weak.upgrade()
        {
            storage_failed(
                &inner,
                "a newer version of the widgets is open in another tab",
            );
        }
    });
}

/// The cache can no longer be written: close it, keep going from memory.
fn storage_failed(inner: &Rc<Inner>, reason: &str) {
    warn("offline use is off:", reason);
    if let Some(store) = inner.store.borrow_mut().take() {
        store.close();
    }
    inner.channel.borrow_mut().take();
    inner.set_status(|status| status.storage = Storage::MemoryOnly(reason.to_owned()));
}

fn store(inner: &Inner) -> Option<Store> {
    inner.store.borrow().clone()
}

/// Reads the cache into memory. A record that no longer reads as the contract's
/// type is dropped, and the next sync reloads everything to get it back.
async fn load_cache(inner: &Rc<Inner>) {
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

/// This tab leads: it syncs and sends the outbox until the layer stops.
async fn lead(inner: Rc<Inner>) {
    inner.leader.set(true);
    reload_outbox(&inner).await;
    loop {
        if inner.stopped.get() {
            return;
        }
        match sync(&inner).await {
            Ok(()) => {
                inner.set_status(|status| status.connection = Connection::Live);
                follow_stream(&inner).await;
            }
            Err(ApiError::Problem(problem)) if problem.status == 410 => {
                // The cursor is older than the server keeps: load everything again.
                *inner.cursor.borrow_mut() = None;
                continue;
            }
            Err(error) => {
                let connection = match error {
                    ApiError::Network | ApiError::Timeout => Connection::Offline,
                    error => Connection::Failed(error),
                };
                inner.set_status(|status| status.connection = connection);
                inner.stream.borrow_mut().take();
            }
        }
        post_status(&inner);
        drain(&inner).await;
        let live = inner.connection() == Connection::Live;
        let idle = if live {
            IDLE_LIVE_MILLISECONDS
        } else {
            IDLE_OFFLINE_MILLISECONDS
        };
        let due = inner
            .outbox
            .borrow()
            .next_wake()
            .map(|at| at.saturating_sub(now()));
        let delay = due.map_or(idle, |due| due.min(idle));
        inner.wake.wait(delay as u32).await;
    }
}

async fn sync(inner: &Rc<Inner>) -> Result<(), ApiError> {
    if inner.cursor.borrow().is_none() {
        load_everything(inner).await?;
    }
    follow_feed(inner).await
}

/// Loads every record the user may see (first visit, or after the feed expired).
/// The feed's position is taken first, so nothing that changes meanwhile is missed.
async fn load_everything(inner: &Rc<Inner>) -> Result<(), ApiError> {
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
async fn follow_feed(inner: &Rc<Inner>) -> Result<(), ApiError> {
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

/// Opens the change stream when live and none is open; each event wakes the loop.
async fn follow_stream(inner: &Rc<Inner>) {
    if inner.stream_ended.replace(false) {
        inner.stream.borrow_mut().take();
        inner.stream_retry_at.set(now() + STREAM_RETRY_MILLISECONDS);
    }
    if inner.stream.borrow().is_some() || now() < inner.stream_retry_at.get() {
        return;
    }
    let Some(since) = inner.cursor.borrow().clone() else {
        return;
    };
    let (Ok(token), Ok(url)) = (bearer_token(false).await, inner.api.stream_url(&since)) else {
        return;
    };
    let on_event = Rc::downgrade(inner);
    let on_end = Rc::downgrade(inner);
    let stream = browser::follow_stream(
        &url,
        &token,
        move || {
            if let Some(inner) = on_event.upgrade() {
                inner.wake.poke();
            }
        },
        move |_status| {
            if let Some(inner) = on_end.upgrade() {
                inner.stream_ended.set(true);
                inner.wake.poke();
            }
        },
    );
    *inner.stream.borrow_mut() = Some(stream);
}

/// Sends what the outbox has ready, one at a time, in order.
async fn drain(inner: &Rc<Inner>) {
    if !online() {
        return;
    }
    loop {
        if inner.stopped.get() {
            return;
        }
        let Some(entry) = inner.outbox.borrow_mut().next_to_send(now()) else {
            return;
        };
        let body = match &entry.op {
            Mutation::UpdateInquiry { patch, .. } => to_js(patch),
        }
        .unwrap_or(JsValue::NULL);
        let answer = inner
            .api
            .send_change(
                entry.op.method(),
                &entry.op.path(),
                &body,
                &entry.key,
                entry.if_match,
            )
            .await;
        let (outcome, body) = match &answer {
            Ok(Some(answer)) => (
                outcome_of(Answer::Response {
                    status: answer.status,
                    etag: answer.etag.as_deref(),
                    retry_after: answer.retry_after.as_deref(),
                    problem: answer.problem.as_ref(),
                }),
                answer.body.clone(),
            ),
            Ok(None) => (outcome_of(Answer::Nothing), None),
            // Not signed in, or the host's token callback failed: try again later.
            Err(_) => (
                Outcome::Retry {
                    after: Some(IDLE_OFFLINE_MILLISECONDS),
                },
                None,
            ),
        };
        let lost = outcome == Outcome::Lost;
        let done = inner
            .outbox
            .borrow_mut()
            .complete(entry.seq, outcome, now());
        let (updated, removed) = match &done {
            Some(done) => {
                // Shown at once; the cache gets it from the feed, which follows.
                if let Some(inquiry) = body.and_then(from_js::<InquirySummary>) {
                    inner.inquiries.borrow_mut().insert(inquiry.id, inquiry);
                }
                let updated: Vec<Entry<Mutation>> = inner
                    .outbox
                    .borrow()
                    .entries()
                    .iter()
                    .filter(|other| other.resource == done.resource)
                    .cloned()
                    .collect();
                (updated, vec![done.seq])
            }
            None => (
                inner
                    .outbox
                    .borrow()
                    .entries()
                    .iter()
                    .filter(|other| other.seq == entry.seq)
                    .cloned()
                    .collect(),
                Vec::new(),
            ),
        };
        persist_outbox(inner, &updated, &removed).await;
        inner.changed();
        if lost {
            inner.set_status(|status| status.connection = Connection::Offline);
            return;
        }
    }
}

async fn persist_outbox(inner: &Rc<Inner>, updated: &[Entry<Mutation>], removed: &[u64]) {
    if let Some(store) = store(inner) {
        let entries = updated.iter().filter_map(to_js).collect();
        if let Err(reason) = store.update_outbox(entries, removed).await {
            storage_failed(inner, &reason);
        }
        post(inner, &Message::Outbox);
    }
}

/// Reads the shared outbox again (another tab added or decided something).
async fn reload_outbox(inner: &Rc<Inner>) {
    let Some(store) = store(inner) else {
        return;
    };
    match store.outbox().await {
        Ok(stored) => {
            let entries = stored.into_iter().filter_map(from_js).collect();
            inner.outbox.borrow_mut().merge(entries);
            inner.changed();
        }
        Err(reason) => storage_failed(inner, &reason),
    }
}

/// Queues an edit: stored first (when there is a cache), then shown and sent.
pub(super) fn enqueue(inner: Rc<Inner>, resource: String, if_match: Option<u64>, op: Mutation) {
    spawn_local(async move {
        let mut entry = Entry {
            seq: 0,
            resource,
            if_match,
            key: browser::random_key(),
            op,
            state: State::Waiting {
                attempts: 0,
                not_before: 0,
            },
        };
        let mut stored = None;
        if let Some(store) = store(&inner) {
            let record = to_js(&entry).inspect(|record| {
                // IndexedDB numbers it.
                browser::report(
                    js_sys::Reflect::delete_property(
                        record.unchecked_ref::<js_sys::Object>(),
                        &"seq".into(),
                    ),
                    "numbering an edit",
                );
            });
            match record {
                Some(record) => match store.add_to_outbox(record).await {
                    Ok(seq) => stored = Some(seq),
                    Err(reason) => storage_failed(&inner, &reason),
                },
                None => warn("an edit cannot be stored", ""),
            }
        }
        match stored {
            Some(seq) => {
                entry.seq = seq;
                inner.outbox.borrow_mut().adopt(entry);
                post(&inner, &Message::Outbox);
            }
            None => {
                inner.outbox.borrow_mut().push(
                    &entry.resource,
                    entry.if_match,
                    entry.key,
                    entry.op,
                );
            }
        }
        inner.changed();
        inner.wake.poke();
    });
}

/// The user's choice about an edit in conflict or refused.
#[derive(Clone, Copy, Debug)]
pub(super) enum Choice {
    KeepMine,
    TakeTheirs,
    Discard,
}

pub(super) fn decide(inner: Rc<Inner>, seq: u64, choice: Choice) {
    let (updated, removed) = {
        let mut outbox = inner.outbox.borrow_mut();
        match choice {
            Choice::KeepMine => {
                if !outbox.keep_mine(seq, browser::random_key()) {
                    return;
                }
                let entry = outbox
                    .entries()
                    .iter()
                    .filter(|entry| entry.seq == seq)
                    .cloned()
                    .collect::<Vec<_>>();
                (entry, Vec::new())
            }
            Choice::TakeTheirs => match outbox.take_theirs(seq) {
                Some(_) => (Vec::new(), vec![seq]),
                None => return,
            },
            Choice::Discard => match outbox.discard(seq) {
                Some(_) => (Vec::new(), vec![seq]),
                None => return,
            },
        }
    };
    inner.changed();
    spawn_local(async move {
        persist_outbox(&inner, &updated, &removed).await;
        inner.wake.poke();
    });
}

fn post(inner: &Inner, message: &Message) {
    if let (Some(channel), Some(message)) = (inner.channel.borrow().as_ref(), to_js(message)) {
        channel.post(&message);
    }
}

fn post_status(inner: &Inner) {
    let status = inner.status.borrow().clone();
    let (connection, loaded, total) = match status.connection {
        Connection::Loading { loaded, total } => ("loading", loaded, total),
        Connection::Live => ("live", 0, 0),
        Connection::Starting => ("starting", 0, 0),
        _ => ("offline", 0, 0),
    };
    post(
        inner,
        &Message::Status {
            connection: connection.to_owned(),
            loaded,
            total,
            complete: status.complete,
        },
    );
}

fn on_message(inner: &Rc<Inner>, message: JsValue) {
    let Some(message) = from_js::<Message>(message) else {
        return;
    };
    match message {
        Message::Hello => {
            if inner.leader.get() {
                post_status(inner);
            }
        }
        Message::Status {
            connection,
            loaded,
            total,
            complete,
        } => {
            if !inner.leader.get() {
                inner.set_status(|status| {
                    status.connection = match connection.as_str() {
                        "loading" => Connection::Loading { loaded, total },
                        "live" => Connection::Live,
                        "starting" => Connection::Starting,
                        _ => Connection::Offline,
                    };
                    status.complete = complete;
                });
            }
        }
        Message::Outbox => {
            let inner = Rc::clone(inner);
            spawn_local(async move {
                reload_outbox(&inner).await;
                if inner.leader.get() {
                    inner.wake.poke();
                }
            });
        }
        Message::Records { inquiries, users } => {
            let inner = Rc::clone(inner);
            spawn_local(async move { reload_records(&inner, inquiries, users).await });
        }
    }
}

/// Reads records another tab wrote.
async fn reload_records(inner: &Rc<Inner>, ids: Vec<String>, users: bool) {
    let Some(store) = store(inner) else {
        return;
    };
    if !ids.is_empty() {
        let Ok(records) = store.read_some(Collection::Inquiries, &ids).await else {
            return;
        };
        let found: Vec<InquirySummary> = records.into_iter().filter_map(from_js).collect();
        let mut memory = inner.inquiries.borrow_mut();
        for id in &ids {
            if let Ok(id) = id.parse() {
                memory.remove(&id);
            }
        }
        for inquiry in found {
            memory.insert(inquiry.id, inquiry);
        }
    }
    if users && let Ok(records) = store.read_all(Collection::Users).await {
        *inner.users.borrow_mut() = records
            .into_iter()
            .filter_map(from_js::<User>)
            .map(|user| (user.id, user))
            .collect();
    }
    inner.changed();
}
