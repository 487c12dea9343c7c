//! `/api/search?q=&page=&per_page=`.

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use inkuru_api::paths::{DEFAULT_PER_PAGE, MAX_PER_PAGE};
use inkuru_api::search::terms;
use inkuru_api::SearchResults;
use serde::Deserialize;

use super::articles::positive;
use crate::error::{AppError, AppResult};
use crate::{db, AppState};

pub fn router() -> Router<AppState> {
    Router::new().route("/search", get(search))
}

#[derive(Deserialize)]
struct SearchQuery {
    q: Option<String>,
    page: Option<String>,
    per_page: Option<String>,
}

/// GET /api/search?q= → 200 a page of matches, best first; 400 with a sentence for an empty or
/// overlong query or a bad page number. Past the last page: 200 with no items.
async fn search(
    State(state): State<AppState>,
    Query(query): Query<SearchQuery>,
) -> AppResult<Json<SearchResults>> {
    let terms = terms(query.q.as_deref().unwrap_or(""))
        .map_err(|problem| AppError::BadRequest(problem.to_string()))?;
    let page = positive("page", query.page.as_deref(), 1, 100_000)?;
    let per_page = positive(
        "per_page",
        query.per_page.as_deref(),
        DEFAULT_PER_PAGE,
        MAX_PER_PAGE,
    )?;
    let tree = db::sections::tree(&state.db).await?;
    Ok(Json(
        db::search::search(&state.db, &tree, &terms, page, per_page).await?,
    ))
}
