//! The sync loop: who the user is, opening and loading the cache, leading the
//! tabs, loading everything once, following the change feed, sending the outbox.

mod details;
mod outbox;
mod records;
mod tabs;
mod tagged;

use std::rc::Rc;

use leptos::task::spawn_local;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

pub(super) use self::details::{Detail, fetch, path_of};
pub(super) use self::outbox::{Choice, decide, enqueue, rewrite_unsent};
use self::outbox::{drain, reload_outbox};
use self::records::{follow_feed, load_cache, load_everything, reload_records};
use self::tabs::{Message, on_message, post, post_status};
use super::browser::{self, Channel, now, online, sha256_hex};
use super::store::Store;
use super::{Connection, Inner, Storage};
use crate::api::ApiError;
use crate::config::bearer_token;

/// Records per page while loading everything.
const LOAD_PAGE: u32 = 200;

/// Changes per page of the feed.
const FEED_PAGE: u32 = 500;

/// How long the leader idles while live (the stream wakes it) and otherwise.
const IDLE_LIVE_MILLISECONDS: u64 = 60_000;

const IDLE_OFFLINE_MILLISECONDS: u64 = 10_000;

/// How long after a dropped stream before opening it again.
const STREAM_RETRY_MILLISECONDS: u64 = 5_000;

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
    inner.me.set(user_of_database(&database));
    match Store::open(&database).await {
        Ok(store) => {
            watch_version_changes(&inner, &store);
            *inner.store.borrow_mut() = Some(store);
            inner.set_status(|status| status.storage = Storage::Persistent);
            // The tabs' channel is joined before the cache is read: what another
            // tab changes meanwhile is heard, and read again once the cache is
            // in memory (else the read could keep the older copy).
            inner.reading_cache.set(true);
            let weak = Rc::downgrade(&inner);
            *inner.channel.borrow_mut() = Channel::join(&database, move |message| {
                if let Some(inner) = weak.upgrade() {
                    on_message(&inner, message);
                }
            });
            load_cache(&inner).await;
            inner.reading_cache.set(false);
            let heard = std::mem::take(&mut *inner.heard_while_reading.borrow_mut());
            for (collection, ids) in heard {
                reload_records(&inner, collection, ids).await;
            }
            if inner.outbox_heard_while_reading.replace(false) {
                reload_outbox(&inner).await;
            }
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
            details::retry_unanswered(&inner);
        }
    });
    if inner.store.borrow().is_none() {
        spawn_local(lead(inner));
        return;
    }
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

/// The name of the user's cache database: what this browser remembers for the
/// token, at once (so the cache opens without waiting for the network; `GET /me`
/// confirms it meanwhile), else from `GET /me`. `None`: the layer cannot start
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
        let known = remembered
            .as_ref()
            .zip(local_storage())
            .and_then(|(key, storage)| storage.get_item(key).ok().flatten());
        if let (Some(database), Some(key)) = (known, remembered.clone()) {
            spawn_local(confirm_identity(
                Rc::downgrade(inner),
                key,
                database.clone(),
            ));
            return Some(database);
        }
        match inner.api.me().await {
            Ok(me) => {
                let database = database_name(&me);
                if let (Some(key), Some(storage)) = (&remembered, local_storage()) {
                    browser::report(
                        storage.set_item(key, &database),
                        "remembering the user for offline use",
                    );
                }
                return Some(database);
            }
            // Out of reach or in trouble for now, and this browser does not
            // know the user yet: try again.
            Err(error) if is_transient(&error) => {
                let connection = match error {
                    ApiError::Network | ApiError::Timeout => Connection::Offline,
                    error => Connection::Failed(error),
                };
                inner.set_status(|status| status.connection = connection);
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

fn database_name(me: &contract::user::Me) -> String {
    format!("crm-widgets:{}:{}", me.member.id, me.user.id)
}

/// The user whose cache `database` is (see [`database_name`]).
fn user_of_database(database: &str) -> Option<contract::ids::UserId> {
    database.rsplit(':').next()?.parse().ok()
}

/// Confirms with `GET /me` that the token still belongs to the user whose cache
/// was opened. Should it belong to someone else now, the widgets start afresh
/// on the right cache, as after `configure()`.
async fn confirm_identity(layer: std::rc::Weak<Inner>, key: String, database: String) {
    loop {
        let Some(inner) = layer.upgrade().filter(|inner| !inner.stopped.get()) else {
            return;
        };
        let api = inner.api.clone();
        drop(inner);
        let answer = api.me().await;
        let Some(inner) = layer.upgrade().filter(|inner| !inner.stopped.get()) else {
            return;
        };
        match answer {
            Ok(me) => {
                let actual = database_name(&me);
                if actual != database {
                    warn(
                        "the token now belongs to another user; starting afresh:",
                        &actual,
                    );
                    if let Some(storage) = local_storage() {
                        browser::report(storage.set_item(&key, &actual), "remembering the user");
                    }
                    drop(inner);
                    crate::element::configuration_changed();
                }
                return;
            }
            Err(error) if is_transient(&error) => {
                drop(inner);
                browser::sleep(IDLE_OFFLINE_MILLISECONDS as u32).await;
            }
            Err(error) => {
                // Signed out or no longer allowed: say so (the cache stays shown).
                inner.set_status(|status| status.connection = Connection::Failed(error));
                return;
            }
        }
    }
}

/// An error that may go away by itself: no answer, a server error, too many requests.
fn is_transient(error: &ApiError) -> bool {
    match error {
        ApiError::Network | ApiError::Timeout => true,
        ApiError::Problem(problem) => problem.status >= 500 || problem.status == 429,
        _ => false,
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
