//! The outbox in the browser: queueing an edit (stored first), sending what is
//! ready in order, recording each answer, and the user's decisions.

use std::rc::Rc;

use std::sync::Arc;

use contract::customer::merge::CustomerMerge;
use contract::customer::{
    Activity, Contact, Customer, Reminder, TimelineEntry, TimelineItem, TimelinePage,
};
use contract::inquiry::{Inquiry, InquirySummary, Message as ThreadMessage};
use leptos::task::spawn_local;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use super::details::path_of;
use super::tabs::{Message, post};
use super::tagged::{entry_from_js, entry_to_js};
use super::{IDLE_OFFLINE_MILLISECONDS, from_js, storage_failed, store, to_js, warn};
use crate::data::browser::{self, now, online};
use crate::data::store::Collection;
use crate::data::{Connection, Inner, Mutation};
use crate::sync::{Answer, Entry, Outcome, State, outcome_of};

/// Sends what the outbox has ready, one at a time, in order.
pub(super) async fn drain(inner: &Rc<Inner>) {
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
            Mutation::CreateReply { reply, .. } => to_js(reply),
            Mutation::UpdateCustomer { patch, .. } => to_js(patch),
            Mutation::CreateContact { contact, .. } | Mutation::ReplaceContact { contact, .. } => {
                to_js(contact)
            }
            Mutation::DeleteContact { .. } => None,
            Mutation::CreateActivity { activity, .. } => to_js(activity),
            Mutation::CreateReminder { reminder, .. } => to_js(reminder),
            Mutation::UpdateReminder { patch, .. } => to_js(patch),
            Mutation::MergeCustomer { duplicate, .. } => to_js(&CustomerMerge {
                duplicate_id: *duplicate,
            }),
            Mutation::SaveQuote { draft, .. } => to_js(draft),
            Mutation::MoveQuote { .. } => None,
        };
        let answer = inner
            .api
            .send_change(
                entry.op.method(),
                &entry.op.path(),
                body.as_ref(),
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
                settled(inner, &entry.op, body);
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

/// The server's answer to an edit it applied, in memory until the feed brings it.
fn settled(inner: &Rc<Inner>, op: &Mutation, body: Option<JsValue>) {
    if let Mutation::DeleteContact { customer, id, .. } = op {
        edit_detail(
            inner,
            Collection::Customers,
            customer,
            |profile: &mut Customer| {
                profile.contacts.retain(|contact| contact.id != *id);
            },
        );
        return;
    }
    let Some(body) = body else {
        return;
    };
    match op {
        Mutation::UpdateInquiry { .. } => {
            if let Some(inquiry) = from_js::<InquirySummary>(body) {
                inner
                    .records
                    .inquiries
                    .borrow_mut()
                    .insert(inquiry.id, Arc::new(inquiry));
            }
        }
        Mutation::CreateReply { id, .. } => {
            // The thread fetched alone gains the reply until it is fetched again.
            let Some(message) = from_js::<ThreadMessage>(body) else {
                return;
            };
            let path = path_of(Collection::Inquiries, &id.to_string());
            let mut details = inner.details.borrow_mut();
            let Some(detail) = details.get_mut(&path) else {
                return;
            };
            let Some(mut inquiry) = detail.record.clone().and_then(from_js::<Inquiry>) else {
                return;
            };
            if !inquiry.messages.iter().any(|known| known.id == message.id) {
                inquiry.messages.push(message);
                detail.record = to_js(&inquiry);
            }
        }
        Mutation::CreateContact { customer, .. } | Mutation::ReplaceContact { customer, .. } => {
            let Some(contact) = from_js::<Contact>(body) else {
                return;
            };
            edit_detail(
                inner,
                Collection::Customers,
                customer,
                |profile: &mut Customer| match profile
                    .contacts
                    .iter_mut()
                    .find(|known| known.id == contact.id)
                {
                    Some(known) => *known = contact,
                    None => profile.contacts.push(contact),
                },
            );
        }
        Mutation::CreateActivity { customer, .. } => {
            let Some(activity) = from_js::<Activity>(body) else {
                return;
            };
            let timeline = [customer.to_string().as_str(), "/timeline"].concat();
            edit_detail(
                inner,
                Collection::Customers,
                &timeline,
                |page: &mut TimelinePage| {
                    if !page.items.iter().any(|entry| {
                    matches!(&entry.item, TimelineItem::Activity(known) if known.id == activity.id)
                }) {
                    page.items.insert(
                        0,
                        TimelineEntry {
                            at: activity.occurred_at,
                            item: TimelineItem::Activity(activity),
                        },
                    );
                }
                },
            );
        }
        Mutation::DeleteContact { .. } => {}
        Mutation::SaveQuote { id, .. } | Mutation::MoveQuote { id, .. } => {
            // The revision fetched alone is the answer itself.
            let path = path_of(Collection::Quotes, &id.to_string());
            put_detail(inner, path, body);
        }
        Mutation::CreateReminder { .. } | Mutation::UpdateReminder { .. } => {
            if let Some(reminder) = from_js::<Reminder>(body) {
                inner
                    .records
                    .reminders
                    .borrow_mut()
                    .insert(reminder.id, Arc::new(reminder));
            }
        }
        Mutation::UpdateCustomer { id, .. } | Mutation::MergeCustomer { id, .. } => {
            if let Mutation::MergeCustomer { duplicate, .. } = op {
                // Gone; the feed says so too.
                inner.records.customers.borrow_mut().remove(duplicate);
            }
            if let Some(customer) = from_js::<Customer>(body.clone()) {
                inner
                    .records
                    .customers
                    .borrow_mut()
                    .insert(customer.summary.id, Arc::new(customer.summary));
            }
            // The profile fetched alone is the answer itself.
            put_detail(inner, path_of(Collection::Customers, &id.to_string()), body);
        }
    }
}

/// The record fetched alone at `path` is now `body` (in memory and cached).
fn put_detail(inner: &Rc<Inner>, path: String, body: JsValue) {
    inner
        .details
        .borrow_mut()
        .entry(path.clone())
        .or_default()
        .record = Some(body.clone());
    if let Some(store) = store(inner) {
        let inner = Rc::clone(inner);
        spawn_local(async move {
            if let Err(reason) = store.put_detail(&path, Some(&body)).await {
                storage_failed(&inner, &reason);
            }
        });
    }
}

/// Rewrites the newest edit of `resource` if none of it has been sent yet (its
/// key never used): `rewrite` returns whether it took the change. Stored again.
pub(in crate::data) fn rewrite_unsent(
    inner: &Rc<Inner>,
    resource: &str,
    rewrite: impl FnOnce(&mut Mutation) -> bool,
) -> bool {
    let updated = {
        let mut outbox = inner.outbox.borrow_mut();
        let Some(entry) = outbox.unsent_mut(resource) else {
            return false;
        };
        if !rewrite(&mut entry.op) {
            return false;
        }
        entry.clone()
    };
    inner.changed();
    let inner = Rc::clone(inner);
    spawn_local(async move { persist_outbox(&inner, &[updated], &[]).await });
    true
}

/// Changes the record fetched alone at `id` of `collection` (and its cached
/// copy) the way the server just did, until it is fetched again.
fn edit_detail<T: DeserializeOwned + Serialize>(
    inner: &Rc<Inner>,
    collection: Collection,
    id: &dyn std::fmt::Display,
    edit: impl FnOnce(&mut T),
) {
    let path = path_of(collection, &id.to_string());
    let record = {
        let mut details = inner.details.borrow_mut();
        let Some(detail) = details.get_mut(&path) else {
            return;
        };
        let Some(mut value) = detail.record.clone().and_then(from_js::<T>) else {
            return;
        };
        edit(&mut value);
        detail.record = to_js(&value);
        detail.record.clone()
    };
    if let (Some(record), Some(store)) = (record, store(inner)) {
        let inner = Rc::clone(inner);
        spawn_local(async move {
            if let Err(reason) = store.put_detail(&path, Some(&record)).await {
                storage_failed(&inner, &reason);
            }
        });
    }
}

async fn persist_outbox(inner: &Rc<Inner>, updated: &[Entry<Mutation>], removed: &[u64]) {
    if let Some(store) = store(inner) {
        let entries = updated.iter().filter_map(entry_to_js).collect();
        if let Err(reason) = store.update_outbox(entries, removed).await {
            storage_failed(inner, &reason);
        }
        post(inner, &Message::Outbox);
    }
}

/// Reads the shared outbox again (another tab added or decided something).
pub(super) async fn reload_outbox(inner: &Rc<Inner>) {
    let Some(store) = store(inner) else {
        return;
    };
    match store.outbox().await {
        Ok(stored) => {
            let entries = stored.into_iter().filter_map(entry_from_js).collect();
            inner.outbox.borrow_mut().merge(entries);
            inner.changed();
        }
        Err(reason) => storage_failed(inner, &reason),
    }
}

/// Queues an edit: stored first (when there is a cache), then shown and sent.
pub(in crate::data) fn enqueue(
    inner: Rc<Inner>,
    resource: String,
    if_match: Option<u64>,
    op: Mutation,
) {
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
            let record = entry_to_js(&entry).inspect(|record| {
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
pub(in crate::data) enum Choice {
    KeepMine,
    TakeTheirs,
    Discard,
}

pub(in crate::data) fn decide(inner: Rc<Inner>, seq: u64, choice: Choice) {
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
