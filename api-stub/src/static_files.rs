//! The non-API half of the server: the host demo pages at `/` and the widget bundle at
//! `/dist/`. HTML pages get a strict
//! Content-Security-Policy, the kind a careful portal would set, so the demo proves the
//! widgets need no `unsafe-inline` or `unsafe-eval`.

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::middleware::map_response;
use axum::response::Response;
use tower_http::services::ServeDir;

use crate::StaticDirs;

/// The policy sent with every HTML page. `wasm-unsafe-eval` lets the page compile
/// WebAssembly without allowing JavaScript `eval`.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
     script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; base-uri 'none'; frame-ancestors 'none'";

/// `/dist/…` from the bundle directory, preferring `.br` then `.gz` siblings when the
/// client accepts them; everything else from the host demo directory (`index.html` for
/// directories). A missing directory answers 404s, it does not stop the server.
pub fn router(dirs: &StaticDirs) -> Router {
    let bundle = ServeDir::new(&dirs.dist)
        .precompressed_br()
        .precompressed_gzip();
    let host_demo = ServeDir::new(&dirs.host_demo);
    Router::new()
        .nest_service("/dist", bundle)
        .fallback_service(host_demo)
        .layer(map_response(add_html_headers))
}

async fn add_html_headers(mut response: Response) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if is_html {
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
        // The demo pages hold Chinese text; do not leave the encoding to a guess.
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
    }
    response
}
