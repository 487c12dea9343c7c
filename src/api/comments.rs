//! An article's comments: list and post.

use inkuru_api::{paths, Comment, CommentList, NewComment, Slug};

use super::client::{get_json, post_json, ApiError};

pub async fn list(slug: &Slug) -> Result<CommentList, ApiError> {
    get_json(&paths::comments(slug)).await
}

/// Posts `comment` as the submission `key`: sending the same submission again with the same key
/// answers the comment already stored (the server guarantees a single copy).
pub async fn create(slug: &Slug, comment: &NewComment, key: &str) -> Result<Comment, ApiError> {
    post_json(&paths::comments(slug), comment, Some(key)).await
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
