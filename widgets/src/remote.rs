//! Loading server data into a view: a signal holding the last data, whether a
//! load is under way and the last error; reloads when its query changes, when the
//! host calls `configure`, or on retry. A late answer to an old query never
//! overwrites a newer one.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use leptos::prelude::*;

use crate::api::ApiError;
use crate::element::ElementContext;

/// What a view knows about some remote data.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Remote<T> {
    /// The last data received for the current query.
    pub(crate) data: Option<T>,
    /// A request is under way.
    pub(crate) loading: bool,
    /// The last request failed (the data, if any, is older).
    pub(crate) error: Option<ApiError>,
}

/// A handle on remote data; `Copy`, so views can capture it freely.
pub(crate) struct Loader<T: Send + Sync + 'static> {
    state: RwSignal<Remote<T>>,
    retry: RwSignal<u64>,
}

impl<T: Send + Sync + 'static> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Loader<T> {}

impl<T: Clone + Send + Sync + 'static> Loader<T> {
    /// The current state (tracked).
    pub(crate) fn get(self) -> Remote<T> {
        self.state.get()
    }

    /// Reads the current state (tracked) without cloning it.
    pub(crate) fn with<R>(self, read: impl FnOnce(&Remote<T>) -> R) -> R {
        self.state.with(read)
    }

    /// Loads again with the same query.
    pub(crate) fn retry(self) {
        self.retry.update(|count| *count += 1);
    }
}

/// Loads `fetch(query())` now and whenever `query()` changes. `None` as query
/// means there is nothing to load (the data is cleared).
pub(crate) fn load<Q, T, Fut>(
    query: impl Fn() -> Option<Q> + 'static,
    fetch: impl Fn(Q) -> Fut + 'static,
) -> Loader<T>
where
    Q: Clone + PartialEq + 'static,
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = RwSignal::new(Remote {
        data: None,
        loading: true,
        error: None,
    });
    let retry = RwSignal::new(0_u64);
    let generation = Arc::new(AtomicU64::new(0));
    let version = use_context::<ElementContext>().map(|context| context.configuration_version());
    Effect::new(move |previous: Option<Option<Q>>| {
        retry.track();
        if let Some(version) = version {
            version.track();
        }
        let query = query();
        let this = generation.fetch_add(1, Ordering::Relaxed) + 1;
        let changed = previous.as_ref() != Some(&query);
        let Some(current) = query.clone() else {
            state.set(Remote {
                data: None,
                loading: false,
                error: None,
            });
            return query;
        };
        state.update(|remote| {
            remote.loading = true;
            if changed {
                remote.data = None;
                remote.error = None;
            }
        });
        let future = fetch(current);
        let generation = Arc::clone(&generation);
        leptos::task::spawn_local(async move {
            let result = future.await;
            // Only the newest request may write; `update` is a no-op once the
            // view is gone, so a late answer after unmounting is harmless.
            if generation.load(Ordering::Relaxed) != this {
                return;
            }
            state.update(|remote| {
                remote.loading = false;
                match result {
                    Ok(data) => {
                        remote.data = Some(data);
                        remote.error = None;
                    }
                    Err(error) => remote.error = Some(error),
                }
            });
        });
        query
    });
    retry_when_back_online(state, retry);
    Loader { state, retry }
}

/// A load that got no answer is tried again as soon as the browser is back
/// online, without the user having to press Retry. The listener goes with the view.
fn retry_when_back_online<T: Send + Sync + 'static>(
    state: RwSignal<Remote<T>>,
    retry: RwSignal<u64>,
) {
    let listener = crate::data::on_online(move || {
        // `try_`: the view may be gone already; its signals then read as `None`.
        let unanswered = state
            .try_with_untracked(|remote| {
                matches!(remote.error, Some(ApiError::Network | ApiError::Timeout))
            })
            .unwrap_or(false);
        if unanswered {
            retry.try_update(|count| *count += 1);
        }
    });
    let listener = send_wrapper::SendWrapper::new(listener);
    on_cleanup(move || drop(listener));
}
