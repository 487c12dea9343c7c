//! Conditional GETs for `/api`, the feeds and the sitemaps: every successful GET answer carries a
//! validator (`ETag`, a hash of its body) and `Cache-Control: no-cache`, so clients and caches may
//! keep it but must ask again;
//! a request whose `If-None-Match` names the current answer (or, without one, whose
//! `If-Modified-Since` is no older than the answer's `Last-Modified`) gets `304 Not Modified`.
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

/// The largest answer read to be tagged: a sitemap of 50,000 addresses is about 12 MB at most
/// (API answers are far smaller).
pub const MAX_TAGGED_BYTES: usize = 16 * 1024 * 1024;

/// The weak ETag of a body.
pub fn tag_of(body: &[u8]) -> String {
    format!("W/\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(body))
}

/// Whether an `If-None-Match` header value names `tag` (a list, `*`, weak comparison).
pub fn matches(if_none_match: &str, tag: &str) -> bool {
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    if_none_match.trim() == "*" || if_none_match.split(',').any(|t| opaque(t) == opaque(tag))
}

/// Whether an answer last modified at `last_modified` is no newer than `since` (both HTTP dates);
/// `false` when either is missing or unreadable, so the client gets the whole answer.
pub fn not_modified_since(since: &str, last_modified: Option<&HeaderValue>) -> bool {
    let last_modified = last_modified
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok());
    match (httpdate::parse_http_date(since.trim()).ok(), last_modified) {
        (Some(since), Some(modified)) => modified <= since,
        _ => false,
    }
}

/// Middleware for the API, feeds and sitemaps.
pub async fn conditional_get(request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let if_none_match = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let if_modified_since = request
        .headers()
        .get(header::IF_MODIFIED_SINCE)
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
    let unchanged = match if_none_match {
        Some(header) => matches(&header, &tag),
        // A validator the client does not have cannot be compared; a date can (RFC 9110 §13.1.3).
        None => if_modified_since.is_some_and(|since| {
            not_modified_since(&since, parts.headers.get(header::LAST_MODIFIED))
        }),
    };
    if unchanged {
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

    #[test]
    fn a_date_no_older_than_the_answer_means_not_modified() {
        let modified = HeaderValue::from_static("Tue, 24 Nov 2026 08:00:00 GMT");
        assert!(not_modified_since(
            "Tue, 24 Nov 2026 08:00:00 GMT",
            Some(&modified)
        ));
        assert!(not_modified_since(
            "Wed, 25 Nov 2026 08:00:00 GMT",
            Some(&modified)
        ));
        assert!(!not_modified_since(
            "Mon, 23 Nov 2026 08:00:00 GMT",
            Some(&modified)
        ));
        assert!(!not_modified_since("yesterday", Some(&modified)));
        assert!(!not_modified_since("Tue, 24 Nov 2026 08:00:00 GMT", None));
    }
}
