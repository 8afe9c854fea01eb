//! The browser services the data layer uses: timers, a wake-up for the sync
//! loop, tab leadership, the change stream, hashing, the cross-tab channel.

use std::cell::{Cell, RefCell};

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/data/browser.js")]
extern "C" {
    fn crm_hold_lock(name: &str, on_acquired: &js_sys::Function) -> js_sys::Function;
    #[wasm_bindgen(catch)]
    async fn crm_sha256_hex(text: &str) -> Result<JsValue, JsValue>;
    fn crm_follow_stream(
        url: &str,
        token: &str,
        on_event: &js_sys::Function,
        on_end: &js_sys::Function,
    ) -> js_sys::Function;
    fn crm_wake_promise(milliseconds: u32) -> js_sys::Array;
}

/// Logs a call the layer can do without when it fails (closing, posting to a
/// closed channel): worth a line in the console, not a message to the user.
pub(crate) fn report<T>(result: Result<T, JsValue>, what: &str) {
    if let Err(error) = result {
        web_sys::console::warn_2(&["[crm-widgets] ", what, " failed"].concat().into(), &error);
    }
}

/// Milliseconds since the epoch.
pub(crate) fn now() -> u64 {
    js_sys::Date::now() as u64
}

/// Waits `milliseconds`.
pub(crate) async fn sleep(milliseconds: u32) {
    let pair = crm_wake_promise(milliseconds);
    let promise: js_sys::Promise = pair.get(0).unchecked_into();
    // It only ever resolves.
    drop(JsFuture::from(promise).await);
}

/// Whether the browser believes it is online.
pub(crate) fn online() -> bool {
    web_sys::window().is_none_or(|window| window.navigator().on_line())
}

/// Wakes a waiting loop early; a poke while nobody waits is kept for the next wait.
#[derive(Default)]
pub(crate) struct Wakeup {
    wake: RefCell<Option<js_sys::Function>>,
    poked: Cell<bool>,
}

impl Wakeup {
    pub(crate) fn poke(&self) {
        self.poked.set(true);
        if let Some(wake) = self.wake.borrow_mut().take() {
            report(wake.call0(&JsValue::NULL), "waking the sync loop");
        }
    }

    /// Waits until poked or `milliseconds` have passed.
    pub(crate) async fn wait(&self, milliseconds: u32) {
        if self.poked.replace(false) {
            return;
        }
        let pair = crm_wake_promise(milliseconds);
        let promise: js_sys::Promise = pair.get(0).unchecked_into();
        *self.wake.borrow_mut() = Some(pair.get(1).unchecked_into());
        drop(JsFuture::from(promise).await);
        self.wake.borrow_mut().take();
        self.poked.set(false);
    }
}

/// Calls `on_acquired` once this tab leads the sync of `name`; the returned
/// function gives leadership up.
pub(crate) fn hold_lock(name: &str, on_acquired: impl FnOnce() + 'static) -> js_sys::Function {
    let callback = Closure::once_into_js(on_acquired);
    crm_hold_lock(name, callback.unchecked_ref())
}

/// SHA-256 of `text` in hex; `None` where the browser offers no SubtleCrypto.
pub(crate) async fn sha256_hex(text: &str) -> Option<String> {
    crm_sha256_hex(text).await.ok()?.as_string()
}

/// An open change stream; closing it (or dropping the handle) ends it.
pub(crate) struct Stream {
    close: js_sys::Function,
    _on_event: Closure<dyn FnMut()>,
    _on_end: Closure<dyn FnMut(u16)>,
}

impl Drop for Stream {
    fn drop(&mut self) {
        report(
            self.close.call0(&JsValue::NULL),
            "closing the change stream",
        );
    }
}

/// Follows the event stream at `url`.
pub(crate) fn follow_stream(
    url: &str,
    token: &str,
    on_event: impl FnMut() + 'static,
    on_end: impl FnMut(u16) + 'static,
) -> Stream {
    let on_event = Closure::<dyn FnMut()>::new(on_event);
    let on_end = Closure::<dyn FnMut(u16)>::new(on_end);
    let close = crm_follow_stream(
        url,
        token,
        on_event.as_ref().unchecked_ref(),
        on_end.as_ref().unchecked_ref(),
    );
    Stream {
        close,
        _on_event: on_event,
        _on_end: on_end,
    }
}

/// A `BroadcastChannel` between the tabs of one user, with its listener.
pub(crate) struct Channel {
    channel: web_sys::BroadcastChannel,
    _listener: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl Channel {
    /// Joins `name`; `on_message` gets every message other tabs post.
    pub(crate) fn join(
        name: &str,
        mut on_message: impl FnMut(JsValue) + 'static,
    ) -> Option<Channel> {
        let channel = web_sys::BroadcastChannel::new(name).ok()?;
        let listener = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| on_message(event.data()),
        );
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Some(Channel {
            channel,
            _listener: listener,
        })
    }

    pub(crate) fn post(&self, message: &JsValue) {
        report(self.channel.post_message(message), "telling the other tabs");
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}

/// Calls `on_online` whenever the browser comes back online; the listener lives
/// as long as the returned handle.
pub(crate) struct OnlineListener {
    listener: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for OnlineListener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            report(
                window.remove_event_listener_with_callback(
                    "online",
                    self.listener.as_ref().unchecked_ref(),
                ),
                "removing the online listener",
            );
        }
    }
}

pub(crate) fn on_online(mut on_online: impl FnMut() + 'static) -> Option<OnlineListener> {
    let window = web_sys::window()?;
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| on_online());
    window
        .add_event_listener_with_callback("online", listener.as_ref().unchecked_ref())
        .ok()?;
    Some(OnlineListener { listener })
}

/// A fresh `Idempotency-Key`: a random UUID where the browser has one.
pub(crate) fn random_key() -> String {
    let uuid = js_sys::Reflect::get(&js_sys::global(), &"crypto".into())
        .ok()
        .filter(|crypto| !crypto.is_undefined())
        .and_then(|crypto| {
            let random_uuid = js_sys::Reflect::get(&crypto, &"randomUUID".into()).ok()?;
            random_uuid
                .dyn_ref::<js_sys::Function>()?
                .call0(&crypto)
                .ok()?
                .as_string()
        });
    uuid.unwrap_or_else(|| {
        format!(
            "{:x}-{:x}",
            now(),
            (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64
        )
    })
}
