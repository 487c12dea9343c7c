//! A partner's page for the demo (`--partner-demo-port`, which `cargo xtask serve` passes): what a
//! partner site looks like with Inkuru's widgets on it, on an origin of its own, under the
//! strictest Content-Security-Policy a partner may have (nonces, Trusted Types) to show that the
//! widgets need nothing but `script-src` and `frame-src` for the site. The page is demo content
//! (server/demo/partner.html), with the site's address and a fresh nonce put in.

use axum::http::{header, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use base64::Engine;

const PAGE: &str = include_str!("../demo/partner.html");

/// The demo partner's site for the Inkuru site at `site` (`http://127.0.0.1:8080`).
pub fn router(site: &str) -> Router {
    let site = site.to_owned();
    Router::new().route("/", get(move || page(site.clone())))
}

async fn page(site: String) -> Response {
    let nonce = nonce();
    let policy = format!(
        "default-src 'none'; script-src 'nonce-{nonce}' {site}; style-src 'nonce-{nonce}'; \
         frame-src {site}; img-src 'self' data:; base-uri 'none'; form-action 'none'; \
         require-trusted-types-for 'script'; trusted-types 'none'"
    );
    let html = PAGE.replace("{{SITE}}", &site).replace("{{NONCE}}", &nonce);
    let mut response = Html(html).into_response();
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}

/// 16 bytes from the operating system's generator, base64: a nonce no one can guess ahead of the
/// page (a fixed one if the generator fails, which only weakens this demo's own policy).
fn nonce() -> String {
    let mut bytes = [0u8; 16];
    let _ = getrandom::fill(&mut bytes);
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
