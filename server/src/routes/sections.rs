//! `/api/sections`.

use axum::extract::State;
use axum::Json;
use inkuru_api::{ErrorBody, SectionTree};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::AppResult;
use crate::{db, AppState};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(tree))
}

/// The whole section tree: every section with its parent, order and path.
#[utoipa::path(get, path = "/sections", tag = "content",
    responses((status = 200, description = "the answer", body = SectionTree), (status = 500, description = "the server or its database failed (no internals in the message)", body = ErrorBody)))]
async fn tree(State(state): State<AppState>) -> AppResult<Json<SectionTree>> {
    Ok(Json(db::sections::tree(&state.db).await?))
}
