//! Conditional GETs for `/api`: every successful GET answer carries a validator (`ETag`, a hash of
//! its JSON) and `Cache-Control: no-cache`, so clients and caches may keep it but must ask again;
//! a request whose `If-None-Match` names the current answer gets `304 Not Modified` and no body.
//!
//! The tag is a hash of the content, not of anything per-process, so every copy of the server
//! behind a load balancer gives the same answer the same tag. It is weak (`W/`) because the
//! compression layer may change the bytes on the wire without changing the meaning.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// Larger answers than this are sent without a validator (no API answer comes near it).
const MAX_TAGGED_BYTES: usize = 4 * 1024 * 1024;

/// The weak ETag of a body.
pub fn tag_of(body: &[u8]) -> String {
    format!("W/\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(body))
}

/// Whether an `If-None-Match` header value names `tag` (a list, `*`, weak comparison).
pub fn matches(if_none_match: &str, tag: &str) -> bool {
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    if_none_match.trim() == "*" || if_none_match.split(',').any(|t| opaque(t) == opaque(tag))
}

/// Middleware for the API router.
pub async fn conditional_get(request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let if_none_match = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_TAGGED_BYTES).await else {
        return AppError::Internal("The answer could not be read.".into()).into_response();
    };
    let tag = tag_of(&bytes);
    if let Ok(value) = HeaderValue::from_str(&tag) {
        parts.headers.insert(header::ETAG, value);
    }
    parts
        .headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-cache"));
    if if_none_match.is_some_and(|header| matches(&header, &tag)) {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.remove(header::CONTENT_TYPE);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_follow_the_content() {
        assert_eq!(tag_of(b"{\"a\":1}"), tag_of(b"{\"a\":1}"));
        assert_ne!(tag_of(b"{\"a\":1}"), tag_of(b"{\"a\":2}"));
        assert!(tag_of(b"").starts_with("W/\""));
    }

    #[test]
    fn if_none_match_is_compared_weakly_and_as_a_list() {
        let tag = tag_of(b"x");
        let strong = tag.trim_start_matches("W/");
        assert!(matches(&tag, &tag));
        assert!(matches(strong, &tag));
        assert!(matches(&format!("\"other\", {tag}"), &tag));
        assert!(matches("*", &tag));
        assert!(!matches("\"other\"", &tag));
        assert!(!matches("", &tag));
    }
}
