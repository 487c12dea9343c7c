//! The `/api` router: one module per resource, plus the JSON answers for unknown paths and methods.

mod articles;
mod comments;
mod search;
mod sections;
mod site;

use axum::routing::get;
use axum::{Json, Router};

use crate::error::AppError;
use crate::AppState;

/// Everything under `/api` (mounted by `crate::app`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .merge(sections::router())
        .merge(articles::router())
        .merge(comments::router())
        .merge(site::router())
        .merge(search::router())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}

/// GET /api/health → 200 `{"status":"ok"}` once the database answers.
async fn health(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Result<Json<serde_json::Value>, AppError> {
    sqlx::query("SELECT 1").execute(&state.db).await?;
    Ok(Json(serde_json::json!({ "status": "ok" })))
}

async fn not_found() -> AppError {
    AppError::NotFound("There is no API endpoint at this address.".into())
}

async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}

/// Parses a slug from a path; a malformed one cannot name anything, so it is a 404, not a 400.
fn slug_or_404(value: &str, what: &str) -> Result<inkuru_api::Slug, AppError> {
    inkuru_api::Slug::parse(value)
        .map_err(|_| AppError::NotFound(format!("No {what} has this address.")))
}
