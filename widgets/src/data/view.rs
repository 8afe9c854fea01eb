//! How views read the data layer: through their own change signals
//! ([`DataView`]), so that the page-wide layer keeps no dead view alive.

use leptos::prelude::*;
use serde::de::DeserializeOwned;

use super::{Collection, Data, SyncStatus, data};
use crate::api::ApiError;

/// A record fetched alone, as a view shows it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Fetched<T> {
    /// The record, from the server or the cache.
    pub(crate) value: Option<T>,
    /// A fetch is under way.
    pub(crate) loading: bool,
    /// The last fetch failed (`value`, if any, is older).
    pub(crate) error: Option<ApiError>,
}

/// A view's change signals: one for the records (and outbox), one for the status,
/// so that progress and connection changes never recompute a view's records.
#[derive(Clone, Copy, PartialEq)]
pub(crate) struct Listener {
    pub(super) records: RwSignal<u64>,
    pub(super) status: RwSignal<u64>,
}

/// A view's reactive window on the page's data layer: the layer for its API base
/// (a new one after `configure()` or a restart), and the view's own change
/// signal. Reading through it tracks both.
#[derive(Clone, Copy)]
pub(crate) struct DataView {
    data: Memo<Data>,
    listener: Listener,
    restarts: RwSignal<u64>,
}

impl DataView {
    /// Follows the layer of the element's API base (and user).
    pub(crate) fn of(context: &crate::element::ElementContext) -> DataView {
        let base = context.attribute("api-base");
        let configuration = context.configuration_version();
        let restarts = RwSignal::new(0_u64);
        let data = Memo::new(move |_| {
            configuration.track();
            restarts.track();
            data(crate::config::api_base(base.get()))
        });
        let listener = Listener {
            records: RwSignal::new(0),
            status: RwSignal::new(0),
        };
        Effect::new(move |_| data.get().listen(listener));
        DataView {
            data,
            listener,
            restarts,
        }
    }

    /// The layer, tracking only which layer it is (not its changes).
    pub(crate) fn layer(self) -> Data {
        self.data.get()
    }

    /// The layer, untracked (for event handlers).
    pub(crate) fn layer_untracked(self) -> Data {
        self.data.get_untracked()
    }

    /// Reads the layer's records, tracking their changes (not the status's).
    pub(crate) fn with<R>(self, read: impl FnOnce(&Data) -> R) -> R {
        self.listener.records.track();
        self.data.with(read)
    }

    /// The layer's status, tracking it.
    pub(crate) fn status(self) -> SyncStatus {
        self.listener.status.track();
        self.data.with(Data::status)
    }

    /// Starts a new layer (retry after the server refused).
    pub(crate) fn restart(self) {
        self.data.get_untracked().restart();
        self.restarts.update(|count| *count += 1);
    }

    /// The record of `collection` whose id `id` gives, fetched alone (again
    /// whenever the id or the layer changes: the cached copy shows at once, the
    /// server's replaces it), with `adjust` applying what the layer knows
    /// better; and a retry for the view's error notice.
    pub(crate) fn fetched_record<T>(
        self,
        collection: Collection,
        id: Memo<Option<String>>,
        adjust: impl Fn(&Data, &mut Fetched<T>) + Send + Sync + 'static,
    ) -> (Memo<Option<Fetched<T>>>, Callback<()>)
    where
        T: DeserializeOwned + Clone + PartialEq + Send + Sync + 'static,
    {
        Effect::new(move |_| {
            let layer = self.layer();
            if let Some(id) = id.get() {
                layer.fetch(collection, &id);
            }
        });
        let fetched = Memo::new(move |_| {
            let id = id.get()?;
            Some(self.with(|data| {
                let mut fetched = data.fetched::<T>(collection, &id);
                adjust(data, &mut fetched);
                fetched
            }))
        });
        let retry = Callback::new(move |()| {
            if let Some(id) = id.get_untracked() {
                self.layer_untracked().fetch(collection, &id);
            }
        });
        (fetched, retry)
    }
}
