//! The comments widget's frame (`/embed/comments/{slug}`): a widget document (`inkuru::ssr::
//! widget_document::comments`) that runs the app's comments program (src/bin/inkuru-comments.rs,
//! built into `dist/comments-frame/` by xtask/src/comments_frame.rs). Partner pages only may
//! frame it.

use std::path::Path;

use axum::extract::{Path as UrlPath, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use inkuru::ssr::widget_document::{self, FrameApp};
use inkuru_api::widgets::{Look, COMMENTS_PROGRAM_FOLDER as FOLDER};
use inkuru_api::Slug;

use super::frame::{self, Framers, SiteStyles};
use crate::error::AppResult;
use crate::{db, AppState};

/// The site path of the comments program's script, as built (absent when the app is not built).
#[derive(Clone, Default)]
pub struct CommentsProgram(Option<String>);

impl CommentsProgram {
    /// The one script in `dist/comments-frame/`.
    pub fn find(dist: &Path) -> Self {
        let script = std::fs::read_dir(dist.join(FOLDER))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| entry.file_name().into_string().ok())
            .find(|name| name.ends_with(".js"))
            .map(|name| format!("/{FOLDER}/{name}"));
        Self(script)
    }
}

/// What the frame script waits for before it says the frame has painted: the comments, drawn.
const READY: &str = "section.comments";

/// GET `/embed/comments/{slug}?theme=&accent=&font=`.
pub async fn frame(
    State(state): State<AppState>,
    Extension(styles): Extension<SiteStyles>,
    Extension(CommentsProgram(script)): Extension<CommentsProgram>,
    UrlPath(slug): UrlPath<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> AppResult<Response> {
    let settings = db::site::get(&state.db).await?;
    let (look, mut problems) =
        Look::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let title = format!("Comments on {}", settings.name);
    let document = frame::document(&settings, &styles, title, look);
    if Slug::parse(&slug).is_err() {
        problems.push("this site has no article at that address.".to_owned());
    }
    let script = match script {
        Some(script) if problems.is_empty() => script,
        _ => {
            if problems.is_empty() {
                problems.push("the site is not built yet.".to_owned());
            }
            let html = widget_document::problem(document.clone(), problems);
            return Ok(frame::answer(
                StatusCode::BAD_REQUEST,
                &document,
                &settings,
                Framers::Partners,
                html,
            ));
        }
    };
    let app = FrameApp {
        script,
        ready: READY,
    };
    let document = widget_document::WidgetDocument {
        app: Some(app),
        ..document
    };
    let html = widget_document::comments(document.clone());
    Ok(frame::answer(
        StatusCode::OK,
        &document,
        &settings,
        Framers::Partners,
        html,
    ))
}
