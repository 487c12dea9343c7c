//! Serves the built SPA: real files as they are, and `index.html` for any other path so that a
//! reload on a deep link (`/articles/…`, `/news/all-around`) reaches the client-side router.

use std::path::Path;

use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse};
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

/// Adds the SPA as the fallback for every path the router does not handle (outside `/api`, `/media`).
pub fn with_spa_fallback(router: Router<crate::AppState>, dist: &Path) -> Router<crate::AppState> {
    let index = dist.join("index.html");
    if index.is_file() {
        // `fallback` (not `not_found_service`) keeps index.html's 200 status for deep links.
        router.fallback_service(ServeDir::new(dist).fallback(ServeFile::new(index)))
    } else {
        tracing::warn!(dist = %dist.display(), "no built SPA found; serving a notice instead");
        router.fallback(not_built)
    }
}

/// Shown when the server runs without a built front end, instead of a bare 404.
async fn not_built() -> impl IntoResponse {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CACHE_CONTROL, "no-store")],
        Html(
            "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Inkuru: front end not built</title>\
             <p>The API is running, but the site's front end has not been built. \
             Run <code>cargo xtask serve</code>, which builds it and starts the server.</p></html>",
        ),
    )
}
