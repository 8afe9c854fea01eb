//! The custom-element runtime: one place that turns a Leptos view into a
//! well-behaved custom element.
//!
//! - [`define`] registers a tag once (loading the bundle twice does not throw).
//! - Every element gets an open shadow root with its own constructable stylesheet,
//!   so no style leaks in or out and no `<style>` needs a CSP exception.
//! - Observed attributes become signals; complex data arrives through JS
//!   properties, also as signals ([`ElementContext`]).
//! - The view is mounted on `connectedCallback` and unmounted on
//!   `disconnectedCallback` by keeping and dropping Leptos's `UnmountHandle`;
//!   re-connecting mounts again ([`handle`]).
//! - [`ElementContext::emit`] dispatches `crm-…` `CustomEvent`s that bubble and
//!   cross the shadow boundary.
//! - A panic (a bug) cannot be caught with `panic = "abort"`: the hook installed by
//!   [`install_crash_reporter`] makes every element show a readable message and
//!   leaves the host page running. Expected failures (network, bad data, bad
//!   attributes) are values, shown inside the widget that met them.

mod context;
mod handle;

use std::sync::atomic::{AtomicU64, Ordering};

use contract::language::Language;
use leptos::prelude::AnyView;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use crate::i18n::Text;

pub(crate) use context::{ElementContext, PropertyValue, configuration_changed};
use handle::ElementHandle;

#[wasm_bindgen(module = "/src/element/host.js")]
extern "C" {
    fn crm_define_element(
        tag: &str,
        attributes: js_sys::Array,
        properties: js_sys::Array,
        css: &str,
        create: &JsValue,
    ) -> bool;
    fn crm_emit(element: &HtmlElement, name: &str, detail: &JsValue);
    fn crm_inherited_language(element: &HtmlElement) -> String;
    fn crm_watch_document_language(notify: &JsValue);
    fn crm_follow_peer(
        element: &HtmlElement,
        id: &str,
        name: &str,
        notify: &JsValue,
    ) -> js_sys::Function;
    fn crm_listen_peer(
        element: &HtmlElement,
        id: &str,
        name: &str,
        notify: &JsValue,
    ) -> js_sys::Function;
    fn crm_report_crash(message: &str);
    fn crm_download(filename: &str, kind: &str, text: &str);
    fn crm_print(sheet: &web_sys::Element, css: &str, title: &str);
    fn crm_read_file(input: &JsValue) -> js_sys::Promise;
    fn crm_set_crash_texts(english: &str, chinese: &str);
}

/// Everything the runtime needs to know about one custom element.
pub(crate) struct ElementDefinition {
    /// The tag name, e.g. `crm-inquiry-inbox`.
    pub(crate) tag: &'static str,
    /// Attributes observed besides [`COMMON_ATTRIBUTES`].
    pub(crate) attributes: &'static [&'static str],
    /// JS properties carrying complex data (objects, arrays), kebab-case; the
    /// property is their camelCase form.
    pub(crate) properties: &'static [&'static str],
    /// The element's stylesheet (appended to the shared theme).
    pub(crate) styles: &'static str,
    /// Builds the element's view.
    pub(crate) render: fn(ElementContext) -> AnyView,
}

/// Attributes every element observes: its language and the REST API's base URL.
pub(crate) const COMMON_ATTRIBUTES: [&str; 2] = ["lang", "api-base"];

/// The design tokens and base rules shared by every element.
pub(crate) const THEME_CSS: &str = include_str!("theme.css");

/// The events the widgets dispatch. Names carry the `crm-` prefix so they never
/// collide with a host's own events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CrmEvent {
    /// The user selected an inquiry in the inbox.
    InquirySelect,
    /// The user changed the inbox's status filter.
    InquiryFilterChange,
    /// The user changed inquiries in the inbox (status, assignee, read state,
    /// a reply).
    InquiryChange,
    /// The user asked for a quote for an inquiry ("Create quote").
    QuoteRequest,
    /// The user asked to see a buyer's customer card.
    CustomerOpen,
    /// The quote being built changed.
    QuoteChange,
    /// The server has a quote revision as sent.
    QuoteSent,
    /// The user changed a customer (profile, contacts, notes, reminders).
    CustomerChange,
    /// A reminder shown on the customer card is due today or overdue.
    ReminderDue,
}

impl CrmEvent {
    #[cfg(test)]
    pub(crate) const ALL: [CrmEvent; 9] = [
        CrmEvent::InquirySelect,
        CrmEvent::InquiryFilterChange,
        CrmEvent::InquiryChange,
        CrmEvent::QuoteRequest,
        CrmEvent::CustomerOpen,
        CrmEvent::QuoteChange,
        CrmEvent::QuoteSent,
        CrmEvent::CustomerChange,
        CrmEvent::ReminderDue,
    ];

