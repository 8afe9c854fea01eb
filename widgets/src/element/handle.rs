//! The Rust half of one element instance: the JS class in `host.js` holds it and
//! forwards `connectedCallback`, `disconnectedCallback`, `attributeChangedCallback`
//! and property accessors to it.
//!
//! While disconnected the handle holds plain values only, no reference to the
//! element, its nodes or any signal, so a removed element is garbage-collected
//! together with its handle (wasm-bindgen frees the handle through a
//! `FinalizationRegistry`).

use std::cell::{Cell, RefCell};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use leptos::mount::{UnmountHandle, mount_to};
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use super::context::{MountSignals, PropertyValue};
use super::{COMMON_ATTRIBUTES, ElementContext, ElementDefinition, LIVE_HANDLES, MOUNTED_VIEWS};

#[wasm_bindgen]
pub struct ElementHandle {
    definition: &'static ElementDefinition,
    attributes: RefCell<Vec<(&'static str, Option<String>)>>,
    properties: RefCell<Vec<(&'static str, PropertyValue)>>,
    connected: Cell<bool>,
    mounted: RefCell<Option<MountedView>>,
}

/// A mounted view; dropping it unmounts the view, disposes its reactive owner and
/// drops its signals.
struct MountedView {
    signals: Arc<MountSignals>,
    _handle: UnmountHandle<AnyViewState>,
}

impl MountedView {
    fn new(signals: Arc<MountSignals>, handle: UnmountHandle<AnyViewState>) -> MountedView {
        MOUNTED_VIEWS.fetch_add(1, Ordering::Relaxed);
        MountedView {
            signals,
            _handle: handle,
        }
    }
}

impl Drop for MountedView {
    fn drop(&mut self) {
        MOUNTED_VIEWS.fetch_sub(1, Ordering::Relaxed);
    }
}

impl ElementHandle {
    pub(super) fn new(definition: &'static ElementDefinition, host: &HtmlElement) -> ElementHandle {
        let attributes = COMMON_ATTRIBUTES
            .iter()
            .chain(definition.attributes)
            .map(|name| (*name, host.get_attribute(name)))
            .collect();
        let properties = definition
            .properties
            .iter()
            .map(|name| (*name, None))
            .collect();
        LIVE_HANDLES.fetch_add(1, Ordering::Relaxed);
        ElementHandle {
            definition,
            attributes: RefCell::new(attributes),
            properties: RefCell::new(properties),
            connected: Cell::new(false),
            mounted: RefCell::new(None),
        }
    }
}

#[wasm_bindgen]
impl ElementHandle {
    /// `connectedCallback`: mount the view into `container` (again, after a
    /// re-connect). The view holds `host` only while mounted.
    pub fn connected(&self, host: HtmlElement, container: HtmlElement) {
        self.connected.set(true);
        if self.mounted.borrow().is_some() {
            return;
        }
        let signals = MountSignals::new(&self.attributes.borrow(), &self.properties.borrow());
        let render = self.definition.render;
        let for_view = Arc::clone(&signals);
        let handle = mount_to(container, move || {
            render(ElementContext::new(host, for_view))
        });
        // The host may have removed the element while it rendered (e.g. from an
        // event listener); then the view must not stay mounted.
        if self.connected.get() {
            *self.mounted.borrow_mut() = Some(MountedView::new(signals, handle));
        }
    }

    /// `disconnectedCallback`: unmount the view and dispose its reactive state.
    pub fn disconnected(&self) {
        self.connected.set(false);
        let view = self.mounted.borrow_mut().take();
        drop(view);
    }

    /// `attributeChangedCallback` for an observed attribute.
    pub fn attribute_changed(&self, name: &str, value: Option<String>) {
        let mounted = self.mounted.borrow();
        let signals = mounted
            .as_ref()
            .map(|view| view.signals.attributes.as_slice());
        store(&self.attributes, signals, name, value);
    }

    /// The getter of a complex property.
    pub fn property(&self, name: &str) -> JsValue {
        self.properties
            .borrow()
            .iter()
            .find(|(known, _)| *known == name)
            .and_then(|(_, value)| value.clone())
            .map(SendWrapper::take)
            .unwrap_or(JsValue::UNDEFINED)
    }

    /// The setter of a complex property.
    pub fn set_property(&self, name: &str, value: JsValue) {
        let value = (!value.is_undefined() && !value.is_null()).then(|| SendWrapper::new(value));
        let mounted = self.mounted.borrow();
        let signals = mounted
            .as_ref()
            .map(|view| view.signals.properties.as_slice());
        store(&self.properties, signals, name, value);
    }
}

/// Keeps `value` as the element's current `name` (for the next mount) and hands
/// it to the mounted view's signal, if a view is mounted.
fn store<T: Clone + Send + Sync + 'static>(
    values: &RefCell<Vec<(&'static str, T)>>,
    signals: Option<&[(&'static str, ArcRwSignal<T>)]>,
    name: &str,
    value: T,
) {
    if let Some(slot) = values
        .borrow_mut()
        .iter_mut()
        .find(|(known, _)| *known == name)
    {
        slot.1.clone_from(&value);
    }
    if let Some((_, signal)) = signals
        .into_iter()
        .flatten()
        .find(|(known, _)| *known == name)
    {
        signal.set(value);
    }
}

impl Drop for ElementHandle {
    fn drop(&mut self) {
        LIVE_HANDLES.fetch_sub(1, Ordering::Relaxed);
    }
}
