//! The layers around the whole application, API and static files alike
//! ([`with_common_layers`]), and those around the API only ([`with_api_layers`]):
//! CORS, rate limits and the request body limit.

use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

use crate::config::Settings;
use crate::error::ApiError;
use crate::idempotency::{IDEMPOTENCY_KEY, IDEMPOTENT_REPLAYED};
use crate::{AppState, rate_limit};

/// The header a reconnecting event stream sends (Server-Sent Events).
pub const LAST_EVENT_ID: HeaderName = HeaderName::from_static("last-event-id");
/// How long a browser may cache a CORS preflight answer.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(10 * 60);

/// Wraps the whole application: an `x-request-id` on every request and response (made
/// here when the client sent none), a trace span and an `info` line per request, and
/// `X-Content-Type-Options: nosniff` on every response.
pub fn with_common_layers(router: Router) -> Router {
    router
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &axum::http::Request<axum::body::Body>| {
                    let request_id = request
                        .headers()
                        .get("x-request-id")
                        .and_then(|value| value.to_str().ok())
                        .unwrap_or_default();
                    tracing::info_span!(
                        "request",
                        method = %request.method(),
                        path = %request.uri().path(),
                        request_id,
                    )
                })
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
}

/// Wraps the API, outermost first: CORS (when origins are configured, so that even
/// refusals below reach the calling page), the rate limit, and the body limit (a
/// declared `Content-Length` over it is refused at once; extractors and the
/// idempotency layer stop reading at it).
pub fn with_api_layers(router: Router<AppState>, state: &AppState) -> Router<AppState> {
    let router = router
        .layer(DefaultBodyLimit::max(state.settings.max_body_bytes))
        .layer(from_fn_with_state(
            state.clone(),
            refuse_declared_large_bodies,
        ))
        .layer(from_fn_with_state(state.clone(), rate_limit::limit_rate));
    match cors(&state.settings) {
        Some(cors) => router.layer(cors),
        None => router,
    }
}

/// The CORS policy for the configured origins; `None` when there are none (then
/// browsers allow only same-origin calls).
fn cors(settings: &Settings) -> Option<CorsLayer> {
    if settings.cors_origins.is_empty() {
        return None;
    }
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(settings.cors_origins.iter().cloned()))
            .allow_methods([
                Method::GET,
                Method::POST,
                Method::PUT,
                Method::PATCH,
                Method::DELETE,
            ])
            .allow_headers([
                header::AUTHORIZATION,
                header::CONTENT_TYPE,
                header::IF_MATCH,
                IDEMPOTENCY_KEY,
                LAST_EVENT_ID,
            ])
            .expose_headers([
                header::ETAG,
                header::LOCATION,
                header::RETRY_AFTER,
                IDEMPOTENT_REPLAYED,
            ])
            .max_age(PREFLIGHT_MAX_AGE),
    )
}

/// 413 problem for a request whose `Content-Length` exceeds the limit, before anything
/// reads its body.
async fn refuse_declared_large_bodies(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.parse::<u64>().ok());
    let limit = u64::try_from(state.settings.max_body_bytes).unwrap_or(u64::MAX);
    match declared {
        Some(length) if length > limit => ApiError::PayloadTooLarge.into_response(),
        _ => next.run(request).await,
    }
}
