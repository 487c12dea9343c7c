//! The comments widget's frame (`/embed/comments/{slug}`): the site's own built document (Trunk's
//! index.html, so the app and its chunks load as on the site) with nothing written in its header,
//! footer or main, and a widget head (`inkuru::views::WidgetHead`) where the page's head tags go.
//! The app sees the address and runs the comments alone (`inkuru::embed`). Partner pages only may
//! frame it.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Extension;
use inkuru::ssr::{widget_document, HEAD_MARKER};
use inkuru::views::widgets::look_style;
use inkuru_api::widgets::Look;
use inkuru_api::Slug;

use super::frame::{self, SiteStyles};
use crate::error::AppResult;
use crate::security::framed_policy;
use crate::shell::Shell;
use crate::{db, AppState};

/// The built document, cut, and as written (for its policy). Absent when the app is not built.
#[derive(Clone)]
pub struct AppShell(pub Option<(Shell, Arc<String>)>);

/// What the frame script waits for before it says the frame has painted: the comments, drawn.
const READY: &str = "section.comments";

/// GET `/embed/comments/{slug}?theme=&accent=&font=`.
pub async fn frame(
    State(state): State<AppState>,
    Extension(styles): Extension<SiteStyles>,
    Extension(AppShell(shell)): Extension<AppShell>,
    Path(slug): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    let settings = db::site::get(&state.db).await?;
    let (look, problems) = Look::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let title = format!("Comments on {}", settings.name);
    let document = frame::document(&settings, &styles, title, look.clone());
    let (Some((shell, index_html)), Ok(_), true) = (shell, Slug::parse(&slug), problems.is_empty())
    else {
        let mut problems = problems;
        if Slug::parse(&slug).is_err() {
            problems.push("this site has no article at that address.".to_owned());
        }
        if problems.is_empty() {
            problems.push("the site is not built yet.".to_owned());
        }
        let html = widget_document::problem(document.clone(), problems);
        return Ok(frame::answer(
            StatusCode::BAD_REQUEST,
            &document,
            &settings,
            frame::Framers::Partners,
            html,
        ));
    };
    let parts = shell.parts();
    let head = widget_document::shell_head(document, READY);
    let html = [
        parts.to_header.replacen(HEAD_MARKER, &head, 1).as_str(),
        &parts.header_to_main,
        &parts.main_to_footer,
        &parts.footer_to_end_of_body,
        &parts.end_of_body,
    ]
    .concat();
    let ancestors = super::partners::frame_ancestors(&settings);
    let policy = framed_policy(&index_html, &ancestors, look_style(&look).as_deref());
    let policy = HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"));
    Ok((
        [
            (header::CONTENT_SECURITY_POLICY, policy),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        Html(html),
    )
        .into_response())
}
