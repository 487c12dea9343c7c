//! The comments widget's frame (`/embed/comments/{slug}`): a widget document (`inkuru::ssr::
//! widget_document::comments`) that runs the app's comments program (src/bin/inkuru-comments.rs,
//! built into `dist/comments-frame/` by xtask/src/comments_frame.rs). Partner pages only may
//! frame it.

use std::path::Path;

use axum::extract::{Path as UrlPath, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use inkuru::ssr::widget_document::{self, FrameApp, WidgetDocument};
use inkuru_api::widgets::{Look, COMMENTS_PROGRAM_FOLDER as FOLDER};
use inkuru_api::{paths, Article, CommentList, Slug};

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
    let found = match Slug::parse(&slug) {
        Ok(slug) => first_view(&state, &slug).await?,
        Err(_) => None,
    };
    let mut status = StatusCode::BAD_REQUEST;
    if found.is_none() {
        problems.push("this site has no article at that address.".to_owned());
        status = StatusCode::NOT_FOUND;
    }
    if script.is_none() {
        problems.push("the site is not built yet.".to_owned());
    }
    let (Some(script), Some((article, comments)), true) = (script, found, problems.is_empty())
    else {
        let html = widget_document::problem(document.clone(), problems);
        return Ok(frame::answer(
            status,
            &document,
            &settings,
            Framers::Partners,
            html,
        ));
    };
    let answers = [
        answer(paths::article(&article.slug), &article),
        answer(paths::comments(&article.slug), &comments),
        answer(paths::SITE.to_owned(), &settings),
    ]
    .into_iter()
    .flatten()
    .collect();
    let document = WidgetDocument {
        app: Some(FrameApp { script, answers }),
        ..document
    };
    let html = widget_document::comments(document.clone(), article, comments.comments);
    Ok(frame::answer(
        StatusCode::OK,
        &document,
        &settings,
        Framers::Partners,
        html,
    ))
}

/// The article and the first page of its published comments, as the API answers them to anyone
/// (`None` when there is no such article).
async fn first_view(state: &AppState, slug: &Slug) -> AppResult<Option<(Article, CommentList)>> {
    let tree = db::sections::tree(&state.db).await?;
    let Some(article) = db::articles::get(&state.db, &tree, slug).await? else {
        return Ok(None);
    };
    let comments = db::comments::list(
        &state.db,
        slug,
        1,
        inkuru_api::comments::DEFAULT_THREADS_PER_PAGE,
        None,
    )
    .await?;
    Ok(comments.map(|comments| (article, comments)))
}

/// An API answer for the document to carry: (path, JSON).
fn answer<T: serde::Serialize>(path: String, value: &T) -> Option<(String, String)> {
    serde_json::to_string(value).ok().map(|json| (path, json))
}
