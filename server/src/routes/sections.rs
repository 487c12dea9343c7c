//! `/api/sections`.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use inkuru_api::{paths, SectionTree};

use crate::error::AppResult;
use crate::{db, AppState};

pub fn router() -> Router<AppState> {
    Router::new().route(paths::SECTIONS.trim_start_matches("/api"), get(tree))
}

/// GET /api/sections → 200 the whole section tree.
async fn tree(State(state): State<AppState>) -> AppResult<Json<SectionTree>> {
    Ok(Json(db::sections::tree(&state.db).await?))
}
