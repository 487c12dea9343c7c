//! Article lists and single articles.

use inkuru_api::{paths, Article, ArticlePage, FrontPage, Slug};

use super::client::{get_json, ApiError};

/// A page of articles, newest first, for a section (with its subsections) or the whole site.
pub async fn list(section: Option<&Slug>, page: u32) -> Result<ArticlePage, ApiError> {
    get_json(&paths::articles(section, page)).await
}

/// One article; a malformed slug is simply not found, without a request.
pub async fn get(slug: &str) -> Result<Article, ApiError> {
    let slug =
        Slug::parse(slug).map_err(|_| ApiError::NotFound("No article has this address.".into()))?;
    get_json(&paths::article(&slug)).await
}

/// The front page: the lead story and each top-level section's top stories.
pub async fn front_page() -> Result<FrontPage, ApiError> {
    get_json(paths::FRONT_PAGE).await
}
