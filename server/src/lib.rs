//! inkuru-server: the JSON API under `/api`, generated demo media under `/media`, feeds under
//! `/feeds`, sitemaps and robots.txt for crawlers, and the built SPA for every other path (unknown
//! paths get `index.html`, so deep links survive a reload).

pub mod answer_cache;
pub mod config;
pub mod db;
pub mod desk;
pub mod editors;
pub mod error;
pub mod etag;
pub mod extract;
pub mod feeds;
pub mod import;
pub mod limits;
pub mod media;
pub mod moderation;
pub mod origin;
pub mod partner_demo;
pub mod routes;
pub mod security;
pub mod seed;
pub mod serving;
pub mod shell;
pub mod sitemaps;
pub mod spa;
pub mod widgets;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, Request, StatusCode};
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Largest request body `/api` reads; a comment of 5,000 characters fits many times over.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// What every handler shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: db::Db,
    pub limits: limits::Limits,
    pub cache: answer_cache::AnswerCache,
}

impl AppState {
    /// The state with the default write limits and answers cached for a second.
    pub fn new(db: db::Db) -> Self {
        Self {
            db,
            limits: limits::Limits::default(),
            cache: answer_cache::AnswerCache::new(Duration::from_secs(1)),
        }
    }
}

/// The whole site: `/api`, `/media`, and the SPA from `dist` for everything else.
pub fn app(state: AppState, dist: &Path) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let routes = Router::new()
        .nest(
            "/api",
            routes::router()
                .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    limits::limit_writes,
                ))
                // Inside the ETag layer, so a cached answer still revalidates with If-None-Match.
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    answer_cache::serve_cached,
                ))
                .layer(axum::middleware::from_fn(etag::conditional_get))
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    widgets::partners::cors,
                )),
        )
        .merge(
            feeds::router()
                .merge(sitemaps::router())
                // As for /api: cached answers, revalidated with If-None-Match / If-Modified-Since.
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    answer_cache::serve_cached,
                ))
                .layer(axum::middleware::from_fn(etag::conditional_get)),
        )
        .merge(media::router());
    let index_html = std::fs::read_to_string(shell::index_of(dist)).ok();
    let routes = routes.merge(widgets::router(
        widgets::frame::SiteStyles::from_index(index_html.as_deref()),
        widgets::comments::CommentsProgram::find(dist),
    ));
    let security = security::SecurityHeaders::new(index_html.as_deref());
    spa::with_spa_fallback(routes, dist, state.clone())
        .with_state(state)
        .layer(axum::middleware::from_fn(spa::cache_headers))
        .layer(axum::middleware::from_fn_with_state(
            security,
            security::add_headers,
        ))
        // Outside in: request id → trace (logs carry the id) → timeout → compression (br, gzip).
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(15),
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                let id = request
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-")
                    .to_owned();
                tracing::info_span!("request", id, method = %request.method(), uri = %request.uri())
            }),
        )
        .layer(SetRequestIdLayer::new(
            request_id,
            SequentialRequestId::default(),
        ))
}

/// Request ids `1`, `2`, … per process: enough to tie log lines together without a UUID crate.
#[derive(Clone, Default)]
struct SequentialRequestId(Arc<AtomicU64>);

impl MakeRequestId for SequentialRequestId {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let id = self.0.fetch_add(1, Ordering::Relaxed) + 1;
        axum::http::HeaderValue::from_str(&id.to_string())
            .ok()
            .map(RequestId::new)
    }
}
