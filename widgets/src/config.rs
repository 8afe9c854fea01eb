//! Page-wide configuration a host sets with one call, for what must not sit in
//! the DOM: the bearer token (or a `getToken` callback) and the default API base.
//!
//! ```js
//! import { configure } from '/dist/crm-widgets.js';
//! configure({ getToken: async ({ refresh }) => (await fetch('/session/crm-token')).text() });
//! ```
//!
//! Elements rendered before `configure` show a "not signed in" notice and load as
//! soon as it is called; calling it again (another user signs in) reloads them.

use std::cell::RefCell;

use contract::API_PREFIX;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/element/host.js")]
extern "C" {
    fn crm_share_configuration(options: &JsValue);
    fn crm_listen_configuration(listener: &JsValue);
}

/// How the widgets obtain a bearer token.
#[derive(Clone, Default)]
enum TokenSource {
    /// `configure` has not been called (or was called without credentials).
    #[default]
    None,
    /// A fixed token.
    Fixed(String),
    /// A host callback `({ refresh }) => string | Promise<string>`.
    Callback(js_sys::Function),
}

#[derive(Clone, Default)]
struct Config {
    token: TokenSource,
    api_base: Option<String>,
}

thread_local! {
    static CONFIG: RefCell<Config> = RefCell::new(Config::default());
}

/// Sets the widgets' page-wide configuration. Options (all optional):
/// - `token`: a bearer token string;
/// - `getToken`: a function `({ refresh }) => string | Promise<string>`, called
///   before requests and again with `refresh: true` once when the server answers 401;
/// - `apiBase`: the REST API's base URL (default `/api/v1`); an element's
///   `api-base` attribute overrides it.
///
/// Throws a `TypeError` naming the option when an option has the wrong type.
#[wasm_bindgen]
pub fn configure(options: JsValue) -> Result<(), JsValue> {
    // Validate here, so that the caller gets the TypeError; every instance of the
    // bundle on the page (this one included) then applies the options.
    parse_options(&options)?;
    crm_share_configuration(&options);
    Ok(())
}

/// Makes this instance of the bundle follow the page-wide configuration.
pub(crate) fn listen_for_configuration() {
    let listener =
        Closure::<dyn Fn(JsValue)>::new(|options: JsValue| match parse_options(&options) {
            Ok(config) => {
                CONFIG.with(|current| *current.borrow_mut() = config);
                crate::element::configuration_changed();
            }
            Err(error) => {
                web_sys::console::error_2(&"[crm-widgets] ignored configuration".into(), &error)
            }
        });
    crm_listen_configuration(listener.as_ref());
    // Listens for as long as the page lives.
    listener.forget();
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(&format!("crm-widgets configure(): {message}")).into()
}

fn option(options: &JsValue, name: &str) -> Result<Option<JsValue>, JsValue> {
    let value = js_sys::Reflect::get(options, &JsValue::from_str(name))?;
    Ok((!value.is_undefined() && !value.is_null()).then_some(value))
}

fn parse_options(options: &JsValue) -> Result<Config, JsValue> {
    if !options.is_object() {
        return Err(type_error("expected an options object"));
    }
    let token = match (option(options, "token")?, option(options, "getToken")?) {
        (Some(_), Some(_)) => {
            return Err(type_error("give either `token` or `getToken`, not both"));
        }
        (Some(token), None) => match token.as_string() {
            Some(token) if !token.trim().is_empty() => TokenSource::Fixed(token),
            _ => return Err(type_error("`token` must be a non-empty string")),
        },
        (None, Some(callback)) => match callback.dyn_into::<js_sys::Function>() {
            Ok(callback) => TokenSource::Callback(callback),
            Err(_) => return Err(type_error("`getToken` must be a function")),
        },
        (None, None) => TokenSource::None,
    };
    let api_base = match option(options, "apiBase")? {
        Some(base) => match base.as_string() {
            Some(base) if !base.trim().is_empty() => Some(base),
            _ => return Err(type_error("`apiBase` must be a non-empty string")),
        },
        None => None,
    };
    Ok(Config { token, api_base })
}

/// The API base for an element: its `api-base` attribute, else the configured
/// one, else [`API_PREFIX`] on the page's origin.
pub(crate) fn api_base(attribute: Option<String>) -> String {
    attribute
        .filter(|base| !base.trim().is_empty())
        .or_else(|| CONFIG.with(|config| config.borrow().api_base.clone()))
        .unwrap_or_else(|| API_PREFIX.to_owned())
}

/// Why no token could be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TokenError {
    /// The host has not configured credentials yet.
    NotConfigured,
    /// The host's `getToken` threw, rejected or returned something other than a string.
    Callback(String),
}

/// The bearer token to send; `refresh` asks the host's callback for a new one.
pub(crate) async fn bearer_token(refresh: bool) -> Result<String, TokenError> {
    let source = CONFIG.with(|config| config.borrow().token.clone());
    match source {
        TokenSource::None => Err(TokenError::NotConfigured),
        TokenSource::Fixed(token) => Ok(token),
        TokenSource::Callback(callback) => call_token_callback(&callback, refresh).await,
    }
}

async fn call_token_callback(
    callback: &js_sys::Function,
    refresh: bool,
) -> Result<String, TokenError> {
    let describe = |error: JsValue| {
        TokenError::Callback(
            error
                .dyn_ref::<js_sys::Error>()
                .map(|error| String::from(error.message()))
                .or_else(|| error.as_string())
                .unwrap_or_else(|| "getToken failed".to_owned()),
        )
    };
    let argument = js_sys::Object::new();
    js_sys::Reflect::set(&argument, &"refresh".into(), &JsValue::from_bool(refresh))
        .map_err(describe)?;
    let mut value = callback
        .call1(&JsValue::NULL, &argument)
        .map_err(describe)?;
    if let Some(promise) = value.dyn_ref::<js_sys::Promise>() {
        value = JsFuture::from(promise.clone()).await.map_err(describe)?;
    }
    match value.as_string() {
        Some(token) if !token.trim().is_empty() => Ok(token),
        _ => Err(TokenError::Callback(
            "getToken did not return a non-empty string".to_owned(),
        )),
    }
}
