//! The desk's moderation queue (`/api/desk/comments…`) and audit log (`/api/desk/audit`): held
//! comments with their article and the author's email, published or rejected one at a time or
//! several at once, each decision written to the audit log, and readers shown a published comment
//! at once (the answer cache forgets its article).

use axum::extract::State;
use axum::Json;
use inkuru_api::desk::{
    AuditEntry, Decision, Moderate, Moderated, ModerationQueue, QueueState, MAX_DECIDED_AT_ONCE,
};
use inkuru_api::{ErrorBody, Slug};
use serde::Deserialize;
use utoipa::IntoParams;

use super::refusals::{NeedsSession, SiteOwnPagesOnly};
use super::session::SignedInEditor;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiQuery};
use crate::{db, AppState};

/// Comments one answer of the queue lists at most.
const QUEUE_LENGTH: i64 = 200;
/// Audit lines one answer lists at most.
const AUDIT_LENGTH: i64 = 200;

/// Which comments the queue shows.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// `held` (the default), `published` or `spam`.
    #[param(value_type = Option<QueueState>)]
    state: Option<String>,
    /// One article's comments only (its slug).
    article: Option<String>,
}

/// Comments for the desk, newest first (held ones by default), with how many wait in all.
#[utoipa::path(get, path = "/desk/comments", tag = "desk", params(QueueQuery),
    security(("desk_session" = [])),
    responses((status = 200, description = "the queue", body = ModerationQueue),
        (status = 400, description = "an unknown state", body = ErrorBody),
        NeedsSession))]
pub async fn queue(
    State(state): State<AppState>,
    _editor: SignedInEditor,
    ApiQuery(query): ApiQuery<QueueQuery>,
) -> AppResult<Json<ModerationQueue>> {
    let queue_state = match query.state.as_deref() {
        None => QueueState::Held,
        Some(name) => QueueState::parse(name).ok_or_else(|| {
            AppError::BadRequest("state is `held`, `published` or `spam`.".into())
        })?,
    };
    let comments = match query.article.as_deref().filter(|a| !a.is_empty()) {
        None => db::comments::for_desk(&state.db, queue_state, None, QUEUE_LENGTH).await?,
        Some(slug) => match Slug::parse(slug) {
            Ok(slug) => {
                db::comments::for_desk(&state.db, queue_state, Some(&slug), QUEUE_LENGTH).await?
            }
            // No article has an address like this one: none of its comments either.
            Err(_) => Vec::new(),
        },
    };
    let held_total = db::comments::held_total(&state.db).await?;
    Ok(Json(ModerationQueue {
        comments,
        held_total: u32::try_from(held_total).unwrap_or(u32::MAX),
    }))
}

/// Publishes, rejects or marks as spam held comments (publishes spam marked by mistake); each one
/// decided is written to the audit log.
#[utoipa::path(post, path = "/desk/comments/moderate", tag = "desk", request_body = Moderate,
    security(("desk_session" = [])),
    responses((status = 200, description = "what was decided, and what could not be", body = Moderated),
        (status = 400, description = "the body is not JSON, or no comments or too many are named", body = ErrorBody),
        NeedsSession, SiteOwnPagesOnly,
        (status = 415, description = "the body is not sent as JSON", body = ErrorBody),
        (status = 422, description = "the JSON is not comment ids and a decision", body = ErrorBody)))]
pub async fn moderate(
    State(state): State<AppState>,
    editor: SignedInEditor,
    ApiJson(request): ApiJson<Moderate>,
) -> AppResult<Json<Moderated>> {
    if request.ids.is_empty() || request.ids.len() > MAX_DECIDED_AT_ONCE {
        return Err(AppError::BadRequest(format!(
            "name 1 to {MAX_DECIDED_AT_ONCE} comments at once."
        )));
    }
    if request.ids.iter().any(|id| *id < 1) {
        return Err(AppError::BadRequest(
            "comment ids are whole numbers from 1.".into(),
        ));
    }
    let mut answer = Moderated::default();
    for id in request.ids {
        let Some(article) = db::comments::article_of(&state.db, id).await? else {
            answer.skipped.push(id);
            continue;
        };
        let done = match request.decision {
            Decision::Publish => db::comments::publish(&state.db, id).await?,
            Decision::Reject => db::comments::reject(&state.db, id).await?,
            Decision::Spam => db::comments::mark_spam(&state.db, id).await?,
        };
        if !done {
            answer.skipped.push(id);
            continue;
        }
        state.cache.forget_article(&article);
        let target = format!("comment {id} on {article}");
        db::audit::record(&state.db, &editor.name, request.decision.as_str(), &target).await?;
        answer.done.push(id);
    }
    Ok(Json(answer))
}

/// The audit log, newest first.
#[utoipa::path(get, path = "/desk/audit", tag = "desk",
    security(("desk_session" = [])),
    responses((status = 200, description = "the newest lines", body = Vec<AuditEntry>), NeedsSession))]
pub async fn audit(
    State(state): State<AppState>,
    _editor: SignedInEditor,
) -> AppResult<Json<Vec<AuditEntry>>> {
    Ok(Json(db::audit::recent(&state.db, AUDIT_LENGTH).await?))
}
