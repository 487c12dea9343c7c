//! An article's comments: list and post.

use inkuru_api::comments::AUTHOR_TOKEN_SCHEME;
use inkuru_api::{paths, CommentList, NewComment, PostedComment, Slug};

use super::client::{get_json, get_json_authorized, post_json, ApiError};

fn bearer(token: &str) -> String {
    format!("{AUTHOR_TOKEN_SCHEME} {token}")
}

/// The article's comments; with the author token this browser holds, its held comments too.
pub async fn list(slug: &Slug, author_token: Option<&str>) -> Result<CommentList, ApiError> {
    match author_token {
        Some(token) => get_json_authorized(&paths::comments(slug), &bearer(token)).await,
        None => get_json(&paths::comments(slug)).await,
    }
}

/// Posts `comment` as the submission `key`: sending the same submission again with the same key
/// answers the comment already stored (the server guarantees a single copy). The author token,
/// when this browser holds one, files a held comment with the author's others.
pub async fn create(
    slug: &Slug,
    comment: &NewComment,
    key: &str,
    author_token: Option<&str>,
) -> Result<PostedComment, ApiError> {
    let authorization = author_token.map(bearer);
    post_json(
        &paths::comments(slug),
        comment,
        Some(key),
        authorization.as_deref(),
    )
    .await
}

/// A new, unguessable submission key (a UUID from the browser's crypto).
pub fn new_submission_key() -> String {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        // Every browser the app supports has randomUUID; without it, time and chance still make
        // a key unique enough for one reader's resends.
        .unwrap_or_else(|| {
            format!(
                "k{}-{}",
                js_sys::Date::now() as u64,
                (js_sys::Math::random() * 1e12) as u64
            )
        })
}
