//! The editors' desk API (`/api/desk/…`, issue 15). This module owns signing in and out
//! (`session`), the rules every desk request meets (`guard`: writes from the site's own pages
//! only, answers no cache keeps), the moderation queue with its audit log (`moderation`), and the
//! site's and articles' settings (`settings`).

pub mod guard;
pub mod moderation;
pub mod refusals;
pub mod session;
pub mod settings;

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use inkuru_api::desk::{SignIn, SignedIn};
use inkuru_api::ErrorBody;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::editors;
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use crate::{db, AppState};

use refusals::{JsonBody, NeedsSession, SiteOwnPagesOnly};
use session::SignedInEditor;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_in, signed_in, sign_out))
        .routes(routes!(moderation::queue))
        .routes(routes!(moderation::moderate))
        .routes(routes!(moderation::audit))
        .routes(routes!(settings::put_site))
        .routes(routes!(settings::switch_comments))
        .layer(axum::middleware::from_fn(guard::desk_rules))
}

/// Signs an editor in: a new session, its id in the `inkuru_desk` cookie. An unknown name and a
/// wrong password get the same answer, after the same work; attempts on one name are limited.
#[utoipa::path(post, path = "/desk/session", tag = "desk", request_body = SignIn,
    responses((status = 200, description = "signed in; the session cookie is set", body = SignedIn),
        (status = 401, description = "no editor has this name and password", body = ErrorBody),
        SiteOwnPagesOnly, JsonBody,
        (status = 422, description = "the JSON is not a name and a password", body = ErrorBody),
        (status = 429, description = "too many attempts on this name or from this address", body = ErrorBody)))]
async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(attempt): ApiJson<SignIn>,
) -> AppResult<Response> {
    state
        .limits
        .check_sign_in(&attempt.name)
        .map_err(|seconds| AppError::RateLimited { seconds })?;
    let Some(editor_id) = check_password(&state, &attempt).await? else {
        tracing::info!(name = %attempt.name, "desk sign-in refused");
        return Err(AppError::WrongCredentials);
    };
    let id = session::new_id()?;
    db::editors::start_session(&state.db, &session::hash(&id), editor_id, session::now_ms())
        .await?;
    tracing::info!(name = %attempt.name, "editor signed in");
    db::audit::record(&state.db, &attempt.name, "sign in", "the desk").await?;
    let cookie = session::cookie(&id, session::is_https(&headers));
    Ok(with_cookie(cookie, Json(SignedIn { name: attempt.name })))
}

/// The editor's id when `attempt` names an editor with that password. An unknown name is checked
/// against a stand-in hash, so both refusals cost the same time.
async fn check_password(state: &AppState, attempt: &SignIn) -> AppResult<Option<i64>> {
    if attempt.password.len() > editors::MAX_PASSWORD_BYTES {
        return Ok(None);
    }
    let stored = db::editors::password_hash(&state.db, &attempt.name).await?;
    let password = attempt.password.clone();
    // argon2 is deliberately slow: off the async workers, so other requests go on meanwhile.
    tokio::task::spawn_blocking(move || match stored {
        Some((id, hash)) => editors::verify_password(&password, &hash).then_some(id),
        None => {
            let _ = editors::verify_password(&password, editors::stand_in_hash());
            None
        }
    })
    .await
    .map_err(AppError::internal)
}

/// Who is signed in with this request's session.
#[utoipa::path(get, path = "/desk/session", tag = "desk",
    security(("desk_session" = [])),
    responses((status = 200, description = "the signed-in editor", body = SignedIn), NeedsSession))]
async fn signed_in(editor: SignedInEditor) -> Json<SignedIn> {
    Json(SignedIn { name: editor.name })
}

/// Signs out: the session ends on the server and the cookie is cleared.
#[utoipa::path(delete, path = "/desk/session", tag = "desk",
    security(("desk_session" = [])),
    responses((status = 204, description = "signed out"), NeedsSession, SiteOwnPagesOnly))]
async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    editor: SignedInEditor,
) -> AppResult<Response> {
    db::editors::end_session(&state.db, &editor.id_hash).await?;
    tracing::info!(name = %editor.name, "editor signed out");
    db::audit::record(&state.db, &editor.name, "sign out", "the desk").await?;
    let cookie = session::cleared_cookie(session::is_https(&headers));
    Ok(with_cookie(cookie, axum::http::StatusCode::NO_CONTENT))
}

fn with_cookie(cookie: String, answer: impl IntoResponse) -> Response {
    let mut response = answer.into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}
