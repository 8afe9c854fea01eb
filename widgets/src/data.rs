//! The data layer every widget reads and writes through: an in-memory copy of
//! the user's records, backed by an IndexedDB cache (so widgets open instantly
//! and work offline), kept current through the change feed and its stream, and
//! an outbox that carries every edit to the server exactly once.
//!
//! One [`Data`] per API base and page, shared by all widgets on it; a new
//! `configure()` (another user) starts afresh. With several tabs open, one leads
//! (Web Locks): it syncs and sends the outbox; the others read the same
//! IndexedDB and hear about changes on a `BroadcastChannel`. Without IndexedDB
//! everything works online from memory and the status says offline is off.

mod browser;
mod customer_edits;
mod customer_view;
mod edits;
mod engine;
#[cfg(test)]
pub(crate) mod fixtures;
mod mutation;
mod quote_edits;
mod records;
mod search;
mod store;
mod view;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use contract::ids::{InquiryId, UserId};
use contract::inquiry::InquirySummary;
use contract::user::User;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;

pub(crate) use self::browser::{online, random_key, sleep};
pub(crate) use self::customer_view::{PendingActivity, ShownCustomer, ShownReminder, is_stand_in};
pub(crate) use self::edits::Decision;
use self::mutation::shown_inquiry;
pub(crate) use self::mutation::{Mutation, QuoteStep};
pub(crate) use self::records::Record;
use self::records::Records;
pub(crate) use self::search::{query_words, refines};
pub(crate) use self::store::Collection;
use self::view::Listener;
pub(crate) use self::view::{DataView, Fetched};
use crate::api::{Api, ApiError};
use crate::sync::{Outbox, Summary};

/// How the layer is connected to the server.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Connection {
    /// Finding out who the user is and opening the cache.
    Starting,
    /// Loading everything (first visit, or the cache was too old): `loaded` of `total`.
    Loading { loaded: u64, total: u64 },
    /// Following the server live.
    Live,
    /// No connection; showing the cache.
    Offline,
    /// The server refused (signed out, no access); the error says why.
    Failed(ApiError),
}

/// Where the records live.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Storage {
    Opening,
    /// In IndexedDB: survives reloads and works offline.
    Persistent,
    /// Only in memory, with the reason offline use is off.
    MemoryOnly(String),
}

/// What the widgets show about the data layer.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SyncStatus {
    pub(crate) connection: Connection,
    pub(crate) storage: Storage,
    pub(crate) outbox: Summary,
    /// Whether the cache holds everything (the first full load finished).
    pub(crate) complete: bool,
}

/// An inquiry as a widget shows it: shared with the layer's copy (comparing two
/// unchanged ones is a pointer comparison), copied only where an edit is overlaid.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ShownInquiry {
    pub(crate) inquiry: Arc<InquirySummary>,
    /// The user's edits of it are not yet acknowledged by the server.
    pub(crate) pending: bool,
}

pub(crate) struct Inner {
    base: String,
    api: Api,
    status: RefCell<SyncStatus>,
    /// The signed-in user, once known.
    me: Cell<Option<UserId>>,
    /// The signals of each mounted view that shows this layer's data, bumped on
    /// every change. Owned by the views (disposed with them, then pruned here), so
    /// the page-wide layer never keeps a dead view's subscription alive.
    listeners: RefCell<Vec<Listener>>,
    records: Records,
    /// The inquiries as shown, sorted; dropped by every change.
    shown: RefCell<Option<Rc<Vec<ShownInquiry>>>>,
    /// Counts the changes of the records or the outbox: results computed at
    /// one generation stay true until the next.
    generation: Cell<u64>,
    /// What each inquiry is searched by, for the version it was made from.
    search_text: RefCell<HashMap<InquiryId, (contract::version::Version, Rc<str>)>>,
    /// Records fetched one at a time, by path.
    details: RefCell<HashMap<String, engine::Detail>>,
    outbox: RefCell<Outbox<Mutation>>,
    store: RefCell<Option<store::Store>>,
    channel: RefCell<Option<browser::Channel>>,
    wake: browser::Wakeup,
    stopped: Cell<bool>,
    /// The cache is being read into memory; changes other tabs announce
    /// meanwhile wait in `heard_while_reading`.
    reading_cache: Cell<bool>,
    heard_while_reading: RefCell<Vec<(Collection, Vec<String>)>>,
    outbox_heard_while_reading: Cell<bool>,
    leader: Cell<bool>,
    release_lock: RefCell<Option<js_sys::Function>>,
    stream: RefCell<Option<browser::Stream>>,
    /// The stream ended (set from its callback; the loop drops it).
    stream_ended: Cell<bool>,
    /// Not before this time is a dropped stream opened again.
    stream_retry_at: Cell<u64>,
    online_listener: RefCell<Option<browser::OnlineListener>>,
    cursor: RefCell<Option<String>>,
}

