//! `/api/articles/{slug}/comments`: list and post.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use inkuru_api::{Comment, CommentList, NewComment};

use super::slug_or_404;
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use crate::{db, AppState};

pub fn router() -> Router<AppState> {
    Router::new().route("/articles/{slug}/comments", get(list).post(create))
}

fn no_article() -> AppError {
    AppError::NotFound("No article has this address.".into())
}

/// GET /api/articles/{slug}/comments → 200 the comments, oldest first; 404 unknown article.
async fn list(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Json<CommentList>> {
    let slug = slug_or_404(&slug, "article")?;
    db::comments::list(&state.db, &slug)
        .await?
        .map(Json)
        .ok_or_else(no_article)
}

/// POST /api/articles/{slug}/comments → 201 the stored comment; 400 malformed; 404 unknown
/// article; 413 too large; 415 not JSON; 422 with field errors (the shared `inkuru-api` rules).
async fn create(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiJson(comment): ApiJson<NewComment>,
) -> AppResult<(StatusCode, Json<Comment>)> {
    let slug = slug_or_404(&slug, "article")?;
    let comment = comment.normalised();
    comment.validate().map_err(AppError::Validation)?;
    let stored = db::comments::insert(&state.db, &slug, &comment)
        .await?
        .ok_or_else(no_article)?;
    tracing::info!(article = %slug, comment = stored.id, "comment posted");
    Ok((StatusCode::CREATED, Json(stored)))
}
