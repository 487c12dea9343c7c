//! The editors' desk's calls (`/api/desk/…`). The session cookie goes along by itself (same
//! origin, `SameSite=Strict`); every answer is the editor's own, so none is taken from the page.

use inkuru_api::desk::{
    AuditEntry, CommentsSwitch, Moderate, Moderated, ModerationQueue, QueueState, SignIn, SignedIn,
};
use inkuru_api::{paths, SiteSettings, Slug};

use super::client::{decode_answer, get_json_own, send_json, ApiError, Method};

/// Whether `error` means the desk needs a (new) sign-in: no session, or one that has ended.
pub fn needs_sign_in(error: &ApiError) -> bool {
    matches!(error, ApiError::Server { status: 401, .. })
}

/// The editor this browser is signed in as, or `None`.
pub async fn signed_in() -> Result<Option<SignedIn>, ApiError> {
    match get_json_own(paths::DESK_SESSION).await {
        Ok(editor) => Ok(Some(editor)),
        Err(error) if needs_sign_in(&error) => Ok(None),
        Err(error) => Err(error),
    }
}

pub async fn sign_in(attempt: &SignIn) -> Result<SignedIn, ApiError> {
    decode_answer(&send_json(Method::POST, paths::DESK_SESSION, Some(attempt)).await?)
}

pub async fn sign_out() -> Result<(), ApiError> {
    send_json::<()>(Method::DELETE, paths::DESK_SESSION, None).await?;
    Ok(())
}

/// Comments in `state`, newest first, of one article or all.
pub async fn queue(state: QueueState, article: Option<&Slug>) -> Result<ModerationQueue, ApiError> {
    get_json_own(&paths::desk_queue(state, article)).await
}

pub async fn moderate(decision: &Moderate) -> Result<Moderated, ApiError> {
    decode_answer(&send_json(Method::POST, paths::DESK_MODERATE, Some(decision)).await?)
}

pub async fn audit() -> Result<Vec<AuditEntry>, ApiError> {
    get_json_own(paths::DESK_AUDIT).await
}

/// The site settings as they stand now (from the network: the desk edits them).
pub async fn site() -> Result<SiteSettings, ApiError> {
    get_json_own(paths::SITE).await
}

/// Saves the site settings; the answer is the settings as stored.
pub async fn save_site(settings: &SiteSettings) -> Result<SiteSettings, ApiError> {
    decode_answer(&send_json(Method::PUT, paths::DESK_SITE, Some(settings)).await?)
}

/// Opens or closes one article to new comments.
pub async fn switch_comments(slug: &Slug, open: bool) -> Result<(), ApiError> {
    let switch = CommentsSwitch { open };
    send_json(
        Method::PUT,
        &paths::desk_article_comments(slug),
        Some(&switch),
    )
    .await?;
    Ok(())
}

/// One article as it stands now (whether it takes comments), from the network.
pub async fn article(slug: &Slug) -> Result<inkuru_api::Article, ApiError> {
    get_json_own(&paths::article(slug)).await
}
