//! The typed REST client: one async function per endpoint the widgets call, the
//! `contract` types in and out (list and feed records also as sent, for the
//! cache), every failure an [`ApiError`] the widget can explain to the user. GETs
//! are retried with backoff; changes are retried by the outbox.

use contract::operation::{GetMe, ListChanges, ListUsers, Operation, StreamChanges};
use contract::problem::{Problem, ProblemKind};
use contract::user::Me;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, RequestInit, Response, Url};

use crate::config::{TokenError, bearer_token};

/// How long a request may take before the widget says the server is too slow.
const REQUEST_TIMEOUT_MILLISECONDS: u32 = 15_000;
/// Delays before the retries of a GET that got no answer, a 5xx or a 429 (GETs
/// are safe to repeat; changes are retried by the outbox instead).
const GET_RETRY_DELAYS_MILLISECONDS: [u32; 2] = [500, 2_000];
/// The longest `Retry-After` a GET waits for before giving up.
const MAX_GET_RETRY_AFTER_MILLISECONDS: u32 = 5_000;

/// The server's answer to a change, as the outbox needs it.
#[derive(Debug)]
pub(crate) struct ChangeAnswer {
    pub(crate) status: u16,
    pub(crate) etag: Option<String>,
    pub(crate) retry_after: Option<String>,
    pub(crate) problem: Option<Problem>,
    /// The JSON body of a 2xx answer.
    pub(crate) body: Option<JsValue>,
}

/// Why a request did not produce the data asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ApiError {
    /// The host has not configured a token yet.
    NotSignedIn,
    /// The host's `getToken` failed.
    Token(String),
    /// The API base URL is not a URL.
    BadAddress(String),
    /// The request never got an answer (offline, DNS, CORS, server down).
    Network,
    /// No answer within [`REQUEST_TIMEOUT_MILLISECONDS`].
    Timeout,
    /// The server answered with a problem document (or an error status without one).
    Problem(Box<Problem>),
    /// The server answered 2xx with a body that does not match the contract.
    InvalidData(String),
}

impl From<TokenError> for ApiError {
    fn from(error: TokenError) -> ApiError {
        match error {
            TokenError::NotConfigured => ApiError::NotSignedIn,
            TokenError::Callback(reason) => ApiError::Token(reason),
        }
    }
}

/// A page of the change feed, each record kept as the server sent it (the cache
/// stores it as is; only what the widgets hold in memory is decoded).
#[derive(Debug, Deserialize)]
pub(crate) struct RawFeed {
    pub(crate) changes: Vec<RawChange>,
    pub(crate) next_cursor: String,
    pub(crate) has_more: bool,
}

/// One change of a [`RawFeed`].
#[derive(Debug, Deserialize)]
pub(crate) struct RawChange {
    pub(crate) record: RawRecord,
}

/// The record of a change: its kind (`inquiry`, `customer`…), id, and the record
/// as it is now (`null`: gone).
#[derive(Debug, Deserialize)]
pub(crate) struct RawRecord {
    pub(crate) entity: String,
    pub(crate) id: String,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    pub(crate) current: JsValue,
}

/// A list answer with its items as the server sent them.
#[derive(Debug, Deserialize)]
pub(crate) struct RawList {
    /// An array.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    pub(crate) items: JsValue,
    #[serde(default)]
    pub(crate) next_cursor: Option<String>,
    #[serde(default)]
    pub(crate) total: u64,
}

/// The path segments of operation `O` with `parameters`.
pub(crate) fn segments_of<O: Operation>(parameters: &[&str]) -> Result<Vec<String>, ApiError> {
    O::segments(parameters)
        .ok_or_else(|| ApiError::BadAddress(format!("{} takes other path parameters", O::ID)))
}

