//! The section tree.

use inkuru_api::{paths, SectionTree};

use super::client::{get_json, ApiError};

pub async fn tree() -> Result<SectionTree, ApiError> {
    get_json(paths::SECTIONS).await
}
