//! The `/api` router: one module per resource, plus the JSON answers for unknown paths and methods,
//! and the OpenAPI 3.1 document (`/api/openapi.json`) built from the same registrations, so every
//! route is documented and no documented route is missing.

mod articles;
mod comments;
mod search;
mod sections;
mod site;

pub use site::build_front_page;

use std::sync::Arc;

use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::AppError;
use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Inkuru API",
        description = "The JSON API of Inkuru, a news site: sections, articles, the front page, \
            search, comments and the site's settings. Every error has the same shape (ErrorBody: \
            code, message, field errors). GET answers carry a weak ETag and revalidate with \
            If-None-Match."
    ),
    servers((url = "/api")),
    tags(
        (name = "content", description = "Sections, articles, the front page, search"),
        (name = "comments", description = "Readers' comments"),
        (name = "site", description = "Site settings and health"),
        (name = "desk", description = "The editors' desk: signing in and out (a session cookie)")
    ),
    modifiers(&DeskSession)
)]
struct ApiDoc;

/// The desk's security scheme: the session cookie (`inkuru_api::desk::SESSION_COOKIE`).
struct DeskSession;

impl utoipa::Modify for DeskSession {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "desk_session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                inkuru_api::desk::SESSION_COOKIE,
            ))),
        );
    }
}

/// The API's routes and their OpenAPI document, from one registration.
pub fn routes_and_spec() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health))
        .merge(sections::router())
        .merge(articles::router())
        .merge(comments::router())
        .merge(site::router())
        .merge(search::router())
        .merge(crate::desk::router())
        .split_for_parts()
}

/// Everything under `/api` (mounted by `crate::app`).
pub fn router() -> Router<AppState> {
    let (routes, spec) = routes_and_spec();
    let spec = Arc::new(spec);
    routes
        .route(
            "/openapi.json",
            get(move || {
                let spec = Arc::clone(&spec);
                async move { Json(spec.as_ref().clone()) }
            }),
        )
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}

/// Whether the server and its database answer.
#[utoipa::path(get, path = "/health", tag = "site",
    responses((status = 200, description = "`{\"status\":\"ok\"}`"),
        (status = 500, description = "the server or its database failed (no internals in the message)", body = inkuru_api::ErrorBody)))]
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