/// A JSON value kept as sent.
#[derive(Debug, Deserialize)]
struct Raw(#[serde(with = "serde_wasm_bindgen::preserve")] JsValue);

/// A client for one API base URL.
#[derive(Clone, Debug)]
pub(crate) struct Api {
    base: String,
}

impl Api {
    pub(crate) fn new(base: String) -> Api {
        Api { base }
    }

    /// `GET /me`.
    pub(crate) async fn me(&self) -> Result<Me, ApiError> {
        self.call::<GetMe>(&[], &[]).await
    }

    /// A read of the contract ([`Operation`], `GET`) with its path `parameters`
    /// and `query`, its answer as the contract's type.
    pub(crate) async fn call<O: Operation>(
        &self,
        parameters: &[&str],
        query: &[(&str, String)],
    ) -> Result<O::Answer, ApiError> {
        let segments = segments_of::<O>(parameters)?;
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        self.get(&segments, query).await
    }

    /// `GET` a list (`path` of its operation: `/inquiries`, `/customers`…): a
    /// page of at most `limit` after `cursor`; `/users` has no pages. The items
    /// as sent.
    pub(crate) async fn list_raw(
        &self,
        path: &str,
        cursor: Option<String>,
        limit: u32,
    ) -> Result<RawList, ApiError> {
        let mut parameters = Vec::new();
        if path != ListUsers::PATH {
            parameters.push(("limit", limit.to_string()));
            if let Some(cursor) = cursor {
                parameters.push(("cursor", cursor));
            }
        }
        self.get(&[path.trim_start_matches('/')], &parameters).await
    }

    /// `GET` one record below the base (`customers/{id}`, `inquiries/{id}`…),
    /// as sent.
    pub(crate) async fn get_raw(&self, segments: &[&str]) -> Result<JsValue, ApiError> {
        let Raw(record) = self.get(segments, &[]).await?;
        Ok(record)
    }

    /// `GET /changes`: the current cursor without `since`, else what changed after
    /// it, the records as sent.
    pub(crate) async fn changes(
        &self,
        since: Option<&str>,
        limit: u32,
    ) -> Result<RawFeed, ApiError> {
        let mut parameters = vec![("limit", limit.to_string())];
        if let Some(since) = since {
            parameters.push(("since", since.to_owned()));
        }
        let segments = segments_of::<ListChanges>(&[])?;
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        self.get(&segments, &parameters).await
    }

    /// The URL of the change stream after `since`.
    pub(crate) fn stream_url(&self, since: &str) -> Result<String, ApiError> {
        Ok(self
            .endpoint(
                &segments_of::<StreamChanges>(&[])?
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
                &[("since", since.to_owned())],
            )?
            .href())
    }

    /// Sends a change once: `method` on `segments` with the JSON `body` (if any), its
    /// `Idempotency-Key` and `If-Match`. `Ok(None)`: no answer (offline, timeout).
    pub(crate) async fn send_change(
        &self,
        method: &str,
        segments: &[String],
        body: Option<&JsValue>,
        key: &str,
        if_match: Option<u64>,
    ) -> Result<Option<ChangeAnswer>, ApiError> {
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        let url = self.endpoint(&segments, &[])?;
        let body = body
            .map(|body| {
                js_sys::JSON::stringify(body)
                    .map(String::from)
                    .map_err(|_| {
                        ApiError::InvalidData("the change cannot be written as JSON".into())
                    })
            })
            .transpose()?;
        let if_match = if_match.map(|version| contract::version::Version(version).etag());
        let request = Outgoing {
            method,
            body: body.as_deref(),
            idempotency_key: Some(key),
            if_match: if_match.as_deref(),
        };
        let response = match self.authorized(&url, &request).await {
            Ok(response) => response,
            Err(ApiError::Network | ApiError::Timeout) => return Ok(None),
            Err(error) => return Err(error),
        };
        let header = |name: &str| response.headers().get(name).ok().flatten();
        let status = response.status();
        let (problem, body) = if response.ok() {
            (None, json_body(&response).await.ok())
        } else {
            (Some(problem_of(&response).await), None)
        };
        Ok(Some(ChangeAnswer {
            status,
            etag: header("ETag"),
            retry_after: header("Retry-After"),
            problem,
            body,
        }))
    }

    /// The URL of `segments` below the base, with `parameters` as query string.
    /// Segments are percent-encoded; the base may be relative to the page.
    fn endpoint(&self, segments: &[&str], parameters: &[(&str, String)]) -> Result<Url, ApiError> {
        let page = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.base_uri().ok().flatten())
            .unwrap_or_default();
        let url = Url::new_with_base(&self.base, &page)
            .map_err(|_| ApiError::BadAddress(self.base.clone()))?;
        let mut path = url.pathname().trim_end_matches('/').to_owned();
        for segment in segments {
            path.push('/');
            path.push_str(&String::from(js_sys::encode_uri_component(segment)));
        }
        url.set_pathname(&path);
        let search = url.search_params();
        for (name, value) in parameters {
            search.append(name, value);
        }
        Ok(url)
    }

    /// Sends `request` with the bearer token; on 401 asks the host once for a
    /// fresh token and sends it again.
    async fn authorized(&self, url: &Url, request: &Outgoing<'_>) -> Result<Response, ApiError> {
        let token = bearer_token(false).await?;
        let mut response = send(url, &token, request).await?;
        if response.status() == 401 {
            // The token may have expired: ask the host once for a fresh one.
            let fresh = bearer_token(true).await?;
            if fresh != token {
                response = send(url, &fresh, request).await?;
            }
        }
        Ok(response)
    }

    /// A GET, retried after a lost answer, a 5xx or a 429 while the browser is online.
    async fn get<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        parameters: &[(&str, String)],
    ) -> Result<T, ApiError> {
        let url = self.endpoint(segments, parameters)?;
        let request = Outgoing {
            method: "GET",
            body: None,
            idempotency_key: None,
            if_match: None,
        };
        let mut delays = GET_RETRY_DELAYS_MILLISECONDS.into_iter();
        let response = loop {
            let result = self.authorized(&url, &request).await;
            let retry_after = match &result {
                Err(ApiError::Network | ApiError::Timeout) => None,
                Ok(response) if response.status() == 429 || response.status() >= 500 => response
                    .headers()
                    .get("Retry-After")
                    .ok()
                    .flatten()
                    .and_then(|value| value.trim().parse::<u32>().ok()),
                _ => break result?,
            };
            let delay = match (delays.next(), retry_after) {
                (Some(_), Some(seconds)) if seconds * 1_000 <= MAX_GET_RETRY_AFTER_MILLISECONDS => {
                    seconds * 1_000
                }
                (Some(delay), None) if crate::data::online() => delay,
                _ => break result?,
            };
            crate::data::sleep(delay).await;
        };
        if response.ok() {
            let body = json_body(&response).await.map_err(ApiError::InvalidData)?;
            serde_wasm_bindgen::from_value(body)
                .map_err(|error| ApiError::InvalidData(error.to_string()))
        } else {
            Err(ApiError::Problem(Box::new(problem_of(&response).await)))
        }
    }
}

