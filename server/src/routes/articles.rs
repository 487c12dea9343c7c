//! `/api/articles` (lists) and `/api/articles/{slug}`.

use axum::extract::{Path, State};
use axum::Json;
use inkuru_api::paths::{DEFAULT_PER_PAGE, MAX_PER_PAGE};
use inkuru_api::{Article, ArticlePage, ErrorBody, Slug};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::slug_or_404;
use crate::error::{AppError, AppResult};
use crate::extract::ApiQuery;
use crate::{db, AppState};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(one))
}

/// Query parameters are taken as text and checked here, so a bad value gets a sentence, not a serde dump.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// A section's slug: its articles and those of its subsections.
    section: Option<String>,
    /// Page number, from 1 (default 1).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100000)]
    page: Option<String>,
    /// Articles per page, 1 to 50 (default 12).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    per_page: Option<String>,
}

/// `page` (1 to 100,000, default 1) and `per_page` (1 to `max`, default `default`) from a query.
pub(super) fn page_and_size(
    page: Option<&str>,
    per_page: Option<&str>,
    default: u32,
    max: u32,
) -> AppResult<(u32, u32)> {
    Ok((
        positive("page", page, 1, 100_000)?,
        positive("per_page", per_page, default, max)?,
    ))
}

fn positive(name: &str, value: Option<&str>, default: u32, max: u32) -> AppResult<u32> {
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

/// A page of articles, newest first: all of them, or a section's with its subsections'. Past the
/// last page: no items.
#[utoipa::path(get, path = "/articles", tag = "content", params(ListQuery),
    responses((status = 200, description = "the answer", body = ArticlePage),
        (status = 400, body = ErrorBody, description = "bad page numbers"),
        (status = 404, body = ErrorBody, description = "no such section")))]
async fn list(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> AppResult<Json<ArticlePage>> {
    let (page, per_page) = page_and_size(
        query.page.as_deref(),
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

/// One article, with its section path (for breadcrumbs), picture and sanitised body.
#[utoipa::path(get, path = "/articles/{slug}", tag = "content",
    params(("slug" = String, Path, description = "The article's slug")),
    responses((status = 200, description = "the answer", body = Article),
        (status = 404, body = ErrorBody, description = "no such article")))]
async fn one(State(state): State<AppState>, Path(slug): Path<String>) -> AppResult<Json<Article>> {
    let slug = slug_or_404(&slug, "article")?;
    let tree = db::sections::tree(&state.db).await?;
    db::articles::get(&state.db, &tree, &slug)
        .await?
        .map(Json)
        .ok_or_else(|| AppError::NotFound("No article has this address.".into()))
}
