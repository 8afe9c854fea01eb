//! The typed REST client: one async function per endpoint, the `contract` types
//! in and out, every failure an [`ApiError`] the widget can explain to the user.

use contract::customer::Customer;
use contract::ids::{CustomerId, InquiryId};
use contract::inquiry::{InquiryListQuery, InquiryPage, InquirySummary};
use contract::problem::{Problem, ProblemKind};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, RequestInit, Response, Url};

use crate::config::{TokenError, bearer_token};

/// How long a request may take before the widget says the server is too slow.
const REQUEST_TIMEOUT_MILLISECONDS: u32 = 15_000;

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

/// A client for one API base URL.
#[derive(Clone, Debug)]
pub(crate) struct Api {
    base: String,
}

impl Api {
    pub(crate) fn new(base: String) -> Api {
        Api { base }
    }

    /// `GET /inquiries`.
    pub(crate) async fn list_inquiries(
        &self,
        query: &InquiryListQuery,
    ) -> Result<InquiryPage, ApiError> {
        self.get(&["inquiries"], &query.to_pairs()).await
    }

    /// `GET /inquiries/{id}`.
    pub(crate) async fn get_inquiry(&self, id: InquiryId) -> Result<InquirySummary, ApiError> {
        self.get(&["inquiries", &id.to_string()], &[]).await
    }

    /// `GET /customers/{id}`.
    pub(crate) async fn get_customer(&self, id: CustomerId) -> Result<Customer, ApiError> {
        self.get(&["customers", &id.to_string()], &[]).await
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

    async fn get<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        parameters: &[(&str, String)],
    ) -> Result<T, ApiError> {
        let url = self.endpoint(segments, parameters)?;
        let token = bearer_token(false).await?;
        let mut response = send(&url, &token).await?;
        if response.status() == 401 {
            // The token may have expired: ask the host once for a fresh one.
            let fresh = bearer_token(true).await?;
            if fresh != token {
                response = send(&url, &fresh).await?;
            }
        }
        if response.ok() {
            let body = json_body(&response).await.map_err(ApiError::InvalidData)?;
            serde_wasm_bindgen::from_value(body)
                .map_err(|error| ApiError::InvalidData(error.to_string()))
        } else {
            Err(ApiError::Problem(Box::new(problem_of(&response).await)))
        }
    }
}

async fn send(url: &Url, token: &str) -> Result<Response, ApiError> {
    let window = web_sys::window().ok_or(ApiError::Network)?;
    let headers = Headers::new().map_err(|_| ApiError::Network)?;
    let authorization = ["Bearer ", token].concat();
    headers
        .set("Authorization", &authorization)
        .and_then(|()| headers.set("Accept", "application/json, application/problem+json"))
        .map_err(|_| ApiError::Token("the token is not a valid header value".to_owned()))?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_headers(&headers);
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
