//! The CRM custom elements — `<crm-inquiry-inbox>`, `<crm-customer-card>` and
//! `<crm-quote-builder>` — as Leptos components compiled to WebAssembly.
//!
//! Loading the bundle defines the three tags (see [`elements`]); a host configures
//! the sign-in token once with the exported [`config::configure`]. Each element
//! renders in its own shadow root through the runtime in [`element`].

// Leptos's `#[component]` turns every component function into a `pub` item.
#![allow(unreachable_pub)]
// A one-widget build (`cargo xtask bench --full`) leaves the other widgets unused.
#![cfg_attr(
    not(all(
        feature = "inquiry-inbox",
        feature = "customer-card",
        feature = "quote-builder"
    )),
    allow(dead_code, unused_imports)
)]

mod api;
pub mod config;
mod customer_card;
mod data;
mod element;
mod elements;
mod i18n;
mod inquiry_inbox;
mod intl;
#[cfg(not(target_arch = "wasm32"))]
pub mod package;
mod quote_builder;
mod sync;
mod ui;

use wasm_bindgen::prelude::wasm_bindgen;

/// Runs once when the bundle's WebAssembly module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    element::install_crash_reporter();
    config::listen_for_configuration();
    element::watch_document_language();
    elements::define_all();
}
