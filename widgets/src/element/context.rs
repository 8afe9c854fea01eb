//! What a mounted view gets from its element ([`ElementContext`]) and the signals
//! behind it.
//!
//! Leak rule: in Leptos's reactive graph a signal keeps every subscriber it ever
//! had until that subscriber runs again; a view that is gone never does. So a view
//! must only subscribe to signals that die with it. Each mount therefore gets its
//! own signals ([`MountSignals`]), seeded from the element's current values and
//! dropped on unmount, and page-wide changes (`configure()`, `<html lang>`) reach
//! the live mounts through a registry of weak references instead of global signals.

use std::cell::RefCell;
use std::sync::{Arc, Weak};

use contract::language::Language;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde::Serialize;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;
use web_sys::HtmlElement;

use super::{CrmEvent, crm_emit, crm_follow_peer, crm_inherited_language, crm_listen_peer};

/// A JS property value as the host set it.
pub(crate) type PropertyValue = Option<SendWrapper<JsValue>>;

/// The signals of one mounted view.
pub(super) struct MountSignals {
    pub(super) attributes: Vec<(&'static str, ArcRwSignal<Option<String>>)>,
    pub(super) properties: Vec<(&'static str, ArcRwSignal<PropertyValue>)>,
    /// Bumped when the host calls `configure()`.
    configuration: ArcRwSignal<u64>,
    /// Bumped when `<html lang>` changes.
    document_language: ArcRwSignal<u64>,
}

thread_local! {
    static LIVE_MOUNTS: RefCell<Vec<Weak<MountSignals>>> = const { RefCell::new(Vec::new()) };
}

impl MountSignals {
    /// Signals seeded with the element's current values, registered for page-wide changes.
    pub(super) fn new(
        attributes: &[(&'static str, Option<String>)],
        properties: &[(&'static str, PropertyValue)],
    ) -> Arc<MountSignals> {
        let signals = Arc::new(MountSignals {
            attributes: attributes
                .iter()
                .map(|(name, value)| (*name, ArcRwSignal::new(value.clone())))
                .collect(),
            properties: properties
                .iter()
                .map(|(name, value)| (*name, ArcRwSignal::new(value.clone())))
                .collect(),
            configuration: ArcRwSignal::new(0),
            document_language: ArcRwSignal::new(0),
        });
        LIVE_MOUNTS.with_borrow_mut(|mounts| {
            mounts.retain(|mount| mount.strong_count() > 0);
            mounts.push(Arc::downgrade(&signals));
        });
        signals
    }
}

fn for_each_live_mount(action: impl Fn(&MountSignals)) {
    // Collect first: the action may run code that mounts or unmounts views.
    let live: Vec<Arc<MountSignals>> = LIVE_MOUNTS.with_borrow_mut(|mounts| {
        mounts.retain(|mount| mount.strong_count() > 0);
        mounts.iter().filter_map(Weak::upgrade).collect()
    });
    for mount in live {
        action(&mount);
    }
}

/// Tells every mounted view that the host called `configure()`.
pub(crate) fn configuration_changed() {
    // Another user may be signed in: no data of the previous one carries over.
    crate::data::reset();
    for_each_live_mount(|mount| mount.configuration.update(|version| *version += 1));
}

/// Tells every mounted view that `<html lang>` changed.
pub(super) fn document_language_changed() {
    for_each_live_mount(|mount| mount.document_language.update(|version| *version += 1));
}

/// What a widget's view gets from its element: attributes and properties as
/// signals, its language, and a way to emit events. Cheap to clone.
#[derive(Clone)]
pub(crate) struct ElementContext {
    host: SendWrapper<HtmlElement>,
    signals: Arc<MountSignals>,
    language: Memo<Language>,
}

impl ElementContext {
    /// The context of one mount; must run inside the mount's reactive owner.
    pub(super) fn new(host: HtmlElement, signals: Arc<MountSignals>) -> ElementContext {
        let host = SendWrapper::new(host);
        let own = signals
            .attributes
            .iter()
            .find(|(name, _)| *name == "lang")
            .map(|(_, signal)| signal.clone());
        let document_language = signals.document_language.clone();
        let inherited_host = host.clone();
        let language = Memo::new(move |_| {
            let tag = match own.as_ref().and_then(|own| own.get()) {
                Some(tag) => tag,
                None => {
                    document_language.track();
                    crm_inherited_language(&inherited_host)
                }
            };
            Language::from_tag(&tag).unwrap_or_default()
        });
        ElementContext {
            host,
            signals,
            language,
        }
    }

    /// The current value of an observed attribute (`None` when absent).
    pub(crate) fn attribute(&self, name: &'static str) -> Signal<Option<String>> {
        match self
            .signals
            .attributes
            .iter()
            .find(|(known, _)| *known == name)
        {
            Some((_, signal)) => signal.clone().into(),
            None => {
                debug_assert!(false, "attribute {name} is not observed");
                Signal::stored(None)
            }
        }
    }

    /// Sets (or with `None` removes) one of the element's own attributes, so that
    /// state the user changes inside the widget is reflected where the host sees it.
    pub(crate) fn reflect_attribute(&self, name: &str, value: Option<&str>) {
        let result = match value {
            Some(value) => self.host.set_attribute(name, value),
            None => self.host.remove_attribute(name),
        };
        if let Err(error) = result {
            web_sys::console::error_2(&"[crm-widgets] cannot set attribute".into(), &error);
        }
    }

    /// The current value of a complex JS property (`None` until the host sets one).
    pub(crate) fn property(&self, name: &'static str) -> Signal<PropertyValue> {
        match self
            .signals
            .properties
            .iter()
            .find(|(known, _)| *known == name)
        {
            Some((_, signal)) => signal.clone().into(),
            None => {
                debug_assert!(false, "property {name} is not declared");
                Signal::stored(None)
            }
        }
    }

    /// The language the element speaks: its `lang` attribute, else the nearest
    /// ancestor's or the page's, else the browser's; English when unsupported.
    pub(crate) fn language(&self) -> Signal<Language> {
        self.language.into()
    }

    /// Changes whenever the host calls `configure()`: loaders track it to reload
    /// with the new credentials.
    pub(crate) fn configuration_version(&self) -> Signal<u64> {
        self.signals.configuration.clone().into()
    }

    /// Attribute `name` of the element whose id `id` gives, in the same document
    /// or shadow root, followed live while this view is mounted: `Err(())` when
    /// there is no such element, `Ok(None)` when it lacks the attribute.
    pub(crate) fn peer_attribute(
        &self,
        id: Signal<Option<String>>,
        name: &'static str,
    ) -> Signal<Result<Option<String>, ()>> {
        let value = RwSignal::new(Ok(None));
        self.with_peer(
            id,
            move || value.set(Ok(None)),
            move |host, id| {
                let notify = Closure::<dyn Fn(JsValue)>::new(move |attribute: JsValue| {
                    let next = if attribute.is_undefined() {
                        Err(())
                    } else {
                        Ok(attribute.as_string())
                    };
                    // The observer may outlive the view by a tick.
                    if value.try_get_untracked().as_ref() != Some(&next) {
                        value.try_set(next);
                    }
                });
                let stopper = crm_follow_peer(host, id, name, notify.as_ref());
                (stopper, notify)
            },
        );
        value.into()
    }

    /// Calls `on_detail` with the `detail` of every `event` that the element whose
    /// id `id` gives (same document or shadow root) dispatches, while this view is
    /// mounted. The signal answers `Err(())` when there is no such element.
    pub(crate) fn peer_events(
        &self,
        id: Signal<Option<String>>,
        event: CrmEvent,
        on_detail: impl Fn(JsValue) + 'static,
    ) -> Signal<Result<(), ()>> {
        let found = RwSignal::new(Ok(()));
        let on_detail = std::rc::Rc::new(on_detail);
        self.with_peer(
            id,
            move || found.set(Ok(())),
            move |host, id| {
                let on_detail = std::rc::Rc::clone(&on_detail);
                let notify = Closure::<dyn Fn(JsValue)>::new(move |detail: JsValue| {
                    if detail.is_undefined() {
                        found.try_set(Err(()));
                    } else {
                        on_detail(detail);
                    }
                });
                found.set(Ok(()));
                let stopper = crm_listen_peer(host, id, event.name(), notify.as_ref());
                (stopper, notify)
            },
        );
        found.into()
    }

    /// While this view is mounted, runs `start` for the peer id `id` gives (again
    /// when it changes, after stopping the previous one; `none` when there is no
    /// id). `start` returns the JS function that stops what it started and the
    /// closure the browser calls, which lives exactly as long.
    fn with_peer(
        &self,
        id: Signal<Option<String>>,
        none: impl Fn() + 'static,
        start: impl Fn(&HtmlElement, &str) -> (js_sys::Function, Closure<dyn Fn(JsValue)>) + 'static,
    ) {
        let host = self.host.clone();
        let stop = StoredValue::new_local(None::<js_sys::Function>);
        let halt = move || {
            if let Some(stop) = stop.try_update_value(Option::take).flatten()
                && let Err(error) = stop.call0(&JsValue::NULL)
            {
                web_sys::console::error_2(&"[crm-widgets] cannot stop following".into(), &error);
            }
        };
        Effect::new(move |_| {
            halt();
            let Some(id) = id.get().filter(|id| !id.trim().is_empty()) else {
                none();
                return;
            };
            let (stopper, notify) = start(&host, id.trim());
            let notify = SendWrapper::new(notify);
            let both = js_sys::Function::from(Closure::once_into_js(move || {
                if let Err(error) = stopper.call0(&JsValue::NULL) {
                    web_sys::console::error_2(
                        &"[crm-widgets] cannot stop following".into(),
                        &error,
                    );
                }
                drop(notify);
            }));
            stop.set_value(Some(both));
        });
        on_cleanup(halt);
    }

    /// Dispatches `event` from the element with `detail` as a plain JS object.
    pub(crate) fn emit(&self, event: CrmEvent, detail: &impl Serialize) {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        match detail.serialize(&serializer) {
            Ok(detail) => crm_emit(&self.host, event.name(), &detail),
            Err(error) => web_sys::console::error_2(
                &"[crm-widgets] cannot serialize event detail".into(),
                &JsValue::from_str(&error.to_string()),
            ),
        }
    }
}
