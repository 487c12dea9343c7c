//! An article's comments: list and post.

use inkuru_api::{paths, Comment, CommentList, NewComment, Slug};

use super::client::{get_json, post_json, ApiError};

pub async fn list(slug: &Slug) -> Result<CommentList, ApiError> {
    get_json(&paths::comments(slug)).await
}

pub async fn create(slug: &Slug, comment: &NewComment) -> Result<Comment, ApiError> {
    post_json(&paths::comments(slug), comment).await
}