/// A request, apart from its URL and token.
struct Outgoing<'a> {
    method: &'a str,
    body: Option<&'a str>,
    idempotency_key: Option<&'a str>,
    if_match: Option<&'a str>,
}

async fn send(url: &Url, token: &str, request: &Outgoing<'_>) -> Result<Response, ApiError> {
    let window = web_sys::window().ok_or(ApiError::Network)?;
    let headers = Headers::new().map_err(|_| ApiError::Network)?;
    let authorization = ["Bearer ", token].concat();
    headers
        .set("Authorization", &authorization)
        .and_then(|()| headers.set("Accept", "application/json, application/problem+json"))
        .map_err(|_| ApiError::Token("the token is not a valid header value".to_owned()))?;
    let optional = [
        ("Content-Type", request.body.map(|_| "application/json")),
        ("Idempotency-Key", request.idempotency_key),
        ("If-Match", request.if_match),
    ];
    for (name, value) in optional {
        if let Some(value) = value {
            headers.set(name, value).map_err(|_| {
                ApiError::InvalidData(format!("{name} is not a valid header value"))
            })?;
        }
    }
    let init = RequestInit::new();
    init.set_method(request.method);
    init.set_headers(&headers);
    if let Some(body) = request.body {
        init.set_body(&JsValue::from_str(body));
    }
    init.set_signal(Some(&AbortSignal::timeout_with_u32(
        REQUEST_TIMEOUT_MILLISECONDS,
    )));
    let promise = window.fetch_with_str_and_init(&url.href(), &init);
    match JsFuture::from(promise).await {
        Ok(response) => response
            .dyn_into::<Response>()
            .map_err(|_| ApiError::Network),
        Err(error) => {
            let timed_out = error
                .dyn_ref::<web_sys::DomException>()
                .is_some_and(|exception| exception.name() == "TimeoutError");
            Err(if timed_out {
                ApiError::Timeout
            } else {
                ApiError::Network
            })
        }
    }
}

async fn json_body(response: &Response) -> Result<JsValue, String> {
    let promise = response
        .json()
        .map_err(|_| "the body cannot be read".to_owned())?;
    JsFuture::from(promise)
        .await
        .map_err(|_| "the body is not JSON".to_owned())
}

/// The problem document of an error response; one made up from the status when
/// the server sent none (a proxy's HTML error page, say).
async fn problem_of(response: &Response) -> Problem {
    let status = response.status();
    let content_type = response
        .headers()
        .get("Content-Type")
        .ok()
        .flatten()
        .unwrap_or_default();
    if content_type.contains("json")
        && let Ok(body) = json_body(response).await
        && let Ok(problem) = serde_wasm_bindgen::from_value::<Problem>(body)
    {
        return problem;
    }
    let kind = ProblemKind::ALL
        .into_iter()
        .find(|kind| kind.status() == status)
        .unwrap_or(if status >= 500 {
            ProblemKind::Internal
        } else {
            ProblemKind::BadRequest
        });
    Problem {
        status,
        detail: None,
        ..Problem::new(kind, "")
    }
}
