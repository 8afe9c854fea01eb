//! Records fetched one at a time, for what the lists do not carry (a customer's
//! contacts and metrics, an inquiry not in the inbox): shown from the cache at
//! once, fetched again each time a view asks, when the feed says the record
//! changed, and when the browser is back online after a fetch got no answer.

use std::rc::Rc;

use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

use super::{storage_failed, store};
use crate::api::ApiError;
use crate::data::Inner;
use crate::data::store::Collection;

/// What the layer holds of one record fetched alone.
#[derive(Debug, Default)]
pub(crate) struct Detail {
    /// The record as the server (or the cache) last gave it.
    pub(crate) record: Option<JsValue>,
    /// The last fetch failed.
    pub(crate) error: Option<ApiError>,
    /// A fetch is under way.
    pub(crate) fetching: bool,
    /// Asked again while a fetch was under way: fetch once more after it.
    again: bool,
}

/// The path of the record of `collection` with `id`, fetched alone.
pub(crate) fn path_of(collection: Collection, id: &str) -> String {
    [collection.store(), "/", id].concat()
}

/// Fetches the record at `path` (from the cache first when the layer has
/// nothing yet, then from the server), unless a fetch is under way already.
pub(crate) fn fetch(inner: &Rc<Inner>, path: String) {
    {
        let mut details = inner.details.borrow_mut();
        let detail = details.entry(path.clone()).or_default();
        if detail.fetching {
            detail.again = true;
            return;
        }
        detail.fetching = true;
    }
    spawn_local(fetch_now(Rc::clone(inner), path));
}

async fn fetch_now(inner: Rc<Inner>, path: String) {
    let unknown = inner
        .details
        .borrow()
        .get(&path)
        .is_none_or(|detail| detail.record.is_none());
    if unknown
        && let Some(store) = store(&inner)
        && let Ok(Some(record)) = store.detail(&path).await
    {
        if let Some(detail) = inner.details.borrow_mut().get_mut(&path) {
            detail.record.get_or_insert(record);
        }
        inner.notify(true);
    }
    loop {
        let segments: Vec<&str> = path.split('/').collect();
        let result = inner.api.get_raw(&segments).await;
        if inner.stopped.get() {
            return;
        }
        let stored = match &result {
            Ok(record) => Some(Some(record.clone())),
            Err(ApiError::Problem(problem)) if problem.status == 404 || problem.status == 403 => {
                Some(None)
            }
            Err(_) => None,
        };
        if let (Some(record), Some(store)) = (stored, store(&inner))
            && let Err(reason) = store.put_detail(&path, record.as_ref()).await
        {
            storage_failed(&inner, &reason);
        }
        let again = {
            let mut details = inner.details.borrow_mut();
            let detail = details.entry(path.clone()).or_default();
            match result {
                Ok(record) => {
                    detail.record = Some(record);
                    detail.error = None;
                }
                Err(error) => {
                    if matches!(&error, ApiError::Problem(problem) if problem.status == 404 || problem.status == 403)
                    {
                        detail.record = None;
                    }
                    detail.error = Some(error);
                }
            }
            let again = std::mem::take(&mut detail.again);
            detail.fetching = again;
            again
        };
        inner.notify(true);
        if !again {
            return;
        }
    }
}

/// The feed (or another tab) changed these records: fetch again those the
/// layer holds alone.
pub(super) fn refresh_details(inner: &Rc<Inner>, collection: Collection, ids: &[String]) {
    let held: Vec<String> = {
        let details = inner.details.borrow();
        ids.iter()
            .flat_map(|id| {
                let record = path_of(collection, id);
                // A customer's timeline and look-alikes move with it.
                let parts: Vec<String> = if collection == Collection::Customers {
                    ["/timeline", "/duplicates"]
                        .iter()
                        .map(|part| [record.as_str(), part].concat())
                        .collect()
                } else {
                    Vec::new()
                };
                std::iter::once(record).chain(parts)
            })
            .filter(|path| details.contains_key(path))
            .collect()
    };
    for path in held {
        fetch(inner, path);
    }
}

/// Back online: fetch again what got no answer.
pub(super) fn retry_unanswered(inner: &Rc<Inner>) {
    let unanswered: Vec<String> = inner
        .details
        .borrow()
        .iter()
        .filter(|(_, detail)| matches!(detail.error, Some(ApiError::Network | ApiError::Timeout)))
        .map(|(path, _)| path.clone())
        .collect();
    for path in unanswered {
        fetch(inner, path);
    }
}
