//! The desk's settings (`/api/desk/site`, `/api/desk/articles/{slug}/comments`): the site settings
//! as a whole (comment policy, "Follow us" links, share networks, partner origins…), refused with
//! an error per field when unsound, and one article opened or closed to comments. Each change goes
//! to the audit log and out of the answer cache, so readers see it at once.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use inkuru_api::desk::CommentsSwitch;
use inkuru_api::{ErrorBody, SiteSettings, Slug};

use super::refusals::{JsonBody, NeedsSession, SiteOwnPagesOnly};
use super::session::SignedInEditor;
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use crate::{db, AppState};

/// Replaces the site settings.
#[utoipa::path(put, path = "/desk/site", tag = "desk", request_body = SiteSettings,
    security(("desk_session" = [])),
    responses((status = 200, description = "the settings as stored", body = SiteSettings),
        NeedsSession, SiteOwnPagesOnly, JsonBody,
        (status = 422, description = "not settings, or unsound ones: an error per field", body = ErrorBody)))]
pub async fn put_site(
    State(state): State<AppState>,
    editor: SignedInEditor,
    ApiJson(settings): ApiJson<SiteSettings>,
) -> AppResult<Json<SiteSettings>> {
    let errors = settings.field_errors();
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let before = db::site::get(&state.db).await?;
    db::site::put(&state.db, &settings).await?;
    state.cache.forget_all();
    let target = format!("site settings: {}", changed_fields(&before, &settings));
    db::audit::record(&state.db, &editor.name, "change", &target).await?;
    Ok(Json(settings))
}

/// The top-level fields that differ, by their JSON names in alphabetical order (`nothing` when
/// none do).
fn changed_fields(before: &SiteSettings, after: &SiteSettings) -> String {
    let (Ok(serde_json::Value::Object(before)), Ok(serde_json::Value::Object(after))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return "all".to_owned();
    };
    let changed: Vec<&str> = after
        .iter()
        .filter(|(field, value)| before.get(*field) != Some(*value))
        .map(|(field, _)| field.as_str())
        .collect();
    if changed.is_empty() {
        "nothing".to_owned()
    } else {
        changed.join(", ")
    }
}

/// Opens or closes one article to new comments.
#[utoipa::path(put, path = "/desk/articles/{slug}/comments", tag = "desk",
    params(("slug" = String, Path, description = "The article's slug")),
    request_body = CommentsSwitch,
    security(("desk_session" = [])),
    responses((status = 204, description = "done"),
        NeedsSession, SiteOwnPagesOnly, JsonBody,
        (status = 404, description = "no such article", body = ErrorBody),
        (status = 422, description = "the JSON is not {open}", body = ErrorBody)))]
pub async fn switch_comments(
    State(state): State<AppState>,
    editor: SignedInEditor,
    Path(slug): Path<String>,
    ApiJson(switch): ApiJson<CommentsSwitch>,
) -> AppResult<StatusCode> {
    let no_article = || AppError::NotFound("No article has this address.".into());
    let slug = Slug::parse(&slug).map_err(|_| no_article())?;
    if !db::articles::set_comments_open(&state.db, &slug, switch.open).await? {
        return Err(no_article());
    }
    state.cache.forget_article(slug.as_str());
    let action = if switch.open {
        "open comments"
    } else {
        "close comments"
    };
    db::audit::record(&state.db, &editor.name, action, &format!("article {slug}")).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_audit_names_the_fields_that_changed() {
        let before = crate::db::site::unconfigured();
        let mut after = before.clone();
        assert_eq!(changed_fields(&before, &after), "nothing");
        after.tagline = "News".into();
        after.comments = inkuru_api::CommentPolicy::Closed;
        assert_eq!(changed_fields(&before, &after), "comments, tagline");
    }
}
