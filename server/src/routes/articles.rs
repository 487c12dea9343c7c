//! `/api/articles` (lists) and `/api/articles/{slug}`.

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use inkuru_api::paths::{DEFAULT_PER_PAGE, MAX_PER_PAGE};
use inkuru_api::{Article, ArticlePage, Slug};
use serde::Deserialize;

use super::slug_or_404;
use crate::error::{AppError, AppResult};
use crate::{db, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/articles", get(list))
        .route("/articles/{slug}", get(one))
}

/// Query parameters are taken as text and checked here, so a bad value gets a sentence, not a serde dump.
#[derive(Deserialize)]
struct ListQuery {
    section: Option<String>,
    page: Option<String>,
    per_page: Option<String>,
}

pub(super) fn positive(name: &str, value: Option<&str>, default: u32, max: u32) -> AppResult<u32> {
    let Some(value) = value else {
        return Ok(default);
    };
    match value.parse::<u32>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(AppError::BadRequest(format!(
            "`{name}` must be a whole number from 1 to {max}."
        ))),
    }
}

/// GET /api/articles?section=&page=&per_page= → 200 a page of articles (newest first);
/// 400 for a bad page number; 404 for an unknown section.
async fn list(
    State(state): State<AppState>,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> AppResult<Json<ArticlePage>> {
    let Query(query) =
        query.map_err(|_| AppError::BadRequest("The query string could not be read.".into()))?;
    let page = positive("page", query.page.as_deref(), 1, 100_000)?;
    let per_page = positive(
        "per_page",
        query.per_page.as_deref(),
        DEFAULT_PER_PAGE,
        MAX_PER_PAGE,
    )?;
    let section: Option<Slug> = match query.section.as_deref() {
        None | Some("") => None,
        Some(value) => Some(slug_or_404(value, "section")?),
    };
    let tree = db::sections::tree(&state.db).await?;
    db::articles::list(&state.db, &tree, section.as_ref(), page, per_page)
        .await?
        .map(Json)
        .ok_or_else(|| AppError::NotFound("No section has this address.".into()))
}

/// GET /api/articles/{slug} → 200 the article; 404 when there is none.
async fn one(State(state): State<AppState>, Path(slug): Path<String>) -> AppResult<Json<Article>> {
    let slug = slug_or_404(&slug, "article")?;
    let tree = db::sections::tree(&state.db).await?;
    db::articles::get(&state.db, &tree, &slug)
        .await?
        .map(Json)
        .ok_or_else(|| AppError::NotFound("No article has this address.".into()))
}
