//! Full-text search over the site's articles.

use inkuru_api::{paths, SearchResults};

use super::client::{get_json, ApiError};

/// One page of articles matching `query`, best first.
pub async fn find(query: &str, page: u32) -> Result<SearchResults, ApiError> {
    get_json(&paths::search(query, page)).await
}
