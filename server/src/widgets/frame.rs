//! What every widget frame's answer shares: the site's stylesheets (read once from the built
//! index.html, so a frame looks like the site without a second copy of its CSS), the document's
//! head settings, and the frame's Content-Security-Policy.

use std::sync::Arc;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use inkuru::ssr::widget_document::WidgetDocument;
use inkuru::views::widgets::look_style;
use inkuru_api::widgets::Look;
use inkuru_api::SiteSettings;

use crate::security::{inline_contents, sha256_base64, style_attributes};

/// The site's inline stylesheets as built, with their hashes for the policy. Cheap to clone.
#[derive(Clone, Default)]
pub struct SiteStyles(Arc<Vec<String>>);

impl SiteStyles {
    /// The `<style>` elements of the built `index.html` (none when the app is not built).
    pub fn from_index(index_html: Option<&str>) -> Self {
        let styles = index_html
            .map(|html| inline_contents(html, "style"))
            .unwrap_or_default()
            .into_iter()
            .map(str::to_owned)
            .collect();
        Self(Arc::new(styles))
    }
}

/// Who may frame a widget page.
pub enum Framers {
    /// The partner origins of the site settings (headlines, comments).
    Partners,
    /// Any page (an article's card: what a link preview shows, for any oEmbed consumer).
    Anyone,
}

/// The document settings for a frame on this site.
pub fn document(
    settings: &SiteSettings,
    styles: &SiteStyles,
    title: String,
    look: Look,
) -> WidgetDocument {
    WidgetDocument {
        lang: settings
            .languages
            .first()
            .cloned()
            .unwrap_or_else(|| "en".to_owned()),
        title,
        look,
        site_styles: styles.0.as_ref().clone(),
        partners: settings.partner_origins.clone(),
        app: None,
    }
}

/// The policy of a frame whose document is `document`, written as `html`: its own styles and
/// style attributes by hash, the frame script (and the program the document runs, with its
/// wasm) and images from this site, and framing by `framers` only.
fn policy(
    document: &WidgetDocument,
    settings: &SiteSettings,
    framers: &Framers,
    html: &str,
) -> String {
    let mut styles: String = document
        .site_styles
        .iter()
        .cloned()
        .chain(look_style(&document.look))
        .map(|css| format!(" 'sha256-{}'", sha256_base64(&css)))
        .collect();
    let attributes = style_attributes(html);
    if !attributes.is_empty() {
        styles.push_str(" 'unsafe-hashes'");
        for css in attributes {
            styles.push_str(&format!(" 'sha256-{}'", sha256_base64(css)));
        }
    }
    let ancestors = match framers {
        Framers::Partners => super::partners::frame_ancestors(settings),
        Framers::Anyone => "*".to_owned(),
    };
    let wasm = if document.app.is_some() {
        " 'wasm-unsafe-eval'"
    } else {
        ""
    };
    format!(
        "default-src 'none'; script-src 'self'{wasm}; style-src 'self'{styles}; img-src 'self' data:; \
         connect-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors {ancestors}"
    )
}

/// The answer for a frame: `html` (written from `document`) with its policy.
pub fn answer(
    status: StatusCode,
    document: &WidgetDocument,
    settings: &SiteSettings,
    framers: Framers,
    html: String,
) -> Response {
    let policy = policy(document, settings, &framers, &html);
    let policy = HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"));
    (
        status,
        [
            (header::CONTENT_SECURITY_POLICY, policy),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        Html(html),
    )
        .into_response()
}
