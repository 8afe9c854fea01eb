//! What tabs tell each other on their `BroadcastChannel`: records and the outbox
//! changed (read them again from IndexedDB), the leader's connection.

use std::rc::Rc;

use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::outbox::reload_outbox;
use super::records::reload_records;
use super::tagged::{message_from_js, message_to_js};
use crate::data::store::Collection;
use crate::data::{Connection, Inner};

/// What tabs tell each other (tagged by `kind` when posted: see
/// [`super::tagged`]).
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Message {
    /// These records changed in the cache; read them again.
    Records {
        collection: Collection,
        ids: Vec<String>,
    },
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

pub(super) fn post(inner: &Inner, message: &Message) {
    if let (Some(channel), Some(message)) =
        (inner.channel.borrow().as_ref(), message_to_js(message))
    {
        channel.post(&message);
    }
}

pub(super) fn post_status(inner: &Inner) {
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

pub(super) fn on_message(inner: &Rc<Inner>, message: JsValue) {
    let Some(message) = message_from_js(&message) else {
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
            if inner.reading_cache.get() {
                inner.outbox_heard_while_reading.set(true);
                return;
            }
            let inner = Rc::clone(inner);
            spawn_local(async move {
                reload_outbox(&inner).await;
                if inner.leader.get() {
                    inner.wake.poke();
                }
            });
        }
        Message::Records { collection, ids } => {
            if inner.reading_cache.get() {
                inner
                    .heard_while_reading
                    .borrow_mut()
                    .push((collection, ids));
                return;
            }
            let inner = Rc::clone(inner);
            spawn_local(async move { reload_records(&inner, collection, ids).await });
        }
    }
}
