//! `/api/search?q=&page=&per_page=`.

use axum::extract::{Query, State};
use axum::Json;
use inkuru_api::paths::{DEFAULT_PER_PAGE, MAX_PER_PAGE};
use inkuru_api::search::terms;
use inkuru_api::{ErrorBody, SearchResults};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::articles::page_and_size;
use crate::error::{AppError, AppResult};
use crate::{db, AppState};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(search))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct SearchQuery {
    /// What to search for: words (letters and digits); everything else separates them. At most
    /// 200 characters; the first 12 words are used, each matched as a word prefix.
    q: Option<String>,
    /// Page number, from 1 (default 1).
    page: Option<String>,
    /// Results per page, 1 to 50 (default 12).
    per_page: Option<String>,
}

/// Full-text search over headlines, standfirsts and bodies: every word must match; best first.
/// Past the last page: no items.
#[utoipa::path(get, path = "/search", tag = "content", params(SearchQuery),
    responses((status = 200, description = "the answer", body = SearchResults),
        (status = 400, body = ErrorBody, description = "empty or overlong query, bad page numbers")))]
async fn search(
    State(state): State<AppState>,
    Query(query): Query<SearchQuery>,
) -> AppResult<Json<SearchResults>> {
    let terms = terms(query.q.as_deref().unwrap_or(""))
        .map_err(|problem| AppError::BadRequest(problem.to_string()))?;
    let (page, per_page) = page_and_size(
        query.page.as_deref(),
        query.per_page.as_deref(),
        DEFAULT_PER_PAGE,
        MAX_PER_PAGE,
    )?;
    let tree = db::sections::tree(&state.db).await?;
    Ok(Json(
        db::search::search(&state.db, &tree, &terms, page, per_page).await?,
    ))
}
