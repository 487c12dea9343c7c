//! `AppError`: every way a request can fail, turned into the one JSON error shape of `inkuru-api`.
//! Internal causes (SQL, I/O) are logged here and never reach the response.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use inkuru_api::{ErrorBody, ErrorCode, FieldErrors};

#[derive(Debug)]
pub enum AppError {
    /// 400: the request could not be read.
    BadRequest(String),
    /// 404: nothing here; the message says what was looked for.
    NotFound(String),
    /// 405.
    MethodNotAllowed,
    /// 413.
    PayloadTooLarge,
    /// 415.
    UnsupportedMediaType,
    /// 422 with per-field messages.
    Validation(FieldErrors),
    /// 403: the article (or the site) takes no comments now.
    CommentsClosed,
    /// 409: the comment a reply answers is not on the article (any more).
    ParentGone,
    /// 409: the submission key already names another comment.
    KeyReused,
    /// 429: wait this many seconds (also sent as `Retry-After`).
    RateLimited { seconds: u64 },
    /// 429: this article is taking comments faster than it accepts, from everyone together.
    ArticleBusy { seconds: u64 },
    /// 401: the desk needs a signed-in editor.
    SignInRequired,
    /// 401: no editor has this name and password.
    WrongCredentials,
    /// 403: a desk write from another site's page.
    CrossOrigin,
    /// 500: the cause goes to the log only.
    Internal(String),
}

impl AppError {
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        AppError::Internal(cause.to_string())
    }

    fn status_and_body(self) -> (StatusCode, ErrorBody) {
        match self {
            AppError::BadRequest(message) => (
                StatusCode::BAD_REQUEST,
                ErrorBody::new(ErrorCode::BadRequest, message),
            ),
            AppError::NotFound(message) => (
                StatusCode::NOT_FOUND,
                ErrorBody::new(ErrorCode::NotFound, message),
            ),
            AppError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                ErrorBody::new(
                    ErrorCode::MethodNotAllowed,
                    "This method is not allowed here.",
                ),
            ),
            AppError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorBody::new(ErrorCode::PayloadTooLarge, "The request body is too large."),
            ),
            AppError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorBody::new(
                    ErrorCode::UnsupportedMediaType,
                    "Send the request body as JSON (Content-Type: application/json).",
                ),
            ),
            AppError::Validation(fields) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorBody {
                    code: ErrorCode::Validation,
                    message: "Some fields need attention.".into(),
                    fields,
                },
            ),
            AppError::ParentGone => (
                StatusCode::CONFLICT,
                ErrorBody::new(
                    ErrorCode::ParentGone,
                    "The comment you are replying to is not on this article (it may have been removed).",
                ),
            ),
            AppError::KeyReused => (
                StatusCode::CONFLICT,
                ErrorBody::new(
                    ErrorCode::KeyReused,
                    "This Idempotency-Key already names another comment: send a new comment under a new key.",
                ),
            ),
            AppError::CommentsClosed => (
                StatusCode::FORBIDDEN,
                ErrorBody::new(
                    ErrorCode::CommentsClosed,
                    "Comments are closed on this article.",
                ),
            ),
            AppError::RateLimited { seconds } => (
                StatusCode::TOO_MANY_REQUESTS,
                ErrorBody::new(
                    ErrorCode::RateLimited,
                    format!(
                        "You are sending faster than we accept. Please wait {} and try again; nothing you wrote is lost.",
                        if seconds == 1 { "a second".to_owned() } else { format!("{seconds} seconds") }
                    ),
                ),
            ),
            AppError::ArticleBusy { seconds } => (
                StatusCode::TOO_MANY_REQUESTS,
                ErrorBody::new(
                    ErrorCode::RateLimited,
                    format!(
                        "This article is receiving a great many comments right now. Please wait {} and try again; nothing you wrote is lost.",
                        if seconds == 1 { "a second".to_owned() } else { format!("{seconds} seconds") }
                    ),
                ),
            ),
            AppError::SignInRequired => (
                StatusCode::UNAUTHORIZED,
                ErrorBody::new(
                    ErrorCode::SignInRequired,
                    "Please sign in to the desk (your session may have ended).",
                ),
            ),
            AppError::WrongCredentials => (
                StatusCode::UNAUTHORIZED,
                ErrorBody::new(
                    ErrorCode::WrongCredentials,
                    "That name and password do not match an editor. Check both and try again.",
                ),
            ),
            AppError::CrossOrigin => (
                StatusCode::FORBIDDEN,
                ErrorBody::new(
                    ErrorCode::CrossOrigin,
                    "The desk takes changes from its own pages only.",
                ),
            ),
            AppError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorBody::new(
                        ErrorCode::Internal,
                        "Something went wrong on our side. Please try again in a moment.",
                    ),
                )
            }
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        AppError::internal(error)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let retry_after = match &self {
            AppError::RateLimited { seconds } | AppError::ArticleBusy { seconds } => {
                Some(seconds.to_string())
            }
            _ => None,
        };
        let (status, body) = self.status_and_body();
        let mut response = (status, Json(body)).into_response();
        if let Some(value) = retry_after.and_then(|v| HeaderValue::from_str(&v).ok()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

pub type AppResult<T> = Result<T, AppError>;