/// A handle on the page's data layer for one API base.
#[derive(Clone)]
pub(crate) struct Data(SendWrapper<Rc<Inner>>);

impl PartialEq for Data {
    fn eq(&self, other: &Data) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Data {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_tuple("Data").field(&self.0.base).finish()
    }
}

thread_local! {
    static LAYERS: RefCell<Vec<Rc<Inner>>> = const { RefCell::new(Vec::new()) };
}

/// The data layer for `base`, started on first use.
pub(crate) fn data(base: String) -> Data {
    if let Some(inner) = LAYERS.with(|layers| {
        layers
            .borrow()
            .iter()
            .find(|inner| inner.base == base)
            .cloned()
    }) {
        return Data(SendWrapper::new(inner));
    }
    let inner = Rc::new(Inner {
        api: Api::new(base.clone()),
        base,
        status: RefCell::new(SyncStatus {
            connection: Connection::Starting,
            storage: Storage::Opening,
            outbox: Summary::default(),
            complete: false,
        }),
        me: Cell::new(None),
        listeners: RefCell::default(),
        records: Records::default(),
        shown: RefCell::default(),
        generation: Cell::new(0),
        search_text: RefCell::default(),
        details: RefCell::default(),
        outbox: RefCell::default(),
        store: RefCell::default(),
        channel: RefCell::default(),
        wake: browser::Wakeup::default(),
        stopped: Cell::new(false),
        reading_cache: Cell::new(false),
        heard_while_reading: RefCell::default(),
        outbox_heard_while_reading: Cell::new(false),
        leader: Cell::new(false),
        release_lock: RefCell::default(),
        stream: RefCell::default(),
        stream_ended: Cell::new(false),
        stream_retry_at: Cell::new(0),
        online_listener: RefCell::default(),
        cursor: RefCell::default(),
    });
    LAYERS.with(|layers| layers.borrow_mut().push(Rc::clone(&inner)));
    engine::start(Rc::clone(&inner));
    Data(SendWrapper::new(inner))
}

/// Stops every data layer: the host signed another user in (or out). Widgets
/// ask for a new one when they reload.
pub(crate) fn reset() {
    let layers = LAYERS.with(|layers| std::mem::take(&mut *layers.borrow_mut()));
    for inner in layers {
        inner.stop();
    }
}

impl Inner {
    fn stop(&self) {
        self.stopped.set(true);
        if let Some(release) = self.release_lock.borrow_mut().take() {
            browser::report(
                release.call0(&wasm_bindgen::JsValue::NULL),
                "giving up leadership",
            );
        }
        self.stream.borrow_mut().take();
        self.channel.borrow_mut().take();
        self.online_listener.borrow_mut().take();
        if let Some(store) = self.store.borrow_mut().take() {
            store.close();
        }
        self.wake.poke();
    }

    fn set_status(&self, change: impl FnOnce(&mut SyncStatus)) {
        if self.stopped.get() {
            return;
        }
        let mut status = self.status.borrow().clone();
        change(&mut status);
        status.outbox = self.outbox.borrow().summary();
        if status != *self.status.borrow() {
            *self.status.borrow_mut() = status;
            self.notify(false);
        }
    }

    /// The records or the outbox changed.
    fn changed(&self) {
        self.shown.borrow_mut().take();
        self.generation.set(self.generation.get() + 1);
        if !self.stopped.get() {
            self.status.borrow_mut().outbox = self.outbox.borrow().summary();
            self.notify(true);
        }
    }

