//! Serves the built SPA: real files as they are, and the shell (`index.html`, see `shell`) for any
//! other path so that a reload on a deep link (`/articles/…`, `/news/all-around`) reaches the
//! client-side router.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use tower_http::services::ServeDir;

/// Adds the SPA as the fallback for every path the router does not handle (outside `/api`, `/media`).
pub fn with_spa_fallback(
    router: Router<crate::AppState>,
    dist: &Path,
    state: crate::AppState,
) -> Router<crate::AppState> {
    let index = crate::shell::index_of(dist);
    if !index.is_file() {
        tracing::warn!(dist = %dist.display(), "no built SPA found; serving a notice instead");
        return router.fallback(not_built);
    }
    match crate::shell::Shell::read(&index) {
        Ok(shell) => {
            // Real files as they are; every other path gets its page, written by the app's components.
            let page = axum::routing::get(crate::shell::page).with_state((state, shell));
            // A hashed file that is not here belongs to another build: a plain 404, never a page.
            let page = axum::Router::new()
                .fallback_service(page)
                .layer(axum::middleware::from_fn(other_builds_files));
            // `/` too goes to the shell (not straight to index.html), so the front page gets its data.
            // The build writes .br and .gz copies at the highest quality (cargo xtask post-build);
            // they go out as they are to browsers that accept them.
            let files = ServeDir::new(dist)
                .append_index_html_on_directories(false)
                .precompressed_br()
                .precompressed_gzip();
            router.fallback_service(files.fallback(page))
        }
        Err(message) => {
            tracing::error!(%message, "the built SPA cannot be served; serving a notice instead");
            router.fallback(not_built)
        }
    }
}

/// A request for a content-hashed file this build does not have (`inkuru-…-0123456789abcdef.wasm`)
/// is for another build's file: a page open since before a deploy asks for its own build's chunks.
/// It gets a short 404 that no one caches, not the not-found page: the app's loader sees the
/// failure at once and reloads onto this build (src/lazy.rs).
async fn other_builds_files(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let name = path.rsplit('/').next().unwrap_or(path);
    let built_file = [".wasm", ".js"].iter().any(|ext| name.ends_with(ext));
    if built_file && is_hashed_asset(path) {
        return (
            StatusCode::NOT_FOUND,
            [(header::CACHE_CONTROL, "no-store")],
            "This file belongs to another build of the site.",
        )
            .into_response();
    }
    next.run(request).await
}

/// Shown when the server runs without a built front end, instead of a bare 404.
pub async fn not_built() -> impl IntoResponse {
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

/// Trunk names built files with a content hash (`inkuru-0123456789abcdef_bg.wasm`), and the split
/// names chunks so too (`inkuru-comments-0123456789abcdef.wasm`): such a name never
/// changes content, so browsers may keep it for a year without asking again.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name
        .split('.')
        .next()
        .unwrap_or(name)
        .trim_end_matches("_bg");
    // Trunk writes its 64-bit hash without leading zeros (`inkuru-87bb2efd4f117da.js` is one in
    // sixteen builds); fewer than 12 digits is one build in 65,536 and not worth a false match.
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// Caching for the SPA's files: hashed assets are immutable; everything else (index.html, for every
/// deep link) is revalidated, so a new deploy is seen at once. `/api` sets its own headers.
pub async fn cache_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if path.starts_with("/api/") || response.headers().contains_key(header::CACHE_CONTROL) {
        return response;
    }
    let value = if response.status().is_success() && is_hashed_asset(&path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunk_hashed_names() {
        assert!(is_hashed_asset("/inkuru-f81fecb0778e34d0_bg.wasm"));
        assert!(is_hashed_asset("/inkuru-f81fecb0778e34d0.js"));
        assert!(is_hashed_asset("/inkuru-87bb2efd4f117da_bg.wasm"));
        assert!(!is_hashed_asset("/news/2026"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/stylers.css"));
        assert!(!is_hashed_asset("/news/all-around/out-of-rwanda"));
        assert!(!is_hashed_asset(
            "/articles/kigali-opens-first-car-free-sunday-market"
        ));
    }
}