    /// The DOM event name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            CrmEvent::InquirySelect => "crm-inquiry-select",
            CrmEvent::InquiryFilterChange => "crm-inquiry-filter-change",
            CrmEvent::InquiryChange => "crm-inquiry-change",
            CrmEvent::QuoteRequest => "crm-quote-request",
            CrmEvent::CustomerOpen => "crm-customer-open",
            CrmEvent::QuoteChange => "crm-quote-change",
            CrmEvent::QuoteSent => "crm-quote-sent",
            CrmEvent::CustomerChange => "crm-customer-change",
            CrmEvent::ReminderDue => "crm-reminder-due",
        }
    }
}

/// Prints `sheet` alone, styled by `css`, under `title` (the name "Save as
/// PDF" proposes).
pub(crate) fn print(sheet: &web_sys::Element, css: &str, title: &str) {
    crm_print(sheet, css, title);
}

/// Hands `text` to the browser as a file download.
pub(crate) fn download(filename: &str, kind: &str, text: &str) {
    crm_download(filename, kind, text);
}

/// The text of the file chosen in a file input (`None`: none chosen, or it
/// cannot be read).
pub(crate) async fn read_file(input: &JsValue) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(crm_read_file(input))
        .await
        .ok()?
        .as_string()
}

/// Registers `definition.tag`, unless something already defined it.
pub(crate) fn define(definition: &'static ElementDefinition) {
    let attributes: js_sys::Array = COMMON_ATTRIBUTES
        .iter()
        .chain(definition.attributes)
        .map(|name| JsValue::from_str(name))
        .collect();
    let properties: js_sys::Array = definition
        .properties
        .iter()
        .map(|name| JsValue::from_str(name))
        .collect();
    let css = [THEME_CSS, definition.styles].concat();
    let create = Closure::<dyn Fn(HtmlElement) -> JsValue>::new(move |host: HtmlElement| {
        JsValue::from(ElementHandle::new(definition, &host))
    });
    crm_define_element(
        definition.tag,
        attributes,
        properties,
        &css,
        create.as_ref(),
    );
    // The constructor callback is needed for as long as the tag is defined: forever.
    create.forget();
}

/// Starts following `<html lang>`: every mounted view hears of a change.
pub(crate) fn watch_document_language() {
    let notify = Closure::<dyn Fn()>::new(context::document_language_changed);
    crm_watch_document_language(notify.as_ref());
    // The observer lives as long as the page.
    notify.forget();
}

/// How many element views are mounted right now (for the leak check).
static MOUNTED_VIEWS: AtomicU64 = AtomicU64::new(0);

/// How many element handles exist right now (for the leak check).
static LIVE_HANDLES: AtomicU64 = AtomicU64::new(0);

/// Counters the test suite reads to prove that removing and re-adding elements
/// leaks nothing: `{ mountedViews, liveHandles, wasmMemoryBytes }`.
#[wasm_bindgen(js_name = debugCounters)]
pub fn debug_counters() -> js_sys::Object {
    let counters = js_sys::Object::new();
    let memory_bytes = wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|memory| memory.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0.0, |buffer| f64::from(buffer.byte_length()));
    for (key, value) in [
        ("mountedViews", MOUNTED_VIEWS.load(Ordering::Relaxed) as f64),
        ("liveHandles", LIVE_HANDLES.load(Ordering::Relaxed) as f64),
        ("wasmMemoryBytes", memory_bytes),
    ] {
        // Setting a plain data property on a fresh object cannot fail.
        if js_sys::Reflect::set(&counters, &key.into(), &JsValue::from_f64(value)).is_err() {
            web_sys::console::error_1(&"[crm-widgets] cannot build debug counters".into());
        }
    }
    counters
}

/// Makes a panic show a readable message in every element instead of leaving
/// frozen views, and hands the message in both languages to the JS runtime.
pub(crate) fn install_crash_reporter() {
    crm_set_crash_texts(
        Text::WidgetCrashed.in_language(Language::English),
        Text::WidgetCrashed.in_language(Language::SimplifiedChinese),
    );
    std::panic::set_hook(Box::new(|info| crm_report_crash(&info.to_string())));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_name_has_the_crm_prefix_and_is_unique() {
        let mut names: Vec<_> = CrmEvent::ALL.iter().map(|event| event.name()).collect();
        assert!(names.iter().all(|name| name.starts_with("crm-")));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CrmEvent::ALL.len());
    }
}