    /// Bumps every live view's status signal, and with `records` its records
    /// signal; forgets the views that are gone.
    fn notify(&self, records: bool) {
        let listeners = std::mem::take(&mut *self.listeners.borrow_mut());
        let live: Vec<Listener> = listeners
            .into_iter()
            .filter(|listener| {
                let status = listener.status.try_update(|tick| *tick += 1).is_some();
                let records = !records || listener.records.try_update(|tick| *tick += 1).is_some();
                status && records
            })
            .collect();
        self.listeners.borrow_mut().extend(live);
    }

    pub(crate) fn connection(&self) -> Connection {
        self.status.borrow().connection.clone()
    }

    /// Every cached inquiry as the user sees it, newest first: built once per
    /// change of the records or the outbox, not per view or per status update.
    fn shown_inquiries(&self) -> Rc<Vec<ShownInquiry>> {
        if let Some(shown) = self.shown.borrow().as_ref() {
            return Rc::clone(shown);
        }
        let names = self.names();
        let outbox = self.outbox.borrow();
        // Sorted on plain integer keys (newest first, then by id): comparing
        // date-times with offsets is several times slower, and this runs over
        // every cached inquiry.
        let mut keyed: Vec<((i128, u128), ShownInquiry)> = self
            .records
            .inquiries
            .borrow()
            .values()
            .map(|inquiry| {
                let key = (
                    inquiry.received_at.unix_timestamp_nanos(),
                    inquiry.id.0.as_u128(),
                );
                let (inquiry, pending) = shown_inquiry(inquiry, outbox.entries(), &names);
                (key, ShownInquiry { inquiry, pending })
            })
            .collect();
        keyed.sort_unstable_by_key(|(key, _)| std::cmp::Reverse(*key));
        let shown: Vec<ShownInquiry> = keyed.into_iter().map(|(_, shown)| shown).collect();
        let shown = Rc::new(shown);
        *self.shown.borrow_mut() = Some(Rc::clone(&shown));
        shown
    }

    fn names(&self) -> HashMap<UserId, String> {
        self.records
            .users
            .borrow()
            .values()
            .map(|user| (user.id, user.name.clone()))
            .collect()
    }
}

impl Data {
    /// Stops this layer so that the next [`data`] call starts afresh (retry
    /// after the server refused, e.g. a session that has since been renewed).
    pub(crate) fn restart(&self) {
        LAYERS.with(|layers| {
            layers
                .borrow_mut()
                .retain(|inner| !Rc::ptr_eq(inner, &self.0));
        });
        self.0.stop();
    }

    /// Has `listener` bumped on every change of this layer (a view's own signals).
    pub(crate) fn listen(&self, listener: Listener) {
        let mut listeners = self.0.listeners.borrow_mut();
        if !listeners.contains(&listener) {
            listeners.push(listener);
        }
    }

    /// The layer's status (read through [`DataView::status`] to track it).
    pub(crate) fn status(&self) -> SyncStatus {
        self.0.status.borrow().clone()
    }

    /// The inquiries `keep` accepts, as the user sees them (their pending edits
    /// applied), newest first.
    pub(crate) fn inquiries(&self, keep: impl Fn(&InquirySummary) -> bool) -> Vec<ShownInquiry> {
        self.0
            .shown_inquiries()
            .iter()
            .filter(|shown| keep(&shown.inquiry))
            .cloned()
            .collect()
    }

    /// The inquiries `keep` accepts that match every word of `query` (see
    /// `data/search.rs`), as the user sees them, newest first. What each
    /// inquiry is searched by is made once per version of it, not per keystroke.
    pub(crate) fn search_inquiries(
        &self,
        query: &str,
        keep: impl Fn(&InquirySummary) -> bool,
    ) -> Vec<ShownInquiry> {
        let words = search::query_words(query);
        if words.is_empty() {
            return self.inquiries(keep);
        }
        self.search_within(&self.0.shown_inquiries(), &words, keep)
    }

    /// Those of `inquiries` that `keep` accepts and that match every word of
    /// `words` (lowercase, see `data/search.rs`), in their order.
    pub(crate) fn search_within(
        &self,
        inquiries: &[ShownInquiry],
        words: &[String],
        keep: impl Fn(&InquirySummary) -> bool,
    ) -> Vec<ShownInquiry> {
        let mut texts = self.0.search_text.borrow_mut();
        inquiries
            .iter()
            .filter(|shown| keep(&shown.inquiry))
            .filter(|shown| {
                let inquiry = &shown.inquiry;
                let text = match texts.get(&inquiry.id) {
                    Some((version, text)) if *version == inquiry.version => Rc::clone(text),
                    _ => {
                        let text: Rc<str> = search::haystack(inquiry).into();
                        texts.insert(inquiry.id, (inquiry.version, Rc::clone(&text)));
                        text
                    }
                };
                search::matches(&text, words)
            })
            .cloned()
            .collect()
    }

