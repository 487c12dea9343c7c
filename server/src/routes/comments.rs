//! `/api/articles/{slug}/comments`: list and post.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use inkuru_api::comments::{
    valid_author_token, valid_idempotency_key, AUTHOR_TOKEN_SCHEME, DEFAULT_THREADS_PER_PAGE,
    IDEMPOTENCY_HEADER, MAX_IDEMPOTENCY_KEY_CHARS, MAX_THREADS_PER_PAGE,
};
use inkuru_api::{CommentList, ErrorBody, FieldErrors, NewComment, PostedComment};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::articles::page_and_size;
use super::slug_or_404;
use crate::db::comments::InsertError;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::{db, AppState};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, create))
}

fn no_article() -> AppError {
    AppError::NotFound("No article has this address.".into())
}

/// The author token in `Authorization: Bearer …`, if the request carries a well-formed one. A
/// malformed or unknown token is no error: it simply shows nothing held.
fn author_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case(AUTHOR_TOKEN_SCHEME) && valid_author_token(token)).then_some(token)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct PageQuery {
    /// Page number, from 1 (default 1).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100000)]
    page: Option<String>,
    /// Threads per page, 1 to 100 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    per_page: Option<String>,
}

/// GET /api/articles/{slug}/comments?page=&per_page= → 200 a page of threads, oldest first (per_page
/// counts threads); 400 bad page numbers; 404 unknown article. With an author token, that author's
/// held comments are included (marked `held`) and the answer is private to them.
#[utoipa::path(get, path = "/articles/{slug}/comments", tag = "comments",
    params(("slug" = String, Path, description = "The article's slug"), PageQuery,
        ("Authorization" = Option<String>, Header, nullable = false, description = "Bearer and the author token a held comment was answered with: includes that author's held comments")),
    responses((status = 200, description = "the answer", body = CommentList),
        (status = 400, body = ErrorBody, description = "bad page numbers"),
        (status = 404, body = ErrorBody, description = "no such article")))]
async fn list(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiQuery(query): ApiQuery<PageQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let slug = slug_or_404(&slug, "article")?;
    let (page, per_page) = page_and_size(
        query.page.as_deref(),
        query.per_page.as_deref(),
        DEFAULT_THREADS_PER_PAGE,
        MAX_THREADS_PER_PAGE,
    )?;
    let token = author_token(&headers);
    let list = db::comments::list(&state.db, &slug, page, per_page, token)
        .await?
        .ok_or_else(no_article)?;
    let mut response = Json(list).into_response();
    if token.is_some() {
        // Another reader must never be shown this author's held comments from a shared cache.
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    }
    Ok(response)
}

/// POST /api/articles/{slug}/comments → 201 the stored comment (published, or held for review
/// with an author token, as the site's policy says); 400 malformed; 404 unknown article; 413 too
/// large; 415 not JSON; 422 with field errors (the shared `inkuru-api` rules, a `parent_id` that is
/// not a comment on this article, and a post that looks automated).
#[utoipa::path(post, path = "/articles/{slug}/comments", tag = "comments",
    params(("slug" = String, Path, description = "The article's slug"),
        ("Idempotency-Key" = Option<String>, Header, nullable = false, pattern = "^[A-Za-z0-9_-]{8,100}$", description = "Names this submission (8 to 100 letters, digits, '-' or '_'; a UUID is ideal): sending it again with the same key answers the comment already stored, never a second copy"),
        ("Authorization" = Option<String>, Header, nullable = false, description = "Bearer and an author token this server issued: a held comment is filed under it, so one browser sees all its held comments")),
    request_body(content = NewComment, content_type = "application/json"),
    responses((status = 201, description = "stored; the comment as published or held, with the author token when held", body = PostedComment),
        (status = 400, body = ErrorBody, description = "malformed JSON, or a malformed Idempotency-Key"),
        (status = 403, body = ErrorBody, description = "comments are closed on this article"),
        (status = 409, body = ErrorBody, description = "the comment a reply answers (`parent_id`) is not on this article, or the Idempotency-Key already names another comment"),
        (status = 404, body = ErrorBody, description = "no such article"),
        (status = 413, body = ErrorBody, description = "body larger than 64 KiB"),
        (status = 415, body = ErrorBody, description = "not application/json"),
        (status = 422, body = ErrorBody, description = "field errors, by field (the shared inkuru-api rules; a post that looks automated is refused at body)"),
        (status = 429, body = ErrorBody, description = "too many writes from this address, or too many comments on this article from everyone; Retry-After says how many seconds to wait")))]
async fn create(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    ApiJson(comment): ApiJson<NewComment>,
) -> AppResult<(StatusCode, Json<PostedComment>)> {
    let slug = slug_or_404(&slug, "article")?;
    let key = match headers.get(IDEMPOTENCY_HEADER).map(|v| v.to_str()) {
        None => None,
        Some(Ok(key)) if valid_idempotency_key(key) => Some(key),
        Some(_) => {
            return Err(AppError::BadRequest(format!(
                "The {IDEMPOTENCY_HEADER} header must be 8 to {MAX_IDEMPOTENCY_KEY_CHARS} letters, digits, '-' or '_'."
            )))
        }
    };
    // The rules are those of the comment as sent (the OpenAPI document states them so); it is
    // stored without surrounding whitespace.
    comment.validate().map_err(AppError::Validation)?;
    let comment = comment.normalised();
    if let Some(message) = comment.automation_error() {
        let mut errors = FieldErrors::new();
        errors.add("body", message);
        return Err(AppError::Validation(errors));
    }
    state
        .limits
        .check_comment_on(slug.as_str())
        .map_err(|seconds| AppError::ArticleBusy { seconds })?;
    let token = author_token(&headers);
    let stored = match db::comments::insert(&state.db, &slug, &comment, key, token).await? {
        Ok(stored) => stored,
        Err(InsertError::NoArticle) => return Err(no_article()),
        Err(InsertError::Closed) => return Err(AppError::CommentsClosed),
        Err(InsertError::NoParent) => return Err(AppError::ParentGone),
        Err(InsertError::KeyReused) => return Err(AppError::KeyReused),
    };
    state.cache.forget_article(slug.as_str());
    tracing::info!(article = %slug, comment = stored.comment.id, status = ?stored.comment.status, "comment posted");
    Ok((
        StatusCode::CREATED,
        Json(PostedComment {
            comment: stored.comment,
            author_token: stored.author_token,
        }),
    ))
}
