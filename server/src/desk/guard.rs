//! What every desk request meets before its handler: a write (anything but GET and HEAD) from
//! another site's page is refused (403), whatever cookie it carries, on top of the cookie's
//! `SameSite=Strict`; and no answer is kept by any cache.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// Whether a request's browser says it comes from this site's own pages. Browsers send
/// `Sec-Fetch-Site` (and `Origin` on every write); a request with neither is not from a browser
/// (a script with its own credentials), which cross-site request forgery needs.
pub fn from_this_site(headers: &HeaderMap) -> bool {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        return site == "same-origin";
    }
    match text("origin") {
        Some(origin) => crate::origin::of_headers(headers).is_some_and(|own| own == origin),
        None => true,
    }
}

/// Middleware for `/api/desk`.
pub async fn desk_rules(request: Request, next: Next) -> Response {
    let write = !matches!(*request.method(), Method::GET | Method::HEAD);
    let mut response = if write && !from_this_site(request.headers()) {
        tracing::warn!(method = %request.method(), path = %request.uri().path(), "desk write from another site refused");
        AppError::CrossOrigin.into_response()
    } else {
        next.run(request).await
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_this_sites_pages_may_write() {
        assert!(from_this_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(!from_this_site(&headers(&[(
            "sec-fetch-site",
            "cross-site"
        )])));
        assert!(!from_this_site(&headers(&[(
            "sec-fetch-site",
            "same-site"
        )])));
        assert!(from_this_site(&headers(&[
            ("host", "news.example"),
            ("origin", "http://news.example")
        ])));
        assert!(!from_this_site(&headers(&[
            ("host", "news.example"),
            ("origin", "https://evil.example")
        ])));
        assert!(from_this_site(&headers(&[("host", "news.example")])));
    }
}