    /// Changes with every change of the records or the outbox.
    pub(crate) fn generation(&self) -> u64 {
        self.0.generation.get()
    }

    /// Reads every cached inquiry (as last heard from the server), in no order.
    pub(crate) fn with_inquiries<R>(
        &self,
        read: impl FnOnce(&mut dyn Iterator<Item = &InquirySummary>) -> R,
    ) -> R {
        let inquiries = self.0.records.inquiries.borrow();
        read(&mut inquiries.values().map(|inquiry| &**inquiry))
    }

    /// One inquiry as the user sees it, if it is cached.
    pub(crate) fn inquiry(&self, id: InquiryId) -> Option<ShownInquiry> {
        let inquiries = self.0.records.inquiries.borrow();
        let (inquiry, pending) = shown_inquiry(
            inquiries.get(&id)?,
            self.0.outbox.borrow().entries(),
            &self.0.names(),
        );
        Some(ShownInquiry { inquiry, pending })
    }

    /// The signed-in user, once known (from the cache's name, else `GET /me`).
    pub(crate) fn me(&self) -> Option<User> {
        let id = self.0.me.get()?;
        self.record::<User>(id)
    }

    /// The signed-in user's id, once known.
    pub(crate) fn me_id(&self) -> Option<UserId> {
        self.0.me.get()
    }

    /// The active users of the member, by name.
    pub(crate) fn users(&self) -> Vec<User> {
        let mut users: Vec<User> = self
            .0
            .records
            .users
            .borrow()
            .values()
            .filter(|user| user.active)
            .map(|user| User::clone(user))
            .collect();
        users.sort_by(|a, b| a.name.cmp(&b.name));
        users
    }

    /// Whom the signed-in user may assign inquiries to, by name: the whole
    /// team for an owner or manager, only themselves for a rep (as the server
    /// rules), and `current` (the present assignee) in any case.
    pub(crate) fn assignable(&self, current: Option<UserId>) -> Vec<(UserId, String)> {
        let me = self.me();
        let whole_team = me.as_ref().is_none_or(|me| me.role.sees_whole_team());
        self.users()
            .into_iter()
            .filter(|user| {
                whole_team
                    || Some(user.id) == current
                    || me.as_ref().is_some_and(|me| me.id == user.id)
            })
            .map(|user| (user.id, user.name))
            .collect()
    }

    /// The client of the layer's API, for reads the layer does not keep (a
    /// timeline's later pages).
    pub(crate) fn api(&self) -> Api {
        self.0.api.clone()
    }

    /// The `T` with `id`, as last heard from the server, if it is cached.
    pub(crate) fn record<T: Record>(&self, id: T::Id) -> Option<T> {
        T::map(&self.0.records)
            .borrow()
            .get(&id)
            .map(|record| T::clone(record))
    }

    /// The record of `collection` with `id` as fetched alone (with what its
    /// list does not carry), cached; [`Data::fetch`] asks for it.
    pub(crate) fn fetched<T: DeserializeOwned>(
        &self,
        collection: Collection,
        id: &str,
    ) -> Fetched<T> {
        let details = self.0.details.borrow();
        let Some(detail) = details.get(&engine::path_of(collection, id)) else {
            return Fetched {
                value: None,
                loading: true,
                error: None,
            };
        };
        let (value, decode_error) = match detail
            .record
            .clone()
            .map(serde_wasm_bindgen::from_value::<T>)
        {
            None => (None, None),
            Some(Ok(value)) => (Some(value), None),
            Some(Err(error)) => (None, Some(ApiError::InvalidData(error.to_string()))),
        };
        Fetched {
            value,
            loading: detail.fetching,
            error: detail.error.clone().or(decode_error),
        }
    }

    /// Fetches the record of `collection` with `id` alone: from the cache at
    /// once, then from the server.
    pub(crate) fn fetch(&self, collection: Collection, id: &str) {
        engine::fetch(&self.0, engine::path_of(collection, id));
    }
}
