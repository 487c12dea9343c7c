//! `/api/search?q=&page=&per_page=`.

use axum::extract::State;
use axum::Json;
use inkuru_api::paths::{DEFAULT_PER_PAGE, MAX_PER_PAGE};
use inkuru_api::search::terms;
use inkuru_api::{ErrorBody, QueryProblem, SearchResults};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::articles::page_and_size;
use crate::error::{AppError, AppResult};
use crate::extract::ApiQuery;
use crate::{db, AppState};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(search))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct SearchQuery {
    /// What to search for: words (letters and digits); everything else separates them (a query
    /// of no words finds nothing). Not only whitespace; at most 200 characters; the first 12
    /// words are used, each matched as a word prefix.
    #[param(value_type = String, required = true, max_length = 200, pattern = "[^\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]")]
    q: Option<String>,
    /// Page number, from 1 (default 1).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100000)]
    page: Option<String>,
    /// Results per page, 1 to 50 (default 12).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    per_page: Option<String>,
}

/// Full-text search over headlines, standfirsts and bodies: every word must match; best first.
/// Past the last page: no items.
#[utoipa::path(get, path = "/search", tag = "content", params(SearchQuery),
    responses((status = 200, description = "the answer", body = SearchResults),
        (status = 400, body = ErrorBody, description = "empty or overlong query, bad page numbers")))]
async fn search(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<SearchQuery>,
) -> AppResult<Json<SearchResults>> {
    let asked = query.q.as_deref().unwrap_or("");
    if asked.trim().is_empty() {
        return Err(AppError::BadRequest(QueryProblem::Empty.to_string()));
    }
    let (page, per_page) = page_and_size(
        query.page.as_deref(),
        query.per_page.as_deref(),
        DEFAULT_PER_PAGE,
        MAX_PER_PAGE,
    )?;
    let terms = match terms(asked) {
        Ok(terms) => terms,
        // Punctuation alone: a query, of no words, that finds nothing.
        Err(QueryProblem::Empty) => {
            return Ok(Json(SearchResults {
                query: String::new(),
                items: Vec::new(),
                page,
                per_page,
                total: 0,
            }))
        }
        Err(problem) => return Err(AppError::BadRequest(problem.to_string())),
    };
    let tree = db::sections::tree(&state.db).await?;
    Ok(Json(
        db::search::search(&state.db, &tree, &terms, page, per_page).await?,
    ))
}
