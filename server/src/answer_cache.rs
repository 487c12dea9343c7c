//! A short-lived, in-process cache of the API's public GET answers (articles, lists, the section
//! tree, the front page, search, comment pages) and of the feeds and sitemaps, so the hot paths
//! need no SQL at all.
//!
//! Every answer lives for a short time (`--cache-ms`, one second by default): long enough that a
//! popular article is read from the database about once a second whatever the traffic, short
//! enough that copies of the server behind a load balancer, and edits imported by another process,
//! agree within that second. When an answer expires under load, one request asks the database and
//! the others asking for the same thing wait for its answer. A comment posted to this copy is visible at once: posting forgets the
//! article's cached answers. Requests carrying credentials (`Authorization`, `Cookie`) are never
//! answered from, or stored in, the cache.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::AppState;

/// Answers larger than this are not kept (no API answer comes near it; a big month's sitemap can).
const MAX_ANSWER_BYTES: usize = 1024 * 1024;
/// The largest answer this layer reads at all: a sitemap of 50,000 addresses, with room to spare.
const MAX_READ_BYTES: usize = crate::etag::MAX_TAGGED_BYTES;
/// Memory the cache may use for bodies, in bytes.
const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024;

/// An answer as the handler gave it: the status, the headers the handler set, and the body.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Answer {
    /// Whether it may be kept: a success, not too large, whose only headers are its type and date.
    fn keepable(&self) -> bool {
        self.status == StatusCode::OK
            && self.body.len() <= MAX_ANSWER_BYTES
            && self
                .headers
                .keys()
                .all(|name| name == header::CONTENT_TYPE || name == header::LAST_MODIFIED)
    }

    fn respond(&self) -> Response {
        let mut response = Response::new(Body::from(self.body.clone()));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        response
    }
}

/// The cache, shared by every request of this process. Cheap to clone.
#[derive(Clone)]
pub struct AnswerCache {
    // In an Arc: handlers and middleware clone the state per request, and a moka cache's own clone
    // copies several internal handles (measured: ~4% of a cached answer's CPU time).
    answers: Option<Arc<moka::future::Cache<String, Arc<Answer>>>>,
}

impl AnswerCache {
    /// Answers kept for `lifetime`; zero turns the cache off.
    pub fn new(lifetime: Duration) -> AnswerCache {
        if lifetime.is_zero() {
            return AnswerCache::off();
        }
        let answers = moka::future::Cache::builder()
            .time_to_live(lifetime)
            .weigher(|key: &String, answer: &Arc<Answer>| {
                u32::try_from(key.len() + answer.body.len()).unwrap_or(u32::MAX)
            })
            .max_capacity(MAX_TOTAL_BYTES)
            .support_invalidation_closures()
            .build();
        AnswerCache {
            answers: Some(Arc::new(answers)),
        }
    }

    /// No caching: every request reaches the database.
    pub fn off() -> AnswerCache {
        AnswerCache { answers: None }
    }

    /// Forgets every cached answer (the site settings changed: every page shows them).
    pub fn forget_all(&self) {
        if let Some(answers) = &self.answers {
            answers.invalidate_all();
        }
    }

    /// Forgets every cached answer about the article `slug` (the article, its comment pages).
    pub fn forget_article(&self, slug: &str) {
        let Some(answers) = &self.answers else { return };
        let path = format!("/articles/{slug}");
        let result = answers.invalidate_entries_if(move |key, _| {
            let key = key.strip_prefix("/api").unwrap_or(key);
            key.strip_prefix(path.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?']))
        });
        if result.is_err() {
            // Cannot happen (closures are enabled above); forgetting everything is still correct.
            answers.invalidate_all();
        }
    }
}

/// The cache key of a request: its path and query, or `None` when it must not be cached.
fn key_of(request: &Request) -> Option<String> {
    let cacheable = request.method() == Method::GET
        && !request.headers().contains_key(header::AUTHORIZATION)
        && !request.headers().contains_key(header::COOKIE)
        && !request.uri().path().ends_with("/health");
    cacheable.then(|| {
        request.uri().path_and_query().map_or_else(
            || request.uri().path().to_owned(),
            |pq| pq.as_str().to_owned(),
        )
    })
}

/// Middleware for the API router: answers from the cache, or asks the handler (once, however many
/// requests for the same thing arrive meanwhile) and keeps a successful answer.
pub async fn serve_cached(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(answers) = &state.cache.answers else {
        return next.run(request).await;
    };
    let Some(key) = key_of(&request) else {
        return next.run(request).await;
    };
    let loaded = answers
        .try_get_with(key, async move {
            let response = next.run(request).await;
            let (parts, body) = response.into_parts();
            let body = to_bytes(body, MAX_READ_BYTES).await.map_err(|_| None)?;
            let answer = Arc::new(Answer {
                status: parts.status,
                headers: parts.headers,
                body,
            });
            // An answer that may not be kept goes to this request and those waiting on it, as an
            // "error" the cache does not store.
            if answer.keepable() {
                Ok(answer)
            } else {
                Err(Some(answer))
            }
        })
        .await;
    match loaded {
        Ok(answer) => answer.respond(),
        Err(shared) => match shared.as_ref() {
            Some(answer) => answer.respond(),
            None => AppError::Internal("The answer could not be read.".into()).into_response(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(uri: &str, header: Option<(header::HeaderName, &str)>) -> Request {
        let mut builder = Request::get(uri);
        if let Some((name, value)) = header {
            builder = builder.header(name, value);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn only_anonymous_gets_are_cached_and_the_query_is_part_of_the_key() {
        assert_eq!(
            key_of(&request("/articles?section=news&page=2", None)).as_deref(),
            Some("/articles?section=news&page=2")
        );
        assert_eq!(key_of(&request("/health", None)), None);
        assert_eq!(
            key_of(&request("/site", Some((header::COOKIE, "a=b")))),
            None
        );
        assert_eq!(
            key_of(&request("/site", Some((header::AUTHORIZATION, "Bearer x")))),
            None
        );
        let post = Request::post("/site").body(Body::empty()).unwrap();
        assert_eq!(key_of(&post), None);
    }

    #[tokio::test]
    async fn forgetting_an_article_spares_articles_whose_slug_it_begins() {
        let cache = AnswerCache::new(Duration::from_secs(60));
        let answers = cache.answers.clone().unwrap();
        let answer = || {
            Arc::new(Answer {
                status: StatusCode::OK,
                headers: HeaderMap::new(),
                body: Bytes::from_static(b"{}"),
            })
        };
        for key in [
            "/articles/rain",
            "/articles/rain/comments?page=2",
            "/articles/rainfall",
            "/sections",
        ] {
            answers.insert(key.to_owned(), answer()).await;
        }
        cache.forget_article("rain");
        assert!(answers.get("/articles/rain").await.is_none());
        assert!(answers
            .get("/articles/rain/comments?page=2")
            .await
            .is_none());
        assert!(answers.get("/articles/rainfall").await.is_some());
        assert!(answers.get("/sections").await.is_some());
    }
}
