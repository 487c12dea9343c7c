//! Security headers on every response: a Content-Security-Policy that allows only what the app
//! needs, `X-Content-Type-Options: nosniff`, a Referrer-Policy, and no framing by other sites.
//!
//! The policy allows the page's own inline `<script>` and `<style>` elements by their SHA-256
//! (read from the built index.html when the server starts), never `'unsafe-inline'`; the wasm needs
//! `'wasm-unsafe-eval'` to compile. Embedded API answers are `type="application/json"` data blocks,
//! which browsers never run, so they need no hash.

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The headers, built once.
#[derive(Clone)]
pub struct SecurityHeaders {
    csp: HeaderValue,
}

impl SecurityHeaders {
    /// The policy for a site whose shell is `index_html` (`None` when the front end is not built).
    pub fn new(index_html: Option<&str>) -> Self {
        let policy = content_security_policy(index_html.unwrap_or(""));
        let csp = HeaderValue::from_str(&policy)
            .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
        Self { csp }
    }
}

/// The Content-Security-Policy for a shell with these inline elements.
pub fn content_security_policy(index_html: &str) -> String {
    let hashes = |tag: &str| -> String {
        inline_contents(index_html, tag)
            .iter()
            .map(|content| format!(" 'sha256-{}'", sha256_base64(content)))
            .collect()
    };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'{styles}; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        scripts = hashes("script"),
        styles = hashes("style"),
    )
}

pub fn sha256_base64(content: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(content.as_bytes()))
}

/// The text of each inline `<tag>` element that a browser would run or apply: no `src`, and for
/// scripts not a JSON data block.
pub fn inline_contents<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        // `<style>` or `<style …>`, not `<styles>`.
        if !after.starts_with(['>', ' ', '\t', '\n']) {
            rest = after;
            continue;
        }
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let attributes = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(body_end) = body.find(&close) else {
            break;
        };
        let is_data = attributes.contains("application/json") || attributes.contains("src=");
        if !is_data {
            found.push(&body[..body_end]);
        }
        rest = &body[body_end + close.len()..];
    }
    found
}

/// The values of the `style` attributes in `html` a policy can allow by hash (`'unsafe-hashes'`):
/// those written without character references, each once. A page the server writes with the
/// app's components carries some (an avatar's colour), where the app in the browser sets the
/// same through the CSSOM, which needs nothing.
pub fn style_attributes(html: &str) -> Vec<&str> {
    let mut found: Vec<&str> = Vec::new();
    for (at, _) in html.match_indices(" style=\"") {
        let value_start = at + " style=\"".len();
        let Some(length) = html[value_start..].find('"') else {
            break;
        };
        let value = &html[value_start..value_start + length];
        if !value.contains('&') && !found.contains(&value) {
            found.push(value);
        }
    }
    found
}

/// Middleware: adds the headers to every response that has not set its own.
pub async fn add_headers(
    State(headers): State<SecurityHeaders>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let set = response.headers_mut();
    // A page that wrote its own policy (a widget's frame) says itself who may frame it.
    let own_policy = set.contains_key(header::CONTENT_SECURITY_POLICY);
    set.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(headers.csp);
    set.entry(header::X_CONTENT_TYPE_OPTIONS)
        .or_insert(HeaderValue::from_static("nosniff"));
    set.entry(header::REFERRER_POLICY)
        .or_insert(HeaderValue::from_static("strict-origin-when-cross-origin"));
    // For browsers that predate CSP's frame-ancestors.
    if !own_policy {
        set.entry(header::X_FRAME_OPTIONS)
            .or_insert(HeaderValue::from_static("DENY"));
    }
    set.entry(HeaderName::from_static("permissions-policy"))
        .or_insert(HeaderValue::from_static(
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_attributes_are_found_once_each_and_only_when_plain() {
        let html = r#"<span style="background-color: hsl(10, 45%, 30%);">A</span>
            <span style="background-color: hsl(10, 45%, 30%);">A</span>
            <span style="color: red">B</span><p data-style="x" style="a &amp; b">C</p>"#;
        assert_eq!(
            style_attributes(html),
            ["background-color: hsl(10, 45%, 30%);", "color: red"]
        );
        assert!(style_attributes("<p>no styles</p>").is_empty());
    }

    #[test]
    fn hashes_what_runs_and_skips_data_blocks_and_files() {
        let html = "<style>a{}</style><styles>no</styles><script type=\"module\">go()</script>\
                    <script type=\"application/json\" data-api-path=\"/x\">{}</script>\
                    <script src=\"/app.js\"></script>";
        assert_eq!(inline_contents(html, "style"), ["a{}"]);
        assert_eq!(inline_contents(html, "script"), ["go()"]);
        let policy = content_security_policy(html);
        assert!(
            policy.contains(&format!("'sha256-{}'", sha256_base64("go()"))),
            "{policy}"
        );
        assert!(policy.contains(&format!(
            "style-src 'self' 'sha256-{}';",
            sha256_base64("a{}")
        )));
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn a_known_hash() {
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            sha256_base64("alert(1)"),
            "bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="
        );
    }
}
